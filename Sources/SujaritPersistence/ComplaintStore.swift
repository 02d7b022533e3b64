import Foundation
import FluentKit
import FluentSQL
import Crypto
import SujaritCore

/// A case as stored: the workflow's view, the sealed report and the receipt verifier.
public struct StoredComplaint: Sendable {
    public var complaint: ComplaintCase
    public var sealedReport: String
    public var receiptVerifier: String
    /// The generation of the case's content keys; nil while the content is sealed by the vault
    /// alone (a case made before per-officer sealing).
    public var keyGeneration: Int?
}

/// A change of how a case is sealed, written in the transaction of a case change (rotation on
/// recusal) or on its own (keys handed to a new officer, an old case upgraded, a reporter's key
/// added): content sealed again, wrapped keys added, removed or replaced, the receipt verifier
/// replaced.
public struct CaseSealingChange: Sendable {
    /// The new key generation (rotation, upgrade); nil keeps it.
    public var keyGeneration: Int?
    public var sealedReport: String?
    /// Message id → its text sealed again.
    public var messages: [UUID: String] = [:]
    /// Evidence id → its description sealed again, and its new storage address if the file was
    /// sealed again under a new address.
    public var evidence: [UUID: (sealedInfo: String, address: String?)] = [:]
    /// All wrapped keys of the case become these (rotation, upgrade).
    public var replaceWraps: [WrappedCaseKey]?
    public var addWraps: [WrappedCaseKey] = []
    public var removeWraps: [WrappedCaseKey] = []
    public var receiptVerifier: String?

    public init(keyGeneration: Int? = nil, sealedReport: String? = nil, replaceWraps: [WrappedCaseKey]? = nil,
                addWraps: [WrappedCaseKey] = [], removeWraps: [WrappedCaseKey] = [], receiptVerifier: String? = nil) {
        self.keyGeneration = keyGeneration
        self.sealedReport = sealedReport
        self.replaceWraps = replaceWraps
        self.addWraps = addWraps
        self.removeWraps = removeWraps
        self.receiptVerifier = receiptVerifier
    }

    public var isEmpty: Bool {
        keyGeneration == nil && sealedReport == nil && messages.isEmpty && evidence.isEmpty && replaceWraps == nil
            && addWraps.isEmpty && removeWraps.isEmpty && receiptVerifier == nil
    }
}

/// An officer's stored key pair.
public struct StoredOfficerKey: Sendable, Equatable {
    public var userID: UUID
    public var publicKey: String
    public var lockedKey: String
    public var createdOn: String

    public init(userID: UUID, publicKey: String, lockedKey: String, createdOn: String) {
        self.userID = userID
        self.publicKey = publicKey
        self.lockedKey = lockedKey
        self.createdOn = createdOn
    }
}

/// A recovery key's public half.
public struct StoredRecoveryKey: Sendable, Equatable {
    public var id: UUID
    public var organizationID: UUID?
    public var province: String?
    public var publicKey: String
    public var fingerprint: String
    public var createdOn: String
}

/// A message on a case; its text is sealed.
public struct ComplaintMessage: Sendable, Equatable {
    public var id: UUID
    public var caseID: UUID
    public var position: Int
    public var kind: ComplaintMessageKind
    public var authorID: UUID?
    public var writtenOn: CalendarDay
    public var sealedBody: String
}

/// A new message to store with a change: its id is chosen by the caller, who seals the text
/// with that id in the context.
public struct NewComplaintMessage: Sendable {
    public var id: UUID
    public var kind: ComplaintMessageKind
    public var authorID: UUID?
    public var writtenOn: CalendarDay
    public var sealedBody: String

    public init(id: UUID, kind: ComplaintMessageKind, authorID: UUID?, writtenOn: CalendarDay, sealedBody: String) {
        self.id = id
        self.kind = kind
        self.authorID = authorID
        self.writtenOn = writtenOn
        self.sealedBody = sealedBody
    }
}

/// An evidence file to record with a change: its sealed content is already in the evidence
/// storage under `address`; `sealedInfo` is its sealed name and kind.
public struct NewComplaintEvidence: Sendable {
    public var id: UUID
    public var address: String
    public var size: Int
    public var sealedInfo: String
    public var addedOn: CalendarDay
    /// "reporter" or "officer"
    public var addedBy: String

    public init(id: UUID, address: String, size: Int, sealedInfo: String, addedOn: CalendarDay, addedBy: String) {
        self.id = id
        self.address = address
        self.size = size
        self.sealedInfo = sealedInfo
        self.addedOn = addedOn
        self.addedBy = addedBy
    }
}

/// An evidence file of a case as stored.
public struct StoredEvidence: Sendable, Equatable {
    public var id: UUID
    public var caseID: UUID
    public var address: String
    public var size: Int
    public var sealedInfo: String
    public var addedOn: CalendarDay
    public var addedBy: String
}

