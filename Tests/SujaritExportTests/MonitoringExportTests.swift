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
        ]
        for svg in charts {
            let parser = XMLParser(data: Data(svg.utf8))
            XCTAssertTrue(parser.parse(), "not well-formed: \(parser.parserError.map { "\($0)" } ?? "") in \(svg.prefix(200))")
            XCTAssertTrue(svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\""))
            XCTAssertFalse(svg.contains("<script"), "no script element, escaped text only")
            XCTAssertFalse(svg.contains("style="))
        }
        XCTAssertTrue(charts[0].contains("มิติที่ 1"))
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
}
