import Foundation
import Vapor
import Fluent
import SujaritCore
import SujaritPersistence

// MARK: Rate limit

/// Sliding-window counts kept in memory, per server process: the complaint channel's limits
/// (`ComplaintThrottle`) use it. Sign-in counts live in the database (`SignInLimiter`).
final class SignInThrottle: @unchecked Sendable {
    struct Limit: Sendable {
        var failures: Int
        var window: TimeInterval
    }

    /// 5 wrong passwords for one account from one client address in 15 minutes.
    static let accountLimit = Limit(failures: 5, window: 15 * 60)
    /// 20 wrong passwords for one account from all addresses together in 15 minutes. Reaching
    /// it stops only the addresses that have themselves failed for the account in the window:
    /// guessing spread over many addresses is held to one try per address, while the officer,
    /// from an address that sent no wrong password, still signs in — nobody can keep an
    /// account locked from elsewhere.
    static let accountWideLimit = Limit(failures: 20, window: 15 * 60)
    /// 100 wrong passwords from one client address in 15 minutes: stops password spraying from
    /// one address while a whole office behind one address can still mistype.
    static let clientLimit = Limit(failures: 100, window: 15 * 60)
    /// Keys kept before old ones are dropped, so that guessing many names cannot fill memory.
    static let maximumKeys = 20_000

    private let lock = NSLock()
    private var failures: [String: [Date]] = [:]

    struct Key: Hashable {
        var name: String
        var limit: Limit

        static func == (a: Key, b: Key) -> Bool { a.name == b.name }
        func hash(into hasher: inout Hasher) { hasher.combine(name) }

        /// One account from one client address (the limit that refuses at once).
        static func account(_ username: String, from client: String) -> Key {
            Key(name: "account:" + username.lowercased() + "|" + client, limit: SignInThrottle.accountLimit)
        }

        /// One account from every address (refuses only addresses that failed for it).
        static func accountWide(_ username: String) -> Key {
            Key(name: "account:" + username.lowercased(), limit: SignInThrottle.accountWideLimit)
        }

        static func client(_ address: String) -> Key {
            Key(name: "client:" + address, limit: SignInThrottle.clientLimit)
        }
    }

    /// Seconds to wait before another attempt is allowed under any of the keys, or nil.
    func retryAfter(_ keys: [Key], now: Date) -> Int? {
        lock.lock()
        defer { lock.unlock() }
        var recentByKey: [String: [Date]] = [:]
        for key in keys {
            let recent = (failures[key.name] ?? []).filter { now.timeIntervalSince($0) < key.limit.window }
            failures[key.name] = recent.isEmpty ? nil : recent
            recentByKey[key.name] = recent
        }
        return Self.wait(keys, recent: recentByKey, now: now)
    }

    /// The wait the failures under `keys` impose at `now`: allowed again when enough of them
    /// have left the window. Nil when no limit is reached.
    static func wait(_ keys: [Key], recent: [String: [Date]], now: Date) -> Int? {
        var wait: TimeInterval = 0
        for key in keys {
            let times = (recent[key.name] ?? []).filter { now.timeIntervalSince($0) < key.limit.window }.sorted()
            if times.count >= key.limit.failures {
                let release = times[times.count - key.limit.failures].addingTimeInterval(key.limit.window)
                wait = max(wait, release.timeIntervalSince(now))
            }
        }
        return wait > 0 ? max(1, Int(wait.rounded(.up))) : nil
    }

    func recordFailure(_ keys: [Key], now: Date) {
        lock.lock()
        defer { lock.unlock() }
        if failures.count >= Self.maximumKeys {
            let longest = max(Self.accountLimit.window, Self.clientLimit.window)
            failures = failures.filter { $0.value.contains { now.timeIntervalSince($0) < longest } }
            if failures.count >= Self.maximumKeys { failures.removeAll() }
        }
        for key in keys {
            var list = failures[key.name] ?? []
            list.append(now)
            if list.count > key.limit.failures * 2 { list.removeFirst(list.count - key.limit.failures * 2) }
            failures[key.name] = list
        }
    }

