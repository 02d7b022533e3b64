import Foundation
import Vapor
import SujaritCore
import SujaritCatalog
import SujaritPersistence

/// Dashboards for overseers (ผู้กำกับดูแล): a province role reads its province, the national role
/// every province and the nation (system administrators too). Read-only and published data
/// only: drafts never enter a figure, whatever the role. Another area is 403.
///
/// `/overseers` lists the dashboards the viewer may open; `/overseers/nation` and
/// `/overseers/provinces/{province}` show one; each figure is also a file:
/// `…/coverage.csv`, `….json` (coverage, items-per-dimension, budget-per-dimension,
/// standard-measures).
struct OverseersController: RouteCollection {
    /// The standard measures, as the dashboard names them.
    static let measureNames = StandardMeasures.all.map { OverseerDashboard.MeasureName(id: $0.id, name: $0.nameTemplate) }

    /// The cycle the dashboards count (the current one).
    static let firstYear = 2566
    static let lastYear = 2570

    func boot(routes: any RoutesBuilder) throws {
        let overseers = routes.grouped("overseers")
        overseers.get(use: index)
        overseers.get("nation", use: nation)
        overseers.get("nation", ":file", use: nationFigure)
        overseers.get("provinces", ":province", use: province)
        overseers.get("provinces", ":province", ":file", use: provinceFigure)
    }

    enum Area: Equatable {
        case nation
        case province(String)

        var title: LocalizedText {
            switch self {
            case .nation: LocalizedText(th: "ภาพรวมทั้งประเทศ", en: "The nation")
            case .province(let name): LocalizedText(th: "จังหวัด\(name)", en: "Province \(name)")
            }
        }

        var path: String {
            switch self {
            case .nation: "/overseers/nation"
            case .province(let name): "/overseers/provinces/" + (name.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(CharacterSet(charactersIn: "/"))) ?? name)
            }
        }
    }

    /// The viewer's scopes, or 401 (not signed in) / 403 (no overseer role).
    static func scopes(_ request: Request) async throws -> [OverseerScope] {
        let viewer = try request.requireViewer()
        if viewer.isSystemAdmin { return [.nation] }
        let scopes = try await OverseerStore(request.db).scopes(userID: viewer.userID)
        guard !scopes.isEmpty else { throw SujaritError.forbidden() }
        return scopes
    }

    /// 403 unless one of the viewer's scopes covers the area.
    static func authorize(_ request: Request, _ area: Area) async throws {
        let scopes = try await scopes(request)
        let allowed = switch area {
        case .nation: scopes.contains(.nation)
        case .province(let name): scopes.contains { $0.covers(province: name) }
        }
        guard allowed else { throw SujaritError.forbidden() }
    }

    static func province(_ request: Request) throws -> Area {
        guard let name = request.parameters.get("province")?.removingPercentEncoding?.cleaned.precomposedStringWithCanonicalMapping,
              !name.isEmpty, name.count <= 100 else { throw SujaritError.notFound("จังหวัด") }
        return .province(name)
    }

    /// The dashboard of an area, kept for the cache's bound and dropped on publish.
    static func dashboard(_ request: Request, _ area: Area) async throws -> OverseerDashboard {
        try await authorize(request, area)
        let key: String
        let province: String?
        switch area {
        case .nation: key = "nation"; province = nil
        case .province(let name): key = "province:" + name; province = name
        }
        let cache = request.application.publishedCache
        if let kept = cache.dashboards.value(for: key), cache.clock().timeIntervalSince(kept.madeAt) < cache.bound,
           kept.madeAt <= cache.clock() {
            return kept.dashboard
        }
        let generation = cache.currentGeneration
        let (organizations, plans) = try await DashboardStore(request.db).load(
            province: province, firstYear: firstYear, lastYear: lastYear,
            measureIndex: OverseerDashboard.measureIndex(measureNames), placeholder: TemplateText.organizationPlaceholder)
        if province != nil && organizations.isEmpty { throw SujaritError.notFound("จังหวัด") }
        let dashboard = OverseerDashboard.compute(area: area.title.th, firstYear: firstYear, lastYear: lastYear,
                                                  organizations: organizations, plans: plans, measures: measureNames)
        cache.keep(dashboard, for: key, readAt: generation)
        return dashboard
    }

    @Sendable func index(_ request: Request) async throws -> Response {
        let scopes = try await Self.scopes(request)
        var provinces: [DirectoryCount] = []
        if scopes.contains(.nation) {
            provinces = try await OrganizationStore(request.db).provinces()
        } else {
            for case .province(let name) in scopes { provinces.append(DirectoryCount(name: name, count: 0)) }
        }
        return Layout.response(Pages.overseerIndex(request, nation: scopes.contains(.nation), provinces: provinces))
    }

    @Sendable func nation(_ request: Request) async throws -> Response {
        let dashboard = try await Self.dashboard(request, .nation)
        return Layout.response(Pages.overseerDashboard(request, area: .nation, dashboard: dashboard))
    }

    @Sendable func province(_ request: Request) async throws -> Response {
        let area = try Self.province(request)
        let dashboard = try await Self.dashboard(request, area)
        return Layout.response(Pages.overseerDashboard(request, area: area, dashboard: dashboard))
    }

    @Sendable func nationFigure(_ request: Request) async throws -> Response {
        try await figure(request, .nation)
    }

    @Sendable func provinceFigure(_ request: Request) async throws -> Response {
        try await figure(request, try Self.province(request))
    }

    func figure(_ request: Request, _ area: Area) async throws -> Response {
        let file = request.parameters.get("file") ?? ""
        guard let dot = file.lastIndex(of: "."), let figure = DashboardFigure(rawValue: String(file[..<dot])),
              let format = DashboardFigure.Format(rawValue: String(file[file.index(after: dot)...])) else {
            throw SujaritError(.notFound, LocalizedText(
                th: "ไม่มีตัวเลขนี้ ใช้ได้: \(DashboardFigure.allCases.map { $0.rawValue + ".csv|.json" }.joined(separator: ", "))",
                en: "No such figure; one of: \(DashboardFigure.allCases.map { $0.rawValue + ".csv|.json" }.joined(separator: ", "))"))
        }
        let dashboard = try await Self.dashboard(request, area)
        let response = Response(status: .ok)
        switch format {
        case .json:
            response.headers.contentType = .json
            response.body = .init(data: try figure.json(dashboard))
        case .csv:
            response.headers.replaceOrAdd(name: .contentType, value: "text/csv; charset=utf-8")
            response.headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"\(figure.rawValue).csv\"")
            response.body = .init(string: figure.csv(dashboard))
        }
        return response
    }
}

