import Foundation

/// ประเภทของรายการ — what a plan item is. Documents count all four as "โครงการ".
public enum PlanItemKind: String, CaseIterable, Sendable, Codable {
    /// โครงการ
    case project
    /// กิจกรรม
    case activity
    /// มาตรการ
    case measure
    /// แนวปฏิบัติ
    case guideline

    public var thaiName: String {
        switch self {
        case .project: "โครงการ"
        case .activity: "กิจกรรม"
        case .measure: "มาตรการ"
        case .guideline: "แนวปฏิบัติ"
        }
    }

    public var englishName: String {
        switch self {
        case .project: "Project"
        case .activity: "Activity"
        case .measure: "Measure"
        case .guideline: "Guideline"
        }
    }

    /// The kind is the first word of an item's name ("มาตรการ NO Gift Policy" → measure).
    /// Returns nil when the name starts with none of the four words.
    public static func recognize(fromName name: String) -> PlanItemKind? {
        let text = name.cleaned.drop(while: { "“\"'(".contains($0) })
        return allCases.first { text.hasPrefix($0.thaiName) }
    }
}

/// สถานะของแผน — where a plan revision stands in its life cycle.
public enum PlanStatus: String, CaseIterable, Sendable, Codable {
    /// ร่าง
    case draft
    /// เสนออนุมัติ
    case submitted
    /// อนุมัติแล้ว
    case approved
    /// เผยแพร่แล้ว
    case published

    public var thaiName: String {
        switch self {
        case .draft: "ร่าง"
        case .submitted: "เสนออนุมัติ"
        case .approved: "อนุมัติแล้ว"
        case .published: "เผยแพร่แล้ว"
        }
    }

    public var englishName: String {
        switch self {
        case .draft: "Draft"
        case .submitted: "Submitted for approval"
        case .approved: "Approved"
        case .published: "Published"
        }
    }
}

/// ภารกิจตามมิติ — a mission within a dimension, numbered "N.M"; may have sub-missions "N.M.K".
public struct Mission: Hashable, Sendable, Codable {
    /// "2.1"
    public var code: String
    public var name: String
    /// Sub-missions (ภารกิจย่อย), used as headings in Part 3.
    public var subMissions: [SubMission]
    /// Added by the organization rather than taken from the catalog.
    public var isCustom: Bool

    public init(code: String, name: String, subMissions: [SubMission] = [], isCustom: Bool = false) {
        self.code = code
        self.name = name
        self.subMissions = subMissions
        self.isCustom = isCustom
    }

    /// The dimension number a code like "2.1" or "2.1.3" belongs to.
    public static func dimensionNumber(ofCode code: String) -> Int? {
        code.split(separator: ".").first.flatMap { Int($0) }
    }
}

/// ภารกิจย่อย — "1.1.2 เสริมสร้างจิตสำนึกและค่านิยมความซื่อสัตย์สุจริต …"
public struct SubMission: Hashable, Sendable, Codable {
    public var code: String
    public var name: String

    public init(code: String, name: String) {
        self.code = code
        self.name = name
    }
}

/// มิติ — one of the four dimensions of the plan.
public struct Dimension: Hashable, Sendable, Codable {
    /// 1…4
    public var number: Int
    public var name: String
    public var missions: [Mission]

    public init(number: Int, name: String, missions: [Mission]) {
        self.number = number
        self.name = name
        self.missions = missions
    }
}

/// A step of วิธีดำเนินการ (method), with its own sub-steps.
public struct MethodStep: Hashable, Sendable, Codable {
    public var text: String
    public var subSteps: [MethodStep]

    public init(_ text: String, subSteps: [MethodStep] = []) {
        self.text = text
        self.subSteps = subSteps
    }
}

