import Foundation
import Vapor
import SujaritCore
import SujaritPersistence
import SujaritCatalog

/// Pages of the overseers' dashboards, with charts drawn on the server as SVG (presentation
/// attributes only: the content security policy allows no inline style).
extension Pages {
    static func overseerIndex(_ request: Request, nation: Bool, provinces: [DirectoryCount], firstYear: Int, lastYear: Int) -> HTML {
        let t = request.t
        let entries: [HTML] = provinces.map { province in
            let area = OverseersController.Area.province(province.name)
            let count: HTML = province.count > 0 ? " <span class=\"muted\">(\(province.count))</span>" : ""
            return "<li><a href=\"\(area.url)\">\(province.name.isEmpty ? t(.dirNoProvince) : province.name)</a>\(count)</li>"
        }
        let body: HTML = """
            <h1>\(t(.ovDashboards))</h1>
            <p class="lead">\(t(.ovIndexLead, String(firstYear), String(lastYear)))</p>
            \(nation ? HTML("<p><a href=\"\(SiteURL.overseerNation)\">\(t(.ovNation))</a></p>") : HTML())
            <h2>\(t(.dirProvinces))</h2>
            <ul class="provinces">\(entries)</ul>
            """
        return Layout.page(request: request, title: t(.ovDashboards), body: body)
    }

