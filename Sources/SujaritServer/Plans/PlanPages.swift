import Foundation
import Vapor
import SujaritCore
import SujaritPersistence
import SujaritExport

/// Public pages of organizations and plans: the organization list, an organization,
/// the official Part 2 table, Part 1, and an item's project sheet.
extension Pages {
    // MARK: The directory (home page)

    /// Provinces, then organizations: a search form (name, province, kind, district), the
    /// provinces with their counts, and one page of matching organizations.
    static func directory(_ request: Request, result: DirectoryPage?, provinces: [DirectoryCount], districts: [DirectoryCount],
                          parameters: Directory.Parameters, error: SujaritError? = nil) -> HTML {
        let t = request.t
        let items = Directory.queryItems(parameters)
        let chosenProvince = parameters.province?.cleaned ?? ""
        let provinceOptions: [HTML] = provinces.map { province in
            let name = province.name.isEmpty ? t(.dirNoProvince) : province.name
            return "<option value=\"\(province.name)\"\(province.name == chosenProvince && !chosenProvince.isEmpty ? HTML(" selected") : HTML())>\(name)</option>"
        }
        let kindOptions: [HTML] = OrganizationKind.allCases.map { kind in
            "<option value=\"\(kind.rawValue)\"\(parameters.kind == kind.rawValue ? HTML(" selected") : HTML())>\(t.name(kind))</option>"
        }
        let districtOptions: [HTML] = districts.map { district in
            "<option value=\"\(district.name)\"\(parameters.district?.cleaned == district.name ? HTML(" selected") : HTML())>\(district.name)</option>"
        }
        let districtField: HTML = districts.isEmpty
            ? "<input type=\"text\" id=\"district\" name=\"district\" value=\"\(parameters.district ?? "")\" maxlength=\"100\">"
            : "<select id=\"district\" name=\"district\"><option value=\"\">\(t(.dirAllDistricts))</option>\(districtOptions)</select>"
        let form: HTML = """
            <form method="get" class="directory-search" role="search">
            <label for="q">\(t(.dirSearchByName))</label>
            <input type="search" id="q" name="q" value="\(String((parameters.q ?? "").prefix(OrganizationSearch.maximumQueryLength)))" maxlength="\(OrganizationSearch.maximumQueryLength)" placeholder="\(t(.dirSearchPlaceholder))">
            <label for="province">\(t(.province))</label>
            <select id="province" name="province"><option value="">\(t(.dirAllProvinces))</option>\(provinceOptions)</select>
            <label for="kind">\(t(.dirKind))</label>
            <select id="kind" name="kind"><option value="">\(t(.dirAllKinds))</option>\(kindOptions)</select>
            <label for="district">\(t(.district))</label>
            \(districtField)
            <p><button type="submit">\(t(.dirSearch))</button> <a href="\(request.viewer == nil ? SiteURL.home : SiteURL.organizations)">\(t(.dirClear))</a></p>
            </form>
            """
        let notice: HTML
        if let error {
            let fields: [HTML] = error.fields.map { "<li>\($0.field): \(t.pick($0.text))</li>" }
            notice = "<div class=\"notice error\" role=\"alert\"><p>\(t.pick(error.message))</p><ul>\(fields)</ul></div>"
        } else {
            notice = ""
        }
        let filtered = !items.isEmpty
        let provinceList: HTML
        if filtered || provinces.isEmpty {
            provinceList = ""
        } else {
            let entries: [HTML] = provinces.map { province in
                let name = province.name.isEmpty ? t(.dirNoProvince) : province.name
                return "<li><a href=\"\(SiteURL.directory([URLQueryItem(name: "province", value: province.name)]))\">\(name)</a> <span class=\"muted\">(\(province.count))</span></li>"
            }
            provinceList = """
                <h2>\(t(.dirProvinces))</h2>
                <ul class="provinces">\(entries)</ul>
                """
        }
        var listing: HTML = ""
        if let result {
            let cards: [HTML] = result.organizations.map { org in
                """
                <li><a href="\(SiteURL.organization(slug: org.slug))"><strong>\(org.name)</strong></a><br>
                <span class="muted">\(org.district.isEmpty ? "" : t(.dirDistrictOf, org.district) + " ")\(org.province.isEmpty ? "" : t(.dirProvinceOf, org.province))</span></li>
                """
            }
            let heading = t(.dirOrganizationCount, String(result.total))
            let empty: HTML
            if result.total == 0 {
                empty = "<p>\(filtered ? t(.dirNoMatch) : t(.noOrganizations))</p>"
            } else if result.organizations.isEmpty {
                empty = "<p class=\"notice\">\(t(.dirNoSuchPage, String(result.pageCount))) — <a href=\"\(SiteURL.directory(Directory.page(items, result.pageCount)))\">\(t(.dirLastPage))</a></p>"
            } else {
                empty = ""
            }
            var pager: [HTML] = []
            if result.page > 1 && result.page <= result.pageCount {
                pager.append("<a rel=\"prev\" href=\"\(SiteURL.directory(Directory.page(items, result.page - 1)))\">← \(t(.dirPrevious))</a>")
            }
            if result.pageCount > 1 {
                pager.append("<span>\(t(.dirPageOf, String(result.page), String(result.pageCount)))</span>")
            }
            if result.page < result.pageCount {
                pager.append("<a rel=\"next\" href=\"\(SiteURL.directory(Directory.page(items, result.page + 1)))\">\(t(.dirNext)) →</a>")
            }
            listing = """
                <h2>\(heading)</h2>
                \(empty)
                \(result.organizations.isEmpty ? HTML() : HTML("<ul class=\"cards\">\(cards)</ul>"))
                \(pager.isEmpty ? HTML() : HTML("<nav class=\"pager\" aria-label=\"\(t(.dirPages))\">\(pager.joined(separator: " "))</nav>"))
                """
        }
        let body: HTML = """
            <h1>\(t(.organizations))</h1>
            <p class="lead">\(t(.organizationsLead))</p>
            \(notice)
            \(form)
            \(provinceList)
            \(listing)
            """
        return Layout.page(request: request, title: t(.organizations), body: body)
    }

