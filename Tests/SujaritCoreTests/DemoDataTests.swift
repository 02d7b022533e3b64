import Foundation
import SujaritCore
import SujaritTestSupport
import XCTest
import SujaritDemo
import SujaritCatalog

final class DemoDataTests: XCTestCase {
    func testOrganization() {
        let organization = DemoData.organization
        XCTAssertEqual(OrganizationKind.recognize(inName: organization.name), organization.kind)
        XCTAssertTrue(Organization.isValidSlug(organization.slug))
        XCTAssertFalse(organization.district.isEmpty)
        XCTAssertFalse(organization.province.isEmpty)
        XCTAssertEqual(organization.units.count, 5)
    }

    func testDeterministic() {
        XCTAssertEqual(DemoData.plan(), DemoData.plan())
        XCTAssertEqual(DemoData.plan().id, DemoData.planID)
        let other = UUID()
        XCTAssertEqual(DemoData.plan(organizationID: other).organizationID, other)
        let ids = DemoData.plan().items.map(\.id) + DemoData.plan().risks.map(\.id) + DemoData.plan().targets.map(\.id)
        XCTAssertEqual(Set(ids).count, ids.count, "ids are unique")
        XCTAssertFalse(ids.contains(DemoData.organization.id))
    }

    func testStructure() throws {
        let plan = DemoData.plan()
        XCTAssertEqual(plan.cycleID, PlanCatalog.cycle2566.id)
        XCTAssertEqual(plan.fiscalYears, (2566...2570).map(FiscalYear.init))
        XCTAssertTrue(plan.title.contains(DemoData.organization.name))
        XCTAssertTrue((16...20).contains(plan.items.count))
        XCTAssertEqual(Set(plan.items.map(\.kind)), Set(PlanItemKind.allCases))

        let units = Set(DemoData.organization.units)
        let numbers = plan.itemNumbers
        for item in plan.items {
            XCTAssertEqual(PlanItemKind.recognize(fromName: item.name), item.kind, item.name)
            let mission = try XCTUnwrap(item.missionCode.flatMap(plan.mission(code:)), item.name)
            if let sub = item.subMissionCode {
                XCTAssertTrue(mission.subMissions.contains { $0.code == sub }, "\(sub) belongs to \(mission.code)")
            } else {
                XCTAssertTrue(mission.subMissions.isEmpty, "\(item.name) names a sub-mission when its mission has any")
            }
            XCTAssertTrue(units.contains(item.responsibleUnit), item.responsibleUnit)
            XCTAssertEqual(Set(item.budgets.keys), Set(plan.fiscalYears), item.name)
            // Items are listed in table order, and sheets are numbered like the table.
            XCTAssertEqual(numbers[item.id], item.order)
            let sheet = try XCTUnwrap(item.sheet)
            XCTAssertEqual(sheet.sheetNumber, item.order)
            XCTAssertTrue((2...4).contains(sheet.objectives.count), item.name)
            XCTAssertTrue((3...7).contains(sheet.method.count), item.name)
            XCTAssertTrue((1...3).contains(sheet.outputs.count), item.name)
            XCTAssertTrue((1...2).contains(sheet.outcomes.count), item.name)
            XCTAssertEqual(sheet.period, "ปีงบประมาณ พ.ศ. 2566 – 2570")
            // The sheet's budget text agrees with the table: "no budget" or the first year's amount.
            let stated = try XCTUnwrap(BudgetEntry.parseDocumentText(sheet.budgetText), sheet.budgetText)
            XCTAssertEqual(stated, item.budgets[FiscalYear(2566)], item.name)
            if let headcount = sheet.targetHeadcount {
                XCTAssertTrue(sheet.targetGroup.contains("\(headcount) คน"), sheet.targetGroup)
            }
        }
        XCTAssertTrue(plan.items.flatMap { $0.sheet!.method }.contains { !$0.subSteps.isEmpty })
        // Every mission of dimension 1–4 except none is used: all eleven missions of the catalog.
        let used = Set(plan.items.compactMap(\.missionCode))
        XCTAssertEqual(used, Set(plan.dimensions.flatMap { $0.missions.map(\.code) }))
    }

