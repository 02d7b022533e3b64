import Foundation
import SujaritCore

/// นำเข้าเอกสารแผน — the entry point the CLI and the web server call: bytes of a file in, a
/// draft plan with its diagnosis out.
///
/// ```swift
/// let result = try DocumentImporter.importDocument(data, fileName: "plan.docx")
/// print(ImportSummaryRenderer.render(result))
/// ```
public enum DocumentImporter {
    /// Larger inputs are refused before any parsing (a plan document is well under 5 MB).
    public static let maximumInputBytes = 20 * 1024 * 1024

    /// Judges the format by content: a ZIP archive is taken for DOCX, markup with `<html`,
    /// `<body` or `<table` near the start for HTML, anything else for text.
    public static func detectFormat(_ data: Data) -> DocumentFormat {
        if data.starts(with: Array("%PDF".utf8)) { return .pdf }
        if data.count >= 4, data.starts(with: [0x50, 0x4B, 0x03, 0x04]) || data.starts(with: [0x50, 0x4B, 0x05, 0x06]) { return .docx }
        let head = String(decoding: data.prefix(4_096), as: UTF8.self).lowercased()
        for marker in ["<html", "<!doctype html", "<body", "<table"] where head.contains(marker) { return .html }
        return .text
    }

    /// Reads and parses a document.
    /// - Parameters:
    ///   - fileName: used only for the result's record (the format comes from the content).
    ///   - organizationName: replaces the organization name read from the document (`--org`).
    /// - Throws: `ImportError` when the input is empty, too large, not a document, or holds no
    ///   plan content at all. A document that is merely incomplete gives a partial plan whose
    ///   diagnosis says what is missing.
    public static func importDocument(_ data: Data, fileName: String, organizationName: String? = nil) throws(ImportError) -> ImportResult {
        let format = detectFormat(data)
        let (blocks, repairs) = try read(data, format: format)
        return try importDocument(blocks: blocks, repairs: repairs, format: format, fileName: fileName, organizationName: organizationName)
    }

    /// The import and where its findings' lines stand in the document (`FindingPlaces`), from
    /// one reading of it: the web upload needs both, and a large document is read only once.
    public static func importDocumentLocatingFindings(_ data: Data, fileName: String, organizationName: String? = nil)
        throws(ImportError) -> (result: ImportResult, places: [Int: FindingPlace]) {
        let format = detectFormat(data)
        let (blocks, repairs) = try read(data, format: format)
        let result = try importDocument(blocks: blocks, repairs: repairs, format: format, fileName: fileName, organizationName: organizationName)
        let lines = result.findings.compactMap(\.line)
        return (result, lines.isEmpty ? [:] : FindingPlaces.locate(lines, in: blocks))
    }

    static func importDocument(blocks: [DocumentBlock], repairs: TextRepair.Report, format: DocumentFormat, fileName: String,
                               organizationName: String?) throws(ImportError) -> ImportResult {
        var parser = DocumentParser(blocks: blocks, organizationOverride: organizationName)
        let output = parser.parse()
        guard output.hasContent else { throw .noPlanContent }
        var plan = output.plan
        var findings = TextRepair.findings(repairs) + output.findings
        MissionSuggestion.apply(to: &plan, findings: &findings, sheets: output.sheets, organizationName: output.organization.name)
        var result = ImportResult(
            fileName: fileName, format: format, documentKind: output.kind, organization: output.organization,
            plan: plan, sheets: output.sheets, monitoringRows: output.rows, findings: findings,
            summary: PlanSummary(plan: plan), blockCount: blocks.count)
        result.lineCount = blocks.reduce(0) { count, block in
            if case .table(let table) = block { return count + table.cells.reduce(0) { $0 + $1.lines.count } }
            return count + 1
        }
        result.unplacedLineCount = output.unplacedLines
        return result
    }

    /// The reader step alone: the document as blocks.
    public static func readBlocks(_ data: Data, format: DocumentFormat? = nil) throws(ImportError) -> [DocumentBlock] {
        try read(data, format: format).blocks
    }

