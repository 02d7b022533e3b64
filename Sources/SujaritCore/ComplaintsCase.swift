import Foundation

/// A day in Thai time, without time of day — the only time the complaint channel keeps about
/// a reporter ("2568-01-15" is stored, never the hour, which could identify who sent it).
public struct CalendarDay: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    /// Christian-Era year, month 1–12, day 1–31.
    public let year: Int, month: Int, day: Int

    public init(year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// The day a moment falls on in Thai time.
    public init(_ date: Date) {
        let parts = ThaiCalendar.components(of: date)
        self.init(year: parts.year, month: parts.month, day: parts.day)
    }

    /// "2025-01-15".
    public init?(iso: String) {
        let parts = iso.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3, (1...12).contains(parts[1]), (1...31).contains(parts[2]) else { return nil }
        self.init(year: parts[0], month: parts[1], day: parts[2])
    }

    public var iso: String { String(format: "%04d-%02d-%02d", year, month, day) }
    public var description: String { iso }

    public static func < (a: Self, b: Self) -> Bool { (a.year, a.month, a.day) < (b.year, b.month, b.day) }

    var date: Date { ThaiCalendar.gregorian.date(from: DateComponents(year: year, month: month, day: day, hour: 12))! }

    public func adding(days: Int) -> CalendarDay {
        CalendarDay(ThaiCalendar.gregorian.date(byAdding: .day, value: days, to: date)!)
    }

    public func adding(years: Int) -> CalendarDay {
        CalendarDay(ThaiCalendar.gregorian.date(byAdding: .year, value: years, to: date)!)
    }

    /// 1 = Sunday … 7 = Saturday.
    public var weekday: Int { ThaiCalendar.gregorian.component(.weekday, from: date) }
    public var isWeekend: Bool { weekday == 1 || weekday == 7 }

    public var fiscalYear: FiscalYear { ThaiCalendar.fiscalYear(of: date) }

    /// Days from this day to another (negative when the other is earlier).
    public func days(until other: CalendarDay) -> Int {
        ThaiCalendar.gregorian.dateComponents([.day], from: date, to: other.date).day!
    }

    /// "15 มกราคม 2568".
    public func thai(digits: DigitStyle = .arabic) -> String { ThaiCalendar.thaiDate(date, digits: digits) }

    /// "15 January 2025".
    public var english: String {
        let months = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]
        return "\(day) \(months[month - 1]) \(year)"
    }
}

/// ช่องทาง — how a complaint came in.
public enum ComplaintChannel: String, CaseIterable, Sendable, Codable {
    /// the online form
    case online
    /// ยื่นด้วยตนเอง — in person
    case walkIn
    /// จดหมาย
    case letter
    /// โทรศัพท์
    case phone

    public var thaiName: String {
        switch self {
        case .online: "แบบฟอร์มออนไลน์"
        case .walkIn: "ยื่นด้วยตนเอง"
        case .letter: "จดหมาย"
        case .phone: "โทรศัพท์"
        }
    }

    public var englishName: String {
        switch self {
        case .online: "online form"
        case .walkIn: "in person"
        case .letter: "letter"
        case .phone: "telephone"
        }
    }
}

/// Which channel a case belongs to: a corruption complaint (confidential, counted in the
/// published statistics) or a general complaint about services (ร้องทุกข์), handled with the
/// same workflow. A general case can be moved to the corruption channel, never back.
public enum ComplaintKind: String, CaseIterable, Sendable, Codable {
    /// เรื่องร้องเรียนการทุจริตและประพฤติมิชอบ
    case corruption
    /// เรื่องร้องเรียน/ร้องทุกข์ทั่วไป
    case general

    public var thaiName: String {
        switch self {
        case .corruption: "เรื่องร้องเรียนการทุจริต"
        case .general: "เรื่องร้องทุกข์/ร้องเรียนทั่วไป"
        }
    }

    public var englishName: String {
        switch self {
        case .corruption: "Corruption complaints"
        case .general: "General complaints"
        }
    }
}

