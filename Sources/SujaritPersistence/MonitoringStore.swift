import Foundation
import FluentKit
import FluentSQL
import SujaritCore

/// รอบการติดตาม — table `monitoring_rounds`. One round of a kind per plan series and fiscal year
/// (a unique constraint, so two parallel "open" requests cannot both succeed).
public final class MonitoringRoundRecord: Model, @unchecked Sendable {
    public static let schema = "monitoring_rounds"

    @ID(key: .id) public var id: UUID?
    @Field(key: "organization_id") public var organizationID: UUID
    @Field(key: "plan_id") public var planID: UUID
    @Field(key: "series_id") public var seriesID: UUID
    @Field(key: "fiscal_year") public var fiscalYear: Int
    @Field(key: "kind") public var kind: String
    @Field(key: "status") public var status: String
    @OptionalField(key: "reopen_reason") public var reopenReason: String?
    @Field(key: "version") public var version: Int
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) public var updatedAt: Date?

    public init() {}
}

/// บันทึกผลการดำเนินงาน — table `monitoring_records`: one row per item of a round. Money is in
/// satang columns (summed by queries); the rest of the record is JSON.
public final class MonitoringRecordRow: Model, @unchecked Sendable {
    public static let schema = "monitoring_records"

    @ID(key: .id) public var id: UUID?
    @Field(key: "organization_id") public var organizationID: UUID
    @Field(key: "round_id") public var roundID: UUID
    @Field(key: "item_lineage_id") public var itemLineageID: UUID
    @Field(key: "item_id") public var itemID: UUID
    @Field(key: "item_number") public var itemNumber: Int
    @OptionalField(key: "progress") public var progress: String?
    @OptionalField(key: "planned_satang") public var plannedSatang: Int64?
    @OptionalField(key: "ordinance_satang") public var ordinanceSatang: Int64?
    @OptionalField(key: "committed_satang") public var committedSatang: Int64?
    @OptionalField(key: "disbursed_satang") public var disbursedSatang: Int64?
    /// JSON of the whole `MonitoringRecord` (the money columns above take precedence).
    @Field(key: "detail_json") public var detailJSON: String

    public init() {}

    func fill(from record: MonitoringRecord, organizationID: UUID, roundID: UUID) {
        id = record.id
        self.organizationID = organizationID
        self.roundID = roundID
        itemLineageID = record.itemLineageID
        itemID = record.itemID
        itemNumber = record.itemNumber
        progress = record.progress?.rawValue
        plannedSatang = record.plannedBudget?.satang
        ordinanceSatang = record.ordinanceBudget?.satang
        committedSatang = record.committed?.satang
        disbursedSatang = record.disbursed?.satang
        detailJSON = JSONCoding.encode(record)
    }

    func toDomain() throws -> MonitoringRecord {
        var record = try JSONCoding.decode(MonitoringRecord.self, from: detailJSON)
        record.id = try requireID()
        record.progress = progress.flatMap(ItemProgress.init(rawValue:))
        record.plannedBudget = plannedSatang.map(Money.init(satang:))
        record.ordinanceBudget = ordinanceSatang.map(Money.init(satang:))
        record.committed = committedSatang.map(Money.init(satang:))
        record.disbursed = disbursedSatang.map(Money.init(satang:))
        return record
    }
}

/// Plan items get a lineage id that survives revisions; existing rows take their own id.
struct AddPlanItemLineage: AsyncMigration {
    var name: String { "2026-12-01-01-plan-item-lineage" }

    func prepare(on database: any Database) async throws {
        try await database.schema(PlanItemRecord.schema).field("lineage_id", .uuid).update()
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.raw("UPDATE \(ident: PlanItemRecord.schema) SET lineage_id = id WHERE lineage_id IS NULL").run()
        try await sql.raw("CREATE INDEX IF NOT EXISTS plan_items_lineage_idx ON \(ident: PlanItemRecord.schema) (lineage_id)").run()
    }

