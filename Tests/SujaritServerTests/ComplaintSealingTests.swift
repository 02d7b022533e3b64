import Foundation
import XCTest
import XCTVapor
import Fluent
import SQLKit
import SujaritCore
import SujaritPersistence
import SujaritVault
@testable import SujaritServer

/// Per-officer sealing through the whole server (docs/complaint-sealing.md): what the database
/// and the key file can open alone, who receives a case's keys, recusal, recovery, old cases.
final class ComplaintSealingTests: ComplaintTestCase {
    func caseRecord(_ id: UUID) async throws -> ComplaintCaseRecord {
        let record = try await ComplaintCaseRecord.query(on: db).filter(\.$id == id).first()
        return try XCTUnwrap(record)
    }

    func wraps(_ id: UUID, _ organization: Organization? = nil) async throws -> [WrappedCaseKey] {
        try await ComplaintStore(db).wraps(caseIDs: [id], organizationID: (organization ?? orgA).id)
    }

    /// The officer's key pair as someone who knows the password (and has the vault) opens it.
    func pair(of username: String) async throws -> RecipientKeyPair {
        let found = try await UserStore(db).find(username: username)
        let user = try XCTUnwrap(found)
        let key = try await ComplaintStore(db).officerKey(userID: user.requireID())
        let stored = try XCTUnwrap(key)
        let locked = try app.complaintVault.openText(stored.lockedKey, context: ComplaintKeyring.lockContext(try user.requireID()))
        return try PrivateKeyLock.open(locked, password: Self.password, context: ComplaintKeyring.lockContext(try user.requireID()))
    }

    /// Everything an attacker with the database and the key file can open: the server's copies.
    func openWithDatabaseAndKeyFile(_ id: UUID) async throws -> ComplaintReport? {
        let record = try await caseRecord(id)
        for copy in try await wraps(id) where copy.recipient == .server && copy.key == .caseKey {
            let key = try app.complaintVault.unwrapForServer(copy.wrapped, kind: .caseKey, context: copy.context)
            return try JSONDecoder().decode(ComplaintReport.self, from: key.open(record.sealedReport, context: ComplaintService.reportContext(id)))
        }
        if let data = try? app.complaintVault.open(record.sealedReport, context: ComplaintService.reportContext(id)) {
            return try JSONDecoder().decode(ComplaintReport.self, from: data)
        }
        return nil
    }

    func testTheDatabaseAndTheKeyFileOpenNoCaseAnOfficerHolds() async throws {
        try await makeOfficer("officer-a", of: orgA)
        var officer = Browser(app)
        try await officer.signIn("officer-a", password: Self.password)
        XCTAssertNotNil(officer.keysCookie, "the session's key secret goes to the browser")

        var reporter = Reporter(app)
        _ = try await submit(&reporter)
        let id = try await caseIDs(orgA)[0]
        let copies = try await wraps(id)
        XCTAssertEqual(Set(copies.map(\.recipient)), [.officer, .reporter], "sealed with public keys only; no server copy")
        let record = try await caseRecord(id)
        XCTAssertTrue(record.sealedReport.hasPrefix("k1:c:"))
        XCTAssertEqual(record.keyGeneration, 1)
        let opened = try await openWithDatabaseAndKeyFile(id)
        XCTAssertNil(opened, "a copy of the database with the key file opens nothing")
        // The session row holds the officer's key only locked under the cookie's secret.
        let sessions = try await (db as! any SQLDatabase).raw("SELECT data FROM _fluent_sessions").all()
        XCTAssertFalse(sessions.isEmpty)

        // The officer reads it; the same session without the key cookie does not.
        let page = try await officer.get("/o/org-a/complaints/\(id.uuidString.lowercased())")
        XCTAssertTrue(page.body.contains("XYZZY-WHAT"), page.body)
        var stolen = officer
        stolen.keysCookie = nil
        let without = try await stolen.get("/o/org-a/complaints/\(id.uuidString.lowercased())")
        XCTAssertEqual(without.status, .ok)
        XCTAssertFalse(without.body.contains("XYZZY-WHAT"), "a session cookie alone opens no case")
        XCTAssertTrue(without.body.contains("id=\"sealed\""))
        var wrongSecret = officer
        wrongSecret.keysCookie = PrivateKeyLock.newSessionSecret()
        let wrong = try await wrongSecret.get("/o/org-a/complaints/\(id.uuidString.lowercased())")
        XCTAssertFalse(wrong.body.contains("XYZZY-WHAT"))
    }

