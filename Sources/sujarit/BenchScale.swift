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
/// request, then from the cache), organization pages. Prints median and p95 per request kind.
enum ScaleBenchmark {
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
        for (name, paths) in cases where !paths.isEmpty {
            var timings: [Double] = []
            var statuses: Set<UInt> = []
            for index in 0..<max(1, iterations) {
                let path = paths[index % paths.count]
                let started = ContinuousClock.now
                let request = Request(application: app, method: .GET, url: URI(string: path), on: app.eventLoopGroup.any())
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
        lines.append("")
        lines.append("province and national dashboards: not built yet (issue 13 §4)")
        return lines.joined(separator: "\n")
    }
}
