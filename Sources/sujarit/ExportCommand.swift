import ArgumentParser
import Foundation
import SujaritCore
import SujaritExport
import SujaritImport
import SujaritPersistence
import SujaritServer

/// `sujarit export PLAN --format docx|pdf|xlsx|csv|json [--out FILE]` — writes a plan as a
/// document. PLAN is a plan id in the database or a JSON file: the output of
/// `sujarit import --format json`, the open data (`plan.json`) or the API's plan response.
struct ExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "ส่งออกแผน / Export a plan as Word, PDF, Excel, CSV or JSON.",
        discussion: """
            PLAN is either the id of a plan in the database (any status) or a JSON file: what \
            `sujarit import --format json` prints, the open data of a plan (plan.json) or the \
            API's answer to GET /api/v1/plans/{id}. PDF needs LibreOffice \
            (\(PDFService.installCommand)).
            """
    )

    @Argument(help: "A plan id (UUID) in the database, or a JSON file.")
    var plan: String

    @Option(help: "The file format.")
    var format: ExportFormat

    @Option(help: "File to write; - for standard output. Default: a name such as nong-sujarit-plan-2566-2570-r1.docx.")
    var out: String?

    @Option(help: "Digits in the document: thai or arabic (default: the organization's).")
    var digits: DigitStyle?

    @OptionGroup var database: DatabaseOptions

    func run() async throws {
        let (plan, organization, publicURL) = try await load()
        let context = ExportContext(organization: organization, digits: digits, publicURL: publicURL)
        let data: Data
        do {
            data = try Self.export(plan, format: format, context: context)
        } catch let error as PDFConversionError {
            Self.printError("\(error.thaiMessage)\n\(error.message)")
            if error == .notInstalled { Self.printError("Install: \(PDFService.installCommand)") }
            throw ExitCode(1)
        } catch let error as ExportError {
            Self.printError("\(error.message.th)\n\(error.message.en)")
            throw ExitCode(1)
        }

        let destination = out ?? PlanExporter.fileName(for: plan, organization: organization, format: format)
        if destination == "-" {
            FileHandle.standardOutput.write(data)
            return
        }
        do {
            try data.write(to: URL(fileURLWithPath: destination), options: .atomic)
        } catch {
            Self.printError("\(destination): could not be written (\(error.localizedDescription))")
            throw ExitCode(1)
        }
        Self.printError("\(destination): \(format.label), \(data.count) bytes — \(plan.title), \(organization.name), \(plan.yearSlug) r\(plan.revision)")
    }

    /// The document; PDF through LibreOffice when it is installed.
    static func export(_ plan: Plan, format: ExportFormat, context: ExportContext) throws -> Data {
        guard format == .pdf else { return try PlanExporter.export(plan, format: format, context: context) }
        guard let converter = PDFConverter.locate() else { throw PDFConversionError.notInstalled }
        return try converter.convert(PlanExporter.docx(plan, context: context), fileExtension: ExportFormat.docx.fileExtension)
    }

    /// The plan and its organization, from the database (an id) or from a JSON file.
    func load() async throws -> (Plan, Organization, String?) {
        if let id = UUID(uuidString: plan), !FileManager.default.fileExists(atPath: plan) {
            return try await withApplication(settings: database.settings()) { app in
                guard let stored = try await PlanStore(app.db).plan(id: id, scope: .everything) else {
                    throw ExportFailure("no plan with id \(id.uuidString.lowercased()) in \(database.settings().database.redacted)")
                }
                guard let organization = try await OrganizationStore(app.db).find(id: stored.organizationID) else {
                    throw ExportFailure("the organization of plan \(id.uuidString.lowercased()) is missing")
                }
                let base = app.sujaritSettings.publicBaseURL ?? ""
                let publicURL = stored.status == .published ? "\(base)/o/\(organization.slug)/plan/\(stored.yearSlug)" : nil
                return (stored, organization, publicURL)
            }
        }
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: plan))
        } catch {
            throw ExportFailure("\(plan): not a plan id (UUID) and not a readable file")
        }
        do {
            let file = try PlanFile.decode(data)
            return (file.plan, file.organization, file.publicURL)
        } catch let error as PlanFile.Unrecognized {
            throw ExportFailure("\(plan): \(error.description)")
        }
    }

    static func printError(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }
}

/// A failure of `sujarit export`, printed as "Error: …" (exit status 1).
struct ExportFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

extension ExportFormat: ExpressibleByArgument {}
extension DigitStyle: ExpressibleByArgument {}

/// A plan read from a JSON file, whichever of the three shapes Sujarit writes it has.
struct PlanFile {
    var plan: Plan
    var organization: Organization
    var publicURL: String?
    /// Which shape it was.
    var kind: String

