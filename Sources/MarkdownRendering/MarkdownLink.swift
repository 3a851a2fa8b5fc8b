/// A link or image of a document, as needed to check that its target still exists.
public struct MarkdownLink: Sendable, Hashable {
    /// Whether the node is a link (`[text](url)`, `<url>`, reference links) or an image.
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        case link
        case image
    }

    /// Link or image.
    public var kind: Kind
    /// The destination as written, after entity and backslash-escape decoding (not percent-encoded).
    public var url: String
    /// The title, or an empty string.
    public var title: String
    /// The link text or the image's alt text, as plain text (at most 512 bytes).
    public var text: String
    /// The first source line (1-based) of the paragraph or heading that holds the link.
    public var line: Int
    /// True for `javascript:`, `vbscript:`, `file:` and non-image `data:` URLs, which safe rendering drops.
    public var isDangerous: Bool

    /// A link record; `MarkdownRenderer.links` makes these.
    public init(kind: Kind, url: String, title: String, text: String, line: Int, isDangerous: Bool) {
        self.kind = kind
        self.url = url
        self.title = title
        self.text = text
        self.line = line
        self.isDangerous = isDangerous
    }
}
