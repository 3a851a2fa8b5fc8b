import CampaignModel
import Foundation

/// One broken hard constraint in a plan.
public struct Violation: Sendable, Hashable, Codable, CustomStringConvertible {
    /// `capacity`, `blackout`, `window`, `week`, `spacing`, `published`, `snapshot`, `locale_fit`, `channel`,
    /// `region`, `material`, `quantity`.
    public var rule: String
    public var message: String

    public init(rule: String, message: String) {
        self.rule = rule
        self.message = message
    }

    public var description: String { "\(rule): \(message)" }
}

/// Checks a plan against every hard constraint, independently of the scheduler: it reads only the plan's
/// deliveries and the campaign, regions and snapshot, and does its own date arithmetic with Foundation's ISO
/// calendar, so a scheduler bug cannot hide behind shared code.
public enum PlanValidator {
    /// Every violation found; empty when the plan keeps every rule.
    public static func validate(_ plan: Plan, campaign: Campaign, regions: RegionTable, snapshot: Snapshot) -> [Violation] {
        var violations: [Violation] = []
        var calendar = Calendar(identifier: .iso8601)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
        var days: [CampaignDate: Date] = [:]
        func day(_ date: CampaignDate) -> Date? {
            if let known = days[date] { return known }
            let value = computeDay(date)
            days[date] = value
            return value
        }
        func computeDay(_ date: CampaignDate) -> Date? {
            let parts = date.description.split(separator: "-").compactMap { Int($0) }
            guard parts.count == 3 else { return nil }
            return calendar.date(from: DateComponents(year: parts[0], month: parts[1], day: parts[2]))
        }
        guard let windowStart = day(campaign.window.start), let windowEnd = day(campaign.window.end) else {
            return [Violation(rule: "window", message: "the campaign window cannot be read")]
        }
        if plan.snapshotID != snapshot.id {
            violations.append(Violation(rule: "snapshot", message: "plan pins snapshot \(plan.snapshotID), not \(snapshot.id)"))
        }
        let locales = Dictionary(snapshot.locales.map { ($0.code, $0) }, uniquingKeysWith: { first, _ in first })
        let materials = Dictionary(snapshot.materials.map { ($0.slug, $0) }, uniquingKeysWith: { first, _ in first })
        var usage: [String: Int] = [:]
        var weekChecks: [String: String?] = [:]
        var pairDates: [String: [(Date, String)]] = [:]
        for delivery in plan.deliveries {
            let label = "\(delivery.date) \(delivery.regionCode) \(delivery.material) \(delivery.locale) \(delivery.channel.rawValue)"
            guard let date = day(delivery.date), let weekStart = day(delivery.weekStart) else {
                violations.append(Violation(rule: "week", message: "\(label): unreadable date")); continue
            }
            if date < windowStart || date > windowEnd {
                violations.append(Violation(rule: "window", message: "\(label): outside \(campaign.window.start)…\(campaign.window.end)"))
            }
            let weekKey = "\(delivery.weekStart) \(delivery.date)"
            let weekProblem: String?
            if let known = weekChecks[weekKey] {
                weekProblem = known
            } else {
                if calendar.component(.weekday, from: weekStart) != 2 {
                    weekProblem = "week start \(delivery.weekStart) is not a Monday"
                } else if calendar.dateInterval(of: .weekOfYear, for: date)?.start != weekStart {
                    weekProblem = "\(delivery.date) is not in the week of \(delivery.weekStart)"
                } else {
                    weekProblem = ""
                }
                weekChecks[weekKey] = weekProblem
            }
            if let weekProblem, !weekProblem.isEmpty {
                violations.append(Violation(rule: "week", message: "\(label): \(weekProblem)"))
            }
            for blackout in campaign.blackouts {
                if let start = day(blackout.range.start), let end = day(blackout.range.end), date >= start, date <= end {
                    violations.append(Violation(rule: "blackout", message: "\(label): inside \(blackout.reason)"))
                }
            }
            guard campaign.channels.contains(where: { $0.channel == delivery.channel }) else {
                violations.append(Violation(rule: "channel", message: "\(label): the campaign has no such channel")); continue
            }
            if delivery.quantity <= 0 {
                violations.append(Violation(rule: "quantity", message: "\(label): quantity \(delivery.quantity)"))
            }
            usage["\(delivery.channel.rawValue) \(delivery.weekStart)", default: 0] += delivery.quantity
            guard let material = materials[delivery.material], campaign.materials.contains(delivery.material) else {
                violations.append(Violation(rule: "material", message: "\(label): not a material of the campaign and snapshot")); continue
            }
            if !material.channels.isEmpty && !material.channels.contains(delivery.channel) {
                violations.append(Violation(rule: "channel", message: "\(label): the material is not made for this channel"))
            }
            if let published = snapshot.translation(delivery.material, delivery.locale) {
                if published.revisionHash != delivery.revisionHash {
                    violations.append(Violation(rule: "published", message: "\(label): revision \(delivery.revisionHash) is not the published \(published.revisionHash)"))
                }
            } else {
                violations.append(Violation(rule: "published", message: "\(label): no published text in this locale"))
            }
            if let allowed = campaign.locales, !allowed.contains(delivery.locale) {
                violations.append(Violation(rule: "locale_fit", message: "\(label): the campaign does not allow this locale"))
            }
            guard let region = regions.region(delivery.regionCode), region.level == campaign.level else {
                violations.append(Violation(rule: "region", message: "\(label): not a region at the campaign's level")); continue
            }
            let readable = Set(region.languages + region.languages.flatMap { locales[$0]?.fallbacks ?? [] })
            if !readable.contains(delivery.locale) {
                violations.append(Violation(rule: "locale_fit", message: "\(label): the region reads \(region.languages.joined(separator: ", ")), and none falls back to \(delivery.locale)"))
            }
            pairDates["\(delivery.regionCode) \(delivery.material)", default: []].append((date, label))
        }
        for budget in campaign.channels {
            for (key, used) in usage where key.hasPrefix(budget.channel.rawValue + " ") && used > budget.capacityPerWeek {
                violations.append(Violation(rule: "capacity", message: "\(key): \(ChannelBudget.count(used, of: budget.channel)) > capacity \(budget.capacityPerWeek)"))
            }
        }
        for (_, list) in pairDates {
            let sorted = list.sorted { $0.0 < $1.0 }
            for index in sorted.indices.dropFirst() {
                let gap = Int(((sorted[index].0.timeIntervalSince(sorted[index - 1].0)) / 86_400).rounded())
                if gap < campaign.minSpacingDays || gap == 0 {
                    violations.append(Violation(rule: "spacing", message: "\(sorted[index].1): \(gap) days after the previous delivery (minimum \(max(campaign.minSpacingDays, 1)))"))
                }
            }
        }
        return violations.sorted { ($0.rule, $0.message) < ($1.rule, $1.message) }
    }
}
