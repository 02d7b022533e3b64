import Foundation
import FluentKit
import SujaritCore

/// Every change of accounts and of who may do what — a new user, a role in an organization, an
/// overseer's area, a complaint officer or a province's outside body, an organization's record,
/// a password — written together with its line of `audit_events` in one transaction: the
/// change is stored with its record or not at all. `actor` is the person who made the change
/// (nil: the operator, through the `sujarit` command).
public struct AccountStore: Sendable {
    let database: any Database

    public init(_ database: any Database) { self.database = database }

    /// A new user, with a role in one organization when given.
    @discardableResult
    public func createUser(username: String, displayName: String, passwordHash: String, isSystemAdmin: Bool,
                           role: (OrganizationRole, organizationID: UUID)? = nil, by actor: UUID?) async throws -> UserRecord {
        try await database.transaction { db in
            let users = UserStore(db)
            let user = try await users.create(username: username, displayName: displayName, passwordHash: passwordHash,
                                              isSystemAdmin: isSystemAdmin)
            let log = AuditLog(db)
            try await log.record(organizationID: role?.organizationID, userID: actor, action: .userCreate, subject: user.username,
                                 detail: isSystemAdmin ? "system administrator" : "")
            if let (role, organizationID) = role {
                try await users.setRole(role, userID: user.requireID(), organizationID: organizationID)
                try await log.record(organizationID: organizationID, userID: actor, action: .userRoleSet, subject: user.username,
                                     detail: role.rawValue)
            }
            return user
        }
    }

    /// Gives a user a role in an organization (replacing any earlier role there).
    public func setRole(_ role: OrganizationRole, of user: UserRecord, organizationID: UUID, by actor: UUID?) async throws {
        try await database.transaction { db in
            try await UserStore(db).setRole(role, userID: user.requireID(), organizationID: organizationID)
            try await AuditLog(db).record(organizationID: organizationID, userID: actor, action: .userRoleSet, subject: user.username,
                                          detail: role.rawValue)
        }
    }

    /// Makes the user an overseer of the area, or takes it away. Returns whether anything changed
    /// (granting twice or removing what was not there writes nothing, not even a line).
    @discardableResult
    public func setOverseer(_ scope: OverseerScope, of user: UserRecord, granted: Bool, by actor: UUID?) async throws -> Bool {
        try await database.transaction { db in
            let store = OverseerStore(db)
            let userID = try user.requireID()
            let had = try await store.scopes(userID: userID).contains(scope)
            guard had != granted else { return false }
            if granted { try await store.grant(scope, userID: userID) } else { try await store.revoke(scope, userID: userID) }
            let area = switch scope {
            case .nation: "nation"
            case .province(let name): "province \(name)"
            }
            try await AuditLog(db).record(organizationID: nil, userID: actor, action: granted ? .overseerGrant : .overseerRevoke,
                                          subject: user.username, detail: area)
            return true
        }
    }

    /// Makes the user a complaint officer of the organization, or removes them, with the line of
    /// the complaint channel's own log (`complaint_log`) in the same transaction.
    @discardableResult
    public func setComplaintOfficer(_ user: UserRecord, organizationID: UUID, added: Bool, by actor: UUID?, now: Date) async throws -> Bool {
        try await database.transaction { db in
            let userID = try user.requireID()
            let store = ComplaintStore(db)
            let had = try await store.officers(organizationID: organizationID).contains(userID)
            guard had != added else { return false }
            if added {
                try await store.addOfficer(userID: userID, organizationID: organizationID)
            } else {
                try await store.removeOfficer(userID: userID, organizationID: organizationID)
            }
            try await ComplaintLogChain.append(ComplaintLogEntry(
                organizationID: organizationID, caseID: nil, actor: actor.map { "user:\($0.uuidString)" } ?? "system",
                action: added ? .officerAdded : .officerRemoved, detail: user.username,
                occurred: ISO8601DateFormatter().string(from: now)), on: db)
            try await AuditLog(db).record(organizationID: organizationID, userID: actor,
                                          action: added ? .complaintOfficerAdd : .complaintOfficerRemove, subject: user.username)
            return true
        }
    }

    /// Makes the user the outside body of a province for complaints about an organization's
    /// executive, or removes them, with the complaint log's line in the same transaction.
    @discardableResult
    public func setComplaintOverseer(_ user: UserRecord, province: String, added: Bool, by actor: UUID?, now: Date) async throws -> Bool {
        try await database.transaction { db in
            let userID = try user.requireID()
            let store = ComplaintStore(db)
            let key = ComplaintStore.provinceKey(province)
            let had = try await store.overseerProvinces(userID: userID).contains(key)
            guard had != added else { return false }
            if added {
                try await store.addOverseer(userID: userID, province: key)
            } else {
                try await store.removeOverseer(userID: userID, province: key)
            }
            try await ComplaintLogChain.append(ComplaintLogEntry(
                organizationID: nil, caseID: nil, actor: actor.map { "user:\($0.uuidString)" } ?? "system",
                action: added ? .overseerAdded : .overseerRemoved, detail: "\(user.username) \(key)",
                occurred: ISO8601DateFormatter().string(from: now)), on: db)
            try await AuditLog(db).record(organizationID: nil, userID: actor,
                                          action: added ? .complaintOverseerAdd : .complaintOverseerRemove,
                                          subject: user.username, detail: "province \(key)")
            return true
        }
    }

    /// A new organization.
    @discardableResult
    public func createOrganization(_ organization: Organization, by actor: UUID?) async throws -> Organization {
        try await database.transaction { db in
            let created = try await OrganizationStore(db).create(organization)
            try await AuditLog(db).record(organizationID: created.id, userID: actor, action: .organizationCreate, subject: created.slug,
                                          detail: created.name)
            return created
        }
    }

    /// The organization's record changed (settings page); `detail` names what changed.
    public func updateOrganization(_ organization: Organization, by actor: UUID?, detail: String) async throws {
        try await database.transaction { db in
            try await OrganizationStore(db).update(organization)
            try await AuditLog(db).record(organizationID: organization.id, userID: actor, action: .organizationUpdate,
                                          subject: organization.slug, detail: String(detail.prefix(2_000)))
        }
    }

    /// A new password: the hash replaced, every API token of the user revoked, and whatever
    /// else must end with the old password (`alsoEnding`, run in the same transaction: the
    /// server deletes the user's other sessions there).
    public func changePassword(of user: UserRecord, newHash: String, by actor: UUID?,
                               alsoEnding: @escaping @Sendable (any Database) async throws -> Int = { _ in 0 }) async throws {
        try await database.transaction { db in
            let userID = try user.requireID()
            guard let stored = try await UserRecord.find(userID, on: db) else { throw StoreError.notFound("ผู้ใช้ \(user.username)") }
            stored.passwordHash = newHash
            try await stored.save(on: db)
            let tokens = try await APITokenRecord.query(on: db).filter(\.$userID == userID).count()
            try await UserStore(db).deleteTokens(userID: userID)
            let sessions = try await alsoEnding(db)
            try await AuditLog(db).record(organizationID: nil, userID: actor, action: .userPasswordChange, subject: stored.username,
                                          detail: "\(tokens) API token(s) and \(sessions) other session(s) ended"
                                            + (actor == nil ? " · by the operator" : actor == userID ? "" : " · by an administrator"))
        }
    }
}
