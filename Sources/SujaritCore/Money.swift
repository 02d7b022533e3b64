import Foundation

/// An exact amount of Thai baht, kept as whole satang (1 baht = 100 satang). Never floating point.
public struct Money: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var satang: Int64

    public init(satang: Int64) { self.satang = satang }
    public init(baht: Int64) { self.satang = baht * 100 }

    public static let zero = Money(satang: 0)
    /// The largest amount Sujarit accepts for one entry: one trillion (10^12) baht.
    public static let maximum = Money(satang: 1_000_000_000_000 * 100)

    public static func + (a: Money, b: Money) -> Money { Money(satang: a.satang + b.satang) }
    public static func += (a: inout Money, b: Money) { a.satang += b.satang }
    public static func < (a: Money, b: Money) -> Bool { a.satang < b.satang }

    public var isNegative: Bool { satang < 0 }

    /// The amount as a Decimal number of baht (exact).
    public var decimalBaht: Decimal { Decimal(satang) / 100 }

    /// "20,000" or "20,000.50": thousands separators, satang only when not zero.
    public func formatted(digits: DigitStyle = .arabic, alwaysShowSatang: Bool = false) -> String {
        let negative = satang < 0
        let magnitude = satang.magnitude
        let baht = magnitude / 100
        let rest = magnitude % 100
        var groups: [String] = []
        var remaining = baht
        repeat {
            let group = remaining % 1000
            remaining /= 1000
            groups.insert(remaining > 0 ? String(format: "%03llu", group) : String(group), at: 0)
        } while remaining > 0
        var text = groups.joined(separator: ",")
        if rest != 0 || alwaysShowSatang { text += String(format: ".%02llu", rest) }
        if negative { text = "-" + text }
        return ThaiDigits.apply(digits, to: text)
    }

    /// Plain machine form: "20000" or "20000.5" (for JSON, CSV and form values).
    public var plain: String {
        let negative = satang < 0 ? "-" : ""
        let magnitude = satang.magnitude
        let rest = magnitude % 100
        if rest == 0 { return "\(negative)\(magnitude / 100)" }
        let frac = rest % 10 == 0 ? String(rest / 10) : String(format: "%02llu", rest)
        return "\(negative)\(magnitude / 100).\(frac)"
    }

    public var description: String { formatted() }

    /// Why a typed amount could not be accepted, with a message in Thai and English.
    public enum ParseError: Error, Equatable, Sendable {
        case empty
        case notANumber(String)
        case negative
        case tooManyDecimals
        case tooLarge
        case misplacedSeparator

        public var message: LocalizedText {
            switch self {
            case .empty:
                LocalizedText(th: "กรุณากรอกจำนวนเงิน", en: "Enter an amount")
            case .notANumber(let text):
                LocalizedText(th: "“\(text)” ไม่ใช่จำนวนเงิน ใช้ได้เฉพาะตัวเลข เช่น 20,000 หรือ 20000.50",
                              en: "“\(text)” is not an amount; use digits only, e.g. 20,000 or 20000.50")
            case .negative:
                LocalizedText(th: "จำนวนเงินต้องไม่ติดลบ", en: "The amount must not be negative")
            case .tooManyDecimals:
                LocalizedText(th: "ทศนิยมได้ไม่เกิน 2 ตำแหน่ง (สตางค์)", en: "At most 2 decimal places (satang)")
            case .tooLarge:
                LocalizedText(th: "จำนวนเงินเกิน 1,000,000,000,000 บาท", en: "The amount exceeds 1,000,000,000,000 baht")
            case .misplacedSeparator:
                LocalizedText(th: "เครื่องหมายจุลภาคอยู่ผิดตำแหน่ง เช่น ควรเป็น 20,000", en: "Misplaced thousands separator; write e.g. 20,000")
            }
        }
    }

    /// Reads an amount as a person types it: Arabic or Thai digits, optional thousands separators
    /// ("20,000" or "๒๐,๐๐๐"), optional spaces and "บาท", at most two decimals.
    /// Rejects letters, negative numbers and amounts over 10^12 baht.
    public static func parse(_ input: String) throws(ParseError) -> Money {
        var text = ThaiDigits.toArabic(input.cleaned)
        if text.hasSuffix("บาท") { text = String(text.dropLast(3)) }
        text = text.filter { !$0.isWhitespace }
        guard !text.isEmpty else { throw .empty }
        if text.hasPrefix("-") || text.hasPrefix("−") {
            let rest = text.dropFirst()
            if !rest.isEmpty, rest.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "," || $0 == ".") }) {
                throw .negative
            }
            throw .notANumber(input.cleaned)
        }
        if text.hasPrefix("+") { text.removeFirst() }
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count <= 2 else { throw .notANumber(input.cleaned) }
        let whole = String(parts[0])
        let fraction = parts.count == 2 ? String(parts[1]) : ""
        let isDigit: (Character) -> Bool = { $0.isASCII && $0.isNumber }
        guard whole.allSatisfy({ isDigit($0) || $0 == "," }), fraction.allSatisfy(isDigit) else {
            throw .notANumber(input.cleaned)
        }
        guard !whole.isEmpty || !fraction.isEmpty, whole.contains(where: isDigit) || !fraction.isEmpty else {
            throw .notANumber(input.cleaned)
        }
        if whole.contains(",") {
            let groups = whole.split(separator: ",", omittingEmptySubsequences: false)
            guard let first = groups.first, (1...3).contains(first.count),
                  groups.dropFirst().allSatisfy({ $0.count == 3 }) else { throw .misplacedSeparator }
        }
        if parts.count == 2 && fraction.isEmpty { throw .notANumber(input.cleaned) }
        guard fraction.count <= 2 else { throw .tooManyDecimals }
        let digits = whole.filter(isDigit)
        let trimmed = digits.drop(while: { $0 == "0" })
        guard trimmed.count <= 13 else { throw .tooLarge }
        let bahtPart = Int64(trimmed.isEmpty ? "0" : String(trimmed))!
        let satangPart = Int64(fraction.padding(toLength: 2, withPad: "0", startingAt: 0))!
        let money = Money(satang: bahtPart * 100 + satangPart)
        guard money <= maximum else { throw .tooLarge }
        return money
    }
}

