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
    /// How many matching translations one search ranks, newest first, for each way of matching (the words
    /// in a row, the words anywhere).
    ///
    /// Ranking costs per matching translation, and a common word matches nearly all of them: above this
    /// many matches, the newest are ranked and the rest are left out, which keeps every query to a few
    /// milliseconds. Below it, every match is ranked.
    static let searchCandidateLimit = 50

    /// Full-text search over the newest title, summary and body of every translation.
    ///
    /// Insensitive to Vietnamese tone marks and to đ/Đ ("buon ban nguoi" finds "buôn bán người"). Best first:
    /// the words as typed (marks included) in a row, as typed anywhere, then the same without marks; within
    /// each, by how often the words occur, weighted by column (title, summary, body). Whatever a person
    /// types is searched as plain words: quotes, operators and stars are never FTS5 syntax, so no query is
    /// an error.
    ///
    /// The index holds only folded text (see `SearchIndex`); whether a match is spelled as typed is decided
    /// here, on the stored text of each candidate.
    public func search(_ query: SearchQuery) throws -> [SearchHit] {
        let original = Self.searchWords(TextFolding.nfc(query.text).lowercased())
        let folded = Self.searchWords(TextFolding.fold(query.text))
        guard !folded.isEmpty, query.limit > 0 else { return [] }
        let limit = min(query.limit, 200)
        let words = SearchWords(original: original, folded: folded)
        return try writer.read { db in
            var candidates: [SearchCandidate] = []
            var seen = Set<Int64>()
            var matches = [Self.all(folded)]
            if folded.count > 1 { matches.insert(Self.phrase(folded), at: 0) }
            for match in matches {
                for row in try Self.candidates(db, match: match, query: query, count: max(limit, Self.searchCandidateLimit))
                where seen.insert(row["rowid"]).inserted {
                    candidates.append(SearchCandidate(row: row, words: words))
                }
            }
            let averages = SearchCandidate.averageLengths(candidates)
            let ranked = candidates.map { ($0, $0.score(averageLengths: averages)) }.sorted {
                ($0.0.tier, -$0.1, $0.0.slug, $0.0.locale) < ($1.0.tier, -$1.1, $1.0.slug, $1.0.locale)
            }
            return ranked.prefix(limit).map { candidate, _ in
                SearchHit(slug: candidate.slug, locale: candidate.locale, status: candidate.status, title: candidate.title,
                          snippet: Self.snippet(summary: candidate.summary, body: candidate.body, words: Set(folded)),
                          exactSpelling: candidate.tier <= 2)
            }
        }
    }

    /// The newest `count` translations matching `match` and the filters, with their stored text and its
    /// folded form.
    private static func candidates(_ db: Database, match: String, query: SearchQuery, count: Int) throws -> [Row] {
        var sql = """
            SELECT s.rowid, s.title AS title_folded, s.summary AS summary_folded, s.body AS body_folded,
                   r.title, r.summary, r.body, t.material_slug, t.locale, t.status
            FROM translation_search s JOIN translation t ON t.id = s.rowid JOIN revision r ON r.id = t.head_revision_id
            WHERE translation_search MATCH ?
            """
        var arguments: StatementArguments = [match]
        if let locale = query.locale { sql += " AND t.locale = ?"; arguments += [locale] }
        if let status = query.status { sql += " AND t.status = ?"; arguments += [status.rawValue] }
        if let topic = query.topic {
            sql += " AND EXISTS (SELECT 1 FROM material m, json_each(m.topics) j WHERE m.slug = t.material_slug AND j.value = ?)"
            arguments += [topic]
        }
        sql += " ORDER BY s.rowid DESC LIMIT ?"
        arguments += [count]
        return try Row.fetchAll(db.cachedStatement(sql: sql), arguments: arguments)
    }

    /// Whether FTS5's unicode61 tokenizer counts `scalar` as part of a word: letters, digits and marks.
    static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x30...0x39, 0x41...0x5A, 0x61...0x7A, 0x300...0x36F, 0x1E00...0x1EFF: return true
        case 0...0x7F: return false
        default:
            let properties = scalar.properties
            return properties.isAlphabetic || properties.numericType != nil || properties.generalCategory == .nonspacingMark
                || properties.generalCategory == .spacingMark
        }
    }

    /// Splits text into the distinct words FTS5's unicode61 tokenizer would index (at most 16).
    static func searchWords(_ text: String) -> [String] {
        var words: [String] = []
        var current = ""
        for scalar in text.unicodeScalars {
            if isWordScalar(scalar) {
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
            let tokens = text.unicodeScalars.split(whereSeparator: isWhitespace).map(Substring.init)
            // A token that starts with an ASCII letter no word starts with cannot match: most are rejected
            // without folding them.
            let firstBytes = Set(words.compactMap(\.utf8.first))
            let isMatch = { (token: Substring) in
                let core = trimmingPunctuation(token)
                if let byte = core.utf8.first, byte < 0x80, !firstBytes.contains(byte | 0x20) { return false }
                return words.contains(TextFolding.fold(String(core)))
            }
            guard let first = tokens.firstIndex(where: isMatch) else { continue }
            let start = max(0, first - 8), end = min(tokens.count, first + 12)
            let inner = tokens[start..<end].map { isMatch($0) ? "«\($0)»" : String($0) }.joined(separator: " ")
            return (start > 0 ? "… " : "") + inner + (end < tokens.count ? " …" : "")
        }
        return String(summary.prefix(160))
    }
}

