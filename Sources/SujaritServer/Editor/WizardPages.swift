import Foundation
import Vapor
import SujaritCore
import SujaritPersistence
import SujaritAPIModels
import SujaritCatalog

extension WizardController {
    /// What the wizard (and the import) shows instead of creating a second plan for the same
    /// years: the existing plan and the one step that continues it. `message` replaces the
    /// wizard's own explanation (the import's refusal says what happened to the document).
    static func existingPlanNotice(_ request: Request, organization org: Organization, existing: PlanListEntry,
                                   message: LocalizedText? = nil) -> HTML {
        let t = request.t
        let text = message ?? PlanService.seriesExists(existing, digits: org.digitStyle).message
        let open: HTML = "<a class=\"button\" href=\"\(SiteURL.plan(existing.id))\">\(t(.openTheExistingPlan))</a>"
        let next: HTML
        switch existing.status {
        case .draft:
            next = "<a class=\"button primary\" href=\"\(SiteURL.editor(existing.id))\">\(t(.continueTheDraft))</a>"
        case .published, .approved:
            next = EditorPages.postButton(request, action: .revise(existing.id), version: 0,
                                          label: t(.startRevisionOfThisPlan))
        default:
            next = ""
        }
        return """
            <div class="notice error existing-plan" role="alert"><p>\(t.pick(text))</p>
            <p>\(next) \(open)</p></div>
            """
    }

    static func page(_ request: Request, organization org: Organization, form: WizardForm, errors: FormErrors, existing: PlanListEntry? = nil) -> HTML {
        let t = request.t
        let chosen = Set(form.measures ?? [])
        let cycles: [HTML] = PlanCatalog.templates.map { template in
            """
            <li><label class="check"><input type="radio" name="cycle" value="\(template.id)"\(form.cycle == template.id ? HTML(" checked") : HTML())>
            \(template.thaiName)\(template.plansByMonth ? HTML(" <span class=\"muted\">(\(t(.monthByMonth)))</span>") : HTML())</label></li>
            """
        }
        let custom: HTML = """
            <li><label class="check"><input type="radio" name="cycle" value="custom"\(form.cycle == "custom" || form.cycle == nil ? HTML(" checked") : HTML())>
            \(t(.customYears))</label>
            <div class="years"><label for="firstYear">\(t(.firstYearBE))</label>
            <input type="text" inputmode="numeric" id="firstYear" name="firstYear" value="\(form.firstYear ?? "")" maxlength="4">\(EditorPages.fieldError(errors, "firstYear", t))
            <label for="lastYear">\(t(.lastYearBE))</label>
            <input type="text" inputmode="numeric" id="lastYear" name="lastYear" value="\(form.lastYear ?? "")" maxlength="4">\(EditorPages.fieldError(errors, "lastYear", t))</div></li>
            """
        var groups: [HTML] = []
        for group in StandardMeasures.byMission {
            let boxes: [HTML] = group.measures.map { measure in
                """
                <li><label class="check"><input type="checkbox" name="measures[]" value="\(measure.id)"\(chosen.contains(measure.id) ? HTML(" checked") : HTML())>
                \(measure.name(organizationName: org.name))</label>\(t.language == .english ? HTML(" <span class=\"muted\">— \(measure.englishTitle)</span>") : HTML())</li>
                """
            }
            let missionName = PlanCatalog.cycle2566.dimensions.flatMap(\.missions).first { $0.code == group.missionCode }?.name ?? ""
            groups.append("<fieldset><legend>\(group.missionCode) \(missionName)</legend><ul class=\"plain\">\(boxes)</ul></fieldset>")
        }
        let body: HTML = """
            <p><a href="\(SiteURL.organization(slug: org.slug))">← \(org.name)</a></p>
            <h1>\(t(.newPlanHeading))</h1>
            \(errors.isEmpty ? HTML() : EditorPages.banner(LocalizedText(.msgCorrectFieldsInRed), t))
            \(existing.map { existingPlanNotice(request, organization: org, existing: $0) } ?? HTML())
            <form method="post" action="\(SiteURL.newPlan(slug: org.slug))" class="editor" novalidate>
            \(CSRF.field(request))
            <fieldset><legend>1. \(t(.planCycle))</legend><ul class="plain">\(cycles)\(custom)</ul></fieldset>
            <fieldset><legend>2. \(t(.planTitle))</legend>
            <label for="title">\(t(.wizardTitleHint))</label>
            <textarea id="title" name="title" rows="2">\(form.title ?? "")</textarea>\(EditorPages.fieldError(errors, "title", t))</fieldset>
            <fieldset><legend>3. \(t(.startFromStandardMeasures))</legend>
            <p class="hint">\(t(.wizardMeasuresHint))</p>
            \(EditorPages.fieldError(errors, "measures", t))
            \(groups)</fieldset>
            <p><button type="submit" class="primary">\(t(.createThePlan))</button></p>
            </form>
            """
        return Layout.page(request: request, title: t(.newPlan), body: body)
    }
}
