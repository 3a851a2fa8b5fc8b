import CampaignModel
import ContentFiles
import ContentStore
import Foundation
import GRDB
import Testing

@Suite struct ImportTests {
    typealias F = StoreFixture

    @Test func migratesAnEmptyDatabaseAndReopensAnExistingOne() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("loa-\(UUID().uuidString).sqlite").path
        let first = try AppDatabase.open(path: path)
        #expect(try first.appliedMigrations() == ["v1-content", "v2-search", "v3-workflow", "v4-plans", "v5-published-at", "v6-folded-search", "v7-newest-first-search", "v8-snapshot-index"])
        try first.importContent(F.bundle([F.translation("vi", "Tiêu đề")]), actor: "test")
        let second = try AppDatabase.open(path: path)
        #expect(try second.appliedMigrations() == ["v1-content", "v2-search", "v3-workflow", "v4-plans", "v5-published-at", "v6-folded-search", "v7-newest-first-search", "v8-snapshot-index"])
        #expect(try second.counts().translations == 1)
    }

    @Test func importCreatesRevisionsAuditEntriesAndIsIdempotent() throws {
        let database = try F.database()
        let bundle = F.bundle([F.translation("vi", "Tiêu đề"), F.translation("hmn", "Npe", status: .draft)])
        let first = try database.importContent(bundle, actor: "alice", origin: "test")
        #expect(first.translationsAdded == 2)
        #expect(first.revisionsCreated == 2)
        #expect(first.localesAdded == 2)
        #expect(first.materialsAdded == 1)
        let counts = try database.counts()
        #expect(counts.translationsByStatus == ["published": 1, "draft": 1])
        let audit = try database.auditLog(limit: 100)
        #expect(audit.contains { $0.action == "import.publish" && $0.locale == "vi" && $0.detail == "test: fake-jobs/vi.md" })
        #expect(audit.contains { $0.action == "revision.create" && $0.locale == "hmn" && $0.actor == "alice" })
        #expect(!audit.contains { $0.action == "import.publish" && $0.locale == "hmn" })

        let again = try database.importContent(bundle, actor: "alice")
        #expect(!again.changedAnything)
        #expect(again.unchanged == 2)
        #expect(try database.counts() == counts)
    }

    @Test func changedTextMakesANewRevisionWithBeforeAndAfterHashes() throws {
        let database = try F.database()
        try database.importContent(F.bundle([F.translation("vi", "Một")]), actor: "a")
        let summary = try database.importContent(F.bundle([F.translation("vi", "Hai")]), actor: "a")
        #expect(summary.revisionsCreated == 1)
        #expect(try database.counts().revisions == 2)
        let entry = try #require(try database.auditLog().first { $0.action == "revision.create" && $0.beforeHash != nil })
        #expect(entry.beforeHash != entry.afterHash)
        let snapshot = try database.snapshot()
        #expect(snapshot.translation("fake-jobs", "vi")?.content.title == "Hai")
        #expect(snapshot.translation("fake-jobs", "vi")?.revisionHash == entry.afterHash)
    }

    @Test func decomposedInputIsStoredComposed() throws {
        let database = try F.database()
        let nfd = "Buôn bán người".decomposedStringWithCanonicalMapping
        try database.importContent(F.bundle([F.translation("vi", nfd, body: nfd + "\n")]), actor: "a")
        let stored = try #require(try database.snapshot().translation("fake-jobs", "vi"))
        #expect(stored.content.title == "Buôn bán người")
        #expect(stored.content.title.unicodeScalars.count == "Buôn bán người".unicodeScalars.count)
        // The same text typed composed is the same revision.
        let again = try database.importContent(F.bundle([F.translation("vi", "Buôn bán người", body: "Buôn bán người\n")]), actor: "a")
        #expect(!again.changedAnything)
    }

    @Test func aFailedImportLeavesTheDatabaseAsItWas() throws {
        let database = try F.database()
        try database.importContent(F.bundle([F.translation("vi", "Một")]), actor: "a")
        let before = try database.counts()
        let audit = try database.auditLog(limit: 1000)
        let unknownHash = String(repeating: "b", count: 64)
        let bad = F.bundle([F.translation("vi", "Hai"), F.translation("hmn", "Ob", translatedFrom: unknownHash)])
        #expect {
            try database.importContent(bad, actor: "a")
        } throws: { error in
            guard case LoaError.invalidInput(let issues) = error else { return false }
            return issues.first?.file == "fake-jobs/hmn.md" && issues.first?.field == "translated_from"
        }
        #expect(try database.counts() == before)
        #expect(try database.auditLog(limit: 1000) == audit)
        #expect(try database.snapshot().translation("fake-jobs", "vi")?.content.title == "Một")
    }

    @Test func aMaterialWithAnUnknownSourceLocaleIsRefused() throws {
        let database = try F.database()
        var material = F.material
        material.sourceLocale = "xx"
        let bundle = F.bundle([F.translation("vi", "Một")], material: material)
        #expect(throws: LoaError.self) { try database.importContent(bundle, actor: "a") }
        #expect(try database.counts().materials == 0)
    }

    @Test func translationsWithoutTranslatedFromFollowTheSourceOfTheSameImport() throws {
        let database = try F.database()
        try database.importContent(F.bundle([F.translation("vi", "Một"), F.translation("hmn", "Ib")]), actor: "a")
        let exported = try database.contentBundle()
        let vi = try #require(exported.materials.first?.translations.first { $0.locale == "vi" })
        let hmn = try #require(exported.materials.first?.translations.first { $0.locale == "hmn" })
        #expect(vi.content.translatedFrom == nil)
        #expect(hmn.content.translatedFrom == ContentHash.revision(vi.content))
    }

    @Test func revisionsAndTheAuditLogCannotBeRewritten() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("loa-\(UUID().uuidString).sqlite").path
        let database = try AppDatabase.open(path: path)
        try database.importContent(F.bundle([F.translation("vi", "Một")]), actor: "a")
        let queue = try DatabaseQueue(path: path)
        #expect(throws: DatabaseError.self) { try queue.write { try $0.execute(sql: "UPDATE revision SET title = 'x'") } }
        #expect(throws: DatabaseError.self) { try queue.write { try $0.execute(sql: "DELETE FROM revision") } }
        #expect(throws: DatabaseError.self) { try queue.write { try $0.execute(sql: "DELETE FROM audit_entry") } }
        #expect(throws: DatabaseError.self) {
            try queue.write { try $0.execute(sql: "UPDATE translation SET status = 'done'") }
        }
    }

    @Test func filesRoundTripThroughTheStoreByteForByte() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("loa-rt-\(UUID().uuidString)")
        let source = ContentBundle(locales: [F.vi, F.hmn], materials: [MaterialFolder(material: F.material, translations: [
            TranslationFile(locale: "vi", status: .published,
                            content: TranslationContent(title: "Cảnh giác: việc nhẹ", summary: "Hỏi kỹ, #1 trước khi đi",
                                                        body: "Đoạn một.\n\n- Mục\n", sms: "Cảnh giác!", notes: "ghi chú"),
                            path: "fake-jobs/vi.md"),
            TranslationFile(locale: "hmn", status: .draft,
                            content: TranslationContent(title: "Ceev faj", summary: "Nug", body: "Cov neeg.\n"),
                            path: "fake-jobs/hmn.md"),
        ])])
        let first = root.appendingPathComponent("one")
        try ContentWriter().write(source, content: first.appendingPathComponent("Content"), locales: first.appendingPathComponent("Locales"))

        let database = try F.database()
        let read1 = try ContentReader().read(content: first.appendingPathComponent("Content"), locales: first.appendingPathComponent("Locales"))
        try database.importContent(read1, actor: "a")
        let second = root.appendingPathComponent("two")
        try ContentWriter().write(try database.contentBundle(), content: second.appendingPathComponent("Content"),
                                  locales: second.appendingPathComponent("Locales"))

        let read2 = try ContentReader().read(content: second.appendingPathComponent("Content"), locales: second.appendingPathComponent("Locales"))
        let summary = try database.importContent(read2, actor: "a")
        #expect(!summary.changedAnything, "re-importing the export creates no revisions")
        let third = root.appendingPathComponent("three")
        try ContentWriter().write(try database.contentBundle(), content: third.appendingPathComponent("Content"),
                                  locales: third.appendingPathComponent("Locales"))
        let secondFiles = try files(second)
        #expect(secondFiles.count == 5)
        #expect(secondFiles == (try files(third)))
    }

    private func files(_ folder: URL) throws -> [String: Data] {
        var result: [String: Data] = [:]
        let walker = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil)
        while let url = walker?.nextObject() as? URL {
            guard !url.hasDirectoryPath else { continue }
            result[url.path.replacingOccurrences(of: folder.path, with: "")] = try Data(contentsOf: url)
        }
        return result
    }
}

@Suite struct SnapshotStabilityTests {
    @Test func theSamePublishedTextsGiveEqualSnapshots() throws {
        let database = try AppDatabase.inMemory(now: { Date(timeIntervalSince1970: 1_800_000_000) })
        try database.importContent(StoreFixture.bundle([StoreFixture.translation("vi", "Một"),
                                                        StoreFixture.translation("hmn", "Ib", status: .draft)]), actor: "a")
        let first = try database.snapshot()
        let second = try database.snapshot()
        #expect(first == second)
        #expect(first.takenAt == Date(timeIntervalSince1970: 1_800_000_000))
        // A draft saved over nothing published does not move the snapshot.
        let translator = User(name: "pao", role: .translator, locales: ["hmn"])
        let head = try database.translationState(slug: "fake-jobs", locale: "hmn").head.hash
        try database.saveDraft(slug: "fake-jobs", locale: "hmn", content: TranslationContent(title: "Ob", summary: "S", body: "B\n"),
                               expectedHead: head, by: translator)
        #expect(try database.snapshot() == first)
    }
}
