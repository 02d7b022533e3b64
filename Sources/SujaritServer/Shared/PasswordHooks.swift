import Foundation
import Vapor

/// What other features do at the moments a person's password is known to the server: after a
/// sign-in with the form, after an API token was issued, after a person changed their own
/// password. Accounts/ calls them; features register at start (`configure`). The complaint
/// channel uses them to open and re-lock an officer's sealing key (Complaints/ComplaintKeyring).
struct PasswordHooks: Sendable {
    typealias SignedIn = @Sendable (_ request: Request, _ userID: UUID, _ password: String, _ response: Response) async throws -> Void
    typealias TokenIssued = @Sendable (_ request: Request, _ userID: UUID, _ password: String, _ token: String, _ expiresAt: Date) async throws -> Void
    typealias PasswordChanged = @Sendable (_ request: Request, _ userID: UUID, _ oldPassword: String, _ newPassword: String) async throws -> Void

    var signedIn: [SignedIn] = []
    var tokenIssued: [TokenIssued] = []
    var passwordChanged: [PasswordChanged] = []

    /// After a successful sign-in with the form; `response` is the answer (cookies may be set on it).
    func afterSignIn(_ request: Request, userID: UUID, password: String, response: Response) async throws {
        for hook in signedIn { try await hook(request, userID, password, response) }
    }

    /// After `POST /api/v1/sessions` made a token.
    func afterTokenIssued(_ request: Request, userID: UUID, password: String, token: String, expiresAt: Date) async throws {
        for hook in tokenIssued { try await hook(request, userID, password, token, expiresAt) }
    }

    /// After a person changed their own password (the old one checked).
    func afterPasswordChange(_ request: Request, userID: UUID, oldPassword: String, newPassword: String) async throws {
        for hook in passwordChanged { try await hook(request, userID, oldPassword, newPassword) }
    }
}

struct PasswordHooksKey: StorageKey { typealias Value = PasswordHooks }

extension Application {
    var passwordHooks: PasswordHooks {
        get { storage[PasswordHooksKey.self] ?? PasswordHooks() }
        set { storage[PasswordHooksKey.self] = newValue }
    }
}
