import CampaignModel
import Foundation
import Testing
@testable import SiteExport

/// `SiteTemplates` against swift-mustache itself.
@Suite("Site templates")
struct SiteTemplatesTests {
    /// Every page of `snapshot`, rendered by `SiteTemplates` and by swift-mustache.
    private func pages(_ snapshot: Snapshot, theme: SiteTheme, baseURL: String? = nil,
                       locales: [String]? = nil) throws -> [(path: String, rendered: [UInt8], reference: [UInt8])] {
        let options = SiteOptions(outputDirectory: URL(fileURLWithPath: "/nonexistent"), locales: locales,
                                  baseURL: baseURL.map { URL(string: $0)! })
        var build = try SiteBuild(snapshot: snapshot, options: options, theme: theme)
        build.collectPages()
        return build.pages.indices.map { index in
            (build.pages.path(index), build.render(build.pages[index]), build.renderWithSwiftMustache(build.pages[index]))
        }
    }

    private func expectSameBytes(_ theme: SiteTheme, baseURL: String? = nil) throws {
        for page in try pages(TestSnapshot.full, theme: theme, baseURL: baseURL) {
            #expect(String(decoding: page.rendered, as: UTF8.self) == String(decoding: page.reference, as: UTF8.self), "\(page.path)")
        }
    }

