import Foundation
import XCTest
import XCTVapor
import SujaritCore
@_spi(Fixtures) import SujaritPersistence
import SujaritAPIModels
@testable import SujaritServer
import SujaritDemo

/// Pages, API and their access rules, through HTTP.
final class WebTests: ServerTestCase {
    /// The demo plan, loaded as `serve --demo` loads it.
    func loadDemo() async throws -> Plan {
        let first = try await DemoSetup.load(on: app)
        let second = try await DemoSetup.load(on: app)
        XCTAssertTrue(first)
        XCTAssertFalse(second, "loading twice adds nothing")
        let plan = try await PlanStore(db).plan(id: DemoData.planID, scope: .everything)
        return try XCTUnwrap(plan)
    }

    func testHealth() async throws {
        try await app.test(.GET, "/healthz") { res async throws in
            XCTAssertEqual(res.status, .ok)
            XCTAssertTrue(res.body.string.contains("\"ok\""))
        }
    }

    func testAPIPlanReturnsComputedTotalsOfDemoPlan() async throws {
        let plan = try await loadDemo()
        // Expected figures summed here straight from the items, independently of PlanSummary.
        var perYear: [Int: Int64] = [:]
        var perDimensionCount: [Int: Int] = [:]
        for item in plan.items {
            perDimensionCount[item.dimensionNumber ?? 0, default: 0] += 1
            for (year, entry) in item.budgets {
                if case .amount(let money) = entry { perYear[year.be, default: 0] += money.satang }
            }
        }
        try await app.test(.GET, "/api/v1/plans/\(plan.id.uuidString)") { res async throws in
            XCTAssertEqual(res.status, .ok)
            let body = try JSONDecoder().decode(PlanResponse.self, from: Data(res.body.readableBytesView))
            XCTAssertEqual(body.summary.itemCount, plan.items.count)
            XCTAssertGreaterThanOrEqual(body.summary.itemCount, 15)
            for dimension in body.summary.dimensions {
                XCTAssertEqual(dimension.itemCount, perDimensionCount[dimension.number] ?? 0, "dimension \(dimension.number)")
                XCTAssertGreaterThan(dimension.itemCount, 0, "the demo plan covers every dimension")
            }
            for year in 2566...2570 {
                XCTAssertEqual(body.summary.budgetByYear[FiscalYear(year)]?.satang, perYear[year] ?? 0, "year \(year)")
            }
            XCTAssertEqual(body.summary.total.satang, perYear.values.reduce(0, +))
            XCTAssertEqual(body.plan.items.count, plan.items.count)
            XCTAssertEqual(body.publicURL, "/o/nong-sujarit/plan/2566-2570")
            XCTAssertEqual(body.itemNumbers.count, plan.items.count)
        }
    }

    func testPlanPageShowsOfficialTableWithTotals() async throws {
        let plan = try await loadDemo()
        let summary = PlanSummary(plan: plan)
        try await app.test(.GET, "/o/nong-sujarit/plan/2566-2570") { res async throws in
            XCTAssertEqual(res.status, .ok)
            let html = res.body.string
            XCTAssertTrue(html.contains("<table class=\"plan-table\">"))
            XCTAssertTrue(html.contains("รวมทั้งสิ้น"))
            XCTAssertTrue(html.contains("จำนวน \(plan.items.count) โครงการ"), "grand total count")
            for dimension in summary.dimensions {
                XCTAssertTrue(html.contains("จำนวน \(dimension.itemCount) โครงการ"), "subtotal of dimension \(dimension.number)")
            }
            let firstYearTotal = summary.budgetByYear[FiscalYear(2566)]!
            XCTAssertTrue(html.contains(firstYearTotal.formatted()), "grand total of 2566: \(firstYearTotal.formatted())")
            for item in plan.items {
                XCTAssertTrue(html.contains(HTML.escape(item.name)), "item \(item.name)")
            }
            XCTAssertEqual(res.headers.first(name: "X-Content-Type-Options"), "nosniff")
            XCTAssertNotNil(res.headers.first(name: "Content-Security-Policy"))
        }
        // Thai digits when the organization prefers them.
        var organization = DemoData.organization
        organization.digitStyle = .thai
        try await OrganizationStore(db).update(organization)
        try await app.test(.GET, "/o/nong-sujarit/plan/๒๕๖๖-๒๕๗๐") { res async throws in
            XCTAssertEqual(res.status, .ok)
            XCTAssertTrue(res.body.string.contains("จำนวน \(ThaiDigits.toThai(String(plan.items.count))) โครงการ"))
        }
    }

