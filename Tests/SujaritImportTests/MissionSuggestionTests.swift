import Foundation
import XCTest
import SujaritCore
@testable import SujaritImport
import SujaritCatalog

/// Items read without a mission get the mission of the closest standard measure, reported as
/// an info finding; names unlike any measure stay unplaced.
final class MissionSuggestionTests: XCTestCase {
    func plan(_ names: [String]) -> Plan {
        let organization = Organization(slug: "t", kind: .subdistrictMunicipality, name: "เทศบาลตำบลทดสอบ")
        var plan = Plan.fromTemplate(PlanCatalog.cycle2566, organization: organization, first: FiscalYear(2568), last: FiscalYear(2568))
        plan.items = names.enumerated().map { PlanItem(kind: .measure, name: $1, missionCode: nil, order: $0 + 1) }
        return plan
    }

    func testNamesCloseToStandardMeasuresTakeTheirMission() {
        let noGift = StandardMeasures.measure(id: "no-gift-policy")!
        let channel = StandardMeasures.measure(id: "corruption-complaint-channel")!
        var plan = plan([noGift.name(organizationName: "เทศบาลตำบลทดสอบ"),
                         channel.name(organizationName: "เทศบาลตำบลทดสอบ").replacingOccurrences(of: "เกี่ยวกับ", with: "เกี่ยวกับ "),
                         "กิจกรรมปลูกต้นไม้วันแม่แห่งชาติ"])
        var findings: [ImportFinding] = []
        MissionSuggestion.apply(to: &plan, findings: &findings, sheets: [], organizationName: "เทศบาลตำบลทดสอบ")
        XCTAssertEqual(plan.items[0].missionCode, noGift.missionCode)
        XCTAssertEqual(plan.items[0].subMissionCode, noGift.subMissionCode)
        XCTAssertEqual(plan.items[1].missionCode, channel.missionCode)
        XCTAssertNil(plan.items[2].missionCode, "an unrelated name is not guessed")
        XCTAssertEqual(findings.filter { $0.code == "item.mission.suggested" }.count, 2)
        XCTAssertTrue(findings.allSatisfy { $0.severity == .info })
    }

    func testItemsWithMissionsAreLeftAlone() {
        var plan = plan(["มาตรการ NO Gift Policy"])
        plan.items[0].missionCode = "1.1"
        var findings: [ImportFinding] = []
        MissionSuggestion.apply(to: &plan, findings: &findings, sheets: [], organizationName: "x")
        XCTAssertEqual(plan.items[0].missionCode, "1.1")
        XCTAssertTrue(findings.isEmpty)
    }

    func testSeed001IsPlacedByDimension() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("shared/seeds/001_1a2077dbc0e9b020.txt")
        guard let data = try? Data(contentsOf: url) else { throw XCTSkip("seed 001 not present") }
        let result = try DocumentImporter.importDocument(data, fileName: "001.txt")
        let placed = result.plan.items.filter { $0.missionCode != nil }
        XCTAssertGreaterThanOrEqual(placed.count, 12, "most of the 19 sheets match a standard measure")
        XCTAssertEqual(result.plan.items.first { $0.name.contains("NO Gift Policy") }?.missionCode, "2.2")
        XCTAssertEqual(result.plan.items.first { $0.name.hasPrefix("มาตรการจัดให้มีระบบและช่องทางการรับเรื่องร้องเรียน") }?.missionCode, "4.3")
        XCTAssertEqual(result.findings(code: "item.mission.suggested").count, placed.count)
        XCTAssertEqual(result.summary.itemCount, 19)
    }
}
