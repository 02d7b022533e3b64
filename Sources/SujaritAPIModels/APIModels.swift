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

    public init(plan: Plan, publicURL: String?) {
        self.plan = plan
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
