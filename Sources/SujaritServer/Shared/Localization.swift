import Foundation
import SujaritCore

/// Every text of the user interface, in Thai and English, kept in one place.
/// Pages ask `t(.key)`; a missing English text falls back to Thai.
public enum UIKey: String, CaseIterable, Sendable {
    case appName, appTagline, organizations, organizationsLead, noOrganizations, plans, noPlans, noPublishedPlans
    case signIn, signOut, username, password, signInFailed, signedInAs, language
    case dimension, mission, items, budgetBaht, remarks, subtotal, grandTotal, projectsCount, fiscalYear
    case status, revision, open, planYears, itemSheet, backToPlan, noSheet
    case sheetName, sheetRationale, sheetObjectives, sheetTargetGroup, sheetMethod, sheetPeriod, sheetBudget
    case sheetResponsible, sheetOutputsOutcomes, sheetOutputs, sheetOutcomes, sheetArea, headcount
    case riskTable, workArea, riskIssues, riskLevel, controlMeasures, targets, indicator
    case findings, noFindings, error, warning, notFound, forbidden, badRequest, serverError, tryAgain
    case home, draftNotice, summary, totalOverPlan, unplaced, kindColumn, responsibleUnit
    case province, district, website, phone, apiLink, skipToContent, csrfFailed, noBudget, persons
    case download, pdfUnavailable, downloadWordInstead
}

public struct Translator: Sendable {
    public let language: Language

    public init(_ language: Language) { self.language = language }

    public func callAsFunction(_ key: UIKey) -> String {
        let pair = Self.texts[key] ?? (key.rawValue, key.rawValue)
        return language == .thai ? pair.0 : pair.1
    }

    public func pick(_ text: LocalizedText) -> String { text.text(language) }

