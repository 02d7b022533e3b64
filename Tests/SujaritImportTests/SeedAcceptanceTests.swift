import Foundation
import SujaritCore
@testable import SujaritImport
import XCTest

/// The acceptance criteria of issue 4 on the three seed documents.
final class SeedAcceptanceTests: XCTestCase {
    func import000() throws -> ImportResult {
        try DocumentImporter.importDocument(try Seeds.data("000"), fileName: "000.txt")
    }

    func testSeed000OrganizationAndYears() throws {
        let result = try import000()
        XCTAssertEqual(result.format, .text)
        XCTAssertEqual(result.documentKind, .multiYearPlan)
        XCTAssertEqual(result.organization.name, "องค์การบริหารส่วนตำบลบ้านโป่ง")
        XCTAssertEqual(result.organization.kind, .subdistrict)
        XCTAssertEqual(result.organization.district, "งาว")
        XCTAssertEqual(result.organization.province, "ลำปาง")
        XCTAssertEqual(result.organization.digitStyle, .arabic)
        XCTAssertEqual(result.plan.firstYear, FiscalYear(2566))
        XCTAssertEqual(result.plan.lastYear, FiscalYear(2570))
        XCTAssertEqual(result.plan.cycleID, "2566-2570")
        XCTAssertTrue(result.plan.title.contains("องค์การบริหารส่วนตำบลบ้านโป่ง"))
    }

    func testSeed000ItemsPerDimensionAndBudgets() throws {
        let result = try import000()
        let summary = result.summary
        XCTAssertEqual(summary.dimensions.map(\.itemCount), [4, 7, 2, 4])
        XCTAssertEqual(summary.itemCount, 17)
        XCTAssertEqual(summary.unplacedItemCount, 0)
        let twentyThousand = Money(baht: 20_000)
        for year in 2566...2570 {
            XCTAssertEqual(summary.dimension(3)?.budgetByYear[FiscalYear(year)], twentyThousand, "dimension 3, \(year)")
            for number in [1, 2, 4] {
                XCTAssertEqual(summary.dimension(number)?.budgetByYear[FiscalYear(year)], .zero, "dimension \(number), \(year)")
            }
            XCTAssertEqual(summary.budgetByYear[FiscalYear(year)], twentyThousand)
        }
        // Items in plan order, numbered 1…17, each with a kind and a catalog mission.
        let items = result.plan.orderedItems
        XCTAssertEqual(items.map(\.order), Array(1...17))
        XCTAssertEqual(items[0].name, "โครงการเผยแพร่ประชาสัมพันธ์ความรู้ด้านกฎหมายและระเบียบที่เกี่ยวข้องกับการปฏิบัติงานให้แก่บุคลากรองค์กรปกครองส่วนท้องถิ่น ผู้บริหารและสมาชิกสภาท้องถิ่น")
        XCTAssertEqual(items[0].kind, .project)
        XCTAssertEqual(items[0].missionCode, "1.1")
        XCTAssertEqual(items[7].name, "มาตรการ NO Gift Policy")
        XCTAssertEqual(items[7].kind, .measure)
        XCTAssertEqual(items[7].missionCode, "2.2")
        XCTAssertEqual(items[9].kind, .activity)
        XCTAssertEqual(items[11].name, "โครงการสนับสนุนการจัดทำแผนชุมชนตำบลบ้านโป่ง")
        XCTAssertEqual(items[11].missionCode, "3.1")
        XCTAssertEqual(items[11].budgets[FiscalYear(2568)], .amount(Money(baht: 20_000)))
        XCTAssertEqual(items[12].budgets[FiscalYear(2568)], .noBudget)
        XCTAssertEqual(items.map(\.missionCode), ["1.1", "1.1", "1.1", "1.1", "2.1", "2.1", "2.2", "2.2", "2.2", "2.3", "2.3", "3.1", "3.2", "4.1", "4.2", "4.3", "4.3"])
        XCTAssertFalse(result.plan.dimensions.flatMap(\.missions).contains(where: \.isCustom))
    }

