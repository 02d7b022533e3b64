import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import SujaritCore
import SujaritDemo
import SujaritImport
@testable import SujaritExport
import XCTest

final class MonitoringExportTests: XCTestCase {
    /// The demo's 6-month round of 2568, filled as the demo loader fills it.
    static func filledRound() throws -> (MonitoringRound, Plan) {
        var plan = DemoData.plan()
        plan.status = .published
        var state = MonitoringState(organizationID: plan.organizationID, plan: plan, planSeriesID: plan.id)
        let context = DecisionContext(now: Date(), makeID: { UUID() })
        var round = try MonitoringWorkflow.decide(.open(year: DemoMonitoring.fiscalYear, kind: .sixMonths), by: .system, on: state,
                                                  expectedVersion: nil, context: context).change.round
        for record in round.records {
            state.round = round
            round = try MonitoringWorkflow.decide(.editRecord(recordID: record.id, DemoMonitoring.input(for: record)), by: .system, on: state,
                                                  expectedVersion: round.version, context: context).change.round
        }
        return (round, plan)
    }

    static func input() throws -> MonitoringExportInput {
        let (round, plan) = try filledRound()
        return MonitoringExportInput(round: round, planTitle: plan.title, dimensions: plan.dimensions, context: ExportFixtures.context())
    }

