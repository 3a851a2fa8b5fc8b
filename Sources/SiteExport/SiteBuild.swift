import CampaignModel
import Foundation
import MarkdownRendering

/// The context the export steps share: the snapshot, the choices made from the options, and the planned
/// pages with their fingerprints.
struct SiteBuild: Sendable {
    /// Bump when the way pages are made changes in a way fingerprints cannot see (a new page element,
    /// a different link scheme), so that every page of an older build is made anew.
    static let formatVersion = "loa-site/1"
    static let contentSecurityPolicy =
        "default-src 'none'; style-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'"

    let snapshot: Snapshot
    let options: SiteOptions
    let theme: SiteTheme
    /// Every locale of the snapshot (for fallback chains and UI strings).
    let allLocales: [String: LocaleInfo]
    /// The locales built, in root-page order.
    let locales: [LocaleInfo]
    /// The locale of the root page's interface: the first built locale that falls back to nothing (the
    /// source language), else the first built locale.
    let rootLocale: LocaleInfo
    /// `options.baseURL` as text ending in `/`.
    let baseURL: String?
    /// Materials sorted by slug.
    let materials: [Material]
    let materialsBySlug: [String: Material]
    /// Locale code to its UI strings, each resolved along the locale's fallback chain.
    let uiStrings: [String: [String: String]]
    /// Locale code to its UI strings as the `ui` object of a template context, keys in `UIStringKey.all` order.
    let uiValues: [String: TemplateValue]
    /// Locale code to the `page.nav` of its material pages (the same on each).
    let materialNavs: [String: [TemplateValue]]
    /// Slug to the built locales (in root-page order) that have their own published translation.
    let translatedLocales: [String: [String]]
    /// For each material (in `materials` order), for each built locale (in `locales` order): the text its
    /// page shows, if any: the locale's own published translation, else the first published one along the
    /// locale's fallback chain (as `Snapshot.text(for:in:)`).
    let shownTexts: [[ShownText?]]
    /// SHA-256 over everything every page depends on (theme, locales, UI strings, base URL, renderer).
    let environmentDigest: String
    private(set) var pages: [SitePage] = []

    init(snapshot: Snapshot, options: SiteOptions, theme: SiteTheme) throws {
        self.snapshot = snapshot
        self.options = options
        self.theme = theme
        var all: [String: LocaleInfo] = [:]
        for locale in snapshot.locales { all[locale.code] = locale }
        allLocales = all
        locales = try Self.chooseLocales(snapshot: snapshot, requested: options.locales, all: all)
        rootLocale = locales.first { $0.fallbacks.isEmpty } ?? locales[0]
        baseURL = try options.baseURL.map(Self.normalizedBaseURL)
        materials = snapshot.materials.sorted { $0.slug < $1.slug }
        materialsBySlug = Dictionary(materials.map { ($0.slug, $0) }, uniquingKeysWith: { first, _ in first })
        var strings: [String: [String: String]] = [:]
        for locale in snapshot.locales {
            var resolved: [String: String] = [:]
            for key in UIStringKey.all { resolved[key] = locale.uiString(key, in: all) }
            strings[locale.code] = resolved
        }
        uiStrings = strings
        uiValues = strings.mapValues { resolved in .object(UIStringKey.all.map { ($0, .text(resolved[$0]!)) }) }
        materialNavs = strings.mapValues { Self.nav($0, current: nil) }
        for material in materials {
            if let problem = Material.slugProblem(material.slug) {
                throw LoaError.invalid(InputIssue(field: "slug", problem: problem, fix: "Rename the material."))
            }
        }
        // Position of each translation, as `Snapshot.translation` finds it (the last one of a key), in a
        // table of material slug × locale: the built locales first, then the locales they fall back to (no
        // other translation is ever shown). One flat table instead of a dictionary per material: each
        // translation costs two small-string lookups, and the pages below index the table directly.
        var slugSlots: [String: Int] = [:]
        slugSlots.reserveCapacity(materials.count)
        let materialSlots = materials.map { material in
            if let slot = slugSlots[material.slug] { return slot }
            slugSlots[material.slug] = slugSlots.count
            return slugSlots.count - 1
        }
        var columns: [String: Int] = [:]
        for locale in locales { columns[locale.code] = columns[locale.code] ?? columns.count }
        for locale in locales {
            for code in locale.fallbacks where columns[code] == nil { columns[code] = columns.count }
        }
        let width = columns.count
        var table = [Int](repeating: -1, count: slugSlots.count * width)
        for (offset, translation) in snapshot.translations.enumerated() {
            guard let slot = slugSlots[translation.slug], let column = columns[translation.locale] else { continue }
            table[slot * width + column] = offset
        }
        let ownColumns = locales.map { columns[$0.code]! }
        let fallbackColumns = locales.map { $0.fallbacks.map { columns[$0]! } }
        var translated: [String: [String]] = [:]
        var shown: [[ShownText?]] = []
        shown.reserveCapacity(materials.count)
        let built = locales
        for (position, material) in materials.enumerated() {
            let row = materialSlots[position] * width
            translated[material.slug] = built.indices.compactMap { table[row + ownColumns[$0]] >= 0 ? built[$0].code : nil }
            shown.append(built.indices.map { localeIndex in
                let own = table[row + ownColumns[localeIndex]]
                if own >= 0 { return ShownText(position: own, isFallback: false) }
                for column in fallbackColumns[localeIndex] where table[row + column] >= 0 {
                    return ShownText(position: table[row + column], isFallback: true)
                }
                return nil
            })
        }
        translatedLocales = translated
        shownTexts = shown

        var environment = [Self.formatVersion, theme.digest, baseURL ?? "-", rootLocale.code,
                           locales.map(\.code).joined(separator: ","),
                           MarkdownRenderer().html(Self.rendererProbe)]
        for locale in snapshot.locales.sorted(by: { $0.code < $1.code }) {
            environment += [locale.code, locale.autonym, locale.direction.rawValue, locale.script,
                            locale.fallbacks.joined(separator: ","), String(locale.wordsPerMinute)]
            environment += locale.uiStrings.keys.sorted().map { "\($0)=\(locale.uiStrings[$0]!)" }
        }
        environmentDigest = Fingerprint.hex(environment)
    }

