import Foundation
import SujaritCore
@testable import SujaritImport
import XCTest

/// `LayoutTable`: plan tables of `pdftotext -layout` text rebuilt into logical rows.
final class LayoutTableTests: XCTestCase {
    static let unseen = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Unseen")

    /// SUJARIT_DUMP_LAYOUT=path prints the rebuilt rows and the items of that file (a debugging aid).
    func testDumpWhenAsked() throws {
        if let path = ProcessInfo.processInfo.environment["SUJARIT_DUMP_SYNTHETIC"] {
            try SyntheticPlanDocument.text(itemCount: 8).write(toFile: path, atomically: true, encoding: .utf8)
        }
        guard let path = ProcessInfo.processInfo.environment["SUJARIT_DUMP_LAYOUT"] else { return }
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        var out = ""
        func print(_ items: Any...) { out += items.map { "\($0)" }.joined(separator: " ") + "\n" }
        defer { try? out.write(toFile: path + ".dump", atomically: true, encoding: .utf8) }
        if PDFTextExtractor.isPDF(data) { try PDFTextExtractor.extractText(data).write(toFile: path + ".txt", atomically: true, encoding: .utf8) }
        let blocks = try DocumentImporter.readBlocks(data)
        for case .table(let table) in blocks {
            for row in table.rows { print(row.line, row.cells.map { $0.lines.joined(separator: " / ") }.joined(separator: " | ")) }
        }
        let result = try DocumentImporter.importDocument(data, fileName: "x.txt")
        for item in result.plan.orderedItems {
            print(item.dimensionNumber.map(String.init) ?? "-", item.missionCode ?? "-", item.name, item.budgets.sorted { $0.key.be < $1.key.be }.map { "\($0.key.be)=\($0.value)" }, result.months(of: item))
        }
        for finding in result.findings { print(finding.code, finding.line ?? 0, finding.message.en) }
    }

    /// Lays runs out as `pdftotext -layout` does: each at its column, counted in code points.
    static func place(_ runs: [(Int, String)]) -> String {
        var line = ""
        for (column, text) in runs {
            let length = line.unicodeScalars.count
            line += String(repeating: " ", count: max(length == 0 ? column : 2, column - length)) + text
        }
        return line
    }

    /// A small table of centred cells: the dimension's and the second mission's numbers stand
    /// below the first line of their first items, budgets on the middle line of their rows, a
    /// mission's first line run into the dimension's with one space, the subtotal's count over
    /// two lines around "รวม".
    static func centredTable(subtotal2567: String = "17,000") -> String {
        [
            "ส่วนที่ 2",
            place([(30, "โครงการ/"), (50, "ปี 2566"), (60, "ปี 2567")]),
            place([(4, "มิติ"), (15, "ภารกิจตามมิติ"), (30, "กิจกรรม/มาตรการ"), (50, "(บาท)"), (60, "(บาท)")]),
            place([(30, "1) โครงการอบรม")]),
            place([(0, "1. การสร้าง"), (15, "1.1 การเสริม"), (30, "คุณธรรมสำหรับ"), (50, "10,000"), (60, "12,000")]),
            "วัฒนธรรม แก่บุคลากร" + String(repeating: " ", count: 11) + "ผู้บริหาร",
            place([(0, "สุจริต"), (30, "2) กิจกรรมยกย่อง")]),
            place([(15, "1.2 การเสริม"), (30, "คนดีศรีตำบล"), (50, "-"), (60, "-")]),
            place([(15, "แก่ประชาชน"), (30, "3) มาตรการงดรับ")]),
            place([(30, "ของขวัญ"), (50, "-"), (60, "5,000")]),
            place([(30, "จำนวน 3")]),
            place([(18, "รวม"), (50, "10,000"), (60, subtotal2567)]),
            place([(30, "โครงการ")]),
            "",
            "ส่วนที่ 3",
        ].joined(separator: "\n") + "\n"
    }

