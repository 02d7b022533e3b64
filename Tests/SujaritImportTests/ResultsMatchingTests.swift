import Foundation
import SujaritCore
@testable import SujaritImport
import XCTest

/// A results document's rows matched to the records of a round by name (`ResultsMatching`):
/// seed 002 against a plan of the same measures written differently by another organization,
/// and results documents in other layouts (Word with other columns, plain text).
final class ResultsMatchingTests: XCTestCase {
    static func record(_ name: String, number: Int) -> MonitoringRecord {
        MonitoringRecord(itemLineageID: UUID(), itemID: UUID(), itemNumber: number, itemName: name, itemKind: .measure,
                         missionCode: "1.1", responsibleUnit: "", plannedBudget: nil, indicators: [])
    }

    func testSeed002RowsMatchThePlanItemsTheyReportOn() throws {
        let result = try DocumentImporter.importDocument(try Seeds.data("002"), fileName: "002.txt")
        let rows = result.monitoringRows
        XCTAssertEqual(rows.count, 17)
        // The plan names the same measures its own way: another organization's name, no quotes,
        // other spacing, other numbers; two of the document's measures are not in it, and it has
        // two items the document does not report.
        let documentName = "องค์การบริหารส่วนตำบลบ้านผือ", planName = "เทศบาลตำบลหนองสุจริต"
        var records: [MonitoringRecord] = []
        var expected: [Int: UUID] = [:]
        for (index, row) in rows.enumerated() where index != 3 && index != 10 {
            let name = row.measure.replacingOccurrences(of: documentName, with: planName)
                .replacingOccurrences(of: "“", with: "").replacingOccurrences(of: "”", with: "")
                .replacingOccurrences(of: " ", with: index % 2 == 0 ? "" : "  ")
            let record = Self.record(name, number: 40 - index)
            records.append(record)
            expected[index] = record.itemLineageID
        }
        records.append(Self.record("โครงการปลูกต้นไม้เฉลิมพระเกียรติ", number: 1))
        records.append(Self.record("กิจกรรมเผยแพร่ประชาสัมพันธ์ช่องทางร้องเรียน", number: 2))
        let matches = ResultsMatching.match(rows, to: records.shuffled(), documentOrganization: documentName, planOrganization: planName)
        XCTAssertEqual(Dictionary(uniqueKeysWithValues: matches.map { ($0.row, $0.lineageID) }), expected)
        XCTAssertTrue(matches.allSatisfy { $0.score >= ResultsMatching.threshold })
        XCTAssertFalse(matches.contains { $0.row == 3 || $0.row == 10 }, "rows without their item stay for the officer")
        // What a matched row says of its item.
        let reported = ResultsMatching.result(of: rows[16], index: 16)
        XCTAssertEqual(reported.steps.count, 5)
        XCTAssertEqual(reported.period, "ไตรมาสที่ ๑")
        XCTAssertTrue(reported.source.contains("17"))
    }

