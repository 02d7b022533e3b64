import Foundation
import Vapor
import SujaritCore
import SujaritPersistence
import SujaritAPIModels
import SujaritCatalog

/// The editing half of the JSON API: items, budgets, sheets, risks, targets, front matter,
/// life-cycle steps and revisions. Every write names the version it was made against.
struct APIEditingController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let plan = routes.grouped("api", "v1", "plans", ":planID")
        plan.post("items", use: addItem)
        plan.put("items", ":itemID", use: updateItem)
        plan.delete("items", ":itemID", use: deleteItem)
        plan.post("items", ":itemID", "move", use: moveItem)
        plan.post("items", ":itemID", "duplicate", use: duplicateItem)
        plan.put("items", ":itemID", "budgets", use: setBudgets)
        plan.put("items", ":itemID", "sheet", use: setSheet)
        plan.post("risks", use: addRisk)
        plan.put("risks", ":riskID", use: updateRisk)
        plan.delete("risks", ":riskID", use: deleteRisk)
        plan.post("targets", use: addTarget)
        plan.put("targets", ":targetID", use: updateTarget)
        plan.delete("targets", ":targetID", use: deleteTarget)
        plan.put("front-matter", use: setFrontMatter)
        plan.post("transitions", use: transition)
        plan.get("revisions", use: revisions)
        plan.post("revisions", use: newRevision)
        routes.get("api", "v1", "catalog", "cycles", use: cycles)
    }

    struct RevisionsResponse: Content {
        var revisions: [PlanListEntry]
        var history: [HistoryEntry]
    }

    func service(_ request: Request) -> PlanEditingService { PlanEditingService(request: request) }
    func planID(_ request: Request) -> String? { request.parameters.get("planID") }
    func id(_ request: Request, _ name: String) throws -> UUID { try PlanService.parseID(request.parameters.get(name)) }

    func respond(_ plan: Plan, _ request: Request, status: HTTPResponseStatus = .ok, created: UUID? = nil) throws -> Response {
        let response = Response(status: status)
        try response.content.encode(PlanResponse(plan: plan, publicURL: nil, createdID: created), using: JSONEncoder.api)
        response.headers.replaceOrAdd(name: .eTag, value: "\"\(plan.id.uuidString.lowercased())-\(plan.version)\"")
        return response
    }

    func decode<T: Decodable>(_ type: T.Type, _ request: Request) throws -> T {
        try APIBody.decode(type, request)
    }

    /// `?version=N` for DELETE requests, which carry no body.
    func queryVersion(_ request: Request) throws -> Int {
        guard let version = request.query[Int.self, at: "version"] else {
            throw SujaritError(.unprocessableEntity, LocalizedText(.msgVersionRequired),
                               fields: [FieldError(field: "version", message: LocalizedText(.msgRequired))])
        }
        return version
    }

    // MARK: Items

    @Sendable func addItem(_ request: Request) async throws -> Response {
        let body = try decode(ItemWriteRequest.self, request)
        var item = body.item
        item.id = request.dependencies.makeID()
        let plan = try await service(request).edit(planID: planID(request), expectedVersion: body.version, .addItem(item))
        return try respond(plan, request, status: .created, created: item.id)
    }

    @Sendable func updateItem(_ request: Request) async throws -> Response {
        let body = try decode(ItemWriteRequest.self, request)
        var item = body.item
        item.id = try id(request, "itemID")
        let plan = try await service(request).edit(planID: planID(request), expectedVersion: body.version, .updateItem(item))
        return try respond(plan, request)
    }

    @Sendable func deleteItem(_ request: Request) async throws -> Response {
        let itemID = try id(request, "itemID")
        let plan = try await service(request).edit(planID: planID(request), expectedVersion: try queryVersion(request), .deleteItem(itemID))
        return try respond(plan, request)
    }

    @Sendable func moveItem(_ request: Request) async throws -> Response {
        let body = try decode(MoveItemRequest.self, request)
        let itemID = try id(request, "itemID")
        let plan = try await service(request).edit(planID: planID(request), expectedVersion: body.version,
                                                   .moveItem(itemID, toMission: body.missionCode, position: body.position))
        return try respond(plan, request)
    }

    @Sendable func duplicateItem(_ request: Request) async throws -> Response {
        let body = try decode(VersionRequest.self, request)
        let itemID = try id(request, "itemID")
        let newID = request.dependencies.makeID()
        let plan = try await service(request).edit(planID: planID(request), expectedVersion: body.version, .duplicateItem(itemID, newID: newID))
        return try respond(plan, request, status: .created, created: newID)
    }

    @Sendable func setBudgets(_ request: Request) async throws -> Response {
        let body = try decode(BudgetsWriteRequest.self, request)
        let itemID = try id(request, "itemID")
        var budgets: [FiscalYear: BudgetEntry] = [:]
        for (key, value) in body.budgets {
            guard let year = Int(ThaiDigits.toArabic(key)) else {
                throw SujaritError(.unprocessableEntity, LocalizedText(.msgNotAFiscalYear, key),
                                   fields: [FieldError(field: "budgets.\(key)", message: LocalizedText(.msgNotYear))])
            }
            budgets[FiscalYear(year)] = value
        }
        let plan = try await service(request).edit(planID: planID(request), expectedVersion: body.version, .setBudgets(itemID, budgets))
        return try respond(plan, request)
    }

    @Sendable func setSheet(_ request: Request) async throws -> Response {
        let body = try decode(SheetWriteRequest.self, request)
        let itemID = try id(request, "itemID")
        let plan = try await service(request).edit(planID: planID(request), expectedVersion: body.version, .setSheet(itemID, body.sheet))
        return try respond(plan, request)
    }

    // MARK: Risks and targets

    @Sendable func addRisk(_ request: Request) async throws -> Response {
        let body = try decode(RiskWriteRequest.self, request)
        var risk = body.risk
        risk.id = request.dependencies.makeID()
        let plan = try await service(request).edit(planID: planID(request), expectedVersion: body.version, .addRisk(risk))
        return try respond(plan, request, status: .created, created: risk.id)
    }

    @Sendable func updateRisk(_ request: Request) async throws -> Response {
        let body = try decode(RiskWriteRequest.self, request)
        var risk = body.risk
        risk.id = try id(request, "riskID")
        let plan = try await service(request).edit(planID: planID(request), expectedVersion: body.version, .updateRisk(risk))
        return try respond(plan, request)
    }

    @Sendable func deleteRisk(_ request: Request) async throws -> Response {
        let riskID = try id(request, "riskID")
        let plan = try await service(request).edit(planID: planID(request), expectedVersion: try queryVersion(request), .deleteRisk(riskID))
        return try respond(plan, request)
    }

    @Sendable func addTarget(_ request: Request) async throws -> Response {
        let body = try decode(TargetWriteRequest.self, request)
        var target = body.target
        target.id = request.dependencies.makeID()
        let plan = try await service(request).edit(planID: planID(request), expectedVersion: body.version, .addTarget(target))
        return try respond(plan, request, status: .created, created: target.id)
    }

    @Sendable func updateTarget(_ request: Request) async throws -> Response {
        let body = try decode(TargetWriteRequest.self, request)
        var target = body.target
        target.id = try id(request, "targetID")
        let plan = try await service(request).edit(planID: planID(request), expectedVersion: body.version, .updateTarget(target))
        return try respond(plan, request)
    }

    @Sendable func deleteTarget(_ request: Request) async throws -> Response {
        let targetID = try id(request, "targetID")
        let plan = try await service(request).edit(planID: planID(request), expectedVersion: try queryVersion(request), .deleteTarget(targetID))
        return try respond(plan, request)
    }

    // MARK: Front matter, life cycle, revisions

    @Sendable func setFrontMatter(_ request: Request) async throws -> Response {
        let body = try decode(FrontMatterWriteRequest.self, request)
        let plan = try await service(request).edit(planID: planID(request), expectedVersion: body.version, .setFrontMatter(body.frontMatter, title: body.title))
        return try respond(plan, request)
    }

    @Sendable func transition(_ request: Request) async throws -> Response {
        let body = try decode(TransitionRequest.self, request)
        let plan = try await service(request).transition(planID: planID(request), action: body.action, expectedVersion: body.version)
        return try respond(plan, request)
    }

    @Sendable func revisions(_ request: Request) async throws -> RevisionsResponse {
        let (_, revisions, history) = try await service(request).history(planID: planID(request))
        return RevisionsResponse(revisions: revisions, history: history)
    }

    @Sendable func newRevision(_ request: Request) async throws -> Response {
        let plan = try await service(request).newRevision(planID: planID(request))
        return try respond(plan, request, status: .created, created: plan.id)
    }

    @Sendable func cycles(_ request: Request) async throws -> [PlanCycleDTO] {
        PlanCatalog.templates.map(PlanCycleDTO.init)
    }
}

extension PlanCycleDTO: Content {}
