import Foundation

/// One reason behind a planning decision: a name and a value, structured so that tools can read it and
/// people can too. `verification` says how far the data behind it is checked; `assumed` marks numbers the
/// planner assumed because the data had none.
public struct PlanFactor: Sendable, Codable, Hashable {
    public var name: String
    public var value: String
    /// The number behind `value`, when there is one.
    public var number: Double?
    public var verification: Verification?
    public var assumed: Bool?

    public init(_ name: String, _ value: String, number: Double? = nil, verification: Verification? = nil,
                assumed: Bool? = nil) {
        self.name = name
        self.value = value
        self.number = number
        self.verification = verification
        self.assumed = assumed
    }
}

/// One scheduled delivery: a material, in a locale, over a channel, to a region, in a week.
///
/// Carries everything the SMS exporter needs (region, locale, date, slug, revision hash, recipients and the
/// campaign's price per part) so a plan file can be exported without the campaign.
public struct Delivery: Sendable, Codable, Hashable {
    /// Monday of the ISO week.
    public var weekStart: CampaignDate
    /// The delivery day: the first day of the week inside the window and outside blackouts.
    public var date: CampaignDate
    public var regionCode: String
    public var regionName: String
    public var material: String
    public var locale: String
    /// Published revision pinned from the snapshot.
    public var revisionHash: String
    public var channel: Channel
    /// Units of the channel: SMS recipients, broadcasts, copies, meetings.
    public var quantity: Int
    public var unit: String
    public var estimatedReach: Int
    /// Estimated cost in the campaign currency (SMS: recipients × estimated parts × price per part).
    public var cost: Double
    /// Cost of one unit; for SMS the price per message part.
    public var costPerUnit: Double
    /// Estimated message parts per recipient (SMS only; the SMS exporter counts exactly).
    public var smsParts: Int?
    /// The region's priority score (see `PriorityWeights`).
    public var regionScore: Double
    /// 1 in the region's first language; less in a fallback (see `PriorityWeights`).
    public var languageFit: Double
    /// 0 for the first delivery of this material to this region, 1 for the first repeat, …
    public var repeatIndex: Int
    /// This delivery's term of the objective: regionScore × estimatedReach × languageFit × repeatValue^repeatIndex.
    public var value: Double
    /// Weakest verification of the data behind this delivery.
    public var verification: Verification
    public var factors: [PlanFactor]

    public init(weekStart: CampaignDate, date: CampaignDate, regionCode: String, regionName: String, material: String,
                locale: String, revisionHash: String, channel: Channel, quantity: Int, unit: String,
                estimatedReach: Int, cost: Double, costPerUnit: Double, smsParts: Int?, regionScore: Double,
                languageFit: Double, repeatIndex: Int, value: Double, verification: Verification,
                factors: [PlanFactor]) {
        self.weekStart = weekStart
        self.date = date
        self.regionCode = regionCode
        self.regionName = regionName
        self.material = material
        self.locale = locale
        self.revisionHash = revisionHash
        self.channel = channel
        self.quantity = quantity
        self.unit = unit
        self.estimatedReach = estimatedReach
        self.cost = cost
        self.costPerUnit = costPerUnit
        self.smsParts = smsParts
        self.regionScore = regionScore
        self.languageFit = languageFit
        self.repeatIndex = repeatIndex
        self.value = value
        self.verification = verification
        self.factors = factors
    }
}

extension Delivery {
    /// Which deliveries' `factors` a decoder reads, given as `userInfo[Delivery.factorsKey]`; all when absent.
    ///
    /// The factors are most of a plan file (over 100 MB for a national plan); a reader that needs those of one
    /// region, or none, decodes several times faster without the rest. Skipped factors decode as empty.
    public enum FactorSelection: Sendable {
        case all
        case none
        case region(String)
    }

    public static let factorsKey = CodingUserInfoKey(rawValue: "loa.delivery.factors")!

