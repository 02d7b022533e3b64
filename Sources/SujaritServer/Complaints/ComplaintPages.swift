import Foundation
import Vapor
import SujaritCore
import SujaritPersistence
import SujaritVault

/// What a reporter typed, kept to show the form again when something is missing.
struct ReportFormValues: Content {
    var what: String?
    var who: String?
    var when: String?
    var place: String?
    var amount: String?
    /// "anonymous" (the default) or "contact"
    var identity: String?
    var contact: String?
    var concernsExecutive: String?
    /// intake by an officer: walkIn, letter or phone
    var channel: String?
    /// intake by an officer: corruption or general
    var kind: String?
    /// evidence files (`evidence[]`, multipart forms only)
    var evidence: [File]?
    var _rt: String?
    var _csrf: String?

    var uploads: [ComplaintService.EvidenceUpload] { Self.uploads(evidence) }

    /// The files of a form, without the empty part a browser sends for an empty file field.
    static func uploads(_ files: [File]?) -> [ComplaintService.EvidenceUpload] {
        (files ?? []).compactMap { file in
            guard file.data.readableBytes > 0 || !file.filename.isEmpty else { return nil }
            return ComplaintService.EvidenceUpload(name: file.filename, data: Data(buffer: file.data))
        }
    }

    var report: ComplaintReport {
        ComplaintReport(what: what ?? "", who: who ?? "", when: when ?? "", whereText: place ?? "", amount: amount ?? "",
                        contact: contact ?? "", anonymous: identity != "contact")
    }
}

/// Body limits of the complaint forms.
enum ComplaintLimits {
    /// 25 MB of files and the text around them.
    static let formWithFiles: ByteCount = "26mb"
}

extension ComplaintKind: BilingualName {}
extension ComplaintStatus: BilingualName {}
extension ComplaintChannel: BilingualName {}
extension ComplaintOutcome: BilingualName {}
extension OversightBody: BilingualName {}
extension EvidenceFileKind: BilingualName {}
extension ComplaintReminder.Kind: BilingualName {}

/// The complaint channel's pages, in Thai and English (`UIKey` texts). Every text the reporter
/// or an officer typed goes through the `HTML` type's escaping.
enum ComplaintPages {
    /// What the reporter and officers see as the status (the referral's body, the outcome).
    static func status(_ complaint: ComplaintCase, _ t: Translator) -> String {
        switch complaint.status {
        case .referred:
            let body = complaint.referredToName.isEmpty ? (complaint.referredTo.map { t.name($0) } ?? "") : complaint.referredToName
            return "\(t.name(complaint.status)): \(body)"
        case .concluded, .closed:
            return complaint.outcome.map { "\(t.name(complaint.status)) (\(t.name($0)))" } ?? t.name(complaint.status)
        default:
            return t.name(complaint.status)
        }
    }

    static func kindTitle(_ kind: ComplaintKind, _ t: Translator) -> String { t.name(kind) }

    /// The evidence field of a form (the form must be `multipart/form-data`).
    static func evidenceField(_ label: String, _ t: Translator) -> HTML {
        let accept = ".jpg,.jpeg,.png,.gif,.webp,.pdf,.docx,.xlsx,.pptx,.mp3,.mp4,.txt"
        return """
            <label for="evidence">\(label)</label>
            <input type="file" id="evidence" name="evidence[]" multiple accept="\(accept)">
            <p class="hint">\(t(.cmpEvidenceHint, String(EvidenceFileCheck.maximumFilesPerSubmission), String(EvidenceFileCheck.maximumFileSize / 1024 / 1024)))</p>
            """
    }

    static func page(_ request: Request, title: String, _ body: HTML) -> HTML {
        Layout.page(request: request, title: title, body: """
            <link rel="stylesheet" href="\(SiteURL.complaintStylesheet)">
            \(body)
            """)
    }

    static func problemList(_ problems: [String: LocalizedText], _ t: Translator) -> HTML {
        guard !problems.isEmpty else { return "" }
        let items: [HTML] = problems.sorted { $0.key < $1.key }.map { "<li>\(t.pick($0.value))</li>" }
        return "<div class=\"notice error\" role=\"alert\"><p>\(t(.cmpPleaseFix))</p><ul>\(items)</ul></div>"
    }

    /// The markup when the condition holds, nothing otherwise.
    static func when(_ condition: Bool, _ html: HTML) -> HTML { condition ? html : "" }

