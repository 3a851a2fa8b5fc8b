import Foundation
import PropertyBased
import Testing
@testable import SMSExport

/// Pieces random messages are made of: GSM letters, extension characters, Vietnamese (NFC and NFD),
/// emoji (surrogate pairs, ZWJ sequences), Khmer, Tai Viet and line breaks.
private let gsmPieces = ["a", "Z", " ", "7", "@", "é", "Δ", "\n", "\r\n", ".", "?", "£", "ß", "Ñ"]
private let extensionPieces = ["€", "[", "]", "{", "}", "~", "|", "\\", "^", "\u{0C}"]
private let otherPieces = ["ư", "ệ", "Đ", "ạ", "ố", "e\u{0302}\u{0301}", "u\u{031B}", "👍", "👩‍👩‍👧", "🇻🇳",
                           "ក", "ស្ស", "ꪼ", "ꪾ", "“", "…", "ç"]

private func messages(_ pool: [String], lengths: ClosedRange<Int>) -> Generator<String, some Sequence & SendableMetatype> {
    Gen<String?>.element(of: pool).map { $0! }.array(of: lengths).map { $0.joined() }
}

/// Septets (GSM-7) or UTF-16 units (UCS-2) of one scalar, computed here independently of the implementation.
private func unitCost(_ scalar: Unicode.Scalar, gsm: Bool) -> Int {
    if gsm { return gsmExtensionTable.unicodeScalars.contains(scalar) ? 2 : 1 }
    return scalar.value > 0xFFFF ? 2 : 1
}

/// Checks every invariant of the segmentation of `text`.
private func checkSegmentation(_ text: String) {
    let analysis = SMSAnalysis(text)
    let nfc = text.precomposedStringWithCanonicalMapping
    #expect(analysis.text == nfc)
    #expect(analysis.segments.joined() == nfc, "parts re-join to the text")
    #expect(SMSCount(text) == analysis.count)
    #expect(SMSCount(nfc: nfc) == analysis.count)

    let isGSM = nfc.unicodeScalars.allSatisfy { gsmBasicTable.unicodeScalars.contains($0) || gsmExtensionTable.unicodeScalars.contains($0) }
    #expect(analysis.encoding == (isGSM ? .gsm7 : .ucs2))
    #expect(analysis.forcing.isEmpty == isGSM)
    let costs = nfc.unicodeScalars.map { unitCost($0, gsm: isGSM) }
    let units = costs.reduce(0, +)
    #expect(analysis.units == units)
    let single = isGSM ? 160 : 70
    let multi = isGSM ? 153 : 67

    // The carrier formula: one part when it fits, else greedy packing that never splits a 2-unit character.
    var expectedParts = 1
    if units > single {
        var fill = 0
        for cost in costs {
            if fill + cost > multi { expectedParts += 1; fill = cost } else { fill += cost }
        }
        if !costs.contains(2) {
            #expect(expectedParts == (units + multi - 1) / multi, "greedy equals ceil(units/\(multi)) without 2-unit characters")
        }
    }
    #expect(analysis.parts == expectedParts)
    #expect(analysis.segments.count == expectedParts)
    for segment in analysis.segments {
        let segmentUnits = segment.unicodeScalars.map { unitCost($0, gsm: isGSM) }.reduce(0, +)
        #expect(segmentUnits <= (expectedParts == 1 ? single : multi), "each part is within its limit")
        if expectedParts > 1 { #expect(segmentUnits > 0) }
    }
}

@Suite struct SMSPropertyTests {
    @Test func gsmMessagesWithExtensionCharacters() async {
        await propertyCheck(count: 300, input: messages(gsmPieces + extensionPieces, lengths: 0...420)) { text in
            checkSegmentation(text)
        }
    }

    @Test func plainGSMMessagesMatchCeilingFormula() async {
        await propertyCheck(count: 200, input: messages(gsmPieces, lengths: 100...500)) { text in
            checkSegmentation(text)
            let analysis = SMSAnalysis(text)
            if analysis.units > 160 {
                #expect(analysis.parts == (analysis.units + 152) / 153)
            }
        }
    }

    @Test func mixedMessages() async {
        await propertyCheck(count: 300, input: messages(gsmPieces + extensionPieces + otherPieces, lengths: 0...260)) { text in
            checkSegmentation(text)
        }
    }

    @Test func ucs2MessagesWithEmoji() async {
        await propertyCheck(count: 300, input: messages(otherPieces + ["a", " "], lengths: 40...160)) { text in
            checkSegmentation(text)
        }
    }

    @Test func khongDauOfLatinTextIsGSM7() async {
        let latin = ["ả", "Ư", "ơ", "đ", "Đ", "ặ", "ễ", "ỹ", "ƀ", "č", "ĕ", "ơ\u{0306}", "ñ", "é", " ", "a", "“", "–", "…", "\u{00A0}"]
        await propertyCheck(count: 200, input: messages(latin, lengths: 0...120)) { text in
            let khongDau = KhongDau.transliterate(text)
            #expect(SMSAnalysis(khongDau).encoding == .gsm7, "\(khongDau)")
            #expect(khongDau.unicodeScalars.allSatisfy { $0.isASCII })
        }
    }
}
