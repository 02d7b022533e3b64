import Foundation

// การติดตามและรายงานผล — monitoring rounds: what was really carried out, item by item, each
// fiscal year, twice a year (6-month and 12-month rounds).

/// สถานะของรอบการติดตาม — where a round stands.
public enum MonitoringRoundStatus: String, CaseIterable, Sendable, Codable {
    /// เปิดรอบ — editors fill the records.
    case open
    /// เสนออนุมัติ — waiting for the admin (who stands for the executive); no edits.
    case submitted
    /// อนุมัติแล้ว — locked; only reopening (with a written reason) changes it again.
    case approved

    public var thaiName: String {
        switch self {
        case .open: "เปิดรอบ กำลังกรอกข้อมูล"
        case .submitted: "เสนออนุมัติ"
        case .approved: "อนุมัติแล้ว (ล็อก)"
        }
    }

    public var englishName: String {
        switch self {
        case .open: "Open, being filled"
        case .submitted: "Submitted for approval"
        case .approved: "Approved (locked)"
        }
    }
}

/// สถานะการดำเนินงานของรายการ — what happened to an item in the round.
public enum ItemProgress: String, CaseIterable, Sendable, Codable {
    /// ยังไม่ดำเนินการ
    case notStarted
    /// อยู่ระหว่างดำเนินการ
    case inProgress
    /// ดำเนินการแล้วเสร็จ
    case completed
    /// ไม่สามารถดำเนินการได้
    case notCarriedOut

    public var thaiName: String {
        switch self {
        case .notStarted: "ยังไม่ดำเนินการ"
        case .inProgress: "อยู่ระหว่างดำเนินการ"
        case .completed: "ดำเนินการแล้วเสร็จ"
        case .notCarriedOut: "ไม่สามารถดำเนินการได้"
        }
    }

    public var englishName: String {
        switch self {
        case .notStarted: "Not started"
        case .inProgress: "In progress"
        case .completed: "Completed"
        case .notCarriedOut: "Not carried out"
        }
    }
}

/// เหตุผลที่ไม่ได้ดำเนินการหรือล่าช้า
public enum ShortfallReason: String, CaseIterable, Sendable, Codable {
    /// ไม่ได้รับงบประมาณ
    case noBudget
    /// นโยบายผู้บริหารเปลี่ยนแปลง
    case policyChanged
    /// บุคลากรไม่เพียงพอ
    case notEnoughStaff
    /// รอการจัดซื้อจัดจ้าง
    case waitingForProcurement
    /// อื่น ๆ (ระบุ)
    case other

    public var thaiName: String {
        switch self {
        case .noBudget: "ไม่ได้รับงบประมาณ"
        case .policyChanged: "นโยบายผู้บริหารเปลี่ยนแปลง"
        case .notEnoughStaff: "บุคลากรไม่เพียงพอ"
        case .waitingForProcurement: "รอการจัดซื้อจัดจ้าง"
        case .other: "อื่น ๆ"
        }
    }

    public var englishName: String {
        switch self {
        case .noBudget: "No budget"
        case .policyChanged: "Executive policy changed"
        case .notEnoughStaff: "Not enough staff"
        case .waitingForProcurement: "Waiting for procurement"
        case .other: "Other"
        }
    }
}

/// One output (ผลผลิต) or outcome (ผลลัพธ์) line of an item's sheet, with what was achieved.
public struct IndicatorActual: Hashable, Sendable, Codable {
    public enum Kind: String, Sendable, Codable, CaseIterable {
        case output, outcome

        public var thaiName: String { self == .output ? "ผลผลิต" : "ผลลัพธ์" }
        public var englishName: String { self == .output ? "Output" : "Outcome" }
    }

    public var kind: Kind
    /// The target as the plan writes it.
    public var target: String
    /// The target read as a number, when it states one.
    public var measure: TargetMeasure?
    /// The number achieved (for a numeric target), in the target's unit.
    public var actualValue: Decimal?
    /// What was achieved, in words (always allowed; the only entry for a text target).
    public var actualText: String

    public init(kind: Kind, target: String, actualValue: Decimal? = nil, actualText: String = "") {
        self.kind = kind
        self.target = target
        self.measure = TargetMeasure.parse(target)
        self.actualValue = actualValue
        self.actualText = actualText
    }

    /// บรรลุเป้าหมาย — met, not met, or nil when it cannot be said (no number target or no actual).
    public var isMet: Bool? {
        guard let measure, let actualValue else { return nil }
        return measure.isMet(by: actualValue)
    }

    public var isBlank: Bool { actualValue == nil && actualText.cleaned.isEmpty }
}

