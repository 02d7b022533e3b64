import Foundation
import SujaritCore

/// The kind of file a document arrived as, judged by its content rather than its name.
public enum DocumentFormat: String, Sendable, Codable, CaseIterable {
    case text
    case docx
    case html
    /// PDF, read through `pdftotext -bbox-layout` (poppler-utils).
    case pdf
}

/// What a document turned out to be.
public enum ImportedDocumentKind: String, Sendable, Codable {
    /// แผนปฏิบัติการหลายปี — a multi-year plan (2566–2570, or the old 2561–2564 cycle).
    case multiYearPlan
    /// แผนประจำปี — a one-year plan, often only project sheets (seed 001).
    case annualPlan
    /// รายงานผลการดำเนินการ — an annual results report (seed 002).
    case resultsReport
}

/// Facts about the organization read from the cover and the text. The importer cannot know
/// the organization's slug or database identity; whoever saves the plan supplies them.
public struct ImportedOrganization: Hashable, Sendable, Codable {
    /// "องค์การบริหารส่วนตำบลบ้านโป่ง", or empty when not found.
    public var name: String
    public var kind: OrganizationKind?
    /// อำเภอ
    public var district: String
    /// จังหวัด
    public var province: String
    public var website: String
    public var phone: String
    /// The digits the document prints (Thai when it uses Thai digits throughout).
    public var digitStyle: DigitStyle

    public init(name: String = "", kind: OrganizationKind? = nil, district: String = "", province: String = "",
                website: String = "", phone: String = "", digitStyle: DigitStyle = .arabic) {
        self.name = name
        self.kind = kind
        self.district = district
        self.province = province
        self.website = website
        self.phone = phone
        self.digitStyle = digitStyle
    }

    /// An `Organization` with these facts, once the caller has chosen a slug.
    public func makeOrganization(id: UUID = UUID(), slug: String) -> Organization? {
        guard let kind, !name.isEmpty else { return nil }
        return Organization(id: id, slug: slug, kind: kind, name: name, district: district, province: province,
                            website: website, phone: phone, digitStyle: digitStyle)
    }
}

/// One finding of the import diagnosis: a stated figure that disagrees with the computed one,
/// something missing, something left over from the template, a line that could not be placed.
public struct ImportFinding: Hashable, Sendable, Codable {
    public enum Severity: String, Sendable, Codable, Comparable {
        /// Part of the document could not be read; the plan is incomplete.
        case error
        /// The document contradicts itself or misses something; worth a look before accepting.
        case warning
        /// Noted for the reviewer; nothing is wrong with the imported plan.
        case info

        private var rank: Int { self == .error ? 0 : (self == .warning ? 1 : 2) }
        public static func < (a: Severity, b: Severity) -> Bool { a.rank < b.rank }
    }

    public var severity: Severity
    /// A stable rule identifier, e.g. "count.stated.total" or "sheet.number.missing".
    public var code: String
    /// The source line (text, HTML) or paragraph number (DOCX), when the finding has a place.
    public var line: Int?
    public var message: LocalizedText

    public init(severity: Severity, code: String, line: Int?, message: LocalizedText) {
        self.severity = severity
        self.code = code
        self.line = line
        self.message = message
    }
}

/// The fields of a project sheet, to say which ones a sheet in the document actually had.
public enum SheetField: String, Sendable, Codable, CaseIterable, Comparable {
    case name, rationale, objectives, targetGroup, method, period, budget, responsible, results, area

    /// The nine fields of the official template (พื้นที่ดำเนินการ is an addition some use).
    public static let required: [SheetField] = [.name, .rationale, .objectives, .targetGroup, .method, .period, .budget, .responsible, .results]

    public var thaiName: String {
        switch self {
        case .name: "ชื่อโครงการ"
        case .rationale: "หลักการและเหตุผล"
        case .objectives: "วัตถุประสงค์"
        case .targetGroup: "กลุ่มเป้าหมาย"
        case .method: "วิธีดำเนินการ"
        case .period: "ระยะเวลาดำเนินการ"
        case .budget: "งบประมาณ"
        case .responsible: "ผู้รับผิดชอบ"
        case .results: "ผลผลิต/ผลลัพธ์"
        case .area: "พื้นที่ดำเนินการ"
        }
    }

    public var englishName: String {
        switch self {
        case .name: "name"
        case .rationale: "rationale"
        case .objectives: "objectives"
        case .targetGroup: "target group"
        case .method: "method"
        case .period: "period"
        case .budget: "budget"
        case .responsible: "responsible unit"
        case .results: "outputs/outcomes"
        case .area: "area"
        }
    }

