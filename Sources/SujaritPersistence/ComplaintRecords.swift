import Foundation
import FluentKit
import FluentSQL

/// เรื่องร้องเรียนการทุจริต — table `complaint_cases`. The reporter's words are only in
/// `sealed_report` (sealed by the vault, whose key the database does not hold); the receipt
/// code only as a keyed lookup tag and a salted slow hash. Dates are days ("2025-01-15"): no
/// time of day is stored.
public final class ComplaintCaseRecord: Model, @unchecked Sendable {
    public static let schema = "complaint_cases"

    @ID(key: .id) public var id: UUID?
    @Field(key: "organization_id") public var organizationID: UUID
    @Field(key: "channel") public var channel: String
    @Field(key: "status") public var status: String
    @OptionalField(key: "referred_to") public var referredTo: String?
    @Field(key: "referred_to_name") public var referredToName: String
    @OptionalField(key: "outcome") public var outcome: String?
    @Field(key: "received_on") public var receivedOn: String
    @Field(key: "due_on") public var dueOn: String
    @Field(key: "concerns_executive") public var concernsExecutive: Bool
    @OptionalField(key: "assigned_to") public var assignedTo: UUID?
    @Field(key: "recused_json") public var recusedJSON: String
    @Field(key: "receipt_lookup") public var receiptLookup: String
    @Field(key: "receipt_verifier") public var receiptVerifier: String
    @Field(key: "sealed_report") public var sealedReport: String
    @Field(key: "version") public var version: Int
    /// "corruption" (nil in rows made before the column) or "general"
    @OptionalField(key: "kind") public var kind: String?
    @OptionalField(key: "closed_on") public var closedOn: String?
    /// The generation of the case's content keys (per-officer sealing); NULL for a case whose
    /// content is still sealed by the vault alone (made before per-officer sealing).
    @OptionalField(key: "key_generation") public var keyGeneration: Int?
    /// The acknowledgement day, fixed when the case was received.
    @OptionalField(key: "acknowledge_by") public var acknowledgeBy: String?

    public init() {}
}

/// A message on a case — table `complaint_messages`: the reporter's added information, a reply
/// to the reporter, or an internal note. The text is sealed.
public final class ComplaintMessageRecord: Model, @unchecked Sendable {
    public static let schema = "complaint_messages"

    @ID(key: .id) public var id: UUID?
    @Field(key: "case_id") public var caseID: UUID
    @Field(key: "organization_id") public var organizationID: UUID
    @Field(key: "position") public var position: Int
    @Field(key: "kind") public var kind: String
    @OptionalField(key: "author_id") public var authorID: UUID?
    @Field(key: "written_on") public var writtenOn: String
    @Field(key: "sealed_body") public var sealedBody: String

    public init() {}
}

/// เจ้าหน้าที่รับเรื่องร้องเรียน — table `complaint_officers`: who handles the corruption complaints
/// of an organization. Separate from the plan roles (`memberships`): a plan editor or viewer is
/// not an officer, and an officer needs no plan role.
public final class ComplaintOfficerRecord: Model, @unchecked Sendable {
    public static let schema = "complaint_officers"

    @ID(key: .id) public var id: UUID?
    @Field(key: "user_id") public var userID: UUID
    @Field(key: "organization_id") public var organizationID: UUID

    public init() {}
}

/// The outside body's account of a province — table `complaint_overseers`: a user who handles
/// the complaints about the executive of every organization in the province (e.g. the
/// provincial office of ป.ป.ช. or ป.ป.ท., or the province's own complaint centre).
public final class ComplaintOverseerRecord: Model, @unchecked Sendable {
    public static let schema = "complaint_overseers"

    @ID(key: .id) public var id: UUID?
    @Field(key: "user_id") public var userID: UUID
    @Field(key: "province") public var province: String

    public init() {}
}

/// An organization's complaint settings — table `complaint_settings`.
public final class ComplaintSettingsRecord: Model, @unchecked Sendable {
    public static let schema = "complaint_settings"

    @ID(key: .id) public var id: UUID?
    @Field(key: "organization_id") public var organizationID: UUID
    @Field(key: "deadline_days") public var deadlineDays: Int
    @Field(key: "working_days_only") public var workingDaysOnly: Bool
    /// Days to acknowledge a new case (nil: the default, 3).
    @OptionalField(key: "acknowledge_days") public var acknowledgeDays: Int?

