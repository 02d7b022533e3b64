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

/// Decide, then apply: the two steps of every plan change, for requests, the CLI and the demo.
enum PlanCommands {
    /// Asks `PlanWorkflow.decide` and hands the decision to `PlanStore.apply` (plan, import
    /// record and audit events in one transaction). Throws the `CommandRefusal` as it is.
    static func execute(_ command: PlanCommand, by actor: ActingUser, on state: PlanState, expectedVersion: Int? = nil,
                        database: any Database, dependencies: SujaritDependencies) async throws -> Plan {
        let decision = try PlanWorkflow.decide(command, by: actor, on: state, expectedVersion: expectedVersion,
                                               context: dependencies.decisionContext)
        // A revision published now gets its dashboard figures kept beside it (same transaction).
        let figures = try await PublishedFigures.makerIfPublishing(decision.change, database: database)
        return try await Stores(database: database).plans.apply(decision, publishedFigures: figures)
    }

    /// Runs a command that makes a plan for some years (`create`, `importSave`): decided on the
    /// series that holds those years now (`PlanState.periodLatest`), stored with the period
    /// claimed in the same transaction. When another request took the years (or started the
    /// draft revision) between the read and the write, the command is decided once more on
    /// what is stored then — so the answer is the same as if it had come second.
    static func executeNew(_ command: PlanCommand, by actor: ActingUser, organizationID: UUID,
                           database: any Database, dependencies: SujaritDependencies) async throws -> Plan {
        guard let plan = command.newPlan else {
            return try await execute(command, by: actor, on: PlanState(organizationID: organizationID), database: database,
                                     dependencies: dependencies)
        }
        let store = Stores(database: database).plans
        var attempt = 0
        while true {
            attempt += 1
            let state = try await store.newPlanState(organizationID: organizationID, first: plan.firstYear, last: plan.lastYear)
            do {
                return try await execute(command, by: actor, on: state, database: database, dependencies: dependencies)
            } catch let error as StoreError where attempt < 3 {
                switch error {
                case .periodTaken, .newerRevision: continue
                default: throw error
                }
            }
        }
    }
}

/// The one write path of plans in the server, for forms, the API and the importer: loads the
/// stored state, asks `PlanWorkflow.decide` (Core) whether and how the command changes it, and
/// hands the decision to `PlanStore.apply`, which writes the plan and its audit events in one
/// transaction. Route handlers build a `PlanCommand` and call `run`; nothing else writes plans.
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

    /// Runs `command` on the plan `planID` (text from the address) as the signed-in requester.
    /// `expectedVersion` is the version the requester read (nil where the command needs none).
    @discardableResult
    func run(_ command: PlanCommand, planID: String?, expectedVersion: Int?) async throws -> Plan {
        _ = try request.requireViewer()
        let id = try PlanService.parseID(planID)
        guard let state = try await request.stores.plans.state(planID: id, scope: request.readScope) else {
            throw SujaritError.notFound(.nfPlan)
        }
        return try await run(command, on: state, expectedVersion: expectedVersion)
    }

    /// Runs a command that makes a new plan (`create`, `importSave`) in an organization; the
    /// years' existing series decides it (`PlanCommands.executeNew`).
    @discardableResult
    func run(_ command: PlanCommand, inOrganization organizationID: UUID) async throws -> Plan {
        _ = try request.requireViewer()
        do {
            return try await PlanCommands.executeNew(command, by: request.actingUser(in: organizationID), organizationID: organizationID,
                                                     database: request.db, dependencies: request.dependencies)
        } catch let refusal as CommandRefusal {
            throw SujaritError(refusal)
        }
    }

    func run(_ command: PlanCommand, on state: PlanState, expectedVersion: Int?) async throws -> Plan {
        do {
            return try await PlanCommands.execute(command, by: request.actingUser(in: state.organizationID), on: state,
                                                  expectedVersion: expectedVersion, database: request.db,
                                                  dependencies: request.dependencies)
        } catch let refusal as CommandRefusal {
            if case .stale = refusal.kind, let plan = state.plan { throw try await conflict(plan) }
            throw SujaritError(refusal)
        } catch StoreError.conflict {
            // Someone saved between our read and our write: show them what is stored now.
            guard let id = state.plan?.id, let now = try await request.stores.plans.plan(id: id, scope: request.readScope) else {
                throw SujaritError.notFound(.nfPlan)
            }
            throw try await conflict(now)
        }
    }

    /// Applies a draft edit, provided the plan is still at `expectedVersion`.
    @discardableResult
    func edit(planID: String?, expectedVersion: Int, _ edit: PlanEdit) async throws -> Plan {
        try await run(.edit(edit), planID: planID, expectedVersion: expectedVersion)
    }

    func conflict(_ current: Plan) async throws -> PlanConflict {
        let last = try await AuditEventRecord.query(on: request.db)
            .filter(\.$subject == current.id.uuidString).filter(\.$organizationID == current.organizationID)
            .sort(\.$createdAt, .descending).first()
        var name: String?
        if let userID = last?.userID, let user = try await request.stores.users.find(id: userID) {
            name = user.displayName.isEmpty ? user.username : user.displayName
        }
        return PlanConflict(current: current, lastChange: last, lastChangedBy: name)
    }

    static func notDraft(_ plan: Plan) -> SujaritError {
        SujaritError(.conflict, PlanWorkflow.notDraftMessage(plan))
    }

    /// Takes a life-cycle step. Approving and publishing need the organization's admin.
    func transition(planID: String?, action: PlanAction, expectedVersion: Int, comment: String? = nil) async throws -> Plan {
        let stored = try await run(.transition(action, comment: comment), planID: planID, expectedVersion: expectedVersion)
        if stored.status == .published {
            // The public address now serves this revision: this server shows it at once.
            request.application.publishedCache.invalidate(organizationID: stored.organizationID)
        }
        return stored
    }

    /// Starts a new draft revision from a published (or approved) one. The old revision stays
    /// readable; only the latest revision of a series can be revised (the store checks it in
    /// the transaction that inserts, so parallel requests get the same 409 with the draft's address).
    func newRevision(planID: String?) async throws -> Plan {
        try await run(.newRevision, planID: planID, expectedVersion: nil)
    }

    func seriesID(of plan: Plan) async throws -> UUID {
        guard let record = try await PlanRecord.query(on: request.db)
            .filter(\.$id == plan.id).filter(\.$organizationID == plan.organizationID).first()
        else { throw SujaritError.notFound(.nfPlan) }
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
            if let user = try await request.stores.users.find(id: userID) {
                names[userID] = user.displayName.isEmpty ? user.username : user.displayName
            }
        }
        let revisionOf = Dictionary(uniqueKeysWithValues: revisions.map { ($0.id.uuidString, $0.revision) })
        let entries = try events.map { event in
            HistoryEntry(at: event.createdAt ?? Date(timeIntervalSince1970: 0), action: try event.auditAction(),
                         by: event.userID.flatMap { names[$0] } ?? "-", revision: revisionOf[event.subject] ?? 0, detail: event.detail)
        }
        return (plan, revisions, entries)
    }
}

/// One line of a plan's history: who did what, when, to which revision.
public struct HistoryEntry: Content, Sendable {
    public var at: Date
    public var action: AuditAction
    public var by: String
    public var revision: Int
    public var detail: String
}
