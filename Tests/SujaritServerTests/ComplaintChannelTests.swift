import Foundation
import XCTest
import XCTVapor
import Fluent
import SQLKit
import SujaritCore
import SujaritPersistence
import SujaritVault
@testable import SujaritServer

/// A reporter's browser: no account, only the form-token cookie.
struct Reporter {
    let app: Application
    var cookie: String?
    var token: String?
    var headers = HTTPHeaders()
    /// Through a real socket (the client has an address) instead of in memory.
    var live = false

    init(_ app: Application, live: Bool = false) {
        self.app = app
        self.live = live
    }

    func tester() throws -> any XCTApplicationTester {
        live ? try app.testable(method: .running(hostname: "127.0.0.1", port: 0)) : try app.testable()
    }

    struct Page { var status: HTTPStatus; var body: String; var headers: HTTPHeaders }

    mutating func get(_ path: String) async throws -> Page {
        var headers = self.headers
        if let cookie { headers.cookie = HTTPCookies(dictionaryLiteral: (ReporterFormToken.cookieName, HTTPCookies.Value(string: cookie))) }
        var page = Page(status: .ok, body: "", headers: [:])
        try await tester().test(.GET, path, headers: headers) { res async throws in
            page = Page(status: res.status, body: res.body.string, headers: res.headers)
            if let value = res.headers.setCookie?[ReporterFormToken.cookieName]?.string { cookie = value }
        }
        if let start = page.body.range(of: "name=\"_rt\" value=\"")?.upperBound {
            token = String(page.body[start...].prefix { $0 != "\"" })
        }
        return page
    }

    mutating func post(_ path: String, _ fields: [(String, String)]) async throws -> Page {
        if token == nil { _ = try await get(path.hasSuffix("/add") ? String(path.dropLast(4)) : path) }
        var all = fields
        if let token { all.append(("_rt", token)) }
        let body = all.map { Browser.encode($0.0) + "=" + Browser.encode($0.1) }.joined(separator: "&")
        var headers = self.headers
        headers.contentType = .urlEncodedForm
        if let cookie { headers.cookie = HTTPCookies(dictionaryLiteral: (ReporterFormToken.cookieName, HTTPCookies.Value(string: cookie))) }
        var page = Page(status: .ok, body: "", headers: [:])
        try await tester().test(.POST, path, headers: headers, body: ByteBuffer(string: body)) { res async throws in
            page = Page(status: res.status, body: res.body.string, headers: res.headers)
        }
        return page
    }

    static func receiptCode(in html: String) -> String? {
        guard let start = html.range(of: "id=\"receipt-code\">")?.upperBound else { return nil }
        return String(html[start...].prefix { $0 != "<" })
    }
}

class ComplaintTestCase: ServerTestCase {
    var orgA: Organization!
    var orgB: Organization!

    static let secrets = (what: "นายสมปองเรียกรับเงินใต้โต๊ะค่าถนนหมู่ 7 XYZZY-WHAT",
                          who: "นายสมปอง ใจร้าย QWERTY-WHO",
                          when: "15 มกราคม 2568 PLUGH-WHEN",
                          place: "ศาลาประชาคมหมู่ 7 FROBOZZ-WHERE",
                          amount: "250,000 บาท GRUE-AMOUNT",
                          contact: "081-555-0199 ZORK-CONTACT")

    override func setUp() async throws {
        try await super.setUp()
        orgA = try await makeOrganization(slug: "org-a")
        orgB = try await makeOrganization(slug: "org-b")
        // Monday 6 January 2025, 10:00 in Thailand.
        app.sujaritClock = { Date(timeIntervalSince1970: 1_736_132_400) }
    }

