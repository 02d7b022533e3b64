import Foundation
import Vapor
import SujaritCore
import SujaritImport
import SujaritPersistence
import SujaritAPIModels

/// Turning a results document into a round, for the form and the API alike: `preview` reads the
/// document (the ordinary importer) and matches its rows to the items of the organization's plan
/// for that year; nothing is stored. `confirm` checks the officer's choices and runs the single
/// `openFromResults` command, which opens the round filled, with its audit record, in one
/// transaction.
struct ResultsImportService {
    let request: Request

    /// What the review shows: the plan and round the document would fill, its rows, the items a
    /// row can be matched to, and the automatic matches.
    struct Preview {
        var plan: Plan
        var year: FiscalYear
        var kind: MonitoringRoundKind
        var fileName: String
        var rows: [MonitoringResultRow]
        var candidates: [MonitoringRecord]
        var matches: [ResultsMatching.Match]
    }

    static func refused(_ status: HTTPResponseStatus, _ field: String, _ message: LocalizedText) -> SujaritError {
        SujaritError(status, message, fields: [FieldError(field: field, message: message)])
    }

    /// Reads a results document for `organization`. `year` nil: the year the document names.
    /// Throws a `SujaritError` naming the field: `document`, `fiscalYear` or `kind`.
    func preview(_ data: Data, fileName: String, year: Int?, kind: String?, organization: Organization) async throws -> Preview {
        guard !data.isEmpty else { throw Self.refused(.unprocessableEntity, "document", ImportError.empty.message) }
        let result: ImportResult
        switch try await request.application.importWorkers.read(data, fileName: fileName, organizationName: nil) {
        case .success(let read): result = read
        case .failure(let error): throw Self.refused(.unprocessableEntity, "document", error.message)
        }
        guard !result.monitoringRows.isEmpty else { throw Self.refused(.unprocessableEntity, "document", LocalizedText(.monNoResultsTable)) }
        let (fiscalYear, roundKind) = try MonitoringService.yearAndKind(year: year ?? result.plan.firstYear.be, kind: kind)
        let settings = try await request.stores.monitoring.settings(organizationID: organization.id)
        guard settings.kinds.contains(roundKind) else {
            throw Self.refused(.conflict, "kind", LocalizedText(.monQuarterlyOff))
        }
        guard let plan = try await plan(covering: fiscalYear, organization: organization) else {
            throw Self.refused(.unprocessableEntity, "fiscalYear", LocalizedText(.monNoPlanForYear, String(fiscalYear.be)))
        }
        let candidates = Self.candidates(plan, year: fiscalYear)
        let matches = ResultsMatching.match(result.monitoringRows, to: candidates,
                                            documentOrganization: result.organization.name, planOrganization: organization.name)
        return Preview(plan: plan, year: fiscalYear, kind: roundKind, fileName: String(fileName.cleaned.prefix(200)),
                       rows: result.monitoringRows, candidates: candidates, matches: matches)
    }

    /// The organization's approved or published plan whose years hold `year` (its latest such
    /// revision).
    func plan(covering year: FiscalYear, organization: Organization) async throws -> Plan? {
        let entries = try await MonitoringController.roundPlans(request, organization: organization)
        guard let entry = entries.first(where: { $0.firstYear <= year && year <= $0.lastYear }) else { return nil }
        return try await request.stores.plans.plan(id: entry.id, scope: .everything)
    }

    /// The records a round of the plan for `year` will have.
    static func candidates(_ plan: Plan, year: FiscalYear) -> [MonitoringRecord] {
        let numbers = plan.itemNumbers
        return MonitoringSchedule.dueItems(of: plan, in: year)
            .map { MonitoringSchedule.record(for: $0, number: numbers[$0.id] ?? $0.order, year: year) }
            .sorted { $0.itemNumber < $1.itemNumber }
    }

    /// The plan a confirmation names, if it is the organization's.
    func plan(id: UUID?, organization: Organization) async throws -> Plan {
        guard let id, let plan = try await request.stores.plans.plan(id: id, scope: .everything), plan.organizationID == organization.id else {
            throw SujaritError.notFound(.monNotFoundPlan)
        }
        return plan
    }