    func testTheFirstOfficerReceivesACaseTheServerHeldAndTheServerLetsGo() async throws {
        var reporter = Reporter(app)
        let code = try await submit(&reporter)
        let id = try await caseIDs(orgA)[0]
        // Nobody could receive it yet: the server holds it, so it can be handed on.
        var copies = try await wraps(id)
        XCTAssertEqual(Set(copies.filter { $0.recipient == .server }.map(\.key)), [.caseKey, .replyKey])
        let held = try await openWithDatabaseAndKeyFile(id)
        XCTAssertEqual(held?.what, Self.secrets.what, "while the server holds a case, the key file opens it (documented)")

        let officerA = try await makeOfficer("officer-a", of: orgA)
        var officer = Browser(app)
        try await officer.signIn("officer-a", password: Self.password)
        let list = try await officer.get("/o/org-a/complaints")
        XCTAssertEqual(list.status, .ok)
        copies = try await wraps(id)
        XCTAssertFalse(copies.contains { $0.recipient == .server }, "handed on: the server's copies are gone")
        XCTAssertEqual(Set(copies.filter { $0.recipient == .officer }.compactMap(\.recipientID)), [try officerA.requireID()])
        let opened = try await openWithDatabaseAndKeyFile(id)
        XCTAssertNil(opened)
        let page = try await officer.get("/o/org-a/complaints/\(id.uuidString.lowercased())")
        XCTAssertTrue(page.body.contains("XYZZY-WHAT"))
        let shared = try await ComplaintLogRecord.query(on: db).filter(\.$action == "keys.shared").count()
        XCTAssertGreaterThan(shared, 0)
        // The reporter still follows it with the code.
        let tracked = try await reporter.post("/o/org-a/report/track", [("code", code)])
        XCTAssertTrue(tracked.body.contains(ComplaintStatus.received.thaiName))
    }

    func testANewOfficerReceivesTheKeysFromAColleague() async throws {
        try await makeOfficer("officer-a", of: orgA)
        var a = Browser(app)
        try await a.signIn("officer-a", password: Self.password)
        var reporter = Reporter(app)
        _ = try await submit(&reporter)
        let id = try await caseIDs(orgA)[0]
        let path = "/o/org-a/complaints/\(id.uuidString.lowercased())"

        try await makeOfficer("officer-new", of: orgA)
        var newcomer = Browser(app)
        try await newcomer.signIn("officer-new", password: Self.password)
        var page = try await newcomer.get(path)
        XCTAssertEqual(page.status, .ok)
        XCTAssertFalse(page.body.contains("XYZZY-WHAT"), "not yet: nobody who holds the keys has opened the list since")
        // A reply needs the reply key: refused with what to do, nothing written.
        let version = try XCTUnwrap(Browser.version(in: page.body))
        let refused = try await newcomer.post(path + "/action", [("command", "reply"), ("text", "x"), ("version", version)])
        XCTAssertEqual(refused.status, .conflict)
        let messages = try await ComplaintMessageRecord.query(on: db).filter(\.$caseID == id).count()
        XCTAssertEqual(messages, 0)

        _ = try await a.get("/o/org-a/complaints")
        page = try await newcomer.get(path)
        XCTAssertTrue(page.body.contains("XYZZY-WHAT"), "handed on when a colleague opened the list")
    }