    func clear(_ key: Key) {
        lock.lock()
        defer { lock.unlock() }
        failures[key.name] = nil
    }
}

/// Counts failed sign-ins per account and per client address in a sliding window and refuses
/// further attempts (429 with `Retry-After`) once a limit is reached. The count only looks back
/// over the window, so an account is never locked for longer than the window after the last
/// failures: an officer whose name someone else tries can always sign in again later. A
/// successful sign-in clears the account's count.
///
/// The failures are rows of `sign_in_failures` (`SignInFailureStore`), so every server of an
/// installation counts the same ones; each key is stored as an HMAC under the installation's
/// key (`server_secrets`), never as the name or address itself, and rows older than the longest
/// window are deleted whenever a failure is recorded.
struct SignInLimiter: Sendable {
    let database: any Database
    let key: SymmetricKey

    /// The limiter on the application's database, with the installation's key (read once per process).
    static func on(_ request: Request) async throws -> SignInLimiter {
        let box = request.application.signInKeyBox
        if let key = box.key { return SignInLimiter(database: request.db, key: key) }
        let key = try await request.stores.signInFailures.key()
        box.key = key
        return SignInLimiter(database: request.db, key: key)
    }

    static var longestWindow: TimeInterval {
        max(SignInThrottle.accountLimit.window, SignInThrottle.accountWideLimit.window, SignInThrottle.clientLimit.window)
    }

    func stored(_ key: SignInThrottle.Key) -> String {
        let mac = HMAC<SHA256>.authenticationCode(for: Data(key.name.utf8), using: self.key)
        return Data(mac).map { String(format: "%02x", $0) }.joined()
    }

    /// Seconds to wait before another attempt is allowed under any of the keys, or nil.
    func retryAfter(_ keys: [SignInThrottle.Key], now: Date) async throws -> Int? {
        SignInThrottle.wait(keys, recent: try await recent(keys, now: now), now: now)
    }

    /// The failures under each key (by its name) within the longest window.
    func recent(_ keys: [SignInThrottle.Key], now: Date) async throws -> [String: [Date]] {
        let names = Dictionary(keys.map { (stored($0), $0.name) }, uniquingKeysWith: { a, _ in a })
        let since = now.timeIntervalSince1970 - Self.longestWindow
        let rows = try await Stores(database: database).signInFailures.failures(keys: Array(names.keys), since: since)
        var recent: [String: [Date]] = [:]
        for (hashed, times) in rows {
            if let name = names[hashed] { recent[name] = times.map { Date(timeIntervalSince1970: $0) } }
        }
        return recent
    }

    func recordFailure(_ keys: [SignInThrottle.Key], now: Date) async throws {
        let at = now.timeIntervalSince1970
        try await Stores(database: database).signInFailures.record(keys: keys.map(stored), at: at, forgetBefore: at - Self.longestWindow)
    }

    func clear(_ key: SignInThrottle.Key) async throws {
        try await Stores(database: database).signInFailures.clear(key: stored(key))
    }
}

/// The installation's sign-in key once read from the database.
final class SignInKeyBox: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: SymmetricKey?
    var key: SymmetricKey? {
        get { lock.withLock { stored } }
        set { lock.withLock { stored = newValue } }
    }
}

struct SignInKeyBoxKey: StorageKey { typealias Value = SignInKeyBox }

/// A bcrypt hash of a random password at the configured cost, compared against when the user
/// does not exist so that the answer takes as long as for a real user.
final class DummyPasswordHash: @unchecked Sendable {
    private let lock = NSLock()
    private var hash: String?

    func value(on request: Request) async throws -> String {
        if let cached = lock.withLock({ hash }) { return cached }
        // The application's own hasher, so the cost is the one real hashes are made with.
        let made = try await request.password.async.hash([UInt8].random(count: 24).base64URL)
        return lock.withLock {
            if hash == nil { hash = made }
            return hash!
        }
    }
}