    private enum CodingKeys: String, CodingKey {
        case weekStart, date, regionCode, regionName, material, locale, revisionHash, channel, quantity, unit, estimatedReach
        case cost, costPerUnit, smsParts, regionScore, languageFit, repeatIndex, value, verification, factors
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let regionCode = try container.decode(String.self, forKey: .regionCode)
        let wanted = switch decoder.userInfo[Self.factorsKey] as? FactorSelection ?? .all {
        case .all: true
        case .none: false
        case .region(let code): code == regionCode
        }
        self.init(weekStart: try container.decode(CampaignDate.self, forKey: .weekStart),
                  date: try container.decode(CampaignDate.self, forKey: .date), regionCode: regionCode,
                  regionName: try container.decode(String.self, forKey: .regionName),
                  material: try container.decode(String.self, forKey: .material),
                  locale: try container.decode(String.self, forKey: .locale),
                  revisionHash: try container.decode(String.self, forKey: .revisionHash),
                  channel: try container.decode(Channel.self, forKey: .channel),
                  quantity: try container.decode(Int.self, forKey: .quantity),
                  unit: try container.decode(String.self, forKey: .unit),
                  estimatedReach: try container.decode(Int.self, forKey: .estimatedReach),
                  cost: try container.decode(Double.self, forKey: .cost),
                  costPerUnit: try container.decode(Double.self, forKey: .costPerUnit),
                  smsParts: try container.decodeIfPresent(Int.self, forKey: .smsParts),
                  regionScore: try container.decode(Double.self, forKey: .regionScore),
                  languageFit: try container.decode(Double.self, forKey: .languageFit),
                  repeatIndex: try container.decode(Int.self, forKey: .repeatIndex),
                  value: try container.decode(Double.self, forKey: .value),
                  verification: try container.decode(Verification.self, forKey: .verification),
                  factors: wanted ? try container.decode([PlanFactor].self, forKey: .factors) : [])
    }
}

/// Why a region got what it got (or nothing): its facts and, when left out, the reasons.
public struct RegionExplanation: Sendable, Codable, Hashable {
    public var regionCode: String
    public var regionName: String
    public var provinceCode: String?
    public var targeted: Bool
    /// `served`, `left_out` (targeted, nothing delivered) or `below_threshold` (matched a rule, score too low).
    public var status: String
    public var score: Double
    /// The locales its people read, most-read first.
    public var languages: [String]
    public var verification: Verification
    /// Facts: border, terrain, languages, population, at-risk people, risk, channels available.
    public var factors: [PlanFactor]
    /// Reasons nothing (or not everything) was delivered: no translation, capacity exhausted, blackout, …
    public var reasons: [PlanFactor]

    public init(regionCode: String, regionName: String, provinceCode: String?, targeted: Bool, status: String,
                score: Double, languages: [String], verification: Verification, factors: [PlanFactor],
                reasons: [PlanFactor]) {
        self.regionCode = regionCode
        self.regionName = regionName
        self.provinceCode = provinceCode
        self.targeted = targeted
        self.status = status
        self.score = score
        self.languages = languages
        self.verification = verification
        self.factors = factors
        self.reasons = reasons
    }
}

/// What a region received, by language, channel and material.
public struct RegionCoverage: Sendable, Codable, Hashable {
    public var regionCode: String
    public var regionName: String
    public var locales: [String]
    public var channels: [Channel]
    public var materials: [String]
    public var deliveries: Int
    public var estimatedReach: Int

    public init(regionCode: String, regionName: String, locales: [String], channels: [Channel], materials: [String],
                deliveries: Int, estimatedReach: Int) {
        self.regionCode = regionCode
        self.regionName = regionName
        self.locales = locales
        self.channels = channels
        self.materials = materials
        self.deliveries = deliveries
        self.estimatedReach = estimatedReach
    }
}

/// Use of one channel in one week against its capacity.
public struct ChannelWeekUsage: Sendable, Codable, Hashable {
    public var channel: Channel
    public var weekStart: CampaignDate
    public var used: Int
    public var capacity: Int
    /// True when the whole week (inside the window) is blacked out.
    public var blackout: Bool

    public init(channel: Channel, weekStart: CampaignDate, used: Int, capacity: Int, blackout: Bool) {
        self.channel = channel
        self.weekStart = weekStart
        self.used = used
        self.capacity = capacity
        self.blackout = blackout
    }
}

/// A (material, locale) pair not yet published that targeted regions read: what translators should do next.
public struct TranslationGap: Sendable, Codable, Hashable {
    public var rank: Int
    public var material: String
    public var locale: String
    /// Whether the snapshot knows the locale at all (false: it must be set up in `Locales/` first).
    public var localeKnown: Bool
    /// Targeted regions that read the locale.
    public var regions: Int
    /// Sum of those regions' scores, each divided by the number of languages the region reads.
    public var weightedRegions: Double
    /// Estimated at-risk readers of the locale in those regions (at-risk people ÷ languages read).
    public var people: Int
    /// Whether `people` rests on assumed populations for some regions.
    public var peopleAssumed: Bool
    /// The locale they get instead now (the fallback used), if any.
    public var servedInstead: String?

