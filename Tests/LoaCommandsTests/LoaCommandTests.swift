import CampaignModel
import ContentStore
import Foundation
import LoaCommands
import Testing

/// The command line end to end, through the same entry point as the `loa` binary.
@Suite struct LoaCommandTests {
    let root: URL
    var database: String { root.appendingPathComponent("loa.sqlite").path }
    var content: String { root.appendingPathComponent("Content").path }
    var locales: String { root.appendingPathComponent("Locales").path }

    init() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("loa-cli-\(UUID().uuidString)")
        try write("Locales/vi.yaml", "code: vi\niso639_3: vie\nenglish_name: Vietnamese\nautonym: Tiếng Việt\nscript: Latn\n")
        try write("Locales/hmn.yaml", "code: hmn\niso639_3: hmn\nenglish_name: Hmong\nautonym: Hmoob\nscript: Latn\nfallbacks: [vi]\n")
        try write("Content/keep-papers/material.yaml", "slug: keep-papers\ntopics: [migration]\nsource_locale: vi\nchannels: [sms]\n")
        try write("Content/keep-papers/vi.md", "---\ntitle: Tự giữ giấy tờ\nsummary: Không đưa giấy tờ cho người khác.\nstatus: published\n---\nGiữ thẻ căn cước.\n")
        try write("Content/keep-papers/hmn.md", "---\ntitle: Khaws koj ntaub ntawv\nsummary: Tsis txhob muab.\nstatus: draft\n---\nKhaws.\n")
    }

    func write(_ path: String, _ text: String) throws {
        let url = root.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }

    func loa(_ arguments: String...) async -> Int32 {
        await LoaCommand.runMain(arguments: arguments)
    }

    @Test func importIsIdempotentAndExportRoundTrips() async throws {
        #expect(await loa("import", "--content", content, "--locales", locales, "--database", database) == 0)
        let store = try AppDatabase.open(path: database)
        let counts = try store.counts()
        #expect(counts.translations == 2 && counts.revisions == 2)
        #expect(await loa("import", "--content", content, "--locales", locales, "--database", database) == 0)
        #expect(try store.counts() == counts)

        let out = root.appendingPathComponent("out").path
        #expect(await loa("export", "content", out, "--database", database) == 0)
        #expect(await loa("import", "--content", out, "--locales", locales, "--database", database) == 0)
        #expect(try store.counts().revisions == 2, "re-importing the export makes no revisions")
        let exported = try String(contentsOfFile: out + "/keep-papers/hmn.md", encoding: .utf8)
        #expect(exported.contains("translated_from: " + (try store.translationState(slug: "keep-papers", locale: "vi").head.hash)))
    }

    @Test func badInputExitsWithDataErrorAndChangesNothing() async throws {
        #expect(await loa("import", "--content", content, "--locales", locales, "--database", database) == 0)
        let before = try AppDatabase.open(path: database).counts()
        try write("Content/keep-papers/vi.md", "---\ntitle: Đổi\nsummary: x\nstatus: published\n---\nMới.\n")
        try write("Content/keep-papers/hmn.md", "---\ntitle: [broken\nsummary: x\nstatus: draft\n---\nx\n")
        #expect(await loa("import", "--content", content, "--locales", locales, "--database", database) == 65)
        let after = try AppDatabase.open(path: database)
        #expect(try after.counts() == before)
        #expect(try after.snapshot().translation("keep-papers", "vi")?.content.title == "Tự giữ giấy tờ")

        // A first import that fails leaves no database file behind.
        let fresh = root.appendingPathComponent("fresh.sqlite").path
        #expect(await loa("import", "--content", content, "--locales", locales, "--database", fresh) == 65)
        for suffix in ["", "-wal", "-shm"] { #expect(!FileManager.default.fileExists(atPath: fresh + suffix), "\(suffix)") }
    }

    @Test func workflowThroughTheCommandLineChecksRoles() async throws {
        #expect(await loa("import", "--content", content, "--locales", locales, "--database", database) == 0)
        let store = try AppDatabase.open(path: database)
        let translator = try store.addUser(User(name: "pao", role: .translator, locales: ["hmn"]), actor: "test")
        let reviewer = try store.addUser(User(name: "mai", role: .reviewer, locales: ["hmn"]), actor: "test")
        #expect(await loa("workflow", "submit", "keep-papers", "hmn", "--token", translator, "--database", database) == 0)
        // The author of the imported draft is the importer, so pao may not approve: wrong role.
        #expect(await loa("workflow", "approve", "keep-papers", "hmn", "--token", translator, "--database", database) == 77)
        #expect(await loa("workflow", "approve", "keep-papers", "hmn", "--token", "loa_wrong", "--database", database) == 77)
        #expect(await loa("workflow", "fly", "keep-papers", "hmn", "--token", reviewer, "--database", database) == 65)
        #expect(await loa("workflow", "approve", "keep-papers", "hmn", "--token", reviewer, "--database", database) == 0)
        #expect(await loa("workflow", "publish", "keep-papers", "hmn", "--token", reviewer, "--database", database) == 0)
        #expect(try store.snapshot().translation("keep-papers", "hmn") != nil)
        #expect(await loa("history", "keep-papers", "nope", "--database", database) == 66)
    }

    @Test func editSavesADraftAndRefusesAStaleVersion() async throws {
        #expect(await loa("import", "--content", content, "--locales", locales, "--database", database) == 0)
        let store = try AppDatabase.open(path: database)
        let translator = try store.addUser(User(name: "pao", role: .translator, locales: ["hmn"]), actor: "test")
        let stale = try store.translationState(slug: "keep-papers", locale: "hmn").head.hash
        try write("edit.md", "---\ntitle: Khaws\nsummary: Tsis txhob.\nstatus: draft\n---\nKhaws koj daim npav.\n")
        let file = root.appendingPathComponent("edit.md").path
        #expect(await loa("edit", "keep-papers", "hmn", file, "--token", translator, "--database", database) == 0)
        #expect(try store.translationState(slug: "keep-papers", locale: "hmn").head.number == 2)
        #expect(await loa("edit", "keep-papers", "hmn", file, "--if-match", stale, "--token", translator, "--database", database) == 75)
        #expect(await loa("diff", "keep-papers", "hmn", "1", "2", "--database", database) == 0)
        #expect(await loa("revert", "keep-papers", "hmn", "1", "--token", translator, "--database", database) == 0)
        #expect(try store.translationState(slug: "keep-papers", locale: "hmn").content.title == "Khaws koj ntaub ntawv")
        // A control character in the file: refused as bad input (65), nothing saved.
        try write("control.md", "---\ntitle: Khaws\nsummary: Tsis txhob.\nstatus: draft\n---\nKhaws\u{0B}daim npav.\n")
        let head = try store.translationState(slug: "keep-papers", locale: "hmn").head.hash
        #expect(await loa("edit", "keep-papers", "hmn", root.appendingPathComponent("control.md").path, "--token", translator,
                          "--database", database) == 65)
        #expect(try store.translationState(slug: "keep-papers", locale: "hmn").head.hash == head)
    }

    @Test func userCommandsValidateTheirArguments() async throws {
        #expect(await loa("import", "--content", content, "--locales", locales, "--database", database) == 0)
        #expect(await loa("user", "add", "x", "--role", "boss", "--database", database) == 65)
        #expect(await loa("user", "add", "x", "--role", "translator", "--database", database) == 65)
        #expect(await loa("user", "add", "x", "--role", "translator", "--locales", "zz", "--database", database) == 65)
        #expect(await loa("user", "revoke", "nobody", "--database", database) == 66)
        #expect(try AppDatabase.open(path: database).users().isEmpty)
    }

    @Test func searchStatusAndSMS() async throws {
        #expect(await loa("import", "--content", content, "--locales", locales, "--database", database) == 0)
        #expect(await loa("search", "giay to", "--database", database) == 0)
        #expect(await loa("search", "giay", "--status", "nonsense", "--database", database) == 65)
        #expect(await loa("search", "giay", "--locale", "hmm", "--database", database) == 66)
        #expect(await loa("status", "--locale", "hmn", "--json", "--database", database) == 0)
        #expect(await loa("status", "--locale", "zz", "--database", database) == 66)
        #expect(await loa("sms", "analyze", "Koj puas paub", "--json") == 0)
    }
}

