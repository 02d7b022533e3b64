import Foundation

// A small model of the WordprocessingML that Sujarit writes — paragraphs, runs, tables,
// sections, numbered lists — and its serialization. Only what the plan document needs; every
// text goes through `XMLText.escape`, so nothing a plan holds can break the XML.

/// Lengths in WordprocessingML are twentieths of a point (twips): 1 inch = 1440, 1 cm ≈ 567.
enum Twips {
    static let inch = 1440
    static let cm = 567
    static let a4Short = 11906
    static let a4Long = 16838
}

struct WRun {
    enum Content {
        case text(String)
        /// A field such as PAGE or PAGEREF, with the result shown until it is updated.
        case field(instruction: String, cached: String)
    }

    var content: Content
    var bold = false
    var italic = false
    /// Size in half-points (32 = 16 pt); nil keeps the paragraph style's.
    var size: Int?
    /// Grey text, for placeholders.
    var muted = false

    init(_ text: String, bold: Bool = false, italic: Bool = false, size: Int? = nil, muted: Bool = false) {
        content = .text(text)
        self.bold = bold
        self.italic = italic
        self.size = size
        self.muted = muted
    }

    static func field(_ instruction: String, cached: String, bold: Bool = false) -> WRun {
        var run = WRun("", bold: bold)
        run.content = .field(instruction: instruction, cached: cached)
        return run
    }
}

struct WSection {
    var landscape = false
    /// The first page has no header (the cover).
    var titlePage = false
    /// Page numbers printed with Thai digits.
    var thaiPageNumbers = false
}

struct WParagraph {
    enum Alignment: String { case left, center, right, both, distribute }

    var runs: [WRun]
    var style: String?
    var alignment: Alignment?
    var firstLineIndent: Int?
    var leftIndent: Int?
    var spaceBefore: Int?
    var spaceAfter: Int?
    var pageBreakBefore = false
    var keepNext = false
    var keepLines = false
    /// (numId, level) of an automatically numbered list.
    var numbering: (id: Int, level: Int)?
    /// A bookmark around the paragraph, for PAGEREF fields of the table of contents.
    var bookmark: (id: Int, name: String)?
    /// A box around the paragraph (the emblem placeholder).
    var boxed = false
    /// This paragraph ends a section with these properties.
    var endsSection: WSection?

    init(_ runs: [WRun], style: String? = nil, alignment: Alignment? = nil) {
        self.runs = runs
        self.style = style
        self.alignment = alignment
    }

    init(_ text: String, bold: Bool = false, size: Int? = nil, style: String? = nil, alignment: Alignment? = nil) {
        self.init([WRun(text, bold: bold, size: size)], style: style, alignment: alignment)
    }

    static let empty = WParagraph([])
}

struct WCell {
    enum VerticalMerge { case restart, `continue` }

    var paragraphs: [WParagraph]
    var span = 1
    var verticalMerge: VerticalMerge?
    /// Background colour, "D9E2F3".
    var shading: String?
    var verticalAlignment = "top"

    init(_ paragraphs: [WParagraph], span: Int = 1, verticalMerge: VerticalMerge? = nil, shading: String? = nil) {
        self.paragraphs = paragraphs
        self.span = span
        self.verticalMerge = verticalMerge
        self.shading = shading
    }
}

struct WRow {
    var cells: [WCell]
    /// Repeated at the top of every page the table runs onto.
    var isHeader = false
    /// Never split across pages.
    var cantSplit = true
}

struct WTable {
    var columnWidths: [Int]
    var rows: [WRow]
    var bordered = true
    /// Centred on the page instead of starting at the left margin.
    var centered = false
}

enum WBlock {
    case paragraph(WParagraph)
    case table(WTable)
    /// A native chart (`DocxChartParts` holds its parts).
    case chart(WChartReference)
}

/// Serializes blocks as the body of word/document.xml.
struct WordMLWriter {
    /// The page number header's relationship id (the same header in every section).
    var headerRelationship = "rIdHeader1"
    private(set) var xml = ""

    init() {
        xml.reserveCapacity(256 * 1024)
    }

    mutating func write(_ blocks: [WBlock], finalSection: WSection) {
        for block in blocks {
            switch block {
            case .paragraph(let paragraph): write(paragraph)
            case .table(let table): write(table)
            case .chart(let chart): write(chart)
            }
        }
        writeSectionProperties(finalSection)
    }

