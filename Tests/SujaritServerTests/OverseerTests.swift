import Foundation
import XCTest
import XCTVapor
import SujaritCore
@_spi(Fixtures) import SujaritPersistence
import SujaritCatalog
import SujaritDemo
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
        if let draft = draftEntry?.revisions.last {
            (status, body) = try await get("/plans/\(draft.id)", token: provincialToken)
            XCTAssertEqual(status, .notFound, "a draft stays with its organization")
        }
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
        let index = OverseerDashboard.measureIndex(OverseersController.measureNames)
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
}
