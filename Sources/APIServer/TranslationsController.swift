import CampaignModel
import ContentStore
import Hummingbird
import MarkdownRendering

/// `/v1/materials/{slug}/translations/{locale}`: read, save drafts, published text, previews, revisions,
/// history, diffs and source changes of one translation.
struct TranslationsController {
    static let base = "/v1/materials/{slug}/translations/{locale}"
    let database: AppDatabase
    let access: AccessPolicy
    let bodies: BodyReader
    let cache: PublishedCache
    let renderer = MarkdownRenderer()

    func register(on router: Router<APIRequestContext>) {
        router.get(RouterPath(Self.base), use: show)
        router.put(RouterPath(Self.base), use: saveDraft)
        router.get(RouterPath(Self.base + "/published"), use: published)
        router.get(RouterPath(Self.base + "/preview"), use: previewRevision)
        router.post(RouterPath(Self.base + "/preview"), use: previewText)
        router.get(RouterPath(Self.base + "/history"), use: history)
        router.get(RouterPath(Self.base + "/revisions/{number}"), use: revision)
        router.post(RouterPath(Self.base + "/revisions/{number}/restore"), use: restore)
        router.get(RouterPath(Self.base + "/diff"), use: diff)
        router.get(RouterPath(Self.base + "/source-changes"), use: sourceChanges)
    }

    /// The current state (head revision, status, published revision); `?revision=N` gives revision N instead.
    @Sendable func show(_ request: Request, context: APIRequestContext) async throws -> Response {
        _ = try access.member(context)
        let (slug, locale) = try key(context)
        let database = database
        if let number = try request.query("revision", in: 1...Int.max) {
            let record = try await Blocking.run { try database.revision(slug: slug, locale: locale, number: number) }
            return try JSONCoding.response(record, etag: record.info.hash)
        }
        let state = try await Blocking.run { try database.translationState(slug: slug, locale: locale) }
        if ETag.notModified(request, current: state.head.hash) { return ETag.notModifiedResponse(state.head.hash) }
        return try JSONCoding.response(state, etag: state.head.hash)
    }

    /// Saves a new draft revision. A new translation needs no `If-Match`; an existing one needs the ETag read.
    @Sendable func saveDraft(_ request: Request, context: APIRequestContext) async throws -> Response {
        let (slug, locale) = try key(context)
        let database = database
        let material = try await Blocking.run { try database.material(slug) }
        let user = try access.editor(context, material: material, locale: locale)
        let expected = try ETag.expected(request) { try database.translationState(slug: slug, locale: locale).head.hash }
        let input = try await bodies.decode(DraftInput.self, from: request)
        defer { cache.invalidate(TranslationKey(slug: slug, locale: locale)) }
        let state = try await Blocking.run {
            try database.saveDraft(slug: slug, locale: locale, content: input.content, expectedHead: expected, by: user)
        }
        let created = expected == nil && state.head.number == 1
        return try JSONCoding.response(state, status: created ? .created : .ok, etag: state.head.hash,
                                       location: created ? "/v1/materials/\(slug)/translations/\(locale)" : nil)
    }

    /// The text readers get; open to anonymous clients when the server allows it.
    @Sendable func published(_ request: Request, context: APIRequestContext) async throws -> Response {
        _ = try access.reader(context)
        let (slug, locale) = try key(context)
        let key = TranslationKey(slug: slug, locale: locale)
        if let entry = cache.value(key) {
            if ETag.notModified(request, current: entry.etag) { return ETag.notModifiedResponse(entry.etag) }
            return entry.response
        }
        let database = database
        let text = try await Blocking.run { try database.publishedTranslation(slug: slug, locale: locale) }
        let entry = PublishedEntry(body: ByteBuffer(bytes: try JSONCoding.encoder.encode(text)), etag: text.revisionHash)
        cache.store(key, entry)
        if ETag.notModified(request, current: entry.etag) { return ETag.notModifiedResponse(entry.etag) }
        return entry.response
    }

    /// The head revision (or `?revision=N`) rendered to HTML, as readers will see it.
    @Sendable func previewRevision(_ request: Request, context: APIRequestContext) async throws -> Response {
        _ = try access.member(context)
        let (slug, locale) = try key(context)
        let number = try request.query("revision", in: 1...Int.max)
        let database = database
        let (info, content): (RevisionInfo, TranslationContent) = try await Blocking.run {
            if let number {
                let record = try database.revision(slug: slug, locale: locale, number: number)
                return (record.info, record.content)
            }
            let state = try database.translationState(slug: slug, locale: locale)
            return (state.head, state.content)
        }
        let preview = Preview(slug: slug, locale: locale, revision: info.number, hash: info.hash, title: content.title,
                              summary: content.summary, html: renderer.html(content.body))
        return try JSONCoding.response(preview, etag: info.hash)
    }

