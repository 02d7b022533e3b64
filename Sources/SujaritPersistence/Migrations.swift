import FluentKit
import FluentSQL
import SujaritCore

/// The schema, in order. Every migration has an explicit, stable name: Fluent records applied
/// migrations by name, and the default name is the type's module path, which changes when code
/// moves. The same migrations run on SQLite and PostgreSQL.
public enum SujaritMigrations {
    public static let all: [any Migration] = [
        CreateOrganizations(),
        CreateUsers(),
        CreatePlans(),
        CreatePlanChildren(),
        CreateAuditEvents(),
        CreatePlanImports(),
        CreateLookupIndexes(),
        CreateComplaintChannel(),
        AddPlanItemLineage(),
        CreateMonitoringRounds(),
        CreateComplaintEvidence(),
        AddOrganizationDirectory(),
        CreateOverseers(),
        CreateComplaintOfficerSealing(),
        CreatePlanPeriods(),
        CreateSignInFailures(),
        CreateMonitoringSettings(),
        CreatePlanFigures(),
        AddPlanItemMonths(),
    ]
}

struct CreateOrganizations: AsyncMigration {
    var name: String { "2026-11-21-01-organizations" }

    func prepare(on database: any Database) async throws {
        try await database.schema(OrganizationRecord.schema)
            .id()
            .field("slug", .string, .required)
            .field("kind", .string, .required)
            .field("name", .string, .required)
            .field("district", .string, .required)
            .field("province", .string, .required)
            .field("website", .string, .required)
            .field("phone", .string, .required)
            .field("units_json", .string, .required)
            .field("digit_style", .string, .required)
            .field("created_at", .datetime)
            .unique(on: "slug")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(OrganizationRecord.schema).delete()
    }
}

struct CreateUsers: AsyncMigration {
    var name: String { "2026-11-21-02-users" }

    func prepare(on database: any Database) async throws {
        try await database.schema(UserRecord.schema)
            .id()
            .field("username", .string, .required)
            .field("display_name", .string, .required)
            .field("password_hash", .string, .required)
            .field("is_system_admin", .bool, .required)
            .field("created_at", .datetime)
            .unique(on: "username")
            .create()
        try await database.schema(MembershipRecord.schema)
            .id()
            .field("user_id", .uuid, .required, .references(UserRecord.schema, "id", onDelete: .cascade))
            .field("organization_id", .uuid, .required, .references(OrganizationRecord.schema, "id", onDelete: .cascade))
            .field("role", .string, .required)
            .unique(on: "user_id", "organization_id")
            .create()
        try await database.schema(APITokenRecord.schema)
            .id()
            .field("user_id", .uuid, .required, .references(UserRecord.schema, "id", onDelete: .cascade))
            .field("token_hash", .string, .required)
            .field("expires_at", .datetime, .required)
            .field("created_at", .datetime)
            .unique(on: "token_hash")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(APITokenRecord.schema).delete()
        try await database.schema(MembershipRecord.schema).delete()
        try await database.schema(UserRecord.schema).delete()
    }
}

struct CreatePlans: AsyncMigration {
    var name: String { "2026-11-21-03-plans" }

    func prepare(on database: any Database) async throws {
        try await database.schema(PlanRecord.schema)
            .id()
            .field("organization_id", .uuid, .required, .references(OrganizationRecord.schema, "id", onDelete: .cascade))
            .field("series_id", .uuid, .required)
            .field("revision", .int, .required)
            .field("version", .int, .required)
            .field("title", .string, .required)
            .field("first_year", .int, .required)
            .field("last_year", .int, .required)
            .field("cycle_id", .string, .required)
            .field("status", .string, .required)
            .field("dimensions_json", .string, .required)
            .field("front_matter_json", .string, .required)
            .field("published_at", .datetime)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .unique(on: "series_id", "revision")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(PlanRecord.schema).delete()
    }
}

struct CreatePlanChildren: AsyncMigration {
    var name: String { "2026-11-21-04-plan-children" }

    func prepare(on database: any Database) async throws {
        try await database.schema(PlanItemRecord.schema)
            .id()
            .field("organization_id", .uuid, .required, .references(OrganizationRecord.schema, "id", onDelete: .cascade))
            .field("plan_id", .uuid, .required, .references(PlanRecord.schema, "id", onDelete: .cascade))
            .field("position", .int, .required)
            .field("kind", .string, .required)
            .field("name", .string, .required)
            .field("mission_code", .string)
            .field("sub_mission_code", .string)
            .field("responsible_unit", .string, .required)
            .field("remarks", .string, .required)
            .field("sheet_json", .string)
            .create()
        try await database.schema(BudgetRecord.schema)
            .id()
            .field("organization_id", .uuid, .required, .references(OrganizationRecord.schema, "id", onDelete: .cascade))
            .field("plan_id", .uuid, .required, .references(PlanRecord.schema, "id", onDelete: .cascade))
            .field("item_id", .uuid, .required, .references(PlanItemRecord.schema, "id", onDelete: .cascade))
            .field("fiscal_year", .int, .required)
            .field("amount_satang", .int64)
            .unique(on: "item_id", "fiscal_year")
            .create()
        try await database.schema(RiskRecord.schema)
            .id()
            .field("organization_id", .uuid, .required, .references(OrganizationRecord.schema, "id", onDelete: .cascade))
            .field("plan_id", .uuid, .required, .references(PlanRecord.schema, "id", onDelete: .cascade))
            .field("position", .int, .required)
            .field("work_area", .string, .required)
            .field("detail_json", .string, .required)
            .create()
        try await database.schema(TargetRecord.schema)
            .id()
            .field("organization_id", .uuid, .required, .references(OrganizationRecord.schema, "id", onDelete: .cascade))
            .field("plan_id", .uuid, .required, .references(PlanRecord.schema, "id", onDelete: .cascade))
            .field("position", .int, .required)
            .field("indicator", .string, .required)
            .field("unit", .string, .required)
            .field("values_json", .string, .required)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(TargetRecord.schema).delete()
        try await database.schema(RiskRecord.schema).delete()
        try await database.schema(BudgetRecord.schema).delete()
        try await database.schema(PlanItemRecord.schema).delete()
    }
}

