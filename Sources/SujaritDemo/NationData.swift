import Foundation
import SujaritCore
import SujaritCatalog

/// ข้อมูลระดับประเทศ (สมมติ) — a generated, nation-sized data set for measuring Sujarit at scale:
/// the 76 provinces, about 7,850 local governments in realistic proportions of kinds, and for
/// each a 2566–2570 plan series of one to three revisions with 20–40 items from the standard
/// measures, yearly budgets, project sheets, risk rows and targets. Organization names are
/// made up from common place-name words; the provinces are real.
///
/// Everything follows from the seed: the same seed gives the same organizations, ids and plans.
public enum NationData {
    /// The 76 provinces (Bangkok, a special administration, is not one of them).
    public static let provinces: [String] = [
        "กระบี่", "กาญจนบุรี", "กาฬสินธุ์", "กำแพงเพชร", "ขอนแก่น", "จันทบุรี", "ฉะเชิงเทรา", "ชลบุรี", "ชัยนาท", "ชัยภูมิ",
        "ชุมพร", "เชียงราย", "เชียงใหม่", "ตรัง", "ตราด", "ตาก", "นครนายก", "นครปฐม", "นครพนม", "นครราชสีมา",
        "นครศรีธรรมราช", "นครสวรรค์", "นนทบุรี", "นราธิวาส", "น่าน", "บึงกาฬ", "บุรีรัมย์", "ปทุมธานี", "ประจวบคีรีขันธ์", "ปราจีนบุรี",
        "ปัตตานี", "พระนครศรีอยุธยา", "พะเยา", "พังงา", "พัทลุง", "พิจิตร", "พิษณุโลก", "เพชรบุรี", "เพชรบูรณ์", "แพร่",
        "ภูเก็ต", "มหาสารคาม", "มุกดาหาร", "แม่ฮ่องสอน", "ยโสธร", "ยะลา", "ร้อยเอ็ด", "ระนอง", "ระยอง", "ราชบุรี",
        "ลพบุรี", "ลำปาง", "ลำพูน", "เลย", "ศรีสะเกษ", "สกลนคร", "สงขลา", "สตูล", "สมุทรปราการ", "สมุทรสงคราม",
        "สมุทรสาคร", "สระแก้ว", "สระบุรี", "สิงห์บุรี", "สุโขทัย", "สุพรรณบุรี", "สุราษฎร์ธานี", "สุรินทร์", "หนองคาย", "หนองบัวลำภู",
        "อ่างทอง", "อำนาจเจริญ", "อุดรธานี", "อุตรดิตถ์", "อุทัยธานี", "อุบลราชธานี",
    ]

    /// About the number of local governments in Thailand outside Bangkok and Pattaya.
    public static let nationOrganizationCount = 7_850

    static let firstWords = ["บ้าน", "หนอง", "โนน", "ดอน", "ห้วย", "นา", "ทุ่ง", "โคก", "วัง", "บึง", "ท่า", "คลอง", "บาง", "สวน",
                             "เขา", "ป่า", "น้ำ", "แม่", "ศรี", "เวียง", "ปาก", "หัว", "ไร่", "สระ"]
    static let secondWords = ["ใหญ่", "น้อย", "แก้ว", "ทอง", "ยาง", "ไผ่", "สูง", "หลวง", "งาม", "ดี", "เหนือ", "ใต้", "กลาง", "บัว",
                              "เรือ", "โพธิ์", "ม่วง", "ขาม", "แดง", "ขาว", "จันทร์", "สะอาด", "เจริญ", "สำราญ", "พัฒนา", "คำ",
                              "ตาล", "มะค่า", "กุง", "หว้า", "เสือ", "ช้าง", "กระทุ่ม", "สองห้อง"]

    /// A small deterministic generator (SplitMix64).
    public struct Random: RandomNumberGenerator, Sendable {
        var state: UInt64
        public init(seed: UInt64) { state = seed }
        public mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }

