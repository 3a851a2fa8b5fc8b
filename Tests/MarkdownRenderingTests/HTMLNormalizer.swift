/// A Swift port of the essential parts of `test/normalize.py` of commonmark-spec, which the spec's own test
/// runner applies to both the expected and the actual HTML before comparing them.
///
/// Like the original: text whitespace collapses to one space outside `<pre>`; whitespace next to block-level
/// tags is removed; a newline right after `<br>` is dropped; tag and attribute names are lower-cased and
/// attributes sorted, their values entity-decoded and re-escaped; self-closing `<x />` becomes `<x>`;
/// character references in text are decoded (numeric ones, and the named ones in `namedEntities`) and `<`,
/// `>`, `&`, `"` are written as `&lt;`, `&gt;`, `&amp;`, `&quot;`; comments, declarations, processing
/// instructions and CDATA pass through unchanged.
enum HTMLNormalizer {
    static let blockTags: Set<String> = [
        "article", "header", "aside", "hgroup", "blockquote", "hr", "iframe", "body", "li", "map", "button",
        "object", "canvas", "ol", "output", "dl", "pre", "video", "fieldset", "p", "dt", "main", "figure", "ul",
        "dd", "h1", "h2", "h3", "h4", "h5", "h6", "table", "tbody", "td", "tr", "th", "thead", "caption", "tfoot",
        "figcaption", "footer", "nav", "section", "form", "address", "center", "details", "summary", "div",
        "dir", "menu", "frameset", "frame", "noframes", "applet", "html", "head", "title", "legend", "optgroup",
        "option", "colgroup", "col", "noscript", "script", "style", "textarea",
    ]

    /// The named references Python's `html.entities.name2codepoint` knows that occur in the spec or in
    /// libcmark's output; unknown names are left as written, exactly like normalize.py does.
    static let namedEntities: [String: Character] = [
        "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "nbsp": "\u{A0}", "copy": "©", "AElig": "Æ",
        "Dcaron": "Ď", "frac34": "¾", "HilbertSpace": "ℋ", "DifferentialD": "ⅆ", "ClockwiseContourIntegral": "∲",
        "ngE": "≧̸", "ouml": "ö", "auml": "ä", "uuml": "ü", "eacute": "é", "egrave": "è", "hellip": "…",
        "mdash": "—", "ndash": "–", "ldquo": "“", "rdquo": "”", "lsquo": "‘", "rsquo": "’", "laquo": "«",
        "raquo": "»", "deg": "°", "apos": "'", "middot": "·", "times": "×",
    ]

    enum Token {
        case text(String)
        case startTag(name: String, attributes: [(String, String?)], selfClosing: Bool)
        case endTag(String)
        case verbatim(String)
    }

    static func normalize(_ html: String) -> String {
        var output = ""
        var last = "starttag"
        var lastTag = ""
        var inPre = false
        for token in tokenize(html) {
            switch token {
            case .text(var data):
                let afterTag = last == "endtag" || last == "starttag"
                let afterBlockTag = afterTag && blockTags.contains(lastTag)
                if afterTag, lastTag == "br" { data = String(data.drop(while: { $0 == "\n" })) }
                if !inPre { data = collapseWhitespace(data) }
                if afterBlockTag, !inPre {
                    if last == "starttag" {
                        data = String(data.drop(while: \.isWhitespace))
                    } else {
                        data = data.trimmingWhitespace()
                    }
                }
                output += escapeText(decodeReferences(data))
                last = "data"
            case .startTag(let name, var attributes, let selfClosing):
                if name == "pre" { inPre = true }
                if blockTags.contains(name) { output = output.trimmingTrailingWhitespace() }
                output += "<" + name
                attributes.sort { $0.0 < $1.0 || ($0.0 == $1.0 && ($0.1 ?? "") < ($1.1 ?? "")) }
                for (key, value) in attributes {
                    output += " " + key
                    if let value { output += "=\"" + escapeAttribute(decodeReferences(value)) + "\"" }
                }
                output += ">"
                lastTag = name
                last = selfClosing ? "endtag" : "starttag"
            case .endTag(let name):
                if name == "pre" {
                    inPre = false
                } else if blockTags.contains(name) {
                    output = output.trimmingTrailingWhitespace()
                }
                output += "</" + name + ">"
                lastTag = name
                last = "endtag"
            case .verbatim(let text):
                output += text
                last = "comment"
            }
        }
        return output
    }

    // MARK: - Tokenizer

    static func tokenize(_ html: String) -> [Token] {
        let chars = Array(html.unicodeScalars)
        var tokens: [Token] = []
        var index = 0
        var text = String.UnicodeScalarView()
        func flushText() {
            if !text.isEmpty { tokens.append(.text(String(text))) }
            text = String.UnicodeScalarView()
        }
        func starts(_ prefix: String, at position: Int) -> Bool {
            let p = Array(prefix.unicodeScalars)
            guard position + p.count <= chars.count else { return false }
            return (0..<p.count).allSatisfy { chars[position + $0] == p[$0] }
        }
        func find(_ needle: String, from position: Int) -> Int? {
            var i = position
            while i < chars.count {
                if starts(needle, at: i) { return i }
                i += 1
            }
            return nil
        }
        while index < chars.count {
            let c = chars[index]
            guard c == "<" else {
                text.append(c)
                index += 1
                continue
            }
            let verbatimEnds: [(String, String)] = [("<!--", "-->"), ("<![CDATA[", "]]>"), ("<?", ">"), ("<!", ">")]
            if let (_, close) = verbatimEnds.first(where: { starts($0.0, at: index) }),
                let end = find(close, from: index + 2)
            {
                flushText()
                let stop = end + close.unicodeScalars.count
                tokens.append(.verbatim(String(String.UnicodeScalarView(chars[index..<stop]))))
                index = stop
                continue
            }
            if let (token, next) = parseTag(chars, at: index) {
                flushText()
                tokens.append(token)
                index = next
                continue
            }
            text.append(c)
            index += 1
        }
        flushText()
        return tokens
    }

