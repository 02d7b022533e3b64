import Foundation
import XCTest
import XCTVapor
import SujaritCore
@_spi(Fixtures) import SujaritPersistence
import SujaritExport
@testable import SujaritServer

/// The site's addresses: every `SiteURL` leads to a route the router has, and every link and
/// form on the pages a signed-in administrator can reach does too.
final class SiteURLTests: ServerTestCase {
    /// Every case of `SiteURL` by name. `name(of:)` has no `default`, so a new case does not
    /// compile until it is named here, and `testEveryCaseHasAnExample` then asks for an example.
    enum Name: CaseIterable {
        case home, signIn, signOut, changePassword, stylesheet, organization, organizationSettings, publishedPlan, publishedPlanFile
        case plan, item, planExport, newPlan, editor, history, newItem, editItem, deleteItem, shiftItem, duplicateItem
        case addMission, newRisk, editRisk, deleteRisk, newTarget, editTarget, deleteTarget, frontMatter, transition, revise
        case importDocument, importReview, importAccept, importDiscard, importReplaceName, compare, editorScript, apiPlan
        case complaintStylesheet, complaintScript, report, reportTrack, reportTrackAdd, complaintStatistics
        case complaints, newComplaint, complaint, complaintAction
        case receiptSlip, complaintSettings, complaintEvidence, complaintOverseer
        case monitoring, monitoringSettings, importResults, importResultsConfirm, openRound, round, roundRecord, roundStep
        case roundReport, roundReportFile, roundChart, recordEvidenceUpload, recordEvidenceDelete, recordEvidencePublic
        case roundEvidence, apiRound, apiRoundReportFile
        case overseers, overseerNation, overseerProvince, overseerFigure, directory, organizations, apiOrganizations
    }

    static func name(of url: SiteURL) -> Name {
        switch url {
        case .home: .home
        case .organizations: .organizations
        case .signIn: .signIn
        case .signOut: .signOut
        case .changePassword: .changePassword
        case .stylesheet: .stylesheet
        case .organization: .organization
        case .organizationSettings: .organizationSettings
        case .publishedPlan: .publishedPlan
        case .publishedPlanFile: .publishedPlanFile
        case .plan: .plan
        case .item: .item
        case .planExport: .planExport
        case .newPlan: .newPlan
        case .editor: .editor
        case .history: .history
        case .newItem: .newItem
        case .editItem: .editItem
        case .deleteItem: .deleteItem
        case .shiftItem: .shiftItem
        case .duplicateItem: .duplicateItem
        case .addMission: .addMission
        case .newRisk: .newRisk
        case .editRisk: .editRisk
        case .deleteRisk: .deleteRisk
        case .newTarget: .newTarget
        case .editTarget: .editTarget
        case .deleteTarget: .deleteTarget
        case .frontMatter: .frontMatter
        case .transition: .transition
        case .revise: .revise
        case .importDocument: .importDocument
        case .importReview: .importReview
        case .importAccept: .importAccept
        case .importDiscard: .importDiscard
        case .importReplaceName: .importReplaceName
        case .compare: .compare
        case .editorScript: .editorScript
        case .apiPlan: .apiPlan
        case .complaintStylesheet: .complaintStylesheet
        case .complaintScript: .complaintScript
        case .report: .report
        case .reportTrack: .reportTrack
        case .reportTrackAdd: .reportTrackAdd
        case .complaintStatistics: .complaintStatistics
        case .complaints: .complaints
        case .newComplaint: .newComplaint
        case .complaint: .complaint
        case .complaintAction: .complaintAction
        case .receiptSlip: .receiptSlip
        case .complaintSettings: .complaintSettings
        case .complaintEvidence: .complaintEvidence
        case .complaintOverseer: .complaintOverseer
        case .monitoring: .monitoring
        case .monitoringSettings: .monitoringSettings
        case .importResults: .importResults
        case .importResultsConfirm: .importResultsConfirm
        case .openRound: .openRound
        case .round: .round
        case .roundRecord: .roundRecord
        case .roundStep: .roundStep
        case .roundReport: .roundReport
        case .roundReportFile: .roundReportFile
        case .roundChart: .roundChart
        case .recordEvidenceUpload: .recordEvidenceUpload
        case .recordEvidenceDelete: .recordEvidenceDelete
        case .recordEvidencePublic: .recordEvidencePublic
        case .roundEvidence: .roundEvidence
        case .apiRound: .apiRound
        case .apiRoundReportFile: .apiRoundReportFile
        case .overseers: .overseers
        case .overseerNation: .overseerNation
        case .overseerProvince: .overseerProvince
        case .overseerFigure: .overseerFigure
        case .directory: .directory
        case .apiOrganizations: .apiOrganizations
        }
    }

