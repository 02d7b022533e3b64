import Foundation
import SujaritCore
@testable import SujaritImport
import XCTest

/// Issue 12's targets, measured on the documents in `Unseen/` that the importer was not built
/// from: each one with an `*.expected.json` beside it is imported, scored with `ImportScoring`
/// (as `sujarit import --expect EXPECTED.json FILE` does) and its scores printed.
final class UnseenScoringTests: XCTestCase {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Unseen")

    /// Every document in `Unseen/` with its expected file, by name.
    static func documents() throws -> [(document: URL, expected: URL)] {
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        return names.compactMap { name in
            guard !name.hasSuffix(".expected.json"), !name.hasSuffix(".py") else { return nil }
            let stem = (name as NSString).deletingPathExtension
            let expected = folder.appendingPathComponent(stem + ".expected.json")
            guard FileManager.default.fileExists(atPath: expected.path) else { return nil }
            return (folder.appendingPathComponent(name), expected)
        }
    }

    /// One target of issue 12 for one document: what it requires and the number measured.
    struct Target {
        var name: String
        var measured: String
        var holds: Bool
    }

    static func targets(_ scores: [ImportScoring.FieldScore]) -> [Target] {
        let byField = Dictionary(uniqueKeysWithValues: scores.map { ($0.field, $0) })
        var targets: [Target] = []
        func percent(_ value: Double) -> String { String(format: "%.1f %%", value * 100) }
        for field in ["items", "dimension of each item", "budgets per year", "sheet fields"] {
            guard let score = byField[field] else { continue }
            targets.append(Target(name: "\(field) recall ≥ 95 %", measured: "\(percent(score.recall)) (\(score.correct) of \(score.expected))",
                                  holds: score.recall >= 0.95))
        }
        if let missions = byField["missions beyond the catalog"] {
            let invented = missions.found - missions.correct
            targets.append(Target(name: "no invented missions", measured: "\(invented) invented", holds: invented == 0))
        }
        if let sheets = byField["sheets on one item each"] {
            let shared = sheets.found - sheets.correct
            targets.append(Target(name: "every sheet on at most one item", measured: "\(shared) of \(sheets.found) placed sheets share an item",
                                  holds: shared == 0))
        }
        if let lines = byField["placed lines"] {
            let unplaced = lines.expected - lines.correct
            let share = lines.expected == 0 ? 0 : Double(unplaced) / Double(lines.expected)
            targets.append(Target(name: "unplaced lines < 2 %", measured: "\(unplaced) of \(lines.expected) (\(percent(share)))", holds: share < 0.02))
        }
        if let stated = byField["stated-total findings"] {
            targets.append(Target(name: "every wrong stated count and total flagged", measured: "\(stated.correct) of \(stated.expected) flagged",
                                  holds: stated.correct == stated.expected))
        }
        return targets
    }

    /// Targets a document does not meet yet, by document, with the reason; every other target is
    /// asserted. These are not passes: the test prints each one's number as "GAP". None now: u2
    /// (`pdftotext -layout` text of a narrow-column table, columns wrapping on their own and
    /// centred vertically), u5 (dimension rows across the table, a responsible column, cut
    /// amounts) and u6 (u3's Word file printed and copied as `-layout` text, columns touching
    /// with single spaces) are read by `LayoutTable`.
    static let knownGaps: [String: Set<String>] = [:]

    func testUnseenDocumentsMeetIssue12Targets() throws {
        let documents = try Self.documents()
        XCTAssertGreaterThanOrEqual(documents.count, 6, "u1–u6 each have an expected file")
        for (document, expectedURL) in documents {
            let name = document.lastPathComponent
            let expected = try ImportScoring.decodeExpected(Data(contentsOf: expectedURL))
            let result = try DocumentImporter.importDocument(Data(contentsOf: document), fileName: name)
            let scores = ImportScoring.score(result, expected: expected)
            print("== \(name)\n" + ImportScoring.render(scores))
            let fields = Set(scores.map(\.field))
            XCTAssertTrue(fields.isSuperset(of: ["items", "dimension of each item", "missions beyond the catalog", "sheets on one item each", "placed lines"]),
                          "\(name): \(fields.sorted())")
            for target in Self.targets(scores) {
                print("   target \(target.holds ? "holds" : "GAP  ") \(target.name): \(target.measured)")
                if Self.knownGaps[name]?.contains(target.name) == true {
                    if target.holds { print("   (\(target.name) now holds for \(name): take it out of knownGaps)") }
                } else {
                    XCTAssertTrue(target.holds, "\(name): \(target.name) — \(target.measured)")
                }
            }
            for finding in result.findings(code: "line.unplaced") {
                print("   unplaced line \(finding.line.map(String.init) ?? "?"): \(finding.message.en)")
            }
        }
    }

