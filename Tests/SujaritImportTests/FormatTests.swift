import Foundation
import SujaritCore
@testable import SujaritImport
import XCTest

/// The same plan must come out of its text, DOCX and HTML forms.
final class FormatTests: XCTestCase {
    static let fixture = SyntheticPlanDocument.text(itemCount: 14)

    func assertSameStructure(_ text: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let blocks = PlainTextReader.read(text)
        let fromText = try DocumentImporter.importDocument(Data(text.utf8), fileName: "plan.txt")
        let docx = try FixtureWriter.docx(blocks)
        XCTAssertEqual(DocumentImporter.detectFormat(docx), .docx)
        let fromDocx = try DocumentImporter.importDocument(docx, fileName: "plan.docx")
        let html = FixtureWriter.html(blocks)
        XCTAssertEqual(DocumentImporter.detectFormat(Data(html.utf8)), .html)
        let fromHTML = try DocumentImporter.importDocument(Data(html.utf8), fileName: "plan.html")
        XCTAssertEqual(fromDocx.format, .docx)
        XCTAssertEqual(fromHTML.format, .html)
        let expected = FixtureWriter.fingerprint(fromText)
        for (name, result) in [("DOCX", fromDocx), ("HTML", fromHTML)] {
            let actual = FixtureWriter.fingerprint(result)
            XCTAssertEqual(actual.count, expected.count, "\(name): number of lines", file: file, line: line)
            for (a, e) in zip(actual, expected) where a != e {
                XCTFail("\(name) differs:\n  got      \(a)\n  expected \(e)", file: file, line: line)
                break
            }
        }
    }

    func testSyntheticFixtureReadsAsExpected() throws {
        let result = try DocumentImporter.importDocument(Data(Self.fixture.utf8), fileName: "synthetic.txt")
        XCTAssertEqual(result.organization.name, SyntheticPlanDocument.organizationName)
        XCTAssertEqual(result.organization.kind, .subdistrictMunicipality)
        XCTAssertEqual(result.plan.items.count, 14)
        XCTAssertEqual(result.sheets.count, 14)
        XCTAssertEqual(result.sheets.filter { $0.matchScore != nil }.count, 14)
        XCTAssertTrue(result.sheets.allSatisfy(\.hasAllRequiredFields))
        XCTAssertEqual(result.summary.dimensions.map(\.itemCount), [6, 3, 2, 3])
        // Items 0, 4, 8, 12 of the generator carry 10,000 a year.
        XCTAssertEqual(result.summary.budgetByYear[FiscalYear(2567)], Money(baht: 40_000))
        // The only inconsistency the generator writes: the foreword says one project more.
        XCTAssertEqual(result.findings.filter { $0.severity != .info }.map(\.code), ["count.stated.total"])
        let item = try XCTUnwrap(result.plan.orderedItems.first)
        XCTAssertEqual(item.sheet?.method.count, 3)
        XCTAssertEqual(item.sheet?.method[1].subSteps.count, 2)
        XCTAssertEqual(item.sheet?.method[1].subSteps[0].subSteps.map(\.text), ["จัดทำสื่อเผยแพร่"])
    }

    func testDocxAndHTMLOfFixtureGiveTheSameStructure() throws {
        try assertSameStructure(Self.fixture)
    }

    func testDocxAndHTMLOfSeedsGiveTheSameStructure() throws {
        try assertSameStructure(try Seeds.text("000"))
        try assertSameStructure(try Seeds.text("001"))
        try assertSameStructure(try Seeds.text("002"))
    }