    public init(rank: Int, material: String, locale: String, localeKnown: Bool, regions: Int, weightedRegions: Double,
                people: Int, peopleAssumed: Bool, servedInstead: String?) {
        self.rank = rank
        self.material = material
        self.locale = locale
        self.localeKnown = localeKnown
        self.regions = regions
        self.weightedRegions = weightedRegions
        self.people = people
        self.peopleAssumed = peopleAssumed
        self.servedInstead = servedInstead
    }
}

/// A channel as the plan used it.
public struct PlanChannel: Sendable, Codable, Hashable {
    public var channel: Channel
    public var unit: String
    public var capacityPerWeek: Int
    public var costPerUnit: Double

    public init(channel: Channel, unit: String, capacityPerWeek: Int, costPerUnit: Double) {
        self.channel = channel
        self.unit = unit
        self.capacityPerWeek = capacityPerWeek
        self.costPerUnit = costPerUnit
    }
}

/// A week of the window.
public struct PlanWeek: Sendable, Codable, Hashable {
    public var weekStart: CampaignDate
    /// First deliverable day (inside the window, outside blackouts); nil when the week is blacked out.
    public var deliveryDate: CampaignDate?
    public var note: String?

    public init(weekStart: CampaignDate, deliveryDate: CampaignDate?, note: String?) {
        self.weekStart = weekStart
        self.deliveryDate = deliveryDate
        self.note = note
    }
}

/// The outcome of planning a campaign: deterministic, Codable, and self-contained enough to export from.
///
/// Same inputs give byte-identical JSON (`PlanFormatter.json`): everything is sorted, and the clock is a
/// parameter (`createdAt`).
public struct Plan: Sendable, Codable, Hashable {
    public static let formatVersion = 1

    public var formatVersion: Int
    public var campaignID: String
    public var campaignName: String
    public var createdAt: String
    /// The snapshot the revision hashes were pinned from.
    public var snapshotID: String
    public var level: RegionLevel
    public var window: CampaignDateRange
    public var currency: String
    public var minSpacingDays: Int
    public var blackouts: [Blackout]
    public var channels: [PlanChannel]
    public var weeks: [PlanWeek]
    /// Sum of the deliveries' `value` terms, repeats discounted by `repeatValue`.
    public var objective: Double
    public var objectiveDefinition: String
    public var repeatValue: Double
    public var totalCost: Double
    public var totalReach: Int
    /// Sorted by week, region, material, channel.
    public var deliveries: [Delivery]
    /// Every region considered (targeted ones and rule matches below the threshold), sorted by code.
    public var regions: [RegionExplanation]
    public var coverage: [RegionCoverage]
    public var channelUsage: [ChannelWeekUsage]
    /// `people` when figures were supplied for some targeted region, else `weighted_regions`.
    public var translationGapRanking: String
    public var translationGaps: [TranslationGap]
    /// Assumptions used anywhere in the plan.
    public var assumptions: [PlanFactor]
    /// Weakest verification over all data the plan used.
    public var verification: Verification

    public init(campaignID: String, campaignName: String, createdAt: String, snapshotID: String, level: RegionLevel,
                window: CampaignDateRange, currency: String, minSpacingDays: Int, blackouts: [Blackout],
                channels: [PlanChannel], weeks: [PlanWeek], objective: Double, objectiveDefinition: String,
                repeatValue: Double, totalCost: Double, totalReach: Int, deliveries: [Delivery],
                regions: [RegionExplanation], coverage: [RegionCoverage], channelUsage: [ChannelWeekUsage],
                translationGapRanking: String, translationGaps: [TranslationGap], assumptions: [PlanFactor],
                verification: Verification) {
        self.formatVersion = Self.formatVersion
        self.campaignID = campaignID
        self.campaignName = campaignName
        self.createdAt = createdAt
        self.snapshotID = snapshotID
        self.level = level
        self.window = window
        self.currency = currency
        self.minSpacingDays = minSpacingDays
        self.blackouts = blackouts
        self.channels = channels
        self.weeks = weeks
        self.objective = objective
        self.objectiveDefinition = objectiveDefinition
        self.repeatValue = repeatValue
        self.totalCost = totalCost
        self.totalReach = totalReach
        self.deliveries = deliveries
        self.regions = regions
        self.coverage = coverage
        self.channelUsage = channelUsage
        self.translationGapRanking = translationGapRanking
        self.translationGaps = translationGaps
        self.assumptions = assumptions
        self.verification = verification
    }

    public func region(_ code: String) -> RegionExplanation? {
        regions.first { $0.regionCode == code }
    }
}
