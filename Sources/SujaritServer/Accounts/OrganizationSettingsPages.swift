import Foundation
import Vapor
import SujaritCore
import SujaritPersistence

extension OrganizationController {
    static func page(_ request: Request, organization org: Organization, form: SettingsForm, errors: FormErrors) -> HTML {
        let t = request.t
        func field(_ name: String, _ label: String, _ value: String?) -> HTML {
            """
            <label for="\(name)">\(label)</label><input type="text" id="\(name)" name="\(name)" value="\(value ?? "")">\(EditorPages.fieldError(errors, name, t))
            """
        }
        let kinds: [HTML] = OrganizationKind.allCases.map { kind in
            "<option value=\"\(kind.rawValue)\"\(form.kind == kind.rawValue ? HTML(" selected") : HTML())>\(t.name(kind))</option>"
        }
        let body: HTML = """
            <p><a href="\(SiteURL.organization(slug: org.slug))">← \(org.name)</a></p>
            <h1>\(t(.organizationDetails))</h1>
            \(errors.isEmpty ? HTML() : EditorPages.banner(LocalizedText(.msgCorrectFieldsInRed), t))
            <form method="post" action="\(SiteURL.organizationSettings(slug: org.slug))" class="editor" novalidate>
            \(CSRF.field(request))
            \(field("name", t(.organizationName), form.name))
            <label for="kind">\(t(.kindColumn))</label><select id="kind" name="kind">\(kinds)</select>\(EditorPages.fieldError(errors, "kind", t))
            \(field("district", t(.district), form.district))
            \(field("province", t(.province), form.province))
            \(field("website", t(.website), form.website))
            \(field("phone", t(.phone), form.phone))
            <label for="units">\(t(.unitsOnePerLine))</label>
            <textarea id="units" name="units" rows="6">\(form.units ?? "")</textarea>\(EditorPages.fieldError(errors, "units", t))
            <fieldset><legend>\(t(.digitsInDocumentsAndPages))</legend>
            <label class="check"><input type="radio" name="digitStyle" value="thai"\(form.digitStyle == "thai" ? HTML(" checked") : HTML())> \(t(.thaiDigitsOption))</label>
            <label class="check"><input type="radio" name="digitStyle" value="arabic"\(form.digitStyle == "arabic" ? HTML(" checked") : HTML())> \(t(.arabicDigitsOption))</label>
            \(EditorPages.fieldError(errors, "digitStyle", t))</fieldset>
            <p><button type="submit" class="primary">\(t(.save))</button></p>
            </form>
            """
        return Layout.page(request: request, title: t(.organizationDetails), body: body)
    }
}
