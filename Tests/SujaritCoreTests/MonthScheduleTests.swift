import Foundation
@testable import SujaritCore
import XCTest

/// `MonthSchedule`: the months of a fiscal year in which an item runs.
final class MonthScheduleCoreTests: XCTestCase {
    func testMonthsAreListedInFiscalOrder() throws {
        let schedule = try MonthSchedule(months: [3, 10, 12, 11, 3])
        XCTAssertEqual(schedule.months, [10, 11, 12, 3])
        XCTAssertEqual(schedule.count, 4)
        XCTAssertTrue(schedule.contains(12))
        XCTAssertFalse(schedule.contains(1))
        XCTAssertFalse(schedule.contains(13))
        XCTAssertEqual(MonthSchedule.wholeYear.months, MonthSchedule.fiscalOrder)
    }

    func testTextJoinsRunsOfMonthsOverTheNewYear() throws {
        XCTAssertEqual(try MonthSchedule(months: [10, 11, 12, 1, 4]).text(), "ต.ค. – ม.ค., เม.ย.")
        XCTAssertEqual(try MonthSchedule(months: [9, 10]).text(thai: false), "Oct, Sep", "September ends the fiscal year; October begins it")
        XCTAssertEqual(MonthSchedule.wholeYear.text(), "ต.ค. – ก.ย.")
        XCTAssertEqual(MonthSchedule.none.text(), "")
        XCTAssertEqual(try MonthSchedule(months: [6]).localizedText, LocalizedText(th: "มิ.ย.", en: "Jun"))
    }

    func testValuesThatAreNoMonthAreRefused() {
        for bad in [0, 13, -1] {
            XCTAssertThrowsError(try MonthSchedule(months: [1, bad])) { error in
                XCTAssertEqual((error as? MonthScheduleError)?.value, String(bad))
                XCTAssertFalse((error as? MonthScheduleError)?.message.th.isEmpty ?? true)
            }
        }
        XCTAssertNil(MonthSchedule(mask: 1 << 12))
        XCTAssertNil(MonthSchedule(mask: -1))
        XCTAssertEqual(MonthSchedule(mask: 0b1000_0000_0001)?.months, [12, 1])
    }

    func testJSONIsAnArrayOfMonthsAndRefusesOthers() throws {
        let item = PlanItem(kind: .project, name: "โครงการทดสอบ", missionCode: "1.1", order: 1, months: try MonthSchedule(months: [11, 10]))
        let data = try JSONEncoder().encode(item)
        XCTAssertTrue(String(decoding: data, as: UTF8.self).contains("\"months\":[10,11]"))
        XCTAssertEqual(try JSONDecoder().decode(PlanItem.self, from: data).months.months, [10, 11])
        // Older JSON without the field: no schedule.
        let old = #"{"kind":"project","name":"ก","order":1}"#
        XCTAssertTrue(try JSONDecoder().decode(PlanItem.self, from: Data(old.utf8)).months.isEmpty)
        let bad = #"{"kind":"project","name":"ก","order":1,"months":[10,14]}"#
        XCTAssertThrowsError(try JSONDecoder().decode(PlanItem.self, from: Data(bad.utf8))) { error in
            XCTAssertTrue("\(error)".contains("14 is not a month"), "\(error)")
        }
    }

    func testComparisonNamesAChangedSchedule() throws {
        let before = PlanItem(kind: .project, name: "โครงการ", missionCode: "1.1", order: 1)
        var after = before
        after.months = try MonthSchedule(months: [1])
        var old = Plan(organizationID: UUID(), title: "แผน", firstYear: FiscalYear(2562), lastYear: FiscalYear(2562), cycleID: "2561-2564", dimensions: [])
        old.items = [before]
        var new = old
        new.items = [after]
        XCTAssertEqual(PlanComparison(from: old, to: new).changed.first?.fields, [.months])
    }
}