@Suite struct MaintenanceCommandTests {
    @Test func backupRestoreAndCheck() async throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("loa-bk-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        let path = root.appendingPathComponent("loa.sqlite").path
        let store = try AppDatabase.open(path: path)
        let vi = LocaleInfo(code: "vi", iso639_3: "vie", englishName: "Vietnamese", autonym: "Tiếng Việt", script: "Latn")
        let material = Material(slug: "a", topics: [], audiences: [], sourceLocale: "vi", channels: [])
        try store.importContent(ContentBundle(locales: [vi], materials: [MaterialFolder(material: material, translations: [
            TranslationFile(locale: "vi", status: .published, content: TranslationContent(title: "T", summary: "S", body: "B\n"), path: "a/vi.md"),
        ])]), actor: "test")
        #expect(try store.check().isEmpty)
        #expect(await LoaCommand.runMain(arguments: ["check", "--database", path]) == 0)

        let backup = root.appendingPathComponent("backup.sqlite").path
        #expect(await LoaCommand.runMain(arguments: ["backup", backup, "--database", path]) == 0)
        #expect(try AppDatabase.verifyBackup(at: backup) == AppDatabase.migrations)
        #expect(AppDatabase.migrations.starts(with: ["v1-content", "v2-search", "v3-workflow"]))

        // Restoring over an existing database needs --force; a damaged or foreign file is refused first.
        #expect(await LoaCommand.runMain(arguments: ["restore", backup, "--database", path]) == 77)
        let junk = root.appendingPathComponent("junk.sqlite").path
        try Data("not a database at all, just text".utf8).write(to: URL(fileURLWithPath: junk))
        #expect(await LoaCommand.runMain(arguments: ["restore", junk, "--force", "--database", path]) == 65)
        #expect(await LoaCommand.runMain(arguments: ["restore", root.appendingPathComponent("none").path, "--force", "--database", path]) == 66)
        let fresh = root.appendingPathComponent("fresh.sqlite").path
        #expect(await LoaCommand.runMain(arguments: ["restore", backup, "--database", fresh]) == 0)
        #expect(try AppDatabase.open(path: fresh).snapshot().translation("a", "vi")?.content.title == "T")
    }
}