/// รายละเอียดโครงการ — the 9-field project sheet of Part 3. Field 1, the name, is the item's name.
public struct ProjectSheet: Hashable, Sendable, Codable {
    /// ลำดับที่ — the sheet's own number in Part 3, which is not the item's number in Part 2.
    public var sheetNumber: Int?
    /// 2 หลักการและเหตุผล
    public var rationale: String
    /// 3 วัตถุประสงค์
    public var objectives: [String]
    /// 4 กลุ่มเป้าหมาย
    public var targetGroup: String
    /// "จำนวน N คน" of the target group, when stated.
    public var targetHeadcount: Int?
    /// 5 วิธีดำเนินการ
    public var method: [MethodStep]
    /// 6 ระยะเวลาดำเนินการ, as written ("ปีงบประมาณ พ.ศ. 2566 – 2570", "ไตรมาสที่ 1 – 4").
    public var period: String
    /// 7 งบประมาณดำเนินการ, as written ("20,000 บาท", "ไม่ใช้งบประมาณ").
    public var budgetText: String
    /// 8 ผู้รับผิดชอบ
    public var responsible: String
    /// 9 ผลผลิต
    public var outputs: [String]
    /// 9 ผลลัพธ์
    public var outcomes: [String]
    /// พื้นที่ดำเนินการ, which some documents add.
    public var area: String?

    public init(
        sheetNumber: Int? = nil, rationale: String = "", objectives: [String] = [], targetGroup: String = "",
        targetHeadcount: Int? = nil, method: [MethodStep] = [], period: String = "", budgetText: String = "",
        responsible: String = "", outputs: [String] = [], outcomes: [String] = [], area: String? = nil
    ) {
        self.sheetNumber = sheetNumber
        self.rationale = rationale
        self.objectives = objectives
        self.targetGroup = targetGroup
        self.targetHeadcount = targetHeadcount
        self.method = method
        self.period = period
        self.budgetText = budgetText
        self.responsible = responsible
        self.outputs = outputs
        self.outcomes = outcomes
        self.area = area
    }
}

/// A โครงการ/กิจกรรม/มาตรการ/แนวปฏิบัติ of the plan (a row of the Part 2 table).
public struct PlanItem: Identifiable, Hashable, Sendable, Codable {
    /// This revision's row: every revision gives its items fresh ids.
    public var id: UUID
    /// สายรายการ — the item's identity across revisions: a new revision keeps it, a duplicate
    /// gets a new one. Monitoring records follow an item by its lineage, so its history stays
    /// with it when the plan is revised mid-period. A new item's lineage is its id.
    public var lineageID: UUID
    public var kind: PlanItemKind
    public var name: String
    /// The mission ("2.1") the item belongs to; nil while not yet placed.
    public var missionCode: String?
    /// The sub-mission ("2.1.1"), when known.
    public var subMissionCode: String?
    /// ลำดับ — the item's position in the plan; items are listed and numbered in this order.
    public var order: Int
    /// ผู้รับผิดชอบ — one of the organization's units, or the whole organization.
    public var responsibleUnit: String
    /// งบประมาณ per fiscal year; a year without an entry is not stated.
    public var budgets: [FiscalYear: BudgetEntry]
    /// หมายเหตุ
    public var remarks: String
    public var sheet: ProjectSheet?
    /// เดือนที่ดำเนินการ — the months the item runs in, each year (the older plans' month
    /// columns); empty when the plan does not schedule by month.
    public var months: MonthSchedule

    public init(
        id: UUID = UUID(), lineageID: UUID? = nil, kind: PlanItemKind, name: String, missionCode: String?, subMissionCode: String? = nil,
        order: Int, responsibleUnit: String = "", budgets: [FiscalYear: BudgetEntry] = [:],
        remarks: String = "", sheet: ProjectSheet? = nil, months: MonthSchedule = .none
    ) {
        self.id = id
        self.lineageID = lineageID ?? id
        self.kind = kind
        self.name = name
        self.missionCode = missionCode
        self.subMissionCode = subMissionCode
        self.order = order
        self.responsibleUnit = responsibleUnit
        self.budgets = budgets
        self.remarks = remarks
        self.sheet = sheet
        self.months = months
    }

    /// The dimension the item's mission belongs to.
    public var dimensionNumber: Int? { missionCode.flatMap(Mission.dimensionNumber(ofCode:)) }

