import Testing
@testable import MarkdownRendering

@Suite("Source blocks")
struct BlocksTests {
    @Test func leafBlocksWithKindsTextAndLines() {
        let markdown = """
            # Tiêu đề

            Đoạn *một*
            dòng hai

            > Trích [dẫn](https://x.vn)

            - mục một
            - mục hai

            ```swift
            let a = 1
            ```

            ***
            <div>html</div>
            """
        let blocks = MarkdownRenderer().blocks(markdown)
        #expect(blocks.map(\.kind) == [
            .heading(level: 1), .paragraph, .paragraph, .paragraph, .paragraph, .codeBlock(info: "swift"), .thematicBreak,
            .htmlBlock,
        ])
        #expect(blocks.map(\.text) == ["Tiêu đề", "Đoạn một dòng hai", "Trích dẫn", "mục một", "mục hai", "let a = 1", "", "<div>html</div>"])
        #expect(blocks.map(\.startLine) == [1, 3, 6, 8, 9, 11, 15, 16])
        #expect(blocks.map(\.endLine) == [1, 4, 6, 8, 9, 13, 15, 16])
        #expect(blocks[1].markdown == "Đoạn *một*\ndòng hai")
        #expect(blocks[2].markdown == "> Trích [dẫn](https://x.vn)")
        #expect(blocks[5].markdown == "```swift\nlet a = 1\n```")
    }

    @Test func changingOneBlockChangesOnlyThatBlock() {
        let before = MarkdownRenderer().blocks("# A\n\nmột\n\nhai\n\nba")
        let after = MarkdownRenderer().blocks("# A\n\nmột\n\nhai [link](u)\n\nba")
        #expect(before.count == after.count)
        let changed = zip(before, after).enumerated().filter { $0.element.0.markdown != $0.element.1.markdown }.map(\.offset)
        #expect(changed == [2])
        #expect(before[2].text != after[2].text)
    }

    @Test func crlfLineEndings() {
        let blocks = MarkdownRenderer().blocks("a\r\nb\r\n\r\nc\rd")
        #expect(blocks.map(\.markdown) == ["a\nb", "c\nd"])
        #expect(blocks.map(\.startLine) == [1, 4])
    }

    @Test func emptyDocumentHasNoBlocks() {
        #expect(MarkdownRenderer().blocks("").isEmpty)
        #expect(MarkdownRenderer().blocks("\n\n").isEmpty)
    }
}
