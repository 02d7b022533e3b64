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
    /// `PlanImportStatus`: "pending" until accepted or settled.
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

/// Reads the import kept beside an imported draft. Its changes (stored with the draft,
/// accepted, settled, deleted with the draft) are written only by `PlanStore.apply`, in the
/// transaction of the plan change they belong to.
public struct PlanImportStore: Sendable {
    let database: any Database

    public init(_ database: any Database) { self.database = database }

    public func record(planID: UUID, organizationID: UUID) async throws -> PlanImportRecord? {
        try await PlanImportRecord.query(on: database)
            .filter(\.$planID == planID).filter(\.$organizationID == organizationID).first()
    }

    /// The import's status, or nil when the plan was not imported.
    public func status(planID: UUID, organizationID: UUID) async throws -> PlanImportStatus? {
        try await record(planID: planID, organizationID: organizationID)?.importStatus()
    }

    func createRecord(planID: UUID, organizationID: UUID, document: ImportDraft, userID: UUID?) async throws {
        let record = PlanImportRecord()
        record.organizationID = organizationID
        record.planID = planID
        record.fileName = String(document.fileName.prefix(255))
        record.reportJSON = document.reportJSON
        record.status = PlanImportStatus.pending.rawValue
        record.userID = userID
        try await record.create(on: database)
    }

    func setStatus(_ status: PlanImportStatus, planID: UUID, organizationID: UUID) async throws {
        guard let record = try await record(planID: planID, organizationID: organizationID) else {
            throw StoreError.notFound("การนำเข้า")
        }
        record.status = status.rawValue
        try await record.save(on: database)
    }

    func deleteRecord(planID: UUID, organizationID: UUID) async throws {
        try await PlanImportRecord.query(on: database)
            .filter(\.$planID == planID).filter(\.$organizationID == organizationID).delete()
    }
}

extension PlanImportRecord {
    /// The stored status; an unknown value is corrupt data.
    public func importStatus() throws -> PlanImportStatus {
        guard let status = PlanImportStatus(rawValue: status) else {
            throw StoreError.corrupt("plan_imports.status “\(status)” (plan \(planID.uuidString))")
        }
        return status
    }
}
