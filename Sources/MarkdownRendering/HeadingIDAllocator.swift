import CCmark
import CampaignModel

/// Gives each heading of one document a stable, unique `id`.
///
/// The id is `TextFolding.slug` of the heading text ("Mua bán người" → `mua-ban-nguoi`). A slug already
/// taken gets `-2`, `-3`, … (the first free one). Text with nothing to slug (Khmer, Tai Viet, only
/// punctuation) gets `section-N`, N being the heading's 1-based position among the document's headings.
struct HeadingIDAllocator {
    private var used: Set<String> = []
    private var nextSuffix: [String: Int] = [:]
    private var headingCount = 0

    mutating func id(for text: String) -> String {
        id(forSlug: FastSlug.slug(text))
    }

    /// The id of the next heading, given `TextFolding.slug` of its text.
    mutating func id(forSlug slug: String) -> String {
        headingCount += 1
        let base = slug.isEmpty ? "section-\(headingCount)" : slug
        if used.insert(base).inserted { return base }
        var suffix = nextSuffix[base, default: 2]
        var candidate: String
        repeat {
            candidate = "\(base)-\(suffix)"
            suffix += 1
        } while used.contains(candidate)
        nextSuffix[base] = suffix
        used.insert(candidate)
        return candidate
    }
}

/// `TextFolding.slug` without Foundation's normalisation for the common case: text made only of ASCII and
/// precomposed Latin letters (all of Vietnamese). Results are identical; other text goes to `TextFolding.slug`.
///
/// Why it is exact: `slug` keeps only ASCII letters and digits from `fold(text)` and turns every run of
/// anything else into one hyphen, and folding a Latin letter (decompose, lower-case, drop Latin marks,
/// `đ` → `d`) depends on that letter alone. So each scalar can be folded once, ahead of time, with
/// `TextFolding.fold` itself, and the slug built from the per-scalar results.
enum FastSlug {
    private static let separator: UInt8 = 0
    private static let unknown: UInt8 = 0xFF

    /// What `TextFolding.fold` makes of each scalar below U+0250 (index = value) and of U+1E00…U+1EFF
    /// (index = value - 0x1E00 + 0x250): one ASCII letter or digit, `separator` when it yields none, or
    /// `unknown` when it yields anything else (then the whole text goes to `TextFolding.slug`).
    private static let table: [UInt8] = {
        var table = [UInt8](repeating: unknown, count: 0x250 + 0x100)
        for value in Array(0...0x24F) + Array(0x1E00...0x1EFF) {
            guard let scalar = Unicode.Scalar(UInt32(value)) else { continue }
            let folded = Array(TextFolding.fold(String(scalar)).utf8)
            let index = value < 0x250 ? value : value - 0x1E00 + 0x250
            if folded.count == 1, isASCIIAlphanumeric(folded[0]) {
                table[index] = folded[0]
            } else if !folded.contains(where: isASCIIAlphanumeric) {
                table[index] = separator
            }
        }
        return table
    }()

    private static func isASCIIAlphanumeric(_ byte: UInt8) -> Bool {
        (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
    }

    /// `TextFolding.slug` of a heading's plain text (`PlainTextWriter` without URLs), read straight from
    /// the heading's inline nodes; nil when some scalar is not in the table (then slug the text itself).
    ///
    /// The slug depends only on the text and code literals, in document order, and on where white space
    /// falls between them: the plain text is those literals with runs of white space collapsed, soft and
    /// hard breaks written as white space, and nothing for emphasis, links (no URLs), raw HTML or image
    /// markup; and `slug` treats every run of white space or punctuation alike.
    static func slug(ofHeading heading: OpaquePointer) -> String? {
        table.withUnsafeBufferPointer { table -> String? in
            var result: [UInt8] = []
            result.reserveCapacity(64)
            var pendingHyphen = false
            var current = cmark_node_first_child(heading)
            while let node = current {
                switch cmark_node_get_type(node) {
                case CMARK_NODE_TEXT, CMARK_NODE_CODE:
                    guard let literal = cmark_node_get_literal(node) else { break }
                    var pointer = UnsafeRawPointer(literal).assumingMemoryBound(to: UInt8.self)
                    while case let lead = pointer.pointee, lead != 0 {
                        let folded: UInt8
                        if lead < 0x80 {
                            folded = table[Int(lead)]
                            pointer += 1
                        } else if lead < 0xE0 {
                            let value = Int(lead & 0x1F) &<< 6 | Int(pointer[1] & 0x3F)
                            folded = value < 0x250 ? table[value] : unknown
                            pointer += 2
                        } else if lead < 0xF0 {
                            let value = Int(lead & 0x0F) &<< 12 | Int(pointer[1] & 0x3F) &<< 6 | Int(pointer[2] & 0x3F)
                            folded = value >= 0x1E00 && value <= 0x1EFF ? table[value - 0x1E00 + 0x250] : unknown
                            pointer += 3
                        } else {
                            folded = unknown
                        }
                        if folded == unknown { return nil }
                        if folded == separator {
                            pendingHyphen = true
                            continue
                        }
                        if pendingHyphen, !result.isEmpty { result.append(0x2D) }
                        pendingHyphen = false
                        result.append(folded)
                    }
                case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK:
                    pendingHyphen = true
                default:
                    break
                }
                if let child = cmark_node_first_child(node) {
                    current = child
                    continue
                }
                current = nil
                var step = node
                while step != heading {
                    if let next = cmark_node_next(step) {
                        current = next
                        break
                    }
                    guard let parent = cmark_node_parent(step) else { break }
                    step = parent
                }
            }
            return String(decoding: result, as: UTF8.self)
        }
    }

    static func slug(_ text: String) -> String {
        table.withUnsafeBufferPointer { table in
            var result: [UInt8] = []
            result.reserveCapacity(text.utf8.count)
            var pendingHyphen = false
            for scalar in text.unicodeScalars {
                let value = Int(scalar.value)
                let folded: UInt8
                if value < 0x250 {
                    folded = table[value]
                } else if value >= 0x1E00, value <= 0x1EFF {
                    folded = table[value - 0x1E00 + 0x250]
                } else {
                    folded = unknown
                }
                if folded == unknown { return TextFolding.slug(text) }
                if folded == separator {
                    pendingHyphen = true
                    continue
                }
                if pendingHyphen, !result.isEmpty { result.append(0x2D) }
                pendingHyphen = false
                result.append(folded)
            }
            return String(decoding: result, as: UTF8.self)
        }
    }
}
