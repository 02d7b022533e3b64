import Foundation
import Fluent
import SujaritCore
import SujaritCatalog
import SujaritPersistence

/// The dashboard figures of a revision being published (`DashboardPlan.Figures`): counted once
/// here, with the standard measures matched by name against the catalog, and kept by
/// `PlanStore.apply` in the publishing transaction.
enum PublishedFigures {
    /// The standard measures as the dashboards name them.
    static let measureNames = StandardMeasures.all.map { OverseerDashboard.MeasureName(id: $0.id, name: $0.nameTemplate) }
    static let measureIndex = OverseerDashboard.measureIndex(measureNames)

    static func figures(of plan: Plan, organizationName: String) -> DashboardPlan.Figures {
        DashboardPlan.figures(of: plan, organizationName: organizationName, index: measureIndex, placeholder: TemplateText.organizationPlaceholder)
    }

    /// A maker of the figures when the change publishes a revision (nil otherwise). The
    /// organization's name (items of standard measures carry it) is read now.
    static func makerIfPublishing(_ change: PlanChange, database: any Database) async throws -> (@Sendable (Plan) -> DashboardPlan.Figures)? {
        let publishing: Bool = switch change.write {
        case .create(let plan, let publishedAt): plan.status == .published && publishedAt != nil
        case .save(let plan, _, let publishedAt): plan.status == .published && publishedAt != nil
        case .createRevision, .delete, .none: false
        }
        guard publishing else { return nil }
        let name = try await Stores(database: database).organizations.find(id: change.plan.organizationID)?.name ?? ""
        return { plan in figures(of: plan, organizationName: name) }
    }
}
