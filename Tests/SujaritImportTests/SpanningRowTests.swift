import Foundation
import SujaritCore
@testable import SujaritImport
import XCTest

/// Mission and dimension rows of a Word table written as one cell merged across the columns
/// (gridSpan), the "ที่" number column included or not: a heading row of the table, whatever
/// column it starts in. The Word file was refused as "no plan content" when the merged cell
/// covered the first column too.
final class SpanningRowTests: XCTestCase {
    static let months = ["ต.ค.", "พ.ย.", "ธ.ค.", "ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.", "ก.ค.", "ส.ค.", "ก.ย."]

    enum Span: CaseIterable { case everyColumn, allButFirst }

    static func cell(_ text: String?, _ line: Int, span: Int = 1) -> TableCell {
        TableCell(lines: text.map { [$0] } ?? [], line: line, columnSpan: span)
    }

    /// A heading row: one cell over the whole width, or an empty "ที่" cell and one cell over the rest.
    static func headingRow(_ text: String, width: Int, span: Span, line: Int) -> TableRow {
        switch span {
        case .everyColumn: TableRow(cells: [cell(text, line, span: width)], line: line)
        case .allButFirst: TableRow(cells: [cell(nil, line), cell(text, line, span: width - 1)], line: line)
        }
    }

    /// A one-year plan of the older cycle: items against the twelve months, one table per dimension.
    static func monthPlan(span: Span) -> [DocumentBlock] {
        var blocks: [DocumentBlock] = [
            .paragraph(TextBlock(text: "แผนป้องกันปราบปรามการทุจริตและประพฤติมิชอบ", line: 1)),
            .paragraph(TextBlock(text: "ประจำปีงบประมาณ พ.ศ. 2564", line: 2)),
            .paragraph(TextBlock(text: "เทศบาลตำบลทดสอบ อำเภอเมือง จังหวัดตัวอย่าง", line: 3)),
        ]
        let dimensions: [(Int, String, [(String, String, [(String, Int?, Set<Int>)])])] = [
            (1, "การสร้างสังคมที่ไม่ทนต่อการทุจริต", [
                ("1.1", "การสร้างจิตสำนึกและความตระหนักแก่บุคลากรทั้งข้าราชการการเมืองฝ่ายบริหาร", [
                    ("โครงการอบรมคุณธรรมจริยธรรมแก่ผู้บริหารและพนักงาน", 20_000, [0, 1, 2]),
                    ("กิจกรรมส่งเสริมการปฏิบัติงานตามประมวลจริยธรรม", nil, [4])]),
                ("1.2", "การสร้างจิตสำนึกและความตระหนักแก่ประชาชนทุกภาคส่วนในท้องถิ่น", [
                    ("โครงการปลูกต้นไม้เพื่อเพิ่มพื้นที่สีเขียว", 15_000, [6, 7, 8])]),
            ]),
            (2, "การบริหารราชการเพื่อป้องกันการทุจริต", [
                ("2.1", "แสดงเจตจำนงทางการเมืองในการต่อต้านการทุจริตของผู้บริหาร", [
                    ("กิจกรรมประกาศเจตจำนงต่อต้านการทุจริตของผู้บริหาร", nil, [0])]),
                ("2.2", "มาตรการสร้างความโปร่งใสในการปฏิบัติราชการ", [
                    ("มาตรการเผยแพร่ข้อมูลข่าวสารด้านการจัดซื้อจัดจ้าง", 5_000, [3, 4, 5, 6, 7, 8])]),
            ]),
        ]
        var line = 10
        var number = 0
        let width = 3 + 12 + 1
        for (dimension, name, missions) in dimensions {
            blocks.append(.paragraph(TextBlock(text: "มิติที่ \(dimension) \(name)", line: line)))
            line += 1
            var rows = [TableRow(cells: (["ที่", "โครงการ/กิจกรรม/มาตรการ", "งบประมาณ (บาท)"] + months + ["หน่วยงานรับผิดชอบ"]).map { cell($0, line) }, line: line)]
            for (code, missionName, items) in missions {
                line += 1
                rows.append(headingRow("\(code) \(missionName)", width: width, span: span, line: line))
                for (itemName, budget, marks) in items {
                    line += 1
                    number += 1
                    let budgetText = budget.map { Money(baht: Int64($0)).formatted() } ?? "-"
                    rows.append(TableRow(cells: [cell(String(number), line), cell(itemName, line), cell(budgetText, line)]
                        + (0..<12).map { cell(marks.contains($0) ? "✓" : nil, line) } + [cell("สำนักปลัด", line)], line: line))
                }
            }
            blocks.append(.table(DocumentTable(rows: rows, line: line)))
            line += 1
        }
        return blocks
    }

