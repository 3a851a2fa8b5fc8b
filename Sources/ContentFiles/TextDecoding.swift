import CampaignModel
import Foundation

/// Turns file bytes into NFC text, or says exactly where they stop being UTF-8.
public enum TextDecoding {
    /// Decodes `bytes` as strict UTF-8 and normalises the result to NFC.
    ///
    /// Invalid input is refused with the byte offset and line of the first bad byte rather than being
    /// patched with replacement characters: a silently damaged word in a warning message is worse than
    /// no message. A leading byte-order mark is dropped; CRLF line ends become LF.
    public static func decode(_ bytes: Data, file: String) throws(LoaError) -> String {
        var start = bytes.startIndex
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { start += 3 }
        let body = bytes[start...]
        // Through the buffer: Data's own iterator goes byte by byte, which cost more than the decoding.
        let (decoded, hasCarriageReturn) = body.withUnsafeBytes { raw -> (String?, Bool) in
            let buffer = raw.bindMemory(to: UInt8.self)
            return (String(validating: buffer, as: UTF8.self), buffer.contains(0x0D))
        }
        guard let text = decoded else {
            let offset = firstInvalidUTF8Offset(body) ?? 0
            let line = body[body.startIndex..<(body.startIndex + offset)].reduce(1) { $1 == 0x0A ? $0 + 1 : $0 }
            throw .invalid(InputIssue(
                file: file, line: line,
                problem: "the file is not valid UTF-8 (byte offset \(offset + (start - bytes.startIndex))).",
                fix: "save the file as UTF-8 (most editors offer this under 'Save with encoding')."))
        }
        return TextFolding.nfc(hasCarriageReturn ? text.replacingOccurrences(of: "\r\n", with: "\n") : text)
    }

    /// Decodes a file of text people read (`decode`) and refuses it when it holds a control character
    /// other than tab and line feed, naming line and column (see `ControlCharacters`).
    public static func decodeText(_ bytes: Data, file: String) throws(LoaError) -> String {
        let text = try decode(bytes, file: file)
        if let found = ControlCharacters.first(in: text) { throw .invalid(found.issue(file: file)) }
        return text
    }

    /// Offset of the first byte that is not part of a well-formed UTF-8 sequence (RFC 3629: no overlong
    /// forms, no surrogates, nothing above U+10FFFF), or nil when all of `bytes` is valid.
    public static func firstInvalidUTF8Offset<C: Collection>(_ bytes: C) -> Int? where C.Element == UInt8 {
        var iterator = bytes.makeIterator()
        var offset = 0
        while let lead = iterator.next() {
            let sequenceStart = offset
            offset += 1
            if lead < 0x80 { continue }
            let length: Int
            var lower: UInt8 = 0x80
            var upper: UInt8 = 0xBF
            switch lead {
            case 0xC2...0xDF: length = 2
            case 0xE0: length = 3; lower = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: length = 3
            case 0xED: length = 3; upper = 0x9F
            case 0xF0: length = 4; lower = 0x90
            case 0xF1...0xF3: length = 4
            case 0xF4: length = 4; upper = 0x8F
            default: return sequenceStart
            }
            for index in 1..<length {
                guard let next = iterator.next() else { return sequenceStart }
                offset += 1
                let low: UInt8 = index == 1 ? lower : 0x80
                let high: UInt8 = index == 1 ? upper : 0xBF
                if next < low || next > high { return sequenceStart }
            }
        }
        return nil
    }
}
