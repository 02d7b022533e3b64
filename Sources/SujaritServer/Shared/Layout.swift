import Foundation
import Vapor
import SujaritCore

/// The frame every page shares: head, header with sign-in state and language switch, main.
enum Layout {
    static func page(request: Request, title: String, body: HTML) -> HTML {
        let t = request.t
        let other: Language = request.language == .thai ? .english : .thai
        let switchURL = languageSwitchURL(request, to: other)
        let account: HTML
        if let viewer = request.viewer {
            account = """
                <span class="who">\(t(.signedInAs)) \(viewer.displayName.isEmpty ? viewer.username : viewer.displayName)</span>
                <a href="\(SiteURL.changePassword)">\(t(.changePassword))</a>
                <form method="post" action="\(SiteURL.signOut)" class="inline">\(CSRF.field(request))<button type="submit">\(t(.signOut))</button></form>
                """
        } else {
            account = "<a href=\"\(SiteURL.signIn)\">\(t(.signIn))</a>"
        }
        return """
            <!doctype html>
            <html lang="\(request.language.rawValue)">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(title) · \(t(.appName))</title>
            <link rel="stylesheet" href="\(SiteURL.stylesheet)">
            </head>
            <body>
            <a class="skip" href="#main">\(t(.skipToContent))</a>
            <header class="site">
            <a class="brand" href="\(SiteURL.home)">\(t(.appName))</a>
            <nav>\(account) <a href="\(switchURL)" lang="\(other.rawValue)">\(t(.language))</a></nav>
            </header>
            <main id="main">
            \(body)
            </main>
            <footer class="site"><p>\(t(.appTagline))</p></footer>
            </body>
            </html>
            """
    }

    static func languageSwitchURL(_ request: Request, to language: Language) -> String {
        var components = URLComponents()
        components.path = request.url.path
        var items = (URLComponents(string: request.url.string)?.queryItems ?? []).filter { $0.name != "lang" }
        items.append(URLQueryItem(name: "lang", value: language.rawValue))
        components.queryItems = items
        return components.string ?? "/?lang=\(language.rawValue)"
    }

    static func response(_ html: HTML, status: HTTPResponseStatus = .ok) -> Response {
        let response = Response(status: status)
        response.headers.contentType = .html
        response.body = .init(string: html.rendered)
        return response
    }

    /// The item form's only script (/assets/editor.js; every form works without it): choosing
    /// a mission sends the form back through the server, which answers with the chosen
    /// mission's sub-missions and everything typed kept — the same as the button it hides.
    static let editorScript = """
        document.addEventListener('DOMContentLoaded', function () {
          var button = document.getElementById('refresh-submissions');
          var mission = document.getElementById('missionCode');
          if (!button || !mission) return;
          button.hidden = true;
          mission.addEventListener('change', function () { button.click(); });
        });
        """

