import Foundation
import Vapor
import Fluent
import SujaritCore
import SujaritImport
import SujaritPersistence
import SujaritAPIModels

extension ImportController {
    // MARK: Pages

    /// The upload form; `existing` (with `error` as its explanation) when the document's years
    /// already have a plan that it could not become a revision of.
    static func uploadPage(_ request: Request, organization org: Organization, error: LocalizedText?,
                           existing: PlanListEntry? = nil) -> HTML {
        let t = request.t
        let notice: HTML = existing.map { WizardController.existingPlanNotice(request, organization: org, existing: $0, message: error) }
            ?? EditorPages.banner(error, t)
        let body: HTML = """
            <p><a href="\(SiteURL.organization(slug: org.slug))">← \(org.name)</a></p>
            <h1>\(t(.importAPlanDocument))</h1>
            <p class="lead">\(t(.importLead))</p>
            \(notice)
            <form method="post" action="\(SiteURL.importDocument(slug: org.slug))" enctype="multipart/form-data" class="editor">
            \(CSRF.field(request))
            <label for="document">\(t(.documentFileLimit))</label>
            <input type="file" id="document" name="document" accept=".docx,.pdf,.html,.htm,.txt,text/plain,text/html,application/pdf,application/vnd.openxmlformats-officedocument.wordprocessingml.document" required>
            <p><button type="submit" class="primary">\(t(.readTheDocument))</button></p>
            </form>
            """
        return Layout.page(request: request, title: t(.importPlan), body: body)
    }

    /// A finding's place in words: the nearby text (and table/row) when it was kept.
    static func placeText(_ line: Int, report: Report, _ t: Translator) -> String {
        if let place = report.places?[String(line)] { return place.text(format: report.format, thai: t.language == .thai) }
        return t(report.format == .docx ? .placeParagraph : .placeLine, String(line))
    }

    /// `previous`: the revision before this one, when the document became the next revision of
    /// a plan that was already approved or published.
    static func reviewPage(_ request: Request, plan: Plan, organization org: Organization, report: Report, pending: Bool, settled: Bool = false,
                           previous: PlanListEntry? = nil) -> HTML {
        let t = request.t
        let summary = PlanSummary(plan: plan)
        let years = plan.fiscalYears
        let yearHeads: [HTML] = years.map { "<th class=\"num\">\($0.be)</th>" }
        var rows: [HTML] = summary.dimensions.map { d in
            let cells: [HTML] = years.map { "<td class=\"num\">\((d.budgetByYear[$0] ?? .zero) == .zero ? "-" : d.budgetByYear[$0]!.formatted())</td>" }
            return "<tr><td>\(t(.dimension)) \(d.number)</td><td class=\"num\">\(d.itemCount)</td>\(cells)</tr>"
        }
        // Items without a mission are counted too, so the rows add up to the total.
        let unplacedItems = plan.orderedItems.filter { item in item.missionCode.flatMap { plan.mission(code: $0) } == nil }
        if !unplacedItems.isEmpty {
            let cells: [HTML] = years.map { year in
                let sum = unplacedItems.compactMap { $0.budgets[year]?.countedAmount }.reduce(Money.zero, +)
                return "<td class=\"num\">\(sum == .zero ? "-" : sum.formatted())</td>"
            }
            rows.append("<tr class=\"unplaced\"><td>\(t(.unplaced))</td><td class=\"num\">\(unplacedItems.count)</td>\(cells)</tr>")
        }
        let totals: [HTML] = years.map { "<td class=\"num\">\((summary.budgetByYear[$0] ?? .zero) == .zero ? "-" : summary.budgetByYear[$0]!.formatted())</td>" }
        // Numbered as in the document: in the document's order, or by the sheet's own
        // "ลำดับที่" when the document gave one.
        let items: [HTML] = plan.orderedItems.enumerated().map { index, item in
            let number = item.sheet?.sheetNumber ?? (index + 1)
            let mission = item.missionCode.map { t(.missionCodeLabel, $0) } ?? t(.noMissionYet)
            return "<li>\(number)) <a href=\"\(SiteURL.editItem(plan: plan.id, item: item.id))\">\(item.name)</a> <span class=\"muted\">\(mission)\(item.sheet == nil ? t(.withoutSheetSuffix) : "")</span></li>"
        }
        let findings: [HTML] = report.findings.map { finding in
            let place = finding.line.map { placeText($0, report: report, t) }
            let line: HTML = place.map { "<span class=\"muted\">\($0):</span> " } ?? ""
            return "<li class=\"finding-\(finding.severity.rawValue == "error" ? "error" : "warning")\">\(line)\(t.pick(finding.message))</li>"
        }
        let otherNotice: HTML
        if let other = otherOrganization(report, importing: org) {
            let left = plan.occurrences(of: other)
            if left == 0 {
                otherNotice = "<p class=\"notice success\">\(t(.organizationNameReplaced, other, org.name))</p>"
            } else {
                let button: HTML = pending ? """
                    <form method="post" action="\(SiteURL.importReplaceName(plan.id))" class="inline">\(CSRF.field(request))<input type="hidden" name="version" value="\(plan.version)">
                    <button type="submit">\(t(.replaceOrganizationName, other, org.name, String(left)))</button></form>
                    """ : ""
                otherNotice = """
                    <div class="notice error other-organization" role="alert"><p>\(t(.otherOrganizationWarning, other, org.name))</p>
                    \(button)</div>
                    """
            }
        } else {
            otherNotice = ""
        }
        let revisionNotice: HTML = previous.map { before in
            let years = ThaiCalendar.yearRange(plan.firstYear, plan.lastYear)
            return """
                <div class="notice imported-revision"><p>\(t(.importedAsRevision, String(plan.revision), years, String(before.revision), t.name(before.status)))</p>
                <p><a href="\(SiteURL.compare(plan.id, with: before.id))">\(t(.compareWithRevision, String(before.revision)))</a></p></div>
                """
        } ?? HTML()
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
            \(revisionNotice)
            \(otherNotice)
            \(monitoring)
            <div class="side-by-side">
            <section><h2>\(t(.thePlanAsRead))</h2>
            <div class="table-wrap"><table><thead><tr><th>\(t(.dimension))</th><th class="num">\(t(.itemCount))</th>\(yearHeads)</tr></thead>
            <tbody>\(rows)<tr class="grand"><td>\(t(.grandTotal))</td><td class="num">\(summary.itemCount)</td>\(totals)</tr></tbody></table></div>
            <ol class="plain import-items">\(items)</ol>
            <p><a class="button" href="\(SiteURL.editor(plan.id))">\(t(.correctItInThePlanEditor))</a></p></section>
            <section><h2>\(t(.diagnosis)) (\(report.findings.count))</h2>
            \(findings.isEmpty ? HTML("<p>\(t(.noFindings))</p>") : HTML("<ul class=\"findings\">\(findings)</ul>"))</section>
            </div>
            \(actions)
            """
        return Layout.page(request: request, title: t(.reviewTheImport), body: body)
    }
}