    func submit(_ reporter: inout Reporter, org: Organization = ComplaintTestCase.orgPlaceholder, anonymous: Bool = false,
                executive: Bool = false) async throws -> String {
        let slug = org.slug.isEmpty ? orgA.slug : org.slug
        _ = try await reporter.get("/o/\(slug)/report")
        var fields = [("what", Self.secrets.what), ("who", Self.secrets.who), ("when", Self.secrets.when),
                      ("place", Self.secrets.place), ("amount", Self.secrets.amount),
                      ("identity", anonymous ? "anonymous" : "contact"), ("contact", Self.secrets.contact)]
        if executive { fields.append(("concernsExecutive", "yes")) }
        let page = try await reporter.post("/o/\(slug)/report", fields)
        XCTAssertEqual(page.status, .ok, page.body)
        let code = try XCTUnwrap(Reporter.receiptCode(in: page.body))
        return code
    }

    static let orgPlaceholder = Organization(slug: "", kind: .subdistrict, name: "", district: "", province: "", units: [])

    @discardableResult
    func makeOfficer(_ username: String, of organization: Organization) async throws -> UserRecord {
        let user = try await makeUser(username)
        try await ComplaintStore(db).addOfficer(userID: user.requireID(), organizationID: organization.id)
        return user
    }

    func caseIDs(_ organization: Organization) async throws -> [UUID] {
        try await ComplaintStore(db).cases(organizationID: organization.id).map(\.id)
    }
}

final class ComplaintReportingTests: ComplaintTestCase {
    override class var usesSQLiteFile: Bool { true }

    func testReceiptAndEncryptionAtRest() async throws {
        var reporter = Reporter(app)
        let form = try await reporter.get("/o/org-a/report")
        XCTAssertEqual(form.status, .ok)
        XCTAssertTrue(form.body.contains("value=\"anonymous\" checked"), "staying anonymous is the default")
        let code = try await submit(&reporter)
        XCTAssertEqual(code.split(separator: " ").map(\.count), [4, 4, 4, 4, 4])
        let digits = code.replacingOccurrences(of: " ", with: "")

        // Nothing of the report, the contact or the code is stored in the clear.
        let stored = try await allStoredText()
        for secret in [Self.secrets.what, Self.secrets.who, Self.secrets.when, Self.secrets.place, Self.secrets.amount, Self.secrets.contact] {
            let marker = String(secret.split(separator: " ").last!)
            XCTAssertFalse(stored.contains(marker), "\(marker) is stored in the clear")
        }
        XCTAssertFalse(stored.contains(digits))
        XCTAssertFalse(stored.contains(String(digits.prefix(8))))
        if let file = sqliteFile {
            // The database file itself (and its write-ahead log) after a checkpoint.
            try await (db as! any SQLDatabase).raw("PRAGMA wal_checkpoint(TRUNCATE)").run()
            var bytes = Data()
            for suffix in ["", "-wal"] { bytes.append((try? Data(contentsOf: URL(fileURLWithPath: file.path + suffix))) ?? Data()) }
            XCTAssertGreaterThan(bytes.count, 0)
            for marker in ["XYZZY-WHAT", "QWERTY-WHO", "PLUGH-WHEN", "FROBOZZ-WHERE", "GRUE-AMOUNT", "ZORK-CONTACT", digits,
                           "สมปอง", "ศาลาประชาคม"] {
                XCTAssertNil(bytes.range(of: Data(marker.utf8)), "\(marker) found in the SQLite file")
            }
        }
        // The officer reads it all back.
        let ids = try await caseIDs(orgA)
        XCTAssertEqual(ids.count, 1)
        try await makeOfficer("officer-a", of: orgA)
        var officer = Browser(app)
        try await officer.signIn("officer-a", password: Self.password)
        let page = try await officer.get("/o/org-a/complaints/\(ids[0].uuidString.lowercased())")
        XCTAssertEqual(page.status, .ok, page.body)
        for marker in ["XYZZY-WHAT", "QWERTY-WHO", "PLUGH-WHEN", "FROBOZZ-WHERE", "GRUE-AMOUNT", "ZORK-CONTACT"] {
            XCTAssertTrue(page.body.contains(marker), marker)
        }
        XCTAssertFalse(page.body.contains(digits), "the officer never sees the code")
    }

