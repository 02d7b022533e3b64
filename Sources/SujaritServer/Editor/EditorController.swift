import Foundation
import Vapor
import SujaritCore
import SujaritPersistence
import SujaritAPIModels

/// The plan editor in the browser: forms that post, validate on the server and redirect back
/// to the editor (post/redirect/get), or re-render with what was typed and the errors.
struct EditorController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let plan = routes.grouped("plans", ":planID")
        plan.get("edit", use: editor)
        plan.get("history", use: history)
        plan.get("items", "new", use: newItemForm)
        plan.post("items", "new", use: createItem)
        plan.get("items", ":itemID", "edit", use: editItemForm)
        plan.post("items", ":itemID", "edit", use: updateItem)
        plan.get("items", ":itemID", "delete", use: confirmDelete)
        plan.post("items", ":itemID", "delete", use: deleteItem)
        plan.post("items", ":itemID", "shift", use: shiftItem)
        plan.post("items", ":itemID", "duplicate", use: duplicateItem)
        plan.post("missions", use: addMission)
        plan.get("risks", "new", use: newRiskForm)
        plan.post("risks", "new", use: saveRisk)
        plan.get("risks", ":riskID", "edit", use: editRiskForm)
        plan.post("risks", ":riskID", "edit", use: saveRisk)
        plan.post("risks", ":riskID", "delete", use: deleteRisk)
        plan.get("targets", "new", use: newTargetForm)
        plan.post("targets", "new", use: saveTarget)
        plan.get("targets", ":targetID", "edit", use: editTargetForm)
        plan.post("targets", ":targetID", "edit", use: saveTarget)
        plan.post("targets", ":targetID", "delete", use: deleteTarget)
        plan.get("front-matter", use: frontMatterForm)
        plan.post("front-matter", use: saveFrontMatter)
        plan.post("transition", use: transition)
        plan.post("revise", use: revise)
    }

    func service(_ request: Request) -> PlanEditingService { PlanEditingService(request: request) }
    func planID(_ request: Request) -> String? { request.parameters.get("planID") }

    func organization(of plan: Plan, _ request: Request) async throws -> Organization {
        guard let org = try await request.stores.organizations.find(id: plan.organizationID) else { throw SujaritError.notFound() }
        return org
    }

    func toEditor(_ plan: Plan, anchor: String? = nil) -> Response {
        let response = Response(status: .seeOther)
        response.headers.replaceOrAdd(name: .location, value: SiteURL.editor(plan.id).with(fragment: anchor))
        return response
    }

    /// Form posts: CSRF first, then the body.
    func form<T: Decodable>(_ type: T.Type, _ request: Request) throws -> T {
        try CSRF.verify(request)
        return try request.content.decode(type)
    }

    struct VersionForm: Content { var version: Int? }

    // MARK: Editor and history

    @Sendable func editor(_ request: Request) async throws -> Response {
        let viewer = try request.requireViewer()
        let plan = try await PlanService(request: request).readablePlan(id: planID(request))
        guard viewer.can(.viewer, in: plan.organizationID) else { throw SujaritError.forbidden() }
        let org = try await organization(of: plan, request)
        let done = request.query[String.self, at: "saved"] != nil
        let step = request.query[String.self, at: "step"].flatMap(PlanAction.init(rawValue:))
        let message = step.map(EditorPages.stepDone) ?? (done ? LocalizedText(.msgSaved) : nil)
        return Layout.response(EditorPages.editor(request, plan: plan, organization: org, viewer: viewer, message: message))
    }

    @Sendable func history(_ request: Request) async throws -> Response {
        let (plan, revisions, entries) = try await service(request).history(planID: planID(request))
        let org = try await organization(of: plan, request)
        return Layout.response(EditorPages.history(request, plan: plan, organization: org, revisions: revisions, entries: entries))
    }

    // MARK: Items

    @Sendable func newItemForm(_ request: Request) async throws -> Response {
        let (plan, _) = try await service(request).editablePlan(id: planID(request))
        guard plan.status == .draft else { throw PlanEditingService.notDraft(plan) }
        let org = try await organization(of: plan, request)
        // One responsible value: the table's unit and the sheet's field 8 start the same.
        let responsible = org.units.first ?? org.name
        var item = PlanItem(kind: .project, name: "", missionCode: request.query[String.self, at: "mission"], order: 0,
                            responsibleUnit: responsible)
        // No year is "no budget" by default, and field 7 follows the budget row (empty).
        item.sheet = ProjectSheet(period: "ปีงบประมาณ พ.ศ. \(ThaiCalendar.yearRange(plan.firstYear, plan.lastYear))",
                                  budgetText: "", responsible: responsible)
        return Layout.response(EditorPages.itemForm(request, plan: plan, organization: org, form: ItemForm(item: item, plan: plan), itemID: nil))
    }

    @Sendable func editItemForm(_ request: Request) async throws -> Response {
        let (plan, _) = try await service(request).editablePlan(id: planID(request))
        guard plan.status == .draft else { throw PlanEditingService.notDraft(plan) }
        let itemID = try PlanService.parseID(request.parameters.get("itemID"))
        guard let item = plan.items.first(where: { $0.id == itemID }) else { throw SujaritError.notFound(.nfItem) }
        let org = try await organization(of: plan, request)
        return Layout.response(EditorPages.itemForm(request, plan: plan, organization: org, form: ItemForm(item: item, plan: plan), itemID: itemID))
    }

    @Sendable func createItem(_ request: Request) async throws -> Response {
        try await saveItem(request, itemID: nil)
    }

    @Sendable func updateItem(_ request: Request) async throws -> Response {
        try await saveItem(request, itemID: try PlanService.parseID(request.parameters.get("itemID")))
    }

    /// Validates the item form; on any failure the same form comes back with what was typed.
    func saveItem(_ request: Request, itemID: UUID?) async throws -> Response {
        let form = try form(ItemForm.self, request)
        let (plan, _) = try await service(request).editablePlan(id: planID(request))
        let org = try await organization(of: plan, request)
        if let itemID, !plan.items.contains(where: { $0.id == itemID }) { throw SujaritError.notFound(.nfItem) }
        if form.refresh != nil {
            // The mission changed: the same form, as typed, with that mission's sub-missions.
            return Layout.response(EditorPages.itemForm(request, plan: plan, organization: org, form: form, itemID: itemID))
        }
        let (item, errors) = form.item(id: itemID ?? request.dependencies.makeID(), plan: plan)
        func again(_ status: HTTPResponseStatus, _ errors: FormErrors, _ message: LocalizedText, conflict: PlanItem?? = nil, on shown: Plan = plan) -> Response {
            var kept = form
            // After a conflict the form carries the current version, so saving again is a
            // deliberate choice to put what was typed over the other person's change.
            if shown.version != form.version { kept.version = shown.version }
            return Layout.response(EditorPages.itemForm(request, plan: shown, organization: org, form: kept, itemID: itemID,
                                                        errors: errors, message: message, conflict: conflict), status: status)
        }
        guard let item else {
            return again(.unprocessableEntity, errors, LocalizedText(.msgCorrectFieldsInRed))
        }
        do {
            let saved = try await service(request).edit(planID: planID(request), expectedVersion: form.version ?? -1,
                                                        itemID == nil ? .addItem(item) : .updateItem(item))
            return toEditor(saved, anchor: "item-\(item.id.uuidString.lowercased())")
        } catch let conflict as PlanConflict {
            let theirs: PlanItem?? = itemID.map { id in conflict.current.items.first { $0.id == id } } ?? .some(nil)
            let message = SujaritErrorMiddleware.classify(conflict).message
            if itemID == nil {
                return again(.conflict, FormErrors(), message, on: conflict.current)
            }
            return again(.conflict, FormErrors(), message, conflict: theirs, on: conflict.current)
        } catch let error as SujaritError where error.status == .unprocessableEntity {
            var fieldErrors = FormErrors()
            for field in error.fields { fieldErrors.add(Self.formField(field.field), field.text) }
            return again(.unprocessableEntity, fieldErrors, error.message)
        }
    }

    /// Maps a plan path ("items[…].budgets.2568", "missionCode") to the form field's name.
    static func formField(_ path: String) -> String {
        if let range = path.range(of: "budgets.") { return "budget-" + path[range.upperBound...] }
        for field in ["missionCode", "name", "remarks", "responsibleUnit"] where path.hasSuffix(field) { return field }
        if let range = path.range(of: "sheet.") { return String(path[range.upperBound...]) }
        return path
    }

    @Sendable func confirmDelete(_ request: Request) async throws -> Response {
        let (plan, _) = try await service(request).editablePlan(id: planID(request))
        // Only a draft changes: no confirmation page for a deletion that cannot happen.
        guard plan.status == .draft else { throw PlanEditingService.notDraft(plan) }
        let itemID = try PlanService.parseID(request.parameters.get("itemID"))
        guard let item = plan.items.first(where: { $0.id == itemID }) else { throw SujaritError.notFound(.nfItem) }
        return Layout.response(EditorPages.confirmDelete(request, plan: plan, item: item))
    }

    @Sendable func deleteItem(_ request: Request) async throws -> Response {
        let form = try form(VersionForm.self, request)
        let itemID = try PlanService.parseID(request.parameters.get("itemID"))
        let saved = try await service(request).edit(planID: planID(request), expectedVersion: form.version ?? -1, .deleteItem(itemID))
        return toEditor(saved)
    }

    struct ShiftForm: Content { var version: Int?; var offset: Int? }

    @Sendable func shiftItem(_ request: Request) async throws -> Response {
        let form = try form(ShiftForm.self, request)
        let itemID = try PlanService.parseID(request.parameters.get("itemID"))
        let offset = (form.offset ?? 0) < 0 ? -1 : 1
        let saved = try await service(request).edit(planID: planID(request), expectedVersion: form.version ?? -1, .shiftItem(itemID, by: offset))
        return toEditor(saved, anchor: "item-\(itemID.uuidString.lowercased())")
    }

    @Sendable func duplicateItem(_ request: Request) async throws -> Response {
        let form = try form(VersionForm.self, request)
        let itemID = try PlanService.parseID(request.parameters.get("itemID"))
        let newID = request.dependencies.makeID()
        let saved = try await service(request).edit(planID: planID(request), expectedVersion: form.version ?? -1, .duplicateItem(itemID, newID: newID))
        let response = Response(status: .seeOther)
        response.headers.replaceOrAdd(name: .location, value: SiteURL.editItem(plan: saved.id, item: newID).path)
        return response
    }

    struct MissionForm: Content { var version: Int?; var dimension: Int?; var name: String? }

    @Sendable func addMission(_ request: Request) async throws -> Response {
        let form = try form(MissionForm.self, request)
        let saved = try await service(request).edit(planID: planID(request), expectedVersion: form.version ?? -1,
                                                    .addMission(name: String((form.name ?? "").prefix(500)), dimension: form.dimension ?? 0))
        return toEditor(saved)
    }

    // MARK: Risks

    @Sendable func newRiskForm(_ request: Request) async throws -> Response {
        let (plan, _) = try await service(request).editablePlan(id: planID(request))
        guard plan.status == .draft else { throw PlanEditingService.notDraft(plan) }
        let form = RiskForm(risk: RiskArea(order: 0, workArea: "", issues: [], controlMeasures: []), version: plan.version)
        return Layout.response(EditorPages.riskForm(request, plan: plan, form: form, riskID: nil))
    }

    @Sendable func editRiskForm(_ request: Request) async throws -> Response {
        let (plan, _) = try await service(request).editablePlan(id: planID(request))
        guard plan.status == .draft else { throw PlanEditingService.notDraft(plan) }
        let riskID = try PlanService.parseID(request.parameters.get("riskID"))
        guard let risk = plan.risks.first(where: { $0.id == riskID }) else { throw SujaritError.notFound() }
        return Layout.response(EditorPages.riskForm(request, plan: plan, form: RiskForm(risk: risk, version: plan.version), riskID: riskID))
    }

    @Sendable func saveRisk(_ request: Request) async throws -> Response {
        let form = try form(RiskForm.self, request)
        let riskID = try request.parameters.get("riskID").map { try PlanService.parseID($0) }
        let (plan, _) = try await service(request).editablePlan(id: planID(request))
        if let riskID, !plan.risks.contains(where: { $0.id == riskID }) { throw SujaritError.notFound() }
        let (risk, errors) = form.risk(id: riskID ?? request.dependencies.makeID(), plan: plan)
        guard let risk else {
            return Layout.response(EditorPages.riskForm(request, plan: plan, form: form, riskID: riskID, errors: errors,
                                                        message: LocalizedText(.msgCorrectFieldsInRed)),
                                   status: .unprocessableEntity)
        }
        do {
            let saved = try await service(request).edit(planID: planID(request), expectedVersion: form.version ?? -1,
                                                        riskID == nil ? .addRisk(risk) : .updateRisk(risk))
            return toEditor(saved)
        } catch let conflict as PlanConflict {
            var kept = form
            kept.version = conflict.current.version
            return Layout.response(EditorPages.riskForm(request, plan: conflict.current, form: kept, riskID: riskID,
                                                        message: SujaritErrorMiddleware.classify(conflict).message), status: .conflict)
        }
    }

    @Sendable func deleteRisk(_ request: Request) async throws -> Response {
        let form = try form(VersionForm.self, request)
        let riskID = try PlanService.parseID(request.parameters.get("riskID"))
        let saved = try await service(request).edit(planID: planID(request), expectedVersion: form.version ?? -1, .deleteRisk(riskID))
        return toEditor(saved)
    }

    // MARK: Targets

    @Sendable func newTargetForm(_ request: Request) async throws -> Response {
        let (plan, _) = try await service(request).editablePlan(id: planID(request))
        guard plan.status == .draft else { throw PlanEditingService.notDraft(plan) }
        let org = try await organization(of: plan, request)
        let form = TargetForm(target: YearlyTarget(order: 0, indicator: "", unit: "ร้อยละ", values: [:]), version: plan.version)
        return Layout.response(EditorPages.targetForm(request, plan: plan, organization: org, form: form, targetID: nil))
    }

    @Sendable func editTargetForm(_ request: Request) async throws -> Response {
        let (plan, _) = try await service(request).editablePlan(id: planID(request))
        guard plan.status == .draft else { throw PlanEditingService.notDraft(plan) }
        let targetID = try PlanService.parseID(request.parameters.get("targetID"))
        guard let target = plan.targets.first(where: { $0.id == targetID }) else { throw SujaritError.notFound() }
        let org = try await organization(of: plan, request)
        return Layout.response(EditorPages.targetForm(request, plan: plan, organization: org, form: TargetForm(target: target, version: plan.version), targetID: targetID))
    }

    @Sendable func saveTarget(_ request: Request) async throws -> Response {
        let form = try form(TargetForm.self, request)
        let targetID = try request.parameters.get("targetID").map { try PlanService.parseID($0) }
        let (plan, _) = try await service(request).editablePlan(id: planID(request))
        let org = try await organization(of: plan, request)
        if let targetID, !plan.targets.contains(where: { $0.id == targetID }) { throw SujaritError.notFound() }
        let (target, errors) = form.target(id: targetID ?? request.dependencies.makeID(), plan: plan)
        guard let target else {
            return Layout.response(EditorPages.targetForm(request, plan: plan, organization: org, form: form, targetID: targetID, errors: errors,
                                                          message: LocalizedText(.msgCorrectFieldsInRed)),
                                   status: .unprocessableEntity)
        }
        do {
            let saved = try await service(request).edit(planID: planID(request), expectedVersion: form.version ?? -1,
                                                        targetID == nil ? .addTarget(target) : .updateTarget(target))
            return toEditor(saved)
        } catch let conflict as PlanConflict {
            var kept = form
            kept.version = conflict.current.version
            return Layout.response(EditorPages.targetForm(request, plan: conflict.current, organization: org, form: kept, targetID: targetID,
                                                          message: SujaritErrorMiddleware.classify(conflict).message), status: .conflict)
        }
    }

    @Sendable func deleteTarget(_ request: Request) async throws -> Response {
        let form = try form(VersionForm.self, request)
        let targetID = try PlanService.parseID(request.parameters.get("targetID"))
        let saved = try await service(request).edit(planID: planID(request), expectedVersion: form.version ?? -1, .deleteTarget(targetID))
        return toEditor(saved)
    }

    // MARK: Front matter, life cycle

    @Sendable func frontMatterForm(_ request: Request) async throws -> Response {
        let (plan, _) = try await service(request).editablePlan(id: planID(request))
        guard plan.status == .draft else { throw PlanEditingService.notDraft(plan) }
        return Layout.response(EditorPages.frontMatterForm(request, plan: plan, form: FrontMatterForm(plan: plan)))
    }

    @Sendable func saveFrontMatter(_ request: Request) async throws -> Response {
        let form = try form(FrontMatterForm.self, request)
        do {
            let saved = try await service(request).edit(planID: planID(request), expectedVersion: form.version ?? -1,
                                                        .setFrontMatter(form.frontMatter, title: String((form.title ?? "").prefix(500))))
            return toEditor(saved)
        } catch let error as SujaritError where error.status == .unprocessableEntity {
            let (plan, _) = try await service(request).editablePlan(id: planID(request))
            var errors = FormErrors()
            for field in error.fields { errors.add(field.field, field.text) }
            return Layout.response(EditorPages.frontMatterForm(request, plan: plan, form: form, errors: errors, message: error.message), status: .unprocessableEntity)
        } catch let conflict as PlanConflict {
            var kept = form
            kept.version = conflict.current.version
            return Layout.response(EditorPages.frontMatterForm(request, plan: conflict.current, form: kept,
                                                               message: SujaritErrorMiddleware.classify(conflict).message), status: .conflict)
        }
    }

    struct TransitionForm: Content { var version: Int?; var action: String?; var comment: String? }

    @Sendable func transition(_ request: Request) async throws -> Response {
        let form = try form(TransitionForm.self, request)
        guard let action = form.action.flatMap(PlanAction.init(rawValue:)) else {
            throw SujaritError(.badRequest, LocalizedText(.msgUnknownStep))
        }
        let saved = try await service(request).transition(planID: planID(request), action: action, expectedVersion: form.version ?? -1,
                                                          comment: form.comment)
        // Back to the editor with what happened (`?step=submit`), which also says who acts next.
        let response = Response(status: .seeOther)
        response.headers.replaceOrAdd(name: .location, value: SiteURL.editor(saved.id).with(query: [("step", action.rawValue)]))
        return response
    }

    @Sendable func revise(_ request: Request) async throws -> Response {
        _ = try form(VersionForm.self, request)
        let draft = try await service(request).newRevision(planID: planID(request))
        return toEditor(draft)
    }
}
