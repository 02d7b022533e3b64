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
    var _rt: String?
    var _csrf: String?

    var report: ComplaintReport {
        ComplaintReport(what: what ?? "", who: who ?? "", when: when ?? "", whereText: place ?? "", amount: amount ?? "",
                        contact: contact ?? "", anonymous: identity != "contact")
    }
}

/// The complaint channel's pages. Every text the reporter or an officer typed goes through the
/// `HTML` type's escaping.
enum ComplaintPages {
    static func page(_ request: Request, title: String, _ body: HTML) -> HTML {
        Layout.page(request: request, title: title, body: """
            <link rel="stylesheet" href="\(SiteURL.complaintStylesheet)">
            \(body)
            """)
    }


    static func problemList(_ problems: [String: LocalizedText]) -> HTML {
        guard !problems.isEmpty else { return "" }
        let items: [HTML] = problems.sorted { $0.key < $1.key }.map { "<li>\($0.value.th)</li>" }
        return "<div class=\"notice error\" role=\"alert\"><p>กรุณาแก้ไข:</p><ul>\(items)</ul></div>"
    }

    // MARK: Reporter

    static func reportForm(_ request: Request, organization: Organization, values: ReportFormValues? = nil,
                           problems: [String: LocalizedText] = [:]) -> HTML {
        let values = values ?? ReportFormValues()
        let anonymous = values.identity != "contact"
        return page(request, title: "แจ้งเรื่องร้องเรียนการทุจริต", """
            <h1>แจ้งเรื่องร้องเรียนการทุจริต</h1>
            <p>\(organization.name)</p>
            <div class="notice">
            <p><strong>ช่องทางนี้แยกจากการร้องทุกข์ทั่วไป และปกปิดตัวตนของผู้แจ้ง</strong> ไม่ต้องมีบัญชีผู้ใช้
            ระบบไม่บันทึกที่อยู่ IP เบราว์เซอร์ หรือเวลาที่ส่ง (บันทึกเพียงวันที่) ข้อความทั้งหมดถูกเข้ารหัสก่อนเก็บ
            หลังส่งท่านจะได้รับ <strong>รหัสรับเรื่อง 20 หลัก</strong> สำหรับติดตามผลด้วยตนเอง
            หน่วยงานจะแจ้งผลภายใน 15 วัน หรือแจ้งเหตุผลหากยังดำเนินการไม่แล้วเสร็จ</p>
            </div>
            \(problemList(problems))
            <form method="post" action="\(SiteURL.report(slug: organization.slug))" class="complaint-form">
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
            <label><input type="checkbox" name="concernsExecutive" value="yes"\(HTML(unsafeRaw: values.concernsExecutive == "yes" ? " checked" : ""))>
            เรื่องนี้เกี่ยวกับผู้บริหารท้องถิ่น (นายก) หรือปลัด — ส่งให้หน่วยงานกำกับดูแลภายนอกพิจารณาแทนเจ้าหน้าที่ขององค์กร</label>
            <fieldset>
            <legend>การเปิดเผยตัวตน</legend>
            <label><input type="radio" name="identity" value="anonymous"\(HTML(unsafeRaw: anonymous ? " checked" : ""))> ไม่เปิดเผยตัวตน (แนะนำ)</label>
            <label><input type="radio" name="identity" value="contact"\(HTML(unsafeRaw: anonymous ? "" : " checked"))> ให้ติดต่อกลับได้ที่</label>
            <input type="text" name="contact" maxlength="10000" aria-label="ช่องทางติดต่อกลับ" value="\(values.contact ?? "")">
            </fieldset>
            <p><button type="submit" class="primary">ส่งเรื่องร้องเรียน</button></p>
            </form>
            <p><a href="\(SiteURL.reportTrack(slug: organization.slug))">ติดตามเรื่องที่เคยแจ้งไว้</a> ·
            <a href="\(SiteURL.complaintStatistics(slug: organization.slug, year: CalendarDay.today(request.application).fiscalYear.be))">สถิติเรื่องร้องเรียน</a></p>
            """)
    }

