import CampaignModel
import Foundation
import GRDB

extension AppDatabase {
    /// The text readers get for one translation: its published revision, unless the translation is archived.
    ///
    /// One indexed query: this is the API's hottest read. It agrees with `snapshot()` on what counts as
    /// published and on `publishedAt`.
    public func publishedTranslation(slug: String, locale: String) throws -> PublishedTranslation {
        try writer.read { db in
            let statement = try db.cachedStatement(sql: """
                SELECT COALESCE(t.published_at, r.created_at) AS translation_published_at, r.*
                FROM translation t JOIN revision r ON r.id = t.published_revision_id
                WHERE t.material_slug = ? AND t.locale = ? AND t.status != 'archived'
                """)
            guard let row = try Row.fetchOne(statement, arguments: [slug, locale]) else {
                throw LoaError.notFound("published text of \(slug)/\(locale)")
            }
            let revision = try RevisionRow(row: row)
            return PublishedTranslation(slug: slug, locale: locale, revisionHash: revision.hash, content: revision.content,
                                        publishedAt: Self.date(row["translation_published_at"]))
        }
    }
}
