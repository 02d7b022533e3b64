# u5: a plan of my own whose Part 2 table has another column arrangement than u2's, printed the
# way an officer prints a Word file (DOCX → LibreOffice → PDF, portrait A4) and copied out with
# `pdftotext -layout`; its expected structure beside it. Differences from u2 on purpose:
# dimensions as full-width rows ("มิติที่ 1 …" across the table, no dimension column), a
# responsible-unit column right of the budgets, Arabic digits, items numbered "1." with their
# kind word, cells top-aligned (Word's default), a mission and its sub-mission in one cell, a
# subtotal stated wrong. Run: python3 generate_u5.py (needs soffice and pdftotext).
import json, os, subprocess, zipfile, html as H
OUT = os.path.dirname(os.path.abspath(__file__))
TMP = "/tmp/sujarit-u5"
os.makedirs(TMP, exist_ok=True)
ORG = "องค์การบริหารส่วนตำบลหนองตัวอย่าง"
YEARS = [2566, 2567, 2568, 2569, 2570]
DIMS = {1: "การสร้างวัฒนธรรมสุจริต", 2: "การบริหารราชการด้วยความโปร่งใส", 3: "การส่งเสริมบทบาทและการมีส่วนร่วมของภาคประชาชน",
        4: "การยกระดับกลไกการตรวจสอบการดำเนินงานขององค์กรปกครองส่วนท้องถิ่น"}
# dimension, mission cell lines, mission code, items (name, budgets, unit)
ROWS = [
  (1, ["1.1 การเสริมสร้างจิตสำนึกและความตระหนักแก่บุคลากรทั้งฝ่ายการเมืองและฝ่ายประจำ"], "1.1", [
    ("โครงการอบรมคุณธรรมจริยธรรมสำหรับผู้บริหาร สมาชิกสภา และพนักงานส่วนตำบล", [25000, 25000, 25000, 30000, 30000], "สำนักปลัด"),
    ("กิจกรรมเผยแพร่ประมวลจริยธรรมของพนักงานส่วนตำบลผ่านเสียงตามสาย", [None] * 5, "สำนักปลัด"),
  ]),
  (1, ["1.3 การเสริมสร้างจิตสำนึกและความตระหนักแก่เด็กและเยาวชน"], "1.3", [
    ("โครงการโรงเรียนสุจริตในศูนย์พัฒนาเด็กเล็ก", [8000] * 5, "กองการศึกษา ศาสนาและวัฒนธรรม"),
  ]),
  (2, ["2.1 การเปิดเผยข้อมูลสาธารณะ"], "2.1", [
    ("มาตรการเปิดเผยข้อมูลการจัดซื้อจัดจ้างบนเว็บไซต์ขององค์การบริหารส่วนตำบล", [None] * 5, "กองคลัง"),
  ]),
  (2, ["2.2 มาตรการส่งเสริมคุณธรรมและความโปร่งใส", "2.2.1 การประกาศเจตจำนงสุจริตของผู้บริหาร"], "2.2", [
    ("กิจกรรมนายกองค์การบริหารส่วนตำบลประกาศเจตจำนงบริหารงานด้วยความซื่อสัตย์สุจริต", [None] * 5, "สำนักปลัด"),
  ]),
  (2, ["2.3 มาตรการลดการใช้ดุลพินิจ"], "2.3", [
    ("มาตรการออกคำสั่งมอบหมายงานให้ปลัดและหัวหน้าส่วนราชการ", [None] * 5, "สำนักปลัด"),
    ("โครงการจัดทำคู่มือการให้บริการประชาชนและลดขั้นตอนการปฏิบัติงาน", [12000, 5000, 5000, 5000, 5000], "ทุกกอง"),
  ]),
  (3, ["3.1 การส่งเสริมให้ประชาชนมีส่วนร่วมบริหารกิจการ"], "3.1", [
    ("โครงการจัดเวทีประชาคมหมู่บ้านเพื่อทบทวนแผนพัฒนาท้องถิ่น", [30000, 30000, 35000, 35000, 35000], "กองช่าง"),
  ]),
  (3, ["3.2 การรับฟังความคิดเห็น การรับและตอบสนองเรื่องร้องเรียน"], "3.2", [
    ("มาตรการแจ้งผลการพิจารณาเรื่องร้องเรียนแก่ผู้ร้องภายในสิบห้าวัน", [None] * 5, "สำนักปลัด"),
  ]),
  (4, ["4.1 การจัดวางระบบตรวจสอบภายใน การควบคุมภายใน"], "4.1", [
    ("กิจกรรมติดตามและประเมินผลการควบคุมภายในประจำปี", [None] * 5, "หน่วยตรวจสอบภายใน"),
  ]),
  (4, ["4.2 การส่งเสริมบทบาทการตรวจสอบของสภาท้องถิ่น"], "4.2", [
    ("โครงการศึกษาดูงานด้านการตรวจสอบสำหรับสมาชิกสภาองค์การบริหารส่วนตำบล", [None, 40000, None, 40000, None], "สำนักปลัด"),
  ]),
]
WRONG = {(2, 1): 10000}  # dimension 2's subtotal says 10,000 in 2567 (the items add up to 5,000)

