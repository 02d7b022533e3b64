"""Importing a plan document through the upload form and reviewing it: seed 001 (a real plan
of another organization) when ../shared/seeds is present, and always a Word document the
suite made itself (the plan the authoring test published, downloaded as .docx)."""
import glob
import os
import re
import tempfile
import urllib.request

import pytest

from conftest import FULL_SLUG, ORG_SLUG, PASSWORD, SEEDS


def send(b, path, slug=ORG_SLUG):
    b.go(f"/o/{slug}/import")
    b.status_ok()
    b.find("#document").send_keys(path)
    b.click("main button.primary")


def upload(b, path, slug=ORG_SLUG):
    send(b, path, slug)
    b.status_ok()
    assert re.search(r"^/plans/[0-9a-f-]+/import$", b.path), f"the upload leads to its review, not {b.path}:\n{b.text[:1500]}"


def review_counts(b):
    """Items per row of the review's summary table, and the grand total's count."""
    rows = b.all("main section table tbody tr")
    counts = [int(row.find_elements("css selector", "td.num")[0].text.replace(",", "")) for row in rows if "grand" not in (row.get_attribute("class") or "")]
    grand = [row for row in rows if "grand" in (row.get_attribute("class") or "")][0]
    return counts, int(grand.find_elements("css selector", "td.num")[0].text.replace(",", ""))


def test_import_of_seed_001_and_its_review(browsers):
    seeds = sorted(glob.glob(os.path.join(SEEDS, "001_*")))
    if not seeds:
        pytest.skip(f"no seed 001 in {SEEDS}")
    b = browsers()
    b.sign_in("officer", PASSWORD)
    upload(b, seeds[0])
    text = b.text
    assert "ตรวจผลการนำเข้า" in text
    # Every item is counted somewhere: the rows add up to the total (items without a mission too).
    counts, total = review_counts(b)
    assert sum(counts) == total, f"per-dimension counts {counts} do not add up to {total}"
    assert total == 19, f"seed 001 has 19 items, the review says {total}"
    # The document is another organization's: the review says so and offers to replace the name.
    assert "เทศบาลตำบลจระเข้หิน" in text
    assert "ไม่ใช่" in text or "ต่างจาก" in text, "a document of another organization is flagged"
    # The review's numbering is the document's: its first project sheet is number 1.
    first = b.all("main ol.import-items li")[0].text
    assert first.startswith("1)") and "ศูนย์ข้อมูลข่าวสาร" in first, first
    # Diagnosis places carry the nearby text, not a bare line number.
    places = [li.text for li in b.all("main ul.findings li") if li.text.startswith("บรรทัด")]
    assert places and all("“" in place for place in places), places[:3]
    b.screenshot("import-review")
    # Replace the other organization's name, then accept.
    b.click_text("แทนชื่อ", css="main button")
    b.status_ok()
    assert "เทศบาลตำบลจระเข้หิน" not in b.find("main section").text
    b.click_text("รับเข้าเป็นร่างแผน", css="main button")
    b.status_ok()
    assert b.path.endswith("/edit"), b.path


def test_import_of_a_word_document_the_suite_made(browsers, server):
    """The plan published by the authoring test, downloaded as Word and imported back."""
    address = f"{server.url}/o/{ORG_SLUG}/plan/2566-2570/plan.docx"
    try:
        with urllib.request.urlopen(address, timeout=60) as response:
            data = response.read()
    except OSError as error:
        pytest.skip(f"no published plan to download ({error}); the authoring test publishes it")
    assert data[:2] == b"PK", "the download is a Word (ZIP) file"
    folder = tempfile.mkdtemp(prefix="sujarit-e2e-docx.")
    path = os.path.join(folder, "ban-pong-2566-2570.docx")
    with open(path, "wb") as file:
        file.write(data)
    b = browsers()
    b.sign_in("officer", PASSWORD)
    # Ban Pong's 2566–2570 plan has a draft revision (the authoring test started it): the
    # document is not stored as a second plan, and the page links the draft to continue.
    send(b, path)
    assert b.path == f"/o/{ORG_SLUG}/import", b.path
    text = b.text
    if "มีร่างแผนปี 2566 – 2570 อยู่แล้ว" in text:
        drafts = [a.get_attribute("href") for a in b.all("main .existing-plan a") if a.text == "แก้ไขฉบับร่างต่อ"]
        assert drafts and drafts[0].endswith("/edit"), "the refusal links the draft to continue"
    else:
        pytest.fail(f"the upload for years with a draft was not refused:\n{text[:1200]}")
    # Into an organization whose plan for those years is published (test_full_plan), the same
    # document becomes that plan's next revision: a draft to review, the public plan unchanged.
    planner = browsers()
    planner.sign_in("planner", PASSWORD)
    planner.go(f"/o/{FULL_SLUG}/plan/2566-2570")
    if "ไม่พบ" in planner.title:
        pytest.skip("no published plan in the second organization: test_full_plan publishes it")
    published_title = planner.find("main h1").text
    upload(planner, path, FULL_SLUG)
    b = planner
    assert "บันทึกเป็นฉบับที่ 2 (ร่าง)" in b.text and "ไม่ได้สร้างแผนชุดใหม่" in b.text, "the review says it is the next revision"
    b.screenshot("import-as-revision")
    counts, total = review_counts(b)
    assert total == 6, f"the published plan has 6 items; the review of its Word file says {total}"
    assert sum(counts) == total
    assert "60,000" in b.find("main section table").text, "the budgets of 2568 were read back"
    b.click_text("ทิ้งการนำเข้านี้", css="main button")
    b.status_ok()
    # Discarding the imported revision leaves the published plan as it was, still served.
    b.go(f"/o/{FULL_SLUG}/plan/2566-2570")
    b.status_ok()
    assert b.find("main h1").text == published_title
    assert "17" in b.find("table.plan-table tr.grand").text, "the published 17 items are still what the public reads"