    /// An inline chart in its own centred paragraph.
    mutating func write(_ chart: WChartReference) {
        xml += ("<w:p><w:pPr><w:keepNext/><w:jc w:val=\"center\"/></w:pPr><w:r><w:drawing>"
            + "<wp:inline distT=\"0\" distB=\"0\" distL=\"0\" distR=\"0\"><wp:extent cx=\"\(chart.width)\" cy=\"\(chart.height)\"/>"
            + "<wp:effectExtent l=\"0\" t=\"0\" r=\"0\" b=\"0\"/>"
            + "<wp:docPr id=\"\(chart.drawingID)\" name=\"แผนภูมิ \(chart.drawingID - 1000)\" descr=\"\(XMLText.escape(chart.description))\"/>"
            + "<wp:cNvGraphicFramePr/><a:graphic xmlns:a=\"\(DocxChart.drawingNamespace)\">"
            + "<a:graphicData uri=\"\(DocxChart.chartNamespace)\"><c:chart xmlns:c=\"\(DocxChart.chartNamespace)\" r:id=\"\(chart.relationshipID)\"/>"
            + "</a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>")
    }

    mutating func write(_ paragraph: WParagraph) {
        xml += "<w:p>"
        var properties = ""
        if let style = paragraph.style { properties += "<w:pStyle w:val=\"\(style)\"/>" }
        if paragraph.keepNext { properties += "<w:keepNext/>" }
        if paragraph.keepLines { properties += "<w:keepLines/>" }
        if paragraph.pageBreakBefore { properties += "<w:pageBreakBefore/>" }
        if let numbering = paragraph.numbering {
            properties += "<w:numPr><w:ilvl w:val=\"\(numbering.level)\"/><w:numId w:val=\"\(numbering.id)\"/></w:numPr>"
        }
        if paragraph.boxed {
            properties += "<w:pBdr>"
            for side in ["top", "left", "bottom", "right"] {
                properties += "<w:\(side) w:val=\"single\" w:sz=\"8\" w:space=\"12\" w:color=\"808080\"/>"
            }
            properties += "</w:pBdr>"
        }
        if paragraph.spaceBefore != nil || paragraph.spaceAfter != nil {
            properties += "<w:spacing"
            if let before = paragraph.spaceBefore { properties += " w:before=\"\(before)\"" }
            if let after = paragraph.spaceAfter { properties += " w:after=\"\(after)\"" }
            properties += "/>"
        }
        if paragraph.leftIndent != nil || paragraph.firstLineIndent != nil {
            properties += "<w:ind"
            if let left = paragraph.leftIndent { properties += " w:left=\"\(left)\" w:right=\"\(paragraph.boxed ? left : 0)\"" }
            if let first = paragraph.firstLineIndent { properties += " w:firstLine=\"\(first)\"" }
            properties += "/>"
        }
        if let alignment = paragraph.alignment { properties += "<w:jc w:val=\"\(alignment.rawValue)\"/>" }
        if let section = paragraph.endsSection {
            var sectionXML = WordMLWriter()
            sectionXML.headerRelationship = headerRelationship
            sectionXML.writeSectionProperties(section)
            properties += sectionXML.xml
        }
        if !properties.isEmpty { xml += "<w:pPr>\(properties)</w:pPr>" }
        if let bookmark = paragraph.bookmark {
            xml += "<w:bookmarkStart w:id=\"\(bookmark.id)\" w:name=\"\(XMLText.escape(bookmark.name))\"/>"
        }
        for run in paragraph.runs { write(run) }
        if let bookmark = paragraph.bookmark { xml += "<w:bookmarkEnd w:id=\"\(bookmark.id)\"/>" }
        xml += "</w:p>"
    }

    private func runProperties(_ run: WRun) -> String {
        var properties = ""
        if run.bold { properties += "<w:b/><w:bCs/>" }
        if run.italic { properties += "<w:i/><w:iCs/>" }
        if run.muted { properties += "<w:color w:val=\"808080\"/>" }
        if let size = run.size { properties += "<w:sz w:val=\"\(size)\"/><w:szCs w:val=\"\(size)\"/>" }
        return properties.isEmpty ? "" : "<w:rPr>\(properties)</w:rPr>"
    }

    mutating func write(_ run: WRun) {
        let properties = runProperties(run)
        switch run.content {
        case .text(let text):
            // Line breaks become <w:br/>, tabs <w:tab/>; each piece is its own text element.
            let cleaned = XMLText.clean(text)
            guard !cleaned.isEmpty else { return }
            xml += "<w:r>\(properties)"
            var piece = ""
            func flush(_ xml: inout String) {
                guard !piece.isEmpty else { return }
                xml += "<w:t xml:space=\"preserve\">\(XMLText.escape(piece))</w:t>"
                piece = ""
            }
            for character in cleaned {
                switch character {
                case "\n", "\r\n", "\r":
                    flush(&xml)
                    xml += "<w:br/>"
                case "\t":
                    flush(&xml)
                    xml += "<w:tab/>"
                default:
                    piece.append(character)
                }
            }
            flush(&xml)
            xml += "</w:r>"
        case .field(let instruction, let cached):
            xml += "<w:r>\(properties)<w:fldChar w:fldCharType=\"begin\"/></w:r>"
            xml += "<w:r>\(properties)<w:instrText xml:space=\"preserve\"> \(XMLText.escape(instruction)) </w:instrText></w:r>"
            xml += "<w:r>\(properties)<w:fldChar w:fldCharType=\"separate\"/></w:r>"
            xml += "<w:r>\(properties)<w:t xml:space=\"preserve\">\(XMLText.escape(cached))</w:t></w:r>"
            xml += "<w:r>\(properties)<w:fldChar w:fldCharType=\"end\"/></w:r>"
        }
    }

