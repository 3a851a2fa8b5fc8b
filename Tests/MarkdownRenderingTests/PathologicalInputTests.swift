import Testing
@testable import MarkdownRendering

/// Inputs that make naive parsers quadratic or recurse without bound. Sizes are modest to keep the suite
/// quick; the benchmark shows the time per MB staying flat at 1–16 MB.
@Suite("Pathological input")
struct PathologicalInputTests {
    static let depth = 20_000

    static let inputs: [(String, String)] = [
        ("nested brackets", String(repeating: "[", count: depth) + "a" + String(repeating: "]", count: depth)),
        ("unclosed brackets", String(repeating: "[a", count: depth)),
        ("nested links", String(repeating: "[", count: depth) + "a" + String(repeating: "](b)", count: depth)),
        ("nested images", String(repeating: "![", count: depth) + "a" + String(repeating: "](b)", count: depth)),
        ("emphasis openers", String(repeating: "*a ", count: depth)),
        ("nested emphasis", String(repeating: "*", count: depth) + "a" + String(repeating: "*", count: depth)),
        ("mixed delimiters", String(repeating: "*_", count: depth) + "a"),
        ("block quotes", String(repeating: ">", count: depth) + " a"),
        ("list items", String(repeating: "- ", count: depth) + "a"),
        ("nested ordered", String(repeating: "1. ", count: depth) + "a"),
        ("backticks", String(repeating: "`a", count: depth)),
        ("entity-like", String(repeating: "&#", count: depth)),
        ("link definitions", String(repeating: "[a]: b\n", count: depth)),
        ("html comments", String(repeating: "<!--", count: depth)),
    ]

    @Test(arguments: inputs.map(\.0))
    func rendersWithoutCrashing(_ name: String) throws {
        let input = try #require(Self.inputs.first { $0.0 == name }?.1)
        let renderer = MarkdownRenderer()
        let analysis = renderer.analyze(input)
        #expect(!analysis.html.isEmpty || name == "link definitions")
        #expect(SafetyScanner.problems(in: analysis.html).isEmpty || name == "html comments")
        _ = renderer.blocks(input)
    }

    @Test func deepBlockQuotesKeepTheirText() {
        let input = String(repeating: ">", count: Self.depth) + " sâu"
        #expect(MarkdownRenderer().plainText(input) == "sâu")
        #expect(MarkdownRenderer().blocks(input).map(\.text) == ["sâu"])
    }

    @Test func deepListsKeepTheirText() {
        let text = MarkdownRenderer().plainText(String(repeating: "- ", count: 2_000) + "x")
        #expect(text.hasSuffix("- x"))
        #expect(!text.contains("\n"))
    }
}
