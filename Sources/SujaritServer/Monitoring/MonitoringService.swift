import Foundation
import Vapor
import Fluent
import SujaritCore
import SujaritPersistence
import SujaritAPIModels

/// A round as a page or file needs it: the round, the plan revision it was opened on, the
/// organization, and what the requester may do.
struct RoundView {
    var round: MonitoringRound
    var plan: Plan
    var organization: Organization
    var role: MonitoringRole?

    var canEdit: Bool { (role ?? .viewer) >= .editor && round.status == .open }
    var isAdmin: Bool { role == .admin }
}

/// The monitoring rounds' single write path, shared by forms and the API: load (tenant-scoped),
/// decide (`MonitoringWorkflow.decide`, pure), store the change with its audit record in one
/// transaction (`MonitoringStore.apply`).
struct MonitoringService {
    let request: Request

    var store: MonitoringStore { MonitoringStore(request.db) }
    var plans: PlanService { PlanService(request: request) }

    func role(in organizationID: UUID) -> MonitoringRole? {
        switch request.viewer?.role(in: organizationID) {
        case .admin?: .admin
        case .editor?: .editor
        case .viewer?: .viewer
        case nil: nil
        }
    }

    /// A round the requester may see: any round of their organization; for everybody else only
    /// an approved round of a published plan (its reports are public). Anything else is 404, so
    /// that another organization's rounds cannot even be confirmed to exist.
    func readableRound(id text: String?) async throws -> RoundView {
        let id = try PlanService.parseID(text)
        guard let organizationID = try await store.organizationID(ofRound: id),
              let round = try await store.round(id: id, organizationID: organizationID),
              let plan = try await plans.plans.plan(id: round.planID, scope: .everything),
              let organization = try await plans.organizations.find(id: organizationID)
        else { throw SujaritError.notFound("รอบการติดตาม") }
        let role = role(in: organizationID)
        guard role != nil || (round.status == .approved && plan.status == .published) else {
            throw SujaritError.notFound("รอบการติดตาม")
        }
        return RoundView(round: round, plan: plan, organization: organization, role: role)
    }

    /// A round only members may see (forms, history, evidence of an open round).
    func memberRound(id text: String?) async throws -> RoundView {
        let view = try await readableRound(id: text)
        guard view.role != nil else { throw SujaritError.notFound("รอบการติดตาม") }
        return view
    }

    /// Opens a round of `kind` for `year` on the plan revision `planID`.
    func open(planID: String?, year: Int?, kind: String?) async throws -> MonitoringRound {
        let viewer = try request.requireViewer()
        let plan = try await plans.readablePlan(id: planID)
        guard viewer.can(.editor, in: plan.organizationID) else { throw SujaritError.forbidden() }
        guard let year, FiscalYear.plausibleRange.contains(year) else {
            throw Self.httpError(MonitoringError(.invalid, field: "fiscalYear", LocalizedText(
                th: "กรุณาเลือกปีงบประมาณ (พ.ศ.)", en: "Choose the fiscal year (B.E.)")))
        }
        guard let kind = kind.flatMap(MonitoringRoundKind.init(rawValue:)) else {
            throw Self.httpError(MonitoringError(.invalid, field: "kind", LocalizedText(
                th: "กรุณาเลือกรอบ 6 เดือน หรือ 12 เดือน", en: "Choose the 6-month or the 12-month round")))
        }
        guard let series = try await store.seriesID(ofPlan: plan.id, organizationID: plan.organizationID) else {
            throw SujaritError.notFound("แผน")
        }
        let existing = try await store.rounds(seriesID: series, organizationID: plan.organizationID)
        let context = MonitoringContext(plan: plan, planSeriesID: series, existingRounds: existing, role: role(in: plan.organizationID))
        return try await run(.open(year: FiscalYear(year), kind: kind), round: nil, expectedVersion: nil, context: context).round
    }

    /// Runs a command on an existing round.
    func command(roundID: String?, _ command: MonitoringCommand, expectedVersion: Int?) async throws -> MonitoringDecision {
        _ = try request.requireViewer()
        let view = try await readableRound(id: roundID)
        let context = MonitoringContext(plan: view.plan, planSeriesID: view.round.planSeriesID, existingRounds: [], role: view.role)
        return try await run(command, round: view.round, expectedVersion: expectedVersion, context: context)
    }

