"""The path an officer takes from nothing to a published plan, in a real browser: the wizard,
items with budgets and project sheets, Part 1, submit, approval by the administrator,
publishing, and the public address showing the plan with the totals the officer typed."""
import re

from selenium.webdriver.support.ui import Select

from browser import baht
from conftest import ORG_NAME, ORG_SLUG, PASSWORD

YEARS = ["2566", "2567", "2568", "2569", "2570"]

# What the officer types: (mission, kind, name, budgets per year; None = "no budget" ticked).
NEW_ITEMS = [
    ("1.2", "project", "โครงการอบรมคุณธรรมสำหรับผู้นำชุมชนตำบลบ้านโป่ง",
     {"2566": "25,000", "2567": "25000", "2568": "30,000", "2569": None, "2570": "30,000"}),
    ("2.1", "activity", "กิจกรรมเผยแพร่ข้อมูลการจัดซื้อจัดจ้างทางเว็บไซต์และบอร์ดประชาสัมพันธ์",
     {year: None for year in YEARS}),
    ("3.1", "project", "โครงการประชาคมหมู่บ้านเพื่อจัดทำแผนพัฒนาท้องถิ่น",
     {year: "5,000" for year in YEARS}),
    ("4.1", "measure", "มาตรการตรวจสอบการเบิกจ่ายเงินโดยคณะกรรมการภายใน",
     {year: "15000" for year in YEARS}),
]
# The two standard measures ticked in the wizard get these budgets in the editor.
MEASURE_BUDGETS = [{year: None for year in YEARS}, {year: "10,000" for year in YEARS}]

EXPECTED_BY_YEAR = {"2566": 55000, "2567": 55000, "2568": 60000, "2569": 30000, "2570": 60000}
EXPECTED_TOTAL = sum(EXPECTED_BY_YEAR.values())
EXPECTED_ITEMS = len(NEW_ITEMS) + len(MEASURE_BUDGETS)

RATIONALE = "บรรทัดแรกของหลักการและเหตุผล\nบรรทัดที่สองต่อจากบรรทัดแรกโดยไม่เว้นบรรทัด"

state = {}


def fill_budgets(b, budgets):
    for year, amount in budgets.items():
        b.fill(f"#budget-{year}", amount or "")
        b.tick(f"input[name='noBudget[{year}]']", on=amount is None)


def year_cells(row, count=5):
    cells = [baht(cell.text) or 0 for cell in row.find_elements("css selector", "td.num")]
    return cells[-count:] if len(cells) >= count else cells


def sub_missions(b):
    return [o.get_attribute("value") for o in b.all("#subMissionCode option") if o.get_attribute("value")]


def check_sub_missions_follow_the_mission(b, name):
    """The sub-mission list holds the chosen mission's sub-missions only, and follows the
    mission when it changes (the server sends the form back with what was typed)."""
    assert all(code.startswith("1.2.") for code in sub_missions(b)), sub_missions(b)
    b._after_navigation(lambda: Select(b.find("#missionCode")).select_by_value("2.1"))
    codes = sub_missions(b)
    assert codes and all(code.startswith("2.1.") for code in codes), codes
    assert b.find("#name").get_attribute("value") == name, "what was typed is kept"
    assert "บันทึกแล้ว" not in b.text, "changing the mission saves nothing"
    b._after_navigation(lambda: Select(b.find("#missionCode")).select_by_value("1.2"))
    assert Select(b.find("#missionCode")).first_selected_option.get_attribute("value") == "1.2"


def test_home_after_signing_in_is_my_work_and_the_directory_is_one_link_away(browsers):
    b = browsers()
    b.sign_in("officer", PASSWORD)
    # Issue 11 §11: "my work" instead of the public organization list.
    b.go("/")
    assert b.all("section.my-work"), b.text[:1500]
    assert not b.all("form.directory-search"), "the signed-in home is not the public list"
    b.click("p.directory-link a")
    b.status_ok()
    assert b.path == "/organizations", b.path
    b.fill("#q", ORG_NAME)
    b.click("form.directory-search button[type=submit]")
    b.status_ok()
    b.click_text(ORG_NAME, css="main ul.cards a")
    assert b.path == f"/o/{ORG_SLUG}", b.path


