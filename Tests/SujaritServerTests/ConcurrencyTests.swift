import Foundation
import XCTest
import XCTVapor
import SujaritCore
@_spi(Fixtures) import SujaritPersistence
import SujaritAPIModels
@testable import SujaritServer

/// Several people writing at once (issue 8, 2.2 and 2.3), on SQLite in a real file with
/// write-ahead logging — the production setup — or on PostgreSQL when it is configured:
/// no answer is ever a 500, no saved change is lost, and a series never gets two drafts.
final class ConcurrencyTests: ServerTestCase {
    override class var usesSQLiteFile: Bool { true }

    struct Answer: Sendable {
        var status: HTTPStatus
        var body: String
        var location: String?
    }

    func send(_ method: HTTPMethod, _ path: String, token: String, json: String? = nil) async throws -> Answer {
        var headers = bearer(token)
        if json != nil { headers.contentType = .json }
        var answer = Answer(status: .ok, body: "")
        try await app.test(method, path, headers: headers, body: json.map { ByteBuffer(string: $0) }) { res async throws in
            answer = Answer(status: res.status, body: res.body.string, location: res.headers.first(name: .location))
        }
        return answer
    }

    func currentVersion(_ planID: UUID) async throws -> Int {
        let plan = try await PlanStore(db).plan(id: planID, scope: .everything)
        return try XCTUnwrap(plan).version
    }

    /// `writers` editors each save the same draft `rounds` times (read the version, write the
    /// front matter with it). Every answer is 200 or 409, and the final version is exactly the
    /// initial one plus the number of 200s: nothing lost, nothing counted twice.
    func saveConcurrently(writers: Int, rounds: Int) async throws {
        let organization = try await makeOrganization(slug: "busy-\(writers)")
        var tokens: [String] = []
        for index in 0..<writers {
            try await makeUser("writer\(index)-\(writers)", role: .editor, in: organization)
            tokens.append(try await token("writer\(index)-\(writers)"))
        }
        let plan = try await PlanStore(db).create(demoPlan(for: organization))
        let path = "/api/v1/plans/\(plan.id.uuidString.lowercased())"

        let answers: [Answer] = try await withThrowingTaskGroup(of: [Answer].self) { group in
            for (index, token) in tokens.enumerated() {
                group.addTask {
                    var mine: [Answer] = []
                    for round in 0..<rounds {
                        let read = try await self.send(.GET, path, token: token)
                        guard read.status == .ok,
                              let version = try? JSONDecoder().decode(PlanResponse.self, from: Data(read.body.utf8)).plan.version
                        else {
                            mine.append(read)
                            continue
                        }
                        let body = FrontMatterWriteRequest(
                            title: nil,
                            frontMatter: PlanFrontMatter(foreword: "writer \(index) round \(round)"),
                            version: version)
                        let json = String(decoding: try JSONEncoder().encode(body), as: UTF8.self)
                        mine.append(try await self.send(.PUT, "\(path)/front-matter", token: token, json: json))
                    }
                    return mine
                }
            }
            var all: [Answer] = []
            for try await some in group { all += some }
            return all
        }

        let failures = answers.filter { ![.ok, .conflict].contains($0.status) }
        XCTAssertEqual(failures.count, 0, "answers other than 200/409: \(failures.prefix(3).map { "\($0.status.code) \($0.body.prefix(200))" })")
        let saved = answers.filter { $0.status == .ok }.count
        XCTAssertGreaterThan(saved, 0)
        let final = try await currentVersion(plan.id)
        XCTAssertEqual(final, 1 + saved, "every 200 is one saved version (\(writers) writers)")
        let stored = try await PlanStore(db).plan(id: plan.id, scope: .everything)
        XCTAssertEqual(stored?.items.count, plan.items.count, "the plan's rows are intact")
    }

    func testTwoWritersNeverGet500AndLoseNothing() async throws {
        try await saveConcurrently(writers: 2, rounds: 25)
    }

    func testFourWritersNeverGet500AndLoseNothing() async throws {
        try await saveConcurrently(writers: 4, rounds: 12)
    }

