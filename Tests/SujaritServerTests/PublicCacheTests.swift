import Foundation
import XCTest
import XCTVapor
import FluentKit
import SujaritCore
@_spi(Fixtures) import SujaritPersistence
import SujaritAPIModels
import SujaritDemo
import SujaritExport
@testable import SujaritServer

/// The cache of published revisions (`PublishedCache`, `PublicReading`): what the public reads
/// is the latest published revision at once, drafts never enter, ETag/304, and the cache stays
/// within its byte budget.
final class PublicCacheTests: ServerTestCase {
    override class var usesSQLiteFile: Bool { true }

    struct Published {
        var organization: Organization
        var plan: Plan
        var token: String
    }

    /// An organization with an admin (token) and a published 2566–2570 plan titled `title`.
    func publishedPlan(slug: String = "cache-org", title: String = "ฉบับแรก") async throws -> Published {
        let organization = try await makeOrganization(slug: slug)
        try await makeUser("\(slug)-admin", role: .admin, in: organization)
        var plan = demoPlan(for: organization, status: .published)
        plan.title = title
        let stored = try await PlanStore(db).create(plan)
        return Published(organization: organization, plan: stored, token: try await token("\(slug)-admin"))
    }

    func get(_ path: String, headers: HTTPHeaders = [:], on application: Application? = nil) async throws -> (HTTPStatus, HTTPHeaders, String) {
        var result: (HTTPStatus, HTTPHeaders, String) = (.internalServerError, [:], "")
        try await (application ?? app).test(.GET, path, headers: headers, afterResponse: { res async throws in
            result = (res.status, res.headers, res.body.string)
        })
        return result
    }

