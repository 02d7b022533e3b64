import Foundation
import SujaritCore

/// แผนภูมิ — the charts of a monitoring report as SVG, drawn on the server: no scripts, no styles,
/// only shapes and text (every text escaped), so that a page can show them under the strict CSP
/// and any XML parser reads them.
public enum MonitoringCharts {
    /// The words of the charts. `thai` is the document's (the Word report is Thai); a web page
    /// gives the reader's language (the server fills one from its texts).
    public struct Labels: Sendable {
        /// A status's name; nil: not reported.
        public var status: @Sendable (ItemProgress?) -> String
        /// "มิติที่ {n}".
        public var dimension: @Sendable (Int) -> String
        /// "ปี {year}" (Buddhist Era).
        public var year: @Sendable (Int) -> String
        public var statusByDimensionTitle: String
        public var budgetByDimensionTitle: String
        public var indicatorsTitle: String
        public var budgetByYearTitle: String
        public var planned: String
        public var disbursed: String
        public var met: String
        public var notMet: String
        public var unmeasured: String
        public var noApprovedRound: String

        public init(status: @escaping @Sendable (ItemProgress?) -> String, dimension: @escaping @Sendable (Int) -> String,
                    year: @escaping @Sendable (Int) -> String, statusByDimensionTitle: String, budgetByDimensionTitle: String,
                    indicatorsTitle: String, budgetByYearTitle: String, planned: String, disbursed: String, met: String,
                    notMet: String, unmeasured: String, noApprovedRound: String) {
            self.status = status
            self.dimension = dimension
            self.year = year
            self.statusByDimensionTitle = statusByDimensionTitle
            self.budgetByDimensionTitle = budgetByDimensionTitle
            self.indicatorsTitle = indicatorsTitle
            self.budgetByYearTitle = budgetByYearTitle
            self.planned = planned
            self.disbursed = disbursed
            self.met = met
            self.notMet = notMet
            self.unmeasured = unmeasured
            self.noApprovedRound = noApprovedRound
        }

        public static let thai = Labels(
            status: { $0?.thaiName ?? "ยังไม่รายงาน" }, dimension: { "มิติที่ \($0)" }, year: { "ปี \($0)" },
            statusByDimensionTitle: "สถานะการดำเนินงานแยกตามมิติ (รายการ)",
            budgetByDimensionTitle: "งบประมาณตามแผนและการเบิกจ่ายแยกตามมิติ (บาท)",
            indicatorsTitle: "ตัวชี้วัดผลผลิตและผลลัพธ์",
            budgetByYearTitle: "งบประมาณตามแผนและการเบิกจ่ายรายปี (บาท)",
            planned: "งบประมาณตามแผน", disbursed: "เบิกจ่าย", met: "บรรลุเป้าหมาย", notMet: "ไม่บรรลุเป้าหมาย",
            unmeasured: "วัดเป็นตัวเลขไม่ได้/ยังไม่รายงาน", noApprovedRound: "ยังไม่มีรอบที่อนุมัติ")
    }

    /// Colours of the four statuses and "not reported".
    static let statusColours: [(ItemProgress?, String)] = [
        (.completed, "#2e7d32"), (.inProgress, "#1565c0"), (.notStarted, "#f9a825"), (.notCarriedOut, "#c62828"), (nil, "#9e9e9e"),
    ]

    static func statusName(_ progress: ItemProgress?) -> String { Labels.thai.status(progress) }

    static func open(width: Int, height: Int, title: String) -> String {
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(width)\" height=\"\(height)\" viewBox=\"0 0 \(width) \(height)\" role=\"img\" aria-label=\"\(XMLText.escape(title))\">"
            + "<title>\(XMLText.escape(title))</title>"
            + "<rect x=\"0\" y=\"0\" width=\"\(width)\" height=\"\(height)\" fill=\"#ffffff\"/>"
            + text(x: 10, y: 22, title, size: 16, bold: true)
    }