    static func checked(_ on: Bool) -> HTML { HTML(unsafeRaw: on ? " checked" : "") }
    static func selected(_ on: Bool) -> HTML { HTML(unsafeRaw: on ? " selected" : "") }

    // MARK: Reporter

    static func reportForm(_ request: Request, organization: Organization, kind: ComplaintKind = .corruption, values: ReportFormValues? = nil,
                           problems: [String: LocalizedText] = [:]) -> HTML {
        let t = request.t
        let values = values ?? ReportFormValues()
        // The corruption channel proposes anonymity; the general channel a contact for the answer.
        let anonymous = kind == .corruption ? values.identity != "contact" : values.identity == "anonymous"
        let title = kind == .corruption ? t(.cmpReportTitle) : t(.cmpGrievanceTitle)
        let intro: HTML = kind == .corruption ? """
            <div class="notice">
            <p><strong>\(t(.cmpReportIntroStrong))</strong> \(t(.cmpReportIntro))</p>
            </div>
            <p>\(t(.cmpNotCorruption)) <a href="\(SiteURL.report(slug: organization.slug, kind: .general))">\(t(.cmpUseGrievance))</a></p>
            """ : """
            <div class="notice">
            <p>\(t(.cmpGrievanceIntro))</p>
            <p><strong>\(t(.cmpCorruptionElsewhere)) <a href="\(SiteURL.report(slug: organization.slug))">\(t(.cmpUseCorruption))</a></strong></p>
            </div>
            """
        let executive: HTML = kind == .corruption ? """
            <label><input type="checkbox" name="concernsExecutive" value="yes"\(checked(values.concernsExecutive == "yes"))>
            \(t(.cmpConcernsExecutive))</label>
            """ : ""
        let recommended = kind == .corruption ? " " + t(.cmpRecommended) : ""
        return page(request, title: title, """
            <h1>\(title)</h1>
            <p>\(organization.name)</p>
            \(intro)
            \(problemList(problems, t))
            <form method="post" action="\(SiteURL.report(slug: organization.slug, kind: kind))" class="complaint-form" enctype="multipart/form-data">
            \(ReporterFormToken.field(request))
            <label for="what">\(t(.cmpWhatRequired))</label>
            <textarea id="what" name="what" rows="8" required maxlength="10000">\(values.what ?? "")</textarea>
            <label for="who">\(t(.cmpWhoIfKnown))</label>
            <input type="text" id="who" name="who" maxlength="10000" value="\(values.who ?? "")">
            <label for="when">\(t(.cmpWhen))</label>
            <input type="text" id="when" name="when" maxlength="10000" value="\(values.when ?? "")">
            <label for="place">\(t(.cmpWhere))</label>
            <input type="text" id="place" name="place" maxlength="10000" value="\(values.place ?? "")">
            <label for="amount">\(t(.cmpAmountIfAny))</label>
            <input type="text" id="amount" name="amount" maxlength="10000" value="\(values.amount ?? "")">
            \(evidenceField(t(.cmpEvidenceIfAny), t))
            \(executive)
            <fieldset>
            <legend>\(t(.cmpIdentity))</legend>
            <label><input type="radio" name="identity" value="anonymous"\(checked(anonymous))> \(t(.cmpStayAnonymous))\(recommended)</label>
            <label><input type="radio" name="identity" value="contact"\(checked(!anonymous))> \(t(.cmpContactMeAt))</label>
            <input type="text" name="contact" maxlength="10000" aria-label="\(t(.cmpContactLabel))" value="\(values.contact ?? "")">
            </fieldset>
            <p><button type="submit" class="primary">\(t(.cmpSend))</button></p>
            </form>
            <p><a href="\(SiteURL.reportTrack(slug: organization.slug, kind: kind))">\(t(.cmpTrackEarlier))</a> ·
            <a href="\(SiteURL.complaintStatistics(slug: organization.slug, year: CalendarDay(request.dependencies.now()).fiscalYear.be))">\(t(.cmpStatisticsLink))</a></p>
            """)
    }

