@testable import APIServer
import CampaignModel
import ContentStore
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// A store with two locales, one published Vietnamese material and one user per role, and the API on it.
struct APIFixture {
    static let vi = LocaleInfo(code: "vi", iso639_3: "vie", englishName: "Vietnamese", autonym: "Tiếng Việt", script: "Latn")
    static let hmn = LocaleInfo(code: "hmn", iso639_3: "hmn", englishName: "Hmong", autonym: "Hmoob", script: "Latn", fallbacks: ["vi"])
    static let tyz = LocaleInfo(code: "tyz", iso639_3: "tyz", englishName: "Tày", autonym: "Tày", script: "Latn", fallbacks: ["vi"])
    static let material = Material(slug: "fake-jobs", topics: ["recruitment"], audiences: ["women"], sourceLocale: "vi",
                                   channels: [.sms, .print])
    static let sourceBody = "Đoạn một.\n\n## Hai\n\n- Ba\n"

    let database: AppDatabase
    /// Bearer tokens by user name: admin, lan (editor), pao (translator hmn), mai and tuan (reviewers hmn),
    /// hoa (reviewer vi), vy (viewer), kim (translator tyz), minh (planner).
    let tokens: [String: String]
    var anonymousRead = false
    var maxBodySize = 1 << 20
    var cacheLifetime: Duration = .seconds(1)
    /// The campaign folder `POST /v1/plans` may name; the region tables are the project's own.
    var campaigns = repository.appendingPathComponent("Content/campaigns")

    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    init(database: AppDatabase? = nil, anonymousRead: Bool = false, maxBodySize: Int = 1 << 20,
         cacheLifetime: Duration = .seconds(1)) throws {
        let database = try database ?? AppDatabase.inMemory(now: { Date(timeIntervalSince1970: 1_800_000_000) })
        let source = TranslationFile(locale: "vi", status: .published,
                                     content: TranslationContent(title: "Việc làm giả", summary: "Cảnh giác", body: Self.sourceBody),
                                     path: "fake-jobs/vi.md")
        try database.importContent(ContentBundle(locales: [Self.hmn, Self.tyz, Self.vi],
                                                 materials: [MaterialFolder(material: Self.material, translations: [source])]),
                                   actor: "import")
        let users = [
            User(name: "admin", role: .admin), User(name: "lan", role: .editor),
            User(name: "pao", role: .translator, locales: ["hmn"]), User(name: "mai", role: .reviewer, locales: ["hmn"]),
            User(name: "tuan", role: .reviewer, locales: ["hmn"]), User(name: "hoa", role: .reviewer, locales: ["vi"]),
            User(name: "vy", role: .viewer), User(name: "kim", role: .translator, locales: ["tyz"]),
            User(name: "minh", role: .planner),
        ]
        var tokens: [String: String] = [:]
        for user in users { tokens[user.name] = try database.addUser(user, actor: "test") }
        self.database = database
        self.tokens = tokens
        self.anonymousRead = anonymousRead
        self.maxBodySize = maxBodySize
        self.cacheLifetime = cacheLifetime
    }

    var configuration: APIConfiguration {
        APIConfiguration(host: "127.0.0.1", port: 0, database: .store(database), maxBodySize: maxBodySize,
                         anonymousRead: anonymousRead, logLevel: .warning, campaignsDirectory: campaigns,
                         regionsDirectory: Self.repository.appendingPathComponent("Content/regions"),
                         publishedCacheLifetime: cacheLifetime, tokenCacheLifetime: cacheLifetime)
    }

    /// Runs `test` against the application through HummingbirdTesting's router framework.
    func test<Value: Sendable>(_ setup: TestingSetup = .router,
                               _ test: @Sendable (APIClient) async throws -> Value) async throws -> Value {
        let app = try await buildApplication(configuration: configuration)
        let tokens = tokens
        return try await app.test(setup) { client in try await test(APIClient(client: client, tokens: tokens)) }
    }

    static let hmnPath = "/v1/materials/fake-jobs/translations/hmn"
    static let viPath = "/v1/materials/fake-jobs/translations/vi"
}

