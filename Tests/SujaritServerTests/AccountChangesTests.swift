import Foundation
import XCTest
import XCTVapor
import FluentKit
import FluentSQL
import SujaritCore
@_spi(Fixtures) import SujaritPersistence
@testable import SujaritServer

/// Accounts and roles (issue 8): every change of who may do what writes its audit line in the
/// same transaction; sign-in limits are counted in the database, so every server of an
/// installation sees the same failures; a password change ends the person's other sessions
/// and all their API tokens.
final class AccountChangesTests: ServerTestCase {
    override class var usesSQLiteFile: Bool { true }

    var sql: any SQLDatabase { db as! any SQLDatabase }

    func audit(_ action: AuditAction) async throws -> [AuditEventRecord] {
        try await AuditEventRecord.query(on: db).filter(\.$action == action.rawValue).all()
    }

    // MARK: Audit lines in the same transaction

    func testEveryChangeOfAccountsAndRolesIsAudited() async throws {
        let organization = try await makeOrganization(slug: "roles")
        let accounts = AccountStore(db)
        let hash = try app.password.hash(Self.password)
        let user = try await accounts.createUser(username: "newcomer", displayName: "คนใหม่", passwordHash: hash, isSystemAdmin: false,
                                                 role: (.editor, organizationID: organization.id), by: nil)
        let created = try await audit(.userCreate)
        XCTAssertEqual(created.map(\.subject), ["newcomer"])
        let role = try await audit(.userRoleSet)
        XCTAssertEqual(role.map(\.detail), ["editor"])
        XCTAssertEqual(role.first?.organizationID, organization.id)

        // Overseers: granted once (a second grant changes nothing and writes nothing), removed.
        let granted = try await accounts.setOverseer(.province("ขอนแก่น"), of: user, granted: true, by: nil)
        let again = try await accounts.setOverseer(.province("ขอนแก่น"), of: user, granted: true, by: nil)
        XCTAssertTrue(granted)
        XCTAssertFalse(again)
        let grants = try await audit(.overseerGrant)
        XCTAssertEqual(grants.map(\.detail), ["province ขอนแก่น"])
        try await accounts.setOverseer(.province("ขอนแก่น"), of: user, granted: false, by: nil)
        let revokes = try await audit(.overseerRevoke)
        XCTAssertEqual(revokes.count, 1)
        let scopes = try await OverseerStore(db).scopes(userID: user.requireID())
        XCTAssertEqual(scopes, [])

        // Complaint officers and a province's outside body: the audit line and the complaint
        // channel's own log line together.
        let logBefore = try await ComplaintLogRecord.query(on: db).count()
        try await accounts.setComplaintOfficer(user, organizationID: organization.id, added: true, by: nil, now: Date())
        try await accounts.setComplaintOfficer(user, organizationID: organization.id, added: false, by: nil, now: Date())
        try await accounts.setComplaintOverseer(user, province: " ขอนแก่น ", added: true, by: nil, now: Date())
        let logAfter = try await ComplaintLogRecord.query(on: db).count()
        XCTAssertEqual(logAfter - logBefore, 3)
        let officerAdds = try await audit(.complaintOfficerAdd)
        let officerRemoves = try await audit(.complaintOfficerRemove)
        let overseerAdds = try await audit(.complaintOverseerAdd)
        XCTAssertEqual(officerAdds.count, 1)
        XCTAssertEqual(officerRemoves.count, 1)
        XCTAssertEqual(overseerAdds.map(\.detail), ["province ขอนแก่น"])
        let chain = try await ComplaintLogChain.verify(on: db)
        XCTAssertTrue(chain.isIntact, "the complaint log's chain still verifies")

        // An organization added and its settings changed: the line names the fields.
        let added = try await accounts.createOrganization(
            Organization(slug: "added", kind: .subdistrict, name: "องค์การบริหารส่วนตำบลเพิ่มใหม่", district: "เมือง", province: "ขอนแก่น"), by: nil)
        let additions = try await audit(.organizationCreate)
        XCTAssertEqual(additions.map(\.subject), ["added"])
        try await makeUser("org-admin", role: .admin, in: added)
        var admin = Browser(app)
        try await admin.signIn("org-admin", password: Self.password)
        _ = try await admin.get("/o/added/settings")
        let saved = try await admin.post("/o/added/settings", [
            ("name", "องค์การบริหารส่วนตำบลเพิ่มใหม่"), ("kind", "sao"), ("district", "เมือง"), ("province", "ขอนแก่น"),
            ("website", "https://added.go.th"), ("phone", ""), ("units", "สำนักปลัด"), ("digitStyle", "thai"),
        ])
        XCTAssertEqual(saved.status, .seeOther, saved.body)
        let updates = try await audit(.organizationUpdate)
        XCTAssertEqual(updates.count, 1)
        XCTAssertEqual(updates.first?.detail, "website, units, digitStyle")
        XCTAssertNotNil(updates.first?.userID, "the line names who changed it")
    }

