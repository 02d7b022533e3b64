import Foundation
import Crypto
import _CryptoExtras
import SujaritCore

/// การปิดผนึกเรื่องร้องเรียนถึงเจ้าหน้าที่ — sealing each case to the people who may read it.
///
/// Every case has two random content keys: the **case key** (the report, the reporter's
/// identity, internal notes, evidence the officers recorded) and the **reply key** (what the
/// reporter may read again: replies and the reporter's own additions and files). Each key is
/// *wrapped* for every recipient: an officer's or an outside body's X25519 public key, the
/// organization's (or province's) offline recovery key, the reporter's key derived from the
/// receipt code (reply key only) and, only while nobody else can receive it, the server's vault
/// key. Wrapping needs only the recipient's public key, so a new report is sealed without any
/// officer's secret. See docs/complaint-sealing.md for the threat model.
public enum CaseSealing {}

public enum SealingError: Error, Equatable, CustomStringConvertible {
    case malformed(String)
    /// Wrong key, changed bytes, or a wrapped key moved to another case or recipient.
    case cannotOpen(String)
    /// The password did not open the officer's private key.
    case wrongPassword

    public var description: String {
        switch self {
        case .malformed(let what): "\(what) is malformed"
        case .cannotOpen(let what): "\(what) does not open with this key (changed, moved or a wrong key)"
        case .wrongPassword: "the password does not open this officer key"
        }
    }
}

extension CaseKeyKind {
    var tag: String { self == .caseKey ? "c" : "r" }
}

/// One content key of a case: 32 random bytes that seal text and small JSON documents with
/// ChaCha20-Poly1305. The sealed text is `k1:<c|r>:<base64 nonce|ciphertext|tag>`; the letter
/// names which key sealed it, and the context (case and field) is authenticated.
public struct ContentKey: Sendable, Equatable {
    public let kind: CaseKeyKind
    let bytes: [UInt8]

    public init(kind: CaseKeyKind, bytes: [UInt8]) throws {
        guard bytes.count == 32 else { throw SealingError.malformed("content key") }
        self.kind = kind
        self.bytes = bytes
    }

    public static func generate(_ kind: CaseKeyKind) -> ContentKey {
        try! ContentKey(kind: kind, bytes: VaultBytes.random(32))
    }

    var symmetric: SymmetricKey { SymmetricKey(data: bytes) }

    public func seal(_ data: Data, context: String) throws -> String {
        let box = try ChaChaPoly.seal(data, using: symmetric, authenticating: Data(context.utf8))
        return "k1:\(kind.tag):\(box.combined.base64EncodedString())"
    }

    public func seal(_ text: String, context: String) throws -> String { try seal(Data(text.utf8), context: context) }

    public func open(_ sealed: String, context: String) throws -> Data {
        guard let (kind, combined) = Self.parse(sealed) else { throw SealingError.malformed("sealed content") }
        guard kind == self.kind else { throw SealingError.cannotOpen("content sealed with the \(kind.rawValue) key") }
        do {
            return try ChaChaPoly.open(try ChaChaPoly.SealedBox(combined: combined), using: symmetric, authenticating: Data(context.utf8))
        } catch {
            throw SealingError.cannotOpen("sealed content")
        }
    }

    /// Which content key sealed a text (`nil` for text sealed some other way, e.g. the vault's
    /// `s1:` of cases made before per-officer sealing).
    public static func kind(of sealed: String) -> CaseKeyKind? { parse(sealed)?.0 }

    static func parse(_ sealed: String) -> (CaseKeyKind, Data)? {
        let parts = sealed.split(separator: ":", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0] == "k1", let combined = Data(base64Encoded: String(parts[2])) else { return nil }
        switch parts[1] {
        case "c": return (.caseKey, combined)
        case "r": return (.replyKey, combined)
        default: return nil
        }
    }

    /// A file's own key, for evidence: files are sealed under a key of their own, and that key
    /// travels inside the file's sealed description (so it is readable exactly as the
    /// description is).
    public static func fileKey() -> [UInt8] { VaultBytes.random(32) }

    public var base64: String { Data(bytes).base64EncodedString() }
}

/// A key pair of a recipient (an officer, an outside body, a recovery key, a reporter).
public struct RecipientKeyPair: Sendable {
    public let privateKey: Curve25519.KeyAgreement.PrivateKey

    public init(privateKey: Curve25519.KeyAgreement.PrivateKey) { self.privateKey = privateKey }

    public static func generate() -> RecipientKeyPair { RecipientKeyPair(privateKey: .init()) }

    public init(rawPrivateKey bytes: [UInt8]) throws {
        do { privateKey = try .init(rawRepresentation: bytes) } catch { throw SealingError.malformed("private key") }
    }

    /// The public key as stored (base64 of 32 bytes).
    public var publicKey: String { privateKey.publicKey.rawRepresentation.base64EncodedString() }
    var rawPrivate: [UInt8] { [UInt8](privateKey.rawRepresentation) }