    static func overseerDashboard(_ request: Request, area: OverseersController.Area, dashboard: OverseerDashboard) -> HTML {
        let t = request.t
        func downloads(_ figure: DashboardFigure) -> HTML {
            let links: [HTML] = DashboardFigure.Format.allCases.map { "<a href=\"\(area.figureURL(figure, $0))\">\($0.rawValue.uppercased())</a>" }
            return "<p class=\"downloads\">\(t(.download)): \(links.joined(separator: " · "))</p>"
        }
        func baht(_ satang: Int64) -> String { Money(satang: satang).formatted() }
        func percent(_ value: Double?) -> String { value.map { String(format: "%.2f", $0) } ?? "–" }
        let coverage = dashboard.coverage
        let shown = 200
        let missing: [HTML] = coverage.without.prefix(shown).map { org in
            "<li><a href=\"\(SiteURL.organization(slug: org.slug))\">\(org.name)</a> <span class=\"muted\">\(org.district)</span></li>"
        }
        let itemRows: [HTML] = dashboard.itemsPerDimension.map { row in
            "<tr><td>\(row.dimension == 0 ? t(.ovNoDimension) : t(.ovDimensionN, String(row.dimension)))</td><td class=\"num\">\(row.items)</td><td class=\"num\">\(String(format: "%.1f", row.medianPerPlan))</td></tr>"
        }
        let budgetRows: [HTML] = dashboard.budgetPerDimension.filter { $0.totalSatang > 0 || $0.dimension != 0 }.map { row in
            let kinds: [HTML] = row.byKind.map { "<li>\(t(.ovKindBudget, t.name($0.kind), baht($0.totalSatang), baht($0.medianSatang)))</li>" }
            return "<tr><td>\(row.dimension)</td><td class=\"num\">\(row.year)</td><td class=\"num\">\(baht(row.totalSatang))</td><td><ul>\(kinds)</ul></td></tr>"
        }
        func measureName(_ use: OverseerDashboard.MeasureUse) -> String {
            TemplateText.fill(use.name, organizationName: "…", firstYear: FiscalYear(dashboard.firstYear), lastYear: FiscalYear(dashboard.lastYear))
        }
        let used = dashboard.standardMeasures
        let most: [HTML] = used.prefix(10).map { "<li>\(measureName($0)) — \($0.organizations)</li>" }
        let least: [HTML] = used.suffix(10).reversed().map { "<li>\(measureName($0)) — \($0.organizations)</li>" }
        let roundRows: [HTML] = dashboard.monitoring.map { row in
            let deadline = CalendarDay(iso: row.deadline)?.thai() ?? row.deadline
            return """
                <tr><td>\(roundName(row.kind, t)) \(row.fiscalYear)</td><td>\(deadline)</td><td class="num">\(row.expected)</td>\
                <td class="num">\(row.submitted)</td><td class="num">\(row.submittedOnTime)</td><td class="num">\(row.approved)</td>\
                <td class="num">\(percent(row.carriedOutPercent))</td><td class="num">\(baht(row.plannedSatang))</td>\
                <td class="num">\(baht(row.disbursedSatang))</td><td class="num">\(percent(row.disbursedPercent))</td></tr>
                """
        }
        let complaintRows: [HTML] = dashboard.complaints.map { row in
            let group = row.province.isEmpty ? t(.ovWholeArea) : row.province
            return """
                <tr><td>\(row.fiscalYear)</td><td>\(group)</td><td class="num">\(row.received.description)</td>\
                <td class="num">\(row.concluded.description)</td><td class="num">\(row.inProgress.description)</td>\
                <td class="num">\(row.referred.description)</td></tr>
                """
        }
        let title = area.title(t)
        let body: HTML = """
            <p><a href="\(SiteURL.overseers)">\(t(.ovDashboards))</a></p>
            <h1>\(title)</h1>
            <p class="lead">\(t(.ovDashboardLead, String(dashboard.firstYear), String(dashboard.lastYear)))</p>

            <h2>\(t(.ovCoverageHeading))</h2>
            <p>\(t(.ovCoverageLine, String(coverage.withPublishedPlan), String(coverage.organizations), String(coverage.withoutPublishedPlan)))</p>
            \(coverageChart(coverage, t))
            \(downloads(.coverage))
            <details><summary>\(t(.ovWithoutHeading))\(coverage.without.count > shown ? t(.ovFirstN, String(shown)) : "")</summary><ul>\(missing)</ul></details>

            <h2>\(t(.ovItemsHeading))</h2>
            <div class="table-wrap"><table><thead><tr><th>\(t(.dimension))</th><th class="num">\(t(.ovItemsTotal))</th><th class="num">\(t(.ovMedianPerPlan))</th></tr></thead>
            <tbody>\(itemRows)</tbody></table></div>
            \(downloads(.itemsPerDimension))

            <h2>\(t(.ovBudgetHeading))</h2>
            \(budgetChart(dashboard, t))
            <div class="table-wrap"><table><thead><tr><th>\(t(.dimension))</th><th class="num">\(t(.fiscalYear))</th><th class="num">\(t(.total))</th><th>\(t(.ovByKind))</th></tr></thead>
            <tbody>\(budgetRows)</tbody></table></div>
            \(downloads(.budgetPerDimension))

            <h2>\(t(.ovMeasuresHeading))</h2>
            <h3>\(t(.ovMostUsed))</h3><ol>\(most)</ol>
            <h3>\(t(.ovLeastUsed))</h3><ol>\(least)</ol>
            \(downloads(.standardMeasures))

            <h2>\(t(.ovRoundsHeading))</h2>
            <p class="muted">\(t(.ovRoundsLead))</p>
            \(carriedOutChart(dashboard, t))
            <div class="table-wrap"><table><thead><tr><th>\(t(.ovRound))</th><th>\(t(.ovDeadline))</th><th class="num">\(t(.ovExpected))</th>\
            <th class="num">\(t(.ovSubmitted))</th><th class="num">\(t(.ovSubmittedOnTime))</th><th class="num">\(t(.ovApproved))</th>\
            <th class="num">\(t(.ovCarriedOutPercent))</th><th class="num">\(t(.ovPlannedBaht))</th><th class="num">\(t(.ovDisbursedBaht))</th>\
            <th class="num">\(t(.ovDisbursedPercent))</th></tr></thead>
            <tbody>\(roundRows)</tbody></table></div>
            \(downloads(.monitoringRounds))

            <h2>\(t(.ovComplaintsHeading))</h2>
            <p class="muted">\(t(.ovComplaintsLead))</p>
            <div class="table-wrap"><table><thead><tr><th>\(t(.fiscalYear))</th><th>\(t(.province))</th><th class="num">\(t(.ovReceived))</th>\
            <th class="num">\(t(.ovConcluded))</th><th class="num">\(t(.ovInProgress))</th><th class="num">\(t(.ovReferred))</th></tr></thead>
            <tbody>\(complaintRows)</tbody></table></div>
            \(downloads(.complaints))
            """
        return Layout.page(request: request, title: title, body: body)
    }

