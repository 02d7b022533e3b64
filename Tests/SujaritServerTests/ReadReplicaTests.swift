import Foundation
import XCTest
import XCTVapor
import FluentKit
import FluentSQL
import SujaritCore
@_spi(Fixtures) import SujaritPersistence
import SujaritAPIModels
@testable import SujaritServer

/// `DATABASE_READ_URL`: the reads that tolerate lag go to the replica, everything else to the
/// primary. The "replica" here is a second database that lags for ever (it has what both had at
/// the start, and never receives what the server writes), so every answer shows which database
/// it came from. On PostgreSQL it is read through a role that cannot write at all, so a write
/// that went there would fail the request; on SQLite its file is checked to be unchanged.
final class ReadReplicaTests: ServerTestCase {
    override class var usesSQLiteFile: Bool { true }

    var replicaFile: URL?

    override func tearDown() async throws {
        if let file = replicaFile {
            for suffix in ["", "-wal", "-shm", "-journal"] { try? FileManager.default.removeItem(atPath: file.path + suffix) }
        }
        try await super.tearDown()
    }

    /// A fresh replica database (as the server's superuser sees it) and the setting the server
    /// reads it with.
    func makeReplica() async throws -> (writer: DatabaseSetting, reader: DatabaseSetting) {
        switch Self.databaseSetting {
        case .postgres(let url):
            guard var parts = URLComponents(string: url) else { throw XCTSkip("unreadable SUJARIT_TEST_POSTGRES_URL") }
            let name = String(parts.path.dropFirst()) + "_replica"
            let sql = try XCTUnwrap(app.db as? any SQLDatabase)
            if try await sql.raw("SELECT 1 FROM pg_database WHERE datname = \(bind: name)").first() == nil {
                try await sql.raw("CREATE DATABASE \(ident: name)").run()
            }
            try await sql.raw("""
                DO $$ BEGIN
                IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'sujarit_reader') THEN CREATE ROLE sujarit_reader LOGIN; END IF;
                END $$
                """).run()
            try await sql.raw("ALTER ROLE sujarit_reader SET default_transaction_read_only = on").run()
            parts.path = "/" + name
            let writer = try XCTUnwrap(parts.string)
            parts.user = "sujarit_reader"
            parts.password = nil
            return (.postgres(url: writer), .postgres(url: try XCTUnwrap(parts.string)))
        case .sqliteFile, .sqliteMemory:
            let file = FileManager.default.temporaryDirectory.appendingPathComponent("sujarit-replica-\(UUID().uuidString).sqlite")
            replicaFile = file
            return (.sqliteFile(path: file.path), .sqliteFile(path: file.path))
        }
    }

    /// What both databases hold at the start: organization A with its first published revision,
    /// plus one organization only in each.
    func seed(_ application: Application, only: String) async throws -> Plan {
        let organization = Organization(id: Self.organizationID, slug: "replica-a", kind: .subdistrict, name: "องค์การบริหารส่วนตำบลสำเนา",
                                        district: "เมือง", province: "ขอนแก่น", units: ["สำนักปลัด"])
        try await OrganizationStore(application.db).create(organization)
        try await OrganizationStore(application.db).create(Organization(
            slug: only, kind: .subdistrictMunicipality, name: "เทศบาลตำบล\(only)", district: "เมือง", province: "ขอนแก่น", units: []))
        var plan = demoPlan(for: organization, status: .published)
        plan.id = Self.planID
        plan.title = "ฉบับที่เผยแพร่ครั้งแรก"
        return try await PlanStore(application.db).create(plan)
    }

    static let organizationID = UUID()
    static let planID = UUID()

    func get(_ server: Application, _ path: String, headers: HTTPHeaders = [:]) async throws -> (HTTPStatus, String) {
        var result: (HTTPStatus, String) = (.internalServerError, "")
        try await server.test(.GET, path, headers: headers) { res async throws in result = (res.status, res.body.string) }
        return result
    }

