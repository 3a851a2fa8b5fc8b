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
    /// Slug to the built locales (in root-page order) that have their own published translation.
    let translatedLocales: [String: [String]]
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
        for material in materials {
            if let problem = Material.slugProblem(material.slug) {
                throw LoaError.invalid(InputIssue(field: "slug", problem: problem, fix: "Rename the material."))
            }
        }
        var translated: [String: [String]] = [:]
        for material in materials {
            translated[material.slug] = locales.map(\.code).filter { snapshot.translation(material.slug, $0) != nil }
        }
        translatedLocales = translated

        var environment = [Self.formatVersion, theme.digest, baseURL ?? "-", rootLocale.code,
                           locales.map(\.code).joined(separator: ","),
                           MarkdownRenderer().html(Self.rendererProbe)]
        for locale in snapshot.locales.sorted(by: { $0.code < $1.code }) {
            environment += [locale.code, locale.autonym, locale.direction.rawValue, locale.script,
                            locale.fallbacks.joined(separator: ","), String(locale.wordsPerMinute)]
            environment += locale.uiStrings.keys.sorted().map { "\($0)=\(locale.uiStrings[$0]!)" }
        }
        environmentDigest = SHA256.hex(environment)
    }

    /// Markdown whose HTML changes whenever the renderer's output does in the ways pages can see.
    static let rendererProbe = "# Tiêu đề\n\nĐoạn *nhấn* **mạnh** [liên kết](https://example.org) `mã`.\n\n- mục\n\n1. một\n\n> trích\n\n![ảnh](x.png)\n"

    // MARK: - Collect pages

    /// Plans every page: the root, and for each built locale its index, about page and one page per
    /// material that has text in the locale or along its fallback chain.
    mutating func collectPages() {
        var pages: [SitePage] = []
        pages.append(SitePage(path: "index.html", kind: .languages, entry: SiteManifest.Page(
            path: "index.html", kind: "languages", locale: rootLocale.code,
            fingerprint: SHA256.hex([environmentDigest, "languages"]))))
        for locale in locales {
            var indexInputs = [environmentDigest, "index", locale.code]
            var materialCount = 0
            for material in materials {
                guard let (text, isFallback) = self.text(material.slug, in: locale) else { continue }
                materialCount += 1
                let key = TranslationKey(slug: material.slug, locale: text.locale)
                let others = (translatedLocales[material.slug] ?? []).filter { $0 != locale.code }
                let inputs = [environmentDigest, "material", locale.code, material.slug, text.revisionHash,
                              text.locale, String(isFallback), String(Int64(text.publishedAt.timeIntervalSince1970.rounded(.down))),
                              material.topics.joined(separator: ","), others.joined(separator: ",")]
                indexInputs += [material.slug, text.revisionHash, text.locale, String(isFallback),
                                material.topics.joined(separator: ",")]
                let path = Self.materialPath(locale: locale.code, slug: material.slug)
                pages.append(SitePage(
                    path: path, kind: .material(locale: locale.code, slug: material.slug, text: key, isFallback: isFallback),
                    entry: SiteManifest.Page(path: path, kind: "material", material: material.slug, locale: locale.code,
                                             textLocale: text.locale, revision: text.revisionHash, fallback: isFallback,
                                             fingerprint: SHA256.hex(inputs))))
            }
            pages.append(SitePage(path: "\(locale.code)/index.html", kind: .index(locale: locale.code), entry: SiteManifest.Page(
                path: "\(locale.code)/index.html", kind: "index", locale: locale.code,
                fingerprint: SHA256.hex(indexInputs))))
            pages.append(SitePage(path: "\(locale.code)/about.html", kind: .about(locale: locale.code), entry: SiteManifest.Page(
                path: "\(locale.code)/about.html", kind: "about", locale: locale.code,
                fingerprint: SHA256.hex([environmentDigest, "about", locale.code, snapshot.id,
                                         String(snapshot.takenAt.timeIntervalSince1970), String(materialCount)]))))
        }
        self.pages = pages.sorted { $0.path < $1.path }
    }

    /// The text a reader of `locale` gets for `slug`: their own published translation, else the first
    /// published one along the locale's fallback chain (as `Snapshot.text(for:in:)`).
    func text(_ slug: String, in locale: LocaleInfo) -> (PublishedTranslation, Bool)? {
        if let own = snapshot.translation(slug, locale.code) { return (own, false) }
        for code in locale.fallbacks {
            if let other = snapshot.translation(slug, code) { return (other, true) }
        }
        return nil
    }

    /// `vi/fake-job-offers.html`. Slugs that would collide with a language's own pages (`index`, `about`)
    /// get `.material.html`; no slug can contain a dot, so no other page can have that name.
    static func materialPath(locale: String, slug: String) -> String {
        slug == "index" || slug == "about" ? "\(locale)/\(slug).material.html" : "\(locale)/\(slug).html"
    }

    /// The files every site has besides its pages, with their fingerprints.
    var stylesheetFiles: [SiteManifest.File] {
        SiteTheme.stylesheets.map { name in
            var hasher = SHA256()
            hasher.update(theme.stylesheets[name] ?? Data())
            return SiteManifest.File(path: name, fingerprint: hasher.hexDigest())
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
