import Foundation
import Vapor
import SujaritCore
import SujaritExport
import SujaritImport
import SujaritPersistence

extension MonitoringRoundKind: BilingualName {}
extension MonitoringRoundStatus: BilingualName {}
extension ItemProgress: BilingualName {}
extension ShortfallReason: BilingualName {}
extension IndicatorActual.Kind: BilingualName {}
extension MonitoringDocumentKind: BilingualName {}

/// The monitoring pages. Every text an officer typed goes through the `HTML` type's escaping;
/// charts are SVG drawn by `MonitoringCharts` from numbers (their texts escaped by the XML writer).
enum MonitoringPages {
    static func progressName(_ request: Request, _ progress: ItemProgress?) -> String {
        progress.map { request.t.name($0) } ?? request.t(.monNotReported)
    }

    static func roundTitle(_ request: Request, _ round: MonitoringRound) -> String {
        request.t.language == .thai ? round.thaiTitle : round.englishTitle
    }

    static func statusBadge(_ request: Request, _ status: MonitoringRoundStatus) -> HTML {
        let css = status == .approved ? "published" : "draft"
        return "<span class=\"badge \(css)\">\(request.t.name(status))</span>"
    }

    static func percent(_ value: Decimal?) -> String { value.map { NSDecimalNumber(decimal: $0).stringValue + "%" } ?? "-" }

    static func problemList(_ request: Request, _ errors: [(String, LocalizedText)]) -> HTML {
        guard !errors.isEmpty else { return "" }
        let items: [HTML] = errors.map { "<li>\(request.t.pick($0.1))</li>" }
        return "<div class=\"notice error\" role=\"alert\"><ul>\(items)</ul></div>"
    }

    /// The latest of some rounds: the latest year, then the round whose period ends latest, a
    /// half-year round before a quarter over the same period.
    static func latest(_ rounds: [MonitoringRound]) -> MonitoringRound? { PlanPeriodYear.latest(rounds) }

    // MARK: Dashboard

    struct PlanRounds {
        var plan: PlanListEntry
        var rounds: [MonitoringRound]
        /// The plan revision itself (its years, items and budgets), for the plan-period view.
        var revision: Plan?
    }