    func revert(on database: any Database) async throws {
        if let sql = database as? any SQLDatabase {
            try await sql.raw("DROP INDEX IF EXISTS plan_items_lineage_idx").run()
        }
        try await database.schema(PlanItemRecord.schema).deleteField("lineage_id").update()
    }
}

struct CreateMonitoringRounds: AsyncMigration {
    var name: String { "2026-12-01-02-monitoring-rounds" }

    func prepare(on database: any Database) async throws {
        try await database.schema(MonitoringRoundRecord.schema)
            .id()
            .field("organization_id", .uuid, .required, .references(OrganizationRecord.schema, "id", onDelete: .cascade))
            .field("plan_id", .uuid, .required, .references(PlanRecord.schema, "id", onDelete: .cascade))
            .field("series_id", .uuid, .required)
            .field("fiscal_year", .int, .required)
            .field("kind", .string, .required)
            .field("status", .string, .required)
            .field("reopen_reason", .string)
            .field("version", .int, .required)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .unique(on: "series_id", "fiscal_year", "kind")
            .create()
        try await database.schema(MonitoringRecordRow.schema)
            .id()
            .field("organization_id", .uuid, .required, .references(OrganizationRecord.schema, "id", onDelete: .cascade))
            .field("round_id", .uuid, .required, .references(MonitoringRoundRecord.schema, "id", onDelete: .cascade))
            .field("item_lineage_id", .uuid, .required)
            .field("item_id", .uuid, .required)
            .field("item_number", .int, .required)
            .field("progress", .string)
            .field("planned_satang", .int64)
            .field("ordinance_satang", .int64)
            .field("committed_satang", .int64)
            .field("disbursed_satang", .int64)
            .field("detail_json", .string, .required)
            .unique(on: "round_id", "item_lineage_id")
            .create()
        guard let sql = database as? any SQLDatabase else { return }
        for (index, table, column) in [
            ("monitoring_rounds_organization_idx", MonitoringRoundRecord.schema, "organization_id"),
            ("monitoring_rounds_plan_idx", MonitoringRoundRecord.schema, "plan_id"),
            ("monitoring_records_organization_idx", MonitoringRecordRow.schema, "organization_id"),
            ("monitoring_records_lineage_idx", MonitoringRecordRow.schema, "item_lineage_id"),
        ] {
            try await sql.raw("CREATE INDEX IF NOT EXISTS \(ident: index) ON \(ident: table) (\(ident: column))").run()
        }
    }

    func revert(on database: any Database) async throws {
        try await database.schema(MonitoringRecordRow.schema).delete()
        try await database.schema(MonitoringRoundRecord.schema).delete()
    }
}

/// การตั้งค่าการติดตาม — table `monitoring_settings`, one row per organization that changed
/// its setting (no row: quarterly rounds off).
public final class MonitoringSettingsRecord: Model, @unchecked Sendable {
    public static let schema = "monitoring_settings"

    /// The organization's id.
    @ID(custom: "organization_id", generatedBy: .user) public var id: UUID?
    @Field(key: "quarterly_rounds") public var quarterlyRounds: Bool
    @Timestamp(key: "updated_at", on: .update) public var updatedAt: Date?

    public init() {}

    init(organizationID: UUID) {
        id = organizationID
        quarterlyRounds = false
    }
}

struct CreateMonitoringSettings: AsyncMigration {
    var name: String { "2026-12-07-01-monitoring-settings" }

    func prepare(on database: any Database) async throws {
        try await database.schema(MonitoringSettingsRecord.schema)
            .field("organization_id", .uuid, .identifier(auto: false), .references(OrganizationRecord.schema, "id", onDelete: .cascade))
            .field("quarterly_rounds", .bool, .required)
            .field("updated_at", .datetime)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(MonitoringSettingsRecord.schema).delete()
    }
}

/// Reads and writes monitoring rounds. Every query is filtered by the organization; every write
/// is one transaction that stores the decided change and its audit record together.
public struct MonitoringStore: Sendable {
    let database: any Database

    public init(_ database: any Database) { self.database = database }

    // MARK: Reading

