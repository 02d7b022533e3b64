import Foundation
import FluentKit
import FluentSQL
import SujaritCore

/// ตัวเลขสรุปของแผนที่เผยแพร่ — table `plan_figures`: what the overseers' dashboards count of a
/// published revision (items per dimension, budget per dimension and year, standard measures
/// used), computed once when it is published, in the same transaction, and read instead of its
/// items. A published revision never changes, so the row never goes stale; it goes with its plan
/// (cascade). Revisions published before the table existed have no row, and the dashboards
/// count their items instead (`DashboardStore`).
struct CreatePlanFigures: AsyncMigration {
    var name: String { "2026-12-07-01-plan-figures" }

    static let table = "plan_figures"

    func prepare(on database: any Database) async throws {
        try await database.schema(Self.table)
            .field("plan_id", .uuid, .identifier(auto: false), .references(PlanRecord.schema, "id", onDelete: .cascade))
            .field("organization_id", .uuid, .required, .references(OrganizationRecord.schema, "id", onDelete: .cascade))
            .field("figures_json", .string, .required)
            .create()
        guard let sql = database as? any SQLDatabase else { return }
        // The dashboards' other reads: published plans of a cycle, first submits of rounds.
        try await sql.raw("CREATE INDEX IF NOT EXISTS plan_figures_organization_idx ON \(ident: Self.table) (organization_id)").run()
        try await sql.raw("CREATE INDEX IF NOT EXISTS plans_status_years_idx ON \(ident: PlanRecord.schema) (status, first_year, last_year)").run()
        try await sql.raw("CREATE INDEX IF NOT EXISTS audit_events_action_subject_idx ON \(ident: AuditEventRecord.schema) (action, subject)").run()
    }

    func revert(on database: any Database) async throws {
        if let sql = database as? any SQLDatabase {
            try await sql.raw("DROP INDEX IF EXISTS audit_events_action_subject_idx").run()
            try await sql.raw("DROP INDEX IF EXISTS plans_status_years_idx").run()
        }
        try await database.schema(Self.table).delete()
    }
}

/// Reads and writes `plan_figures`.
public struct PlanFiguresStore: Sendable {
    let database: any Database

    public init(_ database: any Database) { self.database = database }

    /// Keeps the figures of a published revision (replacing any row it had).
    func keep(_ figures: DashboardPlan.Figures, planID: UUID, organizationID: UUID) async throws {
        guard let sql = database as? any SQLDatabase else { throw StoreError.corrupt("database is not SQL") }
        try await sql.delete(from: CreatePlanFigures.table).where("plan_id", .equal, SQLBind(planID)).run()
        try await sql.insert(into: CreatePlanFigures.table)
            .columns("plan_id", "organization_id", "figures_json")
            .values(SQLBind(planID), SQLBind(organizationID), SQLBind(JSONCoding.encode(figures)))
            .run()
    }

    /// The kept figures of a revision, if any.
    public func figures(planID: UUID) async throws -> DashboardPlan.Figures? {
        guard let sql = database as? any SQLDatabase else { throw StoreError.corrupt("database is not SQL") }
        guard let row = try await sql.select().column("figures_json").from(CreatePlanFigures.table)
            .where("plan_id", .equal, SQLBind(planID)).first() else { return nil }
        return try Self.decode(try row.decode(column: "figures_json", as: String.self), planID: planID)
    }

    static func decode(_ json: String, planID: UUID) throws -> DashboardPlan.Figures {
        do {
            return try JSONCoding.decode(DashboardPlan.Figures.self, from: json)
        } catch {
            throw StoreError.corrupt("plan_figures.figures_json (plan \(planID.uuidString))")
        }
    }
}

/// Decoded `plan_figures` rows kept in memory by plan id. A published revision's figures never
/// change, so an entry never goes stale; the national dashboard then decodes only what it has
/// not seen (decoding 7,850 rows each time was a good part of its cost). At most `limit`
/// entries; past it the memo starts again empty.
public final class FiguresMemo: @unchecked Sendable {
    private let lock = NSLock()
    private var figures: [UUID: DashboardPlan.Figures] = [:]
    public let limit: Int

    public init(limit: Int = 200_000) { self.limit = max(0, limit) }

    public func figures(of planID: UUID) -> DashboardPlan.Figures? {
        lock.lock(); defer { lock.unlock() }
        return figures[planID]
    }

    public func keep(_ value: DashboardPlan.Figures, for planID: UUID) {
        lock.lock(); defer { lock.unlock() }
        if figures.count >= limit { figures.removeAll(keepingCapacity: true) }
        guard limit > 0 else { return }
        figures[planID] = value
    }

    public var count: Int {
        lock.lock(); defer { lock.unlock() }
        return figures.count
    }
}
