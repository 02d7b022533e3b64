import Foundation
import FluentKit
import SujaritCore

extension PlanStore {
    /// Who submitted, approved and published a revision, when, with the comments: read from
    /// the revision's history (`audit_events`, written in the transaction of each step) and the
    /// names from `users`. A plan stored without the workflow (fixtures, the demo) has none.
    public func approval(planID: UUID, organizationID: UUID) async throws -> PlanApproval {
        let events = try await AuditEventRecord.query(on: database)
            .filter(\.$organizationID == organizationID)
            .filter(\.$subject == planID.uuidString)
            .filter(\.$action ~~ PlanApproval.actions.map(\.rawValue))
            .sort(\.$createdAt, .ascending)
            .limit(200)
            .all()
        guard !events.isEmpty else { return PlanApproval() }
        let userIDs = Array(Set(events.compactMap(\.userID)))
        let users = userIDs.isEmpty ? [] : try await UserRecord.query(on: database).filter(\.$id ~~ userIDs).all()
        var names: [UUID: String] = [:]
        for user in users {
            guard let id = user.id else { continue }
            names[id] = user.displayName.isEmpty ? user.username : user.displayName
        }
        let read: [PlanApproval.Event] = events.compactMap { event in
            guard let action = AuditAction(rawValue: event.action) else { return nil }
            return PlanApproval.Event(action: action, by: event.userID.flatMap { names[$0] } ?? "-",
                                      at: event.createdAt ?? Date(timeIntervalSince1970: 0), detail: event.detail)
        }
        return PlanApproval.from(events: read)
    }
}