    /// A round with its records, if it belongs to the organization.
    public func round(id: UUID, organizationID: UUID) async throws -> MonitoringRound? {
        guard let record = try await MonitoringRoundRecord.query(on: database)
            .filter(\.$id == id).filter(\.$organizationID == organizationID).first() else { return nil }
        return try await assemble([record], on: database).first
    }

    /// The organization a round belongs to (to check who may see it), without its records.
    public func organizationID(ofRound id: UUID) async throws -> UUID? {
        try await MonitoringRoundRecord.find(id, on: database)?.organizationID
    }

    /// Every round of a plan series, newest year first, 12-month before 6-month.
    public func rounds(seriesID: UUID, organizationID: UUID) async throws -> [MonitoringRound] {
        let rows = try await MonitoringRoundRecord.query(on: database)
            .filter(\.$seriesID == seriesID).filter(\.$organizationID == organizationID)
            .sort(\.$fiscalYear, .descending).sort(\.$kind, .ascending).all()
        return try await assemble(rows, on: database)
    }

    /// Every round of an organization (all its plans), newest year first.
    public func rounds(organizationID: UUID) async throws -> [MonitoringRound] {
        let rows = try await MonitoringRoundRecord.query(on: database)
            .filter(\.$organizationID == organizationID)
            .sort(\.$fiscalYear, .descending).sort(\.$kind, .ascending).all()
        return try await assemble(rows, on: database)
    }

    /// The series id of a plan revision.
    public func seriesID(ofPlan planID: UUID, organizationID: UUID) async throws -> UUID? {
        try await PlanRecord.query(on: database).filter(\.$id == planID).filter(\.$organizationID == organizationID).first()?.seriesID
    }

    func assemble(_ rows: [MonitoringRoundRecord], on db: any Database) async throws -> [MonitoringRound] {
        guard !rows.isEmpty else { return [] }
        let ids = try rows.map { try $0.requireID() }
        let organizations = Set(rows.map(\.organizationID))
        let recordRows = try await MonitoringRecordRow.query(on: db)
            .filter(\.$roundID ~~ ids).filter(\.$organizationID ~~ Array(organizations))
            .sort(\.$itemNumber).all()
        var byRound: [UUID: [MonitoringRecord]] = [:]
        for row in recordRows { byRound[row.roundID, default: []].append(try row.toDomain()) }
        return try rows.map { row in
            let id = try row.requireID()
            guard let kind = MonitoringRoundKind(rawValue: row.kind), let status = MonitoringRoundStatus(rawValue: row.status) else {
                throw StoreError.corrupt("monitoring round \(id): kind \(row.kind), status \(row.status)")
            }
            return MonitoringRound(
                id: id, organizationID: row.organizationID, planID: row.planID, planSeriesID: row.seriesID,
                fiscalYear: FiscalYear(row.fiscalYear), kind: kind, status: status, reopenReason: row.reopenReason,
                version: row.version, records: byRound[id] ?? [])
        }
    }

    // MARK: Writing

