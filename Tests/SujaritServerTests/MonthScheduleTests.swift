import Foundation
import XCTest
import XCTVapor
import Fluent
import SujaritCore
import SujaritAPIModels
@_spi(Fixtures) import SujaritPersistence
@testable import SujaritServer

/// The month schedule (`PlanItem.months`, the older plans' ต.ค. – ก.ย. columns) through every
/// layer: stored and read back, edited with twelve tick boxes, refused when not a month,
/// shown on the plan page and the item page, and in the CSV and JSON downloads.
final class MonthScheduleTests: ServerTestCase {
    var organization: Organization!
    var plan: Plan!

    override func setUp() async throws {
        try await super.setUp()
        organization = try await makeOrganization(slug: "months")
        try await makeUser("editor", role: .editor, in: organization)
        plan = try await PlanStore(db).create(demoPlan(for: organization))
    }

    var base: String { "/plans/\(plan.id.uuidString.lowercased())" }

    func stored() async throws -> Plan {
        let plan = try await PlanStore(db).plan(id: plan.id, scope: .everything)
        return try XCTUnwrap(plan)
    }

    func signedIn() async throws -> Browser {
        var browser = Browser(app)
        try await browser.signIn("editor", password: Self.password)
        return browser
    }

    /// The item form as the editor page fills it, with the given month boxes ticked.
    func fields(of item: PlanItem, version: Int, months: [String]) -> [(String, String)] {
        var fields: [(String, String)] = [("version", String(version)), ("kind", item.kind.rawValue), ("name", item.name),
                                          ("missionCode", item.missionCode ?? ""), ("responsibleUnit", item.responsibleUnit),
                                          ("remarks", item.remarks)]
        for year in plan.fiscalYears {
            switch item.budgets[year] {
            case .amount(let money)?: fields.append(("budgets[\(year.be)]", money.formatted()))
            case .noBudget?: fields.append(("noBudget[\(year.be)]", "on"))
            case nil: break
            }
        }
        for month in months { fields.append(("months[\(month)]", "on")) }
        return fields
    }

    func testScheduleIsStoredAndReadBackOnEveryDatabase() async throws {
        var changed = plan!
        changed.items[0].months = try MonthSchedule(months: [10, 11, 12, 3])
        changed.items[1].months = .wholeYear
        let saved = try await PlanStore(db).save(changed, expectedVersion: plan.version)
        let loaded = try await stored()
        XCTAssertEqual(loaded, saved)
        XCTAssertEqual(loaded.items.first { $0.id == plan.items[0].id }?.months.months, [10, 11, 12, 3])
        XCTAssertEqual(loaded.items.first { $0.id == plan.items[1].id }?.months.count, 12)
        XCTAssertTrue(loaded.items.first { $0.id == plan.items[2].id }?.months.isEmpty ?? false, "an item without a schedule stays without one")
        // A new revision keeps the schedule.
        let revision = try await PlanStore(db).createRevision(from: loaded)
        XCTAssertEqual(revision.items.first { $0.lineageID == plan.items[0].lineageID }?.months.months, [10, 11, 12, 3])
    }

    func testStoredBitsBeyondTwelveMonthsAreReportedAsCorrupt() async throws {
        try await PlanItemRecord.query(on: db).filter(\.$id == plan.items[0].id).set(\.$runMonths, to: 1 << 12).update()
        do {
            _ = try await PlanStore(db).plan(id: plan.id, scope: .everything)
            XCTFail("a schedule with a thirteenth month was read")
        } catch let error as StoreError {
            XCTAssertTrue("\(error)".contains("run_months"), "\(error)")
        }
    }

