// Site export benchmark driver (see Benchmarks/site.sh). It prints figures and never fails on them.
//
//   site-benchmark export OUT [--materials N] [--locales N] [--edit K | --edits K1,K2,…] [--zip FILE] [--base-url URL]
//       generates the corpus in memory (the same every time), exports it to OUT and prints the export time,
//       the files written and the process's peak memory. `--edit K` changes the body of one translation
//       (material K, English) before exporting: the incremental case. `--edits K1,K2,…` exports once per
//       listed edit, one after the other in the same process (each a one-edit rebuild of the one before),
//       timing each export on its own. `--base-url` builds the site with canonical links, hreflang
//       alternates and a sitemap.
//   site-benchmark store DATABASE [--materials N] [--locales N] [--edit K]
//       imports the same corpus into a Loa database as published text (with `--edit K`, the edited text
//       replaces the published one), so that `loa export site --database DATABASE` can be timed as a whole
//       process: opening the store and reading the snapshot included.
//   site-benchmark from-store OUT --database DATABASE [--full-snapshot] [--base-url URL]
//       what `loa export site` does after parsing its arguments, each part timed (`--full-snapshot`: the
//       snapshot read with every text, the exporter given no text reader).
//   site-benchmark hugo DIR [--materials N] [--locales N]
//       writes the same corpus as a multilingual Hugo site (config, layouts, content) into DIR.
import BenchmarkSupport
import CampaignModel
import ContentStore
import Foundation
import SiteExport

struct Corpus {
    static let codes = ["vi", "en", "hmn", "tyz", "twh", "blt", "km", "nut", "ium", "jra", "kjg", "rad", "mtq", "twh2"]
    static let topics = ["recruitment", "marriage", "online", "migration", "law", "children", "help", "return", "community"]
    let materialCount: Int
    let localeCount: Int

    var locales: [String] { Array(Self.codes.prefix(localeCount)) }

    /// Deterministic pseudo-random numbers (SplitMix64).
    struct Random {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
    }

    static let words = ["người", "làm", "việc", "lương", "cao", "biên", "giới", "giấy", "tờ", "gia", "đình", "công", "an",
                        "xã", "hỏi", "kỹ", "trước", "khi", "đi", "bạn", "bè", "lời", "hứa", "nhẹ", "mua", "bán", "phụ",
                        "nữ", "trẻ", "em", "hộ", "chiếu", "căn", "cước", "giúp", "đỡ", "gọi", "điện", "thoại", "tin"]

    /// Each word with its first character in upper case, for the first word of a sentence.
    static let capitalized = words.map { $0.prefix(1).uppercased() + $0.dropFirst() }

    /// `count` random words, the first capitalised, and a full stop. Built in one string: the corpus stands in
    /// for a snapshot read from the store, so making it should not weigh on Loa's side of the comparison.
    func sentence(_ random: inout Random, words count: Int) -> String {
        var text = ""
        text.reserveCapacity(count * 8)
        for index in 0..<count {
            let word = random.below(Self.words.count)
            if index > 0 { text += " " }
            text += index == 0 ? Self.capitalized[word] : Self.words[word]
        }
        text += "."
        return text
    }

    /// Title, summary and a body of about 350 words with headings and lists.
    func content(material: Int, locale: String, revision: Int = 0) -> TranslationContent {
        var random = Random(state: UInt64(material) &* 1_000_003 &+ UInt64(locale.hashValueStable) &+ UInt64(revision))
        let title = "[\(locale)] " + sentence(&random, words: 6).dropLast()
        let summary = sentence(&random, words: 18)
        var body = ""
        for section in 0..<4 {
            body += sentence(&random, words: 30) + " " + sentence(&random, words: 25) + "\n\n"
            body += "## " + sentence(&random, words: 4).dropLast() + " \(section + 1)\n\n"
            for _ in 0..<4 { body += "- " + sentence(&random, words: 8) + "\n" }
            body += "\n"
        }
        if revision > 0 { body += "Sửa lần \(revision).\n" }
        return TranslationContent(title: String(title), summary: summary, body: body)
    }

    /// Every material in Vietnamese; other locales have about 90 % of them.
    func isTranslated(material: Int, localeIndex: Int) -> Bool {
        localeIndex == 0 || (material * 7 + localeIndex * 13) % 10 != 0
    }

