import Foundation

/// The pages of a site as planned by the collect step, in path order: where each goes, what it shows, and
/// the fingerprint of everything it is made from.
///
/// Plain values in flat arrays (every path's bytes in one buffer, the rest as positions into the build's
/// locales, materials and the snapshot's translations): a large site has 10,000 pages, and as objects with
/// strings of their own they cost a one-edit rebuild about 40,000 allocations to make and as many to free,
/// more time than everything else it does with them.
struct SitePages: Sendable {
    enum Kind: UInt8, Sendable {
        case languages, index, about, material

        /// The `kind` of the manifest entry.
        var name: String {
            switch self {
            case .languages: "languages"
            case .index: "index"
            case .about: "about"
            case .material: "material"
            }
        }
    }

    /// One page. No references: an array of them is one allocation.
    struct Page: Sendable {
        var kind: Kind
        /// True when a material page shows another locale's text because its own is not yet published.
        var isFallback = false
        /// Position in `SiteBuild.locales` of the page's interface locale (the root page's: `rootLocale`).
        var locale: Int32
        /// Position in `SiteBuild.materials` for material pages, else -1.
        var material: Int32 = -1
        /// Position in `snapshot.translations` of the text a material page shows, else -1.
        var text: Int32 = -1
        /// The path is `pathBytes[pathStart..<pathEnd]`.
        var pathStart: Int32 = 0
        var pathEnd: Int32 = 0
        var digest: Fingerprint.Digest
    }

    private(set) var pages: [Page] = []
    /// The UTF-8 bytes of every path, one after the other.
    private(set) var pathBytes: [UInt8] = []

    var count: Int { pages.count }
    var indices: Range<Int> { pages.indices }
    subscript(index: Int) -> Page { pages[index] }

    /// Adds `page` at the path `folder` + `file` (`vi/` and `slug.html`: no string is made for it).
    mutating func append(_ page: Page, folder: String = "", file: String) {
        var page = page
        page.pathStart = Int32(pathBytes.count)
        pathBytes.append(contentsOf: folder.utf8)
        pathBytes.append(contentsOf: file.utf8)
        page.pathEnd = Int32(pathBytes.count)
        pages.append(page)
    }

    /// Adds the pages of `other` after these.
    mutating func append(contentsOf other: SitePages) {
        let shift = Int32(pathBytes.count)
        pages.reserveCapacity(pages.count + other.pages.count)
        for var page in other.pages {
            page.pathStart += shift
            page.pathEnd += shift
            pages.append(page)
        }
        pathBytes += other.pathBytes
    }

    mutating func reserveCapacity(pages count: Int, pathBytes bytes: Int) {
        pages.reserveCapacity(count)
        pathBytes.reserveCapacity(bytes)
    }

    /// Calls `body` with the UTF-8 bytes of the path of page `index`, in place.
    func withPath<Result>(_ index: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> Result) rethrows -> Result {
        let page = pages[index]
        return try pathBytes.withUnsafeBufferPointer {
            try body(UnsafeBufferPointer(rebasing: $0[Int(page.pathStart)..<Int(page.pathEnd)]))
        }
    }

    /// The path of page `index` (`vi/fake-job-offers.html`), relative to the site root.
    func path(_ index: Int) -> String {
        withPath(index) { String(decoding: $0, as: UTF8.self) }
    }
}