    func testLagTolerantReadsGoToTheReplicaAndWritesNever() async throws {
        let (writer, reader) = try await makeReplica()
        // The replica: migrated and seeded by its own writer, then only read.
        let filler = try await Application.make(.testing)
        do {
            try await configure(filler, settings: ServerSettings(database: writer, autoMigrate: false, passwordCost: 4))
            if writer.isPostgres { try await filler.autoRevert() }
            try await filler.autoMigrate()
            _ = try await seed(filler, only: "replica-only")
            if let sql = filler.db as? any SQLDatabase, writer.isPostgres {
                try await sql.raw("GRANT USAGE ON SCHEMA public TO sujarit_reader").run()
                try await sql.raw("GRANT SELECT ON ALL TABLES IN SCHEMA public TO sujarit_reader").run()
            }
        } catch {
            try? await filler.asyncShutdown()
            throw error
        }
        try await filler.asyncShutdown()

        // The primary (this test's database), with the server under test reading the replica.
        let published = try await seed(app, only: "primary-only")
        try await makeUser("replica-admin", role: .admin, in: try await OrganizationStore(db).find(id: Self.organizationID))
        let overseer = try await makeUser("replica-overseer")
        try await OverseerStore(db).grant(.nation, userID: overseer.requireID())
        var primary = Self.databaseSetting
        if let file = sqliteFile, !primary.isPostgres { primary = .sqliteFile(path: file.path) }
        let server = try await Application.make(.testing)
        let clock = TestClock(Date())
        do {
            try await configure(server, settings: ServerSettings(database: primary, readDatabase: reader, autoMigrate: false, passwordCost: 4))
            server.sujaritClock = { clock.now }
            XCTAssertNotNil(server.readReplica)

            if reader.isPostgres {
                // The reader role really cannot write (so a write sent there would fail the request).
                let replicaSQL = try XCTUnwrap(server.db(ReadReplica.databaseID) as? any SQLDatabase)
                do {
                    try await replicaSQL.raw("UPDATE organizations SET name = 'x'").run()
                    XCTFail("the reader role wrote to the replica")
                } catch {}
            }

            // Anonymous reads: the replica's data.
            var (status, body) = try await get(server, "/")
            XCTAssertEqual(status, .ok)
            XCTAssertTrue(body.contains("replica-only"), "the directory reads the replica")
            XCTAssertFalse(body.contains("primary-only"))
            (status, body) = try await get(server, "/api/v1/organizations")
            XCTAssertTrue(body.contains("replica-only") && !body.contains("primary-only"))
            (status, body) = try await get(server, "/o/replica-only")
            XCTAssertEqual(status, .ok)

            // Signing in writes a session and an audit row: on the primary. Then the signed-in
            // person reads the primary.
            var browser = Browser(server)
            try await browser.signIn("replica-admin", password: Self.password)
            // (Their home page is "my work"; the directory is at its own address.)
            let home = try await browser.get(SiteURL.organizations.path)
            XCTAssertTrue(home.body.contains("primary-only"), "a signed-in person reads the primary")
            XCTAssertFalse(home.body.contains("replica-only"))

            // A publish through the API (token and plan writes on the primary) …
            let token = try await tokenOn(server, "replica-admin")
            let store = PlanStore(db)
            var draft = try await store.createRevision(from: published)
            draft.title = "ฉบับแก้ไขที่เพิ่งเผยแพร่"
            draft = try await store.save(draft, expectedVersion: draft.version)
            var version = draft.version
            var headers = bearer(token)
            headers.contentType = .json
            for action in ["submit", "approve", "publish"] {
                try await server.test(.POST, "/api/v1/plans/\(draft.id)/transitions", headers: headers,
                                      body: ByteBuffer(string: #"{"action":"\#(action)","version":\#(version)}"#)) { res async throws in
                    XCTAssertEqual(res.status, .ok, "\(action): \(res.body.string.prefix(300))")
                }
                version += 1
            }
            // … is read back from the primary at once by anyone on this server (read after write) …
            let latest = "/o/replica-a/plan/2566-2570"
            (status, body) = try await get(server, latest)
            XCTAssertEqual(status, .ok)
            XCTAssertTrue(body.contains("ฉบับแก้ไขที่เพิ่งเผยแพร่"), "this server shows its own publish at once")

            // … and once the lag window and the bound have passed, the anonymous page comes from
            // the replica again (which, lagging for ever here, still has the first revision),
            // while a signed-in reader keeps reading the primary.
            clock.advance(max(server.readReplica!.lagWindow, server.publishedCache.bound) + 1)
            (status, body) = try await get(server, latest)
            XCTAssertTrue(body.contains("ฉบับที่เผยแพร่ครั้งแรก"), "the anonymous page reads the replica")
            let signedIn = try await browser.get(latest)
            XCTAssertTrue(signedIn.body.contains("ฉบับแก้ไขที่เพิ่งเผยแพร่"))

            // The overseers' dashboards tolerate lag: the replica's organizations. Who may read
            // them is checked on the primary (the overseer exists only there).
            let overseerToken = try await tokenOn(server, "replica-overseer")
            (status, body) = try await get(server, "/overseers/nation/coverage.json", headers: bearer(overseerToken))
            XCTAssertEqual(status, .ok, body)
            XCTAssertTrue(body.contains("replica-only") && !body.contains("primary-only"), body)
        } catch {
            try? await server.asyncShutdown()
            throw error
        }
        try await server.asyncShutdown()

        if let file = replicaFile {
            // Nothing was written to the SQLite replica: no session, no token, no audit row, one revision.
            let check = try await Application.make(.testing)
            do {
                try await configure(check, settings: ServerSettings(database: .sqliteFile(path: file.path), autoMigrate: false, passwordCost: 4))
                let sql = try XCTUnwrap(check.db as? any SQLDatabase)
                for table in ["_fluent_sessions", "api_tokens", "audit_events"] {
                    let row = try await sql.raw("SELECT COUNT(*) AS n FROM \(ident: table)").first()
                    XCTAssertEqual(try row?.decode(column: "n", as: Int.self), 0, table)
                }
                let revisions = try await PlanRecord.query(on: check.db).count()
                XCTAssertEqual(revisions, 1)
            } catch {
                try? await check.asyncShutdown()
                throw error
            }
            try await check.asyncShutdown()
        }
    }

    /// A bearer token through `server`'s API.
    func tokenOn(_ server: Application, _ username: String) async throws -> String {
        var token = ""
        try await server.test(.POST, "/api/v1/sessions", beforeRequest: { req async throws in
            try req.content.encode(["username": username, "password": Self.password], as: .json)
        }, afterResponse: { res async throws in
            XCTAssertEqual(res.status, .ok, res.body.string)
            token = try res.content.decode([String: String].self)["token"] ?? ""
        })
        return token
    }

    func testAReplicaMustBeTheSameKindOfDatabase() async throws {
        let server = try await Application.make(.testing)
        do {
            try await configure(server, settings: ServerSettings(database: .sqliteMemory, readDatabase: .postgres(url: "postgres://nobody@127.0.0.1:1/none"),
                                                                 autoMigrate: false, passwordCost: 4))
            XCTFail("a PostgreSQL replica of an SQLite database was accepted")
        } catch let error as ReplicaSettingError {
            XCTAssertTrue(error.description.contains("DATABASE_READ_URL"), error.description)
        } catch {
            XCTFail("\(error)")
        }
        try await server.asyncShutdown()
        XCTAssertNil(ServerSettings.fromEnvironment([:]).readDatabase)
        XCTAssertEqual(ServerSettings.fromEnvironment(["DATABASE_URL": "postgres://a@h/db", "DATABASE_READ_URL": "postgres://r@h2/db"]).readDatabase,
                       .postgres(url: "postgres://r@h2/db"))
    }
}