    static let planID = UUID(), itemID = UUID(), otherID = UUID()

    /// An example of every address with the method a page uses it with (a link is a GET, a
    /// form's action a POST).
    static var examples: [(SiteURL, HTTPMethod)] {
        var list: [(SiteURL, HTTPMethod)] = [
        (.home, .GET), (.organizations, .GET), (.signIn, .GET), (.signIn, .POST), (.signOut, .POST), (.changePassword, .GET), (.changePassword, .POST),
        (.stylesheet, .GET),
        (.organization(slug: "demo"), .GET), (.organizationSettings(slug: "demo"), .GET), (.organizationSettings(slug: "demo"), .POST),
        (.publishedPlan(slug: "demo", years: "2566-2570"), .GET),
        (.plan(planID), .GET), (.item(plan: planID, item: itemID), .GET), (.apiPlan(planID), .GET),
        (.newPlan(slug: "demo"), .GET), (.newPlan(slug: "demo"), .POST),
        (.editor(planID), .GET), (.history(planID), .GET),
        (.newItem(plan: planID), .GET), (.newItem(plan: planID, mission: "1.1"), .GET), (.newItem(plan: planID), .POST),
        (.editItem(plan: planID, item: itemID), .GET), (.editItem(plan: planID, item: itemID), .POST),
        (.deleteItem(plan: planID, item: itemID), .GET), (.deleteItem(plan: planID, item: itemID), .POST),
        (.shiftItem(plan: planID, item: itemID), .POST), (.duplicateItem(plan: planID, item: itemID), .POST),
        (.addMission(planID), .POST),
        (.newRisk(planID), .GET), (.newRisk(planID), .POST),
        (.editRisk(plan: planID, risk: otherID), .GET), (.editRisk(plan: planID, risk: otherID), .POST), (.deleteRisk(plan: planID, risk: otherID), .POST),
        (.newTarget(planID), .GET), (.newTarget(planID), .POST),
        (.editTarget(plan: planID, target: otherID), .GET), (.editTarget(plan: planID, target: otherID), .POST), (.deleteTarget(plan: planID, target: otherID), .POST),
        (.frontMatter(planID), .GET), (.frontMatter(planID), .POST), (.transition(planID), .POST), (.revise(planID), .POST),
        (.importDocument(slug: "demo"), .GET), (.importDocument(slug: "demo"), .POST),
        (.importReview(planID), .GET), (.importAccept(planID), .POST), (.importDiscard(planID), .POST),
        (.importReplaceName(planID), .POST), (.compare(planID, with: otherID), .GET), (.editorScript, .GET),
        (.complaintStylesheet, .GET), (.complaintScript, .GET),
        (.report(slug: "demo"), .GET), (.report(slug: "demo"), .POST),
        (.reportTrack(slug: "demo"), .GET), (.reportTrack(slug: "demo"), .POST), (.reportTrackAdd(slug: "demo"), .POST),
        (.complaintStatistics(slug: "demo", year: 2569), .GET), (.complaintStatistics(slug: "demo", year: 2569, json: true), .GET),
        (.complaints(slug: "demo"), .GET), (.newComplaint(slug: "demo"), .GET), (.newComplaint(slug: "demo"), .POST),
        (.complaint(slug: "demo", otherID), .GET), (.complaintAction(slug: "demo", otherID), .POST),
        (.report(slug: "demo", kind: .general), .GET), (.report(slug: "demo", kind: .general), .POST),
        (.reportTrack(slug: "demo", kind: .general), .GET), (.reportTrack(slug: "demo", kind: .general), .POST),
        (.reportTrackAdd(slug: "demo", kind: .general), .POST),
        (.receiptSlip(slug: "demo"), .POST), (.receiptSlip(slug: "demo", kind: .general), .POST),
        (.complaints(slug: "demo", kind: .general), .GET),
        (.complaintSettings(slug: "demo"), .GET), (.complaintSettings(slug: "demo"), .POST),
        (.complaintEvidence(slug: "demo", otherID, evidence: itemID), .GET), (.complaintOverseer, .GET),
        (.overseers, .GET), (.overseerNation, .GET), (.overseerProvince("ขอนแก่น"), .GET),
        (.overseerFigure(province: nil, figure: "coverage", format: "csv"), .GET),
        (.overseerFigure(province: "ขอนแก่น", figure: "coverage", format: "xlsx"), .GET),
        (.directory([URLQueryItem(name: "q", value: "บ้าน โป่ง"), URLQueryItem(name: "page", value: "2")]), .GET), (.directory([]), .GET),
        (.apiOrganizations([URLQueryItem(name: "province", value: "ขอนแก่น")]), .GET),
    ]
        list += [
            (.monitoring(slug: "demo"), .GET), (.monitoringSettings(slug: "demo"), .POST),
            (.importResults(slug: "demo"), .GET), (.importResults(slug: "demo"), .POST), (.importResultsConfirm(slug: "demo"), .POST),
            (.openRound(plan: planID), .POST), (.round(otherID), .GET),
            (.roundRecord(round: otherID, record: itemID), .GET), (.roundRecord(round: otherID, record: itemID), .POST),
            (.recordEvidenceUpload(round: otherID, record: itemID), .POST),
            (.recordEvidenceDelete(round: otherID, record: itemID, evidence: planID), .POST),
            (.recordEvidencePublic(round: otherID, record: itemID, evidence: planID), .POST),
            (.roundEvidence(round: otherID, evidence: planID), .GET), (.apiRound(otherID), .GET),
        ]
        for step in RoundStep.allCases { list.append((.roundStep(otherID, step), .POST)) }
        for chart in RoundChart.allCases { list.append((.roundChart(otherID, chart), .GET)) }
        for kind in MonitoringDocumentKind.allCases {
            list.append((.roundReport(otherID, kind), .GET))
            for format in [ExportFormat.docx, .pdf, .json, .xlsx] {
                list.append((.roundReportFile(otherID, kind, format), .GET))
            }
            for format in MonitoringAPIController.documentFormats {
                list.append((.apiRoundReportFile(otherID, kind, format), .GET))
            }
        }
        for format in ExportFormat.allCases {
            list.append((.publishedPlanFile(slug: "demo", years: "2566-2570", format), .GET))
            list.append((.planExport(planID, format), .GET))
        }
        return list
    }