    static let texts: [UIKey: (String, String)] = [
        .appName: ("สุจริต", "Sujarit"),
        .appTagline: ("ระบบแผนปฏิบัติการป้องกันการทุจริตขององค์กรปกครองส่วนท้องถิ่น", "Anti-corruption action plans of Thai local government"),
        .organizations: ("องค์กรปกครองส่วนท้องถิ่น", "Local administrative organizations"),
        .organizationsLead: ("เลือกองค์กรเพื่อดูแผนปฏิบัติการป้องกันการทุจริตที่เผยแพร่แล้ว", "Choose an organization to read its published anti-corruption action plans"),
        .noOrganizations: ("ยังไม่มีองค์กรในระบบ", "No organization yet"),
        .plans: ("แผนปฏิบัติการป้องกันการทุจริต", "Anti-corruption action plans"),
        .noPlans: ("ยังไม่มีแผน", "No plan yet"),
        .noPublishedPlans: ("ยังไม่มีแผนที่เผยแพร่", "No published plan yet"),
        .signIn: ("เข้าสู่ระบบ", "Sign in"),
        .signOut: ("ออกจากระบบ", "Sign out"),
        .username: ("ชื่อผู้ใช้", "Username"),
        .password: ("รหัสผ่าน", "Password"),
        .signInFailed: ("ชื่อผู้ใช้หรือรหัสผ่านไม่ถูกต้อง", "Wrong username or password"),
        .signedInAs: ("เข้าสู่ระบบในชื่อ", "Signed in as"),
        .language: ("English", "ภาษาไทย"),
        .dimension: ("มิติ", "Dimension"),
        .mission: ("ภารกิจตามมิติ", "Mission"),
        .items: ("โครงการ/กิจกรรม/มาตรการ", "Projects/activities/measures"),
        .budgetBaht: ("งบประมาณ (บาท)", "Budget (baht)"),
        .remarks: ("หมายเหตุ", "Remarks"),
        .subtotal: ("รวม", "Subtotal"),
        .grandTotal: ("รวมทั้งสิ้น", "Grand total"),
        .projectsCount: ("จำนวน %d โครงการ", "%d items"),
        .fiscalYear: ("ปี", "FY"),
        .status: ("สถานะ", "Status"),
        .revision: ("ฉบับที่", "Revision"),
        .open: ("เปิด", "Open"),
        .planYears: ("ปีของแผน", "Plan years"),
        .itemSheet: ("รายละเอียดโครงการ", "Project sheet"),
        .backToPlan: ("กลับไปที่แผน", "Back to the plan"),
        .noSheet: ("ยังไม่มีรายละเอียดโครงการ", "No project sheet yet"),
        .sheetName: ("ชื่อโครงการ", "Name"),
        .sheetRationale: ("หลักการและเหตุผล", "Rationale"),
        .sheetObjectives: ("วัตถุประสงค์", "Objectives"),
        .sheetTargetGroup: ("กลุ่มเป้าหมาย", "Target group"),
        .sheetMethod: ("วิธีดำเนินการ", "Method"),
        .sheetPeriod: ("ระยะเวลาดำเนินการ", "Period"),
        .sheetBudget: ("งบประมาณดำเนินการ", "Budget"),
        .sheetResponsible: ("ผู้รับผิดชอบ", "Responsible"),
        .sheetOutputsOutcomes: ("ผลผลิต/ผลลัพธ์", "Outputs/outcomes"),
        .sheetOutputs: ("ผลผลิต", "Outputs"),
        .sheetOutcomes: ("ผลลัพธ์", "Outcomes"),
        .sheetArea: ("พื้นที่ดำเนินการ", "Area"),
        .headcount: ("จำนวน", "Headcount"),
        .riskTable: ("การประเมินความเสี่ยงการทุจริต", "Corruption-risk assessment"),
        .workArea: ("ขั้นตอนการดำเนินงาน", "Work area"),
        .riskIssues: ("ประเด็นความเสี่ยงการทุจริต", "Risk issues"),
        .riskLevel: ("ระดับความเสี่ยง", "Risk level"),
        .controlMeasures: ("มาตรการควบคุมความเสี่ยงการทุจริต", "Control measures"),
        .targets: ("ค่าเป้าหมาย", "Targets"),
        .indicator: ("ตัวชี้วัด", "Indicator"),
        .findings: ("ข้อสังเกตจากการตรวจแผน", "Validation findings"),
        .noFindings: ("ไม่พบข้อผิดพลาด", "No findings"),
        .error: ("ข้อผิดพลาด", "Error"),
        .warning: ("ข้อควรตรวจสอบ", "Warning"),
        .notFound: ("ไม่พบหน้าที่ต้องการ", "Page not found"),
        .forbidden: ("ไม่มีสิทธิ์เข้าถึง", "Access denied"),
        .badRequest: ("คำขอไม่ถูกต้อง", "Bad request"),
        .serverError: ("ระบบขัดข้อง", "Something went wrong"),
        .tryAgain: ("กรุณาลองใหม่อีกครั้ง", "Please try again"),
        .home: ("หน้าแรก", "Home"),
        .draftNotice: ("แผนฉบับนี้ยังไม่เผยแพร่ เห็นได้เฉพาะบุคลากรขององค์กร", "This revision is not published; only the organization's staff can see it"),
        .summary: ("สรุป", "Summary"),
        .totalOverPlan: ("งบประมาณรวมตลอดแผน", "Budget over the whole plan"),
        .unplaced: ("รายการที่ยังไม่ได้ระบุภารกิจ", "Items without a mission"),
        .kindColumn: ("ประเภท", "Kind"),
        .responsibleUnit: ("ผู้รับผิดชอบ", "Responsible"),
        .province: ("จังหวัด", "Province"),
        .district: ("อำเภอ", "District"),
        .website: ("เว็บไซต์", "Website"),
        .phone: ("โทรศัพท์", "Phone"),
        .apiLink: ("ข้อมูลเปิด (JSON)", "Open data (JSON)"),
        .skipToContent: ("ข้ามไปยังเนื้อหา", "Skip to content"),
        .csrfFailed: ("แบบฟอร์มหมดอายุ กรุณาโหลดหน้าใหม่แล้วส่งอีกครั้ง", "The form expired; reload the page and submit again"),
        .noBudget: ("ไม่ใช้งบประมาณ", "No budget"),
        .persons: ("คน", "persons"),
        .download: ("ดาวน์โหลด", "Download"),
        .pdfUnavailable: ("ยังสร้างไฟล์ PDF ไม่ได้", "The PDF cannot be made"),
        .downloadWordInstead: ("ดาวน์โหลดไฟล์ Word แทน", "Download the Word file instead"),
    ]
}
