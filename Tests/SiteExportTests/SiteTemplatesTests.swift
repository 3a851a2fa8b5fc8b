import CampaignModel
import Foundation
import Testing
@testable import SiteExport

/// The shape memo of `SiteTemplates` against swift-mustache itself.
@Suite("Site templates")
struct SiteTemplatesTests {
    /// Every page of `snapshot`, rendered through the memo and by swift-mustache alone.
    private func pages(_ snapshot: Snapshot, theme: SiteTheme, baseURL: String? = nil,
                       locales: [String]? = nil) throws -> [(path: String, memo: [UInt8], reference: [UInt8])] {
        let options = SiteOptions(outputDirectory: URL(fileURLWithPath: "/nonexistent"), locales: locales,
                                  baseURL: baseURL.map { URL(string: $0)! })
        var build = try SiteBuild(snapshot: snapshot, options: options, theme: theme)
        build.collectPages()
        return build.pages.map { page in
            let memo = build.render(page, bodies: [:])
            let direct = build.renderWithoutMemo(page)
            return (page.path, memo, direct)
        }
    }

    @Test("The built-in theme is memoized, and every page equals swift-mustache's, twice over")
    func builtInTheme() throws {
        let theme = try SiteTheme.builtIn()
        #expect(theme.templates.memoizable)
        for baseURL in [nil, "https://example.org/loa/"] {
            for round in 1...2 {
                let rendered = try pages(TestSnapshot.full, theme: theme, baseURL: baseURL,
                                         locales: ["vi", "en", "twh", "km", "tyz"])
                #expect(rendered.count == 21)
                for page in rendered {
                    #expect(String(decoding: page.memo, as: UTF8.self) == String(decoding: page.reference, as: UTF8.self),
                            "\(page.path), round \(round)")
                }
            }
        }
        let counts = theme.templates.shapeCounts
        #expect(counts.compiled > 4 && counts.direct == 0)
    }

    @Test("Themes the memo cannot see through are rendered by swift-mustache", arguments: [
        "{{<base}}{{$main}}<p>{{uppercased(material.title)}}</p>{{/main}}{{/base}}\n",
        "{{<base}}{{$main}}<p>{{#material}}{{>*slug}}{{/material}}</p>{{/main}}{{/base}}\n",
        "{{=<% %>=}}<p><% material.title %></p>\n",
        "{{<base}}\n{{$main}}\n  {{> part}}\n{{/main}}\n{{/base}}\n",
    ])
    func unmemoizable(material: String) throws {
        let theme = try SiteTheme.make(templates: ["material": material, "part": "<b>{{material.title}}</b>\n"])
        #expect(!theme.templates.memoizable)
        for page in try pages(TestSnapshot.full, theme: theme) {
            #expect(String(decoding: page.memo, as: UTF8.self) == String(decoding: page.reference, as: UTF8.self), "\(page.path)")
        }
    }

    @Test("A shape whose stand-ins come out changed is rendered by swift-mustache")
    func changedStandIns() throws {
        // `{{page.alternates}}` writes the list with `String(describing:)`, which quotes its strings (in
        // an order that even swift-mustache alone does not keep from one render to the next).
        let theme = try SiteTheme.make(templates: ["about": "{{<base}}{{$main}}<p>{{page.alternates}}</p>{{/main}}{{/base}}\n"])
        #expect(theme.templates.memoizable)
        let rendered = try pages(TestSnapshot.full, theme: theme, baseURL: "https://example.org/")
        for page in rendered where page.path.hasSuffix("about.html") {
            let html = String(decoding: page.memo, as: UTF8.self)
            #expect(html.contains("&quot;hreflang&quot;: &quot;km&quot;") && !html.contains("\u{E000}"), "\(page.path)")
        }
        #expect(theme.templates.shapeCounts.direct == 1)
        for page in rendered where !page.path.hasSuffix("about.html") {
            #expect(String(decoding: page.memo, as: UTF8.self) == String(decoding: page.reference, as: UTF8.self), "\(page.path)")
        }
    }

    @Test("Escaping is by byte: a quote followed by a combining mark cannot end an attribute")
    func combiningMarks() throws {
        var tricky = TestSnapshot.helpVi
        tricky.content.summary = "x\"\u{301} onmouseover=alert(1) <\u{301}b>"
        let snapshot = TestSnapshot.make([tricky], locales: [TestSnapshot.locales[0]])
        let theme = try SiteTheme.builtIn()
        let page = try pages(snapshot, theme: theme).first { $0.path == "vi/where-to-get-help.html" }!
        let html = String(decoding: page.memo, as: UTF8.self)
        #expect(html.contains("<meta name=\"description\" content=\"x&quot;\u{301} onmouseover=alert(1) &lt;\u{301}b&gt;\" />"))
        #expect(HTMLChecker(html).problems.isEmpty)
    }

    @Test("HTML escaping matches swift-mustache's entities")
    func escaping() {
        #expect(HTMLEscaping.escaped("a<b>&\"c'd ñ") == "a&lt;b&gt;&amp;&quot;c&#39;d ñ")
        #expect(HTMLEscaping.escaped("") == "")
    }
}
