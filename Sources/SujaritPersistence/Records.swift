import Foundation
import FluentKit
import SujaritCore

// Fluent records: the database shape of the domain types. Domain structs in SujaritCore are not
// Fluent models; each record has `init(_ domain…)`/`update(from:)` and `toDomain()`.
// Every tenant-owned row carries `organization_id`, and every store query filters by it.

/// องค์กร — table `organizations`.
public final class OrganizationRecord: Model, @unchecked Sendable {
    public static let schema = "organizations"

    @ID(key: .id) public var id: UUID?
    @Field(key: "slug") public var slug: String
    @Field(key: "kind") public var kind: String
    @Field(key: "name") public var name: String
    @Field(key: "district") public var district: String
    @Field(key: "province") public var province: String
    @Field(key: "website") public var website: String
    @Field(key: "phone") public var phone: String
    /// JSON array of unit names.
    @Field(key: "units_json") public var unitsJSON: String
    @Field(key: "digit_style") public var digitStyle: String
    /// `OrganizationSearch.letters(name)`: what directory searches look in.
    @Field(key: "search_name") public var searchName: String
    /// `OrganizationSearch.sortKey(name)`: the directory's order.
    @Field(key: "sort_key") public var sortKey: String
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?

    public init() {}

    public init(_ organization: Organization) {
        id = organization.id
        update(from: organization)
    }

    public func update(from organization: Organization) {
        slug = organization.slug
        kind = organization.kind.rawValue
        name = organization.name.nfc
        district = organization.district.nfc
        province = organization.province.nfc
        website = organization.website
        phone = organization.phone
        unitsJSON = JSONCoding.encode(organization.units.map(\.nfc))
        digitStyle = organization.digitStyle.rawValue
        searchName = OrganizationSearch.letters(name)
        sortKey = OrganizationSearch.sortKey(name)
    }

    public func toDomain() throws -> Organization {
        guard let id else { throw StoreError.corrupt("organization without id") }
        // A stored value the code does not know is corrupt data, never read as a default.
        guard let kind = OrganizationKind(rawValue: kind) else {
            throw StoreError.corrupt("organizations.kind “\(self.kind)” (organization \(slug))")
        }
        guard let digitStyle = DigitStyle(rawValue: digitStyle) else {
            throw StoreError.corrupt("organizations.digit_style “\(self.digitStyle)” (organization \(slug))")
        }
        let units: [String]
        do {
            units = try JSONCoding.decode([String].self, from: unitsJSON)
        } catch {
            throw StoreError.corrupt("organizations.units_json (organization \(slug))")
        }
        return Organization(
            id: id, slug: slug, kind: kind, name: name,
            district: district, province: province, website: website, phone: phone,
            units: units, digitStyle: digitStyle
        )
    }
}

/// แผน (one revision) — table `plans`.
public final class PlanRecord: Model, @unchecked Sendable {
    public static let schema = "plans"

    @ID(key: .id) public var id: UUID?
    @Field(key: "organization_id") public var organizationID: UUID
    /// All revisions of one plan share a series id; the first revision's id is the series id.
    @Field(key: "series_id") public var seriesID: UUID
    @Field(key: "revision") public var revision: Int
    @Field(key: "version") public var version: Int
    @Field(key: "title") public var title: String
    @Field(key: "first_year") public var firstYear: Int
    @Field(key: "last_year") public var lastYear: Int
    @Field(key: "cycle_id") public var cycleID: String
    @Field(key: "status") public var status: String
    /// JSON of `[Dimension]` (dimensions with their missions, including custom ones).
    @Field(key: "dimensions_json") public var dimensionsJSON: String
    /// JSON of `PlanFrontMatter`.
    @Field(key: "front_matter_json") public var frontMatterJSON: String
    @OptionalField(key: "published_at") public var publishedAt: Date?
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) public var updatedAt: Date?

    public init() {}
}

/// รายการในแผน — table `plan_items`.
public final class PlanItemRecord: Model, @unchecked Sendable {
    public static let schema = "plan_items"

    @ID(key: .id) public var id: UUID?
    @Field(key: "organization_id") public var organizationID: UUID
    @Field(key: "plan_id") public var planID: UUID
    /// The item's identity across revisions (`PlanItem.lineageID`); rows from before it existed
    /// were given their own id by the migration.
    @OptionalField(key: "lineage_id") public var lineageID: UUID?
    @Field(key: "position") public var position: Int
    @Field(key: "kind") public var kind: String
    @Field(key: "name") public var name: String
    @OptionalField(key: "mission_code") public var missionCode: String?
    @OptionalField(key: "sub_mission_code") public var subMissionCode: String?
    @Field(key: "responsible_unit") public var responsibleUnit: String
    @Field(key: "remarks") public var remarks: String
    /// JSON of `ProjectSheet`, or nil when the item has no sheet.
    @OptionalField(key: "sheet_json") public var sheetJSON: String?
    /// `PlanItem.months` as its twelve bits (bit 0 = มกราคม … bit 11 = ธันวาคม); nil or 0 when
    /// the item is not scheduled by month (rows from before migration `2026-12-07-01-plan-item-months`).
    @OptionalField(key: "run_months") public var runMonths: Int?

