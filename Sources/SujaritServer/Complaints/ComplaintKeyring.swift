import Foundation
import Vapor
import Fluent
import SujaritCore
import SujaritPersistence
import SujaritVault

/// The content keys of one case as far as this request could open them.
struct CaseKeys: Sendable {
    var caseKey: ContentKey?
    var replyKey: ContentKey?
    /// The vault, for content sealed before per-officer sealing (`s1:`).
    var vault: ComplaintVault

    var canReadCase: Bool { caseKey != nil }

    func key(_ kind: CaseKeyKind) -> ContentKey? { kind == .caseKey ? caseKey : replyKey }

    func open(_ sealed: String, context: String) throws -> Data {
        switch ContentKey.kind(of: sealed) {
        case .some(let kind):
            guard let key = key(kind) else { throw CaseKeys.unavailable }
            return try key.open(sealed, context: context)
        case .none:
            return try vault.open(sealed, context: context)
        }
    }

    func openText(_ sealed: String, context: String) throws -> String {
        String(decoding: try open(sealed, context: context), as: UTF8.self)
    }

    func seal(_ data: Data, with kind: CaseKeyKind, context: String) throws -> String {
        guard let key = key(kind) else { throw CaseKeys.unavailable }
        return try key.seal(data, context: context)
    }

    /// Refused when this officer holds no copy of the case's keys yet (answered 409 with what
    /// to do).
    static let unavailable = SujaritError(.conflict, LocalizedText(.msgNoKeyToThisCase))
}

/// ผู้ถือกุญแจเรื่องร้องเรียน — per-officer sealing on the server (docs/complaint-sealing.md).
///
/// New cases are sealed with fresh content keys wrapped for the public keys of the people who
/// may read them: no officer's secret is needed to seal. An officer's private key is opened
/// with their password at sign-in and kept for the session only under a secret their browser
/// holds (the `sujarit_keys` cookie) or their API token; the database alone opens nothing. When
/// an officer who holds a case's keys opens it (or the case list), copies are made for people
/// who should have one and do not (a new officer, a new recovery key); recusal seals the case
/// again under new keys without the recused officer.
struct ComplaintKeyring {
    let app: Application
    let database: any Database
    /// The request, for the signed-in officer's own key (nil on the command line).
    let request: Request?

    init(request: Request) {
        self.app = request.application
        self.database = request.db
        self.request = request
    }

    /// For the command line: no officer is signed in; the vault and public keys only.
    init(app: Application) {
        self.app = app
        self.database = app.db
        self.request = nil
    }

    var vault: ComplaintVault { app.complaintVault }
    var store: ComplaintStore { Stores(database: database).complaints }

    static let cookieName = "sujarit_keys"
    static let sessionField = "ck"

    static func lockContext(_ user: UUID) -> String { "officer-key:\(user.uuidString.lowercased())" }
    static func sessionContext(_ user: UUID) -> String { "officer-session:\(user.uuidString.lowercased())" }
    static func tokenContext(_ user: UUID) -> String { "officer-token:\(user.uuidString.lowercased())" }

    var today: CalendarDay { CalendarDay(app.dependencies.now()) }
    var now: String { ISO8601DateFormatter().string(from: app.dependencies.now()) }

    // MARK: The officer's own key pair

    /// The officer's key pair opened with their password, made on first use. A stored pair the
    /// password does not open (the password was set by an administrator, who cannot know the
    /// old one) is replaced by a new pair: the officer then receives case keys again from a
    /// colleague or through the recovery key. Nil for people who are no complaint staff.
    func keyPair(userID: UUID, password: String) async throws -> RecipientKeyPair? {
        guard try await store.isComplaintStaff(userID: userID) else { return nil }
        let rounds = app.officerKeyRounds
        if let stored = try await store.officerKey(userID: userID) {
            let locked = try vault.openText(stored.lockedKey, context: Self.lockContext(userID))
            do {
                return try await app.threadPool.runIfActive {
                    try PrivateKeyLock.open(locked, password: password, context: Self.lockContext(userID))
                }
            } catch SealingError.wrongPassword {
                return try await newKeyPair(userID: userID, password: password, rounds: rounds, replacing: true)
            }
        }
        return try await newKeyPair(userID: userID, password: password, rounds: rounds, replacing: false)
    }

