import CampaignModel
import Foundation
import MarkdownRendering
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A translation's body made into HTML once, for every page that shows it.
struct RenderedBody: Sendable {
    var html: String
    var readAloudMinutes: Int
}

extension SiteBuild {
    // MARK: - Markdown

    /// Safe HTML for the Markdown `body` of a text in `locale`, with images that would be fetched from
    /// elsewhere turned into links.
    ///
    /// The spoken word count (URLs are not read aloud) is the only count a page shows, so only it is made.
    func renderBody(_ body: String, locale: String) -> RenderedBody {
        let (html, words) = Self.bodyRenderer.htmlAndSpokenWordCount(body)
        let wordsPerMinute = Double(allLocales[locale]?.wordsPerMinute ?? 130)
        let seconds = MarkdownAnalysis.readAloudSeconds(spokenWords: words, wordsPerMinute: wordsPerMinute)
        return RenderedBody(html: Self.localizingImages(html), readAloudMinutes: max(1, Int((seconds / 60).rounded())))
    }

    private static let bodyRenderer = MarkdownRenderer()

    /// Replaces every `<img>` whose source is not a `data:` URL by a link to it (or by its alt text when
    /// the source is relative): a site that travels on a USB stick has no pictures beside it, and a page
    /// must never make an outside request.
    static func localizingImages(_ html: String) -> String {
        guard html.utf8.contains(0x3C), Self.containsImage(html) else { return html }
        var out = ""
        var rest = Substring(html)
        while let start = rest.range(of: "<img src=\"") {
            out += rest[..<start.lowerBound]
            guard let srcEnd = rest[start.upperBound...].firstIndex(of: "\""),
                  let tagEnd = rest[srcEnd...].range(of: "/>")
            else { break }
            let source = String(rest[start.upperBound..<srcEnd])
            let tag = rest[start.lowerBound..<tagEnd.upperBound]
            var alt = ""
            if let altStart = tag.range(of: " alt=\""), let altEnd = tag[altStart.upperBound...].firstIndex(of: "\"") {
                alt = String(tag[altStart.upperBound..<altEnd])
            }
            if source.hasPrefix("data:") {
                out += tag
            } else if source.hasPrefix("https://") || source.hasPrefix("http://") {
                out += "<a href=\"\(source)\">\(alt.isEmpty ? source : alt)</a>"
            } else {
                out += "<span class=\"image-missing\">\(alt)</span>"
            }
            rest = rest[tagEnd.upperBound...]
        }
        return out + rest
    }

    /// Whether `html` holds `<img `: `memchr` to each `<` (bodies have few), then five bytes compared.
    private static func containsImage(_ html: String) -> Bool {
        var html = html
        return html.withUTF8 { bytes in
            guard let base = bytes.baseAddress else { return false }
            var offset = 0
            while bytes.count - offset >= 5, let found = memchr(base + offset, 0x3C, bytes.count - offset - 4) {
                let position = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
                if memcmp(base + position, "<img ", 5) == 0 { return true }
                offset = position + 1
            }
            return false
        }
    }

    // MARK: - Pages

    /// The bytes of `page`. `body`: the rendered text of a material page, made here from the snapshot
    /// when nil.
    func render(_ page: SitePages.Page, body: RenderedBody? = nil) -> [UInt8] {
        let (template, context) = self.context(page, body: body)
        return theme.render(template, context)
    }

    /// The bytes of `page` as swift-mustache makes them (for tests).
    func renderWithSwiftMustache(_ page: SitePages.Page) -> [UInt8] {
        let (template, context) = self.context(page, body: nil)
        return theme.templates.renderWithSwiftMustache(template, context)
    }

    /// The template of `page` and what it gets.
    private func context(_ page: SitePages.Page, body: RenderedBody?) -> (String, TemplateValue) {
        let locale = allLocales[locales[Int(page.locale)].code]!
        switch page.kind {
        case .languages:
            return ("languages", languagesContext())
        case .index:
            return ("index", indexContext(locale))
        case .about:
            return ("about", aboutContext(locale))
        case .material:
            let text = snapshot.translations[Int(page.text)]
            let content = content(Int(page.text))
            return ("material", materialContext(locale, material: materials[Int(page.material)], text: text, content: content,
                                                isFallback: page.isFallback,
                                                body: body ?? renderBody(content.body, locale: text.locale)))
        }
    }

    private func languagesContext() -> TemplateValue {
        var context = frame(locale: rootLocale, path: "index.html", title: ui(rootLocale)["site_title"]!,
                            description: ui(rootLocale)["site_tagline"], nav: [],
                            alternates: [])
        context.append(("languages", languageLinks(from: "")))
        return .object(context)
    }

