/// A leaf block of a document (paragraph, heading, code block, HTML block, thematic break), for telling
/// translators which parts of a source changed.
///
/// Container blocks (block quotes, lists, list items) are not listed themselves: their paragraphs and other
/// leaf blocks are, in document order. Two versions of a document can be compared block by block by hashing
/// `kind` and `markdown` (formatting and link changes count) or `kind` and `text` (only wording counts).
public struct MarkdownBlock: Sendable, Hashable {
    /// What kind of leaf block this is.
    public enum Kind: Sendable, Hashable {
        case paragraph
        case heading(level: Int)
        /// A fenced or indented code block; `info` is the fence's info string (empty when indented).
        case codeBlock(info: String)
        case htmlBlock
        case thematicBreak
    }

    public var kind: Kind
    /// The plain text of the block as `MarkdownRenderer.plainText` writes it (links as text only, no list
    /// marker). A code block's code; an HTML block's raw HTML; empty for a thematic break.
    public var text: String
    /// First source line, 1-based.
    public var startLine: Int
    /// Last source line, 1-based (inclusive).
    public var endLine: Int
    /// The source lines `startLine...endLine` of the (NFC) input, joined with "\n". Container markers
    /// on those lines (`> `, `- `) are included.
    public var markdown: String

    public init(kind: Kind, text: String, startLine: Int, endLine: Int, markdown: String) {
        self.kind = kind
        self.text = text
        self.startLine = startLine
        self.endLine = endLine
        self.markdown = markdown
    }
}
