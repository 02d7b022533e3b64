import Foundation
import SujaritCore

/// An item as read from the Part 2 table, before it becomes a `PlanItem`.
struct TableItem {
    var number: Int?
    var name: String
    var line: Int
    var dimension: Int?
    var missionCode: String?
    /// The sub-mission ("x.y.z") the item hangs on, when the table has that second level.
    var subMissionCode: String?
    var budgets: [FiscalYear: BudgetEntry] = [:]
    var remarks: [String] = []
    var months: [Int] = []
}

/// A figure the document states for a group: "รวม จำนวน N โครงการ" and a total per year.
struct StatedTotal {
    /// The dimension of a subtotal; nil for the grand total (รวมทั้งสิ้น).
    var dimension: Int?
    var count: Int?
    var countLine: Int?
    var budgets: [FiscalYear: BudgetEntry] = [:]
    var budgetText: [FiscalYear: String] = [:]
    var line: Int
}

/// A mission heading as read, with the code the document gave it.
struct TableMission {
    var code: String?
    var name: String
    var dimension: Int?
    var line: Int
    /// Sub-missions ("x.y.z") the table lists under the mission, in the document's wording.
    var subMissions: [SubMission] = []
}

/// What a column of the plan table holds, from its header.
enum PlanColumn: Hashable {
    case year(FiscalYear)
    /// งบประมาณ without a year (one-year and month-by-month tables).
    case budget
    /// A month of a month-by-month schedule (1 = January … 12 = December).
    case month(Int)
    case remarks
    case other
}

/// Reads the Part 2 table (แผนปฏิบัติการ: มิติ | ภารกิจ | โครงการ | งบประมาณ per year | หมายเหตุ).
///
/// Text extraction does not keep the grid reliably, so the table is read as a stream of cells
/// whose meaning comes from their content: a dimension ("1. การสร้าง…"), a mission ("1.1 …"),
/// items ("1) โครงการ…", several to a cell), then one budget cell per year column with one line
/// per item, a subtotal ("รวม", "จำนวน N โครงการ", totals), the grand total ("รวมทั้งสิ้น").
struct PlanTableParser {
    let planYears: [FiscalYear]
    var columns: [PlanColumn] = []
    var dimensionNames: [Int: (name: String, line: Int)] = [:]
    var missions: [TableMission] = []
    var items: [TableItem] = []
    var subtotals: [StatedTotal] = []
    var grandTotal: StatedTotal?
    var findings: [ImportFinding] = []
    var unplacedCells = 0

    private var currentDimension: Int?
    private var currentMission: String?
    private var currentSubMission: String?
    private enum Target { case items([Int]), subtotal(Int), grandTotal }
    private var target: Target?
    private var columnIndex = 0
    /// Year for a budget column without a year.
    var defaultBudgetYear: FiscalYear?

    init(planYears: [FiscalYear]) {
        self.planYears = planYears
    }

    var effectiveColumns: [PlanColumn] {
        columns.isEmpty ? planYears.map { PlanColumn.year($0) } + [.remarks] : columns
    }

    static let monthNames: [(String, Int)] = [
        ("ตค", 10), ("พย", 11), ("ธค", 12), ("มค", 1), ("กพ", 2), ("มีค", 3), ("เมย", 4), ("พค", 5), ("มิย", 6), ("กค", 7), ("สค", 8), ("กย", 9),
        ("ตุลาคม", 10), ("พฤศจิกายน", 11), ("ธันวาคม", 12), ("มกราคม", 1), ("กุมภาพันธ์", 2), ("มีนาคม", 3), ("เมษายน", 4), ("พฤษภาคม", 5),
        ("มิถุนายน", 6), ("กรกฎาคม", 7), ("สิงหาคม", 8), ("กันยายน", 9),
    ]

    enum HeaderCell: Equatable {
        case dimension, mission, items, year(FiscalYear), budget, month(Int), remarks, unit
        /// "ระยะเวลาดำเนินการ" over the month columns: a heading of headings, no column of its own.
        case schedule
    }

    /// Recognizes the words of the table's header.
    static func header(_ text: String) -> HeaderCell? {
        let compact = ImportText.compact(text)
        guard !compact.isEmpty, compact.count <= 60 else { return nil }
        switch compact {
        // "มติ", "ภารกิจตามมติ", "ภาระกิจ": misspelled headers, common in real plans.
        case "มิติ", "มติ", "มิติที่": return .dimension
        case "ภารกิจตามมิติ", "ภารกิจ", "ภารกิจตามมติ", "ภาระกิจตามมิติ", "ภาระกิจตามมติ", "ภาระกิจ": return .mission
        case "หมายเหตุ": return .remarks
        case "งบประมาณบาท", "งบประมาณ", "บาท", "หน่วยบาท", "ปีงบประมาณ", "ปีงบประมาณบาท", "ปีงบประมาณพศ", "งบประมาณพศ": return .unit
        case "ระยะเวลาดำเนินการ", "ระยะเวลาการดำเนินการ", "ระยะเวลาดำเนินงาน", "ระยะเวลา", "ช่วงเวลาดำเนินการ", "ห้วงเวลาดำเนินการ": return .schedule
        default: break
        }
        if ImportText.starts(compact, with: "โครงการ/") || compact == "โครงการ" || ImportText.starts(compact, with: "โครงการกิจกรรม") { return .items }
        guard !text.contains(",") else { return nil }
        var rest = compact
        // "ปี 2566 งบ" with "ประมาณ" on the next line: the pieces of "งบประมาณ" go too.
        for word in ["ปีงบประมาณ", "งบประมาณ", "ปี", "พศ", "บาท", "งบ", "ประมาณ"] {
            rest = ImportText.replacing(word, with: "", in: rest)
        }
        if rest.count == 4, let year = Int(rest), FiscalYear.plausibleRange.contains(year) { return .year(FiscalYear(year)) }
        for (name, month) in monthNames {
            if compact == name || (ImportText.starts(compact, with: name) && compact.dropFirst(name.count).allSatisfy(\.isNumber) && compact.count <= name.count + 4) {
                return .month(month)
            }
        }
        return nil
    }

