"""The corruption complaint channel as its people use it, in a real browser: a citizen reports
with an evidence file (the receipt code shown, the page printed as the A5 slip, the Word slip
downloaded), follows the case with the code; a complaint officer signs in, acknowledges,
replies and asks a question; the citizen answers; the officer concludes and closes the case;
the public statistics show it. Then the server's own log of the whole run is read: it must hold
no receipt code, nothing the citizen wrote and no client address.

The server here is a separate one at log level info (the shared one runs at warning, which
would make the log check say nothing)."""
import base64
import io
import os
import re
import subprocess
import tempfile
import urllib.parse
import urllib.request
import zipfile

import pytest

from conftest import ORG_SLUG, PASSWORD, Server, ROOT

WHAT = "ปลัดเรียกรับเงินค่าผ่านงานถนนหมู่ 7 E2E-WHAT-7731"
WHO = "นายสมมติ ไม่มีจริง E2E-WHO-4410"
PLACE = "ศาลาประชาคมหมู่ 7 E2E-PLACE-2288"
REPLY = "ขอสำเนาใบเสร็จที่กล่าวถึงได้หรือไม่ E2E-REPLY-5150"
ANSWER = "ใบเสร็จลงวันที่ 3 มีนาคม เลขที่ 45 E2E-ANSWER-9034"
FILE_MARK = b"E2E-FILE-6621"


@pytest.fixture(scope="module")
def complaint_server():
    binary = os.path.abspath(os.environ.get("SUJARIT_BIN", os.path.join(ROOT, ".build", "debug", "sujarit")))
    if not os.access(binary, os.X_OK):
        pytest.fail(f"no sujarit binary at {binary}: run e2e/run (it builds it) or set SUJARIT_BIN")
    running = Server(binary)
    running.env["LOG_LEVEL"] = "info"
    try:
        running.start()
        running.command("user", "create", "--username", "complaints", "--name", "เจ้าหน้าที่รับเรื่อง ทดสอบ", "--org", ORG_SLUG,
                        "--role", "viewer", "--password-stdin", stdin=PASSWORD + "\n")
        running.command("complaints", "officer", "--org", ORG_SLUG, "--username", "complaints")
        yield running
    finally:
        running.stop()


@pytest.fixture
def people(complaint_server, screenshots):
    from browser import Browser
    opened = []

    def open_browser(width=1280, height=1000):
        browser = Browser(complaint_server.url, width=width, height=height, screenshots=screenshots)
        opened.append(browser)
        return browser

    yield open_browser
    for browser in opened:
        browser.close()


def evidence_file(folder):
    """A small real PDF with a mark inside, as a citizen's scanned receipt."""
    path = os.path.join(folder, "ใบเสร็จ.pdf")
    body = b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n% " + FILE_MARK + b"\ntrailer<</Root 1 0 R>>\n%%EOF\n"
    with open(path, "wb") as f:
        f.write(body)
    return path


def track(b, code):
    b.go(f"/o/{ORG_SLUG}/report/track")
    b.fill("#code", code)
    b.click("main form button[type=submit]")
    return b.text


def officer_step(b, command, **fields):
    """Submits the officer's form that carries this command (with its other fields)."""
    form = b.find(f"main form input[name=command][value={command}]").find_element("xpath", "..")
    for name, value in fields.items():
        field = form.find_element("css selector", f"[name={name}]")
        if field.tag_name == "select":
            from selenium.webdriver.support.ui import Select
            Select(field).select_by_value(value)
        else:
            field.clear()
            field.send_keys(value)
    b.click(element=form.find_element("css selector", "button[type=submit]"))


