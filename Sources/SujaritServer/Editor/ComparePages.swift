import Foundation
import Vapor
import SujaritCore
import SujaritPersistence

/// เปรียบเทียบฉบับ — two revisions of one plan side by side in words: `/plans/{id}/compare?with={otherID}`
/// (the older of the two is "before"). Anyone who may read both revisions may compare them.
struct CompareController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("plans", ":planID", "compare", use: compare)
    }

    @Sendable func compare(_ request: Request) async throws -> Response {
        let service = PlanService(request: request)
        let one = try await service.readablePlan(id: request.parameters.get("planID"))
        let other = try await service.readablePlan(id: request.query[String.self, at: "with"])
        let editing = PlanEditingService(request: request)
        guard one.organizationID == other.organizationID,
              try await editing.seriesID(of: one) == editing.seriesID(of: other) else {
            throw SujaritError(.badRequest, LocalizedText(.msgCompareSamePlanOnly))
        }
        guard let organization = try await service.organizations.find(id: one.organizationID) else { throw SujaritError.notFound() }
        let (before, after) = one.revision <= other.revision ? (one, other) : (other, one)
        return Layout.response(ComparePages.page(request, before: before, after: after, organization: organization))
    }
}

enum ComparePages {
    static func page(_ request: Request, before: Plan, after: Plan, organization org: Organization) -> HTML {
        let t = request.t
        let d = org.digitStyle
        let comparison = PlanComparison(from: before, to: after)
        func n(_ value: Int) -> String { ThaiDigits.apply(d, to: String(value)) }
        func money(_ value: Money) -> String { value == .zero ? "-" : value.formatted(digits: d) }
        func signed(_ value: Money) -> String {
            value == .zero ? "0" : (value.isNegative ? "−" : "+") + Money(satang: Int64(value.satang.magnitude)).formatted(digits: d)
        }
        func entry(_ value: BudgetEntry?) -> String {
            switch value {
            case .amount(let money)?: money.formatted(digits: d)
            case .noBudget?: t(.noBudget)
            case nil: t(.notStated)
            }
        }
        func fieldName(_ field: PlanComparison.Field) -> String {
            switch field {
            case .name: t(.fieldName)
            case .kind: t(.kindColumn)
            case .mission: t(.mission)
            case .subMission: t(.fieldSubMission)
            case .budgets: t(.fieldBudget)
            case .remarks: t(.remarks)
            case .responsible: t(.responsibleUnit)
            case .sheet: t(.itemSheet)
            case .months: t(.monthsRun)
            }
        }
        let yearRows: [HTML] = comparison.years.map { year in
            "<tr><td>\(t(.fiscalYear)) \(n(year.year.be))</td><td class=\"num\">\(money(year.old))</td><td class=\"num\">\(money(year.new))</td><td class=\"num\">\(signed(year.difference))</td></tr>"
        }
        let totalRow: HTML = comparison.total.map { total in
            "<tr class=\"grand\"><td>\(t(.grandTotal))</td><td class=\"num\">\(money(total.old))</td><td class=\"num\">\(money(total.new))</td><td class=\"num\">\(signed(total.difference))</td></tr>"
        } ?? ""
        let added: [HTML] = comparison.added.map { "<li>\($0.missionCode ?? "-") \($0.name)</li>" }
        let removed: [HTML] = comparison.removed.map { "<li>\($0.missionCode ?? "-") \($0.name)</li>" }
        let changed: [HTML] = comparison.changed.map { change in
            let budgetLines: [HTML] = change.budgetChanges.map { "<li>\(t(.fiscalYear)) \(n($0.year.be)): \(entry($0.old)) → \(entry($0.new))</li>" }
            let renamed: HTML = change.fields.contains(.name) ? "<br><span class=\"muted\">\(t(.formerName)): \(change.old.name)</span>" : ""
            return """
                <li><strong>\(change.new.name)</strong>\(renamed)<br>\(t(.changedFields)): \(change.fields.map(fieldName).joined(separator: ", "))
                \(budgetLines.isEmpty ? HTML() : HTML("<ul>\(budgetLines)</ul>"))</li>
                """
        }
        var parts: [String] = []
        if comparison.titleChanged { parts.append(t(.partTitle)) }
        if comparison.frontMatterChanged { parts.append(t(.partFrontMatter)) }
        if comparison.risksChanged { parts.append(t(.partRisks)) }
        if comparison.targetsChanged { parts.append(t(.partTargets)) }
        func section(_ title: UIKey, _ items: [HTML]) -> HTML {
            "<h2>\(t(title, n(items.count)))</h2>" + (items.isEmpty ? HTML("<p class=\"muted\">-</p>") : HTML("<ul>\(items)</ul>"))
        }
        let body: HTML = """
            <p><a href="\(SiteURL.history(after.id))">← \(t(.historyPage))</a></p>
            <h1>\(t(.compareHeading, n(before.revision), n(after.revision)))</h1>
            <p>\(after.title)</p>
            \(comparison.isEmpty ? HTML("<p class=\"notice\">\(t(.compareSame))</p>") : HTML())
            <h2>\(t(.budgetPerYear))</h2>
            <div class="table-wrap"><table><thead><tr><th>\(t(.fiscalYear))</th><th class="num">\(t(.revisionNumber, n(before.revision)))</th><th class="num">\(t(.revisionNumber, n(after.revision)))</th><th class="num">\(t(.difference))</th></tr></thead>
            <tbody>\(yearRows)\(totalRow)</tbody></table></div>
            \(section(.itemsAdded, added))
            \(section(.itemsRemoved, removed))
            \(section(.itemsChanged, changed))
            \(parts.isEmpty ? HTML() : HTML("<h2>\(t(.otherPartsChanged))</h2><p>\(parts.joined(separator: ", "))</p>"))
            """
        return Layout.page(request: request, title: t(.compareRevisions), body: body)
    }
}
