import Foundation

/// รายงานการติดตาม — the figures of a round's report: per dimension, items by status, money
/// planned / in the ordinance / committed / disbursed, indicators met; the same rows for the
/// whole round. Computed from the round alone (the records carry their item's dimension and the
/// plan's budget for the year), so an approved round's report never changes.
public struct MonitoringReport: Hashable, Sendable, Codable {
    public struct Totals: Hashable, Sendable, Codable {
        /// มิติที่ N; 0 for the whole round (and for items without a dimension).
        public var dimension: Int
        public var name: String
        public var itemCount: Int
        public var notStarted: Int
        public var inProgress: Int
        public var completed: Int
        public var notCarriedOut: Int
        /// Not reported yet.
        public var blank: Int
        public var planned: Money
        public var ordinance: Money
        public var committed: Money
        public var disbursed: Money
        public var indicatorsMet: Int
        public var indicatorsNotMet: Int
        /// Indicators with no number to compare (text targets, or no actual value).
        public var indicatorsUnmeasured: Int

        init(dimension: Int, name: String) {
            self.dimension = dimension
            self.name = name
            itemCount = 0; notStarted = 0; inProgress = 0; completed = 0; notCarriedOut = 0; blank = 0
            planned = .zero; ordinance = .zero; committed = .zero; disbursed = .zero
            indicatorsMet = 0; indicatorsNotMet = 0; indicatorsUnmeasured = 0
        }

        public func count(_ progress: ItemProgress?) -> Int {
            switch progress {
            case .notStarted: notStarted
            case .inProgress: inProgress
            case .completed: completed
            case .notCarriedOut: notCarriedOut
            case nil: blank
            }
        }

        /// ร้อยละที่ดำเนินการ — completed or in progress, of all items (0 when there are none).
        public var carriedOutPercent: Decimal {
            guard itemCount > 0 else { return 0 }
            return Self.rounded(Decimal(completed + inProgress) * 100 / Decimal(itemCount))
        }

        /// ร้อยละการเบิกจ่าย — disbursed of planned (nil when nothing was planned).
        public var disbursedPercent: Decimal? {
            guard planned.satang > 0 else { return nil }
            return Self.rounded(Decimal(disbursed.satang) * 100 / Decimal(planned.satang))
        }

        static func rounded(_ value: Decimal) -> Decimal {
            var value = value
            var result = Decimal()
            NSDecimalRound(&result, &value, 2, .plain)
            return result
        }

        mutating func add(_ record: MonitoringRecord) {
            itemCount += 1
            switch record.progress {
            case .notStarted: notStarted += 1
            case .inProgress: inProgress += 1
            case .completed: completed += 1
            case .notCarriedOut: notCarriedOut += 1
            case nil: blank += 1
            }
            planned += record.plannedBudget ?? .zero
            ordinance += record.ordinanceBudget ?? .zero
            committed += record.committed ?? .zero
            disbursed += record.disbursed ?? .zero
            for indicator in record.indicators {
                switch indicator.isMet {
                case true?: indicatorsMet += 1
                case false?: indicatorsNotMet += 1
                case nil: indicatorsUnmeasured += 1
                }
            }
        }
    }

    public var fiscalYear: FiscalYear
    public var kind: MonitoringRoundKind
    public var status: MonitoringRoundStatus
    /// One row per dimension of the plan (in order), plus one for items without a dimension if any.
    public var dimensions: [Totals]
    public var total: Totals

    public init(round: MonitoringRound, dimensions planDimensions: [Dimension]) {
        fiscalYear = round.fiscalYear
        kind = round.kind
        status = round.status
        var rows = planDimensions.sorted { $0.number < $1.number }.map { Totals(dimension: $0.number, name: $0.name) }
        var total = Totals(dimension: 0, name: "รวมทั้งสิ้น")
        var unplaced = Totals(dimension: 0, name: "ยังไม่ระบุมิติ")
        for record in round.records {
            total.add(record)
            if let number = record.dimensionNumber, let index = rows.firstIndex(where: { $0.dimension == number }) {
                rows[index].add(record)
            } else {
                unplaced.add(record)
            }
        }
        if unplaced.itemCount > 0 { rows.append(unplaced) }
        dimensions = rows
        self.total = total
    }

