import CampaignModel
import Foundation

/// Plans a campaign: which regions get which material, in which locale, over which channel, in which week,
/// within the campaign's capacities, and why. Pure: it receives values and returns a `Plan`; the clock is a
/// parameter, so the same inputs give the same plan, byte for byte once encoded.
///
/// Steps: check the inputs against the regions and the snapshot; pick the targeted regions (listed ones and
/// rule matches); score them (`PriorityWeights`); choose each (region, material) pair's locale
/// (`LocaleChoice`); build the options (channel, quantity, estimated reach); schedule them (`Scheduler`,
/// maximising `PlanObjective`); then explain every delivery and every targeted region left out, and report
/// coverage, channel use and translation gaps.
public enum RegionPlanner {
    /// Plans `campaign` over `regions` with the published translations of `snapshot`.
    ///
    /// - Parameters:
    ///   - figures: the planner's per-region figures (see `CampaignFileReader.readFigures`); empty when none.
    ///   - now: the moment recorded as the plan's creation time (inject a fixed one in tests).
    /// - Throws: `LoaError.invalidInput` naming every unknown region, material or locale, every bad capacity,
    ///   window or figure, with file, line and field where known.
    public static func plan(campaign: Campaign, regions: RegionTable, snapshot: Snapshot,
                            figures: RegionFigures = RegionFigures(), now: Date) throws -> Plan {
        try validate(campaign: campaign, regions: regions, snapshot: snapshot, figures: figures)
        var context = PlanningContext(campaign: campaign, table: regions, snapshot: snapshot, figures: figures)
        context.selectTargets()
        context.buildProblem()
        let assignments = Scheduler(problem: context.problem).solve()
        return context.assemble(assignments: assignments, now: now)
    }

    /// Every problem with the inputs, all at once.
    static func validate(campaign: Campaign, regions: RegionTable, snapshot: Snapshot, figures: RegionFigures) throws {
        var issues: [InputIssue] = []
        let source = campaign.source
        if campaign.window.end < campaign.window.start {
            issues.append(source.issue("window.end", problem: "the window ends (\(campaign.window.end)) before it starts (\(campaign.window.start)).",
                                       fix: "Swap start and end, or correct the dates."))
        }
        if campaign.minSpacingDays < 0 {
            issues.append(source.issue("min_spacing_days", problem: "the spacing is negative.", fix: "Write 0 or more days."))
        }
        if campaign.channels.isEmpty {
            issues.append(source.issue("channels", problem: "the campaign has no channels.", fix: "Add at least one channel with its capacity_per_week."))
        }
        for budget in campaign.channels {
            let field = "channels.\(budget.channel.rawValue)"
            if budget.capacityPerWeek < 0 {
                issues.append(source.issue(field + ".capacity_per_week", problem: "the weekly capacity \(budget.capacityPerWeek) is negative.",
                                           fix: "Write 0 or more \(ChannelBudget.units(of: budget.channel)) per week."))
            }
            if budget.costPerUnit < 0 || !budget.costPerUnit.isFinite {
                issues.append(source.issue(field + (budget.channel == .sms ? ".price_per_part" : ".cost_per_unit"),
                                           problem: "the cost \(budget.costPerUnit) is negative.", fix: "Write 0 or more."))
            }
            if let share = budget.reachShare, !(0...1).contains(share) {
                issues.append(source.issue(field + ".reach_share", problem: "the reach share \(share) is outside 0…1.", fix: "Write a share such as 0.5."))
            }
        }
        let materials = Dictionary(snapshot.materials.map { ($0.slug, $0) }, uniquingKeysWith: { first, _ in first })
        for (offset, slug) in campaign.materials.enumerated() where materials[slug] == nil {
            issues.append(source.issue("materials[\(offset)]", problem: "no material '\(slug)' is in the snapshot.",
                                       fix: "Use the slug of an existing material (known: \(materials.keys.sorted().prefix(12).joined(separator: ", "))), or publish it first."))
        }
        let locales = Set(snapshot.locales.map(\.code))
        for (offset, code) in (campaign.locales ?? []).enumerated() where !locales.contains(code) {
            issues.append(source.issue("locales[\(offset)]", problem: "no locale '\(code)' is set up.",
                                       fix: "Use a BCP 47 code from Locales/ (known: \(locales.sorted().joined(separator: ", "))).", locale: code))
        }
        for (offset, code) in campaign.targets.regions.enumerated() {
            let field = "targets.regions[\(offset)]"
            guard let region = regions.region(code) else {
                issues.append(source.issue(field, problem: "no province or commune has the code '\(code)'.",
                                           fix: "Use a 2-digit province or 5-digit commune code from Content/regions (with leading zeros)."))
                continue
            }
            if campaign.level == .province && region.level == .commune {
                issues.append(source.issue(field, problem: "'\(code)' is a commune, but the campaign plans at province level.",
                                           fix: "Write its province code \(region.provinceCode ?? ""), or set 'level: commune'."))
            }
        }
        for (offset, code) in campaign.targets.within.enumerated() where regions.region(code)?.level != .province {
            issues.append(source.issue("targets.within[\(offset)]", problem: "'\(code)' is not a province code.",
                                       fix: "List 2-digit province codes (with leading zeros) under 'within'."))
        }
        for (code, figure) in figures.byCode.sorted(by: { $0.key < $1.key }) where regions.region(code) == nil {
            issues.append(InputIssue(file: figures.file, line: figure.line, field: "code",
                                     problem: "no province or commune has the code '\(code)'.",
                                     fix: "Use a code from Content/regions (2 digits for provinces, 5 for communes, leading zeros kept)."))
        }
        if !issues.isEmpty { throw LoaError.invalidInput(issues) }
    }
}
