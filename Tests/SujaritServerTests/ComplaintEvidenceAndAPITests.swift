import Foundation
import XCTest
import XCTVapor
import Fluent
import SQLKit
import SujaritCore
import SujaritPersistence
import SujaritVault
import SujaritAPIModels
@testable import SujaritServer

/// A multipart/form-data body as a browser sends it.
enum Multipart {
    static let boundary = "----SujaritTestBoundary7MA4YWxkTrZu0gW"

    static func body(_ fields: [(String, String)], files: [(field: String, name: String, bytes: [UInt8])]) -> ByteBuffer {
        var data = Data()
        for (name, value) in fields {
            data.append(Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n".utf8))
        }
        for file in files {
            data.append(Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(file.field)\"; filename=\"\(file.name)\"\r\nContent-Type: application/octet-stream\r\n\r\n".utf8))
            data.append(contentsOf: file.bytes)
            data.append(Data("\r\n".utf8))
        }
        data.append(Data("--\(boundary)--\r\n".utf8))
        return ByteBuffer(data: data)
    }

    static var contentType: HTTPMediaType { HTTPMediaType(type: "multipart", subType: "form-data", parameters: ["boundary": boundary]) }
}

extension Reporter {
    mutating func postMultipart(_ path: String, _ fields: [(String, String)], files: [(field: String, name: String, bytes: [UInt8])]) async throws -> Page {
        if token == nil { _ = try await get(path.hasSuffix("/add") ? String(path.dropLast(4)) : path) }
        var all = fields
        if let token { all.append(("_rt", token)) }
        var headers = self.headers
        headers.contentType = Multipart.contentType
        if let cookie { headers.cookie = HTTPCookies(dictionaryLiteral: (ReporterFormToken.cookieName, HTTPCookies.Value(string: cookie))) }
        var page = Page(status: .ok, body: "", headers: [:])
        try await tester().test(.POST, path, headers: headers, body: Multipart.body(all, files: files)) { res async throws in
            page = Page(status: res.status, body: res.body.string, headers: res.headers)
        }
        return page
    }
}

extension Browser {
    /// A raw GET that keeps the bytes and headers (downloads).
    func download(_ path: String) async throws -> (HTTPStatus, Data, HTTPHeaders) {
        var headers = HTTPHeaders()
        if !cookies.all.isEmpty { headers.cookie = cookies }
        var result: (HTTPStatus, Data, HTTPHeaders) = (.ok, Data(), [:])
        try await app.test(.GET, path, headers: headers) { res async throws in
            result = (res.status, Data(buffer: res.body), res.headers)
        }
        return result
    }
}

class ComplaintEvidenceTestCase: ComplaintTestCase {
    var storageRoot: URL?

    override func setUp() async throws {
        try await super.setUp()
        storageRoot = app.storageRoot
    }

    override func tearDown() async throws {
        try await super.tearDown()
        if let storageRoot { try? FileManager.default.removeItem(at: storageRoot) }
    }

    static let pdfMarker = "EVIDENCE-PDF-SECRET"
    static var pdf: [UInt8] { Array("%PDF-1.4\n% \(pdfMarker) ใบเสร็จรับเงินปลอม\n%%EOF\n".utf8) }
    static var jpeg: [UInt8] { [0xFF, 0xD8, 0xFF, 0xE0] + Array("JFIF EVIDENCE-JPEG-SECRET".utf8) }

    func reportFields(anonymous: Bool = true) -> [(String, String)] {
        [("what", Self.secrets.what), ("who", Self.secrets.who), ("identity", anonymous ? "anonymous" : "contact"),
         ("contact", anonymous ? "" : Self.secrets.contact)]
    }

    /// Every byte under the storage directory.
    func storedBytes() -> Data {
        var data = Data()
        guard let root = storageRoot else { return data }
        let enumerator = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)
        while let url = enumerator?.nextObject() as? URL { data.append((try? Data(contentsOf: url)) ?? Data()) }
        return data
    }
}

final class ComplaintEvidenceTests: ComplaintEvidenceTestCase {
    override class var usesSQLiteFile: Bool { true }

