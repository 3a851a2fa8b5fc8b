import CampaignModel
import ContentStore
import Hummingbird

/// Resolves `Authorization: Bearer <token>` to a `User` in the context. No header means an anonymous
/// client (routes decide whether that is enough); a bad or revoked token is refused with 401 at once.
///
/// Known tokens are remembered for `users.lifetime` (a second by default), so a busy client costs no database
/// query per request; a token revoked by `loa user revoke` stops working within that time. Unknown tokens
/// are never remembered, so guessing cannot fill the cache.
struct AuthMiddleware: RouterMiddleware {
    typealias Context = APIRequestContext
    let database: AppDatabase
    let users: ExpiringCache<String, User>

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let header = request.headers[.authorization] else { return try await next(request, context) }
        guard let token = Self.bearerToken(header) else {
            throw LoaError.unauthorized("use 'Authorization: Bearer <token>'.")
        }
        let user: User
        if let known = users.value(token) {
            user = known
        } else {
            let database = database
            user = try await Blocking.run { try database.authenticate(token: token) }
            users.store(token, user)
        }
        var context = context
        context.user = user
        context.logger[metadataKey: "user"] = .string(user.name)
        return try await next(request, context)
    }

    /// The token of an `Authorization: Bearer <token>` value; nil for any other scheme or shape.
    static func bearerToken(_ header: String) -> String? {
        let parts = header.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else { return nil }
        return parts[1].trimmingCharacters(in: .whitespaces)
    }
}
