import Foundation

/// The counts and totals of a plan, computed from its items every time — never stored, never
/// typed in. (Real documents state these figures by hand and get them wrong.)
public struct PlanSummary: Hashable, Sendable, Codable {
    /// One dimension's line of the table: "รวม จำนวน N โครงการ" and a total per year.
    public struct DimensionTotal: Hashable, Sendable, Codable {
        public var number: Int
        public var name: String
        public var itemCount: Int
        /// Items per kind within the dimension.
        public var countByKind: [PlanItemKind: Int]
        public var budgetByYear: [FiscalYear: Money]
        public var total: Money

        enum CodingKeys: String, CodingKey { case number, name, itemCount, countByKind, budgetByYear, total }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(number, forKey: .number)
            try c.encode(name, forKey: .name)
            try c.encode(itemCount, forKey: .itemCount)
            try c.encode(Dictionary(uniqueKeysWithValues: countByKind.map { ($0.key.rawValue, $0.value) }), forKey: .countByKind)
            try c.encode(PlanSummary.yearKeyed(budgetByYear), forKey: .budgetByYear)
            try c.encode(total, forKey: .total)
        }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            number = try c.decode(Int.self, forKey: .number)
            name = try c.decode(String.self, forKey: .name)
            itemCount = try c.decode(Int.self, forKey: .itemCount)
            let kinds = try c.decode([String: Int].self, forKey: .countByKind)
            countByKind = Dictionary(uniqueKeysWithValues: kinds.compactMap { key, value in
                PlanItemKind(rawValue: key).map { ($0, value) }
            })
            budgetByYear = try PlanSummary.yearKeyed(c.decode([String: Money].self, forKey: .budgetByYear))
            total = try c.decode(Money.self, forKey: .total)
        }

        init(number: Int, name: String) {
            self.number = number
            self.name = name
            itemCount = 0
            countByKind = [:]
            budgetByYear = [:]
            total = .zero
        }
    }

    public var years: [FiscalYear]
    public var dimensions: [DimensionTotal]
    /// Items whose mission is missing or names no dimension of the plan.
    public var unplacedItemCount: Int
    /// รวมทั้งสิ้น — all items.
    public var itemCount: Int
    public var budgetByYear: [FiscalYear: Money]
    /// The whole plan's budget over all its years.
    public var total: Money
    /// Budget entries for years outside the plan; counted nowhere above, reported by the validator.
    public var budgetOutsidePlanYears: Money

    public init(plan: Plan) {
        years = plan.fiscalYears
        let yearSet = Set(years)
        var byNumber: [Int: DimensionTotal] = [:]
        for dimension in plan.dimensions {
            byNumber[dimension.number] = DimensionTotal(number: dimension.number, name: dimension.name)
        }
        unplacedItemCount = 0
        itemCount = 0
        budgetByYear = Dictionary(uniqueKeysWithValues: years.map { ($0, Money.zero) })
        total = .zero
        budgetOutsidePlanYears = .zero
        for number in byNumber.keys {
            byNumber[number]!.budgetByYear = budgetByYear
        }

        // The dimension each mission sits under (a custom mission's code need not match it).
        var dimensionOfMission: [String: Int] = [:]
        for dimension in plan.dimensions {
            for mission in dimension.missions { dimensionOfMission[mission.code] = dimension.number }
        }
        for item in plan.items {
            itemCount += 1
            let number = item.missionCode.flatMap { dimensionOfMission[$0] }
            if let number, byNumber[number] != nil {
                byNumber[number]!.itemCount += 1
                byNumber[number]!.countByKind[item.kind, default: 0] += 1
            } else {
                unplacedItemCount += 1
            }
            for (year, entry) in item.budgets {
                let amount = entry.countedAmount
                guard yearSet.contains(year) else {
                    budgetOutsidePlanYears += amount
                    continue
                }
                budgetByYear[year]! += amount
                total += amount
                if let number, byNumber[number] != nil {
                    byNumber[number]!.budgetByYear[year]! += amount
                    byNumber[number]!.total += amount
                }
            }
        }
        dimensions = byNumber.values.sorted { $0.number < $1.number }
    }

    public func dimension(_ number: Int) -> DimensionTotal? {
        dimensions.first { $0.number == number }
    }

    static func yearKeyed<V>(_ values: [FiscalYear: V]) -> [String: V] {
        Dictionary(uniqueKeysWithValues: values.map { (String($0.key.be), $0.value) })
    }

    static func yearKeyed<V>(_ values: [String: V]) throws -> [FiscalYear: V] {
        var result: [FiscalYear: V] = [:]
        for (key, value) in values {
            guard let year = Int(key) else { throw DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: "bad year \(key)")) }
            result[FiscalYear(year)] = value
        }
        return result
    }

    enum CodingKeys: String, CodingKey {
        case years, dimensions, unplacedItemCount, itemCount, budgetByYear, total, budgetOutsidePlanYears
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(years, forKey: .years)
        try c.encode(dimensions, forKey: .dimensions)
        try c.encode(unplacedItemCount, forKey: .unplacedItemCount)
        try c.encode(itemCount, forKey: .itemCount)
        try c.encode(Self.yearKeyed(budgetByYear), forKey: .budgetByYear)
        try c.encode(total, forKey: .total)
        try c.encode(budgetOutsidePlanYears, forKey: .budgetOutsidePlanYears)
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        years = try c.decode([FiscalYear].self, forKey: .years)
        dimensions = try c.decode([DimensionTotal].self, forKey: .dimensions)
        unplacedItemCount = try c.decode(Int.self, forKey: .unplacedItemCount)
        itemCount = try c.decode(Int.self, forKey: .itemCount)
        budgetByYear = try Self.yearKeyed(c.decode([String: Money].self, forKey: .budgetByYear))
        total = try c.decode(Money.self, forKey: .total)
        budgetOutsidePlanYears = try c.decode(Money.self, forKey: .budgetOutsidePlanYears)
    }
}
