import Foundation

/// Reads HTML (a saved web page, or Word's "save as web page") into blocks with a small,
/// forgiving tag scanner: it does not need well-formed markup, ignores scripts, styles and
/// comments, and numbers blocks by the source line they start on.
///
/// The scanner walks the document's UTF-8 bytes in place (no copy of the text, no grapheme
/// breaking, no Foundation searches that would convert the whole document to UTF-16 for each
/// comment or style block): a Word page of 20 MB is mostly markup, and only the text between
/// tags is ever turned into strings, one block at a time.
public enum HTMLReader {
    public static func read(_ html: String) -> [DocumentBlock] {
        var html = html
        html.makeContiguousUTF8()
        return html.utf8.withContiguousStorageIfAvailable { bytes in
            var scanner = Scanner()
            scanner.run(bytes)
            return scanner.blocks
        } ?? []
    }

    private struct OpenTable {
        var rows: [TableRow] = []
        var row: [TableCell]?
        var rowLine = 0
        var cell: TableCell?
        var line: Int
    }

    /// Longest tag read, in bytes; a "<" without a ">" within it is text.
    static let longestTag = 16_000

    private struct Scanner {
        var blocks: [DocumentBlock] = []
        var tables: [OpenTable] = []
        /// The UTF-8 bytes of the text gathered since the last block.
        var text: [UInt8] = []
        var textLine = 1
        var line = 1
        var headingLevel: Int?
        /// Open lists: nil for <ul>, the next number for <ol>.
        var lists: [Int?] = []
        var pendingListMarker: String?

        static let lt = UInt8(ascii: "<"), gt = UInt8(ascii: ">"), slash = UInt8(ascii: "/"), newline = UInt8(ascii: "\n")

        mutating func run(_ html: UnsafeBufferPointer<UInt8>) {
            var index = 0
            let end = html.count
            while index < end {
                let byte = html[index]
                if byte == Self.lt {
                    if Self.matches(html, at: index, "<!--") {
                        let close = Self.find(html, "-->", from: index + 4).map { $0 + 3 } ?? end
                        countLines(html, index, close)
                        index = close
                        continue
                    }
                    // As browsers read it: "<" starts a tag only before a letter, "/", "!" or "?"
                    // ("3 < 5" is text); and only when a ">" follows soon enough.
                    let limit = min(end, index + 1 + HTMLReader.longestTag)
                    var close = index + 1
                    if close < end && Self.startsTag(html[close]) {
                        while close < limit && html[close] != Self.gt { close += 1 }
                    } else {
                        close = limit
                    }
                    guard close < limit else {
                        append(html, index, index + 1)
                        index += 1
                        continue
                    }
                    let tagStart = index + 1
                    countLines(html, tagStart, close)
                    index = close + 1
                    var nameStart = tagStart
                    while nameStart < close && html[nameStart] == Self.slash { nameStart += 1 }
                    let closing = nameStart > tagStart
                    var nameEnd = nameStart
                    while nameEnd < close && Self.isNameByte(html[nameEnd]) { nameEnd += 1 }
                    let name = Self.lowercasedASCII(html, nameStart, nameEnd)
                    if !closing && (name == "script" || name == "style" || name == "head" || name == "title") {
                        let skipTo = Self.findCloser(html, name: name, from: index) ?? end
                        countLines(html, index, skipTo)
                        index = skipTo
                        continue
                    }
                    handle(tag: name, closing: closing, attributes: html, tagStart, close)
                } else {
                    // Text up to the next tag, in one go.
                    var next = index
                    while next < end && html[next] != Self.lt { next += 1 }
                    append(html, index, next)
                    index = next
                }
            }
            flush()
            while !tables.isEmpty { closeTable() }
        }

        static func startsTag(_ byte: UInt8) -> Bool {
            (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) || byte == slash || byte == UInt8(ascii: "!") || byte == UInt8(ascii: "?")
        }

        static func isNameByte(_ byte: UInt8) -> Bool {
            (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) || byte >= 0x80
        }

