import Foundation
import Vapor
import Fluent
import SujaritCore
import SujaritPersistence
import SujaritAPIModels

/// Pages anyone may read: organizations, published plans, their project sheets.
struct PublicPagesController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(use: home)
        routes.get("organizations", use: directory)
        routes.get("o", ":slug", use: organization)
        routes.get("o", ":slug", "plan", ":years", use: publishedPlan)
        routes.get("plans", ":planID", use: plan)
        routes.get("plans", ":planID", "items", ":itemID", use: item)
    }

    /// The home page. Not signed in, or asking the directory something (`/?q=…`, a province,
    /// a page): the directory. Signed in, the plain `/` is the person's "my work" instead
    /// (issue 11 §11), with a link to the directory at `/organizations`; someone with no
    /// organization gets the overseers' dashboards link there, or else the directory itself.
    @Sendable func home(_ request: Request) async throws -> Response {
        let asksDirectory = ["q", "province", "district", "kind", "perPage", "page"].contains { request.query[String.self, at: $0] != nil }
        if let viewer = request.viewer, !asksDirectory {
            // Overseers (and the installation's administrators) get a link to their dashboards.
            var overseer = viewer.isSystemAdmin
            if !overseer { overseer = try await !request.stores.overseers.scopes(userID: viewer.userID).isEmpty }
            var mine: [Organization] = []
            for id in viewer.roles.keys { if let organization = try await request.stores.organizations.find(id: id) { mine.append(organization) } }
            if !mine.isEmpty || overseer {
                // "My work" does not tolerate lag: the primary, not the replica.
                let work: MyWork? = mine.isEmpty ? nil : try await MyWork.load(for: viewer, organizations: mine, on: request.db)
                return Layout.response(Pages.signedInHome(request, work: work, overseer: overseer))
            }
        }
        return try await directory(request)
    }

    /// The directory: provinces, then organizations, searched and filtered (see `Directory`).
    /// At `/` for the public and at `/organizations` for everyone.
    @Sendable func directory(_ request: Request) async throws -> Response {
        // The directory tolerates lag (the replica for anonymous readers).
        let store = request.publicStores.organizations
        let parameters = (try? request.query.decode(Directory.Parameters.self)) ?? Directory.Parameters()
        let provinces = try await store.provinces()
        do {
            let query = try Directory.query(parameters, defaultPerPage: 60)
            let result = try await store.directory(query)
            var districts: [DirectoryCount] = []
            if let province = query.province { districts = try await store.districts(province: province) }
            return Layout.response(Pages.directory(request, result: result, provinces: provinces, districts: districts, parameters: parameters))
        } catch let error as SujaritError {
            // Bad filters: the form again with what is wrong, and no results.
            return Layout.response(Pages.directory(request, result: nil, provinces: provinces, districts: [], parameters: parameters, error: error),
                                   status: error.status)
        }
    }

    @Sendable func organization(_ request: Request) async throws -> Response {
        let service = PlanService(request: request, database: request.publicDB)
        let organization = try await service.organization(slug: request.parameters.get("slug"))
        let member = request.viewer?.can(.viewer, in: organization.id) ?? false
        let plans = try await service.plans.plans(organizationID: organization.id, includeUnpublished: member)
        let served = try await Pages.servedPlanIDs(plans, store: service.plans, organizationID: organization.id)
        return Layout.response(Pages.organization(request, organization: organization, plans: plans, canSeeDrafts: member, served: served))
    }

    /// The stable public address of a plan: `/o/{slug}/plan/2566-2570` (or `/plan/2568`),
    /// always the latest published revision.
    @Sendable func publishedPlan(_ request: Request) async throws -> Response {
        // The public's copy comes from PublishedCache, keyed by the revision served and the
        // monitoring round it shows (a publish, a round approved or reopened makes it again).
        if let cached = try await PublicReading(request: request)
            .latestPlanPage(slug: request.parameters.get("slug"), years: request.parameters.get("years")) { return cached }
        let service = PlanService(request: request, database: request.publicDB)
        let (plan, organization) = try await service
            .publishedPlan(slug: request.parameters.get("slug"), years: request.parameters.get("years"))
        let monitoring = try await MonitoringService(request: request).publicStatus(of: plan)
        let approval = try await service.approval(of: plan)
        let response = Layout.response(Pages.plan(request, plan: plan, organization: organization, showFindings: false, downloads: .published,
                                                  monitoring: monitoring, approval: approval))
        if request.viewer == nil { response.headers.replaceOrAdd(name: .cacheControl, value: PublicReading.latestCacheControl) }
        return response
    }

    static func parseYears(_ text: String?) -> (FiscalYear, FiscalYear)? {
        guard let text = text.map(ThaiDigits.toArabic) else { return nil }
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), let first = Int(parts[0]), let last = Int(parts.last!),
              FiscalYear.plausibleRange.contains(first), FiscalYear.plausibleRange.contains(last) else { return nil }
        return (FiscalYear(first), FiscalYear(last))
    }

    @Sendable func plan(_ request: Request) async throws -> Response {
        if let cached = try await PublicReading(request: request).revisionPage(id: request.parameters.get("planID")) { return cached }
        let service = PlanService(request: request, database: request.publicDB)
        let plan = try await service.readablePlan(id: request.parameters.get("planID"))
        guard let organization = try await service.organizations.find(id: plan.organizationID) else { throw SujaritError.notFound() }
        let member = request.viewer?.can(.viewer, in: organization.id) ?? false
        let approval = try await service.approval(of: plan)
        return Layout.response(Pages.plan(request, plan: plan, organization: organization, showFindings: member, approval: approval))
    }

    @Sendable func item(_ request: Request) async throws -> Response {
        if let cached = try await PublicReading(request: request)
            .itemPage(planID: request.parameters.get("planID"), itemID: request.parameters.get("itemID")) { return cached }
        let service = PlanService(request: request, database: request.publicDB)
        let plan = try await service.readablePlan(id: request.parameters.get("planID"))
        let itemID = try PlanService.parseID(request.parameters.get("itemID"))
        guard let item = plan.items.first(where: { $0.id == itemID }),
              let organization = try await service.organizations.find(id: plan.organizationID)
        else { throw SujaritError.notFound(.nfItem) }
        return Layout.response(Pages.item(request, plan: plan, item: item, organization: organization))
    }
}
