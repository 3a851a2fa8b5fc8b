import CampaignModel
import Foundation
import GRDB

/// The content store: owns the database connection and its schema, and is the only way into it.
///
/// Production uses a `DatabasePool` (WAL: readers never wait for the writer); tests use an in-memory
/// `DatabaseQueue`. Every write runs in one transaction, so a failed import or a refused transition leaves
/// the data exactly as it was.
public final class AppDatabase: Sendable {
    let writer: any DatabaseWriter
    /// The clock, injected so tests can pin time.
    let now: @Sendable () -> Date

    public init(_ writer: any DatabaseWriter, now: @escaping @Sendable () -> Date = { Date() }) throws {
        self.writer = writer
        self.now = now
        try Schema.migrator.migrate(writer)
    }

    /// A store whose schema is known to be current, on a connection that may be read-only.
    private init(current writer: any DatabaseWriter) {
        self.writer = writer
        now = { Date() }
    }

    /// Opens (creating if needed) the database file at `path`.
    public static func open(path: String, now: @escaping @Sendable () -> Date = { Date() }) throws -> AppDatabase {
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent()
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return try AppDatabase(try DatabasePool(path: path, configuration: configuration()), now: now)
    }

    /// Opens the database file at `path` on one read-only connection, for commands that only read
    /// (exports, search, status, history). Falls back to `open(path:)` when the file does not exist yet or
    /// its schema is older than this Loa's, so that it is created or migrated as before.
    ///
    /// Why: `open(path:)` makes a pool whose writer checks the migrations, and the last connection of a
    /// WAL database to close checkpoints the log into the file and syncs it. A `loa export site` after one
    /// edit spent 4–6 ms opening and 3–8 ms closing that way, a tenth of the whole command. A read-only
    /// connection reads the same committed data (the log included) and leaves checkpoints to writers.
    public static func openForReading(path: String) throws -> AppDatabase {
        guard FileManager.default.fileExists(atPath: path) else { return try open(path: path) }
        var configuration = configuration()
        configuration.readonly = true
        let queue = try DatabaseQueue(path: path, configuration: configuration)
        guard try queue.read({ try Schema.migrator.hasCompletedMigrations($0) }) else {
            try queue.close()
            return try open(path: path)
        }
        return AppDatabase(current: queue)
    }

    /// A private in-memory database, for tests and one-off runs.
    public static func inMemory(now: @escaping @Sendable () -> Date = { Date() }) throws -> AppDatabase {
        try AppDatabase(try DatabaseQueue(configuration: configuration()), now: now)
    }

    static func configuration() -> Configuration {
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        configuration.busyMode = .timeout(10)
        configuration.label = "loa"
        configuration.prepareDatabase { db in
            // Readers map the database file instead of copying each page through read(): a `loa export site`
            // walks the published revisions' pages (most of the file) for titles and summaries, and copying
            // them cost about a tenth of that read (measured: snapshot ~50 → ~44 ms CPU for 1,000 × 10
            // texts). Only read-only connections, so that writes keep going through
            // SQLite's ordinary path; WAL readers still see the WAL's frames by ordinary reads, so this stays
            // consistent with concurrent writers in other processes. The bound keeps the mapping of a large
            // store in check; pages past it are read as before.
            if db.configuration.readonly { try db.execute(sql: "PRAGMA mmap_size = 268435456") }
        }
        return configuration
    }

    /// Names of every migration this version of Loa knows, oldest first: what a current database has applied.
    public static var migrations: [String] { Schema.migrator.migrations }

    /// Names of the applied migrations, oldest first.
    public func appliedMigrations() throws -> [String] {
        try writer.read { db in try Schema.migrator.appliedMigrations(db) }
    }

    /// The path of the database file, or nil when it lives in memory.
    /// Closes the database's connections, so that its files may be removed (a failed first import).
    public func close() throws {
        if let pool = writer as? DatabasePool { try pool.close() } else if let queue = writer as? DatabaseQueue { try queue.close() }
    }

    public var path: String? {
        let path = writer.path
        return path.isEmpty || path == ":memory:" ? nil : path
    }

    var timestamp: String { Self.timestampFormat.format(now()) }

    /// ISO 8601 with milliseconds in UTC: sorts as text and reads the same everywhere.
    static let timestampFormat = Date.ISO8601FormatStyle(includingFractionalSeconds: true)

    static func date(_ text: String) -> Date {
        (try? timestampFormat.parse(text)) ?? Date(timeIntervalSince1970: 0)
    }
}
