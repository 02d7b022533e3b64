import Foundation
import XCTest
import XCTVapor
import SujaritCore
import SujaritImport
@_spi(Fixtures) import SujaritPersistence
@testable import SujaritServer

/// Issue 11 §11: after signing in, the home page is the person's "my work" — drafts of their
/// organizations, plans waiting for their approval, monitoring rounds, imports to review —
/// instead of the public organization list, which stays one link away at `/organizations`.
/// (Monitoring rounds in "my work": `MonitoringWebTests.testOpenRoundIsInMyWorkOfEditorsOnly`.)
final class HomePageTests: ServerTestCase {
    var mine: Organization!
    var other: Organization!

    override func setUp() async throws {
        try await super.setUp()
        mine = try await makeOrganization(slug: "home-mine", name: "องค์การบริหารส่วนตำบลบ้านของฉัน")
        other = try await makeOrganization(slug: "home-other", name: "องค์การบริหารส่วนตำบลบ้านคนอื่น")
        try await makeUser("home-admin", role: .admin, in: mine)
        try await makeUser("home-editor", role: .editor, in: mine)
        try await makeUser("home-viewer", role: .viewer, in: mine)
    }

    func signedIn(_ username: String) async throws -> Browser {
        var browser = Browser(app)
        try await browser.signIn(username, password: Self.password)
        return browser
    }

    @discardableResult
    func plan(in organization: Organization, title: String, status: PlanStatus) async throws -> Plan {
        var plan = demoPlan(for: organization, status: status)
        plan.title = title
        return try await PlanStore(db).create(plan)
    }

    /// The directory's markers: its heading and search form, and the organization cards.
    func assertNoPublicList(_ body: String, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertFalse(body.contains("class=\"directory-search\""), "no directory search form", file: file, line: line)
        XCTAssertFalse(body.contains("<ul class=\"cards\">"), "no organization cards", file: file, line: line)
        XCTAssertFalse(body.contains(SiteURL.organization(slug: other.slug).path), "no other organization", file: file, line: line)
    }

    func testDraftsOfMyOrganizationsAreOnTheEditorsHome() async throws {
        let draft = try await plan(in: mine, title: "ร่างแผนของฉัน", status: .draft)
        try await plan(in: other, title: "ร่างแผนของคนอื่น", status: .draft)
        try await plan(in: mine, title: "แผนฉบับประกาศของฉัน", status: .published)
        var editor = try await signedIn("home-editor")
        let home = try await editor.get("/")
        XCTAssertEqual(home.status, .ok)
        XCTAssertTrue(home.body.contains("ฉบับร่างที่กำลังจัดทำ (1)"), home.body)
        XCTAssertTrue(home.body.contains(SiteURL.editor(draft.id).path))
        XCTAssertTrue(home.body.contains("ร่างแผนของฉัน"))
        XCTAssertFalse(home.body.contains("ร่างแผนของคนอื่น"), "another organization's draft is not my work")
        XCTAssertFalse(home.body.contains("แผนฉบับประกาศของฉัน"), "a published plan waits for nobody")
        // A viewer cannot edit: no drafts, and nothing else waits.
        var viewer = try await signedIn("home-viewer")
        let viewersHome = try await viewer.get("/")
        XCTAssertFalse(viewersHome.body.contains("ร่างแผนของฉัน"))
        XCTAssertTrue(viewersHome.body.contains("ไม่มีงานที่รอคุณอยู่"), viewersHome.body)
    }

    func testPlansWaitingForApprovalAreOnTheAdminsHomeOnly() async throws {
        let submitted = try await plan(in: mine, title: "แผนที่ส่งมาให้อนุมัติ", status: .submitted)
        try await plan(in: other, title: "แผนของคนอื่นที่รออนุมัติ", status: .submitted)
        var admin = try await signedIn("home-admin")
        let home = try await admin.get("/")
        XCTAssertTrue(home.body.contains("แผนที่รอการอนุมัติจากคุณ (1)"), home.body)
        XCTAssertTrue(home.body.contains(SiteURL.plan(submitted.id).path))
        XCTAssertFalse(home.body.contains("แผนของคนอื่นที่รออนุมัติ"))
        var editor = try await signedIn("home-editor")
        let editorsHome = try await editor.get("/")
        XCTAssertFalse(editorsHome.body.contains("แผนที่รอการอนุมัติจากคุณ"), "an editor approves nothing")
        XCTAssertFalse(editorsHome.body.contains(SiteURL.plan(submitted.id).path))
    }

