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
                                                    subcommands: [Officer.self, Overseer.self, Deadline.self, Reminders.self, Retention.self,
                                                                  RecoveryKey.self, Recover.self, UpgradeSealing.self])

    /// `--org SLUG` or `--province NAME`: whose cases a recovery key receives.
    struct ScopeOptions: ParsableArguments {
        @Option(help: "Organization slug (its cases not about its executive).") var org: String?
        @Option(help: "Province (the cases about the executive of its organizations, which its outside body handles).") var province: String?

        func scope() throws -> ComplaintKeyAdministration.Scope {
            switch (org, province) {
            case (let org?, nil): return .organization(slug: org)
            case (nil, let province?): return .province(province)
            default: throw ValidationError("give exactly one of --org and --province")
            }
        }
    }

    /// `sujarit complaints recovery-key --org SLUG --out FILE`: the offline recovery key.
    struct RecoveryKey: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "recovery-key",
            abstract: "Make a new recovery key of an organization or province; its private half is written to --out only (print it, keep it offline, delete the file).")

        @OptionGroup var scopeOptions: ScopeOptions
        @Option(help: "File to write the private key to (must not exist; mode 0600).") var out: String
        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            let scope = try scopeOptions.scope()
            guard !FileManager.default.fileExists(atPath: out) else { throw ValidationError("--out: \(out) exists already; choose a new file") }
            try await withApplication(settings: database.settings()) { app in
                let (text, fingerprint) = try await ComplaintKeyAdministration.createRecoveryKey(app, scope: scope)
                guard FileManager.default.createFile(atPath: out, contents: Data(text.utf8), attributes: [.posixPermissions: 0o600]) else {
                    throw ValidationError("--out: cannot create \(out)")
                }
                print("""
                    Recovery key \(fingerprint) written to \(out). Sujarit keeps only its public half.
                    Print it or copy it to removable media, keep it in a safe away from the server, then delete \(out).
                    New cases are sealed to it at once; existing cases when an officer next opens them, or now with
                    `sujarit complaints recover` and the old recovery key. An older recovery key of the same scope is retired.
                    """)
            }
        }
    }

    /// `sujarit complaints recover --org SLUG --key-file FILE --username NAME`.
    struct Recover: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Open every case of an organization or province with its recovery key and hand their keys to an officer (who signed in once).")

        @OptionGroup var scopeOptions: ScopeOptions
        @Option(help: "The recovery key file.") var keyFile: String
        @Option(help: "The officer (sign-in name) to receive the cases' keys.") var username: String
        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            let scope = try scopeOptions.scope()
            guard let data = FileManager.default.contents(atPath: keyFile) else { throw ValidationError("--key-file: cannot read \(keyFile)") }
            try await withApplication(settings: database.settings()) { app in
                do {
                    let count = try await ComplaintKeyAdministration.recover(app, scope: scope, keyFileText: String(decoding: data, as: UTF8.self),
                                                                             username: username)
                    print("\(username) holds the keys of \(count) case(s) now.")
                } catch let failure as ComplaintKeyAdministration.Failure {
                    throw ValidationError(failure.description)
                } catch let error as SealingError {
                    throw ValidationError("--key-file: \(error.description)")
                }
            }
        }
    }

    /// `sujarit complaints upgrade-sealing [--apply]`: cases from before per-officer sealing.
    struct UpgradeSealing: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "upgrade-sealing",
            abstract: "List, or seal to their officers with --apply, the cases still sealed by the vault key alone.")

        @Flag(help: "Seal them (without it, only list).") var apply = false
        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            try await withApplication(settings: database.settings()) { app in
                let ids = try await ComplaintKeyAdministration.upgradeSealing(app, apply: apply)
                for id in ids { print(id.uuidString.lowercased()) }
                print(apply ? "Sealed \(ids.count) case(s) to their officers." : "\(ids.count) case(s) sealed by the vault key alone. Run again with --apply to seal them to their officers.")
            }
        }
    }

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
                // The role, the complaint log's line and the audit line in one transaction.
                try await AccountStore(app.db).setComplaintOfficer(user, organizationID: organization.id, added: !remove, by: nil,
                                                                   now: app.dependencies.now())
                print(remove ? "\(username) is no longer a complaint officer of \(org)." : "\(username) is a complaint officer of \(org).")
            }
        }
    }

    /// `sujarit complaints overseer --province ขอนแก่น --username NAME`: the outside body's account
    /// of a province, which handles complaints about the executive of its organizations.
    struct Overseer: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Make a user the outside body of a province for complaints about an organization's executive (or remove them).")

        @Option(help: "Province, as written in the organizations' records (e.g. ขอนแก่น).") var province: String
        @Option(help: "User's sign-in name.") var username: String
        @Flag(help: "Remove instead of add.") var remove = false
        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            guard !province.trimmingCharacters(in: .whitespaces).isEmpty else { throw ValidationError("--province is empty") }
            try await withApplication(settings: database.settings()) { app in
                guard let user = try await UserStore(app.db).find(username: username) else { throw ValidationError("no user “\(username)”") }
                let organizations = try await OrganizationStore(app.db).all().filter {
                    $0.province.trimmingCharacters(in: .whitespaces) == province.trimmingCharacters(in: .whitespaces)
                }
                // The role, the complaint log's line and the audit line in one transaction.
                try await AccountStore(app.db).setComplaintOverseer(user, province: province, added: !remove, by: nil,
                                                                    now: app.dependencies.now())
                print(remove ? "\(username) no longer handles complaints about executives in \(province)."
                      : "\(username) handles complaints about the executive of the \(organizations.count) organization(s) in \(province) (/complaints/overseer).")
            }
        }
    }

    struct Deadline: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Set the answer deadline of an organization's new complaints.")

        @Option(help: "Organization slug.") var org: String
        @Option(help: "Days to answer (default 15).") var days = 15
        @Option(help: "Days to acknowledge (default 3).") var acknowledgeDays = 3
        @Flag(help: "Count working days (Saturdays and Sundays skipped) instead of calendar days.") var workingDays = false
        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            let policy: ComplaintDeadlinePolicy
            switch ComplaintDeadlinePolicy.decide(days: String(days), acknowledgeDays: String(acknowledgeDays), workingDaysOnly: workingDays) {
            case .success(let decided): policy = decided
            case .failure(let problems):
                throw ValidationError(problems.byField.sorted { $0.key < $1.key }.map { "--\($0.key == "days" ? "days" : "acknowledge-days"): \($0.value.en)" }
                    .joined(separator: "; "))
            }
            try await withApplication(settings: database.settings()) { app in
                guard let organization = try await OrganizationStore(app.db).find(slug: org) else { throw ValidationError("no organization “\(org)”") }
                try await ComplaintStore(app.db).setDeadlinePolicy(policy, organizationID: organization.id, log: ComplaintLogEntry(
                    organizationID: organization.id, caseID: nil, actor: "system", action: .settingsDeadlines,
                    detail: policy.summary, occurred: ISO8601DateFormatter().string(from: Date())))
                print("New complaints of \(org) are to be acknowledged within \(policy.acknowledgeDays) and answered within \(policy.days) \(policy.workingDaysOnly ? "working" : "calendar") days.")
            }
        }
    }

    /// `sujarit complaints retention` — closed cases past the retention period (10 years after
    /// closure by default): listed, or deleted with `--apply` (cases, messages, evidence files).
    struct Retention: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List, or delete with --apply, closed complaint cases past the retention period.")

        @Option(help: "Years a closed case is kept (default 10).") var years = 10
        @Option(help: "The day to count from (YYYY-MM-DD; default today in Thailand).") var today: String?
        @Flag(help: "Delete them (without it, only list).") var apply = false
        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            guard years >= 1 else { throw ValidationError("--years: at least 1") }
            var day = CalendarDay(Date())
            if let today {
                guard let parsed = CalendarDay(iso: today) else { throw ValidationError("--today: expected YYYY-MM-DD, got “\(today)”") }
                day = parsed
            }
            try await withApplication(settings: database.settings()) { app in
                let report = try await ComplaintRetentionRun.run(app, retention: ComplaintRetention(yearsAfterClosure: years), today: day, apply: apply)
                for complaint in report.cases {
                    print("\(complaint.id.uuidString.lowercased())\tclosed \(complaint.closedOn?.iso ?? "?")\t\(complaint.kind.rawValue)")
                }
                if apply {
                    print("Deleted \(report.cases.count) case(s) past \(years) years, \(report.filesRemoved) evidence file(s), \(report.orphanFilesRemoved) unreferenced file(s).")
                } else {
                    print("\(report.cases.count) case(s) past \(years) years after closure. Run again with --apply to delete them.")
                }
            }
        }
    }

    /// `sujarit complaints reminders` — the open cases past (or near) their deadlines, for a
    /// daily cron job or a look by hand. Prints ids, days and statuses only: nothing of what
    /// the reporter wrote.
    struct Reminders: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List complaint cases past their acknowledgement or answer deadline.")

        @Option(help: "Only this organization (slug).") var org: String?
        @Option(help: "The day to check as (YYYY-MM-DD, Christian era; default today in Thailand).") var today: String?
        @Flag(help: "Also list cases due within two days.") var soon = false
        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            var day = CalendarDay(Date())
            if let today {
                guard let parsed = CalendarDay(iso: today) else { throw ValidationError("--today: expected YYYY-MM-DD, got “\(today)”") }
                day = parsed
            }
            try await withApplication(settings: database.settings()) { app in
                let organizations = try await OrganizationStore(app.db).all().filter { org == nil || $0.slug == org }
                if let org, organizations.isEmpty { throw ValidationError("no organization “\(org)”") }
                let store = ComplaintStore(app.db)
                var overdue = 0
                var lines: [String] = []
                for organization in organizations {
                    let cases = try await store.cases(organizationID: organization.id)
                    guard !cases.isEmpty else { continue }
                    let byID = Dictionary(uniqueKeysWithValues: cases.map { ($0.id, $0) })
                    for reminder in ComplaintReminder.list(cases, today: day) where soon || reminder.kind != .dueSoon {
                        guard let complaint = byID[reminder.caseID] else { continue }
                        if reminder.kind != .dueSoon { overdue += 1 }
                        let late = reminder.daysLate > 0 ? "\(reminder.daysLate) days late" : "due in \(-reminder.daysLate) days"
                        lines.append("\(organization.slug)\t\(complaint.id.uuidString.lowercased())\t\(reminder.kind.rawValue)\t"
                                     + "received \(complaint.receivedOn.iso)\tdue \(reminder.dueOn.iso)\t\(late)\tstatus \(complaint.status.rawValue)"
                                     + (complaint.concernsExecutive ? "\tconcerns executive" : ""))
                    }
                }
                for line in lines { print(line) }
                print(overdue == 0 ? "No complaint case is overdue on \(day.iso)." : "\(overdue) complaint case(s) overdue on \(day.iso).")
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
                let (count, files) = try await ComplaintKeyAdministration.resealUnderCurrentVaultKey(app)
                let vault = app.complaintVault
                print("Resealed \(files) evidence files.")
                print("Resealed \(count) items under key \(vault.current.id). Receipt lookups still use the key current when each case was made: keep older keys in the key file.")
            }
        }
    }
}