/// One line of the complaint log, before it is chained.
public struct ComplaintLogEntry: Sendable, Equatable {
    public var organizationID: UUID?
    public var caseID: UUID?
    /// "reporter", "user:<uuid>" or "system"
    public var actor: String
    /// `ComplaintLogAction`'s raw value
    public private(set) var action: String
    public var detail: String
    /// a day for the reporter, a moment for staff
    public var occurred: String

    public init(organizationID: UUID?, caseID: UUID?, actor: String, action: ComplaintLogAction, detail: String = "", occurred: String) {
        self.init(organizationID: organizationID, caseID: caseID, actor: actor, recordedAction: action.rawValue, detail: detail, occurred: occurred)
    }

    /// A line as read back from the log (its action as stored, for verification).
    init(organizationID: UUID?, caseID: UUID?, actor: String, recordedAction action: String, detail: String, occurred: String) {
        self.organizationID = organizationID
        self.caseID = caseID
        self.actor = actor
        self.action = action
        self.detail = detail
        self.occurred = occurred
    }
}

/// Reads and writes complaint cases. Every change of a case is written together with its log
/// line in one transaction; the case row is claimed first (SQLite: `BEGIN IMMEDIATE`;
/// PostgreSQL: `FOR UPDATE`) and its version checked.
public struct ComplaintStore: Sendable {
    let database: any Database

    public init(_ database: any Database) { self.database = database }

    // MARK: Cases

    public func create(_ complaint: ComplaintCase, lookupTag: String, verifier: String, sealedReport: String,
                       evidence: [NewComplaintEvidence] = [], wraps: [WrappedCaseKey], log: ComplaintLogEntry) async throws {
        try await database.transaction { db in
            let record = ComplaintCaseRecord()
            record.id = complaint.id
            record.organizationID = complaint.organizationID
            record.receiptLookup = lookupTag
            record.receiptVerifier = verifier
            record.sealedReport = sealedReport
            Self.fill(record, from: complaint)
            record.version = 1
            record.keyGeneration = 1
            try await record.create(on: db)
            try await Self.insert(evidence, caseID: complaint.id, organizationID: complaint.organizationID, on: db)
            try await Self.insert(wraps, organizationID: complaint.organizationID, on: db)
            try await ComplaintLogChain.append(log, on: db)
        }
    }

    static func insert(_ evidence: [NewComplaintEvidence], caseID: UUID, organizationID: UUID, on db: any Database) async throws {
        for item in evidence {
            let row = ComplaintEvidenceRecord()
            row.id = item.id
            row.caseID = caseID
            row.organizationID = organizationID
            row.address = item.address
            row.size = item.size
            row.sealedInfo = item.sealedInfo
            row.addedOn = item.addedOn.iso
            row.addedBy = item.addedBy
            try await row.create(on: db)
        }
    }

    // MARK: Evidence

    public func evidence(caseID: UUID, organizationID: UUID) async throws -> [StoredEvidence] {
        try await ComplaintEvidenceRecord.query(on: database).filter(\.$caseID == caseID)
            .filter(\.$organizationID == organizationID).sort(\.$addedOn).all().compactMap(Self.evidence)
    }

    public func evidence(id: UUID, caseID: UUID, organizationID: UUID) async throws -> StoredEvidence? {
        try await ComplaintEvidenceRecord.query(on: database).filter(\.$id == id).filter(\.$caseID == caseID)
            .filter(\.$organizationID == organizationID).first().flatMap(Self.evidence)
    }

    /// Bytes of evidence an organization received on a day (the daily storage bound).
    public func evidenceBytes(organizationID: UUID, on day: CalendarDay) async throws -> Int {
        try await ComplaintEvidenceRecord.query(on: database).filter(\.$organizationID == organizationID)
            .filter(\.$addedOn == day.iso).field(\.$size).all().reduce(0) { $0 + $1.size }
    }

    /// Every address any case refers to.
    public func evidenceAddresses() async throws -> Set<String> {
        Set(try await ComplaintEvidenceRecord.query(on: database).field(\.$address).all().map(\.address))
    }

    static func evidence(_ row: ComplaintEvidenceRecord) -> StoredEvidence? {
        guard let id = row.id, let day = CalendarDay(iso: row.addedOn) else { return nil }
        return StoredEvidence(id: id, caseID: row.caseID, address: row.address, size: row.size, sealedInfo: row.sealedInfo,
                              addedOn: day, addedBy: row.addedBy)
    }

    /// The case whose receipt lookup tag is one of `tags` (the caller still verifies the code).
    public func find(lookupTags: [String]) async throws -> StoredComplaint? {
        guard !tags(lookupTags).isEmpty,
              let record = try await ComplaintCaseRecord.query(on: database).filter(\.$receiptLookup ~~ tags(lookupTags)).first()
        else { return nil }
        return try Self.stored(record)
    }

    private func tags(_ tags: [String]) -> [String] { tags.filter { !$0.isEmpty } }