    func testItemPageShowsTheSheet() async throws {
        let plan = try await loadDemo()
        let item = try XCTUnwrap(plan.items.first { $0.sheet != nil })
        try await app.test(.GET, "/plans/\(plan.id)/items/\(item.id)") { res async throws in
            XCTAssertEqual(res.status, .ok)
            let html = res.body.string
            XCTAssertTrue(html.contains("หลักการและเหตุผล"))
            XCTAssertTrue(html.contains("ผลผลิต"))
            XCTAssertTrue(html.contains(HTML.escape(item.sheet!.objectives[0])))
        }
        try await app.test(.GET, "/plans/\(plan.id)/items/\(UUID())") { res async throws in
            XCTAssertEqual(res.status, .notFound)
        }
        try await app.test(.GET, "/?lang=en") { res async throws in
            XCTAssertTrue(res.body.string.contains("Local administrative organizations"))
            XCTAssertNotNil(res.headers.setCookie?["lang"])
        }
    }

    func testOrganizationsAPIAndPages() async throws {
        _ = try await loadDemo()
        try await app.test(.GET, "/api/v1/organizations") { res async throws in
            XCTAssertEqual(res.status, .ok)
            let organizations = try res.content.decode([OrganizationDTO].self)
            XCTAssertEqual(organizations.map(\.slug), ["nong-sujarit"])
            XCTAssertEqual(organizations.first?.name, "องค์การบริหารส่วนตำบลหนองสุจริต")
        }
        try await app.test(.GET, "/") { res async throws in
            XCTAssertTrue(res.body.string.contains("<a href=\"/o/nong-sujarit\">"))
        }
        try await app.test(.GET, "/o/no-such-org") { res async throws in XCTAssertEqual(res.status, .notFound) }
        try await app.test(.GET, "/api/v1/organizations/no-such-org/plans") { res async throws in
            XCTAssertEqual(res.status, .notFound)
            let error = try res.content.decode(ErrorResponse.self)
            XCTAssertFalse(error.reasonThai.isEmpty)
        }
    }

    // MARK: Tenant isolation and roles

    func testEditorOfOneOrganizationCannotReadOrChangeAnothersDraft() async throws {
        let a = try await makeOrganization(slug: "org-a")
        let b = try await makeOrganization(slug: "org-b")
        try await makeUser("editor-a", role: .editor, in: a)
        let draftB = try await PlanStore(db).create(demoPlan(for: b))
        let token = try await token("editor-a")

        try await app.test(.GET, "/api/v1/plans/\(draftB.id)", headers: bearer(token)) { res async throws in
            XCTAssertEqual(res.status, .notFound)
        }
        try await app.test(.GET, "/api/v1/organizations/org-b/plans", headers: bearer(token)) { res async throws in
            XCTAssertEqual(try res.content.decode([PlanListEntry].self).count, 0, "B's draft is not listed to A's editor")
        }
        let body = PlanWriteRequest(firstYear: 2566, lastYear: 2570, items: [], version: draftB.version)
        try await app.test(.PUT, "/api/v1/plans/\(draftB.id)", headers: bearer(token), beforeRequest: { req async throws in
            try req.content.encode(body, as: .json)
        }, afterResponse: { res async throws in
            XCTAssertEqual(res.status, .notFound)
        })
        try await app.test(.POST, "/api/v1/organizations/org-b/plans", headers: bearer(token), beforeRequest: { req async throws in
            try req.content.encode(body, as: .json)
        }, afterResponse: { res async throws in
            XCTAssertEqual(res.status, .forbidden)
        })
        let unchanged = try await PlanStore(db).plan(id: draftB.id, scope: .everything)
        XCTAssertEqual(unchanged, draftB)
        // And the public sees nothing of B's draft either.
        try await app.test(.GET, "/plans/\(draftB.id)") { res async throws in XCTAssertEqual(res.status, .notFound) }
    }

