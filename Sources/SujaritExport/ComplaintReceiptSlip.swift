import Foundation
import SujaritCore

/// ใบรับเรื่องร้องเรียน — the A5 receipt slip a reporter prints or saves, or an officer hands to
/// someone who complained in person, by letter or by phone: the organization, the receipt code
/// in large digits, the tracking address, the dates and the warning that the code cannot be
/// recovered. It is made in memory for one answer and stored nowhere; it carries nothing of
/// what was reported.
public struct ComplaintReceiptSlip: Sendable {
    public var organizationName: String
    /// "1234 5678 9012 3456 7890"
    public var groupedCode: String
    /// The full tracking address, e.g. "https://example.go.th/o/ban-pong/report/track".
    public var trackingAddress: String
    public var receivedOn: CalendarDay
    public var dueOn: CalendarDay
    public var digits: DigitStyle

    public init(organizationName: String, groupedCode: String, trackingAddress: String, receivedOn: CalendarDay, dueOn: CalendarDay,
                digits: DigitStyle = .arabic) {
        self.organizationName = organizationName
        self.groupedCode = groupedCode
        self.trackingAddress = trackingAddress
        self.receivedOn = receivedOn
        self.dueOn = dueOn
        self.digits = digits
    }

    public static let warning = "เก็บรหัสนี้ไว้ในที่ปลอดภัย ระบบไม่เก็บรหัสไว้ และไม่มีผู้ใดกู้คืนรหัสให้ได้ หากทำรหัสหายจะไม่สามารถติดตามเรื่องนี้ได้ อย่าให้ผู้อื่นเห็นรหัสนี้"

    /// A5 portrait in twips (148 × 210 mm).
    static let a5Width = 8391
    static let a5Height = 11906

    /// The slip as a Word document.
    public func docx() -> Data {
        let code = digits == .thai ? ThaiDigits.toThai(groupedCode) : groupedCode
        let paragraphs: [WParagraph] = [
            WParagraph("ใบรับเรื่องร้องเรียน", bold: true, size: 36, alignment: .center),
            WParagraph(organizationName, bold: true, alignment: .center),
            WParagraph.empty,
            WParagraph("รหัสรับเรื่อง", alignment: .center),
            { var p = WParagraph(code, bold: true, size: 48, alignment: .center); p.boxed = true; return p }(),
            WParagraph.empty,
            WParagraph("วันที่รับเรื่อง \(receivedOn.thai(digits: digits))"),
            WParagraph("กำหนดแจ้งผลภายใน \(dueOn.thai(digits: digits))"),
            WParagraph("ติดตามผลด้วยตนเองได้ที่ \(trackingAddress) โดยกรอกรหัสรับเรื่องข้างต้น"),
            WParagraph.empty,
            WParagraph(Self.warning, bold: true),
        ]
        var body = WordMLWriter()
        for paragraph in paragraphs { body.write(paragraph) }
        let margin = 720 // half an inch
        let section = "<w:sectPr><w:pgSz w:w=\"\(Self.a5Width)\" w:h=\"\(Self.a5Height)\"/>"
            + "<w:pgMar w:top=\"\(margin)\" w:right=\"\(margin)\" w:bottom=\"\(margin)\" w:left=\"\(margin)\" w:header=\"360\" w:footer=\"360\" w:gutter=\"0\"/>"
            + "<w:docGrid w:linePitch=\"360\"/></w:sectPr>"
        var package = OOXMLPackage()
        package.add("[Content_Types].xml", DocxParts.contentTypes())
        package.add("_rels/.rels", DocxParts.packageRelationships())
        // Fixed properties: no date or time of day that could tell when the report was sent.
        package.add("docProps/core.xml", DocxParts.coreProperties(title: "ใบรับเรื่องร้องเรียน", organization: organizationName,
                                                                 created: Date(timeIntervalSince1970: 1_704_067_200)))
        package.add("docProps/app.xml", DocxParts.appProperties())
        package.add("word/document.xml", DocxParts.document(body: body.xml + section))
        package.add("word/_rels/document.xml.rels", DocxParts.documentRelationships())
        package.add("word/styles.xml", DocxParts.styles())
        package.add("word/settings.xml", DocxParts.settings())
        package.add("word/fontTable.xml", DocxParts.fontTable())
        package.add("word/numbering.xml", DocxParts.numbering(lists: [], thaiDigits: digits == .thai))
        package.add("word/header1.xml", DocxParts.pageNumberHeader(thaiDigits: digits == .thai))
        return package.data()
    }
}
