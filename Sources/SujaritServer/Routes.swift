import Foundation
import Vapor
import Fluent
import SujaritCore
import SujaritPersistence
import SujaritAPIModels

/// Registers every route. Handlers stay thin: decode, call one service function, render.
func registerRoutes(_ app: Application) throws {
    app.get("healthz", use: health)
    app.get("assets", "app.css") { _ -> Response in
        let response = Response(status: .ok, body: .init(string: Layout.stylesheet))
        response.headers.contentType = HTTPMediaType(type: "text", subType: "css", parameters: ["charset": "utf-8"])
        response.headers.replaceOrAdd(name: .cacheControl, value: "public, max-age=3600")
        return response
    }

    try app.register(collection: PublicPagesController())
    try app.register(collection: SignInController())
    try app.register(collection: APIController())
    try app.register(collection: APIEditingController())
    try app.register(collection: EditorController())
    try app.register(collection: WizardController())
    try app.register(collection: ImportController())
    try app.register(collection: OrganizationController())
    try app.register(collection: ExportController())
    try app.register(collection: ComplaintReportController())
    try app.register(collection: ComplaintStaffController())
    try app.register(collection: ComplaintAPIController())
}

@Sendable func health(_ request: Request) async throws -> Response {
    // A real round trip to the database: a health check that cannot fail is no check.
    _ = try await OrganizationRecord.query(on: request.db).count()
    let body = HealthResponse(status: "ok", database: request.application.sujaritSettings.database.isPostgres ? "postgresql" : "sqlite")
    let response = Response(status: .ok)
    try response.content.encode(body, as: .json)
    response.headers.replaceOrAdd(name: .cacheControl, value: "no-store")
    return response
}

/// Pages anyone may read: organizations, published plans, their project sheets.
struct PublicPagesController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(use: home)
        routes.get("o", ":slug", use: organization)
        routes.get("o", ":slug", "plan", ":years", use: publishedPlan)
        routes.get("plans", ":planID", use: plan)
        routes.get("plans", ":planID", "items", ":itemID", use: item)
    }

    @Sendable func home(_ request: Request) async throws -> Response {
        let organizations = try await OrganizationStore(request.db).all()
        return Layout.response(Pages.organizationList(request, organizations: organizations))
    }

    @Sendable func organization(_ request: Request) async throws -> Response {
        let service = PlanService(request: request)
        let organization = try await service.organization(slug: request.parameters.get("slug"))
        let member = request.viewer?.can(.viewer, in: organization.id) ?? false
        let plans = try await service.plans.plans(organizationID: organization.id, includeUnpublished: member)
        let served = try await Pages.servedPlanIDs(plans, store: service.plans, organizationID: organization.id)
        return Layout.response(Pages.organization(request, organization: organization, plans: plans, canSeeDrafts: member, served: served))
    }

    /// The stable public address of a plan: `/o/{slug}/plan/2566-2570` (or `/plan/2568`),
    /// always the latest published revision.
    @Sendable func publishedPlan(_ request: Request) async throws -> Response {
        let (plan, organization) = try await PlanService(request: request)
            .publishedPlan(slug: request.parameters.get("slug"), years: request.parameters.get("years"))
        let response = Layout.response(Pages.plan(request, plan: plan, organization: organization, showFindings: false, downloads: .published))
        if request.viewer == nil { response.headers.replaceOrAdd(name: .cacheControl, value: "public, max-age=300") }
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
        let service = PlanService(request: request)
        let plan = try await service.readablePlan(id: request.parameters.get("planID"))
        guard let organization = try await service.organizations.find(id: plan.organizationID) else { throw SujaritError.notFound() }
        let member = request.viewer?.can(.viewer, in: organization.id) ?? false
        return Layout.response(Pages.plan(request, plan: plan, organization: organization, showFindings: member))
    }

    @Sendable func item(_ request: Request) async throws -> Response {
        let service = PlanService(request: request)
        let plan = try await service.readablePlan(id: request.parameters.get("planID"))
        let itemID = try PlanService.parseID(request.parameters.get("itemID"))
        guard let item = plan.items.first(where: { $0.id == itemID }),
              let organization = try await service.organizations.find(id: plan.organizationID)
        else { throw SujaritError.notFound("รายการ") }
        return Layout.response(Pages.item(request, plan: plan, item: item, organization: organization))
    }
}

