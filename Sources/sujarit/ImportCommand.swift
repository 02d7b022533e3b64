import ArgumentParser
import Foundation
import SujaritCore
import SujaritImport
import SujaritPersistence
import SujaritServer
import class Vapor.Application

/// `sujarit import FILE… [--format json|summary] [--org NAME] [--expect EXPECTED.json]` — reads
/// plan documents (text, DOCX, HTML, PDF through pdftotext) and prints each as a readable summary
/// or as JSON, without a server or database; with `--expect`, prints precision and recall per
/// field against the structure written down in EXPECTED.json (see `ImportScoring`).
struct ImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "นำเข้าเอกสารแผน / Import plan documents (text, DOCX, HTML, PDF) and print the plan with its diagnosis.",
        discussion: "PDF needs pdftotext (apt-get install poppler-utils). --expect EXPECTED.json scores the import against a written-down structure: {\"items\": [{\"name\", \"dimension\", \"mission\", \"budgets\": {\"2566\": 20000, \"2567\": null}, \"months\"}], \"sheets\": [name or {\"name\", \"fields\": {\"targetGroup\": text, \"objectives\": [texts], …}}], \"statedTotalFindings\": [{\"code\", \"line\"}]}."
    )

    enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
        case summary
        case json
    }

    @Argument(help: "One or more document files (.txt, .docx, .html, .pdf).")
    var files: [String]

    @Option(help: "Output: summary (readable) or json.")
    var format: OutputFormat = .summary

    @Option(help: "Organization name to use instead of the one read from the document.")
    var org: String?

    @Option(help: "Score each import against this expected structure (JSON) and print precision/recall per field.")
    var expect: String?

    @Option(name: .customLong("save"), help: "Store each parsed plan as a draft of the organization with this slug (see `sujarit org list`).")
    var saveTo: String?

    @OptionGroup var database: DatabaseOptions

    func run() async throws {
        if let slug = saveTo {
            // One database connection for all files.
            try await withApplication(settings: database.settings()) { app in
                try await process(saveTo: slug, app: app)
            }
        } else {
            try await process(saveTo: nil, app: nil)
        }
    }

    func process(saveTo slug: String?, app: Application?) async throws {
        var failures = 0
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        var expected: ImportScoring.Expected?
        if let expect {
            do {
                expected = try ImportScoring.decodeExpected(Data(contentsOf: URL(fileURLWithPath: expect)))
            } catch {
                Self.printError("\(expect): not a readable expected structure (\(error.localizedDescription))")
                throw ExitCode(2)
            }
        }
        for (index, path) in files.enumerated() {
            let name = URL(fileURLWithPath: path).lastPathComponent
            if files.count > 1 {
                Self.printError("[\(index + 1)/\(files.count)] \(name) …")
            }
            do {
                let data = try Self.readFile(path)
                let result = try DocumentImporter.importDocument(data, fileName: name, organizationName: org)
                if let expected {
                    if format == .summary && files.count > 1 { print("== \(path)") }
                    print(try ImportScoring.report(result, expected: expected, json: format == .json))
                    continue
                }
                switch format {
                case .summary:
                    if files.count > 1 { print("== \(path)") }
                    print(ImportSummaryRenderer.render(result))
                case .json:
                    let json = try encoder.encode(result)
                    print(String(decoding: json, as: UTF8.self))
                }
                if let slug, let app {
                    let plan = try await ImportedPlans.saveDraft(result, organizationSlug: slug, on: app)
                    let revision = plan.revision > 1 ? " (revision \(plan.revision) of the plan for these years)" : ""
                    Self.printError("\(path): saved as draft plan \(plan.id.uuidString.lowercased())\(revision) of \(slug) — review it at /plans/\(plan.id.uuidString.lowercased())/import")
                }
            } catch let error as StoreError {
                failures += 1
                Self.printError("\(path): \(error.message.th)\n\(path): \(error.message.en)")
            } catch let refusal as CommandRefusal {
                // Refused by the write path (e.g. over the editing limits): the fields named.
                failures += 1
                let fields = refusal.fields.map { "\n\(path): \($0.path): \($0.message.th) / \($0.message.en)" }.joined()
                let related = refusal.relatedPlan.map { "\n\(path): see /plans/\($0.uuidString.lowercased())" } ?? ""
                Self.printError("\(path): \(refusal.message.th)\n\(path): \(refusal.message.en)\(fields)\(related)")
            } catch let error as ImportError {
                failures += 1
                Self.printError("\(path): \(error.message.th)\n\(path): \(error.message.en)")
            } catch {
                failures += 1
                Self.printError("\(path): \(error)")
            }
        }
        if failures > 0 {
            throw ExitCode(1)
        }
    }

    /// Reads a file, refusing one over the importer's size limit before loading it.
    static func readFile(_ path: String) throws -> Data {
        let url = URL(fileURLWithPath: path)
        let size: Int
        do {
            let attributes = try FileManager.default.attributesOfItem(atPath: url.path)
            size = (attributes[.size] as? NSNumber)?.intValue ?? 0
        } catch {
            throw ImportError.unreadableFile(path: path, detail: "not found or not accessible")
        }
        guard size <= DocumentImporter.maximumInputBytes else {
            throw ImportError.tooLarge(bytes: size, limit: DocumentImporter.maximumInputBytes)
        }
        do {
            return try Data(contentsOf: url)
        } catch {
            throw ImportError.unreadableFile(path: path, detail: error.localizedDescription)
        }
    }

    static func printError(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }
}
