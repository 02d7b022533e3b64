import Foundation
import Vapor
import SujaritCore
import SujaritExport
import SujaritPersistence
import SujaritAPIModels

/// The monitoring pages in the browser: the dashboard, opening a round, filling its records,
/// submitting, approving, sending back and reopening, reports and charts. Forms post, are
/// decided by `MonitoringWorkflow` and redirect back (post/redirect/get), or come back with
/// what was typed and the errors at their fields.
struct MonitoringController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("o", ":slug", "monitoring", use: dashboard)
        routes.post("o", ":slug", "monitoring", "settings", use: saveSettings)
        routes.post("plans", ":planID", "rounds", use: openRound)
        let round = routes.grouped("rounds", ":roundID")
        round.get(use: show)
        round.get("records", ":recordID", use: recordForm)
        round.post("records", ":recordID", use: saveRecord)
        round.post(PathComponent(stringLiteral: RoundStep.submit.rawValue), use: submit)
        round.post(PathComponent(stringLiteral: RoundStep.approve.rawValue), use: approve)
        round.post(PathComponent(stringLiteral: RoundStep.returnToOpen.rawValue), use: returnToOpen)
        round.post(PathComponent(stringLiteral: RoundStep.reopen.rawValue), use: reopen)
        round.get("report", use: monitoringReport)
        round.get("annual", use: annualReport)
        round.get("report", ":format", use: monitoringFile)
        round.get("annual", ":format", use: annualFile)
        round.get("charts", ":chart", use: chart)
        // Evidence: the upload's body may hold a file up to the limit (plus the form around it).
        // A body over that is refused while it streams in; the officer gets the record form back
        // with the limit named at the evidence field instead of a bare 413 page.
        round.grouped(EvidenceTooLargeMiddleware()).on(.POST, "records", ":recordID", "evidence",
                 body: .collect(maxSize: ByteCount(integerLiteral: MonitoringWorkflow.maximumEvidenceBytes + 256 * 1024)), use: uploadEvidence)
        round.post("records", ":recordID", "evidence", ":evidenceID", "delete", use: deleteEvidence)
        round.post("records", ":recordID", "evidence", ":evidenceID", "public", use: setEvidencePublic)
        round.get("evidence", ":evidenceID", use: evidenceFile)
    }

    func service(_ request: Request) -> MonitoringService { MonitoringService(request: request) }

    static func seeOther(_ location: String) -> Response {
        let response = Response(status: .seeOther)
        response.headers.replaceOrAdd(name: .location, value: location)
        return response
    }

    // MARK: Dashboard

    static func dashboardData(_ request: Request, organization: Organization) async throws -> [MonitoringPages.PlanRounds] {
        let plans = try await Self.roundPlans(request, organization: organization)
        let store = request.stores.monitoring
        let planStore = request.stores.plans
        var result: [MonitoringPages.PlanRounds] = []
        for plan in plans {
            result.append(.init(plan: plan, rounds: try await store.rounds(seriesID: plan.seriesID, organizationID: organization.id),
                                revision: try await planStore.plan(id: plan.id, scope: .everything)))
        }
        return result
    }

    /// One plan per series that rounds can be opened on: its latest approved or published
    /// revision, newest plan first.
    static func roundPlans(_ request: Request, organization: Organization) async throws -> [PlanListEntry] {
        let plans = try await request.stores.plans.plans(organizationID: organization.id, includeUnpublished: true)
            .filter { $0.status == .published || $0.status == .approved }
        var seen = Set<UUID>()
        var result: [PlanListEntry] = []
        for plan in plans.sorted(by: { ($0.firstYear, $0.revision) > ($1.firstYear, $1.revision) }) where !seen.contains(plan.seriesID) {
            seen.insert(plan.seriesID)
            result.append(plan)
        }
        return result
    }

    /// The organization, for its members only (outsiders learn nothing about rounds in
    /// progress; the public reports are linked from the plan).
    static func memberOrganization(_ request: Request) async throws -> Organization {
        let organization = try await PlanService(request: request).organization(slug: request.parameters.get("slug"))
        guard let viewer = request.viewer, viewer.can(.viewer, in: organization.id) else {
            throw request.viewer == nil
                ? SujaritError(.unauthorized, LocalizedText(.monSignInFirst))
                : SujaritError.notFound()
        }
        return organization
    }

    static func dashboardPage(_ request: Request, organization: Organization, errors: [(String, LocalizedText)] = [],
                              message: String? = nil, status: HTTPResponseStatus = .ok) async throws -> Response {
        let data = try await Self.dashboardData(request, organization: organization)
        let settings = try await request.stores.monitoring.settings(organizationID: organization.id)
        let actor = request.actingUser(in: organization.id)
        return Layout.response(MonitoringPages.dashboard(request, organization: organization, plans: data, settings: settings,
                                                         canEdit: actor.has(.editor), isAdmin: actor.has(.admin),
                                                         errors: errors, message: message), status: status)
    }

    @Sendable func dashboard(_ request: Request) async throws -> Response {
        let organization = try await Self.memberOrganization(request)
        let saved = request.query[String.self, at: "saved"] != nil
        return try await Self.dashboardPage(request, organization: organization, message: saved ? request.t(.monSaved) : nil)
    }

    struct SettingsForm: Content {
        var quarterly: String?
    }

    @Sendable func saveSettings(_ request: Request) async throws -> Response {
        try CSRF.verify(request)
        let organization = try await Self.memberOrganization(request)
        let form = try request.content.decode(SettingsForm.self)
        _ = try await service(request).setQuarterly(form.quarterly == "on", organization: organization)
        return Self.seeOther(SiteURL.monitoring(slug: organization.slug).with(query: [("saved", "1")], fragment: "settings"))
    }

    struct OpenForm: Content {
        var fiscalYear: Int?
        var kind: String?
    }

    @Sendable func openRound(_ request: Request) async throws -> Response {
        try CSRF.verify(request)
        let form = try request.content.decode(OpenForm.self)
        do {
            let round = try await service(request).open(planID: request.parameters.get("planID"), year: form.fiscalYear, kind: form.kind)
            return Self.seeOther(SiteURL.round(round.id).path)
        } catch let error as SujaritError where [.unprocessableEntity, .conflict].contains(error.status) {
            // Back to the dashboard with the message.
            let plan = try await PlanService(request: request).readablePlan(id: request.parameters.get("planID"))
            guard let organization = try await request.stores.organizations.find(id: plan.organizationID) else { throw error }
            return try await Self.dashboardPage(request, organization: organization,
                                                errors: [(error.fields.first?.field ?? "", error.message)], status: error.status)
        }
    }

    // MARK: Round

    func page(_ request: Request, view: RoundView, message: String? = nil, errors: [(String, LocalizedText)] = [],
              status: HTTPResponseStatus = .ok) async throws -> Response {
        let history = view.isMember
            ? try await request.stores.monitoring.history(roundID: view.round.id, organizationID: view.organization.id) : []
        let yearly = try await service(request).yearly(view)
        return Layout.response(MonitoringPages.round(request, view: view, history: history, yearly: yearly, message: message, errors: errors), status: status)
    }

    @Sendable func show(_ request: Request) async throws -> Response {
        let view = try await service(request).readableRound(id: request.parameters.get("roundID"))
        let saved = request.query[String.self, at: "saved"] != nil
        return try await page(request, view: view, message: saved ? request.t(.monSaved) : nil)
    }

    func record(_ view: RoundView, _ request: Request) throws -> MonitoringRecord {
        let id = try PlanService.parseID(request.parameters.get("recordID"))
        guard let record = view.round.records.first(where: { $0.id == id }) else { throw SujaritError.notFound(.monNotFoundRecord) }
        return record
    }

    @Sendable func recordForm(_ request: Request) async throws -> Response {
        let view = try await service(request).memberRound(id: request.parameters.get("roundID"))
        let record = try record(view, request)
        return Layout.response(MonitoringPages.recordForm(request, view: view, record: record,
                                                          values: RecordFormValues(record: record, version: view.round.version)))
    }

    @Sendable func saveRecord(_ request: Request) async throws -> Response {
        try CSRF.verify(request)
        let fields = try request.content.decode([String: String].self)
        let view = try await service(request).memberRound(id: request.parameters.get("roundID"))
        guard view.isEditor else { throw SujaritError.forbidden() }
        let record = try record(view, request)
        let values = RecordFormValues(fields: fields)
        let (input, errors) = values.input(indicatorCount: record.indicators.count)
        func again(_ status: HTTPResponseStatus, _ errors: FormErrors, _ message: LocalizedText, shown: RoundView = view) -> Response {
            Layout.response(MonitoringPages.recordForm(request, view: shown, record: record, values: values, errors: errors, message: message), status: status)
        }
        guard let input else {
            return again(.unprocessableEntity, errors, LocalizedText(.monFixFieldsInRed))
        }
        do {
            let change = try await service(request).command(roundID: request.parameters.get("roundID"),
                                                            .editRecord(recordID: record.id, input), expectedVersion: values.version ?? -1).change
            if change.warnings.isEmpty {
                return Self.seeOther(SiteURL.round(view.round.id).with(query: [("saved", "1")], fragment: "record-\(record.id.uuidString.lowercased())"))
            }
            // Saved with warnings (e.g. over budget, with a reason): show them on the saved record.
            let updated = RoundView(round: change.round, plan: view.plan, organization: view.organization, actor: view.actor)
            let saved = change.round.records.first { $0.id == record.id } ?? record
            return Layout.response(MonitoringPages.recordForm(request, view: updated, record: saved,
                                                              values: RecordFormValues(record: saved, version: change.round.version),
                                                              message: LocalizedText(.monSaved), warnings: change.warnings))
        } catch let error as SujaritError where [.unprocessableEntity, .conflict].contains(error.status) {
            var fieldErrors = FormErrors()
            for field in error.fields { fieldErrors.add(field.field, LocalizedText(th: field.messageThai, en: field.message)) }
            return again(error.status, fieldErrors, error.message)
        }
    }

    struct ActionForm: Content {
        var version: Int?
        var reason: String?
    }

    func transition(_ request: Request, _ make: (String) -> MonitoringCommand) async throws -> Response {
        try CSRF.verify(request)
        let form = try request.content.decode(ActionForm.self)
        let roundID = request.parameters.get("roundID")
        do {
            let decision = try await service(request).command(roundID: roundID, make(form.reason ?? ""), expectedVersion: form.version ?? -1)
            return Self.seeOther(SiteURL.round(decision.change.round.id).with(query: [("saved", "1")]))
        } catch let error as SujaritError where [.unprocessableEntity, .conflict].contains(error.status) {
            let view = try await service(request).memberRound(id: roundID)
            let problems = error.fields.count > 1 ? error.fields.dropFirst().map { ($0.field, LocalizedText(th: $0.messageThai, en: $0.message)) } : []
            return try await page(request, view: view, errors: [("", error.message)] + problems, status: error.status)
        }
    }

    @Sendable func submit(_ request: Request) async throws -> Response { try await transition(request) { _ in .submit } }
    @Sendable func approve(_ request: Request) async throws -> Response { try await transition(request) { _ in .approve } }
    @Sendable func returnToOpen(_ request: Request) async throws -> Response { try await transition(request) { .returnToOpen(reason: $0) } }
    @Sendable func reopen(_ request: Request) async throws -> Response { try await transition(request) { .reopen(reason: $0) } }

    // MARK: Evidence

    struct EvidenceForm: Content {
        var version: Int?
        var file: File?
    }

    @Sendable func uploadEvidence(_ request: Request) async throws -> Response {
        try CSRF.verify(request)
        let form = try request.content.decode(EvidenceForm.self)
        let view = try await service(request).memberRound(id: request.parameters.get("roundID"))
        let record = try record(view, request)
        let bytes = form.file.map { Data(buffer: $0.data) } ?? Data()
        do {
            _ = try await service(request).attachEvidence(roundID: request.parameters.get("roundID"), recordID: record.id,
                                                          fileName: form.file?.filename ?? "", bytes: bytes, expectedVersion: form.version ?? -1)
            return Self.seeOther(SiteURL.roundRecord(round: view.round.id, record: record.id).with(fragment: "evidence"))
        } catch let error as SujaritError where [.unprocessableEntity, .conflict].contains(error.status) {
            var errors = FormErrors()
            errors.add("file", error.message)
            return Layout.response(MonitoringPages.recordForm(request, view: view, record: record,
                                                              values: RecordFormValues(record: record, version: view.round.version),
                                                              errors: errors, message: error.message), status: error.status)
        }
    }

    @Sendable func deleteEvidence(_ request: Request) async throws -> Response {
        try CSRF.verify(request)
        let form = try request.content.decode(ActionForm.self)
        let view = try await service(request).memberRound(id: request.parameters.get("roundID"))
        let record = try record(view, request)
        let evidenceID = try PlanService.parseID(request.parameters.get("evidenceID"))
        _ = try await service(request).command(roundID: request.parameters.get("roundID"),
                                               .removeEvidence(recordID: record.id, evidenceID: evidenceID), expectedVersion: form.version ?? -1)
        return Self.seeOther(SiteURL.roundRecord(round: view.round.id, record: record.id).with(fragment: "evidence"))
    }

    struct PublicForm: Content {
        var version: Int?
        var `public`: String?
    }

    /// The admin shows an evidence file to the public, or keeps it to members.
    @Sendable func setEvidencePublic(_ request: Request) async throws -> Response {
        try CSRF.verify(request)
        let form = try request.content.decode(PublicForm.self)
        let view = try await service(request).memberRound(id: request.parameters.get("roundID"))
        let record = try record(view, request)
        let evidenceID = try PlanService.parseID(request.parameters.get("evidenceID"))
        _ = try await service(request).command(roundID: request.parameters.get("roundID"),
                                               .setEvidencePublic(recordID: record.id, evidenceID: evidenceID, form.public == "true"),
                                               expectedVersion: form.version ?? -1)
        return Self.seeOther(SiteURL.roundRecord(round: view.round.id, record: record.id).with(fragment: "evidence"))
    }

    @Sendable func evidenceFile(_ request: Request) async throws -> Response {
        let (evidence, data) = try await service(request).evidenceFile(roundID: request.parameters.get("roundID"),
                                                                      evidenceID: request.parameters.get("evidenceID"))
        return MonitoringService.evidenceResponse(evidence, data)
    }

    // MARK: Reports

    @Sendable func monitoringReport(_ request: Request) async throws -> Response {
        let view = try await service(request).readableRound(id: request.parameters.get("roundID"))
        return Layout.response(MonitoringPages.report(request, view: view, kind: .monitoring, yearly: try await service(request).yearly(view)))
    }

    @Sendable func annualReport(_ request: Request) async throws -> Response {
        let view = try await service(request).readableRound(id: request.parameters.get("roundID"))
        return Layout.response(MonitoringPages.report(request, view: view, kind: .annual, yearly: []))
    }

    @Sendable func monitoringFile(_ request: Request) async throws -> Response { try await file(request, kind: .monitoring) }
    @Sendable func annualFile(_ request: Request) async throws -> Response { try await file(request, kind: .annual) }

    func file(_ request: Request, kind: MonitoringDocumentKind) async throws -> Response {
        let view = try await service(request).readableRound(id: request.parameters.get("roundID"))
        guard let format = request.parameters.get("format").flatMap(ExportFormat.init(rawValue:)),
              format != .csv
        else { throw SujaritError.notFound(.monNoSuchFileFormat) }
        return try await Self.fileResponse(request, view: view, kind: kind, format: format)
    }

    /// A round's report as a file. A PDF that cannot be made (LibreOffice missing or busy) is 503
    /// naming the Word file at `wordFile` (the page's address unless the API's is given).
    static func fileResponse(_ request: Request, view: RoundView, kind: MonitoringDocumentKind, format: ExportFormat,
                             wordFile: SiteURL? = nil) async throws -> Response {
        let input = try await MonitoringService(request: request).exportInput(view)
        let data: Data
        switch format {
        case .pdf:
            do throws(PDFService.Failure) {
                data = try await request.application.pdfService.pdf { MonitoringExporter.docx(input, kind: kind) }
            } catch {
                let message: LocalizedText = switch error {
                case .busy: LocalizedText(.monPdfBusy)
                case .conversion(let failure): LocalizedText(th: Translator(.thai)(.monPdfFailedUseWord, failure.thaiMessage),
                                                             en: Translator(.english)(.monPdfFailedUseWord, failure.message))
                }
                throw SujaritError(.serviceUnavailable, message, location: (wordFile ?? SiteURL.roundReportFile(view.round.id, kind, .docx)).path,
                                   retryAfter: 60)
            }
        case .docx:
            data = try await request.application.threadPool.runIfActive { MonitoringExporter.docx(input, kind: kind) }
        case .xlsx:
            data = try await request.application.threadPool.runIfActive {
                kind == .monitoring ? MonitoringExporter.xlsx(input) : MonitoringExporter.annualXLSX(input)
            }
        case .json:
            do throws(ExportError) { data = try MonitoringExporter.json(input) } catch { throw SujaritError(.internalServerError, error.message) }
        case .csv:
            throw SujaritError.notFound(.monNoSuchFileFormat)
        }
        let response = Response(status: .ok, body: .init(data: data))
        response.headers.replaceOrAdd(name: .contentType, value: format.mediaType)
        response.headers.replaceOrAdd(name: .contentDisposition, value: PlanExports.attachment(MonitoringExporter.fileName(input, kind: kind, format: format)))
        response.headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        return response
    }

    @Sendable func chart(_ request: Request) async throws -> Response {
        let view = try await service(request).readableRound(id: request.parameters.get("roundID"))
        let report = MonitoringReport(round: view.round, dimensions: view.plan.dimensions)
        let svg: String
        let name = request.parameters.get("chart") ?? ""
        guard name.hasSuffix(".svg"), let chart = RoundChart(rawValue: String(name.dropLast(4))) else { throw SujaritError.notFound(.monNotFoundChart) }
        // In the reader's language, like the page that shows it (the Word report stays Thai).
        let labels = MonitoringPages.chartLabels(request.t)
        switch chart {
        case .status: svg = MonitoringCharts.statusByDimension(report, labels: labels)
        case .budget: svg = MonitoringCharts.budgetByDimension(report, labels: labels)
        case .indicators: svg = MonitoringCharts.indicators(report, labels: labels)
        case .budgetByYear: svg = MonitoringCharts.budgetByYear(try await service(request).yearly(view), labels: labels)
        }
        let response = Response(status: .ok, body: .init(string: svg))
        response.headers.replaceOrAdd(name: .contentType, value: "image/svg+xml; charset=utf-8")
        response.headers.replaceOrAdd(name: .contentLanguage, value: request.language.rawValue)
        response.headers.replaceOrAdd(name: .vary, value: "Cookie")
        response.headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        return response
    }
}

