import CampaignModel

/// The one way raw bytes become Markdown text: strict UTF-8 decoding and NFC normalisation.
///
/// Nothing is replaced silently: the first ill-formed sequence is reported with its byte offset, so the
/// person who supplied the file can find and fix it.
public enum MarkdownInput {
    /// Decodes `bytes` as UTF-8 and returns the text in NFC.
    ///
    /// A leading byte-order mark is kept (libcmark ignores it at the start of a document).
    /// - Throws: `MarkdownInputError.invalidUTF8(byteOffset:)` at the first byte of the first ill-formed
    ///   sequence (truncated sequence, overlong form, lone continuation byte, surrogate code point, value
    ///   above U+10FFFF, or a byte that never occurs in UTF-8).
    public static func decode(_ bytes: some Collection<UInt8>) throws(MarkdownInputError) -> String {
        if let result = bytes.withContiguousStorageIfAvailable({ decodeContiguous($0) }) {
            return try result.get()
        }
        return try Array(bytes).withUnsafeBufferPointer { decodeContiguous($0) }.get()
    }

    private static func decodeContiguous(_ bytes: UnsafeBufferPointer<UInt8>) -> Result<String, MarkdownInputError> {
        // The standard library validates fast; the offset is only searched for when it says no.
        if let text = String(validating: bytes, as: UTF8.self) {
            return .success(normalized(text))
        }
        return .failure(.invalidUTF8(byteOffset: firstInvalidUTF8Offset(bytes) ?? 0))
    }

    /// The offset of the first byte of the first ill-formed UTF-8 sequence, or nil when all is well-formed.
    ///
    /// Follows table 3-7 of the Unicode Standard (well-formed UTF-8 byte sequences).
    static func firstInvalidUTF8Offset(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        var index = 0
        let count = bytes.count
        while index < count {
            let lead = bytes[index]
            if lead < 0x80 {
                index += 1
                continue
            }
            let length: Int
            var secondRange: ClosedRange<UInt8> = 0x80...0xBF
            switch lead {
            case 0xC2...0xDF: length = 2
            case 0xE0: length = 3; secondRange = 0xA0...0xBF
            case 0xE1...0xEC, 0xEE...0xEF: length = 3
            case 0xED: length = 3; secondRange = 0x80...0x9F
            case 0xF0: length = 4; secondRange = 0x90...0xBF
            case 0xF1...0xF3: length = 4
            case 0xF4: length = 4; secondRange = 0x80...0x8F
            default: return index
            }
            guard index + length <= count, secondRange.contains(bytes[index + 1]) else { return index }
            for offset in 2..<length where !(0x80...0xBF).contains(bytes[index + offset]) {
                return index
            }
            index += length
        }
        return nil
    }

    /// What one pass over raw bytes found: the offset of the first ill-formed UTF-8 sequence (nil when the
    /// bytes are well-formed), and whether the bytes are known to be NFC already (`isKnownNFC`'s test).
    struct Scan: Equatable {
        var invalidOffset: Int?
        var knownNFC: Bool
    }

