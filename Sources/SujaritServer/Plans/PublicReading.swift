import Foundation
import Vapor
import Fluent
import SujaritCore
import SujaritPersistence
import SujaritAPIModels

/// Answers the public's reading of published plans from `PublishedCache`: the page at the
/// stable address `/o/{slug}/plan/{years}`, a revision's page `/plans/{id}` and its items, and
/// `GET /api/v1/plans/{id}`. Each function returns nil when the request is not one the cache
/// answers (someone is signed in, the query holds more than `lang`, the plan is a draft or
/// unknown); the caller then takes its ordinary path, which also gives the right error.
///
/// Answers carry a strong `ETag` (a hash of the bytes) and answer `If-None-Match` with 304.
/// A revision's own address is immutable once published; the latest address is kept by
/// clients for a short time and then revalidated.
struct PublicReading {
    let request: Request

    var cache: PublishedCache { request.application.publishedCache }

    /// Seconds a client may keep the latest address before asking again (with its ETag).
    static let latestMaxAge = 30
    static let latestCacheControl = "public, max-age=\(latestMaxAge), must-revalidate"
    /// A published revision's bytes do not change (the organization's name printed on it could;
    /// a day bounds that).
    static let revisionCacheControl = "public, max-age=86400, immutable"
    static let htmlType = "text/html; charset=utf-8"
    static let jsonType = "application/json; charset=utf-8"

    /// Nobody signed in, a GET or HEAD, and no query but `lang` (which only picks the language
    /// the key already holds).
    var isCacheable: Bool {
        guard cache.byteLimit > 0, request.viewer == nil, request.method == .GET || request.method == .HEAD else { return false }
        guard let query = request.requestQuery, !query.isEmpty else { return true }
        return query.split(separator: "&").allSatisfy { $0.hasPrefix("lang=") }
    }

    // MARK: The latest address

    /// `/o/{slug}/plan/{years}`: the revision served, with each item's status from the latest
    /// approved monitoring round of its series. The pointer names both (organization, revision,
    /// round id and version), so a publish, an approval or a reopening changes the context and
    /// the page is made again.
    func latestPlanPage(slug: String?, years: String?) async throws -> Response? {
        guard isCacheable, let slug, let (first, last) = PublicPagesController.parseYears(years) else { return nil }
        // The database is chosen only when something must be read (not on a cache hit).
        let request = self.request
        var database: any Database { request.lagTolerantDB }
        let key = LatestKey(slug: slug.lowercased(), first: first.be, last: last.be)
        guard let pointer = try await cache.latestPointer(key, resolve: { try await LatestPointer.read(key, on: database) }) else { return nil }
        guard let planID = pointer.planID else { throw SujaritError.notFound(.nfPlan) }
        let context = PublishedContext(organization: pointer.organization, isServed: true, round: pointer.round)
        let representation = Representation.page(language: request.language, path: request.requestPath, latestAddress: true)
        guard let entry = try await cache.bytes(RenderedKey(planID: planID, representation: representation),
                                                context: context, contentType: Self.htmlType, rendering: {
            guard let plan = try await Stores(database: database).plans.plan(id: planID, scope: .publishedOnly) else { return nil }
            // The status comes from the monitoring service's own choice of round (on the primary:
            // a page is made rarely). The bytes are kept only when that is the pointer's round; a
            // round approved or reopened in between is shown, but not kept under this context.
            let monitoring = try await MonitoringService(request: request).publicStatus(of: plan)
            let shown = monitoring.map { RoundMark(id: $0.round.id, version: $0.round.version) }
            // The approval block: a published revision's steps never change again, so the kept
            // bytes stay right (read from the database the revision came from: one transaction
            // wrote both).
            let approval = try await Stores(database: database).plans.approval(planID: plan.id, organizationID: plan.organizationID)
            let html = Pages.plan(request, plan: plan, organization: context.organization, showFindings: false, downloads: .published,
                                  monitoring: monitoring, approval: approval)
            return Rendering(body: ByteBuffer(string: html.rendered), keep: shown == context.round)
        }) else { return nil }
        return respond(entry, cacheControl: Self.latestCacheControl)
    }

    /// Round changes that reach the public plan page (approve, reopen) or the dashboards
    /// (submit): each invalidates the cache's pointers.
    static func changesWhatThePublicSees(_ action: AuditAction) -> Bool {
        [.roundSubmit, .roundApprove, .roundReopen].contains(action)
    }

