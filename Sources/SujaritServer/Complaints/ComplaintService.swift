import Foundation
import Vapor
import Fluent
import SujaritCore
import SujaritPersistence
import SujaritVault
import SujaritAPIModels

/// The one path for everything done to complaint cases, from the reporter's forms and the
/// officers' pages: access checks, the pure decision (`ComplaintWorkflow.decide`), sealing,
/// one transactional write with its log line.
struct ComplaintService {
    let request: Request
    var app: Application { request.application }
    var vault: ComplaintVault { app.complaintVault }
    var store: ComplaintStore { request.stores.complaints }
    var keyring: ComplaintKeyring { ComplaintKeyring(request: request) }

    var evidenceStorage: EvidenceStorage { app.complaintEvidence }

    static func reportContext(_ id: UUID) -> String { "complaint:\(id.uuidString.lowercased()):report" }
    static func evidenceContext(_ caseID: UUID, _ evidenceID: UUID) -> String {
        "complaint:\(caseID.uuidString.lowercased()):evidence:\(evidenceID.uuidString.lowercased())"
    }
    static func messageContext(_ caseID: UUID, _ messageID: UUID) -> String {
        "complaint:\(caseID.uuidString.lowercased()):message:\(messageID.uuidString.lowercased())"
    }

    var today: CalendarDay { CalendarDay(request.dependencies.now()) }
    var now: String { ISO8601DateFormatter().string(from: request.dependencies.now()) }

    func organization(slug: String?) async throws -> Organization {
        guard let slug, let organization = try await request.stores.organizations.find(slug: slug) else {
            throw SujaritError.notFound(.nfOrganization)
        }
        return organization
    }

    // MARK: Reporter

    static let tooMany = LocalizedText(.msgTooManyAttempts)

    /// Stores a new case (online form or an officer's intake) and returns it with its receipt
    /// code, which exists from here on only in the answer to this request.
    func submit(_ report: ComplaintReport, organization: Organization, kind: ComplaintKind = .corruption, channel: ComplaintChannel,
                concernsExecutive: Bool, actor: String, files: [EvidenceUpload] = []) async throws -> (ComplaintCase, ReceiptCode) {
        if channel == .online {
            let keys = app.complaintThrottle.reportKeys(request, organizationID: organization.id)
            if let wait = app.complaintThrottle.reports.retryAfter(keys, now: app.sujaritClock()) {
                throw SujaritError(.tooManyRequests, Self.tooMany, retryAfter: wait)
            }
            app.complaintThrottle.reports.recordFailure(keys, now: app.sujaritClock())
        }
        let policy = try await store.deadlinePolicy(organizationID: organization.id)
        let received = today
        let complaint = ComplaintCase.received(id: request.dependencies.makeID(), organizationID: organization.id, kind: kind,
                                               channel: channel, on: received, policy: policy, concernsExecutive: concernsExecutive)
        let checked = try Self.checkEvidence(files)
        let code = ReceiptCode.generate()
        let rounds = app.receiptHashRounds
        let (verifier, reporterKey) = try await app.threadPool.runIfActive { try ReceiptVerifier.makeWithReporterKey(for: code, rounds: rounds) }
        // Sealed to the people who may read it, with their public keys only.
        let (keys, wraps) = try await keyring.sealNew(complaint, organization: organization, reporterPublicKey: reporterKey.publicKey)
        let evidence = try await storeEvidence(checked, caseID: complaint.id, organizationID: organization.id,
                                               addedBy: actor == "reporter" ? "reporter" : "officer", keys: keys, under: .caseKey)
        let sealed = try keys.seal(try JSONEncoder().encode(report), with: .caseKey, context: Self.reportContext(complaint.id))
        try await store.create(complaint, lookupTag: vault.lookupTag(for: code), verifier: verifier.encoded, sealedReport: sealed,
                               evidence: evidence, wraps: wraps,
                               log: ComplaintLogEntry(organizationID: organization.id, caseID: complaint.id, actor: actor,
                                                      action: .caseCreated,
                                                      detail: "\(kind.rawValue), channel \(channel.rawValue)\(evidence.isEmpty ? "" : ", files \(evidence.count)")",
                                                      occurred: actor == "reporter" ? received.iso : now))
        return (complaint, code)
    }

