// Markdown rendering throughput, compared in the same run with the `cmark` command on the same files.
// Prints figures; never passes or fails. Run with Benchmarks/markdown.sh (release build).
//
// Usage: markdown-benchmark [--megabytes N] [--runs N] [--no-pathological] [--write-corpus PATH]
// (--write-corpus only writes the generated corpus to PATH, for profiling, and exits.)
import Foundation
import MarkdownRendering

// MARK: - Arguments

/// Command-line settings.
struct Settings {
    var corpusMegabytes = 20
    var runs = 3
    var pathological = true
    var writeCorpusPath: String?

    static func parse(_ arguments: [String]) -> Settings {
        var settings = Settings()
        var iterator = arguments.makeIterator()
        while let argument = iterator.next() {
            switch argument {
            case "--megabytes": settings.corpusMegabytes = Int(iterator.next() ?? "") ?? settings.corpusMegabytes
            case "--runs": settings.runs = max(1, Int(iterator.next() ?? "") ?? settings.runs)
            case "--no-pathological": settings.pathological = false
            case "--write-corpus": settings.writeCorpusPath = iterator.next()
            default:
                FileHandle.standardError.write(Data("unknown argument \(argument)\n".utf8))
                exit(2)
            }
        }
        return settings
    }
}

let settings = Settings.parse(Array(CommandLine.arguments.dropFirst()))
let corpusMegabytes = settings.corpusMegabytes
let runs = settings.runs
let pathological = settings.pathological

let megabyte = 1 << 20
let workDirectory = FileManager.default.temporaryDirectory.appendingPathComponent("loa-markdown-benchmark-\(getpid())")
try FileManager.default.createDirectory(at: workDirectory, withIntermediateDirectories: true)
defer { try? FileManager.default.removeItem(at: workDirectory) }

// MARK: - Corpus

/// A deterministic pseudo-random source (SplitMix64), so every run renders the same corpus.
struct SplitMix64 {
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

let words = """
    phòng chống mua bán người cảnh giác lời hứa việc nhẹ lương cao xuất khẩu lao động trái phép biên giới \
    gia đình cộng đồng thôn bản xã phụ nữ trẻ em thanh niên hôn nhân môi giới lừa đảo mạng xã hội điện thoại \
    đường dây nóng công an bộ đội biên phòng hội liên hiệp giúp đỡ nạn nhân trở về hòa nhập an toàn thông tin \
    hỏi kỹ người thân giấy tờ hộ chiếu hợp đồng tuyên truyền loa phát thanh Lào Cai Hà Giang Điện Biên Sơn La \
    Nghệ An An Giang Tây Ninh Quảng Trị Kon Tum Cao Bằng Lạng Sơn Mường Khương Sín Chéng Hmong Dao Tày Thái Khmer
    """.split(separator: " ").map(String.init)

func sentence(_ random: inout SplitMix64) -> String {
    var parts: [String] = []
    for index in 0..<(6 + random.below(14)) {
        var word = words[random.below(words.count)]
        if index == 0 { word = word.prefix(1).uppercased() + word.dropFirst() }
        switch random.below(30) {
        case 0: word = "*\(word)*"
        case 1: word = "**\(word)**"
        case 2: word = "[\(word)](https://loa.example.vn/tai-lieu/\(random.below(5000)))"
        case 3: word = "`\(word)`"
        case 4: word = "<https://loa.example.vn/\(random.below(999))>"
        default: break
        }
        parts.append(word)
    }
    return parts.joined(separator: " ") + (random.below(4) == 0 ? "," : ".")
}

func campaignCorpus(bytes target: Int) -> [UInt8] {
    var random = SplitMix64(state: 20_251_130)
    var output: [UInt8] = []
    output.reserveCapacity(target + 4096)
    var section = 0
    while output.count < target {
        section += 1
        var block = "# Tài liệu \(section): \(sentence(&random).dropLast())\n\n"
        for _ in 0..<(2 + random.below(4)) {
            switch random.below(6) {
            case 0:
                block += "## \(words[random.below(words.count)].capitalized) \(words[random.below(words.count)])\n\n"
            case 1:
                for item in 1...(2 + random.below(4)) { block += "\(item). \(sentence(&random))\n" }
                block += "\n"
            case 2:
                for _ in 0..<(2 + random.below(4)) { block += "- \(sentence(&random))\n" }
                block += "\n"
            case 3:
                block += "> \(sentence(&random)) \(sentence(&random))\n\n"
            default:
                block += (0..<(2 + random.below(4))).map { _ in sentence(&random) }.joined(separator: "\n") + "\n\n"
            }
        }
        output.append(contentsOf: block.utf8)
    }
    return output
}

// MARK: - Timing

func seconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
}

