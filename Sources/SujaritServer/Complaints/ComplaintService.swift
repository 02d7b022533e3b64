import Foundation
import Vapor
import Fluent
import SujaritCore
import SujaritPersistence
import SujaritVault

/// The one path for everything done to complaint cases, from the reporter's forms and the
/// officers' pages: access checks, the pure decision (`ComplaintWorkflow.decide`), sealing,
/// one transactional write with its log line.
struct ComplaintService {
    let request: Request
    var app: Application { request.application }
    var vault: ComplaintVault { app.complaintVault }
    var store: ComplaintStore { ComplaintStore(request.db) }

    static func reportContext(_ id: UUID) -> String { "complaint:\(id.uuidString.lowercased()):report" }
    static func messageContext(_ caseID: UUID, _ messageID: UUID) -> String {
        "complaint:\(caseID.uuidString.lowercased()):message:\(messageID.uuidString.lowercased())"
    }

    var today: CalendarDay { CalendarDay.today(app) }
    var now: String { ISO8601DateFormatter().string(from: app.sujaritClock()) }

    func organization(slug: String?) async throws -> Organization {
        guard let slug, let organization = try await OrganizationStore(request.db).find(slug: slug) else {
            throw SujaritError.notFound("องค์กร")
        }
        return organization
    }

    // MARK: Reporter

    static let tooMany = LocalizedText(
        th: "มีการส่งข้อมูลมากเกินไปในช่วงนี้ เพื่อความปลอดภัยของระบบ กรุณารอแล้วลองใหม่ภายหลัง",
        en: "Too many attempts for now; for the system's safety please wait and try again later")

    /// Stores a new case (online form or an officer's intake) and returns it with its receipt
    /// code, which exists from here on only in the answer to this request.
    func submit(_ report: ComplaintReport, organization: Organization, channel: ComplaintChannel, concernsExecutive: Bool,
                actor: String) async throws -> (ComplaintCase, ReceiptCode) {
        if channel == .online {
            let keys = app.complaintThrottle.reportKeys(request, organizationID: organization.id)
            if let wait = app.complaintThrottle.reports.retryAfter(keys, now: app.sujaritClock()) {
                throw SujaritError(.tooManyRequests, Self.tooMany, retryAfter: wait)
            }
            app.complaintThrottle.reports.recordFailure(keys, now: app.sujaritClock())
        }
        let policy = try await store.deadlinePolicy(organizationID: organization.id)
        let received = today
        let complaint = ComplaintCase(organizationID: organization.id, channel: channel, receivedOn: received,
                                      dueOn: policy.due(receivedOn: received), concernsExecutive: concernsExecutive)
        let code = ReceiptCode.generate()
        let rounds = app.receiptHashRounds
        let verifier = try await request.application.threadPool.runIfActive { try ReceiptVerifier.make(for: code, rounds: rounds) }
        let sealed = try vault.seal(try JSONEncoder().encode(report), context: Self.reportContext(complaint.id))
        try await store.create(complaint, lookupTag: vault.lookupTag(for: code), verifier: verifier.encoded, sealedReport: sealed,
                               log: ComplaintLogEntry(organizationID: organization.id, caseID: complaint.id, actor: actor,
                                                      action: "case.created", detail: "channel \(channel.rawValue)",
                                                      occurred: actor == "reporter" ? received.iso : now))
        return (complaint, code)
    }

    /// The case a typed receipt code opens in this organization, or nil — the same nil for a
    /// code that does not exist, a wrong one, one of another organization, or a malformed one.
    /// Throws 429 while the client, the organization or the whole site has too many recent
    /// failures.
    func track(typed: String, organization: Organization) async throws -> (StoredComplaint, ReceiptCode)? {
        let throttle = app.complaintThrottle
        let keys = throttle.trackingKeys(request, slug: organization.slug)
        try checkTrackingLimit(slug: organization.slug)
        var found: (StoredComplaint, ReceiptCode)?
        if let code = ReceiptCode(typed: typed) {
            let stored = try await store.find(lookupTags: vault.lookupTags(for: code))
            let verifier = stored.map { ReceiptVerifier(encoded: $0.receiptVerifier) } ?? app.decoyReceiptVerifier
            // The slow hash runs whether or not a case was found, so the time taken tells nothing.
            let matches = try await app.threadPool.runIfActive { verifier.verify(code) }
            if let stored, matches, stored.complaint.organizationID == organization.id {
                found = (stored, code)
            }
        }
        if found == nil {
            throttle.tracking.recordFailure(keys, now: app.sujaritClock())
            try await store.log(ComplaintLogEntry(organizationID: organization.id, caseID: nil, actor: "reporter",
                                                  action: "track.failed", occurred: today.iso))
        }
        return found
    }

