"""An overseer's path: a province's overseer (made with `sujarit overseer`) signs in, finds the
dashboards from the home page, opens the province's dashboard (figures, charts, downloads), reads
it in English, and is refused another province and the nation."""
import urllib.error
import urllib.parse
import urllib.request

from conftest import PASSWORD

PROVINCE = "ราชบุรี"


def make_overseer(server):
    if getattr(server, "overseer_made", False):
        return
    server.command("user", "create", "--username", "overseer-rb", "--name", "ผู้กำกับดูแลจังหวัดราชบุรี",
                   "--no-organization", "--password-stdin", stdin=PASSWORD + "\n")
    server.command("overseer", "--username", "overseer-rb", "--province", PROVINCE)
    server.overseer_made = True


def test_province_overseer_reads_the_province_dashboard(browsers, server):
    make_overseer(server)
    b = browsers()
    b.sign_in("overseer-rb", PASSWORD)
    b.go("/")
    # No organization of their own: the home page has the dashboards and the directory link.
    assert not b.all("form.directory-search"), "the signed-in home is not the public list"
    assert b.find("p.directory-link a").get_attribute("href").endswith("/organizations")
    b.click_text("แดชบอร์ดผู้กำกับดูแล")
    assert b.path == "/overseers"
    b.status_ok()
    b.click_text(PROVINCE, css="main a")
    b.status_ok()
    text = b.text
    assert "จังหวัด" + PROVINCE in text
    for heading in ("องค์กรที่เผยแพร่แผนแล้ว", "จำนวนรายการต่อมิติ", "งบประมาณต่อมิติต่อปี (บาท)",
                    "มาตรการมาตรฐานที่ใช้มากที่สุดและน้อยที่สุด", "การติดตามและรายงานผล", "เรื่องร้องเรียนการทุจริต"):
        assert heading in text, f"{heading} missing"
    assert len(b.all("main svg.chart")) >= 1, "charts drawn on the server"
    links = [a.get_attribute("href") for a in b.all("p.downloads a")]
    assert any(link.endswith("/coverage.xlsx") for link in links)
    assert len(links) == 6 * 3, "every figure as CSV, XLSX and JSON"
    overflow = b.driver.execute_script("return document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 1, f"the dashboard scrolls sideways by {overflow}px"
    b.screenshot("overseer-dashboard")

    b.click_text("English", css="header a")
    english = b.text
    assert "Organizations with a published plan" in english and "Monitoring rounds" in english
    assert "Province " + PROVINCE in english
    b.click_text("ภาษาไทย", css="header a")

    # Another province and the nation are not this overseer's.
    for path in ("/overseers/provinces/" + urllib.parse.quote("เชียงใหม่"), "/overseers/nation"):
        b.go(path + "?lang=th")
        assert b.title.startswith("ไม่มีสิทธิ์เข้าถึง"), f"{path}: {b.title}"
        assert "ขอนแก่น" not in b.text and "องค์กรที่เผยแพร่แผนแล้ว" not in b.text, "nothing of the other area"


def test_figure_files_need_the_overseer(server):
    url = server.url + "/overseers/provinces/" + urllib.parse.quote(PROVINCE) + "/coverage.xlsx"
    try:
        urllib.request.urlopen(url, timeout=10)
        raise AssertionError("an anonymous reader got the figure")
    except urllib.error.HTTPError as error:
        assert error.code == 401
