import Foundation
import SujaritCore
import SujaritCatalog

/// A line of running text with its source line number.
struct SourceLine {
    var text: String
    var line: Int
}

/// A project sheet as read from Part 3, before it is matched to an item.
struct ParsedSheet {
    var number: Int?
    /// What follows the number ("(เพิ่มเติม)"): an added sheet that may repeat a number.
    var numberSuffix = ""
    var line: Int
    var name: String = ""
    var fields: [SheetField: [SourceLine]] = [:]
    var outputs: [SourceLine] = []
    var outcomes: [SourceLine] = []
    var fieldOrder: [SheetField] = []
    /// Part 3 headings in force where the sheet stands.
    var dimension: Int?
    var missionCode: String?
    var subMissionCode: String?

    var fieldsFound: [SheetField] {
        var found = Set(fields.keys)
        if !outputs.isEmpty || !outcomes.isEmpty { found.insert(.results) }
        if !name.isEmpty { found.insert(.name) }
        return found.sorted()
    }

    func text(_ field: SheetField, separator: String = " ") -> String {
        (fields[field] ?? []).map(\.text).joined(separator: separator)
    }

    /// The sheet in the model's shape.
    func makeSheet() -> ProjectSheet {
        let targetGroup = text(.targetGroup)
        return ProjectSheet(
            sheetNumber: number,
            rationale: text(.rationale, separator: "\n"),
            objectives: SheetParser.listItems(fields[.objectives] ?? []),
            targetGroup: targetGroup,
            targetHeadcount: SheetParser.headcount(targetGroup),
            method: SheetParser.steps(fields[.method] ?? []),
            period: (fields[.period] ?? []).filter { SheetParser.monthsLine($0.text) == nil }.map(\.text).joined(separator: " "),
            budgetText: text(.budget),
            responsible: text(.responsible),
            outputs: SheetParser.listItems(outputs),
            outcomes: SheetParser.listItems(outcomes),
            area: fields[.area].map { $0.map(\.text).joined(separator: " ") }
        )
    }
}

extension ParsedSheet {
    /// The months field 6 names on a line of its own ("เดือนที่ดำเนินการ: ต.ค. – ธ.ค., มี.ค.",
    /// as Sujarit's own documents write it); empty when it names none.
    var months: MonthSchedule {
        var schedule = MonthSchedule.none
        for line in fields[.period] ?? [] {
            if let months = SheetParser.monthsLine(line.text) { schedule = months }
        }
        return schedule
    }
}

/// Reads Part 3 (รายละเอียดโครงการ): sheets that start at "ลำดับที่ N" (or at "1. ชื่อโครงการ"),
/// with the nine numbered fields, between headings of dimension, mission and sub-mission.
struct SheetParser {
    /// Labels of the fields, as documents write them (compact form), longest first within a field.
    static let labels: [(String, SheetField)] = [
        ("ชื่อโครงการ/กิจกรรม/มาตรการ", .name), ("ชื่อโครงการ", .name), ("ชื่อกิจกรรม", .name), ("ชื่อมาตรการ", .name),
        ("หลักการและเหตุผล", .rationale), ("หลักการเหตุผล", .rationale), ("ที่มาและความสำคัญ", .rationale), ("ที่มาของโครงการ", .rationale),
        ("วัตถุประสงค์", .objectives),
        ("กลุ่มเป้าหมาย", .targetGroup), ("เป้าหมาย", .targetGroup),
        ("พื้นที่ดำเนินการ", .area), ("สถานที่ดำเนินการ", .area),
        ("วิธีดำเนินการ", .method), ("วิธีการดำเนินการ", .method), ("วิธีการดำเนินงาน", .method), ("ขั้นตอนการดำเนินการ", .method), ("ขั้นตอนการดำเนินงาน", .method),
        ("ระยะเวลาดำเนินการ", .period), ("ระยะเวลาการดำเนินการ", .period), ("ระยะเวลา", .period),
        ("งบประมาณ", .budget),
        ("ผู้รับผิดชอบ", .responsible), ("หน่วยงานรับผิดชอบ", .responsible), ("หน่วยงานที่รับผิดชอบ", .responsible),
        ("ผลผลิต/ผลลัพธ์", .results), ("ผลผลิตผลลัพธ์", .results), ("ผลที่คาดว่าจะได้รับ", .results), ("ตัวชี้วัด", .results), ("ผลลัพธ์", .results), ("ผลผลิต", .results),
    ]

