import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import SujaritCore
@testable import SujaritExport
import XCTest
import ZIPFoundation
import SujaritDemo

/// An OOXML package opened for inspection: every part by name, each parsed to check it is
/// well-formed XML.
struct OpenedPackage {
    var parts: [String: Data] = [:]

    init(_ data: Data, file: StaticString = #filePath, line: UInt = #line) throws {
        let archive = try Archive(data: data, accessMode: .read)
        for entry in archive {
            var bytes = Data()
            _ = try archive.extract(entry) { bytes.append($0) }
            parts[entry.path] = bytes
        }
    }

    func text(_ path: String) throws -> String {
        guard let data = parts[path] else { throw XCTSkip("part \(path) missing") }
        return String(decoding: data, as: UTF8.self)
    }

    /// Parses every .xml and .rels part; returns the names of those that are not well-formed,
    /// with the parser's message.
    func malformedParts() -> [String] {
        var bad: [String] = []
        for (path, data) in parts where path.hasSuffix(".xml") || path.hasSuffix(".rels") {
            let parser = XMLParser(data: data)
            if !parser.parse() {
                bad.append("\(path): \(parser.parserError.map { "\($0)" } ?? "?")")
            }
        }
        return bad.sorted()
    }

    /// The elements with the given local name, with their attributes and text, in order.
    func elements(_ name: String, in path: String) throws -> [XMLElementInfo] {
        guard let data = parts[path] else { return [] }
        let collector = ElementCollector(name: name)
        let parser = XMLParser(data: data)
        parser.delegate = collector
        XCTAssertTrue(parser.parse(), "\(path) is not well-formed")
        return collector.found
    }
}

struct XMLElementInfo {
    var attributes: [String: String]
    var text: String
    /// Text of child elements, in order, each with its local name ("t", "v", "f").
    var children: [(name: String, text: String)]

    func child(_ name: String) -> String? { children.first { $0.name == name }?.text }
}

final class ElementCollector: NSObject, XMLParserDelegate {
    let name: String
    var found: [XMLElementInfo] = []
    private var depth = 0
    private var current: XMLElementInfo?
    private var childName: String?
    private var childText = ""

    init(name: String) { self.name = name }

    static func local(_ name: String) -> String {
        name.split(separator: ":").last.map(String.init) ?? name
    }

    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName qName: String?, attributes: [String: String] = [:]) {
        let local = Self.local(elementName)
        if current != nil {
            depth += 1
            childName = local
            childText = ""
        } else if local == name {
            current = XMLElementInfo(attributes: attributes, text: "", children: [])
            depth = 0
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        guard current != nil else { return }
        current?.text += string
        if childName != nil { childText += string }
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?) {
        guard current != nil else { return }
        if depth == 0 {
            found.append(current!)
            current = nil
            return
        }
        if let child = childName {
            current?.children.append((child, childText))
            childName = nil
            childText = ""
        }
        depth -= 1
    }
}

/// The WordprocessingML of a DOCX reduced to what a reader sees: paragraphs' text and tables
/// as rows of cell texts.
struct DocxText {
    var paragraphs: [String] = []
    var tables: [[[String]]] = []

    init(_ package: OpenedPackage) throws {
        let data = package.parts["word/document.xml"] ?? Data()
        let reader = DocxTextReader()
        let parser = XMLParser(data: data)
        parser.delegate = reader
        XCTAssertTrue(parser.parse(), "word/document.xml is not well-formed: \(parser.parserError.map { "\($0)" } ?? "")")
        paragraphs = reader.paragraphs
        tables = reader.tables
    }
}

final class DocxTextReader: NSObject, XMLParserDelegate {
    var paragraphs: [String] = []
    var tables: [[[String]]] = []
    private var tableDepth = 0
    private var rows: [[String]] = []
    private var row: [String] = []
    private var cell: [String] = []
    private var paragraph = ""
    private var inText = false

    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName qName: String?, attributes: [String: String] = [:]) {
        switch ElementCollector.local(elementName) {
        case "tbl": tableDepth += 1; rows = []
        case "tr": row = []
        case "tc": cell = []
        case "p": paragraph = ""
        case "t": inText = true
        case "br": paragraph += "\n"
        default: break
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if inText { paragraph += string }
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?) {
        switch ElementCollector.local(elementName) {
        case "t": inText = false
        case "p":
            if tableDepth > 0 { if !paragraph.isEmpty { cell.append(paragraph) } } else { paragraphs.append(paragraph) }
        case "tc": row.append(cell.joined(separator: "\n"))
        case "tr": rows.append(row)
        case "tbl":
            tableDepth -= 1
            tables.append(rows)
        default: break
        }
    }
}

enum ExportFixtures {
    static let fixedDate = Date(timeIntervalSince1970: 1_790_000_000)

    static func context(_ organization: Organization = DemoData.organization, digits: DigitStyle? = nil) -> ExportContext {
        ExportContext(organization: organization, digits: digits, publicURL: "https://example.test/o/\(organization.slug)/plan/2566-2570", generatedAt: fixedDate)
    }

    /// Seeds in `SUJARIT_SEEDS` when set (a worktree elsewhere), else in ../shared/seeds found
    /// relative to this file; tests skip when absent.
    static let seedFolder = ProcessInfo.processInfo.environment["SUJARIT_SEEDS"].map { URL(fileURLWithPath: $0) }
        ?? URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../../shared/seeds").standardizedFileURL

    static func seed(_ prefix: String) throws -> (Data, String) {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: seedFolder.path),
              let name = names.sorted().first(where: { $0.hasPrefix(prefix + "_") }) else {
            throw XCTSkip("seed \(prefix) not found in \(seedFolder.path)")
        }
        return (try Data(contentsOf: seedFolder.appendingPathComponent(name)), name)
    }

    /// Writes the file to $SUJARIT_EXPORT_DIR when set, to look at it by hand.
    static func keep(_ data: Data, as name: String) {
        guard let folder = ProcessInfo.processInfo.environment["SUJARIT_EXPORT_DIR"], !folder.isEmpty else { return }
        try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try? data.write(to: URL(fileURLWithPath: folder).appendingPathComponent(name))
    }
}
