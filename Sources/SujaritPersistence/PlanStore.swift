import Foundation
import FluentKit
import FluentSQL
import SujaritCore

/// Which plans a reader may see.
public enum PlanReadScope: Sendable, Equatable {
    /// The public: published revisions only.
    case publishedOnly
    /// A signed-in member: every revision of these organizations, and published ones elsewhere.
    case member(of: Set<UUID>)
    /// The system administrator.
    case everything

    func allows(organizationID: UUID, status: PlanStatus) -> Bool {
        switch self {
        case .everything: true
        case .publishedOnly: status == .published
        case .member(let organizations): organizations.contains(organizationID) || status == .published
        }
    }
}

/// One line of an organization's list of plans.
public struct PlanListEntry: Sendable, Hashable, Codable {
    public var id: UUID
    public var seriesID: UUID
    public var organizationID: UUID
    public var title: String
    public var firstYear: FiscalYear
    public var lastYear: FiscalYear
    public var status: PlanStatus
    public var revision: Int
    public var updatedAt: Date?

    public var yearSlug: String { firstYear == lastYear ? "\(firstYear.be)" : "\(firstYear.be)-\(lastYear.be)" }
}

/// Reads and writes whole plans. A plan is written in one transaction: either every row of it
/// is replaced, or (on any error, including a version conflict) nothing changes.
public struct PlanStore: Sendable {
    let database: any Database

    public init(_ database: any Database) { self.database = database }

    // MARK: Reading

    public func plan(id: UUID, scope: PlanReadScope) async throws -> Plan? {
        guard let record = try await PlanRecord.find(id, on: database) else { return nil }
        let status = try Self.status(of: record)
        guard scope.allows(organizationID: record.organizationID, status: status) else { return nil }
        return try await assemble(record, on: database)
    }

    /// The organization's plans, newest first; drafts only when `includeUnpublished`.
    public func plans(organizationID: UUID, includeUnpublished: Bool) async throws -> [PlanListEntry] {
        var query = PlanRecord.query(on: database).filter(\.$organizationID == organizationID)
        if !includeUnpublished { query = query.filter(\.$status == PlanStatus.published.rawValue) }
        return try await query.sort(\.$firstYear, .descending).sort(\.$revision, .descending).all().map { try Self.listEntry($0) }
    }

    /// The latest published revision of the organization's plan for exactly these years:
    /// what the stable public address `/o/{slug}/plan/2566-2570` serves.
    public func publishedPlan(organizationID: UUID, first: FiscalYear, last: FiscalYear) async throws -> Plan? {
        guard let record = try await publishedRecord(organizationID: organizationID, first: first, last: last) else { return nil }
        return try await assemble(record, on: database)
    }

    /// The id of the plan `publishedPlan` serves, without reading its rows: pages and the API
    /// use it so that a plan's public address, the organization page and `publicURL` agree.
    public func publishedPlanID(organizationID: UUID, first: FiscalYear, last: FiscalYear) async throws -> UUID? {
        try await publishedRecord(organizationID: organizationID, first: first, last: last)?.id
    }

    /// The list entry of a revision if it is published, without reading its rows (one query by
    /// primary key): the public cache uses it to learn a revision's organization and years.
    public func publishedEntry(id: UUID) async throws -> PlanListEntry? {
        try await PlanRecord.query(on: database)
            .filter(\.$id == id).filter(\.$status == PlanStatus.published.rawValue)
            .first().map(Self.listEntry)
    }

    /// Latest revision first; among older data with two series for the same years (no longer
    /// created), the most recently changed, then the id, so the choice is always the same.
    func publishedRecord(organizationID: UUID, first: FiscalYear, last: FiscalYear) async throws -> PlanRecord? {
        try await PlanRecord.query(on: database)
            .filter(\.$organizationID == organizationID)
            .filter(\.$firstYear == first.be).filter(\.$lastYear == last.be)
            .filter(\.$status == PlanStatus.published.rawValue)
            .sort(\.$revision, .descending).sort(\.$updatedAt, .descending).sort(\.$id, .descending).first()
    }

