@testable import CampaignModel
import Foundation
import PropertyBased
import Testing

@Suite struct TextFoldingTests {
    @Test func foldsVietnameseToneMarksAndD() {
        #expect(TextFolding.fold("Buôn bán người") == "buon ban nguoi")
        #expect(TextFolding.fold("Đường dây DÂN TỘC") == "duong day dan toc")
        #expect(TextFolding.fold("Hòa Thuỷ Khánh Hoà") == "hoa thuy khanh hoa")
    }

    @Test func foldGivesTheSameResultForNFCAndNFD() {
        let nfc = "Phòng, chống mua bán người"
        let nfd = nfc.decomposedStringWithCanonicalMapping
        #expect(nfc.unicodeScalars.count != nfd.unicodeScalars.count)
        #expect(TextFolding.fold(nfc) == TextFolding.fold(nfd))
        #expect(TextFolding.nfc(nfd) == nfc)
    }

    @Test func fastFoldEqualsTheReferenceDefinition() async {
        await propertyCheck(input: Gen.character(in: " "..."\u{1FFF}").string(of: 0...40)) { text in
            #expect(TextFolding.fold(text) == TextFolding.foldReference(text), "\(text.unicodeScalars.map { String($0.value, radix: 16) })")
        }
        for text in ["ĐƯỜNG Dây", "Hmoob", "İstanbul", "ǅ", "ẞ", "Ꙁ", "ꪼꪕꪒꪾ"] {
            #expect(TextFolding.fold(text) == TextFolding.foldReference(text))
        }
    }

    /// `fold` looks scalars below U+2000 up in a table made from generated data; this holds that data equal to
    /// the definition for every one of them, and with LOA_WRITE_FOLD_TABLE=1 writes the data anew.
    @Test func foldTableIsTheDefinitionForEveryScalar() throws {
        var exceptions: [String] = []
        for value in UInt32(0)..<UInt32(TextFolding.FoldTable.count) {
            guard let scalar = Unicode.Scalar(value) else { continue }
            let reference = TextFolding.foldReference(String(scalar))
            #expect(TextFolding.fold(String(scalar)) == reference, "U+\(String(value, radix: 16))")
            #expect(Array(TextFolding.foldTable.utf8(of: Int(value))) == Array(reference.utf8), "U+\(String(value, radix: 16))")
            if !reference.unicodeScalars.elementsEqual([scalar]) {
                let folded = reference.unicodeScalars.map { String($0.value, radix: 16, uppercase: true) }
                exceptions.append(String(value, radix: 16, uppercase: true) + ":" + folded.joined(separator: " "))
            }
        }
        guard ProcessInfo.processInfo.environment["LOA_WRITE_FOLD_TABLE"] == "1" else { return }
        let lines = stride(from: 0, to: exceptions.count, by: 12).map {
            "        " + exceptions[$0..<min($0 + 12, exceptions.count)].joined(separator: ";")
        }
        let source = """
            // Generated from `TextFolding.foldReference` by `TextFoldingTests.foldTableIsTheDefinitionForEveryScalar`
            // (run it with LOA_WRITE_FOLD_TABLE=1 to rewrite this file). Do not edit by hand.

            extension TextFolding {
                /// Every scalar below U+2000 whose fold is not the scalar itself, as `SCALAR:FOLDED SCALARS` in hex,
                /// separated by `;` or a line break; an empty right side means the scalar folds to nothing.
                static let foldExceptions = \"\"\"
            \(lines.joined(separator: "\n"))
                    \"\"\"
            }

            """
        let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../Sources/CampaignModel/TextFolding+Table.swift").standardized
        try source.write(to: file, atomically: true, encoding: .utf8)
    }

    @Test func quickNFCCheckNeverSaysYesWrongly() async {
        await propertyCheck(input: Gen.character(in: " "..."\u{2FFF}").string(of: 0...20)) { text in
            if TextFolding.isKnownNFC(text) {
                #expect(text.precomposedStringWithCanonicalMapping.unicodeScalars.elementsEqual(text.unicodeScalars))
            }
        }
        #expect(TextFolding.isKnownNFC("Buôn bán người ở vùng biên giới — “cảnh giác”"))
        #expect(!TextFolding.isKnownNFC("Buôn".decomposedStringWithCanonicalMapping))
    }

    @Test func foldKeepsKhmerVowelSigns() {
        let khmer = "ការជួញដូរមនុស្ស"
        #expect(TextFolding.fold(khmer) == khmer)
    }

    @Test func slugsAreAsciiWithSingleHyphens() {
        #expect(TextFolding.slug("Mua bán người") == "mua-ban-nguoi")
        #expect(TextFolding.slug("  Điều 150 & 151 — Bộ luật Hình sự ") == "dieu-150-151-bo-luat-hinh-su")
        #expect(TextFolding.slug("ខ្មែរ") == "")
    }

    @Test func nfcIsIdempotent() async {
        await propertyCheck(input: Gen.character(in: " "..."\u{1EFF}").string(of: 0...40)) { text in
            let once = TextFolding.nfc(text)
            #expect(TextFolding.nfc(once) == once)
            #expect(TextFolding.fold(TextFolding.fold(text)) == TextFolding.fold(text))
        }
    }

