import Foundation
import SujaritCore
@testable import SujaritImport
import XCTest

/// Behaviour of the importer that no seed or unseen document exercised on its own: the repair
/// of PDF damage word by word, month schedules drawn as arrows over merged cells, a mission
/// and its sub-mission in one cell, and the diagnosis of a mission missing from the table.
final class ImporterBehaviourTests: XCTestCase {
    // MARK: - TextRepair

    func repaired(_ text: String) -> (String, TextRepair.Report) { TextRepair.repair(text) }

    func testSaraAmInTwoPartsIsJoined() {
        let (text, report) = repaired("ดําเนินการ จํานวน ๕ คน")
        XCTAssertEqual(text, "ดำเนินการ จำนวน ๕ คน")
        XCTAssertEqual(report.decomposedSaraAm, 2)
        XCTAssertEqual(TextRepair.findings(report).map(\.code), ["text.pdfDamage"])
    }

    /// Sara am lost from the whole of a long text: only the known words get it back; a short text
    /// (which may just have no sara am) is left alone.
    func testSaraAmDroppedIsRestoredInKnownWordsOnly() {
        let filler = String(repeating: "การป้องกันการทุจริตในองค์กรปกครองส่วนท้องถิ่น ", count: 120)
        let (text, report) = repaired(filler + "\nลดับที่ 1\nจนวน 20 คน\nคน\nกนก")
        XCTAssertTrue(text.contains("ลำดับที่ 1"))
        XCTAssertTrue(text.contains("จำนวน 20 คน"))
        XCTAssertTrue(text.contains("\nคำนำ\n"), "a heading of its own")
        XCTAssertTrue(text.hasSuffix("กนก"), "an unknown word is not touched")
        XCTAssertGreaterThanOrEqual(report.restoredSaraAm, 3)
        XCTAssertEqual(repaired("ลดับที่ 1").0, "ลดับที่ 1", "a short text keeps what it has")
    }

    func testSpacesBeforeVowelsAndToneMarksGo() {
        XCTAssertEqual(repaired("ท ี่ตั้ง สำน ักงาน").0, "ที่ตั้ง สำนักงาน")
        XCTAssertEqual(repaired("กิจกรรม ก ิจกรรม").0, "กิจกรรม กิจกรรม")
        // After mai han-akat and mai taikhu a consonant must follow: the space is damage.
        XCTAssertEqual(repaired("รับฟั งความคิดเห็น เป็ นลายลักษณ์").0, "รับฟังความคิดเห็น เป็นลายลักษณ์")
        // A space after other vowels may be the writer's: "มิติ ภารกิจ" stays.
        XCTAssertEqual(repaired("มิติ ภารกิจ ปี 2566").0, "มิติ ภารกิจ ปี 2566")
        // The tone mark drawn after the final consonant goes back: "ทัง้" → "ทั้ง".
        XCTAssertEqual(repaired("รวมทัง้สิ้น").0, "รวมทั้งสิ้น")
    }

    /// `ป้` read as `ปู` is undone only in words whose damaged form is no Thai word; "ปู" the
    /// crab, "ปูพื้น" (to pave) stay.
    func testPoReadAsPuOnlyWhereADictionaryWordSaysSo() {
        XCTAssertEqual(repaired("มาตรการปูองกันการทุจริต").0, "มาตรการป้องกันการทุจริต")
        XCTAssertEqual(repaired("มาตรการปู องกันการทุจริต").0, "มาตรการป้องกันการทุจริต")
        XCTAssertEqual(repaired("กลุ่มเปู าหมาย จำนวน 80 คน").0, "กลุ่มเป้าหมาย จำนวน 80 คน")
        XCTAssertEqual(repaired("แผนปูองปรามการทุจริต").0, "แผนป้องปรามการทุจริต")
        let untouched = "โครงการปูพื้นทางเดินและเลี้ยงปูนา"
        XCTAssertEqual(repaired(untouched).0, untouched)
        XCTAssertEqual(repaired(untouched).1.restoredLetters, 0)
    }

    // MARK: - Month schedules

    /// A one-year plan of the older cycle whose months are drawn as an arrow over a merged cell
    /// (colspan): the item runs in every month the arrow covers; a mark in one cell is one month.
    func testArrowsOverMergedMonthsMarkEachMonth() throws {
        let months = ["ต.ค.", "พ.ย.", "ธ.ค.", "ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.", "ก.ค.", "ส.ค.", "ก.ย."]
        let html = """
        <html><body><p>แผนป้องกันปราบปรามการทุจริตและประพฤติมิชอบ</p><p>ประจำปีงบประมาณ พ.ศ. 2563</p>
        <p>องค์การบริหารส่วนตำบลทดสอบ</p>
        <table>
        <tr><th>ที่</th><th>โครงการ/กิจกรรม/มาตรการ</th><th>งบประมาณ</th>\(months.map { "<th>\($0)</th>" }.joined())</tr>
        <tr><td></td><td>1. การสร้างสังคมที่ไม่ทนต่อการทุจริต</td><td></td>\(String(repeating: "<td></td>", count: 12))</tr>
        <tr><td>1</td><td>โครงการอบรมคุณธรรมจริยธรรม</td><td>20,000</td><td colspan="3">←――――→</td>\(String(repeating: "<td></td>", count: 9))</tr>
        <tr><td>2</td><td>กิจกรรมประกาศเจตจำนงสุจริต</td><td>-</td>\(String(repeating: "<td></td>", count: 5))<td>✓</td>\(String(repeating: "<td></td>", count: 6))</tr>
        <tr><td>3</td><td>มาตรการเผยแพร่ข้อมูลข่าวสาร</td><td>-</td>\(String(repeating: "<td></td>", count: 6))<td colspan="6">◄─────────►</td></tr>
        </table></body></html>
        """
        let result = try DocumentImporter.importDocument(Data(html.utf8), fileName: "plan-2563.html")
        let items = result.plan.orderedItems
        XCTAssertEqual(items.map(\.name), ["โครงการอบรมคุณธรรมจริยธรรม", "กิจกรรมประกาศเจตจำนงสุจริต", "มาตรการเผยแพร่ข้อมูลข่าวสาร"])
        XCTAssertEqual(items.map { Set(result.months(of: $0)) }, [[10, 11, 12], [3], [4, 5, 6, 7, 8, 9]])
    }

