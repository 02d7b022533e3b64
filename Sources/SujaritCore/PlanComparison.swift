import Foundation

/// เปรียบเทียบสองฉบับของแผน — what changed from one revision to another: items added,
/// removed and changed (which fields), and the budget of every fiscal year before and after.
///
/// A new revision gets fresh ids but keeps each item's `lineageID`, so items are matched by
/// lineage first (renamed or moved items stay the same item), then — for revisions from
/// documents or older data without lineage — by name (cleaned, spaces ignored), then the rest
/// one to one in plan order within the same mission; an item with no partner left shows as one
/// removed and one added.
public struct PlanComparison: Sendable {
    public enum Field: String, Sendable, CaseIterable {
        case name, kind, mission, subMission, budgets, remarks, responsible, sheet, months
    }

    public struct ItemChange: Sendable {
        public var old: PlanItem
        public var new: PlanItem
        public var fields: [Field]
        /// Years whose amount or "no budget" changed: (year, before, after).
        public var budgetChanges: [(year: FiscalYear, old: BudgetEntry?, new: BudgetEntry?)]
    }

    public struct YearTotal: Sendable, Hashable {
        public var year: FiscalYear
        public var old: Money
        public var new: Money
        public var difference: Money { Money(satang: new.satang - old.satang) }
    }

    public var added: [PlanItem] = []
    public var removed: [PlanItem] = []
    public var changed: [ItemChange] = []
    public var years: [YearTotal] = []
    public var titleChanged = false
    public var frontMatterChanged = false
    public var risksChanged = false
    public var targetsChanged = false

    public var total: YearTotal? {
        guard let first = years.first else { return nil }
        return YearTotal(year: first.year, old: years.map(\.old).reduce(.zero, +), new: years.map(\.new).reduce(.zero, +))
    }

    public var isEmpty: Bool {
        added.isEmpty && removed.isEmpty && changed.isEmpty && !titleChanged && !frontMatterChanged && !risksChanged && !targetsChanged
            && years.allSatisfy { $0.old == $0.new }
    }

    public init(from old: Plan, to new: Plan) {
        func key(_ name: String) -> String { name.cleaned.filter { !$0.isWhitespace } }
        var unmatchedNew = new.orderedItems
        var pairs: [(PlanItem, PlanItem)] = []
        var unmatchedOld: [PlanItem] = []
        var byName: [PlanItem] = []
        for item in old.orderedItems {
            if let index = unmatchedNew.firstIndex(where: { $0.lineageID == item.lineageID }) {
                pairs.append((item, unmatchedNew.remove(at: index)))
            } else {
                byName.append(item)
            }
        }
        for item in byName {
            if let index = unmatchedNew.firstIndex(where: { key($0.name) == key(item.name) }) {
                pairs.append((item, unmatchedNew.remove(at: index)))
            } else {
                unmatchedOld.append(item)
            }
        }
        // Renamed items: the remaining ones of the same mission, one to one in order.
        var stillOld: [PlanItem] = []
        for item in unmatchedOld {
            if let index = unmatchedNew.firstIndex(where: { $0.missionCode == item.missionCode && $0.kind == item.kind }) {
                pairs.append((item, unmatchedNew.remove(at: index)))
            } else {
                stillOld.append(item)
            }
        }
        removed = stillOld
        added = unmatchedNew
        let allYears = Array(Set(old.fiscalYears + new.fiscalYears)).sorted()
        for (before, after) in pairs {
            var fields: [Field] = []
            if before.name.cleaned != after.name.cleaned { fields.append(.name) }
            if before.kind != after.kind { fields.append(.kind) }
            if before.missionCode != after.missionCode { fields.append(.mission) }
            if before.subMissionCode != after.subMissionCode { fields.append(.subMission) }
            let budgetChanges = allYears.compactMap { year -> (year: FiscalYear, old: BudgetEntry?, new: BudgetEntry?)? in
                before.budgets[year] == after.budgets[year] ? nil : (year, before.budgets[year], after.budgets[year])
            }
            if !budgetChanges.isEmpty { fields.append(.budgets) }
            if before.remarks.cleaned != after.remarks.cleaned { fields.append(.remarks) }
            if before.responsibleUnit.cleaned != after.responsibleUnit.cleaned { fields.append(.responsible) }
            if before.sheet != after.sheet { fields.append(.sheet) }
            if before.months != after.months { fields.append(.months) }
            if !fields.isEmpty {
                changed.append(ItemChange(old: before, new: after, fields: fields, budgetChanges: budgetChanges))
            }
        }
        let oldSummary = PlanSummary(plan: old), newSummary = PlanSummary(plan: new)
        years = allYears.map { YearTotal(year: $0, old: oldSummary.budgetByYear[$0] ?? .zero, new: newSummary.budgetByYear[$0] ?? .zero) }
        titleChanged = old.title.cleaned != new.title.cleaned
        frontMatterChanged = old.frontMatter != new.frontMatter
        func risks(_ plan: Plan) -> [String] {
            plan.risks.sorted { $0.order < $1.order }.map { risk in
                ([risk.workArea] + risk.issues.map { "\($0.text)|\($0.level)" } + risk.controlMeasures).joined(separator: "\n")
            }
        }
        func targets(_ plan: Plan) -> [String] {
            plan.targets.sorted { $0.order < $1.order }.map { target in
                target.indicator + "|" + target.unit + "|" + target.values.sorted { $0.key < $1.key }.map { "\($0.key.be)=\($0.value)" }.joined(separator: ",")
            }
        }
        risksChanged = risks(old) != risks(new)
        targetsChanged = targets(old) != targets(new)
    }
}
