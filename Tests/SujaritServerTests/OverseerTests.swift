import Foundation
import XCTest
import XCTVapor
import SujaritCore
@_spi(Fixtures) import SujaritPersistence
import SujaritCatalog
import SujaritDemo
import FluentKit
import FluentSQL
@testable import SujaritServer

/// Overseers: a province role reads only its province, the national role everything; figures
/// come from published plans only and equal what the stored plans add up to.
final class OverseerTests: ServerTestCase {
    let count = 100

    func path(_ province: String) -> String {
        "/overseers/provinces/" + (province.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? province)
    }

    func get(_ path: String, token: String?) async throws -> (HTTPStatus, String) {
        var result: (HTTPStatus, String) = (.internalServerError, "")
        try await app.test(.GET, path, headers: token.map(bearer) ?? [:]) { res async throws in result = (res.status, res.body.string) }
        return result
    }

    func testOverseersSeeOnlyTheirArea() async throws {
        try await NationLoader(db).load(count: count)
        let a = NationData.provinces[0], b = NationData.provinces[1]
        let provincial = try await makeUser("overseer-a")
        try await OverseerStore(db).grant(.province(a), userID: provincial.requireID())
        let national = try await makeUser("overseer-nation")
        try await OverseerStore(db).grant(.nation, userID: national.requireID())
        let organization = try await OrganizationStore(db).find(slug: "n01-001")
        try await makeUser("org-admin", role: .admin, in: organization)
        let provincialToken = try await token("overseer-a")
        let nationalToken = try await token("overseer-nation")
        let adminToken = try await token("org-admin")

        var (status, body) = try await get(path(a), token: provincialToken)
        XCTAssertEqual(status, .ok)
        XCTAssertTrue(body.contains("<svg"), "charts")
        for refused in [path(b), path(b) + "/coverage.json", path(b) + "/budget-per-dimension.csv", "/overseers/nation", "/overseers/nation/coverage.json"] {
            (status, _) = try await get(refused, token: provincialToken)
            XCTAssertEqual(status, .forbidden, refused)
        }
        for path in [path(a), path(b), "/overseers/nation", "/overseers/nation/standard-measures.csv", "/overseers"] {
            (status, _) = try await get(path, token: nationalToken)
            XCTAssertEqual(status, .ok, path)
        }
        (status, _) = try await get(path(a), token: adminToken)
        XCTAssertEqual(status, .forbidden, "a plan role is not an overseer role")
        (status, _) = try await get(path(a), token: nil)
        XCTAssertEqual(status, .unauthorized)
        // Unknown provinces and figures: 404, never 500.
        (status, _) = try await get(self.path("ไม่มีจังหวัดนี้"), token: nationalToken)
        XCTAssertEqual(status, .notFound)
        (status, _) = try await get(path(a) + "/nothing.json", token: nationalToken)
        XCTAssertEqual(status, .notFound)
        (status, _) = try await get(path(a) + "/coverage.xml", token: provincialToken)
        XCTAssertEqual(status, .notFound)
        // The province's overseer does not see its drafts either: nothing of a draft is on the page.
        let draftEntry = NationData.entries(count: count).first { $0.organization.province == a && $0.revisions.last?.status == .draft }
        let draft = try XCTUnwrap(draftEntry?.revisions.last, "the generated data has a draft in \(a) (else this check tries nothing)")
        (status, body) = try await get("/plans/\(draft.id)", token: provincialToken)
        XCTAssertEqual(status, .notFound, "a draft stays with its organization")
    }

    struct Wrapped<T: Decodable>: Decodable { var data: T }

