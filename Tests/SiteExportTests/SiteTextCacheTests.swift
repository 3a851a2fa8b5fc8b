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

    @Test("Saved titles and summaries are found by revision hash, without bodies; nothing new writes nothing")
    func roundTrip() throws {
        let folder = TemporaryFolder()
        let file = folder.path(".site.texts")
        let empty = SiteTextCache(at: file)
        #expect(empty.count == 0 && empty.text(hash(1)) == nil)
        let adding = texts(0..<300)
        #expect(try empty.save(to: file, adding: adding, published: Array(adding.keys)))
        let cache = SiteTextCache(at: file)
        #expect(cache.count == 300)
        for seed in 0..<300 { #expect(cache.text(hash(seed)) == listed(seed), "\(seed)") }
        #expect(cache.text(hash(300)) == nil)
        #expect(cache.text("not a revision hash") == nil)
        let written = try FileManager.default.attributesOfItem(atPath: file.path)[.modificationDate] as? Date
        #expect(try !cache.save(to: file, adding: texts([5, 17]), published: Array(adding.keys)))
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
            #expect(try SiteTextCache(at: file).save(to: file, adding: texts(batch), published: published))
            let cache = SiteTextCache(at: file)
            #expect(cache.count == saved.count)
            for seed in saved { #expect(cache.text(hash(seed)) == listed(seed), "\(seed) after \(saved.count)") }
        }
    }

    @Test("Entries of revisions no longer published stay until they are a quarter of the file, then are dropped")
    func pruning() throws {
        let folder = TemporaryFolder()
        let file = folder.path(".site.texts")
        try SiteTextCache(at: file).save(to: file, adding: texts(0..<400), published: (0..<400).map(hash))
        // 100 of the 400 are replaced: the 100 old entries are a fifth of the file, and stay.
        let published = (100..<500).map(hash)
        try SiteTextCache(at: file).save(to: file, adding: texts(400..<500), published: published)
        var cache = SiteTextCache(at: file)
        #expect(cache.count == 500)
        #expect(cache.text(hash(0)) == listed(0))
        // 100 more: 200 unpublished entries are more than a quarter of what is published, and go.
        try cache.save(to: file, adding: texts(500..<600), published: (200..<600).map(hash))
        cache = SiteTextCache(at: file)
        #expect(cache.count == 400)
        for seed in [0, 99, 100, 199] { #expect(cache.text(hash(seed)) == nil, "\(seed)") }
        for seed in 200..<600 { #expect(cache.text(hash(seed)) == listed(seed), "\(seed)") }
    }

    @Test("A damaged entry is not used and is replaced; a cut, empty or foreign file is not used at all")
    func damage() throws {
        let folder = TemporaryFolder()
        let file = folder.path(".site.texts")
        try SiteTextCache(at: file).save(to: file, adding: texts(0..<50), published: (0..<50).map(hash))
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
        #expect(try cache.save(to: file, adding: texts([seed]), published: (0..<50).map(hash)))
        cache = SiteTextCache(at: file)
        #expect(cache.count == 50)
        for seed in 0..<50 { #expect(cache.text(hash(seed)) == listed(seed), "\(seed)") }

        for broken in [good.dropLast(), good + [0], Data(), Data("LOA-TEXTS-2\n".utf8) + good.dropFirst(12), Data("{\"format\": 1}".utf8)] {
            try Data(broken).write(to: file)
            cache = SiteTextCache(at: file)
            #expect(cache.count == 0 && cache.text(hash(1)) == nil)
        }
    }

    @Test("Entries out of order (a damaged file) are not all found, and are sorted again when the file is pruned")
    func reordering() throws {
        let folder = TemporaryFolder()
        let file = folder.path(".site.texts")
        try SiteTextCache(at: file).save(to: file, adding: texts(0..<200), published: (0..<200).map(hash))
        // The first and the last entry (56 bytes each, after a header of 20) change places: each stays
        // whole and passes its checksum, but the order is broken.
        var bytes = try Data(contentsOf: file)
        let first = 20..<76, last = (20 + 199 * 56)..<(20 + 200 * 56)
        let (firstEntry, lastEntry) = (bytes[first], bytes[last])
        bytes.replaceSubrange(last, with: firstEntry)
        bytes.replaceSubrange(first, with: lastEntry)
        try bytes.write(to: file)
        var cache = SiteTextCache(at: file)
        let lost = (0..<200).filter { cache.text(hash($0)) == nil }
        #expect(!lost.isEmpty)
        // Twenty-odd texts stay published: the other entries are more than a quarter, so the file is pruned.
        let published = Set(lost).union(0..<20).sorted()
        #expect(try cache.save(to: file, adding: [:], published: published.map(hash)))
        cache = SiteTextCache(at: file)
        #expect(cache.count == published.count)
        for seed in published { #expect(cache.text(hash(seed)) == listed(seed), "\(seed)") }
    }

    @Test("As a text reader, the cache asks the store only for texts with bodies and the titles it lacks")
    func reader() throws {
        let folder = TemporaryFolder()
        let file = folder.path(".site.texts")
        try SiteTextCache(at: file).save(to: file, adding: texts(0..<10), published: (0..<20).map(hash))
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
