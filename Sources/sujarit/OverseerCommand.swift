import Foundation
import ArgumentParser
import struct ArgumentParser.Option
import struct ArgumentParser.Flag
import struct ArgumentParser.OptionGroup
import Vapor
import SujaritCore
import SujaritPersistence
import SujaritServer

/// `sujarit overseer --username NAME (--province จังหวัด | --nation) [--remove]` — give a user
/// the read-only overseer role of a province or of the nation (or take it away).
struct OverseerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "overseer",
        abstract: "Make a user an overseer (read-only dashboards) of a province or of the nation, or remove it.")

    @Option(help: "User's sign-in name.") var username: String
    @Option(help: "Province (จังหวัด), as organizations are stored.") var province: String?
    @Flag(help: "The whole nation instead of one province.") var nation = false
    @Flag(help: "Remove instead of add.") var remove = false
    @OptionGroup var database: DatabaseOptions

    func run() async throws {
        let scope: OverseerScope
        switch (province?.cleaned, nation) {
        case (let name?, false) where !name.isEmpty: scope = .province(name.precomposedStringWithCanonicalMapping)
        case (nil, true): scope = .nation
        default: throw ValidationError("give either --province NAME or --nation")
        }
        try await withApplication(settings: database.settings()) { app in
            guard let user = try await UserStore(app.db).find(username: username) else { throw ValidationError("no user “\(username)”") }
            if case .province(let name) = scope, try await OrganizationStore(app.db).directory(DirectoryQuery(province: name, perPage: 1)).total == 0 {
                throw ValidationError("no organization is in province “\(name)” (see GET /api/v1/provinces)")
            }
            // The role and its audit line in one transaction.
            try await AccountStore(app.db).setOverseer(scope, of: user, granted: !remove, by: nil)
            print(remove ? "\(username) no longer oversees \(province ?? "the nation")." : "\(username) oversees \(province ?? "the nation") (read-only).")
        }
    }
}
