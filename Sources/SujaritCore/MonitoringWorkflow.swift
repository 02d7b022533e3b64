import Foundation

/// บันทึกการใช้งานของรอบการติดตาม — what the audit log records for a round.
public enum MonitoringAuditAction: String, CaseIterable, Sendable, Codable {
    case open = "round.open"
    case editRecord = "round.record.edit"
    case submit = "round.submit"
    case returnToOpen = "round.return"
    case approve = "round.approve"
    case reopen = "round.reopen"
    case attachEvidence = "round.evidence.attach"
    case removeEvidence = "round.evidence.remove"

    /// The same action in the installation's one list of audit actions.
    public var auditAction: AuditAction { AuditAction(rawValue: rawValue)! }

    /// The words of the round's history.
    public var label: LocalizedText {
        switch self {
        case .open: LocalizedText(th: "เปิดรอบการติดตาม", en: "opened the round")
        case .editRecord: LocalizedText(th: "บันทึกผล", en: "reported on an item")
        case .submit: LocalizedText(th: "เสนออนุมัติผลการติดตาม", en: "submitted the round")
        case .returnToOpen: LocalizedText(th: "ส่งกลับแก้ไข", en: "sent the round back")
        case .approve: LocalizedText(th: "อนุมัติและล็อกรอบ", en: "approved and locked the round")
        case .reopen: LocalizedText(th: "เปิดรอบอีกครั้ง", en: "reopened the round")
        case .attachEvidence: LocalizedText(th: "แนบหลักฐาน", en: "attached evidence")
        case .removeEvidence: LocalizedText(th: "ลบหลักฐาน", en: "removed evidence")
        }
    }
}

/// Who asks, as far as a round cares: their role in the round's organization.
public enum MonitoringRole: Int, Sendable, Comparable, CaseIterable {
    /// ผู้อ่าน
    case viewer
    /// ผู้จัดทำ — fills and submits rounds.
    case editor
    /// ผู้ดูแล/ผู้บริหาร — approves, returns and reopens.
    case admin

    public static func < (a: Self, b: Self) -> Bool { a.rawValue < b.rawValue }
}

/// A warning that does not stop the command (when its condition is answered).
public enum MonitoringFindingCode: String, Sendable, Codable, CaseIterable {
    /// เบิกจ่ายเกินงบประมาณ — allowed with a written reason.
    case disbursedOverBudget
    /// Committed more than the budget.
    case committedOverBudget
}

public struct MonitoringFinding: Hashable, Sendable, Codable {
    public var code: MonitoringFindingCode
    public var field: String
    public var message: LocalizedText

    public init(code: MonitoringFindingCode, field: String, message: LocalizedText) {
        self.code = code
        self.field = field
        self.message = message
    }
}

/// Why a round command was refused: the field and a Thai/English message, and what kind of
/// refusal it is (so that pages and the API answer 422, 409, 403 or 404).
public struct MonitoringError: Error, Equatable, Sendable {
    public enum Kind: Sendable, Equatable {
        /// Bad input: fix the field.
        case invalid
        /// Not in this state (a locked round, a draft plan, a duplicate round).
        case notAllowed
        /// Someone else changed the round first.
        case conflict
        /// The role is not enough.
        case forbidden
        /// The record is not in the round.
        case notFound
    }

    public var kind: Kind
    public var field: String
    public var message: LocalizedText
    /// Further errors of the same command, each at its field (all the problems of one form).
    public var more: [MonitoringError.FieldProblem]

    public struct FieldProblem: Equatable, Sendable {
        public var field: String
        public var message: LocalizedText
        public init(field: String, message: LocalizedText) {
            self.field = field
            self.message = message
        }
    }

    public init(_ kind: Kind, field: String, _ message: LocalizedText, more: [FieldProblem] = []) {
        self.kind = kind
        self.field = field
        self.message = message
        self.more = more
    }

    /// Every problem, the first one included.
    public var problems: [FieldProblem] { [FieldProblem(field: field, message: message)] + more }
}

