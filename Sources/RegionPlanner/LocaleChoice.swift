import CampaignModel
import Foundation

/// The locale a (region, material) pair is delivered in, and why.
///
/// Rule: the region's first language (the one most of its at-risk people read, per the source's order of its
/// main ethnic minorities), else that language's fallback chain, else the region's next language and its chain,
/// and so on. Only locales with published text of the material (and allowed by the campaign) qualify.
struct LocaleChoice: Sendable, Hashable {
    var locale: String
    /// The language the region was served for (its first language, or the one whose chain gave `locale`).
    var wanted: String
    /// True when `locale` is not the region's first language.
    var isFallback: Bool
    /// The path taken, for the explanation (`hmn → vi`).
    var path: [String]

    static func resolve(languages: [String], slug: String, snapshot: Snapshot, locales: [String: LocaleInfo],
                        allowed: Set<String>?) -> LocaleChoice? {
        guard let first = languages.first else { return nil }
        func usable(_ code: String) -> Bool {
            (allowed?.contains(code) ?? true) && snapshot.translation(slug, code) != nil
        }
        var tried: [String] = []
        for language in languages {
            let chain = [language] + (locales[language]?.fallbacks ?? [])
            for code in chain where !tried.contains(code) {
                tried.append(code)
                if usable(code) {
                    return LocaleChoice(locale: code, wanted: language, isFallback: code != first, path: tried)
                }
            }
        }
        return nil
    }
}
