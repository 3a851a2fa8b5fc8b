import CampaignModel
import Foundation
import MarkdownRendering

/// Builds the static site of a snapshot: one folder per locale with an index of materials by topic, a page
/// per material and an about page, a root page listing languages by autonym, two stylesheets, a manifest,
/// a sitemap (with a base URL) and optionally a zip bundle.
///
/// The export is a pipeline of named steps (`SiteStep`) over one context, in the manner of Publish: load
/// theme → collect pages → prepare folder (keeping and linking the unchanged pages) → render Markdown (the
/// texts of the pages made anew read first, when the snapshot has none) → apply templates → write manifest
/// → rename into place → zip. See `SiteFolder` for how the build is both atomic and incremental. Pages
/// depend only on the snapshot, the options and the theme (no clock), so the same snapshot gives the same
/// bytes.
public struct SiteExporter: Sendable {
    public var options: SiteOptions
    /// Called from any thread as the build advances.
    public var progress: (@Sendable (SiteProgress) -> Void)?
    /// Called before each step; a test throws from it to simulate a failure.
    var beforeStep: (@Sendable (SiteStep) throws -> Void)?

    public init(options: SiteOptions, progress: (@Sendable (SiteProgress) -> Void)? = nil) {
        self.options = options
        self.progress = progress
    }

    /// Reads texts by revision hash (revision hash to text; a hash it cannot find left out): title and
    /// summary, and with `withBodies` the Markdown body too (see `AppDatabase.texts(ofRevisions:withBodies:)`).
    public typealias TextReader = @Sendable (_ revisionHashes: [String], _ withBodies: Bool) throws -> [String: TranslationContent]

    /// Builds the site of `snapshot` into `options.outputDirectory`.
    ///
    /// `texts`: for a snapshot read without its texts (`SnapshotTexts.revisionsOnly`: every `content`
    /// empty), reads the texts of the pages that are made anew. After one edit, that is a handful of
    /// bodies, and the titles and summaries the remade index pages list (a thousand for a large site).
    /// Titles and summaries are kept beside the site for the next build (`SiteTextCache`), which then
    /// asks the reader only for those it has not seen. Without a reader, pages show the snapshot's own texts.
    ///
    /// - Throws: `LoaError.invalidInput` for bad options or a broken template (naming file and line),
    ///   `SiteExportError` (naming step and path) when a file cannot be written or a text cannot be read.
    ///   In every case the previous site is left whole.
    public func export(_ snapshot: Snapshot, texts textReader: TextReader? = nil) throws -> SiteExportReport {
        try export(reading: { snapshot }, texts: textReader)
    }

    /// Builds the site of the snapshot `readSnapshot` returns, as `export(_:texts:)` does.
    ///
    /// While `readSnapshot` runs, the theme is loaded and the manifests of the site and its work folder
    /// are read on another thread: none of it depends on the snapshot, and for a rebuild after one edit
    /// it is a fifth of the work, which a second core then does meanwhile. Errors are thrown in the order
    /// of the steps: the snapshot's first.
    public func export(reading readSnapshot: () throws -> Snapshot, texts textReader: TextReader? = nil) throws -> SiteExportReport {
        let options = options
        let theme = Background { try SiteTheme.load(overrides: options.themeDirectory) }
        let manifests = Background { SiteFolder.Manifests(live: options.outputDirectory) }
        let textCache = textReader.map { _ in Background { SiteTextCache(ofSite: options.outputDirectory) } }
        // Whatever happens, the other thread's work is waited for: nothing of it outlives this call.
        defer {
            _ = try? theme.value()
            _ = try? manifests.value()
            _ = try? textCache?.value()
        }
        return try export(try readSnapshot(), theme: theme, manifests: manifests, texts: textReader, textCache: textCache)
    }