    /// Markdown whose HTML changes whenever the renderer's output does in the ways pages can see.
    static let rendererProbe = "# Tiêu đề\n\nĐoạn *nhấn* **mạnh** [liên kết](https://example.org) `mã`.\n\n- mục\n\n1. một\n\n> trích\n\n![ảnh](x.png)\n"

    // MARK: - Collect pages

    /// Plans every page: the root, and for each built locale its index, about page and one page per
    /// material that has text in the locale or along its fallback chain.
    ///
    /// A fingerprint hashes everything its page's context is made from (the environment digest first).
    /// A material page's body enters by the translation's revision hash, not its Markdown; an index page
    /// hashes the titles and summaries it lists, not revisions, so editing a body does not remake it.
    mutating func collectPages() {
        var environment = Fingerprint()
        environment.field(environmentDigest)
        var root = environment
        root.field("languages")
        let rootDigest = root.digest
        let rootPage = SitePage(path: "index.html", kind: .languages, entry: SiteManifest.Page(
            path: "index.html", kind: "languages", locale: rootLocale.code, fingerprint: rootDigest.hex), digest: rootDigest)
        let topics = materials.map { $0.topics.joined(separator: ",") }
        let translated = materials.map { (translatedLocales[$0.slug] ?? []).joined(separator: ",") }
        let build = self
        // Locales are independent: collected in parallel, each sorted by path. Every path of a locale starts
        // with its code and a `/`, and codes hold only letters, digits and hyphens, so two groups (and the
        // root page) compare as wholes: sorting the groups by their first paths sorts the pages.
        var groups = Parallel.map(Array(locales.indices), grain: 1) { localeIndex in
            build.collectPages(localeIndex, environment: environment, topics: topics, translated: translated)
                .sorted { $0.path < $1.path }
        }
        groups.append([rootPage])
        groups.sort { $0[0].path < $1[0].path }
        var pages: [SitePage] = []
        pages.reserveCapacity(groups.reduce(0) { $0 + $1.count })
        for group in groups { pages += group }
        assert(zip(pages, pages.dropFirst()).allSatisfy { $0.path < $1.path })
        self.pages = pages
    }

