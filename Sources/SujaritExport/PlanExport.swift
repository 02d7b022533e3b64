import Foundation
import SujaritCore

/// The formats a plan can leave Sujarit in.
public enum ExportFormat: String, CaseIterable, Sendable, Codable {
    /// The official plan document (Word).
    case docx
    /// The official plan document as PDF (the DOCX converted by LibreOffice).
    case pdf
    /// The Part 2 budget table and every item's sheet as an Excel workbook.
    case xlsx
    /// Open data: one row per item per fiscal year.
    case csv
    /// Open data: the plan with its computed summary.
    case json

    public var fileExtension: String { rawValue }

    public var mediaType: String {
        switch self {
        case .docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        case .pdf: "application/pdf"
        case .xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        case .csv: "text/csv; charset=utf-8"
        case .json: "application/json; charset=utf-8"
        }
    }

    /// The label of a download link ("Word", "PDF", "Excel", "CSV", "JSON").
    public var label: String {
        switch self {
        case .docx: "Word"
        case .pdf: "PDF"
        case .xlsx: "Excel"
        case .csv: "CSV"
        case .json: "JSON"
        }
    }

    /// "docx, pdf, xlsx, csv, json" — for error messages that list what exists.
    public static var list: String { allCases.map(\.rawValue).joined(separator: ", ") }
}

/// What an export needs besides the plan: whose plan it is and how numbers are printed.
public struct ExportContext: Sendable {
    public var organization: Organization
    /// Thai (๐–๙) or Arabic digits in the document's text; defaults to the organization's setting.
    public var digits: DigitStyle
    /// The plan's stable public address, printed in the open data when known.
    public var publicURL: String?
    /// When the document was made (printed in open data); fixed in tests for byte-stable output.
    public var generatedAt: Date
    /// Who submitted, approved and published the revision (with the approver's comments): the
    /// Word document's approval block. Nil or empty: no block.
    public var approval: PlanApproval?

    public init(organization: Organization, digits: DigitStyle? = nil, publicURL: String? = nil, generatedAt: Date = Date(),
                approval: PlanApproval? = nil) {
        self.organization = organization
        self.digits = digits ?? organization.digitStyle
        self.publicURL = publicURL
        self.generatedAt = generatedAt
        self.approval = approval
    }
}

/// Why an export could not be made.
public enum ExportError: Error, Equatable, Sendable {
    /// PDF is made from the DOCX by a converter; `PlanExporter.export` does not make it.
    case needsConverter
    case encodingFailed(String)

    public var message: LocalizedText {
        switch self {
        case .needsConverter:
            LocalizedText(th: "ไฟล์ PDF ต้องแปลงจากไฟล์ Word ด้วย LibreOffice", en: "PDF is converted from the Word document by LibreOffice")
        case .encodingFailed(let detail):
            LocalizedText(th: "สร้างไฟล์ไม่สำเร็จ: \(detail)", en: "The file could not be written: \(detail)")
        }
    }
}

/// The one entry point for every format except PDF (see `PDFConverter`).
public enum PlanExporter {
    /// The document in the given format. PDF throws `.needsConverter`: convert `docx` instead.
    public static func export(_ plan: Plan, format: ExportFormat, context: ExportContext) throws(ExportError) -> Data {
        switch format {
        case .docx: return docx(plan, context: context)
        case .xlsx: return xlsx(plan, context: context)
        case .csv: return csv(plan, context: context)
        case .json: return try json(plan, context: context)
        case .pdf: throw .needsConverter
        }
    }

    /// The official plan document (cover, foreword, contents, Parts 1–3) as a Word file.
    public static func docx(_ plan: Plan, context: ExportContext) -> Data {
        PlanDocumentWriter(plan: plan, context: context).data()
    }

    /// The Part 2 table (with formulas) and a sheet of every item's fields, as an Excel workbook.
    public static func xlsx(_ plan: Plan, context: ExportContext) -> Data {
        PlanWorkbookWriter(plan: plan, context: context).data()
    }

    /// Open data: one row per item per fiscal year of the plan (UTF-8 with BOM).
    public static func csv(_ plan: Plan, context: ExportContext) -> Data {
        PlanCSVWriter(plan: plan, context: context).data()
    }

    /// Open data: the plan, its computed summary and item numbers.
    public static func json(_ plan: Plan, context: ExportContext) throws(ExportError) -> Data {
        try PlanOpenData(plan: plan, context: context).encoded()
    }

    /// A file name that says whose plan, which years, which revision:
    /// "nong-sujarit-plan-2566-2570-r1.docx".
    public static func fileName(for plan: Plan, organization: Organization, format: ExportFormat) -> String {
        let slug = organization.slug.isEmpty ? "plan" : organization.slug
        return "\(slug)-plan-\(plan.yearSlug)-r\(plan.revision).\(format.fileExtension)"
    }
}