    static func receipt(_ request: Request, organization: Organization, code: ReceiptCode, complaint: ComplaintCase, staff: Bool = false) -> HTML {
        let t = request.t
        return page(request, title: t(.cmpReceiptTitle), """
            <h1>\(t(.cmpReceived))</h1>
            <div class="receipt">
            <p>\(organization.name)</p>
            <p>\(t.name(complaint.kind))</p>
            <p>\(t(.cmpYourCode))</p>
            <p class="receipt-code" id="receipt-code">\(code.grouped)</p>
            <p>\(t(.cmpReceivedOnDueOn, t.day(complaint.receivedOn), t.day(complaint.dueOn)))</p>
            <p>\(t(.cmpTrackAt, trackingAddress(request, organization: organization, kind: complaint.kind)))</p>
            </div>
            <p class="warning-strong">\(t(.cmpCodeWarning))</p>
            <p class="no-print"><button type="button" id="print-receipt" hidden>\(t(.cmpPrintReceipt))</button></p>
            <form method="post" action="\(SiteURL.receiptSlip(slug: organization.slug, kind: complaint.kind))" class="no-print">
            <input type="hidden" name="code" value="\(code.digits)">
            <input type="hidden" name="receivedOn" value="\(complaint.receivedOn.iso)">
            <input type="hidden" name="dueOn" value="\(complaint.dueOn.iso)">
            <button type="submit">\(t(.cmpDownloadSlip))</button>
            </form>
            \(when(!staff, "<p class=\"no-print\">\(t(.cmpKeepCodePrivate))</p>"))
            <script src="\(SiteURL.complaintScript)"></script>
            """)
    }

    /// The tracking page's full address: `SUJARIT_PUBLIC_URL`, else the host the request came to.
    static func trackingAddress(_ request: Request, organization: Organization, kind: ComplaintKind = .corruption) -> String {
        let path = SiteURL.reportTrack(slug: organization.slug, kind: kind).path
        if let base = request.application.sujaritSettings.publicBaseURL { return base + path }
        if let host = request.headers.first(name: .host), !host.isEmpty,
           host.unicodeScalars.allSatisfy({ $0.isASCII && $0.value > 0x20 && $0 != "/" && $0 != "\\" }) {
            return (request.application.sujaritSettings.secureCookies ? "https://" : "http://") + host + path
        }
        return path
    }

    static func trackForm(_ request: Request, organization: Organization, kind: ComplaintKind = .corruption, failed: Bool = false) -> HTML {
        let t = request.t
        return page(request, title: t(.cmpTrackTitle), """
            <h1>\(t(.cmpTrackTitle))</h1>
            <p>\(organization.name)</p>
            \(when(failed, "<div class=\"notice error\" role=\"alert\">\(t(.cmpNoSuchCode))</div>"))
            <form method="post" action="\(SiteURL.reportTrack(slug: organization.slug, kind: kind))" class="complaint-form" autocomplete="off">
            \(ReporterFormToken.field(request))
            <label for="code">\(t(.cmpCodeLabel))</label>
            <input type="text" id="code" name="code" inputmode="numeric" autocomplete="off" maxlength="40" required>
            <p><button type="submit" class="primary">\(t(.cmpShowStatus))</button></p>
            </form>
            """)
    }

    static func status(_ request: Request, organization: Organization, via kind: ComplaintKind = .corruption, complaint: ComplaintCase, code: ReceiptCode,
                       messages: [(ComplaintMessage, String)], files: Int = 0, added: Bool = false, problem: LocalizedText? = nil) -> HTML {
        let t = request.t
        let items: [HTML] = messages.map { message, text in
            let who = message.kind == .reply ? t(.cmpFromOfficer) : t(.cmpYourAddition)
            return "<div class=\"message \(message.kind.rawValue)\"><p><strong>\(who)</strong> · \(t.day(message.writtenOn))</p><p>\(text)</p></div>"
        }
        let addForm: HTML = complaint.status == .closed ? "<p>\(t(.cmpCaseClosed))</p>" : """
            <h2>\(t(.cmpAddOrAnswer))</h2>
            \(problem.map { problemList(["evidence": $0], t) } ?? "")
            <form method="post" action="\(SiteURL.reportTrackAdd(slug: organization.slug, kind: kind))" class="complaint-form" autocomplete="off" enctype="multipart/form-data">
            \(ReporterFormToken.field(request))
            <input type="hidden" name="code" value="\(code.digits)">
            <label for="text">\(t(.cmpMessage))</label>
            <textarea id="text" name="text" rows="5" maxlength="10000"></textarea>
            \(evidenceField(t(.cmpMoreEvidence), t))
            <p><button type="submit" class="primary">\(t(.cmpSendMore))</button></p>
            </form>
            """
        return page(request, title: t(.cmpStatusTitle), """
            <h1>\(t(.cmpStatusTitle))</h1>
            \(when(added, "<div class=\"notice success\" role=\"status\">\(t(.cmpAdded))</div>"))
            <p>\(organization.name) · \(t.name(complaint.kind))</p>
            <p><strong>\(t(.cmpStatus))</strong> <span id="case-status">\(status(complaint, t))</span></p>
            <p>\(t(.cmpReceivedOnDueOn, t.day(complaint.receivedOn), t.day(complaint.dueOn)))</p>
            <h2>\(t(.cmpMessages))</h2>
            \(items.isEmpty ? "<p>\(t(.cmpNoMessages))</p>" : items.joined())
            <p>\(t(.cmpFilesSent, String(files)))</p>
            \(addForm)
            """)
    }

