import Foundation
import SujaritCore
@testable import SujaritImport
import XCTest

/// Every document of the importer's own tests, made a PDF the way officers make them (Word or
/// LibreOffice, landscape or portrait, A4 or Letter, other sizes and Latin fonts), imports as
/// its text or Word file does: the same items in the same order, each with its dimension,
/// mission, budget per year and months, and the same sheets. The rows of the plan table are
/// rebuilt from word positions (`PDFWordLayout`); nothing here depends on exact line breaks.
final class PDFTablesTests: XCTestCase {
    /// What must come through a PDF, as comparable values.
    struct Shape: Equatable, CustomStringConvertible {
        struct Item: Equatable {
            var name: String
            var dimension: Int?
            var mission: String?
            var budgets: [Int: String]
            var months: [Int]
        }
        var items: [Item]
        var sheets: [String]
        var sheetFields: [[SheetField]]

        init(_ result: ImportResult) {
            items = result.plan.orderedItems.map { item in
                Item(name: VariationTests.key(item.name, ignoringSaraAm: false), dimension: item.dimensionNumber, mission: item.missionCode,
                     budgets: Dictionary(uniqueKeysWithValues: item.budgets.map { ($0.key.be, "\($0.value)") }), months: item.months.months)
            }
            sheets = result.sheets.map { VariationTests.key($0.name, ignoringSaraAm: false) }
            sheetFields = result.sheets.map(\.fieldsFound)
        }

        var description: String { "\(items.count) items, \(sheets.count) sheets" }
    }

    func requireTools() throws {
        if PDFTextExtractor.toolURL() == nil { throw XCTSkip("pdftotext (poppler-utils) is not installed") }
    }

    /// The PDF imports as the original: every item, field by field.
    func assertSame(pdf: Data, as original: ImportResult, _ name: String, file: StaticString = #filePath, line: UInt = #line) throws {
        PDFImportTests.dump(pdf, name: name)
        let result = try DocumentImporter.importDocument(pdf, fileName: name + ".pdf")
        let want = Shape(original), got = Shape(result)
        print("PDF tables \(name): \(got) from the PDF, \(want) from the original")
        XCTAssertEqual(got.items.count, want.items.count, "\(name): items", file: file, line: line)
        for (index, (a, b)) in zip(got.items, want.items).enumerated() where a != b {
            XCTFail("\(name) item \(index + 1):\n got  \(a)\n want \(b)", file: file, line: line)
        }
        XCTAssertEqual(got.sheets, want.sheets, "\(name): sheets", file: file, line: line)
        XCTAssertEqual(got.sheetFields, want.sheetFields, "\(name): sheet fields", file: file, line: line)
        // Stated figures are checked alike: a PDF adds no disagreement the original has not.
        let codes = { (result: ImportResult) in result.findings.filter { ImportScoring.statedTotalCodes.contains($0.code) }.map(\.code).sorted() }
        XCTAssertEqual(codes(result), codes(original), "\(name): stated-total findings", file: file, line: line)
        XCTAssertTrue(result.findings(code: "mission.custom").count <= original.findings(code: "mission.custom").count,
                      "\(name): missions invented from the PDF: \(result.findings(code: "mission.custom").map(\.message.en))", file: file, line: line)
    }

    func assertTextAsPDF(_ text: String, _ name: String, page: FixtureWriter.Page = .a4Landscape, textSize: Int? = nil, latinFont: String? = nil,
                         file: StaticString = #filePath, line: UInt = #line) throws {
        let original = try DocumentImporter.importDocument(Data(text.utf8), fileName: name + ".txt")
        let docx = try FixtureWriter.docx(PlainTextReader.read(text), laidOut: true, page: page, textSize: textSize, latinFont: latinFont)
        try assertSame(pdf: try PDFImportTests.pdf(fromDocx: docx), as: original, name, file: file, line: line)
    }

    static func fixture(_ folder: String, _ name: String) throws -> Data {
        try Data(contentsOf: URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(folder).appendingPathComponent(name))
    }

    func testTwoLevelPlanAsPDF() throws {
        try requireTools()
        try assertTextAsPDF(OwnLayoutDocument(items: OwnLayoutDocument.standardItems()).text, "two-level")
    }

