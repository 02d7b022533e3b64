import Foundation
import SujaritCore

/// Open data as CSV: **one row per item per fiscal year of the plan** (a "long" table, so the
/// file keeps the same columns whatever the plan's length, and a year's budget is a plain number
/// a spreadsheet can sum). UTF-8 with a byte-order mark so that Excel shows Thai, CRLF line ends,
/// fields quoted when they hold a comma, quote or line break (RFC 4180). Digits are always Arabic.
///
/// Columns: `item_number, item_id, kind, dimension, dimension_name, mission, mission_name, item,
/// responsible_unit, fiscal_year, budget_status, budget_baht, remarks, months` where `budget_status` is
/// `amount`, `no_budget` (ไม่ใช้งบประมาณ) or `not_stated`, `budget_baht` is empty unless the
/// status is `amount`, and `months` lists the calendar months (1–12, fiscal order, space
/// separated, e.g. `10 11 12 3`) in which the item runs that year, empty when it is not
/// scheduled by month.
struct PlanCSVWriter {
    let plan: Plan
    let context: ExportContext

    static let header = [
        "item_number", "item_id", "kind", "dimension", "dimension_name", "mission", "mission_name", "item",
        "responsible_unit", "fiscal_year", "budget_status", "budget_baht", "remarks", "months",
    ]

    func data() -> Data {
        var rows: [[String]] = [Self.header]
        let numbers = plan.itemNumbers
        var dimensionOfMission: [String: SujaritCore.Dimension] = [:]
        for dimension in plan.dimensions {
            for mission in dimension.missions { dimensionOfMission[mission.code] = dimension }
        }
        let items = plan.orderedItems.sorted { (numbers[$0.id] ?? .max) < (numbers[$1.id] ?? .max) }
        for item in items {
            let dimension = item.missionCode.flatMap { dimensionOfMission[$0] }
            let mission = item.missionCode.flatMap { plan.mission(code: $0) }
            for year in plan.fiscalYears {
                let status: String
                let amount: String
                switch item.budgets[year] {
                case .amount(let money)?:
                    status = "amount"
                    amount = money.plain
                case .noBudget?:
                    status = "no_budget"
                    amount = ""
                case nil:
                    status = "not_stated"
                    amount = ""
                }
                rows.append([
                    numbers[item.id].map(String.init) ?? "", item.id.uuidString, item.kind.rawValue,
                    dimension.map { String($0.number) } ?? "", dimension?.name ?? "", item.missionCode ?? "", mission?.name ?? "",
                    item.name, item.responsibleUnit, String(year.be), status, amount, item.remarks,
                    item.months.months.map(String.init).joined(separator: " "),
                ])
            }
        }
        var text = "\u{FEFF}"
        for row in rows {
            text += row.map { Self.field(XMLText.clean($0)) }.joined(separator: ",")
            text += "\r\n"
        }
        return Data(text.utf8)
    }

    /// A field, quoted when it must be.
    static func field(_ value: String) -> String {
        guard value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
