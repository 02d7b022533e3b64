import Foundation
import FluentKit
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

    public func factory() throws -> DatabaseConfigurationFactory {
        switch self {
        case .sqliteFile(let path): .sqlite(.file(path))
        case .sqliteMemory: .sqlite(.memory)
        case .postgres(let url): try .postgres(url: url)
        }
    }

    public var databaseID: DatabaseID {
        isPostgres ? .psql : .sqlite
    }
}