    func run(_ command: MonitoringCommand, round: MonitoringRound?, expectedVersion: Int?, context: MonitoringContext) async throws -> MonitoringDecision {
        let decision: MonitoringDecision
        do {
            decision = try MonitoringWorkflow.decide(command, round: round, expectedVersion: expectedVersion, context: context)
        } catch {
            throw Self.httpError(error)
        }
        do {
            try await store.apply(decision, userID: request.viewer?.userID)
        } catch StoreError.conflict(let current) {
            throw SujaritError(.conflict, LocalizedText(
                th: "มีผู้อื่นบันทึกรอบการติดตามนี้ก่อนแล้ว (ฉบับแก้ไขที่ \(current)) กรุณาโหลดใหม่แล้วทำอีกครั้ง",
                en: "Someone else changed this round first (version \(current)); reload and try again"))
        } catch StoreError.duplicate {
            throw SujaritError(.conflict, LocalizedText(
                th: "มีรอบการติดตามนี้อยู่แล้ว", en: "This round exists already"))
        }
        // The public plan page shows the latest approved round, and the overseers' dashboards
        // count submitted and approved rounds: this server shows the change at once (another
        // within SUJARIT_CACHE_BOUND_SECONDS).
        if PublicReading.changesWhatThePublicSees(decision.audit) {
            request.application.publishedCache.invalidate(organizationID: decision.round.organizationID)
        }
        return decision
    }

    static func httpError(_ error: MonitoringError) -> SujaritError {
        let status: HTTPResponseStatus = switch error.kind {
        case .invalid: .unprocessableEntity
        case .notAllowed, .conflict: .conflict
        case .forbidden: .forbidden
        case .notFound: .notFound
        }
        return SujaritError(status, error.message, fields: error.problems.map { FieldError(field: $0.field, message: $0.message) })
    }

    /// The latest approved round of the plan's series, for the public plan page: each item's
    /// status beside it (matched by lineage, so it follows the item across revisions).
    func publicStatus(of plan: Plan) async throws -> ItemMonitoringStatus? {
        guard let series = try await store.seriesID(ofPlan: plan.id, organizationID: plan.organizationID) else { return nil }
        let rounds = try await store.rounds(seriesID: series, organizationID: plan.organizationID).filter { $0.status == .approved }
        guard let latest = rounds.max(by: { ($0.fiscalYear, $0.kind == .twelveMonths ? 1 : 0) < ($1.fiscalYear, $1.kind == .twelveMonths ? 1 : 0) }) else { return nil }
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
        """
        <p class="notice">\(request.mt(.latestApproved)): <a href="\(MonitoringURL.round(round.id))">\(MonitoringPages.roundTitle(request, round))</a>
        · <a href="\(MonitoringURL.report(round.id, .annual))">\(request.mt(.annualReport))</a></p>
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
    /// Keeps an uploaded file and attaches it to a record: the bytes go to the content-addressed
    /// store first (idempotent, so a refused command leaves at most an unreferenced file), then
    /// the decision and its audit record are written in one transaction.
    func attachEvidence(roundID: String?, recordID: UUID, fileName: String, bytes: Data, expectedVersion: Int?) async throws -> MonitoringDecision {
        _ = try request.requireViewer()
        let view = try await memberRound(id: roundID)
        guard (view.role ?? .viewer) >= .editor else { throw SujaritError.forbidden() }
        let upload = EvidenceUpload(fileName: fileName, bytes: bytes, sha256: EvidenceFileStore.sha256(bytes), at: Date())
        let context = MonitoringContext(plan: view.plan, planSeriesID: view.round.planSeriesID, existingRounds: [], role: view.role)
        // The decision is pure: check the file (type by content, size, state, version) before
        // keeping any bytes, then keep them, then decide again and store with the audit record.
        do {
            _ = try MonitoringWorkflow.decide(.attachEvidence(recordID: recordID, upload), round: view.round,
                                              expectedVersion: expectedVersion, context: context)
        } catch {
            throw Self.httpError(error)
        }
        let files = request.application.evidenceFiles
        try await request.application.threadPool.runIfActive { try files.put(bytes) }
        return try await run(.attachEvidence(recordID: recordID, upload), round: view.round, expectedVersion: expectedVersion, context: context)
    }

    /// The bytes of an evidence file of a round the requester may see.
    func evidenceFile(roundID: String?, evidenceID: String?) async throws -> (MonitoringEvidence, Data) {
        let view = try await readableRound(id: roundID)
        let id = try PlanService.parseID(evidenceID)
        guard let evidence = view.round.records.lazy.flatMap(\.evidence).first(where: { $0.id == id }) else {
            throw SujaritError.notFound("ไฟล์หลักฐาน")
        }
        let files = request.application.evidenceFiles
        guard let data = try await request.application.threadPool.runIfActive({ try files.data(sha256: evidence.sha256) }) else {
            throw SujaritError.notFound("ไฟล์หลักฐาน")
        }
        return (evidence, data)
    }
}