    /// Publishes `draft` through the API (submit, approve, publish) as the organization's admin.
    func publishThroughAPI(_ draft: Plan, token: String, on application: Application? = nil) async throws {
        var version = draft.version
        for action in ["submit", "approve", "publish"] {
            try await (application ?? app).test(.POST, "/api/v1/plans/\(draft.id)/transitions", headers: bearer(token), beforeRequest: { req async throws in
                req.headers.contentType = .json
                req.body = ByteBuffer(string: #"{"action":"\#(action)","version":\#(version)}"#)
            }, afterResponse: { res async throws in
                XCTAssertEqual(res.status, .ok, "\(action): \(res.body.string.prefix(500))")
                version = try res.content.decode(PlanResponse.self, using: JSONDecoder.custom(dates: .iso8601)).plan.version
            })
        }
    }

    /// A draft second revision of `published` with a new title, stored as any editor would.
    func draftRevision(of published: Plan, title: String) async throws -> Plan {
        let store = PlanStore(db)
        var draft = try await store.createRevision(from: published)
        draft.title = title
        return try await store.save(draft, expectedVersion: draft.version)
    }

    func latestPath(_ organization: Organization) -> String { "/o/\(organization.slug)/plan/2566-2570" }

    // MARK: A new publish is visible at the latest address at once

    func testNewPublishIsServedAtTheLatestAddressAtOnce() async throws {
        let first = try await publishedPlan()
        let path = latestPath(first.organization)

        var (status, headers, body) = try await get(path)
        XCTAssertEqual(status, .ok)
        XCTAssertTrue(body.contains("ฉบับแรก"))

        // A draft of the next revision is not what the public reads.
        let draft = try await draftRevision(of: first.plan, title: "ฉบับสอง")
        (status, _, body) = try await get(path)
        XCTAssertTrue(body.contains("ฉบับแรก"))
        XCTAssertFalse(body.contains("ฉบับสอง"))

        // The API says the first revision is the one served…
        (_, _, body) = try await get("/api/v1/plans/\(first.plan.id)")
        XCTAssertTrue(body.contains("\"publicURL\":\"\(path)\""), body.prefix(300).description)

        // …until the second is published; then both change on the next request.
        try await publishThroughAPI(draft, token: first.token)
        (status, _, body) = try await get(path)
        XCTAssertEqual(status, .ok)
        XCTAssertTrue(body.contains("ฉบับสอง"), "the new revision at once")
        XCTAssertFalse(body.contains("ฉบับแรก"))
        (_, _, body) = try await get("/api/v1/plans/\(first.plan.id)")
        XCTAssertFalse(body.contains("publicURL\":\"/"), "the old revision is no longer the one served")
        // The old revision stays readable at its own address.
        (status, _, body) = try await get("/plans/\(first.plan.id)")
        XCTAssertEqual(status, .ok)
        XCTAssertTrue(body.contains("ฉบับแรก"))
    }

    func testOrganizationChangeReachesCachedPages() async throws {
        let first = try await publishedPlan()
        var (_, _, body) = try await get("/plans/\(first.plan.id)")
        XCTAssertTrue(body.contains(first.organization.name))
        // Renamed elsewhere (another server, or the store directly): seen once the bound has passed.
        var renamed = first.organization
        renamed.name = "เทศบาลตำบลชื่อใหม่"
        try await OrganizationStore(db).update(renamed)
        let later = Date().addingTimeInterval(app.publishedCache.bound + 1)
        app.sujaritClock = { later }
        (_, _, body) = try await get("/plans/\(first.plan.id)")
        XCTAssertTrue(body.contains("เทศบาลตำบลชื่อใหม่"))
    }

    // MARK: Drafts are never cached for the public

    func testDraftsAreNeverCached() async throws {
        let organization = try await makeOrganization(slug: "draft-org")
        try await makeUser("draft-viewer", role: .viewer, in: organization)
        let draft = try await PlanStore(db).create(demoPlan(for: organization, status: .draft))

        for path in ["/plans/\(draft.id)", "/api/v1/plans/\(draft.id)", "/plans/\(draft.id)/items/\(draft.items[0].id)", latestPath(organization)] {
            let (status, headers, _) = try await get(path)
            XCTAssertEqual(status, .notFound, path)
            XCTAssertEqual(headers.first(name: .cacheControl), "no-store", path)
        }
        // A member reads the draft, and nothing of it is kept.
        var browser = Browser(app)
        try await browser.signIn("draft-viewer", password: Self.password)
        let page = try await browser.get("/plans/\(draft.id)")
        XCTAssertEqual(page.status, .ok)
        XCTAssertEqual(app.publishedCache.rendered.usage.count, 0)
        XCTAssertEqual(app.publishedCache.facts.usage.count, 0)

        // Signed-in readers of a published plan get their own page, which is not kept either.
        let published = try await PlanStore(db).create(demoPlan(for: organization, status: .published))
        let signedIn = try await browser.get("/plans/\(published.id)")
        XCTAssertEqual(signedIn.status, .ok)
        XCTAssertEqual(app.publishedCache.rendered.usage.count, 0)
        // The same revision for the public is kept.
        let (status, _, _) = try await get("/plans/\(published.id)")
        XCTAssertEqual(status, .ok)
        XCTAssertEqual(app.publishedCache.rendered.usage.count, 1)
    }

    // MARK: ETag and 304

    func testStrongETagAndNotModified() async throws {
        let first = try await publishedPlan()
        for (path, cacheControl) in [("/plans/\(first.plan.id)", PublicReading.revisionCacheControl),
                                     ("/api/v1/plans/\(first.plan.id)", PublicReading.latestCacheControl),
                                     ("/plans/\(first.plan.id)/items/\(first.plan.items[0].id)", PublicReading.revisionCacheControl)] {
            let (status, headers, body) = try await get(path)
            XCTAssertEqual(status, .ok, path)
            XCTAssertEqual(headers.first(name: .cacheControl), cacheControl, path)
            let etag = try XCTUnwrap(headers.first(name: .eTag), path)
            XCTAssertTrue(etag.hasPrefix("\"") && etag.hasSuffix("\"") && !etag.hasPrefix("W/"), "strong: \(etag)")

            // The same bytes again, with the same tag.
            let again = try await get(path)
            XCTAssertEqual(again.2, body, path)
            XCTAssertEqual(again.1.first(name: .eTag), etag)

            for sent in [etag, "W/\(etag)", "\"other\", \(etag)", "*"] {
                let (status, headers, body) = try await get(path, headers: ["If-None-Match": sent])
                XCTAssertEqual(status, .notModified, "\(path) If-None-Match: \(sent)")
                XCTAssertTrue(body.isEmpty)
                XCTAssertEqual(headers.first(name: .eTag), etag)
            }
            let (other, _, _) = try await get(path, headers: ["If-None-Match": "\"not-this-one\""])
            XCTAssertEqual(other, .ok)
        }
        // Thai and English pages are different bytes with different tags.
        let thai = try await get("/plans/\(first.plan.id)?lang=th")
        let english = try await get("/plans/\(first.plan.id)?lang=en")
        XCTAssertNotEqual(thai.1.first(name: .eTag), english.1.first(name: .eTag))
        XCTAssertTrue(english.2.contains("lang=\"en\""))
    }

    // MARK: gzip

    func gunzip(_ data: Data) throws -> Data {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", "gzip -dc"]
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        input.fileHandleForWriting.write(data)
        try input.fileHandleForWriting.close()
        let result = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 0, "a valid gzip file")
        return result
    }