    /// Word, in another layout: a number column, the results before the period, other headings.
    func testAResultsReportInWordWithOtherColumns() throws {
        func cell(_ text: String, _ line: Int) -> TableCell { TableCell(lines: text.split(separator: "\n").map(String.init), line: line) }
        let header = ["ลำดับ", "ชื่อโครงการ/กิจกรรม", "ผลผลิต", "ผลลัพธ์", "ระยะเวลาดำเนินการ", "หน่วยงานที่รับผิดชอบ", "วิธีดำเนินการ"]
        let body = [
            ["1", "โครงการอบรมคุณธรรมจริยธรรมแก่พนักงาน", "พนักงานเข้าอบรม 45 คน", "ผู้เข้าอบรมพึงพอใจ ร้อยละ 88", "มกราคม 2568", "สำนักปลัด", "จัดอบรม\nประเมินผล"],
            ["2", "มาตรการเผยแพร่ข้อมูลการจัดซื้อจัดจ้าง", "เผยแพร่ครบ 12 เดือน", "ไม่มีข้อร้องเรียน", "ตลอดปี", "กองคลัง", "ประกาศทางเว็บไซต์"],
            ["3", "กิจกรรมที่แผนไม่มี", "-", "-", "-", "-", "-"],
        ]
        let table = DocumentTable(rows: [TableRow(cells: header.enumerated().map { cell($0.element, 2) }, line: 2)]
            + body.enumerated().map { index, values in TableRow(cells: values.map { cell($0, 3 + index) }, line: 3 + index) }, line: 2)
        let blocks: [DocumentBlock] = [
            .paragraph(TextBlock(text: "รายงานผลการดำเนินงานตามแผนปฏิบัติการป้องกันการทุจริต ประจำปีงบประมาณ พ.ศ. 2568", line: 1)),
            .table(table),
        ]
        let data = try FixtureWriter.docx(blocks)
        let result = try DocumentImporter.importDocument(data, fileName: "results.docx")
        XCTAssertEqual(result.documentKind, .resultsReport)
        let rows = result.monitoringRows
        XCTAssertEqual(rows.count, 3)
        XCTAssertEqual(rows[0].output, "พนักงานเข้าอบรม 45 คน")
        XCTAssertEqual(rows[0].outcome, "ผู้เข้าอบรมพึงพอใจ ร้อยละ 88")
        XCTAssertEqual(rows[0].steps, ["จัดอบรม", "ประเมินผล"])
        XCTAssertEqual(rows[1].responsible, "กองคลัง")
        let training = Self.record("อบรมคุณธรรมจริยธรรมแก่พนักงานส่วนตำบล", number: 4)
        let procurement = Self.record("มาตรการเผยแพร่ข้อมูลการจัดซื้อจัดจ้างประจำปี", number: 9)
        let unrelated = Self.record("โครงการสภาเด็กและเยาวชน", number: 5)
        let matches = ResultsMatching.match(rows, to: [unrelated, procurement, training], documentOrganization: "", planOrganization: "")
        XCTAssertEqual(matches.map(\.row), [0, 1])
        XCTAssertEqual(matches.map(\.lineageID), [training.itemLineageID, procurement.itemLineageID])
    }

    /// Plain text, four columns separated by tabs, Thai digits in the numbers.
    func testAResultsReportAsTextWithFourColumns() throws {
        let text = """
        รายงานผลการดำเนินการ ประจำปี พ.ศ. ๒๕๖๘
        มาตรการ/โครงการ\tวิธีดำเนินการ\tผลการดำเนินการ\tผลลัพธ์
        ๑. มาตรการจัดทำคู่มือการปฏิบัติงาน\tจัดทำคู่มือ ๓ เล่ม\tมีคู่มือ ๓ เล่ม\tลดขั้นตอนการให้บริการ
        ๒. โครงการสำรวจความพึงพอใจผู้รับบริการ\tสำรวจ ๔๐๐ คน\tผู้ตอบแบบสำรวจ ๔๐๐ คน\tพึงพอใจร้อยละ ๙๑
        """
        let result = try DocumentImporter.importDocument(Data(text.utf8), fileName: "results.txt")
        let rows = result.monitoringRows
        XCTAssertEqual(rows.map(\.number), [1, 2])
        XCTAssertEqual(rows[1].outcome, "พึงพอใจร้อยละ ๙๑")
        let survey = Self.record("โครงการสำรวจความพึงพอใจของผู้รับบริการ", number: 1)
        let manual = Self.record("มาตรการจัดทำคู่มือการปฏิบัติงานของพนักงาน", number: 2)
        let matches = ResultsMatching.match(rows, to: [survey, manual], documentOrganization: "", planOrganization: "")
        XCTAssertEqual(Dictionary(uniqueKeysWithValues: matches.map { ($0.row, $0.lineageID) }), [0: manual.itemLineageID, 1: survey.itemLineageID])
    }
}
