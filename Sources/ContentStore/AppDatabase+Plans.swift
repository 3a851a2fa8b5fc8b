import CampaignModel
import Foundation
import GRDB

extension AppDatabase {
    /// Keeps a plan file made for `actor` and returns its record; `created` is false when the same plan (same
    /// bytes: same campaign, snapshot and planner) was kept before, which is then returned unchanged.
    ///
    /// - Parameter json: the plan file, as `PlanFormatter.json` writes it.
    public func savePlan(_ plan: Plan, json: Data, actor: String) throws -> (record: PlanRecord, created: Bool) {
        let hash = ContentHash.sha256(json)
        return try writer.write { db in
            if let existing = try PlanRecord.fetch(db, hash: hash) { return (existing, false) }
            let record = PlanRecord(id: PlanRecord.id(campaignID: plan.campaignID, hash: hash), hash: hash,
                                    campaignID: plan.campaignID, campaignName: plan.campaignName, snapshotID: plan.snapshotID,
                                    deliveries: plan.deliveries.count, totalReach: plan.totalReach, totalCost: plan.totalCost,
                                    currency: plan.currency, createdBy: actor, createdAt: timestamp)
            try db.execute(sql: """
                INSERT INTO plan (id, hash, campaign_id, campaign_name, snapshot_id, deliveries, total_reach, total_cost,
                                  currency, created_by, created_at, json)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [record.id, hash, record.campaignID, record.campaignName, record.snapshotID, record.deliveries,
                                 record.totalReach, record.totalCost, record.currency, actor, record.createdAt, json])
            try AuditEntry.record(db, at: record.createdAt, actor: actor, action: "plan.create",
                                  detail: "\(record.id): campaign \(record.campaignID), snapshot \(record.snapshotID.prefix(12)), \(record.deliveries) deliveries")
            return (record, true)
        }
    }

    /// The record of the plan kept under `id`, without its file: enough to answer a conditional request.
    public func planRecord(id: String) throws -> PlanRecord {
        try writer.read { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT \(PlanRecord.columns) FROM plan WHERE id = ?", arguments: [id]) else {
                throw LoaError.notFound("plan '\(id)'")
            }
            return PlanRecord(row: row)
        }
    }

    /// The plan file kept under `id`, byte for byte as it was saved.
    public func planJSON(id: String) throws -> Data {
        try writer.read { db in
            guard let json = try Data.fetchOne(db, sql: "SELECT json FROM plan WHERE id = ?", arguments: [id]) else {
                throw LoaError.notFound("plan '\(id)'")
            }
            return json
        }
    }

    /// Kept plans, newest first, optionally of one campaign.
    public func plans(campaignID: String? = nil, limit: Int = 100) throws -> [PlanRecord] {
        try writer.read { db in
            try Row.fetchAll(db, sql: """
                SELECT \(PlanRecord.columns) FROM plan WHERE (?1 IS NULL OR campaign_id = ?1)
                ORDER BY created_at DESC, id LIMIT ?2
                """, arguments: [campaignID, limit]).map(PlanRecord.init(row:))
        }
    }
}

/// What the store knows of a kept plan besides its file: enough to list plans without reading them.
public struct PlanRecord: Sendable, Codable, Hashable {
    /// `<campaign id>-<first 16 hex digits of the file's SHA-256>`: readable, and stable for the same file.
    public var id: String
    /// SHA-256 of the plan file (hex).
    public var hash: String
    public var campaignID: String
    public var campaignName: String
    public var snapshotID: String
    public var deliveries: Int
    public var totalReach: Int
    public var totalCost: Double
    public var currency: String
    public var createdBy: String
    /// When it was kept (the plan file's own `createdAt` is its snapshot's time).
    public var createdAt: String

    static let columns = "id, hash, campaign_id, campaign_name, snapshot_id, deliveries, total_reach, total_cost, currency, created_by, created_at"

    static func id(campaignID: String, hash: String) -> String { "\(campaignID)-\(hash.prefix(16))" }

    init(id: String, hash: String, campaignID: String, campaignName: String, snapshotID: String, deliveries: Int,
         totalReach: Int, totalCost: Double, currency: String, createdBy: String, createdAt: String) {
        self.id = id
        self.hash = hash
        self.campaignID = campaignID
        self.campaignName = campaignName
        self.snapshotID = snapshotID
        self.deliveries = deliveries
        self.totalReach = totalReach
        self.totalCost = totalCost
        self.currency = currency
        self.createdBy = createdBy
        self.createdAt = createdAt
    }

    init(row: Row) {
        self.init(id: row["id"], hash: row["hash"], campaignID: row["campaign_id"], campaignName: row["campaign_name"],
                  snapshotID: row["snapshot_id"], deliveries: row["deliveries"], totalReach: row["total_reach"],
                  totalCost: row["total_cost"], currency: row["currency"], createdBy: row["created_by"], createdAt: row["created_at"])
    }

    static func fetch(_ db: Database, hash: String) throws -> PlanRecord? {
        try Row.fetchOne(db, sql: "SELECT \(columns) FROM plan WHERE hash = ?", arguments: [hash]).map(PlanRecord.init(row:))
    }
}
