import Foundation
import Hummingbird

/// The API's JSON encoding: sorted keys and ISO 8601 dates, so equal values give equal bytes.
enum JSONCoding {
    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return encoder
    }()

    static let decoder: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }()

    /// The headers of a 200 with `length` bytes of JSON whose version is `etag`.
    static func headers(length: Int, etag: String) -> HTTPFields {
        [.contentType: "application/json; charset=utf-8", .contentLength: String(length), .eTag: ETag.quoted(etag)]
    }

    /// A JSON response; `etag` becomes a strong ETag header, `location` a Location header.
    static func response(_ value: some Encodable, status: HTTPResponse.Status = .ok, etag: String? = nil,
                         location: String? = nil, extraHeaders: HTTPFields = [:]) throws -> Response {
        let data = try encoder.encode(value)
        var headers: HTTPFields = [.contentType: "application/json; charset=utf-8", .contentLength: String(data.count)]
        if let etag { headers[.eTag] = ETag.quoted(etag) }
        if let location { headers[.location] = location }
        headers.append(contentsOf: extraHeaders)
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}
