import Foundation
import SujaritCore

/// Reads plain text as extracted from Word or PDF into blocks.
///
/// What such text looks like (see the seeds):
/// - a paragraph per line, blank lines between — and also inside sentences;
/// - table cells one per line, each led by a tab, a cell's further lines without the tab, so a
///   table's rows can only be told apart by counting cells: the header row ends at the table's
///   first blank line, and every later row has as many cells as the header;
/// - or rows of tab-separated cells, one row per line, where a page break leaves a blank line and
///   then a "continuation row" (first cell empty) holding the overflow of the row above;
/// - HTML fragments (`<p>`, `<ul>`) inside cells, "#####" and "--" separator lines.
public enum PlainTextReader {
    public static func read(_ text: String) -> [DocumentBlock] {
        let lines = splitLines(text)
        var reader = Reader(lines: lines)
        return reader.run()
    }

    /// Lines split at "\n", "\r\n" or "\r", by bytes.
    static func splitLines(_ text: String) -> [Substring] {
        let utf8 = text.utf8
        var lines: [Substring] = []
        var lineStart = utf8.startIndex
        var index = utf8.startIndex
        while index != utf8.endIndex {
            let byte = utf8[index]
            if byte == 0x0A || byte == 0x0D {
                lines.append(text[lineStart..<index])
                var next = utf8.index(after: index)
                if byte == 0x0D, next != utf8.endIndex, utf8[next] == 0x0A { next = utf8.index(after: next) }
                lineStart = next
                index = next
                continue
            }
            index = utf8.index(after: index)
        }
        lines.append(text[lineStart..<utf8.endIndex])
        return lines
    }

    private enum LineShape {
        case blank
        /// A line led by one tab and holding no other tab: one table cell.
        case cell(Substring)
        /// A line with tab-separated cells.
        case row([Substring])
        case text(Substring)
    }

    private static func shape(_ line: Substring) -> LineShape {
        if line.unicodeScalars.allSatisfy(ImportText.isSpace) && !ImportText.has(line, "\t") { return .blank }
        guard ImportText.has(line, "\t") else { return .text(line) }
        let parts = line.utf8.split(separator: 0x09, omittingEmptySubsequences: false).map { Substring($0) }
        if line.first == "\t" && parts.count == 2 { return .cell(parts[1]) }
        if parts.count >= 2 { return .row(parts) }
        return .text(line)
    }

    /// "**2. หลักการและเหตุผล**", "__วัตถุประสงค์__": text pasted from a chat or a markdown editor
    /// keeps its bold markers; the words are what counts. Only paired double markers go.
    static func withoutEmphasisMarkers(_ line: Substring) -> Substring {
        guard line.utf8.count >= 4, line.contains("**") || line.contains("__") else { return line }
        var text = String(line)
        for marker in ["**", "__"] where text.components(separatedBy: marker).count >= 3 {
            text = text.replacingOccurrences(of: marker, with: "")
        }
        return Substring(text)
    }

    /// Lines made only of "#", "=", "_", "~" or "-" (two or more) separate parts; they carry no text.
    static func isSeparator<S: StringProtocol>(_ text: S) -> Bool {
        guard let first = text.utf8.first(where: { $0 != 0x20 && $0 != 0x09 }), first == 0x23 || first == 0x3D || first == 0x5F || first == 0x7E || first == 0x2D || first == 0x2A || first == 0xE2 else { return false }
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard trimmed.count >= 2 else { return false }
        return trimmed.allSatisfy { "#=_~-–—*".contains($0) }
    }

    /// A page number a PDF or Word extraction leaves on a line of its own: "12", "- 12 -",
    /// "หน้า 12", "หน้า 12 จาก 60", "หน้า 12/60" (Thai or Arabic digits).
    static func isPageNumber<S: StringProtocol>(_ raw: S) -> Bool {
        let text = ImportText.arabic(ImportText.clean(raw))
        guard !text.isEmpty, text.utf8.count <= 40 else { return false }
        var rest = Substring(text)
        if ImportText.starts(rest, with: "หน้า") { rest = ImportText.trimmedStart(rest.dropFirst("หน้า".count)) }
        else if rest.first == "-" || rest.first == "–" {
            guard rest.last == "-" || rest.last == "–", rest.count >= 3 else { return false }
            rest = ImportText.trimmedStart(rest.dropFirst().dropLast())
            rest = rest.reversed().drop(while: { $0 == " " }).reversed().reduce(into: Substring()) { $0.append($1) }
        }
        guard let (_, after) = ImportText.leadingNumber(rest, maxDigits: 3) else { return false }
        let tail = ImportText.trimmedStart(after)
        if tail.isEmpty { return true }
        var total = tail
        if ImportText.starts(total, with: "จาก") { total = ImportText.trimmedStart(total.dropFirst("จาก".count)) }
        else if total.first == "/" { total = ImportText.trimmedStart(total.dropFirst()) }
        else { return false }
        guard let (_, end) = ImportText.leadingNumber(total, maxDigits: 3) else { return false }
        return ImportText.trimmedStart(end).isEmpty
    }

