import ArgumentParser
import ContentStore
import Foundation

/// `loa status`: what is in the store.
struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show materials, locales and translations by status.")

    @OptionGroup var store: StoreOptions

    @Flag(help: "Print JSON.")
    var json = false

    func run() throws {
        let counts = try store.open().counts()
        print(json ? try JSONText.encode(counts) : StoreSummary.text(counts))
    }
}
