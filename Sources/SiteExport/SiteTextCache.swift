import CampaignModel
import Crypto
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The titles and summaries of published revisions by revision hash, kept beside the site
/// (`.NAME.texts`) for the next build.
///
/// After one edited title, the index page that lists it is made anew, and it lists the titles and
/// summaries of a whole language (a thousand for a large site). Read from the store, one lookup by hash
/// each, they were a sixth of such a rebuild. A revision hash is the SHA-256 of the revision's text
/// (title, summary, body, SMS text and notes), so an entry can never be out of date: the file is never
/// invalidated, only pruned of revisions the snapshot no longer has.
///
/// The file is written aside and renamed into place, and each entry carries a checksum of its key and
/// texts, checked when it is read. A file that is missing, cut short or of another format is not used
/// (the texts are read from the store, as without it), and neither is an entry that fails its checksum;
/// both are replaced after the build. It only saves time: a build never fails for it, and it is not
/// synced to disk. Checksums are FNV-1a, not SHA-256: they guard against damage, not against someone who
/// can write the build folder (and so the site itself), and a build reads a thousand entries of a
/// 2 MB file, which SHA-256 as a whole took longer to check than the store to read.
///
/// Layout: `LOA-TEXTS-1\n`; the entry count and the size of the text area (UInt32, little-endian); the
/// entries, sorted by hash bytes, each the 32 bytes of its hash, the offset and length of its title and
/// of its summary in the text area (four UInt32) and its checksum (UInt64); the text area (UTF-8).
///
/// `@unchecked Sendable`: nothing changes after `init`, and the mapped bytes live as long as the object.
final class SiteTextCache: @unchecked Sendable {
    private static let magic = Array("LOA-TEXTS-1\n".utf8)
    private static let headerSize = magic.count + 8
    private static let entrySize = 56
    /// The file this cache was read from, and `save` writes.
    let url: URL
    private let file: MappedFile?
    /// `count` entries of `entrySize` bytes, and the text area they point into: parts of `file`.
    private let entries: UnsafeRawBufferPointer
    private let texts: UnsafeRawBufferPointer
    /// The number of texts the cache holds.
    let count: Int

    /// The cache kept for the site folder `site`: `.NAME.texts` beside it.
    convenience init(ofSite site: URL) {
        self.init(at: SiteFolder.beside(site.standardizedFileURL, suffix: "texts"))
    }

    /// The cache in the file at `url`; an empty one when there is no such file or its layout is wrong.
    init(at url: URL) {
        self.url = url
        let file = MappedFile(path: url.path)
        guard let file, let (entries, texts) = Self.parts(of: file.bytes) else {
            self.file = nil
            entries = UnsafeRawBufferPointer(start: nil, count: 0)
            texts = entries
            count = 0
            return
        }
        self.file = file
        self.entries = entries
        self.texts = texts
        count = entries.count / Self.entrySize
    }

