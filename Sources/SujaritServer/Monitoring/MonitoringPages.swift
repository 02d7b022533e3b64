import Foundation
import Vapor
import SujaritCore
import SujaritExport
import SujaritPersistence

/// Addresses of the monitoring pages and files (part of `SiteURL`).
typealias MonitoringURL = SiteURL.Monitoring

extension SiteURL {
enum Monitoring {
    static func dashboard(_ slug: String) -> String { "/o/\(slug)/monitoring" }
    static func openRound(_ planID: UUID) -> String { "\(SiteURL.plan(planID))/rounds" }
    static func round(_ id: UUID) -> String { "/rounds/\(id.uuidString.lowercased())" }
    static func record(_ roundID: UUID, _ recordID: UUID) -> String { "\(round(roundID))/records/\(recordID.uuidString.lowercased())" }
    static func action(_ roundID: UUID, _ name: String) -> String { "\(round(roundID))/\(name)" }
    static func report(_ roundID: UUID, _ kind: MonitoringDocumentKind) -> String {
        "\(round(roundID))/\(kind == .monitoring ? "report" : "annual")"
    }
    static func reportFile(_ roundID: UUID, _ kind: MonitoringDocumentKind, _ format: ExportFormat) -> String {
        "\(report(roundID, kind))/\(format.rawValue)"
    }
    static func chart(_ roundID: UUID, _ name: String) -> String { "\(round(roundID))/charts/\(name).svg" }
    static func apiRound(_ id: UUID) -> String { "/api/v1/rounds/\(id.uuidString.lowercased())" }
    static func evidence(_ roundID: UUID, _ evidenceID: UUID) -> String { "\(round(roundID))/evidence/\(evidenceID.uuidString.lowercased())" }
}
}

/// The monitoring pages. Every text an officer typed goes through the `HTML` type's escaping;
/// charts are SVG drawn by `MonitoringCharts` from numbers (their texts escaped by the XML writer).
enum MonitoringPages {
    static func progressName(_ request: Request, _ progress: ItemProgress?) -> String {
        progress.map { request.name(th: $0.thaiName, en: $0.englishName) } ?? request.mt(.notReported)
    }

    static func roundTitle(_ request: Request, _ round: MonitoringRound) -> String {
        request.name(th: round.thaiTitle, en: round.englishTitle)
    }

    static func statusBadge(_ request: Request, _ status: MonitoringRoundStatus) -> HTML {
        let css = status == .approved ? "published" : "draft"
        return "<span class=\"badge \(css)\">\(request.name(th: status.thaiName, en: status.englishName))</span>"
    }

    static func percent(_ value: Decimal?) -> String { value.map { NSDecimalNumber(decimal: $0).stringValue + "%" } ?? "-" }

    static func problemList(_ request: Request, _ errors: [(String, LocalizedText)]) -> HTML {
        guard !errors.isEmpty else { return "" }
        let items: [HTML] = errors.map { "<li>\(request.t.pick($0.1))</li>" }
        return "<div class=\"notice error\" role=\"alert\"><ul>\(items)</ul></div>"
    }

    // MARK: Dashboard

    struct PlanRounds {
        var plan: PlanListEntry
        var rounds: [MonitoringRound]
    }

