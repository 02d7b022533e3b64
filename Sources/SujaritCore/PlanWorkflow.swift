import Foundation

/// One edit of a draft plan (the functions of `PlanEditing`, as data).
public enum PlanEdit: Sendable {
    case addItem(PlanItem)
    case updateItem(PlanItem)
    case deleteItem(UUID)
    case duplicateItem(UUID, newID: UUID)
    case moveItem(UUID, toMission: String, position: Int?)
    case shiftItem(UUID, by: Int)
    case setBudgets(UUID, [FiscalYear: BudgetEntry])
    case setSheet(UUID, ProjectSheet?)
    case addRisk(RiskArea)
    case updateRisk(RiskArea)
    case deleteRisk(UUID)
    case addTarget(YearlyTarget)
    case updateTarget(YearlyTarget)
    case deleteTarget(UUID)
    case setFrontMatter(PlanFrontMatter, title: String?)
    case addMission(name: String, dimension: Int)
    /// Another organization's name in an imported draft replaced by this organization's.
    case replaceText(String, with: String)

    public var auditAction: AuditAction {
        switch self {
        case .addItem: .itemAdd
        case .updateItem: .itemUpdate
        case .deleteItem: .itemDelete
        case .duplicateItem: .itemDuplicate
        case .moveItem, .shiftItem: .itemMove
        case .setBudgets: .itemBudgets
        case .setSheet: .itemSheet
        case .addRisk: .riskAdd
        case .updateRisk: .riskUpdate
        case .deleteRisk: .riskDelete
        case .addTarget: .targetAdd
        case .updateTarget: .targetUpdate
        case .deleteTarget: .targetDelete
        case .setFrontMatter: .planFrontMatter
        case .addMission: .missionAdd
        case .replaceText: .planReplaceName
        }
    }

    /// What the audit line names: the row's name or id.
    public var auditSubject: String {
        switch self {
        case .addItem(let item), .updateItem(let item): item.name
        case .deleteItem(let id), .duplicateItem(let id, _), .setBudgets(let id, _), .setSheet(let id, _), .deleteRisk(let id),
             .deleteTarget(let id), .shiftItem(let id, _): id.uuidString
        case .moveItem(_, let mission, _): mission
        case .addRisk(let risk), .updateRisk(let risk): risk.workArea
        case .addTarget(let target), .updateTarget(let target): target.indicator
        case .setFrontMatter: ""
        case .addMission(let name, _): name
        case .replaceText(let old, let new): "\(old) → \(new)"
        }
    }

    /// The pure edit (`PlanEditing`).
    public func apply(to plan: Plan) throws(PlanEditError) -> Plan {
        do {
            switch self {
            case .addItem(let item): return try PlanEditing.addItem(item, to: plan)
            case .updateItem(let item): return try PlanEditing.updateItem(item, in: plan)
            case .deleteItem(let id): return try PlanEditing.deleteItem(id, from: plan)
            case .duplicateItem(let id, let newID): return try PlanEditing.duplicateItem(id, in: plan, newID: newID).0
            case .moveItem(let id, let mission, let position): return try PlanEditing.moveItem(id, toMission: mission, position: position, in: plan)
            case .shiftItem(let id, let offset): return try PlanEditing.shiftItem(id, by: offset, in: plan)
            case .setBudgets(let id, let budgets): return try PlanEditing.setBudgets(budgets, ofItem: id, in: plan)
            case .setSheet(let id, let sheet): return try PlanEditing.setSheet(sheet, ofItem: id, in: plan)
            case .addRisk(let risk): return try PlanEditing.upsertRisk(risk, in: plan)
            case .updateRisk(let risk): return try PlanEditing.updateRisk(risk, in: plan)
            case .deleteRisk(let id): return try PlanEditing.deleteRisk(id, from: plan)
            case .addTarget(let target): return try PlanEditing.upsertTarget(target, in: plan)
            case .updateTarget(let target): return try PlanEditing.updateTarget(target, in: plan)
            case .deleteTarget(let id): return try PlanEditing.deleteTarget(id, from: plan)
            case .setFrontMatter(let frontMatter, let title): return try PlanEditing.setFrontMatter(frontMatter, title: title, in: plan)
            case .addMission(let name, let dimension): return try PlanEditing.addCustomMission(name: name, toDimension: dimension, in: plan).0
            case .replaceText(let old, let new): return plan.replacingText(old, with: new)
            }
        } catch let error as PlanEditError {
            throw error
        } catch {
            throw PlanEditError(field: "plan", LocalizedText(th: "แก้ไขไม่ได้", en: "The edit failed"))
        }
    }
}