    /// A four-year plan of the older cycle: a budget column per year, a "ที่" column, the
    /// dimension and each mission a row of one merged cell.
    static func yearPlan(span: Span) -> [DocumentBlock] {
        var blocks: [DocumentBlock] = [
            .paragraph(TextBlock(text: "แผนปฏิบัติการป้องกันการทุจริต 4 ปี (พ.ศ. 2561 - 2564)", line: 1)),
            .paragraph(TextBlock(text: "องค์การบริหารส่วนตำบลทดสอบ อำเภอเมือง จังหวัดตัวอย่าง", line: 2)),
        ]
        let width = 2 + 4 + 1
        var line = 10
        var rows = [TableRow(cells: ["ที่", "โครงการ/กิจกรรม/มาตรการ", "ปี 2561 งบประมาณ (บาท)", "ปี 2562 งบประมาณ (บาท)", "ปี 2563 งบประมาณ (บาท)", "ปี 2564 งบประมาณ (บาท)", "หมายเหตุ"].map { cell($0, line) }, line: line)]
        let content: [(String, [(String, [(String, Int?)])])] = [
            ("1. การสร้างสังคมที่ไม่ทนต่อการทุจริต", [
                ("1.1 การสร้างจิตสำนึกและความตระหนักแก่บุคลากรทั้งข้าราชการการเมืองฝ่ายบริหาร", [
                    ("โครงการอบรมคุณธรรมจริยธรรมแก่ผู้บริหารและพนักงาน", 20_000), ("กิจกรรมส่งเสริมการปฏิบัติงานตามประมวลจริยธรรม", nil)]),
                ("1.2 การสร้างจิตสำนึกและความตระหนักแก่ประชาชนทุกภาคส่วนในท้องถิ่น", [("โครงการปลูกต้นไม้เพื่อเพิ่มพื้นที่สีเขียว", 15_000)]),
            ]),
            ("2. การบริหารราชการเพื่อป้องกันการทุจริต", [
                ("2.2 มาตรการสร้างความโปร่งใสในการปฏิบัติราชการ", [("มาตรการเผยแพร่ข้อมูลข่าวสารด้านการจัดซื้อจัดจ้าง", 5_000)]),
            ]),
        ]
        var number = 0
        for (dimension, missions) in content {
            line += 1
            rows.append(headingRow(dimension, width: width, span: span, line: line))
            for (mission, items) in missions {
                line += 1
                rows.append(headingRow(mission, width: width, span: span, line: line))
                for (name, budget) in items {
                    line += 1
                    number += 1
                    let text = budget.map { Money(baht: Int64($0)).formatted() } ?? "-"
                    rows.append(TableRow(cells: [cell("\(number)", line), cell(name, line)] + (0..<4).map { _ in cell(text, line) } + [cell(nil, line)], line: line))
                }
            }
        }
        blocks.append(.table(DocumentTable(rows: rows, line: 10)))
        return blocks
    }

    func imported(_ blocks: [DocumentBlock], _ span: Span) throws -> ImportResult {
        let docx = try FixtureWriter.docx(blocks)
        do {
            return try DocumentImporter.importDocument(docx, fileName: "plan.docx")
        } catch {
            XCTFail("\(span): \(error)")
            throw error
        }
    }

    func testMonthTableWithMissionRowsMergedAcrossTheNumberColumn() throws {
        for span in Span.allCases {
            guard let result = try? imported(Self.monthPlan(span: span), span) else { continue }
            let items = result.plan.orderedItems
            XCTAssertEqual(items.map(\.name), ["โครงการอบรมคุณธรรมจริยธรรมแก่ผู้บริหารและพนักงาน", "กิจกรรมส่งเสริมการปฏิบัติงานตามประมวลจริยธรรม",
                                               "โครงการปลูกต้นไม้เพื่อเพิ่มพื้นที่สีเขียว", "กิจกรรมประกาศเจตจำนงต่อต้านการทุจริตของผู้บริหาร",
                                               "มาตรการเผยแพร่ข้อมูลข่าวสารด้านการจัดซื้อจัดจ้าง"], "\(span)")
            XCTAssertEqual(items.map(\.dimensionNumber), [1, 1, 1, 2, 2], "\(span)")
            XCTAssertEqual(items.map(\.missionCode), ["1.1", "1.1", "1.2", "2.1", "2.2"], "\(span)")
            let year = FiscalYear(2564)
            XCTAssertEqual(items.map { $0.budgets[year]?.countedAmount ?? .zero }, [20_000, 0, 15_000, 0, 5_000].map { Money(baht: $0) }, "\(span)")
            XCTAssertEqual(items.map { result.months(of: $0) }, [[10, 11, 12], [2], [4, 5, 6], [10], [1, 2, 3, 4, 5, 6]], "\(span)")
            XCTAssertTrue(result.plan.dimensions.flatMap(\.missions).filter(\.isCustom).isEmpty, "no mission made up (\(span))")
        }
    }

