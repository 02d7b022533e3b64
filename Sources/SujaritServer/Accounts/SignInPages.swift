import Foundation
import Vapor
import SujaritCore
import SujaritPersistence
import SujaritExport

extension Pages {
    static func login(_ request: Request, username: String = "", failed: Bool = false, next: String = SiteURL.home.path) -> HTML {
        let t = request.t
        let body: HTML = """
            <h1>\(t(.signIn))</h1>
            \(failed ? "<p class=\"error-message\" role=\"alert\">\(t(.signInFailed))</p>" : HTML())
            <form method="post" action="\(SiteURL.signIn)">
            \(CSRF.field(request))
            <input type="hidden" name="next" value="\(next)">
            <label for="username">\(t(.username))</label>
            <input type="text" id="username" name="username" value="\(username)" autocomplete="username" required autofocus>
            <label for="password">\(t(.password))</label>
            <input type="password" id="password" name="password" autocomplete="current-password" required>
            <p><button type="submit">\(t(.signIn))</button></p>
            </form>
            """
        return Layout.page(request: request, title: t(.signIn), body: body)
    }
}
