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

    /// How far back the words in a row are looked for once the words anywhere have filled their quota:
    /// among the store's newest this many translations.
    ///
    /// Folded Vietnamese has about a thousand distinct syllables, so most words a person types occur in a
    /// large share of the texts, and the phrase query reads the positions of every translation that holds
    /// all of them. In a store of 100,000 translations that was half the time of a two-word search and
    /// most of its slowest ones. A store of up to this size is searched whole, as before; beyond it, an
    /// older translation with the words in a row is ranked when it is among the newest
    /// `searchCandidateLimit` that hold the words anywhere, as every other match is.
    static let searchPhraseWindow: Int64 = 10_000

    /// Full-text search over the newest title, summary and body of every translation.
    ///
    /// Insensitive to Vietnamese tone marks and to đ/Đ ("buon ban nguoi" finds "buôn bán người"). Best first:
    /// the words as typed (marks included) in a row, as typed anywhere, then the same without marks; within
    /// each, by how often the words occur, weighted by column (title, summary, body). Whatever a person
    /// types is searched as plain words: quotes, operators and stars are never FTS5 syntax, so no query is
    /// an error.
    ///
    /// Ranked are the newest `searchCandidateLimit` translations holding the words anywhere and the newest
    /// as many holding them in a row, looked for among the store's newest `searchPhraseWindow`.
    ///
    /// The index holds only folded text (see `SearchIndex`): FTS5 finds the candidates by rowid, and one
    /// pass over the stored text of each decides its tier and counts its words (`SearchScanner`). Only
    /// the page that is returned is read again for its title and snippet.
    public func search(_ query: SearchQuery) throws -> [SearchHit] {
        try search(query, phraseWindow: Self.searchPhraseWindow)
    }

    /// `search(_:)` with the words in a row looked for among the newest `phraseWindow` translations.
    func search(_ query: SearchQuery, phraseWindow: Int64) throws -> [SearchHit] {
        let original = Self.searchWords(TextFolding.nfc(query.text).lowercased())
        let folded = Self.searchWords(TextFolding.fold(query.text))
        guard !folded.isEmpty, query.limit > 0 else { return [] }
        let limit = min(query.limit, 200)
        return try writer.read { db in
            try Self.checkFilters(of: query, db)
            let scanner = SearchScanner(original: original, folded: folded)
            var candidates: [SearchCandidate] = []
            var seen = Set<Int64>()
            let count = max(limit, Self.searchCandidateLimit)
            func collect(_ match: String, newerThan: Int64 = 0) throws {
                let rows = try Self.candidates(db, match: match, query: query, count: count, newerThan: newerThan)
                while let row = try rows.next() {
                    let id: Int64 = row[0]
                    guard seen.insert(id).inserted else { continue }
                    candidates.append(try scanner.candidate(id: id, row: row))
                }
            }
            // The words anywhere first: that query stops at the newest `count` matches and costs little. When
            // it finds fewer, it has found every match, the words in a row among them, and the phrase query
            // (which reads the positions of every translation holding all the words) has nothing to add.
            try collect(Self.all(folded))
            if folded.count > 1, candidates.count == count {
                let newest = try Int64.fetchOne(db.cachedStatement(sql: "SELECT max(id) FROM translation")) ?? 0
                try collect(Self.phrase(folded), newerThan: newest - phraseWindow)
            }
            let averages = SearchCandidate.averageLengths(candidates)
            let page = candidates.map { ($0, $0.score(averageLengths: averages)) }.sorted {
                ($0.0.tier, -$0.1, $0.0.slug, $0.0.locale) < ($1.0.tier, -$1.1, $1.0.slug, $1.0.locale)
            }.prefix(limit).map(\.0)
            let texts = try Self.pageTexts(db, ids: page.map(\.id))
            return page.compactMap { candidate in
                guard let text = texts[candidate.id] else { return nil }
                return SearchHit(slug: candidate.slug, locale: candidate.locale, status: text.status, title: text.title,
                                 snippet: Self.snippet(summary: text.summary, body: text.body, words: scanner.folded),
                                 exactSpelling: candidate.tier <= 2)
            }
        }
    }

    /// The newest `count` translations matching `match` and the filters, among those whose id is above
    /// `newerThan`: id, slug, locale and the stored title, summary and body, which `SearchScanner` reads
    /// in place.
    ///
    /// Only the rowid of the index is read, never its own copy of the (folded) text. FTS5 takes the bound
    /// on the rowid as a range, so a phrase query reads only the positions of the translations in it.
    private static func candidates(_ db: Database, match: String, query: SearchQuery, count: Int,
                                   newerThan: Int64) throws -> RowCursor {
        // The index's rowid is minus the translation id (see `SearchIndex`): ascending is newest first.
        var sql = """
            SELECT t.id, t.material_slug, t.locale, r.title, r.summary, r.body
            FROM translation_search s JOIN translation t ON t.id = -s.rowid JOIN revision r ON r.id = t.head_revision_id
            WHERE translation_search MATCH ?
            """
        var arguments: StatementArguments = [match]
        if newerThan > 0 { sql += " AND s.rowid < ?"; arguments += [-newerThan] }
        if let locale = query.locale { sql += " AND t.locale = ?"; arguments += [locale] }
        if let status = query.status { sql += " AND t.status = ?"; arguments += [status.rawValue] }
        if let topic = query.topic {
            sql += " AND EXISTS (SELECT 1 FROM material m, json_each(m.topics) j WHERE m.slug = t.material_slug AND j.value = ?)"
            arguments += [topic]
        }
        sql += " ORDER BY s.rowid LIMIT ?"
        arguments += [count]
        return try Row.fetchCursor(db.cachedStatement(sql: sql), arguments: arguments)
    }

    /// A filter naming a locale or topic the store does not have would match nothing, which reads as "no
    /// text says this"; a typo ("hmm" for "hmn") is said instead, with what the store has.
    private static func checkFilters(of query: SearchQuery, _ db: Database) throws {
        if let locale = query.locale,
           try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM locale WHERE code = ?)", arguments: [locale]) != true {
            let codes = try String.fetchAll(db, sql: "SELECT code FROM locale ORDER BY code")
            throw LoaError.notFound("locale '\(locale)' (the store has \(codes.joined(separator: ", ")))")
        }
        if let topic = query.topic, try Bool.fetchOne(db, sql: """
            SELECT EXISTS (SELECT 1 FROM material m, json_each(m.topics) j WHERE j.value = ?)
            """, arguments: [topic]) != true {
            let topics = try String.fetchAll(db, sql: "SELECT DISTINCT j.value FROM material m, json_each(m.topics) j ORDER BY 1")
            throw LoaError.notFound("topic '\(topic)' (the materials' topics are \(topics.joined(separator: ", ")))")
        }
    }

    /// Status, title, summary and body of the translations of one page of results, by id.
    private static func pageTexts(_ db: Database, ids: [Int64]) throws -> [Int64: PageText] {
        guard !ids.isEmpty else { return [:] }
        let rows = try Row.fetchCursor(db.cachedStatement(sql: """
            SELECT t.id, t.status, r.title, r.summary, r.body
            FROM translation t JOIN revision r ON r.id = t.head_revision_id
            WHERE t.id IN (SELECT value FROM json_each(?))
            """), arguments: ["[" + ids.map(String.init).joined(separator: ",") + "]"])
        var texts: [Int64: PageText] = [:]
        while let row = try rows.next() {
            texts[row[0]] = PageText(status: TranslationStatus(rawValue: row[1]) ?? .draft, title: row[2], summary: row[3], body: row[4])
        }
        return texts
    }

    private struct PageText {
        var status: TranslationStatus
        var title: String
        var summary: String
        var body: String
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
    ///
    /// Words here are what white space separates; a match is one whose folded form, without the punctuation
    /// and symbols at either end, is one of `words`. Whatever white space stood between the words shown
    /// becomes one space.
    static func snippet(summary: String, body: String, words: FoldedWordMatcher) -> String {
        let maker = SnippetMaker(words: words)
        for text in [summary, body] {
            if let snippet = maker.snippet(of: text) { return snippet }
        }
        return String(summary.prefix(160))
    }
}

