import Foundation
import XCTest
@testable import SujaritCore
import SujaritDemo

final class MonitoringTests: XCTestCase {
    let year = FiscalYear(2568)

    func publishedDemo() -> Plan {
        var plan = DemoData.plan()
        plan.status = .published
        return plan
    }

    /// What a decision is taken on, in these tests: the plan, the series's rounds, the role.
    struct Ctx {
        var plan: Plan
        var rounds: [MonitoringRound] = []
        var role: OrganizationRole? = .editor
        var quarterly = false
    }

    /// A decision, read the way these tests look at it.
    struct Outcome {
        let decision: Decision<RoundChange>
        var round: MonitoringRound { decision.change.round }
        var audit: AuditAction { decision.audit[0].action }
        var auditDetail: String { decision.audit[0].detail }
        var warnings: [MonitoringFinding] { decision.change.warnings }
    }

    static let userID = UUID()

    func decide(_ command: MonitoringCommand, round: MonitoringRound?, expectedVersion: Int?, context: Ctx) throws -> Outcome {
        let state = MonitoringState(organizationID: context.plan.organizationID, plan: context.plan, planSeriesID: context.plan.id,
                                    round: round, existingRounds: context.rounds, quarterlyRounds: context.quarterly)
        let decision = try MonitoringWorkflow.decide(command, by: ActingUser(userID: Self.userID, role: context.role), on: state,
                                                     expectedVersion: expectedVersion, context: DecisionContext(now: Date(), makeID: { UUID() }))
        XCTAssertEqual(decision.audit.count, 1, "one audit event per round command")
        XCTAssertEqual(decision.audit.first?.userID, Self.userID)
        XCTAssertEqual(decision.audit.first?.subject, decision.change.round.id.uuidString)
        return Outcome(decision: decision)
    }

    func context(_ plan: Plan, rounds: [MonitoringRound] = [], role: OrganizationRole? = .editor, quarterly: Bool = false) -> Ctx {
        Ctx(plan: plan, rounds: rounds, role: role, quarterly: quarterly)
    }

    func openRound(_ plan: Plan, year: FiscalYear? = nil, kind: MonitoringRoundKind = .sixMonths, rounds: [MonitoringRound] = [],
                   quarterly: Bool = false) throws -> MonitoringRound {
        try decide(.open(year: year ?? self.year, kind: kind), round: nil, expectedVersion: nil, context: context(plan, rounds: rounds, quarterly: quarterly)).round
    }

    func edit(_ round: MonitoringRound, _ record: MonitoringRecord, _ input: MonitoringRecordInput, plan: Plan, role: OrganizationRole = .editor) throws -> Outcome {
        try decide(.editRecord(recordID: record.id, input), round: round, expectedVersion: round.version, context: context(plan, role: role))
    }

    func assertRefused(_ kind: CommandRefusal.Kind, field: String? = nil, _ body: () throws -> Any, file: StaticString = #filePath, line: UInt = #line) {
        do {
            _ = try body()
            XCTFail("expected a refusal", file: file, line: line)
        } catch let error as CommandRefusal {
            XCTAssertEqual(error.kind, kind, "\(error.message.en)", file: file, line: line)
            if let field { XCTAssertTrue(error.fields.contains { $0.path == field }, "\(error.fields.map(\.path)) has no \(field)", file: file, line: line) }
        } catch {
            XCTFail("unexpected \(error)", file: file, line: line)
        }
    }

    // MARK: Lineage

    func testLineageSurvivesRevisionEditsAndDuplicationMakesANewOne() throws {
        let plan = DemoData.plan()
        XCTAssertTrue(plan.items.allSatisfy { $0.lineageID == $0.id }, "a new item's lineage is its id")
        let revised = plan.withFreshIDs()
        XCTAssertEqual(Set(plan.items.map(\.id)).intersection(revised.items.map(\.id)), [], "a revision's items get fresh ids")
        XCTAssertEqual(plan.items.map(\.lineageID), revised.items.map(\.lineageID), "and keep their lineage")

        // An edit through the form or API (an item built anew with the row id) keeps the lineage.
        var edited = revised.items[0]
        edited = PlanItem(id: edited.id, kind: edited.kind, name: edited.name + " ปรับปรุง", missionCode: edited.missionCode, order: edited.order)
        let afterEdit = try PlanEditing.updateItem(edited, in: revised)
        XCTAssertEqual(afterEdit.items.first { $0.id == edited.id }?.lineageID, plan.items[0].id)

        let (withCopy, copyID) = try PlanEditing.duplicateItem(revised.items[0].id, in: revised)
        let copy = try XCTUnwrap(withCopy.items.first { $0.id == copyID })
        XCTAssertEqual(copy.lineageID, copyID, "a duplicate is a new item with a new lineage")
        XCTAssertNotEqual(copy.lineageID, revised.items[0].lineageID)

        // Adding an item that claims an existing lineage gives it its own.
        var stray = PlanItem(kind: .project, name: "โครงการใหม่", missionCode: "1.1", order: 0)
        stray.lineageID = revised.items[1].lineageID
        let added = try PlanEditing.addItem(stray, to: revised)
        XCTAssertEqual(added.items.first { $0.id == stray.id }?.lineageID, stray.id)

        // JSON without a lineage (older exports) reads it as the id.
        let json = #"{"id":"6F9619FF-8B86-D011-B42D-00C04FC964FF","kind":"project","name":"โครงการ ก","order":1}"#
        let decoded = try JSONDecoder().decode(PlanItem.self, from: Data(json.utf8))
        XCTAssertEqual(decoded.lineageID, decoded.id)
        let roundTrip = try JSONDecoder().decode(PlanItem.self, from: JSONEncoder().encode(copy))
        XCTAssertEqual(roundTrip.lineageID, copy.lineageID)
    }

    // MARK: Items per year

    func testRoundPicksTheItemsDueInEachYearOfAFiveYearPlan() throws {
        var plan = publishedDemo()
        let base = plan.items.count
        plan.items.append(PlanItem(kind: .project, name: "โครงการเฉพาะปี 2567", missionCode: "1.1", order: 900,
                                   budgets: [FiscalYear(2567): .amount(Money(baht: 5_000))]))
        plan.items.append(PlanItem(kind: .activity, name: "กิจกรรมสองปีแรก", missionCode: "1.1", order: 901,
                                   sheet: ProjectSheet(period: "ปีงบประมาณ พ.ศ. ๒๕๖๖ – ๒๕๖๗")))
        plan.items.append(PlanItem(kind: .measure, name: "มาตรการทุกปี", missionCode: "1.1", order: 902,
                                   sheet: ProjectSheet(period: "ไตรมาสที่ 1 – 4")))
        let names = { (round: MonitoringRound) in Set(round.records.map(\.itemName)) }
        let r2567 = try openRound(plan, year: FiscalYear(2567))
        XCTAssertEqual(r2567.records.count, base + 3)
        XCTAssertTrue(names(r2567).isSuperset(of: ["โครงการเฉพาะปี 2567", "กิจกรรมสองปีแรก", "มาตรการทุกปี"]))
        let r2568 = try openRound(plan, year: FiscalYear(2568))
        XCTAssertEqual(r2568.records.count, base + 1)
        XCTAssertFalse(names(r2568).contains("โครงการเฉพาะปี 2567"))
        XCTAssertFalse(names(r2568).contains("กิจกรรมสองปีแรก"))
        XCTAssertTrue(names(r2568).contains("มาตรการทุกปี"))
        // Records follow plan order and carry the plan's budget for that year.
        XCTAssertEqual(r2568.records.map(\.itemNumber), r2568.records.map(\.itemNumber).sorted())
        let first = try XCTUnwrap(r2568.records.first)
        let item = try XCTUnwrap(plan.items.first { $0.id == first.itemID })
        if case .amount(let money)? = item.budgets[FiscalYear(2568)] { XCTAssertEqual(first.plannedBudget, money) } else { XCTAssertNil(first.plannedBudget) }
        XCTAssertEqual(first.itemLineageID, item.lineageID)
        XCTAssertEqual(first.indicators.count, (item.sheet?.outputs.count ?? 0) + (item.sheet?.outcomes.count ?? 0))
    }