    private func newKeyPair(userID: UUID, password: String, rounds: Int, replacing: Bool) async throws -> RecipientKeyPair {
        let pair = RecipientKeyPair.generate()
        let locked = try await app.threadPool.runIfActive {
            try PrivateKeyLock.lock(pair, password: password, rounds: rounds, context: Self.lockContext(userID))
        }
        let key = StoredOfficerKey(userID: userID, publicKey: pair.publicKey,
                                   lockedKey: try vault.seal(locked, context: Self.lockContext(userID)), createdOn: today.iso)
        try await store.setOfficerKey(key, replacing: replacing, log: ComplaintLogEntry(
            organizationID: nil, caseID: nil, actor: "user:\(userID.uuidString)",
            action: replacing ? .officerKeyReplaced : .officerKeyCreated, detail: pair.fingerprint, occurred: now))
        return pair
    }

    /// The hook after a successful sign-in with the form: the officer's private key is kept in
    /// the session, locked under a new random secret that goes to the browser only (a cookie).
    ///
    /// A failure here (e.g. the vault key that locks the officer's key is missing from the key
    /// file) does not stop the sign-in: the person is signed in without their complaint key, is
    /// told so on a case, and the server log names the user and the error (never a secret).
    static func signedIn(_ request: Request, userID: UUID, password: String, response: Response) async throws {
        let keyring = ComplaintKeyring(request: request)
        try? await keyring.store.dropStaleTokenKeys(now: request.dependencies.now())
        let pair: RecipientKeyPair
        do {
            guard let opened = try await keyring.keyPair(userID: userID, password: password) else { return }
            pair = opened
        } catch {
            request.logger.warning("complaint officer key of user \(userID.uuidString) not opened at sign-in: \(error)")
            return
        }
        let secret = PrivateKeyLock.newSessionSecret()
        request.session.data[sessionField] = try PrivateKeyLock.lock(pair, secret: secret, context: sessionContext(userID))
        response.cookies[cookieName] = HTTPCookies.Value(string: secret, path: "/", isSecure: request.application.sujaritSettings.secureCookies,
                                                         isHTTPOnly: true, sameSite: .lax)
    }

    /// The hook after an API token was issued for a password: the private key is kept locked
    /// under a key derived from the token, which only the script holds.
    static func tokenIssued(_ request: Request, userID: UUID, password: String, token: String, expiresAt: Date) async throws {
        let keyring = ComplaintKeyring(request: request)
        let pair: RecipientKeyPair
        do {
            guard let opened = try await keyring.keyPair(userID: userID, password: password) else { return }
            pair = opened
        } catch {
            request.logger.warning("complaint officer key of user \(userID.uuidString) not opened for a token: \(error)")
            return
        }
        try await keyring.store.addTokenKey(userID: userID, tokenHash: SHA256.hash(data: Data(token.utf8)).hex,
                                            lockedKey: try PrivateKeyLock.lock(pair, secret: token, context: tokenContext(userID)),
                                            expiresAt: expiresAt, now: request.dependencies.now())
    }

    /// The hook after a person changed their own password (old and new known): the private key
    /// is locked under the new password. Without a key pair nothing happens.
    static func passwordChanged(_ request: Request, userID: UUID, oldPassword: String, newPassword: String) async throws {
        let keyring = ComplaintKeyring(request: request)
        guard let stored = try await keyring.store.officerKey(userID: userID) else { return }
        let vault = keyring.vault
        let rounds = request.application.officerKeyRounds
        let locked = try vault.openText(stored.lockedKey, context: lockContext(userID))
        let relocked: String
        do {
            relocked = try await request.application.threadPool.runIfActive { () throws -> String in
                let pair = try PrivateKeyLock.open(locked, password: oldPassword, context: lockContext(userID))
                return try PrivateKeyLock.lock(pair, password: newPassword, rounds: rounds, context: lockContext(userID))
            }
        } catch SealingError.wrongPassword {
            // Locked under a password older than the one just replaced (set by an administrator
            // meanwhile): the next sign-in makes a new pair.
            return
        }
        var key = stored
        key.lockedKey = try vault.seal(relocked, context: lockContext(userID))
        try await keyring.store.setOfficerKey(key, replacing: false, log: nil)
    }

