/// One heading of a document's outline, with the `id` its HTML element carries.
public struct MarkdownHeading: Sendable, Hashable {
    /// 1 to 6.
    public var level: Int
    /// The heading's plain text (links as their text only).
    public var text: String
    /// The `id` attribute of the heading in `MarkdownRenderer.html`, unique within the document.
    public var id: String

    /// An outline entry; `MarkdownRenderer.outline` makes these.
    public init(level: Int, text: String, id: String) {
        self.level = level
        self.text = text
        self.id = id
    }
}
