import Foundation
import XCTest
import XCTVapor
import Fluent
import SQLKit
import SujaritCore
@_spi(Fixtures) import SujaritPersistence
import SujaritAPIModels
@testable import SujaritServer

/// A clock the test moves by hand.
final class TestClock: @unchecked Sendable {
    private let lock = NSLock()
    private var current: Date

    init(_ start: Date = Date(timeIntervalSince1970: 1_800_000_000)) { current = start }

    var now: Date {
        lock.lock(); defer { lock.unlock() }
        return current
    }

    func advance(_ seconds: TimeInterval) {
        lock.lock(); defer { lock.unlock() }
        current = current.addingTimeInterval(seconds)
    }
}

/// Faults found by attacking the server (issue 8, section 2): redirects after sign-in, sign-in
/// timing and rate limits, headers on error answers, the demo in production, indexes, tokens.
final class HardeningTests: ServerTestCase {
    // MARK: 2.4 Open redirect after sign-in

    func testSafeNextKeepsOnlyPathsOnThisSite() {
        let offSite = [
            "/\t/evil.example", "/\n/evil.example", "/\r\n/evil.example", "\t//evil.example", "/\t\t/evil.example",
            "//evil.example", "///evil.example", "/\\evil.example", "\\\\evil.example", "\\/evil.example", "/\\/evil.example",
            "/%5Cevil.example", "/%5C%5Cevil.example", "/%5c/evil.example", "/%2F/evil.example", "/%2f%2fevil.example",
            "/%09/evil.example", "/%0A/evil.example", "/%0d%0a/evil.example", "/%250A/evil.example", "/%255C/evil.example",
            "https://evil.example", "http://evil.example/path", "https:evil.example", "javascript:alert(1)", "data:text/html,x",
            "evil.example", " //evil.example", "\u{0}//evil.example", "//evil.example/%2F..", "/ /evil.example",
            "", String(repeating: "a/", count: 300),
        ]
        for next in offSite {
            XCTAssertEqual(SignInController.safeNext(next), "/", "next = \(next.debugDescription)")
        }
        XCTAssertEqual(SignInController.safeNext(nil), "/")
        let onSite = [
            "/", "/o/ban-pong", "/plans/6f1c1f40-3b7e-4b8f-9d55-0f0c1c3e2a11/edit", "/o/ban-pong/plan/2566-2570?lang=en",
            "/o/ban-pong#plans", "/plans/x/items/y/edit?version=3",
        ]
        for next in onSite {
            XCTAssertEqual(SignInController.safeNext(next), next, "next = \(next.debugDescription)")
        }
        // Tabs and newlines are dropped the way a browser drops them, then the path is judged.
        XCTAssertEqual(SignInController.safeNext("/o/ban\t-pong"), "/o/ban-pong")
    }

    func testSignInNeverRedirectsOffSite() async throws {
        let organization = try await makeOrganization(slug: "redirects")
        try await makeUser("officer", role: .editor, in: organization)
        for raw in ["/%09/evil.example", "//evil.example", "/%5Cevil.example", "https://evil.example", "/%0a/evil.example", "%2F%2Fevil.example"] {
            var browser = Browser(app)
            let form = try await browser.get("/login?next=\(raw)")
            XCTAssertEqual(form.status, .ok)
            XCTAssertTrue(form.body.contains("name=\"next\" value=\"/\""), "login form for next=\(raw)")
            let decoded = raw.removingPercentEncoding ?? raw
            let page = try await browser.post("/login", [("username", "officer"), ("password", Self.password), ("next", decoded)])
            XCTAssertEqual(page.status, .seeOther)
            XCTAssertEqual(page.location, "/", "next=\(raw)")
        }
        var browser = Browser(app)
        _ = try await browser.get("/login")
        let page = try await browser.post("/login", [("username", "officer"), ("password", Self.password), ("next", "/o/redirects")])
        XCTAssertEqual(page.location, "/o/redirects")
    }

