import Foundation
import Vapor
import Fluent
import SujaritCore
import SujaritPersistence
import SujaritVault
import SujaritExport

/// The reporter's side: `/o/{slug}/report` (form, receipt), `/o/{slug}/report/track` (status,
/// adding information; the code only ever in a POST body) and the public statistics. General
/// complaints (ร้องทุกข์) have their own channel at `/o/{slug}/grievance` with the same pages
/// (and the same protections; statistics count corruption complaints only). No account, no
/// session: the form token is a double-submit cookie.
struct ComplaintReportController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("assets", "complaints.css") { _ in Self.asset(ComplaintAssets.stylesheet, type: "css") }
        routes.get("assets", "complaints.js") { _ in Self.asset(ComplaintAssets.script, type: "javascript") }
        let report = routes.grouped(ComplaintPrivacyMiddleware()).grouped("o", ":slug", "report")
        // The text is small; evidence files make a form up to 25 MB (checked again per file).
        let grievance = routes.grouped(ComplaintPrivacyMiddleware()).grouped("o", ":slug", "grievance")
        for (group, kind) in [(report, ComplaintKind.corruption), (grievance, .general)] {
            group.get { try await form($0, kind: kind) }
            group.on(.POST, body: .collect(maxSize: ComplaintLimits.formWithFiles)) { try await submit($0, kind: kind) }
            group.get("track") { try await trackForm($0, kind: kind) }
            group.on(.POST, "track", body: .collect(maxSize: "16kb")) { try await track($0, kind: kind) }
            group.on(.POST, "track", "add", body: .collect(maxSize: ComplaintLimits.formWithFiles)) { try await add($0, kind: kind) }
            group.on(.POST, "receipt", body: .collect(maxSize: "4kb")) { try await receiptSlip($0, kind: kind) }
        }
        report.get("statistics", ":year", use: statistics)
    }

    struct SlipForm: Content {
        var code: String?
        var receivedOn: String?
        var dueOn: String?
    }

    /// `POST /o/{slug}/report/receipt`: the A5 receipt slip (Word) for the code in the body — made
    /// from what the form sends, looked up nowhere, stored and logged nowhere. The receipt page
    /// and an officer's intake receipt offer it.
    func receiptSlip(_ request: Request, kind: ComplaintKind) async throws -> Response {
        let organization = try await ComplaintService(request: request).organization(slug: request.parameters.get("slug"))
        let form = try request.content.decode(SlipForm.self)
        guard let code = ReceiptCode(typed: String((form.code ?? "").prefix(64))),
              let received = form.receivedOn.flatMap(CalendarDay.init(iso:)), let due = form.dueOn.flatMap(CalendarDay.init(iso:)),
              due >= received, received.days(until: due) <= 400
        else {
            throw SujaritError(.badRequest, LocalizedText(.msgInvalidReceiptDetails))
        }
        let slip = ComplaintReceiptSlip(organizationName: organization.name, groupedCode: code.grouped,
                                        trackingAddress: ComplaintPages.trackingAddress(request, organization: organization, kind: kind),
                                        receivedOn: received, dueOn: due, digits: organization.digitStyle)
        let response = Response(status: .ok, body: .init(data: slip.docx()))
        response.headers.replaceOrAdd(name: .contentType, value: EvidenceFileKind.docx.mediaType)
        response.headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"sujarit-receipt.docx\"")
        return response
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

    func form(_ request: Request, kind: ComplaintKind) async throws -> Response {
        let organization = try await ComplaintService(request: request).organization(slug: request.parameters.get("slug"))
        return respond(ComplaintPages.reportForm(request, organization: organization, kind: kind), request)
    }

    func submit(_ request: Request, kind: ComplaintKind) async throws -> Response {
        let service = ComplaintService(request: request)
        let organization = try await service.organization(slug: request.parameters.get("slug"))
        let values = try request.content.decode(ReportFormValues.self)
        try ReporterFormToken.verify(request, sent: values._rt)
        let report = values.report
        var problems = report.problems()
        problems.merge(ComplaintService.evidenceProblems(values.uploads)) { $1 }
        guard problems.isEmpty else {
            return respond(ComplaintPages.reportForm(request, organization: organization, kind: kind, values: values, problems: problems),
                           request, status: .unprocessableEntity)
        }
        let (complaint, code) = try await service.submit(report, organization: organization, kind: kind, channel: .online,
                                                         concernsExecutive: kind == .corruption && values.concernsExecutive == "yes",
                                                         actor: "reporter", files: values.uploads)
        return respond(ComplaintPages.receipt(request, organization: organization, code: code, complaint: complaint), request)
    }

    func trackForm(_ request: Request, kind: ComplaintKind) async throws -> Response {
        let organization = try await ComplaintService(request: request).organization(slug: request.parameters.get("slug"))
        return respond(ComplaintPages.trackForm(request, organization: organization, kind: kind), request)
    }

    struct TrackForm: Content {
        var code: String?
        var text: String?
        var evidence: [File]?
        var _rt: String?
    }

    func track(_ request: Request, kind: ComplaintKind) async throws -> Response {
        let service = ComplaintService(request: request)
        try service.checkTrackingLimit(slug: request.parameters.get("slug") ?? "")
        let organization = try await service.organization(slug: request.parameters.get("slug"))
        let form = try request.content.decode(TrackForm.self)
        try ReporterFormToken.verify(request, sent: form._rt)
        guard let access = try await service.track(typed: String((form.code ?? "").prefix(64)), organization: organization) else {
            return respond(ComplaintPages.trackForm(request, organization: organization, kind: kind, failed: true), request, status: .ok)
        }
        let messages = try await service.messages(of: access.stored.complaint, keys: access.keys, reporterView: true)
        let files = try await service.store.evidence(caseID: access.stored.complaint.id, organizationID: organization.id).count
        return respond(ComplaintPages.status(request, organization: organization, via: kind, complaint: access.stored.complaint,
                                             code: access.code, messages: messages, files: files), request)
    }

    func add(_ request: Request, kind: ComplaintKind) async throws -> Response {
        let service = ComplaintService(request: request)
        try service.checkTrackingLimit(slug: request.parameters.get("slug") ?? "")
        let organization = try await service.organization(slug: request.parameters.get("slug"))
        let form = try request.content.decode(TrackForm.self)
        try ReporterFormToken.verify(request, sent: form._rt)
        guard let access = try await service.track(typed: String((form.code ?? "").prefix(64)), organization: organization) else {
            return respond(ComplaintPages.trackForm(request, organization: organization, kind: kind, failed: true), request, status: .ok)
        }
        let stored = access.stored
        let uploads = ReportFormValues.uploads(form.evidence)
        let updated: ComplaintCase
        do {
            updated = try await service.reporterAdds(form.text ?? "", files: uploads, to: access)
        } catch let error as SujaritError where error.status == .badRequest || error.status == .unprocessableEntity || error.status == .payloadTooLarge {
            // Shown on the status page, with the code still in the (POST) form.
            let messages = try await service.messages(of: stored.complaint, keys: access.keys, reporterView: true)
            let files = try await service.store.evidence(caseID: stored.complaint.id, organizationID: organization.id).count
            return respond(ComplaintPages.status(request, organization: organization, via: kind, complaint: stored.complaint, code: access.code,
                                                 messages: messages, files: files, problem: error.message), request,
                           status: .unprocessableEntity)
        }
        let messages = try await service.messages(of: updated, keys: access.keys, reporterView: true)
        let files = try await service.store.evidence(caseID: updated.id, organizationID: organization.id).count
        return respond(ComplaintPages.status(request, organization: organization, via: kind, complaint: updated, code: access.code,
                                             messages: messages, files: files, added: true), request)
    }

    /// `/o/{slug}/report/statistics/2568` (page) and `/o/{slug}/report/statistics/2568.json`.
    @Sendable func statistics(_ request: Request) async throws -> Response {
        let service = ComplaintService(request: request)
        let organization = try await service.organization(slug: request.parameters.get("slug"))
        var text = ThaiDigits.toArabic(request.parameters.get("year") ?? "")
        let json = text.hasSuffix(".json")
        if json { text.removeLast(5) }
        guard let be = Int(text), FiscalYear.plausibleRange.contains(be) else { throw SujaritError.notFound(.nfFiscalYear) }
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
        routes.grouped(ComplaintStaffHeadersMiddleware()).get("complaints", "overseer", use: overseer)
        staff.get("settings", use: settingsForm)
        staff.on(.POST, "settings", body: .collect(maxSize: "16kb"), use: saveSettings)
        staff.on(.POST, "new", body: .collect(maxSize: ComplaintLimits.formWithFiles), use: intake)
        staff.get(":caseID", use: show)
        staff.get(":caseID", "evidence", ":evidenceID", use: evidence)
        staff.on(.POST, ":caseID", "action", body: .collect(maxSize: "64kb"), use: action)
    }

    @Sendable func list(_ request: Request) async throws -> Response {
        let service = ComplaintService(request: request)
        let organization = try await service.organization(slug: request.parameters.get("slug"))
        let viewer = try await service.requireOfficer(of: organization)
        // Corruption complaints by default; `?kind=general` lists general complaints (ร้องทุกข์).
        let kind = request.query[String.self, at: "kind"].flatMap(ComplaintKind.init(rawValue:)) ?? .corruption
        try await service.handOnKeys(of: organization, viewer: viewer)
        let cases = try await service.cases(of: organization, viewer: viewer, kind: kind)
        try await service.store.log(ComplaintLogEntry(organizationID: organization.id, caseID: nil, actor: "user:\(viewer.userID.uuidString)",
                                                      action: .casesListed, detail: kind.rawValue, occurred: service.now))
        let all = try await service.cases(of: organization, viewer: viewer)
        let reminders = service.reminders(of: organization, cases: all)
        return Layout.response(ComplaintPages.caseList(request, organization: organization, kind: kind, cases: cases, allCases: all,
                                                       reminders: reminders, today: service.today))
    }

    /// `/complaints/overseer`: for an outside body's account, the organizations of its provinces
    /// with the number of open cases about their executive.
    @Sendable func overseer(_ request: Request) async throws -> Response {
        let viewer = try request.requireViewer()
        let store = request.stores.complaints
        let provinces = try await store.overseerProvinces(userID: viewer.userID)
        guard !provinces.isEmpty else {
            throw SujaritError(.forbidden, LocalizedText(.msgOnlyOutsideBodyAccount))
        }
        var rows: [(Organization, Int)] = []
        for organization in try await request.stores.organizations.all()
        where provinces.contains(ComplaintStore.provinceKey(organization.province)) {
            let open = try await store.cases(organizationID: organization.id).filter { $0.concernsExecutive && $0.status.isOpen && !$0.recused.contains(viewer.userID) }
            rows.append((organization, open.count))
        }
        return Layout.response(ComplaintPages.overseer(request, provinces: provinces.sorted(), rows: rows))
    }

    @Sendable func settingsForm(_ request: Request) async throws -> Response {
        let service = ComplaintService(request: request)
        let organization = try await service.organization(slug: request.parameters.get("slug"))
        _ = try await service.requireOfficer(of: organization)
        let policy = try await service.store.deadlinePolicy(organizationID: organization.id)
        return Layout.response(ComplaintPages.settings(request, organization: organization,
                                                       values: .init(policy), problems: [:]))
    }

    struct SettingsForm: Content {
        var days: String?
        var acknowledgeDays: String?
        var workingDays: String?
        var _csrf: String?
    }

    @Sendable func saveSettings(_ request: Request) async throws -> Response {
        try CSRF.verify(request)
        let service = ComplaintService(request: request)
        let organization = try await service.organization(slug: request.parameters.get("slug"))
        let viewer = try await service.requireOfficer(of: organization)
        let form = try request.content.decode(SettingsForm.self)
        let values = ComplaintPages.SettingsValues(days: form.days ?? "", acknowledgeDays: form.acknowledgeDays ?? "",
                                                   workingDays: form.workingDays == "yes")
        switch try await service.setDeadlines(days: values.days, acknowledgeDays: values.acknowledgeDays, workingDaysOnly: values.workingDays,
                                              organization: organization, viewer: viewer) {
        case .success(let policy):
            return Layout.response(ComplaintPages.settings(request, organization: organization, values: .init(policy), problems: [:], saved: true))
        case .failure(let problems):
            return Layout.response(ComplaintPages.settings(request, organization: organization, values: values, problems: problems.byField),
                                   status: .unprocessableEntity)
        }
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
        var problems = report.problems()
        problems.merge(ComplaintService.evidenceProblems(values.uploads)) { $1 }
        guard problems.isEmpty else {
            return Layout.response(ComplaintPages.intakeForm(request, organization: organization, values: values, problems: problems),
                                   status: .unprocessableEntity)
        }
        let channel = values.channel.flatMap(ComplaintChannel.init(rawValue:)).flatMap { $0 == .online ? nil : $0 } ?? .walkIn
        let kind = values.kind.flatMap(ComplaintKind.init(rawValue:)) ?? .corruption
        let (complaint, code) = try await service.submit(report, organization: organization, kind: kind, channel: channel,
                                                         concernsExecutive: kind == .corruption && values.concernsExecutive == "yes",
                                                         actor: "user:\(viewer.userID.uuidString)", files: values.uploads)
        return Layout.response(ComplaintPages.receipt(request, organization: organization, code: code, complaint: complaint, staff: true))
    }

    @Sendable func show(_ request: Request) async throws -> Response {
        let service = ComplaintService(request: request)
        let organization = try await service.organization(slug: request.parameters.get("slug"))
        let viewer = try await service.requireOfficer(of: organization)
        let found = try await service.readableCase(id: request.parameters.get("caseID"), organization: organization, viewer: viewer, logView: true)
        let (stored, keys) = try await service.officerKeys(for: found, viewer: viewer, organization: organization)
        return try await render(stored.complaint, stored: stored, keys: keys, service: service, organization: organization)
    }

    func render(_ complaint: ComplaintCase, stored: StoredComplaint, keys: CaseKeys, service: ComplaintService, organization: Organization,
                status: HTTPResponseStatus = .ok) async throws -> Response {
        let report = try service.openReport(stored, keys: keys)
        let messages = report == nil ? [] : try await service.messages(of: complaint, keys: keys, reporterView: false)
        let evidence = report == nil ? [] : try await service.evidence(of: complaint, keys: keys)
        let log = try await ComplaintLogChain.entries(caseID: complaint.id, on: service.request.db)
        var officers: [UserRecord] = []
        for id in try await service.assignable(for: complaint, organization: organization) {
            if let user = try await service.request.stores.users.find(id: id) { officers.append(user) }
        }
        return Layout.response(ComplaintPages.casePage(service.request, organization: organization, complaint: complaint, report: report,
                                                       messages: messages, evidence: evidence, log: log, officers: officers,
                                                       today: service.today),
                               status: status)
    }

    /// `/o/{slug}/complaints/{caseID}/evidence/{evidenceID}`: an evidence file, opened from the
    /// vault, for the organization's officers who may see the case; always as a download, never
    /// rendered by the browser in the site's origin. Every download is logged.
    @Sendable func evidence(_ request: Request) async throws -> Response {
        let service = ComplaintService(request: request)
        let organization = try await service.organization(slug: request.parameters.get("slug"))
        let viewer = try await service.requireOfficer(of: organization)
        let found = try await service.readableCase(id: request.parameters.get("caseID"), organization: organization, viewer: viewer, logView: false)
        let (stored, keys) = try await service.officerKeys(for: found, viewer: viewer, organization: organization)
        let (data, info, item) = try await service.evidenceFile(id: request.parameters.get("evidenceID"), of: stored.complaint, keys: keys,
                                                                viewer: viewer)
        return ComplaintService.download(data, info: info, id: item.id)
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
        let found = try await service.readableCase(id: request.parameters.get("caseID"), organization: organization, viewer: viewer, logView: false)
        let (stored, keys) = try await service.officerKeys(for: found, viewer: viewer, organization: organization)
        let form = try request.content.decode(ActionForm.self)
        let officer: UUID?? = form.officer.map { $0.isEmpty ? nil : UUID(uuidString: $0) }
        if case .some(.none) = officer, let text = form.officer, !text.isEmpty {
            throw SujaritError(.badRequest, LocalizedText(.msgInvalidCommand))
        }
        let command = try await service.command(named: form.command, body: form.body.flatMap(OversightBody.init(rawValue:)),
                                                bodyName: form.bodyName,
                                                outcome: form.outcome.flatMap(ComplaintOutcome.init(rawValue:)),
                                                officer: officer ?? nil, on: stored.complaint, organization: organization)
        _ = try await service.perform(command, on: stored, keys: keys, organization: organization, viewer: viewer,
                                      expectedVersion: form.version ?? stored.complaint.version, text: form.text)
        if command == .recuse { return request.redirect(to: SiteURL.complaints(slug: organization.slug).path, redirectType: .normal) }
        return request.redirect(to: SiteURL.complaint(slug: organization.slug, stored.complaint.id).path, redirectType: .normal)
    }
}
