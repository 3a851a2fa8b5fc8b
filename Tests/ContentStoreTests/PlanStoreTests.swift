import CampaignModel
@testable import ContentStore
import Foundation
import GRDB
import Testing

@Suite struct PlanStoreTests {
    static func plan(campaign: String = "border", deliveries: Int = 0) -> Plan {
        let day = CampaignDate(iso: "2027-01-04")!
        let delivery = Delivery(weekStart: day, date: day, regionCode: "11", regionName: "Điện Biên", material: "fake-jobs", locale: "vi",
                                revisionHash: String(repeating: "a", count: 64), channel: .sms, quantity: 10, unit: "recipient",
                                estimatedReach: 6, cost: 3500, costPerUnit: 350, smsParts: 1, regionScore: 2, languageFit: 1,
                                repeatIndex: 0, value: 12, verification: .partial, factors: [])
        return Plan(campaignID: campaign, campaignName: "Border", createdAt: "2027-01-01T00:00:00Z", snapshotID: "snap",
                    level: .province, window: CampaignDateRange(start: day, end: day), currency: "VND", minSpacingDays: 7,
                    blackouts: [], channels: [], weeks: [], objective: 12, objectiveDefinition: "", repeatValue: 0.5,
                    totalCost: 3500, totalReach: 6, deliveries: Array(repeating: delivery, count: deliveries), regions: [],
                    coverage: [], channelUsage: [], translationGapRanking: "people", translationGaps: [], assumptions: [],
                    verification: .partial)
    }

    @Test func aPlanIsKeptOnceWholeAndAudited() throws {
        let database = try StoreFixture.database()
        let json = Data("{\"plan\": 1}\n".utf8)
        let (record, created) = try database.savePlan(Self.plan(deliveries: 2), json: json, actor: "minh")
        #expect(created)
        #expect(record.id == "border-" + ContentHash.sha256(json).prefix(16))
        #expect(record.deliveries == 2 && record.totalReach == 6 && record.createdBy == "minh")
        let again = try database.savePlan(Self.plan(deliveries: 2), json: json, actor: "admin")
        #expect(!again.created && again.record == record)
        #expect(try database.planRecord(id: record.id) == record)
        #expect(try database.planJSON(id: record.id) == json)
        #expect(try database.plans() == [record])
        #expect(try database.plans(campaignID: "other").isEmpty)
        #expect(try database.auditLog().filter { $0.action == "plan.create" }.count == 1)
        #expect(throws: LoaError.self) { try database.planRecord(id: "border-0000") }
        #expect(throws: LoaError.self) { try database.planJSON(id: "border-0000") }
    }

    @Test func keptPlansCannotBeChanged() throws {
        let database = try StoreFixture.database()
        let (record, _) = try database.savePlan(Self.plan(), json: Data("{}".utf8), actor: "minh")
        #expect(throws: DatabaseError.self) {
            try database.writer.write { db in try db.execute(sql: "UPDATE plan SET json = x'00' WHERE id = ?", arguments: [record.id]) }
        }
        #expect(try database.planJSON(id: record.id) == Data("{}".utf8))
        #expect(try database.check().isEmpty)

        // Damage below SQLite's checks (the trigger dropped to simulate it) is found by `check`.
        try database.writer.write { db in
            try db.execute(sql: "DROP TRIGGER plan_is_immutable; UPDATE plan SET json = x'00' WHERE id = ?", arguments: [record.id])
        }
        #expect(try database.check().map(\.check) == ["plan-hash"])
    }
}
