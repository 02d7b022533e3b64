import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import XCTest
import XCTVapor
import SujaritCore
import SujaritDemo
import SujaritAPIModels
@_spi(Fixtures) import SujaritPersistence
import SujaritExport
@testable import SujaritServer

/// The report documents under `/api/v1`: the same files as the round page's downloads, read by
/// the same rule as the JSON report, PDF through the PDF service.
extension MonitoringWebTests {
    func testReportDocumentsThroughTheAPIAreTheDownloadsAndAreTenantScoped() async throws {
        // The demo's approved 6-month round of a published plan: public.
        let loaded = try await DemoSetup.load(on: app)
        XCTAssertTrue(loaded)
        let demoRound = try required(try await MonitoringStore(db).rounds(organizationID: DemoData.organization.id).first)
        // A document records when it was made (docProps/core.xml): one fixed clock, so two
        // downloads either side of a second's boundary are still the same bytes.
        let madeAt = Date(timeIntervalSince1970: 1_780_000_000)
        app.sujaritClock = { madeAt }
        for kind in MonitoringDocumentKind.allCases {
            for format in [ExportFormat.docx, .xlsx] {
                var page = Data()
                try await app.test(.GET, SiteURL.roundReportFile(demoRound.id, kind, format).path) { res async throws in
                    XCTAssertEqual(res.status, .ok)
                    page = Data(buffer: res.body)
                }
                try await app.test(.GET, SiteURL.apiRoundReportFile(demoRound.id, kind, format).path) { res async throws in
                    XCTAssertEqual(res.status, .ok, "\(kind) \(format)")
                    XCTAssertEqual(res.headers.contentType?.description, format.mediaType)
                    XCTAssertTrue(res.headers.first(name: .contentDisposition)?.hasPrefix("attachment;") == true)
                    XCTAssertEqual(Data(buffer: res.body), page, "the same file as the page's download (\(kind) \(format))")
                    XCTAssertEqual(Array(Data(buffer: res.body).prefix(2)), [0x50, 0x4B], "a ZIP package")
                }
            }
            // Formats the API does not serve as documents.
            for format in ["csv", "json", "exe"] {
                try await app.test(.GET, SiteURL.apiRoundReportFile(demoRound.id, kind, .docx).path.replacingOccurrences(of: "/docx", with: "/\(format)")) { res async throws in
                    XCTAssertEqual(res.status, .notFound, "\(kind) \(format)")
                }
            }
        }
        // PDF: the converter's output; without LibreOffice 503 naming the API's Word file.
        let fake = FakePDFConverter()
        app.pdfService = PDFService(converter: fake)
        try await app.test(.GET, SiteURL.apiRoundReportFile(demoRound.id, .annual, .pdf).path) { res async throws in
            XCTAssertEqual(res.status, .ok)
            XCTAssertEqual(res.body.string, "%PDF-fake")
            XCTAssertEqual(res.headers.contentType?.description, ExportFormat.pdf.mediaType)
        }
        XCTAssertEqual(fake.calls, 1)
        app.pdfService = PDFService(converter: nil)
        try await app.test(.GET, SiteURL.apiRoundReportFile(demoRound.id, .monitoring, .pdf).path) { res async throws in
            XCTAssertEqual(res.status, .serviceUnavailable)
            let error = try res.content.decode(ErrorResponse.self)
            XCTAssertTrue(error.reason.contains("LibreOffice"), error.reason)
            XCTAssertEqual(error.location, SiteURL.apiRoundReportFile(demoRound.id, .monitoring, .docx).path)
            XCTAssertNotNil(res.headers.first(name: .retryAfter))
        }

        // An open round: its organization's members only; everybody else 404 on every format.
        let a = try await setUpOrganization(slug: "mon-doc-a")
        _ = try await setUpOrganization(slug: "mon-doc-b")
        var headers = bearer(try await token("mon-doc-a-editor"))
        headers.contentType = .json
        var roundID = UUID()
        try await app.test(.POST, "/api/v1/plans/\(a.plan.id.uuidString.lowercased())/rounds", headers: headers,
                           body: ByteBuffer(string: #"{"fiscalYear":2568,"kind":"6m"}"#)) { res async throws in
            XCTAssertEqual(res.status, .created, res.body.string)
            roundID = try JSONDecoder.iso.decode(MonitoringRound.self, from: Data(buffer: res.body)).id
        }
        app.pdfService = PDFService(converter: FakePDFConverter())
        let viewer = bearer(try await token("mon-doc-a-viewer"))
        let outsiders: [(String, HTTPHeaders)] = [
            ("anonymous", HTTPHeaders()), ("outsider editor", bearer(try await token("mon-doc-b-editor"))),
            ("outsider admin", bearer(try await token("mon-doc-b-admin"))),
        ]
        for kind in MonitoringDocumentKind.allCases {
            for format in MonitoringAPIController.documentFormats {
                let path = SiteURL.apiRoundReportFile(roundID, kind, format).path
                try await app.test(.GET, path, headers: viewer) { res async throws in
                    XCTAssertEqual(res.status, .ok, "member viewer \(path)")
                }
                for (label, outsider) in outsiders {
                    try await app.test(.GET, path, headers: outsider) { res async throws in
                        XCTAssertEqual(res.status, .notFound, "\(label) \(path)")
                        XCTAssertFalse(res.body.string.contains(a.organization.name), "\(label) learns nothing of the round")
                    }
                }
            }
        }
    }

    /// The round's budget-per-year chart (page, its own address and the Word file) runs over the
    /// plan's years up to the round's; the dashboard's plan-period table counts each year from
    /// its latest approved round.
    func testBudgetPerYearChartAndPlanPeriodTableOfTheDemo() async throws {
        let loaded = try await DemoSetup.load(on: app)
        XCTAssertTrue(loaded)
        let round = try required(try await MonitoringStore(db).rounds(organizationID: DemoData.organization.id).first)
        let total = MonitoringReport(round: round, dimensions: []).total
        var svg = ""
        try await app.test(.GET, SiteURL.roundChart(round.id, .budgetByYear).path) { res async throws in
            XCTAssertEqual(res.status, .ok)
            XCTAssertEqual(res.headers.contentType?.description, "image/svg+xml; charset=utf-8")
            svg = res.body.string
        }
        let parser = XMLParser(data: Data(svg.utf8))
        XCTAssertTrue(parser.parse(), "well-formed SVG")
        XCTAssertFalse(svg.contains("<script") || svg.contains("style="))
        XCTAssertEqual(["ปี 2566", "ปี 2567", "ปี 2568", "ปี 2569"].map { svg.contains($0) }, [true, true, true, false], "the plan's years up to the round's")
        XCTAssertEqual(svg.components(separatedBy: "ยังไม่มีรอบที่อนุมัติ").count - 1, 2, "2566 and 2567 have no approved round")
        XCTAssertTrue(svg.contains(">\(total.disbursed.formatted())<"), "the round's disbursement")
        var anonymous = Browser(app)
        let page = try await anonymous.get(SiteURL.roundReport(round.id, .monitoring).path)
        XCTAssertTrue(page.body.contains("งบประมาณตามแผนและการเบิกจ่ายรายปี"), "the per-year chart is on the report page")
        XCTAssertTrue(page.body.contains("งบประมาณตามแผนและการเบิกจ่ายแยกตามมิติ"), "beside the per-dimension one")
        // The Word file's per-year chart has the same years.
        var docx = Data()
        try await app.test(.GET, SiteURL.roundReportFile(round.id, .monitoring, .docx).path) { res async throws in docx = Data(buffer: res.body) }
        // (The writer is deterministic: the file is the one made with the expected years.)
        let plan = try required(try await PlanStore(db).plan(id: round.planID, scope: .everything))
        let summary = PlanSummary(plan: plan)
        let organization = try required(try await OrganizationStore(db).find(id: DemoData.organization.id))
        let expectedYears: [(FiscalYear, Money, Money?)] = [
            (FiscalYear(2566), summary.budgetByYear[FiscalYear(2566)]!, nil), (FiscalYear(2567), summary.budgetByYear[FiscalYear(2567)]!, nil),
            (FiscalYear(2568), total.planned, total.disbursed),
        ]
        let expected = MonitoringExporter.docx(MonitoringExportInput(round: round, planTitle: plan.title, dimensions: plan.dimensions,
                                                                     context: ExportContext(organization: organization), yearly: expectedYears),
                                               kind: .monitoring)
        XCTAssertEqual(docx, expected, "the Word file's per-year chart has the plan's years up to the round's")
        XCTAssertNotEqual(docx, MonitoringExporter.docx(MonitoringExportInput(round: round, planTitle: plan.title, dimensions: plan.dimensions,
                                                                              context: ExportContext(organization: organization)), kind: .monitoring),
                          "the round's year alone gives another file")

        // The plan-period table of the dashboard: one row per fiscal year of the plan.
        var admin = Browser(app)
        try await admin.signIn("demo-admin", password: DemoSetup.password)
        let dashboard = try await admin.get(SiteURL.monitoring(slug: DemoData.organization.slug).path)
        XCTAssertEqual(dashboard.status, .ok)
        func cells(_ year: Int) throws -> [String] {
            let row = try XCTUnwrap(dashboard.body.components(separatedBy: "<tr data-year=\"\(year)\">").dropFirst().first?.components(separatedBy: "</tr>").first,
                                    "row \(year)")
            return row.components(separatedBy: "<td class=\"num\">").dropFirst().map { $0.components(separatedBy: "</td>")[0] }
        }
        let records = round.records
        let count = { (progress: ItemProgress) in String(records.filter { $0.progress == progress }.count) }
        XCTAssertEqual(try cells(2568), [
            String(records.count), count(.completed), count(.inProgress), count(.notStarted), count(.notCarriedOut),
            NSDecimalNumber(decimal: total.carriedOutPercent).stringValue + "%", total.planned.formatted(), total.disbursed.formatted(),
        ])
        XCTAssertTrue(dashboard.body.contains("<a href=\"\(SiteURL.round(round.id))\">"), "the row names its round")
        for year in [2566, 2567, 2569, 2570] {
            XCTAssertEqual(try cells(year), [String(MonitoringSchedule.dueItems(of: plan, in: FiscalYear(year)).count), "-", "-", "-", "-", "-",
                                             summary.budgetByYear[FiscalYear(year)]!.formatted(), "-"], "year \(year)")
        }
    }

    /// The annual results report as PDF, converted by the real LibreOffice through the PDF
    /// service (skipped when LibreOffice is not installed): a PDF whose text is the report's.
    func testAnnualResultsReportPDFIsConvertedByLibreOffice() async throws {
        guard let converter = PDFConverter.locate(timeout: 180) else { throw XCTSkip("LibreOffice is not installed") }
        app.pdfService = PDFService(converter: converter)
        let loaded = try await DemoSetup.load(on: app)
        XCTAssertTrue(loaded)
        let round = try required(try await MonitoringStore(db).rounds(organizationID: DemoData.organization.id).first)
        var pdf = Data()
        try await app.test(.GET, SiteURL.roundReportFile(round.id, .annual, .pdf).path) { res async throws in
            XCTAssertEqual(res.status, .ok, res.body.string)
            XCTAssertEqual(res.headers.contentType?.description, ExportFormat.pdf.mediaType)
            XCTAssertTrue(res.headers.first(name: .contentDisposition)?.contains(".pdf") == true)
            pdf = Data(buffer: res.body)
        }
        XCTAssertTrue(pdf.starts(with: Data("%PDF-".utf8)), "a PDF")
        XCTAssertGreaterThan(pdf.count, 5_000)
        // Its text, when pdftotext is there to read it: the seed-002 title and an item's name.
        let pdftotext = ["/usr/bin/pdftotext", "/usr/local/bin/pdftotext"].first { FileManager.default.isExecutableFile(atPath: $0) }
        guard let pdftotext else { return }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sujarit-annual-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("annual.pdf")
        try pdf.write(to: file)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: pdftotext)
        process.arguments = [file.path, "-"]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        let compact = text.filter { !$0.isWhitespace }
        XCTAssertTrue(compact.contains("รายงานผลการดำเนินการ".filter { !$0.isWhitespace }), String(text.prefix(300)))
        XCTAssertTrue(compact.contains("ผู้รับผิดชอบ"))
    }