    /// Month-schedule plans printed to PDF (LibreOffice) and read from word boxes
    /// (`PDFWordLayout.MonthSchedule`): the month header read down its narrow columns as
    /// twelve month columns, the พ.ศ. labels over groups of months (u4) or one heading over all
    /// of them (u7) no budget column, each table's columns its own, marks in the month they
    /// stand in, an arrow typed across a run of months (u7) marking every month it covers.
    /// An arrow centred in a merged cell wider than itself (u4's twelve-month runs) covers the
    /// months between the cell's borders, read from `pdftocairo -svg` beside pdftotext; without
    /// it, only the months the arrow's own glyphs cover (u4: 6 of 10 items' months right).
    /// Everything else must come through whole.
    static var monthSchedulePDFs: [(name: String, months: Int)] {
        let borders = PDFTextExtractor.toolURL().map { FileManager.default.isExecutableFile(atPath: $0.deletingLastPathComponent().appendingPathComponent("pdftocairo").path) } ?? false
        return [("u4-tambon-2563-annual", borders ? 10 : 6), ("u7-town-2564-annual", 10)]
    }

    func testMonthSchedulePlansAsPDF() throws {
        if PDFTextExtractor.toolURL() == nil { throw XCTSkip("pdftotext (poppler-utils) is not installed") }
        for (name, months) in Self.monthSchedulePDFs {
            let expected = try ImportScoring.decodeExpected(Data(contentsOf: Self.folder.appendingPathComponent(name + ".expected.json")))
            let pdf = try PDFImportTests.pdf(fromDocx: try Data(contentsOf: Self.folder.appendingPathComponent(name + ".docx")))
            PDFImportTests.dump(pdf, name: name)
            let result = try DocumentImporter.importDocument(pdf, fileName: name + ".pdf")
            let scores = ImportScoring.score(result, expected: expected)
            print("== \(name).pdf\n" + ImportScoring.render(scores))
            let byField = Dictionary(uniqueKeysWithValues: scores.map { ($0.field, $0) })
            for field in ["items", "dimension of each item", "mission of each item", "budgets per year"] {
                let score = try XCTUnwrap(byField[field], field)
                XCTAssertEqual(score.correct, score.expected, "\(name).pdf: \(field)")
                XCTAssertEqual(score.found, score.expected, "\(name).pdf: \(field) found")
            }
            let month = try XCTUnwrap(byField["months of each item"])
            XCTAssertGreaterThanOrEqual(month.correct, months, "\(name).pdf: months of each item")
            if month.correct > months { print("   (\(name).pdf reads \(month.correct) months right: raise monthSchedulePDFs)") }
            let lines = try XCTUnwrap(byField["placed lines"])
            XCTAssertEqual(lines.correct, lines.expected, "\(name).pdf: unplaced lines \(result.findings(code: "line.unplaced").map(\.message.en))")
            XCTAssertEqual(result.findings(code: "mission.custom").count, 0, "\(name).pdf: \(result.findings(code: "mission.custom").map(\.message.en))")
        }
    }

    /// The same plans as `pdftotext -layout` text (`LayoutTable` declines month schedules; their
    /// runs are read as word boxes at their character positions). Not yet as well as the PDF:
    /// items, dimensions and missions whole; budgets and months held to what is read now
    /// (positions drift with Thai marks, and the text has no cell borders).
    static let monthScheduleLayoutFloors: [(name: String, budgets: Int, months: Int)] = [("u4-tambon-2563-annual", 10, 3), ("u7-town-2564-annual", 10, 5)]

    func testMonthSchedulePlansAsLayoutText() throws {
        guard let pdftotext = PDFTextExtractor.toolURL() else { throw XCTSkip("pdftotext (poppler-utils) is not installed") }
        for (name, budgets, months) in Self.monthScheduleLayoutFloors {
            let expected = try ImportScoring.decodeExpected(Data(contentsOf: Self.folder.appendingPathComponent(name + ".expected.json")))
            let pdf = try PDFImportTests.pdf(fromDocx: try Data(contentsOf: Self.folder.appendingPathComponent(name + ".docx")))
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sujarit-layout-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: folder) }
            try pdf.write(to: folder.appendingPathComponent("plan.pdf"))
            try PDFImportTests.run(pdftotext, ["-layout", "-enc", "UTF-8", folder.appendingPathComponent("plan.pdf").path, folder.appendingPathComponent("plan.txt").path], timeout: 60)
            let text = try Data(contentsOf: folder.appendingPathComponent("plan.txt"))
            let result = try DocumentImporter.importDocument(text, fileName: name + "-layout.txt")
            let scores = ImportScoring.score(result, expected: expected)
            print("== \(name) as -layout text\n" + ImportScoring.render(scores))
            let byField = Dictionary(uniqueKeysWithValues: scores.map { ($0.field, $0) })
            for field in ["items", "dimension of each item", "mission of each item"] {
                let score = try XCTUnwrap(byField[field], field)
                XCTAssertEqual(score.correct, score.expected, "\(name) -layout: \(field)")
                XCTAssertEqual(score.found, score.expected, "\(name) -layout: \(field) found")
            }
            XCTAssertGreaterThanOrEqual(try XCTUnwrap(byField["budgets per year"]).correct, budgets, "\(name) -layout: budgets")
            XCTAssertGreaterThanOrEqual(try XCTUnwrap(byField["months of each item"]).correct, months, "\(name) -layout: months")
            XCTAssertEqual(result.findings(code: "mission.custom").count, 0, "\(name) -layout: \(result.findings(code: "mission.custom").map(\.message.en))")
        }
    }
}