/// A command on a monitoring round: the one way a round changes.
public enum MonitoringCommand: Sendable, Equatable {
    /// เปิดรอบ — a new round of `kind` for `year` on a plan revision.
    case open(year: FiscalYear, kind: MonitoringRoundKind)
    /// บันทึกผล — fill one record.
    case editRecord(recordID: UUID, MonitoringRecordInput)
    /// เสนออนุมัติ
    case submit
    /// ส่งกลับแก้ไข — an admin sends a submitted round back to be filled.
    case returnToOpen(reason: String)
    /// อนุมัติ — the round is locked.
    case approve
    /// เปิดรอบใหม่อีกครั้ง — an approved round opened again, with a written reason.
    case reopen(reason: String)
    /// แนบหลักฐาน — add an evidence file to a record.
    case attachEvidence(recordID: UUID, EvidenceUpload)
    /// ลบหลักฐาน
    case removeEvidence(recordID: UUID, evidenceID: UUID)

    public var auditAction: MonitoringAuditAction {
        switch self {
        case .open: .open
        case .editRecord: .editRecord
        case .submit: .submit
        case .returnToOpen: .returnToOpen
        case .approve: .approve
        case .reopen: .reopen
        case .attachEvidence: .attachEvidence
        case .removeEvidence: .removeEvidence
        }
    }
}

/// What a command decided: the round as it is to be stored, the audit record, and warnings.
public struct MonitoringDecision: Sendable, Equatable {
    public var round: MonitoringRound
    /// The records to write (all of them when a round is opened; the edited one otherwise;
    /// none for a status change).
    public var changedRecordIDs: [UUID]
    public var audit: MonitoringAuditAction
    public var auditDetail: String
    public var warnings: [MonitoringFinding]
}

/// What the decision needs to know besides the round.
public struct MonitoringContext: Sendable {
    /// The plan revision the command concerns (the round's, or the one a round opens on).
    public var plan: Plan
    /// The plan series's id.
    public var planSeriesID: UUID
    /// The series's other rounds (for duplicates and for the 12-month round's starting values).
    public var existingRounds: [MonitoringRound]
    public var role: MonitoringRole?
    /// Ids for a new round and its records (injectable for tests).
    public var makeID: @Sendable () -> UUID

    public init(plan: Plan, planSeriesID: UUID, existingRounds: [MonitoringRound], role: MonitoringRole?,
                makeID: @escaping @Sendable () -> UUID = { UUID() }) {
        self.plan = plan
        self.planSeriesID = planSeriesID
        self.existingRounds = existingRounds
        self.role = role
        self.makeID = makeID
    }
}

/// The rules of monitoring rounds as one pure function: who may, in which state, which version,
/// within which limits. Storage writes exactly what it returns, with its audit record.
public enum MonitoringWorkflow {
    /// The longest text kept in one field of a record.
    public static let maximumText = 10_000
    public static let maximumParticipants = 10_000_000

