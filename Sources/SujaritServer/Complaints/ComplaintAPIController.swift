import Foundation
import Vapor
import SujaritCore
import SujaritPersistence
import SujaritAPIModels

/// The complaint officers' JSON API: `/api/v1/organizations/{slug}/complaints` (list),
/// `…/{caseID}` (show), `…/{caseID}/transitions` and `…/{caseID}/replies`. Bearer tokens only —
/// even for reading, a browser's cookie is not accepted — and the same checks, decision and
/// logged write as the officers' pages (`ComplaintService`).
struct ComplaintAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let complaints = routes.grouped(ComplaintStaffHeadersMiddleware()).grouped("api", "v1", "organizations", ":slug", "complaints")
        complaints.get(use: list)
        complaints.get(":caseID", use: show)
        complaints.on(.POST, ":caseID", "transitions", body: .collect(maxSize: "16kb"), use: transition)
        complaints.on(.POST, ":caseID", "replies", body: .collect(maxSize: "64kb"), use: reply)
    }

    /// The officer behind a bearer token.
    func officer(_ request: Request) async throws -> (ComplaintService, Organization, Viewer) {
        guard request.headers.bearerAuthorization != nil else {
            throw SujaritError(.unauthorized, LocalizedText(.msgComplaintsAPINeedsToken))
        }
        let service = ComplaintService(request: request)
        let organization = try await service.organization(slug: request.parameters.get("slug"))
        let viewer = try await service.requireOfficer(of: organization)
        return (service, organization, viewer)
    }

    func json<T: Encodable>(_ value: T, status: HTTPResponseStatus = .ok) throws -> Response {
        let response = Response(status: status)
        try response.content.encode(value, using: JSONEncoder.api)
        return response
    }

    @Sendable func list(_ request: Request) async throws -> Response {
        let (service, organization, viewer) = try await officer(request)
        let kind = request.query[String.self, at: "kind"].flatMap(ComplaintKind.init(rawValue:))
        let cases = try await service.cases(of: organization, viewer: viewer, kind: kind)
        try await service.handOnKeys(of: organization, viewer: viewer)
        let reminders = Dictionary(service.reminders(of: organization, cases: cases).map { ($0.caseID, $0) }, uniquingKeysWith: { a, _ in a })
        try await service.store.log(ComplaintLogEntry(organizationID: organization.id, caseID: nil, actor: "user:\(viewer.userID.uuidString)",
                                                      action: .casesListed, detail: "api", occurred: service.now))
        return try json(ComplaintCaseListResponse(cases: cases.map { ComplaintCaseSummaryDTO($0, reminder: reminders[$0.id]) },
                                                  overdue: reminders.values.filter { $0.kind != .dueSoon }.count))
    }

    func caseResponse(_ complaint: ComplaintCase, stored: StoredComplaint, keys: CaseKeys, service: ComplaintService,
                      organization: Organization) async throws -> ComplaintCaseResponse {
        // A case this token's officer holds no key to yet: 409 with what to do.
        guard let report = try service.openReport(stored, keys: keys) else { throw CaseKeys.unavailable }
        let reminder = service.reminders(of: organization, cases: [complaint]).first
        let messages = try await service.messages(of: complaint, keys: keys, reporterView: false).map { message, text in
            ComplaintMessageDTO(id: message.id, kind: message.kind, authorID: message.authorID, writtenOn: message.writtenOn.iso, text: text)
        }
        let evidence = try await service.evidence(of: complaint, keys: keys).map { item, info in
            ComplaintEvidenceDTO(id: item.id, name: info.name, kind: info.kind, size: info.size, addedOn: item.addedOn.iso, addedBy: item.addedBy)
        }
        return ComplaintCaseResponse(complaint: ComplaintCaseSummaryDTO(complaint, reminder: reminder), report: report,
                                     messages: messages, evidence: evidence)
    }

    @Sendable func show(_ request: Request) async throws -> Response {
        let (service, organization, viewer) = try await officer(request)
        let found = try await service.readableCase(id: request.parameters.get("caseID"), organization: organization, viewer: viewer, logView: true)
        let (stored, keys) = try await service.officerKeys(for: found, viewer: viewer, organization: organization)
        return try json(try await caseResponse(stored.complaint, stored: stored, keys: keys, service: service, organization: organization))
    }

    @Sendable func transition(_ request: Request) async throws -> Response {
        let (service, organization, viewer) = try await officer(request)
        let found = try await service.readableCase(id: request.parameters.get("caseID"), organization: organization, viewer: viewer, logView: false)
        let (stored, keys) = try await service.officerKeys(for: found, viewer: viewer, organization: organization)
        let body = try APIBody.decode(ComplaintTransitionRequest.self, request)
        guard !["reply", "note"].contains(body.command) else {
            throw SujaritError(.badRequest, LocalizedText(.msgUseRepliesEndpoint),
                               fields: [FieldError(field: "command", message: LocalizedText(.msgUseRepliesShort))])
        }
        let command = try await service.command(named: body.command, body: body.body, bodyName: body.bodyName, outcome: body.outcome,
                                                officer: body.officer, on: stored.complaint, organization: organization)
        let updated = try await service.perform(command, on: stored, keys: keys, organization: organization, viewer: viewer,
                                                expectedVersion: body.version, text: nil)
        if command == .recuse {
            // Excluded from now on: the answer carries nothing of the case.
            return try json(ComplaintCaseSummaryDTO(updated, reminder: nil))
        }
        return try json(try await caseResponse(updated, stored: try await service.keyring.reread(stored), keys: keys, service: service,
                                               organization: organization))
    }

    @Sendable func reply(_ request: Request) async throws -> Response {
        let (service, organization, viewer) = try await officer(request)
        let found = try await service.readableCase(id: request.parameters.get("caseID"), organization: organization, viewer: viewer, logView: false)
        let (stored, keys) = try await service.officerKeys(for: found, viewer: viewer, organization: organization)
        let body = try APIBody.decode(ComplaintReplyRequest.self, request)
        let updated = try await service.perform(body.internal == true ? .note : .reply, on: stored, keys: keys, organization: organization,
                                                viewer: viewer, expectedVersion: body.version, text: body.text)
        return try json(try await caseResponse(updated, stored: stored, keys: keys, service: service, organization: organization), status: .created)
    }
}
