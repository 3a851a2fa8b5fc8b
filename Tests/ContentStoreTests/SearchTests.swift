import CampaignModel
@testable import ContentStore
import Foundation
import GRDB
import Testing

@Suite struct SearchTests {
    typealias F = StoreFixture
    let database: AppDatabase

    init() throws {
        database = try F.database()
        let materials = [
            ("trafficking", "Phòng chống buôn bán người", "Buôn bán người là tội phạm nghiêm trọng ở vùng biên giới.", ["law"]),
            ("ethnic", "Đồng bào dân tộc", "Dân tộc thiểu số ở vùng núi cần thông tin bằng tiếng mẹ đẻ.", ["community"]),
            ("plain", "Buon ban hang", "Chợ phiên buon ban hang hoa.", ["community"]),
            ("scattered", "Chợ phiên", "Người bán rau đi buôn xa.", ["community"]),
        ]
        let folders = materials.map { slug, title, body, topics in
            MaterialFolder(material: Material(slug: slug, topics: topics, audiences: [], sourceLocale: "vi", channels: [.sms]),
                           translations: [TranslationFile(locale: "vi", status: .published,
                                                          content: TranslationContent(title: title, summary: "Tóm tắt", body: body + "\n"),
                                                          path: "\(slug)/vi.md")])
        }
        try database.importContent(ContentBundle(locales: [F.vi, F.hmn], materials: folders), actor: "import")
    }

    @Test func toneMarksAndDAreFolded() throws {
        let hits = try database.search(SearchQuery(text: "buon ban nguoi"))
        #expect(hits.first?.slug == "trafficking")
        #expect(try database.search(SearchQuery(text: "dan toc")).map(\.slug) == ["ethnic"])
        #expect(try database.search(SearchQuery(text: "DONG BAO")).map(\.slug) == ["ethnic"])
    }

    /// Text in Tai Viet, the script of Thái, is ranked and marked as Latin text is (its scalars have a table
    /// of their own, far above the Latin ones).
    @Test func taiVietTextIsSearchable() throws {
        let folder = MaterialFolder(material: Material(slug: "tai-viet", topics: [], audiences: [], sourceLocale: "vi", channels: [.sms]),
                                    translations: [TranslationFile(locale: "hmn", status: .published,
                                                                   content: TranslationContent(title: "ꪀꪱ", summary: "ꪁꪫ ꪒꪾ ꪀꪱ.", body: "ꪒꪾ\n"),
                                                                   path: "tai-viet/hmn.md")])
        try database.importContent(ContentBundle(locales: [F.vi, F.hmn], materials: [folder]), actor: "import")
        let hits = try database.search(SearchQuery(text: "ꪒꪾ ꪀꪱ"))
        #expect(hits.map(\.slug) == ["tai-viet"])
        #expect(hits.first?.snippet == "ꪁꪫ «ꪒꪾ» «ꪀꪱ».")
        #expect(hits.first?.exactSpelling == true)
    }

    @Test func wordsInARowRankFirst() throws {
        #expect(try database.search(SearchQuery(text: "buôn bán người")).map(\.slug) == ["trafficking", "scattered"])
        #expect(try database.search(SearchQuery(text: "buon ban nguoi")).map(\.slug) == ["trafficking", "scattered"])
    }

    @Test func exactSpellingRanksFirst() throws {
        let hits = try database.search(SearchQuery(text: "buôn bán"))
        #expect(hits.map(\.slug) == ["trafficking", "scattered", "plain"])
        #expect(hits.map(\.exactSpelling) == [true, true, false])
        let folded = try database.search(SearchQuery(text: "buon ban"))
        #expect(Set(folded.map(\.slug)) == ["trafficking", "plain", "scattered"])
        #expect(folded.first?.slug == "plain", "typed without marks, the unmarked text is the exact match")
    }

    @Test func decomposedQueriesFindComposedText() throws {
        let nfd = "buôn bán người".decomposedStringWithCanonicalMapping
        #expect(try database.search(SearchQuery(text: nfd)).first?.exactSpelling == true)
    }

    @Test func snippetsMarkTheMatches() throws {
        let hit = try #require(try database.search(SearchQuery(text: "toi pham")).first)
        #expect(hit.snippet.contains("«tội» «phạm»"))
    }

    @Test func filtersByLocaleStatusAndTopic() throws {
        #expect(try database.search(SearchQuery(text: "buon", topic: "law")).map(\.slug) == ["trafficking"])
        #expect(try database.search(SearchQuery(text: "buon", locale: "hmn")).isEmpty)
        #expect(try database.search(SearchQuery(text: "buon", status: .draft)).isEmpty)
        #expect(try database.search(SearchQuery(text: "buon", status: .published)).count == 3)
    }

