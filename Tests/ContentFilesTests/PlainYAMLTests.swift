@testable import ContentFiles
import PropertyBased
import Testing
import Yams

@Suite struct PlainYAMLTests {
    /// Whatever the fast reader accepts, it reads exactly as Yams does: keys, text, styles and lines.
    @Test func readsWhatItAcceptsAsYamsDoes() async {
        let pieces = ["title", "sms", ": ", ":", " ", "  ", "\n", "\n\n", "a", "Đ", "ư", "#", " #", "-", "[", "]", "[a, b]", "[]",
                      ",", "\"", "'", "{", "}", "yes", "null", "~", "1", "…", "“", "&", "*", "!", "|", ">", "?", "\t", "  x",
                      "\u{301}", "\u{A0}"]
        let generator = Gen<String?>.element(of: pieces).array(of: 1...14).map { $0.compactMap { $0 }.joined() }
        await propertyCheck(count: 1000, input: generator) { text in
            guard let fast = PlainYAML.compose(text) else { return }
            let slow = try? Yams.compose(yaml: text, Resolver.basic)
            #expect(Self.describe(fast) == slow.map { Self.describe(root: $0) }, "\(text.debugDescription)")
        }
    }

    @Test func takesTheFastPathForTheContentFormat() throws {
        let text = "title: Cảnh giác, lương cao\nsummary: Hỏi kỹ trước khi đi.\nstatus: published\n\ntopics: [recruitment, border]\n"
        let fast = try #require(PlainYAML.compose(text))
        #expect(Self.describe(fast) == Self.describe(root: try #require(try Yams.compose(yaml: text, Resolver.basic))))
        #expect(fast.valueLines == ["title": 1, "summary": 2, "status": 3, "topics": 5])
        for other in ["title: \"quoted\"\n", "title: a\n  continued\n", "title: a\ntitle: b\n", "# comment\ntitle: a\n", "title:\n"] {
            #expect(PlainYAML.compose(other) == nil, "\(other.debugDescription)")
        }
    }

    static func describe(_ document: PlainYAML.Document) -> String {
        describe(node: .mapping(document.mapping)) + " lines \(document.valueLines.sorted { $0.key < $1.key }) from \(document.firstLine)"
    }

    static func describe(root: Node) -> String {
        var lines: [String: Int] = [:]
        for pair in root.mapping ?? [:] { if let key = pair.key.string { lines[key] = pair.value.mark?.line } }
        return describe(node: root) + " lines \(lines.sorted { $0.key < $1.key }) from \(root.mark?.line ?? 0)"
    }

    /// Everything `YAMLFields` reads from a node: structure, text and scalar style.
    static func describe(node: Node) -> String {
        switch node {
        case .scalar(let scalar): "\(scalar.string.debugDescription)/\(scalar.style)"
        case .sequence(let sequence): "[" + sequence.map { describe(node: $0) }.joined(separator: ", ") + "]"
        case .mapping(let mapping): "{" + mapping.map { "\(describe(node: $0.key)): \(describe(node: $0.value))" }.joined(separator: "; ") + "}"
        case .alias: "alias"
        }
    }
}