    /// A case of one of the organizations, or nil.
    public func find(id: UUID, organizationIDs: Set<UUID>) async throws -> StoredComplaint? {
        guard !organizationIDs.isEmpty, let record = try await ComplaintCaseRecord.query(on: database)
            .filter(\.$id == id).filter(\.$organizationID ~~ Array(organizationIDs)).first()
        else { return nil }
        return try Self.stored(record)
    }

    /// The cases of an organization, newest first; of one kind when `kind` is given.
    public func cases(organizationID: UUID, kind: ComplaintKind? = nil) async throws -> [ComplaintCase] {
        try await ComplaintCaseRecord.query(on: database).filter(\.$organizationID == organizationID)
            .sort(\.$receivedOn, .descending).all().map { try Self.complaint($0) }
            .filter { kind == nil || $0.kind == kind }
    }

    /// The cases of an organization as stored (with their key generation), newest first.
    public func storedCases(organizationID: UUID) async throws -> [StoredComplaint] {
        try await ComplaintCaseRecord.query(on: database).filter(\.$organizationID == organizationID)
            .sort(\.$receivedOn, .descending).all().map { try Self.stored($0) }
    }

    /// Received day and status of every corruption case of an organization (for the published
    /// statistics; general complaints are not counted).
    public func statusByDay(organizationID: UUID) async throws -> [(receivedOn: CalendarDay, status: ComplaintStatus)] {
        try await ComplaintCaseRecord.query(on: database).filter(\.$organizationID == organizationID)
            .field(\.$receivedOn).field(\.$status).field(\.$kind).all()
            .filter { ($0.kind ?? ComplaintKind.corruption.rawValue) == ComplaintKind.corruption.rawValue }
            .compactMap { record in
                guard let day = CalendarDay(iso: record.receivedOn), let status = ComplaintStatus(rawValue: record.status) else { return nil }
                return (day, status)
            }
    }

    /// Writes a case changed by `ComplaintWorkflow.decide`, with an optional message and the
    /// log line, if the stored version is still `expectedVersion` (nil: whatever it is, for
    /// messages that do not depend on what was read). Returns the case as stored.
    /// `expectedKeyGeneration` is the key generation the new content was sealed under: a case
    /// whose keys were rotated meanwhile is a conflict (its content would not open).
    @discardableResult
    public func apply(_ updated: ComplaintCase, expectedVersion: Int?, expectedKeyGeneration: Int?, message: NewComplaintMessage?,
                      evidence: [NewComplaintEvidence] = [], sealing: CaseSealingChange? = nil, log: ComplaintLogEntry) async throws -> ComplaintCase {
        try await database.transaction { db -> ComplaintCase in
            let record = try await Self.claim(updated.id, organizationID: updated.organizationID, on: db)
            if let expectedVersion, record.version != expectedVersion {
                throw StoreError.conflict(currentVersion: record.version)
            }
            guard record.keyGeneration == expectedKeyGeneration else { throw StoreError.conflict(currentVersion: record.version) }
            var stored = updated
            stored.version = record.version + 1
            Self.fill(record, from: stored)
            record.version = stored.version
            if let sealing { try await Self.write(sealing, to: record, on: db) }
            try await record.update(on: db)
            if let message {
                let last = try await ComplaintMessageRecord.query(on: db).filter(\.$caseID == updated.id)
                    .sort(\.$position, .descending).first()
                let row = ComplaintMessageRecord()
                row.id = message.id
                row.caseID = updated.id
                row.organizationID = updated.organizationID
                row.position = (last?.position ?? 0) + 1
                row.kind = message.kind.rawValue
                row.authorID = message.authorID
                row.writtenOn = message.writtenOn.iso
                row.sealedBody = message.sealedBody
                try await row.create(on: db)
            }
            try await Self.insert(evidence, caseID: updated.id, organizationID: updated.organizationID, on: db)
            try await ComplaintLogChain.append(log, on: db)
            return stored
        }
    }

    /// Writes a change of sealing alone (no change of the case's state or version), with its
    /// log line, if the case's keys are still of `expectedKeyGeneration`.
    public func updateSealing(caseID: UUID, organizationID: UUID, expectedKeyGeneration: Int?, _ change: CaseSealingChange,
                              log: ComplaintLogEntry) async throws {
        try await database.transaction { db in
            let record = try await Self.claim(caseID, organizationID: organizationID, on: db)
            guard record.keyGeneration == expectedKeyGeneration else { throw StoreError.conflict(currentVersion: record.version) }
            try await Self.write(change, to: record, on: db)
            try await record.update(on: db)
            try await ComplaintLogChain.append(log, on: db)
        }
    }

    /// Locks a case row for the transaction (PostgreSQL `FOR UPDATE`; SQLite's transaction
    /// already holds the write lock) and reads it.
    static func claim(_ id: UUID, organizationID: UUID, on db: any Database) async throws -> ComplaintCaseRecord {
        if let sql = db as? any SQLDatabase, sql.dialect.name == "postgresql" {
            try await sql.raw("SELECT id FROM \(ident: ComplaintCaseRecord.schema) WHERE id = \(bind: id) FOR UPDATE").run()
        }
        guard let record = try await ComplaintCaseRecord.query(on: db).filter(\.$id == id)
            .filter(\.$organizationID == organizationID).first()
        else { throw StoreError.notFound("เรื่องร้องเรียน") }
        return record
    }

