import Foundation
import SujaritCore

/// ตารางแผนจากข้อความ `pdftotext -layout` — the Part 2 table (มิติ | ภารกิจ | โครงการ | one
/// budget column per year | หมายเหตุ) of a text that was copied out of a PDF with its columns set
/// out in spaces, rebuilt into logical rows (one per item, one per total) from the character
/// positions of its lines.
///
/// What such text does to a table (all seen in `pdftotext -layout` of Word/LibreOffice PDFs):
/// - **Each column wraps on its own** and every visual line of a cell is a line of the text, so
///   one row spans many lines, with the dimension, mission and item lines interleaved.
/// - **Cells are centred vertically** (or top-aligned): a row's budgets stand on the line at its
///   middle (or its first line), and a dimension's or mission's name stands at the middle of the
///   rows it covers, so its number may come *after* the first items it covers.
/// - **Positions drift**: pdftotext places a run of text by counting the characters (Thai marks
///   included) of what stands left of it, so when the dimension column is empty on a line the
///   mission text moves left to where the dimension was, and two columns may touch with a
///   single space between them ("๓. การส่งเสริม ส่วนร่วม").
///
/// So nothing is read by absolute position. Each line's runs are given to columns in order, by
/// the nearest column start *seen on the lines just above* (the estimate moves with the text),
/// and a run that begins an item (`N)`), a mission (`x.y`) or a dimension (`N. การ…`,
/// `มิติที่ N`) fixes its column whatever its position. Rows are then rebuilt by order, not by
/// line: items start at their numbers; the budget lines of a dimension's block (between two
/// totals) are dealt to its items in order when there are as many of each (rows never overlap,
/// so their order is the items' order), else to the item whose lines hold them; a block's
/// items go to the dimensions and missions whose names stand over them (top- or centre-aligned,
/// whichever fits), never to a mission made up from a fragment.
enum LayoutTable {
    /// The text columns a layout table may have; `remarks` is a column right of the budgets
    /// (หมายเหตุ, ผู้รับผิดชอบ, หน่วยงานที่รับผิดชอบ).
    enum Column: Hashable { case dimension, mission, items, remarks }

    /// A run of text on a line: where it starts (in code points, as pdftotext counts) and its text.
    struct Segment: Hashable {
        var start: Int
        var text: String
    }

    /// One line of the table region, split into its text runs, budget cells and remarks.
    struct Line {
        var number: Int
        var segments: [Segment]
        var budgets: [String]
        var remark: String
        /// Where the remark after the budgets starts.
        var remarkStart: Int?
        /// Text runs given to their columns (after `assignColumns`).
        var assigned: [(column: Column, segment: Segment)] = []
    }

    /// The header of a layout table: its text columns (left to right, with where their labels
    /// stand) and its years.
    struct Header {
        var columns: [(column: Column, start: Int)]
        var years: [Int]
        /// Where the first year's label starts.
        var yearStart = Int.max
        var firstLine: Int
        var lastLine: Int
    }

    // MARK: - Tokens

    /// Words of a line (runs without spaces), with where they start and how many spaces lead them.
    static func words(_ line: Substring) -> [(start: Int, text: String, gap: Int)] {
        var result: [(Int, String, Int)] = []
        var current = String.UnicodeScalarView()
        var start = 0, gap = 0, position = 0
        for scalar in line.unicodeScalars {
            if scalar == " " || scalar == "\u{A0}" || scalar == "\u{0C}" || scalar == "\t" {
                if !current.isEmpty {
                    result.append((start, String(current), gap))
                    current = String.UnicodeScalarView()
                    gap = 0
                }
                gap += 1
            } else {
                if current.isEmpty { start = position }
                current.append(scalar)
            }
            position += 1
        }
        if !current.isEmpty { result.append((start, String(current), gap)) }
        return result
    }

