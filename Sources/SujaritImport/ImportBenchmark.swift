import Foundation
import SujaritCore
import SujaritCatalog

/// Times the importer on a plan document of about 400 KB (`sujarit bench import`).
public enum ImportBenchmark {
    /// Parses the synthetic document `iterations` times and reports the median, fastest and
    /// slowest time in milliseconds.
    public static func run(iterations: Int = 15, targetBytes: Int = 400_000) -> String {
        measure(iterations: iterations, targetBytes: targetBytes).description
    }

    /// What one benchmark run measured.
    public struct Report: CustomStringConvertible, Sendable {
        public var bytes: Int
        /// Items, sheets and findings of the imported plan; nil when the import failed.
        public var items: Int?, sheets: Int?, findings: Int?
        /// Milliseconds per run, sorted.
        public var times: [Double]
        public var median: Double { times[times.count / 2] }

        public var description: String {
            let summary = items.map { "\($0) items, \(sheets ?? 0) sheets, \(findings ?? 0) findings" } ?? "import failed"
            return String(format: "import: %d KB document (%@), %d runs: median %.1f ms (min %.1f, max %.1f)",
                          bytes / 1024, summary, times.count, median, times.first!, times.last!)
        }
    }

    public static func measure(iterations: Int = 15, targetBytes: Int = 400_000) -> Report {
        let text = SyntheticPlanDocument.text(targetBytes: targetBytes)
        let data = Data(text.utf8)
        var report = Report(bytes: data.count, times: [])
        for _ in 0..<max(1, iterations) {
            let start = DispatchTime.now().uptimeNanoseconds
            let result = try? DocumentImporter.importDocument(data, fileName: "synthetic.txt")
            let elapsed = Double(DispatchTime.now().uptimeNanoseconds - start) / 1_000_000
            report.times.append(elapsed)
            if report.items == nil, let result {
                report.items = result.plan.items.count
                report.sheets = result.sheets.count
                report.findings = result.findings.count
            }
        }
        report.times.sort()
        return report
    }
}

/// A plan document written the way extracted Word text looks (the layout of seed 000), of any
/// size, for the benchmark and for tests that must run without the seed files. Its figures are
/// right except the foreword, which states one project too many.
public enum SyntheticPlanDocument {
    public static let organizationName = "เทศบาลตำบลทดสอบ"

    /// The document with `itemCount` items, each with a sheet.
    public static func text(itemCount: Int) -> String {
        let template = PlanCatalog.cycle2566
        let missions = template.dimensions.flatMap { dimension in dimension.missions.map { (dimension, $0) } }
        var byMission: [String: [Int]] = [:]
        for index in 0..<itemCount { byMission[missions[index % missions.count].1.code, default: []].append(index) }
        let kinds = ["โครงการ", "มาตรการ", "กิจกรรม"]
        func name(_ index: Int) -> String {
            "\(kinds[index % 3])ส่งเสริมความโปร่งใสและการมีส่วนร่วม ด้านที่ \(index + 1) ของ\(organizationName)"
        }
        func budget(_ index: Int) -> String { index % 4 == 0 ? "10,000" : "-" }
        var out: [String] = []
        out += [" แผนปฏิบัติการป้องกันการทุจริต", "เพื่อยกระดับคุณธรรมและความโปร่งใส", "(พ.ศ. 2566 – 2570)", "ของ\(organizationName)", "อำเภอเมือง จังหวัดทดสอบ", " คำนำ", ""]
        out.append("ส่วนที่ 2 ประกอบด้วย โครงการ/กิจกรรม/มาตรการ (พ.ศ. 2566 - 2570) แยกตาม 4 มิติ รวมทั้งสิ้นจำนวน \(itemCount + 1) โครงการ ดังนี้")
        for dimension in template.dimensions {
            let count = dimension.missions.reduce(0) { $0 + (byMission[$1.code]?.count ?? 0) }
            out += ["", "มิติที่ \(dimension.number) \(dimension.name) จำนวน \(count) โครงการ"]
        }
        out += ["", " ส่วนที่ 1 ", "บทนำ", "2. หลักการและเหตุผล", "องค์กรปกครองส่วนท้องถิ่นมีหน้าที่ป้องกันการทุจริต", "3. วัตถุประสงค์ของการจัดทำแผน",
                "(1) เพื่อแสดงเจตจำนงสุจริตของผู้บริหาร", "(2) เพื่อสร้างวัฒนธรรมสุจริต", "5. ประโยชน์ของการจัดทำแผน", "(1) ประชาชนมีส่วนร่วม", ""]
        out += ["ส่วนที่ 2", "\tมิติ", "\tภารกิจตามมิติ", "\tโครงการ/กิจกรรม/มาตรการ"]
        for year in 2566...2570 { out.append("\tปี \(year)") }
        out += ["\tหมายเหตุ", ""]
        var number = 1
        for dimension in template.dimensions {
            var first = true
            var dimensionItems: [Int] = []
            for mission in dimension.missions {
                guard let indices = byMission[mission.code] else { continue }
                out.append(first ? "\t\(dimension.number). \(dimension.name)" : "\t")
                first = false
                out.append("\t\(mission.code) \(mission.name)")
                out.append("")
                for (offset, index) in indices.enumerated() {
                    out.append((offset == 0 ? "\t" : "") + "\(number)) \(name(index))")
                    number += 1
                }
                for _ in 2566...2570 {
                    for (offset, index) in indices.enumerated() { out.append((offset == 0 ? "\t" : "") + budget(index)) }
                    out.append("")
                }
                out += ["\t", ""]
                dimensionItems += indices
            }
            guard !first else { continue }
            let subtotal = dimensionItems.filter { $0 % 4 == 0 }.count * 10_000
            out += ["\t", "\tรวม", "\tจำนวน \(dimensionItems.count) โครงการ"]
            for _ in 2566...2570 { out.append("\t" + (subtotal == 0 ? "-" : Money(baht: Int64(subtotal)).formatted())) }
            out += ["\t", ""]
        }
        let total = (0..<itemCount).filter { $0 % 4 == 0 }.count * 10_000
        out += ["\tรวมทั้งสิ้น", "\tจำนวน \(itemCount) โครงการ"]
        for _ in 2566...2570 { out.append("\t" + (total == 0 ? "-" : Money(baht: Int64(total)).formatted())) }
        out += ["\t", "", "", "ส่วนที่ 3 ", "รายละเอียดโครงการ/กิจกรรม/มาตรการ", String(repeating: "#", count: 40), ""]
        var sheetNumber = 1
        for dimension in template.dimensions {
            out += ["มิติที่ \(dimension.number) \(dimension.name)", ""]
            for mission in dimension.missions {
                guard let indices = byMission[mission.code] else { continue }
                out += ["\(mission.code) \(mission.name)", ""]
                for index in indices {
                    out += sheet(number: sheetNumber, name: name(index), budget: budget(index))
                    sheetNumber += 1
                }
            }
        }
        return out.joined(separator: "\n") + "\n"
    }

