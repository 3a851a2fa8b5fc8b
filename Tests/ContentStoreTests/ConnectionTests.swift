@testable import ContentStore
import CampaignModel
import Foundation
import GRDB
import Testing

@Suite struct ConnectionTests {
    typealias F = StoreFixture

    /// `loa export site` reads most of the file's pages; readers map it, the writer keeps ordinary writes.
    @Test func readersMapTheDatabaseFileAndTheWriterDoesNot() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("loa-mmap-\(UUID().uuidString).sqlite").path
        let store = try AppDatabase.open(path: path)
        defer {
            try? store.close()
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        }
        #expect(try store.writer.read { db in try Int.fetchOne(db, sql: "PRAGMA mmap_size") } == 268_435_456)
        #expect(try store.writer.write { db in try Int.fetchOne(db, sql: "PRAGMA mmap_size") } == 0)
    }

    /// A temporary database path, removed with its log files by the returned closure.
    private func temporaryPath() -> (String, () -> Void) {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("loa-read-\(UUID().uuidString).sqlite").path
        return (path, { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } })
    }

    /// Read-only commands see what writers committed, the log not yet checkpointed included, and cannot
    /// change anything.
    @Test func readingSeesCommittedWorkAndCannotWrite() throws {
        let (path, remove) = temporaryPath()
        defer { remove() }
        let writer = try AppDatabase.open(path: path)
        defer { try? writer.close() }
        try writer.importContent(F.bundle([F.translation("vi", "Tiêu đề")]), actor: "import")
        #expect(FileManager.default.fileExists(atPath: path + "-wal"))

        let reader = try AppDatabase.openForReading(path: path)
        #expect(reader.writer is DatabaseQueue)
        #expect(try reader.snapshot().translation("fake-jobs", "vi")?.content.title == "Tiêu đề")
        #expect(try reader.writer.read { db in try Int.fetchOne(db, sql: "PRAGMA mmap_size") } == 268_435_456)
        #expect(throws: DatabaseError.self) {
            try reader.importContent(F.bundle([F.translation("vi", "Khác")]), actor: "import")
        }
        try reader.close()
        #expect(try writer.snapshot().translation("fake-jobs", "vi")?.content.title == "Tiêu đề")
    }

    /// A store made by an older Loa is migrated first, as `open` does, and so is a store not made yet.
    @Test func readingAnOlderOrMissingStoreOpensItForWriting() throws {
        let (older, removeOlder) = temporaryPath()
        defer { removeOlder() }
        let queue = try DatabaseQueue(path: older)
        try Schema.migrator.migrate(queue, upTo: "v4-plans")
        try queue.close()
        let migrated = try AppDatabase.openForReading(path: older)
        #expect(try migrated.appliedMigrations() == AppDatabase.migrations)
        #expect(migrated.writer is DatabasePool)
        try migrated.close()

        let (missing, removeMissing) = temporaryPath()
        defer { removeMissing() }
        let created = try AppDatabase.openForReading(path: missing)
        #expect(try created.appliedMigrations() == AppDatabase.migrations)
        try created.close()
        #expect(FileManager.default.fileExists(atPath: missing))
        let reopened = try AppDatabase.openForReading(path: missing)
        #expect(reopened.writer is DatabaseQueue)
        try reopened.close()
    }
}
