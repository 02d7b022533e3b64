import Foundation

// Monitoring rounds on the one write path (`Workflow.swift`): a `MonitoringCommand`, who acts
// (`ActingUser`, with their `OrganizationRole`) and the state as read (`MonitoringState`) go to
// one pure decision, `MonitoringWorkflow.decide`, which returns a `Decision<RoundChange>` — the
// round as it is to be stored and its `AuditEvent` — or throws a `CommandRefusal`.
// `MonitoringStore.apply` writes both in one transaction.

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

/// ผลตามเอกสารรายงาน — what a results document (seed 002's layout) says of one item: its steps,
/// period, output and outcome as written. A round opened from such a document fills each
/// matched record from it (`MonitoringWorkflow.filledInput`).
public struct ReportedResult: Hashable, Sendable, Codable {
    public var steps: [String]
    public var period: String
    public var output: String
    public var outcome: String
    /// Where the row stands in the document ("row 3, line 12"), for the audit record and messages.
    public var source: String
    /// What the row says of the item's status (`stated(output:outcome:)`), unless given.
    public var progress: ItemProgress

    public init(steps: [String], period: String, output: String, outcome: String, source: String, progress: ItemProgress? = nil) {
        self.steps = steps
        self.period = period
        self.output = output
        self.outcome = outcome
        self.source = source
        self.progress = progress ?? Self.stated(output: output, outcome: outcome)
    }

    /// The status a row's result columns state:
    /// - "ยังไม่ได้ดำเนินการ", "ยังไม่ดำเนินการ", "ยังไม่เริ่ม" → not started;
    /// - "ไม่ได้ดำเนินการ", "ไม่สามารถดำเนินการ(ได้)" → not carried out;
    /// - "อยู่ระหว่างดำเนินการ", "กำลังดำเนินการ" → in progress;
    /// - any other result written ("ดำเนินการแล้ว", "แล้วเสร็จ", a figure) → completed;
    /// - no output and no outcome written (blank, or a lone "-") → not started.
    /// The words are looked for in that order, so "ยังไม่ได้ดำเนินการ" is not read as "ไม่ได้ดำเนินการ".
    public static func stated(output: String, outcome: String) -> ItemProgress {
        let texts = [output, outcome].map { $0.cleaned }.filter { !$0.isEmpty && $0 != "-" && $0 != "–" }
        guard !texts.isEmpty else { return .notStarted }
        let text = texts.joined(separator: " ").replacingOccurrences(of: " ", with: "")
        if ["ยังไม่ได้ดำเนินการ", "ยังไม่ดำเนินการ", "ยังไม่เริ่ม", "ยังไม่ได้เริ่ม"].contains(where: text.contains) { return .notStarted }
        if ["ไม่ได้ดำเนินการ", "ไม่สามารถดำเนินการ"].contains(where: text.contains) { return .notCarriedOut }
        if ["อยู่ระหว่างดำเนินการ", "อยู่ระหว่างการดำเนินการ", "กำลังดำเนินการ", "ดำเนินการบางส่วน"].contains(where: text.contains) { return .inProgress }
        return .completed
    }
}

/// A command on a monitoring round: the one way a round changes.
public enum MonitoringCommand: Sendable, Equatable {
    /// เปิดรอบ — a new round of `kind` for `year` on a plan revision.
    case open(year: FiscalYear, kind: MonitoringRoundKind)
    /// เปิดรอบจากเอกสารรายงานผล — a new round whose records are filled from a results document:
    /// `results` by item lineage (the rows an officer matched), each with the status its row
    /// states (`ReportedResult.progress`), or all with `progress` when the officer chose one.
    case openFromResults(year: FiscalYear, kind: MonitoringRoundKind, results: [UUID: ReportedResult],
                         progress: ItemProgress?, fileName: String)
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
    /// เผยแพร่หลักฐาน — the admin shows an evidence file to the public once the round is approved
    /// (`true`), or keeps it to members (`false`, the default of every file).
    case setEvidencePublic(recordID: UUID, evidenceID: UUID, Bool)

