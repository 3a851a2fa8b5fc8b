import CampaignModel
import Hummingbird

/// A header name (`HTTPField.Name`; Hummingbird re-exports `HTTPFields` but not `HTTPField`).
typealias HeaderName = HTTPFields.Element.Name

/// Strong ETags (a quoted revision hash) and the `If-Match` / `If-None-Match` rules of the API.
enum ETag {
    static func quoted(_ hash: String) -> String { "\"\(hash)\"" }

    /// The entity tags listed in a conditional header; weak ones keep their `W/` and so never match.
    static func tags(_ request: Request, _ name: HeaderName) -> [String]? {
        tags(request.headers, name)
    }

    static func tags(_ headers: HTTPFields, _ name: HeaderName) -> [String]? {
        let values = headers[values: name]
        guard !values.isEmpty else { return nil }
        return values.flatMap { $0.split(separator: ",") }.map { $0.trimmingCharacters(in: .whitespaces) }.compactMap { tag in
            if tag == "*" { return "*" }
            if tag.hasPrefix("\""), tag.hasSuffix("\""), tag.count >= 2 { return String(tag.dropFirst().dropLast()) }
            return tag.isEmpty ? nil : "W/" + tag
        }
    }

    /// The version a write was based on, from `If-Match`; nil when the header is absent.
    ///
    /// `*` names no version, so it cannot protect against lost updates and is refused (428) like a missing header.
    /// With several tags, the current version is used when listed (the store re-checks it in its transaction).
    static func expected(_ request: Request, current: () throws -> String?) throws -> String? {
        guard let tags = tags(request, .ifMatch), !tags.isEmpty else { return nil }
        if tags.contains("*") {
            throw LoaError.preconditionRequired("If-Match: * does not say which version you edited; send the ETag you read.")
        }
        if tags.count == 1 { return tags[0] }
        if let current = try current(), tags.contains(current) { return current }
        return tags[0]
    }

    /// Requires `If-Match` on a write to an existing resource.
    static func required(_ request: Request, what: String, current: () throws -> String?) throws -> String {
        guard let expected = try expected(request, current: current) else {
            throw LoaError.preconditionRequired("\(what) needs If-Match with the ETag you read.")
        }
        return expected
    }

    /// True when `If-None-Match` lists `current` (or `*`): the client's copy is fresh, answer 304.
    static func notModified(_ request: Request, current: String) -> Bool {
        notModified(request.headers, current: current)
    }

    static func notModified(_ headers: HTTPFields, current: String) -> Bool {
        guard let tags = tags(headers, .ifNoneMatch) else { return false }
        return tags.contains("*") || tags.contains(current) || tags.contains("W/\"\(current)\"")
    }

    static func notModifiedResponse(_ current: String) -> Response {
        Response(status: .notModified, headers: [.eTag: quoted(current)])
    }
}
