import CampaignModel
import Foundation

/// Writes JSON byte for byte as `JSONEncoder` does with `[.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]`,
/// but straight into a byte buffer that is handed to a sink in chunks.
///
/// Why not `JSONEncoder`: a national plan is over 100 MB of JSON, and the encoder first builds a tree of boxed
/// values for all of it — four seconds and 400 MB on top of the plan itself. This writer keeps one chunk in
/// memory and formats numbers and strings without intermediate objects. The caller writes the fields of each
/// object in sorted order (UTF-8 byte order, as `.sortedKeys` sorts); debug builds check that order.
struct PrettyJSONWriter {
    /// Bytes handed to the sink at once (at least; a chunk ends after the value that filled it).
    let chunkSize: Int
    private var buffer: [UInt8] = []
    private let sink: ([UInt8]) throws -> Void
    /// Per open container: whether it has an element yet, and the last key written (for the order check).
    private var containers: [(hasElements: Bool, lastKey: StaticString?)] = []
    /// Spaces for the deepest indentation seen so far.
    private var spaces: [UInt8] = Array(repeating: 0x20, count: 32)
    /// Dates as their `YYYY-MM-DD` bytes: a plan has few distinct dates and many deliveries.
    private var dates: [Int: [UInt8]] = [:]
    /// A key was written; the next value follows it on the same line.
    private var afterKey = false

    init(chunkSize: Int = 1 << 20, sink: @escaping ([UInt8]) throws -> Void) {
        self.chunkSize = chunkSize
        self.sink = sink
        buffer.reserveCapacity(chunkSize + 4096)
    }

    /// Hands what is left to the sink; call once at the end.
    mutating func finish() throws {
        precondition(containers.isEmpty, "unbalanced JSON containers")
        if !buffer.isEmpty { try sink(buffer) }
        buffer.removeAll(keepingCapacity: false)
    }

    // MARK: Structure

    mutating func beginObject() throws { try open(0x7B) }
    mutating func endObject() throws { try close(0x7D) }
    mutating func beginArray() throws { try open(0x5B) }
    mutating func endArray() throws { try close(0x5D) }

