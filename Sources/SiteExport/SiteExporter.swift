import CampaignModel
import Foundation
import MarkdownRendering

/// Builds the static site of a snapshot: one folder per locale with an index of materials by topic, a page
/// per material and an about page, a root page listing languages by autonym, two stylesheets, a manifest,
/// a sitemap (with a base URL) and optionally a zip bundle.
///
/// The export is a pipeline of named steps (`SiteStep`) over one context, in the manner of Publish: load
/// theme → collect pages → prepare folder → render Markdown → apply templates → write manifest → rename
/// into place → zip. See `SiteFolder` for how the build is both atomic and incremental. Pages depend only
/// on the snapshot, the options and the theme (no clock), so the same snapshot gives the same bytes.
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

    /// Reads Markdown bodies by revision hash (revision hash to body; a hash it cannot find left out).
    public typealias BodyReader = @Sendable (_ revisionHashes: [String]) throws -> [String: String]

    /// Builds the site of `snapshot` into `options.outputDirectory`.
    ///
    /// `bodies`: for a snapshot read without its texts' bodies (`content.body` empty), reads the bodies of
    /// the pages that are made anew, which a rebuild after one edit needs a handful of. Bodies are most of
    /// a snapshot's bytes, so a large snapshot is read several times faster without them.
    ///
    /// - Throws: `LoaError.invalidInput` for bad options or a broken template (naming file and line),
    ///   `SiteExportError` (naming step and path) when a file cannot be written or a body cannot be read.
    ///   In every case the previous site is left whole.
    public func export(_ snapshot: Snapshot, bodies bodyReader: BodyReader? = nil) throws -> SiteExportReport {
        try export(reading: { snapshot }, bodies: bodyReader)
    }

    /// Builds the site of the snapshot `readSnapshot` returns, as `export(_:bodies:)` does.
    ///
    /// While `readSnapshot` runs, the theme is loaded and the manifests of the site and its work folder
    /// are read on another thread: none of it depends on the snapshot, and for a rebuild after one edit
    /// it is a fifth of the work, which a second core then does meanwhile. Errors are thrown in the order
    /// of the steps: the snapshot's first.
    public func export(reading readSnapshot: () throws -> Snapshot, bodies bodyReader: BodyReader? = nil) throws -> SiteExportReport {
        let options = options
        let theme = Background { try SiteTheme.load(overrides: options.themeDirectory) }
        let manifests = Background { SiteFolder.Manifests(live: options.outputDirectory) }
        // Whatever happens, the other thread's work is waited for: nothing of it outlives this call.
        defer {
            _ = try? theme.value()
            _ = try? manifests.value()
        }
        return try export(try readSnapshot(), theme: theme, manifests: manifests, bodies: bodyReader)
    }

    private func export(_ snapshot: Snapshot, theme loadingTheme: Background<SiteTheme>,
                        manifests: Background<SiteFolder.Manifests>, bodies bodyReader: BodyReader?) throws -> SiteExportReport {
        try step(.loadTheme)
        let theme = try loadingTheme.value()

        try step(.collectPages)
        var build = try SiteBuild(snapshot: snapshot, options: options, theme: theme)
        build.collectPages()
        let stylesheets = build.stylesheetFiles
        let folder = try SiteFolder(live: options.outputDirectory, manifests: try manifests.value())

        do {
            try step(.prepareFolder)
            try folder.prepare(folders: build.locales.map(\.code))
            let pages = build.pages
            let actions = folder.actions(pages)

            try step(.renderMarkdown)
            var needed: [Int32] = []
            var seen: Set<Int32> = []
            for index in pages.indices where actions[index] == .render {
                let page = pages[index]
                if page.kind == .material, seen.insert(page.text).inserted { needed.append(page.text) }
            }
            let markdown = try Self.markdown(of: needed, in: snapshot, reader: bodyReader)
            let renderedBodies = Parallel.map(Array(needed.indices)) { index in
                build.renderBody(markdown[index], locale: build.snapshot.translations[Int(needed[index])].locale)
            }
            var bodies: [Int32: RenderedBody] = [:]
            for (text, body) in zip(needed, renderedBodies) { bodies[text] = body }
            report(.renderMarkdown, needed.count, needed.count)

            try step(.applyTemplates)
            // Only pages the work folder does not already hold are visited (a one-edit rebuild: a few dozen).
            let visited = pages.indices.filter { actions[$0] != .keep }
            let total = pages.count
            let counter = Counter(start: total - visited.count)
            let finalBuild = build
            let outcomes = try Parallel.mapThrowing(visited) { index -> Outcome in
                defer {
                    let done = counter.increment()
                    if done % 200 == 0 || done == total { self.report(.applyTemplates, done, total) }
                }
                let path = pages.path(index)
                if actions[index] == .link, try folder.linkFromLive(path) { return .linked }
                let page = pages[index]
                var body: RenderedBody?
                if page.kind == .material {
                    // A page to link whose file the current site lacks after all: its body is made here.
                    body = try bodies[page.text] ?? finalBuild.renderBody(
                        Self.markdown(of: [page.text], in: finalBuild.snapshot, reader: bodyReader)[0],
                        locale: finalBuild.snapshot.translations[Int(page.text)].locale)
                }
                let bytes = finalBuild.render(page, body: body)
                return try folder.put(bytes, at: path, step: .applyTemplates) ? .written : .linked
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
            var files = stylesheets
            if let sitemap = build.sitemap() {
                var fingerprint = Fingerprint()
                fingerprint.append(sitemap)
                files.append(SiteManifest.File(path: "sitemap.xml", fingerprint: fingerprint.hex))
                if try folder.put(sitemap, at: "sitemap.xml", step: .writeManifest) { written.append("sitemap.xml") }
            }
            files.sort { $0.path < $1.path }
            let manifest = build.manifest(files: files)
            let otherFiles = Set(files.map(\.path) + ["manifest.json"])
            let removed = try folder.removeStale(pages: pages, files: otherFiles)
            if try folder.put(manifest, at: "manifest.json", step: .writeManifest) { written.append("manifest.json") }

            try step(.publish)
            try folder.publish()
            folder.mirrorPublished(paths: pages.indices.map(pages.path) + otherFiles, folders: build.locales.map(\.code))

            var writtenPages = 0
            for (index, outcome) in zip(visited, outcomes) where outcome == .written {
                written.append(pages.path(index))
                writtenPages += 1
            }
            var zipWritten: Bool?
            if let zipFile = options.zipFile {
                try step(.zip)
                let paths = (pages.indices.map(pages.path) + otherFiles).sorted()
                zipWritten = try SiteZip.write(site: folder.live, paths: paths, to: zipFile, date: snapshot.takenAt)
                report(.zip, 1, 1)
            }
            return SiteExportReport(
                manifestData: manifest, snapshotID: snapshot.id, locales: build.locales.map(\.code), written: written.sorted(), removed: removed,
                reused: pages.count - writtenPages, zipWritten: zipWritten, pageCount: pages.count,
                fallbackPageCount: pages.indices.reduce(0) { $0 + (pages[$1].isFallback ? 1 : 0) })
        } catch {
            folder.discard()
            throw error
        }
    }

    /// The Markdown bodies of the translations at `positions` of `snapshot`: its own, or read by `reader`.
    private static func markdown(of positions: [Int32], in snapshot: Snapshot, reader: BodyReader?) throws -> [String] {
        guard let reader, !positions.isEmpty else { return positions.map { snapshot.translations[Int($0)].content.body } }
        let hashes = positions.map { snapshot.translations[Int($0)].revisionHash }
        let bodies = try reader(hashes)
        return try positions.map { position in
            let translation = snapshot.translations[Int(position)]
            guard let body = bodies[translation.revisionHash] else {
                throw SiteExportError(step: SiteStep.renderMarkdown.rawValue, path: "\(translation.slug)/\(translation.locale)",
                                      reason: "the body of revision \(translation.revisionHash.prefix(12)) cannot be read.")
            }
            return body
        }
    }

    private func step(_ step: SiteStep) throws {
        try beforeStep?(step)
        report(step, 0, 1)
    }

    private func report(_ step: SiteStep, _ done: Int, _ total: Int) {
        progress?(SiteProgress(step: step, done: done, total: total))
    }

    private enum Outcome: Sendable { case linked, written }
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