    /// Lines that begin a new part of a plan document even right after a table.
    static func isStructuralHeading(_ text: String) -> Bool {
        for prefix in ["ส่วนที่", "มิติที่", "ลำดับที่", "ภาคผนวก", "บทที่"] where ImportText.starts(text, with: prefix) { return true }
        return false
    }

    private struct Reader {
        let lines: [Substring]
        var index = 0
        var blocks: [DocumentBlock] = []

        init(lines: [Substring]) { self.lines = lines }

        mutating func run() -> [DocumentBlock] {
            while index < lines.count {
                switch PlainTextReader.shape(lines[index]) {
                case .blank:
                    index += 1
                case .cell:
                    readCellTable()
                case .row:
                    readRowTable()
                case .text(let text):
                    // A plan table set out in spaces (`pdftotext -layout`), rebuilt from the
                    // positions of its lines; its header's first lines were read as text already.
                    if let layout = LayoutTable.read(lines, at: index) {
                        while let last = blocks.last, last.line > layout.firstLine { blocks.removeLast() }
                        blocks.append(.table(layout.table))
                        index = layout.end
                        continue
                    }
                    addText(text, line: index + 1)
                    index += 1
                }
            }
            return blocks
        }

        mutating func addText(_ raw: Substring, line: Int) {
            if PlainTextReader.isSeparator(raw) || PlainTextReader.isPageNumber(raw) { return }
            let pieces = raw.utf8.contains(0x3C) && (ImportText.has(raw, "<p") || ImportText.has(raw, "<ul") || ImportText.has(raw, "<br"))
                ? ImportText.htmlFragmentLines(String(raw)) : [ImportText.clean(PlainTextReader.withoutEmphasisMarkers(raw))]
            for text in pieces where !text.isEmpty {
                if text.utf8.count <= 240 && (PlainTextReader.isStructuralHeading(text) || text == "คำนำ" || text == "สารบัญ") {
                    blocks.append(.heading(TextBlock(text: text, line: line, level: 1)))
                    continue
                }
                let block = TextBlock(text: text, line: line)
                blocks.append(ImportText.marker(Substring(text)) != nil ? .listItem(block) : .paragraph(block))
            }
        }

        /// Cells one per line, led by a tab. The table ends at a text line that follows two or
        /// more blank lines, at a part heading, or at a row of tab-separated cells.
        mutating func readCellTable() {
            struct PendingCell { var lines: [String]; var line: Int }
            var cells: [PendingCell] = []
            var headerWidth: Int?
            var blankRun = 0
            let start = index + 1
            loop: while index < lines.count {
                let raw = lines[index]
                switch PlainTextReader.shape(raw) {
                case .blank:
                    blankRun += 1
                    if headerWidth == nil && !cells.isEmpty { headerWidth = cells.count }
                case .cell(let content):
                    blankRun = 0
                    let text = Self.cellLines(content)
                    cells.append(PendingCell(lines: text, line: index + 1))
                case .row:
                    break loop
                case .text(let content):
                    let text = ImportText.clean(content)
                    if blankRun >= 2 || PlainTextReader.isStructuralHeading(text) || cells.isEmpty { break loop }
                    blankRun = 0
                    cells[cells.count - 1].lines.append(contentsOf: Self.cellLines(content))
                }
                index += 1
            }
            let width = max(1, headerWidth ?? cells.count)
            var rows: [TableRow] = []
            var position = 0
            while position < cells.count {
                let slice = cells[position..<min(cells.count, position + width)]
                rows.append(TableRow(cells: slice.map { TableCell(lines: $0.lines, line: $0.line) }, line: slice.first!.line))
                position += width
            }
            if !rows.isEmpty { blocks.append(.table(DocumentTable(rows: rows, line: start))) }
        }