    /// The signed-in officer's private key in this request: from the session and its cookie, or
    /// from the bearer token. Nil when the request carries neither (or a stale one).
    func viewerKeyPair(_ viewer: Viewer) async throws -> RecipientKeyPair? {
        guard let request else { return nil }
        if let cached = request.storage[ViewerPairKey.self] { return cached.pair }
        var pair: RecipientKeyPair?
        if let bearer = request.headers.bearerAuthorization {
            let hash = SHA256.hash(data: Data(bearer.token.utf8)).hex
            if let locked = try await store.tokenKey(tokenHash: hash, userID: viewer.userID, now: request.dependencies.now()) {
                pair = try? PrivateKeyLock.open(locked, secret: bearer.token, context: Self.tokenContext(viewer.userID))
            }
        } else if request.hasSession, let locked = request.session.data[Self.sessionField],
                  let secret = request.cookies[Self.cookieName]?.string {
            pair = try? PrivateKeyLock.open(locked, secret: secret, context: Self.sessionContext(viewer.userID))
        }
        // A pair replaced since (password reset) opens nothing any more.
        if let found = pair, try await store.officerKey(userID: viewer.userID)?.publicKey != found.publicKey { pair = nil }
        request.storage[ViewerPairKey.self] = .init(pair: pair)
        return pair
    }

    struct ViewerPair: Sendable { var pair: RecipientKeyPair? }
    struct ViewerPairKey: StorageKey { typealias Value = ViewerPair }

    // MARK: Who receives a case's keys

    func holders(of complaint: ComplaintCase, organization: Organization) async throws -> [CaseKeyPlan.Recipient] {
        let ids = ComplaintWorkflow.keyHolders(of: complaint, officers: try await store.officers(organizationID: organization.id),
                                               overseers: try await store.overseers(province: organization.province))
        return try await store.officerKeys(userIDs: Array(ids)).sorted { $0.userID.uuidString < $1.userID.uuidString }
            .map { CaseKeyPlan.Recipient(kind: .officer, id: $0.userID, publicKey: $0.publicKey) }
    }

    /// The recovery key that receives a case: the organization's, or for a case about the
    /// executive the province's (the organization's own may be in the executive's hands).
    func recovery(for complaint: ComplaintCase, organization: Organization) async throws -> CaseKeyPlan.Recipient? {
        let key = complaint.concernsExecutive ? try await store.currentRecoveryKey(province: organization.province)
            : try await store.currentRecoveryKey(organizationID: organization.id)
        return key.map { CaseKeyPlan.Recipient(kind: .recovery, id: $0.id, publicKey: $0.publicKey) }
    }

    func wrap(_ key: ContentKey, caseID: UUID, for recipient: CaseKeyPlan.Recipient) throws -> WrappedCaseKey {
        let context = WrappedCaseKey.context(caseID: caseID, key: key.kind, recipient: recipient.kind, recipientID: recipient.id)
        let wrapped = recipient.kind == .server ? try vault.wrapForServer(key, context: context)
            : try KeyWrap.wrap(key, to: recipient.publicKey, context: context)
        return WrappedCaseKey(caseID: caseID, key: key.kind, recipient: recipient.kind, recipientID: recipient.id,
                              recipientKey: recipient.publicKey, wrapped: wrapped)
    }

    static let server = CaseKeyPlan.Recipient(kind: .server, id: nil, publicKey: "")

    /// Fresh keys for a case and their copies: for its holders, its recovery key, the reporter
    /// (reply key), and the server only while no holder has a key pair yet.
    func sealNew(_ complaint: ComplaintCase, organization: Organization, reporterPublicKey: String?) async throws -> (CaseKeys, [WrappedCaseKey]) {
        let keys = CaseKeys(caseKey: .generate(.caseKey), replyKey: .generate(.replyKey), vault: vault)
        let wraps = try await wraps(for: keys, complaint: complaint, organization: organization, reporterPublicKey: reporterPublicKey)
        return (keys, wraps)
    }