    static func dashboard(_ request: Request, organization: Organization, plans: [PlanRounds], canEdit: Bool,
                          errors: [(String, LocalizedText)] = []) -> HTML {
        let sections: [HTML] = plans.map { entry in
            let openForm: HTML = canEdit ? """
                <form method="post" action="\(MonitoringURL.openRound(entry.plan.id))" class="inline">
                \(CSRF.field(request))
                <label for="year-\(entry.plan.id)">\(request.mt(.fiscalYear))</label>
                <select id="year-\(entry.plan.id)" name="fiscalYear">\((entry.plan.firstYear.be...entry.plan.lastYear.be).map { year -> HTML in "<option value=\"\(year)\">\(year)</option>" })</select>
                <label for="kind-\(entry.plan.id)">\(request.mt(.roundKind))</label>
                <select id="kind-\(entry.plan.id)" name="kind">\(MonitoringRoundKind.allCases.map { kind -> HTML in "<option value=\"\(kind.rawValue)\">\(request.name(th: kind.thaiName, en: kind.englishName))</option>" })</select>
                <button type="submit" class="primary">\(request.mt(.openRound))</button>
                <p class="hint">\(request.mt(.openRoundLead))</p>
                </form>
                """ : ""
            let rows: [HTML] = entry.rounds.map { round in
                let report = MonitoringReport(round: round, dimensions: [])
                let reported = report.total.itemCount - report.total.blank
                return """
                    <tr><td><a href="\(MonitoringURL.round(round.id))">\(roundTitle(request, round))</a></td>
                    <td>\(statusBadge(request, round.status))</td>
                    <td class="num">\(reported)/\(report.total.itemCount)</td>
                    <td class="num">\(report.total.disbursed.formatted()) / \(report.total.planned.formatted())</td>
                    <td class="num">\(report.total.indicatorsNotMet)</td></tr>
                    """
            }
            let openRounds = entry.rounds.filter { $0.status != .approved }
            let attention: [HTML] = openRounds.map { round in
                let blanks: [HTML] = round.blankRecords.prefix(50).map { "<li><a href=\"\(MonitoringURL.record(round.id, $0.id))\">\($0.itemNumber). \($0.itemName)</a></li>" }
                let below: [HTML] = MonitoringReport.belowTarget(round).prefix(50).map { pair in
                    "<li>\(pair.0.itemNumber). \(pair.0.itemName): \(pair.1.target) → \(pair.1.actualValue.map { NSDecimalNumber(decimal: $0).stringValue } ?? "")</li>"
                }
                let overdue: [HTML] = overdueRecords(round).prefix(50).map { "<li>\($0.itemNumber). \($0.itemName) — \(progressName(request, $0.progress))</li>" }
                return """
                    <h3>\(roundTitle(request, round))</h3>
                    <div class="side-by-side">
                    <div><h4>\(request.mt(.missing)) (\(round.blankRecords.count))</h4>\(blanks.isEmpty ? HTML("<p>\(request.mt(.missingNone))</p>") : HTML("<ul>\(blanks)</ul>"))</div>
                    <div><h4>\(request.mt(.belowTarget))</h4>\(below.isEmpty ? HTML("<p>\(request.mt(.belowTargetNone))</p>") : HTML("<ul>\(below)</ul>"))
                    <h4>\(request.mt(.overdue))</h4>\(overdue.isEmpty ? HTML("<p>\(request.mt(.overdueNone))</p>") : HTML("<ul>\(overdue)</ul>"))</div>
                    </div>
                    """
            }
            let byYear = planPeriod(entry.rounds)
            let periodChart: HTML = byYear.isEmpty ? "" : """
                <h3>\(request.mt(.planPeriod))</h3>
                <figure>\(HTML(unsafeRaw: MonitoringCharts.budgetByYear(byYear)))</figure>
                """
            return """
                <section class="dimension">
                <h2>\(entry.plan.title) (\(entry.plan.yearSlug), \(request.t(.revision)) \(entry.plan.revision))</h2>
                \(openForm)
                \(rows.isEmpty ? HTML("<p>\(request.mt(.noRounds))</p>") : HTML("""
                    <div class="table-wrap"><table><thead><tr><th>\(request.mt(.round))</th><th>\(request.mt(.status))</th>
                    <th class="num">\(request.mt(.completion))</th><th class="num">\(request.mt(.disbursedOfPlanned))</th>
                    <th class="num">\(request.mt(.belowTarget))</th></tr></thead><tbody>\(rows)</tbody></table></div>
                    """))
                \(attention)
                \(periodChart)
                </section>
                """
        }
        return Layout.page(request: request, title: request.mt(.monitoring), body: """
            <p><a href="\(SiteURL.organization(slug: organization.slug))">\(organization.name)</a></p>
            <h1>\(request.mt(.monitoring))</h1>
            <p class="lead">\(request.mt(.dashboardLead))</p>
            \(problemList(request, errors))
            \(sections.isEmpty ? HTML("<p>\(request.t(.noPublishedPlans))</p>") : HTML("\(sections)"))
            """)
    }