    func testKeptTextIsSentGzippedToClientsThatAcceptIt() async throws {
        let first = try await publishedPlan()
        for path in [latestPath(first.organization), "/plans/\(first.plan.id)", "/api/v1/plans/\(first.plan.id)",
                     "\(latestPath(first.organization))/plan.csv"] {
            let plain = try await download(path)
            XCTAssertEqual(plain.0, .ok, path)
            XCTAssertNil(plain.1.first(name: .contentEncoding), "no Accept-Encoding: identity")
            XCTAssertEqual(plain.1.first(name: .vary), "Accept-Encoding", path)
            let etag = try XCTUnwrap(plain.1.first(name: .eTag))
            let (status, headers, body) = try await download(path, headers: ["Accept-Encoding": "br;q=1.0, gzip;q=0.8, *;q=0.1"])
            XCTAssertEqual(status, .ok)
            XCTAssertEqual(headers.first(name: .contentEncoding), "gzip", path)
            XCTAssertEqual(headers.first(name: .contentType), plain.1.first(name: .contentType))
            let gzipTag = try XCTUnwrap(headers.first(name: .eTag))
            XCTAssertNotEqual(gzipTag, etag, "another representation, another strong tag")
            XCTAssertLessThan(body.count, plain.2.count / 3, path)
            XCTAssertEqual(try gunzip(body), plain.2, "\(path): the same bytes once unzipped")
            // Either tag revalidates; gzip;q=0 is refused.
            for sent in [etag, gzipTag] {
                let (status, _, _) = try await download(path, headers: ["Accept-Encoding": "gzip", "If-None-Match": sent])
                XCTAssertEqual(status, .notModified, "\(path) If-None-Match: \(sent)")
            }
            let refused = try await download(path, headers: ["Accept-Encoding": "gzip;q=0, identity"])
            XCTAssertNil(refused.1.first(name: .contentEncoding))
            XCTAssertEqual(refused.2, plain.2)
        }
        // Documents that are ZIP files already are sent as they are.
        let (_, headers, _) = try await download("\(latestPath(first.organization))/plan.docx", headers: ["Accept-Encoding": "gzip"])
        XCTAssertNil(headers.first(name: .contentEncoding))
    }

    // MARK: Documents of published revisions

    /// Status, headers and bytes of a download.
    func download(_ path: String, headers: HTTPHeaders = [:], on application: Application? = nil) async throws -> (HTTPStatus, HTTPHeaders, Data) {
        var result: (HTTPStatus, HTTPHeaders, Data) = (.internalServerError, [:], Data())
        try await (application ?? app).test(.GET, path, headers: headers, afterResponse: { res async throws in
            result = (res.status, res.headers, Data(res.body.readableBytesView))
        })
        return result
    }

    func testPublishedDocumentsComeFromTheCacheWithStrongETagAnd304() async throws {
        let first = try await publishedPlan()
        let fake = FakePDFConverter()
        app.pdfService = PDFService(converter: fake)
        let latest = latestPath(first.organization)
        let revision = "/plans/\(first.plan.id)/export"
        for format in ExportFormat.allCases {
            let path = "\(latest)/plan.\(format.fileExtension)"
            let (status, headers, body) = try await download(path)
            XCTAssertEqual(status, .ok, path)
            XCTAssertEqual(headers.first(name: .contentType), format.mediaType, path)
            XCTAssertEqual(headers.first(name: .cacheControl), PublicReading.latestCacheControl, path)
            XCTAssertTrue(headers.first(name: .contentDisposition)?.hasPrefix("attachment; filename=\"cache-org-plan-2566-2570-r1.") ?? false,
                          headers.first(name: .contentDisposition) ?? "no Content-Disposition")
            let etag = try XCTUnwrap(headers.first(name: .eTag), path)
            XCTAssertEqual(etag, PublishedCache.strongETag(ByteBuffer(data: body)), "a strong tag of the bytes")
            let key = RenderedKey(planID: first.plan.id, representation: .document(format))
            XCTAssertEqual(app.publishedCache.rendered.value(for: key)?.etag, etag, "\(format.rawValue) kept by revision id")

            // The second download is the kept bytes (marked here to tell them from new ones).
            var kept = try XCTUnwrap(app.publishedCache.rendered.value(for: key))
            kept.body = ByteBuffer(string: "kept \(format.rawValue)")
            app.publishedCache.rendered.set(kept, for: key, cost: 100)
            let again = try await download(path)
            XCTAssertEqual(String(decoding: again.2, as: UTF8.self), "kept \(format.rawValue)", "\(path) from the cache")
            // The revision's own address and the API share the copy, immutable / revalidated.
            let own = try await download("\(revision)/\(format.rawValue)")
            XCTAssertEqual(String(decoding: own.2, as: UTF8.self), "kept \(format.rawValue)")
            XCTAssertEqual(own.1.first(name: .cacheControl), PublicReading.revisionCacheControl)
            let api = try await download("/api/v1/plans/\(first.plan.id)/export?format=\(format.rawValue)")
            XCTAssertEqual(String(decoding: api.2, as: UTF8.self), "kept \(format.rawValue)")

            // If-None-Match: 304 without a body at every address.
            for address in [path, "\(revision)/\(format.rawValue)", "/api/v1/plans/\(first.plan.id)/export?format=\(format.rawValue)"] {
                let (status, headers, body) = try await download(address, headers: ["If-None-Match": etag])
                XCTAssertEqual(status, .notModified, address)
                XCTAssertTrue(body.isEmpty, address)
                XCTAssertEqual(headers.first(name: .eTag), etag, address)
            }
            let (other, _, _) = try await download(path, headers: ["If-None-Match": "\"not-this-one\""])
            XCTAssertEqual(other, .ok)
        }
        XCTAssertEqual(fake.calls, 1, "one PDF conversion for every download of the revision")
    }

