import Foundation
import SujaritCore

/// `pdftotext -bbox-layout` output (every word with its box, in points) → the text forms
/// `PlainTextReader` knows, tables as tab-separated rows.
///
/// Why boxes rather than `-layout`: `-layout` pads text to a character grid, and in Thai (whose
/// vowels and tone marks take no width) the grid drifts, while the gap between two table cells
/// may be a single space — so a narrow column ran into its neighbour ("1 1.1 การสร้าง…",
/// "…สมาชิก 30,000") and items were cut or counted twice. With boxes, columns are the vertical
/// gutters no word crosses in a run of table lines, whatever the alignment of their cells.
enum PDFWordLayout {
    struct Word {
        var x0: Double, y0: Double, x1: Double, y1: Double
        var text: String
        /// The page the word is on (0 = first).
        var page = 0
        var height: Double { y1 - y0 }
    }

    /// A vertical line the PDF draws (a table's cell border), in the words' points.
    struct Rule {
        var x: Double, y0: Double, y1: Double
    }

    /// One visual line: its words left to right, and the runs of them separated by cell-sized gaps.
    struct Line {
        var words: [Word]
        var y: Double
        var cells: [[Word]] = []
        var x0: Double { words.first?.x0 ?? 0 }
    }

    /// Pages of words from the XHTML that `pdftotext -bbox-layout` writes; nil when it is not that.
    /// Read as bytes: a Thai word may begin with a combining mark, which would join the tag's
    /// closing `>` into one Character and hide it from a String search.
    static func pages(fromBBoxXHTML xhtml: String) -> [[Word]]? {
        let bytes = Array(xhtml.utf8)
        func find(_ needle: String, from start: Int) -> Int? {
            let pattern = Array(needle.utf8)
            guard !pattern.isEmpty, start >= 0, bytes.count >= pattern.count else { return nil }
            var index = start
            while index + pattern.count <= bytes.count {
                if bytes[index] == pattern[0] && bytes[index..<(index + pattern.count)].elementsEqual(pattern) { return index }
                index += 1
            }
            return nil
        }
        guard find("<page", from: 0) != nil else { return nil }
        var pages: [[Word]] = []
        var position = 0
        while let page = find("<page ", from: position) {
            let pageEnd = find("</page>", from: page) ?? bytes.count
            var words: [Word] = []
            var cursor = page
            while let word = find("<word ", from: cursor), word < pageEnd {
                guard let close = find("\">", from: word), let end = find("</word>", from: close) else { break }
                let attributes = String(decoding: bytes[word..<close], as: UTF8.self) + "\""
                func value(_ name: String) -> Double? {
                    guard let start = attributes.range(of: name + "=\"") else { return nil }
                    return Double(attributes[start.upperBound...].prefix { $0 != "\"" })
                }
                cursor = end + 7
                guard let x0 = value("xMin"), let y0 = value("yMin"), let x1 = value("xMax"), let y1 = value("yMax") else { continue }
                let text = unescape(String(decoding: bytes[(close + 2)..<end], as: UTF8.self))
                if !text.isEmpty { words.append(Word(x0: x0, y0: y0, x1: x1, y1: y1, text: text)) }
            }
            pages.append(words)
            position = pageEnd
        }
        return pages
    }

    static func unescape(_ text: String) -> String {
        guard text.contains("&") else { return text }
        return text.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&apos;", with: "'")
            .replacingOccurrences(of: "&#39;", with: "'").replacingOccurrences(of: "&amp;", with: "&")
    }

    /// What a page gives, before tables are written: text lines, and table lines waiting for
    /// the columns of their whole table.
    enum Piece {
        case text(String, Line?)
        case row(Line, table: Int)
    }

    /// The pages as text: paragraphs as lines, table regions as tab-separated rows, a blank line
    /// between pages.
    ///
    /// A table is every region of lines in columns that follows another with nothing but page
    /// ends, page numbers and repeated headers between, as long as their columns agree: a plan
    /// table over ten pages is one table. Its columns come from all of its lines at once, so that
    /// every row has the same cells — a page whose remarks column happens to be empty, or whose
    /// long names leave a gutter narrower, cuts its rows at the same places as the others. The
    /// rows are then one per visual line; the plan-table reader joins them into the logical rows
    /// (an item begins where the item column begins an item number or a kind word).
    static func text(pages unnumbered: [[Word]], rules: (() -> [[Rule]])? = nil) -> String {
        if let printed = printedTextFile(pages: unnumbered) { return printed }
        let pages = unnumbered.enumerated().map { number, words in words.map { word in var word = word; word.page = number; return word } }
        var pieces: [Piece] = []
        // The document's left margin: where paragraphs start, on any page.
        let margin = pages.flatMap { $0.map(\.x0) }.min() ?? 0
        var tables: [[Line]] = []
        var open: Int?
        for words in pages {
            pageLines(words, margin: margin, tables: &tables, open: &open, into: &pieces)
            pieces.append(.text("", nil))
        }
        var columns = tables.map(Self.columns)
        rejoinSandwichedLines(&pieces, tables: &tables, columns: &columns)
        // Tables of items against months: columns from their own header (per table, so per
        // dimension), the month columns where the month names stand.
        var schedules = tables.indices.map { MonthSchedule(tables[$0], columns: columns[$0]) }
        // The cell borders tell how many months a merged cell's mark covers; read only when
        // there is a month table.
        let borders = schedules.contains { $0 != nil } ? rules?() ?? [] : []
        var out: [String] = []
        var inHeader = false
        // A table without a header of its own right after a month table (its rows on the next
        // page) goes on with that table's months.
        var lastSchedule: MonthSchedule?
        var lastTable: Int?
        for piece in pieces {
            switch piece {
            case .text(let text, _):
                inHeader = false
                out.append(text)
            case .row(let line, let table):
                if table != lastTable {
                    if schedules[table] != nil || tables[table].contains(where: isHeaderLine) { lastSchedule = schedules[table] }
                    lastTable = table
                }
                guard let schedule = schedules[table] ?? lastSchedule else {
                    out.append(row(line, columns: columns[table]))
                    continue
                }
                // The header's lines (names broken over several lines, the พ.ศ. labels over
                // groups of months) become one row of whole headings.
                if isHeaderLine(line) {
                    inHeader = true
                    // A header set out with other widths (the table goes on in a narrower
                    // layout after a page break): its rows are cut by the columns under it.
                    if schedules[table] != nil, let restart = restartedSchedule(at: line, in: tables[table]) {
                        lastSchedule = restart
                        schedules[table] = restart
                        out.append(restart.header)
                        continue
                    }
                    out.append(schedule.header)
                } else if inHeader, MonthSchedule.isHeaderPiece(line) {
                    continue
                } else {
                    inHeader = false
                    let page = line.words.first?.page ?? 0
                    out.append(schedule.row(line, rules: page < borders.count ? borders[page] : []))
                }
            }
        }
        return out.joined(separator: "\n")
    }