    func testARoleChangeWhoseAuditLineFailsIsNotStored() async throws {
        let organization = try await makeOrganization(slug: "atomic-roles")
        let user = try await makeUser("atomic", role: .viewer, in: organization)
        try await sql.raw("ALTER TABLE audit_events RENAME TO audit_events_hidden").run()
        // Each change must fail because its audit line cannot be written — not for any other reason.
        var failures: [String] = []
        do { try await AccountStore(db).setOverseer(.nation, of: user, granted: true, by: nil) } catch { failures.append(String(reflecting: error)) }
        do { try await AccountStore(db).setRole(.admin, of: user, organizationID: organization.id, by: nil) } catch { failures.append(String(reflecting: error)) }
        do {
            try await AccountStore(db).createUser(username: "ghost", displayName: "", passwordHash: "x", isSystemAdmin: true, by: nil)
        } catch { failures.append(String(reflecting: error)) }
        try await sql.raw("ALTER TABLE audit_events_hidden RENAME TO audit_events").run()
        XCTAssertEqual(failures.count, 3, "each change fails with its audit line")
        for failure in failures {
            XCTAssertTrue(failure.contains("audit_events"), "failed for another reason: \(failure)")
        }
        let scopes = try await OverseerStore(db).scopes(userID: user.requireID())
        XCTAssertEqual(scopes, [], "no overseer role without its line")
        let roles = try await UserStore(db).roles(userID: user.requireID())
        XCTAssertEqual(roles[organization.id], .viewer, "the role stayed")
        let ghost = try await UserStore(db).find(username: "ghost")
        XCTAssertNil(ghost, "no account without its line")
    }

    // MARK: Sign-in limits shared by every server

    func startSecondServer() async throws -> Application {
        let second = try await Application.make(.testing)
        var database = Self.databaseSetting
        if let file = sqliteFile, !database.isPostgres { database = .sqliteFile(path: file.path) }
        do {
            try await configure(second, settings: ServerSettings(database: database, autoMigrate: false, passwordCost: 4))
        } catch {
            try? await second.asyncShutdown()
            throw error
        }
        return second
    }

    func signIn(on server: Application, _ username: String, _ password: String) async throws -> (HTTPStatus, Int?) {
        var result: (HTTPStatus, Int?) = (.ok, nil)
        try await server.test(.POST, "/api/v1/sessions", beforeRequest: { req async throws in
            try req.content.encode(["username": username, "password": password], as: .json)
        }, afterResponse: { res async throws in
            result = (res.status, res.headers.first(name: .retryAfter).flatMap(Int.init))
        })
        return result
    }

