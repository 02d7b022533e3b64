import Foundation
import SujaritCore

/// วัดผลการนำเข้า — compares an import with the structure a person wrote down for the same
/// document (`sujarit import --expect EXPECTED.json FILE`), field by field, as precision (how
/// much of what was found is right) and recall (how much of what is there was found).
///
/// EXPECTED.json:
/// ```json
/// {
///   "items": [{"name": "โครงการ…", "dimension": 1, "mission": "1.1",
///              "budgets": {"2566": 20000, "2567": null}, "months": [10, 11]}],
///   "sheets": ["โครงการ…", {"name": "โครงการ…", "fields": {"targetGroup": "บุคลากร จำนวน 80 คน",
///              "budget": "ปีละ 30,000 บาท", "objectives": ["เพื่อ…", "เพื่อ…"]}}],
///   "statedTotalFindings": [{"code": "subtotal.count", "line": 309}, {"code": "count.stated.total"}],
///   "customMissions": ["ภารกิจที่เอกสารเพิ่มเอง"]
/// }
/// ```
/// Every key is optional; a field without expectations is not scored. In `budgets` a number is
/// baht and `null` is "no budget" (ไม่ใช้งบประมาณ); years not listed are not scored.
///
/// Three measures are scored for every document: **missions** the import added beyond the
/// catalog (precision falls below 100 % for each one the document does not have, i.e. not in
/// `customMissions`), **sheets on one item each** (a sheet given to two items counts as wrong)
/// and **placed lines** (recall: the share of the document's lines that were not left unplaced).
public enum ImportScoring {
    public struct Expected: Decodable, Sendable {
        public struct Item: Decodable, Sendable {
            public var name: String
            public var dimension: Int?
            public var mission: String?
            public var budgets: [String: Decimal?]?
            public var months: [Int]?
        }
        public struct Finding: Decodable, Sendable {
            public var code: String
            public var line: Int?
        }
        /// A project sheet: its name alone, or its name and what some of its fields say. Field
        /// keys are `SheetField` names (rationale, objectives, targetGroup, method, period,
        /// budget, responsible, results, area); a value is a text or a list of texts (objectives,
        /// method steps, outputs then outcomes for results).
        public struct Sheet: Decodable, Sendable {
            public var name: String
            public var fields: [String: [String]]

            enum CodingKeys: String, CodingKey { case name, fields }
            enum Value: Decodable {
                case one(String), many([String])
                init(from decoder: any Decoder) throws {
                    let container = try decoder.singleValueContainer()
                    if let text = try? container.decode(String.self) { self = .one(text) } else { self = .many(try container.decode([String].self)) }
                }
                var texts: [String] { switch self { case .one(let text): [text]; case .many(let texts): texts } }
            }
            public init(from decoder: any Decoder) throws {
                if let name = try? decoder.singleValueContainer().decode(String.self) {
                    self.name = name
                    fields = [:]
                    return
                }
                let container = try decoder.container(keyedBy: CodingKeys.self)
                name = try container.decode(String.self, forKey: .name)
                fields = try container.decodeIfPresent([String: Value].self, forKey: .fields)?.mapValues(\.texts) ?? [:]
            }
        }
        public var items: [Item]?
        public var sheets: [Sheet]?
        public var statedTotalFindings: [Finding]?
        /// Missions the document itself adds to the catalog's (by name); none when absent.
        public var customMissions: [String]?
    }

    public struct FieldScore: Codable, Hashable, Sendable {
        public var field: String
        public var found: Int
        public var expected: Int
        public var correct: Int
        public var precision: Double { found == 0 ? (expected == 0 ? 1 : 0) : Double(correct) / Double(found) }
        public var recall: Double { expected == 0 ? 1 : Double(correct) / Double(expected) }