    /// `pdftotext -layout` text as word boxes: each run of letters a word at its position in
    /// code points (as pdftotext counts them), 3 points a position, a line 14 points below the
    /// one before; pages at form feeds. Nil unless a plan table's header line ("โครงการ…" among
    /// runs set apart by spaces) has month names (or their pieces) under it — only month
    /// schedules, which `LayoutTable` does not rebuild, are read this way.
    static func words(fromLayoutText text: String) -> [[Word]]? {
        let pages = text.components(separatedBy: "\u{0C}").map { $0.split(separator: "\n", omittingEmptySubsequences: false) }
        var found = false
        let monthPiece: (Substring) -> Bool = { token in
            let compact = ImportText.compact(String(token))
            return PlanTableParser.monthNames.prefix(12).contains { $0.0 == compact }
                || token.contains(".") && compact.count <= 2 && !compact.isEmpty && PlanTableParser.monthNames.prefix(12).contains { $0.0.contains(compact) }
        }
        for lines in pages where !found {
            for (index, line) in lines.enumerated() where line.contains("   ") && ImportText.has(line, "โครงการ") {
                let below = lines[index..<min(lines.count, index + 9)].flatMap { $0.split(separator: " ") }
                if below.filter(monthPiece).count >= 6 { found = true; break }
            }
        }
        guard found else { return nil }
        return pages.map { lines in
            var words: [Word] = []
            for (number, line) in lines.enumerated() {
                let y = Double(number) * 14
                var position = 0
                var start: Int?
                var current = ""
                for scalar in line.unicodeScalars {
                    if scalar == " " || scalar == "\t" {
                        if let begin = start { words.append(Word(x0: Double(begin) * 3, y0: y, x1: Double(position) * 3, y1: y + 12, text: current)) }
                        start = nil
                        current = ""
                    } else {
                        if start == nil { start = position }
                        current.unicodeScalars.append(scalar)
                    }
                    position += 1
                }
                if let begin = start { words.append(Word(x0: Double(begin) * 3, y0: y, x1: Double(position) * 3, y1: y + 12, text: current)) }
            }
            return words
        }
    }

    /// The vertical lines of each page of the SVG that `pdftocairo -svg` writes (`<page>` per
    /// page; lines as stroked paths "M x y L x y" with a transform matrix).
    static func verticalRules(fromSVG svg: String) -> [[Rule]] {
        let pages = svg.components(separatedBy: "<page>").dropFirst()
        return pages.map { page in
            var rules: [Rule] = []
            for element in page.components(separatedBy: "<path ").dropFirst() {
                guard let end = element.range(of: "/>") else { continue }
                let path = element[..<end.lowerBound]
                guard let style = attribute("style", in: path), style.contains("stroke:"), !style.contains("stroke:none"),
                      let d = attribute("d", in: path) else { continue }
                var matrix = [1.0, 0, 0, 1, 0, 0]
                if let transform = attribute("transform", in: path), transform.hasPrefix("matrix(") {
                    let values = transform.dropFirst(7).dropLast().split(separator: ",").compactMap { Double($0.trimmingCharacters(in: .whitespaces)) }
                    if values.count == 6 { matrix = values }
                }
                let tokens = d.split(separator: " ")
                var points: [(Double, Double)] = []
                var index = 0
                while index < tokens.count {
                    let token = tokens[index]
                    if token == "M" || token == "L", index + 2 < tokens.count, let x = Double(tokens[index + 1]), let y = Double(tokens[index + 2]) {
                        if token == "M" { points = [] }
                        points.append((matrix[0] * x + matrix[2] * y + matrix[4], matrix[1] * x + matrix[3] * y + matrix[5]))
                        if points.count >= 2 {
                            let (a, b) = (points[points.count - 2], points[points.count - 1])
                            if abs(a.0 - b.0) < 0.5 && abs(a.1 - b.1) > 3 { rules.append(Rule(x: (a.0 + b.0) / 2, y0: min(a.1, b.1), y1: max(a.1, b.1))) }
                        }
                        index += 3
                    } else {
                        index += 1
                    }
                }
            }
            return rules
        }
    }

    static func attribute(_ name: String, in element: Substring) -> String? {
        guard let start = element.range(of: " \(name)=\"") ?? (element.hasPrefix("\(name)=\"") ? element.range(of: "\(name)=\"") : nil) else { return nil }
        let rest = element[start.upperBound...]
        guard let close = rest.firstIndex(of: "\"") else { return nil }
        return String(rest[..<close])
    }

    /// A plan table whose header names months (ต.ค. … ก.ย.) over narrow columns: the month
    /// names, broken letter by letter over several lines, are read down each column; the years
    /// written over groups of months (พ.ศ. 2562 over ต.ค.–ธ.ค.) are labels of the months, not
    /// budget columns. Text columns keep the table's gutters; a column no heading stands over
    /// (amounts set right of a centred heading) belongs to the one before it. A mark goes to the
    /// month whose column it stands in; an arrow or line of dashes to every month it covers.
    struct MonthSchedule {
        var columns: [(start: Double, end: Double)]
        var months: Range<Int>
        var header: String

