import Foundation
import Vapor
import SujaritCore
import SujaritImport
import SujaritPersistence

/// นำเข้าผลจากเอกสารรายงานผล — an officer uploads an annual results report (seed 002's table,
/// as text, Word or PDF, read by the ordinary importer), sees each row matched by name to an item
/// of the organization's approved or published plan for that year, matches the rest by hand, and
/// confirms: one command (`openFromResults`) opens the round with those records filled, in one
/// transaction with its audit record. Until the confirmation nothing is stored.
struct ResultsImportController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let base = routes.grouped("o", ":slug", "monitoring", "import")
        base.get(use: form)
        base.on(.POST, body: .collect(maxSize: ByteCount(value: DocumentImporter.maximumInputBytes + 1_000_000)), use: upload)
        // The confirmation carries the rows read (JSON) and one choice per row.
        base.on(.POST, "confirm", body: .collect(maxSize: ByteCount(value: 8 * 1024 * 1024)), use: confirm)
    }

    /// The organization, for its editors.
    func editorOrganization(_ request: Request) async throws -> Organization {
        let organization = try await MonitoringController.memberOrganization(request)
        guard request.actingUser(in: organization.id).has(.editor) else { throw SujaritError.forbidden() }
        return organization
    }

    func formPage(_ request: Request, _ organization: Organization, error: LocalizedText? = nil,
                  status: HTTPResponseStatus = .ok) async throws -> Response {
        let plans = try await MonitoringController.roundPlans(request, organization: organization)
        let settings = try await MonitoringStore(request.db).settings(organizationID: organization.id)
        return Layout.response(MonitoringPages.importForm(request, organization: organization, plans: plans, settings: settings, error: error),
                               status: status)
    }

    @Sendable func form(_ request: Request) async throws -> Response {
        try await formPage(request, try await editorOrganization(request))
    }

    struct Upload: Content {
        var document: File?
        var fiscalYear: String?
        var kind: String?
    }

    @Sendable func upload(_ request: Request) async throws -> Response {
        try CSRF.verify(request)
        let organization = try await editorOrganization(request)
        let upload = try request.content.decode(Upload.self)
        guard let file = upload.document, file.data.readableBytes > 0 else {
            return try await formPage(request, organization, error: ImportError.empty.message, status: .unprocessableEntity)
        }
        let result: ImportResult
        switch try await request.application.importWorkers.read(Data(file.data.readableBytesView), fileName: file.filename, organizationName: nil) {
        case .success(let read): result = read
        case .failure(let error): return try await formPage(request, organization, error: error.message, status: .unprocessableEntity)
        }
        guard !result.monitoringRows.isEmpty else {
            return try await formPage(request, organization, error: Self.both(request, .monNoResultsTable),
                                      status: .unprocessableEntity)
        }
        let yearText = (upload.fiscalYear ?? "").cleaned
        let year = yearText.isEmpty ? result.plan.firstYear.be : Int(ThaiDigits.toArabic(yearText))
        let (fiscalYear, kind): (FiscalYear, MonitoringRoundKind)
        do {
            (fiscalYear, kind) = try MonitoringService.yearAndKind(year: year, kind: upload.kind)
        } catch let error as SujaritError {
            return try await formPage(request, organization, error: error.message, status: .unprocessableEntity)
        }
        let settings = try await MonitoringStore(request.db).settings(organizationID: organization.id)
        guard settings.kinds.contains(kind) else {
            return try await formPage(request, organization, error: LocalizedText(
                th: "องค์กรนี้ยังไม่ได้เปิดใช้การติดตามรายไตรมาส", en: "This organization has not turned quarterly rounds on"), status: .conflict)
        }
        guard let plan = try await plan(covering: fiscalYear, organization: organization, request) else {
            return try await formPage(request, organization, error: Self.both(request, .monNoPlanForYear, String(fiscalYear.be)),
                                      status: .unprocessableEntity)
        }
        let candidates = Self.candidates(plan, year: fiscalYear)
        let matches = ResultsMatching.match(result.monitoringRows, to: candidates,
                                            documentOrganization: result.organization.name, planOrganization: organization.name)
        let review = MonitoringPages.ResultsReview(
            organization: organization, plan: plan, fileName: file.filename, year: fiscalYear, kind: kind, rows: result.monitoringRows,
            candidates: candidates, chosen: Dictionary(uniqueKeysWithValues: matches.map { ($0.row, $0.lineageID) }),
            scores: Dictionary(uniqueKeysWithValues: matches.map { ($0.row, $0.score) }), progress: .completed,
            rowsJSON: try Self.encode(result.monitoringRows))
        return Layout.response(MonitoringPages.importReview(request, review: review))
    }

    /// A text in both languages from a key (for messages built from `UIKey`s).
    static func both(_ request: Request, _ key: UIKey, _ values: String...) -> LocalizedText {
        var th = Translator(.thai)(key), en = Translator(.english)(key)
        for (index, value) in values.enumerated() {
            th = th.replacingOccurrences(of: "{\(index)}", with: value)
            en = en.replacingOccurrences(of: "{\(index)}", with: value)
        }
        return LocalizedText(th: th, en: en)
    }

    /// The organization's approved or published plan whose years hold `year` (its latest such
    /// revision).
    func plan(covering year: FiscalYear, organization: Organization, _ request: Request) async throws -> Plan? {
        let entries = try await MonitoringController.roundPlans(request, organization: organization)
        guard let entry = entries.first(where: { $0.firstYear <= year && year <= $0.lastYear }) else { return nil }
        return try await PlanStore(request.db).plan(id: entry.id, scope: .everything)
    }

    /// The records a round of the plan for `year` will have.
    static func candidates(_ plan: Plan, year: FiscalYear) -> [MonitoringRecord] {
        let numbers = plan.itemNumbers
        return MonitoringSchedule.dueItems(of: plan, in: year)
            .map { MonitoringSchedule.record(for: $0, number: numbers[$0.id] ?? $0.order, year: year) }
            .sorted { $0.itemNumber < $1.itemNumber }
    }

    static func encode(_ rows: [MonitoringResultRow]) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(rows), as: UTF8.self)
    }

    @Sendable func confirm(_ request: Request) async throws -> Response {
        try CSRF.verify(request)
        let organization = try await editorOrganization(request)
        let fields = try request.content.decode([String: String].self)
        guard let planID = fields["plan"].flatMap(UUID.init(uuidString:)),
              let plan = try await PlanStore(request.db).plan(id: planID, scope: .everything), plan.organizationID == organization.id
        else { throw SujaritError.notFound("แผน") }
        let (fiscalYear, kind) = try MonitoringService.yearAndKind(year: fields["fiscalYear"].flatMap { Int($0) }, kind: fields["kind"])
        guard let rows = try? JSONDecoder().decode([MonitoringResultRow].self, from: Data((fields["rows"] ?? "").utf8)), !rows.isEmpty else {
            throw MonitoringService.invalid("rows", LocalizedText(th: "ไม่พบแถวของเอกสาร กรุณาอัปโหลดเอกสารอีกครั้ง",
                                                                  en: "The document's rows are missing; upload the document again"))
        }
        guard let progress = fields["progress"].flatMap(ItemProgress.init(rawValue:)) else {
            throw MonitoringService.invalid("progress", LocalizedText(th: "กรุณาเลือกสถานะของรายการที่นำเข้า", en: "Choose the status of the imported items"))
        }
        let candidates = Self.candidates(plan, year: fiscalYear)
        let known = Set(candidates.map(\.itemLineageID))
        var chosen: [Int: UUID] = [:]
        var errors = FormErrors()
        var firstRow: [UUID: Int] = [:]
        for index in rows.indices {
            let text = (fields["match-\(index)"] ?? "").cleaned
            guard !text.isEmpty else { continue }
            guard let lineage = UUID(uuidString: text), known.contains(lineage) else {
                errors.add("match-\(index)", LocalizedText(th: "รายการที่เลือกไม่อยู่ในรอบนี้", en: "The chosen item is not in this round"))
                continue
            }
            if let earlier = firstRow[lineage] {
                errors.add("match-\(index)", Self.both(request, .monMatchedTwice, String(rows[earlier].number ?? earlier + 1)))
            } else {
                firstRow[lineage] = index
            }
            chosen[index] = lineage
        }
        let fileName = String((fields["fileName"] ?? "").cleaned.prefix(200))
        func again(_ message: LocalizedText, _ errors: FormErrors, status: HTTPResponseStatus) throws -> Response {
            let review = MonitoringPages.ResultsReview(
                organization: organization, plan: plan, fileName: fileName, year: fiscalYear, kind: kind, rows: rows,
                candidates: candidates, chosen: chosen, scores: [:], progress: progress, rowsJSON: try Self.encode(rows))
            return Layout.response(MonitoringPages.importReview(request, review: review, errors: errors, message: message), status: status)
        }
        guard errors.isEmpty else {
            return try again(LocalizedText(th: "กรุณาแก้ไขช่องที่มีข้อความสีแดง", en: "Please correct the fields marked in red"), errors, status: .unprocessableEntity)
        }
        var results: [UUID: ReportedResult] = [:]
        for (index, lineage) in chosen { results[lineage] = ResultsMatching.result(of: rows[index], index: index) }
        let service = MonitoringService(request: request)
        do {
            let decision = try await service.run(.openFromResults(year: fiscalYear, kind: kind, results: results, progress: progress, fileName: fileName),
                                                 on: try await service.openingState(plan: plan), expectedVersion: nil)
            return MonitoringController.seeOther(SiteURL.round(decision.change.round.id).with(query: [("saved", "1")]))
        } catch let error as SujaritError where [.unprocessableEntity, .conflict].contains(error.status) {
            var fieldErrors = FormErrors()
            for field in error.fields where field.field.hasPrefix("match-") { fieldErrors.add(field.field, LocalizedText(th: field.messageThai, en: field.message)) }
            let detail = error.fields.dropFirst().map { "\($0.field): \($0.messageThai)" }.joined(separator: " · ")
            let detailEnglish = error.fields.dropFirst().map { "\($0.field): \($0.message)" }.joined(separator: " · ")
            return try again(LocalizedText(th: error.message.th + (detail.isEmpty ? "" : " — " + detail),
                                           en: error.message.en + (detailEnglish.isEmpty ? "" : " — " + detailEnglish)), fieldErrors, status: error.status)
        }
    }
}
