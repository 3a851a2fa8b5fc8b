import CampaignModel
import Foundation
import GRDB

extension AppDatabase {
    public func locales() throws -> [LocaleInfo] {
        try writer.read { db in try LocaleRow.order(Column("code")).fetchAll(db).map(\.locale) }
    }

    public func materials() throws -> [Material] {
        try writer.read { db in try MaterialRow.order(Column("slug")).fetchAll(db).map(\.material) }
    }

    public func material(_ slug: String) throws -> Material {
        try writer.read { db in
            guard let row = try MaterialRow.fetchOne(db, key: slug) else { throw LoaError.notFound("material '\(slug)'") }
            return row.material
        }
    }

    /// Everything published right now, as one immutable value for exporters and the planner.
    ///
    /// `takenAt` is the creation time of the newest revision in it, so taking a snapshot twice of the same
    /// published texts gives equal values.
    ///
    /// A translation counts while it has a published revision and is not archived; a newer draft on top
    /// of it does not hide the published text.
    ///
    /// `texts: .revisionsOnly` leaves out every text: each `content` is empty, and `revisionHash` says which
    /// text is published. For an exporter that reads only the texts it shows anew, with
    /// `texts(ofRevisions:withBodies:)`; revisions are immutable, so a text read later by its revision's
    /// hash is the one the snapshot names.
    public func snapshot(texts: SnapshotTexts = .whole) throws -> Snapshot {
        try writer.read { db in try SnapshotReader.read(db, texts: texts) }
    }

    /// The text of each revision in `hashes` (revision hash to text), for a snapshot read without texts.
    /// A hash the store does not have is left out.
    ///
    /// `withBodies`: also the Markdown body, SMS text and notes; without, only the title and summary (what
    /// an index lists), and `body` is empty. `translatedFrom` is always nil: it belongs to a translation's
    /// revision, not to the text a hash names (see `TranslationContent.canonicalBytes`).
    public func texts(ofRevisions hashes: [String], withBodies: Bool) throws -> [String: TranslationContent] {
        try writer.read { db in try SnapshotReader.texts(db, ofRevisions: hashes, withBodies: withBodies) }
    }

    /// The store's newest text of every translation, in the exchange format, for `loa export content`.
    ///
    /// Each file carries the translation's newest revision and status; `translated_from` is the source
    /// revision the translation is known to match, so a confirmation survives the round trip.
    public func contentBundle() throws -> ContentBundle {
        try writer.read { db in
            let locales = try LocaleRow.order(Column("code")).fetchAll(db).map(\.locale)
            var folders: [MaterialFolder] = []
            for materialRow in try MaterialRow.order(Column("slug")).fetchAll(db) {
                let material = materialRow.material
                let rows = try Row.fetchAll(db, sql: """
                    SELECT t.locale, t.status, t.source_hash, r.*
                    FROM translation t JOIN revision r ON r.id = t.head_revision_id
                    WHERE t.material_slug = ?
                    ORDER BY t.locale = ? DESC, t.locale
                    """, arguments: [material.slug, material.sourceLocale])
                let files = try rows.map { row -> TranslationFile in
                    let locale: String = row["locale"]
                    var content = try RevisionRow(row: row).content
                    content.translatedFrom = locale == material.sourceLocale ? nil : row["source_hash"]
                    let status = TranslationStatus(rawValue: row["status"]) ?? .draft
                    return TranslationFile(locale: locale, status: status, content: content, path: "\(material.slug)/\(locale).md")
                }
                folders.append(MaterialFolder(material: material, translations: files))
            }
            return ContentBundle(locales: locales, materials: folders)
        }
    }

    /// Number of rows in each table, for summaries and checks.
    public func counts() throws -> StoreCounts {
        try writer.read { db in
            var byStatus: [String: Int] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT status, COUNT(*) AS n FROM translation GROUP BY status") {
                byStatus[row["status"]] = row["n"]
            }
            return StoreCounts(
                locales: try LocaleRow.fetchCount(db),
                materials: try MaterialRow.fetchCount(db),
                translations: try TranslationRow.fetchCount(db),
                revisions: try RevisionRow.fetchCount(db),
                auditEntries: try AuditEntry.fetchCount(db),
                translationsByStatus: byStatus)
        }
    }

    /// The audit log, newest first, optionally for one translation.
    public func auditLog(slug: String? = nil, locale: String? = nil, limit: Int = 100) throws -> [AuditEntry] {
        try writer.read { db in
            var request = AuditEntry.order(Column("id").desc).limit(limit)
            if let slug { request = request.filter(Column("material_slug") == slug) }
            if let locale { request = request.filter(Column("locale") == locale) }
            return try request.fetchAll(db)
        }
    }
}

/// Row counts of the store.
public struct StoreCounts: Sendable, Codable, Equatable {
    public var locales: Int
    public var materials: Int
    public var translations: Int
    public var revisions: Int
    public var auditEntries: Int
    /// Keyed by `TranslationStatus` raw value.
    public var translationsByStatus: [String: Int]
}