        init?(_ lines: [Line], columns existing: [(start: Double, end: Double)]) {
            guard let headerIndex = lines.firstIndex(where: PDFWordLayout.isHeaderLine) else { return nil }
            var headerLines = [lines[headerIndex]]
            var next = headerIndex + 1
            while next < lines.count, Self.isHeaderPiece(lines[next]), headerLines.count < 12 {
                headerLines.append(lines[next])
                next += 1
            }
            // Stacks: header words one above another (overlapping in x), read top to bottom.
            // Left out: the years over groups of months, and a heading over all of them
            // ("ระยะเวลาดำเนินการ"), which would join every month below it into one.
            let words = headerLines.flatMap(\.words).filter { !Self.isYearLabel($0.text) && !Self.isScheduleHeadingPiece($0.text) }.sorted { $0.x0 < $1.x0 }
            var stacks: [(x0: Double, x1: Double, words: [Word])] = []
            for word in words {
                if let last = stacks.indices.last, word.x0 < stacks[last].x1 - 0.5 {
                    stacks[last].x1 = max(stacks[last].x1, word.x1)
                    stacks[last].words.append(word)
                } else {
                    stacks.append((word.x0, word.x1, [word]))
                }
            }
            let texts = stacks.map { stack in
                PDFWordLayout.join(stack.words.sorted { ($0.y0 + $0.y1) / 2 < ($1.y0 + $1.y1) / 2 - 2 || (abs(($0.y0 + $0.y1) - ($1.y0 + $1.y1)) <= 4 && $0.x0 < $1.x0) })
            }
            func month(_ index: Int) -> Int? {
                if case .month(let month) = PlanTableParser.header(texts[index]) { return month }
                return nil
            }
            // The longest run of stacks naming months one after another (in the fiscal year's order).
            var best: Range<Int>?
            var index = 0
            while index < stacks.count {
                guard let first = month(index) else { index += 1; continue }
                var end = index + 1
                var expected = first % 12 + 1
                while end < stacks.count, month(end) == expected {
                    end += 1
                    expected = expected % 12 + 1
                }
                if end - index > (best?.count ?? 0) { best = index..<end }
                index = end
            }
            guard let run = best, run.count >= 6 else { return nil }
            let centres = run.map { (stacks[$0].x0 + stacks[$0].x1) / 2 }
            let pitch = (centres.last! - centres.first!) / Double(centres.count - 1)
            let left = centres.first! - pitch / 2, right = centres.last! + pitch / 2
            // Text columns: the table's gutters, outside the months; each with a heading over it.
            func headed(_ column: (start: Double, end: Double)) -> Bool {
                stacks.indices.contains { !run.contains($0) && (stacks[$0].x0 + stacks[$0].x1) / 2 >= column.start && (stacks[$0].x0 + stacks[$0].x1) / 2 < column.end }
            }
            var before: [(start: Double, end: Double)] = []
            for column in existing where column.start < left - 1 {
                let clipped = (start: column.start, end: min(column.end, left))
                if !before.isEmpty, !headed(clipped) { before[before.count - 1].end = clipped.end } else { before.append(clipped) }
            }
            var after: [(start: Double, end: Double)] = []
            for column in existing where column.end > right + 2 {
                let clipped = (start: max(column.start, right), end: column.end)
                if !after.isEmpty, !headed(clipped) { after[after.count - 1].end = clipped.end } else { after.append(clipped) }
            }
            guard !before.isEmpty else { return nil }
            var monthColumns: [(start: Double, end: Double)] = []
            for (offset, centre) in centres.enumerated() {
                let start = offset == 0 ? left : (centres[offset - 1] + centre) / 2
                let end = offset == centres.count - 1 ? right : (centre + centres[offset + 1]) / 2
                monthColumns.append((start, end))
            }
            columns = before + monthColumns + after
            months = before.count..<(before.count + monthColumns.count)
            // The header row: each text column's heading read down it, then the month names.
            func heading(_ column: (start: Double, end: Double)) -> String {
                stacks.indices.filter { !run.contains($0) && (stacks[$0].x0 + stacks[$0].x1) / 2 >= column.start && (stacks[$0].x0 + stacks[$0].x1) / 2 < column.end }
                    .map { texts[$0] }.joined(separator: " ")
            }
            header = (before.map(heading) + run.map { texts[$0] } + after.map(heading)).joined(separator: "\t")
        }

        /// "พ.ศ.", "2563", "พ.ศ. 2563", "ปี 2563": a year written over months.
        static func isYearLabel(_ text: String) -> Bool {
            var rest = ImportText.compact(text)
            for word in ["พศ", "ปี"] where ImportText.starts(rest, with: word) { rest = String(rest.dropFirst(word.count)) }
            if rest.isEmpty { return true }
            return rest.count == 4 && Int(rest).map { FiscalYear.plausibleRange.contains($0) } == true
        }

        /// "ระยะเวลาดำเนินการ", "ระยะเวลา", "ดำเนินการ": a heading over the months, or a piece of one.
        static func isScheduleHeadingPiece(_ text: String) -> Bool {
            let compact = ImportText.compact(text)
            guard compact.count >= 4, !PlanTableParser.monthNames.contains(where: { $0.0 == compact }) else { return false }
            if PlanTableParser.header(text) == .schedule { return true }
            return ["ระยะเวลาดำเนินการ", "ระยะเวลาการดำเนินการ", "ช่วงเวลาดำเนินการ", "ห้วงเวลาดำเนินการ", "เดือนที่ดำเนินการ"].contains { $0.contains(compact) }
        }

        /// A line under the header line made of pieces of headings, month names and year labels.
        static func isHeaderPiece(_ line: Line) -> Bool {
            !PDFWordLayout.isHeaderLine(line) && line.words.allSatisfy { word in
                // A piece that begins with a vowel or tone mark ("ัด" of "ตัวชี้วัด", set apart
                // in the text) is looked up without it.
                let text = String(String.UnicodeScalarView(word.text.unicodeScalars.drop(while: TextRepair.isFollowingMark)))
                let compact = ImportText.compact(text)
                return compact.isEmpty || isYearLabel(text) || PlanTableParser.isHeaderFragment(text) || PlanTableParser.isHeaderFragment(word.text)
                    || isScheduleHeadingPiece(text)
            }
        }

