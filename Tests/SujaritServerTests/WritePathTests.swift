import Foundation
import XCTest
import XCTVapor
import Fluent
import SQLKit
import SujaritCore
@_spi(Fixtures) import SujaritPersistence
@testable import SujaritServer

/// The one write path (issue 8 §1): a plan change and its audit record are one transaction,
/// every writer goes through `PlanWorkflow.decide` + `PlanStore.apply`, and stored values the
/// code does not know are reported as corrupt instead of being read as a default.
final class WritePathTests: ServerTestCase {
    var sql: any SQLDatabase { db as! any SQLDatabase }

    func auditCount(_ planID: UUID) async throws -> Int {
        try await AuditEventRecord.query(on: db).filter(\.$subject == planID.uuidString).count()
    }

    func testAFailedAuditInsertRollsBackThePlanChange() async throws {
        let organization = try await makeOrganization(slug: "audit-atomic")
        let created = try await PlanStore(db).create(demoPlan(for: organization))
        let decision = try PlanWorkflow.decide(.edit(.addItem(PlanItem(kind: .project, name: "ไม่ควรถูกบันทึก", missionCode: "1.1", order: 0))),
                                               by: ActingUser(userID: nil, role: .editor), on: PlanState(created),
                                               expectedVersion: created.version, context: .live)
        // The audit table is out of reach: its insert fails after the plan rows were written.
        try await sql.raw("ALTER TABLE audit_events RENAME TO audit_events_hidden").run()
        do {
            try await PlanStore(db).apply(decision)
            XCTFail("the write must fail with its audit insert")
        } catch let error as StoreError {
            XCTFail("expected the database's error, not \(error)")
        } catch {}
        try await sql.raw("ALTER TABLE audit_events_hidden RENAME TO audit_events").run()
        let after = try await PlanStore(db).plan(id: created.id, scope: .everything)
        XCTAssertEqual(after, created, "the plan is as before: version, items, everything")
        let none = try await auditCount(created.id)
        XCTAssertEqual(none, 0)

        // With the audit table back, the same decision is written with its audit record.
        let stored = try await PlanStore(db).apply(decision)
        XCTAssertEqual(stored.version, created.version + 1)
        let one = try await auditCount(created.id)
        XCTAssertEqual(one, 1)
        let event = try await AuditEventRecord.query(on: db).filter(\.$subject == created.id.uuidString).first()
        XCTAssertEqual(try event?.auditAction(), .itemAdd)
    }

    /// Monitoring rounds are on the same path: a round opened, a record edited and the quarterly
    /// setting changed are each written with their audit record or not at all.
    func testAFailedAuditInsertRollsBackTheRoundChange() async throws {
        let organization = try await makeOrganization(slug: "audit-round")
        let plan = try await PlanStore(db).create(demoPlan(for: organization, status: .published))
        let store = MonitoringStore(db)
        let actor = ActingUser(userID: nil, role: .admin)
        let series = try await store.seriesID(ofPlan: plan.id, organizationID: organization.id)
        var state = MonitoringState(organizationID: organization.id, plan: plan, planSeriesID: try XCTUnwrap(series))
        let open = try MonitoringWorkflow.decide(.open(year: FiscalYear(2568), kind: .sixMonths), by: actor, on: state,
                                                 expectedVersion: nil, context: .live)
        let settings = try MonitoringWorkflow.decideSettings(MonitoringSettings(organizationID: organization.id, quarterlyRounds: true), by: actor)
        try await sql.raw("ALTER TABLE audit_events RENAME TO audit_events_hidden").run()
        for write in [{ try await store.apply(open) } as () async throws -> Any, { try await store.apply(settings) }] {
            do {
                _ = try await write()
                XCTFail("the write must fail with its audit insert")
            } catch {}
        }
        try await sql.raw("ALTER TABLE audit_events_hidden RENAME TO audit_events").run()
        let noRounds = try await store.rounds(organizationID: organization.id)
        XCTAssertEqual(noRounds, [], "no round without its audit record")
        let setting = try await store.settings(organizationID: organization.id)
        XCTAssertFalse(setting.quarterlyRounds, "no setting without its audit record")

        let round = try await store.apply(open)
        state.round = round
        let edit = try MonitoringWorkflow.decide(.editRecord(recordID: round.records[0].id, MonitoringRecordInput(progress: .completed)),
                                                 by: actor, on: state, expectedVersion: round.version, context: .live)
        try await sql.raw("ALTER TABLE audit_events RENAME TO audit_events_hidden").run()
        do {
            try await store.apply(edit)
            XCTFail("the write must fail with its audit insert")
        } catch {}
        try await sql.raw("ALTER TABLE audit_events_hidden RENAME TO audit_events").run()
        let after = try await store.round(id: round.id, organizationID: organization.id)
        XCTAssertEqual(after, round, "the round and its records are as before")
        try await store.apply(edit)
        let events = try await AuditEventRecord.query(on: db).filter(\.$subject == round.id.uuidString).all().map { try $0.auditAction() }
        XCTAssertEqual(Set(events), Set<AuditAction>([.roundOpen, .roundRecordEdit]))
    }

