import Foundation

// The shape of every write (DESIGN.md "One write path"):
//
//   a typed command + who acts + the state as read
//     → one pure decision function in Core (`PlanWorkflow.decide`, `ComplaintWorkflow.decide`, …)
//     → `Decision<Change>`: the change to store and the audit events that record it,
//       or a thrown `CommandRefusal` naming what is wrong and where
//     → one store call (`PlanStore.apply`) that writes the change AND its audit events in one
//       database transaction, re-checking the version it was decided on.
//
// A new feature (monitoring rounds, complaint cases, …) adds its own `Command` enum, `State`
// struct, `Change` type and `decide` function with this signature, its `AuditAction` cases
// (each with a label), and one `apply` in its store.

/// บทบาทในองค์กร — what a member may do in one organization.
public enum OrganizationRole: String, CaseIterable, Sendable, Codable, Comparable {
    /// ผู้อ่าน — may read drafts.
    case viewer
    /// ผู้จัดทำ — may edit drafts and submit them.
    case editor
    /// ผู้ดูแล — stands for the executive: approves and publishes, manages members.
    case admin

    private var rank: Int { Self.allCases.firstIndex(of: self)! }
    public static func < (a: Self, b: Self) -> Bool { a.rank < b.rank }

    public var thaiName: String {
        switch self {
        case .viewer: "ผู้อ่าน"
        case .editor: "ผู้จัดทำแผน"
        case .admin: "ผู้ดูแล/ผู้บริหาร"
        }
    }
}


/// Who asks for a change: a signed-in person with their role in the organization concerned,
/// or the operator of the machine (CLI, demo loader), who acts with an admin's rights.
public struct ActingUser: Sendable, Equatable {
    /// The person, or nil for the operator.
    public var userID: UUID?
    /// The person's role in the organization the command concerns (nil: not a member).
    public var role: OrganizationRole?
    public var isSystemAdmin: Bool

    public init(userID: UUID?, role: OrganizationRole?, isSystemAdmin: Bool = false) {
        self.userID = userID
        self.role = role
        self.isSystemAdmin = isSystemAdmin
    }

    /// The operator of the installation: `sujarit import --save`, the demo loader.
    public static let system = ActingUser(userID: nil, role: .admin, isSystemAdmin: true)

    public var isSystem: Bool { userID == nil && isSystemAdmin }

    /// Whether the person holds at least `role` in the organization concerned.
    public func has(_ role: OrganizationRole) -> Bool {
        isSystemAdmin || (self.role.map { $0 >= role } ?? false)
    }
}

/// Time and ids for a decision, given from outside so that decisions stay pure and testable.
public struct DecisionContext: Sendable {
    public var now: Date
    public var makeID: @Sendable () -> UUID

    public init(now: Date, makeID: @escaping @Sendable () -> UUID) {
        self.now = now
        self.makeID = makeID
    }

    /// The real clock and random ids.
    public static var live: DecisionContext { DecisionContext(now: Date(), makeID: { UUID() }) }
}

/// One line of the audit trail, as a decision asks for it (the store adds the time).
public struct AuditEvent: Sendable, Equatable {
    public var organizationID: UUID?
    public var userID: UUID?
    public var action: AuditAction
    /// What the action concerns: a plan id, a username, a slug.
    public var subject: String
    public var detail: String

    public init(organizationID: UUID?, userID: UUID?, action: AuditAction, subject: String, detail: String = "") {
        self.organizationID = organizationID
        self.userID = userID
        self.action = action
        self.subject = subject
        self.detail = detail
    }
}

/// What a decision returns when the command may go ahead: the change for the store and the
/// audit events it writes in the same transaction.
public struct Decision<Change: Sendable>: Sendable {
    public var change: Change
    public var audit: [AuditEvent]

    public init(change: Change, audit: [AuditEvent]) {
        self.change = change
        self.audit = audit
    }
}

/// Why a command was refused: what kind of refusal (the server's status follows from it), a
/// Thai/English message, and the fields it concerns (a path such as "items[3].name").
public struct CommandRefusal: Error, Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        /// the actor may not do this (403)
        case forbidden
        /// the command names something that does not exist (404)
        case notFound
        /// not in the record's present state: a published plan edited, a settled import discarded (409)
        case wrongState
        /// the data breaks a rule or limit (422)
        case invalid
        /// the requester read an older version; `current` is the stored one (409 with the current record)
        case stale(current: Int)
    }

    public struct Field: Sendable, Equatable {
        public var path: String
        public var message: LocalizedText

        public init(_ path: String, _ message: LocalizedText) {
            self.path = path
            self.message = message
        }
    }

    public var kind: Kind
    public var message: LocalizedText
    public var fields: [Field]
    /// The plan the refusal points to (the one that already holds the years, the draft to
    /// continue): pages link it, the API answers it as `location`.
    public var relatedPlan: UUID?

    public init(_ kind: Kind, _ message: LocalizedText, fields: [Field] = [], relatedPlan: UUID? = nil) {
        self.kind = kind
        self.message = message
        self.fields = fields
        self.relatedPlan = relatedPlan
    }

    public static let forbidden = CommandRefusal(.forbidden, LocalizedText(th: "คุณไม่มีสิทธิ์ทำรายการนี้", en: "You are not allowed to do this"))
}

