import Foundation
import Mustache

/// A value handed to a template: what a `[String: Any]` Mustache context holds, but typed, so that a
/// page's *shape* (its keys, booleans and list lengths) can be told apart from its *leaves* (texts and
/// numbers).
enum TemplateValue: Sendable {
    /// Written HTML-escaped by `{{name}}`, as is by `{{{name}}}`.
    case text(String)
    case number(Int)
    /// Part of the shape: sections and `{{name}}` (which writes `true`/`false`) depend on it.
    case bool(Bool)
    /// Its length is part of the shape.
    case list([TemplateValue])
    /// Its keys, in this order, are part of the shape. Keys are unique.
    case object([(String, TemplateValue)])

    /// A leaf: what a shape leaves open.
    enum Leaf: Sendable {
        case text(String)
        case number(Int)
    }

    /// Appends the shape to `shape` and the leaves, in walk order, to `leaves`.
    func flatten(shape: inout [UInt8], leaves: inout [Leaf]) {
        switch self {
        case .text(let text):
            shape.append(0x73)  // s
            leaves.append(.text(text))
        case .number(let number):
            shape.append(0x73)
            leaves.append(.number(number))
        case .bool(let value):
            shape.append(value ? 0x74 : 0x66)  // t, f
        case .list(let items):
            shape.append(0x5B)  // [
            for item in items { item.flatten(shape: &shape, leaves: &leaves) }
            shape.append(0x5D)
        case .object(let fields):
            shape.append(0x7B)  // {
            for (key, value) in fields {
                shape.append(contentsOf: key.utf8)
                shape.append(0x3A)  // :
                value.flatten(shape: &shape, leaves: &leaves)
            }
            shape.append(0x7D)
        }
    }

    /// The Mustache context swift-mustache renders: dictionaries, arrays, strings, integers and booleans,
    /// with the leaf at each walk position given by `leaf` (the value itself, or a stand-in).
    func mustacheValue(next: inout Int, leaf: (Int, Leaf) -> Any) -> Any {
        switch self {
        case .text(let text):
            defer { next += 1 }
            return leaf(next, .text(text))
        case .number(let number):
            defer { next += 1 }
            return leaf(next, .number(number))
        case .bool(let value):
            return value
        case .list(let items):
            return items.map { $0.mustacheValue(next: &next, leaf: leaf) } as [Any]
        case .object(let fields):
            var dictionary: [String: Any] = [:]
            dictionary.reserveCapacity(fields.count)
            for (key, value) in fields { dictionary[key] = value.mustacheValue(next: &next, leaf: leaf) }
            return dictionary
        }
    }
}

/// Renders the theme's templates, memoized by page shape.
///
/// swift-mustache walks a context stack of `Any` with dynamic casts for every tag, and escapes HTML one
/// `Character` at a time through a dictionary: most of the time of a 10,000-page build went there. But a
/// page's output is a function of its shape alone, with each text or number leaf copied into it (escaped
/// or not) — as long as the templates use no transform (`{{uppercased(x)}}`), dynamic partial
/// (`{{>*x}}`), changed delimiters or indented partials/blocks (indentation is added after a value that
/// ends in a line break). So the first page of each shape is rendered by swift-mustache with numbered
/// stand-ins in place of its leaves (`U+E000 aB"& n U+E001`, short because swift-mustache escapes them a
/// `Character` at a time); the output is cut into literal bytes and slots, and every page of that shape
/// is then made by copying literals and its own leaves. A stand-in must come out exactly as written (a raw
/// slot) or exactly HTML-escaped (an escaped slot): one changed in any other way — upper- or lower-cased,
/// or its `"` quoted by `String(describing:)` of a list — makes the shape rendered by swift-mustache
/// itself, as is every shape of a theme that `isMemoizable` turns down.
///
/// Escaping here works on UTF-8 bytes: `&`, `<`, `>`, `"`, `'` always become entities. swift-mustache
/// leaves one of these unescaped when a combining mark follows it (they form one `Character`), which lets
/// a `"` end an attribute; on memoized pages that cannot happen. Otherwise the bytes are identical.
final class SiteTemplates: @unchecked Sendable {
    let library: MustacheLibrary
    /// False when some template uses a feature the memo cannot see through (see the type's comment).
    let memoizable: Bool
    private let lock = NSLock()
    private var cache: [ShapeKey: Entry] = [:]

