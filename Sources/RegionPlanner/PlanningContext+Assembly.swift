import CampaignModel
import Foundation

extension PlanningContext {
    /// Turns the scheduler's assignments into a `Plan` with explanations, coverage, usage and gaps.
    func assemble(assignments: [SchedulingProblem.Assignment], now: Date) -> Plan {
        let channels = campaign.channels
        let repeatValue = campaign.assumptions.repeatValue
        let languageVerification = Dictionary(table.languages.filter { !$0.bcp47.isEmpty }.map { ($0.bcp47, $0.verification) },
                                              uniquingKeysWith: { min($0, $1) })

        // Usage per channel and week.
        var used = Array(repeating: Array(repeating: 0, count: weeks.count), count: channels.count)
        for assignment in assignments {
            let option = problem.options[assignment.option]
            used[option.channel][assignment.week] += option.quantity
        }

        // Repeat index per assignment: its rank in time among its pair's deliveries.
        var byPair = Array(repeating: [Int](), count: pairs.count)
        for (offset, assignment) in assignments.enumerated() { byPair[problem.options[assignment.option].pair].append(offset) }
        var repeatIndex = Array(repeating: 0, count: assignments.count)
        for list in byPair where list.count > 1 {
            for (rank, offset) in list.sorted(by: { assignments[$0].week < assignments[$1].week }).enumerated() { repeatIndex[offset] = rank }
        }

        // Plan order (week, region code, material slug, channel), as integers: profiles are sorted by code.
        let slugRank = campaign.materials.indices.sorted { campaign.materials[$0] < campaign.materials[$1] }
            .enumerated().reduce(into: Array(repeating: 0, count: campaign.materials.count)) { $0[$1.element] = $1.offset }
        let channelRank = channels.map { Channel.allCases.firstIndex(of: $0.channel) ?? 0 }
        func sortKey(_ assignment: SchedulingProblem.Assignment) -> (Int, Int, Int, Int) {
            let option = problem.options[assignment.option]
            let pair = pairs[option.pair]
            return (assignment.week, pair.profile, slugRank[pair.material], channelRank[option.channel])
        }
        let order = assignments.indices.sorted { sortKey(assignments[$0]) < sortKey(assignments[$1]) }

        // Deliveries. Factors that many deliveries share are made once, so their strings are shared too: a
        // national plan has tens of thousands of deliveries but only a few hundred distinct texts of them.
        var deliveries: [Delivery] = []
        deliveries.reserveCapacity(assignments.count)
        var servedPairs = Set<Int>()
        var pairFactors: [Int: [PlanFactor]] = [:]
        var channelFactors: [Int: PlanFactor] = [:]
        var capacityFactors: [Int: PlanFactor] = [:]
        var repeatFactors: [Int: PlanFactor] = [:]
        var blackoutFactors: [Int: PlanFactor] = [:]
        var deliveriesByProfile = Array(repeating: [Int](), count: profiles.count)
        for offset in order {
            let assignment = assignments[offset]
            let option = problem.options[assignment.option]
            let info = optionInfo[assignment.option]
            let pair = pairs[option.pair]
            servedPairs.insert(option.pair)
            let profile = profiles[pair.profile]
            let region = profile.region
            let budget = channels[option.channel]
            let week = weeks[assignment.week]
            guard let date = week.deliveryDate else { continue }
            let slug = campaign.materials[pair.material]
            let k = repeatIndex[offset]
            let reach = info.channelReach.reach
            let verification = max(profile.verification, languageVerification[pair.choice.locale] ?? .unverified)
            var factors: [PlanFactor]
            if let cached = pairFactors[option.pair] {
                factors = cached
            } else {
                factors = [
                    PlanFactor("score", "\(profile.score): border \(region.border.status.rawValue), mountainous \(region.terrain.mountainous.rawValue), risk \(RegionProfile.rounded(profile.risk))",
                               number: profile.score, verification: profile.verification),
                ]
                let wanted = region.languages.first ?? pair.choice.locale
                if pair.choice.isFallback {
                    factors.append(PlanFactor("locale", "\(pair.choice.locale): fallback; \(wanted) has no published text of \(slug); tried \(pair.choice.path.joined(separator: " → "))",
                                              verification: languageVerification[pair.choice.locale]))
                    factors.append(PlanFactor("language fit", "\(pair.fit): assumed \(RegionProfile.percent(campaign.assumptions.fallbackReadShare)) of its people read \(pair.choice.locale)",
                                              number: pair.fit, assumed: true))
                } else {
                    factors.append(PlanFactor("locale", "\(pair.choice.locale): the region's first language",
                                              verification: languageVerification[pair.choice.locale]))
                    factors.append(PlanFactor("language fit", "\(pair.fit)", number: pair.fit))
                }
                pairFactors[option.pair] = factors
            }
            factors.reserveCapacity(factors.count + 4)
            factors.append(shared(&channelFactors, pair.profile * channels.count + option.channel) {
                PlanFactor("channel", "\(budget.channel.rawValue): " + info.channelReach.basis, number: Double(reach),
                           verification: profile.verification, assumed: info.channelReach.assumed ? true : nil)
            })
            factors.append(shared(&capacityFactors, option.channel * weeks.count + assignment.week) {
                PlanFactor("capacity", "\(used[option.channel][assignment.week]) of \(ChannelBudget.count(budget.capacityPerWeek, of: budget.channel)) used in the week of \(week.weekStart)",
                           number: Double(used[option.channel][assignment.week]))
            })
            factors.append(shared(&repeatFactors, k * campaign.materials.count + pair.material) {
                PlanFactor("repeat", k == 0 ? "first delivery of \(slug) here" : "repeat \(k) of \(slug) here; value × \(repeatValue)^\(k)",
                           number: Double(k))
            })
            if let note = week.note {
                factors.append(shared(&blackoutFactors, assignment.week) { PlanFactor("blackout", note + "; delivered \(date)") })
            }
            let term = profile.score * Double(reach) * pair.fit
            deliveriesByProfile[pair.profile].append(deliveries.count)
            deliveries.append(Delivery(
                weekStart: week.weekStart, date: date, regionCode: region.code, regionName: region.name, material: slug,
                locale: pair.choice.locale, revisionHash: pair.revisionHash, channel: budget.channel, quantity: option.quantity,
                unit: ChannelBudget.unit(of: budget.channel), estimatedReach: reach, cost: info.cost,
                costPerUnit: budget.costPerUnit, smsParts: budget.channel == .sms ? pair.smsParts : nil,
                regionScore: profile.score, languageFit: pair.fit, repeatIndex: k,
                value: RegionProfile.rounded(term * pow(repeatValue, Double(k))), verification: verification, factors: factors))
        }

        // Coverage per region.
        var coverage: [RegionCoverage] = []
        var explanations: [RegionExplanation] = []
        let availableWeeks = weeks.contains { $0.deliveryDate != nil }
        let maxLeftover = channels.indices.map { channel in
            weeks.indices.filter { weeks[$0].deliveryDate != nil }.map { channels[channel].capacityPerWeek - used[channel][$0] }.max() ?? 0
        }
        for (profileIndex, profile) in profiles.enumerated() {
            let region = profile.region
            let list = deliveriesByProfile[profileIndex].map { deliveries[$0] }
            if !belowThreshold[profileIndex] {
                coverage.append(RegionCoverage(regionCode: region.code, regionName: region.name,
                                               locales: Array(Set(list.map(\.locale))).sorted(),
                                               channels: Array(Set(list.map(\.channel))).sorted(),
                                               materials: Array(Set(list.map(\.material))).sorted(),
                                               deliveries: list.count, estimatedReach: list.reduce(0) { $0 + $1.estimatedReach }))
            }
            var factors = profile.factors
            let available = profile.channels.filter { $0.unavailable == nil }.map(\.channel.rawValue)
            let unavailable = profile.channels.compactMap { reach in reach.unavailable.map { "\(reach.channel.rawValue): \($0)" } }
            factors.append(PlanFactor("channels available", available.isEmpty ? "none" : available.joined(separator: ", ")
                                      + (unavailable.isEmpty ? "" : "; not: " + unavailable.joined(separator: "; "))))
            var reasons: [PlanFactor] = []
            let status: String
            if belowThreshold[profileIndex] {
                status = "below_threshold"
                reasons.append(PlanFactor("risk threshold", "score \(profile.score) is below min_score \(campaign.targets.minScore ?? 0)",
                                          number: profile.score))
            } else {
                status = list.isEmpty ? "left_out" : "served"
                if !availableWeeks {
                    reasons.append(PlanFactor("blackout", "every week of the window is blacked out"))
                }
                for (materialIndex, slug) in campaign.materials.enumerated() {
                    guard let index = pairIndex[profileIndex][materialIndex] else {
                        let tried = tried(languages: region.languages)
                        reasons.append(PlanFactor("no translation", "\(slug): no published text in \(tried.joined(separator: ", "))"
                                                  + (campaign.locales == nil ? "" : " (among the campaign's locales)")))
                        continue
                    }
                    let pair = pairs[index]
                    if pair.choice.isFallback && servedPairs.contains(index) {
                        reasons.append(PlanFactor("language fit", "\(slug): delivered in \(pair.choice.locale), not \(region.languages.first ?? "?") (no published text)",
                                                  number: pair.fit, assumed: true))
                    }
                    guard !servedPairs.contains(index) else { continue }
                    let usable = profile.channels.enumerated().filter { entry in
                        entry.element.unavailable == nil && !pair.refused.contains { $0.0 == entry.element.channel }
                    }
                    if usable.isEmpty {
                        let why = pair.refused.map { "\($0.0.rawValue): \($0.1)" }.joined(separator: "; ")
                        reasons.append(PlanFactor("channel available", "\(slug): none (\(why.isEmpty ? "no channel" : why))"))
                    } else if availableWeeks {
                        let detail = usable.map { entry -> String in
                            let budget = channels[entry.offset]
                            let leftover = maxLeftover[entry.offset]
                            return "\(budget.channel.rawValue) needs \(entry.element.quantity), at most \(leftover) left in any week"
                        }
                        reasons.append(PlanFactor("capacity exhausted", "\(slug): higher-value deliveries used the capacity (score \(profile.score)); "
                                                  + detail.joined(separator: "; "), number: profile.score))
                    }
                }
            }
            explanations.append(RegionExplanation(regionCode: region.code, regionName: region.name, provinceCode: region.provinceCode,
                                                  targeted: !belowThreshold[profileIndex], status: status, score: profile.score,
                                                  languages: region.languages, verification: profile.verification,
                                                  factors: factors, reasons: reasons))
        }

        // Channel usage.
        var usage: [ChannelWeekUsage] = []
        for (channelIndex, budget) in channels.enumerated() {
            for (weekIndex, week) in weeks.enumerated() {
                usage.append(ChannelWeekUsage(channel: budget.channel, weekStart: week.weekStart, used: used[channelIndex][weekIndex],
                                              capacity: budget.capacityPerWeek, blackout: week.deliveryDate == nil))
            }
        }

        let (ranking, gaps) = translationGaps()
        let objective = PlanObjective.value(of: deliveries, repeatValue: repeatValue)
        let targetedProfiles = profiles.indices.filter { !belowThreshold[$0] }.map { profiles[$0] }
        let verification = (deliveries.map(\.verification) + targetedProfiles.map(\.verification)).max() ?? .verified
        return Plan(campaignID: campaign.id, campaignName: campaign.name, createdAt: Self.timestamp(now),
                    snapshotID: snapshot.id, level: campaign.level, window: campaign.window, currency: campaign.currency,
                    minSpacingDays: campaign.minSpacingDays, blackouts: campaign.blackouts,
                    channels: channels.map { PlanChannel(channel: $0.channel, unit: ChannelBudget.unit(of: $0.channel),
                                                         capacityPerWeek: $0.capacityPerWeek, costPerUnit: $0.costPerUnit) },
                    weeks: weeks, objective: RegionProfile.rounded(objective), objectiveDefinition: PlanObjective.definition,
                    repeatValue: repeatValue, totalCost: (deliveries.reduce(0) { $0 + $1.cost } * 100).rounded() / 100,
                    totalReach: deliveries.reduce(0) { $0 + $1.estimatedReach }, deliveries: deliveries,
                    regions: explanations, coverage: coverage, channelUsage: usage, translationGapRanking: ranking,
                    translationGaps: gaps, assumptions: assumptionFactors(), verification: verification)
    }