    static func receipt(_ request: Request, organization: Organization, code: ReceiptCode, complaint: ComplaintCase, staff: Bool = false) -> HTML {
        page(request, title: "รหัสรับเรื่อง", """
            <h1>ได้รับเรื่องร้องเรียนแล้ว</h1>
            <div class="receipt">
            <p>\(organization.name)</p>
            <p>รหัสรับเรื่องของท่าน</p>
            <p class="receipt-code" id="receipt-code">\(code.grouped)</p>
            <p>วันที่รับเรื่อง \(complaint.receivedOn.thai()) · กำหนดแจ้งผลภายใน \(complaint.dueOn.thai())</p>
            <p>ติดตามผลได้ที่ \(SiteURL.reportTrack(slug: organization.slug))</p>
            </div>
            <p class="warning-strong">จดรหัสนี้ไว้ หรือพิมพ์/บันทึกหน้านี้ทันที — ระบบไม่เก็บรหัสไว้และจะไม่แสดงรหัสนี้อีก
            หากทำรหัสหาย จะไม่สามารถติดตามเรื่องนี้ได้ และไม่มีผู้ใดกู้คืนรหัสให้ได้</p>
            <p class="no-print"><button type="button" id="print-receipt" hidden>พิมพ์หรือบันทึกเป็น PDF</button></p>
            <p class="no-print">\(HTML(unsafeRaw: staff ? "" : "อย่าเก็บรหัสไว้ในที่ที่ผู้อื่นเห็นได้ เช่น โทรศัพท์ที่ใช้ร่วมกัน"))</p>
            <script src="\(SiteURL.complaintScript)"></script>
            """)
    }

    static func trackForm(_ request: Request, organization: Organization, failed: Bool = false) -> HTML {
        page(request, title: "ติดตามเรื่องร้องเรียน", """
            <h1>ติดตามเรื่องร้องเรียน</h1>
            <p>\(organization.name)</p>
            \(HTML(unsafeRaw: failed ? "<div class=\"notice error\" role=\"alert\">ไม่พบเรื่องตามรหัสนี้ กรุณาตรวจสอบรหัสแล้วลองใหม่</div>" : ""))
            <form method="post" action="\(SiteURL.reportTrack(slug: organization.slug))" class="complaint-form" autocomplete="off">
            \(ReporterFormToken.field(request))
            <label for="code">รหัสรับเรื่อง 20 หลัก</label>
            <input type="text" id="code" name="code" inputmode="numeric" autocomplete="off" maxlength="40" required>
            <p><button type="submit" class="primary">ดูสถานะ</button></p>
            </form>
            """)
    }

