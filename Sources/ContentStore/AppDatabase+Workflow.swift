import CampaignModel
import Foundation
import GRDB

/// The state of one translation as the workflow and the API see it.
public struct TranslationState: Sendable, Codable, Equatable {
    public var slug: String
    public var locale: String
    public var status: TranslationStatus
    /// The newest revision: what an editor sees and what its ETag names.
    public var head: RevisionInfo
    /// The revision readers get, if any is published.
    public var published: RevisionInfo?
    /// True when the source text changed since this translation was made or last confirmed.
    public var outdated: Bool
    /// The source revision this translation matches (nil for the source itself).
    public var sourceHash: String?
    public var content: TranslationContent
}

/// One revision's identity, author and time.
public struct RevisionInfo: Sendable, Codable, Equatable {
    public var number: Int
    public var hash: String
    public var author: String
    public var createdAt: String
    public var approvedBy: [String]
}

extension AppDatabase {
    /// Saves new text as a draft revision; the published revision, if any, stays live.
    ///
    /// `expectedHead` is the revision hash the writer last saw (the API's `If-Match`). If someone saved in
    /// between, the save is refused with the current hash instead of overwriting their work. A new
    /// translation is created with `expectedHead == nil`.
    @discardableResult
    public func saveDraft(slug: String, locale: String, content: TranslationContent, expectedHead: String?,
                          by user: User) throws -> TranslationState {
        try writer.write { db in
            let material = try fetchMaterial(db, slug)
            guard try LocaleRow.exists(db, key: locale) else { throw LoaError.notFound("locale '\(locale)'") }
            guard Permissions.canEdit(user, material: material, locale: locale) else {
                throw LoaError.forbidden("\(user.name) (\(user.role.rawValue)) may not write \(slug) in \(locale).")
            }
            var content = content.normalized
            try validate(content, slug: slug, locale: locale)
            let hash = ContentHash.revision(content)
            let at = timestamp
            let isSource = locale == material.sourceLocale
            let currentSource = isSource ? nil : try TranslationRow.sourceHash(db, slug: slug, sourceLocale: material.sourceLocale)
            if !isSource, currentSource == nil {
                throw LoaError.refusedTransition("\(slug) has no \(material.sourceLocale) source text yet to translate from.")
            }
            content.translatedFrom = isSource ? nil : (content.translatedFrom ?? currentSource)

            var translation: TranslationRow
            let number: Int
            if let existing = try TranslationRow.fetch(db, slug: slug, locale: locale) {
                let head = try existing.head(db)
                guard let expectedHead else {
                    throw LoaError.preconditionRequired("saving \(slug)/\(locale) needs the revision you edited (If-Match: \(head?.hash ?? "")).")
                }
                guard expectedHead == head?.hash else {
                    throw LoaError.conflict("\(slug)/\(locale) was changed by someone else since revision \(expectedHead.prefix(12)).",
                                            current: head?.hash)
                }
                if head?.hash == hash, existing.sourceHash == content.translatedFrom || isSource {
                    return try state(db, existing)
                }
                translation = existing
                number = (try Int.fetchOne(db, sql: "SELECT MAX(number) FROM revision WHERE translation_id = ?",
                                           arguments: [existing.id]) ?? 0) + 1
            } else {
                if let expectedHead {
                    throw LoaError.conflict("\(slug)/\(locale) does not exist yet; revision \(expectedHead.prefix(12)) is unknown.", current: nil)
                }
                translation = TranslationRow(materialSlug: slug, locale: locale, status: .draft, sourceHash: nil, updatedAt: at)
                try translation.insert(db)
                number = 1
            }
            let before = try translation.head(db)?.hash
            let revision = try RevisionRow.create(db, translationID: translation.id!, number: number, hash: hash,
                                                  content: content, author: user.actor, at: at)
            translation.headRevisionID = revision.id
            translation.status = .draft
            if !isSource { translation.sourceHash = content.translatedFrom }
            translation.updatedAt = at
            try translation.update(db)
            try SearchIndex.update(db, translationID: translation.id!, content: content)
            try AuditEntry.record(db, at: at, actor: user.actor, action: "revision.create", slug: slug, locale: locale,
                                  revisionHash: hash, beforeHash: before, afterHash: hash)
            return try state(db, translation)
        }
    }

