/// Byte strings laid end to end in one buffer, row `i` being `bytes[ends[i]..<ends[i + 1]]`.
///
/// What every page of a large build copies from: the fingerprint fields of each material and translation
/// and the fragments of their manifest lines are made once here, and the 10,000 pages then copy bytes
/// through pointers. Reading the snapshot's strings page by page instead (and retaining each from two
/// threads at once) was most of the time of a one-edit rebuild.
struct ByteRows: Sendable {
    private(set) var bytes: [UInt8] = []
    private(set) var ends: [Int] = [0]

    var count: Int { ends.count - 1 }

    init() {}

    /// The rows of `parts`, one after the other, copied once into buffers of their final size: appended
    /// one by one, the buffers grew by doubling, each time copying (and faulting in) megabytes anew.
    init(joining parts: [ByteRows]) {
        reserveCapacity(rows: parts.reduce(0) { $0 + $1.count }, bytes: parts.reduce(0) { $0 + $1.bytes.count })
        for part in parts { append(contentsOf: part) }
    }

    /// Adds `text` and `Fingerprint`'s separator byte to the row being made.
    mutating func field(_ text: String) {
        bytes.append(contentsOf: text.utf8)
        bytes.append(0xFF)
    }

    /// Adds what `body` appends to the row being made.
    mutating func append(_ body: (inout [UInt8]) -> Void) {
        body(&bytes)
    }

    /// Ends the row being made.
    mutating func endRow() {
        ends.append(bytes.count)
    }

    /// Adds the rows of `other` after these.
    mutating func append(contentsOf other: ByteRows) {
        let shift = bytes.count
        bytes += other.bytes
        ends.reserveCapacity(ends.count + other.count)
        for end in other.ends.dropFirst() { ends.append(end + shift) }
    }

    mutating func reserveCapacity(rows: Int, bytes count: Int) {
        ends.reserveCapacity(rows + 1)
        bytes.reserveCapacity(count)
    }

    /// Calls `body` with a reader of the rows, valid inside it.
    func withRows<Result>(_ body: (Reader) throws -> Result) rethrows -> Result {
        try bytes.withUnsafeBufferPointer { bytes in
            try ends.withUnsafeBufferPointer { ends in try body(Reader(bytes: bytes, ends: ends)) }
        }
    }

    struct Reader {
        let bytes: UnsafeBufferPointer<UInt8>
        let ends: UnsafeBufferPointer<Int>

        subscript(row: Int) -> UnsafeBufferPointer<UInt8> {
            UnsafeBufferPointer(rebasing: bytes[ends[row]..<ends[row + 1]])
        }
    }
}
