import APIServer
import ArgumentParser
import Foundation
import Logging

/// `loa serve`: the HTTP API for communication teams. SIGTERM and SIGINT stop it gracefully.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the HTTP API (JSON under /v1/, OpenAPI at /openapi.json). SIGTERM or SIGINT stops it gracefully.")

    @Option(help: "The address to listen on.")
    var host = "127.0.0.1"

    @Option(help: "The port to listen on (0 picks a free one and logs it).")
    var port = 8080

    @OptionGroup var store: StoreOptions

    @Flag(help: "Let clients without a token read locales, materials and published texts.")
    var anonymousRead = false

    @Option(help: "The largest request body accepted, in bytes.")
    var maxBodySize = 1 << 20

    @Option(help: "The campaign files POST /v1/plans may name (and their figures CSVs).")
    var campaigns = "Content/campaigns"

    @Option(help: "The folder with the region CSV files plans are made over.")
    var regions = "Content/regions"

    @Option(help: "Log level: trace, debug, info, notice, warning, error or critical.")
    var logLevel = "info"

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be from 0 to 65535.") }
        guard maxBodySize > 0 else { throw ValidationError("--max-body-size must be positive.") }
        guard Logger.Level(rawValue: logLevel) != nil else {
            throw ValidationError("--log-level must be one of: \(Logger.Level.allCases.map(\.rawValue).joined(separator: ", ")).")
        }
    }

    func run() async throws {
        let configuration = APIConfiguration(
            host: host, port: port, database: .path(store.path), maxBodySize: maxBodySize, anonymousRead: anonymousRead,
            logLevel: Logger.Level(rawValue: logLevel) ?? .info,
            campaignsDirectory: URL(fileURLWithPath: campaigns, isDirectory: true),
            regionsDirectory: URL(fileURLWithPath: regions, isDirectory: true))
        try await runServer(configuration: configuration)
    }
}
