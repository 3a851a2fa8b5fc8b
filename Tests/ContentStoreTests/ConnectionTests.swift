@testable import ContentStore
import Foundation
import GRDB
import Testing

@Suite struct ConnectionTests {
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
}
