import CampaignModel
import Foundation
import Testing
@testable import SiteExport
#if canImport(Glibc)
import Glibc
#endif

/// The shortcuts of large builds: binary fingerprints, the manifest read line by line, pages ordered by
/// locale groups, and locale folders made under fresh names with the ext4 placement hint.
@Suite("Site export fast paths")
struct SiteFastPathTests {
    @Test("Digests read and write 64 hex digits and refuse anything else")
    func digests() throws {
        let empty = Fingerprint().digest
        #expect(empty.hex == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(Fingerprint.Digest(hex: empty.hex) == empty)
        #expect(Fingerprint.Digest(hex: empty.hex.uppercased()) == empty)
        #expect(Fingerprint.Digest(hex: String(empty.hex.dropLast())) == nil)
        #expect(Fingerprint.Digest(hex: String(empty.hex.dropLast()) + "g") == nil)
        var other = Fingerprint()
        other.field("a")
        #expect(other.digest != empty && other.digest.hex == other.hex)
        var bytes: [UInt8] = [0x41]
        other.digest.appendHex(to: &bytes)
        #expect(bytes == [0x41] + Array(other.hex.utf8))
        // One buffer reused from the environment's bytes gives what a fresh one gives.
        var scratch = Fingerprint()
        scratch.field("environment")
        let start = scratch.count
        scratch.field("x")
        scratch.truncate(to: start)
        scratch.field("y")
        #expect(scratch.hex == Fingerprint.hex(["environment", "y"]))
    }

    @Test("The line reader of the manifest gives what decoding the JSON gives")
    func manifestReader() throws {
        let folder = TemporaryFolder()
        let options = SiteOptions(outputDirectory: folder.path("site"), baseURL: URL(string: "https://example.org/loa/"))
        let report = try SiteExporter(options: options).export(TestSnapshot.full)
        let fast = try #require(ManifestIndex.read(siteAt: folder.path("site")))
        let decoded = ManifestIndex(manifest: try #require(SiteManifest.read(siteAt: folder.path("site"))))
        #expect(fast.count == decoded.count)
        for index in 0..<min(fast.count, decoded.count) {
            #expect(fast.path(index) == decoded.path(index) && fast.entries[index].digest == decoded.entries[index].digest)
        }
        #expect(fast.count == report.manifest.pages.count + report.manifest.files.count)
        #expect((0..<fast.count).map(fast.path) == (report.manifest.pages.map(\.path) + report.manifest.files.map(\.path)).sorted())
        #expect(fast.digest(for: "sitemap.xml")?.hex == report.manifest.files.first { $0.path == "sitemap.xml" }?.fingerprint)
        // A fingerprint that is not hex matches no page: the page is made anew.
        let site = try SiteFolder(live: folder.path("site"))
        #expect(site.action("style.css", fingerprint: "not hex") == .render)
    }

    @Test("Pages are in path order when locale codes and slugs share prefixes")
    func pageOrder() throws {
        func locale(_ code: String) -> LocaleInfo {
            LocaleInfo(code: code, iso639_3: "eng", englishName: code, autonym: code, script: "Latn",
                       fallbacks: code == "vi" ? [] : ["vi"], uiStrings: code == "vi" ? TestSnapshot.vietnameseStrings : [:])
        }
        let codes = ["vi", "en-GB", "en", "in", "index", "e"]
        var translations: [PublishedTranslation] = []
        for slug in ["a", "a-b", "index", "about", "ab"] {
            translations.append(TestSnapshot.translation(slug, "vi", title: "Tiêu đề \(slug)", summary: "Tóm tắt", body: "Nội dung."))
        }
        translations.append(TestSnapshot.translation("a-b", "en-GB", title: "Title", summary: "Summary", body: "Body."))
        let snapshot = TestSnapshot.make(translations, locales: codes.map(locale))
        let folder = TemporaryFolder()
        let report = try SiteExporter(options: SiteOptions(outputDirectory: folder.path("site"), locales: codes)).export(snapshot)
        let paths = report.manifest.pages.map(\.path)
        #expect(paths == paths.sorted())
        #expect(Set(paths).count == paths.count && paths.count == 1 + codes.count * (5 + 2))
        #expect(paths.contains("index/index.material.html") && paths.contains("en-GB/a-b.html"))
    }

    @Test("Locale folders get their own names at once, stray ones go, and the ext4 placement hint is set where it exists")
    func localeFolders() throws {
        let folder = TemporaryFolder()
        let options = SiteOptions(outputDirectory: folder.path("site"))
        _ = try SiteExporter(options: options).export(TestSnapshot.full)
        _ = try SiteExporter(options: options).export(TestSnapshot.full)
        let work = folder.path(".site.previous")
        // A build that died between making a folder under its fresh name and renaming it.
        try FileManager.default.createDirectory(at: work.appendingPathComponent(".vi.stray"), withIntermediateDirectories: false)
        let report = try SiteExporter(options: options).export(TestSnapshot.full)
        for site in [folder.path("site"), work] {
            let names = try FileManager.default.contentsOfDirectory(atPath: site.path).sorted()
            #expect(!names.contains { $0.hasPrefix(".") }, "\(site.lastPathComponent): \(names)")
            #expect(Set(report.manifest.locales).isSubset(of: Set(names)))
        }
        #if os(Linux)
        // FS_IOC_GETFLAGS: file systems without it (tmpfs) have no such hint to check.
        let descriptor = open(folder.path("site").path, O_RDONLY | O_DIRECTORY)
        defer { close(descriptor) }
        var flags = 0
        if ioctl(descriptor, 0x8008_6601, &flags) == 0 {
            let probe = open(folder.url.path, O_RDONLY | O_DIRECTORY)
            defer { close(probe) }
            var parentFlags = 0
            _ = ioctl(probe, 0x8008_6601, &parentFlags)
            var changed = parentFlags | 0x0002_0000
            // Only where the file system keeps the flag (ext2/3/4) must the site have it.
            if ioctl(probe, 0x4008_6602, &changed) == 0 {
                #expect(flags & 0x0002_0000 != 0)
                _ = ioctl(probe, 0x4008_6602, &parentFlags)
            }
        }
        #endif
    }
}

extension SiteFastPathTests {
    @Test("A manifest fingerprint that is not hex keeps its path (so the file can still go) and matches no page")
    func brokenFingerprint() {
        let manifest = SiteManifest(snapshotID: "s", snapshotTakenAt: "t", locales: ["vi"], pages: [
            SiteManifest.Page(path: "vi/a.html", kind: "material", fingerprint: "edited by hand"),
            SiteManifest.Page(path: "vi/b.html", kind: "material", fingerprint: Fingerprint.hex(["b"])),
        ], files: [])
        let index = ManifestIndex(manifest: manifest)
        #expect(index.count == 2)
        #expect(index.digest(for: "vi/b.html") == Fingerprint.digest(["b"]))
        #expect(index.digest(for: "vi/a.html") != nil && index.digest(for: "vi/a.html") != Fingerprint.Digest(hex: "edited by hand"))
    }

