import Foundation
import Fluent
import SujaritCore
import SujaritDemo
import SujaritPersistence

/// Writes `NationData` into a database through the one write path, as the operator
/// (`ActingUser.system`): each organization with its plan revisions in one transaction — the
/// first revision created, each later one as `newRevision` + `replace`, then the life-cycle
/// steps up to the generated status — every change with its audit record; every third
/// organization with a published plan also gets an approved 6-month round of 2568 (the demo's
/// monitoring values). Organizations whose
/// slug is already there are skipped, so an interrupted load can simply be run again.
public struct NationLoader: Sendable {
    public struct Progress: Sendable {
        public var done: Int
        public var written: Int
        public var skipped: Int
        public var plans: Int
        public var items: Int
        public var rounds: Int = 0
    }

    let database: any Database
    let dependencies: SujaritDependencies

    public init(_ database: any Database, dependencies: SujaritDependencies = .live) {
        self.database = database
        self.dependencies = dependencies
    }

    /// Loads `count` organizations (default: the nation's 7,850), `parallel` at a time (each in
    /// its own transaction; on SQLite the writers queue for the write lock, so 1 is best there).
    /// `report` is called after every `every` organizations.
    @discardableResult
    public func load(count: Int = NationData.nationOrganizationCount, seed: UInt64 = 2566, every: Int = 250, parallel: Int = 1,
                     report: @Sendable (Progress) -> Void = { _ in }) async throws -> Progress {
        var progress = Progress(done: 0, written: 0, skipped: 0, plans: 0, items: 0)
        let organizations = Array(NationData.organizations(count: count, seed: seed).enumerated())
        let width = max(1, min(parallel, 16))
        var next = 0
        while next < organizations.count {
            let window = organizations[next..<min(next + width, organizations.count)]
            let results = try await withThrowingTaskGroup(of: Written?.self) { group in
                for (number, organization) in window {
                    group.addTask { try await self.write(organization, number: number, seed: seed) }
                }
                var all: [Written?] = []
                for try await result in group { all.append(result) }
                return all
            }
            for result in results {
                guard let result else { progress.skipped += 1; continue }
                progress.written += 1
                progress.plans += result.plans
                progress.items += result.items
                progress.rounds += result.rounds
            }
            let before = progress.done
            progress.done = window.last!.offset + 1
            if progress.done / max(1, every) != before / max(1, every) || progress.done == organizations.count { report(progress) }
            next += width
        }
        return progress
    }

    struct Written: Sendable {
        var plans: Int
        var items: Int
        var rounds: Int
    }

    /// One organization with its revisions (and round) in one transaction; nil when its slug is
    /// there already.
    func write(_ organization: Organization, number: Int, seed: UInt64) async throws -> Written? {
        if try await OrganizationRecord.query(on: database).filter(\.$slug == organization.slug).first() != nil { return nil }
        let revisions = NationData.revisions(for: organization, number: number, seed: seed)
        let dependencies = self.dependencies
        let rounds = try await database.transaction { db -> Int in
            var rounds = 0
            try await Stores(database: db).organizations.create(organization)
            let plans = Stores(database: db).plans
            func state(_ id: UUID) async throws -> PlanState {
                guard let state = try await plans.state(planID: id, scope: .everything) else { throw CommandRefusal(.notFound, LocalizedText(.nfPlan)) }
                return state
            }
            func run(_ command: PlanCommand, on state: PlanState, expectedVersion: Int? = nil,
                     firstID: UUID? = nil) async throws -> Plan {
                // The generated revision's id becomes the new plan's id (the decision asks
                // for the plan id first), so a generated data set has stable addresses.
                var deps = dependencies
                if let firstID {
                    let ids = FirstIDThenFresh(firstID, fresh: dependencies.makeID)
                    deps = SujaritDependencies(now: dependencies.now, makeID: { ids.next() })
                }
                return try await PlanCommands.execute(command, by: .system, on: state, expectedVersion: expectedVersion,
                                                      database: db, dependencies: deps)
            }
            var previous: Plan?
            for revision in revisions {
                guard let earlier = previous else {
                    previous = try await run(.create(revision), on: PlanState(organizationID: organization.id))
                    continue
                }
                let draft = try await run(.newRevision, on: try await state(earlier.id), firstID: revision.id)
                var changed = revision
                changed.id = draft.id
                changed.status = .draft
                var current = try await run(.replace(changed), on: try await state(draft.id), expectedVersion: draft.version)
                let steps: [PlanAction] = switch revision.status {
                case .draft: []
                case .submitted: [.submit]
                case .approved: [.submit, .approve]
                case .published: [.submit, .approve, .publish]
                }
                for step in steps {
                    current = try await run(.transition(step, comment: nil), on: try await state(current.id), expectedVersion: current.version)
                }
                previous = current
            }
            // Every third organization with a published plan has reported its 6-month
            // round of 2568 (filled and approved through the monitoring write path).
            if let served = previous, served.status == .published, number % 3 == 0, let series = revisions.first?.id {
                try await DemoMonitoringSetup.load(on: db, plan: served, seriesID: series, dependencies: dependencies)
                rounds += 1
            }
            return rounds
        }
        return Written(plans: revisions.count, items: revisions.map(\.items.count).reduce(0, +), rounds: rounds)
    }
}

/// Hands out one chosen id, then fresh ones.
private final class FirstIDThenFresh: @unchecked Sendable {
    private let lock = NSLock()
    private var first: UUID?
    private let fresh: @Sendable () -> UUID

    init(_ first: UUID, fresh: @escaping @Sendable () -> UUID) {
        self.first = first
        self.fresh = fresh
    }

    func next() -> UUID {
        lock.lock()
        defer { lock.unlock() }
        if let id = first {
            first = nil
            return id
        }
        return fresh()
    }
}
