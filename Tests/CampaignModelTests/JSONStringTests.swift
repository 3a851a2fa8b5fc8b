import CampaignModel
import Foundation
import Testing

@Suite struct JSONStringTests {
    /// The plan files and site manifests written byte by byte escape every string as `JSONEncoder` does,
    /// control characters included, and decode back to the same string.
    @Test func escapesAsJSONEncoderDoes() throws {
        let controls = String(String.UnicodeScalarView((0..<0x20).compactMap(Unicode.Scalar.init)))
        let texts = ["", "plain", "Buôn bán người", "a\"b\\c/d", controls, "tab\there\nnew \u{7F} \u{85} ꪼꪕ 😀", "\"\\\""]
        let encoder = JSONEncoder()
        encoder.outputFormatting = .withoutEscapingSlashes
        for text in texts {
            var out: [UInt8] = []
            JSONString.append(text, to: &out)
            #expect(out == Array(try encoder.encode(text)), "\(text.debugDescription)")
            #expect(try JSONDecoder().decode(String.self, from: Data(out)) == text)
        }
    }
}
