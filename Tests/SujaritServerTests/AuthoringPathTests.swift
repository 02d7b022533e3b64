import Foundation
import XCTest
import XCTVapor
import SujaritCore
@_spi(Fixtures) import SujaritPersistence
import SujaritAPIModels
@testable import SujaritServer
import SujaritCatalog
import SujaritExport

/// Issue 11: the path from nothing to a correctly published plan, as officers work.
final class AuthoringPathTests: ServerTestCase {
    // MARK: 1. One plan series per organization and period

    func testSecondPlanForTheSameYearsIsRefusedWithTheExistingPlan() async throws {
        let organization = try await makeOrganization(slug: "one-series", name: "องค์การบริหารส่วนตำบลชุดเดียว")
        try await makeUser("admin", role: .admin, in: organization)
        let published = try await PlanStore(db).create(demoPlan(for: organization, status: .published))
        var browser = Browser(app)
        try await browser.signIn("admin", password: Self.password)

        // The wizard refuses, says why in Thai, and offers a new revision of the existing plan.
        let refused = try await browser.post("/o/one-series/plans/new", [("cycle", "2566-2570"), ("title", "")])
        XCTAssertEqual(refused.status, .conflict, refused.body)
        XCTAssertTrue(refused.body.contains("มีแผนปี 2566"), refused.body)
        XCTAssertTrue(refused.body.contains("แผนแต่ละช่วงปีมีได้ชุดเดียว"))
        XCTAssertTrue(refused.body.contains("action=\"\(SiteURL.revise(published.id))\""), "offers a new revision")
        XCTAssertTrue(refused.body.contains("href=\"\(SiteURL.plan(published.id))\""), "links the existing plan")
        XCTAssertFalse(refused.body.contains("ไม่ใช่ฉบับร่าง"))
        var list = try await PlanStore(db).plans(organizationID: organization.id, includeUnpublished: true)
        XCTAssertEqual(list.count, 1)

        // The API answers 409 with the existing plan's address.
        let token = try await token("admin")
        let body = PlanWriteRequest(title: nil, firstYear: 2566, lastYear: 2570, cycleID: "2566-2570")
        try await app.test(.POST, "/api/v1/organizations/one-series/plans", beforeRequest: { req async throws in
            req.headers = bearer(token)
            try req.content.encode(body, as: .json)
        }, afterResponse: { res async throws in
            XCTAssertEqual(res.status, .conflict, res.body.string)
            let body = try JSONSerialization.jsonObject(with: Data(res.body.readableBytesView)) as? [String: Any]
            XCTAssertEqual(body?["location"] as? String, SiteURL.plan(published.id).path, res.body.string)
            XCTAssertTrue((body?["reasonThai"] as? String ?? "").contains("มีแผนปี"), res.body.string)
        })

        // Nor can another plan be moved onto those years.
        var moved = PlanWriteRequest(title: nil, firstYear: 2572, lastYear: 2572, cycleID: nil)
        var movedID = UUID()
        try await app.test(.POST, "/api/v1/organizations/one-series/plans", beforeRequest: { req async throws in
            req.headers = bearer(token)
            try req.content.encode(moved, as: .json)
        }, afterResponse: { res async throws in
            XCTAssertEqual(res.status, .created, res.body.string)
            movedID = try JSONDecoder().decode(PlanResponse.self, from: Data(res.body.readableBytesView)).plan.id
        })
        moved.firstYear = 2566
        moved.lastYear = 2570
        moved.version = 1
        try await app.test(.PUT, SiteURL.apiPlan(movedID).path, beforeRequest: { req async throws in
            req.headers = bearer(token)
            try req.content.encode(moved, as: .json)
        }, afterResponse: { res async throws in
            XCTAssertEqual(res.status, .conflict, res.body.string)
        })

        // Once a new revision is started, the wizard sends the officer to its draft instead.
        let revised = try await browser.post(SiteURL.revise(published.id).path, [("version", "1")])
        XCTAssertEqual(revised.status, .seeOther, revised.body)
        list = try await PlanStore(db).plans(organizationID: organization.id, includeUnpublished: true)
        let draft = try XCTUnwrap(list.first { $0.status == .draft && $0.firstYear == FiscalYear(2566) })
        let again = try await browser.post("/o/one-series/plans/new", [("cycle", "custom"), ("firstYear", "๒๕๖๖"), ("lastYear", "2570")])
        XCTAssertEqual(again.status, .conflict)
        XCTAssertTrue(again.body.contains("href=\"\(SiteURL.editor(draft.id))\""), again.body)
        list = try await PlanStore(db).plans(organizationID: organization.id, includeUnpublished: true)
        XCTAssertEqual(list.count, 3)

        // Other years are still free.
        let other = try await browser.post("/o/one-series/plans/new", [("cycle", "custom"), ("firstYear", "2571"), ("lastYear", "2571")])
        XCTAssertEqual(other.status, .seeOther, other.body)

        // The public address shows the published plan.
        var visitor = Browser(app)
        let page = try await visitor.get(SiteURL.publishedPlan(slug: "one-series", years: "2566-2570").path)
        XCTAssertEqual(page.status, .ok)
        XCTAssertTrue(page.body.contains(SiteURL.apiPlan(published.id).path), "the public address serves the published revision")
    }

