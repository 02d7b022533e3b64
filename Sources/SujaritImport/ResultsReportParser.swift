import Foundation
import SujaritCore

/// Reads the annual results report (รายงานผลการดำเนินการ…ประจำปี, seed 002): one table whose
/// columns are measure | steps | period | responsible | output | outcome.
enum ResultsReportParser {
    enum Column: Equatable { case measure, steps, period, responsible, output, outcome, other }

    static func column(_ header: String) -> Column {
        let text = header.lowercased()
        if ImportText.has(text, "outcome") || ImportText.has(text, "ผลลัพธ์") || ImportText.has(text, "ผลสัมฤทธิ์") { return .outcome }
        if ImportText.has(text, "output") || ImportText.has(text, "ผลการดำเนินการ") || ImportText.has(text, "ผลผลิต") { return .output }
        if ImportText.has(text, "ขั้นตอน") || ImportText.has(text, "วิธีการ") || ImportText.has(text, "วิธีดำเนินการ") { return .steps }
        if ImportText.has(text, "ระยะเวลา") || ImportText.has(text, "ช่วงเวลา") { return .period }
        if ImportText.has(text, "ผู้รับผิดชอบ") || ImportText.has(text, "หน่วยงานที่รับผิดชอบ") { return .responsible }
        if ImportText.has(text, "มาตรการ") || ImportText.has(text, "โครงการ") || ImportText.has(text, "กิจกรรม") { return .measure }
        return .other
    }

    /// A results table names at least a measure, an output or outcome, and steps or a period.
    static func columns(of table: DocumentTable) -> [Column]? {
        guard let header = table.rows.first else { return nil }
        let columns = header.cells.map { column($0.text) }
        let hasResult = columns.contains(.output) || columns.contains(.outcome)
        let hasDoing = columns.contains(.steps) || columns.contains(.period)
        guard columns.contains(.measure), hasResult, hasDoing, !header.cells.contains(where: { PlanTableParser.header($0.text).map { if case .year = $0 { return true }; return false } ?? false }) else { return nil }
        return columns
    }

    /// Splits "๑) … ๒) … ๓) …" written on one line into its items.
    static func splitInlineList(_ line: String) -> [String] {
        let scalars = Array(line.unicodeScalars)
        var cuts: [Int] = []
        var expected = 1
        var index = 0
        while index < scalars.count {
            let atBoundary = index == 0 || ImportText.isSpace(scalars[index - 1])
            if atBoundary, let digit = ImportText.digitValue(scalars[index]) {
                var value = digit
                var end = index + 1
                while end < scalars.count, let next = ImportText.digitValue(scalars[end]), end - index < 3 {
                    value = value * 10 + next
                    end += 1
                }
                if end < scalars.count, scalars[end] == ")", value == expected {
                    cuts.append(index)
                    expected += 1
                    index = end + 1
                    continue
                }
            }
            index += 1
        }
        guard cuts.count >= 2, cuts[0] == 0 else { return [line] }
        var parts: [String] = []
        for (position, start) in cuts.enumerated() {
            let end = position + 1 < cuts.count ? cuts[position + 1] : scalars.count
            var view = String.UnicodeScalarView()
            view.append(contentsOf: scalars[start..<end])
            parts.append(ImportText.clean(String(view)))
        }
        return parts
    }

    static func read(_ table: DocumentTable, columns: [Column]) -> [MonitoringResultRow] {
        var rows: [MonitoringResultRow] = []
        for row in table.rows.dropFirst() {
            // A repeated header after a page break.
            if row.cells.map({ column($0.text) }) == columns && row.cells.allSatisfy({ $0.text.count < 80 }) && rows.count > 0 { continue }
            var values: [Column: [String]] = [:]
            for (index, cell) in row.cells.enumerated() where index < columns.count {
                values[columns[index], default: []] += cell.lines
            }
            guard let measureLines = values[.measure], !measureLines.isEmpty else {
                // A row without a measure continues the row above (a page break the reader did not see).
                guard !rows.isEmpty else { continue }
                let last = rows.count - 1
                for (column, lines) in values where !lines.isEmpty {
                    switch column {
                    case .steps: rows[last].steps += lines.flatMap(splitInlineList)
                    case .period: rows[last].period = ImportText.joinBroken(rows[last].period, lines.joined(separator: " "))
                    case .responsible: rows[last].responsible = ImportText.joinBroken(rows[last].responsible, lines.joined(separator: " "))
                    case .output: rows[last].output = ImportText.joinBroken(rows[last].output, lines.joined(separator: "\n"))
                    case .outcome: rows[last].outcome = ImportText.joinBroken(rows[last].outcome, lines.joined(separator: "\n"))
                    default: break
                    }
                }
                continue
            }
            var measure = measureLines.joined(separator: " ")
            var number: Int?
            if let marker = ImportText.marker(Substring(measure)), marker.numbers.count == 1, marker.style == .dot || marker.style == .closingParen {
                number = marker.numbers[0]
                measure = String(marker.rest)
            }
            rows.append(MonitoringResultRow(
                number: number, measure: ImportText.clean(measure),
                steps: (values[.steps] ?? []).flatMap(splitInlineList),
                period: (values[.period] ?? []).joined(separator: " "),
                responsible: (values[.responsible] ?? []).joined(separator: " "),
                output: (values[.output] ?? []).joined(separator: "\n"),
                outcome: (values[.outcome] ?? []).joined(separator: "\n"),
                line: row.line))
        }
        return rows
    }
}
