import Foundation
import SujaritCore
import SujaritTestSupport
import XCTest

final class ThaiCalendarTests: XCTestCase {
    private let utc = TimeZone(identifier: "UTC")!

    func testBuddhistEraIsChristianEraPlus543() {
        XCTAssertEqual(ThaiCalendar.be(fromCE: 2024), 2567)
        XCTAssertEqual(ThaiCalendar.ce(fromBE: 2568), 2025)
        XCTAssertEqual(FiscalYear(2568).ce, 2025)
        for ce in [1957, 2000, 2023, 2027, 2157] {
            XCTAssertEqual(ThaiCalendar.ce(fromBE: ThaiCalendar.be(fromCE: ce)), ce)
        }
    }

    func testFiscalYearTurnsAtMidnightOnFirstOctoberBangkokTime() {
        // FY 2568 = 1 Oct 2567 (2024) – 30 Sep 2568 (2025).
        XCTAssertEqual(ThaiCalendar.fiscalYear(of: Fixtures.date(2024, 9, 30, 23, 59, 59)), FiscalYear(2567))
        XCTAssertEqual(ThaiCalendar.fiscalYear(of: Fixtures.date(2024, 10, 1, 0, 0, 0)), FiscalYear(2568))
        XCTAssertEqual(ThaiCalendar.fiscalYear(of: Fixtures.date(2025, 9, 30, 23, 59, 59)), FiscalYear(2568))
        XCTAssertEqual(ThaiCalendar.fiscalYear(of: Fixtures.date(2025, 1, 1, 0, 0, 0)), FiscalYear(2568))
    }

    func testUTCMomentIsReadInBangkokTime() {
        // 30 Sep 17:30 UTC is 1 Oct 00:30 in Bangkok (UTC+7): already the new fiscal year and quarter 1.
        let moment = Fixtures.date(2024, 9, 30, 17, 30, timeZone: utc)
        XCTAssertEqual(ThaiCalendar.fiscalYear(of: moment), FiscalYear(2568))
        XCTAssertEqual(ThaiCalendar.quarter(of: moment), FiscalQuarter(fiscalYear: FiscalYear(2568), number: 1))
        XCTAssertEqual(ThaiCalendar.thaiDate(moment), "1 ตุลาคม 2567")
        // 16:59 UTC is still 23:59 on 30 September in Bangkok.
        let before = Fixtures.date(2024, 9, 30, 16, 59, timeZone: utc)
        XCTAssertEqual(ThaiCalendar.fiscalYear(of: before), FiscalYear(2567))
        XCTAssertEqual(ThaiCalendar.quarter(of: before).number, 4)
    }

    func testQuarterOfEveryMonth() {
        // ไตรมาสที่ 1 = Oct–Dec (of the previous calendar year), 2 = Jan–Mar, 3 = Apr–Jun, 4 = Jul–Sep.
        let expected: [(year: Int, month: Int, quarter: Int)] = [
            (2024, 10, 1), (2024, 11, 1), (2024, 12, 1),
            (2025, 1, 2), (2025, 2, 2), (2025, 3, 2),
            (2025, 4, 3), (2025, 5, 3), (2025, 6, 3),
            (2025, 7, 4), (2025, 8, 4), (2025, 9, 4),
        ]
        for (year, month, number) in expected {
            for day in [1, 15, 28] {
                let quarter = ThaiCalendar.quarter(of: Fixtures.date(year, month, day))
                XCTAssertEqual(quarter.number, number, "\(year)-\(month)-\(day)")
                XCTAssertEqual(quarter.fiscalYear, FiscalYear(2568), "\(year)-\(month)-\(day): every month here is in FY 2568")
            }
        }
        // Quarter boundaries at midnight.
        XCTAssertEqual(ThaiCalendar.quarter(of: Fixtures.date(2024, 12, 31, 23, 59)).number, 1)
        XCTAssertEqual(ThaiCalendar.quarter(of: Fixtures.date(2025, 1, 1, 0, 0)).number, 2)
        XCTAssertEqual(ThaiCalendar.quarter(of: Fixtures.date(2025, 6, 30, 23, 59)).number, 3)
        XCTAssertEqual(ThaiCalendar.quarter(of: Fixtures.date(2025, 7, 1, 0, 0)).number, 4)
    }

