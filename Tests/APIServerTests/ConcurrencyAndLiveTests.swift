import CampaignModel
import ContentStore
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@Suite struct ConcurrencyAndLiveTests {
    typealias F = APIFixture

    /// A database file in a fresh temporary folder (a `DatabasePool`, as `loa serve` uses).
    static func fileDatabase() throws -> (AppDatabase, URL) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("loa-api-\(UUID().uuidString)")
        return (try AppDatabase.open(path: folder.appendingPathComponent("loa.sqlite").path), folder)
    }

    @Test func concurrentSavesWithTheSameIfMatchNeverOverwriteEachOther() async throws {
        let (database, folder) = try Self.fileDatabase()
        defer { try? FileManager.default.removeItem(at: folder) }
        let writers = 8
        try await F(database: database).test { api in
            let base = try await api.saveDraft(title: "Ib", body: "Kab 0\n")
            let results = try await withThrowingTaskGroup(of: (Int, HTTPResponse.Status, String?).self) { group in
                for index in 1...writers {
                    group.addTask {
                        let response = try await api.send(.put, F.hmnPath, as: "pao",
                                                          json: draftJSON(title: "Ib", body: "Kab 0\nKab \(index)\n"), ifMatch: base)
                        return (index, response.status, response.etag)
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            let winners = results.filter { $0.1 == .ok }
            let losers = results.filter { $0.1 == .preconditionFailed }
            #expect(winners.count == 1)
            #expect(losers.count == writers - 1)
            let winner = try #require(winners.first)
            #expect(losers.allSatisfy { $0.2 == winner.2 }, "every 412 names the winner's revision")
            #expect(try database.history(slug: "fake-jobs", locale: "hmn").count == 2)
            #expect(try database.translationState(slug: "fake-jobs", locale: "hmn").content.body == "Kab 0\nKab \(winner.0)\n")

            // The losers read again and re-apply their line: nothing anyone wrote is lost.
            try await withThrowingTaskGroup(of: Void.self) { group in
                for (index, _, _) in losers {
                    group.addTask {
                        for _ in 0..<(writers * 4) {
                            let current = try await api.send(.get, F.hmnPath, as: "pao")
                            let body = (current.json["content"] as? [String: Any])?["body"] as? String ?? ""
                            let saved = try await api.send(.put, F.hmnPath, as: "pao", json: draftJSON(title: "Ib", body: body + "Kab \(index)\n"),
                                                           ifMatch: current.etag)
                            if saved.status == .ok { return }
                            #expect(saved.status == .preconditionFailed)
                        }
                        Issue.record("writer \(index) never got its line in")
                    }
                }
                try await group.waitForAll()
            }
            let final = try database.translationState(slug: "fake-jobs", locale: "hmn").content.body
            for index in 1...writers { #expect(final.contains("Kab \(index)\n"), "line \(index) lost: \(final)") }
            #expect(try database.history(slug: "fake-jobs", locale: "hmn").count == writers + 1)
        }
    }

    @Test func concurrentTransitionsAreAppliedOnce() async throws {
        let (database, folder) = try Self.fileDatabase()
        defer { try? FileManager.default.removeItem(at: folder) }
        try await F(database: database).test { api in
            let hash = try await api.saveDraft(title: "Ib")
            let statuses = try await withThrowingTaskGroup(of: HTTPResponse.Status.self) { group in
                for _ in 0..<6 { group.addTask { try await api.send(.post, F.hmnPath + "/submit", as: "pao", ifMatch: hash).status } }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(statuses.filter { $0 == .ok }.count == 1)
            #expect(statuses.filter { $0 == .conflict }.count == 5)
        }
    }

    @Test func overARealSocket() async throws {
        let (database, folder) = try Self.fileDatabase()
        defer { try? FileManager.default.removeItem(at: folder) }
        try await F(database: database, anonymousRead: true).test(.live) { api in
            #expect(api.client.port != nil)
            expect(.ok, try await api.send(.get, "/healthz"))
            let hash = try await api.publishHmong(title: "Ceeb toom")
            let published = expect(.ok, try await api.send(.get, F.hmnPath + "/published"))
            #expect(published.etag == hash)
            #expect(published.headers[.contentType] == "application/json; charset=utf-8")
            #expect((published.json["content"] as? [String: Any])?["title"] as? String == "Ceeb toom")
            try await api.send(.put, F.hmnPath, as: "pao", json: "{\"title\": ").problem(.badRequest)
            try await api.send(.get, "/v1/nothing").problem(.notFound)
            let stale = try await api.send(.put, F.hmnPath, as: "pao", json: draftJSON(title: "x"), ifMatch: String(repeating: "0", count: 64))
            stale.problem(.preconditionFailed)
            #expect(stale.etag == hash)
        }
    }
}
