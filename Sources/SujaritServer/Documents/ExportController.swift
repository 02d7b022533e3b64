import Foundation
import Vapor
import SujaritCore
import SujaritExport
import SujaritPersistence
import SujaritAPIModels

/// Documents out: a plan as Word, PDF, Excel, CSV or JSON.
///
/// - `/o/{slug}/plan/{years}/plan.docx` (…`.pdf`, `.xlsx`, `.csv`, `.json`) — the latest
///   published revision, the same plan as the public page `/o/{slug}/plan/{years}`;
/// - `/plans/{planID}/export/{format}` — one revision (drafts to members only);
/// - `/api/v1/plans/{planID}/export?format=…` — the same for scripts, errors as JSON.
struct ExportController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        for format in ExportFormat.allCases {
            routes.get("o", ":slug", "plan", ":years", PathComponent(stringLiteral: "plan.\(format.fileExtension)")) { request in
                try await published(request, format: format)
            }
        }
        routes.get("plans", ":planID", "export", ":format", use: revision)
        routes.get("api", "v1", "plans", ":planID", "export", use: api)
    }

    @Sendable func published(_ request: Request, format: ExportFormat) async throws -> Response {
        let (plan, organization) = try await PlanService(request: request)
            .publishedPlan(slug: request.parameters.get("slug"), years: request.parameters.get("years"))
        return try await PlanExports(request: request).response(plan, organization: organization, format: format)
    }

    @Sendable func revision(_ request: Request) async throws -> Response {
        let format = try PlanExports.format(request.parameters.get("format"))
        let service = PlanService(request: request)
        let plan = try await service.readablePlan(id: request.parameters.get("planID"))
        guard let organization = try await service.organizations.find(id: plan.organizationID) else { throw SujaritError.notFound() }
        return try await PlanExports(request: request).response(plan, organization: organization, format: format)
    }

    @Sendable func api(_ request: Request) async throws -> Response {
        let format = try PlanExports.format(request.query[String.self, at: "format"])
        let service = PlanService(request: request)
        let plan = try await service.readablePlan(id: request.parameters.get("planID"))
        guard let organization = try await service.organizations.find(id: plan.organizationID) else { throw SujaritError.notFound() }
        return try await PlanExports(request: request).response(plan, organization: organization, format: format)
    }
}

/// Makes the file of a plan the request may read and answers with it: the right media type,
/// a download name that says whose plan, which years and which revision, and PDF through the
/// application's `PDFService`.
struct PlanExports {
    let request: Request

    /// The format named in a path or query, or 400 listing the formats there are.
    static func format(_ text: String?) throws -> ExportFormat {
        guard let text, let format = ExportFormat(rawValue: text.lowercased()) else {
            let given = text.map { "“\($0.prefix(40))”" } ?? ""
            throw SujaritError(.badRequest, LocalizedText(
                th: "ไม่รู้จักรูปแบบไฟล์\(given.isEmpty ? "" : " \(given)") รูปแบบที่มี: \(ExportFormat.list)",
                en: "Unknown format\(given.isEmpty ? "" : " \(given)"); the formats are: \(ExportFormat.list)"),
                fields: [FieldError(field: "format", message: LocalizedText(th: "ใช้ได้: \(ExportFormat.list)", en: "one of: \(ExportFormat.list)"))])
        }
        return format
    }

    /// What every format of this plan is made with: its organization (and digit style),
    /// once published its stable public address, and who submitted, approved and published it
    /// (the Word document's approval block).
    func context(_ plan: Plan, organization: Organization) async throws -> ExportContext {
        var publicURL: String?
        if plan.status == .published {
            let path = SiteURL.publishedPlan(slug: organization.slug, years: plan.yearSlug).path
            publicURL = (request.application.sujaritSettings.publicBaseURL ?? "") + path
        }
        let approval = try await PlanService(request: request).approval(of: plan)
        return ExportContext(organization: organization, publicURL: publicURL, approval: approval)
    }

    func response(_ plan: Plan, organization: Organization, format: ExportFormat) async throws -> Response {
        let context = try await context(plan, organization: organization)
        let data: Data
        if format == .pdf {
            do throws(PDFService.Failure) {
                data = try await request.application.pdfService.pdf(for: plan, context: context)
            } catch {
                return try unavailable(error, plan: plan, organization: organization)
            }
        } else {
            // The writers are quick, but not free: off the event loop.
            let result: Result<Data, ExportError> = try await request.application.threadPool.runIfActive {
                do throws(ExportError) {
                    return .success(try PlanExporter.export(plan, format: format, context: context))
                } catch {
                    return .failure(error)
                }
            }
            switch result {
            case .success(let exported): data = exported
            case .failure(let error):
                request.logger.error("export \(format.rawValue) of plan \(plan.id): \(error)")
                throw SujaritError(.internalServerError, error.message)
            }
        }
        let response = Response(status: .ok, body: .init(data: data))
        response.headers.replaceOrAdd(name: .contentType, value: format.mediaType)
        response.headers.replaceOrAdd(name: .contentDisposition,
                                      value: Self.attachment(PlanExporter.fileName(for: plan, organization: organization, format: format)))
        response.headers.replaceOrAdd(name: .eTag, value: "\"\(plan.id.uuidString.lowercased())-\(plan.version)-\(format.rawValue)\"")
        if plan.status == .published && request.viewer == nil {
            response.headers.replaceOrAdd(name: .cacheControl, value: "public, max-age=300")
        } else {
            response.headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        }
        return response
    }