    public static func decide(_ command: MonitoringCommand, round: MonitoringRound?, expectedVersion: Int?,
                              context: MonitoringContext) throws(MonitoringError) -> MonitoringDecision {
        let needed: MonitoringRole = switch command {
        case .open, .editRecord, .submit, .attachEvidence, .removeEvidence: .editor
        case .approve, .returnToOpen, .reopen: .admin
        }
        guard let role = context.role, role >= needed else {
            throw MonitoringError(.forbidden, field: "role", LocalizedText(
                th: needed == .admin ? "ต้องเป็นผู้ดูแล/ผู้บริหารขององค์กรจึงจะทำรายการนี้ได้" : "ต้องเป็นผู้จัดทำหรือผู้ดูแลขององค์กรจึงจะทำรายการนี้ได้",
                en: needed == .admin ? "Only the organization's admin may do this" : "Only the organization's editors and admins may do this"))
        }
        if case .open(let year, let kind) = command {
            return try open(year: year, kind: kind, context: context)
        }
        guard var round else {
            throw MonitoringError(.notFound, field: "round", LocalizedText(th: "ไม่พบรอบการติดตามนี้", en: "No such monitoring round"))
        }
        if let expectedVersion, expectedVersion != round.version {
            throw MonitoringError(.conflict, field: "version", LocalizedText(
                th: "มีผู้อื่นบันทึกรอบการติดตามนี้ก่อนแล้ว (ฉบับแก้ไขที่ \(round.version)) กรุณาโหลดใหม่แล้วทำอีกครั้ง",
                en: "Someone else changed this round first (version \(round.version)); reload and try again"))
        }
        let before = round.status
        switch command {
        case .open:
            preconditionFailure("handled above")
        case .editRecord(let recordID, let input):
            try requireOpen(round)
            guard let index = round.records.firstIndex(where: { $0.id == recordID }) else { throw recordNotFound }
            let (record, warnings) = try apply(input, to: round.records[index], round: round)
            round.records[index] = record
            round.version += 1
            return MonitoringDecision(round: round, changedRecordIDs: [recordID], audit: .editRecord,
                                      auditDetail: "\(record.itemNumber). \(record.itemName)" + (record.progress.map { " · \($0.rawValue)" } ?? ""),
                                      warnings: warnings)
        case .attachEvidence(let recordID, let upload):
            try requireOpen(round)
            guard let index = round.records.firstIndex(where: { $0.id == recordID }) else { throw recordNotFound }
            let file = try Self.evidence(for: upload, on: round.records[index])
            round.records[index].evidence.append(file)
            round.version += 1
            let record = round.records[index]
            return MonitoringDecision(round: round, changedRecordIDs: [recordID], audit: .attachEvidence,
                                      auditDetail: "\(record.itemNumber). \(record.itemName) · \(file.fileName) · \(file.sha256)", warnings: [])
        case .removeEvidence(let recordID, let evidenceID):
            try requireOpen(round)
            guard let index = round.records.firstIndex(where: { $0.id == recordID }) else { throw recordNotFound }
            guard let position = round.records[index].evidence.firstIndex(where: { $0.id == evidenceID }) else {
                throw MonitoringError(.notFound, field: "evidence", LocalizedText(th: "ไม่พบไฟล์หลักฐานนี้", en: "No such evidence file"))
            }
            let removed = round.records[index].evidence.remove(at: position)
            round.version += 1
            let record = round.records[index]
            return MonitoringDecision(round: round, changedRecordIDs: [recordID], audit: .removeEvidence,
                                      auditDetail: "\(record.itemNumber). \(record.itemName) · \(removed.fileName) · \(removed.sha256)", warnings: [])
        case .submit:
            try requireOpen(round)
            try requireNoBlanks(round, verb: LocalizedText(th: "เสนออนุมัติ", en: "submit"))
            round.status = .submitted
        case .approve:
            guard round.status == .submitted || round.status == .open else {
                throw MonitoringError(.notAllowed, field: "status", LocalizedText(
                    th: "รอบนี้อนุมัติแล้ว", en: "This round is approved already"))
            }
            try requireNoBlanks(round, verb: LocalizedText(th: "อนุมัติ", en: "approve"))
            round.status = .approved
        case .returnToOpen(let reason):
            guard round.status == .submitted else {
                throw MonitoringError(.notAllowed, field: "status", LocalizedText(
                    th: "ส่งกลับแก้ไขได้เฉพาะรอบที่เสนออนุมัติแล้ว", en: "Only a submitted round can be sent back"))
            }
            round.status = .open
            round.reopenReason = reason.cleaned.isEmpty ? nil : String(reason.cleaned.prefix(maximumText))
        case .reopen(let reason):
            guard round.status == .approved else {
                throw MonitoringError(.notAllowed, field: "status", LocalizedText(
                    th: "เปิดใหม่ได้เฉพาะรอบที่อนุมัติแล้ว", en: "Only an approved round can be reopened"))
            }
            let text = reason.cleaned
            guard !text.isEmpty else {
                throw MonitoringError(.invalid, field: "reason", LocalizedText(
                    th: "กรุณาระบุเหตุผลที่ต้องเปิดรอบที่อนุมัติแล้วอีกครั้ง", en: "Give the reason for reopening an approved round"))
            }
            guard text.count <= maximumText else { throw tooLong("reason") }
            round.status = .open
            round.reopenReason = text
        }
        round.version += 1
        var detail = "\(before.rawValue) → \(round.status.rawValue)"
        switch command {
        case .reopen(let reason), .returnToOpen(let reason):
            if !reason.cleaned.isEmpty { detail += " · เหตุผล: " + String(reason.cleaned.prefix(2_000)) }
        default: break
        }
        return MonitoringDecision(round: round, changedRecordIDs: [], audit: command.auditAction, auditDetail: detail, warnings: [])
    }

    // MARK: Opening

