import Foundation
import XCTest
import XCTVapor
import SujaritCore
@_spi(Fixtures) import SujaritPersistence
@testable import SujaritServer

/// Every route the application registers — found from the router, so a new route cannot be
/// added without being covered — tried by people who must not succeed: someone not signed in,
/// a viewer of the organization, an editor and an admin of another organization; on a draft
/// and on a published plan; forms also by a legitimate editor without the CSRF token. None may
/// succeed, and afterwards nothing has changed (issue 8, "tests that must exist").
final class RouteMatrixTests: ServerTestCase {
    /// Writes anybody may make: signing in and out, and the public complaint channels
    /// (corruption and general).
    static func isPublicWrite(_ method: HTTPMethod, _ path: String) -> Bool {
        if ["/login", "/logout", "/api/v1/sessions"].contains(path) { return true }
        if path.hasPrefix("/o/{slug}/report") || path.hasPrefix("/o/{slug}/grievance") { return true }
        return false
    }

    /// Real records of organization A behind the routes' other parameters: a monitoring round
    /// of the published plan with its records, a complaint case.
    struct Fixture {
        var roundID: UUID?
        var recordID: UUID?
        var caseID: UUID?
    }

    enum Actor: String, CaseIterable {
        case anonymous, viewer, outsiderEditor, outsiderAdmin
    }

    /// Every route parameter the matrix knows how to fill with a real value. A route with any
    /// other parameter fails the test until it is taught here — a new kind of route cannot stay
    /// uncovered (or be tried only with ids that exist nowhere).
    static let knownParameters: Set<String> = ["slug", "years", "planID", "itemID", "riskID", "targetID", "format", "roundID",
                                               "recordID", "evidenceID", "caseID", "province", "year", "chart", "file"]

    /// A route's path with its parameters filled in for one plan (nil for wildcard routes).
    func concretePath(_ route: Route, plan: Plan, fixture: Fixture = Fixture()) -> String? {
        var parts: [String] = []
        func id(_ value: UUID?) -> String { (value ?? UUID()).uuidString.lowercased() }
        for component in route.path {
            switch component {
            case .constant(let text): parts.append(text)
            case .parameter(let name):
                switch name {
                case "slug": parts.append("matrix-a")
                case "years": parts.append(plan.yearSlug)
                case "planID": parts.append(id(plan.id))
                case "itemID": parts.append(id(plan.items.first?.id))
                case "riskID": parts.append(id(plan.risks.first?.id))
                case "targetID": parts.append(id(plan.targets.first?.id))
                case "format": parts.append("csv")
                case "roundID": parts.append(id(fixture.roundID))
                case "recordID": parts.append(id(fixture.recordID))
                case "caseID": parts.append(id(fixture.caseID))
                case "province": parts.append("ขอนแก่น")
                case "year": parts.append("2572")
                // No evidence file is attached in the fixture: refused as not found by everyone.
                default: parts.append(UUID().uuidString.lowercased())
                }
            case .anything, .catchall: return nil
            }
        }
        return "/" + parts.joined(separator: "/")
    }

    /// Writes a member of the plan's organization may make on a published revision: a new
    /// revision, and monitoring rounds (they belong to published plans). Every other write that
    /// names a published plan must be refused, even to its own editor and administrator.
    static func membersMayWriteOnAPublishedPlan(_ template: String) -> Bool {
        template.hasSuffix("/revise") || template.hasSuffix("/revisions") || template.hasSuffix("/rounds")
    }

    func testEveryRouteParameterIsKnownToTheMatrix() {
        var unknown: [String] = []
        for route in app.routes.all {
            for component in route.path {
                if case .parameter(let name) = component, !Self.knownParameters.contains(name) {
                    unknown.append("\(route.method.rawValue) \(Self.template(route)) has :\(name)")
                }
            }
        }
        XCTAssertEqual(unknown, [], "teach RouteMatrixTests.concretePath a real value for these parameters")
    }