    func testEvidenceIsSealedAndOnlyOfficersOpenIt() async throws {
        var reporter = Reporter(app)
        _ = try await reporter.get("/o/org-a/report")
        let page = try await reporter.postMultipart("/o/org-a/report", reportFields(),
                                                    files: [("evidence[]", "ใบเสร็จ นายสมปอง.pdf", Self.pdf), ("evidence[]", "photo.jpg", Self.jpeg),
                                                            ("evidence[]", "", [])])
        XCTAssertEqual(page.status, .ok, page.body)
        let code = try XCTUnwrap(Reporter.receiptCode(in: page.body))
        let id = try await caseIDs(orgA)[0]

        // At rest: the storage directory holds sealed files under complaints/, the database
        // neither the content nor the names.
        let files = try FileManager.default.contentsOfDirectory(atPath: storageRoot!.path)
        XCTAssertEqual(files, ["complaints"])
        XCTAssertEqual(app.complaintEvidence.addresses().count, 2)
        let bytes = storedBytes()
        for marker in [Self.pdfMarker, "EVIDENCE-JPEG-SECRET", "ใบเสร็จ", "JFIF", "%PDF"] {
            XCTAssertNil(bytes.range(of: Data(marker.utf8)), "\(marker) in the storage directory")
        }
        if let sqliteFile {
            // SQLite: the database file itself, after a checkpoint, holds none of it.
            try await (db as! any SQLDatabase).raw("PRAGMA wal_checkpoint(TRUNCATE)").run()
            var database = Data()
            for suffix in ["", "-wal"] { database.append((try? Data(contentsOf: URL(fileURLWithPath: sqliteFile.path + suffix))) ?? Data()) }
            for marker in [Self.pdfMarker, "สมปอง.pdf", "photo.jpg", "XYZZY-WHAT"] {
                XCTAssertNil(database.range(of: Data(marker.utf8)), "\(marker) in the SQLite file")
            }
        } else {
            // PostgreSQL: the evidence rows hold the file names only sealed.
            let evidenceRows = try await ComplaintEvidenceRecord.query(on: db).all()
            let stored = Data(evidenceRows.map { "\($0.address) \($0.sealedInfo) \($0.addedBy)" }.joined(separator: "\n").utf8)
            XCTAssertEqual(evidenceRows.count, 2)
            for marker in [Self.pdfMarker, "สมปอง.pdf", "photo.jpg"] {
                XCTAssertNil(stored.range(of: Data(marker.utf8)), "\(marker) in the database")
            }
        }

        // The officer sees both files and downloads one; the download is logged.
        try await makeOfficer("officer-a", of: orgA)
        var officer = Browser(app)
        try await officer.signIn("officer-a", password: Self.password)
        let casePath = "/o/org-a/complaints/\(id.uuidString.lowercased())"
        let view = try await officer.get(casePath)
        XCTAssertTrue(view.body.contains("ใบเสร็จ นายสมปอง.pdf"), view.body)
        XCTAssertTrue(view.body.contains("photo.jpg"))
        let evidence = try await ComplaintStore(db).evidence(caseID: id, organizationID: orgA.id)
        XCTAssertEqual(evidence.count, 2)
        XCTAssertTrue(evidence.allSatisfy { $0.addedBy == "reporter" && $0.addedOn.iso == "2025-01-06" })
        let pdfItem = try XCTUnwrap(evidence.first { $0.size == Self.pdf.count })
        let path = "\(casePath)/evidence/\(pdfItem.id.uuidString.lowercased())"
        let (status, body, headers) = try await officer.download(path)
        XCTAssertEqual(status, .ok)
        XCTAssertEqual([UInt8](body), Self.pdf)
        XCTAssertEqual(headers.first(name: .contentType), "application/pdf")
        XCTAssertTrue(headers.first(name: .contentDisposition)?.hasPrefix("attachment;") ?? false)
        XCTAssertEqual(headers.first(name: "X-Content-Type-Options"), "nosniff")
        XCTAssertEqual(headers.first(name: .cacheControl), "no-store")
        let downloads = try await ComplaintLogRecord.query(on: db).filter(\.$action == "evidence.viewed").count()
        XCTAssertEqual(downloads, 1)

        // Nobody else: not signed in, a plan admin of the organization, an officer of B, a
        // recused officer, an unknown evidence id.
        var anonymous = Browser(app)
        let v1 = try await anonymous.download(path).0
        XCTAssertEqual(v1, .unauthorized)
        try await makeUser("plan-admin", role: .admin, in: orgA)
        var admin = Browser(app)
        try await admin.signIn("plan-admin", password: Self.password)
        let v2 = try await admin.download(path).0
        XCTAssertEqual(v2, .forbidden)
        try await makeOfficer("officer-b", of: orgB)
        var b = Browser(app)
        try await b.signIn("officer-b", password: Self.password)
        let v3 = try await b.download(path).0
        XCTAssertEqual(v3, .forbidden)
        let v4 = try await b.download("/o/org-b/complaints/\(id.uuidString.lowercased())/evidence/\(pdfItem.id.uuidString.lowercased())").0
        XCTAssertEqual(v4, .notFound)
        let v5 = try await officer.download("\(casePath)/evidence/\(UUID().uuidString)").0
        XCTAssertEqual(v5, .notFound)
        let recuse = try await officer.post(casePath + "/action", [("command", "recuse"), ("version", Browser.version(in: view.body)!)])
        XCTAssertEqual(recuse.status, .seeOther)
        let v6 = try await officer.download(path).0
        XCTAssertEqual(v6, .forbidden)

        // The reporter adds a file while tracking; the tracking page says how many were sent.
        var tracker = Reporter(app)
        _ = try await tracker.post("/o/org-a/report/track", [("code", code)])
        let added = try await tracker.postMultipart("/o/org-a/report/track/add", [("code", code), ("text", "")],
                                                    files: [("evidence[]", "more.txt", Array("ข้อมูลเพิ่ม ADDED-FILE".utf8))])
        XCTAssertEqual(added.status, .ok, added.body)
        XCTAssertTrue(added.body.contains("ไฟล์หลักฐานที่ส่งแล้ว: 3 ไฟล์"), added.body)
        XCTAssertFalse(added.body.contains("more.txt"), "the tracking page shows no file names")
        let count = try await ComplaintStore(db).evidence(caseID: id, organizationID: orgA.id).count
        XCTAssertEqual(count, 3)
        let chain = try await ComplaintLogChain.verify(on: db)
        XCTAssertTrue(chain.isIntact, "\(chain.problems)")
    }