def test_report_track_handle_conclude_and_publish(complaint_server, people, tmp_path):
    citizen = people()
    # The citizen reports, with a file, staying anonymous (the default).
    citizen.go(f"/o/{ORG_SLUG}/report")
    assert "ปกปิดตัวตน" in citizen.text
    assert citizen.find("input[name=identity][value=anonymous]").is_selected(), "staying anonymous is the default"
    citizen.fill("#what", WHAT)
    citizen.fill("#who", WHO)
    citizen.fill("#when", "มีนาคม 2569")
    citizen.fill("#place", PLACE)
    citizen.find("#evidence").send_keys(evidence_file(str(tmp_path)))
    citizen.click("main form.complaint-form button[type=submit]")
    assert "ได้รับเรื่องแล้ว" in citizen.text, citizen.text
    grouped = citizen.find("#receipt-code").text.strip()
    assert re.fullmatch(r"\d{4}( \d{4}){4}", grouped), grouped
    code = grouped.replace(" ", "")
    assert citizen.find("#print-receipt").is_displayed(), "the print button is shown (its script ran under the strict CSP)"
    citizen.screenshot("complaint-receipt")

    # "Print": the page as the browser prints it (A5 by the print stylesheet) holds the code.
    from selenium.webdriver.common.print_page_options import PrintOptions
    options = PrintOptions()
    options.page_width, options.page_height = 14.8, 21.0
    pdf = base64.b64decode(citizen.driver.print_page(options))
    printed = tmp_path / "receipt.pdf"
    printed.write_bytes(pdf)
    text = subprocess.run(["pdftotext", "-layout", str(printed), "-"], capture_output=True, text=True, check=True).stdout
    groups = grouped.split()
    assert any(re.search(r"\s+".join(groups), line) for line in text.splitlines()), \
        f"the printed receipt shows the code on one line, in its groups:\n{text}"
    assert "ดาวน์โหลดใบรับเรื่อง" not in text, "the buttons are not printed"
    subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", str(printed), str(tmp_path / "receipt-print")], check=True)
    if os.environ.get("E2E_SCREENSHOTS"):
        os.replace(str(tmp_path / "receipt-print-1.png"), os.path.join(os.environ["E2E_SCREENSHOTS"], "complaint-receipt-print.png"))

    # The Word slip, posted the way the receipt page's form posts it.
    form = citizen.find("main form.no-print")
    fields = {i.get_attribute("name"): i.get_attribute("value") for i in form.find_elements("css selector", "input[type=hidden]")}
    request = urllib.request.Request(complaint_server.url + form.get_attribute("action")[len(complaint_server.url):],
                                     data=urllib.parse.urlencode(fields).encode(), method="POST")
    with urllib.request.urlopen(request) as response:
        assert response.headers["Cache-Control"] == "no-store"
        slip = zipfile.ZipFile(io.BytesIO(response.read()))
    assert grouped in slip.read("word/document.xml").decode("utf-8"), "the slip carries the code"

    # The citizen follows the case with the code (typed in a form, never in an address).
    status = track(citizen, code)
    assert "รับเรื่องแล้ว" in status, status
    assert code not in citizen.driver.current_url
    assert "1 ไฟล์" in status, "the file arrived"

    # The officer signs in, finds the case, reads it and its file.
    officer = people()
    officer.sign_in("complaints", PASSWORD)
    officer.go(f"/o/{ORG_SLUG}/complaints")
    assert "เรื่องร้องเรียนการทุจริต" in officer.text
    officer.click("main table.stats tbody a")
    page = officer.text
    assert WHAT in page and WHO in page and PLACE in page, page
    assert "ไม่เปิดเผยตัวตน" in page
    assert officer.find("main a[href*='/evidence/']").text == "ใบเสร็จ.pdf"
    officer_step(officer, "acknowledge")
    assert "ตอบรับเรื่องแล้ว" in officer.find("#case-status").text
    officer_step(officer, "reply", text=REPLY)
    officer_step(officer, "note", text="ตรวจสอบกับกองคลังก่อน E2E-NOTE-1204")
    officer.screenshot("complaint-case-officer")

    # The citizen reads the question (not the internal note) and answers it.
    status = track(citizen, code)
    assert REPLY in status and "E2E-NOTE-1204" not in status, status
    citizen.fill("#text", ANSWER)
    citizen.click("main form[action$='/track/add'] button[type=submit]")
    assert "ส่งข้อมูลเพิ่มเติมแล้ว" in citizen.text and ANSWER in citizen.text
    citizen.screenshot("complaint-status-citizen")

    # The officer sees the answer, screens the case, concludes it and closes it.
    officer.driver.refresh()
    assert ANSWER in officer.text
    officer_step(officer, "screen")
    officer_step(officer, "conclude", outcome="unsubstantiated")
    officer_step(officer, "close")
    assert "ยุติเรื่องแล้ว (ไม่มีมูล)" in officer.find("#case-status").text
    status = track(citizen, code)
    assert "ยุติเรื่องแล้ว (ไม่มีมูล)" in status and "เรื่องนี้ยุติแล้ว" in status

    # The public statistics count it, with the month's small count suppressed.
    citizen.go(f"/o/{ORG_SLUG}/report")
    citizen.click_text("สถิติเรื่องร้องเรียนการทุจริต")
    stats = citizen.text
    assert "น้อยกว่า 5" in stats and "ไม่มีเรื่องร้องเรียนในช่วงเวลานี้" in stats, stats
    citizen.screenshot("complaint-statistics")
    # And in English.
    citizen.click_text("English", css="header a")
    assert "fewer than 5" in citizen.text and "No complaints in this period" in citizen.text

    # The server's log of all this holds no code, nothing the citizen wrote, no client address.
    with open(os.path.join(complaint_server.folder, "server.log"), encoding="utf-8", errors="replace") as f:
        log = f.read()
    assert "GET /o/" + ORG_SLUG + "/complaints" in log, "route logging is on at this level (so the check means something)"
    for secret in (code, grouped, WHAT, WHO, PLACE, REPLY, ANSWER, "E2E-WHAT", "E2E-ANSWER", FILE_MARK.decode(), "ใบเสร็จ"):
        assert secret not in log, f"the server log holds {secret!r}"
    assert "/report" not in log and "/track" not in log, "the reporter's paths are not logged"
    # The server names its own address when it starts; a client's address would come with
    # another port, or without one.
    own = f"127.0.0.1:{complaint_server.port}"
    for line in log.splitlines():
        if "127.0.0.1" in line:
            assert line.count("127.0.0.1") == line.count(own), f"a client address in the log: {line}"
