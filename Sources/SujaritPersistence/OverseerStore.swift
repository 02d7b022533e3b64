import Foundation
import FluentKit
import FluentSQL
import SujaritCore

/// ผู้กำกับดูแล — table `overseers`: a user who reads the dashboards of one province
/// (`province` set) or of the nation (`province` NULL). Not a plan role: overseers belong to
/// no organization and can change nothing.
public final class OverseerRecord: Model, @unchecked Sendable {
    public static let schema = "overseers"

    @ID(key: .id) public var id: UUID?
    @Field(key: "user_id") public var userID: UUID
    /// NULL: the whole nation.
    @OptionalField(key: "province") public var province: String?
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?

    public init() {}
}

struct CreateOverseers: AsyncMigration {
    var name: String { "2026-12-01-21-overseers" }

    func prepare(on database: any Database) async throws {
        try await database.schema(OverseerRecord.schema)
            .id()
            .field("user_id", .uuid, .required, .references(UserRecord.schema, "id", onDelete: .cascade))
            .field("province", .string)
            .field("created_at", .datetime)
            .create()
        if let sql = database as? any SQLDatabase {
            try await sql.raw("CREATE INDEX IF NOT EXISTS overseers_user_idx ON \(ident: OverseerRecord.schema) (user_id)").run()
        }
    }

    func revert(on database: any Database) async throws {
        try await database.schema(OverseerRecord.schema).delete()
    }
}

public struct OverseerStore: Sendable {
    let database: any Database

    public init(_ database: any Database) { self.database = database }

    public func scopes(userID: UUID) async throws -> [OverseerScope] {
        try await OverseerRecord.query(on: database).filter(\.$userID == userID).all()
            .map { $0.province.map(OverseerScope.province) ?? .nation }
    }

    /// Gives the user the scope (once).
    public func grant(_ scope: OverseerScope, userID: UUID) async throws {
        guard try await !scopes(userID: userID).contains(scope) else { return }
        let record = OverseerRecord()
        record.userID = userID
        if case .province(let name) = scope { record.province = name.cleaned.precomposedStringWithCanonicalMapping }
        try await record.create(on: database)
    }

    public func revoke(_ scope: OverseerScope, userID: UUID) async throws {
        var query = OverseerRecord.query(on: database).filter(\.$userID == userID)
        switch scope {
        case .nation: query = query.filter(\.$province == nil)
        case .province(let name): query = query.filter(\.$province == name)
        }
        try await query.delete()
    }
}

/// What a dashboard of an area counts, as read from the database.
public struct DashboardData: Sendable {
    public var organizations: [DashboardOrganization]
    /// The served revision of the cycle of each organization that has one.
    public var plans: [DashboardPlan]
    /// The area's monitoring rounds of the cycle's years.
    public var rounds: [DashboardRound]
    /// The area's corruption complaints, by organization, month received and status now.
    public var complaints: [DashboardComplaints]
    /// How many served revisions had no kept figures and were counted from their items.
    public var countedFromItems: Int
}

/// Reads what a dashboard counts, from published data only, in a fixed number of queries
/// whatever the area's size: the area's organizations; the published revisions of the cycle
/// with their kept figures (`plan_figures`; the served one per organization chosen as
/// `PlanStore.publishedRecord` chooses); the area's rounds with the sums of the approved ones'
/// records and their first submits; complaint counts. Revisions published before figures were
/// kept are counted from their items in grouped queries.
public struct DashboardStore: Sendable {
    let database: any Database

    public init(_ database: any Database) { self.database = database }

