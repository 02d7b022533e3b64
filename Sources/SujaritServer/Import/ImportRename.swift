import Foundation
import Vapor
import SujaritCore
import SujaritPersistence

/// A document of another organization: the review page warns, and this step replaces the
/// document's organization name with the importing organization's in titles and texts.
extension ImportController {
    struct RenameForm: Content { var version: Int? }

    /// The document's organization when it is not the one importing it (names compared
    /// without spaces), nil when they are the same or the document names none.
    static func otherOrganization(_ report: Report, importing org: Organization) -> String? {
        let documentName = report.organizationName.cleaned
        func key(_ name: String) -> String { name.cleaned.filter { !$0.isWhitespace } }
        guard !documentName.isEmpty, key(documentName) != key(org.name) else { return nil }
        return documentName
    }

    @Sendable func replaceOrganizationName(_ request: Request) async throws -> Response {
        try CSRF.verify(request)
        let form = try request.content.decode(RenameForm.self)
        let service = PlanEditingService(request: request)
        let (plan, _) = try await service.editablePlan(id: request.parameters.get("planID"))
        guard let record = try await request.stores.imports.record(planID: plan.id, organizationID: plan.organizationID),
              let organization = try await request.stores.organizations.find(id: plan.organizationID) else {
            throw SujaritError.notFound(.nfImport)
        }
        let report = try JSONDecoder().decode(Report.self, from: Data(record.reportJSON.utf8))
        if let other = Self.otherOrganization(report, importing: organization) {
            _ = try await service.edit(planID: request.parameters.get("planID"), expectedVersion: form.version ?? -1,
                                       .replaceText(other, with: organization.name))
        }
        let response = Response(status: .seeOther)
        response.headers.replaceOrAdd(name: .location, value: SiteURL.importReview(plan.id).path)
        return response
    }
}
