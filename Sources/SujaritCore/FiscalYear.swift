import Foundation

/// ปีงบประมาณ — a Thai government fiscal year, named by the Buddhist-Era year it ends in.
/// FY 2568 runs from 1 October 2567 to 30 September 2568 (2024-10-01 – 2025-09-30).
public struct FiscalYear: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    /// The Buddhist-Era year, e.g. 2568.
    public let be: Int

    public init(_ be: Int) { self.be = be }

    /// The Christian-Era year in which the fiscal year ends.
    public var ce: Int { ThaiCalendar.ce(fromBE: be) }

    public static func < (a: FiscalYear, b: FiscalYear) -> Bool { a.be < b.be }

    public var description: String { String(be) }

    public init(from decoder: any Decoder) throws {
        be = try decoder.singleValueContainer().decode(Int.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(be)
    }

    /// Fiscal years that a plan may reasonably name: B.E. 2500–2700.
    public static let plausibleRange = 2500...2700
}

/// A fiscal quarter: ไตรมาสที่ 1 = Oct–Dec, 2 = Jan–Mar, 3 = Apr–Jun, 4 = Jul–Sep.
public struct FiscalQuarter: Hashable, Sendable, Codable {
    public let fiscalYear: FiscalYear
    /// 1…4
    public let number: Int

    public init(fiscalYear: FiscalYear, number: Int) {
        precondition((1...4).contains(number), "a fiscal quarter is numbered 1 to 4")
        self.fiscalYear = fiscalYear
        self.number = number
    }
}

/// ชนิดของรอบการติดตาม — the kind of a monitoring round: the first six months (1 Oct – 31 Mar),
/// the whole year, or — for organizations that turn quarterly rounds on — one fiscal quarter.
///
/// Every kind reports on the year from 1 October up to its last day; the quarters and the two
/// half-year kinds therefore line up: ไตรมาสที่ 2 ends with the 6-month round (31 March) and
/// ไตรมาสที่ 4 with the 12-month round (30 September). A new round starts from the values of the
/// latest round of the same year that ends no later than it does (`MonitoringWorkflow`).
public enum MonitoringRoundKind: String, CaseIterable, Sendable, Codable {
    /// รอบ 6 เดือน
    case sixMonths = "6m"
    /// รอบ 12 เดือน
    case twelveMonths = "12m"
    /// ไตรมาสที่ 1 (ต.ค. – ธ.ค.)
    case quarter1 = "q1"
    /// ไตรมาสที่ 2 (ม.ค. – มี.ค.)
    case quarter2 = "q2"
    /// ไตรมาสที่ 3 (เม.ย. – มิ.ย.)
    case quarter3 = "q3"
    /// ไตรมาสที่ 4 (ก.ค. – ก.ย.)
    case quarter4 = "q4"

    /// The two kinds every organization reports.
    public static let halfYearly: [MonitoringRoundKind] = [.sixMonths, .twelveMonths]
    public static let quarterly: [MonitoringRoundKind] = [.quarter1, .quarter2, .quarter3, .quarter4]

    public var isQuarterly: Bool { quarterNumber != nil }

    /// 1…4 for a quarterly round.
    public var quarterNumber: Int? {
        switch self {
        case .quarter1: 1
        case .quarter2: 2
        case .quarter3: 3
        case .quarter4: 4
        case .sixMonths, .twelveMonths: nil
        }
    }

    /// The fiscal quarter the round's period ends with: 2 for the 6-month round, 4 for the
    /// 12-month round, the quarter itself for a quarterly round.
    public var endQuarter: Int {
        switch self {
        case .sixMonths: 2
        case .twelveMonths: 4
        default: quarterNumber!
        }
    }

    /// Whether the round's period ends with the fiscal year (items not finished are late).
    public var endsTheYear: Bool { endQuarter == 4 }

    public var thaiName: String {
        switch self {
        case .sixMonths: "รอบ 6 เดือน"
        case .twelveMonths: "รอบ 12 เดือน"
        default: "รอบไตรมาสที่ \(quarterNumber!)"
        }
    }

    public var englishName: String {
        switch self {
        case .sixMonths: "6-month round"
        case .twelveMonths: "12-month round"
        default: "Quarter \(quarterNumber!) round"
        }
    }
}

