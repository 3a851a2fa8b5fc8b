/// SHA-256 (FIPS 180-4), used for the fingerprints that let a rebuild skip unchanged pages.
///
/// A small local implementation keeps SiteExport free of a crypto dependency. Every page's fingerprint
/// is one, so whole blocks are compressed straight from the input without copying.
struct SHA256: Sendable {
    private var h0: UInt32 = 0x6a09e667, h1: UInt32 = 0xbb67ae85, h2: UInt32 = 0x3c6ef372, h3: UInt32 = 0xa54ff53a
    private var h4: UInt32 = 0x510e527f, h5: UInt32 = 0x9b05688c, h6: UInt32 = 0x1f83d9ab, h7: UInt32 = 0x5be0cd19
    /// The bytes of a block not yet full.
    private var block = [UInt8](repeating: 0, count: 64)
    private var blockCount = 0
    private var length: UInt64 = 0

    private static let k: [UInt32] = [
        0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
        0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
        0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
        0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
        0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
        0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
        0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
        0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
    ]

    init() {}

    mutating func update(_ bytes: some Sequence<UInt8>) {
        let handled: Void? = bytes.withContiguousStorageIfAvailable { buffer in update(buffer) }
        if handled == nil {
            let array = Array(bytes)
            array.withUnsafeBufferPointer { update($0) }
        }
    }

    mutating func update(_ text: String) {
        var text = text
        text.withUTF8 { update($0) }
    }

    mutating func update(_ buffer: UnsafeBufferPointer<UInt8>) {
        guard let base = buffer.baseAddress, buffer.count > 0 else { return }
        length &+= UInt64(buffer.count)
        var index = 0
        if blockCount > 0 {
            let take = min(64 - blockCount, buffer.count)
            block.withUnsafeMutableBufferPointer { target in
                for offset in 0..<take { target[blockCount + offset] = base[offset] }
            }
            blockCount += take
            index = take
            guard blockCount == 64 else { return }
            let full = block
            full.withUnsafeBufferPointer { compress($0.baseAddress!) }
            blockCount = 0
        }
        while buffer.count - index >= 64 {
            compress(base + index)
            index += 64
        }
        if index < buffer.count {
            let rest = buffer.count - index
            block.withUnsafeMutableBufferPointer { target in
                for offset in 0..<rest { target[offset] = base[index + offset] }
            }
            blockCount = rest
        }
    }

    /// Adds `text` followed by a separator byte that never occurs in UTF-8, so that ("ab", "c") and
    /// ("a", "bc") hash differently.
    mutating func field(_ text: String) {
        update(text)
        separator()
    }

    /// Adds the separator byte `field` writes after a field.
    mutating func separator() {
        withUnsafeBytes(of: UInt8(0xFF)) { update($0.bindMemory(to: UInt8.self)) }
    }

    /// The digest as 64 lower-case hex digits.
    mutating func hexDigest() -> String {
        let bitLength = length &* 8
        let zeros = (blockCount < 56 ? 55 : 119) - blockCount
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: zeros + 9) { padding in
            padding[0] = 0x80
            for index in 0..<zeros { padding[1 + index] = 0 }
            for index in 0..<8 { padding[1 + zeros + index] = UInt8(truncatingIfNeeded: bitLength >> UInt64(56 - 8 * index)) }
            update(UnsafeBufferPointer(padding))
        }
        let words = (h0, h1, h2, h3, h4, h5, h6, h7)
        return String(unsafeUninitializedCapacity: 64) { hex in
            let digits: StaticString = "0123456789abcdef"
            withUnsafeBytes(of: words) { raw in
                for index in 0..<8 {
                    let word = raw.load(fromByteOffset: index * 4, as: UInt32.self)
                    for digit in 0..<8 {
                        hex[index * 8 + digit] = digits.utf8Start[Int((word >> UInt32(28 - 4 * digit)) & 0xF)]
                    }
                }
            }
            return 64
        }
    }

    /// The hex digest of `fields`, each followed by a separator.
    static func hex(_ fields: [String]) -> String {
        var hasher = SHA256()
        for field in fields { hasher.field(field) }
        return hasher.hexDigest()
    }

    private mutating func compress(_ bytes: UnsafePointer<UInt8>) {
        withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 64) { w in
            for i in 0..<16 {
                w[i] = UInt32(bytes[i * 4]) << 24 | UInt32(bytes[i * 4 + 1]) << 16
                    | UInt32(bytes[i * 4 + 2]) << 8 | UInt32(bytes[i * 4 + 3])
            }
            for i in 16..<64 {
                let s0 = w[i - 15].rotatedRight(7) ^ w[i - 15].rotatedRight(18) ^ (w[i - 15] >> 3)
                let s1 = w[i - 2].rotatedRight(17) ^ w[i - 2].rotatedRight(19) ^ (w[i - 2] >> 10)
                w[i] = w[i - 16] &+ s0 &+ w[i - 7] &+ s1
            }
            var a = h0, b = h1, c = h2, d = h3, e = h4, f = h5, g = h6, h = h7
            Self.k.withUnsafeBufferPointer { k in
                for i in 0..<64 {
                    let s1 = e.rotatedRight(6) ^ e.rotatedRight(11) ^ e.rotatedRight(25)
                    let choice = (e & f) ^ (~e & g)
                    let t1 = h &+ s1 &+ choice &+ k[i] &+ w[i]
                    let s0 = a.rotatedRight(2) ^ a.rotatedRight(13) ^ a.rotatedRight(22)
                    let majority = (a & b) ^ (a & c) ^ (b & c)
                    let t2 = s0 &+ majority
                    h = g; g = f; f = e; e = d &+ t1
                    d = c; c = b; b = a; a = t1 &+ t2
                }
            }
            h0 &+= a; h1 &+= b; h2 &+= c; h3 &+= d
            h4 &+= e; h5 &+= f; h6 &+= g; h7 &+= h
        }
    }
}

extension UInt32 {
    fileprivate func rotatedRight(_ count: UInt32) -> UInt32 {
        (self >> count) | (self << (32 - count))
    }
}
