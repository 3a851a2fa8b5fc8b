import Foundation
import Testing
@testable import MarkdownRendering

/// `html(utf8:)` (bytes in, bytes out, libcmark's output patched with heading ids, tree in an arena) must
/// give exactly what `html(_:)` gives, and both exactly what the earlier implementation gave
/// (`referenceHTML`: libcmark's allocator, headings replaced by custom blocks, a `String`).
@Suite("Bytes path agrees with the String path and the reference")
struct BytesPathTests {
    static let optionSets: [MarkdownRenderer.Options] = [
        .default,
        .init(headingIDs: false),
        .init(smartPunctuation: true),
        .init(unsafe: true),
        .init(unsafe: true, smartPunctuation: true, headingIDs: false),
    ]

    /// Every input the comparisons use: the 652 spec examples, the injection corpus and a few extras
    /// (decomposed Vietnamese, duplicate and empty headings, NUL, a byte-order mark, CR line endings).
    static let inputs: [String] = SpecExample.all.map(\.markdown) + InjectionTests.vectors + [
        "# Mua ba\u{0301}n ngu\u{031B}o\u{031B}\u{0300}i\n\n# Mua bán người\n\n## ស្វាគមន៍\n\n#\n\n# *a* `b` [c](d)\n",
        "\u{FEFF}# BOM\r\nSetext *heading*\r\n===\r\n\r\n- # in a list\r\n> ## in a quote\r",
        "a\u{0}b\n\n# x\u{0}y\n",
        "# “Trời ơi” -- họ nói...\n\n# 'vâng'\n",
        "# <h1>raw</h1> heading\n\n<h2>block</h2>\n\n<h1>\n\n# after raw\n",
        "Setext with <b>html</b>\nand a hard  \nbreak\n---\n\n```\n<h1>code</h1>\n```\n",
    ]

    @Test(arguments: optionSets)
    func bytesPathEqualsStringPathAndReference(_ options: MarkdownRenderer.Options) throws {
        let renderer = MarkdownRenderer(options: options)
        var failures: [String] = []
        for input in Self.inputs {
            let bytes = try renderer.html(utf8: Array(input.utf8))
            let string = renderer.html(input)
            let reference = renderer.referenceHTML(input)
            if bytes != Array(string.utf8) || string != reference {
                failures.append(String(input.prefix(60)))
            }
        }
        #expect(failures.isEmpty, "\(failures.count) inputs differ, first: \(failures.prefix(5))")
    }

    /// Heading ids written into libcmark's single rendering match the custom-block rendering, also when
    /// many headings share a slug and documents are large enough for several arena chunks.
    @Test func largeDocumentWithManyHeadings() throws {
        var text = ""
        for index in 0..<3000 {
            text += "# Tài liệu \(index % 7) *nhấn* `mã` [liên kết](https://loa.example.vn/\(index))\n\n"
            text += "## Phòng chống mua bán người\n\n- \(String(repeating: "chữ ", count: index % 50))\n\n"
            if index % 500 == 0 { text += String(repeating: "dòng rất dài ", count: 5000) + "\n\n" }
        }
        for options in Self.optionSets {
            let renderer = MarkdownRenderer(options: options)
            let bytes = try renderer.html(utf8: Data(text.utf8))
            #expect(bytes == Array(renderer.referenceHTML(text).utf8))
        }
    }

    @Test func collectionKindsGiveTheSameBytes() throws {
        let renderer = MarkdownRenderer()
        let text = "# Chào *bạn*\n\nđ€😀 [x](javascript:alert(1))\n"
        let expected = Array(renderer.html(text).utf8)
        #expect(try renderer.html(utf8: Data(text.utf8)) == expected)
        #expect(try renderer.html(utf8: Array(text.utf8)[...]) == expected)
        #expect(try renderer.html(utf8: text.utf8.reversed().reversed()) == expected)  // not contiguous
        #expect(try renderer.html(utf8: [UInt8]()) == [])
    }

