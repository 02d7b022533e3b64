import Foundation
import Crypto
import _CryptoExtras

/// รหัสรับเรื่อง — the receipt code a reporter gets once and uses to follow the case.
///
/// 20 decimal digits in five groups of four ("0412 9931 …"): easy to read aloud and to type on
/// a phone, and 10^20 ≈ 2^66.4 possibilities, so at least 64 bits of entropy (16 digits would
/// give only 53 bits). Every digit is drawn without bias from `SystemRandomNumberGenerator`.
/// The code itself is never stored: only `ReceiptVerifier` (a salted PBKDF2-HMAC-SHA256) and a
/// keyed lookup tag (`ComplaintVault.lookupTags`) that needs the vault key to compute.
public struct ReceiptCode: Hashable, Sendable, CustomStringConvertible {
    public static let digitCount = 20
    public static let groupSize = 4

    /// The digits only, no spaces.
    public let digits: String

    /// A new random code.
    public static func generate() -> ReceiptCode {
        var generator = SystemRandomNumberGenerator()
        return generate(using: &generator)
    }

    public static func generate<G: RandomNumberGenerator>(using generator: inout G) -> ReceiptCode {
        let digits = (0..<digitCount).map { _ in String(UInt8.random(in: 0...9, using: &generator)) }.joined()
        return ReceiptCode(validDigits: digits)
    }

    private init(validDigits: String) { self.digits = validDigits }

    /// Reads a code as a person typed it: spaces, dashes and dots are ignored, Thai digits
    /// are accepted. Nil unless exactly 20 digits remain.
    public init?(typed text: String) {
        var digits = ""
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x30...0x39: digits.unicodeScalars.append(scalar)
            case 0x0E50...0x0E59: digits.unicodeScalars.append(Unicode.Scalar(scalar.value - 0x0E50 + 0x30)!)
            case 0x20, 0x2D, 0x2E, 0x09, 0xA0: continue
            default: return nil
            }
            if digits.count > Self.digitCount { return nil }
        }
        guard digits.count == Self.digitCount else { return nil }
        self.digits = digits
    }

    /// The digits in groups of four separated by spaces, as shown and printed.
    public var grouped: String {
        var groups: [String] = []
        var rest = Substring(digits)
        while !rest.isEmpty {
            groups.append(String(rest.prefix(Self.groupSize)))
            rest = rest.dropFirst(Self.groupSize)
        }
        return groups.joined(separator: " ")
    }

    /// Never the code itself, so that it cannot reach a log by accident.
    public var description: String { "ReceiptCode(…)" }

    /// Bits of entropy of a code: log2(10^20).
    public static var entropyBits: Double { Double(digitCount) * log2(10) }
}

/// A salted, slow hash of a receipt code: `pbkdf2-sha256$<rounds>$<salt b64>$<hash b64>`.
/// Each code has its own 16-byte random salt; the default is 210,000 rounds (OWASP's figure
/// for PBKDF2-HMAC-SHA256). Someone holding a copy of the database and not the vault key
/// would have to run this for every one of 10^20 codes per case.
public struct ReceiptVerifier: Sendable, Hashable {
    public static let defaultRounds = 210_000
    public let encoded: String

    public init(encoded: String) { self.encoded = encoded }

    public static func make(for code: ReceiptCode, rounds: Int = defaultRounds) throws -> ReceiptVerifier {
        var generator = SystemRandomNumberGenerator()
        let salt = (0..<16).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        let hash = try derive(code, salt: salt, rounds: rounds)
        return ReceiptVerifier(encoded: "pbkdf2-sha256$\(rounds)$\(Data(salt).base64EncodedString())$\(Data(hash).base64EncodedString())")
    }

