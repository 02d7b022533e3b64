import Foundation
import XCTest
import SujaritCore
@testable import SujaritExport

final class ComplaintReceiptSlipTests: XCTestCase {
    func testSlipCarriesCodeAddressWarningOnA5() throws {
        let slip = ComplaintReceiptSlip(organizationName: "องค์การบริหารส่วนตำบลบ้านโป่ง", groupedCode: "1234 5678 9012 3456 7890",
                                        trackingAddress: "https://banpong.example/o/ban-pong/report/track",
                                        receivedOn: CalendarDay(year: 2025, month: 1, day: 6), dueOn: CalendarDay(year: 2025, month: 1, day: 21))
        let package = try OpenedPackage(slip.docx())
        XCTAssertEqual(package.malformedParts(), [])
        let texts = try package.elements("t", in: "word/document.xml").map(\.text).joined()
        for expected in ["1234 5678 9012 3456 7890", "https://banpong.example/o/ban-pong/report/track", ComplaintReceiptSlip.warning,
                         "องค์การบริหารส่วนตำบลบ้านโป่ง", "6 มกราคม 2568", "21 มกราคม 2568"] {
            XCTAssertTrue(texts.contains(expected), "\(expected) in \(texts)")
        }
        let size = try XCTUnwrap(package.elements("pgSz", in: "word/document.xml").last)
        XCTAssertEqual(size.attributes["w:w"] ?? size.attributes["w"], "8391", "A5 width")
        XCTAssertEqual(size.attributes["w:h"] ?? size.attributes["h"], "11906", "A5 height")
        XCTAssertFalse(try package.text("docProps/core.xml").contains("2025"), "no creation moment that dates the report")

        var thai = slip
        thai.digits = .thai
        let thaiTexts = try OpenedPackage(thai.docx()).elements("t", in: "word/document.xml").map(\.text).joined()
        XCTAssertTrue(thaiTexts.contains("๑๒๓๔ ๕๖๗๘ ๙๐๑๒ ๓๔๕๖ ๗๘๙๐"), thaiTexts)
    }
}