    /// `province` nil: the nation. `measureIndex` maps standard measures' name templates (with
    /// `placeholder`) to their ids, for revisions counted from their items.
    /// `memo` keeps decoded figures between calls (published revisions never change).
    public func load(province: String?, firstYear: Int, lastYear: Int, measureIndex index: [String: String],
                     placeholder: String, memo: FiguresMemo? = nil) async throws -> DashboardData {
        guard let sql = database as? any SQLDatabase else { throw StoreError.corrupt("database is not SQL") }
        // Rows of the area: joined to its organizations by province (nothing for the nation).
        func area(_ alias: String) -> SQLQueryString {
            province == nil ? "" : "JOIN \(ident: OrganizationRecord.schema) o ON o.id = \(unsafeRaw: alias).organization_id AND o.province = \(bind: province!)"
        }

        var organizationQuery = sql.select().columns("id", "slug", "name", "kind", "district", "province").from(OrganizationRecord.schema)
        if let province { organizationQuery = organizationQuery.where("province", .equal, SQLBind(province)) }
        let organizations = try await organizationQuery.all().map { row -> DashboardOrganization in
            let id = try row.decode(column: "id", as: UUID.self)
            let kindText = try row.decode(column: "kind", as: String.self)
            guard let kind = OrganizationKind(rawValue: kindText) else {
                throw StoreError.corrupt("organizations.kind “\(kindText)” (organization \(id.uuidString))")
            }
            return DashboardOrganization(id: id, slug: try row.decode(column: "slug", as: String.self), name: try row.decode(column: "name", as: String.self),
                                         kind: kind, district: try row.decode(column: "district", as: String.self),
                                         province: try row.decode(column: "province", as: String.self))
        }
        guard !organizations.isEmpty else { return DashboardData(organizations: [], plans: [], rounds: [], complaints: [], countedFromItems: 0) }
        let names = Dictionary(organizations.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })

        // The served revision of each organization: latest revision, then most recently
        // changed, then the id (as the public address chooses), with its kept figures.
        let planRows = try await sql.raw("""
            SELECT p.id AS id, p.organization_id AS organization_id, p.series_id AS series_id, p.revision AS revision,
            p.updated_at AS updated_at, f.figures_json AS figures_json
            FROM \(ident: PlanRecord.schema) p \(area("p"))
            LEFT JOIN \(ident: CreatePlanFigures.table) f ON f.plan_id = p.id
            WHERE p.status = \(bind: PlanStatus.published.rawValue) AND p.first_year = \(bind: firstYear) AND p.last_year = \(bind: lastYear)
            """).all()
        struct Served { var id: UUID; var seriesID: UUID; var revision: Int; var updatedAt: Date; var figures: String? }
        var served: [UUID: Served] = [:]
        for row in planRows {
            let organizationID = try row.decode(column: "organization_id", as: UUID.self)
            guard names[organizationID] != nil else { continue }
            let candidate = Served(id: try row.decode(column: "id", as: UUID.self), seriesID: try row.decode(column: "series_id", as: UUID.self),
                                   revision: try row.decode(column: "revision", as: Int.self),
                                   updatedAt: try row.decode(column: "updated_at", as: Date?.self) ?? .distantPast,
                                   figures: try row.decode(column: "figures_json", as: String?.self))
            if let current = served[organizationID],
               (current.revision, current.updatedAt, current.id.uuidString) >= (candidate.revision, candidate.updatedAt, candidate.id.uuidString) {
                continue
            }
            served[organizationID] = candidate
        }
        var plans: [DashboardPlan] = []
        var uncounted: [UUID: (organizationID: UUID, seriesID: UUID)] = [:]
        for (organizationID, plan) in served {
            if let known = memo?.figures(of: plan.id) {
                plans.append(DashboardPlan(organizationID: organizationID, planID: plan.id, seriesID: plan.seriesID, figures: known))
            } else if let json = plan.figures {
                let figures = try PlanFiguresStore.decode(json, planID: plan.id)
                memo?.keep(figures, for: plan.id)
                plans.append(DashboardPlan(organizationID: organizationID, planID: plan.id, seriesID: plan.seriesID, figures: figures))
            } else {
                uncounted[plan.id] = (organizationID, plan.seriesID)
            }
        }
        plans += try await countItems(of: uncounted, names: names, index: index, placeholder: placeholder, on: sql)