    static func open(year: FiscalYear, kind: MonitoringRoundKind, context: MonitoringContext) throws(MonitoringError) -> MonitoringDecision {
        let plan = context.plan
        guard plan.status == .published || plan.status == .approved else {
            throw MonitoringError(.notAllowed, field: "plan", LocalizedText(
                th: "แผนฉบับนี้อยู่ในสถานะ “\(plan.status.thaiName)” เปิดรอบการติดตามได้เฉพาะแผนที่อนุมัติหรือเผยแพร่แล้ว",
                en: "This plan is \(plan.status.englishName.lowercased()); rounds are opened on approved or published plans only"))
        }
        guard plan.fiscalYears.contains(year) else {
            throw MonitoringError(.invalid, field: "fiscalYear", LocalizedText(
                th: "ปีงบประมาณ \(year.be) อยู่นอกช่วงปีของแผน (\(ThaiCalendar.yearRange(plan.firstYear, plan.lastYear)))",
                en: "Fiscal year \(year.be) is outside the plan's years (\(plan.firstYear.be)–\(plan.lastYear.be))"))
        }
        if context.existingRounds.contains(where: { $0.fiscalYear == year && $0.kind == kind }) {
            throw MonitoringError(.notAllowed, field: "kind", LocalizedText(
                th: "มี\(kind.thaiName) ปีงบประมาณ \(year.be) ของแผนนี้อยู่แล้ว", en: "This plan already has a \(kind.englishName) for \(year.be)"))
        }
        let numbers = plan.itemNumbers
        let earlier = kind == .twelveMonths
            ? context.existingRounds.first { $0.fiscalYear == year && $0.kind == .sixMonths } : nil
        let earlierByLineage = Dictionary((earlier?.records ?? []).map { ($0.itemLineageID, $0) }, uniquingKeysWith: { a, _ in a })
        let records = MonitoringSchedule.dueItems(of: plan, in: year).map { item -> MonitoringRecord in
            var record = MonitoringSchedule.record(for: item, number: numbers[item.id] ?? item.order, year: year, id: context.makeID())
            // The 12-month round starts from what the 6-month round reported.
            if let previous = earlierByLineage[item.lineageID] {
                record = carriedOver(previous, into: record)
            }
            return record
        }.sorted { $0.itemNumber < $1.itemNumber }
        let round = MonitoringRound(
            id: context.makeID(), organizationID: plan.organizationID, planID: plan.id, planSeriesID: context.planSeriesID,
            fiscalYear: year, kind: kind, status: .open, version: 1, records: records)
        return MonitoringDecision(
            round: round, changedRecordIDs: records.map(\.id), audit: .open,
            auditDetail: "\(kind.rawValue) \(year.be) · \(records.count) รายการ" + (earlier != nil ? " · เริ่มจากรอบ 6 เดือน" : ""),
            warnings: [])
    }

    /// A new record filled with an earlier round's values (the plan's budget and targets stay the
    /// new revision's; actuals are matched by target text, then by position).
    static func carriedOver(_ previous: MonitoringRecord, into record: MonitoringRecord) -> MonitoringRecord {
        var record = record
        record.progress = previous.progress
        record.reason = previous.reason
        record.reasonText = previous.reasonText
        record.ordinanceBudget = previous.ordinanceBudget
        record.committed = previous.committed
        record.disbursed = previous.disbursed
        record.overspendReason = previous.overspendReason
        record.startDate = previous.startDate
        record.endDate = previous.endDate
        record.participants = previous.participants
        record.narrative = previous.narrative
        record.problems = previous.problems
        record.obstacles = previous.obstacles
        record.suggestions = previous.suggestions
        record.evidence = previous.evidence
        for index in record.indicators.indices {
            let match = previous.indicators.first { $0.kind == record.indicators[index].kind && $0.target == record.indicators[index].target }
                ?? (index < previous.indicators.count && previous.indicators[index].kind == record.indicators[index].kind ? previous.indicators[index] : nil)
            if let match {
                record.indicators[index].actualValue = match.actualValue
                record.indicators[index].actualText = match.actualText
            }
        }
        return record
    }

    // MARK: Records

