import ArgumentParser
import CampaignModel
import Foundation
import SiteExport

/// The root of the `loa` command tree.
public struct LoaCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "loa",
        abstract: "Campaign materials against human trafficking: from Markdown to websites, SMS and village plans.",
        subcommands: [
            ImportCommand.self, ExportCommand.self, StatusCommand.self, SearchCommand.self, HistoryCommand.self,
            DiffCommand.self, SourceChangesCommand.self, EditCommand.self, WorkflowCommand.self, RestoreCommand.self,
            UserCommand.self, SMSCommand.self, BackupCommand.self, RestoreBackupCommand.self, CheckCommand.self, RenderCommand.self, PlanCommand.self, ServeCommand.self,
        ]
    )

    public init() {}

    /// Parses the arguments, runs the command, and turns every error into a message and exit code.
    ///
    /// This is the one place where domain errors become CLI output: input problems list each file, line,
    /// field and fix and exit with 65 (EX_DATAERR); refused actions exit with 77 (EX_NOPERM); a conflict
    /// with someone else's edit exits with 75 (EX_TEMPFAIL); a failed export step with 74 (EX_IOERR).
    public static func runMain(arguments: [String]? = nil) async -> Int32 {
        do {
            var command = try parseAsRoot(arguments)
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
            return 0
        } catch let error as LoaError {
            FileHandle.standardError.write(Data((CLIMessage.describe(error) + "\n").utf8))
            return CLIMessage.exitCode(error)
        } catch let error as SiteExportError {
            // A failed step of the site build (the previous site is untouched): name the step and path.
            FileHandle.standardError.write(Data("error: \(error)\n".utf8))
            return 74
        } catch {
            let code = exitCode(for: error).rawValue
            let message = fullMessage(for: error)
            if !message.isEmpty {
                let stream = code == 0 ? FileHandle.standardOutput : FileHandle.standardError
                stream.write(Data((message + "\n").utf8))
            }
            return code
        }
    }
}

/// How domain errors read on a terminal.
enum CLIMessage {
    static func describe(_ error: LoaError) -> String {
        switch error {
        case .invalidInput(let issues):
            let plural = issues.count == 1 ? "problem" : "problems"
            return "error: \(issues.count) \(plural) found; nothing was changed.\n"
                + issues.map { "  - " + $0.description }.joined(separator: "\n")
        default:
            return "error: " + error.description
        }
    }

    static func exitCode(_ error: LoaError) -> Int32 {
        switch error {
        case .invalidInput: 65
        case .notFound: 66
        case .forbidden, .unauthorized, .refusedTransition: 77
        case .conflict, .preconditionRequired: 75
        }
    }
}
