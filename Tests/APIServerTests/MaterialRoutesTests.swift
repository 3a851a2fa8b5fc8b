@testable import APIServer
import CampaignModel
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@Suite struct MaterialRoutesTests {
    typealias F = APIFixture

    static func materialJSON(_ slug: String?, topics: [String] = ["migration"], channels: [String] = ["sms"],
                             sourceLocale: String = "vi", extra: String = "") -> String {
        let slugField = slug.map { #""slug": "\#($0)", "# } ?? ""
        let topicList = topics.map { "\"\($0)\"" }.joined(separator: ", ")
        let channelList = channels.map { "\"\($0)\"" }.joined(separator: ", ")
        return #"{\#(slugField)"topics": [\#(topicList)], "audiences": ["youth"], "sourceLocale": "\#(sourceLocale)", "channels": [\#(channelList)]\#(extra)}"#
    }

    @Test func createReadAndUpdateWithVersions() async throws {
        try await F().test { api in
            let created = expect(.created, try await api.send(.post, "/v1/materials", as: "lan", json: Self.materialJSON("safe-travel")))
            #expect(created.headers[.location] == "/v1/materials/safe-travel")
            let version = try #require(created.etag)
            #expect(created.json["version"] as? String == version)

            let read = expect(.ok, try await api.send(.get, "/v1/materials/safe-travel", as: "vy"))
            #expect(read.etag == version)
            #expect(try await api.send(.get, "/v1/materials/safe-travel", as: "vy", headers: [.ifNoneMatch: "\"\(version)\""]).status == .notModified)

            let update = Self.materialJSON(nil, topics: ["migration", "border"], channels: ["sms", "loudspeaker"])
            try await api.send(.put, "/v1/materials/safe-travel", as: "lan", json: update).problem(.preconditionRequired)
            try await api.send(.put, "/v1/materials/safe-travel", as: "pao", json: update, ifMatch: version).problem(.forbidden)
            let updated = expect(.ok, try await api.send(.put, "/v1/materials/safe-travel", as: "lan", json: update, ifMatch: version))
            let newVersion = try #require(updated.etag)
            #expect(newVersion != version)
            #expect(updated.json["channels"] as? [String] == ["sms", "loudspeaker"])
            let stale = try await api.send(.put, "/v1/materials/safe-travel", as: "admin", json: update, ifMatch: version)
            stale.problem(.preconditionFailed)
            #expect(stale.etag == newVersion)
            // The slug in the body must match the URL.
            try await api.send(.put, "/v1/materials/safe-travel", as: "lan", json: Self.materialJSON("other"), ifMatch: newVersion)
                .problem(.unprocessableContent)
            // The source locale of a material with texts is fixed.
            let fixed = try #require(try await api.send(.get, "/v1/materials/fake-jobs", as: "lan").etag)
            let moved = try await api.send(.put, "/v1/materials/fake-jobs", as: "lan", json: Self.materialJSON(nil, sourceLocale: "hmn"), ifMatch: fixed)
            moved.problem(.unprocessableContent)
            #expect(moved.errors.compactMap { $0["field"] as? String } == ["sourceLocale"])
            try await api.send(.put, "/v1/materials/nope", as: "lan", json: update, ifMatch: version).problem(.notFound)

            let audit = expect(.ok, try await api.send(.get, "/v1/audit?slug=safe-travel", as: "admin")).json
            #expect((audit["items"] as? [[String: Any]])?.map { $0["action"] as? String } == ["material.update", "material.create"])
        }
    }

    @Test func createRefusesBadInputWithFieldErrors() async throws {
        try await F().test { api in
            try await api.send(.post, "/v1/materials", json: Self.materialJSON("x")).problem(.unauthorized)
            for user in ["pao", "mai", "vy"] {
                try await api.send(.post, "/v1/materials", as: user, json: Self.materialJSON("x")).problem(.forbidden)
            }
            let bad = try await api.send(.post, "/v1/materials", as: "lan",
                                         json: Self.materialJSON("Bad Slug", topics: [], channels: ["fax"], sourceLocale: "xx"))
            bad.problem(.unprocessableContent)
            let fields = Set(bad.errors.compactMap { $0["field"] as? String })
            #expect(fields == ["channels"], "channels are checked first: \(bad.text)")
            let second = try await api.send(.post, "/v1/materials", as: "lan",
                                            json: Self.materialJSON("Bad Slug", topics: [], sourceLocale: "xx"))
            second.problem(.unprocessableContent)
            #expect(Set(second.errors.compactMap { $0["field"] as? String }) == ["slug", "topics", "sourceLocale"])
            #expect(second.errors.allSatisfy { ($0["fix"] as? String)?.isEmpty == false })
            try await api.send(.post, "/v1/materials", as: "lan", json: Self.materialJSON("fake-jobs")).problem(.unprocessableContent)
            try await api.send(.post, "/v1/materials", as: "lan", json: Self.materialJSON(nil)).problem(.unprocessableContent)
        }
    }

    @Test func listFiltersAndPagesWithACursor() async throws {
        try await F().test { api in
            for index in 1...5 {
                let channels = index.isMultiple(of: 2) ? ["loudspeaker"] : ["sms"]
                expect(.created, try await api.send(.post, "/v1/materials", as: "lan", json: Self.materialJSON("m\(index)", channels: channels)))
            }
            var slugs: [String] = []
            var uri = "/v1/materials?limit=2"
            var pages = 0
            while true {
                let page = expect(.ok, try await api.send(.get, uri, as: "vy"))
                slugs += (page.json["items"] as? [[String: Any]] ?? []).compactMap { $0["slug"] as? String }
                pages += 1
                guard let cursor = page.json["nextCursor"] as? String else {
                    #expect(page.headers[HeaderName("Link")!] == nil)
                    break
                }
                #expect(page.headers[HeaderName("Link")!]?.contains("rel=\"next\"") == true)
                uri = "/v1/materials?limit=2&cursor=\(cursor)"
            }
            #expect(slugs == ["fake-jobs", "m1", "m2", "m3", "m4", "m5"])
            #expect(pages == 3)

            let loud = expect(.ok, try await api.send(.get, "/v1/materials?channel=loudspeaker", as: "vy")).json
            #expect((loud["items"] as? [[String: Any]])?.compactMap { $0["slug"] as? String } == ["m2", "m4"])
            let topic = expect(.ok, try await api.send(.get, "/v1/materials?topic=recruitment&sourceLocale=vi", as: "vy")).json
            #expect((topic["items"] as? [[String: Any]])?.compactMap { $0["slug"] as? String } == ["fake-jobs"])
            let audience = expect(.ok, try await api.send(.get, "/v1/materials?audience=women", as: "vy")).json
            #expect((audience["items"] as? [[String: Any]])?.count == 1)
            try await api.send(.get, "/v1/materials?channel=fax", as: "vy").problem(.unprocessableContent)
            try await api.send(.get, "/v1/materials?limit=0", as: "vy").problem(.unprocessableContent)
            try await api.send(.get, "/v1/materials?cursor=%21%21", as: "vy").problem(.unprocessableContent)
        }
    }

    @Test func locales() async throws {
        try await F().test { api in
            let list = expect(.ok, try await api.send(.get, "/v1/locales", as: "vy")).json
            #expect((list["items"] as? [[String: Any]])?.compactMap { $0["code"] as? String } == ["hmn", "tyz", "vi"])
            let hmn = expect(.ok, try await api.send(.get, "/v1/locales/hmn", as: "vy")).json
            #expect(hmn["autonym"] as? String == "Hmoob")
            try await api.send(.get, "/v1/locales/xx", as: "vy").problem(.notFound)
        }
    }
}
