import Foundation

/// Who acts on a complaint case.
public enum ComplaintActor: Sendable, Equatable {
    /// the anonymous reporter, who proved they hold the receipt code
    case reporter
    /// a complaint officer (เจ้าหน้าที่รับเรื่องร้องเรียน) of the case's organization, or the
    /// outside body's officer for a case about the executive
    case officer(UUID)
    /// the installation itself (retention), run by an administrator from the command line
    case system
}

/// What can be done to a case. Every change goes through `ComplaintWorkflow.decide`.
public enum ComplaintCommand: Sendable, Equatable {
    case acknowledge
    case startScreening
    case startInvestigation
    case refer(OversightBody, name: String)
    case conclude(ComplaintOutcome)
    case close
    case assign(UUID?)
    /// declare a conflict of interest: the officer is excluded from the case from then on
    case recuse
    /// ตอบผู้ร้องเรียน — a message the reporter will read
    case reply
    /// บันทึกภายใน — an internal note the reporter never sees
    case note
    /// ข้อมูลเพิ่มเติมจากผู้ร้องเรียน
    case reporterMessage
    /// ย้ายเรื่องร้องทุกข์ทั่วไปไปเป็นเรื่องร้องเรียนการทุจริต — never the other way
    case moveToCorruption
    /// ลบตามระยะเวลาเก็บรักษา — a closed case past its retention period is deleted
    case purge(cutoff: CalendarDay)
}

public struct ComplaintRuleError: Error, Equatable, Sendable {
    public enum Kind: Sendable, Equatable {
        /// the actor may not do this at all (answered 403)
        case notAllowed
        /// not in this state (answered 409)
        case wrongState
        /// bad data (answered 400)
        case invalid
    }
    public var kind: Kind
    public var message: LocalizedText

    public init(_ kind: Kind, th: String, en: String) {
        self.kind = kind
        self.message = LocalizedText(th: th, en: en)
    }
}

/// ขั้นตอนการจัดการเรื่องร้องเรียน — the one pure decision function for complaint cases.
///
/// received → acknowledged → screening → investigating / referred(body) → concluded(outcome) →
/// closed; screening may conclude directly (e.g. clearly without grounds) or refer; a referred
/// case is concluded with the body's result or closed. Officers do everything except for cases
/// they are recused from; the reporter only adds information, while the case is not closed.
public enum ComplaintWorkflow {
    /// The statuses a status may move to.
    public static func next(from status: ComplaintStatus) -> [ComplaintStatus] {
        switch status {
        case .received: [.acknowledged]
        case .acknowledged: [.screening]
        case .screening: [.investigating, .referred, .concluded]
        case .investigating: [.referred, .concluded]
        case .referred: [.concluded, .closed]
        case .concluded: [.closed]
        case .closed: []
        }
    }