    public var auditAction: AuditAction {
        switch self {
        case .open: .roundOpen
        case .openFromResults: .roundImport
        case .editRecord: .roundRecordEdit
        case .submit: .roundSubmit
        case .returnToOpen: .roundReturn
        case .approve: .roundApprove
        case .reopen: .roundReopen
        case .attachEvidence: .roundEvidenceAttach
        case .removeEvidence: .roundEvidenceRemove
        case .setEvidencePublic(_, _, let shown): shown ? .roundEvidencePublish : .roundEvidenceWithdraw
        }
    }

    /// The role a command needs in the round's organization.
    public var requiredRole: OrganizationRole {
        switch self {
        case .open, .openFromResults, .editRecord, .submit, .attachEvidence, .removeEvidence: .editor
        case .approve, .returnToOpen, .reopen, .setEvidencePublic: .admin
        }
    }
}

/// What a round command is decided on: the plan revision it concerns, its series, the round
/// itself (nil when one is opened), the series's rounds, and the organization's setting.
public struct MonitoringState: Sendable {
    public var organizationID: UUID
    /// The plan revision the command concerns (the round's, or the one a round opens on).
    public var plan: Plan
    public var planSeriesID: UUID
    /// The round the command concerns; nil for `open`/`openFromResults`.
    public var round: MonitoringRound?
    /// The series's rounds (for duplicates and for a new round's starting values).
    public var existingRounds: [MonitoringRound]
    /// Whether the organization reports quarterly too (`MonitoringSettings`).
    public var quarterlyRounds: Bool

    public init(organizationID: UUID, plan: Plan, planSeriesID: UUID, round: MonitoringRound? = nil,
                existingRounds: [MonitoringRound] = [], quarterlyRounds: Bool = false) {
        self.organizationID = organizationID
        self.plan = plan
        self.planSeriesID = planSeriesID
        self.round = round
        self.existingRounds = existingRounds
        self.quarterlyRounds = quarterlyRounds
    }
}

/// What the store writes for a round command.
public struct RoundChange: Sendable, Equatable {
    public enum Write: Sendable, Equatable {
        /// A new round with all its records.
        case create
        /// The round's status/version, and these records.
        case update(recordIDs: [UUID])
    }

    public var round: MonitoringRound
    public var write: Write
    public var warnings: [MonitoringFinding]

    public init(round: MonitoringRound, write: Write, warnings: [MonitoringFinding] = []) {
        self.round = round
        self.write = write
        self.warnings = warnings
    }

    /// The records to write.
    public var changedRecordIDs: [UUID] {
        switch write {
        case .create: round.records.map(\.id)
        case .update(let ids): ids
        }
    }
}

extension Decision where Change == RoundChange {
    /// Whether this decision approves its round: the one place a caller learns "a round was
    /// approved" (the server refreshes what shows round status on it).
    public var approvesRound: Bool { audit.contains { $0.action == .roundApprove } }
    /// Whether this decision takes an approved round back (it is no longer public).
    public var reopensRound: Bool { audit.contains { $0.action == .roundReopen } }
}

/// The organization's monitoring setting: whether it reports quarterly besides the 6- and
/// 12-month rounds every organization reports.
public struct MonitoringSettings: Hashable, Sendable, Codable {
    public var organizationID: UUID
    public var quarterlyRounds: Bool

    public init(organizationID: UUID, quarterlyRounds: Bool = false) {
        self.organizationID = organizationID
        self.quarterlyRounds = quarterlyRounds
    }

    /// The kinds of round the organization may open.
    public var kinds: [MonitoringRoundKind] {
        quarterlyRounds ? MonitoringRoundKind.halfYearly + MonitoringRoundKind.quarterly : MonitoringRoundKind.halfYearly
    }
}

