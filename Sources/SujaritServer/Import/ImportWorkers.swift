import Foundation
import Vapor
import SujaritCore
import SujaritImport

/// Reads uploaded documents off the event loop, a bounded number at a time.
///
/// Parsing is synchronous CPU work: on the event loop one large upload would stall every other
/// request on that loop. Here each document is read on a thread of its own, with at most
/// `capacity` units of work at once — a document over `largeDocumentBytes` takes the whole
/// capacity, so two large uploads never hold their peak memory at the same time — and at most
/// `maximumWaiting` uploads queued; more are answered 503 with `Retry-After` at once.
actor ImportWorkers {
    let capacity: Int
    let maximumWaiting: Int
    let largeDocumentBytes: Int
    private var inUse = 0
    private var waiting: [(units: Int, continuation: CheckedContinuation<Void, Never>)] = []

    init(capacity: Int = 2, maximumWaiting: Int = 8, largeDocumentBytes: Int = 2 * 1024 * 1024) {
        self.capacity = max(1, capacity)
        self.maximumWaiting = maximumWaiting
        self.largeDocumentBytes = largeDocumentBytes
    }

    /// The import result, or the importer's error; throws 503 when too many uploads wait.
    func read(_ data: Data, fileName: String, organizationName: String?) async throws -> Result<ImportResult, ImportError> {
        let units = data.count > largeDocumentBytes ? capacity : 1
        try await acquire(units)
        defer { release(units) }
        return await withCheckedContinuation { continuation in
            let thread = Thread {
                do throws(ImportError) {
                    continuation.resume(returning: .success(try DocumentImporter.importDocument(data, fileName: fileName, organizationName: organizationName)))
                } catch {
                    continuation.resume(returning: .failure(error))
                }
            }
            thread.stackSize = 8 * 1024 * 1024
            thread.start()
        }
    }

    /// Where the findings' lines stand in the document (nearby text, table and row), read the
    /// same way: off the event loop, within the same capacity.
    func places(_ data: Data, lines: [Int]) async throws -> [Int: FindingPlace] {
        guard !lines.isEmpty else { return [:] }
        let units = data.count > largeDocumentBytes ? capacity : 1
        try await acquire(units)
        defer { release(units) }
        return await withCheckedContinuation { continuation in
            let thread = Thread {
                let blocks = (try? DocumentImporter.readBlocks(data)) ?? []
                continuation.resume(returning: FindingPlaces.locate(lines, in: blocks))
            }
            thread.stackSize = 8 * 1024 * 1024
            thread.start()
        }
    }

    private func acquire(_ units: Int) async throws {
        if inUse + units <= capacity && waiting.isEmpty {
            inUse += units
            return
        }
        guard waiting.count < maximumWaiting else {
            throw SujaritError(.serviceUnavailable, LocalizedTextBusy.message, retryAfter: 30)
        }
        await withCheckedContinuation { continuation in
            waiting.append((units, continuation))
        }
    }

    private func release(_ units: Int) {
        inUse -= units
        while let next = waiting.first, inUse + next.units <= capacity {
            waiting.removeFirst()
            inUse += next.units
            next.continuation.resume()
        }
    }

    /// How many documents are being read now, and how many wait (for tests).
    var load: (inUse: Int, waiting: Int) { (inUse, waiting.count) }
}

private enum LocalizedTextBusy {
    static let message = SujaritCore.LocalizedText(
        th: "ขณะนี้มีเอกสารรอนำเข้าจำนวนมาก กรุณาลองใหม่ในอีกสักครู่",
        en: "Many documents are waiting to be imported; try again in a moment")
}

struct ImportWorkersKey: StorageKey {
    typealias Value = ImportWorkers
}

extension Application {
    /// The application's import readers (see `ImportWorkers`).
    var importWorkers: ImportWorkers {
        if let workers = storage[ImportWorkersKey.self] { return workers }
        let workers = ImportWorkers()
        storage[ImportWorkersKey.self] = workers
        return workers
    }
}
