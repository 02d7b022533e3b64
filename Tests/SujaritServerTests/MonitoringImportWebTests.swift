import Foundation
import XCTest
import XCTVapor
import Fluent
import SujaritCore
import SujaritDemo
import SujaritImport
@_spi(Fixtures) import SujaritPersistence
import SujaritExport
@testable import SujaritServer

/// The monitoring features on top of rounds: a results document turned into a round after the
/// officer's review, quarterly rounds as the admin's setting, and who sees evidence files.
final class MonitoringImportWebTests: ServerTestCase {
    func setUp(slug: String, name: String? = nil, plan: Plan? = nil) async throws -> (Organization, Plan) {
        let organization = try await makeOrganization(slug: slug, name: name)
        try await makeUser("\(slug)-editor", role: .editor, in: organization)
        try await makeUser("\(slug)-admin", role: .admin, in: organization)
        try await makeUser("\(slug)-viewer", role: .viewer, in: organization)
        var stored = plan ?? demoPlan(for: organization, status: .published)
        stored.organizationID = organization.id
        stored.status = .published
        return (organization, try await PlanStore(db).create(stored))
    }

    func signedIn(_ username: String) async throws -> Browser {
        var browser = Browser(app)
        try await browser.signIn(username, password: Self.password)
        return browser
    }

    func firstRound(_ organization: Organization, file: StaticString = #filePath, line: UInt = #line) async throws -> MonitoringRound {
        let all = try await rounds(organization)
        return try XCTUnwrap(all.first, file: file, line: line)
    }

    func rounds(_ organization: Organization) async throws -> [MonitoringRound] {
        try await MonitoringStore(db).rounds(organizationID: organization.id)
    }

    /// Posts a multipart form as a browser does (the file, then the other fields).
    func postFile(_ browser: inout Browser, _ path: String, fileName: String, data: Data, fields: [(String, String)]) async throws -> Browser.Page {
        try await postMultipart(&browser, path, fileField: "document", fileName: fileName, data: data, fields: fields)
    }

    static func unescape(_ text: String) -> String {
        text.replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
            .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&amp;", with: "&")
    }