/// An import kept beside its draft plan until it is reviewed (`plan_imports`).
public enum PlanImportStatus: String, CaseIterable, Sendable, Codable {
    /// stored, not yet reviewed: may be accepted or discarded
    case pending
    /// accepted as a draft plan
    case accepted
    /// its plan moved on from a draft (submitted, approved, published): no longer discardable
    case settled
}

/// The importer's output that is kept with an imported draft.
public struct ImportDraft: Sendable, Equatable {
    public var fileName: String
    /// The importer's report (diagnosis, sheets) as JSON, shown on the review page.
    public var reportJSON: String

    public init(fileName: String, reportJSON: String) {
        self.fileName = fileName
        self.reportJSON = reportJSON
    }
}

/// Every change of a stored plan.
public enum PlanCommand: Sendable {
    /// A new plan series (first revision). Only the operator may create one that is not a draft (the demo).
    case create(Plan)
    /// The whole draft replaced (API `PUT`); status and revision stay.
    case replace(Plan)
    case edit(PlanEdit)
    /// A life-cycle step (submit, return to draft, approve, publish), with the approver's comment.
    case transition(PlanAction, comment: String?)
    /// A new draft revision of an approved or published plan.
    case newRevision
    /// A document read by the importer, stored as a draft with its report: a new series, or —
    /// when its years already have an approved or published plan — the next revision of it.
    case importSave(Plan, ImportDraft)
    case importAccept
    case importDiscard
    /// A draft that was never published and has no other revision, deleted.
    case delete

    /// The plan a command makes for some years (`create`, `importSave`): its period decides
    /// which series it joins or is refused by.
    public var newPlan: Plan? {
        switch self {
        case .create(let plan), .importSave(let plan, _): plan
        default: nil
        }
    }
}

/// What the decision needs to know of the stored plan.
public struct PlanState: Sendable {
    /// The organization the command concerns.
    public var organizationID: UUID
    /// The plan as stored (nil for `create` and `importSave`).
    public var plan: Plan?
    /// The status of its import, when the plan was imported.
    public var importStatus: PlanImportStatus?
    /// Whether the plan was ever published (`published_at` set).
    public var wasPublished: Bool
    /// Whether its series holds another revision.
    public var hasOtherRevisions: Bool
    /// For a command that makes a plan for some years (`create`, `importSave`): the latest
    /// revision of the plan series that already holds those years, if one does. One series per
    /// organization and period — the store checks it again inside its transaction.
    public var periodLatest: Plan?

    public init(organizationID: UUID, plan: Plan? = nil, importStatus: PlanImportStatus? = nil,
                wasPublished: Bool = false, hasOtherRevisions: Bool = false, periodLatest: Plan? = nil) {
        self.organizationID = organizationID
        self.plan = plan
        self.importStatus = importStatus
        self.wasPublished = wasPublished
        self.hasOtherRevisions = hasOtherRevisions
        self.periodLatest = periodLatest
    }

    public init(_ plan: Plan, importStatus: PlanImportStatus? = nil, wasPublished: Bool = false, hasOtherRevisions: Bool = false) {
        self.init(organizationID: plan.organizationID, plan: plan, importStatus: importStatus,
                  wasPublished: wasPublished, hasOtherRevisions: hasOtherRevisions)
    }
}

/// What the store writes for a plan command.
public enum PlanWrite: Sendable {
    /// insert a new series (version 1); `publishedAt` when it is stored published (the demo)
    case create(Plan, publishedAt: Date?)
    /// replace the plan whose stored version is `expectedVersion` (`publishedAt` set when it is published now)
    case save(Plan, expectedVersion: Int, publishedAt: Date?)
    /// insert `draft` as the next revision of `source`'s series, if `source` is still its latest revision
    case createRevision(from: Plan, draft: Plan)
    /// delete the plan, if its stored version is still `plan.version`
    case delete(Plan)
    /// the plan row stays; only the import record changes (its version is still claimed)
    case none(Plan)
}

