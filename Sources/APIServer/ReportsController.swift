import CampaignModel
import ContentStore
import Hummingbird

/// `/v1/completeness`, `/v1/search` and `/v1/audit`: views across all materials.
struct ReportsController {
    let database: AppDatabase
    let access: AccessPolicy

    func register(on router: Router<APIRequestContext>) {
        router.get("/v1/completeness", use: completeness)
        router.get("/v1/search", use: search)
        router.get("/v1/audit", use: audit)
    }

    /// Material × locale: what exists and in what state; `?locale=` narrows it to one locale.
    @Sendable func completeness(_ request: Request, context: APIRequestContext) async throws -> Response {
        _ = try access.member(context)
        let locale = request.query("locale")
        let database = database
        return try JSONCoding.response(try await Blocking.run { try database.completeness(locale: locale) })
    }

    /// Tone-insensitive full-text search over the newest text of every translation.
    @Sendable func search(_ request: Request, context: APIRequestContext) async throws -> Response {
        _ = try access.member(context)
        guard let text = request.query("q"), !text.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw LoaError.invalid(InputIssue(file: "query", field: "q", problem: "the search text is missing.",
                                              fix: "give q=words to search for, such as q=buon ban nguoi."))
        }
        let search = SearchQuery(text: text, locale: request.query("locale"),
                                 status: try request.query("status").map { try TranslationStatus.parse($0, file: "query", field: "status") },
                                 topic: request.query("topic"), limit: try request.query("limit", in: 1...200) ?? 20)
        let database = database
        return try JSONCoding.response(ItemList(try await Blocking.run { try database.search(search) }))
    }

    /// The audit log, newest first; admins only.
    @Sendable func audit(_ request: Request, context: APIRequestContext) async throws -> Response {
        _ = try access.admin(context)
        let slug = request.query("slug"), locale = request.query("locale")
        let limit = try request.query("limit", in: 1...1000) ?? 100
        let database = database
        let entries = try await Blocking.run { try database.auditLog(slug: slug, locale: locale, limit: limit) }
        return try JSONCoding.response(ItemList(entries.map(AuditRecord.init)))
    }
}

/// One audit entry as the API shows it (camelCase, like every other resource).
struct AuditRecord: Encodable, Sendable {
    var id: Int64?
    var at: String
    var actor: String
    var action: String
    var slug: String?
    var locale: String?
    var revisionHash: String?
    var beforeHash: String?
    var afterHash: String?
    var detail: String

    init(_ entry: AuditEntry) {
        id = entry.id
        at = entry.at
        actor = entry.actor
        action = entry.action
        slug = entry.materialSlug
        locale = entry.locale
        revisionHash = entry.revisionHash
        beforeHash = entry.beforeHash
        afterHash = entry.afterHash
        detail = entry.detail
    }
}
