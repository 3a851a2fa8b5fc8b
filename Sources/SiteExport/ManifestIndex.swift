import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Every path of a site's manifest with its fingerprint as bytes, sorted by path: what a rebuild compares
/// its pages against.
///
/// Plain entries in one array and the paths' bytes in one buffer, read straight from the lines of a
/// manifest `SiteManifest` wrote (one entry per line): a rebuild of a large site reads two manifests of
/// 10,000 lines, and a dictionary of path strings cost 20,000 strings to make, hash and free. Pages come in
/// path order too, so a rebuild matches them against the entries in one merge, with no lookups.
struct ManifestIndex: Sendable {
    struct Entry: Sendable {
        var pathStart: Int32
        var pathEnd: Int32
        var digest: Fingerprint.Digest
    }

    private(set) var entries: [Entry] = []
    private var pathBytes: [UInt8] = []

    /// No entries: the index of a folder without a manifest.
    init() {}

    var isEmpty: Bool { entries.isEmpty }
    var count: Int { entries.count }

    /// The index of the manifest of the site at `directory`, or nil when there is no manifest of the
    /// current format.
    static func read(siteAt directory: URL) -> ManifestIndex? {
        guard let file = MappedFile(path: directory.appendingPathComponent("manifest.json").path) else { return nil }
        let prefix = Array("{\n\"format\": \"\(SiteManifest.currentFormat)\",\n".utf8)
        guard file.bytes.starts(with: prefix) else { return nil }
        if let index = ManifestIndex(lines: file.bytes) { return index }
        return SiteManifest.read(siteAt: directory).map(ManifestIndex.init(manifest:))
    }

    /// Reads the entry lines of a manifest: `{"path": "P", … "fingerprint": "64 hex digits"}` with an
    /// optional comma. Nil for a line this reader does not know (escapes, a fingerprint that is not hex):
    /// such a manifest is decoded as JSON instead.
    private init?(lines raw: UnsafeRawBufferPointer) {
        let pathKey = Array("{\"path\": \"".utf8), fingerprintKey = Array("\"fingerprint\": \"".utf8)
        let valid: Bool = raw.withMemoryRebound(to: UInt8.self) { bytes in
            guard let base = bytes.baseAddress else { return false }
            entries.reserveCapacity(bytes.count / 200)
            pathBytes.reserveCapacity(bytes.count / 10)
            var lineStart = 0
            while lineStart < bytes.count {
                let lineEnd = memchr(base + lineStart, 0x0A, bytes.count - lineStart)
                    .map { base.distance(to: $0.assumingMemoryBound(to: UInt8.self)) } ?? bytes.count
                if lineEnd - lineStart > pathKey.count + 68, memcmp(base + lineStart, pathKey, pathKey.count) == 0 {
                    var end = lineEnd
                    if bytes[end - 1] == 0x2C { end -= 1 }  // ","
                    let hexStart = end - 66
                    guard bytes[end - 1] == 0x7D, bytes[end - 2] == 0x22,
                          memcmp(base + hexStart - fingerprintKey.count, fingerprintKey, fingerprintKey.count) == 0,
                          let digest = Fingerprint.Digest(hexAt: base + hexStart)
                    else { return false }
                    var pathEnd = lineStart + pathKey.count
                    while bytes[pathEnd] != 0x22 {
                        if bytes[pathEnd] == 0x5C { return false }  // escapes: decode fully
                        pathEnd += 1
                    }
                    append(UnsafeBufferPointer(rebasing: bytes[(lineStart + pathKey.count)..<pathEnd]), digest)
                }
                lineStart = lineEnd + 1
            }
            return true
        }
        guard valid else { return nil }
        sortByPath()
    }

    /// The paths and fingerprints of a decoded manifest, pages and files together. A fingerprint that is
    /// not SHA-256 hex (a hand-edited manifest) keeps its path, so that the file is still removed when the
    /// site no longer has it, with a digest no page can have: the SHA-256 of the text under a field no
    /// page hashes.
    init(manifest: SiteManifest) {
        func add(_ path: String, _ fingerprint: String) {
            var path = path
            path.withUTF8 {
                append($0, Fingerprint.Digest(hex: fingerprint) ?? Fingerprint.digest(["not a fingerprint", fingerprint]))
            }
        }
        for page in manifest.pages { add(page.path, page.fingerprint) }
        for file in manifest.files { add(file.path, file.fingerprint) }
        sortByPath()
    }

    private mutating func append(_ path: UnsafeBufferPointer<UInt8>, _ digest: Fingerprint.Digest) {
        let start = Int32(pathBytes.count)
        pathBytes.append(contentsOf: path)
        entries.append(Entry(pathStart: start, pathEnd: Int32(pathBytes.count), digest: digest))
    }

