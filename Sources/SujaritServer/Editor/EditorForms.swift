import Foundation
import Vapor
import SujaritCore

/// What a person typed into a form, kept as text so that a form that fails validation comes
/// back exactly as it was typed, with a message beside each field that is wrong.
struct FormErrors {
    private(set) var messages: [String: LocalizedText] = [:]

    mutating func add(_ field: String, _ message: LocalizedText) {
        if messages[field] == nil { messages[field] = message }
    }

    var isEmpty: Bool { messages.isEmpty }
    subscript(field: String) -> LocalizedText? { messages[field] }
}

/// Splits a textarea into its non-empty lines, each trimmed and in NFC; list markers typed by
/// habit ("1)", "๑.", "-", "•") are removed.
func listLines(_ text: String?) -> [String] {
    (text ?? "").components(separatedBy: .newlines).map(stripListMarker).filter { !$0.isEmpty }
}

func stripListMarker(_ line: String) -> String {
    var text = Substring(line.cleaned)
    for marker in ["-", "•", "*", "–"] where text.hasPrefix(marker) {
        text = text.dropFirst(marker.count)
    }
    text = text.drop(while: { $0 == " " })
    // "1)", "1.", "(1)", "๑)" followed by a space.
    let arabic = ThaiDigits.toArabic(String(text))
    if let match = arabic.range(of: #"^\(?[0-9]{1,2}(\.[0-9]{1,2})*[\.\)]\s+"#, options: .regularExpression) {
        return String(String(text).dropFirst(arabic.distance(from: arabic.startIndex, to: match.upperBound))).cleaned
    }
    return String(text).cleaned
}

/// A long text as typed in a textarea: browsers send line breaks as "\r\n"; they are kept as
/// "\n" (a single break typed by the officer is part of the text), then the text is cleaned.
func longText(_ text: String?) -> String {
    (text ?? "").replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n").cleaned
}

/// Method steps typed one per line; a line that starts with "-" (or spaces/tab) is a sub-step
/// of the step above it.
func methodSteps(_ text: String?) -> [MethodStep] {
    var steps: [MethodStep] = []
    for raw in (text ?? "").components(separatedBy: .newlines) {
        guard !raw.cleaned.isEmpty else { continue }
        let isSub = raw.hasPrefix(" ") || raw.hasPrefix("\t") || raw.cleaned.hasPrefix("-") || raw.cleaned.hasPrefix("–")
        let line = stripListMarker(raw)
        guard !line.isEmpty else { continue }
        if isSub, !steps.isEmpty {
            steps[steps.count - 1].subSteps.append(MethodStep(line))
        } else {
            steps.append(MethodStep(line))
        }
    }
    return steps
}

/// The inverse of `methodSteps`: how steps are shown in the textarea.
func methodText(_ steps: [MethodStep]) -> String {
    steps.map { step in
        ([step.text] + step.subSteps.map { "  - " + $0.text }).joined(separator: "\n")
    }.joined(separator: "\n")
}

/// The item form: every field as typed.
struct ItemForm: Content {
    var version: Int?
    var kind: String?
    var name: String?
    var missionCode: String?
    var subMissionCode: String?
    var responsibleUnit: String?
    var remarks: String?
    /// "budget-2566" … amounts as typed, "none-2566" … the "no budget" boxes.
    var budgets: [String: String]?
    var noBudget: [String: String]?
    /// "months[10]" … the month tick boxes (calendar months 1–12); absent = not ticked.
    var months: [String: String]?
    var hasSheet: String?
    /// Set by the "show this mission's sub-missions" button: the form comes back with what was
    /// typed and the sub-missions of the chosen mission, nothing saved.
    var refresh: String?
    var sheetNumber: String?
    var rationale: String?
    var objectives: String?
    var targetGroup: String?
    var targetHeadcount: String?
    var method: String?
    var period: String?
    var budgetText: String?
    var responsible: String?
    var outputs: String?
    var outcomes: String?
    var area: String?

    init(item: PlanItem, plan: Plan) {
        version = plan.version
        kind = item.kind.rawValue
        name = item.name
        missionCode = item.missionCode
        subMissionCode = item.subMissionCode
        // One responsible value: the table's unit, or the sheet's field 8 when the table has none.
        responsibleUnit = item.responsibleUnit.isEmpty ? (item.sheet?.responsible ?? "") : item.responsibleUnit
        remarks = item.remarks
        budgets = [:]
        noBudget = [:]
        months = Dictionary(uniqueKeysWithValues: item.months.months.map { (String($0), "on") })
        for year in plan.fiscalYears {
            switch item.budgets[year] {
            case .amount(let money)?: budgets?[String(year.be)] = money.formatted()
            case .noBudget?: noBudget?[String(year.be)] = "on"
            case nil: break
            }
        }
        if let sheet = item.sheet {
            hasSheet = "on"
            sheetNumber = sheet.sheetNumber.map(String.init)
            rationale = sheet.rationale
            objectives = sheet.objectives.joined(separator: "\n")
            targetGroup = sheet.targetGroup
            targetHeadcount = sheet.targetHeadcount.map(String.init)
            method = methodText(sheet.method)
            period = sheet.period
            // Field 7 that follows the budget row (empty or generated) stays empty in the form,
            // so that it keeps following the row when the amounts change.
            budgetText = item.sheetBudgetTextFollowsBudgets(years: plan.fiscalYears) ? "" : sheet.budgetText
            responsible = sheet.responsible
            outputs = sheet.outputs.joined(separator: "\n")
            outcomes = sheet.outcomes.joined(separator: "\n")
            area = sheet.area
        }
    }