    static func dashboard(_ request: Request, organization: Organization, plans: [PlanRounds], settings: MonitoringSettings,
                          canEdit: Bool, isAdmin: Bool, errors: [(String, LocalizedText)] = [], message: String? = nil) -> HTML {
        let t = request.t
        // The year offered first: the fiscal year of today.
        let currentYear = ThaiCalendar.fiscalYear(of: request.dependencies.now())
        let sections: [HTML] = plans.map { entry in
            let openForm: HTML = canEdit ? """
                <form method="post" action="\(SiteURL.openRound(plan: entry.plan.id))" class="inline">
                \(CSRF.field(request))
                <label for="year-\(entry.plan.id)">\(t(.monFiscalYear))</label>
                <select id="year-\(entry.plan.id)" name="fiscalYear">\((entry.plan.firstYear.be...entry.plan.lastYear.be).map { year -> HTML in "<option value=\"\(year)\"\(HTML(unsafeRaw: year == currentYear.be ? " selected" : ""))>\(year)</option>" })</select>
                <label for="kind-\(entry.plan.id)">\(t(.monRoundKind))</label>
                <select id="kind-\(entry.plan.id)" name="kind">\(settings.kinds.map { kind -> HTML in "<option value=\"\(kind.rawValue)\">\(t.name(kind))</option>" })</select>
                <button type="submit" class="primary">\(t(.monOpenRound))</button>
                <p class="hint">\(t(.monOpenRoundLead))</p>
                </form>
                """ : ""
            let rows: [HTML] = entry.rounds.map { round in
                let report = MonitoringReport(round: round, dimensions: [])
                let reported = report.total.itemCount - report.total.blank
                return """
                    <tr><td><a href="\(SiteURL.round(round.id))">\(roundTitle(request, round))</a></td>
                    <td>\(statusBadge(request, round.status))</td>
                    <td class="num">\(reported)/\(report.total.itemCount)</td>
                    <td class="num">\(report.total.disbursed.formatted()) / \(report.total.planned.formatted())</td>
                    <td class="num">\(report.total.indicatorsNotMet)</td></tr>
                    """
            }
            let openRounds = entry.rounds.filter { $0.status != .approved }
            let attention: [HTML] = openRounds.map { round in
                let blanks: [HTML] = round.blankRecords.prefix(50).map { "<li><a href=\"\(SiteURL.roundRecord(round: round.id, record: $0.id))\">\($0.itemNumber). \($0.itemName)</a></li>" }
                let below: [HTML] = MonitoringReport.belowTarget(round).prefix(50).map { pair in
                    "<li>\(pair.0.itemNumber). \(pair.0.itemName): \(pair.1.target) → \(pair.1.actualValue.map { NSDecimalNumber(decimal: $0).stringValue } ?? "")</li>"
                }
                let overdue: [HTML] = round.overdueRecords(today: request.dependencies.now()).prefix(50).map { "<li>\($0.itemNumber). \($0.itemName) — \(progressName(request, $0.progress))</li>" }
                return """
                    <h3>\(roundTitle(request, round))</h3>
                    <div class="side-by-side">
                    <div><h4>\(t(.monMissing)) (\(round.blankRecords.count))</h4>\(blanks.isEmpty ? HTML("<p>\(t(.monMissingNone))</p>") : HTML("<ul>\(blanks)</ul>"))</div>
                    <div><h4>\(t(.monBelowTarget))</h4>\(below.isEmpty ? HTML("<p>\(t(.monBelowTargetNone))</p>") : HTML("<ul>\(below)</ul>"))
                    <h4>\(t(.monOverdue))</h4>\(overdue.isEmpty ? HTML("<p>\(t(.monOverdueNone))</p>") : HTML("<ul>\(overdue)</ul>"))</div>
                    </div>
                    """
            }
            let periodChart: HTML = entry.revision.map { planPeriod(request, PlanPeriodYear.rows(plan: $0, rounds: entry.rounds)) } ?? ""
            return """
                <section class="dimension">
                <h2>\(entry.plan.title) (\(entry.plan.yearSlug), \(t(.revision)) \(entry.plan.revision))</h2>
                \(openForm)
                \(rows.isEmpty ? HTML("<p>\(t(.monNoRounds))</p>") : HTML("""
                    <div class="table-wrap"><table><thead><tr><th>\(t(.monRound))</th><th>\(t(.monStatus))</th>
                    <th class="num">\(t(.monCompletion))</th><th class="num">\(t(.monDisbursedOfPlanned))</th>
                    <th class="num">\(t(.monBelowTarget))</th></tr></thead><tbody>\(rows)</tbody></table></div>
                    """))
                \(attention)
                \(periodChart)
                </section>
                """
        }
        let importLink: HTML = canEdit && !plans.isEmpty
            ? "<p><a class=\"button\" href=\"\(SiteURL.importResults(slug: organization.slug))\">\(t(.monImportResults))</a></p>" : ""
        let settingsForm: HTML = isAdmin ? """
            <section id="settings"><h2>\(t(.monSettings))</h2>
            <form method="post" action="\(SiteURL.monitoringSettings(slug: organization.slug))">
            \(CSRF.field(request))
            <label class="check"><input type="checkbox" name="quarterly" value="on"\(HTML(unsafeRaw: settings.quarterlyRounds ? " checked" : ""))> \(t(.monQuarterlyRounds))</label>
            <p class="hint">\(t(.monQuarterlyHint))</p>
            <button type="submit">\(t(.monSaveSettings))</button></form></section>
            """ : ""
        return Layout.page(request: request, title: t(.monMonitoring), body: """
            <p><a href="\(SiteURL.organization(slug: organization.slug))">\(organization.name)</a></p>
            <h1>\(t(.monMonitoring))</h1>
            <p class="lead">\(t(.monDashboardLead))</p>
            \(message.map { HTML("<p class=\"notice success\">\($0)</p>") })
            \(problemList(request, errors))
            \(importLink)
            \(sections.isEmpty ? HTML("<p>\(t(.noPublishedPlans))</p>") : HTML("\(sections)"))
            \(settingsForm)
            """)
    }

    /// The plan-period view: one row per fiscal year of the plan — items due, by status, %
    /// carried out, planned against disbursed — from the year's latest approved round (named in
    /// the row), or the plan's items and budget when the year has none; then the same money as a
    /// chart.
    static func planPeriod(_ request: Request, _ years: [PlanPeriodYear]) -> HTML {
        let t = request.t
        guard !years.isEmpty else { return "" }
        func count(_ value: Int?) -> HTML { HTML("<td class=\"num\">\(value.map(String.init) ?? "-")</td>") }
        let rows: [HTML] = years.map { year in
            let source: HTML = if let id = year.roundID, let kind = year.roundKind {
                "<a href=\"\(SiteURL.round(id))\">\(t.name(kind))</a>"
            } else {
                "<span class=\"muted\">\(t(.monNoApprovedRound))</span>"
            }
            let totals = year.totals
            return """
                <tr data-year="\(year.fiscalYear.be)"><th scope="row">\(year.fiscalYear.be)</th><td>\(source)</td>
                \(count(year.itemsDue))\(count(totals?.completed))\(count(totals?.inProgress))\(count(totals?.notStarted))\(count(totals?.notCarriedOut))
                <td class="num">\(totals.map { percent($0.carriedOutPercent) } ?? "-")</td>
                <td class="num">\(year.planned.formatted())</td><td class="num">\(year.disbursed?.formatted() ?? "-")</td></tr>
                """
        }
        return """
            <h3 id="plan-period">\(t(.monPlanPeriod))</h3>
            <p class="hint">\(t(.monPlanPeriodLead))</p>
            <div class="table-wrap"><table class="plan-period"><thead><tr><th>\(t(.fiscalYear))</th><th>\(t(.monPeriodSource))</th>
            <th class="num">\(t(.monItemsDue))</th><th class="num">\(t.name(ItemProgress.completed))</th><th class="num">\(t.name(ItemProgress.inProgress))</th>
            <th class="num">\(t.name(ItemProgress.notStarted))</th><th class="num">\(t.name(ItemProgress.notCarriedOut))</th>
            <th class="num">\(t(.monCarriedOutPercent))</th><th class="num">\(t(.monPlannedBudget))</th><th class="num">\(t(.monDisbursed))</th></tr></thead>
            <tbody>\(rows)</tbody></table></div>
            <figure>\(HTML(unsafeRaw: MonitoringCharts.budgetByYear(years.map { ($0.fiscalYear, $0.planned, $0.disbursed) }, labels: chartLabels(t))))</figure>
            """
    }