    /// A signed-in person's home page (issue 11 §11): their work instead of the public list,
    /// the overseers' dashboards where they oversee, and the way to the directory.
    static func signedInHome(_ request: Request, work: MyWork?, overseer: Bool) -> HTML {
        let t = request.t
        // The way to one's own organizations (their plans, monitoring, complaints) stays on the home.
        let mine: [HTML] = (work?.organizations ?? []).map { org in
            "<li><a href=\"\(SiteURL.organization(slug: org.slug))\"><strong>\(org.name)</strong></a></li>"
        }
        let organizations: HTML = mine.isEmpty ? HTML() : """
            <h2>\(t(.myOrganizations))</h2>
            <ul class="my-organizations">\(mine)</ul>
            """
        let body: HTML = """
            \(work.map { Pages.myWork(request, $0) } ?? HTML())
            \(organizations)
            \(overseer ? HTML("<p class=\"notice\"><a href=\"\(SiteURL.overseers)\">\(t(.myWorkDashboards))</a></p>") : HTML())
            <p class="directory-link"><a href="\(SiteURL.organizations)">\(t(.myWorkDirectory))</a></p>
            """
        return Layout.page(request: request, title: t(.myWork), body: body)
    }

    // MARK: One organization

    /// The plans the public addresses serve (one per period), so that only their rows link there.
    static func servedPlanIDs(_ plans: [PlanListEntry], store: PlanStore, organizationID: UUID) async throws -> Set<UUID> {
        var served: Set<UUID> = []
        var seen: Set<String> = []
        for entry in plans where entry.status == .published && seen.insert(entry.yearSlug).inserted {
            if let id = try await store.publishedPlanID(organizationID: organizationID, first: entry.firstYear, last: entry.lastYear) {
                served.insert(id)
            }
        }
        return served
    }

