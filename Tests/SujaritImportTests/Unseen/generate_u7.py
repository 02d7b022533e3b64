# u7: a second one-year plan of the 2561–2564 cycle with a month schedule (my own wording), as a
# Word file written directly (OOXML): other columns than u4 (ตัวชี้วัด, no วัตถุประสงค์), wider month
# columns under one "ระยะเวลาดำเนินการ" heading (no พ.ศ. labels over the months), marks ✓, X, ●
# and /, months apart (quarterly marks), and runs of months as one merged cell with an arrow
# drawn across it. Scored as the Word file and, printed by LibreOffice, as a PDF
# (UnseenScoringTests). Run: python3 generate_u7.py
import json, os, zipfile, html as H
OUT = os.path.dirname(os.path.abspath(__file__))
ORG = "เทศบาลตำบลบึงสาธิต"
FISCAL = [10, 11, 12, 1, 2, 3, 4, 5, 6, 7, 8, 9]
MNAMES = {10: "ต.ค.", 11: "พ.ย.", 12: "ธ.ค.", 1: "ม.ค.", 2: "ก.พ.", 3: "มี.ค.", 4: "เม.ย.", 5: "พ.ค.", 6: "มิ.ย.", 7: "ก.ค.", 8: "ส.ค.", 9: "ก.ย."}
MISSIONS = {"1.1": "การสร้างจิตสำนึกและความตระหนักแก่บุคลากรทั้งข้าราชการการเมืองฝ่ายบริหาร ข้าราชการการเมืองฝ่ายสภาท้องถิ่น และฝ่ายประจำขององค์กรปกครองส่วนท้องถิ่น",
            "1.3": "การสร้างจิตสำนึกและความตระหนักแก่เด็กและเยาวชน", "2.1": "แสดงเจตจำนงทางการเมืองในการต่อต้านการทุจริตของผู้บริหาร",
            "2.2": "มาตรการสร้างความโปร่งใสในการปฏิบัติราชการ", "2.3": "มาตรการการใช้ดุลยพินิจและใช้อำนาจหน้าที่ให้เป็นไปตามหลักการบริหารกิจการบ้านเมืองที่ดี",
            "3.2": "การรับฟังความคิดเห็น การรับและตอบสนองเรื่องร้องเรียน/ร้องทุกข์ของประชาชน",
            "3.3": "การส่งเสริมให้ประชาชนมีส่วนร่วมบริหารกิจการขององค์กรปกครองส่วนท้องถิ่น",
            "4.1": "มีการจัดวางระบบและรายงานการควบคุมภายในตามที่คณะกรรมการตรวจเงินแผ่นดินกำหนด", "4.3": "การส่งเสริมบทบาทการตรวจสอบของสภาท้องถิ่น"}
# (mission, name, indicator, budget, months, mark for single months)
DIMS = [
  (1, "การสร้างสังคมที่ไม่ทนต่อการทุจริต", [
    ("1.1", "โครงการอบรมคุณธรรมนำชีวิตแก่พนักงานเทศบาล", "ร้อยละ 80 ของผู้เข้าอบรม", 25000, [12, 1], "✓"),
    ("1.3", "กิจกรรมค่ายเยาวชนรักษ์ความซื่อสัตย์", "เยาวชน 50 คน", 12000, [4], "✓"),
    ("1.3", "กิจกรรมสภาเด็กต้านทุจริต", "4 ครั้งต่อปี", None, [10, 1, 4, 7], "●")]),
  (2, "การบริหารราชการเพื่อป้องกันการทุจริต", [
    ("2.1", "กิจกรรมประกาศนโยบายความโปร่งใสของนายกเทศมนตรี", "1 ครั้ง", None, [11], "X"),
    ("2.2", "มาตรการประกาศผลการจัดซื้อจัดจ้างทางเว็บไซต์", "ทุกโครงการ", None, FISCAL, "✓"),
    ("2.3", "มาตรการกำหนดขั้นตอนการอนุญาตที่ชัดเจน", "ทุกงานอนุญาต", None, [3, 4, 5, 6], "✓")]),
  (3, "การส่งเสริมบทบาทและการมีส่วนร่วมของภาคประชาชน", [
    ("3.2", "โครงการเทศบาลเคลื่อนที่รับฟังปัญหาประชาชน", "2 ครั้ง", 18500, [2, 8], "/"),
    ("3.3", "โครงการประชุมประชาคมเมืองเพื่อทบทวนแผน", "8 ชุมชน", 8000, [5, 6], "✓")]),
  (4, "การเสริมสร้างและปรับปรุงกลไกในการตรวจสอบการปฏิบัติราชการขององค์กรปกครองส่วนท้องถิ่น", [
    ("4.1", "กิจกรรมประเมินผลการควบคุมภายในประจำปี", "1 ฉบับ", None, [9], "✓"),
    ("4.3", "กิจกรรมเปิดให้สมาชิกสภาเทศบาลตรวจสอบงบประมาณ", "สมาชิกสภา 12 คน", None, [8, 9], "✓")]),
]
MONTH = 560  # dxa (28 pt) per month column