    func testFiguresEqualTheSumsOfTheStoredPlans() async throws {
        try await NationLoader(db).load(count: count)
        let national = try await makeUser("overseer-nation")
        try await OverseerStore(db).grant(.nation, userID: national.requireID())
        let token = try await token("overseer-nation")

        // Directly from the stored plans: the served revision of each organization.
        let organizations = try await OrganizationStore(db).all()
        var direct: [DashboardPlan] = []
        var measureUse: [String: Int] = [:]
        let index = PublishedFigures.measureIndex
        for organization in organizations {
            guard let plan = try await PlanStore(db).publishedPlan(organizationID: organization.id, first: FiscalYear(2566), last: FiscalYear(2570)) else { continue }
            XCTAssertEqual(plan.status, .published)
            direct.append(DashboardPlan(plan: plan))
            let ids = Set(plan.items.compactMap { OverseerDashboard.measureID(itemName: $0.name, organizationName: organization.name, index: index, placeholder: TemplateText.organizationPlaceholder) })
            for id in ids { measureUse[id, default: 0] += 1 }
        }
        XCTAssertGreaterThan(direct.count, count / 2)

        var (status, body) = try await get("/overseers/nation/coverage.json", token: token)
        XCTAssertEqual(status, .ok)
        let coverage = try JSONDecoder().decode(Wrapped<OverseerDashboard.Coverage>.self, from: Data(body.utf8)).data
        XCTAssertEqual(coverage.organizations, organizations.count)
        XCTAssertEqual(coverage.withPublishedPlan, direct.count)

        (status, body) = try await get("/overseers/nation/items-per-dimension.json", token: token)
        let items = try JSONDecoder().decode(Wrapped<[OverseerDashboard.DimensionItems]>.self, from: Data(body.utf8)).data
        for row in items {
            XCTAssertEqual(row.items, direct.map { $0.itemsByDimension[row.dimension] ?? 0 }.reduce(0, +), "dimension \(row.dimension)")
        }
        XCTAssertEqual(items.map(\.items).reduce(0, +), direct.flatMap { $0.itemsByDimension.values }.reduce(0, +))

        (status, body) = try await get("/overseers/nation/budget-per-dimension.json", token: token)
        let budgets = try JSONDecoder().decode(Wrapped<[OverseerDashboard.DimensionBudget]>.self, from: Data(body.utf8)).data
        XCTAssertFalse(budgets.isEmpty)
        for row in budgets {
            let expected = direct.map { $0.budgetByDimensionYear[row.dimension]?[row.year] ?? 0 }.reduce(0, +)
            XCTAssertEqual(row.totalSatang, expected, "dimension \(row.dimension) year \(row.year)")
            XCTAssertEqual(row.byKind.map(\.totalSatang).reduce(0, +), expected)
        }
        XCTAssertGreaterThan(budgets.map(\.totalSatang).reduce(0, +), 0)

        (status, body) = try await get("/overseers/nation/standard-measures.json", token: token)
        let measures = try JSONDecoder().decode(Wrapped<[OverseerDashboard.MeasureUse]>.self, from: Data(body.utf8)).data
        XCTAssertEqual(measures.count, StandardMeasures.all.count)
        for use in measures { XCTAssertEqual(use.organizations, measureUse[use.measureID] ?? 0, use.measureID) }

        // A province's figures are its organizations' only.
        let province = NationData.provinces[3]
        (status, body) = try await get(path(province) + "/coverage.json", token: token)
        let provinceCoverage = try JSONDecoder().decode(Wrapped<OverseerDashboard.Coverage>.self, from: Data(body.utf8)).data
        XCTAssertEqual(provinceCoverage.organizations, organizations.filter { $0.province == province }.count)
        XCTAssertTrue(provinceCoverage.without.allSatisfy { $0.province == province })

        // CSV: a byte-order mark, a header, one line per row.
        (status, body) = try await get("/overseers/nation/items-per-dimension.csv", token: token)
        XCTAssertEqual(status, .ok)
        XCTAssertTrue(body.hasPrefix("\u{FEFF}dimension,plans,items,median_items_per_plan\r\n"))
    }

