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

    /// Safe HTML for `translation`, with images that would be fetched from elsewhere turned into links.
    func renderBody(_ translation: PublishedTranslation) -> RenderedBody {
        let analysis = MarkdownRenderer().analyze(translation.content.body)
        let wordsPerMinute = Double(allLocales[translation.locale]?.wordsPerMinute ?? 130)
        let seconds = analysis.readAloudSeconds(wordsPerMinute: wordsPerMinute)
        return RenderedBody(html: Self.localizingImages(analysis.html),
                            readAloudMinutes: max(1, Int((seconds / 60).rounded())))
    }

    /// Replaces every `<img>` whose source is not a `data:` URL by a link to it (or by its alt text when
    /// the source is relative): a site that travels on a USB stick has no pictures beside it, and a page
    /// must never make an outside request.
    static func localizingImages(_ html: String) -> String {
        guard html.contains("<img ") else { return html }
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

    // MARK: - Pages

    /// The bytes of `page`. `bodies` holds the rendered text of every material page being rendered.
    func render(_ page: SitePage, bodies: [TranslationKey: RenderedBody]) -> Data {
        let text: String
        switch page.kind {
        case .languages:
            text = theme.render("languages", languagesContext())
        case .index(let code):
            text = theme.render("index", indexContext(allLocales[code]!))
        case .about(let code):
            text = theme.render("about", aboutContext(allLocales[code]!))
        case .material(let code, let slug, let key, let isFallback):
            text = theme.render("material", materialContext(
                allLocales[code]!, slug: slug, key: key, isFallback: isFallback, body: bodies[key]))
        }
        return Data(text.utf8)
    }

    private func languagesContext() -> [String: Any] {
        var context = frame(locale: rootLocale, path: "index.html", title: ui(rootLocale)["site_title"]!,
                            description: ui(rootLocale)["site_tagline"], nav: [],
                            alternates: [])
        context["languages"] = languageLinks(from: "")
        return context
    }

    private func indexContext(_ locale: LocaleInfo) -> [String: Any] {
        let strings = ui(locale)
        let path = "\(locale.code)/index.html"
        var context = frame(locale: locale, path: path, title: "\(strings["materials"]!) · \(strings["site_title"]!)",
                            description: strings["site_tagline"], nav: nav(locale, current: "index"),
                            alternates: baseURL == nil ? [] : locales.map { ("\($0.code)/index.html", $0.code) })
        var groups: [String: [[String: Any]]] = [:]
        var sortKeys: [String: [(String, String)]] = [:]
        for material in materials {
            guard let (text, isFallback) = self.text(material.slug, in: locale) else { continue }
            let textLocale = allLocales[text.locale]
            let entry: [String: Any] = [
                "title": text.content.title, "summary": text.content.summary,
                "href": String(Self.materialPath(locale: locale.code, slug: material.slug).dropFirst(locale.code.count + 1)),
                "isFallback": isFallback, "textLang": text.locale,
                "textDir": textLocale?.direction.rawValue ?? "ltr", "textAutonym": textLocale?.autonym ?? text.locale,
            ]
            for topic in material.topics.isEmpty ? [""] : material.topics {
                groups[topic, default: []].append(entry)
                sortKeys[topic, default: []].append((TextFolding.fold(text.content.title), material.slug))
            }
        }
        var topics: [(label: String, key: String, value: [String: Any])] = []
        for (topic, entries) in groups {
            let order = sortKeys[topic]!.indices.sorted { sortKeys[topic]![$0] < sortKeys[topic]![$1] }
            let label = topic.isEmpty ? strings["materials"]! : topicLabel(topic, locale)
            topics.append((TextFolding.fold(label), topic, [
                "id": topicAnchor(topic), "label": label, "materials": order.map { entries[$0] },
            ]))
        }
        topics.sort { ($0.label, $0.key) < ($1.label, $1.key) }
        context["topics"] = topics.map(\.value)
        context["hasTopics"] = topics.count > 1
        return context
    }

    private func aboutContext(_ locale: LocaleInfo) -> [String: Any] {
        let strings = ui(locale)
        var context = frame(locale: locale, path: "\(locale.code)/about.html",
                            title: "\(strings["about"]!) · \(strings["site_title"]!)", description: nil,
                            nav: nav(locale, current: "about"),
                            alternates: baseURL == nil ? [] : locales.map { ("\($0.code)/about.html", $0.code) })
        context["materialCount"] = materials.filter { text($0.slug, in: locale) != nil }.count
        context["snapshot"] = ["shortID": String(snapshot.id.prefix(12)), "id": snapshot.id,
                               "date": Self.day(snapshot.takenAt)]
        context["languages"] = languageLinks(from: "../")
        return context
    }

    private func materialContext(_ locale: LocaleInfo, slug: String, key: TranslationKey, isFallback: Bool,
                                 body: RenderedBody?) -> [String: Any] {
        let strings = ui(locale)
        let text = snapshot.translation(key.slug, key.locale)!
        let material = materialsBySlug[slug]
        let textLocale = allLocales[text.locale]
        let translated = translatedLocales[slug] ?? []
        let alternates: [(String, String)] =
            baseURL == nil || isFallback ? [] : translated.map { (Self.materialPath(locale: $0, slug: slug), $0) }
        var context = frame(locale: locale, path: Self.materialPath(locale: locale.code, slug: slug),
                            title: "\(text.content.title) · \(strings["site_title"]!)",
                            description: text.content.summary, nav: nav(locale, current: nil), alternates: alternates,
                            canonicalPath: isFallback ? Self.materialPath(locale: text.locale, slug: slug) : nil)
        let topics = (material?.topics ?? []).map { ["label": topicLabel($0, locale), "href": "index.html#\(topicAnchor($0))"] }
        let others: [[String: Any]] = translated.filter { $0 != locale.code }.compactMap { code in
            guard let other = allLocales[code] else { return nil }
            return ["autonym": other.autonym, "lang": code, "dir": other.direction.rawValue,
                    "href": "../" + Self.materialPath(locale: code, slug: slug)]
        }
        let rendered = body ?? renderBody(text)
        context["material"] = [
            "slug": slug, "title": text.content.title, "summary": text.content.summary, "body": rendered.html,
            "isFallback": isFallback, "notice": strings["not_yet_translated"]!,
            "textLang": text.locale, "textDir": textLocale?.direction.rawValue ?? "ltr",
            "readAloudMinutes": rendered.readAloudMinutes, "published": Self.day(text.publishedAt),
            "revision": String(text.revisionHash.prefix(12)), "revisionFull": text.revisionHash,
            "topics": topics, "hasTopics": !topics.isEmpty,
            "otherLanguages": others, "hasOtherLanguages": !others.isEmpty,
        ] as [String: Any]
        return context
    }

    /// What every page's frame (`base.mustache`) needs. `alternates` are (path, hreflang) pairs.
    private func frame(locale: LocaleInfo, path: String, title: String, description: String?,
                       nav: [[String: Any]], alternates: [(String, String)], canonicalPath: String? = nil) -> [String: Any] {
        let depth = path.split(separator: "/").count - 1
        let root = String(repeating: "../", count: depth)
        var page: [String: Any] = [
            "lang": locale.code, "dir": locale.direction.rawValue, "title": title,
            "csp": Self.contentSecurityPolicy, "root": root, "nav": nav, "hasNav": !nav.isEmpty,
            "home": "index.html",
        ]
        if let description, !description.isEmpty { page["description"] = description }
        if let baseURL {
            page["canonical"] = baseURL + (canonicalPath ?? path)
            page["alternates"] = alternates.map { ["hreflang": $0.1, "href": baseURL + $0.0] }
        }
        return ["page": page, "ui": ui(locale)]
    }

    private func nav(_ locale: LocaleInfo, current: String?) -> [[String: Any]] {
        let strings = ui(locale)
        return [
            ["href": "index.html", "label": strings["home"]!, "current": current == "index"],
            ["href": "about.html", "label": strings["about"]!, "current": current == "about"],
            ["href": "../index.html", "label": strings["languages"]!, "current": false],
        ]
    }

    private func languageLinks(from prefix: String) -> [[String: Any]] {
        locales.map { ["autonym": $0.autonym, "lang": $0.code, "dir": $0.direction.rawValue,
                       "href": "\(prefix)\($0.code)/index.html"] }
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
        for page in pages where !page.entry.fallback {
            out += "<url><loc>\(Self.xmlEscaped(baseURL + page.path))</loc></url>\n"
        }
        out += "</urlset>\n"
        return Data(out.utf8)
    }

    private static func xmlEscaped(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;")
    }
}