    // MARK: Statistics

    static func statistics(_ request: Request, organization: Organization, stats: ComplaintStatistics) -> HTML {
        let t = request.t
        func count(_ value: PublishedCount) -> String {
            switch value {
            case .exact(let n): String(n)
            case .fewerThanFive: t(.cmpFewerThanFive)
            }
        }
        func row(_ name: String, _ counts: ComplaintStatistics.Counts, fine: Bool) -> HTML {
            if counts.received == 0 {
                return "<tr><th scope=\"row\">\(name)</th><td colspan=\"4\">\(t(.cmpNoComplaints))</td></tr>"
            }
            let cells: [HTML] = [counts.received, counts.concluded, counts.inProgress, counts.referred]
                .map { "<td>\(count(ComplaintStatistics.published($0, fine: fine)))</td>" }
            return "<tr><th scope=\"row\">\(name)</th>\(cells)</tr>"
        }
        func table(_ caption: String, _ rows: [HTML]) -> HTML {
            """
            <table class="stats"><caption>\(caption)</caption>
            <thead><tr><th>\(t(.cmpPeriod))</th><th>\(t(.cmpCountReceived))</th><th>\(t(.cmpCountConcluded))</th><th>\(t(.cmpCountInProgress))</th><th>\(t(.cmpCountReferred))</th></tr></thead>
            <tbody>\(rows)</tbody></table>
            """
        }
        func name(_ period: ComplaintStatistics.Period) -> String { t.language == .english ? period.englishName : period.thaiName }
        let year = stats.fiscalYear.be
        return page(request, title: t(.cmpStatisticsTitle, String(year)), """
            <h1>\(t(.cmpStatisticsTitle, String(year)))</h1>
            <p>\(organization.name)</p>
            <p>\(t(.cmpSuppressionNote))</p>
            \(table(t(.cmpWholeYear), [row(t(.cmpFiscalYear, String(year)), stats.year, fine: false)]))
            \(table(t(.cmpByHalf), stats.halves.map { row(name($0), $0.counts, fine: true) }))
            \(table(t(.cmpByQuarter), stats.quarters.map { row(name($0), $0.counts, fine: true) }))
            \(table(t(.cmpByMonth), stats.months.map { row(name($0), $0.counts, fine: true) }))
            <p><a href="\(SiteURL.complaintStatistics(slug: organization.slug, year: year, json: true))">JSON</a> ·
            <a href="\(SiteURL.complaintStatistics(slug: organization.slug, year: year - 1))">\(t(.cmpFiscalYear, String(year - 1)))</a> ·
            <a href="\(SiteURL.report(slug: organization.slug))">\(t(.cmpReportLink))</a></p>
            """)
    }

    // MARK: Staff