    @Test func generatedSlugsAreValidMaterialSlugs() async {
        await propertyCheck(input: Gen.character(in: " "..."\u{1EFF}").string(of: 0...60)) { text in
            let slug = TextFolding.slug(text)
            if !slug.isEmpty, slug.count <= 80 {
                #expect(Material.slugProblem(slug) == nil, "slug \(slug) from \(text)")
            }
        }
    }

    @Test func slugRulesRefuseUnsafeNames() {
        for bad in ["", "..", "a/b", "Fake-Jobs", "fake jobs", "-lead", "trail-", "dou--ble", "ắ"] {
            #expect(Material.slugProblem(bad) != nil, "\(bad) should be refused")
        }
        #expect(Material.slugProblem("fake-job-offers-2") == nil)
    }
}

@Suite struct SnapshotTests {
    func snapshot() -> Snapshot {
        let vi = LocaleInfo(code: "vi", iso639_3: "vie", englishName: "Vietnamese", autonym: "Tiếng Việt", script: "Latn")
        let hmn = LocaleInfo(code: "hmn", iso639_3: "hmn", englishName: "Hmong", autonym: "Hmoob", script: "Latn",
                             fallbacks: ["vi"])
        let text = TranslationContent(title: "T", summary: "S", body: "B\n")
        return Snapshot(id: "x", takenAt: Date(timeIntervalSince1970: 0), locales: [vi, hmn], materials: [],
                        translations: [PublishedTranslation(slug: "a", locale: "vi", revisionHash: "h", content: text,
                                                            publishedAt: Date(timeIntervalSince1970: 0))])
    }

    @Test func fallsBackThroughTheChain() throws {
        let snapshot = snapshot()
        let own = try #require(snapshot.text(for: "a", in: "vi"))
        #expect(!own.isFallback)
        let fallback = try #require(snapshot.text(for: "a", in: "hmn"))
        #expect(fallback.isFallback)
        #expect(fallback.translation.locale == "vi")
        #expect(snapshot.text(for: "missing", in: "hmn") == nil)
    }

    /// Lookups go by binary search over the sorted texts: every key is found, from whatever order the
    /// texts came in, keys between, before and after them are not, and of a key given twice the last wins.
    @Test func findsEveryTextWhateverOrderItCameIn() throws {
        let content = TranslationContent(title: "T", summary: "S", body: "B\n")
        func text(_ slug: String, _ locale: String, _ hash: String = "h") -> PublishedTranslation {
            PublishedTranslation(slug: slug, locale: locale, revisionHash: "\(slug)/\(locale)/\(hash)", content: content,
                                 publishedAt: Date(timeIntervalSince1970: 0))
        }
        let keys = [("b", "vi"), ("a", "vi"), ("b", "hmn"), ("c", "km"), ("a", "en"), ("b", "en")]
        let snapshot = Snapshot(id: "x", takenAt: Date(timeIntervalSince1970: 0), locales: [], materials: [],
                                translations: keys.map { text($0.0, $0.1) })
        #expect(snapshot.translations.map { "\($0.slug)/\($0.locale)" } == ["a/en", "a/vi", "b/en", "b/hmn", "b/vi", "c/km"])
        for (slug, locale) in keys {
            #expect(snapshot.translation(slug, locale)?.revisionHash == "\(slug)/\(locale)/h")
        }
        for (slug, locale) in [("a", "aa"), ("a", "zz"), ("", ""), ("0", "vi"), ("b", "fr"), ("c", "vi"), ("d", "en")] {
            #expect(snapshot.translation(slug, locale) == nil, "\(slug)/\(locale)")
        }
        let empty = Snapshot(id: "x", takenAt: Date(timeIntervalSince1970: 0), locales: [], materials: [], translations: [])
        #expect(empty.translation("a", "vi") == nil)
        let twice = Snapshot(id: "x", takenAt: Date(timeIntervalSince1970: 0), locales: [], materials: [],
                             translations: [text("a", "vi", "first"), text("b", "vi"), text("a", "vi", "second")])
        #expect(twice.translation("a", "vi")?.revisionHash == "a/vi/second")
    }

    @Test func decodesWithItsIndex() throws {
        let data = try JSONEncoder().encode(snapshot())
        let decoded = try JSONDecoder().decode(Snapshot.self, from: data)
        #expect(decoded.translation("a", "vi")?.revisionHash == "h")
    }

    @Test func revisionBytesIgnoreTheSourcePointer() {
        let a = TranslationContent(title: "T", summary: "S", body: "B", translatedFrom: "1")
        let b = TranslationContent(title: "T", summary: "S", body: "B", translatedFrom: "2")
        let c = TranslationContent(title: "T", summary: "S", body: "B!", translatedFrom: "1")
        #expect(a.canonicalBytes == b.canonicalBytes)
        #expect(a.canonicalBytes != c.canonicalBytes)
        // Moving text between fields changes the bytes.
        #expect(TranslationContent(title: "ab", summary: "", body: "").canonicalBytes
                != TranslationContent(title: "a", summary: "b", body: "").canonicalBytes)
    }
}