/// One figure of a dashboard, as JSON or CSV.
enum DashboardFigure: String, CaseIterable {
    case coverage
    case itemsPerDimension = "items-per-dimension"
    case budgetPerDimension = "budget-per-dimension"
    case standardMeasures = "standard-measures"

    enum Format: String {
        case csv
        case json
    }

    func json(_ dashboard: OverseerDashboard) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        struct Figure<T: Encodable>: Encodable {
            var area: String
            var firstYear: Int
            var lastYear: Int
            var figure: String
            var data: T
        }
        func wrap<T: Encodable>(_ data: T) throws -> Data {
            try encoder.encode(Figure(area: dashboard.area, firstYear: dashboard.firstYear, lastYear: dashboard.lastYear, figure: rawValue, data: data))
        }
        switch self {
        case .coverage: return try wrap(dashboard.coverage)
        case .itemsPerDimension: return try wrap(dashboard.itemsPerDimension)
        case .budgetPerDimension: return try wrap(dashboard.budgetPerDimension)
        case .standardMeasures: return try wrap(dashboard.standardMeasures)
        }
    }

    /// UTF-8 with a byte-order mark (so spreadsheet programs read Thai), amounts in baht.
    func csv(_ dashboard: OverseerDashboard) -> String {
        func field(_ text: String) -> String {
            // Cells that a spreadsheet would run as a formula start with an apostrophe.
            var text = text
            if let first = text.first, "=+-@".contains(first) { text = "'" + text }
            return text.contains(where: { ",\"\n\r".contains($0) }) ? "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : text
        }
        func baht(_ satang: Int64) -> String { Money(satang: satang).plain }
        var rows: [[String]]
        switch self {
        case .coverage:
            rows = [["organizations", "with_published_plan", "without_published_plan"],
                    [String(dashboard.coverage.organizations), String(dashboard.coverage.withPublishedPlan), String(dashboard.coverage.withoutPublishedPlan)],
                    [],
                    ["without_plan_slug", "name", "kind", "district", "province"]]
            rows += dashboard.coverage.without.map { [$0.slug, $0.name, $0.kind.rawValue, $0.district, $0.province] }
        case .itemsPerDimension:
            rows = [["dimension", "plans", "items", "median_items_per_plan"]]
            rows += dashboard.itemsPerDimension.map { [String($0.dimension), String($0.plans), String($0.items), String($0.medianPerPlan)] }
        case .budgetPerDimension:
            rows = [["dimension", "fiscal_year", "kind", "plans", "total_baht", "median_baht_per_organization"]]
            for entry in dashboard.budgetPerDimension {
                rows.append([String(entry.dimension), String(entry.year), "all", "", baht(entry.totalSatang), ""])
                rows += entry.byKind.map { [String(entry.dimension), String(entry.year), $0.kind.rawValue, String($0.plans), baht($0.totalSatang), baht($0.medianSatang)] }
            }
        case .standardMeasures:
            rows = [["measure_id", "name", "organizations"]]
            rows += dashboard.standardMeasures.map { [$0.measureID, $0.name, String($0.organizations)] }
        }
        return "\u{FEFF}" + rows.map { $0.map(field).joined(separator: ",") }.joined(separator: "\r\n") + "\r\n"
    }
}