    /// The case after the command, or why not. `today` is the day of the change (it dates a
    /// closure; retention counts from it).
    public static func decide(_ command: ComplaintCommand, on current: ComplaintCase, by actor: ComplaintActor,
                              today: CalendarDay? = nil) throws -> ComplaintCase {
        switch actor {
        case .reporter:
            guard command == .reporterMessage else {
                throw ComplaintRuleError(.notAllowed, th: "ผู้ร้องเรียนทำรายการนี้ไม่ได้", en: "The reporter cannot do this")
            }
            guard current.status != .closed else {
                throw ComplaintRuleError(.wrongState, th: "เรื่องนี้ยุติแล้ว ไม่สามารถเพิ่มข้อมูลได้", en: "This case is closed")
            }
            return current
        case .system:
            guard case .purge = command else {
                throw ComplaintRuleError(.notAllowed, th: "ระบบทำรายการนี้แทนเจ้าหน้าที่ไม่ได้", en: "The system only deletes cases past retention")
            }
        case .officer(let officer):
            if case .purge = command {
                throw ComplaintRuleError(.notAllowed, th: "เจ้าหน้าที่ลบเรื่องร้องเรียนไม่ได้ เรื่องถูกลบตามระยะเวลาเก็บรักษาเท่านั้น",
                                         en: "Officers cannot delete cases; cases are deleted only after the retention period")
            }
            guard !current.recused.contains(officer) else {
                throw ComplaintRuleError(.notAllowed, th: "ท่านแจ้งว่ามีส่วนได้เสียกับเรื่องนี้ จึงไม่สามารถเข้าถึงเรื่องนี้ได้",
                                         en: "You declared a conflict of interest in this case")
            }
            if command == .reporterMessage {
                throw ComplaintRuleError(.notAllowed, th: "เจ้าหน้าที่ไม่สามารถเขียนแทนผู้ร้องเรียนได้", en: "Officers cannot write as the reporter")
            }
        }
        var result = current
        func move(to status: ComplaintStatus) throws {
            guard next(from: current.status).contains(status) else {
                throw ComplaintRuleError(.wrongState, th: "เปลี่ยนสถานะจาก \"\(current.status.thaiName)\" เป็น \"\(status.thaiName)\" ไม่ได้",
                                         en: "Cannot go from \(current.status.rawValue) to \(status.rawValue)")
            }
            result.status = status
        }
        switch command {
        case .acknowledge: try move(to: .acknowledged)
        case .startScreening: try move(to: .screening)
        case .startInvestigation: try move(to: .investigating)
        case .refer(let body, let name):
            let name = name.trimmingCharacters(in: .whitespacesAndNewlines)
            if body == .other && name.isEmpty {
                throw ComplaintRuleError(.invalid, th: "กรุณาระบุชื่อหน่วยงานที่ส่งต่อ", en: "Name the body the case is referred to")
            }
            guard name.count <= 200 else { throw ComplaintRuleError(.invalid, th: "ชื่อหน่วยงานยาวเกินไป", en: "Name too long") }
            try move(to: .referred)
            result.referredTo = body
            result.referredToName = name
        case .conclude(let outcome):
            try move(to: .concluded)
            result.outcome = outcome
        case .close:
            try move(to: .closed)
            result.closedOn = today
        case .moveToCorruption:
            guard current.kind == .general else {
                throw ComplaintRuleError(.wrongState, th: "เรื่องนี้เป็นเรื่องร้องเรียนการทุจริตอยู่แล้ว (ย้ายกลับเป็นเรื่องทั่วไปไม่ได้)",
                                         en: "Already a corruption complaint (it cannot be moved back)")
            }
            result.kind = .corruption
        case .purge(let cutoff):
            guard current.status == .closed, let closed = current.closedOn, closed < cutoff else {
                throw ComplaintRuleError(.wrongState, th: "ลบได้เฉพาะเรื่องที่ยุติแล้วและพ้นระยะเวลาเก็บรักษา",
                                         en: "Only closed cases past the retention period can be deleted")
            }
        case .assign(let officer):
            guard current.status != .closed else {
                throw ComplaintRuleError(.wrongState, th: "เรื่องนี้ยุติแล้ว", en: "This case is closed")
            }
            if let officer, current.recused.contains(officer) {
                throw ComplaintRuleError(.invalid, th: "มอบหมายให้ผู้มีส่วนได้เสียไม่ได้", en: "Cannot assign an officer with a conflict of interest")
            }
            result.assignedTo = officer
        case .recuse:
            if case .officer(let officer) = actor {
                result.recused.insert(officer)
                if result.assignedTo == officer { result.assignedTo = nil }
            }
        case .reply:
            guard current.status != .closed else {
                throw ComplaintRuleError(.wrongState, th: "เรื่องนี้ยุติแล้ว", en: "This case is closed")
            }
        case .note, .reporterMessage:
            break
        }
        if result != current { result.version += 1 }
        return result
    }

    /// Whether an officer may see a case at all (tenant checks come before this).
    public static func mayView(_ current: ComplaintCase, officer: UUID) -> Bool {
        !current.recused.contains(officer)
    }