    private var rank: Int { Self.allCases.firstIndex(of: self) ?? 0 }
    public static func < (a: SheetField, b: SheetField) -> Bool { a.rank < b.rank }
}

/// A project sheet as found in Part 3, and the item it was matched to.
public struct ImportedSheet: Hashable, Sendable, Codable {
    /// ลำดับที่ as written, when present.
    public var sheetNumber: Int?
    public var name: String
    /// Source line of the sheet's first line.
    public var line: Int
    /// The fields the document wrote for this sheet.
    public var fieldsFound: [SheetField]
    /// The plan item holding this sheet.
    public var itemID: UUID?
    /// How closely the sheet's name matched its Part 2 item (1 = identical); nil when the
    /// item was made from the sheet itself.
    public var matchScore: Double?

    public var hasAllRequiredFields: Bool { SheetField.required.allSatisfy(fieldsFound.contains) }
}

/// ผลการดำเนินการ — one row of an annual results report (รายงานผลการดำเนินการ, seed 002):
/// a measure, the steps taken, when, by whom, and what came of it.
public struct MonitoringResultRow: Hashable, Sendable, Codable {
    /// The row's own number as written ("๑." → 1).
    public var number: Int?
    /// มาตรการ/โครงการ/กิจกรรม
    public var measure: String
    /// ขั้นตอนหรือวิธีการปฏิบัติ
    public var steps: [String]
    /// ช่วงระยะเวลาในการดำเนินการ ("ไตรมาสที่ ๑ - ๔")
    public var period: String
    /// ผู้รับผิดชอบ
    public var responsible: String
    /// ผลการดำเนินการ (output)
    public var output: String
    /// ผลลัพธ์หรือผลสัมฤทธิ์ (outcome)
    public var outcome: String
    /// Source line of the row.
    public var line: Int
    /// The plan item made for this measure.
    public var itemID: UUID?

    public init(number: Int?, measure: String, steps: [String], period: String, responsible: String,
                output: String, outcome: String, line: Int, itemID: UUID? = nil) {
        self.number = number
        self.measure = measure
        self.steps = steps
        self.period = period
        self.responsible = responsible
        self.output = output
        self.outcome = outcome
        self.line = line
        self.itemID = itemID
    }
}

/// Everything an import produced: the plan (a draft for the user to review), the organization
/// facts, the sheets found, any results-report rows, and the diagnosis.
public struct ImportResult: Sendable, Codable {
    public var fileName: String
    public var format: DocumentFormat
    public var documentKind: ImportedDocumentKind
    public var organization: ImportedOrganization
    /// The plan as a draft. Its `organizationID` is a placeholder until the caller saves it for
    /// a real organization.
    public var plan: Plan
    public var sheets: [ImportedSheet]
    public var monitoringRows: [MonitoringResultRow]
    public var findings: [ImportFinding]
    /// The counts and totals computed from the imported items.
    public var summary: PlanSummary
    /// Number of blocks the reader produced (a measure of how much was read).
    public var blockCount: Int
    /// Lines of text the reader produced (paragraphs, and each line of each table cell).
    public var lineCount: Int? = nil
    /// Lines of the plan table and the project sheets that could not be placed anywhere.
    public var unplacedLineCount: Int? = nil
    /// The months in which an item runs (calendar months in fiscal order, October first), when
    /// the document scheduled it by month; the same as `item.months.months`.
    public func months(of item: PlanItem) -> [Int] { item.months.months }

    /// Findings of one rule.
    public func findings(code: String) -> [ImportFinding] { findings.filter { $0.code == code } }
}

/// Why a document could not be imported at all, with a message in Thai and English.
public enum ImportError: Error, Hashable, Sendable, CustomStringConvertible {
    case empty
    case tooLarge(bytes: Int, limit: Int)
    case notText
    case notADocx(detail: String)
    case corruptDocx(detail: String)
    case noPlanContent
    case unreadableFile(path: String, detail: String)
    /// A PDF, but `pdftotext` (poppler-utils) is not installed.
    case pdfToolMissing
    /// A PDF with no text layer (an image scan).
    case pdfNoText
    /// A PDF that needs a password.
    case pdfEncrypted
    /// Text extraction took longer than allowed.
    case pdfTimeout(seconds: Int)
    /// More pages than a plan document has (`PDFTextExtractor.maximumPages`).
    case pdfTooManyPages(limit: Int)
    case pdfUnreadable(detail: String)

