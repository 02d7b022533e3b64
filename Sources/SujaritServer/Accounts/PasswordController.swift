import Foundation
import Vapor
import Fluent
import SujaritCore
import SujaritPersistence

/// เปลี่ยนรหัสผ่าน — a signed-in person changes their own password: the current password
/// (checked under the sign-in limits), the new one twice (`PasswordPolicy`), the CSRF token.
/// The change ends every other session of the person and all their API tokens, audited, in one
/// transaction; the session that made it continues under a new id.
struct PasswordController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("account", "password", use: form)
        routes.post("account", "password", use: change)
    }

    struct PasswordForm: Content {
        var current: String?
        var newPassword: String?
        var confirmation: String?
    }

    @Sendable func form(_ request: Request) async throws -> Response {
        let viewer = try request.requireViewer()
        return Layout.response(Pages.changePassword(request, viewer: viewer, errors: FormErrors()))
    }

    @Sendable func change(_ request: Request) async throws -> Response {
        try CSRF.verify(request)
        let viewer = try request.requireViewer()
        let form = try request.content.decode(PasswordForm.self)
        let current = form.current ?? "", new = form.newPassword ?? ""
        var errors = FormErrors()
        for (field, message) in PasswordPolicy.problems(new: new, confirmation: form.confirmation ?? "", username: viewer.username,
                                                        current: current) {
            errors.add(field, message)
        }
        // The current password, under the sign-in limits: this form cannot be used to guess it.
        guard let user = try await Authentication.signIn(username: viewer.username, password: current, on: request) else {
            errors.add("current", LocalizedText(.currentPasswordWrong))
            return Layout.response(Pages.changePassword(request, viewer: viewer, errors: errors), status: .unprocessableEntity)
        }
        guard errors.isEmpty else {
            return Layout.response(Pages.changePassword(request, viewer: viewer, errors: errors), status: .unprocessableEntity)
        }
        let hash = try await request.password.async.hash(new)
        let ended = try await PasswordChange.apply(to: user, newHash: hash, by: viewer.userID, keeping: request.session.id, on: request.db)
        // Other features re-lock what the old password locked (a complaint officer's sealing key).
        try await request.application.passwordHooks.afterPasswordChange(request, userID: try user.requireID(), oldPassword: current, newPassword: new)
        // The session that changed the password continues under a new id.
        let data = request.session.data
        if let old = request.session.id {
            try await request.application.sessions.driver.deleteSession(old, for: request).get()
        }
        request.session.id = nil
        request.session.data = data
        return Layout.response(Pages.changePassword(request, viewer: viewer, errors: FormErrors(), changed: ended))
    }
}

/// A new password for a user, from the web form or `sujarit user password`: the hash replaced,
/// every API token and every session of the user but `keeping` ended, and the audit line —
/// one transaction. Returns how many sessions were ended.
public enum PasswordChange {
    @discardableResult
    public static func apply(to user: UserRecord, newHash: String, by actor: UUID?, keeping: SessionID? = nil,
                             on database: any Database) async throws -> Int {
        let userID = try user.requireID().uuidString
        let keep = keeping?.string
        let counter = EndedCount()
        try await Stores(database: database).accounts.changePassword(of: user, newHash: newHash, by: actor) { db in
            var ended: [UUID] = []
            for record in try await SessionRecord.query(on: db).all()
            where record.data[ViewerMiddleware.sessionUserKey] == userID && record.key.string != keep {
                if let id = record.id { ended.append(id) }
            }
            if !ended.isEmpty { try await SessionRecord.query(on: db).filter(\.$id ~~ ended).delete() }
            counter.set(ended.count)
            return ended.count
        }
        return counter.value
    }

    final class EndedCount: @unchecked Sendable {
        private let lock = NSLock()
        private var count = 0
        func set(_ value: Int) { lock.withLock { count = value } }
        var value: Int { lock.withLock { count } }
    }
}
