import CampaignModel
import Foundation
import Hummingbird

/// Values kept for a short time, for the hot read paths: encoded published texts (readers hammer them) and
/// the users behind bearer tokens (every signed-in request needs one).
///
/// Writes made through this server drop the entry at once; changes made by another process (`loa import`,
/// `loa publish`, `loa user revoke` on the same database) show after at most `lifetime`. A lifetime of zero
/// turns caching off. When full, the cache is emptied rather than scanned for the oldest entry: entries are
/// cheap to rebuild and expire within a second anyway.
final class ExpiringCache<Key: Hashable & Sendable, Value: Sendable>: @unchecked Sendable {
    let lifetime: Duration
    private let capacity: Int
    /// Guards `entries`; held only for a dictionary access.
    private let lock = NSLock()
    private var entries: [Key: (value: Value, expires: ContinuousClock.Instant)] = [:]

    init(lifetime: Duration, capacity: Int = 20_000) {
        self.lifetime = lifetime
        self.capacity = capacity
    }

    var isEnabled: Bool { lifetime > .zero }

    func value(_ key: Key) -> Value? {
        guard isEnabled else { return nil }
        let now = ContinuousClock.now
        return lock.withLock {
            guard let entry = entries[key] else { return nil }
            guard entry.expires > now else { entries[key] = nil; return nil }
            return entry.value
        }
    }

    func store(_ key: Key, _ value: Value) {
        guard isEnabled else { return }
        let expires = ContinuousClock.now + lifetime
        lock.withLock {
            if entries.count >= capacity { entries.removeAll(keepingCapacity: true) }
            entries[key] = (value, expires)
        }
    }

    func invalidate(_ key: Key) {
        lock.withLock { _ = entries.removeValue(forKey: key) }
    }
}

/// A ready `GET …/published` response: body, ETag and the headers of a 200, made once per cached text.
struct PublishedEntry: Sendable {
    let body: ByteBuffer
    let etag: String
    let headers: HTTPFields

    init(body: ByteBuffer, etag: String) {
        self.body = body
        self.etag = etag
        headers = JSONCoding.headers(length: body.readableBytes, etag: etag)
    }

    var response: Response { Response(status: .ok, headers: headers, body: .init(byteBuffer: body)) }
}

typealias PublishedCache = ExpiringCache<TranslationKey, PublishedEntry>
