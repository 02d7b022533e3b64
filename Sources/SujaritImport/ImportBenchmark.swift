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

extension ImportBenchmark {
    /// Times one document's import step by step (`sujarit bench import FILE…`): decoding, text
    /// repair, reading blocks, parsing, mission suggestions — each the median of `iterations`
    /// runs, in milliseconds, so that a slow step shows itself.
    public static func stages(_ data: Data, fileName: String, iterations: Int = 5) -> String {
        func time(_ body: () throws -> Void) -> Double {
            var times: [Double] = []
            for _ in 0..<max(1, iterations) {
                let start = DispatchTime.now().uptimeNanoseconds
                try? body()
                times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1_000_000)
            }
            return times.sorted()[times.count / 2]
        }
        let format = DocumentImporter.detectFormat(data)
        var line = "\(fileName): \(data.count / 1024) KB \(format)"
        guard format == .text else {
            let total = time { _ = try DocumentImporter.importDocument(data, fileName: fileName) }
            return line + String(format: ": import %.1f ms", total)
        }
        guard let text = try? DocumentImporter.decodeText(data) else { return line + ": not readable text" }
        let repaired = TextRepair.repair(text).text
        let blocks = PlainTextReader.read(repaired)
        var parsed: DocumentParser.Output?
        let decode = time { _ = try DocumentImporter.decodeText(data) }
        let repair = time { _ = TextRepair.repair(text) }
        let read = time { _ = PlainTextReader.read(repaired) }
        let parse = time {
            var parser = DocumentParser(blocks: blocks, organizationOverride: nil)
            parsed = parser.parse()
        }
        let suggest = time {
            guard let output = parsed else { return }
            var plan = output.plan
            var findings = output.findings
            MissionSuggestion.apply(to: &plan, findings: &findings, sheets: output.sheets, organizationName: output.organization.name)
        }
        let total = time { _ = try DocumentImporter.importDocument(data, fileName: fileName) }
        line += String(format: ", %d blocks: decode %.1f, repair %.1f, blocks %.1f, parse %.1f, suggestions %.1f — whole import %.1f ms (median of %d)",
                       blocks.count, decode, repair, read, parse, suggest, total, max(1, iterations))
        return line
    }
}

extension ImportBenchmark {
    /// Imports a Word "web page" of about `targetBytes` (`SyntheticPlanDocument.wordHTML`) once
    /// and reports the time and the process's resident memory: before, at its peak (Linux
    /// `VmHWM`) and after (`sujarit bench import --large-html 20`).
    public static func largeHTML(targetBytes: Int) -> String {
        let data = Data(SyntheticPlanDocument.wordHTML(targetBytes: targetBytes).utf8)
        let before = ResidentMemory.current()
        let start = DispatchTime.now().uptimeNanoseconds
        let result = try? DocumentImporter.importDocument(data, fileName: "large.html")
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1_000_000_000
        let after = ResidentMemory.current()
        let peak = ResidentMemory.peak()
        func mb(_ bytes: Int?) -> String { bytes.map { String(format: "%.0f MB", Double($0) / 1_048_576) } ?? "?" }
        let what = result.map { "\($0.plan.items.count) items, \($0.sheets.count) sheets" } ?? "import failed"
        return String(format: "import: %.1f MB Word HTML (%@) in %.2f s; resident memory %@ before, %@ after, process peak %@",
                      Double(data.count) / 1_048_576, what, seconds, mb(before), mb(after), mb(peak))
    }
}

/// The process's resident memory, from `/proc/self/status` (Linux; nil elsewhere).
public enum ResidentMemory {
    /// Resident now (`VmRSS`), in bytes.
    public static func current() -> Int? { field("VmRSS:") }
    /// The highest resident memory of the process so far (`VmHWM`), in bytes.
    public static func peak() -> Int? { field("VmHWM:") }

    static func field(_ name: String) -> Int? {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix(name) }),
              let kilobytes = Int(line.dropFirst(name.count).trimmingCharacters(in: .whitespaces).split(separator: " ").first ?? "")
        else { return nil }
        return kilobytes * 1024
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

    /// The 40-item document as Word saves a "web page": a large style sheet, every line a
    /// paragraph of styled runs with Word's conditional comments, and the empty paragraphs
    /// Word writes, until the page is about `targetBytes` long — mostly markup, like the real thing.
    public static func wordHTML(targetBytes: Int) -> String {
        let run = "<span lang=TH style='font-size:16.0pt;line-height:107%;font-family:\"TH SarabunPSK\",sans-serif;mso-fareast-font-family:\"Times New Roman\";mso-bidi-language:TH'>"
        var out = "<html xmlns:v=\"urn:schemas-microsoft-com:vml\" xmlns:o=\"urn:schemas-microsoft-com:office:office\" xmlns:w=\"urn:schemas-microsoft-com:office:word\">\n"
        out += "<head><meta http-equiv=Content-Type content=\"text/html; charset=utf-8\"><title>แผนปฏิบัติการป้องกันการทุจริต</title>\n"
        out += "<!--[if gte mso 9]><xml><o:DocumentProperties><o:Author>งานนโยบายและแผน</o:Author></o:DocumentProperties></xml><![endif]-->\n<style>\n<!--\n"
        for index in 0..<2_000 {
            out += "p.MsoStyle\(index), li.MsoStyle\(index), div.MsoStyle\(index) {mso-style-name:\"Style \(index)\"; margin:0cm; font-size:16.0pt; font-family:\"TH SarabunPSK\",sans-serif;}\n"
        }
        out += "-->\n</style></head>\n<body lang=EN-US style='tab-interval:36.0pt'>\n<div class=WordSection1>\n"
        for line in text(itemCount: 40).split(separator: "\n", omittingEmptySubsequences: false) {
            let cells = line.split(separator: "\t", omittingEmptySubsequences: false)
            out += "<!--[if !supportLists]--><p class=MsoNormal style='margin-bottom:0cm;line-height:normal'>"
            for (index, cell) in cells.enumerated() {
                if index > 0 { out += "<span style='mso-tab-count:1'>&nbsp;&nbsp;&nbsp; </span>" }
                // Word splits a line into runs wherever the formatting or the proofing state changes.
                var rest = Substring(cell)
                while !rest.isEmpty {
                    let piece = rest.prefix(12)
                    rest = rest.dropFirst(piece.count)
                    out += run + piece.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;") + "</span>"
                }
            }
            out += "<o:p></o:p></p><!--[endif]-->\n"
        }
        let empty = "<p class=MsoNormal style='margin-bottom:0cm;line-height:normal'>\(run)<o:p>&nbsp;</o:p></span></p>\n"
        let closing = "</div>\n</body>\n</html>\n"
        var length = out.utf8.count
        var filler = ""
        while length + closing.utf8.count < targetBytes {
            filler += empty
            length += empty.utf8.count
        }
        return out + filler + closing
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
