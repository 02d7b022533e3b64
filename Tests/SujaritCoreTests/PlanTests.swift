import Foundation
import SujaritCore
import SujaritTestSupport
import XCTest
import SujaritDemo
import SujaritCatalog

final class PlanTests: XCTestCase {
    func testOrganizationKindFromFullNames() {
        for kind in OrganizationKind.allCases {
            XCTAssertEqual(OrganizationKind.recognize(inName: kind.thaiName + "บ้านโป่ง"), kind, kind.thaiName)
        }
        XCTAssertEqual(OrganizationKind.recognize(inName: "  องค์การบริหารส่วนตำบลหนองสุจริต\n"), .subdistrict)
        XCTAssertEqual(OrganizationKind.recognize(inName: "องค์การบริหารส่วนจังหวัดขอนแก่น"), .provincial)
        XCTAssertEqual(OrganizationKind.recognize(inName: "เทศบาลตำบลท่าพระ"), .subdistrictMunicipality)
        XCTAssertEqual(OrganizationKind.recognize(inName: "เทศบาลเมืองบ้านไผ่"), .townMunicipality)
        XCTAssertEqual(OrganizationKind.recognize(inName: "เทศบาลนครขอนแก่น"), .cityMunicipality)
    }

    func testOrganizationKindFromAbbreviations() {
        XCTAssertEqual(OrganizationKind.recognize(inName: "อบต.บ้านผือ"), .subdistrict)
        XCTAssertEqual(OrganizationKind.recognize(inName: "อบจ.ขอนแก่น"), .provincial)
        XCTAssertEqual(OrganizationKind.recognize(inName: "ทต.ท่าพระ"), .subdistrictMunicipality)
        XCTAssertEqual(OrganizationKind.recognize(inName: "ทม.บ้านไผ่"), .townMunicipality)
        XCTAssertEqual(OrganizationKind.recognize(inName: "ทน.ขอนแก่น"), .cityMunicipality)
        XCTAssertEqual(OrganizationKind.recognize(inName: "กทม."), .bangkok)
    }

    func testUnknownOrganizationKind() {
        for name in ["", "บริษัท สุจริต จำกัด", "ตำบลบ้านโป่ง", "เทศบาล"] {
            XCTAssertNil(OrganizationKind.recognize(inName: name), name)
        }
    }

    func testSlugRules() {
        XCTAssertTrue(Organization.isValidSlug("nong-sujarit"))
        XCTAssertTrue(Organization.isValidSlug("ban-pong-2"))
        for bad in ["a", "-abc", "abc-", "a--b", "Nong", "หนอง", "a b", String(repeating: "a", count: 64)] {
            XCTAssertFalse(Organization.isValidSlug(bad), bad)
        }
    }

    func testItemKindIsTheFirstWordOfTheName() {
        XCTAssertEqual(PlanItemKind.recognize(fromName: "โครงการส่งเสริมคุณธรรม"), .project)
        XCTAssertEqual(PlanItemKind.recognize(fromName: "กิจกรรมประกาศเจตจำนง"), .activity)
        XCTAssertEqual(PlanItemKind.recognize(fromName: "มาตรการ NO Gift Policy"), .measure)
        XCTAssertEqual(PlanItemKind.recognize(fromName: "แนวปฏิบัติการจัดการเรื่องร้องเรียน"), .guideline)
        XCTAssertEqual(PlanItemKind.recognize(fromName: "  “โครงการอบรม”"), .project, "leading spaces and quotes are skipped")
        XCTAssertEqual(PlanItemKind.recognize(fromName: "(กิจกรรม) เผยแพร่ข้อมูล"), .activity)
        XCTAssertNil(PlanItemKind.recognize(fromName: "ประชุมประชาคม"))
        XCTAssertNil(PlanItemKind.recognize(fromName: "การอบรมตามโครงการ"), "the kind word must come first")
        XCTAssertNil(PlanItemKind.recognize(fromName: ""))
    }

    func testRiskLevelRecognition() {
        XCTAssertEqual(RiskLevel.recognize("ต่ำ"), .low)
        XCTAssertEqual(RiskLevel.recognize(" ปานกลาง "), .medium)
        XCTAssertEqual(RiskLevel.recognize("สูง"), .high)
        XCTAssertEqual(RiskLevel.recognize("สูง มาก"), .veryHigh)
        XCTAssertEqual(RiskLevel.recognize("Very high"), .veryHigh)
        XCTAssertNil(RiskLevel.recognize("ไม่ทราบ"))
        XCTAssertLessThan(RiskLevel.low, RiskLevel.veryHigh)
    }

