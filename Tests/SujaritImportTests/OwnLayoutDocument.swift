import Foundation
import SujaritCatalog
import SujaritCore
@testable import SujaritImport

/// Plans written for these tests in layouts the seeds do not use, each with its expected items
/// beside it: two mission levels with items on "x.y.z", item numbers restarting per mission as
/// "๑." or continuing as "1)", sheet numbers with gaps, a repeat and "(เพิ่มเติม)", budgets stated
/// in the sheets ("ปีละ … รวม …", year by year), and plan tables cut short (lost pages).
struct OwnLayoutDocument {
    struct Item {
        var name: String
        var mission: String
        var subMission: String?
        var budgets: [Int?]
        /// How field 7 of its sheet states the budget.
        var sheetBudget: SheetBudgetStyle = .yearly
    }

    enum SheetBudgetStyle { case yearly, byYear, none, wrongTotal }
    enum Numbering { case restartThaiDot, continueParen }

    var organization = "เทศบาลตำบลโนนสาธิต"
    var items: [Item]
    var numbering: Numbering = .restartThaiDot
    /// Dimensions whose rows are left out of the table (lost pages); their sheets remain.
    var droppedDimensions: Set<Int> = []
    /// Dimensions whose subtotal row is left out.
    var droppedSubtotals: Set<Int> = []
    /// Write "x.y" mission rows with the document's own wording (not the catalog's).
    var ownMissionWording = true

    static let years = Array(2566...2570)

    /// Fifteen items over the four dimensions of the 2566 cycle, most on sub-missions.
    static func standardItems() -> [Item] {
        [
            Item(name: "โครงการอบรมจริยธรรมสำหรับผู้บริหารและพนักงานเทศบาล", mission: "1.1", subMission: "1.1.1", budgets: [20_000, 20_000, 20_000, 20_000, 20_000]),
            Item(name: "มาตรการยกย่องพนักงานผู้ปฏิบัติงานด้วยความซื่อสัตย์", mission: "1.1", subMission: "1.1.2", budgets: [nil, nil, nil, nil, nil], sheetBudget: .none),
            Item(name: "กิจกรรมให้ความรู้เรื่องผลประโยชน์ทับซ้อนแก่พนักงาน", mission: "1.1", subMission: "1.1.3", budgets: [5_000, 5_000, 5_000, 5_000, 5_000], sheetBudget: .wrongTotal),
            Item(name: "โครงการรณรงค์ต่อต้านการทุจริตในชุมชน", mission: "1.2", subMission: nil, budgets: [10_000, 12_000, 12_000, 15_000, 15_000], sheetBudget: .byYear),
            Item(name: "กิจกรรมสภาเด็กและเยาวชนต้านโกง", mission: "1.3", subMission: nil, budgets: [3_000, 3_000, 3_000, 3_000, 3_000]),
            Item(name: "มาตรการเผยแพร่ข้อมูลการจัดซื้อจัดจ้างทางเว็บไซต์เทศบาล", mission: "2.1", subMission: "2.1.1", budgets: [nil, nil, nil, nil, nil], sheetBudget: .none),
            Item(name: "กิจกรรมเปิดเผยข้อมูลการบรรจุแต่งตั้งพนักงาน", mission: "2.1", subMission: "2.1.2", budgets: [nil, nil, nil, nil, nil], sheetBudget: .none),
            Item(name: "กิจกรรมประกาศเจตจำนงสุจริตของนายกเทศมนตรี", mission: "2.2", subMission: "2.2.1", budgets: [2_000, 2_000, 2_000, 2_000, 2_000]),
            Item(name: "มาตรการลดขั้นตอนการอนุญาตก่อสร้างอาคาร", mission: "2.3", subMission: "2.3.2", budgets: [nil, nil, nil, nil, nil], sheetBudget: .none),
            Item(name: "โครงการประชาคมหมู่บ้านเพื่อจัดทำแผนพัฒนาท้องถิ่น", mission: "3.1", subMission: "3.1.1", budgets: [30_000, 30_000, 30_000, 30_000, 30_000]),
            Item(name: "กิจกรรมตอบกลับผู้ร้องเรียนภายในสิบห้าวัน", mission: "3.2", subMission: "3.2.1", budgets: [nil, nil, nil, nil, nil], sheetBudget: .none),
            Item(name: "โครงการติดตั้งกล่องรับความคิดเห็นประจำหมู่บ้าน", mission: "3.2", subMission: "3.2.1", budgets: [8_000, nil, nil, nil, nil], sheetBudget: .byYear),
            Item(name: "กิจกรรมรายงานผลการควบคุมภายในต่อผู้บริหาร", mission: "4.1", subMission: "4.1.1", budgets: [nil, nil, nil, nil, nil], sheetBudget: .none),
            Item(name: "โครงการอบรมสมาชิกสภาเทศบาลด้านการตรวจสอบ", mission: "4.2", subMission: "4.2.1", budgets: [15_000, 15_000, 15_000, 15_000, 15_000]),
            Item(name: "มาตรการรับเรื่องร้องเรียนการทุจริตทางไลน์และโทรศัพท์", mission: "4.3", subMission: "4.3.2", budgets: [1_000, 1_000, 1_000, 1_000, 1_000]),
        ]
    }

