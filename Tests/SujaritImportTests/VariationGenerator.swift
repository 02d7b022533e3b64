import Foundation
import SujaritCore
@testable import SujaritImport

/// SplitMix64: a small deterministic generator, so that every variant can be made again from its
/// seed number when a test fails.
struct SeededRandom: RandomNumberGenerator {
    private var state: UInt64
    init(seed: UInt64) { state = seed &+ 0x9E37_79B9_7F4A_7C15 }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func chance(_ probability: Double) -> Bool { Double.random(in: 0..<1, using: &self) < probability }
}

/// Makes variants of a plan document in its text form, the way other organizations' files and
/// other extraction tools write the same plan: the Part 2 table in rows, each visual line of a
/// wrapped cell its own row, items renumbered, Thai or Arabic digits, misspelled headings, page
/// numbers and repeated header rows at page breaks, and the damage of PDF text extraction.
struct PlanVariation: CustomStringConvertible {
    enum TableForm: String { case original, cells, rows }
    enum Numbering: String { case original, thaiParen = "๑)", arabicDot = "1.", arabicParen = "1)" }
    enum Digits: String { case original, thai, arabic }
    enum SaraAm: String { case intact, decomposed, dropped }

    var tableForm: TableForm = .original
    /// Wrap every table cell at this many characters, one visual line per row.
    var wrapWidth: Int?
    /// Dimension and mission text flows on into the rows of the next items (merged cells).
    var spill = false
    var numbering: Numbering = .original
    var restartPerMission = false
    var digits: Digits = .original
    /// `มติ` for `มิติ` in headings (ภารกิจตามมติ, มติที่ 2, the header cell).
    var misspellHeadings = false
    var pageNumbers = false
    /// At page breaks inside the table: a blank line, and the header rows again.
    var repeatHeaders = false
    var saraAm: SaraAm = .intact
    /// Probability of a space before a vowel or tone mark (PDF extraction); `pdftotext -layout`
    /// also sets one after mai han-akat and mai taikhu ("ฟั ง", "เป็ น") at the same rate.
    var spaceBeforeMarks = 0.0
    /// `ป้` read as `ปู` (a PDF font without the pair), everywhere.
    var poAsPu = false
    /// A web page's banner and menu lines before the document (a plan copied from the
    /// organization's website).
    var webBanner = false
    /// A "page" of the Part 2 table lost in extraction: this share of its lines, from the middle.
    var droppedTableShare: Double?
    /// The plan moved into the older (2561–2564) layout as far as its structure allows: a flat
    /// document (no "ส่วนที่ N" part headings), the older cycle's dimension names, and a one-year
    /// plan's title of that cycle (แผนป้องกันปราบปรามการทุจริตและประพฤติมิชอบ). Its years stay: a
    /// five-year plan has no four-year form.
    var olderLayout = false
    var seed: UInt64 = 0

    var description: String {
        var parts = ["seed \(seed)"]
        if tableForm != .original { parts.append("table \(tableForm.rawValue)") }
        if let wrapWidth { parts.append("wrap \(wrapWidth)\(spill ? " spill" : "")") }
        if numbering != .original { parts.append("numbering \(numbering.rawValue)\(restartPerMission ? " restart" : " continue")") }
        if digits != .original { parts.append("digits \(digits.rawValue)") }
        if misspellHeadings { parts.append("มติ") }
        if pageNumbers { parts.append("page numbers") }
        if repeatHeaders { parts.append("repeated headers") }
        if saraAm != .intact { parts.append("sara am \(saraAm.rawValue)") }
        if spaceBeforeMarks > 0 { parts.append("spaces before marks \(spaceBeforeMarks)") }
        if poAsPu { parts.append("ป้ as ปู") }
        if webBanner { parts.append("web banner") }
        if let droppedTableShare { parts.append("table page lost \(droppedTableShare)") }
        if olderLayout { parts.append("2561 layout") }
        return parts.joined(separator: ", ")
    }

