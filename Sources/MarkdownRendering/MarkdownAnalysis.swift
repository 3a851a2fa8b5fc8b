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

    /// An analysis record; `MarkdownRenderer.analyze` makes these.
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
        Self.readAloudSeconds(spokenWords: spokenWordCount, wordsPerMinute: wordsPerMinute)
    }

    /// Seconds to read `spokenWords` words aloud at `wordsPerMinute` (values below 1 count as 1).
    public static func readAloudSeconds(spokenWords: Int, wordsPerMinute: Double) -> Double {
        Double(spokenWords) * 60 / max(wordsPerMinute, 1)
    }

    /// Counts tokens separated by Unicode `White_Space` characters (space, tab, line breaks, no-break and
    /// other spaces), scanning UTF-8 directly.
    static func countWords(_ text: String) -> Int {
        var copy = text
        return copy.withUTF8 { countWords(utf8: $0) }
    }

    /// `countWords` of the UTF-8 text in `bytes`.
    static func countWords(utf8 bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var count = 0
        var inWord = false
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            let length: Int
            let isSpace: Bool
            switch byte {
            case 0x09...0x0D, 0x20:
                length = 1
                isSpace = true
            case ..<0x80:
                length = 1
                isSpace = false
            case 0xC2:
                length = 2
                isSpace = index + 1 < bytes.count && (bytes[index + 1] == 0x85 || bytes[index + 1] == 0xA0)
            case 0xE1:
                length = 3
                isSpace = index + 2 < bytes.count && bytes[index + 1] == 0x9A && bytes[index + 2] == 0x80  // U+1680
            case 0xE2:
                length = 3
                if index + 2 < bytes.count {
                    let second = bytes[index + 1]
                    let third = bytes[index + 2]
                    // U+2000–U+200A, U+2028, U+2029, U+202F, U+205F
                    isSpace =
                        (second == 0x80 && (third <= 0x8A || third == 0xA8 || third == 0xA9 || third == 0xAF))
                        || (second == 0x81 && third == 0x9F)
                } else {
                    isSpace = false
                }
            case 0xE3:
                length = 3
                isSpace = index + 2 < bytes.count && bytes[index + 1] == 0x80 && bytes[index + 2] == 0x80  // U+3000
            case 0xC0...0xDF: length = 2; isSpace = false
            case 0xE0...0xEF: length = 3; isSpace = false
            default: length = byte >= 0xF0 ? 4 : 1; isSpace = false
            }
            if isSpace {
                inWord = false
            } else if !inWord {
                inWord = true
                count += 1
            }
            index += length
        }
        return count
    }

    /// `text.count` (grapheme clusters), computed by counting scalars when every scalar is known to form a
    /// cluster of its own (ASCII, U+00A0–U+02FF, U+1E00–U+1EFF, U+2010–U+206F: no combining marks, joiners
    /// or Hangul), with CR LF counted once. Anything else falls back to `String.count`.
    static func countCharacters(_ text: String) -> Int {
        var copy = text
        let fast = copy.withUTF8 { bytes -> Int? in
            var count = 0
            var index = 0
            var previous: UInt8 = 0
            while index < bytes.count {
                let byte = bytes[index]
                if byte < 0x80 {
                    if !(byte == 0x0A && previous == 0x0D) { count += 1 }
                    previous = byte
                    index += 1
                    continue
                }
                previous = byte
                if (0xC2...0xCB).contains(byte) {
                    if byte == 0xC2, bytes[index + 1] < 0xA0 { return nil }  // C1 controls: rare, be exact
                    index += 2
                } else if byte == 0xE1, (0xB8...0xBB).contains(bytes[index + 1]) {
                    index += 3
                } else if byte == 0xE2, (bytes[index + 1] == 0x80 && bytes[index + 2] >= 0x90) || bytes[index + 1] == 0x81 {
                    index += 3
                } else {
                    return nil
                }
                count += 1
            }
            return count
        }
        return fast ?? text.count
    }
}
