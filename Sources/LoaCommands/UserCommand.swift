import ArgumentParser
import CampaignModel
import ContentStore
import Foundation

/// `loa user add|list|revoke`: people and their tokens. Runs locally, as whoever may open the database.
struct UserCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "user", abstract: "Add, list and revoke users and their API tokens.",
        subcommands: [Add.self, List.self, Token.self, Revoke.self])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "add", abstract: "Add a user and print their token (shown once).")
        @OptionGroup var store: StoreOptions
        @Argument(help: "The user's name, as the audit log will show it.") var name: String
        @Option(help: "admin, editor, translator, reviewer, planner or viewer.") var role: String
        @Option(help: "Comma-separated locales for translators and reviewers, such as hmn,tyz.") var locales = ""

        func run() throws {
            guard let parsedRole = UserRole(rawValue: role) else {
                throw LoaError.invalid(InputIssue(file: "argument", field: "role", problem: "'\(role)' is not a role.",
                                                  fix: "use one of: \(UserRole.allCases.map(\.rawValue).joined(separator: ", "))."))
            }
            let codes = locales.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            let user = User(name: TextFolding.nfc(name), role: parsedRole, locales: codes)
            let token = try store.open().addUser(user, actor: LocalActor.name)
            print(token)
            FileHandle.standardError.write(Data("Added \(user.name) as \(parsedRole.rawValue)\(codes.isEmpty ? "" : " for " + codes.joined(separator: ", ")). Keep the token above: it is not shown again.\n".utf8))
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List users.")
        @OptionGroup var store: StoreOptions
        @Flag(help: "Print JSON.") var json = false

        func run() throws {
            let users = try store.openForReading().users()
            if json { print(try JSONText.encode(users)); return }
            for listing in users {
                let locales = listing.user.locales.isEmpty ? "" : " [" + listing.user.locales.joined(separator: ",") + "]"
                let state = listing.revokedAt.map { " revoked \($0)" } ?? ""
                print("\(listing.user.name)\t\(listing.user.role.rawValue)\(locales)\tsince \(listing.createdAt)\(state)")
            }
        }
    }

    struct Token: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "token", abstract: "Give a user a new token (the old one stops working).")
        @OptionGroup var store: StoreOptions
        @Argument var name: String

        func run() throws {
            print(try store.open().rotateToken(name, actor: LocalActor.name))
        }
    }

    struct Revoke: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "revoke", abstract: "Revoke a user's token.")
        @OptionGroup var store: StoreOptions
        @Argument var name: String

        func run() throws {
            try store.open().revokeUser(name, actor: LocalActor.name)
            print("Revoked \(name).")
        }
    }
}
