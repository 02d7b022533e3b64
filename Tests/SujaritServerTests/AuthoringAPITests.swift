import Foundation
import XCTest
import XCTVapor
import SujaritCore
@_spi(Fixtures) import SujaritPersistence
import SujaritAPIModels
@testable import SujaritServer

/// Plan authoring through the JSON API: seed 000 rebuilt item by item, every editing route,
/// concurrent editors, the life cycle and its permissions, bad input, and hostile text.
final class AuthoringAPITests: ServerTestCase {
    // MARK: Seed 000 (แผนปฏิบัติการป้องกันการทุจริต 2566–2570 ของ อบต.บ้านโป่ง), Part 2 table

    /// Mission and name of the 17 items, in the order of the document's table.
    static let seed000: [(mission: String, name: String)] = [
        ("1.1", "โครงการเผยแพร่ประชาสัมพันธ์ความรู้ด้านกฎหมายและระเบียบที่เกี่ยวข้องกับการปฏิบัติงานให้แก่บุคลากรองค์กรปกครองส่วนท้องถิ่น ผู้บริหารและสมาชิกสภาท้องถิ่น"),
        ("1.1", "มาตรการ “ส่งเสริมการปฏิบัติงานตามประมวลจริยธรรมขององค์การบริหารส่วนตำบลบ้านโป่ง”"),
        ("1.1", "โครงการฝึกอบรมการส่งเสริมคุณธรรมจริยธรรมบุคลากรองค์กรปกครองส่วนท้องถิ่นเพื่อเสริมสร้างวัฒนธรรมองค์กรสุจริต"),
        ("1.1", "โครงการเชิดชูเกียรติบุคลากรที่ปฏิบัติงานเป็นไปตามมาตรฐาน ด้วยความวิริยะอุตสาหะ และซื่อสัตย์สุจริต"),
        ("2.1", "มาตรการปรับปรุงและพัฒนาศูนย์ข้อมูลข่าวสารเพื่อเผยแพร่ข้อมูลข่าวสารแก่ประชาชน"),
        ("2.1", "มาตรการเปิดเผยข้อมูลสาธารณะ และกำกับติดตามการเผยแพร่ข้อมูลสาธารณะของระบุชื่อองค์กรปกครองส่วนท้องถิ่น"),
        ("2.2", "มาตรการแสดงเจตนารมณ์ในการนำหลักคุณธรรมมาใช้ในการบริหารงานของผู้บริหารองค์การบริหารส่วนตำบลบ้านโป่งด้วยการจัดทำแผนปฏิบัติการป้องกันการทุจริตเพื่อยกระดับคุณธรรมและความโปร่งใส"),
        ("2.2", "มาตรการ NO Gift Policy"),
        ("2.2", "มาตรการป้องกันผลประโยชน์ทับซ้อนขององค์การบริหารส่วนตำบลบ้านโป่ง"),
        ("2.3", "กิจกรรม “การจัดทำข้อตกลงการปฏิบัติราชการขององค์การบริหารส่วนตำบลบ้านโป่ง”"),
        ("2.3", "มาตรการออกคำสั่งมอบหมายขององค์การบริหารส่วนตำบลบ้านโป่ง"),
        ("3.1", "โครงการสนับสนุนการจัดทำแผนชุมชนตำบลบ้านโป่ง"),
        ("3.2", "มาตรการจัดการเรื่องราวร้องทุกข์/ร้องเรียนขององค์การบริหารส่วนตำบลบ้านโป่ง"),
        ("4.1", "กิจกรรมติดตามประเมินผลการควบคุมภายใน"),
        ("4.2", "กิจกรรมส่งเสริมและพัฒนาศักยภาพสมาชิกสภาท้องถิ่น"),
        ("4.3", "มาตรการจัดการในกรณีได้ทราบ หรือรับแจ้ง หรือตรวจสอบพบการทุจริตของระบุชื่อองค์กรปกครองส่วนท้องถิ่น"),
        ("4.3", "มาตรการจัดให้มีระบบและช่องทางการรับเรื่องร้องเรียนเกี่ยวกับการทุจริตขององค์การบริหารส่วนตำบลบ้านโป่ง"),
    ]
    /// The only item with a budget: 20,000 baht in each year 2566–2570.
    static let budgetedItem = "โครงการสนับสนุนการจัดทำแผนชุมชนตำบลบ้านโป่ง"

    // MARK: Helpers

    struct Reply {
        var status: HTTPStatus
        var data: Data
        var text: String { String(decoding: data, as: UTF8.self) }

        func plan(file: StaticString = #filePath, line: UInt = #line) throws -> PlanResponse {
            do { return try JSONDecoder().decode(PlanResponse.self, from: data) } catch {
                XCTFail("not a PlanResponse (\(error)): \(text.prefix(500))", file: file, line: line)
                throw error
            }
        }

        func error(file: StaticString = #filePath, line: UInt = #line) throws -> ErrorResponse {
            do { return try JSONDecoder().decode(ErrorResponse.self, from: data) } catch {
                XCTFail("not an ErrorResponse (\(error)): \(text.prefix(500))", file: file, line: line)
                throw error
            }
        }
    }

    /// The people of one organization, each with a bearer token.
    struct Team {
        var organization: Organization
        var admin: String
        var editor: String
        var otherEditor: String
        var viewer: String
        var editorName: String
        var slug: String { organization.slug }
    }

    func makeTeam(slug: String = "ban-pong", name: String = "องค์การบริหารส่วนตำบลบ้านโป่ง") async throws -> Team {
        let organization = try await makeOrganization(slug: slug, name: name)
        try await makeUser("\(slug)-admin", role: .admin, in: organization)
        try await makeUser("\(slug)-editor", role: .editor, in: organization)
        try await makeUser("\(slug)-editor2", role: .editor, in: organization)
        try await makeUser("\(slug)-viewer", role: .viewer, in: organization)
        return Team(organization: organization,
                    admin: try await token("\(slug)-admin"), editor: try await token("\(slug)-editor"),
                    otherEditor: try await token("\(slug)-editor2"), viewer: try await token("\(slug)-viewer"),
                    editorName: "\(slug)-editor")
    }

    func json<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    func send(_ method: HTTPMethod, _ path: String, token: String?, json body: String? = nil) async throws -> Reply {
        var headers = HTTPHeaders()
        if let token { headers.bearerAuthorization = BearerAuthorization(token: token) }
        if body != nil { headers.contentType = .json }
        var reply = Reply(status: .internalServerError, data: Data())
        try await app.test(method, path, headers: headers, body: body.map { ByteBuffer(string: $0) }) { res async throws in
            reply = Reply(status: res.status, data: Data(res.body.readableBytesView))
        }
        return reply
    }

    /// Sends a request that must succeed with `status`; returns the plan it answers with.
    @discardableResult
    func expectPlan(_ method: HTTPMethod, _ path: String, token: String?, json body: String? = nil, status: HTTPStatus = .ok,
                    file: StaticString = #filePath, line: UInt = #line) async throws -> PlanResponse {
        let reply = try await send(method, path, token: token, json: body)
        XCTAssertEqual(reply.status, status, "\(method) \(path): \(reply.text.prefix(800))", file: file, line: line)
        return try reply.plan(file: file, line: line)
    }

    /// Sends a request that must be refused with `status`, naming `field` (a part of a field path) when given.
    @discardableResult
    func expectError(_ method: HTTPMethod, _ path: String, token: String?, json body: String? = nil, status: HTTPStatus,
                     field: String? = nil, file: StaticString = #filePath, line: UInt = #line) async throws -> ErrorResponse {
        let reply = try await send(method, path, token: token, json: body)
        XCTAssertEqual(reply.status, status, "\(method) \(path) \(body?.prefix(200) ?? ""): \(reply.text.prefix(800))", file: file, line: line)
        let error = try reply.error(file: file, line: line)
        XCTAssertTrue(error.error, file: file, line: line)
        XCTAssertEqual(error.status, Int(status.code), file: file, line: line)
        XCTAssertFalse(error.reason.isEmpty, file: file, line: line)
        XCTAssertFalse(error.reasonThai.isEmpty, file: file, line: line)
        if let field {
            XCTAssertTrue(error.fields.contains { $0.field.contains(field) && !$0.message.isEmpty && !$0.messageThai.isEmpty },
                          "\(method) \(path): fields \(error.fields.map(\.field)) should name \(field); \(error.reason)", file: file, line: line)
        }
        return error
    }

