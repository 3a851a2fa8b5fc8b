import CampaignModel
import Crypto
import Foundation

/// SHA-256 hashes, as lower-case hex: revision hashes, snapshot ids and token hashes.
public enum ContentHash {
    public static func sha256(_ data: Data) -> String {
        hex(SHA256.hash(data: data))
    }

    private static let digits = Array("0123456789abcdef".utf8)

    /// Lower-case hex without a formatter per byte (String(format:) dominated import profiles).
    static func hex<Bytes: Sequence>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
        var out: [UInt8] = []
        out.reserveCapacity(64)
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    public static func sha256(_ text: String) -> String { sha256(Data(text.utf8)) }

    /// The hash that identifies a revision's content.
    public static func revision(_ content: TranslationContent) -> String { sha256(content.canonicalBytes) }
}
