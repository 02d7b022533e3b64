import Foundation
import Vapor
import SujaritCore
import SujaritPersistence

/// Pages of the plan editor. Every form posts with the CSRF token and the plan version it
/// was made against, validates on the server, and comes back with what was typed and a
/// message beside each wrong field.
enum EditorPages {
    static func fieldError(_ errors: FormErrors, _ field: String, _ t: Translator) -> HTML {
        guard let message = errors[field] else { return "" }
        return "<p class=\"field-error\" id=\"\(field)-error\" role=\"alert\">\(t.pick(message))</p>"
    }

    static func hidden(_ request: Request, version: Int?) -> HTML {
        "\(CSRF.field(request))<input type=\"hidden\" name=\"version\" value=\"\(version ?? 0)\">"
    }

    static func banner(_ message: LocalizedText?, _ t: Translator, kind: String = "error") -> HTML {
        guard let message else { return "" }
        return "<p class=\"notice \(kind)\" role=\"alert\">\(t.pick(message))</p>"
    }

    static func postButton(_ request: Request, action: SiteURL, version: Int, label: String, extra: HTML = "", title: String? = nil) -> HTML {
        """
        <form method="post" action="\(action)" class="inline">\(hidden(request, version: version))\(extra)<button type="submit"\(title.map { HTML(unsafeRaw: " title=\"\(HTML.escape($0))\"") } ?? HTML())>\(label)</button></form>
        """
    }

    // MARK: The editor's main page