    private func export(_ snapshot: Snapshot, theme loadingTheme: Background<SiteTheme>, manifests: Background<SiteFolder.Manifests>,
                        texts textReader: TextReader?, textCache: Background<SiteTextCache>?) throws -> SiteExportReport {
        try step(.loadTheme)
        let theme = try loadingTheme.value()

        try step(.collectPages)
        var build = try SiteBuild(snapshot: snapshot, options: options, theme: theme)
        build.collectPages()
        let stylesheets = build.stylesheetFiles
        // The sitemap and manifest depend on the pages only: made on another thread while pages are linked,
        // texts read and pages made (for a large site, 3 MB of manifest in a rebuild of a dozen pages).
        let closing = Background { [build] in build.closingFiles(stylesheets: stylesheets) }
        defer { _ = try? closing.value() }
        let folder = try SiteFolder(live: options.outputDirectory, manifests: try manifests.value())

        do {
            try step(.prepareFolder)
            try folder.prepare(folders: build.locales.map(\.code))
            let pages = build.pages
            let actions = folder.actions(pages)
            // Pages the current site holds are linked; those it lacks after all are made like new ones.
            let toLink = pages.indices.filter { actions[$0] == .link }
            let linked = try Parallel.mapThrowing(toLink) { try folder.linkFromLive(pages.path($0)) }
            var made = pages.indices.filter { actions[$0] == .render }
            made += zip(toLink, linked).compactMap { $1 ? nil : $0 }
            made.sort()

            try step(.renderMarkdown)
            let (bodyTexts, listedTexts) = build.textsShown(onPages: made)
            var savingTexts: Background<Void>?
            defer { _ = try? savingTexts?.value() }
            if let textReader, let textCache = try textCache?.value() {
                // The titles and summaries the index pages list come from the texts the last build kept.
                build.texts = try Self.read(bodyTexts, withBodies: true, of: snapshot, reader: textReader)
                    .merging(try Self.read(listedTexts, withBodies: false, of: snapshot, reader: textCache.reader(over: textReader))) { own, _ in own }
                // Kept for the next build while this one goes on. Only a saving of time: a failure is ignored.
                let read = build.texts
                savingTexts = Background {
                    var adding: [String: TranslationContent] = [:]
                    for (position, text) in read { adding[snapshot.translations[Int(position)].revisionHash] = text }
                    _ = try? textCache.save(adding: adding, published: snapshot.translations.map(\.revisionHash))
                }
            }
            let finalBuild = build
            let renderedBodies = Parallel.map(bodyTexts) { text in
                finalBuild.renderBody(finalBuild.content(Int(text)).body, locale: snapshot.translations[Int(text)].locale)
            }
            var bodies: [Int32: RenderedBody] = [:]
            for (text, body) in zip(bodyTexts, renderedBodies) { bodies[text] = body }
            report(.renderMarkdown, bodyTexts.count, bodyTexts.count)

            try step(.applyTemplates)
            let total = pages.count
            let counter = Counter(start: total - made.count)
            let writes = try Parallel.mapThrowing(made) { index -> Bool in
                defer {
                    let done = counter.increment()
                    if done % 200 == 0 || done == total { self.report(.applyTemplates, done, total) }
                }
                let page = pages[index]
                let bytes = finalBuild.render(page, body: page.kind == .material ? bodies[page.text] : nil)
                return try folder.put(bytes, at: pages.path(index), step: .applyTemplates)
            }
            var written: [String] = []
            for file in stylesheets {
                switch folder.action(file.path, fingerprint: file.fingerprint) {
                case .keep: break
                case .link, .render:
                    if try folder.put(theme.stylesheets[file.path]!, at: file.path, step: .applyTemplates) {
                        written.append(file.path)
                    }
                }
            }

            try step(.writeManifest)
            let (sitemap, files, manifest) = try closing.value()
            if let sitemap, try folder.put(sitemap, at: "sitemap.xml", step: .writeManifest) { written.append("sitemap.xml") }
            let otherFiles = Set(files.map(\.path) + ["manifest.json"])
            let removed = try folder.removeStale(pages: pages, files: otherFiles)
            if try folder.put(manifest, at: "manifest.json", step: .writeManifest) { written.append("manifest.json") }

            try step(.publish)
            try folder.publish()
            folder.mirrorPublished(paths: pages.indices.map(pages.path) + otherFiles, folders: build.locales.map(\.code))

            let writtenPages = zip(made, writes).compactMap { $1 ? pages.path($0) : nil }
            written += writtenPages
            var zipWritten: Bool?
            if let zipFile = options.zipFile {
                try step(.zip)
                let paths = (pages.indices.map(pages.path) + otherFiles).sorted()
                zipWritten = try SiteZip.write(site: folder.live, paths: paths, to: zipFile, date: snapshot.takenAt)
                report(.zip, 1, 1)
            }
            return SiteExportReport(
                manifestData: manifest, snapshotID: snapshot.id, locales: build.locales.map(\.code), written: written.sorted(), removed: removed,
                reused: pages.count - writtenPages.count, zipWritten: zipWritten, pageCount: pages.count,
                fallbackPageCount: pages.indices.reduce(0) { $0 + (pages[$1].isFallback ? 1 : 0) })
        } catch {
            folder.discard()
            throw error
        }
    }

    /// The texts at `positions` of `snapshot`, read by their revisions' hashes.
    private static func read(_ positions: [Int32], withBodies: Bool, of snapshot: Snapshot,
                             reader: TextReader) throws -> [Int32: TranslationContent] {
        guard !positions.isEmpty else { return [:] }
        let texts = try reader(positions.map { snapshot.translations[Int($0)].revisionHash }, withBodies)
        var byPosition: [Int32: TranslationContent] = [:]
        byPosition.reserveCapacity(positions.count)
        for position in positions {
            let translation = snapshot.translations[Int(position)]
            guard let text = texts[translation.revisionHash] else {
                throw SiteExportError(step: SiteStep.renderMarkdown.rawValue, path: "\(translation.slug)/\(translation.locale)",
                                      reason: "the text of revision \(translation.revisionHash.prefix(12)) cannot be read.")
            }
            byPosition[position] = text
        }
        return byPosition
    }

    private func step(_ step: SiteStep) throws {
        try beforeStep?(step)
        report(step, 0, 1)
    }

    private func report(_ step: SiteStep, _ done: Int, _ total: Int) {
        progress?(SiteProgress(step: step, done: done, total: total))
    }
}

/// What a site export did.
public struct SiteExportReport: Sendable, Hashable {
    /// The bytes of the manifest written at the site root.
    let manifestData: [UInt8]
    /// The id of the snapshot the site was built from.
    public var snapshotID: String
    /// The locales built, in the order the root page lists them.
    public var locales: [String]
    /// Files whose bytes were written (new or changed), sorted; every other file kept its inode and mtime.
    public var written: [String]
    /// Files of the previous site that the new one no longer has.
    public var removed: [String]
    /// Pages taken over from a previous build without being written.
    public var reused: Int
    /// Whether the zip file was replaced (false: it already held these bytes); nil without `--zip`.
    public var zipWritten: Bool?
    public var pageCount: Int
    /// Pages that show another locale's text because their own is not yet published.
    public var fallbackPageCount: Int

    /// The manifest written at the site root, decoded from its bytes on each use: an export makes no
    /// `SiteManifest.Page` values (10,000 of them, with their strings, for a large site) unless asked.
    public var manifest: SiteManifest {
        // These are the bytes the export just wrote with `SiteManifest`'s own encoder.
        try! JSONDecoder().decode(SiteManifest.self, from: Data(manifestData))
    }
}