    /// Recognizes a field heading: "๓. วัตถุประสงค์", "9.ผลผลิต/ผลลัพธ์", "1. ชื่อโครงการ : …".
    /// Returns the field and whatever text follows the label on the same line.
    static func fieldHeading(_ line: String) -> (SheetField, String)? {
        guard let marker = ImportText.marker(Substring(line)), marker.numbers.count == 1, marker.numbers[0] >= 1, marker.numbers[0] <= 12,
              marker.style == .dot || marker.style == .closingParen else { return nil }
        guard let (field, rest) = label(String(marker.rest)) else { return nil }
        // "3) ระยะเวลา…" may be a step of a list; with ")" only a bare label is a heading.
        if marker.style == .closingParen && field != .name && !rest.isEmpty { return nil }
        return (field, rest)
    }

    static func label(_ text: String) -> (SheetField, String)? {
        for (label, field) in labels where ImportText.starts(text, with: label) {
            var after = ImportText.trimmedStart(ImportText.afterPrefix(text, label))
            if field == .name {
                if let first = after.first, first == ":" || first == "：" { after = after.dropFirst() }
                return (field, ImportText.clean(after))
            }
            // "หลักการและเหตุผล/ที่มาของโครงการ", "งบประมาณที่ใช้ในการดำเนินการ", "ผู้รับผิดชอบโครงการ":
            // words after the label belong to the heading up to a colon; without a colon, short
            // words without digits are still the heading's, anything longer is the content.
            if let colon = after.prefix(60).firstIndex(where: { $0 == ":" || $0 == "：" }) {
                return (field, ImportText.clean(after[after.index(after: colon)...]))
            }
            let words = ImportText.clean(after)
            if words.count <= 30 && !words.contains(where: { $0.isNumber }) && !ImportText.has(words, "ไม่ใช้") { return (field, "") }
            return (field, words)
        }
        return nil
    }

    /// "เดือนที่ดำเนินการ: ต.ค. – ธ.ค., มี.ค.": the months, ranges in fiscal order; nil when the
    /// line is not that or names something that is not a month.
    static func monthsLine(_ line: String) -> MonthSchedule? {
        guard ImportText.starts(line, with: "เดือนที่ดำเนินการ") else { return nil }
        var rest = ImportText.trimmedStart(ImportText.afterPrefix(line, "เดือนที่ดำเนินการ"))
        guard let first = rest.first, first == ":" || first == "：" else { return nil }
        rest = rest.dropFirst()
        var schedule = MonthSchedule.none
        let order = MonthSchedule.fiscalOrder
        for part in rest.split(separator: ",") {
            let ends = part.split(whereSeparator: { $0 == "–" || $0 == "-" }).map { ImportText.compact(String($0)) }
            let months = ends.compactMap { end in PlanTableParser.monthNames.first { $0.0 == end }?.1 }
            guard !ends.isEmpty, months.count == ends.count, months.count <= 2 else { return nil }
            guard let from = order.firstIndex(of: months[0]), let to = order.firstIndex(of: months[months.count - 1]), from <= to else { return nil }
            for month in order[from...to] { schedule.insert(month) }
        }
        return schedule.isEmpty ? nil : schedule
    }

    /// "พื้นที่ดำเนินการ", "พื้นที่ดำเนินการ : หมู่ที่ 1 – 10": the area label without a field number.
    /// Returns the text after the label (empty when the label stands alone).
    static func areaLabel(_ line: String) -> String? {
        for word in ["พื้นที่ดำเนินการ", "สถานที่ดำเนินการ"] where ImportText.starts(line, with: word) {
            let rest = ImportText.trimmedStart(ImportText.afterPrefix(line, word))
            if rest.isEmpty { return "" }
            if let first = rest.first, first == ":" || first == "：" { return ImportText.clean(rest.dropFirst()) }
        }
        return nil
    }