/// สถานะเรื่องร้องเรียน — where a case is.
public enum ComplaintStatus: String, CaseIterable, Sendable, Codable {
    /// รับเรื่องแล้ว
    case received
    /// แจ้งตอบรับแล้ว
    case acknowledged
    /// อยู่ระหว่างพิจารณาเบื้องต้น
    case screening
    /// อยู่ระหว่างตรวจสอบข้อเท็จจริง
    case investigating
    /// ส่งต่อหน่วยงานกำกับดูแล
    case referred
    /// มีผลการพิจารณาแล้ว
    case concluded
    /// ยุติเรื่อง
    case closed

    public var thaiName: String {
        switch self {
        case .received: "รับเรื่องแล้ว"
        case .acknowledged: "ตอบรับเรื่องแล้ว"
        case .screening: "อยู่ระหว่างพิจารณาเบื้องต้น"
        case .investigating: "อยู่ระหว่างตรวจสอบข้อเท็จจริง"
        case .referred: "ส่งต่อหน่วยงานที่มีอำนาจ"
        case .concluded: "มีผลการพิจารณาแล้ว"
        case .closed: "ยุติเรื่องแล้ว"
        }
    }

    public var englishName: String {
        switch self {
        case .received: "received"
        case .acknowledged: "acknowledged"
        case .screening: "being screened"
        case .investigating: "being investigated"
        case .referred: "referred to the competent body"
        case .concluded: "concluded"
        case .closed: "closed"
        }
    }

    /// Still being handled by the organization (counts as "in progress").
    public var isOpen: Bool { [.received, .acknowledged, .screening, .investigating].contains(self) }
}

/// ผลการพิจารณา
public enum ComplaintOutcome: String, CaseIterable, Sendable, Codable {
    /// มีมูล
    case substantiated
    /// ไม่มีมูล
    case unsubstantiated
    /// หลักฐานไม่เพียงพอ
    case insufficientEvidence

    public var thaiName: String {
        switch self {
        case .substantiated: "มีมูล"
        case .unsubstantiated: "ไม่มีมูล"
        case .insufficientEvidence: "หลักฐานไม่เพียงพอ"
        }
    }

    public var englishName: String {
        switch self {
        case .substantiated: "substantiated"
        case .unsubstantiated: "unsubstantiated"
        case .insufficientEvidence: "insufficient evidence"
        }
    }
}

/// หน่วยงานกำกับดูแล — bodies a case can be referred to.
public enum OversightBody: String, CaseIterable, Sendable, Codable {
    /// ป.ป.ช. — National Anti-Corruption Commission
    case nacc
    /// ป.ป.ท. — Public Sector Anti-Corruption Commission
    case pacc
    /// สตง. — State Audit Office
    case sao
    /// จังหวัด — the province
    case province
    case other

    public var thaiName: String {
        switch self {
        case .nacc: "สำนักงาน ป.ป.ช."
        case .pacc: "สำนักงาน ป.ป.ท."
        case .sao: "สำนักงานการตรวจเงินแผ่นดิน (สตง.)"
        case .province: "จังหวัด"
        case .other: "หน่วยงานอื่น"
        }
    }

    public var englishName: String {
        switch self {
        case .nacc: "NACC (National Anti-Corruption Commission)"
        case .pacc: "PACC (Public Sector Anti-Corruption Commission)"
        case .sao: "State Audit Office"
        case .province: "the province"
        case .other: "another body"
        }
    }
}

/// What the reporter told: sealed as one JSON document in the vault, never stored in the clear.
public struct ComplaintReport: Sendable, Codable, Equatable {
    /// เกิดอะไรขึ้น
    public var what: String
    /// ผู้ถูกร้องเรียน (optional)
    public var who: String
    /// เมื่อไร
    public var when: String
    /// ที่ไหน
    public var whereText: String
    /// จำนวนเงินที่เกี่ยวข้อง (optional, as typed)
    public var amount: String
    /// ช่องทางติดต่อกลับ — empty when the reporter stays anonymous.
    public var contact: String
    public var anonymous: Bool

    public init(what: String, who: String = "", when: String = "", whereText: String = "", amount: String = "",
                contact: String = "", anonymous: Bool = true) {
        self.what = what
        self.who = who
        self.when = when
        self.whereText = whereText
        self.amount = amount
        self.anonymous = anonymous
        self.contact = anonymous ? "" : contact
    }