    /// Every text column of every complaint table, and the session and audit tables.
    func allStoredText() async throws -> String {
        let sql = db as! any SQLDatabase
        var text = ""
        for table in [ComplaintCaseRecord.schema, ComplaintMessageRecord.schema, ComplaintLogRecord.schema, AuditEventRecord.schema, "_fluent_sessions"] {
            let rows = try await sql.raw("SELECT * FROM \(ident: table)").all()
            for row in rows {
                for column in row.allColumns {
                    if let value = try? row.decode(column: column, as: String?.self) { text += (value ?? "") + "\n" }
                }
            }
        }
        return text
    }
}

final class ComplaintFlowTests: ComplaintTestCase {
    func testReporterPagesHeaders() async throws {
        var reporter = Reporter(app)
        for path in ["/o/org-a/report", "/o/org-a/report/track", "/o/nowhere/report"] {
            let page = try await reporter.get(path)
            XCTAssertEqual(page.headers.first(name: .cacheControl), "no-store", path)
            XCTAssertEqual(page.headers.first(name: "Referrer-Policy"), "no-referrer", path)
            let csp = try XCTUnwrap(page.headers.first(name: "Content-Security-Policy"))
            XCTAssertTrue(csp.contains("default-src 'none'"), path)
            XCTAssertFalse(page.body.contains("http://") || page.body.contains("https://"), "nothing loaded from outside: \(path)")
        }
        let v1 = try await reporter.get("/o/org-a/report").headers.first(name: .setCookie).flatMap { $0.contains("sujarit_session") ? $0 : nil }
        XCTAssertNil(v1,
                     "no server session for a reporter")
    }

    func testFormTokenAndValidation() async throws {
        var reporter = Reporter(app)
        _ = try await reporter.get("/o/org-a/report")
        reporter.token = "forged"
        let forged = try await reporter.post("/o/org-a/report", [("what", "something happened here at the office")])
        XCTAssertEqual(forged.status, .forbidden)
        reporter = Reporter(app)
        let short = try await reporter.post("/o/org-a/report", [("what", "<i>x</i>")])
        XCTAssertEqual(short.status, .unprocessableEntity)
        XCTAssertFalse(short.body.contains("<script>x"), "typed text is escaped")
        XCTAssertTrue(short.body.contains("&lt;i&gt;x&lt;/i&gt;"))
        let noContact = try await reporter.post("/o/org-a/report", [("what", "a long enough description"), ("identity", "contact")])
        XCTAssertEqual(noContact.status, .unprocessableEntity)
        let count = try await caseIDs(orgA).count
        XCTAssertEqual(count, 0)
    }

    func testTrackingFlow() async throws {
        var reporter = Reporter(app)
        let code = try await submit(&reporter, anonymous: true)
        let id = try await caseIDs(orgA)[0]

        // Tracking: the status, with the code typed with or without spaces, in a POST body.
        var tracker = Reporter(app)
        var page = try await tracker.post("/o/org-a/report/track", [("code", code)])
        XCTAssertEqual(page.status, .ok)
        XCTAssertTrue(page.body.contains(ComplaintStatus.received.thaiName), page.body)
        XCTAssertEqual(page.headers.first(name: .cacheControl), "no-store")

        // An officer acknowledges, replies and writes an internal note.
        try await makeOfficer("officer-a", of: orgA)
        var officer = Browser(app)
        try await officer.signIn("officer-a", password: Self.password)
        let casePath = "/o/org-a/complaints/\(id.uuidString.lowercased())"
        var view = try await officer.get(casePath)
        XCTAssertTrue(view.body.contains("XYZZY-WHAT"))
        for fields in [[("command", "acknowledge")], [("command", "reply"), ("text", "ขอเอกสารเพิ่มเติม REPLY-1")],
                       [("command", "note"), ("text", "ตรวจสอบกับกองคลัง NOTE-1")], [("command", "screen")]] {
            view = try await officer.get(casePath)
            let version = try XCTUnwrap(Browser.version(in: view.body))
            let result = try await officer.post(casePath + "/action", fields + [("version", version)])
            XCTAssertEqual(result.status, .seeOther, result.body)
        }

        page = try await tracker.post("/o/org-a/report/track", [("code", code.replacingOccurrences(of: " ", with: ""))])
        XCTAssertTrue(page.body.contains(ComplaintStatus.screening.thaiName))
        XCTAssertTrue(page.body.contains("REPLY-1"))
        XCTAssertFalse(page.body.contains("NOTE-1"), "internal notes never reach the reporter")
        XCTAssertFalse(page.body.contains("XYZZY-WHAT"), "the tracking page shows the status and replies, nothing else")

        // The reporter adds information; the officer sees it.
        page = try await tracker.post("/o/org-a/report/track/add", [("code", code), ("text", "มีใบเสร็จปลอม ADDED-1")])
        XCTAssertEqual(page.status, .ok)
        XCTAssertTrue(page.body.contains("ADDED-1"))
        view = try await officer.get(casePath)
        XCTAssertTrue(view.body.contains("ADDED-1"))
        XCTAssertTrue(view.body.contains("case.viewed"), "views are logged")

        // A stale version is refused.
        let stale = try await officer.post(casePath + "/action", [("command", "investigate"), ("version", "1")])
        XCTAssertEqual(stale.status, .conflict)
        // An impossible step is refused.
        view = try await officer.get(casePath)
        let wrong = try await officer.post(casePath + "/action", [("command", "close"), ("version", Browser.version(in: view.body)!)])
        XCTAssertEqual(wrong.status, .conflict)

        let chain = try await ComplaintLogChain.verify(on: db)
        XCTAssertTrue(chain.isIntact, "\(chain.problems)")
        XCTAssertGreaterThan(chain.rows, 8)
    }

