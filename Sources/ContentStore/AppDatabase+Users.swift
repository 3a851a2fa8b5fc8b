import CampaignModel
import Foundation
import GRDB

extension AppDatabase {
    /// Creates a user and returns their API token. The token is shown once; only its SHA-256 is stored.
    public func addUser(_ user: User, actor: String) throws -> String {
        if user.name.trimmingCharacters(in: .whitespaces).isEmpty {
            throw LoaError.invalid(InputIssue(file: "argument", field: "name", problem: "the user name is empty.", fix: "give a name."))
        }
        let needsLocales = user.role == .translator || user.role == .reviewer
        if needsLocales, user.locales.isEmpty {
            throw LoaError.invalid(InputIssue(file: "argument", field: "locales",
                                              problem: "a \(user.role.rawValue) needs at least one locale.",
                                              fix: "add --locales with the codes they work in, such as hmn,tyz."))
        }
        let token = Self.newToken()
        try writer.write { db in
            let known = Set(try String.fetchAll(db, sql: "SELECT code FROM locale"))
            for locale in user.locales where !known.contains(locale) {
                throw LoaError.invalid(InputIssue(file: "argument", field: "locales", locale: locale,
                                                  problem: "'\(locale)' is not a known locale.",
                                                  fix: "use one of: \(known.sorted().joined(separator: ", "))."))
            }
            if try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM user WHERE name = ?)", arguments: [user.name]) == true {
                throw LoaError.invalid(InputIssue(file: "argument", field: "name", problem: "a user named '\(user.name)' exists.",
                                                  fix: "choose another name, or revoke the old user first."))
            }
            try db.execute(sql: """
                INSERT INTO user (name, role, locales, token_hash, created_at) VALUES (?, ?, ?, ?, ?)
                """, arguments: [user.name, user.role.rawValue, JSONColumn.encode(user.locales), ContentHash.sha256(token), timestamp])
            try AuditEntry.record(db, at: timestamp, actor: actor, action: "user.add",
                                  detail: "\(user.name) as \(user.role.rawValue) \(user.locales.joined(separator: ","))")
        }
        return token
    }

    /// Users with their state, for `loa user list`.
    public func users() throws -> [UserListing] {
        try writer.read { db in
            try Row.fetchAll(db, sql: "SELECT name, role, locales, created_at, revoked_at FROM user ORDER BY name").map { row in
                UserListing(user: User(name: row["name"], role: UserRole(rawValue: row["role"]) ?? .viewer,
                                       locales: JSONColumn.decode([String].self, row["locales"], default: [])),
                            createdAt: row["created_at"], revokedAt: row["revoked_at"])
            }
        }
    }

    /// Gives an active user a new token (the old one stops working), for a lost token or a demo.
    public func rotateToken(_ name: String, actor: String) throws -> String {
        let token = Self.newToken()
        try writer.write { db in
            try db.execute(sql: "UPDATE user SET token_hash = ? WHERE name = ? AND revoked_at IS NULL",
                           arguments: [ContentHash.sha256(token), name])
            guard db.changesCount == 1 else { throw LoaError.notFound("active user '\(name)'") }
            try AuditEntry.record(db, at: timestamp, actor: actor, action: "user.token", detail: name)
        }
        return token
    }

    /// 32 random bytes as hex, with a prefix that makes a leaked token easy to recognise.
    static func newToken() -> String {
        var generator = SystemRandomNumberGenerator()
        return "loa_" + (0..<32).map { _ in String(format: "%02x", UInt8.random(in: 0...255, using: &generator)) }.joined()
    }

    /// Revokes a user's token; their past work stays on record.
    public func revokeUser(_ name: String, actor: String) throws {
        try writer.write { db in
            try db.execute(sql: "UPDATE user SET revoked_at = ? WHERE name = ? AND revoked_at IS NULL", arguments: [timestamp, name])
            guard db.changesCount == 1 else { throw LoaError.notFound("active user '\(name)'") }
            try AuditEntry.record(db, at: timestamp, actor: actor, action: "user.revoke", detail: name)
        }
    }

    /// The active user a bearer token belongs to.
    public func authenticate(token: String) throws -> User {
        try writer.read { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT name, role, locales FROM user WHERE token_hash = ? AND revoked_at IS NULL",
                                             arguments: [ContentHash.sha256(token)]) else {
                throw LoaError.unauthorized("the token is unknown or revoked.")
            }
            return User(name: row["name"], role: UserRole(rawValue: row["role"]) ?? .viewer,
                        locales: JSONColumn.decode([String].self, row["locales"], default: []))
        }
    }
}

/// A user as `loa user list` shows them.
public struct UserListing: Sendable, Codable, Equatable {
    public var user: User
    public var createdAt: String
    public var revokedAt: String?
}