    /// Starts the field `name` (plain ASCII, nothing to escape) of the current object; a value must follow.
    mutating func key(_ name: StaticString) throws {
        assert(containers.last.map { last in
            last.lastKey.map { previous in
                UnsafeBufferPointer(start: previous.utf8Start, count: previous.utf8CodeUnitCount)
                    .lexicographicallyPrecedes(UnsafeBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount))
            } ?? true
        } ?? false, "JSON key '\(name)' is out of order or outside an object")
        containers[containers.count - 1].lastKey = name
        try newElement()
        buffer.append(0x22)
        buffer.append(contentsOf: UnsafeBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount))
        buffer.append(contentsOf: [0x22, 0x20, 0x3A, 0x20]) // `" : `
        afterKey = true
    }

    // MARK: Values

    mutating func string(_ value: String) throws {
        try valuePrefix()
        JSONString.append(value, to: &buffer)
    }

    mutating func int(_ value: Int) throws {
        try valuePrefix()
        appendDecimal(value)
    }

    mutating func bool(_ value: Bool) throws {
        try valuePrefix()
        buffer.append(contentsOf: value ? [0x74, 0x72, 0x75, 0x65] : [0x66, 0x61, 0x6C, 0x73, 0x65])
    }

    /// A date as the string `YYYY-MM-DD`, as `CampaignDate` encodes itself.
    mutating func date(_ value: CampaignDate) throws {
        try valuePrefix()
        buffer.append(0x22)
        if let bytes = dates[value.dayNumber] {
            buffer.append(contentsOf: bytes)
        } else {
            let bytes = Array(value.description.utf8)
            dates[value.dayNumber] = bytes
            buffer.append(contentsOf: bytes)
        }
        buffer.append(0x22)
    }

    /// As `JSONEncoder`: the shortest round-tripping form (`description`) without a trailing `.0`.
    mutating func double(_ value: Double) throws {
        guard value.isFinite else {
            throw EncodingError.invalidValue(value, .init(codingPath: [], debugDescription: "\(value) cannot be written as JSON."))
        }
        try valuePrefix()
        // Integral values below 10^15 print as their digits in `description` too; this skips its allocation.
        if value == value.rounded(), abs(value) < 1e15, !(value == 0 && value.sign == .minus) {
            appendDecimal(Int(value))
            return
        }
        var text = value.description
        if text.hasSuffix(".0") { text.removeLast(2) }
        buffer.append(contentsOf: text.utf8)
    }

    // MARK: Fields (key and value)

    mutating func field(_ name: StaticString, _ value: String) throws { try key(name); try string(value) }
    mutating func field(_ name: StaticString, _ value: Int) throws { try key(name); try int(value) }
    mutating func field(_ name: StaticString, _ value: Double) throws { try key(name); try double(value) }
    mutating func field(_ name: StaticString, _ value: Bool) throws { try key(name); try bool(value) }
    mutating func field(_ name: StaticString, _ value: CampaignDate) throws { try key(name); try date(value) }
    /// Omits the field when `value` is nil, as synthesized `Codable` does.
    mutating func field(_ name: StaticString, _ value: String?) throws { if let value { try field(name, value) } }
    mutating func field(_ name: StaticString, _ value: Int?) throws { if let value { try field(name, value) } }
    mutating func field(_ name: StaticString, _ value: Double?) throws { if let value { try field(name, value) } }
    mutating func field(_ name: StaticString, _ value: Bool?) throws { if let value { try field(name, value) } }
    mutating func field(_ name: StaticString, _ value: CampaignDate?) throws { if let value { try field(name, value) } }

    mutating func field(_ name: StaticString, strings: [String]) throws {
        try key(name)
        try beginArray()
        for value in strings { try string(value) }
        try endArray()
    }

    // MARK: Private

    private mutating func open(_ bracket: UInt8) throws {
        try valuePrefix()
        buffer.append(bracket)
        containers.append((false, nil))
    }

    private mutating func close(_ bracket: UInt8) throws {
        let container = containers.removeLast()
        if !container.hasElements { buffer.append(0x0A) }
        buffer.append(0x0A)
        appendIndent()
        buffer.append(bracket)
        try flushIfFull()
    }

    /// Before a value: nothing after a key; a separator and indentation inside an array.
    private mutating func valuePrefix() throws {
        if afterKey {
            afterKey = false
        } else if !containers.isEmpty {
            try newElement()
        }
    }

    private mutating func newElement() throws {
        if containers[containers.count - 1].hasElements {
            buffer.append(0x2C)
        } else {
            containers[containers.count - 1].hasElements = true
        }
        buffer.append(0x0A)
        appendIndent()
        try flushIfFull()
    }

    private mutating func appendIndent() {
        let width = 2 * containers.count
        if width > spaces.count { spaces = Array(repeating: 0x20, count: 2 * width) }
        buffer.append(contentsOf: spaces[..<width])
    }

    private mutating func flushIfFull() throws {
        guard buffer.count >= chunkSize else { return }
        try sink(buffer)
        buffer.removeAll(keepingCapacity: true)
    }

    private mutating func appendDecimal(_ value: Int) {
        if value < 0 {
            buffer.append(0x2D)
            if value == .min { buffer.append(contentsOf: String(value).utf8.dropFirst()); return }
        }
        var magnitude = value.magnitude
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                     UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var count = 0
        withUnsafeMutableBytes(of: &digits) { storage in
            repeat {
                storage[count] = 0x30 + UInt8(magnitude % 10)
                magnitude /= 10
                count += 1
            } while magnitude > 0
            for index in stride(from: count - 1, through: 0, by: -1) { buffer.append(storage[index]) }
        }
    }
}
