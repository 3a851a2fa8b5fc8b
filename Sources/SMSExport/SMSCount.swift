import CampaignModel

/// The cost of one SMS text: its encoding, its length in that encoding's units and the parts it is billed as.
///
/// This is the fast path for the planner, which prices thousands of (material, locale, region) pairs: it
/// reads the text's UTF-8 bytes with a lookup table and allocates nothing for NFC text. It gives the same
/// `encoding`, `units` and `parts` as ``SMSAnalysis`` (which also builds the parts' texts and lists the
/// characters that forced UCS-2).
///
/// Counting rules (see ``SMSEncoding``):
/// - The text is counted in NFC. `init(_:)` normalises only when it meets a scalar that might not be in NFC
///   (anything outside U+0000–U+02FF, U+0391–U+03A9, U+1E00–U+1EFF, U+2010–U+2027 and U+20A0–U+20C0, which
///   covers NFC Vietnamese, RPA Hmong and GSM text); `init(nfc:)` trusts the caller (everything stored in Loa
///   is NFC) and skips even that check.
/// - GSM-7 when every scalar is in ``GSM7Alphabet``; `units` are septets (extension characters cost 2).
///   Otherwise UCS-2; `units` are UTF-16 code units (a scalar outside the BMP costs 2).
/// - `parts` is 1 when `units` fits the single-part limit (160 or 70; the empty text is 1 part). Otherwise the
///   text is packed greedily into parts of 153 or 67 units, a 2-unit character never straddling two parts:
///   that is `ceil(units / 153)` (or `/ 67`) when the text has no 2-unit character, and may be more when one
///   had to move to the next part.
public struct SMSCount: Sendable, Hashable, Codable {
    public var encoding: SMSEncoding
    /// Septets for GSM-7, UTF-16 code units for UCS-2.
    public var units: Int
    /// The number of parts carriers bill for.
    public var parts: Int

    public init(encoding: SMSEncoding, units: Int, parts: Int) {
        self.encoding = encoding
        self.units = units
        self.parts = parts
    }

    /// The cost of `text`, normalised to NFC first when it holds anything that may not be NFC already.
    public init(_ text: String) {
        if let count = Self.scan(text, trustNFC: false) {
            self = count
        } else {
            self = Self.scan(TextFolding.nfc(text), trustNFC: true)!
        }
    }

    /// The cost of `text`, which the caller guarantees is already NFC.
    ///
    /// Text that is not NFC is counted as it is, scalar by scalar, which over-counts decomposed Vietnamese.
    public init(nfc text: String) {
        self = Self.scan(text, trustNFC: true)!
    }

    /// Scans `text`; nil when `trustNFC` is false and a scalar outside the NFC-safe ranges appears.
    @inline(__always)
    static func scan(_ text: String, trustNFC: Bool) -> SMSCount? {
        UTF8Scalars.withBytes(of: text) { scan($0, trustNFC: trustNFC) }
    }

    static func scan(_ bytes: UnsafeBufferPointer<UInt8>, trustNFC: Bool) -> SMSCount? {
        let table = GSM7Alphabet.asciiCostPointer
        let count = bytes.count
        var index = 0
        var septets = 0
        var scalars = 0
        var hasExtension = false
        var isGSM = true

        // Septets, up to the first scalar outside GSM-7.
        while index < count {
            let byte = bytes[index]
            let cost: Int
            let length: Int
            if byte < 0x80 {
                cost = Int(table[Int(byte)])
                length = 1
            } else {
                let (value, width) = UTF8Scalars.decode(bytes, at: index)
                if !trustNFC && !UTF8Scalars.isNFCSafe(value) { return nil }
                cost = GSM7Alphabet.septets(value)
                length = width
            }
            if cost == 0 {
                isGSM = false
                break
            }
            septets += cost
            hasExtension = hasExtension || cost == 2
            scalars += 1
            index += length
        }
        if isGSM {
            return SMSCount(encoding: .gsm7, units: septets,
                            parts: parts(units: septets, encoding: .gsm7, greedy: hasExtension, bytes: bytes))
        }

        // UCS-2: every scalar so far was in the BMP (GSM-7 characters are), so it was one UTF-16 unit.
        // From here, a scalar is one unit per UTF-8 lead byte and two for a 4-byte sequence.
        var units = scalars
        var pairs = 0
        if trustNFC {
            while index < count {
                let byte = bytes[index]
                units &+= Int(truncatingIfNeeded: (byte & 0xC0 != 0x80 ? 1 : 0) as UInt8)
                pairs &+= Int(truncatingIfNeeded: (byte >= 0xF0 ? 1 : 0) as UInt8)
                index &+= 1
            }
        } else {
            while index < count {
                let byte = bytes[index]
                if byte < 0xC0 {
                    // ASCII (one unit) or a continuation byte (counted with its lead).
                    units &+= byte < 0x80 ? 1 : 0
                    index &+= 1
                    continue
                }
                if byte >= 0xCC && !UTF8Scalars.isNFCSafe(bytes, at: index) { return nil }
                units &+= 1
                pairs &+= byte >= 0xF0 ? 1 : 0
                index &+= 1
            }
        }
        units += pairs
        return SMSCount(encoding: .ucs2, units: units,
                        parts: parts(units: units, encoding: .ucs2, greedy: pairs > 0, bytes: bytes))
    }