    /// A short, printable name of a public key: the first 16 hex digits of its SHA-256.
    public static func fingerprint(of publicKey: String) -> String {
        SHA256.hash(data: Data(publicKey.utf8)).prefix(8).map { String(format: "%02x", $0) }.joined()
    }

    public var fingerprint: String { Self.fingerprint(of: publicKey) }
}

/// Wrapping a content key for one recipient's public key: an ephemeral X25519 key agreement,
/// HKDF-SHA256 over the shared secret (salted with both public keys, the context as info), and
/// ChaCha20-Poly1305 with the context as authenticated data. The text is
/// `w1:<ephemeral public key>:<box>`. The context names the case, the key kind and the
/// recipient, so a wrapped key copied to another row does not open.
public enum KeyWrap {
    public static func wrap(_ key: ContentKey, to publicKey: String, context: String) throws -> String {
        guard let raw = Data(base64Encoded: publicKey),
              let recipient = try? Curve25519.KeyAgreement.PublicKey(rawRepresentation: raw) else {
            throw SealingError.malformed("recipient public key")
        }
        let ephemeral = Curve25519.KeyAgreement.PrivateKey()
        let symmetric = try derive(ephemeral.sharedSecretFromKeyAgreement(with: recipient),
                                   ephemeral: ephemeral.publicKey.rawRepresentation, recipient: raw, context: context)
        let box = try ChaChaPoly.seal(Data(key.bytes), using: symmetric, authenticating: Data(context.utf8))
        return "w1:\(ephemeral.publicKey.rawRepresentation.base64EncodedString()):\(box.combined.base64EncodedString())"
    }

    public static func unwrap(_ wrapped: String, kind: CaseKeyKind, with pair: RecipientKeyPair, context: String) throws -> ContentKey {
        let parts = wrapped.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0] == "w1", let ephemeralRaw = Data(base64Encoded: String(parts[1])),
              let combined = Data(base64Encoded: String(parts[2])),
              let ephemeral = try? Curve25519.KeyAgreement.PublicKey(rawRepresentation: ephemeralRaw) else {
            throw SealingError.malformed("wrapped key")
        }
        do {
            let symmetric = try derive(pair.privateKey.sharedSecretFromKeyAgreement(with: ephemeral), ephemeral: ephemeralRaw,
                                       recipient: pair.privateKey.publicKey.rawRepresentation, context: context)
            let bytes = try ChaChaPoly.open(try ChaChaPoly.SealedBox(combined: combined), using: symmetric, authenticating: Data(context.utf8))
            return try ContentKey(kind: kind, bytes: [UInt8](bytes))
        } catch {
            throw SealingError.cannotOpen("wrapped key")
        }
    }

    static func derive(_ secret: SharedSecret, ephemeral: Data, recipient: Data, context: String) throws -> SymmetricKey {
        secret.hkdfDerivedSymmetricKey(using: SHA256.self, salt: ephemeral + recipient,
                                       sharedInfo: Data("sujarit-key-wrap-v1|\(context)".utf8), outputByteCount: 32)
    }
}

/// An officer's private key kept under a secret: their password (PBKDF2-HMAC-SHA256, salted,
/// `p1:<rounds>:<salt>:<box>`) at rest, and a random secret that only the officer's browser
/// (a cookie) or script (the API token) holds for a signed-in session (`x1:<box>`).
public enum PrivateKeyLock {
    public static let defaultRounds = 210_000

    public static func lock(_ pair: RecipientKeyPair, password: String, rounds: Int = defaultRounds, context: String) throws -> String {
        let salt = VaultBytes.random(16)
        let key = try passwordKey(password, salt: salt, rounds: rounds)
        let box = try ChaChaPoly.seal(Data(pair.rawPrivate), using: key, authenticating: Data(context.utf8))
        return "p1:\(rounds):\(Data(salt).base64EncodedString()):\(box.combined.base64EncodedString())"
    }

    public static func open(_ locked: String, password: String, context: String) throws -> RecipientKeyPair {
        let parts = locked.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 4, parts[0] == "p1", let rounds = Int(parts[1]), (1...10_000_000).contains(rounds),
              let salt = Data(base64Encoded: String(parts[2])), let combined = Data(base64Encoded: String(parts[3])) else {
            throw SealingError.malformed("locked officer key")
        }
        let key = try passwordKey(password, salt: [UInt8](salt), rounds: rounds)
        guard let raw = try? ChaChaPoly.open(try ChaChaPoly.SealedBox(combined: combined), using: key, authenticating: Data(context.utf8))
        else { throw SealingError.wrongPassword }
        return try RecipientKeyPair(rawPrivateKey: [UInt8](raw))
    }

    static func passwordKey(_ password: String, salt: [UInt8], rounds: Int) throws -> SymmetricKey {
        let normalized = password.precomposedStringWithCanonicalMapping
        return try KDF.Insecure.PBKDF2.deriveKey(from: Array(normalized.utf8), salt: salt, using: .sha256,
                                                 outputByteCount: 32, unsafeUncheckedRounds: rounds)
    }