/// The rules of monitoring rounds as one pure function: who may, in which state, which version,
/// within which limits. Storage writes exactly what it returns, with its audit record.
public enum MonitoringWorkflow {
    /// The longest text kept in one field of a record.
    public static let maximumText = 10_000
    public static let maximumParticipants = 10_000_000

    static func refusal(_ kind: CommandRefusal.Kind, field: String, _ message: LocalizedText,
                        more: [CommandRefusal.Field] = []) -> CommandRefusal {
        CommandRefusal(kind, message, fields: [CommandRefusal.Field(field, message)] + more)
    }

    /// Turns the quarterly setting on or off (admins only); audited like every other write.
    public static func decideSettings(_ settings: MonitoringSettings, by actor: ActingUser) throws(CommandRefusal) -> Decision<MonitoringSettings> {
        guard actor.has(.admin) else {
            throw refusal(.forbidden, field: "role", LocalizedText(
                th: "ต้องเป็นผู้ดูแล/ผู้บริหารขององค์กรจึงจะตั้งค่าการติดตามได้", en: "Only the organization's admin may change the monitoring settings"))
        }
        return Decision(change: settings, audit: [AuditEvent(
            organizationID: settings.organizationID, userID: actor.userID, action: .monitoringSettings,
            subject: settings.organizationID.uuidString, detail: settings.quarterlyRounds ? "quarterly on" : "quarterly off")])
    }