    /// Older data with two published series for the same years: the public address, the
    /// organization page and the API's `publicURL` name the same plan.
    func testPublicAddressOrganizationPageAndPublicURLAgree() async throws {
        let organization = try await makeOrganization(slug: "two-series")
        try await makeUser("viewer", role: .viewer, in: organization)
        let first = try await PlanStore(db).create(demoPlan(for: organization, status: .published))
        let second = try await PlanStore(db).create(demoPlan(for: organization, status: .published))
        let address = SiteURL.publishedPlan(slug: "two-series", years: "2566-2570").path
        let served = try await PlanStore(db).publishedPlanID(organizationID: organization.id, first: FiscalYear(2566), last: FiscalYear(2570))
        let servedID = try XCTUnwrap(served)
        let other = servedID == first.id ? second.id : first.id

        var visitor = Browser(app)
        let publicPage = try await visitor.get(address)
        XCTAssertTrue(publicPage.body.contains(SiteURL.apiPlan(servedID).path))
        let orgPage = try await visitor.get("/o/two-series")
        XCTAssertEqual(orgPage.body.components(separatedBy: "href=\"\(address)\"").count - 1, 1, "one row links the public address")
        XCTAssertTrue(orgPage.body.contains("href=\"\(SiteURL.plan(other))\""), "the other row links its own revision")

        for (id, expected) in [(servedID, Optional(address)), (other, nil)] {
            try await app.test(.GET, SiteURL.apiPlan(id).path, afterResponse: { res async throws in
                XCTAssertEqual(res.status, .ok)
                let response = try JSONDecoder().decode(PlanResponse.self, from: Data(res.body.readableBytesView))
                XCTAssertEqual(response.publicURL, expected)
            })
        }
    }
}

/// Issue 11, points 3 and 4: field 7 follows the budget row, and the "no budget" box.
final class SheetBudgetTests: ServerTestCase {
    let years = (2566...2570).map(FiscalYear.init)

    func item(_ amounts: [Int64?], text: String) -> PlanItem {
        var item = PlanItem(kind: .project, name: "โครงการทดสอบ", missionCode: "1.1", order: 1,
                            sheet: ProjectSheet(budgetText: text))
        for (year, amount) in zip(years, amounts) { item.budgets[year] = amount.map { .amount(Money(baht: $0)) } ?? .noBudget }
        return item
    }

    func testFieldSevenIsGeneratedUnlessWritten() {
        // Empty: generated from the row, never "ไม่ใช้งบประมาณ" on an item with budgets.
        XCTAssertEqual(item([20_000, 20_000, 20_000, 20_000, 20_000], text: "").sheetBudgetText(years: years), "งบประมาณปีละ 20,000 บาท")
        XCTAssertEqual(item([nil, nil, nil, nil, nil], text: "").sheetBudgetText(years: years), "ไม่ใช้งบประมาณ")
        XCTAssertEqual(item([20_000, nil, nil, nil, nil], text: "ไม่ใช้งบประมาณ").sheetBudgetText(years: years), "20,000 บาท (ปี 2566)",
                       "the editor's old default follows the row")
        // The wizard's text follows the amounts when they change; while it agrees it stays.
        let wizard = "20,000 บาท ต่อปี (รวม 5 ปี 100,000 บาท)"
        XCTAssertEqual(item([20_000, 20_000, 20_000, 20_000, 20_000], text: wizard).sheetBudgetText(years: years), wizard)
        XCTAssertEqual(item([30_000, 30_000, 30_000, 30_000, 30_000], text: wizard).sheetBudgetText(years: years), "งบประมาณปีละ 30,000 บาท")
        XCTAssertEqual(item([10_000, nil, 5_000, nil, nil], text: "").sheetBudgetText(years: years),
                       "รวม 15,000 บาท (ปี 2566 10,000 บาท, ปี 2568 5,000 บาท)")
        // The officer's own words stay.
        XCTAssertEqual(item([20_000, 20_000, 20_000, 20_000, 20_000], text: "ตามข้อบัญญัติงบประมาณ").sheetBudgetText(years: years), "ตามข้อบัญญัติงบประมาณ")
    }

