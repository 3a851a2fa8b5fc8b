import CampaignModel
import ContentFiles
import Foundation
import Testing
@testable import RegionPlanner

@Suite struct RegionPlannerTests {
    @Test func sampleCampaignPlanKeepsEveryHardConstraint() throws {
        let campaign = try TestSupport.sampleCampaign()
        let plan = try TestSupport.samplePlan()
        #expect(!plan.deliveries.isEmpty)
        #expect(PlanValidator.validate(plan, campaign: campaign, regions: TestSupport.regions, snapshot: TestSupport.sampleSnapshot).isEmpty)
        #expect(Set(plan.regions.map(\.regionCode)) == ["04", "08", "11", "12", "14", "15", "20", "22"])
        #expect(plan.snapshotID == "snapshot-test-1")
        #expect(plan.weeks.count == 12)
        // Tết weeks are blacked out and carry nothing.
        let tet = plan.weeks.filter { $0.deliveryDate == nil }.map(\.weekStart.description)
        #expect(tet == ["2027-02-01", "2027-02-08"])
        #expect(!plan.deliveries.contains { tet.contains($0.weekStart.description) })
        // Every delivery pins the published revision and explains itself.
        for delivery in plan.deliveries {
            #expect(delivery.revisionHash == "rev-\(delivery.material)-\(delivery.locale)")
            #expect(Set(delivery.factors.map(\.name)).isSuperset(of: ["score", "locale", "language fit", "channel", "capacity", "repeat"]))
        }
        #expect(abs(PlanObjective.value(of: plan) - plan.objective) < 0.01)
    }

    @Test func samePlanTwiceIsByteIdentical() throws {
        let first = try PlanFormatter.json(TestSupport.samplePlan())
        let second = try PlanFormatter.json(TestSupport.samplePlan())
        #expect(first == second)
        let decoded = try PlanFormatter.decode(json: first)
        #expect(try PlanFormatter.json(decoded) == first)
        #expect(String(decoding: first, as: UTF8.self).contains("\"createdAt\" : \"2027-01-01T00:00:00Z\""))
    }

    @Test func localeFollowsTheRegionsLanguagesAndFallsBack() throws {
        let plan = try TestSupport.samplePlan()
        // Tuyên Quang reads Hmong first: fake-job-offers is published in hmn.
        let tq = plan.deliveries.filter { $0.regionCode == "08" && $0.material == "fake-job-offers" }
        #expect(!tq.isEmpty && tq.allSatisfy { $0.locale == "hmn" && $0.languageFit == 1 })
        // Điện Biên reads Thái first; nothing is published in blt/twh, so it falls back to Vietnamese.
        let db = plan.deliveries.filter { $0.regionCode == "11" }
        #expect(!db.isEmpty && db.allSatisfy { $0.locale == "vi" && $0.languageFit < 1 })
        let localeFactor = try #require(db.first?.factors.first { $0.name == "locale" })
        #expect(localeFactor.value.contains("fallback"))
        // Cao Bằng reads Tày first: where-to-get-help has only vi.
        #expect(plan.deliveries.filter { $0.regionCode == "04" && $0.material == "where-to-get-help" }.allSatisfy { $0.locale == "vi" })
    }

    @Test func assumptionsAndVerificationAreCarriedIntoEveryOutput() throws {
        let plan = try TestSupport.samplePlan()
        // Lạng Sơn: partial attributes, and an assumed population, which counts as unverified.
        let lc = try #require(plan.region("20"))
        #expect(lc.verification == .unverified)
        #expect(lc.factors.first { $0.name == "border" }?.verification == .partial)
        #expect(plan.deliveries.filter { $0.regionCode == "20" }.allSatisfy { $0.verification == .unverified })
        #expect(plan.verification == .unverified)
        let caoBang = try #require(plan.region("04"))
        let population = try #require(caoBang.factors.first { $0.name == "population" })
        #expect(population.assumed == true)
        #expect(population.value.hasPrefix("no figure; assumed"))
        let tq = try #require(plan.region("08")?.factors.first { $0.name == "population" })
        #expect(tq.value.contains("figures file"))
        #expect(PlanFormatter.csv(plan).contains(",unverified,"))
        #expect(try PlanFormatter.explain(plan, region: "20").contains("[partial"))
    }