    /// "-", "20,000", "๒๐,๐๐๐ บาท", "ไม่ใช้งบประมาณ", "#####", or an empty line.
    static func isBudgetLine(_ line: String) -> Bool {
        let text = ImportText.arabic(line).filter { !$0.isWhitespace }
        if text.isEmpty || text.allSatisfy({ "-–—".contains($0) }) { return true }
        if text.allSatisfy({ $0 == "#" }) { return true }
        if ImportText.starts(text, with: "ไม่ใช้งบ") || ImportText.starts(text, with: "ไม่มีงบ") || ImportText.starts(text, with: "ดำเนินการโดยไม่ใช้งบ") { return true }
        var body = Substring(text)
        if ImportText.ends(body, with: "บาท") { body = body.dropLast(3) }
        return !body.isEmpty && body.allSatisfy { $0.isASCII && ($0.isNumber || $0 == "," || $0 == ".") } && body.first!.isNumber
    }

    static func isScheduleMark(_ line: String) -> Bool {
        let text = line.filter { !$0.isWhitespace }
        if text.count <= 8 && !text.isEmpty && text.allSatisfy({ "✓✔/*xX●•√■□✗→←↔⟶⟵⟷<>-–—".contains($0) }) && !text.allSatisfy({ "-–—".contains($0) }) { return true }
        // An arrow drawn over months, of any length and any of the dashes and heads Word's
        // symbols give: "←――――→", "◄─────►", "<---------->", "⟵━━━⟶".
        let heads = "→←↔⟶⟵⟷◄►◀▶<>‹›⇐⇒⇔➔➜➝➞"
        return text.count <= 80 && text.contains(where: heads.contains) && text.allSatisfy { (heads + "-–—―─━═~_=.·").contains($0) }
    }

    /// "จำนวน 4 โครงการ" → 4
    static func statedCount(_ text: String) -> Int? {
        let arabic = ImportText.arabic(text)
        guard let range = ImportText.find("จำนวน", in: arabic, fromEnd: true) ?? ImportText.find("รวมทั้งสิ้น", in: arabic) ?? ImportText.find("รวม", in: arabic) else { return nil }
        let after = ImportText.trimmedStart(arabic[range.upperBound...])
        guard let (count, rest) = ImportText.leadingNumber(after, maxDigits: 5) else { return nil }
        let word = ImportText.trimmedStart(rest)
        guard ["โครงการ", "กิจกรรม", "มาตรการ", "รายการ"].contains(where: { ImportText.starts(word, with: $0) }) else { return nil }
        return count
    }

    /// "5 โครงการ" (a subtotal's count cell without "จำนวน") → 5
    static func bareCount(_ text: String) -> Int? {
        let arabic = ImportText.trimmedStart(Substring(ImportText.arabic(text)))
        guard let (count, rest) = ImportText.leadingNumber(arabic, maxDigits: 5) else { return nil }
        let word = ImportText.compact(String(rest))
        return ["โครงการ", "กิจกรรม", "มาตรการ", "รายการ"].contains(word) ? count : nil
    }

    mutating func read(_ table: DocumentTable) {
        for row in logicalRows(Self.expandingSpans(table)) {
            let skip = layout.flatMap { $0.width == row.cells.count ? $0.skip : nil } ?? []
            let textColumns = layout.flatMap { $0.width == row.cells.count ? $0 : nil }
            for (column, cell) in row.cells.enumerated() where !skip.contains(column) {
                // "รวม N โครงการ" in the mission column leaves the items column empty: that
                // empty text cell is not the first year's figure.
                if cell.isEmpty, let textColumns, textColumns.isText(column), column > 0, isTotalTarget { continue }
                read(cell)
            }
        }
    }

    /// Merged cells across columns (DOCX gridSpan) as the grid columns they cover: a run of
    /// months drawn as one merged cell with an arrow ("←——→") marks each of its months; any other
    /// merged cell keeps its text in its first column, the others empty. Rows then line up
    /// with the header, column by column.
    static func expandingSpans(_ table: DocumentTable) -> DocumentTable {
        guard table.cells.contains(where: { $0.columnSpan > 1 }) else { return table }
        var out = table
        for (index, row) in table.rows.enumerated() where row.cells.contains(where: { $0.columnSpan > 1 }) {
            var cells: [TableCell] = []
            for cell in row.cells {
                cells.append(TableCell(lines: cell.lines, line: cell.line, continuesCellAbove: cell.continuesCellAbove))
                guard cell.columnSpan > 1 else { continue }
                let mark = !cell.isEmpty && cell.lines.allSatisfy(isScheduleMark)
                for _ in 1..<min(cell.columnSpan, 64) {
                    cells.append(TableCell(lines: mark ? cell.lines : [], line: cell.line))
                }
            }
            out.rows[index].cells = cells
        }
        return out
    }

    private var isTotalTarget: Bool {
        switch target {
        case .subtotal?, .grandTotal?: true
        default: false
        }
    }

