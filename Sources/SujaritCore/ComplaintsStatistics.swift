import Foundation

/// สถิติเรื่องร้องเรียนการทุจริต — the published statistics of one organization and fiscal
/// year: received, concluded, in progress and referred, for the year and by half-year, quarter
/// and month.
///
/// So that nobody can deduce who complained in a small place, every breakdown finer than the
/// year shows counts from 1 to 4 as "น้อยกว่า 5"; a period without complaints is written
/// "ไม่มีเรื่องร้องเรียนในช่วงเวลานี้", as the ITA asks.
public struct ComplaintStatistics: Sendable, Equatable {
    public struct Counts: Sendable, Equatable {
        public var received = 0
        /// concluded or closed
        public var concluded = 0
        /// received, acknowledged, screening or investigating
        public var inProgress = 0
        public var referred = 0

        public init() {}

        mutating func add(_ status: ComplaintStatus) {
            received += 1
            switch status {
            case .concluded, .closed: concluded += 1
            case .referred: referred += 1
            default: inProgress += 1
            }
        }
    }

    public struct Period: Sendable, Equatable {
        public var thaiName: String
        public var englishName: String
        public var counts: Counts
    }

    public static let noComplaintsText = "ไม่มีเรื่องร้องเรียนในช่วงเวลานี้"
    public static let fewerThanFiveText = "น้อยกว่า 5"
    /// Counts from 1 up to this are suppressed in breakdowns finer than the year.
    public static let suppressionThreshold = 4

    public var fiscalYear: FiscalYear
    public var year: Counts
    public var halves: [Period]
    public var quarters: [Period]
    public var months: [Period]

    /// `cases`: the day each case was received and its status now. Cases outside the fiscal
    /// year are ignored.
    public init(fiscalYear: FiscalYear, cases: [(receivedOn: CalendarDay, status: ComplaintStatus)]) {
        self.fiscalYear = fiscalYear
        // Fiscal months: October (index 0) … September (index 11).
        var byMonth = [Counts](repeating: Counts(), count: 12)
        var year = Counts()
        for item in cases where item.receivedOn.fiscalYear == fiscalYear {
            let index = (item.receivedOn.month + 2) % 12
            byMonth[index].add(item.status)
            year.add(item.status)
        }
        func sum(_ range: Range<Int>) -> Counts {
            var total = Counts()
            for counts in byMonth[range] {
                total.received += counts.received
                total.concluded += counts.concluded
                total.inProgress += counts.inProgress
                total.referred += counts.referred
            }
            return total
        }
        self.year = year
        let monthNumbers = [10, 11, 12, 1, 2, 3, 4, 5, 6, 7, 8, 9]
        let englishMonths = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]
        self.months = (0..<12).map { index in
            let month = monthNumbers[index]
            let be = month >= 10 ? fiscalYear.be - 1 : fiscalYear.be
            return Period(thaiName: "\(ThaiCalendar.thaiMonths[month - 1]) \(be)", englishName: "\(englishMonths[month - 1]) \(be - 543)",
                          counts: byMonth[index])
        }
        self.quarters = (0..<4).map { q in
            Period(thaiName: "ไตรมาสที่ \(q + 1)", englishName: "Quarter \(q + 1)", counts: sum(q * 3 ..< q * 3 + 3))
        }
        self.halves = [
            Period(thaiName: "รอบ 6 เดือนแรก (ต.ค. – มี.ค.)", englishName: "First half (Oct – Mar)", counts: sum(0..<6)),
            Period(thaiName: "รอบ 6 เดือนหลัง (เม.ย. – ก.ย.)", englishName: "Second half (Apr – Sep)", counts: sum(6..<12)),
        ]
    }

    /// A count as published: exact for the year; in finer breakdowns 1–4 become "น้อยกว่า 5".
    public static func published(_ count: Int, fine: Bool) -> PublishedCount {
        fine && (1...suppressionThreshold).contains(count) ? .fewerThanFive : .exact(count)
    }
}

/// A count as the public sees it.
public enum PublishedCount: Sendable, Equatable, Codable, CustomStringConvertible {
    case exact(Int)
    case fewerThanFive

    public var description: String {
        switch self {
        case .exact(let n): String(n)
        case .fewerThanFive: ComplaintStatistics.fewerThanFiveText
        }
    }

    /// A number when exact, the text "น้อยกว่า 5" when suppressed.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .exact(let n): try container.encode(n)
        case .fewerThanFive: try container.encode(ComplaintStatistics.fewerThanFiveText)
        }
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let n = try? container.decode(Int.self) { self = .exact(n) } else { self = .fewerThanFive }
    }
}