    public init() {}
}

/// งบประมาณรายปี — table `plan_item_budgets`: one row per item and fiscal year.
/// `amount_satang` is null when the year is explicitly "no budget".
public final class BudgetRecord: Model, @unchecked Sendable {
    public static let schema = "plan_item_budgets"

    @ID(key: .id) public var id: UUID?
    @Field(key: "organization_id") public var organizationID: UUID
    @Field(key: "plan_id") public var planID: UUID
    @Field(key: "item_id") public var itemID: UUID
    @Field(key: "fiscal_year") public var fiscalYear: Int
    @OptionalField(key: "amount_satang") public var amountSatang: Int64?

    public init() {}
}

/// ความเสี่ยงการทุจริต — table `plan_risks`.
public final class RiskRecord: Model, @unchecked Sendable {
    public static let schema = "plan_risks"

    @ID(key: .id) public var id: UUID?
    @Field(key: "organization_id") public var organizationID: UUID
    @Field(key: "plan_id") public var planID: UUID
    @Field(key: "position") public var position: Int
    @Field(key: "work_area") public var workArea: String
    /// JSON of `{issues, controlMeasures, linkedItemIDs}`.
    @Field(key: "detail_json") public var detailJSON: String

    public init() {}
}

/// ค่าเป้าหมาย — table `plan_targets`.
public final class TargetRecord: Model, @unchecked Sendable {
    public static let schema = "plan_targets"

    @ID(key: .id) public var id: UUID?
    @Field(key: "organization_id") public var organizationID: UUID
    @Field(key: "plan_id") public var planID: UUID
    @Field(key: "position") public var position: Int
    @Field(key: "indicator") public var indicator: String
    @Field(key: "unit") public var unit: String
    /// JSON object `{"2566": "10", …}` (values as decimal strings, exact).
    @Field(key: "values_json") public var valuesJSON: String

    public init() {}
}

/// ผู้ใช้ — table `users`.
public final class UserRecord: Model, @unchecked Sendable {
    public static let schema = "users"

    @ID(key: .id) public var id: UUID?
    /// Sign-in name, lower-cased.
    @Field(key: "username") public var username: String
    @Field(key: "display_name") public var displayName: String
    /// bcrypt hash; the password itself is never stored.
    @Field(key: "password_hash") public var passwordHash: String
    /// ผู้ดูแลระบบ — may act in every organization.
    @Field(key: "is_system_admin") public var isSystemAdmin: Bool
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?

    public init() {}

    public init(id: UUID? = nil, username: String, displayName: String, passwordHash: String, isSystemAdmin: Bool) {
        self.id = id
        self.username = username
        self.displayName = displayName
        self.passwordHash = passwordHash
        self.isSystemAdmin = isSystemAdmin
    }
}

/// A user's role in one organization — table `memberships`.
public final class MembershipRecord: Model, @unchecked Sendable {
    public static let schema = "memberships"

    @ID(key: .id) public var id: UUID?
    @Field(key: "user_id") public var userID: UUID
    @Field(key: "organization_id") public var organizationID: UUID
    @Field(key: "role") public var role: String

    public init() {}

    public init(userID: UUID, organizationID: UUID, role: OrganizationRole) {
        self.userID = userID
        self.organizationID = organizationID
        self.role = role.rawValue
    }
}

/// An API token for scripts and other systems — table `api_tokens`. Only its SHA-256 is stored.
public final class APITokenRecord: Model, @unchecked Sendable {
    public static let schema = "api_tokens"

    @ID(key: .id) public var id: UUID?
    @Field(key: "user_id") public var userID: UUID
    @Field(key: "token_hash") public var tokenHash: String
    @Field(key: "expires_at") public var expiresAt: Date
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?

    public init() {}
}

/// บันทึกการใช้งาน — table `audit_events`: who did what to which record, when.
public final class AuditEventRecord: Model, @unchecked Sendable {
    public static let schema = "audit_events"

    @ID(key: .id) public var id: UUID?
    @OptionalField(key: "organization_id") public var organizationID: UUID?
    @OptionalField(key: "user_id") public var userID: UUID?
    @Field(key: "action") public var action: String
    @Field(key: "subject") public var subject: String
    @Field(key: "detail") public var detail: String
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?

    public init() {}

    public init(organizationID: UUID?, userID: UUID?, action: String, subject: String, detail: String = "") {
        self.organizationID = organizationID
        self.userID = userID
        self.action = action
        self.subject = subject
        self.detail = detail
    }
}

/// JSON helpers with stable output (sorted keys) so that stored text is reproducible.
enum JSONCoding {
    static func encode<T: Encodable>(_ value: T) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Encoding our own value types cannot fail.
        return String(decoding: try! encoder.encode(value), as: UTF8.self)
    }

    static func decode<T: Decodable>(_ type: T.Type, from text: String) throws -> T {
        try JSONDecoder().decode(type, from: Data(text.utf8))
    }
}