    /// The item the form describes, or the errors found, field by field.
    func item(id: UUID, plan: Plan) -> (PlanItem?, FormErrors) {
        var errors = FormErrors()
        let name = (self.name ?? "").cleaned
        if name.isEmpty {
            errors.add("name", LocalizedText(.msgEnterName))
        } else if name.count > PlanValidator.maximumNameLength {
            errors.add("name", LocalizedText(.msgNameTooLong, String(PlanValidator.maximumNameLength), String(name.count)))
        }
        let kind = kind.flatMap(PlanItemKind.init(rawValue:)) ?? PlanItemKind.recognize(fromName: name) ?? .project
        let mission = (missionCode ?? "").cleaned
        if !mission.isEmpty, plan.mission(code: mission) == nil {
            errors.add("missionCode", LocalizedText(.msgChooseMissionThisPlan))
        }
        var entries: [FiscalYear: BudgetEntry] = [:]
        for year in plan.fiscalYears {
            let key = String(year.be)
            let typed = (budgets?[key] ?? "").cleaned
            let none = noBudget?[key] != nil
            // An amount typed beside a ticked "no budget" box means the amount (without scripts
            // the box cannot untick itself); a zero or empty amount with the box ticked is "no
            // budget"; an empty field without the tick stays "not stated".
            let typedAmount = typed.isEmpty ? nil : try? Money.parse(typed)
            if none && (typed.isEmpty || typedAmount == Money.zero) {
                entries[year] = .noBudget
            } else if !typed.isEmpty {
                do {
                    entries[year] = .amount(try Money.parse(typed))
                } catch {
                    errors.add("budget-\(key)", error.message)
                }
            }
        }
        // The month boxes: their names carry the month; any other name is a forged or broken form.
        var schedule = MonthSchedule.none
        for key in (months ?? [:]).keys.sorted() {
            guard let month = Int(key), (1...12).contains(month) else {
                errors.add("months", MonthScheduleError(value: key).message)
                continue
            }
            schedule.insert(month)
        }
        var sheet: ProjectSheet?
        if hasSheet != nil {
            var headcount: Int?
            if let text = targetHeadcount?.cleaned, !text.isEmpty {
                if let value = Int(ThaiDigits.toArabic(text).replacingOccurrences(of: ",", with: "")), value >= 0, value < 100_000_000 {
                    headcount = value
                } else {
                    errors.add("targetHeadcount", LocalizedText(.msgHeadcountNumber))
                }
            }
            var number: Int?
            if let text = sheetNumber?.cleaned, !text.isEmpty {
                if let value = Int(ThaiDigits.toArabic(text)), value > 0, value < 10_000 { number = value } else {
                    errors.add("sheetNumber", LocalizedText(.msgSheetNumberNumber))
                }
            }
            let oneResponsible = (responsibleUnit ?? "").cleaned.isEmpty ? (responsible ?? "").cleaned : (responsibleUnit ?? "").cleaned
            sheet = ProjectSheet(
                sheetNumber: number, rationale: longText(rationale), objectives: listLines(objectives),
                targetGroup: (targetGroup ?? "").cleaned, targetHeadcount: headcount, method: methodSteps(method),
                period: (period ?? "").cleaned, budgetText: (budgetText ?? "").cleaned,
                // One value in both places: the table's responsible unit is field 8 too.
                responsible: oneResponsible,
                outputs: listLines(outputs), outcomes: listLines(outcomes), area: area.flatMap { $0.cleaned.isEmpty ? nil : $0.cleaned })
            let texts: [(String, String)] = [("rationale", sheet!.rationale), ("objectives", objectives ?? ""), ("method", method ?? ""),
                                             ("outputs", outputs ?? ""), ("outcomes", outcomes ?? ""), ("targetGroup", targetGroup ?? "")]
            for (field, text) in texts where text.count > PlanLimits.maximumTextLength {
                errors.add(field, LocalizedText(.msgLongerThanCharacters, String(PlanLimits.maximumTextLength)))
            }
        }
        for (field, text, limit) in [("remarks", remarks ?? "", 2_000), ("responsibleUnit", responsibleUnit ?? "", 500)] where text.count > limit {
            errors.add(field, LocalizedText(.msgLongerThanCharacters, String(limit)))
        }
        guard errors.isEmpty else { return (nil, errors) }
        let sub = (subMissionCode ?? "").cleaned
        let validSub = !sub.isEmpty && (plan.mission(code: mission)?.subMissions.contains { $0.code == sub } ?? false)
        return (PlanItem(id: id, kind: kind, name: name, missionCode: mission.isEmpty ? nil : mission,
                         subMissionCode: validSub ? sub : nil, order: 0,
                         responsibleUnit: (responsibleUnit ?? "").cleaned.isEmpty ? (responsible ?? "").cleaned : (responsibleUnit ?? "").cleaned,
                         budgets: entries, remarks: (remarks ?? "").cleaned, sheet: sheet, months: schedule), errors)
    }
}

