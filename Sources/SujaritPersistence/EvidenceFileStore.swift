import Foundation
import Crypto

/// The content-addressed store of evidence files: each file is kept once, under its SHA-256,
/// in `directory/ab/abcdef…` (the first two hex digits make a sub-folder). The database holds
/// only the hash, so a file is never overwritten by another and identical uploads share it.
/// `SUJARIT_STORAGE_DIR` names the directory (default `sujarit-files` next to the database).
public struct EvidenceFileStore: Sendable {
    public let directory: URL

    public init(directory: String) {
        self.directory = URL(fileURLWithPath: directory, isDirectory: true)
    }

    public static func sha256(_ data: Data) -> String {
        SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
    }

    static func isHash(_ text: String) -> Bool {
        text.count == 64 && text.allSatisfy { $0.isHexDigit && !$0.isUppercase }
    }

    func url(for sha256: String) -> URL {
        directory.appendingPathComponent(String(sha256.prefix(2)), isDirectory: true).appendingPathComponent(sha256)
    }

    /// Keeps the bytes (if not kept already) and returns their hash. Written to a temporary file
    /// first and moved into place, so a reader never sees half a file.
    @discardableResult
    public func put(_ data: Data) throws -> String {
        let hash = Self.sha256(data)
        let target = url(for: hash)
        let manager = FileManager.default
        if manager.fileExists(atPath: target.path) { return hash }
        try manager.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
        let temporary = target.deletingLastPathComponent().appendingPathComponent(".\(hash).\(UUID().uuidString).part")
        try data.write(to: temporary, options: .atomic)
        do {
            try manager.moveItem(at: temporary, to: target)
        } catch {
            try? manager.removeItem(at: temporary)
            // Another request stored the same bytes first: that is the same file.
            guard manager.fileExists(atPath: target.path) else { throw error }
        }
        return hash
    }

    /// The bytes kept under a hash, or nil; the bytes are checked against the hash.
    public func data(sha256: String) throws -> Data? {
        guard Self.isHash(sha256) else { return nil }
        let target = url(for: sha256)
        guard FileManager.default.fileExists(atPath: target.path) else { return nil }
        let data = try Data(contentsOf: target)
        guard Self.sha256(data) == sha256 else { throw StoreError.corrupt("evidence file \(sha256) does not match its hash") }
        return data
    }
}