    @Test func nonNFCBytesAreNormalised() throws {
        let renderer = MarkdownRenderer()
        let decomposed = "# Mua ba\u{0301}n ngu\u{031B}o\u{031B}\u{0300}i\n"
        #expect(try renderer.html(utf8: Array(decomposed.utf8)) == Array("<h1 id=\"mua-ban-nguoi\">Mua bán người</h1>\n".utf8))
    }

    @Test(arguments: [
        ([0x61, 0xE1, 0xBB], 1), ([0xF0, 0x9F, 0x98], 0), ([0x41, 0xC0, 0x80], 1), ([0xE0, 0x80, 0xAF], 0),
        ([0x61, 0x62, 0x80], 2), ([0x61, 0xED, 0xA0, 0x80], 1), ([0xF4, 0x90, 0x80, 0x80], 0), ([0x61, 0xFF], 1),
    ] as [([UInt8], Int)])
    func invalidUTF8IsReportedLikeDecode(_ bytes: [UInt8], _ offset: Int) {
        let padded = Array("# Tiêu đề dài hơn tám byte\n".utf8) + bytes
        let shift = padded.count - bytes.count
        #expect(throws: MarkdownInputError.invalidUTF8(byteOffset: offset + shift)) {
            try MarkdownRenderer().html(utf8: padded)
        }
        #expect(throws: MarkdownInputError.invalidUTF8(byteOffset: offset + shift)) {
            try MarkdownInput.decode(padded)
        }
    }

    /// The one-pass scan gives the same answers as the two separate checks, on random bytes biased
    /// towards UTF-8 lead and continuation bytes.
    @Test func scanAgreesWithSeparateChecks() {
        var random = SystemRandomNumberGenerator()
        let interesting: [UInt8] = [0x00, 0x41, 0x7F, 0x80, 0xBF, 0xC0, 0xC2, 0xCB, 0xCC, 0xDF, 0xE0, 0xE1, 0xE2, 0xED, 0xEF, 0xF0, 0xF4, 0xF5, 0xFF, 0x81, 0x90, 0xA0, 0xB8, 0xBB, 0x9F, 0x8F]
        for _ in 0..<20_000 {
            let count = Int.random(in: 0...24, using: &random)
            let bytes = (0..<count).map { _ in
                Bool.random(using: &random) ? interesting.randomElement(using: &random)! : UInt8.random(in: 0...255, using: &random)
            }
            bytes.withUnsafeBufferPointer { buffer in
                let scan = MarkdownInput.scan(buffer)
                let invalid = MarkdownInput.firstInvalidUTF8Offset(buffer)
                #expect(scan.invalidOffset == invalid, "\(bytes)")
                if invalid == nil { #expect(scan.knownNFC == MarkdownInput.isKnownNFC(buffer), "\(bytes)") }
            }
        }
    }

    /// A document parsed while another is alive on the same thread (the arena slot is taken) uses
    /// libcmark's allocator; both stay intact.
    @Test func nestedDocumentsOnOneThread() {
        let renderer = MarkdownRenderer()
        let outer = CmarkDocument(parsing: "# Ngoài\n\ntext *em*\n", options: 0)
        let inner = renderer.html("# Trong\n\n- a\n- b\n")
        let again = renderer.analyze("# Trong\n\n- a\n- b\n").html
        #expect(inner == again)
        #expect(String(decoding: outer.renderHTMLBytes(outer.root, options: 0), as: UTF8.self) == "<h1>Ngoài</h1>\n<p>text <em>em</em></p>\n")
    }

    @Test func concurrentRenderingGivesTheSameOutput() async throws {
        let renderer = MarkdownRenderer()
        let inputs = Array(Self.inputs.prefix(200))
        let expected = inputs.map { renderer.referenceHTML($0) }
        let results = try await withThrowingTaskGroup(of: (Int, [UInt8]).self) { group in
            for (index, input) in inputs.enumerated() {
                group.addTask { (index, try renderer.html(utf8: Array(input.utf8))) }
            }
            var results = [[UInt8]](repeating: [], count: inputs.count)
            for try await (index, bytes) in group { results[index] = bytes }
            return results
        }
        #expect(results == expected.map { Array($0.utf8) })
    }
}
