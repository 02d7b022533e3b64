import Foundation
import Vapor
import Fluent
import SujaritCore
import SujaritPersistence

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

    /// Returns true when demo data was written now.
    @discardableResult
    public static func load(on app: Application) async throws -> Bool {
        let organizations = OrganizationStore(app.db)
        if try await organizations.find(slug: DemoData.organization.slug) != nil { return false }
        let hashes = try accounts.map { _ in try app.password.hash(password) }
        try await app.db.transaction { db in
            try await OrganizationStore(db).create(DemoData.organization)
            var plan = DemoData.plan(organizationID: DemoData.organization.id)
            plan.status = .published
            try await PlanStore(db).create(plan)
            let users = UserStore(db)
            for (index, account) in accounts.enumerated() {
                let user = try await users.create(username: account.0, displayName: account.1, passwordHash: hashes[index], isSystemAdmin: false)
                try await users.setRole(account.2, userID: user.requireID(), organizationID: DemoData.organization.id)
            }
            try await AuditLog(db).record(organizationID: DemoData.organization.id, userID: nil, action: "demo.load", subject: DemoData.organization.slug)
        }
        return true
    }
}
