import CampaignModel
import ContentFiles
import ContentStore
import Foundation
import GRDB
import Testing

/// The import fed while its transaction is open (`loa import`): same rows as a bundle import, every problem
/// of the batch reported, nothing kept when there is one.
@Suite struct StreamingImportTests {
    typealias F = StoreFixture

    func folder(_ slug: String, _ translations: [TranslationFile], topics: [String] = ["recruitment"]) -> MaterialFolder {
        MaterialFolder(material: Material(slug: slug, topics: topics, audiences: ["women"], sourceLocale: "vi", channels: [.sms, .print]),
                       translations: translations.map { file in
                           var file = file
                           file.path = "\(slug)/\(file.locale).md"
                           return file
                       })
    }

    /// Every row of every table but the clock-free ones, in id order: what two imports must agree on.
    func dump(_ path: String) throws -> [String] {
        let queue = try DatabaseQueue(path: path)
        return try queue.read { db in
            var lines: [String] = []
            for table in ["locale", "material", "translation", "revision", "audit_entry"] {
                for row in try Row.fetchAll(db, sql: "SELECT * FROM \(table) ORDER BY rowid") { lines.append("\(table) \(row)") }
            }
            for row in try Row.fetchAll(db, sql: "SELECT rowid, * FROM translation_search ORDER BY rowid") { lines.append("search \(row)") }
            return lines
        }
    }

    func temporaryPath() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("loa-stream-\(UUID().uuidString).sqlite").path
    }

    @Test func streamedAndBundleImportsWriteTheSameRows() throws {
        let clock: @Sendable () -> Date = { Date(timeIntervalSince1970: 1_800_000_000) }
        // Enough texts that audit rows go out in full batches and a remainder.
        let folders = (0..<13).map { index in
            folder("m-\(index)", [F.translation("vi", "Một \(index)"), F.translation("hmn", "Ib \(index)", status: index % 3 == 0 ? .draft : .published)],
                   topics: index == 0 ? ["nhiều \"chữ\"", "a/b"] : ["recruitment"])
        }
        let bundle = ContentBundle(locales: [F.hmn, F.vi], materials: folders)
        let first = temporaryPath(), second = temporaryPath()
        let summary = try AppDatabase(try DatabaseQueue(path: first), now: clock).importContent(bundle, actor: "a", origin: "files")
        let streamed = try AppDatabase(try DatabaseQueue(path: second), now: clock).importContent(actor: "a", origin: "files") { importer in
            try importer.add(bundle.locales)
            for folder in bundle.materials { try importer.add(PreparedFolder(folder)) }
        }
        #expect(summary == streamed)
        #expect(summary.translationsAdded == 26)
        let rows = try dump(first)
        #expect(rows == (try dump(second)))
        #expect(rows.filter { $0.hasPrefix("audit_entry") }.count > 64)
    }

    @Test func listColumnsAreTheJSONTheEncoderWrites() throws {
        let path = temporaryPath()
        let topics = ["recruitment", "nhiều \"chữ\"", "a/b", "back\\slash", "tab\there", ""]
        try AppDatabase.open(path: path).importContent(
            ContentBundle(locales: [F.hmn, F.vi], materials: [folder("fake-jobs", [F.translation("vi", "Một")], topics: topics)]),
            actor: "a")
        let stored = try DatabaseQueue(path: path).read { db in
            try Row.fetchOne(db, sql: "SELECT topics, channels FROM material")
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        #expect(stored?["topics"] == String(decoding: try encoder.encode(topics), as: UTF8.self))
        #expect(stored?["channels"] == String(decoding: try encoder.encode([Channel.sms, .print]), as: UTF8.self))
        #expect(try AppDatabase.open(path: path).materialRecord("fake-jobs").material.topics == topics)
    }

    @Test func everyProblemOfTheBatchIsReportedAndNothingIsKept() throws {
        let database = try F.database()
        try database.importContent(F.bundle([F.translation("vi", "Một")]), actor: "a")
        let before = try database.counts()
        let audit = try database.auditLog(limit: 1000)
        let unknown = String(repeating: "b", count: 64)
        let fileProblem = InputIssue(file: "m-2/vi.md", line: 2, field: "title", problem: "broken", fix: "fix it")
        #expect {
            try database.importContent(actor: "a") { importer in
                try importer.add([F.hmn, F.vi])
                try importer.add(folder("fake-jobs", [F.translation("vi", "Hai")]))
                try importer.add(folder("m-1", [F.translation("vi", "Ba"), F.translation("hmn", "Ob", translatedFrom: unknown)]))
                importer.report([fileProblem])
                try importer.add(folder("m-3", [F.translation("vi", "Bốn"), F.translation("xx", "?")]))
                let material = Material(slug: "m-4", topics: ["t"], audiences: [], sourceLocale: "zz", channels: [.sms])
                try importer.add(MaterialFolder(material: material, translations: [F.translation("zz", "?")]))
            }
        } throws: { error in
            guard case LoaError.invalidInput(let issues) = error else { return false }
            return issues.map(\.file) == ["m-1/hmn.md", "m-2/vi.md", "m-3/xx.md", "m-4/material.yaml"]
                && issues[0].field == "translated_from" && issues[1] == fileProblem && issues[3].field == "source_locale"
        }
        #expect(try database.counts() == before)
        #expect(try database.auditLog(limit: 1000) == audit)
        #expect(try database.snapshot().translation("fake-jobs", "vi")?.content.title == "Một")
    }

    @Test func readingFilesWhileImportingReportsEveryFileProblem() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("loa-stream-files-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let content = root.appendingPathComponent("Content"), locales = root.appendingPathComponent("Locales")
        // More folders than two reading batches (32 each), so problems sit in different batches.
        let folders = (0..<70).map { index in
            folder(String(format: "m-%03d", index), [F.translation("vi", "Một \(index)"), F.translation("hmn", "Ib \(index)")])
        }
        try ContentWriter().write(ContentBundle(locales: [F.hmn, F.vi], materials: folders), content: content, locales: locales)
        let database = try F.database()
        func importFiles() throws -> ImportSummary {
            try database.importContent(actor: "a", origin: "test") { importer in
                try ContentReader().stream(content: content, locales: locales, prepare: { PreparedFolder($0) },
                                           locales: { try importer.add($0) }, folder: { try importer.add($0) },
                                           issues: { importer.report($0) })
            }
        }
        #expect(try importFiles().translationsAdded == folders.count * 2)
        let counts = try database.counts()
        #expect(try importFiles().unchanged == folders.count * 2)

        try "---\ntitle: Đổi\nsummary: x\nstatus: published\n---\nMới.\n".write(
            to: content.appendingPathComponent("m-001/vi.md"), atomically: true, encoding: .utf8)
        try "---\ntitle: [broken\nsummary: x\nstatus: draft\n---\nx\n".write(
            to: content.appendingPathComponent("m-040/hmn.md"), atomically: true, encoding: .utf8)
        try "---\ntitle: x\nsumary: x\nstatus: draft\n---\nx\n".write(
            to: content.appendingPathComponent("m-068/hmn.md"), atomically: true, encoding: .utf8)
        #expect {
            try importFiles()
        } throws: { error in
            guard case LoaError.invalidInput(let issues) = error else { return false }
            return Set(issues.map(\.file)) == ["m-040/hmn.md", "m-068/hmn.md"]
        }
        #expect(try database.counts() == counts)
        #expect(try database.snapshot().translation("m-001", "vi")?.content.title == "Một 1")
    }
}
