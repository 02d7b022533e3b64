import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Crypto

extension ComplaintVault {
    static let fileMagic = Array("SJV1".utf8)

    /// Seals a file's bytes: `SJV1`, the key id's length (1 byte) and id, then the
    /// ChaCha20-Poly1305 box (nonce, ciphertext, tag). The context is authenticated.
    public func sealFile(_ plaintext: Data, context: String) throws -> Data {
        let box = try ChaChaPoly.seal(plaintext, using: current.derived("file-v1"), authenticating: Data(context.utf8))
        var out = Data(Self.fileMagic)
        let id = Array(current.id.utf8)
        out.append(UInt8(id.count))
        out.append(contentsOf: id)
        out.append(box.combined)
        return out
    }

    public func openFile(_ sealed: Data, context: String) throws -> Data {
        let bytes = [UInt8](sealed)
        guard bytes.count > 5, Array(bytes.prefix(4)) == Self.fileMagic else { throw VaultError.malformedCiphertext }
        let idLength = Int(bytes[4])
        guard bytes.count > 5 + idLength else { throw VaultError.malformedCiphertext }
        let id = String(decoding: bytes[5..<(5 + idLength)], as: UTF8.self)
        guard let key = key(id) else { throw VaultError.unknownKey(id) }
        do {
            let box = try ChaChaPoly.SealedBox(combined: Data(bytes[(5 + idLength)...]))
            return try ChaChaPoly.open(box, using: key.derived("file-v1"), authenticating: Data(context.utf8))
        } catch {
            throw VaultError.authenticationFailed
        }
    }

    /// The key id a sealed file names.
    public static func keyID(ofFile sealed: Data) -> String? {
        let bytes = [UInt8](sealed.prefix(40))
        guard bytes.count > 5, Array(bytes.prefix(4)) == fileMagic, bytes.count >= 5 + Int(bytes[4]) else { return nil }
        return String(decoding: bytes[5..<(5 + Int(bytes[4]))], as: UTF8.self)
    }

    /// The address a file is stored under: HMAC-SHA256 of its content under a key derived from
    /// the current vault key. The same file gets the same address (stored once), but without
    /// the key nobody can tell from an address whether a known file is among the evidence.
    public func contentAddress(for data: Data) -> String {
        HMAC<SHA256>.authenticationCode(for: data, using: current.derived("evidence-address-v1"))
            .map { String(format: "%02x", $0) }.joined()
    }
}

public enum EvidenceStorageError: Error, CustomStringConvertible, Equatable {
    case badAddress
    case missing(String)
    case write(String)

    public var description: String {
        switch self {
        case .badAddress: "evidence address is malformed"
        case .missing(let address): "evidence file \(address.prefix(12))… is missing from the storage directory"
        case .write(let message): "cannot write evidence: \(message)"
        }
    }
}

/// ที่เก็บไฟล์หลักฐาน — sealed evidence files, content-addressed, under
/// `<storage dir>/complaints/<first two hex digits>/<address>`. The storage directory is
/// `SUJARIT_STORAGE_DIR` (default `./data/storage`), shared with other features, each in its own
/// subfolder. Only sealed bytes are written; a file is written to a temporary name and renamed,
/// so a reader never sees half a file.
public struct EvidenceStorage: Sendable {
    public let directory: URL
    public let vault: ComplaintVault

    /// `root` is the storage directory; files go to its `complaints/` subfolder.
    public init(root: URL, vault: ComplaintVault) {
        self.directory = root.appendingPathComponent("complaints", isDirectory: true)
        self.vault = vault
    }

    /// `SUJARIT_STORAGE_DIR`, or `./data/storage`.
    public static func rootDirectory(_ environment: [String: String] = ProcessInfo.processInfo.environment) -> URL {
        let path = environment["SUJARIT_STORAGE_DIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "data/storage"
        return URL(fileURLWithPath: path, isDirectory: true)
    }

    static func isValidAddress(_ address: String) -> Bool {
        address.count == 64 && address.allSatisfy { ("0"..."9").contains($0) || ("a"..."f").contains($0) }
    }

    static func context(_ address: String) -> String { "complaint-evidence:\(address)" }

    func url(_ address: String) throws -> URL {
        guard Self.isValidAddress(address) else { throw EvidenceStorageError.badAddress }
        return directory.appendingPathComponent(String(address.prefix(2)), isDirectory: true).appendingPathComponent(address)
    }

    /// Seals and stores a file; returns its address. A file already stored is not written again.
    public func put(_ data: Data) throws -> String {
        let address = vault.contentAddress(for: data)
        let target = try url(address)
        let manager = FileManager.default
        if manager.fileExists(atPath: target.path) { return address }
        let sealed = try vault.sealFile(data, context: Self.context(address))
        do {
            try manager.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true,
                                        attributes: [.posixPermissions: 0o700])
            let temporary = target.deletingLastPathComponent().appendingPathComponent(".\(address).\(UUID().uuidString).tmp")
            guard manager.createFile(atPath: temporary.path, contents: sealed, attributes: [.posixPermissions: 0o600]) else {
                throw EvidenceStorageError.write("cannot create a file in \(target.deletingLastPathComponent().path)")
            }
            if manager.fileExists(atPath: target.path) {
                try? manager.removeItem(at: temporary)
            } else {
                try manager.moveItem(at: temporary, to: target)
            }
        } catch let error as EvidenceStorageError {
            throw error
        } catch {
            throw EvidenceStorageError.write("\(error.localizedDescription)")
        }
        return address
    }

