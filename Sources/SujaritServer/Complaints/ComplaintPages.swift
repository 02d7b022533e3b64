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

/// The complaint channel's pages. Every text the reporter or an officer typed goes through the
/// `HTML` type's escaping.
/// Body limits of the complaint forms.
enum ComplaintLimits {
    /// 25 MB of files and the text around them.
    static let formWithFiles: ByteCount = "26mb"
}

enum ComplaintPages {
    /// The evidence field of a form (the form must be `multipart/form-data`).
    static func evidenceField(_ label: String) -> HTML {
        let accept = ".jpg,.jpeg,.png,.gif,.webp,.pdf,.docx,.xlsx,.pptx,.mp3,.mp4,.txt"
        return """
            <label for="evidence">\(label)</label>
            <input type="file" id="evidence" name="evidence[]" multiple accept="\(accept)">
            <p class="hint">ไม่เกิน \(EvidenceFileCheck.maximumFilesPerSubmission) ไฟล์ ไฟล์ละไม่เกิน \(EvidenceFileCheck.maximumFileSize / 1024 / 1024) MB:
            \(EvidenceFileCheck.acceptedText) — ไฟล์ถูกเข้ารหัสก่อนเก็บ และเจ้าหน้าที่รับเรื่องร้องเรียนเท่านั้นที่เปิดได้
            (ข้อมูลในไฟล์ เช่น ชื่อผู้สร้างเอกสาร หรือพิกัดในรูปถ่าย อาจระบุตัวท่านได้)</p>
            """
    }

    static func page(_ request: Request, title: String, _ body: HTML) -> HTML {
        Layout.page(request: request, title: title, body: """
            <link rel="stylesheet" href="\(SiteURL.complaintStylesheet)">
            \(body)
            """)
    }

    static func base(_ organization: Organization, _ kind: ComplaintKind = .corruption) -> String {
        "/o/\(organization.slug)/\(kind == .corruption ? "report" : "grievance")"
    }
    static func staffBase(_ organization: Organization) -> String { "/o/\(organization.slug)/complaints" }

    static func problemList(_ problems: [String: LocalizedText]) -> HTML {
        guard !problems.isEmpty else { return "" }
        let items: [HTML] = problems.sorted { $0.key < $1.key }.map { "<li>\($0.value.th)</li>" }
        return "<div class=\"notice error\" role=\"alert\"><p>กรุณาแก้ไข:</p><ul>\(items)</ul></div>"
    }

    // MARK: Reporter

