import Foundation
import Vapor
import SujaritCore
import SujaritPersistence
import SujaritExport

/// Every address of the site, in one place. Pages and redirects never write a path by hand:
/// they name the address (`.editItem(plan.id, item.id)`) and `path` spells it, so a renamed
/// route changes here once and cannot leave a dead link behind. `SiteURLTests` checks that
/// every case leads to a route the router has.
///
/// In `HTML` an address interpolates as its path (escaped like any text):
/// `"<a href=\"\(SiteURL.plan(plan.id))\">"`. Where a `String` is needed (a `Location`
/// header, an error's `location`), use `.path` or `.with(query:fragment:)`.
enum SiteURL: Hashable, Sendable {
    // Site-wide
    case home
    case signIn
    case signOut
    case stylesheet
    /// The signed-in person's own password (Accounts/).
    case changePassword

    // Organizations (Plans/, Accounts/)
    case organization(slug: String)
    case organizationSettings(slug: String)

    // Plans as the public reads them (Plans/, Documents/)
    /// The latest published revision: `/o/{slug}/plan/{years}`.
    case publishedPlan(slug: String, years: String)
    /// The latest published revision as a file: `/o/{slug}/plan/{years}/plan.docx`.
    case publishedPlanFile(slug: String, years: String, ExportFormat)
    /// One revision, by id.
    case plan(UUID)
    case item(plan: UUID, item: UUID)
    /// One revision as a file: `/plans/{id}/export/docx`.
    case planExport(UUID, ExportFormat)

    // The editor and the wizard (Editor/)
    case newPlan(slug: String)
    case editor(UUID)
    case history(UUID)
    /// The new-item form; `mission` preselects the mission (`?mission=1.1`).
    case newItem(plan: UUID, mission: String? = nil)
    case editItem(plan: UUID, item: UUID)
    case deleteItem(plan: UUID, item: UUID)
    case shiftItem(plan: UUID, item: UUID)
    case duplicateItem(plan: UUID, item: UUID)
    case addMission(UUID)
    case newRisk(UUID)
    case editRisk(plan: UUID, risk: UUID)
    case deleteRisk(plan: UUID, risk: UUID)
    case newTarget(UUID)
    case editTarget(plan: UUID, target: UUID)
    case deleteTarget(plan: UUID, target: UUID)
    case frontMatter(UUID)
    case transition(UUID)
    case revise(UUID)

    // Import (Import/)
    case importDocument(slug: String)
    case importReview(UUID)
    case importAccept(UUID)
    case importDiscard(UUID)
    /// Replace another organization's name in an imported draft.
    case importReplaceName(UUID)
    /// Two revisions of a plan compared: `/plans/{id}/compare?with={otherID}`.
    case compare(UUID, with: UUID)
    /// The item form's script (sub-missions follow the chosen mission).
    case editorScript

    // API (API/)
    case apiPlan(UUID)

    // Complaints (Complaints/)
    case complaintStylesheet
    case complaintScript
    /// A channel's reporting form: `/o/{slug}/report` (corruption) or `/o/{slug}/grievance`
    /// (general complaints); the same for tracking, adding and the receipt slip.
    case report(slug: String, kind: ComplaintKind = .corruption)
    case reportTrack(slug: String, kind: ComplaintKind = .corruption)
    case reportTrackAdd(slug: String, kind: ComplaintKind = .corruption)
    /// The A5 receipt slip (POST, the code in the body).
    case receiptSlip(slug: String, kind: ComplaintKind = .corruption)
    /// Complaint statistics of a fiscal year (Buddhist Era); `json` gives `…/2569.json`.
    case complaintStatistics(slug: String, year: Int, json: Bool = false)
    /// The officers' case list; `kind` names a tab (`?kind=general`).
    case complaints(slug: String, kind: ComplaintKind? = nil)
    case newComplaint(slug: String)
    case complaintSettings(slug: String)
    case complaint(slug: String, UUID)
    case complaintAction(slug: String, UUID)
    case complaintEvidence(slug: String, UUID, evidence: UUID)
    /// The province outside body's list of organizations.
    case complaintOverseer

