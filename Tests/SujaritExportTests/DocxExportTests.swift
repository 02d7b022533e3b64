import Foundation
import SujaritCore
@testable import SujaritExport
import SujaritImport
import SujaritTestSupport
import XCTest
import SujaritDemo
import SujaritCatalog

final class DocxExportTests: XCTestCase {
    let plan = DemoData.plan()

    func docx(_ plan: Plan, digits: DigitStyle? = nil, organization: Organization = DemoData.organization) throws -> OpenedPackage {
        let data = PlanExporter.docx(plan, context: ExportFixtures.context(organization, digits: digits))
        XCTAssertTrue(data.starts(with: [0x50, 0x4B]), "a DOCX is a ZIP package")
        return try OpenedPackage(data)
    }

    /// Issue 11 §5: the approval block — who submitted, approved and published the revision,
    /// on which date (Buddhist Era), with the approver's comment — after Part 3; the importer
    /// reads none of it into the plan.
    func testApprovalBlockHoldsTheApproversCommentNameAndBuddhistEraDate() throws {
        let submittedAt = Date(timeIntervalSince1970: 1_790_000_000)
        let approvedAt = submittedAt.addingTimeInterval(86_400)
        let approval = PlanApproval(entries: [
            .init(step: .published, by: "นายผู้เผยแพร่ ทดสอบ", at: approvedAt, comment: "เผยแพร่ตามมติ"),
            .init(step: .submitted, by: "นางสาวผู้เสนอ ทดสอบ", at: submittedAt),
            .init(step: .approved, by: "นายผู้อนุมัติ ทดสอบ", at: approvedAt, comment: "ตรวจแล้ว ถูกต้อง"),
        ])
        var context = ExportFixtures.context()
        context.approval = approval
        let data = PlanExporter.docx(plan, context: context)
        let package = try OpenedPackage(data)
        XCTAssertEqual(package.malformedParts(), [])
        let xml = try package.text("word/document.xml")
        let date = ThaiCalendar.thaiDate(approvedAt)
        XCTAssertTrue(date.hasSuffix("2569"), "a Buddhist-Era year: \(date)")
        for text in [PlanDocumentWriter.approvalHeading, "ตรวจแล้ว ถูกต้อง", "นายผู้อนุมัติ ทดสอบ", "นางสาวผู้เสนอ ทดสอบ", "เผยแพร่ตามมติ",
                     date, ThaiCalendar.thaiDate(submittedAt)] {
            XCTAssertTrue(xml.contains(text), text)
        }
        // In the order of the steps, after Part 3.
        let part3 = try XCTUnwrap(xml.range(of: "รายละเอียดโครงการ/กิจกรรม/มาตรการ", options: .backwards))
        let submitted = try XCTUnwrap(xml.range(of: "นางสาวผู้เสนอ ทดสอบ"))
        let approved = try XCTUnwrap(xml.range(of: "นายผู้อนุมัติ ทดสอบ"))
        let published = try XCTUnwrap(xml.range(of: "นายผู้เผยแพร่ ทดสอบ"))
        XCTAssertLessThan(part3.lowerBound, submitted.lowerBound)
        XCTAssertLessThan(submitted.lowerBound, approved.lowerBound)
        XCTAssertLessThan(approved.lowerBound, published.lowerBound)
        // Without steps, no block.
        let plain = try OpenedPackage(PlanExporter.docx(plan, context: ExportFixtures.context())).text("word/document.xml")
        XCTAssertFalse(plain.contains(PlanDocumentWriter.approvalHeading))
        // The importer reads the same plan with or without the block.
        let withBlock = try DocumentImporter.importDocument(data, fileName: "approved.docx").plan
        let without = try DocumentImporter.importDocument(PlanExporter.docx(plan, context: ExportFixtures.context()), fileName: "plain.docx").plan
        XCTAssertEqual(withBlock.items.map(\.name), without.items.map(\.name))
        XCTAssertEqual(withBlock.items.map(\.sheet), without.items.map(\.sheet))
        XCTAssertEqual(withBlock.frontMatter, without.frontMatter)
    }