/// A test client that signs requests as a named user and sends JSON.
struct APIClient: Sendable {
    let client: any TestClientProtocol
    let tokens: [String: String]

    @discardableResult
    func send(_ method: HTTPRequest.Method, _ uri: String, as user: String? = nil, json: String? = nil, bytes: [UInt8]? = nil,
              ifMatch: String? = nil, headers: HTTPFields = [:]) async throws -> TestResponse {
        var headers = headers
        if let user { headers[.authorization] = "Bearer \(tokens[user] ?? user)" }
        if let ifMatch { headers[.ifMatch] = "\"\(ifMatch)\"" }
        var body: ByteBuffer?
        if let json {
            body = ByteBuffer(string: json)
            if headers[.contentType] == nil { headers[.contentType] = "application/json" }
        }
        if let bytes { body = ByteBuffer(bytes: bytes) }
        return try await client.execute(uri: uri, method: method, headers: headers, body: body)
    }

    /// The reads the event-loop cache answered so far, as `/healthz` reports them.
    func cachedReads() async throws -> Int {
        let response = try await send(.get, "/healthz")
        return try #require(response.json["cachedReads"] as? Int)
    }

    /// Saves a draft and returns the new ETag.
    func saveDraft(_ path: String = APIFixture.hmnPath, as user: String = "pao", title: String, body: String = "Cov lus.\n",
                   ifMatch: String? = nil) async throws -> String {
        let response = try await send(.put, path, as: user, json: draftJSON(title: title, body: body), ifMatch: ifMatch)
        #expect(response.status == .ok || response.status == .created, "\(response.text)")
        return try #require(response.etag)
    }

    /// Draft, submit, approve by mai, publish by mai: returns the published hash.
    func publishHmong(title: String = "Ib", ifMatch: String? = nil) async throws -> String {
        let hash = try await saveDraft(title: title, ifMatch: ifMatch)
        try await expect(.ok, send(.post, APIFixture.hmnPath + "/submit", as: "pao", ifMatch: hash))
        try await expect(.ok, send(.post, APIFixture.hmnPath + "/approve", as: "mai", ifMatch: hash))
        try await expect(.ok, send(.post, APIFixture.hmnPath + "/publish", as: "mai", ifMatch: hash))
        return hash
    }
}

func draftJSON(title: String, summary: String = "Nug", body: String = "Cov lus.\n") -> String {
    let object = ["title": title, "summary": summary, "body": body]
    return String(decoding: try! JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]), as: UTF8.self)
}

@discardableResult
func expect(_ status: HTTPResponse.Status, _ response: TestResponse, sourceLocation: SourceLocation = #_sourceLocation) -> TestResponse {
    #expect(response.status == status, "\(response.status.code): \(response.text)", sourceLocation: sourceLocation)
    return response
}

extension TestResponse {
    var text: String { String(buffer: body) }

    var json: [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any] ?? [:]
    }

    var etag: String? {
        headers[.eTag].map { $0.trimmingCharacters(in: CharacterSet(charactersIn: "\"")) }
    }

    /// Checks the RFC 9457 shape and returns the problem's fields.
    @discardableResult
    func problem(_ status: HTTPResponse.Status, sourceLocation: SourceLocation = #_sourceLocation) -> [String: Any] {
        #expect(self.status == status, "\(self.status.code): \(text)", sourceLocation: sourceLocation)
        #expect(headers[.contentType] == "application/problem+json", sourceLocation: sourceLocation)
        let json = self.json
        #expect(json["status"] as? Int == Int(status.code), sourceLocation: sourceLocation)
        #expect((json["type"] as? String)?.isEmpty == false, sourceLocation: sourceLocation)
        #expect((json["title"] as? String)?.isEmpty == false, sourceLocation: sourceLocation)
        #expect((json["detail"] as? String)?.isEmpty == false, sourceLocation: sourceLocation)
        return json
    }

    var errors: [[String: Any]] { json["errors"] as? [[String: Any]] ?? [] }
}