/// The change of an import record that goes with a plan write.
public enum ImportRecordChange: Sendable, Equatable {
    case create(ImportDraft, userID: UUID?)
    case setStatus(PlanImportStatus)
    case delete
}

public struct PlanChange: Sendable {
    public var write: PlanWrite
    public var importRecord: ImportRecordChange?

    public init(write: PlanWrite, importRecord: ImportRecordChange? = nil) {
        self.write = write
        self.importRecord = importRecord
    }

    /// The plan as it will be stored (for `.delete`, as it was).
    public var plan: Plan {
        switch write {
        case .create(let plan, _), .save(let plan, _, _), .delete(let plan), .none(let plan): plan
        case .createRevision(_, let draft): draft
        }
    }
}

/// ขอบเขตของแผน — the limits every stored plan keeps, whoever writes it.
public enum PlanLimits {
    public static let maximumItems = 500
    /// Longest plan, in fiscal years.
    public static let maximumYears = 10
    /// Longest text of any one field.
    public static let maximumTextLength = 20_000
    public static let maximumDimensions = 20
    public static let maximumMissions = 100

    /// Every field over a limit, by path; empty when the plan fits.
    public static func violations(_ plan: Plan) -> [CommandRefusal.Field] {
        var fields: [CommandRefusal.Field] = []
        func check(_ text: String, _ path: String, limit: Int = maximumTextLength) {
            if text.count > limit {
                fields.append(.init(path, LocalizedText(th: "ข้อความยาวเกิน \(limit) ตัวอักษร", en: "longer than \(limit) characters")))
            }
        }
        if !FiscalYear.plausibleRange.contains(plan.firstYear.be) || !FiscalYear.plausibleRange.contains(plan.lastYear.be) {
            fields.append(.init("firstYear", LocalizedText(th: "ปีของแผนต้องเป็นปีพุทธศักราช 2500–2700", en: "plan years must be Buddhist-Era years 2500–2700")))
        } else if plan.firstYear > plan.lastYear || plan.lastYear.be - plan.firstYear.be >= maximumYears {
            fields.append(.init("lastYear", LocalizedText(
                th: "ช่วงปีไม่ถูกต้อง (ปีแรกต้องไม่เกินปีสุดท้าย และไม่เกิน \(maximumYears) ปี)",
                en: "invalid years (first ≤ last, at most \(maximumYears) years)")))
        }
        check(plan.title, "title", limit: 500)
        // The structure too: a plan has a handful of dimensions and missions with short names.
        if plan.dimensions.count > maximumDimensions {
            fields.append(.init("dimensions", LocalizedText(th: "มิติเกิน \(maximumDimensions) มิติ", en: "more than \(maximumDimensions) dimensions")))
        }
        for (d, dimension) in plan.dimensions.enumerated() {
            check(dimension.name, "dimensions[\(d)].name", limit: 1_000)
            if dimension.missions.count > maximumMissions {
                fields.append(.init("dimensions[\(d)].missions", LocalizedText(th: "ภารกิจเกิน \(maximumMissions) ภารกิจ", en: "more than \(maximumMissions) missions")))
            }
            for (m, mission) in dimension.missions.enumerated() {
                check(mission.code, "dimensions[\(d)].missions[\(m)].code", limit: 20)
                check(mission.name, "dimensions[\(d)].missions[\(m)].name", limit: 1_000)
                for sub in mission.subMissions {
                    check(sub.code, "dimensions[\(d)].missions[\(m)].subMissions", limit: 20)
                    check(sub.name, "dimensions[\(d)].missions[\(m)].subMissions", limit: 1_000)
                }
            }
        }
        for (i, item) in plan.items.enumerated() {
            check(item.name, "items[\(i)].name", limit: PlanValidator.maximumNameLength)
            check(item.remarks, "items[\(i)].remarks", limit: 2_000)
            check(item.responsibleUnit, "items[\(i)].responsibleUnit", limit: 500)
            if let sheet = item.sheet {
                let texts = [sheet.rationale, sheet.targetGroup, sheet.period, sheet.budgetText, sheet.responsible, sheet.area ?? ""]
                    + sheet.objectives + sheet.outputs + sheet.outcomes + sheet.method.map(\.text)
                for text in texts { check(text, "items[\(i)].sheet") }
            }
        }
        for text in [plan.frontMatter.foreword, plan.frontMatter.rationale] + plan.frontMatter.objectives + plan.frontMatter.benefits {
            check(text, "frontMatter")
        }
        for (i, risk) in plan.risks.enumerated() {
            check(risk.workArea, "risks[\(i)].workArea", limit: 1_000)
            for text in risk.issues.map(\.text) + risk.controlMeasures { check(text, "risks[\(i)]", limit: 5_000) }
        }
        for (i, target) in plan.targets.enumerated() {
            check(target.indicator, "targets[\(i)].indicator", limit: 1_000)
            check(target.unit, "targets[\(i)].unit", limit: 100)
        }
        if plan.items.count > maximumItems {
            fields.append(.init("items", LocalizedText(th: "รายการเกิน \(maximumItems) รายการ", en: "more than \(maximumItems) items")))
        }
        return fields
    }

