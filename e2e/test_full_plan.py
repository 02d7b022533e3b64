"""Issue 11's "done means", walked in a real browser: a new user goes from nothing to a correctly
published 17-item plan with Part 1, risks and targets, sees it at its public address, and no page
on the way says anything misleading. Then the public Part 2 table is printed to PDF by Chromium
on A4 landscape and read back with `pdftotext`: every fiscal year column and the remarks are on
every page of the table, and no row is cut between two pages."""
import base64
import os
import re
import subprocess
import tempfile

import pytest
from selenium.webdriver.common.print_page_options import PrintOptions
from selenium.webdriver.support.ui import Select

from browser import baht
from conftest import FULL_NAME, FULL_SLUG, PASSWORD

YEARS = ["2566", "2567", "2568", "2569", "2570"]
PUBLIC = f"/o/{FULL_SLUG}/plan/2566-2570"
MEASURES = 13
# Typed by the planner: (mission, kind, name, amount each year or None for "no budget", remarks).
TYPED = [
    ("1.1", "project", "โครงการปลูกจิตสำนึกความซื่อสัตย์สุจริตสำหรับเยาวชนเทศบาลตำบลหนองบัว", "20,000", "ร่วมกับโรงเรียนในเขตเทศบาล"),
    ("2.2", "activity", "กิจกรรมประกาศผลการจัดซื้อจัดจ้างทุกไตรมาสผ่านเว็บไซต์เทศบาล", None, "ไม่ใช้งบประมาณ ดำเนินการโดยกองคลัง"),
    ("3.2", "project", "โครงการเวทีประชาคมรับฟังความคิดเห็นการจัดทำงบประมาณ", "12,500", "จัดปีละ 2 ครั้ง"),
    ("4.3", "measure", "มาตรการให้สภาเทศบาลติดตามการใช้จ่ายงบประมาณรายไตรมาส", "3,000", "รายงานต่อสภาทุกไตรมาส"),
]
MEASURE_AMOUNT = "5,000"
ITEMS = MEASURES + len(TYPED)
PER_YEAR = MEASURES * 5000 + 20000 + 12500 + 3000

state = {}

MISLEADING = [
    "ไม่ใช่ร่าง", "not a draft", "ให้สร้างฉบับแก้ไขใหม่", "เกิดข้อผิดพลาด", "ระบบขัดข้อง", "Internal error",
    "มีผู้อื่นบันทึก", "ไม่มีสิทธิ์", "ไม่พบ",
]


def no_misleading_message(b, step):
    """The page shows no error banner and none of the messages that would send the officer the
    wrong way after a step that succeeded."""
    text = b.text
    for phrase in MISLEADING:
        assert phrase not in text, f"after {step} the page says “{phrase}”:\n{text[:1200]}"
    errors = [e.text for e in b.all(".notice.error, .notice.conflict, .error-message") if e.is_displayed()]
    assert not errors, f"after {step} an error is shown: {errors}"


def fill_budgets(b, amount):
    for year in YEARS:
        b.fill(f"#budget-{year}", amount or "")
        b.tick(f"input[name='noBudget[{year}]']", on=amount is None)