    // MARK: 2.6 Sign-in timing and rate limits

    func signInAPI(_ username: String, _ password: String) async throws -> (HTTPStatus, HTTPHeaders, String) {
        var result: (HTTPStatus, HTTPHeaders, String) = (.ok, [:], "")
        try await app.test(.POST, "/api/v1/sessions", beforeRequest: { req async throws in
            try req.content.encode(["username": username, "password": password], as: .json)
        }, afterResponse: { res async throws in
            result = (res.status, res.headers, res.body.string)
        })
        return result
    }

    func median(_ values: [TimeInterval]) -> TimeInterval {
        let sorted = values.sorted()
        return sorted[sorted.count / 2]
    }

    /// An unknown user and a known user with a wrong password take about as long: the dummy
    /// hash has the cost real hashes have (here 8, so that the difference would show).
    func testUnknownAndKnownUsersTakeAboutAsLong() async throws {
        app.sujaritSettings.passwordCost = 8
        app.passwords.use(.bcrypt(cost: 8))
        let organization = try await makeOrganization(slug: "timing")
        let known = (0..<6).map { "known\($0)" }
        for name in known { try await makeUser(name, role: .viewer, in: organization) }
        _ = try await signInAPI("warm-up-unknown", "wrong password 0")
        _ = try await signInAPI(known[0], "wrong password 0")

        var knownTimes: [TimeInterval] = [], unknownTimes: [TimeInterval] = []
        for round in 1...3 {
            for (index, name) in known.enumerated() {
                var start = Date()
                let (status, _, _) = try await signInAPI(name, "wrong password \(round)")
                knownTimes.append(Date().timeIntervalSince(start))
                XCTAssertEqual(status, .unauthorized)
                start = Date()
                let (unknownStatus, _, _) = try await signInAPI("nobody-\(round)-\(index)", "wrong password \(round)")
                unknownTimes.append(Date().timeIntervalSince(start))
                XCTAssertEqual(unknownStatus, .unauthorized)
            }
        }
        let k = median(knownTimes), u = median(unknownTimes)
        XCTAssertLessThan(k, 2 * u, "known \(k) s vs unknown \(u) s")
        XCTAssertLessThan(u, 2 * k, "unknown \(u) s vs known \(k) s")
    }

    func testSignInRateLimitPerAccountExpiresAndIsAudited() async throws {
        let clock = TestClock()
        app.sujaritClock = { clock.now }
        let organization = try await makeOrganization(slug: "limits")
        try await makeUser("officer", role: .editor, in: organization)

        for attempt in 1...5 {
            let (status, _, _) = try await signInAPI("officer", "wrong password \(attempt)")
            XCTAssertEqual(status, .unauthorized, "attempt \(attempt)")
            clock.advance(10)
        }
        // The sixth attempt is refused before the password is looked at — even the right one.
        var (status, headers, body) = try await signInAPI("officer", Self.password)
        XCTAssertEqual(status, .tooManyRequests, body)
        let retryAfter = try XCTUnwrap(headers.first(name: .retryAfter).flatMap(Int.init))
        XCTAssertEqual(retryAfter, 15 * 60 - 50)
        let error = try JSONDecoder().decode(ErrorResponse.self, from: Data(body.utf8))
        XCTAssertEqual(error.status, 429)
        XCTAssertTrue(error.reasonThai.contains("นาที"), error.reasonThai)

        // An unknown name is limited the same way (the limit does not tell who exists).
        for attempt in 1...5 {
            (status, _, _) = try await signInAPI("no-such-officer", "wrong password \(attempt)")
            XCTAssertEqual(status, .unauthorized)
        }
        (status, _, _) = try await signInAPI("no-such-officer", "wrong password 6")
        XCTAssertEqual(status, .tooManyRequests)

        // Other accounts are not affected; the web form is limited too.
        try await makeUser("colleague", role: .editor, in: organization)
        var browser = Browser(app)
        _ = try await browser.get("/login")
        let refused = try await browser.post("/login", [("username", "officer"), ("password", Self.password)])
        XCTAssertEqual(refused.status, .tooManyRequests)
        XCTAssertTrue(refused.body.contains("นาที"), refused.body)
        (status, _, _) = try await signInAPI("colleague", Self.password)
        XCTAssertEqual(status, .ok)

        // The window passes: the officer signs in again, and the count starts afresh.
        clock.advance(TimeInterval(retryAfter))
        (status, _, body) = try await signInAPI("officer", Self.password)
        XCTAssertEqual(status, .ok, body)
        (status, _, _) = try await signInAPI("officer", "wrong password again")
        XCTAssertEqual(status, .unauthorized)

        let failed = try await AuditEventRecord.query(on: db)
            .filter(\.$action == "user.signin.failed").filter(\.$subject == "officer").count()
        XCTAssertEqual(failed, 6, "every failed sign-in is in the audit trail (429s are not failures)")
    }