    // MARK: Round

    static func round(_ request: Request, view: RoundView, history: [AuditEventRecord], yearly: [(FiscalYear, Money, Money?)], message: String? = nil,
                      errors: [(String, LocalizedText)] = []) -> HTML {
        let t = request.t
        let round = view.round
        let report = MonitoringReport(round: round, dimensions: view.plan.dimensions)
        var actions: [HTML] = []
        if view.isEditor && round.status == .open {
            actions.append(actionForm(request, round, .submit, t(.monSubmit)))
        }
        if view.isAdmin && round.status != .approved {
            actions.append(actionForm(request, round, .approve, t(.monApprove)))
        }
        if view.isAdmin && round.status == .submitted {
            actions.append(actionForm(request, round, .returnToOpen, t(.monReturnToOpen), reason: false))
        }
        if view.isAdmin && round.status == .approved {
            actions.append(actionForm(request, round, .reopen, t(.monReopen), reason: true))
        }
        let notice: HTML = switch round.status {
        case .approved: "<p class=\"notice\">\(t(.monLockedNotice))</p>"
        case .submitted: "<p class=\"notice\">\(t(.monSubmittedNotice))</p>"
        case .open: round.reopenReason.map { "<p class=\"notice\">\(t(.monReopenedNotice)): \($0)</p>" } ?? ""
        }
        let rows: [HTML] = round.records.map { record in
            let link: HTML = view.isMember
                ? "<a href=\"\(SiteURL.roundRecord(round: round.id, record: record.id))\">\(view.canEdit ? t(.monFill) : t(.monRecord))</a>"
                : ""
            return """
                <tr id="record-\(record.id)"><td class="num">\(record.itemNumber)</td><td>\(record.itemName)</td>
                <td>\(progressName(request, record.progress))\(record.reason.map { HTML(" — \(t.name($0))") })</td>
                <td class="num">\(record.plannedBudget?.formatted() ?? t(.monNoBudget))</td>
                <td class="num">\(record.ordinanceBudget?.formatted() ?? "-")</td>
                <td class="num">\(record.disbursed?.formatted() ?? "-")</td>
                <td>\(indicatorSummary(request, record))</td>
                <td>\(publicEvidence(request, view: view, record: record))\(link)</td></tr>
                """
        }
        let events: [HTML] = history.prefix(100).map { event -> HTML in
            let action = AuditAction(rawValue: event.action).map { t.pick($0.label) } ?? event.action
            return "<li>\(event.createdAt.map { ThaiCalendar.thaiDate($0) } ?? "") · \(action) · \(event.detail)</li>"
        }
        let back: HTML = view.isMember ? "<a href=\"\(SiteURL.monitoring(slug: view.organization.slug))\">\(t(.monBackToDashboard))</a> ·" : ""
        let body: HTML = """
            <p>\(back) <a href="\(SiteURL.plan(view.plan.id))">\(view.plan.title)</a></p>
            <h1>\(roundTitle(request, round))</h1>
            <p>\(view.organization.name) · \(statusBadge(request, round.status)) · \(t(.monVersion)) \(round.version)</p>
            \(message.map { HTML("<p class=\"notice success\">\($0)</p>") })
            \(problemList(request, errors))
            \(notice)
            <div class="steps">\(actions)</div>
            \(downloads(request, round))
            <h2>\(t(.monSummary))</h2>
            \(summaryTable(request, report))
            <h2>\(t(.monRecords))</h2>
            <div class="table-wrap"><table class="monitoring-records"><thead><tr><th class="num">#</th><th>\(t(.items))</th><th>\(t(.monProgress))</th>
            <th class="num">\(t(.monPlannedBudget))</th><th class="num">\(t(.monOrdinanceBudget))</th><th class="num">\(t(.monDisbursed))</th>
            <th>\(t(.monIndicators))</th><th></th></tr></thead><tbody>\(rows)</tbody></table></div>
            <h2>\(t(.monCharts))</h2>
            \(charts(report, yearly: yearly, t: t))
            \(view.isMember ? HTML("<h2>\(t(.monHistory))</h2><ul>\(events)</ul>") : HTML())
            """
        return Layout.page(request: request, title: roundTitle(request, round), body: body)
    }