    func testRecusalSealsTheCaseAgainWithoutTheRecusedOfficer() async throws {
        try await makeOfficer("officer-a", of: orgA)
        let officerB = try await makeOfficer("officer-b", of: orgA)
        var a = Browser(app), b = Browser(app)
        try await a.signIn("officer-a", password: Self.password)
        try await b.signIn("officer-b", password: Self.password)
        var reporter = Reporter(app)
        let code = try await submit(&reporter)
        let id = try await caseIDs(orgA)[0]
        let path = "/o/org-a/complaints/\(id.uuidString.lowercased())"
        var view = try await a.get(path)
        _ = try await a.post(path + "/action", [("command", "reply"), ("text", "ขอข้อมูลเพิ่ม BEFORE-RECUSAL"), ("version", Browser.version(in: view.body)!)])

        // What B could open before: their copy of the case key.
        let pairB = try await pair(of: "officer-b")
        let idB = try officerB.requireID()
        let before = try await wraps(id)
        let copyB = try XCTUnwrap(before.first { $0.recipientID == idB && $0.key == .caseKey })
        let oldKey = try KeyWrap.unwrap(copyB.wrapped, kind: .caseKey, with: pairB, context: copyB.context)

        view = try await b.get(path)
        let recuse = try await b.post(path + "/action", [("command", "recuse"), ("version", Browser.version(in: view.body)!)])
        XCTAssertEqual(recuse.status, .seeOther, recuse.body)

        let record = try await caseRecord(id)
        XCTAssertEqual(record.keyGeneration, 2)
        let after = try await wraps(id)
        XCTAssertFalse(after.contains { $0.recipientID == idB }, "no copy for the recused officer")
        XCTAssertTrue(after.contains { $0.recipient == .reporter }, "the reporter keeps a copy of the new reply key")
        XCTAssertThrowsError(try oldKey.open(record.sealedReport, context: ComplaintService.reportContext(id)),
                             "the old case key opens nothing any more")
        view = try await a.get(path)
        XCTAssertTrue(view.body.contains("XYZZY-WHAT"))
        XCTAssertTrue(view.body.contains("BEFORE-RECUSAL"), "everything was sealed again for the others")
        let tracked = try await reporter.post("/o/org-a/report/track", [("code", code)])
        XCTAssertTrue(tracked.body.contains("BEFORE-RECUSAL"), "the reporter reads the replies under the new key")
        let rotated = try await ComplaintLogRecord.query(on: db).filter(\.$action == "case.recuse").count()
        XCTAssertEqual(rotated, 1)
        let chain = try await ComplaintLogChain.verify(on: db)
        XCTAssertTrue(chain.isIntact, "\(chain.problems)")
    }

    func testTheReportersCodeOpensRepliesButNotTheReport() async throws {
        try await makeOfficer("officer-a", of: orgA)
        var a = Browser(app)
        try await a.signIn("officer-a", password: Self.password)
        var reporter = Reporter(app)
        let code = try await submit(&reporter)
        let id = try await caseIDs(orgA)[0]
        let record = try await caseRecord(id)
        let opened = ReceiptVerifier(encoded: record.receiptVerifier).open(try XCTUnwrap(ReceiptCode(typed: code)))
        let reporterPair = try XCTUnwrap(opened.reporterKey)
        let all = try await wraps(id)
        let copy = try XCTUnwrap(all.first { $0.recipient == .reporter })
        XCTAssertEqual(copy.key, .replyKey)
        let replyKey = try KeyWrap.unwrap(copy.wrapped, kind: .replyKey, with: reporterPair, context: copy.context)
        XCTAssertThrowsError(try replyKey.open(record.sealedReport, context: ComplaintService.reportContext(id)),
                             "the report and the identity are under the case key, which the reporter does not hold")
    }