/// Sign-in and sign-out with a session cookie; every post carries the CSRF token.
struct SignInController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("login", use: form)
        routes.post("login", use: signIn)
        routes.post("logout", use: signOut)
    }

    @Sendable func form(_ request: Request) async throws -> Response {
        let next = Self.safeNext(request.query[String.self, at: "next"])
        return Layout.response(Pages.login(request, next: next))
    }

    struct SignInForm: Content {
        var username: String?
        var password: String?
        var next: String?
    }

    @Sendable func signIn(_ request: Request) async throws -> Response {
        try CSRF.verify(request)
        let form = try request.content.decode(SignInForm.self)
        let username = (form.username ?? "").cleaned
        let next = Self.safeNext(form.next)
        guard let user = try await Authentication.signIn(username: username, password: form.password ?? "", on: request) else {
            return Layout.response(Pages.login(request, username: String(username.prefix(64)), failed: true, next: next), status: .unauthorized)
        }
        // A fresh session id on sign-in, so a planted cookie cannot ride along.
        if let old = request.session.id {
            try await request.application.sessions.driver.deleteSession(old, for: request).get()
        }
        request.session.id = nil
        request.session.data = SessionData()
        request.session.data[ViewerMiddleware.sessionUserKey] = try user.requireID().uuidString
        SessionLifetime.start(request.session, now: request.application.sujaritClock())
        try await AuditLog(request.db).record(organizationID: nil, userID: user.id, action: "user.signin", subject: user.username)
        return request.redirect(to: next, redirectType: .normal)
    }

    @Sendable func signOut(_ request: Request) async throws -> Response {
        try CSRF.verify(request)
        // Signing out ends the person's API tokens too: "sign out" means nothing of theirs stays
        // signed in.
        if let viewer = request.viewer {
            try await UserStore(request.db).deleteTokens(userID: viewer.userID)
        }
        request.session.destroy()
        return request.redirect(to: "/", redirectType: .normal)
    }

    /// Only local paths are allowed as the page to return to after sign-in. The address is
    /// read the way a browser's URL parser (WHATWG) would read it: tabs and newlines anywhere are
    /// dropped and leading/trailing control characters and spaces are trimmed; what is left must
    /// be a path on this site — it starts with one "/", not "//" or "/\" (both leave the site),
    /// has no backslash, control character or space, not even percent-encoded, and no scheme or
    /// host. Anything else gives "/".
    static func safeNext(_ next: String?) -> String {
        guard let next, next.utf8.count < 500 else { return "/" }
        let trimmable = CharacterSet(charactersIn: Unicode.Scalar(UInt8(0))...Unicode.Scalar(UInt8(0x20)))
        let cleaned = String(String.UnicodeScalarView(next.unicodeScalars.filter { $0 != "\t" && $0 != "\n" && $0 != "\r" }))
            .trimmingCharacters(in: trimmable)
        func leavesSite(_ path: String) -> Bool {
            !path.hasPrefix("/") || path.hasPrefix("//") || path.hasPrefix("/\\")
                || path.unicodeScalars.contains { $0 == "\\" || $0.value <= 0x20 || $0.value == 0x7F || (0x80...0x9F).contains($0.value) }
        }
        guard !leavesSite(cleaned) else { return "/" }
        // The same checks on the percent-decoded address (decoded again while it changes):
        // `/%5C/evil`, `/%2F/evil` or `/%09/evil` must not become an address elsewhere either.
        var decoded = cleaned
        for _ in 0..<3 {
            guard let once = decoded.removingPercentEncoding, once != decoded else { break }
            decoded = once
            guard !leavesSite(decoded) else { return "/" }
        }
        guard let components = URLComponents(string: cleaned), components.scheme == nil, components.host == nil,
              components.user == nil, components.port == nil
        else { return "/" }
        return cleaned
    }
}