    @Test("A manifest's entries are sorted by path, and a path listed twice keeps its last fingerprint")
    func unsortedManifest() {
        let manifest = SiteManifest(snapshotID: "s", snapshotTakenAt: "t", locales: ["vi"], pages: [
            SiteManifest.Page(path: "vi/b.html", kind: "material", fingerprint: Fingerprint.hex(["1"])),
            SiteManifest.Page(path: "vi/a.html", kind: "material", fingerprint: Fingerprint.hex(["2"])),
            SiteManifest.Page(path: "vi/b.html", kind: "material", fingerprint: Fingerprint.hex(["3"])),
        ], files: [SiteManifest.File(path: "style.css", fingerprint: Fingerprint.hex(["4"])),
                   SiteManifest.File(path: "print.css", fingerprint: Fingerprint.hex(["5"]))])
        let index = ManifestIndex(manifest: manifest)
        #expect((0..<index.count).map(index.path) == ["print.css", "style.css", "vi/a.html", "vi/b.html"])
        #expect(index.digest(for: "vi/b.html") == Fingerprint.digest(["3"]))
        #expect(index.digest(for: "vi/c.html") == nil && index.digest(for: "") == nil)
    }

    @Test("Two sorted runs (pages, then files) are merged in path order; a path in both keeps the file's fingerprint")
    func twoSortedRuns() {
        let manifest = SiteManifest(snapshotID: "s", snapshotTakenAt: "t", locales: ["vi"], pages: [
            SiteManifest.Page(path: "index.html", kind: "languages", fingerprint: Fingerprint.hex(["1"])),
            SiteManifest.Page(path: "vi/a.html", kind: "material", fingerprint: Fingerprint.hex(["2"])),
            SiteManifest.Page(path: "vi/c.html", kind: "material", fingerprint: Fingerprint.hex(["3"])),
        ], files: [SiteManifest.File(path: "print.css", fingerprint: Fingerprint.hex(["4"])),
                   SiteManifest.File(path: "vi/a.html", fingerprint: Fingerprint.hex(["5"])),
                   SiteManifest.File(path: "vi/b.xml", fingerprint: Fingerprint.hex(["6"])),
                   SiteManifest.File(path: "zz.xml", fingerprint: Fingerprint.hex(["7"]))])
        let index = ManifestIndex(manifest: manifest)
        #expect((0..<index.count).map(index.path) == ["index.html", "print.css", "vi/a.html", "vi/b.xml", "vi/c.html", "zz.xml"])
        #expect(index.digest(for: "vi/a.html") == Fingerprint.digest(["5"]))
        #expect(index.digest(for: "vi/c.html") == Fingerprint.digest(["3"]))
    }
}
