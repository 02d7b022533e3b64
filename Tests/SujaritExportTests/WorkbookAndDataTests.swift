import Foundation
import SujaritCore
@testable import SujaritExport
import SujaritTestSupport
import XCTest
import SujaritDemo

final class WorkbookAndDataTests: XCTestCase {
    let plan = DemoData.plan()

    /// Sheet 1's cells by reference ("G5"): the shared string or number, and the formula.
    struct Cells {
        var values: [String: String] = [:]
        var formulas: [String: String] = [:]

        init(_ package: OpenedPackage, sheet: Int) throws {
            let strings = try package.elements("si", in: "xl/sharedStrings.xml").map(\.text)
            for cell in try package.elements("c", in: "xl/worksheets/sheet\(sheet).xml") {
                guard let reference = cell.attributes["r"] else { continue }
                let value = cell.child("v") ?? ""
                values[reference] = cell.attributes["t"] == "s" ? strings[Int(value)!] : value
                if let formula = cell.child("f") { formulas[reference] = formula }
            }
        }

        /// The row numbers whose column B holds the text.
        func rows(whereB predicate: (String) -> Bool) -> [Int] {
            values.compactMap { key, value in
                key.hasPrefix("B") && predicate(value) ? Int(key.dropFirst()) : nil
            }.sorted()
        }
    }

    func testWorkbookTotalsAreFormulasWhoseValuesAreTheSummary() throws {
        let data = PlanExporter.xlsx(plan, context: ExportFixtures.context())
        ExportFixtures.keep(data, as: "demo-plan.xlsx")
        let package = try OpenedPackage(data)
        XCTAssertEqual(package.malformedParts(), [])
        let cells = try Cells(package, sheet: 1)
        let summary = PlanSummary(plan: plan)
        let years = plan.fiscalYears
        let firstYearColumn = PlanWorkbookWriter.leadingColumns

        // One row per item: its amounts are numbers, in baht.
        let numbers = plan.itemNumbers
        for item in plan.items {
            let number = try XCTUnwrap(numbers[item.id])
            let row = try XCTUnwrap(cells.values.first { $0.key.hasPrefix("A") && $0.value == String(number) }.map { Int($0.key.dropFirst())! })
            XCTAssertEqual(cells.values["D\(row)"], item.name)
            for (offset, year) in years.enumerated() {
                let reference = PlanWorkbookWriter.column(firstYearColumn + offset) + String(row)
                switch item.budgets[year] {
                case .amount(let money)?: XCTAssertEqual(Decimal(string: cells.values[reference] ?? ""), money.decimalBaht, reference)
                case .noBudget?: XCTAssertEqual(cells.values[reference], "-", reference)
                case nil: XCTAssertEqual(cells.values[reference], "", reference)
                }
            }
        }
        // Subtotals per dimension and the grand total: formulas with the summary's values.
        let subtotalRows = cells.rows { $0.hasPrefix("รวมมิติที่") }
        XCTAssertEqual(subtotalRows.count, summary.dimensions.count)
        for (row, dimension) in zip(subtotalRows, summary.dimensions) {
            XCTAssertEqual(cells.values["D\(row)"], "จำนวน \(dimension.itemCount) โครงการ")
            for (offset, year) in years.enumerated() {
                let reference = PlanWorkbookWriter.column(firstYearColumn + offset) + String(row)
                XCTAssertTrue(cells.formulas[reference]?.hasPrefix("SUM(") ?? false, "\(reference) is a formula")
                XCTAssertEqual(Decimal(string: cells.values[reference] ?? ""), dimension.budgetByYear[year]!.decimalBaht, reference)
            }
        }
        let grand = try XCTUnwrap(cells.rows { $0 == "รวมทั้งสิ้น" }.first)
        for (offset, year) in years.enumerated() {
            let reference = PlanWorkbookWriter.column(firstYearColumn + offset) + String(grand)
            XCTAssertEqual(Decimal(string: cells.values[reference] ?? ""), summary.budgetByYear[year]!.decimalBaht, reference)
            // The grand total adds the subtotal cells, so an officer's change flows through.
            let formula = try XCTUnwrap(cells.formulas[reference])
            for row in subtotalRows { XCTAssertTrue(formula.contains(PlanWorkbookWriter.column(firstYearColumn + offset) + String(row)), formula) }
        }
        let totalColumn = PlanWorkbookWriter.column(firstYearColumn + years.count)
        XCTAssertEqual(Decimal(string: cells.values["\(totalColumn)\(grand)"] ?? ""), summary.total.decimalBaht)

        let sheet = try package.text("xl/worksheets/sheet1.xml")
        XCTAssertTrue(sheet.contains("state=\"frozen\""), "header row frozen")
        XCTAssertTrue(sheet.contains("<cols>"), "column widths set")
        XCTAssertTrue(try package.text("xl/styles.xml").contains("#,##0.00"), "baht number format")
    }

    func testDetailSheetHasEveryItemAndItsFields() throws {
        let package = try OpenedPackage(PlanExporter.xlsx(plan, context: ExportFixtures.context()))
        let cells = try Cells(package, sheet: 2)
        let names = cells.values.filter { $0.key.hasPrefix("G") && $0.key != "G1" }.map(\.value)
        XCTAssertEqual(Set(names), Set(plan.items.map(\.name)))
        let item = try XCTUnwrap(plan.items.first { $0.sheet?.objectives.count ?? 0 > 1 })
        let row = try XCTUnwrap(cells.values.first { $0.key.hasPrefix("G") && $0.value == item.name }.map { $0.key.dropFirst() })
        XCTAssertEqual(cells.values["H\(row)"], item.sheet?.rationale)
        XCTAssertEqual(cells.values["I\(row)"], item.sheet!.objectives.enumerated().map { "\($0.offset + 1)) \($0.element)" }.joined(separator: "\n"))
    }