    func testImportsWaitingForReviewAreOnTheEditorsHome() async throws {
        var editor = try await signedIn("home-editor")
        let uploaded = try await upload(&editor, slug: mine.slug, fileName: "imported-plan.txt",
                                        data: Data(SyntheticPlanDocument.text(itemCount: 4).utf8))
        let review = try XCTUnwrap(uploaded.location, uploaded.body)
        let home = try await editor.get("/")
        XCTAssertTrue(home.body.contains("เอกสารนำเข้าที่รอตรวจ (1)"), home.body)
        XCTAssertTrue(home.body.contains("imported-plan.txt"))
        XCTAssertTrue(home.body.contains("href=\"\(review)\""), "the link leads to the review")
        XCTAssertFalse(home.body.contains("ฉบับร่างที่กำลังจัดทำ"), "the imported draft is listed once, as an import")
        var viewer = try await signedIn("home-viewer")
        let viewersHome = try await viewer.get("/")
        XCTAssertFalse(viewersHome.body.contains("imported-plan.txt"), "a viewer reviews nothing")
    }

    func testSignedInHomeHasNoPublicListButTheDirectoryLink() async throws {
        var editor = try await signedIn("home-editor")
        let home = try await editor.get("/")
        XCTAssertEqual(home.status, .ok)
        XCTAssertTrue(home.body.contains("<section class=\"my-work\">"))
        assertNoPublicList(home.body)
        XCTAssertTrue(home.body.contains("<a href=\"\(SiteURL.organizations.path)\">รายชื่อองค์กรทั้งหมด"), home.body)
        XCTAssertFalse(home.body.contains(SiteURL.overseers.path), "not an overseer")
        // The directory link leads to the whole list, with the search form clearing back there.
        let directory = try await editor.get(SiteURL.organizations.path)
        XCTAssertEqual(directory.status, .ok)
        XCTAssertTrue(directory.body.contains(SiteURL.organization(slug: other.slug).path))
        XCTAssertTrue(directory.body.contains(SiteURL.organization(slug: mine.slug).path))
        XCTAssertTrue(directory.body.contains("<a href=\"/organizations\">"), "clearing the search stays in the directory")
        XCTAssertFalse(directory.body.contains("<section class=\"my-work\">"))
        // Asking the directory something at `/` (a province link, a page) still answers it.
        let province = try await editor.get(SiteURL.directory([URLQueryItem(name: "province", value: "ขอนแก่น")]).path)
        XCTAssertTrue(province.body.contains(SiteURL.organization(slug: other.slug).path))
        // Changing the language keeps the home page.
        let english = try await editor.get("/?lang=en")
        XCTAssertTrue(english.body.contains("All organizations: search them"), english.body)
        assertNoPublicList(english.body)
        // Not signed in, `/` is the public list, as before.
        var anonymous = Browser(app)
        let public_ = try await anonymous.get("/")
        XCTAssertTrue(public_.body.contains(SiteURL.organization(slug: other.slug).path))
        XCTAssertFalse(public_.body.contains("<section class=\"my-work\">"))
    }

    func testWithoutAnOrganizationOverseersGetTheirDashboardsAndOthersTheDirectory() async throws {
        try await makeUser("home-system", systemAdmin: true)
        let overseer = try await makeUser("home-overseer")
        try await OverseerStore(db).grant(.nation, userID: overseer.requireID())
        try await makeUser("home-nobody")
        for name in ["home-system", "home-overseer"] {
            var browser = try await signedIn(name)
            let home = try await browser.get("/")
            XCTAssertTrue(home.body.contains("href=\"\(SiteURL.overseers.path)\""), "\(name): \(home.body)")
            XCTAssertTrue(home.body.contains("href=\"\(SiteURL.organizations.path)\""), name)
            XCTAssertFalse(home.body.contains("<section class=\"my-work\">"), "\(name) has no organization's work")
            assertNoPublicList(home.body)
        }
        // Someone with no organization and nothing to oversee: the directory is what there is.
        var nobody = try await signedIn("home-nobody")
        let home = try await nobody.get("/")
        XCTAssertTrue(home.body.contains(SiteURL.organization(slug: other.slug).path), home.body)
        XCTAssertFalse(home.body.contains("<section class=\"my-work\">"))
    }
}
