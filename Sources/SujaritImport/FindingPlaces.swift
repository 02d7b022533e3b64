import Foundation

/// Where a finding stands in the document, in words a person working in Word can follow: the
/// text near it, and for a table its number and row ("line 38" alone means nothing there).
public struct FindingPlace: Hashable, Sendable, Codable {
    /// The line (text, HTML, PDF) or paragraph number (DOCX) the finding gave.
    public var line: Int
    /// The beginning of the paragraph or table row the line belongs to.
    public var excerpt: String
    /// 1-based number of the table in the document, and of the row in it, when the line is in one.
    public var table: Int?
    public var row: Int?

    public init(line: Int, excerpt: String, table: Int? = nil, row: Int? = nil) {
        self.line = line
        self.excerpt = excerpt
        self.table = table
        self.row = row
    }

    /// "ย่อหน้าที่ 38 ใกล้ “…”", "ตารางที่ 2 แถวที่ 5 “…”", "บรรทัด 38 ใกล้ “…”".
    public func text(format: DocumentFormat, thai: Bool) -> String {
        let near = excerpt.isEmpty ? "" : " “\(excerpt)”"
        if let table, let row {
            return thai ? "ตารางที่ \(table) แถวที่ \(row)\(near)" : "table \(table), row \(row)\(near)"
        }
        let unit = format == .docx ? (thai ? "ย่อหน้าที่" : "paragraph") : (thai ? "บรรทัด" : "line")
        return thai ? "\(unit) \(line)\(excerpt.isEmpty ? "" : " ใกล้\(near)")" : "\(unit) \(line)\(excerpt.isEmpty ? "" : ", near\(near)")"
    }
}

public enum FindingPlaces {
    /// The longest excerpt shown, in characters.
    public static let excerptLength = 60

    /// For each line, the block that holds it (the last block starting at or before it).
    public static func locate(_ lines: [Int], in blocks: [DocumentBlock]) -> [Int: FindingPlace] {
        let ordered = blocks.enumerated().sorted { ($0.element.line, $0.offset) < ($1.element.line, $1.offset) }.map(\.element)
        var tableNumbers: [Int: Int] = [:]  // index in `ordered` → table number
        var tables = 0
        for (index, block) in ordered.enumerated() {
            if case .table = block { tables += 1; tableNumbers[index] = tables }
        }
        var places: [Int: FindingPlace] = [:]
        for line in Set(lines) {
            guard let index = ordered.lastIndex(where: { $0.line <= line }) else { continue }
            switch ordered[index] {
            case .heading(let block), .paragraph(let block), .listItem(let block):
                places[line] = FindingPlace(line: line, excerpt: excerpt(block.text))
            case .table(let table):
                let rowIndex = table.rows.lastIndex(where: { $0.line <= line }) ?? 0
                let cells = table.rows.isEmpty ? [] : table.rows[rowIndex].cells.flatMap(\.lines)
                places[line] = FindingPlace(line: line, excerpt: excerpt(cells.joined(separator: " | ")),
                                            table: tableNumbers[index], row: rowIndex + 1)
            }
        }
        return places
    }

    static func excerpt(_ text: String) -> String {
        let flat = text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        return flat.count <= excerptLength ? flat : String(flat.prefix(excerptLength)) + "…"
    }
}
