// Import and search figures for the content store (issues 2 and 4). Prints figures; never passes or fails.
//
//   swift run -c release --package-path Benchmarks store-benchmark [materials] [locales]
import BenchmarkSupport
import CampaignModel
import ContentFiles
import ContentStore
import Foundation

//   swift run -c release --package-path Benchmarks store-benchmark search [translations]
let searchMode = CommandLine.arguments.dropFirst().first == "search"
let numbers = CommandLine.arguments.dropFirst().compactMap { Int($0) }
let localeCount = searchMode ? 10 : (numbers.count > 1 ? numbers[1] : 10)
let materials = searchMode ? (numbers.first ?? 100_000) / localeCount : (numbers.first ?? 1000)

let codes = ["vi", "en", "hmn", "tyz", "nut", "blt", "km", "ium", "rad", "jra", "mtq", "twh"].prefix(localeCount)
/// About 5,800 Vietnamese-like syllables (onset × rhyme × tone), the unit of Vietnamese words, so the index
/// sees a realistic vocabulary rather than a handful of words repeated everywhere.
let words: [String] = {
    let onsets = ["b", "c", "ch", "d", "đ", "g", "gi", "h", "k", "kh", "l", "m", "n", "ng", "nh", "ph", "qu", "r", "s", "t",
                  "th", "tr", "v", "x"]
    let rhymes = ["a", "ai", "am", "an", "ang", "anh", "ao", "au", "ay", "e", "em", "en", "eo", "i", "im", "in", "inh", "o",
                  "oi", "om", "on", "ong", "u", "ui", "um", "un", "ung", "uy", "ư", "ưa", "ươi", "ương", "ơ", "ơi", "ôn",
                  "ông", "ê", "ênh", "iêu", "yên"]
    let tones = ["", "\u{0301}", "\u{0300}", "\u{0309}", "\u{0303}", "\u{0323}"]
    var result: [String] = []
    for tone in tones {
        for rhyme in rhymes {
            for onset in onsets {
                var syllable = onset + rhyme
                if let vowel = syllable.firstIndex(where: { "aeiouyăâêôơư".contains($0) }) {
                    syllable.insert(contentsOf: tone, at: syllable.index(after: vowel))
                }
                result.append(TextFolding.nfc(syllable))
            }
        }
    }
    return result
}()

/// A deterministic pseudo-random text generator (SplitMix64), so every run imports the same corpus.
struct TextGenerator {
    var state: UInt64 = 0x9E37_79B9_7F4A_7C15
    init(state: UInt64 = 0x9E37_79B9_7F4A_7C15) { self.state = state }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    /// A word drawn with a skewed (Zipf-like) frequency: a few words are common, most are rare.
    mutating func word() -> String {
        let u = Double(next() % 1_000_000) / 1_000_000
        return words[min(words.count - 1, Int(Double(words.count) * u * u * u))]
    }
    mutating func sentence(_ count: Int) -> String {
        (0..<count).map { _ in word() }.joined(separator: " ")
    }
    mutating func body() -> String {
        "\(sentence(14)).\n\n## \(sentence(3))\n\n- \(sentence(8))\n- \(sentence(9))\n- \(sentence(7))\n\n\(sentence(30)).\n"
    }
}

/// The generated corpus, made when first used: a search of a kept database does not need it.
func generateBundle() -> ContentBundle {
    var generator = TextGenerator()
    let locales = codes.map { LocaleInfo(code: $0, iso639_3: $0 == "vi" ? "vie" : String(($0 + "xxx").prefix(3)),
                                         englishName: $0, autonym: $0, script: "Latn", fallbacks: $0 == "vi" ? [] : ["vi"]) }
    var folders: [MaterialFolder] = []
    for index in 0..<materials {
        let slug = "material-\(index)"
        let material = Material(slug: slug, topics: ["recruitment"], audiences: ["women"], sourceLocale: "vi", channels: [.sms, .print])
        let translations = codes.map { code in
            TranslationFile(locale: code, status: .published,
                            content: TranslationContent(title: generator.sentence(6), summary: generator.sentence(15),
                                                        body: generator.body(), sms: generator.sentence(20)),
                            path: "\(slug)/\(code).md")
        }
        folders.append(MaterialFolder(material: material, translations: translations))
    }
    return ContentBundle(locales: locales, materials: folders)
}
let translationCount = materials * codes.count

func percentile(_ sorted: [Double], _ p: Double) -> Double {
    sorted[min(sorted.count - 1, Int((Double(sorted.count) * p).rounded(.up)) - 1)]
}