    func testSeed000SheetsMatchedToItems() throws {
        let result = try import000()
        XCTAssertEqual(result.sheets.count, 16)
        XCTAssertEqual(result.sheets.filter { $0.matchScore != nil }.count, 16)
        XCTAssertEqual(Set(result.sheets.compactMap(\.itemID)).count, 16)
        let items = result.plan.orderedItems
        XCTAssertEqual(items.filter { $0.sheet != nil }.count, 16)
        XCTAssertNil(items[2].sheet, "item 3 (โครงการฝึกอบรม…) has no sheet")
        // The sheet whose name differs from its row ("ของระบุชื่อ…" vs the organization's name).
        XCTAssertEqual(items[5].sheet?.sheetNumber, 5)
        XCTAssertEqual(items[15].sheet?.sheetNumber, 15)
        // Duplicated sheet number 8: NO Gift Policy and conflict of interest each keep their own sheet.
        XCTAssertEqual(items[7].sheet?.sheetNumber, 8)
        XCTAssertEqual(items[8].sheet?.sheetNumber, 8)
        XCTAssertTrue(items[8].sheet?.outputs.first?.contains("ผลประโยชน์ทับซ้อน") ?? false)
        for sheet in result.sheets {
            XCTAssertTrue(sheet.hasAllRequiredFields, "sheet \(sheet.sheetNumber ?? -1) lacks \(SheetField.required.filter { !sheet.fieldsFound.contains($0) })")
        }
        let sheet11 = try XCTUnwrap(items[11].sheet)
        XCTAssertEqual(sheet11.budgetText, "10,000 บาท")
        XCTAssertEqual(sheet11.method.count, 2)
        XCTAssertEqual(sheet11.method[0].subSteps.count, 7, "steps 1.1–1.7")
        XCTAssertEqual(items[11].responsibleUnit, "สำนักปลัด องค์การบริหารส่วนตำบลบ้านโป่ง")
        XCTAssertEqual(items[11].subMissionCode, "3.1.1")
        let sheet1 = try XCTUnwrap(items[0].sheet)
        XCTAssertEqual(sheet1.objectives.count, 3)
        XCTAssertEqual(sheet1.outputs.count, 2)
        XCTAssertEqual(sheet1.outcomes.count, 1)
        XCTAssertEqual(sheet1.period, "ปีงบประมาณ พ.ศ. 2566 - 2570")
        XCTAssertEqual(BudgetEntry.parseDocumentText(sheet1.budgetText), .noBudget)
    }

    func testSeed000Diagnosis() throws {
        let result = try import000()
        func has(_ code: String, line: Int? = nil, _ contains: [String]) -> Bool {
            result.findings.contains { finding in
                finding.code == code && (line == nil || finding.line == line) && contains.allSatisfy { finding.message.th.contains($0) || finding.message.en.contains($0) }
            }
        }
        XCTAssertTrue(has("count.stated.total", line: 16, ["18", "17"]), "foreword: 18 stated, 17 listed")
        XCTAssertTrue(has("count.stated.dimension", line: 22, ["มิติที่ 2", "8", "7"]), "foreword: dimension 2 stated 8")
        XCTAssertTrue(has("subtotal.count", line: 309, ["มิติที่ 2", "8", "7"]), "subtotal: dimension 2 stated 8")
        XCTAssertTrue(has("subtotal.budget", ["มิติที่ 3", "“-”", "20,000"]), "dimension 3 subtotal “-” vs 20,000")
        XCTAssertTrue(has("sheet.budget.mismatch", line: 1089, ["10,000", "20,000"]), "sheet 11: 10,000 vs 20,000 a year")
        XCTAssertTrue(has("item.sheet.missing", line: 196, ["โครงการฝึกอบรม"]))
        XCTAssertTrue(has("sheet.number.missing", ["7"]))
        XCTAssertTrue(has("sheet.number.duplicate", line: 857, ["8"]))
        XCTAssertTrue(has("template.placeholder", line: 239, ["ระบุชื่อองค์กรปกครองส่วนท้องถิ่น"]))
        // Figures that agree are not reported.
        XCTAssertFalse(result.findings.contains { $0.code.hasPrefix("total.") }, "the grand total (17, 20,000 a year) is right")
        XCTAssertFalse(result.findings.contains { $0.code == "count.stated.dimension" && $0.message.en.contains("dimension 1") })
        XCTAssertFalse(result.findings.contains { $0.code == "sheet.item.missing" })
        XCTAssertFalse(result.findings.contains { $0.code.hasPrefix("item.number") })
        XCTAssertTrue(result.findings.allSatisfy { !$0.message.th.isEmpty && !$0.message.en.isEmpty })
    }