    func stored(_ id: UUID) async throws -> Plan {
        let plan = try await PlanStore(db).plan(id: id, scope: .everything)
        return try XCTUnwrap(plan)
    }

    func createPlan(_ team: Team, first: Int = 2566, last: Int = 2570, token: String? = nil, title: String? = nil) async throws -> PlanResponse {
        let body = PlanWriteRequest(title: title, firstYear: first, lastYear: last, cycleID: "2566-2570")
        let created = try await expectPlan(.POST, "/api/v1/organizations/\(team.slug)/plans", token: token ?? team.editor,
                                           json: try json(body), status: .created)
        XCTAssertEqual(created.plan.status, .draft)
        XCTAssertEqual(created.plan.revision, 1)
        XCTAssertEqual(created.plan.items.count, 0)
        return created
    }

    func item(_ name: String, mission: String?, budgets: [Int: BudgetEntry] = [:], sheet: ProjectSheet? = nil) -> PlanItem {
        PlanItem(kind: PlanItemKind.recognize(fromName: name) ?? .project, name: name, missionCode: mission, order: 0,
                 budgets: Dictionary(uniqueKeysWithValues: budgets.map { (FiscalYear($0.key), $0.value) }), sheet: sheet)
    }

    /// Adds an item with the plan's current version; returns the new plan and the item's id.
    func add(_ item: PlanItem, to plan: PlanResponse, token: String, file: StaticString = #filePath, line: UInt = #line) async throws -> (PlanResponse, UUID) {
        let body = try json(ItemWriteRequest(item: item, version: plan.plan.version))
        let response = try await expectPlan(.POST, "/api/v1/plans/\(plan.plan.id)/items", token: token, json: body, status: .created, file: file, line: line)
        XCTAssertEqual(response.plan.version, plan.plan.version + 1, "every edit adds one to the version", file: file, line: line)
        let id = try XCTUnwrap(response.createdID, file: file, line: line)
        XCTAssertNotEqual(id, item.id, "the server gives a new item its own id", file: file, line: line)
        XCTAssertEqual(response.plan.items.first { $0.id == id }?.name, item.name, file: file, line: line)
        return (response, id)
    }

    static let allYears = [2566, 2567, 2568, 2569, 2570]

    // MARK: Seed 000 through the API

    func testSeed000RebuiltThroughTheAPIHasTheComputedSummary() async throws {
        let team = try await makeTeam()
        var plan = try await createPlan(team)
        XCTAssertEqual(plan.plan.fiscalYears.map(\.be), Self.allYears)
        XCTAssertTrue(plan.plan.title.contains("องค์การบริหารส่วนตำบลบ้านโป่ง"), plan.plan.title)
        var ids: [UUID] = []
        for (mission, name) in Self.seed000 {
            let budget: BudgetEntry = name == Self.budgetedItem ? .amount(Money(baht: 20_000)) : .noBudget
            let budgets = Dictionary(uniqueKeysWithValues: Self.allYears.map { ($0, budget) })
            let id: UUID
            (plan, id) = try await add(item(name, mission: mission, budgets: budgets), to: plan, token: team.editor)
            ids.append(id)
        }
        XCTAssertEqual(plan.plan.version, 1 + Self.seed000.count)

        let read = try await expectPlan(.GET, "/api/v1/plans/\(plan.plan.id)", token: team.editor)
        XCTAssertEqual(read.plan, plan.plan, "what the last edit returned is what is stored")
        let stored = try await stored(plan.plan.id)
        XCTAssertEqual(stored, read.plan)

        let summary = read.summary
        XCTAssertEqual(summary.itemCount, 17)
        XCTAssertEqual(summary.unplacedItemCount, 0)
        XCTAssertEqual(summary.dimensions.map(\.number), [1, 2, 3, 4])
        XCTAssertEqual(summary.dimensions.map(\.itemCount), [4, 7, 2, 4])
        XCTAssertEqual(summary.years.map(\.be), Self.allYears)
        for year in Self.allYears {
            XCTAssertEqual(summary.budgetByYear[FiscalYear(year)], Money(baht: 20_000), "total of \(year)")
            XCTAssertEqual(summary.dimension(3)?.budgetByYear[FiscalYear(year)], Money(baht: 20_000), "dimension 3 in \(year)")
        }
        XCTAssertEqual(summary.total, Money(baht: 100_000))
        XCTAssertEqual(summary.budgetOutsidePlanYears, .zero)
        XCTAssertEqual(summary.dimension(1)?.total, .zero)
        XCTAssertEqual(summary.dimension(2)?.total, .zero)
        XCTAssertEqual(summary.dimension(3)?.total, Money(baht: 100_000))
        XCTAssertEqual(summary.dimension(4)?.total, .zero)
        XCTAssertEqual(summary.dimension(1)?.countByKind[.project], 3)
        XCTAssertEqual(summary.dimension(1)?.countByKind[.measure], 1)
        XCTAssertEqual(summary.dimension(2)?.countByKind[.activity], 1)
        XCTAssertEqual(summary.dimension(2)?.countByKind[.measure], 6)

        // Items are numbered 1)–17) as in the document, and come back in that order.
        for (index, id) in ids.enumerated() {
            XCTAssertEqual(read.itemNumbers[id.uuidString.lowercased()], index + 1, Self.seed000[index].name)
        }
        XCTAssertEqual(read.plan.orderedItems.map(\.name), Self.seed000.map(\.name))
        XCTAssertEqual(read.plan.orderedItems.map(\.missionCode), Self.seed000.map(\.mission))
        let budgeted = try XCTUnwrap(read.plan.items.first { $0.name == Self.budgetedItem })
        XCTAssertEqual(budgeted.budgets[FiscalYear(2568)], .amount(Money(baht: 20_000)))
        XCTAssertEqual(read.plan.items.first { $0.name == "มาตรการ NO Gift Policy" }?.budgets[FiscalYear(2568)], .noBudget)
        XCTAssertEqual(read.findings.filter { $0.severity == .error }.map(\.code), [], "a complete plan has no errors")

        // The JSON itself: money as numbers of baht, "none" budgets, years as keys.
        let raw = try await send(.GET, "/api/v1/plans/\(plan.plan.id)", token: team.editor)
        let object = try XCTUnwrap(try JSONSerialization.jsonObject(with: raw.data) as? [String: Any])
        let summaryJSON = try XCTUnwrap(object["summary"] as? [String: Any])
        XCTAssertEqual((summaryJSON["total"] as? NSNumber)?.intValue, 100_000)
        XCTAssertEqual(((summaryJSON["budgetByYear"] as? [String: Any])?["2570"] as? NSNumber)?.intValue, 20_000)
        let itemsJSON = try XCTUnwrap((object["plan"] as? [String: Any])?["items"] as? [[String: Any]])
        let noGift = try XCTUnwrap(itemsJSON.first { $0["name"] as? String == "มาตรการ NO Gift Policy" })
        XCTAssertEqual((noGift["budgets"] as? [String: Any])?["2566"] as? String, "none")

        // The plan page shows the same computed table (read by a member, since it is a draft).
        let page = try await send(.GET, "/plans/\(plan.plan.id)", token: team.viewer)
        XCTAssertEqual(page.status, .ok)
        XCTAssertTrue(page.text.contains("จำนวน 17 โครงการ"), "grand total count")
        XCTAssertTrue(page.text.contains("จำนวน 7 โครงการ"), "dimension 2 (the document says 8)")
        XCTAssertTrue(page.text.contains("20,000"))
        let anonymous = try await send(.GET, "/plans/\(plan.plan.id)", token: nil)
        XCTAssertEqual(anonymous.status, .notFound, "a draft is not public")
    }

    // MARK: Every editing route, happy path

