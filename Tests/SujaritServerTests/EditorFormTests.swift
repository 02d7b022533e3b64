import Foundation
import XCTest
import XCTVapor
import SujaritCore
@_spi(Fixtures) import SujaritPersistence
@testable import SujaritServer

/// The plan editor's forms, as a browser uses them.
final class EditorFormTests: ServerTestCase {
    var organization: Organization!
    var plan: Plan!

    override func setUp() async throws {
        try await super.setUp()
        organization = try await makeOrganization(slug: "forms")
        try await makeUser("editor", role: .editor, in: organization)
        try await makeUser("admin", role: .admin, in: organization)
        try await makeUser("viewer", role: .viewer, in: organization)
        plan = try await PlanStore(db).create(demoPlan(for: organization))
    }

    func signedIn(_ username: String) async throws -> Browser {
        var browser = Browser(app)
        try await browser.signIn(username, password: Self.password)
        return browser
    }

    func stored() async throws -> Plan {
        let plan = try await PlanStore(db).plan(id: plan.id, scope: .everything)
        return try XCTUnwrap(plan)
    }

    var base: String { "/plans/\(plan.id.uuidString.lowercased())" }

    func itemFields(version: Int, name: String, mission: String = "2.1", budgets: [Int: String] = [:], noBudget: Set<Int> = []) -> [(String, String)] {
        var fields: [(String, String)] = [("version", String(version)), ("kind", "measure"), ("name", name), ("missionCode", mission),
                                          ("responsibleUnit", "สำนักปลัด"), ("remarks", ""), ("hasSheet", "on"),
                                          ("rationale", "เพื่อความโปร่งใส"), ("objectives", "1) ข้อแรก\n๒) ข้อสอง"),
                                          ("targetGroup", "บุคลากร"), ("targetHeadcount", "๗๒"),
                                          ("method", "ขั้นแรก\n  - ย่อยหนึ่ง\n  - ย่อยสอง\nขั้นที่สอง"), ("period", "ปีงบประมาณ พ.ศ. 2566 – 2570"),
                                          ("budgetText", "ไม่ใช้งบประมาณ"), ("responsible", "สำนักปลัด"),
                                          ("outputs", "มีประกาศ 1 ฉบับ"), ("outcomes", "ร้องเรียนลดลง")]
        for (year, amount) in budgets { fields.append(("budgets[\(year)]", amount)) }
        for year in noBudget { fields.append(("noBudget[\(year)]", "on")) }
        return fields
    }

    func testEditorAddsAnItemWithBudgetsAndSheet() async throws {
        var browser = try await signedIn("editor")
        let form = try await browser.get("\(base)/items/new?mission=2.1")
        XCTAssertEqual(form.status, .ok)
        XCTAssertTrue(form.body.contains("<option value=\"2.1\" selected>"), "the mission from the link is preselected")
        let page = try await browser.post("\(base)/items/new", itemFields(
            version: plan.version, name: "มาตรการทดสอบจากแบบฟอร์ม", budgets: [2566: "๒๐,๐๐๐", 2567: "1,500.50"], noBudget: [2568, 2569, 2570]))
        XCTAssertEqual(page.status, .seeOther, page.body)
        let saved = try await stored()
        let item = try XCTUnwrap(saved.items.first { $0.name == "มาตรการทดสอบจากแบบฟอร์ม" })
        XCTAssertEqual(item.kind, .measure)
        XCTAssertEqual(item.missionCode, "2.1")
        XCTAssertEqual(item.budgets[FiscalYear(2566)], .amount(Money(baht: 20_000)))
        XCTAssertEqual(item.budgets[FiscalYear(2567)], .amount(Money(satang: 150_050)))
        XCTAssertEqual(item.budgets[FiscalYear(2570)], .noBudget)
        XCTAssertEqual(item.sheet?.objectives, ["ข้อแรก", "ข้อสอง"])
        XCTAssertEqual(item.sheet?.targetHeadcount, 72)
        XCTAssertEqual(item.sheet?.method, [MethodStep("ขั้นแรก", subSteps: [MethodStep("ย่อยหนึ่ง"), MethodStep("ย่อยสอง")]), MethodStep("ขั้นที่สอง")])
        XCTAssertEqual(saved.version, plan.version + 1)
        XCTAssertEqual(PlanSummary(plan: saved).itemCount, plan.items.count + 1)
        // The new item is the last of mission 2.1.
        XCTAssertEqual(saved.items(inMission: "2.1").last?.id, item.id)
        // The editor page shows the new totals.
        let editor = try await browser.get("\(base)/edit")
        let total2566 = PlanSummary(plan: saved).budgetByYear[FiscalYear(2566)]!
        XCTAssertTrue(editor.body.contains(total2566.formatted()))
    }

