import Foundation
import SujaritCore
@testable import SujaritImport
import XCTest

/// `sujarit import --expect EXPECTED.json FILE`: precision and recall per field.
final class ScoringTests: XCTestCase {
    func fixture() throws -> (ImportResult, Data) {
        let folder = Cycle2561Tests.folder
        let expected = try Data(contentsOf: folder.appendingPathComponent("plan-2562-annual.expected.json"))
        let result = try DocumentImporter.importDocument(try Data(contentsOf: folder.appendingPathComponent("plan-2562-annual.txt")), fileName: "plan.txt")
        return (result, expected)
    }

    func testFixtureScoresFully() throws {
        let (result, expected) = try fixture()
        let scores = ImportScoring.score(result, expected: try ImportScoring.decodeExpected(expected))
        XCTAssertEqual(scores.map(\.field), ["items", "dimension of each item", "mission of each item", "months of each item",
                                             "missions beyond the catalog", "sheets on one item each", "placed lines"])
        for score in scores {
            XCTAssertEqual(score.precision, 1, score.field)
            XCTAssertEqual(score.recall, 1, score.field)
        }
        XCTAssertEqual(scores.prefix(4).map(\.expected), [9, 9, 9, 9])
        // No mission beyond the catalog, no sheet; every line of the document placed.
        XCTAssertEqual(scores[4].found, 0)
        XCTAssertEqual(scores[5].found, 0)
        XCTAssertEqual(scores[6].correct, scores[6].expected)
        XCTAssertEqual(scores[6].expected, result.lineCount)
        XCTAssertGreaterThan(scores[6].expected, 100)
        XCTAssertTrue(ImportScoring.render(scores).contains("100.0 %"))
    }

    func testMissingAndWrongThingsLowerTheScores() throws {
        let (result, _) = try fixture()
        let items = result.plan.orderedItems
        // One item the document does not have, one with the wrong dimension and months.
        let json = """
        {"items": [
          {"name": "\(items[0].name)", "dimension": 1, "months": [3, 4]},
          {"name": "\(items[1].name)", "dimension": 4, "months": [1]},
          {"name": "โครงการที่เอกสารไม่มีเลยแม้แต่นิดเดียว", "dimension": 2}
        ]}
        """
        let scores = ImportScoring.score(result, expected: try ImportScoring.decodeExpected(Data(json.utf8)))
        let byField = Dictionary(uniqueKeysWithValues: scores.map { ($0.field, $0) })
        let itemScore = try XCTUnwrap(byField["items"])
        XCTAssertEqual(itemScore.correct, 2)
        XCTAssertEqual(itemScore.recall, 2.0 / 3.0, accuracy: 0.001)
        XCTAssertEqual(itemScore.precision, 2.0 / Double(items.count), accuracy: 0.001)
        XCTAssertEqual(byField["dimension of each item"]?.correct, 1)
        XCTAssertEqual(byField["months of each item"]?.correct, 1)
        XCTAssertEqual(byField["months of each item"]?.expected, 2)
    }

    func testBudgetsSheetsAndStatedTotalsOfSeed000() throws {
        let result = try DocumentImporter.importDocument(try Seeds.data("000"), fileName: "000.txt")
        let json = """
        {"items": [
           {"name": "โครงการสนับสนุนการจัดทำแผนชุมชนตำบลบ้านโป่ง", "budgets": {"2568": 20000, "2569": 5000}},
           {"name": "มาตรการ NO Gift Policy", "budgets": {"2566": null}}
         ],
         "sheets": ["มาตรการ NO Gift Policy", "ชื่อโครงการที่ไม่มีในเอกสาร"],
         "statedTotalFindings": [{"code": "subtotal.count", "line": 309}, {"code": "count.stated.total", "line": 16}, {"code": "total.budget"}]}
        """
        let scores = ImportScoring.score(result, expected: try ImportScoring.decodeExpected(Data(json.utf8)))
        let byField = Dictionary(uniqueKeysWithValues: scores.map { ($0.field, $0) })
        let budgets = try XCTUnwrap(byField["budgets per year"])
        XCTAssertEqual(budgets.expected, 3)
        XCTAssertEqual(budgets.correct, 2, "20,000 in 2568 and no budget in 2566 are right; 5,000 in 2569 is not")
        XCTAssertEqual(byField["sheet names"]?.correct, 1)
        XCTAssertEqual(byField["sheet names"]?.recall, 0.5)
        let stated = try XCTUnwrap(byField["stated-total findings"])
        XCTAssertEqual(stated.correct, 2, "the grand total is right, so no total.budget finding")
        XCTAssertEqual(stated.expected, 3)
        XCTAssertEqual(stated.found, result.findings.filter { ImportScoring.statedTotalCodes.contains($0.code) }.count)
    }

    /// Sheet fields: each field written down for a sheet counts when the sheet of its item says
    /// the same; a wrong or missing one lowers the recall. Run through `ImportScoring.report`,
    /// what `sujarit import --expect` prints, on the unseen u2 document.
    func testSheetFieldsAreScoredAsTheCommandPrintsThem() throws {
        let document = UnseenScoringTests.folder.appendingPathComponent("u2-town-2566-2570-pdftext.txt")
        let result = try DocumentImporter.importDocument(try Data(contentsOf: document), fileName: "u2.txt")
        let json = """
        {"sheets": ["มาตรการป้องกันผลประโยชน์ทับซ้อนในการปฏิบัติงาน",
                    {"name": "โครงการส่งเสริมคุณธรรมและจริยธรรมแก่ผู้บริหารและพนักงานเทศบาล",
                     "fields": {"targetGroup": "บุคลากรของเทศบาล จำนวน ๘๐ คน", "budget": "ปีละ ๓๐,๐๐๐ บาท",
                                "objectives": ["เพื่อส่งเสริมคุณธรรม", "เพื่อป้องกันการทุจริต"], "responsible": "กองคลัง",
                                "area": "หมู่ที่ 1"}}]}
        """
        let expected = try ImportScoring.decodeExpected(Data(json.utf8))
        let scores = ImportScoring.score(result, expected: expected)
        let fields = try XCTUnwrap(scores.first { $0.field == "sheet fields" })
        // Right: target group, budget, objectives; wrong: the responsible unit; missing: the area.
        XCTAssertEqual(fields.expected, 5)
        XCTAssertEqual(fields.correct, 3)
        XCTAssertEqual(scores.first { $0.field == "sheet names" }?.correct, 2)
        let table = try ImportScoring.report(result, expected: expected, json: false)
        XCTAssertTrue(table.contains("sheet fields"), table)
        let decoded = try JSONDecoder().decode([ImportScoring.FieldScore].self, from: Data(try ImportScoring.report(result, expected: expected, json: true).utf8))
        XCTAssertEqual(decoded.first { $0.field == "sheet fields" }?.correct, 3)
    }
}