def test_officer_writes_a_plan_with_the_wizard(browsers):
    b = browsers()
    b.sign_in("officer", PASSWORD)
    b.go(f"/o/{ORG_SLUG}")
    b.click_text("จัดทำแผนใหม่")
    b.status_ok()
    assert "2566 – 2570" in b.text
    b.screenshot("wizard")
    boxes = b.all("input[name='measures[]']")
    assert len(boxes) >= 2, "the wizard offers standard measures"
    b.tick("input[name='measures[]']")  # the first measure
    boxes[1].click()
    b.click("main button.primary")
    b.status_ok()
    assert b.path.endswith("/edit"), f"the wizard opens the editor, not {b.path}"
    state["plan"] = b.path[: -len("/edit")]
    assert ORG_NAME in b.text

    # The two standard measures: set their budgets in the item form.
    edit_links = [a.get_attribute("href") for a in b.all("td.actions a.button") if a.text == "แก้ไข"]
    assert len(edit_links) == 2, "the two ticked measures are in the plan"
    for link, budgets in zip(edit_links, MEASURE_BUDGETS):
        b.driver.get(link)
        assert b.find("#rationale").get_attribute("value"), "a standard measure comes with a draft sheet"
        fill_budgets(b, budgets)
        b.click("main button.primary")
        b.status_ok()
        assert b.path.startswith(state["plan"] + "/edit"), b.text[:800]

    # New items, one per mission, from the "add an item to this mission" links.
    for mission, kind, name, budgets in NEW_ITEMS:
        b.go(f"{state['plan']}/items/new?mission={mission}")
        b.status_ok()
        Select(b.find("#kind")).select_by_value(kind)
        b.fill("#name", name)
        assert Select(b.find("#missionCode")).first_selected_option.get_attribute("value") == mission
        if mission == "1.2":
            check_sub_missions_follow_the_mission(b, name)
        # Nothing is ticked before the officer says so, and field 7's hint claims no budget
        # that nobody gave.
        assert not any(box.is_selected() for box in b.all("input[name^='noBudget']"))
        assert "ไม่ใช้งบประมาณ)" not in b.text, "the empty form's field 7 hint says 'no budget'"
        fill_budgets(b, budgets)
        b.fill("#rationale", RATIONALE)
        b.fill("#objectives", "เพื่อให้ผู้เข้าร่วมรู้และเข้าใจ\nเพื่อป้องกันการทุจริต")
        b.fill("#targetGroup", "ผู้นำชุมชนและประชาชน")
        b.fill("#method", "ประชุมวางแผน\nดำเนินการ\n- จัดกิจกรรม\nสรุปผล")
        b.fill("#outputs", "ผู้เข้าร่วม 50 คน")
        b.fill("#outcomes", "ผู้เข้าร่วมมีความรู้เพิ่มขึ้น")
        if mission == "1.2":
            b.screenshot("item-form")
        b.click("main button.primary")
        b.status_ok()
        assert b.path.startswith(state["plan"] + "/edit"), f"saving {name} went to {b.path}:\n{b.text[:1500]}"
        assert name in b.text

    # Field 7 follows the budget row: the sheet of the 1.2 project states its budgets.
    b.go(state["plan"])
    b.click_text(NEW_ITEMS[0][2], css="main table a")
    sheet = b.text
    field7 = b.all("dl.sheet dd")[6].text
    assert "25,000" in field7 and "30,000" in field7, f"field 7 of a budgeted item names its amounts: {field7}"
    # Single line breaks in long texts survive.
    assert "บรรทัดแรกของหลักการและเหตุผล\nบรรทัดที่สองต่อจากบรรทัดแรก" in sheet

    # Part 1: foreword, rationale, objectives, benefits; a risk row; a target.
    b.go(f"{state['plan']}/front-matter")
    b.fill("#foreword", "องค์การบริหารส่วนตำบลบ้านโป่งจัดทำแผนฉบับนี้เพื่อป้องกันการทุจริต")
    b.fill("#rationale", "การทุจริตเป็นปัญหาสำคัญ\nองค์กรจึงต้องมีแผนป้องกัน")
    b.fill("#objectives", "เพื่อสร้างวัฒนธรรมสุจริต\nเพื่อเปิดเผยข้อมูลอย่างโปร่งใส")
    b.fill("#benefits", "ประชาชนเชื่อมั่นในองค์กร")
    b.click("main button.primary")
    b.status_ok()
    b.go(f"{state['plan']}/risks/new")
    b.fill("#workArea", "การจัดซื้อจัดจ้าง")
    b.fill("#issues", "การกำหนดคุณลักษณะเฉพาะเอื้อผู้ขายบางราย")
    b.fill("#levels", "ปานกลาง")
    b.fill("#controlMeasures", "เผยแพร่ร่างขอบเขตงานให้ประชาชนวิจารณ์")
    b.click("main button.primary")
    b.status_ok()
    b.go(f"{state['plan']}/targets/new")
    b.fill("#indicator", "คะแนนการประเมินคุณธรรมและความโปร่งใส (ITA)")
    for index, year in enumerate(YEARS):
        b.fill(f"input[name='values[{year}]']", str(85 + index))
    b.click("main button.primary")
    b.status_ok()

    # The editor's summary has the totals the officer typed, and no error blocks submitting.
    text = b.text
    assert "ข้อผิดพลาด" not in text.split("สรุป")[0], text[:1500]
    grand = b.find("tr.grand")
    assert year_cells(grand, 6)[:5] == [EXPECTED_BY_YEAR[y] for y in YEARS], grand.text
    assert f"{EXPECTED_TOTAL:,}" in grand.text, f"editor grand total: {grand.text}"
    b.screenshot("editor")

    b.click_text("เสนออนุมัติ", css="main button")
    b.status_ok()
    text = b.text
    assert "เสนออนุมัติแล้ว" in text
    assert "ผู้ดูแลแผน" in text, "after submitting, the page says who acts next"
    assert "ไม่ใช่ร่าง" not in text and "not a draft" not in text