    static func roundName(_ kind: MonitoringRoundKind, _ t: Translator) -> String {
        switch kind {
        case .sixMonths: t(.ovSixMonthRound)
        case .twelveMonths: t(.ovTwelveMonthRound)
        default: t.name(kind)
        }
    }

    /// One bar: published vs not yet.
    static func coverageChart(_ coverage: OverseerDashboard.Coverage, _ t: Translator) -> HTML {
        let width = 600.0, height = 36.0
        let share = coverage.organizations == 0 ? 0 : Double(coverage.withPublishedPlan) / Double(coverage.organizations)
        let done = (width * share).rounded()
        let label = t(.ovPublishedShare, String(Int((share * 100).rounded())))
        return """
            <svg class="chart" role="img" aria-label="\(label)" viewBox="0 0 \(Int(width)) \(Int(height + 22))" width="\(Int(width))" height="\(Int(height + 22))" xmlns="http://www.w3.org/2000/svg">
            <rect x="0" y="0" width="\(Int(width))" height="\(Int(height))" fill="#e4e9f2"/>
            <rect x="0" y="0" width="\(Int(done))" height="\(Int(height))" fill="#0b5cad"/>
            <text x="4" y="\(Int(height + 17))" font-size="15" fill="#1d2433">\(label)</text>
            </svg>
            """
    }

    /// Grouped bars: the budget of each dimension in each year.
    static func budgetChart(_ dashboard: OverseerDashboard, _ t: Translator) -> HTML {
        let rows = dashboard.budgetPerDimension.filter { $0.dimension != 0 }
        let years = Array(Set(rows.map(\.year))).sorted()
        let dimensions = Array(Set(rows.map(\.dimension))).sorted()
        guard !years.isEmpty, !dimensions.isEmpty else { return "" }
        let maximum = max(1, rows.map(\.totalSatang).max() ?? 1)
        let colors = ["#0b5cad", "#2a9d8f", "#e9c46a", "#e76f51", "#6c757d", "#8e44ad"]
        let chartHeight = 180.0, barWidth = 14.0, gap = 16.0
        let groupWidth = Double(dimensions.count) * barWidth + gap
        let width = 40 + Double(years.count) * groupWidth
        var shapes: [HTML] = []
        for (y, year) in years.enumerated() {
            let x0 = 40 + Double(y) * groupWidth
            for (d, dimension) in dimensions.enumerated() {
                let total = rows.first { $0.year == year && $0.dimension == dimension }?.totalSatang ?? 0
                let h = (chartHeight * Double(total) / Double(maximum)).rounded()
                let name = t(.ovBarTitle, String(dimension), String(year), Money(satang: total).formatted())
                shapes.append("<rect x=\"\(Int(x0 + Double(d) * barWidth))\" y=\"\(Int(chartHeight - h + 10))\" width=\"\(Int(barWidth - 2))\" height=\"\(Int(h))\" fill=\"\(colors[d % colors.count])\"><title>\(name)</title></rect>")
            }
            shapes.append("<text x=\"\(Int(x0))\" y=\"\(Int(chartHeight + 28))\" font-size=\"13\" fill=\"#1d2433\">\(year)</text>")
        }
        let legend: [HTML] = dimensions.enumerated().map { d, dimension in
            "<rect x=\"\(Int(40 + Double(d) * 90))\" y=\"\(Int(chartHeight + 38))\" width=\"12\" height=\"12\" fill=\"\(colors[d % colors.count])\"/><text x=\"\(Int(56 + Double(d) * 90))\" y=\"\(Int(chartHeight + 49))\" font-size=\"13\" fill=\"#1d2433\">\(t(.ovDimensionN, String(dimension)))</text>"
        }
        let totalWidth = Int(max(width, 40 + Double(dimensions.count) * 90))
        return """
            <svg class="chart" role="img" aria-label="\(t(.ovBudgetChart))" viewBox="0 0 \(totalWidth) \(Int(chartHeight + 60))" width="\(totalWidth)" height="\(Int(chartHeight + 60))" xmlns="http://www.w3.org/2000/svg">
            <line x1="38" y1="12" x2="38" y2="\(Int(chartHeight + 10))" stroke="#5b6477"/>
            <text x="42" y="9" font-size="11" fill="#5b6477">\(Money(satang: maximum).formatted())</text>
            \(shapes)
            \(legend)
            </svg>
            """
    }