    /// A random variant; `hasTable` when the document has a Part 2 table to rewrite.
    static func random(seed: UInt64, hasTable: Bool) -> PlanVariation {
        var random = SeededRandom(seed: seed)
        var variation = PlanVariation(seed: seed)
        if hasTable {
            variation.tableForm = [.original, .cells, .rows, .rows].randomElement(using: &random)!
            if variation.tableForm != .original {
                if random.chance(0.7) { variation.wrapWidth = Int.random(in: 20...40, using: &random) }
                variation.spill = variation.wrapWidth != nil && random.chance(0.5)
                variation.numbering = [.original, .thaiParen, .arabicDot, .arabicParen].randomElement(using: &random)!
                variation.restartPerMission = variation.numbering != .original && random.chance(0.5)
                variation.repeatHeaders = variation.tableForm == .rows && random.chance(0.5)
            }
        }
        variation.digits = [.original, .thai, .arabic].randomElement(using: &random)!
        variation.misspellHeadings = random.chance(0.4)
        variation.pageNumbers = random.chance(0.4)
        variation.saraAm = [.intact, .intact, .decomposed, .dropped].randomElement(using: &random)!
        if random.chance(0.3) { variation.spaceBeforeMarks = [0.02, 0.05, 0.15].randomElement(using: &random)! }
        // (Drawn after the others, so that the variants of earlier seeds stay what they were.)
        variation.poAsPu = random.chance(0.3)
        variation.webBanner = random.chance(0.3)
        variation.olderLayout = random.chance(0.2)
        return variation
    }

    // MARK: - Applying

    func apply(to text: String) -> String {
        var random = SeededRandom(seed: seed ^ 0xA5A5_5A5A)
        var lines = text.components(separatedBy: "\n")
        var tableRange: Range<Int>?
        if tableForm != .original, let found = Self.planTable(in: text) {
            let rewritten = rewrite(found.table, random: &random)
            lines.replaceSubrange(found.lines, with: [""] + rewritten + ["", ""])
            tableRange = found.lines.lowerBound..<(found.lines.lowerBound + rewritten.count + 3)
        }
        if let share = droppedTableShare, let found = Self.planTable(in: lines.joined(separator: "\n")) {
            // A page lost: a run of the table's lines from its middle (not its header).
            let range = found.lines
            let length = max(1, Int(Double(range.count) * share))
            let start = range.lowerBound + max(2, (range.count - length) / 2)
            lines.removeSubrange(start..<min(range.upperBound, start + length))
        }
        if olderLayout { lines = Self.olderLayout(lines) }
        if pageNumbers { lines = insertPageNumbers(lines, avoiding: tableRange, random: &random) }
        if webBanner {
            lines = ["สำนักงานเทศบาล - หน้าแรก | เกี่ยวกับเรา | ข่าวประชาสัมพันธ์ | ติดต่อเรา", "Skip to content", "หน้าแรก  ข้อมูลพื้นฐาน  บริการประชาชน  ค้นหา",
                     "ประกาศ / ข่าวจัดซื้อจัดจ้าง", ""] + lines
        }
        var result = lines.joined(separator: "\n")
        if poAsPu { result = result.replacingOccurrences(of: "ป้", with: "ปู") }
        if misspellHeadings { result = Self.misspell(result) }
        switch digits {
        case .original: break
        case .thai: result = ThaiDigits.toThai(result)
        case .arabic: result = ThaiDigits.toArabic(result)
        }
        result = damage(result, random: &random)
        return result
    }

    /// The Part 2 table (the one whose header names the items column) and its 0-based line range.
    static func planTable(in text: String) -> (table: DocumentTable, lines: Range<Int>)? {
        let blocks = PlainTextReader.read(text)
        guard let index = blocks.firstIndex(where: { block in
            guard case .table(let table) = block else { return false }
            return table.cells.prefix(30).contains { PlanTableParser.header($0.text) == .items }
        }), case .table(let table) = blocks[index] else { return nil }
        let end = index + 1 < blocks.count ? blocks[index + 1].line - 1 : text.components(separatedBy: "\n").count
        return (table, (table.line - 1)..<end)
    }

    // MARK: Table

    /// A logical row: its cells, each a list of paragraphs.
    typealias Row = [[String]]

    struct Columns {
        var dimension: Int
        var mission: Int
        var items: Int
        var width: Int
        func isText(_ column: Int) -> Bool { column == dimension || column == mission || column == items }
    }

