# u6: u3's Word file (a 2561–2564 four-year plan, top-aligned cells, "มิติที่ N" in a dimension
# column, items numbered "N.", a remarks column) printed by LibreOffice and copied out with
# `pdftotext -layout` — a third column arrangement for `LayoutTable`, with u3's expected
# structure. Run: python3 generate_u6.py (needs soffice and pdftotext).
import json, os, shutil, subprocess
OUT = os.path.dirname(os.path.abspath(__file__))
TMP = "/tmp/sujarit-u6"
os.makedirs(TMP, exist_ok=True)
shutil.copy(f"{OUT}/u3-tambon-2561-2564.docx", f"{TMP}/u6.docx")
subprocess.run(["soffice", f"-env:UserInstallation=file://{TMP}/lo", "--headless", "--convert-to", "pdf", "--outdir", TMP, f"{TMP}/u6.docx"], capture_output=True, check=True)
subprocess.run(["pdftotext", "-layout", f"{TMP}/u6.pdf", f"{OUT}/u6-tambon-2561-2564-layout.txt"], check=True)
expected = json.load(open(f"{OUT}/u3-tambon-2561-2564.expected.json"))
expected["document"] = "u6-tambon-2561-2564-layout.txt"
json.dump(expected, open(f"{OUT}/u6-tambon-2561-2564-layout.expected.json", "w"), ensure_ascii=False, indent=1)
print("u6", len(expected["items"]), "items")
