/// Everything Loa derives from one Markdown document, computed from a single parse.
public struct MarkdownAnalysis: Sendable, Hashable {
    /// As `MarkdownRenderer.html`.
    public var html: String
    /// As `MarkdownRenderer.plainText`.
    public var plainText: String
    /// The headings in document order, with the ids used in `html`.
    public var outline: [MarkdownHeading]
    /// Links and images in document order.
    public var links: [MarkdownLink]
    /// Whitespace-separated tokens of `plainText`.
    public var wordCount: Int
    /// Whitespace-separated tokens of the plain text written without link URLs: what a person reads aloud.
    public var spokenWordCount: Int
    /// Swift `Character`s (grapheme clusters) of `plainText`.
    public var characterCount: Int

    public init(
        html: String, plainText: String, outline: [MarkdownHeading], links: [MarkdownLink], wordCount: Int,
        spokenWordCount: Int, characterCount: Int
    ) {
        self.html = html
        self.plainText = plainText
        self.outline = outline
        self.links = links
        self.wordCount = wordCount
        self.spokenWordCount = spokenWordCount
        self.characterCount = characterCount
    }

    /// Seconds to read `plainText` silently at `wordsPerMinute` (values below 1 count as 1).
    public func readingSeconds(wordsPerMinute: Double) -> Double {
        Double(wordCount) * 60 / max(wordsPerMinute, 1)
    }

    /// Seconds to read the text aloud (URLs are not spoken) at `wordsPerMinute` (values below 1 count as 1),
    /// for loudspeaker and radio scripts.
    public func readAloudSeconds(wordsPerMinute: Double) -> Double {
        Double(spokenWordCount) * 60 / max(wordsPerMinute, 1)
    }

    /// Counts whitespace-separated tokens (space, tab, newline, and other Unicode white space).
    static func countWords(_ text: String) -> Int {
        var count = 0
        var inWord = false
        for scalar in text.unicodeScalars {
            if scalar.properties.isWhitespace {
                inWord = false
            } else if !inWord {
                inWord = true
                count += 1
            }
        }
        return count
    }
}
