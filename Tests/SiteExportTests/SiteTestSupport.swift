import CampaignModel
import Foundation
@testable import SiteExport

/// A temporary folder for one test, removed when the test ends.
final class TemporaryFolder {
    let url: URL

    init() {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("loa-site-tests-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    func path(_ relative: String) -> URL { url.appendingPathComponent(relative) }
}

/// What a built site folder holds.
struct SiteFiles {
    let root: URL
    /// Relative path to bytes, for every regular file.
    let files: [String: Data]

    init(_ root: URL) {
        self.root = root
        var files: [String: Data] = [:]
        let base = root.standardizedFileURL.path
        if let enumerator = FileManager.default.enumerator(atPath: base) {
            for case let relative as String in enumerator {
                var isDirectory: ObjCBool = false
                let full = base + "/" + relative
                if FileManager.default.fileExists(atPath: full, isDirectory: &isDirectory), !isDirectory.boolValue {
                    files[relative] = FileManager.default.contents(atPath: full)
                }
            }
        }
        self.files = files
    }

    func text(_ path: String) -> String {
        files[path].map { String(decoding: $0, as: UTF8.self) } ?? ""
    }

    var pages: [String] { files.keys.filter { $0.hasSuffix(".html") }.sorted() }

    /// Inode and modification time of every file.
    func identities() -> [String: String] {
        var result: [String: String] = [:]
        for path in files.keys {
            var info = stat()
            stat(root.appendingPathComponent(path).path, &info)
            result[path] = "\(info.st_ino)/\(info.st_mtim.tv_sec).\(info.st_mtim.tv_nsec)"
        }
        return result
    }
}

extension SiteExporter {
    /// An exporter that fails just before `step`.
    func failing(before step: SiteStep) -> SiteExporter {
        var copy = self
        copy.beforeStep = { current in
            if current == step { throw SiteExportError(step: current.rawValue, reason: "simulated failure") }
        }
        return copy
    }
}

/// Resolves `href` (relative, maybe with a fragment) against the page at `page`; nil for external links.
func resolve(_ href: String, from page: String) -> (path: String, fragment: String?)? {
    if href.contains(":") || href.hasPrefix("//") { return nil }
    let parts = href.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)
    let fragment = parts.count > 1 ? String(parts[1]) : nil
    if parts[0].isEmpty { return (page, fragment) }
    var components = page.split(separator: "/").dropLast().map(String.init)
    for part in parts[0].split(separator: "/") {
        if part == ".." { _ = components.popLast() } else if part != "." { components.append(String(part)) }
    }
    return (components.joined(separator: "/"), fragment)
}