    /// Validates UTF-8 (table 3-7 of the Unicode Standard, same answer as `firstInvalidUTF8Offset`) and
    /// runs `isKnownNFC`'s test in the same pass, so raw bytes are read once.
    ///
    /// ASCII is skipped eight bytes at a time (the first non-ASCII byte of a word is found from its high
    /// bits); each other scalar is checked once. The NFC answer is only meaningful for well-formed bytes.
    static func scan(_ bytes: UnsafeBufferPointer<UInt8>) -> Scan {
        guard let start = bytes.baseAddress else { return Scan(invalidOffset: nil, knownNFC: true) }
        let end = start + bytes.count
        var pointer = start
        var knownNFC = true
        let highBits: UInt64 = 0x8080_8080_8080_8080
        while true {
            while end - pointer >= 8 {
                let high = UnsafeRawPointer(pointer).loadUnaligned(as: UInt64.self) & highBits
                if high != 0 {
                    pointer += (UInt64(littleEndian: high).trailingZeroBitCount &>> 3)
                    break
                }
                pointer += 8
            }
            guard pointer < end else { break }
            let lead = pointer.pointee
            if lead < 0x80 {
                pointer += 1
                continue
            }
            let remaining = end - pointer
            let invalid = Scan(invalidOffset: pointer - start, knownNFC: false)
            if lead < 0xE0 {
                // U+0080…U+07FF; only U+0080…U+02FF (leads 0xC2…0xCB) are known NFC.
                guard lead >= 0xC2, remaining >= 2, pointer[1] & 0xC0 == 0x80 else { return invalid }
                if lead >= 0xCC { knownNFC = false }
                pointer += 2
            } else if lead < 0xF0 {
                guard remaining >= 3 else { return invalid }
                let second = pointer[1]
                let low: UInt8 = lead == 0xE0 ? 0xA0 : 0x80
                let high: UInt8 = lead == 0xED ? 0x9F : 0xBF
                guard second >= low, second <= high, pointer[2] & 0xC0 == 0x80 else { return invalid }
                if knownNFC {
                    // U+1E00…U+1EFF (E1 B8…BB) and U+2010…U+207F (E2 80 90…BF, E2 81 xx) are known NFC.
                    let accepted =
                        (lead == 0xE1 && second >= 0xB8 && second <= 0xBB)
                        || (lead == 0xE2 && ((second == 0x80 && pointer[2] >= 0x90) || second == 0x81))
                    if !accepted { knownNFC = false }
                }
                pointer += 3
            } else {
                guard lead <= 0xF4, remaining >= 4 else { return invalid }
                let second = pointer[1]
                let low: UInt8 = lead == 0xF0 ? 0x90 : 0x80
                let high: UInt8 = lead == 0xF4 ? 0x8F : 0xBF
                guard second >= low, second <= high, pointer[2] & 0xC0 == 0x80, pointer[3] & 0xC0 == 0x80 else {
                    return invalid
                }
                knownNFC = false
                pointer += 4
            }
        }
        return Scan(invalidOffset: nil, knownNFC: knownNFC)
    }

    /// `text` in NFC, skipping the (slow) normalisation when a byte scan proves the text is already NFC.
    ///
    /// The scan accepts ASCII, U+0080–U+02FF, the precomposed Vietnamese letters (U+1E00–U+1EFF) and the
    /// punctuation block U+2010–U+206F: none of these is changed by NFC or combines with what precedes it.
    /// Anything else (combining marks, other scripts) goes through `TextFolding.nfc`.
    static func normalized(_ text: String) -> String {
        var copy = text
        return copy.withUTF8(isKnownNFC) ? text : TextFolding.nfc(text)
    }

    /// The byte scan behind `normalized`; `bytes` must be well-formed UTF-8 (a String's).
    ///
    /// Only lead bytes from 0xCC up can start a scalar outside the accepted ranges (continuation bytes are
    /// 0x80–0xBF, and 0xC2–0xCB lead U+0080–U+02FF), so eight bytes at a time are skipped while none of
    /// them is 0xCC or above, and each such byte is checked with what follows it.
    static func isKnownNFC(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard var pointer = bytes.baseAddress else { return true }
        let end = pointer + bytes.count
        let highBits: UInt64 = 0x8080_8080_8080_8080
        let lowBits: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
        let addAbove4B: UInt64 = 0x3434_3434_3434_3434  // 0x4C + 0x34 = 0x80: sets bit 7 for 0x4C…0x7F
        while pointer < end {
            while end - pointer >= 8 {
                let word = UnsafeRawPointer(pointer).loadUnaligned(as: UInt64.self)
                if word & highBits & ((word & lowBits) &+ addAbove4B) != 0 { break }
                pointer += 8
            }
            guard pointer < end else { break }
            let byte = pointer.pointee
            if byte < 0xCC {
                pointer += 1
            } else if byte == 0xE1, pointer[1] >= 0xB8, pointer[1] <= 0xBB {
                pointer += 3
            } else if byte == 0xE2, (pointer[1] == 0x80 && pointer[2] >= 0x90) || pointer[1] == 0x81 {
                pointer += 3
            } else {
                return false
            }
        }
        return true
    }
}