    private mutating func read(_ cell: TableCell) {
        let text = cell.text
        let compact = ImportText.compact(text)

        if let header = Self.header(text) {
            noteHeader(header)
            return
        }
        if ImportText.starts(compact, with: "รวมทั้งสิ้น") || ImportText.starts(compact, with: "รวมทั้งหมด") {
            grandTotal = StatedTotal(dimension: nil, count: Self.statedCount(text), countLine: cell.line, line: cell.line)
            target = .grandTotal
            columnIndex = firstBudgetColumn
            return
        }
        if compact == "รวม" || (ImportText.starts(compact, with: "รวม") && compact.count < 30 && Self.statedCount(text) != nil) {
            subtotals.append(StatedTotal(dimension: currentDimension, count: Self.statedCount(text), countLine: cell.line, line: cell.line))
            target = .subtotal(subtotals.count - 1)
            columnIndex = firstBudgetColumn
            return
        }
        // "จำนวน 5 โครงการ", or "5 โครงการ" alone in the cell after "รวม".
        if let count = ImportText.starts(compact, with: "จำนวน") ? Self.statedCount(text) : (isTotalTarget ? Self.bareCount(text) : nil) {
            switch target {
            case .subtotal(let index) where subtotals[index].count == nil:
                subtotals[index].count = count
                subtotals[index].countLine = cell.line
                return
            case .grandTotal where grandTotal?.count == nil:
                grandTotal?.count = count
                grandTotal?.countLine = cell.line
                return
            default:
                break
            }
        }
        // The remarks column of a one-item row holds free text ("ตั้งแต่ปี 2568 เพิ่มกิจกรรม…").
        if case .items(let indices) = target, indices.count == 1, !cell.isEmpty, columnIndex < effectiveColumns.count,
           effectiveColumns[columnIndex] == .remarks, !Self.startsStructure(cell) {
            columnIndex += 1
            items[indices[0]].remarks.append(cell.text)
            return
        }
        // "ยังไม่ได้ระบุมิติและภารกิจ": the items that follow belong to no dimension or mission.
        if ImportText.starts(compact, with: "ยังไม่ได้ระบุมิติ") || ImportText.starts(compact, with: "ไม่ระบุมิติ") {
            currentDimension = nil
            currentMission = nil
            currentSubMission = nil
            target = nil
            return
        }
        if !cell.lines.isEmpty && cell.lines.allSatisfy(Self.isBudgetLine) || cell.isEmpty || cell.lines.allSatisfy(Self.isScheduleMark) {
            readValueCell(cell)
            return
        }
        readStructureCell(cell)
    }

    // MARK: - Logical rows

    /// Which grid column holds what, from the header row naming the items column.
    struct RowLayout {
        var width: Int
        var dimension: Int?
        var mission: Int?
        var items: Int
        /// Columns the plan does not keep (ที่, เป้าหมาย, ตัวชี้วัด, ผู้รับผิดชอบ — the 2561–2564
        /// layout): their cells are not read as items, budgets or marks.
        var skip: Set<Int> = []
        func isText(_ column: Int) -> Bool { column == dimension || column == mission || column == items }
    }

    /// The layout of the tables read so far (a table split by a page break keeps its header's).
    var layout: RowLayout?

    /// A dimension or mission beginning: "1. การ…", "มิติที่ 1", "1.1 …", "1.1.2 …".
    static func startsHeading(_ line: String) -> Bool {
        if ImportText.starts(line, with: "มิติที่") || ImportText.starts(line, with: "มติที่") { return true }
        guard let marker = ImportText.marker(Substring(line)) else { return false }
        switch marker.style {
        case .code: return marker.numbers.count >= 2
        case .dot: return marker.numbers.count <= 3 && !marker.rest.isEmpty
        case .closingParen, .parens: return marker.numbers.count >= 2
        default: return false
        }
    }

    /// An item beginning: a numbered line ("1)", "(1)", "1.", "๑)") or a kind word.
    static func startsItem(_ line: String) -> Bool {
        if PlanItemKind.recognize(fromName: line) != nil { return true }
        guard let marker = ImportText.marker(Substring(line)) else { return false }
        switch marker.style {
        case .closingParen, .parens: return marker.numbers.count == 1
        case .dot: return marker.numbers.count == 1 && PlanItemKind.recognize(fromName: String(marker.rest)) != nil
        default: return false
        }
    }

    static func startsTotal(_ line: String) -> Bool {
        let compact = ImportText.compact(line)
        return ImportText.starts(compact, with: "รวม") || ImportText.starts(compact, with: "ยังไม่ได้ระบุมิติ") || ImportText.starts(compact, with: "ไม่ระบุมิติ")
    }