    static func template(_ route: Route) -> String {
        "/" + route.path.map { component -> String in
            switch component {
            case .constant(let text): text
            case .parameter(let name): "{\(name)}"
            case .anything: "*"
            case .catchall: "**"
            }
        }.joined(separator: "/")
    }

    /// Whether an answer means the request did what it asked: 2xx, or a redirect anywhere but
    /// to the sign-in page.
    static func succeeded(_ status: HTTPStatus, location: String?) -> Bool {
        if (200..<300).contains(Int(status.code)) { return true }
        if [301, 302, 303, 307, 308].contains(Int(status.code)) { return !(location ?? "").hasPrefix("/login") }
        return false
    }

    /// Organizations A (`matrix-a`) and B with their people: viewer-a, editor-a, admin-a,
    /// officer-a (complaints of A), editor-b and admin-b. Returns A.
    func makePeople() async throws -> Organization {
        let a = try await makeOrganization(slug: "matrix-a", name: "องค์การบริหารส่วนตำบลเมทริกซ์")
        let b = try await makeOrganization(slug: "matrix-b")
        for (name, role, organization) in [("viewer-a", OrganizationRole.viewer, a), ("editor-a", .editor, a), ("admin-a", .admin, a),
                                           ("editor-b", .editor, b), ("admin-b", .admin, b)] {
            try await makeUser(name, role: role, in: organization)
        }
        let officer = try await makeUser("officer-a")
        try await ComplaintStore(db).addOfficer(userID: officer.requireID(), organizationID: a.id)
        return a
    }