    func testMonitoringRound() {
        // The 6-month round covers October to the end of March.
        XCTAssertEqual(ThaiCalendar.monitoringRound(of: Fixtures.date(2024, 10, 1, 0, 0)), .sixMonths)
        XCTAssertEqual(ThaiCalendar.monitoringRound(of: Fixtures.date(2025, 3, 31, 23, 59)), .sixMonths)
        XCTAssertEqual(ThaiCalendar.monitoringRound(of: Fixtures.date(2025, 4, 1, 0, 0)), .twelveMonths)
        XCTAssertEqual(ThaiCalendar.monitoringRound(of: Fixtures.date(2025, 9, 30, 23, 59)), .twelveMonths)
        XCTAssertEqual(MonitoringRoundKind.sixMonths.thaiName, "รอบ 6 เดือน")
        XCTAssertEqual(MonitoringRoundKind.twelveMonths.thaiName, "รอบ 12 เดือน")
    }

    func testStartAndEndOfFiscalYear() {
        let year = FiscalYear(2568)
        let start = ThaiCalendar.start(of: year)
        let end = ThaiCalendar.end(of: year)
        XCTAssertEqual(start, Fixtures.date(2024, 10, 1, 0, 0, 0))
        XCTAssertEqual(end, Fixtures.date(2025, 10, 1, 0, 0, 0))
        // In UTC the year starts at 17:00 on 30 September.
        XCTAssertEqual(start, Fixtures.date(2024, 9, 30, 17, 0, 0, timeZone: utc))
        XCTAssertEqual(ThaiCalendar.fiscalYear(of: start), year)
        XCTAssertEqual(ThaiCalendar.fiscalYear(of: end.addingTimeInterval(-1)), year)
        XCTAssertEqual(ThaiCalendar.fiscalYear(of: end), FiscalYear(2569))
        XCTAssertEqual(ThaiCalendar.fiscalYear(of: start.addingTimeInterval(-1)), FiscalYear(2567))
        XCTAssertEqual(ThaiCalendar.end(of: FiscalYear(2567)), ThaiCalendar.start(of: year), "fiscal years are contiguous")
        XCTAssertEqual(ThaiCalendar.lastDay(of: .sixMonths, in: year), Fixtures.date(2025, 3, 31, 0, 0))
        XCTAssertEqual(ThaiCalendar.lastDay(of: .twelveMonths, in: year), Fixtures.date(2025, 9, 30, 0, 0))
    }

    func testThaiDateFormatting() {
        let date = Fixtures.date(2025, 3, 31, 9, 0)
        XCTAssertEqual(ThaiCalendar.thaiDate(date), "31 มีนาคม 2568")
        XCTAssertEqual(ThaiCalendar.thaiDate(date, short: true), "31 มี.ค. 2568")
        XCTAssertEqual(ThaiCalendar.thaiDate(date, digits: .thai), "๓๑ มีนาคม ๒๕๖๘")
        XCTAssertEqual(ThaiCalendar.thaiDate(Fixtures.date(2024, 12, 5), short: true), "5 ธ.ค. 2567")
        XCTAssertEqual(ThaiCalendar.thaiDate(Fixtures.date(2025, 1, 1, 0, 0)), "1 มกราคม 2568")
    }

    func testYearRange() {
        XCTAssertEqual(ThaiCalendar.yearRange(FiscalYear(2566), FiscalYear(2570)), "2566 – 2570")
        XCTAssertEqual(ThaiCalendar.yearRange(FiscalYear(2568), FiscalYear(2568)), "2568")
        XCTAssertEqual(ThaiCalendar.yearRange(FiscalYear(2566), FiscalYear(2570), digits: .thai), "๒๕๖๖ – ๒๕๗๐")
    }

    func testFiscalYearCodesAsPlainNumber() throws {
        let data = try JSONEncoder().encode([FiscalYear(2568)])
        XCTAssertEqual(String(decoding: data, as: UTF8.self), "[2568]")
        XCTAssertEqual(try JSONDecoder().decode([FiscalYear].self, from: data), [FiscalYear(2568)])
        XCTAssertLessThan(FiscalYear(2566), FiscalYear(2570))
    }
}
