import Foundation

/// A campaign: which materials go to which regions, over which channels, in which weeks, within what capacity.
///
/// Read from `Content/campaigns/*.yaml` by `CampaignFileReader`; planned by `RegionPlanner.plan`.
public struct Campaign: Sendable, Codable, Hashable {
    public var id: String
    public var name: String
    /// First and last day of the campaign, both included.
    public var window: CampaignDateRange
    /// Material slugs, in the order the campaign file lists them.
    public var materials: [String]
    /// Channels with their weekly capacity and unit cost, sorted by channel.
    public var channels: [ChannelBudget]
    /// Currency of every cost (for example `VND`); labels only, no conversion.
    public var currency: String
    /// Days on which nothing is delivered (for example Tết).
    public var blackouts: [Blackout]
    /// Minimum days between two deliveries of the same material to the same region (any channel).
    public var minSpacingDays: Int
    public var targets: CampaignTargets
    /// Whether the plan schedules provinces or communes.
    public var level: RegionLevel
    public var weights: PriorityWeights
    /// A per-region figures CSV, relative to the campaign file, as written in it.
    public var figuresPath: String?
    /// When set, the only locales the plan may deliver in (for example those with recorded audio).
    public var locales: [String]?
    public var assumptions: PlanningAssumptions
    /// Where the campaign was read from, for error messages.
    public var source: CampaignSource

    public init(id: String, name: String, window: CampaignDateRange, materials: [String], channels: [ChannelBudget],
                currency: String = "VND", blackouts: [Blackout] = [], minSpacingDays: Int = 0,
                targets: CampaignTargets, level: RegionLevel, weights: PriorityWeights = PriorityWeights(),
                figuresPath: String? = nil, locales: [String]? = nil,
                assumptions: PlanningAssumptions = PlanningAssumptions(), source: CampaignSource = CampaignSource()) {
        self.id = id
        self.name = name
        self.window = window
        self.materials = materials
        self.channels = channels.sorted { $0.channel < $1.channel }
        self.currency = currency
        self.blackouts = blackouts
        self.minSpacingDays = minSpacingDays
        self.targets = targets
        self.level = level
        self.weights = weights
        self.figuresPath = figuresPath
        self.locales = locales
        self.assumptions = assumptions
        self.source = source
    }

    public func budget(for channel: Channel) -> ChannelBudget? {
        channels.first { $0.channel == channel }
    }

    /// Whether `date` falls in any blackout.
    public func isBlackedOut(_ date: CampaignDate) -> Bool {
        blackouts.contains { $0.range.contains(date) }
    }
}

/// The file and line of each field of a campaign, so that checks made later (unknown region codes,
/// unknown materials) can still name the line to fix.
public struct CampaignSource: Sendable, Codable, Hashable {
    public var file: String?
    /// Field path (`targets.regions[2]`, `materials[0]`, `channels.sms`) → 1-based line.
    public var lines: [String: Int]

    public init(file: String? = nil, lines: [String: Int] = [:]) {
        self.file = file
        self.lines = lines
    }

    /// An issue located at `field`.
    public func issue(_ field: String, problem: String, fix: String, locale: String? = nil) -> InputIssue {
        InputIssue(file: file, line: lines[field], field: field, locale: locale, problem: problem, fix: fix)
    }
}

/// What one channel may carry per week and what a unit costs.
public struct ChannelBudget: Sendable, Codable, Hashable {
    public var channel: Channel
    /// Units per ISO week: SMS recipients (one message each), loudspeaker broadcasts, printed copies,
    /// village meetings.
    public var capacityPerWeek: Int
    /// Cost of one unit; for SMS the price of one message part (a message may need several parts).
    public var costPerUnit: Double
    /// Share of a region's at-risk people that one full round on this channel reaches; nil = the default
    /// for the channel (`defaultReachShare`), or for SMS the region's mobile coverage figure.
    public var reachShare: Double?
    /// People reached per unit for print and village meetings (copies are shared, meetings gather people);
    /// nil = the default for the channel.
    public var peoplePerUnit: Double?

    public init(channel: Channel, capacityPerWeek: Int, costPerUnit: Double, reachShare: Double? = nil,
                peoplePerUnit: Double? = nil) {
        self.channel = channel
        self.capacityPerWeek = capacityPerWeek
        self.costPerUnit = costPerUnit
        self.reachShare = reachShare
        self.peoplePerUnit = peoplePerUnit
    }

    /// The unit the capacity counts, for people reading a plan.
    public static func unit(of channel: Channel) -> String {
        switch channel {
        case .sms: "recipient"
        case .loudspeaker: "broadcast"
        case .print: "copy"
        case .villageMeeting: "meeting"
        case .website: "page"
        }
    }

