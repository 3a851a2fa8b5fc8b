import CampaignModel
import ContentStore
import Foundation
import GRDB
import Testing

/// `check()` must see the damage a bug or a hand edit with another SQLite client could do.
@Suite struct CheckTests {
    typealias F = StoreFixture

    func damagedStore(_ sql: String) throws -> AppDatabase {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("loa-check-\(UUID().uuidString).sqlite").path
        let store = try AppDatabase.open(path: path)
        try store.importContent(F.bundle([F.translation("vi", "Một"), F.translation("hmn", "Ib", status: .draft)]), actor: "import")
        #expect(try store.check().isEmpty)
        var configuration = Configuration()
        configuration.foreignKeysEnabled = false
        let other = try DatabaseQueue(path: path, configuration: configuration)
        try other.write { db in try db.execute(sql: sql) }
        return store
    }

    @Test func aPublishedRevisionWithoutApprovalIsFound() throws {
        let store = try damagedStore("UPDATE translation SET status = 'published', published_revision_id = head_revision_id WHERE locale = 'hmn'")
        #expect(try store.check().map(\.check) == ["published-approval"])
    }

    @Test func aMissingSourceRevisionIsFound() throws {
        let store = try damagedStore("UPDATE translation SET source_hash = '\(String(repeating: "c", count: 64))' WHERE locale = 'hmn'")
        #expect(try store.check().map(\.check) == ["translated-from"])
    }

    @Test func anAuditEntryNamingNoRevisionIsFound() throws {
        let store = try damagedStore("""
            INSERT INTO audit_entry (at, actor, action, revision_hash) VALUES ('2026-01-01', 'x', 'approve', '\(String(repeating: "d", count: 64))')
            """)
        #expect(try store.check().map(\.check) == ["audit-revision"])
    }

    @Test func aDanglingForeignKeyIsFound() throws {
        let store = try damagedStore("UPDATE translation SET locale = 'zz' WHERE locale = 'hmn'")
        #expect(try store.check().map(\.check).contains("foreign_key_check"))
    }
}