    func testRoundOfAOneYearPlan() throws {
        var plan = Plan(organizationID: UUID(), title: "แผนปี 2568", firstYear: FiscalYear(2568), lastYear: FiscalYear(2568),
                        cycleID: "custom", dimensions: DemoData.plan().dimensions, status: .published)
        plan.items = [
            PlanItem(kind: .project, name: "โครงการ ก", missionCode: "1.1", order: 1, budgets: [FiscalYear(2568): .amount(Money(baht: 10_000))]),
            PlanItem(kind: .measure, name: "มาตรการ ข", missionCode: "2.1", order: 2),
        ]
        let round = try openRound(plan, year: FiscalYear(2568))
        XCTAssertEqual(round.records.map(\.itemName), ["โครงการ ก", "มาตรการ ข"])
        XCTAssertEqual(round.records[0].plannedBudget, Money(baht: 10_000))
        assertRefused(.invalid, field: "fiscalYear") { try self.openRound(plan, year: FiscalYear(2569)) }
    }

    func testOpeningIsRefusedOnADraftTwiceOrWithoutTheRole() throws {
        var draft = DemoData.plan()
        draft.status = .draft
        assertRefused(.wrongState, field: "plan") { try self.openRound(draft) }
        let plan = publishedDemo()
        assertRefused(.invalid, field: "fiscalYear") { try self.openRound(plan, year: FiscalYear(2571)) }
        let first = try openRound(plan)
        assertRefused(.wrongState, field: "kind") { try self.openRound(plan, rounds: [first]) }
        XCTAssertNoThrow(try openRound(plan, kind: .twelveMonths, rounds: [first]), "the other kind of the same year is fine")
        assertRefused(.forbidden) {
            try self.decide(.open(year: self.year, kind: .sixMonths), round: nil, expectedVersion: nil, context: self.context(plan, role: .viewer))
        }
        assertRefused(.forbidden) {
            try self.decide(.open(year: self.year, kind: .sixMonths), round: nil, expectedVersion: nil, context: self.context(plan, role: nil))
        }
    }

    // MARK: Record rules

    func testStatusReasonAndMoneyRules() throws {
        let plan = publishedDemo()
        let round = try openRound(plan)
        let record = try XCTUnwrap(round.records.first { $0.plannedBudget != nil })
        let budget = try XCTUnwrap(record.plannedBudget)

        assertRefused(.invalid, field: "reason") { try self.edit(round, record, MonitoringRecordInput(progress: .notCarriedOut), plan: plan) }
        assertRefused(.invalid, field: "reasonText") {
            try self.edit(round, record, MonitoringRecordInput(progress: .notCarriedOut, reason: .other), plan: plan)
        }
        let unable = try edit(round, record, MonitoringRecordInput(progress: .notCarriedOut, reason: .noBudget), plan: plan)
        XCTAssertEqual(unable.round.records.first { $0.id == record.id }?.reason, .noBudget)
        XCTAssertEqual(unable.round.version, round.version + 1)
        XCTAssertEqual(unable.audit, .roundRecordEdit)

        assertRefused(.invalid, field: "disbursed") {
            try self.edit(round, record, MonitoringRecordInput(progress: .completed, disbursed: Money(satang: -100)), plan: plan)
        }
        let over = Money(satang: budget.satang + 100)
        assertRefused(.invalid, field: "overspendReason") {
            try self.edit(round, record, MonitoringRecordInput(progress: .completed, disbursed: over), plan: plan)
        }
        let allowed = try edit(round, record, MonitoringRecordInput(progress: .completed, disbursed: over, overspendReason: "ราคาวัสดุสูงขึ้น"), plan: plan)
        XCTAssertEqual(allowed.warnings.map(\.code), [.disbursedOverBudget])
        XCTAssertEqual(allowed.round.records.first { $0.id == record.id }?.disbursed, over)
        // The ordinance's budget, when given, is what disbursement is measured against.
        let withinOrdinance = try edit(round, record, MonitoringRecordInput(progress: .completed, ordinanceBudget: over, disbursed: over), plan: plan)
        XCTAssertEqual(withinOrdinance.warnings, [])

        // Dates within the fiscal year and in order; percentages at most 100.
        let before = ThaiCalendar.start(of: year).addingTimeInterval(-3600)
        assertRefused(.invalid, field: "startDate") {
            try self.edit(round, record, MonitoringRecordInput(progress: .completed, startDate: before), plan: plan)
        }
        let jan = ThaiCalendar.start(of: year).addingTimeInterval(100 * 86_400)
        assertRefused(.invalid, field: "endDate") {
            try self.edit(round, record, MonitoringRecordInput(progress: .completed, startDate: jan, endDate: jan.addingTimeInterval(-86_400)), plan: plan)
        }
        if let index = record.indicators.firstIndex(where: { $0.measure?.isPercentage == true }) {
            var actuals = Array(repeating: MonitoringRecordInput.IndicatorInput(), count: record.indicators.count)
            actuals[index] = .init(value: 120)
            assertRefused(.invalid, field: "actual-\(index)") {
                try self.edit(round, record, MonitoringRecordInput(progress: .completed, actuals: actuals), plan: plan)
            }
            actuals[index] = .init(value: 86)
            let met = try edit(round, record, MonitoringRecordInput(progress: .completed, actuals: actuals), plan: plan)
            XCTAssertEqual(met.round.records.first { $0.id == record.id }?.indicators[index].isMet, true)
        }
        // Several problems of one form are reported together.
        do {
            _ = try edit(round, record, MonitoringRecordInput(progress: .notCarriedOut, committed: Money(satang: -1), participants: -3), plan: plan)
            XCTFail("expected a refusal")
        } catch let error as CommandRefusal {
            XCTAssertEqual(Set(error.fields.map(\.path)), ["reason", "committed", "participants"])
        }
        // At the year's end an unfinished item is late and needs a reason too.
        let twelve = try openRound(plan, kind: .twelveMonths, rounds: [round])
        let late = try XCTUnwrap(twelve.records.first)
        assertRefused(.invalid, field: "reason") { try self.edit(twelve, late, MonitoringRecordInput(progress: .inProgress), plan: plan) }
        XCTAssertNoThrow(try edit(twelve, late, MonitoringRecordInput(progress: .inProgress, reason: .waitingForProcurement), plan: plan))
    }