    /// Issue 8, 2.6: the limit cannot be used to keep an officer out. Wrong passwords sent for
    /// the officer's name from other addresses, again in every window, stop those addresses; the
    /// officer, from an address that sent none, signs in with the right password throughout.
    /// Guessing spread over many addresses is held to one try per address once the account-wide
    /// count is reached.
    func testWrongPasswordsFromElsewhereDoNotLockTheOfficerOut() async throws {
        let clock = TestClock()
        app.sujaritClock = { clock.now }
        let organization = try await makeOrganization(slug: "lockout")
        try await makeUser("officer", role: .editor, in: organization)
        let tester = try app.testable(method: .running(hostname: "127.0.0.1", port: 0))
        func signIn(_ password: String, from address: String) async throws -> HTTPStatus {
            var status = HTTPStatus.ok
            var headers = HTTPHeaders()
            headers.replaceOrAdd(name: .xForwardedFor, value: address)
            try await tester.test(.POST, "/api/v1/sessions", headers: headers, beforeRequest: { req async throws in
                try req.content.encode(["username": "officer", "password": password], as: .json)
            }, afterResponse: { res async throws in status = res.status })
            return status
        }
        // An attacker keeps five wrong passwords going from one address, window after window.
        for window in 0..<3 {
            for attempt in 1...5 {
                let status = try await signIn("wrong \(window)-\(attempt)", from: "203.0.113.9")
                XCTAssertEqual(status, .unauthorized, "window \(window), attempt \(attempt)")
            }
            let held = try await signIn("wrong again", from: "203.0.113.9")
            XCTAssertEqual(held, .tooManyRequests, "the attacker's address is held back")
            let officer = try await signIn(Self.password, from: "198.51.100.20")
            XCTAssertEqual(officer, .ok, "the officer signs in from the office in window \(window)")
            clock.advance(15 * 60)
        }
        // Spread over many addresses: past the account-wide count each new address gets one try.
        for index in 0..<SignInThrottle.accountWideLimit.failures {
            let status = try await signIn("spread \(index)", from: "192.0.2.\(index + 1)")
            XCTAssertEqual(status, .unauthorized)
        }
        let oneMore = try await signIn("spread again", from: "192.0.2.1")
        XCTAssertEqual(oneMore, .tooManyRequests, "an address that failed is held back once the account-wide count is reached")
        let office = try await signIn(Self.password, from: "198.51.100.20")
        XCTAssertEqual(office, .ok, "an address without failures still signs in")
    }

