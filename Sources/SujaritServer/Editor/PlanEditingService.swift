import Foundation
import Vapor
import Fluent
import SujaritCore
import SujaritPersistence
import SujaritAPIModels

/// A version conflict: someone saved the plan after the requester last read it. Carries the
/// plan as it is now so that pages and the API can show the other person's change.
struct PlanConflict: Error {
    var current: Plan
    var lastChange: AuditEventRecord?
    var lastChangedBy: String?
}

/// The edits and life-cycle steps of a plan, shared by the web forms and the JSON API:
/// permission, status and version checks, the pure edit from `PlanEditing`, the blocking
/// validation, one transactional save, and an audit record.
struct PlanEditingService {
    let request: Request

    var base: PlanService { PlanService(request: request) }

    /// Loads a plan for editing: the requester must be an editor (or admin) of its organization.
    func editablePlan(id: String?) async throws -> (Plan, Viewer) {
        let viewer = try request.requireViewer()
        let plan = try await base.readablePlan(id: id)
        guard viewer.can(.editor, in: plan.organizationID) else { throw SujaritError.forbidden() }
        return (plan, viewer)
    }

    /// Applies `change` to the draft plan `id`, provided it is still at `expectedVersion`.
    @discardableResult
    func edit(planID: String?, expectedVersion: Int, action: String, subject: String = "",
              _ change: (Plan) throws -> Plan) async throws -> Plan {
        let (plan, viewer) = try await editablePlan(id: planID)
        guard plan.status == .draft else { throw Self.notDraft(plan) }
        guard plan.version == expectedVersion else { throw try await conflict(plan) }
        let changed: Plan
        do {
            changed = try change(plan)
        } catch let error as PlanEditError {
            // A row the plan does not have (an item id of another plan) is 404, as documented.
            throw SujaritError(error.isMissing ? .notFound : .unprocessableEntity, error.message,
                               fields: [FieldError(field: error.field, message: error.message)])
        }
        try PlanService.checkLengths(changed)
        try PlanService.rejectBlockingFindings(changed)
        let stored: Plan
        do {
            stored = try await base.plans.save(changed, expectedVersion: expectedVersion)
        } catch StoreError.conflict {
            let now = try await base.readablePlan(id: planID)
            throw try await conflict(now)
        }
        try await AuditLog(request.db).record(organizationID: plan.organizationID, userID: viewer.userID, action: action,
                                             subject: plan.id.uuidString, detail: subject)
        return stored
    }

    func conflict(_ current: Plan) async throws -> PlanConflict {
        let last = try await AuditEventRecord.query(on: request.db)
            .filter(\.$subject == current.id.uuidString).filter(\.$organizationID == current.organizationID)
            .sort(\.$createdAt, .descending).first()
        var name: String?
        if let userID = last?.userID, let user = try await UserStore(request.db).find(id: userID) {
            name = user.displayName.isEmpty ? user.username : user.displayName
        }
        return PlanConflict(current: current, lastChange: last, lastChangedBy: name)
    }

    static func notDraft(_ plan: Plan) -> StoreError {
        .notAllowed(LocalizedText(
            th: "แผนฉบับนี้อยู่ในสถานะ “\(plan.status.thaiName)” แก้ไขไม่ได้\(plan.status == .published ? " ให้สร้างฉบับแก้ไขใหม่" : plan.status == .submitted ? " ให้ส่งกลับเป็นร่างก่อน" : "")",
            en: "This revision is \(plan.status.englishName.lowercased()) and cannot be changed\(plan.status == .published ? "; start a new revision" : "")"))
    }

