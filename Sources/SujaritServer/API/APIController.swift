import Foundation
import Vapor
import SujaritCore
import SujaritPersistence
import SujaritAPIModels

/// The JSON API under /api/v1 (described by openapi.yaml).
struct APIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let api = routes.grouped("api", "v1")
        api.get("organizations", use: organizations)
        api.get("provinces", use: provinces)
        api.get("organizations", ":slug", "plans", use: organizationPlans)
        api.post("organizations", ":slug", "plans", use: createPlan)
        api.get("plans", ":planID", use: plan)
        api.put("plans", ":planID", use: replacePlan)
        api.post("sessions", use: signIn)
        api.delete("sessions", use: signOut)
    }

    /// One page of the directory (filters as on the home page); the page is described in
    /// headers so the body stays a plain list: `X-Total-Count`, `X-Page`, `X-Per-Page`,
    /// `X-Page-Count` and `Link` (`rel="next"`, `rel="prev"`).
    @Sendable func organizations(_ request: Request) async throws -> Response {
        let query = try Directory.query(request, defaultPerPage: 100)
        let result = try await request.publicStores.organizations.directory(query)
        let response = Response(status: .ok)
        try response.content.encode(result.organizations.map(OrganizationDTO.init), as: .json)
        response.headers.replaceOrAdd(name: "X-Total-Count", value: String(result.total))
        response.headers.replaceOrAdd(name: "X-Page", value: String(result.page))
        response.headers.replaceOrAdd(name: "X-Per-Page", value: String(result.perPage))
        response.headers.replaceOrAdd(name: "X-Page-Count", value: String(result.pageCount))
        let parameters = (try? request.query.decode(Directory.Parameters.self)) ?? Directory.Parameters()
        var items = Directory.queryItems(parameters).filter { $0.name != "perPage" }
        items.append(URLQueryItem(name: "perPage", value: String(result.perPage)))
        var links: [String] = []
        if result.page < result.pageCount { links.append("<\(SiteURL.apiOrganizations(Directory.page(items, result.page + 1)).path)>; rel=\"next\"") }
        if result.page > 1 { links.append("<\(SiteURL.apiOrganizations(Directory.page(items, min(result.page - 1, result.pageCount))).path)>; rel=\"prev\"") }
        if !links.isEmpty { response.headers.replaceOrAdd(name: .link, value: links.joined(separator: ", ")) }
        return response
    }

    /// Provinces with their number of organizations.
    @Sendable func provinces(_ request: Request) async throws -> [DirectoryCount] {
        try await request.publicStores.organizations.provinces()
    }

    @Sendable func organizationPlans(_ request: Request) async throws -> [PlanListEntry] {
        let service = PlanService(request: request, database: request.publicDB)
        let organization = try await service.organization(slug: request.parameters.get("slug"))
        let member = request.viewer?.can(.viewer, in: organization.id) ?? false
        return try await service.plans.plans(organizationID: organization.id, includeUnpublished: member)
    }

    @Sendable func plan(_ request: Request) async throws -> Response {
        if let cached = try await PublicReading(request: request).apiPlan(id: request.parameters.get("planID")) { return cached }
        let service = PlanService(request: request, database: request.publicDB)
        let plan = try await service.readablePlan(id: request.parameters.get("planID"))
        return try await respond(plan, request: request, status: .ok)
    }

    @Sendable func createPlan(_ request: Request) async throws -> Response {
        let body = try APIBody.decode(PlanWriteRequest.self, request)
        let plan = try await PlanService(request: request).create(in: request.parameters.get("slug"), body: body)
        return try await respond(plan, request: request, status: .created)
    }

    @Sendable func replacePlan(_ request: Request) async throws -> Response {
        let body = try APIBody.decode(PlanWriteRequest.self, request)
        let plan = try await PlanService(request: request).replace(id: request.parameters.get("planID"), body: body)
        return try await respond(plan, request: request, status: .ok)
    }

    @Sendable func signIn(_ request: Request) async throws -> Response {
        let body = try APIBody.decode(SignInRequest.self, request)
        guard let user = try await Authentication.signIn(username: body.username.cleaned, password: body.password, on: request) else {
            throw SujaritError(.unauthorized, LocalizedText(.signInFailed))
        }
        let token = [UInt8].random(count: 32).base64URL
        let expires = request.dependencies.now().addingTimeInterval(12 * 3600)
        try await request.stores.users.addToken(hash: SHA256.hash(data: Data(token.utf8)).hex, userID: user.requireID(), expiresAt: expires)
        try await request.application.passwordHooks.afterTokenIssued(request, userID: user.requireID(), password: body.password,
                                                                     token: token, expiresAt: expires)
        let response = Response(status: .ok)
        try response.content.encode(SignInResponse(token: token, expiresAt: expires))
        // A secret: no cache may keep it.
        response.headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        response.headers.replaceOrAdd(name: .pragma, value: "no-cache")
        return response
    }

    /// Signs out a script: the bearer token of the request stops working at once.
    @Sendable func signOut(_ request: Request) async throws -> Response {
        guard let bearer = request.headers.bearerAuthorization, request.viewer != nil else {
            throw SujaritError(.unauthorized, LocalizedText(.msgSendBearerTokenRevoke))
        }
        try await request.stores.users.deleteToken(hash: SHA256.hash(data: Data(bearer.token.utf8)).hex)
        try await request.stores.audit.record(organizationID: nil, userID: request.viewer?.userID, action: .userSignOut, subject: request.viewer?.username ?? "")
        return Response(status: .noContent)
    }

    func respond(_ plan: Plan, request: Request, status: HTTPResponseStatus) async throws -> Response {
        var publicURL: String?
        // Only the revision the public address serves has it as its `publicURL`.
        if plan.status == .published, let org = try await request.stores.organizations.find(id: plan.organizationID),
           try await request.stores.plans.publishedPlanID(organizationID: plan.organizationID, first: plan.firstYear, last: plan.lastYear) == plan.id {
            publicURL = SiteURL.publishedPlan(slug: org.slug, years: plan.yearSlug).path
        }
        let response = Response(status: status)
        try response.content.encode(PlanResponse(plan: plan, publicURL: publicURL), using: JSONEncoder.api)
        response.headers.replaceOrAdd(name: .eTag, value: "\"\(plan.id.uuidString.lowercased())-\(plan.version)\"")
        return response
    }
}

extension JSONEncoder {
    static var api: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return encoder
    }
}

extension PlanListEntry: Content {}
extension DirectoryCount: Content {}
extension OrganizationDTO: Content {}
extension SignInResponse: Content {}