    struct Unrecognized: Error, CustomStringConvertible {
        var details: [String]
        var description: String {
            "not a plan file Sujarit knows. Expected one of: the output of `sujarit import --format json` "
                + "(fileName, organization, plan, …), the open data of a plan (format \"sujarit-plan\": organization, plan, summary), "
                + "the API's plan response (plan, summary, itemNumbers, findings), or a plan alone (id, title, firstYear, items, …). "
                + "What did not fit: " + details.joined(separator: "; ")
        }
    }

    /// The API's `PlanResponse`, as far as an export needs it.
    struct APIPlanResponse: Decodable {
        var plan: Plan
        var summary: PlanSummary
        var publicURL: String?
    }

    static func decode(_ data: Data) throws -> PlanFile {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        var details: [String] = []
        func attempt<T: Decodable>(_ type: T.Type, _ label: String) -> T? {
            do {
                return try decoder.decode(type, from: data)
            } catch {
                details.append("\(label): \(describe(error))")
                return nil
            }
        }
        if let open = attempt(PlanOpenData.self, "open data") {
            return PlanFile(plan: open.plan, organization: open.organization, publicURL: open.publicURL, kind: "open data")
        }
        if let imported = attempt(ImportResult.self, "import result") {
            let facts = imported.organization
            let organization = placeholderOrganization(name: facts.name, kind: facts.kind, district: facts.district, province: facts.province,
                                                       website: facts.website, phone: facts.phone, digits: facts.digitStyle,
                                                       id: imported.plan.organizationID, slug: nil, title: imported.plan.title)
            return PlanFile(plan: imported.plan, organization: organization, publicURL: nil, kind: "import result")
        }
        if let response = attempt(APIPlanResponse.self, "API plan response") {
            // The slug is in the public address, when the plan is published.
            let slug = response.publicURL.flatMap { url -> String? in
                guard let range = url.range(of: "/o/") else { return nil }
                return url[range.upperBound...].split(separator: "/").first.map(String.init)
            }
            let organization = placeholderOrganization(name: "", kind: nil, id: response.plan.organizationID, slug: slug, title: response.plan.title)
            return PlanFile(plan: response.plan, organization: organization, publicURL: response.publicURL, kind: "API plan response")
        }
        if let bare = attempt(Plan.self, "plan") {
            let organization = placeholderOrganization(name: "", kind: nil, id: bare.organizationID, slug: nil, title: bare.title)
            return PlanFile(plan: bare, organization: organization, publicURL: nil, kind: "plan")
        }
        throw Unrecognized(details: details)
    }

    /// An organization for a file that names no more than its name (or nothing): the name as
    /// given or read from the plan's title ("… ของเทศบาลตำบลทดสอบ"), its kind recognized from
    /// the name, and the slug "plan" unless one is known.
    static func placeholderOrganization(
        name: String, kind: OrganizationKind?, district: String = "", province: String = "", website: String = "",
        phone: String = "", digits: DigitStyle = .arabic, id: UUID, slug: String?, title: String
    ) -> Organization {
        var name = name.trimmingCharacters(in: .whitespacesAndNewlines)
        if name.isEmpty {
            // Titles end with the organization's name: "แผนปฏิบัติการ… ขององค์การบริหารส่วนตำบลหนองสุจริต".
            if let range = title.range(of: "ของ", options: .backwards) {
                let candidate = title[range.upperBound...].trimmingCharacters(in: .whitespaces)
                if OrganizationKind.recognize(inName: candidate) != nil { name = candidate }
            }
        }
        let kind = kind ?? OrganizationKind.recognize(inName: name) ?? .subdistrict
        let validSlug = slug.flatMap { Organization.isValidSlug($0) ? $0 : nil }
        return Organization(id: id, slug: validSlug ?? "plan", kind: kind, name: name, district: district, province: province,
                            website: website, phone: phone, digitStyle: digits)
    }

    static func describe(_ error: any Error) -> String {
        guard let error = error as? DecodingError else { return "\(error)" }
        func path(_ keys: [any CodingKey]) -> String {
            let text = keys.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
            return text.hasPrefix(".") ? String(text.dropFirst()) : text
        }
        switch error {
        case .keyNotFound(let key, let context): return "missing \(path(context.codingPath + [key]))"
        case .typeMismatch(_, let context), .valueNotFound(_, let context):
            return "unexpected value at \(path(context.codingPath))"
        case .dataCorrupted(let context):
            return context.codingPath.isEmpty ? "not valid JSON" : "invalid value at \(path(context.codingPath))"
        @unknown default: return "\(error)"
        }
    }
}