        enum CodingKeys: String, CodingKey { case field, found, expected, correct, precision, recall }
        public init(field: String, found: Int, expected: Int, correct: Int) {
            self.field = field
            self.found = found
            self.expected = expected
            self.correct = correct
        }
        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            field = try container.decode(String.self, forKey: .field)
            found = try container.decode(Int.self, forKey: .found)
            expected = try container.decode(Int.self, forKey: .expected)
            correct = try container.decode(Int.self, forKey: .correct)
        }
        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(field, forKey: .field)
            try container.encode(found, forKey: .found)
            try container.encode(expected, forKey: .expected)
            try container.encode(correct, forKey: .correct)
            try container.encode((precision * 1000).rounded() / 1000, forKey: .precision)
            try container.encode((recall * 1000).rounded() / 1000, forKey: .recall)
        }
    }

    /// The finding codes that compare a stated count or total with the computed one.
    public static let statedTotalCodes: Set<String> = [
        "count.stated.total", "count.stated.dimension", "subtotal.count", "subtotal.budget", "total.count", "total.budget", "sheet.budget.mismatch",
    ]

    public static func decodeExpected(_ data: Data) throws -> Expected {
        try JSONDecoder().decode(Expected.self, from: data)
    }

    /// Names compared without spaces, with Arabic digits, NFC.
    static func key(_ text: String) -> String {
        var key = ThaiDigits.toArabic(text).precomposedStringWithCanonicalMapping
        key.unicodeScalars.removeAll { $0.properties.isWhitespace }
        return key
    }

    public static func score(_ result: ImportResult, expected: Expected) -> [FieldScore] {
        var scores: [FieldScore] = []
        let found = result.plan.orderedItems
        if let items = expected.items {
            // Items paired by name: the same text, or at least 85 % alike.
            let pairs = NameMatcher.assign(left: items.map { key($0.name) }, right: found.map { key($0.name) }, threshold: 0.85)
            scores.append(FieldScore(field: "items", found: found.count, expected: items.count, correct: pairs.count))
            let withDimension = items.filter { $0.dimension != nil }.count
            scores.append(FieldScore(field: "dimension of each item", found: found.filter { $0.dimensionNumber != nil }.count, expected: withDimension,
                                     correct: pairs.filter { items[$0.left].dimension != nil && items[$0.left].dimension == found[$0.right].dimensionNumber }.count))
            if items.contains(where: { $0.mission != nil }) {
                scores.append(FieldScore(field: "mission of each item", found: found.filter { $0.missionCode != nil }.count,
                                         expected: items.filter { $0.mission != nil }.count,
                                         correct: pairs.filter { items[$0.left].mission != nil && items[$0.left].mission == found[$0.right].missionCode }.count))
            }
            if items.contains(where: { $0.budgets != nil }) {
                var expectedUnits = 0, correct = 0
                var foundUnits = 0
                let scoredYears = Set(items.flatMap { ($0.budgets ?? [:]).keys })
                for item in found {
                    foundUnits += item.budgets.filter { scoredYears.contains(String($0.key.be)) }.count
                }
                let pairOf = Dictionary(uniqueKeysWithValues: pairs.map { ($0.left, $0.right) })
                for (index, item) in items.enumerated() {
                    for (year, amount) in item.budgets ?? [:] {
                        expectedUnits += 1
                        guard let right = pairOf[index], let be = Int(year) else { continue }
                        let want: BudgetEntry = amount.map { .amount(Money(satang: NSDecimalNumber(decimal: $0 * 100).int64Value)) } ?? .noBudget
                        if found[right].budgets[FiscalYear(be)] == want { correct += 1 }
                    }
                }
                scores.append(FieldScore(field: "budgets per year", found: foundUnits, expected: expectedUnits, correct: correct))
            }
            if items.contains(where: { $0.months != nil }) {
                let pairOf = Dictionary(uniqueKeysWithValues: pairs.map { ($0.left, $0.right) })
                let correct = items.indices.filter { index in
                    guard let want = items[index].months, let right = pairOf[index] else { return false }
                    return Set(result.months(of: found[right])) == Set(want)
                }.count
                scores.append(FieldScore(field: "months of each item", found: found.filter { !result.months(of: $0).isEmpty }.count,
                                         expected: items.filter { $0.months != nil }.count, correct: correct))
            }
        }
        if let sheets = expected.sheets {
            let pairs = NameMatcher.assign(left: sheets.map { key($0.name) }, right: result.sheets.map { key($0.name) }, threshold: 0.85)
            scores.append(FieldScore(field: "sheet names", found: result.sheets.count, expected: sheets.count, correct: pairs.count))
            // Sheet fields: each field written down for a sheet, against what the import kept in
            // the sheet of the item that sheet went to (texts compared like names).
            let scoredFields = Set(sheets.flatMap(\.fields.keys))
            if !scoredFields.isEmpty {
                let itemsByID = Dictionary(result.plan.items.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
                func texts(_ sheet: ProjectSheet?, _ field: String) -> [String] {
                    guard let sheet else { return [] }
                    switch field {
                    case "rationale": return [sheet.rationale]
                    case "objectives": return sheet.objectives
                    case "targetGroup": return [sheet.targetGroup]
                    case "method": return sheet.method.map(\.text)
                    case "period": return [sheet.period]
                    case "budget": return [sheet.budgetText]
                    case "responsible": return [sheet.responsible]
                    case "results": return sheet.outputs + sheet.outcomes
                    case "area": return sheet.area.map { [$0] } ?? []
                    default: return []
                    }
                }
                func sheetOf(_ index: Int) -> ProjectSheet? { result.sheets[index].itemID.flatMap { itemsByID[$0]?.sheet } }
                let found = result.sheets.indices.reduce(0) { count, index in
                    count + scoredFields.filter { field in texts(sheetOf(index), field).contains { !key($0).isEmpty } }.count
                }
                var expectedCount = 0, correct = 0
                let pairOf = Dictionary(uniqueKeysWithValues: pairs.map { ($0.left, $0.right) })
                for (index, sheet) in sheets.enumerated() {
                    for (field, want) in sheet.fields {
                        expectedCount += 1
                        guard let right = pairOf[index] else { continue }
                        let got = texts(sheetOf(right), field).map(key).filter { !$0.isEmpty }
                        let wanted = want.map(key).filter { !$0.isEmpty }
                        if got.count == wanted.count, zip(got, wanted).allSatisfy({ $0 == $1 || NameMatcher.similarity($0, $1) >= 0.85 }) { correct += 1 }
                    }
                }
                scores.append(FieldScore(field: "sheet fields", found: found, expected: expectedCount, correct: correct))
            }
        }
        if let findings = expected.statedTotalFindings {
            let reported = result.findings.filter { statedTotalCodes.contains($0.code) }
            var used = Set<Int>()
            var correct = 0
            for want in findings {
                if let match = reported.indices.first(where: { !used.contains($0) && reported[$0].code == want.code && (want.line == nil || reported[$0].line == want.line) }) {
                    used.insert(match)
                    correct += 1
                }
            }
            scores.append(FieldScore(field: "stated-total findings", found: reported.count, expected: findings.count, correct: correct))
        }
        // Missions beyond the catalog: each one the document does not have is invented.
        let custom = result.plan.dimensions.flatMap(\.missions).filter(\.isCustom)
        let wanted = (expected.customMissions ?? []).map(key)
        let customPairs = NameMatcher.assign(left: wanted, right: custom.map { key($0.name) }, threshold: 0.85)
        scores.append(FieldScore(field: "missions beyond the catalog", found: custom.count, expected: wanted.count, correct: customPairs.count))
        // Every sheet on at most one item.
        let placed = result.sheets.compactMap(\.itemID)
        let counts = Dictionary(placed.map { ($0, 1) }, uniquingKeysWith: +)
        scores.append(FieldScore(field: "sheets on one item each", found: placed.count, expected: placed.count,
                                 correct: placed.filter { counts[$0] == 1 }.count))
        if let lines = result.lineCount, let unplaced = result.unplacedLineCount {
            scores.append(FieldScore(field: "placed lines", found: lines, expected: lines, correct: max(0, lines - unplaced)))
        }
        return scores
    }

    /// What `sujarit import --expect EXPECTED.json FILE` prints for one document: the scores as
    /// a table, or as JSON.
    public static func report(_ result: ImportResult, expected: Expected, json: Bool) throws -> String {
        let scores = score(result, expected: expected)
        guard json else { return render(scores) }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(scores), as: UTF8.self)
    }

    /// The scores as a table, one field a line.
    public static func render(_ scores: [FieldScore]) -> String {
        let width = max(24, (scores.map(\.field.count).max() ?? 0) + 2)
        func pad(_ text: String, _ length: Int) -> String { text + String(repeating: " ", count: max(0, length - text.count)) }
        func percent(_ value: Double) -> String { String(format: "%5.1f %%", value * 100) }
        var lines = [pad("field", width) + "precision   recall   found  expected  correct"]
        for score in scores {
            lines.append(pad(score.field, width) + pad(percent(score.precision), 12) + pad(percent(score.recall), 9)
                         + pad(String(score.found), 7) + pad(String(score.expected), 10) + String(score.correct))
        }
        return lines.joined(separator: "\n")
    }
}
