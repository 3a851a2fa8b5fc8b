import ContentStore
import Foundation
import Hummingbird
import NIOConcurrencyHelpers

/// `/healthz` and `/openapi.json`: open to everyone, outside authentication.
struct SystemController {
    let database: AppDatabase
    /// The OpenAPI document, encoded once.
    let openAPI: Data
    /// Published texts answered from the cache on the event loop since the server started.
    let cachedReads: NIOLockedValueBox<Int>

    func register(on router: Router<APIRequestContext>) {
        router.get("/healthz", use: health)
        router.get("/openapi.json", use: document)
    }

    /// Answers 200 when the database can be read, with the number of reads the cache answered on the event loop.
    @Sendable func health(_ request: Request, context: APIRequestContext) async throws -> Response {
        let database = database
        let migrations = try await Blocking.run { try database.appliedMigrations() }
        return try JSONCoding.response(Health(status: "ok", migrations: migrations.count,
                                              cachedReads: cachedReads.withLockedValue { $0 }))
    }

    @Sendable func document(_ request: Request, context: APIRequestContext) async throws -> Response {
        Response(status: .ok, headers: [.contentType: "application/json; charset=utf-8", .contentLength: String(openAPI.count)],
                 body: .init(byteBuffer: ByteBuffer(bytes: openAPI)))
    }
}

/// The body of `/healthz`.
struct Health: Encodable, Sendable {
    var status: String
    var migrations: Int
    /// Reads of published texts answered from the cache without the router, since the server started.
    var cachedReads: Int
}
