import Foundation
import XCTest
@testable import SujaritVault

final class ReceiptCodeTests: XCTestCase {
    func testFormatAndEntropy() {
        let code = ReceiptCode.generate()
        XCTAssertEqual(code.digits.count, 20)
        XCTAssertTrue(code.digits.allSatisfy { $0.isASCII && $0.isNumber })
        XCTAssertEqual(code.grouped.split(separator: " ").map(\.count), [4, 4, 4, 4, 4])
        XCTAssertGreaterThanOrEqual(ReceiptCode.entropyBits, 64)
        XCTAssertFalse(code.description.contains(code.digits.prefix(8)), "a code never prints itself")
    }

    func testCodesAreUniformAndDistinct() {
        var seen = Set<String>()
        var counts = [Int](repeating: 0, count: 10)
        for _ in 0..<2_000 {
            let code = ReceiptCode.generate()
            seen.insert(code.digits)
            for digit in code.digits { counts[Int(String(digit))!] += 1 }
        }
        XCTAssertEqual(seen.count, 2_000)
        // 40,000 digits: each of the ten about 4,000 times (± far less than 10 %).
        for count in counts { XCTAssertTrue((3_600...4_400).contains(count), "\(counts)") }
    }

    func testTypedCodes() {
        XCTAssertEqual(ReceiptCode(typed: "1234 5678-9012.3456 7890")?.digits, "12345678901234567890")
        XCTAssertEqual(ReceiptCode(typed: "๑๒๓๔๕๖๗๘๙๐๑๒๓๔๕๖๗๘๙๐")?.digits, "12345678901234567890")
        XCTAssertNil(ReceiptCode(typed: "1234"))
        XCTAssertNil(ReceiptCode(typed: "1234 5678 9012 3456 7890 1"))
        XCTAssertNil(ReceiptCode(typed: "1234 5678 9012 3456 789x"))
    }

    func testVerifier() throws {
        let code = ReceiptCode.generate()
        let verifier = try ReceiptVerifier.make(for: code, rounds: 1_000)
        XCTAssertTrue(verifier.verify(code))
        XCTAssertFalse(verifier.encoded.contains(code.digits))
        XCTAssertFalse(verifier.verify(ReceiptCode.generate()))
        var changed = Array(code.digits)
        changed[19] = changed[19] == "0" ? "1" : "0"
        XCTAssertFalse(verifier.verify(ReceiptCode(typed: String(changed))!))
        // Same code, another salt: another hash.
        XCTAssertNotEqual(try ReceiptVerifier.make(for: code, rounds: 1_000).encoded, verifier.encoded)
        XCTAssertFalse(ReceiptVerifier(encoded: "garbage").verify(code))
        XCTAssertTrue(ReceiptVerifier.defaultRounds >= 200_000)
        XCTAssertTrue(try ReceiptVerifier.make(for: code).encoded.hasPrefix("pbkdf2-sha256$210000$"))
    }
}

final class ComplaintVaultTests: XCTestCase {
    func testSealOpenAndContext() throws {
        let vault = ComplaintVault.ephemeral()
        let sealed = try vault.seal("นายก อบต. เรียกเงิน 50,000 บาท", context: "case:1:report")
        XCTAssertFalse(sealed.contains("50,000"))
        XCTAssertTrue(sealed.hasPrefix("s1:ephemeral:"))
        XCTAssertEqual(try vault.openText(sealed, context: "case:1:report"), "นายก อบต. เรียกเงิน 50,000 บาท")
        XCTAssertThrowsError(try vault.open(sealed, context: "case:2:report")) { XCTAssertEqual($0 as? VaultError, .authenticationFailed) }
        // Two seals of the same text differ (fresh nonce).
        XCTAssertNotEqual(try vault.seal("x", context: "c"), try vault.seal("x", context: "c"))
    }

