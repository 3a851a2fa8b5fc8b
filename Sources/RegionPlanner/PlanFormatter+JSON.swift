import CampaignModel
import Foundation

/// The plan file, written with `PrettyJSONWriter`: the same bytes `JSONEncoder` gives with pretty printing
/// and sorted keys (a test holds the two equal), without the encoder's memory and time on a national plan.
/// Fields are listed in sorted key order; a field added to a plan type must be added here too (the same
/// test fails until it is).
extension PlanFormatter {
    /// The plan file: pretty-printed JSON with sorted keys; the same plan always gives the same bytes.
    public static func json(_ plan: Plan) throws -> Data {
        var data = Data()
        try writeJSON(plan) { data.append(contentsOf: $0) }
        return data
    }

    /// Streams the plan file to `sink` in chunks of about a megabyte, so a plan of any size is written with
    /// little memory beyond the plan itself.
    public static func writeJSON(_ plan: Plan, chunkSize: Int = 1 << 20, to sink: @escaping ([UInt8]) throws -> Void) throws {
        var writer = PrettyJSONWriter(chunkSize: chunkSize, sink: sink)
        try writer.write(plan)
        try writer.finish()
        try sink([0x0A])
    }
}

extension PrettyJSONWriter {
    mutating func write(_ plan: Plan) throws {
        try beginObject()
        try key("assumptions"); try write(factors: plan.assumptions)
        try key("blackouts"); try array(plan.blackouts) { writer, blackout in
            try writer.beginObject()
            try writer.key("range"); try writer.write(range: blackout.range)
            try writer.field("reason", blackout.reason)
            try writer.endObject()
        }
        try field("campaignID", plan.campaignID)
        try field("campaignName", plan.campaignName)
        try key("channelUsage"); try array(plan.channelUsage) { writer, usage in
            try writer.beginObject()
            try writer.field("blackout", usage.blackout)
            try writer.field("capacity", usage.capacity)
            try writer.field("channel", usage.channel.rawValue)
            try writer.field("used", usage.used)
            try writer.field("weekStart", usage.weekStart)
            try writer.endObject()
        }
        try key("channels"); try array(plan.channels) { writer, channel in
            try writer.beginObject()
            try writer.field("capacityPerWeek", channel.capacityPerWeek)
            try writer.field("channel", channel.channel.rawValue)
            try writer.field("costPerUnit", channel.costPerUnit)
            try writer.field("unit", channel.unit)
            try writer.endObject()
        }
        try key("coverage"); try array(plan.coverage) { writer, coverage in
            try writer.beginObject()
            try writer.field("channels", strings: coverage.channels.map(\.rawValue))
            try writer.field("deliveries", coverage.deliveries)
            try writer.field("estimatedReach", coverage.estimatedReach)
            try writer.field("locales", strings: coverage.locales)
            try writer.field("materials", strings: coverage.materials)
            try writer.field("regionCode", coverage.regionCode)
            try writer.field("regionName", coverage.regionName)
            try writer.endObject()
        }
        try field("createdAt", plan.createdAt)
        try field("currency", plan.currency)
        try key("deliveries"); try array(plan.deliveries) { writer, delivery in try writer.write(delivery) }
        try field("formatVersion", plan.formatVersion)
        try field("level", plan.level.rawValue)
        try field("minSpacingDays", plan.minSpacingDays)
        try field("objective", plan.objective)
        try field("objectiveDefinition", plan.objectiveDefinition)
        try key("regions"); try array(plan.regions) { writer, region in try writer.write(region) }
        try field("repeatValue", plan.repeatValue)
        try field("snapshotID", plan.snapshotID)
        try field("totalCost", plan.totalCost)
        try field("totalReach", plan.totalReach)
        try field("translationGapRanking", plan.translationGapRanking)
        try key("translationGaps"); try array(plan.translationGaps) { writer, gap in
            try writer.beginObject()
            try writer.field("locale", gap.locale)
            try writer.field("localeKnown", gap.localeKnown)
            try writer.field("material", gap.material)
            try writer.field("people", gap.people)
            try writer.field("peopleAssumed", gap.peopleAssumed)
            try writer.field("rank", gap.rank)
            try writer.field("regions", gap.regions)
            try writer.field("servedInstead", gap.servedInstead)
            try writer.field("weightedRegions", gap.weightedRegions)
            try writer.endObject()
        }
        try field("verification", plan.verification.rawValue)
        try key("weeks"); try array(plan.weeks) { writer, week in
            try writer.beginObject()
            try writer.field("deliveryDate", week.deliveryDate)
            try writer.field("note", week.note)
            try writer.field("weekStart", week.weekStart)
            try writer.endObject()
        }
        try key("window"); try write(range: plan.window)
        try endObject()
    }

    private mutating func write(_ delivery: Delivery) throws {
        try beginObject()
        try field("channel", delivery.channel.rawValue)
        try field("cost", delivery.cost)
        try field("costPerUnit", delivery.costPerUnit)
        try field("date", delivery.date)
        try field("estimatedReach", delivery.estimatedReach)
        try key("factors"); try write(factors: delivery.factors)
        try field("languageFit", delivery.languageFit)
        try field("locale", delivery.locale)
        try field("material", delivery.material)
        try field("quantity", delivery.quantity)
        try field("regionCode", delivery.regionCode)
        try field("regionName", delivery.regionName)
        try field("regionScore", delivery.regionScore)
        try field("repeatIndex", delivery.repeatIndex)
        try field("revisionHash", delivery.revisionHash)
        try field("smsParts", delivery.smsParts)
        try field("unit", delivery.unit)
        try field("value", delivery.value)
        try field("verification", delivery.verification.rawValue)
        try field("weekStart", delivery.weekStart)
        try endObject()
    }

    private mutating func write(_ region: RegionExplanation) throws {
        try beginObject()
        try key("factors"); try write(factors: region.factors)
        try field("languages", strings: region.languages)
        try field("provinceCode", region.provinceCode)
        try key("reasons"); try write(factors: region.reasons)
        try field("regionCode", region.regionCode)
        try field("regionName", region.regionName)
        try field("score", region.score)
        try field("status", region.status)
        try field("targeted", region.targeted)
        try field("verification", region.verification.rawValue)
        try endObject()
    }

    private mutating func write(factors: [PlanFactor]) throws {
        try array(factors) { writer, factor in
            try writer.beginObject()
            try writer.field("assumed", factor.assumed)
            try writer.field("name", factor.name)
            try writer.field("number", factor.number)
            try writer.field("value", factor.value)
            try writer.field("verification", factor.verification?.rawValue)
            try writer.endObject()
        }
    }

    private mutating func write(range: CampaignDateRange) throws {
        try beginObject()
        try field("end", range.end)
        try field("start", range.start)
        try endObject()
    }

    private mutating func array<Element>(_ elements: [Element], _ write: (inout PrettyJSONWriter, Element) throws -> Void) throws {
        try beginArray()
        for element in elements { try write(&self, element) }
        try endArray()
    }
}