    func testADocumentThatCannotBeMadeIsAnsweredAndNotKept() async throws {
        let first = try await publishedPlan()
        app.pdfService = PDFService(converter: nil)
        let path = "\(latestPath(first.organization))/plan.pdf"
        let (status, headers, _) = try await download(path)
        XCTAssertEqual(status, .serviceUnavailable)
        XCTAssertEqual(headers.first(name: .cacheControl), "no-store")
        XCTAssertNil(app.publishedCache.rendered.value(for: RenderedKey(planID: first.plan.id, representation: .document(.pdf))))
        app.pdfService = PDFService(converter: FakePDFConverter())
        let (later, _, body) = try await download(path)
        XCTAssertEqual(later, .ok, "once LibreOffice is there")
        XCTAssertEqual(String(decoding: body, as: UTF8.self), "%PDF-fake")
    }

    func testDraftDocumentsAreNeverCachedForThePublic() async throws {
        let organization = try await makeOrganization(slug: "draft-docs")
        try await makeUser("draft-docs-editor", role: .editor, in: organization)
        let draft = try await PlanStore(db).create(demoPlan(for: organization, status: .draft))
        for path in ["/plans/\(draft.id)/export/docx", "/api/v1/plans/\(draft.id)/export?format=xlsx",
                     "\(latestPath(organization))/plan.docx"] {
            let (status, headers, _) = try await download(path)
            XCTAssertEqual(status, .notFound, path)
            XCTAssertEqual(headers.first(name: .cacheControl), "no-store", path)
        }
        // A member downloads the draft: made for them, kept nowhere.
        let token = try await token("draft-docs-editor")
        for format in [ExportFormat.docx, .xlsx] {
            let (status, headers, body) = try await download("/plans/\(draft.id)/export/\(format.rawValue)", headers: bearer(token))
            XCTAssertEqual(status, .ok)
            XCTAssertTrue(body.starts(with: Array("PK".utf8)))
            XCTAssertEqual(headers.first(name: .cacheControl), "no-store")
        }
        XCTAssertEqual(app.publishedCache.rendered.usage.count, 0)
        XCTAssertEqual(app.publishedCache.facts.usage.count, 0)
        // A member's download of a published revision is theirs too; the public's is kept.
        let published = try await PlanStore(db).create(demoPlan(for: organization, status: .published))
        let (status, headers, _) = try await download("/plans/\(published.id)/export/docx", headers: bearer(token))
        XCTAssertEqual(status, .ok)
        XCTAssertEqual(headers.first(name: .cacheControl), "no-store")
        XCTAssertEqual(app.publishedCache.rendered.usage.count, 0)
        let (publicStatus, _, _) = try await download("/plans/\(published.id)/export/docx")
        XCTAssertEqual(publicStatus, .ok)
        XCTAssertEqual(app.publishedCache.rendered.usage.count, 1)
    }