def arrow(span):
    # An arrow typed across the merged cell, about as long as the cell's inside (heads of 9 pt,
    # dashes of 12 pt at 11 pt in LibreOffice's fallback font; 5.5 pt of padding each side).
    return "←" + "—" * max(1, int((MONTH / 20 * span - 31.4) / 11.9)) + "→"

from ooxml import x, run, para, cell, table, PORTRAIT, LANDSCAPE, write_docx as ooxml_docx
def write_docx(path, body): ooxml_docx(path, body, LANDSCAPE)

W = [500, 3200, 1800, 1100] + [MONTH] * 12 + [1200]
body = para("แผนป้องกันปราบปรามการทุจริตและประพฤติมิชอบ", True, True, 36) + para("ประจำปีงบประมาณ พ.ศ. 2564", True, True, 36) + para(ORG, True, True, 36)
body += para("อำเภอบึงสาธิต จังหวัดตัวอย่าง", center=True)
for head, text in [("วิสัยทัศน์", "เมืองน่าอยู่ บริหารโปร่งใส ประชาชนมีส่วนร่วม"), ("พันธกิจ", "1) บริหารงานโปร่งใส ตรวจสอบได้"),
                   ("วัตถุประสงค์", "1) เพื่อให้การบริหารงานของเทศบาลโปร่งใส ตรวจสอบได้"), ("เป้าหมาย", "1) ประชาชนเชื่อมั่นในการบริหารงานของเทศบาล")]:
    body += para(head, True) + para(text)
expected = []
n = 0
for d, dname, items in DIMS:
    body += para(f"มิติที่ {d} {dname}", True)
    rows = [(True, cell(W[0], "ที่", vmerge="restart", bold=True, center=True) + cell(W[1], "โครงการ/กิจกรรม/มาตรการ", vmerge="restart", bold=True, center=True)
             + cell(W[2], "ตัวชี้วัด", vmerge="restart", bold=True, center=True) + cell(W[3], "งบประมาณ (บาท)", vmerge="restart", bold=True, center=True)
             + cell(MONTH * 12, "ระยะเวลาดำเนินการ", span=12, bold=True, center=True) + cell(W[16], "หน่วยงานรับผิดชอบ", vmerge="restart", bold=True, center=True)),
            (True, "".join(cell(W[i], vmerge="continue") for i in range(4)) + "".join(cell(MONTH, MNAMES[m], bold=True, center=True, size=24) for m in FISCAL)
             + cell(W[16], vmerge="continue"))]
    last = None
    for m, name, indicator, budget, months, mark in items:
        if m != last:
            rows.append((False, cell(W[0]) + cell(sum(W[1:16]), f"{m} {MISSIONS[m]}", span=15, bold=True) + cell(W[16])))
            last = m
        n += 1
        cells = cell(W[0], str(n), center=True) + cell(W[1], name) + cell(W[2], indicator) + cell(W[3], "-" if budget is None else f"{budget:,}", right=True)
        i = 0
        while i < 12:
            if FISCAL[i] in months:
                j = i
                while j + 1 < 12 and FISCAL[j + 1] in months: j += 1
                span = j - i + 1
                cells += cell(MONTH * span, arrow(span) if span > 1 else mark, span=span, center=True, size=22)
                i = j + 1
            else:
                cells += cell(MONTH); i += 1
        cells += cell(W[16], "กองคลัง" if m.startswith("2") else "สำนักปลัดเทศบาล")
        rows.append((False, cells))
        expected.append({"name": name, "dimension": d, "mission": m, "budgets": {"2564": budget}, "months": sorted(months, key=FISCAL.index)})
    body += table(W, rows)
write_docx(f"{OUT}/u7-town-2564-annual.docx", body + para(""))
json.dump({"document": "u7-town-2564-annual.docx", "items": expected, "sheets": [], "statedTotalFindings": []},
          open(f"{OUT}/u7-town-2564-annual.expected.json", "w"), ensure_ascii=False, indent=1)
print("u7", len(expected), "items")
