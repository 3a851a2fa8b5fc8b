import CampaignModel
import Foundation

/// Không dấu ("without marks") transliteration: the form Vietnamese readers know from SMS, which fits
/// GSM-7 and so costs less than half as much per part as text with tone marks.
///
/// It is offered, never applied silently: ``SMSCostComparison`` shows both costs and a person chooses.
///
/// What it does, scalar by scalar, on the NFC text:
/// - A Latin letter loses every combining mark after canonical decomposition
///   (U+0300–U+036F, U+1AB0–U+1AFF, U+1DC0–U+1DFF): Vietnamese tones and the vowel marks of ă â ê ô ơ ư,
///   the breves and carons of Ê Đê, Jarai and Bahnar (ĕ ĭ ŏ ŭ ơ̆ ư̆ č), the marks of Chữ Hmông Việt and
///   Tày-Nùng letters; a combining mark that follows a Latin letter is dropped too (Ê Đê's ơ̆ is ơ plus a
///   combining breve). Marks on anything else (a keycap on a digit, marks of other scripts) stay.
///   Latin letters that are already GSM-7 (é è ù ì ò à É Ä Ö Ñ Ü Å Ç …) are stripped too:
///   a không dấu text with a few marks left looks unfinished to a Vietnamese reader and costs the same.
/// - Latin letters with a stroke or hook that have no decomposition become their plain letter:
///   đ Đ → d D, ƀ Ƀ → b B, ø Ø → o O, ł Ł, ħ Ħ, ŧ Ŧ, ɓ Ɓ, ɗ Ɗ, ƙ Ƙ, ƴ Ƴ, ƒ, ɨ Ɨ, ʉ Ʉ, ı, ð Ð; œ Œ → oe OE.
///   Æ æ ß are letters of the GSM-7 alphabet, not marked letters, and are kept.
/// - Typography: “ ” „ ‟ « » ″ → `"`; ‘ ’ ‚ ‛ ‹ › ′ ´ \` → `'`; ‐ ‑ ‒ – — ― − → `-`; • → `-`; … → `...`;
///   no-break, narrow, thin and other fixed-width spaces and tab → space; soft hyphen, zero-width space
///   and BOM are removed.
/// - Everything else is kept as it is: characters of other scripts (Khmer, Tai Viet, Cham, Han), emoji,
///   and the few Latin letters with no plain form (ŋ, ɛ, þ …). The message then stays UCS-2, and
///   ``SMSAnalysis/forcing`` of the result names what remains.
///
/// The result is NFC.
public enum KhongDau {
    /// The không dấu form of `text` (normalised to NFC first).
    public static func transliterate(_ text: String) -> String {
        let nfc = UTF8Scalars.nfc(text)
        var output = String.UnicodeScalarView()
        var afterLatinLetter = false
        for scalar in nfc.unicodeScalars {
            if isLatinCombiningMark(scalar) {
                // A mark on a Latin letter goes; a mark on anything else stays with it.
                if !afterLatinLetter { output.append(scalar) }
                continue
            }
            if let replacement = punctuation[scalar] {
                output.append(contentsOf: replacement.unicodeScalars)
                afterLatinLetter = false
            } else if let plain = plainLatin[scalar] {
                output.append(contentsOf: plain.unicodeScalars)
                afterLatinLetter = true
            } else {
                output.append(scalar)
                afterLatinLetter = isLatinLetter(scalar)
            }
        }
        return UTF8Scalars.nfc(String(output))
    }

    /// Every precomposed or stroked Latin letter and its plain form (built once from Unicode's canonical
    /// decompositions plus ``letters``): `ệ` → `e`, `Ư` → `U`, `đ` → `d`, `ƀ` → `b` …
    static let plainLatin: [Unicode.Scalar: String] = {
        var table: [Unicode.Scalar: String] = [:]
        let ranges: [ClosedRange<UInt32>] = [0xC0...0x2AF, 0x1E00...0x1EFF, 0x2C60...0x2C7F, 0xA720...0xA7FF]
        for value in ranges.joined() {
            guard let scalar = Unicode.Scalar(value), isLatinLetter(scalar) else { continue }
            var plain = ""
            for part in String(scalar).decomposedStringWithCanonicalMapping.unicodeScalars
            where !isLatinCombiningMark(part) {
                plain += letters[part] ?? String(part)
            }
            if plain != String(scalar) { table[scalar] = plain }
        }
        return table
    }()

    /// Latin letters: ASCII letters and the Latin blocks (Latin-1 letters, Extended-A/B, IPA extensions,
    /// Extended Additional, Extended-C/D).
    static func isLatinLetter(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x41...0x5A, 0x61...0x7A: true
        case 0xC0...0x24F, 0x250...0x2AF, 0x1E00...0x1EFF, 0x2C60...0x2C7F, 0xA720...0xA7FF:
            scalar.properties.isAlphabetic
        default: false
        }
    }

    /// Combining marks used on Latin letters.
    static func isLatinCombiningMark(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x0300...0x036F, 0x1AB0...0x1AFF, 0x1DC0...0x1DFF: true
        default: false
        }
    }

    /// Latin letters with no canonical decomposition and their plain form.
    static let letters: [Unicode.Scalar: String] = [
        "đ": "d", "Đ": "D", "ƀ": "b", "Ƀ": "B", "ø": "o", "Ø": "O", "ł": "l", "Ł": "L",
        "ħ": "h", "Ħ": "H", "ŧ": "t", "Ŧ": "T", "ɓ": "b", "Ɓ": "B", "ɗ": "d", "Ɗ": "D",
        "ƙ": "k", "Ƙ": "K", "ƴ": "y", "Ƴ": "Y", "ƒ": "f", "ɨ": "i", "Ɨ": "I", "ʉ": "u", "Ʉ": "U",
        "ı": "i", "ð": "d", "Ð": "D", "œ": "oe", "Œ": "OE",
    ]

    /// Typographic characters (each a character on its own) and their GSM-7 form.
    static let punctuation: [Unicode.Scalar: String] = [
        "\u{201C}": "\"", "\u{201D}": "\"", "\u{201E}": "\"", "\u{201F}": "\"", "\u{00AB}": "\"",
        "\u{00BB}": "\"", "\u{2033}": "\"",
        "\u{2018}": "'", "\u{2019}": "'", "\u{201A}": "'", "\u{201B}": "'", "\u{2039}": "'", "\u{203A}": "'",
        "\u{2032}": "'", "\u{00B4}": "'", "`": "'",
        "\u{2010}": "-", "\u{2011}": "-", "\u{2012}": "-", "\u{2013}": "-", "\u{2014}": "-", "\u{2015}": "-",
        "\u{2212}": "-", "\u{2022}": "-",
        "\u{2026}": "...",
        "\u{00A0}": " ", "\u{2002}": " ", "\u{2003}": " ", "\u{2004}": " ", "\u{2005}": " ", "\u{2006}": " ",
        "\u{2007}": " ", "\u{2008}": " ", "\u{2009}": " ", "\u{200A}": " ", "\u{202F}": " ", "\u{205F}": " ",
        "\u{3000}": " ", "\t": " ",
        "\u{00AD}": "", "\u{200B}": "", "\u{FEFF}": "",
    ]
}