    /// Rows as the document meant them. Extraction from Word or PDF often gives every visual
    /// line of a multi-line cell a row of its own, the other cells empty and the budgets on the
    /// first line only; the dimension and mission columns wrap on their own, into the rows of
    /// the next items. A row begins where the items column begins an item, the mission column a
    /// mission, the dimension column a dimension, or a total row begins; any other row's cells
    /// continue the cells above them in their columns. Header rows repeated at page breaks go.
    mutating func logicalRows(_ table: DocumentTable) -> [TableRow] {
        let table = Self.joiningHeaderLines(table)
        if let headerIndex = table.rows.firstIndex(where: { row in row.cells.contains { Self.header($0.text) == .items } }) {
            let cells = table.rows[headerIndex].cells
            var found = RowLayout(width: cells.count, dimension: nil, mission: nil, items: 0)
            for (column, cell) in cells.enumerated() {
                switch Self.header(cell.text) {
                case .dimension?: found.dimension = column
                case .mission?: found.mission = column
                case .items?: found.items = column
                case nil where !cell.isEmpty: found.skip.insert(column)
                default: break
                }
            }
            // A table with a header of its own is read by it (one table per dimension, each with
            // its own widths); a table without one goes on with the layout before it.
            layout = found
        }
        guard let layout, layout.width >= 3 else { return table.rows }
        var out: [TableRow] = []
        /// Per column, the row whose cell in it is still open (may continue).
        var open: [Int: Int] = [:]
        var current: Int?
        var seenData = false
        var inHeader = false
        // Once items are numbered, a line beginning with a kind word but no number ("โครงการ…"
        // as the second visual line of a name) is no item of its own.
        var numbered: Bool?
        func beginsItem(_ line: String) -> Bool {
            if let marker = ImportText.marker(Substring(line)), Self.startsItem(line), marker.style != .bullet {
                numbered = true
                return true
            }
            // A kind word alone ("โครงการ" under "จำนวน 8") names no item.
            guard numbered != true, PlanItemKind.recognize(fromName: line) != nil,
                  !["โครงการ", "กิจกรรม", "มาตรการ", "แนวปฏิบัติ", "รายการ"].contains(ImportText.compact(line)) else { return false }
            numbered = false
            return true
        }
        for row in table.rows {
            guard row.cells.count == layout.width else {
                out.append(row)
                open = [:]
                current = nil
                continue
            }
            if row.cells.allSatisfy(\.isEmpty) { continue }
            var row = Self.movingLoneHeading(row, layout: layout)
            // A header: header words, with the headings of columns the plan does not keep ("ที่").
            let isHeader = row.cells.enumerated().allSatisfy { column, cell in
                cell.isEmpty || Self.header(cell.text) != nil || (layout.skip.contains(column) && cell.text == table.rows.first(where: { $0.cells.count == layout.width && $0.cells.contains { Self.header($0.text) == .items } })?.cells[column].text)
            } && row.cells.contains { Self.header($0.text) == .items }
                // "โครงการ" alone under "จำนวน 4" is the end of a count, not a header.
                && row.cells.filter({ !$0.isEmpty }).count >= 2
            if isHeader {
                // A header repeated after a page break says nothing new.
                if !seenData { out.append(row) }
                // Only a repeated header's further lines go; the first header's are read.
                inHeader = seenData
                continue
            }
            // The further lines of a repeated header ("ประมาณ", "(บาท)" under "ปี 2562 งบ").
            if inHeader, Self.isHeaderFragmentRow(row.cells.map(\.text)) { continue }
            inHeader = false
            seenData = true
            let first = row.cells.map { $0.lines.first ?? "" }
            let itemBegins = beginsItem(first[layout.items]) || Self.startsHeading(first[layout.items])
            let begins = itemBegins
                || layout.mission.map { Self.startsHeading(first[$0]) } == true
                || layout.dimension.map { Self.startsHeading(first[$0]) } == true
                || first.contains(where: Self.startsTotal)
                || current == nil
            if begins {
                // Dimension or mission text that does not begin one continues the one above.
                for column in [layout.dimension, layout.mission].compactMap({ $0 }) where !row.cells[column].isEmpty && !Self.startsHeading(first[column]) && !Self.startsTotal(first[column]) {
                    if let target = open[column] {
                        Self.append(row.cells[column], to: &out[target].cells[column])
                        row.cells[column] = TableCell(lines: [], line: row.cells[column].line)
                    }
                }
                // A mission or dimension beginning beside an item name that goes on: the name's
                // (and its other cells') further lines belong to the item above, not to the row
                // the heading begins.
                if !itemBegins, !first.contains(where: Self.startsTotal), let current {
                    let textColumns = Set([layout.dimension, layout.mission].compactMap { $0 })
                    for column in row.cells.indices where !textColumns.contains(column) && !row.cells[column].isEmpty {
                        let target = open[column] ?? current
                        Self.append(row.cells[column], to: &out[target].cells[column])
                        open[column] = target
                        row.cells[column] = TableCell(lines: [], line: row.cells[column].line)
                    }
                }
                out.append(row)
                current = out.count - 1
                for (column, cell) in row.cells.enumerated() where !cell.isEmpty { open[column] = out.count - 1 }
                continue
            }
            guard let current else { continue }
            for (column, cell) in row.cells.enumerated() where !cell.isEmpty {
                // A row begun by a heading alone (no item of its own) leaves the item's cells
                // open above it: a name that still goes on goes on there.
                let headingOnly = column != layout.dimension && column != layout.mission && out[current].cells[column].isEmpty
                    && (open[column].map { $0 < current } ?? false)
                let target = (layout.isText(column) && column != layout.items) || headingOnly ? (open[column] ?? current) : current
                Self.append(cell, to: &out[target].cells[column])
                open[column] = target
            }
        }
        return Self.unstackingBudgets(out, layout: layout)
    }

    /// A row of one cell holding a dimension or mission heading ("1.1 …", "มิติที่ 2 …") in a
    /// column that holds no text of the plan — the "ที่" number column, under which a Word
    /// cell merged across the whole row (gridSpan) starts — is a heading row of the table,
    /// whatever column it starts in: its text moves to the column that holds headings (the
    /// mission or dimension column, else the items column).
    static func movingLoneHeading(_ row: TableRow, layout: RowLayout) -> TableRow {
        let filled = row.cells.indices.filter { !row.cells[$0].isEmpty }
        guard filled.count == 1, let column = filled.first, !layout.isText(column),
              let first = row.cells[column].lines.first, startsHeading(first), !isBudgetLine(first) else { return row }
        let heading: Bool
        if ImportText.starts(first, with: "มิติที่") || ImportText.starts(first, with: "มติที่") {
            heading = true
        } else if let marker = ImportText.marker(Substring(first)) {
            // Words after the number: a number alone ("1.1" in the number column) is no heading.
            heading = ImportText.containsThai(String(marker.rest))
        } else {
            heading = false
        }
        guard heading else { return row }
        let isDimension = ImportText.marker(Substring(first)).map { $0.style == .dot && $0.numbers.count == 1 } ?? true
        let target = (isDimension ? layout.dimension ?? layout.mission : layout.mission) ?? layout.items
        var out = row
        out.cells[target] = row.cells[column]
        out.cells[column] = TableCell(lines: [], line: row.cells[column].line)
        return out
    }

