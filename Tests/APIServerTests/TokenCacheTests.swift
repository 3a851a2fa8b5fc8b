@testable import APIServer
import CampaignModel
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@Suite struct TokenCacheTests {
    typealias F = APIFixture

    /// A token revoked by another process (here: the store directly) keeps working while it is cached (how
    /// long is the cache's own test below); with a lifetime of zero it stops at once. Unknown tokens are
    /// refused every time.
    @Test func revokedTokensStopWorkingWhenTheCacheLetsThemGo() async throws {
        let fixture = try F(cacheLifetime: .seconds(60))
        try await fixture.test { api in
            expect(.ok, try await api.send(.get, "/v1/completeness", as: "vy"))
            try fixture.database.revokeUser("vy", actor: "admin")
            expect(.ok, try await api.send(.get, "/v1/completeness", as: "vy"))
            for _ in 0..<3 { try await api.send(.get, "/v1/completeness", as: "loa_not-a-token").problem(.unauthorized) }
        }
        let uncached = try F(cacheLifetime: .zero)
        try await uncached.test { api in
            expect(.ok, try await api.send(.get, "/v1/completeness", as: "vy"))
            try uncached.database.revokeUser("vy", actor: "admin")
            try await api.send(.get, "/v1/completeness", as: "vy").problem(.unauthorized)
        }
    }

    @Test func theCacheForgetsExpiredEntriesAndEmptiesWhenFull() async throws {
        let cache = ExpiringCache<String, Int>(lifetime: .milliseconds(100), capacity: 2)
        cache.store("a", 1)
        cache.store("b", 2)
        #expect(cache.value("a") == 1 && cache.value("b") == 2)
        cache.store("c", 3)
        #expect(cache.value("a") == nil && cache.value("b") == nil && cache.value("c") == 3)
        cache.invalidate("c")
        #expect(cache.value("c") == nil)
        cache.store("d", 4)
        try await Task.sleep(for: .milliseconds(150))
        #expect(cache.value("d") == nil)
        let off = ExpiringCache<String, Int>(lifetime: .zero)
        off.store("a", 1)
        #expect(off.value("a") == nil)
    }
}