    func testEditorTicksMonthsAndShowsThemOnThePages() async throws {
        var browser = try await signedIn()
        let item = plan.orderedItems[0]
        let path = "\(base)/items/\(item.id.uuidString.lowercased())/edit"
        let form = try await browser.get(path)
        XCTAssertEqual(form.status, .ok)
        // Twelve boxes in fiscal order, October first, none ticked yet.
        let boxes = form.body.components(separatedBy: "name=\"months[").dropFirst().map { $0.prefix { $0 != "]" } }
        XCTAssertEqual(boxes.map(String.init), MonthSchedule.fiscalOrder.map(String.init))
        XCTAssertFalse(form.body.contains("id=\"month-10\" checked"))
        XCTAssertTrue(form.body.contains("เดือนที่ดำเนินการ"))

        let auditBefore = try await AuditEventRecord.query(on: db).filter(\.$subject == plan.id.uuidString).count()
        let page = try await browser.post(path, fields(of: item, version: plan.version, months: ["10", "11", "12", "4"]))
        XCTAssertEqual(page.status, .seeOther, page.body)
        let saved = try await stored()
        let savedItem = try XCTUnwrap(saved.items.first { $0.id == item.id })
        XCTAssertEqual(savedItem.months.months, [10, 11, 12, 4])
        XCTAssertEqual(saved.version, plan.version + 1)
        // Saved by the one write path: its audit row names the item change.
        let auditAfter = try await AuditEventRecord.query(on: db).filter(\.$subject == plan.id.uuidString).count()
        XCTAssertEqual(auditAfter, auditBefore + 1)

        let again = try await browser.get(path)
        for month in [10, 11, 12, 4] { XCTAssertTrue(again.body.contains("id=\"month-\(month)\" checked"), "month \(month) ticked") }
        XCTAssertFalse(again.body.contains("id=\"month-1\" checked"))

        let planPage = try await browser.get(base)
        XCTAssertTrue(planPage.body.contains("เดือนที่ดำเนินการ: ต.ค. – ธ.ค., เม.ย."), "the plan table names the months")
        let itemPage = try await browser.get("\(base)/items/\(item.id.uuidString.lowercased())")
        XCTAssertEqual(itemPage.status, .ok)
        XCTAssertTrue(itemPage.body.contains("class=\"month-grid\""))
        XCTAssertEqual(itemPage.body.components(separatedBy: ">✓<").count - 1, 4, "a mark under each of the four months")
        XCTAssertTrue(itemPage.body.contains("aria-label=\"ดำเนินการในเดือน เม.ย.\""))

        // Unticking every box clears the schedule.
        let cleared = try await browser.post(path, fields(of: savedItem, version: saved.version, months: []))
        XCTAssertEqual(cleared.status, .seeOther, cleared.body)
        let after = try await stored()
        XCTAssertTrue(after.items.first { $0.id == item.id }?.months.isEmpty ?? false)
    }

    func testEnglishPagesNameTheMonthsInEnglish() async throws {
        var changed = plan!
        changed.items[0].months = try MonthSchedule(months: [10, 11, 12])
        plan = try await PlanStore(db).save(changed, expectedVersion: plan.version)
        var browser = try await signedIn()
        let page = try await browser.get("\(base)?lang=en")
        XCTAssertTrue(page.body.contains("Runs in: Oct – Dec"), String(page.body.prefix(300)))
    }

    func testAMonthThatIsNoMonthIsRefusedBesideTheBoxesAndNothingIsSaved() async throws {
        var browser = try await signedIn()
        let item = plan.orderedItems[0]
        let path = "\(base)/items/\(item.id.uuidString.lowercased())/edit"
        for bad in ["13", "0", "ต.ค.", ""] {
            let page = try await browser.post(path, fields(of: item, version: plan.version, months: ["10", bad]))
            XCTAssertEqual(page.status, .unprocessableEntity, bad)
            XCTAssertTrue(page.body.contains("id=\"months-error\""), bad)
            XCTAssertTrue(page.body.contains("ไม่ใช่เดือน"), bad)
        }
        let after = try await stored()
        XCTAssertEqual(after, plan, "nothing was saved")
    }

