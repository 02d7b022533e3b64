import Foundation
import Vapor
import SujaritCore
import SujaritPersistence
import SujaritServer
import SujaritDemo

/// `sujarit bench serve`: the application in this process on an embedded SQLite file with the
/// demo data (or on `DATABASE_URL`), beside a bare Vapor application with one "hello" route (the
/// framework's ceiling on this machine). Each route is driven in turn by wrk when it is
/// installed, otherwise by a bounded client in this process, and requests/s, p50 and p99 are
/// printed with the ratio to the bare route measured in the same run.
///
/// Figures mean something only from a release build (`swift build -c release`).
enum ServeBenchmark {
    struct Options {
        var duration: Int
        var connections: Int
        var threads: Int
        var port: Int
        var maximumRequests: Int
        var useWrk: Bool
    }

    struct Figure {
        var name: String
        var path: String
        var requestsPerSecond: Double
        var p50: Double
        var p99: Double
        var errors: Int
    }

    static func run(_ options: Options) async throws -> String {
        var environment = ProcessInfo.processInfo.environment
        let temporary = FileManager.default.temporaryDirectory.appendingPathComponent("sujarit-bench-\(UUID().uuidString)")
        if environment["DATABASE_URL"] == nil {
            try FileManager.default.createDirectory(at: temporary, withIntermediateDirectories: true)
            environment["SUJARIT_SQLITE_PATH"] = temporary.appendingPathComponent("bench.sqlite").path
        }
        defer { try? FileManager.default.removeItem(at: temporary) }
        var settings = ServerSettings.fromEnvironment(environment)
        settings.autoMigrate = true
        settings.passwordCost = 4
        settings.pdf = .disabled

        var appEnvironment = Environment(name: "production", arguments: ["sujarit", "--log", "error"])
        try LoggingSystem.bootstrap(from: &appEnvironment)
        let app = try await Application.make(appEnvironment)
        let bare = try await Application.make(Environment(name: "production", arguments: ["sujarit"]))
        var report = ""
        do {
            try await configure(app, settings: settings)
            _ = try await DemoSetup.load(on: app)
            // The same bare route inside the application: the cost of its middleware.
            app.get("bench", "hello") { _ in "hello" }
            bare.get("hello") { _ in "hello" }
            // The same as an async route (a task and its hops between event loop and executor).
            app.get("bench", "hello-async") { _ async in "hello" }
            bare.get("hello-async") { _ async in "hello" }
            bare.middleware = Middlewares()

            let host = "127.0.0.1"
            try await bare.server.start(address: .hostname(host, port: options.port))
            try await app.server.start(address: .hostname(host, port: options.port + 1))

            let planID = try await PlanStore(app.db).publishedPlanID(
                organizationID: DemoData.organization.id, first: FiscalYear(2566), last: FiscalYear(2570))
            let plan = planID.map { "/plans/\($0.uuidString.lowercased())" } ?? "/"
            // (name, port, path, whether the client sends `Accept-Encoding: gzip` as browsers do)
            let latest = "/o/\(DemoData.organization.slug)/plan/2566-2570"
            let routes: [(String, Int, String, Bool)] = [
                ("bare Vapor route (ceiling)", options.port, "/hello", false),
                ("bare async route", options.port, "/hello-async", false),
                ("bare route through Sujarit's middleware", options.port + 1, "/bench/hello", false),
                ("bare async route through the middleware", options.port + 1, "/bench/hello-async", false),
                ("public plan page (latest address)", options.port + 1, latest, false),
                ("public plan page (latest address), gzip", options.port + 1, latest, true),
                ("public plan page (revision address)", options.port + 1, plan, false),
                ("GET /api/v1/plans/{id}", options.port + 1, "/api/v1\(plan)", false),
                ("GET /api/v1/plans/{id}, gzip", options.port + 1, "/api/v1\(plan)", true),
                ("home page (directory)", options.port + 1, "/", false),
                ("organization page", options.port + 1, "/o/\(DemoData.organization.slug)", false),
            ]
            let wrk = options.useWrk ? findExecutable("wrk") : nil
            var figures: [Figure] = []
            for (name, port, path, gzip) in routes {
                let url = "http://\(host):\(port)\(path)"
                let headers: [(String, String)] = gzip ? [("Accept-Encoding", "gzip")] : []
                let figure: Figure
                if let wrk {
                    figure = try runWrk(wrk, name: name, path: path, url: url, headers: headers, options: options)
                } else {
                    figure = try await runClient(app.client, name: name, path: path, url: url, headers: headers, options: options)
                }
                figures.append(figure)
            }
            report = format(figures, driver: wrk == nil
                ? "in-process client, \(options.connections) concurrent requests, \(options.duration) s or \(options.maximumRequests) requests per route (wrk not found)"
                : "wrk -t\(options.threads) -c\(options.connections) -d\(options.duration)s --latency",
                database: settings.database.redacted)
            // wrk stops at its deadline with requests still being answered; their tasks outlive
            // the connection, so the databases are shut only once they are done.
            try await Task.sleep(for: .seconds(2))
            await app.server.shutdown()
            await bare.server.shutdown()
        } catch {
            try? await app.asyncShutdown()
            try? await bare.asyncShutdown()
            throw error
        }
        try await app.asyncShutdown()
        try await bare.asyncShutdown()
        return report
    }

