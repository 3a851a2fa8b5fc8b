import Foundation

/// The published revision of one translation, as exporters and the planner see it.
public struct PublishedTranslation: Sendable, Codable, Hashable {
    public var slug: String
    public var locale: String
    /// SHA-256 of the revision's canonical content, hex; what an export records to say what was shipped.
    public var revisionHash: String
    public var content: TranslationContent
    public var publishedAt: Date

    public init(slug: String, locale: String, revisionHash: String, content: TranslationContent, publishedAt: Date) {
        self.slug = slug
        self.locale = locale
        self.revisionHash = revisionHash
        self.content = content
        self.publishedAt = publishedAt
    }
}

/// An immutable view of everything published at one moment.
///
/// Every exporter and the planner read a snapshot rather than the database, so an export can always say
/// exactly which revisions a village received (`id` identifies the set of revisions).
public struct Snapshot: Sendable, Codable, Hashable {
    /// SHA-256 over the sorted (slug, locale, revision hash) triples, hex.
    public var id: String
    public var takenAt: Date
    public var locales: [LocaleInfo]
    public var materials: [Material]
    /// Sorted by slug, then locale (the initialiser sorts them if they come otherwise).
    public let translations: [PublishedTranslation]

    private enum CodingKeys: String, CodingKey {
        case id, takenAt, locales, materials, translations
    }

    public init(id: String, takenAt: Date, locales: [LocaleInfo], materials: [Material],
                translations: [PublishedTranslation]) {
        self.id = id
        self.takenAt = takenAt
        self.locales = locales
        self.materials = materials
        // The store reads them in this order already; the check compares each text's fields in place (a
        // copy of each text would retain and release every string in it: 3 ms for 10,000 texts).
        let inOrder = translations.withUnsafeBufferPointer { texts in
            !texts.indices.dropFirst().contains { Self.precedes(texts[$0].slug, texts[$0].locale, texts[$0 - 1].slug, texts[$0 - 1].locale) }
        }
        self.translations = inOrder ? translations : translations.sorted(by: Self.precedes)
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(id: try container.decode(String.self, forKey: .id),
                  takenAt: try container.decode(Date.self, forKey: .takenAt),
                  locales: try container.decode([LocaleInfo].self, forKey: .locales),
                  materials: try container.decode([Material].self, forKey: .materials),
                  translations: try container.decode([PublishedTranslation].self, forKey: .translations))
    }

    /// Whether `left` sorts before `right`: by slug, then locale, as UTF-8 bytes (the store's order,
    /// SQLite's BINARY collation).
    private static func precedes(_ left: PublishedTranslation, _ right: PublishedTranslation) -> Bool {
        precedes(left.slug, left.locale, right.slug, right.locale)
    }

    private static func precedes(_ leftSlug: String, _ leftLocale: String, _ rightSlug: String, _ rightLocale: String) -> Bool {
        let slugs = compare(leftSlug, rightSlug)
        return slugs != 0 ? slugs < 0 : compare(leftLocale, rightLocale) < 0
    }

    private static func compare(_ left: String, _ right: String) -> Int32 {
        var left = left, right = right
        return left.withUTF8 { left in
            right.withUTF8 { right in
                let common = min(left.count, right.count)
                let order = common == 0 ? 0 : memcmp(left.baseAddress!, right.baseAddress!, common)
                return order != 0 ? order : Int32(left.count) - Int32(right.count)
            }
        }
    }

    /// The published translation of `slug` in `locale`, if any (the last one, should a key come twice).
    ///
    /// Found by binary search in the sorted `translations`, not in a dictionary made up front: a site
    /// export of 10,000 texts never asks, and hashing every key cost it 3 ms; the planner and the SMS
    /// export ask a few thousand times, 14 comparisons each.
    public func translation(_ slug: String, _ locale: String) -> PublishedTranslation? {
        translations.withUnsafeBufferPointer { texts in
            // The first position whose text sorts after the wanted one; the one before it may be it.
            var low = 0, high = texts.count
            while low < high {
                let middle = (low + high) / 2
                if Self.precedes(slug, locale, texts[middle].slug, texts[middle].locale) { high = middle } else { low = middle + 1 }
            }
            // It sorts at or before the wanted one; it is the wanted one unless it sorts before.
            guard low > 0, !Self.precedes(texts[low - 1].slug, texts[low - 1].locale, slug, locale) else { return nil }
            return texts[low - 1]
        }
    }

    public var localesByCode: [String: LocaleInfo] {
        Dictionary(uniqueKeysWithValues: locales.map { ($0.code, $0) })
    }

    /// The text a reader of `locale` gets for `slug`: their own locale's, else the first of its fallback
    /// chain that is published. `isFallback` tells the exporter to show a "not yet translated" notice.
    public func text(for slug: String, in locale: String) -> (translation: PublishedTranslation, isFallback: Bool)? {
        if let own = translation(slug, locale) { return (own, false) }
        let chain = localesByCode[locale]?.fallbacks ?? []
        for code in chain {
            if let other = translation(slug, code) { return (other, true) }
        }
        return nil
    }
}

/// A (material, locale) pair: the identity of a translation.
public struct TranslationKey: Sendable, Hashable, Codable, Comparable {
    public var slug: String
    public var locale: String

    public init(slug: String, locale: String) {
        self.slug = slug
        self.locale = locale
    }

    public static func < (lhs: TranslationKey, rhs: TranslationKey) -> Bool {
        (lhs.slug, lhs.locale) < (rhs.slug, rhs.locale)
    }
}
