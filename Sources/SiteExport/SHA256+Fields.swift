import Crypto

/// The fingerprints that let a rebuild skip unchanged pages are SHA-256 (swift-crypto: BoringSSL, with the
/// CPU's SHA instructions where it has them). Every page's fingerprint is one, and an index page's hashes
/// every title and summary it lists, so hashing speed is part of every rebuild.
extension SHA256 {
    mutating func update(_ text: String) {
        var text = text
        text.withUTF8 { update(bufferPointer: UnsafeRawBufferPointer($0)) }
    }

    /// Adds `text` followed by a separator byte that never occurs in UTF-8, so that ("ab", "c") and
    /// ("a", "bc") hash differently.
    mutating func field(_ text: String) {
        update(text)
        withUnsafeBytes(of: UInt8(0xFF)) { update(bufferPointer: $0) }
    }

    /// The digest as 64 lower-case hex digits.
    func hexDigest() -> String {
        let digits: StaticString = "0123456789abcdef"
        return finalize().withUnsafeBytes { bytes in
            String(unsafeUninitializedCapacity: bytes.count * 2) { hex in
                for (index, byte) in bytes.enumerated() {
                    hex[index * 2] = digits.utf8Start[Int(byte >> 4)]
                    hex[index * 2 + 1] = digits.utf8Start[Int(byte & 0xF)]
                }
                return bytes.count * 2
            }
        }
    }

    /// The hex digest of `fields`, each followed by a separator.
    static func hex(_ fields: [String]) -> String {
        var hasher = SHA256()
        for field in fields { hasher.field(field) }
        return hasher.hexDigest()
    }
}