    func testRecoveryKeyHandsTheCasesToANewOfficerAndMovesToANewRecoveryKey() async throws {
        let first = try await ComplaintKeyAdministration.createRecoveryKey(app, scope: .organization(slug: "org-a"))
        XCTAssertTrue(first.fileText.contains("private "))
        let stored = try await ComplaintStore(db).currentRecoveryKey(organizationID: orgA.id)
        XCTAssertEqual(stored?.fingerprint, first.fingerprint)
        XCTAssertFalse(first.fileText.contains(stored?.publicKey ?? "-"), "the file holds the private half; the database the public one")

        let leaving = try await makeOfficer("officer-leaving", of: orgA)
        var old = Browser(app)
        try await old.signIn("officer-leaving", password: Self.password)
        var reporter = Reporter(app)
        _ = try await submit(&reporter)
        let id = try await caseIDs(orgA)[0]
        let sealed = try await wraps(id)
        XCTAssertTrue(sealed.contains { $0.recipient == .recovery })
        // The only officer leaves; a new one cannot open the case, and the server never held it.
        try await ComplaintStore(db).removeOfficer(userID: leaving.requireID(), organizationID: orgA.id)
        let withoutOfficers = try await wraps(id)
        XCTAssertFalse(withoutOfficers.contains { $0.recipient == .officer })
        try await makeOfficer("officer-new", of: orgA)
        var newcomer = Browser(app)
        try await newcomer.signIn("officer-new", password: Self.password)
        let path = "/o/org-a/complaints/\(id.uuidString.lowercased())"
        var page = try await newcomer.get(path)
        XCTAssertFalse(page.body.contains("XYZZY-WHAT"))

        // A wrong file is refused clearly; the right one hands the case over.
        do {
            _ = try await ComplaintKeyAdministration.recover(app, scope: .organization(slug: "org-a"), keyFileText: "nonsense", username: "officer-new")
            XCTFail("a malformed key file must be refused")
        } catch let error as SealingError {
            XCTAssertTrue(error.description.contains("recovery key file"), error.description)
        }
        let count = try await ComplaintKeyAdministration.recover(app, scope: .organization(slug: "org-a"), keyFileText: first.fileText,
                                                                 username: "officer-new")
        XCTAssertEqual(count, 1)
        page = try await newcomer.get(path)
        XCTAssertTrue(page.body.contains("XYZZY-WHAT"))

        // A new recovery key: the old one, used once more, moves every case to it.
        let second = try await ComplaintKeyAdministration.createRecoveryKey(app, scope: .organization(slug: "org-a"))
        _ = try await ComplaintKeyAdministration.recover(app, scope: .organization(slug: "org-a"), keyFileText: first.fileText, username: "officer-new")
        let current = try await ComplaintStore(db).currentRecoveryKey(organizationID: orgA.id)
        let recoveryCopies = try await wraps(id).filter { $0.recipient == .recovery }
        XCTAssertEqual(Set(recoveryCopies.map(\.recipientKey)), [try XCTUnwrap(current?.publicKey)])
        XCTAssertEqual(current?.fingerprint, second.fingerprint)
        let again = try await ComplaintKeyAdministration.recover(app, scope: .organization(slug: "org-a"), keyFileText: second.fileText,
                                                                 username: "officer-new")
        XCTAssertEqual(again, 1)
        do {
            _ = try await ComplaintKeyAdministration.recover(app, scope: .organization(slug: "org-a"), keyFileText: first.fileText, username: "officer-new")
            XCTFail("the retired recovery key opens nothing any more")
        } catch let failure as ComplaintKeyAdministration.Failure {
            XCTAssertTrue(failure.description.contains("opens none"), failure.description)
        }
        let recovered = try await ComplaintLogRecord.query(on: db).filter(\.$action == "keys.recovered").count()
        XCTAssertGreaterThanOrEqual(recovered, 3)
    }

