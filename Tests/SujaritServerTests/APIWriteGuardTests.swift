import Foundation
import XCTest
import XCTVapor
import SujaritCore
@_spi(Fixtures) import SujaritPersistence
@testable import SujaritServer

/// Issue 8, 2.5: a browser's cookie alone never writes through the JSON API, and API bodies
/// must be JSON — so another site cannot make a signed-in officer's browser change a plan.
final class APIWriteGuardTests: ServerTestCase {
    func testCookieOnlyAPIWritesAreRefusedAndNothingChanges() async throws {
        let organization = try await makeOrganization(slug: "guarded")
        _ = try await makeUser("editor", role: .editor, in: organization)
        _ = try await makeUser("admin", role: .admin, in: organization)
        let plan = demoPlan(for: organization)
        _ = try await PlanStore(db).create(plan)
        let before = try await PlanStore(db).plan(id: plan.id, scope: .everything)

        var browser = Browser(app)
        try await browser.signIn("admin", password: Self.password)
        var cookie = HTTPHeaders()
        cookie.cookie = HTTPCookies(dictionaryLiteral: ("sujarit_session", HTTPCookies.Value(string: browser.cookie ?? "")))

        // The cross-site shape of the attack: text/plain, the session cookie, no token.
        var crossSite = cookie
        crossSite.contentType = .plainText
        crossSite.replaceOrAdd(name: .origin, value: "https://evil.example")
        try await app.test(.POST, "/api/v1/plans/\(plan.id)/transitions", headers: crossSite,
                           body: ByteBuffer(string: #"{"action":"submit","version":\#(plan.version)}"#)) { res async throws in
            XCTAssertEqual(res.status, .unauthorized)
            XCTAssertTrue(res.body.string.contains("bearer"), res.body.string)
        }
        // Even as JSON from the same site, a cookie is not an API credential.
        var sameSite = cookie
        sameSite.contentType = .json
        let itemID = try XCTUnwrap(plan.items.first?.id)
        try await app.test(.DELETE, "/api/v1/plans/\(plan.id)/items/\(itemID)", headers: sameSite) { res async throws in
            XCTAssertEqual(res.status, .unauthorized)
        }
        let after = try await PlanStore(db).plan(id: plan.id, scope: .everything)
        XCTAssertEqual(after?.version, before?.version, "nothing was written")
        XCTAssertEqual(after?.status, .draft)

        // With a bearer token, a body that is not JSON is refused as such.
        let token = try await token("editor")
        var plainWithToken = bearer(token)
        plainWithToken.contentType = .plainText
        try await app.test(.POST, "/api/v1/plans/\(plan.id)/transitions", headers: plainWithToken,
                           body: ByteBuffer(string: #"{"action":"submit","version":\#(plan.version)}"#)) { res async throws in
            XCTAssertEqual(res.status, .unsupportedMediaType)
        }
        // Reading with the cookie stays allowed (the pages' own JSON link).
        try await app.test(.GET, "/api/v1/plans/\(plan.id)", headers: cookie) { res async throws in
            XCTAssertEqual(res.status, .ok)
        }
    }

    func testSigningInThroughTheAPINeedsJSON() async throws {
        let organization = try await makeOrganization(slug: "guarded-signin")
        _ = try await makeUser("editor", role: .editor, in: organization)
        var form = HTTPHeaders()
        form.contentType = .urlEncodedForm
        try await app.test(.POST, "/api/v1/sessions", headers: form,
                           body: ByteBuffer(string: "username=editor&password=\(Self.password)")) { res async throws in
            XCTAssertEqual(res.status, .unsupportedMediaType)
        }
        let token = try await token("editor")
        XCTAssertFalse(token.isEmpty, "JSON sign-in still works")
    }
}
