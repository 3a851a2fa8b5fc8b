import CampaignModel
import Foundation

/// Everything the planner derives about one considered region: its score, its at-risk people, what each
/// channel can do there, and the factors that explain those numbers.
struct RegionProfile: Sendable {
    var region: Region
    var explicit: Bool
    var score: Double
    var risk: Double
    var atRisk: Int
    var atRiskAssumed: Bool
    var hasFigures: Bool
    var verification: Verification
    /// Border, terrain, languages, population, at-risk people, risk, score.
    var factors: [PlanFactor]
    /// Per campaign channel (same order as `Campaign.channels`): what one round does, or why it cannot run.
    var channels: [ChannelReach]

    struct ChannelReach: Sendable {
        var channel: Channel
        var quantity: Int
        var reach: Int
        /// Units a full round would need (≥ quantity; larger when capped at the weekly capacity).
        var needed: Int
        var basis: String
        var assumed: Bool
        /// Why the channel is not available here; nil when it is.
        var unavailable: String?
    }

    static func rounded(_ value: Double, _ places: Double = 10_000) -> Double {
        (value * places).rounded() / places
    }

    static func percent(_ share: Double) -> String {
        let value = rounded(share * 100, 10)
        return value == value.rounded() ? "\(Int(value))%" : "\(value)%"
    }

    static func build(region: Region, explicit: Bool, campaign: Campaign, table: RegionTable, figures: RegionFigures,
                      maxPastCases: Int) -> RegionProfile {
        let assumptions = campaign.assumptions
        let weights = campaign.weights
        var factors: [PlanFactor] = []
        var verification = region.verification
        let figure = figures[region.code]
        let provinceFigure = region.provinceCode.flatMap { figures[$0] }
        if let figure { verification = max(verification, figure.verification) }

        // Border and terrain.
        let borderNumber: Double = switch region.border.status { case .yes: 1; case .unknown: 0.5; case .no: 0 }
        let countries = region.border.countries.joined(separator: ", ")
        let borderText: String = switch region.border.status {
        case .yes: "yes" + (countries.isEmpty ? " (country not stated)" : " (\(countries))") + "; " + region.border.basis
        case .no: "no; " + region.border.basis
        case .unknown: "unknown (not 'no'); " + region.border.basis
        }
        factors.append(PlanFactor("border", borderText, number: borderNumber, verification: region.border.verification))
        let terrainNumber: Double = switch region.terrain.mountainous { case .yes: 1; case .partly, .unverified: 0.5; case .no: 0 }
        factors.append(PlanFactor("terrain", "mountainous: \(region.terrain.mountainous.rawValue)"
                                  + (region.terrain.inherited ? " (inherited from its province)" : "")
                                  + (region.terrain.basis.isEmpty ? "" : "; " + region.terrain.basis),
                                  number: terrainNumber, verification: region.terrain.verification,
                                  assumed: region.terrain.mountainous == .unverified ? true : nil))
        let groups = region.ethnicGroups.map { group in
            group.locales.isEmpty ? "\(group.name) → no locale in languages.csv" : "\(group.name) → \(group.locales.joined(separator: ", "))"
        }
        factors.append(PlanFactor("languages", region.languages.joined(separator: ", ")
                                  + (groups.isEmpty ? " (no ethnic-minority data; national language only)" : " from " + groups.joined(separator: "; ")),
                                  verification: region.ethnicVerification))

        // Population and at-risk people.
        var population: Double
        var populationText: String
        var populationAssumed = false
        var populationVerification: Verification
        var hasFigures = figure != nil
        if let people = figure?.population {
            population = Double(people)
            populationText = "\(people) (figures file)"
            populationVerification = figure?.verification ?? .unverified
        } else if let people = region.population {
            population = Double(people)
            populationText = "\(people) (province-attributes.csv, 2025)"
            populationVerification = region.attributesVerification
        } else if region.level == .commune, let province = region.provinceCode.flatMap(table.region),
                  let people = provinceFigure?.population ?? province.population, province.communeCount > 0 {
            population = Double(people) / Double(province.communeCount)
            populationText = "no figure; assumed \(Int(population.rounded())) = province population \(people) ÷ \(province.communeCount) communes"
            populationAssumed = true
            populationVerification = provinceFigure?.population != nil ? (provinceFigure?.verification ?? .unverified) : province.attributesVerification
            if provinceFigure != nil { hasFigures = true }
        } else {
            let communes = max(region.communeCount, 1)
            population = Double(assumptions.populationPerCommune * communes)
            populationText = "no figure; assumed \(Int(population)) = \(assumptions.populationPerCommune) per commune × \(communes)"
            populationAssumed = true
            populationVerification = .unverified
        }
        factors.append(PlanFactor("population", populationText, number: population.rounded(), verification: populationVerification,
                                  assumed: populationAssumed ? true : nil))
        let atRisk: Int
        var atRiskAssumed = populationAssumed
        if let audience = figure?.womenAndChildren {
            atRisk = audience
            atRiskAssumed = false
            factors.append(PlanFactor("women and children", "\(audience) (figures file)", number: Double(audience),
                                      verification: figure?.verification))
        } else {
            atRisk = Int((population * assumptions.atRiskShare).rounded())
            atRiskAssumed = true
            factors.append(PlanFactor("women and children", "no figure; assumed \(atRisk) = \(percent(assumptions.atRiskShare)) of population",
                                      number: Double(atRisk), verification: populationVerification, assumed: true))
        }
        verification = max(verification, populationVerification)

        // Risk.
        let risk: Double
        if let cases = figure?.pastCases {
            risk = maxPastCases > 0 ? Double(cases) / Double(maxPastCases) : 0
            factors.append(PlanFactor("risk", "\(cases) past cases (figures file) ÷ \(maxPastCases), the most among considered regions",
                                      number: rounded(risk), verification: figure?.verification))
        } else {
            risk = 0
            factors.append(PlanFactor("risk", "no figure; assumed 0", number: 0, assumed: true))
        }

        let score = rounded(1 + weights.border * borderNumber + weights.mountainous * terrainNumber + weights.populationRisk * risk)
        factors.append(PlanFactor("score", "1 + border \(borderNumber) × \(weights.border) + mountainous \(terrainNumber) × \(weights.mountainous) + risk \(rounded(risk)) × \(weights.populationRisk)",
                                  number: score))

        // Channels.
        var reaches: [ChannelReach] = []
        for budget in campaign.channels {
            reaches.append(channelReach(budget, region: region, atRisk: atRisk, atRiskAssumed: atRiskAssumed,
                                        figure: figure, provinceFigure: provinceFigure, table: table))
        }
        return RegionProfile(region: region, explicit: explicit, score: score, risk: risk, atRisk: atRisk,
                             atRiskAssumed: atRiskAssumed, hasFigures: hasFigures, verification: verification,
                             factors: factors, channels: reaches)
    }

