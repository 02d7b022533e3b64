import Foundation
import Vapor
import Fluent
import SujaritCore
import SujaritImport
import SujaritPersistence
import SujaritAPIModels

extension ImportController {
    // MARK: Pages

    static func uploadPage(_ request: Request, organization org: Organization, error: LocalizedText?) -> HTML {
        let t = request.t
        let body: HTML = """
            <p><a href="\(SiteURL.organization(slug: org.slug))">← \(org.name)</a></p>
            <h1>\(t(.importAPlanDocument))</h1>
            <p class="lead">\(t(.importLead))</p>
            \(EditorPages.banner(error, t))
            <form method="post" action="\(SiteURL.importDocument(slug: org.slug))" enctype="multipart/form-data" class="editor">
            \(CSRF.field(request))
            <label for="document">\(t(.documentFileLimit))</label>
            <input type="file" id="document" name="document" accept=".docx,.html,.htm,.txt,text/plain,text/html,application/vnd.openxmlformats-officedocument.wordprocessingml.document" required>
            <p><button type="submit" class="primary">\(t(.readTheDocument))</button></p>
            </form>
            """
        return Layout.page(request: request, title: t(.importPlan), body: body)
    }

    static func reviewPage(_ request: Request, plan: Plan, organization org: Organization, report: Report, pending: Bool, settled: Bool = false) -> HTML {
        let t = request.t
        let summary = PlanSummary(plan: plan)
        let years = plan.fiscalYears
        let yearHeads: [HTML] = years.map { "<th class=\"num\">\($0.be)</th>" }
        let rows: [HTML] = summary.dimensions.map { d in
            let cells: [HTML] = years.map { "<td class=\"num\">\((d.budgetByYear[$0] ?? .zero) == .zero ? "-" : d.budgetByYear[$0]!.formatted())</td>" }
            return "<tr><td>\(t(.dimension)) \(d.number)</td><td class=\"num\">\(d.itemCount)</td>\(cells)</tr>"
        }
        let totals: [HTML] = years.map { "<td class=\"num\">\((summary.budgetByYear[$0] ?? .zero) == .zero ? "-" : summary.budgetByYear[$0]!.formatted())</td>" }
        let numbers = plan.itemNumbers
        let items: [HTML] = plan.orderedItems.map { item in
            "<li>\(numbers[item.id] ?? 0)) <a href=\"\(SiteURL.editItem(plan: plan.id, item: item.id))\">\(item.name)</a> <span class=\"muted\">\(item.missionCode ?? "?")\(item.sheet == nil ? t(.withoutSheetSuffix) : "")</span></li>"
        }
        let findings: [HTML] = report.findings.map { finding in
            let line: HTML = finding.line.map { "<span class=\"muted\">\(t(.line)) \($0):</span> " } ?? ""
            return "<li class=\"finding-\(finding.severity.rawValue == "error" ? "error" : "warning")\">\(line)\(t.pick(finding.message))</li>"
        }
        let monitoring: HTML = report.monitoringRows.isEmpty ? "" : """
            <p class="notice">\(t(.resultsReportRows, String(report.monitoringRows.count)))</p>
            """
        let actions: HTML = pending ? """
            <form method="post" action="\(SiteURL.importAccept(plan.id))" class="inline">\(CSRF.field(request))<button type="submit" class="primary">\(t(.acceptAsADraftPlan))</button></form>
            <form method="post" action="\(SiteURL.importDiscard(plan.id))" class="inline">\(CSRF.field(request))<button type="submit">\(t(.discardThisImport))</button></form>
            """ : settled
            ? "<p class=\"notice\">\(t(.importSettled))</p>"
            : "<p class=\"notice success\">\(t(.acceptedAsADraftPlan))</p>"
        let body: HTML = """
            <p><a href="\(SiteURL.organization(slug: org.slug))">← \(org.name)</a></p>
            <h1>\(t(.reviewTheImport)): \(report.fileName)</h1>
            <p>\(t(.organizationInTheDocument)): \(report.organizationName.isEmpty ? "-" : report.organizationName) · \(plan.title)</p>
            \(monitoring)
            <div class="side-by-side">
            <section><h2>\(t(.thePlanAsRead))</h2>
            <div class="table-wrap"><table><thead><tr><th>\(t(.dimension))</th><th class="num">\(t(.itemCount))</th>\(yearHeads)</tr></thead>
            <tbody>\(rows)<tr class="grand"><td>\(t(.grandTotal))</td><td class="num">\(summary.itemCount)</td>\(totals)</tr></tbody></table></div>
            <ol class="plain">\(items)</ol>
            <p><a class="button" href="\(SiteURL.editor(plan.id))">\(t(.correctItInThePlanEditor))</a></p></section>
            <section><h2>\(t(.diagnosis)) (\(report.findings.count))</h2>
            \(findings.isEmpty ? HTML("<p>\(t(.noFindings))</p>") : HTML("<ul class=\"findings\">\(findings)</ul>"))</section>
            </div>
            \(actions)
            """
        return Layout.page(request: request, title: t(.reviewTheImport), body: body)
    }
}