    func testWrongCodesRevealNothingAndAreLimited() async throws {
        var reporter = Reporter(app)
        let code = try await submit(&reporter)
        var other = Reporter(app)
        let codeB = try await submit(&other, org: orgB)

        var guesser = Reporter(app)
        // A malformed code, a random code and a code of another organization: the same answer.
        var answers: [String] = []
        for guess in ["1234", ReceiptCode.generate().grouped, codeB] {
            let page = try await guesser.post("/o/org-a/report/track", [("code", guess)])
            XCTAssertEqual(page.status, .ok)
            answers.append(page.body)
        }
        XCTAssertEqual(Set(answers).count, 1, "no answer says whether a case exists")

        // 10,000 guesses find nothing: after the limit every one is refused unread.
        var found = 0, limited = 0
        for _ in 0..<10_000 {
            let page = try await guesser.post("/o/org-a/report/track", [("code", ReceiptCode.generate().digits)])
            if page.status == .tooManyRequests { limited += 1 } else if page.body.contains("สถานะเรื่องร้องเรียน") { found += 1 }
        }
        XCTAssertEqual(found, 0)
        XCTAssertGreaterThanOrEqual(limited, 10_000 - ComplaintThrottle.trackingPerClient.failures)
        // While limited even the right code is refused, with a clear Thai message and Retry-After.
        let refused = try await guesser.post("/o/org-a/report/track", [("code", code)])
        XCTAssertEqual(refused.status, .tooManyRequests)
        XCTAssertNotNil(refused.headers.first(name: .retryAfter))
        XCTAssertTrue(refused.body.contains("มีการส่งข้อมูลมากเกินไป"))
        // After the window the right code works again.
        let later = Date(timeIntervalSince1970: 1_736_132_400 + 16 * 60)
        app.sujaritClock = { later }
        let page = try await guesser.post("/o/org-a/report/track", [("code", code)])
        XCTAssertTrue(page.body.contains(ComplaintStatus.received.thaiName))
        // Failed attempts are recorded without any client detail.
        let failures = try await ComplaintLogRecord.query(on: db).filter(\.$action == "track.failed").all()
        XCTAssertGreaterThan(failures.count, 0)
        XCTAssertTrue(failures.allSatisfy { $0.actor == "reporter" && $0.occurred == "2025-01-06" && $0.detail.isEmpty })
    }