    static func write(_ change: CaseSealingChange, to record: ComplaintCaseRecord, on db: any Database) async throws {
        let caseID = try record.requireID()
        if let generation = change.keyGeneration { record.keyGeneration = generation }
        if let report = change.sealedReport { record.sealedReport = report }
        if let verifier = change.receiptVerifier { record.receiptVerifier = verifier }
        for (id, body) in change.messages {
            guard let row = try await ComplaintMessageRecord.query(on: db).filter(\.$id == id).filter(\.$caseID == caseID).first()
            else { throw StoreError.notFound("ข้อความ") }
            row.sealedBody = body
            try await row.update(on: db)
        }
        for (id, item) in change.evidence {
            guard let row = try await ComplaintEvidenceRecord.query(on: db).filter(\.$id == id).filter(\.$caseID == caseID).first()
            else { throw StoreError.notFound("ไฟล์หลักฐาน") }
            row.sealedInfo = item.sealedInfo
            if let address = item.address { row.address = address }
            try await row.update(on: db)
        }
        if let replace = change.replaceWraps {
            try await ComplaintKeyWrapRecord.query(on: db).filter(\.$caseID == caseID).delete()
            try await insert(replace, organizationID: record.organizationID, on: db)
        }
        for wrap in change.removeWraps {
            var query = ComplaintKeyWrapRecord.query(on: db).filter(\.$caseID == caseID).filter(\.$keyKind == wrap.key.rawValue)
                .filter(\.$recipientKind == wrap.recipient.rawValue).filter(\.$recipientKey == wrap.recipientKey)
            query = wrap.recipientID.map { query.filter(\.$recipientID == $0) } ?? query.filter(\.$recipientID == nil)
            try await query.delete()
        }
        try await insert(change.addWraps.filter { $0.caseID == caseID }, organizationID: record.organizationID, on: db)
    }

    static func insert(_ wraps: [WrappedCaseKey], organizationID: UUID, on db: any Database) async throws {
        for wrap in wraps {
            let row = ComplaintKeyWrapRecord()
            row.caseID = wrap.caseID
            row.organizationID = organizationID
            row.keyKind = wrap.key.rawValue
            row.recipientKind = wrap.recipient.rawValue
            row.recipientID = wrap.recipientID
            row.recipientKey = wrap.recipientKey
            row.wrapped = wrap.wrapped
            try await row.create(on: db)
        }
    }

    // MARK: Sealing

    /// The wrapped keys of cases of an organization.
    public func wraps(caseIDs: [UUID], organizationID: UUID) async throws -> [WrappedCaseKey] {
        guard !caseIDs.isEmpty else { return [] }
        return try await ComplaintKeyWrapRecord.query(on: database).filter(\.$caseID ~~ caseIDs)
            .filter(\.$organizationID == organizationID).all().map(Self.wrap)
    }

    static func wrap(_ row: ComplaintKeyWrapRecord) throws -> WrappedCaseKey {
        guard let key = CaseKeyKind(rawValue: row.keyKind), let recipient = KeyRecipientKind(rawValue: row.recipientKind) else {
            throw StoreError.corrupt("complaint key wrap \(row.id?.uuidString ?? "?")")
        }
        return WrappedCaseKey(caseID: row.caseID, key: key, recipient: recipient, recipientID: row.recipientID,
                              recipientKey: row.recipientKey, wrapped: row.wrapped)
    }

    /// Every case's key generation and wrapped keys, for `vault reseal` and upgrades.
    public func allWraps() async throws -> [WrappedCaseKey] {
        try await ComplaintKeyWrapRecord.query(on: database).all().map(Self.wrap)
    }

    /// Cases still sealed by the vault alone (made before per-officer sealing).
    public func legacyCases() async throws -> [ComplaintCase] {
        try await ComplaintCaseRecord.query(on: database).filter(\.$keyGeneration == nil).all().map { try Self.complaint($0) }
    }

    public func officerKey(userID: UUID) async throws -> StoredOfficerKey? {
        try await ComplaintOfficerKeyRecord.query(on: database).filter(\.$userID == userID).first().map(Self.officerKey)
    }

    public func officerKeys(userIDs: [UUID]) async throws -> [StoredOfficerKey] {
        guard !userIDs.isEmpty else { return [] }
        return try await ComplaintOfficerKeyRecord.query(on: database).filter(\.$userID ~~ userIDs).all().map(Self.officerKey)
    }

    static func officerKey(_ row: ComplaintOfficerKeyRecord) -> StoredOfficerKey {
        StoredOfficerKey(userID: row.userID, publicKey: row.publicKey, lockedKey: row.lockedKey, createdOn: row.createdOn)
    }

