import CampaignModel
import Foundation
import Hummingbird

/// An RFC 9457 problem document, and the one place where errors become HTTP responses.
///
/// Domain errors (`LoaError`), request errors of the API itself (`RequestError`) and Hummingbird's own
/// errors (unknown route, body too large) are all mapped here; anything else is a 500 whose body says only
/// that the failure was logged under the request id, never a bare status.
struct Problem: Error, HTTPResponseError, Encodable {
    /// The kinds of problem, with their status and title. `type` is a relative URI documented in `docs/api.md`.
    enum Kind: String, CaseIterable {
        case malformedRequest = "malformed-request"
        case unauthorized
        case forbidden
        case notFound = "not-found"
        case refusedTransition = "refused-transition"
        case editConflict = "edit-conflict"
        case tooLarge = "too-large"
        case invalidInput = "invalid-input"
        case preconditionRequired = "precondition-required"
        case internalError = "internal-error"
        case other

        var status: HTTPResponse.Status {
            switch self {
            case .malformedRequest: .badRequest
            case .unauthorized: .unauthorized
            case .forbidden: .forbidden
            case .notFound: .notFound
            case .refusedTransition: .conflict
            case .editConflict: .preconditionFailed
            case .tooLarge: .contentTooLarge
            case .invalidInput: .unprocessableContent
            case .preconditionRequired: .preconditionRequired
            case .internalError, .other: .internalServerError
            }
        }

        var title: String {
            switch self {
            case .malformedRequest: "Malformed request"
            case .unauthorized: "Authentication required"
            case .forbidden: "Not allowed"
            case .notFound: "Not found"
            case .refusedTransition: "Transition refused"
            case .editConflict: "Edit conflict"
            case .tooLarge: "Request body too large"
            case .invalidInput: "Invalid input"
            case .preconditionRequired: "If-Match required"
            case .internalError: "Internal error"
            case .other: "Error"
            }
        }

        var type: String { self == .other ? "about:blank" : "/problems/\(rawValue)" }
    }

    var type: String
    var title: String
    var status: HTTPResponse.Status
    var detail: String
    /// Field errors of a 422 (and of a 400 when the position of a syntax error is known).
    var errors: [InputIssue]?
    /// The current ETag of the resource, on a 412.
    var currentETag: String?

    init(_ kind: Kind, detail: String, errors: [InputIssue]? = nil, currentETag: String? = nil) {
        self.type = kind.type
        self.title = kind.title
        self.status = kind.status
        self.detail = detail
        self.errors = errors
        self.currentETag = currentETag
    }

    /// The problem that reports `error`.
    init(_ error: any Error) {
        switch error {
        case let problem as Problem:
            self = problem
        case let error as LoaError:
            switch error {
            case .invalidInput(let issues):
                let count = issues.count == 1 ? "1 problem" : "\(issues.count) problems"
                self.init(.invalidInput, detail: "\(count) found; nothing was changed.", errors: issues)
            case .notFound(let what): self.init(.notFound, detail: "Not found: \(what)")
            case .unauthorized(let why): self.init(.unauthorized, detail: why)
            case .forbidden(let why): self.init(.forbidden, detail: why)
            case .conflict(let why, let current): self.init(.editConflict, detail: why, currentETag: current)
            case .preconditionRequired(let why): self.init(.preconditionRequired, detail: why)
            case .refusedTransition(let why): self.init(.refusedTransition, detail: why)
            }
        case let error as RequestError:
            switch error {
            case .malformed(let detail, let issues): self.init(.malformedRequest, detail: detail, errors: issues)
            case .tooLarge(let limit):
                self.init(.tooLarge, detail: "The request body is larger than the limit of \(limit) bytes.")
            }
        case let error as any HTTPResponseError:
            switch error.status {
            case .notFound: self.init(.notFound, detail: "No such resource or method.")
            case .contentTooLarge: self.init(.tooLarge, detail: "The request body is larger than the limit.")
            case .badRequest: self.init(.malformedRequest, detail: "The request could not be read.")
            default:
                self.init(.other, detail: error.status.reasonPhrase)
                self.status = error.status
                self.title = error.status.reasonPhrase
            }
        default:
            self.init(.internalError, detail: "The server failed to answer; the failure is logged under this request's id.")
        }
    }

    var isServerError: Bool { status.code >= 500 }

    private enum CodingKeys: String, CodingKey {
        case type, title, status, detail, errors
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(type, forKey: .type)
        try container.encode(title, forKey: .title)
        try container.encode(status.code, forKey: .status)
        try container.encode(detail, forKey: .detail)
        try container.encodeIfPresent(errors, forKey: .errors)
    }

    func response(from request: Request, context: some RequestContext) throws -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "application/problem+json"
        if status == .unauthorized {
            let presented = request.headers[.authorization] != nil
            headers[.wwwAuthenticate] = presented ? #"Bearer realm="loa", error="invalid_token""# : #"Bearer realm="loa""#
        }
        if let currentETag { headers[.eTag] = ETag.quoted(currentETag) }
        let body = (try? JSONCoding.encoder.encode(self)) ?? Data(#"{"title":"Error"}"#.utf8)
        headers[.contentLength] = String(body.count)
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: body)))
    }
}

/// Errors of the HTTP layer itself, before a request reaches the store.
enum RequestError: Error {
    /// The body or a parameter cannot be read at all (bad JSON syntax, bad UTF-8); the issues give the position.
    case malformed(String, [InputIssue]?)
    /// The body is larger than the configured limit.
    case tooLarge(limit: Int)
}