    func testDocxNumberingAndMergedCells() throws {
        let blocks: [DocumentBlock] = [
            .paragraph(TextBlock(text: "วัตถุประสงค์", line: 1)),
            .listItem(TextBlock(text: "1) เพื่อให้โปร่งใส", line: 2)),
            .listItem(TextBlock(text: "2) เพื่อให้ตรวจสอบได้", line: 3)),
            .listItem(TextBlock(text: "1) รายการใหม่", line: 4)),
            .table(DocumentTable(rows: [
                TableRow(cells: [TableCell(lines: ["มิติ"], line: 5), TableCell(lines: ["ภารกิจ"], line: 5), TableCell(lines: ["ก", "ข"], line: 5)], line: 5),
                TableRow(cells: [TableCell(lines: ["1. การสร้างวัฒนธรรมสุจริต"], line: 6), TableCell(lines: ["1.1 x"], line: 6), TableCell(lines: ["-"], line: 6)], line: 6),
                TableRow(cells: [TableCell(lines: [], line: 7), TableCell(lines: ["1.2 y"], line: 7), TableCell(lines: ["-"], line: 7)], line: 7),
                TableRow(cells: [TableCell(lines: ["รวมทั้งสิ้น"], line: 8), TableCell(lines: ["20,000"], line: 8)], line: 8),
            ], line: 5)),
        ]
        let docx = try FixtureWriter.docx(blocks)
        let read = try DocxReader.read(docx)
        XCTAssertEqual(read.compactMap { $0.textBlock?.text }, ["วัตถุประสงค์", "1) เพื่อให้โปร่งใส", "2) เพื่อให้ตรวจสอบได้", "1) รายการใหม่"])
        guard case .listItem(let numbered)? = read.dropFirst().first else { return XCTFail("a numbered paragraph is a list item") }
        XCTAssertEqual(numbered.line, 2, "DOCX blocks are numbered by paragraph")
        guard case .table(let table)? = read.last else { return XCTFail("the table was not read") }
        XCTAssertEqual(table.rows.count, 4)
        XCTAssertEqual(table.rows[1].cells[0].lines, ["1. การสร้างวัฒนธรรมสุจริต"])
        XCTAssertTrue(table.rows[2].cells[0].continuesCellAbove, "vMerge continuation")
        XCTAssertEqual(table.rows[3].cells[0].columnSpan, 2, "gridSpan")
        XCTAssertEqual(table.rows[0].cells[2].lines, ["ก", "ข"], "one paragraph per line of a cell")
    }

    func testHTMLReaderToleratesSloppyMarkup() {
        let html = """
        <html><body><h1>แผนปฏิบัติการ &amp; รายงาน</h1>
        <p>ย่อหน้า<br>บรรทัดที่สอง
        <ol><li>หนึ่ง<li>สอง</ol>
        <table><tr><td colspan=2>รวมทั้งสิ้น<td>&#3650;20,000
        <tr><th>ก<td><p>ข</p><p>ค</p></table>
        <p>ไม่ปิดแท็ก <b>ตัวหนา
        """
        let blocks = HTMLReader.read(html)
        XCTAssertEqual(blocks.first, .heading(TextBlock(text: "แผนปฏิบัติการ & รายงาน", line: 1, level: 1)))
        XCTAssertEqual(blocks.compactMap { $0.textBlock?.text }, ["แผนปฏิบัติการ & รายงาน", "ย่อหน้า", "บรรทัดที่สอง", "1) หนึ่ง", "2) สอง", "ไม่ปิดแท็ก ตัวหนา"])
        let table = blocks.compactMap { if case .table(let t) = $0 { return t } else { return nil } }.first
        XCTAssertEqual(table?.rows.count, 2)
        XCTAssertEqual(table?.rows[0].cells.map(\.lines), [["รวมทั้งสิ้น"], ["โ20,000"]])
        XCTAssertEqual(table?.rows[0].cells[0].columnSpan, 2)
        XCTAssertEqual(table?.rows[1].cells.map(\.lines), [["ก"], ["ข", "ค"]])
    }