    static func text(x: Double, y: Double, _ value: String, size: Int = 13, anchor: String = "start", bold: Bool = false, fill: String = "#1d2433") -> String {
        "<text x=\"\(format(x))\" y=\"\(format(y))\" font-family=\"Sarabun, Laksaman, Tahoma, sans-serif\" font-size=\"\(size)\" text-anchor=\"\(anchor)\"\(bold ? " font-weight=\"bold\"" : "") fill=\"\(fill)\">\(XMLText.escape(value))</text>"
    }

    static func rect(x: Double, y: Double, width: Double, height: Double, fill: String) -> String {
        "<rect x=\"\(format(x))\" y=\"\(format(y))\" width=\"\(format(max(0, width)))\" height=\"\(format(height))\" fill=\"\(fill)\"/>"
    }

    static func format(_ value: Double) -> String { String(format: "%.1f", value) }

    static func dimensionLabel(_ row: MonitoringReport.Totals) -> String { dimensionLabel(row, labels: .thai) }

    static func dimensionLabel(_ row: MonitoringReport.Totals, labels: Labels) -> String {
        row.dimension == 0 ? row.name : labels.dimension(row.dimension)
    }

    /// สถานะรายการแยกตามมิติ — one stacked bar per dimension: items by status.
    public static func statusByDimension(_ report: MonitoringReport, labels: Labels = .thai) -> String {
        let rows = report.dimensions
        let width = 720, barLeft = 110.0, barWidth = 560.0, rowHeight = 34.0, top = 40.0
        let height = Int(top + Double(rows.count) * rowHeight + 60)
        var svg = open(width: width, height: height, title: labels.statusByDimensionTitle)
        for (index, row) in rows.enumerated() {
            let y = top + Double(index) * rowHeight
            svg += text(x: 10, y: y + 18, dimensionLabel(row, labels: labels))
            var x = barLeft
            for (progress, colour) in statusColours {
                let count = row.count(progress)
                guard count > 0, row.itemCount > 0 else { continue }
                let w = barWidth * Double(count) / Double(row.itemCount)
                svg += rect(x: x, y: y + 4, width: w, height: 22, fill: colour)
                if w > 18 { svg += text(x: x + w / 2, y: y + 20, String(count), size: 12, anchor: "middle", fill: "#ffffff") }
                x += w
            }
            svg += text(x: barLeft + barWidth + 8, y: y + 20, "\(row.itemCount)", size: 12)
        }
        svg += legend(y: top + Double(rows.count) * rowHeight + 20, entries: statusColours.map { (labels.status($0.0), $0.1) })
        return svg + "</svg>"
    }

    /// งบประมาณตามแผนเทียบกับที่เบิกจ่าย — per dimension, two bars (baht).
    public static func budgetByDimension(_ report: MonitoringReport, labels: Labels = .thai) -> String {
        let rows = report.dimensions
        let width = 720, barLeft = 110.0, barWidth = 470.0, rowHeight = 46.0, top = 40.0
        let height = Int(top + Double(rows.count) * rowHeight + 60)
        let largest = max(1, rows.map { max($0.planned.satang, $0.disbursed.satang) }.max() ?? 1)
        var svg = open(width: width, height: height, title: labels.budgetByDimensionTitle)
        for (index, row) in rows.enumerated() {
            let y = top + Double(index) * rowHeight
            svg += text(x: 10, y: y + 24, dimensionLabel(row, labels: labels))
            for (offset, (amount, colour)) in [(row.planned, "#90a4ae"), (row.disbursed, "#1565c0")].enumerated() {
                let barY = y + 4 + Double(offset) * 18
                let w = barWidth * Double(amount.satang) / Double(largest)
                svg += rect(x: barLeft, y: barY, width: w, height: 15, fill: colour)
                svg += text(x: barLeft + w + 6, y: barY + 12, amount.formatted(), size: 12)
            }
        }
        svg += legend(y: top + Double(rows.count) * rowHeight + 20, entries: [(labels.planned, "#90a4ae"), (labels.disbursed, "#1565c0")])
        return svg + "</svg>"
    }

    /// ตัวชี้วัดที่บรรลุเป้าหมาย — met / not met / not measurable, for the whole round.
    public static func indicators(_ report: MonitoringReport, labels: Labels = .thai) -> String {
        let total = report.total
        let entries: [(String, Int, String)] = [
            (labels.met, total.indicatorsMet, "#2e7d32"),
            (labels.notMet, total.indicatorsNotMet, "#c62828"),
            (labels.unmeasured, total.indicatorsUnmeasured, "#9e9e9e"),
        ]
        let width = 720, barLeft = 250.0, barWidth = 400.0, rowHeight = 32.0, top = 40.0
        let height = Int(top + Double(entries.count) * rowHeight + 20)
        let largest = max(1, entries.map { $0.1 }.max() ?? 1)
        var svg = open(width: width, height: height, title: labels.indicatorsTitle)
        for (index, entry) in entries.enumerated() {
            let y = top + Double(index) * rowHeight
            svg += text(x: 10, y: y + 18, entry.0)
            let w = barWidth * Double(entry.1) / Double(largest)
            svg += rect(x: barLeft, y: y + 4, width: w, height: 20, fill: entry.2)
            svg += text(x: barLeft + w + 6, y: y + 19, String(entry.1), size: 12)
        }
        return svg + "</svg>"
    }

    /// งบประมาณตามแผนและการเบิกจ่ายรายปี — one pair of bars per fiscal year (planned, disbursed);
    /// a year whose disbursement is unknown (nil: no approved round) says so instead of a bar.
    public static func budgetByYear(_ years: [(FiscalYear, Money, Money?)], labels: Labels = .thai) -> String {
        let width = 720, barLeft = 80.0, barWidth = 500.0, rowHeight = 46.0, top = 40.0
        let height = Int(top + Double(years.count) * rowHeight + 60)
        let largest = max(1, years.map { max($0.1.satang, $0.2?.satang ?? 0) }.max() ?? 1)
        var svg = open(width: width, height: height, title: labels.budgetByYearTitle)
        for (index, entry) in years.enumerated() {
            let y = top + Double(index) * rowHeight
            svg += text(x: 10, y: y + 24, labels.year(entry.0.be))
            for (offset, (amount, colour)) in [(Optional(entry.1), "#90a4ae"), (entry.2, "#1565c0")].enumerated() {
                let barY = y + 4 + Double(offset) * 18
                guard let amount else {
                    svg += text(x: barLeft, y: barY + 12, labels.noApprovedRound, size: 12, fill: "#5f6b7a")
                    continue
                }
                let w = barWidth * Double(amount.satang) / Double(largest)
                svg += rect(x: barLeft, y: barY, width: w, height: 15, fill: colour)
                svg += text(x: barLeft + w + 6, y: barY + 12, amount.formatted(), size: 12)
            }
        }
        svg += legend(y: top + Double(years.count) * rowHeight + 20, entries: [(labels.planned, "#90a4ae"), (labels.disbursed, "#1565c0")])
        return svg + "</svg>"
    }

    static func legend(y: Double, entries: [(String, String)]) -> String {
        var svg = ""
        var x = 10.0
        for (label, colour) in entries {
            svg += rect(x: x, y: y, width: 14, height: 14, fill: colour)
            svg += text(x: x + 20, y: y + 12, label, size: 12)
            x += 30 + Double(label.count) * 7.5
        }
        return svg
    }
}
