import Foundation
import Vapor
import Fluent
import SujaritCore
import SujaritPersistence

/// งานของฉัน — what waits for a signed-in person, their home page instead of the public
/// organization list (which is at `/organizations` for them): drafts to finish, plans waiting
/// for their approval or publication, imported documents to review, and monitoring rounds to
/// fill (editors) or approve (admins).
struct MyWork {
    struct Entry {
        var plan: PlanListEntry
        var organization: Organization
    }

    /// The organizations where the viewer has a role, in the order given.
    var organizations: [Organization] = []
    var drafts: [Entry] = []
    var awaitingApproval: [Entry] = []
    var awaitingPublication: [Entry] = []
    var imports: [(record: PlanImportRecord, organization: Organization)] = []
    var rounds: [(round: MonitoringRound, organization: Organization)] = []

    var isEmpty: Bool { drafts.isEmpty && awaitingApproval.isEmpty && awaitingPublication.isEmpty && imports.isEmpty && rounds.isEmpty }

    /// The work of the organizations where the viewer has a role (a system administrator's
    /// own list is the organizations where they were given one, not every organization).
    static func load(for viewer: Viewer, organizations: [Organization], on db: any Database) async throws -> MyWork {
        var work = MyWork()
        let mine = organizations.filter { viewer.roles[$0.id] != nil }
        guard !mine.isEmpty else { return work }
        work.organizations = mine
        let pendingImports = try await PlanImportRecord.query(on: db)
            .filter(\.$organizationID ~~ mine.map(\.id))
            .filter(\.$status == PlanImportStatus.pending.rawValue)
            .all()
        let importedPlans = Set(pendingImports.map(\.planID))
        let store = Stores(database: db).plans
        for organization in mine {
            let role = viewer.roles[organization.id] ?? .viewer
            for plan in try await store.plans(organizationID: organization.id, includeUnpublished: true) {
                let entry = Entry(plan: plan, organization: organization)
                switch plan.status {
                case .draft where role >= .editor && !importedPlans.contains(plan.id): work.drafts.append(entry)
                case .submitted where role >= .admin: work.awaitingApproval.append(entry)
                case .approved where role >= .admin: work.awaitingPublication.append(entry)
                default: break
                }
            }
            // Rounds: an open round is the editors' to fill, a submitted one the admin's to approve.
            for round in try await Stores(database: db).monitoring.rounds(organizationID: organization.id) {
                if (round.status == .open && role >= .editor) || (round.status == .submitted && role >= .admin) {
                    work.rounds.append((round, organization))
                }
            }
            if role >= .editor {
                for record in pendingImports where record.organizationID == organization.id {
                    work.imports.append((record, organization))
                }
            }
        }
        return work
    }
}

extension Pages {
    static func myWork(_ request: Request, _ work: MyWork) -> HTML {
        let t = request.t
        func planList(_ entries: [MyWork.Entry], editor: Bool) -> HTML {
            let items: [HTML] = entries.map { entry in
                let years = ThaiCalendar.yearRange(entry.plan.firstYear, entry.plan.lastYear, digits: entry.organization.digitStyle)
                return """
                    <li><a href="\(editor ? SiteURL.editor(entry.plan.id) : SiteURL.plan(entry.plan.id))">\(entry.plan.title)</a>
                    <span class="muted">· \(entry.organization.name) · \(years) · \(t(.revisionNumber, String(entry.plan.revision)))</span></li>
                    """
            }
            return "<ul>\(items)</ul>"
        }
        var sections: [HTML] = []
        if !work.awaitingApproval.isEmpty {
            sections.append("<h3>\(t(.myWorkAwaitingApproval, String(work.awaitingApproval.count)))</h3>\(planList(work.awaitingApproval, editor: false))")
        }
        if !work.awaitingPublication.isEmpty {
            sections.append("<h3>\(t(.myWorkAwaitingPublication, String(work.awaitingPublication.count)))</h3>\(planList(work.awaitingPublication, editor: false))")
        }
        if !work.imports.isEmpty {
            let items: [HTML] = work.imports.map { entry in
                "<li><a href=\"\(SiteURL.importReview(entry.record.planID))\">\(entry.record.fileName)</a> <span class=\"muted\">· \(entry.organization.name)</span></li>"
            }
            sections.append("<h3>\(t(.myWorkImports, String(work.imports.count)))</h3><ul>\(items)</ul>")
        }
        if !work.rounds.isEmpty {
            let items: [HTML] = work.rounds.map { entry in
                let year = ThaiCalendar.yearRange(entry.round.fiscalYear, entry.round.fiscalYear, digits: entry.organization.digitStyle)
                let kind = t.name(entry.round.kind)
                let status = t.name(entry.round.status)
                return "<li><a href=\"\(SiteURL.round(entry.round.id))\">\(kind) \(year)</a> <span class=\"muted\">· \(entry.organization.name) · \(status)</span></li>"
            }
            sections.append("<h3>\(t(.myWorkRounds, String(work.rounds.count)))</h3><ul>\(items)</ul>")
        }
        if !work.drafts.isEmpty {
            sections.append("<h3>\(t(.myWorkDrafts, String(work.drafts.count)))</h3>\(planList(work.drafts, editor: true))")
        }
        let content: HTML = work.isEmpty
            ? "<p class=\"muted\">\(t(.myWorkNothing))</p>"
            : sections.joined()
        return "<section class=\"my-work\"><h2>\(t(.myWork))</h2>\(content)</section>"
    }
}