def test_a_new_user_publishes_a_17_item_plan_with_part_one_risks_and_targets(browsers):
    b = browsers()
    b.sign_in("planner", PASSWORD)
    no_misleading_message(b, "signing in")
    b.go(f"/o/{FULL_SLUG}")
    b.click_text("จัดทำแผนใหม่")
    b.status_ok()
    boxes = b.all("input[name='measures[]']")
    assert len(boxes) >= MEASURES, "the wizard offers the standard measures"
    for box in boxes[:MEASURES]:
        b.driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", box)
        box.click()
    b.click("main button.primary")
    b.status_ok()
    assert b.path.endswith("/edit"), b.path
    no_misleading_message(b, "the wizard")
    state["plan"] = b.path[: -len("/edit")]

    # Each standard measure: its budget, and its draft sheet as the wizard wrote it.
    links = [a.get_attribute("href") for a in b.all("td.actions a.button") if a.text == "แก้ไข"]
    assert len(links) == MEASURES, f"{len(links)} measures in the plan"
    for link in links:
        b.driver.get(link)
        assert b.find("#rationale").get_attribute("value"), "a standard measure comes with a draft sheet"
        fill_budgets(b, MEASURE_AMOUNT)
        b.click("main button.primary")
        b.status_ok()
        assert b.path.startswith(state["plan"] + "/edit"), b.text[:800]
        no_misleading_message(b, "saving a measure's budget")

    for mission, kind, name, amount, remarks in TYPED:
        b.go(f"{state['plan']}/items/new?mission={mission}")
        Select(b.find("#kind")).select_by_value(kind)
        b.fill("#name", name)
        fill_budgets(b, amount)
        b.fill("#remarks", remarks)
        b.fill("#rationale", f"เหตุผลของ{name}")
        b.fill("#objectives", "เพื่อป้องกันการทุจริต\nเพื่อเปิดเผยข้อมูล")
        b.fill("#targetGroup", "ประชาชนในเขตเทศบาล")
        b.fill("#method", "วางแผน\nดำเนินการ\nสรุปผล")
        b.fill("#outputs", "ดำเนินการครบตามแผน")
        b.fill("#outcomes", "ประชาชนเชื่อมั่นในการทำงานของเทศบาล")
        b.click("main button.primary")
        b.status_ok()
        assert b.path.startswith(state["plan"] + "/edit"), f"saving {name}: {b.path}\n{b.text[:1200]}"
        no_misleading_message(b, f"adding {name}")

    # Part 1, a risk row and a target.
    b.go(f"{state['plan']}/front-matter")
    b.fill("#foreword", f"{FULL_NAME}จัดทำแผนปฏิบัติการป้องกันการทุจริตฉบับนี้ตามแนวทางของสำนักงาน ป.ป.ช.")
    b.fill("#rationale", "การทุจริตทำให้ประชาชนเสียประโยชน์\nเทศบาลจึงต้องมีแผนป้องกัน")
    b.fill("#objectives", "เพื่อสร้างวัฒนธรรมสุจริตในองค์กร\nเพื่อให้ประชาชนตรวจสอบได้")
    b.fill("#benefits", "การใช้จ่ายงบประมาณโปร่งใส")
    b.click("main button.primary")
    b.status_ok()
    no_misleading_message(b, "saving Part 1")
    b.go(f"{state['plan']}/risks/new")
    b.fill("#workArea", "การออกใบอนุญาตก่อสร้างอาคาร")
    b.fill("#issues", "การเรียกรับผลประโยชน์เพื่อเร่งรัดการอนุญาต")
    b.fill("#levels", "สูง")
    b.fill("#controlMeasures", "กำหนดเวลาอนุญาตและประกาศให้ประชาชนทราบ")
    b.click("main button.primary")
    b.status_ok()
    no_misleading_message(b, "adding a risk row")
    b.go(f"{state['plan']}/targets/new")
    b.fill("#indicator", "ร้อยละของโครงการที่ดำเนินการตามแผน")
    for index, year in enumerate(YEARS):
        b.fill(f"input[name='values[{year}]']", str(80 + 2 * index))
    b.click("main button.primary")
    b.status_ok()
    no_misleading_message(b, "adding a target")

    grand = b.find("tr.grand")
    assert f"{PER_YEAR * 5:,}" in grand.text, f"the editor's grand total: {grand.text}"
    b.click_text("เสนออนุมัติ", css="main button")
    b.status_ok()
    assert "เสนออนุมัติแล้ว" in b.text and "ผู้ดูแลแผน" in b.text, "the page says what happened and who acts next"
    no_misleading_message(b, "submitting")

    mayor = browsers()
    mayor.sign_in("mayor", PASSWORD)
    assert "แผนที่รอการอนุมัติจากคุณ" in mayor.find("section.my-work").text
    mayor.click(element=mayor.find("section.my-work a"))
    assert mayor.path == state["plan"], mayor.path
    approve = [x for x in mayor.all("main form button") if x.text == "อนุมัติ"][0]
    mayor.click(element=approve)
    mayor.status_ok()
    assert "อนุมัติแล้ว" in mayor.text
    no_misleading_message(mayor, "approving")
    mayor.click_text("เผยแพร่", css="main button")
    mayor.status_ok()
    assert "เผยแพร่แล้ว" in mayor.text and PUBLIC in mayor.text, "the page says where the plan is published"
    no_misleading_message(mayor, "publishing")

    # The public address: 17 items, Part 1, the risk row, the target, the totals.
    public = browsers()
    public.go(PUBLIC)
    public.status_ok()
    text = public.text
    assert FULL_NAME in text
    assert "ตามแนวทางของสำนักงาน ป.ป.ช." in text, "the foreword"
    assert "เพื่อสร้างวัฒนธรรมสุจริตในองค์กร" in text, "the objectives"
    assert "การออกใบอนุญาตก่อสร้างอาคาร" in text and "สูง" in text, "the risk table"
    assert "ร้อยละของโครงการที่ดำเนินการตามแผน" in text, "the targets"
    grand = public.find("table.plan-table tr.grand")
    cells = [baht(c.text) or 0 for c in grand.find_elements("css selector", "td.num")]
    assert cells[-5:] == [PER_YEAR] * 5, f"the grand total row: {grand.text}"
    assert str(ITEMS) in grand.text, grand.text
    item_links = public.all("table.plan-table tbody td:nth-child(3) a")
    assert len(item_links) == ITEMS, f"{len(item_links)} item rows on the public page"
    state["names"] = [a.text for a in item_links]
    for _, _, name, _, remarks in TYPED:
        assert name in text and remarks in text
    # The organization page links this plan once, at its public address.
    public.go(f"/o/{FULL_SLUG}")
    links = [a for a in public.all("main a") if (a.get_attribute("href") or "").endswith(PUBLIC)]
    assert len(links) == 1, f"{len(links)} links to {PUBLIC}"