    func testNoRouteLetsTheWrongPersonWrite() async throws {
        let a = try await makePeople()
        let store = PlanStore(db)
        let draft = try await store.create(demoPlan(for: a))
        var publishedPlan = demoPlan(for: a, status: .published)
        publishedPlan.firstYear = FiscalYear(2571)
        publishedPlan.lastYear = FiscalYear(2575)
        // Its budgets follow its years, so that its items are due in a monitoring round.
        for index in publishedPlan.items.indices {
            publishedPlan.items[index].budgets = Dictionary(uniqueKeysWithValues: publishedPlan.items[index].budgets.map {
                (FiscalYear($0.key.be + 5), $0.value)
            })
        }
        let published = try await store.create(publishedPlan)

        // Each actor as a browser (cookie + CSRF token) and as a script (bearer token).
        var browsers: [Actor: Browser] = [:]
        var tokens: [Actor: String] = [:]
        var anonymous = Browser(app)
        _ = try await anonymous.get("/login")
        browsers[.anonymous] = anonymous
        for (actor, username) in [(Actor.viewer, "viewer-a"), (.outsiderEditor, "editor-b"), (.outsiderAdmin, "admin-b")] {
            var browser = Browser(app)
            try await browser.signIn(username, password: Self.password)
            browsers[actor] = browser
            tokens[actor] = try await token(username)
        }
        var editor = Browser(app)
        try await editor.signIn("editor-a", password: Self.password)
        _ = try await editor.get("/plans/\(draft.id.uuidString.lowercased())/edit")
        var memberBrowsers: [String: Browser] = ["editor-a": editor]
        var memberTokens: [String: String] = ["editor-a": try await token("editor-a")]
        var admin = Browser(app)
        try await admin.signIn("admin-a", password: Self.password)
        memberBrowsers["admin-a"] = admin
        memberTokens["admin-a"] = try await token("admin-a")

        // Real records behind the other parameters: an open round of the published plan, and a
        // complaint case reported through the public form.
        var fixture = Fixture()
        let opened = try await editor.post("/plans/\(published.id.uuidString.lowercased())/rounds", [("fiscalYear", "2572"), ("kind", "6m")])
        XCTAssertEqual(opened.status, .seeOther, opened.body)
        let round = try await MonitoringStore(db).rounds(organizationID: a.id).first
        fixture.roundID = round?.id
        fixture.recordID = round?.records.first?.id
        XCTAssertNotNil(fixture.recordID, "the round has records")
        var reporter = Reporter(app)
        _ = try await reporter.get("/o/matrix-a/report")
        let reported = try await reporter.post("/o/matrix-a/report", [("what", "เจ้าหน้าที่เรียกรับเงินค่าอนุญาตก่อสร้าง"), ("identity", "anonymous")])
        XCTAssertEqual(reported.status, .ok, String(reported.body.prefix(300)))
        fixture.caseID = try await ComplaintStore(db).cases(organizationID: a.id).first?.id
        XCTAssertNotNil(fixture.caseID, "a complaint case exists")
        let roundVersion = round?.version

        var failures: [String] = []
        var tried = 0
        let routes = app.routes.all.filter { $0.method != .GET && $0.method != .HEAD && $0.method != .OPTIONS }
        XCTAssertGreaterThan(routes.count, 30, "the router lists the write routes")
        for route in routes {
            let template = Self.template(route)
            if Self.isPublicWrite(route.method, template) { continue }
            let plans = template.contains("{planID}") || template.contains("{years}") ? [draft, published] : [draft]
            for plan in plans {
                guard let path = concretePath(route, plan: plan, fixture: fixture) else { continue }
                let isAPI = path.hasPrefix("/api/")
                for actor in Actor.allCases {
                    tried += 1
                    var headers = HTTPHeaders()
                    let body: ByteBuffer
                    if isAPI {
                        headers.contentType = .json
                        if let token = tokens[actor] { headers.bearerAuthorization = BearerAuthorization(token: token) }
                        body = ByteBuffer(string: #"{"version":\#(plan.version),"action":"publish"}"#)
                    } else {
                        let browser = browsers[actor]!
                        headers.contentType = .urlEncodedForm
                        if let cookie = browser.cookie {
                            headers.cookie = HTTPCookies(dictionaryLiteral: ("sujarit_session", HTTPCookies.Value(string: cookie)))
                        }
                        body = ByteBuffer(string: "_csrf=\(browser.csrf ?? "")&version=\(plan.version)&action=publish&name=x&title=x")
                    }
                    try await app.test(route.method, path, headers: headers, body: body) { res async throws in
                        if Self.succeeded(res.status, location: res.headers.first(name: .location)) || res.status.code >= 500 {
                            failures.append("\(actor.rawValue) \(route.method.rawValue) \(path) (\(plan.status.rawValue)) → \(res.status.code)")
                        }
                    }
                }
                // The plan's own editor and administrator cannot change a published revision.
                if plan.id == published.id && template.contains("{planID}") && !Self.membersMayWriteOnAPublishedPlan(template) {
                    for member in ["editor-a", "admin-a"] {
                        tried += 1
                        var headers = HTTPHeaders()
                        let body: ByteBuffer
                        if isAPI {
                            headers.contentType = .json
                            headers.bearerAuthorization = BearerAuthorization(token: memberTokens[member]!)
                            body = ByteBuffer(string: #"{"version":\#(plan.version),"action":"publish","name":"x","title":"x"}"#)
                        } else {
                            let browser = memberBrowsers[member]!
                            headers.contentType = .urlEncodedForm
                            headers.cookie = HTTPCookies(dictionaryLiteral: ("sujarit_session", HTTPCookies.Value(string: browser.cookie ?? "")))
                            body = ByteBuffer(string: "_csrf=\(browser.csrf ?? "")&version=\(plan.version)&action=publish&name=x&title=x")
                        }
                        try await app.test(route.method, path, headers: headers, body: body) { res async throws in
                            if Self.succeeded(res.status, location: res.headers.first(name: .location)) || res.status.code >= 500 {
                                failures.append("\(member) \(route.method.rawValue) \(path) (published) → \(res.status.code)")
                            }
                        }
                    }
                }
                // A legitimate editor's form without the CSRF token is refused too.
                if !isAPI {
                    tried += 1
                    var headers = HTTPHeaders()
                    headers.contentType = .urlEncodedForm
                    headers.cookie = HTTPCookies(dictionaryLiteral: ("sujarit_session", HTTPCookies.Value(string: editor.cookie ?? "")))
                    try await app.test(route.method, path, headers: headers,
                                       body: ByteBuffer(string: "version=\(plan.version)&action=submit&name=x&title=x")) { res async throws in
                        if res.status != .forbidden {
                            failures.append("editor without CSRF \(route.method.rawValue) \(path) (\(plan.status.rawValue)) → \(res.status.code)")
                        }
                    }
                }
            }
        }
        XCTAssertGreaterThan(tried, 300, "every write route × actor × plan state was tried")
        XCTAssertEqual(failures, [], "\(failures.count) of \(tried) attempts were not refused")

        // Nothing changed: both plans as they were, no other plan, the organization untouched.
        let draftAfter = try await store.plan(id: draft.id, scope: .everything)
        let publishedAfter = try await store.plan(id: published.id, scope: .everything)
        XCTAssertEqual(draftAfter?.version, draft.version)
        XCTAssertEqual(draftAfter?.status, .draft)
        XCTAssertEqual(publishedAfter?.version, published.version)
        XCTAssertEqual(publishedAfter?.status, .published)
        let plans = try await store.plans(organizationID: a.id, includeUnpublished: true)
        XCTAssertEqual(plans.count, 2, "no plan was created or deleted")
        let organization = try await OrganizationStore(db).find(slug: "matrix-a")
        XCTAssertEqual(organization?.name, "องค์การบริหารส่วนตำบลเมทริกซ์")
        // The round and the complaint case are as they were.
        let roundAfter = try await MonitoringStore(db).rounds(organizationID: a.id).first
        XCTAssertEqual(roundAfter?.version, roundVersion, "no round was changed")
        let roundCount = try await MonitoringStore(db).rounds(organizationID: a.id).count
        XCTAssertEqual(roundCount, 1)
        let cases = try await ComplaintStore(db).cases(organizationID: a.id)
        XCTAssertEqual(cases.count, 1)
        XCTAssertEqual(cases.first?.status, .received, "no complaint case was moved on")
    }

    /// The other half of the matrix: on each family of routes the right person succeeds — a
    /// viewer reads, an editor edits and submits their organization's draft, an administrator
    /// approves and publishes, an editor starts the next revision — while the same request by an
    /// editor of organization B is refused. (A matrix of refusals alone also passes when every
    /// route refuses everyone.)
    func testTheRightPersonSucceedsOnEachRouteFamily() async throws {
        let a = try await makePeople()
        let draft = try await PlanStore(db).create(demoPlan(for: a))
        let planPath = "/plans/\(draft.id.uuidString.lowercased())"
        var people: [String: Browser] = [:]
        for name in ["viewer-a", "editor-a", "admin-a", "editor-b", "officer-a"] {
            var browser = Browser(app)
            try await browser.signIn(name, password: Self.password)
            people[name] = browser
        }
        func version() async throws -> Int { try await PlanStore(db).plan(id: draft.id, scope: .everything)?.version ?? -1 }
        /// editor-b's request is refused and changes nothing; then the same request by the person
        /// succeeds (so the refusal was not for a stale version or a malformed form).
        func cell(_ name: String, _ path: String, _ fields: [(String, String)] = [], status: HTTPStatus = .seeOther,
                  line: UInt = #line) async throws {
            let get = fields.isEmpty
            if !get {
                let before = try await version()
                var outsider = people["editor-b"]!
                _ = try await outsider.get("/")
                let refused = try await outsider.post(path, fields)
                XCTAssertFalse(Self.succeeded(refused.status, location: refused.location), "editor-b \(path) → \(refused.status)", line: line)
                let after = try await version()
                XCTAssertEqual(after, before, "editor-b changed nothing", line: line)
            }
            let allowed = get ? try await people[name]!.get(path) : try await people[name]!.post(path, fields)
            XCTAssertEqual(allowed.status, status, "\(name) \(path): \(allowed.body.prefix(300))", line: line)
        }
        // Reads: the organization's viewer sees its draft, the outsider does not.
        try await cell("viewer-a", planPath, status: .ok)
        var outsider = people["editor-b"]!
        let hidden = try await outsider.get(planPath)
        XCTAssertEqual(hidden.status, .notFound)
        // The editor edits the draft and submits it; the administrator approves and publishes.
        try await cell("editor-a", "\(planPath)/front-matter", [("version", String(try await version())), ("title", "แผนที่แก้โดยบรรณาธิการ")])
        try await cell("editor-a", "\(planPath)/transition", [("version", String(try await version())), ("action", "submit")])
        try await cell("admin-a", "\(planPath)/transition", [("version", String(try await version())), ("action", "approve")])
        try await cell("admin-a", "\(planPath)/transition", [("version", String(try await version())), ("action", "publish")])
        let published = try await PlanStore(db).plan(id: draft.id, scope: .everything)
        XCTAssertEqual(published?.status, .published)
        XCTAssertEqual(published?.title, "แผนที่แก้โดยบรรณาธิการ")
        // The editor starts the next revision of the published plan.
        try await cell("editor-a", "\(planPath)/revise", [("version", String(try await version()))])
        let revisions = try await PlanStore(db).plans(organizationID: a.id, includeUnpublished: true)
        XCTAssertEqual(revisions.count, 2, "the revision was made, and only one")
        let revision = try XCTUnwrap(revisions.first { $0.id != draft.id })
        // The API: the viewer reads the new draft with a token, the outsider's token does not.
        let viewerToken = try await token("viewer-a"), outsiderToken = try await token("editor-b")
        let revisionPath = "/api/v1/plans/\(revision.id.uuidString.lowercased())"
        try await app.test(.GET, revisionPath, headers: bearer(viewerToken)) { res async throws in
            XCTAssertEqual(res.status, .ok)
        }
        try await app.test(.GET, revisionPath, headers: bearer(outsiderToken)) { res async throws in
            XCTAssertEqual(res.status, .notFound)
        }
        // The complaint channel: the officer opens the list, the outsider may not.
        try await cell("officer-a", "/o/matrix-a/complaints", status: .ok)
        let complaints = try await outsider.get("/o/matrix-a/complaints")
        XCTAssertFalse(Self.succeeded(complaints.status, location: complaints.location), "\(complaints.status)")
    }

    /// Drafts are seen by their organization's members only; every page and file of a draft
    /// answers outsiders as if it did not exist.
    func testNoRouteShowsADraftToOutsiders() async throws {
        let a = try await makeOrganization(slug: "matrix-a")
        let b = try await makeOrganization(slug: "matrix-b")
        try await makeUser("editor-b", role: .editor, in: b)
        _ = a
        let draft = try await PlanStore(db).create(demoPlan(for: a))
        var outsider = Browser(app)
        try await outsider.signIn("editor-b", password: Self.password)
        let outsiderToken = try await token("editor-b")
        var failures: [String] = []
        for route in app.routes.all where route.method == .GET {
            let template = Self.template(route)
            guard template.contains("{planID}"), let path = concretePath(route, plan: draft) else { continue }
            for (label, headers) in [("anonymous", HTTPHeaders()), ("outsider", { () -> HTTPHeaders in
                var headers = HTTPHeaders()
                headers.cookie = HTTPCookies(dictionaryLiteral: ("sujarit_session", HTTPCookies.Value(string: outsider.cookie ?? "")))
                return headers
            }()), ("outsider token", bearer(outsiderToken))] {
                try await app.test(.GET, path, headers: headers) { res async throws in
                    if Self.succeeded(res.status, location: res.headers.first(name: .location)) || res.body.string.contains(draft.items[0].name) {
                        failures.append("\(label) GET \(path) → \(res.status.code)")
                    }
                }
            }
        }
        XCTAssertEqual(failures, [])
    }
}
