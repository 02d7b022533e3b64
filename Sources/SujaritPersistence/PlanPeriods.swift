import Foundation
import FluentKit
import FluentSQL
import SujaritCore

/// ช่วงปีของแผน — table `plan_periods`: which plan series holds an organization's years. One
/// row per organization and period (a unique constraint), so two requests that each create a
/// plan for the same years cannot both succeed, on SQLite or PostgreSQL, whatever they read
/// before: the row is written in the transaction that stores the plan.
public final class PlanPeriodRecord: Model, @unchecked Sendable {
    public static let schema = "plan_periods"

    @ID(key: .id) public var id: UUID?
    @Field(key: "organization_id") public var organizationID: UUID
    @Field(key: "first_year") public var firstYear: Int
    @Field(key: "last_year") public var lastYear: Int
    @Field(key: "series_id") public var seriesID: UUID

    public init() {}
}

/// Creates `plan_periods` and gives every period that already has plans its series. Older
/// data may hold two series for one period (they were possible before this table): the period
/// goes to the series whose revision the public address serves (`PlanStore.publishedRecord`'s
/// order: published, highest revision, last changed, id), or, with nothing published, to the
/// series changed last. The other series stay readable; they can no longer be joined by new plans.
struct CreatePlanPeriods: AsyncMigration {
    var name: String { "2026-12-07-01-plan-periods" }

    func prepare(on database: any Database) async throws {
        try await database.schema(PlanPeriodRecord.schema)
            .id()
            .field("organization_id", .uuid, .required, .references(OrganizationRecord.schema, "id", onDelete: .cascade))
            .field("first_year", .int, .required)
            .field("last_year", .int, .required)
            .field("series_id", .uuid, .required)
            .unique(on: "organization_id", "first_year", "last_year")
            .create()
        if let sql = database as? any SQLDatabase {
            try await sql.raw("CREATE INDEX IF NOT EXISTS plan_periods_series_idx ON \(ident: PlanPeriodRecord.schema) (series_id)").run()
        }
        struct Period: Hashable { var organization: UUID; var first: Int; var last: Int }
        var chosen: [Period: PlanRecord] = [:]
        func rank(_ r: PlanRecord) -> (Int, Int, Double, String) {
            (r.status == PlanStatus.published.rawValue ? 1 : 0, r.revision, (r.updatedAt ?? r.createdAt ?? .distantPast).timeIntervalSince1970,
             r.id?.uuidString ?? "")
        }
        for record in try await PlanRecord.query(on: database).all() {
            let key = Period(organization: record.organizationID, first: record.firstYear, last: record.lastYear)
            if let best = chosen[key], rank(best) >= rank(record) { continue }
            chosen[key] = record
        }
        var rows: [PlanPeriodRecord] = []
        for (period, record) in chosen {
            let row = PlanPeriodRecord()
            row.id = UUID()
            row.organizationID = period.organization
            row.firstYear = period.first
            row.lastYear = period.last
            row.seriesID = record.seriesID
            rows.append(row)
        }
        for batch in rows.chunked(200) { try await batch.create(on: database) }
    }

    func revert(on database: any Database) async throws {
        try await database.schema(PlanPeriodRecord.schema).delete()
    }
}

extension PlanStore {
    /// The latest revision of the series that holds the organization's years, if any: what a
    /// new plan for those years runs into (`PlanState.periodLatest`).
    public func periodLatest(organizationID: UUID, first: FiscalYear, last: FiscalYear) async throws -> Plan? {
        let holder = try await PlanPeriodRecord.query(on: database)
            .filter(\.$organizationID == organizationID).filter(\.$firstYear == first.be).filter(\.$lastYear == last.be)
            .first()
        var query = PlanRecord.query(on: database).filter(\.$organizationID == organizationID)
        if let holder {
            query = query.filter(\.$seriesID == holder.seriesID)
        } else {
            query = query.filter(\.$firstYear == first.be).filter(\.$lastYear == last.be)
        }
        guard let record = try await query.sort(\.$revision, .descending).sort(\.$updatedAt, .descending).first() else { return nil }
        return try await assemble(record, on: database)
    }

