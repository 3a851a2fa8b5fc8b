import Foundation

/// What `SiteExporter` builds and where.
public struct SiteOptions: Sendable, Hashable {
    /// The site folder (`build/site`). Its parent is created if missing; the folder itself is only ever
    /// replaced whole, by renaming a finished folder into place.
    public var outputDirectory: URL
    /// Where to write the zip bundle, or nil for none.
    public var zipFile: URL?
    /// The locales to build, in the order the root page lists them. Nil builds every locale of the snapshot
    /// with at least one published translation, in snapshot order. A named locale is built even when none
    /// of its translations is published (all its pages then show fallback text).
    public var locales: [String]?
    /// The public address of the site (`https://example.org/loa/`). With it, pages carry canonical links
    /// and hreflang alternates, and `sitemap.xml` is written. Nil for sites that only travel on sticks.
    public var baseURL: URL?
    /// A folder whose `*.mustache` and `*.css` files replace the built-in theme's files of the same name.
    public var themeDirectory: URL?

    public init(outputDirectory: URL, zipFile: URL? = nil, locales: [String]? = nil, baseURL: URL? = nil,
                themeDirectory: URL? = nil) {
        self.outputDirectory = outputDirectory
        self.zipFile = zipFile
        self.locales = locales
        self.baseURL = baseURL
        self.themeDirectory = themeDirectory
    }
}