    func testCentredCellsAreRebuiltIntoTheirRows() throws {
        let result = try DocumentImporter.importDocument(Data(Self.centredTable().utf8), fileName: "centred.txt")
        let items = result.plan.orderedItems
        XCTAssertEqual(items.map(\.name), ["โครงการอบรมคุณธรรมสำหรับผู้บริหาร", "กิจกรรมยกย่องคนดีศรีตำบล", "มาตรการงดรับของขวัญ"])
        XCTAssertEqual(items.map(\.dimensionNumber), [1, 1, 1])
        // Mission 1.2's number stands below item 2's first line: the item is still its.
        XCTAssertEqual(items.map(\.missionCode), ["1.1", "1.2", "1.2"])
        func baht(_ value: Int) -> BudgetEntry { .amount(Money(satang: Int64(value) * 100)) }
        XCTAssertEqual(items[0].budgets[FiscalYear(2566)], baht(10_000))
        XCTAssertEqual(items[0].budgets[FiscalYear(2567)], baht(12_000))
        XCTAssertEqual(items[1].budgets[FiscalYear(2567)], .noBudget)
        XCTAssertEqual(items[2].budgets[FiscalYear(2566)], .noBudget)
        XCTAssertEqual(items[2].budgets[FiscalYear(2567)], baht(5_000))
        XCTAssertTrue(result.findings(code: "subtotal.budget").isEmpty, "\(result.findings.map(\.message.en))")
        XCTAssertTrue(result.findings(code: "subtotal.count").isEmpty, "\(result.findings.map(\.message.en))")
        XCTAssertFalse(result.findings(code: "text.layoutTableRebuilt").isEmpty)
        XCTAssertTrue(result.findings(code: "text.layoutColumns").isEmpty)
        XCTAssertTrue(result.plan.dimensions.flatMap(\.missions).filter(\.isCustom).isEmpty, "no mission made up from a fragment")
    }

    func testAWrongSubtotalOfALayoutTableIsFlagged() throws {
        let result = try DocumentImporter.importDocument(Data(Self.centredTable(subtotal2567: "19,000").utf8), fileName: "centred.txt")
        XCTAssertEqual(result.plan.orderedItems.count, 3)
        XCTAssertEqual(result.findings(code: "subtotal.budget").count, 1, "\(result.findings.map(\.message.en))")
    }

    func testAmountsCutByANarrowColumnAreJoined() {
        var lines = [
            LayoutTable.parse(Substring(Self.place([(0, "1. โครงการอบรม"), (30, "25,00 25,00 12,00 5,000 -")])), number: 1),
            LayoutTable.parse(Substring(Self.place([(0, "คุณธรรม"), (30, "0"), (36, "0"), (42, "0")])), number: 2),
            LayoutTable.parse(Substring(Self.place([(0, "2. กิจกรรม"), (30, "33,0 - 108,")])), number: 3),
            LayoutTable.parse(Substring(Self.place([(30, "00"), (40, "000")])), number: 4),
        ]
        LayoutTable.joiningCutAmounts(&lines)
        XCTAssertEqual(lines[0].budgets, ["25,000", "25,000", "12,000", "5,000", "-"])
        XCTAssertEqual(lines[1].budgets, [])
        XCTAssertEqual(lines[2].budgets, ["33,000", "-", "108,000"])
        // A count's number is no budget: "จำนวน ๒" keeps it.
        let total = LayoutTable.parse(Substring(Self.place([(10, "รวม"), (20, "จำนวน ๒"), (40, "๔๐,๐๐๐"), (50, "-")])), number: 5)
        XCTAssertEqual(total.budgets, ["๔๐,๐๐๐", "-"])
        XCTAssertEqual(total.segments.map(\.text), ["รวม", "จำนวน ๒"])
        // A mission's code alone on its line is no figure.
        XCTAssertEqual(LayoutTable.parse(Substring(Self.place([(15, "๒.๒")])), number: 6).budgets, [])
    }

    /// Prose and unnumbered fragments under a layout header give no items: an item begins only
    /// at its number (or its kind word in a table without numbers).
    func testFragmentsUnderALayoutHeaderInventNoItems() throws {
        var lines = [Self.place([(30, "โครงการ/"), (50, "ปี 2566"), (60, "ปี 2567")]),
                     Self.place([(4, "มิติ"), (15, "ภารกิจตามมิติ"), (30, "กิจกรรม/มาตรการ")])]
        let words = ["การเสริม", "สร้าง", "จิตสำนึก", "และความ", "ตระหนัก", "10,000", "-", "ประชาชน", "ทุกภาคส่วน", "๕๕,๐๐๐"]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<40 {
            lines.append(Self.place((0..<Int.random(in: 1...4, using: &generator)).map { index in
                (index * 15 + Int.random(in: 0...3, using: &generator), words.randomElement(using: &generator)!)
            }))
        }
        let blocks = PlainTextReader.read(lines.joined(separator: "\n"))
        let result = try? DocumentImporter.importDocument(Data(lines.joined(separator: "\n").utf8), fileName: "fragments.txt")
        XCTAssertEqual(result?.plan.orderedItems.count ?? 0, 0)
        XCTAssertFalse(blocks.isEmpty)
    }