        static func isArrowPiece(_ text: String) -> Bool {
            !text.isEmpty && text.allSatisfy { "→←↔⟶⟵⟷◄►◀▶<>-–—―─━═".contains($0) }
        }

        func row(_ line: Line, rules: [Rule] = []) -> String {
            var cells = Array(repeating: "", count: columns.count)
            func put(_ text: String, _ index: Int) { cells[index] = cells[index].isEmpty ? text : cells[index] + " " + text }
            func column(of x: Double) -> Int { columns.lastIndex { $0.start <= x + 0.5 } ?? 0 }
            let monthStart = columns[months.lowerBound].start, monthEnd = columns[months.upperBound - 1].end
            // Pieces of one arrow that pdftotext set apart ("←——" and "→") are one arrow.
            var lineCells: [[Word]] = []
            for cell in line.cells {
                if let last = lineCells.last, Self.isArrowPiece(PDFWordLayout.join(last)), Self.isArrowPiece(PDFWordLayout.join(cell)),
                   let end = last.last?.x1, let start = cell.first?.x0, start - end < (columns[months.lowerBound].end - columns[months.lowerBound].start) {
                    lineCells[lineCells.count - 1] += cell
                } else {
                    lineCells.append(cell)
                }
            }
            for cell in lineCells {
                guard let first = cell.first, let last = cell.last else { continue }
                let text = PDFWordLayout.join(cell)
                let x0 = first.x0, x1 = cell.map(\.x1).max() ?? last.x1
                let isMark = PlanTableParser.isScheduleMark(text) || !text.isEmpty && text.allSatisfy { "-–—―─━".contains($0) }
                if isMark, (x0 + x1) / 2 >= monthStart, (x0 + x1) / 2 < monthEnd {
                    // Every month the mark covers (two fifths of its column or more: an arrow
                    // typed across a merged cell stops short of its edges), at least the one its
                    // middle stands in.
                    var covered = months.filter { index in
                        let column = columns[index]
                        return min(x1, column.end) - max(x0, column.start) >= 0.4 * (column.end - column.start)
                    }
                    // Within the cell's borders when the PDF draws them: an arrow centred in a
                    // merged cell wider than itself marks every month of the cell.
                    let crossing = rules.filter { $0.y0 <= line.y && $0.y1 >= line.y && $0.x >= monthStart - 3 && $0.x <= monthEnd + 3 }.map(\.x)
                    if let left = crossing.filter({ $0 <= x0 + 1 }).max(), let right = crossing.filter({ $0 >= x1 - 1 }).min() {
                        let inside = months.filter { index in
                            let middle = (columns[index].start + columns[index].end) / 2
                            return middle > left && middle < right
                        }
                        if !inside.isEmpty { covered = inside }
                    }
                    for index in covered.isEmpty ? [column(of: (x0 + x1) / 2)] : covered { put(text, index) }
                    continue
                }
                // Text: in the column where it begins, cut where a word begins a text column.
                let pieces = PDFWordLayout.columnPieces(cell, column: column(of:)) { index, word in
                    index > 0 && !months.contains(index) && word.x0 - columns[index].start <= 10
                }
                for piece in pieces {
                    guard let head = piece.first else { continue }
                    put(PDFWordLayout.join(piece), column(of: head.x0))
                }
            }
            return cells.joined(separator: "\t")
        }
    }

    /// A text file printed to PDF as it is (LibreOffice opens a `.txt` and prints it): a plan
    /// table written one cell per line, each led by a tab, comes out as lines indented by one
    /// tab stop (1.25 cm in LibreOffice, ½ inch in Word: 30–40 pt) — the header's cells
    /// ("มิติ", "ภารกิจตามมิติ", "โครงการ/กิจกรรม/มาตรการ") each on an indented line of its own,
    /// which no Word table gives. Its words in columns are no table (a space between "ปี" and
    /// "2566" can be wider than a cell gap), so the text is given back as the text file was:
    /// indented lines led by a tab, the blank lines where the vertical gaps are, a line the page
    /// wrapped joined again. Nil for any other PDF.
    static func printedTextFile(pages: [[Word]]) -> String? {
        let pageLines = pages.map(lines)
        let margin = pages.flatMap { $0.map(\.x0) }.min() ?? 0
        func isTabLed(_ line: Line) -> Bool { (30...40).contains(line.x0 - margin) }
        let all = pageLines.flatMap { $0 }
        let headerAt = all.indices.first { index in
            isTabLed(all[index]) && ["มิติ", "มติ"].contains(ImportText.compact(join(all[index].words)))
                && all[(index + 1)..<min(all.count, index + 4)].contains { isTabLed($0) && PlanTableParser.header(join($0.words)) == .items }
        }
        guard headerAt != nil else { return nil }
        // The line spacing of the text: the most common gap between two lines of a page.
        var gaps: [Int: Int] = [:]
        for lines in pageLines where lines.count > 1 {
            for index in 1..<lines.count { gaps[Int((lines[index].y - lines[index - 1].y).rounded()), default: 0] += 1 }
        }
        guard let spacing = gaps.filter({ $0.key > 4 }).max(by: { $0.value < $1.value })?.key.description, let step = Double(spacing) else { return nil }
        let rightEdge = all.map { $0.words.last?.x1 ?? 0 }.max() ?? 0
        var out: [String] = []
        for lines in pageLines {
            var previous: Line?
            for line in lines {
                if isPageNumber(line) { continue }
                let text = join(line.words)
                if let previous {
                    let gap = line.y - previous.y
                    // A line the page wrapped: the one before reached the right edge, this one
                    // goes on at the margin right below it.
                    if gap < step * 1.4, (previous.words.last?.x1 ?? 0) >= rightEdge - 12, abs(line.x0 - margin) < 4, !out.isEmpty {
                        out[out.count - 1] = ImportText.joinBroken(out[out.count - 1], text)
                        continue
                    }
                    for _ in 0..<max(0, Int((gap / step).rounded()) - 1) where gap < step * 8 { out.append("") }
                }
                out.append(isTabLed(line) ? "\t" + text : text)
                previous = line
            }
        }
        return cellLinesAsRows(out).joined(separator: "\n")
    }

