import Foundation

/// Why an edit to a plan was refused: the field it concerns and a message in Thai and English.
public struct PlanEditError: Error, Equatable, Sendable {
    /// A path into the plan, e.g. "items[<id>].missionCode", or a form field name.
    public var field: String
    public var message: LocalizedText
    /// The edit names a row (item, risk, target) that the plan does not have: "not found",
    /// not "invalid".
    public var isMissing: Bool

    public init(field: String, _ message: LocalizedText, isMissing: Bool = false) {
        self.field = field
        self.message = message
        self.isMissing = isMissing
    }
}

/// แก้ไขแผน — the edits an officer makes to a draft plan, as pure functions on `Plan`.
/// Each either returns the changed plan or throws `PlanEditError`; nothing is half-applied.
/// Storage, permissions and versions are the caller's business.
public enum PlanEditing {
    // MARK: Items

    /// Adds an item at the end of its mission (or at the end of the plan when it has none).
    public static func addItem(_ item: PlanItem, to plan: Plan) throws -> Plan {
        var plan = plan
        var item = item
        guard !plan.items.contains(where: { $0.id == item.id }) else {
            throw PlanEditError(field: "id", LocalizedText(th: "รหัสรายการซ้ำกับรายการที่มีอยู่", en: "An item with this id already exists"))
        }
        try checkMission(item.missionCode, in: plan)
        try checkBudgets(item.budgets, in: plan, field: "budgets")
        item.order = (plan.items.map(\.order).max() ?? 0) + 1
        // A new item starts its own lineage unless it carries one no other item of the plan has.
        if plan.items.contains(where: { $0.lineageID == item.lineageID }) { item.lineageID = item.id }
        plan.items.append(item)
        return renumbered(plan, placing: item.id, inMission: item.missionCode, at: nil)
    }

    /// Replaces an item's fields (keeping its place unless its mission changed, in which case it
    /// goes to the end of the new mission).
    public static func updateItem(_ item: PlanItem, in plan: Plan) throws -> Plan {
        var plan = plan
        guard let index = plan.items.firstIndex(where: { $0.id == item.id }) else { throw itemNotFound }
        try checkMission(item.missionCode, in: plan)
        try checkBudgets(item.budgets, in: plan, field: "budgets")
        let missionChanged = plan.items[index].missionCode != item.missionCode
        var updated = item
        updated.order = plan.items[index].order
        // The lineage is the item's identity across revisions: an edit never changes it.
        updated.lineageID = plan.items[index].lineageID
        plan.items[index] = updated
        return missionChanged ? renumbered(plan, placing: item.id, inMission: item.missionCode, at: nil) : plan
    }

    public static func deleteItem(_ id: UUID, from plan: Plan) throws -> Plan {
        var plan = plan
        guard plan.items.contains(where: { $0.id == id }) else { throw itemNotFound }
        plan.items.removeAll { $0.id == id }
        for index in plan.risks.indices { plan.risks[index].linkedItemIDs.removeAll { $0 == id } }
        return renumbered(plan, placing: nil, inMission: nil, at: nil)
    }

    /// A copy of an item placed right after it, named "… (สำเนา)".
    public static func duplicateItem(_ id: UUID, in plan: Plan, newID: UUID = UUID()) throws -> (Plan, UUID) {
        guard let original = plan.items.first(where: { $0.id == id }) else { throw itemNotFound }
        var copy = original
        copy.id = newID
        copy.lineageID = newID
        copy.name = original.name + " (สำเนา)"
        var plan = plan
        plan.items.append(copy)
        let position = plan.items(inMission: original.missionCode ?? "").firstIndex { $0.id == id }.map { $0 + 1 }
        return (renumbered(plan, placing: newID, inMission: original.missionCode, at: position), newID)
    }

