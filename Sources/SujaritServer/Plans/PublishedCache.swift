import Foundation
import Vapor
import Fluent
import SujaritCore
import SujaritPersistence
import SujaritExport

/// Rendered bytes of published plan revisions for the public, and the pointers that find them.
///
/// A published revision never changes, so its page, JSON and documents (DOCX, XLSX, PDF, CSV,
/// open-data JSON) are made once and kept (by
/// bytes, least recently used first out). What a representation shows besides the revision
/// itself — the organization's name, address and digit style, and whether the revision is the
/// one its public address serves (`publicURL` in the JSON) — is its `PublishedContext`; a kept
/// representation is used only while the context it was made with is still the current one.
///
/// The current context comes from two small pointer tables, each entry checked against the
/// database again once it is older than `bound`:
/// - latest: (organization slug, years) → the organization and the revision the public address
///   serves (one indexed query: `plans_organization_years_idx`);
/// - facts: revision id → its organization and whether it is the one served.
///
/// `invalidate(organizationID:)` drops the pointers at once (the publish transition calls it),
/// so this server shows a new publish on the next request; another server shows it within
/// `bound`. Drafts never enter: facts are made only for published revisions, and the pointer
/// only names published ones.
final class PublishedCache: @unchecked Sendable {
    /// How old a pointer may be before it is checked against the database again.
    let bound: TimeInterval
    /// Total bytes of rendered representations kept.
    let byteLimit: Int
    /// The clock the bound is measured with: the application's `dependencies.now`, read at each
    /// call (`Application.dependencyClock`), so tests that move the application's time move it.
    let clock: @Sendable () -> Date

    let rendered: BoundedCache<RenderedKey, RenderedBytes>
    let latest: BoundedCache<LatestKey, LatestPointer>
    let facts: BoundedCache<UUID, RevisionFacts>
    /// Overseers' dashboards by area, kept for `bound` and dropped on every invalidation.
    let dashboards: BoundedCache<String, KeptDashboard>
    /// Decoded figures of published revisions (they never change; not dropped by invalidation).
    let figures = FiguresMemo()

    /// Counts every invalidation: a pointer read from the database while an invalidation
    /// happened may already be stale, and is then not kept.
    private let lock = NSLock()
    private var generation = 0
    private var lastInvalidation = Date.distantPast

    static let defaultBound: TimeInterval = 5
    static let defaultByteLimit = 64 << 20

    init(bound: TimeInterval = defaultBound, byteLimit: Int = defaultByteLimit, pointerLimit: Int = 200_000,
         clock: @escaping @Sendable () -> Date) {
        self.bound = max(0, bound)
        self.clock = clock
        self.byteLimit = byteLimit
        rendered = BoundedCache(costLimit: byteLimit)
        // Pointers are small; a count bounds them (about 200 bytes each).
        latest = BoundedCache(costLimit: pointerLimit, countLimit: pointerLimit)
        facts = BoundedCache(costLimit: pointerLimit, countLimit: pointerLimit)
        dashboards = BoundedCache(costLimit: 200, countLimit: 200)
    }

    /// Keeps a dashboard unless an invalidation happened since `generation` was read.
    func keep(_ dashboard: OverseerDashboard, for key: String, readAt generation: Int) {
        guard generation == currentGeneration else { return }
        dashboards.set(KeptDashboard(dashboard: dashboard, madeAt: clock()), for: key, cost: 1)
    }