    // Monitoring (Monitoring/)
    /// The organization's monitoring dashboard.
    case monitoring(slug: String)
    /// The quarterly-rounds setting (POST, admins).
    case monitoringSettings(slug: String)
    /// Upload a results document (seed 002's layout) to open a round from it.
    case importResults(slug: String)
    /// The matched rows confirmed: the round is opened, filled (POST).
    case importResultsConfirm(slug: String)
    /// Open a round on a plan revision (POST).
    case openRound(plan: UUID)
    case round(UUID)
    case roundRecord(round: UUID, record: UUID)
    /// submit / approve / return / reopen (POST).
    case roundStep(UUID, RoundStep)
    /// The monitoring or the annual results report as a page.
    case roundReport(UUID, MonitoringDocumentKind)
    case roundReportFile(UUID, MonitoringDocumentKind, ExportFormat)
    case roundChart(UUID, RoundChart)
    case recordEvidenceUpload(round: UUID, record: UUID)
    case recordEvidenceDelete(round: UUID, record: UUID, evidence: UUID)
    /// Show an evidence file to the public, or keep it to members (POST, admins).
    case recordEvidencePublic(round: UUID, record: UUID, evidence: UUID)
    /// An evidence file's bytes.
    case roundEvidence(round: UUID, evidence: UUID)
    case apiRound(UUID)
    /// A round's report document under the API: `/api/v1/rounds/{id}/report/docx`, `…/annual/pdf`.
    case apiRoundReportFile(UUID, MonitoringDocumentKind, ExportFormat)

    // The directory (Plans/, API/)
    /// The home page's directory with its search, filters and page: `/?q=…&province=…&page=2`.
    case directory([URLQueryItem])
    /// The directory at its own address, `/organizations`: the plain list for signed-in people,
    /// whose home page (`/` without a query) is their "my work" instead.
    case organizations
    /// The same as the API's list: `/api/v1/organizations?…`.
    case apiOrganizations([URLQueryItem])

    // Overseers' dashboards (Overseers/)
    /// The dashboards the viewer may open.
    case overseers
    /// The nation's dashboard.
    case overseerNation
    /// A province's dashboard (the province's Thai name, percent-encoded).
    case overseerProvince(String)
    /// One figure of a dashboard as a file: `…/coverage.csv`; `province` nil is the nation.
    case overseerFigure(province: String?, figure: String, format: String)

