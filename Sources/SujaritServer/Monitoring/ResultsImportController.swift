import Foundation
import Vapor
import SujaritCore
import SujaritImport
import SujaritPersistence
import SujaritAPIModels

/// นำเข้าผลจากเอกสารรายงานผล — an officer uploads an annual results report (seed 002's table,
/// as text, Word or PDF, read by the ordinary importer), sees each row matched by name to an item
/// of the organization's approved or published plan for that year, matches the rest by hand, and
/// confirms: one command (`openFromResults`) opens the round with those records filled, in one
/// transaction with its audit record. Until the confirmation nothing is stored. The work is
/// `ResultsImportService`'s (shared with the API); these handlers read the forms and render.
struct ResultsImportController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let base = routes.grouped("o", ":slug", "monitoring", "import")
        base.get(use: form)
        base.on(.POST, body: .collect(maxSize: ByteCount(value: DocumentImporter.maximumInputBytes + 1_000_000)), use: upload)
        // The confirmation carries the rows read (JSON) and one choice per row.
        base.on(.POST, "confirm", body: .collect(maxSize: ByteCount(value: 8 * 1024 * 1024)), use: confirm)
    }

    /// The organization, for its editors.
    func editorOrganization(_ request: Request) async throws -> Organization {
        let organization = try await MonitoringController.memberOrganization(request)
        guard request.actingUser(in: organization.id).has(.editor) else { throw SujaritError.forbidden() }
        return organization
    }

    func formPage(_ request: Request, _ organization: Organization, error: LocalizedText? = nil,
                  status: HTTPResponseStatus = .ok) async throws -> Response {
        let plans = try await MonitoringController.roundPlans(request, organization: organization)
        let settings = try await request.stores.monitoring.settings(organizationID: organization.id)
        return Layout.response(MonitoringPages.importForm(request, organization: organization, plans: plans, settings: settings, error: error),
                               status: status)
    }

    @Sendable func form(_ request: Request) async throws -> Response {
        try await formPage(request, try await editorOrganization(request))
    }

    struct Upload: Content {
        var document: File?
        var fiscalYear: String?
        var kind: String?
    }

    @Sendable func upload(_ request: Request) async throws -> Response {
        try CSRF.verify(request)
        let organization = try await editorOrganization(request)
        let upload = try request.content.decode(Upload.self)
        let yearText = ThaiDigits.toArabic((upload.fiscalYear ?? "").cleaned)
        let preview: ResultsImportService.Preview
        do {
            // A year that is not a number is refused by the year check (nil stands for "as the document says").
            let year: Int? = yearText.isEmpty ? nil : (Int(yearText) ?? 0)
            preview = try await ResultsImportService(request: request).preview(
                upload.document.map { Data($0.data.readableBytesView) } ?? Data(), fileName: upload.document?.filename ?? "",
                year: year, kind: upload.kind, organization: organization)
        } catch let error as SujaritError where [.unprocessableEntity, .conflict].contains(error.status) {
            return try await formPage(request, organization, error: error.message, status: error.status)
        }
        let review = MonitoringPages.ResultsReview(
            organization: organization, plan: preview.plan, fileName: preview.fileName, year: preview.year, kind: preview.kind,
            rows: preview.rows, candidates: preview.candidates,
            chosen: Dictionary(uniqueKeysWithValues: preview.matches.map { ($0.row, $0.lineageID) }),
            scores: Dictionary(uniqueKeysWithValues: preview.matches.map { ($0.row, $0.score) }), statuses: [:], progress: nil,
            rowsJSON: try Self.encode(preview.rows))
        return Layout.response(MonitoringPages.importReview(request, review: review))
    }

    static func encode(_ rows: [MonitoringResultRow]) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(rows), as: UTF8.self)
    }

    @Sendable func confirm(_ request: Request) async throws -> Response {
        try CSRF.verify(request)
        let organization = try await editorOrganization(request)
        let fields = try request.content.decode([String: String].self)
        let service = ResultsImportService(request: request)
        let plan = try await service.plan(id: fields["plan"].flatMap(UUID.init(uuidString:)), organization: organization)
        let (fiscalYear, kind) = try MonitoringService.yearAndKind(year: fields["fiscalYear"].flatMap { Int($0) }, kind: fields["kind"])
        guard let rows = try? JSONDecoder().decode([MonitoringResultRow].self, from: Data((fields["rows"] ?? "").utf8)), !rows.isEmpty else {
            throw MonitoringService.invalid("rows", LocalizedText(.monRowsMissing))
        }
        // Empty: each row's status as chosen at the row; else one for all rows, which wins.
        let progressText = (fields["progress"] ?? "").cleaned
        let progress = ItemProgress(rawValue: progressText)
        guard progressText.isEmpty || progress != nil else {
            throw MonitoringService.invalid("progress", LocalizedText(.monChooseImportedStatus))
        }
        var chosen: [Int: UUID] = [:]
        var errors = FormErrors()
        for index in rows.indices {
            let text = (fields["match-\(index)"] ?? "").cleaned
            guard !text.isEmpty else { continue }
            guard let lineage = UUID(uuidString: text) else {
                errors.add("match-\(index)", LocalizedText(.monChosenItemNotInRound))
                continue
            }
            chosen[index] = lineage
        }
        // Each row's status: empty, what its result columns state; else one of `ItemProgress`.
        var statuses: [Int: ItemProgress] = [:]
        for index in rows.indices {
            let text = (fields["status-\(index)"] ?? "").cleaned
            guard !text.isEmpty else { continue }
            guard let status = ItemProgress(rawValue: text) else {
                errors.add("status-\(index)", LocalizedText(.monUnknownRowStatus, String(text.prefix(40))))
                continue
            }
            statuses[index] = status
        }
        let fileName = String((fields["fileName"] ?? "").cleaned.prefix(200))
        func again(_ message: LocalizedText, _ errors: FormErrors, status: HTTPResponseStatus) throws -> Response {
            let review = MonitoringPages.ResultsReview(
                organization: organization, plan: plan, fileName: fileName, year: fiscalYear, kind: kind, rows: rows,
                candidates: ResultsImportService.candidates(plan, year: fiscalYear), chosen: chosen, scores: [:], statuses: statuses, progress: progress,
                rowsJSON: try Self.encode(rows))
            return Layout.response(MonitoringPages.importReview(request, review: review, errors: errors, message: message), status: status)
        }
        let fix = LocalizedText(.monFixFieldsInRed)
        guard errors.isEmpty else { return try again(fix, errors, status: .unprocessableEntity) }
        do {
            let decision = try await service.confirm(plan: plan, year: fiscalYear, kind: kind, rows: rows, chosen: chosen,
                                                     statuses: statuses, progress: progress, fileName: fileName)
            return MonitoringController.seeOther(SiteURL.round(decision.change.round.id).with(query: [("saved", "1")]))
        } catch let error as SujaritError where [.unprocessableEntity, .conflict].contains(error.status) {
            // Problems at a row ("rows[3]") go to that row's choice; the others into the message.
            var fieldErrors = FormErrors()
            var other: [FieldError] = []
            for field in error.fields {
                if field.field.hasPrefix("rows["), let index = Int(field.field.dropFirst(5).dropLast()) {
                    fieldErrors.add("match-\(index)", LocalizedText(th: field.messageThai, en: field.message))
                } else {
                    other.append(field)
                }
            }
            let detail = other.map { "\($0.field): \($0.messageThai)" }.joined(separator: " · ")
            let detailEnglish = other.map { "\($0.field): \($0.message)" }.joined(separator: " · ")
            let message = fieldErrors.isEmpty
                ? LocalizedText(th: error.message.th + (detail.isEmpty ? "" : " — " + detail), en: error.message.en + (detailEnglish.isEmpty ? "" : " — " + detailEnglish))
                : fix
            return try again(message, fieldErrors, status: error.status)
        }
    }
}
