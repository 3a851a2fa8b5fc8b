import CampaignModel

/// One page of the site as planned by the collect step: where it goes, what it shows, and the fingerprint
/// of everything it is made from.
struct SitePage: Sendable {
    enum Kind: Sendable {
        case languages
        case index(locale: String)
        case about(locale: String)
        /// `text` is the translation shown: the locale's own, or a fallback locale's when `isFallback`.
        case material(locale: String, slug: String, text: TranslationKey, isFallback: Bool)
    }

    var path: String
    var kind: Kind
    var entry: SiteManifest.Page

    var fingerprint: String { entry.fingerprint }
}