    /// The path, percent-encoded where a segment or the query needs it.
    var path: String {
        switch self {
        case .home: "/"
        case .signIn: "/login"
        case .signOut: "/logout"
        case .changePassword: "/account/password"
        case .stylesheet: "/assets/app.css"
        case .organization(let slug): Self.join("o", slug)
        case .organizationSettings(let slug): Self.join("o", slug, "settings")
        case .publishedPlan(let slug, let years): Self.join("o", slug, "plan", years)
        case .publishedPlanFile(let slug, let years, let format): Self.join("o", slug, "plan", years, "plan.\(format.fileExtension)")
        case .plan(let id): Self.join("plans", Self.segment(id))
        case .item(let plan, let item): Self.join("plans", Self.segment(plan), "items", Self.segment(item))
        case .planExport(let id, let format): Self.join("plans", Self.segment(id), "export", format.rawValue)
        case .newPlan(let slug): Self.join("o", slug, "plans", "new")
        case .editor(let id): Self.join("plans", Self.segment(id), "edit")
        case .history(let id): Self.join("plans", Self.segment(id), "history")
        case .newItem(let plan, let mission):
            Self.join("plans", Self.segment(plan), "items", "new") + Self.query(mission.map { [("mission", $0)] } ?? [])
        case .editItem(let plan, let item): Self.join("plans", Self.segment(plan), "items", Self.segment(item), "edit")
        case .deleteItem(let plan, let item): Self.join("plans", Self.segment(plan), "items", Self.segment(item), "delete")
        case .shiftItem(let plan, let item): Self.join("plans", Self.segment(plan), "items", Self.segment(item), "shift")
        case .duplicateItem(let plan, let item): Self.join("plans", Self.segment(plan), "items", Self.segment(item), "duplicate")
        case .addMission(let id): Self.join("plans", Self.segment(id), "missions")
        case .newRisk(let id): Self.join("plans", Self.segment(id), "risks", "new")
        case .editRisk(let plan, let risk): Self.join("plans", Self.segment(plan), "risks", Self.segment(risk), "edit")
        case .deleteRisk(let plan, let risk): Self.join("plans", Self.segment(plan), "risks", Self.segment(risk), "delete")
        case .newTarget(let id): Self.join("plans", Self.segment(id), "targets", "new")
        case .editTarget(let plan, let target): Self.join("plans", Self.segment(plan), "targets", Self.segment(target), "edit")
        case .deleteTarget(let plan, let target): Self.join("plans", Self.segment(plan), "targets", Self.segment(target), "delete")
        case .frontMatter(let id): Self.join("plans", Self.segment(id), "front-matter")
        case .transition(let id): Self.join("plans", Self.segment(id), "transition")
        case .revise(let id): Self.join("plans", Self.segment(id), "revise")
        case .importDocument(let slug): Self.join("o", slug, "import")
        case .importReview(let id): Self.join("plans", Self.segment(id), "import")
        case .importAccept(let id): Self.join("plans", Self.segment(id), "import", "accept")
        case .importDiscard(let id): Self.join("plans", Self.segment(id), "import", "discard")
        case .importReplaceName(let id): Self.join("plans", Self.segment(id), "import", "replace-name")
        case .compare(let id, let other): Self.join("plans", Self.segment(id), "compare") + Self.query([("with", Self.segment(other))])
        case .editorScript: "/assets/editor.js"
        case .apiPlan(let id): Self.join("api", "v1", "plans", Self.segment(id))
        case .complaintStylesheet: "/assets/complaints.css"
        case .complaintScript: "/assets/complaints.js"
        case .report(let slug, let kind): Self.join("o", slug, Self.channel(kind))
        case .reportTrack(let slug, let kind): Self.join("o", slug, Self.channel(kind), "track")
        case .reportTrackAdd(let slug, let kind): Self.join("o", slug, Self.channel(kind), "track", "add")
        case .receiptSlip(let slug, let kind): Self.join("o", slug, Self.channel(kind), "receipt")
        case .complaintStatistics(let slug, let year, let json): Self.join("o", slug, "report", "statistics", "\(year)\(json ? ".json" : "")")
        case .complaints(let slug, let kind): Self.join("o", slug, "complaints") + (kind.map { Self.query([("kind", $0.rawValue)]) } ?? "")
        case .newComplaint(let slug): Self.join("o", slug, "complaints", "new")
        case .complaintSettings(let slug): Self.join("o", slug, "complaints", "settings")
        case .complaint(let slug, let id): Self.join("o", slug, "complaints", Self.segment(id))
        case .complaintAction(let slug, let id): Self.join("o", slug, "complaints", Self.segment(id), "action")
        case .complaintEvidence(let slug, let id, let evidence): Self.join("o", slug, "complaints", Self.segment(id), "evidence", Self.segment(evidence))
        case .complaintOverseer: "/complaints/overseer"
        case .monitoring(let slug): Self.join("o", slug, "monitoring")
        case .monitoringSettings(let slug): Self.join("o", slug, "monitoring", "settings")
        case .importResults(let slug): Self.join("o", slug, "monitoring", "import")
        case .importResultsConfirm(let slug): Self.join("o", slug, "monitoring", "import", "confirm")
        case .openRound(let plan): Self.join("plans", Self.segment(plan), "rounds")
        case .round(let id): Self.join("rounds", Self.segment(id))
        case .roundRecord(let round, let record): Self.join("rounds", Self.segment(round), "records", Self.segment(record))
        case .roundStep(let id, let step): Self.join("rounds", Self.segment(id), step.rawValue)
        case .roundReport(let id, let kind): Self.join("rounds", Self.segment(id), kind == .monitoring ? "report" : "annual")
        case .roundReportFile(let id, let kind, let format):
            Self.join("rounds", Self.segment(id), kind == .monitoring ? "report" : "annual", format.rawValue)
        case .roundChart(let id, let chart): Self.join("rounds", Self.segment(id), "charts", "\(chart.rawValue).svg")
        case .recordEvidenceUpload(let round, let record): Self.join("rounds", Self.segment(round), "records", Self.segment(record), "evidence")
        case .recordEvidenceDelete(let round, let record, let evidence):
            Self.join("rounds", Self.segment(round), "records", Self.segment(record), "evidence", Self.segment(evidence), "delete")
        case .recordEvidencePublic(let round, let record, let evidence):
            Self.join("rounds", Self.segment(round), "records", Self.segment(record), "evidence", Self.segment(evidence), "public")
        case .roundEvidence(let round, let evidence): Self.join("rounds", Self.segment(round), "evidence", Self.segment(evidence))
        case .apiRound(let id): Self.join("api", "v1", "rounds", Self.segment(id))
        case .apiRoundReportFile(let id, let kind, let format):
            Self.join("api", "v1", "rounds", Self.segment(id), kind == .monitoring ? "report" : "annual", format.rawValue)
        case .directory(let items): Self.withQueryItems("/", items)
        case .organizations: "/organizations"
        case .apiOrganizations(let items): Self.withQueryItems(Self.join("api", "v1", "organizations"), items)
        case .overseers: "/overseers"
        case .overseerNation: Self.join("overseers", "nation")
        case .overseerProvince(let name): Self.join("overseers", "provinces", name)
        case .overseerFigure(let province, let figure, let format):
            province.map { Self.join("overseers", "provinces", $0, "\(figure).\(format)") } ?? Self.join("overseers", "nation", "\(figure).\(format)")
        }
    }

