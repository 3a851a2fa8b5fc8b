import CampaignModel
import Foundation
import GRDB
import GRDBSQLite

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
        try importContent(actor: actor, origin: origin) { importer in
            try importer.add(bundle.locales)
            for folder in bundle.materials { try importer.add(PreparedFolder(folder, foldForSearch: false)) }
        }
    }

    /// The same import, fed while its transaction is open: `feed` hands the importer locales, then material
    /// folders, as it reads them (`loa import` reads the next files on other cores meanwhile).
    ///
    /// Problems are collected, not thrown: `feed` reports the ones it finds with `report`, the importer adds
    /// its own (an unknown `translated_from`, say) and goes on, and when `feed` is done any problem at all
    /// rolls the whole transaction back and is thrown together with all the others, in file order.
    @discardableResult
    public func importContent(actor: String, origin: String = "files", _ feed: (ContentImporter) throws -> Void) throws -> ImportSummary {
        let at = timestamp
        return try writer.write { db in
            // SQLite's default page cache (2 MB) is a fraction of what an import of thousands of texts
            // touches: pages of the hash and audit indexes were written out to the WAL mid-transaction and
            // read back again, over and over. The cache is given back when the import is done.
            let cacheSize = try Int.fetchOne(db, sql: "PRAGMA cache_size") ?? -2000
            try db.execute(sql: "PRAGMA cache_size = \(Self.importCacheSize)")
            defer { try? db.execute(sql: "PRAGMA cache_size = \(cacheSize)") }
            let importer = ContentImporter(try ImportRun(db: db, actor: actor, origin: origin, at: at))
            try feed(importer)
            if !importer.issues.isEmpty { throw LoaError.invalidInput(importer.issues) }
            return try importer.finish()
        }
    }
}

extension AppDatabase {
    /// The page cache of an import, in SQLite's negative-KiB form: 64 MiB at most, used only as needed.
    static let importCacheSize = -65_536
}

/// Hands content to an import in progress (see `AppDatabase.importContent(actor:origin:_:)`).
///
/// Lives only inside the import's transaction; it is not `Sendable` and must stay on the thread that was
/// given it.
public final class ContentImporter {
    private var run: ImportRun
    /// Every problem found so far, in the order found.
    public private(set) var issues: [InputIssue] = []

    fileprivate init(_ run: ImportRun) { self.run = run }

    /// Adds or updates locales. Call it before adding the folders that use them.
    public func add(_ locales: [LocaleInfo]) throws {
        for locale in locales { try run.upsert(locale) }
    }

    /// Adds one material folder, its source text first.
    ///
    /// A problem that only the store can see (an unknown locale, a `translated_from` naming no revision) is
    /// recorded and skips that material or text; the import goes on so that every such problem is reported.
    public func add(_ folder: PreparedFolder) throws {
        guard try run.upsert(folder.material, issues: &issues) else { return }
        for translation in folder.translations { try run.apply(translation, material: folder.material, issues: &issues) }
    }

    public func add(_ folder: MaterialFolder) throws { try add(PreparedFolder(folder)) }

    /// Records problems found outside the store (in the files). The import writes on, to find the rest,
    /// and rolls back at the end.
    public func report(_ found: [InputIssue]) { issues += found }

    fileprivate func finish() throws -> ImportSummary {
        try run.finish()
        return run.summary
    }
}

/// A material folder with the work that needs no database done: text in NFC, revision hashes, and the
/// folded text the search index takes. Making these is pure, so a reader makes them on its worker threads
/// while the import's one writing thread stores the folders before.
public struct PreparedFolder: Sendable {
    let material: Material
    /// Source text first (the others may follow it).
    let translations: [PreparedTranslation]