    static func reportForm(_ request: Request, organization: Organization, kind: ComplaintKind = .corruption, values: ReportFormValues? = nil,
                           problems: [String: LocalizedText] = [:]) -> HTML {
        let values = values ?? ReportFormValues()
        // The corruption channel proposes anonymity; the general channel a contact for the answer.
        let anonymous = kind == .corruption ? values.identity != "contact" : values.identity == "anonymous"
        let title = kind == .corruption ? "แจ้งเรื่องร้องเรียนการทุจริต" : "แจ้งเรื่องร้องทุกข์/ร้องเรียนทั่วไป"
        let intro: HTML = kind == .corruption ? """
            <div class="notice">
            <p><strong>ช่องทางนี้แยกจากการร้องทุกข์ทั่วไป และปกปิดตัวตนของผู้แจ้ง</strong> ไม่ต้องมีบัญชีผู้ใช้
            ระบบไม่บันทึกที่อยู่ IP เบราว์เซอร์ หรือเวลาที่ส่ง (บันทึกเพียงวันที่) ข้อความทั้งหมดถูกเข้ารหัสก่อนเก็บ
            หลังส่งท่านจะได้รับ <strong>รหัสรับเรื่อง 20 หลัก</strong> สำหรับติดตามผลด้วยตนเอง
            หน่วยงานจะแจ้งผลภายใน 15 วัน หรือแจ้งเหตุผลหากยังดำเนินการไม่แล้วเสร็จ</p>
            </div>
            <p>เรื่องบริการหรือความเดือดร้อนทั่วไป (ไม่ใช่การทุจริต) <a href="\(base(organization, .general))">แจ้งทางช่องทางร้องทุกข์</a></p>
            """ : """
            <div class="notice">
            <p>ช่องทางนี้สำหรับเรื่องร้องทุกข์และร้องเรียนเกี่ยวกับบริการ ความเดือดร้อน หรือข้อเสนอแนะทั่วไป
            หลังส่งท่านจะได้รับ <strong>รหัสรับเรื่อง 20 หลัก</strong> สำหรับติดตามผลด้วยตนเอง</p>
            <p><strong>หากเป็นเรื่องการทุจริตหรือประพฤติมิชอบของเจ้าหน้าที่ โปรดใช้
            <a href="\(base(organization))">ช่องทางร้องเรียนการทุจริต</a></strong> ซึ่งปกปิดตัวตนของผู้แจ้ง</p>
            </div>
            """
        let executive: HTML = kind == .corruption ? """
            <label><input type="checkbox" name="concernsExecutive" value="yes"\(HTML(unsafeRaw: values.concernsExecutive == "yes" ? " checked" : ""))>
            เรื่องนี้เกี่ยวกับผู้บริหารท้องถิ่น (นายก) หรือปลัด — ส่งให้หน่วยงานกำกับดูแลภายนอกพิจารณาแทนเจ้าหน้าที่ขององค์กร</label>
            """ : ""
        return page(request, title: title, """
            <h1>\(title)</h1>
            <p>\(organization.name)</p>
            \(intro)
            \(problemList(problems))
            <form method="post" action="\(base(organization, kind))" class="complaint-form" enctype="multipart/form-data">
            \(ReporterFormToken.field(request))
            <label for="what">เกิดอะไรขึ้น (จำเป็น)</label>
            <textarea id="what" name="what" rows="8" required maxlength="10000">\(values.what ?? "")</textarea>
            <label for="who">ผู้ที่เกี่ยวข้อง (ถ้าทราบ)</label>
            <input type="text" id="who" name="who" maxlength="10000" value="\(values.who ?? "")">
            <label for="when">เมื่อไร</label>
            <input type="text" id="when" name="when" maxlength="10000" value="\(values.when ?? "")">
            <label for="place">ที่ไหน</label>
            <input type="text" id="place" name="place" maxlength="10000" value="\(values.place ?? "")">
            <label for="amount">จำนวนเงินที่เกี่ยวข้อง (ถ้ามี)</label>
            <input type="text" id="amount" name="amount" maxlength="10000" value="\(values.amount ?? "")">
            \(evidenceField("หลักฐานประกอบ (ถ้ามี)"))
            \(executive)
            <fieldset>
            <legend>การเปิดเผยตัวตน</legend>
            <label><input type="radio" name="identity" value="anonymous"\(HTML(unsafeRaw: anonymous ? " checked" : ""))> ไม่เปิดเผยตัวตน\(kind == .corruption ? " (แนะนำ)" : "")</label>
            <label><input type="radio" name="identity" value="contact"\(HTML(unsafeRaw: anonymous ? "" : " checked"))> ให้ติดต่อกลับได้ที่</label>
            <input type="text" name="contact" maxlength="10000" aria-label="ช่องทางติดต่อกลับ" value="\(values.contact ?? "")">
            </fieldset>
            <p><button type="submit" class="primary">ส่งเรื่อง</button></p>
            </form>
            <p><a href="\(base(organization, kind))/track">ติดตามเรื่องที่เคยแจ้งไว้</a> ·
            <a href="\(base(organization))/statistics/\(CalendarDay.today(request.application).fiscalYear.be)">สถิติเรื่องร้องเรียนการทุจริต</a></p>
            """)
    }