    /// Whether a route's path pattern takes this concrete path (query and fragment ignored).
    static func matches(_ pattern: [PathComponent], _ path: String) -> Bool {
        let bare = path.split(separator: "?", maxSplits: 1).first.map(String.init) ?? path
        let segments = bare.split(separator: "#", maxSplits: 1).first.map { $0.split(separator: "/").map(String.init) } ?? []
        var index = 0
        for component in pattern {
            switch component {
            case .catchall: return index < segments.count
            case .anything, .parameter:
                guard index < segments.count, !segments[index].isEmpty else { return false }
            case .constant(let text):
                guard index < segments.count, segments[index].removingPercentEncoding == text else { return false }
            }
            index += 1
        }
        return index == segments.count
    }

    func hasRoute(_ method: HTTPMethod, _ path: String) -> Bool {
        app.routes.all.contains { $0.method == method && Self.matches($0.path, path) }
    }

    func testEveryCaseHasAnExample() {
        XCTAssertEqual(Set(Self.examples.map { Self.name(of: $0.0) }), Set(Name.allCases))
    }

    func testEveryAddressHasARoute() {
        for (url, method) in Self.examples {
            XCTAssertTrue(hasRoute(method, url.path), "no route for \(method.rawValue) \(url.path)")
        }
        // The check itself can fail: a path the router does not have is refused.
        XCTAssertFalse(hasRoute(.GET, "/plans/\(Self.planID)/no-such-page"))
        XCTAssertFalse(hasRoute(.POST, SiteURL.history(Self.planID).path))
    }