    /// Several items written in one Word cell, with their budgets one per line in the cells
    /// beside it: a PDF gives every visual line a row, so a budget line stands beside whatever
    /// line of a name happens to be at its height — several beside the first item, none beside
    /// the last, an amount too wide for its column cut in two ("10" beside one item, ",000"
    /// beside the next). Over a run of item rows (up to a dimension or mission heading, or a
    /// total), when a column holds as many budget lines in all as there are items, once the
    /// pieces of cut amounts are joined again, but not one each, they are dealt out in order.
    /// Anything else — fewer or more lines, a line that is no budget — is left as it stands.
    static func unstackingBudgets(_ rows: [TableRow], layout: RowLayout) -> [TableRow] {
        var rows = rows
        let valueColumns = (0..<layout.width).filter { !layout.isText($0) && !layout.skip.contains($0) }
        guard !valueColumns.isEmpty else { return rows }
        func isItemRow(_ row: TableRow) -> Bool {
            guard row.cells.count == layout.width, startsItem(row.cells[layout.items].lines.first ?? ""),
                  !row.cells.contains(where: { startsTotal($0.lines.first ?? "") }) else { return false }
            // One item to a row: a cell that names several (its budgets beside it, one line
            // each) is read as it stands.
            return !row.cells[layout.items].lines.dropFirst().contains { line in
                ImportText.marker(Substring(line)).map { [.closingParen, .parens].contains($0.style) && $0.numbers.count == 1 } ?? false
            }
        }
        func beginsHeading(_ row: TableRow) -> Bool {
            [layout.dimension, layout.mission].compactMap { $0 }.contains { startsHeading(row.cells[$0].lines.first ?? "") }
        }
        var index = 0
        while index < rows.count {
            guard isItemRow(rows[index]) else { index += 1; continue }
            var end = index + 1
            while end < rows.count, isItemRow(rows[end]), !beginsHeading(rows[end]) { end += 1 }
            let run = index..<end
            if run.count >= 2 {
                for column in valueColumns {
                    let lines = joiningCutAmounts(run.flatMap { rows[$0].cells[column].lines })
                    guard lines.count == run.count, lines.allSatisfy(isBudgetLine),
                          run.contains(where: { rows[$0].cells[column].lines.count != 1 || !isBudgetLine(rows[$0].cells[column].lines[0]) }) else { continue }
                    for (offset, row) in run.enumerated() { rows[row].cells[column].lines = [lines[offset]] }
                }
            }
            index = end
        }
        return rows
    }

    /// Budget lines with the pieces of an amount cut by a narrow column joined again: "10" and
    /// ",000", "10," and "000", "14" and "0,000", "10,00" and "0" — when one piece is no whole
    /// amount and the two together are. Two whole amounts ("10", "20"; "10,000", "5,000") are
    /// two items' budgets and stay apart.
    static func joiningCutAmounts(_ lines: [String]) -> [String] {
        var out: [String] = []
        for line in lines {
            if let last = out.last, isAmountPiece(last), isAmountPiece(line) {
                let previous = compactDigits(last), next = compactDigits(line)
                if !(isWholeAmount(previous) && isWholeAmount(next)), isWholeAmount(previous + next) {
                    out[out.count - 1] = previous + next
                    continue
                }
            }
            out.append(line)
        }
        return out
    }

    private static func compactDigits(_ line: String) -> String {
        String(ImportText.arabic(line).filter { !$0.isWhitespace })
    }

    /// "10,000", "500", "1,250.50": digits in whole thousands groups, no leading zero.
    static func isWholeAmount(_ text: String) -> Bool {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count <= 2, let whole = parts.first, !whole.isEmpty else { return false }
        if parts.count == 2 && (parts[1].isEmpty || !parts[1].allSatisfy { $0.isASCII && $0.isNumber }) { return false }
        let groups = whole.split(separator: ",", omittingEmptySubsequences: false)
        guard groups.allSatisfy({ !$0.isEmpty && $0.allSatisfy { $0.isASCII && $0.isNumber } }) else { return false }
        // "0,000" or "05": no amount begins with a zero (but "0" and "0.50" are amounts).
        if groups[0].first == "0" && (groups.count > 1 || groups[0].count > 1) { return false }
        if groups.count == 1 { return true }
        return groups[0].count <= 3 && groups.dropFirst().allSatisfy { $0.count == 3 }
    }

    /// A header written over several visual lines ("ปี" above "2566", "งบ" above "ประมาณ",
    /// "หมา" above "ยเหตุ" in a narrow column) — a PDF gives each line as a row — is one header
    /// row: the rows from the one naming the items column up to the first that begins a
    /// dimension, mission, item or total, of the same width, are joined column by column.
    static func joiningHeaderLines(_ table: DocumentTable) -> DocumentTable {
        guard let headerIndex = table.rows.firstIndex(where: { row in row.cells.contains { header($0.text) == .items } }) else { return table }
        let width = table.rows[headerIndex].cells.count
        var end = headerIndex + 1
        while end < table.rows.count, end - headerIndex <= 8 {
            let row = table.rows[end]
            guard row.cells.count == width else { break }
            // Only pieces of header words ("กิจกรรม/" below "โครงการ/" is no item).
            if !isHeaderFragmentRow(row.cells.map(\.text)) { break }
            // A second header row of whole headings ("ต.ค." under "พ.ศ. 2562", "ปี 2566" under
            // "งบประมาณ (บาท)") is a row of its own, not the rest of the words above.
            let upper = table.rows[end - 1].cells
            if row.cells.indices.contains(where: { !row.cells[$0].isEmpty && header(row.cells[$0].text) != nil && $0 < upper.count && (upper[$0].isEmpty || header(upper[$0].text) != nil) }) { break }
            end += 1
        }
        guard end > headerIndex + 1 else { return table }
        var merged = table.rows[headerIndex]
        for row in table.rows[(headerIndex + 1)..<end] {
            for (column, cell) in row.cells.enumerated() where !cell.isEmpty {
                let text = cell.lines.joined(separator: " ")
                let current = merged.cells[column].text
                merged.cells[column].lines = [current.isEmpty ? text : ImportText.joinBroken(current, text)]
            }
        }
        var out = table
        out.rows.replaceSubrange(headerIndex..<end, with: [merged])
        return out
    }

