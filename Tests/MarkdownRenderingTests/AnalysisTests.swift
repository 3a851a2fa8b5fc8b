import Testing
@testable import MarkdownRendering

@Suite("Analysis: links, counts, times, normalisation")
struct AnalysisTests {
    let renderer = MarkdownRenderer()

    @Test func linksListInDocumentOrder() {
        let markdown = """
            # Liên hệ [tổng đài](tel:111)

            Xem ![ảnh](img/a.png "Ảnh") và [trang][ref] và <https://x.vn>.

            - [mục](/muc)

            [ref]: https://ref.vn "Tham khảo"
            """
        let links = renderer.links(markdown)
        #expect(links.map(\.url) == ["tel:111", "img/a.png", "https://ref.vn", "https://x.vn", "/muc"])
        #expect(links.map(\.kind) == [.link, .image, .link, .link, .link])
        #expect(links.map(\.text) == ["tổng đài", "ảnh", "trang", "https://x.vn", "mục"])
        #expect(links.map(\.title) == ["", "Ảnh", "Tham khảo", "", ""])
        #expect(links.map(\.line) == [1, 3, 3, 3, 5])
    }

    @Test func countsComeFromThePlainText() {
        let analysis = renderer.analyze("# Cảnh giác\n\nĐừng tin *lời hứa* [việc nhẹ](https://x.vn) lương cao.")
        #expect(analysis.plainText == "Cảnh giác\n\nĐừng tin lời hứa việc nhẹ (https://x.vn) lương cao.")
        #expect(analysis.wordCount == 11)
        #expect(analysis.spokenWordCount == 10)
        #expect(analysis.characterCount == analysis.plainText.count)
        #expect(analysis.characterCount == 62)
        #expect(analysis.readingSeconds(wordsPerMinute: 220) == 3)
        #expect(analysis.readAloudSeconds(wordsPerMinute: 120) == 5)
        #expect(analysis.readingSeconds(wordsPerMinute: 0) == 660)
    }

    @Test func characterCountIsGraphemeClusters() {
        // "ệ" typed decomposed is one Character after NFC; an emoji with a skin tone is one Character.
        let analysis = renderer.analyze("Vie\u{0323}\u{0302}t 👍🏽")
        #expect(analysis.plainText == "Việt 👍🏽")
        #expect(analysis.characterCount == 6)
        #expect(analysis.wordCount == 2)
    }

    @Test func analyzeAgreesWithTheSingleMethods() {
        for example in SpecExample.all.prefix(300) {
            let analysis = renderer.analyze(example.markdown)
            #expect(analysis.html == renderer.html(example.markdown))
            #expect(analysis.plainText == renderer.plainText(example.markdown))
            #expect(analysis.outline == renderer.outline(example.markdown))
            #expect(analysis.links == renderer.links(example.markdown))
        }
    }

    @Test func htmlAndSpokenWordCountAgreeWithAnalyze() {
        let options: [MarkdownRenderer.Options] = [.default, .init(plainTextLinks: .textOnly), .init(unsafe: true)]
        let examples = SpecExample.all.prefix(300).map(\.markdown)
            + ["Đừng tin [việc nhẹ](https://x.vn) <javascript:alert(1)> ![ảnh](a.png) lương cao."]
        for markdown in examples {
            for option in options {
                let renderer = MarkdownRenderer(options: option)
                let analysis = renderer.analyze(markdown)
                let (html, spokenWordCount) = renderer.htmlAndSpokenWordCount(markdown)
                #expect(html == analysis.html)
                #expect(spokenWordCount == analysis.spokenWordCount, "\(markdown)")
            }
        }
    }

    @Test func decomposedVietnameseGivesTheSameOutputAsPrecomposed() {
        let nfc = "# Phòng chống mua bán người\n\nCảnh giác với [lời mời](https://x.vn \"Đường\") *việc nhẹ lương cao* ở Lào Cai, Điện Biên.\n\n- Gọi 111\n- Hỏi Hội Liên hiệp Phụ nữ"
        let nfd = nfc.decomposedStringWithCanonicalMappingShim
        #expect(nfd != nfc || nfd.unicodeScalars.count != nfc.unicodeScalars.count)
        #expect(nfd.unicodeScalars.count > nfc.unicodeScalars.count)
        #expect(renderer.analyze(nfd) == renderer.analyze(nfc))
        #expect(renderer.blocks(nfd) == renderer.blocks(nfc))
        #expect(renderer.outline(nfd).first?.id == "phong-chong-mua-ban-nguoi")
    }

    @Test func otherScriptsAreNormalisedToo() {
        // Hangul jamo compose under NFC; Khmer passes through.
        #expect(renderer.plainText("\u{1100}\u{1161}") == "\u{AC00}")
        #expect(renderer.plainText("ស្វាគមន៍") == "ស្វាគមន៍")
    }
}

import Foundation

extension String {
    var decomposedStringWithCanonicalMappingShim: String { decomposedStringWithCanonicalMapping }
}