    func testVersionAndMissingRecord() throws {
        let plan = publishedDemo()
        let round = try openRound(plan)
        assertRefused(.stale(current: round.version)) {
            try self.decide(.submit, round: round, expectedVersion: round.version - 1, context: self.context(plan))
        }
        assertRefused(.notFound) {
            try self.decide(.editRecord(recordID: UUID(), MonitoringRecordInput(progress: .completed)),
                                          round: round, expectedVersion: round.version, context: self.context(plan))
        }
    }

    // MARK: Workflow

    func fillAll(_ round: MonitoringRound, plan: Plan) throws -> MonitoringRound {
        var round = round
        for record in round.records {
            round = try edit(round, record, DemoMonitoring.input(for: record), plan: plan).round
        }
        return round
    }

    func testApprovalLocksAndReopeningNeedsAReasonAndIsAudited() throws {
        let plan = publishedDemo()
        var round = try openRound(plan)
        round = try edit(round, round.records[0], MonitoringRecordInput(progress: .completed), plan: plan).round
        // Submitting or approving with blank records lists every one of them.
        do {
            _ = try self.decide(.submit, round: round, expectedVersion: round.version, context: context(plan))
            XCTFail("blank records must stop the submission")
        } catch let error as CommandRefusal {
            XCTAssertEqual(error.kind, .invalid)
            XCTAssertEqual(error.fields.count, round.records.count, "the list, and each blank record at its place")
            XCTAssertTrue(error.message.th.contains(round.records[1].itemName))
        }
        assertRefused(.invalid, field: "records") {
            try self.decide(.approve, round: round, expectedVersion: round.version, context: self.context(plan, role: .admin))
        }
        round = try fillAll(round, plan: plan)
        round = try self.decide(.submit, round: round, expectedVersion: round.version, context: context(plan)).round
        XCTAssertEqual(round.status, .submitted)
        assertRefused(.wrongState, field: "status") { try self.edit(round, round.records[0], MonitoringRecordInput(progress: .completed), plan: plan) }
        assertRefused(.forbidden) {
            try self.decide(.approve, round: round, expectedVersion: round.version, context: self.context(plan, role: .editor))
        }
        let approval = try self.decide(.approve, round: round, expectedVersion: round.version, context: context(plan, role: .admin))
        XCTAssertEqual(approval.audit, .roundApprove)
        XCTAssertTrue(approval.decision.approvesRound)
        round = approval.round
        XCTAssertTrue(round.isLocked)
        assertRefused(.wrongState, field: "status") { try self.edit(round, round.records[0], MonitoringRecordInput(progress: .completed), plan: plan, role: .admin) }
        assertRefused(.invalid, field: "reason") {
            try self.decide(.reopen(reason: "  "), round: round, expectedVersion: round.version, context: self.context(plan, role: .admin))
        }
        assertRefused(.forbidden) {
            try self.decide(.reopen(reason: "แก้ตัวเลข"), round: round, expectedVersion: round.version, context: self.context(plan, role: .editor))
        }
        let reopening = try self.decide(.reopen(reason: "ตัวเลขเบิกจ่ายของกองคลังคลาดเคลื่อน"), round: round,
                                                      expectedVersion: round.version, context: context(plan, role: .admin))
        XCTAssertEqual(reopening.audit, .roundReopen)
        XCTAssertFalse(reopening.decision.approvesRound)
        XCTAssertTrue(reopening.auditDetail.contains("ตัวเลขเบิกจ่ายของกองคลังคลาดเคลื่อน"))
        XCTAssertEqual(reopening.round.status, .open)
        XCTAssertEqual(reopening.round.reopenReason, "ตัวเลขเบิกจ่ายของกองคลังคลาดเคลื่อน")
        XCTAssertNoThrow(try edit(reopening.round, round.records[0], MonitoringRecordInput(progress: .completed), plan: plan))
    }

    func testTwelveMonthRoundStartsFromTheSixMonthValuesByLineage() throws {
        let plan = publishedDemo()
        var six = try openRound(plan)
        six = try fillAll(six, plan: plan)
        // The plan is revised (fresh ids, same lineage) before the 12-month round.
        var revised = plan.withFreshIDs()
        revised.status = .published
        let twelve = try self.decide(.open(year: year, kind: .twelveMonths), round: nil, expectedVersion: nil,
                                                   context: Ctx(plan: revised, rounds: [six])).round
        XCTAssertEqual(twelve.records.count, six.records.count)
        for record in twelve.records {
            let earlier = try XCTUnwrap(six.records.first { $0.itemLineageID == record.itemLineageID })
            XCTAssertNotEqual(record.itemID, earlier.itemID, "the new revision's item")
            XCTAssertEqual(record.progress, earlier.progress)
            XCTAssertEqual(record.disbursed, earlier.disbursed)
            XCTAssertEqual(record.indicators.map(\.actualValue), earlier.indicators.map(\.actualValue))
        }
    }

    // MARK: Reports

    func testReportNumbersAddUpToThePlanSummaryForAFilledDemoRound() throws {
        let plan = publishedDemo()
        let round = try fillAll(try openRound(plan), plan: plan)
        let report = MonitoringReport(round: round, dimensions: plan.dimensions)
        let summary = PlanSummary(plan: plan)
        XCTAssertEqual(report.total.planned, summary.budgetByYear[year] ?? .zero)
        XCTAssertEqual(report.total.itemCount, plan.items.count)
        XCTAssertEqual(report.total.blank, 0)
        for dimension in summary.dimensions {
            let row = try XCTUnwrap(report.dimensions.first { $0.dimension == dimension.number })
            XCTAssertEqual(row.planned, dimension.budgetByYear[year] ?? .zero, "dimension \(dimension.number)")
            XCTAssertEqual(row.itemCount, dimension.itemCount)
            XCTAssertEqual(row.completed + row.inProgress + row.notStarted + row.notCarriedOut + row.blank, row.itemCount)
        }
        for keyPath in [\MonitoringReport.Totals.itemCount, \.completed, \.inProgress, \.notStarted, \.notCarriedOut, \.indicatorsMet, \.indicatorsNotMet] {
            XCTAssertEqual(report.dimensions.map { $0[keyPath: keyPath] }.reduce(0, +), report.total[keyPath: keyPath])
        }
        XCTAssertEqual(report.dimensions.map(\.disbursed.satang).reduce(0, +), report.total.disbursed.satang)
        XCTAssertEqual(round.records.compactMap(\.disbursed).map(\.satang).reduce(0, +), report.total.disbursed.satang)
        XCTAssertGreaterThan(report.total.indicatorsMet, 0)
        XCTAssertEqual(report.total.notCarriedOut, 1, "the demo has one item held up")
        XCTAssertEqual(MonitoringReport.belowTarget(round).count, report.total.indicatorsNotMet)
    }