    static func requireOpen(_ round: MonitoringRound) throws(MonitoringError) {
        switch round.status {
        case .open: return
        case .submitted:
            throw MonitoringError(.notAllowed, field: "status", LocalizedText(
                th: "รอบนี้เสนออนุมัติแล้ว แก้ไขไม่ได้ ผู้ดูแลต้องส่งกลับแก้ไขก่อน",
                en: "This round has been submitted and cannot be changed; the admin must send it back first"))
        case .approved:
            throw MonitoringError(.notAllowed, field: "status", LocalizedText(
                th: "รอบนี้อนุมัติแล้วและถูกล็อก แก้ไขไม่ได้ ผู้ดูแลต้องเปิดรอบใหม่พร้อมระบุเหตุผลก่อน",
                en: "This round is approved and locked; the admin must reopen it, with a reason, first"))
        }
    }

    static func requireNoBlanks(_ round: MonitoringRound, verb: LocalizedText) throws(MonitoringError) {
        let blanks = round.blankRecords
        guard blanks.isEmpty else {
            let list = blanks.map { "\($0.itemNumber). \($0.itemName)" }
            throw MonitoringError(.invalid, field: "records", LocalizedText(
                th: "ยัง\(verb.th)ไม่ได้: มี \(blanks.count) รายการที่ยังไม่ได้รายงานผล — " + list.joined(separator: "; "),
                en: "Cannot \(verb.en) yet: \(blanks.count) item(s) have no report — " + list.joined(separator: "; ")),
                more: blanks.map { .init(field: "records[\($0.id.uuidString.lowercased())]", message: LocalizedText(
                    th: "ยังไม่ได้รายงานผล: \($0.itemNumber). \($0.itemName)", en: "No report yet: \($0.itemNumber). \($0.itemName)")) })
        }
    }

    static let recordNotFound = MonitoringError(.notFound, field: "record", LocalizedText(
        th: "ไม่พบรายการนี้ในรอบการติดตาม", en: "No such record in this round"))

    static func tooLong(_ field: String) -> MonitoringError {
        MonitoringError(.invalid, field: field, LocalizedText(
            th: "ข้อความยาวเกิน \(maximumText) ตัวอักษร", en: "The text is longer than \(maximumText) characters"))
    }

