import Foundation

/// เดือนที่ดำเนินการ — the months of the fiscal year in which an item runs, as the older plans
/// (the 2561–2564 cycle and its one-year plans) mark them in twelve month columns ต.ค. … ก.ย.
///
/// One schedule per item, valid in every fiscal year of the plan in which the item runs: the
/// plans that schedule by month draw one row of twelve marks per item, also when the plan spans
/// several years; a different grid per year is not seen in real plans. Empty means the item is
/// not scheduled by month (the 2566–2570 template plans by year only).
///
/// Months are calendar months 1 (มกราคม) … 12 (ธันวาคม); they are listed in fiscal order,
/// October first. JSON: an array of month numbers in fiscal order, e.g. `[10, 11, 3]`.
public struct MonthSchedule: Hashable, Sendable, Codable, CustomStringConvertible {
    /// Bit `month - 1` set for each month the item runs in; only the low twelve bits are used.
    public private(set) var mask: UInt16

    /// The twelve months in fiscal-year order: ต.ค., พ.ย., ธ.ค., ม.ค., … ก.ย.
    public static let fiscalOrder = [10, 11, 12, 1, 2, 3, 4, 5, 6, 7, 8, 9]
    public static let allMonthsMask: UInt16 = 0x0FFF
    public static let none = MonthSchedule()
    public static let wholeYear = MonthSchedule(validMask: allMonthsMask)

    public init() { mask = 0 }

    private init(validMask: UInt16) { mask = validMask }

    /// A schedule from calendar month numbers (1–12, any order, repeats ignored).
    /// - Throws: `MonthScheduleError` naming the first number that is not a month.
    public init<S: Sequence>(months: S) throws(MonthScheduleError) where S.Element == Int {
        var mask: UInt16 = 0
        for month in months {
            guard (1...12).contains(month) else { throw MonthScheduleError(value: String(month)) }
            mask |= 1 << UInt16(month - 1)
        }
        self.mask = mask
    }

    /// A schedule from its stored bits; nil when bits beyond the twelve months are set.
    public init?(mask: Int) {
        guard mask >= 0, mask <= Int(Self.allMonthsMask) else { return nil }
        self.mask = UInt16(mask)
    }

    public var isEmpty: Bool { mask == 0 }
    public var count: Int { mask.nonzeroBitCount }

    public func contains(_ month: Int) -> Bool {
        (1...12).contains(month) && mask & (1 << UInt16(month - 1)) != 0
    }

    /// The months in fiscal order (October first).
    public var months: [Int] { Self.fiscalOrder.filter(contains) }

    public mutating func insert(_ month: Int) {
        guard (1...12).contains(month) else { return }
        mask |= 1 << UInt16(month - 1)
    }

    /// "ต.ค." … "ก.ย.": the short Thai name of a calendar month (1–12).
    public static func thaiShortName(_ month: Int) -> String { thaiShort[((month - 1) % 12 + 12) % 12] }
    /// "Oct" … "Sep".
    public static func englishShortName(_ month: Int) -> String { englishShort[((month - 1) % 12 + 12) % 12] }

    static let thaiShort = ["ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.", "ก.ค.", "ส.ค.", "ก.ย.", "ต.ค.", "พ.ย.", "ธ.ค."]
    static let englishShort = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// Runs of consecutive months in fiscal order, as (first, last) calendar months.
    public var runs: [(first: Int, last: Int)] {
        var result: [(Int, Int)] = []
        var start: Int?
        var previous = 0
        for month in Self.fiscalOrder {
            if contains(month) {
                if start == nil { start = month }
                previous = month
            } else if let first = start {
                result.append((first, previous))
                start = nil
            }
        }
        if let first = start { result.append((first, previous)) }
        return result
    }

    /// The schedule in words: "ต.ค. – ธ.ค., มี.ค." (Thai) or "Oct – Dec, Mar" (English); the
    /// whole year is "ต.ค. – ก.ย."; an empty schedule is "".
    public func text(thai: Bool = true) -> String {
        let name = thai ? Self.thaiShortName : Self.englishShortName
        return runs.map { $0.first == $0.last ? name($0.first) : "\(name($0.first)) – \(name($0.last))" }.joined(separator: ", ")
    }

    public var description: String { text() }

    /// The schedule in words in both languages.
    public var localizedText: LocalizedText { LocalizedText(th: text(thai: true), en: text(thai: false)) }

    /// The twelve months in fiscal order, as values with a name in each language.
    public static var fiscalMonths: [CalendarMonth] { fiscalOrder.map(CalendarMonth.init(number:)) }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let numbers = try container.decode([Int].self)
        do {
            self = try MonthSchedule(months: numbers)
        } catch {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "months: \(error.value) is not a month; write calendar months 1–12, e.g. [10, 11, 12]")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(months)
    }
}

/// One calendar month (1 = มกราคม … 12 = ธันวาคม) with its short names, "ต.ค." / "Oct".
public struct CalendarMonth: Hashable, Sendable {
    public let number: Int
    public init(number: Int) { self.number = ((number - 1) % 12 + 12) % 12 + 1 }
    public var thaiName: String { MonthSchedule.thaiShortName(number) }
    public var englishName: String { MonthSchedule.englishShortName(number) }
}

/// A value that is not a calendar month (1–12).
public struct MonthScheduleError: Error, Equatable, Sendable {
    public var value: String
    public init(value: String) { self.value = value }

    public var message: LocalizedText {
        LocalizedText(th: "“\(value)” ไม่ใช่เดือน (เลือกได้เฉพาะ ต.ค. ถึง ก.ย.)",
                      en: "“\(value)” is not a month (choose from October to September)")
    }
}