    /// Moves an item to a mission (of this plan) at a position within it (0-based; nil = last).
    public static func moveItem(_ id: UUID, toMission missionCode: String, position: Int?, in plan: Plan) throws -> Plan {
        guard var item = plan.items.first(where: { $0.id == id }) else { throw itemNotFound }
        guard plan.mission(code: missionCode) != nil else {
            throw PlanEditError(field: "missionCode", LocalizedText(
                th: "ไม่พบภารกิจ \(missionCode) ในแผนนี้ ย้ายได้เฉพาะภายในแผนเดียวกัน",
                en: "Mission \(missionCode) is not in this plan; items move only within their plan"))
        }
        var plan = plan
        if item.missionCode != missionCode {
            item.missionCode = missionCode
            if let sub = item.subMissionCode, !(plan.mission(code: missionCode)?.subMissions.contains { $0.code == sub } ?? false) {
                item.subMissionCode = nil
            }
            plan.items[plan.items.firstIndex { $0.id == id }!] = item
        }
        return renumbered(plan, placing: id, inMission: missionCode, at: position)
    }

    /// Moves an item one place up (-1) or down (+1) within its mission.
    public static func shiftItem(_ id: UUID, by offset: Int, in plan: Plan) throws -> Plan {
        guard let item = plan.items.first(where: { $0.id == id }) else { throw itemNotFound }
        let siblings = plan.items(inMission: item.missionCode ?? "")
        guard let current = siblings.firstIndex(where: { $0.id == id }) else { return plan }
        let target = max(0, min(siblings.count - 1, current + offset))
        return renumbered(plan, placing: id, inMission: item.missionCode, at: target)
    }

    public static func setBudgets(_ budgets: [FiscalYear: BudgetEntry], ofItem id: UUID, in plan: Plan) throws -> Plan {
        var plan = plan
        guard let index = plan.items.firstIndex(where: { $0.id == id }) else { throw itemNotFound }
        try checkBudgets(budgets, in: plan, field: "budgets")
        plan.items[index].budgets = budgets
        return plan
    }

    public static func setSheet(_ sheet: ProjectSheet?, ofItem id: UUID, in plan: Plan) throws -> Plan {
        var plan = plan
        guard let index = plan.items.firstIndex(where: { $0.id == id }) else { throw itemNotFound }
        plan.items[index].sheet = sheet
        return plan
    }

    // MARK: Risks, targets, front matter

    public static func upsertRisk(_ risk: RiskArea, in plan: Plan) throws -> Plan {
        var plan = plan
        let known = Set(plan.items.map(\.id))
        guard risk.linkedItemIDs.allSatisfy(known.contains) else {
            throw PlanEditError(field: "linkedItemIDs", LocalizedText(th: "เลือกได้เฉพาะรายการในแผนนี้", en: "Only items of this plan can be linked"))
        }
        guard !risk.workArea.cleaned.isEmpty else {
            throw PlanEditError(field: "workArea", LocalizedText(th: "กรุณาระบุขั้นตอนการดำเนินงาน", en: "Enter the work area"))
        }
        upsert(risk, into: &plan.risks)
        return plan
    }

    /// Changes an existing risk row; refuses an id that is not one of the plan's rows.
    public static func updateRisk(_ risk: RiskArea, in plan: Plan) throws -> Plan {
        guard plan.risks.contains(where: { $0.id == risk.id }) else {
            throw PlanEditError(field: "riskID", LocalizedText(th: "ไม่พบแถวความเสี่ยงนี้", en: "No such risk row"), isMissing: true)
        }
        return try upsertRisk(risk, in: plan)
    }

    public static func deleteRisk(_ id: UUID, from plan: Plan) throws -> Plan {
        guard plan.risks.contains(where: { $0.id == id }) else {
            throw PlanEditError(field: "id", LocalizedText(th: "ไม่พบแถวความเสี่ยงนี้", en: "No such risk row"), isMissing: true)
        }
        var plan = plan
        plan.risks.removeAll { $0.id == id }
        return plan
    }

    public static func upsertTarget(_ target: YearlyTarget, in plan: Plan) throws -> Plan {
        var plan = plan
        guard !target.indicator.cleaned.isEmpty else {
            throw PlanEditError(field: "indicator", LocalizedText(th: "กรุณาระบุตัวชี้วัด", en: "Enter the indicator"))
        }
        let years = Set(plan.fiscalYears)
        if let outside = target.values.keys.sorted().first(where: { !years.contains($0) }) {
            throw PlanEditError(field: "values.\(outside.be)", LocalizedText(
                th: "ปี \(outside.be) อยู่นอกช่วงปีของแผน", en: "\(outside.be) is outside the plan's years"))
        }
        upsert(target, into: &plan.targets)
        return plan
    }

