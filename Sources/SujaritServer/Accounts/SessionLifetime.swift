import Foundation
import Vapor

/// How long a signed-in browser session lives on the server: it ends after `idle` without a
/// request, and `absolute` after sign-in whatever happens. Both moments are kept in the session
/// itself (`signedInAt`, `seenAt`, seconds since 1970 by `app.sujaritClock`), so every server of
/// an installation judges them alike; a session without them (from before this rule) has ended.
struct SessionLifetime: Sendable {
    var idle: TimeInterval
    var absolute: TimeInterval
    /// `seenAt` is written at most this often, so that reading pages does not rewrite the
    /// session row on every request.
    var touchInterval: TimeInterval = 60

    static let standard = SessionLifetime(idle: 8 * 3600, absolute: 7 * 24 * 3600)

    static let signedInAtKey = "signedInAt"
    static let seenAtKey = "seenAt"

    /// From `SUJARIT_SESSION_IDLE_MINUTES` and `SUJARIT_SESSION_MAX_HOURS` when set.
    static func fromEnvironment() -> SessionLifetime {
        var lifetime = standard
        if let minutes = Environment.get("SUJARIT_SESSION_IDLE_MINUTES").flatMap(Double.init), minutes > 0 { lifetime.idle = minutes * 60 }
        if let hours = Environment.get("SUJARIT_SESSION_MAX_HOURS").flatMap(Double.init), hours > 0 { lifetime.absolute = hours * 3600 }
        return lifetime
    }

    /// Marks a session as signed in now.
    static func start(_ session: Session, now: Date) {
        let stamp = String(Int(now.timeIntervalSince1970))
        session.data[signedInAtKey] = stamp
        session.data[seenAtKey] = stamp
    }

    /// Whether the session is still alive at `now`; when it is, notes that it was seen.
    func check(_ session: Session, now: Date) -> Bool {
        guard let signedIn = session.data[Self.signedInAtKey].flatMap(Double.init),
              let seen = session.data[Self.seenAtKey].flatMap(Double.init) else { return false }
        let current = now.timeIntervalSince1970
        guard current - seen <= idle, current - signedIn <= absolute, current + 300 >= signedIn else { return false }
        if current - seen >= touchInterval { session.data[Self.seenAtKey] = String(Int(current)) }
        return true
    }
}

struct SessionLifetimeKey: StorageKey { typealias Value = SessionLifetime }

extension Application {
    var sessionLifetime: SessionLifetime {
        get { storage[SessionLifetimeKey.self] ?? .standard }
        set { storage[SessionLifetimeKey.self] = newValue }
    }
}