    public init() {}
}

/// หลักฐานประกอบเรื่องร้องเรียน — table `complaint_evidence`: one file attached to a case, by the
/// reporter (on the form or when tracking) or by an officer at intake. The content is sealed in
/// the evidence storage under `address`; its name and kind are sealed here (`sealed_info`).
public final class ComplaintEvidenceRecord: Model, @unchecked Sendable {
    public static let schema = "complaint_evidence"

    @ID(key: .id) public var id: UUID?
    @Field(key: "case_id") public var caseID: UUID
    @Field(key: "organization_id") public var organizationID: UUID
    @Field(key: "address") public var address: String
    @Field(key: "size") public var size: Int
    @Field(key: "sealed_info") public var sealedInfo: String
    @Field(key: "added_on") public var addedOn: String
    /// "reporter" or "officer"
    @Field(key: "added_by") public var addedBy: String

    public init() {}
}

/// บันทึกการเข้าถึงเรื่องร้องเรียน — table `complaint_log`: every view and change of a case,
/// append-only, each row carrying the SHA-256 of the one before it in its chain
/// (`ComplaintLogChain`). Two chains: `reporter` (the reporter's own actions, dated by day only)
/// and `staff` (officers, with the moment): one chain for both would order each report between
/// staff actions with their time of day, and so give away when it was sent.
public final class ComplaintLogRecord: Model, @unchecked Sendable {
    public static let schema = "complaint_log"

    @ID(key: .id) public var id: UUID?
    @Field(key: "chain") public var chain: String
    @Field(key: "sequence") public var sequence: Int
    @OptionalField(key: "organization_id") public var organizationID: UUID?
    @OptionalField(key: "case_id") public var caseID: UUID?
    @Field(key: "actor") public var actor: String
    @Field(key: "action") public var action: String
    @Field(key: "detail") public var detail: String
    /// A day ("2025-01-15") for the reporter's actions; a moment (ISO 8601) for staff.
    @Field(key: "occurred") public var occurred: String
    @Field(key: "previous_hash") public var previousHash: String
    @Field(key: "hash") public var hash: String

    public init() {}
}

/// The corruption complaint channel's tables. A separate, named migration: the earlier ones
/// stay as they are.
struct CreateComplaintChannel: AsyncMigration {
    var name: String { "2026-12-01-10-complaint-channel" }

    func prepare(on database: any Database) async throws {
        try await database.schema(ComplaintCaseRecord.schema)
            .id()
            .field("organization_id", .uuid, .required, .references(OrganizationRecord.schema, "id", onDelete: .cascade))
            .field("channel", .string, .required)
            .field("status", .string, .required)
            .field("referred_to", .string)
            .field("referred_to_name", .string, .required)
            .field("outcome", .string)
            .field("received_on", .string, .required)
            .field("due_on", .string, .required)
            .field("concerns_executive", .bool, .required)
            .field("assigned_to", .uuid)
            .field("recused_json", .string, .required)
            .field("receipt_lookup", .string, .required)
            .field("receipt_verifier", .string, .required)
            .field("sealed_report", .string, .required)
            .field("version", .int, .required)
            .unique(on: "receipt_lookup")
            .create()
        try await database.schema(ComplaintMessageRecord.schema)
            .id()
            .field("case_id", .uuid, .required, .references(ComplaintCaseRecord.schema, "id", onDelete: .cascade))
            .field("organization_id", .uuid, .required, .references(OrganizationRecord.schema, "id", onDelete: .cascade))
            .field("position", .int, .required)
            .field("kind", .string, .required)
            .field("author_id", .uuid)
            .field("written_on", .string, .required)
            .field("sealed_body", .string, .required)
            .unique(on: "case_id", "position")
            .create()
        try await database.schema(ComplaintOfficerRecord.schema)
            .id()
            .field("user_id", .uuid, .required, .references(UserRecord.schema, "id", onDelete: .cascade))
            .field("organization_id", .uuid, .required, .references(OrganizationRecord.schema, "id", onDelete: .cascade))
            .unique(on: "user_id", "organization_id")
            .create()
        try await database.schema(ComplaintSettingsRecord.schema)
            .id()
            .field("organization_id", .uuid, .required, .references(OrganizationRecord.schema, "id", onDelete: .cascade))
            .field("deadline_days", .int, .required)
            .field("working_days_only", .bool, .required)
            .unique(on: "organization_id")
            .create()
        try await database.schema(ComplaintLogRecord.schema)
            .id()
            .field("chain", .string, .required)
            .field("sequence", .int, .required)
            .field("organization_id", .uuid)
            .field("case_id", .uuid)
            .field("actor", .string, .required)
            .field("action", .string, .required)
            .field("detail", .string, .required)
            .field("occurred", .string, .required)
            .field("previous_hash", .string, .required)
            .field("hash", .string, .required)
            .unique(on: "chain", "sequence")
            .create()
        guard let sql = database as? any SQLDatabase else { return }
        for (index, table, column) in Self.indexes {
            try await sql.raw("CREATE INDEX IF NOT EXISTS \(ident: index) ON \(ident: table) (\(ident: column))").run()
        }
    }