    func testTwoServersCountTheSameFailedSignIns() async throws {
        let clock = TestClock()
        app.sujaritClock = { clock.now }
        let organization = try await makeOrganization(slug: "shared-limit")
        try await makeUser("officer", role: .editor, in: organization)
        let second = try await startSecondServer()
        second.sujaritClock = { clock.now }
        do {
            // Five wrong passwords, spread over two servers: the limit holds on both.
            for attempt in 1...5 {
                let server = attempt.isMultiple(of: 2) ? second : app!
                let (status, _) = try await signIn(on: server, "officer", "wrong \(attempt)")
                XCTAssertEqual(status, .unauthorized, "attempt \(attempt)")
                clock.advance(10)
            }
            for server in [app!, second] {
                let (status, retryAfter) = try await signIn(on: server, "officer", Self.password)
                XCTAssertEqual(status, .tooManyRequests)
                XCTAssertEqual(retryAfter, 15 * 60 - 50)
            }
            // The rows keep no name: keyed hashes only.
            let keys = try await SignInFailureRecord.query(on: db).all().map(\.key)
            XCTAssertFalse(keys.isEmpty)
            XCTAssertFalse(keys.contains { $0.contains("officer") || $0.contains("127.0.0.1") }, "\(keys)")
            // No lock-out for good: after the window, the right password works on either server.
            clock.advance(15 * 60)
            let (status, _) = try await signIn(on: second, "officer", Self.password)
            XCTAssertEqual(status, .ok)
            // Rows older than the window are deleted when the next failure is recorded.
            clock.advance(15 * 60 + 1)
            _ = try await signIn(on: app, "someone-else", "wrong")
            let left = try await SignInFailureRecord.query(on: db).all()
            XCTAssertTrue(left.allSatisfy { $0.failedAt >= clock.now.timeIntervalSince1970 - 1 }, "old failures pruned")
        } catch {
            try? await second.asyncShutdown()
            throw error
        }
        try await second.asyncShutdown()
    }

    func testClientAddressLimitInTheDatabase() async throws {
        let limiter = SignInLimiter(database: db, key: try await SignInFailureStore(db).key())
        let start = Date(timeIntervalSince1970: 1_800_000_000)
        for index in 0..<SignInThrottle.clientLimit.failures {
            let none = try await limiter.retryAfter([.account("user\(index)", from: "203.0.113.7"), .client("203.0.113.7")], now: start)
            XCTAssertNil(none)
            try await limiter.recordFailure([.account("user\(index)", from: "203.0.113.7"), .client("203.0.113.7")], now: start)
        }
        // Many names from one address: the address is limited, other addresses are not.
        let limited = try await limiter.retryAfter([.accountWide("fresh"), .client("203.0.113.7")], now: start)
        XCTAssertEqual(limited, 15 * 60)
        let other = try await limiter.retryAfter([.accountWide("fresh"), .client("198.51.100.1")], now: start)
        XCTAssertNil(other)
        let later = try await limiter.retryAfter([.accountWide("fresh"), .client("203.0.113.7")], now: start.addingTimeInterval(15 * 60))
        XCTAssertNil(later)
        // The same key from a second read of the installation's key: one key per installation.
        let again = try await SignInFailureStore(db).key()
        XCTAssertEqual(SignInLimiter(database: db, key: again).stored(.client("x")), limiter.stored(.client("x")))
    }

    // MARK: Changing a password