/// The risk-row form.
struct RiskForm: Content {
    var version: Int?
    var workArea: String?
    /// One issue per line; "ระดับ" chosen per line as "ข้อความ | สูง" or in `levels`.
    var issues: String?
    var levels: String?
    var controlMeasures: String?
    var linked: [String]?

    init(risk: RiskArea, version: Int) {
        self.version = version
        workArea = risk.workArea
        issues = risk.issues.map(\.text).joined(separator: "\n")
        levels = risk.issues.map(\.level.thaiName).joined(separator: "\n")
        controlMeasures = risk.controlMeasures.joined(separator: "\n")
        linked = risk.linkedItemIDs.map { $0.uuidString }
    }

    func risk(id: UUID, plan: Plan) -> (RiskArea?, FormErrors) {
        var errors = FormErrors()
        let area = (workArea ?? "").cleaned
        if area.isEmpty { errors.add("workArea", LocalizedText(.msgEnterWorkArea)) }
        let issueLines = listLines(issues)
        let levelLines = (levels ?? "").components(separatedBy: .newlines).map(\.cleaned).filter { !$0.isEmpty }
        var parsed: [RiskIssue] = []
        for (index, text) in issueLines.enumerated() {
            let levelText = index < levelLines.count ? levelLines[index] : (levelLines.last ?? "")
            guard let level = RiskLevel.recognize(levelText) else {
                errors.add("levels", LocalizedText(.msgRiskLevelOnLine, String(index + 1)))
                continue
            }
            parsed.append(RiskIssue(text, level: level))
        }
        let known = Set(plan.items.map(\.id))
        var links: [UUID] = []
        for text in linked ?? [] {
            guard let id = UUID(uuidString: text), known.contains(id) else {
                errors.add("linked", LocalizedText(.msgLinkItemsOfThisPlan))
                continue
            }
            links.append(id)
        }
        guard errors.isEmpty else { return (nil, errors) }
        return (RiskArea(id: id, order: 0, workArea: area, issues: parsed, controlMeasures: listLines(controlMeasures), linkedItemIDs: links), errors)
    }
}

/// The yearly-target form.
struct TargetForm: Content {
    var version: Int?
    var indicator: String?
    var unit: String?
    var values: [String: String]?

    init(target: YearlyTarget, version: Int) {
        self.version = version
        indicator = target.indicator
        unit = target.unit
        values = Dictionary(uniqueKeysWithValues: target.values.map { (String($0.key.be), NSDecimalNumber(decimal: $0.value).stringValue) })
    }

    func target(id: UUID, plan: Plan) -> (YearlyTarget?, FormErrors) {
        var errors = FormErrors()
        let indicator = (self.indicator ?? "").cleaned
        if indicator.isEmpty { errors.add("indicator", LocalizedText(.msgEnterIndicator)) }
        var parsed: [FiscalYear: Decimal] = [:]
        for year in plan.fiscalYears {
            let text = ThaiDigits.toArabic((values?[String(year.be)] ?? "").cleaned).replacingOccurrences(of: ",", with: "")
            guard !text.isEmpty else { continue }
            // A plain number: "80", "72.5", "-3" — not "1-2" (read as 1) nor "--1" (read as 0).
            guard text.count <= 20, text.range(of: #"^-?[0-9]+(\.[0-9]+)?$"#, options: .regularExpression) != nil,
                  let value = Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")) else {
                errors.add("value-\(year.be)", LocalizedText(.msgMustNumber))
                continue
            }
            parsed[year] = value
        }
        guard errors.isEmpty else { return (nil, errors) }
        return (YearlyTarget(id: id, order: 0, indicator: indicator, unit: (unit ?? "").cleaned, values: parsed), errors)
    }
}

/// The front-matter form.
struct FrontMatterForm: Content {
    var version: Int?
    var title: String?
    var foreword: String?
    var rationale: String?
    var objectives: String?
    var benefits: String?

    init(plan: Plan) {
        version = plan.version
        title = plan.title
        foreword = plan.frontMatter.foreword
        rationale = plan.frontMatter.rationale
        objectives = plan.frontMatter.objectives.joined(separator: "\n")
        benefits = plan.frontMatter.benefits.joined(separator: "\n")
    }

    var frontMatter: PlanFrontMatter {
        PlanFrontMatter(foreword: longText(foreword), rationale: longText(rationale),
                        objectives: listLines(objectives), benefits: listLines(benefits))
    }
}