    /// `SUJARIT_PAGE_CACHE_MB` (default 64; 0 turns the cache off) and
    /// `SUJARIT_CACHE_BOUND_SECONDS` (default 5).
    static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment,
                                clock: @escaping @Sendable () -> Date) -> PublishedCache {
        let megabytes = environment["SUJARIT_PAGE_CACHE_MB"].flatMap { Int($0) }.map { max(0, min($0, 16_384)) }
        let bound = environment["SUJARIT_CACHE_BOUND_SECONDS"].flatMap { TimeInterval($0) }.map { max(0, min($0, 3_600)) }
        return PublishedCache(bound: bound ?? defaultBound, byteLimit: megabytes.map { $0 << 20 } ?? defaultByteLimit, clock: clock)
    }

    // MARK: Invalidation

    /// Called where a plan of the organization is published (and where the organization's
    /// details change): every pointer is read again from the database on its next use. Rendered
    /// bytes stay; they are keyed by revision and checked against the new context.
    func invalidate(organizationID: UUID) {
        lock.lock()
        generation &+= 1
        lastInvalidation = clock()
        lock.unlock()
        // Pointers are cheap to read again, and publishing is rare: drop them all rather than
        // keep an index from organization to pointers.
        latest.removeAll()
        facts.removeAll()
        dashboards.removeAll()
    }

    var currentGeneration: Int {
        lock.lock(); defer { lock.unlock() }
        return generation
    }

    /// Whether this server invalidated within `window` seconds: a read replica may not have
    /// the change yet, so lag-tolerant reads go to the primary meanwhile (`Request.lagTolerantDB`).
    func invalidated(within window: TimeInterval) -> Bool {
        lock.lock(); defer { lock.unlock() }
        let now = clock()
        return now.timeIntervalSince(lastInvalidation) < window && lastInvalidation <= now
    }

    // MARK: Pointers

    /// The organization and the revision served at `/o/{slug}/plan/{years}`, from the table
    /// while younger than `bound`, otherwise from `resolve` (nil: no such organization, not kept).
    func latestPointer(_ key: LatestKey, resolve: () async throws -> LatestPointer?) async throws -> LatestPointer? {
        let now = clock()
        if let pointer = latest.value(for: key), now.timeIntervalSince(pointer.checkedAt) < bound, pointer.checkedAt <= now {
            return pointer
        }
        let generation = currentGeneration
        guard var pointer = try await resolve() else { return nil }
        pointer.checkedAt = now
        if generation == currentGeneration { latest.set(pointer, for: key, cost: 1) }
        return pointer
    }

    /// What is known of a published revision, from the table while younger than `bound`,
    /// otherwise from `resolve` (nil: not published, or not there; never kept).
    func revisionFacts(_ planID: UUID, resolve: () async throws -> RevisionFacts?) async throws -> RevisionFacts? {
        let now = clock()
        if let known = facts.value(for: planID), now.timeIntervalSince(known.checkedAt) < bound, known.checkedAt <= now {
            return known
        }
        let generation = currentGeneration
        guard var known = try await resolve() else { return nil }
        known.checkedAt = now
        if generation == currentGeneration { facts.set(known, for: planID, cost: 1) }
        return known
    }

    // MARK: Rendered bytes

    /// The bytes of `key` made with `context`: kept ones when they were made with the same
    /// context, otherwise `render` (nil: nothing to show; not kept).
    func bytes(_ key: RenderedKey, context: PublishedContext, contentType: String,
               render: () async throws -> ByteBuffer?) async throws -> RenderedBytes? {
        try await bytes(key, context: context, contentType: contentType, rendering: {
            try await render().map { Rendering(body: $0, keep: true) }
        })
    }

    /// As `bytes(_:context:contentType:render:)`, for a rendering that may find the data moved
    /// on from `context` while it read it (then it is answered once and not kept).
    func bytes(_ key: RenderedKey, context: PublishedContext, contentType: String,
               rendering: () async throws -> Rendering?) async throws -> RenderedBytes? {
        if let kept = rendered.value(for: key), kept.context == context { return kept }
        // One rendering per key at a time: requests arriving meanwhile (64 at once when a
        // benchmark starts, or a crowd just after a publish) wait for it and take its bytes.
        let waited = await waitIfRendering(key)
        if waited, let kept = rendered.value(for: key), kept.context == context { return kept }
        defer { if !waited { finishedRendering(key) } }
        guard let made = try await rendering() else { return nil }
        var entry = RenderedBytes(body: made.body, etag: Self.strongETag(made.body), contentType: contentType,
                                  contentDisposition: made.contentDisposition, context: context)
        // Text is also kept gzipped (made once here, not per request): most clients accept it,
        // and sending a seventh of the bytes is most of what a kept page costs to serve.
        if Self.isText(contentType), made.body.readableBytes >= 1_024,
           let gzipped = Gzip.compress(Data(made.body.readableBytesView)) {
            entry.gzipped = ByteBuffer(data: gzipped)
        }
        if made.keep { rendered.set(entry, for: key, cost: made.body.readableBytes + (entry.gzipped?.readableBytes ?? 0) + 256) }
        return entry
    }

    private var renderingNow: [RenderedKey: [CheckedContinuation<Void, Never>]] = [:]

    /// Marks `key` as being rendered by the caller, or, when another request renders it now,
    /// waits until that one is done and answers true (the caller then looks again, and renders
    /// itself only if it still finds nothing; it does not mark or wait a second time).
    private func waitIfRendering(_ key: RenderedKey) async -> Bool {
        let first = lock.withLock { () -> Bool in
            guard renderingNow[key] == nil else { return false }
            renderingNow[key] = []
            return true
        }
        if first { return false }
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            lock.lock()
            if renderingNow[key] != nil {
                renderingNow[key]!.append(continuation)
                lock.unlock()
            } else {
                lock.unlock()
                continuation.resume()
            }
        }
        return true
    }

    private func finishedRendering(_ key: RenderedKey) {
        lock.lock()
        let waiting = renderingNow.removeValue(forKey: key) ?? []
        lock.unlock()
        for continuation in waiting { continuation.resume() }
    }

    static func isText(_ contentType: String) -> Bool {
        contentType.hasPrefix("text/") || contentType.hasPrefix("application/json")
    }

    /// `"…"`: the first 128 bits of the SHA-256 of the bytes, so equal bytes have equal tags on
    /// every server and any change of the bytes changes the tag.
    static func strongETag(_ body: ByteBuffer) -> String {
        let digest = SHA256.hash(data: Array(body.readableBytesView))
        return "\"" + digest.prefix(16).map { String(format: "%02x", $0) }.joined() + "\""
    }
}

