import Foundation
import SujaritCore

// MARK: - Template text

/// Placeholders in the texts of the catalog of standard measures, and how they are filled in.
///
/// - `{องค์กร}`: the organization's full name ("องค์การบริหารส่วนตำบลบ้านโป่ง").
/// - `{ปีแรก}` / `{ปีสุดท้าย}`: the plan's first and last fiscal years (Buddhist Era).
///
/// The national template itself leaves the phrase "ระบุชื่อองค์กรปกครองส่วนท้องถิ่น" ("insert the
/// name of the local administrative organization") where the name goes; it is filled in too.
public enum TemplateText {
    public static let organizationPlaceholder = "{องค์กร}"
    public static let firstYearPlaceholder = "{ปีแรก}"
    public static let lastYearPlaceholder = "{ปีสุดท้าย}"

    /// "ระบุชื่อองค์กรปกครองส่วนท้องถิ่น", also in a pair of brackets, with stray spaces, or with
    /// the common misspelling "องค์การปกครองส่วนท้องถิ่น".
    private static var templateNamePhrase: Regex<AnyRegexOutput> {
        let phrase = #"ระบุ\s*ชื่อ\s*องค์(?:กร|การ)\s*ปกครอง\s*ส่วน\s*ท้องถิ่น"#
        return try! Regex(#"\(\s*"# + phrase + #"\s*\)|\[\s*"# + phrase + #"\s*\]|\{\s*"# + phrase + #"\s*\}|"# + phrase)
    }

    /// "{ปีแรก} – {ปีสุดท้าย}" with any dash and spacing.
    private static var yearRange: Regex<AnyRegexOutput> {
        try! Regex(#"\{ปีแรก\}\s*[-–—]\s*\{ปีสุดท้าย\}"#)
    }

    /// The text with every placeholder replaced. A range "{ปีแรก} – {ปีสุดท้าย}" becomes a single
    /// year ("2568") when the plan covers one fiscal year. The result is in NFC.
    public static func fill(_ text: String, organizationName: String, firstYear: FiscalYear, lastYear: FiscalYear) -> String {
        var result = text.nfc
        let name = organizationName.cleaned
        if result.contains("ระบุ") {
            result = result.replacing(templateNamePhrase) { _ in name }
        }
        if firstYear == lastYear {
            result = result.replacing(yearRange) { _ in String(firstYear.be) }
        }
        result = result
            .replacingOccurrences(of: organizationPlaceholder, with: name)
            .replacingOccurrences(of: firstYearPlaceholder, with: String(firstYear.be))
            .replacingOccurrences(of: lastYearPlaceholder, with: String(lastYear.be))
        return result.nfc
    }

    /// Every text of a sheet filled in, including nested method steps.
    public static func fill(_ sheet: ProjectSheet, organizationName: String, firstYear: FiscalYear, lastYear: FiscalYear) -> ProjectSheet {
        func f(_ text: String) -> String { fill(text, organizationName: organizationName, firstYear: firstYear, lastYear: lastYear) }
        func step(_ s: MethodStep) -> MethodStep { MethodStep(f(s.text), subSteps: s.subSteps.map(step)) }
        var filled = sheet
        filled.rationale = f(sheet.rationale)
        filled.objectives = sheet.objectives.map(f)
        filled.targetGroup = f(sheet.targetGroup)
        filled.method = sheet.method.map(step)
        filled.period = f(sheet.period)
        filled.budgetText = f(sheet.budgetText)
        filled.responsible = f(sheet.responsible)
        filled.outputs = sheet.outputs.map(f)
        filled.outcomes = sheet.outcomes.map(f)
        filled.area = sheet.area.map(f)
        return filled
    }
}

// MARK: - Standard measure

/// มาตรการมาตรฐาน — a measure that the national template and real plans share (NO Gift Policy,
/// information centre, complaint channel …), with its place in the 2566–2570 cycle and a draft
/// project sheet in Thai. Texts hold the placeholders of `TemplateText`.
public struct StandardMeasure: Identifiable, Hashable, Sendable {
    /// Stable kebab-case English id, e.g. "no-gift-policy".
    public let id: String
    public let kind: PlanItemKind
    /// The item's Thai name with `{องค์กร}` where the organization's name goes; starts with the
    /// kind word.
    public let nameTemplate: String
    public let englishTitle: String
    /// Mission of cycle 2566–2570, "N.M".
    public let missionCode: String
    /// Sub-mission of cycle 2566–2570, "N.M.K"; nil for missions that have none (1.2, 1.3).
    public let subMissionCode: String?
    /// The ITA (IIT/EIT/OIT) topic the measure serves, as free text.
    public let itaTopic: String?
    /// A typical yearly budget when the measure normally costs money; nil for "ไม่ใช้งบประมาณ".
    public let typicalAnnualBudget: Money?
    /// The draft sheet (fields 2–9) with placeholders.
    public let sheetTemplate: ProjectSheet

    public init(
        id: String, kind: PlanItemKind, nameTemplate: String, englishTitle: String, missionCode: String,
        subMissionCode: String?, itaTopic: String?, typicalAnnualBudget: Money? = nil, sheetTemplate: ProjectSheet
    ) {
        self.id = id
        self.kind = kind
        self.nameTemplate = nameTemplate
        self.englishTitle = englishTitle
        self.missionCode = missionCode
        self.subMissionCode = subMissionCode
        self.itaTopic = itaTopic
        self.typicalAnnualBudget = typicalAnnualBudget
        self.sheetTemplate = sheetTemplate
    }

    /// The dimension (1…4) of the measure's mission.
    public var dimensionNumber: Int { Mission.dimensionNumber(ofCode: missionCode) ?? 0 }

    /// The name with the organization's name filled in.
    public func name(organizationName: String) -> String {
        TemplateText.fill(nameTemplate, organizationName: organizationName, firstYear: FiscalYear(0), lastYear: FiscalYear(0))
    }
}

// MARK: - Catalog

/// แคตตาล็อกมาตรการมาตรฐาน — the catalog of standard measures offered by the new-plan wizard.
public enum StandardMeasures {
    /// Every measure, in the order of the plan table (dimension, mission, sub-mission).
    public static let all: [StandardMeasure] = dimension1 + dimension2 + dimension3 + dimension4

    private static let index: [String: StandardMeasure] = Dictionary(uniqueKeysWithValues: all.map { ($0.id, $0) })

    public static func measure(id: String) -> StandardMeasure? { index[id] }

    /// The measure as a plan item for an organization and plan years: placeholders filled in
    /// every text (name and every sheet field, nested method steps included), the same budget
    /// for every fiscal year of the plan — `budget` if given, otherwise the measure's typical
    /// amount, otherwise `.noBudget` — the sheet's budget text matching it, and the responsible
    /// unit matched to one of the organization's units where possible. The sheet number is `order`.
    public static func item(
        _ measure: StandardMeasure, organization: Organization, firstYear: FiscalYear, lastYear: FiscalYear,
        order: Int, id: UUID = UUID(), budget: BudgetEntry? = nil
    ) -> PlanItem {
        let years = firstYear <= lastYear ? (firstYear.be...lastYear.be).map(FiscalYear.init) : []
        let entry: BudgetEntry = budget ?? measure.typicalAnnualBudget.map { .amount($0) } ?? .noBudget
        var sheet = TemplateText.fill(measure.sheetTemplate, organizationName: organization.name, firstYear: firstYear, lastYear: lastYear)
        sheet.sheetNumber = order
        sheet.budgetText = budgetText(entry, years: years.count)
        sheet.responsible = unit(for: sheet.responsible, in: organization)
        return PlanItem(
            id: id, kind: measure.kind,
            name: TemplateText.fill(measure.nameTemplate, organizationName: organization.name, firstYear: firstYear, lastYear: lastYear),
            missionCode: measure.missionCode, subMissionCode: measure.subMissionCode, order: order,
            responsibleUnit: sheet.responsible,
            budgets: Dictionary(uniqueKeysWithValues: years.map { ($0, entry) }),
            sheet: sheet
        )
    }

    /// Plan items for the chosen measures, in plan-table order (whatever the order of
    /// `measures`), numbered from `startingOrder`.
    public static func items(
        _ measures: [StandardMeasure], organization: Organization, firstYear: FiscalYear, lastYear: FiscalYear,
        startingOrder: Int = 1
    ) -> [PlanItem] {
        let chosen = Set(measures.map(\.id))
        let ordered = byMission.flatMap(\.measures).filter { chosen.contains($0.id) }
        return ordered.enumerated().map { offset, measure in
            item(measure, organization: organization, firstYear: firstYear, lastYear: lastYear, order: startingOrder + offset)
        }
    }

    /// All measures grouped by dimension number then mission code (in the order of the
    /// 2566–2570 template), for a picker.
    public static var byMission: [(missionCode: String, measures: [StandardMeasure])] {
        var codes = PlanCatalog.cycle2566.dimensions.sorted { $0.number < $1.number }.flatMap { $0.missions.map(\.code) }
        for measure in all where !codes.contains(measure.missionCode) { codes.append(measure.missionCode) }
        return codes.compactMap { code in
            let measures = all.filter { $0.missionCode == code }
            return measures.isEmpty ? nil : (code, measures)
        }
    }

    /// "20,000 บาท ต่อปี (รวม 5 ปี 100,000 บาท)", "20,000 บาท" for one year, or "ไม่ใช้งบประมาณ".
    static func budgetText(_ entry: BudgetEntry, years: Int) -> String {
        guard case .amount(let money) = entry else { return "ไม่ใช้งบประมาณ" }
        if years <= 1 { return "\(money.formatted()) บาท" }
        let total = Money(satang: money.satang * Int64(years))
        return "\(money.formatted()) บาท ต่อปี (รวม \(years) ปี \(total.formatted()) บาท)"
    }

    /// The organization's own name for a typical unit: "สำนักปลัด" → "สำนักปลัดเทศบาล",
    /// "กองการศึกษา ศาสนาและวัฒนธรรม" → "กองการศึกษา"; the text itself when nothing matches.
    static func unit(for text: String, in organization: Organization) -> String {
        let units = organization.units.map(\.cleaned).filter { !$0.isEmpty }
        if text == organization.name.cleaned || units.contains(text) { return text }
        guard let key = text.split(separator: " ").first.map(String.init), !key.isEmpty else { return text }
        if let match = units.first(where: { $0.hasPrefix(key) }) { return match }
        if let match = units.first(where: { key.hasPrefix($0.split(separator: " ").first.map(String.init) ?? $0) }) { return match }
        return text
    }

    // MARK: Building blocks

    static let period = "ปีงบประมาณ พ.ศ. {ปีแรก} – {ปีสุดท้าย}"
    static let office = "สำนักปลัด"
    static let finance = "กองคลัง"
    static let education = "กองการศึกษา ศาสนาและวัฒนธรรม"
    static let audit = "หน่วยตรวจสอบภายใน"
    static let everyone = "ผู้บริหารท้องถิ่น สมาชิกสภาท้องถิ่น พนักงานส่วนท้องถิ่น ลูกจ้างประจำ และพนักงานจ้างของ{องค์กร}"
    static let staff = "พนักงานส่วนท้องถิ่น ลูกจ้างประจำ และพนักงานจ้างของ{องค์กร}"
    static let allUnits = "ส่วนราชการทุกส่วนของ{องค์กร}"

    static func step(_ text: String, _ subSteps: [String] = []) -> MethodStep {
        MethodStep(text, subSteps: subSteps.map { MethodStep($0) })
    }

    static func measure(
        _ id: String, _ kind: PlanItemKind, _ name: String, en: String, mission: String, sub: String?,
        ita: String?, budget: Int64? = nil, responsible: String,
        rationale: String, objectives: [String], targetGroup: String, headcount: Int? = nil,
        method: [MethodStep], outputs: [String], outcomes: [String]
    ) -> StandardMeasure {
        let money = budget.map { Money(baht: $0) }
        return StandardMeasure(
            id: id, kind: kind, nameTemplate: name, englishTitle: en, missionCode: mission, subMissionCode: sub,
            itaTopic: ita, typicalAnnualBudget: money,
            sheetTemplate: ProjectSheet(
                rationale: rationale, objectives: objectives, targetGroup: targetGroup, targetHeadcount: headcount,
                method: method, period: period,
                budgetText: money.map { "\($0.formatted()) บาท ต่อปี" } ?? "ไม่ใช้งบประมาณ",
                responsible: responsible, outputs: outputs, outcomes: outcomes
            )
        )
    }

    // MARK: - มิติที่ 1 การสร้างวัฒนธรรมสุจริต

    static let dimension1: [StandardMeasure] = [
        measure(
            "code-of-ethics", .measure, "มาตรการส่งเสริมการปฏิบัติงานตามประมวลจริยธรรมของ{องค์กร}",
            en: "Promoting conduct under the code of ethics", mission: "1.1", sub: "1.1.1",
            ita: "IIT: การปฏิบัติหน้าที่", responsible: office,
            rationale: "พระราชบัญญัติมาตรฐานทางจริยธรรม พ.ศ. 2562 กำหนดให้หน่วยงานของรัฐมีประมวลจริยธรรมสำหรับเจ้าหน้าที่ของรัฐ และมีกลไกกำกับให้การปฏิบัติเป็นไปตามประมวลจริยธรรมอย่างจริงจัง {องค์กร}ได้ประกาศใช้ประมวลจริยธรรมสำหรับผู้บริหาร สมาชิกสภาท้องถิ่น และบุคลากรแล้ว แต่ประมวลจริยธรรมจะเกิดผลก็ต่อเมื่อบุคลากรทุกคนรับรู้ เข้าใจ และนำไปใช้ในการปฏิบัติงานประจำวัน จึงกำหนดมาตรการนี้ขึ้นเพื่อเผยแพร่ ชี้แจง และติดตามการปฏิบัติตามประมวลจริยธรรมอย่างต่อเนื่องทุกปี",
            objectives: [
                "เพื่อให้ผู้บริหาร สมาชิกสภาท้องถิ่น และบุคลากรทุกคนรับทราบและเข้าใจประมวลจริยธรรมที่ใช้บังคับ",
                "เพื่อให้มีผู้รับผิดชอบกำกับ ติดตาม และให้คำปรึกษาเรื่องการปฏิบัติตามประมวลจริยธรรม",
                "เพื่อป้องกันการกระทำที่ฝ่าฝืนจริยธรรมซึ่งอาจนำไปสู่การทุจริตหรือประพฤติมิชอบ",
            ],
            targetGroup: everyone,
            method: [
                step("ทบทวนประมวลจริยธรรมให้เป็นปัจจุบัน และเสนอผู้บริหารลงนามประกาศ"),
                step("เผยแพร่ประมวลจริยธรรมให้บุคลากรทุกคนทราบ", [
                    "แจ้งเวียนเป็นหนังสือและให้บุคลากรลงลายมือชื่อรับทราบ",
                    "ติดประกาศ ณ สำนักงาน และเผยแพร่ทางเว็บไซต์ของ{องค์กร}",
                ]),
                step("ชี้แจงสาระสำคัญและตัวอย่างการกระทำที่ขัดต่อประมวลจริยธรรมในการประชุมประจำเดือนของบุคลากร"),
                step("มอบหมายผู้รับผิดชอบกำกับดูแลและให้คำปรึกษาด้านจริยธรรม"),
                step("ติดตามและรายงานผลการปฏิบัติตามประมวลจริยธรรม รวมทั้งเรื่องร้องเรียนด้านจริยธรรม ต่อผู้บริหารปีละ 1 ครั้ง"),
            ],
            outputs: [
                "บุคลากรของ{องค์กร}ลงลายมือชื่อรับทราบประมวลจริยธรรมครบร้อยละ 100",
                "มีรายงานผลการปฏิบัติตามประมวลจริยธรรมปีละ 1 ฉบับ",
            ],
            outcomes: [
                "บุคลากรไม่น้อยกว่าร้อยละ 80 มีความรู้ความเข้าใจในประมวลจริยธรรม (แบบประเมินความรู้ความเข้าใจ)",
                "ไม่มีเรื่องร้องเรียนการฝ่าฝืนประมวลจริยธรรมที่ตรวจสอบแล้วพบว่ามีมูล",
            ]
        ),
        measure(
            "law-and-regulation-awareness", .project,
            "โครงการเผยแพร่ความรู้ด้านกฎหมายและระเบียบที่เกี่ยวข้องกับการปฏิบัติงานแก่ผู้บริหาร สมาชิกสภาท้องถิ่น และบุคลากรของ{องค์กร}",
            en: "Legal and regulatory knowledge for executives, council members and staff", mission: "1.1", sub: "1.1.1",
            ita: "IIT: การปฏิบัติหน้าที่", budget: 10_000, responsible: office,
            rationale: "การปฏิบัติราชการขององค์กรปกครองส่วนท้องถิ่นต้องเป็นไปตามกฎหมาย ระเบียบ และหนังสือสั่งการจำนวนมาก ซึ่งมีการแก้ไขเพิ่มเติมอยู่เสมอ ความไม่รู้หรือความเข้าใจที่คลาดเคลื่อนอาจทำให้ผู้ปฏิบัติงานกระทำผิดโดยไม่ตั้งใจ หรือเปิดช่องให้ผู้อื่นแสวงหาประโยชน์โดยมิชอบ {องค์กร}จึงจัดทำโครงการนี้ขึ้นเพื่อให้ผู้บริหาร สมาชิกสภาท้องถิ่น และบุคลากรได้รับความรู้ที่ถูกต้องและเป็นปัจจุบัน",
            objectives: [
                "เพื่อให้ผู้บริหาร สมาชิกสภาท้องถิ่น และบุคลากรมีความรู้ความเข้าใจในกฎหมายและระเบียบที่เกี่ยวข้องกับอำนาจหน้าที่ของตน",
                "เพื่อลดความผิดพลาดในการปฏิบัติงานที่เกิดจากความไม่รู้กฎหมายและระเบียบ",
                "เพื่อให้บุคลากรทราบกฎหมายและระเบียบที่ออกใหม่หรือแก้ไขเพิ่มเติมโดยเร็ว",
            ],
            targetGroup: everyone,
            method: [
                step("รวบรวมกฎหมาย ระเบียบ และหนังสือสั่งการที่ออกใหม่หรือแก้ไขเพิ่มเติมในรอบปี"),
                step("จัดทำสรุปสาระสำคัญเป็นเอกสารหรือสื่ออิเล็กทรอนิกส์ที่อ่านเข้าใจง่าย"),
                step("เผยแพร่ความรู้ผ่านช่องทางต่าง ๆ", [
                    "แจ้งเวียนเป็นหนังสือและทางกลุ่มสื่อสังคมออนไลน์ภายในองค์กร",
                    "บรรยายสรุปในการประชุมประจำเดือน",
                    "จัดอบรมให้ความรู้ปีละไม่น้อยกว่า 1 ครั้ง",
                ]),
                step("ประเมินความรู้ความเข้าใจของผู้เข้ารับการอบรม"),
                step("สรุปและรายงานผลการดำเนินโครงการต่อผู้บริหาร"),
            ],
            outputs: [
                "มีการเผยแพร่ความรู้ด้านกฎหมายและระเบียบไม่น้อยกว่า 4 เรื่องต่อปี",
                "กลุ่มเป้าหมายเข้ารับการอบรมไม่น้อยกว่าร้อยละ 80",
            ],
            outcomes: [
                "ผู้เข้ารับการอบรมไม่น้อยกว่าร้อยละ 80 มีความรู้ความเข้าใจเพิ่มขึ้น (แบบทดสอบก่อนและหลังการอบรม)",
                "ข้อทักท้วงจากการตรวจสอบของหน่วยงานภายนอกที่เกิดจากการไม่ปฏิบัติตามระเบียบลดลงเมื่อเทียบกับปีก่อน",
            ]
        ),
        measure(
            "integrity-training", .project,
            "โครงการฝึกอบรมเสริมสร้างคุณธรรม จริยธรรม และค่านิยมต่อต้านการทุจริตแก่บุคลากรของ{องค์กร}",
            en: "Integrity and anti-corruption values training for staff", mission: "1.1", sub: "1.1.2",
            ita: nil, budget: 20_000, responsible: office,
            rationale: "การป้องกันการทุจริตที่ยั่งยืนต้องเริ่มจากจิตสำนึกของผู้ปฏิบัติงาน หากบุคลากรยึดมั่นในความซื่อสัตย์สุจริตและไม่ยอมรับการทุจริตแม้ในเรื่องเล็กน้อย โอกาสที่จะเกิดการทุจริตในองค์กรก็จะลดลง {องค์กร}จึงจัดโครงการฝึกอบรมนี้ขึ้นเพื่อปลูกฝังคุณธรรม จริยธรรม และค่านิยมต่อต้านการทุจริตแก่บุคลากรทุกระดับ และสร้างวัฒนธรรมองค์กรสุจริต",
            objectives: [
                "เพื่อปลูกฝังคุณธรรม จริยธรรม และค่านิยมความซื่อสัตย์สุจริตแก่บุคลากร",
                "เพื่อให้บุคลากรรู้เท่าทันรูปแบบการทุจริตที่พบบ่อยในองค์กรปกครองส่วนท้องถิ่นและผลที่ตามมา",
                "เพื่อสร้างวัฒนธรรมองค์กรที่ไม่ยอมรับและไม่ทนต่อการทุจริต",
            ],
            targetGroup: everyone,
            method: [
                step("จัดทำโครงการเสนอผู้บริหารเพื่อพิจารณาอนุมัติ"),
                step("ประสานวิทยากร และจัดเตรียมสถานที่ เอกสาร และวัสดุอุปกรณ์"),
                step("จัดการฝึกอบรม", [
                    "บรรยายเรื่องหลักคุณธรรม จริยธรรม และหลักธรรมาภิบาลในการปฏิบัติราชการ",
                    "ศึกษากรณีตัวอย่างการทุจริตและบทลงโทษ",
                    "จัดกิจกรรมกลุ่มเพื่อกำหนดค่านิยมร่วมขององค์กรในการต่อต้านการทุจริต",
                ]),
                step("ประเมินผลด้วยแบบทดสอบก่อนและหลังการอบรม"),
                step("สรุปและรายงานผลการดำเนินโครงการต่อผู้บริหาร"),
            ],
            outputs: [
                "จัดการฝึกอบรมปีละ 1 ครั้ง",
                "ผู้เข้ารับการอบรมไม่น้อยกว่าร้อยละ 80 ของกลุ่มเป้าหมาย",
            ],
            outcomes: [
                "ผู้เข้ารับการอบรมไม่น้อยกว่าร้อยละ 80 ผ่านเกณฑ์การประเมินความรู้หลังการอบรม (แบบทดสอบก่อนและหลังการอบรม)",
                "ไม่มีเรื่องร้องเรียนการทุจริตของบุคลากรที่ตรวจสอบแล้วพบว่ามีมูล",
            ]
        ),
        measure(
            "honour-staff-integrity", .project,
            "โครงการเชิดชูเกียรติบุคลากรของ{องค์กร}ที่ปฏิบัติงานด้วยความซื่อสัตย์สุจริตและเป็นแบบอย่างที่ดี",
            en: "Honouring staff of exemplary integrity", mission: "1.1", sub: "1.1.2",
            ita: nil, budget: 5_000, responsible: office,
            rationale: "การยกย่องผู้ที่ปฏิบัติงานด้วยความซื่อสัตย์สุจริต ขยันหมั่นเพียร และมีความรับผิดชอบ เป็นการสร้างขวัญและกำลังใจแก่ผู้ประพฤติดี และเป็นแบบอย่างให้บุคลากรคนอื่นประพฤติตาม {องค์กร}จึงจัดทำโครงการนี้ขึ้นเพื่อคัดเลือกและเชิดชูเกียรติบุคลากรดีเด่นเป็นประจำทุกปี โดยใช้หลักเกณฑ์ที่เปิดเผยและตรวจสอบได้",
            objectives: [
                "เพื่อยกย่องเชิดชูเกียรติบุคลากรที่ปฏิบัติงานด้วยความซื่อสัตย์สุจริตและเป็นแบบอย่างที่ดี",
                "เพื่อสร้างขวัญและกำลังใจแก่บุคลากรในการปฏิบัติงาน",
                "เพื่อส่งเสริมให้ความซื่อสัตย์สุจริตเป็นค่านิยมร่วมขององค์กร",
            ],
            targetGroup: staff,
            method: [
                step("แต่งตั้งคณะกรรมการคัดเลือกบุคลากรดีเด่น"),
                step("กำหนดหลักเกณฑ์การคัดเลือกและประกาศให้บุคลากรทราบ", [
                    "ความซื่อสัตย์สุจริตและการปฏิบัติตามประมวลจริยธรรม",
                    "ผลการปฏิบัติงานและความรับผิดชอบ",
                    "การเสียสละและการให้บริการประชาชน",
                ]),
                step("เปิดรับการเสนอชื่อและพิจารณาคัดเลือกตามหลักเกณฑ์"),
                step("ประกาศผลการคัดเลือกและมอบเกียรติบัตรแก่บุคลากรดีเด่น"),
                step("เผยแพร่ผลงานของบุคลากรดีเด่นทางเว็บไซต์และบอร์ดประชาสัมพันธ์ของ{องค์กร}"),
            ],
            outputs: [
                "มีการคัดเลือกและเชิดชูเกียรติบุคลากรดีเด่นปีละ 1 ครั้ง",
                "มีประกาศผลการคัดเลือกเผยแพร่ต่อสาธารณะไม่น้อยกว่า 2 ช่องทาง",
            ],
            outcomes: [
                "บุคลากรไม่น้อยกว่าร้อยละ 80 เห็นว่าการคัดเลือกเป็นธรรมและสร้างแรงจูงใจในการปฏิบัติงาน (แบบสำรวจความคิดเห็น)",
            ]
        ),
        measure(
            "public-private-interest-awareness", .activity,
            "กิจกรรมให้ความรู้เรื่องการแยกแยะประโยชน์ส่วนตนและประโยชน์ส่วนรวมแก่บุคลากรของ{องค์กร}",
            en: "Telling private from public interest: staff awareness", mission: "1.1", sub: "1.1.3",
            ita: "IIT: การใช้ทรัพย์สินของราชการ", responsible: office,
            rationale: "การขัดกันระหว่างประโยชน์ส่วนตนและประโยชน์ส่วนรวมเป็นจุดเริ่มต้นของการทุจริตหลายรูปแบบ เช่น การนำทรัพย์สินของราชการไปใช้ส่วนตัว การใช้ตำแหน่งหน้าที่เอื้อประโยชน์แก่ญาติหรือพวกพ้อง และการรับประโยชน์จากผู้มาติดต่อราชการ บุคลากรจำนวนไม่น้อยยังแยกแยะไม่ได้ว่าการกระทำใดเข้าข่ายดังกล่าว {องค์กร}จึงจัดกิจกรรมนี้ขึ้นเพื่อให้บุคลากรมีความรู้และวิจารณญาณในการแยกแยะ และหลีกเลี่ยงการกระทำที่ขัดกันแห่งผลประโยชน์",
            objectives: [
                "เพื่อให้บุคลากรเข้าใจความหมายและรูปแบบของการขัดกันระหว่างประโยชน์ส่วนตนและประโยชน์ส่วนรวม",
                "เพื่อให้บุคลากรแยกแยะและหลีกเลี่ยงการกระทำที่เข้าข่ายผลประโยชน์ทับซ้อนในการปฏิบัติหน้าที่ได้",
                "เพื่อป้องกันการใช้ทรัพย์สินของราชการเพื่อประโยชน์ส่วนตน",
            ],
            targetGroup: staff,
            method: [
                step("รวบรวมกรณีตัวอย่างการขัดกันแห่งผลประโยชน์ที่เกี่ยวข้องกับงานของ{องค์กร}"),
                step("จัดทำสื่อความรู้ เช่น อินโฟกราฟิก หรือคู่มือฉบับย่อ"),
                step("ให้ความรู้แก่บุคลากร", [
                    "บรรยายสรุปในการประชุมประจำเดือน",
                    "เผยแพร่สื่อความรู้ทางช่องทางสื่อสารภายในองค์กร",
                ]),
                step("จัดทำแนวทางการใช้ทรัพย์สินของราชการให้ถูกต้อง และแจ้งให้บุคลากรถือปฏิบัติ"),
                step("ประเมินความรู้ความเข้าใจของบุคลากรและรายงานผลต่อผู้บริหาร"),
            ],
            outputs: [
                "บุคลากรไม่น้อยกว่าร้อยละ 80 ได้รับความรู้เรื่องการแยกแยะประโยชน์ส่วนตนและประโยชน์ส่วนรวม",
                "มีสื่อความรู้หรือคู่มือฉบับย่ออย่างน้อย 1 ชุด",
            ],
            outcomes: [
                "บุคลากรไม่น้อยกว่าร้อยละ 80 ตอบแบบประเมินได้ถูกต้อง (แบบประเมินความรู้ความเข้าใจ)",
                "ไม่มีเรื่องร้องเรียนการใช้ทรัพย์สินของราชการเพื่อประโยชน์ส่วนตน",
            ]
        ),
        measure(
            "citizen-integrity-values", .project,
            "โครงการส่งเสริมค่านิยมสุจริตและการต่อต้านการทุจริตแก่ประชาชนในเขต{องค์กร}",
            en: "Integrity and anti-corruption values for citizens", mission: "1.2", sub: nil,
            ita: nil, budget: 20_000, responsible: office,
            rationale: "การป้องกันการทุจริตจะเกิดผลอย่างแท้จริงเมื่อประชาชนไม่ยอมรับการทุจริต รู้สิทธิและหน้าที่ของตน และกล้าแจ้งเบาะแสเมื่อพบการกระทำที่ไม่ถูกต้อง {องค์กร}จึงจัดทำโครงการนี้ขึ้นเพื่อส่งเสริมค่านิยมสุจริต ความพอเพียง และจิตสาธารณะแก่ประชาชนในพื้นที่ และสร้างเครือข่ายภาคประชาชนในการเฝ้าระวังการทุจริต",
            objectives: [
                "เพื่อส่งเสริมให้ประชาชนมีค่านิยมสุจริต มีจิตสาธารณะ และไม่ยอมรับการทุจริตทุกรูปแบบ",
                "เพื่อให้ประชาชนรู้ช่องทางการแจ้งเบาะแสและการร้องเรียนการทุจริต",
                "เพื่อสร้างเครือข่ายภาคประชาชนในการเฝ้าระวังการทุจริตในท้องถิ่น",
            ],
            targetGroup: "ประชาชน ผู้นำชุมชน และผู้แทนหมู่บ้านในเขต{องค์กร} จำนวน 100 คน", headcount: 100,
            method: [
                step("ประชุมคณะทำงานเพื่อวางแผนและกำหนดรูปแบบกิจกรรม"),
                step("ประสานผู้นำชุมชนเพื่อคัดเลือกผู้เข้าร่วมจากทุกหมู่บ้านหรือชุมชน"),
                step("จัดกิจกรรมให้ความรู้และสร้างความตระหนัก", [
                    "บรรยายเรื่องผลกระทบของการทุจริตต่อชุมชน",
                    "แนะนำช่องทางการแจ้งเบาะแสและการร้องเรียนการทุจริต",
                    "ส่งเสริมการดำเนินชีวิตตามหลักปรัชญาของเศรษฐกิจพอเพียง",
                ]),
                step("จัดตั้งหรือขยายเครือข่ายภาคประชาชนเฝ้าระวังการทุจริต"),
                step("ประเมินผลและรายงานผลการดำเนินโครงการต่อผู้บริหาร"),
            ],
            outputs: [
                "ประชาชนเข้าร่วมโครงการไม่น้อยกว่าร้อยละ 80 ของกลุ่มเป้าหมาย",
                "มีเครือข่ายภาคประชาชนเฝ้าระวังการทุจริตอย่างน้อย 1 เครือข่าย",
            ],
            outcomes: [
                "ผู้เข้าร่วมโครงการไม่น้อยกว่าร้อยละ 80 มีความรู้ความเข้าใจเรื่องการต่อต้านการทุจริตเพิ่มขึ้น (แบบประเมินก่อนและหลังเข้าร่วมโครงการ)",
            ]
        ),
        measure(
            "honour-exemplary-citizens", .activity,
            "กิจกรรมยกย่องเชิดชูเกียรติบุคคล หน่วยงาน และองค์กรที่ประพฤติปฏิบัติตนเป็นแบบอย่างที่ดีในเขต{องค์กร}",
            en: "Honouring exemplary people and organizations in the community", mission: "1.2", sub: nil,
            ita: nil, responsible: office,
            rationale: "การยกย่องบุคคล หน่วยงาน และองค์กรที่ประพฤติปฏิบัติตนเป็นแบบอย่างที่ดี ทำคุณประโยชน์ต่อส่วนรวม หรือดำเนินชีวิตด้วยความซื่อสัตย์สุจริต เป็นการส่งเสริมให้สังคมเห็นคุณค่าของคุณธรรมและความดี {องค์กร}จึงจัดกิจกรรมนี้ขึ้นเพื่อเชิดชูเกียรติผู้ทำความดีในพื้นที่ให้เป็นที่ประจักษ์ และเป็นแรงบันดาลใจแก่ประชาชนทั่วไป",
            objectives: [
                "เพื่อยกย่องเชิดชูเกียรติบุคคล หน่วยงาน และองค์กรที่ประพฤติปฏิบัติตนเป็นแบบอย่างที่ดี",
                "เพื่อสร้างแบบอย่างที่ดีและส่งเสริมค่านิยมสุจริตในชุมชน",
                "เพื่อสร้างขวัญและกำลังใจแก่ผู้ทำคุณประโยชน์ต่อท้องถิ่น",
            ],
            targetGroup: "ประชาชน หน่วยงาน และองค์กรภาครัฐและภาคเอกชนในเขต{องค์กร}",
            method: [
                step("แต่งตั้งคณะกรรมการพิจารณาคัดเลือก และกำหนดหลักเกณฑ์การคัดเลือก"),
                step("ประชาสัมพันธ์และเปิดรับการเสนอชื่อผ่านผู้นำชุมชนและหน่วยงานในพื้นที่"),
                step("คณะกรรมการพิจารณาคัดเลือกตามหลักเกณฑ์"),
                step("ประกาศผลและมอบเกียรติบัตรในโอกาสที่เหมาะสม เช่น วันท้องถิ่นไทย"),
                step("เผยแพร่ผลงานของผู้ได้รับการเชิดชูเกียรติทางเว็บไซต์และสื่อของ{องค์กร}"),
            ],
            outputs: [
                "มีการเชิดชูเกียรติบุคคล หน่วยงาน หรือองค์กรที่เป็นแบบอย่างที่ดีปีละไม่น้อยกว่า 1 ครั้ง",
                "มีประกาศผลการคัดเลือกเผยแพร่ต่อสาธารณะไม่น้อยกว่า 2 ช่องทาง",
            ],
            outcomes: [
                "ประชาชนที่ตอบแบบสำรวจไม่น้อยกว่าร้อยละ 80 เห็นคุณค่าของการประพฤติปฏิบัติตนด้วยความซื่อสัตย์สุจริต (แบบสำรวจความคิดเห็น)",
            ]
        ),
        measure(
            "youth-integrity-values", .project,
            "โครงการเสริมสร้างค่านิยมสุจริตและการต่อต้านการทุจริตแก่เด็กและเยาวชนในเขต{องค์กร}",
            en: "Integrity and anti-corruption values for children and youth", mission: "1.3", sub: nil,
            ita: nil, budget: 20_000, responsible: education,
            rationale: "เด็กและเยาวชนเป็นกำลังสำคัญของท้องถิ่นในอนาคต การปลูกฝังความซื่อสัตย์สุจริต ความรับผิดชอบ และการรู้จักแยกแยะประโยชน์ส่วนตนกับประโยชน์ส่วนรวมตั้งแต่วัยเยาว์ จะช่วยสร้างพลเมืองที่ไม่ยอมรับการทุจริต {องค์กร}จึงจัดทำโครงการนี้ขึ้นเพื่อสร้างภูมิคุ้มกันทางสังคมแก่เด็กและเยาวชนในพื้นที่ ผ่านกิจกรรมการเรียนรู้ที่เด็กและเยาวชนมีส่วนร่วม",
            objectives: [
                "เพื่อปลูกฝังความซื่อสัตย์สุจริต ความรับผิดชอบ และจิตสาธารณะแก่เด็กและเยาวชน",
                "เพื่อให้เด็กและเยาวชนคิดแยกแยะระหว่างประโยชน์ส่วนตนและประโยชน์ส่วนรวมได้",
                "เพื่อสร้างแกนนำเยาวชนต้านทุจริตในชุมชน",
            ],
            targetGroup: "เด็กและเยาวชนในเขต{องค์กร} จำนวน 50 คน", headcount: 50,
            method: [
                step("ประสานสถานศึกษาและผู้นำชุมชนเพื่อคัดเลือกผู้เข้าร่วมโครงการ"),
                step("จัดเตรียมหลักสูตร วิทยากร สถานที่ และวัสดุอุปกรณ์"),
                step("จัดค่ายหรือกิจกรรมการเรียนรู้", [
                    "เรียนรู้เรื่องความซื่อสัตย์สุจริตผ่านเกม กรณีศึกษา และบทบาทสมมุติ",
                    "ฝึกคิดแยกแยะประโยชน์ส่วนตนและประโยชน์ส่วนรวม",
                    "จัดทำโครงงานจิตอาสาเพื่อชุมชน",
                ]),
                step("คัดเลือกแกนนำเยาวชนต้านทุจริตเพื่อขยายผลในสถานศึกษาและชุมชน"),
                step("ประเมินผลและรายงานผลการดำเนินโครงการต่อผู้บริหาร"),
            ],
            outputs: [
                "เด็กและเยาวชนเข้าร่วมโครงการไม่น้อยกว่าร้อยละ 80 ของกลุ่มเป้าหมาย",
                "มีแกนนำเยาวชนต้านทุจริตอย่างน้อย 1 กลุ่ม",
            ],
            outcomes: [
                "ผู้เข้าร่วมโครงการไม่น้อยกว่าร้อยละ 80 มีทัศนคติและค่านิยมสุจริตในระดับดีขึ้นไป (แบบประเมินทัศนคติก่อนและหลังเข้าร่วมโครงการ)",
            ]
        ),
        measure(
            "anti-corruption-education", .activity,
            "กิจกรรมส่งเสริมการจัดการเรียนรู้ตามหลักสูตรต้านทุจริตศึกษาในสถานศึกษาและศูนย์พัฒนาเด็กเล็กสังกัด{องค์กร}",
            en: "Anti-corruption education curriculum in schools and child development centres", mission: "1.3", sub: nil,
            ita: nil, responsible: education,
            rationale: "สำนักงาน ป.ป.ช. ได้จัดทำหลักสูตรต้านทุจริตศึกษาขึ้นเพื่อปลูกฝังการคิดแยกแยะระหว่างประโยชน์ส่วนตนและประโยชน์ส่วนรวม ความละอายและความไม่ทนต่อการทุจริต และความพอเพียงแก่ผู้เรียนทุกระดับ {องค์กร}ในฐานะหน่วยงานที่จัดการศึกษาในท้องถิ่น จึงส่งเสริมให้สถานศึกษาและศูนย์พัฒนาเด็กเล็กในสังกัดนำหลักสูตรดังกล่าวไปใช้ในการจัดการเรียนรู้อย่างต่อเนื่อง",
            objectives: [
                "เพื่อให้สถานศึกษาและศูนย์พัฒนาเด็กเล็กในสังกัดนำหลักสูตรต้านทุจริตศึกษาไปใช้ในการจัดการเรียนรู้",
                "เพื่อปลูกฝังความซื่อสัตย์สุจริตและความรับผิดชอบแก่เด็กตั้งแต่ปฐมวัย",
                "เพื่อพัฒนาครูและผู้ดูแลเด็กให้จัดกิจกรรมการเรียนรู้ด้านการต่อต้านการทุจริตได้",
            ],
            targetGroup: "ครู ผู้ดูแลเด็ก และเด็กในสถานศึกษาและศูนย์พัฒนาเด็กเล็กสังกัด{องค์กร}",
            method: [
                step("สำรวจความพร้อมของสถานศึกษาและศูนย์พัฒนาเด็กเล็กในสังกัด"),
                step("ชี้แจงหลักสูตรต้านทุจริตศึกษาและแนวทางการจัดการเรียนรู้แก่ครูและผู้ดูแลเด็ก"),
                step("บูรณาการเนื้อหาของหลักสูตรเข้ากับแผนการจัดประสบการณ์หรือแผนการจัดการเรียนรู้"),
                step("จัดกิจกรรมการเรียนรู้", [
                    "กิจกรรมฝึกความซื่อสัตย์ เช่น การคืนของที่เก็บได้แก่เจ้าของ",
                    "กิจกรรมฝึกความรับผิดชอบและการแบ่งปัน",
                ]),
                step("นิเทศ ติดตาม และรายงานผลการจัดการเรียนรู้ต่อผู้บริหารภาคเรียนละ 1 ครั้ง"),
            ],
            outputs: [
                "สถานศึกษาและศูนย์พัฒนาเด็กเล็กในสังกัดนำหลักสูตรต้านทุจริตศึกษาไปใช้ครบร้อยละ 100",
                "ครูและผู้ดูแลเด็กได้รับการชี้แจงหลักสูตรไม่น้อยกว่าร้อยละ 80",
            ],
            outcomes: [
                "เด็กไม่น้อยกว่าร้อยละ 80 ผ่านเกณฑ์การประเมินพฤติกรรมด้านความซื่อสัตย์และความรับผิดชอบ (แบบประเมินพฤติกรรม)",
            ]
        ),
    ]

    // MARK: - มิติที่ 2 การบริหารราชการด้วยความโปร่งใส

    static let dimension2: [StandardMeasure] = [
        measure(
            "information-centre", .measure,
            "มาตรการพัฒนาศูนย์ข้อมูลข่าวสารของ{องค์กร}เพื่อให้บริการข้อมูลข่าวสารแก่ประชาชน",
            en: "Public information centre", mission: "2.1", sub: "2.1.1",
            ita: "OIT: ข้อมูลพื้นฐานและการเข้าถึงข้อมูลข่าวสาร", responsible: office,
            rationale: "พระราชบัญญัติข้อมูลข่าวสารของราชการ พ.ศ. 2540 รับรองสิทธิของประชาชนในการรับรู้ข้อมูลข่าวสารของราชการ และกำหนดให้หน่วยงานของรัฐจัดให้มีข้อมูลข่าวสารไว้ให้ประชาชนเข้าตรวจดูได้ ศูนย์ข้อมูลข่าวสารจึงเป็นช่องทางสำคัญที่ทำให้ประชาชนติดตามและตรวจสอบการทำงานของ{องค์กร}ได้ จึงกำหนดมาตรการนี้ขึ้นเพื่อให้ศูนย์ข้อมูลข่าวสารมีข้อมูลครบถ้วน ถูกต้อง เป็นปัจจุบัน และเข้าถึงได้สะดวก",
            objectives: [
                "เพื่อให้ศูนย์ข้อมูลข่าวสารมีข้อมูลข่าวสารครบถ้วนตามที่กฎหมายกำหนด ถูกต้อง และเป็นปัจจุบัน",
                "เพื่อให้ประชาชนเข้าถึงข้อมูลข่าวสารได้สะดวกและรวดเร็ว ทั้งที่สำนักงานและทางอินเทอร์เน็ต",
                "เพื่อส่งเสริมให้ประชาชนมีส่วนร่วมตรวจสอบการดำเนินงานของ{องค์กร}",
            ],
            targetGroup: "ประชาชนผู้มาขอรับบริการข้อมูลข่าวสาร และเจ้าหน้าที่ผู้รับผิดชอบศูนย์ข้อมูลข่าวสารของ{องค์กร}",
            method: [
                step("แต่งตั้งเจ้าหน้าที่ผู้รับผิดชอบศูนย์ข้อมูลข่าวสาร"),
                step("จัดสถานที่และจัดหมวดหมู่ข้อมูลข่าวสารให้ค้นหาได้ง่าย", [
                    "ข้อมูลข่าวสารตามมาตรา 7 และมาตรา 9 แห่งพระราชบัญญัติข้อมูลข่าวสารของราชการ พ.ศ. 2540",
                    "แผนพัฒนาท้องถิ่น งบประมาณรายจ่ายประจำปี และรายงานผลการดำเนินงาน",
                    "ประกาศและผลการจัดซื้อจัดจ้าง",
                ]),
                step("จัดทำศูนย์ข้อมูลข่าวสารอิเล็กทรอนิกส์บนเว็บไซต์ของ{องค์กร}"),
                step("ปรับปรุงข้อมูลให้เป็นปัจจุบันอย่างน้อยเดือนละ 1 ครั้ง"),
                step("จัดทำทะเบียนผู้ขอรับบริการข้อมูลข่าวสาร และสำรวจความพึงพอใจของผู้รับบริการ"),
                step("สรุปและรายงานผลการให้บริการต่อผู้บริหาร"),
            ],
            outputs: [
                "มีศูนย์ข้อมูลข่าวสารที่มีข้อมูลครบถ้วนและเป็นปัจจุบัน ทั้งที่สำนักงานและบนเว็บไซต์",
                "มีการเผยแพร่ข้อมูลข่าวสารอย่างน้อย 5 ช่องทาง",
            ],
            outcomes: [
                "ผู้รับบริการไม่น้อยกว่าร้อยละ 80 พึงพอใจต่อการให้บริการของศูนย์ข้อมูลข่าวสาร (แบบสำรวจความพึงพอใจ)",
            ]
        ),
        measure(
            "public-information-disclosure", .measure,
            "มาตรการเปิดเผยข้อมูลสาธารณะและกำกับติดตามการเผยแพร่ข้อมูลสาธารณะของ{องค์กร}",
            en: "Disclosure of public information and monitoring of its publication", mission: "2.1", sub: "2.1.1",
            ita: "OIT: การเปิดเผยข้อมูล (ข้อมูลพื้นฐาน การบริหารงาน การบริหารเงินงบประมาณ การบริหารและพัฒนาทรัพยากรบุคคล การส่งเสริมความโปร่งใส)",
            responsible: office,
            rationale: "การเปิดเผยข้อมูลการบริหารงาน การใช้งบประมาณ และการจัดซื้อจัดจ้างต่อสาธารณะอย่างครบถ้วนและทันเวลา ทำให้ประชาชนติดตามและตรวจสอบการดำเนินงานได้ และเป็นเกณฑ์สำคัญของการประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ (ITA) {องค์กร}จึงกำหนดมาตรการนี้ขึ้นเพื่อกำหนดประเภทข้อมูล ผู้รับผิดชอบ และรอบเวลาการเผยแพร่ให้ชัดเจน และกำกับติดตามให้มีการเผยแพร่จริง",
            objectives: [
                "เพื่อให้ข้อมูลสาธารณะของ{องค์กร}ได้รับการเผยแพร่ครบถ้วน ถูกต้อง และเป็นปัจจุบัน",
                "เพื่อกำหนดผู้รับผิดชอบและรอบเวลาการเผยแพร่ข้อมูลแต่ละประเภทให้ชัดเจน",
                "เพื่อให้ประชาชนตรวจสอบการดำเนินงานของ{องค์กร}ได้สะดวก",
            ],
            targetGroup: allUnits,
            method: [
                step("จัดทำประกาศมาตรการเปิดเผยข้อมูลสาธารณะ และเสนอผู้บริหารลงนาม"),
                step("กำหนดประเภทข้อมูลที่ต้องเผยแพร่ ส่วนราชการผู้รับผิดชอบ และรอบเวลาการเผยแพร่", [
                    "ข้อมูลพื้นฐานและข่าวประชาสัมพันธ์",
                    "การบริหารงานและการให้บริการ",
                    "การบริหารเงินงบประมาณและการจัดซื้อจัดจ้าง",
                    "การบริหารและพัฒนาทรัพยากรบุคคล",
                    "การส่งเสริมความโปร่งใสและการป้องกันการทุจริต",
                ]),
                step("แจ้งส่วนราชการทุกส่วนให้ส่งข้อมูลแก่ผู้ดูแลเว็บไซต์ตามรอบเวลาที่กำหนด"),
                step("ตรวจสอบความครบถ้วนและความเป็นปัจจุบันของข้อมูลบนเว็บไซต์ทุกไตรมาส"),
                step("รายงานผลการกำกับติดตามการเผยแพร่ข้อมูลต่อผู้บริหารรอบ 6 เดือนและรอบ 12 เดือน"),
            ],
            outputs: [
                "มีประกาศมาตรการเปิดเผยข้อมูลสาธารณะ จำนวน 1 ฉบับ",
                "ข้อมูลตามเกณฑ์การเปิดเผยข้อมูลสาธารณะ (OIT) ได้รับการเผยแพร่บนเว็บไซต์ครบร้อยละ 100",
            ],
            outcomes: [
                "{องค์กร}มีผลการประเมินตัวชี้วัดการเปิดเผยข้อมูล (OIT) ไม่น้อยกว่า 85 คะแนน",
            ]
        ),
        measure(
            "procurement-analysis", .activity, "กิจกรรมวิเคราะห์ผลการจัดซื้อจัดจ้างประจำปีของ{องค์กร}",
            en: "Annual analysis of procurement results", mission: "2.1", sub: "2.1.1",
            ita: "OIT: การบริหารเงินงบประมาณ (การจัดซื้อจัดจ้างหรือการจัดหาพัสดุ)", responsible: finance,
            rationale: "การจัดซื้อจัดจ้างเป็นกระบวนงานที่มีความเสี่ยงต่อการทุจริตสูง พระราชบัญญัติการจัดซื้อจัดจ้างและการบริหารพัสดุภาครัฐ พ.ศ. 2560 จึงกำหนดให้หน่วยงานของรัฐดำเนินการอย่างโปร่งใส เปิดเผย และตรวจสอบได้ การวิเคราะห์ผลการจัดซื้อจัดจ้างเมื่อสิ้นปีงบประมาณช่วยให้เห็นปัญหา อุปสรรค และจุดที่ควรปรับปรุง {องค์กร}จึงจัดกิจกรรมนี้ขึ้นเพื่อนำผลการวิเคราะห์ไปปรับปรุงการจัดซื้อจัดจ้างในปีงบประมาณถัดไป และเปิดเผยผลการวิเคราะห์ต่อสาธารณะ",
            objectives: [
                "เพื่อวิเคราะห์ผลการจัดซื้อจัดจ้างในรอบปีงบประมาณ ทั้งจำนวนโครงการ วงเงิน วิธีการจัดซื้อจัดจ้าง และปัญหาอุปสรรค",
                "เพื่อนำผลการวิเคราะห์ไปปรับปรุงการจัดซื้อจัดจ้างในปีงบประมาณถัดไป",
                "เพื่อเปิดเผยผลการวิเคราะห์ต่อสาธารณะ",
            ],
            targetGroup: "เจ้าหน้าที่พัสดุและผู้เกี่ยวข้องกับการจัดซื้อจัดจ้างของ{องค์กร}",
            method: [
                step("รวบรวมข้อมูลการจัดซื้อจัดจ้างทุกโครงการในรอบปีงบประมาณ"),
                step("วิเคราะห์ข้อมูล", [
                    "จำนวนโครงการและวงเงินจำแนกตามวิธีการจัดซื้อจัดจ้าง",
                    "การดำเนินการเทียบกับแผนการจัดซื้อจัดจ้างประจำปี",
                    "ปัญหา อุปสรรค และข้อร้องเรียนที่เกิดขึ้น",
                ]),
                step("จัดทำรายงานผลการวิเคราะห์พร้อมแนวทางการปรับปรุง และเสนอผู้บริหาร"),
                step("เผยแพร่รายงานทางเว็บไซต์และช่องทางอื่นของ{องค์กร}"),
                step("นำแนวทางการปรับปรุงไปใช้ในการจัดซื้อจัดจ้างปีงบประมาณถัดไป"),
            ],
            outputs: [
                "มีรายงานการวิเคราะห์ผลการจัดซื้อจัดจ้างประจำปี จำนวน 1 ฉบับ",
                "เผยแพร่รายงานต่อสาธารณะอย่างน้อย 3 ช่องทาง",
            ],
            outcomes: [
                "ไม่มีเรื่องร้องเรียนเกี่ยวกับการจัดซื้อจัดจ้างที่ตรวจสอบแล้วพบว่ามีมูล",
            ]
        ),
        measure(
            "hr-transparency", .measure,
            "มาตรการส่งเสริมความโปร่งใสในการบริหารและพัฒนาทรัพยากรบุคคลของ{องค์กร}",
            en: "Transparency in human resource management", mission: "2.1", sub: "2.1.2",
            ita: "OIT: การบริหารและพัฒนาทรัพยากรบุคคล", responsible: office,
            rationale: "การบริหารงานบุคคล ทั้งการสรรหา การบรรจุแต่งตั้ง การโอนย้าย การเลื่อนขั้นเงินเดือน และการพัฒนาบุคลากร หากไม่เปิดเผยหลักเกณฑ์และผลการดำเนินการ อาจเกิดข้อสงสัยเรื่องการใช้ดุลพินิจโดยมิชอบหรือการเรียกรับผลประโยชน์ {องค์กร}จึงกำหนดมาตรการนี้ขึ้นเพื่อให้การบริหารทรัพยากรบุคคลเป็นไปตามหลักคุณธรรม มีหลักเกณฑ์ที่ชัดเจน และเปิดเผยให้บุคลากรและประชาชนตรวจสอบได้",
            objectives: [
                "เพื่อให้การบริหารทรัพยากรบุคคลเป็นไปตามหลักคุณธรรม โปร่งใส และตรวจสอบได้",
                "เพื่อเปิดเผยนโยบาย หลักเกณฑ์ และผลการบริหารและพัฒนาทรัพยากรบุคคลต่อสาธารณะ",
                "เพื่อสร้างความเชื่อมั่นแก่บุคลากรว่าได้รับการประเมินและการพิจารณาความดีความชอบอย่างเป็นธรรม",
            ],
            targetGroup: staff,
            method: [
                step("จัดทำนโยบายการบริหารทรัพยากรบุคคลและแผนพัฒนาบุคลากร และเผยแพร่ให้บุคลากรทราบ"),
                step("ประกาศหลักเกณฑ์การสรรหา การประเมินผลการปฏิบัติงาน และการเลื่อนขั้นเงินเดือนให้บุคลากรทราบล่วงหน้า"),
                step("แต่งตั้งคณะกรรมการกลั่นกรองการประเมินผลการปฏิบัติงาน เพื่อให้การพิจารณาเป็นไปตามหลักเกณฑ์"),
                step("แจ้งผลการประเมินผลการปฏิบัติงานแก่บุคลากรเป็นรายบุคคล และเปิดโอกาสให้ขอทบทวนผลการประเมิน"),
                step("เผยแพร่ข้อมูลการบริหารและพัฒนาทรัพยากรบุคคลทางเว็บไซต์ของ{องค์กร}", [
                    "นโยบายและหลักเกณฑ์การบริหารทรัพยากรบุคคล",
                    "การดำเนินการตามนโยบายการบริหารทรัพยากรบุคคล",
                    "รายงานผลการบริหารและพัฒนาทรัพยากรบุคคลประจำปี",
                ]),
            ],
            outputs: [
                "ข้อมูลการบริหารและพัฒนาทรัพยากรบุคคลได้รับการเผยแพร่บนเว็บไซต์ครบตามเกณฑ์ร้อยละ 100",
                "มีรายงานผลการบริหารและพัฒนาทรัพยากรบุคคลประจำปี จำนวน 1 ฉบับ",
            ],
            outcomes: [
                "บุคลากรไม่น้อยกว่าร้อยละ 80 เห็นว่าการบริหารงานบุคคลเป็นธรรมและโปร่งใส (แบบสำรวจความคิดเห็นของบุคลากร)",
                "ไม่มีเรื่องร้องเรียนการทุจริตในการบริหารงานบุคคล",
            ]
        ),
        measure(
            "executive-declaration-of-intent", .measure,
            "มาตรการแสดงเจตนารมณ์ของผู้บริหาร{องค์กร}ในการบริหารงานด้วยความซื่อสัตย์สุจริตและต่อต้านการทุจริต",
            en: "Executives' declaration of intent to govern with integrity", mission: "2.2", sub: "2.2.1",
            ita: "OIT: เจตจำนงสุจริตของผู้บริหาร", responsible: office,
            rationale: "ผู้บริหารเป็นผู้กำหนดทิศทางและเป็นแบบอย่างของบุคลากรทั้งองค์กร การที่ผู้บริหารประกาศเจตนารมณ์ต่อสาธารณะว่าจะบริหารงานด้วยความซื่อสัตย์สุจริต ตามหลักธรรมาภิบาล และไม่ยอมรับการทุจริตทุกรูปแบบ ย่อมสร้างความเชื่อมั่นแก่ประชาชนและเป็นพันธะที่ตรวจสอบได้ ผู้บริหาร{องค์กร}จึงแสดงเจตนารมณ์ดังกล่าว และนำเจตนารมณ์ไปสู่การปฏิบัติด้วยการจัดทำและขับเคลื่อนแผนปฏิบัติการป้องกันการทุจริต",
            objectives: [
                "เพื่อให้ผู้บริหารแสดงเจตนารมณ์ในการบริหารงานด้วยความซื่อสัตย์สุจริตต่อบุคลากรและสาธารณชน",
                "เพื่อให้มีแผนปฏิบัติการป้องกันการทุจริตที่ผู้บริหารให้ความเห็นชอบและกำกับการดำเนินการ",
                "เพื่อสร้างความเชื่อมั่นของประชาชนต่อการบริหารงานของ{องค์กร}",
            ],
            targetGroup: "ผู้บริหารท้องถิ่น สมาชิกสภาท้องถิ่น บุคลากรของ{องค์กร} และประชาชนในพื้นที่",
            method: [
                step("จัดทำประกาศเจตนารมณ์ของผู้บริหารในการบริหารงานด้วยความซื่อสัตย์สุจริต"),
                step("ผู้บริหารประกาศเจตนารมณ์ต่อบุคลากรและสาธารณชน", [
                    "จัดกิจกรรมประกาศเจตนารมณ์ร่วมกับบุคลากร",
                    "เผยแพร่ประกาศทางเว็บไซต์ บอร์ดประชาสัมพันธ์ และสื่อสังคมออนไลน์ของ{องค์กร}",
                ]),
                step("แต่งตั้งคณะทำงานจัดทำแผนปฏิบัติการป้องกันการทุจริต"),
                step("จัดทำแผนปฏิบัติการป้องกันการทุจริต และเสนอผู้บริหารให้ความเห็นชอบ"),
                step("เผยแพร่แผนปฏิบัติการป้องกันการทุจริตต่อสาธารณะ"),
                step("ผู้บริหารกำกับติดตามการดำเนินการตามแผนรอบ 6 เดือนและรอบ 12 เดือน"),
            ],
            outputs: [
                "มีประกาศเจตนารมณ์ของผู้บริหาร จำนวน 1 ฉบับ",
                "มีแผนปฏิบัติการป้องกันการทุจริต (พ.ศ. {ปีแรก} – {ปีสุดท้าย}) ที่ผู้บริหารให้ความเห็นชอบและเผยแพร่ต่อสาธารณะ",
            ],
            outcomes: [
                "{องค์กร}มีผลการประเมินคุณธรรมและความโปร่งใสในการดำเนินงาน (ITA) ผ่านเกณฑ์ 85 คะแนนขึ้นไป",
            ]
        ),
        measure(
            "no-gift-policy", .measure, "มาตรการ NO Gift Policy ของ{องค์กร}",
            en: "No Gift Policy", mission: "2.2", sub: "2.2.2",
            ita: "OIT: มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน (การไม่รับของขวัญและของกำนัล)", responsible: office,
            rationale: "การรับของขวัญ ของกำนัล หรือประโยชน์อื่นใดจากผู้มาติดต่อราชการ แม้จะเป็นไปตามธรรมเนียมหรือในโอกาสเทศกาล อาจทำให้เจ้าหน้าที่รู้สึกติดค้างบุญคุณ และนำไปสู่การเลือกปฏิบัติหรือการเรียกรับสินบนได้ คณะกรรมการ ป.ป.ช. ได้กำหนดหลักเกณฑ์การรับทรัพย์สินหรือประโยชน์อื่นใดโดยธรรมจรรยาของเจ้าหน้าที่ของรัฐไว้แล้ว {องค์กร}จึงกำหนดมาตรการไม่รับและไม่ให้ของขวัญและของกำนัล (NO Gift Policy) เพื่อสร้างวัฒนธรรมองค์กรที่ปฏิบัติหน้าที่โดยไม่หวังสิ่งตอบแทน",
            objectives: [
                "เพื่อให้ผู้บริหาร สมาชิกสภาท้องถิ่น และบุคลากรไม่รับและไม่ให้ของขวัญ ของกำนัล หรือประโยชน์อื่นใดอันเกี่ยวเนื่องกับการปฏิบัติหน้าที่",
                "เพื่อป้องกันการเรียกรับสินบนและการเลือกปฏิบัติต่อผู้มาติดต่อราชการ",
                "เพื่อสร้างวัฒนธรรมองค์กรที่ปฏิบัติหน้าที่ด้วยความซื่อสัตย์สุจริต",
            ],
            targetGroup: everyone,
            method: [
                step("ประชุมผู้บริหารและบุคลากรเพื่อกำหนดแนวทาง “ไม่รับ – ไม่ให้” ของขวัญและของกำนัล"),
                step("ผู้บริหารลงนามประกาศมาตรการ NO Gift Policy และแนวทางปฏิบัติ"),
                step("เผยแพร่ประกาศให้บุคลากรและสาธารณชนทราบ", [
                    "แจ้งเวียนให้บุคลากรทุกคนทราบ",
                    "เผยแพร่ทางเว็บไซต์และสื่อสังคมออนไลน์ของ{องค์กร}",
                    "ติดป้ายประชาสัมพันธ์ ณ จุดให้บริการประชาชน",
                ]),
                step("จัดกิจกรรมย้ำเตือนก่อนช่วงเทศกาลที่มีการให้ของขวัญ"),
                step("กำหนดให้บุคลากรที่ได้รับของขวัญซึ่งไม่อาจปฏิเสธได้รายงานผู้บังคับบัญชาตามแบบที่กำหนด"),
                step("ติดตามประเมินผลการปฏิบัติตามมาตรการและรายงานผู้บริหาร"),
            ],
            outputs: [
                "มีประกาศมาตรการ NO Gift Policy จำนวน 1 ฉบับ",
                "ผู้บริหาร สมาชิกสภาท้องถิ่น และบุคลากรปฏิบัติตามมาตรการครบร้อยละ 100 (แบบประเมินติดตามผล)",
            ],
            outcomes: [
                "ไม่มีเรื่องร้องเรียนการเรียกรับสินบนหรือการรับของขวัญอันเกี่ยวเนื่องกับการปฏิบัติหน้าที่",
                "ผู้รับบริการไม่น้อยกว่าร้อยละ 80 เห็นว่าเจ้าหน้าที่ให้บริการโดยไม่เรียกรับสิ่งตอบแทน (แบบประเมินความพึงพอใจการให้บริการ)",
            ]
        ),
        measure(
            "conflict-of-interest-prevention", .measure, "มาตรการป้องกันผลประโยชน์ทับซ้อนของ{องค์กร}",
            en: "Conflict-of-interest prevention", mission: "2.2", sub: "2.2.2",
            ita: "OIT: มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน (การป้องกันผลประโยชน์ทับซ้อน)", responsible: office,
            rationale: "พระราชบัญญัติประกอบรัฐธรรมนูญว่าด้วยการป้องกันและปราบปรามการทุจริต พ.ศ. 2561 วางหลักการป้องกันการขัดกันระหว่างประโยชน์ส่วนบุคคลและประโยชน์ส่วนรวมของเจ้าหน้าที่ของรัฐ เช่น การเป็นคู่สัญญากับหน่วยงานที่ตนปฏิบัติหน้าที่ หรือการใช้ตำแหน่งหน้าที่เอื้อประโยชน์แก่ตนเองหรือผู้อื่น {องค์กร}จึงกำหนดมาตรการนี้ขึ้นเพื่อวิเคราะห์ความเสี่ยงเรื่องผลประโยชน์ทับซ้อนในกระบวนงานสำคัญ กำหนดแนวทางป้องกัน และกำกับให้บุคลากรถือปฏิบัติ",
            objectives: [
                "เพื่อให้บุคลากรรู้และเข้าใจรูปแบบของผลประโยชน์ทับซ้อนที่อาจเกิดขึ้นในงานของตน",
                "เพื่อวิเคราะห์ความเสี่ยงเรื่องผลประโยชน์ทับซ้อนและกำหนดมาตรการป้องกันในกระบวนงานสำคัญ",
                "เพื่อให้มีแนวทางการรายงานและการจัดการเมื่อบุคลากรมีส่วนได้เสียในเรื่องที่ตนปฏิบัติหน้าที่",
            ],
            targetGroup: everyone,
            method: [
                step("วิเคราะห์ความเสี่ยงเรื่องผลประโยชน์ทับซ้อนในกระบวนงานสำคัญ", [
                    "การจัดซื้อจัดจ้างและการตรวจรับพัสดุ",
                    "การอนุมัติ การอนุญาต และการออกหนังสือรับรอง",
                    "การใช้ทรัพย์สินของราชการ",
                ]),
                step("จัดทำประกาศมาตรการและแนวทางป้องกันผลประโยชน์ทับซ้อน และเสนอผู้บริหารลงนาม"),
                step("กำหนดให้ผู้ที่มีส่วนได้เสียในเรื่องที่ตนพิจารณาแจ้งผู้บังคับบัญชาเป็นลายลักษณ์อักษร และงดเว้นการพิจารณาเรื่องนั้น"),
                step("ให้ความรู้แก่บุคลากร และเผยแพร่มาตรการทางเว็บไซต์ของ{องค์กร}"),
                step("ติดตามผลการปฏิบัติตามมาตรการและรายงานผู้บริหารปีละ 1 ครั้ง"),
            ],
            outputs: [
                "มีรายงานการวิเคราะห์ความเสี่ยงเรื่องผลประโยชน์ทับซ้อน จำนวน 1 ฉบับ",
                "มีประกาศมาตรการป้องกันผลประโยชน์ทับซ้อน จำนวน 1 ฉบับ และบุคลากรรับทราบครบร้อยละ 100",
            ],
            outcomes: [
                "ไม่มีเรื่องร้องเรียนเกี่ยวกับผลประโยชน์ทับซ้อนของบุคลากรที่ตรวจสอบแล้วพบว่ามีมูล",
            ]
        ),
        measure(
            "integrity-transparency-measures", .measure, "มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายใน{องค์กร}",
            en: "Internal integrity and transparency measures (from the ITA results)", mission: "2.2", sub: "2.2.2",
            ita: "OIT: การวิเคราะห์ผลการประเมินคุณธรรมและความโปร่งใสและมาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน",
            responsible: office,
            rationale: "การประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ (ITA) ชี้ให้เห็นจุดอ่อนของหน่วยงานในแต่ละปี หน่วยงานที่นำผลการประเมินมาวิเคราะห์และกำหนดมาตรการแก้ไขอย่างเป็นระบบ จะยกระดับคุณธรรมและความโปร่งใสได้อย่างต่อเนื่อง {องค์กร}จึงกำหนดมาตรการนี้ขึ้นเพื่อวิเคราะห์ผลการประเมินของปีที่ผ่านมา กำหนดมาตรการและผู้รับผิดชอบ และติดตามผลการนำไปปฏิบัติ",
            objectives: [
                "เพื่อวิเคราะห์ผลการประเมิน ITA ของปีที่ผ่านมาและระบุประเด็นที่ต้องปรับปรุง",
                "เพื่อกำหนดมาตรการส่งเสริมคุณธรรมและความโปร่งใสพร้อมผู้รับผิดชอบและระยะเวลา",
                "เพื่อยกระดับผลการประเมิน ITA ของ{องค์กร}ให้ผ่านเกณฑ์",
            ],
            targetGroup: "ส่วนราชการทุกส่วนและบุคลากรของ{องค์กร}",
            method: [
                step("แต่งตั้งคณะทำงานขับเคลื่อนการประเมินคุณธรรมและความโปร่งใส"),
                step("วิเคราะห์ผลการประเมิน ITA ของปีที่ผ่านมา", [
                    "ประเด็นที่เป็นข้อบกพร่องหรือจุดอ่อน",
                    "ประเด็นที่ต้องพัฒนาให้ดีขึ้น",
                    "ข้อเสนอแนะในการปรับปรุง",
                ]),
                step("จัดทำมาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน พร้อมผู้รับผิดชอบและระยะเวลา และเสนอผู้บริหารอนุมัติ"),
                step("ชี้แจงมาตรการให้บุคลากรทราบและนำไปปฏิบัติ"),
                step("ติดตามผลการดำเนินการตามมาตรการและรายงานผู้บริหาร"),
                step("เผยแพร่ผลการวิเคราะห์และมาตรการทางเว็บไซต์ของ{องค์กร}"),
            ],
            outputs: [
                "มีรายงานการวิเคราะห์ผลการประเมิน ITA จำนวน 1 ฉบับ",
                "มีมาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงานที่ผู้บริหารอนุมัติ จำนวน 1 ชุด",
            ],
            outcomes: [
                "{องค์กร}มีผลการประเมิน ITA ผ่านเกณฑ์ 85 คะแนนขึ้นไป",
            ]
        ),
        measure(
            "performance-agreements", .activity, "กิจกรรมจัดทำข้อตกลงการปฏิบัติราชการของ{องค์กร}",
            en: "Performance agreements", mission: "2.3", sub: "2.3.1",
            ita: "IIT: การปฏิบัติหน้าที่", responsible: office,
            rationale: "พระราชกฤษฎีกาว่าด้วยหลักเกณฑ์และวิธีการบริหารกิจการบ้านเมืองที่ดี พ.ศ. 2546 มุ่งให้ส่วนราชการปฏิบัติงานโดยมุ่งผลสัมฤทธิ์และมีผู้รับผิดชอบผลงานที่ชัดเจน การจัดทำข้อตกลงการปฏิบัติราชการเป็นลายลักษณ์อักษรทำให้ทุกคนรู้เป้าหมาย ตัวชี้วัด และขอบเขตความรับผิดชอบของตน และลดการใช้ดุลพินิจที่ไม่เป็นธรรมในการประเมินผล {องค์กร}จึงจัดกิจกรรมนี้ขึ้นเป็นประจำทุกปี",
            objectives: [
                "เพื่อให้ทุกส่วนราชการและบุคลากรมีเป้าหมายและตัวชี้วัดการปฏิบัติราชการที่ชัดเจน",
                "เพื่อให้การประเมินผลการปฏิบัติราชการเป็นไปตามข้อตกลงที่กำหนดไว้ล่วงหน้า โปร่งใส และเป็นธรรม",
                "เพื่อส่งเสริมให้บุคลากรปฏิบัติหน้าที่ด้วยความรับผิดชอบและซื่อสัตย์สุจริต",
            ],
            targetGroup: "หัวหน้าส่วนราชการ พนักงานส่วนท้องถิ่น และพนักงานจ้างของ{องค์กร}",
            method: [
                step("ผู้บริหารกำหนดเป้าหมายและตัวชี้วัดการปฏิบัติราชการประจำปี"),
                step("จัดทำข้อตกลงการปฏิบัติราชการเป็นลายลักษณ์อักษร", [
                    "ระหว่างผู้บริหารกับหัวหน้าส่วนราชการ",
                    "ระหว่างหัวหน้าส่วนราชการกับผู้ใต้บังคับบัญชา",
                ]),
                step("ลงนามข้อตกลงและแจ้งให้ผู้เกี่ยวข้องทราบ"),
                step("ติดตามความก้าวหน้าการปฏิบัติงานตามข้อตกลงทุกรอบการประเมิน"),
                step("ประเมินผลการปฏิบัติราชการตามข้อตกลงและแจ้งผลแก่ผู้รับการประเมิน"),
            ],
            outputs: [
                "ส่วนราชการและบุคลากรจัดทำข้อตกลงการปฏิบัติราชการครบร้อยละ 100",
                "มีการประเมินผลตามข้อตกลงปีละ 2 รอบ",
            ],
            outcomes: [
                "บุคลากรไม่น้อยกว่าร้อยละ 80 เห็นว่าการประเมินผลการปฏิบัติราชการเป็นธรรมและโปร่งใส (แบบสำรวจความคิดเห็นของบุคลากร)",
            ]
        ),
        measure(
            "delegation-orders", .measure, "มาตรการมอบอำนาจและออกคำสั่งมอบหมายงานของ{องค์กร}",
            en: "Delegation of authority and assignment orders", mission: "2.3", sub: "2.3.2",
            ita: "IIT: การใช้อำนาจ", responsible: office,
            rationale: "เมื่ออำนาจการสั่ง อนุญาต และอนุมัติรวมอยู่ที่ผู้บริหารเพียงไม่กี่คน งานบริการประชาชนย่อมล่าช้า และเกิดช่องว่างให้มีการเรียกรับผลประโยชน์เพื่อเร่งรัดงาน กฎหมายจัดตั้งองค์กรปกครองส่วนท้องถิ่นและระเบียบที่เกี่ยวข้องเปิดให้ผู้บริหารมอบอำนาจและมอบหมายงานให้ผู้ดำรงตำแหน่งอื่นปฏิบัติราชการแทนได้ {องค์กร}จึงกำหนดมาตรการนี้ขึ้นเพื่อกระจายอำนาจการตัดสินใจเป็นลายลักษณ์อักษร มีขอบเขตชัดเจน และมีการติดตามผล",
            objectives: [
                "เพื่อกระจายอำนาจการสั่ง อนุญาต และอนุมัติไปยังผู้ดำรงตำแหน่งที่เหมาะสมอย่างชัดเจน",
                "เพื่อให้การให้บริการประชาชนสะดวก รวดเร็ว และลดขั้นตอน",
                "เพื่อป้องกันการใช้ดุลพินิจโดยมิชอบและการผูกขาดอำนาจ",
            ],
            targetGroup: "ผู้บริหารท้องถิ่น ปลัด รองปลัด และหัวหน้าส่วนราชการของ{องค์กร}",
            method: [
                step("ทบทวนภารกิจและอำนาจหน้าที่ที่สามารถมอบอำนาจหรือมอบหมายให้ปฏิบัติราชการแทนได้"),
                step("จัดทำคำสั่งมอบอำนาจและคำสั่งมอบหมายงาน", [
                    "ผู้บริหารท้องถิ่นมอบอำนาจให้รองผู้บริหารท้องถิ่น ปลัด และรองปลัด",
                    "ปลัดมอบหมายงานให้หัวหน้าส่วนราชการ",
                ]),
                step("แจ้งคำสั่งให้ผู้เกี่ยวข้องทราบ และเผยแพร่ให้ประชาชนทราบทางเว็บไซต์ของ{องค์กร}"),
                step("กำหนดให้ผู้รับมอบอำนาจรายงานผลการปฏิบัติราชการแทนต่อผู้มอบอำนาจ"),
                step("ทบทวนคำสั่งเมื่อมีการเปลี่ยนแปลงตัวบุคคลหรือโครงสร้างส่วนราชการ"),
            ],
            outputs: [
                "มีคำสั่งมอบอำนาจและคำสั่งมอบหมายงานที่เป็นปัจจุบันครอบคลุมทุกส่วนราชการ",
                "คำสั่งมอบอำนาจและคำสั่งมอบหมายงานได้รับการเผยแพร่ทางเว็บไซต์ครบร้อยละ 100",
            ],
            outcomes: [
                "ผู้รับบริการไม่น้อยกว่าร้อยละ 80 พึงพอใจต่อความรวดเร็วในการให้บริการ (แบบประเมินความพึงพอใจการให้บริการ)",
                "ไม่มีเรื่องร้องเรียนเกี่ยวกับการใช้ดุลพินิจโดยมิชอบในการอนุมัติหรืออนุญาต",
            ]
        ),
    ]

    // MARK: - มิติที่ 3 การส่งเสริมบทบาทและการมีส่วนร่วมของภาคประชาชน

    static let dimension3: [StandardMeasure] = [
        measure(
            "development-plan-participation", .project,
            "โครงการส่งเสริมการมีส่วนร่วมของประชาชนในการจัดทำแผนพัฒนาท้องถิ่นและงบประมาณของ{องค์กร}",
            en: "Citizen participation in the development plan and budget", mission: "3.1", sub: "3.1.1",
            ita: "OIT: การเปิดโอกาสให้เกิดการมีส่วนร่วม", budget: 10_000, responsible: office,
            rationale: "แผนพัฒนาท้องถิ่นและงบประมาณรายจ่ายประจำปีเป็นเครื่องมือกำหนดว่าเงินของท้องถิ่นจะนำไปใช้ทำอะไร ที่ใด และเพื่อใคร ระเบียบกระทรวงมหาดไทยว่าด้วยการจัดทำแผนพัฒนาขององค์กรปกครองส่วนท้องถิ่นจึงกำหนดให้ประชาชนมีส่วนร่วมผ่านการประชุมประชาคมและการเป็นกรรมการในคณะกรรมการที่เกี่ยวข้อง การเปิดโอกาสให้ประชาชนเสนอปัญหา ร่วมจัดลำดับความสำคัญ และติดตามการใช้งบประมาณ จะทำให้โครงการตรงกับความต้องการของชุมชนและลดโอกาสการทุจริต {องค์กร}จึงจัดทำโครงการนี้ขึ้น",
            objectives: [
                "เพื่อให้ประชาชนมีส่วนร่วมเสนอปัญหาและความต้องการในการจัดทำแผนพัฒนาท้องถิ่น",
                "เพื่อให้ผู้แทนภาคประชาชนร่วมเป็นกรรมการในการจัดทำและติดตามประเมินผลแผนพัฒนาท้องถิ่น",
                "เพื่อเปิดเผยร่างแผนและงบประมาณให้ประชาชนแสดงความคิดเห็นก่อนประกาศใช้",
            ],
            targetGroup: "ประชาชน ผู้นำชุมชน และผู้แทนภาคประชาสังคมในเขต{องค์กร}",
            method: [
                step("จัดประชุมประชาคมหมู่บ้านหรือชุมชน และประชาคมท้องถิ่น เพื่อรับฟังปัญหาและความต้องการ"),
                step("คัดเลือกผู้แทนประชาคมเป็นกรรมการในคณะกรรมการพัฒนาท้องถิ่นและคณะกรรมการติดตามและประเมินผลแผนพัฒนาท้องถิ่น"),
                step("จัดทำร่างแผนพัฒนาท้องถิ่น", [
                    "เผยแพร่ร่างแผนให้ประชาชนแสดงความคิดเห็น",
                    "ปรับปรุงร่างแผนตามความคิดเห็นที่ได้รับ",
                ]),
                step("เสนอแผนพัฒนาท้องถิ่นตามขั้นตอนของระเบียบ และประกาศใช้"),
                step("เผยแพร่แผนพัฒนาท้องถิ่นและงบประมาณรายจ่ายประจำปีต่อสาธารณะ"),
                step("รายงานผลการติดตามและประเมินผลแผนพัฒนาท้องถิ่นต่อผู้บริหารและสภาท้องถิ่น และประกาศให้ประชาชนทราบ"),
            ],
            outputs: [
                "มีการประชุมประชาคมครบทุกหมู่บ้านหรือชุมชนในเขต{องค์กร}",
                "มีผู้แทนภาคประชาชนในคณะกรรมการพัฒนาท้องถิ่นและคณะกรรมการติดตามและประเมินผลแผนพัฒนาท้องถิ่น",
            ],
            outcomes: [
                "ประชาชนที่เข้าร่วมไม่น้อยกว่าร้อยละ 80 พึงพอใจต่อการเปิดโอกาสให้มีส่วนร่วม (แบบสำรวจความพึงพอใจ)",
                "โครงการในแผนพัฒนาท้องถิ่นไม่น้อยกว่าร้อยละ 80 มาจากความต้องการของประชาคม",
            ]
        ),
        measure(
            "complaint-handling", .measure, "มาตรการจัดการเรื่องร้องทุกข์/ร้องเรียนของ{องค์กร}",
            en: "Handling grievances and complaints", mission: "3.2", sub: "3.2.1",
            ita: "EIT: คุณภาพการดำเนินงาน; OIT: ช่องทางการรับฟังความคิดเห็นและเรื่องร้องเรียน", responsible: office,
            rationale: "เรื่องร้องทุกข์และเรื่องร้องเรียนของประชาชนสะท้อนปัญหาในการให้บริการและการดำเนินงานของหน่วยงานได้ตรงที่สุด การรับเรื่องอย่างเป็นระบบ และการแจ้งผู้ร้องเรียนเป็นลายลักษณ์อักษรให้ทราบถึงการได้รับเรื่อง ระยะเวลา และผลการดำเนินการ ทำให้ประชาชนเชื่อมั่นว่าเสียงของตนได้รับการตอบสนอง {องค์กร}จึงกำหนดมาตรการนี้ขึ้นเพื่อให้การจัดการเรื่องร้องทุกข์และเรื่องร้องเรียนมีขั้นตอน ผู้รับผิดชอบ และกรอบเวลาที่ชัดเจน",
            objectives: [
                "เพื่อให้มีศูนย์รับเรื่องร้องทุกข์/ร้องเรียนและผู้รับผิดชอบที่ชัดเจน",
                "เพื่อให้ผู้ร้องเรียนได้รับแจ้งการรับเรื่อง ระยะเวลา และผลการดำเนินการเป็นลายลักษณ์อักษร",
                "เพื่อนำเรื่องร้องเรียนมาปรับปรุงการให้บริการของ{องค์กร}",
            ],
            targetGroup: "ประชาชนผู้ร้องทุกข์/ร้องเรียน และส่วนราชการทุกส่วนของ{องค์กร}",
            method: [
                step("จัดตั้งศูนย์รับเรื่องร้องทุกข์/ร้องเรียน และแต่งตั้งเจ้าหน้าที่ผู้รับผิดชอบ"),
                step("จัดทำคู่มือการจัดการเรื่องร้องทุกข์/ร้องเรียน ซึ่งกำหนดขั้นตอนและกรอบเวลาของแต่ละขั้นตอน"),
                step("เปิดช่องทางรับเรื่องที่หลากหลาย", [
                    "ยื่นด้วยตนเอง ณ ศูนย์รับเรื่อง",
                    "ทางไปรษณีย์และตู้รับเรื่องร้องเรียน",
                    "ทางโทรศัพท์",
                    "ทางเว็บไซต์และสื่อสังคมออนไลน์",
                ]),
                step("ลงทะเบียนรับเรื่อง และแจ้งผู้ร้องเรียนเป็นลายลักษณ์อักษรภายใน 15 วันว่าได้รับเรื่องแล้ว พร้อมระยะเวลาดำเนินการ"),
                step("ส่งเรื่องให้ส่วนราชการที่เกี่ยวข้องดำเนินการ และติดตามจนแล้วเสร็จ"),
                step("แจ้งผลการดำเนินการให้ผู้ร้องเรียนทราบ และเปิดให้ผู้ร้องเรียนติดตามสถานะเรื่องของตนได้"),
                step("สรุปสถิติเรื่องร้องทุกข์/ร้องเรียนรายงานผู้บริหาร และเผยแพร่ทางเว็บไซต์รอบ 6 เดือนและรอบ 12 เดือน"),
            ],
            outputs: [
                "มีศูนย์รับเรื่องร้องทุกข์/ร้องเรียนและช่องทางรับเรื่องอย่างน้อย 4 ช่องทาง",
                "ผู้ร้องเรียนได้รับแจ้งการรับเรื่องและผลการดำเนินการเป็นลายลักษณ์อักษรครบร้อยละ 100",
            ],
            outcomes: [
                "ผู้ร้องเรียนไม่น้อยกว่าร้อยละ 80 พึงพอใจต่อการจัดการเรื่องร้องทุกข์/ร้องเรียน (แบบสำรวจความพึงพอใจ)",
            ]
        ),
    ]

    // MARK: - มิติที่ 4 การยกระดับกลไกการตรวจสอบการดำเนินงานขององค์กรปกครองส่วนท้องถิ่น

    static let dimension4: [StandardMeasure] = [
        measure(
            "internal-audit-plan", .activity, "กิจกรรมจัดทำแผนการตรวจสอบภายในประจำปีของ{องค์กร}",
            en: "Annual internal audit plan", mission: "4.1", sub: "4.1.1",
            ita: nil, responsible: audit,
            rationale: "การตรวจสอบภายในเป็นกลไกที่ช่วยให้ผู้บริหารมั่นใจว่าการรับจ่ายเงิน การจัดซื้อจัดจ้าง และการปฏิบัติงานเป็นไปตามกฎหมายและระเบียบ และมีประสิทธิภาพ หลักเกณฑ์ของกระทรวงการคลังว่าด้วยการตรวจสอบภายในสำหรับหน่วยงานของรัฐกำหนดให้หน่วยตรวจสอบภายในวางแผนการตรวจสอบโดยพิจารณาจากความเสี่ยง {องค์กร}จึงจัดทำแผนการตรวจสอบภายในประจำปี เพื่อให้การตรวจสอบครอบคลุมกิจกรรมที่มีความเสี่ยงสูง และนำผลการตรวจสอบไปปรับปรุงการปฏิบัติงาน",
            objectives: [
                "เพื่อให้มีแผนการตรวจสอบภายในประจำปีที่จัดทำตามระดับความเสี่ยงของกิจกรรม",
                "เพื่อตรวจสอบให้การรับจ่ายเงิน การจัดซื้อจัดจ้าง และการบริหารพัสดุเป็นไปตามกฎหมายและระเบียบ",
                "เพื่อเสนอแนะแนวทางปรับปรุงการปฏิบัติงานและป้องกันความเสียหายแก่ทางราชการ",
            ],
            targetGroup: allUnits,
            method: [
                step("ประเมินความเสี่ยงของกิจกรรมและหน่วยรับตรวจเพื่อจัดลำดับความสำคัญ"),
                step("จัดทำแผนการตรวจสอบภายในประจำปี และเสนอผู้บริหารอนุมัติ"),
                step("แจ้งแผนการตรวจสอบให้ส่วนราชการที่เป็นหน่วยรับตรวจทราบ"),
                step("ดำเนินการตรวจสอบตามแผน และรายงานผลการตรวจสอบพร้อมข้อเสนอแนะต่อผู้บริหาร"),
                step("ติดตามการปรับปรุงแก้ไขตามข้อเสนอแนะของผู้ตรวจสอบภายใน"),
            ],
            outputs: [
                "มีแผนการตรวจสอบภายในประจำปี จำนวน 1 ฉบับ",
                "ดำเนินการตรวจสอบได้ไม่น้อยกว่าร้อยละ 80 ของแผน",
            ],
            outcomes: [
                "หน่วยรับตรวจปรับปรุงแก้ไขตามข้อเสนอแนะของผู้ตรวจสอบภายในไม่น้อยกว่าร้อยละ 80",
                "ข้อทักท้วงจากการตรวจสอบของหน่วยงานภายนอกลดลงเมื่อเทียบกับปีก่อน",
            ]
        ),
        measure(
            "internal-control-evaluation", .activity, "กิจกรรมติดตามประเมินผลการควบคุมภายในของ{องค์กร}",
            en: "Monitoring and evaluation of internal control", mission: "4.1", sub: "4.1.1",
            ita: nil, responsible: office,
            rationale: "หลักเกณฑ์กระทรวงการคลังว่าด้วยมาตรฐานและหลักเกณฑ์ปฏิบัติการควบคุมภายในสำหรับหน่วยงานของรัฐ พ.ศ. 2561 กำหนดให้หน่วยงานของรัฐจัดให้มีการควบคุมภายใน ประเมินผลการควบคุมภายในอย่างน้อยปีละ 1 ครั้ง และรายงานต่อผู้กำกับดูแล ระบบควบคุมภายในที่ได้ผลช่วยป้องกันความผิดพลาด ความสูญเสีย และการทุจริตได้ตั้งแต่ต้น {องค์กร}จึงจัดกิจกรรมนี้ขึ้นเพื่อติดตามประเมินผลการควบคุมภายในของทุกส่วนราชการ และปรับปรุงจุดอ่อนอย่างต่อเนื่อง",
            objectives: [
                "เพื่อประเมินผลการควบคุมภายในของทุกส่วนราชการตามหลักเกณฑ์กระทรวงการคลัง",
                "เพื่อระบุความเสี่ยงที่ยังมีอยู่และจัดทำแผนการปรับปรุงการควบคุมภายใน",
                "เพื่อรายงานผลการประเมินต่อผู้กำกับดูแลภายในเวลาที่กำหนด",
            ],
            targetGroup: allUnits,
            method: [
                step("แต่งตั้งคณะทำงานติดตามประเมินผลการควบคุมภายใน"),
                step("ให้ทุกส่วนราชการประเมินองค์ประกอบของการควบคุมภายในและประเมินความเสี่ยงในงานของตน"),
                step("รวบรวมและสอบทานผลการประเมิน และจัดทำรายงานการประเมินผลการควบคุมภายในตามแบบที่กระทรวงการคลังกำหนด"),
                step("จัดทำแผนการปรับปรุงการควบคุมภายใน และติดตามผลการปรับปรุงรอบ 6 เดือน"),
                step("เสนอผู้บริหารลงนามรายงาน และส่งรายงานต่อผู้กำกับดูแลภายใน 90 วันนับแต่วันสิ้นปีงบประมาณ"),
                step("เผยแพร่ผลการประเมินทางเว็บไซต์ของ{องค์กร}"),
            ],
            outputs: [
                "มีรายงานการประเมินผลการควบคุมภายในตามหลักเกณฑ์กระทรวงการคลัง จำนวน 1 ชุด ส่งภายในเวลาที่กำหนด",
                "กิจกรรมที่มีความเสี่ยงได้รับการปรับปรุงตามแผนไม่น้อยกว่าร้อยละ 80",
            ],
            outcomes: [
                "ความเสี่ยงที่ระบุไว้ไม่น้อยกว่าร้อยละ 80 ลดลงอยู่ในระดับที่ยอมรับได้",
            ]
        ),
        measure(
            "corruption-risk-management", .measure, "มาตรการบริหารจัดการความเสี่ยงการทุจริตของ{องค์กร}",
            en: "Corruption-risk management", mission: "4.1", sub: "4.1.1",
            ita: "OIT: การประเมินความเสี่ยงการทุจริตและการป้องกันการทุจริต", responsible: office,
            rationale: "การประเมินความเสี่ยงการทุจริตเป็นการค้นหาล่วงหน้าว่าขั้นตอนใดในการปฏิบัติงานมีโอกาสเกิดการทุจริต และจะเกิดผลกระทบเพียงใด เพื่อกำหนดมาตรการป้องกันก่อนเกิดความเสียหาย สำนักงาน ป.ป.ช. ได้จัดทำคู่มือการประเมินความเสี่ยงการทุจริตให้หน่วยงานของรัฐใช้เป็นแนวทาง {องค์กร}จึงกำหนดมาตรการนี้ขึ้นเพื่อประเมินความเสี่ยงการทุจริตเป็นประจำทุกปี กำหนดมาตรการควบคุม และติดตามผลอย่างเป็นระบบ",
            objectives: [
                "เพื่อระบุความเสี่ยงการทุจริตในกระบวนงานสำคัญและประเมินระดับความเสี่ยง",
                "เพื่อกำหนดมาตรการควบคุมความเสี่ยงการทุจริตและผู้รับผิดชอบ",
                "เพื่อเปิดเผยผลการประเมินความเสี่ยงและผลการดำเนินการต่อสาธารณะ",
            ],
            targetGroup: allUnits,
            method: [
                step("แต่งตั้งคณะทำงานประเมินความเสี่ยงการทุจริต"),
                step("ระบุความเสี่ยงการทุจริตในกระบวนงานสำคัญ", [
                    "การพิจารณาอนุมัติ อนุญาต ตามกฎหมาย",
                    "การใช้อำนาจและตำแหน่งหน้าที่",
                    "การใช้จ่ายงบประมาณ การจัดซื้อจัดจ้าง และการบริหารจัดการทรัพย์สินของราชการ",
                ]),
                step("ประเมินระดับความเสี่ยงและจัดทำมาตรการควบคุมความเสี่ยง เสนอผู้บริหารอนุมัติ"),
                step("เผยแพร่ผลการประเมินความเสี่ยงและมาตรการควบคุมทางเว็บไซต์ของ{องค์กร}"),
                step("ติดตามการดำเนินการตามมาตรการและรายงานผู้บริหารรอบ 6 เดือนและรอบ 12 เดือน"),
            ],
            outputs: [
                "มีรายงานการประเมินความเสี่ยงการทุจริตประจำปี จำนวน 1 ชุด",
                "มีมาตรการควบคุมครอบคลุมความเสี่ยงระดับสูงและสูงมากทุกประเด็น",
                "เผยแพร่ผลการประเมินความเสี่ยงต่อสาธารณะอย่างน้อย 1 ช่องทาง",
            ],
            outcomes: [
                "ไม่มีเหตุการณ์ทุจริตเกิดขึ้นในกระบวนงานที่ประเมินความเสี่ยงไว้",
            ]
        ),
        measure(
            "disbursement-control", .activity,
            "กิจกรรมควบคุมการเบิกจ่ายเงินตามงบประมาณรายจ่ายประจำปีของ{องค์กร}",
            en: "Control of disbursements under the annual budget", mission: "4.1", sub: "4.1.1",
            ita: "OIT: การบริหารเงินงบประมาณ (รายงานการกำกับติดตามการใช้จ่ายงบประมาณ)", responsible: finance,
            rationale: "การเบิกจ่ายเงินต้องเป็นไปตามงบประมาณรายจ่ายที่ได้รับอนุมัติ และระเบียบกระทรวงมหาดไทยว่าด้วยการรับเงิน การเบิกจ่ายเงิน การฝากเงิน การเก็บรักษาเงิน และการตรวจเงินขององค์กรปกครองส่วนท้องถิ่น ความผิดพลาดในการเบิกจ่าย เช่น การเบิกผิดประเภทรายจ่าย หรือหลักฐานไม่ครบถ้วน อาจเป็นช่องทางให้เกิดการทุจริตและทำให้ทางราชการเสียหาย {องค์กร}จึงจัดกิจกรรมนี้ขึ้นเพื่อควบคุม ตรวจสอบ และติดตามการเบิกจ่ายเงินอย่างเป็นระบบ",
            objectives: [
                "เพื่อให้การเบิกจ่ายเงินถูกต้องตามงบประมาณรายจ่ายและระเบียบที่เกี่ยวข้อง",
                "เพื่อติดตามความก้าวหน้าการใช้จ่ายงบประมาณให้เป็นไปตามแผน",
                "เพื่อลดความผิดพลาดและป้องกันการทุจริตในการเบิกจ่ายเงิน",
            ],
            targetGroup: "เจ้าหน้าที่การเงินและบัญชี และส่วนราชการผู้เบิกทุกส่วนของ{องค์กร}",
            method: [
                step("ตรวจสอบฎีกาและเอกสารประกอบการเบิกจ่ายทุกรายการก่อนเสนออนุมัติ"),
                step("จัดทำทะเบียนคุมการเบิกจ่ายเงินแยกตามแผนงานและประเภทรายจ่าย"),
                step("แต่งตั้งคณะทำงานสอบยันการเบิกจ่ายระหว่างส่วนราชการ (Cross Check)"),
                step("จัดทำรายงานการใช้จ่ายงบประมาณประจำเดือนและประจำไตรมาสเสนอผู้บริหาร"),
                step("ประชุมติดตามความก้าวหน้าการเบิกจ่ายอย่างน้อยไตรมาสละ 1 ครั้ง"),
                step("เผยแพร่รายงานการกำกับติดตามการใช้จ่ายงบประมาณรอบ 6 เดือนและรอบ 12 เดือนทางเว็บไซต์ของ{องค์กร}"),
            ],
            outputs: [
                "มีรายงานการใช้จ่ายงบประมาณครบทุกเดือน",
                "มีการประชุมติดตามการเบิกจ่ายอย่างน้อยไตรมาสละ 1 ครั้ง",
            ],
            outcomes: [
                "ความผิดพลาดในการเบิกจ่ายเงินลดลงไม่น้อยกว่าร้อยละ 80 เมื่อเทียบกับปีก่อน",
                "ไม่มีข้อทักท้วงของสำนักงานการตรวจเงินแผ่นดินเรื่องการเบิกจ่ายเงิน",
            ]
        ),
        measure(
            "council-capacity", .project, "โครงการส่งเสริมและพัฒนาศักยภาพสมาชิกสภาท้องถิ่นของ{องค์กร}",
            en: "Capacity building for local council members", mission: "4.2", sub: "4.2.1",
            ita: nil, budget: 20_000, responsible: office,
            rationale: "สภาท้องถิ่นมีหน้าที่ตรวจสอบการบริหารงานของฝ่ายบริหาร ทั้งการพิจารณาร่างงบประมาณรายจ่าย การตั้งกระทู้ถาม และการตั้งคณะกรรมการสามัญหรือคณะกรรมการวิสามัญ การตรวจสอบจะมีประสิทธิภาพได้เมื่อสมาชิกสภาท้องถิ่นเข้าใจบทบาทหน้าที่ ข้อบังคับการประชุม และกฎหมายที่เกี่ยวข้องอย่างถ่องแท้ {องค์กร}จึงจัดทำโครงการนี้ขึ้นเพื่อพัฒนาความรู้และทักษะของสมาชิกสภาท้องถิ่นในการตรวจสอบการปฏิบัติงานของฝ่ายบริหารอย่างเป็นกลาง",
            objectives: [
                "เพื่อให้สมาชิกสภาท้องถิ่นมีความรู้ความเข้าใจในบทบาท อำนาจหน้าที่ และข้อบังคับการประชุมสภาท้องถิ่น",
                "เพื่อพัฒนาทักษะการตรวจสอบการปฏิบัติงานของฝ่ายบริหารตามกระบวนการที่กฎหมายกำหนด",
                "เพื่อส่งเสริมให้สมาชิกสภาท้องถิ่นปฏิบัติหน้าที่อย่างเป็นกลางโดยไม่ฝักใฝ่ฝ่ายใด",
            ],
            targetGroup: "สมาชิกสภาท้องถิ่นของ{องค์กร}",
            method: [
                step("สำรวจความต้องการในการพัฒนาความรู้ของสมาชิกสภาท้องถิ่น"),
                step("จัดทำโครงการเสนอผู้บริหารเพื่อพิจารณาอนุมัติ"),
                step("จัดอบรมหรือส่งสมาชิกสภาท้องถิ่นเข้ารับการอบรม", [
                    "บทบาทและอำนาจหน้าที่ของสภาท้องถิ่น",
                    "ข้อบังคับการประชุมสภาท้องถิ่นและการตั้งกระทู้ถาม",
                    "การพิจารณาร่างงบประมาณรายจ่ายและการตรวจสอบการใช้จ่ายงบประมาณ",
                ]),
                step("ประเมินผลการอบรม"),
                step("สรุปและรายงานผลการดำเนินโครงการต่อผู้บริหาร"),
            ],
            outputs: [
                "สมาชิกสภาท้องถิ่นเข้ารับการอบรมไม่น้อยกว่าร้อยละ 80",
            ],
            outcomes: [
                "ผู้เข้ารับการอบรมไม่น้อยกว่าร้อยละ 80 มีความรู้ความเข้าใจเพิ่มขึ้น (แบบทดสอบก่อนและหลังการอบรม)",
                "สมาชิกสภาท้องถิ่นปฏิบัติหน้าที่ตรวจสอบได้ถูกต้องตามกฎหมายและระเบียบ",
            ]
        ),
        measure(
            "council-oversight-role", .activity,
            "กิจกรรมส่งเสริมบทบาทของสมาชิกสภา{องค์กร}ในการตรวจสอบการปฏิบัติงานของฝ่ายบริหาร",
            en: "Supporting the council's oversight of the executive", mission: "4.2", sub: "4.2.1",
            ita: nil, responsible: office,
            rationale: "นอกจากการประชุมสภาแล้ว สมาชิกสภาท้องถิ่นยังมีส่วนในการตรวจสอบการดำเนินงานผ่านการเป็นกรรมการในคณะกรรมการต่าง ๆ เช่น คณะกรรมการพัฒนาท้องถิ่น และคณะกรรมการติดตามและประเมินผลแผนพัฒนาท้องถิ่น การเปิดโอกาสและอำนวยความสะดวกให้สมาชิกสภาท้องถิ่นได้รับข้อมูลและเข้าร่วมกลไกเหล่านี้ เป็นการถ่วงดุลอำนาจของฝ่ายบริหารตามหลักการตรวจสอบและถ่วงดุล (Check and Balance) {องค์กร}จึงจัดกิจกรรมนี้ขึ้น",
            objectives: [
                "เพื่อให้สมาชิกสภาท้องถิ่นได้รับข้อมูลการดำเนินงานของฝ่ายบริหารอย่างครบถ้วนและทันเวลา",
                "เพื่อให้สมาชิกสภาท้องถิ่นมีส่วนร่วมในกลไกการติดตามตรวจสอบการดำเนินงาน",
                "เพื่อสร้างการตรวจสอบและถ่วงดุลระหว่างฝ่ายบริหารและฝ่ายสภาท้องถิ่น",
            ],
            targetGroup: "สมาชิกสภาท้องถิ่นของ{องค์กร}",
            method: [
                step("แต่งตั้งสมาชิกสภาท้องถิ่นเป็นกรรมการในคณะกรรมการที่กฎหมายและระเบียบกำหนด"),
                step("จัดส่งรายงานผลการดำเนินงาน รายงานการใช้จ่ายงบประมาณ และรายงานการติดตามประเมินผลแผนพัฒนาท้องถิ่นให้สภาท้องถิ่นทราบ"),
                step("อำนวยความสะดวกแก่สมาชิกสภาท้องถิ่นในการขอข้อมูลและตรวจดูเอกสารที่เกี่ยวข้อง"),
                step("ส่งเสริมให้สมาชิกสภาท้องถิ่นติดตามโครงการในพื้นที่"),
                step("บันทึกข้อเสนอแนะของสภาท้องถิ่น และแจ้งผลการดำเนินการตามข้อเสนอแนะ"),
            ],
            outputs: [
                "สมาชิกสภาท้องถิ่นได้รับรายงานผลการดำเนินงานและรายงานการใช้จ่ายงบประมาณอย่างน้อยปีละ 2 ครั้ง",
                "มีสมาชิกสภาท้องถิ่นร่วมเป็นกรรมการในคณะกรรมการติดตามตรวจสอบตามที่ระเบียบกำหนด",
            ],
            outcomes: [
                "ข้อเสนอแนะของสภาท้องถิ่นได้รับการพิจารณาดำเนินการไม่น้อยกว่าร้อยละ 80",
            ]
        ),
        measure(
            "corruption-case-handling", .measure,
            "มาตรการจัดการในกรณีได้ทราบ หรือรับแจ้ง หรือตรวจสอบพบการทุจริตของ{องค์กร}",
            en: "Action when corruption is learned of, reported or found", mission: "4.3", sub: "4.3.1",
            ita: "IIT: การแก้ไขปัญหาการทุจริต", responsible: office,
            rationale: "เมื่อมีข้อมูลว่าอาจมีการทุจริตเกิดขึ้น ไม่ว่าจะทราบเอง ได้รับแจ้งจากประชาชน หรือตรวจสอบพบ หน่วยงานต้องดำเนินการอย่างรวดเร็ว เป็นธรรม และเป็นไปตามกฎหมาย เพื่อระงับความเสียหาย ลงโทษผู้กระทำผิด และคุ้มครองผู้ให้ข้อมูล ความล่าช้าหรือการปกปิดเรื่องย่อมทำลายความเชื่อมั่นของประชาชน {องค์กร}จึงกำหนดมาตรการนี้ขึ้นเพื่อให้มีขั้นตอน ผู้รับผิดชอบ และกรอบเวลาที่ชัดเจนในการจัดการเรื่องทุจริตทุกกรณี",
            objectives: [
                "เพื่อให้มีขั้นตอนการจัดการกรณีได้ทราบ รับแจ้ง หรือตรวจสอบพบการทุจริตที่ชัดเจนและถือปฏิบัติได้",
                "เพื่อให้การสืบสวนข้อเท็จจริงและการดำเนินการทางวินัยเป็นไปอย่างรวดเร็วและเป็นธรรม",
                "เพื่อรายงานและประสานหน่วยงานที่มีอำนาจตามกฎหมายได้ทันเวลา",
            ],
            targetGroup: "ผู้บริหารท้องถิ่น พนักงานส่วนท้องถิ่น ลูกจ้างประจำ และพนักงานจ้างของ{องค์กร}",
            method: [
                step("จัดทำมาตรการและขั้นตอนการจัดการกรณีได้ทราบ รับแจ้ง หรือตรวจสอบพบการทุจริต และเสนอผู้บริหารลงนามประกาศ"),
                step("ลงทะเบียนเรื่องที่ได้รับ และเสนอผู้บริหารพิจารณาภายในเวลาที่กำหนด"),
                step("แต่งตั้งคณะกรรมการสืบสวนข้อเท็จจริง"),
                step("ดำเนินการตามผลการสืบสวน", [
                    "ดำเนินการทางวินัยตามกฎหมายและระเบียบเมื่อพบว่ามีมูล",
                    "แจ้งหรือส่งเรื่องให้สำนักงาน ป.ป.ช. หรือหน่วยงานที่มีอำนาจตามกฎหมาย",
                    "แจ้งผลให้ผู้ร้องเรียนทราบ",
                ]),
                step("ปรับปรุงขั้นตอนการทำงานที่เป็นจุดอ่อนเพื่อป้องกันการเกิดซ้ำ"),
                step("รายงานผลการดำเนินการต่อผู้บริหาร และเผยแพร่สถิติเรื่องทุจริตทางเว็บไซต์ของ{องค์กร}"),
            ],
            outputs: [
                "มีประกาศมาตรการจัดการในกรณีได้ทราบ หรือรับแจ้ง หรือตรวจสอบพบการทุจริต จำนวน 1 ฉบับ",
                "เรื่องที่ได้รับแจ้งได้รับการดำเนินการตามขั้นตอนครบร้อยละ 100",
            ],
            outcomes: [
                "เรื่องทุจริตไม่น้อยกว่าร้อยละ 80 ได้รับการจัดการจนแล้วเสร็จภายในเวลาที่กำหนด",
                "ประชาชนเชื่อมั่นต่อการแก้ไขปัญหาการทุจริตของ{องค์กร}",
            ]
        ),
        measure(
            "whistleblower-protection", .guideline,
            "แนวปฏิบัติการคุ้มครองผู้ร้องเรียนและผู้แจ้งเบาะแสการทุจริตของ{องค์กร}",
            en: "Protection of complainants and whistleblowers", mission: "4.3", sub: "4.3.2",
            ita: "IIT: การแก้ไขปัญหาการทุจริต", responsible: office,
            rationale: "ประชาชนและบุคลากรจำนวนมากรู้เห็นการทุจริตแต่ไม่กล้าแจ้ง เพราะเกรงว่าจะถูกเปิดเผยตัวตนหรือถูกกลั่นแกล้ง การคุ้มครองผู้ร้องเรียนและผู้แจ้งเบาะแสจึงเป็นเงื่อนไขสำคัญที่ทำให้ระบบรับเรื่องร้องเรียนการทุจริตได้ผลจริง {องค์กร}จึงกำหนดแนวปฏิบัตินี้ขึ้นเพื่อให้ผู้ร้องเรียนมั่นใจว่าข้อมูลของตนจะถูกเก็บเป็นความลับ และจะได้รับความคุ้มครองจากการถูกกลั่นแกล้ง",
            objectives: [
                "เพื่อรักษาความลับของผู้ร้องเรียนและผู้แจ้งเบาะแสการทุจริต",
                "เพื่อคุ้มครองผู้ร้องเรียน ผู้แจ้งเบาะแส และพยานจากการถูกกลั่นแกล้งหรือได้รับความเดือดร้อน",
                "เพื่อส่งเสริมให้ประชาชนและบุคลากรกล้าแจ้งเบาะแสการทุจริต",
            ],
            targetGroup: "ประชาชน บุคลากร และผู้เกี่ยวข้องที่ร้องเรียนหรือแจ้งเบาะแสการทุจริตต่อ{องค์กร}",
            method: [
                step("จัดทำแนวปฏิบัติการคุ้มครองผู้ร้องเรียนและผู้แจ้งเบาะแส และเสนอผู้บริหารลงนามประกาศ"),
                step("จำกัดการเข้าถึงข้อมูลเรื่องร้องเรียนการทุจริตไว้เฉพาะผู้ที่เกี่ยวข้อง"),
                step("เก็บรักษาข้อมูลที่อาจระบุตัวผู้ร้องเรียนแยกไว้เป็นความลับ"),
                step("กำหนดมาตรการคุ้มครองผู้ร้องเรียนที่เป็นบุคลากร", [
                    "ไม่ให้ผู้ถูกร้องเรียนมีส่วนในการประเมินผลการปฏิบัติงานของผู้ร้องเรียนในระหว่างการตรวจสอบ",
                    "ให้ผู้ร้องเรียนแจ้งผู้บริหารได้โดยตรงหากถูกกลั่นแกล้ง",
                ]),
                step("ชี้แจงแนวปฏิบัติให้บุคลากรที่เกี่ยวข้องทราบ และเผยแพร่ให้ประชาชนทราบทางเว็บไซต์ของ{องค์กร}"),
                step("ทบทวนแนวปฏิบัติปีละ 1 ครั้ง"),
            ],
            outputs: [
                "มีประกาศแนวปฏิบัติการคุ้มครองผู้ร้องเรียนและผู้แจ้งเบาะแส จำนวน 1 ฉบับ",
                "เผยแพร่แนวปฏิบัติต่อสาธารณะอย่างน้อย 2 ช่องทาง",
            ],
            outcomes: [
                "ไม่มีกรณีข้อมูลผู้ร้องเรียนรั่วไหลหรือผู้ร้องเรียนถูกกลั่นแกล้ง",
            ]
        ),
        measure(
            "corruption-complaint-channel", .measure,
            "มาตรการจัดให้มีระบบและช่องทางการรับเรื่องร้องเรียนเกี่ยวกับการทุจริตของ{องค์กร}",
            en: "System and channels for corruption complaints", mission: "4.3", sub: "4.3.2",
            ita: "OIT: การจัดการเรื่องร้องเรียนการทุจริตและประพฤติมิชอบ", responsible: office,
            rationale: "การเปิดช่องทางให้ประชาชนแจ้งเรื่องร้องเรียนการทุจริตได้สะดวก รวดเร็ว และปลอดภัย ทำให้ประชาชนเป็นหูเป็นตาช่วยเฝ้าระวังการทุจริตในท้องถิ่น และทำให้หน่วยงานทราบปัญหาได้ตั้งแต่เนิ่น ๆ {องค์กร}จึงกำหนดมาตรการนี้ขึ้นเพื่อจัดให้มีระบบรับเรื่องร้องเรียนการทุจริตที่มีหลายช่องทาง มีผู้รับผิดชอบ และมีการติดตามผลจนแล้วเสร็จ",
            objectives: [
                "เพื่อให้มีช่องทางรับเรื่องร้องเรียนการทุจริตที่สะดวก รวดเร็ว และปลอดภัยสำหรับผู้ร้องเรียน",
                "เพื่อให้มีผู้รับผิดชอบและขั้นตอนการดำเนินการต่อเรื่องร้องเรียนการทุจริตที่ชัดเจน",
                "เพื่อให้ผู้ร้องเรียนติดตามความคืบหน้าและทราบผลการดำเนินการได้",
            ],
            targetGroup: "ประชาชนทั่วไปและบุคลากรของ{องค์กร}",
            method: [
                step("แต่งตั้งเจ้าหน้าที่ผู้รับผิดชอบเรื่องร้องเรียนการทุจริต"),
                step("จัดให้มีช่องทางรับเรื่องร้องเรียนการทุจริต", [
                    "ยื่นด้วยตนเอง ณ สำนักงาน",
                    "ตู้รับเรื่องร้องเรียนที่เปิดโดยคณะกรรมการ",
                    "ทางไปรษณีย์และโทรศัพท์",
                    "ระบบรับเรื่องร้องเรียนออนไลน์บนเว็บไซต์ของ{องค์กร}",
                ]),
                step("จัดทำคู่มือการจัดการเรื่องร้องเรียนการทุจริตและประพฤติมิชอบ"),
                step("ประชาสัมพันธ์ช่องทางการร้องเรียนให้ประชาชนทราบอย่างทั่วถึง"),
                step("ลงทะเบียนเรื่องร้องเรียน แจ้งการรับเรื่อง และให้ผู้ร้องเรียนติดตามสถานะเรื่องได้"),
                step("สรุปผลการดำเนินการต่อเรื่องร้องเรียนการทุจริต และเผยแพร่ข้อมูลสถิติทางเว็บไซต์รอบ 6 เดือนและรอบ 12 เดือน"),
            ],
            outputs: [
                "มีช่องทางรับเรื่องร้องเรียนการทุจริตอย่างน้อย 4 ช่องทาง",
                "มีคู่มือการจัดการเรื่องร้องเรียนการทุจริตและประพฤติมิชอบ จำนวน 1 ฉบับ",
            ],
            outcomes: [
                "เรื่องร้องเรียนการทุจริตได้รับการตอบรับและดำเนินการครบร้อยละ 100",
                "ประชาชนมีส่วนร่วมเฝ้าระวังการทุจริตผ่านการร้องเรียนและการแจ้งเบาะแส",
            ]
        ),
    ]
}
