import XCTest
@testable import SujaritCore
import SujaritCatalog

/// The one decision for plan changes (`PlanWorkflow.decide`): roles, states, versions,
/// limits, blocking findings, and the audit events each change records.
final class PlanWorkflowTests: XCTestCase {
    let organizationID = UUID()
    let userID = UUID()
    let now = Date(timeIntervalSince1970: 1_780_000_000)

    /// Ids 00000000-0000-0000-0000-00000000000N, in order.
    func context() -> DecisionContext {
        final class Counter: @unchecked Sendable { var next = 0 }
        let counter = Counter()
        let lock = NSLock()
        return DecisionContext(now: now, makeID: {
            lock.lock(); defer { lock.unlock() }
            counter.next += 1
            return UUID(uuidString: String(format: "00000000-0000-0000-0000-%012d", counter.next))!
        })
    }

    func draft(status: PlanStatus = .draft, version: Int = 3) -> Plan {
        var plan = Plan.fromTemplate(PlanCatalog.cycle2566, organization: Organization(
            id: organizationID, slug: "workflow", kind: .subdistrict, name: "อบต.ทดสอบ", district: "", province: ""),
            first: FiscalYear(2566), last: FiscalYear(2570))
        plan.status = status
        plan.version = version
        return plan
    }

    func editor() -> ActingUser { ActingUser(userID: userID, role: .editor) }
    func admin() -> ActingUser { ActingUser(userID: userID, role: .admin) }

    func item(_ name: String, mission: String? = "1.1") -> PlanItem {
        PlanItem(kind: .project, name: name, missionCode: mission, order: 0)
    }

    func refusal(_ body: () throws -> Void, file: StaticString = #filePath, line: UInt = #line) -> CommandRefusal? {
        do {
            try body()
            XCTFail("expected a refusal", file: file, line: line)
            return nil
        } catch let refusal as CommandRefusal {
            return refusal
        } catch {
            XCTFail("unexpected \(error)", file: file, line: line)
            return nil
        }
    }

    // MARK: Typed states

    func testEveryAuditActionHasBothLabelsAndAUniqueStoredName() {
        for action in AuditAction.allCases {
            XCTAssertFalse(action.label.th.isEmpty, "\(action) lacks a Thai label")
            XCTAssertFalse(action.label.en.isEmpty, "\(action) lacks an English label")
            XCTAssertNotEqual(action.label.en, action.rawValue, "\(action) is labelled with its code")
        }
        XCTAssertEqual(Set(AuditAction.allCases.map(\.rawValue)).count, AuditAction.allCases.count)
        // Round commands record round actions from the same list.
        let upload = EvidenceUpload(fileName: "a.png", bytes: Data(), sha256: "", at: Date())
        let commands: [MonitoringCommand] = [
            .open(year: FiscalYear(2568), kind: .sixMonths), .submit, .approve, .reopen(reason: "r"), .returnToOpen(reason: ""),
            .editRecord(recordID: UUID(), MonitoringRecordInput(progress: .completed)), .attachEvidence(recordID: UUID(), upload),
            .removeEvidence(recordID: UUID(), evidenceID: UUID()), .setEvidencePublic(recordID: UUID(), evidenceID: UUID(), true),
            .setEvidencePublic(recordID: UUID(), evidenceID: UUID(), false),
            .openFromResults(year: FiscalYear(2568), kind: .twelveMonths, results: [:], progress: .completed, fileName: "r.docx"),
        ]
        XCTAssertEqual(Set(commands.map(\.auditAction)).count, commands.count, "each round command has its own action")
        XCTAssertTrue(commands.allSatisfy { $0.auditAction.rawValue.hasPrefix("round.") })
        XCTAssertEqual(Set(AuditAction.allCases.map(\.label.th)).count, AuditAction.allCases.count, "two actions read the same")
        // Every edit and every life-cycle step records an action of its own kind.
        XCTAssertEqual(PlanAction.allCases.map { AuditAction($0).rawValue }, PlanAction.allCases.map { "plan.\($0.rawValue)" })
        XCTAssertNil(AuditAction(rawValue: "plan.explode"))
    }

    func testBlockingFindingCodesAreTheOnesThatMakeAPlanUnfitToStore() {
        let blocking = Set(PlanFindingCode.allCases.filter(\.isBlocking).map(\.rawValue))
        XCTAssertEqual(blocking, [
            "plan.years.order", "plan.years.range", "item.name.empty", "item.name.long", "item.mission.unknown",
            "item.budget.year", "item.budget.negative", "item.budget.large", "risk.link.unknown", "target.year",
            "plan.title.empty", "risk.workArea.empty", "target.indicator.empty",
        ])
        // A draft may be incomplete: a missing mission or sheet does not block storing.
        XCTAssertFalse(PlanFindingCode.itemMissionMissing.isBlocking)
        XCTAssertFalse(PlanFindingCode.itemSheetMissing.isBlocking)
        XCTAssertEqual(Set(PlanImportStatus.allCases.map(\.rawValue)), ["pending", "accepted", "settled"])
    }