    /// "๓๐,๐๐๐", "5,000", "1,250.50", "500", "-", "#####": one budget cell. A code such as
    /// "๒.๒" (a mission number) or a lone digit is not one.
    static func isBudgetWord(_ word: String) -> Bool {
        if word == "-" || word == "–" || word == "—" { return true }
        if word.count >= 3 && word.allSatisfy({ $0 == "#" }) { return true }
        let text = ImportText.arabic(word)
        var whole = Substring(text)
        if let point = text.firstIndex(of: ".") {
            let decimals = text[text.index(after: point)...]
            guard decimals.count == 2, decimals.allSatisfy(\.isASCII), decimals.allSatisfy(\.isNumber) else { return false }
            whole = text[..<point]
        }
        guard !whole.isEmpty, whole.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ",") }), whole.first != "," else { return false }
        if whole.contains(",") { return PlanTableParser.isWholeAmount(String(whole)) }
        return whole.count >= 3 || whole == "0"
    }

    /// A year column's label: "2566", "๒๕๖๖".
    static func year(_ word: String) -> Int? {
        let text = ImportText.arabic(word)
        guard text.count == 4, let value = Int(text), FiscalYear.plausibleRange.contains(value) else { return nil }
        return value
    }

    /// Whether a line may hold a header's year labels: two words of four digits at least. A
    /// quick look, so that only such lines are examined further.
    static func mayHoldYears(_ line: Substring) -> Bool {
        var runs = 0, digits = 0
        for scalar in line.unicodeScalars {
            if ImportText.digitValue(scalar) != nil { digits += 1; continue }
            if digits == 4 { runs += 1; if runs >= 2 { return true } }
            digits = 0
        }
        return digits == 4 && runs >= 1
    }

    /// Splits a line into its text runs (words one space apart), budget cells (the rightmost run
    /// of budget words two or more spaces apart) and remarks (text after them).
    static func parse(_ raw: Substring, number: Int) -> Line {
        let all = words(raw)
        // From the right: the words of a column right of the budgets (ผู้รับผิดชอบ, หมายเหตุ),
        // then the budget words, set off from the text before them by two spaces or more. Budget
        // words may stand one space apart (narrow columns) and may be pieces of an amount the
        // column cut ("25,00" with "0" on the next line).
        var end = all.count
        while end > 0, !isBudgetWord(all[end - 1].text), !isAmountPiece(all[end - 1].text) { end -= 1 }
        var first = end
        while first > 0, isBudgetWord(all[first - 1].text) || isAmountPiece(all[first - 1].text) { first -= 1 }
        // The budgets begin after a gap: "จำนวน ๒     ๔๐,๐๐๐ …" keeps its "๒".
        while first > 0, first < end, all[first].gap < 2 { first += 1 }
        // Budgets need a gap before them (or the line's start); a narrow column's remark may
        // follow them after one space ("- สำนักปลัด").
        var hasBudgets = first < end && (first == 0 || all[first].gap >= 2)
        // "2.2" or "5" alone is a code or a count, not a figure.
        if hasBudgets, end - first == 1, !isBudgetWord(all[first].text) { hasBudgets = false }
        let textWords = hasBudgets ? Array(all[..<first]) : all
        let budgets = hasBudgets ? all[first..<end].map(\.text) : []
        let remark = hasBudgets ? all[end...].map(\.text).joined(separator: " ") : ""
        // Runs of words one space apart.
        var segments: [Segment] = []
        for word in textWords {
            if word.gap >= 2 || segments.isEmpty { segments.append(Segment(start: word.start, text: word.text)) } else { segments[segments.count - 1].text += " " + word.text }
        }
        var line = Line(number: number, segments: segments, budgets: budgets, remark: remark)
        line.remarkStart = hasBudgets && end < all.count ? all[end].start : nil
        return line
    }

    /// Digits and commas only ("25,00", "0", "000", "108,"): a figure or a piece of one.
    static func isAmountPiece(_ word: String) -> Bool {
        let text = ImportText.arabic(word)
        return text.contains(where: \.isNumber) && text.allSatisfy { $0.isASCII && ($0.isNumber || $0 == ",") }
    }

    /// "25,00", "33,0", "108,": the start of an amount whose end a narrow column put on the next line.
    static func isCutStart(_ word: String) -> Bool {
        let text = ImportText.arabic(word)
        guard isAmountPiece(word), text.contains(",") else { return false }
        return !PlanTableParser.isWholeAmount(text)
    }

    /// Amounts cut by a narrow column: "25,00 25,00 …" over "0 0 …", "12,00 5,000 …" over "0".
    /// When the next line (or the one after) has only pieces of figures, as many as the line above
    /// has cut amounts, each joins the cut amount it stands under, in order.
    static func joiningCutAmounts(_ lines: inout [Line]) {
        for index in lines.indices {
            let cut = lines[index].budgets.indices.filter { isCutStart(lines[index].budgets[$0]) }
            guard !cut.isEmpty else { continue }
            for next in (index + 1)..<min(lines.count, index + 3) {
                let pieces = lines[next].budgets
                guard !pieces.isEmpty else { continue }
                guard pieces.count == cut.count, pieces.allSatisfy(isAmountPiece) else { break }
                var joined = lines[index].budgets
                for (position, piece) in zip(cut, pieces) { joined[position] += piece }
                guard joined.allSatisfy(isBudgetWord) else { break }
                lines[index].budgets = joined
                lines[next].budgets = []
                break
            }
        }
    }

    /// A run made only of vowels and tone marks: a mark the PDF set apart from its letter.
    static func isLoneMark(_ text: String) -> Bool {
        !text.isEmpty && text.unicodeScalars.allSatisfy { TextRepair.isFollowingMark($0) }
    }

    // MARK: - Header

    /// A word of a header ("ภารกิจตาม", "(บาท)", "ปี", "๒๕๖๖", "หม", "ายเ", "หตุ").
    static func isHeaderWord(_ word: String) -> Bool {
        if year(word) != nil { return true }
        let compact = ImportText.compact(word)
        if compact.isEmpty { return true }
        return PlanTableParser.header(word) != nil || PlanTableParser.isHeaderFragment(word) || ["พศ", "ปี", "ที่"].contains(compact)
    }

    /// A line of header words only — bar one, when there are others: a mark the repair of PDF
    /// damage joined to a word ("งบประมาณ ายเ" → "งบประมาณายเ") spoils one word.
    static func isHeaderLine(_ line: Line) -> Bool {
        let words = line.segments.flatMap { $0.text.split(separator: " ").map(String.init) } + line.budgets
        let header = words.filter(isHeaderWord).count
        return !words.isEmpty && (header == words.count || header >= 3 && words.count - header <= 1)
    }

    /// The header whose year labels stand on line `index`, with the header lines around it.
    static func header(_ lines: [Substring], at index: Int) -> Header? {
        let yearLine = parse(lines[index], number: index + 1)
        let yearWords = words(lines[index]).compactMap { year($0.text) }
        guard yearWords.count >= 2, isHeaderLine(yearLine) else { return nil }
        var first = index, last = index
        while first > 0, index - first < 4, !isBlank(lines[first - 1]), isHeaderLine(parse(lines[first - 1], number: first)) { first -= 1 }
        while last + 1 < lines.count, last - index < 5, !isBlank(lines[last + 1]), isHeaderLine(parse(lines[last + 1], number: last + 2)) { last += 1 }
        var labels: [(column: Column, start: Int)] = []
        var firstYearStart = Int.max
        for offset in first...last {
            for word in words(lines[offset]) {
                let compact = ImportText.compact(word.text)
                if year(word.text) != nil { firstYearStart = min(firstYearStart, word.start) }
                if ImportText.starts(compact, with: "ภารกิจ") || ImportText.starts(compact, with: "ภาระกิจ") {
                    labels.append((.mission, word.start))
                } else if ImportText.starts(compact, with: "โครงการ") {
                    labels.append((.items, word.start))
                } else if compact == "มิติ" || compact == "มติ" {
                    labels.append((.dimension, word.start))
                }
            }
        }
        // A column right of the years: หมายเหตุ (or its pieces "หม", "ายเ"), ผู้รับผิดชอบ, หน่วยงาน.
        let lastYearStart = (first...last).flatMap { words(lines[$0]).filter { year($0.text) != nil }.map(\.start) }.max() ?? Int.max
        let remarks = (first...last).flatMap { words(lines[$0]) }.filter { word in
            let compact = ImportText.compact(word.text)
            return word.start > lastYearStart && compact.count >= 2 && year(word.text) == nil
                && (["หมายเหตุ", "ผู้รับผิดชอบ", "หน่วยงานรับผิดชอบ", "หน่วยงานที่รับผิดชอบ"].contains { $0.contains(compact) } || ImportText.starts(compact, with: "หน่วยงาน"))
        }.map(\.start).min()
        guard let items = labels.first(where: { $0.column == .items }) else { return nil }
        // A month schedule (ต.ค. … ก.ย., often in pieces over several lines, under "พ.ศ. 2562" and
        // "พ.ศ. 2563"): its years are no budget columns; such a table is not rebuilt here.
        let monthWords = (first...last).flatMap { words(lines[$0]) }.filter { word in
            let compact = ImportText.compact(word.text)
            return PlanTableParser.monthNames.prefix(12).contains { $0.0 == compact } || word.text.contains(".") && compact.count <= 2 && !compact.isEmpty
                && PlanTableParser.monthNames.prefix(12).contains { $0.0.contains(compact) }
        }
        guard monthWords.count < 6 else { return nil }
        let mission = labels.first { $0.column == .mission && $0.start < items.start }
        // "มิติ" is the dimension column only left of the mission's label ("ภารกิจตาม / มิติ"
        // is the mission's), or left of the items' when there is no mission column.
        let dimension = labels.first { $0.column == .dimension && $0.start + 2 < (mission?.start ?? items.start) }
        var columns: [(column: Column, start: Int)] = []
        if let dimension { columns.append(dimension) }
        if let mission { columns.append(mission) }
        columns.append(items)
        if let remarks { columns.append((.remarks, remarks)) }
        guard items.start < firstYearStart else { return nil }
        var years: [Int] = []
        for value in yearWords where !years.contains(value) { years.append(value) }
        return Header(columns: columns, years: years, yearStart: firstYearStart, firstLine: first, lastLine: last)
    }

    /// The header again at the top of a page: header words only, with a year label, or with a
    /// column's label ("ภารกิจตามมิติ", "โครงการ/กิจกรรม/") among three words or more, or any two
    /// right after a page break. ("โครงการ" alone after a page break is a count cell's last line.)
    static func isRepeatedHeader(_ line: Line, afterPageBreak: Bool) -> Bool {
        guard isHeaderLine(line) else { return false }
        let all = line.segments.flatMap { $0.text.split(separator: " ").map(String.init) } + line.budgets + line.remark.split(separator: " ").map(String.init)
        if all.contains(where: { year($0) != nil }) { return true }
        if afterPageBreak && all.count >= 2 { return true }
        let labels = all.filter { word in
            let compact = ImportText.compact(word)
            return ImportText.starts(compact, with: "ภารกิจ") || ImportText.starts(compact, with: "ภาระกิจ") || ImportText.starts(compact, with: "โครงการ/")
        }
        return all.count >= 3 && !labels.isEmpty
    }

    static func isBlank(_ line: Substring) -> Bool {
        line.unicodeScalars.allSatisfy { ImportText.isSpace($0) || $0 == "\u{0C}" }
    }

    // MARK: - Reading

    /// The table whose header has its years on line `index` (0-based), as a `DocumentTable` of
    /// logical rows, and the index of the first line after it; nil when there is none.
    static func read(_ lines: [Substring], at index: Int) -> (table: DocumentTable, firstLine: Int, end: Int)? {
        guard mayHoldYears(lines[index]), let header = header(lines, at: index) else { return nil }
        var region: [Line] = []
        var cursor = header.lastLine + 1
        var blankRun = 0
        var afterPageBreak = false
        var sawGrandTotal = false
        var grandTotalLine = 0
        while cursor < lines.count {
            let raw = lines[cursor]
            if isBlank(raw) {
                blankRun += 1
                if raw.contains("\u{0C}") { afterPageBreak = true }
                if blankRun >= 4 { break }
                cursor += 1
                continue
            }
            if raw.contains("\u{0C}") { afterPageBreak = true }
            let text = ImportText.clean(raw.filter { $0 != "\u{0C}" })
            // A page number — but not the end of an amount a narrow column cut ("30,00" above "0").
            let endsCutAmount = region.last.map { $0.budgets.contains(where: isCutStart) } == true && words(raw).allSatisfy { isAmountPiece($0.text) }
            if PlainTextReader.isPageNumber(text) && !endsCutAmount { afterPageBreak = true; cursor += 1; continue }
            // A part or a sheet ends the table; a dimension's row across it ("มิติที่ 2 …") does not.
            if PlainTextReader.isStructuralHeading(text) && !ImportText.starts(text, with: "มิติที่") && !ImportText.starts(text, with: "มติที่") { break }
            let line = parse(raw, number: cursor + 1)
            // The header repeated at the top of a page.
            // (Two header words at least: "โครงการ" alone after a page break is a count cell's
            // last line.)
            if isRepeatedHeader(line, afterPageBreak: afterPageBreak) {
                cursor += 1
                continue
            }
            // A paragraph after the table: one long run of text reaching into the budget columns
            // (not a dimension's row across it, nor text columns touching with single spaces).
            if line.budgets.isEmpty, line.segments.count == 1, line.segments[0].text.unicodeScalars.count >= 60,
               line.segments[0].start + line.segments[0].text.unicodeScalars.count > header.yearStart,
               forcedColumn(line.segments[0].text, itemsNumbered: true) != .dimension { break }
            if sawGrandTotal, cursor + 1 - grandTotalLine > 2, line.budgets.isEmpty {
                // Past the grand total and the lines of its cells: the table is over.
                if !line.segments.allSatisfy({ isCountPiece($0.text) || isLoneMark($0.text) }) { break }
            }
            if line.segments.contains(where: { isTotal($0.text) == .grand }) { sawGrandTotal = true; grandTotalLine = cursor + 1 }
            blankRun = 0
            afterPageBreak = false
            region.append(line)
            cursor += 1
        }
        guard region.contains(where: { !$0.budgets.isEmpty }) else { return nil }
        let rows = rebuild(region, header: header)
        guard rows.count > 1 else { return nil }
        return (DocumentTable(rows: rows, line: header.firstLine + 1), header.firstLine, cursor)
    }

    enum Total { case subtotal, grand }

    /// "รวม", "รวม จำนวน 4 โครงการ", "รวมทั้งสิ้น" (also as a PDF damages it: "รวมทัง้ สิน").
    static func isTotal(_ text: String) -> Total? {
        let compact = ImportText.compact(text)
        guard ImportText.starts(compact, with: "รวม") else { return nil }
        let rest = compact.dropFirst(3)
        if rest.isEmpty || ImportText.starts(rest, with: "จำนวน") || ImportText.starts(rest, with: "จานวน") { return .subtotal }
        if ImportText.starts(rest, with: "ทั้ง") || ImportText.starts(rest, with: "ทัง") { return .grand }
        return nil
    }

    /// A piece of a total's count cell on a line of its own: "จำนวน ๔", "โครงการ", "4 โครงการ".
    static func isCountPiece(_ text: String) -> Bool {
        var compact = Substring(ImportText.arabic(ImportText.compact(text)))
        for word in ["จำนวน", "จานวน", "จํานวน"] where ImportText.starts(compact, with: word) { compact = compact.dropFirst(word.count) }
        compact = compact.drop(while: \.isNumber)
        return compact.isEmpty || compact == "โครงการ" || compact == "รายการ"
    }

    // MARK: - Columns of each line

    /// What a run's own words say about its column: an item number, a mission code or a
    /// dimension heading fix it; anything else is placed by position.
    static func forcedColumn(_ text: String, itemsNumbered: Bool) -> Column? {
        if ImportText.starts(text, with: "มิติที่") || ImportText.starts(text, with: "มติที่") { return .dimension }
        // (A space after the text: a mission's code alone on its line, "๒.๒", is a code too.)
        guard let marker = ImportText.marker(Substring(text + " ")) else {
            return !itemsNumbered && PlanItemKind.recognize(fromName: text) != nil ? .items : nil
        }
        let rest = String(marker.rest)
        let isKind = PlanItemKind.recognize(fromName: rest) != nil
        switch marker.style {
        case .closingParen, .parens: return marker.numbers.count == 1 ? .items : nil
        case .code: return (2...3).contains(marker.numbers.count) ? .mission : nil
        case .dot:
            if marker.numbers.count == 1 { return isKind ? .items : (!rest.isEmpty && marker.numbers[0] <= 9 ? .dimension : nil) }
            return (2...3).contains(marker.numbers.count) && !isKind ? .mission : nil
        default: return nil
        }
    }

    /// Splits runs where two columns touch with a single space: before a word that begins an
    /// item or a mission, or at a column start seen on the lines above.
    static func splitTouchingColumns(_ segments: [Segment], starts: [Int?]) -> [Segment] {
        var out: [Segment] = []
        for segment in segments {
            let parts = segment.text.split(separator: " ", omittingEmptySubsequences: false)
            guard parts.count > 1 else { out.append(segment); continue }
            // Where each word starts.
            var positions: [Int] = []
            var position = segment.start
            for part in parts {
                positions.append(position)
                position += part.unicodeScalars.count + 1
            }
            var cuts = Set<Int>()
            for index in 1..<parts.count {
                let rest = parts[index...].joined(separator: " ")
                if let column = forcedColumn(rest, itemsNumbered: true), column != .dimension { cuts.insert(index) }
            }
            let forcedCuts = cuts
            for start in starts.compactMap({ $0 }) where start >= segment.start + 3 {
                // A run that begins a cell near this start already marks the boundary.
                if forcedCuts.contains(where: { abs(positions[$0] - start) <= 4 }) { continue }
                let best = (1..<parts.count).min { abs(positions[$0] - start) < abs(positions[$1] - start) }!
                // Never right after a number: "9." and its item's words are one cell.
                if let marker = ImportText.marker(Substring(parts[..<best].joined(separator: " ") + " ")), marker.rest.isEmpty { continue }
                // At a column start seen above; or wherever nearest it when the run goes on past
                // it — a cell's text never reaches into the next column (its width counted
                // without the marks, which take no room but drift the count).
                if abs(positions[best] - start) <= 2 || segment.start + displayWidth(segment.text) > start + 1 && parts[best...].joined().unicodeScalars.count >= 2 {
                    cuts.insert(best)
                }
            }
            var from = 0
            for cut in cuts.sorted() + [parts.count] where cut > from {
                out.append(Segment(start: positions[from], text: parts[from..<cut].joined(separator: " ")))
                from = cut
            }
        }
        return out
    }

    /// Letters that take room on the line: marks above and below their letter do not.
    static func displayWidth(_ text: String) -> Int {
        text.unicodeScalars.reduce(0) { count, scalar in
            switch scalar.value {
            case 0x0E31, 0x0E34...0x0E3A, 0x0E47...0x0E4E: count
            default: count + 1
            }
        }
    }

    /// Gives every run of every line a column, in order, by the column starts seen last.
    static func assignColumns(_ lines: inout [Line], header: Header, itemsNumbered: Bool, skip: Set<Int>) {
        let columns = header.columns.map(\.column)
        var starts: [Int?] = header.columns.map(\.start)
        // A cell's lines stand close together (the lines of neighbouring columns fall between
        // them, a line or two at a time, as their baselines differ): a column without text on the
        // last four lines (or none yet in its block) takes a run only when it begins a cell there
        // (an item number, a code), or when no other column can — "ทุจริต" at the left margin,
        // after the dimension's name ended long before, is the mission's, pushed left because the
        // dimension column is empty on its line.
        var lastText: [Int?] = Array(repeating: nil, count: header.columns.count)
        var observed = Array(repeating: false, count: header.columns.count)
        for index in lines.indices {
            if skip.contains(index) {
                // A total row closes every cell.
                lastText = lastText.map { _ in nil }
                continue
            }
            // (Only starts seen in the table: the header's labels are centred over their columns.)
            var segments = splitTouchingColumns(lines[index].segments.filter { !isLoneMark($0.text) }, starts: zip(starts, observed).map { $1 ? $0 : nil })
            // The words right of the budgets are the remarks column's.
            let remarksColumn = columns.firstIndex(of: .remarks)
            if remarksColumn != nil, !lines[index].remark.isEmpty, let start = lines[index].remarkStart {
                segments.append(Segment(start: start, text: lines[index].remark))
            }
            let hasRemarkRun = remarksColumn != nil && !lines[index].remark.isEmpty
            // More runs than columns: the closest two are one cell.
            while segments.count > columns.count {
                var best = 1
                for k in 1..<segments.count where segments[k].start - segments[k - 1].start < segments[best].start - segments[best - 1].start { best = k }
                segments[best - 1].text += " " + segments[best].text
                segments.remove(at: best)
            }
            guard !segments.isEmpty else { continue }
            var forced = segments.map { forcedColumn($0.text, itemsNumbered: itemsNumbered) }
            if hasRemarkRun { forced[forced.count - 1] = .remarks }
            // Only the dimension's own column may take a dimension heading; without one it is a
            // row across the table (`rebuild` takes it out before).
            forced = forced.map { $0 == .dimension && !columns.contains(.dimension) ? nil : $0 }
            func cost(_ segment: Int, _ column: Int) -> Int {
                if let wanted = forced[segment], wanted != columns[column] { return 1_000 }
                if forced[segment] != nil { return 0 }
                let closed = lastText[column].map { index - $0 <= 4 } == true ? 0 : 20
                guard let start = starts[column] else { return 6 + closed }
                return abs(segments[segment].start - start) + closed
            }
            // Every increasing choice of columns (at most three columns: a handful of choices).
            var best: [Int] = []
            var bestCost = Int.max
            func search(_ segment: Int, _ from: Int, _ chosen: [Int], _ total: Int) {
                if segment == segments.count {
                    if total < bestCost { bestCost = total; best = chosen }
                    return
                }
                guard columns.count - from >= segments.count - segment else { return }
                for column in from..<columns.count {
                    search(segment + 1, column + 1, chosen + [column], total + cost(segment, column))
                }
            }
            search(0, 0, [], 0)
            var assigned: [(Column, Segment)] = []
            for (segment, column) in zip(segments, best) {
                assigned.append((columns[column], segment))
                starts[column] = segment.start
                observed[column] = true
                // Columns keep their order: a start this one has passed is no longer known.
                for other in columns.indices where other != column {
                    if let start = starts[other], other < column ? start >= segment.start : start <= segment.start + 1 { starts[other] = nil }
                }
            }
            lines[index].assigned = assigned
            for (column, _) in assigned { lastText[columns.firstIndex(of: column)!] = index }
        }
    }

    // MARK: - Rows

    struct Piece {
        var text: String
        var first: Int
        var last: Int
        var lineNumber: Int
    }

    /// Joins a column's next visual line to its text: a Thai word broken at the cell's edge
    /// joins without a space; a mark the PDF set apart goes on the letter before it.
    static func join(_ text: String, _ next: String) -> String {
        if let first = next.unicodeScalars.first, TextRepair.isFollowingMark(first) {
            // "ขัน" + "้ ตอน": the mark goes back, and the repair of misplaced marks sets it right.
            var report = TextRepair.Report()
            return TextRepair.apply(text + next.replacingOccurrences(of: " ", with: ""), lostSaraAm: false, misread: true, report: &report)
        }
        return ImportText.joinBroken(text, next)
    }

    /// Texts of one column that begin at a heading (or item) and go on over the lines below it.
    static func pieces(_ lines: [Line], column: Column, begins: (String) -> Bool, range: Range<Int>) -> [Piece] {
        var result: [Piece] = []
        for index in range {
            for (assignedColumn, segment) in lines[index].assigned where assignedColumn == column {
                if begins(segment.text) || result.isEmpty {
                    result.append(Piece(text: segment.text, first: index, last: index, lineNumber: lines[index].number))
                } else {
                    result[result.count - 1].text = join(result[result.count - 1].text, segment.text)
                    result[result.count - 1].last = index
                }
            }
        }
        return result
    }

    /// Splits items `0..<count` into consecutive groups, one per heading in order (a heading may
    /// take none only when a sub-heading of it follows), so that each heading stands over its
    /// group: at its top (top-aligned cells) or at its middle (centred cells).
    static func partition(items: [Piece], headings: [Piece], mayBeEmpty: [Bool]) -> [Int] {
        let n = items.count, k = headings.count
        guard k > 1, n > 0 else { return Array(repeating: 0, count: n) }
        let infinity = Double.greatestFiniteMagnitude / 4
        var cost = Array(repeating: Array(repeating: infinity, count: n + 1), count: k + 1)
        var choice = Array(repeating: Array(repeating: 0, count: n + 1), count: k + 1)
        cost[0][0] = 0
        for j in 1...k {
            let heading = headings[j - 1]
            let headingTop = Double(heading.first), headingMiddle = Double(heading.first + heading.last) / 2
            for end in 0...n {
                for start in 0...end where cost[j - 1][start] < infinity {
                    let part: Double
                    if start == end {
                        part = mayBeEmpty[j - 1] ? 0 : 40
                    } else {
                        let top = Double(items[start].first), bottom = Double(items[end - 1].last)
                        part = min(abs(headingTop - top), abs(headingMiddle - (top + bottom) / 2))
                    }
                    if cost[j - 1][start] + part < cost[j][end] {
                        cost[j][end] = cost[j - 1][start] + part
                        choice[j][end] = start
                    }
                }
            }
        }
        var group = Array(repeating: 0, count: n)
        var end = n
        for j in stride(from: k, to: 0, by: -1) {
            let start = choice[j][end]
            for index in start..<end { group[index] = j - 1 }
            end = start
        }
        return group
    }

    static func rebuild(_ input: [Line], header: Header) -> [TableRow] {
        var lines = input
        joiningCutAmounts(&lines)
        // 1. Totals and the lines of their cells ("จำนวน ๔" above "รวม", "โครงการ" below, the
        //    budgets on its line or the one below it).
        struct TotalRow { var kind: Total; var index: Int; var count: String; var budgets: [String] }
        var totals: [TotalRow] = []
        var skip = Set<Int>()
        for index in lines.indices {
            guard let kind = lines[index].segments.lazy.compactMap({ isTotal($0.text) }).first else { continue }
            var count = lines[index].segments.filter { isTotal($0.text) == nil && !isLoneMark($0.text) }.map(\.text)
            var budgets = lines[index].budgets
            skip.insert(index)
            var above = index - 1
            while above >= 0, index - above <= 2, !skip.contains(above), lines[above].budgets.isEmpty, !lines[above].segments.isEmpty,
                  lines[above].segments.allSatisfy({ isCountPiece($0.text) && ImportText.compact($0.text) != "โครงการ" || isLoneMark($0.text) }) {
                count.insert(contentsOf: lines[above].segments.map(\.text), at: 0)
                skip.insert(above)
                above -= 1
            }
            var below = index + 1
            // Below: the rest of the count ("โครงการ") while it lacks it, and the budgets while
            // there are none; a new "จำนวน N" is the next total's.
            func complete() -> Bool { count.contains { ImportText.has($0, "โครงการ") || ImportText.has($0, "รายการ") } }
            while below < lines.count, below - index <= 2, lines[below].segments.allSatisfy({ isCountPiece($0.text) || isLoneMark($0.text) }),
                  !lines[below].segments.contains(where: { ImportText.starts(ImportText.compact($0.text), with: "จำนวน") && !count.isEmpty }),
                  budgets.isEmpty || !complete() && !lines[below].segments.isEmpty && lines[below].budgets.isEmpty {
                count += lines[below].segments.map(\.text).filter { !isLoneMark($0) }
                if budgets.isEmpty { budgets = lines[below].budgets }
                skip.insert(below)
                below += 1
            }
            totals.append(TotalRow(kind: kind, index: index, count: count.joined(separator: " "), budgets: budgets))
        }
        let hasColumn = Set(header.columns.map(\.column))
        // 2. Without a dimension column, a dimension is a row across the table ("มิติที่ 1 การ…"):
        //    its items are the ones below it.
        var headings: [(index: Int, text: String)] = []
        if !hasColumn.contains(.dimension) {
            for index in lines.indices where !skip.contains(index) && lines[index].budgets.isEmpty {
                let texts = lines[index].segments.filter { !isLoneMark($0.text) }
                guard let first = texts.first, forcedColumn(first.text, itemsNumbered: true) == .dimension,
                      texts.count == 1 || ImportText.starts(first.text, with: "มิติ") else { continue }
                headings.append((index, texts.map(\.text).joined(separator: " ")))
                skip.insert(index)
            }
        }
        // 3. Columns of every other line.
        let itemsNumbered = lines.contains { $0.segments.contains { ImportText.marker(Substring($0.text)).map { [.closingParen, .parens].contains($0.style) } == true } }
        assignColumns(&lines, header: header, itemsNumbered: itemsNumbered, skip: skip)

        // 4. Blocks: the lines between two totals or dimension rows.
        enum Boundary { case total(TotalRow), heading(String) }
        let boundaries: [(index: Int, boundary: Boundary)] = (totals.map { ($0.index, Boundary.total($0)) } + headings.map { ($0.index, Boundary.heading($0.text)) })
            .sorted { $0.0 < $1.0 }
        let textColumns = header.columns.map(\.column).filter { $0 != .remarks }
        var rows: [TableRow] = []
        let yearCount = header.years.count
        let headerLine = header.firstLine + 1
        rows.append(TableRow(cells: textColumns.map { column in
            TableCell(lines: [column == .dimension ? "มิติ" : column == .mission ? "ภารกิจตามมิติ" : "โครงการ/กิจกรรม/มาตรการ"], line: headerLine)
        } + header.years.map { TableCell(lines: ["ปี \($0)"], line: headerLine) } + [TableCell(lines: ["หมายเหตุ"], line: headerLine)], line: headerLine))
        var pendingDimension: String?
        var blockStart = 0
        for step in 0...boundaries.count {
            let blockEnd = step < boundaries.count ? boundaries[step].index : lines.count
            defer { blockStart = blockEnd + 1 }
            let range = blockStart..<max(blockStart, blockEnd)
            let items = pieces(lines, column: .items, begins: { forcedColumn($0, itemsNumbered: itemsNumbered) == .items }, range: range)
                .filter { forcedColumn($0.text, itemsNumbered: itemsNumbered) == .items }
            let missions = hasColumn.contains(.mission)
                ? pieces(lines, column: .mission, begins: { forcedColumn($0, itemsNumbered: true) == .mission }, range: range)
                    .filter { forcedColumn($0.text, itemsNumbered: true) == .mission } : []
            let dimensions = hasColumn.contains(.dimension)
                ? pieces(lines, column: .dimension, begins: { forcedColumn($0, itemsNumbered: true) == .dimension }, range: range)
                    .filter { forcedColumn($0.text, itemsNumbered: true) == .dimension } : []
            // Budgets: in order when there are as many lines as items, else by whose lines hold them.
            let budgetLines = range.filter { !skip.contains($0) && !lines[$0].budgets.isEmpty }
            var budgetsOf = Array(repeating: [String](), count: items.count)
            var remarksOf = Array(repeating: "", count: items.count)
            if budgetLines.count == items.count {
                for (item, line) in budgetLines.enumerated() { budgetsOf[item] = lines[line].budgets }
            } else if !items.isEmpty {
                for line in budgetLines {
                    let distance: (Int) -> Int = { item in
                        line < items[item].first ? items[item].first - line : line > items[item].last ? line - items[item].last : 0
                    }
                    let free = items.indices.filter { budgetsOf[$0].isEmpty }
                    guard let item = (free.isEmpty ? Array(items.indices) : free).min(by: { distance($0) < distance($1) }), distance(item) <= 3 else { continue }
                    budgetsOf[item] = lines[line].budgets
                }
            }
            // Remarks (the column right of the budgets): the item whose lines they stand beside.
            if !items.isEmpty {
                for index in range where !skip.contains(index) {
                    var texts = lines[index].assigned.filter { $0.column == .remarks }.map(\.segment.text)
                    if !hasColumn.contains(.remarks), !lines[index].remark.isEmpty { texts.append(lines[index].remark) }
                    guard !texts.isEmpty else { continue }
                    let item = items.lastIndex { $0.first <= index } ?? 0
                    for text in texts { remarksOf[item] = remarksOf[item].isEmpty ? text : join(remarksOf[item], text) }
                }
            }
            let dimensionOf = partition(items: items, headings: dimensions, mayBeEmpty: dimensions.map { _ in false })
            let missionOf = partition(items: items, headings: missions, mayBeEmpty: missions.indices.map { index in
                index + 1 < missions.count && missionCode(missions[index + 1].text).map { $0.hasPrefix((missionCode(missions[index].text) ?? "-") + ".") } == true
            })
            var shownDimensions = Set<Int>(), shownMissions = Set<Int>()
            if items.isEmpty, let dimension = dimensions.first { pendingDimension = dimension.text }
            for (item, piece) in items.enumerated() {
                var dimensionCell: [String] = []
                if let dimension = pendingDimension { dimensionCell.append(dimension); pendingDimension = nil }
                if !dimensions.isEmpty, !shownDimensions.contains(dimensionOf[item]) {
                    for index in dimensions.indices where index <= dimensionOf[item] && !shownDimensions.contains(index) {
                        dimensionCell.append(dimensions[index].text)
                        shownDimensions.insert(index)
                    }
                }
                var missionCell: [String] = []
                if !missions.isEmpty, !shownMissions.contains(missionOf[item]) {
                    for index in missions.indices where index <= missionOf[item] && !shownMissions.contains(index) {
                        missionCell.append(missions[index].text)
                        shownMissions.insert(index)
                    }
                }
                var cells: [TableCell] = textColumns.map { column in
                    switch column {
                    case .dimension: TableCell(lines: dimensionCell, line: piece.lineNumber)
                    case .mission: TableCell(lines: missionCell, line: piece.lineNumber)
                    default: TableCell(lines: [piece.text], line: piece.lineNumber)
                    }
                }
                cells += budgetCells(budgetsOf[item], count: yearCount, line: piece.lineNumber)
                cells.append(TableCell(lines: remarksOf[item].isEmpty ? [] : [remarksOf[item]], line: piece.lineNumber))
                rows.append(TableRow(cells: cells, line: piece.lineNumber))
            }
            guard step < boundaries.count else { continue }
            let line = lines[boundaries[step].index].number
            let count = textColumns.count
            var cells = (0..<count).map { _ in TableCell(lines: [], line: line) }
            switch boundaries[step].boundary {
            case .heading(let text):
                cells[0].lines = [text]
                cells += budgetCells([], count: yearCount, line: line)
            case .total(let total):
                // The total's words in the two columns before the budgets ("รวม" | "จำนวน ๔
                // โครงการ"), or together in the only one.
                let word = total.kind == .grand ? "รวมทั้งสิ้น" : "รวม"
                if count == 1 {
                    cells[0].lines = [total.count.isEmpty ? word : word + " " + total.count]
                } else {
                    cells[count - 2].lines = [word]
                    if !total.count.isEmpty { cells[count - 1].lines = [total.count] }
                }
                cells += budgetCells(total.budgets, count: yearCount, line: line)
            }
            cells.append(TableCell(lines: [], line: line))
            rows.append(TableRow(cells: cells, line: line))
        }
        return rows
    }

    /// "๑.๒ การเสริม…" → "1.2"
    static func missionCode(_ text: String) -> String? {
        guard let marker = ImportText.marker(Substring(text + " ")), marker.numbers.count >= 2 else { return nil }
        return marker.numbers.map(String.init).joined(separator: ".")
    }

    /// One cell per year; fewer figures than years fill the first years (a row without budgets
    /// gives empty cells).
    static func budgetCells(_ budgets: [String], count: Int, line: Int) -> [TableCell] {
        (0..<count).map { index in TableCell(lines: index < budgets.count ? [budgets[index]] : [], line: line) }
    }
}