    func testEveryPartIsWellFormedAndPresent() throws {
        let data = PlanExporter.docx(plan, context: ExportFixtures.context())
        ExportFixtures.keep(data, as: "demo-plan.docx")
        let package = try OpenedPackage(data)
        XCTAssertEqual(package.malformedParts(), [])
        for part in ["[Content_Types].xml", "_rels/.rels", "word/document.xml", "word/styles.xml", "word/numbering.xml",
                     "word/settings.xml", "word/fontTable.xml", "word/header1.xml", "word/_rels/document.xml.rels", "docProps/core.xml"] {
            XCTAssertNotNil(package.parts[part], "missing \(part)")
        }
        // Every relationship target exists, and every part has a content type.
        let relationships = try package.elements("Relationship", in: "word/_rels/document.xml.rels")
        for relationship in relationships {
            XCTAssertNotNil(package.parts["word/" + (relationship.attributes["Target"] ?? "")], "dangling relationship \(relationship.attributes)")
        }
        let overrides = try package.elements("Override", in: "[Content_Types].xml").compactMap { $0.attributes["PartName"] }
        for part in package.parts.keys where part.hasSuffix(".xml") && !part.hasPrefix("[") {
            XCTAssertTrue(overrides.contains("/" + part), "\(part) has no content type override")
        }
    }

    func testPageSetupFontsAndSections() throws {
        let package = try docx(plan)
        let sections = try package.elements("pgSz", in: "word/document.xml")
        XCTAssertEqual(sections.count, 3, "portrait front matter and Part 1, landscape Part 2, portrait Part 3")
        XCTAssertEqual(sections.map { $0.attributes["w:orient"] }, [nil, "landscape", nil])
        XCTAssertEqual(sections[0].attributes["w:w"], "11906", "A4 width")
        XCTAssertEqual(sections[0].attributes["w:h"], "16838", "A4 height")
        let margins = try package.elements("pgMar", in: "word/document.xml")
        XCTAssertTrue(margins.allSatisfy { margin in ["w:top", "w:bottom", "w:left", "w:right"].allSatisfy { margin.attributes[$0] == "1440" } }, "1-inch margins")
        let styles = try package.text("word/styles.xml")
        XCTAssertTrue(styles.contains("w:cs=\"TH SarabunPSK\""), "Thai (complex script) font")
        XCTAssertTrue(styles.contains("<w:sz w:val=\"32\"/><w:szCs w:val=\"32\"/>"), "16 pt body")
        XCTAssertTrue(try package.text("word/fontTable.xml").contains("Laksaman"), "free fallback font named")
        XCTAssertTrue(try package.text("word/header1.xml").contains("PAGE"), "page numbers")
        XCTAssertEqual(try package.elements("titlePg", in: "word/document.xml").count, 1, "no page number on the cover")
    }

    func testDocumentOrderFollowsTheOfficialLayout() throws {
        let text = try DocxText(try docx(plan))
        let order = ["คำนำ", "สารบัญ", "ส่วนที่ 1", "1. การประเมินความเสี่ยงการทุจริตในองค์กร", "2. หลักการและเหตุผล",
                     "3. วัตถุประสงค์ของการจัดทำแผน", "4. เป้าหมาย", "5. ประโยชน์ของการจัดทำแผน", "ส่วนที่ 2", "ส่วนที่ 3", "ลำดับที่ 1"]
        var position = 0
        for heading in order {
            guard let found = text.paragraphs[position...].firstIndex(of: heading) else {
                return XCTFail("“\(heading)” missing or out of order")
            }
            position = found + 1
        }
        XCTAssertTrue(text.paragraphs.prefix(12).contains(DemoData.organization.name), "cover names the organization")
        XCTAssertTrue(text.paragraphs.prefix(12).contains { $0.contains("2566") && $0.contains("2570") }, "cover gives the years")
        // One sheet per item, each starting on a new page.
        let sheetStarts = text.paragraphs.filter { $0.hasPrefix("ลำดับที่ ") }
        XCTAssertEqual(sheetStarts.count, plan.items.count)
        let document = try docx(plan).text("word/document.xml")
        XCTAssertGreaterThanOrEqual(document.components(separatedBy: "<w:pageBreakBefore/>").count - 1, plan.items.count - 1)
    }

