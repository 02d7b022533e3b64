import Foundation
import XCTest
import XCTVapor
import SujaritCore
@_spi(Fixtures) import SujaritPersistence
import SujaritAPIModels
import struct SujaritCore.Dimension
@testable import SujaritServer

/// Issue 8, 2.12: the smaller faults found by attacking the server.
final class SmallFaultsTests: ServerTestCase {
    func testBidiControlsAreDroppedFromStoredText() {
        XCTAssertEqual("\u{202E}gpj.exe".cleaned, "gpj.exe")
        XCTAssertEqual(" โครงการ\u{2066}ทดสอบ\u{2069} ".cleaned, "โครงการทดสอบ")
        XCTAssertEqual("ชื่อ\u{200F}".cleaned, "ชื่อ")
        XCTAssertEqual("โครงการ ๑".cleaned, "โครงการ ๑", "ordinary Thai text unchanged")
    }

    func testDimensionAndMissionNamesHaveLimitsThroughTheAPI() async throws {
        let organization = try await makeOrganization(slug: "structure")
        try await makeUser("editor", role: .editor, in: organization)
        let token = try await token("editor")
        var plan = demoPlan(for: organization)
        plan = try await PlanStore(db).create(plan)
        var headers = bearer(token)
        headers.contentType = .json

        var longName = PlanWriteRequest(title: plan.title, firstYear: 2566, lastYear: 2570, version: plan.version)
        var dimensions = plan.dimensions
        dimensions[0].name = String(repeating: "ก", count: 10_000)
        longName.dimensions = dimensions
        longName.items = plan.items
        try await app.test(.PUT, "/api/v1/plans/\(plan.id)", headers: headers, body: ByteBuffer(data: try JSONEncoder().encode(longName))) { res async throws in
            XCTAssertEqual(res.status, .unprocessableEntity, res.body.string)
            XCTAssertTrue(res.body.string.contains("dimensions[0].name"), res.body.string)
        }
        var many = PlanWriteRequest(title: plan.title, firstYear: 2566, lastYear: 2570, version: plan.version)
        many.dimensions = (1...1_000).map { Dimension(number: $0, name: "มิติ \($0)", missions: []) }
        try await app.test(.PUT, "/api/v1/plans/\(plan.id)", headers: headers, body: ByteBuffer(data: try JSONEncoder().encode(many))) { res async throws in
            XCTAssertEqual(res.status, .unprocessableEntity, res.body.string)
        }
        let stored = try await PlanStore(db).plan(id: plan.id, scope: .everything)
        XCTAssertEqual(stored?.version, plan.version, "nothing stored")
    }

    /// What was not found is said in the page's language (issue 14: no Thai-only messages).
    func testNotFoundPagesSpeakThePagesLanguage() async throws {
        let missing = "/plans/\(UUID().uuidString.lowercased())"
        try await app.test(.GET, missing + "?lang=en") { res async throws in
            XCTAssertEqual(res.status, .notFound)
            XCTAssertTrue(res.body.string.contains("Plan not found"), res.body.string)
            XCTAssertFalse(res.body.string.contains("ไม่พบแผน"))
        }
        try await app.test(.GET, missing) { res async throws in
            XCTAssertEqual(res.status, .notFound)
            XCTAssertTrue(res.body.string.contains("ไม่พบแผน"), res.body.string)
        }
        try await app.test(.GET, "/o/no-such-organization?lang=en") { res async throws in
            XCTAssertEqual(res.status, .notFound)
            XCTAssertTrue(res.body.string.contains("Organization not found"), res.body.string)
        }
    }

    func testNoDeleteConfirmationOnAPublishedPlan() async throws {
        let organization = try await makeOrganization(slug: "confirm")
        try await makeUser("editor", role: .editor, in: organization)
        let plan = try await PlanStore(db).create(demoPlan(for: organization, status: .published))
        var browser = Browser(app)
        try await browser.signIn("editor", password: Self.password)
        let itemID = try XCTUnwrap(plan.items.first?.id)
        let page = try await browser.get("/plans/\(plan.id.uuidString.lowercased())/items/\(itemID.uuidString.lowercased())/delete")
        XCTAssertNotEqual(page.status, .ok, "no confirmation for a deletion that cannot happen")
        XCTAssertFalse(page.body.contains("action=\"/plans/\(plan.id.uuidString.lowercased())/items/\(itemID.uuidString.lowercased())/delete\""))
    }

