import ArgumentParser
import Foundation
import SujaritImport

/// `sujarit bench import` — times the importer on a 400 KB plan document and prints the figure.
struct BenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "วัดความเร็ว / Benchmarks (currently: import)."
    )

    enum Target: String, ExpressibleByArgument, CaseIterable {
        case importer = "import"
    }

    @Argument(help: "What to measure: import.")
    var target: Target

    @Option(help: "How many runs.")
    var iterations: Int = 15

    func run() async throws {
        switch target {
        case .importer:
            print(ImportBenchmark.run(iterations: max(1, iterations)))
        }
    }
}
