// SMS counting and analysis throughput. Prints figures; never passes or fails.
//
//     cd Benchmarks && swift run -c release sms-benchmark
//
// Messages are generated deterministically (a fixed-seed generator over word lists), 100–300 characters,
// in Vietnamese (NFC, with tone marks, so UCS-2) and in Hmong RPA (plain a–z, so GSM-7). Each case runs on one
// thread for at least one second over the whole set, again and again.
import Foundation
import SMSExport

/// SplitMix64: the same messages on every machine and every run.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

let vietnameseWords = """
    cảnh giác với lời mời làm việc lương cao ở nước ngoài đừng tin người lạ hứa hẹn việc nhẹ buôn bán người \
    là tội phạm hãy gọi đường dây nóng phụ nữ trẻ em biên giới xuất khẩu lao động giấy tờ tùy thân công an xã \
    hỏi ý kiến gia đình trước khi đi bị lừa đảo kết hôn môi giới hộ chiếu thị thực nghi ngờ báo ngay
    """.split(separator: " ").map(String.init)
let hmongWords = """
    koj puas paub txog kev muag neeg ceev faj tus neeg txawv tuaj hais tias muaj hauj lwm nyiaj ntau nyob \
    txawv teb chaws tsis txhob ntseeg hu rau tub ceev xwm poj niam menyuam yaus ciam teb daim ntawv hla \
    tebchaws nug koj tsev neeg ua ntej mus yuav txiv dag ntxias qhia tam sim no
    """.split(separator: " ").map(String.init)

func messages(from words: [String], count: Int, seed: UInt64) -> [String] {
    var random = SplitMix64(state: seed)
    return (0..<count).map { _ in
        let target = Int.random(in: 100...300, using: &random)
        var text = ""
        while text.count < target {
            var word = words.randomElement(using: &random)!
            if text.isEmpty || text.hasSuffix(". ") { word = word.prefix(1).uppercased() + word.dropFirst() }
            text += word
            text += Int.random(in: 0..<8, using: &random) == 0 ? ". " : " "
        }
        return String(text.prefix(target))
    }
}

/// CPU time of the calling thread, in seconds: the figure that does not depend on what else the machine runs.
func threadCPUSeconds() -> Double {
    var spec = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &spec)
    return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
}

/// Runs `body` over every message until at least `minimum` seconds of thread CPU time have passed.
func measure(_ texts: [String], minimum: Double = 1, _ body: (String) -> Int) -> (cpuRate: Double, wallRate: Double, checksum: Int) {
    let clock = ContinuousClock()
    var processed = 0
    var checksum = 0
    let wallStart = clock.now
    let cpuStart = threadCPUSeconds()
    var cpu = 0.0
    repeat {
        for text in texts { checksum &+= body(text) }
        processed += texts.count
        cpu = threadCPUSeconds() - cpuStart
    } while cpu < minimum
    let wall = clock.now - wallStart
    let wallSeconds = Double(wall.components.seconds) + Double(wall.components.attoseconds) / 1e18
    return (Double(processed) / cpu, Double(processed) / wallSeconds, checksum)
}

func report(_ label: String, _ texts: [String], _ body: (String) -> Int) {
    let (cpuRate, wallRate, checksum) = measure(texts, body)
    let padded = label.padding(toLength: 66, withPad: " ", startingAt: 0)
    print("\(padded) \(String(format: "%10.0f", cpuRate)) msg/s \(String(format: "%8.2f", 1e6 / cpuRate)) µs/msg"
          + "  (wall \(String(format: "%.0f", wallRate)) msg/s; checksum \(checksum))")
}

let vietnamese = messages(from: vietnameseWords, count: 4000, seed: 7)
let vietnameseNFD = vietnamese.map { $0.decomposedStringWithCanonicalMapping }
let hmong = messages(from: hmongWords, count: 4000, seed: 11)

for (name, texts) in [("Vietnamese", vietnamese), ("Hmong RPA", hmong)] {
    let counts = texts.map { SMSCount(nfc: $0) }
    let chars = texts.map(\.count).reduce(0, +) / texts.count
    let units = counts.map(\.units).reduce(0, +) / counts.count
    let parts = Dictionary(grouping: counts, by: \.parts).mapValues(\.count).sorted { $0.key < $1.key }
    print("\(name): \(texts.count) messages, mean \(chars) characters, mean \(units) units, "
          + "encodings \(Set(counts.map(\.encoding.rawValue)).sorted()), parts \(parts.map { "\($0.key)×\($0.value)" }.joined(separator: " "))")
}
print("")
print("one thread; each line runs ≥ 1 s of thread CPU time over the whole set; rates per CPU second")
report("count, NFC input trusted     SMSCount(nfc:)  Vietnamese", vietnamese) { SMSCount(nfc: $0).parts }
report("count, NFC input trusted     SMSCount(nfc:)  Hmong", hmong) { SMSCount(nfc: $0).parts }
report("count, NFC quick check       SMSCount(_:)    Vietnamese", vietnamese) { SMSCount($0).parts }
report("count, NFC quick check       SMSCount(_:)    Hmong", hmong) { SMSCount($0).parts }
report("count, NFD input normalised  SMSCount(_:)    Vietnamese NFD", vietnameseNFD) { SMSCount($0).parts }
report("NFC normalisation alone (Foundation)         Vietnamese", vietnamese) { $0.precomposedStringWithCanonicalMapping.utf8.count }
report("NFC normalisation alone (Foundation)         Vietnamese NFD", vietnameseNFD) { $0.precomposedStringWithCanonicalMapping.utf8.count }
report("NFC normalisation alone (Foundation)         Hmong", hmong) { $0.precomposedStringWithCanonicalMapping.utf8.count }
report("full analysis, NFD input     SMSAnalysis(_:)   Vietnamese NFD", vietnameseNFD) { SMSAnalysis($0).parts }
report("full analysis, NFC trusted   SMSAnalysis(nfc:) Vietnamese", vietnamese) { SMSAnalysis(nfc: $0).parts }
report("full analysis, NFC trusted   SMSAnalysis(nfc:) Hmong", hmong) { SMSAnalysis(nfc: $0).parts }
report("full analysis, NFC quick check SMSAnalysis(_:) Vietnamese", vietnamese) { SMSAnalysis($0).parts }
report("full analysis, NFC quick check SMSAnalysis(_:) Hmong", hmong) { SMSAnalysis($0).parts }
report("both forms, khong dau + 2 analyses SMSCostComparison  Vietnamese", vietnamese) { SMSCostComparison($0).khongDau.parts }