    /// Refuses a plan over a limit, naming every field.
    public static func check(_ plan: Plan) throws(CommandRefusal) {
        let fields = violations(plan)
        guard fields.isEmpty else {
            throw CommandRefusal(.invalid, LocalizedText(th: "ข้อมูลบางช่องยาวเกินกำหนด", en: "Some fields are too long"), fields: fields)
        }
    }

    /// Refuses a plan with a blocking finding (`PlanFindingCode.isBlocking`), naming every field.
    public static func rejectBlockingFindings(_ plan: Plan) throws(CommandRefusal) {
        let blocking = PlanValidator.validate(plan).filter { $0.code.isBlocking }
        guard blocking.isEmpty else {
            throw CommandRefusal(.invalid, LocalizedText(th: "แผนมีข้อมูลที่ไม่ถูกต้อง", en: "The plan has invalid data"),
                                 fields: blocking.map { .init($0.location.path, $0.message) })
        }
    }
}

/// ขั้นตอนการเปลี่ยนแปลงแผน — the one decision for every change of a stored plan: who may
/// (role), in which state (status, import status), at which version, within which limits and
/// without which blocking findings. Pure: time and ids come from `DecisionContext`.
public enum PlanWorkflow {
    /// Decides `command` by `actor` on `state`. `expectedVersion` is the version the requester
    /// read (nil where none is asked: a new revision, an import's review). Returns the change
    /// and its audit events, or throws a `CommandRefusal` naming what and where.
    public static func decide(_ command: PlanCommand, by actor: ActingUser, on state: PlanState,
                              expectedVersion: Int? = nil, context: DecisionContext) throws(CommandRefusal) -> Decision<PlanChange> {
        func audit(_ action: AuditAction, _ subject: UUID, _ detail: String = "") -> AuditEvent {
            AuditEvent(organizationID: state.organizationID, userID: actor.userID, action: action, subject: subject.uuidString, detail: detail)
        }
        switch command {
        case .create(let plan):
            guard actor.has(.editor) else { throw .forbidden }
            guard plan.organizationID == state.organizationID else { throw .forbidden }
            guard plan.status == .draft || actor.isSystem else {
                throw CommandRefusal(.wrongState, LocalizedText(th: "แผนใหม่ต้องเริ่มเป็นร่าง", en: "A new plan starts as a draft"))
            }
            // One plan series per organization and period: the existing one is offered instead.
            if let latest = state.periodLatest { throw periodTaken(latest) }
            var stored = plan.normalized()
            stored.version = 1
            stored.revision = 1
            try PlanLimits.check(stored)
            try PlanLimits.rejectBlockingFindings(stored)
            return Decision(change: PlanChange(write: .create(stored, publishedAt: stored.status == .published ? context.now : nil)), audit: [audit(.planCreate, stored.id, stored.title)])

        case .replace(let plan):
            let current = try existing(state, actor: actor, needs: .editor)
            try requireDraft(current)
            try checkVersion(current, expectedVersion)
            var changed = plan.normalized()
            changed.id = current.id
            changed.organizationID = current.organizationID
            changed.status = current.status
            changed.revision = current.revision
            try PlanLimits.check(changed)
            try PlanLimits.rejectBlockingFindings(changed)
            let version = current.version
            changed.version = version + 1
            return Decision(change: PlanChange(write: .save(changed, expectedVersion: version, publishedAt: nil)),
                            audit: [audit(.planUpdate, current.id, "version \(changed.version)")])

        case .edit(let edit):
            let current = try existing(state, actor: actor, needs: .editor)
            try requireDraft(current)
            try checkVersion(current, expectedVersion)
            var changed: Plan
            do {
                changed = try edit.apply(to: current).normalized()
            } catch {
                let field = CommandRefusal.Field(error.field, error.message)
                throw CommandRefusal(error.isMissing ? .notFound : .invalid, error.message, fields: [field])
            }
            try PlanLimits.check(changed)
            try PlanLimits.rejectBlockingFindings(changed)
            changed.version = current.version + 1
            return Decision(change: PlanChange(write: .save(changed, expectedVersion: current.version, publishedAt: nil)),
                            audit: [audit(edit.auditAction, current.id, edit.auditSubject)])

        case .transition(let step, let comment):
            let current = try existing(state, actor: actor, needs: step.needsAdmin ? .admin : .editor)
            try checkVersion(current, expectedVersion)
            var changed: Plan
            do {
                changed = try step.apply(to: current)
            } catch let error as PlanEditError {
                throw CommandRefusal(.wrongState, error.message, fields: [.init(error.field, error.message)])
            } catch {
                throw CommandRefusal(.wrongState, LocalizedText(th: "ทำขั้นตอนนี้ไม่ได้", en: "This step cannot be taken"))
            }
            changed.version = current.version + 1
            // A plan that moved on from its draft settles its import: it can no longer be discarded.
            let settle: ImportRecordChange? = changed.status != .draft && state.importStatus == .pending ? .setStatus(.settled) : nil
            let detail = "\(current.status.rawValue) → \(changed.status.rawValue)" + commentDetail(comment)
            return Decision(change: PlanChange(write: .save(changed, expectedVersion: current.version,
                                                            publishedAt: changed.status == .published ? context.now : nil),
                                               importRecord: settle),
                            audit: [audit(AuditAction(step), current.id, detail)])

        case .newRevision:
            let current = try existing(state, actor: actor, needs: .editor)
            guard current.status == .published || current.status == .approved else {
                throw CommandRefusal(.wrongState, LocalizedText(
                    th: "สร้างฉบับแก้ไขได้จากแผนที่อนุมัติหรือเผยแพร่แล้วเท่านั้น", en: "Only an approved or published plan can be revised"))
            }
            var draft = current.normalized().withFreshIDs(planID: context.makeID(), makeID: context.makeID)
            draft.status = .draft
            draft.version = 1
            draft.revision = current.revision + 1
            return Decision(change: PlanChange(write: .createRevision(from: current, draft: draft)),
                            audit: [audit(.planRevise, draft.id, "from \(current.id.uuidString) revision \(current.revision)")])

        case .importSave(let plan, let document):
            guard actor.has(.editor) else { throw .forbidden }
            var draft = plan.withFreshIDs(planID: context.makeID(), makeID: context.makeID).normalized()
            draft.organizationID = state.organizationID
            draft.status = .draft
            draft.revision = 1
            draft.version = 1
            let kept = ImportDraft(fileName: String(document.fileName.prefix(255)), reportJSON: document.reportJSON)
            // Years that already have a plan: the document becomes that series' next revision
            // when its latest revision is approved or published; a draft or a submitted
            // revision must be finished (or removed) first — never a second series.
            if let latest = state.periodLatest {
                guard latest.organizationID == state.organizationID else { throw .forbidden }
                guard latest.status == .approved || latest.status == .published else { throw importBlocked(by: latest) }
                draft.revision = latest.revision + 1
                draft = carryingLineage(into: draft, from: latest)
                try PlanLimits.check(draft)
                return Decision(change: PlanChange(write: .createRevision(from: latest, draft: draft),
                                                   importRecord: .create(kept, userID: actor.userID)),
                                audit: [audit(.planImport, draft.id, "\(kept.fileName) · revision \(draft.revision) of \(latest.id.uuidString)")])
            }
            // The same limits as every edit (items, text lengths): a document over them is
            // refused with the fields named, never stored as a plan nobody could edit. Other
            // findings stay for the review page, where the officer corrects them.
            try PlanLimits.check(draft)
            return Decision(change: PlanChange(write: .create(draft, publishedAt: nil), importRecord: .create(kept, userID: actor.userID)),
                            audit: [audit(.planImport, draft.id, kept.fileName)])

        case .importAccept:
            let current = try existing(state, actor: actor, needs: .editor)
            try requireImport(state, accepting: true)
            return Decision(change: PlanChange(write: .none(current), importRecord: .setStatus(.accepted)),
                            audit: [audit(.planImportAccept, current.id)])

        case .importDiscard:
            let current = try existing(state, actor: actor, needs: .editor)
            try requireImport(state, accepting: false)
            // An import that became the next revision of a published plan is discarded like a
            // new series: only the imported draft goes, the revisions before it stay.
            guard current.status == .draft, !state.wasPublished else {
                throw CommandRefusal(.wrongState, settledMessage)
            }
            return Decision(change: PlanChange(write: .delete(current), importRecord: .delete),
                            audit: [audit(.planImportDiscard, current.id)])

        case .delete:
            let current = try existing(state, actor: actor, needs: .admin)
            try checkVersion(current, expectedVersion)
            guard current.status == .draft, !state.wasPublished, !state.hasOtherRevisions else {
                throw CommandRefusal(.wrongState, LocalizedText(
                    th: "ลบได้เฉพาะร่างแผนที่ยังไม่เคยเผยแพร่และไม่มีฉบับอื่น",
                    en: "Only a draft that was never published and has no other revision can be deleted"))
            }
            return Decision(change: PlanChange(write: .delete(current), importRecord: state.importStatus == nil ? nil : .delete),
                            audit: [audit(.planDelete, current.id, current.title)])
        }
    }

