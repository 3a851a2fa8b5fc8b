import CampaignModel
import Foundation
import Hummingbird

/// Encoded answers of `GET …/published`, kept for a short time: the public read path readers hammer.
///
/// Writes made through this server drop the entry at once; changes made by another process (`loa import`,
/// `loa publish` on the same database) show after at most `lifetime`. A lifetime of zero turns caching off.
final class PublishedCache: @unchecked Sendable {
    /// A ready response body and its ETag.
    struct Entry {
        let body: ByteBuffer
        let etag: String
        let expires: ContinuousClock.Instant
    }

    let lifetime: Duration
    private let capacity: Int
    private let lock = NSLock()
    private var entries: [TranslationKey: Entry] = [:]

    init(lifetime: Duration, capacity: Int = 20_000) {
        self.lifetime = lifetime
        self.capacity = capacity
    }

    var isEnabled: Bool { lifetime > .zero }

    func entry(_ key: TranslationKey) -> Entry? {
        guard isEnabled else { return nil }
        let now = ContinuousClock.now
        return lock.withLock {
            guard let entry = entries[key] else { return nil }
            guard entry.expires > now else { entries[key] = nil; return nil }
            return entry
        }
    }

    func store(_ key: TranslationKey, body: ByteBuffer, etag: String) {
        guard isEnabled else { return }
        let entry = Entry(body: body, etag: etag, expires: ContinuousClock.now + lifetime)
        lock.withLock {
            if entries.count >= capacity { entries.removeAll(keepingCapacity: true) }
            entries[key] = entry
        }
    }

    func invalidate(_ key: TranslationKey) {
        lock.withLock { _ = entries.removeValue(forKey: key) }
    }
}
