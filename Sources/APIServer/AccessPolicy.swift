import CampaignModel

/// Who may call which route. Writes are checked again by the store, inside its transaction.
///
/// - open: `/healthz`, `/openapi.json`;
/// - reader: locales, materials and published texts; anonymous clients too when `anonymousRead` is on;
/// - member: any signed-in user (drafts, history, diffs, completeness, search);
/// - admin: the audit log;
/// - planner: making plans (planners and admins);
/// - writes: `Permissions` of the workflow (role and locale).
struct AccessPolicy: Sendable {
    let anonymousRead: Bool

    /// The reader of public content: the user, or nil for an anonymous client when that is allowed.
    func reader(_ context: APIRequestContext) throws -> User? {
        if let user = context.user { return user }
        if anonymousRead { return nil }
        throw LoaError.unauthorized("this resource needs a bearer token (Authorization: Bearer <token>).")
    }

    func member(_ context: APIRequestContext) throws -> User {
        guard let user = context.user else {
            throw LoaError.unauthorized("this resource needs a bearer token (Authorization: Bearer <token>).")
        }
        return user
    }

    func admin(_ context: APIRequestContext) throws -> User {
        let user = try member(context)
        guard user.role == .admin else { throw LoaError.forbidden("only an admin may read this; \(user.name) is \(user.role.rawValue).") }
        return user
    }

    func editor(_ context: APIRequestContext, material: Material, locale: String) throws -> User {
        let user = try member(context)
        guard Permissions.canEdit(user, material: material, locale: locale) else {
            throw LoaError.forbidden("\(user.name) (\(user.role.rawValue)\(Self.locales(user))) may not write \(material.slug) in \(locale).")
        }
        return user
    }

    func planner(_ context: APIRequestContext) throws -> User {
        let user = try member(context)
        guard Permissions.canPlan(user) else {
            throw LoaError.forbidden("\(user.name) (\(user.role.rawValue)) may not make plans; planners and admins may.")
        }
        return user
    }

    func materialManager(_ context: APIRequestContext) throws -> User {
        let user = try member(context)
        guard Permissions.canManageMaterials(user) else {
            throw LoaError.forbidden("\(user.name) (\(user.role.rawValue)) may not create or change materials; editors and admins may.")
        }
        return user
    }

    /// May `user` take `action` on `material` in `locale`? The same rules the store applies, checked before the body is read.
    func workflow(_ action: WorkflowAction, _ context: APIRequestContext, material: Material, locale: String) throws -> User {
        let user = try member(context)
        let allowed = switch action {
        case .submit: Permissions.canEdit(user, material: material, locale: locale)
        case .approve, .reject, .publish: Permissions.canReview(user, locale: locale)
        case .archive: Permissions.canArchive(user, locale: locale)
        case .confirm: Permissions.canConfirm(user, material: material, locale: locale)
        }
        guard allowed else {
            throw LoaError.forbidden("\(user.name) (\(user.role.rawValue)\(Self.locales(user))) may not \(action.rawValue) \(material.slug) in \(locale).")
        }
        return user
    }

    private static func locales(_ user: User) -> String {
        user.locales.isEmpty ? "" : " of " + user.locales.joined(separator: ", ")
    }
}