    /// Checks the officer's choices (row index → item lineage) against the items due that year:
    /// every problem at its row (`rows[3]`); then opens the round filled from the chosen rows.
    /// `statuses` (row index → status) is the officer's status for a row, in place of the one
    /// its result columns state; `progress`, when given, is one status for every row and wins.
    func confirm(plan: Plan, year: FiscalYear, kind: MonitoringRoundKind, rows: [MonitoringResultRow], chosen: [Int: UUID],
                 statuses: [Int: ItemProgress] = [:], progress: ItemProgress?, fileName: String) async throws -> Decision<RoundChange> {
        let known = Set(Self.candidates(plan, year: year).map(\.itemLineageID))
        var problems: [FieldError] = []
        var firstRow: [UUID: Int] = [:]
        for (index, lineage) in chosen.sorted(by: { $0.key < $1.key }) {
            guard rows.indices.contains(index) else {
                problems.append(FieldError(field: "rows[\(index)]", message: LocalizedText(.monNoSuchRow)))
                continue
            }
            guard known.contains(lineage) else {
                problems.append(FieldError(field: "rows[\(index)]", message: LocalizedText(.monChosenItemNotInRound)))
                continue
            }
            if let earlier = firstRow[lineage] {
                problems.append(FieldError(field: "rows[\(index)]", message: LocalizedText(.monMatchedTwice, String(rows[earlier].number ?? earlier + 1))))
            } else {
                firstRow[lineage] = index
            }
        }
        if !problems.isEmpty {
            throw SujaritError(.unprocessableEntity, LocalizedText(.monRowsNotMatched),
                               fields: problems)
        }
        var results: [UUID: ReportedResult] = [:]
        for (index, lineage) in chosen {
            var result = ResultsMatching.result(of: rows[index], index: index)
            if let status = statuses[index] { result.progress = status }
            results[lineage] = result
        }
        let service = MonitoringService(request: request)
        return try await service.run(.openFromResults(year: year, kind: kind, results: results, progress: progress, fileName: fileName),
                                     on: try await service.openingState(plan: plan), expectedVersion: nil)
    }
}

// MARK: - API

