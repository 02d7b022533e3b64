import Foundation
import Vapor
import Fluent
import SujaritCore
import SujaritImport
import SujaritPersistence
import SujaritAPIModels
import SujaritCatalog

/// นำเข้าแผนจากเอกสาร — upload a Word/HTML/text plan, see the parsed plan beside the
/// importer's diagnosis, correct it in the editor, then accept it (or discard it).
struct ImportController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("o", ":slug", "import", use: form)
        // At most four uploads are received and read at once (`UploadGate`): each holds its body in memory.
        routes.grouped(UploadGate()).on(.POST, "o", ":slug", "import",
                                        body: .collect(maxSize: ByteCount(value: DocumentImporter.maximumInputBytes + 1_000_000)), use: upload)
        routes.get("plans", ":planID", "import", use: review)
        routes.post("plans", ":planID", "import", "accept", use: accept)
        routes.post("plans", ":planID", "import", "discard", use: discard)
        routes.post("plans", ":planID", "import", "replace-name", use: replaceOrganizationName)
    }

    /// What is kept of the importer's report for the review page.
    struct Report: Codable {
        var fileName: String
        var format: DocumentFormat
        var documentKind: ImportedDocumentKind
        var organizationName: String
        var findings: [ImportFinding]
        var sheets: [ImportedSheet]
        var monitoringRows: [MonitoringResultRow]
        /// Where each finding's line stands (nearby text, table and row); absent in reports
        /// stored before places were kept.
        var places: [String: FindingPlace]? = nil
    }

    func editorOrganization(_ request: Request) async throws -> (Organization, Viewer) {
        let viewer = try request.requireViewer()
        let organization = try await PlanService(request: request).organization(slug: request.parameters.get("slug"))
        guard viewer.can(.editor, in: organization.id) else { throw SujaritError.forbidden() }
        return (organization, viewer)
    }

    @Sendable func form(_ request: Request) async throws -> Response {
        let (organization, _) = try await editorOrganization(request)
        return Layout.response(Self.uploadPage(request, organization: organization, error: nil))
    }

    struct Upload: Content {
        var _csrf: String?
        var document: File?
    }

    @Sendable func upload(_ request: Request) async throws -> Response {
        // One parse of the (up to 20 MB) multipart body gives both the token and the file.
        try FormBody.requireUTF8(request)
        let upload = try? request.content.decode(Upload.self)
        try CSRF.verify(request, sent: upload?._csrf)
        let (organization, _) = try await editorOrganization(request)
        guard let upload else { throw SujaritError(.badRequest, LocalizedText(.msgInvalidForm)) }
        guard let file = upload.document, file.data.readableBytes > 0 else {
            return Layout.response(Self.uploadPage(request, organization: organization, error: ImportError.empty.message), status: .unprocessableEntity)
        }
        let data = Data(file.data.readableBytesView)
        let result: ImportResult
        let places: [Int: FindingPlace]
        // Read off the event loop, a bounded number of documents at a time; the places of the
        // findings come from the same reading.
        switch try await request.application.importWorkers.readLocating(data, fileName: file.filename, organizationName: nil) {
        case .success(let read):
            (result, places) = read
        case .failure(let error):
            return Layout.response(Self.uploadPage(request, organization: organization, error: error.message), status: .unprocessableEntity)
        }
        let plan: Plan
        do {
            plan = try await PlanEditingService(request: request).run(try Self.saveCommand(result, organization: organization, places: places),
                                                                      inOrganization: organization.id)
        } catch let error as SujaritError where error.status == .conflict {
            // The years have a draft (or a revision waiting for approval): say so, and link it.
            let existing = try await PlanService(request: request).existingSeries(
                organizationID: organization.id, first: result.plan.firstYear, last: result.plan.lastYear)
            return Layout.response(Self.uploadPage(request, organization: organization, error: error.message, existing: existing),
                                   status: .conflict)
        }
        let response = Response(status: .seeOther)
        response.headers.replaceOrAdd(name: .location, value: SiteURL.importReview(plan.id).path)
        return response
    }

    /// The command that stores an import as a draft plan of the organization with its report
    /// (shared with the CLI). The workflow refuses a document over the editing limits.
    static func saveCommand(_ result: ImportResult, organization: Organization, places: [Int: FindingPlace] = [:]) throws -> PlanCommand {
        let report = Report(fileName: result.fileName, format: result.format, documentKind: result.documentKind,
                            organizationName: result.organization.name, findings: result.findings, sheets: result.sheets,
                            monitoringRows: result.monitoringRows,
                            places: places.isEmpty ? nil : Dictionary(uniqueKeysWithValues: places.map { (String($0.key), $0.value) }))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let json = String(decoding: try encoder.encode(report), as: UTF8.self)
        var plan = result.plan
        if plan.title.cleaned.isEmpty {
            plan.title = PlanCatalog.template(covering: plan.firstYear).title(organizationName: organization.name, first: plan.firstYear, last: plan.lastYear)
        }
        return .importSave(plan, ImportDraft(fileName: result.fileName, reportJSON: json))
    }

    @Sendable func review(_ request: Request) async throws -> Response {
        let (plan, _) = try await PlanEditingService(request: request).editablePlan(id: request.parameters.get("planID"))
        guard let record = try await request.stores.imports.record(planID: plan.id, organizationID: plan.organizationID) else {
            throw SujaritError.notFound(.nfImport)
        }
        let status = try record.importStatus()
        let report = try JSONDecoder().decode(Report.self, from: Data(record.reportJSON.utf8))
        guard let organization = try await request.stores.organizations.find(id: plan.organizationID) else { throw SujaritError.notFound() }
        // An import that became the next revision of an approved or published plan says so.
        var previous: PlanListEntry?
        if plan.revision > 1 {
            let series = try await PlanEditingService(request: request).seriesID(of: plan)
            previous = try await request.stores.plans.revisions(seriesID: series, organizationID: plan.organizationID)
                .first { $0.revision == plan.revision - 1 }
        }
        return Layout.response(Self.reviewPage(request, plan: plan, organization: organization, report: report,
                                               pending: status == .pending && plan.status == .draft,
                                               settled: status == .settled || (status == .pending && plan.status != .draft),
                                               previous: previous))
    }

    @Sendable func accept(_ request: Request) async throws -> Response {
        try CSRF.verify(request)
        let plan = try await PlanEditingService(request: request).run(.importAccept, planID: request.parameters.get("planID"), expectedVersion: nil)
        let response = Response(status: .seeOther)
        response.headers.replaceOrAdd(name: .location, value: SiteURL.editor(plan.id).path)
        return response
    }

    @Sendable func discard(_ request: Request) async throws -> Response {
        try CSRF.verify(request)
        let plan = try await PlanEditingService(request: request).run(.importDiscard, planID: request.parameters.get("planID"), expectedVersion: nil)
        guard let organization = try await request.stores.organizations.find(id: plan.organizationID) else { throw SujaritError.notFound() }
        let response = Response(status: .seeOther)
        response.headers.replaceOrAdd(name: .location, value: SiteURL.organization(slug: organization.slug).path)
        return response
    }
}

/// Saving an import from outside a request (the `sujarit import --save` command): the same
/// write path as the web, acted by the operator.
public enum ImportedPlans {
    /// Stores the import as a draft plan of the organization with that slug; returns the plan.
    public static func saveDraft(_ result: ImportResult, organizationSlug: String, on app: Application) async throws -> Plan {
        guard let organization = try await app.stores.organizations.find(slug: organizationSlug) else {
            throw CommandRefusal(.notFound, LocalizedText(.nfOrganizationSlug, organizationSlug))
        }
        return try await PlanCommands.executeNew(try ImportController.saveCommand(result, organization: organization), by: .system,
                                                 organizationID: organization.id, database: app.db, dependencies: app.dependencies)
    }
}