    func rewrite(_ table: DocumentTable, random: inout SeededRandom) -> [String] {
        let width = table.rows.map(\.cells.count).max() ?? 0
        var header: [Row] = []
        var rows: [Row] = []
        var columns = Columns(dimension: 0, mission: 1, items: 2, width: width)
        for row in table.rows {
            var cells = row.cells.map(\.lines)
            while cells.count < width { cells.append([]) }
            let isHeader = rows.isEmpty && cells.allSatisfy { $0.isEmpty || PlanTableParser.header($0.joined(separator: " ")) != nil }
            if isHeader {
                for (column, cell) in cells.enumerated() {
                    switch PlanTableParser.header(cell.joined(separator: " ")) {
                    case .dimension?: columns.dimension = column
                    case .mission?: columns.mission = column
                    case .items?: columns.items = column
                    default: break
                    }
                }
                if !cells.allSatisfy(\.isEmpty) { header.append(cells.map { $0.isEmpty ? [] : [$0.joined(separator: " ")] }) }
                continue
            }
            if cells.allSatisfy(\.isEmpty) { continue }
            rows += Self.splitItems(cells, columns: columns)
        }
        rows = renumber(rows, columns: columns)
        switch tableForm {
        case .original:
            return []
        case .cells:
            return cellForm(header: header, rows: rows, columns: columns)
        case .rows:
            return rowForm(header: header, rows: rows, columns: columns, random: &random)
        }
    }

    /// One logical row per item: a cell of several numbered items, with as many lines in each
    /// budget cell, becomes that many rows.
    static func splitItems(_ cells: Row, columns: Columns) -> [Row] {
        var groups: [[String]] = []
        for line in cells[columns.items] {
            if let marker = ImportText.marker(Substring(line)), marker.style == .closingParen || marker.style == .dot, marker.numbers.count == 1 {
                groups.append([line])
            } else if groups.isEmpty {
                groups.append([line])
            } else {
                groups[groups.count - 1].append(line)
            }
        }
        let valueColumns = (0..<cells.count).filter { !columns.isText($0) }
        guard groups.count >= 2, valueColumns.allSatisfy({ cells[$0].isEmpty || cells[$0].count == groups.count }) else { return [cells] }
        return groups.enumerated().map { index, group in
            (0..<cells.count).map { column -> [String] in
                if column == columns.items { return [group.joined(separator: " ")] }
                if column == columns.dimension || column == columns.mission { return index == 0 ? cells[column] : [] }
                return cells[column].isEmpty ? [] : [cells[column][index]]
            }
        }
    }

    func renumber(_ rows: [Row], columns: Columns) -> [Row] {
        guard numbering != .original else { return rows }
        var counter = 0
        return rows.map { row in
            var row = row
            if restartPerMission && !row[columns.mission].isEmpty { counter = 0 }
            row[columns.items] = row[columns.items].map { line in
                guard let marker = ImportText.marker(Substring(line)), marker.style == .closingParen || marker.style == .dot, marker.numbers.count == 1,
                      PlanItemKind.recognize(fromName: String(marker.rest)) != nil else { return line }
                counter += 1
                switch numbering {
                case .original: return line
                case .thaiParen: return ThaiDigits.toThai("\(counter))") + " " + marker.rest
                case .arabicDot: return "\(counter). " + marker.rest
                case .arabicParen: return "\(counter)) " + marker.rest
                }
            }
            return row
        }
    }

    /// Visual lines of a paragraph at `width` characters, broken at a space when one is near.
    static func wrap(_ paragraph: String, width: Int) -> [String] {
        var lines: [String] = []
        var rest = Substring(paragraph)
        while rest.count > width {
            let limit = rest.index(rest.startIndex, offsetBy: width)
            let head = rest[..<limit]
            if let space = head.lastIndex(of: " "), head.distance(from: head.startIndex, to: space) >= width / 2 {
                lines.append(String(rest[..<space]))
                rest = rest[rest.index(after: space)...]
            } else {
                lines.append(String(head))
                rest = rest[limit...]
            }
        }
        if !rest.isEmpty { lines.append(String(rest)) }
        return lines
    }

    func fragments(_ cell: [String]) -> [String] {
        guard let wrapWidth else { return cell }
        return cell.flatMap { Self.wrap($0, width: wrapWidth) }
    }

