import Foundation

/// Text normalisation shared by every boundary (files, API, CLI) and by search, slugs and heading ids.
///
/// Vietnamese typed on some systems arrives decomposed (NFD); comparing, counting or indexing such text
/// without normalising it first gives wrong answers, so everything that enters Loa goes through `nfc`.
public enum TextFolding {
    /// The NFC form of `text`.
    ///
    /// Foundation's normalisation costs microseconds per call, and almost all text is NFC already, so a
    /// byte scan answers first for the common case (see `isKnownNFC`).
    public static func nfc(_ text: String) -> String {
        isKnownNFC(text) ? text : text.precomposedStringWithCanonicalMapping
    }

    /// True when every scalar of `text` is one that is NFC on its own and never combines with a
    /// neighbour: everything below U+0300 (ASCII, Latin-1, Latin Extended-A and -B, including ơ and ư),
    /// the precomposed Vietnamese letters of U+1E00–U+1EFF, and general punctuation. False means "maybe":
    /// the caller normalises.
    public static func isKnownNFC(_ text: String) -> Bool {
        var copy = text
        return copy.withUTF8 { bytes in
            guard var pointer = bytes.baseAddress else { return true }
            let end = pointer + bytes.count
            while pointer < end {
                let byte = pointer.pointee
                if byte < 0xCC {
                    pointer += 1
                } else if byte == 0xE1, end - pointer >= 3, (0xB8...0xBB).contains(pointer[1]) {
                    pointer += 3
                } else if byte == 0xE2, end - pointer >= 3, (pointer[1] == 0x80 && pointer[2] >= 0x90) || pointer[1] == 0x81 {
                    pointer += 3
                } else {
                    return false
                }
            }
            return true
        }
    }

    /// Lower-cased text with every combining mark removed and `đ`/`Đ` turned into `d`.
    ///
    /// Unicode decomposition strips Vietnamese tone and vowel marks but leaves `đ` alone (it is a letter of
    /// its own, not `d` plus a mark), so it is folded by hand. Search folds both the indexed text and the
    /// query with this one function so that "buon ban nguoi" finds "buôn bán người".
    public static func fold(_ text: String) -> String {
        // Built as UTF-8 bytes: appending scalar by scalar to a String costs several times more, and every
        // import folds all of its text for the search index.
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        let table = foldTable
        for scalar in text.unicodeScalars {
            let value = Int(scalar.value)
            if value < 0x80 {
                bytes.append(UInt8(value) + ((0x41...0x5A).contains(value) ? 32 : 0))
            } else if value < FoldTable.count {
                bytes.append(contentsOf: table.utf8(of: value))
            } else if isLatinDiacritic(scalar) {
                continue
            } else if scalar.properties.changesWhenLowercased {
                for lower in Character(scalar).lowercased().unicodeScalars where !isLatinDiacritic(lower) {
                    UTF8.encode(lower) { bytes.append($0) }
                }
            } else {
                UTF8.encode(scalar) { bytes.append($0) }
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// `foldReference` of every scalar below U+2000 as UTF-8: the Latin, Greek and Cyrillic letters that
    /// Vietnamese and the Latin minority orthographies use all live there, so folding is a lookup.
    static let foldTable = FoldTable(exceptions: foldExceptions)

    /// The fold of each scalar below U+2000, UTF-8 in one buffer.
    ///
    /// Made from `foldExceptions`, data generated from `foldReference` (the tests hold the two equal for every
    /// scalar), not by calling it: asking Foundation for 8,192 decompositions cost 7–16 ms of CPU in every
    /// `loa` process that folds anything (a `loa export site` after one edit folds its index page's titles).
    struct FoldTable: Sendable {
        static let count = 0x2000
        /// The folds one after another; the fold of scalar `v` is `bytes[ends[v]..<ends[v + 1]]`.
        private let bytes: [UInt8]
        private let ends: [Int32]

        /// Reads `exceptions` byte by byte, in one pass: its entries come in ascending order, so the scalars
        /// between two of them are filled in as themselves. (Splitting the text into Characters and parsing
        /// each number cost a few milliseconds, as much as the lookup saves.)
        init(exceptions: String) {
            var bytes: [UInt8] = [], ends: [Int32] = [0]
            bytes.reserveCapacity(Self.count * 3)
            ends.reserveCapacity(Self.count + 1)
            /// Every scalar from the next one missing up to `end` (excluded) folds to itself.
            func identity(upTo end: Int) {
                while ends.count <= end {
                    UTF8.encode(Unicode.Scalar(UInt32(ends.count - 1))!) { bytes.append($0) }
                    ends.append(Int32(bytes.count))
                }
            }
            var number: UInt32 = 0, hasNumber = false, inFold = false
            for byte in exceptions.utf8 + [UInt8(ascii: ";")] {
                switch byte {
                case UInt8(ascii: ":"):
                    precondition(!inFold && Int(number) >= ends.count - 1, "fold table entries out of order")
                    identity(upTo: Int(number))
                    inFold = true
                    number = 0
                    hasNumber = false
                case UInt8(ascii: " "), UInt8(ascii: ";"), UInt8(ascii: "\n"):
                    if hasNumber { UTF8.encode(Unicode.Scalar(number)!) { bytes.append($0) } }
                    number = 0
                    hasNumber = false
                    if byte != UInt8(ascii: " "), inFold {
                        ends.append(Int32(bytes.count))
                        inFold = false
                    }
                case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "A")...UInt8(ascii: "F"):
                    number = number * 16 + UInt32(byte <= UInt8(ascii: "9") ? byte - UInt8(ascii: "0") : byte - UInt8(ascii: "A") + 10)
                    hasNumber = true
                default:
                    preconditionFailure("unexpected byte \(byte) in the fold table")
                }
            }
            identity(upTo: Self.count)
            self.bytes = bytes
            self.ends = ends
        }

        /// The fold of the scalar `value` (below `count`) as UTF-8.
        func utf8(of value: Int) -> ArraySlice<UInt8> {
            bytes[Int(ends[value])..<Int(ends[value + 1])]
        }
    }

    /// The definition of folding: decompose, lower-case, drop Latin diacritics, `đ` → `d`. `fold` is the
    /// same function made fast; the tests hold the two equal below U+2000. Above it (symbols, Khmer, Tai
    /// Viet, CJK) `fold` only lower-cases and drops stray Latin combining marks, which is what search needs.
    static func foldReference(_ text: String) -> String {
        var scalars = String.UnicodeScalarView()
        for scalar in text.decomposedStringWithCanonicalMapping.lowercased().unicodeScalars where !isLatinDiacritic(scalar) {
            switch scalar {
            case "đ", "Đ": scalars.append("d")
            default: scalars.append(scalar)
            }
        }
        return String(scalars)
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