    /// Stores an officer's (new) key pair with its log line. A new pair replaces the old one and
    /// drops every copy of a case key made for the old one (they could not be opened any more).
    public func setOfficerKey(_ key: StoredOfficerKey, replacing: Bool, log: ComplaintLogEntry?) async throws {
        try await database.transaction { db in
            let existing = try await ComplaintOfficerKeyRecord.query(on: db).filter(\.$userID == key.userID).first()
            if let existing, existing.publicKey != key.publicKey {
                guard replacing else { throw StoreError.conflict(currentVersion: 0) }
                try await ComplaintKeyWrapRecord.query(on: db).filter(\.$recipientKind == KeyRecipientKind.officer.rawValue)
                    .filter(\.$recipientID == key.userID).delete()
                try await ComplaintTokenKeyRecord.query(on: db).filter(\.$userID == key.userID).delete()
            }
            let row = existing ?? ComplaintOfficerKeyRecord()
            row.userID = key.userID
            row.publicKey = key.publicKey
            row.lockedKey = key.lockedKey
            row.createdOn = key.createdOn
            try await row.save(on: db)
            if let log { try await ComplaintLogChain.append(log, on: db) }
        }
    }

    /// Whether the user serves anywhere as an officer or an outside body (and so needs keys).
    public func isComplaintStaff(userID: UUID) async throws -> Bool {
        if try await ComplaintOfficerRecord.query(on: database).filter(\.$userID == userID).count() > 0 { return true }
        return try await ComplaintOverseerRecord.query(on: database).filter(\.$userID == userID).count() > 0
    }

    public func currentRecoveryKey(organizationID: UUID) async throws -> StoredRecoveryKey? {
        try await ComplaintRecoveryKeyRecord.query(on: database).filter(\.$organizationID == organizationID)
            .filter(\.$retired == false).first().map(Self.recovery)
    }

    public func currentRecoveryKey(province: String) async throws -> StoredRecoveryKey? {
        try await ComplaintRecoveryKeyRecord.query(on: database).filter(\.$province == Self.provinceKey(province))
            .filter(\.$retired == false).first().map(Self.recovery)
    }

    static func recovery(_ row: ComplaintRecoveryKeyRecord) throws -> StoredRecoveryKey {
        StoredRecoveryKey(id: try row.requireID(), organizationID: row.organizationID, province: row.province, publicKey: row.publicKey,
                          fingerprint: row.fingerprint, createdOn: row.createdOn)
    }

    /// A new current recovery key of an organization or a province; an older one is retired
    /// (cases get copies for the new one when an officer next opens them, or at once with
    /// `sujarit complaints recover`).
    public func addRecoveryKey(organizationID: UUID?, province: String?, publicKey: String, fingerprint: String, createdOn: String,
                               log: ComplaintLogEntry) async throws -> StoredRecoveryKey {
        try await database.transaction { db in
            var query = ComplaintRecoveryKeyRecord.query(on: db).filter(\.$retired == false)
            if let organizationID { query = query.filter(\.$organizationID == organizationID) }
            if let province { query = query.filter(\.$province == Self.provinceKey(province)) }
            for old in try await query.all() {
                old.retired = true
                try await old.update(on: db)
            }
            let row = ComplaintRecoveryKeyRecord()
            row.organizationID = organizationID
            row.province = province.map(Self.provinceKey)
            row.publicKey = publicKey
            row.fingerprint = fingerprint
            row.createdOn = createdOn
            row.retired = false
            try await row.create(on: db)
            try await ComplaintLogChain.append(log, on: db)
            return try Self.recovery(row)
        }
    }

    /// A copy of an officer's private key for one API token (replacing copies that expired or
    /// whose token is gone).
    public func addTokenKey(userID: UUID, tokenHash: String, lockedKey: String, expiresAt: Date, now: Date) async throws {
        try await database.transaction { db in
            try await Self.dropStaleTokenKeys(now: now, on: db)
            let row = ComplaintTokenKeyRecord()
            row.userID = userID
            row.tokenHash = tokenHash
            row.lockedKey = lockedKey
            row.expiresAt = expiresAt
            try await row.create(on: db)
        }
    }

    /// The copy for a token, unless it expired or the token was revoked.
    public func tokenKey(tokenHash: String, userID: UUID, now: Date) async throws -> String? {
        guard try await APITokenRecord.query(on: database).filter(\.$tokenHash == tokenHash).filter(\.$userID == userID).first() != nil,
              let row = try await ComplaintTokenKeyRecord.query(on: database).filter(\.$tokenHash == tokenHash)
                .filter(\.$userID == userID).first(), row.expiresAt > now
        else { return nil }
        return row.lockedKey
    }

    static func dropStaleTokenKeys(now: Date, on db: any Database) async throws {
        try await ComplaintTokenKeyRecord.query(on: db).filter(\.$expiresAt < now).delete()
        let live = Set(try await APITokenRecord.query(on: db).field(\.$tokenHash).all().map(\.tokenHash))
        for row in try await ComplaintTokenKeyRecord.query(on: db).all() where !live.contains(row.tokenHash) {
            try await row.delete(on: db)
        }
    }

