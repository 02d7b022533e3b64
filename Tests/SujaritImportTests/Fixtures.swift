import Foundation
import SujaritCore
@testable import SujaritImport
import XCTest
import ZIPFoundation

/// The seed documents, found relative to this file: /work/main/Tests/SujaritImportTests →
/// /work/shared/seeds. Tests that need them skip when the folder is absent.
enum Seeds {
    /// `SUJARIT_SEEDS` when set (a worktree elsewhere), else beside the repository.
    static let folder = ProcessInfo.processInfo.environment["SUJARIT_SEEDS"].map { URL(fileURLWithPath: $0) }
        ?? URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../../shared/seeds").standardizedFileURL

    static func data(_ prefix: String) throws -> Data {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path),
              let name = names.sorted().first(where: { $0.hasPrefix(prefix + "_") }) else {
            throw XCTSkip("seed \(prefix) not found in \(folder.path)")
        }
        return try Data(contentsOf: folder.appendingPathComponent(name))
    }

    static func text(_ prefix: String) throws -> String {
        String(decoding: try data(prefix), as: UTF8.self)
    }
}

/// Writes blocks back out as a Word document or a web page, so that the same plan can be fed to
/// the DOCX and HTML readers and their results compared with the text reader's.
enum FixtureWriter {
    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
            .replacingOccurrences(of: "\"", with: "&quot;")
    }

    // MARK: DOCX

    /// A .docx holding the blocks. List items numbered "1)", "2)"… in sequence become
    /// automatically numbered paragraphs (the marker moves to numbering.xml); a table's cells
    /// that are empty below a filled first-column cell become vertically merged (vMerge), and
    /// a row shorter than the table gets a first cell spanning the missing columns (gridSpan),
    /// unless a cell of the row says its own span (`columnSpan`).
    /// - Parameter laidOut: give tables column widths on landscape pages, as a real plan has
    ///   (for LibreOffice to print it readably).
    /// A page for the document: size and margins in twentieths of a point.
    struct Page {
        var width: Int, height: Int, margin: Int
        static let a4Landscape = Page(width: 16838, height: 11906, margin: 720)
        static let a4Portrait = Page(width: 11906, height: 16838, margin: 1134)
        static let letterLandscape = Page(width: 15840, height: 12240, margin: 1080)
        var sectionXML: String {
            "<w:sectPr><w:pgSz w:w=\"\(width)\" w:h=\"\(height)\"\(width > height ? " w:orient=\"landscape\"" : "")/><w:pgMar w:top=\"\(margin)\" w:right=\"\(margin)\" w:bottom=\"\(margin)\" w:left=\"\(margin)\"/></w:sectPr>"
        }
    }

    /// - Parameters:
    ///   - page: the page of a laid-out document (A4 landscape unless said).
    ///   - textSize: the text's size in half-points (LibreOffice's default when nil).
    ///   - latinFont: a font for Latin letters and digits beside the Thai one (metrics differ).
    static func docx(_ blocks: [DocumentBlock], laidOut: Bool = false, page: Page = .a4Landscape, textSize: Int? = nil, latinFont: String? = nil) throws -> Data {
        var runProperties = ""
        if let latinFont { runProperties += "<w:rFonts w:ascii=\"\(latinFont)\" w:hAnsi=\"\(latinFont)\"/>" }
        if let textSize { runProperties += "<w:sz w:val=\"\(textSize)\"/><w:szCs w:val=\"\(textSize)\"/>" }
        return try docxBody(blocks, laidOut: laidOut, page: page, runProperties: runProperties)
    }

    static func docxBody(_ blocks: [DocumentBlock], laidOut: Bool, page: Page, runProperties: String = "") throws -> Data {
        var body = ""
        var numID = 0
        var lastNumber = 0
        for block in blocks {
            switch block {
            case .heading(let text):
                body += paragraph(text.text, style: "Heading\(max(1, text.level))")
                lastNumber = 0
            case .paragraph(let text):
                body += paragraph(text.text)
                lastNumber = 0
            case .listItem(let text):
                if let marker = ImportText.marker(Substring(text.text)), marker.style == .closingParen, marker.numbers.count == 1,
                   !marker.hadBulletPrefix, !marker.rest.isEmpty, marker.numbers[0] == 1 || marker.numbers[0] == lastNumber + 1,
                   text.text.unicodeScalars.first.map({ (0x30...0x39).contains($0.value) }) == true {
                    if marker.numbers[0] == 1 { numID += 1 }
                    lastNumber = marker.numbers[0]
                    body += paragraph(String(marker.rest), numID: numID)
                } else {
                    body += paragraph(text.text)
                    lastNumber = 0
                }
            case .table(let table):
                body += docxTable(table, laidOut: laidOut, width: page.width - 2 * page.margin)
                lastNumber = 0
            }
        }
        let document = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>\(runProperties.isEmpty ? body : body.replacingOccurrences(of: "<w:r><w:rPr><w:b/></w:rPr>", with: "<w:r><w:rPr>\(runProperties)<w:b/></w:rPr>").replacingOccurrences(of: "<w:r><w:t ", with: "<w:r><w:rPr>\(runProperties)</w:rPr><w:t "))\(laidOut ? page.sectionXML : "<w:sectPr/>")</w:body></w:document>
        """
        var nums = ""
        for id in stride(from: 1, through: max(numID, 1), by: 1) {
            nums += "<w:num w:numId=\"\(id)\"><w:abstractNumId w:val=\"0\"/></w:num>"
        }
        let numbering = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">\
        <w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1)"/></w:lvl>\
        <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%2)"/></w:lvl></w:abstractNum>\(nums)</w:numbering>
        """
        let contentTypes = """
        <?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
        <Default Extension="xml" ContentType="application/xml"/>\
        <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>\
        <Override PartName="/word/document.xml" \
        ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>\
        <Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/></Types>
        """
        // The package relationships, so that Word and LibreOffice open the file too.
        let packageRels = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
        <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>
        """
        let documentRels = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
        <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/></Relationships>
        """
        return try zip([("[Content_Types].xml", contentTypes), ("_rels/.rels", packageRels), ("word/document.xml", document),
                        ("word/_rels/document.xml.rels", documentRels), ("word/numbering.xml", numbering)])
    }

    static func paragraph(_ text: String, style: String? = nil, numID: Int? = nil) -> String {
        var properties = ""
        if let style { properties += "<w:pStyle w:val=\"\(style)\"/>" }
        if let numID { properties += "<w:numPr><w:ilvl w:val=\"0\"/><w:numId w:val=\"\(numID)\"/></w:numPr>" }
        // Split the text into two runs to make sure runs are joined back.
        let scalars = Array(text.unicodeScalars)
        let half = scalars.count / 2
        var first = String.UnicodeScalarView(), second = String.UnicodeScalarView()
        first.append(contentsOf: scalars[..<half])
        second.append(contentsOf: scalars[half...])
        let runs = "<w:r><w:t xml:space=\"preserve\">\(escape(String(first)))</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t xml:space=\"preserve\">\(escape(String(second)))</w:t></w:r>"
        return "<w:p>" + (properties.isEmpty ? "" : "<w:pPr>\(properties)</w:pPr>") + runs + "</w:p>"
    }


    static func docxTable(_ table: DocumentTable, laidOut: Bool = false, width tableWidth: Int = 15000) -> String {
        let width = table.rows.map(\.cells.count).max() ?? 1
        var xml = "<w:tbl>"
        if laidOut {
            // Columns as wide as their longest line (within limits), across the landscape page.
            var weights = Array(repeating: 20, count: width)
            for row in table.rows where row.cells.count == width {
                for (column, cell) in row.cells.enumerated() { weights[column] = max(weights[column], min(40, cell.lines.map(\.count).max() ?? 0)) }
            }
            let total = weights.reduce(0, +)
            xml += "<w:tblPr><w:tblW w:w=\"\(tableWidth)\" w:type=\"dxa\"/><w:tblLayout w:type=\"fixed\"/></w:tblPr><w:tblGrid>"
            xml += weights.map { "<w:gridCol w:w=\"\(tableWidth * $0 / total)\"/>" }.joined() + "</w:tblGrid>"
        }
        for (rowIndex, row) in table.rows.enumerated() {
            xml += "<w:tr>"
            for (column, cell) in row.cells.enumerated() {
                var properties = ""
                let explicit = row.cells.contains { $0.columnSpan > 1 }
                if explicit, cell.columnSpan > 1 { properties += "<w:gridSpan w:val=\"\(cell.columnSpan)\"/>" }
                if !explicit && column == 0 && row.cells.count < width { properties += "<w:gridSpan w:val=\"\(width - row.cells.count + 1)\"/>" }
                if column == 0 && row.cells.count == width {
                    let below = rowIndex + 1 < table.rows.count ? table.rows[rowIndex + 1] : nil
                    let above = rowIndex > 0 ? table.rows[rowIndex - 1] : nil
                    if cell.isEmpty, let above, above.cells.count == width, !above.cells[0].isEmpty || aboveIsMerged(table, rowIndex) {
                        properties += "<w:vMerge/>"
                    } else if !cell.isEmpty, let below, below.cells.count == width, below.cells[0].isEmpty {
                        properties += "<w:vMerge w:val=\"restart\"/>"
                    }
                }
                xml += "<w:tc>" + (properties.isEmpty ? "" : "<w:tcPr>\(properties)</w:tcPr>")
                xml += cell.lines.isEmpty ? "<w:p/>" : cell.lines.map { paragraph($0) }.joined()
                xml += "</w:tc>"
            }
            xml += "</w:tr>"
        }
        return xml + "</w:tbl>"
    }

    static func aboveIsMerged(_ table: DocumentTable, _ rowIndex: Int) -> Bool {
        var index = rowIndex - 1
        while index >= 0 {
            let cells = table.rows[index].cells
            guard !cells.isEmpty else { return false }
            if !cells[0].isEmpty { return true }
            index -= 1
        }
        return false
    }

    static func zip(_ entries: [(String, String)]) throws -> Data {
        let archive = try Archive(data: Data(), accessMode: .create)
        for (path, text) in entries {
            let data = Data(text.utf8)
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate) { position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        return archive.data ?? Data()
    }

    // MARK: HTML

    static func html(_ blocks: [DocumentBlock]) -> String {
        var body = ""
        for block in blocks {
            switch block {
            case .heading(let text):
                body += "<h\(min(6, max(1, text.level)))>\(escape(text.text))</h\(min(6, max(1, text.level)))>\n"
            case .paragraph(let text), .listItem(let text):
                body += "<p>\(escape(text.text))</p>\n"
            case .table(let table):
                let width = table.rows.map(\.cells.count).max() ?? 1
                body += "<table border=\"1\">\n"
                for row in table.rows {
                    body += "  <tr>"
                    for (column, cell) in row.cells.enumerated() {
                        let span = column == 0 && row.cells.count < width ? " colspan=\"\(width - row.cells.count + 1)\"" : ""
                        body += "<td\(span)>" + cell.lines.map(escape).joined(separator: "<br>") + "</td>"
                    }
                    body += "</tr>\n"
                }
                body += "</table>\n"
            }
        }
        return """
        <!DOCTYPE html>
        <html lang="th"><head><meta charset="utf-8"><title>แผน</title><style>td { border: 1px solid; }</style>
        <script>var x = "<p>ไม่ใช่เนื้อหา</p>";</script></head>
        <body>
        <!-- exported for a test -->
        \(body)</body></html>
        """
    }

    // MARK: Comparing

    /// Everything about a result that must not depend on the file format: organization, years,
    /// items with their budgets and sheets, risks, targets, result rows, and which rules fired.
    static func fingerprint(_ result: ImportResult) -> [String] {
        var lines: [String] = []
        let o = result.organization
        lines.append("org \(o.name) \(o.kind?.rawValue ?? "-") \(o.district) \(o.province) \(o.website) \(o.phone) \(o.digitStyle)")
        lines.append("plan \(result.plan.title) \(result.plan.yearSlug) \(result.plan.cycleID) \(result.documentKind)")
        for dimension in result.plan.dimensions {
            lines.append("dim \(dimension.number) \(dimension.name) " + dimension.missions.map { "\($0.code):\($0.isCustom)" }.joined(separator: ","))
        }
        for item in result.plan.orderedItems {
            let budgets = item.budgets.sorted { $0.key < $1.key }.map { "\($0.key.be)=\($0.value.formatted())" }.joined(separator: ",")
            lines.append("item \(item.order) \(item.kind) \(item.missionCode ?? "-") \(item.subMissionCode ?? "-") \(item.name) [\(budgets)] \(item.remarks) \(item.responsibleUnit)")
            if let sheet = item.sheet {
                lines.append("  sheet \(sheet.sheetNumber.map(String.init) ?? "-") \(sheet.objectives) \(sheet.targetGroup) \(sheet.targetHeadcount ?? -1) \(sheet.period) \(sheet.budgetText)")
                lines.append("  method \(sheet.method)")
                lines.append("  results \(sheet.outputs) \(sheet.outcomes) \(sheet.rationale.count)")
            }
        }
        for sheet in result.sheets { lines.append("found \(sheet.sheetNumber ?? -1) \(sheet.fieldsFound.map(\.rawValue))") }
        for risk in result.plan.risks { lines.append("risk \(risk.order) \(risk.workArea) \(risk.issues.map { "\($0.text)/\($0.level)" }) \(risk.controlMeasures.count) \(risk.linkedItemIDs.count)") }
        for target in result.plan.targets {
            lines.append("target \(target.indicator) \(target.unit) " + target.values.sorted { $0.key < $1.key }.map { "\($0.key.be)=\($0.value)" }.joined(separator: ","))
        }
        for row in result.monitoringRows { lines.append("row \(row.number ?? -1) \(row.measure) \(row.steps) \(row.period) \(row.responsible) \(row.output) \(row.outcome)") }
        lines.append("front \(result.plan.frontMatter.objectives) \(result.plan.frontMatter.benefits) \(result.plan.frontMatter.rationale.count)")
        lines.append("findings " + result.findings.map(\.code).sorted().joined(separator: ","))
        return lines
    }
}

/// A small deterministic random generator (SplitMix64), so that fuzz runs repeat exactly.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