    private func wraps(for keys: CaseKeys, complaint: ComplaintCase, organization: Organization,
                       reporterPublicKey: String?) async throws -> [WrappedCaseKey] {
        guard let caseKey = keys.caseKey, let replyKey = keys.replyKey else { throw CaseKeys.unavailable }
        let people = try await holders(of: complaint, organization: organization)
        var recipients = people
        if let recovery = try await recovery(for: complaint, organization: organization) { recipients.append(recovery) }
        if people.isEmpty { recipients.append(Self.server) }
        var wraps: [WrappedCaseKey] = []
        for recipient in recipients {
            wraps.append(try wrap(caseKey, caseID: complaint.id, for: recipient))
            wraps.append(try wrap(replyKey, caseID: complaint.id, for: recipient))
        }
        if let reporterPublicKey {
            wraps.append(try wrap(replyKey, caseID: complaint.id, for: .init(kind: .reporter, id: nil, publicKey: reporterPublicKey)))
        } else if !people.isEmpty {
            // No reporter key (a case from before): the server keeps the reply key for the
            // reporter until they next track it with their code.
            wraps.append(try wrap(replyKey, caseID: complaint.id, for: Self.server))
        }
        return wraps
    }

    // MARK: Opening a case

    /// The keys an officer can open for a case: their own copy, or the server's while it has one.
    /// Copies for people who should hold one are made on the way (logged).
    func keys(for stored: StoredComplaint, viewer: Viewer, organization: Organization) async throws -> CaseKeys {
        guard stored.keyGeneration != nil else { return CaseKeys(vault: vault) }
        let complaint = stored.complaint
        let wraps = try await store.wraps(caseIDs: [complaint.id], organizationID: complaint.organizationID)
        var keys = CaseKeys(vault: vault)
        if let pair = try await viewerKeyPair(viewer) {
            for kind in CaseKeyKind.allCases {
                if let copy = wraps.first(where: { $0.key == kind && $0.recipient == .officer && $0.recipientID == viewer.userID
                                                   && $0.recipientKey == pair.publicKey }) {
                    let key = try? KeyWrap.unwrap(copy.wrapped, kind: kind, with: pair, context: copy.context)
                    if kind == .caseKey { keys.caseKey = key } else { keys.replyKey = key }
                }
            }
        }
        // A copy under a vault key no longer configured opens nothing (and fails no page).
        for copy in wraps where copy.recipient == .server {
            guard let key = try? vault.unwrapForServer(copy.wrapped, kind: copy.key, context: copy.context) else { continue }
            if copy.key == .caseKey, keys.caseKey == nil { keys.caseKey = key }
            if copy.key == .replyKey, keys.replyKey == nil { keys.replyKey = key }
        }
        if keys.caseKey != nil, keys.replyKey != nil {
            try await share(complaint, keys: keys, existing: wraps, organization: organization, actor: "user:\(viewer.userID.uuidString)",
                            expectedKeyGeneration: stored.keyGeneration)
        }
        // The server's copy is there to hand the keys on, not to show the case to whoever asks:
        // only a holder (an officer of the case, not recused) reads with it.
        let holders = ComplaintWorkflow.keyHolders(of: complaint, officers: try await store.officers(organizationID: organization.id),
                                                   overseers: try await store.overseers(province: organization.province))
        return holders.contains(viewer.userID) ? keys : CaseKeys(vault: vault)
    }

    /// Makes the copies the case lacks and drops those nobody should hold any more
    /// (`CaseKeyPlan`). A rotation meanwhile (conflict) leaves it for the next visit.
    func share(_ complaint: ComplaintCase, keys: CaseKeys, existing: [WrappedCaseKey], organization: Organization, actor: String,
               expectedKeyGeneration: Int?) async throws {
        let people = try await holders(of: complaint, organization: organization)
        let plan = CaseKeyPlan.plan(existing: existing, people: people, recovery: try await recovery(for: complaint, organization: organization))
        guard !plan.isEmpty else { return }
        var change = CaseSealingChange(removeWraps: plan.remove)
        for (kind, recipient) in plan.add {
            guard let key = keys.key(kind) else { continue }
            change.addWraps.append(try wrap(key, caseID: complaint.id, for: recipient))
        }
        // Recipients as the log names people elsewhere ("user:<id>"), and the kind for the others.
        func name(_ kind: KeyRecipientKind, _ id: UUID?) -> String { kind == .officer ? "user:\(id?.uuidString ?? "?")" : kind.rawValue }
        let added = Set(plan.add.map { name($0.1.kind, $0.1.id) }).sorted()
        let removed = Set(plan.remove.map { name($0.recipient, $0.recipientID) }).sorted()
        do {
            try await store.updateSealing(caseID: complaint.id, organizationID: complaint.organizationID, expectedKeyGeneration: expectedKeyGeneration,
                                          change, log: ComplaintLogEntry(
                                            organizationID: complaint.organizationID, caseID: complaint.id, actor: actor, action: .keysShared,
                                            detail: "to [\(added.joined(separator: ","))] dropped [\(removed.joined(separator: ","))]", occurred: now))
        } catch StoreError.conflict {
            return
        }
    }

