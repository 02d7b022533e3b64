import Foundation
import XCTest
@testable import SujaritVault

final class EvidenceStorageTests: XCTestCase {
    var root: URL!

    override func setUp() {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("sujarit-evidence-\(UUID().uuidString)")
    }

    override func tearDown() {
        try? FileManager.default.removeItem(at: root)
    }

    /// Every byte under the storage directory.
    func allStoredBytes() -> Data {
        var data = Data()
        let enumerator = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)
        while let url = enumerator?.nextObject() as? URL {
            data.append((try? Data(contentsOf: url)) ?? Data())
        }
        return data
    }

    func testSealedContentAddressedAndUnderComplaints() throws {
        let vault = ComplaintVault.ephemeral()
        let storage = EvidenceStorage(root: root, vault: vault)
        let secret = Data("ใบเสร็จปลอม เลขที่ 0042 SECRET-EVIDENCE-MARKER".utf8)
        let address = try storage.put(secret)
        XCTAssertEqual(address.count, 64)
        XCTAssertEqual(try storage.put(secret), address, "the same file is stored once")
        XCTAssertEqual(storage.addresses(), [address])
        let file = root.appendingPathComponent("complaints").appendingPathComponent(String(address.prefix(2))).appendingPathComponent(address)
        XCTAssertTrue(FileManager.default.fileExists(atPath: file.path), "kept under complaints/")
        let bytes = allStoredBytes()
        XCTAssertNil(bytes.range(of: Data("SECRET-EVIDENCE-MARKER".utf8)), "only sealed bytes on disk")
        XCTAssertNil(bytes.range(of: Data("ใบเสร็จ".utf8)))
        XCTAssertEqual(try storage.get(address), secret)

        // Another key cannot tell whether this file is stored, nor open it.
        let other = EvidenceStorage(root: root, vault: .ephemeral())
        XCTAssertNotEqual(other.vault.contentAddress(for: secret), address)
        XCTAssertThrowsError(try other.get(address))

        // A sealed file moved to another address does not open.
        let second = try storage.put(Data("another file".utf8))
        let secondFile = root.appendingPathComponent("complaints/\(second.prefix(2))/\(second)")
        try FileManager.default.removeItem(at: secondFile)
        try FileManager.default.copyItem(at: file, to: secondFile)
        XCTAssertThrowsError(try storage.get(second)) { XCTAssertEqual($0 as? VaultError, .authenticationFailed) }

        XCTAssertThrowsError(try storage.get("../../etc/passwd")) { XCTAssertEqual($0 as? EvidenceStorageError, .badAddress) }
        try storage.remove(address)
        XCTAssertFalse(FileManager.default.fileExists(atPath: file.path))
        XCTAssertThrowsError(try storage.get(address))
        XCTAssertNoThrow(try storage.remove(address), "removing twice is fine")
    }

    func testResealAfterRotation() throws {
        let old = try VaultKey.generate(id: "old")
        let storage = EvidenceStorage(root: root, vault: try ComplaintVault(keys: [old]))
        let content = Data("หลักฐาน".utf8)
        let address = try storage.put(content)
        let rotated = EvidenceStorage(root: root, vault: try ComplaintVault(keys: [old, VaultKey.generate(id: "new")]))
        XCTAssertEqual(try rotated.get(address), content, "older keys still open older files")
        XCTAssertTrue(try rotated.reseal(address))
        XCTAssertFalse(try rotated.reseal(address), "already under the current key")
        let sealed = try Data(contentsOf: root.appendingPathComponent("complaints/\(address.prefix(2))/\(address)"))
        XCTAssertEqual(ComplaintVault.keyID(ofFile: sealed), "new")
        XCTAssertEqual(try rotated.get(address), content)
        XCTAssertThrowsError(try storage.get(address), "the old key alone no longer opens it")
    }

    func testStorageDirectoryFromEnvironment() {
        XCTAssertEqual(EvidenceStorage.rootDirectory(["SUJARIT_STORAGE_DIR": "/srv/sujarit"]).path, "/srv/sujarit")
        XCTAssertTrue(EvidenceStorage.rootDirectory([:]).path.hasSuffix("data/storage"))
    }
}
