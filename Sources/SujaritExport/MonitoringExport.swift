import Foundation
import SujaritCore

/// The two documents a monitoring round gives.
public enum MonitoringDocumentKind: String, CaseIterable, Sendable, Codable {
    /// รายงานการติดตาม 6/12 เดือน — status, money and indicators per dimension and item.
    case monitoring
    /// รายงานผลการดำเนินการประจำปี — seed 002's six-column table with real results.
    case annual

    public var thaiName: String { self == .monitoring ? "รายงานผลการติดตาม" : "รายงานผลการดำเนินการประจำปี" }
    public var englishName: String { self == .monitoring ? "Monitoring report" : "Annual results report" }
}

/// What a round's documents need: the round, its plan's title and dimensions, the organization.
public struct MonitoringExportInput: Sendable {
    public var round: MonitoringRound
    public var planTitle: String
    public var dimensions: [SujaritCore.Dimension]
    public var context: ExportContext
    /// Planned and disbursed per fiscal year of the plan so far (the budget-per-year chart):
    /// each year's latest approved round up to this one (`PlanPeriodYear`), disbursed nil for a
    /// year without one; this round's year alone when not given.
    public var yearly: [(FiscalYear, Money, Money?)]

    public init(round: MonitoringRound, planTitle: String, dimensions: [SujaritCore.Dimension], context: ExportContext,
                yearly: [(FiscalYear, Money, Money?)]? = nil) {
        self.round = round
        self.planTitle = planTitle
        self.dimensions = dimensions
        self.context = context
        let total = MonitoringReport(round: round, dimensions: dimensions).total
        self.yearly = yearly ?? [(round.fiscalYear, total.planned, total.disbursed)]
    }

    public var report: MonitoringReport { MonitoringReport(round: round, dimensions: dimensions) }

    /// "รายงานผลการติดตามแผนปฏิบัติการป้องกันการทุจริต รอบ 6 เดือน ปีงบประมาณ พ.ศ. 2568"
    public func title(_ kind: MonitoringDocumentKind) -> String {
        switch kind {
        case .monitoring: "รายงานผลการติดตามแผนปฏิบัติการป้องกันการทุจริต \(round.thaiTitle)"
        case .annual: "รายงานผลการดำเนินการเพื่อส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน ประจำปี พ.ศ. \(round.fiscalYear.be)"
        }
    }
}

/// The open-data form of a round's report.
public struct MonitoringReportDocument: Codable, Sendable {
    public var organization: String
    public var plan: String
    public var round: MonitoringRound
    public var summary: MonitoringReport
    public var annualResults: [AnnualResultsRow]
    public var generatedAt: Date
}

/// A round's reports as DOCX, XLSX and JSON (PDF is the DOCX through `PDFConverter`).
public enum MonitoringExporter {
    public static func json(_ input: MonitoringExportInput) throws(ExportError) -> Data {
        let document = MonitoringReportDocument(
            organization: input.context.organization.name, plan: input.planTitle, round: input.round,
            summary: input.report, annualResults: AnnualResultsRow.rows(of: input.round), generatedAt: input.context.generatedAt)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        do { return try encoder.encode(document) } catch { throw .encodingFailed(String(describing: error)) }
    }

    public static func fileName(_ input: MonitoringExportInput, kind: MonitoringDocumentKind, format: ExportFormat) -> String {
        let stem = kind == .monitoring ? "monitoring-\(input.round.kind.rawValue)" : "annual-results"
        return "\(input.context.organization.slug)-\(stem)-\(input.round.fiscalYear.be).\(format.fileExtension)"
    }

    // MARK: DOCX

