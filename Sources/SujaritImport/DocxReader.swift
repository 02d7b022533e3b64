import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import ZIPFoundation
import SujaritCore

/// Reads a Word document (OOXML, .docx) into blocks: paragraphs (with their automatic
/// numbering written out as a marker such as "1)"), heading styles, and tables with merged
/// cells (gridSpan, vMerge). Block line numbers are paragraph numbers, counted over every
/// paragraph of the body, table cells included.
public enum DocxReader {
    /// The most a single part of the package may expand to; larger parts are refused so that
    /// a small "zip bomb" cannot exhaust memory.
    public static let maximumPartBytes = 64 * 1024 * 1024

    public static func read(_ data: Data) throws(ImportError) -> [DocumentBlock] {
        let parts = try ZipStructure.validate(data)
        let archive: Archive
        do {
            archive = try Archive(data: data, accessMode: .read)
        } catch {
            throw .corruptDocx(detail: "\(error)")
        }
        guard let documentEntry = archive["word/document.xml"] else {
            let names = archive.prefix(5).map(\.path).joined(separator: ", ")
            throw .notADocx(detail: names.isEmpty ? "empty archive" : names)
        }
        let documentXML = try extract(documentEntry, data: data, parts: parts)
        var numbering = NumberingDefinitions()
        if let numberingEntry = archive["word/numbering.xml"], let numberingXML = try? extract(numberingEntry, data: data, parts: parts) {
            numbering = NumberingDefinitions.parse(numberingXML)
        }
        let delegate = DocumentDelegate(numbering: numbering)
        let parser = XMLParser(data: documentXML)
        parser.shouldResolveExternalEntities = false
        parser.delegate = delegate
        let completed = parser.parse()
        delegate.finish()
        if !completed && delegate.blocks.isEmpty {
            throw .corruptDocx(detail: parser.parserError.map { "\($0)" } ?? "unreadable word/document.xml")
        }
        return delegate.blocks
    }

    /// A part's bytes. Inflated here rather than by `Archive.extract`, whose inflate loop never
    /// ends when a damaged deflate stream runs out of input before its end: this provider
    /// refuses to read past the part's compressed bytes, so damage ends in an error.
    static func extract(_ entry: Entry, data: Data, parts: [String: ZipStructure.Part]) throws(ImportError) -> Data {
        guard entry.uncompressedSize <= UInt64(maximumPartBytes) else {
            throw .tooLarge(bytes: Int(clamping: entry.uncompressedSize), limit: maximumPartBytes)
        }
        guard let part = parts[entry.path] else { throw .corruptDocx(detail: "\(entry.path) is not in the directory") }
        let start = data.startIndex + part.dataOffset
        switch part.method {
        case 0:
            return data.subdata(in: start..<(start + part.compressedSize))
        case 8:
            var output = Data()
            let bufferSize = 32 * 1024
            do {
                _ = try Data.decompress(size: Int64(part.compressedSize), bufferSize: bufferSize, skipCRC32: true, provider: { position, size in
                    guard position >= 0, position < Int64(part.compressedSize) else { throw ImportError.corruptDocx(detail: "\(entry.path): the compressed data ends early") }
                    let from = start + Int(position)
                    let to = start + min(part.compressedSize, Int(position) + min(size, bufferSize))
                    var chunk = data.subdata(in: from..<to)
                    // The inflater reads a whole buffer: pad the last chunk (inflate stops at the stream's end).
                    if chunk.count < bufferSize { chunk.append(Data(count: bufferSize - chunk.count)) }
                    return chunk
                }, consumer: { chunk in
                    output.append(chunk)
                    if output.count > maximumPartBytes { throw ImportError.tooLarge(bytes: output.count, limit: maximumPartBytes) }
                })
            } catch let error as ImportError {
                throw error
            } catch {
                throw .corruptDocx(detail: "\(entry.path): \(error)")
            }
            return output
        default:
            throw .corruptDocx(detail: "\(entry.path): compression method \(part.method) is not supported")
        }
    }
}

/// w:abstractNum / w:num of word/numbering.xml: how each list level writes its marker.
struct NumberingDefinitions {
    struct Level {
        var format = "decimal"
        var text = "%1."
        var start = 1
    }

    var abstractLevels: [String: [Int: Level]] = [:]
    var abstractOfNum: [String: String] = [:]

