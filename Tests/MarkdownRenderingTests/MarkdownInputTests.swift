import Testing
import Foundation
@testable import MarkdownRendering

@Suite("Input validation")
struct MarkdownInputTests {
    @Test func validUTF8IsDecodedAndNormalised() throws {
        let nfd = "Mua ba\u{0301}n ngu\u{031B}o\u{031B}\u{0300}i"
        #expect(try MarkdownInput.decode(Array(nfd.utf8)) == "Mua bán người")
        #expect(try MarkdownInput.decode(Data("# Chào\n".utf8)) == "# Chào\n")
        #expect(try MarkdownInput.decode([UInt8]()) == "")
        // A non-contiguous collection goes through the same path.
        #expect(try MarkdownInput.decode("đ€😀".utf8.reversed().reversed()) == "đ€😀")
    }

    @Test(arguments: [
        // (bytes, offset of the first bad byte)
        ([0x61, 0xE1, 0xBB], 1),  // truncated 3-byte sequence at the end
        ([0x61, 0xE1, 0xBB, 0x61], 1),  // truncated sequence followed by ASCII
        ([0xF0, 0x9F, 0x98], 0),  // truncated 4-byte sequence
        ([0x41, 0xC0, 0x80], 1),  // overlong NUL
        ([0x41, 0x42, 0xC1, 0xBF], 2),  // overlong 2-byte
        ([0xE0, 0x80, 0xAF], 0),  // overlong 3-byte '/'
        ([0xF0, 0x80, 0x80, 0xAF], 0),  // overlong 4-byte
        ([0x61, 0x62, 0x80], 2),  // lone continuation byte
        ([0xBF, 0x61], 0),  // lone continuation at the start
        ([0x61, 0xED, 0xA0, 0x80], 1),  // UTF-16 surrogate U+D800
        ([0xED, 0xBF, 0xBF], 0),  // surrogate U+DFFF
        ([0xF4, 0x90, 0x80, 0x80], 0),  // above U+10FFFF
        ([0x61, 0xFF], 1),  // byte never used in UTF-8
        ([0x63, 0x68, 0xC3, 0xA0, 0x6F, 0xFE], 5),  // after valid "chào"
    ] as [([UInt8], Int)])
    func invalidUTF8ReportsTheFirstBadByte(_ bytes: [UInt8], _ offset: Int) {
        #expect(throws: MarkdownInputError.invalidUTF8(byteOffset: offset)) {
            try MarkdownInput.decode(bytes)
        }
        #expect(throws: MarkdownInputError.invalidUTF8(byteOffset: offset)) {
            try MarkdownInput.decode(Data(bytes))
        }
    }

    @Test func typedErrorCarriesTheOffset() {
        do {
            _ = try MarkdownInput.decode(Array("Xin chào".utf8) + [0xC3])
            Issue.record("expected an error")
        } catch {
            #expect(error == .invalidUTF8(byteOffset: 9))
            #expect(error.description.contains("offset 9"))
        }
    }

    @Test func boundaryScalarsAreAccepted() throws {
        let text = "\u{7F}\u{80}\u{7FF}\u{800}\u{D7FF}\u{E000}\u{FFFD}\u{10000}\u{10FFFF}"
        #expect(try MarkdownInput.decode(Array(text.utf8)) == text)
    }

    @Test func nulBytesReachTheParserWithoutCuttingTheText() throws {
        let text = try MarkdownInput.decode([0x61, 0x00, 0x62])
        #expect(MarkdownRenderer().html(text) == "<p>a\u{FFFD}b</p>\n")
    }
}