    static func format(_ figures: [Figure], driver: String, database: String) -> String {
        #if DEBUG
        let build = "DEBUG build: these figures say nothing about production speed; build with -c release"
        #else
        let build = "release build"
        #endif
        var lines = ["sujarit bench serve — \(build)", "driver: \(driver)", "database: \(database)", ""]
        let ceiling = figures.first?.requestsPerSecond ?? 0
        func pad(_ text: String, _ width: Int) -> String { text.count >= width ? text : text + String(repeating: " ", count: width - text.count) }
        lines.append(pad("route", 44) + pad("req/s", 12) + pad("p50 ms", 10) + pad("p99 ms", 10) + pad("of bare", 9) + "errors")
        for figure in figures {
            let ratio = ceiling > 0 ? String(format: "%.1f%%", 100 * figure.requestsPerSecond / ceiling) : "-"
            lines.append(pad(figure.name, 44) + pad(String(format: "%.0f", figure.requestsPerSecond), 12)
                         + pad(String(format: "%.2f", figure.p50), 10) + pad(String(format: "%.2f", figure.p99), 10)
                         + pad(ratio, 9) + String(figure.errors))
            lines.append("    \(figure.path)")
        }
        return lines.joined(separator: "\n")
    }

    // MARK: wrk

    static func findExecutable(_ name: String) -> String? {
        let paths = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
        return paths.map { "\($0)/\(name)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    static func runWrk(_ wrk: String, name: String, path: String, url: String, headers: [(String, String)] = [],
                       options: Options) throws -> Figure {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: wrk)
        process.arguments = ["-t\(options.threads)", "-c\(options.connections)", "-d\(options.duration)s", "--latency"]
            + headers.flatMap { ["-H", "\($0.0): \($0.1)"] } + [url]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return parseWrk(output, name: name, path: path)
    }

    /// Reads `Requests/sec:`, the 50% and 99% lines of `--latency`, and non-2xx/socket errors.
    static func parseWrk(_ output: String, name: String, path: String) -> Figure {
        var figure = Figure(name: name, path: path, requestsPerSecond: 0, p50: .nan, p99: .nan, errors: 0)
        for line in output.split(separator: "\n") {
            let fields = line.split(separator: " ", omittingEmptySubsequences: true)
            guard let first = fields.first else { continue }
            if first == "Requests/sec:", fields.count > 1 { figure.requestsPerSecond = Double(fields[1]) ?? 0 }
            if first == "50%", fields.count > 1 { figure.p50 = milliseconds(String(fields[1])) }
            if first == "99%", fields.count > 1 { figure.p99 = milliseconds(String(fields[1])) }
            if line.contains("Non-2xx or 3xx responses:"), let last = fields.last { figure.errors += Int(last) ?? 0 }
            if line.contains("Socket errors:") {
                figure.errors += fields.compactMap { Int($0.trimmingCharacters(in: CharacterSet(charactersIn: ","))) }.reduce(0, +)
            }
        }
        return figure
    }

    static func milliseconds(_ text: String) -> Double {
        for (unit, factor) in [("us", 0.001), ("ms", 1.0), ("s", 1000.0), ("m", 60_000.0)] where text.hasSuffix(unit) {
            return (Double(text.dropLast(unit.count)) ?? .nan) * factor
        }
        return .nan
    }

    // MARK: In-process client

    /// `connections` loops, each sending one request after another until the duration has
    /// passed or `maximumRequests` were sent in all.
    static func runClient(_ client: any Client, name: String, path: String, url: String, headers: [(String, String)] = [],
                          options: Options) async throws -> Figure {
        let requestHeaders = HTTPHeaders(headers)
        let clock = ContinuousClock()
        let start = clock.now
        let deadline = start + .seconds(options.duration)
        let budget = RequestBudget(options.maximumRequests)
        let results = try await withThrowingTaskGroup(of: ([Double], Int).self) { group in
            for _ in 0..<max(1, options.connections) {
                group.addTask {
                    var latencies: [Double] = []
                    var errors = 0
                    while clock.now < deadline, budget.take() {
                        let began = clock.now
                        do {
                            let response = try await client.get(URI(string: url), headers: requestHeaders)
                            if response.status.code >= 400 { errors += 1 }
                        } catch {
                            errors += 1
                        }
                        let elapsed = clock.now - began
                        latencies.append(Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15)
                    }
                    return (latencies, errors)
                }
            }
            var all: [([Double], Int)] = []
            for try await result in group { all.append(result) }
            return all
        }
        let seconds = max(0.001, Double((clock.now - start).components.seconds) + Double((clock.now - start).components.attoseconds) / 1e18)
        let latencies = results.flatMap(\.0).sorted()
        func percentile(_ p: Double) -> Double {
            guard !latencies.isEmpty else { return .nan }
            return latencies[min(latencies.count - 1, Int((p * Double(latencies.count)).rounded(.up)) - 1)]
        }
        return Figure(name: name, path: path, requestsPerSecond: Double(latencies.count) / seconds,
                      p50: percentile(0.5), p99: percentile(0.99), errors: results.map(\.1).reduce(0, +))
    }

    final class RequestBudget: @unchecked Sendable {
        private let lock = NSLock()
        private var left: Int
        init(_ count: Int) { left = max(1, count) }
        func take() -> Bool {
            lock.lock(); defer { lock.unlock() }
            guard left > 0 else { return false }
            left -= 1
            return true
        }
    }
}
