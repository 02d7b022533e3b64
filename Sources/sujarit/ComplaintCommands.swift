import Foundation
import ArgumentParser
import struct ArgumentParser.Option
import struct ArgumentParser.Flag
import struct ArgumentParser.OptionGroup
import Vapor
import Fluent
import SujaritCore
import SujaritPersistence
import SujaritServer
import SujaritVault

/// `sujarit complaints …` — complaint officers and the answer deadline of an organization.
struct ComplaintsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "complaints", abstract: "Set up the corruption complaint channel.",
                                                    subcommands: [Officer.self, Deadline.self])

    struct Officer: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Make a user a complaint officer of an organization (or remove them).")

        @Option(help: "Organization slug.") var org: String
        @Option(help: "User's sign-in name.") var username: String
        @Flag(help: "Remove instead of add.") var remove = false
        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            try await withApplication(settings: database.settings()) { app in
                guard let organization = try await OrganizationStore(app.db).find(slug: org) else { throw ValidationError("no organization “\(org)”") }
                guard let user = try await UserStore(app.db).find(username: username) else { throw ValidationError("no user “\(username)”") }
                let store = ComplaintStore(app.db)
                if remove {
                    try await store.removeOfficer(userID: user.requireID(), organizationID: organization.id)
                } else {
                    try await store.addOfficer(userID: user.requireID(), organizationID: organization.id)
                }
                try await store.log(ComplaintLogEntry(organizationID: organization.id, caseID: nil, actor: "system",
                                                      action: remove ? "officer.removed" : "officer.added", detail: user.username,
                                                      occurred: ISO8601DateFormatter().string(from: Date())))
                print(remove ? "\(username) is no longer a complaint officer of \(org)." : "\(username) is a complaint officer of \(org).")
            }
        }
    }

    struct Deadline: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Set the answer deadline of an organization's new complaints.")

        @Option(help: "Organization slug.") var org: String
        @Option(help: "Days (default 15).") var days = 15
        @Flag(help: "Count working days (Saturdays and Sundays skipped) instead of calendar days.") var workingDays = false
        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            try await withApplication(settings: database.settings()) { app in
                guard let organization = try await OrganizationStore(app.db).find(slug: org) else { throw ValidationError("no organization “\(org)”") }
                let policy = ComplaintDeadlinePolicy(days: days, workingDaysOnly: workingDays)
                try await ComplaintStore(app.db).setDeadlinePolicy(policy, organizationID: organization.id)
                print("New complaints of \(org) are due within \(policy.days) \(policy.workingDaysOnly ? "working" : "calendar") days.")
            }
        }
    }
}

/// `sujarit audit verify` — checks the complaint log's hash chain.
struct AuditCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "audit", abstract: "Check the complaint log.", subcommands: [Verify.self])

    struct Verify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Verify that no line of the complaint log was changed, removed or reordered.")
        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            let intact = try await withApplication(settings: database.settings()) { app in
                let result = try await ComplaintLogChain.verify(on: app.db)
                for problem in result.problems { print("BROKEN: \(problem)") }
                print(result.isIntact ? "Complaint log intact: \(result.rows) rows." : "Complaint log BROKEN: \(result.problems.count) problems in \(result.rows) rows.")
                return result.isIntact
            }
            if !intact { throw ExitCode(1) }
        }
    }
}

/// `sujarit vault rotate|reseal` — key rotation of the complaint vault.
struct VaultCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "vault", abstract: "Manage the complaint vault's keys.",
                                                    subcommands: [Rotate.self, Reseal.self])

    struct Rotate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add a new current key to the key file (older keys stay, to open older content).")

        func run() async throws {
            guard case .file(let path) = VaultKeySource.fromEnvironment() else {
                throw ValidationError("SUJARIT_VAULT_KEY is set: add the new key to it yourself (id:base64, last is current)")
            }
            _ = try VaultKeySource.file(path: path).load { FileHandle.standardError.write(Data("\($0)\n".utf8)) }
            let id = try VaultKeySource.rotateKeyFile(at: path)
            print("Added key \(id) to \(path); new content is sealed with it. Run `sujarit vault reseal` to move older content to it.")
        }
    }

    struct Reseal: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Seal every complaint again under the current key (after a rotation).")
        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            try await withApplication(settings: database.settings()) { app in
                let vault = app.complaintVault
                let count = try await app.db.transaction { db -> Int in
                    var count = 0
                    for record in try await ComplaintCaseRecord.query(on: db).all() {
                        let id = try record.requireID()
                        let resealed = try vault.reseal(record.sealedReport, context: "complaint:\(id.uuidString.lowercased()):report")
                        if resealed != record.sealedReport { record.sealedReport = resealed; try await record.update(on: db); count += 1 }
                    }
                    for record in try await ComplaintMessageRecord.query(on: db).all() {
                        let context = "complaint:\(record.caseID.uuidString.lowercased()):message:\(try record.requireID().uuidString.lowercased())"
                        let resealed = try vault.reseal(record.sealedBody, context: context)
                        if resealed != record.sealedBody { record.sealedBody = resealed; try await record.update(on: db); count += 1 }
                    }
                    return count
                }
                print("Resealed \(count) items under key \(vault.current.id). Receipt lookups still use the key current when each case was made: keep older keys in the key file.")
            }
        }
    }
}