    /// The blocks, and what was repaired in the text before reading it.
    static func read(_ data: Data, format: DocumentFormat? = nil) throws(ImportError) -> (blocks: [DocumentBlock], repairs: TextRepair.Report) {
        guard data.count <= maximumInputBytes else { throw .tooLarge(bytes: data.count, limit: maximumInputBytes) }
        guard !data.isEmpty else { throw .empty }
        let blocks: [DocumentBlock]
        var repairs = TextRepair.Report()
        switch format ?? detectFormat(data) {
        case .docx:
            (blocks, repairs) = TextRepair.repair(try DocxReader.read(data))
        case .html:
            (blocks, repairs) = TextRepair.repair(HTMLReader.read(try decodeText(data)))
        case .text:
            let text = try decodeText(data)
            let repaired = TextRepair.repair(text)
            repairs = repaired.report
            var read = PlainTextReader.read(repaired.text)
            // A month schedule set out in spaces (`LayoutTable` declines it): its runs as word
            // boxes at their character positions, read as a PDF's words are.
            if LayoutText.isLaidOut(text), !read.contains(where: { if case .table = $0 { return true }; return false }),
               let pages = PDFWordLayout.words(fromLayoutText: text) {
                // Positions from the text as pdftotext wrote it; repaired as a PDF's text is, after.
                let words = TextRepair.repair(PDFWordLayout.text(pages: pages))
                let rebuilt = PlainTextReader.read(words.text)
                if rebuilt.contains(where: { if case .table = $0 { return true }; return false }) {
                    read = rebuilt
                    repairs = words.report
                }
            }
            blocks = read
            if LayoutText.isLaidOut(text) {
                // Text without tabs gives tables only where `LayoutTable` rebuilt one from the
                // positions of its lines; any other table laid out in spaces stays unread.
                repairs.rebuiltLayoutTables = blocks.reduce(0) { if case .table = $1 { return $0 + 1 }; return $0 }
                repairs.laidOutColumns = repairs.rebuiltLayoutTables == 0
            }
        case .pdf:
            let repaired = TextRepair.repair(try PDFTextExtractor.extractText(data))
            repairs = repaired.report
            blocks = PlainTextReader.read(repaired.text)
        }
        guard !blocks.isEmpty else { throw .empty }
        return (blocks, repairs)
    }

    /// Decodes text as UTF-8 (or UTF-16 with a byte-order mark, or the Thai legacy code page
    /// TIS-620/Windows-874 when UTF-8 does not fit), refusing binary data.
    static func decodeText(_ data: Data) throws(ImportError) -> String {
        var text: String
        if data.starts(with: [0xFF, 0xFE]) {
            text = String(data: data.dropFirst(2), encoding: .utf16LittleEndian) ?? ""
        } else if data.starts(with: [0xFE, 0xFF]) {
            text = String(data: data.dropFirst(2), encoding: .utf16BigEndian) ?? ""
        } else {
            text = String(decoding: data.starts(with: [0xEF, 0xBB, 0xBF]) ? data.dropFirst(3) : data[...], as: UTF8.self)
        }
        var (bad, total) = badScalars(text)
        if total > 0 && bad * 20 > total, let legacy = decodeTIS620(data) {
            let (legacyBad, legacyTotal) = badScalars(legacy)
            if legacyBad * 20 <= legacyTotal && ImportText.containsThai(legacy) {
                text = legacy
                (bad, total) = (legacyBad, legacyTotal)
            }
        }
        if text.unicodeScalars.allSatisfy(ImportText.isSpace) { throw .empty }
        // More than one character in twenty unreadable or a control character: not a text document.
        guard bad * 20 <= total else { throw .notText }
        return text
    }

    private static func badScalars(_ text: String) -> (bad: Int, total: Int) {
        var bad = 0, total = 0
        for scalar in text.unicodeScalars {
            total += 1
            switch scalar.value {
            case 0x09, 0x0A, 0x0C, 0x0D: break
            case 0x00...0x1F, 0x7F, 0xFFFD: bad += 1
            default: break
            }
        }
        return (bad, total)
    }

    /// TIS-620 / Windows-874: ASCII below 0x80, Thai letters at 0xA1–0xFB.
    private static func decodeTIS620(_ data: Data) -> String? {
        var scalars = String.UnicodeScalarView()
        scalars.reserveCapacity(data.count)
        for byte in data {
            if byte < 0x80 {
                scalars.append(Unicode.Scalar(byte))
            } else if (0xA1...0xFB).contains(byte), let scalar = Unicode.Scalar(UInt32(byte) - 0xA0 + 0x0E00) {
                scalars.append(scalar)
            } else {
                scalars.append("\u{FFFD}")
            }
        }
        return String(scalars)
    }
}