/// What a representation of a published revision shows besides the revision.
struct PublishedContext: Hashable, Sendable {
    var organization: Organization
    /// Whether the revision is the one its organization's public address for its years serves.
    var isServed: Bool
    /// The monitoring round whose status the page shows beside each item (the latest approved
    /// round of the plan's series, at the latest address only), by id and version: approving
    /// another round or reopening this one changes it.
    var round: RoundMark? = nil
}

/// A monitoring round as a cache context names it.
struct RoundMark: Hashable, Sendable {
    var id: UUID
    var version: Int
}

/// Bytes just made, and whether they may be kept.
struct Rendering {
    var body: ByteBuffer
    var keep: Bool
    /// A download's `Content-Disposition` (documents), kept with the bytes.
    var contentDisposition: String? = nil
}

/// Which bytes of a revision: a page (language and address matter: the page links to the
/// other language at its own address), the API's JSON, or a document download (the same bytes
/// at every address and in every language).
enum Representation: Hashable, Sendable {
    case page(language: Language, path: String, latestAddress: Bool)
    case apiJSON
    case document(ExportFormat)
}

struct RenderedKey: Hashable, Sendable {
    var planID: UUID
    var representation: Representation
}

struct RenderedBytes: Sendable {
    var body: ByteBuffer
    /// Quoted strong entity tag.
    var etag: String
    var contentType: String
    var contentDisposition: String? = nil
    var context: PublishedContext
    /// The same bytes gzipped (text of 1 KB or more), sent as `Content-Encoding: gzip`.
    var gzipped: ByteBuffer? = nil

    /// The tag of the gzipped bytes: another representation, so another strong tag.
    var gzipETag: String { String(etag.dropLast()) + "-gzip\"" }

