import CampaignModel
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

@Suite("Fast paths agree with the reference implementations")
struct FastPathTests {
    static let alphabet: [Character] = Array(
        "aAđĐeÉẾệỆ ơưƯ\t\n\r\u{A0}\u{2003}\u{3000}\u{200B}ស្e\u{301}🇻🇳👍🏽-_.,!ßẞİıæØ1\u{AD}\u{2028}€“”…\u{85}")

    /// The NFC shortcut never says "already NFC" wrongly, whatever byte position a scalar lands on.
    @Test func nfcShortcutAgreesForEveryBMPScalarAtEveryAlignment() {
        for value in 0x80...0xFFFF {
            guard let scalar = Unicode.Scalar(UInt32(value)) else { continue }
            for padding in 0..<8 {
                let text = String(repeating: "a", count: padding) + "e\(scalar)ạ" + String(repeating: "b", count: 9)
                let expected = TextFolding.nfc(text) == text && Array(TextFolding.nfc(text).unicodeScalars) == Array(text.unicodeScalars)
                var copy = text
                let known = copy.withUTF8 { MarkdownInput.isKnownNFC($0) }
                if known { #expect(expected, "U+\(String(value, radix: 16)) padding \(padding)") }
            }
        }
    }

    @Test func slugMatchesTextFoldingForEveryLatinScalar() {
        for value in Array(0x20...0x24F) + Array(0x1E00...0x1EFF) {
            guard let scalar = Unicode.Scalar(UInt32(value)) else { continue }
            let text = "A\(scalar)b \(scalar)\(scalar)"
            #expect(FastSlug.slug(text) == TextFolding.slug(text), "U+\(String(value, radix: 16))")
        }
    }

    @Test func countsMatchReferenceOnRandomText() async {
        let alphabet = Self.alphabet
        let strings = Gen.int(in: 0...(alphabet.count - 1)).array(of: 0...60).map { String($0.map { alphabet[$0] }) }
        await propertyCheck(count: 500, input: strings) { text in
            #expect(MarkdownAnalysis.countCharacters(text) == text.count)
            let reference = text.unicodeScalars.split(whereSeparator: \.properties.isWhitespace).count
            #expect(MarkdownAnalysis.countWords(text) == reference)
            #expect(FastSlug.slug(text) == TextFolding.slug(text))
            let nfc = MarkdownInput.normalized(text)
            #expect(nfc == TextFolding.nfc(text))
            #expect(Array(nfc.unicodeScalars) == Array(TextFolding.nfc(text).unicodeScalars))
        }
    }
}