        static func cellLines(_ raw: Substring) -> [String] {
            if raw.contains("<") { return ImportText.htmlFragmentLines(String(raw)) }
            let text = ImportText.clean(raw)
            return text.isEmpty ? [] : [text]
        }

        /// Rows of tab-separated cells, one per line; blank lines between rows are allowed. A row
        /// after a blank line whose first cell is empty continues the row above (page break).
        mutating func readRowTable() {
            var rows: [TableRow] = []
            var rawRows: [[Substring]] = []
            var repeatedHeaderLine: Int?
            var blankBefore = false
            let start = index + 1
            loop: while index < lines.count {
                switch PlainTextReader.shape(lines[index]) {
                case .blank:
                    blankBefore = true
                case .row(let parts):
                    defer { blankBefore = false }
                    let nonEmpty = parts.filter { !ImportText.clean($0).isEmpty }
                    if !nonEmpty.isEmpty && nonEmpty.allSatisfy({ PlainTextReader.isSeparator($0) || ImportText.clean($0).allSatisfy { $0 == "-" } && $0.count >= 2 }) {
                        break // a "--\t---\t--" rule
                    }
                    if let header = rawRows.first, rows.count > 1, header.map({ ImportText.clean($0) }) == parts.map({ ImportText.clean($0) }) {
                        repeatedHeaderLine = 1
                        break // a header repeated after a page break
                    }
                    // The further lines of a header of several lines, repeated with it.
                    if let line = repeatedHeaderLine, line < 6,
                       (line < rawRows.count && rawRows[line].map({ ImportText.clean($0) }) == parts.map({ ImportText.clean($0) }))
                        || PlanTableParser.isHeaderFragmentRow(parts.map { ImportText.clean($0) }) {
                        repeatedHeaderLine = line + 1
                        break
                    }
                    repeatedHeaderLine = nil
                    let firstEmpty = ImportText.clean(parts[0]).isEmpty
                    if blankBefore && firstEmpty && !rows.isEmpty && !nonEmpty.isEmpty && !Self.beginsRow(parts) {
                        Self.merge(continuation: parts, into: &rows[rows.count - 1])
                        break
                    }
                    rawRows.append(parts)
                    rows.append(TableRow(cells: parts.map { TableCell(lines: Self.cellLines($0), line: index + 1) }, line: index + 1))
                case .text(let text) where PlainTextReader.isPageNumber(text):
                    blankBefore = true // a page break inside the table
                case .cell, .text:
                    break loop
                }
                index += 1
            }
            if !rows.isEmpty { blocks.append(.table(DocumentTable(rows: rows, line: start))) }
        }

        /// A row after a page break that begins an item ("5) โครงการ…") or a total is a row of
        /// its own, not the overflow of the row above.
        static func beginsRow(_ parts: [Substring]) -> Bool {
            parts.contains { raw in
                let text = ImportText.clean(raw)
                if ImportText.starts(text, with: "รวม") { return true }
                // A mission ("2.5 มาตรการ…") or dimension beginning after the break.
                if PlanTableParser.startsHeading(text), let marker = ImportText.marker(Substring(text)), marker.style == .code || ImportText.starts(text, with: "มิติที่") { return true }
                guard let marker = ImportText.marker(Substring(text)), marker.numbers.count == 1,
                      marker.style == .closingParen || marker.style == .dot else { return false }
                return PlanItemKind.recognize(fromName: String(marker.rest)) != nil
            }
        }

        static func merge(continuation parts: [Substring], into row: inout TableRow) {
            for (column, raw) in parts.enumerated() {
                let extra = cellLines(raw)
                guard !extra.isEmpty else { continue }
                while row.cells.count <= column { row.cells.append(TableCell(lines: [], line: row.line)) }
                var cell = row.cells[column]
                let startsBlock = ImportText.trimmedStart(raw).hasPrefix("<")
                if startsBlock || cell.lines.isEmpty {
                    cell.lines.append(contentsOf: extra)
                } else {
                    // A name goes on after the break; budget lines stay lines of their own ("-"
                    // and "-" are two items' budgets, not one), bar an amount cut in two.
                    PlanTableParser.append(TableCell(lines: extra, line: cell.line), to: &cell)
                }
                row.cells[column] = cell
            }
        }
    }
}
