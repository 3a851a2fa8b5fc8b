import ArgumentParser
import ContentFiles
import ContentStore
import Foundation

/// `loa export …`: writes what the store holds into files for people and machines.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export content, the static site or SMS files.",
        subcommands: [ExportContentCommand.self, ExportSiteCommand.self, ExportSMSCommand.self])
}

/// `loa export content DIR`: the store's newest text back into the `Content/` format.
struct ExportContentCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "content",
        abstract: "Write every material and translation as Content/ files (and locales with --locales).")

    @OptionGroup var store: StoreOptions

    @Argument(help: "The folder to write materials into.")
    var directory: String

    @Option(help: "Also write locale files into this folder.")
    var locales: String?

    func run() throws {
        let bundle = try store.openForReading().contentBundle()
        let changed = try ContentWriter().write(bundle, content: URL(fileURLWithPath: directory),
                                                locales: locales.map { URL(fileURLWithPath: $0) })
        print("Exported \(bundle.materials.count) materials to \(directory)"
              + (locales.map { " and \(bundle.locales.count) locales to \($0)" } ?? "")
              + ": \(changed.count) files written, the rest unchanged.")
    }
}
