import CampaignModel
import Foundation

/// `manifest.json` at the site root: the snapshot a site was built from and, for every file, what it
/// holds, so anyone can tell exactly which revision of which material in which language a village received.
///
/// The fingerprints are what make rebuilds incremental: a page whose inputs hash to the fingerprint the
/// previous build recorded is taken over from that build without being rendered again.
public struct SiteManifest: Sendable, Codable, Hashable {
    /// One HTML page.
    public struct Page: Sendable, Codable, Hashable {
        /// Relative to the site root, `/`-separated (`vi/fake-job-offers.html`).
        public var path: String
        /// `languages` (the root page), `index`, `about` or `material`.
        public var kind: String
        /// The material's slug, for material pages.
        public var material: String?
        /// The language of the page's interface (`lang` of the page); nil for the root page.
        public var locale: String?
        /// The locale whose text the page shows: differs from `locale` on fallback pages.
        public var textLocale: String?
        /// The revision hash of the translation shown, for material pages.
        public var revision: String?
        /// True when the page shows another locale's text because its own is not yet published.
        public var fallback: Bool
        /// SHA-256 over everything the page was made from.
        public var fingerprint: String

        public init(path: String, kind: String, material: String? = nil, locale: String? = nil,
                    textLocale: String? = nil, revision: String? = nil, fallback: Bool = false, fingerprint: String) {
            self.path = path
            self.kind = kind
            self.material = material
            self.locale = locale
            self.textLocale = textLocale
            self.revision = revision
            self.fallback = fallback
            self.fingerprint = fingerprint
        }
    }

    /// A file that is not a page (stylesheets, the sitemap).
    public struct File: Sendable, Codable, Hashable {
        public var path: String
        public var fingerprint: String

        public init(path: String, fingerprint: String) {
            self.path = path
            self.fingerprint = fingerprint
        }
    }

    /// `loa-site/1`.
    public var format: String
    public var snapshotID: String
    /// The snapshot's time, ISO 8601 in UTC: the only date a build depends on.
    public var snapshotTakenAt: String
    /// The locales built, in the order the root page lists them.
    public var locales: [String]
    /// Sorted by path.
    public var pages: [Page]
    /// Sorted by path.
    public var files: [File]

    public static let currentFormat = "loa-site/1"

    public init(snapshotID: String, snapshotTakenAt: String, locales: [String], pages: [Page], files: [File]) {
        self.format = Self.currentFormat
        self.snapshotID = snapshotID
        self.snapshotTakenAt = snapshotTakenAt
        self.locales = locales
        self.pages = pages
        self.files = files
    }

    /// Reads the manifest of the site at `directory`, or nil when there is none or it is not one Loa wrote
    /// in the current format.
    public static func read(siteAt directory: URL) -> SiteManifest? {
        guard let data = FileManager.default.contents(atPath: directory.appendingPathComponent("manifest.json").path),
              let manifest = try? JSONDecoder().decode(SiteManifest.self, from: data),
              manifest.format == currentFormat
        else { return nil }
        return manifest
    }

    /// Deterministic JSON: fixed key order, one page per line (written by `pageLine`: see
    /// `SiteBuild.manifest`), `\n` line ends, a final newline.
    ///
    /// The page lines are nearly all of the 3 MB of a 10,000-page site: they are written into one buffer
    /// reserved for them (about 300 bytes a line), not made in chunks and joined. Every page of fresh memory
    /// costs a page fault, and chunks that outgrew their reservation, then the join, tripled them: 1,800 of
    /// the 6,900 faults of a rebuild after one edit. The manifest is made while pages are (see
    /// `SiteExporter`), so one core is enough for it. Bytes as they are written to the file: a `Data` of
    /// them was one more copy.
    static func encode(format: String = currentFormat, snapshotID: String, snapshotTakenAt: String, locales: [String],
                       files: [File], pageCount: Int, pageLine: (Int, inout [UInt8]) -> Void) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(256 + pageCount * 320 + files.count * 120)
        out.append(contentsOf: "{\n\"format\": ".utf8)
        appendJSON(format, to: &out)
        out.append(contentsOf: ",\n\"snapshotID\": ".utf8)
        appendJSON(snapshotID, to: &out)
        out.append(contentsOf: ",\n\"snapshotTakenAt\": ".utf8)
        appendJSON(snapshotTakenAt, to: &out)
        out.append(contentsOf: ",\n\"locales\": [".utf8)
        for (index, locale) in locales.enumerated() {
            if index > 0 { out.append(contentsOf: ", ".utf8) }
            appendJSON(locale, to: &out)
        }
        out.append(contentsOf: "],\n\"pages\": [\n".utf8)
        for index in 0..<pageCount {
            if index > 0 { out.append(contentsOf: ",\n".utf8) }
            pageLine(index, &out)
        }
        out.append(contentsOf: "\n],\n\"files\": [\n".utf8)
        for (index, file) in files.enumerated() {
            if index > 0 { out.append(contentsOf: ",\n".utf8) }
            out.append(contentsOf: "{\"path\": ".utf8)
            appendJSON(file.path, to: &out)
            out.append(contentsOf: ", \"fingerprint\": ".utf8)
            appendJSON(file.fingerprint, to: &out)
            out.append(0x7D)
        }
        out.append(contentsOf: "\n]\n}\n".utf8)
        return out
    }

    /// Appends `text` as a JSON string (see `JSONString`).
    static func appendJSON(_ text: String, to out: inout [UInt8]) { JSONString.append(text, to: &out) }

    /// Appends UTF-8 `text` as a JSON string.
    static func appendJSON(_ text: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) { JSONString.append(text, to: &out) }
}
