import Yams

/// A fast reader for the one shape of YAML that Loa writes: top-level `key: value` lines whose values are
/// plain scalars or `[a, b]` lists of plain words.
///
/// libyaml costs tens of microseconds per small file, most of an import's reading time for thousands of
/// front matters. This reader builds the same Yams nodes (strings, styles) as `Yams.compose` with
/// `Resolver.basic`, with the line of each value beside them (Yams' `Mark` cannot be made outside Yams),
/// and answers nil for anything outside that shape (comments, quotes, indentation,
/// empty values, repeated keys, text YAML would read differently), so the caller falls back to Yams and
/// every error message stays Yams' own. A value counts as plain when `YAMLWriter` would write it unquoted:
/// the writer and this reader share one definition of text that reads back unchanged.
enum PlainYAML {
    /// The mapping, the line of each key's value and the line of the first key (lines count from 1).
    struct Document {
        var mapping: Node.Mapping
        var valueLines: [String: Int]
        var firstLine: Int
    }

    /// `Constructor.default` makes three dictionaries of closures anew on every use; the constructor holds
    /// only constants, so one serves every file on every thread. (A `Tag` is changed as nodes resolve, so
    /// each document still gets its own.)
    private nonisolated(unsafe) static let constructor = Constructor.default

    static func compose(_ text: String) -> Document? {
        let tag = Tag(.implicit, .basic, constructor)
        var pairs: [(Node, Node)] = []
        var valueLines: [String: Int] = [:]
        var firstLine: Int?
        for (index, line) in text.lineSlices().enumerated() {
            if line.isEmpty { continue }
            guard let colon = line.utf8.firstIndex(of: UInt8(ascii: ":")), isKey(line[..<colon]) else { return nil }
            let rest = line[line.utf8.index(after: colon)...]
            let key = String(line[..<colon])
            guard rest.first == " ", valueLines[key] == nil else { return nil }
            let leading = rest.prefix { $0 == " " }
            var raw = rest.dropFirst(leading.count)
            while raw.last == " " { raw.removeLast() }
            guard let value = node(String(raw), tag: tag) else { return nil }
            pairs.append((.scalar(.init(key, tag, .plain)), value))
            valueLines[key] = index + 1
            firstLine = firstLine ?? index + 1
        }
        guard let firstLine else { return nil }
        return Document(mapping: .init(pairs, tag, .block), valueLines: valueLines, firstLine: firstLine)
    }

    /// ASCII letters, digits and underscores, starting with a letter: every key of the content format.
    private static func isKey(_ text: Substring) -> Bool {
        guard let first = text.utf8.first, isLetter(first) else { return false }
        return text.utf8.allSatisfy { isLetter($0) || $0 == UInt8(ascii: "_") || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }
    }

    private static func isLetter(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
    }

    /// A plain scalar, or a `[a, b]` list of plain items; nil for anything else.
    private static func node(_ value: String, tag: Tag) -> Node? {
        guard value.hasPrefix("["), value.hasSuffix("]") else {
            return YAMLWriter.needsQuotes(value, inFlow: false) ? nil : .scalar(.init(value, tag, .plain))
        }
        let inner = value.dropFirst().dropLast()
        var items: [Node] = []
        if !inner.allSatisfy({ $0 == " " }) {
            for part in inner.split(separator: ",", omittingEmptySubsequences: false) {
                var item = part.drop { $0 == " " }
                while item.last == " " { item.removeLast() }
                // libyaml refuses some ':' inside flow items; Yams gives the error message for those.
                guard !item.contains(":"), !YAMLWriter.needsQuotes(String(item), inFlow: true) else { return nil }
                items.append(.scalar(.init(String(item), tag, .plain)))
            }
        }
        return .sequence(.init(items, tag, .flow))
    }
}