    func testSubmissionFloodIsLimited() async throws {
        var reporter = Reporter(app)
        for _ in 0..<ComplaintThrottle.reportsPerClient.failures { _ = try await submit(&reporter) }
        _ = try await reporter.get("/o/org-a/report")
        let page = try await reporter.post("/o/org-a/report", [("what", "yet another report of something")])
        XCTAssertEqual(page.status, .tooManyRequests)
        let count = try await caseIDs(orgA).count
        XCTAssertEqual(count, ComplaintThrottle.reportsPerClient.failures)
    }

    func testTenantIsolationRolesAndRecusal() async throws {
        var reporter = Reporter(app)
        _ = try await submit(&reporter, org: orgB)
        let caseB = try await caseIDs(orgB)[0]
        try await makeOfficer("officer-a", of: orgA)
        let officerB = try await makeOfficer("officer-b", of: orgB)
        try await makeOfficer("officer-b2", of: orgB)
        for role in OrganizationRole.allCases { try await makeUser("plan-\(role.rawValue)", role: role, in: orgB) }

        var a = Browser(app)
        try await a.signIn("officer-a", password: Self.password)
        // B's case through A's address: not found (its existence is not revealed).
        let v2 = try await a.get("/o/org-a/complaints/\(caseB.uuidString.lowercased())").status
        XCTAssertEqual(v2, .notFound)
        // Through B's address: refused.
        let v3 = try await a.get("/o/org-b/complaints/\(caseB.uuidString.lowercased())").status
        XCTAssertEqual(v3, .forbidden)
        let v4 = try await a.get("/o/org-b/complaints").status
        XCTAssertEqual(v4, .forbidden)
        let listA = try await a.get("/o/org-a/complaints")
        XCTAssertEqual(listA.status, .ok)
        XCTAssertFalse(listA.body.contains(caseB.uuidString.lowercased()))

        // Plan viewers, editors and admins of B are not complaint officers.
        for role in OrganizationRole.allCases {
            var user = Browser(app)
            try await user.signIn("plan-\(role.rawValue)", password: Self.password)
            let v5 = try await user.get("/o/org-b/complaints").status
            XCTAssertEqual(v5, .forbidden, role.rawValue)
            let v6 = try await user.get("/o/org-b/complaints/\(caseB.uuidString.lowercased())").status
            XCTAssertEqual(v6, .forbidden, role.rawValue)
        }
        // Nobody signed in: 401.
        var anonymous = Browser(app)
        let v7 = try await anonymous.get("/o/org-b/complaints").status
        XCTAssertEqual(v7, .unauthorized)

        // An officer who declares a conflict of interest is excluded from then on.
        var b = Browser(app)
        try await b.signIn("officer-b", password: Self.password)
        let path = "/o/org-b/complaints/\(caseB.uuidString.lowercased())"
        let view = try await b.get(path)
        XCTAssertEqual(view.status, .ok)
        let recuse = try await b.post(path + "/action", [("command", "recuse"), ("version", Browser.version(in: view.body)!)])
        XCTAssertEqual(recuse.status, .seeOther)
        let v8 = try await b.get(path).status
        XCTAssertEqual(v8, .forbidden)
        let v9 = try await b.get("/o/org-b/complaints").body.contains(caseB.uuidString.lowercased())
        XCTAssertFalse(v9)
        let v10 = try await b.post(path + "/action", [("command", "acknowledge"), ("version", "2")]).status
        XCTAssertEqual(v10, .forbidden)
        var b2 = Browser(app)
        try await b2.signIn("officer-b2", password: Self.password)
        let v11 = try await b2.get(path).status
        XCTAssertEqual(v11, .ok)
        // The recused officer cannot be assigned.
        let page = try await b2.get(path)
        XCTAssertFalse(page.body.contains(try officerB.requireID().uuidString.lowercased()))

        let refusals = try await ComplaintLogRecord.query(on: db).filter(\.$action == "access.refused").count()
        XCTAssertGreaterThanOrEqual(refusals, 9, "refused attempts are recorded")
    }