    /// Physical rows: every cell's visual lines, one per row, the other cells of that row empty;
    /// values (budgets) only on the first.
    func physicalRows(_ rows: [Row], columns: Columns) -> [[String]] {
        var result: [[String]] = []
        let spillColumns = spill ? [columns.dimension, columns.mission] : []
        var queues: [Int: [String]] = [:]
        for row in rows {
            // A new dimension or mission: what is left of the previous one stays in the rows above.
            for column in spillColumns where !row[column].isEmpty && !(queues[column] ?? []).isEmpty {
                while !(queues[column] ?? []).isEmpty {
                    var line = Array(repeating: "", count: columns.width)
                    line[column] = queues[column]!.removeFirst()
                    result.append(line)
                }
            }
            var own: [[String]] = row.map { fragments($0) }
            for column in spillColumns where !own[column].isEmpty {
                queues[column] = own[column]
                own[column] = []
            }
            let height = max(1, own.map(\.count).max() ?? 1)
            for index in 0..<height {
                var line = Array(repeating: "", count: columns.width)
                for column in 0..<columns.width where index < own[column].count { line[column] = own[column][index] }
                for column in spillColumns where !(queues[column] ?? []).isEmpty { line[column] = queues[column]!.removeFirst() }
                result.append(line)
            }
        }
        for column in spillColumns {
            while !(queues[column] ?? []).isEmpty {
                var line = Array(repeating: "", count: columns.width)
                line[column] = queues[column]!.removeFirst()
                result.append(line)
            }
        }
        return result
    }

    /// Cells one per line, led by a tab; the header row ends at a blank line.
    func cellForm(header: [Row], rows: [Row], columns: Columns) -> [String] {
        var lines: [String] = []
        for row in header {
            for cell in row { lines.append("\t" + cell.joined(separator: "\n")) }
            lines.append("")
        }
        if wrapWidth == nil {
            for row in rows {
                for cell in row { lines.append("\t" + cell.joined(separator: "\n")) }
            }
        } else {
            for row in physicalRows(rows, columns: columns) {
                for cell in row { lines.append("\t" + cell) }
            }
        }
        return lines
    }

    /// Rows of tab-separated cells, one per line.
    func rowForm(header: [Row], rows: [Row], columns: Columns, random: inout SeededRandom) -> [String] {
        let headerLines = header.map { row in row.map { $0.joined(separator: " ") }.joined(separator: "\t") }
        var lines = headerLines
        let physical: [[String]] = wrapWidth == nil ? rows.map { $0.map { $0.joined(separator: " ") } } : physicalRows(rows, columns: columns)
        var page = 3
        for (index, row) in physical.enumerated() {
            if index > 0 && index % 12 == 0 && (repeatHeaders || pageNumbers) && random.chance(0.6) {
                lines.append("")
                if pageNumbers {
                    page += 1
                    lines.append(["- \(page) -", "หน้า \(page)", "\(page)"].randomElement(using: &random)!)
                    lines.append("")
                }
                if repeatHeaders { lines += headerLines }
            }
            guard !row.allSatisfy(\.isEmpty) else { continue }
            lines.append(row.joined(separator: "\t"))
        }
        return lines
    }

    // MARK: Text

    func insertPageNumbers(_ lines: [String], avoiding table: Range<Int>?, random: inout SeededRandom) -> [String] {
        var result: [String] = []
        var page = 1
        for (index, line) in lines.enumerated() {
            result.append(line)
            guard index > 0, index + 1 < lines.count, line.isEmpty, !(table?.contains(index) ?? false) else { continue }
            let before = lines[index - 1], after = lines[index + 1]
            guard !before.isEmpty, !before.hasPrefix("\t"), !after.isEmpty, !after.hasPrefix("\t"), !after.contains("\t"), !before.contains("\t"),
                  random.chance(0.04) else { continue }
            page += 1
            result.append(["- \(page) -", "หน้า \(page)", "\(page)", "หน้า \(page) จาก 60"].randomElement(using: &random)!)
            result.append("")
        }
        return result
    }

    /// The 2566–2570 dimension names and their 2561–2564 counterparts.
    static let olderDimensionNames = [
        ("การสร้างวัฒนธรรมสุจริต", "การสร้างสังคมที่ไม่ทนต่อการทุจริต"),
        ("การบริหารราชการด้วยความโปร่งใส", "การบริหารราชการเพื่อป้องกันการทุจริต"),
        ("การยกระดับกลไกการตรวจสอบการดำเนินงานขององค์กรปกครองส่วนท้องถิ่น", "การเสริมสร้างและปรับปรุงกลไกในการตรวจสอบการปฏิบัติราชการขององค์กรปกครองส่วนท้องถิ่น"),
    ]

