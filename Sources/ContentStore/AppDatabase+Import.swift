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
        let at = timestamp
        return try writer.write { db in
            var run = try ImportRun(db: db, actor: actor, origin: origin, at: at)
            for locale in bundle.locales { try run.upsert(locale) }
            for folder in bundle.materials {
                try run.upsert(folder.material)
                let source = folder.material.sourceLocale
                for file in folder.translations where file.locale == source { try run.apply(file, material: folder.material) }
                for file in folder.translations where file.locale != source { try run.apply(file, material: folder.material) }
            }
            try run.indexForSearch()
            return run.summary
        }
    }
}

/// One import inside its transaction: what the store already holds, loaded once, and prepared statements.
///
/// Loading every translation's state up front and writing through cached statements keeps an import of
/// thousands of files to a few SQL statements per translation.
private struct ImportRun {
    struct Existing {
        var id: Int64
        var status: TranslationStatus
        var headID: Int64
        var headHash: String
        var headNumber: Int
        var publishedID: Int64?
        var sourceHash: String?
    }

    let db: Database
    let actor: String
    let origin: String
    let at: String
    var summary = ImportSummary()
    var locales: [String: LocaleRow]
    var materials: [String: MaterialRow]
    var translations: [TranslationKey: Existing] = [:]
    /// Every revision hash of every source text, by material: what `translated_from` may name.
    var sourceRevisions: [String: Set<String>] = [:]
    /// New text for the search index, written after every other row (see `indexForSearch`).
    var searchTexts: [(translationID: Int64, content: TranslationContent, replaces: Bool)] = []

    init(db: Database, actor: String, origin: String, at: String) throws {
        self.db = db
        self.actor = actor
        self.origin = origin
        self.at = at
        locales = Dictionary(uniqueKeysWithValues: try LocaleRow.fetchAll(db).map { ($0.code, $0) })
        materials = Dictionary(uniqueKeysWithValues: try MaterialRow.fetchAll(db).map { ($0.slug, $0) })
        for row in try Row.fetchAll(db, sql: """
            SELECT t.id, t.material_slug, t.locale, t.status, t.head_revision_id, t.published_revision_id, t.source_hash,
                   r.hash, r.number
            FROM translation t JOIN revision r ON r.id = t.head_revision_id
            """) {
            translations[TranslationKey(slug: row[1], locale: row[2])] = Existing(
                id: row[0], status: TranslationStatus(rawValue: row[3]) ?? .draft, headID: row[4], headHash: row[7],
                headNumber: row[8], publishedID: row[5], sourceHash: row[6])
        }
        for row in try Row.fetchAll(db, sql: """
            SELECT t.material_slug, r.hash FROM revision r JOIN translation t ON t.id = r.translation_id
            JOIN material m ON m.slug = t.material_slug AND m.source_locale = t.locale
            """) {
            sourceRevisions[row[0], default: []].insert(row[1])
        }
    }

    mutating func upsert(_ locale: LocaleInfo) throws {
        let row = LocaleRow(locale)
        if let existing = locales[locale.code] {
            guard existing != row else { return }
            try row.update(db)
            summary.localesUpdated += 1
            try audit("locale.update", locale: locale.code)
        } else {
            try row.insert(db)
            summary.localesAdded += 1
            try audit("locale.create", locale: locale.code)
        }
        locales[locale.code] = row
    }

    mutating func upsert(_ material: Material) throws {
        guard locales[material.sourceLocale] != nil else {
            throw LoaError.invalid(InputIssue(file: "\(material.slug)/material.yaml", field: "source_locale",
                                              problem: "'\(material.sourceLocale)' is not a known locale.",
                                              fix: "add Locales/\(material.sourceLocale).yaml first."))
        }
        var row = MaterialRow(material, at: at)
        if let existing = materials[material.slug] {
            guard existing.material != material else { return }
            row.createdAt = existing.createdAt
            try row.update(db)
            summary.materialsUpdated += 1
            try audit("material.update", slug: material.slug)
        } else {
            try row.insert(db)
            summary.materialsAdded += 1
            try audit("material.create", slug: material.slug)
        }
        materials[material.slug] = row
    }