    private func indexContext(_ locale: LocaleInfo) -> TemplateValue {
        let strings = ui(locale)
        let path = "\(locale.code)/index.html"
        var context = frame(locale: locale, path: path, title: "\(strings["materials"]!) · \(strings["site_title"]!)",
                            description: strings["site_tagline"], nav: nav(locale, current: "index"),
                            alternates: baseURL == nil ? [] : locales.map { ("\($0.code)/index.html", $0.code) })
        var groups: [String: [TemplateValue]] = [:]
        var sortKeys: [String: [(String, String)]] = [:]
        let localeIndex = locales.firstIndex { $0.code == locale.code }!  // pages are only made for built locales
        let listed = materials.indices.compactMap { position in shownTexts[position][localeIndex].map { (position, $0) } }
        // Folding (NFD, lower case, NFC) is most of the work of an index page: spread over the cores.
        let foldedTitles = Parallel.map(listed, grain: 128) { TextFolding.fold(content($0.1.position).title) }
        for ((position, shown), folded) in zip(listed, foldedTitles) {
            let material = materials[position]
            let text = snapshot.translations[shown.position]
            let content = content(shown.position)
            let isFallback = shown.isFallback
            let textLocale = allLocales[text.locale]
            let entry = TemplateValue.object([
                ("title", .text(content.title)), ("summary", .text(content.summary)),
                ("href", .text(Self.materialFile(slug: material.slug))),
                ("isFallback", .bool(isFallback)), ("textLang", .text(text.locale)),
                ("textDir", .text(textLocale?.direction.rawValue ?? "ltr")), ("textAutonym", .text(textLocale?.autonym ?? text.locale)),
            ])
            for topic in material.topics.isEmpty ? [""] : material.topics {
                groups[topic, default: []].append(entry)
                sortKeys[topic, default: []].append((folded, material.slug))
            }
        }
        var topics: [(label: String, key: String, value: TemplateValue)] = []
        for (topic, entries) in groups {
            let keys = sortKeys[topic]!
            let order = keys.indices.sorted { keys[$0] < keys[$1] }
            let label = topic.isEmpty ? strings["materials"]! : topicLabel(topic, locale)
            topics.append((TextFolding.fold(label), topic, .object([
                ("id", .text(topicAnchor(topic))), ("label", .text(label)), ("materials", .list(order.map { entries[$0] })),
            ])))
        }
        topics.sort { ($0.label, $0.key) < ($1.label, $1.key) }
        context.append(("topics", .list(topics.map(\.value))))
        context.append(("hasTopics", .bool(topics.count > 1)))
        return .object(context)
    }

    private func aboutContext(_ locale: LocaleInfo) -> TemplateValue {
        let strings = ui(locale)
        var context = frame(locale: locale, path: "\(locale.code)/about.html",
                            title: "\(strings["about"]!) · \(strings["site_title"]!)", description: nil,
                            nav: nav(locale, current: "about"),
                            alternates: baseURL == nil ? [] : locales.map { ("\($0.code)/about.html", $0.code) })
        let localeIndex = locales.firstIndex { $0.code == locale.code }!  // pages are only made for built locales
        context.append(("materialCount", .number(materialCount(localeIndex))))
        context.append(("snapshot", .object([("shortID", .text(String(snapshot.id.prefix(12)))), ("id", .text(snapshot.id)),
                                             ("date", .text(Self.day(snapshot.takenAt)))])))
        context.append(("languages", languageLinks(from: "../")))
        return .object(context)
    }

    private func materialContext(_ locale: LocaleInfo, material: Material, text: PublishedTranslation, content: TranslationContent,
                                 isFallback: Bool, body rendered: RenderedBody) -> TemplateValue {
        let strings = ui(locale)
        let slug = material.slug
        let textLocale = allLocales[text.locale]
        let translated = translatedLocales[slug] ?? []
        let alternates: [(String, String)] =
            baseURL == nil || isFallback ? [] : translated.map { (Self.materialPath(locale: $0, slug: slug), $0) }
        var context = frame(locale: locale, path: Self.materialPath(locale: locale.code, slug: slug),
                            title: "\(content.title) · \(strings["site_title"]!)",
                            description: content.summary, nav: nav(locale, current: nil), alternates: alternates,
                            canonicalPath: isFallback ? Self.materialPath(locale: text.locale, slug: slug) : nil)
        let topics = material.topics.map {
            TemplateValue.object([("label", .text(topicLabel($0, locale))), ("href", .text("index.html#\(topicAnchor($0))"))])
        }
        let others: [TemplateValue] = translated.filter { $0 != locale.code }.compactMap { code in
            guard let other = allLocales[code] else { return nil }
            return .object([("autonym", .text(other.autonym)), ("lang", .text(code)), ("dir", .text(other.direction.rawValue)),
                            ("href", .text("../" + Self.materialPath(locale: code, slug: slug)))])
        }
        context.append(("material", .object([
            ("slug", .text(slug)), ("title", .text(content.title)), ("summary", .text(content.summary)),
            ("body", .text(rendered.html)), ("isFallback", .bool(isFallback)), ("notice", .text(strings["not_yet_translated"]!)),
            ("textLang", .text(text.locale)), ("textDir", .text(textLocale?.direction.rawValue ?? "ltr")),
            ("readAloudMinutes", .number(rendered.readAloudMinutes)), ("published", .text(Self.day(text.publishedAt))),
            ("revision", .text(String(text.revisionHash.prefix(12)))), ("revisionFull", .text(text.revisionHash)),
            ("topics", .list(topics)), ("hasTopics", .bool(!topics.isEmpty)),
            ("otherLanguages", .list(others)), ("hasOtherLanguages", .bool(!others.isEmpty)),
        ])))
        return .object(context)
    }