    // MARK: Edits

    func testAnEditorsEditOfADraftBecomesTheNextVersionWithItsAuditEvent() throws {
        let plan = draft()
        let decision = try PlanWorkflow.decide(.edit(.addItem(item("อบรมคุณธรรม"))), by: editor(), on: PlanState(plan),
                                               expectedVersion: 3, context: context())
        guard case .save(let saved, let expected, let publishedAt) = decision.change.write else { return XCTFail("\(decision.change.write)") }
        XCTAssertEqual(expected, 3)
        XCTAssertEqual(saved.version, 4)
        XCTAssertNil(publishedAt)
        XCTAssertEqual(saved.items.map(\.name), ["อบรมคุณธรรม"])
        XCTAssertEqual(decision.audit, [AuditEvent(organizationID: organizationID, userID: userID, action: .itemAdd,
                                                   subject: plan.id.uuidString, detail: "อบรมคุณธรรม")])
        XCTAssertNil(decision.change.importRecord)
    }

    func testEditsAreRefusedByRoleStateVersionLimitAndBlockingFinding() {
        let plan = draft()
        let viewer = ActingUser(userID: userID, role: .viewer)
        XCTAssertEqual(refusal { _ = try PlanWorkflow.decide(.edit(.addItem(item("x"))), by: viewer, on: PlanState(plan), expectedVersion: 3, context: context()) }?.kind, .forbidden)
        let outsider = ActingUser(userID: userID, role: nil)
        XCTAssertEqual(refusal { _ = try PlanWorkflow.decide(.edit(.addItem(item("x"))), by: outsider, on: PlanState(plan), expectedVersion: 3, context: context()) }?.kind, .forbidden)

        let published = refusal { _ = try PlanWorkflow.decide(.edit(.addItem(item("x"))), by: editor(), on: PlanState(draft(status: .published)), expectedVersion: 3, context: context()) }
        XCTAssertEqual(published?.kind, .wrongState)
        XCTAssertTrue(published?.message.th.contains("สร้างฉบับแก้ไขใหม่") ?? false)

        XCTAssertEqual(refusal { _ = try PlanWorkflow.decide(.edit(.addItem(item("x"))), by: editor(), on: PlanState(plan), expectedVersion: 2, context: context()) }?.kind, .stale(current: 3))

        let long = refusal { _ = try PlanWorkflow.decide(.edit(.addItem(item(String(repeating: "ก", count: 1_001)))), by: editor(), on: PlanState(plan), expectedVersion: 3, context: context()) }
        XCTAssertEqual(long?.kind, .invalid)
        XCTAssertEqual(long?.fields.map(\.path), ["items[0].name"])

        var crowded = plan
        crowded.items = (0..<PlanLimits.maximumItems).map { item("รายการ \($0)") }
        let full = refusal { _ = try PlanWorkflow.decide(.edit(.addItem(item("หนึ่งรายการเกิน"))), by: editor(), on: PlanState(crowded), expectedVersion: 3, context: context()) }
        XCTAssertEqual(full?.fields.map(\.path), ["items"])

        let unknownMission = refusal { _ = try PlanWorkflow.decide(.edit(.addItem(item("x", mission: "9.9"))), by: editor(), on: PlanState(plan), expectedVersion: 3, context: context()) }
        XCTAssertEqual(unknownMission?.kind, .invalid)
        XCTAssertEqual(unknownMission?.fields.first?.path, "missionCode")

        let missing = refusal { _ = try PlanWorkflow.decide(.edit(.deleteItem(UUID())), by: editor(), on: PlanState(plan), expectedVersion: 3, context: context()) }
        XCTAssertEqual(missing?.kind, .notFound)

        var tooManyDimensions = plan
        tooManyDimensions.dimensions += (5...30).map { SujaritCore.Dimension(number: $0, name: "มิติ \($0)", missions: []) }
        let replaced = refusal { _ = try PlanWorkflow.decide(.replace(tooManyDimensions), by: editor(), on: PlanState(plan), expectedVersion: 3, context: context()) }
        XCTAssertEqual(replaced?.fields.map(\.path), ["dimensions"])

        var badYears = plan
        badYears.lastYear = FiscalYear(2590)
        XCTAssertEqual(refusal { _ = try PlanWorkflow.decide(.replace(badYears), by: editor(), on: PlanState(plan), expectedVersion: 3, context: context()) }?.fields.map(\.path), ["lastYear"])
    }

    // MARK: Life cycle

