import Foundation

/// Where in a plan a finding points.
public enum PlanLocation: Hashable, Sendable, Codable {
    case plan(field: String?)
    case dimension(Int)
    case item(UUID, field: String?)
    case risk(UUID, field: String?)
    case target(UUID, field: String?)

    /// A short English path for logs and API clients: "items[<id>].budgets".
    public var path: String {
        switch self {
        case .plan(let field): field ?? "plan"
        case .dimension(let n): "dimensions[\(n)]"
        case .item(let id, let field): "items[\(id.uuidString.lowercased())]" + (field.map { ".\($0)" } ?? "")
        case .risk(let id, let field): "risks[\(id.uuidString.lowercased())]" + (field.map { ".\($0)" } ?? "")
        case .target(let id, let field): "targets[\(id.uuidString.lowercased())]" + (field.map { ".\($0)" } ?? "")
        }
    }

    public var itemID: UUID? {
        if case .item(let id, _) = self { return id }
        return nil
    }
}

/// The rules of `PlanValidator`, each with a stable name ("item.mission.missing") and whether a
/// plan that breaks it may be stored at all.
public enum PlanFindingCode: String, CaseIterable, Sendable, Codable {
    case planTitleEmpty = "plan.title.empty"
    case planYearsOrder = "plan.years.order"
    case planYearsRange = "plan.years.range"
    case itemNameEmpty = "item.name.empty"
    case itemNameLong = "item.name.long"
    case itemNameDuplicate = "item.name.duplicate"
    case itemMissionUnknown = "item.mission.unknown"
    case itemMissionMissing = "item.mission.missing"
    case itemBudgetYear = "item.budget.year"
    case itemBudgetNegative = "item.budget.negative"
    case itemBudgetLarge = "item.budget.large"
    case itemBudgetPartial = "item.budget.partial"
    case sheetFieldEmpty = "sheet.field.empty"
    case sheetBudgetMismatch = "sheet.budget.mismatch"
    case itemSheetMissing = "item.sheet.missing"
    case dimensionEmpty = "dimension.empty"
    case riskWorkAreaEmpty = "risk.workArea.empty"
    case riskIssuesEmpty = "risk.issues.empty"
    case riskLinkUnknown = "risk.link.unknown"
    case targetIndicatorEmpty = "target.indicator.empty"
    case targetYear = "target.year"

    /// A blocking finding makes a plan unfit to store (a draft may otherwise be incomplete):
    /// every write refuses it, naming the field.
    public var isBlocking: Bool {
        switch self {
        case .planTitleEmpty, .planYearsOrder, .planYearsRange, .itemNameEmpty, .itemNameLong, .itemMissionUnknown, .itemBudgetYear, .itemBudgetNegative, .itemBudgetLarge, .riskWorkAreaEmpty, .riskLinkUnknown, .targetIndicatorEmpty, .targetYear: true
        case .itemNameDuplicate, .itemMissionMissing, .itemBudgetPartial, .sheetFieldEmpty, .sheetBudgetMismatch, .itemSheetMissing, .dimensionEmpty, .riskIssuesEmpty: false
        }
    }
}

/// One thing the validator found.
public struct PlanFinding: Hashable, Sendable, Codable {
    public enum Severity: String, Sendable, Codable {
        /// The plan cannot be submitted for approval until it is fixed.
        case error
        /// Worth a look; does not block.
        case warning
    }

    /// The rule; its raw value ("item.mission.missing") is stable.
    public var code: PlanFindingCode
    public var severity: Severity
    public var location: PlanLocation
    public var message: LocalizedText

    public init(code: PlanFindingCode, severity: Severity, location: PlanLocation, message: LocalizedText) {
        self.code = code
        self.severity = severity
        self.location = location
        self.message = message
    }
}

/// ตรวจความครบถ้วนของแผน — checks a plan and says what is wrong or missing, where.
public enum PlanValidator {
    /// Longest name accepted for an item (characters).
    public static let maximumNameLength = 1_000

