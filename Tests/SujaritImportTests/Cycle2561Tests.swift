import Foundation
import SujaritCore
@testable import SujaritImport
import XCTest

/// Plans of the 2561–2564 cycle: a flat document without "ส่วนที่" parts (vision, mission,
/// objectives, targets, then one table per dimension), items against the twelve months
/// ต.ค.–ก.ย. with marks, target and indicator columns, no budget. The fixture was written for
/// these tests; its expected structure stands beside it.
final class Cycle2561Tests: XCTestCase {
    struct Expected: Decodable {
        struct Item: Decodable {
            var name: String
            var dimension: Int
            var mission: String
            var months: [Int]
            /// Baht per plan year (0 for none); absent for plans without budgets.
            var budgets: [Int]?
        }
        var document: String
        var organization: String
        var firstYear: Int
        var lastYear: Int
        var cycle: String
        var items: [Item]
    }

    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures2561")

    func load(_ name: String) throws -> (Data, Expected) {
        let expected = try JSONDecoder().decode(Expected.self, from: Data(contentsOf: Self.folder.appendingPathComponent("\(name).expected.json")))
        return (try Data(contentsOf: Self.folder.appendingPathComponent(expected.document)), expected)
    }

    func assertImports(_ data: Data, as expected: Expected, file: StaticString = #filePath, line: UInt = #line) throws {
        let result = try DocumentImporter.importDocument(data, fileName: expected.document)
        XCTAssertEqual(result.organization.name, expected.organization, file: file, line: line)
        XCTAssertEqual(result.plan.firstYear.be, expected.firstYear, file: file, line: line)
        XCTAssertEqual(result.plan.lastYear.be, expected.lastYear, file: file, line: line)
        XCTAssertEqual(result.plan.cycleID, expected.cycle, file: file, line: line)
        XCTAssertEqual(result.documentKind, expected.firstYear == expected.lastYear ? .annualPlan : .multiYearPlan, file: file, line: line)
        let items = result.plan.orderedItems
        XCTAssertEqual(items.map(\.name), expected.items.map(\.name), file: file, line: line)
        XCTAssertEqual(items.map(\.dimensionNumber), expected.items.map(\.dimension), file: file, line: line)
        XCTAssertEqual(items.map(\.missionCode), expected.items.map(\.mission), file: file, line: line)
        XCTAssertEqual(items.map { result.months(of: $0) }, expected.items.map(\.months), file: file, line: line)
        // The dimension names of that cycle, and no mission invented.
        XCTAssertEqual(result.plan.dimensions.first?.name, "การสร้างสังคมที่ไม่ทนต่อการทุจริต", file: file, line: line)
        XCTAssertFalse(result.plan.dimensions.flatMap(\.missions).contains(where: \.isCustom), file: file, line: line)
        // Target, indicator and responsible columns are not items, budgets or marks.
        XCTAssertTrue(items.allSatisfy { $0.budgets.values.allSatisfy { if case .amount = $0 { return false }; return true } }, file: file, line: line)
    }

    /// A four-year plan of the 2561–2564 cycle: flat (no "ส่วนที่"), one table per dimension with
    /// an item-number column, the mission in its own column on the first item of each mission,
    /// budgets per year, subtotal and grand-total rows.
    func testMultiYearPlanOfTheOlderCycle() throws {
        let (data, expected) = try load("plan-2561-2564")
        let result = try DocumentImporter.importDocument(data, fileName: expected.document)
        XCTAssertEqual(result.organization.name, expected.organization)
        XCTAssertEqual(result.plan.firstYear.be, expected.firstYear)
        XCTAssertEqual(result.plan.lastYear.be, expected.lastYear)
        XCTAssertEqual(result.plan.cycleID, expected.cycle)
        let items = result.plan.orderedItems
        XCTAssertEqual(items.map(\.name), expected.items.map(\.name))
        XCTAssertEqual(items.map(\.missionCode), expected.items.map(\.mission))
        XCTAssertEqual(items.map { item in result.plan.fiscalYears.map { Int((item.budgets[$0]?.countedAmount ?? .zero).satang / 100) } },
                       expected.items.map { $0.budgets ?? [] })
        XCTAssertEqual(result.plan.dimensions.first?.name, "การสร้างสังคมที่ไม่ทนต่อการทุจริต")
        XCTAssertFalse(result.plan.dimensions.flatMap(\.missions).contains(where: \.isCustom))
        // Its subtotals and stated count are right: no total or count finding.
        XCTAssertFalse(result.findings.contains { $0.code.hasPrefix("subtotal") || $0.code.hasPrefix("total") || $0.code.hasPrefix("count") },
                       "\(result.findings.map(\.message.en))")
    }

    func testOneYearPlanWithMonthSchedule() throws {
        let (data, expected) = try load("plan-2562-annual")
        try assertImports(data, as: expected)
    }

    /// The same plan with its table rows wrapped and damaged as a PDF extraction would leave it.
    func testOneYearPlanSurvivesVariation() throws {
        let (data, expected) = try load("plan-2562-annual")
        let text = String(decoding: data, as: UTF8.self)
        for seed in UInt64(1)...6 {
            var variation = PlanVariation(digits: seed % 2 == 0 ? .thai : .original, pageNumbers: seed % 3 == 0, seed: seed)
            variation.saraAm = seed == 4 ? .decomposed : .intact
            variation.spaceBeforeMarks = seed == 5 ? 0.05 : 0
            let result = try DocumentImporter.importDocument(Data(variation.apply(to: text).utf8), fileName: "variant.txt")
            XCTAssertEqual(result.plan.orderedItems.map { VariationTests.key($0.name, ignoringSaraAm: false) },
                           expected.items.map { VariationTests.key($0.name, ignoringSaraAm: false) }, "\(variation)")
            XCTAssertEqual(result.plan.orderedItems.map { result.months(of: $0) }, expected.items.map(\.months), "\(variation)")
        }
    }
}
