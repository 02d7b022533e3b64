import Foundation
import FluentKit
import FluentSQL
import FluentSQLiteDriver
import FluentPostgresDriver

/// Where the data lives: an SQLite file (the default), SQLite in memory (tests), or PostgreSQL.
public enum DatabaseSetting: Sendable, Equatable {
    case sqliteFile(path: String)
    case sqliteMemory
    case postgres(url: String)

    /// `DATABASE_URL` (postgres://…) selects PostgreSQL; otherwise `SUJARIT_SQLITE_PATH`
    /// or `./sujarit.sqlite`.
    public static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment) -> DatabaseSetting {
        if let url = environment["DATABASE_URL"], !url.isEmpty {
            return .postgres(url: url)
        }
        let path = environment["SUJARIT_SQLITE_PATH"].flatMap { $0.isEmpty ? nil : $0 } ?? "sujarit.sqlite"
        return path == ":memory:" ? .sqliteMemory : .sqliteFile(path: path)
    }

    public var isPostgres: Bool {
        if case .postgres = self { return true }
        return false
    }

    /// A description safe for logs (no password).
    public var redacted: String {
        switch self {
        case .sqliteFile(let path):
            return "SQLite file \(path)"
        case .sqliteMemory:
            return "SQLite in memory"
        case .postgres(let url):
            guard var parts = URLComponents(string: url) else { return "PostgreSQL" }
            if parts.password != nil { parts.password = "***" }
            return "PostgreSQL \(parts.string ?? "?")"
        }
    }

    /// How long an SQLite writer waits for another one's lock before giving up (answered 503).
    public static let sqliteBusyTimeoutMilliseconds = 5_000

    /// SQLite transactions start with `BEGIN IMMEDIATE` and wait up to the busy timeout for a
    /// lock (see `SQLiteWritersDatabase`); PostgreSQL is used as it is.
    public func factory() throws -> DatabaseConfigurationFactory {
        switch self {
        case .sqliteFile(let path): Self.sqliteWriters(.sqlite(.file(path)))
        case .sqliteMemory: Self.sqliteWriters(.sqlite(.memory))
        case .postgres(let url): try .postgres(url: url)
        }
    }

    static func sqliteWriters(_ base: DatabaseConfigurationFactory) -> DatabaseConfigurationFactory {
        DatabaseConfigurationFactory {
            SQLiteWritersConfiguration(base: base.make(), busyTimeoutMilliseconds: sqliteBusyTimeoutMilliseconds)
        }
    }

    /// Settings of each SQLite connection that last for the connection: the busy timeout on the
    /// connection of every event loop, and write-ahead logging for a file (readers do not wait
    /// for the writer; it stays set in the file). Nothing to do for PostgreSQL.
    public func prepareConnections(_ databases: Databases, on eventLoops: [any EventLoop], logger: Logger) async throws {
        guard !isPostgres else { return }
        for eventLoop in eventLoops {
            guard let sql = databases.database(databaseID, logger: logger, on: eventLoop) as? any SQLDatabase else { continue }
            try await sql.raw("PRAGMA busy_timeout = \(unsafeRaw: String(Self.sqliteBusyTimeoutMilliseconds))").run()
        }
        if case .sqliteFile = self, let eventLoop = eventLoops.first,
           let sql = databases.database(databaseID, logger: logger, on: eventLoop) as? any SQLDatabase {
            try await sql.raw("PRAGMA journal_mode=WAL").run()
        }
    }

    public var databaseID: DatabaseID {
        isPostgres ? .psql : .sqlite
    }
}