    static let indexes: [(String, String, String)] = [
        ("complaint_cases_organization_idx", ComplaintCaseRecord.schema, "organization_id"),
        ("complaint_messages_organization_idx", ComplaintMessageRecord.schema, "organization_id"),
        ("complaint_officers_organization_idx", ComplaintOfficerRecord.schema, "organization_id"),
        ("complaint_log_case_idx", ComplaintLogRecord.schema, "case_id"),
        ("complaint_log_organization_idx", ComplaintLogRecord.schema, "organization_id"),
    ]

    func revert(on database: any Database) async throws {
        try await database.schema(ComplaintLogRecord.schema).delete()
        try await database.schema(ComplaintSettingsRecord.schema).delete()
        try await database.schema(ComplaintOfficerRecord.schema).delete()
        try await database.schema(ComplaintMessageRecord.schema).delete()
        try await database.schema(ComplaintCaseRecord.schema).delete()
    }
}

/// Evidence files of complaint cases, the provinces' outside-body accounts, the days an
/// organization gives to acknowledge a case, the kind of a case (corruption or general) and the
/// day it was closed.
struct CreateComplaintEvidence: AsyncMigration {
    var name: String { "2026-12-01-10b-complaint-evidence" }

    func prepare(on database: any Database) async throws {
        try await database.schema(ComplaintEvidenceRecord.schema)
            .id()
            .field("case_id", .uuid, .required, .references(ComplaintCaseRecord.schema, "id", onDelete: .cascade))
            .field("organization_id", .uuid, .required, .references(OrganizationRecord.schema, "id", onDelete: .cascade))
            .field("address", .string, .required)
            .field("size", .int, .required)
            .field("sealed_info", .string, .required)
            .field("added_on", .string, .required)
            .field("added_by", .string, .required)
            .create()
        try await database.schema(ComplaintOverseerRecord.schema)
            .id()
            .field("user_id", .uuid, .required, .references(UserRecord.schema, "id", onDelete: .cascade))
            .field("province", .string, .required)
            .unique(on: "user_id", "province")
            .create()
        try await database.schema(ComplaintSettingsRecord.schema)
            .field("acknowledge_days", .int)
            .update()
        try await database.schema(ComplaintCaseRecord.schema)
            .field("kind", .string)
            .update()
        try await database.schema(ComplaintCaseRecord.schema)
            .field("closed_on", .string)
            .update()
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.raw("CREATE INDEX IF NOT EXISTS complaint_evidence_case_idx ON \(ident: ComplaintEvidenceRecord.schema) (case_id)").run()
        try await sql.raw("CREATE INDEX IF NOT EXISTS complaint_evidence_address_idx ON \(ident: ComplaintEvidenceRecord.schema) (address)").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(ComplaintCaseRecord.schema).deleteField("closed_on").update()
        try await database.schema(ComplaintCaseRecord.schema).deleteField("kind").update()
        try await database.schema(ComplaintSettingsRecord.schema).deleteField("acknowledge_days").update()
        try await database.schema(ComplaintEvidenceRecord.schema).delete()
        try await database.schema(ComplaintOverseerRecord.schema).delete()
    }
}