    func level(numID: String, level: Int) -> Level? {
        guard let abstract = abstractOfNum[numID], let levels = abstractLevels[abstract] else { return nil }
        return levels[level]
    }

    static func parse(_ data: Data) -> NumberingDefinitions {
        let delegate = NumberingDelegate()
        let parser = XMLParser(data: data)
        parser.shouldResolveExternalEntities = false
        parser.delegate = delegate
        _ = parser.parse()
        return delegate.definitions
    }
}

private func localName(_ name: String) -> Substring {
    if let colon = name.lastIndex(of: ":") { return name[name.index(after: colon)...] }
    return Substring(name)
}

private func attribute(_ attributes: [String: String], _ name: String) -> String? {
    if let value = attributes["w:" + name] { return value }
    return attributes.first(where: { localName($0.key) == name })?.value
}

private final class NumberingDelegate: NSObject, XMLParserDelegate {
    var definitions = NumberingDefinitions()
    var currentAbstract: String?
    var currentLevel: Int?
    var level = NumberingDefinitions.Level()
    var currentNum: String?

    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                qualifiedName qName: String?, attributes: [String: String] = [:]) {
        switch localName(elementName) {
        case "abstractNum":
            currentAbstract = attribute(attributes, "abstractNumId")
        case "lvl":
            currentLevel = attribute(attributes, "ilvl").flatMap { Int($0) }
            level = NumberingDefinitions.Level()
        case "numFmt" where currentLevel != nil:
            level.format = attribute(attributes, "val") ?? "decimal"
        case "lvlText" where currentLevel != nil:
            level.text = attribute(attributes, "val") ?? ""
        case "start" where currentLevel != nil:
            level.start = attribute(attributes, "val").flatMap { Int($0) } ?? 1
        case "num":
            currentNum = attribute(attributes, "numId")
        case "abstractNumId":
            if let num = currentNum, let abstract = attribute(attributes, "val") { definitions.abstractOfNum[num] = abstract }
        default:
            break
        }
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?) {
        switch localName(elementName) {
        case "lvl":
            if let abstract = currentAbstract, let index = currentLevel, (0...8).contains(index) {
                definitions.abstractLevels[abstract, default: [:]][index] = level
            }
            currentLevel = nil
        case "abstractNum":
            currentAbstract = nil
        case "num":
            currentNum = nil
        default:
            break
        }
    }
}

private final class DocumentDelegate: NSObject, XMLParserDelegate {
    struct CellBuilder {
        var lines: [String] = []
        var line: Int
        var span = 1
        var continuesAbove = false
    }

    struct TableBuilder {
        var rows: [TableRow] = []
        var row: [TableCell] = []
        var rowLine: Int?
        var cell: CellBuilder?
        var line: Int
    }

    let numbering: NumberingDefinitions
    var blocks: [DocumentBlock] = []
    var tables: [TableBuilder] = []
    var paragraphCount = 0

    // The paragraph being read.
    var inParagraph = false
    var paragraphText = ""
    var styleHeadingLevel: Int?
    var numID: String?
    var numLevel = 0
    var inText = false
    var inDeletedOrField = 0
    /// Counters per list (numId) and level.
    var counters: [String: [Int]] = [:]

