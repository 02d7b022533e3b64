import Foundation

/// ผู้กำกับดูแล — what an overseer may read: one province, or the whole nation. Overseers read
/// published data only (no drafts, whatever their area), and only for their area.
public enum OverseerScope: Hashable, Sendable, Codable {
    case nation
    case province(String)

    public func covers(province: String) -> Bool {
        switch self {
        case .nation: true
        case .province(let own): own == province
        }
    }

    public var coversNation: Bool { self == .nation }
}

/// An organization as the dashboard counts it.
public struct DashboardOrganization: Hashable, Sendable, Codable {
    public var id: UUID
    public var slug: String
    public var name: String
    public var kind: OrganizationKind
    public var district: String
    public var province: String

    public init(id: UUID, slug: String, name: String, kind: OrganizationKind, district: String, province: String) {
        self.id = id
        self.slug = slug
        self.name = name
        self.kind = kind
        self.district = district
        self.province = province
    }
}

/// The figures of one organization's served plan (the latest published revision of the cycle).
public struct DashboardPlan: Hashable, Sendable, Codable {
    public var organizationID: UUID
    public var planID: UUID
    /// Items per dimension number (0: items placed in no mission).
    public var itemsByDimension: [Int: Int]
    /// Satang per dimension number per fiscal year (Buddhist Era).
    public var budgetByDimensionYear: [Int: [Int: Int64]]
    /// Ids of the standard measures the plan uses.
    public var standardMeasureIDs: Set<String>
    /// The plan series (all revisions of the plan): monitoring rounds belong to it.
    public var seriesID: UUID?

    public init(organizationID: UUID, planID: UUID, itemsByDimension: [Int: Int], budgetByDimensionYear: [Int: [Int: Int64]],
                standardMeasureIDs: Set<String>, seriesID: UUID? = nil) {
        self.organizationID = organizationID
        self.planID = planID
        self.itemsByDimension = itemsByDimension
        self.budgetByDimensionYear = budgetByDimensionYear
        self.standardMeasureIDs = standardMeasureIDs
        self.seriesID = seriesID
    }

    /// What is computed once when a revision is published and kept beside it (a published
    /// revision never changes): the dashboards read these instead of every item.
    public struct Figures: Hashable, Sendable, Codable {
        public var itemsByDimension: [Int: Int]
        public var budgetByDimensionYear: [Int: [Int: Int64]]
        public var standardMeasureIDs: [String]

        public init(itemsByDimension: [Int: Int], budgetByDimensionYear: [Int: [Int: Int64]], standardMeasureIDs: [String]) {
            self.itemsByDimension = itemsByDimension
            self.budgetByDimensionYear = budgetByDimensionYear
            self.standardMeasureIDs = standardMeasureIDs.sorted()
        }
    }

    public var figures: Figures {
        Figures(itemsByDimension: itemsByDimension, budgetByDimensionYear: budgetByDimensionYear, standardMeasureIDs: Array(standardMeasureIDs))
    }

    public init(organizationID: UUID, planID: UUID, seriesID: UUID?, figures: Figures) {
        self.init(organizationID: organizationID, planID: planID, itemsByDimension: figures.itemsByDimension,
                  budgetByDimensionYear: figures.budgetByDimensionYear, standardMeasureIDs: Set(figures.standardMeasureIDs), seriesID: seriesID)
    }

    /// The figures of a whole plan, with the standard measures found by name (`index` maps the
    /// measures' name templates, with `placeholder` for the organization, to their ids).
    public static func figures(of plan: Plan, organizationName: String, index: [String: String], placeholder: String) -> Figures {
        var figures = DashboardPlan(plan: plan).figures
        figures.standardMeasureIDs = Set(plan.items.compactMap {
            OverseerDashboard.measureID(itemName: $0.name, organizationName: organizationName, index: index, placeholder: placeholder)
        }).sorted()
        return figures
    }

    /// The dimension an item counts under: the first digit of its mission code ("2.3" → 2),
    /// 0 for an item without one. (The database groups by the same first character.)
    public static func dimension(ofMissionCode code: String?) -> Int {
        guard let first = code?.first else { return 0 }
        return Int(String(first)) ?? 0
    }

    /// The same figures computed from a whole plan (tests compare the two ways).
    public init(plan: Plan) {
        var items: [Int: Int] = [:]
        var budgets: [Int: [Int: Int64]] = [:]
        for item in plan.items {
            let dimension = Self.dimension(ofMissionCode: item.missionCode)
            items[dimension, default: 0] += 1
            for (year, entry) in item.budgets {
                if case .amount(let money) = entry { budgets[dimension, default: [:]][year.be, default: 0] += money.satang }
            }
        }
        self.init(organizationID: plan.organizationID, planID: plan.id, itemsByDimension: items, budgetByDimensionYear: budgets,
                  standardMeasureIDs: [])
    }
}

