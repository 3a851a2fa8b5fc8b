import CampaignModel
import Foundation

/// What the pages of a build are made of, as bytes (see `ByteRows`): rows by material (in
/// `SiteBuild.materials` order) and by translation (in `snapshot.translations` order).
struct PageFields: Sendable {
    /// Fingerprint fields of a material: its slug; its topics; the built locales with their own text.
    var slug = ByteRows(), topics = ByteRows(), translated = ByteRows()
    /// Fingerprint fields of a translation: revision hash and locale (the hash names the title, summary
    /// and body, so it stands for all of them); publication time in whole seconds.
    var revision = ByteRows(), published = ByteRows()

    init() {}

    init(_ build: SiteBuild) {
        for material in build.materials {
            slug.field(material.slug)
            slug.endRow()
            topics.field(material.topics.joined(separator: ","))
            topics.endRow()
            translated.field((build.translatedLocales[material.slug] ?? []).joined(separator: ","))
            translated.endRow()
        }
        // The translations' rows in chunks over the cores, joined in order.
        let translations = build.snapshot.translations
        let chunkSize = 2048
        let chunks = Parallel.map(Array(stride(from: 0, to: translations.count, by: chunkSize)), grain: 1) { start in
            Self(translations: translations, range: start..<min(start + chunkSize, translations.count))
        }
        revision = ByteRows(joining: chunks.map(\.revision))
        published = ByteRows(joining: chunks.map(\.published))
    }

    /// The rows of the translations in `range` only (the material rows stay empty).
    private init(translations: [PublishedTranslation], range: Range<Int>) {
        revision.reserveCapacity(rows: range.count, bytes: range.count * 72)
        published.reserveCapacity(rows: range.count, bytes: range.count * 12)
        // Texts published together share their time: its digits are made once for each run of them.
        var lastTime: Date?, lastSeconds = ""
        // Read in place: a copy of each translation would retain every string in it.
        translations.withUnsafeBufferPointer { translations in
            for index in range {
                revision.field(translations[index].revisionHash)
                revision.field(translations[index].locale)
                revision.endRow()
                if translations[index].publishedAt != lastTime {
                    lastTime = translations[index].publishedAt
                    lastSeconds = String(Int64(translations[index].publishedAt.timeIntervalSince1970.rounded(.down)))
                }
                published.field(lastSeconds)
                published.endRow()
            }
        }
    }
}
