import Foundation
import XCTest
@testable import SujaritCore

final class ComplaintWorkflowTests: XCTestCase {
    let officer = UUID(), other = UUID()

    func makeCase(_ status: ComplaintStatus = .received) -> ComplaintCase {
        let day = CalendarDay(year: 2025, month: 1, day: 6)
        return ComplaintCase(organizationID: UUID(), status: status, receivedOn: day, dueOn: ComplaintDeadlinePolicy.standard.due(receivedOn: day),
                             acknowledgeBy: ComplaintDeadlinePolicy.standard.acknowledgeBy(receivedOn: day))
    }

    func testHappyPath() throws {
        var current = makeCase()
        for command in [ComplaintCommand.acknowledge, .startScreening, .startInvestigation, .conclude(.substantiated), .close] {
            current = try ComplaintWorkflow.decide(command, on: current, by: .officer(officer))
        }
        XCTAssertEqual(current.status, .closed)
        XCTAssertEqual(current.outcome, .substantiated)
        XCTAssertEqual(current.version, 6)
    }

    func testReferral() throws {
        var current = makeCase(.screening)
        XCTAssertThrowsError(try ComplaintWorkflow.decide(.refer(.other, name: "  "), on: current, by: .officer(officer))) {
            XCTAssertEqual(($0 as? ComplaintRuleError)?.kind, .invalid)
        }
        current = try ComplaintWorkflow.decide(.refer(.nacc, name: "สำนักงาน ป.ป.ช. ประจำจังหวัดขอนแก่น"), on: current, by: .officer(officer))
        XCTAssertEqual(current.status, .referred)
        XCTAssertEqual(current.referredTo, .nacc)
        XCTAssertTrue(current.publicStatus.contains("ขอนแก่น"))
        current = try ComplaintWorkflow.decide(.close, on: current, by: .officer(officer))
        XCTAssertEqual(current.status, .closed)
    }

    func testEveryDisallowedTransitionIsRefused() {
        let commands: [(ComplaintCommand, ComplaintStatus)] = [
            (.acknowledge, .acknowledged), (.startScreening, .screening), (.startInvestigation, .investigating),
            (.refer(.pacc, name: ""), .referred), (.conclude(.unsubstantiated), .concluded), (.close, .closed),
        ]
        for from in ComplaintStatus.allCases {
            for (command, target) in commands {
                let allowed = ComplaintWorkflow.next(from: from).contains(target)
                let result = try? ComplaintWorkflow.decide(command, on: makeCase(from), by: .officer(officer))
                XCTAssertEqual(result != nil, allowed, "\(from) -> \(target)")
            }
        }
        XCTAssertEqual(ComplaintWorkflow.next(from: .closed), [])
    }

    func testReporterMayOnlyAddInformation() throws {
        XCTAssertNoThrow(try ComplaintWorkflow.decide(.reporterMessage, on: makeCase(.investigating), by: .reporter))
        for command in [ComplaintCommand.acknowledge, .note, .reply, .close, .recuse, .assign(nil)] {
            XCTAssertThrowsError(try ComplaintWorkflow.decide(command, on: makeCase(), by: .reporter)) {
                XCTAssertEqual(($0 as? ComplaintRuleError)?.kind, .notAllowed)
            }
        }
        XCTAssertThrowsError(try ComplaintWorkflow.decide(.reporterMessage, on: makeCase(.closed), by: .reporter))
        XCTAssertThrowsError(try ComplaintWorkflow.decide(.reporterMessage, on: makeCase(), by: .officer(officer)))
    }

    func testRecusedOfficerIsExcluded() throws {
        var current = try ComplaintWorkflow.decide(.assign(officer), on: makeCase(), by: .officer(other))
        current = try ComplaintWorkflow.decide(.recuse, on: current, by: .officer(officer))
        XCTAssertTrue(current.recused.contains(officer))
        XCTAssertNil(current.assignedTo)
        XCTAssertFalse(ComplaintWorkflow.mayView(current, officer: officer))
        XCTAssertTrue(ComplaintWorkflow.mayView(current, officer: other))
        for command in [ComplaintCommand.acknowledge, .note, .reply, .assign(officer)] {
            XCTAssertThrowsError(try ComplaintWorkflow.decide(command, on: current, by: .officer(officer)))
        }
        XCTAssertThrowsError(try ComplaintWorkflow.decide(.assign(officer), on: current, by: .officer(other)))
        XCTAssertNoThrow(try ComplaintWorkflow.decide(.acknowledge, on: current, by: .officer(other)))
    }
}