    static func thaiDigits(_ text: String) -> String { ThaiDigits.toThai(text) }
    static func money(_ value: Int?) -> String { value.map { Money(baht: Int64($0)).formatted() } ?? "-" }

    func missionName(_ code: String) -> String {
        let catalog = PlanCatalog.cycle2566.dimensions.flatMap(\.missions)
        if let mission = catalog.first(where: { $0.code == code }) {
            // The document's own, shorter wording of the mission.
            return ownMissionWording ? String(mission.name.prefix(28)) + "ฯ" : mission.name
        }
        if let sub = catalog.flatMap(\.subMissions).first(where: { $0.code == code }) { return sub.name }
        return code
    }

    /// The sheet numbers: a gap after 3, sheet 6 twice, an added sheet "(เพิ่มเติม)".
    func sheetLabels() -> [String] {
        var labels: [String] = []
        var number = 1
        for index in items.indices {
            if index == 3 { number += 1 }                        // no sheet 4
            if index == 6 { labels.append("ลำดับที่ \(number - 1)"); continue } // 6 again
            if index == items.count - 1 { labels.append("ลำดับที่ \(number - 1) (เพิ่มเติม)"); continue }
            labels.append("ลำดับที่ \(number)")
            number += 1
        }
        return labels
    }

    func sheetBudgetText(_ item: Item) -> String {
        let amounts = item.budgets.map { $0 ?? 0 }
        let total = amounts.reduce(0, +)
        switch item.sheetBudget {
        case .none: return "ไม่ใช้งบประมาณ"
        case .yearly where Set(amounts).count == 1: return "ปีละ \(Self.money(amounts[0])) บาท รวม \(Self.money(total)) บาท"
        case .wrongTotal: return "ปีละ \(Self.money(amounts[0])) บาท รวมทั้งสิ้น \(Self.money(total + 5_000)) บาท"
        case .yearly, .byYear:
            return "งบประมาณ " + zip(Self.years, amounts).filter { $0.1 != 0 }.map { "ปี \($0.0) จำนวน \(Self.money($0.1)) บาท" }.joined(separator: " ")
                + " รวม \(Self.money(total)) บาท"
        }
    }