    private static func channelReach(_ budget: ChannelBudget, region: Region, atRisk: Int, atRiskAssumed: Bool,
                                     figure: RegionFigure?, provinceFigure: RegionFigure?, table: RegionTable) -> ChannelReach {
        let channel = budget.channel
        let unit = ChannelBudget.unit(of: channel)
        var share = budget.reachShare ?? ChannelBudget.defaultReachShare(of: channel)
        var shareText = budget.reachShare != nil ? "campaign reach_share \(percent(share))" : "assumed \(percent(share))"
        var assumed = budget.reachShare == nil || atRiskAssumed
        var needed: Int
        var reach: Int
        switch channel {
        case .sms:
            if let coverage = figure?.mobileCoverage {
                share = coverage
                shareText = "mobile coverage \(percent(coverage)) (figures file)"
                assumed = atRiskAssumed
            } else if let coverage = provinceFigure?.mobileCoverage {
                share = coverage
                shareText = "mobile coverage \(percent(coverage)) (province figure)"
                assumed = atRiskAssumed
            } else if budget.reachShare == nil {
                shareText = "no coverage figure; assumed \(percent(share)) have a phone signal"
            }
            reach = Int((Double(atRisk) * share).rounded())
            needed = reach
        case .loudspeaker:
            let speakers: Int
            let speakerText: String
            if let count = figure?.loudspeakers {
                speakers = count
                speakerText = "\(count) loudspeaker systems (figures file)"
            } else {
                speakers = max(region.communeCount, 1)
                speakerText = "no figure; assumed one loudspeaker system per commune (\(speakers))"
                assumed = true
            }
            if speakers == 0 {
                return ChannelReach(channel: channel, quantity: 0, reach: 0, needed: 0, basis: speakerText, assumed: assumed,
                                    unavailable: "no loudspeaker systems (figures file)")
            }
            reach = Int((Double(atRisk) * share).rounded())
            needed = speakers
            shareText = speakerText + "; one round reaches " + shareText
        case .print, .villageMeeting, .website:
            let people = budget.peoplePerUnit ?? ChannelBudget.defaultPeoplePerUnit(of: channel)
            reach = Int((Double(atRisk) * share).rounded())
            needed = channel == .website ? 1 : Int((Double(reach) / people).rounded(.up))
            shareText += "; \(people == people.rounded() ? String(Int(people)) : String(people)) people per \(unit)"
                + (budget.peoplePerUnit == nil ? " (assumed)" : "")
        }
        if share <= 0 {
            return ChannelReach(channel: channel, quantity: 0, reach: 0, needed: 0, basis: shareText, assumed: assumed,
                                unavailable: channel == .sms ? "no mobile coverage" : "reach share is 0")
        }
        if reach <= 0 || needed <= 0 {
            return ChannelReach(channel: channel, quantity: 0, reach: 0, needed: 0, basis: shareText, assumed: assumed,
                                unavailable: "no at-risk people to reach")
        }
        var quantity = needed
        var basis = "\(ChannelBudget.count(needed, of: channel)) for one round reaching \(reach) of \(atRisk) at-risk people (\(shareText))"
        if needed > budget.capacityPerWeek {
            quantity = budget.capacityPerWeek
            let scaled = Int((Double(reach) * Double(quantity) / Double(needed)).rounded(.down))
            basis += "; capped at the weekly capacity \(quantity), reaching \(scaled)"
            reach = scaled
        }
        if quantity <= 0 || reach <= 0 {
            return ChannelReach(channel: channel, quantity: 0, reach: 0, needed: needed, basis: basis, assumed: assumed,
                                unavailable: "weekly capacity is 0")
        }
        return ChannelReach(channel: channel, quantity: quantity, reach: reach, needed: needed, basis: basis,
                            assumed: assumed, unavailable: nil)
    }
}