    func testSeed000Part1() throws {
        let result = try import000()
        let risks = result.plan.risks
        XCTAssertEqual(risks.map(\.order), [1, 2, 3, 4])
        XCTAssertEqual(risks[0].workArea, "การบริหารงานของหน่วยงาน และการปฏิบัติงานของบุคลากร")
        XCTAssertEqual(risks[0].issues.count, 3)
        XCTAssertEqual(risks[0].issues.map(\.level), [.medium, .medium, .medium])
        XCTAssertEqual(risks[0].controlMeasures.count, 7)
        XCTAssertEqual(risks[2].issues.map(\.level), [.high, .medium])
        XCTAssertEqual(risks[3].issues.map(\.level), [.high, .high, .high])
        XCTAssertTrue(risks[3].linkedItemIDs.contains { id in result.plan.items.first { $0.id == id }?.name == "มาตรการ NO Gift Policy" })
        let targets = result.plan.targets
        XCTAssertEqual(targets.count, 2)
        XCTAssertEqual(targets[0].unit, "ร้อยละ")
        XCTAssertEqual(targets[0].values[FiscalYear(2566)], 10)
        XCTAssertEqual(targets[0].values[FiscalYear(2570)], 50)
        XCTAssertEqual(targets[1].unit, "คะแนน")
        XCTAssertEqual(targets[1].values[FiscalYear(2570)], 85)
        XCTAssertTrue(result.plan.frontMatter.foreword.hasPrefix("องค์การบริหารส่วนตำบลบ้านโป่งได้จัดทำแผน"))
        XCTAssertEqual(result.plan.frontMatter.objectives.count, 5)
        XCTAssertEqual(result.plan.frontMatter.benefits.count, 5)
        XCTAssertTrue(result.plan.frontMatter.rationale.hasPrefix("รัฐธรรมนูญแห่งราชอาณาจักรไทย"))
    }

    func testSeed001OneYearPlanOfSheets() throws {
        let result = try DocumentImporter.importDocument(try Seeds.data("001"), fileName: "001.txt")
        XCTAssertEqual(result.documentKind, .annualPlan)
        XCTAssertEqual(result.organization.name, "เทศบาลตำบลจระเข้หิน")
        XCTAssertEqual(result.organization.kind, .subdistrictMunicipality)
        XCTAssertEqual(result.organization.district, "ครบุรี")
        XCTAssertEqual(result.organization.province, "นครราชสีมา")
        XCTAssertEqual(result.organization.website, "www.chorakhehin.go.th")
        XCTAssertEqual(result.organization.phone, "044 991 447")
        XCTAssertEqual(result.organization.digitStyle, .thai)
        XCTAssertEqual(result.plan.firstYear, FiscalYear(2568))
        XCTAssertEqual(result.plan.lastYear, FiscalYear(2568))
        XCTAssertEqual(result.sheets.count, 19)
        XCTAssertEqual(result.sheets.compactMap(\.sheetNumber), Array(1...19), "Thai digits ๑–๑๙ read as 1–19")
        XCTAssertTrue(result.sheets.allSatisfy(\.hasAllRequiredFields))
        let items = result.plan.orderedItems
        XCTAssertEqual(items.count, 19)
        for item in items {
            let sheet = try XCTUnwrap(item.sheet)
            XCTAssertEqual(item.budgets, [FiscalYear(2568): .noBudget], item.name)
            XCTAssertEqual(sheet.budgetText, "ดำเนินการโดยไม่ใช้งบประมาณ")
            XCTAssertEqual(sheet.period, "ปีงบประมาณ พ.ศ. ๒๕๖๘", "Thai text kept as written")
            XCTAssertEqual(sheet.responsible, "เทศบาลตำบลจระเข้หิน")
            XCTAssertFalse(sheet.rationale.isEmpty)
            XCTAssertFalse(sheet.objectives.isEmpty)
            XCTAssertFalse(sheet.targetGroup.isEmpty)
            XCTAssertFalse(sheet.method.isEmpty)
            XCTAssertFalse(sheet.outputs.isEmpty)
            XCTAssertFalse(sheet.outcomes.isEmpty)
        }
        XCTAssertEqual(result.summary.total, .zero)
        // Thai digits: headcounts, objectives, the name on a line of its own, kinds.
        XCTAssertEqual(items[0].sheet?.targetHeadcount, 5)
        XCTAssertEqual(items[1].sheet?.targetHeadcount, 72)
        XCTAssertEqual(items[11].sheet?.targetHeadcount, 102, "sheet 12 has two groups, 72 and 30")
        XCTAssertEqual(items[0].sheet?.objectives.count, 4)
        XCTAssertEqual(items[0].sheet?.method.count, 9)
        XCTAssertEqual(items[0].sheet?.outputs.count, 2, "the marker-only line “๒)” joins the text after it")
        XCTAssertEqual(items[0].sheet?.outputs[1].hasPrefix("มีการปรับปรุงและพัฒนาข้อมูลข่าวสาร"), true)
        XCTAssertEqual(items[10].name, "มาตรการจัดให้มีระบบและช่องทางการรับเรื่องร้องเรียนเกี่ยวกับการทุจริตของเทศบาลตำบลจระเข้หิน")
        XCTAssertEqual(items[0].kind, .measure)
        XCTAssertEqual(items[2].kind, .project)
        XCTAssertEqual(items[5].kind, .activity)
        XCTAssertEqual(Dictionary(grouping: items.compactMap { PlanItemKind.recognize(fromName: $0.name) }, by: { $0 }).mapValues(\.count),
                       [.measure: 9, .activity: 7, .project: 1])
        XCTAssertTrue(result.findings.contains { $0.code == "template.placeholder" && $0.line == 38 })
    }