def test_administrator_approves_and_publishes(browsers):
    assert "plan" in state, "the officer's plan exists"
    b = browsers()
    b.sign_in("chief", PASSWORD)
    # Home after signing in: "my work", with the plan waiting for this administrator.
    work = b.find("section.my-work").text
    assert "แผนที่รอการอนุมัติจากคุณ" in work, work
    b.screenshot("my-work")
    b.click(element=b.find("section.my-work a"))
    assert b.path == state["plan"], b.path
    assert "รอการอนุมัติจากคุณ" in b.text
    b.fill("#comment-approve", "เห็นชอบตามเสนอ")
    b.click("form button[type=submit]", element=[x for x in b.all("main form button") if x.text == "อนุมัติ"][0])
    b.status_ok()
    assert "อนุมัติแล้ว" in b.text
    b.click_text("เผยแพร่", css="main button")
    b.status_ok()
    assert "เผยแพร่แล้ว" in b.text
    b.go(f"{state['plan']}/history")
    history = b.text
    assert "อนุมัติ" in history and "เห็นชอบตามเสนอ" in history
    assert "plan.approve" not in history and "submitted" not in history, "history in plain Thai words"
    assert not __import__("re").search(r"[0-9a-f]{8}-[0-9a-f]{4}-", history), "no raw ids in the history"


def test_public_address_shows_the_new_plan_with_its_totals(browsers):
    b = browsers()
    b.go(f"/o/{ORG_SLUG}")
    rows = [row for row in b.all("main table tbody tr") if "2566 – 2570" in row.text]
    assert len(rows) == 1, f"one plan for 2566–2570 on the organization page:\n{b.text}"
    b.click(element=rows[0].find_element("css selector", "a"))
    assert b.path == f"/o/{ORG_SLUG}/plan/2566-2570", b.path
    b.status_ok()
    text = b.text
    assert "องค์การบริหารส่วนตำบลบ้านโป่งจัดทำแผนฉบับนี้" in text, "the foreword is on the public page"
    assert "การจัดซื้อจัดจ้าง" in text and "ปานกลาง" in text, "the risk table is on the public page"
    assert "คะแนนการประเมินคุณธรรมและความโปร่งใส" in text, "the targets are on the public page"
    grand = b.find("table.plan-table tr.grand")
    amounts = year_cells(grand)
    assert amounts == [EXPECTED_BY_YEAR[y] for y in YEARS], f"grand total row: {grand.text}"
    assert f"{EXPECTED_ITEMS}" in grand.text
    assert f"{EXPECTED_TOTAL:,}" in text
    for _, _, name, _ in NEW_ITEMS:
        assert name in text
    b.screenshot("public-plan")


def test_new_revision_and_its_comparison_with_the_published_one(browsers):
    assert "plan" in state, "the officer's plan exists"
    b = browsers()
    b.sign_in("officer", PASSWORD)
    b.go(state["plan"] + "/edit")
    b.click_text("สร้างฉบับแก้ไขใหม่", css="main button")
    b.status_ok()
    assert b.path.endswith("/edit") and not b.path.startswith(state["plan"]), b.path
    draft = b.path[: -len("/edit")]
    # Change one budget, add one item.
    b.go(draft)
    b.click_text(NEW_ITEMS[2][2], css="main table a")
    item_path = b.path
    b.go(item_path + "/edit")
    b.fill("#budget-2568", "7,500")
    b.click("main button.primary")
    b.status_ok()
    b.go(f"{draft}/items/new?mission=4.2")
    b.fill("#name", "โครงการอบรมสมาชิกสภาท้องถิ่นเรื่องการตรวจสอบ")
    fill_budgets(b, {year: "1,000" for year in YEARS})
    b.click("main button.primary")
    b.status_ok()
    b.go(f"{draft}/history")
    b.click_text("เทียบกับฉบับที่ 1")
    b.status_ok()
    text = b.text
    assert "รายการที่เพิ่ม (1)" in text and "โครงการอบรมสมาชิกสภาท้องถิ่นเรื่องการตรวจสอบ" in text, text[:2000]
    assert "รายการที่ลบออก (0)" in text
    assert "ปี 2568: 5,000 → 7,500" in text, text[:2000]
    row_2568 = [row.text for row in b.all("main table tbody tr") if row.text.startswith("ปี 2568")][0]
    assert row_2568.split()[-1] == "+3,500" or "+3,500" in row_2568, row_2568
    b.screenshot("compare-revisions")
