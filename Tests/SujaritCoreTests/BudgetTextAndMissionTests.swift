import XCTest
import SujaritCore
import SujaritCatalog

/// Budget sentences that mention a year, and custom missions whose code does not name their
/// dimension.
final class BudgetTextAndMissionTests: XCTestCase {
    func testYearInBudgetSentenceIsNotTheAmount() {
        XCTAssertEqual(BudgetEntry.parseDocumentText("งบประมาณปี 2568 จำนวน 20,000 บาท"), .amount(Money(baht: 20_000)))
        XCTAssertEqual(BudgetEntry.parseDocumentText("ปีงบประมาณ ๒๕๖๘ จำนวน ๑๕,๐๐๐ บาท"), .amount(Money(baht: 15_000)))
        XCTAssertEqual(BudgetEntry.parseDocumentText("ปี 2568 5000"), .amount(Money(baht: 5_000)))
        XCTAssertNil(BudgetEntry.parseDocumentText("ปีงบประมาณ 2568"), "a year alone is no amount")
        XCTAssertEqual(BudgetEntry.parseDocumentText("2,568 บาท"), .amount(Money(baht: 2_568)), "with separator it is money")
    }

    func testCustomMissionCountsUnderTheDimensionItSitsIn() {
        let organization = Organization(slug: "custom", kind: .subdistrict, name: "องค์การบริหารส่วนตำบลทดสอบ")
        var plan = Plan.fromTemplate(PlanCatalog.cycle2566, organization: organization)
        // A custom mission filed under dimension 3 with a code of its own.
        plan.dimensions[2].missions.append(Mission(code: "พิเศษ-1", name: "ภารกิจเพิ่มเติม", isCustom: true))
        plan.items = [PlanItem(kind: .activity, name: "กิจกรรมพิเศษ", missionCode: "พิเศษ-1", order: 1,
                               budgets: [FiscalYear(2566): .amount(Money(baht: 1_000))])]
        let summary = PlanSummary(plan: plan)
        XCTAssertEqual(summary.dimension(3)?.itemCount, 1)
        XCTAssertEqual(summary.dimension(3)?.total, Money(baht: 1_000))
        XCTAssertEqual(summary.unplacedItemCount, 0)
    }
}
