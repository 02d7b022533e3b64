import Foundation
import SujaritCore

/// A table as an Excel workbook of one sheet: a title row, a header row (frozen) and the rows,
/// numbers as numbers (amounts in baht with `#,##0.00`), texts as shared strings. Used for the
/// overseers' dashboard figures, each of which is also CSV and JSON.
public enum TableWorkbook {
    public enum Cell: Sendable, Equatable {
        case text(String)
        /// A whole number (counts, years).
        case integer(Int)
        /// An amount of money, written in baht.
        case money(Money)
        /// Any other number (medians, percentages).
        case decimal(Decimal)
        case empty
    }

    /// `sheetName` is cut to Excel's 31 characters and loses the characters a sheet name may
    /// not hold (`[]:*?/\`).
    public static func xlsx(title: String, sheetName: String, header: [String], rows: [[Cell]], widths: [Double]? = nil,
                            created: Date) -> Data {
        typealias Row = PlanWorkbookWriter.Row
        var strings = SharedStrings()
        var sheet: [Row] = []
        var titleRow = Row(1)
        titleRow.text(0, title, style: .title, strings: &strings)
        sheet.append(titleRow)
        var headerRow = Row(2)
        for (column, text) in header.enumerated() { headerRow.text(column, text, style: .header, strings: &strings) }
        sheet.append(headerRow)
        for (offset, cells) in rows.enumerated() {
            var row = Row(3 + offset)
            for (column, cell) in cells.enumerated() {
                switch cell {
                case .text(let text): row.text(column, text, style: .text, strings: &strings)
                case .integer(let number): row.number(column, Decimal(number), style: .center)
                case .money(let money): row.number(column, money.decimalBaht, style: .money)
                case .decimal(let number): row.number(column, number, style: .center)
                case .empty: row.empty(column, style: .text)
                }
            }
            sheet.append(row)
        }
        let columns = max(header.count, rows.map(\.count).max() ?? 0)
        let sheetWidths = widths ?? Array(repeating: 18, count: max(1, columns))
        var package = OOXMLPackage()
        package.add("[Content_Types].xml", contentTypes)
        package.add("_rels/.rels", PlanWorkbookWriter.packageRelationships)
        package.add("docProps/core.xml", DocxParts.coreProperties(title: title, organization: "", created: created))
        package.add("docProps/app.xml", DocxParts.appProperties())
        package.add("xl/workbook.xml", workbook(sheetName: cleanSheetName(sheetName)))
        package.add("xl/_rels/workbook.xml.rels", relationships)
        package.add("xl/styles.xml", PlanWorkbookWriter.styles)
        package.add("xl/sharedStrings.xml", strings.xml())
        package.add("xl/worksheets/sheet1.xml", PlanWorkbookWriter.worksheet(rows: sheet, widths: sheetWidths, frozenRows: 2, merges: [], landscape: true))
        return package.data()
    }

    static func cleanSheetName(_ name: String) -> String {
        let kept = name.filter { !"[]:*?/\\".contains($0) }.trimmingCharacters(in: .whitespaces)
        return kept.isEmpty ? "Sheet1" : String(kept.prefix(31))
    }

    static func workbook(sheetName: String) -> String {
        OOXMLPackage.xmlDeclaration + """
        <workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">\
        <bookViews><workbookView/></bookViews><sheets>\
        <sheet name="\(XMLText.escape(sheetName))" sheetId="1" r:id="rId1"/>\
        </sheets><calcPr calcId="191029"/></workbook>
        """
    }

    static let relationships = OOXMLPackage.xmlDeclaration + """
    <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
    <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>\
    <Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>\
    <Relationship Id="rId4" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>\
    </Relationships>
    """

    static let contentTypes = PlanWorkbookWriter.contentTypes(sheets: 1)
}
