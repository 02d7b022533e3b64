import Foundation
import XCTest
import XCTVapor
import SujaritCore
@_spi(Fixtures) import SujaritPersistence
@testable import SujaritServer
import SujaritCatalog

/// The new-plan wizard.
final class WizardTests: ServerTestCase {
    func testOneYearPlanFromStandardMeasures() async throws {
        let organization = try await makeOrganization(slug: "wizard", name: "เทศบาลตำบลทดลอง")
        try await makeUser("editor", role: .editor, in: organization)
        var browser = Browser(app)
        try await browser.signIn("editor", password: Self.password)
        let form = try await browser.get("/o/wizard/plans/new")
        XCTAssertEqual(form.status, .ok)
        XCTAssertTrue(form.body.contains("มาตรการ NO Gift Policy") || form.body.contains("no-gift-policy"))
        let chosen = ["no-gift-policy", "corruption-complaint-channel", "internal-control-evaluation", "development-plan-participation"]
        let page = try await browser.post("/o/wizard/plans/new", [("cycle", "custom"), ("firstYear", "๒๕๖๘"), ("lastYear", "")] + chosen.map { ("measures[]", $0) })
        XCTAssertEqual(page.status, .seeOther, page.body)
        let list = try await PlanStore(db).plans(organizationID: organization.id, includeUnpublished: true)
        XCTAssertEqual(list.count, 1)
        let loaded = try await PlanStore(db).plan(id: list[0].id, scope: .everything)
        let plan = try XCTUnwrap(loaded)
        XCTAssertEqual(plan.fiscalYears, [FiscalYear(2568)])
        XCTAssertEqual(plan.items.count, chosen.count)
        XCTAssertTrue(plan.title.contains("เทศบาลตำบลทดลอง"), "the organization's name fills the template title")
        for item in plan.items {
            XCTAssertNotNil(item.sheet, item.name)
            XCTAssertFalse(item.name.contains("{"), item.name)
            XCTAssertNotNil(item.budgets[FiscalYear(2568)], "every year has a budget entry")
        }
        XCTAssertTrue(plan.items.contains { $0.name.contains("เทศบาลตำบลทดลอง") })
        XCTAssertEqual(PlanValidator.validate(plan).filter { $0.severity == .error }, [])
        XCTAssertEqual(page.location, "/plans/\(plan.id.uuidString.lowercased())/edit")
    }

    func testWizardRejectsBadYearsAndUnknownMeasuresKeepingTheForm() async throws {
        let organization = try await makeOrganization(slug: "wizard-bad")
        try await makeUser("editor", role: .editor, in: organization)
        try await makeUser("viewer", role: .viewer, in: organization)
        var browser = Browser(app)
        try await browser.signIn("editor", password: Self.password)
        var page = try await browser.post("/o/wizard-bad/plans/new", [("cycle", "custom"), ("firstYear", "2025"), ("lastYear", "2024"), ("title", "แผนของฉัน")])
        XCTAssertEqual(page.status, .unprocessableEntity)
        XCTAssertTrue(page.body.contains("id=\"firstYear-error\""))
        XCTAssertTrue(page.body.contains("value=\"2025\""))
        XCTAssertTrue(page.body.contains("แผนของฉัน"))
        page = try await browser.post("/o/wizard-bad/plans/new", [("cycle", "2566-2570"), ("measures[]", "no-such-measure")])
        XCTAssertEqual(page.status, .unprocessableEntity)
        page = try await browser.post("/o/wizard-bad/plans/new", [("cycle", "2561-2564"), ("measures[]", "no-gift-policy")])
        XCTAssertEqual(page.status, .unprocessableEntity, "standard measures belong to the 2566–2570 template")
        let plans = try await PlanStore(db).plans(organizationID: organization.id, includeUnpublished: true)
        XCTAssertTrue(plans.isEmpty)

        var viewer = Browser(app)
        try await viewer.signIn("viewer", password: Self.password)
        let denied = try await viewer.get("/o/wizard-bad/plans/new")
        XCTAssertEqual(denied.status, .forbidden)
    }

    func testTemplateCycleStartsEmptyWithCatalogMissions() async throws {
        let organization = try await makeOrganization(slug: "wizard-empty")
        try await makeUser("editor", role: .editor, in: organization)
        var browser = Browser(app)
        try await browser.signIn("editor", password: Self.password)
        let page = try await browser.post("/o/wizard-empty/plans/new", [("cycle", "2566-2570"), ("title", "")])
        XCTAssertEqual(page.status, .seeOther)
        let list = try await PlanStore(db).plans(organizationID: organization.id, includeUnpublished: true)
        let loaded = try await PlanStore(db).plan(id: list[0].id, scope: .everything)
        let plan = try XCTUnwrap(loaded)
        XCTAssertEqual(plan.items, [])
        XCTAssertEqual(plan.dimensions, PlanCatalog.cycle2566.dimensions)
        XCTAssertEqual(plan.fiscalYears.count, 5)
    }
}

/// The organization's own settings: only its admin may change them.
final class OrganizationSettingsTests: ServerTestCase {
    func testAdminSetsThaiDigitsAndUnits() async throws {
        let organization = try await makeOrganization(slug: "settings")
        try await makeUser("admin", role: .admin, in: organization)
        try await makeUser("editor", role: .editor, in: organization)
        var editor = Browser(app)
        try await editor.signIn("editor", password: Self.password)
        let denied = try await editor.get("/o/settings/settings")
        XCTAssertEqual(denied.status, .forbidden)

        var admin = Browser(app)
        try await admin.signIn("admin", password: Self.password)
        var page = try await admin.post("/o/settings/settings", [("name", ""), ("kind", "sao"), ("digitStyle", "thai")])
        XCTAssertEqual(page.status, .unprocessableEntity)
        XCTAssertTrue(page.body.contains("id=\"name-error\""))
        page = try await admin.post("/o/settings/settings", [("name", "องค์การบริหารส่วนตำบลตั้งค่า"), ("kind", "sao"), ("district", "พล"),
                                                              ("province", "ขอนแก่น"), ("units", "สำนักปลัด\nกองคลัง\n\nกองช่าง"), ("digitStyle", "thai")])
        XCTAssertEqual(page.status, .seeOther)
        let stored = try await OrganizationStore(db).find(slug: "settings")
        XCTAssertEqual(stored?.digitStyle, .thai)
        XCTAssertEqual(stored?.units, ["สำนักปลัด", "กองคลัง", "กองช่าง"])
        XCTAssertEqual(stored?.name, "องค์การบริหารส่วนตำบลตั้งค่า")
    }
}