    static func caseList(_ request: Request, organization: Organization, kind: ComplaintKind = .corruption, cases: [ComplaintCase],
                         allCases: [ComplaintCase]? = nil, reminders: [ComplaintReminder] = [], today: CalendarDay) -> HTML {
        let t = request.t
        let allCases = allCases ?? cases
        let reminderByCase = Dictionary(reminders.map { ($0.caseID, $0) }, uniquingKeysWith: { first, _ in first })
        func badge(_ reminder: ComplaintReminder?) -> HTML {
            guard let reminder else { return "" }
            switch reminder.kind {
            case .answerOverdue, .acknowledgementOverdue:
                return "<span class=\"overdue\">\(t(.cmpDaysLate, t.name(reminder.kind), String(reminder.daysLate)))</span>"
            case .dueSoon:
                return "<span class=\"due-soon\">\(t.name(reminder.kind))</span>"
            }
        }
        let rows: [HTML] = cases.map { complaint in
            """
                <tr><td><a href="\(SiteURL.complaint(slug: organization.slug, complaint.id))">\(t.day(complaint.receivedOn))</a></td>
                <td>\(t.name(complaint.channel))</td><td>\(status(complaint, t))</td>
                <td>\(t.day(complaint.dueOn)) \(badge(reminderByCase[complaint.id]))</td>
                <td>\(complaint.concernsExecutive ? t(.cmpAboutExecutive) : "")</td></tr>
                """
        }
        let overdue = reminders.filter { $0.kind != .dueSoon }
        let reminderItems: [HTML] = reminders.compactMap { reminder in
            guard let complaint = allCases.first(where: { $0.id == reminder.caseID }) else { return nil }
            let late = reminder.daysLate > 0 ? t(.cmpLateBy, String(reminder.daysLate)) : t(.cmpDueOn, t.day(reminder.dueOn))
            return """
                <li>\(badge(reminder)) <a href="\(SiteURL.complaint(slug: organization.slug, complaint.id))">\(t(.cmpKindReceivedOn, t.name(complaint.kind), t.day(complaint.receivedOn)))</a> · \(t(.cmpDeadline, t.day(reminder.dueOn))) · \(late)</li>
                """
        }
        let reminderBox: HTML = reminderItems.isEmpty ? "" : """
            <div class="notice\(HTML(unsafeRaw: overdue.isEmpty ? "" : " error"))" role="status" id="reminders">
            <p><strong>\(t(.cmpReminders))</strong> <span class="badge">\(overdue.count)</span> \(t(.cmpOverdueCases))</p>
            <ul>\(reminderItems)</ul></div>
            """
        let tabs: [HTML] = ComplaintKind.allCases.map { tab in
            tab == kind ? "<strong>\(t.name(tab))</strong>" : "<a href=\"\(SiteURL.complaints(slug: organization.slug, kind: tab))\">\(t.name(tab))</a>"
        }
        let summary = overdue.isEmpty ? t(.cmpCaseCount, String(cases.count)) : t(.cmpCaseCountOverdue, String(cases.count), String(overdue.count))
        return page(request, title: t.name(kind), """
            <h1>\(t.name(kind))</h1>
            <p class="tabs">\(tabs.joined(separator: " · "))</p>
            <p>\(organization.name) · \(summary)</p>
            \(reminderBox)
            <p><a class="button" href="\(SiteURL.newComplaint(slug: organization.slug))">\(t(.cmpRecordOther))</a>
            · <a href="\(SiteURL.complaintSettings(slug: organization.slug))">\(t(.cmpDeadlineSettings))</a></p>
            <table class="stats"><thead><tr><th>\(t(.cmpColReceived))</th><th>\(t(.cmpColChannel))</th><th>\(t(.cmpColStatus))</th><th>\(t(.cmpColDue))</th><th></th></tr></thead>
            <tbody>\(rows)</tbody></table>
            """)
    }

    static func overseer(_ request: Request, provinces: [String], rows: [(Organization, Int)]) -> HTML {
        let t = request.t
        let items: [HTML] = rows.map { organization, open in
            "<tr><td><a href=\"\(SiteURL.complaints(slug: organization.slug))\">\(organization.name)</a></td><td>\(organization.district)</td><td>\(open)</td></tr>"
        }
        return page(request, title: t(.cmpOverseerTitle), """
            <h1>\(t(.cmpOverseerTitle))</h1>
            <p>\(t(.cmpOverseerProvinces, provinces.joined(separator: ", ")))</p>
            <p>\(t(.cmpOverseerLead))</p>
            <table class="stats"><thead><tr><th>\(t(.cmpColOrganization))</th><th>\(t(.cmpColDistrict))</th><th>\(t(.cmpColOpen))</th></tr></thead>
            <tbody>\(items)</tbody></table>
            """)
    }

    /// What the deadline settings form shows.
    struct SettingsValues {
        var days: String
        var acknowledgeDays: String
        var workingDays: Bool

