import ArgumentParser
import CampaignModel
import ContentStore
import Foundation

/// Who is acting: `--token`, else `LOA_TOKEN`. Workflow commands check the same rules as the API.
struct AuthOptions: ParsableArguments {
    @Option(help: "Your API token (default: $LOA_TOKEN).")
    var token: String?

    func user(in database: AppDatabase) throws -> User {
        guard let token = token ?? ProcessInfo.processInfo.environment["LOA_TOKEN"], !token.isEmpty else {
            throw LoaError.unauthorized("give --token or set LOA_TOKEN (an admin creates tokens with 'loa user add').")
        }
        return try database.authenticate(token: token)
    }
}
