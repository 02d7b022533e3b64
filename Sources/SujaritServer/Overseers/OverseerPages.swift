import Foundation
import Vapor
import SujaritCore
import SujaritPersistence
import SujaritCatalog

/// Pages of the overseers' dashboards, with charts drawn on the server as SVG (presentation
/// attributes only: the content security policy allows no inline style).
extension Pages {
    static func overseerIndex(_ request: Request, nation: Bool, provinces: [DirectoryCount]) -> HTML {
        let th = request.language == .thai
        let entries: [HTML] = provinces.map { province in
            let area = OverseersController.Area.province(province.name)
            let count: HTML = province.count > 0 ? " <span class=\"muted\">(\(province.count))</span>" : ""
            return "<li><a href=\"\(area.path)\">\(province.name.isEmpty ? (th ? "ไม่ระบุจังหวัด" : "No province") : province.name)</a>\(count)</li>"
        }
        let body: HTML = """
            <h1>\(th ? "แดชบอร์ดผู้กำกับดูแล" : "Overseers' dashboards")</h1>
            <p class="lead">\(th ? "ตัวเลขจากแผนที่เผยแพร่แล้วเท่านั้น รอบแผน พ.ศ. 2566–2570" : "Figures from published plans only, plan cycle 2566–2570")</p>
            \(nation ? HTML("<p><a href=\"\(OverseersController.Area.nation.path)\">\(th ? "ภาพรวมทั้งประเทศ" : "The nation")</a></p>") : HTML())
            <h2>\(th ? "จังหวัด" : "Provinces")</h2>
            <ul class="provinces">\(entries)</ul>
            """
        return Layout.page(request: request, title: th ? "แดชบอร์ดผู้กำกับดูแล" : "Overseers' dashboards", body: body)
    }

    static func overseerDashboard(_ request: Request, area: OverseersController.Area, dashboard: OverseerDashboard) -> HTML {
        let t = request.t
        let th = t.language == .thai
        func downloads(_ figure: DashboardFigure) -> HTML {
            "<p class=\"downloads\">\(t(.download)): <a href=\"\(area.path)/\(figure.rawValue).csv\">CSV</a> · <a href=\"\(area.path)/\(figure.rawValue).json\">JSON</a></p>"
        }
        func baht(_ satang: Int64) -> String { Money(satang: satang).formatted() }
        let coverage = dashboard.coverage
        let missing: [HTML] = coverage.without.prefix(200).map { org in
            "<li><a href=\"\(SiteURL.organization(slug: org.slug))\">\(org.name)</a> <span class=\"muted\">\(org.district)</span></li>"
        }
        let itemRows: [HTML] = dashboard.itemsPerDimension.map { row in
            "<tr><td>\(row.dimension == 0 ? (th ? "ไม่ระบุมิติ" : "No dimension") : "\(t(.dimension)) \(row.dimension)")</td><td class=\"num\">\(row.items)</td><td class=\"num\">\(String(format: "%.1f", row.medianPerPlan))</td></tr>"
        }
        let budgetRows: [HTML] = dashboard.budgetPerDimension.filter { $0.totalSatang > 0 || $0.dimension != 0 }.map { row in
            let kinds: [HTML] = row.byKind.map { "<li>\(th ? $0.kind.thaiName : $0.kind.englishName): \(baht($0.totalSatang)) (\(th ? "มัธยฐาน" : "median") \(baht($0.medianSatang)))</li>" }
            return "<tr><td>\(row.dimension)</td><td class=\"num\">\(row.year)</td><td class=\"num\">\(baht(row.totalSatang))</td><td><ul>\(kinds)</ul></td></tr>"
        }
        let used = dashboard.standardMeasures
        let most: [HTML] = used.prefix(10).map { "<li>\(TemplateText.fill($0.name, organizationName: "…", firstYear: FiscalYear(dashboard.firstYear), lastYear: FiscalYear(dashboard.lastYear))) — \($0.organizations)</li>" }
        let least: [HTML] = used.suffix(10).reversed().map { "<li>\(TemplateText.fill($0.name, organizationName: "…", firstYear: FiscalYear(dashboard.firstYear), lastYear: FiscalYear(dashboard.lastYear))) — \($0.organizations)</li>" }
        let body: HTML = """
            <p><a href="/overseers">\(th ? "แดชบอร์ดผู้กำกับดูแล" : "Overseers' dashboards")</a></p>
            <h1>\(t.pick(area.title))</h1>
            <p class="lead">\(th ? "แผนปฏิบัติการป้องกันการทุจริต พ.ศ. \(dashboard.firstYear)–\(dashboard.lastYear) · ตัวเลขจากแผนที่เผยแพร่แล้วเท่านั้น" : "Anti-corruption action plans \(dashboard.firstYear)–\(dashboard.lastYear) · published plans only")</p>

            <h2>\(th ? "องค์กรที่เผยแพร่แผนแล้ว" : "Organizations with a published plan")</h2>
            <p>\(th ? "เผยแพร่แล้ว \(coverage.withPublishedPlan) จาก \(coverage.organizations) แห่ง · ยังไม่เผยแพร่ \(coverage.withoutPublishedPlan) แห่ง" : "\(coverage.withPublishedPlan) of \(coverage.organizations) published · \(coverage.withoutPublishedPlan) not yet")</p>
            \(coverageChart(coverage, th: th))
            \(downloads(.coverage))
            <details><summary>\(th ? "องค์กรที่ยังไม่เผยแพร่แผน" : "Organizations without a published plan")\(coverage.without.count > 200 ? " (200 \(th ? "แห่งแรก" : "first"))" : "")</summary><ul>\(missing)</ul></details>

            <h2>\(th ? "จำนวนรายการต่อมิติ" : "Items per dimension")</h2>
            <div class="table-wrap"><table><thead><tr><th>\(t(.dimension))</th><th class="num">\(th ? "รายการรวม" : "Items")</th><th class="num">\(th ? "มัธยฐานต่อแผน" : "Median per plan")</th></tr></thead>
            <tbody>\(itemRows)</tbody></table></div>
            \(downloads(.itemsPerDimension))

            <h2>\(th ? "งบประมาณต่อมิติต่อปี (บาท)" : "Budget per dimension per year (baht)")</h2>
            \(budgetChart(dashboard, th: th))
            <div class="table-wrap"><table><thead><tr><th>\(t(.dimension))</th><th class="num">\(t(.fiscalYear))</th><th class="num">\(th ? "รวม" : "Total")</th><th>\(th ? "ตามประเภทองค์กร (รวม, มัธยฐานต่อองค์กร)" : "By kind (total, median per organization)")</th></tr></thead>
            <tbody>\(budgetRows)</tbody></table></div>
            \(downloads(.budgetPerDimension))

            <h2>\(th ? "มาตรการมาตรฐานที่ใช้มากที่สุดและน้อยที่สุด" : "Standard measures most and least used")</h2>
            <h3>\(th ? "มากที่สุด" : "Most used")</h3><ol>\(most)</ol>
            <h3>\(th ? "น้อยที่สุด" : "Least used")</h3><ol>\(least)</ol>
            \(downloads(.standardMeasures))
            <p class="muted">\(th ? "การติดตามผล (รอบรายงาน การเบิกจ่าย) และสถิติเรื่องร้องเรียนจะแสดงที่นี่เมื่อระบบส่วนนั้นพร้อม" : "Monitoring rounds, disbursement and complaint statistics appear here once those parts exist.")</p>
            """
        return Layout.page(request: request, title: t.pick(area.title), body: body)
    }