    func testEveryDisagreementOfAWrittenFieldSevenIsAFinding() {
        var plan = Plan.fromTemplate(PlanCatalog.cycle2566, organization: Organization(slug: "x", kind: .subdistrict, name: "อบต.ทดสอบ"),
                                     first: FiscalYear(2566), last: FiscalYear(2570))
        func mismatches(_ amounts: [Int64?], _ text: String) -> [PlanFinding] {
            plan.items = [item(amounts, text: text)]
            return PlanValidator.validate(plan).filter { $0.code == .sheetBudgetMismatch }
        }
        let every: [Int64?] = [20_000, 20_000, 20_000, 20_000, 20_000]
        XCTAssertEqual(mismatches(every, "10,000 บาท").count, 1)
        XCTAssertTrue(mismatches(every, "10,000 บาท").first?.message.th.contains("20,000 บาทต่อปี") ?? false)
        XCTAssertEqual(mismatches(every, "ดำเนินการโดยไม่ใช้งบประมาณ").count, 1, "written “no budget” beside amounts")
        XCTAssertEqual(mismatches([nil, nil, nil, nil, nil], "งบประมาณ 5,000 บาท").count, 1, "an amount where the row has none")
        XCTAssertEqual(mismatches([10_000, 20_000, nil, nil, nil], "10,000 บาท").count, 1, "one year's amount of a row that changes")
        // Agreements: the yearly amount, the total, several yearly amounts, generated texts.
        XCTAssertEqual(mismatches(every, "๒๐,๐๐๐ บาท"), [])
        XCTAssertEqual(mismatches(every, "100,000 บาท"), [])
        XCTAssertEqual(mismatches([10_000, 20_000, nil, nil, nil], "10,000 บาท ในปี 2566 และ 20,000 บาท ในปี 2567"), [])
        XCTAssertEqual(mismatches(every, ""), [])
        XCTAssertEqual(mismatches(every, "ไม่ใช้งบประมาณ"), [], "generated: shown from the row, not a finding")
        // An empty field 7 is not "missing": it is generated.
        plan.items = [item(every, text: "")]
        XCTAssertFalse(PlanValidator.validate(plan).contains { $0.location == .item(plan.items[0].id, field: "sheet.budgetText") })
    }

