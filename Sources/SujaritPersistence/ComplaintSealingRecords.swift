import Foundation
import FluentKit
import FluentSQL
import SujaritCore

/// An officer's key pair — table `complaint_officer_keys`: the X25519 public key that cases are
/// sealed to, and the private key locked under the officer's password (and, on top, under the
/// server's vault key). One pair per person, whatever organizations they serve.
public final class ComplaintOfficerKeyRecord: Model, @unchecked Sendable {
    public static let schema = "complaint_officer_keys"

    @ID(key: .id) public var id: UUID?
    @Field(key: "user_id") public var userID: UUID
    @Field(key: "public_key") public var publicKey: String
    @Field(key: "locked_key") public var lockedKey: String
    @Field(key: "created_on") public var createdOn: String

    public init() {}
}

/// One content key of a case wrapped for one recipient — table `complaint_key_wraps`.
public final class ComplaintKeyWrapRecord: Model, @unchecked Sendable {
    public static let schema = "complaint_key_wraps"

    @ID(key: .id) public var id: UUID?
    @Field(key: "case_id") public var caseID: UUID
    @Field(key: "organization_id") public var organizationID: UUID
    @Field(key: "key_kind") public var keyKind: String
    @Field(key: "recipient_kind") public var recipientKind: String
    @OptionalField(key: "recipient_id") public var recipientID: UUID?
    @Field(key: "recipient_key") public var recipientKey: String
    @Field(key: "wrapped") public var wrapped: String

    public init() {}
}

/// A recovery key's public half — table `complaint_recovery_keys`: of an organization (its
/// cases) or of a province (the cases about executives, which its outside body handles). The
/// private half is never stored. Retired keys stay listed (their fingerprint) but receive
/// nothing.
public final class ComplaintRecoveryKeyRecord: Model, @unchecked Sendable {
    public static let schema = "complaint_recovery_keys"

    @ID(key: .id) public var id: UUID?
    @OptionalField(key: "organization_id") public var organizationID: UUID?
    @OptionalField(key: "province") public var province: String?
    @Field(key: "public_key") public var publicKey: String
    @Field(key: "fingerprint") public var fingerprint: String
    @Field(key: "created_on") public var createdOn: String
    @Field(key: "retired") public var retired: Bool

    public init() {}
}

/// An officer's private key for one API token — table `complaint_token_keys`: locked under a
/// key derived from the token itself, which the server does not keep (it keeps the token's
/// SHA-256 only), so the row opens only for a request that carries the token.
public final class ComplaintTokenKeyRecord: Model, @unchecked Sendable {
    public static let schema = "complaint_token_keys"

    @ID(key: .id) public var id: UUID?
    @Field(key: "user_id") public var userID: UUID
    @Field(key: "token_hash") public var tokenHash: String
    @Field(key: "locked_key") public var lockedKey: String
    @Field(key: "expires_at") public var expiresAt: Date

    public init() {}
}

/// Per-officer sealing (the officers' key pairs, the wrapped case keys, recovery keys, token
/// copies) and the acknowledgement deadline stored on each case. Existing cases keep their
/// content sealed by the vault (`key_generation` NULL) until `sujarit complaints upgrade-sealing`
/// or an officer's visit seals them to their officers; their acknowledgement day is fixed now
/// from their organization's current settings (the best the data allows: the settings of the
/// day a case came in were not kept).
public struct CreateComplaintOfficerSealing: AsyncMigration {
    public init() {}

    public var name: String { "2026-12-07-10c-complaint-officer-sealing" }

    public func prepare(on database: any Database) async throws {
        try await database.schema(ComplaintOfficerKeyRecord.schema)
            .id()
            .field("user_id", .uuid, .required, .references(UserRecord.schema, "id", onDelete: .cascade))
            .field("public_key", .string, .required)
            .field("locked_key", .string, .required)
            .field("created_on", .string, .required)
            .unique(on: "user_id")
            .create()
        try await database.schema(ComplaintKeyWrapRecord.schema)
            .id()
            .field("case_id", .uuid, .required, .references(ComplaintCaseRecord.schema, "id", onDelete: .cascade))
            .field("organization_id", .uuid, .required, .references(OrganizationRecord.schema, "id", onDelete: .cascade))
            .field("key_kind", .string, .required)
            .field("recipient_kind", .string, .required)
            .field("recipient_id", .uuid)
            .field("recipient_key", .string, .required)
            .field("wrapped", .string, .required)
            .create()
        try await database.schema(ComplaintRecoveryKeyRecord.schema)
            .id()
            .field("organization_id", .uuid, .references(OrganizationRecord.schema, "id", onDelete: .cascade))
            .field("province", .string)
            .field("public_key", .string, .required)
            .field("fingerprint", .string, .required)
            .field("created_on", .string, .required)
            .field("retired", .bool, .required)
            .create()
        try await database.schema(ComplaintTokenKeyRecord.schema)
            .id()
            .field("user_id", .uuid, .required, .references(UserRecord.schema, "id", onDelete: .cascade))
            .field("token_hash", .string, .required)
            .field("locked_key", .string, .required)
            .field("expires_at", .datetime, .required)
            .unique(on: "token_hash")
            .create()
        try await database.schema(ComplaintCaseRecord.schema).field("key_generation", .int).update()
        try await database.schema(ComplaintCaseRecord.schema).field("acknowledge_by", .string).update()
        if let sql = database as? any SQLDatabase {
            try await sql.raw("CREATE INDEX IF NOT EXISTS complaint_key_wraps_case_idx ON \(ident: ComplaintKeyWrapRecord.schema) (case_id)").run()
            try await sql.raw("CREATE INDEX IF NOT EXISTS complaint_key_wraps_recipient_idx ON \(ident: ComplaintKeyWrapRecord.schema) (recipient_id)").run()
        }
        try await Self.fixAcknowledgementDays(on: database)
    }

    /// The acknowledgement day of cases that have none (made before it was stored), from their
    /// organization's settings now.
    public static func fixAcknowledgementDays(on database: any Database) async throws {
        let settings = try await ComplaintSettingsRecord.query(on: database).all()
        let policies = Dictionary(settings.map { row in
            (row.organizationID, ComplaintDeadlinePolicy(days: row.deadlineDays, acknowledgeDays: row.acknowledgeDays ?? ComplaintDeadlinePolicy.standard.acknowledgeDays,
                                                         workingDaysOnly: row.workingDaysOnly))
        }, uniquingKeysWith: { a, _ in a })
        for record in try await ComplaintCaseRecord.query(on: database).all() where record.acknowledgeBy == nil {
            guard let received = CalendarDay(iso: record.receivedOn) else { throw StoreError.corrupt("complaint case \(record.id?.uuidString ?? "?") received_on") }
            record.acknowledgeBy = (policies[record.organizationID] ?? .standard).acknowledgeBy(receivedOn: received).iso
            try await record.update(on: database)
        }
    }

    public func revert(on database: any Database) async throws {
        try await database.schema(ComplaintCaseRecord.schema).deleteField("acknowledge_by").update()
        try await database.schema(ComplaintCaseRecord.schema).deleteField("key_generation").update()
        try await database.schema(ComplaintTokenKeyRecord.schema).delete()
        try await database.schema(ComplaintRecoveryKeyRecord.schema).delete()
        try await database.schema(ComplaintKeyWrapRecord.schema).delete()
        try await database.schema(ComplaintOfficerKeyRecord.schema).delete()
    }
}