extension Money: Codable {
    /// In JSON an amount is a number of baht (e.g. 20000 or 20000.5); a string in the same
    /// form is accepted on input.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let text = try? container.decode(String.self) {
            do { self = try Money.parse(text) } catch {
                throw DecodingError.dataCorruptedError(in: container, debugDescription: error.message.en)
            }
            return
        }
        let number = try container.decode(Decimal.self)
        guard number >= 0 else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: Money.ParseError.negative.message.en)
        }
        var scaled = number * 100
        var rounded = Decimal()
        NSDecimalRound(&rounded, &scaled, 0, .plain)
        guard rounded == scaled else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: Money.ParseError.tooManyDecimals.message.en)
        }
        guard rounded <= Decimal(Money.maximum.satang) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: Money.ParseError.tooLarge.message.en)
        }
        self.init(satang: NSDecimalNumber(decimal: rounded).int64Value)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(decimalBaht)
    }
}

/// งบประมาณ of one item in one fiscal year: an amount, or explicitly no budget
/// ("ไม่ใช้งบประมาณ", "-"). A year with no entry at all is simply not stated.
public enum BudgetEntry: Hashable, Sendable {
    case amount(Money)
    /// ไม่ใช้งบประมาณ
    case noBudget

    /// The amount counted in totals: zero for "no budget".
    public var countedAmount: Money {
        if case .amount(let money) = self { return money }
        return .zero
    }

    /// "20,000" or "-" as in the official table.
    public func formatted(digits: DigitStyle = .arabic) -> String {
        switch self {
        case .amount(let money): money.formatted(digits: digits)
        case .noBudget: "-"
        }
    }

    /// Phrases that documents use for "carried out without a budget".
    static let noBudgetPhrases = ["ไม่ใช้งบประมาณ", "ไม่ได้ใช้งบประมาณ", "ไม่มีงบประมาณ", "ไม่ใช้งบ", "ไม่ต้องใช้งบประมาณ"]

    /// Reads a budget as documents write it, leniently: "20,000", "๒๐,๐๐๐ บาท",
    /// "งบประมาณ 20,000 บาท", "-", "ไม่ใช้งบประมาณ", "ดำเนินการโดยไม่ใช้งบประมาณ",
    /// an empty cell. Returns nil when the text holds no recognizable budget.
    public static func parseDocumentText(_ raw: String) -> BudgetEntry? {
        let text = ThaiDigits.toArabic(raw.cleaned)
        let compact = text.filter { !$0.isWhitespace }
        if compact.isEmpty || compact.allSatisfy({ "-–—".contains($0) }) { return .noBudget }
        if noBudgetPhrases.contains(where: { compact.contains($0) }) { return .noBudget }
        // Numbers (with separators and decimals) in the text, in order. A Buddhist-Era year
        // ("ปี 2568") is not an amount; a number followed by "บาท" is the best candidate.
        var numbers: [(text: String, beforeBaht: Bool)] = []
        var current = ""
        var index = text.startIndex
        while index <= text.endIndex {
            let character: Character? = index < text.endIndex ? text[index] : nil
            if let character, character.isASCII && character.isNumber {
                current.append(character)
            } else if let character, !current.isEmpty && (character == "," || character == ".") {
                current.append(character)
            } else if !current.isEmpty {
                while let last = current.last, last == "," || last == "." { current.removeLast() }
                let rest = text[index...].drop(while: { $0.isWhitespace })
                numbers.append((current, rest.hasPrefix("บาท")))
                current = ""
            }
            if index == text.endIndex { break }
            index = text.index(after: index)
        }
        func isYear(_ text: String) -> Bool {
            text.count == 4 && !text.contains(",") && !text.contains(".") && FiscalYear.plausibleRange.contains(Int(text) ?? 0)
        }
        let chosen = numbers.first(where: { $0.beforeBaht }) ?? numbers.first(where: { !isYear($0.text) })
        guard let chosen, let money = try? Money.parse(chosen.text) else { return nil }
        return .amount(money)
    }
}

extension BudgetEntry: Codable {
    /// JSON: a number of baht, or the string "none" for explicitly no budget.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let text = try? container.decode(String.self), ["none", "-", "ไม่ใช้งบประมาณ"].contains(text.cleaned) {
            self = .noBudget
            return
        }
        self = .amount(try container.decode(Money.self))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .amount(let money): try container.encode(money)
        case .noBudget: try container.encode("none")
        }
    }
}
