import Foundation

/// Which of a case's two content keys (per-officer sealing, `SujaritVault.CaseSealing`).
public enum CaseKeyKind: String, Sendable, CaseIterable, Codable {
    /// the report, the reporter's identity, internal notes, evidence recorded by officers:
    /// officers (and the recovery key) only
    case caseKey = "case"
    /// replies and the reporter's own additions: also the reporter, through the receipt code
    case replyKey = "reply"
}

/// Who a wrapped copy of a case key is for.
public enum KeyRecipientKind: String, Sendable, CaseIterable, Codable {
    /// a complaint officer or an outside body's account (`recipientID` is the user)
    case officer
    /// the offline recovery key of the organization or province (`recipientID` is the key's row)
    case recovery
    /// the reporter, whose key comes from the receipt code (reply key only)
    case reporter
    /// the server's vault key — only while nobody else could pass the keys on
    case server
}

/// One content key of a case wrapped for one recipient, as stored in `complaint_key_wraps`.
public struct WrappedCaseKey: Sendable, Equatable {
    public var caseID: UUID
    public var key: CaseKeyKind
    public var recipient: KeyRecipientKind
    public var recipientID: UUID?
    /// The recipient's public key the copy was wrapped to (empty for the server).
    public var recipientKey: String
    public var wrapped: String

    public init(caseID: UUID, key: CaseKeyKind, recipient: KeyRecipientKind, recipientID: UUID?, recipientKey: String, wrapped: String) {
        self.caseID = caseID
        self.key = key
        self.recipient = recipient
        self.recipientID = recipientID
        self.recipientKey = recipientKey
        self.wrapped = wrapped
    }

    /// The authenticated context of the copy: case, key and recipient, so that a copy moved to
    /// another case, key or recipient does not open.
    public static func context(caseID: UUID, key: CaseKeyKind, recipient: KeyRecipientKind, recipientID: UUID?) -> String {
        "complaint:\(caseID.uuidString.lowercased()):\(key.rawValue):\(recipient.rawValue):\(recipientID?.uuidString.lowercased() ?? "-")"
    }

    public var context: String { Self.context(caseID: caseID, key: key, recipient: recipient, recipientID: recipientID) }
}

/// What the wraps of a case must become, given who should hold its keys now: the copies to add
/// (recipients without one, or with a copy made for a public key they no longer have) and the
/// copies to remove (people no longer eligible, retired recovery keys, and the server's copy
/// once a person holds the key). Pure, so the rule is tested on its own.
public enum CaseKeyPlan {
    public struct Recipient: Sendable, Equatable, Hashable {
        public var kind: KeyRecipientKind
        public var id: UUID?
        public var publicKey: String

        public init(kind: KeyRecipientKind, id: UUID?, publicKey: String) {
            self.kind = kind
            self.id = id
            self.publicKey = publicKey
        }
    }

    public struct Change: Sendable, Equatable {
        /// (key, recipient) pairs that need a new copy.
        public var add: [(CaseKeyKind, Recipient)]
        public var remove: [WrappedCaseKey]
        public var isEmpty: Bool { add.isEmpty && remove.isEmpty }

        public static func == (a: Change, b: Change) -> Bool {
            a.remove == b.remove && a.add.map { "\($0.0)\($0.1)" } == b.add.map { "\($0.0)\($0.1)" }
        }
    }

    /// `people` are the officers (or outside-body accounts) with a key pair who should hold the
    /// case's keys; `recovery` the current recovery key, if one is set up. The server keeps a
    /// copy only while no person holds one (so a later officer can still receive it); the reply
    /// key keeps its server copy while the reporter has no copy of their own (cases from before
    /// per-officer sealing, until the reporter next tracks).
    public static func plan(existing: [WrappedCaseKey], people: [Recipient], recovery: Recipient?) -> Change {
        var add: [(CaseKeyKind, Recipient)] = []
        var remove: [WrappedCaseKey] = []
        let wanted = people + (recovery.map { [$0] } ?? [])
        for key in CaseKeyKind.allCases {
            let copies = existing.filter { $0.key == key }
            for recipient in wanted where !copies.contains(where: { $0.recipient == recipient.kind && $0.recipientID == recipient.id
                                                                    && $0.recipientKey == recipient.publicKey }) {
                add.append((key, recipient))
            }
            for copy in copies where copy.recipient == .officer || copy.recipient == .recovery {
                if !wanted.contains(where: { $0.kind == copy.recipient && $0.id == copy.recipientID && $0.publicKey == copy.recipientKey }) {
                    remove.append(copy)
                }
            }
            let personHolds = !people.isEmpty
            let reporterHolds = copies.contains { $0.recipient == .reporter }
            let serverStillNeeded = !personHolds || (key == .replyKey && !reporterHolds)
            if !serverStillNeeded { remove.append(contentsOf: copies.filter { $0.recipient == .server }) }
        }
        return Change(add: add, remove: remove)
    }
}
