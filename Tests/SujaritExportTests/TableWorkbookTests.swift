import Foundation
import SujaritCore
@testable import SujaritExport
import XCTest

/// The one-sheet workbook of a dashboard figure: a well-formed package whose cells hold the
/// texts (Thai kept exactly) and numbers given, amounts in baht.
final class TableWorkbookTests: XCTestCase {
    func testCellsKeepTheirTypesAndThaiText() throws {
        let thai = "เทศบาลตำบลบ้านโป่ง"
        let data = TableWorkbook.xlsx(
            title: "งบประมาณต่อมิติต่อปี · จังหวัดราชบุรี", sheetName: "งบประมาณ/ต่อมิติ:ปี[2566]", header: ["name", "count", "baht", "median"],
            rows: [[.text(thai), .integer(7), .money(Money(satang: 1_234_567)), .decimal(Decimal(string: "2.5")!)],
                   [.text("=SUM(A1)"), .empty, .money(.zero), .integer(-1)]],
            created: Date(timeIntervalSince1970: 1_700_000_000))
        ExportFixtures.keep(data, as: "dashboard-figure.xlsx")
        let package = try OpenedPackage(data)
        XCTAssertEqual(package.malformedParts(), [])
        let strings = try package.elements("si", in: "xl/sharedStrings.xml").map(\.text)
        var values: [String: String] = [:]
        var types: [String: String] = [:]
        for cell in try package.elements("c", in: "xl/worksheets/sheet1.xml") {
            guard let reference = cell.attributes["r"] else { continue }
            let value = cell.child("v") ?? ""
            values[reference] = cell.attributes["t"] == "s" ? strings[Int(value)!] : value
            types[reference] = cell.attributes["t"] ?? "n"
        }
        XCTAssertEqual(values["A1"], "งบประมาณต่อมิติต่อปี · จังหวัดราชบุรี")
        XCTAssertEqual(values["A2"], "name")
        XCTAssertEqual(values["A3"], thai)
        XCTAssertEqual(values["A3"]?.unicodeScalars.count, thai.precomposedStringWithCanonicalMapping.unicodeScalars.count)
        XCTAssertEqual(values["B3"], "7")
        XCTAssertEqual(types["B3"], "n", "a count is a number")
        XCTAssertEqual(values["C3"], "12345.67", "satang written as baht")
        XCTAssertEqual(values["D3"], "2.5")
        XCTAssertEqual(values["A4"], "=SUM(A1)", "a text that looks like a formula stays a text")
        XCTAssertEqual(types["A4"], "s")
        XCTAssertEqual(values["D4"], "-1")
        // The sheet's name loses the characters Excel refuses and keeps to 31 characters.
        let workbook = try package.text("xl/workbook.xml")
        XCTAssertTrue(workbook.contains("name=\"งบประมาณต่อมิติปี2566\""), workbook)
        XCTAssertEqual(TableWorkbook.cleanSheetName(String(repeating: "ก", count: 40)).count, 31)
        XCTAssertEqual(TableWorkbook.cleanSheetName("[]"), "Sheet1")
    }
}