    /// "ผลผลิต", "ผลผลิต :", "ผลผลิต (output)" — the two parts of field 9.
    static func resultsPart(_ line: String) -> (isOutput: Bool, rest: String)? {
        for (word, isOutput) in [("ผลผลิต", true), ("ผลลัพธ์", false)] where ImportText.starts(line, with: word) {
            var rest = ImportText.trimmedStart(ImportText.afterPrefix(line, word))
            if ImportText.starts(rest, with: "/") { return nil }
            if ImportText.starts(rest, with: "(") {
                if let close = rest.firstIndex(of: ")"), rest.distance(from: rest.startIndex, to: close) < 30 { rest = rest[rest.index(after: close)...] }
            }
            rest = ImportText.trimmedStart(rest)
            if let first = rest.first, first == ":" || first == "：" { return (isOutput, ImportText.clean(rest.dropFirst())) }
            if rest.isEmpty { return (isOutput, "") }
            return nil
        }
        return nil
    }

    /// A list written as "1) …", "(2) …", "- …", with marker-only lines and wrapped lines.
    static func listItems(_ lines: [SourceLine]) -> [String] {
        var items: [String] = []
        var lastWasNumbered = false
        var anyNumbered = false
        for line in lines {
            if let marker = ImportText.marker(Substring(line.text)), marker.style != .code {
                let rest = String(marker.rest)
                if marker.style == .bullet && anyNumbered && !items.isEmpty && lastWasNumbered {
                    items[items.count - 1] += (items[items.count - 1].isEmpty ? "" : "\n") + "- " + rest
                    continue
                }
                items.append(rest)
                if marker.style != .bullet {
                    anyNumbered = true
                    lastWasNumbered = true
                }
            } else if items.isEmpty {
                items.append(line.text)
            } else if items[items.count - 1].isEmpty {
                items[items.count - 1] = line.text
            } else {
                items[items.count - 1] += " " + line.text
            }
        }
        // The pieces were clean lines already; only empty items remain to drop.
        return items.filter { !$0.isEmpty }
    }

    /// Steps of วิธีดำเนินการ: "1)" steps, "1.1)" sub-steps, "-" bullets under the last step.
    static func steps(_ lines: [SourceLine]) -> [MethodStep] {
        var steps: [MethodStep] = []
        /// Depth of the step that wrapped text continues (0 = top level).
        var lastDepth = 0
        func append(_ step: MethodStep, depth: Int, to list: inout [MethodStep]) {
            if depth <= 0 || list.isEmpty {
                list.append(step)
            } else {
                append(step, depth: depth - 1, to: &list[list.count - 1].subSteps)
            }
        }
        func extendLast(_ text: String, depth: Int, in list: inout [MethodStep]) {
            guard !list.isEmpty else { list.append(MethodStep(text)); return }
            if depth > 0 && !list[list.count - 1].subSteps.isEmpty {
                extendLast(text, depth: depth - 1, in: &list[list.count - 1].subSteps)
            } else {
                let current = list[list.count - 1].text
                list[list.count - 1].text = current.isEmpty ? text : current + " " + text
            }
        }
        func deepest(_ list: [MethodStep]) -> Int {
            guard let last = list.last, !last.subSteps.isEmpty else { return 0 }
            return 1 + deepest(last.subSteps)
        }
        for line in lines {
            if let marker = ImportText.marker(Substring(line.text)) {
                let rest = ImportText.clean(marker.rest)
                switch marker.style {
                case .bullet:
                    let depth = steps.isEmpty ? 0 : deepest(steps) + 1
                    append(MethodStep(rest), depth: depth, to: &steps)
                    lastDepth = depth
                case .code:
                    extendOrAdd(line.text)
                default:
                    let depth = steps.isEmpty ? 0 : min(marker.numbers.count - 1, deepest(steps) + 1)
                    append(MethodStep(rest), depth: depth, to: &steps)
                    lastDepth = depth
                }
            } else {
                extendOrAdd(line.text)
            }
        }
        func extendOrAdd(_ text: String) {
            if steps.isEmpty { steps.append(MethodStep(text)) } else { extendLast(text, depth: lastDepth, in: &steps) }
        }
        return steps
    }