    /// The path with a query and a fragment: `.editor(id).with(query: [("step", "submit")])`,
    /// `.editor(id).with(fragment: "item-…")`.
    func with(query: [(String, String)] = [], fragment: String? = nil) -> String {
        let base = path
        let joiner = base.contains("?") ? "&" : "?"
        let queryText = query.isEmpty ? "" : joiner + String(Self.query(query).dropFirst())
        let fragmentText = fragment.map { "#" + ($0.addingPercentEncoding(withAllowedCharacters: Self.fragmentAllowed) ?? $0) } ?? ""
        return base + queryText + fragmentText
    }

    // MARK: Rendering

    private static func segment(_ id: UUID) -> String { id.uuidString.lowercased() }

    /// The path word of a complaint channel.
    private static func channel(_ kind: ComplaintKind) -> String { kind == .corruption ? "report" : "grievance" }

    /// "/" + segments, each percent-encoded as a path segment (a slug or years text with a
    /// space or a slash cannot change the route it names).
    private static func join(_ segments: String...) -> String {
        "/" + segments.map { $0.addingPercentEncoding(withAllowedCharacters: segmentAllowed) ?? $0 }.joined(separator: "/")
    }

    /// A path with query items (nothing when empty), each name and value percent-encoded so that
    /// `&`, `=`, `+` and `#` in a value stay part of it.
    private static func withQueryItems(_ path: String, _ items: [URLQueryItem]) -> String {
        path + query(items.map { ($0.name, $0.value ?? "") })
    }

    private static func query(_ pairs: [(String, String)]) -> String {
        guard !pairs.isEmpty else { return "" }
        return "?" + pairs.map { key, value in
            (key.addingPercentEncoding(withAllowedCharacters: queryAllowed) ?? key) + "=" + (value.addingPercentEncoding(withAllowedCharacters: queryAllowed) ?? value)
        }.joined(separator: "&")
    }

    private static let segmentAllowed: CharacterSet = {
        var set = CharacterSet.urlPathAllowed
        set.remove(charactersIn: "/;?#")
        return set
    }()

    private static let queryAllowed: CharacterSet = {
        var set = CharacterSet.urlQueryAllowed
        set.remove(charactersIn: "&=+#?")
        return set
    }()

    private static let fragmentAllowed = CharacterSet.urlFragmentAllowed
}

/// The steps of a round's approval, as the last segment of their form's address.
enum RoundStep: String, CaseIterable, Sendable {
    case submit, approve, reopen
    case returnToOpen = "return"
}

/// The three charts of a round (`/rounds/{id}/charts/{name}.svg`).
enum RoundChart: String, CaseIterable, Sendable {
    case status, budget, indicators
    /// Budget planned against disbursed per fiscal year of the plan, up to the round's year.
    case budgetByYear = "budget-by-year"
}

extension SiteURL: CustomStringConvertible {
    var description: String { path }
}

extension HTML.Interpolation {
    /// An address as its path, escaped as attribute text.
    mutating func appendInterpolation(_ url: SiteURL) { appendInterpolation(url.path) }
}
