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

    /// Returns true when demo data was written now. The plan goes the way a real plan goes,
    /// through the one write path with its audit: demo-editor creates the draft and submits it,
    /// demo-admin approves it (with `DemoData.approvalComment`) and publishes it — so its
    /// approval block (plan page, public page, Word document) names them like a real plan's.
    @discardableResult
    public static func load(on app: Application) async throws -> Bool {
        let organizations = app.stores.organizations
        if try await organizations.find(slug: DemoData.organization.slug) != nil { return false }
        let hashes = try accounts.map { _ in try app.password.hash(password) }
        let organizationID = DemoData.organization.id
        let published: Plan = try await app.db.transaction { db in
            try await Stores(database: db).accounts.createOrganization(DemoData.organization, by: nil)
            // The accounts and their roles with their audit lines, like `sujarit user create`.
            var actors: [OrganizationRole: ActingUser] = [:]
            for (index, account) in accounts.enumerated() {
                let user = try await Stores(database: db).accounts.createUser(
                    username: account.0, displayName: account.1, passwordHash: hashes[index], isSystemAdmin: false,
                    role: (account.2, organizationID: organizationID), by: nil)
                actors[account.2] = ActingUser(userID: try user.requireID(), role: account.2)
            }
            guard let editor = actors[.editor], let admin = actors[.admin] else { throw Abort(.internalServerError) }
            var plan = DemoData.plan(organizationID: organizationID)
            plan.status = .draft
            var stored = try await PlanCommands.execute(.create(plan), by: editor, on: PlanState(organizationID: organizationID),
                                                        database: db, dependencies: app.dependencies)
            let steps: [(PlanAction, ActingUser, String?)] = [
                (.submit, editor, nil), (.approve, admin, DemoData.approvalComment), (.publish, admin, nil),
            ]
            for (step, actor, comment) in steps {
                guard let state = try await Stores(database: db).plans.state(planID: stored.id, scope: .everything) else {
                    throw Abort(.internalServerError)
                }
                stored = try await PlanCommands.execute(.transition(step, comment: comment), by: actor, on: state,
                                                        expectedVersion: stored.version, database: db, dependencies: app.dependencies)
            }
            try await Stores(database: db).audit.record(organizationID: organizationID, userID: nil, action: .demoLoad, subject: DemoData.organization.slug)
            return stored
        }
        try await DemoMonitoringSetup.load(on: app.db, plan: published, seriesID: published.id, dependencies: app.dependencies)
        return true
    }
}
