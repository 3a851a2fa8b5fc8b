@testable import ContentFiles
import CampaignModel
import Foundation
import PropertyBased
import Testing

@Suite struct YAMLWriterTests {
    /// Any text written into front matter reads back as the same (NFC, trimmed) text.
    @Test func frontMatterRoundTripsArbitraryText() async {
        let pieces = ["a", "Đ", "ư", ": ", " #", "#", "-", "[", "]", "{", ",", "\"", "'", "\\", "\t", "yes", "null", "1",
                      "0x1", "~", "…", "“", "ꪼ", "ខ", "😀", "&", "*", "!", "%", "@", "`", "|", ">", "?", " "]
        let generator = Gen<String?>.element(of: pieces).array(of: 1...8).map { $0.compactMap { $0 }.joined() }
        await propertyCheck(input: generator, generator) { title, summary in
            let expectedTitle = TextFolding.nfc(title).trimmingCharacters(in: .whitespacesAndNewlines)
            let expectedSummary = TextFolding.nfc(summary).trimmingCharacters(in: .whitespacesAndNewlines)
            guard !expectedTitle.isEmpty, !expectedSummary.isEmpty else { return }
            let file = TranslationFile(locale: "vi", status: .draft,
                                       content: TranslationContent(title: expectedTitle, summary: expectedSummary, body: "Body\n"),
                                       path: "x/vi.md")
            let text = TranslationMarkdownFile.render(file)
            do {
                let parsed = try TranslationMarkdownFile.parse(text, file: "x/vi.md", locale: "vi")
                #expect(parsed.content.title == expectedTitle, "\(text)")
                #expect(parsed.content.summary == expectedSummary, "\(text)")
                #expect(TranslationMarkdownFile.render(parsed) == text)
            } catch {
                Issue.record("could not read back \(text): \(error)")
            }
        }
    }

    @Test func plainTextStaysPlain() {
        #expect(YAMLWriter.scalar("Cảnh giác với việc nhẹ, lương cao") == "Cảnh giác với việc nhẹ, lương cao")
        #expect(YAMLWriter.scalar("Hỏi kỹ: ai tuyển") == "\"Hỏi kỹ: ai tuyển\"")
        #expect(YAMLWriter.scalar("yes") == "\"yes\"")
        #expect(YAMLWriter.list(["a", "b,c"]) == "[a, \"b,c\"]")
    }
}
