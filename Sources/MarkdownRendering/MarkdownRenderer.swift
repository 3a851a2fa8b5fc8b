import CCmark
import Foundation

/// Renders CommonMark (libcmark 0.30.2, spec 0.30) to HTML, plain text, an outline, a link list, counts
/// and a list of source blocks.
///
/// Safe by default: raw HTML is replaced by `<!-- raw HTML omitted -->` and `javascript:`, `vbscript:`,
/// `file:` and non-image `data:` link destinations are emptied. Input is normalised to NFC first, so
/// decomposed Vietnamese gives the same output as precomposed. Every libcmark node, iterator and buffer is
/// freed before a method returns; the renderer holds no C state and can be shared between tasks.
public struct MarkdownRenderer: Sendable {
    /// How links appear in plain text.
    public enum PlainTextLinks: Sendable, Hashable {
        /// "text (url)"; the URL is left out when it equals the text (autolinks) or is dangerous in safe mode.
        case textAndURL
        /// "text" only.
        case textOnly
    }

    /// Rendering options. The defaults suit untrusted input.
    public struct Options: Sendable, Hashable {
        /// Keep raw HTML and dangerous URLs (`CMARK_OPT_UNSAFE`). Only for trusted input.
        public var unsafe: Bool
        /// Straight quotes to curly ones, `--` to en dash, `---` to em dash, `...` to ellipsis (`CMARK_OPT_SMART`).
        public var smartPunctuation: Bool
        /// Give every heading an `id` attribute (see `MarkdownHeading.id`).
        public var headingIDs: Bool
        /// How `plainText` writes links.
        public var plainTextLinks: PlainTextLinks

        public init(
            unsafe: Bool = false, smartPunctuation: Bool = false, headingIDs: Bool = true,
            plainTextLinks: PlainTextLinks = .textAndURL
        ) {
            self.unsafe = unsafe
            self.smartPunctuation = smartPunctuation
            self.headingIDs = headingIDs
            self.plainTextLinks = plainTextLinks
        }

        /// Safe HTML, no smart punctuation, heading ids, links as "text (url)".
        public static let `default` = Options()

        var cmarkOptions: Int32 {
            var options = CMARK_OPT_DEFAULT
            if unsafe { options |= CMARK_OPT_UNSAFE }
            if smartPunctuation { options |= CMARK_OPT_SMART }
            return Int32(options)
        }
    }

    public var options: Options

    public init(options: Options = .default) {
        self.options = options
    }

    /// HTML for `markdown` (a fragment: no `<html>` or `<body>`), each block ending with a newline.
    public func html(_ markdown: String) -> String {
        let document = parse(markdown)
        return renderHTML(document)
    }

    /// Plain text for `markdown`, without any Markdown syntax (see `PlainTextWriter` rules).
    public func plainText(_ markdown: String) -> String {
        let document = parse(markdown)
        var writer = PlainTextWriter(showURLs: options.plainTextLinks == .textAndURL, dropDangerousURLs: !options.unsafe)
        writer.output.reserveCapacity(markdown.utf8.count)
        writer.write(document.root)
        return writer.text
    }

    /// The headings of `markdown`, with the ids `html` gives them.
    public func outline(_ markdown: String) -> [MarkdownHeading] {
        let document = parse(markdown)
        return headings(of: document).map(\.heading)
    }

    /// The links and images of `markdown`, in document order (dangerous ones included and flagged).
    public func links(_ markdown: String) -> [MarkdownLink] {
        let document = parse(markdown)
        var writer = PlainTextWriter(showURLs: false, dropDangerousURLs: true, collectLinks: true)
        writer.write(document.root)
        return writer.links
    }

    /// HTML, plain text, outline, links and counts from one parse.
    public func analyze(_ markdown: String) -> MarkdownAnalysis {
        let document = parse(markdown)
        let showURLs = options.plainTextLinks == .textAndURL
        var writer = PlainTextWriter(showURLs: showURLs, dropDangerousURLs: !options.unsafe, collectLinks: true)
        writer.output.reserveCapacity(markdown.utf8.count)
        writer.write(document.root)
        let plainText = writer.text
        let wordCount = MarkdownAnalysis.countWords(plainText)
        var spokenWordCount = wordCount
        if showURLs {
            var spoken = PlainTextWriter(showURLs: false, dropDangerousURLs: true)
            spoken.write(document.root)
            spokenWordCount = MarkdownAnalysis.countWords(spoken.text)
        }
        let outline = headings(of: document).map(\.heading)
        return MarkdownAnalysis(
            html: renderHTML(document), plainText: plainText, outline: outline, links: writer.links,
            wordCount: wordCount, spokenWordCount: spokenWordCount,
            characterCount: MarkdownAnalysis.countCharacters(plainText))
    }