    @Test func leftOutRegionsAreExplained() throws {
        // Tiny capacity: one SMS delivery fits per week; five provinces compete.
        let snapshot = TestSupport.snapshot(["m1": ["vi"], "m2": ["hmn"]])
        let campaign = TestSupport.campaign(regions: ["04", "08", "11", "31", "42"], materials: ["m1", "m2"],
                                            channels: [ChannelBudget(channel: .sms, capacityPerWeek: 2_000_000, costPerUnit: 1)],
                                            end: "2027-01-10")
        let plan = try RegionPlanner.plan(campaign: campaign, regions: TestSupport.regions, snapshot: snapshot, now: TestSupport.now)
        let left = plan.regions.filter { $0.status == "left_out" }
        #expect(!left.isEmpty)
        for region in left {
            #expect(!region.reasons.isEmpty)
            #expect(region.reasons.contains { $0.name == "capacity exhausted" })
        }
        // Hải Phòng reads only vi: m2 (hmn only) has no translation it can read.
        let haiPhong = try #require(plan.region("31"))
        #expect(haiPhong.reasons.contains { $0.name == "no translation" && $0.value.hasPrefix("m2") })
        let text = try PlanFormatter.explain(plan, region: left[0].regionCode)
        #expect(text.contains("capacity exhausted"))
        #expect(throws: LoaError.self) { try PlanFormatter.explain(plan, region: "99") }
    }

    @Test func blackoutAndThresholdReasons() throws {
        let snapshot = TestSupport.snapshot(["m1": ["vi"]])
        let blackout = Blackout(range: CampaignDateRange(start: CampaignDate(iso: "2027-01-01")!, end: CampaignDate(iso: "2027-02-28")!), reason: "Tết")
        let campaign = TestSupport.campaign(regions: ["04"], end: "2027-01-24", blackouts: [blackout])
        let plan = try RegionPlanner.plan(campaign: campaign, regions: TestSupport.regions, snapshot: snapshot, now: TestSupport.now)
        #expect(plan.deliveries.isEmpty)
        #expect(plan.region("04")?.reasons.contains { $0.name == "blackout" } == true)

        var ruled = TestSupport.campaign(regions: [], border: true)
        ruled.targets.minScore = 2.5
        let ruledPlan = try RegionPlanner.plan(campaign: ruled, regions: TestSupport.regions, snapshot: snapshot, now: TestSupport.now)
        let below = ruledPlan.regions.filter { $0.status == "below_threshold" }
        #expect(!below.isEmpty)
        #expect(below.allSatisfy { $0.score < 2.5 && $0.reasons.first?.name == "risk threshold" })
        #expect(!ruledPlan.deliveries.contains { delivery in below.contains { $0.regionCode == delivery.regionCode } })
    }

    @Test func communeLevelUnknownBorderIsTargetedButScoredLower() throws {
        let snapshot = TestSupport.snapshot(["m1": ["vi"]])
        var campaign = TestSupport.campaign(level: .commune, regions: [], border: true)
        campaign.targets.within = ["08"]
        let plan = try RegionPlanner.plan(campaign: campaign, regions: TestSupport.regions, snapshot: snapshot, now: TestSupport.now)
        let listed = try #require(plan.region("00715"))
        let unknown = try #require(plan.regions.first { region in region.factors.contains { $0.name == "border" && $0.value.hasPrefix("unknown") } })
        #expect(listed.score > unknown.score)
        campaign.targets.includeUnknownBorder = false
        let strict = try RegionPlanner.plan(campaign: campaign, regions: TestSupport.regions, snapshot: snapshot, now: TestSupport.now)
        #expect(strict.regions.count == 17)
    }