    /// Drops copies of officers' keys for tokens that expired or were revoked.
    public func dropStaleTokenKeys(now: Date) async throws {
        try await database.transaction { db in try await Self.dropStaleTokenKeys(now: now, on: db) }
    }

    public func messages(caseID: UUID, organizationID: UUID, kinds: Set<ComplaintMessageKind> = Set(ComplaintMessageKind.allCases)) async throws -> [ComplaintMessage] {
        try await ComplaintMessageRecord.query(on: database).filter(\.$caseID == caseID)
            .filter(\.$organizationID == organizationID).filter(\.$kind ~~ kinds.map(\.rawValue))
            .sort(\.$position).all().compactMap { row in
                guard let kind = ComplaintMessageKind(rawValue: row.kind), let day = CalendarDay(iso: row.writtenOn) else { return nil }
                return ComplaintMessage(id: try row.requireID(), caseID: row.caseID, position: row.position, kind: kind,
                                        authorID: row.authorID, writtenOn: day, sealedBody: row.sealedBody)
            }
    }

    /// Appends a log line on its own (views of a case, refused attempts).
    public func log(_ entry: ComplaintLogEntry) async throws {
        try await database.transaction { db in try await ComplaintLogChain.append(entry, on: db) }
    }

    // MARK: Retention

    /// Closed cases of every organization (retention looks at them).
    public func closedCases() async throws -> [ComplaintCase] {
        try await ComplaintCaseRecord.query(on: database).filter(\.$status == ComplaintStatus.closed.rawValue).all().map { try Self.complaint($0) }
    }

    /// Deletes a case decided past retention — its row, messages and evidence rows — with its
    /// log line, in one transaction, if it is still at `expectedVersion`. Returns the addresses
    /// of evidence files no case refers to any more (the caller removes the files).
    public func purge(_ complaint: ComplaintCase, expectedVersion: Int, log: ComplaintLogEntry) async throws -> [String] {
        try await database.transaction { db -> [String] in
            if let sql = db as? any SQLDatabase, sql.dialect.name == "postgresql" {
                try await sql.raw("SELECT id FROM \(ident: ComplaintCaseRecord.schema) WHERE id = \(bind: complaint.id) FOR UPDATE").run()
            }
            guard let record = try await ComplaintCaseRecord.query(on: db).filter(\.$id == complaint.id)
                .filter(\.$organizationID == complaint.organizationID).first()
            else { throw StoreError.notFound("เรื่องร้องเรียน") }
            guard record.version == expectedVersion else { throw StoreError.conflict(currentVersion: record.version) }
            let addresses = Set(try await ComplaintEvidenceRecord.query(on: db).filter(\.$caseID == complaint.id).all().map(\.address))
            try await ComplaintEvidenceRecord.query(on: db).filter(\.$caseID == complaint.id).delete()
            try await ComplaintMessageRecord.query(on: db).filter(\.$caseID == complaint.id).delete()
            try await ComplaintKeyWrapRecord.query(on: db).filter(\.$caseID == complaint.id).delete()
            try await record.delete(on: db)
            try await ComplaintLogChain.append(log, on: db)
            var unreferenced: [String] = []
            for address in addresses.sorted() where try await ComplaintEvidenceRecord.query(on: db).filter(\.$address == address).count() == 0 {
                unreferenced.append(address)
            }
            return unreferenced
        }
    }

    // MARK: Officers and settings

    public func officerOrganizations(userID: UUID) async throws -> Set<UUID> {
        Set(try await ComplaintOfficerRecord.query(on: database).filter(\.$userID == userID).all().map(\.organizationID))
    }

    public func addOfficer(userID: UUID, organizationID: UUID) async throws {
        guard try await ComplaintOfficerRecord.query(on: database).filter(\.$userID == userID)
            .filter(\.$organizationID == organizationID).first() == nil else { return }
        let row = ComplaintOfficerRecord()
        row.userID = userID
        row.organizationID = organizationID
        try await row.create(on: database)
    }

    /// Removes an officer, and with them their copies of the organization's case keys.
    public func removeOfficer(userID: UUID, organizationID: UUID) async throws {
        try await database.transaction { db in
            try await ComplaintOfficerRecord.query(on: db).filter(\.$userID == userID)
                .filter(\.$organizationID == organizationID).delete()
            try await ComplaintKeyWrapRecord.query(on: db).filter(\.$organizationID == organizationID)
                .filter(\.$recipientKind == KeyRecipientKind.officer.rawValue).filter(\.$recipientID == userID).delete()
        }
    }

    /// Provinces are matched on their name with surrounding spaces removed.
    public static func provinceKey(_ province: String) -> String { province.trimmingCharacters(in: .whitespacesAndNewlines).precomposedStringWithCanonicalMapping }

    public func overseerProvinces(userID: UUID) async throws -> Set<String> {
        Set(try await ComplaintOverseerRecord.query(on: database).filter(\.$userID == userID).all().map(\.province))
    }