    /// The plan table of a printed text file, one cell per tab-led line, as rows of
    /// tab-separated cells. Its empty cells (a tab alone) left nothing on the page, so the
    /// cells can no longer be counted into rows; rows are rebuilt from what the cells hold: a
    /// dimension, a mission ("x.y"), an item ("N)") or a total ("รวม") begins a row in its column,
    /// the budgets after an item or a total go to the year columns in order, other text goes on
    /// the cell before it (or the remarks, after the budgets).
    static func cellLinesAsRows(_ lines: [String]) -> [String] {
        guard let headerStart = lines.firstIndex(where: { $0.hasPrefix("\t") && ["มิติ", "มติ"].contains(ImportText.compact(String($0.dropFirst()))) }) else { return lines }
        var header: [String] = []
        var index = headerStart
        while index < lines.count, lines[index].hasPrefix("\t") { header.append(String(lines[index].dropFirst())); index += 1 }
        let kinds = header.map { PlanTableParser.header($0) }
        guard let itemsColumn = kinds.firstIndex(of: .items) else { return lines }
        let dimensionColumn = kinds.firstIndex(of: .dimension)
        let missionColumn = kinds.firstIndex(of: .mission)
        let yearColumns = kinds.indices.filter { if case .year = kinds[$0] { return true }; return $0 > itemsColumn && kinds[$0] == .budget }
        let remarksColumn = kinds.firstIndex(of: .remarks)
        var rows: [[String]] = []
        var row: [String] = []
        var hasItem = false, isTotal = false, budget = 0
        func flush() {
            if row.contains(where: { !$0.isEmpty }) { rows.append(row) }
            row = Array(repeating: "", count: header.count)
            hasItem = false; isTotal = false; budget = 0
        }
        func put(_ text: String, _ column: Int) { row[column] = row[column].isEmpty ? text : ImportText.joinBroken(row[column], text) }
        flush()
        var lastColumn = itemsColumn
        var end = index
        while end < lines.count, lines[end].isEmpty || lines[end].hasPrefix("\t") {
            let text = ImportText.clean(lines[end])
            end += 1
            guard !text.isEmpty else { continue }
            let marker = ImportText.marker(Substring(text + " "))
            if PlanTableParser.startsTotal(text) {
                flush()
                isTotal = true
                lastColumn = missionColumn ?? dimensionColumn ?? itemsColumn
                put(text, lastColumn)
            } else if isTotal, budget == 0, ImportText.starts(ImportText.compact(text), with: "จำนวน") || PlanTableParser.bareCount(text) != nil {
                lastColumn = itemsColumn
                put(text, itemsColumn)
            } else if let dimensionColumn, ImportText.starts(text, with: "มิติที่") || marker?.style == .dot && marker?.numbers.count == 1 && PlanItemKind.recognize(fromName: String(marker!.rest)) == nil && !(marker!.rest.isEmpty) {
                flush()
                lastColumn = dimensionColumn
                put(text, dimensionColumn)
            } else if let missionColumn, marker?.style == .code, (2...3).contains(marker?.numbers.count ?? 0) {
                if hasItem || isTotal || !row[missionColumn].isEmpty { flush() }
                lastColumn = missionColumn
                put(text, missionColumn)
            } else if PlanTableParser.startsItem(text) && (marker != nil || !hasItem) {
                if hasItem || isTotal { flush() }
                hasItem = true
                lastColumn = itemsColumn
                put(text, itemsColumn)
            } else if (hasItem || isTotal) && PlanTableParser.isBudgetLine(text) && budget < yearColumns.count {
                row[yearColumns[budget]] = text
                budget += 1
                lastColumn = yearColumns[budget - 1]
            } else if budget > 0, let remarksColumn {
                put(text, remarksColumn)
                lastColumn = remarksColumn
            } else {
                put(text, lastColumn)
            }
        }
        flush()
        return Array(lines[..<headerStart]) + [header.joined(separator: "\t")] + rows.map { $0.joined(separator: "\t") } + [""] + Array(lines[end...])
    }

    /// Lines that stand between two rows of a table (or of two tables whose columns agree) and
    /// fit its columns are rows too: a row whose cells nearly touch has no gap wide enough to
    /// be seen as one, and was taken for text. The two tables become one.
    static func rejoinSandwichedLines(_ pieces: inout [Piece], tables: inout [[Line]], columns: inout [[(start: Double, end: Double)]]) {
        var index = 0
        var lastRow: (index: Int, table: Int)?
        while index < pieces.count {
            guard case .row(_, let table) = pieces[index] else { index += 1; continue }
            var current = table
            defer { lastRow = (index, current); index += 1 }
            guard let last = lastRow, last.index + 1 < index else { continue }
            let between = (last.index + 1)..<index
            let lines: [Line?] = between.map { position in
                if case .text(let text, let line?) = pieces[position], !text.isEmpty, !isPageNumber(line) { return line }
                return nil
            }
            let texts = lines.compactMap { $0 }
            guard !texts.isEmpty, texts.count <= 6, last.table == table || agree(columns[last.table], columns[table]) else { continue }
            let target = last.table
            if table != target, let first = tables[table].first, isHeaderLine(first) { continue }
            guard texts.allSatisfy({ fits($0, columns: columns[target]) && !isStructural($0) }) else { continue }
            for position in between {
                if case .text(let text, let line?) = pieces[position], !text.isEmpty, !isPageNumber(line) { pieces[position] = .row(line, table: target) }
            }
            current = target
            if table != target {
                for position in pieces.indices { if case .row(let line, table) = pieces[position] { pieces[position] = .row(line, table: target) } }
                tables[target] += tables[table]
                tables[table] = []
            }
            tables[target] += texts
            columns[target] = Self.columns(tables[target])
        }
    }

