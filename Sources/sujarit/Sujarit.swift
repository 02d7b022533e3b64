import Foundation
import ArgumentParser
import struct ArgumentParser.Option
import struct ArgumentParser.Flag
import struct ArgumentParser.OptionGroup
import Vapor
import SujaritCore
import SujaritPersistence
import SujaritServer
import SujaritDemo

/// `sujarit` — the one executable: the web server and the administrative commands.
@main
struct Sujarit: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sujarit",
        abstract: "Sujarit (สุจริต): anti-corruption action plans for Thai local government.",
        subcommands: [Serve.self, Migrate.self, Demo.self, UserCommand.self, OrganizationCommand.self] + extraCommands
    )
}

/// Options every command that opens the database shares.
struct DatabaseOptions: ParsableArguments {
    @Option(name: .customLong("sqlite"), help: "SQLite file to use (default: $SUJARIT_SQLITE_PATH or ./sujarit.sqlite). Ignored when DATABASE_URL is set.")
    var sqlitePath: String?

    func settings(autoMigrate: Bool = true) -> ServerSettings {
        var environment = ProcessInfo.processInfo.environment
        if let sqlitePath { environment["SUJARIT_SQLITE_PATH"] = sqlitePath }
        var settings = ServerSettings.fromEnvironment(environment)
        settings.autoMigrate = autoMigrate
        return settings
    }
}

/// Starts Vapor, runs `body` with the configured application, and shuts it down.
func withApplication<T>(
    settings: ServerSettings, environmentName: String = "development", arguments: [String] = ["sujarit"],
    _ body: (Application) async throws -> T
) async throws -> T {
    // Administrative commands print their own results; only warnings from the framework.
    let quiet = arguments == ["sujarit"] && ProcessInfo.processInfo.environment["LOG_LEVEL"] == nil
    var environment = Environment(name: environmentName, arguments: quiet ? ["sujarit", "--log", "warning"] : arguments)
    try LoggingSystem.bootstrap(from: &environment)
    let app = try await Application.make(environment)
    do {
        try await configure(app, settings: settings)
        let result = try await body(app)
        try await app.asyncShutdown()
        return result
    } catch {
        try? await app.asyncShutdown()
        throw error
    }
}

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Start the web server (migrates the database first).")

    @Option(help: "Address to listen on.") var hostname = "127.0.0.1"
    @Option(help: "Port to listen on.") var port = 8080
    @Option(name: .customLong("env"), help: "Environment: development or production.") var environmentName = "development"
    @Flag(help: "Load the demo organization, plan and accounts first (once).") var demo = false
    @Flag(help: "Allow --demo with --env production (its accounts have a published password).") var allowDemoInProduction = false
    @OptionGroup var database: DatabaseOptions

    func run() async throws {
        if demo {
            do {
                if let warning = try DemoSetup.checkEnvironment(environmentName, allowInProduction: allowDemoInProduction) {
                    FileHandle.standardError.write(Data("\(warning.th)\n\(warning.en)\n".utf8))
                }
            } catch let refusal as DemoSetup.RefusedInProduction {
                FileHandle.standardError.write(Data("sujarit: \(refusal.message.th)\nsujarit: \(refusal.message.en)\n".utf8))
                throw ExitCode(2)
            }
        }
        let settings = database.settings(autoMigrate: true)
        let arguments = ["sujarit", "serve", "--hostname", hostname, "--port", String(port)]
        try await withApplication(settings: settings, environmentName: environmentName, arguments: arguments) { app in
            app.logger.info("Sujarit using \(settings.database.redacted)")
            if demo {
                if try await DemoSetup.load(on: app) {
                    app.logger.notice("Demo data loaded.")
                }
                let names = DemoSetup.accounts.map(\.0).joined(separator: ", ")
                app.logger.notice("Demo accounts: \(names) — password \(DemoSetup.password)")
            }
            app.logger.notice("Open http://\(hostname == "0.0.0.0" ? "localhost" : hostname):\(port)/")
            try await app.execute()
        }
    }
}

