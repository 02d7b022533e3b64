import Foundation
import SujaritCore

/// The fixed parts of a Sujarit Word document — styles, fonts, settings, the page-number
/// header — and the numbering part, which has one list instance per numbered list so that each
/// list starts again at 1.
enum DocxParts {
    static let wordNamespace = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    static let relationshipsNamespace = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

    /// The official font; Laksaman (fonts-tlwg-laksaman) is its free, metric-compatible stand-in.
    static let font = "TH SarabunPSK"
    static let fallbackFont = "Laksaman"

    /// Kinds of numbered list in the document.
    enum ListStyle: Int, CaseIterable {
        /// 1) 2) 3) with sub-steps 1.1) 1.2) — lists of the project sheets.
        case closingParen = 1
        /// (1) (2) (3) — Part 1's objectives and benefits.
        case parens = 2
    }

    static func contentTypes() -> String {
        OOXMLPackage.xmlDeclaration + """
        <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
        <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>\
        <Default Extension="xml" ContentType="application/xml"/>\
        <Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>\
        <Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>\
        <Override PartName="/word/settings.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/>\
        <Override PartName="/word/fontTable.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.fontTable+xml"/>\
        <Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/>\
        <Override PartName="/word/header1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/>\
        <Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>\
        <Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>\
        </Types>
        """
    }

    /// Word-processing drawings (inline charts).
    static let drawingNamespace = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"

    /// The content types with more parts: `overrides` (part name, type) and `defaults`
    /// (extension, type), e.g. charts and their embedded workbooks.
    static func contentTypes(overrides: [(String, String)], defaults: [(String, String)]) -> String {
        let extra = defaults.map { "<Default Extension=\"\($0.0)\" ContentType=\"\($0.1)\"/>" }.joined()
            + overrides.map { "<Override PartName=\"\($0.0)\" ContentType=\"\($0.1)\"/>" }.joined()
        return contentTypes().replacingOccurrences(of: "</Types>", with: extra + "</Types>")
    }

    /// The document's relationships with more: (id, type, target).
    static func documentRelationships(extra: [(id: String, type: String, target: String)]) -> String {
        let more = extra.map { "<Relationship Id=\"\($0.id)\" Type=\"\($0.type)\" Target=\"\($0.target)\"/>" }.joined()
        return documentRelationships().replacingOccurrences(of: "</Relationships>", with: more + "</Relationships>")
    }

    static func packageRelationships() -> String {
        OOXMLPackage.xmlDeclaration + """
        <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
        <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>\
        <Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>\
        <Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/>\
        </Relationships>
        """
    }

    static func documentRelationships() -> String {
        OOXMLPackage.xmlDeclaration + """
        <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
        <Relationship Id="rIdStyles" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>\
        <Relationship Id="rIdSettings" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings" Target="settings.xml"/>\
        <Relationship Id="rIdFonts" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/fontTable" Target="fontTable.xml"/>\
        <Relationship Id="rIdNumbering" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/>\
        <Relationship Id="rIdHeader1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="header1.xml"/>\
        </Relationships>
        """
    }

    static func document(body: String) -> String {
        OOXMLPackage.xmlDeclaration
            + "<w:document xmlns:w=\"\(wordNamespace)\" xmlns:r=\"\(relationshipsNamespace)\" xmlns:wp=\"\(drawingNamespace)\"><w:body>"
            + body + "</w:body></w:document>"
    }

    static func coreProperties(title: String, organization: String, created: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        let date = formatter.string(from: created)
        return OOXMLPackage.xmlDeclaration + """
        <cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" \
        xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" \
        xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\
        <dc:title>\(XMLText.escape(title))</dc:title><dc:creator>\(XMLText.escape(organization))</dc:creator>\
        <dc:language>th-TH</dc:language>\
        <dcterms:created xsi:type="dcterms:W3CDTF">\(date)</dcterms:created>\
        <dcterms:modified xsi:type="dcterms:W3CDTF">\(date)</dcterms:modified>\
        </cp:coreProperties>
        """
    }

    static func appProperties() -> String {
        OOXMLPackage.xmlDeclaration + """
        <Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">\
        <Application>Sujarit</Application></Properties>
        """
    }

    static func fontTable() -> String {
        OOXMLPackage.xmlDeclaration + """
        <w:fonts xmlns:w="\(wordNamespace)">\
        <w:font w:name="\(font)"><w:altName w:val="\(fallbackFont)"/><w:panose1 w:val="020B0500040200020003"/>\
        <w:charset w:val="DE"/><w:family w:val="swiss"/><w:pitch w:val="variable"/></w:font>\
        <w:font w:name="\(fallbackFont)"><w:charset w:val="DE"/><w:family w:val="roman"/><w:pitch w:val="variable"/></w:font>\
        </w:fonts>
        """
    }

    static func settings() -> String {
        OOXMLPackage.xmlDeclaration + """
        <w:settings xmlns:w="\(wordNamespace)">\
        <w:zoom w:percent="100"/><w:defaultTabStop w:val="720"/><w:characterSpacingControl w:val="doNotCompress"/>\
        <w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat>\
        <w:themeFontLang w:val="en-US" w:bidi="th-TH"/>\
        </w:settings>
        """
    }

