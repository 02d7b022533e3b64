import Foundation

// Every stored text is kept in Unicode NFC so that the same Thai word written with a different
// order of combining marks compares, sorts and searches the same.

extension MethodStep {
    public func normalized() -> MethodStep {
        MethodStep(text.cleaned, subSteps: subSteps.map { $0.normalized() })
    }
}

extension ProjectSheet {
    public func normalized() -> ProjectSheet {
        var sheet = self
        sheet.rationale = rationale.cleaned
        sheet.objectives = objectives.map(\.cleaned)
        sheet.targetGroup = targetGroup.cleaned
        sheet.method = method.map { $0.normalized() }
        sheet.period = period.cleaned
        sheet.budgetText = budgetText.cleaned
        sheet.responsible = responsible.cleaned
        sheet.outputs = outputs.map(\.cleaned)
        sheet.outcomes = outcomes.map(\.cleaned)
        sheet.area = area?.cleaned
        return sheet
    }
}

extension Plan {
    /// The plan with every text trimmed and in NFC.
    public func normalized() -> Plan {
        var plan = self
        plan.title = title.cleaned
        plan.dimensions = dimensions.map { dimension in
            var d = dimension
            d.name = dimension.name.cleaned
            d.missions = dimension.missions.map { mission in
                var m = mission
                m.code = mission.code.cleaned
                m.name = mission.name.cleaned
                m.subMissions = mission.subMissions.map { SubMission(code: $0.code.cleaned, name: $0.name.cleaned) }
                return m
            }
            return d
        }
        plan.items = items.map { item in
            var i = item
            i.name = item.name.cleaned
            i.missionCode = item.missionCode?.cleaned
            i.subMissionCode = item.subMissionCode?.cleaned
            i.responsibleUnit = item.responsibleUnit.cleaned
            i.remarks = item.remarks.cleaned
            i.sheet = item.sheet?.normalized()
            return i
        }
        plan.risks = risks.map { risk in
            var r = risk
            r.workArea = risk.workArea.cleaned
            r.issues = risk.issues.map { RiskIssue($0.text.cleaned, level: $0.level) }
            r.controlMeasures = risk.controlMeasures.map(\.cleaned)
            return r
        }
        plan.targets = targets.map { target in
            var t = target
            t.indicator = target.indicator.cleaned
            t.unit = target.unit.cleaned
            return t
        }
        plan.frontMatter = PlanFrontMatter(
            foreword: frontMatter.foreword.cleaned, rationale: frontMatter.rationale.cleaned,
            objectives: frontMatter.objectives.map(\.cleaned), benefits: frontMatter.benefits.map(\.cleaned))
        return plan
    }
}

extension Plan {
    /// A copy with a new id for the plan and for every item, risk row and target; links from
    /// risk rows follow their items. Used when a plan is copied (a new revision, an import, a
    /// template) so that no row id is shared between two plans.
    /// Items keep their `lineageID`, so a revision's items stay the same items.
    public func withFreshIDs(planID: UUID = UUID(), makeID: () -> UUID = UUID.init) -> Plan {
        var plan = self
        plan.id = planID
        var newItemIDs: [UUID: UUID] = [:]
        for index in plan.items.indices {
            let fresh = makeID()
            newItemIDs[plan.items[index].id] = fresh
            plan.items[index].id = fresh
        }
        for index in plan.risks.indices {
            plan.risks[index].id = makeID()
            plan.risks[index].linkedItemIDs = plan.risks[index].linkedItemIDs.compactMap { newItemIDs[$0] }
        }
        for index in plan.targets.indices {
            plan.targets[index].id = makeID()
        }
        return plan
    }
}