    /// Changes an existing target; refuses an id that is not one of the plan's targets.
    public static func updateTarget(_ target: YearlyTarget, in plan: Plan) throws -> Plan {
        guard plan.targets.contains(where: { $0.id == target.id }) else {
            throw PlanEditError(field: "targetID", LocalizedText(th: "ไม่พบค่าเป้าหมายนี้", en: "No such target"), isMissing: true)
        }
        return try upsertTarget(target, in: plan)
    }

    public static func deleteTarget(_ id: UUID, from plan: Plan) throws -> Plan {
        guard plan.targets.contains(where: { $0.id == id }) else {
            throw PlanEditError(field: "id", LocalizedText(th: "ไม่พบค่าเป้าหมายนี้", en: "No such target"), isMissing: true)
        }
        var plan = plan
        plan.targets.removeAll { $0.id == id }
        return plan
    }

    public static func setFrontMatter(_ frontMatter: PlanFrontMatter, title: String?, in plan: Plan) throws -> Plan {
        var plan = plan
        if let title {
            guard !title.cleaned.isEmpty else {
                throw PlanEditError(field: "title", LocalizedText(th: "กรุณาระบุชื่อแผน", en: "Enter the plan's title"))
            }
            plan.title = title
        }
        plan.frontMatter = frontMatter
        return plan
    }

    /// Adds a custom mission (ภารกิจที่องค์กรเพิ่มเอง) to a dimension, numbered after the last one.
    public static func addCustomMission(name: String, toDimension number: Int, in plan: Plan) throws -> (Plan, String) {
        guard let index = plan.dimensions.firstIndex(where: { $0.number == number }) else {
            throw PlanEditError(field: "dimension", LocalizedText(th: "ไม่พบมิติที่ \(number)", en: "No dimension \(number)"))
        }
        guard !name.cleaned.isEmpty else {
            throw PlanEditError(field: "name", LocalizedText(th: "กรุณาระบุชื่อภารกิจ", en: "Enter the mission's name"))
        }
        var plan = plan
        let used = plan.dimensions[index].missions.compactMap { Int($0.code.split(separator: ".").last ?? "") }
        let code = "\(number).\((used.max() ?? 0) + 1)"
        plan.dimensions[index].missions.append(Mission(code: code, name: name, isCustom: true))
        return (plan, code)
    }

    // MARK: Helpers

    /// Replaces the row with the same id (keeping its place) or appends it after the last one.
    static func upsert<Row: OrderedPlanRow>(_ row: Row, into rows: inout [Row]) {
        var row = row
        if let index = rows.firstIndex(where: { $0.id == row.id }) {
            row.order = rows[index].order
            rows[index] = row
        } else {
            row.order = (rows.map(\.order).max() ?? 0) + 1
            rows.append(row)
        }
    }

    static let itemNotFound = PlanEditError(field: "item", LocalizedText(th: "ไม่พบรายการนี้ในแผน", en: "No such item in this plan"), isMissing: true)

    static func checkMission(_ code: String?, in plan: Plan) throws {
        guard let code, !code.isEmpty else { return }
        guard plan.mission(code: code) != nil else {
            throw PlanEditError(field: "missionCode", LocalizedText(
                th: "ไม่พบภารกิจ \(code) ในแผนนี้", en: "Mission \(code) is not in this plan"))
        }
    }

    static func checkBudgets(_ budgets: [FiscalYear: BudgetEntry], in plan: Plan, field: String) throws {
        let years = Set(plan.fiscalYears)
        for (year, entry) in budgets.sorted(by: { $0.key < $1.key }) {
            guard years.contains(year) else {
                throw PlanEditError(field: "\(field).\(year.be)", LocalizedText(
                    th: "ปี \(year.be) อยู่นอกช่วงปีของแผน (\(ThaiCalendar.yearRange(plan.firstYear, plan.lastYear)))",
                    en: "\(year.be) is outside the plan's years (\(plan.firstYear.be)–\(plan.lastYear.be))"))
            }
            let amount = entry.countedAmount
            guard !amount.isNegative else {
                throw PlanEditError(field: "\(field).\(year.be)", Money.ParseError.negative.message)
            }
            guard amount <= Money.maximum else {
                throw PlanEditError(field: "\(field).\(year.be)", Money.ParseError.tooLarge.message)
            }
        }
    }

