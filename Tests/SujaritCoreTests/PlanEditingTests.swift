import XCTest
import SujaritCore
import SujaritCatalog

/// The pure plan edits and the life-cycle steps.
final class PlanEditingTests: XCTestCase {
    let organization = Organization(slug: "edit", kind: .subdistrict, name: "องค์การบริหารส่วนตำบลแก้ไข")

    func emptyPlan() -> Plan {
        Plan.fromTemplate(PlanCatalog.cycle2566, organization: organization)
    }

    func item(_ name: String, _ mission: String?) -> PlanItem {
        PlanItem(kind: .measure, name: name, missionCode: mission, order: 0)
    }

    func names(_ plan: Plan, _ mission: String) -> [String] { plan.items(inMission: mission).map(\.name) }

    func testAddPlacesItemsMissionByMission() throws {
        var plan = emptyPlan()
        plan = try PlanEditing.addItem(item("ข", "2.1"), to: plan)
        plan = try PlanEditing.addItem(item("ก", "1.1"), to: plan)
        plan = try PlanEditing.addItem(item("ค", "2.1"), to: plan)
        XCTAssertEqual(plan.orderedItems.map(\.name), ["ก", "ข", "ค"], "the table reads dimension by dimension")
        XCTAssertEqual(plan.orderedItems.map(\.order), [1, 2, 3])
        XCTAssertThrowsError(try PlanEditing.addItem(item("ง", "9.9"), to: plan)) { error in
            XCTAssertEqual((error as? PlanEditError)?.field, "missionCode")
        }
    }

    func testMoveShiftDuplicateDelete() throws {
        var plan = emptyPlan()
        for (name, mission) in [("ก", "1.1"), ("ข", "1.1"), ("ค", "1.1"), ("ง", "2.2")] {
            plan = try PlanEditing.addItem(item(name, mission), to: plan)
        }
        let c = plan.items.first { $0.name == "ค" }!.id
        plan = try PlanEditing.shiftItem(c, by: -1, in: plan)
        XCTAssertEqual(names(plan, "1.1"), ["ก", "ค", "ข"])
        plan = try PlanEditing.shiftItem(plan.items.first { $0.name == "ก" }!.id, by: -1, in: plan)
        XCTAssertEqual(names(plan, "1.1"), ["ก", "ค", "ข"], "the first item cannot go higher")

        plan = try PlanEditing.moveItem(c, toMission: "2.2", position: 0, in: plan)
        XCTAssertEqual(names(plan, "1.1"), ["ก", "ข"])
        XCTAssertEqual(names(plan, "2.2"), ["ค", "ง"])
        XCTAssertThrowsError(try PlanEditing.moveItem(c, toMission: "7.1", position: nil, in: plan))

        let (withCopy, copyID) = try PlanEditing.duplicateItem(c, in: plan)
        XCTAssertEqual(names(withCopy, "2.2"), ["ค", "ค (สำเนา)", "ง"])
        XCTAssertNotEqual(copyID, c)

        var linked = withCopy
        linked = try PlanEditing.upsertRisk(RiskArea(order: 0, workArea: "งานพัสดุ", issues: [RiskIssue("ฮั้ว", level: .high)],
                                                     controlMeasures: [], linkedItemIDs: [c, copyID]), in: linked)
        let afterDelete = try PlanEditing.deleteItem(copyID, from: linked)
        XCTAssertEqual(afterDelete.items.count, 4)
        XCTAssertEqual(afterDelete.risks[0].linkedItemIDs, [c], "links to a deleted item go with it")
        XCTAssertEqual(Set(afterDelete.items.map(\.order)), Set(1...4), "orders stay continuous")
    }

