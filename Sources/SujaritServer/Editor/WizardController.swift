import Foundation
import Vapor
import SujaritCore
import SujaritPersistence
import SujaritAPIModels
import SujaritCatalog

/// จัดทำแผนใหม่ — the new-plan wizard: choose the cycle (a catalog template or a custom range
/// such as a one-year plan), the title (the organization's name filled in), and start empty or
/// with ticked standard measures, each with a draft sheet.
struct WizardController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("o", ":slug", "plans", "new", use: form)
        routes.post("o", ":slug", "plans", "new", use: create)
        routes.get("api", "v1", "catalog", "measures", use: measures)
    }

    struct WizardForm: Content {
        var cycle: String?
        var firstYear: String?
        var lastYear: String?
        var title: String?
        var measures: [String]?
    }

    func organizationForEditor(_ request: Request) async throws -> Organization {
        let viewer = try request.requireViewer()
        let organization = try await PlanService(request: request).organization(slug: request.parameters.get("slug"))
        guard viewer.can(.editor, in: organization.id) else { throw SujaritError.forbidden() }
        return organization
    }

    @Sendable func form(_ request: Request) async throws -> Response {
        let organization = try await organizationForEditor(request)
        let template = PlanCatalog.cycle2566
        let initial = WizardForm(cycle: template.id, firstYear: String(template.firstYear.be), lastYear: String(template.lastYear.be),
                                 title: template.title(organizationName: organization.name), measures: [])
        return Layout.response(Self.page(request, organization: organization, form: initial, errors: FormErrors()))
    }

    @Sendable func create(_ request: Request) async throws -> Response {
        try CSRF.verify(request)
        let organization = try await organizationForEditor(request)
        let form = try request.content.decode(WizardForm.self)
        var errors = FormErrors()
        let template: PlanTemplate
        var first: FiscalYear, last: FiscalYear
        if let cycle = form.cycle, let found = PlanCatalog.template(id: cycle) {
            template = found
            first = found.firstYear
            last = found.lastYear
        } else {
            // A custom range: its missions come from the cycle its first year belongs to.
            let firstText = ThaiDigits.toArabic((form.firstYear ?? "").cleaned)
            let lastText = ThaiDigits.toArabic((form.lastYear ?? "").cleaned)
            let firstValue = Int(firstText) ?? 0
            let lastValue = Int(lastText.isEmpty ? firstText : lastText) ?? 0
            if !FiscalYear.plausibleRange.contains(firstValue) {
                errors.add("firstYear", LocalizedText(.msgEnterBuddhistEraYear))
            }
            if !FiscalYear.plausibleRange.contains(lastValue) || lastValue < firstValue || lastValue - firstValue >= PlanService.maximumYears {
                errors.add("lastYear", LocalizedText(.msgLastYearRange, String(PlanService.maximumYears)))
            }
            first = FiscalYear(firstValue)
            last = FiscalYear(lastValue)
            template = PlanCatalog.template(covering: first)
        }
        let chosen = (form.measures ?? []).compactMap(StandardMeasures.measure(id:))
        if chosen.count != (form.measures ?? []).count {
            errors.add("measures", LocalizedText(.msgUnknownMeasureChosen))
        }
        let title = (form.title ?? "").cleaned
        if title.count > 500 { errors.add("title", LocalizedText(.msgTitleTooLong)) }
        guard errors.isEmpty else {
            return Layout.response(Self.page(request, organization: organization, form: form, errors: errors), status: .unprocessableEntity)
        }
        var body = PlanWriteRequest(title: title.isEmpty ? nil : title, firstYear: first.be, lastYear: last.be, cycleID: template.id)
        body.standardMeasureIDs = chosen.map(\.id)
        let plan: Plan
        do {
            plan = try await PlanService(request: request).create(in: organization.slug, body: body)
        } catch let error as SujaritError where error.status == .unprocessableEntity {
            var shown = FormErrors()
            for field in error.fields { shown.add(field.field.hasPrefix("standardMeasureIDs") ? "measures" : field.field, field.text) }
            shown.add("measures", error.message)
            return Layout.response(Self.page(request, organization: organization, form: form, errors: shown), status: .unprocessableEntity)
        } catch let error as SujaritError where error.status == .conflict {
            // One plan series per organization and period (the decision and the store's period
            // claim refuse a second): offer the existing plan instead.
            guard let existing = try await PlanService(request: request).existingSeries(organizationID: organization.id, first: first, last: last) else { throw error }
            return Layout.response(Self.page(request, organization: organization, form: form, errors: FormErrors(), existing: existing), status: .conflict)
        }
        let response = Response(status: .seeOther)
        response.headers.replaceOrAdd(name: .location, value: SiteURL.editor(plan.id).path)
        return response
    }

    struct MeasureDTO: Content {
        var id: String
        var kind: PlanItemKind
        var name: String
        var englishTitle: String
        var missionCode: String
        var subMissionCode: String?
        var itaTopic: String?
    }

    /// GET /api/v1/catalog/measures[?org=slug] — the standard measures, names filled in for an
    /// organization when one is given.
    @Sendable func measures(_ request: Request) async throws -> [MeasureDTO] {
        var name = "องค์กรปกครองส่วนท้องถิ่น"
        if let slug = request.query[String.self, at: "org"] {
            name = try await PlanService(request: request).organization(slug: slug).name
        }
        return StandardMeasures.all.map {
            MeasureDTO(id: $0.id, kind: $0.kind, name: $0.name(organizationName: name), englishTitle: $0.englishTitle,
                       missionCode: $0.missionCode, subMissionCode: $0.subMissionCode, itaTopic: $0.itaTopic)
        }
    }
}