    /// For the public: links to the evidence files the admin made public.
    static func publicEvidence(_ request: Request, view: RoundView, record: MonitoringRecord) -> HTML {
        guard !view.isMember, !record.evidence.isEmpty else { return "" }
        let links: [HTML] = record.evidence.map { "<a href=\"\(SiteURL.roundEvidence(round: view.round.id, evidence: $0.id))\">\($0.fileName)</a><br>" }
        return "\(links)"
    }

    static func actionForm(_ request: Request, _ round: MonitoringRound, _ step: RoundStep, _ label: String, reason: Bool? = nil) -> HTML {
        let t = request.t
        let id = step.rawValue
        let reasonField: HTML = switch reason {
        case true?: "<label for=\"reason-\(id)\">\(t(.monReasonRequired))</label><textarea id=\"reason-\(id)\" name=\"reason\" rows=\"2\" required maxlength=\"10000\"></textarea>"
        case false?: "<label for=\"reason-\(id)\">\(t(.monReason))</label><textarea id=\"reason-\(id)\" name=\"reason\" rows=\"2\" maxlength=\"10000\"></textarea>"
        case nil: ""
        }
        return """
            <form method="post" action="\(SiteURL.roundStep(round.id, step))" class="inline">
            \(CSRF.field(request))<input type="hidden" name="version" value="\(round.version)">
            \(reasonField)<button type="submit" class="primary" id="step-\(id)">\(label)</button></form>
            """
    }

    static func downloads(_ request: Request, _ round: MonitoringRound) -> HTML {
        let links: [HTML] = MonitoringDocumentKind.allCases.map { kind in
            let files: [HTML] = [ExportFormat.docx, .pdf, .xlsx, .json].map { format in
                "<a class=\"button\" href=\"\(SiteURL.roundReportFile(round.id, kind, format))\">\(format.label)</a>"
            }
            return "<p class=\"downloads\"><a href=\"\(SiteURL.roundReport(round.id, kind))\">\(request.t.name(kind))</a> \(files)</p>"
        }
        return "\(links)"
    }

    static func indicatorSummary(_ request: Request, _ record: MonitoringRecord) -> HTML {
        let t = request.t
        let lines: [HTML] = record.indicators.map { indicator in
            let actual = indicator.actualValue.map { NSDecimalNumber(decimal: $0).stringValue } ?? (indicator.actualText.isEmpty ? "-" : indicator.actualText)
            let met: HTML = switch indicator.isMet {
            case true?: " <span class=\"badge published\">\(t(.monMet))</span>"
            case false?: " <span class=\"badge draft\">\(t(.monNotMet))</span>"
            case nil: ""
            }
            return "<li>\(indicator.target) → <strong>\(actual)</strong>\(met)</li>"
        }
        return lines.isEmpty ? "-" : "<ul class=\"findings\">\(lines)</ul>"
    }

    static func summaryTable(_ request: Request, _ report: MonitoringReport) -> HTML {
        let t = request.t
        let rows: [HTML] = (report.dimensions + [report.total]).map { row in
            let isTotal = row.name == report.total.name && row.dimension == 0
            let label = row.dimension == 0 ? (isTotal ? t(.monTotal) : row.name) : "\(t(.dimension)) \(row.dimension) \(row.name)"
            return """
                <tr\(HTML(unsafeRaw: isTotal ? " class=\"grand\"" : ""))><td>\(label)</td>
                <td class="num">\(row.itemCount)</td>\(ItemProgress.allCases.map { "<td class=\"num\">\(row.count($0))</td>" as HTML })<td class="num">\(row.blank)</td>
                <td class="num">\(percent(row.carriedOutPercent))</td>
                <td class="num">\(row.planned.formatted())</td><td class="num">\(row.ordinance.formatted())</td>
                <td class="num">\(row.disbursed.formatted())</td><td class="num">\(percent(row.disbursedPercent))</td>
                <td class="num">\(row.indicatorsMet)/\(row.indicatorsMet + row.indicatorsNotMet)</td></tr>
                """
        }
        let statuses: [HTML] = ItemProgress.allCases.map { "<th class=\"num\">\(t.name($0))</th>" }
        return """
            <div class="table-wrap"><table class="monitoring-summary"><thead><tr><th>\(t(.dimension))</th><th class="num">\(t(.monItems))</th>
            \(statuses)<th class="num">\(t(.monNotReported))</th><th class="num">\(t(.monCarriedOutPercent))</th>
            <th class="num">\(t(.monPlannedBudget))</th><th class="num">\(t(.monOrdinanceBudget))</th>
            <th class="num">\(t(.monDisbursed))</th><th class="num">\(t(.monPercentOfPlan))</th>
            <th class="num">\(t(.monMet))</th></tr></thead><tbody>\(rows)</tbody></table></div>
            """
    }