    static func editor(_ request: Request, plan: Plan, organization org: Organization, viewer: Viewer, message: LocalizedText? = nil) -> HTML {
        let t = request.t
        let d = org.digitStyle
        let summary = PlanSummary(plan: plan)
        let numbers = plan.itemNumbers
        let findings = PlanValidator.validate(plan)
        let byItem = Dictionary(grouping: findings.filter { $0.location.itemID != nil }) { $0.location.itemID! }
        let general = findings.filter { $0.location.itemID == nil }
        let errorCount = findings.filter { $0.severity == .error }.count
        let years = plan.fiscalYears
        let editable = plan.status == .draft && viewer.can(.editor, in: plan.organizationID)
        func n(_ v: Int) -> String { ThaiDigits.apply(d, to: String(v)) }
        func money(_ m: Money?) -> String { (m ?? .zero) == .zero ? "-" : m!.formatted(digits: d) }

        // Summary: counts and totals per dimension and year.
        let yearHeads: [HTML] = years.map { "<th class=\"num\">\(n($0.be))</th>" }
        var summaryRows: [HTML] = summary.dimensions.map { dim in
            let cells: [HTML] = years.map { "<td class=\"num\">\(money(dim.budgetByYear[$0]))</td>" }
            return "<tr><td>\(t(.dimension)) \(n(dim.number))</td><td class=\"num\">\(n(dim.itemCount))</td>\(cells)<td class=\"num\">\(money(dim.total))</td></tr>"
        }
        let totalCells: [HTML] = years.map { "<td class=\"num\">\(money(summary.budgetByYear[$0]))</td>" }
        summaryRows.append("<tr class=\"grand\"><td>\(t(.grandTotal))</td><td class=\"num\">\(n(summary.itemCount))</td>\(totalCells)<td class=\"num\">\(money(summary.total))</td></tr>")

        // Items, dimension by dimension, mission by mission.
        var sections: [HTML] = []
        for dimension in plan.dimensions.sorted(by: { $0.number < $1.number }) {
            var missionBlocks: [HTML] = []
            for mission in dimension.missions {
                let items = plan.items(inMission: mission.code)
                let rows: [HTML] = items.enumerated().map { index, item in
                    let budgetCells: [HTML] = years.map { "<td class=\"num\">\(item.budgets[$0]?.formatted(digits: d) ?? "<span class=\"missing\">?</span>" as String)</td>" }
                    let itemFindings: [HTML] = (byItem[item.id] ?? []).map {
                        "<li class=\"finding-\($0.severity.rawValue)\">\(Pages.shortMessage($0, item: item, t)) <a href=\"\(SiteURL.editItem(plan: plan.id, item: item.id).with(fragment: fieldAnchor($0.location)))\">\(t(.fix))</a></li>"
                    }
                    var buttons: [HTML] = []
                    if editable {
                        buttons.append("<a class=\"button\" href=\"\(SiteURL.editItem(plan: plan.id, item: item.id))\">\(t(.edit))</a>")
                        if index > 0 { buttons.append(postButton(request, action: SiteURL.shiftItem(plan: plan.id, item: item.id), version: plan.version, label: "↑", extra: "<input type=\"hidden\" name=\"offset\" value=\"-1\">", title: t(.moveUp))) }
                        if index < items.count - 1 { buttons.append(postButton(request, action: SiteURL.shiftItem(plan: plan.id, item: item.id), version: plan.version, label: "↓", extra: "<input type=\"hidden\" name=\"offset\" value=\"1\">", title: t(.moveDown))) }
                        buttons.append(postButton(request, action: SiteURL.duplicateItem(plan: plan.id, item: item.id), version: plan.version, label: t(.duplicate)))
                        buttons.append("<a class=\"button danger\" href=\"\(SiteURL.deleteItem(plan: plan.id, item: item.id))\">\(t(.delete))</a>")
                    }
                    return """
                        <tr id="item-\(item.id)"><td class="num">\(n(numbers[item.id] ?? 0))</td>
                        <td><a href="\(SiteURL.item(plan: plan.id, item: item.id))">\(item.name)</a>\(itemFindings.isEmpty ? HTML() : "<ul class=\"findings\">\(itemFindings)</ul>")</td>
                        \(budgetCells)<td class="actions">\(buttons)</td></tr>
                        """
                }
                let add: HTML = editable ? "<a class=\"button\" href=\"\(SiteURL.newItem(plan: plan.id, mission: mission.code))\">+ \(t(.addAnItemToThisMission))</a>" : ""
                missionBlocks.append("""
                    <h4>\(ThaiDigits.apply(d, to: mission.code)) \(mission.name)\(mission.isCustom ? " (\(t(.customMission)))" : "")</h4>
                    \(rows.isEmpty ? HTML("<p class=\"muted\">\(t(.noItemYet))</p>") : HTML("<div class=\"table-wrap\"><table><thead><tr><th>#</th><th>\(t(.items))</th>\(yearHeads)<th></th></tr></thead><tbody>\(rows)</tbody></table></div>"))
                    \(add)
                    """)
            }
            let customMission: HTML = editable ? """
                <details><summary>\(t(.addAMissionToThisDimension))</summary>
                <form method="post" action="\(SiteURL.addMission(plan.id))">\(hidden(request, version: plan.version))
                <input type="hidden" name="dimension" value="\(dimension.number)">
                <label for="mission-\(dimension.number)">\(t(.missionName))</label>
                <input type="text" id="mission-\(dimension.number)" name="name" maxlength="500" required>
                <button type="submit">\(t(.addMission))</button></form></details>
                """ : ""
            sections.append("""
                <section class="dimension"><h3>\(t(.dimensionNumber)) \(n(dimension.number)) \(dimension.name)
                <span class="muted">(\(t(.projectsCount, String(summary.dimension(dimension.number)?.itemCount ?? 0))))</span></h3>
                \(missionBlocks)\(customMission)</section>
                """)
        }
        let unplaced = plan.orderedItems.filter { item in item.missionCode.flatMap { plan.mission(code: $0) } == nil }
        if !unplaced.isEmpty {
            let links: [HTML] = unplaced.map { item in
                let notes: [HTML] = (byItem[item.id] ?? []).map { "<li class=\"finding-\($0.severity.rawValue)\">\(Pages.shortMessage($0, item: item, t))</li>" }
                return "<li><a href=\"\(SiteURL.editItem(plan: plan.id, item: item.id))\">\(item.name)</a>\(notes.isEmpty ? HTML() : HTML("<ul class=\"findings\">\(notes)</ul>"))</li>"
            }
            sections.append("<section><h3>\(t(.unplaced))</h3><ul>\(links)</ul></section>")
        }

        // Risks and targets.
        let riskRows: [HTML] = plan.risks.sorted { $0.order < $1.order }.map { risk in
            let issues: [HTML] = risk.issues.map { "<li>\($0.text) — <strong>\(t.name($0.level))</strong></li>" }
            let actions: HTML = editable ? """
                <a class="button" href="\(SiteURL.editRisk(plan: plan.id, risk: risk.id))">\(t(.edit))</a>
                \(postButton(request, action: SiteURL.deleteRisk(plan: plan.id, risk: risk.id), version: plan.version, label: t(.delete)))
                """ : ""
            return "<tr><td>\(risk.workArea)</td><td><ul>\(issues)</ul></td><td>\(n(risk.controlMeasures.count))</td><td class=\"actions\">\(actions)</td></tr>"
        }
        let targetRows: [HTML] = plan.targets.sorted { $0.order < $1.order }.map { target in
            let cells: [HTML] = years.map { "<td class=\"num\">\(target.formattedValue(for: $0, digits: d) ?? "-")</td>" }
            let actions: HTML = editable ? """
                <a class="button" href="\(SiteURL.editTarget(plan: plan.id, target: target.id))">\(t(.edit))</a>
                \(postButton(request, action: SiteURL.deleteTarget(plan: plan.id, target: target.id), version: plan.version, label: t(.delete)))
                """ : ""
            return "<tr><td>\(target.indicator)</td>\(cells)<td class=\"actions\">\(actions)</td></tr>"
        }

        // Life cycle.
        var steps: [HTML] = []
        if let role = viewer.role(in: plan.organizationID) {
            steps.append(approvalButtons(request, plan: plan, role: role))
            for action in PlanAction.available(from: plan.status) where !action.needsAdmin && role >= .editor {
                steps.append(postButton(request, action: SiteURL.transition(plan.id), version: plan.version, label: t.name(action),
                                        extra: "<input type=\"hidden\" name=\"action\" value=\"\(action.rawValue)\">"))
            }
            if (plan.status == .published || plan.status == .approved) && role >= .editor {
                steps.append(postButton(request, action: SiteURL.revise(plan.id), version: plan.version, label: t(.startANewRevision)))
            }
        }
        let generalFindings: [HTML] = general.map { "<li class=\"finding-\($0.severity.rawValue)\">\(t.pick($0.message))</li>" }

        let body: HTML = """
            <p><a href="\(SiteURL.organization(slug: org.slug))">\(org.name)</a> · <a href="\(SiteURL.plan(plan.id))">\(t(.viewAsDocument))</a> · <a href="\(SiteURL.history(plan.id))">\(t(.history))</a></p>
            <h1>\(plan.title)</h1>
            \(banner(message, t, kind: "success"))
            <p><span class="badge \(plan.status.rawValue)">\(Pages.statusName(plan.status, t))</span> \(t(.revision)) \(n(plan.revision))
            · \(t(.savedVersion)) \(n(plan.version))</p>
            \(editable ? HTML() : HTML("<p class=\"notice\">\(plan.status == .draft ? t(.youCanReadButNotEdit) : t.pick(statusNotice(plan, organization: org, role: viewer.role(in: plan.organizationID))))</p>"))
            <div class="steps">\(steps)</div>
            \(errorCount == 0 ? HTML() : HTML("<p class=\"finding-error\">\(t(.errorsToFix, String(errorCount)))</p>"))
            <h2>\(t(.summary))</h2>
            <div class="table-wrap"><table><thead><tr><th>\(t(.dimension))</th><th class="num">\(t(.itemCount))</th>\(yearHeads)<th class="num">\(t(.total))</th></tr></thead>
            <tbody>\(summaryRows)</tbody></table></div>
            \(general.isEmpty ? HTML() : HTML("<h2>\(t(.findings))</h2><ul class=\"findings\">\(generalFindings)</ul>"))
            <h2>\(t(.frontMatter))</h2>
            \(frontMatterSummary(plan, t))
            <p>\(editable ? HTML("<a class=\"button\" href=\"\(SiteURL.frontMatter(plan.id))\">\(t(.editFrontMatter))</a>") : HTML())</p>
            <h2>\(t(.plans))</h2>
            \(sections)
            <h2>\(t(.riskTable))</h2>
            \(riskRows.isEmpty ? HTML("<p class=\"muted\">-</p>") : HTML("<div class=\"table-wrap\"><table><thead><tr><th>\(t(.workArea))</th><th>\(t(.riskIssues))</th><th>\(t(.controlMeasures))</th><th></th></tr></thead><tbody>\(riskRows)</tbody></table></div>"))
            \(editable ? HTML("<a class=\"button\" href=\"\(SiteURL.newRisk(plan.id))\">+ \(t(.addARiskRow))</a>") : HTML())
            <h2>\(t(.targets))</h2>
            \(targetRows.isEmpty ? HTML("<p class=\"muted\">-</p>") : HTML("<div class=\"table-wrap\"><table><thead><tr><th>\(t(.indicator))</th>\(yearHeads)<th></th></tr></thead><tbody>\(targetRows)</tbody></table></div>"))
            \(editable ? HTML("<a class=\"button\" href=\"\(SiteURL.newTarget(plan.id))\">+ \(t(.addATarget))</a>") : HTML())
            """
        return Layout.page(request: request, title: plan.title, body: body)
    }

    static func fieldAnchor(_ location: PlanLocation) -> String {
        guard case .item(_, let field?) = location else { return "name" }
        if field.hasPrefix("budgets") { return "budgets" }
        if field.hasPrefix("sheet.") { return String(field.dropFirst(6)) }
        return field
    }

    // MARK: Item form

    static func itemForm(_ request: Request, plan: Plan, organization org: Organization, form: ItemForm, itemID: UUID?,
                         errors: FormErrors = FormErrors(), message: LocalizedText? = nil, conflict: PlanItem?? = nil) -> HTML {
        let t = request.t
        let action: SiteURL = itemID.map { .editItem(plan: plan.id, item: $0) } ?? .newItem(plan: plan.id)
        func err(_ f: String) -> HTML { fieldError(errors, f, t) }
        func described(_ f: String) -> HTML { errors[f] == nil ? HTML() : HTML(unsafeRaw: " aria-invalid=\"true\" aria-describedby=\"\(f)-error\"") }
        let kinds: [HTML] = PlanItemKind.allCases.map { kind in
            "<option value=\"\(kind.rawValue)\"\(form.kind == kind.rawValue ? HTML(" selected") : HTML())>\(t.name(kind))</option>"
        }
        var missionOptions: [HTML] = ["<option value=\"\">— \(t(.notChosen)) —</option>"]
        var subOptions: [HTML] = ["<option value=\"\">—</option>"]
        for dimension in plan.dimensions {
            let options: [HTML] = dimension.missions.map { mission in
                "<option value=\"\(mission.code)\"\(form.missionCode == mission.code ? HTML(" selected") : HTML())>\(mission.code) \(String(mission.name.prefix(90)))</option>"
            }
            missionOptions.append("<optgroup label=\"\(t(.dimension)) \(dimension.number) \(dimension.name)\">\(options)</optgroup>")
            // Only the sub-missions of the chosen mission (the list follows the mission on the
            // server: choosing another mission sends the form back with its sub-missions).
            for mission in dimension.missions where mission.code == form.missionCode {
                for sub in mission.subMissions {
                    subOptions.append("<option value=\"\(sub.code)\"\(form.subMissionCode == sub.code ? HTML(" selected") : HTML())>\(sub.code) \(String(sub.name.prefix(90)))</option>")
                }
            }
        }
        let units = org.units.map { "<option value=\"\($0)\"></option>" as HTML }
        let budgetRows: [HTML] = plan.fiscalYears.map { year in
            let key = String(year.be)
            return """
                <tr><th scope="row">\(t(.fiscalYear)) \(ThaiDigits.apply(org.digitStyle, to: key))</th>
                <td><input type="text" inputmode="decimal" name="budgets[\(key)]" id="budget-\(key)" value="\(form.budgets?[key] ?? "")" placeholder="0"\(described("budget-\(key)")) aria-label="\(t(.budgetBaht)) \(key)">\(err("budget-\(key)"))</td>
                <td><label class="check"><input type="checkbox" name="noBudget[\(key)]"\(form.noBudget?[key] != nil ? HTML(" checked") : HTML())> \(t(.noBudget))</label></td></tr>
                """
        }
        // Twelve tick boxes in fiscal order (ต.ค. … ก.ย.), named by calendar month: a plain form
        // that works without scripts.
        let monthBoxes: [HTML] = MonthSchedule.fiscalMonths.map { month in
            let key = String(month.number)
            return "<label class=\"check month\"><input type=\"checkbox\" name=\"months[\(key)]\" id=\"month-\(key)\"\(form.months?[key] != nil ? HTML(" checked") : HTML())> \(t.name(month))</label>"
        }
        var conflictBox: HTML = ""
        if let conflict {
            if let current = conflict {
                let budgets = plan.fiscalYears.map { "\($0.be): \(current.budgets[$0]?.formatted() ?? "-")" }.joined(separator: " · ")
                conflictBox = """
                    <div class="notice conflict"><strong>\(t(.whatTheOtherPersonSaved))</strong>
                    <p>\(current.name)</p><p>\(t(.missionShort)) \(current.missionCode ?? "-") · \(budgets)</p>
                    <p class="muted">\(t(.conflictKeepsYourText))</p></div>
                    """
            } else {
                conflictBox = "<div class=\"notice conflict\">\(t(.theOtherPersonDeletedThisItem))</div>"
            }
        }
        let sheetOn = form.hasSheet != nil
        func area(_ name: String, _ label: String, _ value: String?, rows: Int = 4, hint: String? = nil) -> HTML {
            """
            <label for="\(name)">\(label)</label>\(hint.map { HTML("<p class=\"hint\">\($0)</p>") } ?? HTML())
            <textarea id="\(name)" name="\(name)" rows="\(rows)"\(described(name))>\(value ?? "")</textarea>\(err(name))
            """
        }
        let listHint = t(.oneEntryPerLine)
        let body: HTML = """
            <p><a href="\(SiteURL.editor(plan.id))">← \(t(.backToThePlanEditor))</a></p>
            <h1>\(itemID == nil ? t(.addAnItem) : t(.editItem))</h1>
            \(banner(message, t))
            \(conflictBox)
            <form method="post" action="\(action)" class="editor" novalidate>
            \(hidden(request, version: form.version))
            <fieldset><legend>\(t(.planTableRow))</legend>
            <label for="kind">\(t(.kindColumn))</label><select id="kind" name="kind">\(kinds)</select>
            <label for="name">\(t(.sheetName))</label>
            <textarea id="name" name="name" rows="2" required\(described("name"))>\(form.name ?? "")</textarea>\(err("name"))
            <label for="missionCode">\(t(.mission))</label><select id="missionCode" name="missionCode"\(described("missionCode"))>\(missionOptions)</select>\(err("missionCode"))
            <button type="submit" name="refresh" value="1" id="refresh-submissions" formnovalidate>\(t(.showSubMissions))</button>
            <label for="subMissionCode">\(t(.subMission))</label><select id="subMissionCode" name="subMissionCode">\(subOptions)</select>
            \(subOptions.count == 1 ? HTML("<p class=\"hint\">\(t(form.missionCode.map { $0.isEmpty } ?? true ? .chooseMissionFirst : .missionHasNoSubMissions))</p>") : HTML())
            <label for="responsibleUnit">\(t(.responsibleUnit))</label>
            <input type="text" id="responsibleUnit" name="responsibleUnit" list="units" value="\(form.responsibleUnit ?? "")" maxlength="500"\(described("responsibleUnit"))>\(err("responsibleUnit"))
            <datalist id="units">\(units)</datalist>
            <div id="budgets"><p><strong>\(t(.budgetBaht))</strong></p>
            <table class="budgets"><tbody>\(budgetRows)</tbody></table></div>
            <label for="remarks">\(t(.remarks))</label>
            <input type="text" id="remarks" name="remarks" value="\(form.remarks ?? "")"\(described("remarks"))>\(err("remarks"))
            <fieldset class="months" id="months"\(described("months"))><legend>\(t(.monthsRun))</legend>
            <p class="hint">\(t(.monthsRunHint))</p>
            <div class="month-boxes">\(monthBoxes)</div>\(err("months"))
            </fieldset>
            </fieldset>
            <fieldset><legend>\(t(.itemSheet))</legend>
            <label class="check"><input type="checkbox" name="hasSheet"\(sheetOn ? HTML(" checked") : HTML())> \(t(.hasProjectSheet))</label>
            <label for="sheetNumber">\(t(.sheetNumber))</label>
            <input type="text" inputmode="numeric" id="sheetNumber" name="sheetNumber" value="\(form.sheetNumber ?? "")"\(described("sheetNumber"))>\(err("sheetNumber"))
            \(area("rationale", "2. \(t(.sheetRationale))", form.rationale, rows: 6))
            \(area("objectives", "3. \(t(.sheetObjectives))", form.objectives, hint: listHint))
            \(area("targetGroup", "4. \(t(.sheetTargetGroup))", form.targetGroup, rows: 2))
            <label for="targetHeadcount">\(t(.headcount)) (\(t(.persons)))</label>
            <input type="text" inputmode="numeric" id="targetHeadcount" name="targetHeadcount" value="\(form.targetHeadcount ?? "")"\(described("targetHeadcount"))>\(err("targetHeadcount"))
            \(area("method", "5. \(t(.sheetMethod))", form.method, rows: 8, hint: t(.methodStepsHint)))
            \(area("period", "6. \(t(.sheetPeriod))", form.period, rows: 1))
            \(area("budgetText", "7. \(t(.sheetBudget))", form.budgetText, rows: 1, hint: budgetTextHint(form, plan: plan, t)))
            <p><strong>8. \(t(.sheetResponsible))</strong>: \(t(.responsibleSameAsTable))\(earlierResponsible(form, t))</p>
            \(area("outputs", "9. \(t(.sheetOutputs))", form.outputs, hint: listHint))
            \(area("outcomes", "9. \(t(.sheetOutcomes))", form.outcomes, hint: listHint))
            \(area("area", t(.sheetArea), form.area, rows: 1))
            </fieldset>
            <p><button type="submit" class="primary">\(t(.save))</button> <a href="\(SiteURL.editor(plan.id))">\(t(.cancel))</a></p>
            </form>
            """
        return Layout.page(request: request, title: form.name ?? t(.item), body: body + "<script src=\"\(SiteURL.editorScript)\" defer></script>")
    }

    /// Field 8 as an imported sheet wrote it, when it differs from the one value kept now.
    static func earlierResponsible(_ form: ItemForm, _ t: Translator) -> String {
        let earlier = (form.responsible ?? "").cleaned
        guard !earlier.isEmpty, earlier != (form.responsibleUnit ?? "").cleaned else { return "" }
        return t(.earlierResponsible, earlier)
    }

    /// Field 7 left empty follows the budget row: the hint shows the text it gets now.
    static func budgetTextHint(_ form: ItemForm, plan: Plan, _ t: Translator) -> String {
        // Nothing typed in the budget row yet: no "now" (it would read "no budget", which
        // nobody said).
        let typed = (form.budgets ?? [:]).values.contains { !$0.cleaned.isEmpty } || !(form.noBudget ?? [:]).isEmpty
        // The item is made only to compute its text; its id is never stored.
        let generated = typed ? form.item(id: plan.id, plan: plan).0?.generatedBudgetText(years: plan.fiscalYears) : nil
        return t(.budgetTextHint, generated.map { t(.budgetTextNow, $0) } ?? "")
    }

    /// What a life-cycle step did, shown once after it.
    static func stepDone(_ action: PlanAction) -> LocalizedText {
        switch action {
        case .submit: LocalizedText(.msgStepSubmitted)
        case .returnToDraft: LocalizedText(.msgStepReturnedToDraft)
        case .approve: LocalizedText(.msgStepApproved)
        case .publish: LocalizedText(.msgStepPublished)
        }
    }

    /// Where a revision that is not a draft stands, and who must act next.
    static func statusNotice(_ plan: Plan, organization org: Organization, role: OrganizationRole?) -> LocalizedText {
        let admin = role.map { $0 >= .admin } ?? false
        switch plan.status {
        case .draft:
            return LocalizedText(.msgStageDraft)
        case .submitted:
            return admin
                ? LocalizedText(.msgStageWaitsForYou)
                : LocalizedText(.msgStageSubmitted)
        case .approved:
            return admin
                ? LocalizedText(.msgStageApprovedPublishIt)
                : LocalizedText(.msgStageApprovedAdminPublishes)
        case .published:
            return LocalizedText(.msgStagePublished, SiteURL.publishedPlan(slug: org.slug, years: plan.yearSlug).path)
        }
    }

    /// Approve / publish / return to draft for an admin, with an optional comment kept in the
    /// history: on the editor and on the plan's page.
    static func approvalButtons(_ request: Request, plan: Plan, role: OrganizationRole?) -> HTML {
        guard let role, role >= .admin, plan.status == .submitted || plan.status == .approved else { return "" }
        let t = request.t
        let buttons: [HTML] = PlanAction.available(from: plan.status).filter(\.needsAdmin).map { action in
            let id = "comment-\(action.rawValue)"
            return postButton(request, action: SiteURL.transition(plan.id), version: plan.version, label: t.name(action),
                              extra: """
                              <input type="hidden" name="action" value="\(action.rawValue)">
                              <label for="\(id)">\(t(.approverComment))</label>
                              <textarea id="\(id)" name="comment" rows="2" maxlength="2000"></textarea>
                              """)
        }
        return "<div class=\"approval\">\(buttons)</div>"
    }

    /// คำนำ and the texts of Part 1 as the editor shows them (risks and targets follow below).
    static func frontMatterSummary(_ plan: Plan, _ t: Translator) -> HTML {
        let front = plan.frontMatter
        let notYet = t(.notWrittenYet)
        func block(_ title: String, _ content: HTML, empty: Bool) -> HTML {
            "<h3>\(title)</h3>\(empty ? HTML("<p class=\"muted\">\(notYet)</p>") : content)"
        }
        func list(_ values: [String]) -> HTML {
            let items: [HTML] = values.map { "<li>\($0)</li>" }
            return "<ol>\(items)</ol>"
        }
        return """
            <div class="front-matter">
            \(block(t(.foreword), Pages.paragraphs(front.foreword), empty: front.foreword.cleaned.isEmpty))
            \(block(t(.sheetRationale), Pages.paragraphs(front.rationale), empty: front.rationale.cleaned.isEmpty))
            \(block(t(.objectivesOfThePlan), list(front.objectives), empty: front.objectives.isEmpty))
            \(block(t(.benefitsOfThePlan), list(front.benefits), empty: front.benefits.isEmpty))
            </div>
            """
    }

    static func confirmDelete(_ request: Request, plan: Plan, item: PlanItem) -> HTML {
        let t = request.t
        let body: HTML = """
            <h1>\(t(.deleteItemQuestion))</h1>
            <p><strong>\(item.name)</strong></p>
            <p>\(t(.deleteItemExplanation))</p>
            \(postButton(request, action: .deleteItem(plan: plan.id, item: item.id), version: plan.version, label: t(.deleteItem)))
            <a href="\(SiteURL.editor(plan.id))">\(t(.cancel))</a>
            """
        return Layout.page(request: request, title: item.name, body: body)
    }

    // MARK: Risk, target and front-matter forms

    static func riskForm(_ request: Request, plan: Plan, form: RiskForm, riskID: UUID?, errors: FormErrors = FormErrors(), message: LocalizedText? = nil) -> HTML {
        let t = request.t
        let action: SiteURL = riskID.map { .editRisk(plan: plan.id, risk: $0) } ?? .newRisk(plan.id)
        let linked = Set(form.linked ?? [])
        let choices: [HTML] = plan.orderedItems.map { item in
            "<li><label class=\"check\"><input type=\"checkbox\" name=\"linked[]\" value=\"\(item.id.uuidString)\"\(linked.contains(item.id.uuidString) ? HTML(" checked") : HTML())> \(item.name)</label></li>"
        }
        let body: HTML = """
            <p><a href="\(SiteURL.editor(plan.id))">← \(t(.backToThePlanEditor))</a></p>
            <h1>\(t(.riskTable))</h1>
            \(banner(message, t))
            <form method="post" action="\(action)" class="editor" novalidate>
            \(hidden(request, version: form.version))
            <label for="workArea">\(t(.workArea))</label>
            <input type="text" id="workArea" name="workArea" value="\(form.workArea ?? "")" required>\(fieldError(errors, "workArea", t))
            <label for="issues">\(t(.riskIssues))</label><p class="hint">\(t(.oneIssuePerLine))</p>
            <textarea id="issues" name="issues" rows="5">\(form.issues ?? "")</textarea>
            <label for="levels">\(t(.riskLevel))</label><p class="hint">\(t(.riskLevelsHint))</p>
            <textarea id="levels" name="levels" rows="5">\(form.levels ?? "")</textarea>\(fieldError(errors, "levels", t))
            <label for="controlMeasures">\(t(.controlMeasures))</label>
            <textarea id="controlMeasures" name="controlMeasures" rows="5">\(form.controlMeasures ?? "")</textarea>
            <fieldset><legend>\(t(.itemsControllingRisk))</legend><ul class="plain">\(choices)</ul>\(fieldError(errors, "linked", t))</fieldset>
            <p><button type="submit" class="primary">\(t(.save))</button></p>
            </form>
            """
        return Layout.page(request: request, title: t(.riskTable), body: body)
    }

    static func targetForm(_ request: Request, plan: Plan, organization org: Organization, form: TargetForm, targetID: UUID?, errors: FormErrors = FormErrors(), message: LocalizedText? = nil) -> HTML {
        let t = request.t
        let action: SiteURL = targetID.map { .editTarget(plan: plan.id, target: $0) } ?? .newTarget(plan.id)
        let inputs: [HTML] = plan.fiscalYears.map { year in
            let key = String(year.be)
            return """
                <label for="value-\(key)">\(t(.fiscalYear)) \(ThaiDigits.apply(org.digitStyle, to: key))</label>
                <input type="text" inputmode="decimal" id="value-\(key)" name="values[\(key)]" value="\(form.values?[key] ?? "")">\(fieldError(errors, "value-\(key)", t))
                """
        }
        let body: HTML = """
            <p><a href="\(SiteURL.editor(plan.id))">← \(t(.backToThePlanEditor))</a></p>
            <h1>\(t(.targets))</h1>
            \(banner(message, t))
            <form method="post" action="\(action)" class="editor" novalidate>
            \(hidden(request, version: form.version))
            <label for="indicator">\(t(.indicator))</label>
            <input type="text" id="indicator" name="indicator" value="\(form.indicator ?? "")" required>\(fieldError(errors, "indicator", t))
            <label for="unit">\(t(.targetUnit))</label>
            <input type="text" id="unit" name="unit" value="\(form.unit ?? "")" list="target-units">
            <datalist id="target-units"><option value="ร้อยละ"></option><option value="คะแนน"></option><option value="เรื่อง"></option><option value="ครั้ง"></option></datalist>
            \(inputs)
            <p><button type="submit" class="primary">\(t(.save))</button></p>
            </form>
            """
        return Layout.page(request: request, title: t(.targets), body: body)
    }

    static func frontMatterForm(_ request: Request, plan: Plan, form: FrontMatterForm, errors: FormErrors = FormErrors(), message: LocalizedText? = nil) -> HTML {
        let t = request.t
        let body: HTML = """
            <p><a href="\(SiteURL.editor(plan.id))">← \(t(.backToThePlanEditor))</a></p>
            <h1>\(t(.frontMatter))</h1>
            \(banner(message, t))
            <form method="post" action="\(SiteURL.frontMatter(plan.id))" class="editor" novalidate>
            \(hidden(request, version: form.version))
            <label for="title">\(t(.planTitle))</label>
            <textarea id="title" name="title" rows="2" required>\(form.title ?? "")</textarea>\(fieldError(errors, "title", t))
            <label for="foreword">\(t(.foreword))</label><textarea id="foreword" name="foreword" rows="8">\(form.foreword ?? "")</textarea>
            <label for="rationale">\(t(.sheetRationale))</label><textarea id="rationale" name="rationale" rows="8">\(form.rationale ?? "")</textarea>
            <label for="objectives">\(t(.objectivesOfThePlan))</label><p class="hint">\(t(.onePerLine))</p>
            <textarea id="objectives" name="objectives" rows="6">\(form.objectives ?? "")</textarea>
            <label for="benefits">\(t(.benefitsOfThePlan))</label><p class="hint">\(t(.onePerLine))</p>
            <textarea id="benefits" name="benefits" rows="6">\(form.benefits ?? "")</textarea>
            <p><button type="submit" class="primary">\(t(.save))</button></p>
            </form>
            """
        return Layout.page(request: request, title: t(.frontMatter), body: body)
    }

    // MARK: History

    static func history(_ request: Request, plan: Plan, organization org: Organization, revisions: [PlanListEntry], entries: [HistoryEntry]) -> HTML {
        let t = request.t
        let byRevision = revisions.sorted { $0.revision < $1.revision }
        let revisionRows: [HTML] = revisions.map { entry in
            let when = entry.updatedAt.map { t.date($0, digits: org.digitStyle, short: true) } ?? "-"
            // Each revision can be compared with the one before it.
            let previous = byRevision.last { $0.revision < entry.revision }
            let compare: HTML = previous.map {
                "<a href=\"\(SiteURL.compare(entry.id, with: $0.id))\">\(t(.compareWithRevision, String($0.revision)))</a>"
            } ?? ""
            return "<tr><td class=\"num\">\(entry.revision)</td><td><a href=\"\(SiteURL.plan(entry.id))\">\(entry.title)</a></td><td><span class=\"badge \(entry.status.rawValue)\">\(Pages.statusName(entry.status, t))</span></td><td>\(when)</td><td>\(compare)</td></tr>"
        }
        let itemNames = Dictionary(plan.items.map { ($0.id.uuidString.lowercased(), $0.name) }, uniquingKeysWith: { first, _ in first })
        let eventRows: [HTML] = entries.map { entry in
            "<tr><td>\(t.date(entry.at, digits: org.digitStyle, short: true)) \(SujaritErrorMiddleware.timeOfDay(entry.at, t))</td><td class=\"num\">\(entry.revision)</td><td>\(actionName(entry.action, t))</td><td>\(entry.by)</td><td>\(plainDetail(entry.detail, itemNames: itemNames, t))</td></tr>"
        }
        let body: HTML = """
            <p><a href="\(SiteURL.plan(plan.id))">← \(plan.title)</a></p>
            <h1>\(t(.history))</h1>
            <h2>\(t(.revisions))</h2>
            <div class="table-wrap"><table><thead><tr><th>\(t(.revision))</th><th>\(t(.plans))</th><th>\(t(.status))</th><th>\(t(.lastChange))</th><th>\(t(.compareColumn))</th></tr></thead><tbody>\(revisionRows)</tbody></table></div>
            \(entries.isEmpty ? HTML() : HTML("<h2>\(t(.whoAndWhen))</h2><div class=\"table-wrap\"><table><thead><tr><th>\(t(.historyWhen))</th><th>\(t(.revision))</th><th>\(t(.historyAction))</th><th>\(t(.historyBy))</th><th>\(t(.historyWhat))</th></tr></thead><tbody>\(eventRows)</tbody></table></div>"))
            """
        return Layout.page(request: request, title: t(.history), body: body)
    }

    /// A history line's detail in words: "submitted → approved · ความเห็น: …" becomes
    /// "เสนออนุมัติ → อนุมัติแล้ว · ความเห็น: …" (the approver's comment kept as written).
    static func detailText(_ detail: String, _ t: Translator) -> String {
        let parts = detail.components(separatedBy: PlanWorkflow.commentMarker)
        var head = parts[0]
        let states = head.components(separatedBy: " → ")
        if states.count == 2, let from = PlanStatus(rawValue: states[0]), let to = PlanStatus(rawValue: states[1]) {
            head = "\(t.name(from)) → \(t.name(to))"
        }
        guard parts.count > 1 else { return head }
        let comment = parts.dropFirst().joined(separator: PlanWorkflow.commentMarker)
        return head + t(.historyCommentMarker) + comment
    }

    /// A detail in plain words: an item's id becomes its name (or "a removed item"), "from
    /// <id> revision 2" becomes "from revision 2"; other details as `detailText` says them.
    static func plainDetail(_ detail: String, itemNames: [String: String], _ t: Translator) -> String {
        let trimmed = detail.trimmingCharacters(in: .whitespaces)
        if UUID(uuidString: trimmed) != nil {
            return itemNames[trimmed.lowercased()] ?? t(.removedItem)
        }
        if let match = trimmed.range(of: #"^from [0-9A-Fa-f-]{36} revision ([0-9]+)$"#, options: .regularExpression) {
            let number = trimmed[match].split(separator: " ").last.map(String.init) ?? ""
            return t(.fromRevision, number)
        }
        return detailText(trimmed, t)
    }

    /// The history page's words for an action: `AuditAction.label`, in the reader's language.
    static func actionName(_ action: AuditAction, _ t: Translator) -> String {
        t.pick(action.label)
    }

}