    /// The theme compiled into the program is the one in the source tree, file for file: a file added to
    /// `Resources/Theme` but not to the list `Package.swift` embeds would be missing from `loa`.
    @Test("The built-in theme holds every file of Resources/Theme, as it is there")
    func builtInThemeIsTheSourceFolder() throws {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../Sources/SiteExport/Resources/Theme").standardizedFileURL
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0 != "README.md" }
        #expect(names.count == SiteTheme.requiredTemplates.count + SiteTheme.stylesheets.count)
        // Loaded as a theme folder over the built-in one, the sources change nothing, and add nothing.
        #expect(try SiteTheme.load(overrides: folder).digest == SiteTheme.builtIn().digest)
        for name in SiteTheme.stylesheets {
            #expect(try SiteTheme.builtIn().stylesheets[name] == Data(contentsOf: folder.appendingPathComponent(name)))
        }
    }

    @Test("The built-in theme is rendered without swift-mustache, and every page equals swift-mustache's")
    func builtInTheme() throws {
        let theme = try SiteTheme.builtIn()
        #expect(theme.templates.rendersItself)
        for baseURL in [nil, "https://example.org/loa/"] {
            let rendered = try pages(TestSnapshot.full, theme: theme, baseURL: baseURL, locales: ["vi", "en", "twh", "km", "tyz"])
            #expect(rendered.count == 21)
            for page in rendered {
                #expect(String(decoding: page.rendered, as: UTF8.self) == String(decoding: page.reference, as: UTF8.self), "\(page.path)")
            }
        }
        #expect(theme.templates.swiftMustachePageCount == 0)
    }

    @Test("Every tag themes use gives swift-mustache's bytes", arguments: [
        // Sections on texts, numbers and booleans, inverted sections on a missing name and an empty list,
        // unescaped variables, booleans written out, names from the top of the stack, from further down,
        // and dotted names that stop halfway.
        """
        {{<base}}
        {{$main}}
        {{#material}}
          <p>{{#title}}[{{.}}]{{/title}} {{#readAloudMinutes}}{{.}} min{{/readAloudMinutes}} {{hasTopics}} {{isFallback}}</p>
        {{^missing}}no such name{{/missing}}
        {{^otherLanguages}}no other language{{/otherLanguages}}
        {{#topics}}<a href="{{href}}">{{label}}</a> {{slug}} {{page.lang}} {{.label}} {{.slug}} {{page.nope.deeper}}{{/topics}}
        {{{summary}}} {{&title}} {{.slug}}
        {{/material}}
        {{#page.description}}<i>{{.}}</i>{{/page.description}}
        {{/main}}
        {{/base}}

        """,
        // Changed delimiters, comments, and a parent inside a block, whose own blocks lose to the page's.
        "{{=<% %>=}}\n<%! comment %>\n<%<base%><%$main%><%<part%><%$inner%>page's<%/inner%><%/part%><%/main%><%/base%>\n",
        "{{<base}}{{$main}}{{>part}}{{/main}}{{$unused}}x{{/unused}}{{/base}}\n",
        // Indentation is counted from a block's first line, so this partial is not indented.
        "{{<base}}\n{{$main}}\n  {{> part}}\n{{/main}}\n{{/base}}\n",
    ])
    func everyTag(material: String) throws {
        let theme = try SiteTheme.make(templates: [
            "material": material, "part": "<b>{{material.title}}</b>\n{{$inner}}part's own{{/inner}}\n",
        ])
        #expect(theme.templates.rendersItself)
        try expectSameBytes(theme)
        try expectSameBytes(theme, baseURL: "https://example.org/")
        #expect(theme.templates.swiftMustachePageCount == 0)
    }

    @Test("Themes with what only swift-mustache renders are rendered by it", arguments: [
        "{{<base}}{{$main}}<p>{{uppercased(material.title)}}</p>{{/main}}{{/base}}\n",
        "{{<base}}{{$main}}<p>{{#material}}{{>*slug}}{{/material}}</p>{{/main}}{{/base}}\n",
        "<div>\n  {{> part}}\n</div>\n",
        "{{<base}}{{$main}}<p>{{material._title}}</p>{{/main}}{{/base}}\n",
    ])
    func swiftMustacheThemes(material: String) throws {
        let theme = try SiteTheme.make(templates: ["material": material, "part": "<b>{{material.title}}</b>\n"])
        #expect(!theme.templates.rendersItself)
        try expectSameBytes(theme)
    }

    @Test("A page that writes a list as text is rendered by swift-mustache")
    func listAsText() throws {
        // `{{page.alternates}}` writes the list with `String(describing:)`, which quotes its strings (in
        // an order that even swift-mustache alone does not keep from one render to the next).
        let theme = try SiteTheme.make(templates: ["about": "{{<base}}{{$main}}<p>{{page.alternates}}</p>{{/main}}{{/base}}\n"])
        #expect(theme.templates.rendersItself)
        let rendered = try pages(TestSnapshot.full, theme: theme, baseURL: "https://example.org/")
        let about = rendered.filter { $0.path.hasSuffix("about.html") }
        for page in about {
            let html = String(decoding: page.rendered, as: UTF8.self)
            #expect(html.contains("&quot;hreflang&quot;: &quot;km&quot;"), "\(page.path)")
        }
        #expect(theme.templates.swiftMustachePageCount == about.count)
        for page in rendered where !page.path.hasSuffix("about.html") {
            #expect(String(decoding: page.rendered, as: UTF8.self) == String(decoding: page.reference, as: UTF8.self), "\(page.path)")
        }
    }

    @Test("Escaping is by byte: a quote followed by a combining mark cannot end an attribute")
    func combiningMarks() throws {
        var tricky = TestSnapshot.helpVi
        tricky.content.summary = "x\"\u{301} onmouseover=alert(1) <\u{301}b>"
        let snapshot = TestSnapshot.make([tricky], locales: [TestSnapshot.locales[0]])
        let theme = try SiteTheme.builtIn()
        let page = try pages(snapshot, theme: theme).first { $0.path == "vi/where-to-get-help.html" }!
        let html = String(decoding: page.rendered, as: UTF8.self)
        #expect(html.contains("<meta name=\"description\" content=\"x&quot;\u{301} onmouseover=alert(1) &lt;\u{301}b&gt;\" />"))
        #expect(HTMLChecker(html).problems.isEmpty)
    }

    @Test("HTML escaping matches swift-mustache's entities")
    func escaping() {
        #expect(HTMLEscaping.escaped("a<b>&\"c'd ñ") == "a&lt;b&gt;&amp;&quot;c&#39;d ñ")
        #expect(HTMLEscaping.escaped("") == "")
    }
}
