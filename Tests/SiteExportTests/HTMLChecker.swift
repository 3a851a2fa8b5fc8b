import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// A strict checker for the HTML the site exporter writes: HTML5 with every element closed (void elements
/// written `<br />`), so that it is both well-formed HTML5 and well-formed XML.
///
/// It tokenises the page itself (doctype, tags, attributes, entities, nesting, void elements, `<p>` never
/// holding blocks) and also runs libxml2's XML parser through Foundation's `XMLParser`.
struct HTMLChecker {
    struct Tag {
        var name: String
        var attributes: [String: String]
    }

    static let voidElements: Set<String> = ["area", "base", "br", "col", "embed", "hr", "img", "input", "link",
                                            "meta", "source", "track", "wbr"]
    static let blockElements: Set<String> = ["address", "article", "aside", "blockquote", "div", "dl", "fieldset",
                                             "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr",
                                             "main", "nav", "ol", "p", "pre", "section", "table", "ul"]

    /// Every start tag in document order.
    private(set) var tags: [Tag] = []
    private(set) var problems: [String] = []
    /// Every `id` attribute.
    var ids: Set<String> { Set(tags.compactMap { $0.attributes["id"] }) }

    init(_ html: String) {
        check(html)
        checkXML(html)
    }

    private mutating func check(_ html: String) {
        let doctype = "<!DOCTYPE html>\n"
        guard html.hasPrefix(doctype) else {
            problems.append("does not start with \(doctype)")
            return
        }
        let chars = Array(html.unicodeScalars)
        var index = doctype.unicodeScalars.count
        var stack: [String] = []
        var line = 2
        func fail(_ message: String) { problems.append("line \(line): \(message)") }
        while index < chars.count {
            let char = chars[index]
            if char == "\n" { line += 1 }
            if char == "&" {
                var end = index + 1
                while end < chars.count, end - index < 12, chars[end] != ";" { end += 1 }
                let entity = String(String.UnicodeScalarView(chars[index..<min(end + 1, chars.count)]))
                if !Self.validEntity(entity) { fail("bad character reference \(entity)") }
                index += 1
                continue
            }
            if char == ">" { fail("raw '>' in text") }
            guard char == "<" else { index += 1; continue }
            if chars[index...].starts(with: "<!--".unicodeScalars) {
                guard let end = find("-->", in: chars, from: index + 4) else { fail("unclosed comment"); return }
                index = end + 3
                continue
            }
            guard let close = chars[index...].firstIndex(of: ">") else { fail("unclosed tag"); return }
            let body = String(String.UnicodeScalarView(chars[(index + 1)..<close]))
            line += body.filter { $0 == "\n" }.count
            index = close + 1
            if body.hasPrefix("/") {
                let name = String(body.dropFirst())
                if Self.voidElements.contains(name) { fail("end tag for void element </\(name)>") }
                guard let open = stack.popLast() else { fail("</\(name)> closes nothing"); continue }
                if open != name { fail("</\(name)> closes <\(open)>") }
                continue
            }
            var selfClosing = false
            var content = Substring(body)
            if content.hasSuffix("/") { selfClosing = true; content = content.dropLast() }
            guard let tag = parseTag(content, fail: fail) else { continue }
            tags.append(tag)
            if Self.blockElements.contains(tag.name), stack.last == "p" { fail("<\(tag.name)> inside <p>") }
            if Self.voidElements.contains(tag.name) {
                if !selfClosing { fail("void element <\(tag.name)> not written as <\(tag.name) />") }
            } else {
                if selfClosing { fail("non-void element <\(tag.name) /> self-closed") }
                stack.append(tag.name)
            }
        }
        if !stack.isEmpty { problems.append("unclosed elements at the end: \(stack)") }
        for name in ["html", "head", "body", "title", "main"] where tags.filter({ $0.name == name }).count != 1 {
            problems.append("expected exactly one <\(name)>")
        }
    }

    private func parseTag(_ text: Substring, fail: (String) -> Void) -> Tag? {
        var rest = text
        let name = String(rest.prefix { $0.isLetter || $0.isNumber })
        guard !name.isEmpty, name == name.lowercased() else { fail("bad tag name in <\(text)>"); return nil }
        rest = rest.dropFirst(name.count)
        var attributes: [String: String] = [:]
        while true {
            let trimmed = rest.drop { $0 == " " || $0 == "\n" }
            if trimmed.isEmpty { break }
            guard trimmed.count < rest.count else { fail("attributes of <\(name)> not separated by spaces"); return nil }
            rest = trimmed
            let attribute = String(rest.prefix { $0.isLetter || $0.isNumber || $0 == "-" })
            guard !attribute.isEmpty else { fail("bad attribute in <\(text)>"); return nil }
            rest = rest.dropFirst(attribute.count)
            guard rest.hasPrefix("=\"") else { fail("attribute \(attribute) of <\(name)> is not name=\"value\""); return nil }
            rest = rest.dropFirst(2)
            guard let end = rest.firstIndex(of: "\"") else { fail("unclosed attribute value in <\(name)>"); return nil }
            let value = String(rest[..<end])
            if value.contains("<") { fail("'<' in attribute \(attribute) of <\(name)>") }
            if attributes[attribute] != nil { fail("duplicate attribute \(attribute) in <\(name)>") }
            attributes[attribute] = Self.decode(value)
            rest = rest[rest.index(after: end)...]
        }
        return Tag(name: name, attributes: attributes)
    }

    private func find(_ needle: String, in chars: [Unicode.Scalar], from start: Int) -> Int? {
        let pattern = Array(needle.unicodeScalars)
        var index = start
        while index + pattern.count <= chars.count {
            if Array(chars[index..<(index + pattern.count)]) == pattern { return index }
            index += 1
        }
        return nil
    }

    static func validEntity(_ entity: String) -> Bool {
        if ["&amp;", "&lt;", "&gt;", "&quot;", "&#39;"].contains(entity) { return true }
        guard entity.hasPrefix("&#"), entity.hasSuffix(";") else { return false }
        let digits = entity.dropFirst(2).dropLast()
        if digits.hasPrefix("x") { return !digits.dropFirst().isEmpty && digits.dropFirst().allSatisfy(\.isHexDigit) }
        return !digits.isEmpty && digits.allSatisfy(\.isNumber)
    }

    static func decode(_ value: String) -> String {
        value.replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
            .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&amp;", with: "&")
    }

    private mutating func checkXML(_ html: String) {
        let parser = XMLParser(data: Data(html.utf8))
        if !parser.parse() {
            problems.append("XML parser: line \(parser.lineNumber): \(parser.parserError.map { "\($0)" } ?? "error")")
        }
    }
}