        static func lowercasedASCII(_ html: UnsafeBufferPointer<UInt8>, _ from: Int, _ to: Int) -> String {
            guard to > from, to - from <= 16 else { return to > from ? "?" : "" }
            var bytes = [UInt8](html[from..<to])
            for i in bytes.indices where bytes[i] >= 0x41 && bytes[i] <= 0x5A { bytes[i] += 0x20 }
            return String(decoding: bytes, as: UTF8.self)
        }

        static func matches(_ html: UnsafeBufferPointer<UInt8>, at index: Int, _ literal: StaticString) -> Bool {
            let count = literal.utf8CodeUnitCount
            guard index + count <= html.count else { return false }
            let pointer = literal.utf8Start
            for offset in 0..<count where html[index + offset] != pointer[offset] { return false }
            return true
        }

        static func find(_ html: UnsafeBufferPointer<UInt8>, _ literal: StaticString, from: Int) -> Int? {
            let first = literal.utf8Start[0]
            var index = from
            while index < html.count {
                if html[index] == first && matches(html, at: index, literal) { return index }
                index += 1
            }
            return nil
        }

        /// Where `</name` (any case) starts, from `from` on.
        static func findCloser(_ html: UnsafeBufferPointer<UInt8>, name: String, from: Int) -> Int? {
            let target = Array(name.utf8)
            var index = from
            while index + 1 < html.count {
                if html[index] == lt && html[index + 1] == slash && index + 2 + target.count <= html.count {
                    var same = true
                    for (offset, expected) in target.enumerated() {
                        var byte = html[index + 2 + offset]
                        if byte >= 0x41 && byte <= 0x5A { byte += 0x20 }
                        if byte != expected { same = false; break }
                    }
                    if same { return index }
                }
                index += 1
            }
            return nil
        }

        mutating func countLines(_ html: UnsafeBufferPointer<UInt8>, _ from: Int, _ to: Int) {
            var index = from
            while index < to {
                if html[index] == Self.newline { line += 1 }
                index += 1
            }
        }

        /// Adds text bytes, counting lines; whitespace before a block's first character is dropped
        /// (and the block's line is the line of that character).
        mutating func append(_ html: UnsafeBufferPointer<UInt8>, _ from: Int, _ to: Int) {
            var index = from
            while index < to {
                let byte = html[index]
                if text.isEmpty {
                    let (scalar, length) = Self.scalar(html, at: index, end: to)
                    if scalar.properties.isWhitespace {
                        if byte == Self.newline { line += 1 }
                        index += length
                        continue
                    }
                    textLine = line
                }
                if byte == Self.newline { line += 1 }
                text.append(byte)
                index += 1
            }
        }

        /// The scalar starting at `index` and its length in bytes (U+FFFD, 1 for a stray byte).
        static func scalar(_ html: UnsafeBufferPointer<UInt8>, at index: Int, end: Int) -> (Unicode.Scalar, Int) {
            let byte = html[index]
            guard byte >= 0x80 else { return (Unicode.Scalar(byte), 1) }
            let length = byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : byte >= 0xC0 ? 2 : 1
            guard length > 1, index + length <= end else { return ("\u{FFFD}", 1) }
            var value = UInt32(byte) & (length == 2 ? 0x1F : length == 3 ? 0x0F : 0x07)
            for offset in 1..<length { value = value << 6 | (UInt32(html[index + offset]) & 0x3F) }
            return (Unicode.Scalar(value) ?? "\u{FFFD}", length)
        }

