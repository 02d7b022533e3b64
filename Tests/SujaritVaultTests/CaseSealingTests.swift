import Foundation
import XCTest
import SujaritCore
@testable import SujaritVault

/// Per-officer sealing: content keys, copies wrapped to public keys, officers' keys locked by
/// password or by a client-held secret, the reporter's key from the receipt code, recovery
/// key files and files sealed under their own key.
final class CaseSealingTests: XCTestCase {
    let caseID = UUID()

    func testContentKeysSealAndOpenOnlyTheirOwnContext() throws {
        let key = ContentKey.generate(.caseKey)
        let sealed = try key.seal("นายก อบต. เรียกเงิน", context: "complaint:1:report")
        XCTAssertTrue(sealed.hasPrefix("k1:c:"))
        XCTAssertFalse(sealed.contains("นายก"))
        XCTAssertEqual(String(decoding: try key.open(sealed, context: "complaint:1:report"), as: UTF8.self), "นายก อบต. เรียกเงิน")
        XCTAssertEqual(ContentKey.kind(of: sealed), .caseKey)
        XCTAssertThrowsError(try key.open(sealed, context: "complaint:2:report"), "moved to another case")
        XCTAssertThrowsError(try ContentKey.generate(.caseKey).open(sealed, context: "complaint:1:report"), "another case's key")
        XCTAssertThrowsError(try ContentKey.generate(.replyKey).open(sealed, context: "complaint:1:report"), "the reply key does not open case-key content")
        XCTAssertNil(ContentKey.kind(of: "s1:k1:abc"), "vault-sealed text is told apart")
    }

    func testWrappedKeysOpenOnlyForTheirRecipient() throws {
        let officer = RecipientKeyPair.generate(), other = RecipientKeyPair.generate()
        let key = ContentKey.generate(.replyKey)
        let context = WrappedCaseKey.context(caseID: caseID, key: .replyKey, recipient: .officer, recipientID: UUID())
        // Wrapping needs the public key only.
        let wrapped = try KeyWrap.wrap(key, to: officer.publicKey, context: context)
        XCTAssertEqual(try KeyWrap.unwrap(wrapped, kind: .replyKey, with: officer, context: context), key)
        XCTAssertThrowsError(try KeyWrap.unwrap(wrapped, kind: .replyKey, with: other, context: context))
        XCTAssertThrowsError(try KeyWrap.unwrap(wrapped, kind: .replyKey, with: officer, context: context + "x"), "copied to another row")
        XCTAssertNotEqual(try KeyWrap.wrap(key, to: officer.publicKey, context: context), wrapped, "a fresh ephemeral key each time")
        XCTAssertThrowsError(try KeyWrap.wrap(key, to: "not a key", context: context))
    }

    func testOfficerKeysAreLockedByPasswordOrClientSecret() throws {
        let pair = RecipientKeyPair.generate()
        let locked = try PrivateKeyLock.lock(pair, password: "รหัสผ่านยาวพอ", rounds: 1_000, context: "officer-key:a")
        XCTAssertEqual(try PrivateKeyLock.open(locked, password: "รหัสผ่านยาวพอ", context: "officer-key:a").publicKey, pair.publicKey)
        // The same password typed in another Unicode normal form opens it too.
        let decomposed = "รหัสผ่านยาวพอ".decomposedStringWithCanonicalMapping
        XCTAssertEqual(try PrivateKeyLock.open(locked, password: decomposed, context: "officer-key:a").publicKey, pair.publicKey)
        XCTAssertThrowsError(try PrivateKeyLock.open(locked, password: "wrong password", context: "officer-key:a")) {
            XCTAssertEqual($0 as? SealingError, .wrongPassword)
        }
        XCTAssertThrowsError(try PrivateKeyLock.open(locked, password: "รหัสผ่านยาวพอ", context: "officer-key:b"), "another officer's row")
        XCTAssertTrue(try PrivateKeyLock.lock(pair, password: "p", context: "c").hasPrefix("p1:210000:"))

        let secret = PrivateKeyLock.newSessionSecret()
        XCTAssertEqual(secret.count, 43)
        let session = try PrivateKeyLock.lock(pair, secret: secret, context: "officer-session:a")
        XCTAssertEqual(try PrivateKeyLock.open(session, secret: secret, context: "officer-session:a").publicKey, pair.publicKey)
        XCTAssertThrowsError(try PrivateKeyLock.open(session, secret: PrivateKeyLock.newSessionSecret(), context: "officer-session:a"))
    }