    /// Items not finished when their round's period is over: in a 12-month round every item not
    /// completed; in a 6-month round those not started.
    static func overdueRecords(_ round: MonitoringRound) -> [MonitoringRecord] {
        round.records.filter { record in
            switch round.kind {
            case .twelveMonths: record.progress == .notStarted || record.progress == .inProgress
            case .sixMonths: record.progress == .notStarted
            }
        }
    }

    /// Planned against disbursed per year, from each year's latest round (12-month before 6-month).
    static func planPeriod(_ rounds: [MonitoringRound]) -> [(FiscalYear, Money, Money)] {
        let byYear = Dictionary(grouping: rounds, by: \.fiscalYear)
        return byYear.keys.sorted().compactMap { year in
            guard let round = byYear[year]?.max(by: { ($0.kind == .twelveMonths ? 1 : 0) < ($1.kind == .twelveMonths ? 1 : 0) }) else { return nil }
            let total = MonitoringReport(round: round, dimensions: []).total
            return (year, total.planned, total.disbursed)
        }
    }

    // MARK: Round

    static func round(_ request: Request, view: RoundView, history: [AuditEventRecord], message: String? = nil,
                      errors: [(String, LocalizedText)] = []) -> HTML {
        let round = view.round
        let report = MonitoringReport(round: round, dimensions: view.plan.dimensions)
        var actions: [HTML] = []
        if view.role.map({ $0 >= .editor }) == true && round.status == .open {
            actions.append(actionForm(request, round, "submit", request.mt(.submit)))
        }
        if view.isAdmin && round.status != .approved {
            actions.append(actionForm(request, round, "approve", request.mt(.approve)))
        }
        if view.isAdmin && round.status == .submitted {
            actions.append(actionForm(request, round, "return", request.mt(.returnToOpen), reason: false))
        }
        if view.isAdmin && round.status == .approved {
            actions.append(actionForm(request, round, "reopen", request.mt(.reopen), reason: true))
        }
        let notice: HTML = switch round.status {
        case .approved: "<p class=\"notice\">\(request.mt(.lockedNotice))</p>"
        case .submitted: "<p class=\"notice\">\(request.mt(.submittedNotice))</p>"
        case .open: round.reopenReason.map { "<p class=\"notice\">\(request.mt(.reopenedNotice)): \($0)</p>" } ?? ""
        }
        let rows: [HTML] = round.records.map { record in
            let link: HTML = view.role != nil
                ? "<a href=\"\(MonitoringURL.record(round.id, record.id))\">\(view.canEdit ? request.mt(.fill) : request.mt(.record))</a>"
                : ""
            return """
                <tr id="record-\(record.id)"><td class="num">\(record.itemNumber)</td><td>\(record.itemName)</td>
                <td>\(progressName(request, record.progress))\(record.reason.map { HTML(" — \(request.name(th: $0.thaiName, en: $0.englishName))") })</td>
                <td class="num">\(record.plannedBudget?.formatted() ?? request.mt(.noBudget))</td>
                <td class="num">\(record.ordinanceBudget?.formatted() ?? "-")</td>
                <td class="num">\(record.disbursed?.formatted() ?? "-")</td>
                <td>\(indicatorSummary(request, record))</td>
                <td>\(link)</td></tr>
                """
        }
        let events: [HTML] = history.prefix(100).map { event -> HTML in
            let action = MonitoringAuditAction(rawValue: event.action).map { request.t.pick($0.label) } ?? event.action
            return "<li>\(event.createdAt.map { ThaiCalendar.thaiDate($0) } ?? "") · \(action) · \(event.detail)</li>"
        }
        let body: HTML = """
            <p><a href="\(MonitoringURL.dashboard(view.organization.slug))">\(request.mt(.backToDashboard))</a> ·
            <a href="\(SiteURL.plan(view.plan.id))">\(view.plan.title)</a></p>
            <h1>\(roundTitle(request, round))</h1>
            <p>\(view.organization.name) · \(statusBadge(request, round.status)) · \(request.mt(.version)) \(round.version)</p>
            \(message.map { HTML("<p class=\"notice success\">\($0)</p>") })
            \(problemList(request, errors))
            \(notice)
            <div class="steps">\(actions)</div>
            \(downloads(request, round))
            <h2>\(request.mt(.summary))</h2>
            \(summaryTable(request, report))
            <h2>\(request.mt(.records))</h2>
            <div class="table-wrap"><table><thead><tr><th class="num">#</th><th>\(request.t(.items))</th><th>\(request.mt(.progress))</th>
            <th class="num">\(request.mt(.plannedBudget))</th><th class="num">\(request.mt(.ordinanceBudget))</th><th class="num">\(request.mt(.disbursed))</th>
            <th>\(request.mt(.indicators))</th><th></th></tr></thead><tbody>\(rows)</tbody></table></div>
            <h2>\(request.mt(.charts))</h2>
            \(charts(report))
            \(view.role != nil ? HTML("<h2>\(request.mt(.history))</h2><ul>\(events)</ul>") : HTML())
            """
        return Layout.page(request: request, title: roundTitle(request, round), body: body)
    }