    static func receipt(_ request: Request, organization: Organization, code: ReceiptCode, complaint: ComplaintCase, staff: Bool = false) -> HTML {
        page(request, title: "รหัสรับเรื่อง", """
            <h1>ได้รับเรื่องแล้ว</h1>
            <div class="receipt">
            <p>\(organization.name)</p>
            <p>\(complaint.kind.thaiName)</p>
            <p>รหัสรับเรื่องของท่าน</p>
            <p class="receipt-code" id="receipt-code">\(code.grouped)</p>
            <p>วันที่รับเรื่อง \(complaint.receivedOn.thai()) · กำหนดแจ้งผลภายใน \(complaint.dueOn.thai())</p>
            <p>ติดตามผลได้ที่ \(trackingAddress(request, organization: organization, kind: complaint.kind))</p>
            </div>
            <p class="warning-strong">จดรหัสนี้ไว้ หรือพิมพ์/บันทึกหน้านี้ทันที — ระบบไม่เก็บรหัสไว้และจะไม่แสดงรหัสนี้อีก
            หากทำรหัสหาย จะไม่สามารถติดตามเรื่องนี้ได้ และไม่มีผู้ใดกู้คืนรหัสให้ได้</p>
            <p class="no-print"><button type="button" id="print-receipt" hidden>พิมพ์หรือบันทึกเป็น PDF (A5)</button></p>
            <form method="post" action="\(base(organization, complaint.kind))/receipt" class="no-print">
            <input type="hidden" name="code" value="\(code.digits)">
            <input type="hidden" name="receivedOn" value="\(complaint.receivedOn.iso)">
            <input type="hidden" name="dueOn" value="\(complaint.dueOn.iso)">
            <button type="submit">ดาวน์โหลดใบรับเรื่อง (Word ขนาด A5)</button>
            </form>
            <p class="no-print">\(HTML(unsafeRaw: staff ? "" : "อย่าเก็บรหัสไว้ในที่ที่ผู้อื่นเห็นได้ เช่น โทรศัพท์ที่ใช้ร่วมกัน"))</p>
            <script src="\(SiteURL.complaintScript)"></script>
            """)
    }

    /// The tracking page's full address: `SUJARIT_PUBLIC_URL`, else the host the request came to.
    static func trackingAddress(_ request: Request, organization: Organization, kind: ComplaintKind = .corruption) -> String {
        let path = "\(base(organization, kind))/track"
        if let base = request.application.sujaritSettings.publicBaseURL { return base + path }
        if let host = request.headers.first(name: .host), !host.isEmpty,
           host.unicodeScalars.allSatisfy({ $0.isASCII && $0.value > 0x20 && $0 != "/" && $0 != "\\" }) {
            return (request.application.sujaritSettings.secureCookies ? "https://" : "http://") + host + path
        }
        return path
    }

    static func trackForm(_ request: Request, organization: Organization, kind: ComplaintKind = .corruption, failed: Bool = false) -> HTML {
        page(request, title: "ติดตามเรื่องร้องเรียน", """
            <h1>ติดตามเรื่องร้องเรียน</h1>
            <p>\(organization.name)</p>
            \(HTML(unsafeRaw: failed ? "<div class=\"notice error\" role=\"alert\">ไม่พบเรื่องตามรหัสนี้ กรุณาตรวจสอบรหัสแล้วลองใหม่</div>" : ""))
            <form method="post" action="\(base(organization, kind))/track" class="complaint-form" autocomplete="off">
            \(ReporterFormToken.field(request))
            <label for="code">รหัสรับเรื่อง 20 หลัก</label>
            <input type="text" id="code" name="code" inputmode="numeric" autocomplete="off" maxlength="40" required>
            <p><button type="submit" class="primary">ดูสถานะ</button></p>
            </form>
            """)
    }

    static func status(_ request: Request, organization: Organization, via kind: ComplaintKind = .corruption, complaint: ComplaintCase, code: ReceiptCode,
                       messages: [(ComplaintMessage, String)], files: Int = 0, added: Bool = false, problem: LocalizedText? = nil) -> HTML {
        let items: [HTML] = messages.map { message, text in
            let who = message.kind == .reply ? "คำตอบจากเจ้าหน้าที่" : "ข้อมูลเพิ่มเติมของท่าน"
            return "<div class=\"message \(message.kind.rawValue)\"><p><strong>\(who)</strong> · \(message.writtenOn.thai())</p><p>\(text)</p></div>"
        }
        let addForm: HTML = complaint.status == .closed ? "<p>เรื่องนี้ยุติแล้ว</p>" : """
            <h2>เพิ่มข้อมูลหรือตอบคำถามเจ้าหน้าที่</h2>
            \(problem.map { problemList(["evidence": $0]) } ?? "")
            <form method="post" action="\(base(organization, kind))/track/add" class="complaint-form" autocomplete="off" enctype="multipart/form-data">
            \(ReporterFormToken.field(request))
            <input type="hidden" name="code" value="\(code.digits)">
            <label for="text">ข้อความ</label>
            <textarea id="text" name="text" rows="5" maxlength="10000"></textarea>
            \(evidenceField("แนบไฟล์หลักฐานเพิ่มเติม"))
            <p><button type="submit" class="primary">ส่งข้อมูลเพิ่มเติม</button></p>
            </form>
            """
        return page(request, title: "สถานะเรื่องร้องเรียน", """
            <h1>สถานะเรื่องร้องเรียน</h1>
            \(HTML(unsafeRaw: added ? "<div class=\"notice success\" role=\"status\">ส่งข้อมูลเพิ่มเติมแล้ว</div>" : ""))
            <p>\(organization.name) · \(complaint.kind.thaiName)</p>
            <p><strong>สถานะ:</strong> \(complaint.publicStatus)</p>
            <p>รับเรื่องวันที่ \(complaint.receivedOn.thai()) · กำหนดแจ้งผล \(complaint.dueOn.thai())</p>
            <h2>ข้อความ</h2>
            \(items.isEmpty ? "<p>ยังไม่มีข้อความ</p>" : items.joined())
            <p>ไฟล์หลักฐานที่ส่งแล้ว: \(files) ไฟล์</p>
            \(addForm)
            """)
    }

