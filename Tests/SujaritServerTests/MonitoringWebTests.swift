import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import XCTest
import XCTVapor
import Fluent
import SujaritCore
import SujaritDemo
@_spi(Fixtures) import SujaritPersistence
import SujaritExport
@testable import SujaritServer

/// Monitoring rounds through the browser forms and the API: opening, filling, the approval
/// lock, audited reopening, lineage across revisions, reports, and tenant isolation.
final class MonitoringWebTests: ServerTestCase {
    struct Setup {
        var organization: Organization
        var plan: Plan
    }

    func setUpOrganization(slug: String = "mon-a") async throws -> Setup {
        let organization = try await makeOrganization(slug: slug)
        try await makeUser("\(slug)-editor", role: .editor, in: organization)
        try await makeUser("\(slug)-admin", role: .admin, in: organization)
        try await makeUser("\(slug)-viewer", role: .viewer, in: organization)
        let plan = try await PlanStore(db).create(demoPlan(for: organization, status: .published))
        return Setup(organization: organization, plan: plan)
    }

    func signedIn(_ username: String) async throws -> Browser {
        var browser = Browser(app)
        try await browser.signIn(username, password: Self.password)
        return browser
    }

    func rounds(_ organization: Organization) async throws -> [MonitoringRound] {
        try await MonitoringStore(db).rounds(organizationID: organization.id)
    }

    /// Fills every blank record of a round with the demo's values, through the API.
    func fillThroughAPI(_ roundID: UUID, token: String) async throws {
        let store = MonitoringStore(db)
        let organizationID = try required(try await store.organizationID(ofRound: roundID))
        var round = try required(try await store.round(id: roundID, organizationID: organizationID))
        for record in round.records where record.isBlank {
            let input = DemoMonitoring.input(for: record)
            var body: [String: Any] = ["version": round.version, "progress": input.progress!.rawValue]
            if let reason = input.reason { body["reason"] = reason.rawValue; body["reasonText"] = input.reasonText }
            if let money = input.ordinanceBudget { body["ordinanceBudget"] = money.plain }
            if let money = input.disbursed { body["disbursed"] = money.plain }
            if let date = input.startDate { body["startDate"] = RecordFormValues.isoDay(date) }
            body["actuals"] = input.actuals.map { actual -> [String: Any] in
                var entry: [String: Any] = ["text": actual.text]
                if let value = actual.value { entry["value"] = NSDecimalNumber(decimal: value).doubleValue }
                return entry
            }
            var headers = bearer(token)
            headers.contentType = .json
            try await app.test(.PUT, "/api/v1/rounds/\(roundID.uuidString.lowercased())/records/\(record.id.uuidString.lowercased())",
                               headers: headers, body: ByteBuffer(data: try JSONSerialization.data(withJSONObject: body))) { res async throws in
                XCTAssertEqual(res.status, .ok, res.body.string)
            }
            round = try required(try await store.round(id: roundID, organizationID: round.organizationID))
        }
    }

    func XCTUnwrapAsync<T>(_ value: T?, file: StaticString = #filePath, line: UInt = #line) async throws -> T {
        try XCTUnwrap(value, file: file, line: line)
    }

    /// `XCTUnwrap` for a value that was awaited (XCTest's autoclosures cannot await).
    func required<T>(_ value: T?, file: StaticString = #filePath, line: UInt = #line) throws -> T {
        try XCTUnwrap(value, file: file, line: line)
    }

    /// An open round is in the editors' "my work" on the home page; the viewer's list stays empty.
    func testOpenRoundIsInMyWorkOfEditorsOnly() async throws {
        let setup = try await setUpOrganization(slug: "mon-w")
        var editor = try await signedIn("mon-w-editor")
        let before = try await editor.get("/")
        XCTAssertFalse(before.body.contains("รอบการติดตามผลที่รอกรอกหรืออนุมัติ"))
        let opened = try await editor.post("/plans/\(setup.plan.id.uuidString.lowercased())/rounds", [("fiscalYear", "2568"), ("kind", "6m")])
        XCTAssertEqual(opened.status, .seeOther, opened.body)
        let round = try required(try await rounds(setup.organization).first)
        let home = try await editor.get("/")
        XCTAssertTrue(home.body.contains("รอบการติดตามผลที่รอกรอกหรืออนุมัติ (1)"), home.body)
        XCTAssertTrue(home.body.contains(SiteURL.round(round.id).path))
        var viewer = try await signedIn("mon-w-viewer")
        let viewersHome = try await viewer.get("/")
        XCTAssertFalse(viewersHome.body.contains(SiteURL.round(round.id).path), "a viewer has nothing to fill")
    }

    // MARK: The whole path

