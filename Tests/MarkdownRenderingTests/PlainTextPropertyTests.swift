import PropertyBased
import Testing
@testable import MarkdownRendering

@Suite("Plain text properties")
struct PlainTextPropertyTests {
    static let words = ["mua", "bán", "người", "Lào", "Cai", "đường", "dây", "111", "cảnh", "giác"]

    /// Builds a small Markdown document from numbers: each number picks a construct and a word.
    static func document(_ pieces: [Int]) -> String {
        var markdown = ""
        for piece in pieces {
            let word = words[(piece / 16) % words.count]
            switch piece % 16 {
            case 0: markdown += "*\(word)* "
            case 1: markdown += "**\(word)** "
            case 2: markdown += "_\(word)_ "
            case 3: markdown += "__\(word)__ "
            case 4: markdown += "[\(word)](https://x.vn/\(piece)) "
            case 5: markdown += "![\(word)](a\(piece).png) "
            case 6: markdown += "`\(word)` "
            case 7: markdown += "\n\n# \(word)\n\n"
            case 8: markdown += "\n\n- \(word)\n"
            case 9: markdown += "\n\n> \(word)\n\n"
            case 10: markdown += "***\(word)*** "
            case 11: markdown += "[**\(word)**](/p/\(piece) \"t\") "
            case 12: markdown += "\n"
            case 13: markdown += "\n\n1. \(word)\n"
            default: markdown += "\(word) "
            }
        }
        return markdown
    }

    @Test func generatedStructuresLeaveNoSyntax() async {
        let renderer = MarkdownRenderer()
        let textOnly = MarkdownRenderer(options: .init(plainTextLinks: .textOnly))
        await propertyCheck(count: 300, input: Gen.int(in: 0...10_000).array(of: 0...40)) { pieces in
            let markdown = Self.document(pieces)
            let text = renderer.plainText(markdown)
            for syntax in ["**", "__", "](", "![", "`", "> ", "# ", "***"] {
                #expect(!text.contains(syntax), "\(markdown.debugDescription) → \(text.debugDescription)")
            }
            #expect(!text.contains("*"))
            #expect(!text.contains("  "))
            let plain = textOnly.plainText(markdown)
            #expect(!plain.contains("(https://") && !plain.contains(".png"))
            #expect(!text.hasPrefix("\n") && !text.hasSuffix("\n"))
            #expect(!text.contains("\n\n\n"))
        }
    }

    @Test func randomMarkdownishStringsNeverCrash() async {
        let alphabet: [Character] = Array("*_[]()!#`<>-+=~\\&;:/.\"' \n\tabcđệ1")
        let renderer = MarkdownRenderer()
        let strings = Gen.int(in: 0...(alphabet.count - 1)).array(of: 0...80).map { String($0.map { alphabet[$0] }) }
        await propertyCheck(count: 500, input: strings) { markdown in
            let analysis = renderer.analyze(markdown)
            #expect(analysis.characterCount == analysis.plainText.count)
            #expect(SafetyScanner.problems(in: analysis.html).isEmpty)
            #expect(Set(analysis.outline.map(\.id)).count == analysis.outline.count)
            _ = renderer.blocks(markdown)
        }
    }
}
