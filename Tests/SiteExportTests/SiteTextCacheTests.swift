import CampaignModel
import Foundation
import Testing
@testable import SiteExport

@Suite("Site text cache")
struct SiteTextCacheTests {
    /// A revision hash for `seed`: 64 hex digits.
    private func hash(_ seed: Int) -> String { TestSnapshot.hashText("text \(seed)") }

    /// A text with Vietnamese, Tai Viet and Khmer in it; every third one without a summary.
    private func text(_ seed: Int) -> TranslationContent {
        TranslationContent(title: "Tiêu đề \(seed) \(TestSnapshot.taiViet)",
                           summary: seed % 3 == 0 ? "" : "Tóm tắt \(seed) \(TestSnapshot.khmer)", body: "Nội dung \(seed)")
    }

    /// What the cache gives back for `text(seed)`: its title and summary, with no body.
    private func listed(_ seed: Int) -> TranslationContent {
        TranslationContent(title: text(seed).title, summary: text(seed).summary, body: "")
    }

    private func texts(_ seeds: some Sequence<Int>) -> [String: TranslationContent] {
        Dictionary(uniqueKeysWithValues: seeds.map { (hash($0), text($0)) })
    }

    /// A cache file in `folder`, saved with the texts of `seeds` and `published` (default: `seeds`) as
    /// the published revisions.
    private func cacheFile(in folder: TemporaryFolder, holding seeds: Range<Int>, published: Range<Int>? = nil) throws -> URL {
        let file = folder.path(".site.texts")
        try SiteTextCache(at: file).save(adding: texts(seeds), published: (published ?? seeds).map(hash))
        return file
    }

