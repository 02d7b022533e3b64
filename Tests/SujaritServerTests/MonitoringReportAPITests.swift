import Foundation
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
}
