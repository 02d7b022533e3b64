import Foundation
import Vapor
import SujaritCore
import SujaritPersistence
import SujaritExport

/// Every address of the site, in one place.
enum SiteURL {
    static func organization(_ slug: String) -> String { "/o/\(slug)" }
    static func publishedPlan(_ slug: String, _ years: String) -> String { "/o/\(slug)/plan/\(years)" }
    static func plan(_ id: UUID) -> String { "/plans/\(id.uuidString.lowercased())" }
    static func item(_ planID: UUID, _ itemID: UUID) -> String { "/plans/\(planID.uuidString.lowercased())/items/\(itemID.uuidString.lowercased())" }
    static func apiPlan(_ id: UUID) -> String { "/api/v1/plans/\(id.uuidString.lowercased())" }
    /// One revision as a file: `/plans/{id}/export/docx`.
    static func planExport(_ id: UUID, _ format: ExportFormat) -> String { "\(plan(id))/export/\(format.rawValue)" }
    /// The latest published revision as a file: `/o/{slug}/plan/{years}/plan.docx`.
    static func publishedPlanFile(_ slug: String, _ years: String, _ format: ExportFormat) -> String {
        "\(publishedPlan(slug, years))/plan.\(format.fileExtension)"
    }
}
