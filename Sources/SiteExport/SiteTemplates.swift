import Foundation
import Mustache

/// A value handed to a template: what a `[String: Any]` Mustache context holds, but typed, so that pages
/// can be rendered without the dynamic casts swift-mustache makes on `Any`.
enum TemplateValue: Sendable {
    /// Written HTML-escaped by `{{name}}`, as is by `{{{name}}}`.
    case text(String)
    case number(Int)
    /// `{{name}}` writes `true`/`false`.
    case bool(Bool)
    case list([TemplateValue])
    /// Keys are unique.
    case object([(String, TemplateValue)])

    /// The Mustache context swift-mustache renders: dictionaries, arrays, strings, integers and booleans.
    var mustacheValue: Any {
        switch self {
        case .text(let text): return text
        case .number(let number): return number
        case .bool(let value): return value
        case .list(let items): return items.map(\.mustacheValue) as [Any]
        case .object(let fields):
            var dictionary: [String: Any] = [:]
            dictionary.reserveCapacity(fields.count)
            for (key, value) in fields { dictionary[key] = value.mustacheValue }
            return dictionary
        }
    }

    /// What swift-mustache finds under `key` in this value: a dictionary's entry; nothing in a string,
    /// number, boolean or list (it looks there by reflection, which finds no name that does not start
    /// with `_`, and such names make a theme rendered by swift-mustache itself).
    func child(_ key: String) -> TemplateValue? {
        guard case .object(let fields) = self else { return nil }
        for (name, value) in fields where name == key { return value }
        return nil
    }
}

/// Renders the theme's templates into bytes.
///
/// swift-mustache walks a context stack of `Any` with dynamic casts for every tag, builds its output by
/// `String` concatenation and escapes HTML one `Character` at a time: most of the time of a 10,000-page
/// build went there, above all into the index pages (1,000 entries each). So the templates swift-mustache
/// parsed are rendered here, straight over `TemplateValue`s, by the rules of swift-mustache's renderer
/// (`Template+Render.swift`) for what themes use: text, variables, sections, inverted sections, partials,
/// parents and blocks. The token trees are swift-mustache's own, read by reflection, so delimiters and
/// standalone lines are exactly as its parser made them and nothing is parsed twice.
///
/// A theme with anything else — a transform (`{{uppercased(x)}}`), a dynamic partial (`{{>*x}}`), a
/// content-type pragma, an indented partial or block, a name starting with `_`, or token trees this code
/// does not recognise (another swift-mustache version) — is rendered by swift-mustache itself, and so is a
/// page that writes a list or an object with `{{x}}` (swift-mustache writes those with
/// `String(describing:)`). Tests hold both renderers to the same bytes.
///
/// Escaping here works on UTF-8 bytes: `&`, `<`, `>`, `"`, `'` always become entities. swift-mustache
/// leaves one of these unescaped when a combining mark follows it (they form one `Character`), which lets
/// a `"` end an attribute; here that cannot happen. Otherwise the bytes are identical.
final class SiteTemplates: @unchecked Sendable {
    let library: MustacheLibrary
    /// Template name to its tree; nil when the theme is rendered by swift-mustache (see the type's comment).
    private let trees: [String: [Node]]?
    private let lock = NSLock()
    private var swiftMustachePages = 0

    /// A tag's name as swift-mustache resolves it: `.` is the top of the stack (`parts` empty), `.a.b`
    /// starts at the top of the stack only, `a.b` at the nearest value on the stack that has an `a`.
    private struct Name: Sendable {
        var parts: [String]
        var fromTop: Bool

        init?(_ text: String) {
            parts = text.split(separator: ".").map(String.init)
            fromTop = text.hasPrefix(".")
            if parts.isEmpty && !fromTop || parts.contains(where: { $0.hasPrefix("_") }) { return nil }
        }
    }