/// One matching translation and what ranking needs to know of it.
private struct SearchCandidate {
    /// Title, summary and body weigh 10, 4 and 1, as a title that names the words says most.
    static let weights: [Double] = [10, 4, 1]

    var id: Int64
    var slug: String
    var locale: String
    /// 1: the words as typed, in a row; 2: as typed, anywhere; 3: folded, in a row; 4: folded, anywhere.
    var tier = 4
    /// Per column, how often each folded word of the query occurs (`column * words + word`).
    var frequencies: [Int]
    /// Per column, how many words it has.
    var lengths: [Int]

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
        let words = frequencies.count / Self.weights.count
        for column in 0..<Self.weights.count {
            let norm = 1.2 * (0.25 + 0.75 * Double(lengths[column]) / max(1, averageLengths[column]))
            for frequency in frequencies[(column * words)..<((column + 1) * words)] where frequency > 0 {
                score += Self.weights[column] * Double(frequency) * 2.2 / (Double(frequency) + norm)
            }
        }
        return score
    }
}

/// Reads the stored title, summary and body of a candidate once, word by word as FTS5's unicode61
/// tokenizer splits them: how often each folded query word occurs per column, how many words each column
/// has, and whether the words occur as typed and in a row. No strings are made, and a word is compared
/// only as far as its first byte that no query word has (`FoldedWordMatcher`): ranking a hundred
/// candidates must cost well under a millisecond.
private struct SearchScanner {
    /// The query's words as typed (NFC, lower case): each as it may be written (lower case, capitalised,
    /// upper case), UTF-8.
    let originalSpellings: [[[UInt8]]]
    /// The query's folded words.
    let folded: FoldedWordMatcher
    /// First bytes a typed spelling can start with: most words start with none of them.
    private var typedFirstBytes = [Bool](repeating: false, count: 256)