    static func actionForm(_ request: Request, _ round: MonitoringRound, _ action: String, _ label: String, reason: Bool? = nil) -> HTML {
        let reasonField: HTML = switch reason {
        case true?: "<label for=\"reason-\(action)\">\(request.mt(.reasonRequired))</label><textarea id=\"reason-\(action)\" name=\"reason\" rows=\"2\" required maxlength=\"10000\"></textarea>"
        case false?: "<label for=\"reason-\(action)\">\(request.mt(.reason))</label><textarea id=\"reason-\(action)\" name=\"reason\" rows=\"2\" maxlength=\"10000\"></textarea>"
        case nil: ""
        }
        return """
            <form method="post" action="\(MonitoringURL.action(round.id, action))" class="inline">
            \(CSRF.field(request))<input type="hidden" name="version" value="\(round.version)">
            \(reasonField)<button type="submit" class="primary">\(label)</button></form>
            """
    }

    static func downloads(_ request: Request, _ round: MonitoringRound) -> HTML {
        let links: [HTML] = MonitoringDocumentKind.allCases.map { kind in
            let files: [HTML] = [ExportFormat.docx, .pdf, .xlsx, .json].filter { kind == .monitoring || $0 != .xlsx }.map { format in
                "<a class=\"button\" href=\"\(MonitoringURL.reportFile(round.id, kind, format))\">\(format.label)</a>"
            }
            return "<p class=\"downloads\"><a href=\"\(MonitoringURL.report(round.id, kind))\">\(request.name(th: kind.thaiName, en: kind.englishName))</a> \(files)</p>"
        }
        return "\(links)"
    }

    static func indicatorSummary(_ request: Request, _ record: MonitoringRecord) -> HTML {
        let lines: [HTML] = record.indicators.map { indicator in
            let actual = indicator.actualValue.map { NSDecimalNumber(decimal: $0).stringValue } ?? (indicator.actualText.isEmpty ? "-" : indicator.actualText)
            let met: HTML = switch indicator.isMet {
            case true?: " <span class=\"badge published\">\(request.mt(.met))</span>"
            case false?: " <span class=\"badge draft\">\(request.mt(.notMet))</span>"
            case nil: ""
            }
            return "<li>\(indicator.target) → <strong>\(actual)</strong>\(met)</li>"
        }
        return lines.isEmpty ? "-" : "<ul class=\"findings\">\(lines)</ul>"
    }