    /// The charts inline (SVG made from numbers; its texts escaped by the chart writer): items by
    /// status per dimension, budget per dimension, budget planned against disbursed per year (the
    /// round's year and the years before it), indicators met.
    static func charts(_ report: MonitoringReport, yearly: [(FiscalYear, Money, Money?)], t: Translator) -> HTML {
        let labels = chartLabels(t)
        return HTML(unsafeRaw: "<figure>" + MonitoringCharts.statusByDimension(report, labels: labels) + "</figure><figure>"
             + MonitoringCharts.budgetByDimension(report, labels: labels) + "</figure>"
             + (yearly.isEmpty ? "" : "<figure>" + MonitoringCharts.budgetByYear(yearly, labels: labels) + "</figure>")
             + "<figure>" + MonitoringCharts.indicators(report, labels: labels) + "</figure>")
    }

    /// The charts' words in the reader's language (the Word report keeps `MonitoringCharts.Labels.thai`).
    static func chartLabels(_ t: Translator) -> MonitoringCharts.Labels {
        let names = Dictionary(uniqueKeysWithValues: ItemProgress.allCases.map { ($0, t.name($0)) })
        let notReported = t(.monNotReported)
        return MonitoringCharts.Labels(
            status: { progress in progress.flatMap { names[$0] } ?? notReported },
            dimension: { t(.chartDimension, String($0)) }, year: { t(.chartYear, String($0)) },
            statusByDimensionTitle: t(.chartStatusByDimension), budgetByDimensionTitle: t(.chartBudgetByDimension),
            indicatorsTitle: t(.chartIndicators), budgetByYearTitle: t(.chartBudgetByYear),
            planned: t(.chartPlanned), disbursed: t(.chartDisbursed), met: t(.monMet), notMet: t(.monNotMet),
            unmeasured: t(.chartUnmeasured), noApprovedRound: t(.chartNoApprovedRound))
    }

    // MARK: Record form

    static func recordForm(_ request: Request, view: RoundView, record: MonitoringRecord, values: RecordFormValues,
                           errors: FormErrors = FormErrors(), message: LocalizedText? = nil, warnings: [MonitoringFinding] = []) -> HTML {
        let t = request.t
        let editable = view.canEdit
        let disabled = HTML(unsafeRaw: editable ? "" : " disabled")
        func error(_ field: String) -> HTML {
            errors[field].map { "<p class=\"field-error\" id=\"\(field)-error\">\(t.pick($0))</p>" } ?? ""
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
            "<label class=\"check\"><input type=\"radio\" name=\"progress\" id=\"progress-\(progress.rawValue)\" value=\"\(progress.rawValue)\"\(HTML(unsafeRaw: values["progress"] == progress.rawValue ? " checked" : ""))\(disabled)> \(t.name(progress))</label> "
        }
        let reasonOptions: [HTML] = ShortfallReason.allCases.map { reason in
            "<option value=\"\(reason.rawValue)\"\(HTML(unsafeRaw: values["reason"] == reason.rawValue ? " selected" : ""))>\(t.name(reason))</option>"
        }
        let indicators: [HTML] = record.indicators.enumerated().map { index, indicator in
            let measure: HTML = indicator.measure.map { HTML(" <span class=\"badge\">\($0.description)</span>") } ?? ""
            return """
                <fieldset><legend>\(t.name(indicator.kind)) \(index + 1)</legend>
                <p>\(t(.monTarget)): \(indicator.target)\(measure)</p>
                \(indicator.measure != nil ? text("actual-\(index)", t(.monActualValue)) : HTML())
                \(area("actualText-\(index)", t(.monActualText)))
                </fieldset>
                """
        }
        let warningList: HTML = warnings.isEmpty ? "" : "<div class=\"notice\"><p>\(t(.monWarnings))</p><ul>\(warnings.map { w -> HTML in "<li>\(t.pick(w.message))</li>" })</ul></div>"
        return Layout.page(request: request, title: "\(record.itemNumber). \(record.itemName)", body: """
            <p><a href="\(SiteURL.round(view.round.id).with(fragment: "record-\(record.id.uuidString.lowercased())"))">\(t(.monBackToRound))</a></p>
            <h1>\(record.itemNumber). \(record.itemName)</h1>
            <p>\(roundTitle(request, view.round)) · \(statusBadge(request, view.round.status)) · \(t(.responsibleUnit)): \(record.responsibleUnit)</p>
            \(message.map { HTML("<p class=\"notice\(errors.isEmpty ? " success" : " error")\" role=\"alert\">\(t.pick($0))</p>") })
            \(warningList)
            \(view.round.status == .approved ? HTML("<p class=\"notice\">\(t(.monLockedNotice))</p>") : HTML())
            <form method="post" action="\(SiteURL.roundRecord(round: view.round.id, record: record.id))" class="editor">
            \(CSRF.field(request))<input type="hidden" name="version" value="\(values["version"])">
            <fieldset><legend>\(t(.monProgress))</legend>\(progressOptions)\(error("progress"))</fieldset>
            <label for="reason">\(t(.monShortfallReason))</label>
            <select id="reason" name="reason"\(invalid("reason"))\(disabled)><option value="">\(t(.monChoose))</option>\(reasonOptions)</select>\(error("reason"))
            \(area("reasonText", t(.monReasonText)))
            <fieldset><legend>\(t(.monPlannedBudget)): \(record.plannedBudget?.formatted() ?? t(.monNoBudget))</legend>
            \(text("ordinanceBudget", t(.monOrdinanceBudget)))
            \(text("committed", t(.monCommitted)))
            \(text("disbursed", t(.monDisbursed)))
            \(area("overspendReason", t(.monOverspendReason)))
            </fieldset>
            \(text("startDate", t(.monStartDate), hint: t(.monDateHint)))
            \(text("endDate", t(.monEndDate), hint: t(.monDateHint)))
            \(text("participants", t(.monParticipants)))
            <h2>\(t(.monIndicators))</h2>
            \(indicators)
            \(area("narrative", t(.monNarrative)))
            \(area("problems", t(.monProblems)))
            \(area("obstacles", t(.monObstacles)))
            \(area("suggestions", t(.monSuggestions)))
            \(editable ? HTML("<p><button type=\"submit\" class=\"primary\" id=\"save-record\">\(t(.monSave))</button></p>") : HTML())
            </form>
            \(evidenceSection(request, view: view, record: record, errors: errors))
            """)
    }