    func testAPasswordSetByAnAdministratorMakesANewKeyPair() async throws {
        let user = try await makeOfficer("officer-a", of: orgA)
        var a = Browser(app)
        try await a.signIn("officer-a", password: Self.password)
        let before = try await ComplaintStore(db).officerKey(userID: user.requireID())
        // An administrator sets a new password (the old one is unknown to them).
        user.passwordHash = try app.password.hash("another long password")
        try await user.update(on: db)
        var again = Browser(app)
        try await again.signIn("officer-a", password: "another long password")
        let after = try await ComplaintStore(db).officerKey(userID: user.requireID())
        XCTAssertNotEqual(before?.publicKey, after?.publicKey)
        let replaced = try await ComplaintLogRecord.query(on: db).filter(\.$action == "officer.key.replaced").count()
        XCTAssertEqual(replaced, 1)
        // The person's own change (old password known) keeps the pair.
        let request = Request(application: app, on: app.eventLoopGroup.next())
        try await app.passwordHooks.afterPasswordChange(request, userID: user.requireID(), oldPassword: "another long password",
                                                       newPassword: "a third long password")
        let changed = try await ComplaintStore(db).officerKey(userID: user.requireID())
        XCTAssertEqual(changed?.publicKey, after?.publicKey)
        let locked = try app.complaintVault.openText(try XCTUnwrap(changed).lockedKey, context: ComplaintKeyring.lockContext(try user.requireID()))
        XCTAssertNoThrow(try PrivateKeyLock.open(locked, password: "a third long password", context: ComplaintKeyring.lockContext(try user.requireID())))
    }

    func testAnAPITokenCarriesTheKeyUntilItIsRevoked() async throws {
        try await makeOfficer("officer-a", of: orgA)
        var browser = Browser(app)
        try await browser.signIn("officer-a", password: Self.password)
        var reporter = Reporter(app)
        _ = try await submit(&reporter)
        let id = try await caseIDs(orgA)[0].uuidString.lowercased()
        let token = try await self.token("officer-a")
        var status: HTTPStatus = .ok
        var body = ""
        try await app.test(.GET, "/api/v1/organizations/org-a/complaints/\(id)", headers: bearer(token)) { res async throws in
            status = res.status
            body = res.body.string
        }
        XCTAssertEqual(status, .ok, body)
        XCTAssertTrue(body.contains("XYZZY-WHAT"))
        let rows = try await ComplaintTokenKeyRecord.query(on: db).all()
        XCTAssertEqual(rows.count, 1)
        XCTAssertFalse(rows[0].lockedKey.contains(token))
        try await app.test(.DELETE, "/api/v1/sessions", headers: bearer(token)) { res async throws in
            XCTAssertEqual(res.status, .noContent)
        }
        let found = try await UserStore(db).find(username: "officer-a")
        let user = try XCTUnwrap(found)
        let copy = try await ComplaintStore(db).tokenKey(tokenHash: rows[0].tokenHash, userID: user.requireID(), now: app.sujaritClock())
        XCTAssertNil(copy, "a revoked token's copy is never used")
    }

    /// A case as it was stored before per-officer sealing: content, a reply and a file sealed by
    /// the vault, a receipt hash that derives no key.
    func makeLegacyCase(code: ReceiptCode) async throws -> UUID {
        let id = UUID()
        let vault = app.complaintVault
        let day = CalendarDay(year: 2025, month: 1, day: 2)
        let record = ComplaintCaseRecord()
        record.id = id
        record.organizationID = orgA.id
        record.channel = "online"
        record.status = "acknowledged"
        record.referredToName = ""
        record.receivedOn = day.iso
        record.dueOn = day.adding(days: 15).iso
        record.concernsExecutive = false
        record.recusedJSON = "[]"
        record.receiptLookup = vault.lookupTag(for: code)
        record.receiptVerifier = try ReceiptVerifier.make(for: code, rounds: 1_000).encoded
        record.sealedReport = try vault.seal(try JSONEncoder().encode(ComplaintReport(what: "เรื่องเดิม LEGACY-WHAT")),
                                             context: ComplaintService.reportContext(id))
        record.version = 2
        record.kind = "corruption"
        try await record.create(on: db)
        let message = ComplaintMessageRecord()
        let messageID = UUID()
        message.id = messageID
        message.caseID = id
        message.organizationID = orgA.id
        message.position = 1
        message.kind = "reply"
        message.writtenOn = day.iso
        message.sealedBody = try vault.seal("คำตอบเดิม LEGACY-REPLY", context: ComplaintService.messageContext(id, messageID))
        try await message.create(on: db)
        let address = try app.complaintEvidence.put(Data("%PDF-1.4 LEGACY-FILE".utf8))
        let evidenceID = UUID()
        let evidence = ComplaintEvidenceRecord()
        evidence.id = evidenceID
        evidence.caseID = id
        evidence.organizationID = orgA.id
        evidence.address = address
        evidence.size = 20
        evidence.sealedInfo = try vault.seal(try JSONEncoder().encode(EvidenceFileInfo(name: "old.pdf", kind: .pdf, size: 20)),
                                             context: ComplaintService.evidenceContext(id, evidenceID))
        evidence.addedOn = day.iso
        evidence.addedBy = "reporter"
        try await evidence.create(on: db)
        // The migration gives it the acknowledgement day of its organization's settings.
        try await (db as! any SQLDatabase).raw("UPDATE complaint_cases SET acknowledge_by = NULL, key_generation = NULL").run()
        try await CreateComplaintOfficerSealing.fixAcknowledgementDays(on: db)
        return id
    }

