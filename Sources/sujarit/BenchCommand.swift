import ArgumentParser
import Foundation
import SujaritExport
import SujaritImport
import SujaritDemo

/// `sujarit bench import` — times the importer on a 400 KB plan document and prints the figure.
/// `sujarit bench export` — times the DOCX and XLSX writers on a 40-item plan and prints the
/// process's memory after 10 and after 1,000 exports.
struct BenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "วัดความเร็ว / Benchmarks: import, export (build with -c release)."
    )

    enum Target: String, ExpressibleByArgument, CaseIterable {
        case importer = "import"
        case export
    }

    @Argument(help: "What to measure: import or export.")
    var target: Target

    @Option(help: "How many timed runs (default: 15 for import, 50 for export).")
    var iterations: Int?

    @Option(help: "Exports before the last memory reading (export only).")
    var memoryExports: Int = 1_000

    func run() async throws {
        switch target {
        case .importer:
            print(ImportBenchmark.run(iterations: max(1, iterations ?? 15)))
        case .export:
            print(ExportBenchmark.run(iterations: max(1, iterations ?? 50), memoryExports: max(10, memoryExports)))
        }
    }
}