    /// What every page's frame (`base.mustache`) needs: `page` and `ui`. `alternates` are (path, hreflang)
    /// pairs.
    private func frame(locale: LocaleInfo, path: String, title: String, description: String?,
                       nav: [TemplateValue], alternates: [(String, String)],
                       canonicalPath: String? = nil) -> [(String, TemplateValue)] {
        let depth = path.split(separator: "/").count - 1
        let root = String(repeating: "../", count: depth)
        var page: [(String, TemplateValue)] = [
            ("lang", .text(locale.code)), ("dir", .text(locale.direction.rawValue)), ("title", .text(title)),
            ("csp", .text(Self.contentSecurityPolicy)), ("root", .text(root)), ("nav", .list(nav)),
            ("hasNav", .bool(!nav.isEmpty)), ("home", .text("index.html")),
        ]
        if let description, !description.isEmpty { page.append(("description", .text(description))) }
        if let baseURL {
            page.append(("canonical", .text(baseURL + (canonicalPath ?? path))))
            page.append(("alternates", .list(alternates.map {
                .object([("hreflang", .text($0.1)), ("href", .text(baseURL + $0.0))])
            })))
        }
        return [("page", .object(page)), ("ui", uiValues[locale.code] ?? .object([]))]
    }

    private func nav(_ locale: LocaleInfo, current: String?) -> [TemplateValue] {
        if current == nil, let cached = materialNavs[locale.code] { return cached }
        return Self.nav(ui(locale), current: current)
    }

    /// `page.nav`: home, about and the languages page, `current` (`index`, `about` or nil) marked.
    static func nav(_ strings: [String: String], current: String?) -> [TemplateValue] {
        [
            .object([("href", .text("index.html")), ("label", .text(strings["home"] ?? "home")), ("current", .bool(current == "index"))]),
            .object([("href", .text("about.html")), ("label", .text(strings["about"] ?? "about")), ("current", .bool(current == "about"))]),
            .object([("href", .text("../index.html")), ("label", .text(strings["languages"] ?? "languages")), ("current", .bool(false))]),
        ]
    }

    private func languageLinks(from prefix: String) -> TemplateValue {
        .list(locales.map {
            .object([("autonym", .text($0.autonym)), ("lang", .text($0.code)), ("dir", .text($0.direction.rawValue)),
                     ("href", .text("\(prefix)\($0.code)/index.html"))])
        })
    }

    /// The UI strings of `locale`, each looked up along its fallback chain.
    func ui(_ locale: LocaleInfo) -> [String: String] {
        uiStrings[locale.code] ?? [:]
    }

    private func topicLabel(_ topic: String, _ locale: LocaleInfo) -> String {
        let key = "topic.\(topic)"
        let label = locale.uiString(key, in: allLocales)
        return label == key ? topic : label
    }

    private func topicAnchor(_ topic: String) -> String {
        let slug = TextFolding.slug(topic)
        return slug.isEmpty ? "topic-other" : "topic-\(slug)"
    }

    /// `2025-11-20`: the UTC day of `date`, the same on every machine.
    static func day(_ date: Date) -> String {
        var time = time_t(date.timeIntervalSince1970.rounded(.down))
        var parts = tm()
        gmtime_r(&time, &parts)
        let year = Int(parts.tm_year) + 1900, month = Int(parts.tm_mon) + 1, day = Int(parts.tm_mday)
        return "\(year)-\(month < 10 ? "0" : "")\(month)-\(day < 10 ? "0" : "")\(day)"
    }

    /// `2025-11-20T08:30:00Z`.
    static func timestamp(_ date: Date) -> String {
        var time = time_t(date.timeIntervalSince1970.rounded(.down))
        var parts = tm()
        gmtime_r(&time, &parts)
        func two(_ value: Int32) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return day(date) + "T\(two(parts.tm_hour)):\(two(parts.tm_min)):\(two(parts.tm_sec))Z"
    }

    // MARK: - Sitemap

    /// `sitemap.xml` (only with a base URL): every page except fallback pages, whose text lives elsewhere.
    func sitemap() -> Data? {
        guard let baseURL else { return nil }
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
        for index in pages.indices where !pages[index].isFallback {
            out += "<url><loc>\(Self.xmlEscaped(baseURL + pages.path(index)))</loc></url>\n"
        }
        out += "</urlset>\n"
        return Data(out.utf8)
    }

    private static func xmlEscaped(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;")
    }
}