    func testPublishingNeedsAnAdminStampsTheTimeAndSettlesAPendingImport() throws {
        let approved = draft(status: .approved)
        let state = PlanState(approved, importStatus: .pending)
        XCTAssertEqual(refusal { _ = try PlanWorkflow.decide(.transition(.publish, comment: nil), by: editor(), on: state, expectedVersion: 3, context: context()) }?.kind, .forbidden)
        let decision = try PlanWorkflow.decide(.transition(.publish, comment: "  ดีมาก "), by: admin(), on: state, expectedVersion: 3, context: context())
        guard case .save(let saved, _, let publishedAt) = decision.change.write else { return XCTFail() }
        XCTAssertEqual(saved.status, .published)
        XCTAssertEqual(publishedAt, now)
        XCTAssertEqual(decision.change.importRecord, .setStatus(.settled))
        XCTAssertEqual(decision.audit.map(\.action), [.planPublish])
        XCTAssertEqual(decision.audit.first?.detail, "approved → published · ความเห็น: ดีมาก")

        let submitPublished = refusal { _ = try PlanWorkflow.decide(.transition(.submit, comment: nil), by: admin(), on: PlanState(draft(status: .published)), expectedVersion: 3, context: context()) }
        XCTAssertEqual(submitPublished?.kind, .wrongState)
    }

    func testANewRevisionTakesItsIdsFromTheContext() throws {
        var published = draft(status: .published)
        published.items = [item("มาตรการเดิม")]
        let decision = try PlanWorkflow.decide(.newRevision, by: editor(), on: PlanState(published), context: context())
        guard case .createRevision(let source, let revision) = decision.change.write else { return XCTFail() }
        XCTAssertEqual(source.id, published.id)
        XCTAssertEqual(revision.id.uuidString, "00000000-0000-0000-0000-000000000001")
        XCTAssertEqual(revision.items.first?.id.uuidString, "00000000-0000-0000-0000-000000000002")
        XCTAssertEqual(revision.status, .draft)
        XCTAssertEqual(decision.audit.map(\.action), [.planRevise])
        XCTAssertEqual(decision.audit.first?.subject, revision.id.uuidString)
        XCTAssertEqual(refusal { _ = try PlanWorkflow.decide(.newRevision, by: editor(), on: PlanState(draft()), context: context()) }?.kind, .wrongState)
    }

    // MARK: Imports and deletion

    func testAnImportIsStoredAsAPendingDraftWithinTheLimits() throws {
        var imported = draft(status: .published)
        imported.organizationID = UUID()
        imported.items = [item("นำเข้า")]
        let document = ImportDraft(fileName: "แผน.docx", reportJSON: "{}")
        let decision = try PlanWorkflow.decide(.importSave(imported, document), by: editor(), on: PlanState(organizationID: organizationID), context: context())
        guard case .create(let stored, nil) = decision.change.write else { return XCTFail() }
        XCTAssertEqual(stored.organizationID, organizationID, "an import belongs to the organization it was uploaded to")
        XCTAssertEqual(stored.status, .draft)
        XCTAssertNotEqual(stored.id, imported.id)
        XCTAssertEqual(decision.change.importRecord, .create(document, userID: userID))
        XCTAssertEqual(decision.audit.map(\.action), [.planImport])

        imported.items = (0...PlanLimits.maximumItems).map { item("รายการ \($0)") }
        let over = refusal { _ = try PlanWorkflow.decide(.importSave(imported, document), by: editor(), on: PlanState(organizationID: organizationID), context: context()) }
        XCTAssertEqual(over?.kind, .invalid)
        XCTAssertEqual(over?.fields.map(\.path), ["items"])
        XCTAssertEqual(refusal { _ = try PlanWorkflow.decide(.importSave(imported, document), by: ActingUser(userID: userID, role: .viewer), on: PlanState(organizationID: organizationID), context: context()) }?.kind, .forbidden)
    }

    // MARK: One plan series per period

    func testANewPlanForYearsThatHaveOneIsRefusedNamingIt() throws {
        var existing = draft(status: .published)
        existing.revision = 2
        let state = PlanState(organizationID: organizationID, periodLatest: existing)
        var fresh = draft()
        fresh.id = UUID()
        let refused = refusal { _ = try PlanWorkflow.decide(.create(fresh), by: editor(), on: state, context: context()) }
        XCTAssertEqual(refused?.kind, .wrongState)
        XCTAssertEqual(refused?.relatedPlan, existing.id)
        XCTAssertTrue(refused?.message.th.contains("ฉบับที่ 2") ?? false)
        XCTAssertTrue(refused?.message.en.contains("start a new revision") ?? false)
    }