    /// The headcount of a target group: the sum of every "จำนวน N คน" / "N คน" it states.
    static func headcount(_ text: String) -> Int? {
        let arabic = ImportText.arabic(text)
        var total = 0
        var found = false
        var search = arabic[...]
        while let offset = ImportText.byteOffset(of: "คน", in: search) {
            let start = search.utf8.index(search.utf8.startIndex, offsetBy: offset)
            let range = start..<search.utf8.index(start, offsetBy: "คน".utf8.count)
            // Digits just before "คน", possibly with a space: "72 คน", "จำนวน ๕ คน".
            var before = search[search.startIndex..<range.lowerBound]
            while let last = before.last, last == " " { before = before.dropLast() }
            let digits = before.reversed().prefix(while: { $0.isASCII && ($0.isNumber || $0 == ",") })
            let value = Int(String(digits.reversed()).replacingOccurrences(of: ",", with: ""))
            if let value, value > 0, value < 10_000_000, !ImportText.starts(search[range.upperBound...], with: "อื่น") {
                total += value
                found = true
            }
            search = search[range.upperBound...]
        }
        return found ? total : nil
    }
}

/// Walks Part 3 line by line: headings of dimension, mission and sub-mission set the context,
/// "ลำดับที่ N" starts a sheet, numbered field headings switch the field the lines belong to.
struct SheetReader {
    let plan: Plan
    var sheets: [ParsedSheet] = []
    var findings: [ImportFinding] = []
    private var current: ParsedSheet?
    private var field: SheetField?
    private var inOutcomes = false
    private var dimension: Int?
    private var missionCode: String?
    private var subMissionCode: String?
    private(set) var unplacedCount = 0
    /// Compact names of missions and sub-missions by code, to recognize Part 3 headings.
    private let headingNames: [String: String]

    init(plan: Plan) {
        self.plan = plan
        var names: [String: String] = [:]
        for template in PlanCatalog.templates + [PlanTemplate(id: "plan", thaiName: "", firstYear: plan.firstYear, lastYear: plan.lastYear, plansByMonth: false, dimensions: plan.dimensions)] {
            for dimension in template.dimensions {
                for mission in dimension.missions {
                    names[mission.code + "|" + ImportText.compact(mission.name)] = mission.code
                    for sub in mission.subMissions { names[sub.code + "|" + ImportText.compact(sub.name)] = sub.code }
                }
            }
        }
        headingNames = names
    }

    /// "2.1.1 การเปิดเผยข้อมูลการบริหารงานและการดำเนินงาน": a mission or sub-mission heading when
    /// its wording is close to a known mission of that code.
    func heading(_ line: String) -> String? {
        guard let marker = ImportText.marker(Substring(line)), marker.style == .code, (2...3).contains(marker.numbers.count) else { return nil }
        let code = marker.code
        let text = ImportText.compact(String(marker.rest))
        guard !text.isEmpty else { return nil }
        for (key, known) in headingNames where known == code {
            let name = String(key.dropFirst(code.count + 1))
            // A heading may be cut short by the page; compare the common beginning as well.
            let head = String(name.prefix(text.count))
            if NameMatcher.similarity(name, text) >= 0.5 || (text.count >= 12 && NameMatcher.similarity(head, text) >= 0.8) { return code }
        }
        return nil
    }

    mutating func read(_ lines: [SourceLine]) {
        for line in lines { read(line) }
        finishSheet()
    }

