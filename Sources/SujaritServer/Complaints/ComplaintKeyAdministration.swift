import Foundation
import Vapor
import Fluent
import SujaritCore
import SujaritPersistence
import SujaritVault

/// What `sujarit complaints recovery-key | recover | upgrade-sealing` do: recovery keys (made
/// once, the private half written out and never stored), handing every case of a scope to an
/// officer with the recovery key, and sealing the cases from before per-officer sealing to their
/// officers. Every change goes through `ComplaintStore` with its log line.
public enum ComplaintKeyAdministration {
    public enum Scope: Sendable {
        case organization(slug: String)
        case province(String)
    }

    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    /// A new recovery key for the scope (an older one is retired): returns the text of the key
    /// file to write and the key's fingerprint. The private half exists only in that text.
    public static func createRecoveryKey(_ app: Application, scope: Scope) async throws -> (fileText: String, fingerprint: String) {
        let keyring = ComplaintKeyring(app: app)
        let pair = RecipientKeyPair.generate()
        let organizationID: UUID?
        let province: String?
        let scopeName: String
        switch scope {
        case .organization(let slug):
            guard let organization = try await app.stores.organizations.find(slug: slug) else { throw Failure(description: "no organization “\(slug)”") }
            organizationID = organization.id
            province = nil
            scopeName = "organization \(slug)"
        case .province(let name):
            let key = ComplaintStore.provinceKey(name)
            guard !key.isEmpty else { throw Failure(description: "--province is empty") }
            organizationID = nil
            province = key
            scopeName = "province \(key)"
        }
        _ = try await keyring.store.addRecoveryKey(organizationID: organizationID, province: province, publicKey: pair.publicKey,
                                                   fingerprint: pair.fingerprint, createdOn: keyring.today.iso,
                                                   log: ComplaintLogEntry(organizationID: organizationID, caseID: nil, actor: "system",
                                                                          action: .recoveryKeyAdded, detail: "\(scopeName) \(pair.fingerprint)",
                                                                          occurred: keyring.now))
        return (RecoveryKeyFile.text(pair: pair, scope: scopeName), pair.fingerprint)
    }

    /// The cases a scope's recovery key receives: an organization's cases not about its
    /// executive, or the cases about the executive of every organization of a province.
    static func cases(_ app: Application, scope: Scope) async throws -> [(Organization, StoredComplaint)] {
        let store = app.stores.complaints
        switch scope {
        case .organization(let slug):
            guard let organization = try await app.stores.organizations.find(slug: slug) else { throw Failure(description: "no organization “\(slug)”") }
            return try await store.storedCases(organizationID: organization.id).filter { !$0.complaint.concernsExecutive }.map { (organization, $0) }
        case .province(let name):
            let key = ComplaintStore.provinceKey(name)
            var result: [(Organization, StoredComplaint)] = []
            for organization in try await app.stores.organizations.all() where ComplaintStore.provinceKey(organization.province) == key {
                result += try await store.storedCases(organizationID: organization.id).filter { $0.complaint.concernsExecutive }.map { (organization, $0) }
            }
            return result
        }
    }

    /// Opens every case of the scope with the recovery key in `keyFileText` and hands its keys
    /// to whoever should hold them now — the named officer among them (who must have signed in
    /// once, so that they have a key pair), and the scope's current recovery key (after a new
    /// recovery key was made, this moves every case to it). Returns how many cases the officer
    /// can open now.
    public static func recover(_ app: Application, scope: Scope, keyFileText: String, username: String) async throws -> Int {
        let (pair, _) = try RecoveryKeyFile.read(keyFileText)
        let keyring = ComplaintKeyring(app: app)
        guard let user = try await app.stores.users.find(username: username) else { throw Failure(description: "no user “\(username)”") }
        let userID = try user.requireID()
        guard let officerKey = try await keyring.store.officerKey(userID: userID) else {
            throw Failure(description: "\(username) has no key pair yet: they must sign in once (as a complaint officer) first")
        }
        var handed = 0
        var unopened = 0
        for (organization, found) in try await cases(app, scope: scope) {
            var stored = found
            if stored.keyGeneration == nil {
                try await keyring.upgrade(stored, organization: organization, actor: "system", occurred: keyring.now)
                stored = try await keyring.reread(stored)
            }
            let complaint = stored.complaint
            let wraps = try await keyring.store.wraps(caseIDs: [complaint.id], organizationID: complaint.organizationID)
            var keys = CaseKeys(vault: keyring.vault)
            for copy in wraps where copy.recipient == .recovery && copy.recipientKey == pair.publicKey {
                let key = try KeyWrap.unwrap(copy.wrapped, kind: copy.key, with: pair, context: copy.context)
                if copy.key == .caseKey { keys.caseKey = key } else { keys.replyKey = key }
            }
            guard keys.caseKey != nil, keys.replyKey != nil else { unopened += 1; continue }
            try await keyring.share(complaint, keys: keys, existing: wraps, organization: organization, actor: "system",
                                    expectedKeyGeneration: stored.keyGeneration)
            try await keyring.store.log(ComplaintLogEntry(organizationID: complaint.organizationID, caseID: complaint.id, actor: "system",
                                                          action: .keysRecovered, detail: "\(username) \(RecipientKeyPair.fingerprint(of: pair.publicKey))",
                                                          occurred: keyring.now))
            let now = try await keyring.store.wraps(caseIDs: [complaint.id], organizationID: complaint.organizationID)
            if now.contains(where: { $0.recipient == .officer && $0.recipientID == userID && $0.recipientKey == officerKey.publicKey }) { handed += 1 }
        }
        if unopened > 0 && handed == 0 {
            throw Failure(description: "this recovery key opens none of the \(unopened) case(s) of the scope (a retired or another scope's key?)")
        }
        return handed
    }

