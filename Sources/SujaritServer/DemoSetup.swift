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
        guard allowInProduction else {
            throw RefusedInProduction(message: LocalizedText(
                th: "ไม่โหลดข้อมูลตัวอย่างในระบบจริง (--env production): บัญชีตัวอย่าง \(accounts.map(\.0).joined(separator: ", ")) ใช้รหัสผ่านที่เปิดเผยต่อสาธารณะ ถ้าต้องการจริง ๆ ให้เพิ่ม --allow-demo-in-production",
                en: "Refusing --demo with --env production: the demo accounts \(accounts.map(\.0).joined(separator: ", ")) have a published password. Add --allow-demo-in-production if you really mean it."))
        }
        return LocalizedText(
            th: "คำเตือน: โหลดข้อมูลตัวอย่างในระบบจริง บัญชี \(accounts.map(\.0).joined(separator: ", ")) ใช้รหัสผ่าน “\(password)” ที่ใครก็รู้ ให้ลบหรือเปลี่ยนรหัสผ่านทันที",
            en: "WARNING: loading the demo in production; the accounts \(accounts.map(\.0).joined(separator: ", ")) have the published password “\(password)” — remove them or change their passwords at once.")
    }

    /// Returns true when demo data was written now.
    @discardableResult
    public static func load(on app: Application) async throws -> Bool {
        let organizations = OrganizationStore(app.db)
        if try await organizations.find(slug: DemoData.organization.slug) != nil { return false }
        let hashes = try accounts.map { _ in try app.password.hash(password) }
        try await app.db.transaction { db in
            try await AccountStore(db).createOrganization(DemoData.organization, by: nil)
            var plan = DemoData.plan(organizationID: DemoData.organization.id)
            plan.status = .published
            // The demo plan goes through the one write path too, created by the operator.
            _ = try await PlanCommands.execute(.create(plan), by: .system, on: PlanState(organizationID: DemoData.organization.id),
                                               database: db, dependencies: app.dependencies)
            // The accounts and their roles with their audit lines, like `sujarit user create`.
            for (index, account) in accounts.enumerated() {
                try await AccountStore(db).createUser(username: account.0, displayName: account.1, passwordHash: hashes[index], isSystemAdmin: false,
                                                      role: (account.2, organizationID: DemoData.organization.id), by: nil)
            }
            try await AuditLog(db).record(organizationID: DemoData.organization.id, userID: nil, action: .demoLoad, subject: DemoData.organization.slug)
        }
        var published = DemoData.plan(organizationID: DemoData.organization.id)
        published.status = .published
        try await DemoMonitoringSetup.load(on: app.db, plan: published, seriesID: published.id, dependencies: app.dependencies)
        return true
    }
}