    /// The byte scanner (issue 8, 2.8) reads what Word's "web page" holds: comments and
    /// conditional comments, style and script blocks in any case, upper-case tags, CRLF lines
    /// (counted once), non-breaking spaces before a block's text, a "<" that starts no tag, a
    /// table nested in a cell, and Thai text across all of it.
    func testHTMLReaderSkipsWordMarkupAndCountsLines() {
        let html = "<html><head><STYLE>p.MsoNormal {font-family:\"TH SarabunPSK\"}</STYLE>\r\n"
            + "<title>ชื่อเรื่อง</title></head>\r\n<body>\r\n"
            + "<!--[if gte mso 9]><xml><w:WordDocument><p>ไม่ใช่ข้อความ</p></w:WordDocument></xml><![endif]-->\r\n"
            + "<P class=MsoNormal><span lang=TH>\u{00A0}\u{00A0}มิติที่ 1</span><o:p></o:p></P>\r\n"
            + "<p>ก &lt; ข และ 3 < 5 ชิ้น</p>\r\n"
            + "<Script type=\"text/javascript\">document.write('<p>ซ่อน</p>')</scRIPT>\r\n"
            + "<table><tr><td>๑) โครงการ</td><td><table><tr><td>ซ้อน</td><td>ใน</td></tr></table></td></tr></table>\r\n"
            + "<p>ท้าย</p></body></html>"
        let blocks = HTMLReader.read(html)
        XCTAssertEqual(blocks.compactMap { $0.textBlock?.text }, ["มิติที่ 1", "ก < ข และ 3 < 5 ชิ้น", "ท้าย"])
        XCTAssertEqual(blocks.compactMap { $0.textBlock?.line }, [5, 6, 9], "lines counted once per CRLF, comments and styles included")
        let table = blocks.compactMap { if case .table(let t) = $0 { return t } else { return nil } }.first
        XCTAssertEqual(table?.rows.first?.cells.map(\.lines), [["๑) โครงการ"], ["ซ้อน ใน"]], "a nested table's text joins its cell")
        XCTAssertEqual(table?.line, 8)
        // A "<" with no ">" before the end of the document is text.
        XCTAssertEqual(HTMLReader.read("<p>น้อยกว่า <5").compactMap { $0.textBlock?.text }, ["น้อยกว่า <5"])
    }

    func testPlainTextReaderCellsRowsAndSeparators() {
        let text = "หัวเรื่อง\n\t1\n\tก\nต่อ\n\n\t2\n\tข\n\n\nหลังตาราง\n#####\n--\nก\tข\tค\nง\tจ\tฉ\n\n\t<p>ต่อ</p>\t\t\n--\t---\t--\n"
        let blocks = PlainTextReader.read(text)
        XCTAssertEqual(blocks.count, 4)
        guard case .table(let cells) = blocks[1], case .table(let rows) = blocks[3] else { return XCTFail("two tables expected") }
        XCTAssertEqual(cells.rows.map { $0.cells.map(\.lines) }, [[["1"], ["ก", "ต่อ"]], [["2"], ["ข"]]])
        XCTAssertEqual(blocks[2].textBlock?.text, "หลังตาราง")
        XCTAssertEqual(blocks[2].line, 10)
        XCTAssertEqual(rows.rows.count, 2, "the continuation row merges, the rule is dropped")
        XCTAssertEqual(rows.rows[1].cells.map(\.lines), [["ง"], ["จ", "ต่อ"], ["ฉ"]])
    }

