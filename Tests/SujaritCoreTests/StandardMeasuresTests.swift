import Foundation
import SujaritCore
import SujaritTestSupport
import XCTest
import SujaritCatalog

final class StandardMeasuresTests: XCTestCase {
    let organization = Fixtures.organization()
    let first = FiscalYear(2566)
    let last = FiscalYear(2570)

    /// Every text of a sheet in a fixed order, nested method steps depth-first.
    func texts(of sheet: ProjectSheet) -> [String] {
        func steps(_ list: [MethodStep]) -> [String] { list.flatMap { [$0.text] + steps($0.subSteps) } }
        return [sheet.rationale] + sheet.objectives + [sheet.targetGroup] + steps(sheet.method)
            + [sheet.period, sheet.budgetText, sheet.responsible] + sheet.outputs + sheet.outcomes + (sheet.area.map { [$0] } ?? [])
    }

    func texts(of item: PlanItem) -> [String] {
        [item.name, item.responsibleUnit, item.remarks] + (item.sheet.map(texts(of:)) ?? [])
    }

    func allItems(first: FiscalYear = FiscalYear(2566), last: FiscalYear = FiscalYear(2570)) -> [PlanItem] {
        StandardMeasures.items(StandardMeasures.all, organization: organization, firstYear: first, lastYear: last)
    }

    // MARK: Catalog structure

    func testCatalogSize() {
        // The catalog holds exactly the 30 measures of the 2566–2570 cycle, in this order.
        XCTAssertEqual(StandardMeasures.all.count, 30)
        XCTAssertEqual(Set(StandardMeasures.all.map(\.dimensionNumber)), [1, 2, 3, 4])
        XCTAssertEqual(Set(StandardMeasures.all.map(\.kind)), Set(PlanItemKind.allCases))
    }

    func testIDsAreUniqueKebabCase() {
        let ids = StandardMeasures.all.map(\.id)
        XCTAssertEqual(Set(ids).count, ids.count, "ids are unique")
        let allowed = Set("abcdefghijklmnopqrstuvwxyz0123456789-")
        for id in ids {
            XCTAssertTrue(id.allSatisfy { allowed.contains($0) } && !id.hasPrefix("-") && !id.hasSuffix("-") && !id.contains("--"), id)
            XCTAssertEqual(StandardMeasures.measure(id: id)?.id, id)
        }
        XCTAssertNil(StandardMeasures.measure(id: "no-such-measure"))
    }

    func testMissionsAndSubMissionsExistInCycle2566() throws {
        let template = PlanCatalog.cycle2566
        let missions = template.dimensions.flatMap(\.missions)
        for measure in StandardMeasures.all {
            let mission = try XCTUnwrap(missions.first { $0.code == measure.missionCode }, "\(measure.id): mission \(measure.missionCode)")
            if let sub = measure.subMissionCode {
                XCTAssertTrue(mission.subMissions.contains { $0.code == sub }, "\(measure.id): \(sub) belongs to \(mission.code)")
            } else {
                XCTAssertTrue(mission.subMissions.isEmpty, "\(measure.id): mission \(mission.code) has sub-missions; choose one")
            }
        }
    }

    func testEveryMissionAndSubMissionOfCycle2566HasAMeasure() {
        let usedMissions = Set(StandardMeasures.all.map(\.missionCode))
        let usedSubs = Set(StandardMeasures.all.compactMap(\.subMissionCode))
        for mission in PlanCatalog.cycle2566.dimensions.flatMap(\.missions) {
            XCTAssertTrue(usedMissions.contains(mission.code), "mission \(mission.code) has no measure")
            for sub in mission.subMissions {
                XCTAssertTrue(usedSubs.contains(sub.code), "sub-mission \(sub.code) has no measure")
            }
        }
    }

    func testRequiredMeasuresArePresent() {
        let required = [
            "no-gift-policy", "conflict-of-interest-prevention", "code-of-ethics", "information-centre",
            "public-information-disclosure", "executive-declaration-of-intent", "performance-agreements",
            "delegation-orders", "development-plan-participation", "complaint-handling", "corruption-complaint-channel",
            "corruption-case-handling", "internal-control-evaluation", "internal-audit-plan", "corruption-risk-management",
            "council-capacity", "procurement-analysis", "disbursement-control", "honour-staff-integrity",
            "honour-exemplary-citizens", "youth-integrity-values", "citizen-integrity-values",
        ]
        for id in required { XCTAssertNotNil(StandardMeasures.measure(id: id), id) }
        XCTAssertEqual(StandardMeasures.measure(id: "no-gift-policy")?.missionCode, "2.2")
        XCTAssertEqual(StandardMeasures.measure(id: "corruption-complaint-channel")?.subMissionCode, "4.3.2")
        XCTAssertEqual(StandardMeasures.measure(id: "youth-integrity-values")?.missionCode, "1.3")
    }

