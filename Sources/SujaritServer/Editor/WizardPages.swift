import Foundation
import Vapor
import SujaritCore
import SujaritPersistence
import SujaritAPIModels

extension WizardController {
    /// What the wizard shows instead of creating a second plan for the same years: the
    /// existing plan and the one step that continues it.
    static func existingPlanNotice(_ request: Request, organization org: Organization, existing: PlanListEntry) -> HTML {
        let t = request.t
        let th = t.language == .thai
        let error = PlanService.seriesExists(existing, digits: org.digitStyle)
        let open: HTML = "<a class=\"button\" href=\"\(SiteURL.plan(existing.id))\">\(th ? "เปิดแผนเดิม" : "Open the existing plan")</a>"
        let next: HTML
        switch existing.status {
        case .draft:
            next = "<a class=\"button primary\" href=\"\(SiteURL.plan(existing.id))/edit\">\(th ? "แก้ไขฉบับร่างต่อ" : "Continue the draft")</a>"
        case .published:
            next = EditorPages.postButton(request, action: "\(SiteURL.plan(existing.id))/revise", version: 0,
                                          label: th ? "เริ่มฉบับแก้ไขใหม่ของแผนนี้" : "Start a new revision of this plan")
        default:
            next = ""
        }
        return """
            <div class="notice error existing-plan" role="alert"><p>\(t.pick(error.message))</p>
            <p>\(next) \(open)</p></div>
            """
    }

    static func page(_ request: Request, organization org: Organization, form: WizardForm, errors: FormErrors, existing: PlanListEntry? = nil) -> HTML {
        let t = request.t
        let th = t.language == .thai
        let chosen = Set(form.measures ?? [])
        let cycles: [HTML] = PlanCatalog.templates.map { template in
            """
            <li><label class="check"><input type="radio" name="cycle" value="\(template.id)"\(form.cycle == template.id ? HTML(" checked") : HTML())>
            \(template.thaiName)\(template.plansByMonth ? HTML(" <span class=\"muted\">(\(th ? "แผนรายเดือน" : "month by month"))</span>") : HTML())</label></li>
            """
        }
        let custom: HTML = """
            <li><label class="check"><input type="radio" name="cycle" value="custom"\(form.cycle == "custom" || form.cycle == nil ? HTML(" checked") : HTML())>
            \(th ? "กำหนดช่วงปีเอง เช่น แผนประจำปี 2568" : "Custom years, e.g. a one-year plan 2568")</label>
            <div class="years"><label for="firstYear">\(th ? "ปีแรก (พ.ศ.)" : "First year (B.E.)")</label>
            <input type="text" inputmode="numeric" id="firstYear" name="firstYear" value="\(form.firstYear ?? "")" maxlength="4">\(EditorPages.fieldError(errors, "firstYear", t))
            <label for="lastYear">\(th ? "ปีสุดท้าย (พ.ศ.)" : "Last year (B.E.)")</label>
            <input type="text" inputmode="numeric" id="lastYear" name="lastYear" value="\(form.lastYear ?? "")" maxlength="4">\(EditorPages.fieldError(errors, "lastYear", t))</div></li>
            """
        var groups: [HTML] = []
        for group in StandardMeasures.byMission {
            let boxes: [HTML] = group.measures.map { measure in
                """
                <li><label class="check"><input type="checkbox" name="measures[]" value="\(measure.id)"\(chosen.contains(measure.id) ? HTML(" checked") : HTML())>
                \(measure.name(organizationName: org.name))</label>\(th ? HTML() : HTML(" <span class=\"muted\">— \(measure.englishTitle)</span>"))</li>
                """
            }
            let missionName = PlanCatalog.cycle2566.dimensions.flatMap(\.missions).first { $0.code == group.missionCode }?.name ?? ""
            groups.append("<fieldset><legend>\(group.missionCode) \(missionName)</legend><ul class=\"plain\">\(boxes)</ul></fieldset>")
        }
        let body: HTML = """
            <p><a href="\(SiteURL.organization(org.slug))">← \(org.name)</a></p>
            <h1>\(th ? "จัดทำแผนปฏิบัติการป้องกันการทุจริตใหม่" : "New anti-corruption action plan")</h1>
            \(errors.isEmpty ? HTML() : EditorPages.banner(LocalizedText(th: "กรุณาแก้ไขช่องที่มีข้อความสีแดง", en: "Please correct the fields marked in red"), t))
            \(existing.map { existingPlanNotice(request, organization: org, existing: $0) } ?? HTML())
            <form method="post" action="\(SiteURL.organization(org.slug))/plans/new" class="editor" novalidate>
            \(CSRF.field(request))
            <fieldset><legend>1. \(th ? "รอบของแผน" : "Plan cycle")</legend><ul class="plain">\(cycles)\(custom)</ul></fieldset>
            <fieldset><legend>2. \(th ? "ชื่อแผน" : "Title")</legend>
            <label for="title">\(th ? "ชื่อแผน (เว้นว่างเพื่อใช้ชื่อตามแบบของ ป.ป.ช. พร้อมชื่อองค์กร)" : "Title (leave empty for the national template's title with your organization's name)")</label>
            <textarea id="title" name="title" rows="2">\(form.title ?? "")</textarea>\(EditorPages.fieldError(errors, "title", t))</fieldset>
            <fieldset><legend>3. \(th ? "เริ่มจากมาตรการมาตรฐาน (ไม่บังคับ)" : "Start from standard measures (optional)")</legend>
            <p class="hint">\(th ? "ติ๊กมาตรการที่ต้องการ ระบบจะสร้างรายการพร้อมร่างรายละเอียดโครงการ 9 หัวข้อที่ใส่ชื่อองค์กรแล้ว แก้ไขต่อได้ทุกช่อง ไม่ติ๊กเลยเพื่อเริ่มจากแผนว่าง" : "Tick the measures to include; each comes with a draft 9-field sheet with your organization's name, all editable. Tick none to start empty.")</p>
            \(EditorPages.fieldError(errors, "measures", t))
            \(groups)</fieldset>
            <p><button type="submit" class="primary">\(th ? "สร้างแผน" : "Create the plan")</button></p>
            </form>
            """
        return Layout.page(request: request, title: th ? "จัดทำแผนใหม่" : "New plan", body: body)
    }
}
