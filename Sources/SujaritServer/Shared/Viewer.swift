import Foundation
import Vapor
import Fluent
import SujaritCore
import SujaritPersistence

/// Who is making the request: nobody (the public), or a signed-in user with roles.
public struct Viewer: Sendable {
    public var userID: UUID
    public var username: String
    public var displayName: String
    public var isSystemAdmin: Bool
    public var roles: [UUID: OrganizationRole]

    public func role(in organizationID: UUID) -> OrganizationRole? {
        isSystemAdmin ? .admin : roles[organizationID]
    }

    public func can(_ needed: OrganizationRole, in organizationID: UUID) -> Bool {
        guard let role = role(in: organizationID) else { return false }
        return role >= needed
    }

    public var readScope: PlanReadScope {
        isSystemAdmin ? .everything : .member(of: Set(roles.keys))
    }
}

struct ViewerKey: StorageKey { typealias Value = Viewer }
struct LanguageKey: StorageKey { typealias Value = Language }

extension Request {
    /// The signed-in user, if any.
    public var viewer: Viewer? {
        get { storage[ViewerKey.self] }
        set { storage[ViewerKey.self] = newValue }
    }

    public var language: Language {
        get { storage[LanguageKey.self] ?? .thai }
        set { storage[LanguageKey.self] = newValue }
    }

    public var t: Translator { Translator(language) }

    public var readScope: PlanReadScope { viewer?.readScope ?? .publishedOnly }

    /// The viewer, or 401.
    func requireViewer() throws -> Viewer {
        guard let viewer else {
            throw SujaritError(.unauthorized, LocalizedText(.msgSignInFirst))
        }
        return viewer
    }
}

/// Finds the viewer from the session cookie (web pages) or from `Authorization: Bearer` (API),
/// and the interface language from `?lang=` or the `lang` cookie.
struct ViewerMiddleware: AsyncMiddleware {
    static let sessionUserKey = "uid"

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        var setLanguageCookie: Language?
        // The query is decoded only when it names a language (decoding costs, and most requests have none).
        if request.requestQuery?.contains("lang=") == true, let code = request.query[String.self, at: "lang"],
           let language = Language(rawValue: code) {
            request.language = language
            setLanguageCookie = language
        } else if let code = request.cookies["lang"]?.string, let language = Language(rawValue: code) {
            request.language = language
        }

        if let bearer = request.headers.bearerAuthorization {
            let hash = SHA256.hash(data: Data(bearer.token.utf8)).hex
            if let user = try await request.stores.users.user(forTokenHash: hash, now: request.dependencies.now()) {
                request.viewer = try await Self.viewer(for: user, on: request.db)
            } else {
                throw SujaritError(.unauthorized, LocalizedText(.msgInvalidOrExpiredToken))
            }
        } else if request.hasSession, let text = request.session.data[Self.sessionUserKey], let id = UUID(uuidString: text) {
            if !request.application.sessionLifetime.check(request.session, now: request.application.sujaritClock()) {
                // Idle too long, or signed in too long ago: the session ends on the server.
                request.session.destroy()
            } else if let user = try await request.stores.users.find(id: id) {
                request.viewer = try await Self.viewer(for: user, on: request.db)
            } else {
                request.session.destroy()
            }
        }

        let response = try await next.respond(to: request)
        CSRF.setPendingCookie(request, on: response)
        if let language = setLanguageCookie {
            response.cookies["lang"] = HTTPCookies.Value(
                string: language.rawValue, maxAge: 365 * 24 * 3600, path: "/", isHTTPOnly: true, sameSite: .lax)
        }
        return response
    }

    static func viewer(for user: UserRecord, on db: any Database) async throws -> Viewer {
        let id = try user.requireID()
        return Viewer(userID: id, username: user.username, displayName: user.displayName,
                      isSystemAdmin: user.isSystemAdmin, roles: try await Stores(database: db).users.roles(userID: id))
    }
}