    /// Checks a record's input and applies it. Every problem is reported at its field at once.
    static func apply(_ input: MonitoringRecordInput, to record: MonitoringRecord,
                      round: MonitoringRound) throws(MonitoringError) -> (MonitoringRecord, [MonitoringFinding]) {
        var problems: [MonitoringError.FieldProblem] = []
        var warnings: [MonitoringFinding] = []
        func problem(_ field: String, _ th: String, _ en: String) {
            problems.append(.init(field: field, message: LocalizedText(th: th, en: en)))
        }
        // Status and reason.
        let lateInYearEnd = round.kind == .twelveMonths && (input.progress == .notStarted || input.progress == .inProgress)
        if input.progress == .notCarriedOut || lateInYearEnd {
            if input.reason == nil {
                problem("reason",
                        input.progress == .notCarriedOut ? "กรุณาเลือกเหตุผลที่ไม่สามารถดำเนินการได้" : "สิ้นปีงบประมาณแล้วยังไม่แล้วเสร็จ กรุณาเลือกเหตุผลที่ล่าช้า",
                        input.progress == .notCarriedOut ? "Choose why the item could not be carried out" : "The year is over and the item is not finished: choose why it is late")
            }
        }
        if input.reason == .other && input.reasonText.cleaned.isEmpty {
            problem("reasonText", "เลือก “อื่น ๆ” แล้ว กรุณาระบุเหตุผล", "“Other” was chosen: write the reason")
        }
        // Money: never negative, never above the limit.
        let amounts: [(String, Money?)] = [("ordinanceBudget", input.ordinanceBudget), ("committed", input.committed), ("disbursed", input.disbursed)]
        for (field, amount) in amounts {
            guard let amount else { continue }
            if amount.isNegative { problems.append(.init(field: field, message: Money.ParseError.negative.message)) }
            if amount > Money.maximum { problems.append(.init(field: field, message: Money.ParseError.tooLarge.message)) }
        }
        let budget = input.ordinanceBudget ?? record.plannedBudget ?? .zero
        if let disbursed = input.disbursed, disbursed.satang > 0, disbursed > budget {
            let finding = MonitoringFinding(code: .disbursedOverBudget, field: "disbursed", message: LocalizedText(
                th: "เบิกจ่าย \(disbursed.formatted()) บาท เกินงบประมาณ \(budget.formatted()) บาท",
                en: "Disbursed \(disbursed.formatted()) baht is more than the budget of \(budget.formatted()) baht"))
            if input.overspendReason.cleaned.isEmpty {
                problem("overspendReason", finding.message.th + " กรุณาระบุเหตุผล", finding.message.en + "; give the reason")
            } else {
                warnings.append(finding)
            }
        }
        if let committed = input.committed, committed.satang > 0, committed > budget {
            warnings.append(MonitoringFinding(code: .committedOverBudget, field: "committed", message: LocalizedText(
                th: "ก่อหนี้ผูกพัน \(committed.formatted()) บาท เกินงบประมาณ \(budget.formatted()) บาท",
                en: "Committed \(committed.formatted()) baht is more than the budget of \(budget.formatted()) baht")))
        }
        // Dates within the fiscal year, in order.
        let yearStart = ThaiCalendar.start(of: round.fiscalYear), yearEnd = ThaiCalendar.end(of: round.fiscalYear)
        for (field, date) in [("startDate", input.startDate), ("endDate", input.endDate)] {
            if let date, date < yearStart || date >= yearEnd {
                problem(field, "วันที่ต้องอยู่ในปีงบประมาณ \(round.fiscalYear.be) (1 ต.ค. \(round.fiscalYear.be - 1) – 30 ก.ย. \(round.fiscalYear.be))",
                        "The date must be within fiscal year \(round.fiscalYear.be)")
            }
        }
        if let start = input.startDate, let end = input.endDate, end < start {
            problem("endDate", "วันที่สิ้นสุดต้องไม่ก่อนวันที่เริ่ม", "The last day must not be before the first day")
        }
        if let participants = input.participants, participants < 0 || participants > maximumParticipants {
            problem("participants", "จำนวนผู้เข้าร่วมต้องเป็นจำนวนเต็มตั้งแต่ 0 ถึง \(maximumParticipants)",
                    "Participants must be a whole number from 0 to \(maximumParticipants)")
        }
        // Indicators: one input per indicator; percentages 0–100; no negative numbers.
        if input.actuals.count > record.indicators.count {
            problem("actuals", "จำนวนผลที่ส่งมามากกว่าตัวชี้วัดของรายการ", "More actual values than the item has indicators")
        }
        for (index, actual) in input.actuals.enumerated() where index < record.indicators.count {
            guard let value = actual.value else { continue }
            if value < 0 {
                problem("actual-\(index)", "ค่าที่ได้ต้องไม่ติดลบ", "The actual value must not be negative")
            } else if record.indicators[index].measure?.isPercentage == true && value > 100 {
                problem("actual-\(index)", "ร้อยละต้องไม่เกิน 100", "A percentage cannot exceed 100")
            }
        }
        let texts: [(String, String)] = [("reasonText", input.reasonText), ("overspendReason", input.overspendReason),
                                         ("narrative", input.narrative), ("problems", input.problems),
                                         ("obstacles", input.obstacles), ("suggestions", input.suggestions)]
            + input.actuals.enumerated().map { ("actualText-\($0.offset)", $0.element.text) }
        for (field, text) in texts where text.count > maximumText {
            problems.append(.init(field: field, message: tooLong(field).message))
        }
        if let first = problems.first {
            throw MonitoringError(.invalid, field: first.field, first.message, more: Array(problems.dropFirst()))
        }
        var record = record
        record.progress = input.progress
        record.reason = (input.progress == .notCarriedOut || lateInYearEnd || input.reason != nil) ? input.reason : nil
        record.reasonText = input.reasonText.cleaned
        record.ordinanceBudget = input.ordinanceBudget
        record.committed = input.committed
        record.disbursed = input.disbursed
        record.overspendReason = input.overspendReason.cleaned
        record.startDate = input.startDate
        record.endDate = input.endDate
        record.participants = input.participants
        for index in record.indicators.indices {
            let actual = index < input.actuals.count ? input.actuals[index] : MonitoringRecordInput.IndicatorInput()
            record.indicators[index].actualValue = actual.value
            record.indicators[index].actualText = actual.text.cleaned
        }
        record.narrative = input.narrative.cleaned
        record.problems = input.problems.cleaned
        record.obstacles = input.obstacles.cleaned
        record.suggestions = input.suggestions.cleaned
        return (record, warnings)
    }
}