    /// `foldForSearch: false` leaves folding to the import, which does it only for text that changed: the
    /// better choice when the text is mostly unchanged and nobody is waiting on other cores.
    public init(_ folder: MaterialFolder, foldForSearch: Bool = true) {
        material = folder.material
        let source = folder.material.sourceLocale
        let ordered = folder.translations.filter { $0.locale == source } + folder.translations.filter { $0.locale != source }
        translations = ordered.map { PreparedTranslation($0, foldForSearch: foldForSearch) }
    }
}

struct PreparedTranslation: Sendable {
    var file: TranslationFile
    /// The revision hash of `file.content` (in NFC).
    var hash: String
    var folded: FoldedText?

    init(_ file: TranslationFile, foldForSearch: Bool) {
        var file = file
        file.content = file.content.normalized
        self.file = file
        hash = ContentHash.revision(file.content)
        folded = foldForSearch ? FoldedText(file.content) : nil
    }
}

/// The text of a revision as the search index holds it (see `SearchIndex`): the one definition of what
/// the import and every later edit index.
struct FoldedText: Sendable {
    var title: String
    var summary: String
    var body: String

    init(_ content: TranslationContent) {
        title = TextFolding.fold(content.title)
        summary = TextFolding.fold(content.summary)
        body = TextFolding.fold(content.body)
    }
}

/// One import inside its transaction: what the store already holds, loaded once, and prepared statements.
///
/// Loading every translation's state up front and writing through statements prepared once keeps an
/// import of thousands of files to a few SQL statements per translation.
struct ImportRun {
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
    /// New text for the search index, written `searchBurst` at a time (see `writeSearchTexts`).
    var searchTexts: [(translationID: Int64, content: TranslationContent?, folded: FoldedText?, replaces: Bool)] = []
    /// Audit rows not yet written: they go in `ImportStatements.auditBatch` rows to a statement, in order, so their ids
    /// are what one statement a row would give.
    var pendingAudit: [AuditEntry] = []
    let statements: ImportStatements