    // MARK: One plan series per organization and period

    static func yearsText(_ plan: Plan) -> String { ThaiCalendar.yearRange(plan.firstYear, plan.lastYear) }

    /// A new plan for years that already have one: names that plan, its revision and state, and
    /// the step that continues it.
    public static func periodTaken(_ latest: Plan) -> CommandRefusal {
        let next: LocalizedText = switch latest.status {
        case .draft: LocalizedText(th: "เปิดฉบับร่างนั้นเพื่อแก้ไขต่อ", en: "open that draft and continue it")
        case .published, .approved: LocalizedText(th: "เริ่มฉบับแก้ไขใหม่ (ปรับปรุงแผน) จากแผนนั้น", en: "start a new revision of that plan")
        case .submitted: LocalizedText(th: "รอให้ฉบับนั้นผ่านการอนุมัติ หรือส่งกลับเป็นร่างเพื่อแก้ไข", en: "wait for that revision's approval, or return it to draft to change it")
        }
        return CommandRefusal(.wrongState, LocalizedText(
            th: "องค์กรนี้มีแผนปี \(yearsText(latest)) อยู่แล้ว (ฉบับที่ \(latest.revision) · \(latest.status.thaiName)) แผนแต่ละช่วงปีมีได้ชุดเดียว จึงไม่สร้างแผนใหม่ ให้\(next.th)",
            en: "This organization already has a plan for \(yearsText(latest)) (revision \(latest.revision), \(latest.status.englishName.lowercased())); there is one plan per period, so no new plan was created — \(next.en)"),
            relatedPlan: latest.id)
    }