    static func status(_ request: Request, organization: Organization, complaint: ComplaintCase, code: ReceiptCode,
                       messages: [(ComplaintMessage, String)], added: Bool = false) -> HTML {
        let items: [HTML] = messages.map { message, text in
            let who = message.kind == .reply ? "คำตอบจากเจ้าหน้าที่" : "ข้อมูลเพิ่มเติมของท่าน"
            return "<div class=\"message \(message.kind.rawValue)\"><p><strong>\(who)</strong> · \(message.writtenOn.thai())</p><p>\(text)</p></div>"
        }
        let addForm: HTML = complaint.status == .closed ? "<p>เรื่องนี้ยุติแล้ว</p>" : """
            <h2>เพิ่มข้อมูลหรือตอบคำถามเจ้าหน้าที่</h2>
            <form method="post" action="\(SiteURL.reportTrackAdd(slug: organization.slug))" class="complaint-form" autocomplete="off">
            \(ReporterFormToken.field(request))
            <input type="hidden" name="code" value="\(code.digits)">
            <label for="text">ข้อความ</label>
            <textarea id="text" name="text" rows="5" required maxlength="10000"></textarea>
            <p><button type="submit" class="primary">ส่งข้อมูลเพิ่มเติม</button></p>
            </form>
            """
        return page(request, title: "สถานะเรื่องร้องเรียน", """
            <h1>สถานะเรื่องร้องเรียน</h1>
            \(HTML(unsafeRaw: added ? "<div class=\"notice success\" role=\"status\">ส่งข้อมูลเพิ่มเติมแล้ว</div>" : ""))
            <p>\(organization.name)</p>
            <p><strong>สถานะ:</strong> \(complaint.publicStatus)</p>
            <p>รับเรื่องวันที่ \(complaint.receivedOn.thai()) · กำหนดแจ้งผล \(complaint.dueOn.thai())</p>
            <h2>ข้อความ</h2>
            \(items.isEmpty ? "<p>ยังไม่มีข้อความ</p>" : items.joined())
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

    static func caseList(_ request: Request, organization: Organization, cases: [ComplaintCase], today: CalendarDay) -> HTML {
        let rows: [HTML] = cases.map { complaint in
            let overdue: HTML = complaint.isOverdue(today: today)
                ? "<span class=\"overdue\">เกินกำหนด \(complaint.dueOn.days(until: today)) วัน</span>" : ""
            return """
                <tr><td><a href="\(SiteURL.complaint(slug: organization.slug, complaint.id))">\(complaint.receivedOn.thai())</a></td>
                <td>\(complaint.channel.thaiName)</td><td>\(complaint.publicStatus)</td>
                <td>\(complaint.dueOn.thai()) \(overdue)</td>
                <td>\(complaint.concernsExecutive ? "เกี่ยวกับผู้บริหาร" : "")</td></tr>
                """
        }
        let overdueCount = cases.filter { $0.isOverdue(today: today) }.count
        return page(request, title: "เรื่องร้องเรียนการทุจริต", """
            <h1>เรื่องร้องเรียนการทุจริต</h1>
            <p>\(organization.name) · ทั้งหมด \(cases.count) เรื่อง\(overdueCount > 0 ? " · เกินกำหนด \(overdueCount) เรื่อง" : "")</p>
            <p><a class="button" href="\(SiteURL.newComplaint(slug: organization.slug))">บันทึกเรื่องที่รับทางช่องทางอื่น (ยื่นเอง จดหมาย โทรศัพท์)</a></p>
            <table class="stats"><thead><tr><th>รับเรื่อง</th><th>ช่องทาง</th><th>สถานะ</th><th>กำหนดแจ้งผล</th><th></th></tr></thead>
            <tbody>\(rows)</tbody></table>
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
            <form method="post" action="\(SiteURL.newComplaint(slug: organization.slug))" class="complaint-form">
            \(CSRF.field(request))
            <label for="channel">ช่องทาง</label><select id="channel" name="channel">\(channels)</select>
            <label for="what">เกิดอะไรขึ้น</label>
            <textarea id="what" name="what" rows="8" required maxlength="10000">\(values.what ?? "")</textarea>
            <label for="who">ผู้ที่เกี่ยวข้อง</label><input type="text" id="who" name="who" value="\(values.who ?? "")">
            <label for="when">เมื่อไร</label><input type="text" id="when" name="when" value="\(values.when ?? "")">
            <label for="place">ที่ไหน</label><input type="text" id="place" name="place" value="\(values.place ?? "")">
            <label for="amount">จำนวนเงิน</label><input type="text" id="amount" name="amount" value="\(values.amount ?? "")">
            <label><input type="checkbox" name="concernsExecutive" value="yes"> เกี่ยวกับผู้บริหารท้องถิ่นหรือปลัด</label>
            <label><input type="radio" name="identity" value="anonymous" checked> ผู้ร้องไม่ประสงค์เปิดเผยตัวตน</label>
            <label><input type="radio" name="identity" value="contact"> ติดต่อผู้ร้องได้ที่</label>
            <input type="text" name="contact" aria-label="ช่องทางติดต่อ" value="\(values.contact ?? "")">
            <p><button type="submit" class="primary">บันทึกและออกใบรับเรื่อง</button></p>
            </form>
            """)
    }

    static func casePage(_ request: Request, organization: Organization, complaint: ComplaintCase, report: ComplaintReport,
                         messages: [(ComplaintMessage, String)], log: [ComplaintLogRecord], officers: [UserRecord],
                         today: CalendarDay) -> HTML {
        let action = SiteURL.complaintAction(slug: organization.slug, complaint.id)
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
        let logItems: [HTML] = log.map { "<li>\($0.occurred) · \($0.actor) · \($0.action) \($0.detail)</li>" }
        let overdue: HTML = complaint.isOverdue(today: today) ? " <span class=\"overdue\">เกินกำหนด</span>" : ""
        return page(request, title: "เรื่องร้องเรียน", """
            <h1>เรื่องร้องเรียนรับวันที่ \(complaint.receivedOn.thai())</h1>
            <p><strong>สถานะ:</strong> \(complaint.publicStatus) · <strong>กำหนดแจ้งผล:</strong> \(complaint.dueOn.thai())\(overdue)
            · <strong>ช่องทาง:</strong> \(complaint.channel.thaiName) · <strong>ผู้รับผิดชอบ:</strong> \(assignedName)</p>
            \(HTML(unsafeRaw: complaint.concernsExecutive ? "<p class=\"notice\">เรื่องเกี่ยวกับผู้บริหารท้องถิ่นหรือปลัด</p>" : ""))
            <h2>รายละเอียดที่แจ้ง</h2>
            <dl>
            <dt>เกิดอะไรขึ้น</dt><dd class="report-field">\(report.what)</dd>
            <dt>ผู้ที่เกี่ยวข้อง</dt><dd class="report-field">\(report.who)</dd>
            <dt>เมื่อไร</dt><dd class="report-field">\(report.when)</dd>
            <dt>ที่ไหน</dt><dd class="report-field">\(report.whereText)</dd>
            <dt>จำนวนเงิน</dt><dd class="report-field">\(report.amount)</dd>
            <dt>ผู้ร้องเรียน</dt><dd class="report-field">\(report.anonymous ? "ไม่เปิดเผยตัวตน" : report.contact)</dd>
            </dl>
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