    func testClientAddressLimit() {
        let throttle = SignInThrottle()
        let start = Date(timeIntervalSince1970: 1_800_000_000)
        let limit = SignInThrottle.clientLimit.failures
        for index in 0..<limit {
            XCTAssertNil(throttle.retryAfter([.account("user\(index)", from: "203.0.113.7"), .client("203.0.113.7")], now: start))
            throttle.recordFailure([.account("user\(index)", from: "203.0.113.7"), .client("203.0.113.7")], now: start)
        }
        // Many names from one address: the address is limited, other addresses are not.
        XCTAssertEqual(throttle.retryAfter([.accountWide("fresh"), .client("203.0.113.7")], now: start), 15 * 60)
        XCTAssertNil(throttle.retryAfter([.accountWide("fresh"), .client("198.51.100.1")], now: start))
        XCTAssertNil(throttle.retryAfter([.accountWide("fresh"), .client("203.0.113.7")], now: start.addingTimeInterval(15 * 60)))
    }

    // MARK: 2.9 Security headers on every answer, errors included

    struct Boom: Error {}

    func assertSecurityHeaders(_ res: XCTHTTPResponse, _ what: String, file: StaticString = #filePath, line: UInt = #line) {
        let csp = res.headers.first(name: "Content-Security-Policy") ?? ""
        XCTAssertTrue(csp.contains("frame-ancestors 'none'") && csp.contains("default-src 'self'"), "\(what): CSP \(csp)", file: file, line: line)
        XCTAssertEqual(res.headers.first(name: "X-Frame-Options"), "DENY", what, file: file, line: line)
        XCTAssertEqual(res.headers.first(name: "X-Content-Type-Options"), "nosniff", what, file: file, line: line)
        XCTAssertEqual(res.headers.first(name: "Referrer-Policy"), "same-origin", what, file: file, line: line)
        XCTAssertEqual(res.headers.first(name: .cacheControl), "no-store", what, file: file, line: line)
    }