/// บันทึกการใช้งาน — every action the audit trail records. The raw value is what is stored;
/// a stored value that is not one of these is corrupt data, never shown as something else.
public enum AuditAction: String, CaseIterable, Sendable, Codable {
    // Plans
    case planCreate = "plan.create"
    case planUpdate = "plan.update"
    case planRevise = "plan.revise"
    case planSubmit = "plan.submit"
    case planReturnToDraft = "plan.returnToDraft"
    case planApprove = "plan.approve"
    case planPublish = "plan.publish"
    case planDelete = "plan.delete"
    case planFrontMatter = "plan.frontMatter"
    case planImport = "plan.import"
    case planImportAccept = "plan.import.accept"
    case planImportDiscard = "plan.import.discard"
    case missionAdd = "mission.add"
    case planReplaceName = "plan.replaceName"
    case itemAdd = "item.add"
    case itemUpdate = "item.update"
    case itemDelete = "item.delete"
    case itemMove = "item.move"
    case itemDuplicate = "item.duplicate"
    case itemBudgets = "item.budgets"
    case itemSheet = "item.sheet"
    case riskAdd = "risk.add"
    case riskUpdate = "risk.update"
    case riskDelete = "risk.delete"
    case targetAdd = "target.add"
    case targetUpdate = "target.update"
    case targetDelete = "target.delete"
    // Accounts and organizations
    case userCreate = "user.create"
    case userSignIn = "user.signin"
    case userSignInFailed = "user.signin.failed"
    case userSignOut = "user.signout"
    case userRoleSet = "user.role"
    case userPasswordChange = "user.password"
    case overseerGrant = "overseer.grant"
    case overseerRevoke = "overseer.revoke"
    case complaintOfficerAdd = "complaints.officer.add"
    case complaintOfficerRemove = "complaints.officer.remove"
    case complaintOverseerAdd = "complaints.overseer.add"
    case complaintOverseerRemove = "complaints.overseer.remove"
    case organizationCreate = "organization.create"
    case organizationUpdate = "organization.update"
    case demoLoad = "demo.load"
    // Monitoring rounds
    case roundOpen = "round.open"
    case roundRecordEdit = "round.record.edit"
    case roundSubmit = "round.submit"
    case roundReturn = "round.return"
    case roundApprove = "round.approve"
    case roundReopen = "round.reopen"
    case roundEvidenceAttach = "round.evidence.attach"
    case roundEvidenceRemove = "round.evidence.remove"
    case roundEvidencePublish = "round.evidence.publish"
    case roundEvidenceWithdraw = "round.evidence.withdraw"
    case roundImport = "round.import"
    case monitoringSettings = "monitoring.settings"