    /// A new random secret for a signed-in session (base64url, 43 characters).
    public static func newSessionSecret() -> String {
        Data(VaultBytes.random(32)).base64EncodedString().replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }

    /// The private key under a secret the client holds (session cookie secret, API token): a
    /// key derived from the secret with HKDF; the server keeps only the box.
    public static func lock(_ pair: RecipientKeyPair, secret: String, context: String) throws -> String {
        let box = try ChaChaPoly.seal(Data(pair.rawPrivate), using: secretKey(secret), authenticating: Data(context.utf8))
        return "x1:\(box.combined.base64EncodedString())"
    }

    public static func open(_ locked: String, secret: String, context: String) throws -> RecipientKeyPair {
        guard locked.hasPrefix("x1:"), let combined = Data(base64Encoded: String(locked.dropFirst(3))) else {
            throw SealingError.malformed("session officer key")
        }
        guard let raw = try? ChaChaPoly.open(try ChaChaPoly.SealedBox(combined: combined), using: secretKey(secret),
                                             authenticating: Data(context.utf8))
        else { throw SealingError.cannotOpen("session officer key") }
        return try RecipientKeyPair(rawPrivateKey: [UInt8](raw))
    }

    static func secretKey(_ secret: String) -> SymmetricKey {
        HKDF<SHA256>.deriveKey(inputKeyMaterial: SymmetricKey(data: Data(secret.utf8)), salt: Array("sujarit-officer-key".utf8),
                               info: Array("client-secret-v1".utf8), outputByteCount: 32)
    }
}

extension ComplaintVault {
    /// A content key wrapped for the server itself (the vault key): used only while a case has
    /// no recipient who could pass its keys on — before an organization's first officer has a
    /// key pair, and for cases sealed before per-officer sealing, until they are upgraded.
    public func wrapForServer(_ key: ContentKey, context: String) throws -> String {
        try seal(Data(key.bytes), context: "server-wrap:\(context)")
    }

    public func unwrapForServer(_ wrapped: String, kind: CaseKeyKind, context: String) throws -> ContentKey {
        try ContentKey(kind: kind, bytes: [UInt8](open(wrapped, context: "server-wrap:\(context)")))
    }
}

/// The offline recovery key of an organization (or of a province's outside body): its public
/// half is stored and receives every case's keys; its private half is written once to a file
/// to print or keep on a USB stick in a safe, and is never stored by the server.
public enum RecoveryKeyFile {
    static let header = "sujarit-recovery-key v1"

    /// The text of a recovery key file.
    public static func text(pair: RecipientKeyPair, scope: String) -> String {
        """
        \(header)
        scope \(scope)
        fingerprint \(pair.fingerprint)
        private \(Data(pair.rawPrivate).base64EncodedString())
        # Keep this offline (printed, or on removable media in a safe). With the database it opens
        # every complaint of its scope. Sujarit does not keep it.

        """
    }

    public static func read(_ text: String) throws -> (pair: RecipientKeyPair, scope: String) {
        var scope: String?
        var privateKey: String?
        var sawHeader = false
        for line in text.split(whereSeparator: \.isNewline).map({ $0.trimmingCharacters(in: .whitespaces) }) {
            if line == header { sawHeader = true }
            if line.hasPrefix("scope ") { scope = String(line.dropFirst(6)) }
            if line.hasPrefix("private ") { privateKey = String(line.dropFirst(8)) }
        }
        guard sawHeader, let scope, let privateKey, let raw = Data(base64Encoded: privateKey) else {
            throw SealingError.malformed("recovery key file (expected “\(header)”, a scope and a private line)")
        }
        return (try RecipientKeyPair(rawPrivateKey: [UInt8](raw)), scope)
    }
}

/// Evidence files sealed under a key of their own: `SJV2`, then the ChaCha20-Poly1305 box of
/// the content with the storage address as authenticated data.
public enum SealedFile {
    static let magic = Array("SJV2".utf8)

    public static func seal(_ data: Data, key: [UInt8], address: String) throws -> Data {
        let box = try ChaChaPoly.seal(data, using: SymmetricKey(data: key), authenticating: Data(address.utf8))
        return Data(magic) + box.combined
    }

    public static func open(_ sealed: Data, key: [UInt8], address: String) throws -> Data {
        let bytes = [UInt8](sealed)
        guard bytes.count > 4, Array(bytes.prefix(4)) == magic else { throw SealingError.malformed("sealed evidence file") }
        do {
            return try ChaChaPoly.open(try ChaChaPoly.SealedBox(combined: Data(bytes[4...])), using: SymmetricKey(data: key),
                                       authenticating: Data(address.utf8))
        } catch {
            throw SealingError.cannotOpen("sealed evidence file")
        }
    }

    public static func isSealedFile(_ data: Data) -> Bool { data.count > 4 && Array(data.prefix(4)) == magic }
}
