import Testing
@testable import MarkdownRendering

@Suite("CommonMark 0.30 spec examples")
struct CommonMarkSpecTests {
    @Test func fixtureHasAll652Examples() {
        #expect(SpecExample.all.count == 652)
        #expect(Set(SpecExample.all.map(\.example)) == Set(1...652))
    }

    /// Unsafe mode, heading ids off: output must equal the spec's after normalize.py-style normalisation.
    @Test func allExamplesMatchInUnsafeModeWithoutHeadingIDs() {
        let renderer = MarkdownRenderer(options: .init(unsafe: true, headingIDs: false))
        var failures: [Int] = []
        for example in SpecExample.all {
            let actual = renderer.html(example.markdown)
            if HTMLNormalizer.normalize(actual) != HTMLNormalizer.normalize(example.html) {
                failures.append(example.example)
            }
        }
        #expect(failures.isEmpty, "failing examples: \(failures)")
    }

    /// Unsafe mode with heading ids on: after removing the `id` attributes we added, output still matches,
    /// which shows the heading replacement reproduces libcmark's own heading HTML exactly.
    @Test func allExamplesMatchWithHeadingIDsStripped() {
        let renderer = MarkdownRenderer(options: .init(unsafe: true))
        var failures: [Int] = []
        var headingCount = 0
        for example in SpecExample.all {
            let outline = renderer.outline(example.markdown)
            headingCount += outline.count
            var actual = renderer.html(example.markdown)
            for heading in outline {
                let withID = "<h\(heading.level) id=\"\(heading.id)\">"
                guard let range = actual.range(of: withID) else {
                    failures.append(example.example)
                    continue
                }
                actual.replaceSubrange(range, with: "<h\(heading.level)>")
            }
            if HTMLNormalizer.normalize(actual) != HTMLNormalizer.normalize(example.html) {
                failures.append(example.example)
            }
        }
        #expect(failures.isEmpty, "failing examples: \(failures)")
        #expect(headingCount > 50)
    }

    /// In safe mode no example yields a raw HTML element, a comment other than libcmark's placeholder, an
    /// event handler, or a dangerous URL.
    @Test func safeModeRendersNoRawHTMLAndNoDangerousURL() {
        let renderer = MarkdownRenderer()
        var problems: [String] = []
        for example in SpecExample.all {
            for problem in SafetyScanner.problems(in: renderer.html(example.markdown)) {
                problems.append("example \(example.example): \(problem)")
            }
        }
        #expect(problems.isEmpty, "\(problems.prefix(20))")
    }

    @Test func safeModeOmitsRawHTMLThatUnsafeModeKeeps() {
        let markdown = "<div onclick=\"x()\">hi</div>\n\ntext <b>bold</b>"
        #expect(MarkdownRenderer().html(markdown) == "<!-- raw HTML omitted -->\n<p>text <!-- raw HTML omitted -->bold<!-- raw HTML omitted --></p>\n")
        #expect(MarkdownRenderer(options: .init(unsafe: true)).html(markdown) == "<div onclick=\"x()\">hi</div>\n<p>text <b>bold</b></p>\n")
    }

    @Test func smartPunctuationIsOptIn() {
        let markdown = "\"Trời ơi\" -- họ nói... 'vâng'"
        #expect(MarkdownRenderer().html(markdown) == "<p>&quot;Trời ơi&quot; -- họ nói... 'vâng'</p>\n")
        #expect(MarkdownRenderer(options: .init(smartPunctuation: true)).html(markdown) == "<p>“Trời ơi” – họ nói… ‘vâng’</p>\n")
    }

    // The normaliser itself must equate what normalize.py equates and keep apart what it keeps apart.
    @Test(arguments: [
        ("<p>a  \n b</p>", "<p>a b</p>"),
        ("<img alt=\"x\" src=\"y\" />", "<img src='y' alt=x>"),
        ("<p>&#x41;&amp;&#66;</p>", "<p>A&amp;B</p>"),
        ("<ul>\n<li>a</li>\n</ul>\n", "<ul><li>a</li></ul>"),
        ("<br />\nx", "<br>x"),
        ("<A HREF=\"u\">t</A>", "<a href=\"u\">t</a>"),
        ("<pre><code>a  b\n</code></pre>", "<pre><code>a  b\n</code></pre>"),
    ])
    func normaliserEquates(_ pair: (String, String)) {
        #expect(HTMLNormalizer.normalize(pair.0) == HTMLNormalizer.normalize(pair.1))
    }

    @Test(arguments: [
        ("<p>a b</p>", "<p>ab</p>"),
        ("<pre><code>a  b</code></pre>", "<pre><code>a b</code></pre>"),
        ("<a href=\"u\">t</a>", "<a href=\"v\">t</a>"),
        ("<em>x</em>", "<strong>x</strong>"),
    ])
    func normaliserDistinguishes(_ pair: (String, String)) {
        #expect(HTMLNormalizer.normalize(pair.0) != HTMLNormalizer.normalize(pair.1))
    }
}