/// บันทึกผลการดำเนินงาน — what happened to one plan item in one round.
///
/// The item is named by its lineage (`itemLineageID`), which survives plan revisions; its number,
/// name, mission and responsible unit are kept as they were when the round was opened, so the
/// record stays readable when a later revision removes the item.
public struct MonitoringRecord: Identifiable, Hashable, Sendable, Codable {
    public var id: UUID
    public var itemLineageID: UUID
    /// The item's id in the revision the round was opened on.
    public var itemID: UUID
    /// Part 2 number of the item when the round was opened.
    public var itemNumber: Int
    public var itemName: String
    public var itemKind: PlanItemKind
    public var missionCode: String?
    public var responsibleUnit: String
    /// ระยะเวลาดำเนินการ as the plan wrote it (the annual report's period column).
    public var plannedPeriod: String
    /// วิธีดำเนินการ, first-level steps (the annual report's steps column).
    public var plannedSteps: [String]
    /// เดือนที่ดำเนินการ — the months the plan schedules the item in (nil or empty: the whole year).
    public var plannedMonths: MonthSchedule?

    /// nil until someone reports on the item: a blank record.
    public var progress: ItemProgress?
    public var reason: ShortfallReason?
    /// The reason in words (needed for "other", welcome for any).
    public var reasonText: String

    /// งบประมาณตามแผน for this fiscal year; nil when the plan says no budget.
    public var plannedBudget: Money?
    /// งบประมาณตามข้อบัญญัติ/เทศบัญญัติ
    public var ordinanceBudget: Money?
    /// ก่อหนี้ผูกพัน
    public var committed: Money?
    /// เบิกจ่าย
    public var disbursed: Money?
    /// Why more was disbursed than budgeted (needed when it was).
    public var overspendReason: String

    /// วันที่ดำเนินการ (first and last day, Thai time, as midnight of the day).
    public var startDate: Date?
    public var endDate: Date?
    /// จำนวนผู้เข้าร่วม
    public var participants: Int?
    public var indicators: [IndicatorActual]
    /// ผลการดำเนินงาน — what was done, in words.
    public var narrative: String
    /// ปัญหา
    public var problems: String
    /// อุปสรรค
    public var obstacles: String
    /// ข้อเสนอแนะ
    public var suggestions: String
    /// หลักฐาน — photos, signed orders, announcements.
    public var evidence: [MonitoringEvidence]

    public init(
        id: UUID = UUID(), itemLineageID: UUID, itemID: UUID, itemNumber: Int, itemName: String, itemKind: PlanItemKind,
        missionCode: String?, responsibleUnit: String, plannedPeriod: String = "", plannedSteps: [String] = [],
        plannedBudget: Money?, indicators: [IndicatorActual]
    ) {
        self.id = id
        self.itemLineageID = itemLineageID
        self.itemID = itemID
        self.itemNumber = itemNumber
        self.itemName = itemName
        self.itemKind = itemKind
        self.missionCode = missionCode
        self.responsibleUnit = responsibleUnit
        self.plannedPeriod = plannedPeriod
        self.plannedSteps = plannedSteps
        self.plannedMonths = nil
        self.progress = nil
        self.reason = nil
        self.reasonText = ""
        self.plannedBudget = plannedBudget
        self.ordinanceBudget = nil
        self.committed = nil
        self.disbursed = nil
        self.overspendReason = ""
        self.startDate = nil
        self.endDate = nil
        self.participants = nil
        self.indicators = indicators
        self.narrative = ""
        self.problems = ""
        self.obstacles = ""
        self.suggestions = ""
        self.evidence = []
    }

    public var dimensionNumber: Int? { missionCode.flatMap(Mission.dimensionNumber(ofCode:)) }

    /// Nobody has reported on the item yet.
    public var isBlank: Bool { progress == nil }

    /// The budget disbursements are measured against: the ordinance's when stated, else the plan's.
    public var budgetForComparison: Money? { ordinanceBudget ?? plannedBudget }

    /// เบิกจ่ายเกินงบประมาณ
    public var isOverspent: Bool {
        guard let disbursed, disbursed.satang > 0 else { return false }
        return disbursed > (budgetForComparison ?? .zero)
    }
}

/// The parts of a record an officer fills in (everything but the item's identity and the plan's
/// budget, which come from the plan).
public struct MonitoringRecordInput: Hashable, Sendable, Codable {
    public var progress: ItemProgress?
    public var reason: ShortfallReason?
    public var reasonText: String
    public var ordinanceBudget: Money?
    public var committed: Money?
    public var disbursed: Money?
    public var overspendReason: String
    public var startDate: Date?
    public var endDate: Date?
    public var participants: Int?
    /// One per indicator of the record, in the same order: (number, words).
    public var actuals: [IndicatorInput]
    public var narrative: String
    public var problems: String
    public var obstacles: String
    public var suggestions: String