    func testBadAmountsComeBackBesideTheirFieldWithWhatWasTyped() async throws {
        var browser = try await signedIn("editor")
        let cases: [(String, String)] = [("abc", "ไม่ใช่จำนวนเงิน"), ("-5", "ติดลบ"), ("1.234", "ทศนิยม"),
                                         ("2,000,000,000,000", "เกิน"), ("1,00", "จุลภาค")]
        for (typed, expected) in cases {
            let page = try await browser.post("\(base)/items/new", itemFields(version: plan.version, name: "รายการ \(typed)", budgets: [2566: typed]))
            XCTAssertEqual(page.status, .unprocessableEntity, typed)
            XCTAssertTrue(page.body.contains("id=\"budget-2566-error\""), typed)
            XCTAssertTrue(page.body.contains(expected), "\(typed) → \(expected)")
            XCTAssertTrue(page.body.contains("value=\"\(HTML.escape(typed))\""), "the typed amount is kept")
            XCTAssertTrue(page.body.contains("รายการ \(HTML.escape(typed))"), "the typed name is kept")
        }
        // Both "no budget" and a bad amount: the amount is what was meant, so it is refused.
        let both = try await browser.post("\(base)/items/new", itemFields(version: plan.version, name: "ทั้งสองอย่าง", budgets: [2566: "abc"], noBudget: [2566]))
        XCTAssertEqual(both.status, .unprocessableEntity)
        let long = try await browser.post("\(base)/items/new", itemFields(version: plan.version, name: String(repeating: "ก", count: 10_000)))
        XCTAssertEqual(long.status, .unprocessableEntity)
        XCTAssertTrue(long.body.contains("id=\"name-error\""))
        let after = try await stored()
        XCTAssertEqual(after, plan, "nothing was saved")
    }

    func testScriptInTextIsShownAsText() async throws {
        var browser = try await signedIn("editor")
        let hostile = "<script>alert('x')</script>"
        let page = try await browser.post("\(base)/items/new", itemFields(version: plan.version, name: "มาตรการ \(hostile)"))
        XCTAssertEqual(page.status, .seeOther)
        for path in ["\(base)/edit", base] {
            let html = try await browser.get(path).body
            XCTAssertFalse(html.contains(hostile), path)
            XCTAssertTrue(html.contains("มาตรการ &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"), path)
        }
        let saved = try await stored()
        XCTAssertTrue(saved.items.contains { $0.name == "มาตรการ \(hostile)" }, "stored exactly as typed")
    }

    func testStaleFormShowsTheOtherPersonsChange() async throws {
        var first = try await signedIn("editor")
        var second = try await signedIn("admin")
        let item = plan.items[0]
        let formA = try await first.get("\(base)/items/\(item.id.uuidString.lowercased())/edit")
        let formB = try await second.get("\(base)/items/\(item.id.uuidString.lowercased())/edit")
        XCTAssertEqual(Browser.version(in: formA.body), String(plan.version))
        XCTAssertEqual(Browser.version(in: formB.body), String(plan.version))
        var fields = itemFields(version: plan.version, name: "ชื่อที่ผู้ใช้คนแรกบันทึก", mission: item.missionCode!)
        let saved = try await first.post("\(base)/items/\(item.id.uuidString.lowercased())/edit", fields)
        XCTAssertEqual(saved.status, .seeOther)
        fields = itemFields(version: plan.version, name: "ชื่อที่ผู้ใช้คนที่สองพิมพ์", mission: item.missionCode!)
        let stale = try await second.post("\(base)/items/\(item.id.uuidString.lowercased())/edit", fields)
        XCTAssertEqual(stale.status, .conflict)
        XCTAssertTrue(stale.body.contains("มีผู้อื่นบันทึกการแก้ไขแผนนี้ก่อนแล้ว"))
        XCTAssertTrue(stale.body.contains("ชื่อที่ผู้ใช้คนแรกบันทึก"), "the other person's change is shown")
        XCTAssertTrue(stale.body.contains("ชื่อที่ผู้ใช้คนที่สองพิมพ์"), "what was typed is kept")
        XCTAssertEqual(Browser.version(in: stale.body), String(plan.version + 1), "saving again is now a deliberate overwrite")
        let now = try await stored()
        XCTAssertEqual(now.items.first { $0.id == item.id }?.name, "ชื่อที่ผู้ใช้คนแรกบันทึก")
    }

