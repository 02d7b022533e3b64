import Foundation
import Vapor
import SujaritCore

/// The monitoring pages' texts in Thai and English, by key (the same mechanism as `UIKey`,
/// kept beside the feature so that the feature's texts live in one place).
enum MonitoringKey: String, CaseIterable {
    case monitoring, dashboardLead, openRound, openRoundLead, fiscalYear, roundKind, rounds, noRounds
    case round, status, items, completion, missing, missingNone, disbursedOfPlanned, belowTarget, belowTargetNone
    case overdue, overdueNone, records, record, fill, save, submit, approve, returnToOpen, reopen, reason, reasonRequired
    case progress, shortfallReason, reasonText, plannedBudget, ordinanceBudget, committed, disbursed, overspendReason
    case startDate, endDate, participants, indicators, target, actualValue, actualText, met, notMet, unmeasured
    case narrative, problems, obstacles, suggestions, notReported, summary, charts, downloads, monitoringReport, annualReport
    case history, backToRound, backToDashboard, lockedNotice, submittedNotice, reopenedNotice, version, saved, warnings
    case dimension, total, carriedOutPercent, choose, planPeriod, latestApproved, noBudget, dateHint, percentOfPlan
    case publicReports, dashboardLink, evidence, noEvidence, evidenceFile, evidenceHint, attachEvidence, removeEvidence
}

extension Request {
    /// A monitoring text in the request's language.
    func mt(_ key: MonitoringKey) -> String {
        let pair = MonitoringText.texts[key] ?? (key.rawValue, key.rawValue)
        return language == .thai ? pair.0 : pair.1
    }

    /// Thai or English name of a value with both.
    func name(th: String, en: String) -> String { language == .thai ? th : en }
}

