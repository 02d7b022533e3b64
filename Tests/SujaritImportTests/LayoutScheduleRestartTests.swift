import Foundation
import SujaritCore
@testable import SujaritImport
import XCTest

/// `pdftotext -layout` text of a month schedule whose table goes on after a page break in
/// narrower columns, its header printed again at the new widths: the rows under that header
/// are cut by its columns, not the first header's (where a budget falls in the target column).
final class LayoutScheduleRestartTests: XCTestCase {
    static let months = ["ต.ค.", "พ.ย.", "ธ.ค.", "ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.", "ก.ค.", "ส.ค.", "ก.ย."]

    /// Cells set at their positions (in code points, as pdftotext counts them), at least three spaces apart.
    static func line(_ cells: [(Int, String)]) -> String {
        var out = ""
        for (position, text) in cells {
            let length = out.unicodeScalars.count
            out += String(repeating: " ", count: max(position - length, length == 0 ? position : 3)) + text
        }
        return out
    }

    struct Layout {
        var starts: [Int]  // ที่, name, objective, target, budget, first month, responsible
        var pitch: Int
        func header() -> String {
            Self.cells(starts, ["ที่", "โครงการ/กิจกรรม", "วัตถุประสงค์", "เป้าหมาย", "งบประมาณ"], months: LayoutScheduleRestartTests.months, pitch: pitch, last: "ผู้รับผิดชอบ")
        }
        func item(_ number: Int, _ name: String, _ objective: String, _ target: String, _ budget: String, month: Int) -> String {
            var marks = Array(repeating: "", count: 12)
            marks[month] = "✓"
            return Self.cells(starts, ["\(number)", name, objective, target, budget], months: marks, pitch: pitch, last: "สำนักปลัด")
        }
        func mission(_ text: String) -> String { LayoutScheduleRestartTests.line([(starts[1], text)]) }
        static func cells(_ starts: [Int], _ texts: [String], months: [String], pitch: Int, last: String) -> String {
            var cells = zip(starts, texts).map { ($0, $1) }
            for (index, month) in months.enumerated() where !month.isEmpty { cells.append((starts[5] + index * pitch + (month == "✓" ? 1 : 0), month)) }
            cells.append((starts[6], last))
            return LayoutScheduleRestartTests.line(cells)
        }
    }

    func testRowsUnderANarrowerRepeatedHeaderKeepTheirBudgets() throws {
        let wide = Layout(starts: [0, 6, 42, 64, 80, 94, 170], pitch: 6)
        let narrow = Layout(starts: [0, 5, 37, 58, 72, 82, 157], pitch: 6)
        var lines = ["แผนป้องกันปราบปรามการทุจริตและประพฤติมิชอบ", "ประจำปีงบประมาณ พ.ศ. 2563", "องค์การบริหารส่วนตำบลทดสอบ",
                     "มิติที่ 1 การสร้างสังคมที่ไม่ทนต่อการทุจริต", wide.header(), "",
                     wide.mission("1.1 การสร้างจิตสำนึกและความตระหนักแก่บุคลากรทั้งข้าราชการการเมืองฝ่ายบริหาร"),
                     wide.item(1, "โครงการอบรมคุณธรรมจริยธรรม", "เพื่อให้มีคุณธรรม", "40 คน", "20,000", month: 0),
                     wide.item(2, "กิจกรรมส่งเสริมจริยธรรม", "เพื่อให้ปฏิบัติตาม", "ทุกคน", "-", month: 3),
                     wide.item(3, "กิจกรรมโตไปไม่โกง", "เพื่อปลูกฝังเด็ก", "60 คน", "5,000", month: 6)]
        lines.append("\u{0C}" + narrow.header())
        lines += ["", narrow.mission("1.2 การสร้างจิตสำนึกและความตระหนักแก่ประชาชนทุกภาคส่วนในท้องถิ่น"),
                  narrow.item(4, "โครงการรณรงค์ต่อต้านการทุจริต", "เพื่อสร้างจิตสำนึก", "1 ครั้ง", "8,000", month: 2),
                  narrow.item(5, "กิจกรรมเผยแพร่ความรู้", "เพื่อให้ประชาชนรู้", "ทุกหมู่บ้าน", "-", month: 5),
                  narrow.item(6, "โครงการอบรมผู้นำชุมชน", "เพื่อเพิ่มความรู้", "30 คน", "12,000", month: 8)]
        let text = lines.joined(separator: "\n") + "\n"
        let result = try DocumentImporter.importDocument(Data(text.utf8), fileName: "plan-layout.txt")
        let items = result.plan.orderedItems
        XCTAssertEqual(items.count, 6, items.map(\.name).description)
        XCTAssertEqual(items.map(\.missionCode), ["1.1", "1.1", "1.1", "1.2", "1.2", "1.2"])
        XCTAssertEqual(items.map { $0.budgets[FiscalYear(2563)]?.countedAmount ?? .zero }, [20_000, 0, 5_000, 8_000, 0, 12_000].map { Money(baht: $0) })
        // Months before มี.ค. only: this text's month names on one line are no header pdftotext writes.
        XCTAssertEqual(items.map { result.months(of: $0) }.enumerated().filter { [0, 1, 3].contains($0.offset) }.map(\.element), [[10], [1], [12]])
    }
}
