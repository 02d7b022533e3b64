import Foundation
import Vapor
import Fluent
import SujaritCore
import SujaritPersistence
import SujaritVault

/// The reporter's side: `/o/{slug}/report` (form, receipt), `/o/{slug}/report/track` (status,
/// adding information; the code only ever in a POST body) and the public statistics. No
/// account, no session: the form token is a double-submit cookie.
struct ComplaintReportController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("assets", "complaints.css") { _ in Self.asset(ComplaintAssets.stylesheet, type: "css") }
        routes.get("assets", "complaints.js") { _ in Self.asset(ComplaintAssets.script, type: "javascript") }
        let report = routes.grouped(ComplaintPrivacyMiddleware()).grouped("o", ":slug", "report")
        // Reports are small: 64 kB of text is far more than the form allows.
        report.get(use: form)
        report.on(.POST, body: .collect(maxSize: "64kb"), use: submit)
        report.get("track", use: trackForm)
        report.on(.POST, "track", body: .collect(maxSize: "16kb"), use: track)
        report.on(.POST, "track", "add", body: .collect(maxSize: "64kb"), use: add)
        report.get("statistics", ":year", use: statistics)
    }

    static func asset(_ text: String, type: String) -> Response {
        let response = Response(status: .ok, body: .init(string: text))
        response.headers.contentType = HTTPMediaType(type: "text", subType: type, parameters: ["charset": "utf-8"])
        response.headers.replaceOrAdd(name: .cacheControl, value: "public, max-age=3600")
        return response
    }

    func respond(_ html: HTML, _ request: Request, status: HTTPResponseStatus = .ok) -> Response {
        let response = Layout.response(html, status: status)
        ReporterFormToken.attach(to: response, for: request)
        return response
    }

    @Sendable func form(_ request: Request) async throws -> Response {
        let organization = try await ComplaintService(request: request).organization(slug: request.parameters.get("slug"))
        return respond(ComplaintPages.reportForm(request, organization: organization), request)
    }

    @Sendable func submit(_ request: Request) async throws -> Response {
        let service = ComplaintService(request: request)
        let organization = try await service.organization(slug: request.parameters.get("slug"))
        let values = try request.content.decode(ReportFormValues.self)
        try ReporterFormToken.verify(request, sent: values._rt)
        let report = values.report
        let problems = report.problems()
        guard problems.isEmpty else {
            return respond(ComplaintPages.reportForm(request, organization: organization, values: values, problems: problems), request,
                           status: .unprocessableEntity)
        }
        let (complaint, code) = try await service.submit(report, organization: organization, channel: .online,
                                                         concernsExecutive: values.concernsExecutive == "yes", actor: "reporter")
        return respond(ComplaintPages.receipt(request, organization: organization, code: code, complaint: complaint), request)
    }

    @Sendable func trackForm(_ request: Request) async throws -> Response {
        let organization = try await ComplaintService(request: request).organization(slug: request.parameters.get("slug"))
        return respond(ComplaintPages.trackForm(request, organization: organization), request)
    }

    struct TrackForm: Content {
        var code: String?
        var text: String?
        var _rt: String?
    }

    @Sendable func track(_ request: Request) async throws -> Response {
        let service = ComplaintService(request: request)
        try service.checkTrackingLimit(slug: request.parameters.get("slug") ?? "")
        let organization = try await service.organization(slug: request.parameters.get("slug"))
        let form = try request.content.decode(TrackForm.self)
        try ReporterFormToken.verify(request, sent: form._rt)
        guard let (stored, code) = try await service.track(typed: String((form.code ?? "").prefix(64)), organization: organization) else {
            return respond(ComplaintPages.trackForm(request, organization: organization, failed: true), request, status: .ok)
        }
        let messages = try await service.messages(of: stored.complaint, reporterView: true)
        return respond(ComplaintPages.status(request, organization: organization, complaint: stored.complaint, code: code,
                                             messages: messages), request)
    }

    @Sendable func add(_ request: Request) async throws -> Response {
        let service = ComplaintService(request: request)
        try service.checkTrackingLimit(slug: request.parameters.get("slug") ?? "")
        let organization = try await service.organization(slug: request.parameters.get("slug"))
        let form = try request.content.decode(TrackForm.self)
        try ReporterFormToken.verify(request, sent: form._rt)
        guard let (stored, code) = try await service.track(typed: String((form.code ?? "").prefix(64)), organization: organization) else {
            return respond(ComplaintPages.trackForm(request, organization: organization, failed: true), request, status: .ok)
        }
        let updated = try await service.reporterAdds(form.text ?? "", to: stored)
        let messages = try await service.messages(of: updated, reporterView: true)
        return respond(ComplaintPages.status(request, organization: organization, complaint: updated, code: code, messages: messages,
                                             added: true), request)
    }

    /// `/o/{slug}/report/statistics/2568` (page) and `/o/{slug}/report/statistics/2568.json`.
    @Sendable func statistics(_ request: Request) async throws -> Response {
        let service = ComplaintService(request: request)
        let organization = try await service.organization(slug: request.parameters.get("slug"))
        var text = ThaiDigits.toArabic(request.parameters.get("year") ?? "")
        let json = text.hasSuffix(".json")
        if json { text.removeLast(5) }
        guard let be = Int(text), FiscalYear.plausibleRange.contains(be) else { throw SujaritError.notFound("ปีงบประมาณ") }
        let stats = ComplaintStatistics(fiscalYear: FiscalYear(be), cases: try await service.store.statusByDay(organizationID: organization.id))
        guard json else { return Layout.response(ComplaintPages.statistics(request, organization: organization, stats: stats)) }
        let response = Response(status: .ok)
        try response.content.encode(ComplaintStatisticsResponse(organization: organization.slug, stats: stats), as: .json)
        return response
    }
}