    /// A locale or topic the store does not have is a typo to report, not a search with no results.
    @Test func unknownLocalesAndTopicsAreNamed() throws {
        #expect(throws: LoaError.notFound("locale 'hmm' (the store has hmn, vi)")) {
            try database.search(SearchQuery(text: "buon", locale: "hmm"))
        }
        #expect(throws: LoaError.notFound("topic 'laws' (the materials' topics are community, law)")) {
            try database.search(SearchQuery(text: "buon", topic: "laws"))
        }
        #expect(try database.search(SearchQuery(text: "buon", locale: "hmn", topic: "community")).isEmpty)
    }

    @Test(arguments: ["\"buôn", "buôn AND", "*", "NEAR(", "\"\"", "title:", "-", "buôn OR \"", "{title}", "^", ""])
    func anythingTypedIsPlainWords(text: String) throws {
        let hits = try database.search(SearchQuery(text: text))
        // Every word must match: "buôn" alone finds the material, "buôn AND" also wants the word "and".
        if text == "\"buôn" { #expect(hits.contains { $0.slug == "trafficking" }) }
        if text == "*" || text == "" { #expect(hits.isEmpty) }
    }

    /// The matcher decides, scalar by scalar, what folding a whole word and comparing it would: for every
    /// scalar below U+2200, all of Tai Viet and a few more (Khmer, CJK, an emoji, a lone surrogate's stand-in),
    /// alone and around the query's words, long folds and words of combining marks alone among them.
    @Test func foldedWordMatcherAgreesWithFolding() throws {
        let values: [UInt32] = Array(0..<0x2200) + Array(0xAA70..<0xAAF0) + [0x1780, 0x17D2, 0x4E2D, 0x1F600, 0xFFFD, 0xFB03, 0x0130]
        let scalars = values.compactMap(Unicode.Scalar.init)
        // The tables hold what would be computed, at their edges too.
        for scalar in scalars { #expect(ScalarTable.shared.info(scalar.value).bits == ScalarInfo(scalar.value).bits) }
        let longFolds = scalars.filter { TextFolding.fold(String($0)).utf8.count > 3 }
        #expect(!longFolds.isEmpty, "scalars whose folded form is longer than three bytes take the matcher's slow path")
        let queryWords = ["buon", "nguoi", "d", "dan", "toc", "ffi", "i"] + longFolds.prefix(3).map { TextFolding.fold(String($0)) }
        let matcher = FoldedWordMatcher(words: queryWords.map { Array($0.utf8) })
        let table = ScalarTable.shared
        func matched(_ word: String) -> Int? {
            var progress = matcher.start
            for scalar in word.unicodeScalars {
                matcher.advance(&progress, scalar: scalar.value, info: table.info(scalar.value))
            }
            return matcher.match(progress)
        }
        func expected(_ word: String) -> Int? {
            let folded = TextFolding.fold(word)
            return folded.isEmpty ? nil : queryWords.firstIndex(of: folded)
        }
        var checked = 0
        for scalar in scalars {
            for word in [String(scalar), "Đ" + String(scalar), "bu" + String(scalar) + "n", String(scalar) + "\u{0301}"] {
                #expect(matched(word) == expected(word), "\(word.unicodeScalars.map { String($0.value, radix: 16) })")
                checked += 1
            }
        }
        for word in ["Buôn", "BUÔN", "buôn", "bu\u{0302}n", "Người", "ĐÂN", "dân", "tộc", "\u{0301}", "\u{0301}\u{0300}", "İ", "ﬃ", "buo", "buonn"] {
            #expect(matched(word) == expected(word), "\(word)")
        }
        #expect(checked > 30_000)
    }

    @Test func snippetsMatchTheReferenceDefinition() throws {
        let words: Set<String> = ["buon", "ban", "nguoi", "toi"]
        let texts = [
            "Buôn bán người là tội phạm nghiêm trọng ở vùng biên giới.",
            "«Buôn» (bán)  người\n\n- tội-phạm, ĐỒNG BÀO; “người” … toi!",
            "Một hai ba bốn năm sáu bảy tám chín mười mười một mười hai buôn mười ba mười bốn mười lăm mười sáu mười bảy mười tám mười chín hai mươi",
            "không có gì", "", "  buôn  ", "Ｂuôn\u{00A0}bán\u{2003}người", "*** buôn ***", "BUÔN", "tội.",
        ]
        // The marks go around the word, not the punctuation next to it.
        #expect(AppDatabase.snippet(summary: "“Người” (bán) là tội.", body: "", words: FoldedWordMatcher(words: words.map { Array($0.utf8) }))
                == "“«Người»” («bán») là «tội».")
        for summary in texts {
            for body in ["", "Body: buôn bán người."] {
                #expect(AppDatabase.snippet(summary: summary, body: body, words: FoldedWordMatcher(words: words.map { Array($0.utf8) }))
                        == referenceSnippet(summary: summary, body: body, words: words), "\(summary) / \(body)")
            }
        }
    }

    /// The words in a row are found past the newest matches of the words anywhere: the phrase query still
    /// runs when the words-anywhere query fills its quota.
    @Test func wordsInARowRankFirstBeyondTheNewestMatches() throws {
        let database = try F.database()
        var folders = [MaterialFolder(material: Material(slug: "old-phrase", topics: [], audiences: [], sourceLocale: "vi", channels: [.sms]),
                                      translations: [TranslationFile(locale: "vi", status: .published,
                                                                     content: TranslationContent(title: "Cũ", summary: "Tóm tắt", body: "Cảnh giác buôn người.\n"),
                                                                     path: "old-phrase/vi.md")])]
        for index in 0..<(AppDatabase.searchCandidateLimit + 10) {
            folders.append(MaterialFolder(material: Material(slug: "apart-\(index)", topics: [], audiences: [], sourceLocale: "vi", channels: [.sms]),
                                          translations: [TranslationFile(locale: "vi", status: .published,
                                                                         content: TranslationContent(title: "Buôn", summary: "Tóm tắt", body: "Người đi buôn xa.\n"),
                                                                         path: "apart-\(index)/vi.md")]))
        }
        try database.importContent(ContentBundle(locales: [F.vi], materials: folders), actor: "import")
        let hits = try database.search(SearchQuery(text: "buon nguoi", limit: 5))
        #expect(hits.first?.slug == "old-phrase")
        #expect(hits.count == 5)
        // The window reaches back exactly as far as it says: the store's newest 61 translations hold the old
        // one, the newest 60 do not, and then it is not among the ranked at all.
        let window = Int64(AppDatabase.searchCandidateLimit + 11)
        #expect(try database.search(SearchQuery(text: "buon nguoi", limit: 5), phraseWindow: window).first?.slug == "old-phrase")
        let outside = try database.search(SearchQuery(text: "buon nguoi", limit: AppDatabase.searchCandidateLimit),
                                          phraseWindow: window - 1)
        #expect(outside.count == AppDatabase.searchCandidateLimit)
        #expect(!outside.contains { $0.slug == "old-phrase" })
    }

    @Test func editsAreSearchable() throws {
        let editor = User(name: "lan", role: .editor)
        let state = try database.translationState(slug: "plain", locale: "vi")
        var content = state.content
        content.body = "Lúa gạo ngô khoai.\n"
        try database.saveDraft(slug: "plain", locale: "vi", content: content, expectedHead: state.head.hash, by: editor)
        #expect(try database.search(SearchQuery(text: "lua gao")).map(\.slug) == ["plain"])
        #expect(try database.search(SearchQuery(text: "hoa")).isEmpty)
    }
}

