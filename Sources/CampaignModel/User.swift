import Foundation

/// What a person may do in Loa.
public enum UserRole: String, Sendable, Codable, Hashable, CaseIterable {
    /// Manages users and may do anything except approve their own work.
    case admin
    /// Writes materials in their source language.
    case editor
    /// Writes translations in the locales granted.
    case translator
    /// Approves and publishes in the locales granted.
    case reviewer
    /// Makes campaigns and plans.
    case planner
    /// Reads.
    case viewer
}

/// A person known to Loa. Tokens are never kept: only their hash is stored.
public struct User: Sendable, Codable, Hashable {
    public var name: String
    public var role: UserRole
    /// Locales a translator or reviewer works in; empty for other roles.
    public var locales: [String]

    public init(name: String, role: UserRole, locales: [String] = []) {
        self.name = name
        self.role = role
        self.locales = locales
    }

    /// The name written into revisions and the audit log.
    public var actor: String { name }
}

/// The permission rules of the editorial workflow, in one place, as pure functions.
///
/// Nothing reaches villages without a second pair of eyes: nobody approves a revision they wrote, only a
/// reviewer of that locale approves, and publishing needs an approval of that exact revision.
public enum Permissions {
    /// May `user` write text of `material` in `locale`?
    public static func canEdit(_ user: User, material: Material, locale: String) -> Bool {
        switch user.role {
        case .admin: true
        case .editor: locale == material.sourceLocale
        case .translator: locale != material.sourceLocale && user.locales.contains(locale)
        case .reviewer, .planner, .viewer: false
        }
    }

    /// May `user` approve, publish, send back or archive text in `locale`?
    public static func canReview(_ user: User, locale: String) -> Bool {
        user.role == .reviewer && user.locales.contains(locale)
    }

    /// May `user` archive (withdraw) text in `locale`?
    public static func canArchive(_ user: User, locale: String) -> Bool {
        user.role == .admin || canReview(user, locale: locale)
    }

    /// May `user` confirm that a translation is still accurate for a newer source text?
    public static func canConfirm(_ user: User, material: Material, locale: String) -> Bool {
        locale != material.sourceLocale && (canEdit(user, material: material, locale: locale) || canReview(user, locale: locale))
    }

    /// May `user` create or change materials' metadata?
    public static func canManageMaterials(_ user: User) -> Bool { user.role == .admin || user.role == .editor }

    /// May `user` make plans?
    public static func canPlan(_ user: User) -> Bool { user.role == .admin || user.role == .planner }
}

/// The workflow actions on a translation and the state each one needs.
public enum WorkflowAction: String, Sendable, Codable, CaseIterable {
    case submit
    case approve
    case reject
    case publish
    case archive
    case confirm

    /// The statuses an action may start from, and the status it leads to.
    public var transition: (from: Set<TranslationStatus>, to: TranslationStatus?) {
        switch self {
        case .submit: ([.draft], .inReview)
        case .approve: ([.inReview], .approved)
        case .reject: ([.inReview, .approved], .draft)
        case .publish: ([.approved], .published)
        case .archive: ([.draft, .inReview, .approved, .published], .archived)
        case .confirm: (Set(TranslationStatus.allCases), nil)
        }
    }
}
