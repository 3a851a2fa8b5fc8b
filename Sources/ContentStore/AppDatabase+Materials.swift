import CampaignModel
import Foundation
import GRDB

/// A material with its version tag and times, as the HTTP API serves it.
public struct MaterialRecord: Sendable, Codable, Equatable {
    public var material: Material
    /// SHA-256 of the material's metadata, hex: its ETag. Any change of metadata changes it.
    public var version: String
    public var createdAt: String
    public var updatedAt: String
}

/// Which materials to list, and from where: filters and a keyset cursor.
public struct MaterialQuery: Sendable, Equatable {
    public var topic: String?
    public var audience: String?
    public var channel: Channel?
    public var sourceLocale: String?
    /// Only materials whose slug sorts after this one (the previous page's `nextAfter`).
    public var after: String?
    /// Page size, 1…200.
    public var limit: Int

    public init(topic: String? = nil, audience: String? = nil, channel: Channel? = nil, sourceLocale: String? = nil,
                after: String? = nil, limit: Int = 50) {
        self.topic = topic
        self.audience = audience
        self.channel = channel
        self.sourceLocale = sourceLocale
        self.after = after
        self.limit = limit
    }
}

/// One page of materials, in slug order.
public struct MaterialPage: Sendable, Equatable {
    public var items: [MaterialRecord]
    /// The last slug of this page when more materials follow; nil on the last page.
    public var nextAfter: String?
}

extension AppDatabase {
    /// One material with its version tag.
    public func materialRecord(_ slug: String) throws -> MaterialRecord {
        try writer.read { db in try Self.fetchRecord(db, slug) }
    }

    /// A page of materials matching `query`, in slug order (keyset pagination: stable while others write).
    public func materialPage(_ query: MaterialQuery) throws -> MaterialPage {
        let limit = min(max(query.limit, 1), 200)
        var sql = "SELECT * FROM material m WHERE 1"
        var arguments: StatementArguments = []
        if let after = query.after { sql += " AND m.slug > ?"; arguments += [after] }
        if let topic = query.topic {
            sql += " AND EXISTS (SELECT 1 FROM json_each(m.topics) j WHERE j.value = ?)"; arguments += [topic]
        }
        if let audience = query.audience {
            sql += " AND EXISTS (SELECT 1 FROM json_each(m.audiences) j WHERE j.value = ?)"; arguments += [audience]
        }
        if let channel = query.channel {
            sql += " AND EXISTS (SELECT 1 FROM json_each(m.channels) j WHERE j.value = ?)"; arguments += [channel.rawValue]
        }
        if let source = query.sourceLocale { sql += " AND m.source_locale = ?"; arguments += [source] }
        sql += " ORDER BY m.slug LIMIT ?"
        arguments += [limit + 1]
        let rows = try writer.read { db in try MaterialRow.fetchAll(db, sql: sql, arguments: arguments) }
        let items = rows.prefix(limit).map(Self.record)
        return MaterialPage(items: items, nextAfter: rows.count > limit ? items.last?.material.slug : nil)
    }

    /// Creates a material (metadata only; its texts are translations saved afterwards). Audited.
    public func createMaterial(_ material: Material, by user: User) throws -> MaterialRecord {
        guard Permissions.canManageMaterials(user) else {
            throw LoaError.forbidden("\(user.name) (\(user.role.rawValue)) may not create materials.")
        }
        let material = Self.normalized(material)
        return try writer.write { db in
            try validate(material, db: db, existing: nil)
            if try MaterialRow.exists(db, key: material.slug) {
                throw LoaError.invalid(InputIssue(file: "request body", field: "slug",
                                                  problem: "a material with the slug '\(material.slug)' exists.",
                                                  fix: "choose another slug, or edit the existing material."))
            }
            let at = timestamp
            try MaterialRow(material, at: at).insert(db)
            let version = Self.version(material)
            try AuditEntry.record(db, at: at, actor: user.actor, action: "material.create", slug: material.slug,
                                  afterHash: version, detail: Self.describe(material))
            return try Self.fetchRecord(db, material.slug)
        }
    }