    /// Moves a translation through the workflow. Every refusal says why; every success is audited.
    @discardableResult
    public func transition(_ action: WorkflowAction, slug: String, locale: String, expectedHead: String? = nil,
                           by user: User, note: String = "") throws -> TranslationState {
        try writer.write { db in
            let material = try fetchMaterial(db, slug)
            guard var translation = try TranslationRow.fetch(db, slug: slug, locale: locale),
                  let head = try translation.head(db) else {
                throw LoaError.notFound("translation \(slug)/\(locale)")
            }
            if let expectedHead, expectedHead != head.hash {
                throw LoaError.conflict("\(slug)/\(locale) changed since revision \(expectedHead.prefix(12)).", current: head.hash)
            }
            let (from, to) = action.transition
            guard from.contains(translation.status) else {
                throw LoaError.refusedTransition("cannot \(action.rawValue) \(slug)/\(locale): it is \(translation.status.rawValue); "
                                                 + "\(action.rawValue) needs \(from.map(\.rawValue).sorted().joined(separator: " or ")).")
            }
            let at = timestamp
            switch action {
            case .submit:
                guard Permissions.canEdit(user, material: material, locale: locale) else {
                    throw LoaError.forbidden("\(user.name) may not submit \(slug) in \(locale).")
                }
            case .approve:
                guard Permissions.canReview(user, locale: locale) else {
                    throw LoaError.forbidden("only a reviewer of \(locale) approves \(locale) text; \(user.name) is not one.")
                }
                guard head.author != user.actor else {
                    throw LoaError.forbidden("\(user.name) wrote revision \(head.number) and cannot approve it: a second person must.")
                }
                try db.execute(sql: "INSERT OR IGNORE INTO approval (revision_id, reviewer, at) VALUES (?, ?, ?)",
                               arguments: [head.id, user.actor, at])
            case .reject:
                guard Permissions.canReview(user, locale: locale) else {
                    throw LoaError.forbidden("only a reviewer of \(locale) sends \(locale) text back.")
                }
            case .publish:
                guard Permissions.canReview(user, locale: locale) else {
                    throw LoaError.forbidden("only a reviewer of \(locale) publishes \(locale) text.")
                }
                let approved = try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM approval WHERE revision_id = ? AND reviewer != ?)",
                                                 arguments: [head.id, head.author]) ?? false
                guard approved else {
                    throw LoaError.refusedTransition("revision \(head.number) of \(slug)/\(locale) has no approval on record.")
                }
                translation.publishedRevisionID = head.id
                translation.publishedAt = at
            case .archive:
                guard Permissions.canArchive(user, locale: locale) else {
                    throw LoaError.forbidden("only an admin or a reviewer of \(locale) archives \(locale) text.")
                }
            case .confirm:
                guard Permissions.canConfirm(user, material: material, locale: locale) else {
                    throw LoaError.forbidden("\(user.name) may not confirm \(slug) in \(locale).")
                }
                let current = try TranslationRow.sourceHash(db, slug: slug, sourceLocale: material.sourceLocale)
                guard translation.sourceHash != current else {
                    throw LoaError.refusedTransition("\(slug)/\(locale) is not outdated; there is nothing to confirm.")
                }
                try AuditEntry.record(db, at: at, actor: user.actor, action: "translation.confirm", slug: slug, locale: locale,
                                      revisionHash: head.hash, beforeHash: translation.sourceHash, afterHash: current,
                                      detail: note.isEmpty ? "still accurate" : note)
                translation.sourceHash = current
            }
            if let to { translation.status = to }
            translation.updatedAt = at
            try translation.update(db)
            if action != .confirm {
                try AuditEntry.record(db, at: at, actor: user.actor, action: action.rawValue, slug: slug, locale: locale,
                                      revisionHash: head.hash, detail: note)
            }
            return try state(db, translation)
        }
    }

    /// Makes an old revision the newest draft again (a new revision with the old text).
    @discardableResult
    public func restore(slug: String, locale: String, revision number: Int, expectedHead: String?, by user: User) throws -> TranslationState {
        let old = try revision(slug: slug, locale: locale, number: number)
        return try saveDraft(slug: slug, locale: locale, content: old.content, expectedHead: expectedHead, by: user)
    }

    /// The current state of one translation.
    public func translationState(slug: String, locale: String) throws -> TranslationState {
        try writer.read { db in
            guard let translation = try TranslationRow.fetch(db, slug: slug, locale: locale) else {
                throw LoaError.notFound("translation \(slug)/\(locale)")
            }
            return try state(db, translation)
        }
    }

    func fetchMaterial(_ db: Database, _ slug: String) throws -> Material {
        guard let row = try MaterialRow.fetchOne(db, key: slug) else { throw LoaError.notFound("material '\(slug)'") }
        return row.material
    }

    private func validate(_ content: TranslationContent, slug: String, locale: String) throws {
        var issues: [InputIssue] = []
        for (field, value) in [("title", content.title), ("summary", content.summary), ("body", content.body)]
        where value.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            issues.append(InputIssue(file: "\(slug)/\(locale)", field: field, locale: locale,
                                     problem: "'\(field)' is empty.", fix: "write the \(field)."))
        }
        if content.title.contains("\n") {
            issues.append(InputIssue(file: "\(slug)/\(locale)", field: "title", locale: locale,
                                     problem: "the title spans several lines.", fix: "write the title on one line."))
        }
        let fields = [("title", content.title), ("summary", content.summary), ("body", content.body), ("sms", content.sms),
                      ("notes", content.notes)]
        for case let (field, value?) in fields {
            if let found = ControlCharacters.first(in: value) {
                issues.append(found.issue(file: "\(slug)/\(locale)", field: field, locale: locale))
            }
        }
        if !issues.isEmpty { throw LoaError.invalidInput(issues) }
    }

    func state(_ db: Database, _ translation: TranslationRow) throws -> TranslationState {
        guard let head = try translation.head(db) else { throw LoaError.notFound("revision of \(translation.materialSlug)/\(translation.locale)") }
        let material = try fetchMaterial(db, translation.materialSlug)
        let isSource = translation.locale == material.sourceLocale
        let current = isSource ? nil : try TranslationRow.sourceHash(db, slug: material.slug, sourceLocale: material.sourceLocale)
        return TranslationState(
            slug: translation.materialSlug, locale: translation.locale, status: translation.status,
            head: try info(db, head), published: try translation.published(db).map { try info(db, $0) },
            outdated: !isSource && translation.sourceHash != current, sourceHash: translation.sourceHash,
            content: head.content)
    }

    func info(_ db: Database, _ revision: RevisionRow) throws -> RevisionInfo {
        RevisionInfo(number: revision.number, hash: revision.hash, author: revision.author, createdAt: revision.createdAt,
                     approvedBy: try String.fetchAll(db, sql: "SELECT reviewer FROM approval WHERE revision_id = ? ORDER BY reviewer",
                                                     arguments: [revision.id]))
    }
}