    /// True when the code is the one this verifier was made for (constant-time comparison).
    public func verify(_ code: ReceiptCode) -> Bool {
        if derivesReporterKey { return open(code).matches }
        let parts = encoded.split(separator: "$", omittingEmptySubsequences: false)
        guard parts.count == 4, parts[0] == "pbkdf2-sha256", let rounds = Int(parts[1]), rounds >= 1,
              let salt = Data(base64Encoded: String(parts[2])), let expected = Data(base64Encoded: String(parts[3])),
              let actual = try? Self.derive(code, salt: Array(salt), rounds: rounds)
        else { return false }
        return VaultBytes.constantTimeEqual(Array(expected), actual)
    }

    /// The v2 verifier of a new case and the reporter's key pair, both from one slow hash:
    /// `pbkdf2-sha256-v2$<rounds>$<salt>$<check>`, where PBKDF2 gives a master secret, the
    /// stored check is HKDF(master, "verify") and the reporter's X25519 private key is
    /// HKDF(master, "reporter-key"). Only the public half of that key is stored (it receives
    /// the case's reply key), so the code is the reporter's key: nobody can read what the
    /// reporter may read without it, and officers can still seal replies to them.
    public static func makeWithReporterKey(for code: ReceiptCode, rounds: Int = defaultRounds) throws -> (ReceiptVerifier, RecipientKeyPair) {
        let salt = VaultBytes.random(16)
        let master = try derive(code, salt: salt, rounds: rounds)
        let verifier = ReceiptVerifier(encoded: "pbkdf2-sha256-v2$\(rounds)$\(Data(salt).base64EncodedString())$\(Data(check(master)).base64EncodedString())")
        return (verifier, try reporterKey(master))
    }

    /// Whether this verifier carries a reporter key (v2) or is from before per-officer sealing.
    public var derivesReporterKey: Bool { encoded.hasPrefix("pbkdf2-sha256-v2$") }

    /// What a right code opens: nil for a wrong code; for a v2 verifier the reporter's key pair.
    public func open(_ code: ReceiptCode) -> (matches: Bool, reporterKey: RecipientKeyPair?) {
        let parts = encoded.split(separator: "$", omittingEmptySubsequences: false)
        guard parts.count == 4, parts[0] == "pbkdf2-sha256-v2", let rounds = Int(parts[1]), rounds >= 1,
              let salt = Data(base64Encoded: String(parts[2])), let expected = Data(base64Encoded: String(parts[3])),
              let master = try? Self.derive(code, salt: Array(salt), rounds: rounds)
        else { return (verify(code), nil) }
        guard VaultBytes.constantTimeEqual(Array(expected), Self.check(master)) else { return (false, nil) }
        return (true, try? Self.reporterKey(master))
    }

    static func check(_ master: [UInt8]) -> [UInt8] {
        HKDF<SHA256>.deriveKey(inputKeyMaterial: SymmetricKey(data: master), info: Array("sujarit-receipt-verify".utf8), outputByteCount: 32)
            .withUnsafeBytes { Array($0) }
    }

    static func reporterKey(_ master: [UInt8]) throws -> RecipientKeyPair {
        let raw = HKDF<SHA256>.deriveKey(inputKeyMaterial: SymmetricKey(data: master), info: Array("sujarit-reporter-key".utf8),
                                         outputByteCount: 32).withUnsafeBytes { Array($0) }
        return try RecipientKeyPair(rawPrivateKey: raw)
    }

    static func derive(_ code: ReceiptCode, salt: [UInt8], rounds: Int) throws -> [UInt8] {
        let key = try KDF.Insecure.PBKDF2.deriveKey(from: Array(code.digits.utf8), salt: salt, using: .sha256,
                                                     outputByteCount: 32, unsafeUncheckedRounds: rounds)
        return key.withUnsafeBytes { Array($0) }
    }
}

enum VaultBytes {
    static func constantTimeEqual(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        guard a.count == b.count else { return false }
        var diff: UInt8 = 0
        for i in 0..<a.count { diff |= a[i] ^ b[i] }
        return diff == 0
    }

    static func random(_ count: Int) -> [UInt8] {
        var generator = SystemRandomNumberGenerator()
        return (0..<count).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
    }
}