    enum CodingKeys: String, CodingKey {
        case id, lineageID, kind, name, missionCode, subMissionCode, order, responsibleUnit, budgets, remarks, sheet, months
    }

    /// Budgets are a JSON object keyed by the fiscal year: `{"2566": 20000, "2567": "none"}`.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decodeIfPresent(UUID.self, forKey: .id) ?? UUID()
        lineageID = try c.decodeIfPresent(UUID.self, forKey: .lineageID) ?? id
        kind = try c.decode(PlanItemKind.self, forKey: .kind)
        name = try c.decode(String.self, forKey: .name)
        missionCode = try c.decodeIfPresent(String.self, forKey: .missionCode)
        subMissionCode = try c.decodeIfPresent(String.self, forKey: .subMissionCode)
        order = try c.decodeIfPresent(Int.self, forKey: .order) ?? 0
        responsibleUnit = try c.decodeIfPresent(String.self, forKey: .responsibleUnit) ?? ""
        remarks = try c.decodeIfPresent(String.self, forKey: .remarks) ?? ""
        sheet = try c.decodeIfPresent(ProjectSheet.self, forKey: .sheet)
        months = try c.decodeIfPresent(MonthSchedule.self, forKey: .months) ?? .none
        let raw = try c.decodeIfPresent([String: BudgetEntry].self, forKey: .budgets) ?? [:]
        var budgets: [FiscalYear: BudgetEntry] = [:]
        for (key, value) in raw {
            guard let year = Int(ThaiDigits.toArabic(key)) else {
                throw DecodingError.dataCorruptedError(
                    forKey: .budgets, in: c, debugDescription: "budget key “\(key)” is not a fiscal year such as 2568")
            }
            budgets[FiscalYear(year)] = value
        }
        self.budgets = budgets
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(lineageID, forKey: .lineageID)
        try c.encode(kind, forKey: .kind)
        try c.encode(name, forKey: .name)
        try c.encodeIfPresent(missionCode, forKey: .missionCode)
        try c.encodeIfPresent(subMissionCode, forKey: .subMissionCode)
        try c.encode(order, forKey: .order)
        try c.encode(responsibleUnit, forKey: .responsibleUnit)
        try c.encode(Dictionary(uniqueKeysWithValues: budgets.map { (String($0.key.be), $0.value) }), forKey: .budgets)
        try c.encode(remarks, forKey: .remarks)
        try c.encodeIfPresent(sheet, forKey: .sheet)
        try c.encode(months, forKey: .months)
    }
}

/// ระดับความเสี่ยง — the level of a corruption risk.
public enum RiskLevel: String, CaseIterable, Sendable, Codable, Comparable {
    case low, medium, high, veryHigh

    public var thaiName: String {
        switch self {
        case .low: "ต่ำ"
        case .medium: "ปานกลาง"
        case .high: "สูง"
        case .veryHigh: "สูงมาก"
        }
    }

    public var englishName: String {
        switch self {
        case .low: "Low"
        case .medium: "Medium"
        case .high: "High"
        case .veryHigh: "Very high"
        }
    }

    /// Reads "ต่ำ", "ปานกลาง", "สูง", "สูงมาก" (or the English names).
    public static func recognize(_ text: String) -> RiskLevel? {
        let t = text.filter { !$0.isWhitespace }.lowercased()
        if t == "สูงมาก" || t == "veryhigh" { return .veryHigh }
        return allCases.first { $0.thaiName == t || $0.englishName.lowercased() == t || $0.rawValue.lowercased() == t }
    }

    private var rank: Int { Self.allCases.firstIndex(of: self)! }
    public static func < (a: RiskLevel, b: RiskLevel) -> Bool { a.rank < b.rank }
}

/// ประเด็นความเสี่ยงการทุจริต — one risk issue of a work area, with its level.
public struct RiskIssue: Hashable, Sendable, Codable {
    public var text: String
    public var level: RiskLevel

    public init(_ text: String, level: RiskLevel) {
        self.text = text
        self.level = level
    }
}