    /// Takes a life-cycle step. Approving and publishing need the organization's admin.
    func transition(planID: String?, action: PlanAction, expectedVersion: Int, comment: String? = nil) async throws -> Plan {
        let viewer = try request.requireViewer()
        let plan = try await base.readablePlan(id: planID)
        guard viewer.can(action.needsAdmin ? .admin : .editor, in: plan.organizationID) else { throw SujaritError.forbidden() }
        guard plan.version == expectedVersion else { throw try await conflict(plan) }
        let changed: Plan
        do {
            changed = try action.apply(to: plan)
        } catch let error as PlanEditError {
            throw SujaritError(.conflict, error.message, fields: [FieldError(field: error.field, message: error.message)])
        }
        let stored: Plan
        do {
            stored = try await base.plans.save(changed, expectedVersion: expectedVersion)
        } catch StoreError.conflict {
            throw try await conflict(try await base.readablePlan(id: planID))
        }
        if stored.status != .draft {
            // A plan that moved on from its draft settles its import: it can no longer be discarded.
            try await PlanImportStore(request.db).settle(planID: stored.id, organizationID: stored.organizationID)
        }
        try await AuditLog(request.db).record(organizationID: plan.organizationID, userID: viewer.userID,
                                             action: "plan.\(action.rawValue)", subject: plan.id.uuidString,
                                             detail: "\(plan.status.rawValue) → \(stored.status.rawValue)" + Self.commentDetail(comment))
        return stored
    }

    /// The approver's optional comment as it is kept in the history ("… · ความเห็น: …").
    static let commentMarker = " · ความเห็น: "
    static func commentDetail(_ comment: String?) -> String {
        guard let text = comment?.cleaned, !text.isEmpty else { return "" }
        return commentMarker + String(text.prefix(2_000))
    }

    /// Starts a new draft revision from a published (or approved) one. The old revision stays
    /// readable; only the latest revision of a series can be revised.
    func newRevision(planID: String?) async throws -> Plan {
        let (plan, viewer) = try await editablePlan(id: planID)
        guard plan.status == .published || plan.status == .approved else {
            throw StoreError.notAllowed(LocalizedText(
                th: "สร้างฉบับแก้ไขได้จากแผนที่อนุมัติหรือเผยแพร่แล้วเท่านั้น", en: "Only an approved or published plan can be revised"))
        }
        // At most one revision after the latest published one: the store checks it again in the
        // transaction that inserts, so parallel requests get the same 409 with the draft's address.
        let draft = try await base.plans.createRevision(from: plan)
        try await AuditLog(request.db).record(organizationID: plan.organizationID, userID: viewer.userID, action: "plan.revise",
                                             subject: draft.id.uuidString, detail: "from \(plan.id.uuidString) revision \(plan.revision)")
        return draft
    }

    func seriesID(of plan: Plan) async throws -> UUID {
        guard let record = try await PlanRecord.query(on: request.db)
            .filter(\.$id == plan.id).filter(\.$organizationID == plan.organizationID).first()
        else { throw SujaritError.notFound("แผน") }
        return record.seriesID
    }

    /// Revisions of the plan's series and who did what to them, newest first.
    func history(planID: String?) async throws -> (Plan, [PlanListEntry], [HistoryEntry]) {
        let plan = try await base.readablePlan(id: planID)
        let viewer = request.viewer
        let member = viewer?.can(.viewer, in: plan.organizationID) ?? false
        let series = try await seriesID(of: plan)
        var revisions = try await base.plans.revisions(seriesID: series, organizationID: plan.organizationID)
        if !member { revisions = revisions.filter { $0.status == .published } }
        let ids = revisions.map { $0.id.uuidString }
        let events = member ? try await AuditEventRecord.query(on: request.db)
            .filter(\.$organizationID == plan.organizationID).filter(\.$subject ~~ ids)
            .sort(\.$createdAt, .descending).limit(500).all() : []
        var names: [UUID: String] = [:]
        for userID in Set(events.compactMap(\.userID)) {
            if let user = try await UserStore(request.db).find(id: userID) {
                names[userID] = user.displayName.isEmpty ? user.username : user.displayName
            }
        }
        let revisionOf = Dictionary(uniqueKeysWithValues: revisions.map { ($0.id.uuidString, $0.revision) })
        let entries = events.map { event in
            HistoryEntry(at: event.createdAt ?? Date(timeIntervalSince1970: 0), action: event.action,
                         by: event.userID.flatMap { names[$0] } ?? "-", revision: revisionOf[event.subject] ?? 0, detail: event.detail)
        }
        return (plan, revisions, entries)
    }
}

/// One line of a plan's history: who did what, when, to which revision.
public struct HistoryEntry: Content, Sendable {
    public var at: Date
    public var action: String
    public var by: String
    public var revision: Int
    public var detail: String
}
