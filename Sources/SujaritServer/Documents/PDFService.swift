import Foundation
import Vapor
import SujaritCore
import SujaritExport

/// Something that turns an office document into PDF: LibreOffice (`PDFConverter`) in
/// production, a fake in tests. `convert` may block its thread for a long time.
public protocol PDFConverting: Sendable {
    func convert(_ document: Data, fileExtension: String) throws(PDFConversionError) -> Data
}

extension PDFConverter: PDFConverting {}

/// Where the server gets its PDF converter from.
public enum PDFSetting: Sendable {
    /// Look for LibreOffice when the server starts (`SUJARIT_SOFFICE`, the PATH, the usual folders).
    case locate(timeout: TimeInterval)
    /// No converter: PDF requests are answered 503, as when LibreOffice is not installed.
    case disabled
    /// This converter (tests use a fake one).
    case converter(any PDFConverting)

    /// The converter this setting gives, or nil when there is none.
    func resolve() -> (any PDFConverting)? {
        switch self {
        case .locate(let timeout): PDFConverter.locate(timeout: timeout)
        case .disabled: nil
        case .converter(let converter): converter
        }
    }
}

/// Makes PDFs of plans: one conversion at a time per process (LibreOffice is heavy; the rest
/// wait their turn), each on a thread of its own so that neither the event loops nor the
/// shared blocking pool are held for the minutes a conversion may take, and the PDFs of
/// published revisions kept in memory (a published revision never changes, so plan id and
/// version name its PDF for good).
public actor PDFService {
    /// A published revision's PDF depends on the revision and on the organization facts and
    /// digit style printed in it.
    public struct Key: Hashable, Sendable {
        public var planID: UUID
        public var version: Int
        public var organization: Organization
        public var digits: DigitStyle
    }

    /// nil when LibreOffice is not installed (every request gets `.notInstalled`).
    public nonisolated let converter: (any PDFConverting)?
    /// Most PDFs kept, and most bytes.
    public nonisolated let cacheLimit: (entries: Int, bytes: Int)
    /// Most requests waiting for their turn; more are refused at once (the server is busy).
    public nonisolated let maximumWaiting: Int

    private var cache: [Key: Data] = [:]
    /// Least recently used first.
    private var recency: [Key] = []
    private var cachedBytes = 0
    private var converting = false
    private var waiting: [CheckedContinuation<Void, Never>] = []
    /// Conversions run (not cache hits): for tests and the log.
    public private(set) var conversions = 0

    public init(converter: (any PDFConverting)?, cacheEntries: Int = 32, cacheBytes: Int = 64 << 20, maximumWaiting: Int = 16) {
        self.converter = converter
        cacheLimit = (max(0, cacheEntries), max(0, cacheBytes))
        self.maximumWaiting = maximumWaiting
    }

    public nonisolated var isAvailable: Bool { converter != nil }

    /// What an administrator installs for PDF on Debian/Ubuntu.
    public static let installCommand = "apt-get install libreoffice-writer-nogui libreoffice-calc-nogui fonts-tlwg-laksaman"

    /// Why a PDF could not be made now.
    public enum Failure: Error, Sendable {
        case conversion(PDFConversionError)
        /// Too many requests are already waiting for the converter.
        case busy
    }

    /// The PDF of a plan: from the cache for a published revision made before, otherwise its
    /// Word document converted when the converter is free.
    public func pdf(for plan: Plan, context: ExportContext) async throws(Failure) -> Data {
        guard let converter else { throw .conversion(.notInstalled) }
        let key = Key(planID: plan.id, version: plan.version, organization: context.organization, digits: context.digits)
        let cacheable = plan.status == .published
        if cacheable, let hit = lookUp(key) { return hit }

        guard converting == false || waiting.count < maximumWaiting else { throw .busy }
        await acquire()
        defer { release() }
        // A request that waited for the same PDF gets the one just made.
        if cacheable, let hit = lookUp(key) { return hit }

        conversions += 1
        let result: Result<Data, PDFConversionError> = await Self.onOwnThread {
            let docx = PlanExporter.docx(plan, context: context)
            do throws(PDFConversionError) {
                return .success(try converter.convert(docx, fileExtension: ExportFormat.docx.fileExtension))
            } catch {
                return .failure(error)
            }
        }
        switch result {
        case .success(let pdf):
            if cacheable { store(pdf, for: key) }
            return pdf
        case .failure(let error):
            throw .conversion(error)
        }
    }

    /// Any Word document made by `makeDocument` as PDF (monitoring reports): one conversion at a
    /// time like plans, not cached (a round's report changes while the round is open).
    public func pdf(makeDocument: @escaping @Sendable () -> Data) async throws(Failure) -> Data {
        guard let converter else { throw .conversion(.notInstalled) }
        guard converting == false || waiting.count < maximumWaiting else { throw .busy }
        await acquire()
        defer { release() }
        conversions += 1
        let result: Result<Data, PDFConversionError> = await Self.onOwnThread {
            do throws(PDFConversionError) {
                return .success(try converter.convert(makeDocument(), fileExtension: ExportFormat.docx.fileExtension))
            } catch {
                return .failure(error)
            }
        }
        switch result {
        case .success(let pdf): return pdf
        case .failure(let error): throw .conversion(error)
        }
    }

    /// Forgets every PDF kept.
    public func clearCache() {
        cache = [:]
        recency = []
        cachedBytes = 0
    }

    public var cachedCount: Int { cache.count }

    // MARK: Cache

    private func lookUp(_ key: Key) -> Data? {
        guard let data = cache[key] else { return nil }
        if let index = recency.firstIndex(of: key) {
            recency.remove(at: index)
            recency.append(key)
        }
        return data
    }

    private func store(_ data: Data, for key: Key) {
        guard cacheLimit.entries > 0, data.count <= cacheLimit.bytes else { return }
        if let old = cache[key] {
            cachedBytes -= old.count
            recency.removeAll { $0 == key }
        }
        cache[key] = data
        recency.append(key)
        cachedBytes += data.count
        while cache.count > cacheLimit.entries || cachedBytes > cacheLimit.bytes, !recency.isEmpty {
            let oldest = recency.removeFirst()
            cachedBytes -= cache.removeValue(forKey: oldest)?.count ?? 0
        }
    }

    // MARK: One at a time

    private func acquire() async {
        if !converting {
            converting = true
            return
        }
        await withCheckedContinuation { waiting.append($0) }
        // `release` handed the turn over with `converting` still true.
    }

    private func release() {
        if waiting.isEmpty {
            converting = false
        } else {
            waiting.removeFirst().resume()
        }
    }

    /// Runs blocking work on a new thread and waits for it without blocking any other.
    static func onOwnThread<T: Sendable>(_ body: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { continuation in
            let thread = Thread { continuation.resume(returning: body()) }
            thread.name = "sujarit-pdf"
            thread.start()
        }
    }
}

struct PDFServiceKey: StorageKey { typealias Value = PDFService }

extension Application {
    /// The PDF maker of this application (set up by `configure` from the settings; tests may
    /// replace it with one that has a fake converter).
    public var pdfService: PDFService {
        get {
            if let service = storage[PDFServiceKey.self] { return service }
            let service = PDFService(converter: sujaritSettings.pdf.resolve())
            storage[PDFServiceKey.self] = service
            return service
        }
        set { storage[PDFServiceKey.self] = newValue }
    }
}