    /// Seals a file under its own key (`SealedFile`, the key travels in the case's sealed
    /// description of the file) and stores it under a new random address, which says nothing
    /// about the content. Returns the address.
    public func put(_ data: Data, fileKey: [UInt8]) throws -> String {
        let address = VaultBytes.random(32).map { String(format: "%02x", $0) }.joined()
        let target = try url(address)
        let sealed = try SealedFile.seal(data, key: fileKey, address: address)
        let manager = FileManager.default
        do {
            try manager.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true,
                                        attributes: [.posixPermissions: 0o700])
            let temporary = target.deletingLastPathComponent().appendingPathComponent(".\(address).\(UUID().uuidString).tmp")
            guard manager.createFile(atPath: temporary.path, contents: sealed, attributes: [.posixPermissions: 0o600]) else {
                throw EvidenceStorageError.write("cannot create a file in \(target.deletingLastPathComponent().path)")
            }
            try manager.moveItem(at: temporary, to: target)
        } catch let error as EvidenceStorageError {
            throw error
        } catch {
            throw EvidenceStorageError.write("\(error.localizedDescription)")
        }
        return address
    }

    /// The plaintext of a file stored with its own key.
    public func get(_ address: String, fileKey: [UInt8]) throws -> Data {
        let target = try url(address)
        guard let sealed = FileManager.default.contents(atPath: target.path) else { throw EvidenceStorageError.missing(address) }
        return try SealedFile.open(sealed, key: fileKey, address: address)
    }

    /// The plaintext of a stored file sealed by the vault (cases from before per-officer sealing).
    public func get(_ address: String) throws -> Data {
        let target = try url(address)
        guard let sealed = FileManager.default.contents(atPath: target.path) else { throw EvidenceStorageError.missing(address) }
        return try vault.openFile(sealed, context: Self.context(address))
    }

    /// Removes a stored file (retention); a file already gone is not an error. The bytes are
    /// overwritten with zeros before the file is unlinked.
    public func remove(_ address: String) throws {
        let target = try url(address)
        guard FileManager.default.fileExists(atPath: target.path) else { return }
        if let handle = FileHandle(forWritingAtPath: target.path) {
            let size = (try? handle.seekToEnd()) ?? 0
            try? handle.seek(toOffset: 0)
            try? handle.write(contentsOf: Data(count: Int(size)))
            try? handle.synchronize()
            try? handle.close()
        }
        try FileManager.default.removeItem(at: target)
    }

    /// Seals a stored file again under the current key (after a rotation). Returns whether it
    /// changed. The address stays: it names the file, whatever key sealed it.
    @discardableResult
    public func reseal(_ address: String) throws -> Bool {
        let target = try url(address)
        guard let sealed = FileManager.default.contents(atPath: target.path) else { throw EvidenceStorageError.missing(address) }
        guard !SealedFile.isSealedFile(sealed), ComplaintVault.keyID(ofFile: sealed) != vault.current.id else { return false }
        let plain = try vault.openFile(sealed, context: Self.context(address))
        let resealed = try vault.sealFile(plain, context: Self.context(address))
        let temporary = target.deletingLastPathComponent().appendingPathComponent(".\(address).\(UUID().uuidString).tmp")
        guard FileManager.default.createFile(atPath: temporary.path, contents: resealed, attributes: [.posixPermissions: 0o600]) else {
            throw EvidenceStorageError.write("cannot create a file in \(target.deletingLastPathComponent().path)")
        }
        // rename(2) replaces the file in one step: a reader sees the old or the new sealing.
        guard rename(temporary.path, target.path) == 0 else {
            try? FileManager.default.removeItem(at: temporary)
            throw EvidenceStorageError.write("cannot replace \(address.prefix(12))…")
        }
        return true
    }

    /// Every stored address (for finding files no case refers to).
    public func addresses() -> [String] {
        let manager = FileManager.default
        guard let shards = try? manager.contentsOfDirectory(atPath: directory.path) else { return [] }
        return shards.flatMap { shard in
            ((try? manager.contentsOfDirectory(atPath: directory.appendingPathComponent(shard).path)) ?? []).filter(Self.isValidAddress)
        }.sorted()
    }
}