    func testChartsAreWellFormedSVGWithoutScripts() throws {
        let report = try Self.input().report
        var hostile = report
        hostile.dimensions[0].name = "<script>alert(1)</script> & \"มิติ\""
        hostile.dimensions[0].dimension = 0
        let charts = [
            MonitoringCharts.statusByDimension(report), MonitoringCharts.budgetByDimension(report), MonitoringCharts.indicators(report),
            MonitoringCharts.statusByDimension(hostile),
            MonitoringCharts.budgetByYear([(FiscalYear(2567), Money(baht: 100), Money(baht: 50)), (FiscalYear(2568), .zero, .zero)]),
            MonitoringCharts.budgetByYear([]),
            MonitoringCharts.budgetByYear([(FiscalYear(2566), Money(baht: 80), nil), (FiscalYear(2567), Money(baht: 100), Money(baht: 50))]),
        ]
        for svg in charts {
            let parser = XMLParser(data: Data(svg.utf8))
            XCTAssertTrue(parser.parse(), "not well-formed: \(parser.parserError.map { "\($0)" } ?? "") in \(svg.prefix(200))")
            XCTAssertTrue(svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\""))
            XCTAssertFalse(svg.contains("<script"), "no script element, escaped text only")
            XCTAssertFalse(svg.contains("style="))
        }
        XCTAssertTrue(charts[0].contains("มิติที่ 1"))
        // A year without an approved round says so instead of drawing a disbursement of zero.
        let unknown = try XCTUnwrap(charts.last)
        XCTAssertTrue(unknown.contains("ยังไม่มีรอบที่อนุมัติ") && unknown.contains("ปี 2566") && unknown.contains("ปี 2567"))
        XCTAssertEqual(unknown.components(separatedBy: "ยังไม่มีรอบที่อนุมัติ").count - 1, 1, "only the year without a round")
    }

    func testMonitoringReportDocxAndWorkbook() throws {
        let input = try Self.input()
        let docx = try OpenedPackage(MonitoringExporter.docx(input, kind: .monitoring))
        XCTAssertEqual(docx.malformedParts(), [])
        let text = try DocxText(docx)
        XCTAssertTrue(text.paragraphs.contains { $0.contains("รอบ 6 เดือน ปีงบประมาณ พ.ศ. 2568") })
        let summary = try XCTUnwrap(text.tables.first)
        XCTAssertEqual(summary.count, input.report.dimensions.count + 2, "header, one row per dimension, total")
        XCTAssertEqual(summary.last?[1], String(input.round.records.count))

        let xlsx = try OpenedPackage(MonitoringExporter.xlsx(input))
        XCTAssertEqual(xlsx.malformedParts(), [])
        let rows = try xlsx.elements("row", in: "xl/worksheets/sheet2.xml")
        XCTAssertEqual(rows.count, input.round.records.count + 1)

        // The annual results report as a workbook: the six columns, a row per item.
        let annual = try OpenedPackage(MonitoringExporter.annualXLSX(input))
        XCTAssertEqual(annual.malformedParts(), [])
        let annualRows = try annual.elements("row", in: "xl/worksheets/sheet1.xml")
        XCTAssertEqual(annualRows.count, input.round.records.count + 3, "title, organization, headings, one row per item")
        XCTAssertTrue(try annual.text("xl/sharedStrings.xml").contains("ผลการดำเนินการ (output)"))
        // The steps column tells what was carried out (the narrative), not the plan's steps.
        let silentSteps = Set(input.round.records.filter { $0.narrative.isEmpty }.flatMap(\.plannedSteps))
        let narrated = try XCTUnwrap(input.round.records.first { !$0.narrative.isEmpty && $0.plannedSteps.contains { !silentSteps.contains($0) } })
        let plannedOnly = try XCTUnwrap(narrated.plannedSteps.first { !silentSteps.contains($0) })
        let annualStrings = try annual.text("xl/sharedStrings.xml")
        XCTAssertTrue(annualStrings.contains(narrated.narrative))
        XCTAssertFalse(annualStrings.contains(plannedOnly), plannedOnly)
        let annualDocx = try OpenedPackage(MonitoringExporter.docx(input, kind: .annual))
        XCTAssertTrue(try annualDocx.text("word/document.xml").contains(narrated.narrative))
        XCTAssertFalse(try annualDocx.text("word/document.xml").contains(plannedOnly), plannedOnly)
        XCTAssertTrue(try annual.text("docProps/core.xml").contains("ประจำปี พ.ศ. 2568"))

        let json = try JSONSerialization.jsonObject(with: MonitoringExporter.json(input)) as? [String: Any]
        XCTAssertEqual((json?["annualResults"] as? [Any])?.count, input.round.records.count)
    }

    /// The annual results report is written in seed 002's layout, so the importer reads it back
    /// as a results report: one row per item, the item's name in the first column.
    func testAnnualResultsReportReadsBackAsASeed002Table() throws {
        let input = try Self.input()
        let data = MonitoringExporter.docx(input, kind: .annual)
        let package = try OpenedPackage(data)
        XCTAssertEqual(package.malformedParts(), [])
        let table = try XCTUnwrap(DocxText(package).tables.first)
        XCTAssertEqual(table.count, input.round.records.count + 1)
        XCTAssertTrue(table.allSatisfy { $0.count == 6 })
        let imported = try DocumentImporter.importDocument(data, fileName: "annual.docx")
        XCTAssertEqual(imported.monitoringRows.count, input.round.records.count)
        let names = input.round.records.sorted { $0.itemNumber < $1.itemNumber }.map(\.itemName)
        for (row, name) in zip(imported.monitoringRows, names) {
            XCTAssertTrue(row.measure.contains(name) || name.contains(row.measure), "\(row.measure) ≠ \(name)")
            XCTAssertTrue(row.output.contains("ผล:"), row.output)
        }
    }

    /// The monitoring report's Word file carries the three charts as native charts: a chart part
    /// each, with the report's numbers cached in it, an embedded workbook holding the same data,
    /// and an inline drawing in the document that names it.
    func testMonitoringReportDocxHasNativeChartsWithTheReportsNumbers() throws {
        var input = try Self.input()
        input.yearly = [(FiscalYear(2567), Money(baht: 120_000), Money(baht: 100_000)), (FiscalYear(2568), input.report.total.planned, input.report.total.disbursed)]
        let data = MonitoringExporter.docx(input, kind: .monitoring)
        if let folder = ProcessInfo.processInfo.environment["SUJARIT_WRITE_REPORTS"] {
            try data.write(to: URL(fileURLWithPath: folder).appendingPathComponent("monitoring-report.docx"))
        }
        let docx = try OpenedPackage(data)
        XCTAssertEqual(docx.malformedParts(), [])
        let types = try docx.text("[Content_Types].xml")
        let relationships = try docx.text("word/_rels/document.xml.rels")
        let document = try docx.text("word/document.xml")
        for number in 1...3 {
            XCTAssertTrue(types.contains("/word/charts/chart\(number).xml"), "content type of chart \(number)")
            XCTAssertTrue(relationships.contains("Target=\"charts/chart\(number).xml\""))
            XCTAssertTrue(document.contains("r:id=\"rIdChart\(number)\""), "chart \(number) is placed in the document")
            let chartRelationships = try docx.text("word/charts/_rels/chart\(number).xml.rels")
            XCTAssertTrue(chartRelationships.contains("../embeddings/chart\(number)-data.xlsx"))
            let workbook = try OpenedPackage(try XCTUnwrap(docx.parts["word/embeddings/chart\(number)-data.xlsx"]))
            XCTAssertEqual(workbook.malformedParts(), [])
            XCTAssertTrue(try workbook.text("xl/workbook.xml").contains("name=\"Sheet1\""), "the sheet the chart's references name")
        }
        XCTAssertTrue(types.contains("Extension=\"xlsx\""))
        XCTAssertEqual(document.components(separatedBy: "<wp:inline").count - 1, 3)

        let report = input.report
        func cached(_ chart: Int, series: Int) throws -> [Decimal] {
            let values = try docx.elements("val", in: "word/charts/chart\(chart).xml")
            let series = try XCTUnwrap(values.dropFirst(series).first)
            return series.children.filter { $0.name == "v" }.map { Decimal(string: $0.text)! }
        }
        // Chart 1: one stacked series per status, one bar per dimension with items.
        let dimensions = report.dimensions.filter { $0.itemCount > 0 }
        XCTAssertEqual(try cached(1, series: 0), dimensions.map { Decimal($0.completed) })
        XCTAssertEqual(try cached(1, series: 3), dimensions.map { Decimal($0.notCarriedOut) })
        let statusTotal = try (0..<5).map { try cached(1, series: $0).reduce(0, +) }.reduce(0, +)
        XCTAssertEqual(statusTotal, Decimal(report.total.itemCount), "every item counted once")
        let chart1 = try docx.text("word/charts/chart1.xml")
        XCTAssertTrue(chart1.contains("<c:grouping val=\"stacked\"/>") && chart1.contains("มิติที่ 1") && chart1.contains("ดำเนินการแล้วเสร็จ"))
        // Chart 2: planned and disbursed per year, in baht.
        XCTAssertEqual(try cached(2, series: 0), [120_000, report.total.planned.decimalBaht])
        XCTAssertEqual(try cached(2, series: 1), [100_000, report.total.disbursed.decimalBaht])
        XCTAssertTrue(try docx.text("word/charts/chart2.xml").contains("ปี 2567"))
        // Chart 3: indicators met, not met, not measurable.
        XCTAssertEqual(try cached(3, series: 0), [report.total.indicatorsMet, report.total.indicatorsNotMet, report.total.indicatorsUnmeasured].map { Decimal($0) })
        XCTAssertTrue(try docx.text("word/charts/chart3.xml").contains("<c:pieChart>"))
        // The annual results report keeps seed 002's layout: no charts in it.
        let annual = try OpenedPackage(MonitoringExporter.docx(input, kind: .annual))
        XCTAssertFalse(annual.parts.keys.contains { $0.hasPrefix("word/charts/") })
    }

    /// LibreOffice opens the report with its charts and draws it as PDF (skipped without it).
    func testMonitoringReportWithChartsConvertsToPDF() throws {
        guard let converter = PDFConverter.locate(timeout: 180) else { throw XCTSkip("LibreOffice is not installed") }
        let data = MonitoringExporter.docx(try Self.input(), kind: .monitoring)
        let pdf = try converter.convert(data)
        XCTAssertTrue(pdf.starts(with: Data("%PDF-".utf8)))
        if let folder = ProcessInfo.processInfo.environment["SUJARIT_WRITE_REPORTS"] {
            try pdf.write(to: URL(fileURLWithPath: folder).appendingPathComponent("monitoring-report.pdf"))
            let annual = try converter.convert(MonitoringExporter.docx(try Self.input(), kind: .annual))
            try annual.write(to: URL(fileURLWithPath: folder).appendingPathComponent("annual-report.pdf"))
        }
    }
}
