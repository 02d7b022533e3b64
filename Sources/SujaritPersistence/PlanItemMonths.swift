import FluentKit
import SujaritCore

/// Plan items get their month schedule (`PlanItem.months`, the older plans' ต.ค.–ก.ย. columns)
/// as a nullable integer of twelve bits; existing rows stay NULL, i.e. not scheduled by month.
struct AddPlanItemMonths: AsyncMigration {
    var name: String { "2026-12-07-01-plan-item-months" }

    func prepare(on database: any Database) async throws {
        try await database.schema(PlanItemRecord.schema).field("run_months", .int).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(PlanItemRecord.schema).deleteField("run_months").update()
    }
}
