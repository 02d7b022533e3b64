import Foundation
import SujaritCore

/// A readable plain-text account of an import, for the terminal: organization, years, items and
/// budget per dimension and year, sheets, results rows, and the diagnosis line by line.
public enum ImportSummaryRenderer {
    public static func render(_ result: ImportResult) -> String {
        var out: [String] = []
        let plan = result.plan
        let organization = result.organization
        out.append("ไฟล์ / File: \(result.fileName) (\(result.format.rawValue), \(kindName(result.documentKind)))")
        var orgLine = "องค์กร / Organization: " + (organization.name.isEmpty ? "(ไม่พบ / not found)" : organization.name)
        if let kind = organization.kind { orgLine += " [\(kind.thaiAbbreviation) \(kind.englishName)]" }
        out.append(orgLine)
        let place = [organization.district.isEmpty ? nil : "อำเภอ\(organization.district)", organization.province.isEmpty ? nil : "จังหวัด\(organization.province)",
                     organization.website.isEmpty ? nil : organization.website, organization.phone.isEmpty ? nil : "โทร \(organization.phone)"].compactMap { $0 }
        if !place.isEmpty { out.append("  " + place.joined(separator: "  ")) }
        out.append("แผน / Plan: \(plan.title)")
        out.append("ปี / Years: \(ThaiCalendar.yearRange(plan.firstYear, plan.lastYear))  รอบแผน / cycle: \(plan.cycleID)  ตัวเลข / digits: \(organization.digitStyle.rawValue)")

        let summary = result.summary
        if result.documentKind != .resultsReport {
            out.append("")
            let years = summary.years
            let header = ["มิติ", "จำนวน"] + years.map { String($0.be) } + ["รวม"]
            var rows: [[String]] = []
            for dimension in summary.dimensions where summary.unplacedItemCount < summary.itemCount {
                rows.append(["\(dimension.number) \(String(dimension.name.prefix(28)))", "\(dimension.itemCount)"]
                            + years.map { money(dimension.budgetByYear[$0]) } + [money(dimension.total)])
            }
            if summary.unplacedItemCount > 0 {
                let unplaced = plan.items.filter { item in item.missionCode.flatMap { plan.mission(code: $0) } == nil }
                let byYear = years.map { year in money(unplaced.reduce(Money.zero) { $0 + ($1.budgets[year]?.countedAmount ?? .zero) }) }
                let total = unplaced.reduce(Money.zero) { sum, item in years.reduce(sum) { $0 + (item.budgets[$1]?.countedAmount ?? .zero) } }
                rows.append(["ไม่ระบุมิติ / no dimension", "\(summary.unplacedItemCount)"] + byYear + [money(total)])
            }
            rows.append(["รวมทั้งสิ้น / total", "\(summary.itemCount)"] + years.map { money(summary.budgetByYear[$0]) } + [money(summary.total)])
            out += table(header: header, rows: rows)
            let kinds = Dictionary(grouping: plan.items, by: \.kind).mapValues(\.count)
            let kindText = PlanItemKind.allCases.compactMap { kind in kinds[kind].map { "\(kind.thaiName) \($0)" } }.joined(separator: ", ")
            if !kindText.isEmpty { out.append("ประเภท / kinds: \(kindText)") }
            let matched = result.sheets.filter { $0.matchScore != nil }.count
            let complete = result.sheets.filter(\.hasAllRequiredFields).count
            out.append("รายละเอียดโครงการ / Project sheets: \(result.sheets.count) (จับคู่กับตาราง / matched to the table: \(matched), ครบ 9 หัวข้อ / all 9 fields: \(complete))")
            if !plan.risks.isEmpty { out.append("ความเสี่ยง / Risk areas: \(plan.risks.count), ประเด็น / issues: \(plan.risks.reduce(0) { $0 + $1.issues.count })") }
            if !plan.targets.isEmpty { out.append("ค่าเป้าหมาย / Targets: \(plan.targets.count)") }
        }
        if !result.monitoringRows.isEmpty {
            out.append("")
            out.append("ผลการดำเนินการ / Result rows: \(result.monitoringRows.count)")
            for row in result.monitoringRows {
                out.append("  \(row.number.map { "\($0)." } ?? "-") \(String(row.measure.prefix(70)))  [\(row.period)] \(row.responsible)")
            }
        }
        out.append("")
        let counts = Dictionary(grouping: result.findings, by: \.severity).mapValues(\.count)
        out.append("ข้อสังเกต / Diagnosis: \(result.findings.count) (error \(counts[.error] ?? 0), warning \(counts[.warning] ?? 0), info \(counts[.info] ?? 0))")
        for finding in result.findings {
            let place = finding.line.map { "บรรทัด/line \($0)" } ?? "-"
            out.append("  [\(finding.severity.rawValue)] \(place) \(finding.code): \(finding.message.th)")
            out.append("      \(finding.message.en)")
        }
        return out.joined(separator: "\n") + "\n"
    }

    static func kindName(_ kind: ImportedDocumentKind) -> String {
        switch kind {
        case .multiYearPlan: "แผนหลายปี / multi-year plan"
        case .annualPlan: "แผนประจำปี / one-year plan"
        case .resultsReport: "รายงานผล / results report"
        }
    }

    static func money(_ value: Money?) -> String {
        guard let value, value != .zero else { return "-" }
        return value.formatted()
    }

    /// Columns padded to their widest cell (Thai combining marks take no width).
    static func table(header: [String], rows: [[String]]) -> [String] {
        let all = [header] + rows
        var widths = Array(repeating: 0, count: header.count)
        for row in all { for (index, cell) in row.enumerated() where index < widths.count { widths[index] = max(widths[index], width(cell)) } }
        return all.map { row in
            row.enumerated().map { index, cell in
                let pad = String(repeating: " ", count: max(0, widths[index] - width(cell)))
                return index == 0 ? cell + pad : pad + cell
            }.joined(separator: "  ")
        }
    }

    static func width(_ text: String) -> Int {
        text.unicodeScalars.filter { scalar in
            let v = scalar.value
            // Thai above/below vowels and tone marks do not advance.
            return !(v == 0x0E31 || (0x0E34...0x0E3A).contains(v) || (0x0E47...0x0E4E).contains(v))
        }.count
    }
}
