import Foundation
import Vapor
import SujaritCore
import SujaritImport
import SujaritAPIModels

/// Reads uploaded documents off the event loop, a bounded number at a time.
///
/// Parsing is synchronous CPU work: on the event loop one large upload would stall every other
/// request on that loop. Here each document is read on a thread of its own, with at most
/// `capacity` units of work at once — a document over `largeDocumentBytes` takes the whole
/// capacity, so two large uploads never hold their peak memory at the same time — and at most
/// `maximumWaiting` uploads queued; more are answered 503 with `Retry-After` at once.
actor ImportWorkers {
    typealias Reader = @Sendable (Data, String, String?) throws(ImportError) -> ImportResult

    let capacity: Int
    let maximumWaiting: Int
    let largeDocumentBytes: Int
    /// How long one document may take; after it the upload is answered with a clear message.
    /// The reading thread cannot be stopped from outside, so its slots stay taken until it
    /// ends: a document that runs long never lets more work in than the capacity.
    let timeLimit: TimeInterval
    let reader: Reader
    private var inUse = 0
    private var waiting: [(units: Int, continuation: CheckedContinuation<Void, Never>)] = []

    init(capacity: Int = 2, maximumWaiting: Int = 8, largeDocumentBytes: Int = 2 * 1024 * 1024, timeLimit: TimeInterval = 60,
         reader: @escaping Reader = { data, fileName, organizationName throws(ImportError) in
             try DocumentImporter.importDocument(data, fileName: fileName, organizationName: organizationName)
         }) {
        self.capacity = max(1, capacity)
        self.maximumWaiting = maximumWaiting
        self.largeDocumentBytes = largeDocumentBytes
        self.timeLimit = timeLimit
        self.reader = reader
    }

    /// The import result, or the importer's error; throws 503 when too many uploads wait and
    /// 422 when the document takes longer than `timeLimit`.
    func read(_ data: Data, fileName: String, organizationName: String?) async throws -> Result<ImportResult, ImportError> {
        let units = data.count > largeDocumentBytes ? capacity : 1
        try await acquire(units)
        let once = ResumeOnce()
        let reader = self.reader
        let limit = timeLimit
        let outcome: Result<ImportResult, ImportError>? = await withCheckedContinuation { continuation in
            let thread = Thread {
                let result: Result<ImportResult, ImportError>
                do throws(ImportError) {
                    result = .success(try reader(data, fileName, organizationName))
                } catch {
                    result = .failure(error)
                }
                // The slots are given back when the work ends (not when a requester who gave up
                // stops waiting), and before the answer, so a finished read holds nothing.
                Task {
                    await self.release(units)
                    if once.claim() { continuation.resume(returning: result) }
                }
            }
            thread.stackSize = 8 * 1024 * 1024
            thread.start()
            Task {
                try? await Task.sleep(nanoseconds: UInt64(max(0, limit) * 1_000_000_000))
                if once.claim() { continuation.resume(returning: nil) }
            }
        }
        guard let outcome else {
            throw SujaritError(.unprocessableEntity, LocalizedText(
                th: "อ่านเอกสาร “\(fileName)” ไม่เสร็จภายใน \(Int(limit)) วินาที เอกสารอาจใหญ่หรือซับซ้อนเกินไป ลองแบ่งเป็นไฟล์ที่เล็กลง หรือบันทึกเป็น .docx/.txt แล้วนำเข้าใหม่",
                en: "Reading “\(fileName)” did not finish within \(Int(limit)) seconds; the document may be too large or complex — split it, or save it as .docx/.txt and import again"),
                fields: [FieldError(field: "document", message: LocalizedText(th: "ใช้เวลาอ่านนานเกินกำหนด", en: "took too long to read"))])
        }
        return outcome
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

/// Lets exactly one of two racing parties (the reader, the timer) resume a continuation.
final class ResumeOnce: @unchecked Sendable {
    private let lock = NSLock()
    private var done = false

    func claim() -> Bool {
        lock.lock()
        defer { lock.unlock() }
        if done { return false }
        done = true
        return true
    }
}

struct ImportWorkersKey: StorageKey {
    typealias Value = ImportWorkers
}

extension Application {
    /// The application's import readers (see `ImportWorkers`).
    var importWorkers: ImportWorkers {
        if let workers = storage[ImportWorkersKey.self] { return workers }
        let seconds = Environment.get("SUJARIT_IMPORT_TIME_LIMIT_SECONDS").flatMap(Double.init).flatMap { $0 > 0 ? $0 : nil } ?? 60
        let workers = ImportWorkers(timeLimit: seconds)
        storage[ImportWorkersKey.self] = workers
        return workers
    }
}