    /// The Part 2 table: header rows repeated, rows never split, one row per item, a subtotal per
    /// dimension and a grand total whose figures are the computed summary.
    func testPart2TableHasComputedTotals() throws {
        let package = try docx(plan)
        let text = try DocxText(package)
        guard let table = text.tables.first(where: { $0.first?.first == "มิติ" }) else { return XCTFail("no Part 2 table") }
        let summary = PlanSummary(plan: plan)
        let itemRows = table.filter { row in row.count > 2 && row[2].range(of: #"^\d+\) "#, options: .regularExpression) != nil }
        XCTAssertEqual(itemRows.count, plan.items.count)
        let subtotals = table.filter { $0.first == "รวม" }
        XCTAssertEqual(subtotals.count, summary.dimensions.count)
        for (row, dimension) in zip(subtotals, summary.dimensions) {
            XCTAssertEqual(row[1], "จำนวน \(dimension.itemCount) โครงการ")
            for (offset, year) in summary.years.enumerated() {
                let amount = dimension.budgetByYear[year] ?? .zero
                XCTAssertEqual(row[2 + offset], amount == .zero ? "-" : amount.formatted(), "dimension \(dimension.number) \(year)")
            }
        }
        guard let grand = table.last, grand.first == "รวมทั้งสิ้น" else { return XCTFail("no grand total row") }
        XCTAssertEqual(grand[1], "จำนวน \(summary.itemCount) โครงการ")
        for (offset, year) in summary.years.enumerated() {
            XCTAssertEqual(grand[2 + offset], summary.budgetByYear[year]!.formatted())
        }
        let document = try package.text("word/document.xml")
        XCTAssertGreaterThanOrEqual(document.components(separatedBy: "<w:tblHeader/>").count - 1, 2, "header rows repeat on every page")
        XCTAssertTrue(document.contains("<w:cantSplit/>"), "rows are not split across pages")
    }

    func testSheetListsAreRealWordNumbering() throws {
        let package = try docx(plan)
        let numbering = try package.elements("num", in: "word/numbering.xml")
        let objectivesLists = plan.items.filter { !($0.sheet?.objectives.isEmpty ?? true) }.count
        XCTAssertGreaterThanOrEqual(numbering.count, objectivesLists, "each list restarts at 1 with its own instance")
        let text = try DocxText(package)
        // The list markers are not typed into the text; Word numbers the paragraphs.
        let firstObjective = try XCTUnwrap(plan.items.sorted { $0.order < $1.order }.first?.sheet?.objectives.first)
        XCTAssertTrue(text.paragraphs.contains(firstObjective), "objective written without a typed marker")
        XCTAssertTrue(try package.text("word/document.xml").contains("<w:numPr>"))
    }

    func testThaiDigitsWhenChosen() throws {
        let package = try docx(plan, digits: .thai)
        let text = try DocxText(package)
        XCTAssertTrue(text.paragraphs.contains("ส่วนที่ ๑"))
        XCTAssertTrue(text.paragraphs.contains("ลำดับที่ ๑"))
        let table = try XCTUnwrap(text.tables.first { $0.first?.first == "มิติ" })
        XCTAssertTrue(table[1].contains("ปี ๒๕๖๖"))
        let summary = PlanSummary(plan: plan)
        XCTAssertEqual(table.last?[1], "จำนวน \(ThaiDigits.toThai(String(summary.itemCount))) โครงการ")
        XCTAssertTrue(try package.text("word/numbering.xml").contains("thaiNumbers"))
        XCTAssertTrue(try package.text("word/document.xml").contains("w:fmt=\"thaiNumbers\""), "Thai page numbers")
        // Words with Latin letters keep their digits ("E-Service", web addresses).
        XCTAssertEqual(DigitPrinter(style: .thai).written("ปี 2568 ที่ www.a1.go.th และ O25"), "ปี ๒๕๖๘ ที่ www.a1.go.th และ O25")
    }

    func testThaiTextIsKeptExactlyInNFC() throws {
        var plan = self.plan
        // Decomposed sara am (U+0E4D U+0E32) and a combining sequence that NFC composes.
        plan.items[0].name = "โครงการทดสอบ น\u{0E4D}\u{0E32}ใจ e\u{0301}"
        let text = try DocxText(try docx(plan))
        let expected = plan.items[0].name.precomposedStringWithCanonicalMapping
        XCTAssertTrue(text.tables.joined().joined().contains { $0.contains(expected) })
        XCTAssertTrue(text.paragraphs.contains { $0.contains(expected) })
    }

    /// Documents with what real data throws at them still open: characters XML cannot hold,
    /// huge cells, empty and odd-shaped plans.
    func testHostileAndOddPlansStayValid() throws {
        var hostile = plan
        hostile.items[0].name = "โครงการ\u{0000}\u{0001}\u{000B}\u{000C}\u{FFFE} <ทดสอบ> & \"quotes\" ]]> \u{202E}"
        hostile.items[1].remarks = String(repeating: "ยาวมาก ", count: 1_500)
        hostile.items[2].sheet?.rationale = String(repeating: "ก", count: 10_000)
        hostile.frontMatter.foreword = "\u{0007}คำนำ\r\nบรรทัดที่สอง"
        var empty = Plan.fromTemplate(PlanCatalog.cycle2566, organization: DemoData.organization)
        empty.items = []
        var noBudget = plan
        for index in noBudget.items.indices { noBudget.items[index].budgets = [:] }
        var big = plan
        big.items = (0..<200).map { index in
            var item = plan.items[index % plan.items.count]
            item.id = UUID()
            item.order = index
            return item
        }
        var oneYear = Plan.fromTemplate(PlanCatalog.cycle2566, organization: DemoData.organization, first: FiscalYear(2568), last: FiscalYear(2568))
        oneYear.items = Array(plan.items.prefix(5))
        var tenYears = plan
        tenYears.lastYear = FiscalYear(2575)
        var custom = plan
        custom.dimensions[0].missions.append(Mission(code: "1.9", name: "ภารกิจที่ยังไม่มีโครงการ", isCustom: true))
        custom.items[0].missionCode = "9.9"
        custom.items[1].missionCode = nil

        for (name, candidate) in [("hostile", hostile), ("empty", empty), ("no-budget", noBudget), ("200-items", big),
                                  ("one-year", oneYear), ("ten-years", tenYears), ("custom", custom)] {
            let data = PlanExporter.docx(candidate, context: ExportFixtures.context())
            ExportFixtures.keep(data, as: "odd-\(name).docx")
            let package = try OpenedPackage(data)
            XCTAssertEqual(package.malformedParts(), [], name)
            let text = try DocxText(package)
            let grand = try XCTUnwrap(text.tables.first { $0.first?.first == "มิติ" }?.last, name)
            XCTAssertEqual(grand.first, "รวมทั้งสิ้น", name)
            XCTAssertEqual(grand[1], "จำนวน \(candidate.items.count) โครงการ", name)
            XCTAssertEqual(grand.count, 2 + candidate.fiscalYears.count + 1, "\(name): one column per year")
            // And the importer can read it back without refusing it.
            XCTAssertNoThrow(try DocumentImporter.importDocument(data, fileName: "\(name).docx"), name)
        }
    }

    func testCoverTitleSplitsLikeTheOfficialCover() {
        let writer = PlanDocumentWriter(plan: plan, context: ExportFixtures.context())
        XCTAssertEqual(writer.coverTitleLines(), ["แผนปฏิบัติการป้องกันการทุจริต", "เพื่อยกระดับคุณธรรมและความโปร่งใส", "(พ.ศ. 2566 – 2570)"])
    }

    func testStandardForewordStatesComputedCounts() throws {
        var plan = self.plan
        plan.frontMatter.foreword = ""
        let text = try DocxText(try docx(plan))
        let summary = PlanSummary(plan: plan)
        XCTAssertTrue(text.paragraphs.contains { $0.contains("รวมทั้งสิ้นจำนวน \(summary.itemCount) โครงการ") })
        for dimension in summary.dimensions {
            XCTAssertTrue(text.paragraphs.contains("มิติที่ \(dimension.number) \(dimension.name) จำนวน \(dimension.itemCount) โครงการ"))
        }
    }

    func budgets(_ amounts: [Int64?]) -> [FiscalYear: BudgetEntry] {
        Dictionary(uniqueKeysWithValues: zip(plan.fiscalYears, amounts).map { year, amount in
            (year, amount.map { BudgetEntry.amount(Money(baht: $0)) } ?? .noBudget)
        })
    }

    func testGeneratedBudgetTextAgreesWithTheBudgetRow() {
        var item = plan.items[0]
        item.sheet?.budgetText = ""
        let writer = PlanDocumentWriter(plan: plan, context: ExportFixtures.context())
        item.budgets = budgets([20_000, 20_000, 20_000, 20_000, 20_000])
        XCTAssertEqual(writer.budgetText(for: item), "งบประมาณปีละ 20,000 บาท")
        item.budgets = budgets([nil, nil, nil, nil, nil])
        XCTAssertEqual(writer.budgetText(for: item), "ไม่ใช้งบประมาณ")
        item.budgets = budgets([10_000, nil, 5_000, nil, nil])
        XCTAssertEqual(writer.budgetText(for: item), "รวม 15,000 บาท (ปี 2566 10,000 บาท, ปี 2568 5,000 บาท)")
        item.sheet?.budgetText = "ตามข้อบัญญัติ"
        XCTAssertEqual(writer.budgetText(for: item), "ตามข้อบัญญัติ", "the officer's own text wins")
    }
}