    func testRolesForWriting() async throws {
        let a = try await makeOrganization(slug: "roles-a")
        try await makeUser("viewer-a", role: .viewer, in: a)
        try await makeUser("editor-a", role: .editor, in: a)
        let body = PlanWriteRequest(title: "แผนทดสอบ", firstYear: 2568, lastYear: 2568,
                                    items: [PlanItem(kind: .measure, name: "มาตรการ NO Gift Policy", missionCode: "2.2", order: 1,
                                                     budgets: [FiscalYear(2568): .noBudget])])
        try await app.test(.POST, "/api/v1/organizations/roles-a/plans", beforeRequest: { req async throws in
            try req.content.encode(body, as: .json)
        }, afterResponse: { res async throws in
            XCTAssertEqual(res.status, .unauthorized, "no sign-in, no writing")
        })
        let viewerToken = try await token("viewer-a")
        try await app.test(.POST, "/api/v1/organizations/roles-a/plans", headers: bearer(viewerToken), beforeRequest: { req async throws in
            try req.content.encode(body, as: .json)
        }, afterResponse: { res async throws in
            XCTAssertEqual(res.status, .forbidden)
        })
        let editorToken = try await token("editor-a")
        var created: PlanResponse?
        try await app.test(.POST, "/api/v1/organizations/roles-a/plans", headers: bearer(editorToken), beforeRequest: { req async throws in
            try req.content.encode(body, as: .json)
        }, afterResponse: { res async throws in
            XCTAssertEqual(res.status, .created, res.body.string)
            created = try JSONDecoder().decode(PlanResponse.self, from: Data(res.body.readableBytesView))
        })
        let plan = try XCTUnwrap(created?.plan)
        XCTAssertEqual(plan.fiscalYears, [FiscalYear(2568)])
        XCTAssertEqual(created?.summary.itemCount, 1)
        XCTAssertEqual(created?.summary.dimension(2)?.itemCount, 1)

        // A stale version is refused with 409 and the stored plan stays.
        var update = body
        update.version = plan.version
        update.items![0].name = "มาตรการ No Gift Policy (ปรับปรุง)"
        try await app.test(.PUT, "/api/v1/plans/\(plan.id)", headers: bearer(editorToken), beforeRequest: { req async throws in
            try req.content.encode(update, as: .json)
        }, afterResponse: { res async throws in
            XCTAssertEqual(res.status, .ok, res.body.string)
        })
        try await app.test(.PUT, "/api/v1/plans/\(plan.id)", headers: bearer(editorToken), beforeRequest: { req async throws in
            try req.content.encode(update, as: .json)
        }, afterResponse: { res async throws in
            XCTAssertEqual(res.status, .conflict)
            XCTAssertTrue(try res.content.decode(ErrorResponse.self).reasonThai.contains("ผู้อื่น"))
        })
    }

    // MARK: Bad input