/// Adds the security headers every response carries, error answers included (it runs outside
/// the error middleware, and turns any error that still reaches it into an answer itself).
/// Error answers and answers to a signed-in visitor are never stored by caches.
struct SecurityHeadersMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let response: Response
        do {
            response = try await next.respond(to: request)
        } catch {
            response = SujaritErrorMiddleware.response(for: error, request: request)
        }
        let headers: [(String, String)] = [
            ("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"),
            ("X-Content-Type-Options", "nosniff"),
            ("X-Frame-Options", "DENY"),
            ("Referrer-Policy", "same-origin"),
            ("Permissions-Policy", "camera=(), microphone=(), geolocation=()"),
            ("Cross-Origin-Opener-Policy", "same-origin"),
        ]
        for (name, value) in headers where !response.headers.contains(name: name) {
            response.headers.replaceOrAdd(name: name, value: value)
        }
        if request.viewer != nil || request.requestPath.hasPrefix("/login") || response.status.code >= 400 {
            response.headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        }
        return response
    }
}

/// Protects every form post: the form carries a token that must equal the one kept in the
/// visitor's session. Requests with a bearer token (API clients, not browsers) are exempt.
enum CSRF {
    static let sessionKey = "csrf"
    static let fieldName = "_csrf"

    /// The cookie that carries the token of a visitor without a session (the sign-in form):
    /// an anonymous `GET /login` stores nothing on the server.
    static let formCookieName = "sujarit_form"

    struct PendingCookieKey: StorageKey { typealias Value = String }

    /// The session's token, created on first use; for a visitor without a session, the token
    /// of the form cookie (double submit), set on the response by `ViewerMiddleware`.
    static func token(for request: Request) -> String {
        guard request.hasSession else {
            if let pending = request.storage[PendingCookieKey.self] { return pending }
            if let cookie = request.cookies[formCookieName]?.string, cookie.count >= 32 { return cookie }
            let token = [UInt8].random(count: 32).base64URL
            request.storage[PendingCookieKey.self] = token
            return token
        }
        if let token = request.session.data[sessionKey] { return token }
        let token = [UInt8].random(count: 32).base64URL
        request.session.data[sessionKey] = token
        return token
    }

    /// Sets the form cookie chosen while answering, if any.
    static func setPendingCookie(_ request: Request, on response: Response) {
        guard let token = request.storage[PendingCookieKey.self] else { return }
        response.cookies[formCookieName] = HTTPCookies.Value(
            string: token, maxAge: 8 * 3600, path: "/", isSecure: request.application.sujaritSettings.secureCookies,
            isHTTPOnly: true, sameSite: .lax)
    }

    static func field(_ request: Request) -> HTML {
        "<input type=\"hidden\" name=\"\(fieldName)\" value=\"\(token(for: request))\">"
    }

    static func verify(_ request: Request) throws {
        // Every form post passes here first: its bytes must be UTF-8 before anything is read.
        try FormBody.requireUTF8(request)
        struct Form: Decodable { var _csrf: String? }
        try verify(request, sent: (try? request.content.decode(Form.self))?._csrf)
    }

    /// Checks a token the handler decoded itself with the rest of its form (a large multipart
    /// upload is then parsed once, not once for the token and once for the file).
    static func verify(_ request: Request, sent: String?) throws {
        let expected = request.hasSession ? request.session.data[sessionKey] : nil
        let fromCookie = request.cookies[formCookieName]?.string
        guard let sent, (expected.map { constantTimeEqual(sent, $0) } ?? false)
                || (fromCookie.map { $0.count >= 32 && constantTimeEqual(sent, $0) } ?? false) else {
            throw SujaritError(.forbidden, LocalizedText(.csrfFailed))
        }
    }

    static func constantTimeEqual(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count else { return false }
        var diff: UInt8 = 0
        for i in 0..<x.count { diff |= x[i] ^ y[i] }
        return diff == 0
    }
}

extension Array where Element == UInt8 {
    static func random(count: Int) -> [UInt8] {
        var generator = SystemRandomNumberGenerator()
        return (0..<count).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
    }

    var base64URL: String {
        Data(self).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }
}

extension Digest {
    var hex: String { map { String(format: "%02x", $0) }.joined() }
}