    public func overseers(province: String) async throws -> [UUID] {
        try await ComplaintOverseerRecord.query(on: database).filter(\.$province == Self.provinceKey(province)).all().map(\.userID)
    }

    public func addOverseer(userID: UUID, province: String) async throws {
        let key = Self.provinceKey(province)
        guard try await ComplaintOverseerRecord.query(on: database).filter(\.$userID == userID).filter(\.$province == key).first() == nil
        else { return }
        let row = ComplaintOverseerRecord()
        row.userID = userID
        row.province = key
        try await row.create(on: database)
    }

    /// Removes an outside body's account of a province, and with it their copies of the keys of
    /// the cases about executives of that province's organizations.
    public func removeOverseer(userID: UUID, province: String) async throws {
        let key = Self.provinceKey(province)
        try await database.transaction { db in
            try await ComplaintOverseerRecord.query(on: db).filter(\.$userID == userID).filter(\.$province == key).delete()
            let organizations = try await OrganizationRecord.query(on: db).field(\.$id).field(\.$province).all()
                .filter { Self.provinceKey($0.province) == key }.compactMap(\.id)
            guard !organizations.isEmpty else { return }
            let executiveCases = try await ComplaintCaseRecord.query(on: db).filter(\.$organizationID ~~ organizations)
                .filter(\.$concernsExecutive == true).field(\.$id).all().compactMap(\.id)
            guard !executiveCases.isEmpty else { return }
            try await ComplaintKeyWrapRecord.query(on: db).filter(\.$caseID ~~ executiveCases)
                .filter(\.$recipientKind == KeyRecipientKind.officer.rawValue).filter(\.$recipientID == userID).delete()
        }
    }

    public func officers(organizationID: UUID) async throws -> [UUID] {
        try await ComplaintOfficerRecord.query(on: database).filter(\.$organizationID == organizationID).all().map(\.userID)
    }

    public func deadlinePolicy(organizationID: UUID) async throws -> ComplaintDeadlinePolicy {
        guard let row = try await ComplaintSettingsRecord.query(on: database).filter(\.$organizationID == organizationID).first()
        else { return .standard }
        return ComplaintDeadlinePolicy(days: row.deadlineDays, acknowledgeDays: row.acknowledgeDays ?? ComplaintDeadlinePolicy.standard.acknowledgeDays,
                                       workingDaysOnly: row.workingDaysOnly)
    }

    /// Saves an organization's deadlines with their log line, in one transaction.
    public func setDeadlinePolicy(_ policy: ComplaintDeadlinePolicy, organizationID: UUID, log: ComplaintLogEntry) async throws {
        try await database.transaction { db in
            let row = try await ComplaintSettingsRecord.query(on: db).filter(\.$organizationID == organizationID).first()
                ?? { let row = ComplaintSettingsRecord(); row.organizationID = organizationID; return row }()
            row.deadlineDays = policy.days
            row.acknowledgeDays = policy.acknowledgeDays
            row.workingDaysOnly = policy.workingDaysOnly
            try await row.save(on: db)
            try await ComplaintLogChain.append(log, on: db)
        }
    }

    /// Every organization with complaint settings or cases, for reminders across the installation.
    public func organizationsWithCases() async throws -> Set<UUID> {
        Set(try await ComplaintCaseRecord.query(on: database).field(\.$organizationID).all().map(\.organizationID))
    }

    // MARK: Mapping

    static func fill(_ record: ComplaintCaseRecord, from complaint: ComplaintCase) {
        record.kind = complaint.kind.rawValue
        record.closedOn = complaint.closedOn?.iso
        record.channel = complaint.channel.rawValue
        record.status = complaint.status.rawValue
        record.referredTo = complaint.referredTo?.rawValue
        record.referredToName = complaint.referredToName
        record.outcome = complaint.outcome?.rawValue
        record.receivedOn = complaint.receivedOn.iso
        record.dueOn = complaint.dueOn.iso
        record.acknowledgeBy = complaint.acknowledgeBy.iso
        record.concernsExecutive = complaint.concernsExecutive
        record.assignedTo = complaint.assignedTo
        record.recusedJSON = JSONCoding.encode(complaint.recused.map(\.uuidString).sorted())
    }

    static func complaint(_ record: ComplaintCaseRecord) throws -> ComplaintCase {
        guard let kind = ComplaintKind(rawValue: record.kind ?? ComplaintKind.corruption.rawValue),
              let channel = ComplaintChannel(rawValue: record.channel), let status = ComplaintStatus(rawValue: record.status),
              let received = CalendarDay(iso: record.receivedOn), let due = CalendarDay(iso: record.dueOn),
              let acknowledgeBy = record.acknowledgeBy.flatMap(CalendarDay.init(iso:))
        else { throw StoreError.corrupt("complaint case \(record.id?.uuidString ?? "?")") }
        let recused = (try? JSONCoding.decode([String].self, from: record.recusedJSON)) ?? []
        return ComplaintCase(id: try record.requireID(), organizationID: record.organizationID, kind: kind, channel: channel, status: status,
                             referredTo: record.referredTo.flatMap(OversightBody.init(rawValue:)), referredToName: record.referredToName,
                             outcome: record.outcome.flatMap(ComplaintOutcome.init(rawValue:)), receivedOn: received, dueOn: due,
                             acknowledgeBy: acknowledgeBy, closedOn: record.closedOn.flatMap(CalendarDay.init(iso:)), concernsExecutive: record.concernsExecutive, assignedTo: record.assignedTo,
                             recused: Set(recused.compactMap(UUID.init(uuidString:))), version: record.version)
    }

