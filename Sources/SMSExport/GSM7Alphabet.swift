/// The GSM 03.38 (3GPP TS 23.038) default alphabet and its extension table, as Unicode scalars.
///
/// - The **basic table** has 128 positions. 127 of them are user characters (letters, digits, punctuation,
///   `@ £ $ ¥ è é ù ì ò Ç Ø ø Å å Δ _ Φ Γ Λ Ω Π Ψ Σ Θ Ξ Æ æ ß É ¤ ¡ Ä Ö Ñ Ü § ¿ ä ö ñ ü à`, LF and CR);
///   each costs one septet. Position 0x1B is ESC, which introduces an extension character and is not user
///   text: a U+001B in a message is treated as a character outside the alphabet (it forces UCS-2).
/// - The **extension table** holds `^ { } \ [ ] ~ |`, `€` and form feed (U+000C); each is sent as ESC plus
///   one septet, so it costs two septets, and the two never go to different parts.
///
/// Mapping follows the Unicode consortium's GSM0338 table: position 0x09 is capital `Ç` (U+00C7), so
/// lower-case `ç` is not in the alphabet; the Greek capitals are U+0393…U+03A9, not their Latin
/// look-alikes; the backtick, tab and other control characters are not in the alphabet.
public enum GSM7Alphabet {
    /// The 127 user characters of the basic table (every position except ESC), in table order.
    public static let basicCharacters: [Unicode.Scalar] = [
        "@", "£", "$", "¥", "è", "é", "ù", "ì", "ò", "Ç", "\n", "Ø", "ø", "\r", "Å", "å",
        "Δ", "_", "Φ", "Γ", "Λ", "Ω", "Π", "Ψ", "Σ", "Θ", "Ξ", /* ESC */ "Æ", "æ", "ß", "É",
        " ", "!", "\"", "#", "¤", "%", "&", "'", "(", ")", "*", "+", ",", "-", ".", "/",
        "0", "1", "2", "3", "4", "5", "6", "7", "8", "9", ":", ";", "<", "=", ">", "?",
        "¡", "A", "B", "C", "D", "E", "F", "G", "H", "I", "J", "K", "L", "M", "N", "O",
        "P", "Q", "R", "S", "T", "U", "V", "W", "X", "Y", "Z", "Ä", "Ö", "Ñ", "Ü", "§",
        "¿", "a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l", "m", "n", "o",
        "p", "q", "r", "s", "t", "u", "v", "w", "x", "y", "z", "ä", "ö", "ñ", "ü", "à",
    ]

    /// The ten characters of the extension table; each costs two septets.
    public static let extensionCharacters: [Unicode.Scalar] = ["\u{0C}", "^", "{", "}", "\\", "[", "]", "~", "|", "€"]

    /// Septets that `scalar` costs in GSM-7: 1 for the basic table, 2 for the extension table, 0 when it is
    /// not in the alphabet (so the message must be UCS-2).
    @inlinable
    public static func septets(_ scalar: Unicode.Scalar) -> Int {
        septets(scalar.value)
    }

    /// Septets for a scalar value: 1 basic, 2 extension, 0 outside the alphabet.
    @inlinable
    public static func septets(_ value: UInt32) -> Int {
        if value < 0x100 { return Int(latin1Cost[Int(value)]) }
        switch value {
        case 0x0393, 0x0394, 0x0398, 0x039B, 0x039E, 0x03A0, 0x03A3, 0x03A6, 0x03A8, 0x03A9: return 1
        case 0x20AC: return 2
        default: return 0
        }
    }

    /// Cost of each scalar below U+0100 (ASCII and Latin-1): 0 outside the alphabet, 1 basic, 2 extension.
    @usableFromInline
    static let latin1Cost: [UInt8] = {
        var table = [UInt8](repeating: 0, count: 256)
        for scalar in basicCharacters where scalar.value < 0x100 { table[Int(scalar.value)] = 1 }
        for scalar in extensionCharacters where scalar.value < 0x100 { table[Int(scalar.value)] = 2 }
        return table
    }()
}

extension GSM7Alphabet {
    /// ``latin1Cost`` as a pointer that lives for the whole process, for the counting loop.
    nonisolated(unsafe) static let asciiCostPointer: UnsafePointer<UInt8> = {
        let pointer = UnsafeMutablePointer<UInt8>.allocate(capacity: 256)
        pointer.initialize(from: latin1Cost, count: 256)
        return UnsafePointer(pointer)
    }()
}
