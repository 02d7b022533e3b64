import SujaritCore
import XCTest

final class ThaiDigitsTests: XCTestCase {
    func testAllTenDigitsBothWays() {
        let thai = Array("๐๑๒๓๔๕๖๗๘๙")
        let arabic = Array("0123456789")
        for index in 0..<10 {
            XCTAssertEqual(ThaiDigits.toArabic(String(thai[index])), String(arabic[index]))
            XCTAssertEqual(ThaiDigits.toThai(String(arabic[index])), String(thai[index]))
        }
    }

    func testMixedTextChangesOnlyDigits() {
        let text = "ลำดับที่ ๑๒ ปีงบประมาณ 2568 (No Gift) ๒๐,๐๐๐ บาท"
        XCTAssertEqual(ThaiDigits.toArabic(text), "ลำดับที่ 12 ปีงบประมาณ 2568 (No Gift) 20,000 บาท")
        XCTAssertEqual(ThaiDigits.toThai(text), "ลำดับที่ ๑๒ ปีงบประมาณ ๒๕๖๘ (No Gift) ๒๐,๐๐๐ บาท")
        XCTAssertEqual(ThaiDigits.toArabic("ไม่ใช้งบประมาณ"), "ไม่ใช้งบประมาณ")
        XCTAssertEqual(ThaiDigits.toThai(""), "")
    }

    func testCharactersNextToTheDigitRangesAreKept() {
        // ๏ (U+0E4F) and ๚ (U+0E5A) sit just outside ๐–๙; "/" and ":" just outside 0–9.
        XCTAssertEqual(ThaiDigits.toArabic("๏๚๛"), "๏๚๛")
        XCTAssertEqual(ThaiDigits.toThai("/:"), "/:")
    }

    func testRoundTrips() {
        for text in ["1,234,567.89", "ปี 2566 – 2570", "ร้อยละ 80 ของ 120 คน"] {
            XCTAssertEqual(ThaiDigits.toArabic(ThaiDigits.toThai(text)), text)
            XCTAssertFalse(ThaiDigits.containsThaiDigit(text))
            XCTAssertTrue(ThaiDigits.containsThaiDigit(ThaiDigits.toThai(text)))
        }
        XCTAssertEqual(ThaiDigits.apply(.thai, to: "2568"), "๒๕๖๘")
        XCTAssertEqual(ThaiDigits.apply(.arabic, to: "๒๕๖๘"), "2568")
    }
}