    func testNewPublishReplacesTheDocumentsAtTheLatestAddressAtOnce() async throws {
        let first = try await publishedPlan()
        let path = "\(latestPath(first.organization))/plan.json"
        var (status, headers, body) = try await download(path)
        XCTAssertEqual(status, .ok)
        XCTAssertTrue(String(decoding: body, as: UTF8.self).contains("ฉบับแรก"))
        let etag = try XCTUnwrap(headers.first(name: .eTag))

        let draft = try await draftRevision(of: first.plan, title: "ฉบับสอง")
        (status, _, _) = try await download(path, headers: ["If-None-Match": etag])
        XCTAssertEqual(status, .notModified, "a draft changes nothing the public downloads")

        try await publishThroughAPI(draft, token: first.token)
        (status, headers, body) = try await download(path, headers: ["If-None-Match": etag])
        XCTAssertEqual(status, .ok, "the new revision at once: the old tag no longer matches")
        XCTAssertTrue(String(decoding: body, as: UTF8.self).contains("ฉบับสอง"))
        XCTAssertNotEqual(headers.first(name: .eTag), etag)
        let (_, _, docx) = try await download("\(latestPath(first.organization))/plan.docx")
        XCTAssertNotNil(app.publishedCache.rendered.value(for: RenderedKey(planID: draft.id, representation: .document(.docx))))
        XCTAssertTrue(docx.starts(with: Array("PK".utf8)))
        // The first revision's own file is still the first.
        (status, _, body) = try await download("/plans/\(first.plan.id)/export/json")
        XCTAssertEqual(status, .ok)
        XCTAssertTrue(String(decoding: body, as: UTF8.self).contains("ฉบับแรก"))
    }

    func testAPublishedRevisionsDocumentIsTheSameBytesEveryTime() async throws {
        let first = try await publishedPlan()
        let draft = try await draftRevision(of: first.plan, title: "ฉบับสอง")
        try await publishThroughAPI(draft, token: first.token)
        // No cache: each download is made again, an hour apart, and is the same file (dated by
        // its publication), so every server gives the same tag.
        app.publishedCache = PublishedCache(byteLimit: 0, clock: app.dependencyClock)
        let clock = TestClock(Date())
        app.sujaritClock = { clock.now }
        for format in [ExportFormat.docx, .xlsx, .json] {
            let path = "/plans/\(draft.id)/export/\(format.rawValue)"
            let one = try await download(path)
            clock.advance(3_600)
            let two = try await download(path)
            XCTAssertEqual(one.0, .ok)
            XCTAssertEqual(one.2, two.2, format.rawValue)
            XCTAssertEqual(one.1.first(name: .eTag), two.1.first(name: .eTag))
            XCTAssertEqual(one.1.first(name: .cacheControl), PublicReading.latestCacheControl)
            let etag = try XCTUnwrap(one.1.first(name: .eTag))
            let (status, _, body) = try await download(path, headers: ["If-None-Match": etag])
            XCTAssertEqual(status, .notModified, "\(format.rawValue): 304 without the cache too")
            XCTAssertTrue(body.isEmpty)
        }
    }

    // MARK: Bounded

    func testCacheStaysWithinItsByteBudget() async throws {
        let first = try await publishedPlan()
        let (_, _, page) = try await get("/plans/\(first.plan.id)")
        let pageBytes = page.utf8.count
        // Room for about two pages.
        app.publishedCache = PublishedCache(byteLimit: pageBytes * 2 + 1_000, clock: app.dependencyClock)
        var paths = ["/plans/\(first.plan.id)?lang=th", "/plans/\(first.plan.id)?lang=en", latestPath(first.organization)]
        paths += first.plan.items.prefix(3).map { "/plans/\(first.plan.id)/items/\($0.id)" }
        for path in paths {
            let (status, _, _) = try await get(path)
            XCTAssertEqual(status, .ok, path)
            let usage = app.publishedCache.rendered.usage
            XCTAssertLessThanOrEqual(usage.cost, app.publishedCache.byteLimit)
        }
        XCTAssertLessThan(app.publishedCache.rendered.usage.count, paths.count, "older entries were evicted")
        // A cache of no bytes keeps nothing and still answers.
        app.publishedCache = PublishedCache(byteLimit: 0, clock: app.dependencyClock)
        let (status, _, body) = try await get("/plans/\(first.plan.id)")
        XCTAssertEqual(status, .ok)
        XCTAssertTrue(body.contains("ฉบับแรก"))
        XCTAssertEqual(app.publishedCache.rendered.usage.count, 0)
    }

