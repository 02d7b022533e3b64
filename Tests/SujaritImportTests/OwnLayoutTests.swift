import Foundation
import SujaritCore
@testable import SujaritImport
import XCTest

/// Documents written for these tests (`OwnLayoutDocument`), not tuned from the seeds: two mission
/// levels, restarting Thai-digit item numbers, sheet numbers with gaps and suffixes, budgets in
/// the sheets, and plan tables that lost pages.
final class OwnLayoutTests: XCTestCase {
    func importText(_ text: String) throws -> ImportResult {
        try DocumentImporter.importDocument(Data(text.utf8), fileName: "own.txt")
    }

    func budgets(_ item: PlanItem, _ plan: Plan) -> [Int?] {
        plan.fiscalYears.map { year -> Int? in
            if case .amount(let money)? = item.budgets[year], money != .zero { return Int(money.satang / 100) }
            return nil
        }
    }

    func assertItems(_ result: ImportResult, _ document: OwnLayoutDocument, file: StaticString = #filePath, line: UInt = #line) {
        let items = result.plan.orderedItems
        XCTAssertEqual(items.count, document.items.count, "items found", file: file, line: line)
        XCTAssertEqual(items.map(\.name), document.items.map(\.name), file: file, line: line)
        XCTAssertEqual(items.map(\.missionCode), document.items.map(\.mission), file: file, line: line)
        XCTAssertEqual(items.map { budgets($0, result.plan) }, document.items.map(\.budgets), file: file, line: line)
        XCTAssertFalse(result.plan.dimensions.flatMap(\.missions).contains(where: \.isCustom), "no invented mission", file: file, line: line)
        XCTAssertEqual(Set(result.sheets.compactMap(\.itemID)).count, result.sheets.count, "each sheet on its own item", file: file, line: line)
    }

    func codes(_ result: ImportResult) -> [String] { result.findings.map(\.code) }

    /// Items hang on "x.y.z" rows; the document's mission wording is shorter than the catalog's.
    func testTwoMissionLevelsAndRestartingThaiNumbers() throws {
        let document = OwnLayoutDocument(items: OwnLayoutDocument.standardItems())
        let result = try importText(document.text)
        assertItems(result, document)
        XCTAssertEqual(result.plan.orderedItems.map(\.subMissionCode), document.items.map(\.subMission))
        // Numbering that restarts per mission is not a duplicate; sheet 6 repeated is.
        XCTAssertFalse(codes(result).contains("item.number.duplicate"), "\(result.findings.map(\.message.en))")
        XCTAssertEqual(codes(result).filter { $0 == "sheet.number.duplicate" }.count, 1)
        XCTAssertTrue(codes(result).contains("sheet.number.missing"))
        // "(เพิ่มเติม)" is a sheet of its own, joined to its item.
        XCTAssertEqual(result.sheets.count, document.items.count)
        XCTAssertTrue(result.sheets.allSatisfy { $0.itemID != nil })
        // The one sheet whose stated total is wrong, and no other budget finding.
        let budgetFindings = result.findings.filter { $0.code.hasPrefix("sheet.budget") }
        XCTAssertEqual(budgetFindings.map(\.code), ["sheet.budget.total"], "\(budgetFindings.map(\.message.en))")
        XCTAssertTrue(budgetFindings.first?.message.en.contains("ให้ความรู้เรื่องผลประโยชน์ทับซ้อน") ?? false)
    }

    func testContinuingParenNumbers() throws {
        var document = OwnLayoutDocument(items: OwnLayoutDocument.standardItems())
        document.numbering = .continueParen
        document.ownMissionWording = false
        let result = try importText(document.text)
        assertItems(result, document)
        XCTAssertFalse(codes(result).contains { $0.hasPrefix("item.number") })
    }

    /// A sheet that disagrees with its table row, year by year.
    func testSheetBudgetDisagreeingWithTableIsReported() throws {
        var items = OwnLayoutDocument.standardItems()
        items[0].sheetBudget = .byYear
        let document = OwnLayoutDocument(items: items)
        let text = document.text.replacingOccurrences(of: "ปี 2568 จำนวน 20,000 บาท", with: "ปี 2568 จำนวน 25,000 บาท")
        let result = try importText(text)
        let mismatch = result.findings.filter { $0.code == "sheet.budget.mismatch" }
        XCTAssertEqual(mismatch.count, 1, "\(result.findings.map(\.message.en))")
        XCTAssertTrue(mismatch.first?.message.en.contains("2568: sheet 25,000, table 20,000") ?? false, "\(mismatch.map(\.message.en))")
    }