    public struct IndicatorInput: Hashable, Sendable, Codable {
        public var value: Decimal?
        public var text: String

        public init(value: Decimal? = nil, text: String = "") {
            self.value = value
            self.text = text
        }
    }

    public init(
        progress: ItemProgress?, reason: ShortfallReason? = nil, reasonText: String = "", ordinanceBudget: Money? = nil,
        committed: Money? = nil, disbursed: Money? = nil, overspendReason: String = "", startDate: Date? = nil,
        endDate: Date? = nil, participants: Int? = nil, actuals: [IndicatorInput] = [], narrative: String = "",
        problems: String = "", obstacles: String = "", suggestions: String = ""
    ) {
        self.progress = progress
        self.reason = reason
        self.reasonText = reasonText
        self.ordinanceBudget = ordinanceBudget
        self.committed = committed
        self.disbursed = disbursed
        self.overspendReason = overspendReason
        self.startDate = startDate
        self.endDate = endDate
        self.participants = participants
        self.actuals = actuals
        self.narrative = narrative
        self.problems = problems
        self.obstacles = obstacles
        self.suggestions = suggestions
    }

    /// The input that reproduces a record as it is (the form's starting values).
    public init(_ record: MonitoringRecord) {
        self.init(
            progress: record.progress, reason: record.reason, reasonText: record.reasonText,
            ordinanceBudget: record.ordinanceBudget, committed: record.committed, disbursed: record.disbursed,
            overspendReason: record.overspendReason, startDate: record.startDate, endDate: record.endDate,
            participants: record.participants,
            actuals: record.indicators.map { IndicatorInput(value: $0.actualValue, text: $0.actualText) },
            narrative: record.narrative, problems: record.problems, obstacles: record.obstacles, suggestions: record.suggestions)
    }
}

/// รอบการติดตาม — one monitoring round of one plan series for one fiscal year.
public struct MonitoringRound: Identifiable, Hashable, Sendable, Codable {
    public var id: UUID
    public var organizationID: UUID
    /// The plan revision the round was opened on.
    public var planID: UUID
    /// The plan series (all revisions of the plan): at most one round of a kind per year in it.
    public var planSeriesID: UUID
    public var fiscalYear: FiscalYear
    public var kind: MonitoringRoundKind
    public var status: MonitoringRoundStatus
    /// The written reason of the last reopening, if the round was reopened.
    public var reopenReason: String?
    /// Optimistic-concurrency version: grows by one with every saved change.
    public var version: Int
    public var records: [MonitoringRecord]

    public init(
        id: UUID = UUID(), organizationID: UUID, planID: UUID, planSeriesID: UUID, fiscalYear: FiscalYear,
        kind: MonitoringRoundKind, status: MonitoringRoundStatus = .open, reopenReason: String? = nil,
        version: Int = 1, records: [MonitoringRecord] = []
    ) {
        self.id = id
        self.organizationID = organizationID
        self.planID = planID
        self.planSeriesID = planSeriesID
        self.fiscalYear = fiscalYear
        self.kind = kind
        self.status = status
        self.reopenReason = reopenReason
        self.version = version
        self.records = records
    }

    public var isLocked: Bool { status == .approved }

    /// Records nobody has reported on yet.
    public var blankRecords: [MonitoringRecord] { records.filter(\.isBlank) }

    /// The first moment after an item is due: the end of its last planned month in the year, or
    /// the end of the fiscal year when the plan does not schedule it by month.
    public func dueBy(_ record: MonitoringRecord) -> Date {
        MonitoringSchedule.dueBy(months: record.plannedMonths, in: fiscalYear)
    }

    /// The last moment the round reports on as of `today`: the end of the round's period, or
    /// `today` while that is still ahead.
    public func reportedUpTo(today: Date) -> Date {
        let roundEnd = ThaiCalendar.gregorian.date(byAdding: .day, value: 1, to: ThaiCalendar.lastDay(of: kind, in: fiscalYear))!
        return min(today, roundEnd)
    }

    /// ล่าช้า — a record reported as not started or in progress although, in the period the round
    /// reports on as of `today`, its due date (`dueBy`: the end of its planned months, or of the
    /// fiscal year when it has none) has passed. The same dates as `overdueRecords`; a late
    /// record needs a reason.
    public func isLate(_ record: MonitoringRecord, progress: ItemProgress?, today: Date) -> Bool {
        (progress == .notStarted || progress == .inProgress) && dueBy(record) <= reportedUpTo(today: today)
    }