    func testTamperIsDetected() throws {
        let vault = ComplaintVault.ephemeral()
        let sealed = try vault.seal("evidence", context: "c")
        let parts = sealed.split(separator: ":").map(String.init)
        var bytes = Array(Data(base64Encoded: parts[2])!)
        for index in [0, 12, bytes.count / 2, bytes.count - 1] {
            var copy = bytes
            copy[index] ^= 0x01
            let tampered = "s1:\(parts[1]):\(Data(copy).base64EncodedString())"
            XCTAssertThrowsError(try vault.open(tampered, context: "c"), "byte \(index)")
        }
        bytes.removeLast()
        XCTAssertThrowsError(try vault.open("s1:\(parts[1]):\(Data(bytes).base64EncodedString())", context: "c"))
        XCTAssertThrowsError(try vault.open("not sealed", context: "c")) { XCTAssertEqual($0 as? VaultError, .malformedCiphertext) }
    }

    func testWrongKeyFails() throws {
        let a = ComplaintVault.ephemeral(), b = ComplaintVault.ephemeral()
        XCTAssertThrowsError(try b.open(try a.seal("x", context: "c"), context: "c"))
    }

    func testRotation() throws {
        let old = try VaultKey.generate(id: "k1")
        let before = try ComplaintVault(keys: [old])
        let sealed = try before.seal("report", context: "c")
        let code = ReceiptCode.generate()
        let oldTag = before.lookupTag(for: code)

        let after = try ComplaintVault(keys: [old, VaultKey.generate(id: "k2")])
        XCTAssertEqual(after.current.id, "k2")
        XCTAssertEqual(try after.openText(sealed, context: "c"), "report", "older content still opens")
        XCTAssertTrue(after.lookupTags(for: code).contains(oldTag), "older receipts are still found")
        XCTAssertNotEqual(after.lookupTag(for: code), oldTag)
        let resealed = try after.reseal(sealed, context: "c")
        XCTAssertEqual(ComplaintVault.keyID(of: resealed), "k2")
        XCTAssertEqual(try after.openText(resealed, context: "c"), "report")

        // Without the old key, old content does not open, with a message naming the key.
        let withoutOld = try ComplaintVault(keys: [VaultKey.generate(id: "k2")])
        XCTAssertThrowsError(try withoutOld.open(sealed, context: "c")) { XCTAssertEqual($0 as? VaultError, .unknownKey("k1")) }
        XCTAssertThrowsError(try ComplaintVault(keys: [old, old]))
        XCTAssertThrowsError(try ComplaintVault(keys: []))
    }

    func testKeyFileCreatedWith0600AndRotated() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("vault-\(UUID().uuidString).key").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        var warnings: [String] = []
        let first = try VaultKeySource.file(path: path).load { warnings.append($0) }
        XCTAssertEqual(warnings.count, 1)
        let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? NSNumber
        XCTAssertEqual(mode?.intValue, 0o600)
        let sealed = try first.seal("x", context: "c")

        let again = try VaultKeySource.file(path: path).load { warnings.append($0) }
        XCTAssertEqual(warnings.count, 1, "an existing file is read, not replaced")
        XCTAssertEqual(again.current.id, first.current.id)

        let newID = try VaultKeySource.rotateKeyFile(at: path)
        let rotated = try VaultKeySource.file(path: path).load()
        XCTAssertEqual(rotated.current.id, newID)
        XCTAssertEqual(try rotated.openText(sealed, context: "c"), "x")
    }

    func testEnvironmentKeys() throws {
        let k = Data(repeating: 7, count: 32).base64EncodedString()
        XCTAssertEqual(try VaultKeySource.environment(k).load().current.id, "env1")
        let two = try VaultKeySource.environment("old:\(k),new:\(Data(repeating: 9, count: 32).base64EncodedString())").load()
        XCTAssertEqual(two.current.id, "new")
        XCTAssertEqual(two.keyIDs, ["new", "old"])
        XCTAssertThrowsError(try VaultKeySource.environment("c2hvcnQ=").load())
        if case .environment = VaultKeySource.fromEnvironment(["SUJARIT_VAULT_KEY": k]) {} else { XCTFail() }
        if case .file(let path) = VaultKeySource.fromEnvironment([:]) { XCTAssertEqual(path, "sujarit-vault.key") } else { XCTFail() }
    }
}