    func testRoundIsOpenedFilledSubmittedApprovedAndReopenedWithAReason() async throws {
        let setup = try await setUpOrganization()
        var editor = try await signedIn("mon-a-editor")
        let dashboard = try await editor.get("/o/mon-a/monitoring")
        XCTAssertEqual(dashboard.status, .ok)
        XCTAssertTrue(dashboard.body.contains("เปิดรอบการติดตาม"))

        // A year outside the plan is refused at the form, nothing is stored.
        let outside = try await editor.post("/plans/\(setup.plan.id.uuidString.lowercased())/rounds", [("fiscalYear", "2575"), ("kind", "6m")])
        XCTAssertEqual(outside.status, .unprocessableEntity)
        XCTAssertTrue(outside.body.contains("อยู่นอกช่วงปีของแผน"))
        let noRounds = try await rounds(setup.organization)
        XCTAssertEqual(noRounds.count, 0)

        let opened = try await editor.post("/plans/\(setup.plan.id.uuidString.lowercased())/rounds", [("fiscalYear", "2568"), ("kind", "6m")])
        XCTAssertEqual(opened.status, .seeOther, opened.body)
        var round = try required(try await rounds(setup.organization).first)
        XCTAssertEqual(opened.location, SiteURL.round(round.id).path)
        XCTAssertEqual(round.records.count, setup.plan.items.count)
        let again = try await editor.post("/plans/\(setup.plan.id.uuidString.lowercased())/rounds", [("fiscalYear", "2568"), ("kind", "6m")])
        XCTAssertEqual(again.status, .conflict, "a second 6-month round of 2568")

        let page = try await editor.get(SiteURL.round(round.id).path)
        XCTAssertEqual(page.status, .ok)
        XCTAssertTrue(page.body.contains(HTML.escape(setup.plan.items[0].name)))

        // A record with a negative amount comes back with the error at its field; nothing saved.
        let record = round.records[0]
        let bad = try await editor.post(SiteURL.roundRecord(round: round.id, record: record.id).path,
                                        [("version", String(round.version)), ("progress", "completed"), ("disbursed", "-500")])
        XCTAssertEqual(bad.status, .unprocessableEntity)
        XCTAssertTrue(bad.body.contains("id=\"disbursed-error\""), "the error is at the field")
        XCTAssertTrue(bad.body.contains("value=\"-500\""), "what was typed is kept")
        // Not carried out needs a reason.
        let noReason = try await editor.post(SiteURL.roundRecord(round: round.id, record: record.id).path,
                                             [("version", String(round.version)), ("progress", "notCarriedOut")])
        XCTAssertEqual(noReason.status, .unprocessableEntity)
        XCTAssertTrue(noReason.body.contains("id=\"reason-error\""))
        let unchanged = try await rounds(setup.organization)
        XCTAssertEqual(unchanged.first?.version, round.version, "nothing half-saved")

        let good = try await editor.post(SiteURL.roundRecord(round: round.id, record: record.id).path, [
            ("version", String(round.version)), ("progress", "completed"), ("ordinanceBudget", "20,000"), ("disbursed", "18000"),
            ("startDate", "2568-01-15"), ("participants", "๕๕"), ("actual-0", "86"), ("narrative", "จัดอบรมแล้ว"),
        ])
        XCTAssertEqual(good.status, .seeOther, good.body)
        round = try required(try await rounds(setup.organization).first)
        let saved = try XCTUnwrap(round.records.first { $0.id == record.id })
        XCTAssertEqual(saved.progress, .completed)
        XCTAssertEqual(saved.disbursed, Money(baht: 18_000))
        XCTAssertEqual(saved.participants, 55)
        XCTAssertEqual(saved.narrative, "จัดอบรมแล้ว")
        XCTAssertEqual(saved.startDate.map(RecordFormValues.isoDay), "2025-01-15")

        // Submitting with blank records lists them.
        let early = try await editor.post(SiteURL.roundStep(round.id, .submit).path, [("version", String(round.version))])
        XCTAssertEqual(early.status, .unprocessableEntity)
        XCTAssertTrue(early.body.contains(HTML.escape(round.records[1].itemName)))

        try await fillThroughAPI(round.id, token: try await token("mon-a-editor"))
        round = try required(try await rounds(setup.organization).first)
        XCTAssertEqual(round.blankRecords.count, 0)
        let submitted = try await editor.post(SiteURL.roundStep(round.id, .submit).path, [("version", String(round.version))])
        XCTAssertEqual(submitted.status, .seeOther, submitted.body)

        // Only the admin approves.
        round = try required(try await rounds(setup.organization).first)
        let notAdmin = try await editor.post(SiteURL.roundStep(round.id, .approve).path, [("version", String(round.version))])
        XCTAssertEqual(notAdmin.status, .forbidden)
        var admin = try await signedIn("mon-a-admin")
        let approved = try await admin.post(SiteURL.roundStep(round.id, .approve).path, [("version", String(round.version))])
        XCTAssertEqual(approved.status, .seeOther, approved.body)
        round = try required(try await rounds(setup.organization).first)
        XCTAssertEqual(round.status, .approved)

        // Locked: no edit, not even by the admin.
        let locked = try await admin.post(SiteURL.roundRecord(round: round.id, record: record.id).path,
                                          [("version", String(round.version)), ("progress", "inProgress")])
        XCTAssertEqual(locked.status, .conflict)
        XCTAssertTrue(locked.body.contains("ถูกล็อก"))

        // Reopening needs a written reason, and is audited with it.
        let silent = try await admin.post(SiteURL.roundStep(round.id, .reopen).path, [("version", String(round.version)), ("reason", " ")])
        XCTAssertEqual(silent.status, .unprocessableEntity)
        let reopened = try await admin.post(SiteURL.roundStep(round.id, .reopen).path,
                                            [("version", String(round.version)), ("reason", "กองคลังแก้ตัวเลขเบิกจ่าย")])
        XCTAssertEqual(reopened.status, .seeOther, reopened.body)
        round = try required(try await rounds(setup.organization).first)
        XCTAssertEqual(round.status, .open)
        let history = try await MonitoringStore(db).history(roundID: round.id, organizationID: setup.organization.id)
        let reopen = try XCTUnwrap(history.first { $0.action == AuditAction.roundReopen.rawValue })
        XCTAssertTrue(reopen.detail.contains("กองคลังแก้ตัวเลขเบิกจ่าย"))
        XCTAssertNotNil(reopen.userID)
        XCTAssertEqual(history.filter { $0.action == AuditAction.roundRecordEdit.rawValue }.count, round.records.count)
        XCTAssertEqual(history.filter { $0.action == AuditAction.roundOpen.rawValue }.count, 1)
    }