    func testDisguisedAndOversizedFilesAreRefused() async throws {
        var reporter = Reporter(app)
        _ = try await reporter.get("/o/org-a/report")
        let program: [UInt8] = Array("MZ".utf8) + [0x90, 0x00] + [UInt8](repeating: 0, count: 200)
        var page = try await reporter.postMultipart("/o/org-a/report", reportFields(), files: [("evidence[]", "ใบเสร็จ.pdf", program)])
        XCTAssertEqual(page.status, .unprocessableEntity)
        XCTAssertTrue(page.body.contains("ใบเสร็จ.pdf") && page.body.contains("โปรแกรม"), page.body)
        page = try await reporter.postMultipart("/o/org-a/report", reportFields(),
                                                files: (0..<6).map { ("evidence[]", "p\($0).pdf", Self.pdf) })
        XCTAssertEqual(page.status, .unprocessableEntity)
        XCTAssertTrue(page.body.contains("ไม่เกิน 5 ไฟล์"), page.body)
        page = try await reporter.postMultipart("/o/org-a/report", reportFields(),
                                                files: [("evidence[]", "big.pdf", Array("%PDF-".utf8) + [UInt8](repeating: 0x20, count: EvidenceFileCheck.maximumFileSize))])
        XCTAssertEqual(page.status, .unprocessableEntity)
        XCTAssertTrue(page.body.contains("MB"))
        let cases = try await caseIDs(orgA).count
        XCTAssertEqual(cases, 0, "nothing is stored when a file is refused")
        XCTAssertTrue(app.complaintEvidence.addresses().isEmpty)
        let rows = try await ComplaintEvidenceRecord.query(on: db).count()
        XCTAssertEqual(rows, 0)
    }

    func testIntakeWithScannedLetter() async throws {
        try await makeOfficer("officer-a", of: orgA)
        var officer = Browser(app)
        try await officer.signIn("officer-a", password: Self.password)
        _ = try await officer.get("/o/org-a/complaints/new")
        var headers = HTTPHeaders()
        headers.contentType = Multipart.contentType
        headers.cookie = officer.cookies
        let body = Multipart.body([("_csrf", officer.csrf!), ("channel", "letter"), ("what", "จดหมายร้องเรียนเรื่องการจัดซื้อ"), ("identity", "anonymous")],
                                  files: [("evidence[]", "letter-scan.jpg", Self.jpeg)])
        try await app.test(.POST, "/o/org-a/complaints/new", headers: headers, body: body) { res async throws in
            XCTAssertEqual(res.status, .ok, res.body.string)
            XCTAssertNotNil(Reporter.receiptCode(in: res.body.string))
        }
        let id = try await caseIDs(orgA)[0]
        let evidence = try await ComplaintStore(db).evidence(caseID: id, organizationID: orgA.id)
        XCTAssertEqual(evidence.map(\.addedBy), ["officer"])
    }
}

final class ComplaintAPITests: ComplaintEvidenceTestCase {
    func api(_ method: HTTPMethod, _ path: String, token: String?, json: String? = nil) async throws -> (HTTPStatus, String) {
        var headers = HTTPHeaders()
        if let token { headers.bearerAuthorization = BearerAuthorization(token: token) }
        var body: ByteBuffer?
        if let json { headers.contentType = .json; body = ByteBuffer(string: json) }
        var result: (HTTPStatus, String) = (.ok, "")
        try await app.test(method, path, headers: headers, body: body) { res async throws in result = (res.status, res.body.string) }
        return result
    }

