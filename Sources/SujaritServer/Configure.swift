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
    /// How PDFs are made: LibreOffice found at start (default), none, or a given converter.
    public var pdf: PDFSetting
    /// The site's address as the public reaches it ("https://sujarit.example.go.th"), printed
    /// before a plan's address in exported open data; without it the address is a path.
    public var publicBaseURL: String?
    /// Where evidence files are kept (content-addressed by SHA-256); `SUJARIT_STORAGE_DIR`.
    public var storageDirectory: String
    /// A read replica for reads that tolerate lag (`DATABASE_READ_URL`): anonymous public pages,
    /// the directory and the overseers' dashboards. Writes, sessions and everything a signed-in
    /// person reads stay on `database`. Nil: every read goes to `database`.
    public var readDatabase: DatabaseSetting?

    public init(database: DatabaseSetting, autoMigrate: Bool = true, passwordCost: Int = 12, secureCookies: Bool = false,
                pdf: PDFSetting = .locate(timeout: 120), publicBaseURL: String? = nil, storageDirectory: String = "data/storage") {
        self.database = database
        self.autoMigrate = autoMigrate
        self.passwordCost = passwordCost
        self.secureCookies = secureCookies
        self.pdf = pdf
        self.publicBaseURL = publicBaseURL
        self.storageDirectory = storageDirectory
    }

    public init(database: DatabaseSetting, readDatabase: DatabaseSetting?, autoMigrate: Bool = true, passwordCost: Int = 12) {
        self.init(database: database, autoMigrate: autoMigrate, passwordCost: passwordCost)
        self.readDatabase = readDatabase
    }

    /// `DATABASE_URL`, `SUJARIT_SQLITE_PATH`, `SUJARIT_AUTO_MIGRATE` (default true),
    /// `SUJARIT_SECURE_COOKIES` (default false), `SUJARIT_PDF` (`off` disables PDF),
    /// `SUJARIT_PDF_TIMEOUT` (seconds, default 120), `SUJARIT_PUBLIC_URL`, `DATABASE_READ_URL`.
    public static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment) -> ServerSettings {
        func flag(_ name: String, default value: Bool) -> Bool {
            guard let text = environment[name]?.lowercased() else { return value }
            return ["1", "true", "yes", "on"].contains(text)
        }
        var settings = ServerSettings(
            database: .fromEnvironment(environment),
            autoMigrate: flag("SUJARIT_AUTO_MIGRATE", default: true),
            passwordCost: Int(environment["SUJARIT_BCRYPT_COST"] ?? "") ?? 12,
            secureCookies: flag("SUJARIT_SECURE_COOKIES", default: false),
            pdf: flag("SUJARIT_PDF", default: true)
                ? .locate(timeout: TimeInterval(environment["SUJARIT_PDF_TIMEOUT"] ?? "").flatMap { $0 > 0 ? $0 : nil } ?? 120)
                : .disabled,
            publicBaseURL: environment["SUJARIT_PUBLIC_URL"].flatMap { $0.isEmpty ? nil : String($0.reversed().drop { $0 == "/" }.reversed()) },
            storageDirectory: environment["SUJARIT_STORAGE_DIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "data/storage")
        settings.readDatabase = environment["DATABASE_READ_URL"].flatMap { $0.isEmpty ? nil : DatabaseSetting.postgres(url: $0) }
        return settings
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
    app.pdfService = PDFService(converter: settings.pdf.resolve())
    app.publishedCache = PublishedCache.fromEnvironment(clock: app.dependencyClock)
    app.databases.use(try settings.database.factory(), as: settings.database.databaseID)
    try ReadReplica.configure(app, settings: settings)
    app.migrations.add(SujaritMigrations.all)
    app.migrations.add(SessionRecord.migration)

    app.passwords.use(.bcrypt(cost: settings.passwordCost))
    app.sessions.use(.fluent)
    app.sessions.configuration.cookieName = "sujarit_session"
    app.sessions.configuration.cookieFactory = { [weak app] sessionID in
        let now = (app?.dependencies ?? .live).now()
        return HTTPCookies.Value(string: sessionID.string, expires: now.addingTimeInterval(8 * 3600), maxAge: nil, domain: nil,
                          path: "/", isSecure: settings.secureCookies, isHTTPOnly: true, sameSite: .lax)
    }
    // Server-side ends of a signed-in session (idle and absolute), checked by ViewerMiddleware.
    app.sessionLifetime = SessionLifetime.fromEnvironment()
    // Ended sessions are deleted from the database every hour while the server runs.
    app.lifecycle.use(SessionSweeper())
    // Time and ids for the write path, sessions and sign-in limits (tests replace them).
    if app.storage[DependenciesKey.self] == nil { app.dependencies = .live }
    app.routes.defaultMaxBodySize = "4mb"

    app.storage[SignInKeyBoxKey.self] = SignInKeyBox()
    app.storage[DummyPasswordHashKey.self] = DummyPasswordHash()

    app.middleware = Middlewares()
    // In this order; each chain runs as one middleware (MiddlewareChain), which saves a task per link.
    app.middleware.use(MiddlewareChain([
        // Vapor's route logging, except on the complaint reporter's paths (nothing of them is logged).
        ComplaintAwareRouteLogging(logLevel: .info),
        // Outside the error middleware, so that error answers (404, 403, 409, 413, 500…) get the
        // security headers too.
        SecurityHeadersMiddleware(),
        SujaritErrorMiddleware(),
    ]))
    app.middleware.use(app.sessions.middleware)
    app.middleware.use(MiddlewareChain([
        ViewerMiddleware(),
        // API writes: bearer token and JSON only, never a browser's cookie alone.
        APIWriteGuard(),
    ]))

    try configureComplaints(app)
    try registerRoutes(app)

    // SQLite: a busy timeout on every connection, write-ahead logging for a file (readers do
    // not wait for the writer); transactions start with BEGIN IMMEDIATE (DatabaseSetting).
    try await settings.database.prepareConnections(app.databases, on: Array(app.eventLoopGroup.makeIterator()), logger: app.logger)
    if settings.autoMigrate {
        // On PostgreSQL several servers may start at once: one migrates at a time.
        try await MigrationLock.withLock(settings.database, logger: app.logger, on: app.eventLoopGroup.any()) {
            try await app.autoMigrate()
        }
    }
}
