import Foundation
import XCTest
import XCTVapor

/// A minimal browser for form tests: keeps the session cookie, picks up the CSRF token from
/// every page it reads, and posts URL-encoded forms the way a browser does.
struct Browser {
    let app: Application
    var cookie: String?
    /// The sign-in form's token cookie (a visitor without a session has no server row).
    var formCookie: String?
    /// The secret that opens a complaint officer's key for the session (`sujarit_keys`).
    var keysCookie: String?
    var csrf: String?

    var cookies: HTTPCookies {
        var cookies = HTTPCookies()
        if let cookie { cookies["sujarit_session"] = HTTPCookies.Value(string: cookie) }
        if let formCookie { cookies["sujarit_form"] = HTTPCookies.Value(string: formCookie) }
        if let keysCookie { cookies["sujarit_keys"] = HTTPCookies.Value(string: keysCookie) }
        return cookies
    }

    mutating func keep(_ res: XCTHTTPResponse) {
        if let value = res.headers.setCookie?["sujarit_session"]?.string { cookie = value }
        if let value = res.headers.setCookie?["sujarit_form"]?.string { formCookie = value }
        if let value = res.headers.setCookie?["sujarit_keys"]?.string { keysCookie = value }
    }

    init(_ app: Application) { self.app = app }

    struct Page {
        var status: HTTPStatus
        var body: String
        var location: String?
    }

    mutating func get(_ path: String) async throws -> Page {
        var headers = HTTPHeaders()
        if !cookies.all.isEmpty { headers.cookie = cookies }
        var page = Page(status: .ok, body: "")
        try await app.test(.GET, path, headers: headers) { res async throws in
            page = Page(status: res.status, body: res.body.string, location: res.headers.first(name: .location))
            keep(res)
        }
        if let token = Self.csrf(in: page.body) { csrf = token }
        return page
    }

    /// Posts a form. The CSRF token is added unless `withToken` is false.
    mutating func post(_ path: String, _ fields: [(String, String)], withToken: Bool = true) async throws -> Page {
        if withToken && csrf == nil { _ = try await get("/login") }
        var all = fields
        if withToken, let csrf { all.append(("_csrf", csrf)) }
        let body = all.map { Self.encode($0.0) + "=" + Self.encode($0.1) }.joined(separator: "&")
        var headers = HTTPHeaders()
        headers.contentType = .urlEncodedForm
        if !cookies.all.isEmpty { headers.cookie = cookies }
        var page = Page(status: .ok, body: "")
        try await app.test(.POST, path, headers: headers, body: ByteBuffer(string: body)) { res async throws in
            page = Page(status: res.status, body: res.body.string, location: res.headers.first(name: .location))
            keep(res)
        }
        if let token = Self.csrf(in: page.body) { csrf = token }
        return page
    }

    /// Posts an already encoded form body (e.g. bytes that are not UTF-8), with the CSRF token.
    mutating func post(_ path: String, encoded: String) async throws -> Page {
        if csrf == nil { _ = try await get("/login") }
        let body = encoded + "&_csrf=" + Self.encode(csrf ?? "")
        var headers = HTTPHeaders()
        headers.contentType = .urlEncodedForm
        if !cookies.all.isEmpty { headers.cookie = cookies }
        var page = Page(status: .ok, body: "")
        try await app.test(.POST, path, headers: headers, body: ByteBuffer(string: body)) { res async throws in
            page = Page(status: res.status, body: res.body.string, location: res.headers.first(name: .location))
        }
        return page
    }

    mutating func signIn(_ username: String, password: String) async throws {
        _ = try await get("/login")
        let page = try await post("/login", [("username", username), ("password", password)])
        XCTAssertEqual(page.status, .seeOther, "sign-in of \(username)")
        csrf = nil
        _ = try await get("/login")
    }

    static func csrf(in html: String) -> String? {
        guard let start = html.range(of: "name=\"_csrf\" value=\"")?.upperBound else { return nil }
        return String(html[start...].prefix { $0 != "\"" })
    }

    static func encode(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }

    /// The value of the hidden `version` field of the first form on a page.
    static func version(in html: String) -> String? {
        guard let start = html.range(of: "name=\"version\" value=\"")?.upperBound else { return nil }
        return String(html[start...].prefix { $0 != "\"" })
    }
}
