import Foundation
import Vapor
import Fluent
import SujaritCore
import SujaritPersistence
import SujaritServer
import SujaritDemo

/// `sujarit bench scale`: with a database filled by `sujarit demo --scale nation` (SQLite file
/// or `DATABASE_URL`), times the requests that grow with the number of organizations, each sent
/// through the application's whole responder (middleware included) in this process without a
/// network: directory searches and pages, the public plan page of many organizations (first
/// request, then from the cache), organization pages, and the province and national
/// dashboards (computed, then kept). Prints median and p95 per request kind.
enum ScaleBenchmark {
    struct BenchToken {
        var token: String
        var remove: () async throws -> Void
    }

    /// A national overseer made for the run (`bench-overseer`), with an API token that lasts an
    /// hour; `remove` deletes the token.
    static func benchOverseerToken(_ app: Application) async throws -> BenchToken {
        let users = UserStore(app.db)
        let user: UserRecord
        if let existing = try await users.find(username: "bench-overseer") {
            user = existing
        } else {
            user = try await users.create(username: "bench-overseer", displayName: "bench-overseer",
                                          passwordHash: try app.password.hash(UUID().uuidString), isSystemAdmin: false)
        }
        let id = try user.requireID()
        try await OverseerStore(app.db).grant(.nation, userID: id)
        let token = (0..<4).map { _ in UUID().uuidString }.joined()
        let hash = SHA256.hash(data: Data(token.utf8)).map { String(format: "%02x", $0) }.joined()
        try await users.addToken(hash: hash, userID: id, expiresAt: Date().addingTimeInterval(3_600))
        return BenchToken(token: token, remove: { try await users.deleteToken(hash: hash) })
    }

    static func run(app: Application, iterations: Int) async throws -> String {
        let total = try await OrganizationRecord.query(on: app.db).count()
        let plans = try await PlanRecord.query(on: app.db).count()
        let items = try await PlanItemRecord.query(on: app.db).count()
        #if DEBUG
        let build = "DEBUG build: figures say nothing about production speed; build with -c release"
        #else
        let build = "release build"
        #endif
        var lines = ["sujarit bench scale — \(build)",
                     "database: \(app.sujaritSettings.database.redacted): \(total) organizations, \(plans) plan revisions, \(items) items"]
        if total < 1_000 {
            lines.append("(few organizations: fill the database first with `sujarit demo --scale nation`)")
        }
        // Organizations with a published 2566–2570 plan, to read their public pages.
        let published = try await PlanRecord.query(on: app.db).filter(\.$status == PlanStatus.published.rawValue)
            .filter(\.$firstYear == 2566).filter(\.$lastYear == 2570).limit(max(iterations, 1)).all()
        var slugs: [String] = []
        for record in published {
            if let organization = try await OrganizationStore(app.db).find(id: record.organizationID), !slugs.contains(organization.slug) {
                slugs.append(organization.slug)
            }
        }
        func encoded(_ text: String) -> String { text.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? text }
        let province = NationData.provinces[4]
        let cases: [(String, [String])] = [
            ("directory home page (provinces + page 1)", ["/"]),
            ("directory search, common word (หนอง)", ["/?q=\(encoded("หนอง"))"]),
            ("directory search, prefix + spacing (อบต. บ้าน ใหญ่)", ["/?q=\(encoded("อบต. บ้าน ใหญ่"))"]),
            ("directory search, no match", ["/?q=\(encoded("ไม่มีชื่อนี้แน่นอน"))"]),
            ("directory: one province, page 2", ["/?province=\(encoded(province))&page=2"]),
            ("API directory search in a province", ["/api/v1/organizations?q=\(encoded("บ้าน"))&province=\(encoded(province))"]),
            ("public plan page, first request per organization", slugs.map { "/o/\($0)/plan/2566-2570" }),
            ("public plan page, again (cached)", slugs.map { "/o/\($0)/plan/2566-2570" }),
            ("organization page", slugs.map { "/o/\($0)" }),
        ]
        func pad(_ text: String, _ width: Int) -> String { text.count >= width ? text : text + String(repeating: " ", count: width - text.count) }
        lines.append("")
        lines.append(pad("request", 54) + pad("n", 6) + pad("median ms", 11) + pad("p95 ms", 9) + "status")
        func time(_ name: String, _ paths: [String], runs: Int, headers: HTTPHeaders = [:], before: () -> Void = {}) async throws {
            guard !paths.isEmpty else { return }
            var timings: [Double] = []
            var statuses: Set<UInt> = []
            for index in 0..<max(1, runs) {
                let path = paths[index % paths.count]
                before()
                let started = ContinuousClock.now
                let request = Request(application: app, method: .GET, url: URI(string: path), headers: headers, on: app.eventLoopGroup.any())
                let response = try await app.responder.respond(to: request).get()
                let elapsed = ContinuousClock.now - started
                timings.append(Double(elapsed.components.seconds) * 1_000 + Double(elapsed.components.attoseconds) / 1e15)
                statuses.insert(response.status.code)
            }
            timings.sort()
            let median = timings[timings.count / 2]
            let p95 = timings[min(timings.count - 1, Int(Double(timings.count) * 0.95))]
            lines.append(pad(name, 54) + pad(String(timings.count), 6) + pad(String(format: "%.2f", median), 11)
                         + pad(String(format: "%.2f", p95), 9) + statuses.sorted().map(String.init).joined(separator: ","))
        }
        for (name, paths) in cases { try await time(name, paths, runs: iterations) }

        // The dashboards, as a national overseer reads them (a bearer token of a user made for
        // the run and removed after it). "computed" drops the kept dashboard before each request.
        let token = try await benchOverseerToken(app)
        var headers = HTTPHeaders()
        headers.bearerAuthorization = BearerAuthorization(token: token.token)
        let largest = try await OrganizationStore(app.db).provinces().max { $0.count < $1.count }?.name ?? province
        let provincePath = "/overseers/provinces/\(encoded(largest))"
        let runs = max(5, min(iterations, 30))
        do {
            try await time("province dashboard, computed (\(largest))", [provincePath], runs: runs, headers: headers,
                           before: { app.dropPublishedPointers() })
            try await time("province dashboard, kept", [provincePath], runs: iterations, headers: headers)
            try await time("national dashboard, computed", ["/overseers/nation"], runs: runs, headers: headers,
                           before: { app.dropPublishedPointers() })
            try await time("national dashboard, kept", ["/overseers/nation"], runs: iterations, headers: headers)
            try await time("national figure as XLSX (kept dashboard)", ["/overseers/nation/budget-per-dimension.xlsx"], runs: runs, headers: headers)
        } catch {
            try? await token.remove()
            throw error
        }
        try await token.remove()
        return lines.joined(separator: "\n")
    }
}