    public static func docx(_ input: MonitoringExportInput, kind: MonitoringDocumentKind) -> Data {
        let digits = DigitPrinter(style: input.context.digits)
        var blocks: [WBlock] = []
        var chartParts = DocxChartParts()
        let organization = input.context.organization
        func para(_ text: String, bold: Bool = false, size: Int? = nil, alignment: WParagraph.Alignment? = nil) {
            blocks.append(.paragraph(WParagraph(digits.written(text), bold: bold, size: size, alignment: alignment)))
        }
        // Table text at 14 pt, headings at 13 pt: the report's tables are wide (11 columns on a
        // landscape page) and Thai words must not break inside a narrow column.
        func cell(_ text: String, bold: Bool = false, shading: String? = nil, alignment: WParagraph.Alignment? = nil) -> WCell {
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            let size = shading == nil ? 28 : 26
            return WCell(lines.map { WParagraph(digits.written($0), bold: bold, size: size, alignment: alignment) }, shading: shading)
        }
        para(input.title(kind), bold: true, size: 36, alignment: .center)
        para(organization.name + (organization.district.isEmpty ? "" : " อำเภอ\(organization.district)") + (organization.province.isEmpty ? "" : " จังหวัด\(organization.province)"),
             alignment: .center)
        let landscape: Bool
        switch kind {
        case .annual:
            landscape = true
            para("ตามที่\(organization.name)ได้จัดทำ\(input.planTitle) \(organization.name)จึงขอสรุปและรายงานผลการดำเนินการประจำปีงบประมาณ พ.ศ. \(input.round.fiscalYear.be) ตามผลที่บันทึกไว้ใน\(input.round.kind.thaiName) โดยแสดงเป้าหมายตามแผนคู่กับผลที่เกิดขึ้นจริง มีรายละเอียด ดังนี้")
            var rows = [WRow(cells: AnnualResultsRow.headings.map { cell($0, bold: true, shading: "D9E2F3", alignment: .center) }, isHeader: true)]
            for row in AnnualResultsRow.rows(of: input.round) {
                rows.append(WRow(cells: row.columns.map { cell($0) }, isHeader: false, cantSplit: false))
            }
            blocks.append(.table(WTable(columnWidths: [2900, 2600, 1500, 1500, 2700, 2700], rows: rows)))
        case .monitoring:
            landscape = true
            let report = input.report
            para("สรุปผลการดำเนินงาน", bold: true, size: 32)
            let header = ["มิติ", "รายการ", "แล้วเสร็จ", "ระหว่างดำเนินการ", "ยังไม่ดำเนินการ", "ดำเนินการไม่ได้",
                          "ร้อยละที่ดำเนินการ", "งบตามแผน (บาท)", "งบตามข้อบัญญัติ (บาท)", "เบิกจ่าย (บาท)", "ร้อยละเบิกจ่าย"]
            var rows = [WRow(cells: header.map { cell($0, bold: true, shading: "D9E2F3", alignment: .center) }, isHeader: true)]
            for row in report.dimensions + [report.total] {
                let label = row.dimension == 0 ? row.name : "มิติที่ \(row.dimension) \(row.name)"
                let bold = row.dimension == 0 && row.name == report.total.name
                let values = [String(row.itemCount), String(row.completed), String(row.inProgress), String(row.notStarted),
                              String(row.notCarriedOut), percent(row.carriedOutPercent), row.planned.formatted(),
                              row.ordinance.formatted(), row.disbursed.formatted(), row.disbursedPercent.map(percent) ?? "-"]
                rows.append(WRow(cells: [cell(label, bold: bold)] + values.map { cell(digits.generated($0), bold: bold, alignment: .right) }))
            }
            blocks.append(.table(WTable(columnWidths: [2100, 950, 950, 1150, 1150, 1150, 1000, 1500, 1500, 1500, 1000], rows: rows)))
            para("ตัวชี้วัด: บรรลุเป้าหมาย \(report.total.indicatorsMet) ตัว ไม่บรรลุ \(report.total.indicatorsNotMet) ตัว วัดเป็นตัวเลขไม่ได้หรือยังไม่รายงาน \(report.total.indicatorsUnmeasured) ตัว")
            // The charts start a page of their own, two to a page.
            var chartsHeading = WParagraph(digits.written("แผนภูมิ"), bold: true, size: 32)
            chartsHeading.pageBreakBefore = true
            chartsHeading.keepNext = true
            blocks.append(.paragraph(chartsHeading))
            // Heights in EMU: two charts fit a landscape page below the heading.
            for (chart, height) in zip(charts(input), [2_651_760, 2_377_440, 2_651_760]) {
                blocks.append(chartParts.add(chart, height: height))
            }
            let byDimension = Dictionary(grouping: input.round.records) { $0.dimensionNumber ?? 0 }
            for dimension in report.dimensions {
                guard let records = byDimension[dimension.dimension], !records.isEmpty else { continue }
                para(dimension.dimension == 0 ? dimension.name : "มิติที่ \(dimension.dimension) \(dimension.name)", bold: true, size: 32)
                let head = ["ที่", "โครงการ/กิจกรรม/มาตรการ", "สถานะ", "งบตามแผน", "งบตามข้อบัญญัติ", "เบิกจ่าย", "ตัวชี้วัด: เป้าหมาย / ผล", "ปัญหา อุปสรรค ข้อเสนอแนะ"]
                var table = [WRow(cells: head.map { cell($0, bold: true, shading: "D9E2F3", alignment: .center) }, isHeader: true)]
                for record in records.sorted(by: { $0.itemNumber < $1.itemNumber }) {
                    table.append(WRow(cells: [
                        cell(digits.number(record.itemNumber), alignment: .center), cell(record.itemName),
                        cell(statusText(record)), cell(money(record.plannedBudget, digits), alignment: .right),
                        cell(money(record.ordinanceBudget, digits), alignment: .right), cell(money(record.disbursed, digits), alignment: .right),
                        cell(indicatorText(record)), cell(problemText(record)),
                    ], isHeader: false, cantSplit: false))
                }
                blocks.append(.table(WTable(columnWidths: [500, 3000, 1600, 1450, 1450, 1450, 2700, 1750], rows: table)))
            }
        }
        para("")
        para("สถานะของรอบ: \(input.round.status.thaiName)")
        var body = WordMLWriter()
        let section = WSection(landscape: landscape, titlePage: false, thaiPageNumbers: input.context.digits == .thai)
        body.write(blocks, finalSection: section)
        var package = OOXMLPackage()
        package.add("[Content_Types].xml", DocxParts.contentTypes(
            overrides: chartParts.contentTypeOverrides,
            defaults: chartParts.references.isEmpty ? [] : [("xlsx", DocxChartParts.workbookContentType)]))
        package.add("_rels/.rels", DocxParts.packageRelationships())
        package.add("docProps/core.xml", DocxParts.coreProperties(title: input.title(kind), organization: organization.name, created: input.context.generatedAt))
        package.add("docProps/app.xml", DocxParts.appProperties())
        package.add("word/document.xml", DocxParts.document(body: body.xml))
        package.add("word/_rels/document.xml.rels", DocxParts.documentRelationships(extra: chartParts.relationships))
        for (name, data) in chartParts.parts { package.add(name, data: data) }
        package.add("word/styles.xml", DocxParts.styles())
        package.add("word/settings.xml", DocxParts.settings())
        package.add("word/fontTable.xml", DocxParts.fontTable())
        package.add("word/numbering.xml", DocxParts.numbering(lists: [], thaiDigits: input.context.digits == .thai))
        package.add("word/header1.xml", DocxParts.pageNumberHeader(thaiDigits: input.context.digits == .thai))
        return package.data()
    }