    /// One bar: published vs not yet.
    static func coverageChart(_ coverage: OverseerDashboard.Coverage, th: Bool) -> HTML {
        let width = 600.0, height = 36.0
        let share = coverage.organizations == 0 ? 0 : Double(coverage.withPublishedPlan) / Double(coverage.organizations)
        let done = (width * share).rounded()
        let label = th ? "เผยแพร่แล้ว \(Int((share * 100).rounded())) %" : "\(Int((share * 100).rounded())) % published"
        return """
            <svg class="chart" role="img" aria-label="\(label)" viewBox="0 0 \(Int(width)) \(Int(height + 22))" width="\(Int(width))" height="\(Int(height + 22))" xmlns="http://www.w3.org/2000/svg">
            <rect x="0" y="0" width="\(Int(width))" height="\(Int(height))" fill="#e4e9f2"/>
            <rect x="0" y="0" width="\(Int(done))" height="\(Int(height))" fill="#0b5cad"/>
            <text x="4" y="\(Int(height + 17))" font-size="15" fill="#1d2433">\(label)</text>
            </svg>
            """
    }

    /// Grouped bars: the budget of each dimension in each year.
    static func budgetChart(_ dashboard: OverseerDashboard, th: Bool) -> HTML {
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
                let name = "\(th ? "มิติ" : "Dimension") \(dimension) · \(year): \(Money(satang: total).formatted()) \(th ? "บาท" : "baht")"
                shapes.append("<rect x=\"\(Int(x0 + Double(d) * barWidth))\" y=\"\(Int(chartHeight - h + 10))\" width=\"\(Int(barWidth - 2))\" height=\"\(Int(h))\" fill=\"\(colors[d % colors.count])\"><title>\(name)</title></rect>")
            }
            shapes.append("<text x=\"\(Int(x0))\" y=\"\(Int(chartHeight + 28))\" font-size=\"13\" fill=\"#1d2433\">\(year)</text>")
        }
        let legend: [HTML] = dimensions.enumerated().map { d, dimension in
            "<rect x=\"\(Int(40 + Double(d) * 90))\" y=\"\(Int(chartHeight + 38))\" width=\"12\" height=\"12\" fill=\"\(colors[d % colors.count])\"/><text x=\"\(Int(56 + Double(d) * 90))\" y=\"\(Int(chartHeight + 49))\" font-size=\"13\" fill=\"#1d2433\">\(th ? "มิติ" : "Dim.") \(dimension)</text>"
        }
        let totalWidth = Int(max(width, 40 + Double(dimensions.count) * 90))
        return """
            <svg class="chart" role="img" aria-label="\(th ? "งบประมาณต่อมิติต่อปี" : "Budget per dimension per year")" viewBox="0 0 \(totalWidth) \(Int(chartHeight + 60))" width="\(totalWidth)" height="\(Int(chartHeight + 60))" xmlns="http://www.w3.org/2000/svg">
            <line x1="38" y1="10" x2="38" y2="\(Int(chartHeight + 10))" stroke="#5b6477"/>
            <text x="0" y="18" font-size="11" fill="#5b6477">\(Money(satang: maximum).formatted())</text>
            \(shapes)
            \(legend)
            </svg>
            """
    }
}