    private indirect enum Node: Sendable {
        case text([UInt8])
        case variable(Name, escaped: Bool)
        case section(Name, [Node])
        case invertedSection(Name, [Node])
        /// A partial or a parent (`{{<name}}`, whose blocks are the overrides).
        case partial(String, overrides: [String: [Node]]?)
        case block(String, default: [Node])
    }

    init(library: MustacheLibrary, names: [String]) {
        self.library = library
        var trees: [String: [Node]] = [:]
        for name in names {
            guard let template = library.getTemplate(named: name), let tree = Self.tree(template) else {
                self.trees = nil
                return
            }
            trees[name] = tree
        }
        self.trees = trees
    }

    /// Whether the theme's pages are rendered here (else by swift-mustache).
    var rendersItself: Bool { trees != nil }

    /// How many pages swift-mustache rendered because this renderer does not (for tests).
    var swiftMustachePageCount: Int { lock.withLock { swiftMustachePages } }

    /// Renders template `name` with `context` as UTF-8 bytes.
    func render(_ name: String, _ context: TemplateValue) -> [UInt8] {
        if let trees, let tree = trees[name] {
            var renderer = Renderer(trees: trees, stack: [context])
            if renderer.render(tree, inherited: nil) { return renderer.out }
        }
        lock.withLock { swiftMustachePages += 1 }
        return renderWithSwiftMustache(name, context)
    }

    /// What swift-mustache itself makes of `context` (the reference this renderer must match).
    func renderWithSwiftMustache(_ name: String, _ context: TemplateValue) -> [UInt8] {
        Array((library.render(context.mustacheValue, withTemplate: name) ?? "").utf8)
    }

    // MARK: - swift-mustache's token trees

    /// The tree of `template`, read from its `tokens`; nil when a token is one this renderer does not
    /// render as swift-mustache does.
    private static func tree(_ template: MustacheTemplate) -> [Node]? {
        guard let tokens = Mirror(reflecting: template).descendant("tokens") else { return nil }
        var nodes: [Node] = []
        for token in Mirror(reflecting: tokens).children {
            guard let node = node(token.value) else { return nil }
            nodes.append(node)
        }
        return nodes
    }

    private static func node(_ token: Any) -> Node? {
        let mirror = Mirror(reflecting: token)
        guard mirror.displayStyle == .enum, let (kind, payload) = mirror.children.first.map({ ($0.label, $0.value) })
        else { return nil }
        let fields = Mirror(reflecting: payload).children
        func field(_ label: String) -> Any? { fields.first { $0.label == label }?.value }
        /// The value of an optional field: nil for a missing field, `.some(nil)` for an empty optional.
        func optionalField(_ label: String) -> Any?? {
            guard let value = field(label) else { return nil }
            let optional = Mirror(reflecting: value)
            guard optional.displayStyle == .optional else { return nil }
            return .some(optional.children.first?.value)
        }
        /// A name without transforms.
        func name() -> Name? {
            guard let text = field("name") as? String, (field("transforms") as? [String])?.isEmpty == true else { return nil }
            return Name(text)
        }
        /// No indentation: swift-mustache indents every line of an indented partial or block.
        func unindented() -> Bool {
            guard let indentation = optionalField("indentation") else { return false }
            return indentation.map { ($0 as? String)?.isEmpty == true } ?? true
        }
        switch kind {
        case "text":
            return (payload as? String).map { .text(Array($0.utf8)) }
        case "variable", "unescapedVariable":
            return name().map { .variable($0, escaped: kind == "variable") }
        case "section", "invertedSection":
            guard let name = name(), let template = field("template") as? MustacheTemplate, let body = tree(template)
            else { return nil }
            return kind == "section" ? .section(name, body) : .invertedSection(name, body)
        case "blockExpansion":
            guard let name = field("name") as? String, unindented(),
                  let template = field("default") as? MustacheTemplate, let body = tree(template)
            else { return nil }
            return .block(name, default: body)
        case "partial":
            guard let name = field(".0") as? String, unindented(),
                  let inheritsField = optionalField("inherits")
            else { return nil }
            guard let inheritsValue = inheritsField else { return .partial(name, overrides: nil) }
            guard let inherits = inheritsValue as? [String: MustacheTemplate] else { return nil }
            var overrides: [String: [Node]] = [:]
            for (block, template) in inherits {
                guard let body = tree(template) else { return nil }
                overrides[block] = body
            }
            return .partial(name, overrides: overrides)
        default:
            // dynamicNamePartial, contentType, blockDefinition (only inside `inherits`), or unknown.
            return nil
        }
    }

