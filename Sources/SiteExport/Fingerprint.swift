import Crypto

/// SHA-256 (swift-crypto: BoringSSL, with the CPU's SHA instructions where it has them) over fields: the
/// fingerprints that let a rebuild skip unchanged pages, and the digests they are made from.
///
/// Every rebuild fingerprints every page (10,000 for a large site), each from about ten short fields, and
/// an index page from every title and summary it lists. So fields are gathered into one buffer and hashed
/// in one call: a call into swift-crypto per field cost more than hashing the field's bytes.
struct Fingerprint: Sendable {
    private var bytes: [UInt8] = []

    /// Adds `text` followed by a separator byte that never occurs in UTF-8, so that ("ab", "c") and
    /// ("a", "bc") give different fingerprints.
    mutating func field(_ text: String) {
        bytes.append(contentsOf: text.utf8)
        bytes.append(0xFF)
    }

    /// The number of bytes added so far.
    var count: Int { bytes.count }

    /// Forgets what was added after the first `count` bytes, keeping the buffer: a page's fingerprint
    /// starts from the environment's, and one buffer serves every page of a locale.
    mutating func truncate(to count: Int) {
        bytes.removeSubrange(count...)
    }

    /// Adds `data` as it is (a file's bytes).
    mutating func append(_ data: some Sequence<UInt8>) {
        bytes.append(contentsOf: data)
    }

    /// SHA-256 of everything added, as 64 lower-case hex digits.
    var hex: String { digest.hex }

    /// SHA-256 of everything added, as bytes.
    var digest: Digest {
        SHA256.hash(data: bytes).withUnsafeBytes { Digest(bytes: $0) }
    }

    /// The 32 bytes of a SHA-256, kept as four words: what rebuilds compare (a page's fingerprint against
    /// the previous manifests') and hash as dictionary values, 10,000 times a build, without making or
    /// comparing 64-character strings.
    struct Digest: Hashable, Sendable {
        private var words: (UInt64, UInt64, UInt64, UInt64)

        init(bytes: UnsafeRawBufferPointer) {
            precondition(bytes.count == 32)
            words = (bytes.loadUnaligned(fromByteOffset: 0, as: UInt64.self), bytes.loadUnaligned(fromByteOffset: 8, as: UInt64.self),
                     bytes.loadUnaligned(fromByteOffset: 16, as: UInt64.self), bytes.loadUnaligned(fromByteOffset: 24, as: UInt64.self))
        }

        /// Parses 64 hex digits (either case); nil for anything else.
        init?(hex: String) {
            var hex = hex
            guard let digest = hex.withUTF8({ $0.count == 64 ? Self(hexAt: $0.baseAddress!) : nil }) else { return nil }
            self = digest
        }

        /// Parses 64 hex digits at `start` (a manifest's bytes), by table: the manifests of a rebuild hold
        /// 20,000 of them.
        init?(hexAt start: UnsafePointer<UInt8>) {
            var raw: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
            var invalid: UInt8 = 0
            withUnsafeMutableBytes(of: &raw) { raw in
                for index in 0..<32 {
                    let high = Self.hexValues[Int(start[index * 2])], low = Self.hexValues[Int(start[index * 2 + 1])]
                    invalid |= (high | low) & 0x10
                    raw[index] = high << 4 | low & 0x0F
                }
            }
            guard invalid == 0 else { return nil }
            words = raw
        }

        /// Byte to its hex value, 0x10 for bytes that are not hex digits.
        private static let hexValues: [UInt8] = (0..<256).map { byte in
            switch byte {
            case 0x30...0x39: UInt8(byte - 0x30)
            case 0x61...0x66: UInt8(byte - 0x61 + 10)
            case 0x41...0x46: UInt8(byte - 0x41 + 10)
            default: 0x10
            }
        }

        static func == (left: Digest, right: Digest) -> Bool {
            left.words.0 == right.words.0 && left.words.1 == right.words.1
                && left.words.2 == right.words.2 && left.words.3 == right.words.3
        }

        func hash(into hasher: inout Hasher) {
            hasher.combine(words.0)
            hasher.combine(words.1)
        }

        /// Calls `body` with the 32 bytes, in the order SHA-256 gave them.
        func withUnsafeBytes<Result>(_ body: (UnsafeRawBufferPointer) throws -> Result) rethrows -> Result {
            try Swift.withUnsafeBytes(of: words, body)
        }

        /// 64 lower-case hex digits.
        var hex: String {
            String(unsafeUninitializedCapacity: 64) { buffer in
                write(to: UnsafeMutableRawBufferPointer(buffer))
                return 64
            }
        }

        /// Appends the 64 lower-case hex digits to `out`.
        func appendHex(to out: inout [UInt8]) {
            let start = out.count
            out.append(contentsOf: repeatElement(0, count: 64))
            out.withUnsafeMutableBytes { write(to: UnsafeMutableRawBufferPointer(rebasing: $0[start..<(start + 64)])) }
        }

        private func write(to hex: UnsafeMutableRawBufferPointer) {
            let digits: StaticString = "0123456789abcdef"
            withUnsafeBytes { digest in
                for (index, byte) in digest.enumerated() {
                    hex[index * 2] = digits.utf8Start[Int(byte >> 4)]
                    hex[index * 2 + 1] = digits.utf8Start[Int(byte & 0xF)]
                }
            }
        }
    }

    /// The fingerprint of `fields`.
    static func hex(_ fields: [String]) -> String {
        digest(fields).hex
    }

    /// The fingerprint of `fields`, as bytes.
    static func digest(_ fields: [String]) -> Digest {
        var fingerprint = Fingerprint()
        for field in fields { fingerprint.field(field) }
        return fingerprint.digest
    }
}
