/// Test-side checks that rendered HTML cannot run script: which tags and attributes appear, and where
/// links point after character references are decoded.
enum SafetyScanner {
    /// Tags libcmark writes itself; anything else in safe output would be raw HTML that got through.
    static let cmarkTags: Set<String> = [
        "p", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "blockquote", "pre", "code", "em", "strong", "a",
        "img", "br", "hr",
    ]

    struct Tag {
        let name: String
        let isEnd: Bool
        let attributes: [(String, String?)]
    }

    static func tags(in html: String) -> (tags: [Tag], comments: [String]) {
        var tags: [Tag] = []
        var comments: [String] = []
        for token in HTMLNormalizer.tokenize(html) {
            switch token {
            case .startTag(let name, let attributes, _):
                tags.append(Tag(name: name, isEnd: false, attributes: attributes))
            case .endTag(let name):
                tags.append(Tag(name: name, isEnd: true, attributes: []))
            case .verbatim(let text):
                comments.append(text)
            case .text:
                break
            }
        }
        return (tags, comments)
    }

    /// A URL a browser would execute or load as a document: after decoding references and dropping the
    /// leading white space / control characters and the tabs and newlines that browsers ignore.
    static func isDangerousURL(_ raw: String) -> Bool {
        let decoded = HTMLNormalizer.decodeReferences(raw)
        let cleaned = String(
            String.UnicodeScalarView(
                decoded.unicodeScalars.drop(while: { $0.value <= 0x20 }).filter { $0 != "\t" && $0 != "\n" && $0 != "\r" }
            )
        ).lowercased()
        for scheme in ["javascript:", "vbscript:", "file:", "data:"] where cleaned.hasPrefix(scheme) {
            if scheme == "data:",
                ["data:image/png", "data:image/gif", "data:image/jpeg", "data:image/webp"].contains(where: cleaned.hasPrefix)
            {
                return false
            }
            return true
        }
        return false
    }

    /// Every reason `html` (rendered in safe mode) is not safe; empty when it is.
    static func problems(in html: String) -> [String] {
        var problems: [String] = []
        let lower = html.lowercased()
        for needle in ["<script", "<style", "<iframe", "<svg", "<object", "<embed", "<math", "<![cdata["]
        where lower.contains(needle) {
            problems.append("contains \(needle)")
        }
        let (tags, comments) = tags(in: html)
        for comment in comments where comment != "<!-- raw HTML omitted -->" {
            problems.append("raw comment or declaration \(comment)")
        }
        for tag in tags {
            if !cmarkTags.contains(tag.name) { problems.append("raw element <\(tag.name)>") }
            for (name, value) in tag.attributes {
                if name.hasPrefix("on") { problems.append("event handler \(name) on <\(tag.name)>") }
                if ["href", "src", "action", "formaction", "xlink:href"].contains(name), let value, isDangerousURL(value) {
                    problems.append("dangerous \(name)=\(value)")
                }
            }
        }
        return problems
    }
}
