import ArgumentParser
import CampaignModel
import ContentStore
import Foundation
import MarkdownRendering

/// `loa render FILE|-`: Markdown to safe HTML, plain text or an outline, on standard output.
struct RenderCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "render",
                                                    abstract: "Render Markdown (a file or '-' for standard input) to HTML, text or an outline.")

    enum Format: String, ExpressibleByArgument, CaseIterable { case html, text, outline }

    @Argument(help: "A Markdown file (front matter is skipped), or '-' for standard input.") var file: String
    @Option(help: "html, text or outline.") var to: Format = .html
    @Option(help: "A locale from the store, for its words-per-minute in the outline's read-aloud time.") var locale: String?
    @Flag(help: "Keep raw HTML and every link scheme. Only for trusted input.") var unsafe = false
    @Flag(help: "Typographic quotes and dashes.") var smart = false
    @Flag(name: .customLong("text-links-only"), help: "In text, write links as their text only, without the URL.") var textLinksOnly = false
    @OptionGroup var store: StoreOptions

    func run() throws {
        let data: Data
        if file == "-" {
            data = FileHandle.standardInput.readDataToEndOfFile()
        } else {
            do { data = try Data(contentsOf: URL(fileURLWithPath: file)) } catch {
                throw LoaError.invalid(InputIssue(file: file, problem: "the file cannot be read.", fix: "check the path."))
            }
        }
        var markdown: String
        do { markdown = try MarkdownInput.decode(data) } catch {
            guard case .invalidUTF8(let offset) = error else { throw error }
            throw LoaError.invalid(InputIssue(file: file == "-" ? "standard input" : file,
                                              problem: "the text is not valid UTF-8 (byte offset \(offset)).",
                                              fix: "save the text as UTF-8."))
        }
        if markdown.hasPrefix("---\n"), let end = markdown.range(of: "\n---\n", range: markdown.index(markdown.startIndex, offsetBy: 3)..<markdown.endIndex) {
            markdown = String(markdown[end.upperBound...])
        }
        var options = MarkdownRenderer.Options()
        options.unsafe = unsafe
        options.smartPunctuation = smart
        if textLinksOnly { options.plainTextLinks = .textOnly }
        let renderer = MarkdownRenderer(options: options)
        switch to {
        case .html: print(renderer.html(markdown), terminator: "")
        case .text: print(renderer.plainText(markdown))
        case .outline:
            let analysis = renderer.analyze(markdown)
            var wordsPerMinute = 130
            if let locale {
                guard let info = try store.open().locales().first(where: { $0.code == locale }) else {
                    throw LoaError.notFound("locale '\(locale)'")
                }
                wordsPerMinute = info.wordsPerMinute
            }
            for heading in analysis.outline {
                print(String(repeating: "  ", count: max(0, heading.level - 1)) + "\(heading.text)  #\(heading.id)")
            }
            for link in analysis.links { print("link: \(link.url)") }
            print("words: \(analysis.wordCount), characters: \(analysis.characterCount), "
                  + String(format: "reading %.0f s, read aloud %.0f s at %d words/min",
                           analysis.readingSeconds(wordsPerMinute: 200), analysis.readAloudSeconds(wordsPerMinute: Double(wordsPerMinute)),
                           wordsPerMinute))
        }
    }
}
