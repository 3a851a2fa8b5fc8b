// Import and search figures for the content store (issues 2 and 4). Prints figures; never passes or fails.
//
//   swift run -c release --package-path Benchmarks store-benchmark [materials] [locales]
import CampaignModel
import ContentFiles
import ContentStore
import Foundation

let materials = CommandLine.arguments.count > 1 ? Int(CommandLine.arguments[1]) ?? 1000 : 1000
let localeCount = CommandLine.arguments.count > 2 ? Int(CommandLine.arguments[2]) ?? 10 : 10

let codes = ["vi", "en", "hmn", "tyz", "nut", "blt", "km", "ium", "rad", "jra", "mtq", "twh"].prefix(localeCount)
let words = ["buôn", "bán", "người", "cảnh", "giác", "việc", "làm", "lương", "cao", "biên", "giới", "gia", "đình",
             "công", "an", "xã", "phụ", "nữ", "trẻ", "em", "giấy", "tờ", "hộ", "chiếu", "môi", "giới", "kết", "hôn",
             "dân", "tộc", "vùng", "núi", "thôn", "bản", "già", "làng", "trưởng", "hỏi", "kỹ", "trước", "khi", "đi"]

/// A deterministic pseudo-random text generator (SplitMix64), so every run imports the same corpus.
struct TextGenerator {
    var state: UInt64 = 0x9E37_79B9_7F4A_7C15
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func sentence(_ count: Int) -> String {
        (0..<count).map { _ in words[Int(next() % UInt64(words.count))] }.joined(separator: " ")
    }
    mutating func body() -> String {
        "\(sentence(14)).\n\n## \(sentence(3))\n\n- \(sentence(8))\n- \(sentence(9))\n- \(sentence(7))\n\n\(sentence(30)).\n"
    }
}

func peakMemoryMiB() -> Double {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
          let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
          let kib = Double(line.split(separator: " ").dropFirst().first ?? "") else { return .nan }
    return kib / 1024
}

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
let bundle = ContentBundle(locales: locales, materials: folders)
let translationCount = materials * codes.count

let root = FileManager.default.temporaryDirectory.appendingPathComponent("loa-store-bench-\(UUID().uuidString)")
defer { try? FileManager.default.removeItem(at: root) }
let content = root.appendingPathComponent("Content"), localesFolder = root.appendingPathComponent("Locales")
try ContentWriter().write(bundle, content: content, locales: localesFolder)

func seconds(_ body: () throws -> Void) rethrows -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    try body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}

print("Store benchmark: \(materials) materials × \(codes.count) locales = \(translationCount) translations")
var readBundle: ContentBundle!
let readTime = try seconds { readBundle = try ContentReader().read(content: content, locales: localesFolder) }
let database = try AppDatabase.open(path: root.appendingPathComponent("bench.sqlite").path)
let importTime = try seconds { try database.importContent(readBundle, actor: "bench") }
let againTime = try seconds { try database.importContent(readBundle, actor: "bench") }
print(String(format: "  read files:          %.3f s  (%.0f translations/s)", readTime, Double(translationCount) / readTime))
print(String(format: "  import (cold store): %.3f s  (%.0f translations/s)", importTime, Double(translationCount) / importTime))
print(String(format: "  files + import:      %.3f s  (%.0f translations/s)  target ≥ 10,000/s",
             readTime + importTime, Double(translationCount) / (readTime + importTime)))
print(String(format: "  re-import unchanged: %.3f s  (%.0f translations/s)", againTime, Double(translationCount) / againTime))
var snapshotTranslations = 0
let snapshotTime = try seconds { snapshotTranslations = try database.snapshot().translations.count }
print(String(format: "  snapshot:            %.3f s  (%d published translations)", snapshotTime, snapshotTranslations))
print(String(format: "  peak memory (VmHWM): %.1f MiB  target < 200 MiB", peakMemoryMiB()))
