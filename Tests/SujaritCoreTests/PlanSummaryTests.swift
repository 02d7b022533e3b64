import Foundation
import SujaritCore
import SujaritTestSupport
import XCTest
import SujaritDemo

final class PlanSummaryTests: XCTestCase {
    private func years(_ range: ClosedRange<Int>) -> [FiscalYear] { range.map(FiscalYear.init) }

    /// A plan 2566–2570 with placed, unplaced and out-of-range entries:
    ///
    /// | item | mission | kind | budgets |
    /// |---|---|---|---|
    /// | A | 1.1 | project | 2566: 20,000 · 2567: 20,000 |
    /// | B | 1.2 | activity | 2566: 15,000 |
    /// | C | 2.1 | measure | none |
    /// | D | 3.2 | guideline | 2570: 30,000 |
    /// | E | (none) | project | 2566: 10,000 |
    /// | F | 4.1 | project | 2566: none · 2571: 5,000 (outside the plan) |
    /// | G | 9.9 (unknown) | activity | 2568: 1,000 |
    private func mixedPlan() -> Plan {
        var builder = PlanBuilder()
        builder.item("โครงการ A", mission: "1.1", budgets: [2566: .baht(20_000), 2567: .baht(20_000)])
        builder.item("กิจกรรม B", mission: "1.2", budgets: [2566: .baht(15_000)])
        builder.item("มาตรการ C", mission: "2.1")
        builder.item("แนวปฏิบัติ D", mission: "3.2", budgets: [2570: .baht(30_000)])
        builder.item("โครงการ E", mission: nil, budgets: [2566: .baht(10_000)])
        builder.item("โครงการ F", mission: "4.1", budgets: [2566: .noBudget, 2571: .baht(5_000)], fillYears: false)
        builder.item("กิจกรรม G", mission: "9.9", budgets: [2568: .baht(1_000)])
        return builder.plan
    }

    func testCountsPerDimensionAndUnplacedItems() throws {
        let summary = PlanSummary(plan: mixedPlan())
        XCTAssertEqual(summary.years, years(2566...2570))
        XCTAssertEqual(summary.dimensions.map(\.number), [1, 2, 3, 4])
        XCTAssertEqual(summary.dimensions.map(\.itemCount), [2, 1, 1, 1])
        XCTAssertEqual(summary.itemCount, 7)
        XCTAssertEqual(summary.unplacedItemCount, 2, "E has no mission; G names a mission the plan does not have")
        XCTAssertEqual(summary.dimension(1)?.countByKind, [.project: 1, .activity: 1])
        XCTAssertEqual(summary.dimension(3)?.countByKind, [.guideline: 1])
        XCTAssertEqual(summary.dimension(2)?.name, "การบริหารราชการด้วยความโปร่งใส")
    }

    func testBudgetsPerDimensionPerYearAndTotals() throws {
        let summary = PlanSummary(plan: mixedPlan())
        let d1 = try XCTUnwrap(summary.dimension(1))
        XCTAssertEqual(d1.budgetByYear[FiscalYear(2566)], Money(baht: 20_000 + 15_000))
        XCTAssertEqual(d1.budgetByYear[FiscalYear(2567)], Money(baht: 20_000))
        XCTAssertEqual(d1.budgetByYear[FiscalYear(2568)], .zero, "every plan year has a line, even when zero")
        XCTAssertEqual(d1.total, Money(baht: 55_000))
        XCTAssertEqual(summary.dimension(2)?.total, .zero)
        XCTAssertEqual(summary.dimension(3)?.budgetByYear[FiscalYear(2570)], Money(baht: 30_000))
        XCTAssertEqual(summary.dimension(4)?.total, .zero, "F's only amount is outside the plan's years")

        // Plan-wide years include the unplaced items E (2566) and G (2568), but not F's 2571.
        XCTAssertEqual(summary.budgetByYear[FiscalYear(2566)], Money(baht: 20_000 + 15_000 + 10_000))
        XCTAssertEqual(summary.budgetByYear[FiscalYear(2567)], Money(baht: 20_000))
        XCTAssertEqual(summary.budgetByYear[FiscalYear(2568)], Money(baht: 1_000))
        XCTAssertEqual(summary.budgetByYear[FiscalYear(2569)], .zero)
        XCTAssertEqual(summary.budgetByYear[FiscalYear(2570)], Money(baht: 30_000))
        XCTAssertNil(summary.budgetByYear[FiscalYear(2571)])
        XCTAssertEqual(summary.total, Money(baht: 20_000 + 20_000 + 15_000 + 30_000 + 10_000 + 1_000))
        XCTAssertEqual(summary.budgetOutsidePlanYears, Money(baht: 5_000))
    }

    func testYearTotalsAddUpToThePlanTotal() {
        for plan in [mixedPlan(), Fixtures.smallPlan(), DemoData.plan()] {
            let summary = PlanSummary(plan: plan)
            let byYear = summary.years.reduce(Money.zero) { $0 + summary.budgetByYear[$1]! }
            XCTAssertEqual(byYear, summary.total)
            for dimension in summary.dimensions {
                XCTAssertEqual(summary.years.reduce(Money.zero) { $0 + dimension.budgetByYear[$1]! }, dimension.total)
                XCTAssertEqual(dimension.countByKind.values.reduce(0, +), dimension.itemCount)
            }
            XCTAssertEqual(summary.dimensions.map(\.itemCount).reduce(0, +) + summary.unplacedItemCount, summary.itemCount)
        }
    }

    func testSmallPlan() {
        // 1) 20,000 × 5 years in dimension 1; 3) 10,000 in 2566 in dimension 3; the rest no budget.
        let summary = PlanSummary(plan: Fixtures.smallPlan())
        XCTAssertEqual(summary.itemCount, 4)
        XCTAssertEqual(summary.dimensions.map(\.itemCount), [1, 1, 1, 1])
        XCTAssertEqual(summary.budgetByYear[FiscalYear(2566)], Money(baht: 30_000))
        XCTAssertEqual(summary.budgetByYear[FiscalYear(2567)], Money(baht: 20_000))
        XCTAssertEqual(summary.total, Money(baht: 110_000))
        XCTAssertEqual(summary.dimension(1)?.total, Money(baht: 100_000))
        XCTAssertEqual(summary.dimension(3)?.total, Money(baht: 10_000))
    }

    func testEmptyPlanHasZeroLines() {
        let summary = PlanSummary(plan: PlanBuilder().plan)
        XCTAssertEqual(summary.itemCount, 0)
        XCTAssertEqual(summary.total, .zero)
        XCTAssertEqual(summary.budgetByYear.count, 5)
        XCTAssertTrue(summary.dimensions.allSatisfy { $0.itemCount == 0 && $0.total == .zero })
    }

    func testSummaryJSONRoundTrip() throws {
        let summary = PlanSummary(plan: mixedPlan())
        let data = try JSONEncoder().encode(summary)
        XCTAssertEqual(try JSONDecoder().decode(PlanSummary.self, from: data), summary)
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: data) as? [String: Any])
        let byYear = try XCTUnwrap(object["budgetByYear"] as? [String: Any])
        XCTAssertEqual(Set(byYear.keys), ["2566", "2567", "2568", "2569", "2570"])
    }
}