    func testNamesStartWithTheirKindAndCarryThePlaceholder() {
        for measure in StandardMeasures.all {
            XCTAssertEqual(PlanItemKind.recognize(fromName: measure.nameTemplate), measure.kind, measure.id)
            XCTAssertTrue(measure.nameTemplate.contains(TemplateText.organizationPlaceholder), measure.id)
            XCTAssertFalse(measure.englishTitle.isEmpty, measure.id)
        }
        let names = StandardMeasures.all.map { PlanValidator.normalizedName($0.name(organizationName: organization.name)) }
        XCTAssertEqual(Set(names).count, names.count, "names are distinct")
    }

    func testDraftSheetsAreComplete() {
        for measure in StandardMeasures.all {
            let sheet = measure.sheetTemplate
            XCTAssertFalse(sheet.rationale.cleaned.isEmpty, measure.id)
            XCTAssertTrue((2...4).contains(sheet.objectives.count), "\(measure.id): \(sheet.objectives.count) objectives")
            XCTAssertTrue(sheet.objectives.allSatisfy { $0.hasPrefix("เพื่อ") }, measure.id)
            XCTAssertFalse(sheet.targetGroup.isEmpty, measure.id)
            XCTAssertTrue((3...7).contains(sheet.method.count), "\(measure.id): \(sheet.method.count) steps")
            XCTAssertEqual(sheet.period, "ปีงบประมาณ พ.ศ. {ปีแรก} – {ปีสุดท้าย}", measure.id)
            XCTAssertFalse(sheet.responsible.isEmpty, measure.id)
            XCTAssertFalse(sheet.outputs.isEmpty, measure.id)
            XCTAssertFalse(sheet.outcomes.isEmpty, measure.id)
            if let budget = measure.typicalAnnualBudget {
                XCTAssertEqual(BudgetEntry.parseDocumentText(sheet.budgetText), .amount(budget), measure.id)
            } else {
                XCTAssertEqual(sheet.budgetText, "ไม่ใช้งบประมาณ", measure.id)
            }
            // No text is left with an unknown placeholder or stray spaces.
            for text in texts(of: sheet) {
                let stripped = text
                    .replacingOccurrences(of: TemplateText.organizationPlaceholder, with: "")
                    .replacingOccurrences(of: TemplateText.firstYearPlaceholder, with: "")
                    .replacingOccurrences(of: TemplateText.lastYearPlaceholder, with: "")
                XCTAssertFalse(stripped.contains("{") || stripped.contains("}"), "\(measure.id): \(text)")
                XCTAssertEqual(text, text.cleaned, "\(measure.id): “\(text)”")
                XCTAssertFalse(text.contains("  "), "\(measure.id): “\(text)”")
            }
        }
    }

    // MARK: Items

    func testItemFillsEveryPlaceholder() throws {
        for (offset, measure) in StandardMeasures.all.enumerated() {
            let item = StandardMeasures.item(measure, organization: organization, firstYear: first, lastYear: last, order: offset + 1)
            XCTAssertEqual(item.kind, measure.kind)
            XCTAssertEqual(item.missionCode, measure.missionCode)
            XCTAssertEqual(item.subMissionCode, measure.subMissionCode)
            XCTAssertEqual(item.order, offset + 1)
            XCTAssertEqual(PlanItemKind.recognize(fromName: item.name), measure.kind, item.name)
            XCTAssertTrue(item.name.contains(organization.name), item.name)
            for text in texts(of: item) {
                XCTAssertFalse(text.contains("{") || text.contains("}"), "\(measure.id): \(text)")
            }
            let sheet = try XCTUnwrap(item.sheet)
            XCTAssertEqual(sheet.sheetNumber, offset + 1)
            XCTAssertEqual(sheet.period, "ปีงบประมาณ พ.ศ. 2566 – 2570")
            // Where the template names the organization, the filled text does too.
            var template = measure.sheetTemplate
            template.budgetText = sheet.budgetText
            template.responsible = sheet.responsible
            let pairs = zip(texts(of: template), texts(of: sheet))
            XCTAssertEqual(texts(of: template).count, texts(of: sheet).count)
            for (before, after) in pairs where before.contains(TemplateText.organizationPlaceholder) {
                XCTAssertTrue(after.contains(organization.name), "\(measure.id): \(after)")
            }
        }
    }

