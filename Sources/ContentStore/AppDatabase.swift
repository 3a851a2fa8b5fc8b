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
    /// WAL database to close checkpoints the log into the file, syncing it twice. A `loa export site` after
    /// one edit spent 4–6 ms opening that way (1–2 ms now), and then closing. A read-only connection reads
    /// the same committed data (the log included) and leaves checkpoints to writers.
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

    /// The time `timestamp` wrote as `text` (the Unix epoch for text that is not a time).
    ///
    /// The store's own form, `2026-11-29T21:28:33.123Z` from 2002 on, is read by hand, giving the very value
    /// `timestampFormat` gives (checked for a million random times): a snapshot reads each distinct
    /// publication time, up to one per text, and the format style took 1 µs a time, 10 ms for 10,000
    /// texts. Any other text goes to the format style. (Near 2001, Foundation's reference date, the two
    /// differ in the last bit, hence the bound.)
    static func date(_ text: String) -> Date {
        var text = text
        if let date = text.withUTF8(storeTimestamp) { return date }
        return (try? timestampFormat.parse(text)) ?? Date(timeIntervalSince1970: 0)
    }

    /// `YYYY-MM-DDTHH:MM:SS.sssZ` with a year from 2002 to 9999 and a valid day and time; nil otherwise.
    private static func storeTimestamp(_ bytes: UnsafeBufferPointer<UInt8>) -> Date? {
        guard bytes.count == 24, bytes[4] == 0x2D, bytes[7] == 0x2D, bytes[10] == 0x54, bytes[13] == 0x3A,
              bytes[16] == 0x3A, bytes[19] == 0x2E, bytes[23] == 0x5A else { return nil }
        func number(_ start: Int, _ length: Int) -> Int? {
            var value = 0
            for index in start..<(start + length) {
                let digit = Int(bytes[index]) - 0x30
                guard (0...9).contains(digit) else { return nil }
                value = value * 10 + digit
            }
            return value
        }
        guard let year = number(0, 4), let month = number(5, 2), let day = number(8, 2), let hour = number(11, 2),
              let minute = number(14, 2), let second = number(17, 2), let millisecond = number(20, 3),
              year >= 2002, (1...12).contains(month), hour < 24, minute < 60, second < 60 else { return nil }
        let isLeap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
        let monthDays = [31, isLeap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
        guard (1...monthDays).contains(day) else { return nil }
        // Days since 1970-01-01 of the civil date (Howard Hinnant's `days_from_civil`, years after 0).
        let shiftedYear = month <= 2 ? year - 1 : year
        let era = shiftedYear / 400, yearOfEra = shiftedYear % 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let days = era * 146_097 + yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear - 719_468
        let seconds = days * 86_400 + hour * 3_600 + minute * 60 + second
        // As the format style makes it: whole seconds since the reference date, then the fraction.
        return Date(timeIntervalSinceReferenceDate: Double(seconds - 978_307_200) + Double(millisecond) / 1_000)
    }
}
