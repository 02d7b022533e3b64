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

    public init(organizationID: UUID, planID: UUID, itemsByDimension: [Int: Int], budgetByDimensionYear: [Int: [Int: Int64]], standardMeasureIDs: Set<String>) {
        self.organizationID = organizationID
        self.planID = planID
        self.itemsByDimension = itemsByDimension
        self.budgetByDimensionYear = budgetByDimensionYear
        self.standardMeasureIDs = standardMeasureIDs
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

    public var area: String
    public var firstYear: Int
    public var lastYear: Int
    public var coverage: Coverage
    public var itemsPerDimension: [DimensionItems]
    public var budgetPerDimension: [DimensionBudget]
    /// Every standard measure with the number of plans using it, most used first.
    public var standardMeasures: [MeasureUse]

    /// A standard measure as the dashboard names it (the catalog lives in SujaritCatalog).
    public struct MeasureName: Sendable {
        public var id: String
        /// The name template, with the organization placeholder.
        public var name: String
        public init(id: String, name: String) { self.id = id; self.name = name }
    }

    public static func compute(area: String, firstYear: Int, lastYear: Int, organizations: [DashboardOrganization],
                               plans: [DashboardPlan], measures: [MeasureName]) -> OverseerDashboard {
        let byID = Dictionary(organizations.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let served = plans.filter { byID[$0.organizationID] != nil }
        let covered = Set(served.map(\.organizationID))
        let without = organizations.filter { !covered.contains($0.id) }
            .sorted { OrganizationSearch.sortKey($0.name) < OrganizationSearch.sortKey($1.name) }
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
        return OverseerDashboard(area: area, firstYear: firstYear, lastYear: lastYear, coverage: coverage,
                                 itemsPerDimension: items, budgetPerDimension: budgets, standardMeasures: measureUse)
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
