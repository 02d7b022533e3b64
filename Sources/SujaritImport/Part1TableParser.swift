import Foundation
import SujaritCore

/// Reads the two tables of Part 1: the corruption-risk assessment (การประเมินความเสี่ยงการทุจริต)
/// and the yearly targets (ค่าเป้าหมาย). Both are read cell by cell, by content, so that a row
/// split differently by text extraction still comes out whole.
enum Part1TableParser {
    static func isRiskTable(_ table: DocumentTable) -> Bool {
        let head = table.rows.prefix(2).flatMap(\.cells).map(\.text).joined(separator: " ")
        return ImportText.has(head, "ความเสี่ยง") && (ImportText.has(head, "Risk") || ImportText.has(head, "มาตรการ") || ImportText.has(head, "ขั้นตอน") || ImportText.has(head, "ระดับ"))
    }

    static func isTargetTable(_ table: DocumentTable) -> Bool {
        let head = table.rows.prefix(2).flatMap(\.cells).map(\.text).joined(separator: " ")
        return ImportText.has(head, "ค่าเป้าหมาย") || (ImportText.has(head, "ตัวชี้วัด") && ImportText.has(head, "ปี"))
    }

    /// Every line of a cell is a risk level ("สูง", " ปานกลาง").
    static func levels(_ cell: TableCell) -> [RiskLevel]? {
        let levels = cell.lines.compactMap { RiskLevel.recognize($0) }
        return !levels.isEmpty && levels.count == cell.lines.count ? levels : nil
    }

    static func readRisks(_ table: DocumentTable, findings: inout [ImportFinding]) -> [RiskArea] {
        struct Pending {
            var order: Int
            var line: Int
            var workArea = ""
            var issues: [String] = []
            var levels: [RiskLevel] = []
            var measures: [String] = []
            var phase = 1
        }
        var areas: [Pending] = []
        for cell in table.cells {
            let text = cell.text
            if let (number, rest) = ImportText.leadingNumber(Substring(ImportText.arabic(text)), maxDigits: 3), rest.isEmpty {
                areas.append(Pending(order: number, line: cell.line))
                continue
            }
            guard !areas.isEmpty, !cell.isEmpty else { continue }
            let index = areas.count - 1
            if let levels = levels(cell), areas[index].phase >= 2 {
                areas[index].levels += levels
                areas[index].phase = 4
                continue
            }
            let lines = cell.lines.map { SourceLine(text: $0, line: cell.line) }
            switch areas[index].phase {
            case 1:
                areas[index].workArea = text
                areas[index].phase = 2
            case 2:
                areas[index].issues = SheetParser.listItems(lines)
                areas[index].phase = 3
            case 3:
                // The level column was missing: these are the measures.
                areas[index].measures = SheetParser.listItems(lines)
                areas[index].phase = 5
            case 4:
                areas[index].measures = SheetParser.listItems(lines)
                areas[index].phase = 5
            default:
                areas[index].measures += SheetParser.listItems(lines)
            }
        }
        return areas.map { pending in
            var levels = pending.levels
            if levels.isEmpty {
                findings.append(ImportFinding(severity: .warning, code: "risk.level.missing", line: pending.line, message: LocalizedText(
                    th: "ความเสี่ยงลำดับที่ \(pending.order) ไม่ได้ระบุระดับความเสี่ยง จึงตั้งเป็น “ปานกลาง” ไว้ก่อน",
                    en: "Risk row \(pending.order) states no risk level; it was set to “medium” for now")))
                levels = [.medium]
            }
            let issues = pending.issues.enumerated().map { offset, text in
                RiskIssue(text, level: levels[min(offset, levels.count - 1)])
            }
            return RiskArea(order: pending.order, workArea: pending.workArea, issues: issues, controlMeasures: pending.measures)
        }
    }

    /// "ร้อยละ 10" → (10, "ร้อยละ"); "65 คะแนน" → (65, "คะแนน"); "10" → (10, "").
    static func targetValue(_ text: String) -> (Decimal, String)? {
        let arabic = ImportText.clean(ImportText.arabic(text))
        guard !arabic.isEmpty, arabic.count <= 40 else { return nil }
        var rest = Substring(arabic)
        var unit = ""
        if ImportText.starts(rest, with: "ร้อยละ") {
            unit = "ร้อยละ"
            rest = ImportText.trimmedStart(rest.dropFirst("ร้อยละ".count))
        }
        let number = rest.prefix(while: { $0.isASCII && ($0.isNumber || $0 == ".") })
        guard !number.isEmpty, number.first!.isNumber, let value = Decimal(string: String(number), locale: Locale(identifier: "en_US_POSIX")) else { return nil }
        let tail = ImportText.clean(rest.dropFirst(number.count))
        if unit.isEmpty {
            guard tail.count <= 12, !tail.contains(where: { $0.isNumber }) else { return nil }
            unit = tail == "%" ? "ร้อยละ" : tail
        } else if !tail.isEmpty && tail.count > 12 {
            return nil
        }
        return (value, unit)
    }

    static func readTargets(_ table: DocumentTable, planYears: [FiscalYear]) -> [YearlyTarget] {
        var years: [FiscalYear] = []
        var targets: [YearlyTarget] = []
        var valueIndex = 0
        for cell in table.cells where !cell.isEmpty {
            let text = cell.text
            if case .year(let year)? = PlanTableParser.header(text) {
                if targets.isEmpty { years.append(year) }
                continue
            }
            if ImportText.compact(text) == "ค่าเป้าหมาย" || ImportText.compact(text) == "ตัวชี้วัด" { continue }
            let columns = years.isEmpty ? planYears : years
            if let (value, unit) = targetValue(text), !targets.isEmpty {
                if valueIndex < columns.count {
                    targets[targets.count - 1].values[columns[valueIndex]] = value
                    if targets[targets.count - 1].unit.isEmpty { targets[targets.count - 1].unit = unit }
                }
                valueIndex += 1
                continue
            }
            targets.append(YearlyTarget(order: targets.count + 1, indicator: text, unit: "", values: [:]))
            valueIndex = 0
        }
        return targets
    }
}
