import CampaignModel
import ContentFiles
import Foundation
import Testing

@Suite struct ContentReaderTests {
    let fixture: ContentFixture

    init() throws { fixture = try ContentFixture() }

    func read() throws(LoaError) -> ContentBundle {
        try ContentReader().read(content: fixture.content, locales: fixture.locales)
    }

    /// The issues a read reports; fails the test when the read succeeds.
    func issues(sourceLocation: SourceLocation = #_sourceLocation) -> [InputIssue] {
        do {
            _ = try read()
            Issue.record("expected the read to fail", sourceLocation: sourceLocation)
            return []
        } catch {
            return error.issues
        }
    }

    @Test func readsAValidCorpus() throws {
        let bundle = try read()
        #expect(bundle.locales.map(\.code) == ["hmn", "vi"])
        #expect(bundle.locales.first { $0.code == "hmn" }?.fallbacks == ["vi"])
        #expect(bundle.locales.first { $0.code == "vi" }?.uiStrings["home"] == "Trang chủ")
        let folder = try #require(bundle.materials.first)
        #expect(folder.material == Material(slug: "fake-jobs", topics: ["recruitment"], audiences: ["women", "youth"],
                                            sourceLocale: "vi", channels: [.sms, .print]))
        #expect(folder.translations.map(\.locale) == ["vi", "hmn"], "the source comes first")
        let vi = folder.translations[0]
        #expect(vi.status == .published)
        #expect(vi.content.summary == "Hỏi kỹ: ai tuyển, làm gì, ở đâu.")
        #expect(vi.content.sms == "Cảnh giác với lời hứa việc nhẹ lương cao.")
        #expect(vi.content.body.hasPrefix("Kẻ buôn người hứa **việc nhẹ**.\n\n## Trước khi đi"))
        #expect(vi.content.body.hasSuffix("- Hỏi công an xã.\n"))
        #expect(folder.translations[1].content.notes?.hasPrefix("Machine draft") == true)
    }

    @Test func decomposedTextIsStoredComposed() throws {
        let nfd = "Buôn bán người".decomposedStringWithCanonicalMapping
        try fixture.write("Content/fake-jobs/vi.md", "---\ntitle: \(nfd)\nsummary: \(nfd)\nstatus: draft\n---\n\(nfd)\n")
        let vi = try read().materials[0].translations[0].content
        #expect(vi.title == "Buôn bán người")
        #expect(vi.title.unicodeScalars.count == "Buôn bán người".unicodeScalars.count)
        #expect(vi.body == "Buôn bán người\n")
    }

    @Test func invalidUTF8NamesFileLineAndOffset() throws {
        var bytes = Data("---\ntitle: A\nsummary: B\nstatus: draft\n---\nfine\nbad ".utf8)
        bytes.append(contentsOf: [0xC3, 0x28])
        try fixture.write("Content/fake-jobs/vi.md", bytes)
        let found = issues()
        #expect(found.count == 1)
        #expect(found.first?.file == "fake-jobs/vi.md")
        #expect(found.first?.line == 7)
        #expect(found.first?.problem.contains("byte offset 51") == true)
        #expect(found.first?.fix.contains("UTF-8") == true)
    }

    /// An invisible control character (here from a word processor: U+000B, a "soft return") would force
    /// every SMS of the text into UCS-2 and is not allowed in HTML: the file is refused, naming where.
    @Test func controlCharactersNameFileLineAndColumn() throws {
        try fixture.write("Content/fake-jobs/vi.md", "---\ntitle: A\nsummary: B\nstatus: draft\n---\nfine\nLời hứa\u{0B}việc nhẹ\n")
        let found = issues()
        #expect(found.count == 1)
        #expect(found.first?.file == "fake-jobs/vi.md")
        #expect(found.first?.line == 7)
        #expect(found.first?.problem.contains("U+000B (vertical tab) at line 7, column 8") == true)
        #expect(found.first?.fix.contains("delete it") == true)
    }

    @Test(arguments: ["\u{00}", "\u{08}", "\u{1B}", "\u{7F}", "\u{85}", "\u{9F}", "\ry"])
    func everyRefusedControlCharacterIsFoundInAnyFile(character: String) throws {
        try fixture.write("Content/fake-jobs/material.yaml",
                          "slug: fake-jobs\ntopics: [recruitment]\naudiences: [women, youth]\nsource_locale: vi\n# x\(character)\n")
        let found = issues().filter { $0.file == "fake-jobs/material.yaml" }
        #expect(found.count == 1)
        #expect(found.first?.line == 5)
        #expect(found.first?.problem.contains("control character U+00") == true)
    }

    @Test func tabsAndWindowsLineEndsAreKept() throws {
        try fixture.write("Content/fake-jobs/vi.md", "---\r\ntitle: A\r\nsummary: B\r\nstatus: draft\r\n---\r\nA\tB\r\n")
        #expect(try read().materials[0].translations[0].content.body == "A\tB\n")
        #expect(ControlCharacters.first(in: "Tiếng Việt\tꪼꪕ ខ្មែរ\n😀") == nil)
    }

    @Test func utf8ValidatorRejectsOverlongSurrogatesAndTruncation() {
        #expect(TextDecoding.firstInvalidUTF8Offset([0x61, 0xC0, 0xAF]) == 1, "overlong /")
        #expect(TextDecoding.firstInvalidUTF8Offset([0xED, 0xA0, 0x80]) == 0, "UTF-16 surrogate")
        #expect(TextDecoding.firstInvalidUTF8Offset([0x61, 0x62, 0xE1, 0xBA]) == 2, "truncated")
        #expect(TextDecoding.firstInvalidUTF8Offset([0x80]) == 0, "lone continuation")
        #expect(TextDecoding.firstInvalidUTF8Offset([0xF4, 0x90, 0x80, 0x80]) == 0, "above U+10FFFF")
        #expect(TextDecoding.firstInvalidUTF8Offset(Array("Tiếng Việt ꪼꪕ 😀".utf8)) == nil)
    }

    @Test func unknownLocaleFileIsRefused() throws {
        try fixture.write("Content/fake-jobs/xx.md", "---\ntitle: A\nsummary: B\nstatus: draft\n---\nBody\n")
        let found = issues()
        #expect(found.count == 1)
        #expect(found.first?.file == "fake-jobs/xx.md")
        #expect(found.first?.locale == "xx")
        #expect(found.first?.fix.contains("Locales/xx.yaml") == true)
    }

    @Test(arguments: ["Fake-Jobs", "fake jobs", "-fake", "fake--jobs", "fakë"])
    func unsafeFolderNamesAreRefused(name: String) throws {
        try FileManager.default.moveItem(at: fixture.content.appendingPathComponent("fake-jobs"),
                                         to: fixture.content.appendingPathComponent(name))
        let found = issues()
        #expect(found.contains { $0.file == "\(name)/" && $0.problem.contains("not a valid slug") })
    }

    @Test(arguments: ["..", "a/b", "Upper", "with space", ""])
    func unsafeSlugsInTheFileAreRefused(slug: String) throws {
        try fixture.write("Content/fake-jobs/material.yaml", """
            slug: "\(slug)"
            topics: [recruitment]
            source_locale: vi
            channels: [sms]
            """)
        let found = issues()
        #expect(found.contains { $0.file == "fake-jobs/material.yaml" && $0.field == "slug" && $0.line == 1 })
    }

    @Test func slugMustMatchItsFolder() throws {
        try fixture.write("Content/fake-jobs/material.yaml", "slug: other\ntopics: [a]\nsource_locale: vi\nchannels: [sms]\n")
        #expect(issues().contains { $0.field == "slug" && $0.problem.contains("does not match its folder") })
    }

    @Test func missingRequiredFieldsAreEachReported() throws {
        try fixture.write("Content/fake-jobs/vi.md", "---\nstatus: published\n---\nBody\n")
        let found = issues()
        #expect(Set(found.compactMap(\.field)) == ["title", "summary"])
        #expect(found.allSatisfy { $0.file == "fake-jobs/vi.md" && $0.fix.contains("add a line") })
    }

    @Test func badYAMLNamesTheFileLine() throws {
        try fixture.write("Content/fake-jobs/vi.md", "---\ntitle: A\nsummary: [unclosed\nstatus: draft\n---\nBody\n")
        let found = issues()
        #expect(found.count == 1)
        #expect(found.first?.file == "fake-jobs/vi.md")
        let line = try #require(found.first?.line)
        #expect((3...5).contains(line), "line \(line) should point into the front matter, counted in the file")
    }

    @Test func unknownFieldsStatusesAndChannelsAreRefused() throws {
        try fixture.write("Content/fake-jobs/vi.md", "---\ntitle: A\nsumary: B\nsummary: B\nstatus: done\n---\nBody\n")
        try fixture.write("Content/fake-jobs/material.yaml", "slug: fake-jobs\ntopics: [a]\nsource_locale: vi\nchannels: [fax]\n")
        let found = issues()
        #expect(found.contains { $0.field == "sumary" && $0.line == 3 })
        #expect(found.contains { $0.field == "status" && $0.problem.contains("'done'") && $0.line == 5 })
        #expect(found.contains { $0.field == "channels" && $0.problem.contains("'fax'") })
    }

    @Test func duplicateKeysAreRefused() throws {
        try fixture.write("Content/fake-jobs/vi.md", "---\ntitle: A\ntitle: B\nsummary: B\nstatus: draft\n---\nBody\n")
        #expect(issues().contains { $0.field == "title" && $0.problem.contains("more than once") })
    }

    @Test func missingFrontMatterAndUnclosedFrontMatter() throws {
        try fixture.write("Content/fake-jobs/vi.md", "Just text\n")
        #expect(issues().contains { $0.line == 1 && $0.problem.contains("does not start with front matter") })
        try fixture.write("Content/fake-jobs/vi.md", "---\ntitle: A\n")
        #expect(issues().contains { $0.problem.contains("not closed") })
    }

    @Test func aTranslationNeedsItsSourceAndAMaterial() throws {
        try fixture.remove("Content/fake-jobs/vi.md")
        #expect(issues().contains { $0.file == "fake-jobs/vi.md" && $0.problem.contains("source text") })
        try fixture.remove("Content/fake-jobs/material.yaml")
        #expect(issues().contains { $0.file == "fake-jobs/material.yaml" })
    }

    @Test func localeFilesAreValidated() throws {
        try fixture.write("Locales/hmn.yaml", "code: hmong\niso639_3: HM\nenglish_name: Hmong\nautonym: Hmoob\nscript: Latn\ndirection: up\nfallbacks: [xx]\n")
        let found = issues()
        #expect(found.contains { $0.file == "Locales/hmn.yaml" && $0.field == "code" })
        #expect(found.contains { $0.field == "iso639_3" })
        #expect(found.contains { $0.field == "direction" && $0.line == 6 })
        try fixture.write("Locales/hmn.yaml", "code: hmn\niso639_3: hmn\nenglish_name: Hmong\nautonym: Hmoob\nscript: Latn\nfallbacks: [xx]\n")
        #expect(issues().contains { $0.file == "Locales/hmn.yaml" && $0.field == "fallbacks" && $0.problem.contains("'xx'") })
    }

    @Test func sourceTextCannotCarryTranslatedFrom() throws {
        let hash = String(repeating: "a", count: 64)
        try fixture.write("Content/fake-jobs/vi.md", "---\ntitle: A\nsummary: B\nstatus: draft\ntranslated_from: \(hash)\n---\nBody\n")
        #expect(issues().contains { $0.field == "translated_from" && $0.locale == "vi" })
        try fixture.write("Content/fake-jobs/vi.md", "---\ntitle: A\nsummary: B\nstatus: draft\ntranslated_from: abc\n---\nBody\n")
        #expect(issues().contains { $0.field == "translated_from" && $0.problem.contains("not a revision hash") })
    }

    @Test func writerOutputReadsBackTheSame() throws {
        let bundle = try read()
        let out = fixture.root.appendingPathComponent("out")
        try ContentWriter().write(bundle, content: out.appendingPathComponent("Content"), locales: out.appendingPathComponent("Locales"))
        let again = try ContentReader().read(content: out.appendingPathComponent("Content"), locales: out.appendingPathComponent("Locales"))
        #expect(again == bundle)
        let before = try ContentFixture.files(in: out)
        let changed = try ContentWriter().write(again, content: out.appendingPathComponent("Content"), locales: out.appendingPathComponent("Locales"))
        #expect(changed.isEmpty)
        #expect(try ContentFixture.files(in: out) == before)
    }
}

