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
///
/// A published revision's files for an anonymous reader come from `PublishedCache`
/// (`PublicDocuments`); everything else (drafts, signed-in members) is made per request.
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
        if let kept = try await PublicDocuments(request: request)
            .latest(slug: request.parameters.get("slug"), years: request.parameters.get("years"), format: format) { return kept }
        let (plan, organization) = try await PlanService(request: request)
            .publishedPlan(slug: request.parameters.get("slug"), years: request.parameters.get("years"))
        return try await PlanExports(request: request).response(plan, organization: organization, format: format)
    }

    @Sendable func revision(_ request: Request) async throws -> Response {
        let format = try PlanExports.format(request.parameters.get("format"))
        if let kept = try await PublicDocuments(request: request).revision(id: request.parameters.get("planID"), format: format) { return kept }
        let service = PlanService(request: request)
        let plan = try await service.readablePlan(id: request.parameters.get("planID"))
        guard let organization = try await service.organizations.find(id: plan.organizationID) else { throw SujaritError.notFound() }
        return try await PlanExports(request: request).response(plan, organization: organization, format: format)
    }

    @Sendable func api(_ request: Request) async throws -> Response {
        let format = try PlanExports.format(request.query[String.self, at: "format"])
        if let kept = try await PublicDocuments(request: request).revision(id: request.parameters.get("planID"), format: format) { return kept }
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
            throw SujaritError(.badRequest, LocalizedText(.expUnknownFormat, given.isEmpty ? "" : " \(given)", ExportFormat.list),
                fields: [FieldError(field: "format", message: LocalizedText(.expFormatsAre, ExportFormat.list))])
        }
        return format
    }

    /// What every format of this plan is made with: its organization (and digit style),
    /// once published its stable public address, and who submitted, approved and published it
    /// (the Word document's approval block).
    ///
    /// A published revision's documents are dated by its publication (the approval block's
    /// last step), so the same revision gives the same bytes on every server and every day.
    func context(_ plan: Plan, organization: Organization, approval: PlanApproval?) -> ExportContext {
        var publicURL: String?
        if plan.status == .published {
            let path = SiteURL.publishedPlan(slug: organization.slug, years: plan.yearSlug).path
            publicURL = (request.application.sujaritSettings.publicBaseURL ?? "") + path
        }
        let published = plan.status == .published ? approval?.entries.last(where: { $0.step == .published })?.at : nil
        return ExportContext(organization: organization, publicURL: publicURL,
                             generatedAt: published ?? request.dependencies.now(), approval: approval)
    }

    /// As `context(_:organization:approval:)`, with the approval steps read for the plan.
    func context(_ plan: Plan, organization: Organization) async throws -> ExportContext {
        context(plan, organization: organization, approval: try await PlanService(request: request).approval(of: plan))
    }

    /// The file of a plan a member (or anyone, for a published revision the cache does not
    /// answer) reads: made now, not kept by shared caches unless it is a published revision.
    func response(_ plan: Plan, organization: Organization, format: ExportFormat) async throws -> Response {
        let context = try await context(plan, organization: organization)
        let data: Data
        do {
            data = try await make(plan, format: format, context: context)
        } catch let failure as PDFService.Failure {
            return try unavailable(failure, plan: plan, organization: organization)
        }
        let response = Response(status: .ok, body: .init(data: data))
        response.headers.replaceOrAdd(name: .contentType, value: format.mediaType)
        response.headers.replaceOrAdd(name: .contentDisposition, value: Self.disposition(plan, organization: organization, format: format))
        if plan.status == .published && request.viewer == nil {
            // Only when the cache is off (`SUJARIT_PAGE_CACHE_MB=0`); a strong tag of these bytes.
            let etag = PublishedCache.strongETag(ByteBuffer(data: data))
            response.headers.replaceOrAdd(name: .eTag, value: etag)
            response.headers.replaceOrAdd(name: .cacheControl, value: PublicReading.latestCacheControl)
            if PublicReading.matches(request.headers[.ifNoneMatch], etag: etag) {
                response.status = .notModified
                response.body = .empty
            }
        } else {
            response.headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        }
        return response
    }

    /// The bytes of `plan` in `format`: PDF through the application's `PDFService` (throws its
    /// `PDFService.Failure`), the other formats written off the event loop.
    func make(_ plan: Plan, format: ExportFormat, context: ExportContext) async throws -> Data {
        if format == .pdf {
            return try await request.application.pdfService.pdf(for: plan, context: context)
        }
        // The writers are quick, but not free: off the event loop.
        let result: Result<Data, ExportError> = try await request.application.threadPool.runIfActive {
            do throws(ExportError) {
                return .success(try PlanExporter.export(plan, format: format, context: context))
            } catch {
                return .failure(error)
            }
        }
        switch result {
        case .success(let exported): return exported
        case .failure(let error):
            request.logger.error("export \(format.rawValue) of plan \(plan.id): \(error)")
            throw SujaritError(.internalServerError, error.message)
        }
    }

    /// The download name: whose plan, which years, which revision.
    static func disposition(_ plan: Plan, organization: Organization, format: ExportFormat) -> String {
        attachment(PlanExporter.fileName(for: plan, organization: organization, format: format))
    }

    /// 503 (or 500) when no PDF can be made: why, and what to install — a page with a link to
    /// the Word file for browsers, an `ErrorResponse` for the API.
    func unavailable(_ failure: PDFService.Failure, plan: Plan, organization: Organization) throws -> Response {
        let status: HTTPResponseStatus
        let message: LocalizedText
        switch failure {
        case .busy:
            status = .serviceUnavailable
            message = LocalizedText(.expPdfBusy)
        case .conversion(let error):
            switch error {
            case .notInstalled:
                status = .serviceUnavailable
                // The converter's own reason in each language; Thai readers also get the install line
                // (the English reason names the packages itself).
                message = LocalizedText(th: error.thaiMessage + " " + LocalizedText(.expPdfNotInstalled, PDFService.installCommand).th,
                                        en: error.message)
            case .timedOut:
                status = .serviceUnavailable
                message = LocalizedText(th: error.thaiMessage, en: error.message)
            case .failed:
                // LibreOffice's own output stays in the log.
                request.logger.error("PDF of plan \(plan.id): \(error.message)")
                status = .internalServerError
                message = LocalizedText(.expPdfFailed)
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

/// A published revision's files for anonymous readers, from `PublishedCache` like its page:
/// keyed by revision and format, made once (DOCX, XLSX, CSV, JSON on the thread pool, PDF by
/// `PDFService`), with a strong `ETag` of the bytes and 304 on `If-None-Match`. The revision's
/// own addresses (`/plans/{id}/export/{format}`, the API's `…/export?format=`) are immutable;
/// the latest address (`/o/{slug}/plan/{years}/plan.{ext}`) is revalidated after a short
/// max-age and follows the pointer the page uses, so a new publish is served at once.
///
/// A document shows the revision, its approval steps (fixed once published) and the
/// organization, which is its context (`isServed` is not printed: it is kept as true, so the
/// latest address and the revision's own share one copy). Each function returns nil when the
/// cache does not answer (someone is signed in, a draft, an unknown id); the caller then takes
/// its ordinary path, which gives the right error.
struct PublicDocuments {
    let request: Request

    var cache: PublishedCache { request.application.publishedCache }

    /// Nobody signed in, a GET or HEAD, the cache on. The query does not matter: a document is
    /// the same in both languages, and the API's `format` is part of the key.
    var isCacheable: Bool {
        cache.byteLimit > 0 && request.viewer == nil && (request.method == .GET || request.method == .HEAD)
    }

    func latest(slug: String?, years: String?, format: ExportFormat) async throws -> Response? {
        guard isCacheable, let slug, let (first, last) = PublicPagesController.parseYears(years) else { return nil }
        let request = self.request
        let key = LatestKey(slug: slug.lowercased(), first: first.be, last: last.be)
        guard let pointer = try await cache.latestPointer(key, resolve: { try await LatestPointer.read(key, on: request.lagTolerantDB) })
        else { return nil }
        guard let planID = pointer.planID else { throw SujaritError.notFound(.nfPlan) }
        return try await document(planID, organization: pointer.organization, format: format, cacheControl: PublicReading.latestCacheControl)
    }

    func revision(id: String?, format: ExportFormat) async throws -> Response? {
        guard isCacheable, let id = id.flatMap(UUID.init(uuidString:)),
              let context = try await PublicReading(request: request).publishedContext(id) else { return nil }
        return try await document(id, organization: context.organization, format: format, cacheControl: PublicReading.revisionCacheControl)
    }

    /// A PDF that could not be made, with the plan it was for (answered, never kept).
    struct Unavailable: Error {
        var failure: PDFService.Failure
        var plan: Plan
    }

    func document(_ planID: UUID, organization: Organization, format: ExportFormat, cacheControl: String) async throws -> Response? {
        let request = self.request
        let exports = PlanExports(request: request)
        let context = PublishedContext(organization: organization, isServed: true)
        let entry: RenderedBytes?
        do {
            entry = try await cache.bytes(RenderedKey(planID: planID, representation: .document(format)),
                                          context: context, contentType: format.mediaType, rendering: {
                let store = request.lagTolerantStores.plans
                guard let plan = try await store.plan(id: planID, scope: .publishedOnly) else { return nil }
                let approval = try await store.approval(planID: plan.id, organizationID: plan.organizationID)
                let data: Data
                do {
                    data = try await exports.make(plan, format: format, context: exports.context(plan, organization: organization, approval: approval))
                } catch let failure as PDFService.Failure {
                    throw Unavailable(failure: failure, plan: plan)
                }
                return Rendering(body: ByteBuffer(data: data), keep: true,
                                 contentDisposition: PlanExports.disposition(plan, organization: organization, format: format))
            })
        } catch let unavailable as Unavailable {
            return try exports.unavailable(unavailable.failure, plan: unavailable.plan, organization: organization)
        }
        guard let entry else { return nil }
        return entry.response(to: request, cacheControl: cacheControl)
    }
}