    func testPublishReachesTheDashboardAtOnce() async throws {
        let organization = try await makeOrganization(slug: "dash-org")
        try await makeUser("dash-admin", role: .admin, in: organization)
        let overseer = try await makeUser("dash-overseer")
        try await OverseerStore(db).grant(.province(organization.province), userID: overseer.requireID())
        let overseerToken = try await token("dash-overseer")
        let draft = try await PlanStore(db).create(demoPlan(for: organization, status: .draft))
        var (_, body) = try await get(path(organization.province) + "/coverage.json", token: overseerToken)
        XCTAssertTrue(body.contains("\"withPublishedPlan\":0"), body)
        // Published through the ordinary transition: the next dashboard counts it.
        let adminToken = try await token("dash-admin")
        var version = draft.version
        for action in ["submit", "approve", "publish"] {
            try await app.test(.POST, "/api/v1/plans/\(draft.id)/transitions", headers: bearer(adminToken), beforeRequest: { req async throws in
                req.headers.contentType = .json
                req.body = ByteBuffer(string: #"{"action":"\#(action)","version":\#(version)}"#)
            }, afterResponse: { res async throws in
                XCTAssertEqual(res.status, .ok, res.body.string)
                version += 1
            })
        }
        (_, body) = try await get(path(organization.province) + "/coverage.json", token: overseerToken)
        XCTAssertTrue(body.contains("\"withPublishedPlan\":1"), body)
    }

    // MARK: Kept figures, monitoring rounds, complaints, files

    /// The figures kept at publish time are the figures counted from the items: dropping every
    /// kept row gives the same dashboard, and the nation loader (the write path) keeps them all.
    func testKeptFiguresEqualFiguresCountedFromTheItems() async throws {
        try await NationLoader(db).load(count: 60)
        let store = DashboardStore(db)
        let kept = try await store.load(province: nil, firstYear: 2566, lastYear: 2570, measureIndex: PublishedFigures.measureIndex,
                                        placeholder: TemplateText.organizationPlaceholder)
        XCTAssertEqual(kept.countedFromItems, 0, "every published revision of the write path has its figures kept")
        XCTAssertGreaterThan(kept.plans.count, 30)
        let sql = try XCTUnwrap(db as? any SQLDatabase)
        try await sql.raw("DELETE FROM plan_figures").run()
        let counted = try await store.load(province: nil, firstYear: 2566, lastYear: 2570, measureIndex: PublishedFigures.measureIndex,
                                           placeholder: TemplateText.organizationPlaceholder)
        XCTAssertEqual(counted.countedFromItems, kept.plans.count)
        func byPlan(_ plans: [DashboardPlan]) -> [UUID: DashboardPlan] { Dictionary(uniqueKeysWithValues: plans.map { ($0.planID, $0) }) }
        XCTAssertEqual(byPlan(kept.plans), byPlan(counted.plans))
        XCTAssertTrue(kept.plans.contains { !$0.standardMeasureIDs.isEmpty }, "standard measures found")
    }

    struct RoundRow: Decodable {
        var fiscalYear: Int
        var kind: String
        var deadline: String
        var expected: Int
        var submitted: Int
        var submittedOnTime: Int
        var approved: Int
        var items: Int
        var carriedOut: Int
        var carriedOutPercent: Double?
        var plannedSatang: Int64
        var disbursedSatang: Int64
    }

    func testMonitoringFiguresEqualTheStoredRounds() async throws {
        try await NationLoader(db).load(count: count)
        let national = try await makeUser("overseer-nation")
        try await OverseerStore(db).grant(.nation, userID: national.requireID())
        let token = try await token("overseer-nation")

        // Directly: each organization's served plan, its series' approved rounds and their records.
        var served = 0
        var rounds: [MonitoringRound] = []
        for organization in try await OrganizationStore(db).all() {
            guard let id = try await PlanStore(db).publishedPlanID(organizationID: organization.id, first: FiscalYear(2566), last: FiscalYear(2570)),
                  let series = try await MonitoringStore(db).seriesID(ofPlan: id, organizationID: organization.id) else { continue }
            served += 1
            rounds += try await MonitoringStore(db).rounds(seriesID: series, organizationID: organization.id)
        }
        let approved = rounds.filter { $0.status == .approved && $0.fiscalYear.be == 2568 && $0.kind == .sixMonths }
        XCTAssertGreaterThan(approved.count, 5, "the loader reported rounds")
        let records = approved.flatMap(\.records)

        var (status, body) = try await get("/overseers/nation/monitoring-rounds.json", token: token)
        XCTAssertEqual(status, .ok, body)
        let rows = try JSONDecoder().decode(Wrapped<[RoundRow]>.self, from: Data(body.utf8)).data
        let row = try XCTUnwrap(rows.first { $0.fiscalYear == 2568 && $0.kind == "6m" })
        XCTAssertEqual(row.deadline, "2025-04-30")
        XCTAssertEqual(row.expected, served)
        XCTAssertEqual(row.approved, approved.count)
        XCTAssertEqual(row.submitted, approved.count, "approved straight from open counts as sent")
        XCTAssertEqual(row.items, records.count)
        XCTAssertEqual(row.carriedOut, records.filter { $0.progress == .completed || $0.progress == .inProgress }.count)
        XCTAssertEqual(row.plannedSatang, records.compactMap(\.plannedBudget).map(\.satang).reduce(0, +))
        XCTAssertEqual(row.disbursedSatang, records.compactMap(\.disbursed).map(\.satang).reduce(0, +))
        let percent = (Double(row.carriedOut) * 10_000 / Double(records.count)).rounded() / 100
        XCTAssertEqual(row.carriedOutPercent, percent)
        // Loaded now, long after 30 April 2025: none on time …
        XCTAssertEqual(row.submittedOnTime, 0)
        XCTAssertTrue(rows.contains { $0.fiscalYear == 2570 }, "the year begun on 1 October 2569 is shown")

        // … until one round's approval is dated 1 April 2025 (Thai time).
        let sql = try XCTUnwrap(db as? any SQLDatabase)
        let early = Date(timeIntervalSince1970: 1_743_465_600) // 2025-04-01 00:00 UTC
        try await sql.raw("UPDATE audit_events SET created_at = \(bind: early) WHERE subject = \(bind: approved[0].id.uuidString) AND action = \(bind: AuditAction.roundApprove.rawValue)").run()
        app.publishedCache.invalidate(organizationID: approved[0].organizationID)
        (status, body) = try await get("/overseers/nation/monitoring-rounds.json", token: token)
        let again = try JSONDecoder().decode(Wrapped<[RoundRow]>.self, from: Data(body.utf8)).data
        XCTAssertEqual(again.first { $0.fiscalYear == 2568 && $0.kind == "6m" }?.submittedOnTime, 1)

        // The same rows as CSV and as a workbook.
        (status, body) = try await get("/overseers/nation/monitoring-rounds.csv", token: token)
        XCTAssertEqual(status, .ok)
        XCTAssertTrue(body.hasPrefix("\u{FEFF}fiscal_year,round,deadline,expected,submitted,submitted_on_time,approved,items,carried_out"))
        XCTAssertTrue(body.contains("\r\n2568,6m,2025-04-30,\(served),\(approved.count),1,\(approved.count),\(records.count),"), body)
        // The page shows the table and its chart.
        (status, body) = try await get("/overseers/nation", token: token)
        XCTAssertTrue(body.contains("ส่งตรงเวลา"))
        XCTAssertTrue(body.contains("/overseers/nation/monitoring-rounds.xlsx"))
    }

    /// A corruption complaint case row as the complaint store keeps it (only what the dashboard reads matters).
    func complaint(_ organization: Organization, received: String, status: ComplaintStatus, kind: ComplaintKind = .corruption) async throws {
        let record = ComplaintCaseRecord()
        record.id = UUID()
        record.organizationID = organization.id
        record.channel = "online"
        record.status = status.rawValue
        record.referredToName = ""
        record.receivedOn = received
        record.dueOn = received
        record.concernsExecutive = false
        record.recusedJSON = "[]"
        record.receiptLookup = UUID().uuidString
        record.receiptVerifier = "x"
        record.sealedReport = "x"
        record.version = 1
        record.kind = kind.rawValue
        try await record.create(on: db)
    }

    struct ComplaintRow: Decodable {
        var fiscalYear: Int
        var province: String
        var received: PublishedCount
        var concluded: PublishedCount
        var inProgress: PublishedCount
        var referred: PublishedCount
    }

    func testComplaintCountsAreSuppressedAsInThePublicStatistics() async throws {
        let a = try await makeOrganization(slug: "complaints-a")
        var otherOrganization = Organization(slug: "complaints-b", kind: .subdistrictMunicipality, name: "เทศบาลตำบลร้องเรียน",
                                             district: "เมือง", province: "มหาสารคาม", units: [])
        otherOrganization = try await OrganizationStore(db).create(otherOrganization)
        // ขอนแก่น: 7 in fiscal year 2568 (received from October 2567 = 2024), 2 concluded; 3 in 2569.
        for (day, status) in [("2024-10-03", ComplaintStatus.concluded), ("2024-12-01", .concluded), ("2025-01-15", .investigating),
                              ("2025-03-01", .received), ("2025-05-20", .screening), ("2025-08-08", .acknowledged), ("2025-09-30", .received),
                              ("2025-10-01", .received), ("2025-11-11", .received), ("2026-02-02", .referred)] {
            try await complaint(a, received: day, status: status)
        }
        // General complaints are not counted.
        try await complaint(a, received: "2025-01-01", status: .received, kind: .general)
        // มหาสารคาม: one in 2568.
        try await complaint(otherOrganization, received: "2025-06-01", status: .concluded)
        let national = try await makeUser("overseer-nation")
        try await OverseerStore(db).grant(.nation, userID: national.requireID())
        let token = try await token("overseer-nation")
        app.sujaritClock = { Date(timeIntervalSince1970: 1_765_000_000) } // December 2025: fiscal year 2569

        var (status, body) = try await get(path("ขอนแก่น") + "/complaints.json", token: token)
        XCTAssertEqual(status, .ok, body)
        var rows = try JSONDecoder().decode(Wrapped<[ComplaintRow]>.self, from: Data(body.utf8)).data
        let y2568 = try XCTUnwrap(rows.first { $0.fiscalYear == 2568 && $0.province.isEmpty })
        XCTAssertEqual(y2568.received, .exact(7))
        XCTAssertEqual(y2568.concluded, .fewerThanFive, "2 is published as fewer than five")
        XCTAssertEqual(y2568.inProgress, .exact(5))
        XCTAssertEqual(y2568.referred, .exact(0), "none is none")
        let y2569 = try XCTUnwrap(rows.first { $0.fiscalYear == 2569 })
        XCTAssertEqual(y2569.received, .fewerThanFive)
        XCTAssertFalse(rows.contains { $0.fiscalYear == 2570 }, "a year not begun is not shown")
        XCTAssertFalse(body.contains("\"received\":3") || body.contains("\"received\":1"), "no small number leaves: \(body)")

        (status, body) = try await get("/overseers/nation/complaints.json", token: token)
        rows = try JSONDecoder().decode(Wrapped<[ComplaintRow]>.self, from: Data(body.utf8)).data
        XCTAssertEqual(rows.first { $0.fiscalYear == 2568 && $0.province.isEmpty }?.received, .exact(8))
        XCTAssertEqual(rows.first { $0.fiscalYear == 2568 && $0.province == "มหาสารคาม" }?.received, .fewerThanFive)
        XCTAssertEqual(rows.first { $0.fiscalYear == 2568 && $0.province == "ขอนแก่น" }?.received, .exact(7))
        (status, body) = try await get("/overseers/nation/complaints.csv", token: token)
        XCTAssertTrue(body.contains("2568,มหาสารคาม,น้อยกว่า 5,น้อยกว่า 5,0,0"), body)
        (status, body) = try await get("/overseers/nation", token: token)
        XCTAssertTrue(body.contains("น้อยกว่า 5"))
    }

    func testEveryFigureIsAlsoAWorkbookAndAnotherAreaIsRefused() async throws {
        try await NationLoader(db).load(count: 30)
        let a = NationData.provinces[0], b = NationData.provinces[1]
        let provincial = try await makeUser("overseer-a")
        try await OverseerStore(db).grant(.province(a), userID: provincial.requireID())
        let token = try await token("overseer-a")
        for figure in DashboardFigure.allCases {
            for format in DashboardFigure.Format.allCases {
                var headers = HTTPHeaders()
                var bytes = Data()
                try await app.test(.GET, path(a) + "/\(figure.rawValue).\(format.rawValue)", headers: bearer(token)) { res async throws in
                    XCTAssertEqual(res.status, .ok, "\(figure) \(format)")
                    headers = res.headers
                    bytes = Data(res.body.readableBytesView)
                }
                switch format {
                case .xlsx:
                    XCTAssertEqual(headers.first(name: .contentType), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
                    XCTAssertEqual(Array(bytes.prefix(2)), Array("PK".utf8), "a ZIP package")
                    XCTAssertTrue(headers.first(name: .contentDisposition)?.contains("\(figure.rawValue)-2566-2570.xlsx") ?? false)
                case .csv: XCTAssertTrue(headers.first(name: .contentType)?.hasPrefix("text/csv") ?? false)
                case .json: XCTAssertNoThrow(try JSONSerialization.jsonObject(with: bytes))
                }
                // Province B's figures (drafts or not) are not this overseer's: 403, in every format.
                try await app.test(.GET, path(b) + "/\(figure.rawValue).\(format.rawValue)", headers: bearer(token)) { res async throws in
                    XCTAssertEqual(res.status, .forbidden, "\(figure) \(format) of another province")
                    XCTAssertFalse(res.body.string.contains(b) && res.body.string.contains("organizations"), "nothing of B")
                }
            }
        }
        // Odd province names and files: clear 404s or 403s, never 500.
        for odd in ["%00", "..%2F..%2Fetc", String(repeating: "ก", count: 150), "'%20OR%201=1--", "%25", "_"] {
            let (status, _) = try await get("/overseers/provinces/\(odd)", token: token)
            XCTAssertTrue([.forbidden, .notFound].contains(status), "\(odd): \(status)")
        }
        for file in ["coverage", "coverage.", ".csv", "coverage.csv.exe", "coverage.XLSX", String(repeating: "x", count: 5_000) + ".csv"] {
            let (status, _) = try await get(path(a) + "/" + file, token: token)
            XCTAssertEqual(status, .notFound, file)
        }
    }
}