    func testAnnualResultsReportHasOneRowPerItemWithSixColumnsFilled() throws {
        let plan = publishedDemo()
        let round = try fillAll(try openRound(plan), plan: plan)
        let rows = AnnualResultsRow.rows(of: round)
        XCTAssertEqual(rows.count, round.records.count)
        XCTAssertEqual(AnnualResultsRow.headings.count, 6)
        for row in rows {
            XCTAssertEqual(row.columns.count, 6)
            XCTAssertTrue(row.columns.allSatisfy { !$0.cleaned.isEmpty }, "\(row.number): \(row.columns)")
        }
        // The result stands beside the target, not a copy of it.
        let first = try XCTUnwrap(rows.first)
        XCTAssertTrue(first.output.contains("เป้าหมาย:") && first.output.contains("ผล:"), first.output)
        XCTAssertTrue(rows.contains { $0.output.contains("บรรลุเป้าหมาย") })
    }

    func testAnnualStepsShowWhatWasCarriedOutNotThePlannedSteps() throws {
        var done = MonitoringRecord(itemLineageID: UUID(), itemID: UUID(), itemNumber: 1, itemName: "อบรมคุณธรรม", itemKind: .project,
                                    missionCode: nil, responsibleUnit: "สำนักปลัด", plannedSteps: ["ขั้นตอนตามแผน ก", "ขั้นตอนตามแผน ข"],
                                    plannedBudget: nil, indicators: [])
        done.progress = .completed
        done.narrative = "จัดอบรมจริง 2 รุ่น ณ หอประชุม"
        done.participants = 55
        var silent = done
        silent.id = UUID(); silent.itemNumber = 2; silent.narrative = ""; silent.participants = nil
        let round = MonitoringRound(id: UUID(), organizationID: UUID(), planID: UUID(), planSeriesID: UUID(), fiscalYear: FiscalYear(2568),
                                    kind: .twelveMonths, status: .open, version: 1, records: [done, silent])
        let rows = AnnualResultsRow.rows(of: round)
        XCTAssertTrue(rows[0].steps.contains("จัดอบรมจริง 2 รุ่น ณ หอประชุม"), rows[0].steps)
        XCTAssertTrue(rows[0].steps.contains("55"), rows[0].steps)
        XCTAssertFalse(rows[0].steps.contains("ขั้นตอนตามแผน"), rows[0].steps)
        XCTAssertEqual(rows[1].steps, "ขั้นตอนตามแผน ก\nขั้นตอนตามแผน ข", "the plan's steps only when the officer wrote nothing")
    }

    func testOverdueUsesThePlannedMonthsAndTheFiscalYearEnd() throws {
        func record(_ number: Int, _ progress: ItemProgress?, months: [Int]?) throws -> MonitoringRecord {
            var record = MonitoringRecord(itemLineageID: UUID(), itemID: UUID(), itemNumber: number, itemName: "รายการ \(number)", itemKind: .activity,
                                          missionCode: nil, responsibleUnit: "", plannedBudget: nil, indicators: [])
            record.progress = progress
            record.plannedMonths = try months.map { try MonthSchedule(months: $0) }
            return record
        }
        let records = [
            try record(1, .inProgress, months: [10, 11, 12]),   // due by 31 Dec: overdue in the 6-month round
            try record(2, .completed, months: [10, 11]),        // done: never overdue
            try record(3, .notStarted, months: [4, 5]),         // due in May: not yet at 31 March
            try record(4, .inProgress, months: nil),            // whole year: due 30 September
            try record(5, nil, months: [1, 2, 3]),              // due by 31 March, not reported
        ]
        let year = FiscalYear(2568)
        let six = MonitoringRound(id: UUID(), organizationID: UUID(), planID: UUID(), planSeriesID: UUID(), fiscalYear: year,
                                  kind: .sixMonths, status: .open, version: 1, records: records)
        let afterSix = ThaiCalendar.end(of: year)
        XCTAssertEqual(six.overdueRecords(today: afterSix).map(\.itemNumber), [1, 5])
        // While the period still runs, only what is due by today is late.
        let midJanuary = ThaiCalendar.gregorian.date(from: DateComponents(year: 2025, month: 1, day: 15))!
        XCTAssertEqual(six.overdueRecords(today: midJanuary).map(\.itemNumber), [1])
        var twelve = six
        twelve.kind = .twelveMonths
        XCTAssertEqual(twelve.overdueRecords(today: afterSix).map(\.itemNumber), [1, 3, 4, 5])
        XCTAssertEqual(six.dueBy(records[0]), ThaiCalendar.gregorian.date(from: DateComponents(year: 2025, month: 1, day: 1)))
    }