    /// The words of the history page: Thai, and English as a past-tense phrase.
    public var label: LocalizedText {
        switch self {
        case .planCreate: LocalizedText(th: "สร้างแผน", en: "created the plan")
        case .planUpdate: LocalizedText(th: "แก้ไขแผน", en: "changed the plan")
        case .planRevise: LocalizedText(th: "สร้างฉบับแก้ไขใหม่", en: "started a revision")
        case .planSubmit: LocalizedText(th: "เสนออนุมัติ", en: "submitted")
        case .planReturnToDraft: LocalizedText(th: "ส่งกลับเป็นร่าง", en: "returned to draft")
        case .planApprove: LocalizedText(th: "อนุมัติ", en: "approved")
        case .planPublish: LocalizedText(th: "เผยแพร่", en: "published")
        case .planDelete: LocalizedText(th: "ลบแผน", en: "deleted the plan")
        case .planFrontMatter: LocalizedText(th: "แก้ไขส่วนนำ", en: "edited front matter")
        case .planImport: LocalizedText(th: "นำเข้าแผนจากเอกสาร", en: "imported the plan from a document")
        case .planImportAccept: LocalizedText(th: "รับแผนที่นำเข้าเป็นร่าง", en: "accepted the import")
        case .planImportDiscard: LocalizedText(th: "ทิ้งการนำเข้า", en: "discarded the import")
        case .missionAdd: LocalizedText(th: "เพิ่มภารกิจ", en: "added a mission")
        case .planReplaceName: LocalizedText(th: "แทนชื่อองค์กรในเอกสารนำเข้า", en: "replaced the organization's name")
        case .itemAdd: LocalizedText(th: "เพิ่มรายการ", en: "added an item")
        case .itemUpdate: LocalizedText(th: "แก้ไขรายการ", en: "edited an item")
        case .itemDelete: LocalizedText(th: "ลบรายการ", en: "deleted an item")
        case .itemMove: LocalizedText(th: "ย้ายรายการ", en: "moved an item")
        case .itemDuplicate: LocalizedText(th: "ทำสำเนารายการ", en: "duplicated an item")
        case .itemBudgets: LocalizedText(th: "แก้ไขงบประมาณ", en: "edited budgets")
        case .itemSheet: LocalizedText(th: "แก้ไขรายละเอียดโครงการ", en: "edited a sheet")
        case .riskAdd: LocalizedText(th: "เพิ่มความเสี่ยง", en: "added a risk")
        case .riskUpdate: LocalizedText(th: "แก้ไขความเสี่ยง", en: "edited a risk")
        case .riskDelete: LocalizedText(th: "ลบความเสี่ยง", en: "deleted a risk")
        case .targetAdd: LocalizedText(th: "เพิ่มค่าเป้าหมาย", en: "added a target")
        case .targetUpdate: LocalizedText(th: "แก้ไขค่าเป้าหมาย", en: "edited a target")
        case .targetDelete: LocalizedText(th: "ลบค่าเป้าหมาย", en: "deleted a target")
        case .userCreate: LocalizedText(th: "สร้างบัญชีผู้ใช้", en: "created an account")
        case .userSignIn: LocalizedText(th: "เข้าสู่ระบบ", en: "signed in")
        case .userSignInFailed: LocalizedText(th: "เข้าสู่ระบบไม่สำเร็จ", en: "failed to sign in")
        case .userSignOut: LocalizedText(th: "ออกจากระบบ", en: "signed out")
        case .userRoleSet: LocalizedText(th: "กำหนดบทบาทในองค์กร", en: "set a role in the organization")
        case .userPasswordChange: LocalizedText(th: "เปลี่ยนรหัสผ่าน", en: "changed the password")
        case .overseerGrant: LocalizedText(th: "ให้สิทธิ์ผู้กำกับดูแล", en: "made an overseer")
        case .overseerRevoke: LocalizedText(th: "ยกเลิกสิทธิ์ผู้กำกับดูแล", en: "removed an overseer")
        case .complaintOfficerAdd: LocalizedText(th: "แต่งตั้งเจ้าหน้าที่รับเรื่องร้องเรียน", en: "made a complaint officer")
        case .complaintOfficerRemove: LocalizedText(th: "ยกเลิกเจ้าหน้าที่รับเรื่องร้องเรียน", en: "removed a complaint officer")
        case .complaintOverseerAdd: LocalizedText(th: "แต่งตั้งหน่วยงานภายนอกรับเรื่องร้องเรียนผู้บริหาร", en: "made a complaint overseer of a province")
        case .complaintOverseerRemove: LocalizedText(th: "ยกเลิกหน่วยงานภายนอกรับเรื่องร้องเรียนผู้บริหาร", en: "removed a complaint overseer of a province")
        case .organizationCreate: LocalizedText(th: "เพิ่มองค์กร", en: "added the organization")
        case .organizationUpdate: LocalizedText(th: "แก้ไขข้อมูลองค์กร", en: "edited the organization")
        case .demoLoad: LocalizedText(th: "โหลดข้อมูลตัวอย่าง", en: "loaded the demo data")
        case .roundOpen: LocalizedText(th: "เปิดรอบการติดตาม", en: "opened the round")
        case .roundRecordEdit: LocalizedText(th: "บันทึกผล", en: "reported on an item")
        case .roundSubmit: LocalizedText(th: "เสนออนุมัติผลการติดตาม", en: "submitted the round")
        case .roundReturn: LocalizedText(th: "ส่งกลับแก้ไข", en: "sent the round back")
        case .roundApprove: LocalizedText(th: "อนุมัติและล็อกรอบ", en: "approved and locked the round")
        case .roundReopen: LocalizedText(th: "เปิดรอบอีกครั้ง", en: "reopened the round")
        case .roundEvidenceAttach: LocalizedText(th: "แนบหลักฐาน", en: "attached evidence")
        case .roundEvidenceRemove: LocalizedText(th: "ลบหลักฐาน", en: "removed evidence")
        case .roundEvidencePublish: LocalizedText(th: "เผยแพร่หลักฐานต่อสาธารณะ", en: "made evidence public")
        case .roundEvidenceWithdraw: LocalizedText(th: "จำกัดหลักฐานเฉพาะสมาชิก", en: "made evidence members-only")
        case .roundImport: LocalizedText(th: "เปิดรอบจากเอกสารรายงานผล", en: "opened the round from a results document")
        case .monitoringSettings: LocalizedText(th: "ตั้งค่าการติดตาม", en: "changed the monitoring settings")
        }
    }

    /// The action recorded for a life-cycle step.
    public init(_ step: PlanAction) {
        switch step {
        case .submit: self = .planSubmit
        case .returnToDraft: self = .planReturnToDraft
        case .approve: self = .planApprove
        case .publish: self = .planPublish
        }
    }
}