struct Migrate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Bring the database schema up to date (or revert it).")

    @Flag(help: "Revert every migration (deletes all data).") var revert = false
    @Flag(help: "Answer yes to the revert question.") var yes = false
    @OptionGroup var database: DatabaseOptions

    func run() async throws {
        let settings = database.settings(autoMigrate: !revert)
        try await withApplication(settings: settings) { app in
            if revert {
                guard yes else { throw ValidationError("--revert deletes all data; add --yes to confirm") }
                try await app.autoRevert()
                print("Reverted all migrations on \(settings.database.redacted).")
            } else {
                print("Database is up to date: \(settings.database.redacted).")
            }
        }
    }
}

struct Demo: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Load the demo organization with a published 2566–2570 plan and demo accounts; --scale nation adds 7,850 generated organizations with plans.")

    enum Scale: String, ExpressibleByArgument, CaseIterable {
        case one
        case nation
    }

    @Option(help: "one (the demo organization) or nation (also 7,850 generated organizations in 76 provinces, with plans).")
    var scale: Scale = .one

    @Option(help: "With --scale nation: how many generated organizations (default 7,850).")
    var organizations: Int = NationData.nationOrganizationCount

    @Option(help: "With --scale nation: the generator's seed (the same seed gives the same data).")
    var seed: UInt64 = 2566

    @Option(help: "With --scale nation: organizations written at once, each in its own transaction (default 4 on PostgreSQL, 1 on SQLite).")
    var parallel: Int?

    @OptionGroup var database: DatabaseOptions

    func run() async throws {
        guard (1...100_000).contains(organizations) else { throw ValidationError("--organizations must be 1–100000") }
        try await withApplication(settings: database.settings()) { app in
            if try await DemoSetup.load(on: app) {
                print("Loaded \(DemoData.organization.name) (/o/\(DemoData.organization.slug)).")
            } else {
                print("Demo data is already there.")
            }
            print("Accounts: \(DemoSetup.accounts.map(\.0).joined(separator: ", ")); password: \(DemoSetup.password)")
            if scale == .nation {
                let started = Date()
                let total = organizations
                let width = parallel ?? (app.sujaritSettings.database.isPostgres ? 4 : 1)
                guard (1...16).contains(width) else { throw ValidationError("--parallel must be 1–16") }
                let result = try await NationLoader(app.db).load(count: total, seed: seed, parallel: width) { progress in
                    let seconds = Date().timeIntervalSince(started)
                    print(String(format: "  %d/%d organizations (%d written, %d already there), %d plan revisions, %d items, %d rounds — %.0f s",
                                 progress.done, total, progress.written, progress.skipped, progress.plans, progress.items, progress.rounds, seconds))
                    fflush(stdout)
                }
                print(String(format: "Nation data: %d organizations written, %d already there, %d plan revisions, %d items, %d approved rounds in %.1f s (%d at a time).",
                             result.written, result.skipped, result.plans, result.items, result.rounds, Date().timeIntervalSince(started), width))
            }
        }
    }
}

