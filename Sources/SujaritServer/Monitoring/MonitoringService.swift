import Foundation
import Vapor
import Fluent
import SujaritCore
import SujaritPersistence
import SujaritAPIModels
import SujaritExport

/// A round as a page or file needs it: the round (as the requester may see it), the plan
/// revision it was opened on, the organization, and who asks.
struct RoundView {
    var round: MonitoringRound
    var plan: Plan
    var organization: Organization
    var actor: ActingUser

    /// A member of the round's organization (any role).
    var isMember: Bool { actor.has(.viewer) }
    var isEditor: Bool { actor.has(.editor) }
    var isAdmin: Bool { actor.has(.admin) }
    var canEdit: Bool { isEditor && round.status == .open }
}

/// The monitoring rounds' single write path, shared by forms and the API: load (tenant-scoped)
/// the `MonitoringState`, decide (`MonitoringWorkflow.decide`, pure), store the change with its
/// audit events in one transaction (`MonitoringStore.apply`).
struct MonitoringService {
    let request: Request

    var store: MonitoringStore { request.stores.monitoring }
    var plans: PlanService { PlanService(request: request) }

    /// A round the requester may see: any round of their organization; for everybody else only
    /// an approved round of a published plan (its reports are public), without the evidence
    /// files the admin has not made public. Anything else is 404, so that another
    /// organization's rounds cannot even be confirmed to exist.
    func readableRound(id text: String?) async throws -> RoundView {
        let id = try PlanService.parseID(text)
        guard let organizationID = try await store.organizationID(ofRound: id),
              let round = try await store.round(id: id, organizationID: organizationID),
              let plan = try await plans.plans.plan(id: round.planID, scope: .everything),
              let organization = try await plans.organizations.find(id: organizationID)
        else { throw SujaritError.notFound(.monNotFoundRound) }
        let actor = request.actingUser(in: organizationID)
        if actor.has(.viewer) {
            return RoundView(round: round, plan: plan, organization: organization, actor: actor)
        }
        guard round.status == .approved && plan.status == .published else { throw SujaritError.notFound(.monNotFoundRound) }
        return RoundView(round: round.publicView, plan: plan, organization: organization, actor: actor)
    }

    /// A round only members may see (forms, history, evidence of an open round).
    func memberRound(id text: String?) async throws -> RoundView {
        let view = try await readableRound(id: text)
        guard view.isMember else { throw SujaritError.notFound(.monNotFoundRound) }
        return view
    }

    /// The state a command on a plan revision (opening a round) is decided on.
    func openingState(plan: Plan) async throws -> MonitoringState {
        guard let series = try await store.seriesID(ofPlan: plan.id, organizationID: plan.organizationID) else {
            throw SujaritError.notFound(.monNotFoundPlan)
        }
        let existing = try await store.rounds(seriesID: series, organizationID: plan.organizationID)
        let settings = try await store.settings(organizationID: plan.organizationID)
        return MonitoringState(organizationID: plan.organizationID, plan: plan, planSeriesID: series,
                               existingRounds: existing, quarterlyRounds: settings.quarterlyRounds)
    }

    static func invalid(_ field: String, _ message: LocalizedText) -> SujaritError {
        SujaritError(.unprocessableEntity, message, fields: [FieldError(field: field, message: message)])
    }

    /// Reads the year and kind of a round to open.
    static func yearAndKind(year: Int?, kind: String?) throws -> (FiscalYear, MonitoringRoundKind) {
        guard let year, FiscalYear.plausibleRange.contains(year) else {
            throw invalid("fiscalYear", LocalizedText(.monChooseFiscalYear))
        }
        guard let kind = kind.flatMap(MonitoringRoundKind.init(rawValue:)) else {
            throw invalid("kind", LocalizedText(.monChooseRoundKind))
        }
        return (FiscalYear(year), kind)
    }

    /// Opens a round of `kind` for `year` on the plan revision `planID`.
    func open(planID: String?, year: Int?, kind: String?) async throws -> MonitoringRound {
        _ = try request.requireViewer()
        let plan = try await plans.readablePlan(id: planID)
        guard request.actingUser(in: plan.organizationID).has(.editor) else { throw SujaritError.forbidden() }
        let (fiscalYear, kind) = try Self.yearAndKind(year: year, kind: kind)
        return try await run(.open(year: fiscalYear, kind: kind), on: try await openingState(plan: plan), expectedVersion: nil).change.round
    }