    mutating func write(_ table: WTable) {
        let total = table.columnWidths.reduce(0, +)
        xml += "<w:tbl><w:tblPr><w:tblStyle w:val=\"TableGrid\"/><w:tblW w:w=\"\(total)\" w:type=\"dxa\"/>"
        if table.centered { xml += "<w:jc w:val=\"center\"/>" }
        if !table.bordered {
            xml += "<w:tblBorders>"
            for side in ["top", "left", "bottom", "right", "insideH", "insideV"] { xml += "<w:\(side) w:val=\"nil\"/>" }
            xml += "</w:tblBorders>"
        }
        xml += "<w:tblLayout w:type=\"fixed\"/><w:tblCellMar><w:left w:w=\"80\" w:type=\"dxa\"/><w:right w:w=\"80\" w:type=\"dxa\"/></w:tblCellMar>"
        xml += "<w:tblLook w:val=\"04A0\" w:firstRow=\"1\" w:lastRow=\"0\" w:firstColumn=\"1\" w:lastColumn=\"0\" w:noHBand=\"0\" w:noVBand=\"1\"/></w:tblPr>"
        xml += "<w:tblGrid>"
        for width in table.columnWidths { xml += "<w:gridCol w:w=\"\(width)\"/>" }
        xml += "</w:tblGrid>"
        for row in table.rows {
            xml += "<w:tr>"
            if row.cantSplit || row.isHeader {
                xml += "<w:trPr>"
                if row.cantSplit { xml += "<w:cantSplit/>" }
                if row.isHeader { xml += "<w:tblHeader/>" }
                xml += "</w:trPr>"
            }
            var column = 0
            for cell in row.cells {
                let span = max(1, min(cell.span, table.columnWidths.count - column))
                let width = table.columnWidths[min(column, table.columnWidths.count - 1)..<min(column + span, table.columnWidths.count)].reduce(0, +)
                column += span
                xml += "<w:tc><w:tcPr><w:tcW w:w=\"\(width)\" w:type=\"dxa\"/>"
                if span > 1 { xml += "<w:gridSpan w:val=\"\(span)\"/>" }
                switch cell.verticalMerge {
                case .restart?: xml += "<w:vMerge w:val=\"restart\"/>"
                case .continue?: xml += "<w:vMerge/>"
                case nil: break
                }
                if let shading = cell.shading { xml += "<w:shd w:val=\"clear\" w:color=\"auto\" w:fill=\"\(shading)\"/>" }
                xml += "<w:vAlign w:val=\"\(cell.verticalAlignment)\"/></w:tcPr>"
                // A cell must end with a paragraph, even when empty.
                let paragraphs = cell.paragraphs.isEmpty ? [WParagraph.empty] : cell.paragraphs
                for paragraph in paragraphs { write(paragraph) }
                xml += "</w:tc>"
            }
            xml += "</w:tr>"
        }
        xml += "</w:tbl>"
        // Two tables in a row would merge into one; a paragraph keeps them apart.
        xml += "<w:p><w:pPr><w:spacing w:before=\"0\" w:after=\"0\"/></w:pPr></w:p>"
    }

    mutating func writeSectionProperties(_ section: WSection) {
        let width = section.landscape ? Twips.a4Long : Twips.a4Short
        let height = section.landscape ? Twips.a4Short : Twips.a4Long
        xml += "<w:sectPr>"
        xml += "<w:headerReference w:type=\"default\" r:id=\"\(headerRelationship)\"/>"
        xml += "<w:type w:val=\"nextPage\"/>"
        xml += "<w:pgSz w:w=\"\(width)\" w:h=\"\(height)\"\(section.landscape ? " w:orient=\"landscape\"" : "")/>"
        xml += "<w:pgMar w:top=\"\(Twips.inch)\" w:right=\"\(Twips.inch)\" w:bottom=\"\(Twips.inch)\" w:left=\"\(Twips.inch)\" w:header=\"567\" w:footer=\"567\" w:gutter=\"0\"/>"
        if section.thaiPageNumbers { xml += "<w:pgNumType w:fmt=\"thaiNumbers\"/>" }
        if section.titlePage { xml += "<w:titlePg/>" }
        xml += "<w:docGrid w:linePitch=\"360\"/>"
        xml += "</w:sectPr>"
    }
}
