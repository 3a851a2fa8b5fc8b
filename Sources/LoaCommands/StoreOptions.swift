import ArgumentParser
import ContentStore
import Foundation

/// The database every command works on: `--database`, else `LOA_DATABASE`, else `./loa.sqlite`.
struct StoreOptions: ParsableArguments {
    @Option(name: .long, help: "The SQLite database (default: $LOA_DATABASE or ./loa.sqlite).")
    var database: String?

    var path: String {
        database ?? ProcessInfo.processInfo.environment["LOA_DATABASE"] ?? "loa.sqlite"
    }

    func open() throws -> AppDatabase {
        try AppDatabase.open(path: path)
    }

    /// The database for a command that only reads (see `AppDatabase.openForReading`).
    func openForReading() throws -> AppDatabase {
        try AppDatabase.openForReading(path: path)
    }
}

/// Who the audit log names for work done from the command line.
enum LocalActor {
    static var name: String {
        let user = ProcessInfo.processInfo.environment["USER"] ?? "local"
        return "cli:\(user)"
    }
}
