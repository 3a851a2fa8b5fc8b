import Foundation
import Testing
@testable import SMSExport

/// Checks that the fast count and the full analysis agree, and returns the analysis.
@discardableResult
func analysed(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) -> SMSAnalysis {
    let analysis = SMSAnalysis(text)
    #expect(SMSCount(text) == analysis.count, sourceLocation: sourceLocation)
    #expect(SMSCount(nfc: analysis.text) == analysis.count, sourceLocation: sourceLocation)
    #expect(analysis.segments.joined() == analysis.text, sourceLocation: sourceLocation)
    #expect(analysis.segments.count == analysis.parts, sourceLocation: sourceLocation)
    return analysis
}

@Suite struct SMSSegmentationTests {
    @Test func gsm160IsOnePart161IsTwo() {
        let single = analysed(String(repeating: "a", count: 160))
        #expect(single.encoding == .gsm7)
        #expect(single.units == 160)
        #expect(single.parts == 1)
        let double = analysed(String(repeating: "a", count: 161))
        #expect(double.units == 161)
        #expect(double.parts == 2)
        #expect(double.segments.map(\.count) == [153, 8])
    }

    @Test func gsm306IsTwoParts307IsThree() {
        #expect(analysed(String(repeating: "b", count: 306)).parts == 2)
        let three = analysed(String(repeating: "b", count: 307))
        #expect(three.parts == 3)
        #expect(three.segments.map(\.count) == [153, 153, 1])
    }

    @Test func extensionCharactersCountTwiceTowardsTheSingleLimit() {
        // 158 + 2 = 160 septets: one part; 159 + 2 = 161: two.
        #expect(analysed(String(repeating: "a", count: 158) + "€").parts == 1)
        let two = analysed(String(repeating: "a", count: 159) + "€")
        #expect(two.units == 161)
        #expect(two.parts == 2)
    }

    @Test func extensionCharacterAtSeptet153MovesToTheNextPart() {
        // 152 septets, then '[' would take septets 153 and 154: it moves whole to part 2.
        let text = String(repeating: "a", count: 152) + "[" + String(repeating: "a", count: 20)
        let analysis = analysed(text)
        #expect(analysis.units == 174)
        #expect(analysis.parts == 2)
        #expect(analysis.segments[0] == String(repeating: "a", count: 152))
        #expect(analysis.segments[1].hasPrefix("["))
        // One septet earlier it still fits: 151 + 2 = 153.
        let fits = analysed(String(repeating: "a", count: 151) + "[" + String(repeating: "a", count: 20))
        #expect(fits.segments[0].hasSuffix("["))
        #expect(fits.segments[0].count == 152)
    }

    @Test func movedExtensionCharacterCanAddAPart() {
        // 306 septets with a '€' at 153: ceil(306/153) = 2, but the move makes it 3.
        let text = String(repeating: "a", count: 152) + "€" + String(repeating: "a", count: 152)
        let analysis = analysed(text)
        #expect(analysis.units == 306)
        #expect(analysis.parts == 3)
        #expect(analysis.segments.map { SMSAnalysis($0).units } == [152, 153, 1])
    }

    @Test func ucs2SeventyIsOnePartSeventyOneIsTwo() {
        #expect(analysed(String(repeating: "ư", count: 70)).parts == 1)
        let two = analysed(String(repeating: "ư", count: 71))
        #expect(two.encoding == .ucs2)
        #expect(two.units == 71)
        #expect(two.parts == 2)
        #expect(two.segments.map(\.count) == [67, 4])
    }

    @Test func ucs2134IsTwoParts135IsThree() {
        #expect(analysed(String(repeating: "ệ", count: 134)).parts == 2)
        let three = analysed(String(repeating: "ệ", count: 135))
        #expect(three.parts == 3)
        #expect(three.segments.map(\.count) == [67, 67, 1])
    }

    @Test func surrogatePairAtUnit67MovesToTheNextPart() {
        // 66 units, then 👍 (2 units) would take units 67 and 68: it moves whole to part 2.
        let text = String(repeating: "ơ", count: 66) + "👍" + String(repeating: "ơ", count: 10)
        let analysis = analysed(text)
        #expect(analysis.units == 78)
        #expect(analysis.parts == 2)
        #expect(analysis.segments[0] == String(repeating: "ơ", count: 66))
        #expect(analysis.segments[1].hasPrefix("👍"))
        #expect(analysis.forcing.contains(ForcingCharacter(character: "👍", offset: 66)))
    }

    @Test func emojiCountTwoUnitsAndForceUCS2() {
        let analysis = analysed("Hi 👋")
        #expect(analysis.encoding == .ucs2)
        #expect(analysis.units == 5)
        #expect(analysis.characters == 4)
        #expect(analysis.forcing == [ForcingCharacter(character: "👋", offset: 3)])
    }

    @Test func emptyTextIsOneEmptyPart() {
        let analysis = analysed("")
        #expect(analysis.encoding == .gsm7)
        #expect(analysis.units == 0)
        #expect(analysis.parts == 1)
        #expect(analysis.segments == [""])
    }
}