    func testEveryEditingRouteOnTheHappyPath() async throws {
        let team = try await makeTeam(slug: "happy")
        var plan = try await createPlan(team)
        let base = "/api/v1/plans/\(plan.plan.id)"
        let a: UUID, b: UUID, c: UUID
        (plan, a) = try await add(item("โครงการ ก", mission: "1.1"), to: plan, token: team.editor)
        (plan, b) = try await add(item("มาตรการ ข", mission: "1.1"), to: plan, token: team.editor)
        (plan, c) = try await add(item("กิจกรรม ค", mission: "2.1", budgets: [2566: .noBudget]), to: plan, token: team.editor)
        XCTAssertEqual(plan.plan.items(inMission: "1.1").map(\.id), [a, b])
        var version = plan.plan.version

        func check(_ response: PlanResponse, file: StaticString = #filePath, line: UInt = #line) async throws {
            XCTAssertEqual(response.plan.version, version + 1, file: file, line: line)
            version = response.plan.version
            let stored = try await stored(response.plan.id)
            XCTAssertEqual(stored, response.plan, "the answer is what was stored", file: file, line: line)
        }

        // Update: fields change, the place stays.
        var changed = item("โครงการ ก (ปรับปรุง)", mission: "1.1")
        changed.responsibleUnit = "สำนักปลัด"
        changed.remarks = "หมายเหตุ"
        changed.subMissionCode = "1.1.2"
        plan = try await expectPlan(.PUT, "\(base)/items/\(a)", token: team.editor, json: try json(ItemWriteRequest(item: changed, version: version)))
        try await check(plan)
        let updated = try XCTUnwrap(plan.plan.items.first { $0.id == a })
        XCTAssertEqual(updated.name, "โครงการ ก (ปรับปรุง)")
        XCTAssertEqual(updated.responsibleUnit, "สำนักปลัด")
        XCTAssertEqual(updated.remarks, "หมายเหตุ")
        XCTAssertEqual(updated.subMissionCode, "1.1.2")
        XCTAssertEqual(plan.plan.items(inMission: "1.1").map(\.id), [a, b])

        // Move within a mission: b first.
        plan = try await expectPlan(.POST, "\(base)/items/\(b)/move", token: team.editor,
                                    json: try json(MoveItemRequest(missionCode: "1.1", position: 0, version: version)))
        try await check(plan)
        XCTAssertEqual(plan.plan.items(inMission: "1.1").map(\.id), [b, a])
        XCTAssertEqual(plan.itemNumbers[b.uuidString.lowercased()], 1)

        // Move between missions: a goes to the end of 2.1; its sub-mission of 1.1 is dropped.
        plan = try await expectPlan(.POST, "\(base)/items/\(a)/move", token: team.editor,
                                    json: #"{"missionCode":"2.1","version":\#(version)}"#)
        try await check(plan)
        XCTAssertEqual(plan.plan.items(inMission: "1.1").map(\.id), [b])
        XCTAssertEqual(plan.plan.items(inMission: "2.1").map(\.id), [c, a])
        XCTAssertNil(plan.plan.items.first { $0.id == a }?.subMissionCode)
        XCTAssertEqual(plan.summary.dimension(1)?.itemCount, 1)
        XCTAssertEqual(plan.summary.dimension(2)?.itemCount, 2)

        // Budgets: numbers, Thai digits with commas, satang, "none"; Thai digits in a year key.
        plan = try await expectPlan(.PUT, "\(base)/items/\(c)/budgets", token: team.editor,
                                    json: #"{"budgets":{"2566":20000,"2567":"none","๒๕๖๘":"๒๐,๐๐๐","2569":"1,500.50 บาท","2570":0.25},"version":\#(version)}"#)
        try await check(plan)
        let budgets = try XCTUnwrap(plan.plan.items.first { $0.id == c }?.budgets)
        XCTAssertEqual(budgets, [FiscalYear(2566): .amount(Money(baht: 20_000)), FiscalYear(2567): .noBudget,
                                 FiscalYear(2568): .amount(Money(baht: 20_000)), FiscalYear(2569): .amount(Money(satang: 150_050)),
                                 FiscalYear(2570): .amount(Money(satang: 25))])
        XCTAssertEqual(plan.summary.total, Money(satang: 4_000_000 + 150_050 + 25))
        XCTAssertEqual(plan.summary.dimension(2)?.budgetByYear[FiscalYear(2569)], Money(satang: 150_050))

        // Sheet with list fields and nested method steps.
        let sheet = ProjectSheet(
            sheetNumber: 3, rationale: "หลักการและเหตุผล", objectives: ["วัตถุประสงค์ 1", "วัตถุประสงค์ 2"],
            targetGroup: "ประชาชน จำนวน 50 คน", targetHeadcount: 50,
            method: [MethodStep("ขั้นที่ 1", subSteps: [MethodStep("1.1 ย่อย", subSteps: [MethodStep("1.1.1 ย่อยลงไปอีก")]), MethodStep("1.2 ย่อย")]),
                     MethodStep("ขั้นที่ 2")],
            period: "ปีงบประมาณ พ.ศ. 2566 – 2570", budgetText: "20,000 บาท", responsible: "สำนักปลัด",
            outputs: ["ผลผลิต"], outcomes: ["ผลลัพธ์ ไม่ต่ำกว่าร้อยละ 80"], area: "ตำบลบ้านโป่ง")
        plan = try await expectPlan(.PUT, "\(base)/items/\(c)/sheet", token: team.editor, json: try json(SheetWriteRequest(sheet: sheet, version: version)))
        try await check(plan)
        XCTAssertEqual(plan.plan.items.first { $0.id == c }?.sheet, sheet)
        XCTAssertEqual(plan.plan.items.first { $0.id == c }?.sheet?.method[0].subSteps[0].subSteps[0].text, "1.1.1 ย่อยลงไปอีก")

        // Duplicate: a copy right after the original, with the sheet and budgets.
        plan = try await expectPlan(.POST, "\(base)/items/\(c)/duplicate", token: team.editor, json: #"{"version":\#(version)}"#, status: .created)
        try await check(plan)
        let copyID = try XCTUnwrap(plan.createdID)
        let copy = try XCTUnwrap(plan.plan.items.first { $0.id == copyID })
        XCTAssertEqual(copy.name, "กิจกรรม ค (สำเนา)")
        XCTAssertEqual(copy.sheet, sheet)
        XCTAssertEqual(copy.budgets, budgets)
        XCTAssertEqual(plan.plan.items(inMission: "2.1").map(\.id), [c, copyID, a])
        XCTAssertEqual(plan.summary.itemCount, 4)

        // Sheet null removes it (from the copy only).
        plan = try await expectPlan(.PUT, "\(base)/items/\(copyID)/sheet", token: team.editor, json: #"{"sheet":null,"version":\#(version)}"#)
        try await check(plan)
        XCTAssertNil(plan.plan.items.first { $0.id == copyID }?.sheet)
        XCTAssertEqual(plan.plan.items.first { $0.id == c }?.sheet, sheet)

        // Risks: add with levels and linked items, update, and the link follows a deleted item.
        let riskBody = #"{"risk":{"workArea":"การจัดซื้อจัดจ้าง","issues":[{"text":"ประเด็น 1","level":"high"},{"text":"ประเด็น 2","level":"low"}],"controlMeasures":["มาตรการ 1"],"linkedItemIDs":["\#(c)","\#(a)"]},"version":\#(version)}"#
        plan = try await expectPlan(.POST, "\(base)/risks", token: team.editor, json: riskBody, status: .created)
        try await check(plan)
        let riskID = try XCTUnwrap(plan.createdID)
        var risk = try XCTUnwrap(plan.plan.risks.first { $0.id == riskID })
        XCTAssertEqual(risk.workArea, "การจัดซื้อจัดจ้าง")
        XCTAssertEqual(risk.issues.map(\.level), [.high, .low])
        XCTAssertEqual(risk.linkedItemIDs, [c, a])
        risk.issues[1].level = .veryHigh
        risk.controlMeasures.append("มาตรการ 2")
        risk.linkedItemIDs = [a, b]
        plan = try await expectPlan(.PUT, "\(base)/risks/\(riskID)", token: team.editor, json: try json(RiskWriteRequest(risk: risk, version: version)))
        try await check(plan)
        XCTAssertEqual(plan.plan.risks.count, 1)
        XCTAssertEqual(plan.plan.risks[0].issues.map(\.level), [.high, .veryHigh])
        XCTAssertEqual(plan.plan.risks[0].controlMeasures, ["มาตรการ 1", "มาตรการ 2"])
        XCTAssertEqual(plan.plan.risks[0].linkedItemIDs, [a, b])

        // Delete an item: gone from the plan and from the risk row's links.
        plan = try await expectPlan(.DELETE, "\(base)/items/\(a)?version=\(version)", token: team.editor)
        try await check(plan)
        XCTAssertNil(plan.plan.items.first { $0.id == a })
        XCTAssertEqual(plan.plan.risks[0].linkedItemIDs, [b])
        XCTAssertEqual(plan.summary.itemCount, 3)

        plan = try await expectPlan(.DELETE, "\(base)/risks/\(riskID)?version=\(version)", token: team.editor)
        try await check(plan)
        XCTAssertTrue(plan.plan.risks.isEmpty)

        // Targets: add, update, delete; values keyed by fiscal year.
        plan = try await expectPlan(.POST, "\(base)/targets", token: team.editor,
                                    json: #"{"target":{"indicator":"คะแนน ITA","unit":"คะแนน","values":{"2566":65,"2567":70,"2568":75.5}},"version":\#(version)}"#, status: .created)
        try await check(plan)
        let targetID = try XCTUnwrap(plan.createdID)
        var target = try XCTUnwrap(plan.plan.targets.first { $0.id == targetID })
        XCTAssertEqual(target.values, [FiscalYear(2566): 65, FiscalYear(2567): 70, FiscalYear(2568): Decimal(string: "75.5")!])
        target.values[FiscalYear(2570)] = 85
        target.indicator = "คะแนนการประเมิน ITA"
        plan = try await expectPlan(.PUT, "\(base)/targets/\(targetID)", token: team.editor, json: try json(TargetWriteRequest(target: target, version: version)))
        try await check(plan)
        XCTAssertEqual(plan.plan.targets.first?.indicator, "คะแนนการประเมิน ITA")
        XCTAssertEqual(plan.plan.targets.first?.values[FiscalYear(2570)], 85)
        XCTAssertEqual(plan.plan.targets.first?.formattedValue(for: FiscalYear(2570)), "85 คะแนน")
        plan = try await expectPlan(.DELETE, "\(base)/targets/\(targetID)?version=\(version)", token: team.editor)
        try await check(plan)
        XCTAssertTrue(plan.plan.targets.isEmpty)

        // Front matter and title.
        let front = PlanFrontMatter(foreword: "คำนำ", rationale: "หลักการ", objectives: ["ข้อ 1", "ข้อ 2"], benefits: ["ประโยชน์"])
        plan = try await expectPlan(.PUT, "\(base)/front-matter", token: team.editor,
                                    json: try json(FrontMatterWriteRequest(title: "แผนปฏิบัติการป้องกันการทุจริต (ทดสอบ)", frontMatter: front, version: version)))
        try await check(plan)
        XCTAssertEqual(plan.plan.frontMatter, front)
        XCTAssertEqual(plan.plan.title, "แผนปฏิบัติการป้องกันการทุจริต (ทดสอบ)")
        // Without a title the title stays.
        plan = try await expectPlan(.PUT, "\(base)/front-matter", token: team.editor,
                                    json: try json(FrontMatterWriteRequest(title: nil, frontMatter: PlanFrontMatter(foreword: "คำนำใหม่"), version: version)))
        try await check(plan)
        XCTAssertEqual(plan.plan.title, "แผนปฏิบัติการป้องกันการทุจริต (ทดสอบ)")
        XCTAssertEqual(plan.plan.frontMatter.foreword, "คำนำใหม่")

        // Revisions: one so far, and the history of who did what.
        let history = try await send(.GET, "\(base)/revisions", token: team.viewer)
        XCTAssertEqual(history.status, .ok, history.text)
        let revisions = try JSONDecoder.custom(dates: .iso8601).decode(AuthoringRevisions.self, from: history.data)
        XCTAssertEqual(revisions.revisions.map(\.revision), [1])
        XCTAssertEqual(revisions.revisions.first?.id, plan.plan.id)
        let actions = Set(revisions.history.map(\.action))
        for action in ["plan.create", "item.add", "item.update", "item.move", "item.duplicate", "item.budgets", "item.sheet", "item.delete",
                       "risk.add", "risk.update", "risk.delete", "target.add", "target.update", "target.delete", "plan.frontMatter"] {
            XCTAssertTrue(actions.contains(action), "history records \(action): \(actions.sorted())")
        }
        XCTAssertTrue(revisions.history.allSatisfy { $0.by == team.editorName }, "who: \(Set(revisions.history.map(\.by)))")

        // Through the life cycle to a new revision.
        plan = try await expectPlan(.POST, "\(base)/transitions", token: team.editor, json: #"{"action":"submit","version":\#(version)}"#)
        try await check(plan)
        plan = try await expectPlan(.POST, "\(base)/transitions", token: team.admin, json: #"{"action":"approve","version":\#(version)}"#)
        try await check(plan)
        plan = try await expectPlan(.POST, "\(base)/transitions", token: team.admin, json: #"{"action":"publish","version":\#(version)}"#)
        try await check(plan)
        XCTAssertEqual(plan.plan.status, .published)
        let revision2 = try await expectPlan(.POST, "\(base)/revisions", token: team.editor, status: .created)
        XCTAssertEqual(revision2.createdID, revision2.plan.id)
        XCTAssertNotEqual(revision2.plan.id, plan.plan.id)
        XCTAssertEqual(revision2.plan.revision, 2)
        XCTAssertEqual(revision2.plan.status, .draft)
        XCTAssertEqual(revision2.plan.items.map(\.name), plan.plan.items.map(\.name))
        XCTAssertEqual(revision2.summary.total, plan.summary.total)
        let both = try await send(.GET, "/api/v1/plans/\(revision2.plan.id)/revisions", token: team.editor)
        XCTAssertEqual(try JSONDecoder.custom(dates: .iso8601).decode(AuthoringRevisions.self, from: both.data).revisions.map(\.revision), [2, 1])

        // The catalog of cycles.
        let cycles = try await send(.GET, "/api/v1/catalog/cycles", token: nil)
        XCTAssertEqual(cycles.status, .ok)
        let cycleList = try JSONDecoder().decode([PlanCycleDTO].self, from: cycles.data)
        XCTAssertEqual(cycleList.first?.id, "2566-2570")
        XCTAssertEqual(cycleList.first?.dimensions.flatMap(\.missions).map(\.code), plan.plan.dimensions.flatMap(\.missions).map(\.code))
    }

    /// The body of GET …/revisions.
    struct AuthoringRevisions: Decodable {
        struct Entry: Decodable { var id: UUID; var revision: Int; var status: PlanStatus }
        struct Event: Decodable { var at: Date; var action: String; var by: String; var revision: Int; var detail: String }
        var revisions: [Entry]
        var history: [Event]
    }

    // MARK: Concurrency

    func testSecondEditorWithAStaleVersionGetsConflictShowingTheFirstChange() async throws {
        let team = try await makeTeam(slug: "two-editors")
        var plan = try await createPlan(team)
        let itemID: UUID
        (plan, itemID) = try await add(item("โครงการเดิม", mission: "3.1", budgets: [2566: .amount(Money(baht: 1_000))]), to: plan, token: team.editor)
        let base = "/api/v1/plans/\(plan.plan.id)"

        // Both read version N.
        let first = try await expectPlan(.GET, base, token: team.editor)
        let second = try await expectPlan(.GET, base, token: team.otherEditor)
        let n = first.plan.version
        XCTAssertEqual(second.plan.version, n)

        let mine = try json(ItemWriteRequest(item: item("โครงการของคนแรก", mission: "3.1", budgets: [2566: .amount(Money(baht: 1_000))]), version: n))
        let theirs = try json(ItemWriteRequest(item: item("โครงการของคนที่สอง", mission: "3.2"), version: n))
        let saved = try await expectPlan(.PUT, "\(base)/items/\(itemID)", token: team.editor, json: mine)
        XCTAssertEqual(saved.plan.version, n + 1)

        let conflict = try await expectError(.PUT, "\(base)/items/\(itemID)", token: team.otherEditor, json: theirs, status: .conflict)
        let current = try XCTUnwrap(conflict.current, "a 409 carries the plan as it is now")
        XCTAssertEqual(current.plan.version, n + 1)
        XCTAssertEqual(current.plan.items.first { $0.id == itemID }?.name, "โครงการของคนแรก")
        XCTAssertEqual(current.plan.items.first { $0.id == itemID }?.missionCode, "3.1")
        XCTAssertEqual(current.summary.itemCount, 1)
        XCTAssertTrue(conflict.reasonThai.contains("ผู้อื่น"), conflict.reasonThai)
        XCTAssertTrue(conflict.reason.contains(team.editorName), "names who saved first: \(conflict.reason)")

        // The stale version is refused on every kind of write, and nothing changes.
        try await expectError(.PUT, "\(base)/items/\(itemID)/budgets", token: team.otherEditor,
                              json: #"{"budgets":{"2566":5},"version":\#(n)}"#, status: .conflict)
        try await expectError(.DELETE, "\(base)/items/\(itemID)?version=\(n)", token: team.otherEditor, status: .conflict)
        try await expectError(.POST, "\(base)/items", token: team.otherEditor, json: theirs, status: .conflict)
        try await expectError(.POST, "\(base)/transitions", token: team.otherEditor, json: #"{"action":"submit","version":\#(n)}"#, status: .conflict)
        var whole = PlanWriteRequest(firstYear: 2566, lastYear: 2570, items: [], version: n)
        whole.title = "แผนของคนที่สอง"
        try await expectError(.PUT, base, token: team.otherEditor, json: try json(whole), status: .conflict)
        let stored = try await stored(plan.plan.id)
        XCTAssertEqual(stored, saved.plan, "the stored plan is the first editor's")

        // With the version from `current` the second editor's change goes through.
        let retry = try json(ItemWriteRequest(item: item("โครงการของคนที่สอง", mission: "3.2"), version: current.plan.version))
        let merged = try await expectPlan(.PUT, "\(base)/items/\(itemID)", token: team.otherEditor, json: retry)
        XCTAssertEqual(merged.plan.version, n + 2)
        XCTAssertEqual(merged.plan.items.first?.name, "โครงการของคนที่สอง")
    }

    // MARK: Life cycle and permissions

    func testLifeCyclePermissionsAndRevisions() async throws {
        let team = try await makeTeam(slug: "life-cycle")
        let outsider = try await makeTeam(slug: "elsewhere")
        var plan = try await createPlan(team)
        let itemID: UUID
        (plan, itemID) = try await add(item(Self.budgetedItem, mission: "3.1", budgets: Dictionary(uniqueKeysWithValues: Self.allYears.map { ($0, BudgetEntry.amount(Money(baht: 20_000))) })),
                                       to: plan, token: team.editor)
        let planID = plan.plan.id
        let base = "/api/v1/plans/\(planID)"
        var version = plan.plan.version
        let rename = { (name: String, version: Int) throws -> String in
            try self.json(ItemWriteRequest(item: self.item(name, mission: "3.1"), version: version))
        }

        // Nobody, a viewer, and an editor of another organization cannot edit.
        try await expectError(.POST, "\(base)/items", token: nil, json: try rename("x", version), status: .unauthorized)
        try await expectError(.PUT, "\(base)/items/\(itemID)", token: team.viewer, json: try rename("x", version), status: .forbidden)
        try await expectError(.POST, "\(base)/items", token: team.viewer, json: try rename("x", version), status: .forbidden)
        try await expectError(.DELETE, "\(base)/items/\(itemID)?version=\(version)", token: team.viewer, status: .forbidden)
        try await expectError(.PUT, "\(base)/front-matter", token: team.viewer, json: try json(FrontMatterWriteRequest(title: nil, frontMatter: PlanFrontMatter(), version: version)), status: .forbidden)
        try await expectError(.POST, "\(base)/transitions", token: team.viewer, json: #"{"action":"submit","version":\#(version)}"#, status: .forbidden)
        try await expectError(.PUT, base, token: team.viewer, json: try json(PlanWriteRequest(firstYear: 2566, lastYear: 2570, version: version)), status: .forbidden)
        try await expectError(.PUT, "\(base)/items/\(itemID)", token: outsider.editor, json: try rename("x", version), status: .notFound)
        try await expectError(.POST, "/api/v1/organizations/\(team.slug)/plans", token: team.viewer,
                              json: try json(PlanWriteRequest(firstYear: 2566, lastYear: 2570)), status: .forbidden)
        let afterRefusals = try await stored(planID)
        XCTAssertEqual(afterRefusals, plan.plan)

        // The editor submits (and may withdraw), but cannot approve or publish.
        plan = try await expectPlan(.POST, "\(base)/transitions", token: team.editor, json: #"{"action":"submit","version":\#(version)}"#)
        XCTAssertEqual(plan.plan.status, .submitted)
        version = plan.plan.version
        try await expectError(.PUT, "\(base)/items/\(itemID)", token: team.editor, json: try rename("x", version), status: .conflict)
        plan = try await expectPlan(.POST, "\(base)/transitions", token: team.editor, json: #"{"action":"returnToDraft","version":\#(version)}"#)
        XCTAssertEqual(plan.plan.status, .draft)
        version = plan.plan.version
        plan = try await expectPlan(.POST, "\(base)/transitions", token: team.editor, json: #"{"action":"submit","version":\#(version)}"#)
        version = plan.plan.version
        try await expectError(.POST, "\(base)/transitions", token: team.editor, json: #"{"action":"approve","version":\#(version)}"#, status: .forbidden)
        try await expectError(.POST, "\(base)/transitions", token: team.viewer, json: #"{"action":"approve","version":\#(version)}"#, status: .forbidden)
        try await expectError(.POST, "\(base)/transitions", token: team.admin, json: #"{"action":"publish","version":\#(version)}"#, status: .conflict, field: "action")
        let afterRefusedApproval = try await stored(planID)
        XCTAssertEqual(afterRefusedApproval.status, .submitted)

        // The admin approves; the editor still cannot publish; the admin publishes.
        plan = try await expectPlan(.POST, "\(base)/transitions", token: team.admin, json: #"{"action":"approve","version":\#(version)}"#)
        XCTAssertEqual(plan.plan.status, .approved)
        version = plan.plan.version
        try await expectError(.POST, "\(base)/transitions", token: team.editor, json: #"{"action":"publish","version":\#(version)}"#, status: .forbidden)
        plan = try await expectPlan(.POST, "\(base)/transitions", token: team.admin, json: #"{"action":"publish","version":\#(version)}"#)
        XCTAssertEqual(plan.plan.status, .published)
        version = plan.plan.version
        let published = try await stored(planID)
        XCTAssertEqual(published, plan.plan)

        // A published revision cannot be changed, by any route, even by the admin.
        for token in [team.editor, team.admin] {
            try await expectError(.PUT, "\(base)/items/\(itemID)", token: token, json: try rename("แก้หลังเผยแพร่", version), status: .conflict)
            try await expectError(.POST, "\(base)/items", token: token, json: try rename("เพิ่มหลังเผยแพร่", version), status: .conflict)
            try await expectError(.DELETE, "\(base)/items/\(itemID)?version=\(version)", token: token, status: .conflict)
            try await expectError(.POST, "\(base)/items/\(itemID)/move", token: token, json: #"{"missionCode":"3.2","version":\#(version)}"#, status: .conflict)
            try await expectError(.POST, "\(base)/items/\(itemID)/duplicate", token: token, json: #"{"version":\#(version)}"#, status: .conflict)
            try await expectError(.PUT, "\(base)/items/\(itemID)/budgets", token: token, json: #"{"budgets":{"2566":1},"version":\#(version)}"#, status: .conflict)
            try await expectError(.PUT, "\(base)/items/\(itemID)/sheet", token: token, json: #"{"sheet":null,"version":\#(version)}"#, status: .conflict)
            try await expectError(.POST, "\(base)/risks", token: token, json: #"{"risk":{"workArea":"x"},"version":\#(version)}"#, status: .conflict)
            try await expectError(.POST, "\(base)/targets", token: token, json: #"{"target":{"indicator":"x"},"version":\#(version)}"#, status: .conflict)
            try await expectError(.PUT, "\(base)/front-matter", token: token, json: try json(FrontMatterWriteRequest(title: "x", frontMatter: PlanFrontMatter(), version: version)), status: .conflict)
            try await expectError(.PUT, base, token: token, json: try json(PlanWriteRequest(title: "x", firstYear: 2566, lastYear: 2570, items: [], version: version)), status: .conflict)
            try await expectError(.POST, "\(base)/transitions", token: token, json: #"{"action":"submit","version":\#(version)}"#, status: .conflict)
        }
        try await expectError(.POST, "\(base)/revisions", token: team.viewer, status: .forbidden)
        let afterRefusedEdits = try await stored(planID)
        XCTAssertEqual(afterRefusedEdits, published, "the published revision is unchanged")

        // The public reads revision 1 at the stable address.
        let publicAddress = "/o/\(team.slug)/plan/2566-2570"
        var page = try await send(.GET, publicAddress, token: nil)
        XCTAssertEqual(page.status, .ok)
        XCTAssertTrue(page.text.contains(HTML.escape(Self.budgetedItem)))
        let anonymous = try await expectPlan(.GET, base, token: nil)
        XCTAssertEqual(anonymous.publicURL, publicAddress)

        // A new revision: a draft that can be edited while revision 1 stays published and public.
        let draft = try await expectPlan(.POST, "\(base)/revisions", token: team.editor, status: .created)
        XCTAssertEqual(draft.plan.revision, 2)
        XCTAssertEqual(draft.plan.status, .draft)
        XCTAssertNotEqual(draft.plan.id, planID)
        try await expectError(.POST, "\(base)/revisions", token: team.editor, status: .conflict)
        let draftItem = try XCTUnwrap(draft.plan.items.first { $0.name == Self.budgetedItem })
        let newName = "โครงการสนับสนุนการจัดทำแผนชุมชน (ฉบับปรับปรุง)"
        let edited = try await expectPlan(.PUT, "/api/v1/plans/\(draft.plan.id)/items/\(draftItem.id)", token: team.editor,
                                          json: try rename(newName, draft.plan.version))
        XCTAssertEqual(edited.plan.items.first?.name, newName)
        XCTAssertEqual(edited.plan.revision, 2)

        let stillOld = try await expectPlan(.GET, base, token: team.editor)
        XCTAssertEqual(stillOld.plan, published, "GET of revision 1 returns the published content")
        let revision1 = try await stored(planID)
        XCTAssertEqual(revision1, published)
        page = try await send(.GET, publicAddress, token: nil)
        XCTAssertTrue(page.text.contains(HTML.escape(Self.budgetedItem)))
        XCTAssertFalse(page.text.contains(HTML.escape(newName)), "the draft revision is not public")
        try await expectError(.GET, "/api/v1/plans/\(draft.plan.id)", token: nil, status: .notFound)
        let publicRevisions = try await send(.GET, "\(base)/revisions", token: nil)
        XCTAssertEqual(try JSONDecoder.custom(dates: .iso8601).decode(AuthoringRevisions.self, from: publicRevisions.data).revisions.map(\.revision), [1],
                       "the public sees only published revisions")
        let memberRevisions = try JSONDecoder.custom(dates: .iso8601).decode(
            AuthoringRevisions.self, from: try await send(.GET, "\(base)/revisions", token: team.viewer).data)
        XCTAssertEqual(memberRevisions.revisions.map(\.revision), [2, 1])
        XCTAssertEqual(memberRevisions.revisions.map(\.status), [.draft, .published])
        XCTAssertTrue(memberRevisions.history.contains { $0.action == "plan.publish" && $0.revision == 1 && $0.by == "life-cycle-admin" })
        XCTAssertTrue(memberRevisions.history.contains { $0.action == "plan.revise" && $0.revision == 2 })
        XCTAssertTrue(memberRevisions.history.contains { $0.action == "item.update" && $0.revision == 2 && $0.by == team.editorName })

        // Publishing revision 2 moves the public address to it; revision 1 stays readable.
        var next = edited
        for (action, token) in [("submit", team.editor), ("approve", team.admin), ("publish", team.admin)] {
            next = try await expectPlan(.POST, "/api/v1/plans/\(draft.plan.id)/transitions", token: token,
                                        json: #"{"action":"\#(action)","version":\#(next.plan.version)}"#)
        }
        XCTAssertEqual(next.plan.status, .published)
        page = try await send(.GET, publicAddress, token: nil)
        XCTAssertTrue(page.text.contains(HTML.escape(newName)))
        let revision1Public = try await expectPlan(.GET, base, token: nil)
        XCTAssertEqual(revision1Public.plan.items.first?.name, Self.budgetedItem)

        // A plan with error findings (an item without a mission) cannot be submitted.
        var incomplete = try await createPlan(team, first: 2568, last: 2568)
        (incomplete, _) = try await add(item("มาตรการที่ยังไม่ได้เลือกภารกิจ", mission: nil, budgets: [2568: .noBudget]), to: incomplete, token: team.editor)
        XCTAssertTrue(incomplete.findings.contains { $0.code == .itemMissionMissing && $0.severity == .error })
        XCTAssertEqual(incomplete.summary.unplacedItemCount, 1)
        try await expectError(.POST, "/api/v1/plans/\(incomplete.plan.id)/transitions", token: team.editor,
                              json: #"{"action":"submit","version":\#(incomplete.plan.version)}"#, status: .conflict, field: "action")
        let notSubmitted = try await stored(incomplete.plan.id)
        XCTAssertEqual(notSubmitted, incomplete.plan)
    }

    // MARK: Bad input on the editing routes

    func testBadInputOnEditingRoutesIsRefusedAtTheFieldAndNothingChanges() async throws {
        let team = try await makeTeam(slug: "bad-input")
        var plan = try await createPlan(team)
        let x: UUID
        (plan, x) = try await add(item("โครงการทดสอบ", mission: "3.1", budgets: [2566: .amount(Money(baht: 20_000))]), to: plan, token: team.editor)
        let base = "/api/v1/plans/\(plan.plan.id)"

        // Thai digits and commas in a string are an amount, not an error.
        plan = try await expectPlan(.PUT, "\(base)/items/\(x)/budgets", token: team.editor,
                                    json: #"{"budgets":{"2566":"๒๐,๐๐๐","2567":" 20,000 บาท ","2568":"none"},"version":\#(plan.plan.version)}"#)
        XCTAssertEqual(plan.plan.items[0].budgets, [FiscalYear(2566): .amount(Money(baht: 20_000)), FiscalYear(2567): .amount(Money(baht: 20_000)), FiscalYear(2568): .noBudget])

        // Another plan of the same organization (another period: one plan per period), with a
        // custom mission 1.9, and its item.
        var other = try await createPlan(team, first: 2571, last: 2575)
        let otherDimensions = other.plan.dimensions.map { dimension -> SujaritCore.Dimension in
            var dimension = dimension
            if dimension.number == 1 { dimension.missions.append(Mission(code: "1.9", name: "ภารกิจที่เพิ่มเอง", isCustom: true)) }
            return dimension
        }
        other = try await expectPlan(.PUT, "/api/v1/plans/\(other.plan.id)", token: team.editor,
                                     json: try json(PlanWriteRequest(firstYear: 2571, lastYear: 2575, cycleID: "custom", dimensions: otherDimensions, items: [], version: other.plan.version)))
        XCTAssertNotNil(other.plan.mission(code: "1.9"))
        let otherItem: UUID
        (other, otherItem) = try await add(item("โครงการของแผนอื่น", mission: "1.9"), to: other, token: team.editor)
        let otherBefore = try await stored(other.plan.id)

        let before = try await stored(plan.plan.id)
        let v = before.version
        func budgets(_ value: String) -> String { #"{"budgets":{"2566":\#(value)},"version":\#(v)}"# }
        func itemBody(_ item: String) -> String { #"{"item":\#(item),"version":\#(v)}"# }

        // Amounts.
        try await expectError(.PUT, "\(base)/items/\(x)/budgets", token: team.editor, json: budgets(#""20,000abc""#), status: .badRequest, field: "2566")
        try await expectError(.PUT, "\(base)/items/\(x)/budgets", token: team.editor, json: budgets(#""abc""#), status: .badRequest, field: "budgets")
        try await expectError(.PUT, "\(base)/items/\(x)/budgets", token: team.editor, json: budgets("-5"), status: .badRequest, field: "2566")
        try await expectError(.PUT, "\(base)/items/\(x)/budgets", token: team.editor, json: budgets(#""-5""#), status: .badRequest, field: "2566")
        try await expectError(.PUT, "\(base)/items/\(x)/budgets", token: team.editor, json: budgets("12.345"), status: .badRequest, field: "2566")
        try await expectError(.PUT, "\(base)/items/\(x)/budgets", token: team.editor, json: budgets(#""12.345""#), status: .badRequest, field: "2566")
        try await expectError(.PUT, "\(base)/items/\(x)/budgets", token: team.editor, json: budgets("1000000000000.01"), status: .badRequest, field: "2566")
        try await expectError(.PUT, "\(base)/items/\(x)/budgets", token: team.editor, json: budgets("5000000000000"), status: .badRequest, field: "2566")
        try await expectError(.PUT, "\(base)/items/\(x)/budgets", token: team.editor, json: budgets(#""๕,๐๐๐,๐๐๐,๐๐๐,๐๐๐""#), status: .badRequest, field: "2566")
        try await expectError(.PUT, "\(base)/items/\(x)/budgets", token: team.editor, json: budgets(#""20,00""#), status: .badRequest, field: "2566")
        try await expectError(.PUT, "\(base)/items/\(x)/budgets", token: team.editor, json: budgets("true"), status: .badRequest, field: "2566")
        let badAmount = try await expectError(.POST, "\(base)/items", token: team.editor,
                                              json: itemBody(#"{"kind":"project","name":"ก","missionCode":"3.1","budgets":{"2567":"1e5"}}"#), status: .badRequest, field: "item.budgets")
        XCTAssertTrue(badAmount.fields.contains { $0.field.contains("2567") }, "\(badAmount.fields)")
        try await expectError(.PUT, "\(base)/items/\(x)", token: team.editor,
                              json: itemBody(#"{"kind":"project","name":"ก","missionCode":"3.1","budgets":{"2567":-1}}"#), status: .badRequest, field: "item.budgets")

        // Fiscal years outside the plan, or not years at all.
        try await expectError(.PUT, "\(base)/items/\(x)/budgets", token: team.editor, json: #"{"budgets":{"2599":1},"version":\#(v)}"#, status: .unprocessableEntity, field: "budgets.2599")
        try await expectError(.PUT, "\(base)/items/\(x)/budgets", token: team.editor, json: #"{"budgets":{"2565":"none"},"version":\#(v)}"#, status: .unprocessableEntity, field: "budgets.2565")
        try await expectError(.PUT, "\(base)/items/\(x)/budgets", token: team.editor, json: #"{"budgets":{"ปีหน้า":1},"version":\#(v)}"#, status: .unprocessableEntity, field: "budgets.ปีหน้า")
        try await expectError(.POST, "\(base)/items", token: team.editor,
                              json: itemBody(#"{"kind":"project","name":"ก","missionCode":"3.1","budgets":{"2571":100}}"#), status: .unprocessableEntity, field: "budgets.2571")
        try await expectError(.POST, "\(base)/targets", token: team.editor,
                              json: #"{"target":{"indicator":"ITA","values":{"2575":85}},"version":\#(v)}"#, status: .unprocessableEntity, field: "values.2575")

        // 10,000-character names and titles.
        let long = String(repeating: "ก", count: 10_000)
        try await expectError(.POST, "\(base)/items", token: team.editor,
                              json: itemBody(#"{"kind":"project","name":"\#(long)","missionCode":"3.1"}"#), status: .unprocessableEntity, field: "name")
        try await expectError(.PUT, "\(base)/items/\(x)", token: team.editor,
                              json: itemBody(#"{"kind":"project","name":"\#(long)","missionCode":"3.1"}"#), status: .unprocessableEntity, field: "name")
        try await expectError(.PUT, "\(base)/front-matter", token: team.editor,
                              json: try json(FrontMatterWriteRequest(title: long, frontMatter: PlanFrontMatter(), version: v)), status: .unprocessableEntity, field: "title")
        try await expectError(.POST, "\(base)/items", token: team.editor,
                              json: itemBody(#"{"kind":"project","name":"   ","missionCode":"3.1"}"#), status: .unprocessableEntity, field: "name")

        // Missions of another plan, or of none.
        try await expectError(.POST, "\(base)/items/\(x)/move", token: team.editor, json: #"{"missionCode":"1.9","version":\#(v)}"#, status: .unprocessableEntity, field: "missionCode")
        try await expectError(.POST, "\(base)/items/\(x)/move", token: team.editor, json: #"{"missionCode":"9.9","version":\#(v)}"#, status: .unprocessableEntity, field: "missionCode")
        try await expectError(.POST, "\(base)/items/\(x)/move", token: team.editor, json: #"{"missionCode":"","version":\#(v)}"#, status: .unprocessableEntity, field: "missionCode")
        try await expectError(.PUT, "\(base)/items/\(x)", token: team.editor,
                              json: itemBody(#"{"kind":"project","name":"ก","missionCode":"1.9"}"#), status: .unprocessableEntity, field: "missionCode")
        try await expectError(.POST, "\(base)/items", token: team.editor,
                              json: itemBody(#"{"kind":"project","name":"ก","missionCode":"<script>"}"#), status: .unprocessableEntity, field: "missionCode")

        // Ids of another plan's item (same organization), in the path or in links.
        try await expectError(.PUT, "\(base)/items/\(otherItem)", token: team.editor,
                              json: itemBody(#"{"kind":"project","name":"ก","missionCode":"3.1"}"#), status: .notFound, field: "item")
        try await expectError(.POST, "\(base)/items/\(otherItem)/move", token: team.editor, json: #"{"missionCode":"3.1","version":\#(v)}"#, status: .notFound, field: "item")
        try await expectError(.POST, "\(base)/items/\(otherItem)/duplicate", token: team.editor, json: #"{"version":\#(v)}"#, status: .notFound, field: "item")
        try await expectError(.PUT, "\(base)/items/\(otherItem)/budgets", token: team.editor, json: #"{"budgets":{},"version":\#(v)}"#, status: .notFound, field: "item")
        try await expectError(.PUT, "\(base)/items/\(otherItem)/sheet", token: team.editor, json: #"{"sheet":null,"version":\#(v)}"#, status: .notFound, field: "item")
        try await expectError(.DELETE, "\(base)/items/\(otherItem)?version=\(v)", token: team.editor, status: .notFound, field: "item")
        try await expectError(.POST, "\(base)/risks", token: team.editor,
                              json: #"{"risk":{"workArea":"งานพัสดุ","linkedItemIDs":["\#(otherItem)"]},"version":\#(v)}"#, status: .unprocessableEntity, field: "linkedItemIDs")
        try await expectError(.PUT, "\(base)/risks/\(UUID())", token: team.editor,
                              json: #"{"risk":{"workArea":"งานพัสดุ"},"version":\#(v)}"#, status: .notFound, field: "riskID")
        try await expectError(.DELETE, "\(base)/targets/\(UUID())?version=\(v)", token: team.editor, status: .notFound, field: "id")

        // Malformed JSON, missing or wrong fields.
        try await expectError(.POST, "\(base)/items", token: team.editor, json: #"{"item": {"kind":"project","#, status: .badRequest)
        try await expectError(.PUT, "\(base)/items/\(x)/budgets", token: team.editor, json: "not json", status: .badRequest)
        try await expectError(.POST, "\(base)/items", token: team.editor, json: #"{"item":{"kind":"project","name":"ก","missionCode":"3.1"}}"#, status: .badRequest, field: "version")
        try await expectError(.PUT, "\(base)/items/\(x)/budgets", token: team.editor, json: #"{"budgets":{"2566":1}}"#, status: .badRequest, field: "version")
        try await expectError(.POST, "\(base)/items/\(x)/duplicate", token: team.editor, json: "{}", status: .badRequest, field: "version")
        try await expectError(.POST, "\(base)/transitions", token: team.editor, json: #"{"action":"submit"}"#, status: .badRequest, field: "version")
        try await expectError(.POST, "\(base)/transitions", token: team.editor, json: #"{"action":"destroy","version":\#(v)}"#, status: .badRequest, field: "action")
        try await expectError(.POST, "\(base)/items", token: team.editor, json: #"{"item":{"kind":"project","name":"ก"},"version":"\#(v)"}"#, status: .badRequest, field: "version")
        try await expectError(.DELETE, "\(base)/items/\(x)", token: team.editor, status: .unprocessableEntity, field: "version")
        try await expectError(.DELETE, "\(base)/items/\(x)?version=abc", token: team.editor, status: .unprocessableEntity, field: "version")
        try await expectError(.POST, "\(base)/items", token: team.editor, json: itemBody(#"{"kind":"spaceship","name":"ก"}"#), status: .badRequest, field: "item.kind")
        try await expectError(.POST, "\(base)/items", token: team.editor, json: itemBody(#"{"kind":"project"}"#), status: .badRequest, field: "item.name")
        try await expectError(.POST, "\(base)/risks", token: team.editor,
                              json: #"{"risk":{"workArea":"งาน","issues":[{"text":"ก","level":"extreme"}]},"version":\#(v)}"#, status: .badRequest, field: "risk.issues[0].level")
        try await expectError(.POST, "\(base)/risks", token: team.editor, json: #"{"risk":{"workArea":" "},"version":\#(v)}"#, status: .unprocessableEntity, field: "workArea")
        try await expectError(.POST, "\(base)/targets", token: team.editor, json: #"{"target":{"indicator":""},"version":\#(v)}"#, status: .unprocessableEntity, field: "indicator")
        try await expectError(.PUT, "\(base)/items/\(x)/sheet", token: team.editor, json: #"{"sheet":{"rationale":"ก"},"version":\#(v)}"#, status: .badRequest, field: "sheet")

        // Ids that are not UUIDs.
        try await expectError(.PUT, "\(base)/items/not-a-uuid", token: team.editor, json: itemBody(#"{"kind":"project","name":"ก"}"#), status: .notFound)
        try await expectError(.DELETE, "\(base)/risks/123?version=\(v)", token: team.editor, status: .notFound)
        try await expectError(.POST, "/api/v1/plans/not-a-uuid/items", token: team.editor, json: itemBody(#"{"kind":"project","name":"ก"}"#), status: .notFound)
        try await expectError(.POST, "/api/v1/plans/\(UUID())/items", token: team.editor, json: itemBody(#"{"kind":"project","name":"ก"}"#), status: .notFound)
        try await expectError(.POST, "\(base)/items", token: team.editor, json: itemBody(#"{"id":"not-a-uuid","kind":"project","name":"ก"}"#), status: .badRequest, field: "item.id")
        try await expectError(.POST, "\(base)/risks", token: team.editor,
                              json: #"{"risk":{"workArea":"งาน","linkedItemIDs":["not-a-uuid"]},"version":\#(v)}"#, status: .badRequest, field: "risk.linkedItemIDs[0]")

        // Nothing of the above changed either plan.
        let planAfter = try await stored(plan.plan.id)
        XCTAssertEqual(planAfter, before)
        let otherPlanAfter = try await stored(other.plan.id)
        XCTAssertEqual(otherPlanAfter, otherBefore)
        let readBack = try await expectPlan(.GET, base, token: team.editor)
        XCTAssertEqual(readBack.plan.version, v)

        // A whole-plan write cannot take over another plan's item: an id that is not this plan's
        // is a new item with a fresh id (before the fix: a 500 from the storage's unique key).
        let otherRisk = RiskArea(order: 1, workArea: "งานพัสดุ", issues: [], controlMeasures: [], linkedItemIDs: [otherItem])
        let stolen = PlanWriteRequest(firstYear: 2566, lastYear: 2570, items: [
            PlanItem(id: x, kind: .project, name: "โครงการทดสอบ", missionCode: "3.1", order: 1),
            PlanItem(id: otherItem, kind: .project, name: "ยึดรายการ", missionCode: "3.1", order: 2),
        ], risks: [otherRisk], version: v)
        let replaced = try await expectPlan(.PUT, base, token: team.editor, json: try json(stolen))
        XCTAssertEqual(replaced.plan.items.count, 2)
        XCTAssertEqual(replaced.plan.items.first { $0.name == "โครงการทดสอบ" }?.id, x, "the plan's own item keeps its id")
        let taken = try XCTUnwrap(replaced.plan.items.first { $0.name == "ยึดรายการ" })
        XCTAssertNotEqual(taken.id, otherItem)
        XCTAssertEqual(replaced.plan.risks.first?.linkedItemIDs, [taken.id], "the link follows the new id")
        XCTAssertEqual(replaced.plan.risks.first.map { $0.id == otherRisk.id }, false)
        let created = try await expectPlan(.POST, "/api/v1/organizations/\(team.slug)/plans", token: team.editor, json: try json(
            PlanWriteRequest(firstYear: 2568, lastYear: 2568, items: [PlanItem(id: otherItem, kind: .project, name: "ก", missionCode: "3.1", order: 1)])), status: .created)
        XCTAssertNotEqual(created.plan.items.first?.id, otherItem)
        let otherAfter = try await stored(other.plan.id)
        XCTAssertEqual(otherAfter, otherBefore, "the other plan keeps its item")
    }

    // MARK: Hostile text

    func testHTMLInTextFieldsComesBackVerbatimAndIsEscapedOnPages() async throws {
        let team = try await makeTeam(slug: "hostile")
        let hostile = #"<script>alert("x")</script>' onmouseover='x' & <img src=x onerror=alert(1)>"#
        var plan = try await createPlan(team, title: "แผน " + hostile)
        XCTAssertEqual(plan.plan.title, "แผน " + hostile)
        let base = "/api/v1/plans/\(plan.plan.id)"
        let sheet = ProjectSheet(rationale: hostile, objectives: [hostile], targetGroup: hostile, method: [MethodStep(hostile, subSteps: [MethodStep(hostile)])],
                                 period: hostile, budgetText: hostile, responsible: hostile, outputs: [hostile], outcomes: [hostile], area: hostile)
        var hostileItem = item("โครงการ " + hostile, mission: "2.2", budgets: [2566: .noBudget], sheet: sheet)
        hostileItem.remarks = hostile
        hostileItem.responsibleUnit = hostile
        let itemID: UUID
        (plan, itemID) = try await add(hostileItem, to: plan, token: team.editor)
        plan = try await expectPlan(.POST, "\(base)/risks", token: team.editor,
                                    json: try json(RiskWriteRequest(risk: RiskArea(order: 0, workArea: hostile, issues: [RiskIssue(hostile, level: .high)],
                                                                                   controlMeasures: [hostile], linkedItemIDs: [itemID]), version: plan.plan.version)), status: .created)
        plan = try await expectPlan(.POST, "\(base)/targets", token: team.editor,
                                    json: try json(TargetWriteRequest(target: YearlyTarget(order: 0, indicator: hostile, unit: hostile, values: [FiscalYear(2566): 10]), version: plan.plan.version)), status: .created)
        plan = try await expectPlan(.PUT, "\(base)/front-matter", token: team.editor,
                                    json: try json(FrontMatterWriteRequest(title: hostile, frontMatter: PlanFrontMatter(foreword: hostile, rationale: hostile, objectives: [hostile], benefits: [hostile]), version: plan.plan.version)))

        // The JSON gives back exactly what was sent.
        let read = try await expectPlan(.GET, base, token: team.editor)
        let stored = try XCTUnwrap(read.plan.items.first { $0.id == itemID })
        XCTAssertEqual(read.plan.title, hostile)
        XCTAssertEqual(stored.name, "โครงการ " + hostile)
        XCTAssertEqual(stored.remarks, hostile)
        XCTAssertEqual(stored.responsibleUnit, hostile)
        XCTAssertEqual(stored.sheet, sheet)
        XCTAssertEqual(read.plan.risks.first?.workArea, hostile)
        XCTAssertEqual(read.plan.risks.first?.issues.first?.text, hostile)
        XCTAssertEqual(read.plan.risks.first?.controlMeasures, [hostile])
        XCTAssertEqual(read.plan.targets.first?.indicator, hostile)
        XCTAssertEqual(read.plan.targets.first?.unit, hostile)
        XCTAssertEqual(read.plan.frontMatter, PlanFrontMatter(foreword: hostile, rationale: hostile, objectives: [hostile], benefits: [hostile]))
        let raw = try await send(.GET, base, token: team.editor)
        XCTAssertTrue(raw.text.contains(#"<script>alert(\"x\")</script>' onmouseover='x' & <img src=x onerror=alert(1)>"#),
                      "JSON carries the text unmangled (only JSON's own escaping of the quote)")

        // The pages show it as text.
        let escaped = HTML.escape(hostile)
        XCTAssertFalse(escaped.contains("<"))
        for path in ["/plans/\(plan.plan.id)", "/plans/\(plan.plan.id)/items/\(itemID)"] {
            let page = try await send(.GET, path, token: team.editor)
            XCTAssertEqual(page.status, .ok, path)
            XCTAssertFalse(page.text.contains("<script>alert"), path)
            XCTAssertFalse(page.text.contains("<img src=x"), path)
            XCTAssertFalse(page.text.contains("onmouseover='x'"), path)
            XCTAssertTrue(page.text.contains(escaped), "\(path) shows the text escaped")
        }
        let sheetPage = try await send(.GET, "/plans/\(plan.plan.id)/items/\(itemID)", token: team.editor)
        XCTAssertGreaterThanOrEqual(sheetPage.text.components(separatedBy: escaped).count - 1, 9, "every sheet field is shown, escaped")
    }
}