/// A row of the corruption-risk assessment (การประเมินความเสี่ยงการทุจริต).
public struct RiskArea: Identifiable, Hashable, Sendable, Codable {
    public var id: UUID
    public var order: Int
    /// ขั้นตอนการดำเนินงาน — the work area, e.g. "การบริหารงานบุคคล".
    public var workArea: String
    public var issues: [RiskIssue]
    /// มาตรการควบคุมความเสี่ยงการทุจริต, as written.
    public var controlMeasures: [String]
    /// Plan items that carry out the control measures.
    public var linkedItemIDs: [UUID]

    public init(id: UUID = UUID(), order: Int, workArea: String, issues: [RiskIssue], controlMeasures: [String], linkedItemIDs: [UUID] = []) {
        self.id = id
        self.order = order
        self.workArea = workArea
        self.issues = issues
        self.controlMeasures = controlMeasures
        self.linkedItemIDs = linkedItemIDs
    }
}

extension RiskArea {
    enum CodingKeys: String, CodingKey { case id, order, workArea, issues, controlMeasures, linkedItemIDs }

    /// `id` and `order` may be left out of JSON (a new row gets a fresh id).
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            id: try c.decodeIfPresent(UUID.self, forKey: .id) ?? UUID(),
            order: try c.decodeIfPresent(Int.self, forKey: .order) ?? 0,
            workArea: try c.decode(String.self, forKey: .workArea),
            issues: try c.decodeIfPresent([RiskIssue].self, forKey: .issues) ?? [],
            controlMeasures: try c.decodeIfPresent([String].self, forKey: .controlMeasures) ?? [],
            linkedItemIDs: try c.decodeIfPresent([UUID].self, forKey: .linkedItemIDs) ?? [])
    }
}

/// ค่าเป้าหมาย — a yearly target: an indicator with one value per fiscal year.
public struct YearlyTarget: Identifiable, Hashable, Sendable, Codable {
    public var id: UUID
    public var order: Int
    /// "จำนวนคดีทุจริตลดลง (คำนวณจากปี 2565)"
    public var indicator: String
    /// "ร้อยละ", "คะแนน" …; written before the value when it is "ร้อยละ", after it otherwise.
    public var unit: String
    public var values: [FiscalYear: Decimal]

    public init(id: UUID = UUID(), order: Int, indicator: String, unit: String, values: [FiscalYear: Decimal]) {
        self.id = id
        self.order = order
        self.indicator = indicator
        self.unit = unit
        self.values = values
    }

    /// "ร้อยละ 10" or "65 คะแนน", as the documents write a target value.
    public func formattedValue(for year: FiscalYear, digits: DigitStyle = .arabic) -> String? {
        guard let value = values[year] else { return nil }
        let number = NSDecimalNumber(decimal: value).stringValue
        let text = unit.isEmpty ? number : (unit == "ร้อยละ" ? "ร้อยละ \(number)" : "\(number) \(unit)")
        return ThaiDigits.apply(digits, to: text)
    }

    enum CodingKeys: String, CodingKey { case id, order, indicator, unit, values }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decodeIfPresent(UUID.self, forKey: .id) ?? UUID()
        order = try c.decodeIfPresent(Int.self, forKey: .order) ?? 0
        indicator = try c.decode(String.self, forKey: .indicator)
        unit = try c.decodeIfPresent(String.self, forKey: .unit) ?? ""
        let raw = try c.decodeIfPresent([String: Decimal].self, forKey: .values) ?? [:]
        var values: [FiscalYear: Decimal] = [:]
        for (key, value) in raw {
            guard let year = Int(ThaiDigits.toArabic(key)) else {
                throw DecodingError.dataCorruptedError(forKey: .values, in: c, debugDescription: "target key “\(key)” is not a fiscal year")
            }
            values[FiscalYear(year)] = value
        }
        self.values = values
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(order, forKey: .order)
        try c.encode(indicator, forKey: .indicator)
        try c.encode(unit, forKey: .unit)
        try c.encode(Dictionary(uniqueKeysWithValues: values.map { (String($0.key.be), $0.value) }), forKey: .values)
    }
}

