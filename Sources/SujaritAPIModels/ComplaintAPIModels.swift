import Foundation
import SujaritCore

// Bodies of the complaint officers' API under /api/v1/organizations/{slug}/complaints
// (bearer tokens only; the reporter's side is forms only).

/// A case in a list: the workflow's fields, no content.
public struct ComplaintCaseSummaryDTO: Codable, Sendable, Equatable {
    public var id: UUID
    public var kind: ComplaintKind
    public var channel: ComplaintChannel
    public var status: ComplaintStatus
    /// The status as the reporter reads it (Thai).
    public var statusText: String
    public var referredTo: OversightBody?
    public var referredToName: String
    public var outcome: ComplaintOutcome?
    /// "2025-01-06" (days only: no time of day is kept)
    public var receivedOn: String
    public var dueOn: String
    public var closedOn: String?
    public var concernsExecutive: Bool
    public var assignedTo: UUID?
    /// acknowledgementOverdue, answerOverdue or dueSoon; absent when on time
    public var reminder: String?
    public var version: Int

    public init(_ complaint: ComplaintCase, reminder: ComplaintReminder?) {
        id = complaint.id
        kind = complaint.kind
        channel = complaint.channel
        status = complaint.status
        statusText = complaint.publicStatus
        referredTo = complaint.referredTo
        referredToName = complaint.referredToName
        outcome = complaint.outcome
        receivedOn = complaint.receivedOn.iso
        dueOn = complaint.dueOn.iso
        closedOn = complaint.closedOn?.iso
        concernsExecutive = complaint.concernsExecutive
        assignedTo = complaint.assignedTo
        self.reminder = reminder?.kind.rawValue
        version = complaint.version
    }
}

public struct ComplaintCaseListResponse: Codable, Sendable {
    public var cases: [ComplaintCaseSummaryDTO]
    /// Cases past their acknowledgement or answer deadline.
    public var overdue: Int

    public init(cases: [ComplaintCaseSummaryDTO], overdue: Int) {
        self.cases = cases
        self.overdue = overdue
    }
}

public struct ComplaintMessageDTO: Codable, Sendable, Equatable {
    public var id: UUID
    /// reporter, reply or note
    public var kind: ComplaintMessageKind
    public var authorID: UUID?
    public var writtenOn: String
    public var text: String

    public init(id: UUID, kind: ComplaintMessageKind, authorID: UUID?, writtenOn: String, text: String) {
        self.id = id
        self.kind = kind
        self.authorID = authorID
        self.writtenOn = writtenOn
        self.text = text
    }
}

public struct ComplaintEvidenceDTO: Codable, Sendable, Equatable {
    public var id: UUID
    public var name: String
    public var kind: EvidenceFileKind
    public var size: Int
    public var addedOn: String
    /// reporter or officer
    public var addedBy: String

    public init(id: UUID, name: String, kind: EvidenceFileKind, size: Int, addedOn: String, addedBy: String) {
        self.id = id
        self.name = name
        self.kind = kind
        self.size = size
        self.addedOn = addedOn
        self.addedBy = addedBy
    }
}

/// One case with what the reporter wrote, its messages and its evidence files.
public struct ComplaintCaseResponse: Codable, Sendable {
    public var complaint: ComplaintCaseSummaryDTO
    public var report: ComplaintReport
    public var messages: [ComplaintMessageDTO]
    public var evidence: [ComplaintEvidenceDTO]

    public init(complaint: ComplaintCaseSummaryDTO, report: ComplaintReport, messages: [ComplaintMessageDTO], evidence: [ComplaintEvidenceDTO]) {
        self.complaint = complaint
        self.report = report
        self.messages = messages
        self.evidence = evidence
    }
}

/// POST …/complaints/{caseID}/transitions
public struct ComplaintTransitionRequest: Codable, Sendable {
    public var version: Int
    /// acknowledge, screen, investigate, refer, conclude, close, assign, recuse or reclassify
    public var command: String
    /// refer: nacc, pacc, sao, province or other
    public var body: OversightBody?
    /// refer: the body's name (required for `other`)
    public var bodyName: String?
    /// conclude: substantiated, unsubstantiated or insufficientEvidence
    public var outcome: ComplaintOutcome?
    /// assign: the officer's user id; absent to unassign
    public var officer: UUID?

    public init(version: Int, command: String, body: OversightBody? = nil, bodyName: String? = nil, outcome: ComplaintOutcome? = nil,
                officer: UUID? = nil) {
        self.version = version
        self.command = command
        self.body = body
        self.bodyName = bodyName
        self.outcome = outcome
        self.officer = officer
    }
}

/// POST …/complaints/{caseID}/replies
public struct ComplaintReplyRequest: Codable, Sendable {
    public var version: Int
    public var text: String
    /// true: an internal note the reporter never sees; false (default): a reply the reporter reads
    public var `internal`: Bool?

    public init(version: Int, text: String, `internal`: Bool? = nil) {
        self.version = version
        self.text = text
        self.`internal` = `internal`
    }
}