    /// Words grouped into visual lines (by the middle of their boxes), each cut into cells.
    static func lines(_ words: [Word]) -> [Line] {
        let sorted = words.sorted { ($0.y0 + $0.y1) / 2 < ($1.y0 + $1.y1) / 2 }
        var lines: [Line] = []
        for word in sorted {
            let middle = (word.y0 + word.y1) / 2
            if let last = lines.indices.last, abs(lines[last].y - middle) <= max(2, word.height * 0.35) {
                lines[last].words.append(word)
            } else {
                lines.append(Line(words: [word], y: middle))
            }
        }
        for index in lines.indices {
            lines[index].words.sort { $0.x0 < $1.x0 }
            var cells: [[Word]] = []
            // Gaps are measured from the right edge reached so far: a tone mark that pdftotext
            // gives as a word of its own sits above the letter before it and ends left of it.
            var previous: Word?
            for word in lines[index].words {
                if let previous, word.x0 - previous.x1 > cellGap(previous, word) || (isAmount(previous) && isAmount(word) && word.x0 - previous.x1 > 2) {
                    // (Two amounts side by side are two cells however narrow the gap: no cell
                    // of a plan table holds "25,000 25,000".)
                    cells.append([word])
                } else if cells.isEmpty {
                    cells.append([word])
                } else {
                    cells[cells.count - 1].append(word)
                }
                if let edge = previous, edge.x1 > word.x1 { previous = Word(x0: word.x0, y0: word.y0, x1: edge.x1, y1: word.y1, text: word.text) } else { previous = word }
            }
            // A justified paragraph widens some of its spaces into what looks like a gutter; its
            // text still runs across the line in one long stretch, which no table cell does.
            if cells.count >= 2, let first = lines[index].words.first, let last = lines[index].words.last {
                let width = last.x1 - first.x0
                let widest = cells.map { ($0.last?.x1 ?? 0) - ($0.first?.x0 ?? 0) }.max() ?? 0
                if width > 200 && widest >= 0.5 * width { cells = [lines[index].words] }
            }
            lines[index].cells = cells
        }
        return lines
    }

    /// "25,000", "2566", "-", "๒๐,๐๐๐": an amount, a year or a dash standing for none.
    static func isAmount(_ word: Word) -> Bool {
        let text = word.text
        guard !text.isEmpty, text.count <= 16 else { return false }
        if text.allSatisfy({ "-–—".contains($0) }) { return true }
        return text.allSatisfy { $0.isNumber || $0 == "," || $0 == "." } && text.first!.isNumber
    }

    /// Wider than a space of the text's size: the gap between two cells.
    static func cellGap(_ left: Word, _ right: Word) -> Double { max(6, max(left.height, right.height) * 0.4) }

    /// The words of a cell as text: a space where the gap is a space, none where pdftotext cut a
    /// word (Thai marks come as words of their own, sometimes with a negative gap). A space of
    /// the text's font is about a quarter of its height; pdftotext cuts words after a tone mark
    /// ("โป่" + "ง") with a gap of about a tenth, and a word of marks alone has no width to
    /// measure a gap from.
    static func join(_ words: [Word]) -> String {
        var text = ""
        var previous: Word?
        for word in words {
            if let previous, word.x0 - previous.x1 > max(1.5, previous.height * 0.16),
               !previous.text.unicodeScalars.allSatisfy(TextRepair.isFollowingMark) { text += " " }
            text += word.text
            if let edge = previous, edge.x1 > word.x1 { previous = Word(x0: word.x0, y0: word.y0, x1: edge.x1, y1: word.y1, text: word.text) } else { previous = word }
        }
        return text
    }

    static func isPageNumber(_ line: Line) -> Bool {
        let text = join(line.words).filter { !$0.isWhitespace && !"-–—()หน้า".contains($0) }
        return !text.isEmpty && text.count <= 4 && text.allSatisfy { $0.isNumber }
    }