    func testFromTemplate() {
        let organization = Fixtures.organization()
        let plan = Plan.fromTemplate(PlanCatalog.cycle2566, organization: organization)
        XCTAssertEqual(plan.organizationID, organization.id)
        XCTAssertEqual(plan.fiscalYears, (2566...2570).map(FiscalYear.init))
        XCTAssertEqual(plan.yearSlug, "2566-2570")
        XCTAssertEqual(plan.title, "แผนปฏิบัติการป้องกันการทุจริตเพื่อยกระดับคุณธรรมและความโปร่งใส (พ.ศ. 2566 – 2570) ขององค์การบริหารส่วนตำบลบ้านทดสอบ")
        XCTAssertEqual(plan.dimensions.map(\.number), [1, 2, 3, 4])
        XCTAssertEqual(plan.status, .draft)
        XCTAssertTrue(plan.items.isEmpty)

        let oneYear = Plan.fromTemplate(PlanCatalog.cycle2566, organization: organization, first: FiscalYear(2568), last: FiscalYear(2568))
        XCTAssertEqual(oneYear.fiscalYears, [FiscalYear(2568)])
        XCTAssertEqual(oneYear.yearSlug, "2568")
        XCTAssertTrue(oneYear.title.contains("(พ.ศ. 2568)"))
    }

    func testCatalog() {
        XCTAssertEqual(PlanCatalog.template(covering: FiscalYear(2568)).id, "2566-2570")
        XCTAssertEqual(PlanCatalog.template(covering: FiscalYear(2562)).id, "2561-2564")
        XCTAssertEqual(PlanCatalog.template(id: "2561-2564")?.plansByMonth, true)
        XCTAssertNil(PlanCatalog.template(id: "2600-2604"))
        for template in PlanCatalog.templates {
            XCTAssertEqual(template.dimensions.map(\.number), [1, 2, 3, 4], template.id)
            for dimension in template.dimensions {
                for mission in dimension.missions {
                    XCTAssertEqual(Mission.dimensionNumber(ofCode: mission.code), dimension.number, mission.code)
                    for sub in mission.subMissions {
                        XCTAssertTrue(sub.code.hasPrefix(mission.code + "."), sub.code)
                    }
                }
            }
        }
    }

    func testItemNumbersFollowTheTableNotTheOrderField() {
        var builder = PlanBuilder()
        let unplaced = builder.item("โครงการ ยังไม่ระบุภารกิจ", mission: nil, order: 0)
        let d4 = builder.item("มาตรการ ร้องเรียน", mission: "4.3", order: 1)
        let d1Late = builder.item("โครงการ อบรม ข", mission: "1.1", order: 5)
        let d1Early = builder.item("โครงการ อบรม ก", mission: "1.1", order: 2)
        let d1Youth = builder.item("โครงการ เยาวชน", mission: "1.3", order: 0)
        let d2 = builder.item("กิจกรรม เผยแพร่", mission: "2.1", order: 3)
        let unknown = builder.item("กิจกรรม ภารกิจแปลก", mission: "9.1", order: 4)
        let numbers = builder.plan.itemNumbers
        // Dimension by dimension, mission by mission in catalog order, then by `order`;
        // items outside any mission of the plan come last, in `order`.
        XCTAssertEqual(numbers[d1Early], 1)
        XCTAssertEqual(numbers[d1Late], 2)
        XCTAssertEqual(numbers[d1Youth], 3, "mission 1.3 follows 1.1 even though its order is lower")
        XCTAssertEqual(numbers[d2], 4)
        XCTAssertEqual(numbers[d4], 5)
        XCTAssertEqual(numbers[unplaced], 6)
        XCTAssertEqual(numbers[unknown], 7)
        XCTAssertEqual(numbers.count, 7)
    }

    func testOrderedItemsAndLookups() {
        let plan = Fixtures.smallPlan()
        XCTAssertEqual(plan.orderedItems.map(\.order), [1, 2, 3, 4])
        XCTAssertEqual(plan.items(inMission: "1.1").map(\.id), [Fixtures.id(101)])
        XCTAssertEqual(plan.mission(code: "4.3")?.subMissions.map(\.code), ["4.3.1", "4.3.2"])
        XCTAssertNil(plan.mission(code: "5.1"))
        XCTAssertEqual(plan.dimension(number: 2)?.name, "การบริหารราชการด้วยความโปร่งใส")
        XCTAssertEqual(plan.items[0].dimensionNumber, 1)
    }