    static func evidenceSection(_ request: Request, view: RoundView, record: MonitoringRecord, errors: FormErrors) -> HTML {
        let t = request.t
        let items: [HTML] = record.evidence.map { file in
            let remove: HTML = view.canEdit ? """
                <form method="post" action="\(SiteURL.recordEvidenceDelete(round: view.round.id, record: record.id, evidence: file.id))" class="inline">
                \(CSRF.field(request))<input type="hidden" name="version" value="\(view.round.version)"><button type="submit">\(t(.monRemoveEvidence))</button></form>
                """ : ""
            let visibility: HTML = "<span class=\"badge\(file.isPublic ? " published" : "")\">\(file.isPublic ? t(.monEvidencePublic) : t(.monEvidenceMembersOnly))</span>"
            let toggle: HTML = view.isAdmin ? """
                <form method="post" action="\(SiteURL.recordEvidencePublic(round: view.round.id, record: record.id, evidence: file.id))" class="inline">
                \(CSRF.field(request))<input type="hidden" name="version" value="\(view.round.version)">
                <input type="hidden" name="public" value="\(file.isPublic ? "false" : "true")">
                <button type="submit">\(file.isPublic ? t(.monMakeMembersOnly) : t(.monMakePublic))</button></form>
                """ : ""
            return "<li><a href=\"\(SiteURL.roundEvidence(round: view.round.id, evidence: file.id))\">\(file.fileName)</a> (\(file.kind.rawValue.uppercased()), \(file.byteCount / 1024 + 1) KB) \(visibility) \(toggle) \(remove)</li>"
        }
        let upload: HTML = view.canEdit ? """
            <form method="post" action="\(SiteURL.recordEvidenceUpload(round: view.round.id, record: record.id))" enctype="multipart/form-data">
            \(CSRF.field(request))<input type="hidden" name="version" value="\(view.round.version)">
            <label for="file">\(t(.monEvidenceFile))</label>
            <input type="file" id="file" name="file" accept=".jpg,.jpeg,.png,.pdf,.docx"\(HTML(unsafeRaw: errors["file"] != nil ? " aria-invalid=\"true\"" : ""))>
            \(errors["file"].map { HTML("<p class=\"field-error\" id=\"file-error\">\(t.pick($0))</p>") })
            <p class="hint">\(t(.monEvidenceHint))</p>
            <button type="submit" id="attach-evidence">\(t(.monAttachEvidence))</button></form>
            """ : ""
        return """
            <section id="evidence"><h2>\(t(.monEvidence))</h2>
            <p class="hint">\(t(.monEvidenceRule))</p>
            \(items.isEmpty ? HTML("<p class=\"muted\">\(t(.monNoEvidence))</p>") : HTML("<ul>\(items)</ul>"))
            \(upload)</section>
            """
    }

    // MARK: Reports as pages