    public static func decide(_ command: MonitoringCommand, by actor: ActingUser, on state: MonitoringState,
                              expectedVersion: Int?, context: DecisionContext) throws(CommandRefusal) -> Decision<RoundChange> {
        let needed = command.requiredRole
        guard actor.has(needed) else {
            throw refusal(.forbidden, field: "role", LocalizedText(
                th: needed == .admin ? "ต้องเป็นผู้ดูแล/ผู้บริหารขององค์กรจึงจะทำรายการนี้ได้" : "ต้องเป็นผู้จัดทำหรือผู้ดูแลขององค์กรจึงจะทำรายการนี้ได้",
                en: needed == .admin ? "Only the organization's admin may do this" : "Only the organization's editors and admins may do this"))
        }
        guard state.plan.organizationID == state.organizationID else { throw .forbidden }
        func decision(_ round: MonitoringRound, _ write: RoundChange.Write, _ detail: String, warnings: [MonitoringFinding] = []) -> Decision<RoundChange> {
            Decision(change: RoundChange(round: round, write: write, warnings: warnings), audit: [AuditEvent(
                organizationID: state.organizationID, userID: actor.userID, action: command.auditAction,
                subject: round.id.uuidString, detail: detail)])
        }
        switch command {
        case .open(let year, let kind):
            let (round, detail) = try open(year: year, kind: kind, state: state, context: context)
            return decision(round, .create, detail)
        case .openFromResults(let year, let kind, let results, let progress, let fileName):
            var (round, detail) = try open(year: year, kind: kind, state: state, context: context)
            var problems: [CommandRefusal.Field] = []
            var filled = 0
            var counts: [ItemProgress: Int] = [:]
            for index in round.records.indices {
                guard let result = results[round.records[index].itemLineageID] else { continue }
                let record = round.records[index]
                let status = progress ?? result.progress
                counts[status, default: 0] += 1
                do {
                    round.records[index] = try apply(filledInput(result, for: record, progress: status, in: round, today: context.now),
                                                     to: record, round: round, today: context.now).0
                    filled += 1
                } catch {
                    problems += error.fields.map { CommandRefusal.Field("\(result.source) · \($0.path)", $0.message) }
                }
            }
            let unknown = Set(results.keys).subtracting(round.records.map(\.itemLineageID))
            if !unknown.isEmpty {
                problems.append(CommandRefusal.Field("results", LocalizedText(
                    th: "มี \(unknown.count) แถวที่จับคู่กับรายการที่ไม่ต้องดำเนินการในปี \(year.be) ของแผนนี้",
                    en: "\(unknown.count) row(s) are matched to items that are not due in \(year.be) in this plan")))
            }
            if let first = problems.first {
                throw CommandRefusal(.invalid, first.message, fields: problems)
            }
            detail += " · นำเข้าจาก \(String(fileName.cleaned.prefix(200))) · กรอก \(filled) จาก \(round.records.count) รายการ"
                + (progress.map { " · สถานะ\($0.thaiName)ทุกรายการ" } ?? " · สถานะตามเอกสาร: "
                    + ItemProgress.allCases.compactMap { status in counts[status].map { "\(status.thaiName) \($0)" } }.joined(separator: ", "))
            return decision(round, .create, detail)
        default:
            break
        }
        guard var round = state.round, round.organizationID == state.organizationID else {
            throw refusal(.notFound, field: "round", LocalizedText(th: "ไม่พบรอบการติดตามนี้", en: "No such monitoring round"))
        }
        if let expectedVersion, expectedVersion != round.version {
            throw CommandRefusal(.stale(current: round.version), LocalizedText(
                th: "มีผู้อื่นบันทึกรอบการติดตามนี้ก่อนแล้ว (ฉบับแก้ไขที่ \(round.version)) กรุณาโหลดใหม่แล้วทำอีกครั้ง",
                en: "Someone else changed this round first (version \(round.version)); reload and try again"),
                fields: [CommandRefusal.Field("version", LocalizedText(th: "ฉบับแก้ไขไม่ตรงกับที่บันทึกไว้", en: "The version is not the stored one"))])
        }
        let before = round.status
        switch command {
        case .open, .openFromResults:
            preconditionFailure("handled above")
        case .editRecord(let recordID, let input):
            try requireOpen(round)
            guard let index = round.records.firstIndex(where: { $0.id == recordID }) else { throw recordNotFound }
            let (record, warnings) = try apply(input, to: round.records[index], round: round, today: context.now)
            round.records[index] = record
            round.version += 1
            return decision(round, .update(recordIDs: [recordID]),
                            "\(record.itemNumber). \(record.itemName)" + (record.progress.map { " · \($0.rawValue)" } ?? ""), warnings: warnings)
        case .attachEvidence(let recordID, let upload):
            try requireOpen(round)
            guard let index = round.records.firstIndex(where: { $0.id == recordID }) else { throw recordNotFound }
            let file = try Self.evidence(for: upload, on: round.records[index])
            round.records[index].evidence.append(file)
            round.version += 1
            let record = round.records[index]
            return decision(round, .update(recordIDs: [recordID]), "\(record.itemNumber). \(record.itemName) · \(file.fileName) · \(file.sha256)")
        case .removeEvidence(let recordID, let evidenceID):
            try requireOpen(round)
            guard let index = round.records.firstIndex(where: { $0.id == recordID }) else { throw recordNotFound }
            guard let position = round.records[index].evidence.firstIndex(where: { $0.id == evidenceID }) else { throw evidenceNotFound }
            let removed = round.records[index].evidence.remove(at: position)
            round.version += 1
            let record = round.records[index]
            return decision(round, .update(recordIDs: [recordID]), "\(record.itemNumber). \(record.itemName) · \(removed.fileName) · \(removed.sha256)")
        case .setEvidencePublic(let recordID, let evidenceID, let shown):
            // Allowed in every state, an approved round included: it decides who sees a file,
            // not what the round reports.
            guard let index = round.records.firstIndex(where: { $0.id == recordID }) else { throw recordNotFound }
            guard let position = round.records[index].evidence.firstIndex(where: { $0.id == evidenceID }) else { throw evidenceNotFound }
            round.records[index].evidence[position].isPublic = shown
            round.version += 1
            let record = round.records[index]
            let file = record.evidence[position]
            return decision(round, .update(recordIDs: [recordID]),
                            "\(record.itemNumber). \(record.itemName) · \(file.fileName) · \(shown ? "สาธารณะ" : "เฉพาะสมาชิก")")
        case .submit:
            try requireOpen(round)
            try requireNoBlanks(round, verb: LocalizedText(th: "เสนออนุมัติ", en: "submit"))
            try requireLateReasons(round, today: context.now, verb: LocalizedText(th: "เสนออนุมัติ", en: "submit"))
            round.status = .submitted
        case .approve:
            guard round.status == .submitted || round.status == .open else {
                throw refusal(.wrongState, field: "status", LocalizedText(th: "รอบนี้อนุมัติแล้ว", en: "This round is approved already"))
            }
            try requireNoBlanks(round, verb: LocalizedText(th: "อนุมัติ", en: "approve"))
            try requireLateReasons(round, today: context.now, verb: LocalizedText(th: "อนุมัติ", en: "approve"))
            round.status = .approved
        case .returnToOpen(let reason):
            guard round.status == .submitted else {
                throw refusal(.wrongState, field: "status", LocalizedText(
                    th: "ส่งกลับแก้ไขได้เฉพาะรอบที่เสนออนุมัติแล้ว", en: "Only a submitted round can be sent back"))
            }
            guard reason.cleaned.count <= maximumText else { throw tooLong("reason") }
            round.status = .open
            round.reopenReason = reason.cleaned.isEmpty ? nil : reason.cleaned
        case .reopen(let reason):
            guard round.status == .approved else {
                throw refusal(.wrongState, field: "status", LocalizedText(
                    th: "เปิดใหม่ได้เฉพาะรอบที่อนุมัติแล้ว", en: "Only an approved round can be reopened"))
            }
            let text = reason.cleaned
            guard !text.isEmpty else {
                throw refusal(.invalid, field: "reason", LocalizedText(
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
        return decision(round, .update(recordIDs: []), detail)
    }

    // MARK: Opening

    static func open(year: FiscalYear, kind: MonitoringRoundKind, state: MonitoringState,
                     context: DecisionContext) throws(CommandRefusal) -> (MonitoringRound, String) {
        let plan = state.plan
        guard plan.status == .published || plan.status == .approved else {
            throw refusal(.wrongState, field: "plan", LocalizedText(
                th: "แผนฉบับนี้อยู่ในสถานะ “\(plan.status.thaiName)” เปิดรอบการติดตามได้เฉพาะแผนที่อนุมัติหรือเผยแพร่แล้ว",
                en: "This plan is \(plan.status.englishName.lowercased()); rounds are opened on approved or published plans only"))
        }
        guard plan.fiscalYears.contains(year) else {
            throw refusal(.invalid, field: "fiscalYear", LocalizedText(
                th: "ปีงบประมาณ \(year.be) อยู่นอกช่วงปีของแผน (\(ThaiCalendar.yearRange(plan.firstYear, plan.lastYear)))",
                en: "Fiscal year \(year.be) is outside the plan's years (\(plan.firstYear.be)–\(plan.lastYear.be))"))
        }
        if kind.isQuarterly && !state.quarterlyRounds {
            throw refusal(.wrongState, field: "kind", LocalizedText(
                th: "องค์กรนี้ยังไม่ได้เปิดใช้การติดตามรายไตรมาส (ผู้ดูแลเปิดได้ที่หน้าการติดตาม)",
                en: "This organization has not turned quarterly rounds on (its admin can, on the monitoring page)"))
        }
        if state.existingRounds.contains(where: { $0.fiscalYear == year && $0.kind == kind }) {
            throw refusal(.wrongState, field: "kind", LocalizedText(
                th: "มี\(kind.thaiName) ปีงบประมาณ \(year.be) ของแผนนี้อยู่แล้ว", en: "This plan already has a \(kind.englishName) for \(year.be)"))
        }
        let numbers = plan.itemNumbers
        let earlier = startingRound(for: kind, year: year, among: state.existingRounds)
        let earlierByLineage = Dictionary((earlier?.records ?? []).map { ($0.itemLineageID, $0) }, uniquingKeysWith: { a, _ in a })
        let records = MonitoringSchedule.dueItems(of: plan, in: year).map { item -> MonitoringRecord in
            var record = MonitoringSchedule.record(for: item, number: numbers[item.id] ?? item.order, year: year, id: context.makeID())
            // A later round starts from what the round before it reported.
            if let previous = earlierByLineage[item.lineageID] {
                record = carriedOver(previous, into: record)
            }
            return record
        }.sorted { $0.itemNumber < $1.itemNumber }
        let round = MonitoringRound(
            id: context.makeID(), organizationID: plan.organizationID, planID: plan.id, planSeriesID: state.planSeriesID,
            fiscalYear: year, kind: kind, status: .open, version: 1, records: records)
        let detail = "\(kind.rawValue) \(year.be) · \(records.count) รายการ" + (earlier.map { " · เริ่มจาก\($0.kind.thaiName)" } ?? "")
        return (round, detail)
    }

    /// The round a new round of `kind` starts from: of the same year's rounds that end no later
    /// than it does, the one that ends latest — a round over the same period first (the 12-month
    /// round after ไตรมาสที่ 4, ไตรมาสที่ 2 after the 6-month round), then an approved one.
    /// So the 12-month round starts from the 6-month one (or ไตรมาสที่ 3 when there is one), the
    /// 6-month round from ไตรมาสที่ 1, each quarter from the quarter before it.
    public static func startingRound(for kind: MonitoringRoundKind, year: FiscalYear, among rounds: [MonitoringRound]) -> MonitoringRound? {
        rounds.filter { $0.fiscalYear == year && $0.kind != kind && $0.kind.endQuarter <= kind.endQuarter }
            .max { a, b in
                (a.kind.endQuarter, a.status == .approved ? 1 : 0, a.kind.isQuarterly ? 0 : 1)
                    < (b.kind.endQuarter, b.status == .approved ? 1 : 0, b.kind.isQuarterly ? 0 : 1)
            }
    }

    /// The input a results document gives a record: the status chosen for the import, the
    /// document's steps as what was done, its output and outcome texts as the results of the
    /// record's first output and first outcome (or in the narrative when the sheet has none). A
    /// number is taken as the actual value only when the text states it plainly ("ร้อยละ 86",
    /// "จำนวน 45 คน") in the target's unit — "ไม่น้อยกว่าร้อยละ 80" repeats a target, not a result.
    public static func filledInput(_ result: ReportedResult, for record: MonitoringRecord, progress: ItemProgress,
                                   in round: MonitoringRound, today: Date) -> MonitoringRecordInput {
        func clip(_ text: String) -> String { String(text.cleaned.prefix(maximumText)) }
        var actuals = record.indicators.map { MonitoringRecordInput.IndicatorInput(value: $0.actualValue, text: $0.actualText) }
        var narrative = result.steps.map(\.cleaned).filter { !$0.isEmpty }.joined(separator: "\n")
        for (kind, text) in [(IndicatorActual.Kind.output, result.output), (.outcome, result.outcome)] where !text.cleaned.isEmpty {
            if let index = record.indicators.firstIndex(where: { $0.kind == kind }) {
                actuals[index].text = clip(text)
                if let measure = record.indicators[index].measure, let stated = plainValue(text, unit: measure.unit) {
                    actuals[index].value = measure.isPercentage ? min(stated, 100) : stated
                }
            } else {
                narrative += (narrative.isEmpty ? "" : "\n") + "\(kind.thaiName): " + text.cleaned
            }
        }
        var input = MonitoringRecordInput(record)
        input.progress = progress
        input.actuals = actuals
        input.narrative = clip(narrative)
        // Not carried out (or not finished by its due date: `MonitoringRound.isLate`) needs a
        // reason the document does not give: "other", naming the document. A completed item
        // keeps no earlier round's reason.
        if progress == .notCarriedOut || round.isLate(record, progress: progress, today: today) {
            input.reason = .other
            input.reasonText = "ตามเอกสารรายงานผล (\(result.source))"
        } else if progress == .completed {
            input.reason = nil
            input.reasonText = ""
        }
        return input
    }

    /// A number stated without comparing ("ร้อยละ 86", "45 คน"), in `unit`; nil otherwise.
    static func plainValue(_ text: String, unit: String) -> Decimal? {
        guard let measure = TargetMeasure.parse(text), measure.unit == unit else { return nil }
        let arabic = ThaiDigits.toArabic(text)
        let comparing = TargetMeasure.comparatorWords.contains { arabic.contains($0.0) }
        return comparing ? nil : measure.value
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
        // The files come along, members only again: making one public is decided per round.
        record.evidence = previous.evidence.map { file in
            var file = file
            file.isPublic = false
            return file
        }
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

    static func requireOpen(_ round: MonitoringRound) throws(CommandRefusal) {
        switch round.status {
        case .open: return
        case .submitted:
            throw refusal(.wrongState, field: "status", LocalizedText(
                th: "รอบนี้เสนออนุมัติแล้ว แก้ไขไม่ได้ ผู้ดูแลต้องส่งกลับแก้ไขก่อน",
                en: "This round has been submitted and cannot be changed; the admin must send it back first"))
        case .approved:
            throw refusal(.wrongState, field: "status", LocalizedText(
                th: "รอบนี้อนุมัติแล้วและถูกล็อก แก้ไขไม่ได้ ผู้ดูแลต้องเปิดรอบใหม่พร้อมระบุเหตุผลก่อน",
                en: "This round is approved and locked; the admin must reopen it, with a reason, first"))
        }
    }

    static func requireNoBlanks(_ round: MonitoringRound, verb: LocalizedText) throws(CommandRefusal) {
        let blanks = round.blankRecords
        guard blanks.isEmpty else {
            let list = blanks.map { "\($0.itemNumber). \($0.itemName)" }
            throw refusal(.invalid, field: "records", LocalizedText(
                th: "ยัง\(verb.th)ไม่ได้: มี \(blanks.count) รายการที่ยังไม่ได้รายงานผล — " + list.joined(separator: "; "),
                en: "Cannot \(verb.en) yet: \(blanks.count) item(s) have no report — " + list.joined(separator: "; ")),
                more: blanks.map { CommandRefusal.Field("records[\($0.id.uuidString.lowercased())]", LocalizedText(
                    th: "ยังไม่ได้รายงานผล: \($0.itemNumber). \($0.itemName)", en: "No report yet: \($0.itemNumber). \($0.itemName)")) })
        }
    }

    /// A record saved while it was not yet due may be late by the time the round is submitted or
    /// approved (its planned months, or the year, have ended since): each such record without a
    /// reason is listed, at its place, as blank records are.
    static func requireLateReasons(_ round: MonitoringRound, today: Date, verb: LocalizedText) throws(CommandRefusal) {
        let late = round.records.filter { $0.reason == nil && round.isLate($0, progress: $0.progress, today: today) }
        guard late.isEmpty else {
            let list = late.map { "\($0.itemNumber). \($0.itemName)" }
            throw refusal(.invalid, field: "records", LocalizedText(
                th: "ยัง\(verb.th)ไม่ได้: มี \(late.count) รายการที่เลยกำหนดแล้วยังไม่แล้วเสร็จและยังไม่ได้ระบุเหตุผลที่ล่าช้า — " + list.joined(separator: "; "),
                en: "Cannot \(verb.en) yet: \(late.count) item(s) are past their due date, not finished and give no reason — " + list.joined(separator: "; ")),
                more: late.map { record in
                    let message = lateMessage(record, round: round)
                    return CommandRefusal.Field("records[\(record.id.uuidString.lowercased())].reason", LocalizedText(
                        th: "\(record.itemNumber). \(record.itemName): " + message.th, en: "\(record.itemNumber). \(record.itemName): " + message.en))
                })
        }
    }

    static let recordNotFound = refusal(.notFound, field: "record", LocalizedText(
        th: "ไม่พบรายการนี้ในรอบการติดตาม", en: "No such record in this round"))
    static let evidenceNotFound = refusal(.notFound, field: "evidence", LocalizedText(th: "ไม่พบไฟล์หลักฐานนี้", en: "No such evidence file"))

    static func tooLong(_ field: String) -> CommandRefusal {
        refusal(.invalid, field: field, LocalizedText(
            th: "ข้อความยาวเกิน \(maximumText) ตัวอักษร", en: "The text is longer than \(maximumText) characters"))
    }

    static let englishMonths = ["January", "February", "March", "April", "May", "June", "July", "August",
                                "September", "October", "November", "December"]

    /// Why a late record needs a reason: the end of its planned months ("กำหนดแล้วเสร็จภายในเดือน
    /// ธันวาคม 2567"), or the end of the fiscal year when the plan gives no months.
    static func lateMessage(_ record: MonitoringRecord, round: MonitoringRound) -> LocalizedText {
        guard let last = record.plannedMonths?.months.last else {
            return LocalizedText(th: "สิ้นปีงบประมาณ \(round.fiscalYear.be) แล้วยังไม่แล้วเสร็จ กรุณาเลือกเหตุผลที่ล่าช้า",
                                 en: "Fiscal year \(round.fiscalYear.be) is over and the item is not finished: choose why it is late")
        }
        let be = last >= 10 ? round.fiscalYear.be - 1 : round.fiscalYear.be
        return LocalizedText(
            th: "แผนกำหนดให้แล้วเสร็จภายในเดือน\(ThaiCalendar.thaiMonths[last - 1]) \(be) แต่ยังไม่แล้วเสร็จ กรุณาเลือกเหตุผลที่ล่าช้า",
            en: "The plan schedules the item to finish by the end of \(englishMonths[last - 1]) \(be) B.E. and it is not finished: choose why it is late")
    }

    /// Checks a record's input and applies it. Every problem is reported at its field at once.
    static func apply(_ input: MonitoringRecordInput, to record: MonitoringRecord,
                      round: MonitoringRound, today: Date) throws(CommandRefusal) -> (MonitoringRecord, [MonitoringFinding]) {
        var problems: [CommandRefusal.Field] = []
        var warnings: [MonitoringFinding] = []
        func problem(_ field: String, _ th: String, _ en: String) {
            problems.append(CommandRefusal.Field(field, LocalizedText(th: th, en: en)))
        }
        // Status and reason: not carried out, or late — not started or in progress although the
        // item's due date (its planned months, or the fiscal year's end) has passed in the period
        // the round reports on — needs a reason.
        let late = round.isLate(record, progress: input.progress, today: today)
        if input.reason == nil {
            if input.progress == .notCarriedOut {
                problem("reason", "กรุณาเลือกเหตุผลที่ไม่สามารถดำเนินการได้", "Choose why the item could not be carried out")
            } else if late {
                let message = lateMessage(record, round: round)
                problem("reason", message.th, message.en)
            }
        }
        if input.reason == .other && input.reasonText.cleaned.isEmpty {
            problem("reasonText", "เลือก “อื่น ๆ” แล้ว กรุณาระบุเหตุผล", "“Other” was chosen: write the reason")
        }
        // Money: never negative, never above the limit.
        let amounts: [(String, Money?)] = [("ordinanceBudget", input.ordinanceBudget), ("committed", input.committed), ("disbursed", input.disbursed)]
        for (field, amount) in amounts {
            guard let amount else { continue }
            if amount.isNegative { problems.append(CommandRefusal.Field(field, Money.ParseError.negative.message)) }
            if amount > Money.maximum { problems.append(CommandRefusal.Field(field, Money.ParseError.tooLarge.message)) }
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
            problems.append(CommandRefusal.Field(field, tooLong(field).message))
        }
        if let first = problems.first {
            throw CommandRefusal(.invalid, first.message, fields: problems)
        }
        var record = record
        record.progress = input.progress
        record.reason = input.reason
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