    // MARK: Statistics

    static func statistics(_ request: Request, organization: Organization, stats: ComplaintStatistics) -> HTML {
        func row(_ name: String, _ counts: ComplaintStatistics.Counts, fine: Bool) -> HTML {
            if counts.received == 0 {
                return "<tr><th scope=\"row\">\(name)</th><td colspan=\"4\">\(ComplaintStatistics.noComplaintsText)</td></tr>"
            }
            let cells: [HTML] = [counts.received, counts.concluded, counts.inProgress, counts.referred]
                .map { "<td>\(ComplaintStatistics.published($0, fine: fine).description)</td>" }
            return "<tr><th scope=\"row\">\(name)</th>\(cells)</tr>"
        }
        func table(_ caption: String, _ rows: [HTML]) -> HTML {
            """
            <table class="stats"><caption>\(caption)</caption>
            <thead><tr><th>ช่วงเวลา</th><th>รับเรื่อง</th><th>ดำเนินการแล้วเสร็จ</th><th>อยู่ระหว่างดำเนินการ</th><th>ส่งต่อหน่วยงานอื่น</th></tr></thead>
            <tbody>\(rows)</tbody></table>
            """
        }
        let year = stats.fiscalYear.be
        return page(request, title: "สถิติเรื่องร้องเรียนการทุจริต ปีงบประมาณ \(year)", """
            <h1>สถิติเรื่องร้องเรียนการทุจริต ปีงบประมาณ พ.ศ. \(year)</h1>
            <p>\(organization.name)</p>
            <p>เพื่อไม่ให้ระบุตัวผู้ร้องเรียนได้ จำนวน 1–4 เรื่องในช่วงเวลาที่ละเอียดกว่าทั้งปีแสดงเป็น “น้อยกว่า 5”</p>
            \(table("ทั้งปี", [row("ปีงบประมาณ \(year)", stats.year, fine: false)]))
            \(table("รายครึ่งปี", stats.halves.map { row($0.thaiName, $0.counts, fine: true) }))
            \(table("รายไตรมาส", stats.quarters.map { row($0.thaiName, $0.counts, fine: true) }))
            \(table("รายเดือน", stats.months.map { row($0.thaiName, $0.counts, fine: true) }))
            <p><a href="\(SiteURL.complaintStatistics(slug: organization.slug, year: year, json: true))">JSON</a> ·
            <a href="\(SiteURL.complaintStatistics(slug: organization.slug, year: year - 1))">ปีงบประมาณ \(year - 1)</a> ·
            <a href="\(SiteURL.report(slug: organization.slug))">แจ้งเรื่องร้องเรียน</a></p>
            """)
    }

    // MARK: Staff

