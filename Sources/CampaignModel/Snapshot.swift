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
    /// Sorted by slug, then locale.
    public let translations: [PublishedTranslation]
    /// Position of each (slug, locale) in `translations`, so exporters with thousands of pages look up
    /// in constant time.
    private let positions: [TranslationKey: Int]

    private enum CodingKeys: String, CodingKey {
        case id, takenAt, locales, materials, translations
    }

    public init(id: String, takenAt: Date, locales: [LocaleInfo], materials: [Material],
                translations: [PublishedTranslation]) {
        self.id = id
        self.takenAt = takenAt
        self.locales = locales
        self.materials = materials
        self.translations = translations
        self.positions = Self.index(translations)
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(id: try container.decode(String.self, forKey: .id),
                  takenAt: try container.decode(Date.self, forKey: .takenAt),
                  locales: try container.decode([LocaleInfo].self, forKey: .locales),
                  materials: try container.decode([Material].self, forKey: .materials),
                  translations: try container.decode([PublishedTranslation].self, forKey: .translations))
    }

    private static func index(_ translations: [PublishedTranslation]) -> [TranslationKey: Int] {
        var positions: [TranslationKey: Int] = [:]
        for (offset, translation) in translations.enumerated() {
            positions[TranslationKey(slug: translation.slug, locale: translation.locale)] = offset
        }
        return positions
    }

    /// The published translation of `slug` in `locale`, if any.
    public func translation(_ slug: String, _ locale: String) -> PublishedTranslation? {
        positions[TranslationKey(slug: slug, locale: locale)].map { translations[$0] }
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
