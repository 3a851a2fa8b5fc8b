import CampaignModel
import Foundation
import Testing
@testable import SiteExport

@Suite("Site export")
struct SiteExporterTests {
    let csp = "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src &#39;none&#39;; style-src &#39;self&#39;; img-src &#39;self&#39; data:; base-uri &#39;none&#39;; form-action &#39;none&#39;\" />"

    private func build(_ snapshot: Snapshot = TestSnapshot.full, into folder: TemporaryFolder, name: String = "site",
                       locales: [String]? = nil, baseURL: String? = nil, zip: String? = nil,
                       theme: URL? = nil) throws -> (SiteExportReport, SiteFiles) {
        let options = SiteOptions(outputDirectory: folder.path(name), zipFile: zip.map(folder.path),
                                  locales: locales, baseURL: baseURL.map { URL(string: $0)! }, themeDirectory: theme)
        let report = try SiteExporter(options: options).export(snapshot)
        return (report, SiteFiles(folder.path(name)))
    }

    @Test("Every page is well-formed HTML5 (and XML) with lang, dir and the CSP")
    func wellFormed() throws {
        let folder = TemporaryFolder()
        for baseURL in [nil, "https://example.org/loa"] {
            let (_, site) = try build(into: folder, name: baseURL == nil ? "plain" : "public",
                                      locales: ["vi", "en", "twh", "km", "tyz"], baseURL: baseURL)
            #expect(site.pages.count == 1 + 5 * 4)
            for path in site.pages {
                let html = site.text(path)
                let checker = HTMLChecker(html)
                #expect(checker.problems.isEmpty, "\(path): \(checker.problems)")
                #expect(html.contains(csp), "\(path) has no CSP")
                let root = checker.tags.first { $0.name == "html" }
                #expect(root?.attributes["lang"]?.isEmpty == false && root?.attributes["dir"] == "ltr", "\(path)")
                #expect(!html.contains("<script"), "\(path)")
            }
        }
    }

    @Test("Every internal link and asset resolves to a file (and fragment) in the output")
    func linksResolve() throws {
        let folder = TemporaryFolder()
        let (_, site) = try build(into: folder, locales: ["vi", "en", "twh", "km", "tyz"], baseURL: "https://example.org/loa/")
        var checked = 0
        for page in site.pages {
            let checker = HTMLChecker(site.text(page))
            for tag in checker.tags {
                for attribute in ["href", "src"] {
                    guard let value = tag.attributes[attribute], let target = resolve(value, from: page) else { continue }
                    #expect(site.files[target.path] != nil, "\(page): <\(tag.name) \(attribute)=\"\(value)\"> is missing")
                    if let fragment = target.fragment {
                        #expect(HTMLChecker(site.text(target.path)).ids.contains(fragment), "\(page): \(value)")
                    }
                    checked += 1
                }
            }
        }
        #expect(checked > 100)
        #expect(site.files["style.css"] != nil && site.files["print.css"] != nil)
        #expect(site.files["index.html"] != nil && site.files["vi/index.html"] != nil && site.files["tyz/index.html"] != nil)
    }

    @Test("No outside request: external URLs only in <a href>, or in canonical/alternate links with --base-url")
    func noExternalRequests() throws {
        let folder = TemporaryFolder()
        for baseURL in [nil, "https://example.org/loa/"] {
            let (_, site) = try build(into: folder, name: baseURL == nil ? "plain" : "public", baseURL: baseURL)
            for page in site.pages {
                let html = site.text(page)
                var allowed = 0
                for tag in HTMLChecker(html).tags {
                    for (name, value) in tag.attributes where value.contains("://") || value.hasPrefix("//") {
                        let isLink = tag.name == "a" && name == "href"
                        let isMeta = baseURL != nil && tag.name == "link" && name == "href"
                            && ["canonical", "alternate"].contains(tag.attributes["rel"] ?? "")
                        #expect(isLink || isMeta, "\(page): <\(tag.name) \(name)=\"\(value)\">")
                        allowed += 1
                    }
                }
                let occurrences = html.components(separatedBy: "://").count - 1
                #expect(occurrences == allowed, "\(page): a URL outside attributes")
                #expect(baseURL != nil || !html.contains("rel=\"canonical\""))
            }
            for css in ["style.css", "print.css"] {
                let text = site.text(css)
                #expect(!text.contains("url(") && !text.contains("@import") && !text.contains("://"))
            }
            #expect(!site.text("vi/fake-job-offers.html").contains("<img"), "remote image became a link")
            #expect(site.text("vi/fake-job-offers.html").contains("<a href=\"https://example.org/map.png\">sơ đồ</a>"))
        }
    }

