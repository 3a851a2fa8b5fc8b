import CampaignModel
import Foundation
import Hummingbird
import MarkdownRendering

/// A JSON request body the API accepts: decoded strictly, then brought to NFC field by field.
protocol APIInput: Decodable, Sendable {
    /// The same value with every text in NFC (escapes such as `\u0301` are only resolved by decoding).
    var normalized: Self { get }
}

/// Reads request bodies: size limit, media type, strict UTF-8, JSON syntax with positions, unknown fields,
/// and NFC. Every failure says where the problem is.
struct BodyReader: Sendable {
    let maxSize: Int

    /// Decodes the body as `T`; `empty` is the value an empty body stands for (nil: a body is required).
    func decode<T: APIInput>(_ type: T.Type, from request: Request, empty: T? = nil) async throws -> T {
        let bytes = try await collect(request)
        if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) {
            if let empty { return empty }
            throw RequestError.malformed("The request body is empty; a JSON object is expected.", nil)
        }
        try checkMediaType(request)
        let text: String
        do {
            text = try MarkdownInput.decode(bytes)
        } catch {
            let offset = switch error { case .invalidUTF8(let offset): offset }
            let (line, column) = Self.position(of: offset, in: bytes)
            throw RequestError.malformed(
                "The request body is not valid UTF-8: the first invalid byte is at offset \(offset) (line \(line), column \(column)).",
                [InputIssue(file: "request body", line: line, problem: "invalid UTF-8 at byte offset \(offset), column \(column).",
                            fix: "send the body encoded as UTF-8.")])
        }
        do {
            return try JSONCoding.decoder.decode(T.self, from: Data(text.utf8)).normalized
        } catch let error as UnknownFieldsError {
            throw LoaError.invalidInput(error.fields.map { field in
                InputIssue(file: "request body", field: Self.path(error.path + [field]), problem: "'\(field)' is not a field of this resource.",
                           fix: "remove it; the fields are: \(error.allowed.joined(separator: ", ")).")
            })
        } catch let error as DecodingError {
            throw Self.translate(error, bytes: Array(text.utf8))
        }
    }

    /// The raw body, refused early when its declared or actual size is over the limit.
    func collect(_ request: Request) async throws -> [UInt8] {
        if let length = request.headers[.contentLength].flatMap(Int.init), length > maxSize {
            throw RequestError.tooLarge(limit: maxSize)
        }
        do {
            let buffer = try await request.body.collect(upTo: maxSize)
            return Array(buffer.readableBytesView)
        } catch let error as any HTTPResponseError where error.status == .contentTooLarge {
            throw RequestError.tooLarge(limit: maxSize)
        }
    }

    private func checkMediaType(_ request: Request) throws {
        guard let type = request.headers[.contentType]?.lowercased() else { return }
        let essence = type.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
        guard essence == "application/json" || (essence.hasPrefix("application/") && essence.hasSuffix("+json")) else {
            throw RequestError.malformed("The body must be JSON (Content-Type: application/json), not \(essence).",
                                         [InputIssue(file: "request body", field: "Content-Type", problem: "'\(essence)' is not JSON.",
                                                     fix: "send Content-Type: application/json.")])
        }
    }

    private static func translate(_ error: DecodingError, bytes: [UInt8]) -> any Error {
        func issue(_ path: [any CodingKey], _ problem: String, fix: String) -> LoaError {
            .invalidInput([InputIssue(file: "request body", field: path.isEmpty ? nil : Self.path(path.map(describe)), problem: problem, fix: fix)])
        }
        switch error {
        case .keyNotFound(let key, let context):
            return issue(context.codingPath + [key], "'\(key.stringValue)' is missing.", fix: "add the field '\(key.stringValue)'.")
        case .valueNotFound(let type, let context):
            return issue(context.codingPath, "null where \(typeName(type)) is expected.", fix: "give \(typeName(type)).")
        case .typeMismatch(let type, let context):
            return issue(context.codingPath, "the value is not \(typeName(type)).", fix: "give \(typeName(type)).")
        case .dataCorrupted(let context) where !context.codingPath.isEmpty:
            return issue(context.codingPath, context.debugDescription, fix: "correct the value.")
        case .dataCorrupted:
            guard let failure = JSONSyntax.firstError(in: bytes) else {
                return RequestError.malformed("The request body is not valid JSON.", nil)
            }
            return RequestError.malformed(
                "The request body is not valid JSON: \(failure.problem) at line \(failure.line), column \(failure.column) (byte offset \(failure.offset)).",
                [InputIssue(file: "request body", line: failure.line, problem: "\(failure.problem) at column \(failure.column).",
                            fix: "correct the JSON syntax there.")])
        @unknown default:
            return RequestError.malformed("The request body could not be decoded.", nil)
        }
    }

    private static func describe(_ key: any CodingKey) -> String {
        key.intValue.map { "[\($0)]" } ?? key.stringValue
    }

    static func path(_ parts: [String]) -> String {
        parts.reduce("") { path, part in part.hasPrefix("[") || path.isEmpty ? path + part : path + "." + part }
    }

    private static func typeName(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: "a string"
        case is Int.Type, is Double.Type: "a number"
        case is Bool.Type: "true or false"
        case is [String].Type, is [Any].Type: "an array"
        default: String(describing: type).hasPrefix("Array") ? "an array" : String(describing: type).hasPrefix("Dictionary") ? "an object" : "a value of type \(type)"
        }
    }

    /// 1-based line and column (in characters) of a byte offset.
    static func position(of offset: Int, in bytes: [UInt8]) -> (line: Int, column: Int) {
        var line = 1, column = 1
        for byte in bytes[..<min(offset, bytes.count)] {
            if byte == 0x0A { line += 1; column = 1 } else if byte & 0xC0 != 0x80 { column += 1 }
        }
        return (line, column)
    }
}

/// Fields a body carries that its type does not have. Refused rather than ignored, so a misspelt field
/// (`summmary`) is never silently lost.
struct UnknownFieldsError: Error {
    var path: [String]
    var fields: [String]
    var allowed: [String]

    /// Throws when the object being decoded has keys outside `allowed`.
    static func check(_ decoder: any Decoder, allowed: [String]) throws {
        let container = try decoder.container(keyedBy: AnyKey.self)
        let unknown = container.allKeys.map(\.stringValue).filter { !allowed.contains($0) }.sorted()
        if !unknown.isEmpty {
            throw UnknownFieldsError(path: decoder.codingPath.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue },
                                     fields: unknown, allowed: allowed)
        }
    }

    private struct AnyKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }
}