    static func stored(_ record: ComplaintCaseRecord) throws -> StoredComplaint {
        StoredComplaint(complaint: try complaint(record), sealedReport: record.sealedReport, receiptVerifier: record.receiptVerifier,
                        keyGeneration: record.keyGeneration)
    }
}

/// The complaint log's hash chains: each row's hash is the SHA-256 of the previous row's hash
/// (in the same chain) and of its own fields, so editing a row, deleting one from the middle or
/// reordering them shows up when the chains are verified (`sujarit audit verify`). The reporter's
/// actions form their own chain (see `ComplaintLogRecord`).
public enum ComplaintLogChain {
    public static let genesis = String(repeating: "0", count: 64)
    public static let chains = ["reporter", "staff"]

    static func chain(of entry: ComplaintLogEntry) -> String { entry.actor == "reporter" ? "reporter" : "staff" }

    static func hash(previous: String, chain: String, sequence: Int, entry: ComplaintLogEntry) -> String {
        let fields = [previous, chain, String(sequence), entry.organizationID?.uuidString ?? "", entry.caseID?.uuidString ?? "",
                      entry.actor, entry.action, entry.detail, entry.occurred]
        // Each field with its length first, so that no two different rows hash the same text.
        let text = fields.map { "\($0.utf8.count):\($0)" }.joined(separator: "|")
        return SHA256.hash(data: Data(text.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    /// Appends inside the caller's transaction. On PostgreSQL an advisory lock serialises
    /// writers of the chain; on SQLite the transaction already holds the write lock.
    static func append(_ entry: ComplaintLogEntry, on db: any Database) async throws {
        let chain = chain(of: entry)
        if let sql = db as? any SQLDatabase, sql.dialect.name == "postgresql" {
            try await sql.raw("SELECT pg_advisory_xact_lock(\(unsafeRaw: chain == "reporter" ? "7310011" : "7310012"))").run()
        }
        let last = try await ComplaintLogRecord.query(on: db).filter(\.$chain == chain).sort(\.$sequence, .descending).first()
        let sequence = (last?.sequence ?? 0) + 1
        let previous = last?.hash ?? genesis
        let row = ComplaintLogRecord()
        row.chain = chain
        row.sequence = sequence
        row.organizationID = entry.organizationID
        row.caseID = entry.caseID
        row.actor = entry.actor
        row.action = entry.action
        row.detail = entry.detail
        row.occurred = entry.occurred
        row.previousHash = previous
        row.hash = hash(previous: previous, chain: chain, sequence: sequence, entry: entry)
        try await row.create(on: db)
    }

    public struct Verification: Sendable {
        public var rows: Int
        /// What is wrong, in order; empty when the chains are intact.
        public var problems: [String]
        public var isIntact: Bool { problems.isEmpty }
    }

    /// Walks both chains in order and checks every link and every hash.
    public static func verify(on db: any Database) async throws -> Verification {
        var problems: [String] = []
        var count = 0
        let all = try await ComplaintLogRecord.query(on: db).sort(\.$sequence).all()
        for row in all where !chains.contains(row.chain) {
            problems.append("row \(row.sequence) names an unknown chain")
        }
        for chain in chains {
            var previous = genesis
            var expectedSequence = 1
            for row in all where row.chain == chain {
                count += 1
                if row.sequence != expectedSequence {
                    problems.append("\(chain) row \(expectedSequence)\(row.sequence > expectedSequence + 1 ? "–\(row.sequence - 1)" : "") is missing (deleted?)")
                }
                if row.previousHash != previous {
                    problems.append("\(chain) row \(row.sequence) does not follow the row before it")
                }
                let entry = ComplaintLogEntry(organizationID: row.organizationID, caseID: row.caseID, actor: row.actor,
                                              recordedAction: row.action, detail: row.detail, occurred: row.occurred)
                if hash(previous: row.previousHash, chain: chain, sequence: row.sequence, entry: entry) != row.hash {
                    problems.append("\(chain) row \(row.sequence) was changed after it was written")
                }
                previous = row.hash
                expectedSequence = row.sequence + 1
            }
        }
        return Verification(rows: count, problems: problems)
    }

    /// The log lines of a case: the staff's in order, then the reporter's.
    public static func entries(caseID: UUID, on db: any Database) async throws -> [ComplaintLogRecord] {
        try await ComplaintLogRecord.query(on: db).filter(\.$caseID == caseID).sort(\.$chain, .descending).sort(\.$sequence).all()
    }
}
