import CampaignModel
import Hummingbird
import Logging
import NIOConcurrencyHelpers
import NIOCore
import NIOHTTPTypes

/// Answers `GET /v1/materials/{slug}/translations/{locale}/published` from the published cache on the
/// connection's event loop, before the request reaches Hummingbird's router.
///
/// Readers in villages hammer this one route, and its cached answer is a ready byte buffer: the request
/// itself is cheap, but carrying it through the async channel, a task and the middleware chain cost about
/// ten times the work of the answer. Only the sure cases are answered here, with the same status, headers
/// and body the router would give (a test compares both over a real socket):
/// - a GET with no body, no query, an ASCII path without escapes and no `Connection: close`;
/// - an anonymous client when anonymous reading is on, or a bearer token the user cache already knows;
/// - a text in the published cache.
/// Everything else (a cache miss, an unknown token, an error to report, every other route) goes on to the
/// router unchanged, which also fills the caches this responder reads. While the router is still answering an
/// earlier request on the connection, later requests go to it too, so pipelined responses keep their order.
final class CachedPublishedResponder: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    /// The state shared by every connection: the caches the router fills, and what the log needs.
    struct Shared: Sendable {
        let published: PublishedCache
        let users: ExpiringCache<String, User>
        let access: AccessPolicy
        let logger: Logger
        /// Requests answered here since the server started; `/healthz` reports it, so an operator (and a
        /// test) can see that reads take this path.
        let answered: NIOLockedValueBox<Int>
    }

    private let shared: Shared
    /// Requests handed to the router whose response has not been written to the end yet.
    private var routerRequests = 0
    /// True from a head answered here until its `.end`, whose parts are dropped.
    private var swallowing = false

    init(shared: Shared) {
        self.shared = shared
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let request):
            if routerRequests == 0, let response = answer(request) {
                swallowing = true
                context.write(wrapOutboundOut(.head(response.head)), promise: nil)
                if let body = response.body { context.write(wrapOutboundOut(.body(body)), promise: nil) }
                context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
                shared.answered.withLockedValue { $0 += 1 }
            } else {
                routerRequests += 1
                context.fireChannelRead(data)
            }
        case .body, .end:
            if swallowing {
                if case .end = unwrapInboundIn(data) { swallowing = false }
            } else {
                context.fireChannelRead(data)
            }
        }
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        if case .end = unwrapOutboundIn(data), routerRequests > 0 { routerRequests -= 1 }
        context.write(data, promise: promise)
    }

    /// The response for a request this responder may answer, or nil to hand it to the router.
    private func answer(_ request: HTTPRequest) -> (head: HTTPResponse, body: ByteBuffer?)? {
        guard request.method == .get, let key = Self.publishedKey(request.path),
              request.headerFields[.contentLength] == nil, request.headerFields[.transferEncoding] == nil,
              !request.headerFields[values: .connection].contains(where: { $0.lowercased().contains("close") }),
              isReader(request.headerFields), let entry = shared.published.value(key)
        else { return nil }
        let logs = shared.logger.logLevel <= .info
        let start = logs ? ContinuousClock.now : nil
        let clientID = request.headerFields[RequestLogMiddleware.header].flatMap(RequestLogMiddleware.acceptable)
        let requestID = RequestID().description
        var head: HTTPResponse
        var body: ByteBuffer?
        if ETag.notModified(request.headerFields, current: entry.etag) {
            head = ETag.notModifiedResponse(entry.etag).head
        } else {
            head = HTTPResponse(status: .ok, headerFields: entry.headers)
            body = entry.body
        }
        head.headerFields[RequestLogMiddleware.header] = clientID ?? requestID
        head.headerFields[.date] = HTTPDate.now
        if logs, let start {
            var logger = shared.logger
            logger[metadataKey: "hb.request.id"] = .string(requestID)
            if let clientID { logger[metadataKey: "request.id"] = .string(clientID) }
            RequestLogMiddleware.log(logger, method: request.method, path: request.path ?? "", status: head.status, since: start)
        }
        return (head, body)
    }

    /// Whether the router would let this client read published texts, decided without the database.
    private func isReader(_ headers: HTTPFields) -> Bool {
        guard let authorization = headers[.authorization] else { return shared.access.anonymousRead }
        guard let token = AuthMiddleware.bearerToken(authorization) else { return false }
        return shared.users.value(token) != nil
    }

    /// The translation a plain `/v1/materials/{slug}/translations/{locale}/published` path names: printable
    /// ASCII without escapes or a query, so that the router would see the same two parameters.
    static func publishedKey(_ path: String?) -> TranslationKey? {
        guard var path else { return nil }
        return path.withUTF8 { bytes -> TranslationKey? in
            let prefix = "/v1/materials/".utf8, middle = "/translations/".utf8, suffix = "/published".utf8
            guard bytes.count > prefix.count + middle.count + suffix.count + 1,
                  bytes.starts(with: prefix), bytes.reversed().starts(with: suffix.reversed()),
                  bytes.allSatisfy({ $0 > 0x20 && $0 < 0x7F && $0 != UInt8(ascii: "%") && $0 != UInt8(ascii: "?") })
            else { return nil }
            let inner = bytes[(bytes.startIndex + prefix.count)..<(bytes.endIndex - suffix.count)]
            guard let slash = inner.firstIndex(of: UInt8(ascii: "/")), slash > inner.startIndex,
                  inner[slash...].starts(with: middle)
            else { return nil }
            let locale = inner[(slash + middle.count)...]
            guard !locale.isEmpty, !locale.contains(UInt8(ascii: "/")) else { return nil }
            return TranslationKey(slug: String(decoding: UnsafeBufferPointer(rebasing: inner[..<slash]), as: UTF8.self),
                                  locale: String(decoding: UnsafeBufferPointer(rebasing: locale), as: UTF8.self))
        }
    }
}