struct UserCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "user", abstract: "Manage users.", subcommands: [Create.self, Password.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create a user (the first administrator, for example).")

        @Option(help: "Sign-in name (a–z, 0–9, . _ - @).") var username: String
        @Option(help: "Name shown in the interface.") var name: String = ""
        @Option(help: "Organization slug to give a role in.") var org: String?
        @Option(help: "Role in that organization: admin, editor or viewer.") var role: String = "admin"
        @Flag(help: "Make the user a system administrator (every organization).") var systemAdmin = false
        @Flag(help: "A user of no organization (an overseer: then `sujarit overseer`, or a complaint body's account).") var noOrganization = false
        @Flag(help: "Read the password from standard input instead of asking.") var passwordStdin = false
        @OptionGroup var database: DatabaseOptions

        func validate() throws {
            guard OrganizationRole(rawValue: role) != nil else { throw ValidationError("--role must be admin, editor or viewer") }
            guard systemAdmin || org != nil || noOrganization else { throw ValidationError("give --org SLUG, --system-admin or --no-organization") }
            guard !(noOrganization && org != nil) else { throw ValidationError("--no-organization and --org exclude each other") }
        }

        func run() async throws {
            let password = try readPassword()
            try await withApplication(settings: database.settings()) { app in
                var organizationID: UUID?
                if let org {
                    guard let organization = try await OrganizationStore(app.db).find(slug: org) else {
                        throw ValidationError("no organization with slug “\(org)”")
                    }
                    organizationID = organization.id
                }
                let hash = try app.password.hash(password)
                // The account, its role and their audit lines in one transaction.
                let user = try await AccountStore(app.db).createUser(
                    username: username, displayName: name.isEmpty ? username : name, passwordHash: hash, isSystemAdmin: systemAdmin,
                    role: organizationID.map { (OrganizationRole(rawValue: role)!, organizationID: $0) }, by: nil)
                print("Created user \(user.username)\(systemAdmin ? " (system administrator)" : "")\(org.map { " — \(role) of \($0)" } ?? "").")
            }
        }

        func readPassword() throws -> String {
            try UserCommand.readNewPassword(for: username, fromStandardInput: passwordStdin)
        }
    }

    /// `sujarit user password --username NAME`: sets a new password (a person locked out, a
    /// password that leaked). Ends every session and API token of the user, audited.
    struct Password: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Set a user's new password; ends all their sessions and API tokens.")

        @Option(help: "Sign-in name.") var username: String
        @Flag(help: "Read the password from standard input instead of asking.") var passwordStdin = false
        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            try await withApplication(settings: database.settings()) { app in
                guard let user = try await UserStore(app.db).find(username: username) else { throw ValidationError("no user “\(username)”") }
                let password = try UserCommand.readNewPassword(for: user.username, fromStandardInput: passwordStdin)
                let hash = try app.password.hash(password)
                let ended = try await PasswordChange.apply(to: user, newHash: hash, by: nil, on: app.db)
                print("New password set for \(user.username); \(ended) session(s) and every API token ended.")
            }
        }
    }

    /// A new password from standard input, `SUJARIT_NEW_PASSWORD` or the terminal (asked
    /// twice), checked by `PasswordPolicy`.
    static func readNewPassword(for username: String, fromStandardInput: Bool) throws -> String {
        let password: String
        var confirmation: String?
        if fromStandardInput {
            password = (readLine(strippingNewline: true) ?? "")
        } else if let fromEnvironment = ProcessInfo.processInfo.environment["SUJARIT_NEW_PASSWORD"] {
            password = fromEnvironment
        } else {
            guard let typed = getpass("Password for \(username): ") else { throw ValidationError("no password given") }
            password = String(cString: typed)
            guard let again = getpass("The same password again: ") else { throw ValidationError("no password given") }
            confirmation = String(cString: again)
        }
        let problems = PasswordPolicy.problems(new: password, confirmation: confirmation, username: username)
        guard problems.isEmpty else {
            throw ValidationError(problems.sorted { $0.key > $1.key }.map { $0.value.en }.joined(separator: "; "))
        }
        return password
    }
}

struct OrganizationCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "org", abstract: "Manage organizations.", subcommands: [Create.self, List.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add an organization.")

        @Option(help: "Address name, e.g. ban-pong (a–z, 0–9, -).") var slug: String
        @Option(help: "Full official name, e.g. องค์การบริหารส่วนตำบลบ้านโป่ง.") var name: String
        @Option(help: "Kind: \(OrganizationKind.allCases.map(\.rawValue).joined(separator: ", ")); guessed from the name when left out.") var kind: String?
        @Option(help: "District (อำเภอ).") var district = ""
        @Option(help: "Province (จังหวัด).") var province = ""
        @Option(help: "Digits in documents: thai or arabic.") var digits = "arabic"
        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            guard let kind = kind.map({ OrganizationKind(rawValue: $0) }) ?? OrganizationKind.recognize(inName: name) else {
                throw ValidationError("give --kind; it could not be recognized from the name")
            }
            guard let digitStyle = DigitStyle(rawValue: digits) else { throw ValidationError("--digits must be thai or arabic") }
            let organization = Organization(slug: slug, kind: kind, name: name, district: district, province: province, digitStyle: digitStyle)
            try await withApplication(settings: database.settings()) { app in
                try await AccountStore(app.db).createOrganization(organization, by: nil)
                print("Created \(organization.name) at /o/\(organization.slug).")
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List organizations.")
        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            try await withApplication(settings: database.settings()) { app in
                for organization in try await OrganizationStore(app.db).all() {
                    print("\(organization.slug)\t\(organization.kind.rawValue)\t\(organization.name)")
                }
            }
        }
    }
}
