import Foundation
import XCTest
import XCTVapor
import SujaritCore
import SujaritImport
@_spi(Fixtures) import SujaritPersistence
@testable import SujaritServer

/// Uploading a plan document, reviewing it beside its diagnosis, accepting or discarding it.
final class ImportWebTests: ServerTestCase {
    /// Issue 8, 2.7: an imported document over the editing limits is refused with the fields
    /// named, and nothing is stored (it could not be edited afterwards).
    func testImportOverTheLimitsIsRefusedAndNothingIsStored() async throws {
        let organization = try await makeOrganization(slug: "limits")
        try await makeUser("editor", role: .editor, in: organization)
        var browser = Browser(app)
        try await browser.signIn("editor", password: Self.password)

        // 520 items: more than the 500 an edited plan may hold.
        let many = SyntheticPlanDocument.text(itemCount: 520)
        let tooMany = try await upload(&browser, slug: "limits", fileName: "many.txt", data: Data(many.utf8))
        XCTAssertEqual(tooMany.status, .unprocessableEntity, String(tooMany.body.prefix(300)))
        XCTAssertTrue(tooMany.body.contains("500"), "the page says which limit")

        // A 5,000-character item name: more than the 1,000 a name may have.
        var result = try DocumentImporter.importDocument(Data(SyntheticPlanDocument.text(itemCount: 3).utf8), fileName: "long.txt")
        result.plan.items[0].name = "โครงการ" + String(repeating: "ก", count: 5_000)
        do {
            _ = try await ImportedPlans.saveDraft(result, organizationSlug: organization.slug, on: app)
            XCTFail("a name over the limit was stored")
        } catch let error as CommandRefusal {
            XCTAssertEqual(SujaritError(error).status, .unprocessableEntity)
            XCTAssertTrue(error.fields.contains { $0.path == "items[0].name" }, "\(error.fields)")
        }
        let plans = try await PlanStore(db).plans(organizationID: organization.id, includeUnpublished: true)
        XCTAssertEqual(plans.count, 0, "nothing half-stored")
    }

    func testUploadReviewAndAccept() async throws {
        let organization = try await makeOrganization(slug: "importer")
        try await makeUser("editor", role: .editor, in: organization)
        var browser = Browser(app)
        try await browser.signIn("editor", password: Self.password)
        let form = try await browser.get("/o/importer/import")
        XCTAssertEqual(form.status, .ok)
        XCTAssertTrue(form.body.contains("enctype=\"multipart/form-data\""))

        let text = SyntheticPlanDocument.text(itemCount: 12)
        let expected = try DocumentImporter.importDocument(Data(text.utf8), fileName: "plan.txt")
        let page = try await upload(&browser, slug: "importer", fileName: "plan.txt", data: Data(text.utf8))
        XCTAssertEqual(page.status, .seeOther, page.body)
        let location = try XCTUnwrap(page.location)
        XCTAssertTrue(location.hasSuffix("/import"))

        let plans = try await PlanStore(db).plans(organizationID: organization.id, includeUnpublished: true)
        XCTAssertEqual(plans.count, 1)
        let loaded = try await PlanStore(db).plan(id: plans[0].id, scope: .everything)
        let plan = try XCTUnwrap(loaded)
        XCTAssertEqual(plan.status, .draft)
        XCTAssertEqual(plan.organizationID, organization.id)
        XCTAssertEqual(PlanSummary(plan: plan).itemCount, expected.summary.itemCount)
        XCTAssertEqual(PlanSummary(plan: plan).total, expected.summary.total)

        let review = try await browser.get(location)
        XCTAssertEqual(review.status, .ok)
        XCTAssertTrue(review.body.contains("ผลการตรวจเอกสาร"))
        for finding in expected.findings.prefix(5) {
            XCTAssertTrue(review.body.contains(HTML.escape(finding.message.th)), finding.code)
        }
        let accepted = try await browser.post("/plans/\(plan.id.uuidString.lowercased())/import/accept", [])
        XCTAssertEqual(accepted.status, .seeOther)
        let record = try await PlanImportStore(db).record(planID: plan.id, organizationID: organization.id)
        XCTAssertEqual(record?.status, "accepted")
        // An accepted import cannot be discarded from the review page any more.
        let late = try await browser.post("/plans/\(plan.id.uuidString.lowercased())/import/discard", [])
        XCTAssertEqual(late.status, .conflict)
    }