    func testNoBudgetBoxIsNotTickedByDefaultAndAnAmountBesideItWins() async throws {
        let organization = try await makeOrganization(slug: "budget-box")
        try await makeUser("editor", role: .editor, in: organization)
        let plan = try await PlanStore(db).create(demoPlan(for: organization))
        var browser = Browser(app)
        try await browser.signIn("editor", password: Self.password)
        let base = SiteURL.plan(plan.id).path
        let form = try await browser.get("\(base)/items/new?mission=2.1")
        XCTAssertEqual(form.status, .ok)
        XCTAssertFalse(form.body.contains("name=\"noBudget[2566]\" checked"), "no box ticked by default")
        XCTAssertFalse(form.body.contains(">ไม่ใช้งบประมาณ</textarea>"), "field 7 does not default to “no budget”")

        let page = try await browser.post("\(base)/items/new", [
            ("version", String(plan.version)), ("kind", "project"), ("name", "โครงการงบประมาณทดสอบ"), ("missionCode", "2.1"),
            ("responsibleUnit", "สำนักปลัด"), ("hasSheet", "on"), ("budgetText", ""),
            ("budgets[2566]", "15,000"), ("noBudget[2566]", "on"),   // typed beside a ticked box: the amount
            ("budgets[2567]", ""), ("noBudget[2567]", "on"),         // ticked, empty: no budget
            ("budgets[2568]", "0"), ("noBudget[2568]", "on"),        // ticked, zero: no budget
            ("budgets[2569]", ""),                                   // empty, no tick: not stated
        ])
        XCTAssertEqual(page.status, .seeOther, page.body)
        let loaded = try await PlanStore(db).plan(id: plan.id, scope: .everything)
        let saved = try XCTUnwrap(loaded?.items.first { $0.name == "โครงการงบประมาณทดสอบ" })
        XCTAssertEqual(saved.budgets[FiscalYear(2566)], .amount(Money(baht: 15_000)))
        XCTAssertEqual(saved.budgets[FiscalYear(2567)], .noBudget)
        XCTAssertEqual(saved.budgets[FiscalYear(2568)], .noBudget)
        XCTAssertNil(saved.budgets[FiscalYear(2569)])
        XCTAssertNil(saved.budgets[FiscalYear(2570)])

        // The item page shows field 7 generated from the row.
        let shown = try await browser.get(SiteURL.item(plan: plan.id, item: saved.id).path)
        XCTAssertTrue(shown.body.contains("15,000 บาท (ปี 2566)"), shown.body)
        // The edit form keeps field 7 empty (following the row) and shows what it is now.
        let edit = try await browser.get(SiteURL.editItem(plan: plan.id, item: saved.id).path)
        XCTAssertTrue(edit.body.contains("ตอนนี้: 15,000 บาท (ปี 2566)"), edit.body)
    }
}

/// Issue 11, points 2, 5 and 7: Part 1 shown, approval messages, findings per item.
final class PlanPagesTests: ServerTestCase {
    func plan(_ organization: Organization, status: PlanStatus) -> Plan {
        var plan = demoPlan(for: organization, status: status)
        plan.frontMatter = PlanFrontMatter(foreword: "คำนำของแผนทดสอบ", rationale: "หลักการและเหตุผลของแผนทดสอบ",
                                           objectives: ["วัตถุประสงค์ข้อแรกของแผนทดสอบ"], benefits: ["ประโยชน์ข้อแรกของแผนทดสอบ"])
        return plan
    }

    func testPartOneIsShownInTheOfficialOrder() async throws {
        let organization = try await makeOrganization(slug: "part-one")
        try await makeUser("editor", role: .editor, in: organization)
        let stored = try await PlanStore(db).create(plan(organization, status: .published))
        XCTAssertFalse(stored.risks.isEmpty)
        XCTAssertFalse(stored.targets.isEmpty)
        var visitor = Browser(app)
        let page = try await visitor.get(SiteURL.publishedPlan(slug: "part-one", years: "2566-2570").path)
        XCTAssertEqual(page.status, .ok)
        let marks = ["<h2>คำนำ</h2>", "คำนำของแผนทดสอบ", "ส่วนที่ 1 บทนำ", "1. การประเมินความเสี่ยงการทุจริตในองค์กร", stored.risks[0].workArea,
                     "2. หลักการและเหตุผล", "หลักการและเหตุผลของแผนทดสอบ", "3. วัตถุประสงค์ของการจัดทำแผน", "วัตถุประสงค์ข้อแรกของแผนทดสอบ",
                     "4. เป้าหมาย", stored.targets[0].indicator, "5. ประโยชน์ของการจัดทำแผน", "ประโยชน์ข้อแรกของแผนทดสอบ", "ส่วนที่ 2"]
        var last = page.body.startIndex
        for mark in marks {
            let found = try XCTUnwrap(page.body.range(of: mark, range: last..<page.body.endIndex), "“\(mark)” in order")
            last = found.upperBound
        }
        // The editor shows the front matter too.
        var editor = Browser(app)
        try await editor.signIn("editor", password: Self.password)
        let edit = try await editor.get(SiteURL.editor(stored.id).path)
        for text in ["คำนำของแผนทดสอบ", "หลักการและเหตุผลของแผนทดสอบ", "วัตถุประสงค์ข้อแรกของแผนทดสอบ", "ประโยชน์ข้อแรกของแผนทดสอบ"] {
            XCTAssertTrue(edit.body.contains(text), text)
        }
    }