    /// Pages and files are each in path order in a manifest, one list after the other: the two runs are
    /// merged (a full sort of 10,000 entries cost a few milliseconds per manifest); anything else (a
    /// hand-edited manifest) is sorted. By bytes, as page paths compare. A path listed twice keeps its last
    /// entry.
    private mutating func sortByPath() {
        entries = pathBytes.withUnsafeBufferPointer { bytes in
            let entries = self.entries
            let ascending = { (index: Int) in Self.compare(bytes, entries[index - 1], entries[index]) < 0 }
            guard let split = (1..<max(1, entries.count)).first(where: { !ascending($0) }) else { return entries }
            // Stable: of equal paths, the last listed comes last.
            let ordered: [Entry]
            if (split + 1..<entries.count).allSatisfy(ascending) {
                ordered = Self.merge(entries[..<split], entries[split...], bytes)
            } else {
                ordered = entries.enumerated().sorted {
                    let order = Self.compare(bytes, $0.element, $1.element)
                    return order < 0 || order == 0 && $0.offset < $1.offset
                }.map(\.element)
            }
            var unique: [Entry] = []
            unique.reserveCapacity(ordered.count)
            for entry in ordered {
                if let last = unique.last, Self.compare(bytes, last, entry) == 0 { unique.removeLast() }
                unique.append(entry)
            }
            return unique
        }
    }

    /// The entries of two runs in path order, `first`'s before `second`'s of the same path.
    private static func merge(_ first: ArraySlice<Entry>, _ second: ArraySlice<Entry>,
                              _ bytes: UnsafeBufferPointer<UInt8>) -> [Entry] {
        var merged: [Entry] = []
        merged.reserveCapacity(first.count + second.count)
        var left = first.startIndex, right = second.startIndex
        while left < first.endIndex, right < second.endIndex {
            if compare(bytes, second[right], first[left]) < 0 {
                merged.append(second[right])
                right += 1
            } else {
                merged.append(first[left])
                left += 1
            }
        }
        merged += first[left...]
        merged += second[right...]
        return merged
    }

    private static func compare(_ bytes: UnsafeBufferPointer<UInt8>, _ left: Entry, _ right: Entry) -> Int {
        compare(bytes, left, UnsafeBufferPointer(rebasing: bytes[Int(right.pathStart)..<Int(right.pathEnd)]))
    }

    /// Byte order: negative, zero or positive as `left` sorts before, with or after `right`.
    static func compare(_ left: UnsafeBufferPointer<UInt8>, _ right: UnsafeBufferPointer<UInt8>) -> Int {
        let common = min(left.count, right.count)
        if common > 0, let a = left.baseAddress, let b = right.baseAddress {
            let order = memcmp(a, b, common)
            if order != 0 { return Int(order) }
        }
        return left.count - right.count
    }

    /// The path of entry `index`.
    func path(_ index: Int) -> String {
        let entry = entries[index]
        return pathBytes.withUnsafeBufferPointer {
            String(decoding: UnsafeBufferPointer(rebasing: $0[Int(entry.pathStart)..<Int(entry.pathEnd)]), as: UTF8.self)
        }
    }

    /// The fingerprint recorded for `path`.
    func digest(for path: String) -> Fingerprint.Digest? {
        var path = path
        return path.withUTF8 { path in find(path).map { entries[$0].digest } }
    }

    /// The position of the entry of `path`, by binary search.
    private func find(_ path: UnsafeBufferPointer<UInt8>) -> Int? {
        pathBytes.withUnsafeBufferPointer { bytes in
            var low = 0, high = entries.count
            while low < high {
                let middle = (low + high) / 2
                let order = Self.compare(bytes, entries[middle], path)
                if order == 0 { return middle }
                if order < 0 { low = middle + 1 } else { high = middle }
            }
            return nil
        }
    }

    private static func compare(_ bytes: UnsafeBufferPointer<UInt8>, _ entry: Entry, _ path: UnsafeBufferPointer<UInt8>) -> Int {
        compare(UnsafeBufferPointer(rebasing: bytes[Int(entry.pathStart)..<Int(entry.pathEnd)]), path)
    }

    /// Joins these entries with `pages` by path: for each page, whether an entry has its path and its
    /// digest; for each entry, whether a page has its path. One merge when the pages are in byte order, as
    /// a build's are (paths are ASCII); a binary search per page otherwise.
    func merge(_ pages: SitePages) -> (pageMatches: [Bool], entryIsPage: [Bool]) {
        var pageMatches = [Bool](repeating: false, count: pages.count)
        var entryIsPage = [Bool](repeating: false, count: entries.count)
        pathBytes.withUnsafeBufferPointer { bytes in
        pages.pathBytes.withUnsafeBufferPointer { pageBytes in
            func path(_ index: Int) -> UnsafeBufferPointer<UInt8> {
                UnsafeBufferPointer(rebasing: pageBytes[Int(pages[index].pathStart)..<Int(pages[index].pathEnd)])
            }
            let inOrder = zip(pages.indices, pages.indices.dropFirst()).allSatisfy { Self.compare(path($0), path($1)) < 0 }
            var next = 0
            for index in pages.indices {
                let found: Int?
                if inOrder {
                    var order = -1
                    while next < entries.count {
                        order = Self.compare(bytes, entries[next], path(index))
                        if order >= 0 { break }
                        next += 1
                    }
                    found = order == 0 ? next : nil
                } else {
                    found = find(path(index))
                }
                if let found {
                    pageMatches[index] = entries[found].digest == pages[index].digest
                    entryIsPage[found] = true
                }
            }
        }
        }
        return (pageMatches, entryIsPage)
    }
}
