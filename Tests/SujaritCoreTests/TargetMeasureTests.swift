import Foundation
import SujaritCore
import XCTest

final class TargetMeasureTests: XCTestCase {
    func measure(_ text: String) -> String? { TargetMeasure.parse(text)?.description }

    func testReadsTheWaysPlansWriteATarget() {
        XCTAssertEqual(measure("ผู้เข้าร่วมโครงการมีความรู้ความเข้าใจ ไม่ต่ำกว่าร้อยละ 80"), "≥ ร้อยละ 80")
        XCTAssertEqual(measure("1) มีการเผยแพร่ประมวลจริยธรรม อย่างน้อย 3 ช่องทาง"), "≥ 3 ช่องทาง")
        XCTAssertEqual(measure("๑) มีจำนวนช่องทางการประชาสัมพันธ์ อย่างน้อย ๕ ช่องทาง"), "≥ 5 ช่องทาง")
        XCTAssertEqual(measure("ผู้เข้าร่วมอบรม จำนวน 60 คน"), "≥ 60 คน")
        XCTAssertEqual(measure("≥ 3 ช่องทาง"), "≥ 3 ช่องทาง")
        XCTAssertEqual(measure("การทุจริตลดลงร้อยละ 5"), "≥ ร้อยละ 5")
        XCTAssertEqual(measure("ระยะเวลาตอบเรื่องร้องเรียนไม่เกิน 15 วัน"), "≤ 15 วัน")
        XCTAssertEqual(measure("ความพึงพอใจมากกว่า 85%"), "> ร้อยละ 85")
        XCTAssertEqual(measure("เรื่องร้องเรียนน้อยกว่า 2 เรื่อง"), "< 2 เรื่อง")
        XCTAssertEqual(measure("จัดกิจกรรมไม่น้อยกว่า 1,200 คนขึ้นไป"), "≥ 1200 คน")
        XCTAssertEqual(measure("คะแนน ITA ไม่น้อยกว่า 85.5 คะแนน"), "≥ 85.5 คะแนน")
    }

    func testTextWithoutAMeasureStaysText() {
        XCTAssertNil(TargetMeasure.parse("ประชาชนมีความพึงพอใจต่อการให้บริการ"))
        XCTAssertNil(TargetMeasure.parse("ดำเนินการในปีงบประมาณ พ.ศ. 2566 – 2570"), "years are not targets")
        XCTAssertNil(TargetMeasure.parse("2) ผู้บริหารมีความรู้ตามระเบียบ"), "a list marker is not a target")
        XCTAssertNil(TargetMeasure.parse(""))
    }

    func testMetOrNotMet() throws {
        let atLeast = try XCTUnwrap(TargetMeasure.parse("ไม่ต่ำกว่าร้อยละ 80"))
        XCTAssertTrue(atLeast.isMet(by: 80))
        XCTAssertTrue(atLeast.isMet(by: 92.5))
        XCTAssertFalse(atLeast.isMet(by: 79.9))
        let atMost = try XCTUnwrap(TargetMeasure.parse("ไม่เกิน 15 วัน"))
        XCTAssertTrue(atMost.isMet(by: 15))
        XCTAssertFalse(atMost.isMet(by: 16))
        let fewer = try XCTUnwrap(TargetMeasure.parse("น้อยกว่า 2 เรื่อง"))
        XCTAssertTrue(fewer.isMet(by: 1))
        XCTAssertFalse(fewer.isMet(by: 2))
    }
}