    /// Throws 429 while the client, the organization or the whole site has too many recent
    /// failed codes. Called before anything is read.
    func checkTrackingLimit(slug: String) throws {
        let throttle = app.complaintThrottle
        if let wait = throttle.tracking.retryAfter(throttle.trackingKeys(request, slug: slug), now: app.sujaritClock()) {
            throw SujaritError(.tooManyRequests, Self.tooMany, retryAfter: wait)
        }
    }

    func openReport(_ stored: StoredComplaint) throws -> ComplaintReport {
        try JSONDecoder().decode(ComplaintReport.self, from: vault.open(stored.sealedReport, context: Self.reportContext(stored.complaint.id)))
    }

    func messages(of complaint: ComplaintCase, reporterView: Bool) async throws -> [(ComplaintMessage, String)] {
        let kinds: Set<ComplaintMessageKind> = reporterView ? [.reporter, .reply] : Set(ComplaintMessageKind.allCases)
        return try await store.messages(caseID: complaint.id, organizationID: complaint.organizationID, kinds: kinds).map { message in
            (message, try vault.openText(message.sealedBody, context: Self.messageContext(complaint.id, message.id)))
        }
    }

    static let maximumMessageLength = 10_000

    static func checkMessage(_ text: String) throws -> String {
        let text = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty else {
            throw SujaritError(.badRequest, LocalizedText(th: "กรุณาพิมพ์ข้อความ", en: "Write a message"))
        }
        guard text.count <= maximumMessageLength else {
            throw SujaritError(.badRequest, LocalizedText(th: "ข้อความยาวเกิน \(maximumMessageLength) ตัวอักษร", en: "Message too long"))
        }
        return text
    }

    /// The reporter adds information to their case.
    func reporterAdds(_ text: String, to stored: StoredComplaint) async throws -> ComplaintCase {
        let text = try Self.checkMessage(text)
        let updated = try decide(.reporterMessage, on: stored.complaint, by: .reporter)
        return try await write(updated, expectedVersion: nil, kind: .reporter, text: text, authorID: nil,
                               log: ComplaintLogEntry(organizationID: updated.organizationID, caseID: updated.id, actor: "reporter",
                                                      action: "reporter.message", occurred: today.iso))
    }

    // MARK: Officers

    /// The signed-in officer for an organization's cases, or a refusal (recorded).
    func requireOfficer(of organization: Organization) async throws -> Viewer {
        let viewer = try request.requireViewer()
        if viewer.isSystemAdmin { return viewer }
        let organizations = try await store.officerOrganizations(userID: viewer.userID)
        guard organizations.contains(organization.id) else {
            try await store.log(ComplaintLogEntry(organizationID: organization.id, caseID: nil, actor: "user:\(viewer.userID.uuidString)",
                                                  action: "access.refused", detail: "not a complaint officer", occurred: now))
            throw SujaritError(.forbidden, LocalizedText(
                th: "เฉพาะเจ้าหน้าที่รับเรื่องร้องเรียนขององค์กรนี้เท่านั้นที่เข้าถึงเรื่องร้องเรียนได้",
                en: "Only this organization's complaint officers can see its complaints"))
        }
        return viewer
    }

    /// Whether this officer may see this case: the organization's officers see its cases except
    /// those about the executive (handled by the overseeing body, here the installation's
    /// administrators) and those they declared a conflict of interest in.
    static func mayView(_ complaint: ComplaintCase, viewer: Viewer) -> Bool {
        if viewer.isSystemAdmin { return true }
        return !complaint.concernsExecutive && ComplaintWorkflow.mayView(complaint, officer: viewer.userID)
    }

    func cases(of organization: Organization, viewer: Viewer) async throws -> [ComplaintCase] {
        try await store.cases(organizationID: organization.id).filter { Self.mayView($0, viewer: viewer) }
    }