    /// The state a new plan for these years is decided on (`create`, `importSave`).
    public func newPlanState(organizationID: UUID, first: FiscalYear, last: FiscalYear) async throws -> PlanState {
        PlanState(organizationID: organizationID,
                  periodLatest: try await periodLatest(organizationID: organizationID, first: first, last: last))
    }

    static func claimPeriod(of plan: Plan, seriesID: UUID, on db: any Database) async throws {
        try await claimPeriod(organizationID: plan.organizationID, first: plan.firstYear.be, last: plan.lastYear.be,
                              seriesID: seriesID, on: db)
    }

    /// Gives the organization's years to `seriesID` inside the caller's transaction; throws
    /// `StoreError.periodTaken` (naming the latest revision of the series holding it) when
    /// another series holds it. `INSERT … ON CONFLICT DO NOTHING` is the same statement on
    /// SQLite and PostgreSQL; on PostgreSQL a parallel transaction inserting the same period
    /// makes this one wait for its end, then find its row.
    static func claimPeriod(organizationID: UUID, first: Int, last: Int, seriesID: UUID, orLeaveIt: Bool = false,
                            on db: any Database) async throws {
        guard let sql = db as? any SQLDatabase else { throw StoreError.corrupt("database is not SQL") }
        try await sql.raw("""
            INSERT INTO \(ident: PlanPeriodRecord.schema) (id, organization_id, first_year, last_year, series_id)
            VALUES (\(bind: UUID()), \(bind: organizationID), \(bind: first), \(bind: last), \(bind: seriesID))
            ON CONFLICT (organization_id, first_year, last_year) DO NOTHING
            """).run()
        guard !orLeaveIt else { return }
        guard let holder = try await PlanPeriodRecord.query(on: db)
            .filter(\.$organizationID == organizationID).filter(\.$firstYear == first).filter(\.$lastYear == last).first()
        else { throw StoreError.corrupt("plan_periods: the period \(first)–\(last) was not kept") }
        guard holder.seriesID != seriesID else { return }
        guard let latest = try await PlanRecord.query(on: db)
            .filter(\.$organizationID == organizationID).filter(\.$seriesID == holder.seriesID)
            .sort(\.$revision, .descending).first()
        else {
            // The holder's plans are gone (not possible through `apply`): the period is free.
            try await PlanPeriodRecord.query(on: db).filter(\.$id == holder.requireID()).delete()
            return try await claimPeriod(organizationID: organizationID, first: first, last: last, seriesID: seriesID, on: db)
        }
        throw StoreError.periodTaken(id: try latest.requireID(), revision: latest.revision, status: try status(of: latest))
    }

    /// After a plan of `seriesID` left the years `first`–`last` (deleted, or moved to other
    /// years): the series lets the period go when none of its revisions covers it any more,
    /// and a series of older data that still covers it takes it over.
    static func releasePeriod(organizationID: UUID, first: Int, last: Int, seriesID: UUID, on db: any Database) async throws {
        let remaining = try await PlanRecord.query(on: db)
            .filter(\.$organizationID == organizationID).filter(\.$seriesID == seriesID)
            .filter(\.$firstYear == first).filter(\.$lastYear == last).count()
        guard remaining == 0 else { return }
        try await PlanPeriodRecord.query(on: db)
            .filter(\.$organizationID == organizationID).filter(\.$firstYear == first).filter(\.$lastYear == last)
            .filter(\.$seriesID == seriesID).delete()
        if let other = try await PlanRecord.query(on: db)
            .filter(\.$organizationID == organizationID).filter(\.$firstYear == first).filter(\.$lastYear == last)
            .sort(\.$updatedAt, .descending).first() {
            try await claimPeriod(organizationID: organizationID, first: first, last: last, seriesID: other.seriesID,
                                  orLeaveIt: true, on: db)
        }
    }
}