    static func organization(_ request: Request, organization org: Organization, plans: [PlanListEntry], canSeeDrafts: Bool, served: Set<UUID>) -> HTML {
        let t = request.t
        let digits = org.digitStyle
        let rows: [HTML] = plans.map { entry in
            let href = served.contains(entry.id) ? SiteURL.publishedPlan(slug: org.slug, years: entry.yearSlug) : SiteURL.plan(entry.id)
            return """
                <tr><td><a href="\(href)">\(entry.title)</a></td>
                <td class="num">\(ThaiCalendar.yearRange(entry.firstYear, entry.lastYear, digits: digits))</td>
                <td><span class="badge \(entry.status.rawValue)">\(statusName(entry.status, t))</span></td>
                <td class="num">\(ThaiDigits.apply(digits, to: String(entry.revision)))</td></tr>
                """
        }
        let contact: [HTML] = [
            org.district.isEmpty ? nil : "<li>\(t(.district)): \(org.district)</li>",
            org.province.isEmpty ? nil : "<li>\(t(.province)): \(org.province)</li>",
            org.website.isEmpty ? nil : "<li>\(t(.website)): \(org.website)</li>",
            org.phone.isEmpty ? nil : "<li>\(t(.phone)): \(ThaiDigits.apply(digits, to: org.phone))</li>",
        ].compactMap { $0 }
        let table: HTML = plans.isEmpty
            ? "<p>\(canSeeDrafts ? t(.noPlans) : t(.noPublishedPlans))</p>"
            : """
              <div class="table-wrap"><table>
              <thead><tr><th>\(t(.plans))</th><th class="num">\(t(.planYears))</th><th>\(t(.status))</th><th class="num">\(t(.revision))</th></tr></thead>
              <tbody>\(rows)</tbody></table></div>
              """
        let newPlan: HTML = (request.viewer?.can(.editor, in: org.id) ?? false)
            ? "<p><a class=\"button\" href=\"\(SiteURL.newPlan(slug: org.slug))\">+ \(t(.newPlan))</a> <a class=\"button\" href=\"\(SiteURL.importDocument(slug: org.slug))\">\(t(.importFromFile))</a></p>"
            : ""
        let monitoring: HTML = canSeeDrafts
            ? "<p><a class=\"button\" href=\"\(SiteURL.monitoring(slug: org.slug))\">\(t(.monDashboardLink))</a></p>"
            : ""
        let settings: HTML = (request.viewer?.can(.admin, in: org.id) ?? false)
            ? "<p><a href=\"\(SiteURL.organizationSettings(slug: org.slug))\">\(t(.editOrganizationDetails))</a></p>"
            : ""
        let body: HTML = """
            <p><a href="\(SiteURL.home)">\(t(.organizations))</a></p>
            <h1>\(org.name)</h1>
            \(newPlan)\(monitoring)\(settings)
            <ul class="muted">\(contact)</ul>
            <h2>\(t(.plans))</h2>
            \(table)
            """
        return Layout.page(request: request, title: org.name, body: body)
    }

    static func statusName(_ status: PlanStatus, _ t: Translator) -> String {
        t.name(status)
    }

    // MARK: A plan: the official Part 2 table

    /// Where a plan page's download links point: the stable public files of the latest
    /// published revision, or the files of the revision shown.
    enum Downloads {
        case published
        case revision
    }

    /// "ดาวน์โหลด: Word · PDF · Excel · CSV · JSON".
    static func downloadLinks(_ t: Translator, plan: Plan, organization org: Organization, downloads: Downloads) -> HTML {
        let links: [HTML] = ExportFormat.allCases.map { format in
            let href = switch downloads {
            case .published: SiteURL.publishedPlanFile(slug: org.slug, years: plan.yearSlug, format)
            case .revision: SiteURL.planExport(plan.id, format)
            }
            return "<a href=\"\(href)\" type=\"\(format.mediaType)\">\(format.label)</a>"
        }
        return "<p class=\"downloads\">\(t(.download)): \(links.joined(separator: " · "))</p>"
    }

