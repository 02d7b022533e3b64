import Foundation

/// ค่าเป้าหมายที่วัดได้ — a target written in prose ("ไม่ต่ำกว่าร้อยละ 80", "อย่างน้อย 5 ช่องทาง",
/// "จำนวน 60 คน", "≥ 3 ช่องทาง") read as a comparator, a number and a unit, so that a monitoring
/// round can put the actual value beside it and say whether the target was met. A line that
/// states no number (most outcomes: "ประชาชนมีความพึงพอใจ…") has no measure and stays text.
public struct TargetMeasure: Hashable, Sendable, Codable {
    public enum Comparator: String, Sendable, Codable, CaseIterable {
        /// ไม่น้อยกว่า / ไม่ต่ำกว่า / อย่างน้อย / ≥ — and a bare number, which is reached when met.
        case atLeast
        /// ไม่เกิน / ไม่มากกว่า / ≤
        case atMost
        /// มากกว่า / เกิน / >
        case moreThan
        /// น้อยกว่า / ต่ำกว่า / <
        case lessThan

        public var symbol: String {
            switch self {
            case .atLeast: "≥"
            case .atMost: "≤"
            case .moreThan: ">"
            case .lessThan: "<"
            }
        }
    }

    public var comparator: Comparator
    public var value: Decimal
    /// "ร้อยละ" for percentages (also written "%"), otherwise the counted word: "คน", "ช่องทาง",
    /// "ครั้ง", "เรื่อง", "คะแนน"… ; empty when the text names none.
    public var unit: String

    public init(comparator: Comparator, value: Decimal, unit: String) {
        self.comparator = comparator
        self.value = value
        self.unit = unit
    }

    public var isPercentage: Bool { unit == "ร้อยละ" }

    /// Whether an actual value meets the target.
    public func isMet(by actual: Decimal) -> Bool {
        switch comparator {
        case .atLeast: actual >= value
        case .atMost: actual <= value
        case .moreThan: actual > value
        case .lessThan: actual < value
        }
    }

    /// "≥ ร้อยละ 80", "≥ 5 ช่องทาง".
    public var description: String {
        let number = NSDecimalNumber(decimal: value).stringValue
        return isPercentage ? "\(comparator.symbol) ร้อยละ \(number)" : "\(comparator.symbol) \(number)\(unit.isEmpty ? "" : " " + unit)"
    }

    // MARK: - Reading prose

    /// Comparator words, longest first so that "ไม่น้อยกว่า" is not read as "น้อยกว่า".
    static let comparatorWords: [(String, Comparator)] = [
        ("ไม่น้อยกว่า", .atLeast), ("ไม่ต่ำกว่า", .atLeast), ("อย่างน้อย", .atLeast), ("ขั้นต่ำ", .atLeast),
        ("ไม่เกินกว่า", .atMost), ("ไม่มากกว่า", .atMost), ("ไม่สูงกว่า", .atMost), ("ไม่เกิน", .atMost), ("สูงสุด", .atMost),
        ("มากกว่า", .moreThan), ("สูงกว่า", .moreThan), ("เกินกว่า", .moreThan),
        ("น้อยกว่า", .lessThan), ("ต่ำกว่า", .lessThan),
        ("≥", .atLeast), (">=", .atLeast), ("≤", .atMost), ("<=", .atMost), (">", .moreThan), ("<", .lessThan),
    ]

    /// Words that introduce a number without comparing ("จำนวน 60 คน", "ร้อยละ 80").
    static let neutralWords = ["จำนวน", "รวม", "ทั้งหมด", "ได้", "ครบ"]

    /// Reads the first measurable target of a line, or nil when it states none. A Buddhist-Era
    /// year ("ปี 2568", "พ.ศ. 2566") or a list marker ("1)", "๒.") is never the number.
    public static func parse(_ text: String) -> TargetMeasure? {
        let line = ThaiDigits.toArabic(text.cleaned)
        let scalars = Array(line)
        var index = 0
        // Skip a leading list marker: "1)", "(2)", "3.", "-".
        if let marker = line.range(of: #"^\s*(\(?[0-9]{1,2}[\.\)]\)?|[-•])\s*"#, options: .regularExpression) {
            index = line.distance(from: line.startIndex, to: marker.upperBound)
        }
        while index < scalars.count {
            guard scalars[index].isASCII, scalars[index].isNumber else { index += 1; continue }
            // The number: digits with thousands separators and one decimal point.
            var end = index
            var digits = ""
            while end < scalars.count, (scalars[end].isASCII && scalars[end].isNumber) || scalars[end] == "," || scalars[end] == "." {
                if scalars[end] == "." && (end + 1 >= scalars.count || !(scalars[end + 1].isASCII && scalars[end + 1].isNumber)) { break }
                if scalars[end] != "," { digits.append(scalars[end]) }
                end += 1
            }
            let before = String(scalars[..<index]).trimmingCharacters(in: .whitespaces)
            let after = String(scalars[end...])
            defer { index = end }
            guard let value = Decimal(string: digits, locale: Locale(identifier: "en_US_POSIX")) else { continue }
            // A year is not a target value.
            if digits.count == 4, let year = Int(digits), FiscalYear.plausibleRange.contains(year),
               before.hasSuffix("ปี") || before.hasSuffix("พ.ศ.") || before.hasSuffix("พ.ศ") || before.hasSuffix("ปีงบประมาณ") || before.hasSuffix("–") || before.hasSuffix("-") {
                continue
            }
            var unit = ""
            var percent = false
            let compactBefore = before.replacingOccurrences(of: " ", with: "")
            let percentWordBefore = compactBefore.hasSuffix("ร้อยละ")
            if percentWordBefore {
                percent = true
            }
            let trimmedAfter = after.drop(while: { $0 == " " })
            if trimmedAfter.hasPrefix("%") || trimmedAfter.hasPrefix("เปอร์เซ็นต์") {
                percent = true
            }
            if percent {
                unit = "ร้อยละ"
            } else {
                unit = String(trimmedAfter.prefix { character in
                    character.unicodeScalars.allSatisfy { (0x0E01...0x0E4F).contains($0.value) || $0 == "/" }
                })
                unit = Self.trimUnit(unit)
            }
            // What precedes the number says how it compares; without a word it is a level to reach.
            var comparator = Comparator.atLeast
            let lead = percentWordBefore ? String(compactBefore.dropLast("ร้อยละ".count)) : compactBefore
            for (word, kind) in comparatorWords where lead.hasSuffix(word) || lead.hasSuffix(word + "จำนวน") {
                comparator = kind
                break
            }
            // A bare number with no unit and no comparator is not a target ("ข้อ 3 ของระเบียบ").
            if unit.isEmpty && !percent && !comparatorWords.contains(where: { lead.hasSuffix($0.0) }) && !neutralWords.contains(where: { lead.hasSuffix($0) }) {
                continue
            }
            return TargetMeasure(comparator: comparator, value: value, unit: unit)
        }
        return nil
    }

    /// The counted word alone: "ช่องทางขึ้นไป" → "ช่องทาง", "คนต่อปี" → "คน/ปี" stays as written.
    static func trimUnit(_ word: String) -> String {
        var unit = word
        for tail in ["ขึ้นไป", "เป็นอย่างน้อย", "ต่อปี", "ต่อครั้ง", "โดยประมาณ"] where unit.hasSuffix(tail) && unit.count > tail.count {
            unit = String(unit.dropLast(tail.count))
        }
        return String(unit.prefix(20))
    }
}
