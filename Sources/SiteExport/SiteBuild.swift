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
    private(set) var pages = SitePages()
    /// The bytes pages and their manifest lines are made of; made by `collectPages`.
    private(set) var fields = PageFields()
    /// For a snapshot read without its texts (`SnapshotTexts.revisionsOnly`): the texts of the pages made
    /// anew, by position in `snapshot.translations`, read by revision hash (see `SiteExporter`).
    var texts: [Int32: TranslationContent] = [:]

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
        // Texts come by slug, so each slug is looked up once for its run of texts; the few locale codes are
        // compared in a list rather than hashed.
        let columnCodes = columns.sorted { $0.value < $1.value }.map(\.key)
        var lastSlug: String?, lastSlot: Int?
        // Read in place: `enumerated()` copied each translation, retaining every string in it.
        snapshot.translations.withUnsafeBufferPointer { translations in
            for offset in translations.indices {
                if translations[offset].slug != lastSlug {
                    lastSlug = translations[offset].slug
                    lastSlot = slugSlots[translations[offset].slug]
                }
                guard let slot = lastSlot, let column = columnCodes.firstIndex(of: translations[offset].locale) else { continue }
                table[slot * width + column] = offset
            }
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
    /// A text enters by its revision hash, which names its title, summary and body: so the pages can be
    /// planned from a snapshot without texts (`SnapshotTexts.revisionsOnly`), and only the texts of the
    /// pages made anew are read. The price: editing only a body also remakes its locale's index page, whose
    /// bytes then come out the same (and `SiteFolder.put` links instead of writing them).
    mutating func collectPages() {
        var environment = Fingerprint()
        environment.field(environmentDigest)
        var root = environment
        root.field("languages")
        fields = PageFields(self)
        // A locale's pages in path order: every path of a locale is its code, `/` and a file name, so the
        // file names sorted once give the order of every locale (-1: the index, -2: the about page).
        let fileNames = materials.map { Self.materialFile(slug: $0.slug) }
        let fileOrder = ([-1, -2] + Array(materials.indices)).sorted {
            Self.fileName($0, fileNames) < Self.fileName($1, fileNames)
        }
        let build = self
        // Locales are independent: collected in parallel. Codes hold only letters, digits and hyphens, so
        // two locales' groups (and the root page) compare as wholes, as their codes followed by `/` do.
        let groups = Parallel.map(Array(locales.indices), grain: 1) { localeIndex in
            build.collectPages(localeIndex, environment: environment, fileNames: fileNames, fileOrder: fileOrder)
        }
        let rootPosition = Int32(locales.firstIndex { $0.code == rootLocale.code }!)
        var rootPage = SitePages()
        rootPage.append(SitePages.Page(kind: .languages, locale: rootPosition, digest: root.digest), file: "index.html")
        var order = Array(groups.indices)
        order.sort { locales[$0].code + "/" < locales[$1].code + "/" }
        var pages = SitePages()
        pages.reserveCapacity(pages: groups.reduce(1) { $0 + $1.count },
                              pathBytes: groups.reduce(10) { $0 + $1.pathBytes.count })
        var rootPlaced = false
        for group in order {
            if !rootPlaced, "index.html" < locales[group].code + "/" {
                pages.append(contentsOf: rootPage)
                rootPlaced = true
            }
            pages.append(contentsOf: groups[group])
        }
        if !rootPlaced { pages.append(contentsOf: rootPage) }
        assert(zip(pages.indices, pages.indices.dropFirst()).allSatisfy { pages.path($0) < pages.path($1) })
        self.pages = pages
    }

    /// The file name at `position` of a locale's file order.
    private static func fileName(_ position: Int, _ fileNames: [String]) -> String {
        position == -1 ? "index.html" : position == -2 ? "about.html" : fileNames[position]
    }

    private func collectPages(_ localeIndex: Int, environment: Fingerprint, fileNames: [String], fileOrder: [Int]) -> SitePages {
        let locale = locales[localeIndex]
        let position = Int32(localeIndex)
        var index = environment
        index.field("index")
        index.field(locale.code)
        var materialCount = 0
        var page = environment
        page.field("material")
        page.field(locale.code)
        let pageStart = page.count
        let flags: [[UInt8]] = [[0x30, 0xFF], [0x31, 0xFF]]  // "0", "1": isFallback
        /// The digest of each material's page, in `materials` order (unset for materials without a page).
        var digests = [Fingerprint.Digest](repeating: Fingerprint().digest, count: materials.count)
        // The fields of a page and of its line in the index, copied from `fields` (made once per build).
        fields.slug.withRows { slug in
        fields.topics.withRows { topics in
        fields.translated.withRows { translated in
        fields.revision.withRows { revision in
        fields.published.withRows { published in
        shownTexts.withUnsafeBufferPointer { shownTexts in
            for material in 0..<shownTexts.count {
                guard let shown = shownTexts[material][localeIndex] else { continue }
                let text = shown.position
                let flag = flags[shown.isFallback ? 1 : 0]
                materialCount += 1
                page.truncate(to: pageStart)
                page.append(slug[material])
                page.append(revision[text])
                page.append(flag)
                page.append(published[text])
                page.append(topics[material])
                page.append(translated[material])
                index.append(slug[material])
                index.append(revision[text])
                index.append(flag)
                index.append(topics[material])
                digests[material] = page.digest
            }
        }
        }
        }
        }
        }
        }
        var about = environment
        for field in ["about", locale.code, snapshot.id, String(snapshot.takenAt.timeIntervalSince1970), String(materialCount)] {
            about.field(field)
        }
        var pages = SitePages()
        pages.reserveCapacity(pages: materialCount + 2, pathBytes: (materialCount + 2) * (locale.code.utf8.count + 20))
        let folder = locale.code + "/"
        for file in fileOrder {
            switch file {
            case -1:
                pages.append(SitePages.Page(kind: .index, locale: position, digest: index.digest), folder: folder, file: "index.html")
            case -2:
                pages.append(SitePages.Page(kind: .about, locale: position, digest: about.digest), folder: folder, file: "about.html")
            default:
                guard let shown = shownTexts[file][localeIndex] else { continue }
                pages.append(SitePages.Page(kind: .material, isFallback: shown.isFallback, locale: position,
                                            material: Int32(file), text: Int32(shown.position), digest: digests[file]),
                             folder: folder, file: fileNames[file])
            }
        }
        return pages
    }

    /// What the site holds besides its pages and stylesheets: the sitemap (with a base URL), the list of
    /// those files (`stylesheets` and the sitemap, sorted by path) and the manifest's bytes.
    func closingFiles(stylesheets: [SiteManifest.File]) -> (sitemap: Data?, files: [SiteManifest.File], manifest: [UInt8]) {
        var files = stylesheets
        let sitemap = sitemap()
        if let sitemap {
            var fingerprint = Fingerprint()
            fingerprint.append(sitemap)
            files.append(SiteManifest.File(path: "sitemap.xml", fingerprint: fingerprint.hex))
        }
        files.sort { $0.path < $1.path }
        return (sitemap, files, manifest(files: files))
    }

    /// `manifest.json` of this build: every page from the page table, then `files` (sorted by path).
    ///
    /// A page's line is copied together from fragments made once per locale, material and translation,
    /// here, on the thread that makes the manifest while the pages are made.
    func manifest(files: [SiteManifest.File]) -> [UInt8] {
        func fragment(_ parts: [(key: String, value: String)]) -> [UInt8] {
            var out: [UInt8] = []
            for (key, value) in parts { Self.appendJSONField(key, value, to: &out) }
            return out
        }
        let kinds = [SitePages.Kind.languages, .index, .about, .material].map { fragment([("kind", $0.name)]) }
        let localeFragments = locales.map { fragment([("locale", $0.code)]) }
        let fallback = [Array(", \"fallback\": false, \"fingerprint\": \"".utf8), Array(", \"fallback\": true, \"fingerprint\": \"".utf8)]
        // `, "material": "slug"` by material; `, "textLocale": "…", "revision": "…"` by translation.
        var materialRows = ByteRows(), textRows = ByteRows()
        materialRows.reserveCapacity(rows: materials.count, bytes: materials.count * 40)
        for material in materials {
            materialRows.append { Self.appendJSONField("material", material.slug, to: &$0) }
            materialRows.endRow()
        }
        textRows.reserveCapacity(rows: snapshot.translations.count, bytes: snapshot.translations.count * 110)
        // Read in place: a copy of each translation would retain every string in it.
        snapshot.translations.withUnsafeBufferPointer { translations in
            for translation in translations.indices {
                textRows.append {
                    Self.appendJSONField("textLocale", translations[translation].locale, to: &$0)
                    Self.appendJSONField("revision", translations[translation].revisionHash, to: &$0)
                }
                textRows.endRow()
            }
        }
        return materialRows.withRows { materialFragments in
        textRows.withRows { textFragments in
            SiteManifest.encode(snapshotID: snapshot.id, snapshotTakenAt: Self.timestamp(snapshot.takenAt),
                                locales: locales.map(\.code), files: files, pageCount: pages.count) { index, out in
                let page = pages[index]
                out.append(contentsOf: "{\"path\": ".utf8)
                pages.withPath(index) { SiteManifest.appendJSON($0, to: &out) }
                out.append(contentsOf: kinds[Int(page.kind.rawValue)])
                if page.kind == .material { out.append(contentsOf: materialFragments[Int(page.material)]) }
                out.append(contentsOf: localeFragments[Int(page.locale)])
                if page.kind == .material { out.append(contentsOf: textFragments[Int(page.text)]) }
                out.append(contentsOf: fallback[page.isFallback ? 1 : 0])
                page.digest.appendHex(to: &out)
                out.append(contentsOf: [0x22, 0x7D])
            }
        }
        }
    }

    /// `, "key": "value"`.
    private static func appendJSONField(_ key: String, _ value: String, to out: inout [UInt8]) {
        out.append(contentsOf: ", \"\(key)\": ".utf8)
        SiteManifest.appendJSON(value, to: &out)
    }

    /// The text at `position` of `snapshot.translations`: the one read for this build, else the snapshot's.
    func content(_ position: Int) -> TranslationContent {
        texts[Int32(position)] ?? snapshot.translations[position].content
    }

    /// The texts the pages at `indices` of `pages` show, as positions in `snapshot.translations`, each
    /// once: those whose body a material page shows, then the others an index page lists (their titles
    /// and summaries).
    func textsShown(onPages indices: [Int]) -> (withBodies: [Int32], listed: [Int32]) {
        var withBodies: [Int32] = [], listed: [Int32] = []
        var seen = [Bool](repeating: false, count: snapshot.translations.count)
        for index in indices where pages[index].kind == .material && !seen[Int(pages[index].text)] {
            seen[Int(pages[index].text)] = true
            withBodies.append(pages[index].text)
        }
        for index in indices where pages[index].kind == .index {
            let localeIndex = Int(pages[index].locale)
            for shown in shownTexts {
                guard let text = shown[localeIndex]?.position, !seen[text] else { continue }
                seen[text] = true
                listed.append(Int32(text))
            }
        }
        return (withBodies, listed)
    }

    /// The number of materials with a page in the built locale at `localeIndex`.
    func materialCount(_ localeIndex: Int) -> Int {
        shownTexts.reduce(0) { $0 + ($1[localeIndex] == nil ? 0 : 1) }
    }

    /// `vi/fake-job-offers.html`.
    static func materialPath(locale: String, slug: String) -> String {
        "\(locale)/" + materialFile(slug: slug)
    }

    /// `fake-job-offers.html`. Slugs that would collide with a language's own pages (`index`, `about`)
    /// get `.material.html`; no slug can contain a dot, so no other page can have that name.
    static func materialFile(slug: String) -> String {
        slug == "index" || slug == "about" ? "\(slug).material.html" : "\(slug).html"
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
            // The few codes are compared in a list: hashing each text's locale cost more.
            var published: [String] = []
            snapshot.translations.withUnsafeBufferPointer { translations in
                for translation in translations where !published.contains(translation.locale) { published.append(translation.locale) }
            }
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