    /// The factor stored under `key`, made by `make` the first time.
    private func shared(_ cache: inout [Int: PlanFactor], _ key: Int, _ make: () -> PlanFactor) -> PlanFactor {
        if let factor = cache[key] { return factor }
        let factor = make()
        cache[key] = factor
        return factor
    }

    /// The locales tried for a region: its languages and their fallback chains.
    func tried(languages: [String]) -> [String] {
        var list: [String] = []
        for language in languages {
            for code in [language] + (locales[language]?.fallbacks ?? []) where !list.contains(code) { list.append(code) }
        }
        return list
    }

    /// (material, locale) pairs not published that targeted regions read, ranked by the at-risk readers a
    /// translation would reach in their own language (people when figures were given, else score-weighted
    /// regions). Each region's at-risk people are split evenly among the languages it reads (an assumption:
    /// the data has no per-language shares).
    func translationGaps() -> (String, [TranslationGap]) {
        struct Tally {
            var regions = 0
            var weighted = 0.0
            var people = 0.0
            var assumed = false
            var instead: [String: Int] = [:]
        }
        // Per language read in some region: which campaign materials it lacks, and their tallies by material.
        var missing: [String: [Bool]] = [:]
        var tallies: [String: [Tally?]] = [:]
        var anyFigures = false
        for (profileIndex, profile) in profiles.enumerated() where !belowThreshold[profileIndex] {
            if profile.hasFigures { anyFigures = true }
            let languages = profile.region.languages
            let share = 1 / Double(max(languages.count, 1))
            for language in languages {
                let lacking = missing[language] ?? {
                    let row = campaign.materials.map { snapshot.translation($0, language) == nil }
                    missing[language] = row
                    return row
                }()
                var row = tallies.removeValue(forKey: language) ?? Array(repeating: nil, count: campaign.materials.count)
                for materialIndex in campaign.materials.indices where lacking[materialIndex] {
                    var tally = row[materialIndex] ?? Tally()
                    tally.regions += 1
                    tally.weighted += profile.score * share
                    tally.people += Double(profile.atRisk) * share
                    if profile.atRiskAssumed { tally.assumed = true }
                    if let index = pairIndex[profileIndex][materialIndex] {
                        tally.instead[pairs[index].choice.locale, default: 0] += 1
                    }
                    row[materialIndex] = tally
                }
                tallies[language] = row
            }
        }
        let known = Set(snapshot.locales.map(\.code))
        let entries = tallies.flatMap { language, row in
            row.enumerated().compactMap { offset, tally in tally.map { (campaign.materials[offset], language, $0) } }
        }
        var gaps = entries.map { slug, language, tally in
            TranslationGap(rank: 0, material: slug, locale: language, localeKnown: known.contains(language),
                           regions: tally.regions, weightedRegions: RegionProfile.rounded(tally.weighted),
                           people: Int(tally.people.rounded()), peopleAssumed: tally.assumed,
                           servedInstead: tally.instead.sorted { ($1.value, $0.key) < ($0.value, $1.key) }.first?.key)
        }
        gaps.sort { lhs, rhs in
            let left = anyFigures ? Double(lhs.people) : lhs.weightedRegions
            let right = anyFigures ? Double(rhs.people) : rhs.weightedRegions
            if left != right { return left > right }
            if lhs.regions != rhs.regions { return lhs.regions > rhs.regions }
            return (lhs.material, lhs.locale) < (rhs.material, rhs.locale)
        }
        for index in gaps.indices { gaps[index].rank = index + 1 }
        return (anyFigures ? "people" : "weighted_regions", gaps)
    }

