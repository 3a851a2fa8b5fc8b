import Foundation
import Testing
@testable import SMSExport

/// The GSM 03.38 default alphabet, written out here independently of the implementation's table.
/// ESC (0x1B) is left out: it is not user text.
let gsmBasicTable = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
let gsmExtensionTable = "\u{0C}^{}\\[]~|€"

@Suite struct GSM7AlphabetTests {
    @Test func basicTableHas127UserCharactersEachOneSeptet() {
        let scalars = Array(gsmBasicTable.unicodeScalars)
        #expect(scalars.count == 127)
        #expect(Set(scalars).count == 127)
        for scalar in scalars {
            #expect(GSM7Alphabet.septets(scalar) == 1, "\(scalar.debugDescription)")
            let count = SMSCount(String(scalar))
            #expect(count == SMSCount(encoding: .gsm7, units: 1, parts: 1), "\(scalar.debugDescription)")
        }
        #expect(Set(GSM7Alphabet.basicCharacters) == Set(scalars))
    }

    @Test func wholeBasicTableIsOneMessage() {
        let analysis = SMSAnalysis(gsmBasicTable)
        #expect(analysis.encoding == .gsm7)
        #expect(analysis.units == 127)
        #expect(analysis.parts == 1)
        #expect(analysis.forcing.isEmpty)
    }

    @Test func everyExtensionCharacterCostsTwoSeptets() {
        let scalars = Array(gsmExtensionTable.unicodeScalars)
        #expect(scalars.count == 10)
        for scalar in scalars {
            #expect(GSM7Alphabet.septets(scalar) == 2, "\(scalar.debugDescription)")
            #expect(SMSCount(String(scalar)) == SMSCount(encoding: .gsm7, units: 2, parts: 1))
            #expect(SMSAnalysis(String(scalar)).units == 2)
        }
        let all = SMSAnalysis(gsmExtensionTable)
        #expect(all.encoding == .gsm7)
        #expect(all.units == 20)
        #expect(SMSCount(gsmBasicTable + gsmExtensionTable).units == 147)
    }

    @Test(arguments: ["\u{1B}", "`", "\t", "ç", "\u{00A0}", "€\u{0301}", "Ă", "α", "\u{0391}", "👍"])
    func charactersOutsideTheAlphabetForceUCS2(_ text: String) {
        let analysis = SMSAnalysis("a" + text)
        #expect(analysis.encoding == .ucs2)
        #expect(analysis.forcing.map(\.offset) == [1])
        #expect(SMSCount("a" + text).encoding == .ucs2)
    }

    @Test func greekCapitalsInTheAlphabetAreNotLatinLookAlikes() {
        // U+0391 GREEK CAPITAL ALPHA looks like A but is not in GSM 03.38; U+0394 DELTA is.
        #expect(GSM7Alphabet.septets(Unicode.Scalar(0x0391)!) == 0)
        #expect(GSM7Alphabet.septets(Unicode.Scalar(0x0394)!) == 1)
    }

    @Test func nfcSafeScalarsAreReallyNFCStarters() {
        var checked = 0
        for value in UInt32(0)...0x2FFFF where UTF8Scalars.isNFCSafe(value) {
            guard let scalar = Unicode.Scalar(value) else { continue }
            let text = String(scalar)
            #expect(scalar.properties.canonicalCombiningClass == .notReordered, "\(value)")
            #expect(text.precomposedStringWithCanonicalMapping.unicodeScalars.elementsEqual(text.unicodeScalars), "U+\(String(value, radix: 16))")
            for before in ["a", "ơ", "A", "e"] {
                let pair = before + text
                #expect(pair.precomposedStringWithCanonicalMapping.unicodeScalars.elementsEqual(pair.unicodeScalars))
            }
            checked += 1
        }
        #expect(checked > 900)
    }
}

@Suite struct SimpleTextTests {
    /// The analysis counts characters of NFC-safe text without grapheme breaking; check that every such
    /// scalar is a character of its own next to letters and to each other (CR LF excepted).
    @Test func nfcSafeScalarsAreEachOneCharacter() {
        for value in UInt32(0)...0x2FFF where UTF8Scalars.isNFCSafe(value) {
            guard let scalar = Unicode.Scalar(value) else { continue }
            let text = "a" + String(scalar) + "ư" + String(scalar) + String(scalar) + "ệ"
            #expect(text.count == 6 || value == 0x0D || value == 0x0A, "U+\(String(value, radix: 16))")
            let simple = SMSAnalysis.forcingOfSimpleText(text)
            #expect(simple?.characters == text.count, "U+\(String(value, radix: 16))")
        }
        let crlf = "ư\r\n\r\nạ\n\r"
        #expect(SMSAnalysis.forcingOfSimpleText(crlf)?.characters == crlf.count)
        #expect(SMSAnalysis(crlf).forcing.map(\.offset) == [0, 3])
    }
}