@Suite struct ContentStreamTests {
    /// What `stream` hands over, in the order it does.
    enum Event: Equatable {
        case locales([String])
        case folder(String)
        case issues([String])
    }

    func events(_ fixture: ContentFixture) -> [Event] {
        var events: [Event] = []
        ContentReader().stream(content: fixture.content, locales: fixture.locales, prepare: { $0.material.slug },
                               locales: { events.append(.locales($0.map(\.code))) }, folder: { events.append(.folder($0)) },
                               issues: { events.append(.issues($0.map { $0.file ?? "" })) })
        return events
    }

    @Test func handsOverFoldersInOrderAcrossBatchesAndSkipsTheBadOnes() throws {
        let fixture = try ContentFixture()
        let vi = try String(contentsOf: fixture.content.appendingPathComponent("fake-jobs/vi.md"), encoding: .utf8)
        let material = try String(contentsOf: fixture.content.appendingPathComponent("fake-jobs/material.yaml"), encoding: .utf8)
        let slugs = (0..<(ContentReader.batchSize * 2 + 3)).map { String(format: "m-%03d", $0) }
        for slug in slugs {
            try fixture.write("Content/\(slug)/material.yaml", material.replacingOccurrences(of: "fake-jobs", with: slug))
            try fixture.write("Content/\(slug)/vi.md", vi)
        }
        try fixture.write("Content/m-001/vi.md", "---\ntitle: x\nstatus: draft\n---\nx\n")
        try fixture.write("Content/\(slugs[ContentReader.batchSize + 1])/hmn.md", "---\ntitle: x\nsumary: x\nstatus: draft\n---\nx\n")
        try fixture.write("Content/Bad_Name/vi.md", vi)

        var expected: [Event] = [.locales(["hmn", "vi"]), .issues(["Bad_Name/"]), .folder("fake-jobs")]
        for slug in slugs {
            switch slug {
            case "m-001": expected.append(.issues(["m-001/vi.md"]))
            case slugs[ContentReader.batchSize + 1]: expected.append(.issues(["\(slug)/hmn.md", "\(slug)/hmn.md"]))
            default: expected.append(.folder(slug))
            }
        }
        #expect(events(fixture) == expected)
        // `read` is the same reading, all at once: it reports the same problems.
        do {
            _ = try ContentReader().read(content: fixture.content, locales: fixture.locales)
            Issue.record("expected the read to fail")
        } catch {
            #expect(error.issues.map(\.file) == ["Bad_Name/", "m-001/vi.md", "\(slugs[ContentReader.batchSize + 1])/hmn.md",
                                                  "\(slugs[ContentReader.batchSize + 1])/hmn.md"])
        }
    }
}
