import Foundation
import XCTest
import XCTVapor
import SujaritCore
import SujaritExport
@_spi(Fixtures) import SujaritPersistence
import SujaritAPIModels
@testable import SujaritServer
import SujaritDemo

/// A converter that makes no real PDF: counts its calls, remembers how many ran at once.
final class FakePDFConverter: PDFConverting, @unchecked Sendable {
    private let lock = NSLock()
    private var _calls = 0
    private var running = 0
    private var _mostAtOnce = 0
    let delay: TimeInterval
    let result: Result<Data, PDFConversionError>

    init(delay: TimeInterval = 0, result: Result<Data, PDFConversionError> = .success(Data("%PDF-fake".utf8))) {
        self.delay = delay
        self.result = result
    }

    private func locked<T>(_ body: () -> T) -> T {
        lock.lock()
        defer { lock.unlock() }
        return body()
    }

    var calls: Int { locked { _calls } }
    var mostAtOnce: Int { locked { _mostAtOnce } }

    func convert(_ document: Data, fileExtension: String) throws(PDFConversionError) -> Data {
        locked {
            _calls += 1
            running += 1
            _mostAtOnce = max(_mostAtOnce, running)
        }
        if delay > 0 { Thread.sleep(forTimeInterval: delay) }
        locked { running -= 1 }
        return try result.get()
    }
}

/// Documents out: downloads of plans in every format, who may have them, PDF through the
/// (injected) converter and its cache, download links on the pages.
final class ExportWebTests: ServerTestCase {
    static let publicPath = "/o/nong-sujarit/plan/2566-2570"

    func loadDemo() async throws -> Plan {
        try await DemoSetup.load(on: app)
        let plan = try await PlanStore(db).plan(id: DemoData.planID, scope: .everything)
        return try XCTUnwrap(plan)
    }

    func header(_ res: XCTHTTPResponse, _ name: HTTPHeaders.Name) -> String { res.headers.first(name: name) ?? "" }

    // MARK: Public downloads

    func testPublicDownloadsOfThePublishedPlanInEveryFormatButPDF() async throws {
        let plan = try await loadDemo()
        let context = ExportContext(organization: DemoData.organization, publicURL: Self.publicPath)
        for format in ExportFormat.allCases where format != .pdf {
            try await app.test(.GET, "\(Self.publicPath)/plan.\(format.fileExtension)") { res async throws in
                let name = "nong-sujarit-plan-2566-2570-r\(plan.revision).\(format.fileExtension)"
                XCTAssertEqual(res.status, .ok, format.rawValue)
                XCTAssertEqual(self.header(res, .contentType), format.mediaType, format.rawValue)
                XCTAssertEqual(self.header(res, .contentDisposition), "attachment; filename=\"\(name)\"; filename*=UTF-8''\(name)")
                XCTAssertEqual(name, PlanExporter.fileName(for: plan, organization: DemoData.organization, format: format))
                XCTAssertEqual(self.header(res, .cacheControl), PublicReading.latestCacheControl, "a published plan may be cached")
                let body = Data(res.body.readableBytesView)
                XCTAssertFalse(body.isEmpty, format.rawValue)
                switch format {
                case .docx, .xlsx:
                    XCTAssertTrue(body.starts(with: Array("PK".utf8)), "\(format.rawValue) is a ZIP package")
                case .csv:
                    XCTAssertTrue(body.starts(with: [0xEF, 0xBB, 0xBF]), "CSV starts with the UTF-8 BOM")
                    XCTAssertEqual(body, PlanExporter.csv(plan, context: context), "the bytes are PlanExporter's")
                case .json:
                    let decoder = JSONDecoder()
                    decoder.dateDecodingStrategy = .iso8601
                    let open = try decoder.decode(PlanOpenData.self, from: body)
                    XCTAssertEqual(open.format, "sujarit-plan")
                    XCTAssertEqual(open.plan.items.count, plan.items.count)
                    XCTAssertEqual(open.summary.itemCount, plan.items.count)
                    XCTAssertEqual(open.organization.slug, "nong-sujarit")
                    XCTAssertEqual(open.publicURL, Self.publicPath)
                case .pdf:
                    break
                }
            }
        }
        // Thai digits in the years of the address, as for the page.
        try await app.test(.GET, "/o/nong-sujarit/plan/๒๕๖๖-๒๕๗๐/plan.csv") { res async throws in
            XCTAssertEqual(res.status, .ok)
        }
        for path in ["/o/nong-sujarit/plan/2599/plan.csv", "/o/no-such-org/plan/2566-2570/plan.docx", "\(Self.publicPath)/plan.pptx"] {
            try await app.test(.GET, path) { res async throws in XCTAssertEqual(res.status, .notFound, path) }
        }
    }

