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

    /// Builds the site of `snapshot` into `options.outputDirectory`.
    ///
    /// - Throws: `LoaError.invalidInput` for bad options or a broken template (naming file and line),
    ///   `SiteExportError` (naming step and path) when a file cannot be written. In every case the previous
    ///   site is left whole.
    public func export(_ snapshot: Snapshot) throws -> SiteExportReport {
        try step(.loadTheme)
        let theme = try SiteTheme.load(overrides: options.themeDirectory)

        try step(.collectPages)
        var build = try SiteBuild(snapshot: snapshot, options: options, theme: theme)
        build.collectPages()
        let stylesheets = build.stylesheetFiles
        let folder = try SiteFolder(live: options.outputDirectory)

        do {
            try step(.prepareFolder)
            try folder.prepare(folders: build.locales.map(\.code))
            let actions = build.pages.map { folder.action($0.path, digest: $0.digest) }

            try step(.renderMarkdown)
            var needed: [TranslationKey] = []
            var seen: Set<TranslationKey> = []
            for (page, action) in zip(build.pages, actions) where action == .render {
                if case .material(_, _, let key, _) = page.kind, seen.insert(key).inserted { needed.append(key) }
            }
            let renderedBodies = Parallel.map(needed) { key in
                build.renderBody(build.snapshot.translation(key.slug, key.locale)!)
            }
            var bodies: [TranslationKey: RenderedBody] = [:]
            for (key, body) in zip(needed, renderedBodies) { bodies[key] = body }
            report(.renderMarkdown, needed.count, needed.count)

            try step(.applyTemplates)
            let counter = Counter()
            let total = build.pages.count
            let finalBuild = build
            let outcomes = try Parallel.mapThrowing(Array(build.pages.indices)) { index -> Outcome in
                defer {
                    let done = counter.increment()
                    if done % 200 == 0 || done == total { self.report(.applyTemplates, done, total) }
                }
                switch actions[index] {
                case .keep:
                    return .kept
                case .link:
                    if try folder.linkFromLive(finalBuild.pages[index].path) { return .linked }
                    fallthrough
                case .render:
                    let page = finalBuild.pages[index]
                    let bytes = finalBuild.render(page, bodies: bodies)
                    return try folder.put(bytes, at: page.path, step: .applyTemplates) ? .written : .linked
                }
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
            let manifest = SiteManifest(snapshotID: snapshot.id, snapshotTakenAt: SiteBuild.timestamp(snapshot.takenAt),
                                        locales: build.locales.map(\.code), pages: build.pages.map(\.entry), files: files)
            var keep = Set(build.pages.map(\.path))
            for file in files { keep.insert(file.path) }
            keep.insert("manifest.json")
            let removed = try folder.removeStale(keeping: keep)
            if try folder.put(manifest.encoded(), at: "manifest.json", step: .writeManifest) { written.append("manifest.json") }

            try step(.publish)
            try folder.publish()

            for (page, outcome) in zip(build.pages, outcomes) where outcome == .written { written.append(page.path) }
            var zipWritten: Bool?
            if let zipFile = options.zipFile {
                try step(.zip)
                zipWritten = try SiteZip.write(site: folder.live, paths: keep.sorted(), to: zipFile, date: snapshot.takenAt)
                report(.zip, 1, 1)
            }
            return SiteExportReport(
                manifest: manifest, written: written.sorted(), removed: removed,
                reused: outcomes.filter { $0 != .written }.count, zipWritten: zipWritten)
        } catch {
            folder.discard()
            throw error
        }
    }

    private func step(_ step: SiteStep) throws {
        try beforeStep?(step)
        report(step, 0, 1)
    }

    private func report(_ step: SiteStep, _ done: Int, _ total: Int) {
        progress?(SiteProgress(step: step, done: done, total: total))
    }

    private enum Outcome: Sendable { case kept, linked, written }
}

/// What a site export did.
public struct SiteExportReport: Sendable, Hashable {
    /// The manifest written at the site root.
    public var manifest: SiteManifest
    /// Files whose bytes were written (new or changed), sorted; every other file kept its inode and mtime.
    public var written: [String]
    /// Files of the previous site that the new one no longer has.
    public var removed: [String]
    /// Pages taken over from a previous build without being written.
    public var reused: Int
    /// Whether the zip file was replaced (false: it already held these bytes); nil without `--zip`.
    public var zipWritten: Bool?

    public var pageCount: Int { manifest.pages.count }
    public var fallbackPageCount: Int { manifest.pages.filter(\.fallback).count }
}