    /// 503 (or 500) when no PDF can be made: why, and what to install — a page with a link to
    /// the Word file for browsers, an `ErrorResponse` for the API.
    func unavailable(_ failure: PDFService.Failure, plan: Plan, organization: Organization) throws -> Response {
        let status: HTTPResponseStatus
        let message: LocalizedText
        switch failure {
        case .busy:
            status = .serviceUnavailable
            message = LocalizedText(th: "มีคำขอแปลงไฟล์ PDF รออยู่มาก กรุณาลองใหม่ในอีกสักครู่ หรือดาวน์โหลดไฟล์ Word แทน",
                                    en: "Many PDF conversions are waiting; try again in a minute, or download the Word file instead.")
        case .conversion(let error):
            switch error {
            case .notInstalled:
                status = .serviceUnavailable
                message = LocalizedText(th: error.thaiMessage + " (ผู้ดูแลระบบติดตั้งได้ด้วยคำสั่ง \(PDFService.installCommand))", en: error.message)
            case .timedOut:
                status = .serviceUnavailable
                message = LocalizedText(th: error.thaiMessage, en: error.message)
            case .failed:
                // LibreOffice's own output stays in the log.
                request.logger.error("PDF of plan \(plan.id): \(error.message)")
                status = .internalServerError
                message = LocalizedText(th: error.thaiMessage + " ดาวน์โหลดไฟล์ Word แทนได้",
                                        en: "LibreOffice could not convert the document to PDF; the Word file can be downloaded instead.")
            }
        }
        let api = request.url.path.hasPrefix("/api/")
        let response: Response
        if api || (request.headers.first(name: .accept) ?? "").hasPrefix("application/json") {
            response = Response(status: status)
            try response.content.encode(ErrorResponse(status: Int(status.code), reason: message), as: .json)
        } else {
            let word = request.url.path.hasPrefix("/o/")
                ? SiteURL.publishedPlanFile(slug: organization.slug, years: plan.yearSlug, .docx)
                : SiteURL.planExport(plan.id, .docx)
            response = Layout.response(Pages.pdfUnavailable(request, plan: plan, message: message, wordURL: word), status: status)
        }
        if status == .serviceUnavailable {
            response.headers.replaceOrAdd(name: .retryAfter, value: "60")
        }
        response.headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        return response
    }

    /// `attachment; filename="…"; filename*=UTF-8''…` — an ASCII name for old clients and the
    /// exact name (RFC 5987/6266) for the rest.
    static func attachment(_ name: String) -> String {
        let ascii = String(name.unicodeScalars.map { scalar -> Character in
            (0x20..<0x7F).contains(scalar.value) && scalar != "\"" && scalar != "\\" && scalar != "/" ? Character(scalar) : "_"
        })
        var allowed = CharacterSet.alphanumerics.intersection(CharacterSet(charactersIn: Unicode.Scalar(0)..<Unicode.Scalar(0x80)))
        allowed.insert(charactersIn: "!#$&+-.^_`|~")
        let encoded = name.addingPercentEncoding(withAllowedCharacters: allowed) ?? ascii
        return "attachment; filename=\"\(ascii)\"; filename*=UTF-8''\(encoded)"
    }
}

extension Pages {
    /// The answer to a PDF that cannot be made: why (Thai and English, with what to install)
    /// and the Word file instead.
    static func pdfUnavailable(_ request: Request, plan: Plan, message: LocalizedText, wordURL: SiteURL) -> HTML {
        let t = request.t
        let body: HTML = """
            <p><a href="\(SiteURL.plan(plan.id))">← \(t(.backToPlan))</a> · \(plan.title)</p>
            <h1>\(t(.pdfUnavailable))</h1>
            <p class="error-message" lang="th">\(message.th)</p>
            <p class="error-message" lang="en">\(message.en)</p>
            <p><a class="button" href="\(wordURL)" type="\(ExportFormat.docx.mediaType)">\(t(.downloadWordInstead))</a></p>
            """
        return Layout.page(request: request, title: t(.pdfUnavailable), body: body)
    }
}