/// Wall-clock and CPU seconds of one run.
struct Timing {
    var wall: Double
    var cpu: Double
}

func processCPUSeconds() -> Double {
    var self_ = rusage()
    var children = rusage()
    getrusage(RUSAGE_SELF.rawValue, &self_)
    getrusage(RUSAGE_CHILDREN.rawValue, &children)
    func total(_ usage: rusage) -> Double {
        Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1e6 + Double(usage.ru_stime.tv_sec)
            + Double(usage.ru_stime.tv_usec) / 1e6
    }
    return total(self_) + total(children)
}

/// Best wall-clock time and best CPU time (user + system, of this process and of waited-for children) of
/// `runs` runs. CPU time is what the ratios use: the machine is shared, and wall time then measures the
/// neighbours too.
func best(times: Int = runs, _ body: () throws -> Void) rethrows -> Timing {
    var result = Timing(wall: .infinity, cpu: .infinity)
    for _ in 0..<times {
        let cpuStart = processCPUSeconds()
        let start = ContinuousClock.now
        try body()
        result.wall = min(result.wall, seconds(ContinuousClock.now - start))
        result.cpu = min(result.cpu, processCPUSeconds() - cpuStart)
    }
    return result
}

func findCmark() -> String? {
    for directory in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin").split(separator: ":") {
        let path = "\(directory)/cmark"
        if FileManager.default.isExecutableFile(atPath: path) { return path }
    }
    return nil
}

let cmarkPath = findCmark()
let devNull = FileHandle(forWritingAtPath: "/dev/null")!

/// Time of `cmark FILE > /dev/null` (process start and file reading included).
func timeCmark(_ file: URL, times: Int = runs) throws -> Timing? {
    guard let cmarkPath else { return nil }
    return try best(times: times) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: cmarkPath)
        process.arguments = [file.path]
        process.standardOutput = devNull
        try process.run()
        process.waitUntilExit()
    }
}

let renderer = MarkdownRenderer()
var sink = 0

func readText(_ file: URL) throws -> String {
    String(decoding: try Data(contentsOf: file), as: UTF8.self)
}

/// What `cmark FILE` does: file bytes in, HTML bytes out (UTF-8 checked, NFC checked, heading ids).
func renderFile(_ file: URL, with renderer: MarkdownRenderer = renderer) throws -> Int {
    try renderer.html(utf8: try Data(contentsOf: file)).count
}

func format(_ value: Double, _ digits: Int = 1) -> String { String(format: "%.\(digits)f", value) }

// MARK: - Throughput

let corpus = campaignCorpus(bytes: corpusMegabytes * megabyte)
if let path = settings.writeCorpusPath {
    try Data(corpus).write(to: URL(fileURLWithPath: path))
    exit(0)
}
let corpusFile = workDirectory.appendingPathComponent("campaign.md")
try Data(corpus).write(to: corpusFile)
let sizeMB = Double(corpus.count) / Double(megabyte)
let sampleAnalysis = renderer.analyze(String(decoding: corpus.prefix(200_000), as: UTF8.self))

print("Markdown benchmark — corpus \(format(sizeMB, 2)) MB (\(corpus.count) bytes) of generated campaign Markdown, best of \(runs) runs")
print("  (first 200 KB: \(sampleAnalysis.outline.count) headings, \(sampleAnalysis.links.count) links, \(sampleAnalysis.wordCount) words)")
print("  file reading is included in every figure; cmark = \(cmarkPath ?? "not found")")

