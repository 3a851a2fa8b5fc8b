import ArgumentParser
import CampaignModel
import ContentStore
import Foundation

/// `loa search QUERY`: tone-insensitive full-text search.
struct SearchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "search",
                                                    abstract: "Search titles, summaries and texts (tone marks optional).")
    @OptionGroup var store: StoreOptions
    @Argument(help: "Words to find; typed with or without tone marks.") var query: [String]
    @Option(help: "Only this locale.") var locale: String?
    @Option(help: "Only this status.") var status: String?
    @Option(help: "Only this topic.") var topic: String?
    @Option(help: "At most this many results.") var limit = 20
    @Flag(help: "Print JSON.") var json = false

    func run() throws {
        let parsedStatus = try status.map { try TranslationStatus.parse($0, file: "argument", field: "status") }
        let hits = try store.openForReading().search(SearchQuery(text: TextFolding.nfc(query.joined(separator: " ")), locale: locale,
                                                       status: parsedStatus, topic: topic, limit: limit))
        if json { print(try JSONText.encode(hits)); return }
        if hits.isEmpty { print("No results.") }
        for hit in hits {
            print("\(hit.slug)/\(hit.locale) [\(hit.status.rawValue)] \(hit.title)")
            print("    \(hit.snippet)")
        }
    }
}
