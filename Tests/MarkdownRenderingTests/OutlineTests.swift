import Testing
@testable import MarkdownRendering

@Suite("Outline and heading ids")
struct OutlineTests {
    let renderer = MarkdownRenderer()

    @Test func idsFoldVietnameseAndDeduplicate() {
        let markdown = """
            # Mua bán người
            ## Đường dây nóng 111
            ## Mua bán người
            ### Mua bán người
            ## ស្វាគមន៍
            Setext *heading*
            ----------------
            ## mua-ban-nguoi-2
            """
        let outline = renderer.outline(markdown)
        #expect(outline.map(\.id) == [
            "mua-ban-nguoi", "duong-day-nong-111", "mua-ban-nguoi-2", "mua-ban-nguoi-3", "section-5",
            "setext-heading", "mua-ban-nguoi-2-2",
        ])
        #expect(outline.map(\.level) == [1, 2, 2, 3, 2, 2, 2])
        #expect(outline[5].text == "Setext heading")
        #expect(Set(outline.map(\.id)).count == outline.count)
    }

    @Test func htmlCarriesTheOutlineIDs() {
        let markdown = "# Mua bán người\n\n> ## Trong trích dẫn\n\n- ### Trong danh sách"
        let html = renderer.html(markdown)
        #expect(html == """
            <h1 id="mua-ban-nguoi">Mua bán người</h1>
            <blockquote>
            <h2 id="trong-trich-dan">Trong trích dẫn</h2>
            </blockquote>
            <ul>
            <li>
            <h3 id="trong-danh-sach">Trong danh sách</h3>
            </li>
            </ul>

            """)
        #expect(renderer.outline(markdown).map(\.id) == ["mua-ban-nguoi", "trong-trich-dan", "trong-danh-sach"])
    }

    @Test func headingContentKeepsItsInlineHTML() {
        let markdown = "## Gọi [*111*](tel:111) & `mã`"
        #expect(renderer.html(markdown) == "<h2 id=\"goi-111-ma\">Gọi <a href=\"tel:111\"><em>111</em></a> &amp; <code>mã</code></h2>\n")
    }

    /// Raw HTML headings in unsafe mode are left alone: only headings libcmark parsed get ids.
    @Test func rawHTMLHeadingsAreNotTouched() {
        let unsafe = MarkdownRenderer(options: .init(unsafe: true))
        let markdown = "<h2>Raw</h2>\n\n## Raw\n\nText <h2>inline</h2>"
        #expect(unsafe.html(markdown) == "<h2>Raw</h2>\n<h2 id=\"raw\">Raw</h2>\n<p>Text <h2>inline</h2></p>\n")
    }

    @Test func emptyAndPunctuationOnlyHeadingsGetSectionIDs() {
        let outline = renderer.outline("#\n\n## !!!\n\n### Ok")
        #expect(outline.map(\.id) == ["section-1", "section-2", "ok"])
        #expect(renderer.html("#\n") == "<h1 id=\"section-1\"></h1>\n")
    }

    @Test func idsCanBeSwitchedOff() {
        #expect(MarkdownRenderer(options: .init(headingIDs: false)).html("# Chào") == "<h1>Chào</h1>\n")
    }

    @Test func manyDuplicatesStayUnique() {
        let markdown = Array(repeating: "## Cảnh báo", count: 500).joined(separator: "\n")
        let ids = renderer.outline(markdown).map(\.id)
        #expect(Set(ids).count == 500)
        #expect(ids.last == "canh-bao-500")
    }

    /// Text-only headings take a fast path (their HTML escaped here, not by libcmark): across the spec, the
    /// outline text equals the block text that the general plain-text writer produces.
    @Test func fastAndGeneralHeadingTextAgree() {
        for example in SpecExample.all {
            let outlineTexts = renderer.outline(example.markdown).map(\.text)
            let blockTexts = renderer.blocks(example.markdown).compactMap { block -> String? in
                if case .heading = block.kind { return block.text }
                return nil
            }
            #expect(outlineTexts == blockTexts, "example \(example.example)")
        }
    }
}
