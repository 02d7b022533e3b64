import Foundation
import SujaritCore
import struct SujaritCore.Dimension

// Request and response bodies of the JSON API under /api/v1. Plain Codable types, no web
// framework; `openapi.yaml` at the repository root describes them.

/// An organization as the API shows it.
public struct OrganizationDTO: Codable, Sendable, Equatable {
    public var id: UUID
    public var slug: String
    public var kind: OrganizationKind
    public var kindName: String
    public var name: String
    public var district: String
    public var province: String
    public var website: String
    public var phone: String
    public var units: [String]
    public var digitStyle: DigitStyle

    public init(_ organization: Organization) {
        id = organization.id
        slug = organization.slug
        kind = organization.kind
        kindName = organization.kind.thaiName
        name = organization.name
        district = organization.district
        province = organization.province
        website = organization.website
        phone = organization.phone
        units = organization.units
        digitStyle = organization.digitStyle
    }
}

/// A plan with everything computed from it: GET /api/v1/plans/{id}.
public struct PlanResponse: Codable, Sendable {
    public var plan: Plan
    /// Counts and totals, computed by the server.
    public var summary: PlanSummary
    /// The Part 2 number of each item (item id → number).
    public var itemNumbers: [String: Int]
    public var findings: [PlanFinding]
    /// Where the public reads the plan once published.
    public var publicURL: String?
    /// The id of what the request created (an item, a risk row, a target), if anything.
    public var createdID: UUID?

    public init(plan: Plan, publicURL: String?, createdID: UUID? = nil) {
        self.plan = plan
        self.createdID = createdID
        summary = PlanSummary(plan: plan)
        itemNumbers = Dictionary(uniqueKeysWithValues: plan.itemNumbers.map { ($0.key.uuidString.lowercased(), $0.value) })
        findings = PlanValidator.validate(plan)
        self.publicURL = publicURL
    }
}

/// A plan as a client sends it to create or replace one. Ids of items, risks and targets are
/// optional (new ones get fresh ids). `version` is required when replacing.
public struct PlanWriteRequest: Codable, Sendable {
    public var title: String?
    public var firstYear: Int
    public var lastYear: Int
    /// "2566-2570", "2561-2564"; missions come from this catalog when `dimensions` is absent.
    public var cycleID: String?
    public var dimensions: [Dimension]?
    public var items: [PlanItem]?
    public var risks: [RiskArea]?
    public var targets: [YearlyTarget]?
    public var frontMatter: PlanFrontMatter?
    /// The version the client last read (optimistic concurrency).
    public var version: Int?
    /// On creation: ids of standard measures (GET /api/v1/catalog/measures) to start with.
    public var standardMeasureIDs: [String]?

    public init(title: String? = nil, firstYear: Int, lastYear: Int, cycleID: String? = nil, dimensions: [Dimension]? = nil,
                items: [PlanItem]? = nil, risks: [RiskArea]? = nil, targets: [YearlyTarget]? = nil,
                frontMatter: PlanFrontMatter? = nil, version: Int? = nil) {
        self.title = title
        self.firstYear = firstYear
        self.lastYear = lastYear
        self.cycleID = cycleID
        self.dimensions = dimensions
        self.items = items
        self.risks = risks
        self.targets = targets
        self.frontMatter = frontMatter
        self.version = version
    }
}

/// POST /api/v1/sessions
public struct SignInRequest: Codable, Sendable {
    public var username: String
    public var password: String

    public init(username: String, password: String) {
        self.username = username
        self.password = password
    }
}

public struct SignInResponse: Codable, Sendable {
    public var token: String
    public var expiresAt: Date

    public init(token: String, expiresAt: Date) {
        self.token = token
        self.expiresAt = expiresAt
    }
}

/// One problem with one field of a request.
public struct FieldError: Codable, Sendable, Equatable {
    /// A path into the request, e.g. "items[3].budgets.2568".
    public var field: String
    public var message: String
    public var messageThai: String

    public init(field: String, message: LocalizedText) {
        self.field = field
        self.message = message.en
        self.messageThai = message.th
    }
}

/// Every error response of the API.
public struct ErrorResponse: Codable, Sendable {
    public var error: Bool
    /// HTTP status code, repeated for convenience.
    public var status: Int
    public var reason: String
    public var reasonThai: String
    public var fields: [FieldError]
    /// On a version conflict (409): the plan as it is now, with the other person's change.
    public var current: PlanResponse?
    /// The address of what the error is about, e.g. the draft revision that exists already
    /// when a second one is asked for (409).
    public var location: String?

    public init(status: Int, reason: LocalizedText, fields: [FieldError] = [], current: PlanResponse? = nil) {
        error = true
        self.status = status
        self.reason = reason.en
        self.reasonThai = reason.th
        self.fields = fields
        self.current = current
    }
}

public struct HealthResponse: Codable, Sendable {
    public var status: String
    public var database: String

    public init(status: String, database: String) {
        self.status = status
        self.database = database
    }
}

/// Every edit names the plan version it was made against; a stale one gets 409 Conflict.
public struct ItemWriteRequest: Codable, Sendable {
    public var item: PlanItem
    public var version: Int
    public init(item: PlanItem, version: Int) { self.item = item; self.version = version }
}

public struct MoveItemRequest: Codable, Sendable {
    /// The mission to move to ("2.1"); must be one of this plan's missions.
    public var missionCode: String
    /// 0-based place within the mission; absent = last.
    public var position: Int?
    public var version: Int
    public init(missionCode: String, position: Int?, version: Int) { self.missionCode = missionCode; self.position = position; self.version = version }
}

public struct BudgetsWriteRequest: Codable, Sendable {
    /// Fiscal year → amount in baht, or "none" for explicitly no budget.
    public var budgets: [String: BudgetEntry]
    public var version: Int
    public init(budgets: [String: BudgetEntry], version: Int) { self.budgets = budgets; self.version = version }
}

public struct SheetWriteRequest: Codable, Sendable {
    /// The project sheet; null removes it.
    public var sheet: ProjectSheet?
    public var version: Int
    public init(sheet: ProjectSheet?, version: Int) { self.sheet = sheet; self.version = version }
}

public struct RiskWriteRequest: Codable, Sendable {
    public var risk: RiskArea
    public var version: Int
    public init(risk: RiskArea, version: Int) { self.risk = risk; self.version = version }
}

public struct TargetWriteRequest: Codable, Sendable {
    public var target: YearlyTarget
    public var version: Int
    public init(target: YearlyTarget, version: Int) { self.target = target; self.version = version }
}

public struct FrontMatterWriteRequest: Codable, Sendable {
    public var title: String?
    public var frontMatter: PlanFrontMatter
    public var version: Int
    public init(title: String?, frontMatter: PlanFrontMatter, version: Int) { self.title = title; self.frontMatter = frontMatter; self.version = version }
}

public struct TransitionRequest: Codable, Sendable {
    public var action: PlanAction
    public var version: Int
    public init(action: PlanAction, version: Int) { self.action = action; self.version = version }
}

public struct VersionRequest: Codable, Sendable {
    public var version: Int
    public init(version: Int) { self.version = version }
}

/// A plan cycle of the catalog.
public struct PlanCycleDTO: Codable, Sendable {
    public var id: String
    public var name: String
    public var firstYear: Int
    public var lastYear: Int
    public var plansByMonth: Bool
    public var dimensions: [Dimension]

    public init(_ template: PlanTemplate) {
        id = template.id
        name = template.thaiName
        firstYear = template.firstYear.be
        lastYear = template.lastYear.be
        plansByMonth = template.plansByMonth
        dimensions = template.dimensions
    }
}