/// A monitoring round as the dashboard counts it: its status, when it was first submitted, and
/// for an approved round the sums of its records.
public struct DashboardRound: Hashable, Sendable, Codable {
    public var organizationID: UUID
    public var seriesID: UUID
    public var fiscalYear: Int
    public var kind: MonitoringRoundKind
    public var status: MonitoringRoundStatus
    /// When the round was first submitted (or approved, if an admin approved it straight from
    /// open), from the audit trail; nil if never.
    public var firstSubmittedAt: Date?
    /// Records of the round, those completed or in progress, and money planned and disbursed
    /// (counted for approved rounds only).
    public var items: Int
    public var carriedOut: Int
    public var plannedSatang: Int64
    public var disbursedSatang: Int64

    public init(organizationID: UUID, seriesID: UUID, fiscalYear: Int, kind: MonitoringRoundKind, status: MonitoringRoundStatus,
                firstSubmittedAt: Date?, items: Int = 0, carriedOut: Int = 0, plannedSatang: Int64 = 0, disbursedSatang: Int64 = 0) {
        self.organizationID = organizationID
        self.seriesID = seriesID
        self.fiscalYear = fiscalYear
        self.kind = kind
        self.status = status
        self.firstSubmittedAt = firstSubmittedAt
        self.items = items
        self.carriedOut = carriedOut
        self.plannedSatang = plannedSatang
        self.disbursedSatang = disbursedSatang
    }
}

/// Corruption complaints of one organization received in one month, by status now.
public struct DashboardComplaints: Hashable, Sendable, Codable {
    public var organizationID: UUID
    public var receivedOn: CalendarDay
    public var status: ComplaintStatus
    public var count: Int

    public init(organizationID: UUID, receivedOn: CalendarDay, status: ComplaintStatus, count: Int) {
        self.organizationID = organizationID
        self.receivedOn = receivedOn
        self.status = status
        self.count = count
    }
}

extension MonitoringSchedule {
    /// The day a round's report is due: the 6-month round (1 October – 31 March) by 30 April,
    /// the 12-month round (the whole fiscal year) by 31 October after it. A round counts as
    /// submitted on time when it was first submitted on or before that day (Thai time).
    public static func submissionDeadline(_ kind: MonitoringRoundKind, of year: FiscalYear) -> CalendarDay {
        let ce = ThaiCalendar.ce(fromBE: year.be)
        return kind == .sixMonths ? CalendarDay(year: ce, month: 4, day: 30) : CalendarDay(year: ce, month: 10, day: 31)
    }

    /// The first day of a round's period: 1 October before the fiscal year (both rounds start
    /// with the year; the 6-month round ends 31 March, the 12-month round 30 September).
    public static func periodStart(of year: FiscalYear) -> CalendarDay {
        CalendarDay(year: ThaiCalendar.ce(fromBE: year.be) - 1, month: 10, day: 1)
    }
}

/// The dashboard of an area (a province or the nation) for one plan cycle, from published data.
public struct OverseerDashboard: Sendable, Codable {
    public struct Coverage: Sendable, Codable {
        public var organizations: Int
        public var withPublishedPlan: Int
        public var withoutPublishedPlan: Int
        /// Those without, by name (the list an overseer follows up).
        public var without: [DashboardOrganization]
    }

    public struct DimensionItems: Sendable, Codable {
        public var dimension: Int
        public var plans: Int
        public var items: Int
        /// Median items in this dimension per plan (over plans in the area).
        public var medianPerPlan: Double
    }

    public struct DimensionBudget: Sendable, Codable {
        public var dimension: Int
        public var year: Int
        /// Baht, in satang.
        public var totalSatang: Int64
        public var byKind: [KindBudget]
    }

    public struct KindBudget: Sendable, Codable {
        public var kind: OrganizationKind
        public var plans: Int
        public var totalSatang: Int64
        /// Median per organization of that kind with a plan (satang).
        public var medianSatang: Int64
    }

    public struct MeasureUse: Sendable, Codable {
        public var measureID: String
        public var name: String
        public var organizations: Int
    }

    /// One kind of round of one fiscal year, over the organizations with a published plan.
    public struct RoundFigure: Sendable, Codable, Equatable {
        public var fiscalYear: Int
        public var kind: MonitoringRoundKind
        /// The day the report is due (`MonitoringSchedule.submissionDeadline`), ISO.
        public var deadline: String
        /// Organizations with a published plan covering the year: the rounds expected.
        public var expected: Int
        /// Rounds submitted at least once (whatever their status now).
        public var submitted: Int
        /// … first submitted on or before the deadline.
        public var submittedOnTime: Int
        public var approved: Int
        /// Records of the approved rounds, those completed or in progress, and the share.
        public var items: Int
        public var carriedOut: Int
        public var carriedOutPercent: Double?
        /// Money of the approved rounds' records: planned for the year, disbursed, the share.
        public var plannedSatang: Int64
        public var disbursedSatang: Int64
        public var disbursedPercent: Double?
    }