    func snapshot(editing edit: Int?) -> Snapshot {
        var localeInfos: [LocaleInfo] = []
        for (index, code) in locales.enumerated() {
            var strings: [String: String] = [:]
            for key in UIStringKey.all { strings[key] = "\(key) (\(code))" }
            for topic in Self.topics { strings["topic.\(topic)"] = "\(topic) (\(code))" }
            localeInfos.append(LocaleInfo(code: code, iso639_3: code, englishName: code, autonym: "Autonym \(code)",
                                          script: "Latn", fallbacks: index == 0 ? [] : ["vi"],
                                          uiStrings: index < 2 ? strings : [:]))
        }
        var materials: [Material] = []
        var translations: [PublishedTranslation] = []
        for number in 0..<materialCount {
            let slug = Self.slug(number)
            materials.append(Material(slug: slug, topics: [Self.topics[number % 9], Self.topics[(number / 9) % 9]],
                                      audiences: ["women"], sourceLocale: "vi", channels: [.website]))
            for (index, code) in locales.enumerated() where isTranslated(material: number, localeIndex: index) {
                let revision = (edit == number && code == "en") ? 1 : 0
                let content = content(material: number, locale: code, revision: revision)
                translations.append(PublishedTranslation(
                    slug: slug, locale: code, revisionHash: Self.hash(content.canonicalBytes), content: content,
                    publishedAt: Date(timeIntervalSince1970: 1_767_225_600)))
            }
        }
        translations.sort { ($0.slug, $0.locale) < ($1.slug, $1.locale) }
        return Self.snapshot(locales: localeInfos, materials: materials, translations: translations)
    }

    static func snapshot(locales: [LocaleInfo], materials: [Material], translations: [PublishedTranslation]) -> Snapshot {
        let id = hash(Data(translations.map(\.revisionHash).joined().utf8))
        return Snapshot(id: id, takenAt: Date(timeIntervalSince1970: 1_767_225_600), locales: locales,
                        materials: materials, translations: translations)
    }

    /// `snapshot(editing: edit)` made from `base` (the snapshot without edits) by replacing the one edited
    /// translation: the same snapshot, without generating the whole corpus again for each edit.
    func snapshot(editing edit: Int, from base: Snapshot) -> Snapshot {
        var translations = base.translations
        let slug = Self.slug(edit)
        if let index = translations.firstIndex(where: { $0.slug == slug && $0.locale == "en" }) {
            let content = content(material: edit, locale: "en", revision: 1)
            translations[index] = PublishedTranslation(slug: slug, locale: "en", revisionHash: Self.hash(content.canonicalBytes),
                                                       content: content, publishedAt: translations[index].publishedAt)
        }
        return Self.snapshot(locales: base.locales, materials: base.materials, translations: translations)
    }

    /// `material-0042`.
    static func slug(_ number: Int) -> String {
        let digits = String(number)
        return "material-" + String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }

    static func hash(_ data: Data) -> String {
        var a: UInt64 = 0xcbf2_9ce4_8422_2325, b: UInt64 = 0x84222325cbf29ce4
        data.withUnsafeBytes { bytes in
            for byte in bytes {
                a = (a ^ UInt64(byte)) &* 0x100_0000_01b3
                b = (b ^ UInt64(byte)) &* 0x100_0000_01b3 &+ 7
            }
        }
        func hex(_ value: UInt64) -> String {
            let digits = String(value, radix: 16)
            return String(repeating: "0", count: 16 - digits.count) + digits
        }
        return hex(a) + hex(b) + hex(a ^ b) + hex(a &+ b)
    }