    func testItemBudgetsAndResponsibleUnit() throws {
        let noGift = try XCTUnwrap(StandardMeasures.measure(id: "no-gift-policy"))
        let item = StandardMeasures.item(noGift, organization: organization, firstYear: first, lastYear: last, order: 3, id: Fixtures.id(900))
        XCTAssertEqual(item.id, Fixtures.id(900))
        XCTAssertEqual(item.budgets, Dictionary(uniqueKeysWithValues: (2566...2570).map { (FiscalYear($0), BudgetEntry.noBudget) }))
        XCTAssertEqual(item.sheet?.budgetText, "ไม่ใช้งบประมาณ")
        XCTAssertEqual(item.responsibleUnit, "สำนักปลัด")
        XCTAssertEqual(item.sheet?.responsible, "สำนักปลัด")
        XCTAssertEqual(item.name, "มาตรการ NO Gift Policy ขององค์การบริหารส่วนตำบลบ้านทดสอบ")

        let training = try XCTUnwrap(StandardMeasures.measure(id: "integrity-training"))
        let budget = try XCTUnwrap(training.typicalAnnualBudget)
        let paid = StandardMeasures.item(training, organization: organization, firstYear: first, lastYear: last, order: 1)
        XCTAssertEqual(Set(paid.budgets.values), [.amount(budget)])
        XCTAssertEqual(paid.budgets.count, 5)
        XCTAssertEqual(paid.sheet?.budgetText, "20,000 บาท ต่อปี (รวม 5 ปี 100,000 บาท)")
        let chosen = StandardMeasures.item(training, organization: organization, firstYear: first, lastYear: last, order: 1, budget: .noBudget)
        XCTAssertEqual(Set(chosen.budgets.values), [.noBudget])
        XCTAssertEqual(chosen.sheet?.budgetText, "ไม่ใช้งบประมาณ")

        // A unit the organization names differently is matched by its first word.
        var municipality = Fixtures.organization(name: "เทศบาลตำบลทดสอบ")
        municipality.units = ["สำนักปลัดเทศบาล", "กองคลัง", "กองการศึกษา"]
        let youth = try XCTUnwrap(StandardMeasures.measure(id: "youth-integrity-values"))
        XCTAssertEqual(StandardMeasures.item(youth, organization: municipality, firstYear: first, lastYear: last, order: 1).responsibleUnit, "กองการศึกษา")
        XCTAssertEqual(StandardMeasures.item(noGift, organization: municipality, firstYear: first, lastYear: last, order: 1).responsibleUnit, "สำนักปลัดเทศบาล")
        // A unit the organization does not have stays as the catalog names it.
        let audit = try XCTUnwrap(StandardMeasures.measure(id: "internal-audit-plan"))
        XCTAssertEqual(StandardMeasures.item(audit, organization: municipality, firstYear: first, lastYear: last, order: 1).responsibleUnit, "หน่วยตรวจสอบภายใน")
    }

    func testOneYearPlan() throws {
        let year = FiscalYear(2568)
        let declaration = try XCTUnwrap(StandardMeasures.measure(id: "executive-declaration-of-intent"))
        let item = StandardMeasures.item(declaration, organization: organization, firstYear: year, lastYear: year, order: 1)
        XCTAssertEqual(item.sheet?.period, "ปีงบประมาณ พ.ศ. 2568")
        XCTAssertEqual(Array(item.budgets.keys), [year])
        XCTAssertTrue(item.sheet?.outputs.contains { $0.contains("(พ.ศ. 2568)") } ?? false)

        let council = try XCTUnwrap(StandardMeasures.measure(id: "council-capacity"))
        XCTAssertEqual(StandardMeasures.item(council, organization: organization, firstYear: year, lastYear: year, order: 1).sheet?.budgetText, "20,000 บาท")

        var plan = Plan.fromTemplate(PlanCatalog.cycle2566, organization: organization, first: year, last: year)
        plan.items = allItems(first: year, last: year)
        XCTAssertEqual(PlanValidator.validate(plan), [])
    }

    // MARK: Whole plan