    private func collectPages(_ localeIndex: Int, environment: Fingerprint, topics: [String], translated: [String]) -> [SitePage] {
        let locale = locales[localeIndex]
        var pages: [SitePage] = []
        pages.reserveCapacity(materials.count + 2)
        var index = environment
        index.field("index")
        index.field(locale.code)
        var materialCount = 0
        var page = environment
        let environmentCount = page.count
        // Read in place: copying a translation or a material out of its array retains every string in it,
        // which was most of the time of this loop.
        snapshot.translations.withUnsafeBufferPointer { translations in
        materials.withUnsafeBufferPointer { materials in
        shownTexts.withUnsafeBufferPointer { shownTexts in
            for position in materials.indices {
                guard let shown = shownTexts[position][localeIndex] else { continue }
                let slug = materials[position].slug
                let textLocale = translations[shown.position].locale
                let revision = translations[shown.position].revisionHash
                let isFallback = shown.isFallback
                materialCount += 1
                page.truncate(to: environmentCount)
                page.field("material")
                page.field(locale.code)
                page.field(slug)
                page.field(revision)
                page.field(textLocale)
                page.field(isFallback ? "1" : "0")
                page.field(String(Int64(translations[shown.position].publishedAt.timeIntervalSince1970.rounded(.down))))
                page.field(topics[position])
                page.field(translated[position])
                index.field(slug)
                index.field(translations[shown.position].content.title)
                index.field(translations[shown.position].content.summary)
                index.field(textLocale)
                index.field(isFallback ? "1" : "0")
                index.field(topics[position])
                let path = Self.materialPath(locale: locale.code, slug: slug)
                let digest = page.digest
                pages.append(SitePage(
                    path: path,
                    kind: .material(locale: locale.code, slug: slug,
                                    text: TranslationKey(slug: slug, locale: textLocale), isFallback: isFallback),
                    entry: SiteManifest.Page(path: path, kind: "material", material: slug, locale: locale.code,
                                             textLocale: textLocale, revision: revision, fallback: isFallback,
                                             fingerprint: digest.hex), digest: digest))
            }
        }
        }
        }
        let indexDigest = index.digest
        pages.append(SitePage(path: "\(locale.code)/index.html", kind: .index(locale: locale.code), entry: SiteManifest.Page(
            path: "\(locale.code)/index.html", kind: "index", locale: locale.code, fingerprint: indexDigest.hex), digest: indexDigest))
        var about = environment
        for field in ["about", locale.code, snapshot.id, String(snapshot.takenAt.timeIntervalSince1970), String(materialCount)] {
            about.field(field)
        }
        let aboutDigest = about.digest
        pages.append(SitePage(path: "\(locale.code)/about.html", kind: .about(locale: locale.code), entry: SiteManifest.Page(
            path: "\(locale.code)/about.html", kind: "about", locale: locale.code, fingerprint: aboutDigest.hex), digest: aboutDigest))
        return pages
    }

    /// The number of materials with a page in the built locale at `localeIndex`.
    func materialCount(_ localeIndex: Int) -> Int {
        shownTexts.reduce(0) { $0 + ($1[localeIndex] == nil ? 0 : 1) }
    }

    /// `vi/fake-job-offers.html`. Slugs that would collide with a language's own pages (`index`, `about`)
    /// get `.material.html`; no slug can contain a dot, so no other page can have that name.
    static func materialPath(locale: String, slug: String) -> String {
        slug == "index" || slug == "about" ? "\(locale)/\(slug).material.html" : "\(locale)/\(slug).html"
    }

    /// The files every site has besides its pages, with their fingerprints.
    var stylesheetFiles: [SiteManifest.File] {
        SiteTheme.stylesheets.map { name in
            var fingerprint = Fingerprint()
            fingerprint.append(theme.stylesheets[name] ?? Data())
            return SiteManifest.File(path: name, fingerprint: fingerprint.hex)
        }
    }

    // MARK: - Choices from the options

    private static func chooseLocales(snapshot: Snapshot, requested: [String]?, all: [String: LocaleInfo]) throws -> [LocaleInfo] {
        let chosen: [LocaleInfo]
        if let requested {
            var seen: Set<String> = []
            var list: [LocaleInfo] = []
            for code in requested where seen.insert(code).inserted {
                guard let locale = all[code] else {
                    throw LoaError.invalid(InputIssue(
                        file: "argument", field: "--locales",
                        problem: "the snapshot has no locale '\(code)'.",
                        fix: "Use codes from: \(snapshot.locales.map(\.code).sorted().joined(separator: ", "))."))
                }
                list.append(locale)
            }
            chosen = list
        } else {
            let published = Set(snapshot.translations.map(\.locale))
            chosen = snapshot.locales.filter { published.contains($0.code) }
        }
        guard !chosen.isEmpty else {
            throw LoaError.invalid(InputIssue(
                file: "argument", field: "--locales", problem: "there is no locale to build: nothing is published.",
                fix: "Publish a translation first, or name locales with --locales."))
        }
        for locale in chosen {
            let safe = !locale.code.isEmpty && locale.code.unicodeScalars.allSatisfy {
                ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || $0 == "-"
            }
            guard safe else {
                throw LoaError.invalid(InputIssue(
                    field: "code", locale: locale.code, problem: "the locale code '\(locale.code)' cannot be a folder name.",
                    fix: "Use a BCP 47 tag (letters, digits and hyphens)."))
            }
        }
        return chosen
    }

    private static func normalizedBaseURL(_ url: URL) throws -> String {
        let text = url.absoluteString
        guard let scheme = url.scheme?.lowercased(), scheme == "https" || scheme == "http", url.host != nil,
              url.query == nil, url.fragment == nil
        else {
            throw LoaError.invalid(InputIssue(
                file: "argument", field: "--base-url", problem: "'\(text)' is not an http or https address of a folder.",
                fix: "Give the site's public address, for example https://example.org/loa/."))
        }
        return text.hasSuffix("/") ? text : text + "/"
    }
}

/// The text a material's page shows in one locale: `snapshot.translations[position]`, another locale's
/// when `isFallback`.
struct ShownText: Sendable {
    var position: Int
    var isFallback: Bool
}