    init(original: [String], folded: [String]) {
        originalSpellings = original.map { word in
            var spellings = [Array(word.utf8)]
            let capitalised = Array((word.prefix(1).uppercased() + word.dropFirst()).utf8), upper = Array(word.uppercased().utf8)
            for spelling in [capitalised, upper] where !spellings.contains(spelling) { spellings.append(spelling) }
            return spellings
        }
        self.folded = FoldedWordMatcher(words: folded.map { Array($0.utf8) })
        for spelling in originalSpellings.joined() { if let first = spelling.first { typedFirstBytes[Int(first)] = true } }
    }

    /// The candidate of a row of `AppDatabase.candidates`.
    func candidate(id: Int64, row: Row) throws -> SearchCandidate {
        var candidate = SearchCandidate(id: id, slug: row[1], locale: row[2],
                                        frequencies: [Int](repeating: 0, count: 3 * folded.words.count), lengths: [0, 0, 0])
        var state = ScanState()
        for column in 0..<3 {
            try row.withUnsafeData(atIndex: 3 + column) { data in
                guard let data else { return }
                data.withUnsafeBytes { raw in
                    scan(raw.bindMemory(to: UInt8.self), column: column, into: &candidate, state: &state)
                }
            }
        }
        let allTyped: UInt32 = originalSpellings.count == 32 ? .max : (1 << UInt32(originalSpellings.count)) - 1
        candidate.tier = state.typedRun ? 1 : state.typedPresent == allTyped ? 2 : state.foldedRun ? 3 : 4
        return candidate
    }

    /// What the columns read so far say of the typed words.
    private struct ScanState {
        /// A bit per typed word that occurs.
        var typedPresent: UInt32 = 0
        var typedRun = false
        var foldedRun = false
    }

    private func scan(_ text: UnsafeBufferPointer<UInt8>, column: Int, into candidate: inout SearchCandidate,
                      state: inout ScanState) {
        let table = ScalarTable.shared
        let wordCount = folded.words.count
        // How many of the query's words, typed and folded, the last words read match in a row.
        var typedRunLength = 0, foldedRunLength = 0
        var words = 0
        var index = 0
        while index < text.count {
            var (scalar, length) = decodeScalar(text, at: index)
            var info = table.info(scalar)
            guard info.isWord else {
                index += length
                continue
            }
            // A word: compared with the query's folded words while it may still be one of them.
            let start = index
            var progress = folded.start
            var end = index
            while true {
                folded.advance(&progress, scalar: scalar, info: info)
                index += length
                end = index
                guard index < text.count else { break }
                (scalar, length) = decodeScalar(text, at: index)
                info = table.info(scalar)
                // The scalar that ends the word is no word's: read once, and passed here.
                guard info.isWord else {
                    index += length
                    break
                }
            }
            words += 1
            let foldedMatch = folded.match(progress) ?? -1
            if foldedMatch >= 0 { candidate.frequencies[column * wordCount + foldedMatch] += 1 }
            if !state.foldedRun {
                foldedRunLength = foldedMatch == foldedRunLength ? foldedRunLength + 1 : (foldedMatch == 0 ? 1 : 0)
                if foldedRunLength == wordCount { state.foldedRun = true }
            }
            // As typed: a bit per query word this word is a spelling of.
            var typed: UInt32 = 0
            if typedFirstBytes[Int(text[start])] {
                let word = UnsafeBufferPointer(rebasing: text[start..<end])
                for (position, spellings) in originalSpellings.enumerated() where spellings.contains(where: { Self.equal($0, word) }) {
                    typed |= 1 << UInt32(position)
                }
            }
            state.typedPresent |= typed
            if !state.typedRun, !originalSpellings.isEmpty {
                typedRunLength = typed & (1 << UInt32(typedRunLength)) != 0 ? typedRunLength + 1 : (typed & 1 != 0 ? 1 : 0)
                if typedRunLength == originalSpellings.count { state.typedRun = true }
            }
        }
        candidate.lengths[column] = words
    }