    static func olderLayout(_ lines: [String]) -> [String] {
        var out: [String] = []
        var titled = false
        for line in lines {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            // Part headings standing alone go; "ส่วนที่ 1 บทนำ ประกอบด้วย…" in the foreword is prose.
            if trimmed.hasPrefix("ส่วนที่"), ImportText.leadingNumber(Substring(ImportText.trimmedStart(trimmed.dropFirst("ส่วนที่".count))), maxDigits: 2)?.1.trimmingCharacters(in: .whitespaces).isEmpty == true {
                continue
            }
            var text = line
            if !titled, trimmed == "แผนปฏิบัติการป้องกันการทุจริต" {
                text = "แผนป้องกันปราบปรามการทุจริตและประพฤติมิชอบ"
                titled = true
            }
            for (current, older) in olderDimensionNames { text = text.replacingOccurrences(of: current, with: older) }
            out.append(text)
        }
        return out
    }

    /// `มติ` for `มิติ` where it is a heading, never in running text.
    static func misspell(_ text: String) -> String {
        var lines = text.components(separatedBy: "\n")
        for index in lines.indices {
            let line = lines[index]
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed == "\tมิติ" || trimmed == "มิติ" || line == "\tมิติ" {
                lines[index] = line.replacingOccurrences(of: "มิติ", with: "มติ")
            } else if line.hasPrefix("มิติที่") || line.hasPrefix("\tมิติที่") {
                lines[index] = line.replacingOccurrences(of: "มิติที่", with: "มติที่")
            }
            lines[index] = lines[index].replacingOccurrences(of: "ภารกิจตามมิติ", with: "ภารกิจตามมติ")
            // Header cells in rows ("มิติ\tภารกิจ…").
            if lines[index].hasPrefix("มิติ\t") { lines[index] = "มติ" + lines[index].dropFirst("มิติ".count) }
        }
        return lines.joined(separator: "\n")
    }

    func damage(_ text: String, random: inout SeededRandom) -> String {
        guard saraAm != .intact || spaceBeforeMarks > 0 else { return text }
        var scalars = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if scalar == "\u{0E33}" {
                switch saraAm {
                case .intact: break
                case .decomposed:
                    scalars.append("\u{0E4D}")
                    scalars.append("\u{0E32}")
                    continue
                case .dropped:
                    continue
                }
            }
            if spaceBeforeMarks > 0, Self.isFollowingMark(scalar), let last = scalars.last, ImportText.isThaiLetter(last) || Self.isFollowingMark(last),
               random.chance(spaceBeforeMarks) {
                scalars.append(" ")
            }
            scalars.append(scalar)
            if spaceBeforeMarks > 0, scalar == "\u{0E31}" || scalar == "\u{0E47}", random.chance(spaceBeforeMarks) { scalars.append(" ") }
        }
        return String(scalars)
    }

    /// Vowels and tone marks that never begin a syllable: ั ิ ี ึ ื ุ ู ฺ ็ ่ ้ ๊ ๋ ์ ํ ะ า ำ ๅ.
    static func isFollowingMark(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x0E30...0x0E3A, 0x0E45, 0x0E47...0x0E4E: true
        default: false
        }
    }
}

// MARK: - Word form

extension PlanVariation {
    /// How a Word file writes a table row that holds only a dimension or mission heading.
    enum HeadingRowSpan: String, CaseIterable {
        /// One cell merged across every column, the "ที่" number column included.
        case everyColumn
        /// An empty first cell, then one cell merged across all the other columns.
        case allButFirst
    }

    /// The document's blocks for a Word file whose table rows of a lone dimension or mission
    /// heading are merged cells (gridSpan) of the given form; the rest as it stands. Returns the
    /// number of rows so written too.
    static func wordBlocks(_ text: String, headingRows span: HeadingRowSpan) -> (blocks: [DocumentBlock], mergedRows: Int) {
        var merged = 0
        let blocks = PlainTextReader.read(text).map { block -> DocumentBlock in
            guard case .table(var table) = block else { return block }
            let width = table.rows.map(\.cells.count).max() ?? 0
            guard width >= 3 else { return block }
            for index in table.rows.indices {
                let row = table.rows[index]
                let filled = row.cells.filter { !$0.isEmpty }
                guard filled.count == 1, let cell = filled.first, let first = cell.lines.first, PlanTableParser.startsHeading(first) else { continue }
                var spanning = cell
                switch span {
                case .everyColumn:
                    spanning.columnSpan = width
                    table.rows[index].cells = [spanning]
                case .allButFirst:
                    spanning.columnSpan = width - 1
                    table.rows[index].cells = [TableCell(lines: [], line: cell.line), spanning]
                }
                merged += 1
            }
            return .table(table)
        }
        return (blocks, merged)
    }
}
