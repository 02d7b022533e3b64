import Foundation
import SujaritCore

/// The plan as an Excel workbook for budget officers.
///
/// Sheet 1, "แผนปฏิบัติการ": the Part 2 table — one row per item with its dimension, mission,
/// kind, responsible unit and one amount column per fiscal year, a row total, a subtotal row per
/// dimension and a grand total. Amounts are numbers with a baht format (`#,##0.00`); "no budget"
/// is the text "-" and a year not stated is empty. Subtotals and totals are SUM formulas whose
/// cached values are `PlanSummary`'s, so the file shows the right figures before any
/// recalculation and stays right when an officer changes an amount. The header row is frozen.
///
/// Sheet 2, "รายละเอียดโครงการ": every item with all nine sheet fields, one row per item.
struct PlanWorkbookWriter {
    let plan: Plan
    let context: ExportContext

    /// Excel's limit for the text of one cell.
    static let maximumCellText = 32_767

    func data() -> Data {
        var strings = SharedStrings()
        let digits = DigitPrinter(style: context.digits)
        let plansheet = planSheet(strings: &strings, digits: digits)
        let details = detailSheet(strings: &strings, digits: digits)
        var package = OOXMLPackage()
        package.add("[Content_Types].xml", Self.contentTypes)
        package.add("_rels/.rels", Self.packageRelationships)
        package.add("docProps/core.xml", DocxParts.coreProperties(title: plan.title, organization: context.organization.name, created: context.generatedAt))
        package.add("docProps/app.xml", DocxParts.appProperties())
        package.add("xl/workbook.xml", Self.workbook)
        package.add("xl/_rels/workbook.xml.rels", Self.workbookRelationships)
        package.add("xl/styles.xml", Self.styles)
        package.add("xl/sharedStrings.xml", strings.xml())
        package.add("xl/worksheets/sheet1.xml", plansheet)
        package.add("xl/worksheets/sheet2.xml", details)
        return package.data()
    }

    // MARK: - Cells

    /// Style indexes into `cellXfs` of styles.xml.
    enum Style: Int {
        case plain = 0, text = 1, header = 2, money = 3, totalMoney = 4, totalText = 5, title = 6, center = 7
    }

    /// "A", "B", … "Z", "AA" …
    static func column(_ index: Int) -> String {
        var index = index
        var name = ""
        repeat {
            name = String(UnicodeScalar(UInt8(65 + index % 26))) + name
            index = index / 26 - 1
        } while index >= 0
        return name
    }

    struct Row {
        var number: Int
        var cells: [String] = []
        var height: Int?

        init(_ number: Int) { self.number = number }

        func reference(_ column: Int) -> String { PlanWorkbookWriter.column(column) + String(number) }

        mutating func text(_ column: Int, _ value: String, style: Style = .text, strings: inout SharedStrings) {
            let clipped = value.count > PlanWorkbookWriter.maximumCellText ? String(value.prefix(PlanWorkbookWriter.maximumCellText)) : value
            cells.append("<c r=\"\(reference(column))\" s=\"\(style.rawValue)\" t=\"s\"><v>\(strings.index(of: clipped))</v></c>")
        }

        mutating func number(_ column: Int, _ value: Decimal, style: Style = .money) {
            cells.append("<c r=\"\(reference(column))\" s=\"\(style.rawValue)\"><v>\(NSDecimalNumber(decimal: value).stringValue)</v></c>")
        }

        mutating func formula(_ column: Int, _ formula: String, cached: Decimal, style: Style = .totalMoney) {
            cells.append("<c r=\"\(reference(column))\" s=\"\(style.rawValue)\"><f>\(XMLText.escape(formula))</f><v>\(NSDecimalNumber(decimal: cached).stringValue)</v></c>")
        }

        mutating func empty(_ column: Int, style: Style) {
            cells.append("<c r=\"\(reference(column))\" s=\"\(style.rawValue)\"/>")
        }