    public static let maximumFieldLength = 10_000

    /// Problems with what was typed, by field.
    public func problems() -> [String: LocalizedText] {
        var problems: [String: LocalizedText] = [:]
        if what.trimmingCharacters(in: .whitespacesAndNewlines).count < 10 {
            problems["what"] = LocalizedText(th: "กรุณาเล่าเรื่องที่เกิดขึ้นอย่างน้อย 10 ตัวอักษร", en: "Describe what happened (at least 10 characters)")
        }
        for (field, value) in [("what", what), ("who", who), ("when", when), ("where", whereText), ("amount", amount), ("contact", contact)]
        where value.count > Self.maximumFieldLength {
            problems[field] = LocalizedText(th: "ข้อความยาวเกิน \(Self.maximumFieldLength) ตัวอักษร", en: "Longer than \(Self.maximumFieldLength) characters")
        }
        if !anonymous && contact.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            problems["contact"] = LocalizedText(th: "กรุณาระบุช่องทางติดต่อ หรือเลือกไม่เปิดเผยตัวตน", en: "Give a contact, or choose to stay anonymous")
        }
        return problems
    }
}

/// เรื่องร้องเรียนการทุจริต — one corruption complaint, as the workflow sees it. The reporter's
/// words live sealed beside it; this holds only what the workflow needs.
public struct ComplaintCase: Sendable, Equatable, Identifiable {
    public var id: UUID
    public var organizationID: UUID
    public var kind: ComplaintKind
    public var channel: ComplaintChannel
    public var status: ComplaintStatus
    public var referredTo: OversightBody?
    /// The body's name when `referredTo` is `.other` (or a specific office).
    public var referredToName: String
    public var outcome: ComplaintOutcome?
    public var receivedOn: CalendarDay
    /// กำหนดแจ้งผล — the answer is due by this day. Fixed when the case is received, from the
    /// organization's settings of that day: changing the settings later moves no deadline.
    public var dueOn: CalendarDay
    /// กำหนดตอบรับเรื่อง — the case must be acknowledged by this day (fixed like `dueOn`).
    public var acknowledgeBy: CalendarDay
    /// The day the case was closed (retention counts from it).
    public var closedOn: CalendarDay?
    /// เรื่องเกี่ยวกับผู้บริหารท้องถิ่นหรือปลัด — handled past the organization's own officers.
    public var concernsExecutive: Bool
    public var assignedTo: UUID?
    /// Officers who declared a conflict of interest: they cannot see or act on the case.
    public var recused: Set<UUID>
    public var version: Int

    public init(id: UUID = UUID(), organizationID: UUID, kind: ComplaintKind = .corruption, channel: ComplaintChannel = .online,
                status: ComplaintStatus = .received,
                referredTo: OversightBody? = nil, referredToName: String = "", outcome: ComplaintOutcome? = nil,
                receivedOn: CalendarDay, dueOn: CalendarDay, acknowledgeBy: CalendarDay, closedOn: CalendarDay? = nil,
                concernsExecutive: Bool = false,
                assignedTo: UUID? = nil, recused: Set<UUID> = [], version: Int = 1) {
        self.id = id
        self.organizationID = organizationID
        self.kind = kind
        self.channel = channel
        self.status = status
        self.referredTo = referredTo
        self.referredToName = referredToName
        self.outcome = outcome
        self.receivedOn = receivedOn
        self.dueOn = dueOn
        self.acknowledgeBy = acknowledgeBy
        self.closedOn = closedOn
        self.concernsExecutive = concernsExecutive
        self.assignedTo = assignedTo
        self.recused = recused
        self.version = version
    }

    /// A new case received on a day, with both deadlines fixed from the policy in force.
    public static func received(id: UUID, organizationID: UUID, kind: ComplaintKind, channel: ComplaintChannel, on day: CalendarDay,
                                policy: ComplaintDeadlinePolicy, concernsExecutive: Bool) -> ComplaintCase {
        ComplaintCase(id: id, organizationID: organizationID, kind: kind, channel: channel, receivedOn: day,
                      dueOn: policy.due(receivedOn: day), acknowledgeBy: policy.acknowledgeBy(receivedOn: day),
                      concernsExecutive: concernsExecutive)
    }