    /// A row of header pieces only. A piece of one letter ("ป" of "ประมาณ") counts only beside
    /// others: alone it is as likely a wrapped name's last letter.
    static func isHeaderFragmentRow(_ texts: [String]) -> Bool {
        let nonEmpty = texts.filter { !ImportText.compact($0).isEmpty }
        guard !nonEmpty.isEmpty, nonEmpty.allSatisfy(isHeaderFragment) else { return false }
        return nonEmpty.count >= 2 || ImportText.compact(nonEmpty[0]).count >= 2
    }

    /// A piece of a header word cut by a narrow column: letters of the header words only
    /// ("ปี", "2566", "งบ", "ประมาณ", "(บาท)", "ยเหตุ", "กิจกรรม/", "มาตรการ").
    static func isHeaderFragment(_ line: String) -> Bool {
        let compact = ImportText.compact(line).replacingOccurrences(of: "/", with: "")
        guard !compact.isEmpty, compact.count <= 14 else { return false }
        if compact.count == 4, let year = Int(compact), FiscalYear.plausibleRange.contains(year) { return true }
        if monthNames.contains(where: { $0.0 == compact }) { return true }
        let words = ["มิติ", "ภารกิจตามมิติ", "ภาระกิจตามมิติ", "โครงการกิจกรรมมาตรการ", "ปีงบประมาณพศ", "งบประมาณบาท", "หมายเหตุ", "ระยะเวลาดำเนินการ",
                     // Headings of the columns the plan does not keep (the 2561–2564 layout).
                     "เป้าหมาย", "ตัวชี้วัด", "ผู้รับผิดชอบ", "หน่วยงานรับผิดชอบ", "วัตถุประสงค์", "ลำดับที่"]
        // Pieces of month names too: "ต" above ".ค" above "." in a narrow month column.
        return words.contains { $0.contains(compact) } || monthNames.prefix(12).contains { $0.0.contains(compact) }
    }

    /// A cell's further visual lines: the first joins the cell's last line (a word broken at
    /// the cell's edge), the others follow. Budget lines stay lines of their own.
    static func append(_ cell: TableCell, to target: inout TableCell) {
        guard !cell.lines.isEmpty else { return }
        if target.isEmpty {
            target.lines = cell.lines
            return
        }
        let isFigure: (String) -> Bool = { isBudgetLine($0) || isAmountPiece($0) }
        if cell.lines.allSatisfy(isFigure) && target.lines.allSatisfy(isFigure) {
            // "20,00" above "0", "10" above ",000": an amount cut by a narrow column, not two
            // amounts; any other budget line ("-" below ",000") is a line of its own.
            target.lines = joiningCutAmounts(target.lines + cell.lines)
            return
        }
        // A line that begins an item, a heading or a total ("13) มาตรการ…", "จำนวน 4 โครงการ")
        // is never the end of a broken name: when cells slip (a page of a one-cell-per-line
        // table lost), it stays a line of its own, so no two items become one.
        if let first = cell.lines.first, beginsOwnLine(first) {
            target.lines += cell.lines
            return
        }
        let last = target.lines.removeLast()
        let next = cell.lines[0]
        if let end = last.unicodeScalars.last, let start = next.unicodeScalars.first, ImportText.digitValue(end) != nil,
           start == "," || start == "." || ImportText.digitValue(start) != nil {
            target.lines.append(last + next) // "10" + ",000": a number broken at the cell's edge
        } else {
            target.lines.append(ImportText.joinBroken(last, next))
        }
        target.lines += cell.lines.dropFirst()
    }

    /// A numbered item, a dimension or mission heading, a total or a stated count.
    static func beginsOwnLine(_ line: String) -> Bool {
        if startsTotal(line) || ImportText.starts(ImportText.compact(line), with: "จำนวน") && statedCount(line) != nil { return true }
        guard let marker = ImportText.marker(Substring(line)) else { return false }
        switch marker.style {
        case .closingParen, .parens: return marker.numbers.count == 1 && !marker.rest.isEmpty
        case .code: return true
        case .dot: return !marker.rest.isEmpty && (marker.numbers.count >= 2 || PlanItemKind.recognize(fromName: String(marker.rest)) != nil || ImportText.starts(line, with: "มิติ"))
        default: return false
        }
    }

    /// Digits, commas and points only (",000", "10,"): a piece of an amount a narrow column cut.
    static func isAmountPiece(_ line: String) -> Bool {
        let text = ImportText.arabic(line).filter { !$0.isWhitespace }
        return text.contains(where: \.isNumber) && text.allSatisfy { $0.isASCII && ($0.isNumber || $0 == "," || $0 == ".") }
    }

