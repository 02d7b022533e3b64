import Foundation
import SujaritCore

/// The official plan document as a Word file, in the order and look of the real plans (seed 000
/// is the model): cover · คำนำ · สารบัญ · ส่วนที่ 1 บทนำ (risk table, rationale, objectives,
/// targets, benefits) · ส่วนที่ 2 the plan table on landscape pages · ส่วนที่ 3 one project
/// sheet per item, each on its own page.
///
/// Every count and total is computed (`PlanSummary`, `Plan.itemNumbers`); nothing is copied from
/// what an officer typed. A4, 1-inch margins, TH SarabunPSK 16 pt, page number at the top.
/// The importer reads this document back into the same plan (the round-trip test).
struct PlanDocumentWriter {
    let plan: Plan
    let context: ExportContext
    let summary: PlanSummary
    let numbers: [UUID: Int]
    let digits: DigitPrinter

    /// List instances in the order they are used; `numId` is the index + 1.
    private var lists: [DocxParts.ListStyle] = []
    private var blocks: [WBlock] = []
    private var nextBookmark = 1
    /// The next paragraph starts a new page.
    private var breakBeforeNext = false

    init(plan: Plan, context: ExportContext) {
        self.plan = plan
        self.context = context
        summary = PlanSummary(plan: plan)
        numbers = plan.itemNumbers
        digits = DigitPrinter(style: context.digits)
    }

    func data() -> Data {
        var writer = self
        return writer.build()
    }

    private var thai: Bool { context.digits == .thai }
    private var organization: Organization { context.organization }

    // MARK: - Whole document

    private mutating func build() -> Data {
        writeCover()
        writeForeword()
        writeContents()
        writePart1()
        endSection(WSection(landscape: false, titlePage: true, thaiPageNumbers: thai))
        writePart2()
        endSection(WSection(landscape: true, titlePage: false, thaiPageNumbers: thai))
        writePart3()
        writeApproval()

        var body = WordMLWriter()
        body.write(blocks, finalSection: WSection(landscape: false, titlePage: false, thaiPageNumbers: thai))
        var package = OOXMLPackage()
        package.add("[Content_Types].xml", DocxParts.contentTypes())
        package.add("_rels/.rels", DocxParts.packageRelationships())
        package.add("docProps/core.xml", DocxParts.coreProperties(title: plan.title, organization: organization.name, created: context.generatedAt))
        package.add("docProps/app.xml", DocxParts.appProperties())
        package.add("word/document.xml", DocxParts.document(body: body.xml))
        package.add("word/_rels/document.xml.rels", DocxParts.documentRelationships())
        package.add("word/styles.xml", DocxParts.styles())
        package.add("word/settings.xml", DocxParts.settings())
        package.add("word/fontTable.xml", DocxParts.fontTable())
        package.add("word/numbering.xml", DocxParts.numbering(lists: lists, thaiDigits: thai))
        package.add("word/header1.xml", DocxParts.pageNumberHeader(thaiDigits: thai))
        return package.data()
    }

    // MARK: - Building blocks

    private mutating func add(_ paragraph: WParagraph) {
        var paragraph = paragraph
        if breakBeforeNext {
            paragraph.pageBreakBefore = true
            breakBeforeNext = false
        }
        blocks.append(.paragraph(paragraph))
    }

    private mutating func add(_ table: WTable) {
        if breakBeforeNext {
            var spacer = WParagraph.empty
            spacer.pageBreakBefore = true
            blocks.append(.paragraph(spacer))
            breakBeforeNext = false
        }
        blocks.append(.table(table))
    }

    private mutating func newPage() { breakBeforeNext = true }

    /// Ends the current section: the last paragraph carries the section's properties.
    private mutating func endSection(_ section: WSection) {
        var closing = WParagraph.empty
        closing.endsSection = section
        blocks.append(.paragraph(closing))
        breakBeforeNext = false
    }

    private mutating func bookmark(_ name: String) -> (id: Int, name: String) {
        defer { nextBookmark += 1 }
        return (nextBookmark, name)
    }

    /// A new numbered list; its paragraphs use the returned `numId`.
    private mutating func newList(_ style: DocxParts.ListStyle) -> Int {
        lists.append(style)
        return lists.count
    }