    func testBoundedCacheEvictsLeastRecentlyUsed() {
        let cache = BoundedCache<String, Int>(costLimit: 10, countLimit: 3)
        cache.set(1, for: "a", cost: 4)
        cache.set(2, for: "b", cost: 4)
        XCTAssertEqual(cache.value(for: "a"), 1)  // a is now newer than b
        cache.set(3, for: "c", cost: 4)           // 12 > 10: the least recently used (b) goes
        XCTAssertNil(cache.value(for: "b"))
        XCTAssertEqual(cache.value(for: "a"), 1)
        XCTAssertEqual(cache.value(for: "c"), 3)
        XCTAssertEqual(cache.usage.cost, 8)
        cache.set(9, for: "huge", cost: 11)       // dearer than the budget: not kept, nothing lost
        XCTAssertNil(cache.value(for: "huge"))
        XCTAssertEqual(cache.usage.count, 2)
        cache.set(4, for: "d", cost: 1)
        cache.set(5, for: "e", cost: 1)           // four entries > countLimit 3: the oldest (a) goes
        XCTAssertNil(cache.value(for: "a"))
        XCTAssertEqual(cache.usage.count, 3)
        cache.set(6, for: "c", cost: 2)           // replacing keeps one entry with the new cost
        XCTAssertEqual(cache.value(for: "c"), 6)
        XCTAssertEqual(cache.usage.cost, 4)
        cache.removeAll(where: { $0 == "d" })
        XCTAssertEqual(cache.usage.count, 2)
    }

    // MARK: The latest address shows the latest approved monitoring round

    /// A 6-month round of 2568 on the plan, every record filled (through the monitoring
    /// decisions, straight to the store), not yet approved.
    func filledRound(_ plan: Plan) async throws -> MonitoringRound {
        let store = MonitoringStore(db)
        let actor = ActingUser(userID: nil, role: .admin)
        var state = MonitoringState(organizationID: plan.organizationID, plan: plan, planSeriesID: plan.id)
        var round = try await store.apply(try MonitoringWorkflow.decide(.open(year: DemoMonitoring.fiscalYear, kind: DemoMonitoring.kind),
                                                                        by: actor, on: state, expectedVersion: nil, context: .live))
        for record in round.records {
            state.round = round
            round = try await store.apply(try MonitoringWorkflow.decide(.editRecord(recordID: record.id, DemoMonitoring.input(for: record)),
                                                                        by: actor, on: state, expectedVersion: round.version, context: .live))
        }
        return round
    }

    /// A round transition through the API, as the organization's admin; the round's new version.
    @discardableResult
    func roundTransition(_ round: UUID, _ action: String, version: Int, token: String, reason: String? = nil) async throws -> Int {
        var next = version
        var body: [String: Any] = ["action": action, "version": version]
        if let reason { body["reason"] = reason }
        var headers = bearer(token)
        headers.contentType = .json
        try await app.test(.POST, "/api/v1/rounds/\(round.uuidString.lowercased())/transitions", headers: headers,
                           body: ByteBuffer(data: try JSONSerialization.data(withJSONObject: body))) { res async throws in
            XCTAssertEqual(res.status, .ok, "\(action): \(res.body.string.prefix(400))")
            next = (try JSONSerialization.jsonObject(with: Data(res.body.string.utf8)) as? [String: Any])?["version"] as? Int ?? version
        }
        return next
    }