@Suite struct ExportCommandTests {
    @Test func smsExportWritesGatewayFilesAndRefusesBadArguments() async throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("loa-sms-\(UUID().uuidString)")
        let path = root.appendingPathComponent("loa.sqlite").path
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        let store = try AppDatabase.open(path: path)
        let vi = LocaleInfo(code: "vi", iso639_3: "vie", englishName: "Vietnamese", autonym: "Tiếng Việt", script: "Latn")
        let hmn = LocaleInfo(code: "hmn", iso639_3: "hmn", englishName: "Hmong", autonym: "Hmoob", script: "Latn", fallbacks: ["vi"])
        let sms = Material(slug: "sms-one", topics: [], audiences: [], sourceLocale: "vi", channels: [.sms])
        let printOnly = Material(slug: "print-only", topics: [], audiences: [], sourceLocale: "vi", channels: [.print])
        func file(_ slug: String, _ locale: String, _ title: String, _ summary: String) -> TranslationFile {
            TranslationFile(locale: locale, status: .published, content: TranslationContent(title: title, summary: summary, body: "B\n"),
                            path: "\(slug)/\(locale).md")
        }
        try store.importContent(ContentBundle(locales: [hmn, vi], materials: [
            MaterialFolder(material: sms, translations: [file("sms-one", "vi", "Cảnh giác", "Hỏi **công an** xã."),
                                                         file("sms-one", "hmn", "Ceev faj", "Nug tub ceev xwm.")]),
            MaterialFolder(material: printOnly, translations: [file("print-only", "vi", "In", "Chỉ in.")]),
        ]), actor: "test")
        let out = root.appendingPathComponent("sms").path
        #expect(await LoaCommand.runMain(arguments: ["export", "sms", "--out", out, "--date", "2027-01-10", "--database", path]) == 0)
        let csv = try String(contentsOfFile: out + "/messages.csv", encoding: .utf8)
        let lines = csv.split(separator: "\r\n")
        #expect(lines.count == 3, "a header and one row per published translation of an SMS material")
        #expect(csv.contains("hmn,hmn,2027-01-10,sms-one"))
        #expect(csv.contains("Cảnh giác\nHỏi công an xã."), "Markdown is rendered to plain text")
        #expect(csv.contains(",GSM-7,1,") && csv.contains(",UCS-2,1,"))
        #expect(!csv.contains("print-only"))
        #expect(FileManager.default.fileExists(atPath: out + "/messages.json"))
        #expect(FileManager.default.fileExists(atPath: out + "/cost-comparison.csv"))
        #expect(await LoaCommand.runMain(arguments: ["export", "sms", "--out", out, "--date", "10/01/2027", "--database", path]) == 65)
        #expect(await LoaCommand.runMain(arguments: ["export", "sms", "--out", out, "--locales", "xx", "--database", path]) == 65)
        #expect(await LoaCommand.runMain(arguments: ["export", "sms", "--out", out, "--max-parts", "0", "--database", path]) == 65)
    }

    @Test func renderRefusesInvalidUTF8() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("loa-render-\(UUID().uuidString).md")
        try Data([0x61, 0x20, 0xFF]).write(to: path)
        #expect(await LoaCommand.runMain(arguments: ["render", path.path]) == 65)
        try Data("# Mua bán người\n".utf8).write(to: path)
        #expect(await LoaCommand.runMain(arguments: ["render", path.path, "--to", "outline"]) == 0)
    }
}

