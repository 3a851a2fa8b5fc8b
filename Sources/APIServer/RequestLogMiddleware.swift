import Foundation
import Hummingbird
import Logging

/// Gives each request an id and logs one line per request with its status and duration.
///
/// The id is Hummingbird's own (`hb.request.id`, already in every log line of the request), or the client's
/// `X-Request-Id` when it is sane, which is then added to the log metadata as `request.id`; the response
/// carries it in `X-Request-Id`. Touching the logger's metadata copies it, so that is done only for client ids.
struct RequestLogMiddleware: RouterMiddleware {
    typealias Context = APIRequestContext
    static let header = HeaderName("X-Request-Id")!

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        let clientID = request.headers[Self.header].flatMap(Self.acceptable)
        if let clientID { context.logger[metadataKey: "request.id"] = .string(clientID) }
        let start = ContinuousClock.now
        var response: Response
        do {
            response = try await next(request, context)
        } catch {
            response = try Problem(error).response(from: request, context: context)
        }
        response.headers[Self.header] = clientID ?? context.id
        Self.log(context.logger, method: request.method, path: request.uri.path, status: response.status, since: start)
        return response
    }

    /// The one line per request, at info: method, path, status and milliseconds since `start`.
    static func log(_ logger: Logger, method: HTTPRequest.Method, path: String, status: HTTPResponse.Status,
                    since start: ContinuousClock.Instant) {
        guard logger.logLevel <= .info else { return }
        let elapsed = ContinuousClock.now - start
        let milliseconds = Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
        logger.info("request", metadata: [
            "http.method": .string(method.rawValue),
            "http.path": .string(path),
            "http.status": .stringConvertible(status.code),
            "duration.ms": .string(String(format: "%.2f", milliseconds)),
        ])
    }

    /// Ids from clients are echoed only when short and plain, so they cannot forge log lines.
    static func acceptable(_ id: String) -> String? {
        (1...128).contains(id.utf8.count) && id.utf8.allSatisfy({ (0x21...0x7E).contains($0) }) ? id : nil
    }
}