    /// Issue 12.9: the web upload takes a PDF as the command line does — a plan printed to PDF
    /// (by LibreOffice, as officers' offices do) becomes a draft with the items of its text; a
    /// PDF with no plan in it gets the importer's message, not "unknown format".
    func testPDFUploadIsReadLikeTheCommandLine() async throws {
        let tools = ["soffice", "pdftotext"].map { name in
            ProcessInfo.processInfo.environment["PATH", default: "/usr/bin"].split(separator: ":")
                .map { "\($0)/\(name)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
        }
        guard let soffice = tools[0], tools[1] != nil else { throw XCTSkip("soffice or pdftotext is not installed") }
        let organization = try await makeOrganization(slug: "pdf-upload")
        try await makeUser("editor", role: .editor, in: organization)
        var browser = Browser(app)
        try await browser.signIn("editor", password: Self.password)
        let form = try await browser.get("/o/pdf-upload/import")
        XCTAssertTrue(form.body.contains("application/pdf"), "the file chooser offers PDF")

        let text = SyntheticPlanDocument.text(itemCount: 8)
        let expected = try DocumentImporter.importDocument(Data(text.utf8), fileName: "plan.txt")
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sujarit-pdf-upload-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data(text.utf8).write(to: folder.appendingPathComponent("plan.txt"))
        let convert = Process()
        convert.executableURL = URL(fileURLWithPath: soffice)
        convert.arguments = ["-env:UserInstallation=file://\(folder.path)/profile", "--headless", "--convert-to", "pdf",
                             "--outdir", folder.path, folder.appendingPathComponent("plan.txt").path]
        convert.standardOutput = FileHandle.nullDevice
        convert.standardError = FileHandle.nullDevice
        try convert.run()
        convert.waitUntilExit()
        let pdf = try Data(contentsOf: folder.appendingPathComponent("plan.pdf"))
        XCTAssertTrue(pdf.starts(with: Data("%PDF".utf8)))

        // What the command line reads from this PDF (`sujarit import plan.pdf`).
        let fromCommandLine = try DocumentImporter.importDocument(pdf, fileName: "plan.pdf")
        XCTAssertEqual(fromCommandLine.plan.items.map(\.name), expected.plan.items.map(\.name), "the PDF holds the plan's items")
        // …and their budgets: the text plan printed by LibreOffice once read as a total of 0.
        XCTAssertEqual(fromCommandLine.plan.items.map(\.budgets), expected.plan.items.map(\.budgets), "the PDF holds the plan's budgets")
        XCTAssertGreaterThan(expected.summary.total, Money(satang: 0))

        let page = try await upload(&browser, slug: "pdf-upload", fileName: "plan.pdf", data: pdf)
        XCTAssertEqual(page.status, .seeOther, String(page.body.prefix(400)))
        let plans = try await PlanStore(db).plans(organizationID: organization.id, includeUnpublished: true)
        XCTAssertEqual(plans.count, 1)
        let stored = try await PlanStore(db).plan(id: plans[0].id, scope: .everything)
        let plan = try XCTUnwrap(stored)
        XCTAssertEqual(plan.items.map(\.name), expected.plan.items.map(\.name))
        XCTAssertEqual(PlanSummary(plan: plan).total, fromCommandLine.summary.total)
        XCTAssertEqual(PlanSummary(plan: plan).total, expected.summary.total)

        // Text that is no plan, as a PDF: the importer's own message.
        try Data("Minutes of the council meeting\nAttendance: 12 members\n".utf8).write(to: folder.appendingPathComponent("minutes.txt"))
        let again = Process()
        again.executableURL = URL(fileURLWithPath: soffice)
        again.arguments = ["-env:UserInstallation=file://\(folder.path)/profile", "--headless", "--convert-to", "pdf",
                           "--outdir", folder.path, folder.appendingPathComponent("minutes.txt").path]
        again.standardOutput = FileHandle.nullDevice
        again.standardError = FileHandle.nullDevice
        try again.run()
        again.waitUntilExit()
        let refused = try await upload(&browser, slug: "pdf-upload", fileName: "minutes.pdf",
                                       data: try Data(contentsOf: folder.appendingPathComponent("minutes.pdf")))
        XCTAssertEqual(refused.status, .unprocessableEntity)
        XCTAssertTrue(refused.body.contains(HTML.escape(ImportError.noPlanContent.message.th)), String(refused.body.prefix(600)))
    }

    func testDiscardDeletesTheDraftAndBadFilesAreRefused() async throws {
        let organization = try await makeOrganization(slug: "importer2")
        try await makeUser("editor", role: .editor, in: organization)
        try await makeUser("viewer", role: .viewer, in: organization)
        var browser = Browser(app)
        try await browser.signIn("editor", password: Self.password)

        for (name, data) in [("empty.txt", Data()), ("garbage.docx", Data((0..<4096).map { UInt8(truncatingIfNeeded: $0 &* 7919) })),
                             ("zip.docx", Data([0x50, 0x4B, 0x03, 0x04] + [UInt8](repeating: 0, count: 100)))] {
            let page = try await upload(&browser, slug: "importer2", fileName: name, data: data)
            XCTAssertEqual(page.status, .unprocessableEntity, name)
            XCTAssertTrue(page.body.contains("notice error"), name)
        }
        var plans = try await PlanStore(db).plans(organizationID: organization.id, includeUnpublished: true)
        XCTAssertTrue(plans.isEmpty, "nothing stored for unreadable files")

        let page = try await upload(&browser, slug: "importer2", fileName: "plan.txt", data: Data(SyntheticPlanDocument.text(itemCount: 5).utf8))
        XCTAssertEqual(page.status, .seeOther)
        plans = try await PlanStore(db).plans(organizationID: organization.id, includeUnpublished: true)
        let id = plans[0].id.uuidString.lowercased()
        let discarded = try await browser.post("/plans/\(id)/import/discard", [])
        XCTAssertEqual(discarded.status, .seeOther)
        plans = try await PlanStore(db).plans(organizationID: organization.id, includeUnpublished: true)
        XCTAssertTrue(plans.isEmpty)

        var viewer = Browser(app)
        try await viewer.signIn("viewer", password: Self.password)
        let denied = try await viewer.get("/o/importer2/import")
        XCTAssertEqual(denied.status, .forbidden)
    }

    /// Issue 8, 2.1: an import that was taken through submit, approve and publish is settled —
    /// discarding it is refused (409 with a message) and the published plan stays public.
    /// Submitting alone settles it too, even after the plan is returned to draft.
    func testDiscardAfterPublishIsRefusedAndThePlanStaysPublic() async throws {
        let organization = try await makeOrganization(slug: "importer3")
        try await makeUser("chief", role: .admin, in: organization)
        var browser = Browser(app)
        try await browser.signIn("chief", password: Self.password)

        func importPlan() async throws -> Plan {
            let before = Set(try await PlanStore(db).plans(organizationID: organization.id, includeUnpublished: true).map(\.id))
            let page = try await upload(&browser, slug: "importer3", fileName: "plan.txt", data: Data(SyntheticPlanDocument.text(itemCount: 5).utf8))
            XCTAssertEqual(page.status, .seeOther, page.body)
            let after = try await PlanStore(db).plans(organizationID: organization.id, includeUnpublished: true)
            let entry = try XCTUnwrap(after.first { !before.contains($0.id) })
            let plan = try await PlanStore(db).plan(id: entry.id, scope: .everything)
            return try XCTUnwrap(plan)
        }
        func step(_ plan: Plan, _ action: String, version: Int) async throws {
            let page = try await browser.post("/plans/\(plan.id.uuidString.lowercased())/transition", [("action", action), ("version", String(version))])
            XCTAssertEqual(page.status, .seeOther, "\(action): \(page.body.prefix(2000))")
        }

        let plan = try await importPlan()
        try await step(plan, "submit", version: plan.version)
        try await step(plan, "approve", version: plan.version + 1)
        try await step(plan, "publish", version: plan.version + 2)
        let published = try await PlanStore(db).plan(id: plan.id, scope: .everything)
        XCTAssertEqual(published?.status, .published)

        let id = plan.id.uuidString.lowercased()
        let review = try await browser.get("/plans/\(id)/import")
        XCTAssertEqual(review.status, .ok)
        XCTAssertFalse(review.body.contains("/import/discard"), "no discard button once settled")
        let discarded = try await browser.post("/plans/\(id)/import/discard", [])
        XCTAssertEqual(discarded.status, .conflict)
        XCTAssertTrue(discarded.body.contains("ทิ้งการนำเข้าไม่ได้"), discarded.body)
        let still = try await PlanStore(db).plan(id: plan.id, scope: .everything)
        XCTAssertEqual(still?.status, .published, "the published plan is still there")
        let record = try await PlanImportStore(db).record(planID: plan.id, organizationID: organization.id)
        XCTAssertNotNil(record)
        try await app.test(.GET, "/o/importer3/plan/\(plan.yearSlug)") { res async throws in
            XCTAssertEqual(res.status, .ok, "the public address still serves it")
        }

        // Submitted and returned to draft: the import is settled as well.
        let second = try await importPlan()
        try await step(second, "submit", version: second.version)
        try await step(second, "returnToDraft", version: second.version + 1)
        let refused = try await browser.post("/plans/\(second.id.uuidString.lowercased())/import/discard", [])
        XCTAssertEqual(refused.status, .conflict)
        let kept = try await PlanStore(db).plan(id: second.id, scope: .everything)
        XCTAssertEqual(kept?.status, .draft)
    }
}
