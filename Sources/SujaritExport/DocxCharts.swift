import Foundation
import SujaritCore

/// แผนภูมิในไฟล์ Word — a native DrawingML chart (`word/charts/chartN.xml`) with its values
/// cached in the part, so that Word and LibreOffice draw it without recalculating, and with its
/// data as an embedded workbook (`word/embeddings/…xlsx`), so that the chart stays editable in
/// Word ("Edit Data"). Only what the monitoring report needs: column charts (clustered or
/// stacked) and a pie. (Columns rather than bars: LibreOffice leaves out category labels of
/// sideways bars when Thai text is taller than a bar.)
struct DocxChart {
    enum Kind: Equatable {
        /// Columns, one group per category; `stacked` puts the series on top of each other.
        case bar(stacked: Bool)
        /// One series, one slice per category, each with its colour in `pointColours`.
        case pie
    }

    struct Series {
        var name: String
        /// RRGGBB
        var colour: String
        var values: [Decimal]
    }

    var title: String
    var kind: Kind
    var categories: [String]
    var series: [Series]
    /// Excel number format of the values ("#,##0", "#,##0.00").
    var numberFormat: String = "#,##0"
    /// Slice colours of a pie (RRGGBB), one per category.
    var pointColours: [String] = []

    static let chartNamespace = "http://schemas.openxmlformats.org/drawingml/2006/chart"
    static let drawingNamespace = "http://schemas.openxmlformats.org/drawingml/2006/main"
    static let font = "TH SarabunPSK"

    /// "A", "B", … "Z", "AA" — the spreadsheet column of a 0-based index.
    static func column(_ index: Int) -> String {
        var index = index
        var name = ""
        repeat {
            name = String(UnicodeScalar(UInt8(65 + index % 26))) + name
            index = index / 26 - 1
        } while index >= 0
        return name
    }

    static func number(_ value: Decimal) -> String { NSDecimalNumber(decimal: value).stringValue }

    /// A text in the chart's font (Thai glyphs come from the complex-script font).
    static func textProperties(size: Int, bold: Bool) -> String {
        "<a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz=\"\(size)\" b=\"\(bold ? 1 : 0)\">"
            + "<a:latin typeface=\"\(font)\"/><a:cs typeface=\"\(font)\"/></a:defRPr></a:pPr><a:endParaRPr lang=\"th-TH\"/></a:p>"
    }

    func stringCache(_ values: [String], reference: String) -> String {
        var xml = "<c:strRef><c:f>\(reference)</c:f><c:strCache><c:ptCount val=\"\(values.count)\"/>"
        for (index, value) in values.enumerated() { xml += "<c:pt idx=\"\(index)\"><c:v>\(XMLText.escape(value))</c:v></c:pt>" }
        return xml + "</c:strCache></c:strRef>"
    }

    func numberCache(_ values: [Decimal], reference: String) -> String {
        var xml = "<c:numRef><c:f>\(reference)</c:f><c:numCache><c:formatCode>\(XMLText.escape(numberFormat))</c:formatCode><c:ptCount val=\"\(values.count)\"/>"
        for (index, value) in values.enumerated() { xml += "<c:pt idx=\"\(index)\"><c:v>\(Self.number(value))</c:v></c:pt>" }
        return xml + "</c:numCache></c:numRef>"
    }

    static func fill(_ colour: String) -> String { "<c:spPr><a:solidFill><a:srgbClr val=\"\(colour)\"/></a:solidFill></c:spPr>" }

    var dataLabels: String {
        // Zero values get no label (the format's third section is empty).
        "<c:dLbls><c:numFmt formatCode=\"\(XMLText.escape(numberFormat + ";-" + numberFormat + ";;"))\" sourceLinked=\"0\"/><c:spPr><a:noFill/><a:ln><a:noFill/></a:ln></c:spPr>"
            + "<c:txPr>\(Self.textProperties(size: 1100, bold: false))</c:txPr>"
            + "<c:showLegendKey val=\"0\"/><c:showVal val=\"1\"/><c:showCatName val=\"0\"/><c:showSerName val=\"0\"/>"
            + "<c:showPercent val=\"0\"/><c:showBubbleSize val=\"0\"/></c:dLbls>"
    }