    func testPlanJSONRoundTrip() throws {
        var plan = DemoData.plan()
        plan.items[0].budgets[FiscalYear(2567)] = .amount(Money(satang: 1_234_567))
        plan.items[1].sheet = nil
        plan.items[2].missionCode = nil
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let data = try encoder.encode(plan)
        let decoded = try JSONDecoder().decode(Plan.self, from: data)
        XCTAssertEqual(decoded, plan)
        XCTAssertEqual(decoded.items.map(\.id), plan.items.map(\.id))
        XCTAssertEqual(try encoder.encode(decoded), data, "encoding is stable")
    }

    func testThaiTextSurvivesJSONByteForByte() throws {
        // Compare scalars, not Strings: Swift's == on String ignores normalization differences.
        let name = "โครงการส่งเสริมคุณธรรม “น้ำใจ” ปีที่ ๒ – ร้อยละ 80"
        XCTAssertEqual(Array(name.unicodeScalars), Array(name.nfc.unicodeScalars), "the sample is already NFC")
        var builder = PlanBuilder()
        let id = builder.item(name, mission: "1.1")
        let data = try JSONEncoder().encode(builder.plan)
        let decoded = try JSONDecoder().decode(Plan.self, from: data)
        let item = try XCTUnwrap(decoded.items.first { $0.id == id })
        XCTAssertEqual(Array(item.name.unicodeScalars), Array(name.unicodeScalars))
        XCTAssertEqual(Array(decoded.title.unicodeScalars), Array(builder.plan.title.unicodeScalars))
    }

    func testDemoTextIsStoredInNFC() {
        let plan = DemoData.plan()
        var texts = [plan.title, plan.frontMatter.foreword, plan.frontMatter.rationale, DemoData.organization.name]
        for item in plan.items {
            texts.append(item.name)
            if let sheet = item.sheet {
                texts += [sheet.rationale, sheet.targetGroup, sheet.budgetText] + sheet.objectives + sheet.outputs + sheet.outcomes
            }
        }
        for text in texts {
            XCTAssertEqual(Array(text.unicodeScalars), Array(text.nfc.unicodeScalars), String(text.prefix(40)))
        }
        // `cleaned` composes decomposed input.
        XCTAssertEqual(Array("e\u{301}".cleaned.unicodeScalars), ["\u{e9}"])
    }

    func testItemBudgetsAreKeyedByYearInJSON() throws {
        let item = PlanItem(kind: .project, name: "โครงการ ก", missionCode: "1.1", order: 1,
                            budgets: [FiscalYear(2566): .baht(20_000), FiscalYear(2567): .noBudget])
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: JSONEncoder().encode(item)) as? [String: Any])
        let budgets = try XCTUnwrap(object["budgets"] as? [String: Any])
        XCTAssertEqual(budgets["2567"] as? String, "none")
        XCTAssertEqual((budgets["2566"] as? NSNumber)?.intValue, 20_000)

        // Keys written in Thai digits are read too; a key that is not a year is refused.
        let thaiKeys = #"{"kind":"project","name":"โครงการ ก","budgets":{"๒๕๖๖":"15,000","2567":"-"}}"#
        let decoded = try JSONDecoder().decode(PlanItem.self, from: Data(thaiKeys.utf8))
        XCTAssertEqual(decoded.budgets, [FiscalYear(2566): .baht(15_000), FiscalYear(2567): .noBudget])
        XCTAssertNil(decoded.missionCode)
        let badKey = #"{"kind":"project","name":"โครงการ ก","budgets":{"ปีหน้า":1}}"#
        XCTAssertThrowsError(try JSONDecoder().decode(PlanItem.self, from: Data(badKey.utf8)))
        let negative = #"{"kind":"project","name":"โครงการ ก","budgets":{"2566":-1}}"#
        XCTAssertThrowsError(try JSONDecoder().decode(PlanItem.self, from: Data(negative.utf8)))
    }

    func testYearlyTargetFormatting() {
        let percent = YearlyTarget(order: 1, indicator: "คดีลดลง", unit: "ร้อยละ", values: [FiscalYear(2566): 10])
        let score = YearlyTarget(order: 2, indicator: "ITA", unit: "คะแนน", values: [FiscalYear(2566): 65])
        XCTAssertEqual(percent.formattedValue(for: FiscalYear(2566)), "ร้อยละ 10")
        XCTAssertEqual(score.formattedValue(for: FiscalYear(2566)), "65 คะแนน")
        XCTAssertEqual(score.formattedValue(for: FiscalYear(2566), digits: .thai), "๖๕ คะแนน")
        XCTAssertNil(score.formattedValue(for: FiscalYear(2567)))
    }
}