    /// Eight parallel "new revision" requests on one published plan: exactly one draft is
    /// created; the seven others get 409 naming that draft's address (JSON `location`), and a
    /// later request from the web form gets a 409 page with a link to it.
    func testParallelNewRevisionsMakeExactlyOneDraft() async throws {
        let organization = try await makeOrganization(slug: "revisers")
        try await makeUser("reviser", role: .editor, in: organization)
        let token = try await token("reviser")
        let published = try await PlanStore(db).create(demoPlan(for: organization, status: .published))
        let path = "/api/v1/plans/\(published.id.uuidString.lowercased())/revisions"

        let answers: [Answer] = try await withThrowingTaskGroup(of: Answer.self) { group in
            for _ in 0..<8 {
                group.addTask { try await self.send(.POST, path, token: token) }
            }
            var all: [Answer] = []
            for try await answer in group { all.append(answer) }
            return all
        }

        let created = answers.filter { $0.status == .created }
        let refused = answers.filter { $0.status == .conflict }
        XCTAssertEqual(created.count, 1, answers.map { "\($0.status.code) \($0.body.prefix(160))" }.joined(separator: "\n"))
        XCTAssertEqual(refused.count, 7, answers.map { "\($0.status.code)" }.joined(separator: ","))
        let draft = try JSONDecoder().decode(PlanResponse.self, from: Data(try XCTUnwrap(created.first).body.utf8)).plan
        XCTAssertEqual(draft.revision, 2)
        XCTAssertEqual(draft.status, .draft)
        let address = "/plans/\(draft.id.uuidString.lowercased())/edit"
        for answer in refused {
            let error = try JSONDecoder().decode(ErrorResponse.self, from: Data(answer.body.utf8))
            XCTAssertEqual(error.location, address)
            XCTAssertFalse(error.reasonThai.isEmpty)
        }

        let revisions = try await PlanStore(db).revisions(seriesID: published.id, organizationID: organization.id)
        XCTAssertEqual(revisions.map(\.revision), [2, 1], "one draft revision after the published one")

        // Once more, sequentially, from the web form: a 409 page with a link to the draft.
        var browser = Browser(app)
        try await browser.signIn("reviser", password: Self.password)
        _ = try await browser.get("/plans/\(published.id.uuidString.lowercased())/edit")
        let page = try await browser.post("/plans/\(published.id.uuidString.lowercased())/revise", [("version", String(published.version))])
        XCTAssertEqual(page.status, .conflict)
        XCTAssertTrue(page.body.contains("href=\"\(address)\""), page.body)
        XCTAssertTrue(page.body.contains("ฉบับที่ 2"), page.body)
    }

    /// A lock that another process holds for longer than the busy timeout gives 503 with
    /// `Retry-After` and a message in Thai and English — not a 500 — and changes nothing.
    func testLockHeldTooLongGives503() async throws {
        guard let file = sqliteFile else { throw XCTSkip("SQLite only") }
        let organization = try await makeOrganization(slug: "locked")
        try await makeUser("waiting", role: .editor, in: organization)
        let token = try await token("waiting")
        let plan = try await PlanStore(db).create(demoPlan(for: organization))

        // A second application on the same file stands for another process holding the lock.
        let other = try await Application.make(.testing)
        try await configure(other, settings: ServerSettings(database: .sqliteFile(path: file.path), autoMigrate: false, passwordCost: 4))
        let holding = Task {
            try await other.db.transaction { db in
                try await AuditLog(db).record(organizationID: nil, userID: nil, action: .demoLoad, subject: "held")
                try await Task.sleep(nanoseconds: UInt64(DatabaseSetting.sqliteBusyTimeoutMilliseconds + 2_500) * 1_000_000)
            }
        }
        try await Task.sleep(nanoseconds: 300_000_000)

        let body = FrontMatterWriteRequest(title: nil, frontMatter: PlanFrontMatter(foreword: "blocked"), version: plan.version)
        let json = String(decoding: try JSONEncoder().encode(body), as: UTF8.self)
        var headers = bearer(token)
        headers.contentType = .json
        try await app.test(.PUT, "/api/v1/plans/\(plan.id.uuidString.lowercased())/front-matter", headers: headers,
                           body: ByteBuffer(string: json)) { res async throws in
            XCTAssertEqual(res.status, .serviceUnavailable, res.body.string)
            XCTAssertNotNil(res.headers.first(name: .retryAfter))
            let error = try JSONDecoder().decode(ErrorResponse.self, from: Data(res.body.string.utf8))
            XCTAssertTrue(error.reasonThai.contains("ลองใหม่"), error.reasonThai)
        }
        try await holding.value
        try await other.asyncShutdown()
        let now = try await currentVersion(plan.id)
        XCTAssertEqual(now, plan.version, "nothing was changed")
    }
}