    func testChangingThePasswordEndsOtherSessionsAndTokens() async throws {
        let organization = try await makeOrganization(slug: "password")
        try await makeUser("somsri", role: .editor, in: organization)
        try await makeUser("colleague", role: .editor, in: organization)
        var here = Browser(app)
        try await here.signIn("somsri", password: Self.password)
        var elsewhere = Browser(app)
        try await elsewhere.signIn("somsri", password: Self.password)
        var colleague = Browser(app)
        try await colleague.signIn("colleague", password: Self.password)
        let token = try await token("somsri")
        let form = try await here.get("/account/password")
        XCTAssertEqual(form.status, .ok)
        XCTAssertTrue(form.body.contains("autocomplete=\"current-password\""))

        // Wrong current password, a weak new one, a mismatch: each said at its field.
        let wrong = try await here.post("/account/password", [("current", "not it"), ("newPassword", "ทุ่งนาเขียวขจี 2568"), ("confirmation", "ทุ่งนาเขียวขจี 2568")])
        XCTAssertEqual(wrong.status, .unprocessableEntity)
        XCTAssertTrue(wrong.body.contains("รหัสผ่านปัจจุบันไม่ถูกต้อง"))
        let weak = try await here.post("/account/password", [("current", Self.password), ("newPassword", "short"), ("confirmation", "short")])
        XCTAssertEqual(weak.status, .unprocessableEntity)
        XCTAssertTrue(weak.body.contains("อย่างน้อย 10 ตัวอักษร"), weak.body)
        let mismatch = try await here.post("/account/password", [("current", Self.password), ("newPassword", "ทุ่งนาเขียวขจี 2568"), ("confirmation", "ทุ่งนาเขียว 2568")])
        XCTAssertEqual(mismatch.status, .unprocessableEntity)
        XCTAssertTrue(mismatch.body.contains("ไม่ตรงกับรหัสผ่านใหม่"))
        let noToken = try await here.post("/account/password", [("current", Self.password), ("newPassword", "ทุ่งนาเขียวขจี 2568"), ("confirmation", "ทุ่งนาเขียวขจี 2568")], withToken: false)
        XCTAssertEqual(noToken.status, .forbidden, "CSRF")

        let changed = try await here.post("/account/password", [("current", Self.password), ("newPassword", "ทุ่งนาเขียวขจี 2568"), ("confirmation", "ทุ่งนาเขียวขจี 2568")])
        XCTAssertEqual(changed.status, .ok, changed.body)
        XCTAssertTrue(changed.body.contains("เปลี่ยนรหัสผ่านแล้ว"))
        // This browser stays signed in; the other one and the token do not; the colleague does.
        let stillHere = try await here.get("/o/password")
        XCTAssertTrue(stillHere.body.contains("somsri"), "the session that changed it continues")
        let otherPage = try await elsewhere.get("/o/password")
        XCTAssertFalse(otherPage.body.contains("somsri"), "the other session ended")
        try await app.test(.GET, "/api/v1/organizations", headers: bearer(token)) { res async throws in
            XCTAssertEqual(res.status, .unauthorized, "the API token ended")
        }
        let colleaguePage = try await colleague.get("/o/password")
        XCTAssertTrue(colleaguePage.body.contains("colleague"), "other people stay signed in")
        // The new password works, the old does not; the change is audited.
        var fresh = Browser(app)
        try await fresh.signIn("somsri", password: "ทุ่งนาเขียวขจี 2568")
        let line = try await audit(.userPasswordChange)
        XCTAssertEqual(line.count, 1)
        XCTAssertTrue(line[0].detail.contains("1 API token(s) and 1 other session(s) ended"), line[0].detail)
    }

    func testThePasswordRules() {
        XCTAssertEqual(PasswordPolicy.problems(new: "ทุ่งนาเขียวขจี 2568", confirmation: "ทุ่งนาเขียวขจี 2568", username: "somsri"), [:])
        XCTAssertNotNil(PasswordPolicy.problems(new: "short", confirmation: nil, username: "a")["newPassword"])
        XCTAssertNotNil(PasswordPolicy.problems(new: "somsri-2568-xyz", confirmation: nil, username: "somsri")["newPassword"], "contains the username")
        XCTAssertNotNil(PasswordPolicy.problems(new: "aaaaaaaaaaaa", confirmation: nil, username: "x")["newPassword"], "one character")
        XCTAssertNotNil(PasswordPolicy.problems(new: "1234567890", confirmation: nil, username: "x")["newPassword"], "well known")
        XCTAssertNotNil(PasswordPolicy.problems(new: String(repeating: "ก", count: 25), confirmation: nil, username: "x")["newPassword"], "75 bytes")
        XCTAssertNotNil(PasswordPolicy.problems(new: "same-as-before-1", confirmation: nil, username: "x", current: "same-as-before-1")["newPassword"])
        XCTAssertNotNil(PasswordPolicy.problems(new: "long enough one", confirmation: "long enough two", username: "x")["confirmation"])
    }
}