    /// Body 16 pt; part titles 20 pt, headings 16–18 pt bold; Thai as the complex-script language.
    static func styles() -> String {
        func fonts() -> String {
            "<w:rFonts w:ascii=\"\(font)\" w:hAnsi=\"\(font)\" w:eastAsia=\"\(font)\" w:cs=\"\(font)\"/>"
        }
        func heading(_ id: String, name: String, size: Int, centered: Bool, outline: Int) -> String {
            """
            <w:style w:type="paragraph" w:styleId="\(id)"><w:name w:val="\(name)"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/>\
            <w:pPr><w:keepNext/><w:keepLines/><w:spacing w:before="120" w:after="120"/>\(centered ? "<w:jc w:val=\"center\"/>" : "")<w:outlineLvl w:val="\(outline)"/></w:pPr>\
            <w:rPr><w:b/><w:bCs/><w:sz w:val="\(size)"/><w:szCs w:val="\(size)"/></w:rPr></w:style>
            """
        }
        return OOXMLPackage.xmlDeclaration + """
        <w:styles xmlns:w="\(wordNamespace)">\
        <w:docDefaults><w:rPrDefault><w:rPr>\(fonts())<w:sz w:val="32"/><w:szCs w:val="32"/>\
        <w:lang w:val="th-TH" w:eastAsia="th-TH" w:bidi="th-TH"/></w:rPr></w:rPrDefault>\
        <w:pPrDefault><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults>\
        <w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style>\
        \(heading("Title", name: "Title", size: 44, centered: true, outline: 0))\
        \(heading("Heading1", name: "heading 1", size: 40, centered: true, outline: 0))\
        \(heading("Heading2", name: "heading 2", size: 36, centered: false, outline: 1))\
        \(heading("Heading3", name: "heading 3", size: 32, centered: false, outline: 2))\
        <w:style w:type="paragraph" w:styleId="TableText"><w:name w:val="Table Text"/><w:basedOn w:val="Normal"/><w:qFormat/>\
        <w:rPr><w:sz w:val="28"/><w:szCs w:val="28"/></w:rPr></w:style>\
        <w:style w:type="paragraph" w:styleId="Header"><w:name w:val="header"/><w:basedOn w:val="Normal"/><w:pPr><w:jc w:val="center"/></w:pPr></w:style>\
        <w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont"><w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/></w:style>\
        <w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/><w:semiHidden/>\
        <w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/>\
        <w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>\
        <w:style w:type="table" w:styleId="TableGrid"><w:name w:val="Table Grid"/><w:basedOn w:val="TableNormal"/>\
        <w:tblPr><w:tblBorders><w:top w:val="single" w:sz="4" w:space="0" w:color="auto"/><w:left w:val="single" w:sz="4" w:space="0" w:color="auto"/>\
        <w:bottom w:val="single" w:sz="4" w:space="0" w:color="auto"/><w:right w:val="single" w:sz="4" w:space="0" w:color="auto"/>\
        <w:insideH w:val="single" w:sz="4" w:space="0" w:color="auto"/><w:insideV w:val="single" w:sz="4" w:space="0" w:color="auto"/></w:tblBorders></w:tblPr></w:style>\
        <w:style w:type="numbering" w:default="1" w:styleId="NoList"><w:name w:val="No List"/><w:semiHidden/></w:style>\
        </w:styles>
        """
    }

    /// The page number, centred at the top: "- ๒ -" or "- 2 -".
    static func pageNumberHeader(thaiDigits: Bool) -> String {
        var writer = WordMLWriter()
        var paragraph = WParagraph([WRun("- "), .field("PAGE", cached: thaiDigits ? "๑" : "1"), WRun(" -")], style: "Header", alignment: .center)
        paragraph.spaceAfter = 0
        writer.write(paragraph)
        return OOXMLPackage.xmlDeclaration
            + "<w:hdr xmlns:w=\"\(wordNamespace)\" xmlns:r=\"\(relationshipsNamespace)\">" + writer.xml + "</w:hdr>"
    }

    /// One abstract definition per list style, and one list instance (`w:num`) per list used.
    static func numbering(lists: [ListStyle], thaiDigits: Bool) -> String {
        let format = thaiDigits ? "thaiNumbers" : "decimal"
        func level(_ index: Int, text: String, left: Int, hanging: Int) -> String {
            """
            <w:lvl w:ilvl="\(index)"><w:start w:val="1"/><w:numFmt w:val="\(format)"/><w:lvlText w:val="\(text)"/><w:lvlJc w:val="left"/>\
            <w:pPr><w:ind w:left="\(left)" w:hanging="\(hanging)"/></w:pPr></w:lvl>
            """
        }
        var xml = OOXMLPackage.xmlDeclaration + "<w:numbering xmlns:w=\"\(wordNamespace)\">"
        xml += "<w:abstractNum w:abstractNumId=\"\(ListStyle.closingParen.rawValue)\"><w:multiLevelType w:val=\"multilevel\"/>"
        xml += level(0, text: "%1)", left: 1077, hanging: 357)
        xml += level(1, text: "%1.%2)", left: 1701, hanging: 567)
        xml += level(2, text: "%1.%2.%3)", left: 2381, hanging: 680)
        xml += "</w:abstractNum>"
        xml += "<w:abstractNum w:abstractNumId=\"\(ListStyle.parens.rawValue)\"><w:multiLevelType w:val=\"multilevel\"/>"
        xml += level(0, text: "(%1)", left: 1077, hanging: 437)
        xml += level(1, text: "(%1.%2)", left: 1701, hanging: 567)
        xml += "</w:abstractNum>"
        for (offset, style) in lists.enumerated() {
            xml += "<w:num w:numId=\"\(offset + 1)\"><w:abstractNumId w:val=\"\(style.rawValue)\"/>"
            xml += "<w:lvlOverride w:ilvl=\"0\"><w:startOverride w:val=\"1\"/></w:lvlOverride></w:num>"
        }
        xml += "</w:numbering>"
        return xml
    }
}