    func testAPIReadsWritesAndRefusesMonths() async throws {
        let token = try await token("editor")
        var item = plan.orderedItems[0]
        item.months = try MonthSchedule(months: [1, 2])
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let body = String(decoding: try encoder.encode(ItemWriteRequest(item: item, version: plan.version)), as: UTF8.self)
        XCTAssertTrue(body.contains("\"months\":[1,2]"), body)
        let path = "/api/v1/plans/\(plan.id.uuidString.lowercased())/items/\(item.id.uuidString.lowercased())"
        try await app.test(.PUT, path, headers: jsonHeaders(token), body: ByteBuffer(string: body)) { response async in
            XCTAssertEqual(response.status, .ok, response.body.string)
            XCTAssertTrue(response.body.string.contains("\"months\":[1,2]") || response.body.string.contains("\"months\" : [\n"), response.body.string.prefix(300).description)
        }
        let saved = try await stored()
        XCTAssertEqual(saved.items.first { $0.id == item.id }?.months.months, [1, 2])

        let bad = body.replacingOccurrences(of: "\"months\":[1,2]", with: "\"months\":[1,13]")
            .replacingOccurrences(of: "\"version\":\(plan.version)", with: "\"version\":\(saved.version)")
        try await app.test(.PUT, path, headers: jsonHeaders(token), body: ByteBuffer(string: bad)) { response async in
            XCTAssertEqual(response.status, .badRequest, response.body.string)
            XCTAssertTrue(response.body.string.contains("months"), response.body.string)
        }
        let unchanged = try await stored()
        XCTAssertEqual(unchanged, saved, "nothing was saved")
    }

    func testDownloadsCarryTheSchedule() async throws {
        var changed = plan!
        changed.items[0].months = try MonthSchedule(months: [10, 11, 12, 3])
        plan = try await PlanStore(db).save(changed, expectedVersion: plan.version)
        var browser = try await signedIn()
        let csv = try await browser.get("\(base)/export/csv")
        XCTAssertEqual(csv.status, .ok)
        let lines = csv.body.components(separatedBy: "\r\n")
        XCTAssertTrue(lines[0].hasSuffix(",remarks,months"), lines[0])
        let rows = lines.filter { $0.contains(plan.items[0].id.uuidString) }
        XCTAssertEqual(rows.count, plan.fiscalYears.count)
        XCTAssertTrue(rows.allSatisfy { $0.hasSuffix(",10 11 12 3") }, "\(rows)")
        let json = try await browser.get("\(base)/export/json")
        XCTAssertEqual(json.status, .ok)
        let data = try JSONDecoder().decode(JSONValue.self, from: Data(json.body.utf8))
        let items = data["plan"]?["items"]?.array ?? []
        let first = items.first { $0["id"]?.string == plan.items[0].id.uuidString }
        XCTAssertEqual(first?["months"]?.array?.compactMap(\.number), [10, 11, 12, 3])
    }

    func jsonHeaders(_ token: String) -> HTTPHeaders {
        var headers = bearer(token)
        headers.contentType = .json
        return headers
    }
}

/// Just enough JSON to look inside a download.
enum JSONValue: Decodable {
    case object([String: JSONValue]), array([JSONValue]), string(String), number(Double), bool(Bool), null

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() { self = .null }
        else if let value = try? container.decode(Bool.self) { self = .bool(value) }
        else if let value = try? container.decode(Double.self) { self = .number(value) }
        else if let value = try? container.decode(String.self) { self = .string(value) }
        else if let value = try? container.decode([JSONValue].self) { self = .array(value) }
        else { self = .object(try container.decode([String: JSONValue].self)) }
    }

    subscript(key: String) -> JSONValue? { if case .object(let object) = self { object[key] } else { nil } }
    var array: [JSONValue]? { if case .array(let values) = self { values } else { nil } }
    var string: String? { if case .string(let value) = self { value } else { nil } }
    var number: Int? { if case .number(let value) = self { Int(value) } else { nil } }
}