    init(numbering: NumberingDefinitions) {
        self.numbering = numbering
    }

    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                qualifiedName qName: String?, attributes: [String: String] = [:]) {
        switch localName(elementName) {
        case "p":
            paragraphCount += 1
            inParagraph = true
            paragraphText = ""
            styleHeadingLevel = nil
            numID = nil
            numLevel = 0
        case "pStyle":
            if let value = attribute(attributes, "val") {
                let lower = value.lowercased()
                if ImportText.starts(lower, with: "heading") {
                    styleHeadingLevel = Int(lower.dropFirst("heading".count)) ?? 1
                } else if lower == "title" {
                    styleHeadingLevel = 1
                }
            }
        case "numId":
            numID = attribute(attributes, "val")
        case "ilvl":
            numLevel = attribute(attributes, "val").flatMap { Int($0) }.map { min(max($0, 0), 8) } ?? 0
        case "t":
            inText = true
        case "tab":
            if inParagraph { paragraphText += " " }
        case "br", "cr":
            if inParagraph { paragraphText += "\n" }
        case "delText", "instrText":
            inDeletedOrField += 1
        case "tbl":
            tables.append(TableBuilder(line: paragraphCount + 1))
        case "tr":
            if !tables.isEmpty {
                tables[tables.count - 1].row = []
                tables[tables.count - 1].rowLine = nil
            }
        case "tc":
            if !tables.isEmpty { tables[tables.count - 1].cell = CellBuilder(line: paragraphCount + 1) }
        case "gridSpan":
            if !tables.isEmpty, let span = attribute(attributes, "val").flatMap({ Int($0) }) {
                tables[tables.count - 1].cell?.span = min(max(span, 1), 64)
            }
        case "vMerge":
            if !tables.isEmpty {
                let value = attribute(attributes, "val") ?? "continue"
                tables[tables.count - 1].cell?.continuesAbove = value != "restart"
            }
        default:
            break
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if inText && inDeletedOrField == 0 && inParagraph { paragraphText += string }
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?) {
        switch localName(elementName) {
        case "t":
            inText = false
        case "delText", "instrText":
            inDeletedOrField = max(0, inDeletedOrField - 1)
        case "p":
            endParagraph()
        case "tc":
            guard !tables.isEmpty, let cell = tables[tables.count - 1].cell else { break }
            let tableCell = TableCell(lines: cell.lines, line: cell.line, columnSpan: cell.span, continuesCellAbove: cell.continuesAbove && cell.lines.isEmpty)
            tables[tables.count - 1].row.append(tableCell)
            if tables[tables.count - 1].rowLine == nil { tables[tables.count - 1].rowLine = cell.line }
            tables[tables.count - 1].cell = nil
        case "tr":
            guard !tables.isEmpty else { break }
            let builder = tables[tables.count - 1]
            if !builder.row.isEmpty {
                tables[tables.count - 1].rows.append(TableRow(cells: builder.row, line: builder.rowLine ?? builder.line))
            }
            tables[tables.count - 1].row = []
        case "tbl":
            guard let finished = tables.popLast() else { break }
            let table = DocumentTable(rows: finished.rows, line: finished.line)
            if tables.isEmpty {
                if !table.rows.isEmpty { blocks.append(.table(table)) }
            } else if tables[tables.count - 1].cell != nil {
                // A table inside a cell: its text joins the outer cell, row by row.
                for row in table.rows {
                    let text = row.cells.map(\.text).filter { !$0.isEmpty }.joined(separator: " ")
                    if !text.isEmpty { tables[tables.count - 1].cell?.lines.append(text) }
                }
            }
        default:
            break
        }
    }

    func endParagraph() {
        guard inParagraph else { return }
        inParagraph = false
        var marker: String?
        if let numID, numID != "0", let level = numbering.level(numID: numID, level: numLevel) {
            marker = nextMarker(numID: numID, level: numLevel, definition: level)
        }
        let pieces = paragraphText.split(separator: "\n", omittingEmptySubsequences: true).map { ImportText.clean($0) }.filter { !$0.isEmpty }
        guard !pieces.isEmpty else { return }
        var lines = pieces
        if let marker, !marker.isEmpty { lines[0] = marker + " " + lines[0] }
        if !tables.isEmpty, tables[tables.count - 1].cell != nil {
            tables[tables.count - 1].cell?.lines.append(contentsOf: lines)
            return
        }
        for text in lines {
            let block = TextBlock(text: text, line: paragraphCount, level: styleHeadingLevel ?? (marker != nil ? numLevel : 0))
            if styleHeadingLevel != nil {
                blocks.append(.heading(block))
            } else if marker != nil || ImportText.marker(Substring(text)) != nil {
                blocks.append(.listItem(block))
            } else {
                blocks.append(.paragraph(block))
            }
        }
    }

    func nextMarker(numID: String, level: Int, definition: NumberingDefinitions.Level) -> String {
        var levels = counters[numID] ?? Array(repeating: 0, count: 9)
        levels[level] += 1
        for deeper in (level + 1)..<9 { levels[deeper] = 0 }
        counters[numID] = levels
        if definition.format == "bullet" || definition.format == "none" { return definition.format == "bullet" ? "-" : "" }
        var text = definition.text
        for index in 0...level {
            let start = numbering.level(numID: numID, level: index)?.start ?? 1
            let count = max(levels[index], 1) + start - 1
            let format = numbering.level(numID: numID, level: index)?.format ?? "decimal"
            let digits = ImportText.starts(format.lowercased(), with: "thai") ? ThaiDigits.toThai(String(count)) : String(count)
            text = text.replacingOccurrences(of: "%\(index + 1)", with: digits)
        }
        return text
    }

    func finish() {
        if inParagraph { endParagraph() }
        while let open = tables.popLast() {
            var rows = open.rows
            if !open.row.isEmpty { rows.append(TableRow(cells: open.row, line: open.rowLine ?? open.line)) }
            if tables.isEmpty && !rows.isEmpty { blocks.append(.table(DocumentTable(rows: rows, line: open.line))) }
        }
    }
}