enum MonitoringText {
    static let texts: [MonitoringKey: (String, String)] = [
        .monitoring: ("การติดตามและรายงานผล", "Monitoring and reporting"),
        .dashboardLead: ("รอบการติดตาม 6 เดือนและ 12 เดือนของแผนที่เผยแพร่แล้ว สิ่งที่ยังขาด และตัวชี้วัดที่ยังไม่บรรลุ",
                         "6- and 12-month rounds of the published plans, what is missing, and indicators below target"),
        .openRound: ("เปิดรอบการติดตาม", "Open a monitoring round"),
        .openRoundLead: ("ระบบจะสร้างบันทึกหนึ่งรายการต่อโครงการที่ต้องดำเนินการในปีนั้น (มีงบประมาณหรือระยะเวลาครอบคลุมปีนั้น) รอบ 12 เดือนเริ่มจากค่าของรอบ 6 เดือน",
                         "One record is made per item due that year (a budget or a period covering it); the 12-month round starts from the 6-month values"),
        .fiscalYear: ("ปีงบประมาณ", "Fiscal year"),
        .roundKind: ("รอบ", "Round"),
        .rounds: ("รอบการติดตาม", "Monitoring rounds"),
        .noRounds: ("ยังไม่มีรอบการติดตาม", "No monitoring round yet"),
        .round: ("รอบ", "Round"),
        .status: ("สถานะ", "Status"),
        .items: ("รายการ", "Items"),
        .completion: ("รายงานแล้ว", "Reported"),
        .missing: ("ยังไม่ได้รายงานผล", "Not reported yet"),
        .missingNone: ("รายงานครบทุกรายการแล้ว", "Every item has been reported"),
        .disbursedOfPlanned: ("เบิกจ่าย / งบตามแผน", "Disbursed / planned"),
        .belowTarget: ("ตัวชี้วัดที่ต่ำกว่าเป้าหมาย", "Indicators below target"),
        .belowTargetNone: ("ไม่มีตัวชี้วัดที่ต่ำกว่าเป้าหมาย", "No indicator below target"),
        .overdue: ("รายการที่ล่าช้า", "Overdue items"),
        .overdueNone: ("ไม่มีรายการที่ล่าช้า", "No overdue item"),
        .records: ("บันทึกผลรายโครงการ", "Records by item"),
        .record: ("บันทึกผล", "Record"),
        .fill: ("กรอกผล", "Fill in"),
        .save: ("บันทึก", "Save"),
        .submit: ("เสนออนุมัติ", "Submit for approval"),
        .approve: ("อนุมัติและล็อกรอบ", "Approve and lock"),
        .returnToOpen: ("ส่งกลับแก้ไข", "Send back"),
        .reopen: ("เปิดรอบอีกครั้ง", "Reopen"),
        .reason: ("เหตุผล", "Reason"),
        .reasonRequired: ("เหตุผล (จำเป็น จะถูกบันทึกในประวัติ)", "Reason (required; kept in the history)"),
        .progress: ("สถานะการดำเนินงาน", "Status"),
        .shortfallReason: ("เหตุผลที่ไม่ได้ดำเนินการหรือล่าช้า", "Why not carried out or late"),
        .reasonText: ("รายละเอียดเหตุผล", "Reason in words"),
        .plannedBudget: ("งบประมาณตามแผน (บาท)", "Budget in the plan (baht)"),
        .ordinanceBudget: ("งบประมาณตามข้อบัญญัติ/เทศบัญญัติ (บาท)", "Budget in the ordinance (baht)"),
        .committed: ("ก่อหนี้ผูกพัน (บาท)", "Committed (baht)"),
        .disbursed: ("เบิกจ่าย (บาท)", "Disbursed (baht)"),
        .overspendReason: ("เหตุผลที่เบิกจ่ายเกินงบประมาณ", "Why more than the budget was disbursed"),
        .startDate: ("วันที่เริ่มดำเนินการ", "First day"),
        .endDate: ("วันที่ดำเนินการแล้วเสร็จ", "Last day"),
        .participants: ("จำนวนผู้เข้าร่วม (คน)", "Participants"),
        .indicators: ("ตัวชี้วัด: เป้าหมายและผลที่ได้", "Indicators: target and result"),
        .target: ("เป้าหมาย", "Target"),
        .actualValue: ("ผลที่ได้ (ตัวเลข)", "Result (number)"),
        .actualText: ("ผลที่ได้ (คำอธิบาย)", "Result (words)"),
        .met: ("บรรลุเป้าหมาย", "Met"),
        .notMet: ("ไม่บรรลุเป้าหมาย", "Not met"),
        .unmeasured: ("วัดเป็นตัวเลขไม่ได้", "Not measurable"),
        .narrative: ("ผลการดำเนินงาน", "What was done"),
        .problems: ("ปัญหา", "Problems"),
        .obstacles: ("อุปสรรค", "Obstacles"),
        .suggestions: ("ข้อเสนอแนะ", "Suggestions"),
        .notReported: ("ยังไม่รายงาน", "Not reported"),
        .summary: ("สรุปผลแยกตามมิติ", "Summary by dimension"),
        .charts: ("แผนภูมิ", "Charts"),
        .downloads: ("ดาวน์โหลด", "Download"),
        .monitoringReport: ("รายงานผลการติดตาม", "Monitoring report"),
        .annualReport: ("รายงานผลการดำเนินการประจำปี", "Annual results report"),
        .history: ("ประวัติ", "History"),
        .backToRound: ("กลับไปที่รอบการติดตาม", "Back to the round"),
        .backToDashboard: ("กลับไปที่การติดตาม", "Back to monitoring"),
        .lockedNotice: ("รอบนี้อนุมัติแล้วและถูกล็อก การแก้ไขต้องให้ผู้ดูแลเปิดรอบอีกครั้งพร้อมระบุเหตุผล",
                        "This round is approved and locked; to change it the admin must reopen it with a reason"),
        .submittedNotice: ("รอบนี้เสนออนุมัติแล้ว รอผู้ดูแลอนุมัติหรือส่งกลับแก้ไข", "Submitted; waiting for the admin to approve or send it back"),
        .reopenedNotice: ("เปิดอีกครั้งเพราะ", "Reopened because"),
        .version: ("ฉบับแก้ไขที่", "Version"),
        .saved: ("บันทึกแล้ว", "Saved"),
        .warnings: ("ข้อสังเกต", "Warnings"),
        .dimension: ("มิติ", "Dimension"),
        .total: ("รวมทั้งสิ้น", "Total"),
        .carriedOutPercent: ("ร้อยละที่ดำเนินการ", "% carried out"),
        .choose: ("— เลือก —", "— choose —"),
        .planPeriod: ("ภาพรวมตลอดช่วงแผน", "Whole plan period"),
        .latestApproved: ("ผลการติดตามล่าสุดที่อนุมัติแล้ว", "Latest approved monitoring"),
        .noBudget: ("ไม่ใช้งบประมาณ", "No budget"),
        .dateHint: ("เช่น 2025-01-15 หรือ 2568-01-15", "e.g. 2025-01-15 or 2568-01-15"),
        .percentOfPlan: ("ร้อยละเบิกจ่าย", "% disbursed"),
        .publicReports: ("รายงานผลการติดตามที่อนุมัติแล้ว", "Approved monitoring reports"),
        .dashboardLink: ("การติดตามและรายงานผล", "Monitoring and reporting"),
        .evidence: ("หลักฐาน", "Evidence"),
        .noEvidence: ("ยังไม่มีไฟล์หลักฐาน", "No evidence file yet"),
        .evidenceFile: ("ไฟล์หลักฐาน (ภาพถ่าย PDF หรือ Word)", "Evidence file (photo, PDF or Word)"),
        .evidenceHint: ("รับ JPEG, PNG, PDF, DOCX ไม่เกิน 10 MB ต่อไฟล์ ระบบตรวจชนิดจากเนื้อไฟล์", "JPEG, PNG, PDF, DOCX up to 10 MB each; the type is checked from the content"),
        .attachEvidence: ("แนบไฟล์", "Attach"),
        .removeEvidence: ("ลบ", "Remove"),
    ]
}
