import ArgumentParser
import Foundation
import SujaritExport
import SujaritImport
import SujaritDemo

/// `sujarit bench import` — times the importer on a 400 KB plan document and prints the figure.
/// `sujarit bench export` — times the DOCX and XLSX writers on a 40-item plan and prints the
/// process's memory after 10 and after 1,000 exports.
/// `sujarit bench serve` — requests/s, p50 and p99 of the public routes beside a bare Vapor route.
/// `sujarit bench scale` — directory and public-page timings on a database filled by
/// `sujarit demo --scale nation`.
struct BenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "วัดความเร็ว / Benchmarks: import, export, serve, scale (build with -c release)."
    )

    enum Target: String, ExpressibleByArgument, CaseIterable {
        case importer = "import"
        case export
        case serve
        case scale
    }

    @Argument(help: "What to measure: import, export, serve or scale.")
    var target: Target

    @Option(help: "How many timed runs (default: 15 for import, 50 for export, 100 per request kind for scale).")
    var iterations: Int?

    @Option(help: "Exports before the last memory reading (export only).")
    var memoryExports: Int = 1_000

    @Option(help: "serve: seconds per route.")
    var duration: Int = 10

    @Option(help: "serve: concurrent connections.")
    var connections: Int = 64

    @Option(help: "serve: wrk threads.")
    var threads: Int = 2

    @Option(help: "serve: first of two local ports (the bare application, then Sujarit).")
    var port: Int = 18_080

    @Option(help: "serve: most requests per route for the in-process client.")
    var maxRequests: Int = 200_000

    @Flag(help: "serve: use the in-process client even when wrk is installed.")
    var noWrk = false

    @OptionGroup var database: DatabaseOptions

    @Option(help: "import: also import a synthetic Word web page of this many MB once, with its time and peak memory.")
    var largeHtml: Int?

    @Argument(help: "Documents to time step by step (import only); without them, a synthetic 400 KB plan.")
    var files: [String] = []

    func run() async throws {
        switch target {
        case .scale:
            let settings = database.settings(autoMigrate: true)
            print(try await withApplication(settings: settings) { app in
                try await ScaleBenchmark.run(app: app, iterations: max(1, iterations ?? 100))
            })
        case .serve:
            guard (1...600).contains(duration), (1...1_024).contains(connections), (1...64).contains(threads),
                  (1_024...65_000).contains(port), maxRequests > 0 else {
                throw ValidationError("--duration 1–600, --connections 1–1024, --threads 1–64, --port 1024–65000, --max-requests > 0")
            }
            print(try await ServeBenchmark.run(.init(duration: duration, connections: connections, threads: threads, port: port,
                                                     maximumRequests: maxRequests, useWrk: !noWrk)))
        case .importer:
            if let megabytes = largeHtml {
                // First, while the process is fresh: its peak memory is the large import's own.
                guard (1...20).contains(megabytes) else { throw ValidationError("--large-html 1–20 (MB; uploads stop at 20)") }
                print(ImportBenchmark.largeHTML(targetBytes: megabytes * 1_000_000 - 50_000))
            }
            print(ImportBenchmark.run(iterations: max(1, iterations ?? 15)))
            for path in files {
                let url = URL(fileURLWithPath: path)
                guard let data = try? Data(contentsOf: url) else {
                    print("\(path): cannot be read")
                    continue
                }
                print(ImportBenchmark.stages(data, fileName: url.lastPathComponent, iterations: max(1, iterations ?? 5)))
            }
        case .export:
            print(ExportBenchmark.run(iterations: max(1, iterations ?? 50), memoryExports: max(10, memoryExports)))
        }
    }
}