    /// The same corpus as a Hugo site: one content folder per language, a topics taxonomy, and templates
    /// that make the same pages (a page per material, a home with materials by topic, an about page).
    func writeHugo(to directory: URL) throws {
        let manager = FileManager.default
        try? manager.removeItem(at: directory)
        var config = "baseURL = \"/\"\nrelativeURLs = true\nuglyURLs = true\ndefaultContentLanguage = \"vi\"\n"
        config += "disableKinds = [\"RSS\", \"sitemap\", \"robotsTXT\", \"404\", \"taxonomy\", \"term\"]\n"
        config += "[taxonomies]\n  topic = \"topics\"\n[languages]\n"
        for (index, code) in locales.enumerated() {
            config += "  [languages.\(code)]\n    languageName = \"Autonym \(code)\"\n    weight = \(index + 1)\n"
            config += "    contentDir = \"content/\(code)\"\n"
        }
        let layouts = directory.appendingPathComponent("layouts/_default")
        try manager.createDirectory(at: layouts, withIntermediateDirectories: true)
        try config.write(to: directory.appendingPathComponent("hugo.toml"), atomically: false, encoding: .utf8)
        let baseof = """
        <!DOCTYPE html>
        <html lang="{{ .Language.Lang }}" dir="ltr">
        <head><meta charset="utf-8" /><meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{{ .Title }}</title><link rel="stylesheet" href="{{ "style.css" | relURL }}" /></head>
        <body><header><a href="{{ .Site.Home.RelPermalink }}">Loa</a></header>
        <main id="main">{{ block "main" . }}{{ end }}</main></body></html>
        """
        let single = """
        {{ define "main" }}<article><h1>{{ .Title }}</h1><p class="lead">{{ .Summary }}</p>{{ .Content }}</article>
        <dl><dt>Topics</dt><dd>{{ range .Params.topics }}{{ . }} {{ end }}</dd></dl>
        {{ if .IsTranslated }}<ul>{{ range .Translations }}<li><a href="{{ .RelPermalink }}" hreflang="{{ .Language.Lang }}">{{ .Language.LanguageName }}</a></li>{{ end }}</ul>{{ end }}{{ end }}
        """
        let list = """
        {{ define "main" }}<h1>{{ .Title }}</h1>{{ range .Site.Taxonomies.topics }}<section><h2>{{ .Page.Title }}</h2><ul>
        {{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a><p>{{ .Params.summary }}</p></li>{{ end }}</ul></section>{{ end }}{{ end }}
        """
        try baseof.write(to: layouts.appendingPathComponent("baseof.html"), atomically: false, encoding: .utf8)
        try single.write(to: layouts.appendingPathComponent("single.html"), atomically: false, encoding: .utf8)
        try list.write(to: layouts.appendingPathComponent("list.html"), atomically: false, encoding: .utf8)
        try manager.createDirectory(at: directory.appendingPathComponent("static"), withIntermediateDirectories: true)
        try "body{max-width:42rem}\n".write(to: directory.appendingPathComponent("static/style.css"), atomically: false, encoding: .utf8)
        for (index, code) in locales.enumerated() {
            let folder = directory.appendingPathComponent("content/\(code)")
            try manager.createDirectory(at: folder, withIntermediateDirectories: true)
            try "---\ntitle: About\n---\nAbout this site.\n".write(to: folder.appendingPathComponent("about.md"), atomically: false, encoding: .utf8)
            for number in 0..<materialCount where isTranslated(material: number, localeIndex: index) {
                let content = content(material: number, locale: code)
                let slug = Self.slug(number)
                let front = "---\ntitle: \"\(content.title)\"\nsummary: \"\(content.summary)\"\ntopics: [\(Self.topics[number % 9]), \(Self.topics[(number / 9) % 9])]\ntranslationKey: \(slug)\n---\n"
                try (front + content.body).write(to: folder.appendingPathComponent("\(slug).md"), atomically: false, encoding: .utf8)
            }
        }
    }
}

extension String {
    /// A hash that is the same in every run (Swift's `hashValue` is seeded per process).
    var hashValueStable: Int {
        var value: UInt64 = 5381
        for byte in utf8 { value = value &* 33 &+ UInt64(byte) }
        return Int(truncatingIfNeeded: value & 0xFFFF_FFFF)
    }
}

/// When each step started, to print how long each took.
final class StepTimeline: @unchecked Sendable {
    private let lock = NSLock()
    private var current: (SiteStep, Date)?
    private var durations: [(SiteStep, Double)] = []
    private let start: Date

    init(start: Date) { self.start = start }

    func note(_ step: SiteStep?) {
        lock.withLock {
            if let current, current.0 == step { return }
            let now = Date()
            if let current { durations.append((current.0, now.timeIntervalSince(current.1))) }
            current = step.map { ($0, now) }
        }
    }

    var summary: String {
        lock.withLock { durations.map { String(format: "%@ %.3f s", $0.0.rawValue, $0.1) }.joined(separator: ", ") }
    }
}

