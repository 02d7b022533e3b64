import Foundation
import XCTest
import XCTVapor
import SujaritCore
import SujaritImport
import SujaritPersistence
@testable import SujaritServer

/// Issue 11, point 6: the import review warns about another organization's document and
/// replaces its name in one step; diagnosis places carry the nearby text.
final class ImportReviewTests: ServerTestCase {
    func testAnotherOrganizationsDocumentIsFlaggedAndItsNameReplaced() async throws {
        let organization = try await makeOrganization(slug: "review", name: "องค์การบริหารส่วนตำบลบ้านรีวิว")
        try await makeUser("editor", role: .editor, in: organization)
        var browser = Browser(app)
        try await browser.signIn("editor", password: Self.password)
        let text = SyntheticPlanDocument.text(itemCount: 8)
        let uploaded = try await upload(&browser, slug: "review", fileName: "other.txt", data: Data(text.utf8))
        let location = try XCTUnwrap(uploaded.location, uploaded.body)
        let review = try await browser.get(location)
        XCTAssertEqual(review.status, .ok)
        let other = SyntheticPlanDocument.organizationName
        XCTAssertTrue(review.body.contains("เอกสารนี้เป็นแผนของ “\(other)” ไม่ใช่ของ “\(organization.name)”"), review.body)
        XCTAssertTrue(review.body.contains("/import/replace-name"))

        let planID = try XCTUnwrap(location.split(separator: "/").dropLast().last.map(String.init))
        let before = try await PlanStore(db).plan(id: XCTUnwrap(UUID(uuidString: planID)), scope: .everything)
        let plan = try XCTUnwrap(before)
        XCTAssertGreaterThan(plan.occurrences(of: other), 0)
        let replaced = try await browser.post("/plans/\(planID)/import/replace-name", [("version", String(plan.version))])
        XCTAssertEqual(replaced.status, .seeOther, replaced.body)
        let after = try await PlanStore(db).plan(id: XCTUnwrap(UUID(uuidString: planID)), scope: .everything)
        XCTAssertEqual(after?.occurrences(of: other), 0, "no trace of the other organization's name")
        XCTAssertEqual(after?.items.count, plan.items.count)
        XCTAssertTrue(after?.items.allSatisfy { $0.name.contains(organization.name) } ?? false)
        let again = try await browser.get(location)
        XCTAssertFalse(again.body.contains("/import/replace-name"), "the offer is gone once the name is replaced")
        XCTAssertTrue(again.body.contains("แทนชื่อ “\(other)” ด้วย “\(organization.name)”"))
    }

    func testFindingPlacesNameTheNearbyTextAndTheTableRow() {
        let blocks: [DocumentBlock] = [
            .paragraph(TextBlock(text: "ส่วนที่ 1 บทนำ", line: 3)),
            .paragraph(TextBlock(text: "หลักการและเหตุผลของแผนที่ยาวพอสมควร", line: 5)),
            .table(DocumentTable(rows: [
                TableRow(cells: [TableCell(lines: ["มิติ"], line: 10)], line: 10),
                TableRow(cells: [TableCell(lines: ["1.1"], line: 12), TableCell(lines: ["โครงการอบรม"], line: 12)], line: 12),
            ], line: 10)),
        ]
        let places = FindingPlaces.locate([6, 13, 1], in: blocks)
        XCTAssertEqual(places[6]?.excerpt, "หลักการและเหตุผลของแผนที่ยาวพอสมควร")
        XCTAssertEqual(places[6]?.text(format: .text, thai: true), "บรรทัด 6 ใกล้ “หลักการและเหตุผลของแผนที่ยาวพอสมควร”")
        XCTAssertEqual(places[13]?.table, 1)
        XCTAssertEqual(places[13]?.row, 2)
        XCTAssertEqual(places[13]?.text(format: .docx, thai: true), "ตารางที่ 1 แถวที่ 2 “1.1 | โครงการอบรม”")
        XCTAssertNil(places[1], "a line before every block has no place")
    }
}
