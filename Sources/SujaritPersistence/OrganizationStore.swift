import Foundation
import FluentKit
import FluentSQL
import SujaritCore

/// Reads and writes organizations.
public struct OrganizationStore: Sendable {
    let database: any Database

    public init(_ database: any Database) { self.database = database }

    /// All organizations, sorted by Thai name.
    public func all() async throws -> [Organization] {
        try await OrganizationRecord.query(on: database).all()
            .map { try $0.toDomain() }
            .sorted { $0.name.compare($1.name, locale: Locale(identifier: "th_TH")) == .orderedAscending }
    }

    /// One page of the directory: organizations matching every filter given, in the order of
    /// their sort key (then id, so pages never overlap), with the number of all matches.
    public func directory(_ query: DirectoryQuery) async throws -> DirectoryPage {
        func filtered() -> QueryBuilder<OrganizationRecord> {
            var builder = OrganizationRecord.query(on: database)
            if let text = query.text, !text.isEmpty { builder = builder.filter(\.$searchName ~~ text) }
            if let province = query.province { builder = builder.filter(\.$province == province) }
            if let district = query.district { builder = builder.filter(\.$district == district) }
            if let kind = query.kind { builder = builder.filter(\.$kind == kind.rawValue) }
            return builder
        }
        let total = try await filtered().count()
        let offset = (query.page - 1) * query.perPage
        let records = offset >= total ? [] : try await filtered()
            .sort(\.$sortKey).sort(\.$id).range(offset..<(offset + query.perPage)).all()
        return DirectoryPage(organizations: try records.map { try $0.toDomain() }, total: total, page: query.page, perPage: query.perPage)
    }

    /// Every province with its number of organizations (and districts of one province), in
    /// Thai order. One grouped query.
    public func provinces() async throws -> [DirectoryCount] {
        try await counts(column: "province", whereProvince: nil)
    }

    public func districts(province: String) async throws -> [DirectoryCount] {
        try await counts(column: "district", whereProvince: province)
    }

    func counts(column: String, whereProvince province: String?) async throws -> [DirectoryCount] {
        guard let sql = database as? any SQLDatabase else { throw StoreError.corrupt("database is not SQL") }
        var select = sql.select().column(SQLIdentifier(column), as: "name").column(SQLFunction("COUNT", args: SQLLiteral.all), as: "count")
            .from(OrganizationRecord.schema)
        if let province { select = select.where("province", .equal, SQLBind(province)) }
        let rows = try await select.groupBy(SQLIdentifier(column)).all()
        // Each name's sort key once (not in the comparison: it is a text transformation).
        return try rows.map { row -> (DirectoryCount, String) in
            let name = try row.decode(column: "name", as: String.self)
            return (DirectoryCount(name: name, count: try row.decode(column: "count", as: Int.self)), OrganizationSearch.sortKey(name))
        }.sorted { $0.1 < $1.1 }.map(\.0)
    }

    public func find(id: UUID) async throws -> Organization? {
        try await OrganizationRecord.find(id, on: database)?.toDomain()
    }

    public func find(slug: String) async throws -> Organization? {
        try await OrganizationRecord.query(on: database).filter(\.$slug == slug.lowercased()).first()?.toDomain()
    }

    /// Stores a new organization. The slug must be valid and not taken.
    @discardableResult
    public func create(_ organization: Organization) async throws -> Organization {
        let organization = try Self.checked(organization)
        if try await OrganizationRecord.query(on: database).filter(\.$slug == organization.slug).first() != nil {
            throw StoreError.duplicate(field: "slug", value: organization.slug)
        }
        try await OrganizationRecord(organization).create(on: database)
        return organization
    }

    public func update(_ organization: Organization) async throws {
        let organization = try Self.checked(organization)
        guard let record = try await OrganizationRecord.find(organization.id, on: database) else {
            throw StoreError.notFound("องค์กร \(organization.id)")
        }
        record.update(from: organization)
        try await record.save(on: database)
    }

    static func checked(_ organization: Organization) throws -> Organization {
        var organization = organization
        organization.slug = organization.slug.lowercased()
        organization.name = organization.name.cleaned
        guard Organization.isValidSlug(organization.slug) else {
            throw StoreError.invalid(LocalizedText(
                th: "ชื่อย่อในที่อยู่เว็บ “\(organization.slug)” ใช้ได้เฉพาะ a–z, 0–9 และขีด (-) ยาว 2–63 ตัว",
                en: "The address name “\(organization.slug)” may use only a–z, 0–9 and hyphens, 2–63 characters"))
        }
        guard !organization.name.isEmpty, organization.name.count <= 300 else {
            throw StoreError.invalid(LocalizedText(th: "ชื่อองค์กรต้องมี 1–300 ตัวอักษร", en: "The organization name must have 1–300 characters"))
        }
        return organization
    }
}

/// Filters and page of a directory request, already checked (see `DirectoryQuery.init`).
public struct DirectoryQuery: Sendable, Equatable {
    /// In `OrganizationSearch.searchForm`; nil or empty: no search.
    public var text: String?
    public var province: String?
    public var district: String?
    public var kind: OrganizationKind?
    /// From 1.
    public var page: Int
    public var perPage: Int

    public static let maximumPerPage = 200

    public init(text: String? = nil, province: String? = nil, district: String? = nil, kind: OrganizationKind? = nil, page: Int = 1, perPage: Int = 50) {
        self.text = text
        self.province = province
        self.district = district
        self.kind = kind
        self.page = max(1, page)
        self.perPage = min(max(1, perPage), Self.maximumPerPage)
    }
}

public struct DirectoryPage: Sendable {
    public var organizations: [Organization]
    public var total: Int
    public var page: Int
    public var perPage: Int

    public var pageCount: Int { max(1, (total + perPage - 1) / perPage) }
}

public struct DirectoryCount: Sendable, Hashable, Codable {
    public var name: String
    public var count: Int

    public init(name: String, count: Int) {
        self.name = name
        self.count = count
    }
}