    init(db: Database, actor: String, origin: String, at: String) throws {
        self.db = db
        self.actor = actor
        self.origin = origin
        self.at = at
        statements = try ImportStatements(db)
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

    /// False when the material cannot be stored (its problem is in `issues`): its texts are skipped.
    mutating func upsert(_ material: Material, issues: inout [InputIssue]) throws -> Bool {
        guard locales[material.sourceLocale] != nil else {
            issues.append(InputIssue(file: "\(material.slug)/material.yaml", field: "source_locale",
                                     problem: "'\(material.sourceLocale)' is not a known locale.",
                                     fix: "add Locales/\(material.sourceLocale).yaml first."))
            return false
        }
        var row = MaterialRow(material, at: at)
        if let existing = materials[material.slug] {
            guard existing.material != material else { return true }
            row.createdAt = existing.createdAt
            try row.update(db)
            summary.materialsUpdated += 1
            try audit("material.update", slug: material.slug)
        } else {
            let insert = statements.insertMaterial
            insert.bind(1, row.slug)
            insert.bind(2, row.topics)
            insert.bind(3, row.audiences)
            insert.bind(4, row.sourceLocale)
            insert.bind(5, row.channels)
            insert.bind(6, row.createdAt)
            insert.bind(7, row.updatedAt)
            try insert.execute(db)
            summary.materialsAdded += 1
            try audit("material.create", slug: material.slug)
        }
        materials[material.slug] = row
        return true
    }

    mutating func apply(_ prepared: PreparedTranslation, material: Material, issues: inout [InputIssue]) throws {
        let file = prepared.file
        guard locales[file.locale] != nil else {
            issues.append(InputIssue(file: file.path, locale: file.locale, problem: "'\(file.locale)' is not a known locale.",
                                     fix: "add Locales/\(file.locale).yaml or rename the file."))
            return
        }
        let slug = material.slug
        let key = TranslationKey(slug: slug, locale: file.locale)
        let isSource = file.locale == material.sourceLocale
        var content = file.content
        let hash = prepared.hash
        if isSource {
            content.translatedFrom = nil
        } else if let from = content.translatedFrom {
            guard sourceRevisions[slug]?.contains(from) == true else {
                issues.append(InputIssue(
                    file: file.path, field: "translated_from", locale: file.locale,
                    problem: "no revision \(from.prefix(12))… of the \(material.sourceLocale) source text exists.",
                    fix: "use a hash that 'loa history \(slug) \(material.sourceLocale)' lists, or remove the line."))
                return
            }
        } else {
            content.translatedFrom = currentSourceHash(slug: slug, sourceLocale: material.sourceLocale)
        }
        let detail = "\(origin): \(file.path)"

        guard var existing = translations[key] else {
            let id = try insertTranslation(slug: slug, locale: file.locale, status: file.status, sourceHash: content.translatedFrom)
            let revisionID = try insertRevision(translationID: id, number: 1, hash: hash, content: content)
            try setFirstRevision(id: id, revisionID: revisionID, published: file.status == .published)
            try addSearchText((id, prepared.folded == nil ? content : nil, prepared.folded, false))
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
        try addSearchText((existing.id, prepared.folded == nil ? content : nil, prepared.folded, true))
        translations[key] = existing
        if isSource { sourceRevisions[slug, default: []].insert(hash) }
        summary.revisionsCreated += 1
        try audit("revision.create", slug: slug, locale: file.locale, revisionHash: hash, beforeHash: before, afterHash: hash,
                  detail: detail)
        try recordImportedStatus(file.status, slug: slug, locale: file.locale, hash: hash, detail: detail)
    }

    /// Search rows written together: FTS5 keeps new index entries in memory and writes them out as a
    /// segment whenever another statement of the transaction opens a statement savepoint (as the UPDATE
    /// of a translation's pointers does); one row at a time between the other rows of an import, that was
    /// one tiny segment per translation, and merging them cost more than the rest of the import. In bursts
    /// of this size the index comes out as large as when every row was written last (1,041 blocks against
    /// 1,036 for 10,000 texts), and it is written while the files after it are still being read, on a
    /// thread that would otherwise wait for them, rather than after the last one.
    static let searchBurst = 512

    private mutating func addSearchText(_ text: (translationID: Int64, content: TranslationContent?, folded: FoldedText?, replaces: Bool)) throws {
        searchTexts.append(text)
        if searchTexts.count >= Self.searchBurst { try writeSearchTexts() }
    }

    /// Writes the rest of the audit log and of the search index rows of this import.
    mutating func finish() throws {
        try flushAudit()
        try writeSearchTexts()
    }

    /// Writes the pending search rows, newest translation first: that is ascending rowid order in the
    /// index (see `SearchIndex`), and FTS5 writes out what it holds in memory whenever a rowid comes in
    /// lower than the one before, which in the import's own order would be at every row.
    private mutating func writeSearchTexts() throws {
        searchTexts.sort { $0.translationID > $1.translationID }
        for text in searchTexts {
            let folded = text.folded ?? FoldedText(text.content!)
            if text.replaces {
                statements.deleteSearch.bind(1, text.translationID)
                try statements.deleteSearch.execute(db)
            }
            let insert = statements.insertSearch
            insert.bind(1, text.translationID)
            insert.bind(2, folded.title)
            insert.bind(3, folded.summary)
            insert.bind(4, folded.body)
            try insert.execute(db)
        }
        searchTexts.removeAll(keepingCapacity: true)
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
    private mutating func recordImportedStatus(_ status: TranslationStatus, slug: String, locale: String, hash: String,
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

    /// A new translation row with its status, and its publication time when it arrives published; its
    /// revision pointers follow in `setFirstRevision`, once its first revision exists.
    private func insertTranslation(slug: String, locale: String, status: TranslationStatus, sourceHash: String?) throws -> Int64 {
        let insert = statements.insertTranslation
        insert.bind(1, slug)
        insert.bind(2, locale)
        insert.bind(3, status.rawValue)
        insert.bind(4, sourceHash)
        insert.bind(5, at)
        insert.bind(6, status == .published ? at : nil)
        try insert.execute(db)
        return db.lastInsertedRowID
    }

    /// Points a translation just inserted at its first revision. Only the two pointers are set: an UPDATE
    /// that sets `status` evaluates its CHECK again, and SQLite builds a temporary table for that `IN` list
    /// on every run (about half of the statement's time in a profile of an import).
    private func setFirstRevision(id: Int64, revisionID: Int64, published: Bool) throws {
        let update = statements.setFirstRevision
        update.bind(1, revisionID)
        update.bind(2, published ? revisionID : nil)
        update.bind(3, id)
        try update.execute(db)
    }

    private func insertRevision(translationID: Int64, number: Int, hash: String, content: TranslationContent) throws -> Int64 {
        let insert = statements.insertRevision
        insert.bind(1, translationID)
        insert.bind(2, Int64(number))
        insert.bind(3, hash)
        insert.bind(4, content.title)
        insert.bind(5, content.summary)
        insert.bind(6, content.body)
        insert.bind(7, content.sms)
        insert.bind(8, content.notes)
        insert.bind(9, content.translatedFrom)
        insert.bind(10, actor)
        insert.bind(11, at)
        try insert.execute(db)
        return db.lastInsertedRowID
    }

    private func updatePointers(id: Int64, headID: Int64, publishedID: Int64?, status: TranslationStatus, sourceHash: String?) throws {
        let update = statements.updatePointers
        update.bind(1, headID)
        update.bind(2, publishedID)
        update.bind(3, status.rawValue)
        update.bind(4, sourceHash)
        update.bind(5, at)
        update.bind(6, id)
        try update.execute(db)
    }

    private mutating func audit(_ action: String, slug: String? = nil, locale: String? = nil, revisionHash: String? = nil,
                                beforeHash: String? = nil, afterHash: String? = nil, detail: String = "") throws {
        pendingAudit.append(AuditEntry(at: at, actor: actor, action: action, materialSlug: slug, locale: locale,
                                       revisionHash: revisionHash, beforeHash: beforeHash, afterHash: afterHash, detail: detail))
        if pendingAudit.count == ImportStatements.auditBatch { try flushAudit() }
    }

    /// Writes the pending audit rows, a batch to a statement and the rest one by one, in order.
    private mutating func flushAudit() throws {
        var start = 0
        while start < pendingAudit.count {
            let batch = pendingAudit.count - start >= ImportStatements.auditBatch
            let statement = batch ? statements.insertAuditBatch : statements.insertAudit
            let rows = batch ? ImportStatements.auditBatch : 1
            for (offset, row) in pendingAudit[start..<(start + rows)].enumerated() {
                let first = Int32(offset * 9)
                statement.bind(first + 1, row.at)
                statement.bind(first + 2, row.actor)
                statement.bind(first + 3, row.action)
                statement.bind(first + 4, row.materialSlug)
                statement.bind(first + 5, row.locale)
                statement.bind(first + 6, row.revisionHash)
                statement.bind(first + 7, row.beforeHash)
                statement.bind(first + 8, row.afterHash)
                statement.bind(first + 9, row.detail)
            }
            try statement.execute(db)
            start += rows
        }
        pendingAudit.removeAll(keepingCapacity: true)
    }
}

/// The statements an import runs for every text, prepared once for it.
struct ImportStatements {
    /// Audit rows written by one statement: fewer statements, same rows and ids.
    static let auditBatch = 32

    let insertMaterial: SQLiteStatement
    let insertTranslation: SQLiteStatement
    let insertRevision: SQLiteStatement
    let setFirstRevision: SQLiteStatement
    let updatePointers: SQLiteStatement
    let insertAudit: SQLiteStatement
    let insertAuditBatch: SQLiteStatement
    let deleteSearch: SQLiteStatement
    let insertSearch: SQLiteStatement

    init(_ db: Database) throws {
        insertMaterial = try SQLiteStatement(db, """
            INSERT INTO material (slug, topics, audiences, source_locale, channels, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)
            """)
        insertTranslation = try SQLiteStatement(db, """
            INSERT INTO translation (material_slug, locale, status, source_hash, updated_at, published_at) VALUES (?, ?, ?, ?, ?, ?)
            """)
        setFirstRevision = try SQLiteStatement(db, "UPDATE translation SET head_revision_id = ?, published_revision_id = ? WHERE id = ?")
        insertRevision = try SQLiteStatement(db, """
            INSERT INTO revision (translation_id, number, hash, title, summary, body, sms, notes, translated_from, author, created_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        updatePointers = try SQLiteStatement(db, """
            UPDATE translation SET head_revision_id = ?1, published_revision_id = ?2, status = ?3, source_hash = ?4, updated_at = ?5,
                published_at = CASE WHEN published_revision_id IS ?2 THEN published_at WHEN ?2 IS NULL THEN NULL ELSE ?5 END
            WHERE id = ?6
            """)
        insertAudit = try SQLiteStatement(db, AuditEntry.insertSQL + AuditEntry.valuesSQL)
        insertAuditBatch = try SQLiteStatement(
            db, AuditEntry.insertSQL + Array(repeating: AuditEntry.valuesSQL, count: Self.auditBatch).joined(separator: ", "))
        deleteSearch = try SQLiteStatement(db, SearchIndex.deleteSQL)
        insertSearch = try SQLiteStatement(db, SearchIndex.insertSQL)
    }
}

/// A statement stepped through SQLite's C API, for the statements an import runs ten thousand times.
///
/// GRDB's `StatementArguments` box every value in an existential and copy arrays of them; for an import
/// that was more CPU than SQLite's own work on the rows. Here a text is bound straight from the String's
/// UTF-8 (copied by SQLite) and an integer as an integer. Finalised when the import is done with it.
final class SQLiteStatement {
    let sql: String
    private let handle: OpaquePointer

    init(_ db: Database, _ sql: String) throws {
        var handle: OpaquePointer?
        let code = sqlite3_prepare_v3(db.sqliteConnection, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &handle, nil)
        guard code == SQLITE_OK, let handle else {
            sqlite3_finalize(handle)
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(db.sqliteConnection)), sql: sql)
        }
        self.sql = sql
        self.handle = handle
    }

    deinit { sqlite3_finalize(handle) }

    /// SQLite's SQLITE_TRANSIENT: copy the bytes before `bind` returns.
    private static var transient: sqlite3_destructor_type { unsafeBitCast(OpaquePointer(bitPattern: -1), to: sqlite3_destructor_type.self) }

    func bind(_ index: Int32, _ text: String?) {
        guard var text else {
            sqlite3_bind_null(handle, index)
            return
        }
        text.withUTF8 { bytes in
            // An empty buffer may have no address, which SQLite would take for NULL.
            if let base = bytes.baseAddress {
                base.withMemoryRebound(to: CChar.self, capacity: bytes.count) {
                    _ = sqlite3_bind_text(handle, index, $0, Int32(bytes.count), Self.transient)
                }
            } else {
                _ = sqlite3_bind_text(handle, index, "", 0, Self.transient)
            }
        }
    }

    func bind(_ index: Int32, _ value: Int64?) {
        guard let value else {
            sqlite3_bind_null(handle, index)
            return
        }
        sqlite3_bind_int64(handle, index, value)
    }

    /// Runs the statement to its end and resets it for the next bindings.
    func execute(_ db: Database) throws {
        let code = sqlite3_step(handle)
        guard code == SQLITE_DONE else {
            let error = DatabaseError(resultCode: ResultCode(rawValue: sqlite3_extended_errcode(db.sqliteConnection)),
                                      message: String(cString: sqlite3_errmsg(db.sqliteConnection)), sql: sql)
            sqlite3_reset(handle)
            throw error
        }
        sqlite3_reset(handle)
    }
}