    static func caseList(_ request: Request, organization: Organization, kind: ComplaintKind = .corruption, cases: [ComplaintCase],
                         allCases: [ComplaintCase]? = nil, reminders: [ComplaintReminder] = [], today: CalendarDay) -> HTML {
        let allCases = allCases ?? cases
        let reminderByCase = Dictionary(reminders.map { ($0.caseID, $0) }, uniquingKeysWith: { first, _ in first })
        func badge(_ reminder: ComplaintReminder?) -> HTML {
            guard let reminder else { return "" }
            switch reminder.kind {
            case .answerOverdue, .acknowledgementOverdue:
                return "<span class=\"overdue\">\(reminder.kind.thaiName) \(reminder.daysLate) วัน</span>"
            case .dueSoon:
                return "<span class=\"due-soon\">\(reminder.kind.thaiName)</span>"
            }
        }
        let rows: [HTML] = cases.map { complaint in
            """
                <tr><td><a href="\(staffBase(organization))/\(complaint.id)">\(complaint.receivedOn.thai())</a></td>
                <td>\(complaint.channel.thaiName)</td><td>\(complaint.publicStatus)</td>
                <td>\(complaint.dueOn.thai()) \(badge(reminderByCase[complaint.id]))</td>
                <td>\(complaint.concernsExecutive ? "เกี่ยวกับผู้บริหาร" : "")</td></tr>
                """
        }
        let overdue = reminders.filter { $0.kind != .dueSoon }
        let reminderItems: [HTML] = reminders.compactMap { reminder in
            guard let complaint = allCases.first(where: { $0.id == reminder.caseID }) else { return nil }
            let late: HTML = reminder.daysLate > 0 ? "เกิน \(reminder.daysLate) วัน" : "ครบกำหนด \(reminder.dueOn.thai())"
            return "<li>\(badge(reminder)) <a href=\"\(staffBase(organization))/\(complaint.id)\">\(complaint.kind.thaiName) รับวันที่ \(complaint.receivedOn.thai())</a> · กำหนด \(reminder.dueOn.thai()) · \(late)</li>"
        }
        let reminderBox: HTML = reminderItems.isEmpty ? "" : """
            <div class="notice\(HTML(unsafeRaw: overdue.isEmpty ? "" : " error"))" role="status" id="reminders">
            <p><strong>แจ้งเตือนกำหนดเวลา</strong> <span class="badge">\(overdue.count)</span> เรื่องเกินกำหนด</p>
            <ul>\(reminderItems)</ul></div>
            """
        let tabs: [HTML] = ComplaintKind.allCases.map { tab in
            tab == kind ? "<strong>\(tab.thaiName)</strong>" : "<a href=\"\(staffBase(organization))?kind=\(tab.rawValue)\">\(tab.thaiName)</a>"
        }
        return page(request, title: kind.thaiName, """
            <h1>\(kind.thaiName)</h1>
            <p class="tabs">\(tabs.joined(separator: " · "))</p>
            <p>\(organization.name) · ทั้งหมด \(cases.count) เรื่อง\(overdue.isEmpty ? "" : " · เกินกำหนดทุกช่องทาง \(overdue.count) เรื่อง")</p>
            \(reminderBox)
            <p><a class="button" href="\(staffBase(organization))/new">บันทึกเรื่องที่รับทางช่องทางอื่น (ยื่นเอง จดหมาย โทรศัพท์)</a>
            · <a href="\(staffBase(organization))/settings">ตั้งค่ากำหนดเวลา</a></p>
            <table class="stats"><thead><tr><th>รับเรื่อง</th><th>ช่องทาง</th><th>สถานะ</th><th>กำหนดแจ้งผล</th><th></th></tr></thead>
            <tbody>\(rows)</tbody></table>
            """)
    }

