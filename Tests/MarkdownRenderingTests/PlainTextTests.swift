import Testing
@testable import MarkdownRendering

@Suite("Plain text")
struct PlainTextTests {
    let renderer = MarkdownRenderer()

    @Test func blocksAreSeparatedByOneBlankLine() {
        let markdown = "# Cảnh giác\n\nĐoạn một.\n\n> Trích dẫn\n\n```\ncode  kept\n  indented\n```\n\n---\n\nCuối."
        #expect(renderer.plainText(markdown) == "Cảnh giác\n\nĐoạn một.\n\nTrích dẫn\n\ncode  kept\n  indented\n\nCuối.")
    }

    @Test func listsGetMarkers() {
        let markdown = "Trước\n\n- một\n- hai\n  1. ba\n  2. bốn\n- năm\n\n3) sáu\n4) bảy\n\nSau"
        #expect(renderer.plainText(markdown) == "Trước\n\n- một\n- hai\n  1. ba\n  2. bốn\n- năm\n\n3. sáu\n4. bảy\n\nSau")
    }

    @Test func looseListItemsAreSeparatedByBlankLines() {
        #expect(renderer.plainText("- a\n\n- b\n") == "- a\n\n- b")
    }

    @Test func linksAsTextAndURLOrTextOnly() {
        let markdown = "Gọi [đường dây nóng](tel:111 \"title\") hoặc <https://example.vn> hoặc <a@b.vn>."
        #expect(renderer.plainText(markdown) == "Gọi đường dây nóng (tel:111) hoặc https://example.vn hoặc a@b.vn.")
        let textOnly = MarkdownRenderer(options: .init(plainTextLinks: .textOnly))
        #expect(textOnly.plainText(markdown) == "Gọi đường dây nóng hoặc https://example.vn hoặc a@b.vn.")
    }

    @Test func referenceLinksAndImages() {
        let markdown = "Xem [trang][t] và ![Bản đồ *biên giới*](map.png).\n\n[t]: https://t.vn"
        #expect(renderer.plainText(markdown) == "Xem trang (https://t.vn) và Bản đồ biên giới.")
    }

    @Test func dangerousURLsAreDroppedInSafeModeOnly() {
        #expect(renderer.plainText("[x](javascript:alert(1))") == "x")
        #expect(MarkdownRenderer(options: .init(unsafe: true)).plainText("[x](javascript:a)") == "x (javascript:a)")
    }

    @Test func emphasisAndCodeAndEscapes() {
        let markdown = "**Đậm** và *nghiêng* và `mã  nguồn` và \\*sao\\* &amp; &copy;"
        #expect(renderer.plainText(markdown) == "Đậm và nghiêng và mã  nguồn và *sao* & ©")
    }

    @Test func whitespaceCollapsesAndBreaks() {
        let markdown = "một   hai\nba  \nbốn\\\nnăm\t sáu"
        #expect(renderer.plainText(markdown) == "một hai ba\nbốn\nnăm sáu")
    }

    @Test func rawHTMLIsDroppedEvenInUnsafeMode() {
        let markdown = "<div>\nkhối\n</div>\n\nchữ <b>đậm</b>"
        #expect(renderer.plainText(markdown) == "chữ đậm")
        #expect(MarkdownRenderer(options: .init(unsafe: true)).plainText(markdown) == "chữ đậm")
    }

    @Test func emptyInput() {
        #expect(renderer.plainText("") == "")
        #expect(renderer.plainText("\n\n  \n") == "")
        #expect(renderer.html("") == "")
    }

    @Test func noMarkdownSyntaxLeftInASpecExample() {
        // Across the spec, plain text never keeps the link syntax of links that libcmark recognised.
        for example in SpecExample.all {
            let links = renderer.links(example.markdown)
            let text = renderer.plainText(example.markdown)
            for link in links where !link.text.isEmpty && !link.url.isEmpty {
                #expect(!text.contains("[\(link.text)](\(link.url))"), "example \(example.example)")
            }
        }
    }
}
