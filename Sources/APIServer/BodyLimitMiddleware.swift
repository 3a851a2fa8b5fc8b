import Hummingbird

/// Refuses any request whose declared body is over the limit (413) before a byte of it is read.
/// Bodies without a length (chunked) are cut off at the limit by `BodyReader`.
struct BodyLimitMiddleware: RouterMiddleware {
    typealias Context = APIRequestContext
    let maxSize: Int

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        if let length = request.headers[.contentLength].flatMap(Int.init), length > maxSize {
            throw RequestError.tooLarge(limit: maxSize)
        }
        return try await next(request, context)
    }
}
