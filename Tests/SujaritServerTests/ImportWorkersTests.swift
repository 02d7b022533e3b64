import Foundation
import XCTest
import SujaritCore
import SujaritImport
import Vapor
@testable import SujaritServer

/// Issue 8, 2.8: uploads are read off the event loop, a bounded number at a time, and a queue
/// that is full is answered 503 rather than growing without end.
final class ImportWorkersTests: XCTestCase {
    func testDocumentsAreReadAndTheSlotsAreGivenBack() async throws {
        let workers = ImportWorkers(capacity: 2, maximumWaiting: 8, largeDocumentBytes: 100_000)
        let small = Data(SyntheticPlanDocument.text(itemCount: 5).utf8)
        let large = Data(SyntheticPlanDocument.text(itemCount: 300).utf8)
        XCTAssertGreaterThan(large.count, 100_000, "the large document takes the whole capacity")
        let results = try await withThrowingTaskGroup(of: Int.self) { group in
            for index in 0..<6 {
                let data = index.isMultiple(of: 3) ? large : small
                group.addTask {
                    switch try await workers.read(data, fileName: "plan-\(index).txt", organizationName: nil) {
                    case .success(let result): return result.summary.itemCount
                    case .failure(let error): XCTFail("\(error)"); return -1
                    }
                }
            }
            var counts: [Int] = []
            for try await count in group { counts.append(count) }
            return counts
        }
        XCTAssertEqual(results.sorted(), [5, 5, 5, 5, 300, 300])
        let load = await workers.load
        XCTAssertEqual(load.inUse, 0)
        XCTAssertEqual(load.waiting, 0)
    }

    func testAFullQueueIsRefusedWith503() async throws {
        let workers = ImportWorkers(capacity: 1, maximumWaiting: 0, largeDocumentBytes: 1)
        let large = Data(SyntheticPlanDocument.text(itemCount: 400).utf8)
        var refused = 0
        var read = 0
        try await withThrowingTaskGroup(of: Bool.self) { group in
            for index in 0..<4 {
                group.addTask {
                    do {
                        _ = try await workers.read(large, fileName: "plan-\(index).txt", organizationName: nil)
                        return true
                    } catch let error as SujaritError {
                        XCTAssertEqual(error.status, .serviceUnavailable)
                        XCTAssertNotNil(error.retryAfter)
                        return false
                    }
                }
            }
            for try await ok in group { if ok { read += 1 } else { refused += 1 } }
        }
        XCTAssertGreaterThanOrEqual(read, 1)
        XCTAssertGreaterThanOrEqual(refused, 1, "with no room to wait, uploads beyond the one being read are refused")
    }

    /// A document that takes longer than the time limit is answered with a clear message, and
    /// its slot stays taken until the reading really ends (no extra work let in meanwhile).
    func testAReadOverTheTimeLimitGivesUpWithAClearMessage() async throws {
        let gate = DispatchSemaphore(value: 0)
        let workers = ImportWorkers(capacity: 1, maximumWaiting: 0, largeDocumentBytes: 1_000_000, timeLimit: 0.05,
                                    reader: { data, fileName, organizationName throws(ImportError) in
                                        gate.wait()
                                        return try DocumentImporter.importDocument(data, fileName: fileName, organizationName: organizationName)
                                    })
        let document = Data(SyntheticPlanDocument.text(itemCount: 3).utf8)
        do {
            _ = try await workers.read(document, fileName: "slow.txt", organizationName: nil)
            XCTFail("the reader never finished within the limit")
        } catch let error as SujaritError {
            XCTAssertEqual(error.status, .unprocessableEntity)
            XCTAssertTrue(error.message.th.contains("slow.txt") && error.message.th.contains("วินาที"), error.message.th)
            XCTAssertEqual(error.fields.map(\.field), ["document"])
        }
        let busy = await workers.load
        XCTAssertEqual(busy.inUse, 1, "the slot is held while the thread still reads")
        do {
            _ = try await workers.read(document, fileName: "next.txt", organizationName: nil)
            XCTFail("no room while the slow read goes on")
        } catch let error as SujaritError {
            XCTAssertEqual(error.status, .serviceUnavailable)
        }
        gate.signal()
        var load = await workers.load
        for _ in 0..<500 where load.inUse != 0 {
            try await Task.sleep(nanoseconds: 10_000_000)
            load = await workers.load
        }
        XCTAssertEqual(load.inUse, 0, "the slot comes back when the reading ends")
    }

    /// Uploads are bounded before their bodies are collected: past the gate's limit the answer
    /// is 503 with Retry-After at once, and the slot comes back when an upload is answered.
    func testTheUploadGateBoundsUploadsHeldAtOnce() async throws {
        let app = try await Application.make(.testing)
        do {
            try await gateChecks(app)
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
        try await app.asyncShutdown()
    }

    func gateChecks(_ app: Application) async throws {
        struct Held: AsyncResponder {
            let gate: DispatchSemaphore
            func respond(to request: Request) async throws -> Response {
                await withCheckedContinuation { (done: CheckedContinuation<Void, Never>) in
                    DispatchQueue.global().async { gate.wait(); done.resume() }
                }
                return Response(status: .ok)
            }
        }
        let release = DispatchSemaphore(value: 0)
        let uploads = UploadGate(limit: 2)
        let held = Held(gate: release)
        func request() -> Request { Request(application: app, on: app.eventLoopGroup.next()) }
        let first = Task { try await uploads.respond(to: request(), chainingTo: held) }
        let second = Task { try await uploads.respond(to: request(), chainingTo: held) }
        for _ in 0..<500 where uploads.current < 2 { try await Task.sleep(nanoseconds: 5_000_000) }
        XCTAssertEqual(uploads.current, 2)
        do {
            _ = try await uploads.respond(to: request(), chainingTo: held)
            XCTFail("a third upload was let in")
        } catch let error as SujaritError {
            XCTAssertEqual(error.status, .serviceUnavailable)
            XCTAssertEqual(error.retryAfter, 30)
        }
        release.signal()
        release.signal()
        _ = try await first.value
        _ = try await second.value
        XCTAssertEqual(uploads.current, 0, "answered uploads give their slot back")
    }
}