    /// One page's lines as pieces. `open` is the table still open at the end of the page before
    /// (its lines may go on at the top of this page); it is left open when this page ends in a
    /// table too.
    static func pageLines(_ words: [Word], margin: Double, tables: inout [[Line]], open: inout Int?, into pieces: inout [Piece]) {
        let lines = lines(words)
        var index = 0
        let carried = open
        open = nil
        // Lines at the top of the page that go on with the table of the page before: a wrapped
        // cell's further lines, indented, before the first line of several cells.
        if let carried {
            var end = 0
            while end < lines.count, isPageNumber(lines[end]) || lines[end].x0 - margin >= 8, lines[end].cells.count < 2, !isStructural(lines[end]) {
                end += 1
            }
            let continuing = lines[0..<end].filter { !isPageNumber($0) }
            if !continuing.isEmpty {
                for line in continuing { pieces.append(.row(line, table: carried)) }
                tables[carried] += continuing
                index = end
            }
            // A page of nothing but such lines (a tall cell's name lines filling it, the cells
            // beside them long ended): the table goes on over the next page break too.
            if lines[index...].allSatisfy(isPageNumber) { open = carried }
        }
        var previousTable = carried
        // The right edge of the page's running text: a line that reaches it was wrapped there.
        let rightEdge = lines.map { $0.words.last?.x1 ?? 0 }.max() ?? 0
        var previousText: (piece: Int, line: Line)?
        while index < lines.count {
            guard lines[index].cells.count >= 2 else {
                let line = lines[index]
                if !isPageNumber(line) { previousTable = nil }
                // A paragraph the PDF wrapped: the line before reached the right edge and this
                // one goes on at the left margin, beginning nothing of its own.
                if let previous = previousText, previous.piece == pieces.count - 1, continuesParagraph(line, after: previous.line, margin: margin, rightEdge: rightEdge),
                   case .text(let text, _) = pieces[previous.piece] {
                    pieces[previous.piece] = .text(ImportText.joinBroken(text, join(line.words)), line)
                } else {
                    pieces.append(.text(join(line.words), line))
                }
                previousText = (pieces.count - 1, line)
                index += 1
                continue
            }
            // A table region: lines of several cells, with the indented one-cell lines between
            // them (a wrapped cell's continuation), up to a line back at the margin or a gap.
            var end = index + 1
            var lastMulti = index
            while end < lines.count {
                let line = lines[end]
                let gap = line.y - lines[end - 1].y
                if gap > max(40, (lines[end - 1].words.first?.height ?? 12) * 3.5) || isStructural(line) { break }
                // A header after rows begins the next table (one table per dimension).
                if end - index >= 3, isHeaderLine(line), !isHeaderLine(lines[end - 1]) { break }
                if line.cells.count >= 2 { lastMulti = end } else if line.x0 - margin < 8 && end - lastMulti > 1 && !isPageNumber(line) { break }
                end += 1
            }
            // Trailing one-cell lines at the margin after the last table line are paragraphs.
            while end - 1 > lastMulti, lines[end - 1].x0 - margin < 8 { end -= 1 }
            let region = Array(lines[index..<end]).filter { !isPageNumber($0) || $0.cells.count >= 2 }
            // The same table as the region before it (over a page break, or after a gap) when
            // nothing stood between them and their columns agree; else a table of its own.
            let table: Int
            // At the top of a page, right after a table left open, the columns of a few lines may
            // differ more (centred marks, no header): a looser agreement is enough.
            let pageTop = previousTable != nil && previousTable == carried
            // A table that begins with its own header is a new table — unless it is the header
            // repeated at the top of the next page.
            if let previous = previousTable, pageTop || !(region.first.map(isHeaderLine) ?? false), agree(columns(tables[previous]), columns(region), tolerance: pageTop ? 15 : 6, share: pageTop ? 0.5 : 0.6) {
                table = previous
                tables[previous] += region
            } else {
                tables.append(region)
                table = tables.count - 1
            }
            for line in region { pieces.append(.row(line, table: table)) }
            previousTable = table
            index = end
            // Open at the page's end (bar a page number): the table may go on over the page.
            if lines[end...].allSatisfy(isPageNumber) { open = table }
        }
    }

    /// Whether a text line goes on with the paragraph of the line above it: the line above
    /// filled the width (it ended within the last tenth of the text's width), this line starts
    /// at the margin, close below, and begins no list item, heading or sheet field.
    static func continuesParagraph(_ line: Line, after previous: Line, margin: Double, rightEdge: Double) -> Bool {
        guard let end = previous.words.last?.x1, let first = line.words.first, rightEdge - margin > 200 else { return false }
        guard end >= rightEdge - (rightEdge - margin) * 0.1, abs(first.x0 - margin) < 8 || abs(first.x0 - previous.x0) < 4 else { return false }
        guard line.y - previous.y < max(24, first.height * 1.8) else { return false }
        let text = join(line.words)
        if ImportText.marker(Substring(text)) != nil || PlainTextReader.isStructuralHeading(text) || SheetParser.fieldHeading(text) != nil { return false }
        if isPageNumber(line) || isPageNumber(previous) { return false }
        return true
    }

    /// A plan table's header line: one of its cells names the items column ("โครงการ/กิจกรรม/…").
    /// A wrapped cell's "โครงการ" (of "ทุกโครงการ") beside other text is no header: another
    /// cell must be a heading or a piece of one.
    static func isHeaderLine(_ line: Line) -> Bool {
        guard line.cells.count >= 2 else { return false }
        let texts = line.cells.map(join)
        guard let items = texts.firstIndex(where: { PlanTableParser.header($0) == .items }) else { return false }
        return texts.indices.contains { $0 != items && (PlanTableParser.header(texts[$0]) != nil || PlanTableParser.isHeaderFragment(texts[$0])) }
    }

    /// "ส่วนที่ 3", "ลำดับที่ 1", "ภาคผนวก": a heading that begins a part, never a table row.
    static func isStructural(_ line: Line) -> Bool {
        guard line.cells.count <= 2 else { return false }
        let text = join(line.words)
        return text.count <= 60 && PlainTextReader.isStructuralHeading(text) && !ImportText.starts(text, with: "มิติที่")
    }

    /// Whether two regions' columns are those of one table: most column starts of the smaller
    /// set stand within a few points of a start in the other.
    static func agree(_ a: [(start: Double, end: Double)], _ b: [(start: Double, end: Double)], tolerance: Double = 6, share: Double = 0.6) -> Bool {
        guard a.count >= 2, b.count >= 2 else { return false }
        let (small, large) = a.count <= b.count ? (a, b) : (b, a)
        let matched = small.filter { column in large.contains { abs($0.start - column.start) <= tolerance } }.count
        return Double(matched) >= share * Double(small.count)
    }

    /// The month schedule of the lines from `header` to the next header line of the table, when
    /// `header` is not the table's first header line and its cells begin elsewhere than that
    /// one's (more than a few points off): a table that goes on with other column widths, whose
    /// rows the first header's columns would cut in the wrong places. Nil otherwise.
    static func restartedSchedule(at header: Line, in lines: [Line]) -> MonthSchedule? {
        guard let first = lines.first(where: isHeaderLine),
              let index = lines.firstIndex(where: { $0.y == header.y && $0.words.first?.page == header.words.first?.page && $0.x0 == header.x0 }),
              first.y != header.y || first.words.first?.page != header.words.first?.page else { return nil }
        let starts = { (line: Line) in line.cells.compactMap { $0.first?.x0 } }
        let a = starts(first), b = starts(header)
        guard a.count >= 3, b.count >= 3 else { return nil }
        let moved = b.filter { x in !a.contains { abs($0 - x) <= 3 } }.count
        guard moved * 3 >= b.count else { return nil }
        let end = lines[(index + 1)...].firstIndex(where: isHeaderLine) ?? lines.endIndex
        let region = Array(lines[index..<end])
        guard region.count >= 3 else { return nil }
        return MonthSchedule(region, columns: columns(region))
    }