    /// The case a typed receipt code opens in this organization, or nil — the same nil for a
    /// code that does not exist, a wrong one, one of another organization, or a malformed one.
    /// Throws 429 while the client, the organization or the whole site has too many recent
    /// failures.
    func track(typed: String, organization: Organization) async throws -> ReporterAccess? {
        let throttle = app.complaintThrottle
        let keys = throttle.trackingKeys(request, slug: organization.slug)
        try checkTrackingLimit(slug: organization.slug)
        var found: ReporterAccess?
        if let code = ReceiptCode(typed: typed) {
            let stored = try await store.find(lookupTags: vault.lookupTags(for: code))
            let verifier = stored.map { ReceiptVerifier(encoded: $0.receiptVerifier) } ?? app.decoyReceiptVerifier
            // The slow hash runs whether or not a case was found, so the time taken tells nothing.
            let opened = try await app.threadPool.runIfActive { verifier.open(code) }
            if let stored, opened.matches, stored.complaint.organizationID == organization.id {
                let (current, caseKeys) = try await keyring.reporterKeys(for: stored, code: code, reporterKey: opened.reporterKey,
                                                                         organization: organization)
                found = ReporterAccess(stored: current, code: code, keys: caseKeys)
            }
        }
        if found == nil {
            throttle.tracking.recordFailure(keys, now: app.sujaritClock())
            try await store.log(ComplaintLogEntry(organizationID: organization.id, caseID: nil, actor: "reporter",
                                                  action: .trackFailed, occurred: today.iso))
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

    /// What a reporter who typed the right code may open.
    struct ReporterAccess {
        var stored: StoredComplaint
        var code: ReceiptCode
        /// the reply key only
        var keys: CaseKeys
    }

    /// The report, or nil when this officer holds no key to the case yet.
    func openReport(_ stored: StoredComplaint, keys: CaseKeys) throws -> ComplaintReport? {
        guard keys.canReadCase || ContentKey.kind(of: stored.sealedReport) == nil else { return nil }
        return try JSONDecoder().decode(ComplaintReport.self, from: keys.open(stored.sealedReport, context: Self.reportContext(stored.complaint.id)))
    }

    /// The messages of a case that these keys open: the reporter's view is replies and the
    /// reporter's own additions.
    func messages(of complaint: ComplaintCase, keys: CaseKeys, reporterView: Bool) async throws -> [(ComplaintMessage, String)] {
        let kinds: Set<ComplaintMessageKind> = reporterView ? [.reporter, .reply] : Set(ComplaintMessageKind.allCases)
        return try await store.messages(caseID: complaint.id, organizationID: complaint.organizationID, kinds: kinds).compactMap { message in
            if let kind = ContentKey.kind(of: message.sealedBody), keys.key(kind) == nil { return nil }
            return (message, try keys.openText(message.sealedBody, context: Self.messageContext(complaint.id, message.id)))
        }
    }

    /// The keys an officer holds for a case they may see; a case from before per-officer
    /// sealing is sealed to its officers first.
    func officerKeys(for stored: StoredComplaint, viewer: Viewer, organization: Organization) async throws -> (StoredComplaint, CaseKeys) {
        var stored = stored
        if stored.keyGeneration == nil {
            try await keyring.upgrade(stored, organization: organization, actor: "user:\(viewer.userID.uuidString)", occurred: now)
            stored = try await keyring.reread(stored)
        }
        return (stored, try await keyring.keys(for: stored, viewer: viewer, organization: organization))
    }

    static let maximumMessageLength = 10_000

    static func checkMessage(_ text: String) throws -> String {
        let text = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty else {
            throw SujaritError(.badRequest, LocalizedText(.msgWriteMessage))
        }
        guard text.count <= maximumMessageLength else {
            throw SujaritError(.badRequest, LocalizedText(.msgLongerThanCharacters, String(maximumMessageLength)))
        }
        return text
    }

    /// The reporter adds information, files or both to their case.
    func reporterAdds(_ text: String, files: [EvidenceUpload] = [], to access: ReporterAccess) async throws -> ComplaintCase {
        let stored = access.stored
        let checked = try Self.checkEvidence(files)
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        var message: String?
        if !(trimmed.isEmpty && !checked.isEmpty) { message = try Self.checkMessage(text) }
        let updated = try decide(.reporterMessage, on: stored.complaint, by: .reporter)
        // The reporter holds the reply key only: what they add is sealed under it.
        let evidence = try await storeEvidence(checked, caseID: updated.id, organizationID: updated.organizationID, addedBy: "reporter",
                                               keys: access.keys, under: .replyKey)
        return try await write(updated, stored: stored, keys: access.keys, expectedVersion: nil, kind: message == nil ? nil : .reporter,
                               text: message, authorID: nil, evidence: evidence,
                               log: ComplaintLogEntry(organizationID: updated.organizationID, caseID: updated.id, actor: "reporter",
                                                      action: .reporterMessage,
                                                      detail: evidence.isEmpty ? "" : "files \(evidence.count)", occurred: today.iso))
    }

    // MARK: Evidence

    /// One uploaded file, as the form sent it.
    struct EvidenceUpload {
        var name: String
        var data: Data
    }

    struct CheckedEvidence {
        var upload: EvidenceUpload
        var kind: EvidenceFileKind
    }

    /// At most 5 files, 25 MB together, each of an accepted kind by content; parts the browser
    /// sends for an empty file field are dropped before.
    static func checkEvidence(_ files: [EvidenceUpload]) throws -> [CheckedEvidence] {
        guard files.count <= EvidenceFileCheck.maximumFilesPerSubmission else {
            throw SujaritError(.badRequest, LocalizedText(.msgAtMostFilesAtATime, String(EvidenceFileCheck.maximumFilesPerSubmission)), fields: [FieldError(field: "evidence", message: LocalizedText(.msgTooManyFiles))])
        }
        guard files.reduce(0, { $0 + $1.data.count }) <= EvidenceFileCheck.maximumSubmissionSize else {
            throw SujaritError(.payloadTooLarge, LocalizedText(.msgFilesLargerThanMB, String(EvidenceFileCheck.maximumSubmissionSize / 1024 / 1024)))
        }
        return try files.map { file in
            do {
                return CheckedEvidence(upload: file, kind: try EvidenceFileCheck.check([UInt8](file.data), name: file.name))
            } catch let refusal as EvidenceFileCheck.Refusal {
                throw SujaritError(.unprocessableEntity, refusal.message,
                                   fields: [FieldError(field: "evidence", message: refusal.message)])
            }
        }
    }

    /// Evidence an organization may receive in a day (a flood cannot fill the disk).
    static let maximumEvidenceBytesPerDay = 500 * 1024 * 1024

    /// Seals the files into the storage and their names into records to write with the case.
    /// A file stored here whose transaction then fails is left unreferenced; `sujarit
    /// complaints retention` removes such files.
    func storeEvidence(_ files: [CheckedEvidence], caseID: UUID, organizationID: UUID, addedBy: String, keys: CaseKeys,
                       under kind: CaseKeyKind) async throws -> [NewComplaintEvidence] {
        guard !files.isEmpty else { return [] }
        let incoming = files.reduce(0) { $0 + $1.upload.data.count }
        if try await store.evidenceBytes(organizationID: organizationID, on: today) + incoming > Self.maximumEvidenceBytesPerDay {
            throw SujaritError(.tooManyRequests, LocalizedText(.msgEvidenceQuotaToday))
        }
        let storage = evidenceStorage
        let day = today
        var result: [NewComplaintEvidence] = []
        for file in files {
            let data = file.upload.data
            // Each file under a key of its own, which travels in its sealed description.
            let fileKey = ContentKey.fileKey()
            let address = try await app.threadPool.runIfActive { try storage.put(data, fileKey: fileKey) }
            let id = request.dependencies.makeID()
            let info = EvidenceFileInfo(name: EvidenceFileCheck.safeName(file.upload.name, kind: file.kind), kind: file.kind, size: data.count,
                                        fileKey: Data(fileKey).base64EncodedString())
            let sealedInfo = try keys.seal(try JSONEncoder().encode(info), with: kind, context: Self.evidenceContext(caseID, id))
            result.append(NewComplaintEvidence(id: id, address: address, size: data.count, sealedInfo: sealedInfo, addedOn: day, addedBy: addedBy))
        }
        return result
    }

    /// The evidence of a case with its names, for officers (those the keys open).
    func evidence(of complaint: ComplaintCase, keys: CaseKeys) async throws -> [(StoredEvidence, EvidenceFileInfo)] {
        try await store.evidence(caseID: complaint.id, organizationID: complaint.organizationID).compactMap { item in
            if let kind = ContentKey.kind(of: item.sealedInfo), keys.key(kind) == nil { return nil }
            return (item, try openInfo(item, keys: keys))
        }
    }

    /// Problems of the files of a form, by field (shown on the form again).
    static func evidenceProblems(_ files: [EvidenceUpload]) -> [String: LocalizedText] {
        do {
            _ = try checkEvidence(files)
            return [:]
        } catch let error as SujaritError {
            return ["evidence": error.message]
        } catch {
            return ["evidence": LocalizedText(.msgInvalidFile)]
        }
    }

    /// An evidence file of a case the officer may see, opened, with its view logged.
    func evidenceFile(id text: String?, of complaint: ComplaintCase, keys: CaseKeys, viewer: Viewer) async throws -> (Data, EvidenceFileInfo, StoredEvidence) {
        let actor = "user:\(viewer.userID.uuidString)"
        guard let text, let id = UUID(uuidString: text),
              let item = try await store.evidence(id: id, caseID: complaint.id, organizationID: complaint.organizationID) else {
            try await store.log(ComplaintLogEntry(organizationID: complaint.organizationID, caseID: complaint.id, actor: actor,
                                                  action: .accessRefused, detail: "no such evidence file", occurred: now))
            throw SujaritError.notFound(.nfEvidenceFile)
        }
        let info = try openInfo(item, keys: keys)
        let storage = evidenceStorage
        let fileKey = info.fileKey.flatMap { Data(base64Encoded: $0) }.map { [UInt8]($0) }
        let data = try await app.threadPool.runIfActive {
            if let fileKey { return try storage.get(item.address, fileKey: fileKey) }
            return try storage.get(item.address)
        }
        try await store.log(ComplaintLogEntry(organizationID: complaint.organizationID, caseID: complaint.id, actor: actor,
                                              action: .evidenceViewed, detail: id.uuidString.lowercased(), occurred: now))
        return (data, info, item)
    }

    /// A file answer that no browser renders inline: attachment, no sniffing, a sandboxing CSP.
    static func download(_ data: Data, info: EvidenceFileInfo, id: UUID) -> Response {
        let response = Response(status: .ok, body: .init(data: data))
        response.headers.replaceOrAdd(name: .contentType, value: info.kind.mediaType)
        let fallback = "evidence-\(id.uuidString.lowercased().prefix(8)).\(info.kind.fileExtension)"
        let encoded = info.name.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? fallback
        response.headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"\(fallback)\"; filename*=UTF-8''\(encoded)")
        response.headers.replaceOrAdd(name: "X-Content-Type-Options", value: "nosniff")
        response.headers.replaceOrAdd(name: "Content-Security-Policy", value: "default-src 'none'; sandbox")
        response.headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        return response
    }

    func openInfo(_ item: StoredEvidence, keys: CaseKeys) throws -> EvidenceFileInfo {
        try JSONDecoder().decode(EvidenceFileInfo.self, from: keys.open(item.sealedInfo, context: Self.evidenceContext(item.caseID, item.id)))
    }

    // MARK: Officers

    struct StaffRolesKey: StorageKey { typealias Value = Set<ComplaintStaffRole> }

    /// The signed-in member of staff for an organization's cases — one of its complaint
    /// officers, the outside body of its province, or an administrator — or a refusal
    /// (recorded). The roles are kept for the request (`mayView`).
    func requireOfficer(of organization: Organization) async throws -> Viewer {
        let viewer = try request.requireViewer()
        var roles: Set<ComplaintStaffRole> = []
        if viewer.isSystemAdmin { roles.insert(.administrator) }
        if try await store.officerOrganizations(userID: viewer.userID).contains(organization.id) { roles.insert(.officer) }
        let province = ComplaintStore.provinceKey(organization.province)
        if !province.isEmpty, try await store.overseerProvinces(userID: viewer.userID).contains(province) { roles.insert(.overseer) }
        guard !roles.isEmpty else {
            try await store.log(ComplaintLogEntry(organizationID: organization.id, caseID: nil, actor: "user:\(viewer.userID.uuidString)",
                                                  action: .accessRefused, detail: "not a complaint officer", occurred: now))
            throw SujaritError(.forbidden, LocalizedText(.msgOnlyComplaintOfficers))
        }
        request.storage[StaffRolesKey.self] = roles
        return viewer
    }

    var staffRoles: Set<ComplaintStaffRole> { request.storage[StaffRolesKey.self] ?? [] }

    /// Whether this member of staff may see this case (`ComplaintWorkflow.mayView`).
    func mayView(_ complaint: ComplaintCase, viewer: Viewer) -> Bool {
        ComplaintWorkflow.mayView(complaint, user: viewer.userID, roles: staffRoles)
    }

    func cases(of organization: Organization, viewer: Viewer, kind: ComplaintKind? = nil) async throws -> [ComplaintCase] {
        try await store.cases(organizationID: organization.id, kind: kind).filter { mayView($0, viewer: viewer) }
    }

    /// When an officer lists the cases: every case they may see is sealed to whoever should
    /// hold its keys now (cases from before per-officer sealing; new colleagues; a new recovery
    /// key) as far as this officer or the server can open it.
    func handOnKeys(of organization: Organization, viewer: Viewer) async throws {
        let stored = try await store.storedCases(organizationID: organization.id).filter { mayView($0.complaint, viewer: viewer) }
        for item in stored where item.keyGeneration == nil {
            try await keyring.upgrade(item, organization: organization, actor: "user:\(viewer.userID.uuidString)", occurred: now)
        }
        let current = stored.contains { $0.keyGeneration == nil }
            ? try await store.storedCases(organizationID: organization.id).filter { mayView($0.complaint, viewer: viewer) } : stored
        try await keyring.shareAll(current, viewer: viewer, organization: organization)
    }

    /// Who a case can be assigned to: the outside body's accounts of the province for a case
    /// about the executive, the organization's officers otherwise.
    func assignable(for complaint: ComplaintCase, organization: Organization) async throws -> [UUID] {
        if complaint.concernsExecutive { return try await store.overseers(province: organization.province) }
        return try await store.officers(organizationID: organization.id)
    }

    /// A case this officer may see, logged as viewed; 404 for a case of another organization
    /// (which is not revealed to exist), 403 when excluded. Refusals are logged.
    func readableCase(id text: String?, organization: Organization, viewer: Viewer, logView: Bool) async throws -> StoredComplaint {
        let actor = "user:\(viewer.userID.uuidString)"
        guard let text, let id = UUID(uuidString: text),
              let stored = try await store.find(id: id, organizationIDs: [organization.id]) else {
            try await store.log(ComplaintLogEntry(organizationID: organization.id, caseID: nil, actor: actor, action: .accessRefused,
                                                  detail: "no such case in this organization", occurred: now))
            throw SujaritError.notFound(.nfComplaint)
        }
        guard mayView(stored.complaint, viewer: viewer) else {
            try await store.log(ComplaintLogEntry(organizationID: organization.id, caseID: id, actor: actor, action: .accessRefused,
                                                  detail: stored.complaint.concernsExecutive ? "case concerns the executive" : "recused",
                                                  occurred: now))
            throw SujaritError(.forbidden, LocalizedText(.msgCannotSeeThisCase))
        }
        if logView {
            try await store.log(ComplaintLogEntry(organizationID: organization.id, caseID: id, actor: actor, action: .caseViewed, occurred: now))
        }
        return stored
    }

    /// Reminders of the cases this officer may see.
    func reminders(of organization: Organization, cases: [ComplaintCase]) -> [ComplaintReminder] {
        ComplaintReminder.list(cases, today: today)
    }

    /// New deadlines typed on the settings page: decided in Core, written with their log line.
    func setDeadlines(days: String, acknowledgeDays: String, workingDaysOnly: Bool, organization: Organization,
                      viewer: Viewer) async throws -> Result<ComplaintDeadlinePolicy, FieldProblems> {
        let decision = ComplaintDeadlinePolicy.decide(days: days, acknowledgeDays: acknowledgeDays, workingDaysOnly: workingDaysOnly)
        if case .success(let policy) = decision {
            try await store.setDeadlinePolicy(policy, organizationID: organization.id, log: ComplaintLogEntry(
                organizationID: organization.id, caseID: nil, actor: "user:\(viewer.userID.uuidString)", action: .settingsDeadlines,
                detail: policy.summary, occurred: now))
        }
        return decision
    }

    func decide(_ command: ComplaintCommand, on complaint: ComplaintCase, by actor: ComplaintActor, today: CalendarDay? = nil) throws -> ComplaintCase {
        do {
            return try ComplaintWorkflow.decide(command, on: complaint, by: actor, today: today)
        } catch let error as ComplaintRuleError {
            let status: HTTPResponseStatus = switch error.kind {
            case .notAllowed: .forbidden
            case .wrongState: .conflict
            case .invalid: .badRequest
            }
            throw SujaritError(status, error.message)
        }
    }

    /// The typed command an officer's form or API request names, or 400.
    func command(named name: String?, body: OversightBody?, bodyName: String?, outcome: ComplaintOutcome?,
                 officer: UUID?, on complaint: ComplaintCase, organization: Organization) async throws -> ComplaintCommand {
        func invalid(_ field: String, _ key: UIKey) -> SujaritError {
            SujaritError(.badRequest, LocalizedText(key), fields: [FieldError(field: field, message: LocalizedText(key))])
        }
        switch name {
        case "acknowledge": return .acknowledge
        case "screen": return .startScreening
        case "investigate": return .startInvestigation
        case "refer":
            guard let body else { throw invalid("body", .msgChooseReferralBody) }
            return .refer(body, name: bodyName ?? "")
        case "conclude":
            guard let outcome else {
                throw invalid("outcome", .msgChooseOutcome)
            }
            return .conclude(outcome)
        case "close": return .close
        case "assign":
            if let officer {
                guard try await assignable(for: complaint, organization: organization).contains(officer) else {
                    throw invalid("officer", .msgNotAComplaintOfficer)
                }
            }
            return .assign(officer)
        case "recuse": return .recuse
        case "reply": return .reply
        case "note": return .note
        case "reclassify": return .moveToCorruption
        default:
            throw invalid("command", .msgUnknownCaseCommand)
        }
    }

    /// An officer's command on a case, with its message text for replies and notes.
    func perform(_ command: ComplaintCommand, on stored: StoredComplaint, keys: CaseKeys, organization: Organization, viewer: Viewer,
                 expectedVersion: Int, text: String?) async throws -> ComplaintCase {
        let updated = try decide(command, on: stored.complaint, by: .officer(viewer.userID), today: today)
        var sealing: CaseSealingChange?
        if command == .recuse {
            if keys.caseKey != nil, keys.replyKey != nil {
                // Sealed again under new keys that the recused officer never holds.
                sealing = try await keyring.resealed(stored, as: updated, keys: keys, organization: organization)
            } else {
                let mine = try await store.wraps(caseIDs: [stored.complaint.id], organizationID: stored.complaint.organizationID)
                    .filter { $0.recipient == .officer && $0.recipientID == viewer.userID }
                sealing = CaseSealingChange(removeWraps: mine)
            }
        }
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
        case .moveToCorruption: detail = "general to corruption"
        default: detail = updated.status != stored.complaint.status ? "status \(updated.status.rawValue)" : ""
        }
        return try await write(updated, stored: stored, keys: keys, expectedVersion: expectedVersion, kind: kind, text: body,
                               authorID: viewer.userID, sealing: sealing, log: ComplaintLogEntry(organizationID: updated.organizationID, caseID: updated.id,
                                                      actor: "user:\(viewer.userID.uuidString)", action: ComplaintLogAction(command),
                                                      detail: detail, occurred: now))
    }

    private func write(_ updated: ComplaintCase, stored: StoredComplaint, keys: CaseKeys, expectedVersion: Int?, kind: ComplaintMessageKind?,
                       text: String?, authorID: UUID?, evidence: [NewComplaintEvidence] = [], sealing: CaseSealingChange? = nil,
                       log: ComplaintLogEntry) async throws -> ComplaintCase {
        var message: NewComplaintMessage?
        if let kind, let text {
            let id = request.dependencies.makeID()
            // Internal notes under the case key; what the reporter reads under the reply key.
            message = NewComplaintMessage(id: id, kind: kind, authorID: authorID, writtenOn: today,
                                          sealedBody: try keys.seal(Data(text.utf8), with: kind == .note ? .caseKey : .replyKey,
                                                                    context: Self.messageContext(updated.id, id)))
        }
        do {
            return try await store.apply(updated, expectedVersion: expectedVersion, expectedKeyGeneration: stored.keyGeneration,
                                         message: message, evidence: evidence, sealing: sealing, log: log)
        } catch StoreError.conflict {
            throw SujaritError(.conflict, LocalizedText(.msgCaseChangedFirst))
        }
    }
}
