import Foundation
import Vapor
import Fluent
import SujaritCore
import SujaritPersistence
import SujaritAPIModels

/// Sign-in and sign-out with a session cookie; every post carries the CSRF token.
struct SignInController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("login", use: form)
        routes.post("login", use: signIn)
        routes.post("logout", use: signOut)
    }

    @Sendable func form(_ request: Request) async throws -> Response {
        let next = Self.safeNext(request.query[String.self, at: "next"])
        return Layout.response(Pages.login(request, next: next))
    }

    struct SignInForm: Content {
        var username: String?
        var password: String?
        var next: String?
    }

    @Sendable func signIn(_ request: Request) async throws -> Response {
        try CSRF.verify(request)
        let form = try request.content.decode(SignInForm.self)
        let username = (form.username ?? "").cleaned
        let next = Self.safeNext(form.next)
        guard let user = try await Authentication.signIn(username: username, password: form.password ?? "", on: request) else {
            return Layout.response(Pages.login(request, username: String(username.prefix(64)), failed: true, next: next), status: .unauthorized)
        }
        // A fresh session id on sign-in, so a planted cookie cannot ride along.
        if let old = request.session.id {
            try await request.application.sessions.driver.deleteSession(old, for: request).get()
        }
        request.session.id = nil
        request.session.data = SessionData()
        request.session.data[ViewerMiddleware.sessionUserKey] = try user.requireID().uuidString
        SessionLifetime.start(request.session, now: request.application.sujaritClock())
        try await request.stores.audit.record(organizationID: nil, userID: user.id, action: .userSignIn, subject: user.username)
        let response = request.redirect(to: next, redirectType: .normal)
        try await request.application.passwordHooks.afterSignIn(request, userID: user.requireID(), password: form.password ?? "", response: response)
        return response
    }

    @Sendable func signOut(_ request: Request) async throws -> Response {
        try CSRF.verify(request)
        // Signing out ends the person's API tokens too: "sign out" means nothing of theirs stays
        // signed in.
        if let viewer = request.viewer {
            try await request.stores.users.deleteTokens(userID: viewer.userID)
        }
        request.session.destroy()
        return request.redirect(to: SiteURL.home.path, redirectType: .normal)
    }

    /// Only local paths are allowed as the page to return to after sign-in. The address is
    /// read the way a browser's URL parser (WHATWG) would read it: tabs and newlines anywhere are
    /// dropped and leading/trailing control characters and spaces are trimmed; what is left must
    /// be a path on this site — it starts with one "/", not "//" or "/\" (both leave the site),
    /// has no backslash, control character or space, not even percent-encoded, and no scheme or
    /// host. Anything else gives "/".
    static func safeNext(_ next: String?) -> String {
        guard let next, next.utf8.count < 500 else { return "/" }
        let trimmable = CharacterSet(charactersIn: Unicode.Scalar(UInt8(0))...Unicode.Scalar(UInt8(0x20)))
        let cleaned = String(String.UnicodeScalarView(next.unicodeScalars.filter { $0 != "\t" && $0 != "\n" && $0 != "\r" }))
            .trimmingCharacters(in: trimmable)
        func leavesSite(_ path: String) -> Bool {
            !path.hasPrefix("/") || path.hasPrefix("//") || path.hasPrefix("/\\")
                || path.unicodeScalars.contains { $0 == "\\" || $0.value <= 0x20 || $0.value == 0x7F || (0x80...0x9F).contains($0.value) }
        }
        guard !leavesSite(cleaned) else { return "/" }
        // The same checks on the percent-decoded address (decoded again while it changes):
        // `/%5C/evil`, `/%2F/evil` or `/%09/evil` must not become an address elsewhere either.
        var decoded = cleaned
        for _ in 0..<3 {
            guard let once = decoded.removingPercentEncoding, once != decoded else { break }
            decoded = once
            guard !leavesSite(decoded) else { return "/" }
        }
        guard let components = URLComponents(string: cleaned), components.scheme == nil, components.host == nil,
              components.user == nil, components.port == nil
        else { return "/" }
        return cleaned
    }
}
