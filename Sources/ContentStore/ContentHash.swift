import CampaignModel
import Crypto
import Foundation

/// SHA-256 hashes, as lower-case hex: revision hashes, snapshot ids and token hashes.
public enum ContentHash {
    public static func sha256(_ data: Data) -> String {
        SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
    }

    public static func sha256(_ text: String) -> String { sha256(Data(text.utf8)) }

    /// The hash that identifies a revision's content.
    public static func revision(_ content: TranslationContent) -> String { sha256(content.canonicalBytes) }
}
