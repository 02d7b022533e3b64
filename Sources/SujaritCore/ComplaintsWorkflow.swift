import Foundation

/// Who acts on a complaint case.
public enum ComplaintActor: Sendable, Equatable {
    /// the anonymous reporter, who proved they hold the receipt code
    case reporter
    /// a complaint officer (เจ้าหน้าที่รับเรื่องร้องเรียน) of the case's organization, or the
    /// outside body's officer for a case about the executive
    case officer(UUID)
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

    /// A stable name for the audit log.
    public var auditName: String {
        switch self {
        case .acknowledge: "acknowledge"
        case .startScreening: "screen"
        case .startInvestigation: "investigate"
        case .refer: "refer"
        case .conclude: "conclude"
        case .close: "close"
        case .assign: "assign"
        case .recuse: "recuse"
        case .reply: "reply"
        case .note: "note"
        case .reporterMessage: "reporter.message"
        }
    }
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

    /// The case after the command, or why not.
    public static func decide(_ command: ComplaintCommand, on current: ComplaintCase, by actor: ComplaintActor) throws -> ComplaintCase {
        switch actor {
        case .reporter:
            guard command == .reporterMessage else {
                throw ComplaintRuleError(.notAllowed, th: "ผู้ร้องเรียนทำรายการนี้ไม่ได้", en: "The reporter cannot do this")
            }
            guard current.status != .closed else {
                throw ComplaintRuleError(.wrongState, th: "เรื่องนี้ยุติแล้ว ไม่สามารถเพิ่มข้อมูลได้", en: "This case is closed")
            }
            return current
        case .officer(let officer):
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
        case .close: try move(to: .closed)
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
}