@Suite struct ExportSiteCommandTests {
    @Test func buildsTheSiteAndTheZipAndRefusesUnknownLocales() async throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("loa-site-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        let path = root.appendingPathComponent("loa.sqlite").path
        let store = try AppDatabase.open(path: path)
        let vi = LocaleInfo(code: "vi", iso639_3: "vie", englishName: "Vietnamese", autonym: "Tiếng Việt", script: "Latn",
                            uiStrings: ["not_yet_translated": "Chưa dịch."])
        let material = Material(slug: "keep-papers", topics: ["migration"], audiences: [], sourceLocale: "vi", channels: [.website])
        try store.importContent(ContentBundle(locales: [vi], materials: [MaterialFolder(material: material, translations: [
            TranslationFile(locale: "vi", status: .published,
                            content: TranslationContent(title: "Tự giữ giấy tờ", summary: "Đừng đưa giấy tờ.", body: "## Vì sao\n\nGiữ thẻ.\n"),
                            path: "keep-papers/vi.md"),
        ])]), actor: "test")
        let out = root.appendingPathComponent("site").path
        let zip = root.appendingPathComponent("site.zip").path
        #expect(await LoaCommand.runMain(arguments: ["export", "site", "--out", out, "--zip", zip, "--database", path]) == 0)
        let page = try String(contentsOfFile: out + "/vi/keep-papers.html", encoding: .utf8)
        #expect(page.contains("Tự giữ giấy tờ"))
        #expect(page.contains("id=\"vi-sao\""))
        #expect(FileManager.default.fileExists(atPath: out + "/manifest.json"))
        #expect(FileManager.default.fileExists(atPath: zip))
        #expect(await LoaCommand.runMain(arguments: ["export", "site", "--out", out, "--locales", "xx", "--database", path]) == 65)
        #expect(try String(contentsOfFile: out + "/vi/keep-papers.html", encoding: .utf8) == page, "a refused build leaves the site")
    }
}