    func testSeed002ResultsReport() throws {
        let result = try DocumentImporter.importDocument(try Seeds.data("002"), fileName: "002.txt")
        XCTAssertEqual(result.documentKind, .resultsReport)
        XCTAssertEqual(result.organization.name, "องค์การบริหารส่วนตำบลบ้านผือ")
        XCTAssertEqual(result.organization.province, "หนองคาย")
        XCTAssertEqual(result.plan.firstYear, FiscalYear(2568))
        let rows = result.monitoringRows
        XCTAssertEqual(rows.count, 17)
        XCTAssertEqual(rows.map(\.number), (1...17).map { $0 })
        for row in rows {
            XCTAssertFalse(row.measure.isEmpty)
            XCTAssertFalse(row.steps.isEmpty, "row \(row.number ?? -1) steps")
            XCTAssertTrue(row.period.hasPrefix("ไตรมาสที่"), "row \(row.number ?? -1) period")
            XCTAssertFalse(row.responsible.isEmpty)
            XCTAssertFalse(row.output.isEmpty)
            XCTAssertFalse(row.outcome.isEmpty)
            XCTAssertFalse(row.measure.contains("<p>") || row.output.contains("<p>") || row.outcome.contains("</"), "HTML stripped")
        }
        XCTAssertEqual(rows[3].period, "ไตรมาสที่ ๒")
        XCTAssertEqual(rows[16].period, "ไตรมาสที่ ๑")
        XCTAssertEqual(rows[6].responsible, "กองคลัง")
        // Page-break fragments merged back into their rows.
        XCTAssertTrue(rows[5].steps.contains { $0.contains("ประเมินผลการปฏิบัติราชการแต่ละมิติ") }, "line 17 joins row 6's steps")
        XCTAssertTrue(rows[8].output.contains("ดำเนินการโดยยึดหลัก"), "line 22 joins row 9's output")
        XCTAssertTrue(rows[8].outcome.contains("ดำเนินการโดยยึดหลัก"), "line 22 joins row 9's outcome")
        XCTAssertTrue(rows[12].output.contains("พ.ศ. ๒๕๖๖ - ๒๕๗๐"), "line 28 joins row 13's output")
        XCTAssertTrue(rows[14].outcome.contains("ขององค์การบริหารส่วนตำบลบ้านผือ พ.ศ. ๒๕๖๖ - ๒๕๗๐"), "a break inside a word is joined without a space")
        XCTAssertTrue(rows[16].steps.contains { $0.contains("ของเจ้าหน้าที่ของหน่วยงาน บนเว็บไซต์") }, "line 36 joins row 17's steps")
        XCTAssertEqual(rows[16].steps.count, 5, "๑) … ๕) written on one line are split")
        XCTAssertTrue(rows[5].outcome.contains("\n- "), "the <ul> bullets become lines")
        XCTAssertFalse(rows.contains { $0.measure.hasPrefix("--") }, "the -- rule is not a row")
        XCTAssertEqual(result.plan.items.count, 17)
        XCTAssertEqual(Set(rows.compactMap(\.itemID)), Set(result.plan.items.map(\.id)))
    }

    func testSummaryAndJSONOfSeeds() throws {
        let result = try import000()
        let summary = ImportSummaryRenderer.render(result)
        XCTAssertTrue(summary.contains("องค์การบริหารส่วนตำบลบ้านโป่ง"))
        XCTAssertTrue(summary.contains("20,000"))
        XCTAssertTrue(summary.contains("count.stated.total"))
        let json = try JSONEncoder().encode(result)
        let decoded = try JSONDecoder().decode(ImportResult.self, from: json)
        XCTAssertEqual(decoded.plan.items.count, 17)
        XCTAssertEqual(decoded.findings, result.findings)
        XCTAssertEqual(decoded.summary, result.summary)
    }
}