if searchMode {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("loa-search-bench-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: root) }
    // LOA_BENCH_DATABASE=PATH keeps the generated database there, to study its queries with sqlite3, and
    // when that file exists, searches it as it is instead of importing again.
    let kept = ProcessInfo.processInfo.environment["LOA_BENCH_DATABASE"]
    let reused = kept.map { FileManager.default.fileExists(atPath: $0) } ?? false
    let database = try AppDatabase.open(path: kept ?? root.appendingPathComponent("bench.sqlite").path)
    if reused {
        print("Search benchmark: searching \(kept ?? "") as it is")
    } else {
        let start = DispatchTime.now().uptimeNanoseconds
        try database.importContent(generateBundle(), actor: "bench")
        print("Search benchmark: \(translationCount) translations imported in "
              + String(format: "%.1f s", Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9))
    }
    var queryGenerator = TextGenerator(state: 42)
    // Each query is timed once as a person meets it, then twice more. The machines these figures come from
    // are shared: a query that waits for another tenant is slow now and then, whatever it does. The best of
    // the three is what the query itself costs; both are printed, and the target is read on the first.
    // A thousand queries per word count: p99 is then the eleventh slowest, not one of three or four slow
    // queries that decide it among a few hundred.
    let queryCount = 1_000
    for wordCount in 1...3 {
        var times: [Double] = [], cpuTimes: [Double] = [], bestTimes: [Double] = []
        var results = 0
        for round in 0..<queryCount {
            let words = (0..<wordCount).map { _ in queryGenerator.word() }
            // Every other query typed without tone marks, as people on basic phones do.
            let text = round % 2 == 0 ? words.joined(separator: " ") : TextFolding.fold(words.joined(separator: " "))
            var best = Double.infinity
            for repetition in 0..<3 {
                let begin = DispatchTime.now().uptimeNanoseconds, beginCPU = Measure.cpuSeconds()
                let count = try database.search(SearchQuery(text: text, limit: 20)).count
                let milliseconds = Double(DispatchTime.now().uptimeNanoseconds - begin) / 1e6
                if repetition == 0 {
                    results += count
                    cpuTimes.append((Measure.cpuSeconds() - beginCPU) * 1e3)
                    times.append(milliseconds)
                }
                best = min(best, milliseconds)
            }
            bestTimes.append(best)
        }
        times.sort()
        cpuTimes.sort()
        bestTimes.sort()
        print(String(format: "  %d-word queries: p50 %.2f ms, p99 %.2f ms, max %.2f ms, %d over 5 ms (%d results in %d queries)%@",
                     wordCount, percentile(times, 0.5), percentile(times, 0.99), times.last ?? 0,
                     times.filter { $0 > 5 }.count, results, queryCount, wordCount == 2 ? "  target p99 ≤ 5 ms" : ""))
        print(String(format: "                  cpu p50 %.2f ms, p99 %.2f ms, max %.2f ms", percentile(cpuTimes, 0.5),
                     percentile(cpuTimes, 0.99), cpuTimes.last ?? 0))
        print(String(format: "          best of 3: p50 %.2f ms, p99 %.2f ms, max %.2f ms", percentile(bestTimes, 0.5),
                     percentile(bestTimes, 0.99), bestTimes.last ?? 0))
    }
    print(String(format: "  peak memory (VmHWM): %.1f MiB", Measure.peakMemoryMiB()))
    exit(0)
}

let root = FileManager.default.temporaryDirectory.appendingPathComponent("loa-store-bench-\(UUID().uuidString)")
defer { try? FileManager.default.removeItem(at: root) }
let content = root.appendingPathComponent("Content"), localesFolder = root.appendingPathComponent("Locales")
let bundle = generateBundle()
try ContentWriter().write(bundle, content: content, locales: localesFolder)
// The 11,000 files just written are flushed before anything is timed: otherwise the kernel writes them back
// during the first timed step, as if that step had written them (an import reads files written long before).
sync()

/// Wall-clock seconds of `body`; its CPU seconds go to `cpu`.
func seconds(cpu: inout Double, _ body: () throws -> Void) rethrows -> Double {
    let start = DispatchTime.now().uptimeNanoseconds, startCPU = Measure.cpuSeconds()
    try body()
    cpu = Measure.cpuSeconds() - startCPU
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}

print("Store benchmark: \(materials) materials × \(codes.count) locales = \(translationCount) translations")
var readBundle: ContentBundle!
var readCPU = 0.0, importCPU = 0.0, streamCPU = 0.0, againCPU = 0.0, snapshotCPU = 0.0
// Files + import as `loa import` does it: the files read on the other cores while those read before are
// stored, in one transaction, into a new database.
let streamed = try AppDatabase.open(path: root.appendingPathComponent("streamed.sqlite").path)
let streamTime = try seconds(cpu: &streamCPU) {
    try streamed.importContent(actor: "bench") { importer in
        try ContentReader().stream(content: content, locales: localesFolder, prepare: { PreparedFolder($0) },
                                   locales: { try importer.add($0) }, folder: { try importer.add($0) },
                                   issues: { importer.report($0) })
    }
}
let readTime = try seconds(cpu: &readCPU) { readBundle = try ContentReader().read(content: content, locales: localesFolder) }
let database = try AppDatabase.open(path: root.appendingPathComponent("bench.sqlite").path)
let importTime = try seconds(cpu: &importCPU) { try database.importContent(readBundle, actor: "bench") }
let againTime = try seconds(cpu: &againCPU) { try database.importContent(readBundle, actor: "bench") }
print(String(format: "  read files:          %.3f s  (%.0f translations/s)  cpu %.3f s", readTime,
             Double(translationCount) / readTime, readCPU))
print(String(format: "  import (cold store): %.3f s  (%.0f translations/s)  cpu %.3f s", importTime,
             Double(translationCount) / importTime, importCPU))
print(String(format: "  one after the other: %.3f s  (%.0f translations/s)  cpu %.3f s", readTime + importTime,
             Double(translationCount) / (readTime + importTime), readCPU + importCPU))
print(String(format: "  files + import:      %.3f s  (%.0f translations/s)  cpu %.3f s  target ≥ 10,000/s (as loa import: streamed)",
             streamTime, Double(translationCount) / streamTime, streamCPU))
print(String(format: "  re-import unchanged: %.3f s  (%.0f translations/s)  cpu %.3f s", againTime,
             Double(translationCount) / againTime, againCPU))
var snapshotTranslations = 0
let snapshotTime = try seconds(cpu: &snapshotCPU) { snapshotTranslations = try database.snapshot().translations.count }
print(String(format: "  snapshot:            %.3f s  (%d published translations)  cpu %.3f s", snapshotTime,
             snapshotTranslations, snapshotCPU))
print(String(format: "  peak memory (VmHWM): %.1f MiB  target < 200 MiB", Measure.peakMemoryMiB()))