    static func summaryTable(_ request: Request, _ report: MonitoringReport) -> HTML {
        let rows: [HTML] = (report.dimensions + [report.total]).map { row in
            let label = row.dimension == 0 ? (row.name == report.total.name ? request.mt(.total) : row.name) : "\(request.t(.dimension)) \(row.dimension) \(row.name)"
            return """
                <tr\(HTML(unsafeRaw: row.name == report.total.name && row.dimension == 0 ? " class=\"grand\"" : ""))><td>\(label)</td>
                <td class="num">\(row.itemCount)</td>\(ItemProgress.allCases.map { "<td class=\"num\">\(row.count($0))</td>" as HTML })<td class="num">\(row.blank)</td>
                <td class="num">\(percent(row.carriedOutPercent))</td>
                <td class="num">\(row.planned.formatted())</td><td class="num">\(row.ordinance.formatted())</td>
                <td class="num">\(row.disbursed.formatted())</td><td class="num">\(percent(row.disbursedPercent))</td>
                <td class="num">\(row.indicatorsMet)/\(row.indicatorsMet + row.indicatorsNotMet)</td></tr>
                """
        }
        let statuses: [HTML] = ItemProgress.allCases.map { "<th class=\"num\">\(request.name(th: $0.thaiName, en: $0.englishName))</th>" }
        return """
            <div class="table-wrap"><table><thead><tr><th>\(request.t(.dimension))</th><th class="num">\(request.mt(.items))</th>
            \(statuses)<th class="num">\(request.mt(.notReported))</th><th class="num">\(request.mt(.carriedOutPercent))</th>
            <th class="num">\(request.mt(.plannedBudget))</th><th class="num">\(request.mt(.ordinanceBudget))</th>
            <th class="num">\(request.mt(.disbursed))</th><th class="num">\(request.mt(.percentOfPlan))</th>
            <th class="num">\(request.mt(.met))</th></tr></thead><tbody>\(rows)</tbody></table></div>
            """
    }

    /// The three charts inline (SVG made from numbers; its texts escaped by the chart writer).
    static func charts(_ report: MonitoringReport) -> HTML {
        HTML(unsafeRaw: "<figure>" + MonitoringCharts.statusByDimension(report) + "</figure><figure>"
             + MonitoringCharts.budgetByDimension(report) + "</figure><figure>" + MonitoringCharts.indicators(report) + "</figure>")
    }

    // MARK: Record form

