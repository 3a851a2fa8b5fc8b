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

        let withoutBodies = try database.snapshot(withBodies: false)
        #expect(withoutBodies.id == snapshot.id)
        #expect(withoutBodies.translations.map(\.content) == snapshot.translations.map {
            TranslationContent(title: $0.content.title, summary: $0.content.summary, body: "")
        })
    }
}
