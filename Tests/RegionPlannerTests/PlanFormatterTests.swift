import CampaignModel
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import RegionPlanner

@Suite struct PlanFormatterTests {
    /// What `PlanFormatter.json` promises to equal: Foundation's encoder with the same formatting.
    static func encoderJSON(_ plan: Plan) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(plan) + Data([0x0A])
    }

    @Test func planJSONIsByteIdenticalToJSONEncoderAndReadsBack() throws {
        let plan = try TestSupport.samplePlan()
        let json = try PlanFormatter.json(plan)
        #expect(json == (try Self.encoderJSON(plan)))
        #expect(try PlanFormatter.decode(json: json) == plan)
    }

    /// Escapes, empty arrays, absent optionals and awkward numbers, where a hand-written writer would differ.
    @Test func planJSONMatchesJSONEncoderOnEdgeCases() throws {
        var plan = try TestSupport.samplePlan()
        plan.campaignName = "Tab\there \"quoted\" back\\slash / slash \u{01}\u{1F}\u{7F} e\u{301} Tiếng Việt 🇻🇳\r\n\u{0C}\u{08}"
        plan.blackouts = []
        plan.translationGaps = []
        plan.objective = -0.0
        plan.totalCost = 1e16
        plan.repeatValue = 1e-7
        plan.assumptions = [
            PlanFactor("", "", number: 3.5e15), PlanFactor("big", "x", number: 123_456_789_012_345_680),
            PlanFactor("neg", "y", number: -42.25, verification: .partial, assumed: false),
            PlanFactor("min", "z", number: -Double.greatestFiniteMagnitude), PlanFactor("tiny", "w", number: .leastNonzeroMagnitude),
        ]
        plan.deliveries[0].smsParts = nil
        plan.deliveries[0].factors = []
        plan.regions[0].provinceCode = nil
        plan.totalReach = Int.min
        let json = try PlanFormatter.json(plan)
        #expect(String(decoding: json, as: UTF8.self) == String(decoding: try Self.encoderJSON(plan), as: UTF8.self))
        #expect(try PlanFormatter.decode(json: json) == plan)
    }

    /// Readers that need the factors of one region, or none, get everything else unchanged.
    @Test func decodingCanSkipTheFactorsOfOtherRegions() throws {
        let plan = try TestSupport.samplePlan()
        let json = try PlanFormatter.json(plan)
        var stripped = plan
        for index in stripped.deliveries.indices { stripped.deliveries[index].factors = [] }
        #expect(try PlanFormatter.decode(json: json, factors: .none) == stripped)

        let code = try #require(plan.deliveries.first?.regionCode)
        let one = try PlanFormatter.decode(json: json, factors: .region(code))
        #expect(one.deliveries.allSatisfy { $0.factors.isEmpty == ($0.regionCode != code) })
        #expect(try PlanFormatter.explain(one, region: code) == PlanFormatter.explain(plan, region: code))
        #expect(try PlanFormatter.decode(json: json, factors: .all) == plan)
    }

    @Test func planJSONRefusesNumbersJSONCannotHold() throws {
        var plan = try TestSupport.samplePlan()
        plan.objective = .nan
        #expect(throws: EncodingError.self) { try PlanFormatter.json(plan) }
    }

    /// The streamed file is the same bytes however the chunks fall.
    @Test func streamedPlanJSONEqualsTheWholeFile() throws {
        let plan = try TestSupport.samplePlan()
        var chunks: [[UInt8]] = []
        try PlanFormatter.writeJSON(plan, chunkSize: 100) { chunks.append($0) }
        #expect(Data(chunks.joined()) == (try PlanFormatter.json(plan)))
        #expect(chunks.count > 10)
        #expect(chunks.dropLast(2).allSatisfy { $0.count >= 100 && $0.count < 1_000 })
    }

    @Test func svgIsStandaloneWellFormedXMLWithLegendAndNames() throws {
        let plan = try TestSupport.samplePlan()
        let svg = PlanFormatter.svg(plan)
        #expect(svg.hasPrefix("<?xml"))
        #expect(!svg.contains("<script") && !svg.contains("href") && !svg.contains("http://www.w3.org/1999/xlink"))
        #expect(svg.contains("Legend") && svg.contains("village_meeting") && svg.contains("Tuyên Quang"))
        let parser = XMLParser(data: Data(svg.utf8))
        #expect(parser.parse())
    }

    @Test func csvHasOneRowPerDeliveryAndTheSMSExportFields() throws {
        let plan = try TestSupport.samplePlan()
        let lines = PlanFormatter.csv(plan).split(separator: "\n")
        #expect(lines.count == plan.deliveries.count + 1)
        #expect(lines[0].hasPrefix("week_start,date,region_code,region_name,material,locale,revision_hash,channel,quantity"))
        #expect(PlanFormatter.csvField("a,\"b\"") == "\"a,\"\"b\"\"\"")
    }

    @Test func csvRowsCarryEachDeliveryQuotedWhereNeeded() throws {
        var plan = try TestSupport.samplePlan()
        plan.deliveries[0].regionName = "Xã \"A\", B"
        plan.deliveries[0].smsParts = 2
        plan.deliveries[0].cost = 1_234_567.5
        plan.deliveries[0].costPerUnit = 0.125
        let row = PlanFormatter.csv(plan).split(separator: "\n")[1]
        let first = plan.deliveries[0]
        #expect(row == "\(first.weekStart),\(first.date),\(first.regionCode),\"Xã \"\"A\"\", B\",\(first.material),\(first.locale),"
                + "\(first.revisionHash),\(first.channel.rawValue),\(first.quantity),\(first.unit),\(first.estimatedReach),1234567.50,"
                + "\(plan.currency),0.12,2,\(PlanFormatter.number(first.languageFit)),\(first.repeatIndex),\(first.verification.rawValue),\(plan.snapshotID)")
    }

    /// The fast path for whole cents prints what `%.2f` prints.
    @Test func moneyMatchesPrintf() {
        let values: [Double] = [0, -0.0, 0.01, 0.1, 0.105, 0.125, 1.005, 2.675, 350, -12.34, 1e14 + 0.5, 9.99e14, 1e15, 1e20, -1e-9,
                                123_456.78, 0.3 * 3, 1.0 / 3, 4_999_999.995]
        for value in values {
            #expect(PlanFormatter.money(value) == String(format: "%.2f", value), "\(value)")
        }
    }

    @Test func tableAndExplanationNameWhatMatters() throws {
        let plan = try TestSupport.samplePlan()
        let table = PlanFormatter.table(plan)
        #expect(table.contains("Channel use") && table.contains("Translate next"))
        let text = try PlanFormatter.explain(plan, region: "11")
        #expect(text.contains("Điện Biên") && text.contains("fallback") && text.contains("border: yes"))
    }

    @Test func unitsAreCountedInEnglish() throws {
        #expect(ChannelBudget.count(1, of: .print) == "1 copy")
        #expect(ChannelBudget.count(3000, of: .print) == "3000 copies")
        #expect(ChannelBudget.count(0, of: .villageMeeting) == "0 meetings")
        #expect(ChannelBudget.count(2, of: .sms) == "2 recipients")
        // The sample campaign prints copies; its explanations and table read as sentences.
        let plan = try TestSupport.samplePlan()
        let texts = plan.deliveries.flatMap { $0.factors.map(\.value) } + [PlanFormatter.table(plan)]
            + (try plan.regions.map { try PlanFormatter.explain(plan, region: $0.regionCode) })
        #expect(plan.deliveries.contains { $0.channel == .print })
        #expect(texts.contains { $0.contains(" copies") })
        #expect(!texts.contains { $0.contains("copys") })
    }
}