@Suite struct PlanCommandTests {
    /// The shipped region tables, found from this file so the test never depends on the working folder.
    static let regions = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../Content/regions").standardized.path

    @Test func plansExplainsAndFeedsTheSMSExport() async throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("loa-plan-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        let path = root.appendingPathComponent("loa.sqlite").path
        let store = try AppDatabase.open(path: path)
        let vi = LocaleInfo(code: "vi", iso639_3: "vie", englishName: "Vietnamese", autonym: "Tiếng Việt", script: "Latn")
        let hmn = LocaleInfo(code: "hmn", iso639_3: "hmn", englishName: "Hmong", autonym: "Hmoob", script: "Latn", fallbacks: ["vi"])
        let material = Material(slug: "keep-papers", topics: [], audiences: [], sourceLocale: "vi", channels: [.sms, .loudspeaker])
        try store.importContent(ContentBundle(locales: [hmn, vi], materials: [MaterialFolder(material: material, translations: [
            TranslationFile(locale: "vi", status: .published,
                            content: TranslationContent(title: "Tự giữ giấy tờ", summary: "Đừng đưa giấy tờ cho ai.", body: "B\n"),
                            path: "keep-papers/vi.md"),
            TranslationFile(locale: "hmn", status: .published,
                            content: TranslationContent(title: "Khaws koj ntaub ntawv", summary: "Tsis txhob muab rau leej twg.", body: "B\n"),
                            path: "keep-papers/hmn.md"),
        ])]), actor: "test")
        let campaign = root.appendingPathComponent("campaign.yaml")
        try Data("""
            id: test
            name: Test
            window:
              start: 2027-01-04
              end: 2027-01-31
            level: province
            materials: [keep-papers]
            currency: VND
            channels:
              sms:
                capacity_per_week: 1000
                price_per_part: 350
            min_spacing_days: 7
            targets:
              regions: ["08"]
            """.utf8).write(to: campaign)
        let plan = root.appendingPathComponent("out/plan.json").path
        #expect(await LoaCommand.runMain(arguments: ["plan", campaign.path, "--out", plan, "--regions", Self.regions, "--database", path]) == 0)
        #expect(FileManager.default.fileExists(atPath: root.appendingPathComponent("out/plan.svg").path))
        #expect(await LoaCommand.runMain(arguments: ["plan", "explain", plan, "08"]) == 0)
        #expect(await LoaCommand.runMain(arguments: ["plan", "explain", plan, "99999"]) == 66)
        let sms = root.appendingPathComponent("sms").path
        #expect(await LoaCommand.runMain(arguments: ["export", "sms", "--plan", plan, "--out", sms, "--database", path]) == 0)
        let csv = try String(contentsOfFile: sms + "/messages.csv", encoding: .utf8)
        #expect(csv.contains("08,Tuyên Quang,hmn,hmn,2027-01-04,keep-papers"), "Tuyên Quang reads Hmong first: \(csv)")
        #expect(csv.contains(",GSM-7,1,1000,350,350000"))

        // A republished text makes the plan stale: the export refuses instead of sending other words.
        let translator = User(name: "reviewer-free-import", role: .admin)
        var content = try store.translationState(slug: "keep-papers", locale: "hmn")
        content.content.summary = "Khaws koj daim npav."
        try store.importContent(ContentBundle(locales: [hmn, vi], materials: [MaterialFolder(material: material, translations: [
            TranslationFile(locale: "hmn", status: .published, content: content.content, path: "keep-papers/hmn.md"),
        ])]), actor: translator.name)
        #expect(await LoaCommand.runMain(arguments: ["export", "sms", "--plan", plan, "--out", sms, "--database", path]) == 65)

        try Data("id: test\nname: Test\nwindow:\n  start: 2027-02-01\n  end: 2027-01-01\n".utf8).write(to: campaign)
        #expect(await LoaCommand.runMain(arguments: ["plan", campaign.path, "--regions", Self.regions, "--database", path]) == 65)
    }
}