/// `token` without the punctuation and symbols (Unicode categories P and S) at either end, as
/// Foundation's `trimmingCharacters(in: .punctuationCharacters.union(.symbols))` gives it, at a fraction
/// of the cost.
private func trimmingPunctuation(_ token: Substring) -> Substring {
    func isPunctuationOrSymbol(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII {
            return (0x21...0x7E).contains(scalar.value) && !scalar.properties.isAlphabetic && !("0"..."9").contains(scalar)
        }
        switch scalar.properties.generalCategory {
        case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation, .initialPunctuation,
             .finalPunctuation, .otherPunctuation, .mathSymbol, .currencySymbol, .modifierSymbol, .otherSymbol: return true
        default: return false
        }
    }
    let scalars = token.unicodeScalars
    guard let first = scalars.firstIndex(where: { !isPunctuationOrSymbol($0) }),
          let last = scalars.lastIndex(where: { !isPunctuationOrSymbol($0) }) else { return "" }
    return Substring(scalars[first...last])
}

/// White space, answered for ASCII without a Unicode property lookup: most text is ASCII spaces and letters.
private func isWhitespace(_ scalar: Unicode.Scalar) -> Bool {
    scalar.isASCII ? scalar == " " || ("\t"..."\r").contains(scalar) : scalar.properties.isWhitespace
}

/// The words of a query, as typed (NFC, lower case) and folded, as UTF-8.
private struct SearchWords {
    var original: [[UInt8]]
    var folded: [[UInt8]]
    /// Each typed word as it may be written: lower case, capitalised, upper case.
    var originalSpellings: [[[UInt8]]]

    init(original: [String], folded: [String]) {
        self.original = original.map { Array($0.utf8) }
        self.folded = folded.map { Array($0.utf8) }
        originalSpellings = original.map { word in
            var spellings = [Array(word.utf8)]
            let capitalised = Array((word.prefix(1).uppercased() + word.dropFirst()).utf8), upper = Array(word.uppercased().utf8)
            for spelling in [capitalised, upper] where !spellings.contains(spelling) { spellings.append(spelling) }
            return spellings
        }
    }
}

/// One matching translation and what ranking needs to know of it, found by scanning the UTF-8 of its
/// stored and folded text for the query's words (no tokenizing into strings: ranking a hundred
/// candidates must cost well under a millisecond).
private struct SearchCandidate {
    /// Title, summary and body weigh 10, 4 and 1, as a title that names the words says most.
    static let weights: [Double] = [10, 4, 1]

    var slug: String
    var locale: String
    var status: TranslationStatus
    var title: String
    var summary: String
    var body: String
    /// 1: the words as typed, in a row; 2: as typed, anywhere; 3: folded, in a row; 4: folded, anywhere.
    var tier = 4
    /// Per column: how often each folded word occurs, and its length in bytes (for BM25's length
    /// normalisation bytes do as well as words, and cost nothing to count).
    var frequencies: [[Int]] = []
    var lengths: [Int] = []