    /// A table's columns: the x-ranges covered by its cells; where coverage stops for a gap, a
    /// gutter (a column boundary). Each cell's own extent counts, so spaces inside cells do not;
    /// lines of one cell are left out (a wrapped cell's continuation, or a row spanning columns,
    /// says nothing about where columns part). A gutter that a few cells cross — a subtotal's
    /// "จำนวน 4 โครงการ" wider than its column, a heading over the year columns — is still a
    /// gutter when the columns on both sides of it are each covered by many more lines.
    static func columns(_ lines: [Line]) -> [(start: Double, end: Double)] {
        let multi = lines.filter { $0.cells.count >= 2 }
        let spans: [(Double, Double)] = multi.flatMap { line in line.cells.compactMap { cell in
            guard let first = cell.first, let last = cell.last else { return nil }
            return (first.x0, max(first.x0, last.x1))
        } }
        guard let low = spans.map(\.0).min(), let high = spans.map(\.1).max(), high - low < 5_000 else { return [] }
        // Coverage per point of width, from a difference array.
        let width = Int(high - low) + 2
        var change = [Int](repeating: 0, count: width + 1)
        for span in spans {
            change[Int(span.0 - low)] += 1
            change[min(width, Int(span.1 - low) + 1)] -= 1
        }
        var coverage = [Int](repeating: 0, count: width)
        var running = 0
        for x in 0..<width {
            running += change[x]
            coverage[x] = running
        }
        // Blocks: runs of coverage, joined over gaps of up to 3 points.
        var blocks: [Range<Int>] = []
        var x = 0
        while x < width {
            guard coverage[x] > 0 else { x += 1; continue }
            var end = x
            while end < width, coverage[end] > 0 || (end + 3 < width && coverage[(end + 1)...(end + 3)].contains { $0 > 0 }) { end += 1 }
            blocks.append(x..<end)
            x = end
        }
        // Within a block, a valley of low coverage between two well-covered sides is a gutter.
        let few = max(1, multi.count / 25)
        var columns: [(start: Double, end: Double)] = []
        for block in blocks {
            // Low: a few lines, or a fifth of the block's best-covered point (a heading over the
            // year columns repeated on every page crosses their gutters once a page).
            let limit = max(few, (coverage[block].max() ?? 0) / 5)
            var start = block.lowerBound
            var x = block.lowerBound
            while x < block.upperBound {
                guard coverage[x] <= limit else { x += 1; continue }
                var valleyEnd = x
                while valleyEnd < block.upperBound, coverage[valleyEnd] <= limit { valleyEnd += 1 }
                let leftPeak = coverage[start..<x].max() ?? 0
                let rightPeak = valleyEnd < block.upperBound ? (coverage[valleyEnd..<block.upperBound].max() ?? 0) : 0
                if valleyEnd - x >= 2, leftPeak > 2 * limit, rightPeak > 2 * limit, rightPeakStartsACell(spans, at: Double(valleyEnd) + low) {
                    columns.append((Double(start) + low, Double(x) + low))
                    start = valleyEnd
                }
                x = valleyEnd
            }
            columns.append((Double(start) + low, Double(block.upperBound) + low))
        }
        return columns
    }

    /// Whether cells begin just after a valley (a column's left edge), not merely go on past it.
    static func rightPeakStartsACell(_ spans: [(Double, Double)], at x: Double) -> Bool {
        spans.contains { $0.0 >= x - 1.5 && $0.0 <= x + 6 }
    }

    /// A line as a tab-separated row of the columns (as text when there are no columns).
    /// A run of words is cut where one of them begins a column of the table — within a few
    /// points of the column's left edge, as a cell's text does — even when the gap before it
    /// is only a space: a dimension name that fills its column up to the next.
    static func row(_ line: Line, columns: [(start: Double, end: Double)]) -> String {
        guard columns.count >= 2 else { return join(line.words) }
        func column(of x: Double) -> Int { columns.lastIndex { $0.start <= x + 0.5 } ?? 0 }
        var cells = Array(repeating: "", count: columns.count)
        for cell in line.cells {
            let pieces = columnPieces(cell, column: column(of:)) { index, word in
                index > 0 && word.x0 - columns[index].start <= 10
            }
            for piece in pieces {
                guard let first = piece.first else { continue }
                let index = column(of: first.x0)
                let text = join(piece)
                cells[index] = cells[index].isEmpty ? text : cells[index] + " " + text
            }
        }
        return cells.joined(separator: "\t")
    }

    static func isMarkOnly(_ word: Word) -> Bool { word.text.unicodeScalars.allSatisfy(TextRepair.isFollowingMark) }

    /// One cell's words cut into pieces, one per column the cell spills over: a new piece begins
    /// at a word that lies in another column than the piece's first word and `startsColumn` says
    /// opens that column (a lone Thai mark never does). Each piece belongs to the column of its
    /// first word.
    static func columnPieces(_ cell: [Word], column: (Double) -> Int, startsColumn: (Int, Word) -> Bool) -> [[Word]] {
        var pieces: [[Word]] = []
        for word in cell {
            let index = column(word.x0)
            if let head = pieces.last?.first, column(head.x0) != index, startsColumn(index, word), !isMarkOnly(word) {
                pieces.append([word])
            } else if pieces.isEmpty {
                pieces.append([word])
            } else {
                pieces[pieces.count - 1].append(word)
            }
        }
        return pieces
    }

    /// Whether a line of one run of words may still be a row of a table with these columns:
    /// no word of it crosses a gutter between two columns.
    static func fits(_ line: Line, columns: [(start: Double, end: Double)]) -> Bool {
        guard columns.count >= 2 else { return false }
        for word in line.words {
            for (left, right) in zip(columns, columns.dropFirst()) where word.x0 < left.end - 1 && word.x1 > right.start + 1 {
                return false
            }
        }
        return true
    }
}
