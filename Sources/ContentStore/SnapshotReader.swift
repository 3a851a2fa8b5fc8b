import CampaignModel
import Crypto
import Foundation
import GRDB
import GRDBSQLite

/// Reads the snapshot of `AppDatabase.snapshot(texts:)` from its SQL rows.
///
/// The rows are stepped by GRDB and their columns read through SQLite's C API, in place: for the 10,000
/// texts of a large store, GRDB's per-value decoding, a `MaterialRow` decoded through `Codable` (its JSON
/// columns each through a JSONDecoder) and an identity made as one growing String cost 30 of the
/// snapshot's 38 ms, five times SQLite's own work. Here a slug repeated by consecutive rows is made once,
/// the identity is hashed from the columns' bytes, and each distinct time and JSON column is parsed once.
struct SnapshotReader {
    /// SQLite's rows of one statement, read by column position.
    private struct Columns {
        let statement: OpaquePointer

        /// The bytes of text column `index` (empty for NULL), valid until the next step.
        func bytes(_ index: Int32) -> UnsafeBufferPointer<UInt8> {
            guard let text = sqlite3_column_text(statement, index) else { return UnsafeBufferPointer(start: nil, count: 0) }
            return UnsafeBufferPointer(start: text, count: Int(sqlite3_column_bytes(statement, index)))
        }

        /// Text column `index` as GRDB reads a `String` (up to a NUL byte, if the text has one).
        func text(_ index: Int32) -> String {
            guard let text = sqlite3_column_text(statement, index) else { return "" }
            return String(cString: text)
        }

        func optionalText(_ index: Int32) -> String? {
            sqlite3_column_type(statement, index) == SQLITE_NULL ? nil : text(index)
        }
    }

    static func read(_ db: Database, texts: SnapshotTexts) throws -> Snapshot {
        let locales = try LocaleRow.order(Column("code")).fetchAll(db).map(\.locale)
        let materials = try readMaterials(db)
        let statement = try db.makeStatement(sql: translationsSQL(texts))
        let columns = Columns(statement: statement.sqliteStatement)
        var translations: [PublishedTranslation] = []
        translations.reserveCapacity(materials.count * max(locales.count, 1))
        // The identity is the SHA-256 of `slug \t locale \t hash \n` for each row, in order: the lines'
        // bytes are gathered and hashed at once (an update per row cost more than the hashing).
        var identity: [UInt8] = []
        identity.reserveCapacity(translations.capacity * 100)
        var slug = "", locale = ""
        // Texts published together share their time: each distinct time is parsed once.
        var lastTime = "", lastDate = Date(timeIntervalSince1970: 0)
        var newest: Date?
        let rows = try Row.fetchCursor(statement)
        while try rows.next() != nil {
            let slugBytes = columns.bytes(0), localeBytes = columns.bytes(1), hashBytes = columns.bytes(3)
            if !Self.equal(&slug, slugBytes) { slug = String(decoding: slugBytes, as: UTF8.self) }
            if !Self.equal(&locale, localeBytes) { locale = String(decoding: localeBytes, as: UTF8.self) }
            let timeBytes = columns.bytes(2)
            if !Self.equal(&lastTime, timeBytes) {
                lastTime = String(decoding: timeBytes, as: UTF8.self)
                lastDate = AppDatabase.date(lastTime)
            }
            identity.append(contentsOf: slugBytes)
            identity.append(0x09)
            identity.append(contentsOf: localeBytes)
            identity.append(0x09)
            identity.append(contentsOf: hashBytes)
            identity.append(0x0A)
            let content = texts == .whole
                ? TranslationContent(title: columns.text(4), summary: columns.text(5), body: columns.text(6),
                                     sms: columns.optionalText(7), notes: columns.optionalText(8),
                                     translatedFrom: columns.optionalText(9))
                : TranslationContent(title: "", summary: "", body: "")
            translations.append(PublishedTranslation(
                slug: slug, locale: locale, revisionHash: String(decoding: hashBytes, as: UTF8.self), content: content,
                publishedAt: lastDate))
            if newest.map({ lastDate > $0 }) ?? true { newest = lastDate }
        }
        // The snapshot's time is that of its newest publication, not the clock: the same published texts
        // give the same snapshot, so exports of it are byte-identical.
        return Snapshot(id: ContentHash.hex(SHA256.hash(data: identity)), takenAt: newest ?? Date(timeIntervalSince1970: 0),
                        locales: locales, materials: materials, translations: translations)
    }