    @Test("A typical material page with its stylesheets is under 30 KB")
    func pageSize() throws {
        let folder = TemporaryFolder()
        let (_, site) = try build(into: folder)
        let size = site.files["vi/fake-job-offers.html"]!.count + site.files["style.css"]!.count
            + site.files["print.css"]!.count
        #expect(size < 30_000, "\(size) bytes")
    }

    @Test("Fallback pages show the text with a notice in the reader's language and are no hreflang alternate")
    func fallback() throws {
        let folder = TemporaryFolder()
        let snapshot = TestSnapshot.full
        let (report, site) = try build(snapshot, into: folder, locales: ["vi", "en", "tyz"], baseURL: "https://example.org/loa/")
        // English has no translation of where-to-get-help: English notice, Vietnamese text in lang="vi".
        let english = site.text("en/where-to-get-help.html")
        #expect(english.contains("<p class=\"notice\" role=\"note\">This material has not been translated into your language yet. Below is the Vietnamese version.</p>"))
        #expect(english.contains("<article lang=\"vi\" dir=\"ltr\">\n<h1>Tìm giúp đỡ ở đâu</h1>"))
        #expect(english.contains("<html lang=\"en\" dir=\"ltr\">"))
        #expect(!english.contains("hreflang=\"en\" href="))
        #expect(english.contains("<link rel=\"canonical\" href=\"https://example.org/loa/vi/where-to-get-help.html\" />"))
        // Tày has no UI strings: the notice falls back to Vietnamese, which is what its readers are given.
        let tay = site.text("tyz/fake-job-offers.html")
        #expect(tay.contains("Tài liệu này chưa được dịch sang ngôn ngữ của bạn."))
        #expect(!tay.contains("<link rel=\"alternate\""))
        // Translated pages list only translated alternates.
        let vietnamese = site.text("vi/fake-job-offers.html")
        #expect(vietnamese.contains("<link rel=\"alternate\" hreflang=\"en\" href=\"https://example.org/loa/en/fake-job-offers.html\" />"))
        #expect(!vietnamese.contains("hreflang=\"tyz\""))
        #expect(!vietnamese.contains("class=\"notice\""))
        let sitemap = site.text("sitemap.xml")
        #expect(sitemap.contains("<loc>https://example.org/loa/en/fake-job-offers.html</loc>"))
        #expect(!sitemap.contains("tyz/fake-job-offers.html") && !sitemap.contains("en/where-to-get-help.html"))
        #expect(report.fallbackPageCount == 3)
        // The manifest names material, locale, revision and fallback of every page.
        let entry = report.manifest.pages.first { $0.path == "tyz/fake-job-offers.html" }
        #expect(entry?.material == "fake-job-offers" && entry?.locale == "tyz" && entry?.textLocale == "vi"
                && entry?.revision == TestSnapshot.jobOffersVi.revisionHash && entry?.fallback == true)
        let decoded = try JSONDecoder().decode(SiteManifest.self, from: site.files["manifest.json"]!)
        #expect(decoded == report.manifest && decoded.snapshotID == snapshot.id)
    }

    @Test("Locales: published ones by default; --locales builds a named one even without translations")
    func localeChoice() throws {
        let folder = TemporaryFolder()
        let (report, site) = try build(into: folder)
        #expect(report.manifest.locales == ["vi", "en", "twh", "km"])
        #expect(site.files["tyz/index.html"] == nil)
        let root = site.text("index.html")
        #expect(root.contains("<a href=\"km/index.html\" hreflang=\"km\" lang=\"km\" dir=\"ltr\">ខ្មែរ</a>"))
        #expect(root.contains("<html lang=\"vi\" dir=\"ltr\">"))
        #expect(site.text("twh/fake-job-offers.html").contains(TestSnapshot.taiViet))
        #expect(site.text("km/fake-job-offers.html").contains("<h1>\(TestSnapshot.khmer)</h1>"))
        #expect(throws: LoaError.self) { try build(into: folder, name: "other", locales: ["xx"]) }
        let (_, tay) = try build(into: folder, name: "tay", locales: ["tyz"])
        #expect(tay.pages == ["index.html", "tyz/about.html", "tyz/fake-job-offers.html", "tyz/index.html",
                              "tyz/where-to-get-help.html"])
    }

    @Test("Text is escaped; raw HTML in Markdown is omitted")
    func escaping() throws {
        let folder = TemporaryFolder()
        var evil = TestSnapshot.translation("evil", "vi", title: "<script>alert(1)</script> & \"x\"", summary: "a < b",
                                            body: "<script>alert(2)</script>\n\n[x](javascript:alert(3))\n")
        evil.content.title += "'"
        let (_, site) = try build(TestSnapshot.make([evil]), into: folder)
        let html = site.text("vi/evil.html")
        #expect(!html.contains("<script"))
        #expect(html.contains("<h1>&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;x&quot;&#39;</h1>"))
        #expect(!html.contains("javascript:"))
        #expect(HTMLChecker(html).problems.isEmpty)
    }

    @Test("Two builds of the same snapshot are byte-identical, zip included")
    func deterministic() throws {
        let folder = TemporaryFolder()
        let (first, a) = try build(into: folder, name: "a", baseURL: "https://example.org/", zip: "a.zip")
        let (_, b) = try build(into: folder, name: "b", baseURL: "https://example.org/", zip: "b.zip")
        #expect(a.files == b.files)
        #expect(first.zipWritten == true)
        let zipA = try Data(contentsOf: folder.path("a.zip"))
        let zipB = try Data(contentsOf: folder.path("b.zip"))
        // The zips differ only in their top folder name ("a/" against "b/"), which has the same length.
        #expect(zipA.count == zipB.count)
        let (_, c) = try build(into: TemporaryFolder(), name: "site", baseURL: "https://example.org/", zip: "site.zip")
        #expect(c.files == a.files)
        let other = TemporaryFolder()
        _ = try build(into: other, name: "a", baseURL: "https://example.org/", zip: "a.zip")
        #expect(try Data(contentsOf: other.path("a.zip")) == zipA)
        #expect(zipA.starts(with: [0x50, 0x4B, 0x03, 0x04]))
    }

    @Test("An unchanged rebuild writes nothing; one edited translation rewrites only its pages")
    func incremental() throws {
        let folder = TemporaryFolder()
        let (first, site1) = try build(into: folder, zip: "site.zip")
        #expect(first.written.count == site1.files.count)
        let before = site1.identities()
        let zipIdentity = SiteFiles(folder.url).identities()["site.zip"]

        let (second, site2) = try build(into: folder, zip: "site.zip")
        #expect(second.written.isEmpty)
        #expect(second.zipWritten == false)
        #expect(site2.identities() == before)
        #expect(SiteFiles(folder.url).identities()["site.zip"] == zipIdentity)

        var edited = TestSnapshot.jobOffersEn
        edited.content.body += "\nOne more line.\n"
        edited.revisionHash = TestSnapshot.hash(edited.content)
        let snapshot = TestSnapshot.make([TestSnapshot.jobOffersVi, edited, TestSnapshot.jobOffersTaiViet,
                                          TestSnapshot.jobOffersKhmer, TestSnapshot.helpVi])
        let (third, site3) = try build(snapshot, into: folder, zip: "site.zip")
        // The body changed, not the title or summary: en/index.html is rendered again but its bytes are the
        // same, so it is kept. About pages name the snapshot, which changed.
        #expect(third.written == ["en/about.html", "en/fake-job-offers.html", "km/about.html",
                                  "manifest.json", "twh/about.html", "vi/about.html"])
        let after = site3.identities()
        for (path, identity) in before where !third.written.contains(path) {
            #expect(after[path] == identity, "\(path) was rewritten")
        }
        #expect(third.zipWritten == true)

        // Steady state: the work folder is the site before last; every result equals a cold build.
        var current = snapshot
        for round in 1...4 {
            var changed = round % 2 == 0 ? TestSnapshot.helpVi : TestSnapshot.jobOffersKhmer
            changed.content.title += " \(round)"
            changed.revisionHash = TestSnapshot.hash(changed.content)
            let kept = current.translations.filter { !($0.slug == changed.slug && $0.locale == changed.locale) }
            current = TestSnapshot.make(round == 3 ? kept.filter { $0.locale != "twh" } : kept + [changed])
            let previous = SiteFiles(folder.path("site"))
            let (report, incremental) = try build(current, into: folder)
            let (_, cold) = try build(current, into: TemporaryFolder())
            #expect(incremental.files == cold.files, "round \(round)")
            let differing = cold.files.keys.filter { previous.files[$0] != cold.files[$0] }.sorted()
            #expect(report.written == differing, "round \(round)")
        }
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder.url.path).sorted()
        #expect(leftovers == [".site.previous", "site", "site.zip"])
    }

    @Test("A snapshot without texts and a text reader give the same site; the reader is asked only for pages made anew")
    func textReader() throws {
        let full = TestSnapshot.full
        let withoutTexts = TestSnapshot.withoutTexts(full)
        #expect(withoutTexts.id == full.id)
        var edited = TestSnapshot.jobOffersVi
        edited.content.title = "Đã sửa"
        edited.revisionHash = TestSnapshot.hash(edited.content)
        let editedFull = TestSnapshot.make([edited, TestSnapshot.jobOffersEn, TestSnapshot.jobOffersTaiViet,
                                            TestSnapshot.jobOffersKhmer, TestSnapshot.helpVi])
        let withBodies = StepLog.Hashes(), withoutBodies = StepLog.Hashes()
        let reader = TestSnapshot.textReader(of: [full, editedFull], withBodies: withBodies, withoutBodies: withoutBodies)
        let folder = TemporaryFolder()
        let options = SiteOptions(outputDirectory: folder.path("site"), baseURL: URL(string: "https://example.org/loa/"))
        _ = try SiteExporter(options: options).export(withoutTexts, texts: reader)
        let (_, cold) = try build(full, into: TemporaryFolder(), baseURL: "https://example.org/loa/")
        #expect(SiteFiles(folder.path("site")).files == cold.files)
        // Every text has a page, so each is read once, with its body; the indexes need nothing more.
        #expect(withBodies.all.sorted() == full.translations.map(\.revisionHash).sorted())
        #expect(withoutBodies.all.isEmpty)

        // An unchanged rebuild reads no text.
        withBodies.clear()
        _ = try SiteExporter(options: options).export(withoutTexts, texts: reader)
        #expect(withBodies.all.isEmpty && withoutBodies.all.isEmpty)

        // One edited title: its body is read for its pages (vi's own and twh's fallback to it). The titles
        // and summaries of the other texts the remade indexes list are those the last build kept beside
        // the site; without that file, they are read from the store.
        let editedWithoutTexts = TestSnapshot.withoutTexts(editedFull)
        _ = try SiteExporter(options: options).export(editedWithoutTexts, texts: reader)
        let (_, editedCold) = try build(editedFull, into: TemporaryFolder(), baseURL: "https://example.org/loa/")
        #expect(SiteFiles(folder.path("site")).files == editedCold.files)
        #expect(withBodies.all == [edited.revisionHash])
        #expect(withoutBodies.all.isEmpty)
        let otherFolder = TemporaryFolder()
        let otherOptions = SiteOptions(outputDirectory: otherFolder.path("site"), baseURL: options.baseURL)
        _ = try SiteExporter(options: otherOptions).export(withoutTexts, texts: reader)
        try FileManager.default.removeItem(at: otherFolder.path(".site.texts"))
        withBodies.clear()
        _ = try SiteExporter(options: otherOptions).export(editedWithoutTexts, texts: reader)
        #expect(SiteFiles(otherFolder.path("site")).files == editedCold.files)
        #expect(withBodies.all == [edited.revisionHash])
        #expect(Set(withoutBodies.all) == [TestSnapshot.helpVi.revisionHash])

        // A text the reader cannot find fails the step, names the text, and leaves the site whole.
        var missing = editedWithoutTexts.translations
        let position = try #require(missing.firstIndex { $0.slug == "where-to-get-help" })
        missing[position].revisionHash = String(repeating: "0", count: 64)
        let error = try #require(throws: SiteExportError.self) {
            try SiteExporter(options: options).export(TestSnapshot.make(missing, locales: full.locales, materials: full.materials),
                                                      texts: reader)
        }
        #expect(error.path == "where-to-get-help/vi" && error.step == SiteStep.renderMarkdown.rawValue)
        #expect(SiteFiles(folder.path("site")).files == editedCold.files)
    }

    @Test("A page to link from the site that the site lacks is made anew, its texts read like those of new pages")
    func missingPageIsMadeAgain() throws {
        var en = TestSnapshot.jobOffersEn, help = TestSnapshot.helpVi
        en.content.body += "\nOne more line.\n"
        en.revisionHash = TestSnapshot.hash(en.content)
        help.content.title += " (sửa)"
        help.revisionHash = TestSnapshot.hash(help.content)
        let edited = TestSnapshot.make([TestSnapshot.jobOffersVi, en, TestSnapshot.jobOffersTaiViet, TestSnapshot.jobOffersKhmer, help])
        let reader = TestSnapshot.textReader(of: [TestSnapshot.full, edited])
        let folder = TemporaryFolder()
        let options = SiteOptions(outputDirectory: folder.path("site"))
        _ = try SiteExporter(options: options).export(TestSnapshot.withoutTexts(TestSnapshot.full), texts: reader)
        _ = try SiteExporter(options: options).export(TestSnapshot.withoutTexts(edited), texts: reader)
        // Now the work folder holds the first site and the site the edited one: building the edited snapshot
        // again links the edited pages from the site. Two of them are gone from it.
        for path in ["en/fake-job-offers.html", "vi/index.html"] {
            try FileManager.default.removeItem(at: folder.path("site").appendingPathComponent(path))
        }
        let report = try SiteExporter(options: options).export(TestSnapshot.withoutTexts(edited), texts: reader)
        #expect(report.written == ["en/fake-job-offers.html", "vi/index.html"])
        let (_, cold) = try build(edited, into: TemporaryFolder())
        #expect(SiteFiles(folder.path("site")).files == cold.files)
    }

    @Test("The first build into an empty folder leaves the work folder as hard links to the site, its manifest included")
    func firstBuildMirrorsTheSite() throws {
        let folder = TemporaryFolder()
        let (_, site) = try build(into: folder)
        let work = SiteFiles(folder.path(".site.previous"))
        #expect(work.files == site.files)
        let (siteInodes, workInodes) = (site.identities(), work.identities())
        for path in site.files.keys {
            #expect(siteInodes[path] == workInodes[path], "\(path) is not a link to the site's file")
        }
        // So the next build keeps or links every unchanged file: one edit writes its pages and nothing else,
        // and the site that results is the cold build's.
        var edited = TestSnapshot.jobOffersVi
        edited.content.title = "Đã sửa"
        edited.revisionHash = TestSnapshot.hash(edited.content)
        let snapshot = TestSnapshot.make([edited, TestSnapshot.jobOffersEn, TestSnapshot.jobOffersTaiViet,
                                          TestSnapshot.jobOffersKhmer, TestSnapshot.helpVi])
        let (report, rebuilt) = try build(snapshot, into: folder)
        let (_, cold) = try build(snapshot, into: TemporaryFolder())
        #expect(rebuilt.files == cold.files)
        #expect(report.written == cold.files.keys.filter { site.files[$0] != cold.files[$0] }.sorted())
        #expect(SiteFiles(folder.path(".site.previous")).files == site.files, "the work folder is now the first site")
    }

    @Test("A snapshot read while the theme loads and the manifests are read gives the same site; its error comes first")
    func readingSnapshot() throws {
        let folder = TemporaryFolder()
        let options = SiteOptions(outputDirectory: folder.path("site"))
        let (_, first) = try build(into: folder)
        var edited = TestSnapshot.jobOffersVi
        edited.content.title = "Đã sửa"
        edited.revisionHash = TestSnapshot.hash(edited.content)
        let snapshot = TestSnapshot.make([edited, TestSnapshot.jobOffersEn, TestSnapshot.helpVi])
        let report = try SiteExporter(options: options).export(reading: { snapshot })
        #expect(report.snapshotID == snapshot.id)
        #expect(report.written.contains("vi/fake-job-offers.html") && report.written.count < first.files.count)
        let (_, cold) = try build(snapshot, into: TemporaryFolder())
        #expect(SiteFiles(folder.path("site")).files == cold.files)

        // A broken theme and a failing snapshot read: the snapshot's error, and nothing is written.
        let theme = folder.path("theme")
        try FileManager.default.createDirectory(at: theme, withIntermediateDirectories: true)
        try Data("{{#open}}\n".utf8).write(to: theme.appendingPathComponent("index.mustache"))
        let broken = SiteExporter(options: SiteOptions(outputDirectory: folder.path("other"), themeDirectory: theme))
        #expect(throws: SiteExportError.self) {
            try broken.export(reading: { throw SiteExportError(step: "snapshot", reason: "simulated failure") })
        }
        #expect(throws: LoaError.self) { try broken.export(reading: { snapshot }) }
        #expect(!FileManager.default.fileExists(atPath: folder.path("other").path))
    }

    @Test("A failing step leaves the previous site whole and no work folder it changed behind", arguments: [
        SiteStep.prepareFolder, .renderMarkdown, .applyTemplates, .writeManifest, .publish,
    ])
    func atomic(step: SiteStep) throws {
        let folder = TemporaryFolder()
        let (_, before) = try build(into: folder)
        let identities = before.identities()
        var edited = TestSnapshot.jobOffersVi
        edited.content.title = "Đã sửa"
        edited.revisionHash = TestSnapshot.hash(edited.content)
        let snapshot = TestSnapshot.make([edited, TestSnapshot.jobOffersEn, TestSnapshot.helpVi])
        let exporter = SiteExporter(options: SiteOptions(outputDirectory: folder.path("site"))).failing(before: step)
        #expect(throws: SiteExportError.self) { try exporter.export(snapshot) }
        let after = SiteFiles(folder.path("site"))
        #expect(after.files == before.files)
        #expect(after.identities() == identities)
        // A work folder the build changed is removed; before `prepareFolder` it is untouched, and still the
        // copy of the site that the first build left.
        let expected = step == .prepareFolder ? [".site.previous", "site"] : ["site"]
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.url.path).sorted() == expected)
        // The next build recovers.
        let (_, rebuilt) = try build(snapshot, into: folder)
        #expect(rebuilt.text("vi/fake-job-offers.html").contains("<h1>Đã sửa</h1>"))
    }

    @Test("A folder that loa did not make is not replaced")
    func foreignFolder() throws {
        let folder = TemporaryFolder()
        try FileManager.default.createDirectory(at: folder.path("site"), withIntermediateDirectories: true)
        try Data("keep me".utf8).write(to: folder.path("site/notes.txt"))
        #expect(throws: LoaError.self) { try build(into: folder) }
        #expect(FileManager.default.fileExists(atPath: folder.path("site/notes.txt").path))
    }

    @Test("--theme overrides templates and stylesheets")
    func themeOverride() throws {
        let folder = TemporaryFolder()
        let theme = folder.path("theme")
        try FileManager.default.createDirectory(at: theme, withIntermediateDirectories: true)
        try Data("{{<base}}{{$main}}<p class=\"custom\">{{material.title}}</p>{{/main}}{{/base}}\n".utf8)
            .write(to: theme.appendingPathComponent("material.mustache"))
        try Data("body{color:green}\n".utf8).write(to: theme.appendingPathComponent("style.css"))
        let (_, site) = try build(into: folder, theme: theme)
        #expect(site.text("vi/fake-job-offers.html").contains("<p class=\"custom\">Cảnh giác với lời mời làm việc lương cao</p>"))
        #expect(site.text("style.css") == "body{color:green}\n")
        #expect(site.text("vi/index.html").contains("<h1>Tài liệu</h1>"))
    }

    @Test("A broken template is reported with its file and line")
    func brokenTemplate() throws {
        let folder = TemporaryFolder()
        let theme = folder.path("theme")
        try FileManager.default.createDirectory(at: theme, withIntermediateDirectories: true)
        try Data("{{<base}}\n{{$main}}\n<ul>{{#topics}}<li>{{label}}</li>{{/topic}}</ul>\n{{/main}}\n{{/base}}\n".utf8)
            .write(to: theme.appendingPathComponent("index.mustache"))
        do {
            _ = try build(into: folder, theme: theme)
            Issue.record("no error")
        } catch let LoaError.invalidInput(issues) {
            #expect(issues.count == 1)
            #expect(issues.first?.file == theme.appendingPathComponent("index.mustache").path)
            #expect(issues.first?.line == 3)
            #expect(issues.first?.description.contains("index.mustache:3") == true)
        }
        #expect(!FileManager.default.fileExists(atPath: folder.path("site").path))
    }

    @Test("Progress is reported for every step")
    func progress() throws {
        let folder = TemporaryFolder()
        let seen = StepLog()
        let exporter = SiteExporter(options: SiteOptions(outputDirectory: folder.path("site"), zipFile: folder.path("s.zip")),
                                    progress: { seen.add($0.step) })
        _ = try exporter.export(TestSnapshot.full)
        #expect(seen.steps == Set(SiteStep.allCases))
    }

    @Test("Fingerprints are SHA-256 in lower-case hex, with fields kept apart")
    func fingerprints() {
        #expect(Fingerprint().hex == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        var abc = Fingerprint()
        abc.append(Array("abc".utf8))
        #expect(abc.hex == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        var field = Fingerprint()
        field.field("abc")
        #expect(field.hex == Fingerprint.hex(["abc"]) && field.hex != abc.hex)
        #expect(Fingerprint.hex(["ab", "c"]) != Fingerprint.hex(["a", "bc"]))
        #expect(Fingerprint.hex(["a"]) != Fingerprint.hex(["a", ""]))
    }

    /// Writes the test site where `LOA_SITE_SCREENSHOT_DIR` says (for Tests/SiteExportTests/screenshots.sh).
    @Test("Writes a site for screenshots when asked", .enabled(if: ProcessInfo.processInfo.environment["LOA_SITE_SCREENSHOT_DIR"] != nil))
    func siteForScreenshots() throws {
        let target = URL(fileURLWithPath: ProcessInfo.processInfo.environment["LOA_SITE_SCREENSHOT_DIR"]!)
        _ = try SiteExporter(options: SiteOptions(outputDirectory: target, locales: ["vi", "en", "twh", "km", "tyz"]))
            .export(TestSnapshot.full)
    }
}

extension StepLog {
    /// Revision hashes a text reader was asked for.
    final class Hashes: @unchecked Sendable {
        private let lock = NSLock()
        private var hashes: [String] = []
        func add(_ more: [String]) { lock.withLock { hashes += more } }
        func clear() { lock.withLock { hashes = [] } }
        var all: [String] { lock.withLock { hashes } }
    }
}

final class StepLog: @unchecked Sendable {
    private let lock = NSLock()
    private var seen: Set<SiteStep> = []
    func add(_ step: SiteStep) { lock.withLock { _ = seen.insert(step) } }
    var steps: Set<SiteStep> { lock.withLock { seen } }
}