/// The published statistics as JSON: exact counts for the year; finer periods give 1–4 as
/// "น้อยกว่า 5"; `note` is "ไม่มีเรื่องร้องเรียนในช่วงเวลานี้" for periods without complaints.
struct ComplaintStatisticsResponse: Content {
    struct Counts: Codable {
        var received: PublishedCount
        var concluded: PublishedCount
        var inProgress: PublishedCount
        var referred: PublishedCount
    }
    struct Period: Codable {
        var name: String
        var counts: Counts
        var note: String?
    }
    var organization: String
    var fiscalYear: Int
    var year: Period
    var halves: [Period]
    var quarters: [Period]
    var months: [Period]

    init(organization: String, stats: ComplaintStatistics) {
        func period(_ name: String, _ c: ComplaintStatistics.Counts, fine: Bool) -> Period {
            let p = { ComplaintStatistics.published($0, fine: fine) }
            return Period(name: name, counts: Counts(received: p(c.received), concluded: p(c.concluded), inProgress: p(c.inProgress),
                                                     referred: p(c.referred)),
                          note: c.received == 0 ? ComplaintStatistics.noComplaintsText : nil)
        }
        self.organization = organization
        self.fiscalYear = stats.fiscalYear.be
        self.year = period("ปีงบประมาณ \(stats.fiscalYear.be)", stats.year, fine: false)
        self.halves = stats.halves.map { period($0.thaiName, $0.counts, fine: true) }
        self.quarters = stats.quarters.map { period($0.thaiName, $0.counts, fine: true) }
        self.months = stats.months.map { period($0.thaiName, $0.counts, fine: true) }
    }
}