    public static func validate(_ plan: Plan) -> [PlanFinding] {
        var findings: [PlanFinding] = []
        func add(_ code: PlanFindingCode, _ severity: PlanFinding.Severity, _ location: PlanLocation, th: String, en: String) {
            findings.append(PlanFinding(code: code, severity: severity, location: location, message: LocalizedText(th: th, en: en)))
        }

        if plan.title.cleaned.isEmpty {
            add(.planTitleEmpty, .error, .plan(field: "title"), th: "ยังไม่ได้ระบุชื่อแผน", en: "The plan has no title")
        }
        if plan.firstYear > plan.lastYear {
            add(.planYearsOrder, .error, .plan(field: "firstYear"),
                th: "ปีเริ่มต้นของแผน (\(plan.firstYear.be)) อยู่หลังปีสุดท้าย (\(plan.lastYear.be))",
                en: "The plan's first year (\(plan.firstYear.be)) is after its last year (\(plan.lastYear.be))")
        }
        if !FiscalYear.plausibleRange.contains(plan.firstYear.be) || !FiscalYear.plausibleRange.contains(plan.lastYear.be) {
            add(.planYearsRange, .error, .plan(field: "firstYear"),
                th: "ปีของแผนต้องเป็นปีพุทธศักราช เช่น 2566", en: "Plan years must be Buddhist-Era years such as 2566")
        }

        let years = Set(plan.fiscalYears)
        var seenNames: [String: UUID] = [:]
        for item in plan.orderedItems {
            let name = item.name.cleaned
            if name.isEmpty {
                add(.itemNameEmpty, .error, .item(item.id, field: "name"), th: "รายการนี้ยังไม่มีชื่อ", en: "This item has no name")
            } else if name.count > maximumNameLength {
                add(.itemNameLong, .error, .item(item.id, field: "name"),
                    th: "ชื่อยาวเกิน \(maximumNameLength) ตัวอักษร", en: "The name is longer than \(maximumNameLength) characters")
            }
            let key = normalizedName(name)
            if !key.isEmpty {
                if seenNames[key] != nil {
                    add(.itemNameDuplicate, .warning, .item(item.id, field: "name"),
                        th: "ชื่อ “\(name)” ซ้ำกับรายการอื่นในแผน", en: "The name “\(name)” repeats another item of the plan")
                } else {
                    seenNames[key] = item.id
                }
            }
            if let code = item.missionCode, !code.isEmpty {
                if plan.mission(code: code) == nil {
                    add(.itemMissionUnknown, .error, .item(item.id, field: "missionCode"),
                        th: "ไม่พบภารกิจ \(code) ในแผนนี้", en: "Mission \(code) does not exist in this plan")
                }
            } else {
                add(.itemMissionMissing, .error, .item(item.id, field: "missionCode"),
                    th: "“\(name)” ยังไม่ได้ระบุภารกิจตามมิติ", en: "“\(name)” has no mission")
            }
            for (year, entry) in item.budgets.sorted(by: { $0.key < $1.key }) {
                if !years.contains(year) {
                    add(.itemBudgetYear, .error, .item(item.id, field: "budgets.\(year.be)"),
                        th: "งบประมาณปี \(year.be) อยู่นอกช่วงปีของแผน (\(ThaiCalendar.yearRange(plan.firstYear, plan.lastYear)))",
                        en: "Budget for \(year.be) is outside the plan's years (\(plan.firstYear.be)–\(plan.lastYear.be))")
                }
                if entry.countedAmount.isNegative {
                    add(.itemBudgetNegative, .error, .item(item.id, field: "budgets.\(year.be)"),
                        th: "งบประมาณปี \(year.be) ติดลบ", en: "Budget for \(year.be) is negative")
                }
                if entry.countedAmount > Money.maximum {
                    add(.itemBudgetLarge, .error, .item(item.id, field: "budgets.\(year.be)"),
                        th: "งบประมาณปี \(year.be) เกิน 1,000,000,000,000 บาท", en: "Budget for \(year.be) exceeds 10^12 baht")
                }
            }
            let missingYears = plan.fiscalYears.filter { item.budgets[$0] == nil }
            if !missingYears.isEmpty && missingYears.count < plan.fiscalYears.count {
                add(.itemBudgetPartial, .warning, .item(item.id, field: "budgets"),
                    th: "ยังไม่ได้ระบุงบประมาณปี \(missingYears.map { String($0.be) }.joined(separator: ", ")) (ใส่จำนวนเงิน หรือเลือก “ไม่ใช้งบประมาณ”)",
                    en: "No budget stated for \(missingYears.map { String($0.be) }.joined(separator: ", ")) (enter an amount or choose “no budget”)")
            }
            if let sheet = item.sheet {
                let required: [(String, Bool, String, String)] = [
                    ("rationale", sheet.rationale.cleaned.isEmpty, "หลักการและเหตุผล", "rationale"),
                    ("objectives", sheet.objectives.allSatisfy { $0.cleaned.isEmpty }, "วัตถุประสงค์", "objectives"),
                    ("targetGroup", sheet.targetGroup.cleaned.isEmpty, "กลุ่มเป้าหมาย", "target group"),
                    ("method", sheet.method.allSatisfy { $0.text.cleaned.isEmpty }, "วิธีดำเนินการ", "method"),
                    ("period", sheet.period.cleaned.isEmpty, "ระยะเวลาดำเนินการ", "period"),
                    ("responsible", sheet.responsible.cleaned.isEmpty, "ผู้รับผิดชอบ", "responsible"),
                    ("outputs", sheet.outputs.allSatisfy { $0.cleaned.isEmpty } && sheet.outcomes.allSatisfy { $0.cleaned.isEmpty },
                     "ผลผลิต/ผลลัพธ์", "outputs/outcomes"),
                ]
                for (field, isEmpty, thai, english) in required where isEmpty {
                    add(.sheetFieldEmpty, .warning, .item(item.id, field: "sheet.\(field)"),
                        th: "รายละเอียดโครงการ “\(name)”: ยังไม่ได้กรอก\(thai)",
                        en: "Project sheet of “\(name)”: \(english) is empty")
                }
                // Field 7 follows the budget row unless the officer wrote their own text: every
                // written text that disagrees with the row is a finding (the importer's rule).
                if !item.sheetBudgetTextFollowsBudgets(years: plan.fiscalYears),
                   let disagreement = item.budgetTextDisagreement(sheet.budgetText, years: plan.fiscalYears) {
                    let statedThai = disagreement.stated.map { "ระบุงบประมาณ \($0.formatted()) บาท" } ?? "ระบุว่าไม่ใช้งบประมาณ"
                    let statedEnglish = disagreement.stated.map { "states \($0.formatted()) baht" } ?? "states no budget"
                    add(.sheetBudgetMismatch, .warning, .item(item.id, field: "sheet.budgetText"),
                        th: "งบประมาณในรายละเอียดโครงการ (ข้อ 7) \(statedThai) แต่ตารางแผนระบุ \(disagreement.tableThai)",
                        en: "The project sheet's budget (field 7) \(statedEnglish), but the plan table says \(disagreement.tableEnglish)")
                }
            } else {
                add(.itemSheetMissing, .warning, .item(item.id, field: "sheet"),
                    th: "“\(name)” ยังไม่มีรายละเอียดโครงการ", en: "“\(name)” has no project sheet")
            }
        }

        let summary = PlanSummary(plan: plan)
        for dimension in summary.dimensions where dimension.itemCount == 0 {
            add(.dimensionEmpty, .warning, .dimension(dimension.number),
                th: "มิติที่ \(dimension.number) ยังไม่มีโครงการ/กิจกรรม/มาตรการ",
                en: "Dimension \(dimension.number) has no item")
        }
        let itemIDs = Set(plan.items.map(\.id))
        for risk in plan.risks {
            if risk.workArea.cleaned.isEmpty {
                add(.riskWorkAreaEmpty, .error, .risk(risk.id, field: "workArea"), th: "ยังไม่ได้ระบุขั้นตอนการดำเนินงาน", en: "The work area is empty")
            }
            if risk.issues.isEmpty {
                add(.riskIssuesEmpty, .warning, .risk(risk.id, field: "issues"), th: "ยังไม่ได้ระบุประเด็นความเสี่ยง", en: "No risk issue is listed")
            }
            for link in risk.linkedItemIDs where !itemIDs.contains(link) {
                add(.riskLinkUnknown, .error, .risk(risk.id, field: "linkedItemIDs"),
                    th: "มาตรการควบคุมความเสี่ยงอ้างถึงรายการที่ไม่มีในแผน", en: "A control measure links to an item that is not in the plan")
            }
        }
        for target in plan.targets {
            if target.indicator.cleaned.isEmpty {
                add(.targetIndicatorEmpty, .error, .target(target.id, field: "indicator"), th: "ยังไม่ได้ระบุตัวชี้วัด", en: "The indicator is empty")
            }
            for year in target.values.keys where !years.contains(year) {
                add(.targetYear, .error, .target(target.id, field: "values.\(year.be)"),
                    th: "ค่าเป้าหมายปี \(year.be) อยู่นอกช่วงปีของแผน", en: "Target for \(year.be) is outside the plan's years")
            }
        }
        return findings
    }

    /// A form of a name for comparing: NFC, Thai digits as Arabic, no spaces or quotes.
    public static func normalizedName(_ name: String) -> String {
        ThaiDigits.toArabic(name.nfc).filter { !$0.isWhitespace && !"“”\"'‘’".contains($0) }.lowercased()
    }
}
