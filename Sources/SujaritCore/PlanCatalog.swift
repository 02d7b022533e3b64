import Foundation

/// The official structure of a plan cycle (รอบแผน): its four dimensions and their missions,
/// as the national template (สำนักงาน ป.ป.ช.) lays them out. Kept as data so that a new cycle is
/// a new entry, not new code.
public struct PlanTemplate: Identifiable, Hashable, Sendable {
    /// "2566-2570"
    public let id: String
    public let thaiName: String
    public let firstYear: FiscalYear
    public let lastYear: FiscalYear
    /// Whether the cycle plans by yearly budget (2566–2570) or by month (2561–2564).
    public let plansByMonth: Bool
    public let dimensions: [Dimension]

    public init(id: String, thaiName: String, firstYear: FiscalYear, lastYear: FiscalYear, plansByMonth: Bool, dimensions: [Dimension]) {
        self.id = id
        self.thaiName = thaiName
        self.firstYear = firstYear
        self.lastYear = lastYear
        self.plansByMonth = plansByMonth
        self.dimensions = dimensions
    }

    /// The plan title with the organization's name filled in, as the cover prints it.
    public func title(organizationName: String, first: FiscalYear? = nil, last: FiscalYear? = nil) -> String {
        let years = ThaiCalendar.yearRange(first ?? firstYear, last ?? lastYear)
        return "แผนปฏิบัติการป้องกันการทุจริตเพื่อยกระดับคุณธรรมและความโปร่งใส (พ.ศ. \(years)) ของ\(organizationName)"
    }
}
