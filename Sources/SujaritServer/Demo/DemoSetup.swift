import Foundation
import Vapor
import Fluent
import SujaritCore
import SujaritPersistence
import SujaritDemo

/// Loads the demo organization, its published 2566–2570 plan and three demo accounts
/// (admin, editor, viewer of that organization). Does nothing when the demo organization
/// is already there, so `serve --demo` can be run again and again.
public enum DemoSetup {
    public static let password = "sujarit-demo"
    public static let accounts: [(String, String, OrganizationRole)] = [
        ("demo-admin", "ผู้ดูแลระบบตัวอย่าง", .admin),
        ("demo-editor", "นักวิเคราะห์นโยบายและแผน (ตัวอย่าง)", .editor),
        ("demo-viewer", "ผู้อ่านตัวอย่าง", .viewer),
    ]

    /// `serve --demo` refused: the demo accounts have a published password.
    public struct RefusedInProduction: Error, Sendable {
        public var message: LocalizedText
    }

    /// Whether the demo may be loaded in the environment `environmentName` (`--env`). In
    /// production it is refused unless `allowInProduction` (`--allow-demo-in-production`) is
    /// given, and then the warning returned must be shown. Returns nil when there is nothing to say.
    public static func checkEnvironment(_ environmentName: String, allowInProduction: Bool) throws -> LocalizedText? {
        let name = environmentName.lowercased()
        guard name == "production" || name == "prod" else { return nil }
        let names = accounts.map(\.0).joined(separator: ", ")
        guard allowInProduction else {
            throw RefusedInProduction(message: LocalizedText(.msgDemoRefusedInProduction, names))
        }
        return LocalizedText(.msgDemoInProductionWarning, names, password)
    }

    /// Returns true when demo data was written now.
    @discardableResult
    public static func load(on app: Application) async throws -> Bool {
        let organizations = app.stores.organizations
        if try await organizations.find(slug: DemoData.organization.slug) != nil { return false }
        let hashes = try accounts.map { _ in try app.password.hash(password) }
        try await app.db.transaction { db in
            try await Stores(database: db).accounts.createOrganization(DemoData.organization, by: nil)
            var plan = DemoData.plan(organizationID: DemoData.organization.id)
            plan.status = .published
            // The demo plan goes through the one write path too, created by the operator.
            _ = try await PlanCommands.execute(.create(plan), by: .system, on: PlanState(organizationID: DemoData.organization.id),
                                               database: db, dependencies: app.dependencies)
            // The accounts and their roles with their audit lines, like `sujarit user create`.
            for (index, account) in accounts.enumerated() {
                try await Stores(database: db).accounts.createUser(username: account.0, displayName: account.1, passwordHash: hashes[index], isSystemAdmin: false,
                                                      role: (account.2, organizationID: DemoData.organization.id), by: nil)
            }
            try await Stores(database: db).audit.record(organizationID: DemoData.organization.id, userID: nil, action: .demoLoad, subject: DemoData.organization.slug)
        }
        var published = DemoData.plan(organizationID: DemoData.organization.id)
        published.status = .published
        try await DemoMonitoringSetup.load(on: app.db, plan: published, seriesID: published.id, dependencies: app.dependencies)
        return true
    }
}