final class ComplaintDeadlineTests: XCTestCase {
    func testCalendarDays() {
        // Friday 3 January 2025 + 15 calendar days = Saturday 18 January.
        let friday = CalendarDay(year: 2025, month: 1, day: 3)
        XCTAssertEqual(friday.weekday, 6)
        XCTAssertEqual(ComplaintDeadlinePolicy.standard.due(receivedOn: friday), CalendarDay(year: 2025, month: 1, day: 18))
        // Across a month and a year end.
        XCTAssertEqual(ComplaintDeadlinePolicy.standard.due(receivedOn: CalendarDay(year: 2024, month: 12, day: 25)),
                       CalendarDay(year: 2025, month: 1, day: 9))
    }

    func testWorkingDaysSkipWeekends() {
        let policy = ComplaintDeadlinePolicy(days: 15, workingDaysOnly: true)
        // Friday 3 Jan 2025: Mon 6 … Fri 10 (5), 13–17 (10), 20–24 (15) → Friday 24 January.
        XCTAssertEqual(policy.due(receivedOn: CalendarDay(year: 2025, month: 1, day: 3)), CalendarDay(year: 2025, month: 1, day: 24))
        // Received on a Saturday: counting starts Monday.
        XCTAssertEqual(ComplaintDeadlinePolicy(days: 1, workingDaysOnly: true).due(receivedOn: CalendarDay(year: 2025, month: 1, day: 4)),
                       CalendarDay(year: 2025, month: 1, day: 6))
        // A due date never falls on a weekend.
        var day = CalendarDay(year: 2025, month: 1, day: 1)
        for _ in 0..<60 {
            XCTAssertFalse(policy.due(receivedOn: day).isWeekend)
            day = day.adding(days: 1)
        }
    }

    func testOverdue() {
        let received = CalendarDay(year: 2025, month: 1, day: 3)
        var current = ComplaintCase(organizationID: UUID(), receivedOn: received, dueOn: ComplaintDeadlinePolicy.standard.due(receivedOn: received),
                                    acknowledgeBy: ComplaintDeadlinePolicy.standard.acknowledgeBy(receivedOn: received))
        XCTAssertFalse(current.isOverdue(today: CalendarDay(year: 2025, month: 1, day: 18)))
        XCTAssertTrue(current.isOverdue(today: CalendarDay(year: 2025, month: 1, day: 19)))
        current.status = .referred
        XCTAssertFalse(current.isOverdue(today: CalendarDay(year: 2025, month: 2, day: 19)))
    }

    func testCalendarDay() {
        XCTAssertEqual(CalendarDay(iso: "2025-01-03"), CalendarDay(year: 2025, month: 1, day: 3))
        XCTAssertNil(CalendarDay(iso: "2025-13-03"))
        XCTAssertEqual(CalendarDay(year: 2024, month: 10, day: 1).fiscalYear, FiscalYear(2568))
        XCTAssertEqual(CalendarDay(year: 2024, month: 9, day: 30).fiscalYear, FiscalYear(2567))
        // 23:30 UTC on 31 Dec is already 1 January in Thailand.
        XCTAssertEqual(CalendarDay(Date(timeIntervalSince1970: 1_735_687_800)), CalendarDay(year: 2025, month: 1, day: 1))
    }
}

final class ComplaintStatisticsTests: XCTestCase {
    func testCountsAndSuppression() {
        var cases: [(receivedOn: CalendarDay, status: ComplaintStatus)] = []
        // October 2024 (FY 2568): 6 cases; November: 2; March 2025: 1 referred; one case of FY 2567.
        for _ in 0..<6 { cases.append((CalendarDay(year: 2024, month: 10, day: 3), .closed)) }
        cases.append((CalendarDay(year: 2024, month: 11, day: 3), .investigating))
        cases.append((CalendarDay(year: 2024, month: 11, day: 9), .received))
        cases.append((CalendarDay(year: 2025, month: 3, day: 31), .referred))
        cases.append((CalendarDay(year: 2024, month: 9, day: 30), .closed))
        let stats = ComplaintStatistics(fiscalYear: FiscalYear(2568), cases: cases)
        XCTAssertEqual(stats.year.received, 9)
        XCTAssertEqual(stats.year.concluded, 6)
        XCTAssertEqual(stats.year.inProgress, 2)
        XCTAssertEqual(stats.year.referred, 1)
        XCTAssertEqual(stats.months.count, 12)
        XCTAssertEqual(stats.months[0].thaiName, "ตุลาคม 2567")
        XCTAssertEqual(stats.months[0].counts.received, 6)
        XCTAssertEqual(stats.months[1].counts.received, 2)
        XCTAssertEqual(stats.months[5].counts.referred, 1)
        XCTAssertEqual(stats.quarters[0].counts.received, 8)
        XCTAssertEqual(stats.quarters[1].counts.received, 1)
        XCTAssertEqual(stats.halves[0].counts.received, 9)
        XCTAssertEqual(stats.halves[1].counts.received, 0)

        XCTAssertEqual(ComplaintStatistics.published(2, fine: true), .fewerThanFive)
        XCTAssertEqual(ComplaintStatistics.published(2, fine: true).description, "น้อยกว่า 5")
        XCTAssertEqual(ComplaintStatistics.published(2, fine: false), .exact(2))
        XCTAssertEqual(ComplaintStatistics.published(4, fine: true), .fewerThanFive)
        XCTAssertEqual(ComplaintStatistics.published(5, fine: true), .exact(5))
        XCTAssertEqual(ComplaintStatistics.published(0, fine: true), .exact(0))
        let json = String(decoding: try! JSONEncoder().encode([PublishedCount.exact(3), .fewerThanFive]), as: UTF8.self)
        XCTAssertEqual(json, "[3,\"น้อยกว่า 5\"]")
    }

