import Foundation
import Crypto

/// One key of the vault: a short id (stored beside every ciphertext made with it) and 32
/// random bytes. The database never holds a key.
public struct VaultKey: Sendable {
    public let id: String
    let material: SymmetricKey

    public init(id: String, bytes: [UInt8]) throws {
        guard Self.isValidID(id) else { throw VaultError.invalidKeyID(id) }
        guard bytes.count == 32 else { throw VaultError.invalidKeyLength(id) }
        self.id = id
        self.material = SymmetricKey(data: bytes)
    }

    /// A new random key.
    public static func generate(id: String) throws -> VaultKey {
        try VaultKey(id: id, bytes: VaultBytes.random(32))
    }

    /// Key ids: 1–32 letters, digits, "-" or "_".
    public static func isValidID(_ id: String) -> Bool {
        !id.isEmpty && id.count <= 32 && id.unicodeScalars.allSatisfy {
            ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || $0 == "-" || $0 == "_"
        }
    }

    var base64: String { material.withUnsafeBytes { Data($0).base64EncodedString() } }

    /// Separate keys for separate purposes, derived from the one stored key.
    func derived(_ purpose: String) -> SymmetricKey {
        HKDF<SHA256>.deriveKey(inputKeyMaterial: material, salt: Array("sujarit-vault".utf8),
                               info: Array(purpose.utf8), outputByteCount: 32)
    }
}

public enum VaultError: Error, Equatable, CustomStringConvertible {
    case invalidKeyID(String)
    case invalidKeyLength(String)
    case duplicateKeyID(String)
    case noKeys
    case unknownKey(String)
    case malformedCiphertext
    /// The ciphertext was changed, belongs to another record, or the key is wrong.
    case authenticationFailed
    case keyFile(String)

    public var description: String {
        switch self {
        case .invalidKeyID(let id): "vault key id \"\(id.prefix(40))\" is not 1–32 letters, digits, - or _"
        case .invalidKeyLength(let id): "vault key \(id) is not 32 bytes (base64 of 32 random bytes)"
        case .duplicateKeyID(let id): "vault key id \(id) appears twice"
        case .noKeys: "no vault key configured"
        case .unknownKey(let id): "content was sealed with vault key \(id), which is not configured (add it back to the key file)"
        case .malformedCiphertext: "sealed content is malformed"
        case .authenticationFailed: "sealed content failed authentication (changed, moved or wrong key)"
        case .keyFile(let message): message
        }
    }
}

/// ตู้นิรภัย — seals and opens complaint content and computes receipt lookup tags.
///
/// Content is sealed with ChaCha20-Poly1305 under a key derived from the current vault key;
/// the sealed text is `s1:<key id>:<base64 nonce|ciphertext|tag>`, and the context (which
/// record and field it belongs to) is authenticated too, so a ciphertext copied to another case
/// or field does not open. Rotation: a new key becomes current, older keys stay to open what
/// was sealed with them (`reseal` moves content to the current key).
public struct ComplaintVault: Sendable {
    /// The key new content is sealed with.
    public let current: VaultKey
    private let keys: [String: VaultKey]

    /// `keys` oldest first; the last one is current.
    public init(keys: [VaultKey]) throws {
        guard let last = keys.last else { throw VaultError.noKeys }
        var byID: [String: VaultKey] = [:]
        for key in keys {
            guard byID[key.id] == nil else { throw VaultError.duplicateKeyID(key.id) }
            byID[key.id] = key
        }
        self.current = last
        self.keys = byID
    }

    /// A vault with one random key that lives only in memory (tests).
    public static func ephemeral() -> ComplaintVault {
        try! ComplaintVault(keys: [VaultKey.generate(id: "ephemeral")])
    }

    public var keyIDs: [String] { keys.keys.sorted() }

    func key(_ id: String) -> VaultKey? { keys[id] }

    public func seal(_ plaintext: Data, context: String) throws -> String {
        let box = try ChaChaPoly.seal(plaintext, using: current.derived("seal-v1"), authenticating: Data(context.utf8))
        return "s1:\(current.id):\(box.combined.base64EncodedString())"
    }

    public func seal(_ text: String, context: String) throws -> String {
        try seal(Data(text.utf8), context: context)
    }

    public func open(_ sealed: String, context: String) throws -> Data {
        let parts = sealed.split(separator: ":", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0] == "s1", let combined = Data(base64Encoded: String(parts[2])) else {
            throw VaultError.malformedCiphertext
        }
        guard let key = keys[String(parts[1])] else { throw VaultError.unknownKey(String(parts[1])) }
        do {
            let box = try ChaChaPoly.SealedBox(combined: combined)
            return try ChaChaPoly.open(box, using: key.derived("seal-v1"), authenticating: Data(context.utf8))
        } catch {
            throw VaultError.authenticationFailed
        }
    }

    public func openText(_ sealed: String, context: String) throws -> String {
        String(decoding: try open(sealed, context: context), as: UTF8.self)
    }

    /// The key id a sealed text names.
    public static func keyID(of sealed: String) -> String? {
        let parts = sealed.split(separator: ":", maxSplits: 2, omittingEmptySubsequences: false)
        return parts.count == 3 ? String(parts[1]) : nil
    }

