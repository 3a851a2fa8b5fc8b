import CampaignModel
import Foundation
import GRDB

/// JSON text for list and map columns: readable with any SQLite client, compared as plain text.
enum JSONColumn {
    static func encode<T: Encodable>(_ value: T) -> String { encode(encodable: value) }

    /// A list of words, as `encode` writes it, without a JSONEncoder: an import writes three per material.
    /// Only words that JSON writes as they are take this path; anything to escape goes through the encoder.
    static func encode(_ list: [String]) -> String {
        guard list.allSatisfy(isVerbatim) else { return encode(encodable: list) }
        var out = "["
        for (index, item) in list.enumerated() {
            out += index == 0 ? "\"" : ",\""
            out += item
            out += "\""
        }
        return out + "]"
    }

    static func encode(_ channels: [Channel]) -> String { encode(channels.map(\.rawValue)) }

    static func encode<T: Encodable>(encodable value: T) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(value)).map { String(decoding: $0, as: UTF8.self) } ?? "null"
    }

    /// Printable ASCII without `"` and `\\`: JSON text that needs no escape.
    private static func isVerbatim(_ text: String) -> Bool {
        text.utf8.allSatisfy { $0 >= 0x20 && $0 < 0x7F && $0 != UInt8(ascii: "\"") && $0 != UInt8(ascii: "\\") }
    }

    static func decode<T: Decodable>(_ type: T.Type, _ text: String, default value: T) -> T {
        (try? JSONDecoder().decode(T.self, from: Data(text.utf8))) ?? value
    }
}

struct LocaleRow: Codable, Equatable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "locale"
    var code: String
    var iso639_3: String
    var englishName: String
    var autonym: String
    var script: String
    var direction: String
    var fallbacks: String
    var wordsPerMinute: Int
    var uiStrings: String

    enum CodingKeys: String, CodingKey {
        case code, iso639_3, script, direction, fallbacks
        case englishName = "english_name", autonym, wordsPerMinute = "words_per_minute", uiStrings = "ui_strings"
    }

    init(_ locale: LocaleInfo) {
        code = locale.code
        iso639_3 = locale.iso639_3
        englishName = locale.englishName
        autonym = locale.autonym
        script = locale.script
        direction = locale.direction.rawValue
        fallbacks = JSONColumn.encode(locale.fallbacks)
        wordsPerMinute = locale.wordsPerMinute
        uiStrings = JSONColumn.encode(locale.uiStrings)
    }

    var locale: LocaleInfo {
        LocaleInfo(code: code, iso639_3: iso639_3, englishName: englishName, autonym: autonym, script: script,
                   direction: TextDirection(rawValue: direction) ?? .ltr,
                   fallbacks: JSONColumn.decode([String].self, fallbacks, default: []),
                   wordsPerMinute: wordsPerMinute,
                   uiStrings: JSONColumn.decode([String: String].self, uiStrings, default: [:]))
    }
}

struct MaterialRow: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "material"
    var slug: String
    var topics: String
    var audiences: String
    var sourceLocale: String
    var channels: String
    var createdAt: String
    var updatedAt: String

    enum CodingKeys: String, CodingKey {
        case slug, topics, audiences, channels
        case sourceLocale = "source_locale", createdAt = "created_at", updatedAt = "updated_at"
    }

    init(_ material: Material, at: String) {
        slug = material.slug
        topics = JSONColumn.encode(material.topics)
        audiences = JSONColumn.encode(material.audiences)
        sourceLocale = material.sourceLocale
        channels = JSONColumn.encode(material.channels)
        createdAt = at
        updatedAt = at
    }

    var material: Material {
        Material(slug: slug, topics: JSONColumn.decode([String].self, topics, default: []),
                 audiences: JSONColumn.decode([String].self, audiences, default: []), sourceLocale: sourceLocale,
                 channels: JSONColumn.decode([Channel].self, channels, default: []))
    }
}

