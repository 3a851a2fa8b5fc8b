import ContentStore
import Foundation
import Logging

/// Everything `buildApplication(configuration:)` needs: where to listen, which store, and the API's policies.
public struct APIConfiguration: Sendable {
    /// The store to serve: an open database (tests) or a file path (`loa serve --database`).
    public enum Database: Sendable {
        case store(AppDatabase)
        case path(String)
    }

    public var host: String
    /// 0 picks a free port (tests); `onServerRunning` reports the one bound.
    public var port: Int
    public var database: Database
    /// Largest request body accepted, in bytes; bigger ones get 413.
    public var maxBodySize: Int
    /// When true, clients without a token may read locales, materials and published texts.
    public var anonymousRead: Bool
    public var logLevel: Logger.Level
    /// The campaign files `POST /v1/plans` may name, and the figures CSVs they use.
    public var campaignsDirectory: URL
    /// The region tables plans are made over (`Content/regions`).
    public var regionsDirectory: URL
    /// How long an encoded published text may be served from memory; writes through this server drop it at
    /// once, other processes' changes show within this time. Zero turns the cache off.
    public var publishedCacheLifetime: Duration
    /// How long the user behind a bearer token is remembered; a token revoked by another process keeps working
    /// for at most this time. Zero turns the cache off.
    public var tokenCacheLifetime: Duration
    /// Called with the bound port once the server listens (the benchmark script and live tests wait for it).
    public var onServerRunning: @Sendable (Int) async -> Void

    public init(host: String = "127.0.0.1", port: Int = 8080, database: Database, maxBodySize: Int = 1 << 20,
                anonymousRead: Bool = false, logLevel: Logger.Level = .info,
                campaignsDirectory: URL = URL(fileURLWithPath: "Content/campaigns", isDirectory: true),
                regionsDirectory: URL = URL(fileURLWithPath: "Content/regions", isDirectory: true),
                publishedCacheLifetime: Duration = .seconds(1), tokenCacheLifetime: Duration = .seconds(1),
                onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in }) {
        self.host = host
        self.port = port
        self.database = database
        self.maxBodySize = maxBodySize
        self.anonymousRead = anonymousRead
        self.logLevel = logLevel
        self.campaignsDirectory = campaignsDirectory
        self.regionsDirectory = regionsDirectory
        self.publishedCacheLifetime = publishedCacheLifetime
        self.tokenCacheLifetime = tokenCacheLifetime
        self.onServerRunning = onServerRunning
    }
}
