import CampaignModel

/// A character that is not in the GSM-7 alphabet and so makes a whole message UCS-2.
public struct ForcingCharacter: Sendable, Hashable, Codable {
    /// The character (an extended grapheme cluster, for example `ả`, `ꪼ` or `👍🏽`).
    public var character: String
    /// Its 0-based position counted in `Character`s (extended grapheme clusters) of the NFC text.
    public var offset: Int

    public init(character: String, offset: Int) {
        self.character = character
        self.offset = offset
    }
}

/// Everything about how one SMS text is sent: encoding, length, the text of each billed part, and which
/// characters forced UCS-2.
///
/// Rules (the same as ``SMSCount``, which computes `encoding`, `units` and `parts` without building parts):
/// - `text` is the NFC form of the input; every other field is about it.
/// - `encoding` is GSM-7 when every scalar is in ``GSM7Alphabet``, else UCS-2.
/// - `units` counts septets (GSM-7; extension characters cost 2) or UTF-16 code units (UCS-2; a scalar
///   outside the BMP costs 2).
/// - `parts`/`segments`: one part when `units` fits 160 (GSM-7) or 70 (UCS-2). Otherwise parts of at most 153
///   or 67 units, filled greedily; a character that does not fit in what is left of a part starts the next
///   one, so an extension character (ESC + septet) or a surrogate pair never straddles two parts.
///   Parts are cut between Unicode scalars, as handsets and gateways cut them, so a multi-scalar grapheme
///   (a ZWJ emoji sequence, a Khmer consonant with its vowel sign) may be split between parts; the handset
///   joins the parts back. `segments.joined() == text` always. The empty text is one empty part.
/// - `forcing` lists every character (each occurrence, in order) holding a scalar outside GSM-7; it is
///   empty exactly when `encoding` is GSM-7. A U+001B (ESC) in the text counts as outside the alphabet.
/// - `characters` is `text.count`: extended grapheme clusters, as a person counts them.
///
/// Its JSON has the keys `text`, `encoding` (`"GSM-7"` or `"UCS-2"`), `characters`, `units`, `parts`,
/// `segments` and `forcing` (objects with `character` and `offset`).
public struct SMSAnalysis: Sendable, Hashable, Codable {
    public var text: String
    public var encoding: SMSEncoding
    public var characters: Int
    public var units: Int
    public var parts: Int
    public var segments: [String]
    public var forcing: [ForcingCharacter]

    /// Analyses `text` after normalising it to NFC.
    public init(_ text: String) {
        self.init(nfc: UTF8Scalars.nfc(text))
    }

    /// Analyses `text`, which the caller guarantees is NFC.
    public init(nfc text: String) {
        let count = SMSCount(nfc: text)
        self.text = text
        self.encoding = count.encoding
        self.units = count.units
        self.parts = count.parts
        if count.parts == 1 {
            self.segments = [text]
        } else {
            // Byte offsets where parts start, found by the same greedy packing the count used.
            let encoding = count.encoding
            let starts: [Int] = UTF8Scalars.withBytes(of: text) { bytes in
                var starts = [0]
                var packer = PartPacker(limit: encoding.multiPartLimit)
                UTF8Scalars.forEach(bytes) { value, offset in
                    if packer.add(encoding.cost(of: value)) { starts.append(offset) }
                }
                return starts
            }
            // Slice the scalar view: slicing the String itself would round to Character boundaries.
            let utf8 = text.utf8
            let scalars = text.unicodeScalars
            let indices = starts.map { utf8.index(utf8.startIndex, offsetBy: $0) } + [utf8.endIndex]
            self.segments = (0..<(indices.count - 1)).map { String(scalars[indices[$0]..<indices[$0 + 1]]) }
        }
        var characters = 0
        var forcing: [ForcingCharacter] = []
        if count.encoding == .gsm7 {
            characters = text.count
        } else if let simple = Self.forcingOfSimpleText(text) {
            (characters, forcing) = simple
        } else {
            for character in text {
                if character.unicodeScalars.contains(where: { GSM7Alphabet.septets($0) == 0 }) {
                    forcing.append(ForcingCharacter(character: String(character), offset: characters))
                }
                characters += 1
            }
        }
        self.characters = characters
        self.forcing = forcing
    }

    /// Characters and forcing characters without grapheme breaking, for text made only of NFC-safe scalars
    /// (see ``UTF8Scalars/isNFCSafe(_:)``): each of them is a character of its own, except that CR LF is one.
    /// Nil when another scalar appears. The tests check this against `String`'s own grapheme breaking.
    static func forcingOfSimpleText(_ text: String) -> (characters: Int, forcing: [ForcingCharacter])? {
        UTF8Scalars.withBytes(of: text) { bytes in
            var characters = 0
            var forcing: [ForcingCharacter] = []
            var previous: UInt32 = 0
            var index = 0
            while index < bytes.count {
                let (value, length) = UTF8Scalars.decode(bytes, at: index)
                guard UTF8Scalars.isNFCSafe(value) else { return nil }
                if !(value == 0x0A && previous == 0x0D) {
                    if GSM7Alphabet.septets(value) == 0 {
                        forcing.append(ForcingCharacter(character: String(Unicode.Scalar(value)!), offset: characters))
                    }
                    characters += 1
                }
                previous = value
                index += length
            }
            return (characters, forcing)
        }
    }

    /// The cost part of this analysis.
    public var count: SMSCount { SMSCount(encoding: encoding, units: units, parts: parts) }
}