    /// The entries and the text area of a cache file's `bytes`; nil unless its header and size agree.
    private static func parts(of bytes: UnsafeRawBufferPointer) -> (entries: UnsafeRawBufferPointer, texts: UnsafeRawBufferPointer)? {
        guard bytes.count >= headerSize, bytes.starts(with: magic) else { return nil }
        let count = Int(UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: magic.count, as: UInt32.self)))
        let areaSize = Int(UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: magic.count + 4, as: UInt32.self)))
        let textStart = headerSize + count * entrySize
        guard textStart + areaSize == bytes.count else { return nil }
        return (UnsafeRawBufferPointer(rebasing: bytes[headerSize..<textStart]), UnsafeRawBufferPointer(rebasing: bytes[textStart...]))
    }

    /// The title and summary of revision `hash` (64 hex digits), with an empty body; nil when the cache
    /// does not have it, or its entry fails its checksum.
    func text(_ hash: String) -> TranslationContent? {
        guard let digest = Fingerprint.Digest(hex: hash), case (let index, true) = Self.position(of: digest, in: entries),
              let (title, summary) = texts(index)
        else { return nil }
        return TranslationContent(title: String(decoding: title, as: UTF8.self), summary: String(decoding: summary, as: UTF8.self), body: "")
    }

    /// `reader`, asked only for what this cache lacks: the texts with bodies (it holds none), and titles
    /// and summaries it does not have.
    func reader(over reader: @escaping SiteExporter.TextReader) -> SiteExporter.TextReader {
        { [self] hashes, withBodies in
            guard !withBodies, count > 0 else { return try reader(hashes, withBodies) }
            var found: [String: TranslationContent] = [:]
            found.reserveCapacity(hashes.count)
            var missing: [String] = []
            for hash in hashes {
                if let text = text(hash) { found[hash] = text } else { missing.append(hash) }
            }
            if !missing.isEmpty { found.merge(try reader(missing, false)) { cached, _ in cached } }
            return found
        }
    }

    /// Writes the cache for the next build to `url`: the titles and summaries of `adding` (revision hash
    /// to a text read by this build) that it lacks, added to this cache's entries. Returns false, writing
    /// nothing, when there are none.
    ///
    /// Entries of revisions that are not in `published` (every revision hash of the snapshot) stay until
    /// they are a quarter of the file, and so do entries that fail their checksum (`adding` replaces
    /// those): an entry never goes stale, and pruning at each build would cost more than what it drops.
    @discardableResult
    func save(adding: [String: TranslationContent], published: [String]) throws -> Bool {
        var new: [(digest: Fingerprint.Digest, title: String, summary: String)] = []
        for (hash, text) in adding {
            guard let digest = Fingerprint.Digest(hex: hash) else { continue }
            let (index, found) = Self.position(of: digest, in: entries)
            guard !found || texts(index) == nil else { continue }
            new.append((digest, text.title, text.summary))
        }
        let prune = count + new.count > published.count + published.count / 4 + 64
        guard !new.isEmpty || prune else { return false }
        new.sort { Self.precedes($0.digest, $1.digest) }
        guard prune else {
            try Self.replace(url, entries: entries, area: texts, adding: new)
            return true
        }
        // The entries of published revisions that pass their checksums, gathered anew and sorted again
        // (a damaged key would have left them out of order).
        let kept = Set(published.lazy.compactMap { Fingerprint.Digest(hex: $0) })
        var keptTexts = (0..<count).compactMap { index in
            texts(index).flatMap { kept.contains(digest(at: index)) ? (digest(at: index), $0.title, $0.summary) : nil }
        }
        keptTexts.sort { Self.precedes($0.0, $1.0) }
        var keptEntries: [UInt8] = [], keptArea: [UInt8] = []
        for (digest, title, summary) in keptTexts {
            Self.appendEntry(digest, title, summary, to: &keptEntries, area: &keptArea)
        }
        new.removeAll { !kept.contains($0.digest) }
        try keptEntries.withUnsafeBytes { entries in
            try keptArea.withUnsafeBytes { area in try Self.replace(url, entries: entries, area: area, adding: new) }
        }
        return true
    }

    /// Writes the cache file of `entries` (in hash order) and their text `area`, with `new` (in hash
    /// order) merged in, each replacing an entry of its hash (one that failed its checksum). New texts go
    /// after the old ones, which keep their offsets: the old parts are written straight from where they
    /// are (the mapped file, for a rebuild), not copied.
    private static func replace(_ url: URL, entries: UnsafeRawBufferPointer, area: UnsafeRawBufferPointer,
                                adding new: [(digest: Fingerprint.Digest, title: String, summary: String)]) throws {
        var newEntries: [UInt8] = [], newArea: [UInt8] = []
        for entry in new {
            appendEntry(entry.digest, entry.title.utf8, entry.summary.utf8, to: &newEntries, area: &newArea, areaStart: area.count)
        }
        let places = new.map { position(of: $0.digest, in: entries) }
        var header = magic
        appendUInt32(entries.count / entrySize + new.count - places.reduce(0) { $0 + ($1.found ? 1 : 0) }, to: &header)
        appendUInt32(area.count + newArea.count, to: &header)
        try header.withUnsafeBytes { header in
            try newEntries.withUnsafeBytes { newEntries in
                try newArea.withUnsafeBytes { newArea in
                    var parts = [header]
                    var next = 0
                    for (number, place) in places.enumerated() {
                        parts.append(UnsafeRawBufferPointer(rebasing: entries[(next * entrySize)..<(place.index * entrySize)]))
                        parts.append(UnsafeRawBufferPointer(rebasing: newEntries[(number * entrySize)..<((number + 1) * entrySize)]))
                        next = place.found ? place.index + 1 : place.index
                    }
                    parts += [UnsafeRawBufferPointer(rebasing: entries[(next * entrySize)...]), area, newArea]
                    try writeFile(parts, to: url)
                }
            }
        }
    }

    // MARK: - Entries

    /// Where `digest` is among `entries` (sorted): its index when `found`, else where it would go.
    private static func position(of digest: Fingerprint.Digest, in entries: UnsafeRawBufferPointer) -> (index: Int, found: Bool) {
        guard let base = entries.baseAddress else { return (0, false) }
        return digest.withUnsafeBytes { key in
            var low = 0, high = entries.count / entrySize
            while low < high {
                let middle = (low + high) / 2
                let order = memcmp(base + middle * entrySize, key.baseAddress!, 32)
                if order == 0 { return (middle, true) }
                if order < 0 { low = middle + 1 } else { high = middle }
            }
            return (low, false)
        }
    }

    private func digest(at index: Int) -> Fingerprint.Digest {
        Fingerprint.Digest(bytes: UnsafeRawBufferPointer(rebasing: entries[(index * Self.entrySize)..<(index * Self.entrySize + 32)]))
    }

    /// The title and summary of entry `index`; nil when they lie outside the text area or fail the
    /// entry's checksum.
    private func texts(_ index: Int) -> (title: UnsafeRawBufferPointer, summary: UnsafeRawBufferPointer)? {
        let entry = UnsafeRawBufferPointer(rebasing: entries[(index * Self.entrySize)..<((index + 1) * Self.entrySize)])
        func text(_ offset: Int) -> UnsafeRawBufferPointer? {
            let start = Int(UInt32(littleEndian: entry.loadUnaligned(fromByteOffset: offset, as: UInt32.self)))
            let length = Int(UInt32(littleEndian: entry.loadUnaligned(fromByteOffset: offset + 4, as: UInt32.self)))
            guard start <= texts.count, length <= texts.count - start else { return nil }
            return UnsafeRawBufferPointer(rebasing: texts[start..<(start + length)])
        }
        guard let title = text(32), let summary = text(40),
              UInt64(littleEndian: entry.loadUnaligned(fromByteOffset: 48, as: UInt64.self))
                == Self.checksum(UnsafeRawBufferPointer(rebasing: entry[..<32]), title, summary)
        else { return nil }
        return (title, summary)
    }

    /// Appends the entry of `digest` to `entries` and its texts to `area`, which starts at `areaStart` of
    /// the file's text area.
    private static func appendEntry(_ digest: Fingerprint.Digest, _ title: some Collection<UInt8>, _ summary: some Collection<UInt8>,
                                    to entries: inout [UInt8], area: inout [UInt8], areaStart: Int = 0) {
        let titleStart = area.count
        area.append(contentsOf: title)
        let summaryStart = area.count
        area.append(contentsOf: summary)
        area.withUnsafeBytes { area in
            let title = UnsafeRawBufferPointer(rebasing: area[titleStart..<summaryStart])
            let summary = UnsafeRawBufferPointer(rebasing: area[summaryStart...])
            digest.withUnsafeBytes { key in
                entries.append(contentsOf: key)
                for value in [areaStart + titleStart, title.count, areaStart + summaryStart, summary.count] {
                    appendUInt32(value, to: &entries)
                }
                withUnsafeBytes(of: checksum(key, title, summary).littleEndian) { entries.append(contentsOf: $0) }
            }
        }
    }

    /// FNV-1a (64 bits) of an entry's hash bytes, title, a 0xFF byte (never in UTF-8) and summary.
    private static func checksum(_ key: UnsafeRawBufferPointer, _ title: UnsafeRawBufferPointer, _ summary: UnsafeRawBufferPointer) -> UInt64 {
        var value: UInt64 = 0xcbf2_9ce4_8422_2325
        func add(_ byte: UInt8) { value = (value ^ UInt64(byte)) &* 0x100_0000_01b3 }
        key.forEach(add)
        title.forEach(add)
        add(0xFF)
        summary.forEach(add)
        return value
    }

    /// Whether `left`'s bytes sort before `right`'s: the order of the entries.
    private static func precedes(_ left: Fingerprint.Digest, _ right: Fingerprint.Digest) -> Bool {
        left.withUnsafeBytes { left in right.withUnsafeBytes { right in memcmp(left.baseAddress!, right.baseAddress!, 32) < 0 } }
    }

    private static func appendUInt32(_ value: Int, to out: inout [UInt8]) {
        withUnsafeBytes(of: UInt32(value).littleEndian) { out.append(contentsOf: $0) }
    }

    /// Writes `parts` one after the other into a file beside `url` and renames it onto `url`. A file
    /// left half written by a crash is overwritten next time; two builds writing at once may leave one
    /// whose layout or checksums are wrong, and it is then not used.
    private static func writeFile(_ parts: [UnsafeRawBufferPointer], to url: URL) throws {
        let temporary = url.path + ".tmp"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw SiteExportError(step: "saveTexts", path: temporary, reason: String(cString: strerror(errno))) }
        var failure: Int32?
        // Gathered writes of up to 1,024 parts (IOV_MAX); what one leaves unwritten is written part by part.
        var start = 0
        while failure == nil, start < parts.count {
            let batch = parts[start..<min(start + 1024, parts.count)]
            var vectors = batch.map { iovec(iov_base: UnsafeMutableRawPointer(mutating: $0.baseAddress), iov_len: $0.count) }
            var written = writev(descriptor, &vectors, Int32(vectors.count))
            guard written >= 0 else {
                failure = errno
                break
            }
            for part in batch {
                let done = min(written, part.count)
                written -= done
                var offset = done
                while offset < part.count {
                    let more = write(descriptor, part.baseAddress! + offset, part.count - offset)
                    guard more > 0 else {
                        failure = errno
                        break
                    }
                    offset += more
                }
                if failure != nil { break }
            }
            start += batch.count
        }
        if close(descriptor) != 0, failure == nil { failure = errno }
        if failure == nil, rename(temporary, url.path) != 0 { failure = errno }
        if let failure {
            _ = unlink(temporary)
            throw SiteExportError(step: "saveTexts", path: url.path, reason: String(cString: strerror(failure)))
        }
    }
}
