"""Reading the published plan as the public does: the English switch, a phone's width (no
sideways scrolling, Part 2 as one card per item with its year amounts, badges and risk levels
never broken inside a word) and printing Part 2 on A4 landscape with every year and remarks."""
import pytest

from conftest import ORG_SLUG

PUBLIC = f"/o/{ORG_SLUG}/plan/2566-2570"


def published(b):
    b.go(PUBLIC)
    if "ไม่พบ" in b.title or "not found" in b.title.lower():
        pytest.skip("no published plan: the authoring test publishes it")
    return b


def one_line(b, element):
    """True when the element's text sits on one line (no break inside it)."""
    return b.driver.execute_script(
        "const r = arguments[0].getClientRects(); if (r.length > 1) return false;"
        "const s = getComputedStyle(arguments[0]); const lh = parseFloat(s.lineHeight) || parseFloat(s.fontSize) * 1.6;"
        "return arguments[0].getBoundingClientRect().height < lh * 1.5;", element)


def test_english_switch_keeps_the_page_and_the_language(browsers):
    b = published(browsers())
    b.click_text("English", css="header a")
    assert b.driver.find_element("css selector", "html").get_attribute("lang") == "en"
    text = b.text
    assert "Grand total" in text and "Projects/activities/measures" in text
    assert b.path.startswith(PUBLIC), "the switch stays on the same page"
    # The choice holds on the next page.
    b.click(element=b.all("table.plan-table tbody a")[0])
    assert "Project sheet" in b.text, "the next page is in English too"
    b.screenshot("public-plan-english")
    b.click_text("ภาษาไทย", css="header a")
    assert b.driver.find_element("css selector", "html").get_attribute("lang") == "th"


def test_phone_width_shows_cards_without_sideways_scrolling(browsers):
    b = published(browsers(width=390, height=844))
    overflow = b.driver.execute_script("return document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 1, f"the page scrolls sideways by {overflow}px on a phone"
    cards = [card for card in b.all(".plan-cards .item-card") if card.is_displayed()]
    assert len(cards) == 6, f"one card per item on a phone, found {len(cards)}"
    first = cards[0].text
    assert "2566" in first and "2570" in first, f"a card shows the year amounts: {first}"
    assert not b.find("table.plan-table").is_displayed(), "the wide table gives way to the cards"
    for badge in b.all(".badge"):
        assert one_line(b, badge), f"badge broken across lines: {badge.text}"
    levels = b.all(".risk-level")
    assert levels, "the risk table shows its levels"
    for level in levels:
        assert one_line(b, level), f"risk level broken inside the word: {level.text}"
    b.screenshot("phone-plan", full_page=False)


def test_risk_table_columns_are_not_squeezed(browsers):
    b = published(browsers(width=390, height=844))
    for cell in b.all("table.risk-table tbody td:not(:first-child)"):
        width = cell.rect["width"]
        assert width >= 80, f"a risk-table column is {width}px wide on a phone: {cell.text[:40]}"


def test_print_of_part_two_on_a4_landscape_shows_every_year_and_remarks(browsers):
    # A4 landscape less the 2 cm side margins ≈ 25.7 cm ≈ 971 CSS pixels.
    b = published(browsers(width=971, height=700))
    b.driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    table = b.find("table.plan-table")
    assert table.is_displayed(), "Part 2 prints as the table"
    limit = b.driver.execute_script("return document.documentElement.clientWidth")
    heads = b.all("table.plan-table thead th")
    labels = [th.text for th in heads]
    assert any("2570" in label for label in labels) and any("หมายเหตุ" in label for label in labels), labels
    for th in heads:
        right = th.rect["x"] + th.rect["width"]
        assert right <= limit + 1, f"column “{th.text}” ends at {right}px, past the printed page ({limit}px)"
    pdf = b.driver.print_page()
    assert len(pdf) > 1000


def test_part_two_fits_a_desk_screen(browsers):
    b = published(browsers(width=1280, height=900))
    hidden = b.driver.execute_script(
        "const w = document.querySelector('section.part2 .table-wrap'); return w.scrollWidth - w.clientWidth;")
    assert hidden <= 1, f"the Part 2 table needs sideways scrolling on a 1280px screen ({hidden}px hidden)"
