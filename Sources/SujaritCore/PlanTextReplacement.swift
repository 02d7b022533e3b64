import Foundation

extension Plan {
    /// The plan with every occurrence of `old` replaced by `new` in the texts a reader sees:
    /// title, front matter, each item's name, responsible unit, remarks and project sheet,
    /// the risk table and the targets' indicators. Used when a plan imported from another
    /// organization's document becomes this organization's draft (its name in titles and
    /// text replaced in one step). Budgets, missions, ids and order are untouched.
    /// `old` empty, or equal to `new`, gives the plan unchanged.
    public func replacingText(_ old: String, with new: String) -> Plan {
        let old = old.cleaned, new = new.cleaned
        guard !old.isEmpty, old != new else { return self }
        func r(_ text: String) -> String { text.replacingOccurrences(of: old, with: new) }
        func steps(_ values: [MethodStep]) -> [MethodStep] {
            values.map { MethodStep(r($0.text), subSteps: steps($0.subSteps)) }
        }
        var plan = self
        plan.title = r(plan.title)
        plan.frontMatter.foreword = r(plan.frontMatter.foreword)
        plan.frontMatter.rationale = r(plan.frontMatter.rationale)
        plan.frontMatter.objectives = plan.frontMatter.objectives.map(r)
        plan.frontMatter.benefits = plan.frontMatter.benefits.map(r)
        for index in plan.items.indices {
            var item = plan.items[index]
            item.name = r(item.name)
            item.responsibleUnit = r(item.responsibleUnit)
            item.remarks = r(item.remarks)
            if var sheet = item.sheet {
                sheet.rationale = r(sheet.rationale)
                sheet.objectives = sheet.objectives.map(r)
                sheet.targetGroup = r(sheet.targetGroup)
                sheet.method = steps(sheet.method)
                sheet.period = r(sheet.period)
                sheet.budgetText = r(sheet.budgetText)
                sheet.responsible = r(sheet.responsible)
                sheet.outputs = sheet.outputs.map(r)
                sheet.outcomes = sheet.outcomes.map(r)
                sheet.area = sheet.area.map(r)
                item.sheet = sheet
            }
            plan.items[index] = item
        }
        for index in plan.risks.indices {
            plan.risks[index].workArea = r(plan.risks[index].workArea)
            plan.risks[index].issues = plan.risks[index].issues.map { RiskIssue(r($0.text), level: $0.level) }
            plan.risks[index].controlMeasures = plan.risks[index].controlMeasures.map(r)
        }
        for index in plan.targets.indices {
            plan.targets[index].indicator = r(plan.targets[index].indicator)
        }
        return plan
    }

    /// How many places `replacingText(old, with:)` would change (for the review page to say).
    public func occurrences(of text: String) -> Int {
        let text = text.cleaned
        guard !text.isEmpty else { return 0 }
        let marker = "\u{FFFC}"
        let replaced = replacingText(text, with: marker)
        func count(_ value: String) -> Int { value.components(separatedBy: marker).count - 1 }
        var total = count(replaced.title) + count(replaced.frontMatter.foreword) + count(replaced.frontMatter.rationale)
        total += (replaced.frontMatter.objectives + replaced.frontMatter.benefits).map(count).reduce(0, +)
        for item in replaced.items {
            total += count(item.name) + count(item.responsibleUnit) + count(item.remarks)
            if let sheet = item.sheet {
                func stepCount(_ steps: [MethodStep]) -> Int { steps.map { count($0.text) + stepCount($0.subSteps) }.reduce(0, +) }
                total += count(sheet.rationale) + count(sheet.targetGroup) + count(sheet.period) + count(sheet.budgetText) + count(sheet.responsible)
                total += (sheet.objectives + sheet.outputs + sheet.outcomes).map(count).reduce(0, +) + stepCount(sheet.method) + count(sheet.area ?? "")
            }
        }
        for risk in replaced.risks {
            total += count(risk.workArea) + risk.issues.map { count($0.text) }.reduce(0, +) + risk.controlMeasures.map(count).reduce(0, +)
        }
        total += replaced.targets.map { count($0.indicator) }.reduce(0, +)
        return total
    }
}