    /// เกินกำหนด — records not completed although the period reported on (up to the round's last
    /// day, or up to `today` while that day is still ahead) has run past the months the plan gave
    /// the item, or past the fiscal year's end when it gave none.
    public func overdueRecords(today: Date) -> [MonitoringRecord] {
        let reportedUpTo = reportedUpTo(today: today)
        return records.filter { $0.progress != .completed && dueBy($0) <= reportedUpTo }
    }

    /// "รอบ 6 เดือน ปีงบประมาณ 2568"
    public var thaiTitle: String { "\(kind.thaiName) ปีงบประมาณ พ.ศ. \(fiscalYear.be)" }
    public var englishTitle: String { "\(kind.englishName), fiscal year \(fiscalYear.be)" }
}

// MARK: - Which items a round covers

public enum MonitoringSchedule {
    /// Whether an item is carried out in a fiscal year of its plan:
    /// - an item with budget entries is due in the years that have one (an amount or "no budget");
    /// - otherwise, when its sheet's period names years ("ปีงบประมาณ พ.ศ. 2566 – 2570"), in those;
    /// - otherwise in every year of the plan (a one-year plan: that year).
    public static func isDue(_ item: PlanItem, in year: FiscalYear, plan: Plan) -> Bool {
        guard plan.fiscalYears.contains(year) else { return false }
        if !item.budgets.isEmpty { return item.budgets[year] != nil }
        if let years = periodYears(item.sheet?.period ?? "") { return years.contains(year.be) }
        return true
    }

    /// The first moment after an item scheduled in `months` is due in a fiscal year: the first
    /// day after its last planned month (October–December fall in the calendar year before the
    /// fiscal year ends), or the end of the fiscal year when it has no months.
    public static func dueBy(months: MonthSchedule?, in fiscalYear: FiscalYear) -> Date {
        guard let last = months?.months.last else { return ThaiCalendar.end(of: fiscalYear) }
        let year = last >= 10 ? fiscalYear.ce - 1 : fiscalYear.ce
        return ThaiCalendar.gregorian.date(from: DateComponents(year: last == 12 ? year + 1 : year, month: last % 12 + 1, day: 1))!
    }

    /// The items of the plan due in a year, in plan order.
    public static func dueItems(of plan: Plan, in year: FiscalYear) -> [PlanItem] {
        plan.orderedItems.filter { isDue($0, in: year, plan: plan) }
    }

    /// Buddhist-Era years named in a period text: "2566 – 2570" → 2566...2570, "พ.ศ. 2568" → 2568.
    /// nil when it names none ("ไตรมาสที่ 1 – 4").
    public static func periodYears(_ text: String) -> ClosedRange<Int>? {
        let arabic = ThaiDigits.toArabic(text)
        guard let regex = try? NSRegularExpression(pattern: "(2[5-6][0-9]{2})(?:\\s*[-–—ถึง]+\\s*(2[5-6][0-9]{2}))?") else { return nil }
        let range = NSRange(arabic.startIndex..., in: arabic)
        guard let match = regex.firstMatch(in: arabic, range: range),
              let firstRange = Range(match.range(at: 1), in: arabic), let first = Int(arabic[firstRange])
        else { return nil }
        var last = first
        if let lastRange = Range(match.range(at: 2), in: arabic), let value = Int(arabic[lastRange]) { last = value }
        return first <= last ? first...last : last...first
    }

    /// A fresh record for an item due in a year.
    public static func record(for item: PlanItem, number: Int, year: FiscalYear, id: UUID = UUID()) -> MonitoringRecord {
        let planned: Money? = switch item.budgets[year] {
        case .amount(let money)?: money
        case .noBudget?, nil: nil
        }
        let indicators = (item.sheet?.outputs ?? []).map { IndicatorActual(kind: .output, target: $0) }
            + (item.sheet?.outcomes ?? []).map { IndicatorActual(kind: .outcome, target: $0) }
        var fresh = MonitoringRecord(
            id: id, itemLineageID: item.lineageID, itemID: item.id, itemNumber: number, itemName: item.name,
            itemKind: item.kind, missionCode: item.missionCode,
            responsibleUnit: item.sheet?.responsible.cleaned.isEmpty == false ? item.sheet!.responsible : item.responsibleUnit,
            plannedPeriod: item.sheet?.period ?? "", plannedSteps: (item.sheet?.method ?? []).map(\.text),
            plannedBudget: planned, indicators: indicators)
        fresh.plannedMonths = item.months.isEmpty ? nil : item.months
        return fresh
    }
}
