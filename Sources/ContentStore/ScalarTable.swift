import CampaignModel

/// What search needs to know of one scalar, in 32 bits: whether FTS5's unicode61 tokenizer counts it as
/// part of a word (`AppDatabase.isWordScalar`), whether it is white space or punctuation or a symbol
/// (what snippets split on and trim), and its folded form (`TextFolding.fold`) as UTF-8 when that is at
/// most three bytes long, as it is for every letter Vietnamese uses.
struct ScalarInfo {
    var bits: UInt32

    static let word: UInt32 = 1 << 31, whitespace: UInt32 = 1 << 30, punctuation: UInt32 = 1 << 29, foldsLong: UInt32 = 1 << 28

    init(bits: UInt32) { self.bits = bits }

    init(_ value: UInt32) {
        guard let scalar = Unicode.Scalar(value) else { bits = Self.foldsLong; return }
        bits = 0
        if AppDatabase.isWordScalar(scalar) { bits |= Self.word }
        if scalar.isASCII {
            if value == 0x20 || (0x09...0x0D).contains(value) { bits |= Self.whitespace }
            if (0x21...0x7E).contains(value), !AppDatabase.isWordScalar(scalar) { bits |= Self.punctuation }
        } else {
            if scalar.properties.isWhitespace { bits |= Self.whitespace }
            switch scalar.properties.generalCategory {
            case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation, .initialPunctuation,
                 .finalPunctuation, .otherPunctuation, .mathSymbol, .currencySymbol, .modifierSymbol, .otherSymbol:
                bits |= Self.punctuation
            default: break
            }
        }
        let folded = Self.folded(value)
        if folded.count > 3 {
            bits |= Self.foldsLong
        } else {
            bits |= UInt32(folded.count) << 24
            for (position, byte) in folded.enumerated() { bits |= UInt32(byte) << (8 * UInt32(position)) }
        }
    }

    var isWord: Bool { bits & Self.word != 0 }
    var isWhitespace: Bool { bits & Self.whitespace != 0 }
    /// Unicode categories P and S, what `trimmingCharacters(in: .punctuationCharacters.union(.symbols))` trims.
    var isPunctuationOrSymbol: Bool { bits & Self.punctuation != 0 }

    /// Whether the folded form is more than three bytes long, and so not held here (`folded(_:)`).
    var foldedIsLong: Bool { bits & Self.foldsLong != 0 }
    /// How many bytes the folded form has, when it is held here.
    var foldedCount: Int { Int((bits >> 24) & 3) }
    /// Byte `position` of the folded form held here.
    func foldedByte(_ position: Int) -> UInt8 { UInt8(truncatingIfNeeded: bits >> (8 * UInt32(position))) }

    /// The folded form of the scalar `value`, UTF-8 (U+FFFD's for a value that is no scalar): what `init`
    /// holds when it is short, and what a scalar whose form is long is folded with each time.
    static func folded(_ value: UInt32) -> [UInt8] {
        Array(Unicode.Scalar(value).map { TextFolding.fold(String(Character($0))) }?.utf8 ?? "\u{FFFD}".utf8)
    }
}

/// `ScalarInfo` of every scalar the texts of Loa's languages are written in, computed once, so that the
/// inner loops of ranking and snippets are lookups rather than Unicode property queries and a fold.
///
/// Below U+2100: the letters of Vietnamese and of the Latin orthographies of the minority languages,
/// Khmer, and the general punctuation (quotation marks, dashes, the ellipsis) of any text. Tai Viet
/// (U+AA80–U+AADF), the script of Thái, lies far above: without a block of its own, every scalar of a
/// Thái text in that script would be looked up the slow way. Other scalars still are.
final class ScalarTable: @unchecked Sendable {
    // @unchecked: the tables are written once, in `init`, and only read after.
    static let shared = ScalarTable()
    static let size = 0x2100
    static let taiViet: Range<UInt32> = 0xAA80..<0xAAE0
    private let bits: UnsafeMutableBufferPointer<UInt32>
    private let taiVietBits: UnsafeMutableBufferPointer<UInt32>

    private init() {
        bits = .allocate(capacity: Self.size)
        for value in 0..<Self.size { bits[value] = ScalarInfo(UInt32(value)).bits }
        taiVietBits = .allocate(capacity: Self.taiViet.count)
        for value in Self.taiViet { taiVietBits[Int(value - Self.taiViet.lowerBound)] = ScalarInfo(value).bits }
    }

    @inline(__always)
    func info(_ scalar: UInt32) -> ScalarInfo {
        if scalar < Self.size { return ScalarInfo(bits: bits[Int(scalar)]) }
        let taiViet = scalar &- Self.taiViet.lowerBound
        if taiViet < UInt32(Self.taiViet.count) { return ScalarInfo(bits: taiVietBits[Int(taiViet)]) }
        return ScalarInfo(scalar)
    }
}

/// The scalar that starts at `index` of UTF-8 `text`, and its length in bytes. Text read from the database
/// is valid UTF-8; a stray byte reads as U+FFFD, one byte long, rather than trapping.
@inline(__always)
func decodeScalar(_ text: UnsafeBufferPointer<UInt8>, at index: Int) -> (scalar: UInt32, length: Int) {
    let first = UInt32(text[index])
    if first < 0x80 { return (first, 1) }
    let remaining = text.count - index
    if first & 0xE0 == 0xC0, remaining >= 2 {
        return ((first & 0x1F) << 6 | UInt32(text[index + 1] & 0x3F), 2)
    }
    if first & 0xF0 == 0xE0, remaining >= 3 {
        return ((first & 0x0F) << 12 | UInt32(text[index + 1] & 0x3F) << 6 | UInt32(text[index + 2] & 0x3F), 3)
    }
    if first & 0xF8 == 0xF0, remaining >= 4 {
        return ((first & 0x07) << 18 | UInt32(text[index + 1] & 0x3F) << 12 | UInt32(text[index + 2] & 0x3F) << 6
                | UInt32(text[index + 3] & 0x3F), 4)
    }
    return (0xFFFD, 1)
}