    func testCasesFromBeforeAreSealedToTheirOfficers() async throws {
        let code = ReceiptCode.generate()
        let id = try await makeLegacyCase(code: code)
        let record = try await caseRecord(id)
        XCTAssertEqual(record.acknowledgeBy, "2025-01-05", "3 days after it came in, by the default settings")
        let oldAddress = try await ComplaintStore(db).evidence(caseID: id, organizationID: orgA.id)[0].address
        let listed = try await ComplaintKeyAdministration.upgradeSealing(app, apply: false)
        XCTAssertEqual(listed, [id])
        let unchanged = try await caseRecord(id)
        XCTAssertNil(unchanged.keyGeneration, "listing changes nothing")

        try await makeOfficer("officer-a", of: orgA)
        var a = Browser(app)
        try await a.signIn("officer-a", password: Self.password)
        let path = "/o/org-a/complaints/\(id.uuidString.lowercased())"
        let page = try await a.get(path)
        XCTAssertTrue(page.body.contains("LEGACY-WHAT"), page.body)
        XCTAssertTrue(page.body.contains("LEGACY-REPLY"))
        let upgraded = try await caseRecord(id)
        XCTAssertEqual(upgraded.keyGeneration, 1)
        XCTAssertTrue(upgraded.sealedReport.hasPrefix("k1:c:"))
        let files = try await ComplaintStore(db).evidence(caseID: id, organizationID: orgA.id)
        XCTAssertNotEqual(files[0].address, oldAddress, "the file was sealed again under a key of its own")
        XCTAssertFalse(app.complaintEvidence.addresses().contains(oldAddress), "the vault-sealed file is gone")
        let evidenceID = files[0].id.uuidString.lowercased()
        let (status, data, _) = try await a.download("\(path)/evidence/\(evidenceID)")
        XCTAssertEqual(status, .ok)
        XCTAssertEqual(data, Data("%PDF-1.4 LEGACY-FILE".utf8))
        let held = try await wraps(id)
        XCTAssertTrue(held.contains { $0.recipient == .server && $0.key == .replyKey },
                      "the server keeps the reply key for the reporter, whose old receipt derives no key")

        // The reporter comes back: their own copy and a receipt check that derives their key.
        var reporter = Reporter(app)
        let tracked = try await reporter.post("/o/org-a/report/track", [("code", code.grouped)])
        XCTAssertTrue(tracked.body.contains("LEGACY-REPLY"), tracked.body)
        let after = try await wraps(id)
        XCTAssertTrue(after.contains { $0.recipient == .reporter })
        XCTAssertFalse(after.contains { $0.recipient == .server }, "nobody needs the server's copy any more")
        let renewed = try await caseRecord(id)
        XCTAssertTrue(ReceiptVerifier(encoded: renewed.receiptVerifier).derivesReporterKey)
        let again = try await reporter.post("/o/org-a/report/track", [("code", code.grouped)])
        XCTAssertTrue(again.body.contains("LEGACY-REPLY"))
        let stillSealed = try await openWithDatabaseAndKeyFile(id)
        XCTAssertNil(stillSealed)
        let chain = try await ComplaintLogChain.verify(on: db)
        XCTAssertTrue(chain.isIntact, "\(chain.problems)")
    }