/// User and system CPU time of the process so far (all threads).
var arguments = Array(CommandLine.arguments.dropFirst())
@MainActor func option(_ name: String) -> String? {
    guard let index = arguments.firstIndex(of: name), index + 1 < arguments.count else { return nil }
    let value = arguments[index + 1]
    arguments.removeSubrange(index...(index + 1))
    return value
}
let corpus = Corpus(materialCount: Int(option("--materials") ?? "") ?? 1000, localeCount: Int(option("--locales") ?? "") ?? 10)
let edit = option("--edit").flatMap(Int.init)
let edits = option("--edits").map { $0.split(separator: ",").compactMap { Int($0) } }
let zip = option("--zip")
let databasePath = option("--database")
let fullSnapshot = arguments.contains("--full-snapshot")
arguments.removeAll { $0 == "--full-snapshot" }
let baseURL = option("--base-url").flatMap(URL.init(string:))
guard arguments.count == 2 else {
    print("usage: site-benchmark export OUT [--materials N] [--locales N] [--edit K | --edits K1,K2,…] [--zip FILE] [--base-url URL] | store DATABASE [--edit K] | hugo DIR")
    exit(2)
}
let target = URL(fileURLWithPath: arguments[1])
switch arguments[0] {
case "store":
    let snapshot = corpus.snapshot(editing: edit)
    let texts = Dictionary(grouping: snapshot.translations, by: \.slug)
    // The store wants three-letter ISO 639-3 codes; the site does not show them.
    let locales = snapshot.locales.map { locale in
        var locale = locale
        locale.iso639_3 = String((locale.code + "xxx").prefix(3))
        return locale
    }
    let bundle = ContentBundle(locales: locales, materials: snapshot.materials.map { material in
        MaterialFolder(material: material, translations: (texts[material.slug] ?? []).sorted { $0.locale == "vi" && $1.locale != "vi" }.map {
            TranslationFile(locale: $0.locale, status: .published, content: $0.content, path: "\(material.slug)/\($0.locale).md")
        })
    })
    let start = Date()
    let summary = try AppDatabase.open(path: target.path).importContent(bundle, actor: "site-benchmark")
    print(String(format: "store: %@ imported in %.2f s (%@)", target.path, Date().timeIntervalSince(start), "\(summary)"))
case "from-store":
    // What `loa export site --database DATABASE --out OUT` does, each part timed: open the store for
    // reading, read the snapshot without texts, export reading the texts it shows anew.
    guard let database = databasePath else {
        print("from-store needs --database PATH")
        exit(2)
    }
    var start = Date(), startCPU = Measure.cpuSeconds()
    let store = try AppDatabase.openForReading(path: database)
    let opened = Date().timeIntervalSince(start), openedCPU = Measure.cpuSeconds() - startCPU
    start = Date()
    startCPU = Measure.cpuSeconds()
    // `--full-snapshot`: the snapshot with every text, as before `loa export site` read texts on demand.
    let snapshot = try store.snapshot(texts: fullSnapshot ? .whole : .revisionsOnly)
    let read = Date().timeIntervalSince(start), readCPU = Measure.cpuSeconds() - startCPU
    start = Date()
    startCPU = Measure.cpuSeconds()
    let reader: SiteExporter.TextReader = { try store.texts(ofRevisions: $0, withBodies: $1) }
    let report = try SiteExporter(options: SiteOptions(outputDirectory: target, baseURL: baseURL))
        .export(snapshot, texts: fullSnapshot ? nil : reader)
    print(String(format: "from-store: open %.1f ms (CPU %.1f), snapshot %.1f ms (CPU %.1f), export %.1f ms (CPU %.1f), %d files written",
                 opened * 1000, openedCPU * 1000, read * 1000, readCPU * 1000, Date().timeIntervalSince(start) * 1000,
                 (Measure.cpuSeconds() - startCPU) * 1000, report.written.count))
case "hugo":
    try corpus.writeHugo(to: target)
    print("hugo source: \(target.path) (\(corpus.materialCount) materials × \(corpus.localeCount) locales)")
case "export":
    // -1: no edit.
    // With `--edits`, each edited snapshot is made from the unedited one.
    let base = edits == nil ? nil : corpus.snapshot(editing: nil)
    for edit in edits ?? [edit ?? -1] {
        let corpusStart = Date(), corpusCPU = Measure.cpuSeconds()
        let snapshot = base.map { corpus.snapshot(editing: edit, from: $0) } ?? corpus.snapshot(editing: edit < 0 ? nil : edit)
        print(String(format: "corpus%@: %.3f s (CPU %.3f s), %d translations", edit < 0 ? "" : " (edit \(edit))",
                     Date().timeIntervalSince(corpusStart), Measure.cpuSeconds() - corpusCPU, snapshot.translations.count))
        let cpuBefore = Measure.cpuSeconds()
        let start = Date()
        let timeline = StepTimeline(start: start)
        let exporter = SiteExporter(options: SiteOptions(outputDirectory: target, zipFile: zip.map { URL(fileURLWithPath: $0) },
                                                         locales: corpus.locales, baseURL: baseURL),
                                    progress: { timeline.note($0.step) })
        let report = try exporter.export(snapshot)
        let seconds = Date().timeIntervalSince(start)
        let cpu = Measure.cpuSeconds() - cpuBefore
        print(String(format: "export%@: %.3f s (CPU %.3f s), %d pages (%d fallback), %d files written, %d reused, peak memory %.0f MiB",
                     edit < 0 ? "" : " (edit \(edit))", seconds, cpu, report.pageCount, report.fallbackPageCount,
                     report.written.count, report.reused, Measure.peakMemoryMiB()))
        timeline.note(nil)
        print("  steps: " + timeline.summary)
    }
default:
    print("unknown mode \(arguments[0])")
    exit(2)
}
