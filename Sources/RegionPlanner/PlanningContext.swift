import CampaignModel
import Foundation

/// The working state of one planning run: targeted regions, weeks, (region, material) pairs and the
/// scheduling problem built from them, and the assembly of the final `Plan`.
struct PlanningContext {
    let campaign: Campaign
    let table: RegionTable
    let snapshot: Snapshot
    let figures: RegionFigures
    let locales: [String: LocaleInfo]
    let materials: [String: Material]

    /// Considered regions (targeted and below-threshold), sorted by code.
    var profiles: [RegionProfile] = []
    var belowThreshold: [Bool] = []
    var weeks: [PlanWeek] = []
    var pairs: [Pair] = []
    /// Per profile, per material index: the pair index, or nil with no usable locale.
    var pairIndex: [[Int?]] = []
    var optionInfo: [OptionInfo] = []
    var problem = SchedulingProblem(pairCount: 0, options: [], capacity: [], weeks: [], spacingDays: 0, repeatValue: 0.5)

    struct Pair {
        var profile: Int
        var material: Int
        var choice: LocaleChoice
        var fit: Double
        var revisionHash: String
        var smsParts: Int
        /// Channels refused for this pair, with the reason.
        var refused: [(Channel, String)]
    }

    struct OptionInfo {
        var channelReach: RegionProfile.ChannelReach
        var cost: Double
    }

    init(campaign: Campaign, table: RegionTable, snapshot: Snapshot, figures: RegionFigures) {
        self.campaign = campaign
        self.table = table
        self.snapshot = snapshot
        self.figures = figures
        self.locales = snapshot.localesByCode
        self.materials = Dictionary(snapshot.materials.map { ($0.slug, $0) }, uniquingKeysWith: { first, _ in first })
    }

    // MARK: Targets

    mutating func selectTargets() {
        let level = campaign.level
        var explicit: Set<String> = []
        for code in campaign.targets.regions {
            guard let region = table.region(code) else { continue }
            if region.level == level {
                explicit.insert(code)
            } else if level == .commune && region.level == .province {
                for commune in table.communes(of: code) { explicit.insert(commune.code) }
            }
        }
        let scope = Set(campaign.targets.within)
        var considered: [(Region, Bool)] = []
        for region in table.regions(at: level) {
            let province = region.provinceCode ?? region.code
            let inScope = scope.isEmpty || scope.contains(province)
            let borderMatch = campaign.targets.border
                && (region.border.status == .yes || (region.border.status == .unknown && campaign.targets.includeUnknownBorder))
            let terrainMatch = campaign.targets.mountainous
                && (region.terrain.mountainous == .yes || region.terrain.mountainous == .partly)
            let isExplicit = explicit.contains(region.code)
            if isExplicit || (inScope && (borderMatch || terrainMatch)) {
                considered.append((region, isExplicit))
            }
        }
        let maxPastCases = considered.compactMap { figures[$0.0.code]?.pastCases }.max() ?? 0
        profiles = considered.map {
            RegionProfile.build(region: $0.0, explicit: $0.1, campaign: campaign, table: table, figures: figures,
                                maxPastCases: maxPastCases)
        }
        belowThreshold = profiles.map { profile in
            guard let threshold = campaign.targets.minScore, !profile.explicit else { return false }
            return profile.score < threshold
        }
    }

    // MARK: Problem

