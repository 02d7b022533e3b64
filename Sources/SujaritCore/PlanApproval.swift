import Foundation

/// การเสนอ อนุมัติ และเผยแพร่ — who took a revision through its approval, when, and what the
/// approver wrote: the document's approval block (plan pages, the Word document).
///
/// Made from the revision's history (`PlanWorkflow` records every step with the comment in its
/// detail); names of people are plain text here, so that the export needs no database.
public struct PlanApproval: Sendable, Equatable, Codable {
    public enum Step: String, Sendable, Codable, CaseIterable {
        case submitted, approved, published

        public var thaiName: String {
            switch self {
            case .submitted: "เสนออนุมัติ"
            case .approved: "อนุมัติ"
            case .published: "เผยแพร่"
            }
        }

        public var englishName: String {
            switch self {
            case .submitted: "Submitted for approval"
            case .approved: "Approved"
            case .published: "Published"
            }
        }
    }

    public struct Entry: Sendable, Equatable, Codable {
        public var step: Step
        /// The person's display name (or username).
        public var by: String
        public var at: Date
        /// The comment given with the step (the approver's), if any.
        public var comment: String?

        public init(step: Step, by: String, at: Date, comment: String? = nil) {
            self.step = step
            self.by = by
            self.at = at
            self.comment = comment
        }
    }

    /// At most one entry per step, in the order of the steps.
    public var entries: [Entry]

    public init(entries: [Entry] = []) {
        self.entries = entries.sorted { Step.allCases.firstIndex(of: $0.step)! < Step.allCases.firstIndex(of: $1.step)! }
    }

    public var isEmpty: Bool { entries.isEmpty }

    public func entry(_ step: Step) -> Entry? { entries.first { $0.step == step } }

    /// One history event of the revision, as the audit log keeps it.
    public struct Event: Sendable {
        public var action: AuditAction
        public var by: String
        public var at: Date
        public var detail: String

        public init(action: AuditAction, by: String, at: Date, detail: String) {
            self.action = action
            self.by = by
            self.at = at
            self.detail = detail
        }
    }

    /// The steps that stand, from a revision's events in any order: a return to draft undoes
    /// the submission before it (and what followed), so only the last way through counts.
    public static func from(events: [Event]) -> PlanApproval {
        var current: [Step: Entry] = [:]
        for event in events.sorted(by: { $0.at < $1.at }) {
            let comment = PlanWorkflow.comment(inDetail: event.detail)
            switch event.action {
            case .planSubmit:
                current = [.submitted: Entry(step: .submitted, by: event.by, at: event.at, comment: comment)]
            case .planReturnToDraft:
                current = [:]
            case .planApprove:
                current[.approved] = Entry(step: .approved, by: event.by, at: event.at, comment: comment)
            case .planPublish:
                current[.published] = Entry(step: .published, by: event.by, at: event.at, comment: comment)
            default:
                continue
            }
        }
        return PlanApproval(entries: Array(current.values))
    }

    /// The audit actions `from(events:)` reads.
    public static let actions: [AuditAction] = [.planSubmit, .planReturnToDraft, .planApprove, .planPublish]
}

extension PlanWorkflow {
    /// The comment kept in a history detail ("submitted → approved · ความเห็น: …"), if any.
    public static func comment(inDetail detail: String) -> String? {
        let parts = detail.components(separatedBy: commentMarker)
        guard parts.count > 1 else { return nil }
        let comment = parts.dropFirst().joined(separator: commentMarker).trimmingCharacters(in: .whitespacesAndNewlines)
        return comment.isEmpty ? nil : comment
    }
}
