import Foundation
#if canImport(Glibc)
import Glibc
#endif
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
    typealias LocatingReader = @Sendable (Data, String, String?) throws(ImportError) -> (result: ImportResult, places: [Int: FindingPlace])

    let capacity: Int
    let maximumWaiting: Int
    let largeDocumentBytes: Int
    /// How long one document may take; after it the upload is answered with a clear message.
    /// The reading thread cannot be stopped from outside, so its slots stay taken until it
    /// ends: a document that runs long never lets more work in than the capacity.
    let timeLimit: TimeInterval
    let reader: Reader
    /// The reader that also finds the places of the findings, from the same reading.
    let locatingReader: LocatingReader
    private var inUse = 0
    private var waiting: [(units: Int, continuation: CheckedContinuation<Void, Never>)] = []

    init(capacity: Int = 2, maximumWaiting: Int = 8, largeDocumentBytes: Int = 2 * 1024 * 1024, timeLimit: TimeInterval = 60,
         reader: Reader? = nil) {
        self.capacity = max(1, capacity)
        self.maximumWaiting = maximumWaiting
        self.largeDocumentBytes = largeDocumentBytes
        self.timeLimit = timeLimit
        if let reader {
            self.reader = reader
            self.locatingReader = { data, fileName, organizationName throws(ImportError) in (try reader(data, fileName, organizationName), [:]) }
        } else {
            self.reader = { data, fileName, organizationName throws(ImportError) in
                try DocumentImporter.importDocument(data, fileName: fileName, organizationName: organizationName)
            }
            self.locatingReader = { data, fileName, organizationName throws(ImportError) in
                try DocumentImporter.importDocumentLocatingFindings(data, fileName: fileName, organizationName: organizationName)
            }
        }
    }

    /// The import result, or the importer's error; throws 503 when too many uploads wait and
    /// 422 when the document takes longer than `timeLimit`.
    func read(_ data: Data, fileName: String, organizationName: String?) async throws -> Result<ImportResult, ImportError> {
        let reader = self.reader
        return try await work(data, fileName: fileName) { () throws(ImportError) in try reader(data, fileName, organizationName) }
    }

    /// `read`, with the places of the findings' lines found from the same reading (the upload).
    func readLocating(_ data: Data, fileName: String, organizationName: String?) async throws
        -> Result<(result: ImportResult, places: [Int: FindingPlace]), ImportError> {
        let reader = self.locatingReader
        return try await work(data, fileName: fileName) { () throws(ImportError) in try reader(data, fileName, organizationName) }
    }

    private func work<Value: Sendable>(_ data: Data, fileName: String,
                                       _ body: @escaping @Sendable () throws(ImportError) -> Value) async throws -> Result<Value, ImportError> {
        let units = data.count > largeDocumentBytes ? capacity : 1
        try await acquire(units)
        let once = ResumeOnce()
        let limit = timeLimit
        let large = units == capacity && data.count > largeDocumentBytes
        let outcome: Result<Value, ImportError>? = await withCheckedContinuation { continuation in
            let thread = Thread {
                var result: Result<Value, ImportError>?
                do throws(ImportError) {
                    result = .success(try body())
                } catch {
                    result = .failure(error)
                }
                // A large document's text, blocks and parse are freed by now: hand the pages
                // back to the system, so the server does not keep its peak after the upload.
                if large { ReleaseFreedMemory.now() }
                let answer = result!
                // The slots are given back when the work ends (not when a requester who gave up
                // stops waiting), and before the answer, so a finished read holds nothing.
                Task {
                    await self.release(units)
                    if once.claim() { continuation.resume(returning: answer) }
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
            throw SujaritError(.unprocessableEntity, LocalizedText(.msgReadingTookTooLong, fileName, String(Int(limit))),
                fields: [FieldError(field: "document", message: LocalizedText(.msgTookTooLongToRead))])
        }
        return outcome
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

/// Bounds the uploads held in memory at once. The upload route collects its body (up to 21 MB)
/// before its handler runs, so the import workers' queue alone would not stop many large
/// uploads from being buffered together; this middleware, in front of the collection, answers
/// 503 with `Retry-After` when `limit` uploads are already being received or read.
final class UploadGate: AsyncMiddleware, @unchecked Sendable {
    let limit: Int
    private let lock = NSLock()
    private var inFlight = 0

    init(limit: Int = 4) { self.limit = max(1, limit) }

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let admitted = lock.withLock { () -> Bool in
            guard inFlight < limit else { return false }
            inFlight += 1
            return true
        }
        guard admitted else { throw SujaritError(.serviceUnavailable, LocalizedTextBusy.message, retryAfter: 30) }
        defer { lock.withLock { inFlight -= 1 } }
        return try await next.respond(to: request)
    }

    var current: Int { lock.withLock { inFlight } }
}

private enum LocalizedTextBusy {
    static let message = SujaritCore.LocalizedText(.msgImportQueueFull)
}

/// Returns memory that was freed to the system (glibc keeps freed pages in its arenas; after a
/// 20 MB document they would stay resident for good).
enum ReleaseFreedMemory {
    /// glibc's `malloc_trim`, found at run time (its header is not part of Swift's Glibc module).
    private static let trim: (@convention(c) (Int) -> Int32)? = {
        #if canImport(Glibc)
        guard let handle = dlopen(nil, RTLD_NOW), let symbol = dlsym(handle, "malloc_trim") else { return nil }
        return unsafeBitCast(symbol, to: (@convention(c) (Int) -> Int32).self)
        #else
        return nil
        #endif
    }()

    static func now() { _ = trim?(0) }
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