    /// "A late item needs a reason" is decided by the item's own due date — the end of its
    /// planned months, or of the fiscal year when it has none — in the period the round reports
    /// on, the same dates as the dashboard's overdue list; not by the kind of round.
    func testALateItemNeedsAReasonByItsPlannedMonthsNotByTheRoundKind() throws {
        let plan = publishedDemo()
        func record(_ number: Int, months: [Int]?) throws -> MonitoringRecord {
            var record = MonitoringRecord(itemLineageID: UUID(), itemID: UUID(), itemNumber: number, itemName: "รายการ \(number)",
                                          itemKind: .activity, missionCode: nil, responsibleUnit: "", plannedBudget: nil, indicators: [])
            record.plannedMonths = try months.map { try MonthSchedule(months: $0) }
            return record
        }
        let records = [try record(1, months: [10, 11, 12]), try record(2, months: [4, 5]), try record(3, months: nil)]
        func round(_ kind: MonitoringRoundKind) -> MonitoringRound {
            MonitoringRound(id: UUID(), organizationID: plan.organizationID, planID: plan.id, planSeriesID: plan.id, fiscalYear: year,
                            kind: kind, status: .open, version: 1, records: records)
        }
        func edit(_ round: MonitoringRound, _ index: Int, _ input: MonitoringRecordInput, today: Date) throws -> MonitoringRecord {
            let state = MonitoringState(organizationID: plan.organizationID, plan: plan, planSeriesID: plan.id, round: round)
            let decision = try MonitoringWorkflow.decide(.editRecord(recordID: records[index].id, input), by: ActingUser(userID: Self.userID, role: .editor),
                                                         on: state, expectedVersion: round.version, context: DecisionContext(now: today, makeID: { UUID() }))
            return try XCTUnwrap(decision.change.round.records.first { $0.id == records[index].id })
        }
        func refusal(_ round: MonitoringRound, _ index: Int, _ progress: ItemProgress, today: Date) -> CommandRefusal? {
            do {
                _ = try edit(round, index, MonitoringRecordInput(progress: progress), today: today)
                return nil
            } catch let error as CommandRefusal {
                return error
            } catch {
                XCTFail("unexpected \(error)")
                return nil
            }
        }
        let calendar = ThaiCalendar.gregorian
        let afterTheYear = ThaiCalendar.end(of: year).addingTimeInterval(86_400)
        let midNovember = calendar.date(from: DateComponents(year: 2024, month: 11, day: 15))!
        let six = round(.sixMonths), twelve = round(.twelveMonths)

        // Planned October–December: late in the 6-month round once January has come.
        let december = try XCTUnwrap(refusal(six, 0, .inProgress, today: afterTheYear))
        XCTAssertEqual(december.fields.map(\.path), ["reason"])
        XCTAssertTrue(december.message.th.contains("ธันวาคม 2567"), december.message.th)
        XCTAssertTrue(december.message.en.contains("December 2567"), december.message.en)
        XCTAssertFalse(december.message.th.contains("สิ้นปีงบประมาณ"), "a planned-months deadline is not the year's end")
        XCTAssertNotNil(refusal(six, 0, .notStarted, today: afterTheYear))
        // …but not while December has not ended yet.
        XCTAssertNil(refusal(six, 0, .inProgress, today: midNovember))
        // Planned April–May: not late in the 6-month round (which reports up to 31 March)…
        XCTAssertNil(refusal(six, 1, .inProgress, today: afterTheYear))
        // …but late in the 12-month round, named by its month.
        let may = try XCTUnwrap(refusal(twelve, 1, .notStarted, today: afterTheYear))
        XCTAssertTrue(may.message.th.contains("พฤษภาคม 2568"), may.message.th)
        // No planned months: due at the year's end — not late in the 6-month round, late in the
        // 12-month round, and the message says the year is over.
        XCTAssertNil(refusal(six, 2, .inProgress, today: afterTheYear))
        let yearEnd = try XCTUnwrap(refusal(twelve, 2, .inProgress, today: afterTheYear))
        XCTAssertTrue(yearEnd.message.th.contains("สิ้นปีงบประมาณ 2568"), yearEnd.message.th)
        // While the 12-month round's year still runs, an item with no months is not late yet.
        XCTAssertNil(refusal(twelve, 2, .inProgress, today: calendar.date(from: DateComponents(year: 2025, month: 8, day: 1))!))
        // With a reason, a late item is saved and keeps it.
        let saved = try edit(six, 0, MonitoringRecordInput(progress: .inProgress, reason: .waitingForProcurement), today: afterTheYear)
        XCTAssertEqual(saved.reason, .waitingForProcurement)
        // Completed is never late.
        XCTAssertNil(refusal(twelve, 2, .completed, today: afterTheYear))

        // Saved in time (mid-November, December not over), then submitted or approved after the
        // round's period: the record is late now and without a reason the round is refused,
        // naming it; with the reason it goes through.
        var six2 = six
        six2.records[0] = try edit(six2, 0, MonitoringRecordInput(progress: .inProgress), today: midNovember)
        six2.records[1] = try edit(six2, 1, MonitoringRecordInput(progress: .inProgress), today: midNovember)
        six2.records[2] = try edit(six2, 2, MonitoringRecordInput(progress: .completed), today: midNovember)
        for (command, role) in [(MonitoringCommand.submit, OrganizationRole.editor), (.approve, .admin)] {
            let state = MonitoringState(organizationID: plan.organizationID, plan: plan, planSeriesID: plan.id, round: six2)
            let context = DecisionContext(now: afterTheYear, makeID: { UUID() })
            do {
                _ = try MonitoringWorkflow.decide(command, by: ActingUser(userID: Self.userID, role: role), on: state, expectedVersion: six2.version, context: context)
                XCTFail("\(command): a late record without a reason")
            } catch {
                XCTAssertEqual(error.kind, .invalid)
                XCTAssertEqual(error.fields.map(\.path), ["records", "records[\(records[0].id.uuidString.lowercased())].reason"], "only the late one")
                XCTAssertTrue(error.message.th.contains("1. รายการ 1") && !error.message.th.contains("2. รายการ 2"), error.message.th)
            }
            // Before December ends it is not late yet.
            XCTAssertNoThrow(try MonitoringWorkflow.decide(command, by: ActingUser(userID: Self.userID, role: role), on: state, expectedVersion: six2.version,
                                                           context: DecisionContext(now: midNovember, makeID: { UUID() })))
        }
        six2.records[0].reason = .waitingForProcurement
        let state = MonitoringState(organizationID: plan.organizationID, plan: plan, planSeriesID: plan.id, round: six2)
        XCTAssertNoThrow(try MonitoringWorkflow.decide(.approve, by: ActingUser(userID: Self.userID, role: .admin), on: state, expectedVersion: six2.version,
                                                       context: DecisionContext(now: afterTheYear, makeID: { UUID() })))

        // The results import gives a late record "other" naming the row, and only a late one.
        let result = ReportedResult(steps: [], period: "", output: "", outcome: "", source: "แถวที่ 4")
        let lateInput = MonitoringWorkflow.filledInput(result, for: records[0], progress: .inProgress, in: six, today: afterTheYear)
        XCTAssertEqual(lateInput.reason, .other)
        XCTAssertTrue(lateInput.reasonText.contains("แถวที่ 4"))
        XCTAssertNil(MonitoringWorkflow.filledInput(result, for: records[1], progress: .inProgress, in: six, today: afterTheYear).reason)
        XCTAssertEqual(MonitoringWorkflow.filledInput(result, for: records[1], progress: .inProgress, in: twelve, today: afterTheYear).reason, .other)
    }

