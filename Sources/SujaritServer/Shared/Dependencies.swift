import Foundation
import Vapor
import Fluent
import SujaritCore
import SujaritPersistence

/// What the server takes from the world: the time and new ids. Set up once in `configure`
/// (`app.dependencies`); tests replace it to move time or to get known ids. The write path
/// (`PlanWorkflow` decisions), sessions, sign-in limits and publish times read it here instead
/// of calling `Date()` or `UUID()`.
public struct SujaritDependencies: Sendable {
    public var now: @Sendable () -> Date
    public var makeID: @Sendable () -> UUID

    public init(now: @escaping @Sendable () -> Date, makeID: @escaping @Sendable () -> UUID) {
        self.now = now
        self.makeID = makeID
    }

    public static let live = SujaritDependencies(now: { Date() }, makeID: { UUID() })

    /// The time and ids one decision uses.
    public var decisionContext: DecisionContext { DecisionContext(now: now(), makeID: makeID) }
}

struct DependenciesKey: StorageKey { typealias Value = SujaritDependencies }

extension Application {
    public var dependencies: SujaritDependencies {
        get { storage[DependenciesKey.self] ?? .live }
        set { storage[DependenciesKey.self] = newValue }
    }

    /// The time now (`dependencies.now`), for rules that depend on it: session lifetimes,
    /// sign-in rate limits. Tests replace it to move time forward without waiting.
    public var sujaritClock: @Sendable () -> Date {
        get { dependencies.now }
        set { dependencies.now = newValue }
    }
}

/// The stores on one database, made in one place: handlers and services take them from
/// `request.stores` (the primary), `request.publicStores` / `request.lagTolerantStores` (reads
/// that may go to the replica, `Shared/ReadReplica.swift`) or `app.stores` (outside a request),
/// never by constructing a store themselves.
struct Stores {
    let database: any Database

    var plans: PlanStore { PlanStore(database) }
    var imports: PlanImportStore { PlanImportStore(database) }
    var organizations: OrganizationStore { OrganizationStore(database) }
    var users: UserStore { UserStore(database) }
    var audit: AuditLog { AuditLog(database) }
    var complaints: ComplaintStore { ComplaintStore(database) }
    var accounts: AccountStore { AccountStore(database) }
    var overseers: OverseerStore { OverseerStore(database) }
    var dashboards: DashboardStore { DashboardStore(database) }
    var signInFailures: SignInFailureStore { SignInFailureStore(database) }
    var monitoring: MonitoringStore { MonitoringStore(database) }
}

extension Request {
    var dependencies: SujaritDependencies { application.dependencies }
    var stores: Stores { Stores(database: db) }

    /// The requester as the decision functions see them, for one organization.
    func actingUser(in organizationID: UUID) -> ActingUser {
        guard let viewer else { return ActingUser(userID: nil, role: nil) }
        return ActingUser(userID: viewer.userID, role: viewer.role(in: organizationID), isSystemAdmin: viewer.isSystemAdmin)
    }
}

extension Application {
    var stores: Stores { Stores(database: db) }
}
