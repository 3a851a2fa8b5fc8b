@testable import APIServer
import CampaignModel
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@Suite struct ReportAndSystemRoutesTests {
    typealias F = APIFixture

    @Test func completenessMatrix() async throws {
        try await F().test { api in
            _ = try await api.saveDraft(title: "Ib")
            let matrix = expect(.ok, try await api.send(.get, "/v1/completeness", as: "vy")).json
            #expect(matrix["locales"] as? [String] == ["hmn", "tyz", "vi"])
            let cells = try #require(matrix["cells"] as? [[String: Any]])
            #expect(cells.first { $0["locale"] as? String == "hmn" }?["state"] as? String == "draft")
            #expect(cells.first { $0["locale"] as? String == "tyz" }?["state"] as? String == "missing")
            let one = expect(.ok, try await api.send(.get, "/v1/completeness?locale=tyz", as: "vy")).json
            #expect(one["locales"] as? [String] == ["tyz"])
            try await api.send(.get, "/v1/completeness?locale=xx", as: "vy").problem(.notFound)
            try await api.send(.get, "/v1/completeness").problem(.unauthorized)
        }
    }

    @Test func searchIgnoresToneMarks() async throws {
        try await F().test { api in
            let hits = expect(.ok, try await api.send(.get, "/v1/search?q=viec%20lam%20gia", as: "vy")).json
            let items = try #require(hits["items"] as? [[String: Any]])
            #expect(items.first?["slug"] as? String == "fake-jobs")
            #expect(items.first?["exactSpelling"] as? Bool == false)
            let none = expect(.ok, try await api.send(.get, "/v1/search?q=viec&locale=hmn&status=draft&topic=recruitment&limit=5", as: "vy")).json
            #expect((none["items"] as? [Any])?.isEmpty == true)
            try await api.send(.get, "/v1/search", as: "vy").problem(.unprocessableContent)
            try await api.send(.get, "/v1/search?q=x&status=done", as: "vy").problem(.unprocessableContent)
            try await api.send(.get, "/v1/search?q=x&locale=xx", as: "vy").problem(.notFound)
            try await api.send(.get, "/v1/search?q=x&topic=nonesuch", as: "vy").problem(.notFound)
            try await api.send(.get, "/v1/search?q=x&limit=999", as: "vy").problem(.unprocessableContent)
            try await api.send(.get, "/v1/search?q=x").problem(.unauthorized)
        }
    }

    @Test func theAuditLogIsForAdminsOnly() async throws {
        try await F().test { api in
            let hash = try await api.saveDraft(title: "Ib")
            try await api.send(.get, "/v1/audit").problem(.unauthorized)
            for user in ["lan", "pao", "mai", "vy"] { try await api.send(.get, "/v1/audit", as: user).problem(.forbidden) }
            let log = expect(.ok, try await api.send(.get, "/v1/audit?slug=fake-jobs&locale=hmn&limit=5", as: "admin")).json
            let first = try #require((log["items"] as? [[String: Any]])?.first)
            #expect(first["action"] as? String == "revision.create")
            #expect(first["actor"] as? String == "pao")
            #expect(first["revisionHash"] as? String == hash)
            try await api.send(.get, "/v1/audit?limit=0", as: "admin").problem(.unprocessableContent)
        }
    }

    @Test func healthOpenAPIAndUnknownRoutes() async throws {
        try await F().test { api in
            let health = expect(.ok, try await api.send(.get, "/healthz")).json
            #expect(health["status"] as? String == "ok")
            #expect(health["cachedReads"] as? Int == 0)
            let document = expect(.ok, try await api.send(.get, "/openapi.json")).json
            #expect(document["openapi"] as? String == "3.1.0")
            // Open routes stay open even with a bad token.
            expect(.ok, try await api.send(.get, "/healthz", as: "not-a-token"))

            let unknown = try await api.send(.get, "/v2/nothing", as: "vy")
            #expect(unknown.problem(.notFound)["type"] as? String == "/problems/not-found")
            try await api.send(.delete, F.hmnPath, as: "admin").problem(.notFound)
            try await api.send(.get, "/nothing").problem(.notFound)
        }
    }

    @Test func everyResponseCarriesARequestID() async throws {
        try await F().test { api in
            let given = try await api.send(.get, "/healthz", headers: [HeaderName("X-Request-Id")!: "abc-123"])
            #expect(given.headers[HeaderName("X-Request-Id")!] == "abc-123")
            let made = try await api.send(.get, "/v1/nothing")
            #expect(made.headers[HeaderName("X-Request-Id")!]?.isEmpty == false)
            let forged = try await api.send(.get, "/healthz", headers: [HeaderName("X-Request-Id")!: "a b\u{7F}"])
            #expect(forged.headers[HeaderName("X-Request-Id")!] != "a b\u{7F}")
        }
    }
}