    /// An imported document for years whose latest revision is still a draft or waits for
    /// approval: it cannot become a revision yet, and a second series is not made.
    public static func importBlocked(by latest: Plan) -> CommandRefusal {
        let message: LocalizedText = latest.status == .submitted
            ? LocalizedText(
                th: "แผนปี \(yearsText(latest)) ฉบับที่ \(latest.revision) รออนุมัติอยู่ จึงยังนำเอกสารเข้าเป็นฉบับแก้ไขใหม่ไม่ได้ และไม่ได้บันทึกเอกสารนี้ ให้ผู้ดูแลอนุมัติหรือส่งกลับเป็นร่างก่อน",
                en: "Revision \(latest.revision) of the plan for \(yearsText(latest)) is waiting for approval, so the document cannot become a new revision yet and was not stored; have it approved or returned to draft first")
            : LocalizedText(
                th: "มีร่างแผนปี \(yearsText(latest)) อยู่แล้ว (ฉบับที่ \(latest.revision)) แผนแต่ละช่วงปีมีร่างได้ฉบับเดียว จึงไม่ได้บันทึกเอกสารนี้ ให้แก้ไขในร่างนั้นต่อ หรือลบหรือทิ้งร่างนั้นก่อนแล้วนำเข้าใหม่",
                en: "A draft of the plan for \(yearsText(latest)) already exists (revision \(latest.revision)); a period has one draft at a time, so the document was not stored — continue that draft, or delete or discard it and import again")
        return CommandRefusal(.wrongState, message, relatedPlan: latest.id)
    }

