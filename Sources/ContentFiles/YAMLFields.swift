import CampaignModel
import Foundation
import Yams

/// Typed access to the fields of one YAML mapping, turning every mistake into an `InputIssue` that names
/// the file, the line and the field.
///
/// `lineOffset` shifts Yams' line numbers for YAML that sits inside a larger file (front matter starts on
/// line 2 of a Markdown file). Accessors return nil for a missing or malformed field and record why in
/// `issues`, so one read reports every mistake in a file at once.
final class YAMLFields {
    let file: String
    let lineOffset: Int
    let mapping: Node.Mapping
    /// Line of each key's value, in the YAML text (add `lineOffset` for the file's line).
    let valueLines: [String: Int]
    let line: Int?
    /// The values by key, made once: `Node.Mapping`'s subscript compares whole nodes pair by pair, and
    /// every file asks for each of its fields.
    private let values: [String: Node]
    /// The keys, in file order.
    let keys: [String]
    private(set) var issues: [InputIssue] = []

    /// Parses `text` and requires a mapping at its root.
    init(parsing text: String, file: String, lineOffset: Int = 0) throws(LoaError) {
        self.file = file
        self.lineOffset = lineOffset
        if let plain = PlainYAML.compose(text) {
            mapping = plain.mapping
            valueLines = plain.valueLines
            line = plain.firstLine + lineOffset
            (values, keys) = Self.index(mapping)
            return
        }
        let root: Node?
        do {
            // Every value is read as text, so no tag resolution (a regular expression per scalar) is needed.
            root = try Yams.compose(yaml: text, Resolver.basic)
        } catch let error as YamlError {
            throw .invalid(Self.issue(for: error, file: file, lineOffset: lineOffset))
        } catch {
            throw .invalid(InputIssue(file: file, problem: "the YAML cannot be read: \(error).",
                                      fix: "check the YAML syntax."))
        }
        guard let root, let mapping = root.mapping else {
            throw .invalid(InputIssue(file: file, line: root?.mark.map { $0.line + lineOffset },
                                      problem: "expected a YAML mapping of 'key: value' lines.",
                                      fix: "write one 'key: value' pair per line."))
        }
        self.mapping = mapping
        valueLines = Dictionary(mapping.compactMap { pair in pair.key.string.flatMap { key in pair.value.mark.map { (key, $0.line) } } },
                                uniquingKeysWith: { _, last in last })
        line = root.mark.map { $0.line + lineOffset }
        (values, keys) = Self.index(mapping)
    }

    /// The value of each text key (the last, as `Node.Mapping`'s subscript gives it, though Yams and
    /// `PlainYAML` refuse repeated keys), and the keys. With `Resolver.basic` every key is text, so a
    /// key's string is what that subscript compared.
    private static func index(_ mapping: Node.Mapping) -> ([String: Node], [String]) {
        var values: [String: Node] = [:]
        var keys: [String] = []
        for (key, value) in mapping {
            guard let key = key.string else { continue }
            keys.append(key)
            values[key] = value
        }
        return (values, keys)
    }

    static func issue(for error: YamlError, file: String, lineOffset: Int) -> InputIssue {
        switch error {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _),
             .composer(_, let problem, let mark, _):
            return InputIssue(file: file, line: mark.line + lineOffset, problem: "the YAML cannot be read: \(problem).",
                              fix: "check indentation and quoting on that line; quote text that contains ': ' or starts with a special character.")
        case .duplicatedKeysInMapping(let duplicates, _):
            return InputIssue(file: file, field: duplicates.joined(separator: ", "),
                              problem: "a key appears more than once.", fix: "keep one of each key.")
        default:
            return InputIssue(file: file, problem: "the YAML cannot be read: \(error).", fix: "check the YAML syntax.")
        }
    }

    func node(_ key: String) -> Node? { values[key] }

    func lineOf(_ key: String) -> Int? {
        valueLines[key].map { $0 + lineOffset } ?? line
    }

    func issue(_ key: String, _ problem: String, fix: String) -> InputIssue {
        InputIssue(file: file, line: lineOf(key), field: key, problem: problem, fix: fix)
    }

    /// Refuses keys outside `allowed`, so a typo ("sumary") is caught instead of silently ignored.
    func rejectUnknownKeys(allowed: [String]) {
        for key in keys where !allowed.contains(key) {
            reject(key, "unknown field '\(key)'.", fix: "use one of: \(allowed.joined(separator: ", ")).")
        }
    }

    /// A plain `~`, `null` or empty value, which YAML reads as "no value".
    static func isNull(_ node: Node) -> Bool {
        guard let scalar = node.scalar, scalar.style == .plain else { return false }
        return ["", "~", "null", "Null", "NULL"].contains(scalar.string)
    }

    func record(_ issue: InputIssue) { issues.append(issue) }

    /// Records a problem with `key`.
    func reject(_ key: String, _ problem: String, fix: String) { issues.append(issue(key, problem, fix: fix)) }

    private func missing(_ key: String, example: String) {
        issues.append(InputIssue(file: file, line: line, field: key, problem: "the field '\(key)' is missing.",
                                 fix: "add a line '\(key): \(example)'."))
    }

    /// A required, non-empty text value, NFC and trimmed.
    func string(_ key: String) -> String? {
        guard let node = values[key] else {
            missing(key, example: "…")
            return nil
        }
        return text(node, key)
    }

    /// An optional text value: absent or `null` gives nil without complaint.
    func optionalString(_ key: String) -> String? {
        guard let node = values[key], !Self.isNull(node) else { return nil }
        return text(node, key)
    }

    private func text(_ node: Node, _ key: String) -> String? {
        guard let scalar = node.scalar else {
            reject(key, "'\(key)' must be a single text value.", fix: "write '\(key): some text' on one line, quoted if it holds ': '.")
            return nil
        }
        let text = TextFolding.nfc(scalar.string).trimmingWhitespace()
        if text.isEmpty {
            reject(key, "'\(key)' is empty.", fix: "write a value after '\(key):'.")
            return nil
        }
        return text
    }

    func stringList(_ key: String, required: Bool = true) -> [String]? {
        guard let node = values[key] else {
            if required { missing(key, example: "[a, b]") }
            return required ? nil : []
        }
        guard let sequence = node.sequence else {
            reject(key, "'\(key)' must be a list.", fix: "write '\(key): [a, b]'.")
            return nil
        }
        var values: [String] = []
        for item in sequence {
            guard let text = item.scalar?.string, !text.isEmpty else {
                reject(key, "every item of '\(key)' must be a word.", fix: "write '\(key): [a, b]'.")
                return nil
            }
            values.append(TextFolding.nfc(text))
        }
        return values
    }

    func integer(_ key: String, default value: Int) -> Int? {
        guard let node = values[key] else { return value }
        guard let number = node.scalar.flatMap({ Int($0.string) }) else {
            reject(key, "'\(key)' must be a whole number.", fix: "write '\(key): \(value)'.")
            return nil
        }
        return number
    }

    func stringMap(_ key: String) -> [String: String]? {
        guard let node = values[key], !Self.isNull(node) else { return [:] }
        guard let map = node.mapping else {
            reject(key, "'\(key)' must be a mapping of 'key: text' lines.", fix: "indent 'key: text' lines under '\(key):'.")
            return nil
        }
        var result: [String: String] = [:]
        for (name, value) in map {
            guard let name = name.string, let text = value.scalar?.string else {
                reject(key, "every entry under '\(key)' must be 'key: text'.", fix: "quote the text if it contains ': '.")
                return nil
            }
            result[name] = TextFolding.nfc(text)
        }
        return result
    }
}
