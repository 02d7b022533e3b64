import Foundation
import SujaritCore
@testable import SujaritImport
import XCTest

/// The target reader on every output and outcome line of the real plans: a line that writes a
/// number with a unit or "ร้อยละ" is read, with that number, the comparator its words state and
/// that unit; a line without one is left as text; nothing crashes and no year or list number is
/// taken for a target. (Seeds: `SUJARIT_SEEDS`, or `shared/seeds` beside the repository; skipped
/// when absent.)
final class TargetMeasureSeedTests: XCTestCase {
    func lines(_ prefix: String) throws -> [String] {
        let data = try Seeds.data(prefix)
        let result = try DocumentImporter.importDocument(data, fileName: "\(prefix).txt")
        var lines = result.plan.items.flatMap { ($0.sheet?.outputs ?? []) + ($0.sheet?.outcomes ?? []) }
        lines += result.monitoringRows.flatMap { [$0.output, $0.outcome] }
        return lines.filter { !$0.isEmpty }
    }

    func testEveryOutputAndOutcomeLineOfTheSeeds() throws {
        var total = 0
        var measured = 0
        var comparators: [TargetMeasure.Comparator: Int] = [:]
        var units: Set<String> = []
        for prefix in ["000", "001", "002"] {
            let lines = try lines(prefix)
            XCTAssertFalse(lines.isEmpty, "seed \(prefix) has output/outcome lines")
            for line in lines {
                total += 1
                let arabic = ThaiDigits.toArabic(line)
                // A number written as a percentage or followed by a counted word is a target.
                let stated = arabic.range(of: #"(ร้อยละ\s*[0-9]+|[0-9]+\s*(%|คน|ช่องทาง|ครั้ง|เรื่อง|คะแนน|วัน|หมู่บ้าน|แห่ง))"#, options: .regularExpression)
                let measure = TargetMeasure.parse(line)
                if let stated {
                    let measureValue = try XCTUnwrap(measure, "seed \(prefix): “\(line)” states a target")
                    let number = String(arabic[stated].filter { $0.isASCII && $0.isNumber })
                    XCTAssertEqual(NSDecimalNumber(decimal: measureValue.value).stringValue, number, "seed \(prefix): “\(line)”")
                    // The unit: ร้อยละ (or %) for a percentage, else the counted word after the number.
                    let written = String(arabic[stated])
                    let unit = written.hasPrefix("ร้อยละ") || written.hasSuffix("%")
                        ? "ร้อยละ" : written.filter { !($0.isASCII && ($0.isNumber || $0 == " ")) }
                    XCTAssertEqual(measureValue.unit, unit, "seed \(prefix): unit of “\(line)”")
                    // The comparator: the words just before the number (or before its ร้อยละ).
                    var lead = String(arabic[..<stated.lowerBound]).replacingOccurrences(of: " ", with: "")
                    if lead.hasSuffix("จำนวน") { lead = String(lead.dropLast("จำนวน".count)) }
                    let expected: TargetMeasure.Comparator = Self.comparatorWords.first { lead.hasSuffix($0.0) }?.1 ?? .atLeast
                    XCTAssertEqual(measureValue.comparator, expected, "seed \(prefix): comparator of “\(line)”")
                    comparators[measureValue.comparator, default: 0] += 1
                    units.insert(measureValue.unit)
                    measured += 1
                }
                if let measure, !(measure.value >= 0) { XCTFail("negative value from “\(line)”") }
                if let measure, measure.value >= 2500, measure.value <= 2700, measure.unit.isEmpty {
                    XCTFail("a year read as a target in “\(line)”")
                }
            }
        }
        XCTAssertGreaterThan(total, 50, "the seeds have many output/outcome lines")
        XCTAssertGreaterThan(measured, 5, "and some state a measurable target")
        // The seeds write "ไม่น้อยกว่า/ไม่ต่ำกว่า/อย่างน้อย …" or a bare level: all "at least", in
        // percentages and in counted words.
        XCTAssertEqual(Set(comparators.keys), [.atLeast])
        XCTAssertTrue(units.isSuperset(of: ["ร้อยละ", "ช่องทาง", "ครั้ง", "คะแนน", "เรื่อง"]), "\(units.sorted())")
    }

    /// Comparator words as an officer writes them, longest first (independent of the parser's table).
    static let comparatorWords: [(String, TargetMeasure.Comparator)] = [
        ("ไม่น้อยกว่า", .atLeast), ("ไม่ต่ำกว่า", .atLeast), ("อย่างน้อย", .atLeast),
        ("ไม่เกินกว่า", .atMost), ("ไม่มากกว่า", .atMost), ("ไม่เกิน", .atMost), ("≤", .atMost),
        ("มากกว่า", .moreThan), ("เกินกว่า", .moreThan), ("สูงกว่า", .moreThan), (">", .moreThan),
        ("น้อยกว่า", .lessThan), ("ต่ำกว่า", .lessThan), ("<", .lessThan),
    ]
}