from ooxml import x, run, para, cell, table, PORTRAIT, LANDSCAPE, write_docx as ooxml_docx
def write_docx(path, body): ooxml_docx(path, body, PORTRAIT)

def money(v): return "-" if not v else f"{v:,}"

W = [2100, 2900] + [900] * 5 + [1400]
body = para("แผนปฏิบัติการป้องกันการทุจริต", True, True, 36) + para("เพื่อยกระดับคุณธรรมและความโปร่งใส (พ.ศ. 2566 – 2570)", True, True, 36)
body += para(ORG, True, True, 36) + para("อำเภอเมืองตัวอย่าง จังหวัดทดสอบ", center=True)
body += para("ส่วนที่ 2", True) + para("แผนปฏิบัติการป้องกันการทุจริต (พ.ศ. 2566 – 2570)", True, True)
rows = [(True, cell(W[0], "ภารกิจตามมิติ", vmerge="restart", bold=True, center=True) + cell(W[1], "โครงการ/กิจกรรม/มาตรการ", vmerge="restart", bold=True, center=True)
         + cell(sum(W[2:7]), "งบประมาณ (บาท)", span=5, bold=True, center=True) + cell(W[7], "ผู้รับผิดชอบ", vmerge="restart", bold=True, center=True)),
        (True, cell(W[0], vmerge="continue") + cell(W[1], vmerge="continue") + "".join(cell(W[2 + i], str(y), bold=True, center=True) for i, y in enumerate(YEARS))
         + cell(W[7], vmerge="continue"))]
expected, n, grand = [], 0, [0] * 5
for d in [1, 2, 3, 4]:
    rows.append((False, cell(sum(W), f"มิติที่ {d} {DIMS[d]}", span=len(W), bold=True)))
    total, count = [0] * 5, 0
    for dd, mission_lines, code, items in ROWS:
        if dd != d: continue
        for k, (name, budgets, unit) in enumerate(items):
            n += 1; count += 1
            cells = cell(W[0], "\n".join(mission_lines) if k == 0 else "", vmerge="restart" if k == 0 else "continue")
            cells += cell(W[1], f"{n}. {name}") + "".join(cell(W[2 + i], money(b), right=True) for i, b in enumerate(budgets)) + cell(W[7], unit)
            rows.append((False, cells))
            total = [t + (b or 0) for t, b in zip(total, budgets)]
            expected.append({"name": name, "dimension": d, "mission": code, "budgets": {str(y): b for y, b in zip(YEARS, budgets)}})
    stated = [WRONG.get((d, i), t) for i, t in enumerate(total)]
    grand = [g + t for g, t in zip(grand, total)]
    rows.append((False, cell(W[0], "รวม", bold=True, center=True) + cell(W[1], f"จำนวน {count} โครงการ", bold=True, center=True)
                 + "".join(cell(W[2 + i], money(s), bold=True, right=True) for i, s in enumerate(stated)) + cell(W[7])))
rows.append((False, cell(W[0], "รวมทั้งสิ้น", bold=True, center=True) + cell(W[1], f"จำนวน {n} โครงการ", bold=True, center=True)
             + "".join(cell(W[2 + i], money(g), bold=True, right=True) for i, g in enumerate(grand)) + cell(W[7])))
body += table(W, rows) + para("")
docx = f"{TMP}/u5.docx"
write_docx(docx, body)
subprocess.run(["soffice", f"-env:UserInstallation=file://{TMP}/lo", "--headless", "--convert-to", "pdf", "--outdir", TMP, docx], capture_output=True, check=True)
subprocess.run(["pdftotext", "-layout", f"{TMP}/u5.pdf", f"{OUT}/u5-tambon-2566-2570-layout.txt"], check=True)
json.dump({"document": "u5-tambon-2566-2570-layout.txt", "items": expected, "statedTotalFindings": [{"code": "subtotal.budget"}]},
          open(f"{OUT}/u5-tambon-2566-2570-layout.expected.json", "w"), ensure_ascii=False, indent=1)
print("u5", len(expected), "items")
