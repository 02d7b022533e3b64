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
        let th = t.language == .thai
        let body: HTML = """
            <p><a href="\(SiteURL.organization(org.slug))">← \(org.name)</a></p>
            <h1>\(th ? "นำเข้าแผนจากเอกสาร" : "Import a plan document")</h1>
            <p class="lead">\(th ? "เลือกไฟล์แผนที่มีอยู่ (Word .docx, HTML หรือข้อความ .txt ที่คัดลอกจาก Word/PDF) ระบบจะอ่านโครงสร้าง งบประมาณ และรายละเอียดโครงการ แล้วแสดงผลพร้อมรายการสิ่งที่อ่านไม่ได้และตัวเลขที่ไม่ตรงกัน ให้ตรวจแก้ก่อนรับเข้าเป็นร่างแผน" : "Choose an existing plan (Word .docx, HTML, or .txt copied from Word/PDF). Sujarit reads its structure, budgets and project sheets and shows what it could not read and every stated figure that disagrees, for you to correct before accepting it as a draft plan.")</p>
            \(EditorPages.banner(error, t))
            <form method="post" action="\(SiteURL.organization(org.slug))/import" enctype="multipart/form-data" class="editor">
            \(CSRF.field(request))
            <label for="document">\(th ? "ไฟล์เอกสาร (ไม่เกิน 20 MB)" : "Document (up to 20 MB)")</label>
            <input type="file" id="document" name="document" accept=".docx,.html,.htm,.txt,text/plain,text/html,application/vnd.openxmlformats-officedocument.wordprocessingml.document" required>
            <p><button type="submit" class="primary">\(th ? "อ่านเอกสาร" : "Read the document")</button></p>
            </form>
            """
        return Layout.page(request: request, title: th ? "นำเข้าแผน" : "Import", body: body)
    }

    /// A finding's place in words: the nearby text (and table/row) when it was kept.
    static func placeText(_ line: Int, report: Report, _ t: Translator) -> String {
        if let place = report.places?[String(line)] { return place.text(format: report.format, thai: t.language == .thai) }
        return t(report.format == .docx ? .placeParagraph : .placeLine, String(line))
    }

    static func reviewPage(_ request: Request, plan: Plan, organization org: Organization, report: Report, pending: Bool, settled: Bool = false) -> HTML {
        let t = request.t
        let th = t.language == .thai
        let summary = PlanSummary(plan: plan)
        let base = SiteURL.plan(plan.id)
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
            return "<li>\(number)) <a href=\"\(base)/items/\(item.id)/edit\">\(item.name)</a> <span class=\"muted\">\(mission)\(item.sheet == nil ? (th ? " · ไม่มีรายละเอียดโครงการ" : " · no sheet") : "")</span></li>"
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
                    <form method="post" action="\(base)/import/replace-name" class="inline">\(CSRF.field(request))<input type="hidden" name="version" value="\(plan.version)">
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
        let monitoring: HTML = report.monitoringRows.isEmpty ? "" : """
            <p class="notice">\(th ? "เอกสารนี้เป็นรายงานผลการดำเนินงาน อ่านได้ \(report.monitoringRows.count) แถว" : "This document is a results report: \(report.monitoringRows.count) rows read")</p>
            """
        let actions: HTML = pending ? """
            <form method="post" action="\(base)/import/accept" class="inline">\(CSRF.field(request))<button type="submit" class="primary">\(th ? "รับเข้าเป็นร่างแผน" : "Accept as a draft plan")</button></form>
            <form method="post" action="\(base)/import/discard" class="inline">\(CSRF.field(request))<button type="submit">\(th ? "ทิ้งการนำเข้านี้" : "Discard this import")</button></form>
            """ : settled
            ? "<p class=\"notice\">\(th ? "แผนนี้เสนออนุมัติ อนุมัติ หรือเผยแพร่ไปแล้ว การนำเข้าถือว่าเสร็จสิ้น" : "This plan has been submitted, approved or published; the import is settled")</p>"
            : "<p class=\"notice success\">\(th ? "รับเข้าเป็นร่างแผนแล้ว" : "Accepted as a draft plan")</p>"
        let body: HTML = """
            <p><a href="\(SiteURL.organization(org.slug))">← \(org.name)</a></p>
            <h1>\(th ? "ตรวจผลการนำเข้า" : "Review the import"): \(report.fileName)</h1>
            <p>\(th ? "ชื่อองค์กรในเอกสาร" : "Organization in the document"): \(report.organizationName.isEmpty ? "-" : report.organizationName) · \(plan.title)</p>
            \(otherNotice)
            \(monitoring)
            <div class="side-by-side">
            <section><h2>\(th ? "แผนที่อ่านได้" : "The plan as read")</h2>
            <div class="table-wrap"><table><thead><tr><th>\(t(.dimension))</th><th class="num">\(th ? "จำนวน" : "Items")</th>\(yearHeads)</tr></thead>
            <tbody>\(rows)<tr class="grand"><td>\(t(.grandTotal))</td><td class="num">\(summary.itemCount)</td>\(totals)</tr></tbody></table></div>
            <ol class="plain import-items">\(items)</ol>
            <p><a class="button" href="\(base)/edit">\(th ? "แก้ไขในหน้าแก้ไขแผน" : "Correct it in the plan editor")</a></p></section>
            <section><h2>\(th ? "ผลการตรวจเอกสาร" : "Diagnosis") (\(report.findings.count))</h2>
            \(findings.isEmpty ? HTML("<p>\(t(.noFindings))</p>") : HTML("<ul class=\"findings\">\(findings)</ul>"))</section>
            </div>
            \(actions)
            """
        return Layout.page(request: request, title: th ? "ตรวจผลการนำเข้า" : "Review the import", body: body)
    }
}