def pdf_pages(pdf_bytes):
    """The text of each page, by `pdftotext -raw` (the order text was drawn in)."""
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "print.pdf")
        with open(path, "wb") as f:
            f.write(pdf_bytes)
        out = subprocess.run(["pdftotext", "-raw", "-enc", "UTF-8", path, "-"], capture_output=True, text=True, timeout=60)
        assert out.returncode == 0, out.stderr
        pages = out.stdout.split("\f")
        return [page for page in pages if page.strip()]


def squeeze(text):
    return re.sub(r"\s+", "", text)


def test_printing_part_two_to_pdf_keeps_every_year_the_remarks_and_whole_rows(browsers):
    if "plan" not in state:
        pytest.skip("the 17-item plan was not published")
    if subprocess.run(["which", "pdftotext"], capture_output=True).returncode != 0:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    b = browsers(width=1280, height=900)
    b.go(PUBLIC)
    options = PrintOptions()
    options.orientation = "landscape"
    options.page_width = 21.0
    options.page_height = 29.7
    options.margin_top = options.margin_bottom = 1.5
    options.margin_left = options.margin_right = 1.5
    options.background = False
    pages = pdf_pages(base64.b64decode(b.driver.print_page(options)))
    assert len(pages) >= 2, "a 17-item plan prints on more than one page"
    names = [name for _, _, name, _, _ in TYPED] + [n for n in state.get("names", []) if n]
    table_pages = []
    for number, page in enumerate(pages, start=1):
        flat = squeeze(page)
        holds = [name for name in names if squeeze(name)[:20] in flat]
        if holds:
            table_pages.append((number, flat))
    assert table_pages, "the Part 2 table is in the printed PDF"
    for number, flat in table_pages:
        for year in YEARS:
            assert "ปี" + year + "งบประมาณ" in flat, f"page {number} of the printed table lacks the {year} column"
        assert "หมายเหตุ" in flat, f"page {number} of the printed table lacks the remarks column"
    everything = [flat for _, flat in table_pages]
    for name in set(names):
        whole = squeeze(name)
        found = [i for i, flat in enumerate(everything) if whole in flat]
        assert found, f"row “{name}” is not whole on any page (cut between pages?)"
    for _, _, _, _, remarks in TYPED:
        assert any(squeeze(remarks) in flat for flat in everything), f"the remarks “{remarks}” are printed"