    func testRendering() {
        let plan = UUID(uuidString: "00000000-0000-4000-8000-000000000002")!
        XCTAssertEqual(SiteURL.editor(plan).path, "/plans/00000000-0000-4000-8000-000000000002/edit")
        XCTAssertEqual(SiteURL.newItem(plan: plan, mission: "1.1").path, "/plans/00000000-0000-4000-8000-000000000002/items/new?mission=1.1")
        XCTAssertEqual(SiteURL.editor(plan).with(query: [("step", "submit")], fragment: "item-1"),
                       "/plans/00000000-0000-4000-8000-000000000002/edit?step=submit#item-1")
        XCTAssertEqual(SiteURL.newItem(plan: plan, mission: "a&b").with(query: [("x", "1")]),
                       "/plans/00000000-0000-4000-8000-000000000002/items/new?mission=a%26b&x=1")
        XCTAssertEqual(SiteURL.publishedPlanFile(slug: "ban-pong", years: "2566-2570", .docx).path, "/o/ban-pong/plan/2566-2570/plan.docx")
        XCTAssertEqual(SiteURL.complaintStatistics(slug: "ban-pong", year: 2569, json: true).path, "/o/ban-pong/report/statistics/2569.json")
        XCTAssertEqual(SiteURL.reportTrack(slug: "ban-pong", kind: .general).path, "/o/ban-pong/grievance/track")
        XCTAssertEqual(SiteURL.receiptSlip(slug: "ban-pong").path, "/o/ban-pong/report/receipt")
        XCTAssertEqual(SiteURL.complaints(slug: "ban-pong", kind: .general).path, "/o/ban-pong/complaints?kind=general")
        XCTAssertEqual(SiteURL.roundStep(plan, .returnToOpen).path, "/rounds/00000000-0000-4000-8000-000000000002/return")
        XCTAssertEqual(SiteURL.roundChart(plan, .status).path, "/rounds/00000000-0000-4000-8000-000000000002/charts/status.svg")
        XCTAssertEqual(SiteURL.roundReportFile(plan, .annual, .docx).path, "/rounds/00000000-0000-4000-8000-000000000002/annual/docx")
        // A segment cannot add a segment of its own.
        XCTAssertEqual(SiteURL.organization(slug: "a/b c").path, "/o/a%2Fb%20c")
        XCTAssertEqual(SiteURL.overseerProvince("นครราชสีมา/x").path,
                       "/overseers/provinces/" + "นครราชสีมา".addingPercentEncoding(withAllowedCharacters: .alphanumerics)! + "%2Fx")
        XCTAssertEqual(SiteURL.overseerFigure(province: nil, figure: "coverage", format: "xlsx").path, "/overseers/nation/coverage.xlsx")
        XCTAssertEqual(SiteURL.directory([]).path, "/")
        XCTAssertEqual(SiteURL.organizations.path, "/organizations")
        XCTAssertEqual(SiteURL.directory(Directory.page([URLQueryItem(name: "kind", value: "sao")], 3)).path, "/?kind=sao&page=3")
        XCTAssertEqual(SiteURL.directory(Directory.page([], 1)).path, "/", "page 1 is the plain address")
        XCTAssertEqual(SiteURL.apiOrganizations([URLQueryItem(name: "q", value: "a&b")]).path, "/api/v1/organizations?q=a%26b")
        let html: HTML = "<a href=\"\(SiteURL.home)\">"
        XCTAssertEqual(html.rendered, "<a href=\"/\">")
    }

    /// Every `href` and form `action` on the pages an administrator reaches from the home page
    /// names a route (links as GET, forms as POST): a link written by hand past `SiteURL`
    /// with a wrong path fails here.
    func testEveryLinkOnThePagesHasARoute() async throws {
        let a = try await makeOrganization(slug: "links-a")
        let b = try await makeOrganization(slug: "links-b")
        let admin = try await makeUser("links-admin", role: .admin, in: a)
        try await UserStore(db).setRole(.admin, userID: admin.requireID(), organizationID: b.id)
        _ = try await PlanStore(db).create(demoPlan(for: a, status: .published))
        _ = try await PlanStore(db).create(demoPlan(for: b, status: .draft))

        var browser = Browser(app)
        try await browser.signIn("links-admin", password: Self.password)
        var queue = ["/", SiteURL.organization(slug: a.slug).path, SiteURL.organization(slug: b.slug).path]
        var seen = Set<String>()
        var checked = 0
        var failures: [String] = []
        while let next = queue.first, seen.count < 80 {
            queue.removeFirst()
            guard seen.insert(next).inserted else { continue }
            let page = try await browser.get(next)
            guard page.status == .ok else { failures.append("GET \(next) → \(page.status.code)"); continue }
            for (method, target) in Self.targets(in: page.body) {
                checked += 1
                guard hasRoute(method, target) else { failures.append("\(next): \(method.rawValue) \(target)"); continue }
                if method == .GET, Self.worthVisiting(target), !seen.contains(target) { queue.append(target) }
            }
        }
        XCTAssertEqual(failures, [])
        XCTAssertGreaterThan(seen.count, 10, "the crawl reached the editor's pages")
        XCTAssertGreaterThan(checked, 100)
    }