    func testBudgetsMustBeInsideThePlanAndNotNegative() throws {
        var plan = emptyPlan()
        plan = try PlanEditing.addItem(item("ก", "3.1"), to: plan)
        let id = plan.items[0].id
        let ok = try PlanEditing.setBudgets([FiscalYear(2566): .amount(Money(baht: 20_000)), FiscalYear(2567): .noBudget], ofItem: id, in: plan)
        XCTAssertEqual(PlanSummary(plan: ok).total, Money(baht: 20_000))
        XCTAssertThrowsError(try PlanEditing.setBudgets([FiscalYear(2571): .noBudget], ofItem: id, in: plan)) { error in
            XCTAssertEqual((error as? PlanEditError)?.field, "budgets.2571")
        }
        XCTAssertThrowsError(try PlanEditing.setBudgets([FiscalYear(2566): .amount(Money(satang: -1))], ofItem: id, in: plan))
        XCTAssertThrowsError(try PlanEditing.setBudgets([:], ofItem: UUID(), in: plan))
    }

    func testRisksTargetsAndCustomMissions() throws {
        var plan = emptyPlan()
        XCTAssertThrowsError(try PlanEditing.upsertRisk(RiskArea(order: 0, workArea: "x", issues: [], controlMeasures: [], linkedItemIDs: [UUID()]), in: plan))
        XCTAssertThrowsError(try PlanEditing.upsertRisk(RiskArea(order: 0, workArea: " ", issues: [], controlMeasures: []), in: plan))
        let first = RiskArea(order: 0, workArea: "ก", issues: [], controlMeasures: [])
        plan = try PlanEditing.upsertRisk(first, in: plan)
        plan = try PlanEditing.upsertRisk(RiskArea(order: 0, workArea: "ข", issues: [], controlMeasures: []), in: plan)
        var renamed = first
        renamed.workArea = "ก (แก้ไข)"
        plan = try PlanEditing.upsertRisk(renamed, in: plan)
        XCTAssertEqual(plan.risks.sorted { $0.order < $1.order }.map(\.workArea), ["ก (แก้ไข)", "ข"], "an update keeps its place")

        XCTAssertThrowsError(try PlanEditing.upsertTarget(YearlyTarget(order: 0, indicator: "ITA", unit: "คะแนน", values: [FiscalYear(2580): 85]), in: plan))
        plan = try PlanEditing.upsertTarget(YearlyTarget(order: 0, indicator: "ITA", unit: "คะแนน", values: [FiscalYear(2570): 85]), in: plan)
        XCTAssertEqual(plan.targets.count, 1)

        let (withMission, code) = try PlanEditing.addCustomMission(name: "ภารกิจเพิ่มเติม", toDimension: 3, in: plan)
        XCTAssertEqual(code, "3.3")
        XCTAssertTrue(withMission.mission(code: "3.3")?.isCustom ?? false)
        XCTAssertThrowsError(try PlanEditing.addCustomMission(name: "x", toDimension: 5, in: plan))
    }

    func testLifeCycleSteps() throws {
        var plan = emptyPlan()
        plan = try PlanEditing.addItem(item("มาตรการ ก", "1.1"), to: plan)
        XCTAssertEqual(PlanAction.available(from: .draft), [.submit])
        XCTAssertThrowsError(try PlanAction.approve.apply(to: plan), "a draft cannot be approved")
        plan = try PlanAction.submit.apply(to: plan)
        XCTAssertEqual(plan.status, .submitted)
        XCTAssertEqual(Set(PlanAction.available(from: .submitted)), [.returnToDraft, .approve])
        plan = try PlanAction.approve.apply(to: plan)
        plan = try PlanAction.publish.apply(to: plan)
        XCTAssertEqual(plan.status, .published)
        XCTAssertTrue(PlanAction.available(from: .published).isEmpty)
        XCTAssertTrue(PlanAction.approve.needsAdmin && PlanAction.publish.needsAdmin && !PlanAction.submit.needsAdmin)

        var broken = emptyPlan()
        broken.items = [item("ไม่มีภารกิจ", nil)]
        XCTAssertThrowsError(try PlanAction.submit.apply(to: broken), "a plan with errors cannot be submitted")
    }
}
