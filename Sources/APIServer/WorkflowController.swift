import CampaignModel
import ContentStore
import Hummingbird

/// `POST …/translations/{locale}/{submit|approve|reject|publish|archive|confirm}`: the editorial workflow.
///
/// Every action needs `If-Match` with the head revision the caller looked at, so a reviewer never
/// approves or publishes text that changed after they read it.
struct WorkflowController {
    let database: AppDatabase
    let access: AccessPolicy
    let bodies: BodyReader
    let cache: PublishedCache

    func register(on router: Router<APIRequestContext>) {
        for action in WorkflowAction.allCases {
            router.post(RouterPath(TranslationsController.base + "/" + action.rawValue)) { request, context in
                try await self.perform(action, request, context)
            }
        }
    }

    func perform(_ action: WorkflowAction, _ request: Request, _ context: APIRequestContext) async throws -> Response {
        let slug = try context.path("slug"), locale = try context.path("locale")
        let database = database
        let material = try await Blocking.run { try database.material(slug) }
        let user = try access.workflow(action, context, material: material, locale: locale)
        let expected = try ETag.required(request, what: "\(action.rawValue) on \(slug)/\(locale)") {
            try database.translationState(slug: slug, locale: locale).head.hash
        }
        let note = try await bodies.decode(NoteInput.self, from: request, empty: .empty).note
        defer { cache.invalidate(TranslationKey(slug: slug, locale: locale)) }
        let state = try await Blocking.run {
            try database.transition(action, slug: slug, locale: locale, expectedHead: expected, by: user, note: note)
        }
        return try JSONCoding.response(state, etag: state.head.hash)
    }
}