    static func percent(_ value: Decimal) -> String { NSDecimalNumber(decimal: value).stringValue }

    /// The report's three charts, the same as the pages' SVG: items by status per dimension,
    /// budget planned against disbursed per year, indicators met.
    static func charts(_ input: MonitoringExportInput) -> [DocxChart] {
        let report = input.report
        let dimensions = report.dimensions.filter { $0.itemCount > 0 }
        let status = DocxChart(
            title: "สถานะการดำเนินงานแยกตามมิติ (จำนวนรายการ)", kind: .bar(stacked: true),
            categories: dimensions.map(MonitoringCharts.dimensionLabel),
            series: MonitoringCharts.statusColours.map { progress, colour in
                DocxChart.Series(name: MonitoringCharts.statusName(progress), colour: String(colour.dropFirst()),
                                 values: dimensions.map { Decimal($0.count(progress)) })
            })
        let budget = DocxChart(
            title: "งบประมาณตามแผนและการเบิกจ่ายรายปี (บาท)", kind: .bar(stacked: false),
            categories: input.yearly.map { "ปี \($0.0.be)" },
            series: [
                DocxChart.Series(name: "งบประมาณตามแผน", colour: "90A4AE", values: input.yearly.map { $0.1.decimalBaht }),
                DocxChart.Series(name: "เบิกจ่าย", colour: "1565C0", values: input.yearly.map { ($0.2 ?? .zero).decimalBaht }),
            ], numberFormat: "#,##0")
        let total = report.total
        let indicators = DocxChart(
            title: "ตัวชี้วัดผลผลิตและผลลัพธ์ (จำนวนตัวชี้วัด)", kind: .pie,
            categories: ["บรรลุเป้าหมาย", "ไม่บรรลุเป้าหมาย", "วัดเป็นตัวเลขไม่ได้/ยังไม่รายงาน"],
            series: [DocxChart.Series(name: "ตัวชี้วัด", colour: "2E7D32",
                                      values: [total.indicatorsMet, total.indicatorsNotMet, total.indicatorsUnmeasured].map { Decimal($0) })],
            pointColours: ["2E7D32", "C62828", "9E9E9E"])
        return [status, budget, indicators]
    }