    /// Past its deadline and not yet answered with a result or a referral.
    public func isOverdue(today: CalendarDay) -> Bool {
        status.isOpen && today > dueOn
    }

    /// What the reporter sees as the status (the referral's body included).
    public var publicStatus: String {
        switch status {
        case .referred: "\(status.thaiName): \(referredToName.isEmpty ? (referredTo?.thaiName ?? "") : referredToName)"
        case .concluded, .closed: outcome.map { "\(status.thaiName) (\($0.thaiName))" } ?? status.thaiName
        default: status.thaiName
        }
    }
}

/// กำหนดเวลา — when a case must be acknowledged and answered: by default within 3 and 15
/// calendar days; an organization can set other numbers or count working days (Saturdays and
/// Sundays skipped).
public struct ComplaintDeadlinePolicy: Sendable, Equatable, Codable {
    public var days: Int
    public var acknowledgeDays: Int
    public var workingDaysOnly: Bool

    public static let dayRange = 1...365

    public init(days: Int = 15, acknowledgeDays: Int = 3, workingDaysOnly: Bool = false) {
        self.days = max(Self.dayRange.lowerBound, min(days, Self.dayRange.upperBound))
        self.acknowledgeDays = max(Self.dayRange.lowerBound, min(acknowledgeDays, self.days))
        self.workingDaysOnly = workingDaysOnly
    }

    public static let standard = ComplaintDeadlinePolicy()

    /// "acknowledge 3, answer 15 calendar days" (for the log).
    public var summary: String {
        "acknowledge \(acknowledgeDays), answer \(days) \(workingDaysOnly ? "working" : "calendar") days"
    }

    /// The day an answer is due.
    public func due(receivedOn day: CalendarDay) -> CalendarDay { adding(days, to: day) }

    /// The day the case must be acknowledged by.
    public func acknowledgeBy(receivedOn day: CalendarDay) -> CalendarDay { adding(acknowledgeDays, to: day) }

    func adding(_ count: Int, to day: CalendarDay) -> CalendarDay {
        guard workingDaysOnly else { return day.adding(days: count) }
        var current = day
        var left = count
        while left > 0 {
            current = current.adding(days: 1)
            if !current.isWeekend { left -= 1 }
        }
        return current
    }

    /// ตั้งค่ากำหนดเวลา — the decision on new settings typed by an officer: whole numbers of days
    /// within 1–365, acknowledgement no later than the answer. Problems by field.
    public static func decide(days: String, acknowledgeDays: String, workingDaysOnly: Bool) -> Result<ComplaintDeadlinePolicy, FieldProblems> {
        var problems: [String: LocalizedText] = [:]
        func number(_ text: String, field: String) -> Int? {
            let cleaned = ThaiDigits.toArabic(text.trimmingCharacters(in: .whitespaces))
            guard let value = Int(cleaned), dayRange.contains(value) else {
                problems[field] = LocalizedText(th: "ต้องเป็นจำนวนวัน 1–365", en: "Must be a number of days from 1 to 365")
                return nil
            }
            return value
        }
        let answer = number(days, field: "days")
        let acknowledge = number(acknowledgeDays, field: "acknowledgeDays")
        if let answer, let acknowledge, acknowledge > answer {
            problems["acknowledgeDays"] = LocalizedText(th: "กำหนดตอบรับเรื่องต้องไม่เกินกำหนดแจ้งผล (\(answer) วัน)",
                                                         en: "Acknowledgement cannot be due after the answer (\(answer) days)")
        }
        guard problems.isEmpty, let answer, let acknowledge else { return .failure(FieldProblems(problems)) }
        return .success(ComplaintDeadlinePolicy(days: answer, acknowledgeDays: acknowledge, workingDaysOnly: workingDaysOnly))
    }
}