    func testPlanOfAllMeasuresValidates() {
        var plan = Plan.fromTemplate(PlanCatalog.cycle2566, organization: organization, id: Fixtures.id(2))
        plan.items = allItems()
        XCTAssertEqual(plan.items.count, StandardMeasures.all.count)
        let findings = PlanValidator.validate(plan)
        XCTAssertEqual(findings.filter { $0.severity == .error }, [])
        XCTAssertEqual(findings.filter { $0.code == .itemNameDuplicate }, [])
        XCTAssertEqual(findings, [], "a plan of all standard measures has no finding at all")
        XCTAssertEqual(plan.normalized(), plan, "filled texts are already normalized")

        // Items are numbered in plan-table order, dimension by dimension.
        let numbers = plan.itemNumbers
        XCTAssertEqual(plan.orderedItems.map { numbers[$0.id] }, Array(1...plan.items.count).map { Optional($0) })
        let summary = PlanSummary(plan: plan)
        XCTAssertEqual(summary.dimensions.map(\.itemCount).reduce(0, +), StandardMeasures.all.count)
    }

    func testItemsKeepsPlanOrderWhateverTheChoiceOrder() throws {
        let chosen = try ["corruption-complaint-channel", "code-of-ethics", "no-gift-policy"].map { try XCTUnwrap(StandardMeasures.measure(id: $0)) }
        let items = StandardMeasures.items(chosen, organization: organization, firstYear: first, lastYear: last, startingOrder: 5)
        XCTAssertEqual(items.map(\.missionCode), ["1.1", "2.2", "4.3"])
        XCTAssertEqual(items.map(\.order), [5, 6, 7])
    }

    func testByMissionCoversEveryMeasureOnce() {
        let groups = StandardMeasures.byMission
        let ids = groups.flatMap { $0.measures.map(\.id) }
        XCTAssertEqual(ids.count, StandardMeasures.all.count)
        XCTAssertEqual(Set(ids), Set(StandardMeasures.all.map(\.id)))
        XCTAssertEqual(Set(groups.map(\.missionCode)).count, groups.count, "each mission once")
        for group in groups {
            XCTAssertFalse(group.measures.isEmpty)
            XCTAssertTrue(group.measures.allSatisfy { $0.missionCode == group.missionCode })
        }
        // Ordered by dimension number, then by mission as the template lists them.
        let templateOrder = PlanCatalog.cycle2566.dimensions.flatMap { $0.missions.map(\.code) }
        XCTAssertEqual(groups.map(\.missionCode), templateOrder)
    }

    // MARK: Template text

    func testFillReplacesPlaceholdersAndTemplatePhrase() {
        let name = "องค์การบริหารส่วนตำบลบ้านโป่ง"
        func fill(_ text: String, _ a: Int = 2566, _ b: Int = 2570) -> String {
            TemplateText.fill(text, organizationName: name, firstYear: FiscalYear(a), lastYear: FiscalYear(b))
        }
        XCTAssertEqual(fill("มาตรการป้องกันผลประโยชน์ทับซ้อนของ{องค์กร}"), "มาตรการป้องกันผลประโยชน์ทับซ้อนของ\(name)")
        XCTAssertEqual(fill("มาตรการเปิดเผยข้อมูลสาธารณะของระบุชื่อองค์กรปกครองส่วนท้องถิ่น"), "มาตรการเปิดเผยข้อมูลสาธารณะของ\(name)")
        XCTAssertEqual(fill("ของ(ระบุชื่อองค์กรปกครองส่วนท้องถิ่น)"), "ของ\(name)")
        XCTAssertEqual(fill("ของ [ระบุชื่อ องค์การปกครองส่วนท้องถิ่น] ทุกปี"), "ของ \(name) ทุกปี")
        XCTAssertEqual(fill("ปีงบประมาณ พ.ศ. {ปีแรก} – {ปีสุดท้าย}"), "ปีงบประมาณ พ.ศ. 2566 – 2570")
        XCTAssertEqual(fill("ปีงบประมาณ พ.ศ. {ปีแรก} – {ปีสุดท้าย}", 2568, 2568), "ปีงบประมาณ พ.ศ. 2568")
        XCTAssertEqual(fill("พ.ศ. {ปีแรก}-{ปีสุดท้าย}", 2568, 2568), "พ.ศ. 2568")
        XCTAssertEqual(fill("ตั้งแต่ปี {ปีแรก} ถึงปี {ปีสุดท้าย}", 2568, 2568), "ตั้งแต่ปี 2568 ถึงปี 2568")
        XCTAssertEqual(fill("องค์กรปกครองส่วนท้องถิ่นทั่วไป"), "องค์กรปกครองส่วนท้องถิ่นทั่วไป", "the generic term is not a placeholder")
        XCTAssertEqual(fill("ไม่มีตัวแทน"), "ไม่มีตัวแทน")
    }
}