    /// The review form's fields as the page fills them: hidden values, each row's chosen item
    /// (`match-N`) and status (`status-N`).
    static func reviewFields(_ html: String) throws -> [String: String] {
        var fields: [String: String] = [:]
        let hidden = try NSRegularExpression(pattern: #"<input type="hidden" name="(\w+)" value="([^"]*)">"#)
        for match in hidden.matches(in: html, range: NSRange(html.startIndex..., in: html)) {
            let name = String(html[Range(match.range(at: 1), in: html)!]), value = String(html[Range(match.range(at: 2), in: html)!])
            if name != "_csrf" { fields[name] = unescape(value) }
        }
        let select = try NSRegularExpression(pattern: #"<select id="((?:match|status)-\d+)" name="(?:match|status)-\d+"[^>]*>(.*?)</select>"#, options: [.dotMatchesLineSeparators])
        let selected = try NSRegularExpression(pattern: #"<option value="([0-9A-Za-z-]+)" selected>"#)
        for match in select.matches(in: html, range: NSRange(html.startIndex..., in: html)) {
            let name = String(html[Range(match.range(at: 1), in: html)!])
            let options = String(html[Range(match.range(at: 2), in: html)!])
            let chosen = selected.firstMatch(in: options, range: NSRange(options.startIndex..., in: options))
                .map { String(options[Range($0.range(at: 1), in: options)!]) }
            fields[name] = chosen ?? ""
        }
        return fields
    }

    /// A results document in seed 002's layout about the demo plan's items: four written a little
    /// differently, one renamed beyond recognition, one the plan does not have.
    static func resultsDocument(for plan: Plan, year: FiscalYear) -> (text: String, items: [PlanItem]) {
        let due = MonitoringSchedule.dueItems(of: plan, in: year)
        let items = Array(due.prefix(5))
        var lines = [
            "รายงานผลการดำเนินการตามแผนปฏิบัติการป้องกันการทุจริต ประจำปี พ.ศ. ๒๕๖๘",
            "องค์การบริหารส่วนตำบลทดสอบ อำเภอเมือง จังหวัดขอนแก่น",
            "",
            "มาตรการ โครงการ หรือกิจกรรม\tขั้นตอนหรือวิธีการปฏิบัติ\tช่วงระยะเวลาในการดำเนินการ\tผู้รับผิดชอบ\tผลการดำเนินการ (output)\tผลลัพธ์หรือผลสัมฤทธิ์ (outcome)",
        ]
        for (index, item) in items.prefix(4).enumerated() {
            let name = item.name.replacingOccurrences(of: " ", with: "") + (index == 1 ? " ประจำปี" : "")
            lines.append("\(index + 1). \(name)\tจัดประชุมชี้แจงและดำเนินการตามแผน\tไตรมาสที่ ๑ - ๔\tสำนักปลัด\tผู้เข้าร่วม ร้อยละ ๘๖\tผลลัพธ์ของรายการที่ \(index + 1)")
        }
        lines.append("5. งานที่เขียนต่างไปจากแผนทั้งหมด\tดำเนินการ\tไตรมาสที่ ๒\tกองคลัง\tเสร็จสิ้น\tบรรลุผล")
        lines.append("6. กิจกรรมปลูกป่าชายเลนที่แผนไม่มี\tปลูกต้นไม้\tไตรมาสที่ ๓\tกองช่าง\tปลูก ๕๐๐ ต้น\tพื้นที่สีเขียวเพิ่มขึ้น")
        return (lines.joined(separator: "\n") + "\n", items)
    }

    func testAResultsDocumentBecomesAFilledRoundOnlyWhenTheOfficerConfirmsTheMatches() async throws {
        let (organization, plan) = try await setUp(slug: "res-a")
        _ = try await setUp(slug: "res-b")
        let year = FiscalYear(2568)
        let (document, items) = Self.resultsDocument(for: plan, year: year)
        var editor = try await signedIn("res-a-editor")
        let form = try await editor.get(SiteURL.importResults(slug: organization.slug).path)
        XCTAssertEqual(form.status, .ok)
        XCTAssertTrue(form.body.contains("name=\"document\""))

        // Bad documents and years are answered at the form, and nothing is stored.
        // The plan's own Word document is a plan, not a results report.
        var planDocument = Data()
        try await app.test(.GET, SiteURL.publishedPlanFile(slug: organization.slug, years: "2566-2570", .docx).path) { res async throws in
            XCTAssertEqual(res.status, .ok)
            planDocument = Data(buffer: res.body)
        }
        let planText = try await postFile(&editor, SiteURL.importResults(slug: organization.slug).path, fileName: "plan.docx",
                                          data: planDocument, fields: [("kind", "12m")])
        XCTAssertEqual(planText.status, .unprocessableEntity)
        XCTAssertTrue(planText.body.contains("ไม่พบตารางรายงานผล"), planText.body)
        let noPlan = try await postFile(&editor, SiteURL.importResults(slug: organization.slug).path, fileName: "r.txt",
                                        data: Data(document.utf8), fields: [("fiscalYear", "2575"), ("kind", "12m")])
        XCTAssertEqual(noPlan.status, .unprocessableEntity)
        XCTAssertTrue(noPlan.body.contains("2575"), noPlan.body)
        let badKind = try await postFile(&editor, SiteURL.importResults(slug: organization.slug).path, fileName: "r.txt",
                                         data: Data(document.utf8), fields: [("kind", "q1")])
        XCTAssertEqual(badKind.status, .conflict, "quarterly rounds are off, refused at confirmation or here")
        let review = try await postFile(&editor, SiteURL.importResults(slug: organization.slug).path, fileName: "ผลปี2568.txt",
                                        data: Data(document.utf8), fields: [("kind", "12m")])
        XCTAssertEqual(review.status, .ok, review.body)
        let stored = try await rounds(organization)
        XCTAssertEqual(stored.count, 0, "reading and reviewing store nothing")
        XCTAssertTrue(review.body.contains("id=\"unmatched\""), "rows without a match are listed for manual matching")
        var fields = try Self.reviewFields(review.body)
        let lineages = items.map { $0.lineageID.uuidString.lowercased() }
        XCTAssertEqual((0..<4).map { fields["match-\($0)"] }, lineages.prefix(4).map { $0 }, "four rows matched by name")
        XCTAssertEqual(fields["match-4"], "", "renamed beyond recognition: for the officer")
        XCTAssertEqual(fields["match-5"], "", "not in the plan")
        XCTAssertEqual(fields["kind"], "12m")
        XCTAssertEqual(fields["fiscalYear"], "2568")

        // Two rows on one item: refused at the field, nothing stored.
        fields["match-4"] = lineages[0]
        fields["progress"] = "completed"
        let twice = try await editor.post(SiteURL.importResultsConfirm(slug: organization.slug).path, fields.map { ($0.key, $0.value) })
        XCTAssertEqual(twice.status, .unprocessableEntity)
        XCTAssertTrue(twice.body.contains("id=\"match-4-error\""), twice.body)
        let afterRefusal = try await rounds(organization)
        XCTAssertEqual(afterRefusal.count, 0)
        // Another organization's officer cannot confirm into this plan.
        var outsider = try await signedIn("res-b-editor")
        let foreign = try await outsider.post(SiteURL.importResultsConfirm(slug: "res-b").path, fields.map { ($0.key, $0.value) })
        XCTAssertEqual(foreign.status, .notFound)
        // The officer matches row 5 by hand and confirms.
        fields["match-4"] = lineages[4]
        let confirmed = try await editor.post(SiteURL.importResultsConfirm(slug: organization.slug).path, fields.map { ($0.key, $0.value) })
        XCTAssertEqual(confirmed.status, .seeOther, confirmed.body)
        let created = try await rounds(organization)
        let round = try XCTUnwrap(created.first)
        XCTAssertEqual(created.count, 1)
        XCTAssertEqual(confirmed.location, SiteURL.round(round.id).with(query: [("saved", "1")]))
        XCTAssertEqual(round.kind, .twelveMonths)
        XCTAssertEqual(round.status, .open)
        let filled = round.records.filter { !$0.isBlank }
        XCTAssertEqual(Set(filled.map(\.itemLineageID)), Set(items.map(\.lineageID)))
        XCTAssertTrue(filled.allSatisfy { $0.progress == .completed && $0.narrative == "จัดประชุมชี้แจงและดำเนินการตามแผน" || $0.narrative == "ดำเนินการ" })
        XCTAssertEqual(round.blankRecords.count, round.records.count - 5)
        let history = try await MonitoringStore(db).history(roundID: round.id, organizationID: organization.id)
        XCTAssertEqual(history.map(\.action), [AuditAction.roundImport.rawValue])
        XCTAssertTrue(history[0].detail.contains("ผลปี2568.txt"), history[0].detail)
        // The same confirmation again: the round exists.
        let again = try await editor.post(SiteURL.importResultsConfirm(slug: organization.slug).path, fields.map { ($0.key, $0.value) })
        XCTAssertEqual(again.status, .conflict)
        let stillOne = try await rounds(organization)
        XCTAssertEqual(stillOne.count, 1)
        // Viewers and outsiders do not import.
        var viewer = try await signedIn("res-a-viewer")
        let viewerForm = try await viewer.get(SiteURL.importResults(slug: organization.slug).path)
        XCTAssertEqual(viewerForm.status, .forbidden)
        let outsiderForm = try await outsider.get(SiteURL.importResults(slug: organization.slug).path)
        XCTAssertEqual(outsiderForm.status, .notFound)
    }

    /// A document whose rows say different things: each row's record gets the status its row
    /// states (a result written, "ดำเนินการแล้ว", "ไม่ได้ดำเนินการ", "อยู่ระหว่างดำเนินการ", nothing).
    func testEachImportedRowGetsTheStatusItsRowStates() async throws {
        let (organization, plan) = try await setUp(slug: "res-mixed")
        let year = FiscalYear(2568)
        let items = Array(MonitoringSchedule.dueItems(of: plan, in: year).prefix(5))
        XCTAssertEqual(items.count, 5)
        let said: [(String, String, ItemProgress)] = [
            ("ผู้เข้าร่วม ร้อยละ ๘๖", "ผลลัพธ์ที่เกิดขึ้นจริง", .completed),
            ("ดำเนินการแล้ว", "-", .completed),
            ("ไม่ได้ดำเนินการ เนื่องจากไม่ได้รับงบประมาณ", "-", .notCarriedOut),
            ("อยู่ระหว่างดำเนินการ", "-", .inProgress),
            ("-", "-", .notStarted),
        ]
        var lines = [
            "รายงานผลการดำเนินการตามแผนปฏิบัติการป้องกันการทุจริต ประจำปี พ.ศ. ๒๕๖๘",
            "องค์การบริหารส่วนตำบลทดสอบ อำเภอเมือง จังหวัดขอนแก่น",
            "",
            "มาตรการ โครงการ หรือกิจกรรม\tขั้นตอนหรือวิธีการปฏิบัติ\tช่วงระยะเวลาในการดำเนินการ\tผู้รับผิดชอบ\tผลการดำเนินการ (output)\tผลลัพธ์หรือผลสัมฤทธิ์ (outcome)",
        ]
        for (index, item) in items.enumerated() {
            lines.append("\(index + 1). \(item.name)\tดำเนินการตามแผน\tไตรมาสที่ ๑ - ๔\tสำนักปลัด\t\(said[index].0)\t\(said[index].1)")
        }
        var editor = try await signedIn("res-mixed-editor")
        let review = try await postFile(&editor, SiteURL.importResults(slug: organization.slug).path, fileName: "ผสม.txt",
                                        data: Data((lines.joined(separator: "\n") + "\n").utf8), fields: [("kind", "12m")])
        XCTAssertEqual(review.status, .ok, review.body)
        XCTAssertTrue(review.body.contains(ItemProgress.notCarriedOut.thaiName), "the review shows each row's status")
        let fields = try Self.reviewFields(review.body)
        XCTAssertEqual((0..<5).map { fields["match-\($0)"] }, items.map { $0.lineageID.uuidString.lowercased() })
        XCTAssertNil(fields["progress"], "no one status is posted by default")
        let confirmed = try await editor.post(SiteURL.importResultsConfirm(slug: organization.slug).path, fields.map { ($0.key, $0.value) })
        XCTAssertEqual(confirmed.status, .seeOther, confirmed.body)
        let round = try await firstRound(organization)
        for (index, item) in items.enumerated() {
            let record = try XCTUnwrap(round.records.first { $0.itemLineageID == item.lineageID })
            XCTAssertEqual(record.progress, said[index].2, "row \(index + 1): \(said[index].0)")
        }
    }

    /// The officer changes one row's status in the review: that record gets the chosen status,
    /// the others what their rows state; an unknown status is refused at that row's field with
    /// nothing stored; one status chosen for all rows wins over the rows' own (the form says so).
    func testTheOfficerCanChangeOneRowsStatusInTheReview() async throws {
        let (organization, plan) = try await setUp(slug: "res-row")
        let year = FiscalYear(2568)
        let items = Array(MonitoringSchedule.dueItems(of: plan, in: year).prefix(3))
        XCTAssertEqual(items.count, 3)
        let said: [(String, ItemProgress)] = [("ผู้เข้าร่วม ร้อยละ ๘๖", .completed), ("อยู่ระหว่างดำเนินการ", .inProgress), ("ดำเนินการแล้ว", .completed)]
        var lines = [
            "รายงานผลการดำเนินการตามแผนปฏิบัติการป้องกันการทุจริต ประจำปี พ.ศ. ๒๕๖๘",
            "องค์การบริหารส่วนตำบลทดสอบ อำเภอเมือง จังหวัดขอนแก่น",
            "",
            "มาตรการ โครงการ หรือกิจกรรม\tขั้นตอนหรือวิธีการปฏิบัติ\tช่วงระยะเวลาในการดำเนินการ\tผู้รับผิดชอบ\tผลการดำเนินการ (output)\tผลลัพธ์หรือผลสัมฤทธิ์ (outcome)",
        ]
        for (index, item) in items.enumerated() {
            lines.append("\(index + 1). \(item.name)\tดำเนินการตามแผน\tไตรมาสที่ ๑ - ๔\tสำนักปลัด\t\(said[index].0)\t-")
        }
        let document = Data((lines.joined(separator: "\n") + "\n").utf8)
        var editor = try await signedIn("res-row-editor")
        let review = try await postFile(&editor, SiteURL.importResults(slug: organization.slug).path, fileName: "แถว.txt",
                                        data: document, fields: [("kind", "12m")])
        XCTAssertEqual(review.status, .ok, review.body)
        var fields = try Self.reviewFields(review.body)
        XCTAssertEqual((0..<3).map { fields["status-\($0)"] }, said.map { $0.1.rawValue }, "each row's select starts at what the row states")
        XCTAssertTrue(review.body.contains("id=\"progress-hint\""), "the form says which status wins")

        // An unknown status: refused at that row's field, nothing stored.
        fields["status-1"] = "finished"
        let refused = try await editor.post(SiteURL.importResultsConfirm(slug: organization.slug).path, fields.map { ($0.key, $0.value) })
        XCTAssertEqual(refused.status, .unprocessableEntity, refused.body)
        XCTAssertTrue(refused.body.contains("id=\"status-1-error\""), refused.body)
        XCTAssertTrue(refused.body.contains("finished"), "the message names the value")
        XCTAssertFalse(refused.body.contains("id=\"status-0-error\""))
        let none = try await rounds(organization)
        XCTAssertEqual(none.count, 0, "nothing half-saved")

        // Row 1 (in progress in the document) recorded as not carried out; the others as stated.
        fields["status-1"] = ItemProgress.notCarriedOut.rawValue
        let confirmed = try await editor.post(SiteURL.importResultsConfirm(slug: organization.slug).path, fields.map { ($0.key, $0.value) })
        XCTAssertEqual(confirmed.status, .seeOther, confirmed.body)
        let round = try await firstRound(organization)
        func progress(_ index: Int) throws -> ItemProgress? {
            try XCTUnwrap(round.records.first { $0.itemLineageID == items[index].lineageID }).progress
        }
        XCTAssertEqual(try progress(0), .completed)
        XCTAssertEqual(try progress(1), .notCarriedOut, "the officer's choice for that row")
        XCTAssertEqual(try progress(2), .completed)
        let changed = try XCTUnwrap(round.records.first { $0.itemLineageID == items[1].lineageID })
        XCTAssertEqual(changed.reason, .other, "not carried out needs a reason: the document is named")

        // One status for all rows wins over the rows' own choices.
        let (other, otherPlan) = try await setUp(slug: "res-row-all")
        var otherEditor = try await signedIn("res-row-all-editor")
        let otherItems = Array(MonitoringSchedule.dueItems(of: otherPlan, in: year).prefix(3))
        let otherReview = try await postFile(&otherEditor, SiteURL.importResults(slug: other.slug).path, fileName: "แถว.txt",
                                             data: document, fields: [("kind", "12m")])
        XCTAssertEqual(otherReview.status, .ok, otherReview.body)
        var allFields = try Self.reviewFields(otherReview.body)
        allFields["status-1"] = ItemProgress.notCarriedOut.rawValue
        allFields["progress"] = ItemProgress.inProgress.rawValue
        let all = try await otherEditor.post(SiteURL.importResultsConfirm(slug: other.slug).path, allFields.map { ($0.key, $0.value) })
        XCTAssertEqual(all.status, .seeOther, all.body)
        let allRound = try await firstRound(other)
        XCTAssertEqual(otherItems.map { item in allRound.records.first { $0.itemLineageID == item.lineageID }?.progress }, [.inProgress, .inProgress, .inProgress])
    }

    /// Seed 002 against the plan it reports on (the measures as the importer reads them from it):
    /// every row is matched, and the round's annual results report carries the document's words.
    func testSeed002BecomesARoundOfThePlanItReportsOn() async throws {
        let seeds = ProcessInfo.processInfo.environment["SUJARIT_SEEDS"].map { URL(fileURLWithPath: $0) }
            ?? URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../../shared/seeds").standardizedFileURL
        guard let name = (try? FileManager.default.contentsOfDirectory(atPath: seeds.path))?.sorted().first(where: { $0.hasPrefix("002_") }) else {
            throw XCTSkip("seed 002 not found in \(seeds.path)")
        }
        let data = try Data(contentsOf: seeds.appendingPathComponent(name))
        let imported = try DocumentImporter.importDocument(data, fileName: name)
        var plan = imported.plan
        plan.title = "แผนปฏิบัติการป้องกันการทุจริต ประจำปีงบประมาณ พ.ศ. 2568"
        let (organization, stored) = try await setUp(slug: "res-seed", name: "องค์การบริหารส่วนตำบลบ้านผือ", plan: plan.withFreshIDs())
        var editor = try await signedIn("res-seed-editor")
        let review = try await postFile(&editor, SiteURL.importResults(slug: organization.slug).path, fileName: name, data: data, fields: [("kind", "12m")])
        XCTAssertEqual(review.status, .ok, review.body)
        XCTAssertFalse(review.body.contains("id=\"unmatched\""), "every row of seed 002 finds its item")
        var fields = try Self.reviewFields(review.body)
        XCTAssertEqual(fields.keys.filter { $0.hasPrefix("match-") }.count, 17)
        fields["progress"] = "completed"
        let confirmed = try await editor.post(SiteURL.importResultsConfirm(slug: organization.slug).path, fields.map { ($0.key, $0.value) })
        XCTAssertEqual(confirmed.status, .seeOther, confirmed.body)
        let round = try await firstRound(organization)
        XCTAssertEqual(round.planID, stored.id)
        XCTAssertEqual(round.records.count, 17)
        XCTAssertEqual(round.blankRecords.count, 0)
        let annual = try await editor.get(SiteURL.roundReport(round.id, .annual).path)
        XCTAssertEqual(annual.status, .ok)
        XCTAssertTrue(annual.body.contains("มีพนักงานต้นแบบด้านบริการยอดเยี่ยม"), "row 3's output, as the document says")
    }

    // MARK: Quarterly rounds

    func testQuarterlyRoundsAreTheAdminsSettingAndOpenFromTheDashboard() async throws {
        let (organization, plan) = try await setUp(slug: "qtr-a")
        var editor = try await signedIn("qtr-a-editor")
        let dashboard = try await editor.get(SiteURL.monitoring(slug: organization.slug).path)
        XCTAssertFalse(dashboard.body.contains("value=\"q1\""), "quarters are not offered while the setting is off")
        XCTAssertFalse(dashboard.body.contains(SiteURL.monitoringSettings(slug: organization.slug).path), "only admins see the setting")
        let refused = try await editor.post(SiteURL.openRound(plan: plan.id).path, [("fiscalYear", "2568"), ("kind", "q1")])
        XCTAssertEqual(refused.status, .conflict)
        let notAdmin = try await editor.post(SiteURL.monitoringSettings(slug: organization.slug).path, [("quarterly", "on")])
        XCTAssertEqual(notAdmin.status, .forbidden)
        var admin = try await signedIn("qtr-a-admin")
        let saved = try await admin.post(SiteURL.monitoringSettings(slug: organization.slug).path, [("quarterly", "on")])
        XCTAssertEqual(saved.status, .seeOther)
        let settings = try await MonitoringStore(db).settings(organizationID: organization.id)
        XCTAssertTrue(settings.quarterlyRounds)
        let audit = try await AuditEventRecord.query(on: db).filter(\.$action == AuditAction.monitoringSettings.rawValue).all()
        XCTAssertEqual(audit.count, 1)
        let offered = try await editor.get(SiteURL.monitoring(slug: organization.slug).path)
        XCTAssertTrue(offered.body.contains("value=\"q4\""))
        let q1 = try await editor.post(SiteURL.openRound(plan: plan.id).path, [("fiscalYear", "2568"), ("kind", "q1")])
        XCTAssertEqual(q1.status, .seeOther, q1.body)
        let opened = try await rounds(organization)
        XCTAssertEqual(opened.map(\.kind), [.quarter1])
        let page = try await editor.get(SiteURL.round(opened[0].id).path)
        XCTAssertTrue(page.body.contains("รอบไตรมาสที่ 1"))
        // Turned off again: no new quarter, the existing one stays.
        _ = try await admin.post(SiteURL.monitoringSettings(slug: organization.slug).path, [])
        let off = try await MonitoringStore(db).settings(organizationID: organization.id)
        XCTAssertFalse(off.quarterlyRounds)
        let q2 = try await editor.post(SiteURL.openRound(plan: plan.id).path, [("fiscalYear", "2568"), ("kind", "q2")])
        XCTAssertEqual(q2.status, .conflict)
        let kept = try await rounds(organization)
        XCTAssertEqual(kept.count, 1)
    }

    // MARK: Evidence visibility

    /// Evidence is members only, also once the round is approved and its reports are public,
    /// until the admin makes a file public — on the page, the file's address, and the API.
    func testEvidenceOfAnApprovedRoundIsMembersOnlyUntilTheAdminMakesItPublic() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("sujarit-evidence-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        app.evidenceFiles = EvidenceFileStore(directory: directory.path)
        let (organization, plan) = try await setUp(slug: "vis-a")
        var editor = try await signedIn("vis-a-editor")
        _ = try await editor.post(SiteURL.openRound(plan: plan.id).path, [("fiscalYear", "2568"), ("kind", "6m")])
        var round = try await firstRound(organization)
        let record = round.records[0]
        let photo = Data([0xFF, 0xD8, 0xFF, 0xE0] + Array("JFIF ภาพผู้เข้าร่วม".utf8))
        var uploadFields = [("version", String(round.version))]
        var page = try await postEvidence(&editor, round: round.id, record: record.id, fileName: "ภาพกิจกรรม.jpg", data: photo, fields: uploadFields)
        XCTAssertEqual(page.status, .seeOther, page.body)
        round = try await firstRound(organization)
        uploadFields = [("version", String(round.version))]
        page = try await postEvidence(&editor, round: round.id, record: record.id, fileName: "คำสั่ง.pdf", data: Data("%PDF-1.4\n%%EOF\n".utf8), fields: uploadFields)
        XCTAssertEqual(page.status, .seeOther, page.body)
        // Fill and approve through the store's path (the form path is covered elsewhere).
        let token = try await self.token("vis-a-admin")
        round = try await firstRound(organization)
        for record in round.records {
            round = try await apiEdit(round, record, token: token)
        }
        var headers = bearer(token)
        headers.contentType = .json
        try await app.test(.POST, "/api/v1/rounds/\(round.id.uuidString.lowercased())/transitions", headers: headers,
                           body: ByteBuffer(string: #"{"version":\#(round.version),"action":"approve"}"#)) { res async throws in
            XCTAssertEqual(res.status, .ok, res.body.string)
        }
        round = try await firstRound(organization)
        XCTAssertEqual(round.status, .approved)
        let files = round.records[0].evidence
        XCTAssertEqual(files.count, 2)
        XCTAssertTrue(files.allSatisfy { !$0.isPublic })
        let photoID = files[0].id, orderID = files[1].id

        // The public: the approved round's page and reports, but no file.
        var anonymous = Browser(app)
        let publicPage = try await anonymous.get(SiteURL.round(round.id).path)
        XCTAssertEqual(publicPage.status, .ok)
        XCTAssertFalse(publicPage.body.contains("ภาพกิจกรรม.jpg") || publicPage.body.contains("คำสั่ง.pdf"))
        for id in [photoID, orderID] {
            let direct = try await anonymous.get(SiteURL.roundEvidence(round: round.id, evidence: id).path)
            XCTAssertEqual(direct.status, .notFound)
            try await app.test(.GET, "/api/v1/rounds/\(round.id.uuidString.lowercased())/evidence/\(id.uuidString.lowercased())") { res async throws in
                XCTAssertEqual(res.status, .notFound)
            }
        }
        try await app.test(.GET, SiteURL.apiRound(round.id).path) { res async throws in
            XCTAssertEqual(res.status, .ok)
            XCTAssertFalse(res.body.string.contains("ภาพกิจกรรม") || res.body.string.contains(photoID.uuidString), "not even the names")
        }
        try await app.test(.GET, SiteURL.roundReportFile(round.id, .monitoring, .json).path) { res async throws in
            XCTAssertFalse(res.body.string.contains("คำสั่ง.pdf"))
        }
        try await app.test(.GET, "/api/v1/plans/\(plan.id.uuidString.lowercased())/rounds") { res async throws in
            XCTAssertFalse(res.body.string.contains("คำสั่ง.pdf"))
        }
        // Members still see both.
        let memberFile = try await editor.get(SiteURL.roundEvidence(round: round.id, evidence: photoID).path)
        XCTAssertEqual(memberFile.status, .ok)

        // The editor may not publish a file; the admin publishes the signed order (API) — not the photo.
        let editorToken = try await self.token("vis-a-editor")
        var editorHeaders = bearer(editorToken)
        editorHeaders.contentType = .json
        let evidenceAddress = "/api/v1/rounds/\(round.id.uuidString.lowercased())/records/\(record.id.uuidString.lowercased())/evidence/\(orderID.uuidString.lowercased())"
        try await app.test(.PUT, evidenceAddress, headers: editorHeaders, body: ByteBuffer(string: #"{"version":\#(round.version),"public":true}"#)) { res async throws in
            XCTAssertEqual(res.status, .forbidden, res.body.string)
        }
        try await app.test(.PUT, evidenceAddress, headers: headers, body: ByteBuffer(string: #"{"version":\#(round.version)}"#)) { res async throws in
            XCTAssertEqual(res.status, .unprocessableEntity, res.body.string)
        }
        try await app.test(.PUT, evidenceAddress, headers: headers, body: ByteBuffer(string: #"{"version":\#(round.version),"public":true}"#)) { res async throws in
            XCTAssertEqual(res.status, .ok, res.body.string)
        }
        let orderFile = try await anonymous.get(SiteURL.roundEvidence(round: round.id, evidence: orderID).path)
        XCTAssertEqual(orderFile.status, .ok)
        try await app.test(.GET, "/api/v1/rounds/\(round.id.uuidString.lowercased())/evidence/\(orderID.uuidString.lowercased())") { res async throws in
            XCTAssertEqual(res.status, .ok)
            XCTAssertEqual(res.headers.contentType?.description, "application/pdf")
        }
        let photoStill = try await anonymous.get(SiteURL.roundEvidence(round: round.id, evidence: photoID).path)
        XCTAssertEqual(photoStill.status, .notFound)
        let listed = try await anonymous.get(SiteURL.round(round.id).path)
        XCTAssertTrue(listed.body.contains("คำสั่ง.pdf") && !listed.body.contains("ภาพกิจกรรม.jpg"))
        // The admin's form withdraws it again; audited both ways.
        round = try await firstRound(organization)
        var admin = try await signedIn("vis-a-admin")
        let withdrawn = try await admin.post(SiteURL.recordEvidencePublic(round: round.id, record: record.id, evidence: orderID).path,
                                             [("version", String(round.version)), ("public", "false")])
        XCTAssertEqual(withdrawn.status, .seeOther, withdrawn.body)
        let hidden = try await anonymous.get(SiteURL.roundEvidence(round: round.id, evidence: orderID).path)
        XCTAssertEqual(hidden.status, .notFound)
        let history = try await MonitoringStore(db).history(roundID: round.id, organizationID: organization.id).map(\.action)
        XCTAssertTrue(history.contains(AuditAction.roundEvidencePublish.rawValue) && history.contains(AuditAction.roundEvidenceWithdraw.rawValue))
    }

    func postEvidence(_ browser: inout Browser, round: UUID, record: UUID, fileName: String, data: Data, fields: [(String, String)]) async throws -> Browser.Page {
        try await postMultipart(&browser, SiteURL.recordEvidenceUpload(round: round, record: record).path, fileField: "file",
                                fileName: fileName, data: data, fields: fields)
    }

    /// Fills one record with the demo's values through the API; returns the round as stored.
    func apiEdit(_ round: MonitoringRound, _ record: MonitoringRecord, token: String) async throws -> MonitoringRound {
        let input = DemoMonitoring.input(for: record)
        var body: [String: Any] = ["version": round.version, "progress": input.progress!.rawValue]
        if let reason = input.reason { body["reason"] = reason.rawValue; body["reasonText"] = input.reasonText }
        var headers = bearer(token)
        headers.contentType = .json
        var stored = round
        try await app.test(.PUT, "/api/v1/rounds/\(round.id.uuidString.lowercased())/records/\(record.id.uuidString.lowercased())",
                           headers: headers, body: ByteBuffer(data: try JSONSerialization.data(withJSONObject: body))) { res async throws in
            XCTAssertEqual(res.status, .ok, res.body.string)
            stored = try JSONDecoder.iso.decode(MonitoringAPIController.RecordResponse.self, from: Data(buffer: res.body)).round
        }
        return stored
    }

    // MARK: The API

    func testTheResultsImportAPIPreviewsWithoutStoringThenOpensTheRound() async throws {
        let (organization, plan) = try await setUp(slug: "res-api")
        _ = try await setUp(slug: "res-api-b")
        let (document, items) = Self.resultsDocument(for: plan, year: FiscalYear(2568))
        let address = "/api/v1/organizations/\(organization.slug)/monitoring/import"
        func headers(_ username: String?) async throws -> HTTPHeaders {
            var headers = username.map { _ in HTTPHeaders() } ?? HTTPHeaders()
            if let username { headers = bearer(try await token(username)) }
            headers.contentType = .json
            return headers
        }
        let body = ByteBuffer(data: try JSONSerialization.data(withJSONObject: [
            "fileName": "ผล.txt", "contentBase64": Data(document.utf8).base64EncodedString(), "kind": "12m"]))
        // Who may: editors of the organization only.
        for (username, status) in [(nil, HTTPStatus.unauthorized), ("res-api-viewer", .forbidden), ("res-api-b-editor", .notFound)] as [(String?, HTTPStatus)] {
            try await app.test(.POST, address, headers: try await headers(username), body: body) { res async throws in
                XCTAssertEqual(res.status, status, "\(username ?? "anonymous"): \(res.body.string)")
            }
        }
        let editor = try await headers("res-api-editor")
        try await app.test(.POST, address, headers: editor, body: ByteBuffer(string: #"{"contentBase64":"not base64!"}"#)) { res async throws in
            XCTAssertEqual(res.status, .unprocessableEntity)
            XCTAssertTrue(res.body.string.contains("contentBase64"))
        }
        var preview: ResultsImportAPIController.PreviewResponse?
        try await app.test(.POST, address, headers: editor, body: body) { res async throws in
            XCTAssertEqual(res.status, .ok, res.body.string)
            preview = try JSONDecoder.iso.decode(ResultsImportAPIController.PreviewResponse.self, from: Data(buffer: res.body))
        }
        let read = try XCTUnwrap(preview)
        XCTAssertEqual(read.planID, plan.id)
        XCTAssertEqual(read.fiscalYear, 2568)
        XCTAssertEqual(read.rows.count, 6)
        XCTAssertEqual(read.matches.map(\.row), [0, 1, 2, 3])
        XCTAssertEqual(read.matches.map(\.lineageID), items.prefix(4).map(\.lineageID))
        XCTAssertEqual(read.unmatchedRows, [4, 5])
        let none = try await rounds(organization)
        XCTAssertEqual(none.count, 0, "the preview stores nothing")

        XCTAssertEqual(read.matches.map(\.progress), Array(repeating: ItemProgress.completed.rawValue, count: 4), "what each row states")

        func confirm(_ matches: [(Int, UUID)], statuses: [Int: String] = [:], allCompleted: Bool = true) -> ByteBuffer {
            let rows = try! JSONSerialization.jsonObject(with: JSONEncoder().encode(read.rows))
            var body: [String: Any] = [
                "planID": read.planID.uuidString, "fiscalYear": 2568, "kind": "12m", "fileName": "ผล.txt",
                "rows": rows, "matches": matches.map { match -> [String: Any] in
                    var object: [String: Any] = ["row": match.0, "lineageID": match.1.uuidString]
                    if let status = statuses[match.0] { object["progress"] = status }
                    return object
                }]
            if allCompleted { body["progress"] = "completed" }
            return ByteBuffer(data: try! JSONSerialization.data(withJSONObject: body))
        }
        var chosen = read.matches.map { ($0.row, $0.lineageID) }
        try await app.test(.POST, address + "/confirm", headers: editor, body: confirm(chosen + [(5, items[0].lineageID)])) { res async throws in
            XCTAssertEqual(res.status, .unprocessableEntity, res.body.string)
            XCTAssertTrue(res.body.string.contains("rows[5]"), res.body.string)
        }
        try await app.test(.POST, address + "/confirm", headers: editor, body: confirm(chosen + [(4, UUID())])) { res async throws in
            XCTAssertEqual(res.status, .unprocessableEntity, res.body.string)
            XCTAssertTrue(res.body.string.contains("rows[4]"), res.body.string)
        }
        try await app.test(.POST, address + "/confirm", headers: editor,
                           body: confirm(chosen, statuses: [2: "done"], allCompleted: false)) { res async throws in
            XCTAssertEqual(res.status, .unprocessableEntity, res.body.string)
            XCTAssertTrue(res.body.string.contains("matches[2].progress"), res.body.string)
        }
        let stillNone = try await rounds(organization)
        XCTAssertEqual(stillNone.count, 0)
        chosen.append((4, items[4].lineageID))
        var created: MonitoringRound?
        try await app.test(.POST, address + "/confirm", headers: editor, body: confirm(chosen)) { res async throws in
            XCTAssertEqual(res.status, .created, res.body.string)
            created = try JSONDecoder.iso.decode(MonitoringRound.self, from: Data(buffer: res.body))
            XCTAssertEqual(res.headers.first(name: .location), created.map { SiteURL.apiRound($0.id).path })
        }
        let round = try XCTUnwrap(created)
        XCTAssertEqual(round.kind, .twelveMonths)
        XCTAssertEqual(Set(round.records.filter { !$0.isBlank }.map(\.itemLineageID)), Set(items.map(\.lineageID)))
        try await app.test(.POST, address + "/confirm", headers: editor, body: confirm(chosen)) { res async throws in
            XCTAssertEqual(res.status, .conflict, "the round exists")
        }

        // Per-row statuses through the API: one row changed, the others as stated.
        let (second, secondPlan) = try await setUp(slug: "res-api-c")
        let (secondDocument, secondItems) = Self.resultsDocument(for: secondPlan, year: FiscalYear(2568))
        let secondAddress = "/api/v1/organizations/\(second.slug)/monitoring/import"
        let secondEditor = try await headers("res-api-c-editor")
        var secondRead: ResultsImportAPIController.PreviewResponse?
        try await app.test(.POST, secondAddress, headers: secondEditor, body: ByteBuffer(data: try JSONSerialization.data(withJSONObject: [
            "fileName": "ผล.txt", "contentBase64": Data(secondDocument.utf8).base64EncodedString(), "kind": "12m"]))) { res async throws in
            XCTAssertEqual(res.status, .ok, res.body.string)
            secondRead = try JSONDecoder.iso.decode(ResultsImportAPIController.PreviewResponse.self, from: Data(buffer: res.body))
        }
        let matchedRead = try XCTUnwrap(secondRead)
        let rows = try JSONSerialization.jsonObject(with: JSONEncoder().encode(matchedRead.rows))
        let matches: [[String: Any]] = matchedRead.matches.map { match in
            var object: [String: Any] = ["row": match.row, "lineageID": match.lineageID.uuidString]
            if match.row == 1 { object["progress"] = "inProgress" }
            return object
        }
        var secondRound: MonitoringRound?
        try await app.test(.POST, secondAddress + "/confirm", headers: secondEditor, body: ByteBuffer(data: try JSONSerialization.data(withJSONObject: [
            "planID": matchedRead.planID.uuidString, "fiscalYear": 2568, "kind": "12m", "fileName": "ผล.txt",
            "rows": rows, "matches": matches] as [String: Any]))) { res async throws in
            XCTAssertEqual(res.status, .created, res.body.string)
            secondRound = try JSONDecoder.iso.decode(MonitoringRound.self, from: Data(buffer: res.body))
        }
        let perRow = try XCTUnwrap(secondRound)
        XCTAssertEqual(secondItems.prefix(4).map { item in perRow.records.first { $0.itemLineageID == item.lineageID }?.progress },
                       [.completed, .inProgress, .completed, .completed])
    }
}