    /// Stores what `MonitoringWorkflow.decide` decided, and its audit events, in one transaction.
    /// A new round is inserted with its records; otherwise the round's version must still be
    /// `change.round.version - 1` (someone else's change in between is `StoreError.conflict`,
    /// and nothing — round, records, audit — is written).
    @discardableResult
    public func apply(_ decision: Decision<RoundChange>) async throws -> MonitoringRound {
        let change = decision.change
        let round = change.round
        do {
            try await database.transaction { db in
                switch change.write {
                case .create:
                    guard try await PlanRecord.query(on: db).filter(\.$id == round.planID)
                        .filter(\.$organizationID == round.organizationID).first() != nil
                    else { throw StoreError.notFound("แผน \(round.planID)") }
                    let row = MonitoringRoundRecord()
                    row.id = round.id
                    Self.fill(row, from: round)
                    try await row.create(on: db)
                    let rows = round.records.map { record -> MonitoringRecordRow in
                        let row = MonitoringRecordRow()
                        row.fill(from: record, organizationID: round.organizationID, roundID: round.id)
                        return row
                    }
                    for batch in rows.chunked(50) { try await batch.create(on: db) }
                case .update(let recordIDs):
                    guard let sql = db as? any SQLDatabase else { throw StoreError.corrupt("database is not SQL") }
                    // Claim the round: only one writer moves the version from expected to expected + 1.
                    let claimed = try await sql.update(MonitoringRoundRecord.schema)
                        .set("version", to: SQLBind(round.version))
                        .set("status", to: SQLBind(round.status.rawValue))
                        .set("reopen_reason", to: SQLBind(round.reopenReason))
                        .where("id", .equal, SQLBind(round.id))
                        .where("organization_id", .equal, SQLBind(round.organizationID))
                        .where("version", .equal, SQLBind(round.version - 1))
                        .returning("id")
                        .all()
                    guard claimed.count == 1 else {
                        let now = try await MonitoringRoundRecord.query(on: db).filter(\.$id == round.id)
                            .filter(\.$organizationID == round.organizationID).first()
                        guard let now else { throw StoreError.notFound("รอบการติดตาม \(round.id)") }
                        throw StoreError.conflict(currentVersion: now.version)
                    }
                    for recordID in recordIDs {
                        guard let record = round.records.first(where: { $0.id == recordID }),
                              let row = try await MonitoringRecordRow.query(on: db).filter(\.$id == recordID)
                                .filter(\.$roundID == round.id).filter(\.$organizationID == round.organizationID).first()
                        else { throw StoreError.notFound("บันทึก \(recordID)") }
                        row.fill(from: record, organizationID: round.organizationID, roundID: round.id)
                        try await row.save(on: db)
                    }
                }
                let log = AuditLog(db)
                for event in decision.audit { try await log.record(event) }
            }
        } catch let error as StoreError {
            throw error
        } catch {
            // Two "open" requests for the same year and kind: the unique constraint refused one.
            if change.write == .create, try await MonitoringRoundRecord.query(on: database)
                .filter(\.$seriesID == round.planSeriesID).filter(\.$fiscalYear == round.fiscalYear.be)
                .filter(\.$kind == round.kind.rawValue).first() != nil {
                throw StoreError.duplicate(field: "kind", value: "\(round.kind.thaiName) \(round.fiscalYear.be)")
            }
            throw error
        }
        return round
    }

    // MARK: Settings

    /// The organization's monitoring setting (quarterly rounds off when never set).
    public func settings(organizationID: UUID) async throws -> MonitoringSettings {
        let row = try await MonitoringSettingsRecord.query(on: database).filter(\.$id == organizationID).first()
        return MonitoringSettings(organizationID: organizationID, quarterlyRounds: row?.quarterlyRounds ?? false)
    }

    /// Stores a decided setting with its audit event, in one transaction.
    @discardableResult
    public func apply(_ decision: Decision<MonitoringSettings>) async throws -> MonitoringSettings {
        let settings = decision.change
        try await database.transaction { db in
            let row = try await MonitoringSettingsRecord.query(on: db).filter(\.$id == settings.organizationID).first()
                ?? MonitoringSettingsRecord(organizationID: settings.organizationID)
            row.quarterlyRounds = settings.quarterlyRounds
            try await row.save(on: db)
            let log = AuditLog(db)
            for event in decision.audit { try await log.record(event) }
        }
        return settings
    }

    static func fill(_ row: MonitoringRoundRecord, from round: MonitoringRound) {
        row.organizationID = round.organizationID
        row.planID = round.planID
        row.seriesID = round.planSeriesID
        row.fiscalYear = round.fiscalYear.be
        row.kind = round.kind.rawValue
        row.status = round.status.rawValue
        row.reopenReason = round.reopenReason
        row.version = round.version
    }

    /// The audit trail of a round, newest first.
    public func history(roundID: UUID, organizationID: UUID) async throws -> [AuditEventRecord] {
        try await AuditEventRecord.query(on: database)
            .filter(\.$organizationID == organizationID).filter(\.$subject == roundID.uuidString)
            .sort(\.$createdAt, .descending).all()
    }
}