    func testMoveDuplicateAndDelete() async throws {
        var browser = try await signedIn("editor")
        let mission = try XCTUnwrap(plan.dimensions.flatMap(\.missions).first { plan.items(inMission: $0.code).count >= 2 })
        let before = plan.items(inMission: mission.code).map(\.id)
        let second = before[1].uuidString.lowercased()
        var page = try await browser.post("\(base)/items/\(second)/shift", [("version", String(plan.version)), ("offset", "-1")])
        XCTAssertEqual(page.status, .seeOther)
        var now = try await stored()
        XCTAssertEqual(now.items(inMission: mission.code).map(\.id).prefix(2), [before[1], before[0]])

        page = try await browser.post("\(base)/items/\(second)/duplicate", [("version", String(now.version))])
        XCTAssertEqual(page.status, .seeOther)
        now = try await stored()
        let copy = try XCTUnwrap(now.items.first { $0.name.hasSuffix("(สำเนา)") })
        XCTAssertEqual(now.items(inMission: mission.code).map(\.id).prefix(2), [before[1], copy.id], "the copy follows its original")

        let confirm = try await browser.get("\(base)/items/\(copy.id.uuidString.lowercased())/delete")
        XCTAssertTrue(confirm.body.contains(HTML.escape(copy.name)))
        page = try await browser.post("\(base)/items/\(copy.id.uuidString.lowercased())/delete", [("version", String(now.version))])
        XCTAssertEqual(page.status, .seeOther)
        now = try await stored()
        XCTAssertFalse(now.items.contains { $0.id == copy.id })
        XCTAssertEqual(now.items.count, plan.items.count)

        // Moving to a mission of another plan is refused at the field.
        let other = try await makeOrganization(slug: "other-org")
        let otherPlan = try await PlanStore(db).create(demoPlan(for: other))
        _ = otherPlan
        let bad = try await browser.post("\(base)/items/\(second)/edit", itemFields(version: now.version, name: "ย้ายข้ามแผน", mission: "9.9"))
        XCTAssertEqual(bad.status, .unprocessableEntity)
        XCTAssertTrue(bad.body.contains("id=\"missionCode-error\""))
        // And an item of another plan cannot be edited through this plan's address.
        let foreign = otherPlan.items[0].id.uuidString.lowercased()
        let missing = try await browser.get("\(base)/items/\(foreign)/edit")
        XCTAssertEqual(missing.status, .notFound)
    }

    func testRiskTargetAndFrontMatterForms() async throws {
        var browser = try await signedIn("editor")
        var page = try await browser.post("\(base)/risks/new", [
            ("version", String(plan.version)), ("workArea", "การจัดซื้อจัดจ้าง"), ("issues", "1. แบ่งซื้อแบ่งจ้าง\n2. กำหนดคุณลักษณะเอื้อผู้ขาย"),
            ("levels", "สูง\nสูงมาก"), ("controlMeasures", "วิเคราะห์ผลการจัดซื้อจัดจ้าง"), ("linked[]", plan.items[0].id.uuidString)])
        XCTAssertEqual(page.status, .seeOther, page.body)
        var now = try await stored()
        let risk = try XCTUnwrap(now.risks.first { $0.workArea == "การจัดซื้อจัดจ้าง" })
        XCTAssertEqual(risk.issues, [RiskIssue("แบ่งซื้อแบ่งจ้าง", level: .high), RiskIssue("กำหนดคุณลักษณะเอื้อผู้ขาย", level: .veryHigh)])
        XCTAssertEqual(risk.linkedItemIDs, [plan.items[0].id])

        page = try await browser.post("\(base)/risks/new", [("version", String(now.version)), ("workArea", "x"), ("issues", "ประเด็น"), ("levels", "ปานกลางมาก")])
        XCTAssertEqual(page.status, .unprocessableEntity)
        XCTAssertTrue(page.body.contains("ระดับความเสี่ยงบรรทัดที่ 1"))

        page = try await browser.post("\(base)/targets/new", [("version", String(now.version)), ("indicator", "ความพึงพอใจของประชาชน"), ("unit", "ร้อยละ"),
                                                               ("values[2566]", "๘๐"), ("values[2570]", "90.5")])
        XCTAssertEqual(page.status, .seeOther, page.body)
        now = try await stored()
        let target = try XCTUnwrap(now.targets.first { $0.indicator == "ความพึงพอใจของประชาชน" })
        XCTAssertEqual(target.values, [FiscalYear(2566): 80, FiscalYear(2570): Decimal(string: "90.5")!])
        page = try await browser.post("\(base)/targets/new", [("version", String(now.version)), ("indicator", "y"), ("values[2566]", "สิบ")])
        XCTAssertEqual(page.status, .unprocessableEntity)
        // Not a number, however close: "1-2" is not 1 and "--1" is not 0 (issue 8, 2.12).
        for bad in ["1-2", "--1", "1.2.3", "-", "."] {
            page = try await browser.post("\(base)/targets/new", [("version", String(now.version)), ("indicator", "y"), ("values[2566]", bad)])
            XCTAssertEqual(page.status, .unprocessableEntity, bad)
        }
        let unchanged = try await stored()
        XCTAssertEqual(unchanged.version, now.version, "nothing stored")

        page = try await browser.post("\(base)/front-matter", [("version", String(now.version)), ("title", "แผนใหม่"), ("foreword", "คำนำ"),
                                                               ("rationale", "เหตุผล"), ("objectives", "(1) หนึ่ง\n(2) สอง"), ("benefits", "ประโยชน์")])
        XCTAssertEqual(page.status, .seeOther)
        now = try await stored()
        XCTAssertEqual(now.title, "แผนใหม่")
        XCTAssertEqual(now.frontMatter.objectives, ["หนึ่ง", "สอง"])

        page = try await browser.post("\(base)/targets/\(target.id.uuidString.lowercased())/delete", [("version", String(now.version))])
        XCTAssertEqual(page.status, .seeOther)
        now = try await stored()
        XCTAssertFalse(now.targets.contains { $0.id == target.id })
    }