/// A database made before v6-folded-search, with what the import of that time wrote, is still searchable
/// after the migration rebuilds the index.
@Suite struct SearchMigrationTests {
    @Test func migratingToTheFoldedIndexKeepsExistingTextSearchable() throws {
        let queue = try DatabaseQueue(configuration: AppDatabase.configuration())
        try Schema.migrator.migrate(queue, upTo: "v3-workflow")
        try queue.write { db in
            let at = "2026-01-01T00:00:00.000Z"
            try db.execute(sql: """
                INSERT INTO locale (code, iso639_3, english_name, autonym, script, direction, words_per_minute)
                VALUES ('vi', 'vie', 'Vietnamese', 'Tiếng Việt', 'Latn', 'ltr', 150);
                INSERT INTO material (slug, topics, source_locale, created_at, updated_at)
                VALUES ('trafficking', '["law"]', 'vi', ?, ?);
                INSERT INTO translation (id, material_slug, locale, status, updated_at) VALUES (7, 'trafficking', 'vi', 'published', ?);
                INSERT INTO revision (id, translation_id, number, hash, title, summary, body, author, created_at)
                VALUES (3, 7, 1, ?, 'Phòng chống buôn bán người', 'Tóm tắt', 'Buôn bán người là tội phạm.', 'import', ?);
                UPDATE translation SET head_revision_id = 3, published_revision_id = 3 WHERE id = 7;
                INSERT INTO translation_search (rowid, title, summary, body, title_folded, summary_folded, body_folded)
                VALUES (7, 'Phòng chống buôn bán người', 'Tóm tắt', 'Buôn bán người là tội phạm.',
                        'phong chong buon ban nguoi', 'tom tat', 'buon ban nguoi la toi pham.');
                """, arguments: [at, at, at, String(repeating: "a", count: 64), at])
        }
        let database = try AppDatabase(queue)
        #expect(try database.appliedMigrations() == AppDatabase.migrations)
        let hits = try database.search(SearchQuery(text: "buôn bán người"))
        #expect(hits.map(\.slug) == ["trafficking"])
        #expect(hits.first?.exactSpelling == true)
        #expect(try database.search(SearchQuery(text: "toi pham")).map(\.snippet) == ["Buôn bán người là «tội» «phạm»."])
    }