    /// Opens the case's keys for every case of a list the officer can open, so that colleagues
    /// who should hold copies get them (the case list calls it).
    func shareAll(_ cases: [StoredComplaint], viewer: Viewer, organization: Organization) async throws {
        guard try await viewerKeyPair(viewer) != nil else { return }
        for stored in cases where stored.keyGeneration != nil {
            _ = try await keys(for: stored, viewer: viewer, organization: organization)
        }
    }

    // MARK: The reporter

    /// What the reporter can open with their code: the reply key. A case from before
    /// per-officer sealing is upgraded first; a reporter without a copy of their own (the
    /// upgraded case of an earlier reporter) gets one now, from the server's copy, and a receipt
    /// verifier that derives their key.
    func reporterKeys(for stored: StoredComplaint, code: ReceiptCode, reporterKey: RecipientKeyPair?,
                      organization: Organization) async throws -> (StoredComplaint, CaseKeys) {
        var stored = stored
        if stored.keyGeneration == nil {
            try await upgrade(stored, organization: organization, actor: "reporter", occurred: today.iso)
            stored = try await reread(stored)
        }
        let complaint = stored.complaint
        let wraps = try await store.wraps(caseIDs: [complaint.id], organizationID: complaint.organizationID)
        let rounds = app.receiptHashRounds
        if let pair = reporterKey,
           let copy = wraps.first(where: { $0.key == .replyKey && $0.recipient == .reporter && $0.recipientKey == pair.publicKey }) {
            return (stored, CaseKeys(replyKey: try KeyWrap.unwrap(copy.wrapped, kind: .replyKey, with: pair, context: copy.context), vault: vault))
        }
        guard let serverCopy = wraps.first(where: { $0.key == .replyKey && $0.recipient == .server }) else {
            throw SujaritError(.internalServerError, LocalizedText(.msgCaseCannotBeOpened))
        }
        let replyKey = try vault.unwrapForServer(serverCopy.wrapped, kind: .replyKey, context: serverCopy.context)
        let (newVerifier, pair) = try await app.threadPool.runIfActive { try ReceiptVerifier.makeWithReporterKey(for: code, rounds: rounds) }
        var change = CaseSealingChange(addWraps: [try wrap(replyKey, caseID: complaint.id, for: .init(kind: .reporter, id: nil, publicKey: pair.publicKey))],
                                       receiptVerifier: newVerifier.encoded)
        // The server's copy stays only while no officer holds the key.
        if wraps.contains(where: { $0.key == .replyKey && $0.recipient == .officer }) { change.removeWraps = [serverCopy] }
        try await store.updateSealing(caseID: complaint.id, organizationID: complaint.organizationID, expectedKeyGeneration: stored.keyGeneration,
                                      change, log: ComplaintLogEntry(organizationID: complaint.organizationID, caseID: complaint.id,
                                                                     actor: "reporter", action: .reporterKeyAdded, occurred: today.iso))
        return (try await reread(stored), CaseKeys(replyKey: replyKey, vault: vault))
    }

    func reread(_ stored: StoredComplaint) async throws -> StoredComplaint {
        guard let again = try await store.find(id: stored.complaint.id, organizationIDs: [stored.complaint.organizationID]) else {
            throw SujaritError.notFound(.nfComplaint)
        }
        return again
    }

    // MARK: Rotation and upgrade

