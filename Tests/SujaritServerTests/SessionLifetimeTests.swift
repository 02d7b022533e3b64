import Foundation
import XCTest
import XCTVapor
import Fluent
import SujaritCore
import SujaritPersistence
@testable import SujaritServer

/// Issue 8, 2.10: signed-in sessions end on the server — after 8 hours without a request and
/// 7 days after sign-in — and signing out ends the person's API tokens too.
final class SessionLifetimeTests: ServerTestCase {
    /// Whether the page was served to a signed-in person (it carries the sign-out form).
    func signedIn(_ browser: inout Browser) async throws -> Bool {
        try await browser.get("/").body.contains("action=\"/logout\"")
    }

    func testAnIdleSessionEnds() async throws {
        let clock = TestClock()
        app.sujaritClock = { clock.now }
        let organization = try await makeOrganization(slug: "idle")
        try await makeUser("editor", role: .editor, in: organization)
        var browser = Browser(app)
        try await browser.signIn("editor", password: Self.password)
        var signed = try await signedIn(&browser)
        XCTAssertTrue(signed)
        clock.advance(7 * 3600)
        signed = try await signedIn(&browser)
        XCTAssertTrue(signed, "7 hours idle: still signed in, and the idle clock starts again")
        clock.advance(7 * 3600)
        signed = try await signedIn(&browser)
        XCTAssertTrue(signed, "each request keeps the session alive")
        clock.advance(8 * 3600 + 60)
        signed = try await signedIn(&browser)
        XCTAssertFalse(signed, "8 hours without a request end the session")
    }

    func testASessionEndsSevenDaysAfterSignInHoweverBusy() async throws {
        let clock = TestClock()
        app.sujaritClock = { clock.now }
        let organization = try await makeOrganization(slug: "absolute")
        try await makeUser("editor", role: .editor, in: organization)
        var browser = Browser(app)
        try await browser.signIn("editor", password: Self.password)
        for _ in 0..<23 {  // 23 × 7 h = 161 h < 168 h
            clock.advance(7 * 3600)
            let signed = try await signedIn(&browser)
            XCTAssertTrue(signed)
        }
        clock.advance(8 * 3600)
        let signed = try await signedIn(&browser)
        XCTAssertFalse(signed, "past 7 days the session ends even though it was used")
    }

    func testSigningOutRevokesTheAPITokens() async throws {
        let organization = try await makeOrganization(slug: "signout")
        try await makeUser("editor", role: .editor, in: organization)
        let token = try await token("editor")
        try await app.test(.GET, "/api/v1/organizations/signout/plans", headers: bearer(token)) { res async throws in
            XCTAssertEqual(res.status, .ok)
        }
        var browser = Browser(app)
        try await browser.signIn("editor", password: Self.password)
        let page = try await browser.post("/logout", [])
        XCTAssertEqual(page.status, .seeOther)
        try await app.test(.GET, "/api/v1/organizations/signout/plans", headers: bearer(token)) { res async throws in
            XCTAssertEqual(res.status, .unauthorized, "the token ended with the sign-out")
        }
    }

    /// An anonymous visitor reading the sign-in form stores nothing on the server; the form
    /// still works (its token rides in a cookie).
    func testTheSignInFormStoresNoSessionRow() async throws {
        let organization = try await makeOrganization(slug: "no-row")
        try await makeUser("editor", role: .editor, in: organization)
        var browser = Browser(app)
        for _ in 0..<5 { _ = try await browser.get("/login") }
        var rows = try await SessionRecord.query(on: db).count()
        XCTAssertEqual(rows, 0, "no session row for an anonymous GET /login")
        XCTAssertNotNil(browser.formCookie)
        try await browser.signIn("editor", password: Self.password)
        rows = try await SessionRecord.query(on: db).count()
        XCTAssertEqual(rows, 1, "one row, made at sign-in")
        // A forged token does not pass, cookie or not.
        var stranger = Browser(app)
        _ = try await stranger.get("/login")
        stranger.csrf = String(repeating: "A", count: 43)
        let refused = try await stranger.post("/login", [("username", "editor"), ("password", Self.password)])
        XCTAssertEqual(refused.status, .forbidden)
    }

    /// Ended sessions are swept out of `_fluent_sessions`; live ones stay.
    func testEndedSessionRowsAreDeleted() async throws {
        let clock = TestClock()
        app.sujaritClock = { clock.now }
        let organization = try await makeOrganization(slug: "sweep")
        try await makeUser("early", role: .editor, in: organization)
        try await makeUser("late", role: .editor, in: organization)
        var early = Browser(app)
        try await early.signIn("early", password: Self.password)
        clock.advance(5 * 3600)
        var late = Browser(app)
        try await late.signIn("late", password: Self.password)
        clock.advance(4 * 3600)  // early: 9 h idle; late: 4 h
        let deleted = try await app.sessionLifetime.deleteEnded(on: db, now: clock.now)
        XCTAssertEqual(deleted, 1)
        let rows = try await SessionRecord.query(on: db).count()
        XCTAssertEqual(rows, 1)
        let lateSigned = try await signedIn(&late)
        XCTAssertTrue(lateSigned, "the live session is kept")
        let earlySigned = try await signedIn(&early)
        XCTAssertFalse(earlySigned)
    }
}