/// `/api/v1/organizations/{slug}/monitoring/import` (read and match, store nothing) and
/// `…/import/confirm` (open the round from the rows as matched), for editors, with a bearer token.
struct ResultsImportAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let base = routes.grouped("api", "v1", "organizations", ":slug", "monitoring", "import")
        base.on(.POST, body: .collect(maxSize: ByteCount(value: DocumentImporter.maximumInputBytes * 4 / 3 + 64 * 1024)), use: preview)
        base.on(.POST, "confirm", body: .collect(maxSize: ByteCount(value: 8 * 1024 * 1024)), use: confirm)
    }

    func editorOrganization(_ request: Request) async throws -> Organization {
        _ = try request.requireViewer()
        let organization = try await PlanService(request: request).organization(slug: request.parameters.get("slug"))
        let actor = request.actingUser(in: organization.id)
        guard actor.has(.viewer) else { throw SujaritError.notFound(.monNotFoundOrganization) }
        guard actor.has(.editor) else { throw SujaritError.forbidden() }
        return organization
    }

    struct PreviewRequest: Content {
        var fileName: String?
        var contentBase64: String?
        var fiscalYear: Int?
        var kind: String?
    }

    struct Item: Content {
        var lineageID: UUID
        var number: Int
        var name: String
    }

    struct Match: Content {
        var row: Int
        var lineageID: UUID
        var score: Double?
        /// In the preview: the status the row states. In a confirmation: the status to record for
        /// the row (one of `ItemProgress`); absent, the one the row states.
        var progress: String?
    }

    struct PreviewResponse: Content {
        var planID: UUID
        var fiscalYear: Int
        var kind: MonitoringRoundKind
        var fileName: String
        var rows: [MonitoringResultRow]
        var items: [Item]
        var matches: [Match]
        /// Row indexes without a match (for the caller to match or leave out).
        var unmatchedRows: [Int]
    }

    @Sendable func preview(_ request: Request) async throws -> Response {
        let organization = try await editorOrganization(request)
        let body = try APIBody.decode(PreviewRequest.self, request)
        guard let text = body.contentBase64, let data = Data(base64Encoded: text, options: .ignoreUnknownCharacters) else {
            throw ResultsImportService.refused(.unprocessableEntity, "contentBase64", LocalizedText(.monContentBase64))
        }
        let preview = try await ResultsImportService(request: request).preview(data, fileName: body.fileName ?? "results", year: body.fiscalYear,
                                                                              kind: body.kind ?? MonitoringRoundKind.twelveMonths.rawValue,
                                                                              organization: organization)
        let matched = Set(preview.matches.map(\.row))
        return try MonitoringAPIController.json(PreviewResponse(
            planID: preview.plan.id, fiscalYear: preview.year.be, kind: preview.kind, fileName: preview.fileName, rows: preview.rows,
            items: preview.candidates.map { Item(lineageID: $0.itemLineageID, number: $0.itemNumber, name: $0.itemName) },
            matches: preview.matches.map { match in
                let row = preview.rows[match.row]
                return Match(row: match.row, lineageID: match.lineageID, score: match.score,
                             progress: ReportedResult.stated(output: row.output, outcome: row.outcome).rawValue)
            },
            unmatchedRows: preview.rows.indices.filter { !matched.contains($0) }))
    }

    struct ConfirmRequest: Content {
        var planID: UUID?
        var fiscalYear: Int?
        var kind: String?
        var fileName: String?
        /// One status for every imported row (it wins over each match's `progress`); absent: each
        /// match's `progress`, else what the row's result columns state.
        var progress: ItemProgress?
        var rows: [MonitoringResultRow]?
        var matches: [Match]?
    }

    @Sendable func confirm(_ request: Request) async throws -> Response {
        let organization = try await editorOrganization(request)
        let body = try APIBody.decode(ConfirmRequest.self, request)
        let service = ResultsImportService(request: request)
        let plan = try await service.plan(id: body.planID, organization: organization)
        let (year, kind) = try MonitoringService.yearAndKind(year: body.fiscalYear, kind: body.kind)
        guard let rows = body.rows, !rows.isEmpty else {
            throw ResultsImportService.refused(.unprocessableEntity, "rows", LocalizedText(.monSendRows))
        }
        var chosen: [Int: UUID] = [:]
        var statuses: [Int: ItemProgress] = [:]
        var repeated: [FieldError] = []
        var unknownStatus: [FieldError] = []
        for (position, match) in (body.matches ?? []).enumerated() {
            if chosen[match.row] != nil {
                repeated.append(FieldError(field: "matches", message: LocalizedText(.monRowMatchedTwice, String(match.row))))
            }
            chosen[match.row] = match.lineageID
            if let text = match.progress?.cleaned, !text.isEmpty {
                if let status = ItemProgress(rawValue: text) {
                    statuses[match.row] = status
                } else {
                    unknownStatus.append(FieldError(field: "matches[\(position)].progress",
                                                    message: LocalizedText(.monUnknownRowStatus, String(text.prefix(40)))))
                }
            }
        }
        if let first = repeated.first { throw SujaritError(.unprocessableEntity, LocalizedText(th: first.messageThai, en: first.message), fields: repeated) }
        if let first = unknownStatus.first {
            throw SujaritError(.unprocessableEntity, LocalizedText(th: first.messageThai, en: first.message), fields: unknownStatus)
        }
        let decision = try await service.confirm(plan: plan, year: year, kind: kind, rows: rows, chosen: chosen, statuses: statuses, progress: body.progress,
                                                 fileName: String((body.fileName ?? "").cleaned.prefix(200)))
        let response = try MonitoringAPIController.json(decision.change.round, status: .created)
        response.headers.replaceOrAdd(name: .location, value: SiteURL.apiRound(decision.change.round.id).path)
        return response
    }
}
