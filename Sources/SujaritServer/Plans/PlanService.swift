import Foundation
import Vapor
import Fluent
import SujaritCore
import SujaritPersistence
import SujaritAPIModels
import SujaritCatalog

/// What the web pages and the API do with plans: access rules, validation before writing,
/// and the stores underneath. Route handlers call one function here and render the result.
struct PlanService {
    let request: Request
    /// The database this service reads: the primary (`request.db`) unless a public read that
    /// tolerates lag names `request.publicDB`. Writes always go to the primary (the write path
    /// takes `request.db` itself).
    var database: (any Database)? = nil

    var stores: Stores { Stores(database: database ?? request.db) }
    var plans: PlanStore { stores.plans }
    var organizations: OrganizationStore { stores.organizations }

    /// Longest plan, in fiscal years.
    static let maximumYears = PlanLimits.maximumYears

    static func parseID(_ text: String?) throws -> UUID {
        guard let text, let id = UUID(uuidString: text) else { throw SujaritError.notFound() }
        return id
    }

    func organization(slug: String?) async throws -> Organization {
        guard let slug, let organization = try await organizations.find(slug: slug) else {
            throw SujaritError.notFound(.nfOrganization)
        }
        return organization
    }

    /// The latest published revision of an organization's plan for the years of a public
    /// address ("2566-2570", "2568", Thai digits accepted), with its organization.
    func publishedPlan(slug: String?, years: String?) async throws -> (Plan, Organization) {
        let organization = try await organization(slug: slug)
        guard let (first, last) = PublicPagesController.parseYears(years),
              let plan = try await plans.publishedPlan(organizationID: organization.id, first: first, last: last)
        else { throw SujaritError.notFound(.nfPlan) }
        return (plan, organization)
    }

    /// The approval block of a revision (who submitted, approved and published it, with the
    /// comments); nil for a draft, which stands at none of those steps.
    func approval(of plan: Plan) async throws -> PlanApproval? {
        guard plan.status != .draft else { return nil }
        return try await plans.approval(planID: plan.id, organizationID: plan.organizationID)
    }

    /// A plan the requester may read (drafts only for members of its organization).
    func readablePlan(id text: String?) async throws -> Plan {
        let id = try Self.parseID(text)
        guard let plan = try await plans.plan(id: id, scope: request.readScope) else { throw SujaritError.notFound(.nfPlan) }
        return plan
    }

    /// Builds a plan from an API body: catalog missions when none are given, template title,
    /// Thai digits in years accepted, every text in NFC.
    static func buildPlan(from body: PlanWriteRequest, organization: Organization, id: UUID) throws -> Plan {
        let first = FiscalYear(body.firstYear), last = FiscalYear(body.lastYear)
        guard FiscalYear.plausibleRange.contains(first.be), FiscalYear.plausibleRange.contains(last.be) else {
            throw SujaritError(.unprocessableEntity, LocalizedText(.msgPlanYearsBuddhistEra),
                               fields: [FieldError(field: "firstYear", message: LocalizedText(.msgYearRange2500To2700))])
        }
        guard first <= last, last.be - first.be < maximumYears else {
            throw SujaritError(.unprocessableEntity, LocalizedText(.msgInvalidPlanYears, String(maximumYears)),
                fields: [FieldError(field: "lastYear", message: LocalizedText(.msgInvalidRange))])
        }
        let template: PlanTemplate
        if let cycle = body.cycleID, !cycle.isEmpty, cycle != "custom" {
            guard let found = PlanCatalog.template(id: cycle) else {
                throw SujaritError(.unprocessableEntity, LocalizedText(.msgUnknownPlanCycle, cycle),
                                   fields: [FieldError(field: "cycleID", message: LocalizedText(.msgUnknown))])
            }
            template = found
        } else {
            template = PlanCatalog.template(covering: first)
        }
        var plan = Plan.fromTemplate(template, organization: organization, first: first, last: last, id: id)
        if let title = body.title, !title.cleaned.isEmpty { plan.title = title }
        if let dimensions = body.dimensions { plan.dimensions = dimensions; plan.cycleID = body.cycleID ?? "custom" }
        plan.items = (body.items ?? []).enumerated().map { index, item in
            var item = item
            if item.order == 0 { item.order = index + 1 }
            return item
        }
        if let ids = body.standardMeasureIDs, !ids.isEmpty {
            guard plan.cycleID == PlanCatalog.cycle2566.id else {
                throw SujaritError(.unprocessableEntity, LocalizedText(.msgStandardMeasuresCycle),
                    fields: [FieldError(field: "standardMeasureIDs", message: LocalizedText(.msgNotThisCycle))])
            }
            var measures: [StandardMeasure] = []
            for (index, id) in ids.enumerated() {
                guard let measure = StandardMeasures.measure(id: id) else {
                    throw SujaritError(.unprocessableEntity, LocalizedText(.msgUnknownStandardMeasure, id),
                                       fields: [FieldError(field: "standardMeasureIDs[\(index)]", message: LocalizedText(.msgUnknown))])
                }
                measures.append(measure)
            }
            let start = (plan.items.map(\.order).max() ?? 0) + 1
            plan.items += StandardMeasures.items(measures, organization: organization, firstYear: first, lastYear: last, startingOrder: start)
                .filter { plan.mission(code: $0.missionCode ?? "") != nil }
        }
        plan.risks = body.risks ?? []
        plan.targets = body.targets ?? []
        plan.frontMatter = body.frontMatter ?? PlanFrontMatter()
        try checkLengths(plan)
        return plan.normalized()
    }

