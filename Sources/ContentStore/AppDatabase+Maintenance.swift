import CampaignModel
import Foundation
import GRDB

/// A problem `loa check` found.
public struct CheckFinding: Sendable, Codable, Equatable, CustomStringConvertible {
    public var check: String
    public var detail: String
    public var description: String { "\(check): \(detail)" }
}

extension AppDatabase {
    /// A consistent copy of the database while others keep reading and writing (SQLite's online backup),
    /// written beside `path` and renamed into place, so a crash never leaves half a backup.
    public func backup(to path: String) throws {
        let target = URL(fileURLWithPath: path)
        let temporary = target.deletingLastPathComponent().appendingPathComponent(".\(target.lastPathComponent).\(UUID().uuidString).tmp")
        do {
            let destination = try DatabaseQueue(path: temporary.path)
            try writer.backup(to: destination)
            try destination.close()
            guard rename(temporary.path, target.path) == 0 else {
                throw LoaError.invalid(InputIssue(file: path, problem: "the backup cannot be moved into place.",
                                                  fix: "check that the folder is writable."))
            }
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw error
        }
    }

    /// Checks a database file before it replaces the working one: it must be a SQLite file that passes
    /// `integrity_check` and carries Loa's schema. Returns the migrations it has.
    public static func verifyBackup(at path: String) throws -> [String] {
        guard FileManager.default.fileExists(atPath: path) else { throw LoaError.notFound("backup file \(path)") }
        var configuration = Configuration()
        configuration.readonly = true
        do {
            let queue = try DatabaseQueue(path: path, configuration: configuration)
            return try queue.read { db in
                let result = try String.fetchAll(db, sql: "PRAGMA integrity_check")
                guard result == ["ok"] else {
                    throw LoaError.invalid(InputIssue(file: path, problem: "the file fails SQLite's integrity check: \(result.prefix(3).joined(separator: "; ")).",
                                                      fix: "use another backup."))
                }
                guard try db.tableExists("grdb_migrations"), try db.tableExists("revision") else {
                    throw LoaError.invalid(InputIssue(file: path, problem: "the file is not a Loa database.", fix: "choose a file made by 'loa backup'."))
                }
                return try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations ORDER BY rowid")
            }
        } catch let error as DatabaseError {
            throw LoaError.invalid(InputIssue(file: path, problem: "the file cannot be read as SQLite: \(error.message ?? "\(error)").",
                                              fix: "choose a file made by 'loa backup'."))
        }
    }

    /// Every integrity problem of the store: SQLite's own checks and Loa's content invariants.
    public func check() throws -> [CheckFinding] {
        try writer.read { db in
            var findings: [CheckFinding] = []
            for line in try String.fetchAll(db, sql: "PRAGMA integrity_check") where line != "ok" {
                findings.append(CheckFinding(check: "integrity_check", detail: line))
            }
            for row in try Row.fetchAll(db, sql: "PRAGMA foreign_key_check") {
                findings.append(CheckFinding(check: "foreign_key_check", detail: "\(row[0] as String? ?? "?") row \(row[1] as Int64? ?? 0) → \(row[2] as String? ?? "?")"))
            }
            // Every published revision has an approval by someone other than its author, or came in approved
            // by an import (which names the file it came from).
            for row in try Row.fetchAll(db, sql: """
                SELECT t.material_slug, t.locale, r.hash FROM translation t JOIN revision r ON r.id = t.published_revision_id
                WHERE NOT EXISTS (SELECT 1 FROM approval a WHERE a.revision_id = r.id AND a.reviewer != r.author)
                  AND NOT EXISTS (SELECT 1 FROM audit_entry e WHERE e.action = 'import.approve' AND e.revision_hash = r.hash
                                  AND e.material_slug = t.material_slug AND e.locale = t.locale)
                """) {
                findings.append(CheckFinding(check: "published-approval",
                                             detail: "\(row["material_slug"] as String)/\(row["locale"] as String) revision \(row["hash"] as String) is published without an approval on record"))
            }
            // Every translated_from and source pointer names a revision of the material's source text.
            for row in try Row.fetchAll(db, sql: """
                SELECT t.material_slug, t.locale, h FROM (
                    SELECT t.id, r.translated_from AS h FROM translation t JOIN revision r ON r.translation_id = t.id WHERE r.translated_from IS NOT NULL
                    UNION SELECT t.id, t.source_hash FROM translation t WHERE t.source_hash IS NOT NULL
                ) x JOIN translation t ON t.id = x.id JOIN material m ON m.slug = t.material_slug
                WHERE NOT EXISTS (SELECT 1 FROM revision s JOIN translation st ON st.id = s.translation_id
                                  WHERE st.material_slug = m.slug AND st.locale = m.source_locale AND s.hash = x.h)
                """) {
                findings.append(CheckFinding(check: "translated-from",
                                             detail: "\(row["material_slug"] as String)/\(row["locale"] as String) names source revision \(row["h"] as String), which does not exist"))
            }
            // Every audit entry that names a revision names one that exists.
            for row in try Row.fetchAll(db, sql: """
                SELECT id, action, revision_hash FROM audit_entry e WHERE revision_hash IS NOT NULL
                AND NOT EXISTS (SELECT 1 FROM revision r WHERE r.hash = e.revision_hash)
                """) {
                findings.append(CheckFinding(check: "audit-revision",
                                             detail: "audit entry \(row["id"] as Int64) (\(row["action"] as String)) names missing revision \(row["revision_hash"] as String)"))
            }
            // Heads and published pointers belong to their own translation.
            for row in try Row.fetchAll(db, sql: """
                SELECT t.material_slug, t.locale FROM translation t
                LEFT JOIN revision h ON h.id = t.head_revision_id LEFT JOIN revision p ON p.id = t.published_revision_id
                WHERE h.id IS NULL OR h.translation_id != t.id OR (p.id IS NOT NULL AND p.translation_id != t.id)
                """) {
                findings.append(CheckFinding(check: "revision-pointers",
                                             detail: "\(row["material_slug"] as String)/\(row["locale"] as String) points at a revision that is missing or not its own"))
            }
            // Every kept plan file still has the bytes it was kept with (one plan in memory at a time).
            let plans = try Row.fetchCursor(db, sql: "SELECT id, hash, json FROM plan ORDER BY id")
            while let row = try plans.next() {
                let json: Data = row["json"]
                if ContentHash.sha256(json) != row["hash"] as String {
                    findings.append(CheckFinding(check: "plan-hash", detail: "plan \(row["id"] as String) no longer matches its SHA-256"))
                }
            }
            return findings
        }
    }
}
