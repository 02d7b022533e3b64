import Foundation
import FluentKit
import SujaritCore

/// Reads and writes users, their roles per organization, and API tokens.
/// Password hashing happens in the caller (the server uses bcrypt); only hashes reach the store.
public struct UserStore: Sendable {
    let database: any Database

    public init(_ database: any Database) { self.database = database }

    /// Sign-in names: 3–64 characters of a–z, 0–9, ".", "_", "-", "@".
    public static func isValidUsername(_ name: String) -> Bool {
        let allowed = Set("abcdefghijklmnopqrstuvwxyz0123456789._-@")
        return (3...64).contains(name.count) && name.allSatisfy { allowed.contains($0) }
    }

    @discardableResult
    public func create(username: String, displayName: String, passwordHash: String, isSystemAdmin: Bool) async throws -> UserRecord {
        let username = username.lowercased().cleaned
        guard Self.isValidUsername(username) else {
            throw StoreError.invalid(LocalizedText(
                th: "ชื่อผู้ใช้ต้องยาว 3–64 ตัว ใช้ได้เฉพาะ a–z 0–9 . _ - @",
                en: "A username has 3–64 characters of a–z 0–9 . _ - @"))
        }
        if try await find(username: username) != nil {
            throw StoreError.duplicate(field: "username", value: username)
        }
        let user = UserRecord(username: username, displayName: displayName.cleaned, passwordHash: passwordHash, isSystemAdmin: isSystemAdmin)
        try await user.create(on: database)
        return user
    }

    public func find(username: String) async throws -> UserRecord? {
        try await UserRecord.query(on: database).filter(\.$username == username.lowercased().cleaned).first()
    }

    public func find(id: UUID) async throws -> UserRecord? {
        try await UserRecord.find(id, on: database)
    }

    /// Gives a user a role in an organization (replacing any earlier role there).
    public func setRole(_ role: OrganizationRole, userID: UUID, organizationID: UUID) async throws {
        try await database.transaction { db in
            try await MembershipRecord.query(on: db)
                .filter(\.$userID == userID).filter(\.$organizationID == organizationID).delete()
            try await MembershipRecord(userID: userID, organizationID: organizationID, role: role).create(on: db)
        }
    }

    /// The user's role in each organization they belong to.
    public func roles(userID: UUID) async throws -> [UUID: OrganizationRole] {
        let rows = try await MembershipRecord.query(on: database).filter(\.$userID == userID).all()
        var roles: [UUID: OrganizationRole] = [:]
        for row in rows {
            // An unknown role is corrupt data: never silently less (or more) than what was meant.
            guard let role = OrganizationRole(rawValue: row.role) else {
                throw StoreError.corrupt("memberships.role “\(row.role)” (user \(userID.uuidString))")
            }
            roles[row.organizationID] = role
        }
        return roles
    }

    /// Stores a new API token's hash for a user.
    public func addToken(hash: String, userID: UUID, expiresAt: Date) async throws {
        let token = APITokenRecord()
        token.userID = userID
        token.tokenHash = hash
        token.expiresAt = expiresAt
        try await token.create(on: database)
    }

    /// The user a token hash belongs to, if the token has not expired.
    public func user(forTokenHash hash: String, now: Date = Date()) async throws -> UserRecord? {
        guard let token = try await APITokenRecord.query(on: database).filter(\.$tokenHash == hash).first(),
              token.expiresAt > now else { return nil }
        return try await UserRecord.find(token.userID, on: database)
    }

    /// Revokes every API token of the user (sign-out, password change).
    public func deleteTokens(userID: UUID) async throws {
        try await APITokenRecord.query(on: database).filter(\.$userID == userID).delete()
    }

    public func deleteToken(hash: String) async throws {
        try await APITokenRecord.query(on: database).filter(\.$tokenHash == hash).delete()
    }
}

/// Appends to the audit trail. Plan changes write their events through `PlanStore.apply`, in
/// the same transaction; this is for events that change no plan (sign-in, accounts).
public struct AuditLog: Sendable {
    let database: any Database

    public init(_ database: any Database) { self.database = database }

    public func record(_ event: AuditEvent) async throws {
        try await AuditEventRecord(organizationID: event.organizationID, userID: event.userID, action: event.action.rawValue,
                                   subject: event.subject, detail: event.detail)
            .create(on: database)
    }

    public func record(organizationID: UUID?, userID: UUID?, action: AuditAction, subject: String, detail: String = "") async throws {
        try await record(AuditEvent(organizationID: organizationID, userID: userID, action: action, subject: subject, detail: detail))
    }
}

extension AuditEventRecord {
    /// The stored action; an action the code does not know is corrupt data.
    public func auditAction() throws -> AuditAction {
        guard let known = AuditAction(rawValue: action) else {
            throw StoreError.corrupt("audit_events.action “\(action)” (event \(id?.uuidString ?? "?"))")
        }
        return known
    }
}