    /// v7 turns the index's rowids into minus the translation ids: what v6 indexed is still found under its
    /// translation, and edits after the migration replace their rows rather than adding to them. (That the
    /// newest matches are the ones ranked is `wordsInARowRankFirstBeyondTheNewestMatches`.)
    @Test func migratingToTheNewestFirstIndexKeepsEveryTextAndItsOrder() throws {
        let queue = try DatabaseQueue(configuration: AppDatabase.configuration())
        try Schema.migrator.migrate(queue, upTo: "v6-folded-search")
        let at = "2026-01-01T00:00:00.000Z"
        try queue.write { db in
            try db.execute(sql: """
                INSERT INTO locale (code, iso639_3, english_name, autonym, script, direction, words_per_minute)
                VALUES ('vi', 'vie', 'Vietnamese', 'Tiếng Việt', 'Latn', 'ltr', 150);
                """)
            for id in 1...3 {
                try db.execute(sql: """
                    INSERT INTO material (slug, topics, source_locale, created_at, updated_at) VALUES (?, '[]', 'vi', ?, ?);
                    INSERT INTO translation (id, material_slug, locale, status, updated_at) VALUES (?, ?, 'vi', 'published', ?);
                    INSERT INTO revision (id, translation_id, number, hash, title, summary, body, author, created_at)
                    VALUES (?, ?, 1, ?, ?, 'Tóm tắt', 'Buôn bán người là tội phạm.', 'import', ?);
                    UPDATE translation SET head_revision_id = ?, published_revision_id = ? WHERE id = ?;
                    INSERT INTO translation_search (rowid, title, summary, body) VALUES (?, ?, 'tom tat', 'buon ban nguoi la toi pham.');
                    """, arguments: ["m\(id)", at, at, id, "m\(id)", at, id, id, String(repeating: "\(id)", count: 64), "Số \(id)", at,
                                     id, id, id, id, "so \(id)"])
            }
        }
        let database = try AppDatabase(queue)
        #expect(try database.appliedMigrations() == AppDatabase.migrations)
        #expect(try database.search(SearchQuery(text: "buon ban")).map(\.slug) == ["m1", "m2", "m3"])
        #expect(try database.search(SearchQuery(text: "so 2")).map(\.slug) == ["m2"])
        let state = try database.translationState(slug: "m2", locale: "vi")
        var content = state.content
        content.body = "Lúa gạo.\n"
        try database.saveDraft(slug: "m2", locale: "vi", content: content, expectedHead: state.head.hash,
                               by: User(name: "lan", role: .editor))
        #expect(try database.search(SearchQuery(text: "buon ban")).map(\.slug) == ["m1", "m3"])
        #expect(try database.search(SearchQuery(text: "lua gao")).map(\.slug) == ["m2"])
        #expect(try queue.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM translation_search") } == 3)
    }
}

/// Snippets as first defined, on strings: the fast snippet of `AppDatabase` must give the same text.
private func referenceSnippet(summary: String, body: String, words: Set<String>) -> String {
    for text in [summary, body] {
        let tokens = text.split(whereSeparator: { $0.unicodeScalars.allSatisfy(\.properties.isWhitespace) }).map(String.init)
        let core = { (token: String) in token.trimmingCharacters(in: .punctuationCharacters.union(.symbols)) }
        let isMatch = { (token: String) in words.contains(TextFolding.fold(core(token))) }
        // Marks around the word, the punctuation at either end left outside them.
        let marked = { (token: String) -> String in
            guard let range = token.range(of: core(token)) else { return token }
            return String(token[..<range.lowerBound]) + "«" + core(token) + "»" + String(token[range.upperBound...])
        }
        guard let first = tokens.firstIndex(where: isMatch) else { continue }
        let start = max(0, first - 8), end = min(tokens.count, first + 12)
        let inner = tokens[start..<end].map { isMatch($0) ? marked($0) : $0 }.joined(separator: " ")
        return (start > 0 ? "… " : "") + inner + (end < tokens.count ? " …" : "")
    }
    return String(summary.prefix(160))
}