    func testExportUsesTheOrganizationsDigitStyleAndTheLatestPublishedRevision() async throws {
        let plan = try await loadDemo()
        var organization = DemoData.organization
        organization.digitStyle = .thai
        try await OrganizationStore(db).update(organization)
        try await app.test(.GET, "\(Self.publicPath)/plan.json") { res async throws in
            let open = try self.openData(res)
            XCTAssertEqual(open.organization.digitStyle, .thai)
            XCTAssertEqual(open.plan.revision, plan.revision)
        }
        // A new revision that is only a draft does not change the public file.
        let draft = try await PlanStore(db).createRevision(from: plan)
        XCTAssertEqual(draft.status, .draft)
        try await app.test(.GET, "\(Self.publicPath)/plan.json") { res async throws in
            XCTAssertEqual(try self.openData(res).plan.id, plan.id)
        }
    }

    func openData(_ res: XCTHTTPResponse) throws -> PlanOpenData {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return try decoder.decode(PlanOpenData.self, from: Data(res.body.readableBytesView))
    }

    // MARK: One revision, and who may have it

    func testDraftExportIsForMembersOnly() async throws {
        let a = try await makeOrganization(slug: "export-a")
        let b = try await makeOrganization(slug: "export-b")
        try await makeUser("viewer-a", role: .viewer, in: a)
        try await makeUser("editor-b", role: .editor, in: b)
        let draft = try await PlanStore(db).create(demoPlan(for: a))

        for format in ["csv", "docx", "pdf"] {
            try await app.test(.GET, "/plans/\(draft.id)/export/\(format)") { res async throws in
                XCTAssertEqual(res.status, .notFound, "the public does not get a draft (\(format))")
            }
        }
        let outsider = try await token("editor-b")
        try await app.test(.GET, "/plans/\(draft.id)/export/csv", headers: bearer(outsider)) { res async throws in
            XCTAssertEqual(res.status, .notFound, "nor a member of another organization")
        }
        try await app.test(.GET, "/api/v1/plans/\(draft.id)/export?format=csv", headers: bearer(outsider)) { res async throws in
            XCTAssertEqual(res.status, .notFound)
        }

        // A member signed in with the browser form gets it.
        var browser = Browser(app)
        try await browser.signIn("viewer-a", password: Self.password)
        var headers = HTTPHeaders()
        headers.cookie = HTTPCookies(dictionaryLiteral: ("sujarit_session", HTTPCookies.Value(string: browser.cookie ?? "")))
        try await app.test(.GET, "/plans/\(draft.id)/export/xlsx", headers: headers) { res async throws in
            XCTAssertEqual(res.status, .ok)
            XCTAssertEqual(self.header(res, .contentType), ExportFormat.xlsx.mediaType)
            XCTAssertEqual(self.header(res, .contentDisposition),
                           "attachment; filename=\"export-a-plan-2566-2570-r1.xlsx\"; filename*=UTF-8''export-a-plan-2566-2570-r1.xlsx")
            XCTAssertEqual(self.header(res, .cacheControl), "no-store", "a draft is not kept by caches")
            XCTAssertTrue(Data(res.body.readableBytesView).starts(with: Array("PK".utf8)))
        }
        try await app.test(.GET, "/plans/\(draft.id)/export/json", headers: headers) { res async throws in
            XCTAssertEqual(res.status, .ok)
            let open = try self.openData(res)
            XCTAssertEqual(open.plan.id, draft.id)
            XCTAssertEqual(open.organization.slug, "export-a")
            XCTAssertNil(open.publicURL, "a draft has no public address")
        }
        // The revision page links to its own files.
        let page = try await browser.get("/plans/\(draft.id)")
        XCTAssertTrue(page.body.contains("ดาวน์โหลด"))
        for format in ExportFormat.allCases {
            XCTAssertTrue(page.body.contains("href=\"/plans/\(draft.id.uuidString.lowercased())/export/\(format.rawValue)\""), format.rawValue)
        }
    }