struct DummyPasswordHashKey: StorageKey { typealias Value = DummyPasswordHash }

extension Application {
    var signInKeyBox: SignInKeyBox {
        if let existing = storage[SignInKeyBoxKey.self] { return existing }
        let made = SignInKeyBox()
        storage[SignInKeyBoxKey.self] = made
        return made
    }

    var dummyPasswordHash: DummyPasswordHash {
        if let existing = storage[DummyPasswordHashKey.self] { return existing }
        let made = DummyPasswordHash()
        storage[DummyPasswordHashKey.self] = made
        return made
    }
}

// MARK: Sign-in

/// Password checks, shared by the sign-in form and the API.
enum Authentication {
    /// Checks a username and password under the sign-in rate limits: throws 429 (with
    /// `Retry-After`) while the account or the client address has too many recent failures,
    /// records and audits a failure, clears the account's count on success.
    static func signIn(username: String, password: String, on request: Request) async throws -> UserRecord? {
        let app = request.application
        let now = app.sujaritClock()
        let name = String(username.lowercased().prefix(64))
        let client = clientAddress(request)
        let fromHere = SignInThrottle.Key.account(name, from: client ?? "-")
        let wide = SignInThrottle.Key.accountWide(name)
        var keys = [fromHere, wide]
        if let client { keys.append(.client(client)) }
        let limiter = try await SignInLimiter.on(request)
        let recent = try await limiter.recent(keys, now: now)
        // The account-wide count holds back only an address that failed for this account itself.
        let failedHere = (recent[fromHere.name] ?? []).contains { now.timeIntervalSince($0) < fromHere.limit.window }
        let binding = keys.filter { $0 != wide || failedHere }
        if let wait = SignInThrottle.wait(binding, recent: recent, now: now) {
            let minutes = max(1, (wait + 59) / 60)
            throw SujaritError(.tooManyRequests, LocalizedText(minutes == 1 ? .msgSignInWaitMinute : .msgSignInWaitMinutes, String(minutes)),
                retryAfter: wait)
        }
        if let user = try await verify(username: username, password: password, on: request) {
            try await limiter.clear(fromHere)
            try await limiter.clear(wide)
            return user
        }
        try await limiter.recordFailure(keys, now: app.sujaritClock())
        try await request.stores.audit.record(organizationID: nil, userID: nil, action: .userSignInFailed, subject: name,
                                             detail: client.map { "client \($0)" } ?? "")
        return nil
    }

    /// The address the request came from. Behind a reverse proxy on the same machine (the peer
    /// is a loopback address) that is the last address of `X-Forwarded-For`, which the proxy
    /// appends; otherwise every visitor would share the proxy's address and its limit.
    static func clientAddress(_ request: Request) -> String? {
        guard let peer = request.remoteAddress?.ipAddress else { return nil }
        let loopback = peer == "::1" || peer.hasPrefix("127.") || peer.hasPrefix("::ffff:127.")
        if loopback, let forwarded = request.headers.first(name: .xForwardedFor)?
            .split(separator: ",").last?.trimmingCharacters(in: .whitespaces), !forwarded.isEmpty {
            return String(forwarded.prefix(64))
        }
        return peer
    }

    /// Compares the password with the user's hash, or with a dummy hash of the same cost when
    /// there is no such user, so that both take as long.
    static func verify(username: String, password: String, on request: Request) async throws -> UserRecord? {
        guard !username.isEmpty, !password.isEmpty, password.utf8.count <= 72 * 4 else { return nil }
        let user = try await request.stores.users.find(username: username)
        let hash: String
        if let user {
            hash = user.passwordHash
        } else {
            hash = try await request.application.dummyPasswordHash.value(on: request)
        }
        let matches = try await request.password.async.verify(password, created: hash)
        return matches ? user : nil
    }
}
