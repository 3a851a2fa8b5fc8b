import CampaignModel
import Foundation
import GRDB

extension AppDatabase {
    /// Brings a content bundle (read from `Content/` and `Locales/`) into the store, in one transaction.
    ///
    /// Idempotent: unchanged text creates no revision and no audit entry. Changed text becomes a new
    /// revision; the status written in the file is applied to it and audited as done by this import, with
    /// the file it came from, so every published revision has its approval on record. One bad file aborts
    /// everything and leaves the database as it was.
    ///
    /// A translation without `translated_from` is taken to match the source text of this same import.
    @discardableResult
    public func importContent(_ bundle: ContentBundle, actor: String, origin: String = "files") throws -> ImportSummary {
        try writer.write { db in
            var summary = ImportSummary()
            let at = timestamp
            let localeCodes = Set(try String.fetchAll(db, sql: "SELECT code FROM locale")).union(bundle.locales.map(\.code))
            for locale in bundle.locales {
                try upsert(locale, db: db, actor: actor, at: at, summary: &summary)
            }
            for folder in bundle.materials {
                guard localeCodes.contains(folder.material.sourceLocale) else {
                    throw LoaError.invalid(InputIssue(file: "\(folder.material.slug)/material.yaml", field: "source_locale",
                                                      problem: "'\(folder.material.sourceLocale)' is not a known locale.",
                                                      fix: "add Locales/\(folder.material.sourceLocale).yaml first."))
                }
                try upsert(folder.material, db: db, actor: actor, at: at, summary: &summary)
                let source = folder.material.sourceLocale
                let ordered = folder.translations.sorted { ($0.locale == source ? 0 : 1) < ($1.locale == source ? 0 : 1) }
                for file in ordered {
                    try apply(file, material: folder.material, db: db, actor: actor, origin: origin, at: at, summary: &summary)
                }
            }
            return summary
        }
    }

    private func upsert(_ locale: LocaleInfo, db: Database, actor: String, at: String, summary: inout ImportSummary) throws {
        let row = LocaleRow(locale)
        if let existing = try LocaleRow.fetchOne(db, key: locale.code) {
            guard existing != row else { return }
            try row.update(db)
            summary.localesUpdated += 1
            try AuditEntry.record(db, at: at, actor: actor, action: "locale.update", locale: locale.code)
        } else {
            try row.insert(db)
            summary.localesAdded += 1
            try AuditEntry.record(db, at: at, actor: actor, action: "locale.create", locale: locale.code)
        }
    }

    private func upsert(_ material: Material, db: Database, actor: String, at: String, summary: inout ImportSummary) throws {
        let row = MaterialRow(material, at: at)
        if let existing = try MaterialRow.fetchOne(db, key: material.slug) {
            guard existing.material != material else { return }
            var updated = row
            updated.createdAt = existing.createdAt
            try updated.update(db)
            summary.materialsUpdated += 1
            try AuditEntry.record(db, at: at, actor: actor, action: "material.update", slug: material.slug)
        } else {
            try row.insert(db)
            summary.materialsAdded += 1
            try AuditEntry.record(db, at: at, actor: actor, action: "material.create", slug: material.slug)
        }
    }