    /// Records whose numeric indicators fell short of the target.
    public static func belowTarget(_ round: MonitoringRound) -> [(MonitoringRecord, IndicatorActual)] {
        round.records.flatMap { record in record.indicators.filter { $0.isMet == false }.map { (record, $0) } }
    }
}

/// รายงานผลการดำเนินการประจำปี — one row per item in the layout of the annual results report
/// (seed 002): measure, steps, period, responsible, output, outcome — with the result captured in
/// the round beside each target.
public struct AnnualResultsRow: Hashable, Sendable, Codable {
    public var number: Int
    /// มาตรการ โครงการ หรือกิจกรรม
    public var measure: String
    /// ขั้นตอนหรือวิธีการปฏิบัติ
    public var steps: String
    /// ช่วงระยะเวลาในการดำเนินการ
    public var period: String
    /// ผู้รับผิดชอบ
    public var responsible: String
    /// ผลการดำเนินการ (output): each output target with its result.
    public var output: String
    /// ผลลัพธ์หรือผลสัมฤทธิ์ (outcome/result): each outcome target with its result.
    public var outcome: String

    public static let headings = [
        "มาตรการ โครงการ หรือกิจกรรมที่ดำเนินการเพื่อส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน",
        "ขั้นตอนหรือวิธีการปฏิบัติ", "ช่วงระยะเวลาในการดำเนินการ", "ผู้รับผิดชอบ",
        "ผลการดำเนินการ (output)", "ผลลัพธ์หรือผลสัมฤทธิ์ในการดำเนินการ (outcome/result)",
    ]

    public var columns: [String] { ["\(number). \(measure)", steps, period, responsible, output, outcome] }

    public static func rows(of round: MonitoringRound) -> [AnnualResultsRow] {
        round.records.sorted { $0.itemNumber < $1.itemNumber }.map { record in
            // What was carried out, as the officer wrote it in the round; the plan's planned
            // steps only when nothing was written (seed 002 copied the targets over).
            let steps = carriedOut(record) ?? record.plannedSteps.joined(separator: "\n")
            let period = dates(record) ?? (record.plannedPeriod.isEmpty ? "ปีงบประมาณ พ.ศ. \(round.fiscalYear.be)" : record.plannedPeriod)
            return AnnualResultsRow(
                number: record.itemNumber, measure: record.itemName, steps: steps.isEmpty ? "-" : steps, period: period,
                responsible: record.responsibleUnit.isEmpty ? "-" : record.responsibleUnit,
                output: results(record, kind: .output), outcome: results(record, kind: .outcome))
        }
    }

    /// What was really done: the record's narrative, with the number of participants when known;
    /// nil when the officer wrote no narrative.
    static func carriedOut(_ record: MonitoringRecord) -> String? {
        let narrative = record.narrative.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !narrative.isEmpty else { return nil }
        guard let participants = record.participants else { return narrative }
        return "\(narrative)\nผู้เข้าร่วม \(participants) คน"
    }

    /// "1 ธันวาคม 2567 – 15 มกราคม 2568" when the dates carried out are known.
    static func dates(_ record: MonitoringRecord) -> String? {
        guard let start = record.startDate else { return nil }
        let first = ThaiCalendar.thaiDate(start)
        guard let end = record.endDate, end != start else { return first }
        return "\(first) – \(ThaiCalendar.thaiDate(end))"
    }

