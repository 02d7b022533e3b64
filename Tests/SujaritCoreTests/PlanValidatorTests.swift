import Foundation
import SujaritCore
import SujaritTestSupport
import XCTest
import SujaritDemo

final class PlanValidatorTests: XCTestCase {
    private let first = Fixtures.id(101)

    /// The small plan with one change made to its first item (1.1, 20,000 a year).
    private func findings(changingFirstItem change: (inout PlanItem) -> Void) -> [PlanFinding] {
        var plan = Fixtures.smallPlan()
        let index = plan.items.firstIndex { $0.id == first }!
        change(&plan.items[index])
        return PlanValidator.validate(plan)
    }

    private func codes(_ findings: [PlanFinding]) -> [String] { findings.map(\.code.rawValue) }

    func testCleanPlansHaveNoFindings() {
        XCTAssertEqual(PlanValidator.validate(Fixtures.smallPlan()), [])
        XCTAssertEqual(PlanValidator.validate(DemoData.plan()), [])
    }

    func testItemWithoutMission() throws {
        for missing in [nil, ""] as [String?] {
            let found = findings { $0.missionCode = missing }
            // The item was dimension 1's only one, so dimension 1 is now empty as well.
            XCTAssertEqual(codes(found), ["item.mission.missing", "dimension.empty"])
            XCTAssertEqual(found.last?.location, .dimension(1))
            let finding = try XCTUnwrap(found.first)
            XCTAssertEqual(finding.severity, .error)
            XCTAssertEqual(finding.location, .item(first, field: "missionCode"))
            XCTAssertTrue(finding.message.th.contains("โครงการอบรมคุณธรรม"))
        }
    }

    func testUnknownMission() {
        let found = findings { $0.missionCode = "7.1" }
        XCTAssertEqual(codes(found), ["item.mission.unknown", "dimension.empty"])
        XCTAssertEqual(found.last?.location, .dimension(1))
        XCTAssertEqual(found.first?.severity, .error)
        XCTAssertTrue(found.first?.message.en.contains("7.1") == true)
    }

    func testBudgetOutsideThePlanYears() {
        let found = findings { $0.budgets[FiscalYear(2571)] = .baht(5_000) }
        XCTAssertEqual(codes(found), ["item.budget.year"])
        XCTAssertEqual(found.first?.location, .item(first, field: "budgets.2571"))
        XCTAssertEqual(found.first?.location.path, "items[\(first.uuidString.lowercased())].budgets.2571")
    }

    func testNegativeAmount() {
        let found = findings { $0.budgets[FiscalYear(2568)] = .amount(Money(satang: -100)) }
        XCTAssertEqual(codes(found), ["item.budget.negative"])
        XCTAssertEqual(found.first?.severity, .error)
        XCTAssertEqual(found.first?.location, .item(first, field: "budgets.2568"))
    }

    func testAmountOverTheMaximum() {
        let found = findings { $0.budgets[FiscalYear(2568)] = .amount(Money(satang: Money.maximum.satang + 1)) }
        XCTAssertTrue(codes(found).contains("item.budget.large"))
    }

    func testPartlyStatedBudgets() {
        let found = findings { $0.budgets[FiscalYear(2569)] = nil }
        XCTAssertEqual(codes(found), ["item.budget.partial"])
        XCTAssertEqual(found.first?.severity, .warning)
        XCTAssertTrue(found.first?.message.th.contains("2569") == true)
    }

    func testEachEmptySheetField() {
        let blanks: [(String, (inout ProjectSheet) -> Void)] = [
            ("rationale", { $0.rationale = "  " }),
            ("objectives", { $0.objectives = [" "] }),
            ("targetGroup", { $0.targetGroup = "" }),
            ("method", { $0.method = [MethodStep("")] }),
            ("period", { $0.period = "\n" }),
            ("responsible", { $0.responsible = "" }),
            ("outputs", { $0.outputs = []; $0.outcomes = [""] }),
        ]
        for (field, blank) in blanks {
            let found = findings { blank(&$0.sheet!) }
            XCTAssertEqual(codes(found), ["sheet.field.empty"], field)
            XCTAssertEqual(found.first?.location, .item(first, field: "sheet.\(field)"), field)
            XCTAssertEqual(found.first?.severity, .warning, field)
        }
        // An empty field 7 is not missing: it is generated from the budget row (issue 11).
        XCTAssertEqual(findings { $0.sheet!.budgetText = "" }, [])
        // Outputs alone or outcomes alone are enough.
        XCTAssertEqual(findings { $0.sheet!.outputs = [] }, [])
        XCTAssertEqual(findings { $0.sheet!.outcomes = [] }, [])
    }