    func testReceiptCodeDerivesTheReportersKey() throws {
        let code = ReceiptCode.generate()
        let (verifier, pair) = try ReceiptVerifier.makeWithReporterKey(for: code, rounds: 1_000)
        XCTAssertTrue(verifier.encoded.hasPrefix("pbkdf2-sha256-v2$1000$"))
        XCTAssertFalse(verifier.encoded.contains(code.digits))
        XCTAssertFalse(verifier.encoded.contains(pair.publicKey), "the verifier does not give the reporter's key away")
        let opened = verifier.open(code)
        XCTAssertTrue(opened.matches)
        XCTAssertEqual(opened.reporterKey?.publicKey, pair.publicKey, "the same code gives the same key again")
        XCTAssertTrue(verifier.verify(code))
        let wrong = verifier.open(ReceiptCode.generate())
        XCTAssertFalse(wrong.matches)
        XCTAssertNil(wrong.reporterKey)
        // Another case with the same code would get another salt, so another key.
        XCTAssertNotEqual(try ReceiptVerifier.makeWithReporterKey(for: code, rounds: 1_000).1.publicKey, pair.publicKey)
        // A verifier from before per-officer sealing still checks the code, with no key.
        let old = try ReceiptVerifier.make(for: code, rounds: 1_000)
        XCTAssertTrue(old.open(code).matches)
        XCTAssertNil(old.open(code).reporterKey)
        XCTAssertFalse(old.derivesReporterKey)
    }

    func testRecoveryKeyFileRoundTrip() throws {
        let pair = RecipientKeyPair.generate()
        let text = RecoveryKeyFile.text(pair: pair, scope: "organization ban-pong")
        let read = try RecoveryKeyFile.read(text)
        XCTAssertEqual(read.pair.publicKey, pair.publicKey)
        XCTAssertEqual(read.scope, "organization ban-pong")
        XCTAssertTrue(text.contains(pair.fingerprint))
        XCTAssertThrowsError(try RecoveryKeyFile.read("private abc"))
    }

    func testFilesSealedUnderTheirOwnKey() throws {
        let key = ContentKey.fileKey()
        let sealed = try SealedFile.seal(Data("%PDF-1.4 SECRET".utf8), key: key, address: "aa")
        XCTAssertTrue(SealedFile.isSealedFile(sealed))
        XCTAssertNil(sealed.range(of: Data("SECRET".utf8)))
        XCTAssertEqual(try SealedFile.open(sealed, key: key, address: "aa"), Data("%PDF-1.4 SECRET".utf8))
        XCTAssertThrowsError(try SealedFile.open(sealed, key: key, address: "bb"), "moved to another address")
        XCTAssertThrowsError(try SealedFile.open(sealed, key: ContentKey.fileKey(), address: "aa"))
    }

    func testServerCopiesNeedTheVault() throws {
        let vault = ComplaintVault.ephemeral()
        let key = ContentKey.generate(.caseKey)
        let wrapped = try vault.wrapForServer(key, context: "x")
        XCTAssertEqual(try vault.unwrapForServer(wrapped, kind: .caseKey, context: "x"), key)
        XCTAssertThrowsError(try ComplaintVault.ephemeral().unwrapForServer(wrapped, kind: .caseKey, context: "x"))
    }
}