    /// Replaces a material's metadata if it is still at `expectedVersion` (the API's `If-Match`). Audited.
    ///
    /// The source locale may change only while the material has no texts: every translation's outdated
    /// tracking hangs on it.
    public func updateMaterial(_ material: Material, expectedVersion: String?, by user: User) throws -> MaterialRecord {
        guard Permissions.canManageMaterials(user) else {
            throw LoaError.forbidden("\(user.name) (\(user.role.rawValue)) may not change materials.")
        }
        let material = Self.normalized(material)
        return try writer.write { db in
            guard let row = try MaterialRow.fetchOne(db, key: material.slug) else {
                throw LoaError.notFound("material '\(material.slug)'")
            }
            let current = Self.version(row.material)
            guard let expectedVersion else {
                throw LoaError.preconditionRequired("changing \(material.slug) needs the version you edited (If-Match: \(current)).")
            }
            guard expectedVersion == current else {
                throw LoaError.conflict("\(material.slug) was changed by someone else since version \(expectedVersion.prefix(12)).",
                                        current: current)
            }
            try validate(material, db: db, existing: row.material)
            guard row.material != material else { return Self.record(row) }
            var updated = MaterialRow(material, at: timestamp)
            updated.createdAt = row.createdAt
            try updated.update(db)
            try AuditEntry.record(db, at: updated.updatedAt, actor: user.actor, action: "material.update", slug: material.slug,
                                  beforeHash: current, afterHash: Self.version(material), detail: Self.describe(material))
            return Self.record(updated)
        }
    }

    /// The version tag of a material's metadata.
    static func version(_ material: Material) -> String {
        ContentHash.sha256(JSONColumn.encode(material))
    }

    private static func record(_ row: MaterialRow) -> MaterialRecord {
        let material = row.material
        return MaterialRecord(material: material, version: version(material), createdAt: row.createdAt, updatedAt: row.updatedAt)
    }

    private static func fetchRecord(_ db: Database, _ slug: String) throws -> MaterialRecord {
        guard let row = try MaterialRow.fetchOne(db, key: slug) else { throw LoaError.notFound("material '\(slug)'") }
        return record(row)
    }

    private static func describe(_ material: Material) -> String {
        "topics \(material.topics.joined(separator: ",")); audiences \(material.audiences.joined(separator: ",")); "
            + "source \(material.sourceLocale); channels \(material.channels.map(\.rawValue).joined(separator: ","))"
    }

    /// NFC, trimmed, without repeats: the form metadata is stored and compared in.
    private static func normalized(_ material: Material) -> Material {
        func clean(_ list: [String]) -> [String] {
            var seen: [String] = []
            for item in list.map({ TextFolding.nfc($0).trimmingCharacters(in: .whitespacesAndNewlines) }) where !seen.contains(item) {
                seen.append(item)
            }
            return seen
        }
        var channels: [Channel] = []
        for channel in material.channels where !channels.contains(channel) { channels.append(channel) }
        return Material(slug: TextFolding.nfc(material.slug), topics: clean(material.topics), audiences: clean(material.audiences),
                        sourceLocale: TextFolding.nfc(material.sourceLocale), channels: channels)
    }

    private func validate(_ material: Material, db: Database, existing: Material?) throws {
        var issues: [InputIssue] = []
        func reject(_ field: String, _ problem: String, fix: String, locale: String? = nil) {
            issues.append(InputIssue(file: "request body", field: field, locale: locale, problem: problem, fix: fix))
        }
        if let problem = Material.slugProblem(material.slug) {
            reject("slug", problem, fix: "use lower-case letters, digits and single hyphens, such as 'fake-job-offers'.")
        }
        if material.topics.isEmpty {
            reject("topics", "a material needs at least one topic.", fix: "add a topic such as 'recruitment'.")
        }
        for (field, list) in [("topics", material.topics), ("audiences", material.audiences)] {
            for item in list where item.isEmpty || item.count > 80 || item.contains(where: \.isNewline) {
                reject(field, "'\(item)' is not a usable \(field.dropLast()) (empty, too long or several lines).",
                       fix: "use a short word or phrase on one line.")
            }
        }
        if material.channels.isEmpty {
            reject("channels", "a material needs at least one channel.",
                   fix: "use any of: \(Channel.allCases.map(\.rawValue).joined(separator: ", ")).")
        }
        if try !LocaleRow.exists(db, key: material.sourceLocale) {
            let known = try String.fetchAll(db, sql: "SELECT code FROM locale ORDER BY code")
            reject("sourceLocale", "'\(material.sourceLocale)' is not a known locale.",
                   fix: "use one of: \(known.joined(separator: ", ")).", locale: material.sourceLocale)
        } else if let existing, existing.sourceLocale != material.sourceLocale,
                  try TranslationRow.filter(Column("material_slug") == material.slug).fetchCount(db) > 0 {
            reject("sourceLocale", "\(material.slug) already has texts written from '\(existing.sourceLocale)'.",
                   fix: "keep sourceLocale '\(existing.sourceLocale)', or make a new material.", locale: material.sourceLocale)
        }
        if !issues.isEmpty { throw LoaError.invalidInput(issues) }
    }
}