/// The officers' side: `/o/{slug}/complaints` (list), `/o/{slug}/complaints/new` (intake of a
/// complaint received in person, by letter or by phone), `/o/{slug}/complaints/{id}` (case)
/// and its actions. Only the organization's complaint officers (and the installation's
/// administrators, who stand for the overseeing body); every view and change is logged.
struct ComplaintStaffController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let staff = routes.grouped(ComplaintStaffHeadersMiddleware()).grouped("o", ":slug", "complaints")
        staff.get(use: list)
        staff.get("new", use: intakeForm)
        staff.on(.POST, "new", body: .collect(maxSize: "64kb"), use: intake)
        staff.get(":caseID", use: show)
        staff.on(.POST, ":caseID", "action", body: .collect(maxSize: "64kb"), use: action)
    }

    @Sendable func list(_ request: Request) async throws -> Response {
        let service = ComplaintService(request: request)
        let organization = try await service.organization(slug: request.parameters.get("slug"))
        let viewer = try await service.requireOfficer(of: organization)
        let cases = try await service.cases(of: organization, viewer: viewer)
        try await service.store.log(ComplaintLogEntry(organizationID: organization.id, caseID: nil, actor: "user:\(viewer.userID.uuidString)",
                                                      action: "cases.listed", occurred: service.now))
        return Layout.response(ComplaintPages.caseList(request, organization: organization, cases: cases, today: service.today))
    }

    @Sendable func intakeForm(_ request: Request) async throws -> Response {
        let service = ComplaintService(request: request)
        let organization = try await service.organization(slug: request.parameters.get("slug"))
        _ = try await service.requireOfficer(of: organization)
        return Layout.response(ComplaintPages.intakeForm(request, organization: organization))
    }

    @Sendable func intake(_ request: Request) async throws -> Response {
        try CSRF.verify(request)
        let service = ComplaintService(request: request)
        let organization = try await service.organization(slug: request.parameters.get("slug"))
        let viewer = try await service.requireOfficer(of: organization)
        let values = try request.content.decode(ReportFormValues.self)
        let report = values.report
        let problems = report.problems()
        guard problems.isEmpty else {
            return Layout.response(ComplaintPages.intakeForm(request, organization: organization, values: values, problems: problems),
                                   status: .unprocessableEntity)
        }
        let channel = values.channel.flatMap(ComplaintChannel.init(rawValue:)).flatMap { $0 == .online ? nil : $0 } ?? .walkIn
        let (complaint, code) = try await service.submit(report, organization: organization, channel: channel,
                                                         concernsExecutive: values.concernsExecutive == "yes",
                                                         actor: "user:\(viewer.userID.uuidString)")
        return Layout.response(ComplaintPages.receipt(request, organization: organization, code: code, complaint: complaint, staff: true))
    }

    @Sendable func show(_ request: Request) async throws -> Response {
        let service = ComplaintService(request: request)
        let organization = try await service.organization(slug: request.parameters.get("slug"))
        let viewer = try await service.requireOfficer(of: organization)
        let stored = try await service.readableCase(id: request.parameters.get("caseID"), organization: organization, viewer: viewer, logView: true)
        return try await render(stored.complaint, stored: stored, service: service, organization: organization)
    }

    func render(_ complaint: ComplaintCase, stored: StoredComplaint, service: ComplaintService, organization: Organization,
                status: HTTPResponseStatus = .ok) async throws -> Response {
        let report = try service.openReport(stored)
        let messages = try await service.messages(of: complaint, reporterView: false)
        let log = try await ComplaintLogChain.entries(caseID: complaint.id, on: service.request.db)
        var officers: [UserRecord] = []
        for id in try await service.store.officers(organizationID: organization.id) {
            if let user = try await UserStore(service.request.db).find(id: id) { officers.append(user) }
        }
        return Layout.response(ComplaintPages.casePage(service.request, organization: organization, complaint: complaint, report: report,
                                                       messages: messages, log: log, officers: officers, today: service.today),
                               status: status)
    }

    struct ActionForm: Content {
        var command: String?
        var version: Int?
        var body: String?
        var bodyName: String?
        var outcome: String?
        var officer: String?
        var text: String?
    }

    @Sendable func action(_ request: Request) async throws -> Response {
        try CSRF.verify(request)
        let service = ComplaintService(request: request)
        let organization = try await service.organization(slug: request.parameters.get("slug"))
        let viewer = try await service.requireOfficer(of: organization)
        let stored = try await service.readableCase(id: request.parameters.get("caseID"), organization: organization, viewer: viewer, logView: false)
        let form = try request.content.decode(ActionForm.self)
        let invalid = SujaritError(.badRequest, LocalizedText(th: "คำสั่งไม่ถูกต้อง", en: "Invalid command"))
        let command: ComplaintCommand
        switch form.command {
        case "acknowledge": command = .acknowledge
        case "screen": command = .startScreening
        case "investigate": command = .startInvestigation
        case "refer":
            guard let body = form.body.flatMap(OversightBody.init(rawValue:)) else { throw invalid }
            command = .refer(body, name: form.bodyName ?? "")
        case "conclude":
            guard let outcome = form.outcome.flatMap(ComplaintOutcome.init(rawValue:)) else { throw invalid }
            command = .conclude(outcome)
        case "close": command = .close
        case "assign":
            if let text = form.officer, !text.isEmpty {
                guard let id = UUID(uuidString: text), try await service.store.officers(organizationID: organization.id).contains(id) else {
                    throw invalid
                }
                command = .assign(id)
            } else {
                command = .assign(nil)
            }
        case "recuse": command = .recuse
        case "reply": command = .reply
        case "note": command = .note
        default: throw invalid
        }
        _ = try await service.perform(command, on: stored, viewer: viewer, expectedVersion: form.version ?? stored.complaint.version,
                                      text: form.text)
        if command == .recuse { return request.redirect(to: SiteURL.complaints(slug: organization.slug).path, redirectType: .normal) }
        return request.redirect(to: SiteURL.complaint(slug: organization.slug, stored.complaint.id).path, redirectType: .normal)
    }
}