    /// The cases still sealed by the vault alone; with `apply`, each is sealed to its people.
    public static func upgradeSealing(_ app: Application, apply: Bool) async throws -> [UUID] {
        let keyring = ComplaintKeyring(app: app)
        let legacy = try await keyring.store.legacyCases()
        guard apply else { return legacy.map(\.id) }
        for complaint in legacy {
            guard let organization = try await app.stores.organizations.find(id: complaint.organizationID),
                  let stored = try await keyring.store.find(id: complaint.id, organizationIDs: [complaint.organizationID]) else { continue }
            try await keyring.upgrade(stored, organization: organization, actor: "system", occurred: keyring.now)
        }
        return legacy.map(\.id)
    }

    /// After `sujarit vault rotate`: seals again under the vault's current key what the vault
    /// seals — content of cases from before per-officer sealing and their files, the server's
    /// copies of case keys, the outer lock of officers' keys. Content sealed to officers (`k1:`)
    /// has keys of its own and is left alone. Returns the rows and the files sealed again.
    public static func resealUnderCurrentVaultKey(_ app: Application) async throws -> (items: Int, files: Int) {
        let vault = app.complaintVault
        // Only what the vault sealed (`s1:`): content sealed to officers (`k1:`) has keys of its own.
        @Sendable func reseal(_ sealed: String, _ context: String) throws -> String {
            sealed.hasPrefix("s1:") ? try vault.reseal(sealed, context: context) : sealed
        }
        let count = try await app.db.transaction { db -> Int in
            var count = 0
            for record in try await ComplaintCaseRecord.query(on: db).all() {
                let id = try record.requireID()
                let resealed = try reseal(record.sealedReport, ComplaintService.reportContext(id))
                if resealed != record.sealedReport { record.sealedReport = resealed; try await record.update(on: db); count += 1 }
            }
            for record in try await ComplaintMessageRecord.query(on: db).all() {
                let context = ComplaintService.messageContext(record.caseID, try record.requireID())
                let resealed = try reseal(record.sealedBody, context)
                if resealed != record.sealedBody { record.sealedBody = resealed; try await record.update(on: db); count += 1 }
            }
            for record in try await ComplaintEvidenceRecord.query(on: db).all() {
                let context = ComplaintService.evidenceContext(record.caseID, try record.requireID())
                let resealed = try reseal(record.sealedInfo, context)
                if resealed != record.sealedInfo { record.sealedInfo = resealed; try await record.update(on: db); count += 1 }
            }
            // The server's copies of case keys and the outer lock of officers' keys.
            for record in try await ComplaintKeyWrapRecord.query(on: db).filter(\.$recipientKind == KeyRecipientKind.server.rawValue).all() {
                guard let key = CaseKeyKind(rawValue: record.keyKind) else { continue }
                let context = "server-wrap:" + WrappedCaseKey.context(caseID: record.caseID, key: key, recipient: .server, recipientID: nil)
                let resealed = try reseal(record.wrapped, context)
                if resealed != record.wrapped { record.wrapped = resealed; try await record.update(on: db); count += 1 }
            }
            for record in try await ComplaintOfficerKeyRecord.query(on: db).all() {
                let resealed = try reseal(record.lockedKey, ComplaintKeyring.lockContext(record.userID))
                if resealed != record.lockedKey { record.lockedKey = resealed; try await record.update(on: db); count += 1 }
            }
            return count
        }
        // Files after the database: a file resealed is still readable with the old key kept.
        let storage = app.complaintEvidence
        var files = 0
        for address in try await app.stores.complaints.evidenceAddresses() where try storage.reseal(address) { files += 1 }
        return (count, files)
    }
}