    // MARK: - Missions

    /// A mission and its sub-mission in one cell (two paragraphs): the item hangs on the
    /// sub-mission, under the mission; nothing is made up from the sub-mission's words.
    func testMissionAndSubMissionInOneCell() throws {
        let html = """
        <html><body><p>แผนปฏิบัติการป้องกันการทุจริต (พ.ศ. 2566 – 2570)</p><p>เทศบาลตำบลทดสอบ</p><p>ส่วนที่ 2</p>
        <table>
        <tr><th>มิติ</th><th>ภารกิจตามมิติ</th><th>โครงการ/กิจกรรม/มาตรการ</th><th>2566</th><th>2567</th><th>2568</th><th>2569</th><th>2570</th><th>หมายเหตุ</th></tr>
        <tr><td>2. การบริหารราชการด้วยความโปร่งใส</td><td><p>2.2 มาตรการส่งเสริมคุณธรรมและความโปร่งใส</p><p>2.2.1 แสดงเจตจำนงทางการเมืองในการต่อต้านการทุจริตของผู้บริหาร</p></td>
            <td>1) กิจกรรมประกาศเจตจำนงต่อต้านการทุจริตของผู้บริหาร</td><td>-</td><td>-</td><td>-</td><td>-</td><td>-</td><td></td></tr>
        <tr><td></td><td>2.2.2 มาตรการสร้างความโปร่งใสในการบริหารบุคคล 2.3 มาตรการลดการใช้ดุลพินิจ</td>
            <td>2) มาตรการออกคำสั่งมอบหมายงาน</td><td>-</td><td>-</td><td>-</td><td>-</td><td>-</td><td></td></tr>
        </table></body></html>
        """
        let result = try DocumentImporter.importDocument(Data(html.utf8), fileName: "plan.html")
        let items = result.plan.orderedItems
        XCTAssertEqual(items.count, 2)
        XCTAssertEqual(items.first?.missionCode, "2.2")
        XCTAssertEqual(items.first?.subMissionCode, "2.2.1")
        XCTAssertEqual(items.first?.dimensionNumber, 2)
        XCTAssertTrue(result.plan.dimensions.flatMap(\.missions).filter(\.isCustom).isEmpty, "no mission made up")
        let mission = result.plan.dimensions.flatMap(\.missions).first { $0.code == "2.2" }
        XCTAssertEqual(mission?.subMissions.first?.code, "2.2.1")
    }

    /// A mission whose rows were lost from the Part 2 table while its project sheet is there:
    /// the item comes from the sheet, and the diagnosis names the mission the table lacks.
    func testAMissionMissingFromTheTableIsNamed() throws {
        var lines = SyntheticPlanDocument.text(itemCount: 8).components(separatedBy: "\n")
        let original = try DocumentImporter.importDocument(Data(lines.joined(separator: "\n").utf8), fileName: "plan.txt")
        // The row of mission 1.2 (nine cells: the empty dimension cell to the empty remarks cell).
        let mission = try XCTUnwrap(lines.firstIndex { $0.hasPrefix("\t1.2 ") })
        let next = try XCTUnwrap(lines.firstIndex { $0.hasPrefix("\t1.3 ") })
        let start = try XCTUnwrap(lines[..<mission].lastIndex { !$0.isEmpty })
        let end = try XCTUnwrap(lines[..<next].lastIndex { !$0.isEmpty })
        let removed = lines[start..<end].filter { !$0.isEmpty }
        XCTAssertEqual(removed.count, 9, "\(removed)")
        lines.removeSubrange(start..<end)
        let result = try DocumentImporter.importDocument(Data(lines.joined(separator: "\n").utf8), fileName: "plan.txt")
        let missing = result.findings(code: "table.mission.missing")
        XCTAssertEqual(missing.count, 1, "\(result.findings.map(\.message.en))")
        XCTAssertTrue(missing.first?.message.en.contains("1.2") == true, missing.first?.message.en ?? "")
        // The same items as before, the one of mission 1.2 rebuilt from its sheet.
        XCTAssertEqual(result.plan.orderedItems.map(\.name), original.plan.orderedItems.map(\.name))
        XCTAssertEqual(result.plan.orderedItems.map(\.missionCode), original.plan.orderedItems.map(\.missionCode))
    }
}