    /// Unsaved Markdown rendered to HTML, for an editor's live preview. Only for those who may write here.
    @Sendable func previewText(_ request: Request, context: APIRequestContext) async throws -> Response {
        let (slug, locale) = try key(context)
        let database = database
        let material = try await Blocking.run { try database.material(slug) }
        _ = try access.editor(context, material: material, locale: locale)
        let input = try await bodies.decode(PreviewInput.self, from: request)
        return try JSONCoding.response(Preview(slug: slug, locale: locale, html: renderer.html(input.body)))
    }

    @Sendable func history(_ request: Request, context: APIRequestContext) async throws -> Response {
        _ = try access.member(context)
        let (slug, locale) = try key(context)
        let database = database
        return try JSONCoding.response(ItemList(try await Blocking.run { try database.history(slug: slug, locale: locale) }))
    }

    @Sendable func revision(_ request: Request, context: APIRequestContext) async throws -> Response {
        _ = try access.member(context)
        let (slug, locale) = try key(context)
        let number = try revisionNumber(context)
        let database = database
        let record = try await Blocking.run { try database.revision(slug: slug, locale: locale, number: number) }
        return try JSONCoding.response(record, etag: record.info.hash)
    }

    /// Makes revision N's text the newest draft again (a new revision); needs `If-Match` with the current head.
    @Sendable func restore(_ request: Request, context: APIRequestContext) async throws -> Response {
        let (slug, locale) = try key(context)
        let number = try revisionNumber(context)
        let database = database
        let material = try await Blocking.run { try database.material(slug) }
        let user = try access.editor(context, material: material, locale: locale)
        let expected = try ETag.required(request, what: "restoring a revision of \(slug)/\(locale)") {
            try database.translationState(slug: slug, locale: locale).head.hash
        }
        defer { cache.invalidate(TranslationKey(slug: slug, locale: locale)) }
        let state = try await Blocking.run {
            try database.restore(slug: slug, locale: locale, revision: number, expectedHead: expected, by: user)
        }
        return try JSONCoding.response(state, etag: state.head.hash)
    }

    /// What changed between two revisions (`from`, `to`; default: the head against the one before it).
    @Sendable func diff(_ request: Request, context: APIRequestContext) async throws -> Response {
        _ = try access.member(context)
        let (slug, locale) = try key(context)
        let granularity = request.query("granularity") ?? "lines"
        guard granularity == "lines" || granularity == "blocks" else {
            throw LoaError.invalid(InputIssue(file: "query", field: "granularity", problem: "'\(granularity)' is not a granularity.",
                                              fix: "use granularity=lines or granularity=blocks."))
        }
        let from = try request.query("from", in: 1...Int.max)
        let to = try request.query("to", in: 1...Int.max)
        let database = database
        let history = try await Blocking.run { try database.history(slug: slug, locale: locale) }
        let head = history.last?.info.number ?? 1
        let toNumber = to ?? head
        let fromNumber = from ?? max(1, toNumber - 1)
        func find(_ number: Int) throws -> RevisionRecord {
            guard let record = history.first(where: { $0.info.number == number }) else {
                throw LoaError.notFound("revision \(number) of \(slug)/\(locale)")
            }
            return record
        }
        let old = try find(fromNumber), new = try find(toNumber)
        let changes = granularity == "blocks" ? renderer.blockDiff(old.content.body, new.content.body)
            : TextDiff.lines(old.content.body, new.content.body)
        return try JSONCoding.response(RevisionDiff(
            slug: slug, locale: locale, from: fromNumber, to: toNumber, fromHash: old.info.hash, toHash: new.info.hash,
            granularity: granularity, titleChanged: old.content.title != new.content.title,
            summaryChanged: old.content.summary != new.content.summary, changes: changes))
    }

    @Sendable func sourceChanges(_ request: Request, context: APIRequestContext) async throws -> Response {
        _ = try access.member(context)
        let (slug, locale) = try key(context)
        let database = database
        return try JSONCoding.response(try await Blocking.run { try database.sourceChanges(slug: slug, locale: locale) })
    }

    private func key(_ context: APIRequestContext) throws -> (String, String) {
        (try context.path("slug"), try context.path("locale"))
    }

    private func revisionNumber(_ context: APIRequestContext) throws -> Int {
        let text = try context.path("number")
        guard let number = Int(text), number >= 1 else {
            throw LoaError.invalid(InputIssue(file: "path", field: "number", problem: "'\(text)' is not a revision number.",
                                              fix: "use a whole number from 1, as the history lists them."))
        }
        return number
    }
}

/// Rendered HTML of a revision, or of unsaved Markdown (then without revision, hash, title and summary).
struct Preview: Encodable, Sendable {
    var slug: String
    var locale: String
    var revision: Int?
    var hash: String?
    var title: String?
    var summary: String?
    var html: String
}

/// The difference between two revisions' bodies, line by line or Markdown block by block.
struct RevisionDiff: Encodable, Sendable {
    var slug: String
    var locale: String
    var from: Int
    var to: Int
    var fromHash: String
    var toHash: String
    var granularity: String
    var titleChanged: Bool
    var summaryChanged: Bool
    var changes: [DiffLine]
}
