import Foundation
import XCTest
import XCTVapor
import FluentKit
import FluentSQL
import SujaritCore
@_spi(Fixtures) import SujaritPersistence
import SujaritAPIModels
@testable import SujaritServer

/// Two `sujarit serve` processes — the built binary, each with its own memory — on one
/// PostgreSQL database, started at the same moment on an empty schema: migrations run once
/// (the advisory lock), and a plan published through one is served by the other within
/// `SUJARIT_CACHE_BOUND_SECONDS`. Runs when `SUJARIT_TEST_POSTGRES_URL` is set (CI does).
final class TwoProcessesTests: ServerTestCase {
    /// The bound the two servers are started with.
    static let bound: TimeInterval = 2

    struct Server {
        var process: Process
        var port: Int
        var log: URL
        var base: String { "http://127.0.0.1:\(port)" }
    }

    /// The `sujarit` binary: `SUJARIT_BIN`, or the one built beside this test bundle.
    static func binary() -> URL? {
        if let path = ProcessInfo.processInfo.environment["SUJARIT_BIN"], !path.isEmpty {
            return URL(fileURLWithPath: path)
        }
        var directory = URL(fileURLWithPath: CommandLine.arguments.first { $0.contains(".xctest") } ?? CommandLine.arguments[0])
        while directory.pathComponents.count > 1 {
            directory.deleteLastPathComponent()
            let candidate = directory.appendingPathComponent("sujarit")
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: candidate.path, isDirectory: &isDirectory), !isDirectory.boolValue,
               FileManager.default.isExecutableFile(atPath: candidate.path) {
                return candidate
            }
            if directory.lastPathComponent == ".build" { break }
        }
        return nil
    }

    /// A port nobody listens on now (the kernel picks it).
    static func freePort() throws -> Int {
        let socket = Foundation.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socket >= 0 else { throw XCTSkip("no socket") }
        defer { close(socket) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(socket, $0, length) } }
        guard bound == 0 else { throw XCTSkip("cannot bind a port") }
        _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(socket, $0, &length) } }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    func start(_ binary: URL, url: String, directory: URL, name: String) throws -> Server {
        let port = try Self.freePort()
        let process = Process()
        process.executableURL = binary
        process.arguments = ["serve", "--hostname", "127.0.0.1", "--port", String(port)]
        var environment = ProcessInfo.processInfo.environment
        environment["DATABASE_URL"] = url
        environment["SUJARIT_BCRYPT_COST"] = "4"
        environment["SUJARIT_PDF"] = "off"
        environment["SUJARIT_CACHE_BOUND_SECONDS"] = String(Int(Self.bound))
        environment["SUJARIT_STORAGE_DIR"] = directory.appendingPathComponent("storage").path
        // One vault key for both (as a deployment shares it), given in the environment.
        environment["SUJARIT_VAULT_KEY"] = Data((0..<32).map { UInt8($0) }).base64EncodedString()
        environment["LOG_LEVEL"] = "warning"
        environment.removeValue(forKey: "DATABASE_READ_URL")
        process.environment = environment
        let log = directory.appendingPathComponent("\(name).log")
        FileManager.default.createFile(atPath: log.path, contents: nil)
        let handle = try FileHandle(forWritingTo: log)
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
        return Server(process: process, port: port, log: log)
    }

    func get(_ server: Server, _ path: String, headers: HTTPHeaders = [:]) async throws -> (HTTPStatus, String) {
        let response = try await app.client.get(URI(string: server.base + path), headers: headers)
        return (response.status, response.body.map { String(buffer: $0) } ?? "")
    }

    /// Waits until the server answers `/healthz` (at most `seconds`).
    func waitUntilServing(_ server: Server, seconds: Double = 120) async throws {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            guard server.process.isRunning else {
                XCTFail("the server on port \(server.port) stopped: \((try? String(contentsOf: server.log, encoding: .utf8)) ?? "")")
                throw CancellationError()
            }
            if let (status, _) = try? await get(server, "/healthz"), status == .ok { return }
            try await Task.sleep(nanoseconds: 200_000_000)
        }
        XCTFail("the server on port \(server.port) did not answer within \(seconds) s: \((try? String(contentsOf: server.log, encoding: .utf8)) ?? "")")
        throw CancellationError()
    }

    func testTwoServeProcessesMigrateOnceAndShareAPublishWithinTheBound() async throws {
        guard case .postgres(let url) = Self.databaseSetting else { throw XCTSkip("PostgreSQL only (set SUJARIT_TEST_POSTGRES_URL)") }
        guard let binary = Self.binary() else {
            return XCTFail("the sujarit binary was not found beside the tests (build it, or set SUJARIT_BIN)")
        }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("sujarit-two-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }

        // An empty schema; both processes start at once and migrate it.
        try await app.autoRevert()
        let sql = try XCTUnwrap(app.db as? any SQLDatabase)
        _ = try? await sql.raw("DROP TABLE IF EXISTS _fluent_migrations").run()
        let first = try start(binary, url: url, directory: directory, name: "first")
        let second = try start(binary, url: url, directory: directory, name: "second")
        defer {
            for server in [first, second] where server.process.isRunning {
                server.process.terminate()
                server.process.waitUntilExit()
            }
        }
        try await waitUntilServing(first)
        try await waitUntilServing(second)

        let rows = try await sql.raw("SELECT name, COUNT(*) AS n FROM _fluent_migrations GROUP BY name").all()
        XCTAssertEqual(rows.count, SujaritMigrations.all.count + 1, "every migration (and the sessions table) once")
        for row in rows {
            let name = try row.decode(column: "name", as: String.self)
            XCTAssertEqual(try row.decode(column: "n", as: Int.self), 1, name)
        }

        // A published plan, read through the second server (which keeps its pointer).
        let organization = try await makeOrganization(slug: "two-processes")
        try await makeUser("two-admin", role: .admin, in: organization)
        var plan = demoPlan(for: organization, status: .published)
        plan.title = "ฉบับแรกของสองเครื่อง"
        let published = try await PlanStore(db).create(plan)
        let path = "/o/\(organization.slug)/plan/2566-2570"
        var (status, body) = try await get(second, path)
        XCTAssertEqual(status, .ok)
        XCTAssertTrue(body.contains("ฉบับแรกของสองเครื่อง"))

        // The next revision, published through the first server's API.
        let store = PlanStore(db)
        var draft = try await store.createRevision(from: published)
        draft.title = "ฉบับสองของสองเครื่อง"
        draft = try await store.save(draft, expectedVersion: draft.version)
        let session = try await app.client.post(URI(string: first.base + "/api/v1/sessions")) { request in
            try request.content.encode(["username": "two-admin", "password": Self.password], as: .json)
        }
        XCTAssertEqual(session.status, .ok)
        let token = try session.content.decode([String: String].self)["token"] ?? ""
        var headers = HTTPHeaders()
        headers.bearerAuthorization = BearerAuthorization(token: token)
        headers.contentType = .json
        var version = draft.version
        for action in ["submit", "approve", "publish"] {
            let response = try await app.client.post(URI(string: first.base + "/api/v1/plans/\(draft.id)/transitions"), headers: headers) { request in
                request.body = ByteBuffer(string: #"{"action":"\#(action)","version":\#(version)}"#)
            }
            XCTAssertEqual(response.status, .ok, action)
            version += 1
        }
        let publishedAt = Date()
        (_, body) = try await get(first, path)
        XCTAssertTrue(body.contains("ฉบับสองของสองเครื่อง"), "the first server at once")

        // The second server: within the bound (plus a little for the request itself).
        var seenAfter: TimeInterval?
        while Date().timeIntervalSince(publishedAt) < Self.bound + 3 {
            (status, body) = try await get(second, path)
            if body.contains("ฉบับสองของสองเครื่อง") { seenAfter = Date().timeIntervalSince(publishedAt); break }
            XCTAssertTrue(body.contains("ฉบับแรกของสองเครื่อง"), "until then, the revision it served")
            try await Task.sleep(nanoseconds: 100_000_000)
        }
        let seen = try XCTUnwrap(seenAfter, "the second server never showed the new revision")
        XCTAssertLessThanOrEqual(seen, Self.bound + 1, "seen after \(seen) s")
        for server in [first, second] { XCTAssertTrue(server.process.isRunning) }
    }
}