    func testARefusedPlanWriteLeavesNoAuditRecord() async throws {
        let organization = try await makeOrganization(slug: "audit-stale")
        let created = try await PlanStore(db).create(demoPlan(for: organization))
        let state = PlanState(created)
        let editor = ActingUser(userID: nil, role: .editor)
        let first = try PlanWorkflow.decide(.edit(.deleteItem(created.items[0].id)), by: editor, on: state, expectedVersion: created.version, context: .live)
        let second = try PlanWorkflow.decide(.edit(.deleteItem(created.items[1].id)), by: editor, on: state, expectedVersion: created.version, context: .live)
        try await PlanStore(db).apply(first)
        do {
            try await PlanStore(db).apply(second)
            XCTFail("decided on an old version")
        } catch let error as StoreError {
            XCTAssertEqual(error, .conflict(currentVersion: created.version + 1))
        }
        let recorded = try await auditCount(created.id)
        XCTAssertEqual(recorded, 1, "only the write that happened is recorded")
        let now = try await PlanStore(db).plan(id: created.id, scope: .everything)
        XCTAssertEqual(now?.items.count, created.items.count - 1)
    }

    func testTheImportAndItsPlanAreDiscardedTogetherAndOnlyOnce() async throws {
        let organization = try await makeOrganization(slug: "discard-atomic")
        let save = try PlanWorkflow.decide(.importSave(demoPlan(for: organization), ImportDraft(fileName: "a.docx", reportJSON: "{}")),
                                           by: .system, on: PlanState(organizationID: organization.id), context: .live)
        let imported = try await PlanStore(db).apply(save)
        let loaded = try await PlanStore(db).state(planID: imported.id, scope: .everything)
        let state = try XCTUnwrap(loaded)
        XCTAssertEqual(state.importStatus, .pending)
        let discard = try PlanWorkflow.decide(.importDiscard, by: .system, on: state, context: .live)
        // Someone edits the draft between the decision and the write: the discard must not
        // delete a plan it did not decide on.
        let edit = try PlanWorkflow.decide(.edit(.setFrontMatter(PlanFrontMatter(foreword: "แก้แล้ว"), title: nil)), by: .system, on: state,
                                           expectedVersion: imported.version, context: .live)
        try await PlanStore(db).apply(edit)
        do {
            try await PlanStore(db).apply(discard)
            XCTFail("the plan moved on")
        } catch StoreError.conflict {}
        let kept = try await PlanImportStore(db).record(planID: imported.id, organizationID: organization.id)
        XCTAssertNotNil(kept)
        let reloaded = try await PlanStore(db).state(planID: imported.id, scope: .everything)
        let fresh = try XCTUnwrap(reloaded)
        try await PlanStore(db).apply(try PlanWorkflow.decide(.importDiscard, by: .system, on: fresh, context: .live))
        let gone = try await PlanStore(db).plan(id: imported.id, scope: .everything)
        XCTAssertNil(gone)
        let record = try await PlanImportStore(db).record(planID: imported.id, organizationID: organization.id)
        XCTAssertNil(record)
        let actions = try await AuditEventRecord.query(on: db).filter(\.$subject == imported.id.uuidString).all().map { try $0.auditAction() }
        XCTAssertEqual(Set(actions), [.planImport, .planFrontMatter, .planImportDiscard])
    }

