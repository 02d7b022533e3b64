import Foundation
import XCTest
import XCTVapor
import FluentKit
import SujaritCore
import SujaritImport
@_spi(Fixtures) import SujaritPersistence
import SujaritAPIModels
@testable import SujaritServer

/// One plan series per organization and period (issue 8 "one write path", issue 11 point 1),
/// whoever makes the plan — the wizard, the API, the web import, `sujarit import --save` — and
/// however many do it at once: on SQLite in a real file (several connections) or PostgreSQL.
final class OnePlanPerPeriodTests: ServerTestCase {
    override class var usesSQLiteFile: Bool { true }

    struct Answer: Sendable {
        var status: HTTPStatus
        var body: String
        var location: String?
    }

    func send(_ method: HTTPMethod, _ path: String, token: String, json: String? = nil) async throws -> Answer {
        var headers = bearer(token)
        if json != nil { headers.contentType = .json }
        var answer = Answer(status: .ok, body: "")
        try await app.test(method, path, headers: headers, body: json.map { ByteBuffer(string: $0) }) { res async throws in
            answer = Answer(status: res.status, body: res.body.string, location: res.headers.first(name: .location))
        }
        return answer
    }

    func series(_ organization: Organization, first: Int = 2566, last: Int = 2570) async throws -> Set<UUID> {
        let entries = try await PlanStore(db).plans(organizationID: organization.id, includeUnpublished: true)
        return Set(entries.filter { $0.firstYear.be == first && $0.lastYear.be == last }.map(\.seriesID))
    }

    static let document = SyntheticPlanDocument.text(itemCount: 6)

    func importResult() throws -> ImportResult {
        try DocumentImporter.importDocument(Data(Self.document.utf8), fileName: "plan.txt")
    }

    // MARK: Creating

    func testParallelCreatesForOnePeriodMakeOneSeries() async throws {
        let organization = try await makeOrganization(slug: "race")
        var tokens: [String] = []
        for index in 0..<6 {
            try await makeUser("racer\(index)", role: .editor, in: organization)
            tokens.append(try await token("racer\(index)"))
        }
        let body = #"{"firstYear":2566,"lastYear":2570,"cycleID":"2566-2570"}"#
        let answers: [Answer] = try await withThrowingTaskGroup(of: Answer.self) { group in
            for token in tokens {
                group.addTask { try await self.send(.POST, "/api/v1/organizations/race/plans", token: token, json: body) }
            }
            var all: [Answer] = []
            for try await answer in group { all.append(answer) }
            return all
        }
        XCTAssertEqual(answers.filter { $0.status == .created }.count, 1, answers.map { "\($0.status.code)" }.joined(separator: " "))
        let refused = answers.filter { $0.status == .conflict }
        XCTAssertEqual(refused.count, 5, answers.map { "\($0.status.code) \($0.body.prefix(160))" }.joined(separator: "\n"))
        let stored = try await series(organization)
        XCTAssertEqual(stored.count, 1, "one series for the period")
        let planID = try XCTUnwrap(stored.first)
        for answer in refused {
            let error = try JSONDecoder().decode(ErrorResponse.self, from: Data(answer.body.utf8))
            XCTAssertEqual(error.location, SiteURL.plan(planID).path, "the refusal names the plan that holds the years")
            XCTAssertTrue(error.reasonThai.contains("แผนแต่ละช่วงปีมีได้ชุดเดียว"), error.reasonThai)
        }
        // The audit trail records one creation.
        let created = try await AuditEventRecord.query(on: db).filter(\.$action == AuditAction.planCreate.rawValue).count()
        XCTAssertEqual(created, 1)
    }