    /// Corruption complaints received in a fiscal year, by status now, with the public
    /// statistics' suppression: a count from 1 to 4 is published as "น้อยกว่า 5".
    public struct ComplaintFigure: Sendable, Codable, Equatable {
        public var fiscalYear: Int
        /// "" for the whole area; a province's name in the nation's rows by province.
        public var province: String
        public var received: PublishedCount
        public var concluded: PublishedCount
        public var inProgress: PublishedCount
        public var referred: PublishedCount
    }

    public var area: String
    public var firstYear: Int
    public var lastYear: Int
    public var coverage: Coverage
    public var itemsPerDimension: [DimensionItems]
    public var budgetPerDimension: [DimensionBudget]
    /// Every standard measure with the number of plans using it, most used first.
    public var standardMeasures: [MeasureUse]
    /// Monitoring rounds per fiscal year and kind, of the years begun by `today`.
    public var monitoring: [RoundFigure] = []
    /// Complaint counts per fiscal year of the cycle begun by `today` (and per province for the nation).
    public var complaints: [ComplaintFigure] = []

    /// A standard measure as the dashboard names it (the catalog lives in SujaritCatalog).
    public struct MeasureName: Sendable {
        public var id: String
        /// The name template, with the organization placeholder.
        public var name: String
        public init(id: String, name: String) { self.id = id; self.name = name }
    }