    mutating func buildProblem() {
        // Weeks.
        let window = campaign.window
        var weekStart = window.start.weekStart
        var problemWeeks: [SchedulingProblem.Week] = []
        while weekStart <= window.end {
            var delivery: CampaignDate?
            var day = max(weekStart, window.start)
            let last = min(weekStart.adding(days: 6), window.end)
            while day <= last {
                if !campaign.isBlackedOut(day) { delivery = day; break }
                day = day.adding(days: 1)
            }
            let weekEnd = weekStart.adding(days: 6)
            let reasons = campaign.blackouts.filter { $0.range.start <= weekEnd && $0.range.end >= weekStart }
                .map { "\($0.reason) (\($0.range.start)…\($0.range.end))" }
            let note: String? = reasons.isEmpty ? nil
                : (delivery == nil ? "blacked out: " : "partly blacked out: ") + reasons.joined(separator: "; ")
            weeks.append(PlanWeek(weekStart: weekStart, deliveryDate: delivery, note: note))
            problemWeeks.append(SchedulingProblem.Week(day: delivery?.dayNumber ?? weekStart.dayNumber, available: delivery != nil))
            weekStart = weekStart.adding(days: 7)
        }

        // Pairs and options.
        let allowed = campaign.locales.map(Set.init)
        let weights = campaign.weights
        var options: [SchedulingProblem.Option] = []
        var partsCache: [TranslationKey: Int] = [:]
        pairIndex = Array(repeating: Array(repeating: nil, count: campaign.materials.count), count: profiles.count)
        // Regions that read the same languages get the same locale choices: thousands of communes, few lists.
        var choicesByLanguages: [[String]: [(LocaleChoice, PublishedTranslation)?]] = [:]
        let campaignMaterials = campaign.materials.map { materials[$0] }
        for (profileIndex, profile) in profiles.enumerated() where !belowThreshold[profileIndex] {
            let languages = profile.region.languages
            let choices = choicesByLanguages[languages] ?? {
                let row = campaign.materials.map { slug -> (LocaleChoice, PublishedTranslation)? in
                    guard let choice = LocaleChoice.resolve(languages: languages, slug: slug, snapshot: snapshot,
                                                            locales: locales, allowed: allowed),
                          let translation = snapshot.translation(slug, choice.locale) else { return nil }
                    return (choice, translation)
                }
                choicesByLanguages[languages] = row
                return row
            }()
            for (materialIndex, slug) in campaign.materials.enumerated() {
                guard let material = campaignMaterials[materialIndex], let (choice, translation) = choices[materialIndex] else { continue }
                let share = choice.isFallback ? campaign.assumptions.fallbackReadShare : 1
                let fit = RegionProfile.rounded(1 - weights.languageFit * (1 - share))
                let key = TranslationKey(slug: slug, locale: choice.locale)
                let parts: Int
                if let cached = partsCache[key] {
                    parts = cached
                } else {
                    let content = translation.content
                    parts = SMSPartEstimate.parts(for: content.sms ?? (content.title + "\n" + content.summary))
                    partsCache[key] = parts
                }
                let index = pairs.count
                var refused: [(Channel, String)] = []
                for (channelIndex, budget) in campaign.channels.enumerated() {
                    let reach = profile.channels[channelIndex]
                    if !material.channels.isEmpty && !material.channels.contains(budget.channel) {
                        refused.append((budget.channel, "the material is not made for \(budget.channel.rawValue)"))
                        continue
                    }
                    if let reason = reach.unavailable {
                        refused.append((budget.channel, reason))
                        continue
                    }
                    let base = profile.score * Double(reach.reach) * fit
                    guard base > 0 else { continue }
                    let cost = budget.channel == .sms
                        ? Double(reach.quantity) * Double(parts) * budget.costPerUnit
                        : Double(reach.quantity) * budget.costPerUnit
                    options.append(SchedulingProblem.Option(pair: index, channel: channelIndex, quantity: reach.quantity,
                                                            baseValue: base))
                    optionInfo.append(OptionInfo(channelReach: reach, cost: (cost * 100).rounded() / 100))
                }
                pairs.append(Pair(profile: profileIndex, material: materialIndex, choice: choice, fit: fit,
                                  revisionHash: translation.revisionHash, smsParts: parts, refused: refused))
                pairIndex[profileIndex][materialIndex] = index
            }
        }
        problem = SchedulingProblem(pairCount: pairs.count, options: options,
                                    capacity: campaign.channels.map { max($0.capacityPerWeek, 0) }, weeks: problemWeeks,
                                    spacingDays: campaign.minSpacingDays, repeatValue: campaign.assumptions.repeatValue)
    }
}