    /// Runs a command on an existing round.
    func command(roundID: String?, _ command: MonitoringCommand, expectedVersion: Int?) async throws -> Decision<RoundChange> {
        _ = try request.requireViewer()
        let view = try await memberRound(id: roundID)
        let state = MonitoringState(organizationID: view.organization.id, plan: view.plan, planSeriesID: view.round.planSeriesID, round: view.round)
        return try await run(command, on: state, expectedVersion: expectedVersion)
    }

    /// Decide, then store: the one way a round changes from a request.
    func run(_ command: MonitoringCommand, on state: MonitoringState, expectedVersion: Int?) async throws -> Decision<RoundChange> {
        let decision: Decision<RoundChange>
        do {
            decision = try MonitoringWorkflow.decide(command, by: request.actingUser(in: state.organizationID), on: state,
                                                     expectedVersion: expectedVersion, context: request.dependencies.decisionContext)
        } catch {
            throw SujaritError(error)
        }
        do {
            try await store.apply(decision)
        } catch StoreError.conflict(let current) {
            throw SujaritError(.conflict, LocalizedText(.monRoundChangedFirst, String(current)))
        } catch StoreError.duplicate {
            throw SujaritError(.conflict, LocalizedText(.monRoundExists),
                               fields: [FieldError(field: "kind", message: LocalizedText(.monRoundExists))])
        }
        if decision.approvesRound || decision.reopensRound { approvalChanged(decision.change.round) }
        // The public plan page shows the latest approved round, and the overseers' dashboards
        // count submitted and approved rounds: this server shows the change at once (another
        // within SUJARIT_CACHE_BOUND_SECONDS).
        if decision.audit.contains(where: { PublicReading.changesWhatThePublicSees($0.action) }) {
            request.application.publishedCache.invalidate(organizationID: decision.change.round.organizationID)
        }
        return decision
    }

    /// A round was approved, or an approved round reopened (and stored): the one place for what
    /// follows. What the public sees of the round's plan changes — the latest plan page shows
    /// each item's status from the latest approved round. That address is read fresh today (not
    /// cached); a cache of it is invalidated here.
    func approvalChanged(_ round: MonitoringRound) {
        request.logger.info("monitoring round \(round.status == .approved ? "approved" : "reopened")",
                            metadata: ["round": .string(round.id.uuidString), "organization": .string(round.organizationID.uuidString)])
    }

    /// Planned and disbursed per fiscal year of the plan up to the round's year, for the
    /// budget-per-year chart (`PlanPeriodYear.rows`): the round itself for its year, each earlier
    /// year's latest approved round of the series, and for a year without one the plan's budget
    /// (disbursed unknown).
    func yearly(_ view: RoundView) async throws -> [(FiscalYear, Money, Money?)] {
        let series = try await store.rounds(seriesID: view.round.planSeriesID, organizationID: view.organization.id)
        return PlanPeriodYear.rows(plan: view.plan, rounds: series, upTo: view.round.fiscalYear, current: view.round)
            .map { ($0.fiscalYear, $0.planned, $0.disbursed) }
    }

    /// What a round's documents are made from.
    func exportInput(_ view: RoundView) async throws -> MonitoringExportInput {
        MonitoringExportInput(round: view.round, planTitle: view.plan.title, dimensions: view.plan.dimensions,
                              context: ExportContext(organization: view.organization, generatedAt: request.dependencies.now()), yearly: try await yearly(view))
    }

    /// Turns the organization's quarterly rounds on or off.
    func setQuarterly(_ on: Bool, organization: Organization) async throws -> MonitoringSettings {
        let decision: Decision<MonitoringSettings>
        do {
            decision = try MonitoringWorkflow.decideSettings(MonitoringSettings(organizationID: organization.id, quarterlyRounds: on),
                                                             by: request.actingUser(in: organization.id))
        } catch {
            throw SujaritError(error)
        }
        return try await store.apply(decision)
    }

    /// The latest approved round of the plan's series, for the public plan page: each item's
    /// status beside it (matched by lineage, so it follows the item across revisions).
    func publicStatus(of plan: Plan) async throws -> ItemMonitoringStatus? {
        guard let series = try await store.seriesID(ofPlan: plan.id, organizationID: plan.organizationID) else { return nil }
        let rounds = try await store.rounds(seriesID: series, organizationID: plan.organizationID).filter { $0.status == .approved }
        guard let latest = MonitoringPages.latest(rounds) else { return nil }
        return ItemMonitoringStatus(round: latest,
                                    byLineage: Dictionary(latest.records.map { ($0.itemLineageID, $0.progress) }, uniquingKeysWith: { a, _ in a }))
    }
}

/// The latest approved round's status of each item, shown on the public plan page.
struct ItemMonitoringStatus {
    var round: MonitoringRound
    var byLineage: [UUID: ItemProgress?]