    /// Each imported row's status is what the row says, not one status for the whole document.
    func testAnImportedRowsStatusIsWhatTheRowStates() throws {
        XCTAssertEqual(ReportedResult.stated(output: "ผู้เข้าร่วม ร้อยละ ๘๖", outcome: ""), .completed, "a result written")
        XCTAssertEqual(ReportedResult.stated(output: "ดำเนินการแล้ว", outcome: "-"), .completed)
        XCTAssertEqual(ReportedResult.stated(output: "ไม่ได้ดำเนินการ เนื่องจากไม่ได้รับงบประมาณ", outcome: ""), .notCarriedOut)
        XCTAssertEqual(ReportedResult.stated(output: "", outcome: "ไม่สามารถดำเนินการได้"), .notCarriedOut)
        XCTAssertEqual(ReportedResult.stated(output: "ยังไม่ได้ดำเนินการ", outcome: ""), .notStarted, "not read as ไม่ได้ดำเนินการ")
        XCTAssertEqual(ReportedResult.stated(output: "อยู่ระหว่าง ดำเนินการ", outcome: ""), .inProgress)
        XCTAssertEqual(ReportedResult.stated(output: "", outcome: ""), .notStarted, "nothing written")
        XCTAssertEqual(ReportedResult.stated(output: " - ", outcome: "–"), .notStarted, "a lone dash is nothing written")

        // One decision opens the round with each matched record in its row's status; the round
        // reports at the year's end, so what is unfinished or not carried out gets the import's reason.
        let plan = publishedDemo()
        let template = try openRound(plan)
        let records = Array(template.records.prefix(5))
        XCTAssertEqual(records.count, 5)
        let texts: [(String, String, ItemProgress)] = [
            ("จัดอบรม ๒ รุ่น ผู้เข้าร่วม ๖๐ คน", "บุคลากรนำไปใช้", .completed),
            ("ดำเนินการแล้ว", "", .completed),
            ("ไม่ได้ดำเนินการ", "", .notCarriedOut),
            ("อยู่ระหว่างดำเนินการ", "", .inProgress),
            ("", "", .notStarted),
        ]
        var results: [UUID: ReportedResult] = [:]
        for (index, record) in records.enumerated() {
            results[record.itemLineageID] = ReportedResult(steps: [], period: "", output: texts[index].0, outcome: texts[index].1,
                                                           source: "แถวที่ \(index + 1)")
        }
        let outcome = try decide(.openFromResults(year: year, kind: .twelveMonths, results: results, progress: nil, fileName: "ผสม.docx"),
                                 round: nil, expectedVersion: nil, context: context(plan))
        for (index, record) in records.enumerated() {
            let filled = try XCTUnwrap(outcome.round.records.first { $0.itemLineageID == record.itemLineageID })
            XCTAssertEqual(filled.progress, texts[index].2, "row \(index + 1)")
            XCTAssertEqual(filled.reason, texts[index].2 == .completed ? nil : .other, "row \(index + 1)")
        }
        XCTAssertTrue(outcome.auditDetail.contains("สถานะตามเอกสาร"), outcome.auditDetail)
        // An officer's one status for all rows still overrides what the rows say.
        let all = try decide(.openFromResults(year: year, kind: .twelveMonths, results: results, progress: .completed, fileName: "x"),
                             round: nil, expectedVersion: nil, context: context(plan)).round
        XCTAssertTrue(records.allSatisfy { record in all.records.first { $0.itemLineageID == record.itemLineageID }?.progress == .completed })
    }

    /// The plan-period view: one row per fiscal year of the plan, from the year's latest approved
    /// round (the 12-month round before the 6-month one; an open round does not count), else the
    /// plan's own items and budget for the year with no status and no disbursement.
    func testPlanPeriodRowsComeFromEachYearsLatestApprovedRound() throws {
        let plan = publishedDemo()
        func filled(_ year: FiscalYear, _ kind: MonitoringRoundKind, rounds: [MonitoringRound] = [], approved: Bool) throws -> MonitoringRound {
            var round = try openRound(plan, year: year, kind: kind, rounds: rounds)
            for record in round.records {
                var input = DemoMonitoring.input(for: record)
                input.startDate = nil
                input.endDate = nil
                if kind == .twelveMonths && input.progress != .notCarriedOut { input.progress = .completed; input.reason = nil }
                if input.reason == nil && input.progress != .completed { input.reason = .other; input.reasonText = "ทดสอบ" }
                round = try edit(round, record, input, plan: plan).round
            }
            if approved { round.status = .approved }
            return round
        }
        let six2566 = try filled(FiscalYear(2566), .sixMonths, approved: true)
        let twelve2566 = try filled(FiscalYear(2566), .twelveMonths, rounds: [six2566], approved: true)
        let open2567 = try filled(FiscalYear(2567), .twelveMonths, approved: false)
        let six2568 = try filled(FiscalYear(2568), .sixMonths, approved: true)
        let rounds = [six2566, twelve2566, open2567, six2568]
        let rows = PlanPeriodYear.rows(plan: plan, rounds: rounds)
        XCTAssertEqual(rows.map(\.fiscalYear.be), [2566, 2567, 2568, 2569, 2570], "every year of the plan")
        XCTAssertEqual(rows.map(\.roundID), [twelve2566.id, nil, six2568.id, nil, nil])
        let summary = PlanSummary(plan: plan)
        for row in rows {
            if let id = row.roundID {
                let round = try XCTUnwrap(rounds.first { $0.id == id })
                let totals = try XCTUnwrap(row.totals)
                XCTAssertEqual(row.itemsDue, round.records.count)
                for progress in ItemProgress.allCases {
                    XCTAssertEqual(totals.count(progress), round.records.filter { $0.progress == progress }.count, "\(row.fiscalYear.be) \(progress)")
                }
                let carried = round.records.filter { $0.progress == .completed || $0.progress == .inProgress }.count
                XCTAssertEqual(NSDecimalNumber(decimal: totals.carriedOutPercent).doubleValue,
                               (Double(carried) * 100 / Double(round.records.count) * 100).rounded() / 100, accuracy: 0.001)
                XCTAssertEqual(row.planned.satang, round.records.compactMap(\.plannedBudget).reduce(0) { $0 + $1.satang })
                XCTAssertEqual(row.disbursed?.satang, round.records.compactMap(\.disbursed).reduce(0) { $0 + $1.satang })
            } else {
                XCTAssertNil(row.totals)
                XCTAssertNil(row.disbursed, "nothing approved says what was disbursed")
                XCTAssertEqual(row.itemsDue, MonitoringSchedule.dueItems(of: plan, in: row.fiscalYear).count)
            }
            XCTAssertEqual(row.planned, summary.budgetByYear[row.fiscalYear], "planned money is the plan's for the year (\(row.fiscalYear.be))")
        }
        XCTAssertEqual(rows[0].totals?.completed, twelve2566.records.filter { $0.progress == .completed }.count)
        XCTAssertNotEqual(rows[0].totals, MonitoringReport(round: six2566, dimensions: []).total, "the 12-month round, not the 6-month one")
        // A round's own report: the years up to its own, itself for its year whatever its status.
        let upTo = PlanPeriodYear.rows(plan: plan, rounds: rounds, upTo: FiscalYear(2567), current: open2567)
        XCTAssertEqual(upTo.map(\.fiscalYear.be), [2566, 2567])
        XCTAssertEqual(upTo.map(\.roundID), [twelve2566.id, open2567.id])
    }

    func testPeriodYears() {
        XCTAssertEqual(MonitoringSchedule.periodYears("ปีงบประมาณ พ.ศ. 2566 – 2570"), 2566...2570)
        XCTAssertEqual(MonitoringSchedule.periodYears("ปีงบประมาณ พ.ศ. ๒๕๖๘"), 2568...2568)
        XCTAssertEqual(MonitoringSchedule.periodYears("พ.ศ.2567-2568"), 2567...2568)
        XCTAssertNil(MonitoringSchedule.periodYears("ไตรมาสที่ 1 – 4"))
    }

    // MARK: Evidence

