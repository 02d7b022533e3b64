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
            throw SujaritError(.badRequest, LocalizedText(th: "เปรียบเทียบได้เฉพาะฉบับของแผนเดียวกัน", en: "Only revisions of the same plan can be compared"))
        }
        guard let organization = try await service.organizations.find(id: one.organizationID) else { throw SujaritError.notFound() }
        let (before, after) = one.revision <= other.revision ? (one, other) : (other, one)
        return Layout.response(ComparePages.page(request, before: before, after: after, organization: organization))
    }
}

enum ComparePages {
    static func page(_ request: Request, before: Plan, after: Plan, organization org: Organization) -> HTML {
        let th = request.t.language == .thai
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
            case nil: th ? "ไม่ได้ระบุ" : "not stated"
            }
        }
        func fieldName(_ field: PlanComparison.Field) -> String {
            switch field {
            case .name: th ? "ชื่อ" : "name"
            case .kind: th ? "ประเภท" : "kind"
            case .mission: th ? "ภารกิจ" : "mission"
            case .subMission: th ? "ภารกิจย่อย" : "sub-mission"
            case .budgets: th ? "งบประมาณ" : "budget"
            case .remarks: th ? "หมายเหตุ" : "remarks"
            case .responsible: th ? "ผู้รับผิดชอบ" : "responsible"
            case .sheet: th ? "รายละเอียดโครงการ" : "project sheet"
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
            let renamed: HTML = change.fields.contains(.name) ? "<br><span class=\"muted\">\(th ? "ชื่อเดิม" : "was"): \(change.old.name)</span>" : ""
            return """
                <li><strong>\(change.new.name)</strong>\(renamed)<br>\(th ? "เปลี่ยน" : "changed"): \(change.fields.map(fieldName).joined(separator: ", "))
                \(budgetLines.isEmpty ? HTML() : HTML("<ul>\(budgetLines)</ul>"))</li>
                """
        }
        var parts: [String] = []
        if comparison.titleChanged { parts.append(th ? "ชื่อแผน" : "the title") }
        if comparison.frontMatterChanged { parts.append(th ? "คำนำ/หลักการและเหตุผล/วัตถุประสงค์/ประโยชน์" : "foreword, rationale, objectives or benefits") }
        if comparison.risksChanged { parts.append(th ? "ตารางความเสี่ยงการทุจริต" : "the risk table") }
        if comparison.targetsChanged { parts.append(th ? "ค่าเป้าหมาย" : "the targets") }
        func section(_ title: String, _ items: [HTML]) -> HTML {
            "<h2>\(title) (\(n(items.count)))</h2>" + (items.isEmpty ? HTML("<p class=\"muted\">-</p>") : HTML("<ul>\(items)</ul>"))
        }
        let body: HTML = """
            <p><a href="\(SiteURL.plan(after.id))/history">← \(th ? "ประวัติการแก้ไข" : "History")</a></p>
            <h1>\(th ? "เปรียบเทียบฉบับที่ \(n(before.revision)) กับฉบับที่ \(n(after.revision))" : "Revision \(before.revision) compared with revision \(after.revision)")</h1>
            <p>\(after.title)</p>
            \(comparison.isEmpty ? HTML("<p class=\"notice\">\(th ? "สองฉบับนี้เหมือนกัน" : "The two revisions are the same")</p>") : HTML())
            <h2>\(th ? "งบประมาณรายปี" : "Budget per year")</h2>
            <div class="table-wrap"><table><thead><tr><th>\(t(.fiscalYear))</th><th class="num">\(th ? "ฉบับที่" : "Revision") \(n(before.revision))</th><th class="num">\(th ? "ฉบับที่" : "Revision") \(n(after.revision))</th><th class="num">\(th ? "ผลต่าง" : "Difference")</th></tr></thead>
            <tbody>\(yearRows)\(totalRow)</tbody></table></div>
            \(section(th ? "รายการที่เพิ่ม" : "Items added", added))
            \(section(th ? "รายการที่ลบออก" : "Items removed", removed))
            \(section(th ? "รายการที่แก้ไข" : "Items changed", changed))
            \(parts.isEmpty ? HTML() : HTML("<h2>\(th ? "ส่วนอื่นที่แก้ไข" : "Other parts changed")</h2><p>\(parts.joined(separator: ", "))</p>"))
            """
        return Layout.page(request: request, title: th ? "เปรียบเทียบฉบับ" : "Compare revisions", body: body)
    }
}