    private func apply(_ file: TranslationFile, material: Material, db: Database, actor: String, origin: String,
                       at: String, summary: inout ImportSummary) throws {
        let slug = material.slug
        let isSource = file.locale == material.sourceLocale
        var content = file.content.normalized
        let hash = ContentHash.revision(content)
        if isSource {
            content.translatedFrom = nil
        } else if let from = content.translatedFrom {
            let known = try Bool.fetchOne(db, sql: """
                SELECT EXISTS (SELECT 1 FROM revision r JOIN translation t ON t.id = r.translation_id
                               WHERE t.material_slug = ? AND t.locale = ? AND r.hash = ?)
                """, arguments: [slug, material.sourceLocale, from]) ?? false
            guard known else {
                throw LoaError.invalid(InputIssue(
                    file: file.path, field: "translated_from", locale: file.locale,
                    problem: "no revision \(from.prefix(12))… of the \(material.sourceLocale) source text exists.",
                    fix: "use a hash that 'loa history \(slug) \(material.sourceLocale)' lists, or remove the line."))
            }
        } else {
            content.translatedFrom = try TranslationRow.sourceHash(db, slug: slug, sourceLocale: material.sourceLocale)
        }
        let detail = "\(origin): \(file.path)"

        guard var translation = try TranslationRow.fetch(db, slug: slug, locale: file.locale) else {
            var translation = TranslationRow(materialSlug: slug, locale: file.locale, status: file.status,
                                             sourceHash: content.translatedFrom, updatedAt: at)
            try translation.insert(db)
            let revision = try RevisionRow.create(db, translationID: translation.id!, number: 1, hash: hash,
                                                  content: content, author: actor, at: at)
            translation.headRevisionID = revision.id
            if file.status == .published { translation.publishedRevisionID = revision.id }
            try translation.update(db)
            try SearchIndex.update(db, translationID: translation.id!, content: content)
            summary.translationsAdded += 1
            summary.revisionsCreated += 1
            try AuditEntry.record(db, at: at, actor: actor, action: "revision.create", slug: slug, locale: file.locale,
                                  revisionHash: hash, afterHash: hash, detail: detail)
            try recordImportedStatus(file.status, db: db, at: at, actor: actor, slug: slug, locale: file.locale,
                                     hash: hash, revisionID: revision.id!, detail: detail)
            return
        }

        let head = try translation.head(db)
        if head?.hash == hash {
            var changed = false
            if translation.status != file.status {
                let before = translation.status
                translation.status = file.status
                if file.status == .published { translation.publishedRevisionID = head?.id }
                try recordImportedStatus(file.status, db: db, at: at, actor: actor, slug: slug, locale: file.locale,
                                         hash: hash, revisionID: head!.id!, detail: detail + " (was \(before.rawValue))")
                summary.statusChanges += 1
                changed = true
            }
            if !isSource, translation.sourceHash != content.translatedFrom {
                try AuditEntry.record(db, at: at, actor: actor, action: "translation.confirm", slug: slug, locale: file.locale,
                                      revisionHash: hash, beforeHash: translation.sourceHash,
                                      afterHash: content.translatedFrom, detail: detail)
                translation.sourceHash = content.translatedFrom
                changed = true
            }
            if changed {
                translation.updatedAt = at
                try translation.update(db)
            } else {
                summary.unchanged += 1
            }
            return
        }

        let number = (try Int.fetchOne(db, sql: "SELECT MAX(number) FROM revision WHERE translation_id = ?",
                                       arguments: [translation.id]) ?? 0) + 1
        let revision = try RevisionRow.create(db, translationID: translation.id!, number: number, hash: hash,
                                              content: content, author: actor, at: at)
        translation.headRevisionID = revision.id
        translation.status = file.status
        if file.status == .published { translation.publishedRevisionID = revision.id }
        if !isSource { translation.sourceHash = content.translatedFrom }
        translation.updatedAt = at
        try translation.update(db)
        try SearchIndex.update(db, translationID: translation.id!, content: content)
        summary.revisionsCreated += 1
        try AuditEntry.record(db, at: at, actor: actor, action: "revision.create", slug: slug, locale: file.locale,
                              revisionHash: hash, beforeHash: head?.hash, afterHash: hash, detail: detail)
        try recordImportedStatus(file.status, db: db, at: at, actor: actor, slug: slug, locale: file.locale,
                                 hash: hash, revisionID: revision.id!, detail: detail)
    }

    /// Text that arrives already approved or published was reviewed outside Loa: the audit log says so,
    /// naming the import and the file, which is the approval on record for it.
    private func recordImportedStatus(_ status: TranslationStatus, db: Database, at: String, actor: String, slug: String,
                                      locale: String, hash: String, revisionID: Int64, detail: String) throws {
        switch status {
        case .draft:
            return
        case .inReview:
            try AuditEntry.record(db, at: at, actor: actor, action: "import.submit", slug: slug, locale: locale,
                                  revisionHash: hash, detail: detail)
        case .approved, .published:
            try AuditEntry.record(db, at: at, actor: actor, action: "import.approve", slug: slug, locale: locale,
                                  revisionHash: hash, detail: detail)
            if status == .published {
                try AuditEntry.record(db, at: at, actor: actor, action: "import.publish", slug: slug, locale: locale,
                                      revisionHash: hash, detail: detail)
            }
        case .archived:
            try AuditEntry.record(db, at: at, actor: actor, action: "import.archive", slug: slug, locale: locale,
                                  revisionHash: hash, detail: detail)
        }
    }
}
