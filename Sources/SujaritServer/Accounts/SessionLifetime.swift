import Foundation
import Vapor
import Fluent

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

extension SessionLifetime {
    /// Whether a stored session has ended at `now`: signed in too long ago, idle too long, or
    /// never signed in (sessions are made only at sign-in; a row without the stamps is left
    /// from before that rule).
    func hasEnded(_ data: SessionData, now: Date) -> Bool {
        guard let signedIn = data[Self.signedInAtKey].flatMap(Double.init),
              let seen = data[Self.seenAtKey].flatMap(Double.init) else { return true }
        let current = now.timeIntervalSince1970
        return current - seen > idle || current - signedIn > absolute
    }

    /// Deletes the rows of `_fluent_sessions` whose session has ended; returns how many.
    @discardableResult
    func deleteEnded(on database: any Database, now: Date) async throws -> Int {
        var ended: [UUID] = []
        for record in try await SessionRecord.query(on: database).all() where hasEnded(record.data, now: now) {
            if let id = record.id { ended.append(id) }
        }
        for batch in stride(from: 0, to: ended.count, by: 500).map({ Array(ended[$0..<min($0 + 500, ended.count)]) }) {
            try await SessionRecord.query(on: database).filter(\.$id ~~ batch).delete()
        }
        return ended.count
    }
}

/// Sweeps ended sessions out of the database once an hour while the server runs (the first
/// sweep a minute after start), so that `_fluent_sessions` does not grow without end.
struct SessionSweeper: LifecycleHandler {
    final class Handle: @unchecked Sendable {
        var task: Task<Void, Never>?
    }
    let handle = Handle()

    func didBoot(_ app: Application) throws {
        let lifetime = app.sessionLifetime
        handle.task = Task {
            var delay: UInt64 = 60
            while !Task.isCancelled {
                try? await Task.sleep(nanoseconds: delay * 1_000_000_000)
                if Task.isCancelled { return }
                delay = 3600
                do {
                    let count = try await lifetime.deleteEnded(on: app.db, now: app.sujaritClock())
                    if count > 0 { app.logger.info("deleted \(count) ended sessions") }
                } catch {
                    app.logger.warning("session sweep failed: \(error)")
                }
            }
        }
    }

    func shutdown(_ app: Application) {
        handle.task?.cancel()
    }
}