    func testLifeCyclePermissions() async throws {
        var viewer = try await signedIn("viewer")
        var page = try await viewer.get("\(base)/items/new")
        XCTAssertEqual(page.status, .forbidden, "a viewer cannot edit")
        page = try await viewer.post("\(base)/transition", [("version", String(plan.version)), ("action", "submit")])
        XCTAssertEqual(page.status, .forbidden)

        var editor = try await signedIn("editor")
        page = try await editor.post("\(base)/transition", [("version", String(plan.version)), ("action", "submit")])
        XCTAssertEqual(page.status, .seeOther)
        var now = try await stored()
        XCTAssertEqual(now.status, .submitted)
        page = try await editor.post("\(base)/transition", [("version", String(now.version)), ("action", "approve")])
        XCTAssertEqual(page.status, .forbidden, "an editor cannot approve")

        var admin = try await signedIn("admin")
        page = try await admin.post("\(base)/transition", [("version", String(now.version)), ("action", "approve")])
        XCTAssertEqual(page.status, .seeOther)
        now = try await stored()
        page = try await admin.post("\(base)/transition", [("version", String(now.version)), ("action", "publish")])
        XCTAssertEqual(page.status, .seeOther)
        now = try await stored()
        XCTAssertEqual(now.status, .published)

        // Published: read-only; the public address serves it.
        page = try await editor.post("\(base)/items/new", itemFields(version: now.version, name: "หลังเผยแพร่"))
        XCTAssertEqual(page.status, .conflict)
        let after = try await stored()
        XCTAssertEqual(after, now)
        var visitor = Browser(app)
        let publicPage = try await visitor.get("/o/forms/plan/2566-2570")
        XCTAssertEqual(publicPage.status, .ok)

        // A new revision starts as a draft; the published one stays public.
        page = try await editor.post("\(base)/revise", [("version", String(now.version))])
        XCTAssertEqual(page.status, .seeOther)
        let revisions = try await PlanStore(db).revisions(seriesID: plan.id, organizationID: organization.id)
        XCTAssertEqual(revisions.map(\.revision), [2, 1])
        XCTAssertEqual(revisions.first?.status, .draft)
        let history = try await editor.get("\(base)/history")
        XCTAssertTrue(history.body.contains("เผยแพร่"))
        XCTAssertTrue(history.body.contains("editor"), "who did it")
        let stillPublic = try await visitor.get("/o/forms/plan/2566-2570")
        XCTAssertTrue(stillPublic.body.contains("/plans/\(plan.id.uuidString.lowercased())/items/"), "revision 1 is still what the public sees")
    }

    func testSubmitIsRefusedWhileThePlanHasErrors() async throws {
        var broken = try await stored()
        broken.items[0].missionCode = nil
        broken = try await PlanStore(db).save(broken, expectedVersion: broken.version)
        var editor = try await signedIn("editor")
        let page = try await editor.post("\(base)/transition", [("version", String(broken.version)), ("action", "submit")])
        XCTAssertEqual(page.status, .conflict)
        XCTAssertTrue(page.body.contains("ข้อผิดพลาด"))
        let now = try await stored()
        XCTAssertEqual(now.status, .draft)
    }

    func testFormsNeedCSRFToken() async throws {
        var browser = try await signedIn("editor")
        let page = try await browser.post("\(base)/items/new", itemFields(version: plan.version, name: "ไม่มีโทเค็น"), withToken: false)
        XCTAssertEqual(page.status, .forbidden)
        let now = try await stored()
        XCTAssertEqual(now, plan)
    }
}