    /// An imported revision keeps the identity (`lineageID`) of the items it shares by name with
    /// the revision before it, so monitoring and the revision comparison follow them.
    static func carryingLineage(into draft: Plan, from previous: Plan) -> Plan {
        var byName: [String: [PlanItem]] = [:]
        for item in previous.items { byName[item.name.cleaned, default: []].append(item) }
        var used: Set<UUID> = []
        var plan = draft
        for index in plan.items.indices {
            let candidates = (byName[plan.items[index].name.cleaned] ?? []).filter { !used.contains($0.lineageID) }
            let match = candidates.first { $0.missionCode == plan.items[index].missionCode } ?? (candidates.count == 1 ? candidates[0] : nil)
            if let match {
                plan.items[index].lineageID = match.lineageID
                used.insert(match.lineageID)
            }
        }
        return plan
    }

    // MARK: Rules shared by the commands

    static func existing(_ state: PlanState, actor: ActingUser, needs role: OrganizationRole) throws(CommandRefusal) -> Plan {
        guard let plan = state.plan, plan.organizationID == state.organizationID else {
            throw CommandRefusal(.notFound, LocalizedText(th: "ไม่พบแผน", en: "No such plan"))
        }
        guard actor.has(role) else { throw .forbidden }
        return plan
    }

    static func checkVersion(_ plan: Plan, _ expected: Int?) throws(CommandRefusal) {
        if let expected, expected != plan.version {
            throw CommandRefusal(.stale(current: plan.version), LocalizedText(
                th: "มีผู้อื่นบันทึกการแก้ไขแผนนี้ก่อนแล้ว (ฉบับแก้ไขที่ \(plan.version)) กรุณาโหลดใหม่แล้วแก้ไขอีกครั้ง",
                en: "Someone else saved this plan first (version \(plan.version)); reload it and make your change again"))
        }
    }

    /// Only drafts change; the message says what to do instead.
    public static func requireDraft(_ plan: Plan) throws(CommandRefusal) {
        guard plan.status == .draft else { throw CommandRefusal(.wrongState, notDraftMessage(plan)) }
    }

    public static func notDraftMessage(_ plan: Plan) -> LocalizedText {
        LocalizedText(
            th: "แผนฉบับนี้อยู่ในสถานะ “\(plan.status.thaiName)” แก้ไขไม่ได้\(plan.status == .published ? " ให้สร้างฉบับแก้ไขใหม่" : plan.status == .submitted ? " ให้ส่งกลับเป็นร่างก่อน" : "")",
            en: "This revision is \(plan.status.englishName.lowercased()) and cannot be changed\(plan.status == .published ? "; start a new revision" : "")")
    }

    static func requireImport(_ state: PlanState, accepting: Bool) throws(CommandRefusal) {
        guard let status = state.importStatus else {
            throw CommandRefusal(.notFound, LocalizedText(th: "ไม่พบการนำเข้า", en: "No import for this plan"))
        }
        switch status {
        case .pending:
            if state.plan?.status != .draft { throw CommandRefusal(.wrongState, settledMessage) }
        case .accepted:
            if !accepting {
                throw CommandRefusal(.wrongState, LocalizedText(th: "รับแผนนี้เข้าระบบแล้ว ลบจากหน้านี้ไม่ได้", en: "This import was already accepted"))
            }
        case .settled:
            throw CommandRefusal(.wrongState, settledMessage)
        }
    }

    public static let settledMessage = LocalizedText(
        th: "แผนที่นำเข้านี้ได้เสนออนุมัติ อนุมัติ หรือเผยแพร่ไปแล้ว การนำเข้าจึงถือว่าเสร็จสิ้น ทิ้งการนำเข้าไม่ได้",
        en: "This imported plan has been submitted, approved or published, so the import is settled and can no longer be discarded")

    /// The approver's optional comment as it is kept in the history ("… · ความเห็น: …").
    public static let commentMarker = " · ความเห็น: "
    public static func commentDetail(_ comment: String?) -> String {
        guard let text = comment?.cleaned, !text.isEmpty else { return "" }
        return commentMarker + String(text.prefix(2_000))
    }
}
