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
        let status = PlanStatus(rawValue: record.status) ?? .draft
        guard scope.allows(organizationID: record.organizationID, status: status) else { return nil }
        return try await assemble(record, on: database)
    }

    /// The organization's plans, newest first; drafts only when `includeUnpublished`.
    public func plans(organizationID: UUID, includeUnpublished: Bool) async throws -> [PlanListEntry] {
        var query = PlanRecord.query(on: database).filter(\.$organizationID == organizationID)
        if !includeUnpublished { query = query.filter(\.$status == PlanStatus.published.rawValue) }
        return try await query.sort(\.$firstYear, .descending).sort(\.$revision, .descending).all().map(Self.listEntry)
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
            .sort(\.$revision, .descending).all().map(Self.listEntry)
    }

    static func listEntry(_ record: PlanRecord) -> PlanListEntry {
        PlanListEntry(
            id: record.id!, seriesID: record.seriesID, organizationID: record.organizationID, title: record.title,
            firstYear: FiscalYear(record.firstYear), lastYear: FiscalYear(record.lastYear),
            status: PlanStatus(rawValue: record.status) ?? .draft, revision: record.revision, updatedAt: record.updatedAt)
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
            let kind = PlanItemKind(rawValue: row.kind) ?? .project
            return PlanItem(
                id: id, kind: kind, name: row.name,
                missionCode: row.missionCode, subMissionCode: row.subMissionCode, order: row.position,
                responsibleUnit: row.responsibleUnit, budgets: budgetsByItem[id] ?? [:], remarks: row.remarks,
                sheet: sheet)
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
        let status = PlanStatus(rawValue: record.status) ?? .draft
        return Plan(
            id: planID, organizationID: org, title: record.title,
            firstYear: FiscalYear(record.firstYear), lastYear: FiscalYear(record.lastYear), cycleID: record.cycleID,
            dimensions: dimensions, items: items, risks: risks, targets: targets, frontMatter: frontMatter,
            status: status, revision: record.revision, version: record.version)
    }

    // MARK: Writing

    /// Stores a new plan (the first revision of a new series) with version 1.
    @discardableResult
    public func create(_ plan: Plan) async throws -> Plan {
        var plan = plan.normalized()
        plan.version = 1
        let stored = plan
        try await database.transaction { db in
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
            Self.fill(record, from: stored)
            try await record.create(on: db)
            try await Self.insertChildren(of: stored, on: db)
        }
        return plan
    }

    /// Stores a new revision of a published plan: a draft copy with the next revision number in
    /// the same series. The published revision stays as it is, readable.
    ///
    /// Only the latest revision of a series can be revised, so a series has at most one revision
    /// that is not published after its published ones: when another revision already follows
    /// `published` this throws `StoreError.newerRevision` naming it. The check and the insert
    /// happen in one transaction that holds the write lock (SQLite: `BEGIN IMMEDIATE`;
    /// PostgreSQL: the source row is locked `FOR UPDATE`), so parallel requests cannot both pass
    /// it; should the unique (series, revision) constraint still refuse the insert, the error
    /// is reported the same way.
    public func createRevision(from published: Plan, newID: UUID = UUID()) async throws -> Plan {
        var draft = published.normalized().withFreshIDs(planID: newID)
        draft.status = .draft
        draft.version = 1
        let template = draft
        do {
            return try await database.transaction { db -> Plan in
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
                                                   status: PlanStatus(rawValue: latest.status) ?? .draft)
                }
                var stored = template
                stored.revision = source.revision + 1
                let record = PlanRecord()
                record.id = stored.id
                record.organizationID = stored.organizationID
                record.seriesID = source.seriesID
                Self.fill(record, from: stored)
                try await record.create(on: db)
                try await Self.insertChildren(of: stored, on: db)
                return stored
            }
        } catch let error as StoreError {
            throw error
        } catch {
            // A parallel request may have inserted the next revision first (unique constraint).
            if let newer = try await newerRevision(than: published) { throw newer }
            throw error
        }
    }

    /// The revision that follows `plan` in its series, if any, as a `StoreError.newerRevision`.
    func newerRevision(than plan: Plan) async throws -> StoreError? {
        guard let source = try await PlanRecord.query(on: database)
            .filter(\.$id == plan.id).filter(\.$organizationID == plan.organizationID).first(),
              let latest = try await PlanRecord.query(on: database).filter(\.$seriesID == source.seriesID)
            .filter(\.$organizationID == source.organizationID).sort(\.$revision, .descending).first(),
              latest.id != source.id
        else { return nil }
        return .newerRevision(id: try latest.requireID(), revision: latest.revision, status: PlanStatus(rawValue: latest.status) ?? .draft)
    }

    /// Replaces the stored plan with `plan` if its stored version is still `expectedVersion`;
    /// otherwise throws `StoreError.conflict` and changes nothing. Returns the plan as stored,
    /// with its new version. The plan must stay in its organization.
    @discardableResult
    public func save(_ plan: Plan, expectedVersion: Int) async throws -> Plan {
        var plan = plan.normalized()
        plan.version = expectedVersion + 1
        let stored = plan
        try await database.transaction { db in
            guard let current = try await PlanRecord.query(on: db)
                .filter(\.$id == stored.id).filter(\.$organizationID == stored.organizationID).first()
            else { throw StoreError.notFound("แผน \(stored.id)") }
            guard let sql = db as? any SQLDatabase else { throw StoreError.corrupt("database is not SQL") }
            // Claim the row: only one writer can move the version from expected to expected + 1.
            let claimed = try await sql.update(PlanRecord.schema)
                .set("version", to: SQLBind(stored.version))
                .where("id", .equal, SQLBind(stored.id))
                .where("organization_id", .equal, SQLBind(stored.organizationID))
                .where("version", .equal, SQLBind(expectedVersion))
                .returning("id")
                .all()
            guard claimed.count == 1 else {
                let now = try await PlanRecord.query(on: db).filter(\.$id == stored.id).first()?.version ?? current.version
                throw StoreError.conflict(currentVersion: now)
            }
            let record = try await PlanRecord.find(stored.id, on: db)!
            Self.fill(record, from: stored)
            try await record.save(on: db)
            try await Self.deleteChildren(planID: stored.id, organizationID: stored.organizationID, on: db)
            try await Self.insertChildren(of: stored, on: db)
        }
        return plan
    }

    /// Deletes a plan revision and everything in it.
    public func delete(id: UUID, organizationID: UUID) async throws {
        try await database.transaction { db in
            guard let record = try await PlanRecord.query(on: db)
                .filter(\.$id == id).filter(\.$organizationID == organizationID).first()
            else { throw StoreError.notFound("แผน \(id)") }
            try await Self.deleteChildren(planID: id, organizationID: organizationID, on: db)
            try await record.delete(on: db)
        }
    }

    static func fill(_ record: PlanRecord, from plan: Plan) {
        record.revision = plan.revision
        record.version = plan.version
        record.title = plan.title
        record.firstYear = plan.firstYear.be
        record.lastYear = plan.lastYear.be
        record.cycleID = plan.cycleID
        record.status = plan.status.rawValue
        record.dimensionsJSON = JSONCoding.encode(plan.dimensions)
        record.frontMatterJSON = JSONCoding.encode(plan.frontMatter)
        if plan.status == .published && record.publishedAt == nil { record.publishedAt = Date() }
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
            row.position = item.order
            row.kind = item.kind.rawValue
            row.name = item.name
            row.missionCode = item.missionCode
            row.subMissionCode = item.subMissionCode
            row.responsibleUnit = item.responsibleUnit
            row.remarks = item.remarks
            row.sheetJSON = item.sheet.map { JSONCoding.encode($0) }
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