    /// A heading that the importer and Word's navigation both recognise.
    private mutating func heading(_ text: String, style: String, bookmark name: String? = nil, alignment: WParagraph.Alignment? = nil) {
        var paragraph = WParagraph(digits.generated(text), style: style, alignment: alignment)
        if let name { paragraph.bookmark = bookmark(name) }
        add(paragraph)
    }

    /// A bold line such as "2. หลักการและเหตุผล".
    private mutating func label(_ text: String, spaceBefore: Int = 120) {
        var paragraph = WParagraph(digits.generated(text), bold: true)
        paragraph.keepNext = true
        paragraph.spaceBefore = spaceBefore
        add(paragraph)
    }

    /// Running text an officer wrote: one indented paragraph per line; a placeholder when empty.
    private mutating func prose(_ text: String, indent: Int = Twips.inch / 2, placeholder: String = "-") {
        let lines = text.split(omittingEmptySubsequences: true, whereSeparator: \.isNewline)
            .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        guard !lines.isEmpty else {
            guard !placeholder.isEmpty else { return }
            var paragraph = WParagraph(placeholder)
            paragraph.leftIndent = indent
            add(paragraph)
            return
        }
        for line in lines {
            var paragraph = WParagraph(digits.written(line))
            paragraph.alignment = .left
            paragraph.leftIndent = indent
            paragraph.firstLineIndent = Twips.inch / 2
            add(paragraph)
        }
    }