    /// The texts of `AppDatabase.texts(ofRevisions:withBodies:)`, their columns read in place: the
    /// thousand titles and summaries of a remade index page took 10–14 ms through GRDB's rows, 7–11 so.
    static func texts(_ db: Database, ofRevisions hashes: [String], withBodies: Bool) throws -> [String: TranslationContent] {
        var texts: [String: TranslationContent] = [:]
        texts.reserveCapacity(hashes.count)
        // In chunks: SQLite limits the number of parameters of one statement.
        for start in stride(from: 0, to: hashes.count, by: 500) {
            let chunk = hashes[start..<min(start + 500, hashes.count)]
            let marks = Array(repeating: "?", count: chunk.count).joined(separator: ",")
            let statement = try db.makeStatement(sql: """
                SELECT hash, title, summary\(withBodies ? ", body, sms, notes" : "") FROM revision WHERE hash IN (\(marks))
                """)
            statement.arguments = StatementArguments(Array(chunk))
            let columns = Columns(statement: statement.sqliteStatement)
            let rows = try Row.fetchCursor(statement)
            while try rows.next() != nil {
                texts[columns.text(0)] = withBodies
                    ? TranslationContent(title: columns.text(1), summary: columns.text(2), body: columns.text(3),
                                         sms: columns.optionalText(4), notes: columns.optionalText(5))
                    : TranslationContent(title: columns.text(1), summary: columns.text(2), body: "")
            }
        }
        return texts
    }

    /// The published translations, in order, with what `texts` asks of their revisions. Without texts,
    /// the revisions' columns come from the index of migration v8 (see there for why).
    static func translationsSQL(_ texts: SnapshotTexts) -> String {
        let (textColumns, revision) = texts == .whole
            ? (", r.title, r.summary, r.body, r.sms, r.notes, r.translated_from", "revision r")
            : ("", "revision r INDEXED BY revision_published")
        return """
            SELECT t.material_slug, t.locale, COALESCE(t.published_at, r.created_at), r.hash\(textColumns)
            FROM translation t JOIN \(revision) ON r.id = t.published_revision_id
            WHERE t.status != 'archived'
            ORDER BY t.material_slug, t.locale
            """
    }

    /// Whether `text` holds exactly `bytes` (compared in place: `elementsEqual` went byte by byte through
    /// `String.UTF8View`).
    private static func equal(_ text: inout String, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        text.withUTF8 { text in
            text.count == bytes.count && (text.isEmpty || memcmp(text.baseAddress!, bytes.baseAddress!, text.count) == 0)
        }
    }

    /// Every material, by slug, as `MaterialRow.material` makes it. A JSON column holds what a handful of
    /// materials share (the same topics, say): each distinct text is decoded once, not once per material.
    private static func readMaterials(_ db: Database) throws -> [Material] {
        let statement = try db.makeStatement(sql: "SELECT slug, topics, audiences, source_locale, channels FROM material ORDER BY slug")
        let columns = Columns(statement: statement.sqliteStatement)
        var words: [String: [String]] = [:]
        var channels: [String: [Channel]] = [:]
        func decoded<T: Decodable>(_ index: Int32, _ cache: inout [String: [T]]) -> [T] {
            let text = columns.text(index)
            if let known = cache[text] { return known }
            let value = JSONColumn.decode([T].self, text, default: [])
            cache[text] = value
            return value
        }
        var materials: [Material] = []
        let rows = try Row.fetchCursor(statement)
        while try rows.next() != nil {
            materials.append(Material(slug: columns.text(0), topics: decoded(1, &words), audiences: decoded(2, &words),
                                      sourceLocale: columns.text(3), channels: decoded(4, &channels)))
        }
        return materials
    }
}
