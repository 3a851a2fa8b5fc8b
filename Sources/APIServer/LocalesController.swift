import CampaignModel
import ContentStore
import Hummingbird

/// `/v1/locales`: the languages Loa publishes in.
struct LocalesController {
    let database: AppDatabase
    let access: AccessPolicy

    func register(on router: Router<APIRequestContext>) {
        router.get("/v1/locales", use: list)
        router.get("/v1/locales/{code}", use: show)
    }

    @Sendable func list(_ request: Request, context: APIRequestContext) async throws -> Response {
        _ = try access.reader(context)
        let database = database
        return try JSONCoding.response(ItemList(try await Blocking.run { try database.locales() }))
    }

    @Sendable func show(_ request: Request, context: APIRequestContext) async throws -> Response {
        _ = try access.reader(context)
        let code = try context.path("code")
        let database = database
        let locales = try await Blocking.run { try database.locales() }
        guard let locale = locales.first(where: { $0.code == code }) else { throw LoaError.notFound("locale '\(code)'") }
        return try JSONCoding.response(locale)
    }
}