    /// `word/charts/chartN.xml`, its values cached; `workbookRelationship` names the embedded data.
    func chartXML(workbookRelationship: String) -> String {
        let rows = categories.count
        let categoryReference = "Sheet1!$A$2:$A$\(rows + 1)"
        var plot = ""
        switch kind {
        case .bar(let stacked):
            plot += "<c:barChart><c:barDir val=\"col\"/><c:grouping val=\"\(stacked ? "stacked" : "clustered")\"/><c:varyColors val=\"0\"/>"
            for (index, serie) in series.enumerated() {
                let column = Self.column(index + 1)
                plot += "<c:ser><c:idx val=\"\(index)\"/><c:order val=\"\(index)\"/>"
                    + "<c:tx>\(stringCache([serie.name], reference: "Sheet1!$\(column)$1"))</c:tx>"
                    + Self.fill(serie.colour) + "<c:invertIfNegative val=\"0\"/>" + dataLabels
                    + "<c:cat>\(stringCache(categories, reference: categoryReference))</c:cat>"
                    + "<c:val>\(numberCache(serie.values, reference: "Sheet1!$\(column)$2:$\(column)$\(rows + 1)"))</c:val></c:ser>"
            }
            plot += "<c:gapWidth val=\"60\"/>" + (stacked ? "<c:overlap val=\"100\"/>" : "<c:overlap val=\"-10\"/>")
                + "<c:axId val=\"501\"/><c:axId val=\"502\"/></c:barChart>"
            plot += "<c:catAx><c:axId val=\"501\"/><c:scaling><c:orientation val=\"minMax\"/></c:scaling>"
                + "<c:delete val=\"0\"/><c:axPos val=\"b\"/><c:numFmt formatCode=\"General\" sourceLinked=\"0\"/>"
                + "<c:majorTickMark val=\"none\"/><c:minorTickMark val=\"none\"/><c:tickLblPos val=\"nextTo\"/>"
                + "<c:txPr>\(Self.textProperties(size: 1100, bold: false))</c:txPr>"
                + "<c:crossAx val=\"502\"/><c:crosses val=\"autoZero\"/><c:auto val=\"1\"/><c:lblAlgn val=\"ctr\"/><c:lblOffset val=\"100\"/><c:tickLblSkip val=\"1\"/><c:noMultiLvlLbl val=\"0\"/></c:catAx>"
            plot += "<c:valAx><c:axId val=\"502\"/><c:scaling><c:orientation val=\"minMax\"/></c:scaling><c:delete val=\"0\"/>"
                + "<c:axPos val=\"l\"/><c:majorGridlines><c:spPr><a:ln w=\"6350\"><a:solidFill><a:srgbClr val=\"D9D9D9\"/></a:solidFill></a:ln></c:spPr></c:majorGridlines>"
                + "<c:numFmt formatCode=\"\(XMLText.escape(numberFormat))\" sourceLinked=\"0\"/><c:majorTickMark val=\"out\"/><c:minorTickMark val=\"none\"/>"
                + "<c:tickLblPos val=\"nextTo\"/><c:txPr>\(Self.textProperties(size: 1100, bold: false))</c:txPr>"
                + "<c:crossAx val=\"501\"/><c:crosses val=\"autoZero\"/><c:crossBetween val=\"between\"/></c:valAx>"
        case .pie:
            plot += "<c:pieChart><c:varyColors val=\"1\"/>"
            if let serie = series.first {
                plot += "<c:ser><c:idx val=\"0\"/><c:order val=\"0\"/><c:tx>\(stringCache([serie.name], reference: "Sheet1!$B$1"))</c:tx>"
                for (index, colour) in pointColours.enumerated() where index < rows {
                    plot += "<c:dPt><c:idx val=\"\(index)\"/><c:bubble3D val=\"0\"/>\(Self.fill(colour))</c:dPt>"
                }
                plot += dataLabels + "<c:cat>\(stringCache(categories, reference: categoryReference))</c:cat>"
                    + "<c:val>\(numberCache(serie.values, reference: "Sheet1!$B$2:$B$\(rows + 1)"))</c:val></c:ser>"
            }
            plot += "<c:firstSliceAng val=\"0\"/></c:pieChart>"
        }
        return OOXMLPackage.xmlDeclaration
            + "<c:chartSpace xmlns:c=\"\(Self.chartNamespace)\" xmlns:a=\"\(Self.drawingNamespace)\" xmlns:r=\"\(DocxParts.relationshipsNamespace)\">"
            + "<c:lang val=\"th-TH\"/><c:roundedCorners val=\"0\"/><c:chart>"
            + "<c:title><c:tx><c:rich><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz=\"1400\" b=\"1\"/></a:pPr>"
            + "<a:r><a:rPr lang=\"th-TH\" sz=\"1400\" b=\"1\"><a:latin typeface=\"\(Self.font)\"/><a:cs typeface=\"\(Self.font)\"/></a:rPr>"
            + "<a:t>\(XMLText.escape(title))</a:t></a:r></a:p></c:rich></c:tx><c:overlay val=\"0\"/></c:title>"
            + "<c:autoTitleDeleted val=\"0\"/><c:plotArea><c:layout/>\(plot)</c:plotArea>"
            + "<c:legend><c:legendPos val=\"b\"/><c:overlay val=\"0\"/><c:txPr>\(Self.textProperties(size: 1200, bold: false))</c:txPr></c:legend>"
            + "<c:plotVisOnly val=\"1\"/><c:dispBlanksAs val=\"gap\"/></c:chart>"
            + "<c:txPr>\(Self.textProperties(size: 1200, bold: false))</c:txPr>"
            + "<c:externalData r:id=\"\(workbookRelationship)\"><c:autoUpdate val=\"0\"/></c:externalData>"
            + "</c:chartSpace>"
    }

