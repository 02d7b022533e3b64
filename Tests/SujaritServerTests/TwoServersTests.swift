import Foundation
import XCTest
import XCTVapor
import FluentKit
import FluentSQL
import SujaritCore
@_spi(Fixtures) import SujaritPersistence
@testable import SujaritServer

/// Two servers on one PostgreSQL database (as two `sujarit serve` processes would be: each
/// application has its own pools and caches and shares only the database).
final class TwoServersTests: ServerTestCase {
    func start(_ settings: ServerSettings) async throws -> Application {
        let server = try await Application.make(.testing)
        do {
            try await configure(server, settings: settings)
        } catch {
            try? await server.asyncShutdown()
            throw error
        }
        return server
    }

    /// Both start at once on an empty database: the advisory lock lets one migrate, and the
    /// other finds the schema done; every migration is recorded once.
    func testTwoServersStartingAtOnceMigrateOnce() async throws {
        guard Self.databaseSetting.isPostgres else { throw XCTSkip("PostgreSQL only (set SUJARIT_TEST_POSTGRES_URL)") }
        try await app.autoRevert()
        let settings = ServerSettings(database: Self.databaseSetting, autoMigrate: true, passwordCost: 4)
        async let first = start(settings)
        async let second = start(settings)
        let servers = try await [first, second]
        do {
            let sql = try XCTUnwrap(app.db as? any SQLDatabase)
            let rows = try await sql.raw("SELECT name, COUNT(*) AS n FROM _fluent_migrations GROUP BY name").all()
            XCTAssertEqual(rows.count, SujaritMigrations.all.count + 1, "every migration (and the sessions table)")
            for row in rows { XCTAssertEqual(try row.decode(column: "n", as: Int.self), 1) }
            // Both serve.
            for server in servers {
                try await server.test(.GET, "/healthz") { res async throws in XCTAssertEqual(res.status, .ok) }
            }
        } catch {
            for server in servers { try? await server.asyncShutdown() }
            throw error
        }
        for server in servers { try await server.asyncShutdown() }
    }
}