struct TranslationRow: Codable, FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "translation"
    var id: Int64?
    var materialSlug: String
    var locale: String
    var status: TranslationStatus
    var headRevisionID: Int64?
    var publishedRevisionID: Int64?
    /// When `publishedRevisionID` was published (set with it).
    var publishedAt: String?
    var sourceHash: String?
    var updatedAt: String

    enum CodingKeys: String, CodingKey {
        case id, locale, status
        case materialSlug = "material_slug", headRevisionID = "head_revision_id"
        case publishedRevisionID = "published_revision_id", publishedAt = "published_at", sourceHash = "source_hash"
        case updatedAt = "updated_at"
    }

    init(materialSlug: String, locale: String, status: TranslationStatus, sourceHash: String?, updatedAt: String) {
        self.materialSlug = materialSlug
        self.locale = locale
        self.status = status
        self.sourceHash = sourceHash
        self.updatedAt = updatedAt
    }

    mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }

    static func fetch(_ db: Database, slug: String, locale: String) throws -> TranslationRow? {
        try TranslationRow.filter(sql: "material_slug = ? AND locale = ?", arguments: [slug, locale]).fetchOne(db)
    }

    func head(_ db: Database) throws -> RevisionRow? {
        guard let headRevisionID else { return nil }
        return try RevisionRow.fetchOne(db, key: headRevisionID)
    }

    func published(_ db: Database) throws -> RevisionRow? {
        guard let publishedRevisionID else { return nil }
        return try RevisionRow.fetchOne(db, key: publishedRevisionID)
    }

    /// The source revision translators work from: the published source text, or its newest draft while
    /// nothing is published. A translation is outdated when its `sourceHash` is not this.
    static func sourceHash(_ db: Database, slug: String, sourceLocale: String) throws -> String? {
        try String.fetchOne(db, sql: """
            SELECT r.hash FROM translation t JOIN revision r ON r.id = COALESCE(t.published_revision_id, t.head_revision_id)
            WHERE t.material_slug = ? AND t.locale = ?
            """, arguments: [slug, sourceLocale])
    }
}

struct RevisionRow: Codable, FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "revision"
    var id: Int64?
    var translationID: Int64
    var number: Int
    var hash: String
    var title: String
    var summary: String
    var body: String
    var sms: String?
    var notes: String?
    var translatedFrom: String?
    var author: String
    var createdAt: String

    enum CodingKeys: String, CodingKey {
        case id, number, hash, title, summary, body, sms, notes, author
        case translationID = "translation_id", translatedFrom = "translated_from", createdAt = "created_at"
    }

    mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }

    var content: TranslationContent {
        TranslationContent(title: title, summary: summary, body: body, sms: sms, notes: notes, translatedFrom: translatedFrom)
    }

    static func create(_ db: Database, translationID: Int64, number: Int, hash: String, content: TranslationContent,
                       author: String, at: String) throws -> RevisionRow {
        var row = RevisionRow(id: nil, translationID: translationID, number: number, hash: hash, title: content.title,
                              summary: content.summary, body: content.body, sms: content.sms, notes: content.notes,
                              translatedFrom: content.translatedFrom, author: author, createdAt: at)
        try row.insert(db)
        return row
    }
}

/// One line of the audit log: who did what to which translation and revision, and when.
public struct AuditEntry: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "audit_entry"
    public var id: Int64?
    public var at: String
    public var actor: String
    public var action: String
    public var materialSlug: String?
    public var locale: String?
    public var revisionHash: String?
    public var beforeHash: String?
    public var afterHash: String?
    public var detail: String

    enum CodingKeys: String, CodingKey {
        case id, at, actor, action, locale, detail
        case materialSlug = "material_slug", revisionHash = "revision_hash", beforeHash = "before_hash", afterHash = "after_hash"
    }

    /// The insert without its values, and the values of one entry: the import writes many entries per statement.
    static let insertSQL = "INSERT INTO audit_entry (at, actor, action, material_slug, locale, revision_hash, before_hash, after_hash, detail) VALUES "
    static let valuesSQL = "(?, ?, ?, ?, ?, ?, ?, ?, ?)"

    static func record(_ db: Database, at: String, actor: String, action: String, slug: String? = nil,
                       locale: String? = nil, revisionHash: String? = nil, beforeHash: String? = nil,
                       afterHash: String? = nil, detail: String = "") throws {
        try db.cachedStatement(sql: insertSQL + valuesSQL).execute(arguments: [at, actor, action, slug, locale, revisionHash, beforeHash, afterHash, detail])
    }
}

/// Keeps the full-text index in step with the newest revision of each translation.
///
/// Only the folded text is indexed (tone marks and đ removed in Swift, see migration v6): it is what every
/// query matches, and search tells an exact spelling from the stored text of the few translations it ranks.
///
/// A row's rowid is minus its translation's id (migration v7), so FTS5's ascending order is newest first.
/// Rows written in one go must come in ascending rowid order (see `ImportRun.writeSearchTexts`).
enum SearchIndex {
    /// The statements that write the index, shared with the import's own prepared statements. The first
    /// argument of each is the translation id.
    static let deleteSQL = "DELETE FROM translation_search WHERE rowid = -?"
    /// Arguments: the translation id, then the `FoldedText` title, summary and body.
    static let insertSQL = "INSERT INTO translation_search (rowid, title, summary, body) VALUES (-?, ?, ?, ?)"

    static func update(_ db: Database, translationID: Int64, content: TranslationContent) throws {
        try db.cachedStatement(sql: deleteSQL).execute(arguments: [translationID])
        try insert(db, translationID: translationID, content: content)
    }

    /// Indexes a translation that has no row yet.
    static func insert(_ db: Database, translationID: Int64, content: TranslationContent) throws {
        let folded = FoldedText(content)
        try db.cachedStatement(sql: insertSQL).execute(arguments: [translationID, folded.title, folded.summary, folded.body])
    }
}