    /// The leaf blocks of `markdown` in document order, with their plain text and source lines.
    public func blocks(_ markdown: String) -> [MarkdownBlock] {
        let text = MarkdownInput.normalized(markdown)
        let document = CmarkDocument(parsing: text, options: options.cmarkOptions)
        let lines = SourceLines(text)
        var blocks: [MarkdownBlock] = []
        CmarkTree.forEachLeafBlock(under: document.root) { node in
            let kind: MarkdownBlock.Kind
            let blockText: String
            switch cmark_node_get_type(node) {
            case CMARK_NODE_HEADING:
                kind = .heading(level: Int(cmark_node_get_heading_level(node)))
                blockText = inlineText(node)
            case CMARK_NODE_CODE_BLOCK:
                kind = .codeBlock(info: cmark_node_get_fence_info(node).map { String(cmarkBuffer: $0) } ?? "")
                blockText = inlineText(node)
            case CMARK_NODE_HTML_BLOCK:
                kind = .htmlBlock
                blockText = CmarkTree.literal(node).trimmingTrailingNewlines()
            case CMARK_NODE_THEMATIC_BREAK:
                kind = .thematicBreak
                blockText = ""
            default:
                kind = .paragraph
                blockText = inlineText(node)
            }
            let start = Int(cmark_node_get_start_line(node))
            let end = max(start, Int(cmark_node_get_end_line(node)))
            blocks.append(
                MarkdownBlock(
                    kind: kind, text: blockText, startLine: start, endLine: end,
                    markdown: lines.text(from: start, through: end)))
        }
        return blocks
    }

    // MARK: - Internals

    private func parse(_ markdown: String) -> CmarkDocument {
        CmarkDocument(parsing: MarkdownInput.normalized(markdown), options: options.cmarkOptions)
    }

    /// Plain text of one block, links as text only.
    private func inlineText(_ node: OpaquePointer) -> String {
        var writer = PlainTextWriter(showURLs: false, dropDangerousURLs: true)
        writer.write(node)
        return writer.text
    }

    private func headings(of document: borrowing CmarkDocument) -> [(node: OpaquePointer, heading: MarkdownHeading)] {
        var allocator = HeadingIDAllocator()
        var result: [(node: OpaquePointer, heading: MarkdownHeading)] = []
        CmarkTree.forEachLeafBlock(under: document.root) { node in
            guard cmark_node_get_type(node) == CMARK_NODE_HEADING else { return }
            let text = inlineText(node)
            let heading = MarkdownHeading(
                level: Int(cmark_node_get_heading_level(node)), text: text, id: allocator.id(for: text))
            result.append((node, heading))
        }
        return result
    }

    /// Renders the document, first replacing each heading (when ids are on) by a custom block whose literal
    /// is the heading's own libcmark rendering with the id inserted into its opening tag.
    ///
    /// Only the `<hN>` that libcmark itself wrote at the start of the heading's rendering is changed, never
    /// text inside it, so raw HTML in unsafe mode cannot be mistaken for a heading. This changes the tree:
    /// render HTML last.
    private func renderHTML(_ document: borrowing CmarkDocument) -> String {
        let renderOptions = options.cmarkOptions
        if options.headingIDs {
            for (node, heading) in headings(of: document) {
                let rendered = CmarkDocument.renderHTML(node, options: renderOptions)
                // libcmark writes exactly "<hN>" + content + "</hN>\n".
                let openTag = "<h\(heading.level)>"
                guard rendered.hasPrefix(openTag), rendered.hasSuffix("\n"),
                    let replacement = cmark_node_new(CMARK_NODE_CUSTOM_BLOCK)
                else { continue }
                var literal = "<h\(heading.level) id=\"\(heading.id)\">"
                literal += Substring(rendered.utf8.dropFirst(openTag.utf8.count).dropLast())
                cmark_node_set_on_enter(replacement, literal)
                cmark_node_set_on_exit(replacement, "")
                if cmark_node_replace(node, replacement) != 0 {
                    cmark_node_free(node)
                } else {
                    cmark_node_free(replacement)
                }
            }
        }
        return CmarkDocument.renderHTML(document.root, options: renderOptions)
    }
}

/// Line access into the source text for `MarkdownBlock.markdown`, with libcmark's line endings
/// (`\n`, `\r\n` or `\r`).
private struct SourceLines {
    private let bytes: [UInt8]
    /// Byte ranges of the lines, without their line endings.
    private var ranges: [Range<Int>] = []

    init(_ text: String) {
        bytes = Array(text.utf8)
        var start = 0
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == 0x0A || byte == 0x0D {
                ranges.append(start..<index)
                if byte == 0x0D, index + 1 < bytes.count, bytes[index + 1] == 0x0A { index += 1 }
                start = index + 1
            }
            index += 1
        }
        if start < bytes.count { ranges.append(start..<bytes.count) }
    }

    func text(from first: Int, through last: Int) -> String {
        guard first >= 1, first <= ranges.count else { return "" }
        let lastLine = min(last, ranges.count)
        return (first...lastLine).map { String(decoding: bytes[ranges[$0 - 1]], as: UTF8.self) }.joined(separator: "\n")
    }
}

extension String {
    fileprivate func trimmingTrailingNewlines() -> String {
        var end = endIndex
        while end > startIndex, self[index(before: end)] == "\n" { end = index(before: end) }
        return String(self[..<end])
    }
}