    func testNoComplaints() {
        let stats = ComplaintStatistics(fiscalYear: FiscalYear(2568), cases: [])
        XCTAssertEqual(stats.year.received, 0)
        XCTAssertEqual(ComplaintStatistics.noComplaintsText, "ไม่มีเรื่องร้องเรียนในช่วงเวลานี้")
    }
}

/// Who holds a case's keys, and what copies a case needs when that changes.
final class ComplaintKeyPlanTests: XCTestCase {
    let a = UUID(), b = UUID(), c = UUID()
    let caseID = UUID()

    func person(_ id: UUID, _ key: String) -> CaseKeyPlan.Recipient { .init(kind: .officer, id: id, publicKey: key) }
    func copy(_ key: CaseKeyKind, _ recipient: KeyRecipientKind, _ id: UUID?, _ publicKey: String) -> WrappedCaseKey {
        WrappedCaseKey(caseID: caseID, key: key, recipient: recipient, recipientID: id, recipientKey: publicKey, wrapped: "w")
    }

    func testHoldersAreTheOfficersOrTheOutsideBodyNeverTheRecused() {
        let day = CalendarDay(year: 2025, month: 1, day: 6)
        var complaint = ComplaintCase(organizationID: UUID(), receivedOn: day, dueOn: day, acknowledgeBy: day)
        XCTAssertEqual(ComplaintWorkflow.keyHolders(of: complaint, officers: [a, b], overseers: [c]), [a, b])
        complaint.recused = [b]
        XCTAssertEqual(ComplaintWorkflow.keyHolders(of: complaint, officers: [a, b], overseers: [c]), [a])
        complaint.concernsExecutive = true
        XCTAssertEqual(ComplaintWorkflow.keyHolders(of: complaint, officers: [a, b], overseers: [c]), [c],
                       "a case about the executive goes past the organization's officers")
    }

    func testANewOfficerGetsCopiesAndTheServerLetsGo() {
        let existing = [copy(.caseKey, .server, nil, ""), copy(.replyKey, .server, nil, ""), copy(.replyKey, .reporter, nil, "R")]
        let plan = CaseKeyPlan.plan(existing: existing, people: [person(a, "A")], recovery: nil)
        XCTAssertEqual(plan.add.map { "\($0.0.rawValue)-\($0.1.publicKey)" }, ["case-A", "reply-A"])
        XCTAssertEqual(Set(plan.remove.map(\.recipient)), [.server], "once a person holds the keys the server's copies go")
        XCTAssertEqual(plan.remove.count, 2)
    }

    func testTheServerKeepsTheReplyKeyUntilTheReporterHasOne() {
        let existing = [copy(.caseKey, .officer, a, "A"), copy(.replyKey, .officer, a, "A"), copy(.replyKey, .server, nil, "")]
        XCTAssertTrue(CaseKeyPlan.plan(existing: existing, people: [person(a, "A")], recovery: nil).isEmpty)
        let withReporter = existing + [copy(.replyKey, .reporter, nil, "R")]
        XCTAssertEqual(CaseKeyPlan.plan(existing: withReporter, people: [person(a, "A")], recovery: nil).remove.map(\.recipient), [.server])
    }

    func testNobodyEligibleKeepsTheServerCopy() {
        let existing = [copy(.caseKey, .server, nil, ""), copy(.replyKey, .server, nil, "")]
        XCTAssertTrue(CaseKeyPlan.plan(existing: existing, people: [], recovery: nil).isEmpty)
    }

    func testFormerHoldersNewKeyPairsAndRetiredRecoveryKeys() {
        let recoveryOld = UUID(), recoveryNew = UUID()
        let existing = [copy(.caseKey, .officer, a, "A-old"), copy(.caseKey, .officer, b, "B"), copy(.caseKey, .recovery, recoveryOld, "R1")]
        let plan = CaseKeyPlan.plan(existing: existing, people: [person(a, "A-new")],
                                    recovery: .init(kind: .recovery, id: recoveryNew, publicKey: "R2"))
        XCTAssertEqual(Set(plan.remove.map(\.recipientKey)), ["A-old", "B", "R1"], "stale pair, no longer a holder, retired recovery key")
        XCTAssertEqual(plan.add.filter { $0.0 == .caseKey }.map(\.1.publicKey), ["A-new", "R2"])
    }
}
