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

    /// Adds `data` as it is (a file's bytes).
    mutating func append(_ data: some Sequence<UInt8>) {
        bytes.append(contentsOf: data)
    }

    /// SHA-256 of everything added, as 64 lower-case hex digits.
    var hex: String {
        let digits: StaticString = "0123456789abcdef"
        return SHA256.hash(data: bytes).withUnsafeBytes { digest in
            String(unsafeUninitializedCapacity: digest.count * 2) { hex in
                for (index, byte) in digest.enumerated() {
                    hex[index * 2] = digits.utf8Start[Int(byte >> 4)]
                    hex[index * 2 + 1] = digits.utf8Start[Int(byte & 0xF)]
                }
                return digest.count * 2
            }
        }
    }

    /// The fingerprint of `fields`.
    static func hex(_ fields: [String]) -> String {
        var fingerprint = Fingerprint()
        for field in fields { fingerprint.field(field) }
        return fingerprint.hex
    }
}
