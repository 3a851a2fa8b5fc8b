import Foundation

/// Writing direction of a locale's script, as the HTML `dir` attribute spells it.
public enum TextDirection: String, Sendable, Codable, Hashable {
    case ltr
    case rtl
}

/// A language Loa publishes in: the codes each consumer needs, how to greet its readers, and where to
/// fall back when a material is not yet translated.
public struct LocaleInfo: Sendable, Codable, Hashable, Identifiable {
    /// BCP 47 tag, as HTML `lang` and `hreflang` need (`vi`, `hmn`, `tyz`).
    public var code: String
    /// ISO 639-3 code, as RapidPro and other SMS platforms need (`vie`, `hmn`, `tyz`).
    public var iso639_3: String
    public var englishName: String
    /// The language's name for itself, used to list languages to readers.
    public var autonym: String
    /// ISO 15924 script code (`Latn`, `Khmr`, `Tavt`).
    public var script: String
    public var direction: TextDirection
    /// Locales to show, in order, when a material has no published text in this one.
    public var fallbacks: [String]
    /// Speaking rate for read-aloud (loudspeaker) time estimates.
    public var wordsPerMinute: Int
    /// Interface strings the exports use (site navigation, notices); keys are listed in `UIStringKey`.
    public var uiStrings: [String: String]

    public var id: String { code }

    public init(code: String, iso639_3: String, englishName: String, autonym: String, script: String,
                direction: TextDirection = .ltr, fallbacks: [String] = [], wordsPerMinute: Int = 130,
                uiStrings: [String: String] = [:]) {
        self.code = code
        self.iso639_3 = iso639_3
        self.englishName = englishName
        self.autonym = autonym
        self.script = script
        self.direction = direction
        self.fallbacks = fallbacks
        self.wordsPerMinute = wordsPerMinute
        self.uiStrings = uiStrings
    }

    /// The UI string for `key`, looked up through the fallback chain of `locales`, else the key itself.
    public func uiString(_ key: String, in locales: [String: LocaleInfo]) -> String {
        if let text = uiStrings[key] { return text }
        for code in fallbacks {
            if let text = locales[code]?.uiStrings[key] { return text }
        }
        return key
    }
}

/// The UI string keys every export may ask for. `vi` and `en` must define all of them.
public enum UIStringKey {
    public static let all: [String] = [
        "site_title", "site_tagline", "languages", "topics", "about", "about_text", "home",
        "not_yet_translated", "read_aloud_time", "minutes", "print", "published", "other_languages",
        "materials", "skip_to_content", "revision",
    ]
}