    func testMarkersAndBudgetLines() {
        XCTAssertEqual(ImportText.marker("๑) เพื่อ")?.numbers, [1])
        XCTAssertEqual(ImportText.marker("- ๔) ข้อ")?.hadBulletPrefix, true)
        XCTAssertEqual(ImportText.marker("(3.2) ข้อ")?.style, .parens)
        XCTAssertEqual(ImportText.marker("2.1.1) ข้อ")?.numbers, [2, 1, 1])
        XCTAssertEqual(ImportText.marker("1.1 การเสริมสร้าง")?.style, .code)
        XCTAssertEqual(ImportText.marker("9.ผลผลิต/ผลลัพธ์")?.style, .dot)
        XCTAssertNil(ImportText.marker("2566 - 2570"))
        XCTAssertNil(ImportText.marker("20,000"))
        XCTAssertNil(ImportText.marker("99999) x"))
        XCTAssertTrue(PlanTableParser.isBudgetLine("๒๐,๐๐๐ บาท"))
        XCTAssertTrue(PlanTableParser.isBudgetLine("-"))
        XCTAssertTrue(PlanTableParser.isBudgetLine("#####"))
        XCTAssertFalse(PlanTableParser.isBudgetLine("1) โครงการ"))
        XCTAssertEqual(PlanTableParser.statedCount("จำนวน ๑๗ โครงการ"), 17)
        XCTAssertEqual(DocumentParser.years(in: "(พ.ศ. ๒๕๖๖ – ๒๕๗๐)").map { [$0.0.be, $0.1.be] }, [2566, 2570])
        XCTAssertEqual(DocumentParser.years(in: "ประจำปี พ.ศ.2568").map { [$0.0.be, $0.1.be] }, [2568, 2568])
        XCTAssertEqual(DocumentParser.organizationName(in: "ขององค์การบริหารส่วนตำบลบ้านโป่ง"), "องค์การบริหารส่วนตำบลบ้านโป่ง")
        XCTAssertEqual(DocumentParser.organizationName(in: "อบต.บ้านผือ"), "องค์การบริหารส่วนตำบลบ้านผือ")
        XCTAssertNil(DocumentParser.organizationName(in: "องค์การบริหารส่วนตำบลบ้านโป่งได้จัดทำแผนปฏิบัติการป้องกันการทุจริตเพื่อยกระดับ"))
        XCTAssertEqual(ResultsReportParser.splitInlineList("๑) ก ข ๒) ค ๓) ง"), ["๑) ก ข", "๒) ค", "๓) ง"])
    }

    /// Amounts a narrow column cut in two are joined again, whole amounts never; the budget
    /// lines a PDF stacks beside the first names of a run of items are dealt out one per item,
    /// up to the next mission, and left alone when their count does not fit.
    func testCutAmountsAndStackedBudgetsOverItemRows() {
        XCTAssertEqual(PlanTableParser.joiningCutAmounts(["10", ",000", "-", "14", "0,000", "20,00", "0", "10", "20", "5,000", "-"]),
                       ["10,000", "-", "140,000", "20,000", "10", "20", "5,000", "-"])
        XCTAssertTrue(PlanTableParser.isWholeAmount("1,250.50"))
        XCTAssertFalse(PlanTableParser.isWholeAmount("0,000"))
        XCTAssertFalse(PlanTableParser.isWholeAmount(",000"))
        let layout = PlanTableParser.RowLayout(width: 4, dimension: 0, mission: 1, items: 2)
        func row(_ mission: String, _ item: String, _ budget: [String]) -> TableRow {
            TableRow(cells: [TableCell(lines: [], line: 1), TableCell(lines: mission.isEmpty ? [] : [mission], line: 1),
                             TableCell(lines: [item], line: 1), TableCell(lines: budget, line: 1)], line: 1)
        }
        let rows = [row("1.1 การเสริม", "1) โครงการก", ["10,000", "-", "-", "10"]), row("", "2) กิจกรรมข", [",000"]),
                    row("", "3) มาตรการค", []), row("", "4) โครงการง", []),
                    row("1.2 การเสริม", "5) โครงการจ", ["-", "-"]), row("", "6) กิจกรรมฉ", []), row("", "7) มาตรการช", [])]
        let dealt = PlanTableParser.unstackingBudgets(rows, layout: layout).map { $0.cells[3].lines }
        XCTAssertEqual(Array(dealt.prefix(4)), [["10,000"], ["-"], ["-"], ["10,000"]])
        // Two lines for three items: nothing is made up, the lines stay where they stood.
        XCTAssertEqual(Array(dealt.suffix(3)), [["-", "-"], [], []])
    }