@Suite struct SMSLanguageTests {
    static let vietnamese = "Cảnh giác với lời mời làm việc lương cao ở nước ngoài"

    @Test func nfcAndNFDVietnameseGiveTheSameResult() {
        let nfd = Self.vietnamese.decomposedStringWithCanonicalMapping
        #expect(nfd.unicodeScalars.count > Self.vietnamese.unicodeScalars.count)
        let fromNFC = analysed(Self.vietnamese)
        let fromNFD = analysed(nfd)
        #expect(fromNFC == fromNFD)
        #expect(fromNFC.encoding == .ucs2)
        #expect(fromNFC.units == Self.vietnamese.count)
        #expect(SMSCount(nfd) == SMSCount(nfc: Self.vietnamese))
    }

    @Test func forcingCharactersAreListedWithCharacterOffsets() {
        let analysis = analysed("Cảnh giác")
        #expect(analysis.forcing == [ForcingCharacter(character: "ả", offset: 1), ForcingCharacter(character: "á", offset: 7)])
        // Decomposed input: offsets are still counted in characters of the NFC text.
        #expect(analysed("Cảnh giác".decomposedStringWithCanonicalMapping).forcing == analysis.forcing)
    }

    @Test func hmongRPAStaysGSM7() {
        let analysis = analysed("Koj puas paub txog kev muag neeg?")
        #expect(analysis.encoding == .gsm7)
        #expect(analysis.units == 33)
        #expect(analysis.forcing.isEmpty)
    }

    @Test func khmerIsUCS2() {
        let text = "ការជួញដូរមនុស្ស"
        let analysis = analysed(text)
        #expect(analysis.encoding == .ucs2)
        #expect(analysis.units == text.utf16.count)
        #expect(analysis.forcing.count == analysis.characters)
    }

    @Test func taiVietIsUCS2() {
        let text = "ꪼꪕꪒꪾ"
        #expect(text.unicodeScalars.allSatisfy { (0xAA80...0xAADF).contains($0.value) })
        let analysis = analysed(text)
        #expect(analysis.encoding == .ucs2)
        #expect(analysis.units == 4)
        #expect(analysis.parts == 1)
    }

    @Test func longKhmerTextSplitsAndRejoins() {
        let text = String(repeating: "ការជួញដូរមនុស្ស ", count: 12)
        let analysis = analysed(text)
        #expect(analysis.parts == Int((Double(text.utf16.count) / 67).rounded(.up)))
        for segment in analysis.segments { #expect(segment.utf16.count <= 67) }
    }

    @Test func jsonHasTheDocumentedKeys() throws {
        let data = try JSONEncoder().encode(SMSAnalysis("Cảnh giác 👍"))
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(Set(object.keys) == ["text", "encoding", "characters", "units", "parts", "segments", "forcing"])
        #expect(object["encoding"] as? String == "UCS-2")
        #expect(object["parts"] as? Int == 1)
        #expect(object["units"] as? Int == 12)
        #expect(object["characters"] as? Int == 11)
        #expect(object["segments"] as? [String] == ["Cảnh giác 👍"])
        let forcing = try #require(object["forcing"] as? [[String: Any]])
        #expect(forcing.count == 3)
        #expect(forcing.first?["character"] as? String == "ả")
        #expect(forcing.first?["offset"] as? Int == 1)
        #expect(forcing.last?["offset"] as? Int == 10)
        #expect(try JSONDecoder().decode(SMSAnalysis.self, from: data) == SMSAnalysis("Cảnh giác 👍"))
        let gsm = try JSONSerialization.jsonObject(with: JSONEncoder().encode(SMSAnalysis("ok"))) as? [String: Any]
        #expect(gsm?["encoding"] as? String == "GSM-7")
    }
}

@Suite struct SMSGraphemeSplitTests {
    @Test func partsAreCutBetweenScalarsEvenInsideAGrapheme() {
        // 66 units, then a family emoji (👩 ZWJ 👩 ZWJ 👧 = 2+1+2+1+2 units): its first 👩 no longer fits in
        // part 1 (66 + 2 > 67), so it starts part 2 … and a single-unit ZWJ placed at unit 67 stays in part 1.
        let text = String(repeating: "ơ", count: 65) + "a" + "\u{200D}" + "👩" + String(repeating: "ơ", count: 10)
        let analysis = analysed(text)
        #expect(analysis.parts == 2)
        #expect(analysis.segments[0].unicodeScalars.last == "\u{200D}")
        #expect(analysis.segments[1].unicodeScalars.first == "👩")
        let family = String(repeating: "ơ", count: 64) + "👩‍👩‍👧" + String(repeating: "ơ", count: 10)
        let split = analysed(family)
        #expect(split.segments[0].unicodeScalars.count == 66) // 64 + 👩 + ZWJ = 67 units
        #expect(split.segments.joined() == family)
    }
}