    func testComplaintAboutTheExecutiveBypassesTheOrganizationsOfficers() async throws {
        var reporter = Reporter(app)
        _ = try await submit(&reporter, executive: true)
        let id = try await caseIDs(orgA)[0]
        try await makeOfficer("officer-a", of: orgA)
        try await makeUser("overseer", systemAdmin: true)
        var officer = Browser(app)
        try await officer.signIn("officer-a", password: Self.password)
        let v12 = try await officer.get("/o/org-a/complaints").body.contains(id.uuidString.lowercased())
        XCTAssertFalse(v12)
        let v13 = try await officer.get("/o/org-a/complaints/\(id.uuidString.lowercased())").status
        XCTAssertEqual(v13, .forbidden)
        var overseer = Browser(app)
        try await overseer.signIn("overseer", password: Self.password)
        let v14 = try await overseer.get("/o/org-a/complaints/\(id.uuidString.lowercased())")
        XCTAssertEqual(v14.status, .ok)
        // An installation administrator sees that the case exists, not what it says: they hold
        // none of its keys (docs/complaint-sealing.md).
        XCTAssertFalse(v14.body.contains("XYZZY-WHAT"))
        XCTAssertTrue(v14.body.contains("id=\"sealed\""), v14.body)
    }

    func testIntakeByOfficerGivesAReceipt() async throws {
        try await makeOfficer("officer-a", of: orgA)
        var officer = Browser(app)
        try await officer.signIn("officer-a", password: Self.password)
        _ = try await officer.get("/o/org-a/complaints/new")
        let page = try await officer.post("/o/org-a/complaints/new", [("channel", "phone"), ("what", "โทรมาแจ้งว่ามีการเรียกรับเงิน"), ("identity", "anonymous")])
        XCTAssertEqual(page.status, .ok, page.body)
        let code = try XCTUnwrap(Reporter.receiptCode(in: page.body))
        let cases = try await ComplaintStore(db).cases(organizationID: orgA.id)
        XCTAssertEqual(cases.first?.channel, .phone)
        var reporter = Reporter(app)
        let status = try await reporter.post("/o/org-a/report/track", [("code", code)])
        XCTAssertTrue(status.body.contains(ComplaintStatus.received.thaiName))
    }

    func testStatisticsSuppression() async throws {
        var reporter = Reporter(app)
        for _ in 0..<3 { _ = try await submit(&reporter) }
        let page = try await reporter.get("/o/org-a/report/statistics/2568")
        XCTAssertEqual(page.status, .ok)
        XCTAssertTrue(page.body.contains("น้อยกว่า 5"), "January's 3 cases are suppressed")
        XCTAssertTrue(page.body.contains("ไม่มีเรื่องร้องเรียนในช่วงเวลานี้"))
        XCTAssertTrue(page.body.contains("<td>3</td>"), "the year total is exact")
        var json = try await reporter.get("/o/org-a/report/statistics/2568.json")
        XCTAssertEqual(json.status, .ok)
        XCTAssertTrue(json.body.contains("\"received\":3"), json.body)
        XCTAssertTrue(json.body.contains("\"received\":\"น้อยกว่า 5\""), json.body)
        json = try await reporter.get("/o/org-b/report/statistics/2568.json")
        XCTAssertTrue(json.body.contains("ไม่มีเรื่องร้องเรียนในช่วงเวลานี้"))
        let v15 = try await reporter.get("/o/org-a/report/statistics/abc").status
        XCTAssertEqual(v15, .notFound)
    }

    func testAuditChainDetectsEditedAndDeletedRows() async throws {
        var reporter = Reporter(app)
        for _ in 0..<3 { _ = try await submit(&reporter) }
        var result = try await ComplaintLogChain.verify(on: db)
        XCTAssertTrue(result.isIntact)
        XCTAssertEqual(result.rows, 3)
        let second = try await ComplaintLogRecord.query(on: db).filter(\.$chain == "reporter").filter(\.$sequence == 2).first()!
        second.detail = "edited"
        try await second.update(on: db)
        result = try await ComplaintLogChain.verify(on: db)
        XCTAssertEqual(result.problems, ["reporter row 2 was changed after it was written"])
        try await second.delete(on: db)
        result = try await ComplaintLogChain.verify(on: db)
        XCTAssertFalse(result.isIntact)
        XCTAssertTrue(result.problems.contains { $0.contains("missing") }, "\(result.problems)")
    }