    func testSyntheticPlanAsPDFOnLetterPagesInALargerSize() throws {
        try requireTools()
        try assertTextAsPDF(SyntheticPlanDocument.text(itemCount: 12), "synthetic-letter", page: .letterLandscape, textSize: 30, latinFont: "DejaVu Sans")
    }

    func testSeedsAsPDF() throws {
        try requireTools()
        try assertTextAsPDF(try Seeds.text("000"), "seed-000")
        try assertTextAsPDF(try Seeds.text("001"), "seed-001", page: .a4Portrait, textSize: 28)
    }

    /// Seed 000's plan table on portrait pages in a small size: narrow columns, names wrapped
    /// over many lines, budgets of several items stacked in one cell.
    func testSeed000AsPortraitPDF() throws {
        try requireTools()
        try assertTextAsPDF(try Seeds.text("000"), "seed-000-portrait", page: .a4Portrait, textSize: 20, latinFont: "DejaVu Sans")
    }

    /// The 2561–2564 cycle: the four-year plan (refused as a PDF before) and the one-year plan
    /// with its month schedule.
    func testOlderCyclePlansAsPDF() throws {
        try requireTools()
        for name in ["plan-2561-2564", "plan-2562-annual"] {
            let text = String(decoding: try Self.fixture("Fixtures2561", name + ".txt"), as: UTF8.self)
            try assertTextAsPDF(text, name)
        }
    }

    /// Documents the importer was not tuned to, as PDFs: a provincial plan whose Word table
    /// gives one row per visual line, and two Word files with merged cells (made by LibreOffice
    /// from HTML, see Unseen/README.md).
    func testUnseenProvincialPlanAsPDF() throws {
        try requireTools()
        let text = String(decoding: try Self.fixture("Unseen", "u1-pao-2566-2570.txt"), as: UTF8.self)
        try assertTextAsPDF(text, "u1", page: .a4Landscape, textSize: 24)
    }

    func testUnseenOlderCycleWordFileAsPDF() throws {
        try requireTools()
        try assertDocxAsPDF("u3-tambon-2561-2564")
    }

    /// A month table whose narrow month columns break their headings into single letters over
    /// three lines, with พ.ศ. labels over groups of months and runs of months drawn as an arrow
    /// centred in a merged cell: read by `PDFWordLayout.MonthSchedule`. Every item comes through
    /// with its mission, dimension and budget; its months too when `pdftocairo` (the cell
    /// borders) is installed beside pdftotext.
    func testUnseenOneYearMonthPlanAsPDF() throws {
        try requireTools()
        let name = "u4-tambon-2563-annual"
        let docx = try Self.fixture("Unseen", name + ".docx")
        let original = try DocumentImporter.importDocument(docx, fileName: name + ".docx")
        let pdf = try PDFImportTests.pdf(fromDocx: docx)
        PDFImportTests.dump(pdf, name: name)
        let result = try DocumentImporter.importDocument(pdf, fileName: name + ".pdf")
        let want = Shape(original), got = Shape(result)
        XCTAssertEqual(got.items.count, want.items.count)
        XCTAssertEqual(got.items.map(\.mission), want.items.map(\.mission))
        XCTAssertEqual(got.items.map(\.dimension), want.items.map(\.dimension))
        XCTAssertEqual(got.items.map(\.budgets), want.items.map(\.budgets))
        XCTAssertEqual(result.findings(code: "mission.custom").count, 0, "\(result.findings(code: "mission.custom").map(\.message.en))")
        let whole = zip(got.items, want.items).filter { $0.name == $1.name }.count
        let months = zip(got.items, want.items).filter { $0.months == $1.months }.count
        print("PDF tables \(name): \(got.items.count) items of \(want.items.count); names whole \(whole), months \(months)")
        let borders = PDFTextExtractor.toolURL().map { FileManager.default.isExecutableFile(atPath: $0.deletingLastPathComponent().appendingPathComponent("pdftocairo").path) } ?? false
        if borders { XCTAssertEqual(got.items.map(\.months), want.items.map(\.months)) }
    }

    func assertDocxAsPDF(_ name: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let docx = try Self.fixture("Unseen", name + ".docx")
        let original = try DocumentImporter.importDocument(docx, fileName: name + ".docx")
        try assertSame(pdf: try PDFImportTests.pdf(fromDocx: docx), as: original, name, file: file, line: line)
    }
}