        mutating func handle(tag name: String, closing: Bool, attributes html: UnsafeBufferPointer<UInt8>, _ from: Int, _ to: Int) {
            switch name {
            case "p", "div", "br", "section", "article", "blockquote", "body", "center":
                flush()
            case "h1", "h2", "h3", "h4", "h5", "h6":
                flush()
                headingLevel = closing ? nil : Int(name.dropFirst())
            case "ul":
                flush()
                if closing { _ = lists.popLast() } else { lists.append(nil) }
            case "ol":
                flush()
                if closing { _ = lists.popLast() } else { lists.append(1) }
            case "li":
                flush()
                if !closing {
                    if let last = lists.last, let number = last {
                        pendingListMarker = "\(number))"
                        lists[lists.count - 1] = number + 1
                    } else {
                        pendingListMarker = "-"
                    }
                }
            case "table":
                flush()
                if closing { closeTable() } else { tables.append(OpenTable(line: line)) }
            case "tr":
                flush()
                guard !tables.isEmpty else { return }
                closeRow()
                if !closing {
                    tables[tables.count - 1].row = []
                    tables[tables.count - 1].rowLine = line
                }
            case "td", "th":
                flush()
                guard !tables.isEmpty else { return }
                closeCell()
                if !closing {
                    if tables[tables.count - 1].row == nil {
                        tables[tables.count - 1].row = []
                        tables[tables.count - 1].rowLine = line
                    }
                    tables[tables.count - 1].cell = TableCell(lines: [], line: line, columnSpan: Self.span(in: html, from, to))
                }
            default:
                break
            }
        }

        static func span(in html: UnsafeBufferPointer<UInt8>, _ from: Int, _ to: Int) -> Int {
            let lower = String(decoding: html[from..<to], as: UTF8.self).lowercased()
            guard let range = lower.range(of: "colspan") else { return 1 }
            let digits = lower[range.upperBound...].drop(while: { !$0.isNumber }).prefix(while: { $0.isNumber }).prefix(3)
            return min(max(Int(digits) ?? 1, 1), 64)
        }

        mutating func flush() {
            let cleaned = ImportText.clean(ImportText.decodeEntities(String(decoding: text, as: UTF8.self)))
            text.removeAll(keepingCapacity: true)
            guard !cleaned.isEmpty else { return }
            var value = cleaned
            if let marker = pendingListMarker {
                value = marker + " " + cleaned
                pendingListMarker = nil
            }
            if !tables.isEmpty {
                if tables[tables.count - 1].cell == nil {
                    tables[tables.count - 1].cell = TableCell(lines: [], line: textLine)
                    if tables[tables.count - 1].row == nil { tables[tables.count - 1].row = [] }
                }
                tables[tables.count - 1].cell?.lines.append(value)
                return
            }
            let block = TextBlock(text: value, line: textLine, level: headingLevel ?? max(0, lists.count - 1))
            if headingLevel != nil {
                blocks.append(.heading(block))
            } else if ImportText.marker(Substring(value)) != nil {
                blocks.append(.listItem(block))
            } else {
                blocks.append(.paragraph(block))
            }
        }

        mutating func closeCell() {
            guard !tables.isEmpty, let cell = tables[tables.count - 1].cell else { return }
            if tables[tables.count - 1].row == nil { tables[tables.count - 1].row = [] }
            tables[tables.count - 1].row?.append(cell)
            tables[tables.count - 1].cell = nil
        }

        mutating func closeRow() {
            closeCell()
            guard !tables.isEmpty, let row = tables[tables.count - 1].row else { return }
            if !row.isEmpty { tables[tables.count - 1].rows.append(TableRow(cells: row, line: tables[tables.count - 1].rowLine)) }
            tables[tables.count - 1].row = nil
        }

        mutating func closeTable() {
            closeRow()
            guard let table = tables.popLast() else { return }
            guard !table.rows.isEmpty else { return }
            if tables.isEmpty {
                blocks.append(.table(DocumentTable(rows: table.rows, line: table.line)))
            } else {
                // A nested table: its text joins the enclosing cell.
                if tables[tables.count - 1].cell == nil { tables[tables.count - 1].cell = TableCell(lines: [], line: table.line) }
                for row in table.rows {
                    let text = row.cells.map(\.text).filter { !$0.isEmpty }.joined(separator: " ")
                    if !text.isEmpty { tables[tables.count - 1].cell?.lines.append(text) }
                }
            }
        }
    }
}