    // MARK: A revision's own addresses

    /// The context of a published revision (nil for drafts and unknown ids).
    func publishedContext(_ planID: UUID) async throws -> PublishedContext? {
        try await cache.revisionFacts(planID, resolve: {
            let plans = request.lagTolerantStores.plans
            guard let entry = try await plans.publishedEntry(id: planID),
                  let organization = try await request.lagTolerantStores.organizations.find(id: entry.organizationID)
            else { return nil }
            let served = try await plans.publishedPlanID(organizationID: organization.id, first: entry.firstYear, last: entry.lastYear)
            return RevisionFacts(context: PublishedContext(organization: organization, isServed: served == planID))
        })?.context
    }

    func revisionPage(id: String?) async throws -> Response? {
        guard isCacheable, let id = id.flatMap(UUID.init(uuidString:)),
              let context = try await publishedContext(id) else { return nil }
        let representation = Representation.page(language: request.language, path: request.requestPath, latestAddress: false)
        guard let entry = try await cache.bytes(RenderedKey(planID: id, representation: representation),
                                                context: context, contentType: Self.htmlType, render: {
            let store = request.lagTolerantStores.plans
            guard let plan = try await store.plan(id: id, scope: .publishedOnly) else { return nil }
            let approval = try await store.approval(planID: plan.id, organizationID: plan.organizationID)
            return ByteBuffer(string: Pages.plan(request, plan: plan, organization: context.organization, showFindings: false,
                                                 approval: approval).rendered)
        }) else { return nil }
        return respond(entry, cacheControl: Self.revisionCacheControl)
    }

    func itemPage(planID: String?, itemID: String?) async throws -> Response? {
        guard isCacheable, let id = planID.flatMap(UUID.init(uuidString:)), let itemID = itemID.flatMap(UUID.init(uuidString:)),
              let context = try await publishedContext(id) else { return nil }
        let representation = Representation.page(language: request.language, path: request.requestPath, latestAddress: false)
        guard let entry = try await cache.bytes(RenderedKey(planID: id, representation: representation),
                                                context: context, contentType: Self.htmlType, render: {
            guard let plan = try await request.lagTolerantStores.plans.plan(id: id, scope: .publishedOnly),
                  let item = plan.items.first(where: { $0.id == itemID }) else { return nil }
            return ByteBuffer(string: Pages.item(request, plan: plan, item: item, organization: context.organization).rendered)
        }) else { return nil }
        return respond(entry, cacheControl: Self.revisionCacheControl)
    }

    /// `GET /api/v1/plans/{id}` of a published revision. Its `publicURL` is set only while the
    /// revision is the one served, which is part of the context; so the JSON is revalidated
    /// rather than immutable.
    func apiPlan(id: String?) async throws -> Response? {
        guard isCacheable, let id = id.flatMap(UUID.init(uuidString:)),
              let context = try await publishedContext(id) else { return nil }
        guard let entry = try await cache.bytes(RenderedKey(planID: id, representation: .apiJSON),
                                                context: context, contentType: Self.jsonType, render: {
            guard let plan = try await request.lagTolerantStores.plans.plan(id: id, scope: .publishedOnly) else { return nil }
            let publicURL = context.isServed ? SiteURL.publishedPlan(slug: context.organization.slug, years: plan.yearSlug).path : nil
            let data = try JSONEncoder.api.encode(PlanResponse(plan: plan, publicURL: publicURL))
            return ByteBuffer(bytes: data)
        }) else { return nil }
        return respond(entry, cacheControl: Self.latestCacheControl)
    }

    // MARK: Answer

    /// 200 with the bytes (gzipped for a client that accepts it), or 304 when the client
    /// already holds them (`If-None-Match`).
    func respond(_ entry: RenderedBytes, cacheControl: String) -> Response {
        entry.response(to: request, cacheControl: cacheControl)
    }

    /// `If-None-Match` uses the weak comparison (RFC 9110 §13.1.2): `W/"x"` matches `"x"`, and
    /// `*` matches anything.
    static func matches(_ values: [String], etag: String) -> Bool {
        for value in values {
            for part in value.split(separator: ",") {
                var tag = part.trimmingCharacters(in: .whitespaces)
                if tag == "*" { return true }
                if tag.hasPrefix("W/") { tag.removeFirst(2) }
                if tag == etag { return true }
            }
        }
        return false
    }
}