        // Rounds of the cycle's years, the sums of approved rounds' records, first submits.
        let roundRows = try await sql.raw("""
            SELECT r.id AS id, r.organization_id AS organization_id, r.series_id AS series_id, r.fiscal_year AS fiscal_year,
            r.kind AS kind, r.status AS status
            FROM \(ident: MonitoringRoundRecord.schema) r \(area("r"))
            WHERE r.fiscal_year >= \(bind: firstYear) AND r.fiscal_year <= \(bind: lastYear)
            """).all()
        struct Sums { var items = 0; var carriedOut = 0; var planned: Int64 = 0; var disbursed: Int64 = 0 }
        var sums: [UUID: Sums] = [:]
        let recordRows = try await sql.raw("""
            SELECT rec.round_id AS round_id, rec.progress AS progress, COUNT(*) AS n,
            CAST(SUM(rec.planned_satang) AS BIGINT) AS planned, CAST(SUM(rec.disbursed_satang) AS BIGINT) AS disbursed
            FROM \(ident: MonitoringRecordRow.schema) rec JOIN \(ident: MonitoringRoundRecord.schema) r ON r.id = rec.round_id \(area("r"))
            WHERE r.status = \(bind: MonitoringRoundStatus.approved.rawValue)
            AND r.fiscal_year >= \(bind: firstYear) AND r.fiscal_year <= \(bind: lastYear)
            GROUP BY rec.round_id, rec.progress
            """).all()
        for row in recordRows {
            let round = try row.decode(column: "round_id", as: UUID.self)
            let count = try row.decode(column: "n", as: Int.self)
            let progress = try row.decode(column: "progress", as: String?.self)
            if let progress, ItemProgress(rawValue: progress) == nil {
                throw StoreError.corrupt("monitoring_records.progress “\(progress)” (round \(round.uuidString))")
            }
            sums[round, default: Sums()].items += count
            if progress == ItemProgress.completed.rawValue || progress == ItemProgress.inProgress.rawValue {
                sums[round, default: Sums()].carriedOut += count
            }
            sums[round, default: Sums()].planned += try row.decode(column: "planned", as: Int64?.self) ?? 0
            sums[round, default: Sums()].disbursed += try row.decode(column: "disbursed", as: Int64?.self) ?? 0
        }
        // When a round was first sent for approval (or approved, by an admin who approved an open
        // round directly).
        var firstSubmits: [String: Date] = [:]
        let submitRows = try await sql.raw("""
            SELECT a.subject AS subject, MIN(a.created_at) AS first FROM \(ident: AuditEventRecord.schema) a \(area("a"))
            WHERE a.action IN (\(bind: AuditAction.roundSubmit.rawValue), \(bind: AuditAction.roundApprove.rawValue)) GROUP BY a.subject
            """).all()
        for row in submitRows {
            if let first = try row.decode(column: "first", as: Date?.self) { firstSubmits[try row.decode(column: "subject", as: String.self)] = first }
        }
        let rounds = try roundRows.map { row -> DashboardRound in
            let id = try row.decode(column: "id", as: UUID.self)
            let kindText = try row.decode(column: "kind", as: String.self), statusText = try row.decode(column: "status", as: String.self)
            guard let kind = MonitoringRoundKind(rawValue: kindText), let status = MonitoringRoundStatus(rawValue: statusText) else {
                throw StoreError.corrupt("monitoring_rounds kind “\(kindText)” / status “\(statusText)” (round \(id.uuidString))")
            }
            let sum = status == .approved ? sums[id] ?? Sums() : Sums()
            return DashboardRound(organizationID: try row.decode(column: "organization_id", as: UUID.self),
                                  seriesID: try row.decode(column: "series_id", as: UUID.self),
                                  fiscalYear: try row.decode(column: "fiscal_year", as: Int.self), kind: kind, status: status,
                                  firstSubmittedAt: firstSubmits[id.uuidString], items: sum.items, carriedOut: sum.carriedOut,
                                  plannedSatang: sum.planned, disbursedSatang: sum.disbursed)
        }