    init(row: Row, words: SearchWords) {
        slug = row["material_slug"]
        locale = row["locale"]
        status = TranslationStatus(rawValue: row["status"]) ?? .draft
        title = row["title"]
        summary = row["summary"]
        body = row["body"]
        let folded: [[UInt8]] = ["title_folded", "summary_folded", "body_folded"].map { Array((row[$0] as String).utf8) }
        let stored = [title, summary, body].map { Array($0.utf8) }
        frequencies = folded.map { text in words.folded.map { UTF8Words.occurrences(of: [$0], in: text).count } }
        lengths = folded.map(\.count)
        let typedSpellings = words.originalSpellings
        if stored.contains(where: { UTF8Words.containsRun(typedSpellings, in: $0) }) {
            tier = 1
        } else if typedSpellings.allSatisfy({ spellings in stored.contains { !UTF8Words.occurrences(of: spellings, in: $0).isEmpty } }) {
            tier = 2
        } else if folded.contains(where: { UTF8Words.containsRun(words.folded.map { [$0] }, in: $0) }) {
            tier = 3
        }
    }

    /// Average length per column over the candidates, for length normalisation.
    static func averageLengths(_ candidates: [SearchCandidate]) -> [Double] {
        (0..<weights.count).map { column in
            Double(candidates.reduce(0) { $0 + $1.lengths[column] }) / Double(max(1, candidates.count))
        }
    }

    /// BM25 (k1 = 1.2, b = 0.75) over the folded words, weighted by column. Without the inverse document
    /// frequency: every candidate holds every word, and counting how many translations hold a common word
    /// would read most of the index.
    func score(averageLengths: [Double]) -> Double {
        var score = 0.0
        for column in 0..<Self.weights.count {
            let norm = 1.2 * (0.25 + 0.75 * Double(lengths[column]) / max(1, averageLengths[column]))
            for frequency in frequencies[column] where frequency > 0 {
                score += Self.weights[column] * Double(frequency) * 2.2 / (Double(frequency) + norm)
            }
        }
        return score
    }
}

/// Words in UTF-8 text, as FTS5's unicode61 tokenizer sees them (`AppDatabase.isWordScalar`).
private enum UTF8Words {
    /// Whether the scalar that starts at `index` belongs to a word.
    static func isWord(_ text: [UInt8], at index: Int) -> Bool {
        let byte = text[index]
        if byte < 0x80 {
            return (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
        }
        var iterator = text[index...].makeIterator()
        var decoder = UTF8()
        guard case .scalarValue(let scalar) = decoder.decode(&iterator) else { return false }
        return AppDatabase.isWordScalar(scalar)
    }

    /// Start of the scalar that ends right before `index`.
    static func previousScalar(_ text: [UInt8], before index: Int) -> Int {
        var start = index - 1
        while start > 0, text[start] & 0xC0 == 0x80 { start -= 1 }
        return start
    }

    /// End offsets of whole-word occurrences, at `start`, of any of `spellings`, or nil.
    static func match(_ spellings: [[UInt8]], in text: [UInt8], at start: Int) -> Int? {
        for spelling in spellings where start + spelling.count <= text.count {
            let end = start + spelling.count
            if text[start..<end].elementsEqual(spelling), end == text.count || !isWord(text, at: end) { return end }
        }
        return nil
    }

    /// Where whole-word occurrences of any of `spellings` end, in order.
    static func occurrences(of spellings: [[UInt8]], in text: [UInt8]) -> [Int] {
        var ends: [Int] = []
        for spelling in spellings {
            guard let first = spelling.first else { continue }
            var index = 0
            while let start = nextIndex(of: first, in: text, from: index) {
                if start == 0 || !isWord(text, at: previousScalar(text, before: start)), let end = match([spelling], in: text, at: start) {
                    ends.append(end)
                    index = end
                } else {
                    index = start + 1
                }
            }
        }
        return spellings.count > 1 ? ends.sorted() : ends
    }

    /// The next position of `byte` at or after `index` (memchr: this is the inner loop of ranking).
    static func nextIndex(of byte: UInt8, in text: [UInt8], from index: Int) -> Int? {
        guard index < text.count else { return nil }
        return text.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress, let found = memchr(base + index, Int32(byte), buffer.count - index) else { return nil }
            return UnsafeRawPointer(base).distance(to: UnsafeRawPointer(found))
        }
    }

    /// Whether the words occur one right after the other (only non-word characters between them).
    static func containsRun(_ words: [[[UInt8]]], in text: [UInt8]) -> Bool {
        guard let first = words.first else { return false }
        return occurrences(of: first, in: text).contains { end in
            var position = end
            for next in words.dropFirst() {
                while position < text.count, !isWord(text, at: position) { position += 1 }
                guard let after = match(next, in: text, at: position) else { return false }
                position = after
            }
            return true
        }
    }
}