    public var message: LocalizedText {
        switch self {
        case .empty:
            LocalizedText(th: "ไฟล์ว่างเปล่า ไม่มีข้อความให้นำเข้า", en: "The file is empty; there is nothing to import")
        case .tooLarge(let bytes, let limit):
            LocalizedText(th: "ไฟล์ใหญ่เกินไป (\(Self.megabytes(bytes)) MB) นำเข้าได้ไม่เกิน \(Self.megabytes(limit)) MB",
                          en: "The file is too large (\(Self.megabytes(bytes)) MB); the limit is \(Self.megabytes(limit)) MB")
        case .notText:
            LocalizedText(th: "ไฟล์นี้ไม่ใช่ข้อความ เอกสาร Word (.docx) หรือหน้าเว็บ (HTML) ที่อ่านได้",
                          en: "This file is not readable text, a Word document (.docx) or a web page (HTML)")
        case .notADocx(let detail):
            LocalizedText(th: "ไฟล์ ZIP นี้ไม่ใช่เอกสาร Word (.docx): ไม่พบ word/document.xml (\(detail))",
                          en: "This ZIP file is not a Word document (.docx): word/document.xml is missing (\(detail))")
        case .corruptDocx(let detail):
            LocalizedText(th: "เอกสาร Word เสียหายหรือไม่สมบูรณ์ อ่านไม่ได้ (\(detail))",
                          en: "The Word document is damaged or incomplete and cannot be read (\(detail))")
        case .noPlanContent:
            LocalizedText(th: "ไม่พบเนื้อหาของแผนปฏิบัติการป้องกันการทุจริต (ไม่มีมิติ โครงการ รายละเอียดโครงการ หรือตารางรายงานผล)",
                          en: "No anti-corruption plan content was found (no dimension, item, project sheet or results table)")
        case .unreadableFile(let path, let detail):
            LocalizedText(th: "อ่านไฟล์ \(path) ไม่ได้ (\(detail))", en: "Cannot read the file \(path) (\(detail))")
        case .pdfToolMissing:
            LocalizedText(th: "อ่านไฟล์ PDF ไม่ได้ เพราะเครื่องนี้ไม่มีโปรแกรม pdftotext (ติดตั้งด้วย apt-get install poppler-utils หรือ brew install poppler) หรือส่งไฟล์ Word (.docx) แทน",
                          en: "Cannot read PDF: pdftotext is not installed (apt-get install poppler-utils, or brew install poppler); or send the Word (.docx) file instead")
        case .pdfNoText:
            LocalizedText(th: "ไฟล์ PDF นี้ไม่มีข้อความ (น่าจะเป็นภาพสแกน) กรุณาแปลงเป็นข้อความด้วยโปรแกรม OCR ที่อ่านภาษาไทยได้ (เช่น tesseract -l tha) หรือส่งไฟล์ Word ต้นฉบับ",
                          en: "This PDF has no text (it looks like a scanned image); run OCR with Thai support (e.g. tesseract -l tha) first, or send the original Word file")
        case .pdfEncrypted:
            LocalizedText(th: "ไฟล์ PDF นี้ถูกเข้ารหัสหรือต้องใช้รหัสผ่าน จึงอ่านข้อความไม่ได้ กรุณาส่งไฟล์ที่ไม่ได้ล็อก",
                          en: "This PDF is encrypted or needs a password, so its text cannot be read; send an unlocked file")
        case .pdfTimeout(let seconds):
            LocalizedText(th: "อ่านข้อความจาก PDF ไม่เสร็จภายใน \(seconds) วินาที (ไฟล์ใหญ่หรือซับซ้อนเกินไป)",
                          en: "Reading the PDF's text did not finish within \(seconds) seconds (the file is too large or complex)")
        case .pdfTooManyPages(let limit):
            LocalizedText(th: "ไฟล์ PDF นี้มีมากกว่า \(limit) หน้า ซึ่งยาวเกินแผนปฏิบัติการหนึ่งฉบับ กรุณาแยกเฉพาะส่วนของแผนออกมาเป็นไฟล์ใหม่",
                          en: "This PDF has more than \(limit) pages, longer than one action plan; save only the plan's pages as a new file")
        case .pdfUnreadable(let detail):
            LocalizedText(th: "อ่านไฟล์ PDF ไม่ได้ (\(detail))", en: "The PDF cannot be read (\(detail))")
        }
    }

    public var description: String { "\(message.th) / \(message.en)" }

    private static func megabytes(_ bytes: Int) -> String {
        let tenths = (bytes * 10 + 512 * 1024) / (1024 * 1024)
        return tenths % 10 == 0 ? "\(tenths / 10)" : "\(tenths / 10).\(tenths % 10)"
    }
}

extension ImportError: LocalizedError {
    public var errorDescription: String? { description }
}
