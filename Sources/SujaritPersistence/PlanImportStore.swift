import Foundation
import FluentKit
import SujaritCore

/// นำเข้าแผน — a plan read from a document, kept as a draft with the importer's report until
/// someone reviews it — table `plan_imports`.
public final class PlanImportRecord: Model, @unchecked Sendable {
    public static let schema = "plan_imports"

    @ID(key: .id) public var id: UUID?
    @Field(key: "organization_id") public var organizationID: UUID
    @Field(key: "plan_id") public var planID: UUID
    @Field(key: "file_name") public var fileName: String
    /// The importer's report (diagnosis, sheets, monitoring rows) as JSON, kept as written.
    @Field(key: "report_json") public var reportJSON: String
    /// "pending" until accepted.
    @Field(key: "status") public var status: String
    @OptionalField(key: "user_id") public var userID: UUID?
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?

    public init() {}
}

struct CreatePlanImports: AsyncMigration {
    var name: String { "2026-11-21-06-plan-imports" }

    func prepare(on database: any Database) async throws {
        try await database.schema(PlanImportRecord.schema)
            .id()
            .field("organization_id", .uuid, .required, .references(OrganizationRecord.schema, "id", onDelete: .cascade))
            .field("plan_id", .uuid, .required, .references(PlanRecord.schema, "id", onDelete: .cascade))
            .field("file_name", .string, .required)
            .field("report_json", .string, .required)
            .field("status", .string, .required)
            .field("user_id", .uuid)
            .field("created_at", .datetime)
            .unique(on: "plan_id")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(PlanImportRecord.schema).delete()
    }
}

/// Stores imported plans as drafts with their report, and settles them after review.
public struct PlanImportStore: Sendable {
    let database: any Database

    public init(_ database: any Database) { self.database = database }

    /// Saves the plan as a new draft of `organizationID` (fresh ids) together with its report,
    /// in one transaction.
    public func saveDraft(_ plan: Plan, organizationID: UUID, fileName: String, reportJSON: String, userID: UUID?) async throws -> Plan {
        var draft = plan.withFreshIDs()
        draft.organizationID = organizationID
        draft.status = .draft
        draft.revision = 1
        let toStore = draft
        let stored = try await database.transaction { db -> Plan in
            let created = try await PlanStore(db).create(toStore)
            let record = PlanImportRecord()
            record.organizationID = organizationID
            record.planID = created.id
            record.fileName = String(fileName.prefix(255))
            record.reportJSON = reportJSON
            record.status = "pending"
            record.userID = userID
            try await record.create(on: db)
            return created
        }
        return stored
    }

    public func record(planID: UUID, organizationID: UUID) async throws -> PlanImportRecord? {
        try await PlanImportRecord.query(on: database)
            .filter(\.$planID == planID).filter(\.$organizationID == organizationID).first()
    }

    /// Accepting keeps the draft plan and marks the import reviewed.
    public func accept(planID: UUID, organizationID: UUID) async throws {
        guard let record = try await record(planID: planID, organizationID: organizationID) else {
            throw StoreError.notFound("การนำเข้า")
        }
        record.status = "accepted"
        try await record.save(on: database)
    }

    /// Marks a pending import settled once its plan has moved on from a draft (submitted,
    /// approved, published): from then on the plan is an ordinary plan and the import can no
    /// longer be discarded. Does nothing for a plan that was not imported or is settled already.
    public func settle(planID: UUID, organizationID: UUID) async throws {
        guard let record = try await record(planID: planID, organizationID: organizationID), record.status == "pending" else { return }
        record.status = "settled"
        try await record.save(on: database)
    }

    /// Discarding deletes the imported draft and its report — only while the import is still
    /// pending and its plan is the draft it was stored as: never a plan that was submitted,
    /// approved or published, and never one that a later revision was made from.
    public func discard(planID: UUID, organizationID: UUID) async throws {
        try await database.transaction { db in
            guard let record = try await PlanImportRecord.query(on: db)
                .filter(\.$planID == planID).filter(\.$organizationID == organizationID).first()
            else { throw StoreError.notFound("การนำเข้า") }
            guard record.status == "pending" else {
                throw StoreError.notAllowed(record.status == "accepted"
                    ? LocalizedText(th: "รับแผนนี้เข้าระบบแล้ว ลบจากหน้านี้ไม่ได้", en: "This import was already accepted")
                    : Self.settledMessage)
            }
            guard let plan = try await PlanRecord.query(on: db)
                .filter(\.$id == planID).filter(\.$organizationID == organizationID).first()
            else { throw StoreError.notFound("แผน \(planID)") }
            let others = try await PlanRecord.query(on: db)
                .filter(\.$seriesID == plan.seriesID).filter(\.$organizationID == organizationID)
                .filter(\.$id != planID).count()
            guard plan.status == PlanStatus.draft.rawValue, plan.publishedAt == nil, others == 0 else {
                throw StoreError.notAllowed(Self.settledMessage)
            }
            try await record.delete(on: db)
            try await PlanStore(db).delete(id: planID, organizationID: organizationID)
        }
    }

    static let settledMessage = LocalizedText(
        th: "แผนที่นำเข้านี้ได้เสนออนุมัติ อนุมัติ หรือเผยแพร่ไปแล้ว การนำเข้าจึงถือว่าเสร็จสิ้น ทิ้งการนำเข้าไม่ได้",
        en: "This imported plan has been submitted, approved or published, so the import is settled and can no longer be discarded")
}