    private static func isNameScalar(_ c: Unicode.Scalar) -> Bool {
        c.properties.isAlphabetic || ("0"..."9").contains(c) || c == "-" || c == "_" || c == ":" || c == "."
    }

    /// Parses `<name attr=value ...>` or `</name>` at `start`; nil when it is not a tag.
    private static func parseTag(_ chars: [Unicode.Scalar], at start: Int) -> (Token, Int)? {
        var i = start + 1
        let isEnd = i < chars.count && chars[i] == "/"
        if isEnd { i += 1 }
        guard i < chars.count, chars[i].properties.isAlphabetic else { return nil }
        var name = ""
        while i < chars.count, isNameScalar(chars[i]) {
            name.unicodeScalars.append(chars[i])
            i += 1
        }
        name = name.lowercased()
        var attributes: [(String, String?)] = []
        var selfClosing = false
        while i < chars.count {
            while i < chars.count, chars[i].properties.isWhitespace { i += 1 }
            guard i < chars.count else { return nil }
            if chars[i] == ">" { i += 1; break }
            if chars[i] == "/", i + 1 < chars.count, chars[i + 1] == ">" {
                selfClosing = true
                i += 2
                break
            }
            var key = ""
            while i < chars.count, !chars[i].properties.isWhitespace, !["=", ">", "/"].contains(chars[i]) {
                key.unicodeScalars.append(chars[i])
                i += 1
            }
            if key.isEmpty { return nil }
            while i < chars.count, chars[i].properties.isWhitespace { i += 1 }
            var value: String?
            if i < chars.count, chars[i] == "=" {
                i += 1
                while i < chars.count, chars[i].properties.isWhitespace { i += 1 }
                guard i < chars.count else { return nil }
                var v = ""
                if chars[i] == "\"" || chars[i] == "'" {
                    let quote = chars[i]
                    i += 1
                    while i < chars.count, chars[i] != quote {
                        v.unicodeScalars.append(chars[i])
                        i += 1
                    }
                    guard i < chars.count else { return nil }
                    i += 1
                } else {
                    while i < chars.count, !chars[i].properties.isWhitespace, chars[i] != ">" {
                        v.unicodeScalars.append(chars[i])
                        i += 1
                    }
                }
                value = v
            }
            attributes.append((key.lowercased(), value))
        }
        if isEnd { return (.endTag(name), i) }
        return (.startTag(name: name, attributes: attributes, selfClosing: selfClosing), i)
    }

    // MARK: - Text helpers

    /// Decodes `&name;`, `&#123;` and `&#x7B;`; unknown or malformed references stay as written.
    static func decodeReferences(_ text: String) -> String {
        guard text.contains("&") else { return text }
        var result = ""
        var rest = Substring(text)
        while let amp = rest.firstIndex(of: "&") {
            result += rest[..<amp]
            let after = rest[rest.index(after: amp)...]
            if let semicolon = after.prefix(40).firstIndex(of: ";") {
                let name = after[..<semicolon]
                var decoded: String?
                if name.hasPrefix("#x") || name.hasPrefix("#X") {
                    decoded = UInt32(name.dropFirst(2), radix: 16).flatMap(Unicode.Scalar.init).map { String($0) }
                } else if name.hasPrefix("#") {
                    decoded = UInt32(name.dropFirst(), radix: 10).flatMap(Unicode.Scalar.init).map { String($0) }
                } else if let character = namedEntities[String(name)] {
                    decoded = String(character)
                }
                if let decoded {
                    result += decoded
                    rest = after[after.index(after: semicolon)...]
                    continue
                }
            }
            result += "&"
            rest = after
        }
        return result + rest
    }

    static func escapeText(_ text: String) -> String {
        var result = ""
        for c in text {
            switch c {
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "&": result += "&amp;"
            case "\"": result += "&quot;"
            default: result.append(c)
            }
        }
        return result
    }

    static func escapeAttribute(_ text: String) -> String { escapeText(text) }

    static func collapseWhitespace(_ text: String) -> String {
        var result = ""
        var inSpace = false
        for scalar in text.unicodeScalars {
            if [" ", "\t", "\n", "\r", "\u{0C}", "\u{0B}"].contains(scalar) {
                if !inSpace { result.append(" ") }
                inSpace = true
            } else {
                result.unicodeScalars.append(scalar)
                inSpace = false
            }
        }
        return result
    }
}

extension String {
    func trimmingWhitespace() -> String {
        String(drop(while: \.isWhitespace)).trimmingTrailingWhitespace()
    }

    func trimmingTrailingWhitespace() -> String {
        var copy = Substring(self)
        while let last = copy.last, last.isWhitespace { copy = copy.dropLast() }
        return String(copy)
    }
}