    func testSubmitSaysWhoActsNextAndTheAdminApprovesOnThePlanViewWithAComment() async throws {
        let organization = try await makeOrganization(slug: "approval")
        try await makeUser("editor", role: .editor, in: organization)
        try await makeUser("admin", role: .admin, in: organization)
        let stored = try await PlanStore(db).create(plan(organization, status: .draft))
        let base = SiteURL.plan(stored.id).path
        var editor = Browser(app)
        try await editor.signIn("editor", password: Self.password)
        let submitted = try await editor.post("\(base)/transition", [("version", String(stored.version)), ("action", "submit")])
        XCTAssertEqual(submitted.status, .seeOther, submitted.body)
        let after = try await editor.get(try XCTUnwrap(submitted.location))
        XCTAssertTrue(after.body.contains("เสนออนุมัติแล้ว"), after.body)
        XCTAssertTrue(after.body.contains("ผู้ดูแลแผนขององค์กร"), "says who acts next")
        XCTAssertFalse(after.body.contains("ไม่ใช่ร่าง"), "not the wrong advice")
        XCTAssertFalse(after.body.contains("name=\"comment\""), "an editor gets no approve button")

        var admin = Browser(app)
        try await admin.signIn("admin", password: Self.password)
        let view = try await admin.get(base)
        XCTAssertTrue(view.body.contains("รอการอนุมัติจากคุณ"), view.body)
        XCTAssertTrue(view.body.contains("value=\"approve\""))
        XCTAssertTrue(view.body.contains("name=\"comment\""))
        let version = try XCTUnwrap(Browser.version(in: view.body))
        let approved = try await admin.post("\(base)/transition", [("version", version), ("action", "approve"), ("comment", "ตรวจแล้ว ถูกต้องตามแบบ")])
        XCTAssertEqual(approved.status, .seeOther, approved.body)
        let published = try await admin.get(base)
        XCTAssertTrue(published.body.contains("value=\"publish\""), "publish is offered next on the plan view")
        let history = try await admin.get("\(base)/history")
        XCTAssertTrue(history.body.contains("ความเห็น: ตรวจแล้ว ถูกต้องตามแบบ"), history.body)
        XCTAssertTrue(history.body.contains("เสนออนุมัติ → อนุมัติแล้ว"), "states in Thai words")
    }

