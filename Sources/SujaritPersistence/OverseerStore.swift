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

/// Reads what a dashboard counts, from published data only, in a fixed number of grouped
/// queries whatever the area's size: the area's organizations; the published revisions of the
/// cycle (the served one per organization chosen as `PlanStore.publishedRecord` chooses); item
/// counts per plan and dimension; budgets per plan, dimension and year; item names for the
/// standard measures.
public struct DashboardStore: Sendable {
    let database: any Database

    public init(_ database: any Database) { self.database = database }

    /// `province` nil: the nation.
    /// `measureIndex` maps standard measures' name templates (with `placeholder`) to their ids.
    public func load(province: String?, firstYear: Int, lastYear: Int, measureIndex index: [String: String],
                     placeholder: String) async throws -> ([DashboardOrganization], [DashboardPlan]) {
        guard let sql = database as? any SQLDatabase else { throw StoreError.corrupt("database is not SQL") }
        var organizationQuery = OrganizationRecord.query(on: database)
        if let province { organizationQuery = organizationQuery.filter(\.$province == province) }
        let organizations = try await organizationQuery.all().map { record in
            DashboardOrganization(id: try record.requireID(), slug: record.slug, name: record.name,
                                  kind: OrganizationKind(rawValue: record.kind) ?? .subdistrict, district: record.district, province: record.province)
        }
        let names = Dictionary(organizations.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
        guard !organizations.isEmpty else { return ([], []) }

        // The served revision of each organization: latest revision, then most recently
        // changed, then the id (as the public address chooses).
        var planQuery = sql.select().column("id").column("organization_id").column("revision").column("updated_at")
            .from(PlanRecord.schema)
            .where("status", .equal, SQLBind(PlanStatus.published.rawValue))
            .where("first_year", .equal, SQLBind(firstYear)).where("last_year", .equal, SQLBind(lastYear))
        if province != nil {
            planQuery = planQuery.where("organization_id", .in, SQLGroupExpression(SQLList(names.keys.map { SQLBind($0) })))
        }
        struct Served { var id: UUID; var revision: Int; var updatedAt: Date }
        var served: [UUID: Served] = [:]
        for row in try await planQuery.all() {
            let organizationID = try row.decode(column: "organization_id", as: UUID.self)
            guard names[organizationID] != nil else { continue }
            let candidate = Served(id: try row.decode(column: "id", as: UUID.self), revision: try row.decode(column: "revision", as: Int.self),
                                   updatedAt: try row.decode(column: "updated_at", as: Date?.self) ?? .distantPast)
            if let current = served[organizationID],
               (current.revision, current.updatedAt, current.id.uuidString) >= (candidate.revision, candidate.updatedAt, candidate.id.uuidString) {
                continue
            }
            served[organizationID] = candidate
        }
        let planOwner = Dictionary(served.map { ($0.value.id, $0.key) }, uniquingKeysWith: { first, _ in first })
        var items: [UUID: [Int: Int]] = [:]
        var budgets: [UUID: [Int: [Int: Int64]]] = [:]
        var measures: [UUID: Set<String>] = [:]
        for chunk in Array(planOwner.keys).chunked(500) {
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
                guard let owner = planOwner[plan] else { continue }
                if let id = OverseerDashboard.measureID(itemName: try row.decode(column: "name", as: String.self),
                                                        organizationName: names[owner] ?? "", index: index, placeholder: placeholder) {
                    measures[plan, default: []].insert(id)
                }
            }
        }
        let plans = planOwner.map { planID, organizationID in
            DashboardPlan(organizationID: organizationID, planID: planID, itemsByDimension: items[planID] ?? [:],
                          budgetByDimensionYear: budgets[planID] ?? [:], standardMeasureIDs: measures[planID] ?? [])
        }
        return (organizations, plans)
    }
}