    /// Opens with whatever key sealed it and seals again under the current key (rotation).
    public func reseal(_ sealed: String, context: String) throws -> String {
        if Self.keyID(of: sealed) == current.id { return sealed }
        return try seal(try open(sealed, context: context), context: context)
    }

    /// The lookup tag a new case stores: HMAC-SHA256 of the code under a key derived from the
    /// current vault key. Fast to compute with the key, useless without it.
    public func lookupTag(for code: ReceiptCode) -> String {
        Self.tag(code, key: current)
    }

    /// The tags under every configured key, to find a case whatever key was current when it
    /// was made.
    public func lookupTags(for code: ReceiptCode) -> [String] {
        keys.values.sorted { $0.id < $1.id }.map { Self.tag(code, key: $0) }
    }

    private static func tag(_ code: ReceiptCode, key: VaultKey) -> String {
        let mac = HMAC<SHA256>.authenticationCode(for: Array(code.digits.utf8), using: key.derived("receipt-lookup-v1"))
        return mac.map { String(format: "%02x", $0) }.joined()
    }

    /// A keyed hash for values that must never be kept in the clear, not even in memory
    /// (a client address for rate limiting): HMAC-SHA256 under a per-process random key.
    public static func ephemeralHasher() -> @Sendable (String) -> String {
        let key = SymmetricKey(size: .bits256)
        return { value in
            HMAC<SHA256>.authenticationCode(for: Array(value.utf8), using: key).prefix(16)
                .map { String(format: "%02x", $0) }.joined()
        }
    }
}

/// Where the vault keys come from: `SUJARIT_VAULT_KEY` (base64 of 32 bytes, or
/// `id:base64,id:base64,…` oldest first) or a key file (`SUJARIT_VAULT_KEY_FILE`, default
/// `sujarit-vault.key`): one key a line, `<id> <base64>`, oldest first, the last line current,
/// `#` comments. A missing file is created with one new key, mode 0600.
public enum VaultKeySource: Sendable {
    case environment(String)
    case file(path: String)

    public static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment) -> VaultKeySource {
        if let value = environment["SUJARIT_VAULT_KEY"], !value.isEmpty { return .environment(value) }
        return .file(path: environment["SUJARIT_VAULT_KEY_FILE"].flatMap { $0.isEmpty ? nil : $0 } ?? "sujarit-vault.key")
    }

    /// Loads the vault; `warn` is told when a key file was created.
    public func load(warn: (String) -> Void = { _ in }) throws -> ComplaintVault {
        switch self {
        case .environment(let value):
            let entries = value.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            var keys: [VaultKey] = []
            for (index, entry) in entries.enumerated() {
                let pair = entry.split(separator: ":", maxSplits: 1).map(String.init)
                let (id, text) = pair.count == 2 ? (pair[0], pair[1]) : ("env\(index + 1)", pair[0])
                guard let bytes = Data(base64Encoded: text) else { throw VaultError.invalidKeyLength(id) }
                keys.append(try VaultKey(id: id, bytes: Array(bytes)))
            }
            return try ComplaintVault(keys: keys)
        case .file(let path):
            if !FileManager.default.fileExists(atPath: path) {
                try Self.createKeyFile(at: path)
                warn("""
                    Created the complaint vault key file \(path) (mode 0600). It encrypts every complaint: \
                    back it up apart from the database — without it complaints cannot be read. \
                    Set SUJARIT_VAULT_KEY_FILE or SUJARIT_VAULT_KEY to use another key.
                    """)
            }
            return try Self.readKeyFile(at: path)
        }
    }

    static func createKeyFile(at path: String) throws {
        let key = try VaultKey.generate(id: Self.newKeyID())
        let text = "# Sujarit complaint vault keys: <id> <base64 of 32 bytes>, oldest first; the last is current.\n\(key.id) \(key.base64)\n"
        let created = FileManager.default.createFile(atPath: path, contents: Data(text.utf8), attributes: [.posixPermissions: 0o600])
        guard created else { throw VaultError.keyFile("cannot create the vault key file \(path)") }
    }

    /// Appends a new current key to a key file; older keys stay to open older content.
    @discardableResult
    public static func rotateKeyFile(at path: String) throws -> String {
        guard let handle = FileHandle(forUpdatingAtPath: path) else { throw VaultError.keyFile("cannot open the vault key file \(path)") }
        defer { try? handle.close() }
        let key = try VaultKey.generate(id: newKeyID())
        try handle.seekToEnd()
        try handle.write(contentsOf: Data("\(key.id) \(key.base64)\n".utf8))
        return key.id
    }

    static func newKeyID() -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMdd"
        return "k" + formatter.string(from: Date()) + "-" + VaultBytes.random(3).map { String(format: "%02x", $0) }.joined()
    }

    public static func readKeyFile(at path: String) throws -> ComplaintVault {
        guard let data = FileManager.default.contents(atPath: path) else { throw VaultError.keyFile("cannot read the vault key file \(path)") }
        var keys: [VaultKey] = []
        for line in String(decoding: data, as: UTF8.self).split(whereSeparator: \.isNewline) {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            let parts = trimmed.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
            guard parts.count == 2, let bytes = Data(base64Encoded: parts[1]) else {
                throw VaultError.keyFile("the vault key file \(path) has a line that is not \"<id> <base64>\"")
            }
            keys.append(try VaultKey(id: parts[0], bytes: Array(bytes)))
        }
        return try ComplaintVault(keys: keys)
    }
}