    /// Everything of a case sealed again under new keys, wrapped for `complaint`'s holders (the
    /// case as it will be, e.g. with a new recusal), its recovery key and the reporter.
    func resealed(_ stored: StoredComplaint, as complaint: ComplaintCase, keys: CaseKeys, organization: Organization,
                  fileAddresses: [UUID: (address: String, fileKey: String)] = [:]) async throws -> CaseSealingChange {
        let existing = try await store.wraps(caseIDs: [complaint.id], organizationID: complaint.organizationID)
        let fresh = CaseKeys(caseKey: .generate(.caseKey), replyKey: .generate(.replyKey), vault: vault)
        let id = complaint.id
        var change = CaseSealingChange(keyGeneration: (stored.keyGeneration ?? 0) + 1)
        change.sealedReport = try fresh.seal(try keys.open(stored.sealedReport, context: ComplaintService.reportContext(id)),
                                             with: .caseKey, context: ComplaintService.reportContext(id))
        for message in try await store.messages(caseID: id, organizationID: complaint.organizationID) {
            let context = ComplaintService.messageContext(id, message.id)
            change.messages[message.id] = try fresh.seal(try keys.open(message.sealedBody, context: context),
                                                         with: message.kind == .note ? .caseKey : .replyKey, context: context)
        }
        for item in try await store.evidence(caseID: id, organizationID: complaint.organizationID) {
            let context = ComplaintService.evidenceContext(id, item.id)
            var info = try JSONDecoder().decode(EvidenceFileInfo.self, from: keys.open(item.sealedInfo, context: context))
            let moved = fileAddresses[item.id]
            if let moved { info.fileKey = moved.fileKey }
            // Under the same kind of key as before (a file the reporter added while tracking is
            // under the reply key, the rest under the case key; files of older cases under the
            // case key, officers only).
            let kind = ContentKey.kind(of: item.sealedInfo) ?? .caseKey
            change.evidence[item.id] = (try fresh.seal(try JSONEncoder().encode(info), with: kind, context: context), moved?.address)
        }
        let reporter = existing.first { $0.recipient == .reporter }?.recipientKey
        change.replaceWraps = try await wraps(for: fresh, complaint: complaint, organization: organization, reporterPublicKey: reporter)
        return change
    }

    /// Seals a case from before per-officer sealing to its people: content and evidence files
    /// sealed again under new keys (files under keys of their own, at new addresses), copies for
    /// its holders and recovery key, the server keeping the reply key for the reporter. Needs
    /// only the vault and public keys. Old files no case refers to any more are removed after.
    func upgrade(_ stored: StoredComplaint, organization: Organization, actor: String, occurred: String) async throws {
        guard stored.keyGeneration == nil else { return }
        let complaint = stored.complaint
        let storage = app.complaintEvidence
        var moved: [UUID: (address: String, fileKey: String)] = [:]
        var oldAddresses: [String] = []
        for item in try await store.evidence(caseID: complaint.id, organizationID: complaint.organizationID) {
            let info = try JSONDecoder().decode(EvidenceFileInfo.self,
                                                from: vault.open(item.sealedInfo, context: ComplaintService.evidenceContext(complaint.id, item.id)))
            guard info.fileKey == nil else { continue }
            let fileKey = ContentKey.fileKey()
            let address = item.address
            let newAddress = try await app.threadPool.runIfActive { try storage.put(try storage.get(address), fileKey: fileKey) }
            moved[item.id] = (newAddress, Data(fileKey).base64EncodedString())
            oldAddresses.append(address)
        }
        let change = try await resealed(stored, as: complaint, keys: CaseKeys(vault: vault), organization: organization, fileAddresses: moved)
        do {
            try await store.updateSealing(caseID: complaint.id, organizationID: complaint.organizationID, expectedKeyGeneration: nil, change,
                                          log: ComplaintLogEntry(organizationID: complaint.organizationID, caseID: complaint.id, actor: actor,
                                                                 action: .keysUpgraded, detail: moved.isEmpty ? "" : "files \(moved.count)",
                                                                 occurred: occurred))
        } catch StoreError.conflict {
            return // upgraded meanwhile by another request
        }
        let referenced = try await store.evidenceAddresses()
        for address in oldAddresses where !referenced.contains(address) {
            try? storage.remove(address)
        }
    }
}

extension Application {
    /// PBKDF2 rounds of new officer key locks (210,000; tests lower it).
    public var officerKeyRounds: Int {
        get { storage[OfficerKeyRoundsKey.self] ?? PrivateKeyLock.defaultRounds }
        set { storage[OfficerKeyRoundsKey.self] = newValue }
    }
}

struct OfficerKeyRoundsKey: StorageKey { typealias Value = Int }
