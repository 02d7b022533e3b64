import Foundation
import Vapor
import Fluent
import FluentSQLiteDriver
import FluentPostgresDriver
import SujaritCore
import SujaritPersistence

/// How the server is set up. `fromEnvironment()` reads the documented variables; tests build
/// one directly (SQLite in memory, low bcrypt cost).
public struct ServerSettings: Sendable {
    public var database: DatabaseSetting
    /// Run pending migrations when starting.
    public var autoMigrate: Bool
    /// bcrypt cost for new password hashes (12 in production; tests use 4).
    public var passwordCost: Int
    /// Mark the session cookie Secure (set behind HTTPS).
    public var secureCookies: Bool

    public init(database: DatabaseSetting, autoMigrate: Bool = true, passwordCost: Int = 12, secureCookies: Bool = false) {
        self.database = database
        self.autoMigrate = autoMigrate
        self.passwordCost = passwordCost
        self.secureCookies = secureCookies
    }

    /// `DATABASE_URL`, `SUJARIT_SQLITE_PATH`, `SUJARIT_AUTO_MIGRATE` (default true),
    /// `SUJARIT_SECURE_COOKIES` (default false).
    public static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment) -> ServerSettings {
        func flag(_ name: String, default value: Bool) -> Bool {
            guard let text = environment[name]?.lowercased() else { return value }
            return ["1", "true", "yes", "on"].contains(text)
        }
        return ServerSettings(
            database: .fromEnvironment(environment),
            autoMigrate: flag("SUJARIT_AUTO_MIGRATE", default: true),
            passwordCost: Int(environment["SUJARIT_BCRYPT_COST"] ?? "") ?? 12,
            secureCookies: flag("SUJARIT_SECURE_COOKIES", default: false))
    }
}

struct SettingsKey: StorageKey { typealias Value = ServerSettings }

extension Application {
    public var sujaritSettings: ServerSettings {
        get { storage[SettingsKey.self] ?? ServerSettings(database: .sqliteMemory) }
        set { storage[SettingsKey.self] = newValue }
    }
}

/// Sets up the application: database, migrations, sessions, middleware and routes. The server,
/// the CLI commands and the tests all call this one function.
public func configure(_ app: Application, settings: ServerSettings) async throws {
    app.sujaritSettings = settings
    app.databases.use(try settings.database.factory(), as: settings.database.databaseID)
    app.migrations.add(SujaritMigrations.all)
    app.migrations.add(SessionRecord.migration)

    app.passwords.use(.bcrypt(cost: settings.passwordCost))
    app.sessions.use(.fluent)
    app.sessions.configuration.cookieName = "sujarit_session"
    app.sessions.configuration.cookieFactory = { sessionID in
        HTTPCookies.Value(string: sessionID.string, expires: Date(timeIntervalSinceNow: 8 * 3600), maxAge: nil, domain: nil,
                          path: "/", isSecure: settings.secureCookies, isHTTPOnly: true, sameSite: .lax)
    }
    app.routes.defaultMaxBodySize = "4mb"

    app.middleware = Middlewares()
    app.middleware.use(RouteLoggingMiddleware(logLevel: .info))
    app.middleware.use(SujaritErrorMiddleware())
    app.middleware.use(SecurityHeadersMiddleware())
    app.middleware.use(app.sessions.middleware)
    app.middleware.use(ViewerMiddleware())

    try registerRoutes(app)

    if case .sqliteFile = settings.database {
        // Write-ahead logging: readers do not wait for the writer.
        if let sql = app.db as? any SQLDatabase {
            try await sql.raw("PRAGMA journal_mode=WAL").run()
        }
    }
    if settings.autoMigrate {
        try await app.autoMigrate()
    }
}
