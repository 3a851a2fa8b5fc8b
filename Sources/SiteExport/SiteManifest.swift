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

    /// Path to fingerprint for every file of the site at `directory`, read straight from the lines of a
    /// manifest this type wrote (one entry per line): far faster than decoding the whole JSON, which
    /// matters for rebuilds of large sites. Nil when there is no manifest of the current format.
    static func fingerprints(siteAt directory: URL) -> [String: String]? {
        guard let data = FileManager.default.contents(atPath: directory.appendingPathComponent("manifest.json").path)
        else { return nil }
        let text = String(decoding: data, as: UTF8.self)
        guard text.hasPrefix("{\n\"format\": \"\(currentFormat)\",\n") else { return nil }
        var result: [String: String] = [:]
        let pathKey = Array("{\"path\": \"".utf8), fingerprintKey = Array("\"fingerprint\": \"".utf8)
        let bytes = Array(data)
        var lineStart = 0
        while lineStart < bytes.count {
            var lineEnd = lineStart
            while lineEnd < bytes.count, bytes[lineEnd] != 0x0A { lineEnd += 1 }
            // An entry line: {"path": "P", … "fingerprint": "64 hex digits"} with an optional comma.
            if lineEnd - lineStart > pathKey.count + 68, bytes[lineStart..<(lineStart + pathKey.count)].elementsEqual(pathKey) {
                var end = lineEnd
                if bytes[end - 1] == 0x2C { end -= 1 }  // ","
                let hexStart = end - 66
                guard bytes[end - 1] == 0x7D, bytes[end - 2] == 0x22,
                      bytes[(hexStart - fingerprintKey.count)..<hexStart].elementsEqual(fingerprintKey)
                else { return read(siteAt: directory)?.fingerprints }
                var pathEnd = lineStart + pathKey.count
                while bytes[pathEnd] != 0x22 {
                    if bytes[pathEnd] == 0x5C { return read(siteAt: directory)?.fingerprints }  // escapes: decode fully
                    pathEnd += 1
                }
                result[String(decoding: bytes[(lineStart + pathKey.count)..<pathEnd], as: UTF8.self)] =
                    String(decoding: bytes[hexStart..<(hexStart + 64)], as: UTF8.self)
            }
            lineStart = lineEnd + 1
        }
        return result
    }

    /// Every path with its fingerprint, pages and files together.
    var fingerprints: [String: String] {
        var result: [String: String] = [:]
        result.reserveCapacity(pages.count + files.count)
        for page in pages { result[page.path] = page.fingerprint }
        for file in files { result[file.path] = file.fingerprint }
        return result
    }

    /// Deterministic JSON: fixed key order, one page per line, `\n` line ends, a final newline.
    func encoded() -> Data {
        var out = "{\n"
        out += "\"format\": \(json(format)),\n"
        out += "\"snapshotID\": \(json(snapshotID)),\n"
        out += "\"snapshotTakenAt\": \(json(snapshotTakenAt)),\n"
        out += "\"locales\": [" + locales.map(json).joined(separator: ", ") + "],\n"
        out += "\"pages\": [\n"
        out += pages.map { page in
            var fields = ["\"path\": \(json(page.path))", "\"kind\": \(json(page.kind))"]
            if let material = page.material { fields.append("\"material\": \(json(material))") }
            if let locale = page.locale { fields.append("\"locale\": \(json(locale))") }
            if let textLocale = page.textLocale { fields.append("\"textLocale\": \(json(textLocale))") }
            if let revision = page.revision { fields.append("\"revision\": \(json(revision))") }
            fields.append("\"fallback\": \(page.fallback)")
            fields.append("\"fingerprint\": \(json(page.fingerprint))")
            return "{" + fields.joined(separator: ", ") + "}"
        }.joined(separator: ",\n")
        out += "\n],\n\"files\": [\n"
        out += files.map { "{\"path\": \(json($0.path)), \"fingerprint\": \(json($0.fingerprint))}" }
            .joined(separator: ",\n")
        out += "\n]\n}\n"
        return Data(out.utf8)
    }

    private func json(_ text: String) -> String {
        if text.utf8.allSatisfy({ $0 >= 0x20 && $0 != 0x22 && $0 != 0x5C }) { return "\"" + text + "\"" }
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20:
                out += "\\u" + String(repeating: "0", count: 4 - String(scalar.value, radix: 16).count)
                    + String(scalar.value, radix: 16)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
