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

    /// The options every method of this renderer uses.
    public var options: Options

    /// A renderer with `options` (safe defaults).
    public init(options: Options = .default) {
        self.options = options
    }

    /// HTML for `markdown` (a fragment: no `<html>` or `<body>`), each block ending with a newline.
    public func html(_ markdown: String) -> String {
        let document = parse(markdown)
        return renderHTML(document)
    }

    /// Plain text for `markdown`, without any Markdown syntax, for SMS and read-aloud scripts.
    ///
    /// Leaf blocks are separated by one blank line (by one line break between the items of a tight list);
    /// list items start with "- " or "N. " (nested lists indented two spaces per level); links are
    /// "text (url)" or "text" (`Options.plainTextLinks`; autolinks and, in safe mode, dangerous URLs give
    /// the text only); images give their alt text; inline code and code blocks are kept as written;
    /// emphasis, block-quote markers, raw HTML and thematic breaks are dropped; other runs of white space
    /// collapse to one space; a soft break is a space and a hard break a newline. No leading or trailing
    /// blank lines.
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

    /// A heading node with its outline entry and, when its content is plain text only, the exact HTML
    /// libcmark would write for that content (so it need not be rendered separately).
    private struct HeadingNode {
        let node: OpaquePointer
        let heading: MarkdownHeading
        let escapedText: [UInt8]?
    }

    private func headings(of document: borrowing CmarkDocument) -> [HeadingNode] {
        var allocator = HeadingIDAllocator()
        var result: [HeadingNode] = []
        CmarkTree.forEachLeafBlock(under: document.root) { node in
            guard cmark_node_get_type(node) == CMARK_NODE_HEADING else { return }
            let level = Int(cmark_node_get_heading_level(node))
            if let (text, escaped) = Self.textOnlyContent(of: node) {
                result.append(HeadingNode(node: node, heading: MarkdownHeading(level: level, text: text, id: allocator.id(for: text)), escapedText: escaped))
            } else {
                let text = inlineText(node)
                result.append(HeadingNode(node: node, heading: MarkdownHeading(level: level, text: text, id: allocator.id(for: text)), escapedText: nil))
            }
        }
        return result
    }

    private static let escapedAmpersand = Array("&amp;".utf8)
    private static let escapedLessThan = Array("&lt;".utf8)
    private static let escapedGreaterThan = Array("&gt;".utf8)
    private static let escapedQuote = Array("&quot;".utf8)

    /// For a block whose children are all text nodes: its plain text (white space collapsed, as
    /// `PlainTextWriter` writes it) and its content escaped exactly as libcmark's HTML renderer escapes
    /// text (`&`, `<`, `>`, `"`). Nil for any other content.
    private static func textOnlyContent(of node: OpaquePointer) -> (String, [UInt8])? {
        var plain: [UInt8] = []
        var escaped: [UInt8] = []
        var pendingSpace = false
        var child = cmark_node_first_child(node)
        while let current = child {
            guard cmark_node_get_type(current) == CMARK_NODE_TEXT, let literal = cmark_node_get_literal(current) else {
                return nil
            }
            var pointer = UnsafeRawPointer(literal).assumingMemoryBound(to: UInt8.self)
            while case let byte = pointer.pointee, byte != 0 {
                pointer += 1
                switch byte {
                case 0x26: escaped.append(contentsOf: Self.escapedAmpersand)
                case 0x3C: escaped.append(contentsOf: Self.escapedLessThan)
                case 0x3E: escaped.append(contentsOf: Self.escapedGreaterThan)
                case 0x22: escaped.append(contentsOf: Self.escapedQuote)
                default: escaped.append(byte)
                }
                if byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D {
                    pendingSpace = true
                } else {
                    if pendingSpace, !plain.isEmpty { plain.append(0x20) }
                    pendingSpace = false
                    plain.append(byte)
                }
            }
            child = cmark_node_next(current)
        }
        return (String(decoding: plain, as: UTF8.self), escaped)
    }

    /// Renders the document, first replacing each heading (when ids are on) by a custom block whose literal
    /// is the heading's HTML with the id in its opening tag.
    ///
    /// The heading's HTML is libcmark's own rendering of that heading node (or, for text-only headings, the
    /// same bytes escaped here the way libcmark escapes text); only the `<hN>` libcmark writes at its start
    /// is changed, never text inside it, so raw HTML in unsafe mode cannot be mistaken for a heading. libcmark
    /// writes a custom block as a line break if needed, its on-enter literal, a line break, which is exactly
    /// how it ends a heading. This changes the tree: render HTML last.
    private func renderHTML(_ document: borrowing CmarkDocument) -> String {
        let renderOptions = options.cmarkOptions
        if options.headingIDs {
            var literal: [UInt8] = []
            for entry in headings(of: document) {
                let level = UInt8(truncatingIfNeeded: entry.heading.level) &+ 0x30
                literal.removeAll(keepingCapacity: true)
                literal.append(contentsOf: [0x3C, 0x68, level, 0x20, 0x69, 0x64, 0x3D, 0x22])  // <hN id="
                literal.append(contentsOf: entry.heading.id.utf8)
                literal.append(contentsOf: [0x22, 0x3E])  // ">
                if let escaped = entry.escapedText {
                    literal.append(contentsOf: escaped)
                } else {
                    // libcmark writes exactly "<hN>" + content + "</hN>\n" for a heading node.
                    guard let rendered = cmark_render_html(entry.node, renderOptions) else { continue }
                    defer { free(rendered) }
                    let length = strlen(rendered)
                    let bytes = UnsafeBufferPointer(
                        start: UnsafeRawPointer(rendered).assumingMemoryBound(to: UInt8.self), count: length)
                    guard length >= 10, bytes[0] == 0x3C, bytes[1] == 0x68, bytes[2] == level, bytes[3] == 0x3E,
                        bytes[length - 1] == 0x0A
                    else { continue }
                    literal.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[4..<(length - 6)]))
                }
                literal.append(contentsOf: [0x3C, 0x2F, 0x68, level, 0x3E, 0x00])  // </hN> and the C terminator
                guard let replacement = cmark_node_new(CMARK_NODE_CUSTOM_BLOCK) else { continue }
                literal.withUnsafeBufferPointer { bytes in
                    bytes.withMemoryRebound(to: CChar.self) { _ = cmark_node_set_on_enter(replacement, $0.baseAddress) }
                }
                cmark_node_set_on_exit(replacement, "")
                if cmark_node_replace(entry.node, replacement) != 0 {
                    cmark_node_free(entry.node)
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
