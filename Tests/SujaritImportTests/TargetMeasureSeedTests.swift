import Foundation
import SujaritCore
@testable import SujaritImport
import XCTest

/// The target reader on every output and outcome line of the real plans: a line that writes a
/// number with a unit or "ร้อยละ" is read, with that number; a line without one is left as text;
/// nothing crashes and no year or list number is taken for a target.
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
    }
}
