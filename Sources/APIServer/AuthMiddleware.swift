import CampaignModel
import ContentStore
import Hummingbird

/// Resolves `Authorization: Bearer <token>` to a `User` in the context. No header means an anonymous
/// client (routes decide whether that is enough); a bad or revoked token is refused with 401 at once.
struct AuthMiddleware: RouterMiddleware {
    typealias Context = APIRequestContext
    let database: AppDatabase

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let header = request.headers[.authorization] else { return try await next(request, context) }
        let parts = header.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else {
            throw LoaError.unauthorized("use 'Authorization: Bearer <token>'.")
        }
        let token = parts[1].trimmingCharacters(in: .whitespaces)
        let database = database
        let user = try await Blocking.run { try database.authenticate(token: token) }
        var context = context
        context.user = user
        context.logger[metadataKey: "user"] = .string(user.name)
        return try await next(request, context)
    }
}
