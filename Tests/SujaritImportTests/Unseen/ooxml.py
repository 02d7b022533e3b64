"""The OOXML pieces the unseen-document generators (generate.py, generate_u5.py,
generate_u7.py) write their Word files with: runs, paragraphs, cells with gridSpan/vMerge,
bordered fixed-width tables, and a minimal package. Word's layout of a plan: TH SarabunPSK,
A4 landscape by default (`PORTRAIT` for a portrait page)."""
import html as H
import zipfile

LANDSCAPE = ('<w:sectPr><w:pgSz w:w="16838" w:h="11906" w:orient="landscape"/><w:pgMar w:top="1134" w:right="1134" w:bottom="1134" w:left="1134" w:header="567" w:footer="567" w:gutter="0"/></w:sectPr>')
PORTRAIT = ('<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1134" w:right="850" w:bottom="1134" w:left="1134" w:header="567" w:footer="567" w:gutter="0"/></w:sectPr>')
def x(t): return H.escape(t, quote=False)
def run(text, bold=False, size=28):
    return (f'<w:r><w:rPr><w:rFonts w:ascii="TH SarabunPSK" w:hAnsi="TH SarabunPSK" w:cs="TH SarabunPSK"/>{"<w:b/><w:bCs/>" if bold else ""}'
            f'<w:sz w:val="{size}"/><w:szCs w:val="{size}"/></w:rPr><w:t xml:space="preserve">{x(text)}</w:t></w:r>')
def para(text, bold=False, center=False, size=32, right=False):
    jc = '<w:jc w:val="center"/>' if center else ('<w:jc w:val="right"/>' if right else '')
    return f'<w:p><w:pPr>{jc}<w:spacing w:after="0"/></w:pPr>{run(text, bold, size)}</w:p>'
def cell(width, text="", span=1, vmerge=None, bold=False, center=False, right=False, size=28):
    props = f'<w:tcW w:w="{width}" w:type="dxa"/>'
    if span > 1: props += f'<w:gridSpan w:val="{span}"/>'
    if vmerge == "restart": props += '<w:vMerge w:val="restart"/>'
    elif vmerge == "continue": props += '<w:vMerge/>'
    lines = text.split("\n") if text else [""]
    return f'<w:tc><w:tcPr>{props}</w:tcPr>' + "".join(para(l, bold, center, size, right) for l in lines) + '</w:tc>'
def table(widths, rows):
    grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
    borders = "".join(f'<w:{s} w:val="single" w:sz="4" w:space="0" w:color="000000"/>' for s in ["top", "left", "bottom", "right", "insideH", "insideV"])
    return (f'<w:tbl><w:tblPr><w:tblW w:w="{sum(widths)}" w:type="dxa"/><w:tblLayout w:type="fixed"/><w:tblBorders>{borders}</w:tblBorders></w:tblPr>'
            f'<w:tblGrid>{grid}</w:tblGrid>' + "".join(f'<w:tr><w:trPr><w:cantSplit/>{"<w:tblHeader/>" if header else ""}</w:trPr>{cells}</w:tr>' for header, cells in rows) + '</w:tbl>')
def write_docx(path, body, section=LANDSCAPE):
    document = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
                + body + section + '</w:body></w:document>')
    types = ('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
             '<Default Extension="xml" ContentType="application/xml"/><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
             '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>')
    rels = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>')
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", types); z.writestr("_rels/.rels", rels); z.writestr("word/document.xml", document)

