import Foundation
import Vapor
import SujaritCore
import SujaritCatalog
import SujaritPersistence
import SujaritExport

/// Dashboards for overseers (ผู้กำกับดูแล): a province role reads its province, the national role
/// every province and the nation (system administrators too). Read-only and published data
/// only: drafts never enter a figure, whatever the role. Another area is 403.
///
/// `/overseers` lists the dashboards the viewer may open; `/overseers/nation` and
/// `/overseers/provinces/{province}` show one; each figure is also a file:
/// `…/{figure}.csv`, `.xlsx` and `.json` (`DashboardFigure`).
///
/// The figures tolerate lag: they are read from the read replica when one is configured, and a
/// dashboard is kept for the cache's bound (dropped at once by a publish or a round's status
/// change through this server). Who may read them is checked on the primary.
struct OverseersController: RouteCollection {
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

        func title(_ t: Translator) -> String {
            switch self {
            case .nation: t(.ovNation)
            case .province(let name): t(.ovProvinceTitle, name)
            }
        }

        var url: SiteURL {
            switch self {
            case .nation: .overseerNation
            case .province(let name): .overseerProvince(name)
            }
        }

        func figureURL(_ figure: DashboardFigure, _ format: DashboardFigure.Format) -> SiteURL {
            switch self {
            case .nation: .overseerFigure(province: nil, figure: figure.rawValue, format: format.rawValue)
            case .province(let name): .overseerFigure(province: name, figure: figure.rawValue, format: format.rawValue)
            }
        }

        var provinceName: String? {
            if case .province(let name) = self { return name }
            return nil
        }
    }

    /// The viewer's scopes, or 401 (not signed in) / 403 (no overseer role).
    static func scopes(_ request: Request) async throws -> [OverseerScope] {
        let viewer = try request.requireViewer()
        if viewer.isSystemAdmin { return [.nation] }
        let scopes = try await request.stores.overseers.scopes(userID: viewer.userID)
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
              !name.isEmpty, name.count <= 100 else { throw SujaritError.notFound(.nfProvince) }
        return .province(name)
    }

    /// The dashboard of an area, kept for the cache's bound and dropped on publish.
    static func dashboard(_ request: Request, _ area: Area) async throws -> OverseerDashboard {
        try await authorize(request, area)
        let key: String = switch area {
        case .nation: "nation"
        case .province(let name): "province:" + name
        }
        let cache = request.application.publishedCache
        if let kept = cache.dashboards.value(for: key), cache.clock().timeIntervalSince(kept.madeAt) < cache.bound,
           kept.madeAt <= cache.clock() {
            return kept.dashboard
        }
        let generation = cache.currentGeneration
        let data = try await request.lagTolerantStores.dashboards.load(
            province: area.provinceName, firstYear: firstYear, lastYear: lastYear,
            measureIndex: PublishedFigures.measureIndex, placeholder: TemplateText.organizationPlaceholder, memo: cache.figures)
        if area.provinceName != nil && data.organizations.isEmpty { throw SujaritError.notFound(.nfProvince) }
        let dashboard = OverseerDashboard.compute(
            area: area.title(Translator(.thai)), firstYear: firstYear, lastYear: lastYear,
            organizations: data.organizations, plans: data.plans, measures: PublishedFigures.measureNames,
            rounds: data.rounds, complaints: data.complaints, today: CalendarDay(request.dependencies.now()),
            byProvince: area == .nation)
        cache.keep(dashboard, for: key, readAt: generation)
        return dashboard
    }

    @Sendable func index(_ request: Request) async throws -> Response {
        let scopes = try await Self.scopes(request)
        var provinces: [DirectoryCount] = []
        if scopes.contains(.nation) {
            provinces = try await request.lagTolerantStores.organizations.provinces()
        } else {
            for case .province(let name) in scopes { provinces.append(DirectoryCount(name: name, count: 0)) }
        }
        return Layout.response(Pages.overseerIndex(request, nation: scopes.contains(.nation), provinces: provinces,
                                                   firstYear: Self.firstYear, lastYear: Self.lastYear))
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
            let names = DashboardFigure.allCases.map { $0.rawValue + ".csv|.xlsx|.json" }.joined(separator: ", ")
            throw SujaritError(.notFound, LocalizedText(.msgNoSuchFigure, names))
        }
        let dashboard = try await Self.dashboard(request, area)
        let response = Response(status: .ok)
        let name = "\(figure.rawValue)-\(dashboard.firstYear)-\(dashboard.lastYear)"
        switch format {
        case .json:
            response.headers.contentType = .json
            response.body = .init(data: try figure.json(dashboard))
        case .csv:
            response.headers.replaceOrAdd(name: .contentType, value: "text/csv; charset=utf-8")
            response.headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"\(name).csv\"")
            response.body = .init(string: figure.csv(dashboard))
        case .xlsx:
            response.headers.replaceOrAdd(name: .contentType, value: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
            response.headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"\(name).xlsx\"")
            response.body = .init(data: figure.xlsx(dashboard, created: request.dependencies.now()))
        }
        return response
    }
}

/// One figure of a dashboard, as JSON, CSV or an Excel workbook. CSV and XLSX hold the same
/// table (`table`): the same columns, counts and amounts (baht) as numbers in the workbook.
enum DashboardFigure: String, CaseIterable {
    case coverage
    case itemsPerDimension = "items-per-dimension"
    case budgetPerDimension = "budget-per-dimension"
    case standardMeasures = "standard-measures"
    case monitoringRounds = "monitoring-rounds"
    case complaints