        public mutating func uuid() -> UUID {
            let a = next(), b = next()
            var bytes = (0..<8).map { UInt8(truncatingIfNeeded: a >> (8 * $0)) } + (0..<8).map { UInt8(truncatingIfNeeded: b >> (8 * $0)) }
            bytes[6] = (bytes[6] & 0x0F) | 0x40   // version 4
            bytes[8] = (bytes[8] & 0x3F) | 0x80   // RFC 4122 variant
            return UUID(uuid: (bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7],
                               bytes[8], bytes[9], bytes[10], bytes[11], bytes[12], bytes[13], bytes[14], bytes[15]))
        }
    }

    /// One organization of the data set and the revisions of its 2566–2570 plan, oldest first
    /// (empty for the few that have none yet). Every revision but the last is published; the
    /// last is published or a draft.
    public struct Entry: Sendable {
        public var organization: Organization
        public var revisions: [Plan]
    }

    /// The districts of a province: its capital district and a few made-up ones.
    public static func districts(ofProvince index: Int) -> [String] {
        var random = Random(seed: 0xD157_0000 &+ UInt64(index))
        var names = ["เมือง" + provinces[index]]
        while names.count < 6 + index % 7 {
            let name = firstWords.randomElement(using: &random)! + secondWords.randomElement(using: &random)!
            if !names.contains(name) { names.append(name) }
        }
        return names
    }

    /// The organizations (without plans) of a data set of `count`, spread over the provinces:
    /// each province has its อบจ.; the rest are about 68 % อบต., 29 % เทศบาลตำบล, 2.5 % เทศบาลเมือง
    /// and 0.5 % เทศบาลนคร. Slugs are `nPP-NNN` (province, number in the province).
    public static func organizations(count: Int, seed: UInt64 = 2566) -> [Organization] {
        var random = Random(seed: seed)
        var result: [Organization] = []
        result.reserveCapacity(count)
        var numberInProvince = Array(repeating: 0, count: provinces.count)
        for index in 0..<max(0, count) {
            let province = index % provinces.count
            numberInProvince[province] += 1
            let number = numberInProvince[province]
            let kind: OrganizationKind
            if number == 1 {
                kind = .provincial
            } else {
                let roll = Double.random(in: 0..<1, using: &random)
                kind = roll < 0.68 ? .subdistrict : roll < 0.97 ? .subdistrictMunicipality : roll < 0.995 ? .townMunicipality : .cityMunicipality
            }
            let districts = districts(ofProvince: province)
            let district = kind == .provincial ? districts[0] : districts.randomElement(using: &random)!
            let place = kind == .provincial
                ? provinces[province]
                : firstWords.randomElement(using: &random)! + secondWords.randomElement(using: &random)!
            result.append(Organization(
                id: random.uuid(), slug: String(format: "n%02d-%03d", province + 1, number), kind: kind,
                name: kind.thaiName + place, district: district, province: provinces[province],
                units: ["สำนักปลัด", "กองคลัง", "กองช่าง", "กองการศึกษา ศาสนาและวัฒนธรรม"],
                digitStyle: random.next() % 4 == 0 ? .thai : .arabic))
        }
        return result
    }

    /// The plan revisions of one organization (see `Entry`), from the seed and its position.
    /// About 8 % have no plan yet, 12 % only a draft, the rest a published revision, of which
    /// a third were revised (published again) and a tenth have a draft of the next revision.
    public static func revisions(for organization: Organization, number: Int, seed: UInt64 = 2566) -> [Plan] {
        var random = Random(seed: seed &+ 0x5EED &* UInt64(number + 1))
        let roll = Double.random(in: 0..<1, using: &random)
        guard roll >= 0.08 else { return [] }
        let first = FiscalYear(2566), last = FiscalYear(2570)
        var plan = Plan.fromTemplate(PlanCatalog.cycle2566, organization: organization, first: first, last: last, id: random.uuid())
        let measures = StandardMeasures.all
        let wanted = Int.random(in: 20...40, using: &random)
        var items: [PlanItem] = []
        var order = 1
        while items.count < wanted {
            for measure in measures.shuffled(using: &random) where items.count < wanted {
                let budget: BudgetEntry? = measure.typicalAnnualBudget.map { typical in
                    // Between half and twice the typical amount, in whole thousands of baht.
                    let factor = Double.random(in: 0.5...2, using: &random)
                    let baht = max(1_000, Int64((Double(typical.satang) / 100 * factor / 1_000).rounded()) * 1_000)
                    return .amount(Money(baht: baht))
                }
                var item = StandardMeasures.item(measure, organization: organization, firstYear: first, lastYear: last,
                                                 order: order, id: random.uuid(), budget: budget)
                if items.contains(where: { $0.name == item.name }) { item.name += " (ระยะที่ \(order))" }
                // About a third of the items keep their project sheet in the plan.
                if random.next() % 3 != 0 { item.sheet = nil }
                items.append(item)
                order += 1
            }
        }
        plan.items = items
        let demo = DemoData.plan(organizationID: organization.id)
        plan.risks = demo.risks.map { risk in
            var risk = risk
            risk.id = random.uuid()
            risk.linkedItemIDs = [items.randomElement(using: &random)!.id]
            return risk
        }
        plan.targets = demo.targets.map { target in
            var target = target
            target.id = random.uuid()
            return target
        }
        plan.frontMatter = demo.frontMatter
        plan = plan.normalized()

        if roll < 0.20 {
            plan.status = .draft
            return [plan]
        }
        plan.status = .published
        var revisions = [plan]
        let revised = roll < 0.47
        let draftAfter = roll >= 0.47 && roll < 0.55
        if revised || draftAfter {
            var next = plan.withFreshIDs(planID: random.uuid())
            next.revision = plan.revision + 1
            // A revision moves money between years and adds an item or two.
            for index in next.items.indices where random.next() % 4 == 0 {
                if case .amount(let money)? = next.items[index].budgets[FiscalYear(2569)] {
                    next.items[index].budgets[FiscalYear(2569)] = .amount(Money(satang: money.satang / 2))
                }
            }
            next.status = revised ? .published : .draft
            revisions.append(next)
        }
        return revisions
    }

    /// The whole data set of `count` organizations (computed lazily by the caller per entry
    /// would be just as good; this is for small sets and tests).
    public static func entries(count: Int, seed: UInt64 = 2566) -> [Entry] {
        organizations(count: count, seed: seed).enumerated().map { number, organization in
            Entry(organization: organization, revisions: revisions(for: organization, number: number, seed: seed))
        }
    }
}
