import CampaignModel
import Foundation
import GRDB
import MarkdownRendering

/// One revision with its text, for history views, diffs and restores.
public struct RevisionRecord: Sendable, Codable, Equatable {
    public var info: RevisionInfo
    public var content: TranslationContent
    public var isHead: Bool
    public var isPublished: Bool
}

/// What changed in the source text since a translation was made: the blocks to revisit.
public struct SourceChanges: Sendable, Codable, Equatable {
    public var slug: String
    public var locale: String
    public var sourceLocale: String
    /// The source revision the translation matches.
    public var fromHash: String?
    /// The source revision translators work from now.
    public var toHash: String?
    /// Block diff of the source bodies (paragraphs, headings, list items); empty when not outdated.
    public var blocks: [DiffLine]
    public var titleChanged: Bool
    public var summaryChanged: Bool
}

extension AppDatabase {
    /// Every revision of a translation, oldest first.
    public func history(slug: String, locale: String) throws -> [RevisionRecord] {
        try writer.read { db in
            guard let translation = try TranslationRow.fetch(db, slug: slug, locale: locale) else {
                throw LoaError.notFound("translation \(slug)/\(locale)")
            }
            return try RevisionRow.filter(Column("translation_id") == translation.id).order(Column("number")).fetchAll(db).map {
                RevisionRecord(info: try info(db, $0), content: $0.content, isHead: $0.id == translation.headRevisionID,
                               isPublished: $0.id == translation.publishedRevisionID)
            }
        }
    }

    /// One revision by its number (1 is the first).
    public func revision(slug: String, locale: String, number: Int) throws -> RevisionRecord {
        guard let record = try history(slug: slug, locale: locale).first(where: { $0.info.number == number }) else {
            throw LoaError.notFound("revision \(number) of \(slug)/\(locale)")
        }
        return record
    }

    /// The source-text blocks added, changed or removed since `locale`'s translation was made or confirmed.
    public func sourceChanges(slug: String, locale: String) throws -> SourceChanges {
        try writer.read { db in
            let material = try fetchMaterial(db, slug)
            guard let translation = try TranslationRow.fetch(db, slug: slug, locale: locale) else {
                throw LoaError.notFound("translation \(slug)/\(locale)")
            }
            let current = try TranslationRow.sourceHash(db, slug: slug, sourceLocale: material.sourceLocale)
            var changes = SourceChanges(slug: slug, locale: locale, sourceLocale: material.sourceLocale,
                                        fromHash: translation.sourceHash, toHash: current, blocks: [],
                                        titleChanged: false, summaryChanged: false)
            guard locale != material.sourceLocale, translation.sourceHash != current, let current else { return changes }
            func source(_ hash: String?) throws -> TranslationContent? {
                guard let hash else { return nil }
                return try RevisionRow.fetchOne(db, sql: """
                    SELECT r.* FROM revision r JOIN translation t ON t.id = r.translation_id
                    WHERE t.material_slug = ? AND t.locale = ? AND r.hash = ? LIMIT 1
                    """, arguments: [slug, material.sourceLocale, hash])?.content
            }
            let old = try source(translation.sourceHash)
            let new = try source(current)
            changes.blocks = MarkdownRenderer().blockDiff(old?.body ?? "", new?.body ?? "")
            changes.titleChanged = old?.title != new?.title
            changes.summaryChanged = old?.summary != new?.summary
            return changes
        }
    }
}