    /// Gives every item a fresh `order` so that the plan reads mission by mission, optionally
    /// putting one item at a position within its mission.
    static func renumbered(_ plan: Plan, placing id: UUID?, inMission missionCode: String?, at position: Int?) -> Plan {
        var plan = plan
        var sequence: [UUID] = []
        let moving = id.flatMap { id in plan.items.first { $0.id == id } }
        for dimension in plan.dimensions.sorted(by: { $0.number < $1.number }) {
            for mission in dimension.missions {
                var ids = plan.items(inMission: mission.code).map(\.id).filter { $0 != id }
                if let moving, moving.missionCode == mission.code {
                    ids.insert(moving.id, at: min(max(position ?? ids.count, 0), ids.count))
                }
                sequence += ids
            }
        }
        // Items without a (known) mission keep their relative order at the end.
        let placed = Set(sequence)
        sequence += plan.orderedItems.map(\.id).filter { !placed.contains($0) }
        let rank = Dictionary(uniqueKeysWithValues: sequence.enumerated().map { ($1, $0 + 1) })
        for index in plan.items.indices { plan.items[index].order = rank[plan.items[index].id] ?? index + 1 }
        plan.items.sort { $0.order < $1.order }
        return plan
    }
}

/// ขั้นตอนการอนุมัติ — what may happen to a plan revision, and who may do it.
public enum PlanAction: String, CaseIterable, Sendable, Codable {
    /// เสนออนุมัติ: draft → submitted (editor)
    case submit
    /// ถอนเรื่อง/ส่งกลับแก้ไข: submitted → draft (editor withdraws, admin returns)
    case returnToDraft
    /// อนุมัติ: submitted → approved (admin, who stands for the executive)
    case approve
    /// เผยแพร่: approved → published (admin)
    case publish

    public var thaiName: String {
        switch self {
        case .submit: "เสนออนุมัติ"
        case .returnToDraft: "ส่งกลับเป็นร่าง"
        case .approve: "อนุมัติ"
        case .publish: "เผยแพร่"
        }
    }

    public var englishName: String {
        switch self {
        case .submit: "Submit for approval"
        case .returnToDraft: "Return to draft"
        case .approve: "Approve"
        case .publish: "Publish"
        }
    }

    public var from: PlanStatus {
        switch self {
        case .submit: .draft
        case .returnToDraft: .submitted
        case .approve: .submitted
        case .publish: .approved
        }
    }

    public var to: PlanStatus {
        switch self {
        case .submit: .submitted
        case .returnToDraft: .draft
        case .approve: .approved
        case .publish: .published
        }
    }

    /// Whether only the organization's admin may take this step (otherwise an editor may).
    public var needsAdmin: Bool { self == .approve || self == .publish }

    /// The actions open from a status.
    public static func available(from status: PlanStatus) -> [PlanAction] {
        allCases.filter { $0.from == status }
    }

    /// Applies the step, or says why it cannot be taken. Submitting needs a plan without
    /// error-severity findings.
    public func apply(to plan: Plan) throws -> Plan {
        guard plan.status == from else {
            throw PlanEditError(field: "action", LocalizedText(
                th: "แผนฉบับนี้อยู่ในสถานะ “\(plan.status.thaiName)” จึง\(thaiName)ไม่ได้",
                en: "The plan is \(plan.status.englishName.lowercased()); it cannot be “\(englishName.lowercased())”"))
        }
        if self == .submit {
            let errors = PlanValidator.validate(plan).filter { $0.severity == .error }
            guard errors.isEmpty else {
                throw PlanEditError(field: "action", LocalizedText(
                    th: "ยังเสนออนุมัติไม่ได้: แผนมีข้อผิดพลาด \(errors.count) รายการ กรุณาแก้ไขก่อน",
                    en: "Cannot submit yet: the plan has \(errors.count) error(s) to fix first"))
            }
        }
        var plan = plan
        plan.status = to
        return plan
    }
}

/// A row of a plan table that has an id and a place in its table (risk rows, targets).
protocol OrderedPlanRow {
    var id: UUID { get }
    var order: Int { get set }
}

extension RiskArea: OrderedPlanRow {}
extension YearlyTarget: OrderedPlanRow {}
