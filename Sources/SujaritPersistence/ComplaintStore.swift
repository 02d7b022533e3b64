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

/// One line of the complaint log, before it is chained.
public struct ComplaintLogEntry: Sendable, Equatable {
    public var organizationID: UUID?
    public var caseID: UUID?
    /// "reporter", "user:<uuid>" or "system"
    public var actor: String
    public var action: String
    public var detail: String
    /// a day for the reporter, a moment for staff
    public var occurred: String

    public init(organizationID: UUID?, caseID: UUID?, actor: String, action: String, detail: String = "", occurred: String) {
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
                       log: ComplaintLogEntry) async throws {
        try await database.transaction { db in
            let record = ComplaintCaseRecord()
            record.id = complaint.id
            record.organizationID = complaint.organizationID
            record.receiptLookup = lookupTag
            record.receiptVerifier = verifier
            record.sealedReport = sealedReport
            Self.fill(record, from: complaint)
            record.version = 1
            try await record.create(on: db)
            try await ComplaintLogChain.append(log, on: db)
        }
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

    /// The cases of an organization, newest first.
    public func cases(organizationID: UUID) async throws -> [ComplaintCase] {
        try await ComplaintCaseRecord.query(on: database).filter(\.$organizationID == organizationID)
            .sort(\.$receivedOn, .descending).all().map { try Self.complaint($0) }
    }

    /// Received day and status of every case of an organization (for statistics).
    public func statusByDay(organizationID: UUID) async throws -> [(receivedOn: CalendarDay, status: ComplaintStatus)] {
        try await ComplaintCaseRecord.query(on: database).filter(\.$organizationID == organizationID)
            .field(\.$receivedOn).field(\.$status).all()
            .compactMap { record in
                guard let day = CalendarDay(iso: record.receivedOn), let status = ComplaintStatus(rawValue: record.status) else { return nil }
                return (day, status)
            }
    }

    /// Writes a case changed by `ComplaintWorkflow.decide`, with an optional message and the
    /// log line, if the stored version is still `expectedVersion` (nil: whatever it is, for
    /// messages that do not depend on what was read). Returns the case as stored.
    @discardableResult
    public func apply(_ updated: ComplaintCase, expectedVersion: Int?, message: NewComplaintMessage?,
                      log: ComplaintLogEntry) async throws -> ComplaintCase {
        try await database.transaction { db -> ComplaintCase in
            if let sql = db as? any SQLDatabase, sql.dialect.name == "postgresql" {
                try await sql.raw("SELECT id FROM \(ident: ComplaintCaseRecord.schema) WHERE id = \(bind: updated.id) FOR UPDATE").run()
            }
            guard let record = try await ComplaintCaseRecord.query(on: db)
                .filter(\.$id == updated.id).filter(\.$organizationID == updated.organizationID).first()
            else { throw StoreError.notFound("เรื่องร้องเรียน") }
            if let expectedVersion, record.version != expectedVersion {
                throw StoreError.conflict(currentVersion: record.version)
            }
            var stored = updated
            stored.version = record.version + 1
            Self.fill(record, from: stored)
            record.version = stored.version
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
            try await ComplaintLogChain.append(log, on: db)
            return stored
        }
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

    public func removeOfficer(userID: UUID, organizationID: UUID) async throws {
        try await ComplaintOfficerRecord.query(on: database).filter(\.$userID == userID)
            .filter(\.$organizationID == organizationID).delete()
    }

    public func officers(organizationID: UUID) async throws -> [UUID] {
        try await ComplaintOfficerRecord.query(on: database).filter(\.$organizationID == organizationID).all().map(\.userID)
    }

    public func deadlinePolicy(organizationID: UUID) async throws -> ComplaintDeadlinePolicy {
        guard let row = try await ComplaintSettingsRecord.query(on: database).filter(\.$organizationID == organizationID).first()
        else { return .standard }
        return ComplaintDeadlinePolicy(days: row.deadlineDays, workingDaysOnly: row.workingDaysOnly)
    }

    public func setDeadlinePolicy(_ policy: ComplaintDeadlinePolicy, organizationID: UUID) async throws {
        let row = try await ComplaintSettingsRecord.query(on: database).filter(\.$organizationID == organizationID).first()
            ?? { let row = ComplaintSettingsRecord(); row.organizationID = organizationID; return row }()
        row.deadlineDays = policy.days
        row.workingDaysOnly = policy.workingDaysOnly
        try await row.save(on: database)
    }

    // MARK: Mapping

    static func fill(_ record: ComplaintCaseRecord, from complaint: ComplaintCase) {
        record.channel = complaint.channel.rawValue
        record.status = complaint.status.rawValue
        record.referredTo = complaint.referredTo?.rawValue
        record.referredToName = complaint.referredToName
        record.outcome = complaint.outcome?.rawValue
        record.receivedOn = complaint.receivedOn.iso
        record.dueOn = complaint.dueOn.iso
        record.concernsExecutive = complaint.concernsExecutive
        record.assignedTo = complaint.assignedTo
        record.recusedJSON = JSONCoding.encode(complaint.recused.map(\.uuidString).sorted())
    }

    static func complaint(_ record: ComplaintCaseRecord) throws -> ComplaintCase {
        guard let channel = ComplaintChannel(rawValue: record.channel), let status = ComplaintStatus(rawValue: record.status),
              let received = CalendarDay(iso: record.receivedOn), let due = CalendarDay(iso: record.dueOn)
        else { throw StoreError.corrupt("complaint case \(record.id?.uuidString ?? "?")") }
        let recused = (try? JSONCoding.decode([String].self, from: record.recusedJSON)) ?? []
        return ComplaintCase(id: try record.requireID(), organizationID: record.organizationID, channel: channel, status: status,
                             referredTo: record.referredTo.flatMap(OversightBody.init(rawValue:)), referredToName: record.referredToName,
                             outcome: record.outcome.flatMap(ComplaintOutcome.init(rawValue:)), receivedOn: received, dueOn: due,
                             concernsExecutive: record.concernsExecutive, assignedTo: record.assignedTo,
                             recused: Set(recused.compactMap(UUID.init(uuidString:))), version: record.version)
    }

    static func stored(_ record: ComplaintCaseRecord) throws -> StoredComplaint {
        StoredComplaint(complaint: try complaint(record), sealedReport: record.sealedReport, receiptVerifier: record.receiptVerifier)
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
                                              action: row.action, detail: row.detail, occurred: row.occurred)
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