    func testRoundApprovalReachesTheCachedLatestAddressAtOnceAndASecondServerWithinTheBound() async throws {
        let first = try await publishedPlan()
        let path = latestPath(first.organization)
        let second = try await Application.make(.testing)
        var database = Self.databaseSetting
        if let file = sqliteFile, !database.isPostgres { database = .sqliteFile(path: file.path) }
        try await configure(second, settings: ServerSettings(database: database, autoMigrate: false, passwordCost: 4))
        let clock = TestClock()
        second.sujaritClock = { clock.now }
        do {
            let round = try await filledRound(first.plan)
            let link = "/rounds/\(round.id.uuidString.lowercased())"
            // No approved round yet: no status beside the items, on either server.
            var (status, headers, body) = try await get(path)
            XCTAssertEqual(status, .ok)
            XCTAssertFalse(body.lowercased().contains(link))
            XCTAssertEqual(headers.first(name: .cacheControl), PublicReading.latestCacheControl)
            let etag = try XCTUnwrap(headers.first(name: .eTag))
            XCTAssertEqual(app.publishedCache.rendered.usage.count, 1, "the latest address is kept")
            (status, _, _) = try await get(path, headers: ["If-None-Match": etag])
            XCTAssertEqual(status, .notModified)
            (_, _, body) = try await get(path, on: second)
            XCTAssertFalse(body.lowercased().contains(link))

            // Approved through the first server: its next answer shows the round at once.
            var version = try await roundTransition(round.id, "approve", version: round.version, token: first.token)
            (status, headers, body) = try await get(path, headers: ["If-None-Match": etag])
            XCTAssertEqual(status, .ok, "new bytes, so the old tag no longer matches")
            XCTAssertTrue(body.lowercased().contains(link), "the approved round's status beside the items")
            XCTAssertNotEqual(headers.first(name: .eTag), etag)
            XCTAssertEqual(app.publishedCache.rendered.value(for: RenderedKey(
                planID: first.plan.id, representation: .page(language: .thai, path: path, latestAddress: true)))?.context.round,
                RoundMark(id: round.id, version: version), "kept under the round's id and version")
            // The second server within its bound.
            (_, _, body) = try await get(path, on: second)
            XCTAssertFalse(body.lowercased().contains(link), "the second server trusts its pointer within the bound")
            clock.advance(second.publishedCache.bound + 0.5)
            (_, _, body) = try await get(path, on: second)
            XCTAssertTrue(body.lowercased().contains(link), "the second server once the bound has passed")

            // Reopened (with a reason): gone from the page at once, and from the second within the bound.
            version = try await roundTransition(round.id, "reopen", version: version, token: first.token, reason: "แก้ไขยอดเบิกจ่าย")
            (_, _, body) = try await get(path)
            XCTAssertFalse(body.lowercased().contains(link), "a reopened round is no longer shown")
            clock.advance(second.publishedCache.bound + 0.5)
            (_, _, body) = try await get(path, on: second)
            XCTAssertFalse(body.lowercased().contains(link))
            // Approved again (a new version): shown again at once.
            version = try await roundTransition(round.id, "approve", version: version, token: first.token)
            (_, _, body) = try await get(path)
            XCTAssertTrue(body.lowercased().contains(link))
            // What the cache serves is what the page made without it shows.
            var browser = Browser(app)
            try await browser.signIn("cache-org-admin", password: Self.password)
            let signedIn = try await browser.get(path)
            XCTAssertEqual(signedIn.status, .ok)
            XCTAssertTrue(signedIn.body.lowercased().contains(link))
        } catch {
            try? await second.asyncShutdown()
            throw error
        }
        try await second.asyncShutdown()
    }

    // MARK: One rendering at a time

    final class Renders: @unchecked Sendable {
        private let lock = NSLock()
        private var count = 0
        func add() { lock.lock(); count += 1; lock.unlock() }
        var value: Int { lock.lock(); defer { lock.unlock() }; return count }
    }

    /// Forty requests for the same page that is not kept yet: one renders it, the others wait
    /// and take its bytes (no crowd of renderings when a page is first asked for).
    func testConcurrentMissesRenderOnce() async throws {
        let cache = PublishedCache(clock: { Date() })
        let renders = Renders()
        let key = RenderedKey(planID: UUID(), representation: .apiJSON)
        let context = PublishedContext(organization: Organization(slug: "crowd", kind: .subdistrict, name: "องค์การบริหารส่วนตำบลคนมาก",
                                                                   district: "", province: "", units: []), isServed: true)
        let tags = try await withThrowingTaskGroup(of: String?.self) { group in
            for _ in 0..<40 {
                group.addTask {
                    try await cache.bytes(key, context: context, contentType: "application/json", render: {
                        renders.add()
                        try await Task.sleep(nanoseconds: 100_000_000)
                        return ByteBuffer(string: "{\"crowd\":true}")
                    })?.etag
                }
            }
            var all: [String?] = []
            for try await tag in group { all.append(tag) }
            return all
        }
        XCTAssertEqual(renders.value, 1, "rendered once for forty requests")
        XCTAssertEqual(Set(tags.compactMap { $0 }).count, 1)
        XCTAssertEqual(tags.count, 40)
        // A rendering that keeps nothing lets the waiting requests render for themselves.
        let second = RenderedKey(planID: UUID(), representation: .apiJSON)
        let results = try await withThrowingTaskGroup(of: Bool.self) { group in
            for _ in 0..<5 {
                group.addTask {
                    try await cache.bytes(second, context: context, contentType: "application/json", rendering: {
                        renders.add()
                        try await Task.sleep(nanoseconds: 20_000_000)
                        return Rendering(body: ByteBuffer(string: "{}"), keep: false)
                    }) != nil
                }
            }
            var all: [Bool] = []
            for try await result in group { all.append(result) }
            return all
        }
        XCTAssertEqual(results, Array(repeating: true, count: 5), "every request is answered")
        XCTAssertEqual(cache.rendered.value(for: second) == nil, true, "nothing kept")
    }

    // MARK: Two servers on one database