    /// Parts for `units` units; packs greedily (a second pass) only when a 2-unit character is present.
    @inline(__always)
    static func parts(units: Int, encoding: SMSEncoding, greedy: Bool, bytes: UnsafeBufferPointer<UInt8>) -> Int {
        if units <= encoding.singlePartLimit { return 1 }
        let limit = encoding.multiPartLimit
        guard greedy else { return (units + limit - 1) / limit }
        var packer = PartPacker(limit: limit)
        UTF8Scalars.forEach(bytes) { value, _ in packer.add(encoding.cost(of: value)) }
        return packer.parts
    }
}

extension SMSEncoding {
    /// Units one scalar costs in this encoding (the message is known to be encodable).
    @inline(__always)
    func cost(of value: UInt32) -> Int {
        switch self {
        case .gsm7: GSM7Alphabet.septets(value)
        case .ucs2: value >= 0x10000 ? 2 : 1
        }
    }
}

/// Scalar decoding straight from a String's UTF-8 storage, and the NFC quick check.
enum UTF8Scalars {
    /// Runs `body` over `text`'s contiguous UTF-8 bytes (copying only a non-native, bridged string).
    @inline(__always)
    static func withBytes<R>(of text: String, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        if let result = text.utf8.withContiguousStorageIfAvailable(body) { return result }
        var copy = text
        copy.makeContiguousUTF8()
        return copy.utf8.withContiguousStorageIfAvailable(body)!
    }

    /// Decodes the scalar starting at `index` (the bytes are valid UTF-8: Swift strings always are).
    @inline(__always)
    static func decode(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> (value: UInt32, length: Int) {
        let lead = bytes[index]
        if lead < 0x80 { return (UInt32(lead), 1) }
        if lead < 0xE0 {
            return (UInt32(lead & 0x1F) << 6 | UInt32(bytes[index + 1] & 0x3F), 2)
        }
        if lead < 0xF0 {
            return (UInt32(lead & 0x0F) << 12 | UInt32(bytes[index + 1] & 0x3F) << 6
                        | UInt32(bytes[index + 2] & 0x3F), 3)
        }
        return (UInt32(lead & 0x07) << 18 | UInt32(bytes[index + 1] & 0x3F) << 12
                    | UInt32(bytes[index + 2] & 0x3F) << 6 | UInt32(bytes[index + 3] & 0x3F), 4)
    }

    /// Calls `body` with each scalar value and its byte offset.
    @inline(__always)
    static func forEach(_ bytes: UnsafeBufferPointer<UInt8>, _ body: (UInt32, Int) -> Void) {
        var index = 0
        while index < bytes.count {
            let (value, length) = decode(bytes, at: index)
            body(value, index)
            index += length
        }
    }

    /// Scalars that are NFC quick-check "yes" with canonical combining class 0, so a text made only of them is
    /// already NFC. Checked against Foundation's normaliser in the tests.
    @inline(__always)
    static func isNFCSafe(_ value: UInt32) -> Bool {
        value < 0x0300 || (0x1E00...0x1EFF).contains(value) || (0x0391...0x03A9).contains(value)
            || (0x2010...0x2027).contains(value) || (0x20A0...0x20C0).contains(value)
    }

    /// ``isNFCSafe(_:)`` for the scalar whose lead byte is at `index`, deciding from the bytes when it can.
    @inline(__always)
    static func isNFCSafe(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Bool {
        let lead = bytes[index]
        if lead < 0xCC { return true }  // below U+0300
        if lead == 0xE1 {  // U+1000–U+1FFF: safe exactly for U+1E00–U+1EFF
            let next = bytes[index + 1]
            return next >= 0xB8 && next <= 0xBB
        }
        return isNFCSafe(decode(bytes, at: index).value)
    }

    /// `text` in NFC, calling the (slow) normaliser only when a scalar outside the NFC-safe ranges appears.
    static func nfc(_ text: String) -> String {
        let safe = withBytes(of: text) { bytes in
            var index = 0
            while index < bytes.count {
                if bytes[index] < 0x80 {
                    index += 1
                    continue
                }
                let (value, length) = decode(bytes, at: index)
                if !isNFCSafe(value) { return false }
                index += length
            }
            return true
        }
        return safe ? text : TextFolding.nfc(text)
    }
}
