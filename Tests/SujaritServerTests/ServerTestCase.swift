import Foundation
import XCTest
import XCTVapor
import Fluent
import SujaritCore
@_spi(Fixtures) import SujaritPersistence
@testable import SujaritServer
import SujaritDemo

/// Base of the server tests: a fresh application and a fresh database for every test.
/// SQLite in memory by default; PostgreSQL when `SUJARIT_TEST_POSTGRES_URL` is set (CI runs the
/// suite both ways), where every table is dropped and migrated anew before each test.
class ServerTestCase: XCTestCase {
    var app: Application!

    static var databaseSetting: DatabaseSetting {
        if let url = ProcessInfo.processInfo.environment["SUJARIT_TEST_POSTGRES_URL"], !url.isEmpty {
            return .postgres(url: url)
        }
        return .sqliteMemory
    }

    /// Test classes that need SQLite in a real file (write-ahead logging, several connections
    /// writing at once) return true; PostgreSQL is used instead when it is configured.
    class var usesSQLiteFile: Bool { false }
    /// The SQLite file of this test, when `usesSQLiteFile`.
    var sqliteFile: URL?

    override func setUp() async throws {
        try await super.setUp()
        app = try await Application.make(.testing)
        var database = Self.databaseSetting
        if Self.usesSQLiteFile && !database.isPostgres {
            let file = FileManager.default.temporaryDirectory.appendingPathComponent("sujarit-test-\(UUID().uuidString).sqlite")
            sqliteFile = file
            database = .sqliteFile(path: file.path)
        }
        let settings = ServerSettings(database: database, autoMigrate: false, passwordCost: 4)
        try await configure(app, settings: settings)
        if settings.database.isPostgres {
            try await app.autoRevert()
        }
        try await app.autoMigrate()
    }

    override func tearDown() async throws {
        try await app?.asyncShutdown()
        app = nil
        if let file = sqliteFile {
            for suffix in ["", "-wal", "-shm", "-journal"] {
                try? FileManager.default.removeItem(atPath: file.path + suffix)
            }
        }
        try await super.tearDown()
    }

    var db: any Database { app.db }

    // MARK: Builders

    static let password = "correct horse battery"

    /// A new organization with a fresh id and the given slug.
    @discardableResult
    func makeOrganization(slug: String, name: String? = nil) async throws -> Organization {
        let organization = Organization(slug: slug, kind: .subdistrict, name: name ?? "องค์การบริหารส่วนตำบล\(slug)",
                                        district: "เมือง", province: "ขอนแก่น", units: ["สำนักปลัด", "กองคลัง"])
        return try await OrganizationStore(db).create(organization)
    }

    @discardableResult
    func makeUser(_ username: String, role: OrganizationRole? = nil, in organization: Organization? = nil, systemAdmin: Bool = false) async throws -> UserRecord {
        let hash = try app.password.hash(Self.password)
        let user = try await UserStore(db).create(username: username, displayName: username, passwordHash: hash, isSystemAdmin: systemAdmin)
        if let role, let organization {
            try await UserStore(db).setRole(role, userID: user.requireID(), organizationID: organization.id)
        }
        return user
    }

    /// The demo plan copied into an organization with fresh ids for everything.
    func demoPlan(for organization: Organization, status: PlanStatus = .draft) -> Plan {
        var plan = DemoData.plan(organizationID: organization.id).withFreshIDs()
        plan.status = status
        return plan
    }

    /// Signs in through the API and returns a bearer token.
    func token(_ username: String) async throws -> String {
        var token = ""
        try await app.test(.POST, "/api/v1/sessions", beforeRequest: { req async throws in
            try req.content.encode(["username": username, "password": Self.password], as: .json)
        }, afterResponse: { res async throws in
            XCTAssertEqual(res.status, .ok, res.body.string)
            token = try res.content.decode([String: String].self)["token"] ?? ""
        })
        return token
    }

    func bearer(_ token: String) -> HTTPHeaders {
        var headers = HTTPHeaders()
        headers.bearerAuthorization = BearerAuthorization(token: token)
        return headers
    }
}

extension ServerTestCase {
    /// Posts a multipart form as a browser does: the CSRF token, the other fields, then the file
    /// under `fileField`. The token is fetched from `csrfPage` when the browser has none yet.
    func postMultipart(_ browser: inout Browser, _ path: String, csrfPage: String = "/", fileField: String, fileName: String,
                       data: Data, fields: [(String, String)] = []) async throws -> Browser.Page {
        if browser.csrf == nil { _ = try await browser.get(csrfPage) }
        let boundary = "----sujarit-test-boundary"
        var body = Data()
        func part(_ header: String, _ content: Data) {
            body.append(Data("--\(boundary)\r\n\(header)\r\n\r\n".utf8))
            body.append(content)
            body.append(Data("\r\n".utf8))
        }
        part("Content-Disposition: form-data; name=\"_csrf\"", Data((browser.csrf ?? "").utf8))
        for (name, value) in fields { part("Content-Disposition: form-data; name=\"\(name)\"", Data(value.utf8)) }
        part("Content-Disposition: form-data; name=\"\(fileField)\"; filename=\"\(fileName)\"\r\nContent-Type: application/octet-stream", data)
        body.append(Data("--\(boundary)--\r\n".utf8))
        var headers = HTTPHeaders()
        headers.replaceOrAdd(name: .contentType, value: "multipart/form-data; boundary=\(boundary)")
        if !browser.cookies.all.isEmpty { headers.cookie = browser.cookies }
        var page = Browser.Page(status: .ok, body: "")
        try await app.test(.POST, path, headers: headers, body: ByteBuffer(data: body)) { res async throws in
            page = Browser.Page(status: res.status, body: res.body.string, location: res.headers.first(name: .location))
        }
        return page
    }

    /// Uploads a plan document through `/o/{slug}/import` as the browser's multipart form does.
    func upload(_ browser: inout Browser, slug: String, fileName: String, data: Data) async throws -> Browser.Page {
        try await postMultipart(&browser, "/o/\(slug)/import", csrfPage: "/o/\(slug)/import", fileField: "document",
                                fileName: fileName, data: data)
    }
}