    func testErrorAnswersCarrySecurityHeaders() async throws {
        app.get("test-only-failure") { _ -> String in throw Boom() }
        let organization = try await makeOrganization(slug: "headers")
        try await makeUser("editor", role: .editor, in: organization)
        let token = try await token("editor")
        let plan = try await PlanStore(db).create(demoPlan(for: organization))
        let id = plan.id.uuidString.lowercased()

        try await app.test(.GET, "/no-such-page") { res async throws in
            XCTAssertEqual(res.status, .notFound)
            assertSecurityHeaders(res, "404 page")
        }
        try await app.test(.GET, "/api/v1/plans/\(UUID().uuidString)") { res async throws in
            XCTAssertEqual(res.status, .notFound)
            assertSecurityHeaders(res, "404 JSON")
        }
        try await app.test(.GET, "/api/v1/organizations", headers: bearer("not-a-token")) { res async throws in
            XCTAssertEqual(res.status, .unauthorized)
            assertSecurityHeaders(res, "401 JSON")
        }
        var form = HTTPHeaders()
        form.contentType = .urlEncodedForm
        try await app.test(.POST, "/login", headers: form, body: ByteBuffer(string: "username=a&password=b")) { res async throws in
            XCTAssertEqual(res.status, .forbidden)
            assertSecurityHeaders(res, "403 page")
        }
        var json = bearer(token)
        json.contentType = .json
        try await app.test(.POST, "/api/v1/plans/\(id)/transitions", headers: json,
                           body: ByteBuffer(string: #"{"action":"submit","version":99}"#)) { res async throws in
            XCTAssertEqual(res.status, .conflict)
            assertSecurityHeaders(res, "409 JSON")
        }
        // The body limit is enforced while a real connection streams the body in.
        let port = Int.random(in: 20_000..<60_000)
        try await app.testable(method: .running(hostname: "127.0.0.1", port: port))
            .test(.POST, "/api/v1/organizations/headers/plans", headers: json,
                  body: ByteBuffer(string: "{\"title\":\"" + String(repeating: "x", count: 5_000_000) + "\"}")) { res async throws in
            XCTAssertEqual(res.status, .payloadTooLarge)
            assertSecurityHeaders(res, "413 JSON")
        }
        try await app.test(.GET, "/test-only-failure") { res async throws in
            XCTAssertEqual(res.status, .internalServerError)
            assertSecurityHeaders(res, "500 page")
        }
        // A signed-in page (with the sign-out form's CSRF token) is not stored either.
        var browser = Browser(app)
        try await browser.signIn("editor", password: Self.password)
        var headers = HTTPHeaders()
        headers.cookie = HTTPCookies(dictionaryLiteral: ("sujarit_session", HTTPCookies.Value(string: browser.cookie ?? "")))
        try await app.test(.GET, "/plans/\(UUID().uuidString)", headers: headers) { res async throws in
            XCTAssertEqual(res.status, .notFound)
            assertSecurityHeaders(res, "404 page, signed in")
        }
    }

    // MARK: 2.11 The demo in production

    func testDemoIsRefusedInProductionUnlessAllowed() throws {
        XCTAssertThrowsError(try DemoSetup.checkEnvironment("production", allowInProduction: false)) { error in
            let refusal = error as? DemoSetup.RefusedInProduction
            XCTAssertTrue(refusal?.message.en.contains("--allow-demo-in-production") ?? false)
            XCTAssertFalse(refusal?.message.th.isEmpty ?? true)
        }
        XCTAssertThrowsError(try DemoSetup.checkEnvironment("prod", allowInProduction: false))
        let warning = try DemoSetup.checkEnvironment("production", allowInProduction: true)
        XCTAssertTrue(warning?.en.contains(DemoSetup.password) ?? false)
        XCTAssertNil(try DemoSetup.checkEnvironment("development", allowInProduction: false))
        XCTAssertNil(try DemoSetup.checkEnvironment("testing", allowInProduction: false))
    }

    // MARK: 2.13 Indexes

    func testLookupIndexesExist() async throws {
        let sql = try XCTUnwrap(db as? any SQLDatabase)
        struct Row: Decodable { var name: String }
        let rows: [Row]
        if app.sujaritSettings.database.isPostgres {
            rows = try await sql.raw("SELECT indexname AS name FROM pg_indexes WHERE schemaname = current_schema()").all(decoding: Row.self)
        } else {
            rows = try await sql.raw("SELECT name FROM sqlite_master WHERE type = 'index'").all(decoding: Row.self)
        }
        let names = Set(rows.map(\.name))
        for expected in [
            "plan_items_plan_idx", "plan_items_organization_idx", "plan_item_budgets_plan_idx", "plan_item_budgets_organization_idx",
            "plan_risks_plan_idx", "plan_risks_organization_idx", "plan_targets_plan_idx", "plan_targets_organization_idx",
            "plans_organization_years_idx", "plan_imports_organization_idx", "memberships_organization_idx", "api_tokens_user_idx",
            "audit_events_subject_idx", "audit_events_organization_created_idx",
        ] {
            XCTAssertTrue(names.contains(expected), "index \(expected) missing; have \(names.sorted())")
        }
    }

    // MARK: 2.10 Tokens

    func testTokenAnswerIsNotStoredAndTokenCanBeRevoked() async throws {
        let organization = try await makeOrganization(slug: "tokens")
        try await makeUser("script", role: .editor, in: organization)
        let (status, headers, _) = try await signInAPI("script", Self.password)
        XCTAssertEqual(status, .ok)
        XCTAssertEqual(headers.first(name: .cacheControl), "no-store")

        let token = try await token("script")
        try await app.test(.GET, "/api/v1/organizations/tokens/plans", headers: bearer(token)) { res async throws in
            XCTAssertEqual(res.status, .ok)
        }
        try await app.test(.DELETE, "/api/v1/sessions", headers: bearer(token)) { res async throws in
            XCTAssertEqual(res.status, .noContent)
        }
        try await app.test(.GET, "/api/v1/organizations/tokens/plans", headers: bearer(token)) { res async throws in
            XCTAssertEqual(res.status, .unauthorized, "a revoked token no longer works")
        }
        try await app.test(.DELETE, "/api/v1/sessions") { res async throws in
            XCTAssertEqual(res.status, .unauthorized)
        }
    }
}
