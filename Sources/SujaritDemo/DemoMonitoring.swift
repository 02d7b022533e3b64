import Foundation
import SujaritCore

/// The demo's monitoring: a filled 6-month round of fiscal year 2568 for the demo plan, so that a
/// new user sees the dashboard and the reports at once. Only inputs are made here; the demo
/// loader puts them through `MonitoringWorkflow.decide` like any officer's form.
public enum DemoMonitoring {
    public static let fiscalYear = FiscalYear(2568)
    public static let kind = MonitoringRoundKind.sixMonths

    /// What an officer would have typed for a record: most items done or under way, one held up
    /// by missing staff, one below its target; money within budget; dates within October–March.
    public static func input(for record: MonitoringRecord) -> MonitoringRecordInput {
        let n = record.itemNumber
        let progress: ItemProgress
        switch n % 7 {
        case 3: progress = .inProgress
        case 5: progress = n == 5 ? .notCarriedOut : .notStarted
        default: progress = .completed
        }
        let start = ThaiCalendar.start(of: fiscalYear)
        let day: TimeInterval = 24 * 3600
        let first = start.addingTimeInterval(Double(30 + (n * 11) % 120) * day)
        let last = first.addingTimeInterval(Double(n % 3) * day)
        let planned = record.plannedBudget
        // Ordinance as planned; completed items spent 90 %, those under way 40 %.
        let disbursed: Money? = planned.map { amount in
            switch progress {
            case .completed: Money(satang: amount.satang * 9 / 10)
            case .inProgress: Money(satang: amount.satang * 4 / 10)
            default: .zero
            }
        }
        let actuals = record.indicators.enumerated().map { index, indicator -> MonitoringRecordInput.IndicatorInput in
            guard progress == .completed || progress == .inProgress else { return .init(text: "ยังไม่มีผล") }
            guard let measure = indicator.measure else {
                return .init(text: "ดำเนินการตามแผน ผู้เข้าร่วมให้ความร่วมมือดี")
            }
            // Item 8's first indicator falls short; every other one is met.
            var value = measure.value
            if n == 8 && index == 0 {
                value = max(0, measure.value - 10)
            } else if measure.comparator == .atLeast || measure.comparator == .moreThan {
                value = measure.isPercentage ? min(100, measure.value + 6) : measure.value + 1
            } else if measure.comparator == .lessThan {
                value = max(0, measure.value - 1)
            }
            return .init(value: value, text: "")
        }
        let done = progress == .completed || progress == .inProgress
        // An item not finished although its planned months end within the round is late and
        // needs a reason (`MonitoringRound.isLate`).
        let roundEnd = ThaiCalendar.lastDay(of: kind, in: fiscalYear).addingTimeInterval(day)
        let late = (progress == .inProgress || progress == .notStarted)
            && MonitoringSchedule.dueBy(months: record.plannedMonths, in: fiscalYear) <= roundEnd
        let reason: ShortfallReason? = progress == .notCarriedOut ? .notEnoughStaff : (late ? .waitingForProcurement : nil)
        return MonitoringRecordInput(
            progress: progress,
            reason: reason,
            reasonText: progress == .notCarriedOut ? "เจ้าหน้าที่ผู้รับผิดชอบย้ายไปปฏิบัติงานที่อื่น อยู่ระหว่างสรรหาผู้แทน"
                : (late ? "รอผลการจัดซื้อจัดจ้างวัสดุอุปกรณ์ เลื่อนไปดำเนินการในไตรมาสถัดไป" : ""),
            ordinanceBudget: planned, committed: done ? disbursed : nil, disbursed: disbursed,
            startDate: done ? first : nil, endDate: progress == .completed ? last : nil,
            participants: done ? (n % 2 == 0 ? 60 : 45) : nil, actuals: actuals,
            narrative: done ? "ดำเนินการตามขั้นตอนที่กำหนดในแผน" : "",
            problems: n == 8 ? "ผู้เข้าร่วมบางส่วนติดภารกิจในวันจัดกิจกรรม" : "",
            obstacles: "", suggestions: n == 8 ? "จัดกิจกรรมซ้ำสำหรับผู้ที่ไม่ได้เข้าร่วม" : "")
    }
}
