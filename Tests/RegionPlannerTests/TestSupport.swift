import CampaignModel
import ContentFiles
import Foundation
@testable import RegionPlanner

/// Paths and small synthetic inputs shared by the planner tests. Nothing here reads outside the project.
enum TestSupport {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let regionsDirectory = repository.appendingPathComponent("Content/regions")
    static let sampleCampaignURL = repository.appendingPathComponent("Content/campaigns/northern-border-2027.yaml")
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")
    static let now = Date(timeIntervalSince1970: 1_798_761_600) // 2027-01-01T00:00:00Z

    /// The shipped region table, read once.
    static let regions: RegionTable = {
        do { return try RegionTableReader.load(directory: regionsDirectory) } catch { fatalError("regions: \(error)") }
    }()

    static func locale(_ code: String, _ fallbacks: [String]) -> LocaleInfo {
        LocaleInfo(code: code, iso639_3: code, englishName: code, autonym: code, script: "Latn", fallbacks: fallbacks)
    }

    /// A snapshot with `published` (slug → locales) and the locales vi, hmn, tyz, nut, blt, twh, ium, km, en.
    static func snapshot(_ published: [String: [String]], id: String = "snapshot-test-1") -> Snapshot {
        let locales = [
            locale("vi", []), locale("en", ["vi"]), locale("hmn", ["vi"]), locale("tyz", ["vi"]), locale("nut", ["tyz", "vi"]),
            locale("blt", ["vi"]), locale("twh", ["blt", "vi"]), locale("ium", ["vi"]), locale("km", ["vi"]),
        ]
        let materials = published.keys.sorted().map {
            Material(slug: $0, topics: ["t"], audiences: ["a"], sourceLocale: "vi", channels: [.sms, .loudspeaker, .print, .villageMeeting])
        }
        var translations: [PublishedTranslation] = []
        for slug in published.keys.sorted() {
            for code in (published[slug] ?? []).sorted() {
                let content = TranslationContent(title: "\(slug) \(code)", summary: "Summary of \(slug) in \(code).", body: "Body")
                translations.append(PublishedTranslation(slug: slug, locale: code, revisionHash: "rev-\(slug)-\(code)",
                                                         content: content, publishedAt: now))
            }
        }
        return Snapshot(id: id, takenAt: now, locales: locales, materials: materials, translations: translations)
    }

    /// The snapshot used with the sample campaign: Hmong and Tày partly translated, Thái not at all.
    static let sampleSnapshot = snapshot([
        "fake-job-offers": ["vi", "hmn", "tyz", "en"],
        "marriage-brokers": ["vi", "hmn"],
        "keep-your-papers": ["vi", "hmn", "tyz"],
        "where-to-get-help": ["vi"],
    ])

    static func sampleCampaign() throws -> Campaign {
        try CampaignFileReader.read(url: sampleCampaignURL)
    }

    static func samplePlan() throws -> Plan {
        let campaign = try sampleCampaign()
        let figures = try CampaignFileReader.readFigures(of: campaign, campaignURL: sampleCampaignURL)
        return try RegionPlanner.plan(campaign: campaign, regions: regions, snapshot: sampleSnapshot, figures: figures, now: now)
    }

    /// The issues of a LoaError.invalidInput thrown by `body`, or [] when it throws nothing else.
    static func issues(_ body: () throws -> Void) -> [InputIssue] {
        do {
            try body()
            return []
        } catch LoaError.invalidInput(let issues) {
            return issues
        } catch {
            return []
        }
    }

    /// A small campaign in code, for quick cases.
    static func campaign(level: RegionLevel = .province, regions: [String] = ["04", "08"], materials: [String] = ["m1"],
                         channels: [ChannelBudget] = [ChannelBudget(channel: .sms, capacityPerWeek: 1_000_000, costPerUnit: 350)],
                         start: String = "2027-01-04", end: String = "2027-01-31", spacing: Int = 7,
                         blackouts: [Blackout] = [], minScore: Double? = nil, border: Bool = false) -> Campaign {
        Campaign(id: "test", name: "Test", window: CampaignDateRange(start: CampaignDate(iso: start)!, end: CampaignDate(iso: end)!),
                 materials: materials, channels: channels, blackouts: blackouts, minSpacingDays: spacing,
                 targets: CampaignTargets(regions: regions, border: border, minScore: minScore), level: level)
    }
}