    static func plan(_ request: Request, plan: Plan, organization org: Organization, showFindings: Bool, downloads: Downloads = .revision,
                     monitoring: ItemMonitoringStatus? = nil, approval: PlanApproval? = nil) -> HTML {
        let t = request.t
        let digits = org.digitStyle
        let summary = PlanSummary(plan: plan)
        let numbers = plan.itemNumbers
        let years = plan.fiscalYears
        func n(_ value: Int) -> String { ThaiDigits.apply(digits, to: String(value)) }
        func money(_ value: Money?) -> String {
            guard let value, value != .zero else { return "-" }
            return value.formatted(digits: digits)
        }
        func count(_ value: Int) -> String {
            t(.projectsCount, n(value))
        }

        let yearHeaders: [HTML] = years.map { "<th class=\"num\" scope=\"col\">\(t(.fiscalYear)) \(n($0.be))<br><span class=\"muted\">\(t(.budgetBaht))</span></th>" }
        var rows: [HTML] = []
        for dimension in plan.dimensions.sorted(by: { $0.number < $1.number }) {
            let total = summary.dimension(dimension.number)
            var firstRowOfDimension = true
            for mission in dimension.missions {
                let items = plan.items(inMission: mission.code)
                guard !items.isEmpty else { continue }
                var firstRowOfMission = true
                for item in items {
                    let budgetCells: [HTML] = years.map { year in
                        "<td class=\"num\">\(item.budgets[year]?.formatted(digits: digits) ?? "-")</td>"
                    }
                    let dimensionCell: HTML = firstRowOfDimension ? "\(n(dimension.number)). \(dimension.name)" : ""
                    let missionCell: HTML = firstRowOfMission ? "\(ThaiDigits.apply(digits, to: mission.code)) \(mission.name)" : ""
                    rows.append("""
                        <tr><td>\(dimensionCell)</td><td>\(missionCell)</td>
                        <td>\(n(numbers[item.id] ?? 0))) <a href="\(SiteURL.item(plan: plan.id, item: item.id))">\(item.name)</a>\(monthsLine(item, t))\(monitoring?.badge(for: item, request))</td>
                        \(budgetCells)<td>\(item.remarks)</td></tr>
                        """)
                    firstRowOfDimension = false
                    firstRowOfMission = false
                }
            }
            if firstRowOfDimension {
                rows.append("<tr><td>\(n(dimension.number)). \(dimension.name)</td><td></td><td class=\"muted\">-</td>\(years.map { _ in HTML("<td class=\"num\">-</td>") })<td></td></tr>")
            }
            let subtotalCells: [HTML] = years.map { "<td class=\"num\">\(money(total?.budgetByYear[$0]))</td>" }
            rows.append("""
                <tr class="subtotal"><td></td><td>\(t(.subtotal))</td><td>\(count(total?.itemCount ?? 0))</td>\(subtotalCells)<td></td></tr>
                """)
        }
        let unplaced = plan.orderedItems.filter { item in item.missionCode.flatMap { plan.mission(code: $0) } == nil }
        if !unplaced.isEmpty {
            rows.append("<tr><td colspan=\"\(years.count + 4)\"><strong>\(t(.unplaced))</strong></td></tr>")
            for item in unplaced {
                let budgetCells: [HTML] = years.map { "<td class=\"num\">\(item.budgets[$0]?.formatted(digits: digits) ?? "-")</td>" }
                rows.append("<tr><td></td><td></td><td>\(n(numbers[item.id] ?? 0))) <a href=\"\(SiteURL.item(plan: plan.id, item: item.id))\">\(item.name)</a>\(monthsLine(item, t))</td>\(budgetCells)<td>\(item.remarks)</td></tr>")
            }
        }
        let cards = partTwoCards(plan, t: t, digits: digits)
        let grandCells: [HTML] = years.map { "<td class=\"num\">\(money(summary.budgetByYear[$0]))</td>" }
        rows.append("""
            <tr class="grand"><td></td><td>\(t(.grandTotal))</td><td>\(count(summary.itemCount))</td>\(grandCells)<td></td></tr>
            """)

        let summaryList: [HTML] = summary.dimensions.map { d in
            "<li>\(t(.dimension)) \(n(d.number)) \(d.name): \(count(d.itemCount)), \(d.total == .zero ? t(.noBudget) : t(.bahtAmount, money(d.total)))</li>"
        }

        let notice: HTML = plan.status == .published ? "" : "<p class=\"notice\">\(t(.draftNotice))</p>"
        let role = request.viewer?.role(in: plan.organizationID)
        let staffLinks: HTML = showFindings
            ? """
              <p><a class="button" href="\(SiteURL.editor(plan.id))">\(t(.planEditor))</a> <a class="button" href="\(SiteURL.history(plan.id))">\(t(.history))</a></p>
              \(plan.status == .draft ? HTML() : HTML("<p class=\"notice\">\(t.pick(EditorPages.statusNotice(plan, organization: org, role: role)))</p>"))
              \(EditorPages.approvalButtons(request, plan: plan, role: role))
              """
            : ""
        let body: HTML = """
            <p><a href="\(SiteURL.organization(slug: org.slug))">\(org.name)</a></p>
            <h1>\(plan.title)</h1>
            <p><span class="badge \(plan.status.rawValue)">\(statusName(plan.status, t))</span>
            \(t(.revision)) \(n(plan.revision)) · \(t(.planYears)) \(ThaiCalendar.yearRange(plan.firstYear, plan.lastYear, digits: digits))
            <span class="screen-only">· <a href="\(SiteURL.apiPlan(plan.id))">\(t(.apiLink))</a></span></p>
            \(downloadLinks(t, plan: plan, organization: org, downloads: downloads))
            \(notice)
            \(monitoring?.banner(request))
            \(staffLinks)
            \(partOne(plan, t: t, digits: digits))
            <h2>\(t(.summary))</h2>
            <ul>\(summaryList)
            <li><strong>\(t(.grandTotal)) \(count(summary.itemCount)) · \(t(.totalOverPlan)) \(t(.bahtAmount, money(summary.total)))</strong></li></ul>
            <section class="part2">
            <p class="part-label"><strong>\(t(.part2))</strong></p>
            <h2>\(t(.plans))</h2>
            <div class="table-wrap"><table class="plan-table">
            <thead><tr><th scope="col">\(t(.dimension))</th><th scope="col">\(t(.mission))</th><th scope="col">\(t(.items))</th>\(yearHeaders)<th scope="col">\(t(.remarks))</th></tr></thead>
            <tbody>\(rows)</tbody>
            </table></div>
            \(cards)
            </section>
            \(approval.map { approvalBlock($0, t: t, digits: digits) } ?? HTML())
            \(showFindings ? findingsList(plan, t: t) : HTML())
            """
        return Layout.page(request: request, title: plan.title, body: body)
    }

    /// The approval block: each step the revision went through — submitted, approved,
    /// published — by whom, on which date (Buddhist Era), with the approver's comment. Thai
    /// first; the English page adds the English words.
    static func approvalBlock(_ approval: PlanApproval, t: Translator, digits: DigitStyle) -> HTML {
        guard !approval.isEmpty else { return "" }
        let rows: [HTML] = approval.entries.map { entry in
            let step: String = switch entry.step {
            case .submitted: t(.approvalSubmitted)
            case .approved: t(.approvalApproved)
            case .published: t(.approvalPublished)
            }
            let comment: HTML = entry.comment.map { HTML("\($0)") } ?? HTML("-")
            return """
                <tr><th scope="row">\(step)</th><td>\(entry.by)</td><td class="num">\(ThaiCalendar.thaiDate(entry.at, digits: digits))</td><td class="comment">\(comment)</td></tr>
                """
        }
        return """
            <section class="approval-block" id="approval">
            <h2>\(t(.approvalBlock))</h2>
            <div class="table-wrap"><table>
            <thead><tr><th scope="col">\(t(.approvalStep))</th><th scope="col">\(t(.approvalBy))</th><th scope="col">\(t(.approvalDate))</th><th scope="col">\(t(.approvalComment))</th></tr></thead>
            <tbody>\(rows)</tbody>
            </table></div>
            </section>
            """
    }

    /// Part 2 for a phone: one card per item with its name, mission and the amount of every
    /// year, a card per dimension's subtotal and the grand total (the stylesheet shows these
    /// instead of the wide table on narrow screens, and the table when printing).
    static func partTwoCards(_ plan: Plan, t: Translator, digits: DigitStyle) -> HTML {
        let summary = PlanSummary(plan: plan)
        let numbers = plan.itemNumbers
        let years = plan.fiscalYears
        func n(_ value: Int) -> String { ThaiDigits.apply(digits, to: String(value)) }
        func amounts(_ value: (FiscalYear) -> String) -> HTML {
            let rows: [HTML] = years.map { "<dt>\(t(.fiscalYear)) \(n($0.be))</dt><dd>\(value($0))</dd>" }
            return "<dl class=\"year-amounts\">\(rows)</dl>"
        }
        func total(_ money: Money?) -> String { (money ?? .zero) == .zero ? "-" : money!.formatted(digits: digits) }
        func card(_ item: PlanItem) -> HTML {
            let mission = item.missionCode.map { ThaiDigits.apply(digits, to: $0) } ?? "-"
            return """
                <li class="item-card"><p class="item-name">\(n(numbers[item.id] ?? 0))) <a href="\(SiteURL.item(plan: plan.id, item: item.id))">\(item.name)</a></p>
                <p class="muted">\(t(.mission)) \(mission)\(item.remarks.isEmpty ? "" : " · \(t(.remarks)): \(item.remarks)")</p>\(monthsLine(item, t))
                \(amounts { item.budgets[$0]?.formatted(digits: digits) ?? "-" })</li>
                """
        }
        var blocks: [HTML] = []
        for dimension in plan.dimensions.sorted(by: { $0.number < $1.number }) {
            let items = dimension.missions.flatMap { plan.items(inMission: $0.code) }
            let cards: [HTML] = items.map(card)
            let subtotal = summary.dimension(dimension.number)
            blocks.append("""
                <h3>\(n(dimension.number)). \(dimension.name)</h3>
                <ul class="cards item-cards">\(cards)</ul>
                <div class="subtotal-card"><p><strong>\(t(.subtotal)) \(ThaiDigits.apply(digits, to: String(format: t(.projectsCount), subtotal?.itemCount ?? 0)))</strong></p>
                \(amounts { total(subtotal?.budgetByYear[$0]) })</div>
                """)
        }
        let unplaced = plan.orderedItems.filter { item in item.missionCode.flatMap { plan.mission(code: $0) } == nil }
        if !unplaced.isEmpty {
            blocks.append("<h3>\(t(.unplaced))</h3><ul class=\"cards item-cards\">\(unplaced.map(card))</ul>")
        }
        blocks.append("""
            <div class="subtotal-card grand-card"><p><strong>\(t(.grandTotal)) \(ThaiDigits.apply(digits, to: String(format: t(.projectsCount), summary.itemCount)))</strong></p>
            \(amounts { total(summary.budgetByYear[$0]) })</div>
            """)
        return "<div class=\"plan-cards\">\(blocks)</div>"
    }

    /// คำนำ and ส่วนที่ 1 บทนำ in the official order: the risk assessment, rationale,
    /// objectives, targets and benefits (as in the Word document).
    static func partOne(_ plan: Plan, t: Translator, digits: DigitStyle) -> HTML {
        let front = plan.frontMatter
        let notYet: HTML = "<p class=\"muted\">\(t(.notWrittenYet))</p>"
        func list(_ values: [String]) -> HTML {
            let entries = values.filter { !$0.cleaned.isEmpty }
            guard !entries.isEmpty else { return notYet }
            let items: [HTML] = entries.map { "<li>\(ThaiDigits.apply(digits, to: $0))</li>" }
            return "<ol>\(items)</ol>"
        }
        func prose(_ text: String) -> HTML { text.cleaned.isEmpty ? notYet : paragraphs(ThaiDigits.apply(digits, to: text)) }
        func n(_ number: Int) -> String { ThaiDigits.apply(digits, to: "\(number).") }
        let foreword: HTML = front.foreword.cleaned.isEmpty ? "" : """
            <section class="foreword"><h2>\(t(.foreword))</h2>\(prose(front.foreword))</section>
            """
        let risks = riskTable(plan, t: t, digits: digits, heading: "\(n(1)) \(t(.riskAssessmentHeading))")
        let targets = targetTable(plan, t: t, digits: digits, heading: "\(n(4)) \(t(.planTargets))")
        return """
            \(foreword)
            <section class="part1">
            <h2>\(t(.part1Introduction))</h2>
            \(risks.rendered.isEmpty ? HTML("<h3>\(n(1)) \(t(.riskAssessmentHeading))</h3><p class=\"muted\">\(t(.noRiskAssessmentRecordedYet))</p>") : risks)
            <h3>\(n(2)) \(t(.sheetRationale))</h3>
            \(prose(front.rationale))
            <h3>\(n(3)) \(t(.objectivesOfThePlan))</h3>
            \(list(front.objectives))
            \(targets.rendered.isEmpty ? HTML("<h3>\(n(4)) \(t(.planTargets))</h3>\(notYet)") : targets)
            <h3>\(n(5)) \(t(.benefitsOfThePlan))</h3>
            \(list(front.benefits))
            </section>
            """
    }

    static func riskTable(_ plan: Plan, t: Translator, digits: DigitStyle, heading: String? = nil) -> HTML {
        guard !plan.risks.isEmpty else { return "" }
        let names = Dictionary(uniqueKeysWithValues: plan.items.map { ($0.id, $0) })
        let rows: [HTML] = plan.risks.sorted { $0.order < $1.order }.enumerated().map { index, risk in
            let issues: [HTML] = risk.issues.map { "<li>\($0.text)</li>" }
            let levels: [HTML] = risk.issues.map { "<li><span class=\"risk-level\">\(t.name($0.level))</span></li>" }
            let measures: [HTML] = risk.controlMeasures.map { "<li>\($0)</li>" }
            let links: [HTML] = risk.linkedItemIDs.compactMap { names[$0] }.map { "<li><a href=\"\(SiteURL.item(plan: plan.id, item: $0.id))\">\($0.name)</a></li>" }
            return """
                <tr><td class="num">\(ThaiDigits.apply(digits, to: String(index + 1)))</td><td>\(risk.workArea)</td>
                <td><ol>\(issues)</ol></td><td><ul>\(levels)</ul></td><td><ol>\(measures)</ol>\(links.isEmpty ? HTML() : "<ul>\(links)</ul>")</td></tr>
                """
        }
        return """
            <section class="print-sheet">
            \(heading.map { HTML("<h3>\($0)</h3>") } ?? HTML("<h2>\(t(.riskTable))</h2>"))
            <div class="table-wrap"><table class="risk-table">
            <thead><tr><th>#</th><th>\(t(.workArea))</th><th>\(t(.riskIssues))</th><th>\(t(.riskLevel))</th><th>\(t(.controlMeasures))</th></tr></thead>
            <tbody>\(rows)</tbody></table></div>
            </section>
            """
    }

    static func targetTable(_ plan: Plan, t: Translator, digits: DigitStyle, heading: String? = nil) -> HTML {
        guard !plan.targets.isEmpty else { return "" }
        let years = plan.fiscalYears
        let headers: [HTML] = years.map { "<th class=\"num\">\(t(.fiscalYear)) \(ThaiDigits.apply(digits, to: String($0.be)))</th>" }
        let rows: [HTML] = plan.targets.sorted { $0.order < $1.order }.map { target in
            let cells: [HTML] = years.map { "<td class=\"num\">\(target.formattedValue(for: $0, digits: digits) ?? "-")</td>" }
            return "<tr><td>\(target.indicator)</td>\(cells)</tr>"
        }
        return """
            <section class="print-sheet">
            \(heading.map { HTML("<h3>\($0)</h3>") } ?? HTML("<h2>\(t(.targets))</h2>"))
            <div class="table-wrap"><table><thead><tr><th>\(t(.indicator))</th>\(headers)</tr></thead><tbody>\(rows)</tbody></table></div>
            </section>
            """
    }

    /// Findings grouped per item: the item's name once, then one short line per finding
    /// (one per missing field); findings of the plan as a whole first.
    static func findingsList(_ plan: Plan, t: Translator) -> HTML {
        let findings = PlanValidator.validate(plan)
        guard !findings.isEmpty else { return "<h2>\(t(.findings))</h2><p>\(t(.noFindings))</p>" }
        func line(_ finding: PlanFinding, item: PlanItem?) -> HTML {
            let label = finding.severity == .error ? t(.error) : t(.warning)
            let text = item.map { shortMessage(finding, item: $0, t) } ?? t.pick(finding.message)
            return "<li class=\"finding-\(finding.severity.rawValue)\"><strong>\(label):</strong> \(text)</li>"
        }
        let general: [HTML] = findings.filter { $0.location.itemID == nil }.map { line($0, item: nil) }
        let byItem = Dictionary(grouping: findings.filter { $0.location.itemID != nil }) { $0.location.itemID! }
        let numbers = plan.itemNumbers
        let groups: [HTML] = plan.orderedItems.compactMap { item in
            guard let found = byItem[item.id] else { return nil }
            let lines: [HTML] = found.map { line($0, item: item) }
            let number = numbers[item.id].map { "\($0)) " } ?? ""
            return "<li class=\"finding-group\"><a href=\"\(SiteURL.item(plan: plan.id, item: item.id))\">\(number)\(item.name)</a><ul>\(lines)</ul></li>"
        }
        return "<h2>\(t(.findings))</h2><ul class=\"findings\">\(general)\(groups)</ul>"
    }

    /// A finding's message without its item's name, for a line under that name.
    static func shortMessage(_ finding: PlanFinding, item: PlanItem, _ t: Translator) -> String {
        var text = t.pick(finding.message)
        let name = item.name.cleaned
        guard !name.isEmpty else { return text }
        for quoted in ["รายละเอียดโครงการ “\(name)”: ", "Project sheet of “\(name)”: "] {
            text = text.replacingOccurrences(of: quoted, with: t(.projectSheetPrefix))
        }
        text = text.replacingOccurrences(of: "“\(name)” ", with: "").replacingOccurrences(of: "“\(name)”", with: "")
        return text.trimmingCharacters(in: .whitespaces)
    }

    // MARK: An item's project sheet

    static func item(_ request: Request, plan: Plan, item: PlanItem, organization org: Organization) -> HTML {
        let t = request.t
        let digits = org.digitStyle
        let number = plan.itemNumbers[item.id] ?? 0
        func d(_ text: String) -> String { ThaiDigits.apply(digits, to: text) }
        func list(_ values: [String]) -> HTML {
            let items: [HTML] = values.filter { !$0.isEmpty }.map { "<li>\(d($0))</li>" }
            return items.isEmpty ? "<p>-</p>" : "<ol>\(items)</ol>"
        }
        func steps(_ values: [MethodStep]) -> HTML {
            let items: [HTML] = values.map { step in
                "<li>\(d(step.text))\(step.subSteps.isEmpty ? HTML() : steps(step.subSteps))</li>"
            }
            return items.isEmpty ? "<p>-</p>" : "<ol>\(items)</ol>"
        }
        let budgetRows: [HTML] = plan.fiscalYears.map { year in
            "<tr><td class=\"num\">\(t(.fiscalYear)) \(d(String(year.be)))</td><td class=\"num\">\(item.budgets[year]?.formatted(digits: digits) ?? "-")</td></tr>"
        }
        let missionText: String = item.missionCode.flatMap { code in plan.mission(code: code).map { "\(code) \($0.name)" } } ?? "-"
        let sheetHTML: HTML
        if let sheet = item.sheet {
            let headcount: HTML = sheet.targetHeadcount.map { "<br>\(t(.headcount)) \(d(String($0))) \(t(.persons))" } ?? ""
            let area: HTML = sheet.area.map { "<dt>\(t(.sheetArea))</dt><dd>\(d($0))</dd>" } ?? ""
            sheetHTML = """
                <dl class="sheet">
                <dt>1. \(t(.sheetName))</dt><dd>\(d(item.name))</dd>
                <dt>2. \(t(.sheetRationale))</dt><dd>\(paragraphs(d(sheet.rationale)))</dd>
                <dt>3. \(t(.sheetObjectives))</dt><dd>\(list(sheet.objectives))</dd>
                <dt>4. \(t(.sheetTargetGroup))</dt><dd>\(d(sheet.targetGroup))\(headcount)</dd>
                <dt>5. \(t(.sheetMethod))</dt><dd>\(steps(sheet.method))</dd>
                <dt>6. \(t(.sheetPeriod))</dt><dd>\(d(sheet.period))</dd>
                <dt>7. \(t(.sheetBudget))</dt><dd>\(d(item.sheetBudgetText(years: plan.fiscalYears)))</dd>
                <dt>8. \(t(.sheetResponsible))</dt><dd>\(d(sheet.responsible))</dd>
                <dt>9. \(t(.sheetOutputsOutcomes))</dt><dd><strong>\(t(.sheetOutputs))</strong>\(list(sheet.outputs))<strong>\(t(.sheetOutcomes))</strong>\(list(sheet.outcomes))</dd>
                \(area)
                </dl>
                """
        } else {
            sheetHTML = "<p class=\"muted\">\(t(.noSheet))</p>"
        }
        let body: HTML = """
            <p><span class="screen-only"><a href="\(SiteURL.plan(plan.id))">← \(t(.backToPlan))</a> · </span>\(plan.title)</p>
            <h1>\(d(String(number)))) \(item.name)</h1>
            <p><span class="badge">\(t.name(item.kind))</span>
            \(t(.mission)): \(d(missionText))\(item.responsibleUnit.isEmpty ? "" : " · \(t(.responsibleUnit)): \(item.responsibleUnit)")</p>
            <div class="table-wrap"><table><thead><tr><th class="num">\(t(.fiscalYear))</th><th class="num">\(t(.budgetBaht))</th></tr></thead><tbody>\(budgetRows)</tbody></table></div>
            \(monthGrid(item.months, t))
            <h2>\(t(.itemSheet))\(item.sheet?.sheetNumber.map { " (\(t(.sheetNumberShort, d(String($0)))))" } ?? "")</h2>
            \(sheetHTML)
            """
        return Layout.page(request: request, title: item.name, body: body)
    }

    /// "เดือนที่ดำเนินการ: ต.ค. – ธ.ค." under an item's name, when it is scheduled by month.
    static func monthsLine(_ item: PlanItem, _ t: Translator) -> HTML {
        guard !item.months.isEmpty else { return "" }
        return "<span class=\"months-run\">\(t(.monthsRunValue, t.pick(item.months.localizedText)))</span>"
    }

    /// The older plans' twelve month columns for one item: a mark under each month it runs in.
    static func monthGrid(_ schedule: MonthSchedule, _ t: Translator) -> HTML {
        guard !schedule.isEmpty else { return "" }
        let months = MonthSchedule.fiscalMonths
        let heads: [HTML] = months.map { "<th scope=\"col\">\(t.name($0))</th>" }
        let marks: [HTML] = months.map { month in
            schedule.contains(month.number)
                ? "<td><span aria-label=\"\(t(.monthRuns, t.name(month)))\">✓</span></td>"
                : "<td><span class=\"muted\" aria-label=\"\(t(.monthDoesNotRun, t.name(month)))\">–</span></td>"
        }
        return """
            <h2>\(t(.monthsRun))</h2>
            <div class="table-wrap"><table class="month-grid"><thead><tr>\(heads)</tr></thead><tbody><tr>\(marks)</tr></tbody></table></div>
            """
    }

    /// One paragraph per line: a single line break typed in a long text stays a break
    /// (split on every kind of newline — "\r\n" from a browser is one Character in Swift).
    static func paragraphs(_ text: String) -> HTML {
        let parts = text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        return parts.map { "<p>\($0)</p>" as HTML }.joined()
    }
}