/// Checks a ZIP archive's directory against the bytes actually present before the archive is
/// opened: a truncated or damaged file whose directory points past its end is refused here with
/// a clear error, rather than handed to the ZIP library to read beyond the data.
enum ZipStructure {
    static func uint16(_ bytes: UnsafeRawBufferPointer, _ offset: Int) -> Int {
        Int(bytes[offset]) | Int(bytes[offset + 1]) << 8
    }

    static func uint32(_ bytes: UnsafeRawBufferPointer, _ offset: Int) -> Int {
        Int(bytes[offset]) | Int(bytes[offset + 1]) << 8 | Int(bytes[offset + 2]) << 16 | Int(bytes[offset + 3]) << 24
    }

    struct Part {
        var method: Int
        var compressedSize: Int
        /// Where the part's (compressed) bytes begin, from the start of the data.
        var dataOffset: Int
    }

    /// Checks that every entry of the archive lies inside the file, and returns where each is.
    @discardableResult
    static func validate(_ data: Data) throws(ImportError) -> [String: Part] {
        var parts: [String: Part] = [:]
        let problem: String? = data.withUnsafeBytes { bytes -> String? in
            let count = bytes.count
            guard count >= 22 else { return "too short for a ZIP archive" }
            // The end-of-central-directory record: within the last 64 KiB + 22 bytes.
            var end = -1
            var position = count - 22
            let lowest = max(0, count - 22 - 65_535)
            while position >= lowest {
                if bytes[position] == 0x50, bytes[position + 1] == 0x4B, bytes[position + 2] == 0x05, bytes[position + 3] == 0x06 {
                    end = position
                    break
                }
                position -= 1
            }
            guard end >= 0 else { return "no end-of-archive record (the file is truncated)" }
            let entries = uint16(bytes, end + 10)
            let directorySize = uint32(bytes, end + 12)
            let directoryOffset = uint32(bytes, end + 16)
            guard directoryOffset != 0xFFFF_FFFF, directorySize != 0xFFFF_FFFF, entries != 0xFFFF else { return "ZIP64 archives are not supported" }
            guard directoryOffset + directorySize <= end else { return "the directory lies outside the file" }
            var offset = directoryOffset
            for _ in 0..<entries {
                guard offset + 46 <= end, uint32(bytes, offset) == 0x0201_4B50 else { return "damaged directory entry" }
                let compressedSize = uint32(bytes, offset + 20)
                let nameLength = uint16(bytes, offset + 28)
                let extraLength = uint16(bytes, offset + 30)
                let commentLength = uint16(bytes, offset + 32)
                let localOffset = uint32(bytes, offset + 42)
                guard localOffset + 30 <= directoryOffset, uint32(bytes, localOffset) == 0x0403_4B50 else { return "an entry points outside the file" }
                let localName = uint16(bytes, localOffset + 26)
                let localExtra = uint16(bytes, localOffset + 28)
                guard localOffset + 30 + localName + localExtra + compressedSize <= directoryOffset else { return "an entry's data is cut off" }
                guard offset + 46 + nameLength <= end else { return "damaged directory entry" }
                let name = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[(offset + 46)..<(offset + 46 + nameLength)]), as: UTF8.self)
                parts[name] = Part(method: uint16(bytes, offset + 10), compressedSize: compressedSize, dataOffset: localOffset + 30 + localName + localExtra)
                offset += 46 + nameLength + extraLength + commentLength
            }
            return nil
        }
        if let problem { throw .corruptDocx(detail: problem) }
        return parts
    }
}