    /// Horizontal bars: of the rounds expected, how many were submitted on time, late, or not yet.
    static func carriedOutChart(_ dashboard: OverseerDashboard, _ t: Translator) -> HTML {
        let rows = dashboard.monitoring.filter { $0.expected > 0 }
        guard !rows.isEmpty else { return "" }
        let width = 600.0, barHeight = 18.0, labelWidth = 170.0, step = 26.0
        var shapes: [HTML] = []
        for (index, row) in rows.enumerated() {
            let y = Double(index) * step + 4
            let whole = width - labelWidth
            let onTime = whole * Double(row.submittedOnTime) / Double(row.expected)
            let late = whole * Double(max(0, row.submitted - row.submittedOnTime)) / Double(row.expected)
            let name = "\(roundName(row.kind, t)) \(row.fiscalYear)"
            let title = t(.ovRoundBarTitle, String(row.submittedOnTime), String(max(0, row.submitted - row.submittedOnTime)), String(row.expected))
            shapes.append("<text x=\"0\" y=\"\(Int(y + 14))\" font-size=\"13\" fill=\"#1d2433\">\(name)</text>")
            shapes.append("<rect x=\"\(Int(labelWidth))\" y=\"\(Int(y))\" width=\"\(Int(whole))\" height=\"\(Int(barHeight))\" fill=\"#e4e9f2\"><title>\(title)</title></rect>")
            shapes.append("<rect x=\"\(Int(labelWidth))\" y=\"\(Int(y))\" width=\"\(Int(onTime.rounded()))\" height=\"\(Int(barHeight))\" fill=\"#2a9d8f\"><title>\(title)</title></rect>")
            shapes.append("<rect x=\"\(Int(labelWidth + onTime.rounded()))\" y=\"\(Int(y))\" width=\"\(Int(late.rounded()))\" height=\"\(Int(barHeight))\" fill=\"#e9c46a\"><title>\(title)</title></rect>")
        }
        let height = Int(Double(rows.count) * step + 30)
        let legendY = Int(Double(rows.count) * step + 20)
        return """
            <svg class="chart" role="img" aria-label="\(t(.ovRoundsChart))" viewBox="0 0 \(Int(width)) \(height)" width="\(Int(width))" height="\(height)" xmlns="http://www.w3.org/2000/svg">
            \(shapes)
            <rect x="\(Int(labelWidth))" y="\(legendY - 10)" width="12" height="12" fill="#2a9d8f"/><text x="\(Int(labelWidth) + 16)" y="\(legendY)" font-size="13" fill="#1d2433">\(t(.ovSubmittedOnTime))</text>
            <rect x="\(Int(labelWidth) + 160)" y="\(legendY - 10)" width="12" height="12" fill="#e9c46a"/><text x="\(Int(labelWidth) + 176)" y="\(legendY)" font-size="13" fill="#1d2433">\(t(.ovSubmittedLate))</text>
            </svg>
            """
    }
}