    // MARK: - Rendering

    /// One page being rendered, following `MustacheTemplate.renderToken` case by case.
    private struct Renderer {
        let trees: [String: [Node]]
        var stack: [TemplateValue]
        var out: [UInt8] = []

        init(trees: [String: [Node]], stack: [TemplateValue]) {
            self.trees = trees
            self.stack = stack
            out.reserveCapacity(16_384)
        }

        /// False when the page writes what only swift-mustache writes (a list or an object as text).
        mutating func render(_ nodes: [Node], inherited: [String: [Node]]?) -> Bool {
            for node in nodes {
                switch node {
                case .text(let bytes):
                    out.append(contentsOf: bytes)
                case .variable(let name, let escaped):
                    switch lookup(name) {
                    case nil: break
                    case .text(var text)?:
                        text.withUTF8 { bytes in
                            if escaped { HTMLEscaping.append(bytes, to: &out) } else { out.append(contentsOf: bytes) }
                        }
                    case .number(let number)?: out.append(contentsOf: String(number).utf8)
                    case .bool(let value)?: out.append(contentsOf: (value ? "true" : "false").utf8)
                    case .list?, .object?: return false
                    }
                case .section(let name, let body):
                    switch lookup(name) {
                    case nil, .bool(false)?:
                        break
                    case .bool(true)?:
                        guard render(body, inherited: inherited) else { return false }
                    case .list(let items)?:
                        for item in items {
                            guard render(body, inherited: inherited, on: item) else { return false }
                        }
                    case let value?:
                        guard render(body, inherited: inherited, on: value) else { return false }
                    }
                case .invertedSection(let name, let body):
                    switch lookup(name) {
                    case nil, .bool(false)?:
                        guard render(body, inherited: inherited) else { return false }
                    case .list(let items)? where items.isEmpty:
                        guard render(body, inherited: inherited, on: .list(items)) else { return false }
                    default:
                        break
                    }
                case .partial(let name, let overrides):
                    guard let tree = trees[name] else { break }
                    // The outer template's blocks win over the partial's own (`MustacheContext.withPartial`).
                    let merged = overrides.map { own in inherited.map { $0.merging(own) { outer, _ in outer } } ?? own } ?? inherited
                    guard render(tree, inherited: merged) else { return false }
                case .block(let name, let defaultBody):
                    guard render(inherited?[name] ?? defaultBody, inherited: inherited) else { return false }
                }
            }
            return true
        }

        private mutating func render(_ nodes: [Node], inherited: [String: [Node]]?, on value: TemplateValue) -> Bool {
            stack.append(value)
            defer { stack.removeLast() }
            return render(nodes, inherited: inherited)
        }

        private func lookup(_ name: Name) -> TemplateValue? {
            var value: TemplateValue
            var next = 0
            if name.fromTop {
                value = stack[stack.count - 1]
            } else {
                var level = stack.count - 1
                while true {
                    guard level >= 0 else { return nil }
                    if let found = stack[level].child(name.parts[0]) {
                        value = found
                        break
                    }
                    level -= 1
                }
                next = 1
            }
            while next < name.parts.count {
                guard let child = value.child(name.parts[next]) else { return nil }
                value = child
                next += 1
            }
            return value
        }
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