    /// The stylesheet, served from /assets/app.css (no inline styles, so the CSP stays strict).
    /// Laid out for A4-like reading on a desk and for a phone; Thai fonts from the system.
    static let stylesheet = """
        :root { --ink: #1d2433; --muted: #5b6477; --line: #d5dae3; --accent: #0b5cad; --bad: #a4161a; --warn: #8a5a00; --bg: #f7f8fa; }
        * { box-sizing: border-box; }
        body { margin: 0; font-family: "TH Sarabun New", "Sarabun", "Laksaman", "Noto Sans Thai", "Tahoma", sans-serif; font-size: 18px; line-height: 1.6; color: var(--ink); background: var(--bg); }
        a { color: var(--accent); }
        .skip { position: absolute; left: -999px; } .skip:focus { left: 8px; top: 8px; background: #fff; padding: 4px 8px; }
        header.site, footer.site { display: flex; flex-wrap: wrap; gap: 12px; justify-content: space-between; align-items: center; padding: 10px 20px; background: #fff; border-bottom: 1px solid var(--line); }
        footer.site { border-top: 1px solid var(--line); border-bottom: 0; color: var(--muted); font-size: 15px; margin-top: 40px; }
        .brand { font-weight: bold; font-size: 22px; text-decoration: none; }
        nav { display: flex; gap: 14px; align-items: center; flex-wrap: wrap; }
        form.inline { display: inline; }
        main { max-width: 1180px; margin: 0 auto; padding: 16px 20px; }
        h1 { font-size: 28px; line-height: 1.3; } h2 { font-size: 23px; margin-top: 32px; }
        .lead, .muted { color: var(--muted); }
        .notice { background: #fff6dd; border: 1px solid #e8cf87; padding: 8px 12px; border-radius: 6px; }
        .error-message { color: var(--bad); }
        .table-wrap { overflow-x: auto; background: #fff; border: 1px solid var(--line); border-radius: 6px; }
        table { border-collapse: collapse; width: 100%; font-size: 17px; }
        th, td { border: 1px solid var(--line); padding: 6px 8px; vertical-align: top; text-align: left; }
        th { background: #eef1f6; }
        td.num, th.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
        table.plan-table td:nth-child(1) { min-width: 110px; width: 10%; }
        table.plan-table td:nth-child(2) { min-width: 140px; width: 16%; }
        table.plan-table td:nth-child(3) { min-width: 220px; width: 26%; }
        table.plan-table th.num { white-space: normal; min-width: 84px; }
        table.plan-table th:last-child, table.plan-table td:last-child { min-width: 90px; word-break: keep-all; }
        tr.subtotal td { background: #f3f5f9; font-weight: bold; }
        tr.grand td { background: #e4e9f2; font-weight: bold; }
        ul.cards { list-style: none; padding: 0; display: grid; grid-template-columns: repeat(auto-fill, minmax(260px, 1fr)); gap: 12px; }
        ul.cards li { background: #fff; border: 1px solid var(--line); border-radius: 6px; padding: 12px; }
        dl.sheet dt { font-weight: bold; margin-top: 14px; } dl.sheet dd { margin-left: 0; }
        .finding-error { color: var(--bad); } .finding-warning { color: var(--warn); }
        label { display: block; margin-top: 10px; font-weight: bold; }
        input[type=text], input[type=password], input[type=search] { width: 100%; max-width: 360px; font-size: 18px; padding: 6px 8px; }
        form.directory-search select { font-size: 17px; padding: 4px 6px; max-width: 360px; }
        ul.provinces { list-style: none; padding: 0; columns: 4 180px; } ul.provinces li { margin: 2px 0; }
        nav.pager { display: flex; gap: 16px; justify-content: center; margin: 16px 0; }
        button { font-size: 17px; padding: 6px 14px; cursor: pointer; }
        .badge { display: inline-block; padding: 0 8px; border-radius: 10px; background: #e8eef8; font-size: 15px; }
        .badge.published { background: #dff3e4; } .badge.draft { background: #fff1cc; }
        .field-error { color: var(--bad); margin: 2px 0 0; font-size: 16px; }
        [aria-invalid=true] { border: 2px solid var(--bad); }
        .notice.error, .notice.conflict { background: #fdecec; border-color: #e7a3a3; }
        .notice.success { background: #e6f5ea; border-color: #9fd1ac; }
        .hint { color: var(--muted); font-size: 15px; margin: 0; }
        form.editor textarea, form.editor input[type=text], form.editor select { width: 100%; max-width: 900px; font: inherit; padding: 6px 8px; }
        fieldset { border: 1px solid var(--line); border-radius: 6px; margin: 16px 0; padding: 8px 14px 14px; background: #fff; }
        legend { font-weight: bold; padding: 0 6px; }
        label.check { display: inline-flex; gap: 6px; font-weight: normal; align-items: center; }
        .month-boxes { display: flex; flex-wrap: wrap; gap: 4px 14px; }
        table.month-grid { width: auto; } table.month-grid th, table.month-grid td { text-align: center; min-width: 2.6em; padding: 4px; }
        .months-run { display: block; font-size: 0.92em; color: #444; }
        table.budgets td, table.budgets th { border: 0; padding: 4px 8px 4px 0; }
        td.actions { white-space: nowrap; }
        a.button, button { display: inline-block; border: 1px solid #b8c2d3; background: #fff; border-radius: 5px; padding: 3px 10px; text-decoration: none; color: var(--ink); font-size: 16px; margin: 2px 2px 2px 0; }
        button.primary { background: var(--accent); color: #fff; border-color: var(--accent); padding: 6px 18px; }
        a.button.danger { color: var(--bad); }
        .steps form { margin-right: 6px; }
        ul.plain, ol.plain { list-style: none; padding-left: 0; }
        ul.findings { margin: 4px 0; padding-left: 18px; font-size: 16px; }
        span.missing { color: var(--warn); font-weight: bold; }
        section.dimension { border-top: 2px solid var(--line); margin-top: 20px; }
        :focus-visible { outline: 3px solid #f0a500; outline-offset: 2px; }
        .side-by-side { display: grid; grid-template-columns: 1fr 1fr; gap: 20px; }
        @media (max-width: 900px) { .side-by-side { grid-template-columns: 1fr; } }
        p.downloads { margin: 4px 0 12px; }
        .badge, .risk-level { white-space: nowrap; word-break: keep-all; }
        table.risk-table td:nth-child(n+2), table.risk-table th:nth-child(n+2) { min-width: 9em; }
        table.risk-table td:nth-child(4), table.risk-table th:nth-child(4) { min-width: 6em; }
        table.monitoring-summary th.num { white-space: normal; min-width: 4.5em; }
        table.monitoring-summary td:first-child { min-width: 11em; }
        table.monitoring-records td:nth-child(2) { min-width: 14em; }
        table.monitoring-records th.num:not(:first-child) { white-space: normal; min-width: 6em; }
        table.monitoring-records td:nth-child(3) { min-width: 7em; }
        table.monitoring-records td:nth-child(7), table.monitoring-records td:nth-child(8) { min-width: 14em; }
        .plan-cards { display: none; }
        ul.item-cards { grid-template-columns: 1fr; margin: 6px 0; }
        .item-card p { margin: 0 0 4px; }
        .subtotal-card { background: #f3f5f9; border: 1px solid var(--line); border-radius: 6px; padding: 8px 12px; margin-bottom: 12px; }
        .grand-card { background: #e4e9f2; }
        .subtotal-card p { margin: 0; }
        dl.year-amounts { display: grid; grid-template-columns: auto 1fr; gap: 0 12px; margin: 4px 0 0; font-variant-numeric: tabular-nums; }
        dl.year-amounts dt { color: var(--muted); } dl.year-amounts dd { margin: 0; text-align: right; }
        .print-only { display: none; }
        @page { size: A4; margin: 2cm; }
        @page landscape { size: A4 landscape; margin: 1.5cm 2cm; }
        @media print {
          header.site, footer.site, nav, .skip, form, button, a.button, input, select, textarea, .downloads, .screen-only, .field-error { display: none !important; }
          .print-only { display: block; }
          body { background: #fff; color: #000; font-size: 15pt; line-height: 1.35; }
          main { max-width: none; margin: 0; padding: 0; }
          a { color: inherit; text-decoration: none; }
          h1 { font-size: 20pt; margin: 0 0 6pt; } h2 { font-size: 17pt; margin: 12pt 0 6pt; break-after: avoid; }
          .badge { border: 1px solid #999; background: none !important; }
          .notice { background: none; border: 1px solid #999; }
          .table-wrap { overflow: visible; border: 0; border-radius: 0; background: none; }
          table { font-size: 12.5pt; width: 100%; }
          th, td { border: 1px solid #555; padding: 2pt 4pt; }
          th { background: #eee; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
          thead { display: table-header-group; }
          tfoot { display: table-footer-group; }
          tr { break-inside: avoid; page-break-inside: avoid; }
          tr.subtotal td, tr.grand td { background: #f0f0f0; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
          section.print-sheet { break-before: page; page-break-before: always; }
          section.part2 { page: landscape; break-before: page; page-break-before: always; }
          table.plan-table { font-size: 11pt; table-layout: auto; }
          table.plan-table td:nth-child(1) { min-width: 0; width: 11%; }
          table.plan-table td:nth-child(2) { min-width: 0; width: 15%; }
          table.plan-table td:nth-child(3) { min-width: 0; width: 28%; }
          table.plan-table th:last-child, table.plan-table td:last-child { min-width: 0; width: 11%; }
          table.plan-table th.num { min-width: 0; white-space: normal; }
          table.plan-table td.num { white-space: nowrap; }
          section.part2 .table-wrap { display: block !important; }
          .plan-cards { display: none !important; }
          dl.sheet dt { break-after: avoid; page-break-after: avoid; margin-top: 8pt; }
          dl.sheet dd { orphans: 3; widows: 3; }
          ol, ul { margin-top: 2pt; margin-bottom: 2pt; }
        }
        @media (max-width: 640px) {
          body { font-size: 17px; } main { padding: 10px; } th, td { padding: 4px 5px; }
          section.part2 .table-wrap { display: none; }
          .plan-cards { display: block; }
        }
        """
}