    func testStoreRefusesASecondSeriesEvenWhenTheDecisionDidNotSeeTheFirst() async throws {
        // A decision taken on a read from before the first plan existed: the store's period
        // claim inside the transaction still refuses it, and nothing of the second is written.
        let organization = try await makeOrganization(slug: "late")
        let context = app.dependencies.decisionContext
        var first = demoPlan(for: organization)
        first.status = .draft
        var second = demoPlan(for: organization)
        second.status = .draft
        let empty = PlanState(organizationID: organization.id)
        let one = try PlanWorkflow.decide(.create(first), by: .system, on: empty, context: context)
        let two = try PlanWorkflow.decide(.create(second), by: .system, on: empty, context: context)
        let stored = try await PlanStore(db).apply(one)
        do {
            try await PlanStore(db).apply(two)
            XCTFail("a second series for the same years was stored")
        } catch StoreError.periodTaken(let id, let revision, let status) {
            XCTAssertEqual(id, stored.id)
            XCTAssertEqual(revision, 1)
            XCTAssertEqual(status, .draft)
        }
        let found = try await PlanStore(db).plan(id: second.id, scope: .everything)
        XCTAssertNil(found)
        let events = try await AuditEventRecord.query(on: db).filter(\.$subject == second.id.uuidString).count()
        XCTAssertEqual(events, 0, "no audit line for what was not stored")
    }

