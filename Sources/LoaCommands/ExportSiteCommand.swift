import ArgumentParser
import CampaignModel
import Foundation
import SiteExport

/// `loa export site`: the static website of the published snapshot, for USB sticks, phones, kiosks and
/// print, optionally zipped.
struct ExportSiteCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "site",
        abstract: "Build the static website (one folder per language, offline, printable) from the published snapshot.",
        discussion: """
            The site is built beside the output folder and renamed into place when complete, so a failed build \
            leaves the previous site whole. Rebuilds only write pages that changed. build/.site.previous keeps \
            the build before (sharing unchanged files through hard links), and build/.site.texts the titles and \
            summaries the index pages list, to make that fast.
            """)

    @OptionGroup var store: StoreOptions

    @Option(help: "The site folder.")
    var out: String = "build/site"

    @Option(help: "Also write the site as one zip file, for example build/site.zip.")
    var zip: String?

    @Option(help: "Comma-separated locale codes to build, in the order the root page lists them (default: every locale with a published translation).")
    var locales: String?

    @Option(name: .customLong("base-url"), help: "The site's public address: adds canonical links, hreflang alternates and sitemap.xml.")
    var baseURL: String?

    @Option(help: "A folder of .mustache templates and stylesheets that replace the built-in ones of the same name.")
    var theme: String?

    func validate() throws {
        if let baseURL, URL(string: baseURL)?.scheme == nil {
            throw ValidationError("--base-url must be an absolute http or https address, for example https://example.org/loa/.")
        }
        if let locales, locales.split(separator: ",").isEmpty {
            throw ValidationError("--locales needs at least one locale code, for example vi,en,hmn.")
        }
    }

    func run() throws {
        let database = try store.openForReading()
        let options = SiteOptions(
            outputDirectory: URL(fileURLWithPath: out),
            zipFile: zip.map { URL(fileURLWithPath: $0) },
            locales: locales.map { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } },
            baseURL: baseURL.flatMap { URL(string: $0) },
            themeDirectory: theme.map { URL(fileURLWithPath: $0, isDirectory: true) })
        let terminal = TerminalProgress()
        let report: SiteExportReport
        do {
            // The snapshot is read while the exporter loads the theme and reads the old manifests. Without
            // texts: the exporter reads only those of the pages it makes anew (see `SiteExporter.export`).
            report = try SiteExporter(options: options, progress: { terminal.report($0) })
                .export(reading: { try database.snapshot(texts: .revisionsOnly) },
                        texts: { try database.texts(ofRevisions: $0, withBodies: $1) })
            terminal.finish()
        } catch {
            terminal.finish()
            throw error
        }
        var summary = "Built \(report.pageCount) pages in \(report.locales.count) languages "
            + "(\(report.locales.joined(separator: ", "))) into \(out) from snapshot \(report.snapshotID.prefix(12)): "
            + "\(report.written.count) files written, \(report.reused) pages unchanged"
        if report.fallbackPageCount > 0 { summary += ", \(report.fallbackPageCount) pages show fallback text" }
        if let zip, let written = report.zipWritten { summary += written ? "; zip written to \(zip)" : "; \(zip) unchanged" }
        print(summary + ".")
    }
}