    /// A shape as a dictionary key, hashed as one block of bytes (`[UInt8]` hashes byte by byte).
    private struct ShapeKey: Hashable {
        var bytes: [UInt8]

        func hash(into hasher: inout Hasher) {
            bytes.withUnsafeBytes { hasher.combine(bytes: $0) }
        }
    }

    private enum Entry {
        case compiled(CompiledTemplate)
        /// Rendered by swift-mustache.
        case direct
    }

    init(library: MustacheLibrary, sources: [String]) {
        self.library = library
        memoizable = sources.allSatisfy(Self.isMemoizable)
    }

    /// Renders template `name` with `context` as UTF-8 bytes.
    func render(_ name: String, _ context: TemplateValue) -> [UInt8] {
        var shape = Array(name.utf8)
        shape.append(0)
        var leaves: [TemplateValue.Leaf] = []
        context.flatten(shape: &shape, leaves: &leaves)
        if memoizable {
            let key = ShapeKey(bytes: shape)
            let entry = lock.withLock { cache[key] } ?? compile(name, context, shape: key, leafCount: leaves.count)
            if case .compiled(let template) = entry { return template.fill(leaves) }
        }
        return renderWithoutMemo(name, context)
    }

    /// What swift-mustache itself makes of `context` (the reference the memo must match).
    func renderWithoutMemo(_ name: String, _ context: TemplateValue) -> [UInt8] {
        renderDirectly(name, context) { _, leaf in
            switch leaf {
            case .text(let text): return text
            case .number(let number): return number
            }
        }
    }

    /// How many shapes were compiled, and how many are rendered by swift-mustache (for tests).
    var shapeCounts: (compiled: Int, direct: Int) {
        lock.withLock {
            let compiled = cache.values.filter { if case .compiled = $0 { true } else { false } }.count
            return (compiled, cache.count - compiled)
        }
    }

    private func renderDirectly(_ name: String, _ context: TemplateValue, leaf: (Int, TemplateValue.Leaf) -> Any) -> [UInt8] {
        var next = 0
        let object = context.mustacheValue(next: &next, leaf: leaf)
        return Array((library.render(object, withTemplate: name) ?? "").utf8)
    }

    private func compile(_ name: String, _ context: TemplateValue, shape: ShapeKey, leafCount: Int) -> Entry {
        let standIns = renderDirectly(name, context) { index, _ in "\u{E000}aB\"&\(index)\u{E001}" }
        let entry = CompiledTemplate(standIns, leafCount: leafCount).map(Entry.compiled) ?? .direct
        lock.withLock { cache[shape] = entry }
        return entry
    }

    /// Whether a template's source uses only what the memo can see through: no `U+E000`/`U+E001`, and no
    /// tag with a transform `(`, a dynamic name `*`, a delimiter change `=`, or a partial, parent or block
    /// tag with white space before it (indentation).
    static func isMemoizable(_ source: String) -> Bool {
        let bytes = Array(source.utf8)
        if bytes.count >= 3 {
            for index in 0..<(bytes.count - 2) where bytes[index] == 0xEE && bytes[index + 1] == 0x80
                && (bytes[index + 2] == 0x80 || bytes[index + 2] == 0x81) {
                return false
            }
        }
        var index = 0
        while index + 1 < bytes.count {
            guard bytes[index] == 0x7B, bytes[index + 1] == 0x7B else {
                index += 1
                continue
            }
            let before: UInt8 = index > 0 ? bytes[index - 1] : 0x0A
            var start = index + 2
            while start < bytes.count, bytes[start] == 0x7B { start += 1 }
            var end = start
            while end + 1 < bytes.count, !(bytes[end] == 0x7D && bytes[end + 1] == 0x7D) { end += 1 }
            let content = bytes[start..<min(end, bytes.count)].drop { $0 == 0x20 || $0 == 0x09 }
            switch content.first {
            case 0x21:  // ! comment
                break
            case 0x3D:  // = delimiters
                return false
            default:
                if content.contains(0x28) || content.contains(0x2A) { return false }  // ( *
                if let kind = content.first, kind == 0x3E || kind == 0x3C || kind == 0x24,  // > < $
                   before == 0x20 || before == 0x09 {
                    return false
                }
            }
            index = end + 2
        }
        return true
    }
}