    func testRiskTableAndTargets() {
        let plan = DemoData.plan()
        XCTAssertEqual(plan.risks.map(\.order), [1, 2, 3, 4])
        let itemIDs = Set(plan.items.map(\.id))
        for risk in plan.risks {
            XCTAssertFalse(risk.issues.isEmpty)
            XCTAssertFalse(risk.controlMeasures.isEmpty)
            XCTAssertFalse(risk.linkedItemIDs.isEmpty)
            XCTAssertTrue(Set(risk.linkedItemIDs).isSubset(of: itemIDs))
        }
        XCTAssertEqual(plan.targets.count, 2)
        let years = plan.fiscalYears
        XCTAssertEqual(years.compactMap { plan.targets[0].formattedValue(for: $0) }, ["ร้อยละ 10", "ร้อยละ 20", "ร้อยละ 30", "ร้อยละ 40", "ร้อยละ 50"])
        XCTAssertEqual(years.compactMap { plan.targets[1].formattedValue(for: $0) }, ["65 คะแนน", "70 คะแนน", "75 คะแนน", "80 คะแนน", "85 คะแนน"])
        XCTAssertEqual(plan.frontMatter.objectives.count, 5)
        XCTAssertEqual(plan.frontMatter.benefits.count, 5)
        XCTAssertTrue(plan.frontMatter.foreword.contains(DemoData.organization.name))
    }

    /// The demo's budgets, read from DemoData.swift:
    /// 1) 20,000 every year · 3) 15,000 in 2566–2567, 20,000 in 2568–2570 · 5) 15,000 every year ·
    /// 6) 30,000 every year (dimension 1); 13) 20,000 in 2566–2569, 30,000 in 2570 (dimension 3);
    /// 17) 15,000 every year (dimension 4); every other item has no budget (all of dimension 2).
    func testSummaryOfTheDemoPlan() throws {
        let summary = PlanSummary(plan: DemoData.plan())
        XCTAssertEqual(summary.itemCount, 19)
        XCTAssertEqual(summary.unplacedItemCount, 0)
        XCTAssertEqual(summary.dimensions.map(\.itemCount), [6, 6, 3, 4])
        XCTAssertEqual(summary.dimension(2)?.countByKind, [.activity: 3, .measure: 3])

        func baht(_ values: Int64...) -> [Money] { values.map { Money(baht: $0) } }
        func line(_ totals: [FiscalYear: Money]) -> [Money] { summary.years.map { totals[$0]! } }

        let d1 = try XCTUnwrap(summary.dimension(1))
        XCTAssertEqual(line(d1.budgetByYear), baht(
            20_000 + 15_000 + 15_000 + 30_000, 20_000 + 15_000 + 15_000 + 30_000,
            20_000 + 20_000 + 15_000 + 30_000, 20_000 + 20_000 + 15_000 + 30_000, 20_000 + 20_000 + 15_000 + 30_000))
        XCTAssertEqual(d1.total, Money(baht: 80_000 * 2 + 85_000 * 3))
        XCTAssertEqual(summary.dimension(2)?.total, .zero)
        XCTAssertEqual(line(summary.dimension(3)!.budgetByYear), baht(20_000, 20_000, 20_000, 20_000, 30_000))
        XCTAssertEqual(line(summary.dimension(4)!.budgetByYear), baht(15_000, 15_000, 15_000, 15_000, 15_000))

        // Per year: dimension 1 + 3 + 4.
        XCTAssertEqual(line(summary.budgetByYear), baht(
            80_000 + 20_000 + 15_000, 80_000 + 20_000 + 15_000, 85_000 + 20_000 + 15_000,
            85_000 + 20_000 + 15_000, 85_000 + 30_000 + 15_000))
        XCTAssertEqual(summary.total, Money(baht: 600_000))
        XCTAssertEqual(summary.budgetOutsidePlanYears, .zero)
    }
}