    static func money(_ amount: Money?, _ digits: DigitPrinter) -> String { amount.map { digits.money($0) } ?? "-" }

    public static func statusText(_ record: MonitoringRecord) -> String {
        var text = record.progress?.thaiName ?? "ยังไม่รายงาน"
        if let reason = record.reason {
            text += " (\(reason == .other ? record.reasonText : reason.thaiName)"
            if reason != .other && !record.reasonText.isEmpty { text += ": \(record.reasonText)" }
            text += ")"
        }
        return text
    }

    public static func indicatorText(_ record: MonitoringRecord) -> String {
        guard !record.indicators.isEmpty else { return "-" }
        return record.indicators.map { indicator in
            let actual = indicator.actualValue.map { NSDecimalNumber(decimal: $0).stringValue } ?? ""
            let words = [actual, indicator.actualText].filter { !$0.isEmpty }.joined(separator: " — ")
            let met = indicator.isMet.map { $0 ? " ✓ บรรลุ" : " ✗ ไม่บรรลุ" } ?? ""
            return "\(indicator.kind.thaiName): \(indicator.target) / ผล: \(words.isEmpty ? "-" : words)\(met)"
        }.joined(separator: "\n")
    }

    public static func problemText(_ record: MonitoringRecord) -> String {
        let parts = [("ปัญหา", record.problems), ("อุปสรรค", record.obstacles), ("ข้อเสนอแนะ", record.suggestions)]
            .filter { !$0.1.isEmpty }.map { "\($0.0): \($0.1)" }
        return parts.isEmpty ? "ไม่มี" : parts.joined(separator: "\n")
    }

    // MARK: XLSX

    /// Sheet 1 "สรุป": the summary per dimension; sheet 2 "รายการ": one row per record.
    public static func xlsx(_ input: MonitoringExportInput) -> Data {
        typealias Row = PlanWorkbookWriter.Row
        var strings = SharedStrings()
        let report = input.report
        var summary: [Row] = []
        var title = Row(1)
        title.text(0, input.title(.monitoring), style: .title, strings: &strings)
        summary.append(title)
        var sub = Row(2)
        sub.text(0, input.context.organization.name + " · " + input.round.status.thaiName, style: .plain, strings: &strings)
        summary.append(sub)
        var header = Row(3)
        let headings = ["มิติ", "จำนวนรายการ", "แล้วเสร็จ", "ระหว่างดำเนินการ", "ยังไม่ดำเนินการ", "ดำเนินการไม่ได้", "ยังไม่รายงาน",
                        "ร้อยละที่ดำเนินการ", "งบตามแผน (บาท)", "งบตามข้อบัญญัติ (บาท)", "ก่อหนี้ผูกพัน (บาท)", "เบิกจ่าย (บาท)",
                        "ตัวชี้วัดที่บรรลุ", "ตัวชี้วัดที่ไม่บรรลุ"]
        for (index, text) in headings.enumerated() { header.text(index, text, style: .header, strings: &strings) }
        summary.append(header)
        for (offset, row) in (report.dimensions + [report.total]).enumerated() {
            var line = Row(4 + offset)
            let total = offset == report.dimensions.count
            line.text(0, row.dimension == 0 ? row.name : "มิติที่ \(row.dimension) \(row.name)", style: total ? .totalText : .text, strings: &strings)
            for (column, count) in [row.itemCount, row.completed, row.inProgress, row.notStarted, row.notCarriedOut, row.blank].enumerated() {
                line.number(1 + column, Decimal(count), style: .center)
            }
            line.number(7, row.carriedOutPercent, style: .center)
            for (column, amount) in [row.planned, row.ordinance, row.committed, row.disbursed].enumerated() {
                line.number(8 + column, amount.decimalBaht, style: total ? .totalMoney : .money)
            }
            line.number(12, Decimal(row.indicatorsMet), style: .center)
            line.number(13, Decimal(row.indicatorsNotMet), style: .center)
            summary.append(line)
        }
        var records: [Row] = []
        var recordHeader = Row(1)
        let recordHeadings = ["ที่", "มิติ", "โครงการ/กิจกรรม/มาตรการ", "ผู้รับผิดชอบ", "สถานะ", "เหตุผล", "งบตามแผน (บาท)",
                              "งบตามข้อบัญญัติ (บาท)", "ก่อหนี้ผูกพัน (บาท)", "เบิกจ่าย (บาท)", "ผู้เข้าร่วม (คน)",
                              "ตัวชี้วัด: เป้าหมาย / ผล", "ผลการดำเนินงาน", "ปัญหา อุปสรรค ข้อเสนอแนะ"]
        for (index, text) in recordHeadings.enumerated() { recordHeader.text(index, text, style: .header, strings: &strings) }
        records.append(recordHeader)
        for (offset, record) in input.round.records.sorted(by: { $0.itemNumber < $1.itemNumber }).enumerated() {
            var line = Row(2 + offset)
            line.number(0, Decimal(record.itemNumber), style: .center)
            line.text(1, record.dimensionNumber.map { "มิติที่ \($0)" } ?? "-", strings: &strings)
            line.text(2, record.itemName, strings: &strings)
            line.text(3, record.responsibleUnit, strings: &strings)
            line.text(4, record.progress?.thaiName ?? "ยังไม่รายงาน", strings: &strings)
            line.text(5, record.reason.map { $0 == .other ? record.reasonText : $0.thaiName } ?? "", strings: &strings)
            for (column, amount) in [record.plannedBudget, record.ordinanceBudget, record.committed, record.disbursed].enumerated() {
                if let amount { line.number(6 + column, amount.decimalBaht) } else { line.empty(6 + column, style: .money) }
            }
            if let participants = record.participants { line.number(10, Decimal(participants), style: .center) } else { line.empty(10, style: .center) }
            line.text(11, indicatorText(record), strings: &strings)
            line.text(12, record.narrative, strings: &strings)
            line.text(13, problemText(record), strings: &strings)
            records.append(line)
        }
        var package = OOXMLPackage()
        package.add("[Content_Types].xml", PlanWorkbookWriter.contentTypes)
        package.add("_rels/.rels", PlanWorkbookWriter.packageRelationships)
        package.add("docProps/core.xml", DocxParts.coreProperties(title: input.title(.monitoring), organization: input.context.organization.name, created: input.context.generatedAt))
        package.add("docProps/app.xml", DocxParts.appProperties())
        package.add("xl/workbook.xml", workbook)
        package.add("xl/_rels/workbook.xml.rels", PlanWorkbookWriter.workbookRelationships)
        package.add("xl/styles.xml", PlanWorkbookWriter.styles)
        package.add("xl/sharedStrings.xml", strings.xml())
        package.add("xl/worksheets/sheet1.xml", PlanWorkbookWriter.worksheet(rows: summary, widths: [40] + Array(repeating: 14, count: 13), frozenRows: 3, merges: [], landscape: true))
        package.add("xl/worksheets/sheet2.xml", PlanWorkbookWriter.worksheet(rows: records, widths: [6, 10, 50, 20, 18, 22, 14, 14, 14, 14, 10, 60, 50, 50], frozenRows: 1, merges: [], landscape: true))
        return package.data()
    }