    // MARK: Unknown stored values

    func testUnknownStoredValuesAreCorruptionNotDefaults() async throws {
        let organization = try await makeOrganization(slug: "corrupt")
        let plan = try await PlanStore(db).create(demoPlan(for: organization))
        try await sql.raw("UPDATE plans SET status = 'lost' WHERE id = \(bind: plan.id)").run()
        do {
            _ = try await PlanStore(db).plan(id: plan.id, scope: .everything)
            XCTFail("an unknown status is not a draft")
        } catch StoreError.corrupt(let detail) {
            XCTAssertTrue(detail.contains("plans.status") && detail.contains("lost"), detail)
        }
        try await sql.raw("UPDATE plans SET status = 'draft' WHERE id = \(bind: plan.id)").run()
        try await sql.raw("UPDATE plan_items SET kind = 'gadget' WHERE id = \(bind: plan.items[0].id)").run()
        do {
            _ = try await PlanStore(db).plan(id: plan.id, scope: .everything)
            XCTFail("an unknown item kind is not a project")
        } catch StoreError.corrupt(let detail) {
            XCTAssertTrue(detail.contains("plan_items.kind"), detail)
        }
        try await sql.raw("UPDATE organizations SET kind = 'kingdom' WHERE id = \(bind: organization.id)").run()
        do {
            _ = try await OrganizationStore(db).find(slug: "corrupt")
            XCTFail("an unknown organization kind is not a subdistrict")
        } catch StoreError.corrupt(let detail) {
            XCTAssertTrue(detail.contains("organizations.kind"), detail)
        }
        let event = AuditEventRecord(organizationID: organization.id, userID: nil, action: "plan.explode", subject: plan.id.uuidString)
        try await event.create(on: db)
        XCTAssertThrowsError(try event.auditAction())
        // The server says so plainly (500 with what is corrupt), never shows the wrong thing.
        let response = SujaritErrorMiddleware.classify(StoreError.corrupt("plans.status “lost”"))
        XCTAssertEqual(response.status, .internalServerError)
        XCTAssertTrue(response.message.th.contains("plans.status"))
    }

    // MARK: Nothing else writes plans

    /// Every plan write in the sources goes through `PlanStore.apply`: the store's raw writers
    /// are SPI for test fixtures, no source outside Persistence touches plan records, and no
    /// plan action is recorded beside the write path.
    func testNoSourceWritesPlansBesideTheWritePath() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let sources = root.appendingPathComponent("Sources")
        let files = FileManager.default.enumerator(at: sources, includingPropertiesForKeys: nil)!
            .compactMap { $0 as? URL }.filter { $0.pathExtension == "swift" }
        XCTAssertGreaterThan(files.count, 50)
        let planRecords = ["PlanRecord", "PlanItemRecord", "BudgetRecord", "RiskRecord", "TargetRecord", "PlanImportRecord"]
        let planAction = try NSRegularExpression(pattern: #"action: \.(plan|item|risk|target|mission)[A-Z]"#)
        var offences: [String] = []
        for file in files {
            let text = try String(contentsOf: file, encoding: .utf8)
            let name = file.path.replacingOccurrences(of: root.path + "/", with: "")
            if text.contains("@_spi(Fixtures) import") { offences.append("\(name): imports the fixture writers") }
            if !name.hasPrefix("Sources/SujaritPersistence/") {
                for record in planRecords where text.contains("\(record)()") { offences.append("\(name): makes a \(record)") }
            }
            if planAction.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil {
                offences.append("\(name): records a plan action outside PlanWorkflow")
            }
        }
        XCTAssertEqual(offences, [])
    }
}
