/// Control characters in the text people read, which Loa refuses.
///
/// They are invisible on screen and in print, HTML does not allow them, and one of them in an SMS text is
/// outside the GSM-7 alphabet, so the whole message goes out as UCS-2: 70 characters a part instead of 160,
/// at twice the cost, with nothing on screen to say why. They come from copying out of word processors and
/// from text decoded with the wrong encoding (the C1 controls). Tab and line feed are the only ones text
/// needs. A carriage return is refused too: files and the API turn CRLF line ends into LF before they get here.
public enum ControlCharacters {
    /// A refused control character and where it is.
    public struct Found: Sendable, Hashable {
        public var scalar: Unicode.Scalar
        /// 1-based line of the text it is in.
        public var line: Int
        /// 1-based column, in characters.
        public var column: Int

        /// "U+0008 (backspace)".
        public var name: String {
            let code = String(scalar.value, radix: 16, uppercase: true)
            return "U+" + String(repeating: "0", count: max(0, 4 - code.count)) + code + " (\(ControlCharacters.name(of: scalar)))"
        }

        /// The input issue: `field` of `file` when a field holds the text, else the file; `line` counted in
        /// that text.
        public func issue(file: String?, field: String? = nil, locale: String? = nil) -> InputIssue {
            InputIssue(file: file, line: line, field: field, locale: locale,
                       problem: "\(field.map { "the \($0)" } ?? "the text") holds the invisible control character \(name) "
                           + "at line \(line), column \(column).",
                       fix: "delete it (it often comes from copying out of a word processor); text keeps only tabs and line breaks.")
        }
    }

    /// The first refused control character in `text` (C0 other than tab and line feed, DEL, C1), or nil.
    ///
    /// One pass over the UTF-8 bytes finds whether there is one (every file of an import goes through
    /// here); only then are lines and columns counted.
    public static func first(in text: String) -> Found? {
        var text = text
        let offset = text.withUTF8 { bytes -> Int? in
            for index in bytes.indices {
                let byte = bytes[index]
                if byte < 0x20 {
                    if byte != 0x09 && byte != 0x0A { return index }
                } else if byte == 0x7F {
                    return index
                } else if byte == 0xC2, index + 1 < bytes.count, (0x80...0x9F).contains(bytes[index + 1]) {
                    return index
                }
            }
            return nil
        }
        guard let offset else { return nil }
        let utf8 = text.utf8
        let position = utf8.index(utf8.startIndex, offsetBy: offset)
        let before = text[..<position]
        let line = before.reduce(1) { $1 == "\n" ? $0 + 1 : $0 }
        let lineStart = before.lastIndex(of: "\n").map { text.index(after: $0) } ?? text.startIndex
        return Found(scalar: text.unicodeScalars[position], line: line, column: text[lineStart..<position].count + 1)
    }

    private static func name(of scalar: Unicode.Scalar) -> String {
        switch scalar.value {
        case 0x00: "null"
        case 0x08: "backspace"
        case 0x0B: "vertical tab"
        case 0x0C: "form feed"
        case 0x0D: "carriage return"
        case 0x1B: "escape"
        case 0x7F: "delete"
        case 0x80...0x9F: "a C1 control, often left by text decoded as Windows-1252"
        default: "a control character"
        }
    }
}