struct CreateAuditEvents: AsyncMigration {
    var name: String { "2026-11-21-05-audit-events" }

    func prepare(on database: any Database) async throws {
        try await database.schema(AuditEventRecord.schema)
            .id()
            .field("organization_id", .uuid)
            .field("user_id", .uuid)
            .field("action", .string, .required)
            .field("subject", .string, .required)
            .field("detail", .string, .required)
            .field("created_at", .datetime)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(AuditEventRecord.schema).delete()
    }
}

/// Indexes for the columns every read and delete filters by: a plan's child rows by `plan_id`,
/// tenant rows by `organization_id` (PostgreSQL does not index foreign keys by itself, and
/// deleting an organization cascades through them), plan series, audit events by subject.
/// Columns that lead a unique constraint (`plans.series_id`, `plan_item_budgets.item_id`,
/// `plan_imports.plan_id`, `memberships.user_id`, `api_tokens.token_hash`) are indexed already.
/// `CREATE INDEX IF NOT EXISTS` is the same statement on SQLite and PostgreSQL.
struct CreateLookupIndexes: AsyncMigration {
    var name: String { "2026-11-22-07-lookup-indexes" }

    /// (index name, table, columns)
    static let indexes: [(String, String, [String])] = [
        ("plans_organization_years_idx", PlanRecord.schema, ["organization_id", "first_year", "last_year"]),
        ("plan_items_plan_idx", PlanItemRecord.schema, ["plan_id"]),
        ("plan_items_organization_idx", PlanItemRecord.schema, ["organization_id"]),
        ("plan_item_budgets_plan_idx", BudgetRecord.schema, ["plan_id"]),
        ("plan_item_budgets_organization_idx", BudgetRecord.schema, ["organization_id"]),
        ("plan_risks_plan_idx", RiskRecord.schema, ["plan_id"]),
        ("plan_risks_organization_idx", RiskRecord.schema, ["organization_id"]),
        ("plan_targets_plan_idx", TargetRecord.schema, ["plan_id"]),
        ("plan_targets_organization_idx", TargetRecord.schema, ["organization_id"]),
        ("plan_imports_organization_idx", PlanImportRecord.schema, ["organization_id"]),
        ("memberships_organization_idx", MembershipRecord.schema, ["organization_id"]),
        ("api_tokens_user_idx", APITokenRecord.schema, ["user_id"]),
        ("audit_events_subject_idx", AuditEventRecord.schema, ["subject"]),
        ("audit_events_organization_created_idx", AuditEventRecord.schema, ["organization_id", "created_at"]),
    ]

    func prepare(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        for (index, table, columns) in Self.indexes {
            let list = SQLList(columns.map { SQLIdentifier($0) })
            try await sql.raw("CREATE INDEX IF NOT EXISTS \(ident: index) ON \(ident: table) (\(list))").run()
        }
    }

    func revert(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        for (index, _, _) in Self.indexes.reversed() {
            try await sql.raw("DROP INDEX IF EXISTS \(ident: index)").run()
        }
    }
}

/// The directory of many organizations: each organization's name in search form and its sort
/// key (`OrganizationSearch`), filled for the rows already there, and indexes for the
/// directory's filters and order.
struct AddOrganizationDirectory: AsyncMigration {
    var name: String { "2026-12-01-20-organization-directory" }

    static let indexes: [(String, [String])] = [
        ("organizations_sort_idx", ["sort_key"]),
        ("organizations_province_sort_idx", ["province", "sort_key"]),
        ("organizations_kind_idx", ["kind"]),
    ]

    func prepare(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        for column in ["search_name", "sort_key"] {
            try await sql.raw("ALTER TABLE \(ident: OrganizationRecord.schema) ADD COLUMN \(ident: column) TEXT NOT NULL DEFAULT ''").run()
        }
        for record in try await OrganizationRecord.query(on: database).all() {
            record.searchName = OrganizationSearch.letters(record.name)
            record.sortKey = OrganizationSearch.sortKey(record.name)
            try await record.save(on: database)
        }
        for (index, columns) in Self.indexes {
            let list = SQLList(columns.map { SQLIdentifier($0) })
            try await sql.raw("CREATE INDEX IF NOT EXISTS \(ident: index) ON \(ident: OrganizationRecord.schema) (\(list))").run()
        }
    }

    func revert(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        for (index, _) in Self.indexes.reversed() {
            try await sql.raw("DROP INDEX IF EXISTS \(ident: index)").run()
        }
        for column in ["sort_key", "search_name"] {
            try await sql.raw("ALTER TABLE \(ident: OrganizationRecord.schema) DROP COLUMN \(ident: column)").run()
        }
    }
}