    /// Expects the cache file at `file` to hold exactly the texts of `seeds`, each found by its hash.
    private func expectHolds(_ file: URL, exactly seeds: some Collection<Int>, sourceLocation: SourceLocation = #_sourceLocation) {
        let cache = SiteTextCache(at: file)
        #expect(cache.count == seeds.count, sourceLocation: sourceLocation)
        for seed in seeds { #expect(cache.text(hash(seed)) == listed(seed), "\(seed)", sourceLocation: sourceLocation) }
    }

    @Test("Saved titles and summaries are found by revision hash, without bodies; nothing new writes nothing")
    func roundTrip() throws {
        let folder = TemporaryFolder()
        let file = folder.path(".site.texts")
        let empty = SiteTextCache(at: file)
        #expect(empty.count == 0 && empty.text(hash(1)) == nil)
        let adding = texts(0..<300)
        #expect(try empty.save(adding: adding, published: Array(adding.keys)))
        expectHolds(file, exactly: 0..<300)
        let cache = SiteTextCache(at: file)
        #expect(cache.text(hash(300)) == nil)
        #expect(cache.text("not a revision hash") == nil)
        let written = try FileManager.default.attributesOfItem(atPath: file.path)[.modificationDate] as? Date
        #expect(try !cache.save(adding: texts([5, 17]), published: Array(adding.keys)))
        #expect(try FileManager.default.attributesOfItem(atPath: file.path)[.modificationDate] as? Date == written)
        #expect(!FileManager.default.fileExists(atPath: file.path + ".tmp"))
    }

    @Test("Texts added build after build are merged in order: every one is found")
    func merging() throws {
        let folder = TemporaryFolder()
        let file = folder.path(".site.texts")
        // Batches whose hashes interleave with those saved before (hash order is unrelated to the seeds).
        let batches = [Array(stride(from: 0, to: 200, by: 3)), Array(stride(from: 1, to: 200, by: 3)), [2, 5, 8], Array(200..<260)]
        var saved: [Int] = []
        for batch in batches {
            saved += batch
            let published = saved.map(hash)
            #expect(try SiteTextCache(at: file).save(adding: texts(batch), published: published))
            expectHolds(file, exactly: saved)
        }
    }

    @Test("Entries of revisions no longer published stay until they are a quarter of the file, then are dropped")
    func pruning() throws {
        let folder = TemporaryFolder()
        let file = try cacheFile(in: folder, holding: 0..<400)
        // 100 of the 400 are replaced: the 100 old entries are a fifth of the file, and stay.
        let published = (100..<500).map(hash)
        try SiteTextCache(at: file).save(adding: texts(400..<500), published: published)
        expectHolds(file, exactly: 0..<500)
        // 100 more: 200 unpublished entries are more than a quarter of what is published, and go.
        try SiteTextCache(at: file).save(adding: texts(500..<600), published: (200..<600).map(hash))
        expectHolds(file, exactly: 200..<600)
        let cache = SiteTextCache(at: file)
        for seed in [0, 99, 100, 199] { #expect(cache.text(hash(seed)) == nil, "\(seed)") }
    }

    @Test("A damaged entry is not used and is replaced; a cut, empty or foreign file is not used at all")
    func damage() throws {
        let folder = TemporaryFolder()
        let file = try cacheFile(in: folder, holding: 0..<50)
        var bytes = try Data(contentsOf: file)
        let good = bytes
        // The last byte belongs to the text added last: only that entry fails its checksum.
        bytes[bytes.count - 1] ^= 0x20
        try bytes.write(to: file)
        var cache = SiteTextCache(at: file)
        let damaged = (0..<50).filter { cache.text(hash($0)) == nil }
        #expect(damaged.count == 1)
        let seed = try #require(damaged.first)
        // The next build reads it again and replaces it.
        #expect(try cache.save(adding: texts([seed]), published: (0..<50).map(hash)))
        expectHolds(file, exactly: 0..<50)

        for broken in [good.dropLast(), good + [0], Data(), Data("LOA-TEXTS-2\n".utf8) + good.dropFirst(12), Data("{\"format\": 1}".utf8)] {
            try Data(broken).write(to: file)
            cache = SiteTextCache(at: file)
            #expect(cache.count == 0 && cache.text(hash(1)) == nil)
        }
    }

    @Test("Entries out of order (a damaged file) are not all found, and are sorted again when the file is pruned")
    func reordering() throws {
        let folder = TemporaryFolder()
        let file = try cacheFile(in: folder, holding: 0..<200)
        // The first and the last entry (56 bytes each, after a header of 20) change places: each stays
        // whole and passes its checksum, but the order is broken.
        var bytes = try Data(contentsOf: file)
        let first = 20..<76, last = (20 + 199 * 56)..<(20 + 200 * 56)
        let (firstEntry, lastEntry) = (bytes[first], bytes[last])
        bytes.replaceSubrange(last, with: firstEntry)
        bytes.replaceSubrange(first, with: lastEntry)
        try bytes.write(to: file)
        let cache = SiteTextCache(at: file)
        let lost = (0..<200).filter { cache.text(hash($0)) == nil }
        #expect(!lost.isEmpty)
        // Twenty-odd texts stay published: the other entries are more than a quarter, so the file is pruned.
        let published = Set(lost).union(0..<20).sorted()
        #expect(try cache.save(adding: [:], published: published.map(hash)))
        expectHolds(file, exactly: published)
    }

    @Test("As a text reader, the cache asks the store only for texts with bodies and the titles it lacks")
    func reader() throws {
        let folder = TemporaryFolder()
        let file = try cacheFile(in: folder, holding: 0..<10, published: 0..<20)
        let withBodies = StepLog.Hashes(), withoutBodies = StepLog.Hashes()
        let store: SiteExporter.TextReader = { hashes, bodies in
            (bodies ? withBodies : withoutBodies).add(hashes)
            let found = texts(0..<20).filter { hashes.contains($0.key) }
            return bodies ? found : found.mapValues { TranslationContent(title: $0.title, summary: $0.summary, body: "") }
        }
        let reader = SiteTextCache(at: file).reader(over: store)
        let listedTexts = try reader((5..<15).map(hash), false)
        #expect(listedTexts == Dictionary(uniqueKeysWithValues: (5..<15).map { (hash($0), listed($0)) }))
        #expect(Set(withoutBodies.all) == Set((10..<15).map(hash)))
        let bodies = try reader([hash(3), hash(12)], true)
        #expect(bodies == [hash(3): text(3), hash(12): text(12)])
        #expect(withBodies.all == [hash(3), hash(12)])
    }
}