    /// `today` decides which fiscal years' rounds and complaints are shown (those begun);
    /// `byProvince` adds the complaint counts of each province (the nation's dashboard).
    public static func compute(area: String, firstYear: Int, lastYear: Int, organizations: [DashboardOrganization],
                               plans: [DashboardPlan], measures: [MeasureName], rounds: [DashboardRound] = [],
                               complaints: [DashboardComplaints] = [], today: CalendarDay = CalendarDay(Date()),
                               byProvince: Bool = false) -> OverseerDashboard {
        let byID = Dictionary(organizations.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let served = plans.filter { byID[$0.organizationID] != nil }
        let covered = Set(served.map(\.organizationID))
        // Sort keys computed once per organization (computing them inside the comparison made
        // the national dashboard take seconds).
        let without = organizations.filter { !covered.contains($0.id) }
            .map { ($0, OrganizationSearch.sortKey($0.name)) }
            .sorted { $0.1 < $1.1 }.map(\.0)
        let coverage = Coverage(organizations: organizations.count, withPublishedPlan: covered.count,
                                withoutPublishedPlan: without.count, without: without)

        let dimensions = Set(served.flatMap { $0.itemsByDimension.keys }).union(1...4).sorted()
        let items = dimensions.map { dimension -> DimensionItems in
            let counts = served.map { $0.itemsByDimension[dimension] ?? 0 }
            return DimensionItems(dimension: dimension, plans: served.count, items: counts.reduce(0, +), medianPerPlan: median(counts.map(Double.init)))
        }
        var budgets: [DimensionBudget] = []
        let years = firstYear <= lastYear ? Array(firstYear...lastYear) : []
        for dimension in dimensions {
            for year in years {
                let total = served.map { $0.budgetByDimensionYear[dimension]?[year] ?? 0 }.reduce(0, +)
                let kinds = OrganizationKind.allCases.compactMap { kind -> KindBudget? in
                    let amounts = served.filter { byID[$0.organizationID]?.kind == kind }
                        .map { $0.budgetByDimensionYear[dimension]?[year] ?? 0 }
                    guard !amounts.isEmpty else { return nil }
                    return KindBudget(kind: kind, plans: amounts.count, totalSatang: amounts.reduce(0, +),
                                      medianSatang: Int64(median(amounts.map(Double.init)).rounded()))
                }
                budgets.append(DimensionBudget(dimension: dimension, year: year, totalSatang: total, byKind: kinds))
            }
        }
        var uses: [String: Int] = [:]
        for plan in served { for id in plan.standardMeasureIDs { uses[id, default: 0] += 1 } }
        let measureUse = measures.map { MeasureUse(measureID: $0.id, name: $0.name, organizations: uses[$0.id] ?? 0) }
            .sorted { ($0.organizations, $1.measureID) > ($1.organizations, $0.measureID) }
        var dashboard = OverseerDashboard(area: area, firstYear: firstYear, lastYear: lastYear, coverage: coverage,
                                          itemsPerDimension: items, budgetPerDimension: budgets, standardMeasures: measureUse)
        let begun = years.filter { MonitoringSchedule.periodStart(of: FiscalYear($0)) <= today }
        dashboard.monitoring = monitoringFigures(years: begun, served: served, rounds: rounds)
        dashboard.complaints = complaintFigures(years: begun, organizations: byID, complaints: complaints, byProvince: byProvince)
        return dashboard
    }

    /// Rounds of the served plans' series only (a round of an older series of the same years,
    /// or of a plan not published, is not the area's plan being followed up).
    static func monitoringFigures(years: [Int], served: [DashboardPlan], rounds: [DashboardRound]) -> [RoundFigure] {
        let servedSeries = Set(served.compactMap(\.seriesID))
        var byKey: [String: [DashboardRound]] = [:]
        for round in rounds where servedSeries.contains(round.seriesID) {
            byKey["\(round.fiscalYear)-\(round.kind.rawValue)", default: []].append(round)
        }
        var figures: [RoundFigure] = []
        for year in years {
            // Every served plan is of the cycle, so each expects both rounds of every year.
            let expected = served.count
            for kind in MonitoringRoundKind.allCases {
                let deadline = MonitoringSchedule.submissionDeadline(kind, of: FiscalYear(year))
                let list = byKey["\(year)-\(kind.rawValue)"] ?? []
                let submitted = list.filter { $0.firstSubmittedAt != nil || $0.status != .open }
                let onTime = list.filter { $0.firstSubmittedAt.map { CalendarDay($0) <= deadline } ?? false }
                let approved = list.filter { $0.status == .approved }
                let items = approved.map(\.items).reduce(0, +)
                let carriedOut = approved.map(\.carriedOut).reduce(0, +)
                let planned = approved.map(\.plannedSatang).reduce(0, +)
                let disbursed = approved.map(\.disbursedSatang).reduce(0, +)
                figures.append(RoundFigure(
                    fiscalYear: year, kind: kind, deadline: deadline.iso, expected: expected, submitted: submitted.count,
                    submittedOnTime: onTime.count, approved: approved.count, items: items, carriedOut: carriedOut,
                    carriedOutPercent: items > 0 ? percent(Double(carriedOut), of: Double(items)) : nil,
                    plannedSatang: planned, disbursedSatang: disbursed,
                    disbursedPercent: planned > 0 ? percent(Double(disbursed), of: Double(planned)) : nil))
            }
        }
        return figures
    }

    static func percent(_ part: Double, of whole: Double) -> Double {
        (part * 10_000 / whole).rounded() / 100
    }

    static func complaintFigures(years: [Int], organizations: [UUID: DashboardOrganization], complaints: [DashboardComplaints],
                                 byProvince: Bool) -> [ComplaintFigure] {
        var counts: [String: [Int: ComplaintStatistics.Counts]] = [:]
        for entry in complaints {
            guard let organization = organizations[entry.organizationID] else { continue }
            let year = entry.receivedOn.fiscalYear.be
            var groups = [""]
            if byProvince { groups.append(organization.province) }
            for group in groups {
                for _ in 0..<entry.count { counts[group, default: [:]][year, default: ComplaintStatistics.Counts()].add(entry.status) }
            }
        }
        func published(_ count: Int) -> PublishedCount { ComplaintStatistics.published(count, fine: true) }
        var figures: [ComplaintFigure] = []
        let provinces = byProvince ? Set(organizations.values.map(\.province)).map { ($0, OrganizationSearch.sortKey($0)) }.sorted { $0.1 < $1.1 }.map(\.0) : []
        let groups = [""] + provinces
        for group in groups {
            for year in years {
                let c = counts[group]?[year] ?? ComplaintStatistics.Counts()
                figures.append(ComplaintFigure(fiscalYear: year, province: group, received: published(c.received), concluded: published(c.concluded),
                                               inProgress: published(c.inProgress), referred: published(c.referred)))
            }
        }
        return figures
    }

    static func median(_ values: [Double]) -> Double {
        guard !values.isEmpty else { return 0 }
        let sorted = values.sorted()
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }

    /// Which standard measure an item is, from its name: the measure's template with the
    /// organization's name put back as `placeholder`. `index` maps templates to measure ids.
    public static func measureIndex(_ measures: [MeasureName]) -> [String: String] {
        Dictionary(measures.map { ($0.name, $0.id) }, uniquingKeysWith: { first, _ in first })
    }

    public static func measureID(itemName: String, organizationName: String, index: [String: String], placeholder: String) -> String? {
        if let id = index[itemName] { return id }
        guard !organizationName.isEmpty, itemName.contains(organizationName) else { return nil }
        return index[itemName.replacingOccurrences(of: organizationName, with: placeholder)]
    }
}