    /// Every revision of the plan series the given plan belongs to, newest first.
    public func revisions(seriesID: UUID, organizationID: UUID) async throws -> [PlanListEntry] {
        try await PlanRecord.query(on: database)
            .filter(\.$seriesID == seriesID).filter(\.$organizationID == organizationID)
            .sort(\.$revision, .descending).all().map { try Self.listEntry($0) }
    }

    static func listEntry(_ record: PlanRecord) throws -> PlanListEntry {
        PlanListEntry(
            id: try record.requireID(), seriesID: record.seriesID, organizationID: record.organizationID, title: record.title,
            firstYear: FiscalYear(record.firstYear), lastYear: FiscalYear(record.lastYear),
            status: try status(of: record), revision: record.revision, updatedAt: record.updatedAt)
    }

    /// The stored status; a value that is not one of `PlanStatus` is corrupt data, never read as a draft.
    static func status(of record: PlanRecord) throws -> PlanStatus {
        guard let status = PlanStatus(rawValue: record.status) else {
            throw StoreError.corrupt("plans.status “\(record.status)” (plan \(record.id?.uuidString ?? "?"))")
        }
        return status
    }

    func assemble(_ record: PlanRecord, on db: any Database) async throws -> Plan {
        let planID = try record.requireID()
        let org = record.organizationID
        let itemRows = try await PlanItemRecord.query(on: db)
            .filter(\.$planID == planID).filter(\.$organizationID == org).sort(\.$position).all()
        let budgetRows = try await BudgetRecord.query(on: db)
            .filter(\.$planID == planID).filter(\.$organizationID == org).all()
        let riskRows = try await RiskRecord.query(on: db)
            .filter(\.$planID == planID).filter(\.$organizationID == org).sort(\.$position).all()
        let targetRows = try await TargetRecord.query(on: db)
            .filter(\.$planID == planID).filter(\.$organizationID == org).sort(\.$position).all()

        var budgetsByItem: [UUID: [FiscalYear: BudgetEntry]] = [:]
        for row in budgetRows {
            budgetsByItem[row.itemID, default: [:]][FiscalYear(row.fiscalYear)] =
                row.amountSatang.map { .amount(Money(satang: $0)) } ?? .noBudget
        }
        let items = try itemRows.map { row -> PlanItem in
            let id = try row.requireID()
            let sheet = try row.sheetJSON.map { try JSONCoding.decode(ProjectSheet.self, from: $0) }
            guard let kind = PlanItemKind(rawValue: row.kind) else {
                throw StoreError.corrupt("plan_items.kind “\(row.kind)” (item \(id.uuidString))")
            }
            guard let months = MonthSchedule(mask: row.runMonths ?? 0) else {
                throw StoreError.corrupt("plan_items.run_months \(row.runMonths ?? 0) (item \(id.uuidString))")
            }
            return PlanItem(
                id: id, lineageID: row.lineageID ?? id, kind: kind, name: row.name,
                missionCode: row.missionCode, subMissionCode: row.subMissionCode, order: row.position,
                responsibleUnit: row.responsibleUnit, budgets: budgetsByItem[id] ?? [:], remarks: row.remarks,
                sheet: sheet, months: months)
        }
        let risks = try riskRows.map { row -> RiskArea in
            let detail = try JSONCoding.decode(RiskDetail.self, from: row.detailJSON)
            return RiskArea(id: try row.requireID(), order: row.position, workArea: row.workArea, issues: detail.issues,
                            controlMeasures: detail.controlMeasures, linkedItemIDs: detail.linkedItemIDs)
        }
        let targets = try targetRows.map { row -> YearlyTarget in
            let raw = try JSONCoding.decode([String: String].self, from: row.valuesJSON)
            var values: [FiscalYear: Decimal] = [:]
            for (key, text) in raw {
                guard let year = Int(key), let value = Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")) else {
                    throw StoreError.corrupt("target value \(key)=\(text)")
                }
                values[FiscalYear(year)] = value
            }
            return YearlyTarget(id: try row.requireID(), order: row.position, indicator: row.indicator, unit: row.unit, values: values)
        }
        let dimensions = try JSONCoding.decode([SujaritCore.Dimension].self, from: record.dimensionsJSON)
        let frontMatter = try JSONCoding.decode(PlanFrontMatter.self, from: record.frontMatterJSON)
        let status = try Self.status(of: record)
        return Plan(
            id: planID, organizationID: org, title: record.title,
            firstYear: FiscalYear(record.firstYear), lastYear: FiscalYear(record.lastYear), cycleID: record.cycleID,
            dimensions: dimensions, items: items, risks: risks, targets: targets, frontMatter: frontMatter,
            status: status, revision: record.revision, version: record.version)
    }

    // MARK: Writing

    /// The stored state a `PlanWorkflow` decision needs: the plan, its import's status, whether
    /// it was ever published and whether its series has another revision. Nil when the plan
    /// does not exist or `scope` may not read it.
    public func state(planID: UUID, scope: PlanReadScope) async throws -> PlanState? {
        guard let record = try await PlanRecord.find(planID, on: database) else { return nil }
        let status = try Self.status(of: record)
        guard scope.allows(organizationID: record.organizationID, status: status) else { return nil }
        let plan = try await assemble(record, on: database)
        let importStatus = try await PlanImportStore(database).status(planID: planID, organizationID: record.organizationID)
        let others = try await PlanRecord.query(on: database)
            .filter(\.$seriesID == record.seriesID).filter(\.$organizationID == record.organizationID)
            .filter(\.$id != planID).count()
        return PlanState(plan, importStatus: importStatus, wasPublished: record.publishedAt != nil, hasOtherRevisions: others > 0)
    }

    /// THE write of a plan: stores what `PlanWorkflow.decide` decided — the plan change, its
    /// import record and its audit events — in one transaction. Any failure (a version that
    /// moved on, a newer revision, a refused audit insert) rolls back all of it. Returns the
    /// plan as stored.
    /// `publishedFigures` (for a change that publishes a revision): the dashboards' figures of
    /// the stored plan, kept beside it in the same transaction (`PlanFiguresStore`).
    @discardableResult
    public func apply(_ decision: Decision<PlanChange>,
                      publishedFigures: (@Sendable (Plan) -> DashboardPlan.Figures)? = nil) async throws -> Plan {
        let change = decision.change
        do {
            return try await database.transaction { db -> Plan in
                let store = PlanStore(db)
                let imports = PlanImportStore(db)
                if change.importRecord == .delete {
                    try await imports.deleteRecord(planID: change.plan.id, organizationID: change.plan.organizationID)
                }
                let stored: Plan
                switch change.write {
                case .create(let plan, let publishedAt):
                    // The period first: a plan for years another series holds is not inserted.
                    try await Self.claimPeriod(of: plan, seriesID: plan.id, on: db)
                    stored = try await store.insert(plan, publishedAt: publishedAt, on: db)
                case .save(let plan, let expectedVersion, let publishedAt):
                    stored = try await store.replace(plan, expectedVersion: expectedVersion, publishedAt: publishedAt, on: db)
                case .createRevision(let source, let draft):
                    stored = try await store.insertRevision(of: source, draft: draft, on: db)
                case .delete(let plan):
                    try await Self.claim(plan, expectedVersion: plan.version, bumpingTo: plan.version + 1, on: db)
                    let record = try await PlanRecord.query(on: db).filter(\.$id == plan.id).filter(\.$organizationID == plan.organizationID).first()
                    try await Self.deleteChildren(planID: plan.id, organizationID: plan.organizationID, on: db)
                    try await PlanRecord.query(on: db).filter(\.$id == plan.id).filter(\.$organizationID == plan.organizationID).delete()
                    if let record {
                        try await Self.releasePeriod(organizationID: record.organizationID, first: record.firstYear, last: record.lastYear,
                                                     seriesID: record.seriesID, on: db)
                    }
                    stored = plan
                case .none(let plan):
                    // Nothing of the plan changes, but it must still be the version decided on.
                    try await Self.claim(plan, expectedVersion: plan.version, bumpingTo: plan.version, on: db)
                    stored = plan
                }
                switch change.importRecord {
                case .create(let document, let userID):
                    try await imports.createRecord(planID: stored.id, organizationID: stored.organizationID, document: document, userID: userID)
                case .setStatus(let status):
                    try await imports.setStatus(status, planID: stored.id, organizationID: stored.organizationID)
                case .delete, nil:
                    break
                }
                if stored.status == .published, let publishedFigures {
                    try await PlanFiguresStore(db).keep(publishedFigures(stored), planID: stored.id, organizationID: stored.organizationID)
                }
                let log = AuditLog(db)
                for event in decision.audit { try await log.record(event) }
                return stored
            }
        } catch let error as StoreError {
            throw error
        } catch {
            // A parallel request may have inserted the next revision first (unique constraint):
            // reported as the revision that exists, like the check inside the transaction.
            if case .createRevision(let source, _) = change.write, let newer = try await newerRevision(than: source) { throw newer }
            throw error
        }
    }

    /// Stores a new plan (the first revision of a new series) with version 1, without a
    /// decision or an audit record: test fixtures only. Everything else writes through `apply`.
    /// Its period is kept for the new series only when no other series holds it, so a test can
    /// still build the older data that had two series for one period.
    @_spi(Fixtures) @discardableResult
    public func create(_ plan: Plan) async throws -> Plan {
        try await database.transaction { db in
            try await Self.claimPeriod(organizationID: plan.organizationID, first: plan.firstYear.be, last: plan.lastYear.be,
                                       seriesID: plan.id, orLeaveIt: true, on: db)
            return try await PlanStore(db).insert(plan, publishedAt: plan.status == .published ? Date() : nil, on: db)
        }
    }

    /// Replaces a stored plan without a decision or an audit record: test fixtures only.
    @_spi(Fixtures) @discardableResult
    public func save(_ plan: Plan, expectedVersion: Int) async throws -> Plan {
        try await database.transaction { db in
            try await PlanStore(db).replace(plan, expectedVersion: expectedVersion, publishedAt: plan.status == .published ? Date() : nil, on: db)
        }
    }

    /// A new draft revision without a decision or an audit record: test fixtures only.
    @_spi(Fixtures)
    public func createRevision(from published: Plan, newID: UUID = UUID()) async throws -> Plan {
        var draft = published.normalized().withFreshIDs(planID: newID)
        draft.status = .draft
        draft.version = 1
        draft.revision = published.revision + 1
        let template = draft
        return try await database.transaction { db in
            try await PlanStore(db).insertRevision(of: published, draft: template, on: db)
        }
    }

    func insert(_ plan: Plan, publishedAt: Date?, on db: any Database) async throws -> Plan {
        var stored = plan.normalized()
        stored.version = 1
        guard try await OrganizationRecord.find(stored.organizationID, on: db) != nil else {
            throw StoreError.notFound("องค์กร \(stored.organizationID)")
        }
        if try await PlanRecord.find(stored.id, on: db) != nil {
            throw StoreError.duplicate(field: "id", value: stored.id.uuidString)
        }
        let record = PlanRecord()
        record.id = stored.id
        record.organizationID = stored.organizationID
        record.seriesID = stored.id
        Self.fill(record, from: stored, publishedAt: publishedAt)
        try await record.create(on: db)
        try await Self.insertChildren(of: stored, on: db)
        return stored
    }

    /// Inserts `draft` as the next revision of `published`'s series.
    ///
    /// Only the latest revision of a series can be revised, so a series has at most one revision
    /// that is not published after its published ones: when another revision already follows
    /// `published` this throws `StoreError.newerRevision` naming it. The check and the insert
    /// happen in one transaction that holds the write lock (SQLite: `BEGIN IMMEDIATE`;
    /// PostgreSQL: the source row is locked `FOR UPDATE`), so parallel requests cannot both pass
    /// it; should the unique (series, revision) constraint still refuse the insert, `apply`
    /// reports the error the same way.
    func insertRevision(of published: Plan, draft: Plan, on db: any Database) async throws -> Plan {
        if let sql = db as? any SQLDatabase, sql.dialect.name == "postgresql" {
            try await sql.raw("SELECT id FROM \(ident: PlanRecord.schema) WHERE id = \(bind: published.id) FOR UPDATE").run()
        }
        guard let source = try await PlanRecord.query(on: db)
            .filter(\.$id == published.id).filter(\.$organizationID == published.organizationID).first()
        else { throw StoreError.notFound("แผน \(published.id)") }
        let latest = try await PlanRecord.query(on: db).filter(\.$seriesID == source.seriesID)
            .filter(\.$organizationID == source.organizationID)
            .sort(\.$revision, .descending).first()
        if let latest, latest.id != source.id {
            throw StoreError.newerRevision(id: try latest.requireID(), revision: latest.revision,
                                           status: try Self.status(of: latest))
        }
        var stored = draft.normalized()
        stored.status = .draft
        stored.version = 1
        stored.revision = source.revision + 1
        stored.organizationID = source.organizationID
        if stored.firstYear.be != source.firstYear || stored.lastYear.be != source.lastYear {
            try await Self.claimPeriod(of: stored, seriesID: source.seriesID, on: db)
        }
        let record = PlanRecord()
        record.id = stored.id
        record.organizationID = stored.organizationID
        record.seriesID = source.seriesID
        Self.fill(record, from: stored, publishedAt: nil)
        try await record.create(on: db)
        try await Self.insertChildren(of: stored, on: db)
        return stored
    }

    /// The revision that follows `plan` in its series, if any, as a `StoreError.newerRevision`.
    func newerRevision(than plan: Plan) async throws -> StoreError? {
        guard let source = try await PlanRecord.query(on: database)
            .filter(\.$id == plan.id).filter(\.$organizationID == plan.organizationID).first(),
              let latest = try await PlanRecord.query(on: database).filter(\.$seriesID == source.seriesID)
            .filter(\.$organizationID == source.organizationID).sort(\.$revision, .descending).first(),
              latest.id != source.id
        else { return nil }
        return .newerRevision(id: try latest.requireID(), revision: latest.revision, status: try Self.status(of: latest))
    }

    /// Replaces the stored plan with `plan` if its stored version is still `expectedVersion`;
    /// otherwise throws `StoreError.conflict`. The plan must stay in its organization.
    func replace(_ plan: Plan, expectedVersion: Int, publishedAt: Date?, on db: any Database) async throws -> Plan {
        var stored = plan.normalized()
        stored.version = expectedVersion + 1
        try await Self.claim(stored, expectedVersion: expectedVersion, bumpingTo: stored.version, on: db)
        guard let record = try await PlanRecord.query(on: db)
            .filter(\.$id == stored.id).filter(\.$organizationID == stored.organizationID).first()
        else { throw StoreError.notFound("แผน \(stored.id)") }
        let (oldFirst, oldLast) = (record.firstYear, record.lastYear)
        Self.fill(record, from: stored, publishedAt: publishedAt)
        if oldFirst != record.firstYear || oldLast != record.lastYear {
            // Moved to other years: the series takes those (unless another holds them) and lets
            // the old ones go when none of its revisions covers them any more.
            try await Self.claimPeriod(of: stored, seriesID: record.seriesID, on: db)
            try await record.save(on: db)
            try await Self.releasePeriod(organizationID: record.organizationID, first: oldFirst, last: oldLast,
                                         seriesID: record.seriesID, on: db)
        } else {
            try await record.save(on: db)
        }
        try await Self.deleteChildren(planID: stored.id, organizationID: stored.organizationID, on: db)
        try await Self.insertChildren(of: stored, on: db)
        return stored
    }

    /// Claims the plan row: only one writer can move the version from `expectedVersion` (to
    /// `version`); anyone else gets `StoreError.conflict` with the version stored now.
    static func claim(_ plan: Plan, expectedVersion: Int, bumpingTo version: Int, on db: any Database) async throws {
        guard let sql = db as? any SQLDatabase else { throw StoreError.corrupt("database is not SQL") }
        let claimed = try await sql.update(PlanRecord.schema)
            .set("version", to: SQLBind(version))
            .where("id", .equal, SQLBind(plan.id))
            .where("organization_id", .equal, SQLBind(plan.organizationID))
            .where("version", .equal, SQLBind(expectedVersion))
            .returning("id")
            .all()
        guard claimed.count == 1 else {
            guard let now = try await PlanRecord.query(on: db)
                .filter(\.$id == plan.id).filter(\.$organizationID == plan.organizationID).first()
            else { throw StoreError.notFound("แผน \(plan.id)") }
            throw StoreError.conflict(currentVersion: now.version)
        }
    }

    static func fill(_ record: PlanRecord, from plan: Plan, publishedAt: Date?) {
        record.revision = plan.revision
        record.version = plan.version
        record.title = plan.title
        record.firstYear = plan.firstYear.be
        record.lastYear = plan.lastYear.be
        record.cycleID = plan.cycleID
        record.status = plan.status.rawValue
        record.dimensionsJSON = JSONCoding.encode(plan.dimensions)
        record.frontMatterJSON = JSONCoding.encode(plan.frontMatter)
        if plan.status == .published && record.publishedAt == nil { record.publishedAt = publishedAt }
    }

    static func deleteChildren(planID: UUID, organizationID: UUID, on db: any Database) async throws {
        try await BudgetRecord.query(on: db).filter(\.$planID == planID).filter(\.$organizationID == organizationID).delete()
        try await PlanItemRecord.query(on: db).filter(\.$planID == planID).filter(\.$organizationID == organizationID).delete()
        try await RiskRecord.query(on: db).filter(\.$planID == planID).filter(\.$organizationID == organizationID).delete()
        try await TargetRecord.query(on: db).filter(\.$planID == planID).filter(\.$organizationID == organizationID).delete()
    }

    static func insertChildren(of plan: Plan, on db: any Database) async throws {
        let org = plan.organizationID
        var items: [PlanItemRecord] = []
        var budgets: [BudgetRecord] = []
        for item in plan.items {
            let row = PlanItemRecord()
            row.id = item.id
            row.organizationID = org
            row.planID = plan.id
            row.lineageID = item.lineageID
            row.position = item.order
            row.kind = item.kind.rawValue
            row.name = item.name
            row.missionCode = item.missionCode
            row.subMissionCode = item.subMissionCode
            row.responsibleUnit = item.responsibleUnit
            row.remarks = item.remarks
            row.sheetJSON = item.sheet.map { JSONCoding.encode($0) }
            row.runMonths = item.months.isEmpty ? nil : Int(item.months.mask)
            items.append(row)
            for (year, entry) in item.budgets {
                let budget = BudgetRecord()
                budget.id = UUID()
                budget.organizationID = org
                budget.planID = plan.id
                budget.itemID = item.id
                budget.fiscalYear = year.be
                if case .amount(let money) = entry { budget.amountSatang = money.satang } else { budget.amountSatang = nil }
                budgets.append(budget)
            }
        }
        // Batches keep a large plan to a few statements; SQLite allows ~32k bound values each.
        for batch in items.chunked(50) { try await batch.create(on: db) }
        for batch in budgets.chunked(200) { try await batch.create(on: db) }
        for risk in plan.risks {
            let row = RiskRecord()
            row.id = risk.id
            row.organizationID = org
            row.planID = plan.id
            row.position = risk.order
            row.workArea = risk.workArea
            row.detailJSON = JSONCoding.encode(RiskDetail(issues: risk.issues, controlMeasures: risk.controlMeasures, linkedItemIDs: risk.linkedItemIDs))
            try await row.create(on: db)
        }
        for target in plan.targets {
            let row = TargetRecord()
            row.id = target.id
            row.organizationID = org
            row.planID = plan.id
            row.position = target.order
            row.indicator = target.indicator
            row.unit = target.unit
            row.valuesJSON = JSONCoding.encode(Dictionary(uniqueKeysWithValues: target.values.map {
                (String($0.key.be), NSDecimalNumber(decimal: $0.value).stringValue)
            }))
            try await row.create(on: db)
        }
    }
}

/// The parts of a risk row kept as JSON.
struct RiskDetail: Codable {
    var issues: [RiskIssue]
    var controlMeasures: [String]
    var linkedItemIDs: [UUID]
}

extension Array {
    func chunked(_ size: Int) -> [ArraySlice<Element>] {
        stride(from: 0, to: count, by: size).map { self[$0..<Swift.min($0 + size, count)] }
    }
}

extension ArraySlice where Element: Model {
    func create(on database: any Database) async throws {
        guard !isEmpty else { return }
        try await Array(self).create(on: database)
    }
}