    mutating func apply(_ file: TranslationFile, material: Material) throws {
        guard locales[file.locale] != nil else {
            throw LoaError.invalid(InputIssue(file: file.path, locale: file.locale, problem: "'\(file.locale)' is not a known locale.",
                                              fix: "add Locales/\(file.locale).yaml or rename the file."))
        }
        let slug = material.slug
        let key = TranslationKey(slug: slug, locale: file.locale)
        let isSource = file.locale == material.sourceLocale
        var content = file.content.normalized
        let hash = ContentHash.revision(content)
        if isSource {
            content.translatedFrom = nil
        } else if let from = content.translatedFrom {
            guard sourceRevisions[slug]?.contains(from) == true else {
                throw LoaError.invalid(InputIssue(
                    file: file.path, field: "translated_from", locale: file.locale,
                    problem: "no revision \(from.prefix(12))… of the \(material.sourceLocale) source text exists.",
                    fix: "use a hash that 'loa history \(slug) \(material.sourceLocale)' lists, or remove the line."))
            }
        } else {
            content.translatedFrom = currentSourceHash(slug: slug, sourceLocale: material.sourceLocale)
        }
        let detail = "\(origin): \(file.path)"

        guard var existing = translations[key] else {
            let id = try insertTranslation(slug: slug, locale: file.locale, status: file.status, sourceHash: content.translatedFrom)
            let revisionID = try insertRevision(translationID: id, number: 1, hash: hash, content: content)
            try updatePointers(id: id, headID: revisionID, publishedID: file.status == .published ? revisionID : nil,
                               status: file.status, sourceHash: content.translatedFrom)
            searchTexts.append((id, content, false))
            translations[key] = Existing(id: id, status: file.status, headID: revisionID, headHash: hash, headNumber: 1,
                                         publishedID: file.status == .published ? revisionID : nil, sourceHash: content.translatedFrom)
            if isSource { sourceRevisions[slug, default: []].insert(hash) }
            summary.translationsAdded += 1
            summary.revisionsCreated += 1
            try audit("revision.create", slug: slug, locale: file.locale, revisionHash: hash, afterHash: hash, detail: detail)
            try recordImportedStatus(file.status, slug: slug, locale: file.locale, hash: hash, detail: detail)
            return
        }

        if existing.headHash == hash {
            var changed = false
            if existing.status != file.status {
                let before = existing.status
                existing.status = file.status
                if file.status == .published { existing.publishedID = existing.headID }
                try recordImportedStatus(file.status, slug: slug, locale: file.locale, hash: hash,
                                         detail: detail + " (was \(before.rawValue))")
                summary.statusChanges += 1
                changed = true
            }
            if !isSource, existing.sourceHash != content.translatedFrom {
                try audit("translation.confirm", slug: slug, locale: file.locale, revisionHash: hash,
                          beforeHash: existing.sourceHash, afterHash: content.translatedFrom, detail: detail)
                existing.sourceHash = content.translatedFrom
                changed = true
            }
            if changed {
                try updatePointers(id: existing.id, headID: existing.headID, publishedID: existing.publishedID,
                                   status: existing.status, sourceHash: existing.sourceHash)
                translations[key] = existing
            } else {
                summary.unchanged += 1
            }
            return
        }

        let before = existing.headHash
        let revisionID = try insertRevision(translationID: existing.id, number: existing.headNumber + 1, hash: hash, content: content)
        existing.headID = revisionID
        existing.headHash = hash
        existing.headNumber += 1
        existing.status = file.status
        if file.status == .published { existing.publishedID = revisionID }
        if !isSource { existing.sourceHash = content.translatedFrom }
        try updatePointers(id: existing.id, headID: revisionID, publishedID: existing.publishedID, status: existing.status,
                           sourceHash: existing.sourceHash)
        searchTexts.append((existing.id, content, true))
        translations[key] = existing
        if isSource { sourceRevisions[slug, default: []].insert(hash) }
        summary.revisionsCreated += 1
        try audit("revision.create", slug: slug, locale: file.locale, revisionHash: hash, beforeHash: before, afterHash: hash,
                  detail: detail)
        try recordImportedStatus(file.status, slug: slug, locale: file.locale, hash: hash, detail: detail)
    }