        init(days: String, acknowledgeDays: String, workingDays: Bool) {
            self.days = days
            self.acknowledgeDays = acknowledgeDays
            self.workingDays = workingDays
        }

        init(_ policy: ComplaintDeadlinePolicy) {
            self.init(days: String(policy.days), acknowledgeDays: String(policy.acknowledgeDays), workingDays: policy.workingDaysOnly)
        }
    }

    /// `/o/{slug}/complaints/settings`: days to acknowledge and to answer new cases.
    static func settings(_ request: Request, organization: Organization, values: SettingsValues, problems: [String: LocalizedText],
                         saved: Bool = false) -> HTML {
        let t = request.t
        func error(_ field: String) -> HTML {
            problems[field].map { "<p class=\"field-error\" id=\"\(field)-error\">\(t.pick($0))</p>" } ?? ""
        }
        return page(request, title: t(.cmpSettingsTitle), """
            <h1>\(t(.cmpSettingsTitle))</h1>
            <p>\(organization.name)</p>
            \(when(saved, "<div class=\"notice success\" role=\"status\">\(t(.cmpSettingsSaved))</div>"))
            \(problemList(problems, t))
            <form method="post" action="\(SiteURL.complaintSettings(slug: organization.slug))" class="complaint-form">
            \(CSRF.field(request))
            <label for="acknowledgeDays">\(t(.cmpAcknowledgeWithin))</label>
            <input type="text" inputmode="numeric" id="acknowledgeDays" name="acknowledgeDays" value="\(values.acknowledgeDays)" required>
            \(error("acknowledgeDays"))
            <label for="days">\(t(.cmpAnswerWithin))</label>
            <input type="text" inputmode="numeric" id="days" name="days" value="\(values.days)" required>
            \(error("days"))
            <label><input type="checkbox" name="workingDays" value="yes"\(checked(values.workingDays))>
            \(t(.cmpWorkingDaysOnly))</label>
            <p><button type="submit" class="primary">\(t(.save))</button></p>
            </form>
            <p class="hint">\(t(.cmpSettingsHint))</p>
            <p><a href="\(SiteURL.complaints(slug: organization.slug))">\(t(.cmpBackToList))</a></p>
            """)
    }

    static func intakeForm(_ request: Request, organization: Organization, values: ReportFormValues? = nil,
                           problems: [String: LocalizedText] = [:]) -> HTML {
        let t = request.t
        let values = values ?? ReportFormValues()
        let channels: [HTML] = [ComplaintChannel.walkIn, .letter, .phone].map {
            "<option value=\"\($0.rawValue)\"\(selected(values.channel == $0.rawValue))>\(t.name($0))</option>"
        }
        return page(request, title: t(.cmpIntakeTitle), """
            <h1>\(t(.cmpIntakeHeading))</h1>
            \(problemList(problems, t))
            <form method="post" action="\(SiteURL.newComplaint(slug: organization.slug))" class="complaint-form" enctype="multipart/form-data">
            \(CSRF.field(request))
            <label for="kind">\(t(.cmpKind))</label><select id="kind" name="kind">
            <option value="corruption"\(selected(values.kind != "general"))>\(t.name(ComplaintKind.corruption))</option>
            <option value="general"\(selected(values.kind == "general"))>\(t.name(ComplaintKind.general))</option></select>
            <label for="channel">\(t(.cmpChannel))</label><select id="channel" name="channel">\(channels)</select>
            <label for="what">\(t(.cmpWhat))</label>
            <textarea id="what" name="what" rows="8" required maxlength="10000">\(values.what ?? "")</textarea>
            <label for="who">\(t(.cmpWho))</label><input type="text" id="who" name="who" value="\(values.who ?? "")">
            <label for="when">\(t(.cmpWhen))</label><input type="text" id="when" name="when" value="\(values.when ?? "")">
            <label for="place">\(t(.cmpWhere))</label><input type="text" id="place" name="place" value="\(values.place ?? "")">
            <label for="amount">\(t(.cmpAmount))</label><input type="text" id="amount" name="amount" value="\(values.amount ?? "")">
            \(evidenceField(t(.cmpIntakeEvidence), t))
            <label><input type="checkbox" name="concernsExecutive" value="yes"> \(t(.cmpIntakeExecutive))</label>
            <label><input type="radio" name="identity" value="anonymous" checked> \(t(.cmpIntakeAnonymous))</label>
            <label><input type="radio" name="identity" value="contact"> \(t(.cmpIntakeContact))</label>
            <input type="text" name="contact" aria-label="\(t(.cmpContactLabel))" value="\(values.contact ?? "")">
            <p><button type="submit" class="primary">\(t(.cmpIntakeSave))</button></p>
            </form>
            """)
    }