    /// A month schedule's header names years too ("พ.ศ. 2562" over ต.ค.–ธ.ค., "พ.ศ. 2563" over the
    /// rest); they are no budget columns, and such a table is not rebuilt as one of years.
    func testAMonthScheduleIsNotReadAsYears() {
        let lines = [Self.place([(10, "โครงการ/กิจกรรม"), (40, "งบประมาณ"), (52, "พ.ศ. 2562"), (70, "พ.ศ. 2563")]),
                     Self.place([(40, "(บาท)")] + ["ต.ค.", "พ.ย.", "ธ.ค.", "ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค."].enumerated().map { (50 + $0.offset * 6, $0.element) }),
                     Self.place([(0, "1"), (10, "โครงการอบรม"), (40, "20,000"), (62, "✓")])]
        XCTAssertNil(LayoutTable.read(lines.map { Substring($0) }, at: 0))
        // The same header with budget years is one.
        let years = [Self.place([(10, "โครงการ/กิจกรรม"), (40, "ปี 2566"), (52, "ปี 2567")]),
                     Self.place([(10, "1) โครงการอบรม"), (40, "20,000"), (52, "-")])]
        XCTAssertNotNil(LayoutTable.read(years.map { Substring($0) }, at: 0))
    }

    /// A text without a plan table laid out in spaces reads as before: no table from nowhere.
    func testTextWithoutALayoutHeaderMakesNoTable() {
        let text = "แผนปฏิบัติการป้องกันการทุจริต (พ.ศ. 2566 – 2570)\nปี 2566     ปี 2567 ได้ดำเนินการแล้ว\n1) โครงการอบรม      10,000\n"
        let blocks = PlainTextReader.read(text)
        XCTAssertFalse(blocks.contains { if case .table = $0 { return true }; return false })
    }

    /// The two layout documents (u2 centred, u5 top-aligned with dimension rows) moved about as
    /// other printers and copies set them: indented, their gaps wider, their digits switched.
    /// Nothing is read by absolute position, so the scores hold.
    func testLayoutDocumentsSurviveShiftedAndWidenedColumns() throws {
        for stem in ["u2-town-2566-2570-pdftext", "u5-tambon-2566-2570-layout"] {
            let text = try String(contentsOf: Self.unseen.appendingPathComponent(stem + ".txt"), encoding: .utf8)
            let expected = try ImportScoring.decodeExpected(Data(contentsOf: Self.unseen.appendingPathComponent(stem + ".expected.json")))
            let variants: [(String, String)] = [
                ("indented", text.components(separatedBy: "\n").map { $0.isEmpty ? $0 : "    " + $0 }.joined(separator: "\n")),
                ("wider gaps", text.replacingOccurrences(of: "  ", with: "   ")),
                ("digits switched", ThaiDigits.toThai(ThaiDigits.toArabic(text)) == text ? ThaiDigits.toArabic(text) : ThaiDigits.toThai(text)),
            ]
            for (name, variant) in variants {
                XCTAssertNotEqual(variant, text, "\(stem) \(name)")
                let result = try DocumentImporter.importDocument(Data(variant.utf8), fileName: stem + ".txt")
                let scores = Dictionary(uniqueKeysWithValues: ImportScoring.score(result, expected: expected).map { ($0.field, $0) })
                for field in ["items", "dimension of each item", "mission of each item", "budgets per year"] {
                    XCTAssertGreaterThanOrEqual(scores[field]?.recall ?? 0, 0.95, "\(stem) \(name): \(field)")
                    XCTAssertGreaterThanOrEqual(scores[field]?.precision ?? 0, 0.95, "\(stem) \(name): \(field)")
                }
                XCTAssertEqual(scores["missions beyond the catalog"]?.found, 0, "\(stem) \(name)")
            }
        }
    }
}