    /// Issue 11 §5: the approver's comment, name and date (Buddhist Era) in the approval block
    /// of the plan's page, its public address (also as the cache keeps it) and its Word file.
    func testApprovalBlockShowsTheApproversCommentNameAndDateOnThePlanAndPublicPages() async throws {
        let organization = try await makeOrganization(slug: "approval-block")
        let editorUser = try await makeUser("editor", role: .editor, in: organization)
        let adminUser = try await makeUser("admin", role: .admin, in: organization)
        editorUser.displayName = "นางสาวผู้เสนอ ใจดี"
        try await editorUser.save(on: db)
        adminUser.displayName = "นายผู้อนุมัติ ตรงไป"
        try await adminUser.save(on: db)
        let stored = try await PlanStore(db).create(plan(organization, status: .draft))
        let base = SiteURL.plan(stored.id).path
        var editor = Browser(app)
        try await editor.signIn("editor", password: Self.password)
        let submitted = try await editor.post("\(base)/transition", [("version", String(stored.version)), ("action", "submit")])
        XCTAssertEqual(submitted.status, .seeOther, submitted.body)
        var admin = Browser(app)
        try await admin.signIn("admin", password: Self.password)
        var view = try await admin.get(base)
        let approved = try await admin.post("\(base)/transition", [("version", try XCTUnwrap(Browser.version(in: view.body))),
                                                                   ("action", "approve"), ("comment", "ตรวจแล้ว ถูกต้อง")])
        XCTAssertEqual(approved.status, .seeOther, approved.body)
        // Approved, not yet published: the block already names the approver.
        view = try await admin.get(base)
        XCTAssertTrue(view.body.contains("ตรวจแล้ว ถูกต้อง"), view.body)
        let published = try await admin.post("\(base)/transition", [("version", try XCTUnwrap(Browser.version(in: view.body))),
                                                                    ("action", "publish"), ("comment", "เผยแพร่ตามมติ")])
        XCTAssertEqual(published.status, .seeOther, published.body)

        let today = ThaiCalendar.thaiDate(Date())
        XCTAssertTrue(today.hasSuffix(String(ThaiCalendar.be(fromCE: ThaiCalendar.components(of: Date()).year))), "a Buddhist-Era date: \(today)")
        func checkBlock(_ body: String, _ label: String, file: StaticString = #filePath, line: UInt = #line) throws {
            let start = try XCTUnwrap(body.range(of: "class=\"approval-block\""), "\(label): an approval block", file: file, line: line)
            let block = String(body[start.lowerBound...])
            for text in ["การเสนอ อนุมัติ และเผยแพร่แผน", "เสนออนุมัติ", "นางสาวผู้เสนอ ใจดี", "อนุมัติ", "นายผู้อนุมัติ ตรงไป",
                         "ตรวจแล้ว ถูกต้อง", "เผยแพร่", "เผยแพร่ตามมติ", today] {
                XCTAssertTrue(block.contains(text), "\(label): “\(text)”", file: file, line: line)
            }
        }
        // The plan's page (a member's document view) and the public's.
        try checkBlock(try await admin.get(base).body, "member's plan page")
        var visitor = Browser(app)
        try checkBlock(try await visitor.get(base).body, "public revision page")
        let address = SiteURL.publishedPlan(slug: "approval-block", years: stored.yearSlug).path
        let first = try await visitor.get(address)
        XCTAssertEqual(first.status, .ok)
        try checkBlock(first.body, "public address")
        // The second reading comes from the cache: the same block.
        let again = try await visitor.get(address)
        try checkBlock(again.body, "public address from the cache")
        XCTAssertEqual(again.body, first.body)
        // The English page adds the English words after the Thai.
        let english = try await visitor.get(address + "?lang=en")
        try checkBlock(english.body, "English public address")
        XCTAssertTrue(english.body.contains("อนุมัติ · Approved"), english.body)
        // A plan published without the workflow (the demo, fixtures) shows no empty block.
        _ = try await PlanStore(db).create(demoPlan(for: try await makeOrganization(slug: "no-steps"), status: .published))
        let bare = try await visitor.get(SiteURL.publishedPlan(slug: "no-steps", years: stored.yearSlug).path)
        XCTAssertEqual(bare.status, .ok)
        XCTAssertFalse(bare.body.contains("approval-block"))
        // The official Word file of the public address is made with the same steps.
        try await app.test(.GET, SiteURL.publishedPlanFile(slug: "approval-block", years: stored.yearSlug, .docx).path) { res async in
            XCTAssertEqual(res.status, .ok)
        }
        let request = Request(application: app, on: app.eventLoopGroup.next())
        let found = try await PlanStore(db).plan(id: stored.id, scope: .everything)
        let publishedPlan = try XCTUnwrap(found)
        let context = try await PlanExports(request: request).context(publishedPlan, organization: organization)
        let approval = try XCTUnwrap(context.approval)
        XCTAssertEqual(approval.entries.map(\.step), [.submitted, .approved, .published])
        XCTAssertEqual(approval.entry(.approved)?.comment, "ตรวจแล้ว ถูกต้อง")
        XCTAssertEqual(approval.entry(.approved)?.by, "นายผู้อนุมัติ ตรงไป")
        XCTAssertEqual(approval.entry(.submitted)?.by, "นางสาวผู้เสนอ ใจดี")
        XCTAssertNil(approval.entry(.submitted)?.comment)
    }

    func testFindingsAreGroupedPerItemWithOneLinePerMissingField() async throws {
        let organization = try await makeOrganization(slug: "findings")
        try await makeUser("editor", role: .editor, in: organization)
        var draft = plan(organization, status: .draft)
        let name = "โครงการที่รายละเอียดยังว่างทั้งหมด"
        draft.items[0].name = name
        draft.items[0].sheet = ProjectSheet()
        let stored = try await PlanStore(db).create(draft)
        var editor = Browser(app)
        try await editor.signIn("editor", password: Self.password)
        let page = try await editor.get(SiteURL.plan(stored.id).path)
        let start = try XCTUnwrap(page.body.range(of: "class=\"findings\""))
        let findings = String(page.body[start.lowerBound...])
        XCTAssertEqual(findings.components(separatedBy: name).count - 1, 1, "the item's name once")
        for field in ["หลักการและเหตุผล", "วัตถุประสงค์", "กลุ่มเป้าหมาย", "วิธีดำเนินการ", "ระยะเวลาดำเนินการ"] {
            XCTAssertEqual(findings.components(separatedBy: "ยังไม่ได้กรอก\(field)<").count - 1, 1, field)
        }
    }
}