    /// Digits whose thousands groups are not whole ("20,00", "1,5"): the start of an amount.
    static func isCutAmount(_ line: String) -> Bool {
        let text = String(ImportText.arabic(line).filter { !$0.isWhitespace })
        guard text.contains(","), text.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ",") }) else { return false }
        let groups = text.components(separatedBy: ",")
        return groups.dropFirst().contains { $0.count != 3 }
    }

    private var firstBudgetColumn: Int {
        effectiveColumns.firstIndex { if case .year = $0 { return true }; return $0 == .budget } ?? 0
    }

    private mutating func noteHeader(_ header: HeaderCell) {
        // The header is read once, when the items column is named; later copies (a header repeated
        // after a page break) change nothing.
        switch header {
        case .items:
            if items.isEmpty { columns = [] }
        case .year(let year):
            // "พ.ศ. 2562" over ต.ค.–ธ.ค. of a one-year plan 2563: a calendar year over months,
            // no budget column of the plan.
            guard planYears.isEmpty || planYears.contains(year) else { break }
            guard items.isEmpty && !columns.contains(.year(year)) else { break }
            // Years stand together; "งบประมาณ (บาท)" spanning the year columns above them (a
            // header row before the years) names no column of its own: the years take its place.
            let isYear: (PlanColumn) -> Bool = { if case .year = $0 { return true }; return false }
            if let lastYear = columns.lastIndex(where: isYear) {
                columns.insert(.year(year), at: lastYear + 1)
            } else if let spanning = columns.firstIndex(of: .budget) {
                columns[spanning] = .year(year)
            } else {
                columns.append(.year(year))
            }
        case .month(let month):
            // Months stand together after the amounts; with a two-row header they come after a
            // "หมายเหตุ" that spans both rows, yet their columns stand before it.
            guard items.isEmpty && !columns.contains(.month(month)) else { break }
            let isValue: (PlanColumn) -> Bool = { if case .year = $0 { return true }; if case .month = $0 { return true }; return $0 == .budget }
            if let last = columns.lastIndex(where: isValue) {
                columns.insert(.month(month), at: last + 1)
            } else {
                columns.append(.month(month))
            }
        case .remarks:
            if items.isEmpty && !columns.contains(.remarks) { columns.append(.remarks) }
        case .unit, .budget:
            // "งบประมาณ (บาท)" beneath the years in a second header row; alone, a budget column.
            if items.isEmpty && !columns.contains(where: { if case .year = $0 { return true }; return $0 == .budget }) {
                columns.append(.budget)
            }
        case .dimension, .mission, .schedule:
            break
        }
        target = nil
    }

    /// A cell of budgets (one line per item, in order), schedule marks or remarks.
    private mutating func readValueCell(_ cell: TableCell) {
        let columns = effectiveColumns
        guard let target else {
            if !cell.isEmpty { unplaced(cell) }
            return
        }
        // Skip schedule columns when the cell holds an amount, and amount columns for marks.
        guard columnIndex < columns.count else {
            if !cell.isEmpty { unplaced(cell) }
            return
        }
        let column = columns[columnIndex]
        columnIndex += 1
        switch column {
        case .year(let year):
            assignBudget(cell, year: year, to: target)
        case .budget:
            guard let year = defaultBudgetYear ?? planYears.first else { return }
            assignBudget(cell, year: year, to: target)
        case .month(let month):
            if case .items(let indices) = target, !cell.isEmpty {
                for index in indices where !items[index].months.contains(month) { items[index].months.append(month) }
            }
        case .remarks:
            if case .items(let indices) = target, !cell.isEmpty, indices.count == 1 {
                items[indices[0]].remarks.append(cell.text)
            }
        case .other:
            break
        }
    }

    private mutating func assignBudget(_ cell: TableCell, year: FiscalYear, to target: Target) {
        let lines = cell.lines.isEmpty ? [""] : cell.lines
        for line in lines where line.contains("#") {
            findings.append(ImportFinding(severity: .warning, code: "budget.unreadable", line: cell.line, message: LocalizedText(
                th: "งบประมาณปี \(year.be) อ่านไม่ได้ (“\(line)” — ตัวเลขกว้างเกินช่องตาราง) กรุณากรอกใหม่",
                en: "The \(year.be) budget cannot be read (“\(line)” — the number was too wide for its cell); enter it again")))
        }
        func entry(_ line: String) -> BudgetEntry? {
            line.contains("#") ? nil : BudgetEntry.parseDocumentText(line)
        }
        switch target {
        case .items(let indices):
            if lines.count == indices.count {
                for (index, line) in zip(indices, lines) { items[index].budgets[year] = entry(line) }
            } else if lines.count == 1 {
                let value = entry(lines[0])
                if case .amount = value, indices.count > 1 {
                    findings.append(ImportFinding(severity: .warning, code: "budget.ambiguous", line: cell.line, message: LocalizedText(
                        th: "งบประมาณปี \(year.be) มีตัวเลขเดียวสำหรับ \(indices.count) รายการ จึงนับให้รายการแรกเท่านั้น",
                        en: "The \(year.be) budget cell holds one amount for \(indices.count) items; it was given to the first item only")))
                    items[indices[0]].budgets[year] = value
                    for index in indices.dropFirst() { items[index].budgets[year] = BudgetEntry.noBudget }
                } else {
                    for index in indices { items[index].budgets[year] = value }
                }
            } else {
                findings.append(ImportFinding(severity: .warning, code: "budget.lines", line: cell.line, message: LocalizedText(
                    th: "ช่องงบประมาณปี \(year.be) มี \(lines.count) บรรทัด แต่มี \(indices.count) รายการ จึงจับคู่ตามลำดับเท่าที่ทำได้",
                    en: "The \(year.be) budget cell has \(lines.count) lines for \(indices.count) items; they were paired in order as far as possible")))
                for (index, line) in zip(indices, lines) { items[index].budgets[year] = entry(line) }
            }
        case .subtotal(let index):
            let text = Self.joiningCutAmounts(lines).joined(separator: " ")
            subtotals[index].budgets[year] = entry(text)
            subtotals[index].budgetText[year] = text
        case .grandTotal:
            let text = Self.joiningCutAmounts(lines).joined(separator: " ")
            grandTotal?.budgets[year] = entry(text)
            grandTotal?.budgetText[year] = text
        }
    }

    /// Whether a cell begins with a dimension, mission or numbered item — then it is not remarks.
    static func startsStructure(_ cell: TableCell) -> Bool {
        guard let first = cell.lines.first else { return false }
        if ImportText.starts(first, with: "มิติที่") { return true }
        guard let marker = ImportText.marker(Substring(first)) else { return false }
        switch marker.style {
        case .closingParen, .parens, .code: return true
        case .dot: return marker.numbers.count <= 3
        default: return false
        }
    }

    /// A cell of dimension, mission and item lines.
    private mutating func readStructureCell(_ cell: TableCell) {
        var newItems: [Int] = []
        var placedSomething = false
        for (offset, line) in cell.lines.enumerated() {
            let lineNumber = cell.line + offset
            let marker = ImportText.marker(Substring(line))
            if ImportText.starts(line, with: "มิติที่"), let (number, rest) = ImportText.leadingNumber(ImportText.trimmedStart(line.dropFirst("มิติที่".count)), maxDigits: 2) {
                setDimension(number, name: ImportText.clean(rest), line: lineNumber)
                placedSomething = true
                newItems = []
                continue
            }
            if let marker {
                let rest = String(marker.rest)
                let isItem = PlanItemKind.recognize(fromName: rest) != nil
                switch marker.style {
                case .dot where marker.numbers.count == 1 && !isItem && !rest.isEmpty && marker.numbers[0] <= 9:
                    setDimension(marker.numbers[0], name: rest, line: lineNumber)
                    placedSomething = true
                    newItems = []
                    continue
                case .code where marker.numbers.count == 2, .dot where marker.numbers.count == 2 && !isItem:
                    setMission(code: marker.code, name: rest, line: lineNumber)
                    placedSomething = true
                    newItems = []
                    continue
                case .code where marker.numbers.count == 3, .dot where marker.numbers.count == 3 && !isItem:
                    // The second mission level: items that follow hang on "x.y.z".
                    setSubMission(code: marker.code, name: rest, line: lineNumber)
                    placedSomething = true
                    newItems = []
                    continue
                case .closingParen where marker.numbers.count == 1, .parens where marker.numbers.count == 1, .dot where marker.numbers.count == 1 && isItem:
                    items.append(TableItem(number: marker.numbers[0], name: rest, line: lineNumber, dimension: currentDimension, missionCode: currentMission,
                                           subMissionCode: currentSubMission))
                    newItems.append(items.count - 1)
                    placedSomething = true
                    continue
                default:
                    break
                }
            }
            // "เดือนที่ดำเนินการ: ต.ค. – ธ.ค." under an item's name: its months, not its name.
            if let last = newItems.last, let months = SheetParser.monthsLine(line) {
                for month in months.months where !items[last].months.contains(month) { items[last].months.append(month) }
                continue
            }
            // A stated count or a total's word that slipped into this cell (a lost page moved
            // the cells) is no part of a name.
            if marker == nil, Self.beginsOwnLine(line) {
                unplaced(TableCell(lines: [line], line: lineNumber))
                continue
            }
            // A line without a marker: more of the previous item's name, or an unnumbered item.
            if let last = newItems.last {
                items[last].name = ImportText.joinBroken(items[last].name, line)
            } else if PlanItemKind.recognize(fromName: line) != nil && (currentMission != nil || currentDimension != nil) {
                items.append(TableItem(number: nil, name: line, line: lineNumber, dimension: currentDimension, missionCode: currentMission,
                                       subMissionCode: currentSubMission))
                newItems.append(items.count - 1)
                placedSomething = true
            } else if !placedSomething, currentDimension != nil, items.isEmpty || target == nil, missions.last?.line != lineNumber,
                      ImportText.containsThai(line), offset == 0, !ImportText.has(line, "โครงการ"),
                      // Never from a fragment: a mission's words are many, with no digit, and
                      // no heading's piece ("วัตถุประสงค์", "2562 ต.ค.", "ปลัด").
                      ImportText.compact(line).count >= 12, !line.contains(where: \.isNumber), !Self.isHeaderFragment(line) {
                // A mission written without its number.
                setMission(code: nil, name: line, line: lineNumber)
                placedSomething = true
            } else {
                unplaced(TableCell(lines: [line], line: lineNumber))
            }
        }
        if !newItems.isEmpty {
            target = .items(newItems)
            columnIndex = firstBudgetColumn
        } else if placedSomething {
            target = nil
        }
    }

    private mutating func setDimension(_ number: Int, name: String, line: Int) {
        currentDimension = number
        currentMission = nil
        currentSubMission = nil
        if dimensionNames[number] == nil { dimensionNames[number] = (name, line) }
    }

    private mutating func setMission(code: String?, name: String, line: Int) {
        if let code, let dimension = Mission.dimensionNumber(ofCode: code) { currentDimension = dimension }
        missions.append(TableMission(code: code, name: name, dimension: currentDimension, line: line))
        currentMission = code ?? "?\(missions.count)"
        currentSubMission = nil
    }

    /// "1.1.2 …": a sub-mission of mission "1.1". The mission itself is taken by its code when
    /// the table has no row for it (the catalog names it); no mission is made up from the
    /// sub-mission's words.
    private mutating func setSubMission(code: String, name: String, line: Int) {
        let parent = code.split(separator: ".").prefix(2).joined(separator: ".")
        if let dimension = Mission.dimensionNumber(ofCode: code) { currentDimension = dimension }
        if currentMission != parent {
            currentMission = parent
            if !missions.contains(where: { $0.code == parent }) {
                missions.append(TableMission(code: parent, name: "", dimension: currentDimension, line: line))
            }
        }
        if let index = missions.lastIndex(where: { $0.code == parent }), !missions[index].subMissions.contains(where: { $0.code == code }) {
            missions[index].subMissions.append(SubMission(code: code, name: ImportText.clean(name)))
        }
        currentSubMission = code
    }

    private mutating func unplaced(_ cell: TableCell) {
        unplacedCells += 1
        guard unplacedCells <= 20 else { return }
        let text = String(cell.text.prefix(80))
        findings.append(ImportFinding(severity: .info, code: "line.unplaced", line: cell.line, message: LocalizedText(
            th: "ข้อความในตารางแผนที่ไม่ทราบว่าเป็นส่วนใด: “\(text)”",
            en: "Text in the plan table that could not be placed: “\(text)”")))
    }
}