    func badge(for item: PlanItem, _ request: Request) -> HTML {
        guard let entry = byLineage[item.lineageID] else { return "" }
        let css = entry == .completed ? "published" : "draft"
        return "<br><span class=\"badge \(css)\">\(MonitoringPages.progressName(request, entry))</span>"
    }

    func banner(_ request: Request) -> HTML {
        let t = request.t
        return """
        <p class="notice">\(t(.monLatestApproved)): <a href="\(SiteURL.round(round.id))">\(MonitoringPages.roundTitle(request, round))</a>
        · <a href="\(SiteURL.roundReport(round.id, .annual))">\(t(.monAnnualReport))</a></p>
        """
    }
}

struct EvidenceFilesKey: StorageKey { typealias Value = EvidenceFileStore }

extension Application {
    /// The evidence file store: the `monitoring/` subfolder of `ServerSettings.storageDirectory`
    /// (complaints keep theirs, sealed, in `complaints/`); tests may set another.
    var evidenceFiles: EvidenceFileStore {
        get { storage[EvidenceFilesKey.self] ?? EvidenceFileStore(directory: (sujaritSettings.storageDirectory as NSString).appendingPathComponent("monitoring")) }
        set { storage[EvidenceFilesKey.self] = newValue }
    }
}

extension MonitoringService {
    /// Keeps an uploaded file and attaches it to a record: the decision is taken first (type by
    /// content, size, state, version — nothing is kept of a refused file), the bytes go to the
    /// content-addressed store (idempotent), then the decision and its audit record are written
    /// in one transaction (a failure there leaves at most an unreferenced file).
    func attachEvidence(roundID: String?, recordID: UUID, fileName: String, bytes: Data, expectedVersion: Int?) async throws -> Decision<RoundChange> {
        _ = try request.requireViewer()
        let view = try await memberRound(id: roundID)
        guard view.isEditor else { throw SujaritError.forbidden() }
        let context = request.dependencies.decisionContext
        let upload = EvidenceUpload(id: context.makeID(), fileName: fileName, bytes: bytes, sha256: EvidenceFileStore.sha256(bytes), at: context.now)
        let state = MonitoringState(organizationID: view.organization.id, plan: view.plan, planSeriesID: view.round.planSeriesID, round: view.round)
        let decision: Decision<RoundChange>
        do {
            decision = try MonitoringWorkflow.decide(.attachEvidence(recordID: recordID, upload), by: view.actor, on: state,
                                                     expectedVersion: expectedVersion, context: context)
        } catch {
            throw SujaritError(error)
        }
        let files = request.application.evidenceFiles
        try await request.application.threadPool.runIfActive { try files.put(bytes) }
        do {
            try await store.apply(decision)
        } catch StoreError.conflict(let current) {
            throw SujaritError(.conflict, LocalizedText(.monRoundChangedFirst, String(current)))
        }
        return decision
    }

    /// The bytes of an evidence file the requester may see: members see every file of their
    /// organization's rounds; the public only files the admin made public, of approved rounds
    /// of published plans (`readableRound` leaves the others out).
    func evidenceFile(roundID: String?, evidenceID: String?) async throws -> (MonitoringEvidence, Data) {
        let view = try await readableRound(id: roundID)
        let id = try PlanService.parseID(evidenceID)
        guard let evidence = view.round.records.lazy.flatMap(\.evidence).first(where: { $0.id == id }) else {
            throw SujaritError.notFound(.monNotFoundEvidence)
        }
        let files = request.application.evidenceFiles
        guard let data = try await request.application.threadPool.runIfActive({ try files.data(sha256: evidence.sha256) }) else {
            throw SujaritError.notFound(.monNotFoundEvidence)
        }
        return (evidence, data)
    }

    /// The answer with an evidence file's bytes (form and API): the type is the content's, never
    /// the name's; images open in the browser, documents download; nothing is cached.
    static func evidenceResponse(_ evidence: MonitoringEvidence, _ data: Data) -> Response {
        let response = Response(status: .ok, body: .init(data: data))
        response.headers.replaceOrAdd(name: .contentType, value: evidence.kind.mediaType)
        response.headers.replaceOrAdd(name: .contentDisposition, value: evidence.kind.isImage
            ? PlanExports.attachment(evidence.fileName).replacingOccurrences(of: "attachment;", with: "inline;")
            : PlanExports.attachment(evidence.fileName))
        response.headers.replaceOrAdd(name: .cacheControl, value: "private, no-store")
        response.headers.replaceOrAdd(name: "Content-Security-Policy", value: "default-src 'none'; sandbox")
        return response
    }
}