    /// Writes the search index rows of this import, last and in one go.
    ///
    /// FTS5 keeps new index entries in memory and writes them out as a segment whenever another statement
    /// of the transaction opens a statement savepoint; interleaved with the other rows of an import, that
    /// was one tiny segment per translation, and merging them cost more than the rest of the import.
    func indexForSearch() throws {
        for text in searchTexts {
            if text.replaces {
                try SearchIndex.update(db, translationID: text.translationID, content: text.content)
            } else {
                try SearchIndex.insert(db, translationID: text.translationID, content: text.content)
            }
        }
    }

    /// The source revision translators work from (see `TranslationRow.sourceHash`), from this run's state.
    private func currentSourceHash(slug: String, sourceLocale: String) -> String? {
        guard let source = translations[TranslationKey(slug: slug, locale: sourceLocale)] else { return nil }
        if let published = source.publishedID, published != source.headID {
            return try? String.fetchOne(db, sql: "SELECT hash FROM revision WHERE id = ?", arguments: [published])
        }
        return source.headHash
    }

    /// Text that arrives already approved or published was reviewed outside Loa: the audit log says so,
    /// naming the import and the file, which is the approval on record for it.
    private func recordImportedStatus(_ status: TranslationStatus, slug: String, locale: String, hash: String,
                                      detail: String) throws {
        switch status {
        case .draft:
            return
        case .inReview:
            try audit("import.submit", slug: slug, locale: locale, revisionHash: hash, detail: detail)
        case .approved, .published:
            try audit("import.approve", slug: slug, locale: locale, revisionHash: hash, detail: detail)
            if status == .published {
                try audit("import.publish", slug: slug, locale: locale, revisionHash: hash, detail: detail)
            }
        case .archived:
            try audit("import.archive", slug: slug, locale: locale, revisionHash: hash, detail: detail)
        }
    }

    private func insertTranslation(slug: String, locale: String, status: TranslationStatus, sourceHash: String?) throws -> Int64 {
        try db.cachedStatement(sql: """
            INSERT INTO translation (material_slug, locale, status, source_hash, updated_at) VALUES (?, ?, ?, ?, ?)
            """).execute(arguments: [slug, locale, status.rawValue, sourceHash, at])
        return db.lastInsertedRowID
    }

    private func insertRevision(translationID: Int64, number: Int, hash: String, content: TranslationContent) throws -> Int64 {
        try db.cachedStatement(sql: """
            INSERT INTO revision (translation_id, number, hash, title, summary, body, sms, notes, translated_from, author, created_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: [translationID, number, hash, content.title, content.summary, content.body, content.sms,
                                     content.notes, content.translatedFrom, actor, at])
        return db.lastInsertedRowID
    }

    private func updatePointers(id: Int64, headID: Int64, publishedID: Int64?, status: TranslationStatus, sourceHash: String?) throws {
        try db.cachedStatement(sql: """
            UPDATE translation SET head_revision_id = ?1, published_revision_id = ?2, status = ?3, source_hash = ?4, updated_at = ?5,
                published_at = CASE WHEN published_revision_id IS ?2 THEN published_at WHEN ?2 IS NULL THEN NULL ELSE ?5 END
            WHERE id = ?6
            """).execute(arguments: [headID, publishedID, status.rawValue, sourceHash, at, id])
    }

    private func audit(_ action: String, slug: String? = nil, locale: String? = nil, revisionHash: String? = nil,
                       beforeHash: String? = nil, afterHash: String? = nil, detail: String = "") throws {
        try AuditEntry.record(db, at: at, actor: actor, action: action, slug: slug, locale: locale, revisionHash: revisionHash,
                              beforeHash: beforeHash, afterHash: afterHash, detail: detail)
    }
}