    /// Gives a fresh id to every item, risk row and target of a request body whose id is not one
    /// of `keeping` (the plan's own) or repeats: ids of another plan's rows would collide in
    /// storage. Links from risk rows follow their items' new ids.
    static func freshIDs(_ plan: Plan, keeping: Set<UUID>, makeID: () -> UUID = UUID.init) -> Plan {
        var plan = plan
        var used: Set<UUID> = []
        var newItemIDs: [UUID: UUID] = [:]
        func fresh(_ id: UUID) -> UUID {
            if keeping.contains(id) && used.insert(id).inserted { return id }
            return makeID()
        }
        for index in plan.items.indices {
            let old = plan.items[index].id
            plan.items[index].id = fresh(old)
            if !keeping.contains(old) && newItemIDs[old] == nil { newItemIDs[old] = plan.items[index].id }
        }
        for index in plan.risks.indices {
            plan.risks[index].id = fresh(plan.risks[index].id)
            plan.risks[index].linkedItemIDs = plan.risks[index].linkedItemIDs.map { newItemIDs[$0] ?? $0 }
        }
        for index in plan.targets.indices { plan.targets[index].id = fresh(plan.targets[index].id) }
        return plan
    }

    /// The limits of every stored plan (`PlanLimits`), as a 422 naming the fields.
    static func checkLengths(_ plan: Plan) throws {
        do { try PlanLimits.check(plan) } catch { throw SujaritError(error) }
    }

    func create(in slug: String?, body: PlanWriteRequest) async throws -> Plan {
        let viewer = try request.requireViewer()
        let organization = try await organization(slug: slug)
        guard viewer.can(.editor, in: organization.id) else { throw SujaritError.forbidden() }
        let plan = Self.freshIDs(try Self.buildPlan(from: body, organization: organization, id: request.dependencies.makeID()),
                                 keeping: [], makeID: request.dependencies.makeID)
        // One plan series per period: the decision refuses years another series holds, and the
        // store claims the period in the transaction that inserts the plan.
        return try await PlanEditingService(request: request).run(.create(plan), inOrganization: organization.id)
    }

    /// One plan series per organization and period: the latest revision of the series that
    /// holds exactly these years, if any (for pages that offer it instead of a new plan).
    func existingSeries(organizationID: UUID, first: FiscalYear, last: FiscalYear) async throws -> PlanListEntry? {
        guard let latest = try await plans.periodLatest(organizationID: organizationID, first: first, last: last) else { return nil }
        return try await plans.plans(organizationID: organizationID, includeUnpublished: true).first { $0.id == latest.id }
    }

    /// 409 naming the plan that already covers the years, with its address.
    static func seriesExists(_ existing: PlanListEntry, digits: DigitStyle) -> SujaritError {
        let next = existing.status == .draft
            ? LocalizedText(.msgOpenThatDraft)
            : existing.status == .published
            ? LocalizedText(.msgStartRevisionOfThatPlan)
            : LocalizedText(.msgWaitForThatApproval)
        return SujaritError(.conflict, LocalizedText.each { t in
            // Thai pages follow the organization's digits; English ones use Arabic digits.
            let shown = t.language == .thai ? digits : .arabic
            return t(.msgPeriodHasPlan, ThaiCalendar.yearRange(existing.firstYear, existing.lastYear, digits: shown),
                     ThaiDigits.apply(shown, to: String(existing.revision)), t.name(existing.status).lowercased(), t.pick(next))
        },
            location: SiteURL.plan(existing.id).path)
    }

    func replace(id text: String?, body: PlanWriteRequest) async throws -> Plan {
        let viewer = try request.requireViewer()
        let id = try Self.parseID(text)
        guard let state = try await plans.state(planID: id, scope: request.readScope), let current = state.plan else {
            throw SujaritError.notFound(.nfPlan)
        }
        guard viewer.can(.editor, in: current.organizationID) else { throw SujaritError.forbidden() }
        guard current.status == .draft else { throw PlanEditingService.notDraft(current) }
        guard let version = body.version else {
            throw SujaritError(.unprocessableEntity, LocalizedText(.msgPlanVersionRequired),
                               fields: [FieldError(field: "version", message: LocalizedText(.msgRequired))])
        }
        guard let organization = try await organizations.find(id: current.organizationID) else { throw SujaritError.notFound() }
        var plan = try Self.buildPlan(from: body, organization: organization, id: current.id)
        plan = Self.freshIDs(plan, keeping: Set(current.items.map(\.id) + current.risks.map(\.id) + current.targets.map(\.id)),
                             makeID: request.dependencies.makeID)
        // Moving a plan to other years must not give those years a second plan series.
        if plan.firstYear != current.firstYear || plan.lastYear != current.lastYear {
            let entries = try await plans.plans(organizationID: current.organizationID, includeUnpublished: true)
            let series = entries.first { $0.id == current.id }?.seriesID
            if let existing = entries.first(where: { $0.firstYear == plan.firstYear && $0.lastYear == plan.lastYear && $0.seriesID != series }) {
                throw Self.seriesExists(existing, digits: organization.digitStyle)
            }
        }
        if body.cycleID == nil && body.dimensions == nil {
            plan.dimensions = current.dimensions
            plan.cycleID = current.cycleID
        }
        return try await PlanEditingService(request: request).run(.replace(plan), on: state, expectedVersion: version)
    }
}