/// Problems with typed values, by field name.
public struct FieldProblems: Error, Equatable, Sendable {
    public var byField: [String: LocalizedText]
    public init(_ byField: [String: LocalizedText]) { self.byField = byField }
}

/// การแจ้งเตือนเรื่องที่เกินกำหนด — what an officer must be reminded of.
public struct ComplaintReminder: Sendable, Equatable {
    public enum Kind: String, Sendable, CaseIterable {
        /// received and not yet acknowledged past the acknowledgement day
        case acknowledgementOverdue
        /// still open past the answer day
        case answerOverdue
        /// open and due within the next two days
        case dueSoon

        public var thaiName: String {
            switch self {
            case .acknowledgementOverdue: "ยังไม่ตอบรับเรื่อง เกินกำหนด"
            case .answerOverdue: "เกินกำหนดแจ้งผล"
            case .dueSoon: "ใกล้ครบกำหนดแจ้งผล"
            }
        }

        public var englishName: String {
            switch self {
            case .acknowledgementOverdue: "not acknowledged, overdue"
            case .answerOverdue: "answer overdue"
            case .dueSoon: "answer due soon"
            }
        }
    }

    public var caseID: UUID
    public var kind: Kind
    public var dueOn: CalendarDay
    /// Days past the due day (0 or negative for `dueSoon`).
    public var daysLate: Int

    /// The reminders for a set of cases on a day, most late first. A case gets at most one:
    /// an answer overdue outranks an acknowledgement overdue, which outranks due soon. The
    /// deadlines are the ones stored on each case.
    public static func list(_ cases: [ComplaintCase], today: CalendarDay, soonDays: Int = 2) -> [ComplaintReminder] {
        cases.compactMap { complaint -> ComplaintReminder? in
            guard complaint.status.isOpen else { return nil }
            if today > complaint.dueOn {
                return ComplaintReminder(caseID: complaint.id, kind: .answerOverdue, dueOn: complaint.dueOn,
                                         daysLate: complaint.dueOn.days(until: today))
            }
            let acknowledgeBy = complaint.acknowledgeBy
            if complaint.status == .received, today > acknowledgeBy {
                return ComplaintReminder(caseID: complaint.id, kind: .acknowledgementOverdue, dueOn: acknowledgeBy,
                                         daysLate: acknowledgeBy.days(until: today))
            }
            if complaint.dueOn.days(until: today) >= -soonDays {
                return ComplaintReminder(caseID: complaint.id, kind: .dueSoon, dueOn: complaint.dueOn,
                                         daysLate: complaint.dueOn.days(until: today))
            }
            return nil
        }.sorted { ($0.daysLate, $0.caseID.uuidString) > ($1.daysLate, $1.caseID.uuidString) }
    }
}

/// ระยะเวลาเก็บรักษา — how long a closed case is kept before it is deleted with its messages
/// and evidence files: 10 years after closure by default, at least 1. The default follows the
/// ten years the Prime Minister's Office rules on correspondence (ระเบียบสำนักนายกรัฐมนตรีว่าด้วย
/// งานสารบรรณ) give as the usual keeping period for documents; it has not been checked by a
/// lawyer for complaint files, so each organization must confirm its period (and choose it with
/// `sujarit complaints retention --years`). Nothing is deleted without `--apply`.
public struct ComplaintRetention: Sendable, Equatable {
    public var yearsAfterClosure: Int

    public init(yearsAfterClosure: Int = 10) { self.yearsAfterClosure = max(1, yearsAfterClosure) }

    /// Cases closed before this day are past retention.
    public func cutoff(today: CalendarDay) -> CalendarDay { today.adding(years: -yearsAfterClosure) }
}

/// What a message on a case is.
public enum ComplaintMessageKind: String, CaseIterable, Sendable, Codable {
    /// ข้อมูลเพิ่มเติมจากผู้ร้องเรียน — from the reporter (tracking page) or recorded by an officer
    case reporter
    /// คำตอบถึงผู้ร้องเรียน — the reporter reads it on the tracking page
    case reply
    /// บันทึกภายใน — officers only
    case note

    /// Whether the reporter sees it.
    public var isVisibleToReporter: Bool { self != .note }
}
