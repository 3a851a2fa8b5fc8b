import ArgumentParser
import CampaignModel
import ContentFiles
import ContentStore
import Foundation

/// `loa import`: reads `Content/` and `Locales/` into the store in one transaction.
struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import Content/ and Locales/ into the database (idempotent; all or nothing).")

    @OptionGroup var store: StoreOptions

    @Option(help: "The content folder.")
    var content = "Content"

    @Option(help: "The locales folder.")
    var locales = "Locales"

    @Flag(help: "Print the summary as JSON.")
    var json = false

    func run() throws {
        let contentURL = URL(fileURLWithPath: content), localesURL = URL(fileURLWithPath: locales)
        // The store is opened (made, if new) before the files are read: they are stored as they are read.
        let isNew = !FileManager.default.fileExists(atPath: store.path)
        let database = try store.open()
        let summary: ImportSummary
        do {
            // Files are read on the other cores while the ones read before are stored; any problem in any file
            // rolls the whole import back and is reported with all the others.
            summary = try database.importContent(actor: LocalActor.name, origin: "loa import \(content)") { importer in
                try ContentReader().stream(content: contentURL, locales: localesURL, prepare: { PreparedFolder($0) },
                                           locales: { try importer.add($0) }, folder: { try importer.add($0) },
                                           issues: { importer.report($0) })
            }
        } catch {
            // A first import that fails leaves no database behind, as it leaves an existing one as it was.
            if isNew {
                try? database.close()
                for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: store.path + suffix) }
            }
            throw error
        }
        let counts = try database.counts()
        if json {
            print(try JSONText.encode(ImportReport(imported: summary, store: counts)))
            return
        }
        print("Imported \(content) and \(locales) into \(store.path)")
        print("  this import: \(summary.revisionsCreated) new revisions, \(summary.translationsAdded) new translations, "
              + "\(summary.materialsAdded + summary.materialsUpdated) materials and \(summary.localesAdded + summary.localesUpdated) locales added or changed, "
              + "\(summary.statusChanges) status changes, \(summary.unchanged) unchanged")
        print(StoreSummary.text(counts))
    }
}

struct ImportReport: Codable {
    var imported: ImportSummary
    var store: StoreCounts
}

/// The store summary `make demo` prints: materials, locales, translations by status.
enum StoreSummary {
    static func text(_ counts: StoreCounts) -> String {
        let statuses = TranslationStatus.allCases.map { "\($0.rawValue) \(counts.translationsByStatus[$0.rawValue] ?? 0)" }
        return """
          store: \(counts.materials) materials, \(counts.locales) locales, \(counts.translations) translations (\(statuses.joined(separator: ", "))), \(counts.revisions) revisions, \(counts.auditEntries) audit entries
        """
    }
}

/// Deterministic, readable JSON for command output.
enum JSONText {
    static func encode<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }
}