    func testUnknownFormatAndUnknownPlan() async throws {
        let plan = try await loadDemo()
        try await app.test(.GET, "/plans/\(plan.id)/export/doc") { res async throws in
            XCTAssertEqual(res.status, .badRequest)
            XCTAssertTrue(res.body.string.contains(ExportFormat.list), "the page lists the formats")
        }
        for query in ["?format=pptx", "", "?format="] {
            try await app.test(.GET, "/api/v1/plans/\(plan.id)/export\(query)") { res async throws in
                XCTAssertEqual(res.status, .badRequest, query)
                let error = try res.content.decode(ErrorResponse.self)
                XCTAssertTrue(error.reason.contains(ExportFormat.list), error.reason)
                XCTAssertTrue(error.reasonThai.contains(ExportFormat.list), error.reasonThai)
                XCTAssertEqual(error.fields.first?.field, "format")
            }
        }
        for path in ["/api/v1/plans/\(UUID())/export?format=csv", "/api/v1/plans/not-a-uuid/export?format=csv",
                     "/plans/\(UUID())/export/csv"] {
            try await app.test(.GET, path) { res async throws in XCTAssertEqual(res.status, .notFound, path) }
        }
    }

    func testAPIExport() async throws {
        let plan = try await loadDemo()
        try await app.test(.GET, "/api/v1/plans/\(plan.id)/export?format=csv") { res async throws in
            XCTAssertEqual(res.status, .ok)
            XCTAssertEqual(self.header(res, .contentType), ExportFormat.csv.mediaType)
            XCTAssertTrue(self.header(res, .contentDisposition).hasPrefix("attachment; filename=\"nong-sujarit-plan-2566-2570-r1.csv\""))
            let context = ExportContext(organization: DemoData.organization, publicURL: Self.publicPath)
            XCTAssertEqual(Data(res.body.readableBytesView), PlanExporter.csv(plan, context: context))
        }
        try await app.test(.GET, "/api/v1/plans/\(plan.id)/export?format=DOCX") { res async throws in
            XCTAssertEqual(res.status, .ok, "format names are not case-sensitive")
            XCTAssertEqual(self.header(res, .contentType), ExportFormat.docx.mediaType)
            XCTAssertTrue(Data(res.body.readableBytesView).starts(with: Array("PK".utf8)))
        }
        // Drafts through the API: for members with a token.
        let a = try await makeOrganization(slug: "api-export")
        try await makeUser("editor-a", role: .editor, in: a)
        let draft = try await PlanStore(db).create(demoPlan(for: a))
        try await app.test(.GET, "/api/v1/plans/\(draft.id)/export?format=json") { res async throws in
            XCTAssertEqual(res.status, .notFound)
            XCTAssertNoThrow(try res.content.decode(ErrorResponse.self))
        }
        let token = try await token("editor-a")
        try await app.test(.GET, "/api/v1/plans/\(draft.id)/export?format=json", headers: bearer(token)) { res async throws in
            XCTAssertEqual(res.status, .ok)
            XCTAssertEqual(try self.openData(res).plan.items.count, draft.items.count)
        }
    }

    // MARK: PDF

