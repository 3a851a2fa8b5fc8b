import CampaignModel

/// What the pages of a build are made of, as bytes (see `ByteRows`): rows by material (in
/// `SiteBuild.materials` order) and by translation (in `snapshot.translations` order).
struct PageFields: Sendable {
    /// Fingerprint fields of a material: its slug; its topics; the built locales with their own text.
    var slug = ByteRows(), topics = ByteRows(), translated = ByteRows()
    /// Fingerprint fields of a translation: revision hash and locale (the hash names the title, summary
    /// and body, so it stands for all of them); publication time in whole seconds.
    var revision = ByteRows(), published = ByteRows()
    /// Manifest line fragments: `, "material": "slug"` by material; `, "textLocale": "…", "revision": "…"`
    /// by translation.
    var manifestMaterial = ByteRows(), manifestText = ByteRows()

    init() {}

    init(_ build: SiteBuild) {
        for material in build.materials {
            slug.field(material.slug)
            slug.endRow()
            topics.field(material.topics.joined(separator: ","))
            topics.endRow()
            translated.field((build.translatedLocales[material.slug] ?? []).joined(separator: ","))
            translated.endRow()
            manifestMaterial.append { Self.appendJSON("material", material.slug, to: &$0) }
            manifestMaterial.endRow()
        }
        // The translations' rows in chunks over the cores, joined in order.
        let translations = build.snapshot.translations
        let chunkSize = 2048
        let chunks = Parallel.map(Array(stride(from: 0, to: translations.count, by: chunkSize)), grain: 1) { start in
            Self(translations: translations, range: start..<min(start + chunkSize, translations.count))
        }
        revision = ByteRows(joining: chunks.map(\.revision))
        published = ByteRows(joining: chunks.map(\.published))
        manifestText = ByteRows(joining: chunks.map(\.manifestText))
    }

    /// The rows of the translations in `range` only (the material rows stay empty).
    private init(translations: [PublishedTranslation], range: Range<Int>) {
        revision.reserveCapacity(rows: range.count, bytes: range.count * 72)
        published.reserveCapacity(rows: range.count, bytes: range.count * 12)
        manifestText.reserveCapacity(rows: range.count, bytes: range.count * 110)
        // Read in place: a copy of each translation would retain every string in it.
        translations.withUnsafeBufferPointer { translations in
            for index in range {
                revision.field(translations[index].revisionHash)
                revision.field(translations[index].locale)
                revision.endRow()
                published.field(String(Int64(translations[index].publishedAt.timeIntervalSince1970.rounded(.down))))
                published.endRow()
                manifestText.append {
                    Self.appendJSON("textLocale", translations[index].locale, to: &$0)
                    Self.appendJSON("revision", translations[index].revisionHash, to: &$0)
                }
                manifestText.endRow()
            }
        }
    }

    /// `, "key": "value"`.
    private static func appendJSON(_ key: String, _ value: String, to out: inout [UInt8]) {
        out.append(contentsOf: ", \"\(key)\": ".utf8)
        SiteManifest.appendJSON(value, to: &out)
    }
}
