import CampaignModel
import ContentStore
import Foundation
import Hummingbird

/// `/v1/materials`: list (filters, cursor pages), create, read and update a material's metadata.
struct MaterialsController {
    let database: AppDatabase
    let access: AccessPolicy
    let bodies: BodyReader

    func register(on router: Router<APIRequestContext>) {
        router.get("/v1/materials", use: list)
        router.post("/v1/materials", use: create)
        router.get("/v1/materials/{slug}", use: show)
        router.put("/v1/materials/{slug}", use: update)
    }

    @Sendable func list(_ request: Request, context: APIRequestContext) async throws -> Response {
        _ = try access.reader(context)
        var query = MaterialQuery(topic: request.query("topic"), audience: request.query("audience"),
                                  sourceLocale: request.query("sourceLocale"),
                                  limit: try request.query("limit", in: 1...200) ?? 50)
        if let channel = request.query("channel") {
            guard let value = Channel(rawValue: channel) else {
                throw LoaError.invalid(InputIssue(file: "query", field: "channel", problem: "'\(channel)' is not a channel.",
                                                  fix: "use one of: \(Channel.allCases.map(\.rawValue).joined(separator: ", "))."))
            }
            query.channel = value
        }
        if let cursor = request.query("cursor") { query.after = try Cursor.decode(cursor) }
        let database = database, filters = query
        let page = try await Blocking.run { try database.materialPage(filters) }
        let next = page.nextAfter.map(Cursor.encode)
        var headers = HTTPFields()
        if let next {
            var components = URLComponents()
            components.path = "/v1/materials"
            components.queryItems = (URLComponents(string: request.uri.description)?.queryItems ?? []).filter { $0.name != "cursor" }
                + [URLQueryItem(name: "cursor", value: next)]
            headers[HeaderName("Link")!] = "<\(components.string ?? "/v1/materials")>; rel=\"next\""
        }
        return try JSONCoding.response(ItemList(page.items.map(MaterialResource.init), nextCursor: next), extraHeaders: headers)
    }

    @Sendable func create(_ request: Request, context: APIRequestContext) async throws -> Response {
        let user = try access.materialManager(context)
        let material = try await bodies.decode(MaterialInput.self, from: request).material(slug: nil)
        let database = database
        let record = try await Blocking.run { try database.createMaterial(material, by: user) }
        return try JSONCoding.response(MaterialResource(record), status: .created, etag: record.version,
                                       location: "/v1/materials/\(record.material.slug)")
    }

    @Sendable func show(_ request: Request, context: APIRequestContext) async throws -> Response {
        _ = try access.reader(context)
        let slug = try context.path("slug")
        let database = database
        let record = try await Blocking.run { try database.materialRecord(slug) }
        if ETag.notModified(request, current: record.version) { return ETag.notModifiedResponse(record.version) }
        return try JSONCoding.response(MaterialResource(record), etag: record.version)
    }

    @Sendable func update(_ request: Request, context: APIRequestContext) async throws -> Response {
        let user = try access.materialManager(context)
        let slug = try context.path("slug")
        let database = database
        let expected = try ETag.required(request, what: "changing material \(slug)") {
            try database.materialRecord(slug).version
        }
        let material = try await bodies.decode(MaterialInput.self, from: request).material(slug: slug)
        let record = try await Blocking.run { try database.updateMaterial(material, expectedVersion: expected, by: user) }
        return try JSONCoding.response(MaterialResource(record), etag: record.version)
    }
}

/// A material as the API shows it: its metadata, times and version (the ETag's value).
struct MaterialResource: Encodable, Sendable {
    var slug: String
    var topics: [String]
    var audiences: [String]
    var sourceLocale: String
    var channels: [Channel]
    var createdAt: String
    var updatedAt: String
    var version: String

    init(_ record: MaterialRecord) {
        slug = record.material.slug
        topics = record.material.topics
        audiences = record.material.audiences
        sourceLocale = record.material.sourceLocale
        channels = record.material.channels
        createdAt = record.createdAt
        updatedAt = record.updatedAt
        version = record.version
    }
}

/// Opaque page cursors: the last slug of a page, base64url-encoded so clients do not build them.
enum Cursor {
    static func encode(_ slug: String) -> String {
        Data(slug.utf8).base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    static func decode(_ cursor: String) throws -> String {
        var base64 = cursor.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
        guard let data = Data(base64Encoded: base64), let slug = String(data: data, encoding: .utf8), Material.slugProblem(slug) == nil else {
            throw LoaError.invalid(InputIssue(file: "query", field: "cursor", problem: "'\(cursor)' is not a cursor this API gave out.",
                                              fix: "use the nextCursor of the previous page, or leave cursor out to start."))
        }
        return slug
    }
}