    /// The complaint channel's pages (left out of the crawl above): the reporter's pages in
    /// both languages and an officer's pages, every link and form among them to a route.
    func testComplaintPagesLinkOnlyToRoutes() async throws {
        let organization = try await makeOrganization(slug: "org-c", name: "Ban C")
        let user = try await makeUser("officer-c")
        try await ComplaintStore(db).addOfficer(userID: user.requireID(), organizationID: organization.id)
        var officer = Browser(app)
        try await officer.signIn("officer-c", password: Self.password)
        var pages: [(String, String)] = []
        for language in ["th", "en"] {
            var reporter = Reporter(app)
            for path in ["/o/org-c/report?lang=\(language)", "/o/org-c/grievance", "/o/org-c/report/track", "/o/org-c/grievance/track",
                         "/o/org-c/report/statistics/2568"] {
                let page = try await reporter.get(path)
                XCTAssertEqual(page.status, .ok, path)
                pages.append((path, page.body))
            }
            let receipt = try await reporter.post("/o/org-c/report?lang=\(language)", [("what", "something happened at the market"), ("identity", "anonymous")])
            let code = try XCTUnwrap(Reporter.receiptCode(in: receipt.body), receipt.body)
            let tracked = try await reporter.post("/o/org-c/report/track?lang=\(language)", [("code", code)])
            pages += [("receipt", receipt.body), ("status", tracked.body)]
            if language == "en" {
                // The reporter's pages in English: no Thai text of the page itself is left.
                for (name, body) in [("receipt", receipt.body), ("status", tracked.body)] {
                    let main = body.components(separatedBy: "<main id=\"main\">").last ?? body
                    let text = main.replacingOccurrences(of: "<[^>]+>", with: " ", options: .regularExpression)
                    XCTAssertFalse(text.unicodeScalars.contains { (0x0E01...0x0E5B).contains($0.value) }, "\(name) in English has Thai text: \(text)")
                }
                XCTAssertTrue(receipt.body.contains("Your receipt code"))
                XCTAssertTrue(tracked.body.contains("received"), tracked.body)
            }
        }
        let id = try await ComplaintStore(db).cases(organizationID: organization.id)[0].id
        for path in ["/o/org-c/complaints", "/o/org-c/complaints?kind=general", "/o/org-c/complaints/new", "/o/org-c/complaints/settings",
                     SiteURL.complaint(slug: "org-c", id).path, SiteURL.complaint(slug: "org-c", id).path + "?lang=en"] {
            let page = try await officer.get(path)
            XCTAssertEqual(page.status, .ok, path)
            pages.append((path, page.body))
        }
        var failures: [String] = []
        var checked = 0
        for (name, body) in pages {
            for (method, target) in Self.targets(in: body) {
                checked += 1
                if !hasRoute(method, target) { failures.append("\(name): \(method.rawValue) \(target)") }
            }
        }
        XCTAssertEqual(failures, [])
        XCTAssertGreaterThan(checked, 60)
    }

    /// Site-internal link and form targets of a page, HTML entities decoded.
    static func targets(in html: String) -> [(HTTPMethod, String)] {
        var found: [(HTTPMethod, String)] = []
        let pattern = try! NSRegularExpression(pattern: #"<(a|form|link|script)\b[^>]*?\b(href|action|src)="(/[^"]*)""#, options: [.caseInsensitive])
        let range = NSRange(html.startIndex..., in: html)
        for match in pattern.matches(in: html, range: range) {
            guard let tag = Range(match.range(at: 1), in: html), let value = Range(match.range(at: 3), in: html) else { continue }
            let target = String(html[value]).replacingOccurrences(of: "&amp;", with: "&").replacingOccurrences(of: "&#39;", with: "'")
            found.append((html[tag].lowercased() == "form" ? .POST : .GET, target))
        }
        return found
    }

    /// Pages worth reading in the crawl: not files, not the API, not the complaint channel
    /// (it needs a vault key), not the language switch of the same page.
    static func worthVisiting(_ path: String) -> Bool {
        !path.contains("/export/") && !path.contains("/plan.") && !path.hasPrefix("/api/") && !path.hasPrefix("/assets/")
            && !path.contains("/report") && !path.contains("/complaints") && !path.contains("lang=")
    }
}
