import CampaignModel
import Foundation
import GRDB

extension AppDatabase {
    /// The completeness matrix, optionally for one locale.
    public func completeness(locale only: String? = nil) throws -> Completeness {
        try writer.read { db in
            var locales = try String.fetchAll(db, sql: "SELECT code FROM locale ORDER BY code")
            if let only {
                guard locales.contains(only) else { throw LoaError.notFound("locale '\(only)'") }
                locales = [only]
            }
            let materials = try MaterialRow.order(Column("slug")).fetchAll(db).map(\.material)
            // Current source hash per material, then every translation's state in one pass.
            var sourceHash: [String: String] = [:]
            for row in try Row.fetchAll(db, sql: """
                SELECT m.slug, r.hash FROM material m
                JOIN translation t ON t.material_slug = m.slug AND t.locale = m.source_locale
                JOIN revision r ON r.id = COALESCE(t.published_revision_id, t.head_revision_id)
                """) {
                sourceHash[row["slug"]] = row["hash"]
            }
            var existing: [TranslationKey: (TranslationStatus, String?, Bool)] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT material_slug, locale, status, source_hash, published_revision_id FROM translation") {
                existing[TranslationKey(slug: row["material_slug"], locale: row["locale"])] =
                    (TranslationStatus(rawValue: row["status"]) ?? .draft, row["source_hash"], (row["published_revision_id"] as Int64?) != nil)
            }
            var cells: [CompletenessCell] = []
            var counts: [String: [String: Int]] = [:]
            for material in materials {
                for locale in locales {
                    let cell: CompletenessCell
                    if let (status, hash, hasPublished) = existing[TranslationKey(slug: material.slug, locale: locale)] {
                        let outdated = locale != material.sourceLocale && status != .archived && hash != sourceHash[material.slug]
                        let state = outdated ? .outdated : CompletenessState(rawValue: status.rawValue) ?? .draft
                        cell = CompletenessCell(slug: material.slug, locale: locale, state: state, status: status,
                                                outdated: outdated, hasPublished: hasPublished && status != .archived)
                    } else {
                        cell = CompletenessCell(slug: material.slug, locale: locale, state: .missing, status: nil,
                                                outdated: false, hasPublished: false)
                    }
                    cells.append(cell)
                    counts[locale, default: [:]][cell.state.rawValue, default: 0] += 1
                }
            }
            return Completeness(locales: locales, materials: materials.map(\.slug), cells: cells, counts: counts)
        }
    }
}