        // Corruption complaints (not general ones) by organization, month received and status.
        let complaintRows = try await sql.raw("""
            SELECT c.organization_id AS organization_id, SUBSTR(c.received_on, 1, 7) AS month, c.status AS status, COUNT(*) AS n
            FROM \(ident: ComplaintCaseRecord.schema) c \(area("c"))
            WHERE c.kind IS NULL OR c.kind = \(bind: ComplaintKind.corruption.rawValue)
            GROUP BY c.organization_id, SUBSTR(c.received_on, 1, 7), c.status
            """).all()
        let complaints = try complaintRows.map { row -> DashboardComplaints in
            let month = try row.decode(column: "month", as: String.self), statusText = try row.decode(column: "status", as: String.self)
            guard let day = CalendarDay(iso: month + "-01"), let status = ComplaintStatus(rawValue: statusText) else {
                throw StoreError.corrupt("complaint_cases received_on “\(month)” / status “\(statusText)”")
            }
            return DashboardComplaints(organizationID: try row.decode(column: "organization_id", as: UUID.self), receivedOn: day,
                                       status: status, count: try row.decode(column: "n", as: Int.self))
        }
        return DashboardData(organizations: organizations, plans: plans, rounds: rounds, complaints: complaints, countedFromItems: uncounted.count)
    }

    /// Figures of revisions without kept ones, from their items in grouped queries (item counts
    /// per plan and dimension, budgets per plan, dimension and year, item names for the
    /// standard measures), 500 plans a time.
    func countItems(of plans: [UUID: (organizationID: UUID, seriesID: UUID)], names: [UUID: String], index: [String: String],
                    placeholder: String, on sql: any SQLDatabase) async throws -> [DashboardPlan] {
        guard !plans.isEmpty else { return [] }
        var items: [UUID: [Int: Int]] = [:]
        var budgets: [UUID: [Int: [Int: Int64]]] = [:]
        var measures: [UUID: Set<String>] = [:]
        for chunk in Array(plans.keys).chunked(500) {
            let ids = SQLList(chunk.map { SQLBind($0) })
            let itemRows = try await sql.raw("""
                SELECT plan_id, SUBSTR(mission_code, 1, 1) AS dimension, COUNT(*) AS count FROM plan_items
                WHERE plan_id IN (\(ids)) GROUP BY plan_id, SUBSTR(mission_code, 1, 1)
                """).all()
            for row in itemRows {
                let plan = try row.decode(column: "plan_id", as: UUID.self)
                let dimension = DashboardPlan.dimension(ofMissionCode: try row.decode(column: "dimension", as: String?.self))
                items[plan, default: [:]][dimension, default: 0] += try row.decode(column: "count", as: Int.self)
            }
            let budgetRows = try await sql.raw("""
                SELECT b.plan_id AS plan_id, SUBSTR(i.mission_code, 1, 1) AS dimension, b.fiscal_year AS year,
                CAST(SUM(b.amount_satang) AS BIGINT) AS total FROM plan_item_budgets b JOIN plan_items i ON i.id = b.item_id
                WHERE b.plan_id IN (\(ids)) AND b.amount_satang IS NOT NULL
                GROUP BY b.plan_id, SUBSTR(i.mission_code, 1, 1), b.fiscal_year
                """).all()
            for row in budgetRows {
                let plan = try row.decode(column: "plan_id", as: UUID.self)
                let dimension = DashboardPlan.dimension(ofMissionCode: try row.decode(column: "dimension", as: String?.self))
                let year = try row.decode(column: "year", as: Int.self)
                budgets[plan, default: [:]][dimension, default: [:]][year, default: 0] += try row.decode(column: "total", as: Int64.self)
            }
            let nameRows = try await sql.raw("SELECT plan_id, name FROM plan_items WHERE plan_id IN (\(ids))").all()
            for row in nameRows {
                let plan = try row.decode(column: "plan_id", as: UUID.self)
                guard let owner = plans[plan]?.organizationID else { continue }
                if let id = OverseerDashboard.measureID(itemName: try row.decode(column: "name", as: String.self),
                                                        organizationName: names[owner] ?? "", index: index, placeholder: placeholder) {
                    measures[plan, default: []].insert(id)
                }
            }
        }
        return plans.map { planID, owner in
            DashboardPlan(organizationID: owner.organizationID, planID: planID, itemsByDimension: items[planID] ?? [:],
                          budgetByDimensionYear: budgets[planID] ?? [:], standardMeasureIDs: measures[planID] ?? [], seriesID: owner.seriesID)
        }
    }
}