    static let pdfBytes = Data("%PDF-1.4\n1 0 obj << >> endobj\n%%EOF\n".utf8)
    static let pngBytes = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13])
    static let elfBytes = Data([0x7F, 0x45, 0x4C, 0x46, 2, 1, 1, 0] + Array(repeating: 0, count: 64))
    static let hash = String(repeating: "ab", count: 32)

    func testEvidenceTypeIsCheckedByContentAndSizeIsLimited() throws {
        XCTAssertEqual(EvidenceKind.detect(Self.pdfBytes), .pdf)
        XCTAssertEqual(EvidenceKind.detect(Self.pngBytes), .png)
        XCTAssertEqual(EvidenceKind.detect(Data([0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10])), .jpeg)
        XCTAssertNil(EvidenceKind.detect(Self.elfBytes))
        XCTAssertNil(EvidenceKind.detect(Data("MZ\u{90}\u{0}this program".utf8)))
        XCTAssertNil(EvidenceKind.detect(Data("PK\u{3}\u{4}not a word file".utf8)), "a ZIP that is not a DOCX")
        XCTAssertEqual(EvidenceKind.detect(Data("PK\u{3}\u{4}....[Content_Types].xml....word/document.xml".utf8)), .docx)

        let plan = publishedDemo()
        let round = try openRound(plan)
        let record = round.records[0]
        func attach(_ name: String, _ bytes: Data) throws -> Outcome {
            try self.decide(.attachEvidence(recordID: record.id, EvidenceUpload(fileName: name, bytes: bytes, sha256: Self.hash, at: Date())),
                                          round: round, expectedVersion: round.version, context: context(plan))
        }
        assertRefused(.invalid, field: "file") { try attach("report.pdf", Self.elfBytes) }
        assertRefused(.invalid, field: "file") { try attach("photo.jpg", Self.pdfBytes) }
        assertRefused(.invalid, field: "file") { try attach("empty.pdf", Data()) }
        var big = Self.pdfBytes
        big.append(Data(count: MonitoringWorkflow.maximumEvidenceBytes))
        assertRefused(.invalid, field: "file") { try attach("big.pdf", big) }
        let accepted = try attach("../../คำสั่ง.pdf", Self.pdfBytes)
        let file = try XCTUnwrap(accepted.round.records[0].evidence.first)
        XCTAssertEqual(file.kind, .pdf)
        XCTAssertEqual(file.fileName, "คำสั่ง.pdf", "no path in the name")
        XCTAssertEqual(accepted.audit, .roundEvidenceAttach)
        XCTAssertFalse(file.isPublic, "evidence is members only until the admin says otherwise")
        XCTAssertTrue(accepted.auditDetail.contains(Self.hash))
        // Locked rounds take no evidence.
        var locked = accepted.round
        locked.status = .approved
        assertRefused(.wrongState, field: "status") {
            try self.decide(.removeEvidence(recordID: record.id, evidenceID: file.id), round: locked,
                                          expectedVersion: locked.version, context: self.context(plan))
        }
        let removed = try self.decide(.removeEvidence(recordID: record.id, evidenceID: file.id), round: accepted.round,
                                                    expectedVersion: accepted.round.version, context: context(plan))
        XCTAssertEqual(removed.round.records[0].evidence, [])
    }

    // MARK: Quarterly rounds

    func testQuarterlyRoundsNeedTheSettingAndEachStartsFromTheRoundBefore() throws {
        let plan = publishedDemo()
        assertRefused(.wrongState, field: "kind") { try self.openRound(plan, kind: .quarter1) }
        var q1 = try openRound(plan, kind: .quarter1, quarterly: true)
        q1 = try fillAll(q1, plan: plan)
        // The 6-month round (1 Oct – 31 Mar) starts from ไตรมาสที่ 1.
        let six = try openRound(plan, kind: .sixMonths, rounds: [q1], quarterly: true)
        XCTAssertEqual(six.records.map(\.progress), q1.records.map(\.progress))
        XCTAssertEqual(six.records.map(\.disbursed), q1.records.map(\.disbursed))
        // ไตรมาสที่ 2 ends with the 6-month round, so it starts from it (a round over the same period).
        var changedSix = six
        changedSix.records[0].participants = 999
        XCTAssertEqual(MonitoringWorkflow.startingRound(for: .quarter2, year: year, among: [q1, changedSix])?.kind, .sixMonths)
        let q2 = try openRound(plan, kind: .quarter2, rounds: [q1, changedSix], quarterly: true)
        XCTAssertEqual(q2.records[0].participants, 999)
        // The 12-month round starts from ไตรมาสที่ 3 when there is one, else from the 6-month round.
        let q3 = try openRound(plan, kind: .quarter3, rounds: [q1, changedSix, q2], quarterly: true)
        XCTAssertEqual(MonitoringWorkflow.startingRound(for: .twelveMonths, year: year, among: [q1, changedSix, q2, q3])?.kind, .quarter3)
        XCTAssertEqual(MonitoringWorkflow.startingRound(for: .twelveMonths, year: year, among: [q1, changedSix])?.kind, .sixMonths)
        XCTAssertNil(MonitoringWorkflow.startingRound(for: .quarter1, year: year, among: [changedSix, q3]), "nothing ends before ไตรมาสที่ 1")
        XCTAssertNil(MonitoringWorkflow.startingRound(for: .twelveMonths, year: FiscalYear(2569), among: [changedSix]), "another year's rounds")
        // The same kind twice in a year is refused, quarter or not.
        assertRefused(.wrongState, field: "kind") { try self.openRound(plan, kind: .quarter1, rounds: [q1], quarterly: true) }
        // ไตรมาสที่ 4 ends the year: an unfinished item is late and needs a reason.
        let q4 = try openRound(plan, kind: .quarter4, quarterly: true)
        assertRefused(.invalid, field: "reason") { try self.edit(q4, q4.records[0], MonitoringRecordInput(progress: .inProgress), plan: plan) }
        XCTAssertNoThrow(try edit(q1, q1.records[0], MonitoringRecordInput(progress: .inProgress), plan: plan), "not late in ไตรมาสที่ 1")
        // Names and last days.
        XCTAssertEqual(MonitoringRoundKind.quarter3.thaiName, "รอบไตรมาสที่ 3")
        XCTAssertEqual(MonitoringSettings(organizationID: UUID()).kinds, [.sixMonths, .twelveMonths])
        XCTAssertEqual(MonitoringSettings(organizationID: UUID(), quarterlyRounds: true).kinds.count, 6)
    }

    func testOnlyAdminsChangeTheMonitoringSettingAndItIsAudited() throws {
        let organization = UUID()
        XCTAssertThrowsError(try MonitoringWorkflow.decideSettings(MonitoringSettings(organizationID: organization, quarterlyRounds: true),
                                                                  by: ActingUser(userID: UUID(), role: .editor)))
        let decision = try MonitoringWorkflow.decideSettings(MonitoringSettings(organizationID: organization, quarterlyRounds: true),
                                                             by: ActingUser(userID: Self.userID, role: .admin))
        XCTAssertEqual(decision.audit.map(\.action), [.monitoringSettings])
        XCTAssertEqual(decision.audit.first?.organizationID, organization)
        XCTAssertTrue(decision.change.quarterlyRounds)
    }

    // MARK: Evidence visibility

    func testEvidenceIsMembersOnlyUntilTheAdminMakesItPublic() throws {
        let plan = publishedDemo()
        var round = try openRound(plan)
        let record = round.records[0]
        round = try decide(.attachEvidence(recordID: record.id, EvidenceUpload(fileName: "ภาพกิจกรรม.png", bytes: Self.pngBytes, sha256: Self.hash, at: Date())),
                           round: round, expectedVersion: round.version, context: context(plan)).round
        round = try decide(.attachEvidence(recordID: record.id, EvidenceUpload(fileName: "คำสั่ง.pdf", bytes: Self.pdfBytes, sha256: Self.hash, at: Date())),
                           round: round, expectedVersion: round.version, context: context(plan)).round
        let photo = round.records[0].evidence[0], order = round.records[0].evidence[1]
        XCTAssertEqual(round.publicView.records[0].evidence, [], "nothing is public by default")
        round = try fillAll(round, plan: plan)
        round = try decide(.approve, round: round, expectedVersion: round.version, context: context(plan, role: .admin)).round
        // An editor may not publish; the admin may, on the approved (locked) round.
        assertRefused(.forbidden) {
            try self.decide(.setEvidencePublic(recordID: record.id, evidenceID: order.id, true), round: round, expectedVersion: round.version, context: self.context(plan))
        }
        let published = try decide(.setEvidencePublic(recordID: record.id, evidenceID: order.id, true), round: round,
                                   expectedVersion: round.version, context: context(plan, role: .admin))
        XCTAssertEqual(published.audit, .roundEvidencePublish)
        XCTAssertEqual(published.round.status, .approved, "publishing a file does not reopen the round")
        XCTAssertEqual(published.round.publicView.records[0].evidence.map(\.id), [order.id], "the photo stays with members")
        XCTAssertEqual(published.round.records[0].evidence.map(\.id), [photo.id, order.id])
        let withdrawn = try decide(.setEvidencePublic(recordID: record.id, evidenceID: order.id, false), round: published.round,
                                   expectedVersion: published.round.version, context: context(plan, role: .admin))
        XCTAssertEqual(withdrawn.audit, .roundEvidenceWithdraw)
        // A later round of the year starts with the same files, members only again.
        let twelve = try openRound(plan, kind: .twelveMonths, rounds: [published.round])
        let carried = try XCTUnwrap(twelve.records.first { $0.itemLineageID == record.itemLineageID })
        XCTAssertEqual(carried.evidence.map(\.id), [photo.id, order.id])
        XCTAssertTrue(carried.evidence.allSatisfy { !$0.isPublic })
        XCTAssertEqual(withdrawn.round.publicView.records[0].evidence, [])
        assertRefused(.notFound, field: "evidence") {
            try self.decide(.setEvidencePublic(recordID: record.id, evidenceID: UUID(), true), round: round, expectedVersion: round.version,
                            context: self.context(plan, role: .admin))
        }
        // Records stored before the flag existed read as members only.
        let old = #"{"id":"6F9619FF-8B86-D011-B42D-00C04FC964FF","fileName":"a.png","kind":"png","byteCount":3,"sha256":"ab","addedAt":0}"#
        XCTAssertFalse(try JSONDecoder().decode(MonitoringEvidence.self, from: Data(old.utf8)).isPublic)
    }

    // MARK: A round from a results document

    func testRoundOpenedFromResultsFillsTheMatchedRecordsInOneDecision() throws {
        let plan = publishedDemo()
        let template = try openRound(plan)
        let withOutput = try XCTUnwrap(template.records.first { record in
            record.indicators.contains { $0.kind == .output && $0.measure?.isPercentage == true }
        })
        let other = try XCTUnwrap(template.records.first { $0.itemLineageID != withOutput.itemLineageID })
        let results: [UUID: ReportedResult] = [
            withOutput.itemLineageID: ReportedResult(steps: ["จัดอบรม ๒ รุ่น", "ประเมินผล"], period: "ไตรมาสที่ ๒",
                                                     output: "ผู้เข้าอบรมพึงพอใจ ร้อยละ ๘๖", outcome: "บุคลากรนำไปใช้", source: "แถวที่ 1"),
            other.itemLineageID: ReportedResult(steps: [], period: "ไตรมาสที่ ๑ - ๔", output: "ไม่น้อยกว่าร้อยละ ๘๐",
                                                outcome: "", source: "แถวที่ 2"),
        ]
        let outcome = try decide(.openFromResults(year: year, kind: .twelveMonths, results: results, progress: .completed, fileName: "รายงาน.docx"),
                                 round: nil, expectedVersion: nil, context: context(plan))
        XCTAssertEqual(outcome.audit, .roundImport)
        XCTAssertTrue(outcome.auditDetail.contains("รายงาน.docx") && outcome.auditDetail.contains("กรอก 2 จาก"), outcome.auditDetail)
        XCTAssertEqual(outcome.decision.change.write, .create)
        let round = outcome.round
        XCTAssertEqual(round.records.count, template.records.count)
        XCTAssertEqual(round.blankRecords.count, template.records.count - 2, "rows not in the document stay blank")
        let filled = try XCTUnwrap(round.records.first { $0.itemLineageID == withOutput.itemLineageID })
        XCTAssertEqual(filled.progress, .completed)
        XCTAssertEqual(filled.narrative, "จัดอบรม ๒ รุ่น\nประเมินผล")
        let output = try XCTUnwrap(filled.indicators.first { $0.kind == .output })
        XCTAssertEqual(output.actualText, "ผู้เข้าอบรมพึงพอใจ ร้อยละ ๘๖")
        XCTAssertEqual(output.actualValue, 86, "a plainly stated percentage is the result")
        let copied = try XCTUnwrap(round.records.first { $0.itemLineageID == other.itemLineageID })
        XCTAssertNil(copied.indicators.first { $0.kind == .output && $0.measure != nil }?.actualValue,
                     "a target's wording repeated (ไม่น้อยกว่า…) is not read as a result")
        // A row matched to an item not due that year, or results that break a rule, refuse the whole round.
        assertRefused(.invalid, field: "results") {
            try self.decide(.openFromResults(year: self.year, kind: .twelveMonths, results: [UUID(): results[other.itemLineageID]!],
                                             progress: .completed, fileName: "x"), round: nil, expectedVersion: nil, context: self.context(plan))
        }
        // Not carried out needs a reason: the import gives "other", naming the row.
        let unable = try decide(.openFromResults(year: year, kind: .sixMonths, results: results, progress: .notCarriedOut, fileName: "x"),
                                round: nil, expectedVersion: nil, context: context(plan)).round
        let held = try XCTUnwrap(unable.records.first { $0.itemLineageID == other.itemLineageID })
        XCTAssertEqual(held.reason, .other)
        XCTAssertTrue(held.reasonText.contains("แถวที่ 2"))
        // The same rules as opening: not on a draft, not twice.
        assertRefused(.wrongState, field: "kind") {
            try self.decide(.openFromResults(year: self.year, kind: .sixMonths, results: results, progress: .completed, fileName: "x"),
                            round: nil, expectedVersion: nil, context: self.context(plan, rounds: [template]))
        }
    }
}
