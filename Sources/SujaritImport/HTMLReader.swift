import Foundation

/// Reads HTML (a saved web page, or Word's "save as web page") into blocks with a small,
/// forgiving tag scanner: it does not need well-formed markup, ignores scripts, styles and
/// comments, and numbers blocks by the source line they start on.
public enum HTMLReader {
    public static func read(_ html: String) -> [DocumentBlock] {
        var scanner = Scanner(html: html)
        scanner.run()
        return scanner.blocks
    }

    private struct OpenTable {
        var rows: [TableRow] = []
        var row: [TableCell]?
        var rowLine = 0
        var cell: TableCell?
        var line: Int
    }

    private struct Scanner {
        let html: String
        var blocks: [DocumentBlock] = []
        var tables: [OpenTable] = []
        var text = ""
        var textLine = 1
        var line = 1
        var headingLevel: Int?
        /// Open lists: nil for <ul>, the next number for <ol>.
        var lists: [Int?] = []
        var pendingListMarker: String?

        init(html: String) { self.html = html }

        mutating func run() {
            var index = html.startIndex
            let end = html.endIndex
            while index < end {
                let character = html[index]
                if character == "<" {
                    if html[index...].hasPrefix("<!--") {
                        let close = html.range(of: "-->", range: index..<end)?.upperBound ?? end
                        countLines(html[index..<close])
                        index = close
                        continue
                    }
                    guard let close = html[index...].prefix(4_000).firstIndex(of: ">") else {
                        append(character)
                        index = html.index(after: index)
                        continue
                    }
                    let tag = html[html.index(after: index)..<close]
                    countLines(tag)
                    index = html.index(after: close)
                    let closing = tag.first == "/"
                    let name = tag.drop(while: { $0 == "/" }).prefix(while: { $0.isLetter || $0.isNumber }).lowercased()
                    if !closing && (name == "script" || name == "style" || name == "head" || name == "title") {
                        let closer = "</\(name)"
                        let skipTo = html.range(of: closer, options: .caseInsensitive, range: index..<end)?.lowerBound ?? end
                        countLines(html[index..<skipTo])
                        index = skipTo
                        continue
                    }
                    handle(tag: name, closing: closing, attributes: tag)
                } else {
                    if character == "\n" || character == "\r\n" { line += 1 }
                    append(character)
                    index = html.index(after: index)
                }
            }
            flush()
            while !tables.isEmpty { closeTable() }
        }

        mutating func countLines(_ text: Substring) {
            for character in text where character == "\n" || character == "\r\n" { line += 1 }
        }

        mutating func append(_ character: Character) {
            if text.isEmpty {
                if character.isWhitespace { return }
                textLine = line
            }
            text.append(character)
        }

        mutating func handle(tag name: String, closing: Bool, attributes: Substring) {
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
                    tables[tables.count - 1].cell = TableCell(lines: [], line: line, columnSpan: Self.span(in: attributes))
                }
            default:
                break
            }
        }

        static func span(in attributes: Substring) -> Int {
            let lower = attributes.lowercased()
            guard let range = lower.range(of: "colspan") else { return 1 }
            let digits = lower[range.upperBound...].drop(while: { !$0.isNumber }).prefix(while: { $0.isNumber }).prefix(3)
            return min(max(Int(digits) ?? 1, 1), 64)
        }

        mutating func flush() {
            let cleaned = ImportText.clean(ImportText.decodeEntities(text))
            text = ""
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
