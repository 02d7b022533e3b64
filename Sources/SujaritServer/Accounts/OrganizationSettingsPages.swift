import Foundation
import Vapor
import SujaritCore
import SujaritPersistence

extension OrganizationController {
    static func page(_ request: Request, organization org: Organization, form: SettingsForm, errors: FormErrors) -> HTML {
        let t = request.t
        let th = t.language == .thai
        func field(_ name: String, _ label: String, _ value: String?) -> HTML {
            """
            <label for="\(name)">\(label)</label><input type="text" id="\(name)" name="\(name)" value="\(value ?? "")">\(EditorPages.fieldError(errors, name, t))
            """
        }
        let kinds: [HTML] = OrganizationKind.allCases.map { kind in
            "<option value=\"\(kind.rawValue)\"\(form.kind == kind.rawValue ? HTML(" selected") : HTML())>\(th ? kind.thaiName : kind.englishName)</option>"
        }
        let body: HTML = """
            <p><a href="\(SiteURL.organization(org.slug))">← \(org.name)</a></p>
            <h1>\(th ? "ข้อมูลองค์กร" : "Organization details")</h1>
            \(errors.isEmpty ? HTML() : EditorPages.banner(LocalizedText(th: "กรุณาแก้ไขช่องที่มีข้อความสีแดง", en: "Please correct the fields marked in red"), t))
            <form method="post" action="\(SiteURL.organization(org.slug))/settings" class="editor" novalidate>
            \(CSRF.field(request))
            \(field("name", th ? "ชื่อองค์กร" : "Name", form.name))
            <label for="kind">\(th ? "ประเภท" : "Kind")</label><select id="kind" name="kind">\(kinds)</select>\(EditorPages.fieldError(errors, "kind", t))
            \(field("district", t(.district), form.district))
            \(field("province", t(.province), form.province))
            \(field("website", t(.website), form.website))
            \(field("phone", t(.phone), form.phone))
            <label for="units">\(th ? "ส่วนราชการ (หนึ่งบรรทัดต่อหนึ่งหน่วย)" : "Units (one per line)")</label>
            <textarea id="units" name="units" rows="6">\(form.units ?? "")</textarea>\(EditorPages.fieldError(errors, "units", t))
            <fieldset><legend>\(th ? "ตัวเลขในเอกสารและหน้าเว็บ" : "Digits in documents and pages")</legend>
            <label class="check"><input type="radio" name="digitStyle" value="thai"\(form.digitStyle == "thai" ? HTML(" checked") : HTML())> \(th ? "เลขไทย (๒๕๖๘)" : "Thai digits (๒๕๖๘)")</label>
            <label class="check"><input type="radio" name="digitStyle" value="arabic"\(form.digitStyle == "arabic" ? HTML(" checked") : HTML())> \(th ? "เลขอารบิก (2568)" : "Arabic digits (2568)")</label>
            \(EditorPages.fieldError(errors, "digitStyle", t))</fieldset>
            <p><button type="submit" class="primary">\(th ? "บันทึก" : "Save")</button></p>
            </form>
            """
        return Layout.page(request: request, title: th ? "ข้อมูลองค์กร" : "Organization details", body: body)
    }
}