    func testSecondServerSeesAPublishWithinTheBound() async throws {
        let first = try await publishedPlan()
        let draft = try await draftRevision(of: first.plan, title: "ฉบับสอง")
        // A second application on the same database, as a second `sujarit serve` would be.
        let second = try await Application.make(.testing)
        var database = Self.databaseSetting
        if let file = sqliteFile, !database.isPostgres { database = .sqliteFile(path: file.path) }
        try await configure(second, settings: ServerSettings(database: database, autoMigrate: false, passwordCost: 4))
        let clock = TestClock()
        second.sujaritClock = { clock.now }
        do {
            let path = latestPath(first.organization)
            var (_, _, body) = try await get(path, on: second)
            XCTAssertTrue(body.contains("ฉบับแรก"))
            try await publishThroughAPI(draft, token: first.token)   // through the first server
            (_, _, body) = try await get(path)
            XCTAssertTrue(body.contains("ฉบับสอง"), "the first server at once")
            clock.advance(second.publishedCache.bound + 0.5)
            (_, _, body) = try await get(path, on: second)
            XCTAssertTrue(body.contains("ฉบับสอง"), "the second server once the bound has passed")
            (_, _, body) = try await get("/api/v1/plans/\(first.plan.id)", on: second)
            XCTAssertFalse(body.contains("publicURL\":\"/"))
        } catch {
            try? await second.asyncShutdown()
            throw error
        }
        try await second.asyncShutdown()
    }

    // MARK: Loading a plan is a fixed number of queries

    func testLoadingAPlanTakesTheSameQueriesWhateverItsSize() async throws {
        let organization = try await makeOrganization(slug: "query-org")
        var small = demoPlan(for: organization, status: .published)
        small.items = Array(small.items.prefix(2))
        small.risks = Array(small.risks.prefix(1)).map { var risk = $0; risk.linkedItemIDs = []; return risk }
        var large = demoPlan(for: organization, status: .published)
        large.firstYear = FiscalYear(2571); large.lastYear = FiscalYear(2575)
        let template = large.items
        large.items = (0..<200).map { index in
            var item = template[index % template.count]
            item.id = UUID()
            item.order = index + 1
            item.budgets = [FiscalYear(2571): .amount(Money(satang: 100_000)), FiscalYear(2572): .noBudget]
            return item
        }
        large.risks = large.risks.map { var risk = $0; risk.linkedItemIDs = []; return risk }
        let storedSmall = try await PlanStore(db).create(small)
        let storedLarge = try await PlanStore(db).create(large)

        func queries(_ id: UUID) async throws -> (Int, Plan?) {
            let counter = QueryCounter()
            let plan = try await PlanStore(CountingDatabase(base: db, counter: counter)).plan(id: id, scope: .publishedOnly)
            return (counter.count, plan)
        }
        let (smallQueries, smallPlan) = try await queries(storedSmall.id)
        let (largeQueries, largePlan) = try await queries(storedLarge.id)
        XCTAssertEqual(smallPlan?.items.count, 2)
        XCTAssertEqual(largePlan?.items.count, 200)
        XCTAssertEqual(smallQueries, largeQueries, "no query per item")
        XCTAssertLessThanOrEqual(largeQueries, 5)
    }
}

final class QueryCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var value = 0
    func add() { lock.lock(); value += 1; lock.unlock() }
    var count: Int { lock.lock(); defer { lock.unlock() }; return value }
}

/// A database that counts the Fluent queries made through it.
struct CountingDatabase: Database {
    let base: any Database
    let counter: QueryCounter

    var context: DatabaseContext { base.context }
    var inTransaction: Bool { base.inTransaction }

    func execute(query: DatabaseQuery, onOutput: @escaping @Sendable (any DatabaseOutput) -> ()) -> EventLoopFuture<Void> {
        counter.add()
        return base.execute(query: query, onOutput: onOutput)
    }

    func execute(schema: DatabaseSchema) -> EventLoopFuture<Void> { base.execute(schema: schema) }
    func execute(enum: DatabaseEnum) -> EventLoopFuture<Void> { base.execute(enum: `enum`) }

    func transaction<T>(_ closure: @escaping @Sendable (any Database) -> EventLoopFuture<T>) -> EventLoopFuture<T> {
        let counter = counter
        return base.transaction { closure(CountingDatabase(base: $0, counter: counter)) }
    }

    func withConnection<T>(_ closure: @escaping @Sendable (any Database) -> EventLoopFuture<T>) -> EventLoopFuture<T> {
        let counter = counter
        return base.withConnection { closure(CountingDatabase(base: $0, counter: counter)) }
    }
}