    /// Whether `spelling` and the non-empty `word` are the same bytes.
    @inline(__always)
    private static func equal(_ spelling: [UInt8], _ word: UnsafeBufferPointer<UInt8>) -> Bool {
        spelling.count == word.count && spelling.withUnsafeBufferPointer { memcmp($0.baseAddress!, word.baseAddress!, word.count) == 0 }
    }
}

/// Finds the first match in a text and the words around it, on the UTF-8 of the text.
private struct SnippetMaker {
    let words: FoldedWordMatcher

    func snippet(of text: String) -> String? {
        var text = text
        return text.withUTF8 { snippet(of: $0) }
    }

    private func snippet(of text: UnsafeBufferPointer<UInt8>) -> String? {
        var tokens: [Range<Int>] = []
        var first: Int?
        var index = 0
        while let token = nextToken(text, from: &index) {
            tokens.append(token)
            if let first {
                if tokens.count >= first + 12 { break }
            } else if match(in: text, token) != nil {
                first = tokens.count - 1
            }
        }
        guard let first else { return nil }
        let start = max(0, first - 8), end = min(tokens.count, first + 12)
        let more = end < tokens.count || nextToken(text, from: &index) != nil
        func string(_ range: Range<Int>) -> String { String(decoding: UnsafeBufferPointer(rebasing: text[range]), as: UTF8.self) }
        // The marks go around the word only: "«người»." rather than "«người.»".
        let inner = tokens[start..<end].map { token in
            guard let word = match(in: text, token) else { return string(token) }
            return string(token.lowerBound..<word.lowerBound) + "«" + string(word) + "»" + string(word.upperBound..<token.upperBound)
        }.joined(separator: " ")
        return (start > 0 ? "… " : "") + inner + (more ? " …" : "")
    }

    /// The next run of scalars other than white space at or after `index`, which moves past it.
    private func nextToken(_ text: UnsafeBufferPointer<UInt8>, from index: inout Int) -> Range<Int>? {
        let table = ScalarTable.shared
        var start = -1
        while index < text.count {
            let (scalar, length) = decodeScalar(text, at: index)
            if table.info(scalar).isWhitespace {
                if start >= 0 { return start..<index }
            } else if start < 0 {
                start = index
            }
            index += length
        }
        return start >= 0 ? start..<index : nil
    }

    /// The token without the punctuation and symbols at either end, when that folds to one of the words.
    private func match(in text: UnsafeBufferPointer<UInt8>, _ token: Range<Int>) -> Range<Int>? {
        let table = ScalarTable.shared
        var start = token.lowerBound, end = token.upperBound
        while start < end {
            let (scalar, length) = decodeScalar(text, at: start)
            if !table.info(scalar).isPunctuationOrSymbol { break }
            start += length
        }
        while end > start {
            var last = end - 1
            while last > start, text[last] & 0xC0 == 0x80 { last -= 1 }
            if !table.info(decodeScalar(text, at: last).scalar).isPunctuationOrSymbol { break }
            end = last
        }
        var progress = words.start
        var index = start
        while index < end, progress.alive != 0 {
            let (scalar, length) = decodeScalar(text, at: index)
            words.advance(&progress, scalar: scalar, info: table.info(scalar))
            index += length
        }
        return index == end && words.match(progress) != nil ? start..<end : nil
    }
}