    // MARK: Lineage across revisions

    func testRecordsStayAttachedWhenThePlanIsRevised() async throws {
        let setup = try await setUpOrganization()
        let service = { (username: String) async throws -> String in try await self.token(username) }
        let editorToken = try await service("mon-a-editor")
        var headers = bearer(editorToken)
        headers.contentType = .json
        var roundID: UUID?
        try await app.test(.POST, "/api/v1/plans/\(setup.plan.id.uuidString.lowercased())/rounds", headers: headers,
                           body: ByteBuffer(string: #"{"fiscalYear":2568,"kind":"6m"}"#)) { res async throws in
            XCTAssertEqual(res.status, .created, res.body.string)
            roundID = try JSONDecoder.iso.decode(MonitoringRound.self, from: Data(buffer: res.body)).id
        }
        let sixID = try XCTUnwrap(roundID)
        let six = try required(try await MonitoringStore(db).round(id: sixID, organizationID: setup.organization.id))
        try await fillThroughAPI(six.id, token: editorToken)

        // A new revision: fresh item ids, same lineage; one item removed, then published.
        let store = PlanStore(db)
        var revision = try await store.createRevision(from: setup.plan)
        XCTAssertEqual(Set(revision.items.map(\.lineageID)), Set(setup.plan.items.map(\.lineageID)))
        XCTAssertTrue(Set(revision.items.map(\.id)).isDisjoint(with: setup.plan.items.map(\.id)))
        let removed = revision.items.last!
        revision = try PlanEditing.deleteItem(removed.id, from: revision)
        revision.status = .published
        revision = try await store.save(revision, expectedVersion: 1)
        let stored = try required(try await store.plan(id: revision.id, scope: .everything))
        XCTAssertEqual(Set(stored.items.map(\.lineageID)), Set(setup.plan.items.map(\.lineageID)).subtracting([removed.lineageID]),
                       "lineage ids are stored and read back")

        // The 6-month round still reads whole, the removed item's record included.
        let afterRevision = try required(try await MonitoringStore(db).round(id: six.id, organizationID: setup.organization.id))
        let filled = try required(try await MonitoringStore(db).round(id: six.id, organizationID: setup.organization.id))
        XCTAssertEqual(afterRevision.records.count, setup.plan.items.count)
        XCTAssertNotNil(afterRevision.records.first { $0.itemLineageID == removed.lineageID }?.progress)

        // The 12-month round opens on the new revision and starts from the 6-month values.
        try await app.test(.POST, "/api/v1/plans/\(revision.id.uuidString.lowercased())/rounds", headers: headers,
                           body: ByteBuffer(string: #"{"fiscalYear":2568,"kind":"12m"}"#)) { res async throws in
            XCTAssertEqual(res.status, .created, res.body.string)
            let twelve = try JSONDecoder.iso.decode(MonitoringRound.self, from: Data(buffer: res.body))
            XCTAssertEqual(twelve.planID, revision.id)
            XCTAssertEqual(twelve.records.count, stored.items.count)
            for record in twelve.records {
                let earlier = try XCTUnwrap(filled.records.first { $0.itemLineageID == record.itemLineageID })
                XCTAssertEqual(record.progress, earlier.progress)
                XCTAssertEqual(record.disbursed, earlier.disbursed)
                XCTAssertTrue(stored.items.contains { $0.id == record.itemID })
            }
        }
        // Both rounds belong to the same series.
        let all = try await MonitoringStore(db).rounds(seriesID: setup.plan.id, organizationID: setup.organization.id)
        XCTAssertEqual(all.count, 2)
    }

    func testRoundOnADraftIsRefused() async throws {
        let organization = try await makeOrganization(slug: "mon-d")
        try await makeUser("mon-d-editor", role: .editor, in: organization)
        let draft = try await PlanStore(db).create(demoPlan(for: organization))
        var editor = try await signedIn("mon-d-editor")
        let page = try await editor.post("/plans/\(draft.id.uuidString.lowercased())/rounds", [("fiscalYear", "2568"), ("kind", "6m")])
        XCTAssertEqual(page.status, .conflict)
        XCTAssertTrue(page.body.contains("เปิดรอบการติดตามได้เฉพาะแผนที่อนุมัติหรือเผยแพร่แล้ว"))
        let none = try await rounds(organization)
        XCTAssertEqual(none.count, 0)
    }

    // MARK: Tenant isolation

    /// Every round route, form and API, tried on organization A's round by people of
    /// organization B (and by nobody): none may read an open round or change anything.
    func testEveryRoundRouteIsTenantScoped() async throws {
        let a = try await setUpOrganization(slug: "mon-a")
        _ = try await setUpOrganization(slug: "mon-b")
        let editorA = try await token("mon-a-editor")
        var headers = bearer(editorA)
        headers.contentType = .json
        var roundID = UUID()
        try await app.test(.POST, "/api/v1/plans/\(a.plan.id.uuidString.lowercased())/rounds", headers: headers,
                           body: ByteBuffer(string: #"{"fiscalYear":2568,"kind":"6m"}"#)) { res async throws in
            XCTAssertEqual(res.status, .created, res.body.string)
            roundID = try JSONDecoder.iso.decode(MonitoringRound.self, from: Data(buffer: res.body)).id
        }
        let opened = try required(try await MonitoringStore(db).round(id: roundID, organizationID: a.organization.id))
        let recordID = opened.records[0].id
        // A real evidence file, so that the evidence routes are tried on one that exists.
        app.evidenceFiles = EvidenceFileStore(directory: FileManager.default.temporaryDirectory.appendingPathComponent("sujarit-tenant-\(UUID().uuidString)").path)
        let pdf = Data("%PDF-1.4\n%%EOF\n".utf8)
        var evidenceID = UUID()
        try await app.test(.POST, "/api/v1/rounds/\(roundID.uuidString.lowercased())/records/\(recordID.uuidString.lowercased())/evidence", headers: headers,
                           body: ByteBuffer(string: #"{"version":\#(opened.version),"fileName":"a.pdf","contentBase64":"\#(pdf.base64EncodedString())"}"#)) { res async throws in
            XCTAssertEqual(res.status, .created, res.body.string)
            evidenceID = try JSONDecoder.iso.decode(MonitoringAPIController.RecordResponse.self, from: Data(buffer: res.body)).record.evidence[0].id
        }
        let round = try required(try await MonitoringStore(db).round(id: roundID, organizationID: a.organization.id))

        let outsiders = ["mon-b-editor", "mon-b-admin"]
        var failures: [String] = []
        let monitoringRoutes = app.routes.all.filter { route in
            let template = RouteMatrixTests.template(route)
            return template.contains("{roundID}") || template.contains("/monitoring") || template.hasSuffix("/rounds")
        }
        XCTAssertGreaterThanOrEqual(monitoringRoutes.count, 28)
        func path(_ route: Route) -> String {
            "/" + route.path.map { component -> String in
                switch component {
                case .constant(let text): text
                case .parameter("roundID"): roundID.uuidString.lowercased()
                case .parameter("recordID"): recordID.uuidString.lowercased()
                case .parameter("planID"): a.plan.id.uuidString.lowercased()
                case .parameter("slug"): "mon-a"
                case .parameter("format"): "json"
                case .parameter("chart"): "status.svg"
                case .parameter("evidenceID"): evidenceID.uuidString.lowercased()
                default: "x"
                }
            }.joined(separator: "/")
        }
        for username in outsiders + [""] {
            var browser = Browser(app)
            var apiHeaders = HTTPHeaders()
            if !username.isEmpty {
                try await browser.signIn(username, password: Self.password)
                apiHeaders = bearer(try await token(username))
            }
            _ = try await browser.get("/login")
            for route in monitoringRoutes {
                let target = path(route)
                let label = username.isEmpty ? "anonymous" : username
                if target.hasPrefix("/api/") {
                    var h = apiHeaders
                    h.contentType = .json
                    try await app.test(route.method, target, headers: h,
                                       body: ByteBuffer(string: #"{"version":\#(round.version),"fiscalYear":2569,"kind":"12m","action":"approve","progress":"completed","public":true}"#)) { res async throws in
                        let leaked = res.body.string.contains(roundID.uuidString.lowercased()) || res.body.string.contains(roundID.uuidString)
                        if ((200..<300).contains(Int(res.status.code)) && (route.method != .GET || leaked)) || res.status.code >= 500 {
                            failures.append("\(label) \(route.method) \(target) → \(res.status.code)")
                        }
                    }
                } else if route.method == .GET {
                    let page = try await browser.get(target)
                    if (200..<400).contains(Int(page.status.code)) && !(page.location ?? "").hasPrefix("/login") {
                        failures.append("\(label) GET \(target) → \(page.status.code)")
                    }
                } else {
                    let page = try await browser.post(target, [("version", String(round.version)), ("fiscalYear", "2569"), ("kind", "12m"),
                                                               ("progress", "completed"), ("reason", "x"), ("public", "true"), ("quarterly", "on")])
                    if (200..<400).contains(Int(page.status.code)) || page.status.code >= 500 {
                        failures.append("\(label) POST \(target) → \(page.status.code)")
                    }
                }
            }
        }
        XCTAssertEqual(failures, [])
        let after = try required(try await MonitoringStore(db).round(id: roundID, organizationID: a.organization.id))
        XCTAssertEqual(after.version, round.version, "nothing changed")
        let stillOne = try await MonitoringStore(db).rounds(organizationID: a.organization.id)
        XCTAssertEqual(stillOne.count, 1)
        XCTAssertFalse(after.records[0].evidence[0].isPublic)
        let settings = try await MonitoringStore(db).settings(organizationID: a.organization.id)
        XCTAssertFalse(settings.quarterlyRounds)

        // A member of the organization who is only a viewer reads but cannot change.
        var viewer = try await signedIn("mon-a-viewer")
        let page = try await viewer.get(SiteURL.round(roundID).path)
        XCTAssertEqual(page.status, .ok)
        let attempt = try await viewer.post(SiteURL.roundRecord(round: roundID, record: recordID).path, [("version", String(round.version)), ("progress", "completed")])
        XCTAssertEqual(attempt.status, .forbidden)
    }

    // MARK: Demo and reports

    func testDemoHasAnApprovedSixMonthRoundWithReports() async throws {
        let loaded = try await DemoSetup.load(on: app)
        XCTAssertTrue(loaded)
        let rounds = try await MonitoringStore(db).rounds(organizationID: DemoData.organization.id)
        XCTAssertEqual(rounds.count, 1)
        let round = try XCTUnwrap(rounds.first)
        XCTAssertEqual(round.status, .approved)
        XCTAssertEqual(round.fiscalYear, FiscalYear(2568))
        XCTAssertEqual(round.kind, .sixMonths)
        XCTAssertEqual(round.blankRecords.count, 0)

        // Approved rounds of a published plan are public: pages, files, charts.
        let anonymous = Browser(app)
        var browser = anonymous
        let page = try await browser.get(SiteURL.round(round.id).path)
        XCTAssertEqual(page.status, .ok)
        XCTAssertTrue(page.body.contains("<svg"))
        // The summary table's status columns carry the counts of the statuses their headings name.
        let report = try await browser.get(SiteURL.roundReport(round.id, .monitoring).path)
        XCTAssertEqual(report.status, .ok)
        let grand = try XCTUnwrap(report.body.components(separatedBy: "<tr class=\"grand\">").dropFirst().first?.components(separatedBy: "</tr>").first)
        let cells = grand.components(separatedBy: "<td class=\"num\">").dropFirst().map { $0.components(separatedBy: "</td>")[0] }
        let heads = report.body.components(separatedBy: "<th class=\"num\">").dropFirst().map { $0.components(separatedBy: "</th>")[0] }
        let records = round.records
        for progress in ItemProgress.allCases {
            let column = try XCTUnwrap(heads.firstIndex(of: progress.thaiName), progress.thaiName)
            XCTAssertEqual(cells[column], String(records.filter { $0.progress == progress }.count), progress.thaiName)
        }
        let annual = try await browser.get(SiteURL.roundReport(round.id, .annual).path)
        XCTAssertEqual(annual.status, .ok)
        XCTAssertTrue(annual.body.contains("ผลการดำเนินการ (output)"))
        // What was carried out, as captured in the round — not the plan's steps copied over.
        let silentSteps = Set(records.filter { $0.narrative.isEmpty }.flatMap(\.plannedSteps))
        let narrated = try XCTUnwrap(records.first { !$0.narrative.isEmpty && $0.plannedSteps.contains { !silentSteps.contains($0) } })
        let plannedOnly = try XCTUnwrap(narrated.plannedSteps.first { !silentSteps.contains($0) })
        XCTAssertTrue(annual.body.contains(narrated.narrative))
        XCTAssertFalse(annual.body.contains(plannedOnly), plannedOnly)
        for (kind, format) in [(MonitoringDocumentKind.monitoring, ExportFormat.docx), (.monitoring, .xlsx), (.monitoring, .json), (.annual, .docx), (.annual, .xlsx), (.annual, .json)] {
            try await app.test(.GET, SiteURL.roundReportFile(round.id, kind, format).path) { res async throws in
                XCTAssertEqual(res.status, .ok, "\(kind) \(format)")
                XCTAssertEqual(res.headers.contentType?.description.hasPrefix(format.mediaType.components(separatedBy: ";")[0]), true)
            }
        }
        try await app.test(.GET, SiteURL.roundChart(round.id, .status).path) { res async throws in
            XCTAssertEqual(res.status, .ok)
            XCTAssertTrue(res.body.string.hasPrefix("<svg"))
        }
        try await app.test(.GET, "/api/v1/rounds/\(round.id.uuidString.lowercased())/report") { res async throws in
            XCTAssertEqual(res.status, .ok)
            let document = try JSONDecoder.iso.decode(MonitoringReportDocument.self, from: Data(buffer: res.body))
            XCTAssertEqual(document.annualResults.count, round.records.count)
            XCTAssertEqual(document.summary.total.itemCount, round.records.count)
        }
        // The dashboard is for members only.
        let dashboard = try await browser.get("/o/\(DemoData.organization.slug)/monitoring")
        XCTAssertEqual(dashboard.status, .unauthorized)
        var admin = Browser(app)
        try await admin.signIn("demo-admin", password: DemoSetup.password)
        let memberDashboard = try await admin.get("/o/\(DemoData.organization.slug)/monitoring")
        XCTAssertEqual(memberDashboard.status, .ok)
        XCTAssertTrue(memberDashboard.body.contains("รอบ 6 เดือน ปีงบประมาณ พ.ศ. 2568"))
        let organizationPage = try await admin.get("/o/\(DemoData.organization.slug)")
        XCTAssertTrue(organizationPage.body.contains("href=\"/o/\(DemoData.organization.slug)/monitoring\""), "members find the dashboard")
        let roundPage = try await admin.get(SiteURL.round(round.id).path)
        XCTAssertTrue(roundPage.body.contains("อนุมัติและล็อกรอบ"), "the history in words")
        // The public plan page shows the latest approved round's status beside each item.
        let planPage = try await browser.get("/o/\(DemoData.organization.slug)/plan/2566-2570")
        XCTAssertTrue(planPage.body.contains("ดำเนินการแล้วเสร็จ"), "status beside the items")
    }
}

extension MonitoringWebTests {
    /// Evidence through the API: accepted by content, stored under its SHA-256, served to members
    /// (and to nobody else while the round is open); an executable renamed to .pdf is refused.
    /// The demo plan went the way real plans go — demo-editor submitted it, demo-admin approved
    /// it with a comment and published it, each step audited — so its public page shows the
    /// approval block with their names.
    func testTheDemoPlanShowsAnApprovalBlockByTheDemoAccounts() async throws {
        let loaded = try await DemoSetup.load(on: app)
        XCTAssertTrue(loaded)
        let editorName = try XCTUnwrap(DemoSetup.accounts.first { $0.2 == .editor }).1
        let adminName = try XCTUnwrap(DemoSetup.accounts.first { $0.2 == .admin }).1
        let stored = try await PlanStore(db).plan(id: DemoData.planID, scope: .everything)
        let plan = try XCTUnwrap(stored)
        XCTAssertEqual(plan.status, .published)
        let events = try await AuditEventRecord.query(on: db).filter(\.$subject == DemoData.planID.uuidString).sort(\.$createdAt).all()
        XCTAssertEqual(events.map(\.action), [AuditAction.planCreate, .planSubmit, .planApprove, .planPublish].map(\.rawValue))
        let users = try await UserRecord.query(on: db).all()
        func username(_ id: UUID?) -> String? { users.first { $0.id == id }?.username }
        XCTAssertEqual(events.map { username($0.userID) }, ["demo-editor", "demo-editor", "demo-admin", "demo-admin"])

        var anonymous = Browser(app)
        let page = try await anonymous.get("/o/\(DemoData.organization.slug)/plan/2566-2570")
        XCTAssertEqual(page.status, .ok)
        let block = try XCTUnwrap(page.body.components(separatedBy: "id=\"approval\"").dropFirst().first?.components(separatedBy: "</section>").first,
                                  "the public plan page has the approval block")
        let rows = block.components(separatedBy: "<tr><th scope=\"row\">").dropFirst()
        XCTAssertEqual(rows.count, 3, block)
        XCTAssertTrue(rows.contains { $0.contains(HTML.escape(editorName)) }, "submitted by demo-editor: \(block)")
        let approved = try XCTUnwrap(rows.first { $0.contains(HTML.escape(DemoData.approvalComment)) }, block)
        XCTAssertTrue(approved.contains(HTML.escape(adminName)), "approved by demo-admin with the comment")
        XCTAssertEqual(rows.filter { $0.contains(HTML.escape(adminName)) }.count, 2, "demo-admin approved and published")
        // The demo's monitoring round still loads onto the published plan.
        let rounds = try await MonitoringStore(db).rounds(organizationID: DemoData.organization.id)
        XCTAssertEqual(rounds.map(\.status), [.approved])
    }

    /// The round charts speak the reader's language (the `lang` cookie or `?lang=`), as SVG a
    /// parser reads, without scripts; the Word report's charts stay Thai.
    func testRoundChartsAreInTheReadersLanguage() async throws {
        _ = try await DemoSetup.load(on: app)
        let demoRounds = try await MonitoringStore(db).rounds(organizationID: DemoData.organization.id)
        let round = try XCTUnwrap(demoRounds.first)
        func svg(_ chart: RoundChart, language: String) async throws -> String {
            var text = ""
            var headers = HTTPHeaders()
            headers.add(name: .cookie, value: "lang=\(language)")
            try await app.test(.GET, SiteURL.roundChart(round.id, chart).path, headers: headers) { res async throws in
                XCTAssertEqual(res.status, .ok)
                XCTAssertEqual(res.headers.contentType?.description.hasPrefix("image/svg+xml"), true)
                text = res.body.string
            }
            let parser = XMLParser(data: Data(text.utf8))
            XCTAssertTrue(parser.parse(), "\(chart) \(language) well-formed: \(parser.parserError.map { "\($0)" } ?? "")")
            XCTAssertFalse(text.lowercased().contains("<script") || text.contains("onload"), "no scripts")
            return text
        }
        let expected: [(RoundChart, [String], [String])] = [
            (.status, ["Status of the items by dimension", "Dimension 1", "Completed", "Not reported"], ["สถานะการดำเนินงานแยกตามมิติ", "มิติที่ 1", "ดำเนินการแล้วเสร็จ"]),
            (.budget, ["Budget in the plan and disbursed by dimension", "Disbursed"], ["งบประมาณตามแผนและการเบิกจ่ายแยกตามมิติ", "เบิกจ่าย"]),
            (.indicators, ["Output and outcome indicators", "Met", "Not met"], ["ตัวชี้วัดผลผลิตและผลลัพธ์", "ไม่บรรลุเป้าหมาย"]),
            (.budgetByYear, ["Budget in the plan and disbursed by year", "FY 2568"], ["งบประมาณตามแผนและการเบิกจ่ายรายปี", "ปี 2568"]),
        ]
        for (chart, english, thai) in expected {
            let en = try await svg(chart, language: "en")
            for word in english { XCTAssertTrue(en.contains(word), "\(chart) en: \(word)") }
            XCTAssertFalse(en.unicodeScalars.contains { (0x0E00...0x0E7F).contains($0.value) }, "\(chart) en has no Thai: \(en)")
            let th = try await svg(chart, language: "th")
            for word in thai { XCTAssertTrue(th.contains(word), "\(chart) th: \(word)") }
            for word in english.prefix(1) { XCTAssertFalse(th.contains(word), "\(chart) th: \(word)") }
        }
        // The round page's charts too.
        var reader = Browser(app)
        let english = try await reader.get(SiteURL.round(round.id).path + "?lang=en")
        XCTAssertTrue(english.body.contains("Budget in the plan and disbursed by dimension (baht)"))
        XCTAssertFalse(english.body.contains("งบประมาณตามแผนและการเบิกจ่ายแยกตามมิติ"))
        // The document stays Thai.
        let demoPlan = try await PlanStore(db).plan(id: DemoData.planID, scope: .everything)
        let report = MonitoringReport(round: round, dimensions: try XCTUnwrap(demoPlan).dimensions)
        XCTAssertTrue(MonitoringCharts.statusByDimension(report).contains("สถานะการดำเนินงานแยกตามมิติ"))
    }

    func testEvidenceFilesAreCheckedStoredByHashAndServedOnlyToThoseWhoMaySeeTheRound() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("sujarit-evidence-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        app.evidenceFiles = EvidenceFileStore(directory: directory.path)
        let setup = try await setUpOrganization(slug: "mon-e")
        _ = try await setUpOrganization(slug: "mon-f")
        let token = try await self.token("mon-e-editor")
        var headers = bearer(token)
        headers.contentType = .json
        var round: MonitoringRound?
        try await app.test(.POST, "/api/v1/plans/\(setup.plan.id.uuidString.lowercased())/rounds", headers: headers,
                           body: ByteBuffer(string: #"{"fiscalYear":2568,"kind":"6m"}"#)) { res async throws in
            XCTAssertEqual(res.status, .created, res.body.string)
            round = try JSONDecoder.iso.decode(MonitoringRound.self, from: Data(buffer: res.body))
        }
        let opened = try XCTUnwrap(round)
        let record = opened.records[0]
        let address = "/api/v1/rounds/\(opened.id.uuidString.lowercased())/records/\(record.id.uuidString.lowercased())/evidence"
        let executable = Data([0x7F, 0x45, 0x4C, 0x46, 2, 1, 1, 0] + Array(repeating: 0, count: 200))
        try await app.test(.POST, address, headers: headers, body: ByteBuffer(string:
            #"{"version":\#(opened.version),"fileName":"report.pdf","contentBase64":"\#(executable.base64EncodedString())"}"#)) { res async throws in
            XCTAssertEqual(res.status, .unprocessableEntity, res.body.string)
            XCTAssertTrue(res.body.string.contains("file"))
        }
        let pdf = Data("%PDF-1.4\nหลักฐาน\n%%EOF\n".utf8)
        var stored: MonitoringEvidence?
        try await app.test(.POST, address, headers: headers, body: ByteBuffer(string:
            #"{"version":\#(opened.version),"fileName":"คำสั่งแต่งตั้ง.pdf","contentBase64":"\#(pdf.base64EncodedString())"}"#)) { res async throws in
            XCTAssertEqual(res.status, .created, res.body.string)
            stored = try JSONDecoder.iso.decode(MonitoringAPIController.RecordResponse.self, from: Data(buffer: res.body)).record.evidence.first
        }
        let evidence = try XCTUnwrap(stored)
        XCTAssertEqual(evidence.sha256, EvidenceFileStore.sha256(pdf))
        let onDisk = directory.appendingPathComponent(String(evidence.sha256.prefix(2))).appendingPathComponent(evidence.sha256)
        XCTAssertEqual(try Data(contentsOf: onDisk), pdf)

        let fileAddress = SiteURL.roundEvidence(round: opened.id, evidence: evidence.id).path
        try await app.test(.GET, fileAddress, headers: bearer(token)) { res async throws in
            XCTAssertEqual(res.status, .ok)
            XCTAssertEqual(res.headers.contentType?.description, "application/pdf")
            XCTAssertEqual(Data(buffer: res.body), pdf)
        }
        let outsider = try await self.token("mon-f-admin")
        try await app.test(.GET, fileAddress, headers: bearer(outsider)) { res async throws in
            XCTAssertEqual(res.status, .notFound, "another organization's open round")
        }
        try await app.test(.GET, fileAddress) { res async throws in
            XCTAssertEqual(res.status, .notFound, "the public, while the round is open")
        }
        // The record form lists the file.
        var editor = try await signedIn("mon-e-editor")
        let page = try await editor.get(SiteURL.roundRecord(round: opened.id, record: record.id).path)
        XCTAssertTrue(page.body.contains("คำสั่งแต่งตั้ง.pdf"))
        XCTAssertTrue(page.body.contains("enctype=\"multipart/form-data\""))
    }
}

extension JSONDecoder {
    static var iso: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }
}

extension MonitoringWebTests {
    /// An evidence file over the limit, refused while the body streams in, brings the record form
    /// back with the limit named at the evidence field — not a bare 413 page; nothing is stored.
    func testEvidenceOverTheLimitComesBackAsTheRecordFormWithTheLimitNamed() async throws {
        let setup = try await setUpOrganization(slug: "mon-g")
        var editor = try await signedIn("mon-g-editor")
        let opened = try await editor.post("/plans/\(setup.plan.id.uuidString.lowercased())/rounds", [("fiscalYear", "2568"), ("kind", "6m")])
        XCTAssertEqual(opened.status, .seeOther, opened.body)
        let round = try required(try await rounds(setup.organization).first)
        let record = round.records[0]
        let boundary = "sujarit-test-boundary"
        var body = ByteBuffer()
        body.writeString("--\(boundary)\r\nContent-Disposition: form-data; name=\"version\"\r\n\r\n\(round.version)\r\n"
            + "--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"big.pdf\"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4\n")
        body.writeRepeatingByte(0x20, count: MonitoringWorkflow.maximumEvidenceBytes + 1024 * 1024)
        body.writeString("\r\n--\(boundary)--\r\n")
        var headers = HTTPHeaders()
        headers.replaceOrAdd(name: .contentType, value: "multipart/form-data; boundary=\(boundary)")
        headers.cookie = HTTPCookies(dictionaryLiteral: ("sujarit_session", HTTPCookies.Value(string: editor.cookie ?? "")))
        let port = Int.random(in: 20_000..<60_000)
        try await app.testable(method: .running(hostname: "127.0.0.1", port: port))
            .test(.POST, SiteURL.recordEvidenceUpload(round: round.id, record: record.id).path, headers: headers, body: body) { res async throws in
                XCTAssertEqual(res.status, .payloadTooLarge)
                let page = res.body.string
                XCTAssertTrue(page.contains("id=\"file-error\""), "the message is at the evidence field")
                XCTAssertTrue(page.contains("ไฟล์หลักฐานใหญ่เกินกำหนด: รับได้ไม่เกิน 10 MB"), page)
                XCTAssertTrue(page.contains("name=\"progress\""), "the record form is back")
            }
        let after = try await rounds(setup.organization)
        XCTAssertEqual(after.first?.version, round.version, "nothing stored")
    }
}

extension MonitoringWebTests {
    /// The dashboard's three lists from real records: what is still blank, which indicators fell
    /// short, and which items are late by date (a 12-month round of a year that has ended).
    func testDashboardListsBlankBelowTargetAndOverdueRecords() async throws {
        let setup = try await setUpOrganization(slug: "mon-h")
        var editor = try await signedIn("mon-h-editor")
        let opened = try await editor.post("/plans/\(setup.plan.id.uuidString.lowercased())/rounds", [("fiscalYear", "2568"), ("kind", "12m")])
        XCTAssertEqual(opened.status, .seeOther, opened.body)
        var round = try required(try await rounds(setup.organization).first)
        XCTAssertGreaterThanOrEqual(round.records.count, 3)
        let short = try required(round.records.first { $0.indicators.first?.measure != nil })
        let others = round.records.filter { $0.id != short.id }
        let late = others[0], blank = others[1]
        let filled = try await editor.post(SiteURL.roundRecord(round: round.id, record: short.id).path, [
            ("version", String(round.version)), ("progress", "completed"), ("actual-0", "0"), ("narrative", "ดำเนินการแล้ว"),
        ])
        XCTAssertEqual(filled.status, .seeOther, filled.body)
        round = try required(try await rounds(setup.organization).first)
        XCTAssertEqual(round.records.first { $0.id == short.id }?.indicators.first?.isMet, false, "the test needs a target not met")
        let started = try await editor.post(SiteURL.roundRecord(round: round.id, record: late.id).path, [
            ("version", String(round.version)), ("progress", "inProgress"), ("reason", "other"), ("reasonText", "รอวิทยากร"),
        ])
        XCTAssertEqual(started.status, .seeOther, started.body)

        let dashboard = try await editor.get("/o/mon-h/monitoring")
        XCTAssertEqual(dashboard.status, .ok)
        let t = Translator(.thai)
        func list(_ heading: UIKey) throws -> String {
            let chunk = try required(dashboard.body.components(separatedBy: "<h4>\(t(heading))").dropFirst().first)
            return chunk.components(separatedBy: "<h4>").first ?? ""
        }
        let missing = try list(.monMissing), below = try list(.monBelowTarget), overdue = try list(.monOverdue)
        XCTAssertTrue(missing.contains(HTML.escape(blank.itemName)), missing)
        XCTAssertFalse(missing.contains(HTML.escape(short.itemName)), "a filled record is not missing")
        XCTAssertFalse(missing.contains(HTML.escape(late.itemName)))
        XCTAssertTrue(below.contains(HTML.escape(short.itemName)), below)
        XCTAssertFalse(below.contains(HTML.escape(late.itemName)))
        // The year 2568 ended on 30 September 2568: what is not completed is late.
        XCTAssertTrue(overdue.contains(HTML.escape(late.itemName)), overdue)
        XCTAssertTrue(overdue.contains(HTML.escape(blank.itemName)), overdue)
        XCTAssertFalse(overdue.contains(HTML.escape(short.itemName)), "a completed item is not overdue")
    }
}