    /// A fractional version, an empty body and non-UTF-8 form bytes each get a 400 that says
    /// what is wrong and where; nothing is stored.
    func testMalformedBodiesAreNamedNotGeneric() async throws {
        let organization = try await makeOrganization(slug: "bodies")
        try await makeUser("editor", role: .editor, in: organization)
        let token = try await token("editor")
        let plan = try await PlanStore(db).create(demoPlan(for: organization))
        var headers = bearer(token)
        headers.contentType = .json

        let fractional = #"{"version": 1.5, "item": {"kind": "project", "name": "x", "missionCode": "1.1"}}"#
        try await app.test(.POST, "/api/v1/plans/\(plan.id)/items", headers: headers, body: ByteBuffer(string: fractional)) { res async throws in
            XCTAssertEqual(res.status, .badRequest, res.body.string)
            XCTAssertTrue(res.body.string.contains("whole number"), res.body.string)
            XCTAssertFalse(res.body.string.contains("not valid JSON"), res.body.string)
            XCTAssertTrue(res.body.string.contains("\"version\""), "names the field: \(res.body.string)")
        }
        try await app.test(.POST, "/api/v1/plans/\(plan.id)/items", headers: headers, body: ByteBuffer()) { res async throws in
            XCTAssertEqual(res.status, .badRequest, res.body.string)
            XCTAssertTrue(res.body.string.contains("empty"), res.body.string)
        }
        try await app.test(.POST, "/api/v1/organizations/bodies/plans", headers: headers, body: ByteBuffer()) { res async throws in
            XCTAssertEqual(res.status, .badRequest, res.body.string)
        }

        var browser = Browser(app)
        try await browser.signIn("editor", password: Self.password)
        _ = try await browser.get("/plans/\(plan.id.uuidString.lowercased())/edit")
        let page = try await browser.post("/plans/\(plan.id.uuidString.lowercased())/missions", encoded: "version=\(plan.version)&dimension=1&name=%E0%B8%FF%FE")
        XCTAssertEqual(page.status, .badRequest, page.body)
        XCTAssertTrue(page.body.contains("UTF-8") && page.body.contains("name"), page.body)
        let stored = try await PlanStore(db).plan(id: plan.id, scope: .everything)
        XCTAssertEqual(stored?.version, plan.version, "nothing stored")
        XCTAssertFalse(stored?.dimensions.flatMap(\.missions).contains { $0.name.contains("\u{FFFD}") } ?? true)
    }

    /// 2.12 on the routes added since: the monitoring and complaint APIs name an empty body and
    /// a fraction where a whole number belongs, like the plan API.
    func testMonitoringAndComplaintAPIsNameMalformedBodies() async throws {
        let organization = try await makeOrganization(slug: "bodies")
        let officer = try await makeUser("bodies-editor", role: .editor, in: organization)
        try await ComplaintStore(db).addOfficer(userID: officer.requireID(), organizationID: organization.id)
        let plan = try await PlanStore(db).create(demoPlan(for: organization, status: .published))
        var headers = bearer(try await token("bodies-editor"))
        headers.contentType = .json
        func post(_ path: String, _ body: String) async throws -> ErrorResponse {
            var answer: ErrorResponse?
            try await app.test(.POST, path, headers: headers, body: ByteBuffer(string: body)) { res async throws in
                XCTAssertEqual(res.status, .badRequest, "\(path) [\(body)]: \(res.body.string)")
                answer = try? JSONDecoder().decode(ErrorResponse.self, from: Data(res.body.string.utf8))
            }
            return try XCTUnwrap(answer)
        }
        let rounds = "/api/v1/plans/\(plan.id.uuidString.lowercased())/rounds"
        let empty = try await post(rounds, "")
        XCTAssertEqual(empty.fields.map(\.field), ["body"])
        let fraction = try await post(rounds, #"{"fiscalYear":2568.5,"kind":"6m"}"#)
        XCTAssertEqual(fraction.fields.map(\.field), ["fiscalYear"])
        var reporter = Reporter(app)
        _ = try await reporter.get("/o/bodies/report")
        _ = try await reporter.post("/o/bodies/report", [("what", "เจ้าหน้าที่เรียกรับเงินค่าอนุญาตก่อสร้าง"), ("identity", "anonymous")])
        let cases = try await ComplaintStore(db).cases(organizationID: organization.id)
        let caseID = try XCTUnwrap(cases.first?.id, "a complaint case was reported")
        let complaint = "/api/v1/organizations/bodies/complaints/\(caseID.uuidString.lowercased())/transitions"
        let emptyComplaint = try await post(complaint, "")
        XCTAssertEqual(emptyComplaint.fields.map(\.field), ["body"])
        let versionFraction = try await post(complaint, #"{"version":1.5,"command":"acknowledge"}"#)
        XCTAssertEqual(versionFraction.fields.map(\.field), ["version"])
    }
}