/// Front matter of the plan: คำนำ and Part 1's rationale, objectives and benefits.
public struct PlanFrontMatter: Hashable, Sendable, Codable {
    /// คำนำ
    public var foreword: String
    /// หลักการและเหตุผล
    public var rationale: String
    /// วัตถุประสงค์ของการจัดทำแผน
    public var objectives: [String]
    /// ประโยชน์ของการจัดทำแผน
    public var benefits: [String]

    public init(foreword: String = "", rationale: String = "", objectives: [String] = [], benefits: [String] = []) {
        self.foreword = foreword
        self.rationale = rationale
        self.objectives = objectives
        self.benefits = benefits
    }
}

/// แผนปฏิบัติการป้องกันการทุจริต — an organization's anti-corruption action plan (one revision of it).
public struct Plan: Identifiable, Hashable, Sendable, Codable {
    public var id: UUID
    public var organizationID: UUID
    public var title: String
    public var firstYear: FiscalYear
    public var lastYear: FiscalYear
    /// The catalog the structure came from ("2566-2570", "2561-2564"), or "custom".
    public var cycleID: String
    public var dimensions: [Dimension]
    public var items: [PlanItem]
    public var risks: [RiskArea]
    public var targets: [YearlyTarget]
    public var frontMatter: PlanFrontMatter
    public var status: PlanStatus
    /// ฉบับที่ — the revision number; a published plan that changes gets a new revision.
    public var revision: Int
    /// Optimistic-concurrency version: grows by one with every saved change.
    public var version: Int

    public init(
        id: UUID = UUID(), organizationID: UUID, title: String, firstYear: FiscalYear, lastYear: FiscalYear,
        cycleID: String, dimensions: [Dimension], items: [PlanItem] = [], risks: [RiskArea] = [],
        targets: [YearlyTarget] = [], frontMatter: PlanFrontMatter = PlanFrontMatter(),
        status: PlanStatus = .draft, revision: Int = 1, version: Int = 0
    ) {
        self.id = id
        self.organizationID = organizationID
        self.title = title
        self.firstYear = firstYear
        self.lastYear = lastYear
        self.cycleID = cycleID
        self.dimensions = dimensions
        self.items = items
        self.risks = risks
        self.targets = targets
        self.frontMatter = frontMatter
        self.status = status
        self.revision = revision
        self.version = version
    }

    /// Every fiscal year the plan covers, in order.
    public var fiscalYears: [FiscalYear] {
        guard firstYear <= lastYear else { return [] }
        return (firstYear.be...lastYear.be).map(FiscalYear.init)
    }

    /// "2566-2570" or "2568": the part of the public address that names the plan.
    public var yearSlug: String {
        firstYear == lastYear ? "\(firstYear.be)" : "\(firstYear.be)-\(lastYear.be)"
    }

    /// Items in plan order (by `order`, then by name for a stable result).
    public var orderedItems: [PlanItem] {
        items.sorted { ($0.order, $0.name) < ($1.order, $1.name) }
    }

    public func mission(code: String) -> Mission? {
        for dimension in dimensions {
            if let mission = dimension.missions.first(where: { $0.code == code }) { return mission }
        }
        return nil
    }

    public func dimension(number: Int) -> Dimension? {
        dimensions.first { $0.number == number }
    }

    /// The items of one mission, in plan order.
    public func items(inMission code: String) -> [PlanItem] {
        orderedItems.filter { $0.missionCode == code }
    }

    /// The Part 2 number of each item: 1, 2, 3 … continuously through the table, dimension by
    /// dimension and mission by mission, as the official table numbers them.
    public var itemNumbers: [UUID: Int] {
        var numbers: [UUID: Int] = [:]
        var next = 1
        for dimension in dimensions.sorted(by: { $0.number < $1.number }) {
            for mission in dimension.missions {
                for item in items(inMission: mission.code) {
                    numbers[item.id] = next
                    next += 1
                }
            }
        }
        for item in orderedItems where numbers[item.id] == nil {
            numbers[item.id] = next
            next += 1
        }
        return numbers
    }
}
