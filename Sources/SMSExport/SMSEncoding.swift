/// How an SMS is encoded on the air, which decides how much text fits in one billed part.
///
/// | encoding | unit | one message | each part of a concatenated message |
/// | --- | --- | --- | --- |
/// | GSM-7 | septet (extension characters cost 2) | 160 | 153 |
/// | UCS-2 | UTF-16 code unit (characters outside the BMP cost 2) | 70 | 67 |
///
/// A concatenated message loses 7 septets (6 octets) per part to the user-data header that tells the handset
/// how to re-join the parts. Carriers bill per part.
public enum SMSEncoding: String, Sendable, Codable, Hashable, CaseIterable {
    /// The GSM 03.38 default alphabet with its extension table (see ``GSM7Alphabet``).
    case gsm7 = "GSM-7"
    /// UCS-2 as handsets send it today: UTF-16, so a character outside the BMP takes a surrogate pair.
    case ucs2 = "UCS-2"

    /// Units that fit in a message sent as one part.
    public var singlePartLimit: Int {
        switch self {
        case .gsm7: 160
        case .ucs2: 70
        }
    }

    /// Units that fit in each part of a concatenated message.
    public var multiPartLimit: Int {
        switch self {
        case .gsm7: 153
        case .ucs2: 67
        }
    }

    /// The name of the unit this encoding counts in ("septets" or "UTF-16 units"), for messages to people.
    public var unitName: String {
        switch self {
        case .gsm7: "septets"
        case .ucs2: "UCS-2 units"
        }
    }
}

/// Greedy packing of units into parts, exactly as carriers split a concatenated message: a character
/// whose cost does not fit in the rest of the current part starts the next part, so a 2-unit character
/// (GSM-7 extension or UTF-16 surrogate pair) never straddles two parts.
@usableFromInline
struct PartPacker {
    @usableFromInline let limit: Int
    /// Parts started so far (the first is open from the start).
    @usableFromInline var parts = 1
    /// Units in the current part.
    @usableFromInline var fill = 0

    @inlinable
    init(limit: Int) { self.limit = limit }

    /// Adds a character of `cost` units; returns true when it starts a new part.
    @inlinable @inline(__always)
    @discardableResult
    mutating func add(_ cost: Int) -> Bool {
        if fill + cost > limit {
            parts += 1
            fill = cost
            return true
        }
        fill += cost
        return false
    }
}