/// Issue 11, point 8 (part): one "responsible" value for the table and the sheet.
final class ResponsibleValueTests: ServerTestCase {
    func testNewItemStartsWithOneResponsibleValueAndAnEmptyFieldEightFollowsTheTable() async throws {
        var organization = try await makeOrganization(slug: "responsible", name: "องค์การบริหารส่วนตำบลผู้รับผิดชอบ")
        organization.units = ["กองคลัง", "สำนักปลัด"]
        try await OrganizationStore(db).update(organization)
        try await makeUser("editor", role: .editor, in: organization)
        let plan = try await PlanStore(db).create(demoPlan(for: organization))
        var browser = Browser(app)
        try await browser.signIn("editor", password: Self.password)
        let form = try await browser.get(SiteURL.newItem(plan: plan.id, mission: "2.1").path)
        XCTAssertTrue(form.body.contains("name=\"responsibleUnit\" list=\"units\" value=\"กองคลัง\""), "the table's default")
        XCTAssertFalse(form.body.contains("name=\"responsible\""), "no second responsible field")
        XCTAssertTrue(form.body.contains("ใช้ค่าเดียวกับช่อง “ผู้รับผิดชอบ” ในตารางแผนด้านบน"), "field 8 says it is the same value")
        // A client that still sends field 8 apart gets one value in both places: the table's.
        let page = try await browser.post(SiteURL.newItem(plan: plan.id).path, [
            ("version", String(plan.version)), ("kind", "project"), ("name", "โครงการผู้รับผิดชอบเดียว"), ("missionCode", "2.1"),
            ("responsibleUnit", "กองช่าง"), ("hasSheet", "on"), ("responsible", "ฝ่ายอื่น"),
        ])
        XCTAssertEqual(page.status, .seeOther, page.body)
        let loaded = try await PlanStore(db).plan(id: plan.id, scope: .everything)
        let saved = try XCTUnwrap(loaded?.items.first { $0.name == "โครงการผู้รับผิดชอบเดียว" })
        XCTAssertEqual(saved.sheet?.responsible, "กองช่าง")
        XCTAssertEqual(saved.responsibleUnit, "กองช่าง")
    }

    /// Point 8: the sub-mission list holds the chosen mission's sub-missions; changing the
    /// mission (the refresh button, pressed by editor.js on change) answers the same form with
    /// the new list and what was typed, and saves nothing.
    func testSubMissionListFollowsTheChosenMission() async throws {
        let organization = try await makeOrganization(slug: "submissions")
        try await makeUser("editor", role: .editor, in: organization)
        let plan = try await PlanStore(db).create(demoPlan(for: organization))
        var browser = Browser(app)
        try await browser.signIn("editor", password: Self.password)
        let form = try await browser.get(SiteURL.newItem(plan: plan.id, mission: "2.1").path)
        XCTAssertTrue(form.body.contains("<option value=\"2.1.1\""))
        XCTAssertFalse(form.body.contains("<option value=\"1.1.1\""), "no sub-mission of another mission")
        let refreshed = try await browser.post(SiteURL.newItem(plan: plan.id).path, [
            ("version", String(plan.version)), ("kind", "project"), ("name", "โครงการที่ยังพิมพ์ไม่เสร็จ"), ("missionCode", "3.1"),
            ("subMissionCode", "2.1.1"), ("responsibleUnit", "สำนักปลัด"), ("refresh", "1"),
        ])
        XCTAssertEqual(refreshed.status, .ok)
        XCTAssertTrue(refreshed.body.contains("<option value=\"3.1.1\""))
        XCTAssertFalse(refreshed.body.contains("<option value=\"2.1.1\""))
        XCTAssertTrue(refreshed.body.contains("โครงการที่ยังพิมพ์ไม่เสร็จ"), "what was typed is kept")
        let loaded = try await PlanStore(db).plan(id: plan.id, scope: .everything)
        XCTAssertEqual(loaded?.items.count, plan.items.count, "nothing saved")
    }
}
