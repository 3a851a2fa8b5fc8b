import CampaignModel
import Foundation

/// A Markdown file's YAML front matter and body, split at the `---` fences.
struct FrontMatter {
    /// The YAML between the fences.
    var yaml: String
    /// The Markdown after the closing fence.
    var body: String
    /// File line number of the first YAML line, so YAML errors can name the file's own line.
    var yamlFirstLine: Int

    init(splitting text: String, file: String) throws(LoaError) {
        // Lines are taken one at a time up to the body's first line: the body itself is never split.
        var lines = LineCursor(text)
        guard lines.next() == "---" else {
            throw .invalid(InputIssue(file: file, line: 1, problem: "the file does not start with front matter.",
                                      fix: "begin the file with a line '---', the fields (title, summary, status), and another '---'."))
        }
        func notClosed() -> LoaError {
            .invalid(InputIssue(file: file, line: 1, problem: "the front matter is not closed.",
                                fix: "add a line '---' after the last front-matter field."))
        }
        guard let firstYAMLLine = lines.next() else { throw notClosed() }
        var closing = firstYAMLLine
        while closing != "---" {
            guard let line = lines.next() else { throw notClosed() }
            closing = line
        }
        yaml = String(text[firstYAMLLine.startIndex..<closing.startIndex])
        // The body starts at its first line that is not blank, and runs to the end of the text.
        var firstBodyLine: Substring?
        while let line = lines.next() {
            if !line.allSatisfy(\.isWhitespace) {
                firstBodyLine = line
                break
            }
        }
        body = Self.canonicalBody(firstBodyLine.map { String(text[$0.startIndex...]) } ?? "")
        yamlFirstLine = 2
    }

    /// Markdown with trailing blank lines trimmed and exactly one final newline (empty stays empty), so
    /// the text a person saved and the text Loa writes back are the same.
    static func canonicalBody(_ text: String) -> String {
        var trimmed = Substring(text)
        // Trailing ASCII white space is dropped byte by byte; only text that ends in other white space
        // (or a mark that may join it) takes the Character loop, which walks grapheme clusters.
        let utf8 = trimmed.utf8
        var end = utf8.endIndex
        while end > utf8.startIndex {
            let before = utf8.index(before: end)
            let byte = utf8[before]
            guard byte == 0x20 || (0x09...0x0D).contains(byte) else { break }
            end = before
        }
        trimmed = trimmed[..<end]
        if let last = trimmed.utf8.last, last >= 0x80 {
            while let last = trimmed.last, last.isWhitespace { trimmed.removeLast() }
        }
        if trimmed.isEmpty { return "" }
        // `Substring + String` counts the Characters of the whole body first; appending to a copy does not.
        var result = String(trimmed)
        result.append("\n")
        return result
    }
}

/// The lines of a text one by one, split as `String.lineSlices()` splits them.
struct LineCursor {
    private let text: String
    private var start: String.Index
    private var finished = false

    init(_ text: String) {
        self.text = text
        start = text.startIndex
    }

    mutating func next() -> Substring? {
        guard !finished else { return nil }
        let utf8 = text.utf8
        var index = start
        var previous: UInt8 = index > utf8.startIndex ? utf8[utf8.index(before: index)] : 0
        while index != utf8.endIndex {
            let byte = utf8[index]
            if byte == UInt8(ascii: "\n"), previous != UInt8(ascii: "\r") {
                let line = text[start..<index]
                start = utf8.index(after: index)
                return line
            }
            previous = byte
            utf8.formIndex(after: &index)
        }
        finished = true
        return text[start...]
    }
}

extension String {
    /// The same lines as `split(separator: "\n", omittingEmptySubsequences: false)`, found by scanning bytes
    /// rather than Characters, which costs a fraction: a line feed is a Character of its own unless a
    /// carriage return comes right before it.
    func lineSlices() -> [Substring] {
        var lines: [Substring] = []
        var start = startIndex, index = utf8.startIndex
        var previous: UInt8 = 0
        while index != utf8.endIndex {
            let byte = utf8[index]
            if byte == UInt8(ascii: "\n"), previous != UInt8(ascii: "\r") {
                lines.append(self[start..<index])
                start = utf8.index(after: index)
            }
            previous = byte
            utf8.formIndex(after: &index)
        }
        lines.append(self[start...])
        return lines
    }

    /// The text without leading and trailing white space, scalar by scalar as Foundation's
    /// `trimmingCharacters(in: .whitespacesAndNewlines)` does, and without copying text that has none.
    func trimmingWhitespace() -> String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
              let last = scalars.lastIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        if first == scalars.startIndex, scalars.index(after: last) == scalars.endIndex { return self }
        return String(scalars[first...last])
    }
}

/// Writes YAML in one canonical form, so that export → import → export gives byte-identical files.
///
/// Text stays plain where YAML would read it back unchanged, and is double-quoted with escapes otherwise.
enum YAMLWriter {
    static func scalar(_ text: String) -> String {
        needsQuotes(text, inFlow: false) ? quoted(text) : text
    }

    static func list(_ items: [String]) -> String {
        "[" + items.map { needsQuotes($0, inFlow: true) ? quoted($0) : $0 }.joined(separator: ", ") + "]"
    }

    static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F || (0x80...0x9F).contains(scalar.value)
                    || scalar.value == 0x2028 || scalar.value == 0x2029 || scalar.value == 0xFEFF {
                    out += String(format: "\\u%04X", scalar.value)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    private static let reservedWords: Set<String> = [
        "", "~", "null", "true", "false", "yes", "no", "on", "off", "y", "n",
    ]

    /// Whether `text` must be quoted to read back as the same string. `inFlow` is for items of a `[a, b]`
    /// list, where commas and brackets also end a value.
    static func needsQuotes(_ text: String, inFlow: Bool) -> Bool {
        if text.utf8.count <= 5, reservedWords.contains(text.lowercased()) { return true }
        guard let first = text.unicodeScalars.first, let last = text.unicodeScalars.last else { return true }
        // Only text that starts like a number can read as one; parsing every value costs an import dearly.
        if "0123456789+-.iInNsS".unicodeScalars.contains(first), Double(text) != nil || Int(text) != nil { return true }
        if " \t".unicodeScalars.contains(first) || " \t".unicodeScalars.contains(last) { return true }
        if "-?:,[]{}#&*!|>'\"%@`".unicodeScalars.contains(first) { return true }
        if last == ":" { return true }
        // ": " and " #" (a key or a comment inside the value), and in a flow list `,[]{}`, in one pass.
        var previous: UInt8 = 0
        for byte in text.utf8 {
            if (previous == UInt8(ascii: ":") && byte == UInt8(ascii: " ")) || (previous == UInt8(ascii: " ") && byte == UInt8(ascii: "#")) {
                return true
            }
            if inFlow, byte == UInt8(ascii: ",") || byte == UInt8(ascii: "[") || byte == UInt8(ascii: "]")
                || byte == UInt8(ascii: "{") || byte == UInt8(ascii: "}") {
                return true
            }
            previous = byte
        }
        for scalar in text.unicodeScalars where scalar.value < 0x20 || scalar.value == 0x7F
            || (0x80...0x9F).contains(scalar.value) || scalar.value == 0x2028 || scalar.value == 0x2029
            || scalar.value == 0xFEFF || scalar == "\u{A0}" {
            return true
        }
        return false
    }
}