    func testOfficersWorkCasesThroughTheAPI() async throws {
        var reporter = Reporter(app)
        let code = try await submit(&reporter)
        let id = try await caseIDs(orgA)[0].uuidString.lowercased()
        let officer = try await makeOfficer("officer-a", of: orgA)
        try await makeOfficer("officer-a2", of: orgA)
        let token = try await self.token("officer-a")
        let base = "/api/v1/organizations/org-a/complaints"

        var (status, body) = try await api(.GET, base, token: token)
        XCTAssertEqual(status, .ok, body)
        let list = try JSONDecoder().decode(ComplaintCaseListResponse.self, from: Data(body.utf8))
        XCTAssertEqual(list.cases.map { $0.id.uuidString.lowercased() }, [id])
        XCTAssertEqual(list.cases[0].status, .received)
        XCTAssertFalse(body.contains("XYZZY-WHAT"), "the list carries no content")

        (status, body) = try await api(.GET, "\(base)/\(id)", token: token)
        XCTAssertEqual(status, .ok, body)
        var shown = try JSONDecoder().decode(ComplaintCaseResponse.self, from: Data(body.utf8))
        XCTAssertEqual(shown.report.what, Self.secrets.what)
        XCTAssertEqual(shown.report.contact, Self.secrets.contact)
        XCTAssertFalse(body.contains(code.replacingOccurrences(of: " ", with: "")))

        (status, body) = try await api(.POST, "\(base)/\(id)/transitions", token: token, json: #"{"version":\#(shown.complaint.version),"command":"acknowledge"}"#)
        XCTAssertEqual(status, .ok, body)
        shown = try JSONDecoder().decode(ComplaintCaseResponse.self, from: Data(body.utf8))
        XCTAssertEqual(shown.complaint.status, .acknowledged)
        // A stale version, an impossible step, a bad command, a refer without a body.
        (status, _) = try await api(.POST, "\(base)/\(id)/transitions", token: token, json: #"{"version":1,"command":"screen"}"#)
        XCTAssertEqual(status, .conflict)
        (status, _) = try await api(.POST, "\(base)/\(id)/transitions", token: token, json: #"{"version":\#(shown.complaint.version),"command":"close"}"#)
        XCTAssertEqual(status, .conflict)
        (status, body) = try await api(.POST, "\(base)/\(id)/transitions", token: token, json: #"{"version":\#(shown.complaint.version),"command":"explode"}"#)
        XCTAssertEqual(status, .badRequest)
        XCTAssertTrue(body.contains("command"), body)
        (status, _) = try await api(.POST, "\(base)/\(id)/transitions", token: token, json: #"{"version":\#(shown.complaint.version),"command":"assign","officer":"\#(UUID())"}"#)
        XCTAssertEqual(status, .badRequest, "only the organization's officers can be assigned")
        (status, body) = try await api(.POST, "\(base)/\(id)/transitions", token: token,
                                       json: #"{"version":\#(shown.complaint.version),"command":"assign","officer":"\#(try officer.requireID())"}"#)
        XCTAssertEqual(status, .ok, body)
        shown = try JSONDecoder().decode(ComplaintCaseResponse.self, from: Data(body.utf8))
        XCTAssertEqual(shown.complaint.assignedTo, try officer.requireID())

        // A reply the reporter reads and a note they never see.
        (status, body) = try await api(.POST, "\(base)/\(id)/replies", token: token, json: #"{"version":\#(shown.complaint.version),"text":"ได้รับเรื่องแล้ว API-REPLY"}"#)
        XCTAssertEqual(status, .created, body)
        shown = try JSONDecoder().decode(ComplaintCaseResponse.self, from: Data(body.utf8))
        (status, body) = try await api(.POST, "\(base)/\(id)/replies", token: token,
                                       json: #"{"version":\#(shown.complaint.version),"text":"ตรวจสอบ API-NOTE","internal":true}"#)
        XCTAssertEqual(status, .created, body)
        shown = try JSONDecoder().decode(ComplaintCaseResponse.self, from: Data(body.utf8))
        XCTAssertEqual(shown.messages.map(\.kind), [.reply, .note])
        (status, _) = try await api(.POST, "\(base)/\(id)/replies", token: token, json: #"{"version":\#(shown.complaint.version),"text":"   "}"#)
        XCTAssertEqual(status, .badRequest)
        let tracked = try await reporter.post("/o/org-a/report/track", [("code", code)])
        XCTAssertTrue(tracked.body.contains("API-REPLY"))
        XCTAssertFalse(tracked.body.contains("API-NOTE"))

        // Recusal through the API: the answer has no content, and the case is closed to them.
        (status, body) = try await api(.POST, "\(base)/\(id)/transitions", token: token, json: #"{"version":\#(shown.complaint.version),"command":"recuse"}"#)
        XCTAssertEqual(status, .ok, body)
        XCTAssertFalse(body.contains("XYZZY-WHAT"))
        (status, _) = try await api(.GET, "\(base)/\(id)", token: token)
        XCTAssertEqual(status, .forbidden)
        (status, body) = try await api(.GET, base, token: token)
        XCTAssertFalse(body.contains(id))
        let token2 = try await self.token("officer-a2")
        (status, _) = try await api(.GET, "\(base)/\(id)", token: token2)
        XCTAssertEqual(status, .ok)

        let chain = try await ComplaintLogChain.verify(on: db)
        XCTAssertTrue(chain.isIntact, "\(chain.problems)")
        let apiLog = try await ComplaintLogRecord.query(on: db).filter(\.$caseID == UUID(uuidString: id)!).all().map(\.action)
        XCTAssertTrue(apiLog.contains("case.viewed") && apiLog.contains("case.reply") && apiLog.contains("case.note"), "\(apiLog)")
    }

    func testTheAPIRefusesEveryoneElse() async throws {
        var reporter = Reporter(app)
        _ = try await submit(&reporter)
        let id = try await caseIDs(orgA)[0].uuidString.lowercased()
        try await makeOfficer("officer-a", of: orgA)
        try await makeOfficer("officer-b", of: orgB)
        try await makeUser("plan-admin-a", role: .admin, in: orgA)
        let base = "/api/v1/organizations/org-a/complaints"

        // A browser's session cookie alone does not open the API, even for reading.
        var browser = Browser(app)
        try await browser.signIn("officer-a", password: Self.password)
        var headers = HTTPHeaders()
        headers.cookie = HTTPCookies(dictionaryLiteral: ("sujarit_session", HTTPCookies.Value(string: browser.cookie!)))
        try await app.test(.GET, base, headers: headers) { res async throws in XCTAssertEqual(res.status, .unauthorized) }

        var (status, _) = try await api(.GET, base, token: nil)
        XCTAssertEqual(status, .unauthorized)
        for user in ["officer-b", "plan-admin-a"] {
            let token = try await self.token(user)
            let attempts: [(HTTPMethod, String, String?)] = [(.GET, base, nil), (.GET, "\(base)/\(id)", nil),
                                         (.POST, "\(base)/\(id)/transitions", #"{"version":1,"command":"acknowledge"}"#),
                                         (.POST, "\(base)/\(id)/replies", #"{"version":1,"text":"x"}"#)]
            for (method, path, json) in attempts {
                (status, _) = try await api(method, path, token: token, json: json)
                XCTAssertEqual(status, .forbidden, "\(user) \(method) \(path)")
            }
        }
        // B's officer through B's address: A's case does not exist there.
        let tokenB = try await self.token("officer-b")
        (status, _) = try await api(.GET, "/api/v1/organizations/org-b/complaints/\(id)", token: tokenB)
        XCTAssertEqual(status, .notFound)
        let stored = try await ComplaintStore(db).cases(organizationID: orgA.id)
        XCTAssertEqual(stored.map(\.status), [.received])
        XCTAssertEqual(stored.map(\.version), [1])
    }
}

final class ComplaintDeadlineSettingsTests: ComplaintTestCase {
    func testOfficerSetsDeadlinesAndSeesReminders() async throws {
        try await makeOfficer("officer-a", of: orgA)
        try await makeUser("plan-admin-a", role: .admin, in: orgA)
        var officer = Browser(app)
        try await officer.signIn("officer-a", password: Self.password)
        var page = try await officer.get("/o/org-a/complaints/settings")
        XCTAssertEqual(page.status, .ok)
        XCTAssertTrue(page.body.contains("value=\"15\""), "15 days by default")
        page = try await officer.post("/o/org-a/complaints/settings", [("days", "0"), ("acknowledgeDays", "x")])
        XCTAssertEqual(page.status, .unprocessableEntity)
        XCTAssertTrue(page.body.contains("ต้องเป็นจำนวนวัน 1–365"))
        var policy = try await ComplaintStore(db).deadlinePolicy(organizationID: orgA.id)
        XCTAssertEqual(policy, .standard, "nothing saved")
        page = try await officer.post("/o/org-a/complaints/settings", [("days", "10"), ("acknowledgeDays", "2"), ("workingDays", "yes")])
        XCTAssertEqual(page.status, .ok, page.body)
        policy = try await ComplaintStore(db).deadlinePolicy(organizationID: orgA.id)
        XCTAssertEqual(policy, ComplaintDeadlinePolicy(days: 10, acknowledgeDays: 2, workingDaysOnly: true))
        let logged = try await ComplaintLogRecord.query(on: db).filter(\.$action == "settings.deadlines").first()
        XCTAssertEqual(logged?.detail, "acknowledge 2, answer 10 working days")

        // Not for a plan admin, nor without the form token.
        var admin = Browser(app)
        try await admin.signIn("plan-admin-a", password: Self.password)
        let refused = try await admin.post("/o/org-a/complaints/settings", [("days", "99"), ("acknowledgeDays", "1")])
        XCTAssertEqual(refused.status, .forbidden)
        let forged = try await officer.post("/o/org-a/complaints/settings", [("days", "99"), ("acknowledgeDays", "1")], withToken: false)
        XCTAssertEqual(forged.status, .forbidden)

        // A case received Monday 6 January 2025 is due 10 working days later: Monday 20 January.
        var reporter = Reporter(app)
        _ = try await submit(&reporter)
        let cases = try await ComplaintStore(db).cases(organizationID: orgA.id)
        XCTAssertEqual(cases[0].dueOn, CalendarDay(year: 2025, month: 1, day: 20))

        // Thursday 9 January: not acknowledged within 2 working days (by Wednesday the 8th).
        app.sujaritClock = { Date(timeIntervalSince1970: 1_736_132_400 + 3 * 86_400) }
        officer = Browser(app)
        try await officer.signIn("officer-a", password: Self.password)
        page = try await officer.get("/o/org-a/complaints")
        XCTAssertTrue(page.body.contains("id=\"reminders\""), page.body)
        XCTAssertTrue(page.body.contains(ComplaintReminder.Kind.acknowledgementOverdue.thaiName + " 1 วัน"), page.body)
        // 21 January: the answer is overdue.
        app.sujaritClock = { Date(timeIntervalSince1970: 1_736_132_400 + 15 * 86_400) }
        officer = Browser(app)
        try await officer.signIn("officer-a", password: Self.password)
        page = try await officer.get("/o/org-a/complaints")
        XCTAssertTrue(page.body.contains(ComplaintReminder.Kind.answerOverdue.thaiName + " 1 วัน"), page.body)
    }
}

final class ComplaintReceiptSlipWebTests: ComplaintTestCase {
    func testSlipIsMadeFromTheFormAndStoredNowhere() async throws {
        var reporter = Reporter(app)
        _ = try await reporter.get("/o/org-a/report")
        let receipt = try await reporter.post("/o/org-a/report", [("what", Self.secrets.what), ("identity", "anonymous")])
        XCTAssertTrue(receipt.body.contains("action=\"/o/org-a/report/receipt\""), "the receipt page offers the slip")
        let code = try XCTUnwrap(Reporter.receiptCode(in: receipt.body))
        let logRows = try await ComplaintLogRecord.query(on: db).count()

        let page = try await reporter.post("/o/org-a/report/receipt", [("code", code), ("receivedOn", "2025-01-06"), ("dueOn", "2025-01-21")])
        XCTAssertEqual(page.status, .ok)
        XCTAssertEqual(page.headers.first(name: .contentType), EvidenceFileKind.docx.mediaType)
        XCTAssertEqual(page.headers.first(name: .cacheControl), "no-store")
        XCTAssertTrue(page.headers.first(name: .contentDisposition)?.contains("sujarit-receipt.docx") ?? false)
        XCTAssertFalse(page.headers.first(name: .contentDisposition)?.contains(code.replacingOccurrences(of: " ", with: "")) ?? true)
        XCTAssertTrue(page.body.hasPrefix("PK"))
        let after = try await ComplaintLogRecord.query(on: db).count()
        XCTAssertEqual(after, logRows, "nothing logged or stored")

        for fields in [[("code", "1234"), ("receivedOn", "2025-01-06"), ("dueOn", "2025-01-21")],
                       [("code", code), ("receivedOn", "2025-01-21"), ("dueOn", "2025-01-06")],
                       [("code", code), ("receivedOn", "x"), ("dueOn", "2025-01-06")]] {
            let bad = try await reporter.post("/o/org-a/report/receipt", fields)
            XCTAssertEqual(bad.status, .badRequest)
        }
    }
}

final class GeneralComplaintTests: ComplaintTestCase {
    func testGeneralChannelIsSeparateAndMovesOneWay() async throws {
        var reporter = Reporter(app)
        let form = try await reporter.get("/o/org-a/grievance")
        XCTAssertEqual(form.status, .ok)
        XCTAssertTrue(form.body.contains("ร้องทุกข์"))
        XCTAssertTrue(form.body.contains("href=\"/o/org-a/report\""), "points to the corruption channel")
        XCTAssertFalse(form.body.contains("concernsExecutive"), "executive routing is for corruption complaints")
        XCTAssertEqual(form.headers.first(name: .cacheControl), "no-store")
        let page = try await reporter.post("/o/org-a/grievance", [("what", "ถนนหน้าบ้านเป็นหลุมมาสามเดือน GENERAL-1"), ("identity", "contact"),
                                                                   ("contact", "081-000-0000"), ("concernsExecutive", "yes")])
        XCTAssertEqual(page.status, .ok, page.body)
        XCTAssertTrue(page.body.contains("/o/org-a/grievance/track"))
        let code = try XCTUnwrap(Reporter.receiptCode(in: page.body))
        _ = try await submit(&reporter)

        var cases = try await ComplaintStore(db).cases(organizationID: orgA.id)
        XCTAssertEqual(cases.map(\.kind).sorted { $0.rawValue < $1.rawValue }, [.corruption, .general])
        let general = try XCTUnwrap(cases.first { $0.kind == .general })
        XCTAssertFalse(general.concernsExecutive)

        // The published statistics count corruption complaints only.
        let stats = try await reporter.get("/o/org-a/report/statistics/2568.json")
        XCTAssertTrue(stats.body.contains("\"received\":1"), stats.body)
        let v1 = try await reporter.get("/o/org-a/grievance/statistics/2568").status
        XCTAssertEqual(v1, .notFound)

        // Officers see the two channels apart.
        try await makeOfficer("officer-a", of: orgA)
        var officer = Browser(app)
        try await officer.signIn("officer-a", password: Self.password)
        let path = "/o/org-a/complaints/\(general.id.uuidString.lowercased())"
        var list = try await officer.get("/o/org-a/complaints")
        XCTAssertFalse(list.body.contains(general.id.uuidString.lowercased()), "the default list is corruption complaints")
        list = try await officer.get("/o/org-a/complaints?kind=general")
        XCTAssertTrue(list.body.contains(general.id.uuidString.lowercased()), list.body)

        // Tracking works at the general channel's address.
        var tracker = Reporter(app)
        let status = try await tracker.post("/o/org-a/grievance/track", [("code", code)])
        XCTAssertTrue(status.body.contains(ComplaintStatus.received.thaiName))
        XCTAssertTrue(status.body.contains("action=\"/o/org-a/grievance/track/add\""))

        // Moved to the corruption channel, never back.
        let view = try await officer.get(path)
        XCTAssertTrue(view.body.contains("value=\"reclassify\""))
        let moved = try await officer.post(path + "/action", [("command", "reclassify"), ("version", Browser.version(in: view.body)!)])
        XCTAssertEqual(moved.status, .seeOther, moved.body)
        cases = try await ComplaintStore(db).cases(organizationID: orgA.id, kind: .corruption)
        XCTAssertEqual(cases.count, 2)
        let again = try await officer.get(path)
        XCTAssertFalse(again.body.contains("value=\"reclassify\""))
        let back = try await officer.post(path + "/action", [("command", "reclassify"), ("version", Browser.version(in: again.body)!)])
        XCTAssertEqual(back.status, .conflict)
        let logged = try await ComplaintLogRecord.query(on: db).filter(\.$action == "case.reclassify").count()
        XCTAssertEqual(logged, 1)
    }
}

final class ComplaintRetentionTests: ComplaintEvidenceTestCase {
    func testClosedCasesPastRetentionAreDeletedWithTheirFiles() async throws {
        var reporter = Reporter(app)
        _ = try await reporter.get("/o/org-a/report")
        let shared: [UInt8] = Array("%PDF-1.4 shared evidence".utf8)
        for _ in 0..<2 {
            let page = try await reporter.postMultipart("/o/org-a/report", reportFields(), files: [("evidence[]", "a.pdf", shared)])
            XCTAssertEqual(page.status, .ok, page.body)
        }
        let ids = try await caseIDs(orgA)
        // Each case seals its files under keys of its own, at random names: the same file sent
        // twice is two sealed files, and no name tells that they are the same.
        XCTAssertEqual(app.complaintEvidence.addresses().count, 2)
        try await makeOfficer("officer-a", of: orgA)
        var officer = Browser(app)
        try await officer.signIn("officer-a", password: Self.password)
        let path = "/o/org-a/complaints/\(ids[0].uuidString.lowercased())"
        for fields in [[("command", "acknowledge")], [("command", "screen")], [("command", "conclude"), ("outcome", "unsubstantiated")],
                       [("command", "reply"), ("text", "ผลการพิจารณา")], [("command", "close")]] {
            let view = try await officer.get(path)
            let result = try await officer.post(path + "/action", fields + [("version", Browser.version(in: view.body)!)])
            XCTAssertEqual(result.status, .seeOther, result.body)
        }
        let closed = try await ComplaintStore(db).cases(organizationID: orgA.id).first { $0.id == ids[0] }
        XCTAssertEqual(closed?.closedOn, CalendarDay(year: 2025, month: 1, day: 6))

        let retention = ComplaintRetention(yearsAfterClosure: 10)
        var report = try await ComplaintRetentionRun.run(app, retention: retention, today: CalendarDay(year: 2035, month: 1, day: 6), apply: true)
        XCTAssertTrue(report.cases.isEmpty, "not yet past 10 years")
        report = try await ComplaintRetentionRun.run(app, retention: retention, today: CalendarDay(year: 2035, month: 1, day: 7), apply: false)
        XCTAssertEqual(report.cases.map(\.id), [ids[0]])
        var remaining = try await caseIDs(orgA).count
        XCTAssertEqual(remaining, 2, "listing deletes nothing")
        report = try await ComplaintRetentionRun.run(app, retention: retention, today: CalendarDay(year: 2035, month: 1, day: 7), apply: true)
        XCTAssertEqual(report.cases.map(\.id), [ids[0]])
        remaining = try await caseIDs(orgA).count
        XCTAssertEqual(remaining, 1)
        XCTAssertEqual(report.filesRemoved, 1, "the purged case's own file goes")
        XCTAssertEqual(app.complaintEvidence.addresses().count, 1, "the open case's file stays")
        let kept = try await ComplaintStore(db).evidence(caseID: ids[1], organizationID: orgA.id)
        XCTAssertEqual(kept.map(\.address), app.complaintEvidence.addresses())
        let messages = try await ComplaintMessageRecord.query(on: db).filter(\.$caseID == ids[0]).count()
        XCTAssertEqual(messages, 0)
        let keyCopies = try await ComplaintKeyWrapRecord.query(on: db).filter(\.$caseID == ids[0]).count()
        XCTAssertEqual(keyCopies, 0, "the case's wrapped keys go with it")
        let chain = try await ComplaintLogChain.verify(on: db)
        XCTAssertTrue(chain.isIntact, "\(chain.problems)")
        let purged = try await ComplaintLogRecord.query(on: db).filter(\.$action == "case.purge").count()
        XCTAssertEqual(purged, 1)

        // An orphan file (a submission whose transaction failed) goes once a day old.
        let orphan = try app.complaintEvidence.put(Data("%PDF-orphan".utf8))
        report = try await ComplaintRetentionRun.run(app, retention: retention, today: CalendarDay(year: 2035, month: 1, day: 7), apply: true)
        XCTAssertEqual(report.orphanFilesRemoved, 0, "too recent: its transaction may still be running")
        report = try await ComplaintRetentionRun.run(app, retention: retention, today: CalendarDay(year: 2035, month: 1, day: 7), apply: true,
                                                     now: Date().addingTimeInterval(2 * 86_400))
        XCTAssertEqual(report.orphanFilesRemoved, 1)
        XCTAssertFalse(app.complaintEvidence.addresses().contains(orphan))
        XCTAssertEqual(app.complaintEvidence.addresses().count, 1)
    }
}

final class ComplaintOverseerTests: ComplaintTestCase {
    func testProvinceOverseerHandlesCasesAboutTheExecutive() async throws {
        var reporter = Reporter(app)
        _ = try await submit(&reporter, executive: true)
        _ = try await submit(&reporter)
        let cases = try await ComplaintStore(db).cases(organizationID: orgA.id)
        let executive = try XCTUnwrap(cases.first { $0.concernsExecutive })
        let ordinary = try XCTUnwrap(cases.first { !$0.concernsExecutive })
        let overseer = try await makeUser("nacc-khonkaen")
        try await ComplaintStore(db).addOverseer(userID: overseer.requireID(), province: " ขอนแก่น ")
        let elsewhere = try await makeUser("nacc-udon")
        try await ComplaintStore(db).addOverseer(userID: elsewhere.requireID(), province: "อุดรธานี")
        try await makeOfficer("officer-a", of: orgA)

        var province = Browser(app)
        try await province.signIn("nacc-khonkaen", password: Self.password)
        let home = try await province.get("/complaints/overseer")
        XCTAssertEqual(home.status, .ok)
        XCTAssertTrue(home.body.contains("/o/org-a/complaints"), home.body)
        let list = try await province.get("/o/org-a/complaints")
        XCTAssertEqual(list.status, .ok)
        XCTAssertTrue(list.body.contains(executive.id.uuidString.lowercased()))
        XCTAssertFalse(list.body.contains(ordinary.id.uuidString.lowercased()), "the organization's own cases stay with its officers")
        let path = "/o/org-a/complaints/\(executive.id.uuidString.lowercased())"
        let view = try await province.get(path)
        XCTAssertEqual(view.status, .ok)
        XCTAssertTrue(view.body.contains("XYZZY-WHAT"))
        // It can be assigned to the province's account, not to the organization's officers.
        XCTAssertTrue(view.body.contains(try overseer.requireID().uuidString.lowercased()))
        let acknowledged = try await province.post(path + "/action", [("command", "acknowledge"), ("version", Browser.version(in: view.body)!)])
        XCTAssertEqual(acknowledged.status, .seeOther)
        let v1 = try await province.get("/o/org-a/complaints/\(ordinary.id.uuidString.lowercased())").status
        XCTAssertEqual(v1, .forbidden)

        // Another province's account and the organization's officer are refused.
        var other = Browser(app)
        try await other.signIn("nacc-udon", password: Self.password)
        let v2 = try await other.get(path).status
        XCTAssertEqual(v2, .forbidden)
        let v3 = try await other.get("/o/org-a/complaints").status
        XCTAssertEqual(v3, .forbidden)
        var officer = Browser(app)
        try await officer.signIn("officer-a", password: Self.password)
        let v4 = try await officer.get(path).status
        XCTAssertEqual(v4, .forbidden)
        let v5 = try await officer.get("/complaints/overseer").status
        XCTAssertEqual(v5, .forbidden)

        // The case was sealed to the province's account; removing the account drops its copies.
        let overseerID = try overseer.requireID()
        var copies = try await ComplaintStore(db).wraps(caseIDs: [executive.id], organizationID: orgA.id)
        XCTAssertTrue(copies.contains { $0.recipient == .officer && $0.recipientID == overseerID })
        let officerA = try await UserStore(db).find(username: "officer-a")?.id
        XCTAssertFalse(copies.contains { $0.recipientID == officerA }, "the organization's own officer never holds it")
        try await ComplaintStore(db).removeOverseer(userID: overseerID, province: "ขอนแก่น")
        copies = try await ComplaintStore(db).wraps(caseIDs: [executive.id], organizationID: orgA.id)
        XCTAssertFalse(copies.contains { $0.recipientID == overseerID })
        let v6 = try await province.get(path).status
        XCTAssertEqual(v6, .forbidden)
    }
}
