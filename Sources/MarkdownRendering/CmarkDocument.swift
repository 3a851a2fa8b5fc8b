import Foundation
import CCmark

/// A parsed libcmark document tree that frees itself.
///
/// Non-copyable so that exactly one owner calls `cmark_node_free` on the root, which frees every node
/// still attached to it. Nodes unlinked from the tree must be freed by whoever unlinks them.
struct CmarkDocument: ~Copyable {
    /// The `CMARK_NODE_DOCUMENT` root.
    let root: OpaquePointer

    /// Parses `markdown` (already NFC) with libcmark's parse `options` (`CMARK_OPT_*`).
    ///
    /// The text is passed with its length, so NUL characters cannot cut it short (libcmark replaces them
    /// with U+FFFD as the spec requires).
    init(parsing markdown: String, options: Int32) {
        var text = markdown
        root = text.withUTF8 { bytes -> OpaquePointer in
            bytes.withMemoryRebound(to: CChar.self) { chars in
                if let base = chars.baseAddress {
                    return cmark_parse_document(base, chars.count, options)
                }
                return cmark_parse_document("", 0, options)
            }
        }
    }

    /// Parses UTF-8 `bytes` (well-formed, already NFC) in place, without copying them first.
    init(parsingUTF8 bytes: UnsafeBufferPointer<UInt8>, options: Int32) {
        root = bytes.withMemoryRebound(to: CChar.self) { chars in
            if let base = chars.baseAddress {
                return cmark_parse_document(base, chars.count, options)
            }
            return cmark_parse_document("", 0, options)
        }
    }

    deinit {
        cmark_node_free(root)
    }

    /// The HTML libcmark renders for `node` and its descendants, with its buffer freed.
    static func renderHTML(_ node: OpaquePointer, options: Int32) -> String {
        guard let buffer = cmark_render_html(node, options) else { return "" }
        defer { free(buffer) }
        return String(cmarkBuffer: buffer)
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