    /// Whether a member of staff with these roles for the case's organization may see it: the
    /// organization's officers see its cases except those about the executive; the outside
    /// body of the organization's province (overseer) sees only those; nobody sees a case they
    /// declared a conflict of interest in, except the installation's administrators.
    public static func mayView(_ current: ComplaintCase, user: UUID, roles: Set<ComplaintStaffRole>) -> Bool {
        if roles.contains(.administrator) { return true }
        guard mayView(current, officer: user) else { return false }
        return current.concernsExecutive ? roles.contains(.overseer) : roles.contains(.officer)
    }
}

extension ComplaintWorkflow {
    /// Who receives a case's keys (per-officer sealing): the organization's complaint officers,
    /// or for a case about the executive the outside body's accounts of the province — never
    /// anyone recused from the case. The installation's administrators see that a case exists
    /// and its status, but are not given its keys: the people who run the server are the ones
    /// sealing keeps out.
    public static func keyHolders(of complaint: ComplaintCase, officers: [UUID], overseers: [UUID]) -> Set<UUID> {
        Set(complaint.concernsExecutive ? overseers : officers).subtracting(complaint.recused)
    }
}

/// How a member of staff is concerned with an organization's complaints.
public enum ComplaintStaffRole: String, Sendable, Hashable, CaseIterable {
    /// เจ้าหน้าที่รับเรื่องร้องเรียน of the organization
    case officer
    /// the outside body's account for the organization's province (หน่วยงานกำกับดูแลระดับจังหวัด):
    /// handles the cases about the organization's executive
    case overseer
    /// the installation's administrator
    case administrator
}

/// What a line of the complaint log records. The raw values are what the log stores (and
/// what its hash chain covers).
public enum ComplaintLogAction: String, CaseIterable, Sendable {
    case caseCreated = "case.created"
    case caseViewed = "case.viewed"
    case casesListed = "cases.listed"
    case accessRefused = "access.refused"
    case evidenceViewed = "evidence.viewed"
    case reporterMessage = "reporter.message"
    case trackFailed = "track.failed"
    case settingsDeadlines = "settings.deadlines"
    case officerAdded = "officer.added"
    case officerRemoved = "officer.removed"
    case overseerAdded = "overseer.added"
    case overseerRemoved = "overseer.removed"
    case acknowledge = "case.acknowledge"
    case screen = "case.screen"
    case investigate = "case.investigate"
    case refer = "case.refer"
    case conclude = "case.conclude"
    case close = "case.close"
    case assign = "case.assign"
    case recuse = "case.recuse"
    case reply = "case.reply"
    case note = "case.note"
    case reclassify = "case.reclassify"
    case purge = "case.purge"
    /// a case's keys wrapped for more recipients (a new officer, a new recovery key)
    case keysShared = "keys.shared"
    /// new content keys on recusal: everything sealed again without the recused officer
    case keysRotated = "keys.rotated"
    /// a case from before per-officer sealing sealed to its officers
    case keysUpgraded = "keys.upgraded"
    /// a case's keys given to an officer with the offline recovery key
    case keysRecovered = "keys.recovered"
    case officerKeyCreated = "officer.key.created"
    /// a new key pair because the old one could not be opened (a password set by an administrator)
    case officerKeyReplaced = "officer.key.replaced"
    case recoveryKeyAdded = "recovery.key.added"
    /// the reporter's own copy of the reply key (a case from before per-officer sealing)
    case reporterKeyAdded = "reporter.key.added"

    /// The line an officer's or the system's command writes.
    public init(_ command: ComplaintCommand) {
        switch command {
        case .acknowledge: self = .acknowledge
        case .startScreening: self = .screen
        case .startInvestigation: self = .investigate
        case .refer: self = .refer
        case .conclude: self = .conclude
        case .close: self = .close
        case .assign: self = .assign
        case .recuse: self = .recuse
        case .reply: self = .reply
        case .note: self = .note
        case .reporterMessage: self = .reporterMessage
        case .moveToCorruption: self = .reclassify
        case .purge: self = .purge
        }
    }
}