    func testYearTableWithHeadingRowsMergedAcrossTheNumberColumn() throws {
        for span in Span.allCases {
            guard let result = try? imported(Self.yearPlan(span: span), span) else { continue }
            let items = result.plan.orderedItems
            XCTAssertEqual(items.map(\.name), ["โครงการอบรมคุณธรรมจริยธรรมแก่ผู้บริหารและพนักงาน", "กิจกรรมส่งเสริมการปฏิบัติงานตามประมวลจริยธรรม",
                                               "โครงการปลูกต้นไม้เพื่อเพิ่มพื้นที่สีเขียว", "มาตรการเผยแพร่ข้อมูลข่าวสารด้านการจัดซื้อจัดจ้าง"], "\(span)")
            XCTAssertEqual(items.map(\.dimensionNumber), [1, 1, 1, 2], "\(span)")
            XCTAssertEqual(items.map(\.missionCode), ["1.1", "1.1", "1.2", "2.2"], "\(span)")
            for be in 2561...2564 {
                XCTAssertEqual(items.map { $0.budgets[FiscalYear(be)]?.countedAmount ?? .zero }, [20_000, 0, 15_000, 5_000].map { Money(baht: $0) }, "\(span) \(be)")
            }
            XCTAssertTrue(result.plan.dimensions.flatMap(\.missions).filter(\.isCustom).isEmpty, "no mission made up (\(span))")
        }
    }
}

/// The month-schedule fixture of the older cycle, and variants of it, as Word files whose
/// mission rows are merged cells in both forms.
final class SpanningRowVariationTests: XCTestCase {
    func testMonthScheduleFixtureWithMergedMissionRows() throws {
        let folder = Cycle2561Tests.folder
        let expected = try JSONDecoder().decode(Cycle2561Tests.Expected.self, from: Data(contentsOf: folder.appendingPathComponent("plan-2562-annual.expected.json")))
        let data = try Data(contentsOf: folder.appendingPathComponent(expected.document))
        let text = String(decoding: data, as: UTF8.self)
        var variants: [(String, String)] = [("original", text)]
        for seed in UInt64(1)...3 {
            var variation = PlanVariation(digits: seed == 1 ? .thai : .arabic, misspellHeadings: seed == 2, seed: seed)
            variation.olderLayout = seed == 3
            variants.append(("\(variation)", variation.apply(to: text)))
        }
        for (name, variant) in variants {
            for span in PlanVariation.HeadingRowSpan.allCases {
                let (blocks, merged) = PlanVariation.wordBlocks(variant, headingRows: span)
                XCTAssertGreaterThanOrEqual(merged, 4, "\(name) \(span): the mission rows are merged")
                let result = try DocumentImporter.importDocument(try FixtureWriter.docx(blocks), fileName: "plan.docx")
                let items = result.plan.orderedItems
                XCTAssertEqual(items.map { VariationTests.key($0.name, ignoringSaraAm: false) },
                               expected.items.map { VariationTests.key($0.name, ignoringSaraAm: false) }, "\(name) \(span)")
                XCTAssertEqual(items.map(\.dimensionNumber), expected.items.map(\.dimension), "\(name) \(span)")
                XCTAssertEqual(items.map(\.missionCode), expected.items.map(\.mission), "\(name) \(span)")
                XCTAssertEqual(items.map { result.months(of: $0) }, expected.items.map(\.months), "\(name) \(span)")
                XCTAssertFalse(result.plan.dimensions.flatMap(\.missions).contains(where: \.isCustom), "\(name) \(span)")
            }
        }
    }
}
