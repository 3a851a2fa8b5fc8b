/// A leaf block of a document (paragraph, heading, code block, HTML block, thematic break), for telling
/// translators which parts of a source changed.
///
/// Container blocks (block quotes, lists, list items) are not listed themselves: their paragraphs and other
/// leaf blocks are, in document order. Two versions of a document can be compared block by block by hashing
/// `kind` and `markdown` (formatting and link changes count) or `kind` and `text` (only wording counts).
public struct MarkdownBlock: Sendable, Hashable {
    /// What kind of leaf block this is.
    public enum Kind: Sendable, Hashable {
        /// A paragraph, also inside a list item or block quote.
        case paragraph
        /// An ATX or setext heading, level 1 to 6.
        case heading(level: Int)
        /// A fenced or indented code block; `info` is the fence's info string (empty when indented).
        case codeBlock(info: String)
        /// Raw HTML (left out of HTML output in safe mode).
        case htmlBlock
        /// `***`, `---` or `___`.
        case thematicBreak
    }

    /// What kind of block this is.
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

    /// A block record; `MarkdownRenderer.blocks` makes these.
    public init(kind: Kind, text: String, startLine: Int, endLine: Int, markdown: String) {
        self.kind = kind
        self.text = text
        self.startLine = startLine
        self.endLine = endLine
        self.markdown = markdown
    }
}