    /// The unit in the plural ("copies", not "copys"), for counts and "per week" in plans and messages.
    public static func units(of channel: Channel) -> String {
        channel == .print ? "copies" : unit(of: channel) + "s"
    }

    /// A count with its unit in the right number: "1 copy", "3000 copies".
    public static func count(_ n: Int, of channel: Channel) -> String {
        "\(n) " + (n == 1 ? unit(of: channel) : units(of: channel))
    }

    /// Assumed share of at-risk people one full round reaches, when the campaign gives none. These are
    /// planning assumptions, not measurements; plans say "assumed" wherever they use them.
    public static func defaultReachShare(of channel: Channel) -> Double {
        switch channel {
        case .sms: 0.6
        case .loudspeaker: 0.5
        case .print: 0.4
        case .villageMeeting: 0.25
        case .website: 0.05
        }
    }

    /// Assumed people per unit for channels whose units are shared (print copies, meetings).
    public static func defaultPeoplePerUnit(of channel: Channel) -> Double {
        switch channel {
        case .sms: 1
        case .loudspeaker: 1
        case .print: 4
        case .villageMeeting: 80
        case .website: 1
        }
    }
}

/// Days with no deliveries, both ends included.
public struct Blackout: Sendable, Codable, Hashable {
    public var range: CampaignDateRange
    public var reason: String

    public init(range: CampaignDateRange, reason: String) {
        self.range = range
        self.reason = reason
    }
}

/// Which regions a campaign aims at.
///
/// A region is targeted when it is listed (a province code at commune level stands for all its communes) or
/// when it matches a rule (`border`, `mountainous`) inside `within` (all provinces when empty). Rule matches
/// whose priority score is below `minScore` are left out with that reason; listed regions never are.
public struct CampaignTargets: Sendable, Codable, Hashable {
    public var regions: [String]
    public var within: [String]
    public var border: Bool
    public var mountainous: Bool
    /// Whether the border rule also takes regions whose border status is unknown (communes of border
    /// provinces missing from the partial commune list). Default true: unknown is not "not on the border".
    public var includeUnknownBorder: Bool
    /// Risk threshold on the priority score (see `PriorityWeights`); nil = none.
    public var minScore: Double?

    public init(regions: [String] = [], within: [String] = [], border: Bool = false, mountainous: Bool = false,
                includeUnknownBorder: Bool = true, minScore: Double? = nil) {
        self.regions = regions
        self.within = within
        self.border = border
        self.mountainous = mountainous
        self.includeUnknownBorder = includeUnknownBorder
        self.minScore = minScore
    }
}

/// Weights of the priority score and of language fit.
///
/// score(region) = 1 + border × b + mountainous × m + populationRisk × r, with b = 1 on the border, 0.5 unknown,
/// 0 not; m = 1 mountainous, 0.5 partly or unverified, 0 not; r = the region's past cases relative to the most
/// among targeted regions (0 without figures). Language fit of a delivery = 1 − languageFit × (1 − share),
/// where share is 1 in the region's first language and the assumed read share in a fallback.
public struct PriorityWeights: Sendable, Codable, Hashable {
    public var border: Double
    public var mountainous: Double
    public var languageFit: Double
    public var populationRisk: Double

    public init(border: Double = 1, mountainous: Double = 1, languageFit: Double = 1, populationRisk: Double = 1) {
        self.border = border
        self.mountainous = mountainous
        self.languageFit = languageFit
        self.populationRisk = populationRisk
    }
}

/// Numbers the planner assumes where the data has none. Every use is reported as an "assumed" factor.
public struct PlanningAssumptions: Sendable, Codable, Hashable {
    /// Share of the population that is women and children (the at-risk audience) when no figure is given.
    public var atRiskShare: Double
    /// Population of a commune with no figure (and no province population to divide).
    public var populationPerCommune: Int
    /// Share of a region's at-risk people who read a fallback locale (usually Vietnamese).
    public var fallbackReadShare: Double
    /// Value of each repeat of a material to a region relative to the previous delivery (0…1).
    public var repeatValue: Double

    public init(atRiskShare: Double = 0.6, populationPerCommune: Int = 10_000, fallbackReadShare: Double = 0.5,
                repeatValue: Double = 0.5) {
        self.atRiskShare = atRiskShare
        self.populationPerCommune = populationPerCommune
        self.fallbackReadShare = fallbackReadShare
        self.repeatValue = repeatValue
    }
}