    func testReportsAreNotOrderedAmongTimedStaffActions() async throws {
        try await makeOfficer("officer-a", of: orgA)
        var officer = Browser(app)
        try await officer.signIn("officer-a", password: Self.password)
        _ = try await officer.get("/o/org-a/complaints")
        var reporter = Reporter(app)
        _ = try await submit(&reporter)
        _ = try await officer.get("/o/org-a/complaints")
        let rows = try await ComplaintLogRecord.query(on: db).all()
        let reporterRows = rows.filter { $0.actor == "reporter" }
        XCTAssertEqual(reporterRows.count, 1)
        XCTAssertEqual(reporterRows[0].chain, "reporter")
        XCTAssertEqual(reporterRows[0].occurred, "2025-01-06", "a day, no time")
        XCTAssertTrue(rows.filter { $0.actor != "reporter" }.allSatisfy { $0.chain == "staff" })
        let chains = try await ComplaintLogChain.verify(on: db)
        XCTAssertTrue(chains.isIntact)
    }
}


/// Collects every log line (message and metadata) of the application.
final class LogCapture: @unchecked Sendable {
    private let lock = NSLock()
    private var lines: [String] = []
    func append(_ line: String) { lock.withLock { lines.append(line) } }
    var text: String { lock.withLock { lines.joined(separator: "\n") } }
}

struct CapturingLogHandler: LogHandler {
    let capture: LogCapture
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .trace

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(level: Logger.Level, message: Logger.Message, metadata extra: Logger.Metadata?, source: String, file: String,
             function: String, line: UInt) {
        let all = metadata.merging(extra ?? [:]) { $1 }
        capture.append("\(level) \(message) \(all.map { "\($0.key)=\($0.value)" }.sorted().joined(separator: " "))")
    }
}

final class ComplaintLoggingTests: ComplaintTestCase {
    func testServerLogHoldsNoSecretsCodeOrClientAddress() async throws {
        let capture = LogCapture()
        app.logger = Logger(label: "sujarit.test") { _ in CapturingLogHandler(capture: capture) }
        // Debug, above the production default (info). At trace level Vapor itself logs every
        // request head, client headers included; `configureComplaints` warns about that.
        app.logger.logLevel = .debug

        var reporter = Reporter(app, live: true)
        reporter.headers.replaceOrAdd(name: .xForwardedFor, value: "203.0.113.77")
        reporter.headers.replaceOrAdd(name: .userAgent, value: "SecretBrowser/9.9 UA-MARKER")
        let code = try await submit(&reporter, anonymous: false)
        let digits = code.replacingOccurrences(of: " ", with: "")
        var page = try await reporter.post("/o/org-a/report/track", [("code", code)])
        XCTAssertEqual(page.status, .ok)
        page = try await reporter.post("/o/org-a/report/track/add", [("code", code), ("text", "more detail ADDED-SECRET")])
        XCTAssertTrue(page.body.contains("ADDED-SECRET"))
        _ = try await reporter.post("/o/org-a/report/track", [("code", ReceiptCode.generate().grouped)])
        _ = try await reporter.get("/o/org-a/report/statistics/2568")
        // A page outside the channel is logged as usual (so the capture works).
        _ = try await reporter.get("/o/org-a")

        let log = capture.text
        try? log.write(toFile: "/tmp/complaint-capture.log", atomically: true, encoding: .utf8)
        XCTAssertTrue(log.contains("GET /o/org-a"), "route logging still works elsewhere:\n\(log)")
        for forbidden in ["XYZZY-WHAT", "QWERTY-WHO", "PLUGH-WHEN", "FROBOZZ-WHERE", "GRUE-AMOUNT", "ZORK-CONTACT", "ADDED-SECRET",
                          digits, String(digits.prefix(4)) + " " + String(digits.dropFirst(4).prefix(4)), "203.0.113.77",
                          "UA-MARKER", "/report"] {
            XCTAssertFalse(log.contains(forbidden), "the log contains \(forbidden):\n\(log)")
        }
    }
}