    static func report(_ request: Request, view: RoundView, kind: MonitoringDocumentKind, yearly: [(FiscalYear, Money, Money?)]) -> HTML {
        let t = request.t
        let input = MonitoringExportInput(round: view.round, planTitle: view.plan.title, dimensions: view.plan.dimensions,
                                          context: ExportContext(organization: view.organization, generatedAt: request.dependencies.now()))
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
                <p>\(t(.monAnnualIntro, view.organization.name, view.plan.title, String(view.round.fiscalYear.be), t.name(view.round.kind)))</p>
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
                    <h2>\(dimension.dimension == 0 ? dimension.name : "\(t(.dimension)) \(dimension.dimension) \(dimension.name)")</h2>
                    <div class="table-wrap"><table class="monitoring-records"><thead><tr><th class="num">#</th><th>\(t(.items))</th><th>\(t(.monProgress))</th>
                    <th class="num">\(t(.monPlannedBudget))</th><th class="num">\(t(.monOrdinanceBudget))</th><th class="num">\(t(.monDisbursed))</th>
                    <th>\(t(.monIndicators))</th><th>\(t(.monProblems)) \(t(.monObstacles)) \(t(.monSuggestions))</th></tr></thead>
                    <tbody>\(rows)</tbody></table></div>
                    """
            }
            body = """
                <h2>\(t(.monSummary))</h2>
                \(summaryTable(request, report))
                \(charts(report, yearly: yearly, t: t))
                \(sections)
                """
        }
        return Layout.page(request: request, title: title, body: """
            <p class="screen-only"><a href="\(SiteURL.round(view.round.id))">\(t(.monBackToRound))</a></p>
            <h1>\(title)</h1>
            <p>\(view.organization.name) · \(statusBadge(request, view.round.status))</p>
            \(downloads(request, view.round))
            \(body)
            """)
    }

    // MARK: Importing a results document

    static func importForm(_ request: Request, organization: Organization, plans: [PlanListEntry], settings: MonitoringSettings,
                           error: LocalizedText? = nil) -> HTML {
        let t = request.t
        let years = Set(plans.flatMap { ($0.firstYear.be...$0.lastYear.be) }).sorted()
        return Layout.page(request: request, title: t(.monImportResults), body: """
            <p><a href="\(SiteURL.monitoring(slug: organization.slug))">\(t(.monBackToDashboard))</a></p>
            <h1>\(t(.monImportResults))</h1>
            <p class="lead">\(t(.monImportResultsLead))</p>
            \(error.map { HTML("<div class=\"notice error\" role=\"alert\" id=\"document-error\">\(t.pick($0))</div>") })
            <form method="post" action="\(SiteURL.importResults(slug: organization.slug))" enctype="multipart/form-data" class="editor">
            \(CSRF.field(request))
            <label for="document">\(t(.monResultsDocument))</label>
            <input type="file" id="document" name="document" required accept=".txt,.docx,.pdf,.html,.htm">
            <p class="hint">\(t(.documentFileLimit))</p>
            <label for="fiscalYear">\(t(.monFiscalYear))</label>
            <select id="fiscalYear" name="fiscalYear"><option value="">\(t(.monYearFromDocument))</option>\(years.map { year -> HTML in "<option value=\"\(year)\">\(year)</option>" })</select>
            <label for="kind">\(t(.monRoundKind))</label>
            <select id="kind" name="kind">\(settings.kinds.map { kind -> HTML in "<option value=\"\(kind.rawValue)\"\(HTML(unsafeRaw: kind == .twelveMonths ? " selected" : ""))>\(t.name(kind))</option>" })</select>
            <p><button type="submit" class="primary" id="read-results">\(t(.monReadResults))</button></p>
            </form>
            """)
    }

    /// What the review of an uploaded results document shows and posts back.
    struct ResultsReview {
        var organization: Organization
        var plan: Plan
        var fileName: String
        var year: FiscalYear
        var kind: MonitoringRoundKind
        var rows: [MonitoringResultRow]
        /// The records the round will have (the plan's items due that year).
        var candidates: [MonitoringRecord]
        /// Row index → the chosen item lineage (automatic or the officer's).
        var chosen: [Int: UUID]
        /// Row index → similarity of the automatic match.
        var scores: [Int: Double]
        /// Row index → the status the officer chose for the row; absent: what the row states
        /// (`ReportedResult.stated`).
        var statuses: [Int: ItemProgress]
        /// One status for every row (it wins over the rows' own), or nil: each row's.
        var progress: ItemProgress?
        /// The rows as JSON, carried through the confirmation form.
        var rowsJSON: String
    }

    static func importReview(_ request: Request, review: ResultsReview, errors: FormErrors = FormErrors(), message: LocalizedText? = nil) -> HTML {
        let t = request.t
        let matched = review.chosen.count
        let unmatched = review.rows.indices.filter { review.chosen[$0] == nil }
        func select(_ index: Int) -> HTML {
            let options: [HTML] = review.candidates.map { record in
                "<option value=\"\(record.itemLineageID.uuidString.lowercased())\"\(HTML(unsafeRaw: review.chosen[index] == record.itemLineageID ? " selected" : ""))>\(record.itemNumber). \(record.itemName)</option>"
            }
            return """
                <select id="match-\(index)" name="match-\(index)"\(HTML(unsafeRaw: errors["match-\(index)"] != nil ? " aria-invalid=\"true\"" : ""))>
                <option value="">\(t(.monNotImported))</option>\(options)</select>
                \(errors["match-\(index)"].map { HTML("<p class=\"field-error\" id=\"match-\(index)-error\">\(t.pick($0))</p>") })
                """
        }
        func statusSelect(_ index: Int, stated: ItemProgress) -> HTML {
            let current = review.statuses[index] ?? stated
            let options: [HTML] = ItemProgress.allCases.map { progress in
                "<option value=\"\(progress.rawValue)\"\(HTML(unsafeRaw: current == progress ? " selected" : ""))>\(t.name(progress))</option>"
            }
            let error = errors["status-\(index)"]
            return """
                <select id="status-\(index)" name="status-\(index)" aria-label="\(t(.monRowImportStatus))"\(HTML(unsafeRaw: error != nil ? " aria-invalid=\"true\" aria-describedby=\"status-\(index)-error\"" : ""))>\(options)</select>
                \(error.map { HTML("<p class=\"field-error\" id=\"status-\(index)-error\">\(t.pick($0))</p>") })
                """
        }
        func row(_ index: Int) -> HTML {
            let row = review.rows[index]
            let stated = ReportedResult.stated(output: row.output, outcome: row.outcome)
            let score: HTML = review.scores[index].map { HTML(" <span class=\"muted\">(\(t(.monMatchScore)) \(Int(($0 * 100).rounded()))%)</span>") } ?? ""
            return """
                <tr id="row-\(index)"><td>\(row.number.map(String.init) ?? "-"). \(row.measure)<br><span class="muted">\(t(.line)) \(row.line)</span></td>
                <td>\(row.output)</td><td>\(row.outcome)</td>
                <td>\(t.name(stated))</td><td>\(statusSelect(index, stated: stated))</td><td>\(select(index))\(score)</td></tr>
                """
        }
        let head: HTML = "<thead><tr><th>\(t(.monDocumentRow))</th><th>\(t(.sheetOutputs))</th><th>\(t(.sheetOutcomes))</th><th>\(t(.monRowStatus))</th><th>\(t(.monRowImportStatus))</th><th>\(t(.monPlanItem))</th></tr></thead>"
        let unmatchedTable: HTML = unmatched.isEmpty ? HTML("<p class=\"notice success\">\(t(.monAllRowsMatched))</p>") : HTML("""
            <h2 id="unmatched">\(t(.monUnmatchedRows, String(unmatched.count)))</h2>
            <div class="table-wrap"><table>\(head)<tbody>\(unmatched.map(row))</tbody></table></div>
            """)
        let matchedRows = review.rows.indices.filter { review.chosen[$0] != nil }
        let withoutRow = review.candidates.filter { record in !review.chosen.values.contains(record.itemLineageID) }
        let progressOptions: [HTML] = ["<option value=\"\"\(HTML(unsafeRaw: review.progress == nil ? " selected" : ""))>\(t(.monStatusFromEachRow))</option>"]
            + ItemProgress.allCases.map { progress in
                "<option value=\"\(progress.rawValue)\"\(HTML(unsafeRaw: review.progress == progress ? " selected" : ""))>\(t(.monStatusForAllRows, t.name(progress)))</option>"
            }
        return Layout.page(request: request, title: t(.monReviewResults), body: """
            <p><a href="\(SiteURL.importResults(slug: review.organization.slug))">\(t(.monImportResults))</a></p>
            <h1>\(t(.monReviewResults))</h1>
            <p class="lead">\(t(.monReviewResultsLead, review.fileName, String(review.rows.count), String(matched), review.plan.title, String(review.year.be))) · \(t.name(review.kind))</p>
            \(message.map { HTML("<div class=\"notice error\" role=\"alert\">\(t.pick($0))</div>") })
            <form method="post" action="\(SiteURL.importResultsConfirm(slug: review.organization.slug))">
            \(CSRF.field(request))
            <input type="hidden" name="plan" value="\(review.plan.id.uuidString.lowercased())">
            <input type="hidden" name="fiscalYear" value="\(review.year.be)">
            <input type="hidden" name="kind" value="\(review.kind.rawValue)">
            <input type="hidden" name="fileName" value="\(review.fileName)">
            <input type="hidden" name="rows" value="\(review.rowsJSON)">
            \(unmatchedTable)
            <h2 id="matched">\(t(.monMatchedRows, String(matchedRows.count)))</h2>
            <div class="table-wrap"><table>\(head)<tbody>\(matchedRows.map(row))</tbody></table></div>
            \(withoutRow.isEmpty ? HTML() : HTML("<p class=\"notice\">\(t(.monItemsWithoutRow, String(withoutRow.count))): \(withoutRow.map { "\($0.itemNumber). \($0.itemName)" }.joined(separator: "; "))</p>"))
            <label for="progress">\(t(.monImportedStatus))</label>
            <select id="progress" name="progress" aria-describedby="progress-hint">\(progressOptions)</select>
            <p class="hint" id="progress-hint">\(t(.monStatusForAllRowsWins))</p>
            <p><button type="submit" class="primary" id="confirm-import">\(t(.monConfirmImport))</button></p>
            </form>
            """)
    }
}
