import Foundation
import Fluent
import SujaritCore
import SujaritDemo
@_spi(Fixtures) import SujaritPersistence

/// Writes `NationData` into a database through the stores' ordinary paths: each organization
/// with its plan revisions in one transaction (`OrganizationStore.create`, `PlanStore.create`,
/// then `createRevision` and `save` for each later revision). Organizations whose slug is
/// already there are skipped, so an interrupted load can simply be run again.
public struct NationLoader: Sendable {
    public struct Progress: Sendable {
        public var done: Int
        public var written: Int
        public var skipped: Int
        public var plans: Int
        public var items: Int
    }

    let database: any Database

    public init(_ database: any Database) { self.database = database }

    /// Loads `count` organizations (default: the nation's 7,850). `report` is called after
    /// every `every` organizations.
    @discardableResult
    public func load(count: Int = NationData.nationOrganizationCount, seed: UInt64 = 2566, every: Int = 250,
                     report: @Sendable (Progress) -> Void = { _ in }) async throws -> Progress {
        var progress = Progress(done: 0, written: 0, skipped: 0, plans: 0, items: 0)
        let organizations = NationData.organizations(count: count, seed: seed)
        for (number, organization) in organizations.enumerated() {
            if try await OrganizationRecord.query(on: database).filter(\.$slug == organization.slug).first() != nil {
                progress.skipped += 1
            } else {
                let revisions = NationData.revisions(for: organization, number: number, seed: seed)
                try await database.transaction { db in
                    try await OrganizationStore(db).create(organization)
                    let plans = PlanStore(db)
                    var previous: Plan?
                    for revision in revisions {
                        if let published = previous {
                            let draft = try await plans.createRevision(from: published, newID: revision.id)
                            var changed = revision
                            changed.revision = draft.revision
                            previous = try await plans.save(changed, expectedVersion: draft.version)
                        } else {
                            previous = try await plans.create(revision)
                        }
                    }
                }
                progress.written += 1
                progress.plans += revisions.count
                progress.items += revisions.map(\.items.count).reduce(0, +)
            }
            progress.done = number + 1
            if progress.done % max(1, every) == 0 || progress.done == organizations.count { report(progress) }
        }
        return progress
    }
}
