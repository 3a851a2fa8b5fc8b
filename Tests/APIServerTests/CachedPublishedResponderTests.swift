@testable import APIServer
import CampaignModel
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import NIOConcurrencyHelpers
import NIOCore
import NIOEmbedded
import NIOHTTPTypes
import Testing

/// The event-loop shortcut for cached published texts: what it answers itself, what it hands to the router,
/// and that its answers are the router's answers.
@Suite struct CachedPublishedResponderTests {
    typealias F = APIFixture
    static let path = "/v1/materials/fake-jobs/translations/hmn/published"
    static let entry = PublishedEntry(body: ByteBuffer(string: #"{"content":{"title":"Ib"}}"#), etag: "abc123")
    static let reader = User(name: "ly", role: .viewer, locales: [])

    /// A channel with the responder, a cached published text and a signed-in reader's token in the user cache.
    static func channel(anonymousRead: Bool = true, cached: Bool = true,
                        answered: NIOLockedValueBox<Int> = NIOLockedValueBox(0)) throws -> EmbeddedChannel {
        let published = PublishedCache(lifetime: .seconds(60))
        if cached { published.store(TranslationKey(slug: "fake-jobs", locale: "hmn"), entry) }
        let users = ExpiringCache<String, User>(lifetime: .seconds(60))
        users.store("known-token", reader)
        let shared = CachedPublishedResponder.Shared(published: published, users: users,
                                                     access: AccessPolicy(anonymousRead: anonymousRead), logger: Logger(label: "test"),
                                                     answered: answered)
        return EmbeddedChannel(handler: CachedPublishedResponder(shared: shared))
    }

    static func request(_ method: HTTPRequest.Method = .get, _ path: String = path, _ headers: HTTPFields = [:]) -> HTTPRequestPart {
        .head(HTTPRequest(method: method, scheme: "http", authority: "localhost", path: path, headerFields: headers))
    }

    /// Sends a whole request; returns the parts answered on the loop and the parts handed on to the router.
    static func send(_ channel: EmbeddedChannel, _ head: HTTPRequestPart) throws -> (answered: [HTTPResponsePart], handedOn: [HTTPRequestPart]) {
        try channel.writeInbound(head)
        try channel.writeInbound(HTTPRequestPart.end(nil))
        var answered: [HTTPResponsePart] = []
        while let part = try channel.readOutbound(as: HTTPResponsePart.self) { answered.append(part) }
        var handedOn: [HTTPRequestPart] = []
        while let part = try channel.readInbound(as: HTTPRequestPart.self) { handedOn.append(part) }
        return (answered, handedOn)
    }

    @Test func cachedTextsAreAnsweredOnTheLoop() throws {
        let count = NIOLockedValueBox(0)
        let channel = try Self.channel(answered: count)
        let (answered, handedOn) = try Self.send(channel, Self.request())
        #expect(handedOn.isEmpty, "the router never sees the request, nor its end")
        #expect(count.withLockedValue { $0 } == 1)
        guard answered.count == 3, case .head(let head) = answered[0], case .body(let body) = answered[1], case .end = answered[2] else {
            Issue.record("expected head, body, end: \(answered)"); return
        }
        #expect(head.status == .ok)
        #expect(body == Self.entry.body)
        #expect(head.headerFields[.eTag] == "\"abc123\"")
        #expect(head.headerFields[.contentType] == "application/json; charset=utf-8")
        #expect(head.headerFields[.contentLength] == String(Self.entry.body.readableBytes))
        #expect(head.headerFields[HeaderName("X-Request-Id")!]?.isEmpty == false)
        #expect(head.headerFields[.date]?.hasSuffix(" GMT") == true)

        let signedIn = try Self.send(channel, Self.request(.get, Self.path, [.authorization: "Bearer known-token"]))
        #expect(signedIn.handedOn.isEmpty && signedIn.answered.count == 3, "a token the cache knows is enough")

        let echoed = try Self.send(channel, Self.request(.get, Self.path, [HeaderName("X-Request-Id")!: "village-42"]))
        guard case .head(let echoedHead) = echoed.answered.first else { Issue.record("no answer"); return }
        #expect(echoedHead.headerFields[HeaderName("X-Request-Id")!] == "village-42")
        #expect(count.withLockedValue { $0 } == 3)
    }

    @Test func aMatchingIfNoneMatchIs304WithoutABody() throws {
        let (answered, handedOn) = try Self.send(try Self.channel(), Self.request(.get, Self.path, [.ifNoneMatch: "\"abc123\""]))
        #expect(handedOn.isEmpty)
        guard answered.count == 2, case .head(let head) = answered[0], case .end = answered[1] else {
            Issue.record("expected head and end: \(answered)"); return
        }
        #expect(head.status == .notModified)
        #expect(head.headerFields[.eTag] == "\"abc123\"")
    }

    /// Anything the shortcut cannot be sure of goes to the router, untouched and complete.
    @Test func everythingElseGoesToTheRouter() throws {
        let count = NIOLockedValueBox(0)
        let cases: [(String, EmbeddedChannel, HTTPRequestPart)] = [
            ("not cached", try Self.channel(cached: false, answered: count), Self.request()),
            ("anonymous when anonymous reading is off", try Self.channel(anonymousRead: false, answered: count), Self.request()),
            ("a token the cache does not know", try Self.channel(answered: count), Self.request(.get, Self.path, [.authorization: "Bearer other"])),
            ("another scheme", try Self.channel(answered: count), Self.request(.get, Self.path, [.authorization: "Basic a2V5"])),
            ("HEAD", try Self.channel(answered: count), Self.request(.head)),
            ("PUT", try Self.channel(answered: count), Self.request(.put)),
            ("a query", try Self.channel(answered: count), Self.request(.get, Self.path + "?x=1")),
            ("an escape", try Self.channel(answered: count), Self.request(.get, "/v1/materials/fake%2Djobs/translations/hmn/published")),
            ("a trailing slash", try Self.channel(answered: count), Self.request(.get, Self.path + "/")),
            ("another route", try Self.channel(answered: count), Self.request(.get, "/v1/materials/fake-jobs/translations/hmn")),
            ("Connection: close", try Self.channel(answered: count), Self.request(.get, Self.path, [.connection: "close"])),
            ("a body", try Self.channel(answered: count), Self.request(.get, Self.path, [.contentLength: "2"])),
        ]
        for (name, channel, head) in cases {
            let (answered, handedOn) = try Self.send(channel, head)
            #expect(answered.isEmpty, "\(name)")
            #expect(handedOn.count == 2, "\(name): the head and the end reach the router")
        }
        #expect(count.withLockedValue { $0 } == 0, "nothing handed on is counted as answered")
    }

    /// While the router answers an earlier request of the connection, later ones wait for it in order.
    @Test func pipelinedRequestsKeepTheirOrder() throws {
        let channel = try Self.channel()
        let first = try Self.send(channel, Self.request(.get, "/v1/locales"))
        #expect(first.handedOn.count == 2)
        let second = try Self.send(channel, Self.request())
        #expect(second.answered.isEmpty && second.handedOn.count == 2, "the router has not answered the first yet")
        // The router answers both; the shortcut sees their ends go out.
        for _ in 0..<2 {
            try channel.writeOutbound(HTTPResponsePart.head(HTTPResponse(status: .ok)))
            try channel.writeOutbound(HTTPResponsePart.end(nil))
        }
        while try channel.readOutbound(as: HTTPResponsePart.self) != nil {}
        let third = try Self.send(channel, Self.request())
        #expect(third.answered.count == 3 && third.handedOn.isEmpty, "with the router done, the shortcut answers again")
    }

    @Test func onlyPlainPublishedPathsNameATranslation() {
        #expect(CachedPublishedResponder.publishedKey(Self.path) == TranslationKey(slug: "fake-jobs", locale: "hmn"))
        #expect(CachedPublishedResponder.publishedKey("/v1/materials/a/translations/zh-Hant/published") == TranslationKey(slug: "a", locale: "zh-Hant"))
        for path in [nil, "", "/", "/v1/materials/published", "/v1/materials//translations/vi/published",
                     "/v1/materials/a/translations//published", "/v1/materials/a/b/translations/vi/published",
                     "/v1/materials/a/translations/vi/x/published", "/v1/materials/a/translations/vi/published/",
                     "/v2/materials/a/translations/vi/published", "/v1/materials/a/translation/vi/published",
                     "/v1/materials/a b/translations/vi/published", "/v1/materials/ả/translations/vi/published",
                     "/v1/materials/a/translations/vi/published?x", "/v1/materials/a%20/translations/vi/published"] as [String?] {
            #expect(CachedPublishedResponder.publishedKey(path) == nil, "\(path ?? "nil")")
        }
    }

    @Test func httpDatesAreIMFFixdates() {
        #expect(HTTPDate.format(0) == "Thu, 01 Jan 1970 00:00:00 GMT")
        #expect(HTTPDate.format(784_111_777) == "Sun, 06 Nov 1994 08:49:37 GMT")
        #expect(HTTPDate.format(1_800_000_000) == "Fri, 15 Jan 2027 08:00:00 GMT")
    }

    /// Over a real socket: the first read goes through the router and fills the cache, the next ones are
    /// answered by the shortcut (as `/healthz` counts them), and a client cannot tell them apart.
    @Test func itsAnswersAreTheRoutersAnswers() async throws {
        let (database, folder) = try ConcurrencyAndLiveTests.fileDatabase()
        defer { try? FileManager.default.removeItem(at: folder) }
        var fixture = try F(database: database, anonymousRead: true)
        fixture.cacheLifetime = .seconds(60)
        try await fixture.test(.live) { api in
            let hash = try await api.publishHmong(title: "Ceeb toom")
            let path = F.hmnPath + "/published"
            let routed = expect(.ok, try await api.send(.get, path))
            #expect(try await api.cachedReads() == 0, "the first read fills the cache through the router")
            for (index, user) in ([nil, "pao"] as [String?]).enumerated() {
                let shortcut = expect(.ok, try await api.send(.get, path, as: user))
                #expect(shortcut.body == routed.body)
                #expect(Set(shortcut.headers.map(\.name)) == Set(routed.headers.map(\.name)), "\(shortcut.headers) vs \(routed.headers)")
                for name: HeaderName in [.contentType, .contentLength, .eTag] {
                    #expect(shortcut.headers[name] == routed.headers[name])
                }
                #expect(shortcut.headers[.date]?.count == routed.headers[.date]?.count)
                #expect(shortcut.headers[HeaderName("X-Request-Id")!] != routed.headers[HeaderName("X-Request-Id")!])
                // A query sends the request to the router (which ignores it), for the router's own 304.
                let routedUnchanged = try await api.send(.get, path + "?via=router", as: user, headers: [.ifNoneMatch: "\"\(hash)\""])
                let unchanged = try await api.send(.get, path, as: user, headers: [.ifNoneMatch: "\"\(hash)\""])
                #expect(unchanged.status == .notModified && routedUnchanged.status == .notModified)
                #expect(unchanged.headers[.eTag] == "\"\(hash)\"")
                #expect(unchanged.body.readableBytes == 0)
                #expect(Set(unchanged.headers.map(\.name)) == Set(routedUnchanged.headers.map(\.name)),
                        "\(unchanged.headers) vs \(routedUnchanged.headers)")
                #expect(unchanged.headers[.contentLength] == routedUnchanged.headers[.contentLength])
                #expect(try await api.cachedReads() == 2 * (index + 1), "the 200 and the 304 without a query, not the one with")
            }
            // A new publication through this server shows at once, cache or not.
            let newer = try await api.publishHmong(title: "Ceeb toom tshiab", ifMatch: hash)
            let after = expect(.ok, try await api.send(.get, path))
            #expect(after.etag == newer)
        }
    }
}