    func testWorkbookCellsAreClippedToExcelsLimitAndStayValid() throws {
        var plan = self.plan
        plan.items[0].sheet?.rationale = String(repeating: "ก", count: 40_000)
        plan.items[1].name = "โครงการ\u{0001}\u{FFFF}<&>"
        let package = try OpenedPackage(PlanExporter.xlsx(plan, context: ExportFixtures.context()))
        XCTAssertEqual(package.malformedParts(), [])
        let strings = try package.elements("si", in: "xl/sharedStrings.xml").map(\.text)
        XCTAssertLessThanOrEqual(strings.map(\.count).max() ?? 0, PlanWorkbookWriter.maximumCellText)
        XCTAssertTrue(strings.contains("โครงการ<&>"))
    }

    // MARK: - CSV

    /// A small RFC 4180 reader, to read the file back as a spreadsheet would.
    static func parseCSV(_ text: String) -> [[String]] {
        var rows: [[String]] = []
        var row: [String] = []
        var field = ""
        var quoted = false
        var characters = Array(text)
        if characters.first == "\u{FEFF}" { characters.removeFirst() }
        var index = 0
        while index < characters.count {
            let character = characters[index]
            if quoted {
                if character == "\"" {
                    if index + 1 < characters.count && characters[index + 1] == "\"" { field.append("\""); index += 1 } else { quoted = false }
                } else {
                    field.append(character)
                }
            } else if character == "\"" {
                quoted = true
            } else if character == "," {
                row.append(field); field = ""
            } else if character == "\r\n" || character == "\n" {
                row.append(field); field = ""
                rows.append(row); row = []
            } else {
                field.append(character)
            }
            index += 1
        }
        if !field.isEmpty || !row.isEmpty { row.append(field); rows.append(row) }
        return rows
    }

    func testCSVReadsBackAsThePlan() throws {
        var plan = self.plan
        plan.items[0].remarks = "มี \"เครื่องหมายคำพูด\", จุลภาค\nและขึ้นบรรทัดใหม่"
        let data = PlanExporter.csv(plan, context: ExportFixtures.context(digits: .thai))
        XCTAssertTrue(data.starts(with: [0xEF, 0xBB, 0xBF]), "UTF-8 byte-order mark for Excel")
        let rows = Self.parseCSV(String(decoding: data, as: UTF8.self))
        XCTAssertEqual(rows.first, PlanCSVWriter.header)
        let body = rows.dropFirst()
        XCTAssertEqual(body.count, plan.items.count * plan.fiscalYears.count, "one row per item per year")
        let column = Dictionary(uniqueKeysWithValues: PlanCSVWriter.header.enumerated().map { ($1, $0) })
        var total = Money.zero
        for row in body {
            let item = try XCTUnwrap(plan.items.first { $0.id.uuidString == row[column["item_id"]!] })
            XCTAssertEqual(row[column["item"]!], item.name)
            XCTAssertEqual(row[column["remarks"]!], item.remarks)
            let year = FiscalYear(Int(row[column["fiscal_year"]!])!)
            switch item.budgets[year] {
            case .amount(let money)?:
                XCTAssertEqual(row[column["budget_status"]!], "amount")
                XCTAssertEqual(try Money.parse(row[column["budget_baht"]!]), money)
                total += money
            case .noBudget?: XCTAssertEqual(row[column["budget_status"]!], "no_budget")
            case nil: XCTAssertEqual(row[column["budget_status"]!], "not_stated")
            }
            XCTAssertEqual(row[column["item_number"]!], String(plan.itemNumbers[item.id]!), "digits stay Arabic in open data")
        }
        XCTAssertEqual(total, PlanSummary(plan: plan).total)
    }

    func testJSONIsThePlanWithItsSummary() throws {
        let data = try PlanExporter.json(plan, context: ExportFixtures.context())
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        let decoded = try decoder.decode(PlanOpenData.self, from: data)
        XCTAssertEqual(decoded.plan, plan)
        XCTAssertEqual(decoded.summary, PlanSummary(plan: plan))
        XCTAssertEqual(decoded.organization.name, DemoData.organization.name)
        XCTAssertEqual(decoded.itemNumbers.count, plan.items.count)
        XCTAssertEqual(decoded.format, "sujarit-plan")
    }

    func testEveryFormatButPDFIsMadeByTheOneEntryPoint() throws {
        for format in ExportFormat.allCases where format != .pdf {
            XCTAssertFalse(try PlanExporter.export(plan, format: format, context: ExportFixtures.context()).isEmpty, format.rawValue)
        }
        XCTAssertThrowsError(try PlanExporter.export(plan, format: .pdf, context: ExportFixtures.context())) { error in
            XCTAssertEqual(error as? ExportError, .needsConverter)
        }
        XCTAssertEqual(PlanExporter.fileName(for: plan, organization: DemoData.organization, format: .docx), "nong-sujarit-plan-2566-2570-r1.docx")
    }

    func testSameDocumentGivesTheSameBytes() {
        let context = ExportFixtures.context()
        XCTAssertEqual(PlanExporter.docx(plan, context: context), PlanExporter.docx(plan, context: context))
        XCTAssertEqual(PlanExporter.xlsx(plan, context: context), PlanExporter.xlsx(plan, context: context))
    }
}
