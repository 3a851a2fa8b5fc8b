import CCmark
import Foundation

/// Walks a libcmark tree with `cmark_iter` and writes plain text (for SMS and read-aloud scripts).
///
/// Rules: leaf blocks are separated by one blank line, except between the items of a tight list (and
/// from a tight item's text to its nested tight list) where a line break is enough; list items start with "- " or "N. ", nested lists are indented by two spaces per level; block
/// quote markers, emphasis, raw HTML and thematic breaks are dropped; links become "text (url)" or just
/// "text"; images become their alt text; inline code and code blocks are kept as written; runs of
/// whitespace in other inline text collapse to one space; a soft break is a space and a hard break a newline.
///
/// The writer can also record every link and image it meets (for `MarkdownRenderer.links`).
struct PlainTextWriter {
    var output: [UInt8] = []
    private(set) var links: [MarkdownLink] = []

    private let showURLs: Bool
    private let dropDangerousURLs: Bool
    private let collectLinks: Bool

    private var leafHasContent = false
    private var leafSeparatorIsNewline = false
    private var leafLine = 0
    private var leafContentStart = 0
    private var pendingSpace = false
    private var atLineStart = true
    private var pendingMarker: [UInt8]?
    private var lists: [(ordered: Bool, next: Int, tight: Bool, hasContent: Bool)] = []
    private var openLinks: [(node: OpaquePointer, start: Int)] = []
    private var imageDepth = 0

    /// The longest link text recorded in `links`, in bytes (longer texts are cut at a character boundary).
    /// Bounds the work on pathological input such as thousands of nested images.
    static let maximumLinkTextBytes = 512

    init(showURLs: Bool, dropDangerousURLs: Bool, collectLinks: Bool = false) {
        self.showURLs = showURLs
        self.dropDangerousURLs = dropDangerousURLs
        self.collectLinks = collectLinks
    }

    var text: String { String(decoding: output, as: UTF8.self) }