    /// A real Word numbered list (the numbers live in numbering.xml).
    private mutating func numberedList(_ entries: [String], style: DocxParts.ListStyle = .closingParen, placeholder: String = "-") {
        let entries = entries.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }
        guard !entries.isEmpty else {
            guard !placeholder.isEmpty else { return }
            var paragraph = WParagraph(placeholder)
            paragraph.leftIndent = Twips.inch / 2
            add(paragraph)
            return
        }
        let id = newList(style)
        for entry in entries {
            var paragraph = WParagraph(digits.written(entry))
            paragraph.numbering = (id, 0)
            add(paragraph)
        }
    }

    private mutating func methodList(_ steps: [MethodStep]) {
        let steps = steps.filter { !$0.text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty || !$0.subSteps.isEmpty }
        guard !steps.isEmpty else {
            var paragraph = WParagraph("-")
            paragraph.leftIndent = Twips.inch / 2
            add(paragraph)
            return
        }
        let id = newList(.closingParen)
        func write(_ step: MethodStep, level: Int, into writer: inout PlanDocumentWriter) {
            var paragraph = WParagraph(writer.digits.written(step.text.trimmingCharacters(in: .whitespacesAndNewlines)))
            // Three levels (1) 1.1) 1.1.1)) — deeper steps are printed at the third, as the
            // importer reads step markers of up to three numbers.
            paragraph.numbering = (id, min(level, 2))
            writer.add(paragraph)
            for sub in step.subSteps { write(sub, level: level + 1, into: &writer) }
        }
        for step in steps { write(step, level: 0, into: &self) }
    }

    private func yearRange(_ first: FiscalYear, _ last: FiscalYear) -> String {
        ThaiCalendar.yearRange(first, last, digits: context.digits)
    }

    private var planYearsText: String { yearRange(plan.firstYear, plan.lastYear) }

    // MARK: - Cover

    /// The title split the way covers print it: "แผนปฏิบัติการป้องกันการทุจริต" /
    /// "เพื่อยกระดับคุณธรรมและความโปร่งใส" / "(พ.ศ. 2566 – 2570)".
    func coverTitleLines() -> [String] {
        var title = plan.title.trimmingCharacters(in: .whitespacesAndNewlines)
        if !organization.name.isEmpty, let range = title.range(of: "ของ" + organization.name, options: .backwards) {
            title.removeSubrange(range)
        } else if !organization.name.isEmpty, let range = title.range(of: organization.name, options: .backwards) {
            title.removeSubrange(range)
        }
        title = title.trimmingCharacters(in: .whitespaces)
        if title.isEmpty { title = "แผนปฏิบัติการป้องกันการทุจริต" }
        var lines: [String] = []
        var rest = title[...]
        if let years = rest.range(of: "(พ.ศ.") ?? rest.range(of: "พ.ศ.") ?? rest.range(of: "ประจำปี") {
            let head = rest[..<years.lowerBound].trimmingCharacters(in: .whitespaces)
            let tail = rest[years.lowerBound...].trimmingCharacters(in: .whitespaces)
            rest = head[...]
            lines.append(tail)
        } else {
            lines.append("(พ.ศ. \(ThaiCalendar.yearRange(plan.firstYear, plan.lastYear)))")
        }
        var head: [String] = []
        if let purpose = rest.range(of: "เพื่อ"), purpose.lowerBound != rest.startIndex {
            head.append(rest[..<purpose.lowerBound].trimmingCharacters(in: .whitespaces))
            head.append(rest[purpose.lowerBound...].trimmingCharacters(in: .whitespaces))
        } else {
            head.append(String(rest))
        }
        return (head + lines).filter { !$0.isEmpty }
    }

    private mutating func writeCover() {
        var emblem = WParagraph([WRun("ตราสัญลักษณ์", size: 28, muted: true)], alignment: .center)
        emblem.boxed = true
        emblem.leftIndent = 2 * Twips.inch + Twips.inch / 4
        emblem.spaceBefore = Twips.inch
        emblem.spaceAfter = Twips.inch
        add(emblem)
        for line in coverTitleLines() {
            var paragraph = WParagraph(digits.written(line), bold: true, size: 48, alignment: .center)
            paragraph.spaceAfter = 120
            add(paragraph)
        }
        var spacer = WParagraph.empty
        spacer.spaceAfter = Twips.inch
        add(spacer)
        add(WParagraph(digits.written(organization.name), bold: true, size: 40, alignment: .center))
        var place: [String] = []
        if !organization.district.isEmpty { place.append("อำเภอ" + organization.district) }
        if !organization.province.isEmpty { place.append("จังหวัด" + organization.province) }
        if !place.isEmpty { add(WParagraph(digits.written(place.joined(separator: "  ")), bold: true, size: 40, alignment: .center)) }
    }

    // MARK: - Foreword and contents

    /// The standard foreword, with the computed counts, for a plan whose officers wrote none.
    func standardForeword() -> [String] {
        let name = organization.name.isEmpty ? "องค์กรปกครองส่วนท้องถิ่น" : organization.name
        let years = "พ.ศ. \(ThaiCalendar.yearRange(plan.firstYear, plan.lastYear))"
        var lines = [
            "\(name)ได้จัดทำแผนปฏิบัติการป้องกันการทุจริตเพื่อยกระดับคุณธรรมและความโปร่งใส (\(years)) เพื่อเพิ่มประสิทธิภาพในการป้องกันการทุจริต ยกระดับมาตรฐานการดำเนินงานให้โปร่งใส และแสดงเจตจำนงสุจริตของผู้บริหารในการต่อต้านการทุจริตอย่างเป็นรูปธรรม แผนประกอบด้วย 3 ส่วน ดังนี้",
            "ส่วนที่ 1 บทนำ ประกอบด้วย การประเมินความเสี่ยงการทุจริตในองค์กร หลักการและเหตุผล วัตถุประสงค์ของการจัดทำแผน เป้าหมาย และประโยชน์ของการจัดทำแผน",
            "ส่วนที่ 2 ประกอบด้วย โครงการ/กิจกรรม/มาตรการ และงบประมาณที่ดำเนินการ (\(years)) แยกตาม \(summary.dimensions.count) มิติ รวมทั้งสิ้นจำนวน \(summary.itemCount) โครงการ ดังนี้",
        ]
        for dimension in summary.dimensions {
            lines.append("มิติที่ \(dimension.number) \(dimension.name) จำนวน \(dimension.itemCount) โครงการ")
        }
        lines.append("ส่วนที่ 3 ประกอบด้วย รายละเอียดโครงการ/กิจกรรม/มาตรการ ตามแผนปฏิบัติการฯ")
        return lines
    }

    private mutating func writeForeword() {
        newPage()
        heading("คำนำ", style: "Heading1", bookmark: "_sujarit_foreword")
        let foreword = plan.frontMatter.foreword.trimmingCharacters(in: .whitespacesAndNewlines)
        if foreword.isEmpty {
            for line in standardForeword() {
                var paragraph = WParagraph(digits.written(line))
                paragraph.firstLineIndent = Twips.inch
                paragraph.spaceAfter = 120
                add(paragraph)
            }
        } else {
            prose(foreword, indent: 0)
        }
        var signature = WParagraph(digits.written(organization.name), alignment: .right)
        signature.spaceBefore = 480
        add(signature)
    }

    /// The parts and their page numbers. The numbers are PAGEREF fields: LibreOffice computes
    /// them when it lays the document out; Word shows the estimate until fields are updated.
    private mutating func writeContents() {
        newPage()
        heading("สารบัญ", style: "Heading1")
        let entries: [(String, String, Int)] = [
            ("คำนำ", "_sujarit_foreword", 1),
            ("ส่วนที่ 1 บทนำ", "_sujarit_part1", 3),
            ("ส่วนที่ 2 แผนปฏิบัติการป้องกันการทุจริต", "_sujarit_part2", 3 + max(2, plan.risks.count / 2 + 2)),
            ("ส่วนที่ 3 รายละเอียดโครงการ/กิจกรรม/มาตรการ", "_sujarit_part3", 5 + max(2, plan.risks.count / 2 + 2) + max(1, plan.items.count / 6)),
        ]
        var rows = [WRow(cells: [
            WCell([WParagraph("เรื่อง", bold: true)]),
            WCell([WParagraph("หน้า", bold: true, alignment: .center)]),
        ], isHeader: true)]
        for (title, target, estimate) in entries {
            rows.append(WRow(cells: [
                WCell([WParagraph(digits.generated(title))]),
                WCell([WParagraph([.field("PAGEREF \(target) \\h", cached: digits.number(estimate))], alignment: .center)]),
            ]))
        }
        add(WTable(columnWidths: [7600, 1400], rows: rows, bordered: false, centered: true))
    }

    // MARK: - Part 1

    private mutating func writePart1() {
        newPage()
        heading("ส่วนที่ 1", style: "Heading1", bookmark: "_sujarit_part1")
        add(WParagraph("บทนำ", bold: true, size: 36, alignment: .center))

        label("1. การประเมินความเสี่ยงการทุจริตในองค์กร")
        writeRiskTable()

        label("2. หลักการและเหตุผล")
        prose(plan.frontMatter.rationale, indent: 0, placeholder: "")

        label("3. วัตถุประสงค์ของการจัดทำแผน")
        numberedList(plan.frontMatter.objectives, style: .parens, placeholder: "")

        label("4. เป้าหมาย")
        writeTargetTable()

        label("5. ประโยชน์ของการจัดทำแผน")
        numberedList(plan.frontMatter.benefits, style: .parens, placeholder: "")
    }

    private func tableText(_ text: String, bold: Bool = false, alignment: WParagraph.Alignment? = nil, generated: Bool = false) -> WParagraph {
        WParagraph(generated ? digits.generated(text) : digits.written(text), bold: bold, style: "TableText", alignment: alignment)
    }

    private func headerCell(_ text: String, span: Int = 1, merge: WCell.VerticalMerge? = nil) -> WCell {
        var cell = WCell([tableText(text, bold: true, alignment: .center, generated: true)], span: span, verticalMerge: merge, shading: "D9E2F3")
        cell.verticalAlignment = "center"
        return cell
    }

    private mutating func writeRiskTable() {
        let risks = plan.risks.sorted { $0.order < $1.order }
        guard !risks.isEmpty else {
            var paragraph = WParagraph("ยังไม่ได้บันทึกผลการประเมินความเสี่ยงการทุจริต")
            paragraph.leftIndent = Twips.inch / 2
            add(paragraph)
            return
        }
        var rows = [WRow(cells: [
            headerCell("ลำดับที่"), headerCell("ขั้นตอนการดำเนินงาน"), headerCell("ประเด็นความเสี่ยงการทุจริต"),
            headerCell("Risk Score"), headerCell("มาตรการควบคุมความเสี่ยงการทุจริต"),
        ], isHeader: true)]
        for (index, risk) in risks.enumerated() {
            let issues = risk.issues.enumerated().map { tableText("\($0.offset + 1). \($0.element.text)") }
            let levels = risk.issues.map { tableText($0.level.thaiName, alignment: .center) }
            let measures = risk.controlMeasures.enumerated().map { tableText("\($0.offset + 1). \($0.element)") }
            // A long row may break across pages; short rows stay whole.
            let long = risk.issues.count + risk.controlMeasures.count > 12
            rows.append(WRow(cells: [
                WCell([tableText(String(index + 1), alignment: .center, generated: true)]),
                WCell([tableText(risk.workArea)]),
                WCell(issues),
                WCell(levels),
                WCell(measures),
            ], cantSplit: !long))
        }
        add(WTable(columnWidths: [850, 1550, 2850, 1200, 2550], rows: rows))
    }

    private mutating func writeTargetTable() {
        let targets = plan.targets.sorted { $0.order < $1.order }
        guard !targets.isEmpty else {
            var paragraph = WParagraph("ยังไม่ได้กำหนดค่าเป้าหมาย")
            paragraph.leftIndent = Twips.inch / 2
            add(paragraph)
            return
        }
        let years = plan.fiscalYears
        let indicatorWidth = years.count > 6 ? 2200 : 3000
        let yearWidth = max(500, (9000 - indicatorWidth) / max(1, years.count))
        var rows = [WRow(cells: [headerCell("ค่าเป้าหมาย")] + years.map { headerCell("ปี \($0.be)") }, isHeader: true)]
        for target in targets {
            var cells = [WCell([tableText(target.indicator)])]
            for year in years {
                cells.append(WCell([tableText(target.formattedValue(for: year, digits: context.digits) ?? "-", alignment: .center, generated: true)]))
            }
            rows.append(WRow(cells: cells))
        }
        add(WTable(columnWidths: [indicatorWidth] + Array(repeating: yearWidth, count: years.count), rows: rows))
    }

    // MARK: - Part 2

    /// Column widths for the landscape table: the name columns keep a readable width and the
    /// year columns share the rest (a ten-year plan gets narrower amounts in a smaller size).
    private var part2Widths: [Int] {
        let usable = Twips.a4Long - 2 * Twips.inch
        let yearCount = max(1, plan.fiscalYears.count)
        // A plan scheduled by month (the older layout) gets twelve narrow month columns.
        let months = hasMonthColumns ? Array(repeating: Self.monthColumnWidth, count: 12) : []
        let remarks = hasMonthColumns ? 1000 : 1300
        let room = usable - remarks - months.reduce(0, +)
        let yearWidth = hasMonthColumns
            ? min(1100, max(700, (room - 1200 - 1600 - 2400) / yearCount))
            : min(1200, max(760, (room - 1500 - 2300 - 3300) / yearCount))
        let names = room - yearWidth * yearCount
        let dimension = names * 20 / 100
        let mission = names * 32 / 100
        return [dimension, mission, names - dimension - mission] + Array(repeating: yearWidth, count: yearCount) + months + [remarks]
    }

    /// Whether Part 2 has the twelve month columns of the older layout: when an item runs in given
    /// months (`PlanItem.months`) and the plan has one or two years — beside more year columns
    /// twelve months leave no room, so a longer plan names the months under each item instead.
    private var hasMonthColumns: Bool { plan.fiscalYears.count <= 2 && isScheduled }
    private var isScheduled: Bool { plan.items.contains { !$0.months.isEmpty } }
    private static let monthColumnWidth = 500

    private func amountText(_ money: Money) -> String {
        money == .zero ? "-" : digits.money(money)
    }

    private mutating func writePart2() {
        newPage()
        heading("ส่วนที่ 2", style: "Heading1", bookmark: "_sujarit_part2")
        for line in coverTitleLines() {
            add(WParagraph(digits.written(line), bold: true, size: 36, alignment: .center))
        }
        add(WParagraph(digits.written(organization.name), bold: true, size: 36, alignment: .center))
        var spacer = WParagraph.empty
        spacer.spaceAfter = 120
        add(spacer)

        let years = plan.fiscalYears
        // Twelve month columns beside the amounts leave less room: the table's text is smaller.
        let small = years.count > 6 || hasMonthColumns
        func cellText(_ text: String, bold: Bool = false, alignment: WParagraph.Alignment? = nil, generated: Bool = false) -> WParagraph {
            var paragraph = tableText(text, bold: bold, alignment: alignment, generated: generated)
            if small { paragraph.runs = paragraph.runs.map { var run = $0; run.size = 24; return run } }
            return paragraph
        }

        var rows: [WRow] = []
        // Two header rows, as the official table: "งบประมาณ (บาท)" spans the year columns above
        // "ปี 2566" … ; the other headings span both rows.
        // A plan scheduled by month adds "ระยะเวลาดำเนินการ" over the twelve months ต.ค. … ก.ย.
        let scheduled = hasMonthColumns
        let months = MonthSchedule.fiscalOrder
        rows.append(WRow(cells: [headerCell("มิติ", merge: .restart), headerCell("ภารกิจตามมิติ", merge: .restart),
                                 headerCell("โครงการ/กิจกรรม/มาตรการ", merge: .restart), headerCell("งบประมาณ (บาท)", span: years.count)]
                         + (scheduled ? [headerCell("ระยะเวลาดำเนินการ", span: 12)] : [])
                         + [headerCell("หมายเหตุ", merge: .restart)], isHeader: true))
        rows.append(WRow(cells: [headerCell("", merge: .continue), headerCell("", merge: .continue), headerCell("", merge: .continue)]
                         + years.map { headerCell("ปี \($0.be)") }
                         + (scheduled ? months.map { monthHeaderCell($0) } : [])
                         + [headerCell("", merge: .continue)], isHeader: true))
        if small {
            // The header follows the body's smaller size (the month names keep their own).
            for row in rows.indices {
                for cell in rows[row].cells.indices {
                    rows[row].cells[cell].paragraphs = rows[row].cells[cell].paragraphs.map { paragraph in
                        var paragraph = paragraph
                        paragraph.runs = paragraph.runs.map { var run = $0; run.size = min(run.size ?? 24, 24); return run }
                        return paragraph
                    }
                }
            }
        }
        func monthCells(_ item: PlanItem?) -> [WCell] {
            guard scheduled else { return [] }
            return months.map { month in
                WCell([cellText(item?.months.contains(month) == true ? "✓" : "", alignment: .center, generated: true)])
            }
        }

        func itemCell(_ item: PlanItem) -> WCell {
            let number = numbers[item.id].map { digits.number($0) + ") " } ?? ""
            var paragraphs = [cellText(number + digits.written(item.name))]
            if !scheduled && !item.months.isEmpty { paragraphs.append(cellText("เดือนที่ดำเนินการ: \(item.months.text())")) }
            return WCell(paragraphs)
        }
        func budgetCells(_ item: PlanItem) -> [WCell] {
            years.map { year in
                WCell([cellText(item.budgets[year].map { $0.formatted(digits: context.digits) } ?? "", alignment: .right, generated: true)])
            }
        }

        for dimension in plan.dimensions.sorted(by: { $0.number < $1.number }) {
            // Rows of the dimension: each mission's items, or the mission alone when it has none.
            var dimensionRows: [(mission: Mission?, item: PlanItem?)] = []
            for mission in dimension.missions {
                let items = plan.items(inMission: mission.code)
                if items.isEmpty {
                    dimensionRows.append((mission, nil))
                } else {
                    for item in items { dimensionRows.append((mission, item)) }
                }
            }
            if dimensionRows.isEmpty { dimensionRows.append((nil, nil)) }
            var previousMission: String?
            for (index, row) in dimensionRows.enumerated() {
                var cells: [WCell] = []
                cells.append(index == 0
                    ? WCell([cellText("\(digits.number(dimension.number)). \(digits.written(dimension.name))")], verticalMerge: dimensionRows.count > 1 ? .restart : nil)
                    : WCell([], verticalMerge: .continue))
                let missionCode = row.mission?.code
                if let mission = row.mission, mission.code != previousMission {
                    let spans = dimensionRows[index...].prefix { $0.mission?.code == mission.code }.count
                    cells.append(WCell([cellText("\(digits.generated(mission.code)) \(digits.written(mission.name))")], verticalMerge: spans > 1 ? .restart : nil))
                } else if row.mission != nil {
                    cells.append(WCell([], verticalMerge: .continue))
                } else {
                    cells.append(WCell([]))
                }
                previousMission = missionCode
                if let item = row.item {
                    cells.append(itemCell(item))
                    cells += budgetCells(item)
                    cells += monthCells(item)
                    cells.append(WCell([cellText(item.remarks)]))
                } else {
                    cells.append(WCell([]))
                    cells += years.map { _ in WCell([]) }
                    cells += monthCells(nil)
                    cells.append(WCell([]))
                }
                rows.append(WRow(cells: cells))
            }
            if let total = summary.dimension(dimension.number) {
                rows.append(totalRow("รวม", count: total.itemCount, budgets: total.budgetByYear, cellText: cellText))
            }
        }

        // Items whose mission is missing or unknown still belong in the table and its total.
        let known = Set(plan.dimensions.flatMap { $0.missions.map(\.code) })
        let unplaced = plan.orderedItems.filter { $0.missionCode.map { !known.contains($0) } ?? true }
        if !unplaced.isEmpty {
            for (index, item) in unplaced.enumerated() {
                var cells: [WCell] = index == 0
                    ? [WCell([cellText("ยังไม่ได้ระบุมิติและภารกิจ", bold: true)], span: 2, verticalMerge: unplaced.count > 1 ? .restart : nil)]
                    : [WCell([], span: 2, verticalMerge: .continue)]
                cells.append(itemCell(item))
                cells += budgetCells(item)
                cells += monthCells(item)
                cells.append(WCell([cellText(item.remarks)]))
                rows.append(WRow(cells: cells))
            }
        }
        rows.append(totalRow("รวมทั้งสิ้น", count: summary.itemCount, budgets: summary.budgetByYear, cellText: cellText))
        add(WTable(columnWidths: part2Widths, rows: rows))
    }

    private func totalRow(_ title: String, count: Int, budgets: [FiscalYear: Money],
                          cellText: (String, Bool, WParagraph.Alignment?, Bool) -> WParagraph) -> WRow {
        let shade = "F2F2F2"
        var cells = [
            WCell([cellText(title, true, .center, true)], span: 2, shading: shade),
            WCell([cellText("จำนวน \(count) โครงการ", true, .center, true)], shading: shade),
        ]
        for year in plan.fiscalYears {
            cells.append(WCell([cellText(amountText(budgets[year] ?? .zero), true, .right, true)], shading: shade))
        }
        if hasMonthColumns { cells.append(WCell([], span: 12, shading: shade)) }
        cells.append(WCell([], shading: shade))
        return WRow(cells: cells)
    }

    /// "ต.ค." over a narrow month column, in a smaller size (9 pt) so that the longest ("เม.ย.") fits.
    private func monthHeaderCell(_ month: Int) -> WCell {
        var cell = headerCell(MonthSchedule.thaiShortName(month))
        cell.paragraphs = cell.paragraphs.map { paragraph in
            var paragraph = paragraph
            paragraph.runs = paragraph.runs.map { var run = $0; run.size = 18; return run }
            return paragraph
        }
        return cell
    }

    // MARK: - Part 3

    private mutating func writePart3() {
        heading("ส่วนที่ 3", style: "Heading1", bookmark: "_sujarit_part3")
        add(WParagraph("รายละเอียดโครงการ/กิจกรรม/มาตรการ", bold: true, size: 36, alignment: .center))

        var sheetCounter = 0
        var first = true
        for dimension in plan.dimensions.sorted(by: { $0.number < $1.number }) {
            var dimensionWritten = false
            for mission in dimension.missions {
                let items = plan.items(inMission: mission.code).filter { $0.sheet != nil }
                guard !items.isEmpty else { continue }
                var missionWritten = false
                var subMissionWritten: String?
                for item in items {
                    if !first { newPage() }
                    first = false
                    if !dimensionWritten {
                        heading("มิติที่ \(dimension.number) \(dimension.name)", style: "Heading2")
                        dimensionWritten = true
                    }
                    if !missionWritten {
                        label("\(mission.code) \(mission.name)", spaceBefore: 60)
                        missionWritten = true
                    }
                    if let code = item.subMissionCode, code != subMissionWritten,
                       let sub = mission.subMissions.first(where: { $0.code == code }) {
                        label("\(sub.code) \(sub.name)", spaceBefore: 60)
                        subMissionWritten = code
                    }
                    sheetCounter += 1
                    writeSheet(item, number: item.sheet?.sheetNumber ?? sheetCounter)
                }
            }
        }
        let known = Set(plan.dimensions.flatMap { $0.missions.map(\.code) })
        for item in plan.orderedItems where item.sheet != nil && (item.missionCode.map({ !known.contains($0) }) ?? true) {
            if !first { newPage() }
            first = false
            sheetCounter += 1
            writeSheet(item, number: item.sheet?.sheetNumber ?? sheetCounter)
        }
        if first {
            add(WParagraph("ยังไม่มีรายละเอียดโครงการ", alignment: .center))
        }
    }

    // MARK: - Approval

    /// The heading of the approval block. It starts with "ภาคผนวก", so the importer reads
    /// nothing of it into a plan (the round trip stays exact).
    static let approvalHeading = "ภาคผนวก การเสนอ อนุมัติ และเผยแพร่แผน"

    /// Who submitted, approved and published this revision, on which date (Buddhist Era), and
    /// the approver's comments — on a page of its own after Part 3, when there is any.
    private mutating func writeApproval() {
        guard let approval = context.approval, !approval.isEmpty else { return }
        newPage()
        heading(Self.approvalHeading, style: "Heading1", bookmark: "_sujarit_approval")
        var rows = [WRow(cells: [
            WCell([WParagraph("ขั้นตอน", bold: true, alignment: .center)]),
            WCell([WParagraph("ผู้ดำเนินการ", bold: true, alignment: .center)]),
            WCell([WParagraph("วันที่", bold: true, alignment: .center)]),
            WCell([WParagraph("ความเห็น", bold: true, alignment: .center)]),
        ], isHeader: true)]
        for entry in approval.entries {
            rows.append(WRow(cells: [
                WCell([WParagraph(entry.step.thaiName)]),
                WCell([WParagraph(digits.written(entry.by))]),
                WCell([WParagraph(ThaiCalendar.thaiDate(entry.at, digits: context.digits))]),
                WCell([WParagraph(digits.written(entry.comment ?? "-"))]),
            ]))
        }
        add(WTable(columnWidths: [1900, 2400, 2000, 2700], rows: rows, bordered: true, centered: true))
    }

    /// Field 7 as the officer wrote it, or generated from the budget row.
    /// Field 7: the officer's text, or the one generated from the budget row (Core's rule).
    func budgetText(for item: PlanItem) -> String {
        item.sheetBudgetText(years: plan.fiscalYears)
    }

    private mutating func writeSheet(_ item: PlanItem, number: Int) {
        let sheet = item.sheet ?? ProjectSheet()
        var start = WParagraph("ลำดับที่ \(digits.number(number))", style: "Heading3")
        start.keepNext = true
        add(start)
        var name = WParagraph([WRun(digits.generated("1. ") + "ชื่อโครงการ : ", bold: true), WRun(digits.written(item.name))])
        name.keepNext = true
        add(name)

        label("2. หลักการและเหตุผล")
        prose(sheet.rationale)

        label("3. วัตถุประสงค์")
        numberedList(sheet.objectives)

        label("4. กลุ่มเป้าหมาย")
        var target = sheet.targetGroup.trimmingCharacters(in: .whitespacesAndNewlines)
        // The headcount is printed only when the text states no number of people itself.
        if let headcount = sheet.targetHeadcount,
           ThaiDigits.toArabic(target).range(of: #"[0-9]\s*คน"#, options: .regularExpression) == nil {
            target += (target.isEmpty ? "" : " ") + "จำนวน \(headcount) คน"
        }
        prose(target)

        if let area = sheet.area?.trimmingCharacters(in: .whitespacesAndNewlines), !area.isEmpty {
            var paragraph = WParagraph([WRun("พื้นที่ดำเนินการ : ", bold: true), WRun(digits.written(area))])
            paragraph.leftIndent = Twips.inch / 2
            add(paragraph)
        }

        label("5. วิธีดำเนินการ")
        methodList(sheet.method)

        label("6. ระยะเวลาดำเนินการ")
        let period = sheet.period.trimmingCharacters(in: .whitespacesAndNewlines)
        prose(period.isEmpty ? "ปีงบประมาณ พ.ศ. \(ThaiCalendar.yearRange(plan.firstYear, plan.lastYear))" : period)
        if !item.months.isEmpty { prose("เดือนที่ดำเนินการ: \(item.months.text())") }

        label("7. งบประมาณดำเนินการ")
        prose(budgetText(for: item))

        label("8. ผู้รับผิดชอบโครงการ")
        let responsible = sheet.responsible.trimmingCharacters(in: .whitespacesAndNewlines)
        prose(responsible.isEmpty ? item.responsibleUnit : responsible)

        label("9. ผลผลิต/ผลลัพธ์")
        var outputs = WParagraph("ผลผลิต", bold: true)
        outputs.leftIndent = Twips.inch / 2
        outputs.keepNext = true
        add(outputs)
        numberedList(sheet.outputs)
        var outcomes = WParagraph("ผลลัพธ์", bold: true)
        outcomes.leftIndent = Twips.inch / 2
        outcomes.keepNext = true
        add(outcomes)
        numberedList(sheet.outcomes)
    }
}
