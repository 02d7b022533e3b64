import Foundation
import Vapor
import SujaritCore

extension Pages {
    /// เปลี่ยนรหัสผ่าน: the form, its errors, and after a change how many sessions it ended.
    static func changePassword(_ request: Request, viewer: Viewer, errors: FormErrors, changed: Int? = nil) -> HTML {
        let t = request.t
        func field(_ name: String, _ label: String, _ autocomplete: String) -> HTML {
            """
            <label for="\(name)">\(label)</label>
            <input type="password" id="\(name)" name="\(name)" autocomplete="\(autocomplete)" required>\(EditorPages.fieldError(errors, name, t))
            """
        }
        let notice: HTML = changed.map { "<p class=\"notice success\" role=\"status\">\(t(.passwordChanged, String($0)))</p>" } ?? HTML()
        let body: HTML = """
            <h1>\(t(.changePassword))</h1>
            \(notice)
            <p class="lead">\(t(.passwordChangeEndsSessions))</p>
            <form method="post" action="\(SiteURL.changePassword)" class="editor" novalidate>
            \(CSRF.field(request))
            <input type="text" name="username" value="\(viewer.username)" autocomplete="username" hidden>
            \(field("current", t(.currentPassword), "current-password"))
            \(field("newPassword", t(.newPassword), "new-password"))
            <p class="hint">\(t(.passwordRules, String(PasswordPolicy.minimumLength)))</p>
            \(field("confirmation", t(.confirmNewPassword), "new-password"))
            <p><button type="submit" class="primary">\(t(.changePassword))</button></p>
            </form>
            """
        return Layout.page(request: request, title: t(.changePassword), body: body)
    }
}
