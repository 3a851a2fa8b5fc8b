import Foundation
import CCmark

/// A parsed libcmark document tree that frees itself.
///
/// Non-copyable so that exactly one owner releases the tree. The tree normally lives in a `CmarkArena`
/// and is released with it, all at once; when another document already holds the current thread's
/// arena, libcmark's own allocator is used and `cmark_node_free` on the root frees the tree. Either way,
/// nodes added to the tree must be made with `makeNode(_:)` (the document's allocator), buffers libcmark
/// returns for it released with `releaseBuffer(_:)`, and nodes unlinked from it freed by whoever unlinks
/// them (`cmark_node_free`).
struct CmarkDocument: ~Copyable {
    /// The `CMARK_NODE_DOCUMENT` root.
    let root: OpaquePointer
    /// The arena holding the tree, or nil when libcmark's default allocator was used.
    private let arena: UnsafeMutablePointer<CmarkArena.State>?

    /// Parses `markdown` (already NFC) with libcmark's parse `options` (`CMARK_OPT_*`).
    ///
    /// The text is passed with its length, so NUL characters cannot cut it short (libcmark replaces them
    /// with U+FFFD as the spec requires).
    /// `usingArena: false` forces libcmark's default allocator (for tests).
    init(parsing markdown: String, options: Int32, usingArena: Bool = true) {
        var text = markdown
        let (root, arena) = text.withUTF8 { Self.parse($0, options: options, usingArena: usingArena) }
        self.root = root
        self.arena = arena
    }

    /// Parses UTF-8 `bytes` (well-formed, already NFC) in place, without copying them first.
    init(parsingUTF8 bytes: UnsafeBufferPointer<UInt8>, options: Int32) {
        (root, arena) = Self.parse(bytes, options: options)
    }

    private static func parse(
        _ bytes: UnsafeBufferPointer<UInt8>, options: Int32, usingArena: Bool = true
    ) -> (OpaquePointer, UnsafeMutablePointer<CmarkArena.State>?) {
        bytes.withMemoryRebound(to: CChar.self) { chars in
            let arena = usingArena ? CmarkArena.install() : nil
            // Exactly what cmark_parse_document does, with the arena's allocator.
            let parser = cmark_parser_new_with_mem(options, arena == nil ? cmark_get_default_mem_allocator() : CmarkArena.mem)
            if let base = chars.baseAddress {
                cmark_parser_feed(parser, base, chars.count)
            }
            let root = cmark_parser_finish(parser)!
            cmark_parser_free(parser)
            return (root, arena)
        }
    }

    deinit {
        if let arena {
            CmarkArena.uninstall(arena)
        } else {
            cmark_node_free(root)
        }
    }

    /// A new node of `type` made with the document's allocator, to be linked into the tree.
    func makeNode(_ type: cmark_node_type) -> OpaquePointer? {
        cmark_node_new_with_mem(type, arena == nil ? cmark_get_default_mem_allocator() : CmarkArena.mem)
    }

    /// Releases a buffer libcmark allocated for this document's nodes (`cmark_render_html`'s result).
    func releaseBuffer(_ buffer: UnsafeMutablePointer<CChar>) {
        if arena != nil {
            CmarkArena.release(UnsafeMutableRawPointer(buffer))
        } else {
            free(buffer)
        }
    }

    /// The HTML libcmark renders for `node` (this document's root or one of its nodes) as UTF-8 bytes.
    func renderHTMLBytes(_ node: OpaquePointer, options: Int32) -> [UInt8] {
        guard let buffer = cmark_render_html(node, options) else { return [] }
        defer { releaseBuffer(buffer) }
        return [UInt8](cmarkBuffer: buffer)
    }
}

extension Array where Element == UInt8 {
    /// Copies a NUL-terminated buffer made by libcmark, without the terminator.
    init(cmarkBuffer pointer: UnsafePointer<CChar>) {
        self = Array(UnsafeRawBufferPointer(start: pointer, count: strlen(pointer)))
    }
}

extension String {
    /// Copies a NUL-terminated UTF-8 buffer made by libcmark (always valid UTF-8 for valid input).
    init(cmarkBuffer pointer: UnsafePointer<CChar>) {
        let length = strlen(pointer)
        self = pointer.withMemoryRebound(to: UInt8.self, capacity: length) {
            String(decoding: UnsafeBufferPointer(start: $0, count: length), as: UTF8.self)
        }
    }
}

/// Tree navigation helpers over libcmark nodes.
enum CmarkTree {
    /// Calls `visit` on every block of `root` that is not a container (paragraphs, headings, code and
    /// HTML blocks, thematic breaks), in document order.
    ///
    /// Iterative on purpose: input with tens of thousands of nested block quotes or list items must not
    /// exhaust the stack.
    static func forEachLeafBlock(under root: OpaquePointer, _ visit: (OpaquePointer) -> Void) {
        var current = cmark_node_first_child(root)
        while let node = current {
            if isContainer(node), let child = cmark_node_first_child(node) {
                current = child
                continue
            }
            if !isContainer(node) { visit(node) }
            var climbing: OpaquePointer? = node
            current = nil
            while let step = climbing, step != root {
                if let next = cmark_node_next(step) {
                    current = next
                    break
                }
                climbing = cmark_node_parent(step)
            }
        }
    }

    static func isContainer(_ node: OpaquePointer) -> Bool {
        switch cmark_node_get_type(node) {
        case CMARK_NODE_DOCUMENT, CMARK_NODE_BLOCK_QUOTE, CMARK_NODE_LIST, CMARK_NODE_ITEM, CMARK_NODE_CUSTOM_BLOCK:
            true
        default:
            false
        }
    }

    /// The node's literal (text, code, HTML), or an empty string.
    static func literal(_ node: OpaquePointer) -> String {
        guard let pointer = cmark_node_get_literal(node) else { return "" }
        return String(cmarkBuffer: pointer)
    }
}