    /// The document grown to about `targetBytes` of UTF-8.
    public static func text(targetBytes: Int) -> String {
        let small = text(itemCount: 10).utf8.count
        let large = text(itemCount: 20).utf8.count
        let perItem = max(1, (large - small) / 10)
        return text(itemCount: max(11, 10 + (targetBytes - small) / perItem))
    }

    static func sheet(number: Int, name: String, budget: String) -> [String] {
        let rationale = "ตามพระราชกฤษฎีกาว่าด้วยหลักเกณฑ์และวิธีการบริหารกิจการบ้านเมืองที่ดี พ.ศ. 2546 กำหนดให้ส่วนราชการต้องบริหารราชการอย่างมีประสิทธิภาพ โปร่งใส และตรวจสอบได้ \(organizationName)จึงจัดทำ\(name) เพื่อให้บุคลากรและประชาชนมีส่วนร่วมในการป้องกันการทุจริต"
        return [
            "ลำดับที่ \(number)", "1. ชื่อโครงการ : \(name)", "2. หลักการและเหตุผล", "", rationale, "", rationale,
            "3. วัตถุประสงค์", "", "1) เพื่อส่งเสริมความโปร่งใสในการปฏิบัติราชการ", "", "2) เพื่อเปิดโอกาสให้ประชาชนมีส่วนร่วมตรวจสอบ",
            "4. กลุ่มเป้าหมาย", "", "บุคลากรของ\(organizationName) จำนวน 72 คน",
            "5. วิธีดำเนินการ", "", "1) จัดทำโครงการและขออนุมัติจากผู้บริหาร", "2) ดำเนินการตามแผน ดังนี้", "2.1) ประชุมชี้แจงบุคลากร", "- จัดทำสื่อเผยแพร่", "2.2) ติดตามผล", "3) รายงานผลการดำเนินการ",
            "6. ระยะเวลาดำเนินการ", "", "ปีงบประมาณ พ.ศ. 2566 - 2570",
            "7. งบประมาณดำเนินการ", "", budget == "-" ? "ไม่ใช้งบประมาณ" : "\(budget) บาท",
            "8. ผู้รับผิดชอบโครงการ", "", "สำนักปลัด \(organizationName)",
            "9. ผลผลิต/ผลลัพธ์", "", "ผลผลิต", "", "1) มีการดำเนินการอย่างน้อย 1 ครั้งต่อปี", "2) มีช่องทางเผยแพร่อย่างน้อย 3 ช่องทาง", "ผลลัพธ์", "",
            "ประชาชนมีความพึงพอใจไม่ต่ำกว่าร้อยละ 80", "",
        ]
    }
}