    /// Each target with its result: "เป้าหมาย: … / ผล: … (บรรลุ)". Without indicators, the status and
    /// narrative stand for the result.
    static func results(_ record: MonitoringRecord, kind: IndicatorActual.Kind) -> String {
        let lines = record.indicators.filter { $0.kind == kind }.map { indicator -> String in
            var result: [String] = []
            if let value = indicator.actualValue {
                let number = NSDecimalNumber(decimal: value).stringValue
                let unit = indicator.measure.map { $0.isPercentage ? "ร้อยละ \(number)" : "\(number)\($0.unit.isEmpty ? "" : " " + $0.unit)" } ?? number
                result.append(unit)
            }
            if !indicator.actualText.isEmpty { result.append(indicator.actualText) }
            let met = indicator.isMet.map { $0 ? " (บรรลุเป้าหมาย)" : " (ไม่บรรลุเป้าหมาย)" } ?? ""
            let achieved = result.isEmpty ? "ยังไม่รายงาน" : result.joined(separator: " — ") + met
            return "เป้าหมาย: \(indicator.target)\nผล: \(achieved)"
        }
        if !lines.isEmpty { return lines.joined(separator: "\n") }
        let status = record.progress?.thaiName ?? "ยังไม่รายงาน"
        if kind == .output {
            return record.narrative.isEmpty ? status : "\(status): \(record.narrative)"
        }
        return record.participants.map { "ผู้เข้าร่วม \($0) คน" } ?? status
    }
}

/// ภาพรวมตลอดช่วงแผน — one row per fiscal year of a plan: what the year's round reports (items
/// due, by status, % carried out, money planned and disbursed), taken from the latest approved
/// round of the year (`PlanPeriodYear.rows`). A year without one shows the plan's own items due and
/// budget, and no status or disbursement (nothing approved says what happened).
public struct PlanPeriodYear: Hashable, Sendable {
    public var fiscalYear: FiscalYear
    /// The round the figures come from; nil when the year has no approved round.
    public var roundID: UUID?
    public var roundKind: MonitoringRoundKind?
    public var roundStatus: MonitoringRoundStatus?
    /// The round's totals (items, statuses, money); nil without a round.
    public var totals: MonitoringReport.Totals?
    /// รายการที่ต้องดำเนินการ — the round's records, or the plan's items due that year.
    public var itemsDue: Int
    /// งบประมาณตามแผน — the round's planned budgets, or the plan's budget for the year.
    public var planned: Money
    /// เบิกจ่าย — nil without a round.
    public var disbursed: Money?

    /// The latest of some rounds of one year: the round whose period ends latest, a half-year
    /// round before a quarter over the same period.
    public static func latest(_ rounds: [MonitoringRound]) -> MonitoringRound? {
        rounds.max { a, b in
            (a.fiscalYear, a.kind.endQuarter, a.kind.isQuarterly ? 0 : 1) < (b.fiscalYear, b.kind.endQuarter, b.kind.isQuarterly ? 0 : 1)
        }
    }

    /// Every fiscal year of `plan` up to `lastYear` (all of them when nil), each from its latest
    /// approved round among `rounds` (the plan series's rounds); `current`, when given, stands for
    /// its own year whatever its status (a round's report shows itself beside the years before).
    public static func rows(plan: Plan, rounds: [MonitoringRound], upTo lastYear: FiscalYear? = nil,
                            current: MonitoringRound? = nil) -> [PlanPeriodYear] {
        plan.fiscalYears.filter { lastYear == nil || $0 <= lastYear! }.map { year in
            let round: MonitoringRound? = if let current, current.fiscalYear == year {
                current
            } else {
                latest(rounds.filter { $0.fiscalYear == year && $0.status == .approved })
            }
            if let round {
                let totals = MonitoringReport(round: round, dimensions: []).total
                return PlanPeriodYear(fiscalYear: year, roundID: round.id, roundKind: round.kind, roundStatus: round.status, totals: totals,
                                      itemsDue: totals.itemCount, planned: totals.planned, disbursed: totals.disbursed)
            }
            let due = MonitoringSchedule.dueItems(of: plan, in: year)
            let planned = due.reduce(Money.zero) { sum, item in
                if case .amount(let money)? = item.budgets[year] { return sum + money }
                return sum
            }
            return PlanPeriodYear(fiscalYear: year, roundID: nil, roundKind: nil, roundStatus: nil, totals: nil,
                                  itemsDue: due.count, planned: planned, disbursed: nil)
        }
    }
}
