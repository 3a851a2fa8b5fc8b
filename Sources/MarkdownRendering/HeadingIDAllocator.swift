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
        headingCount += 1
        let slug = FastSlug.slug(text)
        let base = slug.isEmpty ? "section-\(headingCount)" : slug
        var candidate = base
        if used.contains(candidate) {
            var suffix = nextSuffix[base, default: 2]
            repeat {
                candidate = "\(base)-\(suffix)"
                suffix += 1
            } while used.contains(candidate)
            nextSuffix[base] = suffix
        }
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
    /// For U+0080…U+024F and U+1E00…U+1EFF: the ASCII letters and digits `TextFolding.fold` makes of the
    /// scalar (empty = the scalar only separates words).
    private static let latinTable: [UInt32: [UInt8]] = {
        var table: [UInt32: [UInt8]] = [:]
        for value in Array(0x80...0x24F) + Array(0x1E00...0x1EFF) {
            guard let scalar = Unicode.Scalar(UInt32(value)) else { continue }
            let folded = TextFolding.fold(String(scalar))
            // Keep the result only when it is pure ASCII letters/digits or has none of them.
            let bytes = Array(folded.utf8)
            if bytes.allSatisfy(isASCIIAlphanumeric) {
                table[UInt32(value)] = bytes
            } else if !bytes.contains(where: isASCIIAlphanumeric) {
                table[UInt32(value)] = []
            }
        }
        return table
    }()

    private static func isASCIIAlphanumeric(_ byte: UInt8) -> Bool {
        (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
    }

    static func slug(_ text: String) -> String {
        var result: [UInt8] = []
        result.reserveCapacity(text.utf8.count)
        var pendingHyphen = false
        for scalar in text.unicodeScalars {
            let piece: [UInt8]
            if scalar.isASCII {
                var byte = UInt8(scalar.value)
                if (0x41...0x5A).contains(byte) { byte |= 0x20 }
                piece = isASCIIAlphanumeric(byte) ? [byte] : []
            } else if let folded = latinTable[scalar.value] {
                piece = folded
            } else {
                return TextFolding.slug(text)
            }
            if piece.isEmpty {
                pendingHyphen = true
                continue
            }
            if pendingHyphen, !result.isEmpty { result.append(0x2D) }
            pendingHyphen = false
            result.append(contentsOf: piece)
        }
        return String(decoding: result, as: UTF8.self)
    }
}
