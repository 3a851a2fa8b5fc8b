import CampaignModel

/// One page of the site as planned by the collect step: where it goes, what it shows, and the fingerprint
/// of everything it is made from.
///
/// A class: a large site has 10,000 of these, copied into arrays and sorted, and a struct of a dozen
/// strings costs a dozen reference-count operations per copy.
final class SitePage: Sendable {
    enum Kind: Sendable {
        case languages
        case index(locale: String)
        case about(locale: String)
        /// `text` is the translation shown: the locale's own, or a fallback locale's when `isFallback`.
        case material(locale: String, slug: String, text: TranslationKey, isFallback: Bool)
    }

    let path: String
    let kind: Kind
    let entry: SiteManifest.Page
    /// `entry.fingerprint` as bytes.
    let digest: Fingerprint.Digest

    init(path: String, kind: Kind, entry: SiteManifest.Page, digest: Fingerprint.Digest) {
        self.path = path
        self.kind = kind
        self.entry = entry
        self.digest = digest
    }

    var fingerprint: String { entry.fingerprint }
}