    static func recordForm(_ request: Request, view: RoundView, record: MonitoringRecord, values: RecordFormValues,
                           errors: FormErrors = FormErrors(), message: LocalizedText? = nil, warnings: [MonitoringFinding] = []) -> HTML {
        let editable = view.canEdit
        let disabled = HTML(unsafeRaw: editable ? "" : " disabled")
        func error(_ field: String) -> HTML {
            errors[field].map { "<p class=\"field-error\" id=\"\(field)-error\">\(request.t.pick($0))</p>" } ?? ""
        }
        func invalid(_ field: String) -> HTML { HTML(unsafeRaw: errors[field] != nil ? " aria-invalid=\"true\"" : "") }
        func text(_ field: String, _ label: String, hint: String? = nil) -> HTML {
            """
            <label for="\(field)">\(label)</label>
            <input type="text" id="\(field)" name="\(field)" value="\(values[field])"\(invalid(field))\(disabled)>
            \(hint.map { HTML("<p class=\"hint\">\($0)</p>") })\(error(field))
            """
        }
        func area(_ field: String, _ label: String) -> HTML {
            """
            <label for="\(field)">\(label)</label>
            <textarea id="\(field)" name="\(field)" rows="3" maxlength="10000"\(invalid(field))\(disabled)>\(values[field])</textarea>\(error(field))
            """
        }
        let progressOptions: [HTML] = ItemProgress.allCases.map { progress in
            "<label class=\"check\"><input type=\"radio\" name=\"progress\" value=\"\(progress.rawValue)\"\(HTML(unsafeRaw: values["progress"] == progress.rawValue ? " checked" : ""))\(disabled)> \(request.name(th: progress.thaiName, en: progress.englishName))</label> "
        }
        let reasonOptions: [HTML] = ShortfallReason.allCases.map { reason in
            "<option value=\"\(reason.rawValue)\"\(HTML(unsafeRaw: values["reason"] == reason.rawValue ? " selected" : ""))>\(request.name(th: reason.thaiName, en: reason.englishName))</option>"
        }
        let indicators: [HTML] = record.indicators.enumerated().map { index, indicator in
            let measure: HTML = indicator.measure.map { HTML(" <span class=\"badge\">\($0.description)</span>") } ?? ""
            return """
                <fieldset><legend>\(request.name(th: indicator.kind.thaiName, en: indicator.kind.englishName)) \(index + 1)</legend>
                <p>\(request.mt(.target)): \(indicator.target)\(measure)</p>
                \(indicator.measure != nil ? text("actual-\(index)", request.mt(.actualValue)) : HTML())
                \(area("actualText-\(index)", request.mt(.actualText)))
                </fieldset>
                """
        }
        let warningList: HTML = warnings.isEmpty ? "" : "<div class=\"notice\"><p>\(request.mt(.warnings))</p><ul>\(warnings.map { w -> HTML in "<li>\(request.t.pick(w.message))</li>" })</ul></div>"
        return Layout.page(request: request, title: "\(record.itemNumber). \(record.itemName)", body: """
            <p><a href="\(MonitoringURL.round(view.round.id))#record-\(record.id)">\(request.mt(.backToRound))</a></p>
            <h1>\(record.itemNumber). \(record.itemName)</h1>
            <p>\(roundTitle(request, view.round)) · \(statusBadge(request, view.round.status)) · \(request.t(.responsibleUnit)): \(record.responsibleUnit)</p>
            \(message.map { HTML("<p class=\"notice\(errors.isEmpty ? " success" : " error")\" role=\"alert\">\(request.t.pick($0))</p>") })
            \(warningList)
            \(view.round.status == .approved ? HTML("<p class=\"notice\">\(request.mt(.lockedNotice))</p>") : HTML())
            <form method="post" action="\(MonitoringURL.record(view.round.id, record.id))" class="editor">
            \(CSRF.field(request))<input type="hidden" name="version" value="\(values["version"])">
            <fieldset><legend>\(request.mt(.progress))</legend>\(progressOptions)\(error("progress"))</fieldset>
            <label for="reason">\(request.mt(.shortfallReason))</label>
            <select id="reason" name="reason"\(invalid("reason"))\(disabled)><option value="">\(request.mt(.choose))</option>\(reasonOptions)</select>\(error("reason"))
            \(area("reasonText", request.mt(.reasonText)))
            <fieldset><legend>\(request.mt(.plannedBudget)): \(record.plannedBudget?.formatted() ?? request.mt(.noBudget))</legend>
            \(text("ordinanceBudget", request.mt(.ordinanceBudget)))
            \(text("committed", request.mt(.committed)))
            \(text("disbursed", request.mt(.disbursed)))
            \(area("overspendReason", request.mt(.overspendReason)))
            </fieldset>
            \(text("startDate", request.mt(.startDate), hint: request.mt(.dateHint)))
            \(text("endDate", request.mt(.endDate), hint: request.mt(.dateHint)))
            \(text("participants", request.mt(.participants)))
            <h2>\(request.mt(.indicators))</h2>
            \(indicators)
            \(area("narrative", request.mt(.narrative)))
            \(area("problems", request.mt(.problems)))
            \(area("obstacles", request.mt(.obstacles)))
            \(area("suggestions", request.mt(.suggestions)))
            \(editable ? HTML("<p><button type=\"submit\" class=\"primary\">\(request.mt(.save))</button></p>") : HTML())
            </form>
            \(evidenceSection(request, view: view, record: record, errors: errors))
            """)
    }

    static func evidenceSection(_ request: Request, view: RoundView, record: MonitoringRecord, errors: FormErrors) -> HTML {
        let items: [HTML] = record.evidence.map { file in
            let remove: HTML = view.canEdit ? """
                <form method="post" action="\(MonitoringURL.record(view.round.id, record.id))/evidence/\(file.id)/delete" class="inline">
                \(CSRF.field(request))<input type="hidden" name="version" value="\(view.round.version)"><button type="submit">\(request.mt(.removeEvidence))</button></form>
                """ : ""
            return "<li><a href=\"\(MonitoringURL.evidence(view.round.id, file.id))\">\(file.fileName)</a> (\(file.kind.rawValue.uppercased()), \(file.byteCount / 1024 + 1) KB) \(remove)</li>"
        }
        let upload: HTML = view.canEdit ? """
            <form method="post" action="\(MonitoringURL.record(view.round.id, record.id))/evidence" enctype="multipart/form-data">
            \(CSRF.field(request))<input type="hidden" name="version" value="\(view.round.version)">
            <label for="file">\(request.mt(.evidenceFile))</label>
            <input type="file" id="file" name="file" accept=".jpg,.jpeg,.png,.pdf,.docx"\(HTML(unsafeRaw: errors["file"] != nil ? " aria-invalid=\"true\"" : ""))>
            \(errors["file"].map { HTML("<p class=\"field-error\" id=\"file-error\">\(request.t.pick($0))</p>") })
            <p class="hint">\(request.mt(.evidenceHint))</p>
            <button type="submit">\(request.mt(.attachEvidence))</button></form>
            """ : ""
        return """
            <section id="evidence"><h2>\(request.mt(.evidence))</h2>
            \(items.isEmpty ? HTML("<p class=\"muted\">\(request.mt(.noEvidence))</p>") : HTML("<ul>\(items)</ul>"))
            \(upload)</section>
            """
    }