    func testAnImportForYearsWithAPublishedPlanIsItsNextRevision() throws {
        var existing = draft(status: .published)
        existing.revision = 3
        existing.items = [item("โครงการเดิม"), item("โครงการที่ตัดออก")]
        var imported = draft()
        imported.items = [item("โครงการเดิม"), item("โครงการใหม่")]
        let document = ImportDraft(fileName: "ฉบับใหม่.docx", reportJSON: "{}")
        let decision = try PlanWorkflow.decide(.importSave(imported, document), by: editor(),
                                               on: PlanState(organizationID: organizationID, periodLatest: existing), context: context())
        guard case .createRevision(let source, let revision) = decision.change.write else { return XCTFail("\(decision.change.write)") }
        XCTAssertEqual(source.id, existing.id)
        XCTAssertEqual(revision.revision, 4)
        XCTAssertEqual(revision.status, .draft)
        XCTAssertEqual(decision.change.importRecord, .create(document, userID: userID))
        // The item that kept its name keeps its identity; the new one has its own.
        XCTAssertEqual(revision.items[0].lineageID, existing.items[0].lineageID)
        XCTAssertFalse(existing.items.map(\.lineageID).contains(revision.items[1].lineageID))

        for status in [PlanStatus.draft, .submitted] {
            var blocking = existing
            blocking.status = status
            let refused = refusal {
                _ = try PlanWorkflow.decide(.importSave(imported, document), by: editor(),
                                            on: PlanState(organizationID: organizationID, periodLatest: blocking), context: context())
            }
            XCTAssertEqual(refused?.kind, .wrongState, "\(status)")
            XCTAssertEqual(refused?.relatedPlan, existing.id)
        }
    }

    func testDiscardOnlyAnUnsettledImportedDraft() throws {
        let plan = draft()
        let decision = try PlanWorkflow.decide(.importDiscard, by: editor(), on: PlanState(plan, importStatus: .pending), context: context())
        guard case .delete(let deleted) = decision.change.write else { return XCTFail() }
        XCTAssertEqual(deleted.id, plan.id)
        XCTAssertEqual(decision.change.importRecord, .delete)
        XCTAssertEqual(decision.audit.map(\.action), [.planImportDiscard])

        for state in [PlanState(plan, importStatus: .settled), PlanState(plan, importStatus: .accepted),
                      PlanState(draft(status: .published), importStatus: .pending),
                      PlanState(plan, importStatus: .pending, wasPublished: true)] {
            XCTAssertEqual(refusal { _ = try PlanWorkflow.decide(.importDiscard, by: editor(), on: state, context: context()) }?.kind, .wrongState)
        }
        // An import that became the next revision of a published plan: only that draft goes.
        let revision = try PlanWorkflow.decide(.importDiscard, by: editor(), on: PlanState(plan, importStatus: .pending, hasOtherRevisions: true),
                                               context: context())
        guard case .delete(let gone) = revision.change.write else { return XCTFail() }
        XCTAssertEqual(gone.id, plan.id)
        XCTAssertEqual(refusal { _ = try PlanWorkflow.decide(.importDiscard, by: editor(), on: PlanState(plan), context: context()) }?.kind, .notFound)
        let accepted = try PlanWorkflow.decide(.importAccept, by: editor(), on: PlanState(plan, importStatus: .pending), context: context())
        XCTAssertEqual(accepted.change.importRecord, .setStatus(.accepted))
    }

    func testDeletingAPlanNeedsAnAdminAndANeverPublishedDraft() throws {
        let plan = draft()
        XCTAssertEqual(refusal { _ = try PlanWorkflow.decide(.delete, by: editor(), on: PlanState(plan), expectedVersion: 3, context: context()) }?.kind, .forbidden)
        XCTAssertEqual(refusal { _ = try PlanWorkflow.decide(.delete, by: admin(), on: PlanState(plan, wasPublished: true), expectedVersion: 3, context: context()) }?.kind, .wrongState)
        let decision = try PlanWorkflow.decide(.delete, by: admin(), on: PlanState(plan), expectedVersion: 3, context: context())
        XCTAssertEqual(decision.audit.map(\.action), [.planDelete])
    }

    func testOnlyTheOperatorCreatesAPlanThatIsNotADraft() throws {
        let published = draft(status: .published)
        XCTAssertEqual(refusal { _ = try PlanWorkflow.decide(.create(published), by: admin(), on: PlanState(organizationID: organizationID), context: context()) }?.kind, .wrongState)
        let decision = try PlanWorkflow.decide(.create(published), by: .system, on: PlanState(organizationID: organizationID), context: context())
        guard case .create(let stored, let publishedAt) = decision.change.write else { return XCTFail() }
        XCTAssertEqual(stored.version, 1)
        XCTAssertEqual(publishedAt, now)
        XCTAssertNil(decision.audit.first?.userID)
        // A plan for another organization is not created here.
        XCTAssertEqual(refusal { _ = try PlanWorkflow.decide(.create(draft()), by: .system, on: PlanState(organizationID: UUID()), context: context()) }?.kind, .forbidden)
    }
}
