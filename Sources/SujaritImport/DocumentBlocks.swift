import Foundation

/// The one shape every reader (plain text, DOCX, HTML) turns a document into, before the plan
/// parser looks at what the text means. Each block remembers where it came from: the line of a
/// text or HTML file, or the paragraph number of a DOCX body.
public enum DocumentBlock: Hashable, Sendable, Codable {
    /// หัวข้อ — a heading the source marked as one (DOCX heading style, HTML h1–h6).
    case heading(TextBlock)
    /// ย่อหน้า
    case paragraph(TextBlock)
    /// รายการ — a paragraph that starts with a list marker ("1)", "(2)", "๓.", "-") or that
    /// the source numbered automatically.
    case listItem(TextBlock)
    /// ตาราง
    case table(DocumentTable)

    /// The source line or paragraph number where the block begins.
    public var line: Int {
        switch self {
        case .heading(let block), .paragraph(let block), .listItem(let block): block.line
        case .table(let table): table.line
        }
    }

    /// The block's text, when it is not a table.
    public var textBlock: TextBlock? {
        switch self {
        case .heading(let block), .paragraph(let block), .listItem(let block): block
        case .table: nil
        }
    }
}

/// One paragraph-like block: its text as written (trimmed, NFC) and where it stands.
public struct TextBlock: Hashable, Sendable, Codable {
    /// The whole text, list marker included ("1) เพื่อให้…").
    public var text: String
    /// The source line (text, HTML) or paragraph number (DOCX), 1-based.
    public var line: Int
    /// Heading level (1…6) or list nesting level (0 = top), 0 otherwise.
    public var level: Int

    public init(text: String, line: Int, level: Int = 0) {
        self.text = text
        self.line = line
        self.level = level
    }
}

/// A table: rows of cells. Cells keep their text line by line, because documents put several
/// items (and their budgets, in the same order) in one cell, one per line.
public struct DocumentTable: Hashable, Sendable, Codable {
    public var rows: [TableRow]
    public var line: Int

    public init(rows: [TableRow], line: Int) {
        self.rows = rows
        self.line = line
    }

    /// Every cell of the table in reading order, row by row.
    public var cells: [TableCell] { rows.flatMap(\.cells) }
}

public struct TableRow: Hashable, Sendable, Codable {
    public var cells: [TableCell]
    public var line: Int

    public init(cells: [TableCell], line: Int) {
        self.cells = cells
        self.line = line
    }
}

public struct TableCell: Hashable, Sendable, Codable {
    /// The cell's lines (paragraphs), trimmed, without empty lines.
    public var lines: [String]
    /// Source line or paragraph number of the cell's first line.
    public var line: Int
    /// How many grid columns the cell covers (DOCX gridSpan, HTML colspan).
    public var columnSpan: Int
    /// The cell continues the cell above it (DOCX vMerge "continue"); its own text is empty.
    public var continuesCellAbove: Bool

    public init(lines: [String], line: Int, columnSpan: Int = 1, continuesCellAbove: Bool = false) {
        self.lines = lines
        self.line = line
        self.columnSpan = columnSpan
        self.continuesCellAbove = continuesCellAbove
    }

    /// The lines joined with single spaces.
    public var text: String { lines.joined(separator: " ") }
    public var isEmpty: Bool { lines.allSatisfy { $0.isEmpty } }
}