    func testMissingSheet() {
        XCTAssertEqual(codes(findings { $0.sheet = nil }), ["item.sheet.missing"])
    }

    func testDuplicateNamesIgnoringSpacesQuotesAndDigitStyle() {
        var builder = PlanBuilder()
        builder.item("โครงการอบรม รุ่นที่ 1", mission: "1.1", id: Fixtures.id(1))
        builder.item("“โครงการอบรมรุ่นที่ ๑”", mission: "2.1", id: Fixtures.id(2))
        builder.item("โครงการอบรมรุ่นที่ 2", mission: "3.1", id: Fixtures.id(3))
        builder.item("มาตรการร้องเรียน", mission: "4.3", id: Fixtures.id(4))
        let found = PlanValidator.validate(builder.plan)
        XCTAssertEqual(codes(found), ["item.name.duplicate"])
        XCTAssertEqual(found.first?.location.itemID, Fixtures.id(2), "the later item is the duplicate")
        XCTAssertEqual(found.first?.severity, .warning)
    }

    func testEmptyDimension() {
        var plan = Fixtures.smallPlan()
        plan.items.removeAll { $0.missionCode == "3.1" }
        let found = PlanValidator.validate(plan)
        XCTAssertEqual(codes(found), ["dimension.empty"])
        XCTAssertEqual(found.first?.location, .dimension(3))
        // An item with an unknown mission does not fill a dimension: moving the only item of
        // dimension 1 to a mission "3.9" that does not exist leaves dimensions 1 and 3 empty.
        plan.items[0].missionCode = "3.9"
        let after = PlanValidator.validate(plan)
        XCTAssertEqual(codes(after).sorted(), ["dimension.empty", "dimension.empty", "item.mission.unknown"])
        XCTAssertEqual(Set(after.filter { $0.code == .dimensionEmpty }.map(\.location)), [.dimension(1), .dimension(3)])
    }

    func testSheetBudgetMismatch() {
        // The table says 20,000 a year (100,000 over five years).
        let found = findings { $0.sheet!.budgetText = "10,000 บาท" }
        XCTAssertEqual(codes(found), ["sheet.budget.mismatch"])
        XCTAssertEqual(found.first?.location, .item(first, field: "sheet.budgetText"))
        // The yearly amount or the five-year total, in either digit style, agree with the table.
        XCTAssertEqual(findings { $0.sheet!.budgetText = "๒๐,๐๐๐ บาท" }, [])
        XCTAssertEqual(findings { $0.sheet!.budgetText = "100,000 บาท" }, [])
        XCTAssertEqual(findings { $0.sheet!.budgetText = "งบประมาณปีละ 20,000 บาท" }, [])
    }

    func testRiskLinkToUnknownItem() {
        var plan = Fixtures.smallPlan()
        let risk = RiskArea(
            id: Fixtures.id(900), order: 1, workArea: "การบริหารงานบุคคล",
            issues: [RiskIssue("การแต่งตั้งไม่เป็นไปตามหลักเกณฑ์", level: .high)],
            controlMeasures: ["ประกาศหลักเกณฑ์"], linkedItemIDs: [first]
        )
        plan.risks = [risk]
        XCTAssertEqual(PlanValidator.validate(plan), [])
        plan.risks[0].linkedItemIDs.append(Fixtures.id(999))
        let found = PlanValidator.validate(plan)
        XCTAssertEqual(codes(found), ["risk.link.unknown"])
        XCTAssertEqual(found.first?.location, .risk(Fixtures.id(900), field: "linkedItemIDs"))
    }

    func testPlanLevelRules() {
        var plan = Fixtures.smallPlan()
        plan.title = " "
        XCTAssertEqual(codes(PlanValidator.validate(plan)), ["plan.title.empty"])
        plan = Fixtures.smallPlan()
        plan.targets = [YearlyTarget(id: Fixtures.id(800), order: 1, indicator: "คะแนน ITA", unit: "คะแนน", values: [FiscalYear(2575): 90])]
        XCTAssertEqual(codes(PlanValidator.validate(plan)), ["target.year"])
    }

    func testEveryFindingHasBothLanguages() {
        var plan = Fixtures.smallPlan()
        plan.items[0].missionCode = nil
        plan.items[1].budgets[FiscalYear(2590)] = .amount(Money(satang: -1))
        plan.items[2].sheet = nil
        for finding in PlanValidator.validate(plan) {
            XCTAssertFalse(finding.message.th.isEmpty)
            XCTAssertFalse(finding.message.en.isEmpty)
        }
    }
}