        var xml: String {
            "<row r=\"\(number)\"\(height.map { " ht=\"\($0)\" customHeight=\"1\"" } ?? "")>" + cells.joined() + "</row>"
        }
    }

    // MARK: - Sheet 1: the plan table

    /// Fixed columns before the years: ลำดับ, มิติ, ภารกิจ, โครงการ, ประเภท, ผู้รับผิดชอบ.
    static let leadingColumns = 6

    func planSheet(strings: inout SharedStrings, digits: DigitPrinter) -> String {
        let years = plan.fiscalYears
        let summary = PlanSummary(plan: plan)
        let numbers = plan.itemNumbers
        let firstYearColumn = Self.leadingColumns
        let totalColumn = firstYearColumn + years.count
        let remarksColumn = totalColumn + 1
        var rows: [Row] = []

        var title = Row(1)
        title.text(0, digits.written(plan.title), style: .title, strings: &strings)
        rows.append(title)
        var subtitle = Row(2)
        subtitle.text(0, digits.written(context.organization.name) + "  ฉบับที่ " + digits.number(plan.revision) + "  สถานะ: " + plan.status.thaiName, style: .plain, strings: &strings)
        rows.append(subtitle)

        let headerRow = 3
        var header = Row(headerRow)
        let headings = ["ลำดับ", "มิติ", "ภารกิจตามมิติ", "โครงการ/กิจกรรม/มาตรการ", "ประเภท", "ผู้รับผิดชอบ"]
            + years.map { "ปี \($0.be)\nงบประมาณ (บาท)" } + ["รวม (บาท)", "หมายเหตุ"]
        for (index, text) in headings.enumerated() { header.text(index, digits.generated(text), style: .header, strings: &strings) }
        header.height = 42
        rows.append(header)

        var next = headerRow + 1
        var subtotalRows: [Int] = []
        var unplacedItemRows: [Int] = []

        func itemRow(_ item: PlanItem, dimension: String, mission: String, strings: inout SharedStrings) -> Row {
            var row = Row(next)
            if let number = numbers[item.id] { row.number(0, Decimal(number), style: .center) } else { row.empty(0, style: .center) }
            row.text(1, dimension, strings: &strings)
            row.text(2, mission, strings: &strings)
            row.text(3, digits.written(item.name), strings: &strings)
            row.text(4, item.kind.thaiName, strings: &strings)
            row.text(5, digits.written(item.responsibleUnit), strings: &strings)
            var rowTotal = Money.zero
            for (offset, year) in years.enumerated() {
                switch item.budgets[year] {
                case .amount(let money)?:
                    row.number(firstYearColumn + offset, money.decimalBaht)
                    rowTotal += money
                case .noBudget?:
                    row.text(firstYearColumn + offset, "-", style: .center, strings: &strings)
                case nil:
                    row.empty(firstYearColumn + offset, style: .money)
                }
            }
            let range = "\(Self.column(firstYearColumn))\(next):\(Self.column(totalColumn - 1))\(next)"
            row.formula(totalColumn, "SUM(\(range))", cached: rowTotal.decimalBaht, style: .money)
            row.text(remarksColumn, digits.written(item.remarks), strings: &strings)
            next += 1
            return row
        }

        func totalRow(_ label: String, count: Int, ranges: [String], cached: [FiscalYear: Money], strings: inout SharedStrings) -> Row {
            var row = Row(next)
            row.empty(0, style: .totalText)
            row.text(1, digits.generated(label), style: .totalText, strings: &strings)
            row.empty(2, style: .totalText)
            row.text(3, digits.generated("จำนวน \(count) โครงการ"), style: .totalText, strings: &strings)
            row.empty(4, style: .totalText)
            row.empty(5, style: .totalText)
            var sum = Money.zero
            for (offset, year) in years.enumerated() {
                let column = Self.column(firstYearColumn + offset)
                let terms = ranges.map { range in range.replacingOccurrences(of: "#", with: column) }
                let formula = terms.isEmpty ? "0" : (terms.count == 1 && terms[0].contains(":") ? "SUM(\(terms[0]))" : "SUM(\(terms.joined(separator: ",")))")
                let value = cached[year] ?? .zero
                sum += value
                row.formula(firstYearColumn + offset, formula, cached: value.decimalBaht)
            }
            let range = "\(Self.column(firstYearColumn))\(next):\(Self.column(totalColumn - 1))\(next)"
            row.formula(totalColumn, "SUM(\(range))", cached: sum.decimalBaht)
            row.empty(remarksColumn, style: .totalText)
            next += 1
            return row
        }

        for dimension in plan.dimensions.sorted(by: { $0.number < $1.number }) {
            let dimensionText = digits.written("\(dimension.number). \(dimension.name)")
            let first = next
            for mission in dimension.missions {
                let missionText = digits.written("\(mission.code) \(mission.name)")
                for item in plan.items(inMission: mission.code) {
                    rows.append(itemRow(item, dimension: dimensionText, mission: missionText, strings: &strings))
                }
            }
            let last = next - 1
            let total = summary.dimension(dimension.number)
            let ranges = last >= first ? ["#\(first):#\(last)"] : []
            subtotalRows.append(next)
            rows.append(totalRow("รวมมิติที่ \(dimension.number)", count: total?.itemCount ?? 0, ranges: ranges,
                                 cached: total?.budgetByYear ?? [:], strings: &strings))
        }
        let known = Set(plan.dimensions.flatMap { $0.missions.map(\.code) })
        for item in plan.orderedItems where item.missionCode.map({ !known.contains($0) }) ?? true {
            unplacedItemRows.append(next)
            rows.append(itemRow(item, dimension: "ยังไม่ได้ระบุมิติ", mission: item.missionCode ?? "", strings: &strings))
        }
        let grandRanges = subtotalRows.map { "#\($0)" } + unplacedItemRows.map { "#\($0)" }
        rows.append(totalRow("รวมทั้งสิ้น", count: summary.itemCount, ranges: grandRanges, cached: summary.budgetByYear, strings: &strings))

        var widths: [Double] = [7, 24, 30, 46, 11, 18]
        widths += Array(repeating: 15, count: years.count)
        widths += [16, 20]
        return Self.worksheet(rows: rows, widths: widths, frozenRows: headerRow,
                              merges: ["A1:\(Self.column(remarksColumn))1", "A2:\(Self.column(remarksColumn))2"], landscape: true)
    }

    // MARK: - Sheet 2: every item's sheet

    func detailSheet(strings: inout SharedStrings, digits: DigitPrinter) -> String {
        let numbers = plan.itemNumbers
        let headings = ["ลำดับ", "ลำดับที่ (รายละเอียด)", "มิติ", "ภารกิจ", "ภารกิจย่อย", "ประเภท", "ชื่อโครงการ",
                        "หลักการและเหตุผล", "วัตถุประสงค์", "กลุ่มเป้าหมาย", "จำนวนกลุ่มเป้าหมาย (คน)", "พื้นที่ดำเนินการ",
                        "วิธีดำเนินการ", "ระยะเวลาดำเนินการ", "งบประมาณดำเนินการ", "ผู้รับผิดชอบ", "ผลผลิต", "ผลลัพธ์", "หมายเหตุ"]
        var rows: [Row] = []
        var header = Row(1)
        for (index, text) in headings.enumerated() { header.text(index, text, style: .header, strings: &strings) }
        rows.append(header)
        let writer = PlanDocumentWriter(plan: plan, context: context)
        func numbered(_ entries: [String]) -> String {
            entries.enumerated().map { "\($0.offset + 1)) \($0.element)" }.joined(separator: "\n")
        }
        func methodLines(_ steps: [MethodStep], prefix: String = "") -> [String] {
            var lines: [String] = []
            for (index, step) in steps.enumerated() {
                let marker = "\(prefix)\(index + 1)"
                lines.append("\(marker)) \(step.text)")
                lines += methodLines(step.subSteps, prefix: marker + ".")
            }
            return lines
        }
        let items = plan.orderedItems.sorted { (numbers[$0.id] ?? .max) < (numbers[$1.id] ?? .max) }
        for (index, item) in items.enumerated() {
            var row = Row(index + 2)
            let sheet = item.sheet ?? ProjectSheet()
            let mission = item.missionCode.flatMap { plan.mission(code: $0) }
            let subMission = item.subMissionCode.flatMap { code in mission?.subMissions.first { $0.code == code } }
            if let number = numbers[item.id] { row.number(0, Decimal(number), style: .center) } else { row.empty(0, style: .center) }
            if let sheetNumber = sheet.sheetNumber { row.number(1, Decimal(sheetNumber), style: .center) } else { row.empty(1, style: .center) }
            let dimension = item.dimensionNumber.flatMap { plan.dimension(number: $0) }
            let texts: [(Int, String)] = [
                (2, dimension.map { "\($0.number). \($0.name)" } ?? ""),
                (3, mission.map { "\($0.code) \($0.name)" } ?? ""),
                (4, subMission.map { "\($0.code) \($0.name)" } ?? ""),
                (5, item.kind.thaiName),
                (6, item.name),
                (7, sheet.rationale),
                (8, numbered(sheet.objectives)),
                (9, sheet.targetGroup),
            ]
            for (column, text) in texts { row.text(column, digits.written(text), strings: &strings) }
            if let headcount = sheet.targetHeadcount { row.number(10, Decimal(headcount), style: .center) } else { row.empty(10, style: .center) }
            let more: [(Int, String)] = [
                (11, sheet.area ?? ""),
                (12, methodLines(sheet.method).joined(separator: "\n")),
                (13, sheet.period),
                (14, writer.budgetText(for: item)),
                (15, sheet.responsible.isEmpty ? item.responsibleUnit : sheet.responsible),
                (16, numbered(sheet.outputs)),
                (17, numbered(sheet.outcomes)),
                (18, item.remarks),
            ]
            for (column, text) in more { row.text(column, digits.written(text), strings: &strings) }
            rows.append(row)
        }
        let widths: [Double] = [7, 10, 24, 28, 28, 11, 40, 60, 50, 30, 12, 24, 60, 24, 24, 24, 50, 50, 20]
        return Self.worksheet(rows: rows, widths: widths, frozenRows: 1, merges: [], landscape: true)
    }

    // MARK: - Parts

    static func worksheet(rows: [Row], widths: [Double], frozenRows: Int, merges: [String], landscape: Bool) -> String {
        var xml = OOXMLPackage.xmlDeclaration
        xml += "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">"
        xml += "<sheetPr><pageSetUpPr fitToPage=\"1\"/></sheetPr>"
        xml += "<sheetViews><sheetView workbookViewId=\"0\">"
        if frozenRows > 0 {
            xml += "<pane ySplit=\"\(frozenRows)\" topLeftCell=\"A\(frozenRows + 1)\" activePane=\"bottomLeft\" state=\"frozen\"/>"
            xml += "<selection pane=\"bottomLeft\" activeCell=\"A\(frozenRows + 1)\" sqref=\"A\(frozenRows + 1)\"/>"
        }
        xml += "</sheetView></sheetViews>"
        xml += "<sheetFormatPr defaultRowHeight=\"21\"/>"
        xml += "<cols>"
        for (index, width) in widths.enumerated() {
            xml += "<col min=\"\(index + 1)\" max=\"\(index + 1)\" width=\"\(width)\" customWidth=\"1\"/>"
        }
        xml += "</cols><sheetData>"
        for row in rows { xml += row.xml }
        xml += "</sheetData>"
        if !merges.isEmpty {
            xml += "<mergeCells count=\"\(merges.count)\">"
            for merge in merges { xml += "<mergeCell ref=\"\(merge)\"/>" }
            xml += "</mergeCells>"
        }
        xml += "<pageMargins left=\"0.5\" right=\"0.5\" top=\"0.75\" bottom=\"0.75\" header=\"0.3\" footer=\"0.3\"/>"
        xml += "<pageSetup paperSize=\"9\" orientation=\"\(landscape ? "landscape" : "portrait")\" fitToWidth=\"1\" fitToHeight=\"0\"/>"
        xml += "</worksheet>"
        return xml
    }

    static let contentTypes = contentTypes(sheets: 2)

    /// `[Content_Types].xml` of a workbook with `sheets` worksheets (sheet1.xml …), its styles,
    /// shared strings and document properties (also `TableWorkbook`'s one-sheet workbooks).
    static func contentTypes(sheets: Int) -> String {
        let worksheets = (1...max(1, sheets)).map {
            "<Override PartName=\"/xl/worksheets/sheet\($0).xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>"
        }.joined()
        return OOXMLPackage.xmlDeclaration + """
        <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
        <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>\
        <Default Extension="xml" ContentType="application/xml"/>\
        <Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>\
        \(worksheets)\
        <Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>\
        <Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>\
        <Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>\
        <Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>\
        </Types>
        """
    }

    static let packageRelationships = OOXMLPackage.xmlDeclaration + """
    <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
    <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>\
    <Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>\
    <Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/>\
    </Relationships>
    """

    static let workbook = OOXMLPackage.xmlDeclaration + """
    <workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">\
    <bookViews><workbookView/></bookViews><sheets>\
    <sheet name="แผนปฏิบัติการ" sheetId="1" r:id="rId1"/>\
    <sheet name="รายละเอียดโครงการ" sheetId="2" r:id="rId2"/>\
    </sheets><calcPr calcId="191029" fullCalcOnLoad="1"/></workbook>
    """

    static let workbookRelationships = OOXMLPackage.xmlDeclaration + """
    <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
    <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>\
    <Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet2.xml"/>\
    <Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>\
    <Relationship Id="rId4" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>\
    </Relationships>
    """

    /// Fonts: 0 body, 1 bold, 2 bold title. Fills: 0 none, 1 gray125 (required), 2 header, 3 total.
    /// Borders: 0 none, 1 thin. cellXfs follow `Style`.
    static let styles = OOXMLPackage.xmlDeclaration + """
    <styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">\
    <numFmts count="1"><numFmt numFmtId="164" formatCode="#,##0.00"/></numFmts>\
    <fonts count="3">\
    <font><sz val="14"/><name val="TH SarabunPSK"/><family val="2"/><charset val="222"/></font>\
    <font><b/><sz val="14"/><name val="TH SarabunPSK"/><family val="2"/><charset val="222"/></font>\
    <font><b/><sz val="18"/><name val="TH SarabunPSK"/><family val="2"/><charset val="222"/></font>\
    </fonts>\
    <fills count="4"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill>\
    <fill><patternFill patternType="solid"><fgColor rgb="FFD9E2F3"/><bgColor indexed="64"/></patternFill></fill>\
    <fill><patternFill patternType="solid"><fgColor rgb="FFF2F2F2"/><bgColor indexed="64"/></patternFill></fill></fills>\
    <borders count="2"><border><left/><right/><top/><bottom/><diagonal/></border>\
    <border><left style="thin"><color auto="1"/></left><right style="thin"><color auto="1"/></right>\
    <top style="thin"><color auto="1"/></top><bottom style="thin"><color auto="1"/></bottom><diagonal/></border></borders>\
    <cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>\
    <cellXfs count="8">\
    <xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>\
    <xf numFmtId="0" fontId="0" fillId="0" borderId="1" xfId="0" applyBorder="1" applyAlignment="1"><alignment vertical="top" wrapText="1"/></xf>\
    <xf numFmtId="0" fontId="1" fillId="2" borderId="1" xfId="0" applyFont="1" applyFill="1" applyBorder="1" applyAlignment="1"><alignment horizontal="center" vertical="center" wrapText="1"/></xf>\
    <xf numFmtId="164" fontId="0" fillId="0" borderId="1" xfId="0" applyNumberFormat="1" applyBorder="1" applyAlignment="1"><alignment vertical="top"/></xf>\
    <xf numFmtId="164" fontId="1" fillId="3" borderId="1" xfId="0" applyNumberFormat="1" applyFont="1" applyFill="1" applyBorder="1"/>\
    <xf numFmtId="0" fontId="1" fillId="3" borderId="1" xfId="0" applyFont="1" applyFill="1" applyBorder="1" applyAlignment="1"><alignment vertical="top" wrapText="1"/></xf>\
    <xf numFmtId="0" fontId="2" fillId="0" borderId="0" xfId="0" applyFont="1"/>\
    <xf numFmtId="0" fontId="0" fillId="0" borderId="1" xfId="0" applyBorder="1" applyAlignment="1"><alignment horizontal="center" vertical="top"/></xf>\
    </cellXfs>\
    <cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>\
    </styleSheet>
    """
}

/// The workbook's shared string table: each distinct text once, referred to by index.
struct SharedStrings {
    private var indexes: [String: Int] = [:]
    private var ordered: [String] = []
    private var references = 0

    mutating func index(of text: String) -> Int {
        references += 1
        let cleaned = XMLText.clean(text)
        if let index = indexes[cleaned] { return index }
        indexes[cleaned] = ordered.count
        ordered.append(cleaned)
        return ordered.count - 1
    }

    func xml() -> String {
        var xml = OOXMLPackage.xmlDeclaration
        xml += "<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" count=\"\(references)\" uniqueCount=\"\(ordered.count)\">"
        for text in ordered {
            xml += "<si><t xml:space=\"preserve\">\(XMLText.escape(text))</t></si>"
        }
        xml += "</sst>"
        return xml
    }
}