/// A template output cut at its leaves: literal bytes, each followed by a slot or nothing.
struct CompiledTemplate: Sendable {
    private struct Piece {
        var literalEnd: Int
        /// -1: no slot.
        var slot: Int
        var escaped: Bool
    }

    private let literal: [UInt8]
    private let pieces: [Piece]

    private static let prefix = Array("aB".utf8), rawAmpersand = Array("\"&".utf8), escapedAmpersand = Array("&quot;&amp;".utf8)

    /// Cuts `rendered` (made with stand-ins `U+E000 aB"& n U+E001`); nil when it holds a stand-in that is
    /// neither as written nor HTML-escaped (`&quot;&amp;`), or one numbered `leafCount` or more.
    init?(_ rendered: [UInt8], leafCount: Int) {
        var literal: [UInt8] = []
        literal.reserveCapacity(rendered.count)
        var pieces: [Piece] = []
        var index = 0
        let count = rendered.count
        func matches(_ expected: [UInt8], at position: Int) -> Bool {
            position + expected.count <= count && rendered[position..<(position + expected.count)].elementsEqual(expected)
        }
        while index < count {
            let byte = rendered[index]
            guard byte == 0xEE, index + 2 < count, rendered[index + 1] == 0x80,
                  rendered[index + 2] == 0x80 || rendered[index + 2] == 0x81
            else {
                literal.append(byte)
                index += 1
                continue
            }
            guard rendered[index + 2] == 0x80, matches(Self.prefix, at: index + 3) else { return nil }
            index += 3 + Self.prefix.count
            let escaped: Bool
            if matches(Self.escapedAmpersand, at: index) {
                escaped = true
                index += Self.escapedAmpersand.count
            } else if matches(Self.rawAmpersand, at: index) {
                escaped = false
                index += Self.rawAmpersand.count
            } else {
                return nil
            }
            var number = 0
            var digits = 0
            while index < count, (0x30...0x39).contains(rendered[index]), digits < 9 {
                number = number * 10 + Int(rendered[index] - 0x30)
                digits += 1
                index += 1
            }
            guard digits > 0, number < leafCount else { return nil }
            guard index + 2 < count, rendered[index] == 0xEE, rendered[index + 1] == 0x80, rendered[index + 2] == 0x81
            else { return nil }
            index += 3
            pieces.append(Piece(literalEnd: literal.count, slot: number, escaped: escaped))
        }
        pieces.append(Piece(literalEnd: literal.count, slot: -1, escaped: false))
        self.literal = literal
        self.pieces = pieces
    }

    /// The page for `leaves` (in the walk order of the shape this was compiled for).
    func fill(_ leaves: [TemplateValue.Leaf]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(literal.count + 4096)
        literal.withUnsafeBufferPointer { literal in
            var start = 0
            for piece in pieces {
                out.append(contentsOf: UnsafeBufferPointer(rebasing: literal[start..<piece.literalEnd]))
                start = piece.literalEnd
                guard piece.slot >= 0 else { continue }
                switch leaves[piece.slot] {
                case .text(var text):
                    text.withUTF8 { bytes in
                        if piece.escaped { HTMLEscaping.append(bytes, to: &out) } else { out.append(contentsOf: bytes) }
                    }
                case .number(let number):
                    out.append(contentsOf: String(number).utf8)
                }
            }
        }
        return out
    }
}

enum HTMLEscaping {
    /// Appends `bytes` with `&`, `<`, `>`, `"` and `'` replaced by the entities swift-mustache uses.
    static func append(_ bytes: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
        var runStart = 0
        for index in 0..<bytes.count {
            let replacement: StaticString
            switch bytes[index] {
            case 0x26: replacement = "&amp;"
            case 0x3C: replacement = "&lt;"
            case 0x3E: replacement = "&gt;"
            case 0x22: replacement = "&quot;"
            case 0x27: replacement = "&#39;"
            default: continue
            }
            if runStart < index { out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index])) }
            out.append(contentsOf: UnsafeBufferPointer(start: replacement.utf8Start, count: replacement.utf8CodeUnitCount))
            runStart = index + 1
        }
        if runStart < bytes.count { out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart...])) }
    }

    static func escaped(_ text: String) -> String {
        var text = text
        var out: [UInt8] = []
        text.withUTF8 { append($0, to: &out) }
        return String(decoding: out, as: UTF8.self)
    }
}
