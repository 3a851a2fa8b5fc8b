import Foundation

/// Text normalisation shared by every boundary (files, API, CLI) and by search, slugs and heading ids.
///
/// Vietnamese typed on some systems arrives decomposed (NFD); comparing, counting or indexing such text
/// without normalising it first gives wrong answers, so everything that enters Loa goes through `nfc`.
public enum TextFolding {
    /// The NFC form of `text`.
    public static func nfc(_ text: String) -> String {
        text.precomposedStringWithCanonicalMapping
    }

    /// Lower-cased text with every combining mark removed and `đ`/`Đ` turned into `d`.
    ///
    /// Unicode decomposition strips Vietnamese tone and vowel marks but leaves `đ` alone (it is a letter of
    /// its own, not `d` plus a mark), so it is folded by hand. Search folds both the indexed text and the
    /// query with this one function so that "buon ban nguoi" finds "buôn bán người".
    public static func fold(_ text: String) -> String {
        var scalars = String.UnicodeScalarView()
        for scalar in text.decomposedStringWithCanonicalMapping.lowercased().unicodeScalars {
            if isLatinDiacritic(scalar) { continue }
            switch scalar {
            case "đ", "Đ": scalars.append("d")
            default: scalars.append(scalar)
            }
        }
        return String(scalars).precomposedStringWithCanonicalMapping
    }

    /// Combining marks that decorate Latin letters (Vietnamese tones and vowel marks among them).
    ///
    /// Only these are dropped: the vowel signs of Khmer or Tai Viet are letters of those scripts, and
    /// removing them would make different words look alike.
    static func isLatinDiacritic(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x0300...0x036F, 0x1AB0...0x1AFF, 0x1DC0...0x1DFF, 0x20D0...0x20FF: true
        default: false
        }
    }

    /// A URL- and file-name-safe identifier: folded, ASCII letters and digits joined by single hyphens.
    ///
    /// "Mua bán người" becomes `mua-ban-nguoi`. Returns an empty string when nothing usable is left
    /// (for example text in Khmer script); callers decide on a fallback.
    public static func slug(_ text: String) -> String {
        var result = ""
        var pendingHyphen = false
        for scalar in fold(text).unicodeScalars {
            if scalar.isASCII, scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) {
                if pendingHyphen, !result.isEmpty { result.append("-") }
                pendingHyphen = false
                result.unicodeScalars.append(scalar)
            } else {
                pendingHyphen = true
            }
        }
        return result
    }
}