    @Test func translationGapsRankByPeopleWithFigures() throws {
        let snapshot = TestSupport.snapshot(["m1": ["vi"]])
        let campaign = TestSupport.campaign(regions: ["08", "15", "20"])
        let without = try RegionPlanner.plan(campaign: campaign, regions: TestSupport.regions, snapshot: snapshot, now: TestSupport.now)
        #expect(without.translationGapRanking == "weighted_regions")
        // hmn is read in Tuyên Quang and Lào Cai; nut only in Lạng Sơn and Tuyên Quang... ranks are by weight.
        let weights = without.translationGaps.map(\.weightedRegions)
        #expect(weights == weights.sorted(by: >))
        #expect(without.translationGaps.first?.servedInstead == "vi")
        #expect(without.translationGaps.map(\.rank) == Array(1...without.translationGaps.count))

        let figures = RegionFigures(file: "f.csv", figures: [
            RegionFigure(code: "20", womenAndChildren: 5_000_000, verification: .unverified, line: 2),
            RegionFigure(code: "08", womenAndChildren: 1_000, verification: .verified, line: 3),
            RegionFigure(code: "15", womenAndChildren: 1_000, verification: .verified, line: 4),
        ])
        let with = try RegionPlanner.plan(campaign: campaign, regions: TestSupport.regions, snapshot: snapshot, figures: figures, now: TestSupport.now)
        #expect(with.translationGapRanking == "people")
        // Lạng Sơn (Nùng, Tày) dominates by people now.
        #expect(["nut", "tyz"].contains(with.translationGaps.first?.locale ?? ""))
        // Lạng Sơn reads nut, tyz, vi: a third of its 5,000,000 each, plus a share of the small provinces.
        #expect((with.translationGaps.first?.people ?? 0) >= 5_000_000 / 3)
        #expect((with.translationGaps.first?.people ?? 0) < 5_000_000 / 3 + 2_000)
        #expect(with.translationGaps.first?.peopleAssumed == false)
        #expect(with.region("20")?.verification == .unverified)
    }

    @Test func inputIssuesNameFileLineAndField() throws {
        let yaml = """
        id: t
        name: T
        window: {start: 2027-01-04, end: 2027-02-28}
        level: province
        materials: [m1, nope]
        locales: [vi, xx]
        channels:
          sms: {capacity_per_week: 100, price_per_part: 350}
        targets:
          regions: ["04", "77", "00715"]
          within: ["00715"]
        """
        let campaign = try CampaignFileReader.parse(yaml: yaml, file: "c.yaml")
        let figures = RegionFigures(file: "f.csv", figures: [RegionFigure(code: "12345", line: 4)])
        let issues = TestSupport.issues {
            _ = try RegionPlanner.plan(campaign: campaign, regions: TestSupport.regions, snapshot: TestSupport.snapshot(["m1": ["vi"]]),
                                       figures: figures, now: TestSupport.now)
        }
        func find(_ field: String) -> InputIssue? { issues.first { $0.field == field } }
        #expect(find("materials[1]")?.line == 5)
        #expect(find("locales[1]")?.line == 6)
        #expect(find("locales[1]")?.locale == "xx")
        #expect(find("targets.regions[1]")?.line == 10)
        #expect(find("targets.regions[2]")?.problem.contains("commune") == true)
        #expect(find("targets.within[0]")?.line == 11)
        #expect(issues.contains { $0.file == "f.csv" && $0.line == 4 && $0.field == "code" })
        #expect(issues.allSatisfy { $0.file != nil && !$0.fix.isEmpty })

        var negative = TestSupport.campaign()
        negative.channels = [ChannelBudget(channel: .print, capacityPerWeek: -1, costPerUnit: 1)]
        negative.window = CampaignDateRange(start: CampaignDate(iso: "2027-02-01")!, end: CampaignDate(iso: "2027-01-01")!)
        let more = TestSupport.issues {
            _ = try RegionPlanner.plan(campaign: negative, regions: TestSupport.regions, snapshot: TestSupport.snapshot(["m1": ["vi"]]), now: TestSupport.now)
        }
        #expect(Set(more.compactMap(\.field)) == ["channels.print.capacity_per_week", "window.end"])
    }

    @Test func smsDeliveriesCarryWhatTheExporterNeeds() throws {
        let plan = try TestSupport.samplePlan()
        let sms = try #require(plan.deliveries.first { $0.channel == .sms })
        #expect(sms.costPerUnit == 350)
        #expect(sms.unit == "recipient")
        #expect((sms.smsParts ?? 0) >= 1)
        #expect(abs(sms.cost - Double(sms.quantity * (sms.smsParts ?? 1)) * 350) < 0.01)
        #expect(!sms.regionName.isEmpty && !sms.revisionHash.isEmpty)
    }

    @Test func smsPartEstimate() {
        #expect(SMSPartEstimate.parts(for: String(repeating: "a", count: 160)) == 1)
        #expect(SMSPartEstimate.parts(for: String(repeating: "a", count: 161)) == 2)
        #expect(SMSPartEstimate.parts(for: String(repeating: "ă", count: 70)) == 1)
        #expect(SMSPartEstimate.parts(for: String(repeating: "ă", count: 71)) == 2)
        #expect(SMSPartEstimate.parts(for: String(repeating: "{", count: 80)) == 1)
    }
}