    /// Dimensions 3 and 4 lost from the table: their items come from the sheets, with the sheets'
    /// own mission headings and their yearly budgets, and the diagnosis names what is missing.
    func testLostTablePagesAreRebuiltFromSheets() throws {
        var document = OwnLayoutDocument(items: OwnLayoutDocument.standardItems())
        document.droppedDimensions = [3, 4]
        let result = try importText(document.text)
        // Table order first, then the sheets' items: compare as sets of (name, mission, budgets).
        let found = Dictionary(uniqueKeysWithValues: result.plan.orderedItems.map { ($0.name, $0) })
        XCTAssertEqual(found.count, document.items.count)
        for item in document.items {
            guard let got = found[item.name] else { XCTFail("missing \(item.name)"); continue }
            XCTAssertEqual(got.missionCode, item.mission, item.name)
            XCTAssertEqual(budgets(got, result.plan), item.budgets, item.name)
        }
        let missing = result.findings.filter { $0.code == "table.dimension.missing" }
        XCTAssertEqual(missing.count, 2, "\(result.findings.map(\.message.en))")
        XCTAssertTrue(missing.contains { $0.message.en.contains("lacks dimension 3") })
        XCTAssertTrue(missing.contains { $0.message.en.contains("lacks dimension 4") })
        XCTAssertFalse(result.plan.dimensions.flatMap(\.missions).contains(where: \.isCustom))
    }

    func testMissingSubtotalRowIsNamed() throws {
        var document = OwnLayoutDocument(items: OwnLayoutDocument.standardItems())
        document.droppedSubtotals = [2]
        let result = try importText(document.text)
        assertItems(result, document)
        let findings = result.findings.filter { $0.code == "subtotal.missing" }
        XCTAssertEqual(findings.map(\.message.en), ["Dimension 2 of the plan table has no subtotal row (the others have) — a page may be missing"])
    }

    /// A sub-mission row whose mission row was lost: the mission comes from the catalog by its
    /// code, never from the sub-mission's words.
    func testSubMissionWithoutItsMissionRow() throws {
        let document = OwnLayoutDocument(items: OwnLayoutDocument.standardItems())
        let own = document.missionName("2.2")
        let text = document.text.split(separator: "\n", omittingEmptySubsequences: false)
            .filter { !$0.contains("2.2 \(own)") }.joined(separator: "\n")
        let result = try importText(text)
        assertItems(result, document)
    }

    func testSheetBudgetForms() {
        let years = (2566...2570).map(FiscalYear.init)
        func read(_ text: String) -> SheetBudgetReading { SheetBudgetReading.read(text, years: years) }
        XCTAssertEqual(read("ปีละ 20,000 บาท รวม 100,000 บาท").perYear[FiscalYear(2569)], .amount(Money(baht: 20_000)))
        XCTAssertFalse(read("ปีละ 20,000 บาท รวม 100,000 บาท").ownTotalDisagrees(years: years))
        XCTAssertTrue(read("ปีละ ๒๐,๐๐๐ บาท รวม ๙๐,๐๐๐ บาท").ownTotalDisagrees(years: years))
        XCTAssertEqual(read("20,000 บาทต่อปี").form, .yearly)
        let listed = read("ปี 2566 จำนวน 10,000 บาท ปี 2567 จำนวน 12,000 บาท")
        XCTAssertEqual(listed.form, .listedByYear)
        XCTAssertEqual(listed.perYear[FiscalYear(2567)], .amount(Money(baht: 12_000)))
        XCTAssertEqual(listed.perYear[FiscalYear(2568)], .noBudget)
        XCTAssertEqual(read("ดำเนินการโดยไม่ใช้งบประมาณ").form, .noBudget)
        // "รวม 5 ปี" counts years; two yearly amounts over ranges of years are not one rate.
        let rate = read("20,000 บาท ต่อปี (รวม 5 ปี 100,000 บาท)")
        XCTAssertEqual(rate.form, .yearly)
        XCTAssertEqual(rate.perYear[FiscalYear(2566)], .amount(Money(baht: 20_000)))
        XCTAssertEqual(rate.statedTotal, Money(baht: 100_000))
        XCTAssertNotEqual(read("15,000 บาท ต่อปี ในปีงบประมาณ พ.ศ. 2566 – 2567 และ 20,000 บาท ต่อปี ในปีงบประมาณ พ.ศ. 2568 – 2570").form, .yearly)
        let single = read("50,000 บาท")
        XCTAssertEqual(single.form, .single)
        XCTAssertTrue(single.perYear.isEmpty, "one figure in a five-year plan is not split by guess")
        XCTAssertEqual(SheetBudgetReading.read("15,000 บาท", years: [FiscalYear(2568)]).perYear, [FiscalYear(2568): .amount(Money(baht: 15_000))])
    }

    func testSheetNumbersWithSuffixes() {
        XCTAssertEqual(DocumentParser.sheetNumber("ลำดับที่ 7 (เพิ่มเติม)")?.number, 7)
        XCTAssertEqual(DocumentParser.sheetNumber("ลำดับที่ 7 (เพิ่มเติม)")?.suffix, "(เพิ่มเติม)")
        XCTAssertEqual(DocumentParser.sheetNumber("ลำดับที่ ๑๒")?.number, 12)
        XCTAssertNil(DocumentParser.sheetNumber("ลำดับที่ 7 ของแผนงานที่ได้รับอนุมัติแล้ว"))
    }
}