/// ปฏิทินไทย — Buddhist-Era years, fiscal years, quarters and monitoring rounds.
///
/// Dates are read in Thailand's time zone (Asia/Bangkok, UTC+7, no daylight saving), so a moment
/// just after midnight on 1 October in Bangkok belongs to the new fiscal year even though it is
/// still 30 September in UTC.
public enum ThaiCalendar {
    /// พ.ศ. = ค.ศ. + 543
    public static let beOffset = 543

    public static func be(fromCE year: Int) -> Int { year + beOffset }
    public static func ce(fromBE year: Int) -> Int { year - beOffset }

    public static let timeZone = TimeZone(identifier: "Asia/Bangkok") ?? TimeZone(secondsFromGMT: 7 * 3600)!

    static var gregorian: Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        return calendar
    }

    /// The (Christian-Era year, month 1–12, day) of a moment, in Thai time.
    public static func components(of date: Date) -> (year: Int, month: Int, day: Int) {
        let parts = gregorian.dateComponents([.year, .month, .day], from: date)
        return (parts.year!, parts.month!, parts.day!)
    }

    /// The fiscal year a moment belongs to.
    public static func fiscalYear(of date: Date) -> FiscalYear {
        let (year, month, _) = components(of: date)
        return FiscalYear(be(fromCE: month >= 10 ? year + 1 : year))
    }

    /// The fiscal quarter a moment belongs to.
    public static func quarter(of date: Date) -> FiscalQuarter {
        let month = components(of: date).month
        let number = month >= 10 ? 1 : (month - 1) / 3 + 2
        return FiscalQuarter(fiscalYear: fiscalYear(of: date), number: number)
    }

    /// The monitoring round a moment falls in: October–March is the 6-month round,
    /// April–September only the 12-month one.
    public static func monitoringRound(of date: Date) -> MonitoringRoundKind {
        quarter(of: date).number <= 2 ? .sixMonths : .twelveMonths
    }

    /// The first moment of a fiscal year: 1 October of the previous year, 00:00 Thai time.
    public static func start(of fiscalYear: FiscalYear) -> Date {
        gregorian.date(from: DateComponents(year: fiscalYear.ce - 1, month: 10, day: 1))!
    }

    /// The first moment after a fiscal year: 1 October of its own year, 00:00 Thai time.
    public static func end(of fiscalYear: FiscalYear) -> Date {
        gregorian.date(from: DateComponents(year: fiscalYear.ce, month: 10, day: 1))!
    }

    /// The last day (inclusive) a round reports on: 31 December, 31 March, 30 June or
    /// 30 September, as the round's period ends with the first, second, third or fourth quarter
    /// (31 March for the 6-month round, 30 September for the 12-month round).
    public static func lastDay(of round: MonitoringRoundKind, in fiscalYear: FiscalYear) -> Date {
        switch round.endQuarter {
        case 1: gregorian.date(from: DateComponents(year: fiscalYear.ce - 1, month: 12, day: 31))!
        case 2: gregorian.date(from: DateComponents(year: fiscalYear.ce, month: 3, day: 31))!
        case 3: gregorian.date(from: DateComponents(year: fiscalYear.ce, month: 6, day: 30))!
        default: gregorian.date(from: DateComponents(year: fiscalYear.ce, month: 9, day: 30))!
        }
    }

    static let thaiMonths = [
        "มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน", "พฤษภาคม", "มิถุนายน",
        "กรกฎาคม", "สิงหาคม", "กันยายน", "ตุลาคม", "พฤศจิกายน", "ธันวาคม",
    ]
    static let thaiMonthsShort = [
        "ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.",
        "ก.ค.", "ส.ค.", "ก.ย.", "ต.ค.", "พ.ย.", "ธ.ค.",
    ]

    /// "1 ตุลาคม 2567" (or with Thai digits), the way official documents write dates.
    public static func thaiDate(_ date: Date, digits: DigitStyle = .arabic, short: Bool = false) -> String {
        let (year, month, day) = components(of: date)
        let monthName = (short ? thaiMonthsShort : thaiMonths)[month - 1]
        return ThaiDigits.apply(digits, to: "\(day) \(monthName) \(be(fromCE: year))")
    }

    /// A range of fiscal years as documents write it: "2566 – 2570", or "2568" for one year.
    public static func yearRange(_ first: FiscalYear, _ last: FiscalYear, digits: DigitStyle = .arabic) -> String {
        let text = first == last ? "\(first.be)" : "\(first.be) – \(last.be)"
        return ThaiDigits.apply(digits, to: text)
    }
}
