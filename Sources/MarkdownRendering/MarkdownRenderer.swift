import CCmark
import Foundation

/// Renders CommonMark (libcmark 0.30.2, spec 0.30) to HTML, plain text, an outline, a link list, counts
/// and a list of source blocks.
///
/// Safe by default: raw HTML is replaced by `<!-- raw HTML omitted -->` and `javascript:`, `vbscript:`,
/// `file:` and non-image `data:` link destinations are emptied. Input is normalised to NFC first, so
/// decomposed Vietnamese gives the same output as precomposed. Every libcmark node, iterator and buffer is
/// freed before a method returns (a document's tree lives in a `CmarkArena` released in one go); the
/// renderer holds no C state and can be shared between tasks. For files, `html(utf8:)` renders bytes to
/// bytes without building `String`s.
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
        return String(decoding: renderHTML(document), as: UTF8.self)
    }

    /// HTML for the UTF-8 Markdown in `bytes` (a file's contents, say), as UTF-8 bytes: exactly the bytes of
    /// `html(try MarkdownInput.decode(bytes))`, without building a `String` on either side.
    ///
    /// The bytes are read once to check that they are well-formed UTF-8 and already NFC (only text that is
    /// not NFC is copied and normalised), then handed to libcmark as they are; libcmark's output for
    /// well-formed input is well-formed UTF-8 and is returned without another check. For `Data`, arrays
    /// and other contiguous collections nothing is copied before parsing.
    /// - Throws: `MarkdownInputError.invalidUTF8(byteOffset:)` at the first byte of the first ill-formed
    ///   sequence, as `MarkdownInput.decode` does.
    public func html(utf8 bytes: some Collection<UInt8>) throws(MarkdownInputError) -> [UInt8] {
        if let result = bytes.withContiguousStorageIfAvailable({ htmlContiguous($0) }) {
            return try result.get()
        }
        return try Array(bytes).withUnsafeBufferPointer { htmlContiguous($0) }.get()
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

    /// HTML and the number of words read aloud (`MarkdownAnalysis.spokenWordCount`) from one parse: what
    /// `analyze` gives of them, without the outline, links, character count and plain `String` it also makes
    /// (a static site renders thousands of bodies and shows only these two).
    public func htmlAndSpokenWordCount(_ markdown: String) -> (html: String, spokenWordCount: Int) {
        let document = parse(markdown)
        var spoken = PlainTextWriter(showURLs: false, dropDangerousURLs: true)
        spoken.output.reserveCapacity(markdown.utf8.count)
        spoken.write(document.root)
        let words = spoken.output.withUnsafeBufferPointer { MarkdownAnalysis.countWords(utf8: $0) }
        return (String(decoding: renderHTML(document), as: UTF8.self), words)
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
            html: String(decoding: renderHTML(document), as: UTF8.self), plainText: plainText, outline: outline, links: writer.links,
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

    private func htmlContiguous(_ bytes: UnsafeBufferPointer<UInt8>) -> Result<[UInt8], MarkdownInputError> {
        let scan = MarkdownInput.scan(bytes)
        if let offset = scan.invalidOffset { return .failure(.invalidUTF8(byteOffset: offset)) }
        if scan.knownNFC {
            let document = CmarkDocument(parsingUTF8: bytes, options: options.cmarkOptions)
            return .success(renderHTML(document))
        }
        let document = parse(String(decoding: bytes, as: UTF8.self))
        return .success(renderHTML(document))
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

    /// The plain text of a heading as `inlineText` writes it; text-only headings (the common case) without
    /// walking the tree with `PlainTextWriter`.
    private func headingText(_ node: OpaquePointer) -> String {
        var plain: [UInt8] = []
        var pendingSpace = false
        var child = cmark_node_first_child(node)
        while let current = child {
            guard cmark_node_get_type(current) == CMARK_NODE_TEXT, let literal = cmark_node_get_literal(current) else {
                return inlineText(node)
            }
            var pointer = UnsafeRawPointer(literal).assumingMemoryBound(to: UInt8.self)
            while case let byte = pointer.pointee, byte != 0 {
                pointer += 1
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
        return String(decoding: plain, as: UTF8.self)
    }

    /// The document's HTML as UTF-8 bytes, with heading ids when they are on.
    ///
    /// In safe mode the ids are written into libcmark's one rendering of the whole document
    /// (`htmlInsertingHeadingIDs`); in unsafe mode, where raw HTML could look like a heading tag, and should
    /// that ever fail, each heading is replaced by a custom block first (`replaceHeadingsWithCustomBlocks`).
    /// Both give the same bytes. This may change the tree: render HTML last.
    private func renderHTML(_ document: borrowing CmarkDocument) -> [UInt8] {
        let renderOptions = options.cmarkOptions
        if options.headingIDs {
            if !options.unsafe, let html = htmlInsertingHeadingIDs(document) { return html }
            replaceHeadingsWithCustomBlocks(document)
        }
        return document.renderHTMLBytes(document.root, options: renderOptions)
    }

    /// Safe mode only: libcmark's HTML for the whole document with ` id="…"` written into each heading's
    /// opening tag, or nil if the tags found do not match the document's headings (then nothing changed).
    ///
    /// Why it is exact: libcmark starts every heading on a new line with `<hN>` (a line break first unless
    /// the output is empty or already ends with one), and in safe mode nothing else it writes can start a
    /// line with `<h` and a digit: text, code, titles and alt text have `<` escaped, URLs have it
    /// percent-encoded, raw HTML is replaced by a comment, and the other tags are `<p>`, `<li>`, `<hr />`
    /// and such. So the line starts with `<hN>`, in output order, are the headings in document order; each
    /// must also have its heading's level, or the result is discarded. `replaceHeadingsWithCustomBlocks`
    /// makes the same bytes (checked over the spec examples and the injection corpus by the tests).
    func htmlInsertingHeadingIDs(_ document: borrowing CmarkDocument) -> [UInt8]? {
        var allocator = HeadingIDAllocator()
        var headings: [(level: UInt8, id: String)] = []
        CmarkTree.forEachLeafBlock(under: document.root) { node in
            guard cmark_node_get_type(node) == CMARK_NODE_HEADING else { return }
            let level = UInt8(truncatingIfNeeded: cmark_node_get_heading_level(node)) &+ 0x30
            if let slug = FastSlug.slug(ofHeading: node) {
                headings.append((level, allocator.id(forSlug: slug)))
            } else {
                headings.append((level, allocator.id(for: headingText(node))))
            }
        }
        guard let buffer = cmark_render_html(document.root, options.cmarkOptions) else { return [] }
        defer { document.releaseBuffer(buffer) }
        let length = strlen(buffer)
        let html = UnsafeRawBufferPointer(start: buffer, count: length)
        guard !headings.isEmpty else { return Array(html) }
        var capacity = length
        for heading in headings { capacity += heading.id.utf8.count + 6 }
        var matched = 0
        let result = [UInt8](unsafeUninitializedCapacity: capacity) { output, count in
            var written = 0
            var copied = 0
            func write(_ bytes: UnsafeRawBufferPointer) {
                UnsafeMutableRawBufferPointer(UnsafeMutableBufferPointer(rebasing: output[written..<(written + bytes.count)]))
                    .copyMemory(from: bytes)
                written += bytes.count
            }
            var lineStart = 0
            while matched < headings.count, length - lineStart >= 4 {
                if html[lineStart] == 0x3C, html[lineStart + 1] == 0x68, html[lineStart + 3] == 0x3E,
                    (0x31...0x36).contains(html[lineStart + 2])
                {
                    guard html[lineStart + 2] == headings[matched].level else { break }
                    write(UnsafeRawBufferPointer(rebasing: html[copied..<(lineStart + 3)]))
                    copied = lineStart + 3
                    Self.idAttributeStart.withUnsafeBytes { write($0) }
                    var id = headings[matched].id
                    id.withUTF8 { write(UnsafeRawBufferPointer($0)) }
                    Self.quote.withUnsafeBytes { write($0) }
                    matched += 1
                }
                guard let newline = memchr(buffer + lineStart, 0x0A, length - lineStart) else { break }
                lineStart = UnsafeRawPointer(newline) - UnsafeRawPointer(buffer) + 1
            }
            write(UnsafeRawBufferPointer(rebasing: html[copied...]))
            count = written
        }
        return matched == headings.count ? result : nil
    }

    private static let idAttributeStart = Array(" id=\"".utf8)
    private static let quote = Array("\"".utf8)

    /// HTML made the way `html` made it before the bytes path existed: libcmark's own allocator, every
    /// heading replaced by a custom block, output decoded into a `String`. The tests compare against it.
    func referenceHTML(_ markdown: String) -> String {
        let document = CmarkDocument(
            parsing: MarkdownInput.normalized(markdown), options: options.cmarkOptions, usingArena: false)
        if options.headingIDs { replaceHeadingsWithCustomBlocks(document) }
        return String(decoding: document.renderHTMLBytes(document.root, options: options.cmarkOptions), as: UTF8.self)
    }

    /// Replaces each heading by a custom block whose literal is the heading's HTML with the id in its
    /// opening tag.
    ///
    /// The heading's HTML is libcmark's own rendering of that heading node (or, for text-only headings, the
    /// same bytes escaped here the way libcmark escapes text); only the `<hN>` libcmark writes at its start
    /// is changed, never text inside it, so raw HTML in unsafe mode cannot be mistaken for a heading. libcmark
    /// writes a custom block as a line break if needed, its on-enter literal, a line break, which is exactly
    /// how it ends a heading.
    func replaceHeadingsWithCustomBlocks(_ document: borrowing CmarkDocument) {
        let renderOptions = options.cmarkOptions
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
                defer { document.releaseBuffer(rendered) }
                let length = strlen(rendered)
                let bytes = UnsafeBufferPointer(
                    start: UnsafeRawPointer(rendered).assumingMemoryBound(to: UInt8.self), count: length)
                guard length >= 10, bytes[0] == 0x3C, bytes[1] == 0x68, bytes[2] == level, bytes[3] == 0x3E,
                    bytes[length - 1] == 0x0A
                else { continue }
                literal.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[4..<(length - 6)]))
            }
            literal.append(contentsOf: [0x3C, 0x2F, 0x68, level, 0x3E, 0x00])  // </hN> and the C terminator
            guard let replacement = document.makeNode(CMARK_NODE_CUSTOM_BLOCK) else { continue }
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