    /// Monitoring/'s messages come from `UIKey`s in both languages: no inline Thai/English pair,
    /// no Thai-only "not found", no store made inline (`request.stores.monitoring`); and a 404
    /// answers in both languages.
    func testMonitoringMessagesAreKeysInBothLanguages() async throws {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Sources/SujaritServer/Monitoring")
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else { throw XCTSkip("sources not found at \(folder.path)") }
        var found: [String] = []
        for name in names where name.hasSuffix(".swift") {
            let text = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
            for (number, line) in text.components(separatedBy: "\n").enumerated() {
                for pattern in [#"LocalizedText\(\s*th:\s*""#, #"notFound\(""#, #"MonitoringStore\(request\.db\)"#, #"PlanStore\(request\.db\)"#]
                where line.range(of: pattern, options: .regularExpression) != nil {
                    found.append("\(name):\(number + 1): \(line.trimmingCharacters(in: .whitespaces))")
                }
            }
        }
        XCTAssertEqual(found, [])
        let missing = "/api/v1/rounds/\(UUID().uuidString.lowercased())"
        try await app.test(.GET, missing, headers: ["Accept-Language": "en"]) { res async throws in
            XCTAssertEqual(res.status, .notFound)
            let error = try res.content.decode(ErrorResponse.self)
            XCTAssertEqual(error.reason, Translator(.english)(.monNotFoundRound))
            XCTAssertEqual(error.reasonThai, Translator(.thai)(.monNotFoundRound))
            XCTAssertNotEqual(error.reason, error.reasonThai)
        }
    }
}
