import Foundation
import Vapor
import SujaritCore
import SujaritPersistence

/// ข้อมูลองค์กร — an organization's admin keeps its details, units and digit style here.
struct OrganizationController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("o", ":slug", "settings", use: form)
        routes.post("o", ":slug", "settings", use: save)
    }

    struct SettingsForm: Content {
        var name: String?
        var kind: String?
        var district: String?
        var province: String?
        var website: String?
        var phone: String?
        var units: String?
        var digitStyle: String?

        init(_ org: Organization) {
            name = org.name
            kind = org.kind.rawValue
            district = org.district
            province = org.province
            website = org.website
            phone = org.phone
            units = org.units.joined(separator: "\n")
            digitStyle = org.digitStyle.rawValue
        }
    }

    func adminOrganization(_ request: Request) async throws -> (Organization, Viewer) {
        let viewer = try request.requireViewer()
        let organization = try await PlanService(request: request).organization(slug: request.parameters.get("slug"))
        guard viewer.can(.admin, in: organization.id) else { throw SujaritError.forbidden() }
        return (organization, viewer)
    }

    @Sendable func form(_ request: Request) async throws -> Response {
        let (organization, _) = try await adminOrganization(request)
        return Layout.response(Self.page(request, organization: organization, form: SettingsForm(organization), errors: FormErrors()))
    }

    @Sendable func save(_ request: Request) async throws -> Response {
        try CSRF.verify(request)
        let (organization, viewer) = try await adminOrganization(request)
        let form = try request.content.decode(SettingsForm.self)
        var errors = FormErrors()
        let name = (form.name ?? "").cleaned
        if name.isEmpty || name.count > 300 { errors.add("name", LocalizedText(.msgOrganizationNameLength)) }
        let kind = form.kind.flatMap(OrganizationKind.init(rawValue:))
        if kind == nil { errors.add("kind", LocalizedText(.msgChooseKind)) }
        let digits = form.digitStyle.flatMap(DigitStyle.init(rawValue:))
        if digits == nil { errors.add("digitStyle", LocalizedText(.msgChooseThaiOrArabicDigits)) }
        let units = listLines(form.units)
        if units.count > 50 || units.contains(where: { $0.count > 200 }) {
            errors.add("units", LocalizedText(.msgUnitsLimit))
        }
        for (field, value) in [("district", form.district), ("province", form.province), ("website", form.website), ("phone", form.phone)]
            where (value ?? "").count > 200 {
            errors.add(field, LocalizedText(.msgLongerThan200Characters))
        }
        guard errors.isEmpty, let kind, let digits else {
            return Layout.response(Self.page(request, organization: organization, form: form, errors: errors), status: .unprocessableEntity)
        }
        var updated = organization
        updated.name = name
        updated.kind = kind
        updated.district = (form.district ?? "").cleaned
        updated.province = (form.province ?? "").cleaned
        updated.website = (form.website ?? "").cleaned
        updated.phone = (form.phone ?? "").cleaned
        updated.units = units
        updated.digitStyle = digits
        // The record and its audit line (naming the fields that changed) in one transaction.
        try await request.stores.accounts.updateOrganization(updated, by: viewer.userID, detail: Self.changedFields(organization, updated))
        // Published pages print the organization's name and digits.
        request.application.publishedCache.invalidate(organizationID: updated.id)
        let response = Response(status: .seeOther)
        response.headers.replaceOrAdd(name: .location, value: SiteURL.organization(slug: organization.slug).path)
        return response
    }
}

extension OrganizationController {
    /// The settings that differ, by field name ("name, units"), for the audit line.
    static func changedFields(_ old: Organization, _ new: Organization) -> String {
        var fields: [String] = []
        if old.name != new.name { fields.append("name") }
        if old.kind != new.kind { fields.append("kind") }
        if old.district != new.district { fields.append("district") }
        if old.province != new.province { fields.append("province") }
        if old.website != new.website { fields.append("website") }
        if old.phone != new.phone { fields.append("phone") }
        if old.units != new.units { fields.append("units") }
        if old.digitStyle != new.digitStyle { fields.append("digitStyle") }
        return fields.isEmpty ? "no change" : fields.joined(separator: ", ")
    }
}
