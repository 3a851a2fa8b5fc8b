import Hummingbird

/// Turns every error thrown below it into a problem+json response (see `Problem`), and logs server errors.
struct ProblemMiddleware: RouterMiddleware {
    typealias Context = APIRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch {
            let problem = Problem(error)
            if problem.isServerError {
                context.logger.error("request failed", metadata: ["error": "\(String(reflecting: error))"])
            }
            return try problem.response(from: request, context: context)
        }
    }
}
