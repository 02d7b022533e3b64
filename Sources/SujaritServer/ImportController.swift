import Foundation
import Vapor
import Fluent
import SujaritCore
import SujaritImport
import SujaritPersistence
import SujaritAPIModels

/// นำเข้าแผนจากเอกสาร — upload a Word/HTML/text plan, see the parsed plan beside the
/// importer's diagnosis, correct it in the editor, then accept it (or discard it).
struct ImportController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("o", ":slug", "import", use: form)
        routes.on(.POST, "o", ":slug", "import", body: .collect(maxSize: ByteCount(value: DocumentImporter.maximumInputBytes + 1_000_000)), use: upload)
        routes.get("plans", ":planID", "import", use: review)
        routes.post("plans", ":planID", "import", "accept", use: accept)
        routes.post("plans", ":planID", "import", "discard", use: discard)
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
        var document: File?
    }

    @Sendable func upload(_ request: Request) async throws -> Response {
        try CSRF.verify(request)
        let (organization, _) = try await editorOrganization(request)
        let upload = try request.content.decode(Upload.self)
        guard let file = upload.document, file.data.readableBytes > 0 else {
            return Layout.response(Self.uploadPage(request, organization: organization, error: ImportError.empty.message), status: .unprocessableEntity)
        }
        let data = Data(file.data.readableBytesView)
        let result: ImportResult
        // Read off the event loop, a bounded number of documents at a time.
        switch try await request.application.importWorkers.read(data, fileName: file.filename, organizationName: organization.name) {
        case .success(let read):
            result = read
        case .failure(let error):
            return Layout.response(Self.uploadPage(request, organization: organization, error: error.message), status: .unprocessableEntity)
        }
        let plan = try await PlanEditingService(request: request).run(try Self.saveCommand(result, organization: organization),
                                                                      inOrganization: organization.id)
        let response = Response(status: .seeOther)
        response.headers.replaceOrAdd(name: .location, value: "\(SiteURL.plan(plan.id))/import")
        return response
    }

    /// The command that stores an import as a draft plan of the organization with its report
    /// (shared with the CLI). The workflow refuses a document over the editing limits.
    static func saveCommand(_ result: ImportResult, organization: Organization) throws -> PlanCommand {
        let report = Report(fileName: result.fileName, format: result.format, documentKind: result.documentKind,
                            organizationName: result.organization.name, findings: result.findings, sheets: result.sheets,
                            monitoringRows: result.monitoringRows)
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
            throw SujaritError.notFound("การนำเข้า")
        }
        let status = try record.importStatus()
        let report = try JSONDecoder().decode(Report.self, from: Data(record.reportJSON.utf8))
        guard let organization = try await request.stores.organizations.find(id: plan.organizationID) else { throw SujaritError.notFound() }
        return Layout.response(Self.reviewPage(request, plan: plan, organization: organization, report: report,
                                               pending: status == .pending && plan.status == .draft,
                                               settled: status == .settled || (status == .pending && plan.status != .draft)))
    }

    @Sendable func accept(_ request: Request) async throws -> Response {
        try CSRF.verify(request)
        let plan = try await PlanEditingService(request: request).run(.importAccept, planID: request.parameters.get("planID"), expectedVersion: nil)
        let response = Response(status: .seeOther)
        response.headers.replaceOrAdd(name: .location, value: "\(SiteURL.plan(plan.id))/edit")
        return response
    }

    @Sendable func discard(_ request: Request) async throws -> Response {
        try CSRF.verify(request)
        let plan = try await PlanEditingService(request: request).run(.importDiscard, planID: request.parameters.get("planID"), expectedVersion: nil)
        guard let organization = try await request.stores.organizations.find(id: plan.organizationID) else { throw SujaritError.notFound() }
        let response = Response(status: .seeOther)
        response.headers.replaceOrAdd(name: .location, value: SiteURL.organization(organization.slug))
        return response
    }

    // MARK: Pages

    static func uploadPage(_ request: Request, organization org: Organization, error: LocalizedText?) -> HTML {
        let t = request.t
        let th = t.language == .thai
        let body: HTML = """
            <p><a href="\(SiteURL.organization(org.slug))">← \(org.name)</a></p>
            <h1>\(th ? "นำเข้าแผนจากเอกสาร" : "Import a plan document")</h1>
            <p class="lead">\(th ? "เลือกไฟล์แผนที่มีอยู่ (Word .docx, HTML หรือข้อความ .txt ที่คัดลอกจาก Word/PDF) ระบบจะอ่านโครงสร้าง งบประมาณ และรายละเอียดโครงการ แล้วแสดงผลพร้อมรายการสิ่งที่อ่านไม่ได้และตัวเลขที่ไม่ตรงกัน ให้ตรวจแก้ก่อนรับเข้าเป็นร่างแผน" : "Choose an existing plan (Word .docx, HTML, or .txt copied from Word/PDF). Sujarit reads its structure, budgets and project sheets and shows what it could not read and every stated figure that disagrees, for you to correct before accepting it as a draft plan.")</p>
            \(EditorPages.banner(error, t))
            <form method="post" action="\(SiteURL.organization(org.slug))/import" enctype="multipart/form-data" class="editor">
            \(CSRF.field(request))
            <label for="document">\(th ? "ไฟล์เอกสาร (ไม่เกิน 20 MB)" : "Document (up to 20 MB)")</label>
            <input type="file" id="document" name="document" accept=".docx,.html,.htm,.txt,text/plain,text/html,application/vnd.openxmlformats-officedocument.wordprocessingml.document" required>
            <p><button type="submit" class="primary">\(th ? "อ่านเอกสาร" : "Read the document")</button></p>
            </form>
            """
        return Layout.page(request: request, title: th ? "นำเข้าแผน" : "Import", body: body)
    }

    static func reviewPage(_ request: Request, plan: Plan, organization org: Organization, report: Report, pending: Bool, settled: Bool = false) -> HTML {
        let t = request.t
        let th = t.language == .thai
        let summary = PlanSummary(plan: plan)
        let base = SiteURL.plan(plan.id)
        let years = plan.fiscalYears
        let yearHeads: [HTML] = years.map { "<th class=\"num\">\($0.be)</th>" }
        let rows: [HTML] = summary.dimensions.map { d in
            let cells: [HTML] = years.map { "<td class=\"num\">\((d.budgetByYear[$0] ?? .zero) == .zero ? "-" : d.budgetByYear[$0]!.formatted())</td>" }
            return "<tr><td>\(t(.dimension)) \(d.number)</td><td class=\"num\">\(d.itemCount)</td>\(cells)</tr>"
        }
        let totals: [HTML] = years.map { "<td class=\"num\">\((summary.budgetByYear[$0] ?? .zero) == .zero ? "-" : summary.budgetByYear[$0]!.formatted())</td>" }
        let numbers = plan.itemNumbers
        let items: [HTML] = plan.orderedItems.map { item in
            "<li>\(numbers[item.id] ?? 0)) <a href=\"\(base)/items/\(item.id)/edit\">\(item.name)</a> <span class=\"muted\">\(item.missionCode ?? "?")\(item.sheet == nil ? (th ? " · ไม่มีรายละเอียดโครงการ" : " · no sheet") : "")</span></li>"
        }
        let findings: [HTML] = report.findings.map { finding in
            let line: HTML = finding.line.map { "<span class=\"muted\">\(th ? "บรรทัด" : "line") \($0):</span> " } ?? ""
            return "<li class=\"finding-\(finding.severity.rawValue == "error" ? "error" : "warning")\">\(line)\(t.pick(finding.message))</li>"
        }
        let monitoring: HTML = report.monitoringRows.isEmpty ? "" : """
            <p class="notice">\(th ? "เอกสารนี้เป็นรายงานผลการดำเนินงาน อ่านได้ \(report.monitoringRows.count) แถว" : "This document is a results report: \(report.monitoringRows.count) rows read")</p>
            """
        let actions: HTML = pending ? """
            <form method="post" action="\(base)/import/accept" class="inline">\(CSRF.field(request))<button type="submit" class="primary">\(th ? "รับเข้าเป็นร่างแผน" : "Accept as a draft plan")</button></form>
            <form method="post" action="\(base)/import/discard" class="inline">\(CSRF.field(request))<button type="submit">\(th ? "ทิ้งการนำเข้านี้" : "Discard this import")</button></form>
            """ : settled
            ? "<p class=\"notice\">\(th ? "แผนนี้เสนออนุมัติ อนุมัติ หรือเผยแพร่ไปแล้ว การนำเข้าถือว่าเสร็จสิ้น" : "This plan has been submitted, approved or published; the import is settled")</p>"
            : "<p class=\"notice success\">\(th ? "รับเข้าเป็นร่างแผนแล้ว" : "Accepted as a draft plan")</p>"
        let body: HTML = """
            <p><a href="\(SiteURL.organization(org.slug))">← \(org.name)</a></p>
            <h1>\(th ? "ตรวจผลการนำเข้า" : "Review the import"): \(report.fileName)</h1>
            <p>\(th ? "ชื่อองค์กรในเอกสาร" : "Organization in the document"): \(report.organizationName.isEmpty ? "-" : report.organizationName) · \(plan.title)</p>
            \(monitoring)
            <div class="side-by-side">
            <section><h2>\(th ? "แผนที่อ่านได้" : "The plan as read")</h2>
            <div class="table-wrap"><table><thead><tr><th>\(t(.dimension))</th><th class="num">\(th ? "จำนวน" : "Items")</th>\(yearHeads)</tr></thead>
            <tbody>\(rows)<tr class="grand"><td>\(t(.grandTotal))</td><td class="num">\(summary.itemCount)</td>\(totals)</tr></tbody></table></div>
            <ol class="plain">\(items)</ol>
            <p><a class="button" href="\(base)/edit">\(th ? "แก้ไขในหน้าแก้ไขแผน" : "Correct it in the plan editor")</a></p></section>
            <section><h2>\(th ? "ผลการตรวจเอกสาร" : "Diagnosis") (\(report.findings.count))</h2>
            \(findings.isEmpty ? HTML("<p>\(t(.noFindings))</p>") : HTML("<ul class=\"findings\">\(findings)</ul>"))</section>
            </div>
            \(actions)
            """
        return Layout.page(request: request, title: th ? "ตรวจผลการนำเข้า" : "Review the import", body: body)
    }
}

/// Saving an import from outside a request (the `sujarit import --save` command): the same
/// write path as the web, acted by the operator.
public enum ImportedPlans {
    /// Stores the import as a draft plan of the organization with that slug; returns the plan.
    public static func saveDraft(_ result: ImportResult, organizationSlug: String, on app: Application) async throws -> Plan {
        guard let organization = try await app.stores.organizations.find(slug: organizationSlug) else {
            throw StoreError.notFound("องค์กร “\(organizationSlug)”")
        }
        return try await PlanCommands.execute(try ImportController.saveCommand(result, organization: organization), by: .system,
                                              on: PlanState(organizationID: organization.id), database: app.db,
                                              dependencies: app.dependencies)
    }
}