    enum Format: String, CaseIterable {
        case csv
        case xlsx
        case json
    }

    /// The figure's title (in Thai: the workbook's title row and sheet name).
    var titleKey: UIKey {
        switch self {
        case .coverage: .ovCoverageHeading
        case .itemsPerDimension: .ovItemsHeading
        case .budgetPerDimension: .ovBudgetHeading
        case .standardMeasures: .ovMeasuresHeading
        case .monitoringRounds: .ovRoundsHeading
        case .complaints: .ovComplaintsHeading
        }
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
        case .monitoringRounds: return try wrap(dashboard.monitoring)
        case .complaints: return try wrap(dashboard.complaints)
        }
    }

    typealias Cell = TableWorkbook.Cell

    /// The header and rows of the figure's table.
    func table(_ dashboard: OverseerDashboard) -> (header: [String], rows: [[Cell]]) {
        func count(_ value: PublishedCount) -> Cell {
            switch value {
            case .exact(let n): .integer(n)
            case .fewerThanFive: .text(ComplaintStatistics.fewerThanFiveText)
            }
        }
        // Two decimals, read from their text (a Double's binary digits would show: 69.1599999…).
        func number(_ value: Double) -> Cell { .decimal(Decimal(string: String(format: "%.2f", value), locale: Locale(identifier: "en_US_POSIX")) ?? 0) }
        func optional(_ value: Double?) -> Cell { value.map(number) ?? .empty }
        switch self {
        case .coverage:
            let coverage = dashboard.coverage
            var rows: [[Cell]] = [[.integer(coverage.organizations), .integer(coverage.withPublishedPlan), .integer(coverage.withoutPublishedPlan)],
                                  [],
                                  ["without_plan_slug", "name", "kind", "district", "province"].map { .text($0) }]
            rows += coverage.without.map { [.text($0.slug), .text($0.name), .text($0.kind.rawValue), .text($0.district), .text($0.province)] }
            return (["organizations", "with_published_plan", "without_published_plan"], rows)
        case .itemsPerDimension:
            return (["dimension", "plans", "items", "median_items_per_plan"],
                    dashboard.itemsPerDimension.map { [.integer($0.dimension), .integer($0.plans), .integer($0.items), number($0.medianPerPlan)] })
        case .budgetPerDimension:
            var rows: [[Cell]] = []
            for entry in dashboard.budgetPerDimension {
                rows.append([.integer(entry.dimension), .integer(entry.year), .text("all"), .empty, .money(Money(satang: entry.totalSatang)), .empty])
                rows += entry.byKind.map { [.integer(entry.dimension), .integer(entry.year), .text($0.kind.rawValue), .integer($0.plans),
                                            .money(Money(satang: $0.totalSatang)), .money(Money(satang: $0.medianSatang))] }
            }
            return (["dimension", "fiscal_year", "kind", "plans", "total_baht", "median_baht_per_organization"], rows)
        case .standardMeasures:
            return (["measure_id", "name", "organizations"],
                    dashboard.standardMeasures.map { [.text($0.measureID), .text($0.name), .integer($0.organizations)] })
        case .monitoringRounds:
            return (["fiscal_year", "round", "deadline", "expected", "submitted", "submitted_on_time", "approved", "items",
                     "carried_out", "carried_out_percent", "planned_baht", "disbursed_baht", "disbursed_percent"],
                    dashboard.monitoring.map {
                        [.integer($0.fiscalYear), .text($0.kind.rawValue), .text($0.deadline), .integer($0.expected), .integer($0.submitted),
                         .integer($0.submittedOnTime), .integer($0.approved), .integer($0.items), .integer($0.carriedOut),
                         optional($0.carriedOutPercent), .money(Money(satang: $0.plannedSatang)), .money(Money(satang: $0.disbursedSatang)),
                         optional($0.disbursedPercent)]
                    })
        case .complaints:
            return (["fiscal_year", "province", "received", "concluded", "in_progress", "referred"],
                    dashboard.complaints.map {
                        [.integer($0.fiscalYear), .text($0.province), count($0.received), count($0.concluded), count($0.inProgress), count($0.referred)]
                    })
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
        func cell(_ cell: Cell) -> String {
            switch cell {
            case .text(let text): field(text)
            case .integer(let number): String(number)
            case .money(let money): money.plain
            case .decimal(let number): NSDecimalNumber(decimal: number).stringValue
            case .empty: ""
            }
        }
        let (header, rows) = table(dashboard)
        let lines = [header.map(field)] + rows.map { $0.map(cell) }
        return "\u{FEFF}" + lines.map { $0.joined(separator: ",") }.joined(separator: "\r\n") + "\r\n"
    }

    func xlsx(_ dashboard: OverseerDashboard, created: Date) -> Data {
        let t = Translator(.thai)
        let (header, rows) = table(dashboard)
        let title = "\(t(titleKey)) · \(dashboard.area) · \(t(.ovYearsBE, String(dashboard.firstYear), String(dashboard.lastYear)))"
        return TableWorkbook.xlsx(title: title, sheetName: t(titleKey), header: header, rows: rows, created: created)
    }
}