// MARK: - API

/// `/api/v1` for rounds and records: the same service (and so the same decision and single
/// transactional write) as the forms.
struct MonitoringAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let api = routes.grouped("api", "v1")
        api.get("plans", ":planID", "rounds", use: list)
        api.post("plans", ":planID", "rounds", use: open)
        api.get("rounds", ":roundID", use: show)
        api.put("rounds", ":roundID", "records", ":recordID", use: updateRecord)
        api.post("rounds", ":roundID", "transitions", use: transition)
        api.get("rounds", ":roundID", "report", use: report)
        api.get("rounds", ":roundID", "report", ":format", use: monitoringDocument)
        api.get("rounds", ":roundID", "annual", ":format", use: annualDocument)
        api.on(.POST, "rounds", ":roundID", "records", ":recordID", "evidence",
               body: .collect(maxSize: ByteCount(integerLiteral: MonitoringWorkflow.maximumEvidenceBytes * 4 / 3 + 64 * 1024)), use: uploadEvidence)
        api.put("rounds", ":roundID", "records", ":recordID", "evidence", ":evidenceID", use: updateEvidence)
        api.get("rounds", ":roundID", "evidence", ":evidenceID", use: evidenceFile)
    }

    /// `{"version": 7, "public": true}`: the admin shows an evidence file to the public.
    struct EvidenceUpdate: Content {
        var version: Int?
        var `public`: Bool?
    }

    @Sendable func updateEvidence(_ request: Request) async throws -> Response {
        let view = try await service(request).memberRound(id: request.parameters.get("roundID"))
        let recordID = try PlanService.parseID(request.parameters.get("recordID"))
        let evidenceID = try PlanService.parseID(request.parameters.get("evidenceID"))
        let body = try APIBody.decode(EvidenceUpdate.self, request)
        guard let shown = body.public else {
            throw MonitoringService.invalid("public", LocalizedText(.monPublicTrueOrFalse))
        }
        let change = try await service(request).command(roundID: view.round.id.uuidString, .setEvidencePublic(recordID: recordID, evidenceID: evidenceID, shown),
                                                        expectedVersion: body.version ?? -1).change
        let record = change.round.records.first { $0.id == recordID }!
        return try Self.json(RecordResponse(round: change.round, record: record, warnings: []))
    }

    /// An evidence file's bytes, by the same rule as the page's link.
    @Sendable func evidenceFile(_ request: Request) async throws -> Response {
        let (evidence, data) = try await service(request).evidenceFile(roundID: request.parameters.get("roundID"),
                                                                      evidenceID: request.parameters.get("evidenceID"))
        return MonitoringService.evidenceResponse(evidence, data)
    }

    /// `{"version": 5, "fileName": "photo.jpg", "contentBase64": "…"}`
    struct EvidenceRequest: Content {
        var version: Int?
        var fileName: String?
        var contentBase64: String?
    }

    @Sendable func uploadEvidence(_ request: Request) async throws -> Response {
        let view = try await service(request).memberRound(id: request.parameters.get("roundID"))
        guard view.isEditor else { throw SujaritError.forbidden() }
        let recordID = try PlanService.parseID(request.parameters.get("recordID"))
        let body = try APIBody.decode(EvidenceRequest.self, request)
        guard let text = body.contentBase64, let bytes = Data(base64Encoded: text, options: .ignoreUnknownCharacters) else {
            let message = LocalizedText(.monContentBase64)
            throw SujaritError(.unprocessableEntity, message, fields: [FieldError(field: "contentBase64", message: message)])
        }
        let change = try await service(request).attachEvidence(roundID: request.parameters.get("roundID"), recordID: recordID,
                                                               fileName: body.fileName ?? "", bytes: bytes, expectedVersion: body.version ?? -1).change
        let record = change.round.records.first { $0.id == recordID }!
        return try Self.json(RecordResponse(round: change.round, record: record, warnings: []), status: .created)
    }

    func service(_ request: Request) -> MonitoringService { MonitoringService(request: request) }

    static func json<T: Encodable>(_ value: T, status: HTTPResponseStatus = .ok) throws -> Response {
        let response = Response(status: status)
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        try response.content.encode(value, using: encoder)
        response.headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        return response
    }

    struct RoundList: Content { var rounds: [MonitoringRound] }

    @Sendable func list(_ request: Request) async throws -> Response {
        let plan = try await PlanService(request: request).readablePlan(id: request.parameters.get("planID"))
        let service = service(request)
        guard let series = try await service.store.seriesID(ofPlan: plan.id, organizationID: plan.organizationID) else { throw SujaritError.notFound(.monNotFoundPlan) }
        var rounds = try await service.store.rounds(seriesID: series, organizationID: plan.organizationID)
        if !request.actingUser(in: plan.organizationID).has(.viewer) {
            // The public sees approved rounds of a published plan, without members-only evidence.
            rounds = plan.status == .published ? rounds.filter { $0.status == .approved }.map(\.publicView) : []
        }
        return try Self.json(RoundList(rounds: rounds))
    }

    struct OpenRequest: Content {
        var fiscalYear: Int?
        var kind: String?
    }

    @Sendable func open(_ request: Request) async throws -> Response {
        _ = try request.requireViewer()
        let plan = try await PlanService(request: request).readablePlan(id: request.parameters.get("planID"))
        guard request.actingUser(in: plan.organizationID).has(.editor) else { throw SujaritError.forbidden() }
        let body = try APIBody.decode(OpenRequest.self, request)
        let round = try await service(request).open(planID: request.parameters.get("planID"), year: body.fiscalYear, kind: body.kind)
        let response = try Self.json(round, status: .created)
        response.headers.replaceOrAdd(name: .location, value: SiteURL.apiRound(round.id).path)
        return response
    }

    @Sendable func show(_ request: Request) async throws -> Response {
        let view = try await service(request).readableRound(id: request.parameters.get("roundID"))
        return try Self.json(view.round)
    }

    /// The body: `version` and the record's fields (money as numbers of baht, dates as YYYY-MM-DD).
    struct RecordRequest: Content {
        var version: Int?
        var progress: ItemProgress?
        var reason: ShortfallReason?
        var reasonText: String?
        var ordinanceBudget: Money?
        var committed: Money?
        var disbursed: Money?
        var overspendReason: String?
        var startDate: String?
        var endDate: String?
        var participants: Int?
        var actuals: [MonitoringRecordInput.IndicatorInput]?
        var narrative: String?
        var problems: String?
        var obstacles: String?
        var suggestions: String?
    }

    struct RecordResponse: Content {
        var round: MonitoringRound
        var record: MonitoringRecord
        var warnings: [MonitoringFinding]
    }

    @Sendable func updateRecord(_ request: Request) async throws -> Response {
        let view = try await service(request).memberRound(id: request.parameters.get("roundID"))
        guard view.isEditor else { throw SujaritError.forbidden() }
        let recordID = try PlanService.parseID(request.parameters.get("recordID"))
        guard view.round.records.contains(where: { $0.id == recordID }) else { throw SujaritError.notFound(.monNotFoundRecord) }
        let body = try APIBody.decode(RecordRequest.self, request)
        guard let progress = body.progress else {
            let message = LocalizedText(.monGiveProgress)
            throw SujaritError(.unprocessableEntity, message, fields: [FieldError(field: "progress", message: message)])
        }
        func day(_ text: String?, _ field: String) throws -> Date? {
            guard let text, !text.isEmpty else { return nil }
            guard let date = RecordFormValues.parseDay(text) else {
                let message = LocalizedText(.monInvalidDayISO)
                throw SujaritError(.unprocessableEntity, message, fields: [FieldError(field: field, message: message)])
            }
            return date
        }
        let input = MonitoringRecordInput(
            progress: progress, reason: body.reason, reasonText: body.reasonText ?? "", ordinanceBudget: body.ordinanceBudget,
            committed: body.committed, disbursed: body.disbursed, overspendReason: body.overspendReason ?? "",
            startDate: try day(body.startDate, "startDate"), endDate: try day(body.endDate, "endDate"), participants: body.participants,
            actuals: body.actuals ?? [], narrative: body.narrative ?? "", problems: body.problems ?? "",
            obstacles: body.obstacles ?? "", suggestions: body.suggestions ?? "")
        let change = try await service(request).command(roundID: request.parameters.get("roundID"),
                                                        .editRecord(recordID: recordID, input), expectedVersion: body.version ?? -1).change
        let record = change.round.records.first { $0.id == recordID }!
        return try Self.json(RecordResponse(round: change.round, record: record, warnings: change.warnings))
    }

    struct TransitionRequest: Content {
        var version: Int?
        /// submit, approve, return, reopen
        var action: String?
        var reason: String?
    }

    @Sendable func transition(_ request: Request) async throws -> Response {
        _ = try request.requireViewer()
        let body = try APIBody.decode(TransitionRequest.self, request)
        let reason = body.reason ?? ""
        let command: MonitoringCommand
        switch body.action {
        case "submit": command = .submit
        case "approve": command = .approve
        case "return": command = .returnToOpen(reason: reason)
        case "reopen": command = .reopen(reason: reason)
        default:
            let message = LocalizedText(.monActionValues)
            // The round must exist and be visible before the body's mistake is reported.
            _ = try await service(request).readableRound(id: request.parameters.get("roundID"))
            throw SujaritError(.unprocessableEntity, message, fields: [FieldError(field: "action", message: message)])
        }
        let decision = try await service(request).command(roundID: request.parameters.get("roundID"), command, expectedVersion: body.version ?? -1)
        return try Self.json(decision.change.round)
    }

    @Sendable func report(_ request: Request) async throws -> Response {
        let view = try await service(request).readableRound(id: request.parameters.get("roundID"))
        return try await MonitoringController.fileResponse(request, view: view, kind: .monitoring, format: .json)
    }

    /// The report documents the API serves besides the JSON report (`report`).
    static let documentFormats: [ExportFormat] = [.docx, .xlsx, .pdf]

    @Sendable func monitoringDocument(_ request: Request) async throws -> Response { try await document(request, kind: .monitoring) }
    @Sendable func annualDocument(_ request: Request) async throws -> Response { try await document(request, kind: .annual) }

    /// A round's report as DOCX, XLSX or PDF: the same reading rule as the JSON report (members
    /// see their organization's rounds; others approved rounds of published plans, else 404),
    /// the same files as the pages' downloads.
    func document(_ request: Request, kind: MonitoringDocumentKind) async throws -> Response {
        let view = try await service(request).readableRound(id: request.parameters.get("roundID"))
        guard let format = request.parameters.get("format").flatMap(ExportFormat.init(rawValue:)),
              Self.documentFormats.contains(format)
        else { throw SujaritError.notFound(.monNoSuchFileFormat) }
        return try await MonitoringController.fileResponse(request, view: view, kind: kind, format: format,
                                                           wordFile: .apiRoundReportFile(view.round.id, kind, .docx))
    }
}

/// Turns an evidence upload refused for its size (while the body was still being received, so
/// before the handler ran) into the record form with a message at the evidence field naming the
/// limit. Nothing was stored; the record's saved values are shown as they are.
struct EvidenceTooLargeMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        do {
            return try await next.respond(to: request)
        } catch let error as any AbortError where error.status == .payloadTooLarge {
            let view = try await MonitoringService(request: request).memberRound(id: request.parameters.get("roundID"))
            let id = try PlanService.parseID(request.parameters.get("recordID"))
            guard let record = view.round.records.first(where: { $0.id == id }) else { throw SujaritError.notFound(.monNotFoundRecord) }
            let limit = String(MonitoringWorkflow.maximumEvidenceBytes / 1024 / 1024)
            let message = LocalizedText(.monEvidenceTooLarge, limit)
            var errors = FormErrors()
            errors.add("file", message)
            return Layout.response(MonitoringPages.recordForm(request, view: view, record: record,
                                                              values: RecordFormValues(record: record, version: view.round.version),
                                                              errors: errors, message: message), status: .payloadTooLarge)
        }
    }
}
