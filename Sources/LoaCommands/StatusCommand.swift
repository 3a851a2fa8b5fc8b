import ArgumentParser
import ContentStore
import Foundation

/// `loa status`: the completeness matrix, material × locale.
struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show what is translated, in which state, and what is outdated.")

    @OptionGroup var store: StoreOptions
    @Option(help: "Only this locale.") var locale: String?
    @Flag(help: "Print JSON.") var json = false

    func run() throws {
        let database = try store.openForReading()
        let matrix = try database.completeness(locale: locale)
        if json {
            print(try JSONText.encode(matrix))
            return
        }
        print(StatusTable.render(matrix))
        print(StoreSummary.text(try database.counts()))
    }
}

/// The completeness matrix as a terminal table: one row per material, one column per locale.
enum StatusTable {
    static let symbols: [CompletenessState: String] = [
        .missing: "·", .draft: "draft", .inReview: "review", .approved: "approved", .published: "pub",
        .archived: "arch", .outdated: "OUTDATED",
    ]

    static func render(_ matrix: Completeness) -> String {
        var cells: [String: [String: CompletenessCell]] = [:]
        for cell in matrix.cells { cells[cell.slug, default: [:]][cell.locale] = cell }
        let slugWidth = max(8, matrix.materials.map(\.count).max() ?? 0)
        let width = 9
        func pad(_ text: String, _ count: Int) -> String { text.padding(toLength: count, withPad: " ", startingAt: 0) }
        var lines = [pad("material", slugWidth) + "  " + matrix.locales.map { pad($0, width) }.joined()]
        for slug in matrix.materials {
            let row = matrix.locales.map { pad(symbols[cells[slug]?[$0]?.state ?? .missing] ?? "", width) }.joined()
            lines.append(pad(slug, slugWidth) + "  " + row)
        }
        lines.append("")
        for locale in matrix.locales {
            let counts = matrix.counts[locale] ?? [:]
            let parts = CompletenessState.allCases.compactMap { state in counts[state.rawValue].map { "\(state.rawValue) \($0)" } }
            lines.append("  \(pad(locale, 5)) " + parts.joined(separator: ", "))
        }
        return lines.joined(separator: "\n")
    }
}
