import ArgumentParser
import CampaignModel
import ContentStore
import Foundation

/// `loa backup FILE`: a consistent copy while the server runs.
struct BackupCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "backup", abstract: "Copy the database consistently, even while it is in use.")
    @OptionGroup var store: StoreOptions
    @Argument(help: "Where to write the backup.") var file: String

    func run() throws {
        try store.open().backup(to: file)
        let migrations = try AppDatabase.verifyBackup(at: file)
        print("Backed up \(store.path) to \(file) (schema \(migrations.last ?? "?"), integrity ok).")
    }
}

/// `loa restore FILE`: replaces the database with a checked backup.
struct RestoreBackupCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "restore",
        abstract: "Replace the database with a backup after checking it (stop the server first).")
    @OptionGroup var store: StoreOptions
    @Argument(help: "The backup file.") var file: String
    @Flag(help: "Overwrite an existing database.") var force = false

    func run() throws {
        _ = try AppDatabase.verifyBackup(at: file)
        let target = URL(fileURLWithPath: store.path)
        if FileManager.default.fileExists(atPath: target.path), !force {
            throw LoaError.refusedTransition("\(target.path) exists; add --force to replace it with \(file) (make a backup of it first).")
        }
        let temporary = target.deletingLastPathComponent().appendingPathComponent(".\(target.lastPathComponent).restore.tmp")
        try? FileManager.default.removeItem(at: temporary)
        try FileManager.default.copyItem(at: URL(fileURLWithPath: file), to: temporary)
        for suffix in ["-wal", "-shm"] { try? FileManager.default.removeItem(atPath: target.path + suffix) }
        guard rename(temporary.path, target.path) == 0 else {
            try? FileManager.default.removeItem(at: temporary)
            throw LoaError.invalid(InputIssue(file: target.path, problem: "the database cannot be replaced.", fix: "check permissions."))
        }
        let findings = try store.open().check()
        print("Restored \(file) to \(target.path); check: \(findings.isEmpty ? "ok" : "\(findings.count) problems (run 'loa check')").")
    }
}

/// `loa check`: SQLite's integrity and foreign-key checks and Loa's content invariants.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "check", abstract: "Check the database and its content rules.")
    @OptionGroup var store: StoreOptions

    func run() throws {
        let findings = try store.open().check()
        if findings.isEmpty {
            print("ok: integrity, foreign keys, approvals of published revisions, source revisions and audit references")
            return
        }
        for finding in findings { print(finding) }
        throw ExitCode(1)
    }
}