    func testPDFWithoutLibreOfficeIs503WithTheReason() async throws {
        let plan = try await loadDemo()
        app.pdfService = PDFService(converter: nil)
        try await app.test(.GET, "\(Self.publicPath)/plan.pdf") { res async throws in
            XCTAssertEqual(res.status, .serviceUnavailable)
            XCTAssertEqual(res.headers.contentType, .html)
            let html = res.body.string
            XCTAssertTrue(html.contains(HTML.escape(PDFConversionError.notInstalled.thaiMessage)), "the Thai reason")
            XCTAssertTrue(html.contains(HTML.escape(PDFConversionError.notInstalled.message)), "the English reason")
            XCTAssertTrue(html.contains("apt-get install"), "what to install")
            XCTAssertTrue(html.contains("href=\"\(Self.publicPath)/plan.docx\""), "the Word file instead")
        }
        try await app.test(.GET, "/plans/\(plan.id)/export/pdf?lang=en") { res async throws in
            XCTAssertEqual(res.status, .serviceUnavailable)
            XCTAssertTrue(res.body.string.contains("The PDF cannot be made"))
            XCTAssertTrue(res.body.string.contains("href=\"/plans/\(plan.id.uuidString.lowercased())/export/docx\""))
        }
        try await app.test(.GET, "/api/v1/plans/\(plan.id)/export?format=pdf") { res async throws in
            XCTAssertEqual(res.status, .serviceUnavailable)
            let error = try res.content.decode(ErrorResponse.self)
            XCTAssertEqual(error.status, 503)
            XCTAssertTrue(error.reason.contains("LibreOffice"), error.reason)
            XCTAssertTrue(error.reason.contains("apt-get install"), error.reason)
            XCTAssertTrue(error.reasonThai.contains("LibreOffice"), error.reasonThai)
        }
        // The other formats are unaffected.
        try await app.test(.GET, "\(Self.publicPath)/plan.docx") { res async throws in XCTAssertEqual(res.status, .ok) }
    }

    func testPDFSettingDisabledMeansNotInstalled() async throws {
        XCTAssertNil(PDFSetting.disabled.resolve())
        XCTAssertNil(ServerSettings.fromEnvironment(["SUJARIT_PDF": "off"]).pdf.resolve())
        XCTAssertNil(PDFConverter.locate(environment: ["SUJARIT_SOFFICE": "/nonexistent/soffice"]))
        XCTAssertEqual(ServerSettings.fromEnvironment(["SUJARIT_PUBLIC_URL": "https://sujarit.example/"]).publicBaseURL, "https://sujarit.example")
    }

    func testPDFFromTheConverterIsServedAndCachedForPublishedRevisions() async throws {
        let plan = try await loadDemo()
        let fake = FakePDFConverter()
        app.pdfService = PDFService(converter: fake)
        for _ in 0..<2 {
            try await app.test(.GET, "\(Self.publicPath)/plan.pdf") { res async throws in
                XCTAssertEqual(res.status, .ok)
                XCTAssertEqual(res.body.string, "%PDF-fake")
                XCTAssertEqual(self.header(res, .contentType), "application/pdf")
                XCTAssertEqual(self.header(res, .contentDisposition),
                               "attachment; filename=\"nong-sujarit-plan-2566-2570-r1.pdf\"; filename*=UTF-8''nong-sujarit-plan-2566-2570-r1.pdf")
            }
        }
        XCTAssertEqual(fake.calls, 1, "the second request for the published revision comes from the cache")
        try await app.test(.GET, "/api/v1/plans/\(plan.id)/export?format=pdf") { res async throws in
            XCTAssertEqual(res.status, .ok)
            XCTAssertEqual(res.body.string, "%PDF-fake")
        }
        XCTAssertEqual(fake.calls, 1, "the same revision through the API is the same PDF")

        // A draft is converted every time: it may change between two requests.
        let a = try await makeOrganization(slug: "pdf-draft")
        try await makeUser("editor-p", role: .editor, in: a)
        let draft = try await PlanStore(db).create(demoPlan(for: a))
        let token = try await token("editor-p")
        for _ in 0..<2 {
            try await app.test(.GET, "/plans/\(draft.id)/export/pdf", headers: bearer(token)) { res async throws in
                XCTAssertEqual(res.status, .ok)
                XCTAssertEqual(res.body.string, "%PDF-fake")
            }
        }
        XCTAssertEqual(fake.calls, 3)
        let conversions = await app.pdfService.conversions
        XCTAssertEqual(conversions, 3)
    }

    func testPDFConversionFailureAndTimeoutAreClearErrors() async throws {
        let plan = try await loadDemo()
        app.pdfService = PDFService(converter: FakePDFConverter(result: .failure(.timedOut(seconds: 120))))
        try await app.test(.GET, "/api/v1/plans/\(plan.id)/export?format=pdf") { res async throws in
            XCTAssertEqual(res.status, .serviceUnavailable)
            XCTAssertTrue(try res.content.decode(ErrorResponse.self).reason.contains("120"))
        }
        app.pdfService = PDFService(converter: FakePDFConverter(result: .failure(.failed(status: 77, output: "/secret/path crashed"))))
        try await app.test(.GET, "\(Self.publicPath)/plan.pdf") { res async throws in
            XCTAssertEqual(res.status, .internalServerError)
            XCTAssertFalse(res.body.string.contains("/secret/path"), "LibreOffice's output stays in the log")
            XCTAssertTrue(res.body.string.contains("plan.docx"))
        }
    }