    /// A case this officer may see, logged as viewed; 404 for a case of another organization
    /// (which is not revealed to exist), 403 when excluded. Refusals are logged.
    func readableCase(id text: String?, organization: Organization, viewer: Viewer, logView: Bool) async throws -> StoredComplaint {
        let actor = "user:\(viewer.userID.uuidString)"
        guard let text, let id = UUID(uuidString: text),
              let stored = try await store.find(id: id, organizationIDs: [organization.id]) else {
            try await store.log(ComplaintLogEntry(organizationID: organization.id, caseID: nil, actor: actor, action: "access.refused",
                                                  detail: "no such case in this organization", occurred: now))
            throw SujaritError.notFound("เรื่องร้องเรียน")
        }
        guard Self.mayView(stored.complaint, viewer: viewer) else {
            try await store.log(ComplaintLogEntry(organizationID: organization.id, caseID: id, actor: actor, action: "access.refused",
                                                  detail: stored.complaint.concernsExecutive ? "case concerns the executive" : "recused",
                                                  occurred: now))
            throw SujaritError(.forbidden, LocalizedText(
                th: "ท่านไม่มีสิทธิ์เข้าถึงเรื่องนี้ (มีส่วนได้เสีย หรือเป็นเรื่องที่ส่งให้หน่วยงานกำกับดูแล)",
                en: "You cannot see this case (conflict of interest, or handled by the overseeing body)"))
        }
        if logView {
            try await store.log(ComplaintLogEntry(organizationID: organization.id, caseID: id, actor: actor, action: "case.viewed", occurred: now))
        }
        return stored
    }

    func decide(_ command: ComplaintCommand, on complaint: ComplaintCase, by actor: ComplaintActor) throws -> ComplaintCase {
        do {
            return try ComplaintWorkflow.decide(command, on: complaint, by: actor)
        } catch let error as ComplaintRuleError {
            let status: HTTPResponseStatus = switch error.kind {
            case .notAllowed: .forbidden
            case .wrongState: .conflict
            case .invalid: .badRequest
            }
            throw SujaritError(status, error.message)
        }
    }

    /// An officer's command on a case, with its message text for replies and notes.
    func perform(_ command: ComplaintCommand, on stored: StoredComplaint, viewer: Viewer, expectedVersion: Int,
                 text: String?) async throws -> ComplaintCase {
        let updated = try decide(command, on: stored.complaint, by: .officer(viewer.userID))
        var kind: ComplaintMessageKind?
        var body: String?
        switch command {
        case .reply: kind = .reply; body = try Self.checkMessage(text ?? "")
        case .note: kind = .note; body = try Self.checkMessage(text ?? "")
        default: break
        }
        var detail = ""
        switch command {
        case .refer(let to, let name): detail = "to \(to.rawValue)\(name.isEmpty ? "" : " \(name)")"
        case .conclude(let outcome): detail = outcome.rawValue
        case .assign(let officer): detail = officer?.uuidString ?? "nobody"
        default: detail = updated.status != stored.complaint.status ? "status \(updated.status.rawValue)" : ""
        }
        return try await write(updated, expectedVersion: expectedVersion, kind: kind, text: body, authorID: viewer.userID,
                               log: ComplaintLogEntry(organizationID: updated.organizationID, caseID: updated.id,
                                                      actor: "user:\(viewer.userID.uuidString)", action: "case.\(command.auditName)",
                                                      detail: detail, occurred: now))
    }

    private func write(_ updated: ComplaintCase, expectedVersion: Int?, kind: ComplaintMessageKind?, text: String?, authorID: UUID?,
                       log: ComplaintLogEntry) async throws -> ComplaintCase {
        var message: NewComplaintMessage?
        if let kind, let text {
            let id = UUID()
            message = NewComplaintMessage(id: id, kind: kind, authorID: authorID, writtenOn: today,
                                          sealedBody: try vault.seal(text, context: Self.messageContext(updated.id, id)))
        }
        do {
            return try await store.apply(updated, expectedVersion: expectedVersion, message: message, log: log)
        } catch StoreError.conflict {
            throw SujaritError(.conflict, LocalizedText(
                th: "มีผู้อื่นเปลี่ยนแปลงเรื่องนี้ก่อนแล้ว กรุณาโหลดหน้าใหม่แล้วทำรายการอีกครั้ง",
                en: "Someone else changed this case first; reload and try again"))
        }
    }
}
