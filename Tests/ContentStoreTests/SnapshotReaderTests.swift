import CampaignModel
@testable import ContentStore
import Foundation
import GRDB
import Testing

/// `snapshot()` reads its rows through SQLite's C API (`SnapshotReader`): it must give what the record
/// types and the published-translation reader give for the same rows.
@Suite struct SnapshotReaderTests {
    typealias F = StoreFixture

    static func material(_ slug: String, topics: [String]) -> Material {
        Material(slug: slug, topics: topics, audiences: ["women"], sourceLocale: "vi", channels: [.sms, .print])
    }

    static func bundle() -> ContentBundle {
        let materials = [
            material("fake-jobs", topics: ["recruitment"]),
            material("loans", topics: ["recruitment"]),
            material("visas", topics: ["migration", "rights"]),
        ]
        return ContentBundle(locales: [F.hmn, F.vi], materials: materials.map { material in
            MaterialFolder(material: material, translations: ["vi", "hmn"].map { locale in
                TranslationFile(locale: locale, status: .published,
                                content: TranslationContent(title: "\(material.slug) \(locale) tiêu đề", summary: "Tóm tắt",
                                                            body: "Nội dung.\n", sms: locale == "vi" ? "SMS" : nil),
                                path: "\(material.slug)/\(locale).md")
            })
        })
    }

    @Test func aSnapshotHoldsWhatTheRecordReadersRead() throws {
        let database = try F.database()
        try database.importContent(Self.bundle(), actor: "import")
        // Columns the import never writes, to exercise the JSONDecoder fallback: spaces, an escape, a
        // non-ASCII word, an unknown channel (which empties the list, as `JSONColumn.decode` does).
        try database.writer.write { db in
            try db.execute(sql: #"UPDATE material SET topics = '[ "a", "b" ]', audiences = '["x\"y","é"]' WHERE slug = 'loans'"#)
            try db.execute(sql: #"UPDATE material SET channels = '["sms","fax"]', topics = '[]' WHERE slug = 'visas'"#)
        }
        let snapshot = try database.snapshot()
        #expect(snapshot.materials == (try database.materials()))
        #expect(snapshot.materials[1].topics == ["a", "b"] && snapshot.materials[1].audiences == ["x\"y", "é"])
        #expect(snapshot.materials[2].channels == [] && snapshot.materials[2].topics == [])
        #expect(snapshot.locales == (try database.locales()))

        #expect(snapshot.translations.count == 6)
        var identity = ""
        for translation in snapshot.translations {
            #expect(translation == (try database.publishedTranslation(slug: translation.slug, locale: translation.locale)))
            identity += "\(translation.slug)\t\(translation.locale)\t\(translation.revisionHash)\n"
        }
        #expect(snapshot.id == ContentHash.sha256(identity))
        #expect(snapshot.takenAt == Date(timeIntervalSince1970: 1_800_000_000))

        // Without texts: the same snapshot but for its texts, which are read by hash, with or without bodies.
        let withoutTexts = try database.snapshot(texts: .revisionsOnly)
        #expect(withoutTexts.id == snapshot.id && withoutTexts.takenAt == snapshot.takenAt)
        #expect(withoutTexts.translations.map(\.content) == Array(repeating: TranslationContent(title: "", summary: "", body: ""),
                                                                   count: snapshot.translations.count))
        #expect(withoutTexts.translations.map { [$0.slug, $0.locale, $0.revisionHash] }
                == snapshot.translations.map { [$0.slug, $0.locale, $0.revisionHash] })
        #expect(withoutTexts.translations.map(\.publishedAt) == snapshot.translations.map(\.publishedAt))
        let hashes = snapshot.translations.map(\.revisionHash) + [String(repeating: "0", count: 64)]
        let whole = try database.texts(ofRevisions: hashes, withBodies: true)
        let listings = try database.texts(ofRevisions: hashes, withBodies: false)
        #expect(whole.count == snapshot.translations.count && listings.count == snapshot.translations.count)
        for translation in snapshot.translations {
            var expected = translation.content
            expected.translatedFrom = nil
            #expect(whole[translation.revisionHash] == expected)
            #expect(listings[translation.revisionHash] == TranslationContent(title: expected.title, summary: expected.summary, body: ""))
        }
    }

    /// A snapshot without texts reads the revisions' index of migration v8, not their rows.
    @Test func aSnapshotWithoutTextsReadsTheRevisionsIndex() throws {
        let database = try F.database()
        try database.importContent(Self.bundle(), actor: "import")
        let plan = try database.writer.read { db in
            try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + SnapshotReader.translationsSQL(.revisionsOnly)).map { $0["detail"] as String }
        }
        #expect(plan.count == 2 && plan.last == "SEARCH r USING COVERING INDEX revision_published (id=?)", "\(plan)")
    }

    /// Texts are read in chunks (SQLite bounds a statement's parameters): more hashes than one chunk holds.
    @Test func readsTextsOfManyRevisions() throws {
        let database = try AppDatabase.inMemory(now: { Date(timeIntervalSince1970: 1_800_000_000) })
        for round in 0..<3 {
            try database.importContent(ContentBundle(locales: [StoreFixture.vi], materials: (0..<400).map { index in
                MaterialFolder(material: Material(slug: "m-\(index)", topics: [], audiences: [], sourceLocale: "vi", channels: []),
                               translations: [TranslationFile(locale: "vi", status: .published,
                                                              content: TranslationContent(title: "Bài \(index) lần \(round)",
                                                                                          summary: "S", body: "B \(round)\n"),
                                                              path: "m-\(index)/vi.md")])
            }), actor: "import")
        }
        let hashes = try database.writer.read { db in try String.fetchAll(db, sql: "SELECT hash FROM revision") }
        #expect(hashes.count == 1_200)
        let texts = try database.texts(ofRevisions: hashes, withBodies: false)
        #expect(texts.count == 1_200)
        #expect(Set(texts.values.map(\.title)).count == 1_200 && texts.values.allSatisfy { $0.body.isEmpty })
    }
}
