/// Why raw bytes could not be accepted as Markdown text.
public enum MarkdownInputError: Error, Sendable, Hashable {
    /// The bytes are not well-formed UTF-8; `byteOffset` is the zero-based offset of the first byte of the
    /// first ill-formed sequence (equivalently, the length of the longest well-formed prefix).
    case invalidUTF8(byteOffset: Int)
}

extension MarkdownInputError: CustomStringConvertible {
    public var description: String {
        switch self {
        case .invalidUTF8(let byteOffset):
            "The text is not valid UTF-8: the first invalid byte is at offset \(byteOffset). Save the file as UTF-8."
        }
    }
}
