import CampaignModel
import ContentStore
import Hummingbird
import Logging
import NIOConcurrencyHelpers

/// The API's one composition root: the store, the routes and their middleware, and the HTTP server.
///
/// `loa serve` runs the result with `runService()` (SIGTERM and SIGINT stop it gracefully: the listener
/// closes and requests in flight finish); tests run it with HummingbirdTesting's `app.test(.router)` or `.live`.
public func buildApplication(configuration: APIConfiguration) async throws -> some ApplicationProtocol {
    var logger = Logger(label: "loa.api")
    logger.logLevel = configuration.logLevel
    let database: AppDatabase = switch configuration.database {
    case .store(let database): database
    case .path(let path): try AppDatabase.open(path: path)
    }
    let caches = ReadCaches(configuration: configuration)
    let router = try buildRouter(configuration: configuration, database: database, caches: caches)
    let shortcut = CachedPublishedResponder.Shared(published: caches.published, users: caches.users,
                                                   access: AccessPolicy(anonymousRead: configuration.anonymousRead), logger: logger,
                                                   answered: caches.answeredOnEventLoop)
    let onServerRunning = configuration.onServerRunning
    let serverLogger = logger
    return Application(
        router: router,
        server: .http1(configuration: .init(additionalChannelHandlers: [CachedPublishedResponder(shared: shortcut)])),
        configuration: ApplicationConfiguration(address: .hostname(configuration.host, port: configuration.port)),
        onServerRunning: { channel in
            let port = channel.localAddress?.port ?? configuration.port
            serverLogger.notice("Loa API listening", metadata: ["host": .string(configuration.host), "port": .stringConvertible(port)])
            await onServerRunning(port)
        },
        logger: logger)
}

/// The caches of the hot read paths, shared by the router (which fills them) and `CachedPublishedResponder`.
struct ReadCaches: Sendable {
    let published: PublishedCache
    let users: ExpiringCache<String, User>
    /// Reads `CachedPublishedResponder` answered without the router (reported by `/healthz`).
    let answeredOnEventLoop = NIOLockedValueBox(0)

    init(configuration: APIConfiguration) {
        published = PublishedCache(lifetime: configuration.publishedCacheLifetime)
        users = ExpiringCache(lifetime: configuration.tokenCacheLifetime)
    }
}

/// The router with every route and middleware; `buildApplication` serves it, the OpenAPI test enumerates it.
func buildRouter(configuration: APIConfiguration, database: AppDatabase,
                 caches: ReadCaches? = nil) throws -> Router<APIRequestContext> {
    let caches = caches ?? ReadCaches(configuration: configuration)
    let router = Router(context: APIRequestContext.self)
    // Middleware applies to the routes added after it (and to the not-found responder).
    router.add(middleware: RequestLogMiddleware())
    router.add(middleware: ProblemMiddleware())
    router.add(middleware: BodyLimitMiddleware(maxSize: configuration.maxBodySize))
    SystemController(database: database, openAPI: try OpenAPIDocument.encoded(), cachedReads: caches.answeredOnEventLoop).register(on: router)
    router.add(middleware: AuthMiddleware(database: database, users: caches.users))
    let access = AccessPolicy(anonymousRead: configuration.anonymousRead)
    let bodies = BodyReader(maxSize: configuration.maxBodySize)
    let cache = caches.published
    LocalesController(database: database, access: access).register(on: router)
    MaterialsController(database: database, access: access, bodies: bodies).register(on: router)
    TranslationsController(database: database, access: access, bodies: bodies, cache: cache).register(on: router)
    WorkflowController(database: database, access: access, bodies: bodies, cache: cache).register(on: router)
    ReportsController(database: database, access: access).register(on: router)
    PlansController(database: database, access: access, bodies: bodies,
                    inputs: PlanningInputs(campaigns: configuration.campaignsDirectory, regions: configuration.regionsDirectory))
        .register(on: router)
    return router
}

/// Builds the application and serves until SIGTERM or SIGINT, then stops gracefully: `loa serve`.
public func runServer(configuration: APIConfiguration) async throws {
    let application = try await buildApplication(configuration: configuration)
    try await application.runService()
}
