/// Finds where a JSON text stops being valid JSON (RFC 8259), to tell a client the line and column.
///
/// Foundation's decoder on Linux says only "not valid JSON"; this scanner runs after it has failed and
/// names the first offending byte. It checks syntax only, never builds values.
struct JSONSyntax {
    /// Where and why the text is not JSON.
    struct Failure: Equatable {
        var offset: Int
        var line: Int
        var column: Int
        var problem: String
    }

    private let bytes: [UInt8]
    private var index = 0
    private static let maximumDepth = 512

    /// The first syntax error in `bytes`, or nil when they are one well-formed JSON value.
    static func firstError(in bytes: [UInt8]) -> Failure? {
        var scanner = JSONSyntax(bytes: bytes)
        do throws(Failure) {
            scanner.skipWhitespace()
            try scanner.value(depth: 0)
            scanner.skipWhitespace()
            if scanner.index < bytes.count { throw scanner.fail("unexpected text after the JSON value") }
            return nil
        } catch {
            return error
        }
    }

    private init(bytes: [UInt8]) { self.bytes = bytes }

    private func fail(_ problem: String) -> Failure {
        var line = 1, column = 1
        for byte in bytes[..<min(index, bytes.count)] {
            if byte == 0x0A { line += 1; column = 1 } else if byte & 0xC0 != 0x80 { column += 1 }
        }
        return Failure(offset: index, line: line, column: column, problem: problem)
    }

    private var current: UInt8? { index < bytes.count ? bytes[index] : nil }

    private mutating func skipWhitespace() {
        while let byte = current, byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D { index += 1 }
    }

    private mutating func value(depth: Int) throws(Failure) {
        guard depth < Self.maximumDepth else { throw fail("nesting deeper than \(Self.maximumDepth) levels") }
        guard let byte = current else { throw fail("unexpected end of the body; a value was expected") }
        switch byte {
        case UInt8(ascii: "{"): try object(depth: depth)
        case UInt8(ascii: "["): try array(depth: depth)
        case UInt8(ascii: "\""): try string()
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): try number()
        case UInt8(ascii: "t"): try literal("true")
        case UInt8(ascii: "f"): try literal("false")
        case UInt8(ascii: "n"): try literal("null")
        default: throw fail("unexpected character \(Self.show(byte)); a value was expected")
        }
    }

    private mutating func object(depth: Int) throws(Failure) {
        index += 1
        skipWhitespace()
        if current == UInt8(ascii: "}") { index += 1; return }
        while true {
            guard current == UInt8(ascii: "\"") else { throw fail("a field name in double quotes was expected") }
            try string()
            skipWhitespace()
            guard current == UInt8(ascii: ":") else { throw fail("':' was expected after the field name") }
            index += 1
            skipWhitespace()
            try value(depth: depth + 1)
            skipWhitespace()
            switch current {
            case UInt8(ascii: ","): index += 1; skipWhitespace()
            case UInt8(ascii: "}"): index += 1; return
            case nil: throw fail("unexpected end of the body; ',' or '}' was expected")
            default: throw fail("',' or '}' was expected")
            }
        }
    }

    private mutating func array(depth: Int) throws(Failure) {
        index += 1
        skipWhitespace()
        if current == UInt8(ascii: "]") { index += 1; return }
        while true {
            try value(depth: depth + 1)
            skipWhitespace()
            switch current {
            case UInt8(ascii: ","): index += 1; skipWhitespace()
            case UInt8(ascii: "]"): index += 1; return
            case nil: throw fail("unexpected end of the body; ',' or ']' was expected")
            default: throw fail("',' or ']' was expected")
            }
        }
    }

    private mutating func string() throws(Failure) {
        index += 1
        while let byte = current {
            switch byte {
            case UInt8(ascii: "\""):
                index += 1
                return
            case UInt8(ascii: "\\"):
                index += 1
                guard let escaped = current else { break }
                switch escaped {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"),
                     UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
                    index += 1
                case UInt8(ascii: "u"):
                    index += 1
                    let unit = try hex4()
                    if (0xD800...0xDBFF).contains(unit) {
                        guard current == UInt8(ascii: "\\"), index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "u") else {
                            throw fail("a high surrogate \\u escape must be followed by a low surrogate")
                        }
                        index += 2
                        guard (0xDC00...0xDFFF).contains(try hex4()) else { throw fail("a low surrogate \\u escape was expected") }
                    } else if (0xDC00...0xDFFF).contains(unit) {
                        throw fail("a low surrogate \\u escape without a high surrogate")
                    }
                default:
                    throw fail("invalid escape \\\(Self.show(escaped))")
                }
            case 0x00..<0x20:
                throw fail("control character \(Self.show(byte)) inside a string; escape it")
            default:
                index += 1
            }
        }
        throw fail("unexpected end of the body inside a string")
    }

    private mutating func hex4() throws(Failure) -> UInt32 {
        var value: UInt32 = 0
        for _ in 0..<4 {
            guard let byte = current, let digit = Self.hexValue(byte) else { throw fail("four hex digits were expected after \\u") }
            value = value * 16 + digit
            index += 1
        }
        return value
    }

    private mutating func number() throws(Failure) {
        if current == UInt8(ascii: "-") { index += 1 }
        guard let first = current, Self.isDigit(first) else { throw fail("a digit was expected") }
        index += 1
        if first != UInt8(ascii: "0") { while let byte = current, Self.isDigit(byte) { index += 1 } }
        if current == UInt8(ascii: ".") {
            index += 1
            guard let byte = current, Self.isDigit(byte) else { throw fail("a digit was expected after '.'") }
            while let byte = current, Self.isDigit(byte) { index += 1 }
        }
        if current == UInt8(ascii: "e") || current == UInt8(ascii: "E") {
            index += 1
            if current == UInt8(ascii: "+") || current == UInt8(ascii: "-") { index += 1 }
            guard let byte = current, Self.isDigit(byte) else { throw fail("a digit was expected in the exponent") }
            while let byte = current, Self.isDigit(byte) { index += 1 }
        }
    }

    private mutating func literal(_ word: String) throws(Failure) {
        let start = index
        for expected in word.utf8 {
            guard current == expected else {
                index = start
                throw fail("a value (a string, number, object, array, true, false or null) was expected")
            }
            index += 1
        }
    }

    private static func isDigit(_ byte: UInt8) -> Bool { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) }

    private static func hexValue(_ byte: UInt8) -> UInt32? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt32(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): UInt32(byte - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): UInt32(byte - UInt8(ascii: "A") + 10)
        default: nil
        }
    }

    private static func show(_ byte: UInt8) -> String {
        (0x21..<0x7F).contains(byte) ? "'\(Character(Unicode.Scalar(byte)))'" : "byte 0x\(String(byte, radix: 16, uppercase: true))"
    }
}

extension JSONSyntax.Failure: Error {}