    /// The 2561–2564 layout: that cycle's dimension names and a month-by-month schedule.
    func testOldCycleMonthByMonthTable() throws {
        let months = ["ต.ค.", "พ.ย.", "ธ.ค.", "ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.", "ก.ค.", "ส.ค.", "ก.ย."]
        var lines = [
            "แผนปฏิบัติการเพื่อป้องกันการทุจริต ประจำปี พ.ศ. 2562", "ขององค์การบริหารส่วนตำบลหนองบัว", "อำเภอเมือง จังหวัดอุดรธานี",
            "ส่วนที่ 2",
            (["มิติ", "ภารกิจตามมิติ", "โครงการ/กิจกรรม/มาตรการ", "งบประมาณ (บาท)"] + months).joined(separator: "\t"),
        ]
        func row(_ cells: [String], marks: Set<Int>) -> String {
            (cells + months.indices.map { marks.contains($0) ? "✓" : "" }).joined(separator: "\t")
        }
        lines.append(row(["1. การสร้างสังคมที่ไม่ทนต่อการทุจริต", "1.1 การสร้างจิตสำนึกและความตระหนักแก่บุคลากรทั้งข้าราชการการเมืองฝ่ายบริหาร", "1) โครงการอบรมคุณธรรมจริยธรรม", "30,000"], marks: [0, 1, 2]))
        lines.append(row(["", "1.2 การสร้างจิตสำนึกและความตระหนักแก่ประชาชนทุกภาคส่วนในท้องถิ่น", "2) กิจกรรมรณรงค์ต่อต้านการทุจริต", "-"], marks: [6]))
        lines.append(row(["2. การบริหารราชการเพื่อป้องกันการทุจริต", "2.1 แสดงเจตจำนงทางการเมืองในการต่อต้านการทุจริตของผู้บริหาร", "3) มาตรการประกาศเจตจำนงสุจริต", "ไม่ใช้งบประมาณ"], marks: [0]))
        let result = try DocumentImporter.importDocument(Data(lines.joined(separator: "\n").utf8), fileName: "old.txt")
        XCTAssertEqual(result.plan.cycleID, "2561-2564")
        XCTAssertEqual(result.plan.yearSlug, "2562")
        XCTAssertEqual(result.plan.dimensions.first?.name, "การสร้างสังคมที่ไม่ทนต่อการทุจริต")
        let items = result.plan.orderedItems
        XCTAssertEqual(items.map(\.missionCode), ["1.1", "1.2", "2.1"])
        XCTAssertEqual(items[0].budgets[FiscalYear(2562)], .amount(Money(baht: 30_000)))
        XCTAssertEqual(items[1].budgets[FiscalYear(2562)], .noBudget)
        XCTAssertEqual(items[2].budgets[FiscalYear(2562)], .noBudget)
        // The schedule is the item's own field, not a remark.
        XCTAssertEqual(items[0].months.months, [10, 11, 12])
        XCTAssertEqual(items[1].months.months, [4])
        XCTAssertEqual(items[2].months.months, [10])
        XCTAssertEqual(items.map(\.remarks), ["", "", ""])
        XCTAssertEqual(result.organization.name, "องค์การบริหารส่วนตำบลหนองบัว")
    }

    func testOrganizationOverride() throws {
        let result = try DocumentImporter.importDocument(Data(Self.fixture.utf8), fileName: "x.txt", organizationName: "เทศบาลเมืองตัวอย่าง")
        XCTAssertEqual(result.organization.name, "เทศบาลเมืองตัวอย่าง")
        XCTAssertEqual(result.organization.kind, .townMunicipality)
        // Matching still uses the name the document itself wrote.
        XCTAssertEqual(result.sheets.filter { $0.matchScore != nil }.count, 14)
    }

    func testBenchmarkReportsWhatItMeasured() {
        let report = ImportBenchmark.measure(iterations: 3, targetBytes: 60_000)
        let document = SyntheticPlanDocument.text(targetBytes: 60_000)
        let expected = try? DocumentImporter.importDocument(Data(document.utf8), fileName: "synthetic.txt")
        // The synthetic document imports, and the report counts that plan, not an empty one.
        XCTAssertEqual(report.bytes, document.utf8.count)
        XCTAssertEqual(report.items, expected?.plan.items.count)
        XCTAssertEqual(report.sheets, expected?.sheets.count)
        XCTAssertGreaterThan(report.items ?? 0, 10)
        XCTAssertEqual(report.times.count, 3)
        XCTAssertEqual(report.times, report.times.sorted())
        XCTAssertEqual(report.median, report.times[1])
        let line = report.description
        XCTAssertTrue(line.contains("\(report.items!) items, \(report.sheets!) sheets"), line)
        XCTAssertTrue(line.contains(String(format: "median %.1f ms", report.median)), line)
    }
}
