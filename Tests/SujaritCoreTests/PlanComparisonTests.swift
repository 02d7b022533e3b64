import Foundation
import SujaritCore
import SujaritDemo
import XCTest

/// Issue 11, points 6 and 9: comparing two revisions, and replacing another organization's name.
final class PlanComparisonTests: XCTestCase {
    func testSameRevisionWithFreshIDsIsUnchanged() {
        let plan = DemoData.plan()
        let copy = plan.withFreshIDs(planID: UUID())
        let comparison = PlanComparison(from: plan, to: copy)
        XCTAssertTrue(comparison.isEmpty, "a new revision with fresh ids and no edit has no difference")
        XCTAssertEqual(comparison.changed.count, 0)
        XCTAssertEqual(comparison.years.map(\.difference), comparison.years.map { _ in .zero })
    }

    func testAddedRemovedChangedAndYearDifferences() throws {
        let old = DemoData.plan()
        var new = old.withFreshIDs(planID: UUID())
        let year = FiscalYear(2568)
        // Change one item's budget of 2568, remove another, add a third.
        let changedIndex = try XCTUnwrap(new.items.firstIndex { ($0.budgets[year]?.countedAmount ?? .zero) > .zero })
        let before = new.items[changedIndex].budgets[year]!.countedAmount
        new.items[changedIndex].budgets[year] = .amount(before + Money(baht: 2_500))
        let removed = new.items.remove(at: new.items.firstIndex { $0.id != new.items[changedIndex].id && $0.missionCode == "4.3" } ?? new.items.count - 1)
        var added = PlanItem(kind: .project, name: "โครงการใหม่ที่ไม่เคยมี", missionCode: "4.2", order: 99, responsibleUnit: "สำนักปลัด")
        added.budgets[year] = .amount(Money(baht: 1_000))
        new.items.append(added)

        let comparison = PlanComparison(from: old, to: new)
        XCTAssertEqual(comparison.added.map(\.name), [added.name])
        XCTAssertEqual(comparison.removed.map(\.name), [removed.name])
        XCTAssertEqual(comparison.changed.count, 1)
        let change = try XCTUnwrap(comparison.changed.first)
        XCTAssertEqual(change.fields, [.budgets])
        XCTAssertEqual(change.budgetChanges.map(\.year), [year])
        XCTAssertEqual(change.budgetChanges.first?.new, .amount(before + Money(baht: 2_500)))
        let removedAmount = removed.budgets[year]?.countedAmount ?? .zero
        let row = try XCTUnwrap(comparison.years.first { $0.year == year })
        XCTAssertEqual(row.difference, Money(satang: Money(baht: 3_500).satang - removedAmount.satang))
        XCTAssertEqual(row.old, PlanSummary(plan: old).budgetByYear[year] ?? .zero)
        XCTAssertEqual(row.new, PlanSummary(plan: new).budgetByYear[year] ?? .zero)
    }

    func testRenamedItemIsMatchedWithinItsMission() {
        let old = DemoData.plan()
        var new = old.withFreshIDs(planID: UUID())
        let index = new.items.firstIndex { $0.missionCode == "1.1" }!
        new.items[index].name += " (ปรับปรุง)"
        let comparison = PlanComparison(from: old, to: new)
        XCTAssertTrue(comparison.added.isEmpty)
        XCTAssertTrue(comparison.removed.isEmpty)
        XCTAssertEqual(comparison.changed.map(\.fields), [[.name]])
    }

    /// Renamed and moved to another mission: the lineage id still says it is the same item.
    /// Without lineage (a plan read from a document) the same edit is one removed and one added.
    func testRenamedAndMovedItemIsMatchedByLineage() throws {
        let old = DemoData.plan()
        var new = old.withFreshIDs(planID: UUID())
        let index = try XCTUnwrap(new.items.firstIndex { $0.missionCode == "1.1" })
        new.items[index].name = "ชื่อใหม่ทั้งหมดของรายการนี้"
        new.items[index].missionCode = "4.2"
        new.items[index].subMissionCode = nil
        let comparison = PlanComparison(from: old, to: new)
        XCTAssertTrue(comparison.added.isEmpty)
        XCTAssertTrue(comparison.removed.isEmpty)
        XCTAssertEqual(comparison.changed.count, 1)
        XCTAssertTrue(try XCTUnwrap(comparison.changed.first).fields.contains(.name))
        XCTAssertTrue(try XCTUnwrap(comparison.changed.first).fields.contains(.mission))

        var fromDocument = new
        for i in fromDocument.items.indices { fromDocument.items[i].lineageID = UUID() }
        let unrelated = PlanComparison(from: old, to: fromDocument)
        XCTAssertEqual(unrelated.added.map(\.name), ["ชื่อใหม่ทั้งหมดของรายการนี้"])
        XCTAssertEqual(unrelated.removed.count, 1)
    }

    func testOtherChangesAreNamed() {
        let old = DemoData.plan()
        var new = old
        new.frontMatter.foreword += " เพิ่มเติม"
        new.targets[0].values[FiscalYear(2566)] = 1
        let comparison = PlanComparison(from: old, to: new)
        XCTAssertTrue(comparison.frontMatterChanged)
        XCTAssertTrue(comparison.targetsChanged)
        XCTAssertFalse(comparison.risksChanged)
        XCTAssertFalse(comparison.titleChanged)
    }

    func testReplacingTheOrganizationNameEverywhere() {
        var plan = DemoData.plan()
        let other = "เทศบาลตำบลจระเข้หิน"
        plan.title = "แผนปฏิบัติการป้องกันการทุจริตของ\(other)"
        plan.items[0].name = "โครงการอบรมบุคลากรของ\(other)"
        plan.items[0].sheet?.rationale = "\(other)มีหน้าที่\n\(other)จึงจัดทำโครงการ"
        plan.items[0].sheet?.method = [MethodStep("ประชุม\(other)", subSteps: [MethodStep("แจ้ง\(other)")])]
        plan.risks[0].controlMeasures = ["\(other)ตรวจสอบ"]
        let count = plan.occurrences(of: other)
        XCTAssertEqual(count, 7)
        let replaced = plan.replacingText(other, with: DemoData.organization.name)
        XCTAssertEqual(replaced.occurrences(of: other), 0)
        XCTAssertEqual(replaced.items[0].sheet?.rationale, "\(DemoData.organization.name)มีหน้าที่\n\(DemoData.organization.name)จึงจัดทำโครงการ")
        XCTAssertEqual(replaced.items[0].sheet?.method.first?.subSteps.first?.text, "แจ้ง\(DemoData.organization.name)")
        XCTAssertEqual(replaced.items.map(\.budgets), plan.items.map(\.budgets), "budgets untouched")
        XCTAssertEqual(replaced.items.map(\.id), plan.items.map(\.id))
        XCTAssertEqual(plan.replacingText("", with: "x"), plan, "an empty name replaces nothing")
    }
}
