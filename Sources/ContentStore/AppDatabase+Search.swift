import CampaignModel
import Foundation
import GRDB

/// What to search for and where.
public struct SearchQuery: Sendable, Codable, Equatable {
    public var text: String
    public var locale: String?
    public var status: TranslationStatus?
    public var topic: String?
    public var limit: Int

    public init(text: String, locale: String? = nil, status: TranslationStatus? = nil, topic: String? = nil, limit: Int = 20) {
        self.text = text
        self.locale = locale
        self.status = status
        self.topic = topic
        self.limit = limit
    }
}

/// One search result.
public struct SearchHit: Sendable, Codable, Equatable {
    public var slug: String
    public var locale: String
    public var status: TranslationStatus
    public var title: String
    /// A few words around the first match, each match wrapped in « ».
    public var snippet: String
    /// True when the words matched as typed, tone marks included.
    public var exactSpelling: Bool
}

extension AppDatabase {
    /// Full-text search over the newest title, summary and body of every translation.
    ///
    /// Insensitive to Vietnamese tone marks and to đ/Đ ("buon ban nguoi" finds "buôn bán người"); results
    /// whose words match as typed, marks included, come first. Whatever a person types is searched as
    /// plain words: quotes, operators and stars are never FTS5 syntax, so no query is an error.
    public func search(_ query: SearchQuery) throws -> [SearchHit] {
        let original = Self.searchWords(TextFolding.nfc(query.text).lowercased())
        let folded = Self.searchWords(TextFolding.fold(query.text))
        guard !folded.isEmpty, query.limit > 0 else { return [] }
        let limit = min(query.limit, 200)
        return try writer.read { db in
            var hits: [SearchHit] = []
            var seen = Set<Int64>()
            // Best first: the words as typed in a row, as typed anywhere, then the same without marks.
            let exactColumns = "{title summary body} : ", foldedColumns = "{title_folded summary_folded body_folded} : "
            var phases = [(exactColumns + Self.phrase(original), true), (exactColumns + Self.all(original), true),
                          (foldedColumns + Self.phrase(folded), false), (foldedColumns + Self.all(folded), false)]
            if original.count == 1 { phases.remove(at: 2); phases.remove(at: 0) }
            for (match, exact) in phases where hits.count < limit {
                let rows = try Self.matches(db, match: match, query: query, limit: limit - hits.count, excluding: seen)
                for row in rows {
                    let id: Int64 = row["rowid"]
                    seen.insert(id)
                    hits.append(SearchHit(slug: row["material_slug"], locale: row["locale"],
                                          status: TranslationStatus(rawValue: row["status"]) ?? .draft,
                                          title: row["title"],
                                          snippet: Self.snippet(summary: row["summary"], body: row["body"], words: Set(folded)),
                                          exactSpelling: exact))
                }
            }
            return hits
        }
    }

    private static func matches(_ db: Database, match: String, query: SearchQuery, limit: Int, excluding: Set<Int64>) throws -> [Row] {
        var sql = """
            SELECT s.rowid, s.title, s.summary, s.body, t.material_slug, t.locale, t.status
            FROM translation_search s JOIN translation t ON t.id = s.rowid
            WHERE translation_search MATCH ?
            """
        var arguments: StatementArguments = [match]
        if let locale = query.locale { sql += " AND t.locale = ?"; arguments += [locale] }
        if let status = query.status { sql += " AND t.status = ?"; arguments += [status.rawValue] }
        if let topic = query.topic {
            sql += " AND EXISTS (SELECT 1 FROM material m, json_each(m.topics) j WHERE m.slug = t.material_slug AND j.value = ?)"
            arguments += [topic]
        }
        if !excluding.isEmpty {
            sql += " AND s.rowid NOT IN (" + excluding.map(String.init).joined(separator: ",") + ")"
        }
        sql += " ORDER BY bm25(translation_search, 10.0, 4.0, 1.0, 10.0, 4.0, 1.0), t.material_slug, t.locale LIMIT ?"
        arguments += [limit]
        return try Row.fetchAll(db.cachedStatement(sql: sql), arguments: arguments)
    }

    /// Splits text into the words FTS5's unicode61 tokenizer would index: runs of letters, digits and marks.
    static func searchWords(_ text: String) -> [String] {
        var words: [String] = []
        var current = ""
        for scalar in text.unicodeScalars {
            let properties = scalar.properties
            if properties.isAlphabetic || properties.numericType != nil || properties.generalCategory == .nonspacingMark
                || properties.generalCategory == .spacingMark {
                current.unicodeScalars.append(scalar)
            } else if !current.isEmpty {
                words.append(current)
                current = ""
            }
        }
        if !current.isEmpty { words.append(current) }
        var unique: [String] = []
        for word in words where !unique.contains(word) { unique.append(word) }
        return Array(unique.prefix(16))
    }

    private static func quoted(_ word: String) -> String {
        "\"" + word.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// The words next to each other, in order: an FTS5 phrase.
    private static func phrase(_ words: [String]) -> String { "(" + words.map(quoted).joined(separator: " + ") + ")" }

    /// Every word, anywhere.
    private static func all(_ words: [String]) -> String { "(" + words.map(quoted).joined(separator: " AND ") + ")" }

    /// About twenty words around the first match in the summary or body, with matches marked.
    static func snippet(summary: String, body: String, words: Set<String>) -> String {
        for text in [summary, body] {
            let tokens = text.split(whereSeparator: \.isWhitespace).map(String.init)
            let marked = tokens.map { token -> (String, Bool) in
                let core = token.trimmingCharacters(in: .punctuationCharacters.union(.symbols))
                return (token, words.contains(TextFolding.fold(core)))
            }
            guard let first = marked.firstIndex(where: \.1) else { continue }
            let start = max(0, first - 8), end = min(marked.count, first + 12)
            let inner = marked[start..<end].map { $0.1 ? "«\($0.0)»" : $0.0 }.joined(separator: " ")
            return (start > 0 ? "… " : "") + inner + (end < marked.count ? " …" : "")
        }
        return String(summary.prefix(160))
    }
}