    /// The annual results report as a workbook: seed 002's six columns, one row per item.
    public static func annualXLSX(_ input: MonitoringExportInput) -> Data {
        typealias Row = PlanWorkbookWriter.Row
        var strings = SharedStrings()
        var title = Row(1)
        title.text(0, input.title(.annual), style: .title, strings: &strings)
        var sub = Row(2)
        sub.text(0, input.context.organization.name + " · " + input.round.thaiTitle + " · " + input.round.status.thaiName, style: .plain, strings: &strings)
        var header = Row(3)
        for (index, text) in AnnualResultsRow.headings.enumerated() { header.text(index, text, style: .header, strings: &strings) }
        var rows = [title, sub, header]
        for (offset, result) in AnnualResultsRow.rows(of: input.round).enumerated() {
            var line = Row(4 + offset)
            for (column, text) in result.columns.enumerated() { line.text(column, text, strings: &strings) }
            rows.append(line)
        }
        let sheet = PlanWorkbookWriter.worksheet(rows: rows, widths: [45, 40, 20, 20, 50, 50], frozenRows: 3, merges: [], landscape: true)
        return PlanWorkbookWriter.singleSheetWorkbook(name: "รายงานผลประจำปี", sheet: sheet, strings: strings,
                                                      properties: (input.title(.annual), input.context.organization.name, input.context.generatedAt))
    }

    static let workbook = OOXMLPackage.xmlDeclaration + """
    <workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">\
    <bookViews><workbookView/></bookViews><sheets>\
    <sheet name="สรุป" sheetId="1" r:id="rId1"/>\
    <sheet name="รายการ" sheetId="2" r:id="rId2"/>\
    </sheets><calcPr calcId="191029" fullCalcOnLoad="1"/></workbook>
    """
}