    func testPDFServiceConvertsOneAtATimeAndBoundsItsCache() async throws {
        let fake = FakePDFConverter(delay: 0.05)
        let service = PDFService(converter: fake, cacheEntries: 2)
        let organization = DemoData.organization
        let context = ExportContext(organization: organization)
        var drafts: [Plan] = []
        for _ in 0..<4 {
            var plan = DemoData.plan().withFreshIDs()
            plan.status = .draft
            drafts.append(plan)
        }
        try await withThrowingTaskGroup(of: Data.self) { group in
            for plan in drafts {
                group.addTask { try await service.pdf(for: plan, context: context) }
            }
            for try await data in group { XCTAssertEqual(data, Data("%PDF-fake".utf8)) }
        }
        XCTAssertEqual(fake.calls, 4)
        XCTAssertEqual(fake.mostAtOnce, 1, "one conversion at a time")
        let cachedDrafts = await service.cachedCount
        XCTAssertEqual(cachedDrafts, 0, "drafts are not kept")

        // Four requests at once for one published revision: one conversion.
        let published = DemoData.plan()
        try await withThrowingTaskGroup(of: Data.self) { group in
            for _ in 0..<4 { group.addTask { try await service.pdf(for: published, context: context) } }
            for try await _ in group {}
        }
        XCTAssertEqual(fake.calls, 5, "the requests that waited got the PDF just made")

        // At most two kept: the oldest goes.
        var others: [Plan] = []
        for _ in 0..<2 {
            var plan = DemoData.plan().withFreshIDs()
            plan.status = .published
            others.append(plan)
            _ = try await service.pdf(for: plan, context: context)
        }
        let cached = await service.cachedCount
        XCTAssertEqual(cached, 2)
        _ = try await service.pdf(for: published, context: context)
        XCTAssertEqual(fake.calls, 8, "the first published PDF was dropped from the cache and made again")
        _ = try await service.pdf(for: others[1], context: context)
        XCTAssertEqual(fake.calls, 8, "the most recent ones are still kept")
    }

    // MARK: Pages

    func testPublicPageLinksToTheStableFiles() async throws {
        let plan = try await loadDemo()
        try await app.test(.GET, Self.publicPath) { res async throws in
            let html = res.body.string
            XCTAssertTrue(html.contains("<p class=\"downloads\">ดาวน์โหลด: "))
            for format in ExportFormat.allCases {
                XCTAssertTrue(html.contains("<a href=\"\(Self.publicPath)/plan.\(format.fileExtension)\" type=\"\(format.mediaType)\">\(format.label)</a>"), format.rawValue)
            }
            XCTAssertTrue(html.contains(">Word</a> · <a"))
        }
        try await app.test(.GET, "\(Self.publicPath)?lang=en") { res async throws in
            XCTAssertTrue(res.body.string.contains("Download: "))
        }
        // The page of one revision links to that revision's files.
        try await app.test(.GET, "/plans/\(plan.id)") { res async throws in
            XCTAssertTrue(res.body.string.contains("href=\"/plans/\(plan.id.uuidString.lowercased())/export/xlsx\""))
        }
        try await app.test(.GET, "/assets/app.css") { res async throws in
            let css = res.body.string
            for rule in ["@media print", "thead { display: table-header-group; }", "tr { break-inside: avoid;", "@page { size: A4; margin: 2cm; }",
                         "size: A4 landscape", ".downloads"] {
                XCTAssertTrue(css.contains(rule), rule)
            }
        }
    }

    func testContentDispositionOfANonASCIIName() {
        let value = PlanExports.attachment("แผน 2568 \"ร่าง\".docx")
        XCTAssertTrue(value.hasPrefix("attachment; filename=\"___ 2568 ______.docx\"; filename*=UTF-8''"), value)
        XCTAssertTrue(value.hasSuffix("%E0%B9%81%E0%B8%9C%E0%B8%99%202568%20%22%E0%B8%A3%E0%B9%88%E0%B8%B2%E0%B8%87%22.docx"), value)
    }
}