    /// The chart's data as a one-sheet workbook (Sheet1: categories in A, one column per series),
    /// the same cells the chart's references name.
    func workbook() -> Data {
        typealias Row = PlanWorkbookWriter.Row
        var strings = SharedStrings()
        var header = Row(1)
        header.text(0, "", style: .header, strings: &strings)
        for (index, serie) in series.enumerated() { header.text(index + 1, serie.name, style: .header, strings: &strings) }
        var rows = [header]
        for (index, category) in categories.enumerated() {
            var row = Row(index + 2)
            row.text(0, category, strings: &strings)
            for (column, serie) in series.enumerated() where index < serie.values.count {
                row.number(column + 1, serie.values[index], style: .center)
            }
            rows.append(row)
        }
        let sheet = PlanWorkbookWriter.worksheet(rows: rows, widths: [30] + Array(repeating: 16, count: series.count),
                                                 frozenRows: 1, merges: [], landscape: false)
        return PlanWorkbookWriter.singleSheetWorkbook(name: "Sheet1", sheet: sheet, strings: strings)
    }
}

extension PlanWorkbookWriter {
    /// A workbook of one sheet (the chart data embedded in a Word file, the annual results
    /// report), with the plan workbook's styles.
    static func singleSheetWorkbook(name: String, sheet: String, strings: SharedStrings,
                                    properties: (title: String, organization: String, created: Date)? = nil) -> Data {
        var package = OOXMLPackage()
        package.add("[Content_Types].xml", OOXMLPackage.xmlDeclaration + """
            <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
            <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>\
            <Default Extension="xml" ContentType="application/xml"/>\
            <Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>\
            <Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>\
            <Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>\
            <Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>\
            \(properties == nil ? "" : """
            <Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>\
            <Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>
            """)</Types>
            """)
        package.add("_rels/.rels", OOXMLPackage.xmlDeclaration + """
            <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
            <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>\
            \(properties == nil ? "" : """
            <Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>\
            <Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/>
            """)</Relationships>
            """)
        if let properties {
            package.add("docProps/core.xml", DocxParts.coreProperties(title: properties.title, organization: properties.organization, created: properties.created))
            package.add("docProps/app.xml", DocxParts.appProperties())
        }
        package.add("xl/workbook.xml", OOXMLPackage.xmlDeclaration + """
            <workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">\
            <sheets><sheet name="\(XMLText.escape(name))" sheetId="1" r:id="rId1"/></sheets></workbook>
            """)
        package.add("xl/_rels/workbook.xml.rels", OOXMLPackage.xmlDeclaration + """
            <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
            <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>\
            <Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>\
            <Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>\
            </Relationships>
            """)
        package.add("xl/styles.xml", PlanWorkbookWriter.styles)
        package.add("xl/sharedStrings.xml", strings.xml())
        package.add("xl/worksheets/sheet1.xml", sheet)
        return package.data()
    }
}

/// Where a chart stands in the document: an inline drawing that names the chart part.
struct WChartReference {
    var relationshipID: String
    /// A unique drawing id in the document.
    var drawingID: Int
    var description: String
    /// Size in EMU (914,400 to an inch).
    var width: Int
    var height: Int
}

/// The parts a document's charts add: each chart, its relationships and embedded workbook, the
/// document's relationships to them, and their content types.
struct DocxChartParts {
    private(set) var references: [WChartReference] = []
    private(set) var parts: [(String, Data)] = []
    private(set) var relationships: [(id: String, type: String, target: String)] = []

    static let chartRelationship = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/chart"
    static let packageRelationship = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/package"
    static let chartContentType = "application/vnd.openxmlformats-officedocument.drawingml.chart+xml"
    static let workbookContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

    /// Adds a chart; returns the block that places it.
    mutating func add(_ chart: DocxChart, width: Int = 8_229_600, height: Int = 2_651_760) -> WBlock {
        let number = references.count + 1
        let id = "rIdChart\(number)"
        let reference = WChartReference(relationshipID: id, drawingID: 1000 + number, description: chart.title, width: width, height: height)
        references.append(reference)
        relationships.append((id, Self.chartRelationship, "charts/chart\(number).xml"))
        parts.append(("word/charts/chart\(number).xml", Data(chart.chartXML(workbookRelationship: "rIdData").utf8)))
        parts.append(("word/charts/_rels/chart\(number).xml.rels", Data((OOXMLPackage.xmlDeclaration + """
            <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
            <Relationship Id="rIdData" Type="\(Self.packageRelationship)" Target="../embeddings/chart\(number)-data.xlsx"/>\
            </Relationships>
            """).utf8)))
        parts.append(("word/embeddings/chart\(number)-data.xlsx", chart.workbook()))
        return .chart(reference)
    }

    /// Content-type overrides for the chart parts, and the xlsx default.
    var contentTypeOverrides: [(String, String)] {
        references.indices.map { ("/word/charts/chart\($0 + 1).xml", Self.chartContentType) }
    }
}