    func assumptionFactors() -> [PlanFactor] {
        let a = campaign.assumptions
        var list = [
            PlanFactor("at_risk_share", "women and children assumed \(RegionProfile.percent(a.atRiskShare)) of population where no figure", number: a.atRiskShare, assumed: true),
            PlanFactor("population_per_commune", "\(a.populationPerCommune) people per commune where no figure and no province population", number: Double(a.populationPerCommune), assumed: true),
            PlanFactor("fallback_read_share", "\(RegionProfile.percent(a.fallbackReadShare)) of a region's people assumed to read a fallback locale", number: a.fallbackReadShare, assumed: true),
            PlanFactor("repeat_value", "each repeat of a material to a region counts \(a.repeatValue) × the previous", number: a.repeatValue, assumed: true),
            PlanFactor("language_shares", "a region's at-risk people are split evenly among the languages it reads (translation gaps)", assumed: true),
        ]
        for budget in campaign.channels {
            let share = budget.reachShare ?? ChannelBudget.defaultReachShare(of: budget.channel)
            var text = "one round reaches \(RegionProfile.percent(share)) of at-risk people"
            if budget.channel == .sms { text += " (unless a mobile_coverage figure is given)" }
            if budget.channel == .loudspeaker { text += "; one loudspeaker system per commune unless a figure is given" }
            if budget.channel == .print || budget.channel == .villageMeeting {
                let people = budget.peoplePerUnit ?? ChannelBudget.defaultPeoplePerUnit(of: budget.channel)
                text += "; \(people) people per \(ChannelBudget.unit(of: budget.channel))"
            }
            if budget.channel == .sms { text += "; SMS parts estimated from the text (the SMS export counts exactly)" }
            list.append(PlanFactor("channel \(budget.channel.rawValue)", text, number: share,
                                   assumed: budget.reachShare == nil ? true : nil))
        }
        return list
    }

    /// `2027-01-04T08:00:00Z` for a moment, without a formatter that depends on the machine's locale.
    static func timestamp(_ date: Date) -> String {
        let seconds = Int(date.timeIntervalSince1970.rounded(.down))
        let day = CampaignDate(dayNumber: Int((Double(seconds) / 86_400).rounded(.down)))
        let rest = seconds - day.dayNumber * 86_400
        func pad(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "\(day)T\(pad(rest / 3600)):\(pad(rest % 3600 / 60)):\(pad(rest % 60))Z"
    }
}
