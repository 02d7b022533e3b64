import Foundation
import FluentKit
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