    /// Writes `root` and its descendants. Can be called for several subtrees in turn.
    mutating func write(_ root: OpaquePointer) {
        guard let iterator = cmark_iter_new(root) else { return }
        defer { cmark_iter_free(iterator) }
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard let node = cmark_iter_get_node(iterator) else { continue }
            let entering = event == CMARK_EVENT_ENTER
            switch cmark_node_get_type(node) {
            case CMARK_NODE_TEXT:
                if let literal = cmark_node_get_literal(node) { appendInline(literal, collapsing: true) }
            case CMARK_NODE_CODE:
                if let literal = cmark_node_get_literal(node) { appendInline(literal, collapsing: false) }
            case CMARK_NODE_SOFTBREAK:
                pendingSpace = true
            case CMARK_NODE_LINEBREAK:
                beginContent()
                output.append(0x0A)
                atLineStart = true
                pendingSpace = false
            case CMARK_NODE_PARAGRAPH, CMARK_NODE_HEADING:
                if entering { startLeaf(node) } else { endLeaf() }
            case CMARK_NODE_CODE_BLOCK:
                startLeaf(node)
                if let literal = cmark_node_get_literal(node) { appendVerbatim(literal) }
                endLeaf()
            case CMARK_NODE_LINK:
                if entering {
                    openLinks.append((node, leafHasContent ? output.count : -1))
                } else if let open = openLinks.popLast() {
                    finishLink(open.node, textStart: open.start, isImage: false)
                }
            case CMARK_NODE_IMAGE:
                if entering {
                    imageDepth += 1
                    openLinks.append((node, leafHasContent ? output.count : -1))
                } else {
                    imageDepth -= 1
                    if let open = openLinks.popLast() {
                        finishLink(open.node, textStart: open.start, isImage: true)
                    }
                }
            case CMARK_NODE_LIST:
                if entering {
                    lists.append(
                        (
                            ordered: cmark_node_get_list_type(node) == CMARK_ORDERED_LIST,
                            next: Int(cmark_node_get_list_start(node)),
                            tight: cmark_node_get_list_tight(node) != 0,
                            hasContent: false
                        ))
                } else {
                    _ = lists.popLast()
                }
            case CMARK_NODE_ITEM:
                if entering { pendingMarker = nextMarker() } else { pendingMarker = nil }
            default:
                // Document, block quote, emphasis, strong: structure only. Raw HTML, thematic breaks and
                // custom nodes: nothing to say in plain text.
                break
            }
        }
    }

    private mutating func nextMarker() -> [UInt8] {
        guard !lists.isEmpty else { return [] }
        var marker = [UInt8](repeating: 0x20, count: 2 * (lists.count - 1))
        if lists[lists.count - 1].ordered {
            marker.append(contentsOf: "\(lists[lists.count - 1].next). ".utf8)
            lists[lists.count - 1].next += 1
        } else {
            marker.append(contentsOf: "- ".utf8)
        }
        return marker
    }

    private mutating func startLeaf(_ node: OpaquePointer) {
        leafHasContent = false
        leafSeparatorIsNewline = continuesTightList()
        leafLine = Int(cmark_node_get_start_line(node))
        pendingSpace = false
        atLineStart = true
    }

    /// True when the previous text was written inside the same run of tight lists (an earlier item of the
    /// innermost list, or the parent item of a nested tight list): then one line break separates.
    private func continuesTightList() -> Bool {
        var index = lists.count - 1
        while index >= 0, lists[index].tight {
            if lists[index].hasContent { return true }
            index -= 1
        }
        return false
    }

    private mutating func endLeaf() {
        leafHasContent = false
        pendingSpace = false
    }

    /// Writes the block separator and list marker the first time the current leaf has something to say.
    @inline(__always)
    private mutating func beginContent() {
        if leafHasContent { return }
        leafHasContent = true
        if !output.isEmpty {
            output.append(0x0A)
            if !leafSeparatorIsNewline { output.append(0x0A) }
        }
        if let marker = pendingMarker {
            output.append(contentsOf: marker)
            pendingMarker = nil
        }
        leafContentStart = output.count
        if !lists.isEmpty { lists[lists.count - 1].hasContent = true }
    }

    /// Appends inline text; with `collapsing`, runs of white space become one space (code spans keep theirs,
    /// libcmark has already turned their line endings into spaces).
    private mutating func appendInline(_ literal: UnsafePointer<CChar>, collapsing: Bool) {
        let count = strlen(literal)
        guard count > 0 else { return }
        let bytes = UnsafeBufferPointer(start: UnsafeRawPointer(literal).assumingMemoryBound(to: UInt8.self), count: count)
        if !collapsing {
            appendRun(bytes)
            return
        }
        // Copy runs of non-space bytes in bulk; a run of white space becomes a pending space.
        var index = 0
        while index < count {
            var runEnd = index
            while runEnd < count, !Self.isSpace(bytes[runEnd]) { runEnd += 1 }
            if runEnd > index { appendRun(UnsafeBufferPointer(rebasing: bytes[index..<runEnd])) }
            if runEnd < count { pendingSpace = true }
            index = runEnd + 1
            while index < count, Self.isSpace(bytes[index]) { index += 1 }
        }
    }

    @inline(__always)
    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }

    /// Appends bytes that contain no white space to collapse, after the pending space if any.
    @inline(__always)
    private mutating func appendRun(_ run: UnsafeBufferPointer<UInt8>) {
        beginContent()
        if pendingSpace {
            if !atLineStart { output.append(0x20) }
            pendingSpace = false
        }
        atLineStart = false
        output.append(contentsOf: run)
    }

    private mutating func appendVerbatim(_ literal: UnsafePointer<CChar>) {
        var length = strlen(literal)
        guard length > 0 else { return }
        literal.withMemoryRebound(to: UInt8.self, capacity: length) { bytes in
            while length > 0, bytes[length - 1] == 0x0A { length -= 1 }
            guard length > 0 else { return }
            beginContent()
            output.append(contentsOf: UnsafeBufferPointer(start: bytes, count: length))
        }
        atLineStart = false
    }

    /// `textStart` is -1 when the link opened before the leaf wrote anything (separator and list marker
    /// come later and are not part of the link text).
    private mutating func finishLink(_ node: OpaquePointer, textStart openStart: Int, isImage: Bool) {
        var textStart = openStart >= 0 ? openStart : (leafHasContent ? leafContentStart : output.count)
        while textStart < output.count, output[textStart] == 0x20 || output[textStart] == 0x0A { textStart += 1 }
        let urlPointer = cmark_node_get_url(node)
        let urlLength = urlPointer.map { strlen($0) } ?? 0
        let url = UnsafeBufferPointer(
            start: urlPointer.map { UnsafeRawPointer($0).assumingMemoryBound(to: UInt8.self) }, count: urlLength)
        let dangerous = urlLength > 0 && URLSafety.isDangerous(url)

        if collectLinks {
            var textEnd = min(output.count, textStart + Self.maximumLinkTextBytes)
            while textEnd > textStart, textEnd < output.count, output[textEnd] & 0xC0 == 0x80 { textEnd -= 1 }
            let text = String(decoding: output[textStart..<textEnd], as: UTF8.self)
            let title = cmark_node_get_title(node).map { String(cmarkBuffer: $0) } ?? ""
            links.append(
                MarkdownLink(
                    kind: isImage ? .image : .link, url: String(decoding: url, as: UTF8.self), title: title,
                    text: text, line: leafLine, isDangerous: dangerous))
        }

        guard showURLs, !isImage, imageDepth == 0, urlLength > 0, !(dropDangerousURLs && dangerous) else { return }
        if isSameText(output[textStart...], url) { return }
        pendingSpace = true
        beginContent()
        if !atLineStart { output.append(0x20) }
        pendingSpace = false
        atLineStart = false
        output.append(0x28)
        output.append(contentsOf: url)
        output.append(0x29)
    }

    /// True when the link text already says the URL (autolinks), so "url (url)" is not written.
    private func isSameText(_ text: ArraySlice<UInt8>, _ url: UnsafeBufferPointer<UInt8>) -> Bool {
        if text.elementsEqual(url) { return true }
        let mailto = Array("mailto:".utf8)
        return url.count == text.count + mailto.count && url.starts(with: mailto)
            && url.dropFirst(mailto.count).elementsEqual(text)
    }
}