    var text: String {
        var out = ["แผนปฏิบัติการป้องกันการทุจริตเพื่อยกระดับคุณธรรมและความโปร่งใส", "(พ.ศ. 2566 – 2570)", "ของ\(organization)",
                   "อำเภอเมืองสาธิต จังหวัดตัวอย่าง", "", "ส่วนที่ 1", "บทนำ", "1. หลักการและเหตุผล", "\(organization)มุ่งป้องกันการทุจริต", ""]
        out += ["ส่วนที่ 2", "แผนปฏิบัติการป้องกันการทุจริต (พ.ศ. 2566 – 2570)", ""]
        out.append((["มิติ", "ภารกิจตามมิติ", "โครงการ/กิจกรรม/มาตรการ"] + Self.years.map { "ปี \($0)" } + ["หมายเหตุ"]).joined(separator: "\t"))
        out.append((["", "", ""] + Self.years.map { _ in "งบประมาณ (บาท)" } + [""]).joined(separator: "\t"))
        let width = 3 + Self.years.count + 1
        /// Every row as wide as the header, as a Word table has it.
        func row(_ cells: [String]) -> String { (cells + Array(repeating: "", count: max(0, width - cells.count))).joined(separator: "\t") }
        var number = 0
        var totals = Array(repeating: 0, count: Self.years.count)
        var count = 0
        for dimension in PlanCatalog.cycle2566.dimensions {
            let own = items.filter { $0.mission.hasPrefix("\(dimension.number).") }
            guard !own.isEmpty, !droppedDimensions.contains(dimension.number) else { continue }
            out.append(row(["\(dimension.number). \(dimension.name)"]))
            var mission: String?
            var subMission: String?
            var sums = Array(repeating: 0, count: Self.years.count)
            for item in own {
                if item.mission != mission {
                    mission = item.mission
                    subMission = nil
                    if numbering == .restartThaiDot { number = 0 }
                    out.append(row(["", "\(item.mission) \(missionName(item.mission))"]))
                }
                if let sub = item.subMission, sub != subMission {
                    subMission = sub
                    out.append(row(["", "\(sub) \(missionName(sub))"]))
                }
                number += 1
                let label = numbering == .restartThaiDot ? Self.thaiDigits("\(number).") : "\(number))"
                out.append((["", "", "\(label) \(item.name)"] + item.budgets.map(Self.money) + [""]).joined(separator: "\t"))
                for (index, value) in item.budgets.enumerated() { sums[index] += value ?? 0 }
            }
            if !droppedSubtotals.contains(dimension.number) {
                out.append((["รวม", "จำนวน \(own.count) โครงการ", ""] + sums.map { Self.money($0 == 0 ? nil : $0) } + [""]).joined(separator: "\t"))
            }
            for index in sums.indices { totals[index] += sums[index] }
            count += own.count
        }
        out.append((["รวมทั้งสิ้น", "จำนวน \(count) โครงการ", ""] + totals.map { Self.money($0 == 0 ? nil : $0) } + [""]).joined(separator: "\t"))
        out += ["", "ส่วนที่ 3", "รายละเอียดโครงการ/กิจกรรม/มาตรการ", ""]
        let labels = sheetLabels()
        var dimensionShown: Int?
        var missionShown: String?
        for (index, item) in items.enumerated() {
            let dimension = Mission.dimensionNumber(ofCode: item.mission)!
            if dimension != dimensionShown {
                dimensionShown = dimension
                out += ["มิติที่ \(dimension) \(PlanCatalog.cycle2566.dimensions[dimension - 1].name)", ""]
            }
            if item.mission != missionShown {
                missionShown = item.mission
                let full = PlanCatalog.cycle2566.dimensions.flatMap(\.missions).first { $0.code == item.mission }!.name
                out += ["\(item.mission) \(full)", ""]
            }
            out += [labels[index], "1. ชื่อโครงการ : \(item.name)", "2. หลักการและเหตุผล", "เพื่อป้องกันการทุจริตใน\(organization)",
                    "3. วัตถุประสงค์", "1) เพื่อส่งเสริมความโปร่งใส", "4. กลุ่มเป้าหมาย", "พนักงานและประชาชน",
                    "5. วิธีดำเนินการ", "1) จัดทำรายละเอียดและขออนุมัติ", "2) ดำเนินการและรายงานผล",
                    "6. ระยะเวลาดำเนินการ", "ปีงบประมาณ พ.ศ. 2566 – 2570",
                    "7. งบประมาณดำเนินการ", sheetBudgetText(item),
                    "8. ผู้รับผิดชอบโครงการ", "สำนักปลัดเทศบาล",
                    "9. ผลผลิต/ผลลัพธ์", "ผลผลิต", "ดำเนินการปีละ 1 ครั้ง", "ผลลัพธ์", "ประชาชนพึงพอใจร้อยละ 80", ""]
        }
        return out.joined(separator: "\n") + "\n"
    }
}