    /// The report's fields, or a notice that this officer holds no key to the case yet.
    static func reportDetails(_ report: ComplaintReport?, _ t: Translator) -> HTML {
        guard let report else {
            return "<div class=\"notice\" role=\"status\" id=\"sealed\"><p>\(t.pick(CaseKeys.unavailable.message))</p></div>"
        }
        return """
            <dl id="report">
            <dt>\(t(.cmpWhat))</dt><dd class="report-field">\(report.what)</dd>
            <dt>\(t(.cmpWho))</dt><dd class="report-field">\(report.who)</dd>
            <dt>\(t(.cmpWhen))</dt><dd class="report-field">\(report.when)</dd>
            <dt>\(t(.cmpWhere))</dt><dd class="report-field">\(report.whereText)</dd>
            <dt>\(t(.cmpAmount))</dt><dd class="report-field">\(report.amount)</dd>
            <dt>\(t(.cmpReporter))</dt><dd class="report-field">\(report.anonymous ? t(.cmpAnonymous) : report.contact)</dd>
            </dl>
            """
    }

    static func casePage(_ request: Request, organization: Organization, complaint: ComplaintCase, report: ComplaintReport?,
                         messages: [(ComplaintMessage, String)], evidence: [(StoredEvidence, EvidenceFileInfo)] = [],
                         log: [ComplaintLogRecord], officers: [UserRecord], today: CalendarDay) -> HTML {
        let t = request.t
        let action = SiteURL.complaintAction(slug: organization.slug, complaint.id)
        let csrf = CSRF.field(request)
        let version: HTML = "<input type=\"hidden\" name=\"version\" value=\"\(complaint.version)\">"
        func button(_ command: String, _ label: String) -> HTML {
            "<form method=\"post\" action=\"\(action)\" class=\"inline\">\(csrf)\(version)<input type=\"hidden\" name=\"command\" value=\"\(command)\"><button type=\"submit\">\(label)</button></form>"
        }
        var steps: [HTML] = []
        for next in ComplaintWorkflow.next(from: complaint.status) {
            switch next {
            case .acknowledged: steps.append(button("acknowledge", t(.cmpDoAcknowledge)))
            case .screening: steps.append(button("screen", t(.cmpDoScreen)))
            case .investigating: steps.append(button("investigate", t(.cmpDoInvestigate)))
            case .closed: steps.append(button("close", t(.cmpDoClose)))
            case .referred:
                let bodies: [HTML] = OversightBody.allCases.map { "<option value=\"\($0.rawValue)\">\(t.name($0))</option>" }
                steps.append("""
                    <form method="post" action="\(action)">\(csrf)\(version)<input type="hidden" name="command" value="refer">
                    <label>\(t(.cmpReferTo)) <select name="body">\(bodies)</select></label> <input type="text" name="bodyName" placeholder="\(t(.cmpBodyName))" aria-label="\(t(.cmpBodyName))">
                    <button type="submit">\(t(.cmpDoRefer))</button></form>
                    """)
            case .concluded:
                let outcomes: [HTML] = ComplaintOutcome.allCases.map { "<option value=\"\($0.rawValue)\">\(t.name($0))</option>" }
                steps.append("""
                    <form method="post" action="\(action)">\(csrf)\(version)<input type="hidden" name="command" value="conclude">
                    <label>\(t(.cmpOutcome)) <select name="outcome">\(outcomes)</select></label> <button type="submit">\(t(.cmpDoConclude))</button></form>
                    """)
            case .received: break
            }
        }
        let officerOptions: [HTML] = officers.filter { user in user.id.map { !complaint.recused.contains($0) } ?? false }.map { user in
            "<option value=\"\(user.id?.uuidString.lowercased() ?? "")\"\(selected(user.id == complaint.assignedTo))>\(user.displayName)</option>"
        }
        let assignedName = officers.first { $0.id == complaint.assignedTo }?.displayName ?? t(.cmpNotAssigned)
        let messageItems: [HTML] = messages.map { message, text in
            let label = switch message.kind {
            case .reporter: t(.cmpFromReporter)
            case .reply: t(.cmpToReporter)
            case .note: t(.cmpInternalNote)
            }
            return "<div class=\"message \(message.kind.rawValue)\"><p><strong>\(label)</strong> · \(t.day(message.writtenOn))</p><p>\(text)</p></div>"
        }
        let reclassify: HTML = complaint.kind == .general ? """
            <form method="post" action="\(action)">\(csrf)\(version)<input type="hidden" name="command" value="reclassify">
            <button type="submit">\(t(.cmpDoReclassify))</button></form>
            """ : ""
        let evidenceItems: [HTML] = evidence.map { item, info in
            let from = item.addedBy == "reporter" ? t(.cmpFromReporter) : t(.cmpRecordedByOfficer)
            return "<li><a href=\"\(SiteURL.complaintEvidence(slug: organization.slug, complaint.id, evidence: item.id))\">\(info.name)</a> · \(t.name(info.kind)) · \(max(1, info.size / 1024)) KB · \(from) · \(t.day(item.addedOn))</li>"
        }
        let logItems: [HTML] = log.map { "<li>\($0.occurred) · \($0.actor) · \($0.action) \($0.detail)</li>" }
        let overdue: HTML = complaint.isOverdue(today: today) ? " <span class=\"overdue\">\(t(.cmpOverdue))</span>" : ""
        let readable = report != nil
        let title = t(.cmpKindReceivedOn, t.name(complaint.kind), t.day(complaint.receivedOn))
        return page(request, title: t(.cmpCaseTitle), """
            <h1>\(title)</h1>
            \(reclassify)
            <p><strong>\(t(.cmpStatus))</strong> <span id="case-status">\(status(complaint, t))</span> · <strong>\(t(.cmpDueLabel))</strong> \(t.day(complaint.dueOn))\(overdue)
            · <strong>\(t(.cmpAcknowledgeByLabel))</strong> \(t.day(complaint.acknowledgeBy))
            · <strong>\(t(.cmpChannelLabel))</strong> \(t.name(complaint.channel)) · <strong>\(t(.cmpAssignedLabel))</strong> \(assignedName)</p>
            \(when(complaint.concernsExecutive, "<p class=\"notice\">\(t(.cmpAboutExecutiveLong))</p>"))
            <h2>\(t(.cmpDetails))</h2>
            \(reportDetails(report, t))
            <h2>\(t(.cmpEvidenceFiles))</h2>
            \(when(readable, evidenceItems.isEmpty ? "<p>\(t(.cmpNoFiles))</p>" : "<ul>\(evidenceItems)</ul>"))
            <p class="hint">\(t(.cmpDownloadsLogged))</p>
            <h2>\(t(.cmpActions))</h2>
            \(steps)
            <form method="post" action="\(action)">\(csrf)\(version)<input type="hidden" name="command" value="assign">
            <label>\(t(.cmpAssignTo)) <select name="officer"><option value="">\(t(.cmpNobody))</option>\(officerOptions)</select></label>
            <button type="submit">\(t(.cmpDoAssign))</button></form>
            <form method="post" action="\(action)">\(csrf)\(version)<input type="hidden" name="command" value="reply">
            <label for="reply">\(t(.cmpReplyLabel))</label><textarea id="reply" name="text" rows="4" maxlength="10000"></textarea>
            <button type="submit">\(t(.cmpDoReply))</button></form>
            <form method="post" action="\(action)">\(csrf)\(version)<input type="hidden" name="command" value="note">
            <label for="note">\(t(.cmpInternalNote))</label><textarea id="note" name="text" rows="3" maxlength="10000"></textarea>
            <button type="submit">\(t(.cmpDoNote))</button></form>
            <form method="post" action="\(action)">\(csrf)\(version)<input type="hidden" name="command" value="recuse">
            <button type="submit">\(t(.cmpDoRecuse))</button></form>
            <h2>\(t(.cmpMessages))</h2>
            \(when(readable, messageItems.isEmpty ? "<p>\(t(.cmpNoMessages))</p>" : messageItems.joined()))
            <h2>\(t(.cmpAccessLog))</h2>
            <ul>\(logItems)</ul>
            <p><a href="\(SiteURL.complaints(slug: organization.slug))">\(t(.cmpBackToList))</a></p>
            """)
    }
}