    /// 200 with the bytes — gzipped when the request accepts gzip and they are kept so — or 304
    /// when the client already holds them (`If-None-Match`, either encoding's tag).
    func response(to request: Request, cacheControl: String) -> Response {
        let gzip = gzipped != nil && Self.acceptsGzip(request.headers[.acceptEncoding])
        var headers = HTTPHeaders()
        headers.replaceOrAdd(name: .contentType, value: contentType)
        if let contentDisposition { headers.replaceOrAdd(name: .contentDisposition, value: contentDisposition) }
        headers.replaceOrAdd(name: .eTag, value: gzip ? gzipETag : etag)
        headers.replaceOrAdd(name: .cacheControl, value: cacheControl)
        if gzipped != nil { headers.replaceOrAdd(name: .vary, value: "Accept-Encoding") }
        let sent = request.headers[.ifNoneMatch]
        if PublicReading.matches(sent, etag: etag) || (gzipped != nil && PublicReading.matches(sent, etag: gzipETag)) {
            return Response(status: .notModified, headers: headers)
        }
        if gzip, let gzipped {
            headers.replaceOrAdd(name: .contentEncoding, value: "gzip")
            return Response(status: .ok, headers: headers, body: .init(buffer: gzipped))
        }
        return Response(status: .ok, headers: headers, body: .init(buffer: body))
    }

    /// Whether `Accept-Encoding` names gzip (or `x-gzip`) without `q=0`.
    static func acceptsGzip(_ values: [String]) -> Bool {
        for value in values {
            for part in value.split(separator: ",") {
                let fields = part.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
                guard let coding = fields.first, coding == "gzip" || coding == "x-gzip" else { continue }
                let refused = fields.dropFirst().contains { $0.hasPrefix("q=") && (Double($0.dropFirst(2)) ?? 1) == 0 }
                if !refused { return true }
            }
        }
        return false
    }
}

struct LatestKey: Hashable, Sendable {
    var slug: String
    var first: Int
    var last: Int
}

struct LatestPointer: Sendable {
    var organization: Organization
    /// The revision served, or nil when the organization has published nothing for these years.
    var planID: UUID?
    /// The latest approved monitoring round of that revision's series, if any.
    var round: RoundMark? = nil
    var checkedAt: Date = .distantPast
}

extension LatestPointer {
    /// What `/o/{slug}/plan/{years}` serves, read from `database` in three small indexed
    /// queries (organization by slug, the served revision, its series' latest approved round);
    /// nil when there is no such organization. The page and the documents at that address share it.
    static func read(_ key: LatestKey, on database: any Database) async throws -> LatestPointer? {
        guard let organization = try await Stores(database: database).organizations.find(slug: key.slug) else { return nil }
        guard let served = try await Stores(database: database).plans.servedRevision(organizationID: organization.id,
                                                                         first: FiscalYear(key.first), last: FiscalYear(key.last)) else {
            return LatestPointer(organization: organization, planID: nil)
        }
        let round = try await Stores(database: database).monitoring.latestApprovedRound(seriesID: served.seriesID, organizationID: organization.id)
        return LatestPointer(organization: organization, planID: served.id, round: round.map { RoundMark(id: $0.id, version: $0.version) })
    }
}

struct KeptDashboard: Sendable {
    var dashboard: OverseerDashboard
    var madeAt: Date
}

struct RevisionFacts: Sendable {
    var context: PublishedContext
    var checkedAt: Date = .distantPast
}

struct PublishedCacheKey: StorageKey { typealias Value = PublishedCache }

extension Application {
    /// The cache of published revisions' bytes, made in `configure` (storage is not written
    /// while serving; an application that was not configured gets a cache that keeps nothing).
    var publishedCache: PublishedCache {
        get { storage[PublishedCacheKey.self] ?? PublishedCache(byteLimit: 0, clock: dependencyClock) }
        set { storage[PublishedCacheKey.self] = newValue }
    }

    /// `dependencies.now` as it is at each call (tests replace the dependencies after
    /// `configure`), without keeping the application alive from what it keeps.
    var dependencyClock: @Sendable () -> Date {
        { [weak self] in (self?.dependencies ?? .live).now() }
    }
}

extension Application {
    /// Drops the public cache's pointers and kept dashboards (as a publish does), for
    /// `sujarit bench scale`, which times dashboards as they are first computed.
    public func dropPublishedPointers() {
        publishedCache.invalidate(organizationID: UUID())
    }
}