    private mutating func read(_ line: SourceLine) {
        let text = line.text
        if let (number, suffix) = DocumentParser.sheetNumber(text) {
            finishSheet()
            current = ParsedSheet(number: number, line: line.line, dimension: dimension, missionCode: missionCode, subMissionCode: subMissionCode)
            current?.numberSuffix = suffix
            field = nil
            return
        }
        if ImportText.starts(text, with: "มิติที่"), let (number, _) = ImportText.leadingNumber(ImportText.trimmedStart(text.dropFirst("มิติที่".count)), maxDigits: 2) {
            finishSheet()
            dimension = number
            missionCode = nil
            subMissionCode = nil
            return
        }
        if let code = heading(text) {
            finishSheet()
            if code.split(separator: ".").count == 2 {
                missionCode = code
                subMissionCode = nil
            } else {
                subMissionCode = code
                missionCode = String(code.split(separator: ".").prefix(2).joined(separator: "."))
            }
            dimension = Mission.dimensionNumber(ofCode: code)
            return
        }
        if let (newField, rest) = SheetParser.fieldHeading(text) {
            if newField == .name {
                if current == nil || !(current!.name.isEmpty && current!.fields.isEmpty) {
                    if current != nil { finishSheet() }
                    current = ParsedSheet(number: nil, line: line.line, dimension: dimension, missionCode: missionCode, subMissionCode: subMissionCode)
                }
                current?.name = rest
            } else if current != nil {
                if current?.fields[newField] == nil { current?.fields[newField] = [] }
                if !rest.isEmpty {
                    if newField == .results {
                        current?.outputs.append(SourceLine(text: rest, line: line.line))
                    } else {
                        current?.fields[newField]?.append(SourceLine(text: rest, line: line.line))
                    }
                }
            } else {
                unplaced(line)
                return
            }
            field = newField
            inOutcomes = false
            if newField == .results, let rest = ImportText.marker(Substring(text))?.rest, let part = SheetParser.resultsPart(String(rest)) {
                inOutcomes = !part.isOutput
            }
            return
        }
        if current != nil, let rest = SheetParser.areaLabel(text) {
            // "พื้นที่ดำเนินการ : …" written without a number, beside the nine numbered fields.
            field = .area
            if current?.fields[.area] == nil { current?.fields[.area] = [] }
            if !rest.isEmpty { current?.fields[.area]?.append(SourceLine(text: rest, line: line.line)) }
            return
        }
        // A lone "-" stands for "nothing here" (an empty field printed by Sujarit or by hand).
        if current != nil, field != .budget, field != .name, text.allSatisfy({ "-–—".contains($0) || $0.isWhitespace }) { return }
        guard current != nil, let field else {
            // The title of Part 3 ("รายละเอียดโครงการ/กิจกรรม/มาตรการ") before the first sheet.
            if current == nil && ImportText.compact(text).hasPrefix("รายละเอียดโครงการ") && text.count < 80 { return }
            unplaced(line)
            return
        }
        switch field {
        case .name:
            current!.name = current!.name.isEmpty ? text : current!.name + " " + text
        case .results:
            if let part = SheetParser.resultsPart(text) {
                inOutcomes = !part.isOutput
                // Mark that the part was written even when it is empty.
                if !part.rest.isEmpty {
                    if inOutcomes { current!.outcomes.append(SourceLine(text: part.rest, line: line.line)) } else { current!.outputs.append(SourceLine(text: part.rest, line: line.line)) }
                }
                return
            }
            if inOutcomes { current!.outcomes.append(line) } else { current!.outputs.append(line) }
        default:
            current!.fields[field, default: []].append(line)
        }
    }

    private mutating func finishSheet() {
        guard var sheet = current else { return }
        current = nil
        field = nil
        // Drop fields that were named but left empty, so that "fields found" means written.
        sheet.fields = sheet.fields.filter { !$0.value.isEmpty }
        sheet.name = ImportText.clean(sheet.name)
        if sheet.name.isEmpty && sheet.fields.isEmpty && sheet.outputs.isEmpty && sheet.outcomes.isEmpty { return }
        if sheet.name.isEmpty {
            findings.append(ImportFinding(severity: .warning, code: "sheet.name.missing", line: sheet.line, message: LocalizedText(
                th: "รายละเอียดโครงการ\(DocumentParser.sheetLabel(sheet.number)) ไม่มีชื่อโครงการ", en: "Project sheet\(DocumentParser.sheetLabelEnglish(sheet.number)) has no name")))
        }
        sheets.append(sheet)
    }

    private mutating func unplaced(_ line: SourceLine) {
        if PlainTextReader.isSeparator(line.text) { return }
        unplacedCount += 1
        guard unplacedCount <= 20 else { return }
        let excerpt = String(line.text.prefix(80))
        findings.append(ImportFinding(severity: .info, code: "line.unplaced", line: line.line, message: LocalizedText(
            th: "บรรทัดที่ไม่ทราบว่าเป็นส่วนใดของรายละเอียดโครงการ: “\(excerpt)”",
            en: "A line that could not be placed in any project sheet: “\(excerpt)”")))
    }
}
