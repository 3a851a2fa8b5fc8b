// National commune-level plan: 3,321 communes × 26 weeks × 20 materials × 10 locales × 4 channels, with a
// synthetic snapshot. Prints wall times and peak memory (VmHWM); it does not pass or fail.
// Run: cd Benchmarks && swift run -c release planner-benchmark [path/to/Content/regions]
import BenchmarkSupport
import CampaignModel
import ContentFiles
import Foundation
import RegionPlanner

let here = URL(fileURLWithPath: #filePath)
let defaultRegions = here.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("Content/regions")
let regionsURL = CommandLine.arguments.count > 1 ? URL(fileURLWithPath: CommandLine.arguments[1]) : defaultRegions

let fixedNow = Date(timeIntervalSince1970: 1_798_761_600)
do {
    var start = DispatchTime.now()
    let regions = try RegionTableReader.load(directory: regionsURL)
    let loadTime = Measure.seconds(since: start)

    // Synthetic snapshot: 20 materials, 10 locales; each material published in vi and in a varying subset.
    let codes = ["vi", "hmn", "tyz", "nut", "blt", "twh", "ium", "km", "jra", "rad"]
    let locales = codes.map { code in
        LocaleInfo(code: code, iso639_3: code, englishName: code, autonym: code, script: "Latn",
                   fallbacks: code == "vi" ? [] : (code == "twh" ? ["blt", "vi"] : ["vi"]))
    }
    var materials: [Material] = []
    var translations: [PublishedTranslation] = []
    for index in 0..<20 {
        let slug = "material-\(index < 10 ? "0" : "")\(index)"
        materials.append(Material(slug: slug, topics: ["t"], audiences: ["a"], sourceLocale: "vi",
                                  channels: [.sms, .loudspeaker, .print, .villageMeeting]))
        for (offset, code) in codes.enumerated() where offset == 0 || (index + offset) % 3 != 0 {
            let content = TranslationContent(title: "Tiêu đề \(index) \(code)", summary: "Tóm tắt ngắn của tài liệu số \(index).", body: "…")
            translations.append(PublishedTranslation(slug: slug, locale: code, revisionHash: String(format: "%064x", index * 31 + offset),
                                                     content: content, publishedAt: fixedNow))
        }
    }
    translations.sort { ($0.slug, $0.locale) < ($1.slug, $1.locale) }
    let snapshot = Snapshot(id: "benchmark-snapshot", takenAt: fixedNow, locales: locales, materials: materials, translations: translations)

    let campaign = Campaign(
        id: "national-benchmark", name: "National commune-level benchmark (synthetic)",
        window: CampaignDateRange(start: CampaignDate(iso: "2027-01-04")!, end: CampaignDate(iso: "2027-07-04")!),
        materials: materials.map(\.slug),
        channels: [
            ChannelBudget(channel: .sms, capacityPerWeek: 400_000, costPerUnit: 350),
            ChannelBudget(channel: .loudspeaker, capacityPerWeek: 2_000, costPerUnit: 0),
            ChannelBudget(channel: .print, capacityPerWeek: 100_000, costPerUnit: 2_000),
            ChannelBudget(channel: .villageMeeting, capacityPerWeek: 600, costPerUnit: 500_000),
        ],
        blackouts: [Blackout(range: CampaignDateRange(start: CampaignDate(iso: "2027-02-01")!, end: CampaignDate(iso: "2027-02-14")!), reason: "Tết")],
        minSpacingDays: 14,
        targets: CampaignTargets(regions: regions.provinces.map(\.code)), level: .commune)

    start = DispatchTime.now()
    let cpuBefore = Measure.cpuSeconds()
    let plan = try RegionPlanner.plan(campaign: campaign, regions: regions, snapshot: snapshot, now: fixedNow)
    let planTime = Measure.seconds(since: start)
    let planCPU = Measure.cpuSeconds() - cpuBefore
    let peakAfterPlan = Measure.peakMemoryMiB()

    // What `loa plan --out` writes: the plan JSON (streamed) and, at the same time, its CSV and SVG.
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("planner-benchmark-\(getpid())")
    defer { try? FileManager.default.removeItem(at: folder) }
    let jsonURL = folder.appendingPathComponent("plan.json")
    start = DispatchTime.now()
    let filesCPUBefore = Measure.cpuSeconds()
    try PlanFiles.write(plan, json: jsonURL)
    let filesTime = Measure.seconds(since: start)
    let filesCPU = Measure.cpuSeconds() - filesCPUBefore
    let size = { (url: URL) in Double((try? FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int) ?? 0) / 1_048_576 }
    let (csvURL, svgURL) = PlanFiles.companions(of: jsonURL)
    let peakAfterFiles = Measure.peakMemoryMiB()

    // Reading the plan file back: whole, as `loa plan explain` (one region's factors) and as `loa export sms
    // --plan` (no factors) read it.
    var readTimes: [Double] = []
    for factors in [Delivery.FactorSelection.all, .region(plan.deliveries[0].regionCode), .none] {
        start = DispatchTime.now()
        let readBack = try PlanFormatter.decode(json: try Data(contentsOf: jsonURL), factors: factors)
        readTimes.append(Measure.seconds(since: start))
        guard readBack.deliveries.count == plan.deliveries.count else { throw CocoaError(.fileReadCorruptFile) }
    }
    let peakAfterRead = Measure.peakMemoryMiB()

    start = DispatchTime.now()
    let violations = PlanValidator.validate(plan, campaign: campaign, regions: regions, snapshot: snapshot)
    let validateTime = Measure.seconds(since: start)

    print("regions: \(regions.provinces.count) provinces, \(regions.communes.count) communes; load \(String(format: "%.3f", loadTime)) s")
    print("plan: \(plan.regions.count) communes targeted, \(plan.deliveries.count) deliveries, \(plan.translationGaps.count) translation gaps")
    print(String(format: "plan time: %.3f s wall, %.3f s CPU", planTime, planCPU))
    print(String(format: "plan files (%.1f MiB JSON, %.1f MiB CSV, %.1f MiB SVG): %.3f s wall, %.3f s CPU",
                 size(jsonURL), size(csvURL), size(svgURL), filesTime, filesCPU))
    print(String(format: "plan and its files (what `loa plan --out` does after loading): %.3f s wall, %.3f s CPU",
                 planTime + filesTime, planCPU + filesCPU))
    print(String(format: "plan.json read back: whole %.3f s; for loa plan explain %.3f s; for loa export sms --plan %.3f s",
                 readTimes[0], readTimes[1], readTimes[2]))
    print(String(format: "validate (tests only): %.3f s, %d violations", validateTime, violations.count))
    print(String(format: "objective %.1f, reach %d", plan.objective, plan.totalReach))
    print(String(format: "peak memory after loading and planning (VmHWM): %.1f MiB", peakAfterPlan))
    print(String(format: "peak memory after writing the plan files (VmHWM): %.1f MiB", peakAfterFiles))
    print(String(format: "peak memory after reading the plan back (VmHWM): %.1f MiB", peakAfterRead))
} catch {
    print("benchmark failed: \(error)")
}
