import CampaignModel
@testable import ContentStore
import Foundation
import GRDB
import Synchronization
import Testing

/// A published text carries the time it was published, not the time its revision was written, and drafts
/// saved on top of it leave that time alone.
@Suite struct PublishedAtTests {
    typealias F = StoreFixture

    /// A clock the test moves by hand.
    final class Clock: Sendable {
        private let current = Mutex(Date(timeIntervalSince1970: 1_800_000_000))
        var now: Date { current.withLock { $0 } }
        func advance(days: Double) { current.withLock { $0 += days * 86_400 } }
    }

    @Test func publicationTimeIsKeptAndAgreedOnByEveryReader() throws {
        let clock = Clock()
        let database = try AppDatabase.inMemory(now: { clock.now })
        try database.importContent(F.bundle([F.translation("vi", "Tiêu đề")]), actor: "import")
        let imported = clock.now
        clock.advance(days: 1)
        let translator = User(name: "pao", role: .translator, locales: ["hmn"])
        let reviewer = User(name: "mai", role: .reviewer, locales: ["hmn"])
        let content = TranslationContent(title: "Ib", summary: "Nug", body: "Cov lus.\n")
        _ = try database.saveDraft(slug: "fake-jobs", locale: "hmn", content: content, expectedHead: nil, by: translator)
        clock.advance(days: 1)
        try database.transition(.submit, slug: "fake-jobs", locale: "hmn", by: translator)
        try database.transition(.approve, slug: "fake-jobs", locale: "hmn", by: reviewer)
        clock.advance(days: 1)
        try database.transition(.publish, slug: "fake-jobs", locale: "hmn", by: reviewer)
        let published = clock.now

        // A new draft on top of the published text changes nothing readers see.
        clock.advance(days: 1)
        let head = try database.translationState(slug: "fake-jobs", locale: "hmn").head.hash
        _ = try database.saveDraft(slug: "fake-jobs", locale: "hmn", content: TranslationContent(title: "Ob", summary: "Nug", body: "x\n"),
                                   expectedHead: head, by: translator)

        for (slug, locale, expected) in [("fake-jobs", "hmn", published), ("fake-jobs", "vi", imported)] {
            #expect(try database.publishedTranslation(slug: slug, locale: locale).publishedAt == expected)
            #expect(try database.snapshot().translation(slug, locale)?.publishedAt == expected)
        }
        #expect(try database.snapshot().takenAt == published, "a snapshot's time is its newest publication")

        // Re-importing unchanged files keeps the import's publication time.
        clock.advance(days: 1)
        try database.importContent(F.bundle([F.translation("vi", "Tiêu đề")]), actor: "import")
        #expect(try database.publishedTranslation(slug: "fake-jobs", locale: "vi").publishedAt == imported)
        // An import that publishes a new revision publishes it now.
        try database.importContent(F.bundle([F.translation("vi", "Tiêu đề mới")]), actor: "import")
        #expect(try database.publishedTranslation(slug: "fake-jobs", locale: "vi").publishedAt == clock.now)
    }

    /// Store times are read by hand (`AppDatabase.date`), to exactly what the format style reads, and
    /// anything else by the format style.
    @Test func timesReadByHandAreWhatTheFormatStyleReads() {
        let style = AppDatabase.timestampFormat
        func expected(_ text: String) -> Date { (try? style.parse(text)) ?? Date(timeIntervalSince1970: 0) }
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<20_000 {
            // 1970 to 2100, to the millisecond: before 2002 the format style reads them.
            let text = style.format(Date(timeIntervalSince1970: Double(Int64.random(in: 0...4_102_444_800_000, using: &generator)) / 1_000))
            #expect(AppDatabase.date(text) == expected(text), "\(text)")
        }
        for text in ["2024-02-29T23:59:59.999Z", "2100-02-28T00:00:00.000Z", "2002-01-01T00:00:00.000Z", "2001-12-31T23:59:59.999Z",
                     "2100-02-29T00:00:00.000Z", "2026-13-01T00:00:00.000Z", "2026-04-31T00:00:00.000Z", "2026-01-01T24:00:00.000Z",
                     "2026-01-01T00:00:60.000Z", "2026-01-01T00:00:00.000+07:00", "2026-01-01 00:00:00.000Z", "2026-01-01T00:00:00Z",
                     "2026-0a-01T00:00:00.000Z", "", "not a time"] {
            #expect(AppDatabase.date(text) == expected(text), "\(text)")
        }
        #expect(AppDatabase.date("2026-11-29T21:28:33.500Z").timeIntervalSince1970 == 1_795_987_713.5)
    }

    /// A database made before the column existed gets each publication's time from its audit log.
    @Test func theMigrationTakesPublicationTimesFromTheAuditLog() throws {
        let queue = try DatabaseQueue()
        try Schema.migrator.migrate(queue, upTo: "v4-plans")
        try queue.write { db in
            try db.execute(sql: """
                INSERT INTO locale (code, iso639_3, english_name, autonym, script, direction, words_per_minute) VALUES ('vi', 'vie', 'Vietnamese', 'Tiếng Việt', 'Latn', 'ltr', 150);
                INSERT INTO material (slug, source_locale, created_at, updated_at) VALUES ('a', 'vi', '2027-01-01T00:00:00.000Z', '2027-01-01T00:00:00.000Z');
                INSERT INTO translation (id, material_slug, locale, status, updated_at) VALUES (1, 'a', 'vi', 'published', '2027-01-09T00:00:00.000Z');
                INSERT INTO revision (id, translation_id, number, hash, title, summary, body, author, created_at)
                    VALUES (1, 1, 1, '\(String(repeating: "a", count: 64))', 'T', 'S', 'B', 'lan', '2027-01-02T00:00:00.000Z');
                UPDATE translation SET head_revision_id = 1, published_revision_id = 1 WHERE id = 1;
                INSERT INTO audit_entry (at, actor, action, material_slug, locale, revision_hash)
                    VALUES ('2027-01-05T00:00:00.000Z', 'mai', 'publish', 'a', 'vi', '\(String(repeating: "a", count: 64))');
                INSERT INTO material (slug, source_locale, created_at, updated_at) VALUES ('b', 'vi', '2027-01-01T00:00:00.000Z', '2027-01-01T00:00:00.000Z');
                INSERT INTO translation (id, material_slug, locale, status, updated_at) VALUES (2, 'b', 'vi', 'published', '2027-01-09T00:00:00.000Z');
                INSERT INTO revision (id, translation_id, number, hash, title, summary, body, author, created_at)
                    VALUES (2, 2, 1, '\(String(repeating: "b", count: 64))', 'T', 'S', 'B', 'lan', '2027-01-03T00:00:00.000Z');
                UPDATE translation SET head_revision_id = 2, published_revision_id = 2 WHERE id = 2;
                """)
        }
        let database = try AppDatabase(queue)
        #expect(try database.publishedTranslation(slug: "a", locale: "vi").publishedAt == AppDatabase.date("2027-01-05T00:00:00.000Z"))
        // No publication on record: the revision's own time, as before.
        #expect(try database.publishedTranslation(slug: "b", locale: "vi").publishedAt == AppDatabase.date("2027-01-03T00:00:00.000Z"))
    }
}