let noIDsRenderer = MarkdownRenderer(options: .init(headingIDs: false))
/// The measured programs, run in turns (round-robin) so that a busy neighbour slows all of them alike.
let contenders: [(name: String, run: () throws -> Void)] = [
    ("cmark FILE > /dev/null", { _ = try timeCmark(corpusFile, times: 1) }),
    ("html(utf8:) file bytes → bytes", { sink &+= try renderFile(corpusFile) }),
    ("html(utf8:), no heading ids", { sink &+= try renderFile(corpusFile, with: noIDsRenderer) }),
    ("html(String) (String in and out)", { sink &+= renderer.html(try readText(corpusFile)).utf8.count }),
    ("MarkdownRenderer.plainText", { sink &+= renderer.plainText(try readText(corpusFile)).utf8.count }),
    ("MarkdownRenderer.analyze", { sink &+= renderer.analyze(try readText(corpusFile)).wordCount }),
]
var timings = Array(repeating: Timing(wall: .infinity, cpu: .infinity), count: contenders.count)
for _ in 0..<runs {
    for (index, contender) in contenders.enumerated() {
        let timing = try best(times: 1, contender.run)
        timings[index].wall = min(timings[index].wall, timing.wall)
        timings[index].cpu = min(timings[index].cpu, timing.cpu)
    }
}
let cmarkTime: Timing? = cmarkPath == nil ? nil : timings[0]

print("")
print("what                                   wall s    CPU s   MB/s (CPU)   vs cmark (CPU)")
func row(_ name: String, _ time: Timing) {
    let throughput = sizeMB / time.cpu
    let ratio = cmarkTime.map { format($0.cpu / time.cpu, 2) + "×" } ?? "n/a"
    print(
        name.padding(toLength: 36, withPad: " ", startingAt: 0), format(time.wall, 3).leftPadded(8),
        format(time.cpu, 3).leftPadded(8), format(throughput).leftPadded(12), ratio.leftPadded(16))
}
for (index, contender) in contenders.enumerated() where index > 0 || cmarkTime != nil {
    row(contender.name, timings[index])
}
print("targets: html(utf8:) ≥ 0.90× cmark, plainText ≥ 0.50× cmark")
fflush(nil)  // show progress even when the output goes to a file

// MARK: - Pathological input

extension String {
    func leftPadded(_ width: Int) -> String { count >= width ? self : String(repeating: " ", count: width - count) + self }
}

func pathologicalInput(_ kind: String, bytes: Int) -> [UInt8] {
    func repeated(_ unit: String, _ middle: String = "", _ closing: String = "") -> [UInt8] {
        let units = bytes / max(1, unit.utf8.count + closing.utf8.count)
        var output: [UInt8] = []
        output.reserveCapacity(bytes + 16)
        for _ in 0..<units { output.append(contentsOf: unit.utf8) }
        output.append(contentsOf: middle.utf8)
        for _ in 0..<units { output.append(contentsOf: closing.utf8) }
        return output
    }
    switch kind {
    case "nested brackets": return repeated("[", "a", "]")
    case "unclosed link openers": return repeated("[a](")
    case "emphasis openers": return repeated("*a _b ")
    case "nested emphasis": return repeated("*", "a", "*")
    case "nested block quotes": return repeated(">", " a\n")
    case "nested list items": return repeated("- ", "a\n")
    default: return repeated("a ")
    }
}

if pathological {
    print("")
    print("Pathological input (one run each): CPU seconds per MB (flat = linear), MarkdownRenderer.html(utf8:) / cmark")
    let kinds = ["nested brackets", "unclosed link openers", "emphasis openers", "nested emphasis", "nested block quotes", "nested list items"]
    let sizes = [1, 2, 4, 8, 16]
    print("kind".padding(toLength: 24, withPad: " ", startingAt: 0) + sizes.map { "\($0) MB".leftPadded(18) }.joined())
    for kind in kinds {
        var ours: [String] = []
        for size in sizes {
            let bytes = pathologicalInput(kind, bytes: size * megabyte)
            let file = workDirectory.appendingPathComponent("pathological.md")
            try Data(bytes).write(to: file)
            let perMB = Double(bytes.count) / Double(megabyte)
            let oursTime = try best(times: 1) { sink &+= try renderFile(file) }
            let cmarkPerMB = try timeCmark(file, times: 1).map { format($0.cpu / perMB, 3) } ?? "n/a"
            ours.append((format(oursTime.cpu / perMB, 3) + " / " + cmarkPerMB).leftPadded(18))
        }
        print(kind.padding(toLength: 24, withPad: " ", startingAt: 0) + ours.joined())
        fflush(nil)
    }
}
print("")
print("(checksum \(sink & 0xFFFF))")