    static func overseer(_ request: Request, provinces: [String], rows: [(Organization, Int)]) -> HTML {
        let items: [HTML] = rows.map { organization, open in
            "<tr><td><a href=\"\(staffBase(organization))\">\(organization.name)</a></td><td>\(organization.district)</td><td>\(open)</td></tr>"
        }
        return page(request, title: "เรื่องร้องเรียนเกี่ยวกับผู้บริหารท้องถิ่น", """
            <h1>เรื่องร้องเรียนเกี่ยวกับผู้บริหารท้องถิ่นหรือปลัด</h1>
            <p>หน่วยงานกำกับดูแล จังหวัด\(provinces.joined(separator: ", "))</p>
            <p>เรื่องที่ผู้ร้องระบุว่าเกี่ยวกับนายกหรือปลัดขององค์กร ส่งมาที่บัญชีนี้แทนเจ้าหน้าที่ขององค์กรนั้น</p>
            <table class="stats"><thead><tr><th>องค์กร</th><th>อำเภอ</th><th>เรื่องที่ยังดำเนินการอยู่</th></tr></thead>
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
        func error(_ field: String) -> HTML {
            problems[field].map { "<p class=\"field-error\" id=\"\(field)-error\">\($0.th)</p>" } ?? ""
        }
        return page(request, title: "ตั้งค่ากำหนดเวลาเรื่องร้องเรียน", """
            <h1>ตั้งค่ากำหนดเวลาเรื่องร้องเรียน</h1>
            <p>\(organization.name)</p>
            \(HTML(unsafeRaw: saved ? "<div class=\"notice success\" role=\"status\">บันทึกแล้ว ใช้กับเรื่องที่รับใหม่ตั้งแต่นี้ไป</div>" : ""))
            \(problemList(problems))
            <form method="post" action="\(staffBase(organization))/settings" class="complaint-form">
            \(CSRF.field(request))
            <label for="acknowledgeDays">ตอบรับเรื่องภายใน (วัน)</label>
            <input type="text" inputmode="numeric" id="acknowledgeDays" name="acknowledgeDays" value="\(values.acknowledgeDays)" required>
            \(error("acknowledgeDays"))
            <label for="days">แจ้งผลการดำเนินการภายใน (วัน) — ค่าเริ่มต้น 15 วัน ตามแผนปฏิบัติการป้องกันการทุจริต</label>
            <input type="text" inputmode="numeric" id="days" name="days" value="\(values.days)" required>
            \(error("days"))
            <label><input type="checkbox" name="workingDays" value="yes"\(HTML(unsafeRaw: values.workingDays ? " checked" : ""))>
            นับเฉพาะวันทำการ (ไม่นับวันเสาร์และวันอาทิตย์)</label>
            <p><button type="submit" class="primary">บันทึก</button></p>
            </form>
            <p class="hint">กำหนดเวลาคิดจากวันที่รับเรื่อง และใช้กับเรื่องที่รับหลังการบันทึก เรื่องเดิมคงกำหนดแจ้งผลเดิม
            เรื่องที่เกินกำหนดแสดงในรายการเรื่องร้องเรียน และพิมพ์ได้ด้วยคำสั่ง <code>sujarit complaints reminders</code></p>
            <p><a href="\(staffBase(organization))">กลับไปรายการเรื่องร้องเรียน</a></p>
            """)
    }

    static func intakeForm(_ request: Request, organization: Organization, values: ReportFormValues? = nil,
                           problems: [String: LocalizedText] = [:]) -> HTML {
        let values = values ?? ReportFormValues()
        let channels: [HTML] = [ComplaintChannel.walkIn, .letter, .phone].map {
            "<option value=\"\($0.rawValue)\"\(HTML(unsafeRaw: values.channel == $0.rawValue ? " selected" : ""))>\($0.thaiName)</option>"
        }
        return page(request, title: "บันทึกเรื่องร้องเรียน", """
            <h1>บันทึกเรื่องร้องเรียนที่รับทางช่องทางอื่น</h1>
            \(problemList(problems))
            <form method="post" action="\(staffBase(organization))/new" class="complaint-form" enctype="multipart/form-data">
            \(CSRF.field(request))
            <label for="kind">ประเภทเรื่อง</label><select id="kind" name="kind">
            <option value="corruption"\(HTML(unsafeRaw: values.kind == "general" ? "" : " selected"))>\(ComplaintKind.corruption.thaiName)</option>
            <option value="general"\(HTML(unsafeRaw: values.kind == "general" ? " selected" : ""))>\(ComplaintKind.general.thaiName)</option></select>
            <label for="channel">ช่องทาง</label><select id="channel" name="channel">\(channels)</select>
            <label for="what">เกิดอะไรขึ้น</label>
            <textarea id="what" name="what" rows="8" required maxlength="10000">\(values.what ?? "")</textarea>
            <label for="who">ผู้ที่เกี่ยวข้อง</label><input type="text" id="who" name="who" value="\(values.who ?? "")">
            <label for="when">เมื่อไร</label><input type="text" id="when" name="when" value="\(values.when ?? "")">
            <label for="place">ที่ไหน</label><input type="text" id="place" name="place" value="\(values.place ?? "")">
            <label for="amount">จำนวนเงิน</label><input type="text" id="amount" name="amount" value="\(values.amount ?? "")">
            \(evidenceField("เอกสารหรือหลักฐานที่ผู้ร้องมอบให้ (สแกนหรือถ่ายรูป)"))
            <label><input type="checkbox" name="concernsExecutive" value="yes"> เกี่ยวกับผู้บริหารท้องถิ่นหรือปลัด (เฉพาะเรื่องร้องเรียนการทุจริต)</label>
            <label><input type="radio" name="identity" value="anonymous" checked> ผู้ร้องไม่ประสงค์เปิดเผยตัวตน</label>
            <label><input type="radio" name="identity" value="contact"> ติดต่อผู้ร้องได้ที่</label>
            <input type="text" name="contact" aria-label="ช่องทางติดต่อ" value="\(values.contact ?? "")">
            <p><button type="submit" class="primary">บันทึกและออกใบรับเรื่อง</button></p>
            </form>
            """)
    }

    static func reportDetails(_ report: ComplaintReport?) -> HTML {
        guard let report else {
            return "<div class=\"notice\" role=\"status\" id=\"sealed\"><p>\(CaseKeys.unavailable.message.th)</p></div>"
        }
        return """
            <dl>
            <dt>เกิดอะไรขึ้น</dt><dd class="report-field">\(report.what)</dd>
            <dt>ผู้ที่เกี่ยวข้อง</dt><dd class="report-field">\(report.who)</dd>
            <dt>เมื่อไร</dt><dd class="report-field">\(report.when)</dd>
            <dt>ที่ไหน</dt><dd class="report-field">\(report.whereText)</dd>
            <dt>จำนวนเงิน</dt><dd class="report-field">\(report.amount)</dd>
            <dt>ผู้ร้องเรียน</dt><dd class="report-field">\(report.anonymous ? "ไม่เปิดเผยตัวตน" : report.contact)</dd>
            </dl>
            """
    }

    static func casePage(_ request: Request, organization: Organization, complaint: ComplaintCase, report: ComplaintReport?,
                         messages: [(ComplaintMessage, String)], evidence: [(StoredEvidence, EvidenceFileInfo)] = [],
                         log: [ComplaintLogRecord], officers: [UserRecord], today: CalendarDay) -> HTML {
        let action = "\(staffBase(organization))/\(complaint.id)/action"
        let csrf = CSRF.field(request)
        let version: HTML = "<input type=\"hidden\" name=\"version\" value=\"\(complaint.version)\">"
        func button(_ command: String, _ label: String) -> HTML {
            "<form method=\"post\" action=\"\(action)\" class=\"inline\">\(csrf)\(version)<input type=\"hidden\" name=\"command\" value=\"\(command)\"><button type=\"submit\">\(label)</button></form>"
        }
        var steps: [HTML] = []
        for next in ComplaintWorkflow.next(from: complaint.status) {
            switch next {
            case .acknowledged: steps.append(button("acknowledge", "ตอบรับเรื่อง"))
            case .screening: steps.append(button("screen", "เริ่มพิจารณาเบื้องต้น"))
            case .investigating: steps.append(button("investigate", "เริ่มตรวจสอบข้อเท็จจริง"))
            case .closed: steps.append(button("close", "ยุติเรื่อง"))
            case .referred:
                let bodies: [HTML] = OversightBody.allCases.map { "<option value=\"\($0.rawValue)\">\($0.thaiName)</option>" }
                steps.append("""
                    <form method="post" action="\(action)">\(csrf)\(version)<input type="hidden" name="command" value="refer">
                    <label>ส่งต่อ <select name="body">\(bodies)</select></label> <input type="text" name="bodyName" placeholder="ชื่อหน่วยงาน/สำนักงาน" aria-label="ชื่อหน่วยงาน">
                    <button type="submit">ส่งต่อ</button></form>
                    """)
            case .concluded:
                let outcomes: [HTML] = ComplaintOutcome.allCases.map { "<option value=\"\($0.rawValue)\">\($0.thaiName)</option>" }
                steps.append("""
                    <form method="post" action="\(action)">\(csrf)\(version)<input type="hidden" name="command" value="conclude">
                    <label>ผลการพิจารณา <select name="outcome">\(outcomes)</select></label> <button type="submit">บันทึกผล</button></form>
                    """)
            case .received: break
            }
        }
        let officerOptions: [HTML] = officers.filter { !complaint.recused.contains($0.id ?? UUID()) }.map { user in
            "<option value=\"\(user.id ?? UUID())\"\(HTML(unsafeRaw: user.id == complaint.assignedTo ? " selected" : ""))>\(user.displayName)</option>"
        }
        let assignedName = officers.first { $0.id == complaint.assignedTo }?.displayName ?? "ยังไม่มอบหมาย"
        let messageItems: [HTML] = messages.map { message, text in
            let label = switch message.kind {
            case .reporter: "จากผู้ร้องเรียน"
            case .reply: "ตอบผู้ร้องเรียน"
            case .note: "บันทึกภายใน (ผู้ร้องไม่เห็น)"
            }
            return "<div class=\"message \(message.kind.rawValue)\"><p><strong>\(label)</strong> · \(message.writtenOn.thai())</p><p>\(text)</p></div>"
        }
        let reclassify: HTML = complaint.kind == .general ? """
            <form method="post" action="\(action)">\(csrf)\(version)<input type="hidden" name="command" value="reclassify">
            <button type="submit">ย้ายไปเป็นเรื่องร้องเรียนการทุจริต (ย้ายกลับไม่ได้)</button></form>
            """ : ""
        let evidenceItems: [HTML] = evidence.map { item, info in
            let from = item.addedBy == "reporter" ? "จากผู้ร้องเรียน" : "บันทึกโดยเจ้าหน้าที่"
            return "<li><a href=\"\(staffBase(organization))/\(complaint.id)/evidence/\(item.id)\">\(info.name)</a> · \(info.kind.thaiName) · \(max(1, info.size / 1024)) KB · \(from) · \(item.addedOn.thai())</li>"
        }
        let logItems: [HTML] = log.map { "<li>\($0.occurred) · \($0.actor) · \($0.action) \($0.detail)</li>" }
        let overdue: HTML = complaint.isOverdue(today: today) ? " <span class=\"overdue\">เกินกำหนด</span>" : ""
        return page(request, title: "เรื่องร้องเรียน", """
            <h1>\(complaint.kind.thaiName) รับวันที่ \(complaint.receivedOn.thai())</h1>
            \(reclassify)
            <p><strong>สถานะ:</strong> \(complaint.publicStatus) · <strong>กำหนดแจ้งผล:</strong> \(complaint.dueOn.thai())\(overdue)
            · <strong>ช่องทาง:</strong> \(complaint.channel.thaiName) · <strong>ผู้รับผิดชอบ:</strong> \(assignedName)</p>
            \(HTML(unsafeRaw: complaint.concernsExecutive ? "<p class=\"notice\">เรื่องเกี่ยวกับผู้บริหารท้องถิ่นหรือปลัด</p>" : ""))
            <h2>รายละเอียดที่แจ้ง</h2>
            \(reportDetails(report))
            <h2>ไฟล์หลักฐาน</h2>
            \(evidenceItems.isEmpty ? "<p>ไม่มีไฟล์แนบ</p>" : "<ul>\(evidenceItems)</ul>")
            <p class="hint">ไฟล์ถูกถอดรหัสเมื่อดาวน์โหลด และการดาวน์โหลดทุกครั้งถูกบันทึก</p>
            <h2>ดำเนินการ</h2>
            \(steps)
            <form method="post" action="\(action)">\(csrf)\(version)<input type="hidden" name="command" value="assign">
            <label>มอบหมายให้ <select name="officer"><option value="">— ไม่มอบหมาย —</option>\(officerOptions)</select></label>
            <button type="submit">มอบหมาย</button></form>
            <form method="post" action="\(action)">\(csrf)\(version)<input type="hidden" name="command" value="reply">
            <label for="reply">ตอบผู้ร้องเรียน (ผู้ร้องเห็นข้อความนี้)</label><textarea id="reply" name="text" rows="4" maxlength="10000"></textarea>
            <button type="submit">ส่งคำตอบ</button></form>
            <form method="post" action="\(action)">\(csrf)\(version)<input type="hidden" name="command" value="note">
            <label for="note">บันทึกภายใน (ผู้ร้องไม่เห็น)</label><textarea id="note" name="text" rows="3" maxlength="10000"></textarea>
            <button type="submit">บันทึก</button></form>
            <form method="post" action="\(action)">\(csrf)\(version)<input type="hidden" name="command" value="recuse">
            <button type="submit">แจ้งว่าข้าพเจ้ามีส่วนได้เสียกับเรื่องนี้ (จะไม่เห็นเรื่องนี้อีก)</button></form>
            <h2>ข้อความ</h2>
            \(messageItems.isEmpty ? "<p>ยังไม่มีข้อความ</p>" : messageItems.joined())
            <h2>บันทึกการเข้าถึงและการดำเนินการ</h2>
            <ul>\(logItems)</ul>
            <p><a href="\(SiteURL.complaints(slug: organization.slug))">กลับไปรายการเรื่องร้องเรียน</a></p>
            """)
    }
}