    // MARK: Reports as pages

    static func report(_ request: Request, view: RoundView, kind: MonitoringDocumentKind) -> HTML {
        let input = MonitoringExportInput(round: view.round, planTitle: view.plan.title, dimensions: view.plan.dimensions,
                                          context: ExportContext(organization: view.organization))
        let title = input.title(kind)
        let body: HTML
        switch kind {
        case .annual:
            let headings: [HTML] = AnnualResultsRow.headings.map { "<th>\($0)</th>" }
            let rows: [HTML] = AnnualResultsRow.rows(of: view.round).map { row in
                let cells: [HTML] = row.columns.map { column in
                    let lines: [HTML] = column.split(separator: "\n").map { "\(String($0))<br>" }
                    return "<td>\(lines)</td>"
                }
                return "<tr>\(cells)</tr>"
            }
            body = """
                <p>\("ตามที่\(view.organization.name)ได้จัดทำ\(view.plan.title) จึงขอสรุปและรายงานผลการดำเนินการประจำปีงบประมาณ พ.ศ. \(view.round.fiscalYear.be) ตามผลที่บันทึกไว้ใน\(view.round.kind.thaiName) โดยแสดงเป้าหมายตามแผนคู่กับผลที่เกิดขึ้นจริง มีรายละเอียด ดังนี้")</p>
                <div class="table-wrap"><table class="annual"><thead><tr>\(headings)</tr></thead><tbody>\(rows)</tbody></table></div>
                """
        case .monitoring:
            let report = input.report
            let byDimension = Dictionary(grouping: view.round.records) { $0.dimensionNumber ?? 0 }
            let sections: [HTML] = report.dimensions.compactMap { dimension in
                guard let records = byDimension[dimension.dimension], !records.isEmpty else { return nil }
                let rows: [HTML] = records.sorted { $0.itemNumber < $1.itemNumber }.map { record in
                    """
                    <tr><td class="num">\(record.itemNumber)</td><td>\(record.itemName)</td><td>\(MonitoringExporter.statusText(record))</td>
                    <td class="num">\(record.plannedBudget?.formatted() ?? "-")</td><td class="num">\(record.ordinanceBudget?.formatted() ?? "-")</td>
                    <td class="num">\(record.disbursed?.formatted() ?? "-")</td><td>\(indicatorSummary(request, record))</td>
                    <td>\(MonitoringExporter.problemText(record))</td></tr>
                    """
                }
                return """
                    <h2>\(dimension.dimension == 0 ? dimension.name : "\(request.t(.dimension)) \(dimension.dimension) \(dimension.name)")</h2>
                    <div class="table-wrap"><table><thead><tr><th class="num">#</th><th>\(request.t(.items))</th><th>\(request.mt(.progress))</th>
                    <th class="num">\(request.mt(.plannedBudget))</th><th class="num">\(request.mt(.ordinanceBudget))</th><th class="num">\(request.mt(.disbursed))</th>
                    <th>\(request.mt(.indicators))</th><th>\(request.mt(.problems)) \(request.mt(.obstacles)) \(request.mt(.suggestions))</th></tr></thead>
                    <tbody>\(rows)</tbody></table></div>
                    """
            }
            body = """
                <h2>\(request.mt(.summary))</h2>
                \(summaryTable(request, report))
                \(charts(report))
                \(sections)
                """
        }
        return Layout.page(request: request, title: title, body: """
            <p class="screen-only"><a href="\(MonitoringURL.round(view.round.id))">\(request.mt(.backToRound))</a></p>
            <h1>\(title)</h1>
            <p>\(view.organization.name) · \(statusBadge(request, view.round.status))</p>
            \(downloads(request, view.round))
            \(body)
            """)
    }
}
