import Foundation

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
        var height: Double { y1 - y0 }
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

    /// The pages as text: paragraphs as lines, table regions as tab-separated rows, a blank line
    /// between pages. A table that runs over a page break carries its columns to the next page,
    /// where a wrapped cell may go on alone, indented.
    static func text(pages: [[Word]]) -> String {
        var out: [String] = []
        // The document's left margin: where paragraphs start, on any page.
        let margin = pages.flatMap { $0.map(\.x0) }.min() ?? 0
        var carried: [(start: Double, end: Double)]?
        for words in pages {
            let (lines, columns) = pageLines(words, margin: margin, carried: carried)
            out += lines
            carried = columns
            out.append("")
        }
        return out.joined(separator: "\n")
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
            var previous: Word?
            for word in lines[index].words {
                if let previous, word.x0 - previous.x1 > cellGap(previous, word) {
                    cells.append([word])
                } else if cells.isEmpty {
                    cells.append([word])
                } else {
                    cells[cells.count - 1].append(word)
                }
                previous = word
            }
            lines[index].cells = cells
        }
        return lines
    }

    /// Wider than a space of the text's size: the gap between two cells.
    static func cellGap(_ left: Word, _ right: Word) -> Double { max(6, max(left.height, right.height) * 0.4) }

    /// The words of a cell as text: a space where the gap is a space, none where pdftotext cut a
    /// word (Thai marks come as words of their own, sometimes with a negative gap).
    static func join(_ words: [Word]) -> String {
        var text = ""
        var previous: Word?
        for word in words {
            if let previous, word.x0 - previous.x1 > max(1.5, previous.height * 0.12) { text += " " }
            text += word.text
            previous = word
        }
        return text
    }

    static func isPageNumber(_ line: Line) -> Bool {
        let text = join(line.words).filter { !$0.isWhitespace && !"-–—()หน้า".contains($0) }
        return !text.isEmpty && text.count <= 4 && text.allSatisfy { $0.isNumber }
    }

    /// One page's lines; and the columns of a table still open at the page's end.
    static func pageLines(_ words: [Word], margin: Double, carried: [(start: Double, end: Double)]?) -> (lines: [String], open: [(start: Double, end: Double)]?) {
        let lines = lines(words)
        var out: [String] = []
        var open: [(start: Double, end: Double)]?
        var index = 0
        // Lines at the top of the page that go on with the table of the page before.
        if let carried {
            var end = 0
            while end < lines.count, isPageNumber(lines[end]) || lines[end].cells.count >= 2 || lines[end].x0 - margin >= 8 {
                if lines[end].cells.count >= 2 { break }
                end += 1
            }
            let continuing = lines[0..<end].filter { !isPageNumber($0) }
            if !continuing.isEmpty {
                out += continuing.map { row($0, columns: carried) }
                index = end
                if index == lines.count { open = carried }
            }
        }
        while index < lines.count {
            guard lines[index].cells.count >= 2 else {
                out.append(join(lines[index].words))
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
                if gap > max(40, (lines[end - 1].words.first?.height ?? 12) * 3.5) { break }
                if line.cells.count >= 2 { lastMulti = end } else if line.x0 - margin < 8 && end - lastMulti > 1 && !isPageNumber(line) { break }
                end += 1
            }
            // Trailing one-cell lines at the margin after the last table line are paragraphs.
            while end - 1 > lastMulti, lines[end - 1].x0 - margin < 8 { end -= 1 }
            let region = Array(lines[index..<end]).filter { !isPageNumber($0) || $0.cells.count >= 2 }
            let columns = columns(region)
            out += region.map { row($0, columns: columns) }
            index = end
            // Open at the page's end (bar a page number): the table may go on over the page.
            if lines[end...].allSatisfy(isPageNumber), columns.count >= 2 { open = columns } else { open = nil }
        }
        return (out, open)
    }

    /// A table region's columns: the x-ranges covered by its cells; where coverage stops for a
    /// gap, a gutter (a column boundary). Each cell's own extent counts, so spaces inside cells
    /// do not; lines of one cell are left out (a wrapped cell's continuation, or a row spanning
    /// columns, says nothing about where columns part).
    static func columns(_ lines: [Line]) -> [(start: Double, end: Double)] {
        var spans: [(Double, Double)] = lines.filter { $0.cells.count >= 2 }.flatMap { line in line.cells.compactMap { cell in
            guard let first = cell.first, let last = cell.last else { return nil }
            return (first.x0, last.x1)
        } }
        spans.sort { $0.0 < $1.0 }
        var columns: [(start: Double, end: Double)] = []
        for span in spans {
            if let last = columns.last, span.0 <= last.end + 3 {
                columns[columns.count - 1].end = max(last.end, span.1)
            } else {
                columns.append((span.0, span.1))
            }
        }
        return columns
    }

    /// A line as a tab-separated row of the columns (as text when there are no columns).
    static func row(_ line: Line, columns: [(start: Double, end: Double)]) -> String {
        guard columns.count >= 2 else { return join(line.words) }
        var cells = Array(repeating: "", count: columns.count)
        for cell in line.cells {
            guard let first = cell.first else { continue }
            let column = columns.lastIndex { $0.start <= first.x0 + 0.5 } ?? 0
            let text = join(cell)
            cells[column] = cells[column].isEmpty ? text : cells[column] + " " + text
        }
        return cells.joined(separator: "\t")
    }
}