    func testVaultRotationSealsTheServersCopiesAndOfficersLocksAgain() async throws {
        try await makeOfficer("officer-a", of: orgA)
        var a = Browser(app)
        try await a.signIn("officer-a", password: Self.password)
        // Org B has no officer yet: the server holds its case.
        var reporter = Reporter(app)
        _ = try await submit(&reporter, org: orgB)
        let id = try await caseIDs(orgB)[0]
        let old = app.complaintVault.current
        let new = try VaultKey.generate(id: "k-new")
        app.complaintVault = try ComplaintVault(keys: [old, new])
        let (items, _) = try await ComplaintKeyAdministration.resealUnderCurrentVaultKey(app)
        XCTAssertEqual(items, 3, "the two server copies and one officer's lock")
        let locks = try await ComplaintOfficerKeyRecord.query(on: db).all().map(\.lockedKey)
        let serverCopies = try await wraps(id, orgB).filter { $0.recipient == .server }.map(\.wrapped)
        XCTAssertEqual(Set((locks + serverCopies).compactMap(ComplaintVault.keyID(of:))), ["k-new"])
        let (again, _) = try await ComplaintKeyAdministration.resealUnderCurrentVaultKey(app)
        XCTAssertEqual(again, 0, "nothing left under the old key")

        // With the old key gone, the officer still signs in and org B's first officer receives its case.
        app.complaintVault = try ComplaintVault(keys: [new])
        var a2 = Browser(app)
        try await a2.signIn("officer-a", password: Self.password)
        let list = try await a2.get("/o/org-a/complaints")
        XCTAssertEqual(list.status, .ok)
        try await makeOfficer("officer-b", of: orgB)
        var b = Browser(app)
        try await b.signIn("officer-b", password: Self.password)
        _ = try await b.get("/o/org-b/complaints")
        let page = try await b.get("/o/org-b/complaints/\(id.uuidString.lowercased())")
        XCTAssertTrue(page.body.contains("XYZZY-WHAT"))
    }

    func testAKeyThatCannotBeOpenedDoesNotStopTheSignIn() async throws {
        try await makeOfficer("officer-a", of: orgA)
        var a = Browser(app)
        try await a.signIn("officer-a", password: Self.password)
        // The vault key that locks the officer's key is gone from the key file.
        app.complaintVault = .ephemeral()
        var again = Browser(app)
        try await again.signIn("officer-a", password: Self.password)
        XCTAssertNotNil(again.cookie)
        XCTAssertNil(again.keysCookie, "signed in, without the complaint key")
        let list = try await again.get("/o/org-a/complaints")
        XCTAssertEqual(list.status, .ok)
    }

    func testChangingTheSettingsMovesNoDeadlineOfACaseReceived() async throws {
        var reporter = Reporter(app)
        _ = try await submit(&reporter)
        let before = try await ComplaintStore(db).cases(organizationID: orgA.id)[0]
        XCTAssertEqual(before.acknowledgeBy, CalendarDay(year: 2025, month: 1, day: 9))
        XCTAssertEqual(before.dueOn, CalendarDay(year: 2025, month: 1, day: 21))
        try await ComplaintStore(db).setDeadlinePolicy(ComplaintDeadlinePolicy(days: 30, acknowledgeDays: 10, workingDaysOnly: true),
                                                       organizationID: orgA.id, log: ComplaintLogEntry(organizationID: orgA.id, caseID: nil, actor: "system",
                                                                                                        action: .settingsDeadlines, occurred: "2025-01-06"))
        let after = try await ComplaintStore(db).cases(organizationID: orgA.id)[0]
        XCTAssertEqual(after.acknowledgeBy, before.acknowledgeBy)
        XCTAssertEqual(after.dueOn, before.dueOn)
        _ = try await submit(&reporter)
        let newer = try await ComplaintStore(db).cases(organizationID: orgA.id).first { $0.id != before.id }
        XCTAssertEqual(newer?.acknowledgeBy, CalendarDay(year: 2025, month: 1, day: 20), "10 working days from Monday 6 January")
    }
}