    func testBadInputGetsClearClientErrors() async throws {
        let a = try await makeOrganization(slug: "bad-input")
        try await makeUser("editor-b", role: .editor, in: a)
        let token = try await token("editor-b")
        let url = "/api/v1/organizations/bad-input/plans"

        func post(_ raw: String, expect status: HTTPStatus, mentioning text: String? = nil, file: StaticString = #filePath, line: UInt = #line) async throws {
            var headers = bearer(token)
            headers.contentType = .json
            try await app.test(.POST, url, headers: headers, body: ByteBuffer(string: raw)) { res async throws in
                XCTAssertEqual(res.status, status, res.body.string, file: file, line: line)
                let error = try res.content.decode(ErrorResponse.self)
                XCTAssertTrue(error.error, file: file, line: line)
                if let text {
                    let all = error.reason + " " + error.fields.map { $0.field + " " + $0.message }.joined(separator: " ")
                    XCTAssertTrue(all.contains(text), "“\(all)” should mention \(text)", file: file, line: line)
                }
            }
        }
        let item = #"{"kind":"project","name":"โครงการทดสอบ","missionCode":"3.1","order":1,"budgets":{"2566":BUDGET}}"#
        func plan(budget: String) -> String {
            #"{"firstYear":2566,"lastYear":2570,"items":["# + item.replacingOccurrences(of: "BUDGET", with: budget) + "]}"
        }
        try await post("{not json", expect: .badRequest)
        try await post(plan(budget: "-5"), expect: .badRequest, mentioning: "negative")
        try await post(plan(budget: "\"abc\""), expect: .badRequest, mentioning: "not an amount")
        try await post(plan(budget: "12.345"), expect: .badRequest, mentioning: "decimal")
        try await post(plan(budget: "5000000000000"), expect: .badRequest, mentioning: "exceeds")
        try await post(#"{"firstYear":2566}"#, expect: .badRequest, mentioning: "lastYear")
        try await post(#"{"firstYear":2570,"lastYear":2566}"#, expect: .unprocessableEntity, mentioning: "lastYear")
        try await post(#"{"firstYear":1999,"lastYear":2003}"#, expect: .unprocessableEntity, mentioning: "firstYear")
        let longName = String(repeating: "ก", count: 10_000)
        try await post(#"{"firstYear":2566,"lastYear":2570,"items":[{"kind":"project","name":""# + longName + #"","missionCode":"1.1"}]}"#,
                       expect: .unprocessableEntity, mentioning: "items[0].name")
        try await post(#"{"firstYear":2566,"lastYear":2570,"items":[{"kind":"project","name":"x","missionCode":"9.9"}]}"#,
                       expect: .unprocessableEntity, mentioning: "missionCode")
        try await post(#"{"firstYear":2566,"lastYear":2566,"items":[{"kind":"project","name":"x","missionCode":"1.1","budgets":{"2599":1}}]}"#,
                       expect: .unprocessableEntity, mentioning: "budgets.2599")

        // Not UTF-8 at all.
        var headers = bearer(token)
        headers.contentType = .json
        try await app.test(.POST, url, headers: headers, body: ByteBuffer(bytes: [0x7B, 0xFF, 0xFE, 0x22, 0x7D])) { res async throws in
            XCTAssertEqual(res.status, .badRequest)
        }
        // Nothing of the above was stored.
        let plans = try await PlanStore(db).plans(organizationID: a.id, includeUnpublished: true)
        XCTAssertTrue(plans.isEmpty)

        for path in ["/api/v1/plans/not-a-uuid", "/api/v1/plans/\(UUID())", "/plans/%00", "/o/%3Cscript%3E"] {
            try await app.test(.GET, path) { res async throws in
                XCTAssertEqual(res.status, .notFound, path)
            }
        }
        try await app.test(.GET, "/api/v1/plans/x", headers: bearer("forged-token")) { res async throws in
            XCTAssertEqual(res.status, .unauthorized)
        }
    }

    func testUserTextIsEscapedEverywhere() async throws {
        let a = try await makeOrganization(slug: "escaping")
        var plan = demoPlan(for: a, status: .published)
        let hostile = "<script>alert(\"x\")</script>' onmouseover='x"
        plan.items[0].name = hostile
        plan.items[0].sheet?.objectives = [hostile]
        plan.title = hostile
        try await PlanStore(db).create(plan)
        for path in ["/plans/\(plan.id)", "/plans/\(plan.id)/items/\(plan.items[0].id)", "/o/escaping"] {
            try await app.test(.GET, path) { res async throws in
                XCTAssertEqual(res.status, .ok)
                XCTAssertFalse(res.body.string.contains("<script>"), path)
                XCTAssertTrue(res.body.string.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&#39; onmouseover=&#39;x"), path)
            }
        }
    }

    // MARK: Sign-in form

    func testSignInFormNeedsCSRFTokenAndRightPassword() async throws {
        let a = try await makeOrganization(slug: "signin")
        try await makeUser("officer", role: .editor, in: a)
        try await PlanStore(db).create(demoPlan(for: a))

        // Without the form's token the post is refused.
        try await app.test(.POST, "/login", beforeRequest: { req async throws in
            try req.content.encode(["username": "officer", "password": Self.password], as: .urlEncodedForm)
        }, afterResponse: { res async throws in
            XCTAssertEqual(res.status, .forbidden)
        })

        var cookie = ""
        var csrf = ""
        try await app.test(.GET, "/login") { res async throws in
            XCTAssertEqual(res.status, .ok)
            XCTAssertNil(res.headers.setCookie?["sujarit_session"], "no session for an anonymous visitor")
            cookie = res.headers.setCookie?["sujarit_form"]?.string ?? ""
            let html = res.body.string
            let marker = "name=\"_csrf\" value=\""
            let start = try XCTUnwrap(html.range(of: marker)).upperBound
            csrf = String(html[start...].prefix { $0 != "\"" })
        }
        XCTAssertFalse(cookie.isEmpty)
        var headers = HTTPHeaders()
        headers.cookie = HTTPCookies(dictionaryLiteral: ("sujarit_form", HTTPCookies.Value(string: cookie)))

        try await app.test(.POST, "/login", headers: headers, beforeRequest: { req async throws in
            try req.content.encode(["username": "officer", "password": "wrong password", "_csrf": csrf], as: .urlEncodedForm)
        }, afterResponse: { res async throws in
            XCTAssertEqual(res.status, .unauthorized)
            XCTAssertTrue(res.body.string.contains("ไม่ถูกต้อง"))
            XCTAssertTrue(res.body.string.contains("value=\"officer\""), "the form keeps what was typed")
        })
        var signedIn = ""
        try await app.test(.POST, "/login", headers: headers, beforeRequest: { req async throws in
            try req.content.encode(["username": "officer", "password": Self.password, "_csrf": csrf, "next": "/o/signin"], as: .urlEncodedForm)
        }, afterResponse: { res async throws in
            XCTAssertEqual(res.status, .seeOther)
            XCTAssertEqual(res.headers.first(name: .location), "/o/signin")
            signedIn = res.headers.setCookie?["sujarit_session"]?.string ?? ""
        })
        XCTAssertFalse(signedIn.isEmpty)
        XCTAssertNotEqual(signedIn, cookie, "a new session id after sign-in")
        var member = HTTPHeaders()
        member.cookie = HTTPCookies(dictionaryLiteral: ("sujarit_session", HTTPCookies.Value(string: signedIn)))
        try await app.test(.GET, "/o/signin", headers: member) { res async throws in
            XCTAssertTrue(res.body.string.contains("officer"))
            XCTAssertTrue(res.body.string.contains("badge draft"), "members see drafts")
            XCTAssertEqual(res.headers.first(name: .cacheControl), "no-store")
        }
        try await app.test(.GET, "/o/signin") { res async throws in
            XCTAssertFalse(res.body.string.contains("badge draft"), "the public does not")
        }
        // An open redirect is not possible.
        XCTAssertEqual(SignInController.safeNext("//evil.example/"), "/")
        XCTAssertEqual(SignInController.safeNext("https://evil.example/"), "/")
    }
}