    func testOtherYearsAndOtherOrganizationsAreFree() async throws {
        let a = try await makeOrganization(slug: "free-a")
        let b = try await makeOrganization(slug: "free-b")
        try await makeUser("free-editor", role: .editor, in: a)
        try await makeUser("free-other", role: .editor, in: b)
        let tokenA = try await token("free-editor"), tokenB = try await token("free-other")
        for (slug, token, years) in [("free-a", tokenA, (2566, 2570)), ("free-a", tokenA, (2568, 2568)), ("free-b", tokenB, (2566, 2570))] {
            let answer = try await send(.POST, "/api/v1/organizations/\(slug)/plans", token: token,
                                        json: #"{"firstYear":\#(years.0),"lastYear":\#(years.1)}"#)
            XCTAssertEqual(answer.status, .created, "\(slug) \(years): \(answer.body.prefix(200))")
        }
    }

    // MARK: Moving a plan to other years

    func testMovingADraftIntoTakenYearsIsRefusedAndItsOwnYearsAreFreedWhenItMoves() async throws {
        let organization = try await makeOrganization(slug: "move")
        try await makeUser("mover", role: .editor, in: organization)
        let token = try await token("mover")
        let created = try await send(.POST, "/api/v1/organizations/move/plans", token: token, json: #"{"firstYear":2568,"lastYear":2568}"#)
        XCTAssertEqual(created.status, .created, created.body)
        let other = try await send(.POST, "/api/v1/organizations/move/plans", token: token, json: #"{"firstYear":2569,"lastYear":2569}"#)
        XCTAssertEqual(other.status, .created, other.body)
        let plan = try JSONDecoder().decode(PlanResponse.self, from: Data(created.body.utf8)).plan
        let path = "/api/v1/plans/\(plan.id.uuidString.lowercased())"
        let taken = try await send(.PUT, path, token: token, json: #"{"firstYear":2569,"lastYear":2569,"version":\#(plan.version)}"#)
        XCTAssertEqual(taken.status, .conflict, taken.body)
        // Moved to free years, it lets 2568 go: a new plan for 2568 may then be made.
        let moved = try await send(.PUT, path, token: token, json: #"{"firstYear":2570,"lastYear":2570,"version":\#(plan.version)}"#)
        XCTAssertEqual(moved.status, .ok, moved.body)
        let again = try await send(.POST, "/api/v1/organizations/move/plans", token: token, json: #"{"firstYear":2568,"lastYear":2568}"#)
        XCTAssertEqual(again.status, .created, again.body)
        let periods = try await PlanPeriodRecord.query(on: db).filter(\.$organizationID == organization.id).all()
        XCTAssertEqual(periods.map(\.firstYear).sorted(), [2568, 2569, 2570])
    }

    // MARK: Importing for years that already have a plan

    func testImportForPublishedYearsBecomesTheNextRevisionAndReachesThePublic() async throws {
        let organization = try await makeOrganization(slug: "reimport")
        try await makeUser("officer", role: .editor, in: organization)
        try await makeUser("chief", role: .admin, in: organization)
        let published = try await PlanStore(db).create(demoPlan(for: organization, status: .published))

        var officer = Browser(app)
        try await officer.signIn("officer", password: Self.password)
        let page = try await upload(&officer, slug: "reimport", fileName: "plan.txt", data: Data(Self.document.utf8))
        XCTAssertEqual(page.status, .seeOther, String(page.body.prefix(400)))
        let revisions = try await PlanStore(db).plans(organizationID: organization.id, includeUnpublished: true)
        XCTAssertEqual(revisions.count, 2)
        XCTAssertEqual(Set(revisions.map(\.seriesID)), [published.id], "the import joined the existing series")
        let draft = try XCTUnwrap(revisions.first { $0.id != published.id })
        XCTAssertEqual(draft.revision, 2)
        XCTAssertEqual(draft.status, .draft)
        XCTAssertEqual(page.location, SiteURL.importReview(draft.id).path)
        let review = try await officer.get(SiteURL.importReview(draft.id).path)
        XCTAssertEqual(review.status, .ok)
        XCTAssertTrue(review.body.contains("บันทึกเป็นฉบับที่ 2 (ร่าง)"), "the review says the document became revision 2")
        XCTAssertTrue(review.body.contains(SiteURL.compare(draft.id, with: published.id).path), "and links the comparison with revision 1")

        // Until it is published, the public still reads revision 1.
        let publicPath = "/o/reimport/plan/2566-2570"
        var anonymous = Browser(app)
        let before = try await anonymous.get(publicPath)
        XCTAssertTrue(before.body.contains(HTML.escape(published.items[0].name)))

        // Accepted, submitted, approved and published: the public address, the organization page
        // and the API's publicURL all name revision 2.
        _ = try await officer.post(SiteURL.importAccept(draft.id).path, [])
        let stored = try await PlanStore(db).plan(id: draft.id, scope: .everything)
        _ = try await officer.post(SiteURL.transition(draft.id).path, [("action", "submit"), ("version", String(try XCTUnwrap(stored).version))])
        var chief = Browser(app)
        try await chief.signIn("chief", password: Self.password)
        for action in ["approve", "publish"] {
            let now = try await PlanStore(db).plan(id: draft.id, scope: .everything)
            let answer = try await chief.post(SiteURL.transition(draft.id).path, [("action", action), ("version", String(try XCTUnwrap(now).version))])
            XCTAssertEqual(answer.status, .seeOther, "\(action): \(answer.body.prefix(300))")
        }
        let imported = try importResult()
        let after = try await anonymous.get(publicPath)
        XCTAssertEqual(after.status, .ok)
        XCTAssertTrue(after.body.contains(HTML.escape(imported.plan.items[0].name)), "the public address serves the imported revision")
        let servedID = try await PlanStore(db).publishedPlanID(organizationID: organization.id, first: FiscalYear(2566), last: FiscalYear(2570))
        XCTAssertEqual(servedID, draft.id)
        let orgPage = try await anonymous.get("/o/reimport")
        XCTAssertEqual(orgPage.body.components(separatedBy: "href=\"\(publicPath)\"").count - 1, 1, "one row links the public address")
        let token = try await token("officer")
        let newer = try await send(.GET, "/api/v1/plans/\(draft.id.uuidString.lowercased())", token: token)
        let older = try await send(.GET, "/api/v1/plans/\(published.id.uuidString.lowercased())", token: token)
        XCTAssertNotNil(try JSONDecoder().decode(PlanResponse.self, from: Data(newer.body.utf8)).publicURL)
        XCTAssertNil(try JSONDecoder().decode(PlanResponse.self, from: Data(older.body.utf8)).publicURL)
        // Items that kept their names kept their identity across the revisions.
        let loaded = try await PlanStore(db).plan(id: draft.id, scope: .everything)
        let second = try XCTUnwrap(loaded)
        XCTAssertEqual(second.items.count, imported.plan.items.count)
    }

    func testImportWhileADraftExistsIsRefusedWithALinkToIt() async throws {
        let organization = try await makeOrganization(slug: "busy-draft")
        try await makeUser("officer", role: .editor, in: organization)
        let draft = try await PlanStore(db).create(demoPlan(for: organization))
        var officer = Browser(app)
        try await officer.signIn("officer", password: Self.password)
        let page = try await upload(&officer, slug: "busy-draft", fileName: "plan.txt", data: Data(Self.document.utf8))
        XCTAssertEqual(page.status, .conflict, String(page.body.prefix(300)))
        XCTAssertTrue(page.body.contains("มีร่างแผนปี 2566 – 2570 อยู่แล้ว"), page.body)
        XCTAssertTrue(page.body.contains("href=\"\(SiteURL.editor(draft.id).path)\""), "the page links the draft to continue")
        let plans = try await PlanStore(db).plans(organizationID: organization.id, includeUnpublished: true)
        XCTAssertEqual(plans.map(\.id), [draft.id], "nothing was stored")

        // `sujarit import --save` gets the same refusal, naming the draft.
        do {
            _ = try await ImportedPlans.saveDraft(try importResult(), organizationSlug: "busy-draft", on: app)
            XCTFail("the command stored a second plan for the years")
        } catch let refusal as CommandRefusal {
            XCTAssertEqual(refusal.relatedPlan, draft.id)
            XCTAssertEqual(SujaritError(refusal).status, .conflict)
        }
    }

    func testImportWhileARevisionWaitsForApprovalIsRefused() async throws {
        let organization = try await makeOrganization(slug: "waiting")
        var submitted = demoPlan(for: organization)
        submitted.status = .submitted
        let plan = try await PlanStore(db).create(submitted)
        do {
            _ = try await ImportedPlans.saveDraft(try importResult(), organizationSlug: "waiting", on: app)
            XCTFail("stored")
        } catch let refusal as CommandRefusal {
            XCTAssertEqual(refusal.relatedPlan, plan.id)
            XCTAssertTrue(refusal.message.th.contains("รออนุมัติ"), refusal.message.th)
        }
    }

    func testParallelImportsIntoAPublishedPeriodMakeOneDraftRevision() async throws {
        let organization = try await makeOrganization(slug: "import-race")
        let published = try await PlanStore(db).create(demoPlan(for: organization, status: .published))
        let result = try importResult()
        let outcomes: [String] = try await withThrowingTaskGroup(of: String.self) { group in
            for _ in 0..<5 {
                group.addTask {
                    do {
                        let plan = try await ImportedPlans.saveDraft(result, organizationSlug: "import-race", on: self.app)
                        return "stored \(plan.revision)"
                    } catch let refusal as CommandRefusal {
                        return refusal.relatedPlan == nil ? "refused without a plan" : "refused"
                    } catch {
                        return "failed \(error)"
                    }
                }
            }
            var all: [String] = []
            for try await outcome in group { all.append(outcome) }
            return all
        }
        XCTAssertEqual(outcomes.filter { $0 == "stored 2" }.count, 1, outcomes.joined(separator: ", "))
        XCTAssertEqual(outcomes.filter { $0 == "refused" }.count, 4, outcomes.joined(separator: ", "))
        let entries = try await PlanStore(db).plans(organizationID: organization.id, includeUnpublished: true)
        XCTAssertEqual(entries.count, 2)
        XCTAssertEqual(Set(entries.map(\.seriesID)), [published.id])
        let imports = try await PlanImportRecord.query(on: db).count()
        XCTAssertEqual(imports, 1, "one import record, beside the one draft")
    }

    func testDiscardingAnImportedRevisionKeepsThePublishedOne() async throws {
        let organization = try await makeOrganization(slug: "discard-rev")
        try await makeUser("officer", role: .editor, in: organization)
        let published = try await PlanStore(db).create(demoPlan(for: organization, status: .published))
        let draft = try await ImportedPlans.saveDraft(try importResult(), organizationSlug: "discard-rev", on: app)
        XCTAssertEqual(draft.revision, 2)
        var officer = Browser(app)
        try await officer.signIn("officer", password: Self.password)
        let discarded = try await officer.post(SiteURL.importDiscard(draft.id).path, [])
        XCTAssertEqual(discarded.status, .seeOther, discarded.body)
        let entries = try await PlanStore(db).plans(organizationID: organization.id, includeUnpublished: true)
        XCTAssertEqual(entries.map(\.id), [published.id])
        let served = try await PlanStore(db).publishedPlanID(organizationID: organization.id, first: FiscalYear(2566), last: FiscalYear(2570))
        XCTAssertEqual(served, published.id)
        // The series still holds its years, and the next import is a revision again.
        let next = try await ImportedPlans.saveDraft(try importResult(), organizationSlug: "discard-rev", on: app)
        XCTAssertEqual(next.revision, 2)
    }

    func testTheWizardOffersTheExistingPlan() async throws {
        let organization = try await makeOrganization(slug: "wizard-period")
        try await makeUser("officer", role: .editor, in: organization)
        let published = try await PlanStore(db).create(demoPlan(for: organization, status: .published))
        var officer = Browser(app)
        try await officer.signIn("officer", password: Self.password)
        _ = try await officer.get("/o/wizard-period/plans/new")
        let page = try await officer.post("/o/wizard-period/plans/new", [("cycle", "2566-2570"), ("title", "แผนใหม่")])
        XCTAssertEqual(page.status, .conflict, String(page.body.prefix(300)))
        XCTAssertTrue(page.body.contains("existing-plan"))
        XCTAssertTrue(page.body.contains(SiteURL.revise(published.id).path), "it offers to start a new revision")
        let count = try await series(organization).count
        XCTAssertEqual(count, 1)
    }

    // MARK: Older data

    func testMigrationKeepsOlderDataThatHasTwoSeriesForOnePeriod() async throws {
        // Two published series for one period, as older versions could store them.
        let organization = try await makeOrganization(slug: "legacy")
        let older = try await PlanStore(db).create(demoPlan(for: organization, status: .published))
        let newer = try await PlanStore(db).create(demoPlan(for: organization, status: .published))
        let served = try await PlanStore(db).publishedPlanID(organizationID: organization.id, first: FiscalYear(2566), last: FiscalYear(2570))
        // The migration runs again over that data: it does not fail, and the period goes to the
        // series the public address serves.
        let migration = try XCTUnwrap(SujaritMigrations.all.first { $0.name == "2026-12-07-01-plan-periods" })
        try await migration.revert(on: db).get()
        try await migration.prepare(on: db).get()
        let rows = try await PlanPeriodRecord.query(on: db).filter(\.$organizationID == organization.id).all()
        XCTAssertEqual(rows.count, 1)
        XCTAssertEqual(rows.first?.seriesID, served)
        XCTAssertTrue([older.id, newer.id].contains(try XCTUnwrap(served)))
        // A new plan for the period is refused; the other series stays readable.
        try await makeUser("legacy-editor", role: .editor, in: organization)
        let token = try await token("legacy-editor")
        let answer = try await send(.POST, "/api/v1/organizations/legacy/plans", token: token, json: #"{"firstYear":2566,"lastYear":2570}"#)
        XCTAssertEqual(answer.status, .conflict)
        let other = try await PlanStore(db).plan(id: served == older.id ? newer.id : older.id, scope: .publishedOnly)
        XCTAssertNotNil(other)
    }
}
