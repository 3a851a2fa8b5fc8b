@testable import APIServer
import CampaignModel
import ContentStore
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@Suite struct TranslationRoutesTests {
    typealias F = APIFixture

    @Test func creatingThenEditingADraftFollowsTheETagRules() async throws {
        try await F().test { api in
            let created = try await api.send(.put, F.hmnPath, as: "pao", json: draftJSON(title: "Ib"))
            expect(.created, created)
            #expect(created.headers[.location] == F.hmnPath)
            let first = try #require(created.etag)
            #expect(created.json["status"] as? String == "draft")

            // No If-Match on an existing translation: 428.
            try await api.send(.put, F.hmnPath, as: "pao", json: draftJSON(title: "Ob")).problem(.preconditionRequired)
            // If-Match: * names no version: 428 too.
            try await api.send(.put, F.hmnPath, as: "pao", json: draftJSON(title: "Ob"), headers: [.ifMatch: "*"])
                .problem(.preconditionRequired)

            let second = try await api.saveDraft(title: "Ob", ifMatch: first)
            #expect(second != first)
            // A stale If-Match: 412 with the current ETag.
            let stale = try await api.send(.put, F.hmnPath, as: "pao", json: draftJSON(title: "Peb"), ifMatch: first)
            stale.problem(.preconditionFailed)
            #expect(stale.etag == second)
            // A weak tag never matches.
            try await api.send(.put, F.hmnPath, as: "pao", json: draftJSON(title: "Peb"), headers: [.ifMatch: "W/\"\(second)\""])
                .problem(.preconditionFailed)

            let state = expect(.ok, try await api.send(.get, F.hmnPath, as: "vy"))
            #expect(state.etag == second)
            #expect((state.json["content"] as? [String: Any])?["title"] as? String == "Ob")
            #expect((state.json["head"] as? [String: Any])?["number"] as? Int == 2)
            // Conditional GET.
            let fresh = try await api.send(.get, F.hmnPath, as: "vy", headers: [.ifNoneMatch: "\"\(second)\""])
            #expect(fresh.status == .notModified)
            #expect(fresh.etag == second)
        }
    }

    /// A browser's form field sends CRLF line ends: they are stored as LF. A control character is refused
    /// (422) naming the field, and nothing is stored.
    @Test func lineEndsAreNormalisedAndControlCharactersRefused() async throws {
        try await F().test { api in
            let refused = try await api.send(.put, F.hmnPath, as: "pao", json: draftJSON(title: "Ib", summary: "Nug\u{0C}"))
            refused.problem(.unprocessableContent)
            #expect(refused.text.contains("U+000C (form feed)"))
            try await api.send(.get, F.hmnPath, as: "vy").problem(.notFound)
            _ = try await api.saveDraft(title: "Ib", body: "Kab lus ib.\r\nKab lus ob.\r\n")
            let state = expect(.ok, try await api.send(.get, F.hmnPath, as: "vy"))
            #expect((state.json["content"] as? [String: Any])?["body"] as? String == "Kab lus ib.\nKab lus ob.\n")
        }
    }

    @Test func writingNeedsTheRightRoleAndLocale() async throws {
        try await F().test { api in
            try await api.send(.put, F.hmnPath, json: draftJSON(title: "Ib")).problem(.unauthorized)
            let badToken = try await api.send(.put, F.hmnPath, as: "loa_not_a_token", json: draftJSON(title: "Ib"))
            badToken.problem(.unauthorized)
            #expect(badToken.headers[.wwwAuthenticate]?.contains("invalid_token") == true)
            try await api.send(.put, F.hmnPath, json: draftJSON(title: "Ib"), headers: [.authorization: "Basic YTpi"]).problem(.unauthorized)
            for user in ["kim", "vy", "mai", "lan", "hoa"] {
                try await api.send(.put, F.hmnPath, as: user, json: draftJSON(title: "Ib")).problem(.forbidden)
            }
            // The 403 comes before the body is read: a broken body from the wrong user is still 403.
            try await api.send(.put, F.hmnPath, as: "vy", json: "{oops").problem(.forbidden)
            // The source text is the editor's; admins may write anything.
            let head = try #require(try await api.send(.get, F.viPath, as: "lan").etag)
            expect(.ok, try await api.send(.put, F.viPath, as: "lan", json: draftJSON(title: "Mới", body: "Đoạn một.\n"), ifMatch: head))
            try await api.send(.put, F.viPath, as: "pao", json: draftJSON(title: "Mới")).problem(.forbidden)
            expect(.created, try await api.send(.put, "/v1/materials/fake-jobs/translations/tyz", as: "admin", json: draftJSON(title: "Tày")))
        }
    }

    @Test func readsNeedATokenUnlessAnonymousReadIsOn() async throws {
        let closed = try F()
        try await closed.test { api in
            _ = try await api.publishHmong()
            try await api.send(.get, F.hmnPath + "/published").problem(.unauthorized)
            try await api.send(.get, "/v1/locales").problem(.unauthorized)
            try await api.send(.get, "/v1/materials").problem(.unauthorized)
            expect(.ok, try await api.send(.get, F.hmnPath + "/published", as: "vy"))
        }
        let open = try F(anonymousRead: true)
        try await open.test { api in
            let hash = try await api.publishHmong()
            let published = expect(.ok, try await api.send(.get, F.hmnPath + "/published"))
            #expect(published.etag == hash)
            #expect(published.json["revisionHash"] as? String == hash)
            #expect((published.json["content"] as? [String: Any])?["title"] as? String == "Ib")
            #expect(try await api.send(.get, F.hmnPath + "/published", headers: [.ifNoneMatch: "\"\(hash)\""]).status == .notModified)
            expect(.ok, try await api.send(.get, "/v1/locales"))
            expect(.ok, try await api.send(.get, "/v1/materials/fake-jobs"))
            // Drafts, history and reports still need a token.
            try await api.send(.get, F.hmnPath).problem(.unauthorized)
            try await api.send(.get, F.hmnPath + "/history").problem(.unauthorized)
            try await api.send(.get, "/v1/completeness").problem(.unauthorized)
            // A newer draft does not change what readers get.
            _ = try await api.saveDraft(title: "Ob", ifMatch: hash)
            let still = expect(.ok, try await api.send(.get, F.hmnPath + "/published"))
            #expect(still.etag == hash)
            try await api.send(.get, "/v1/materials/fake-jobs/translations/tyz/published").problem(.notFound)
        }
    }

    @Test func publishedTextsAreCachedBriefly() async throws {
        // Long enough that a loaded test machine still reads from the cache before it expires.
        let fixture = try F(anonymousRead: true, cacheLifetime: .seconds(3))
        try await fixture.test { api in
            let first = try await api.publishHmong(title: "Ib")
            #expect(try await api.send(.get, F.hmnPath + "/published").etag == first)
            // A publish through the API shows at once.
            let second = try await api.publishHmong(title: "Ob", ifMatch: first)
            #expect(try await api.send(.get, F.hmnPath + "/published").etag == second)
            // A change by another process (here: the store directly) shows within the lifetime.
            let reviewer = User(name: "tuan", role: .reviewer, locales: ["hmn"])
            try fixture.database.transition(.archive, slug: "fake-jobs", locale: "hmn", by: reviewer)
            #expect(try await api.send(.get, F.hmnPath + "/published").status == .ok)
            try await Task.sleep(for: .milliseconds(3_100))
            try await api.send(.get, F.hmnPath + "/published").problem(.notFound)
        }
        // Lifetime zero: no cache.
        let uncached = try F(anonymousRead: true, cacheLifetime: .zero)
        try await uncached.test { api in
            _ = try await api.publishHmong(title: "Ib")
            expect(.ok, try await api.send(.get, F.hmnPath + "/published"))
            try uncached.database.transition(.archive, slug: "fake-jobs", locale: "hmn", by: User(name: "tuan", role: .reviewer, locales: ["hmn"]))
            try await api.send(.get, F.hmnPath + "/published").problem(.notFound)
        }
    }

    @Test func revisionsHistoryDiffAndRestore() async throws {
        try await F().test { api in
            let first = try await api.saveDraft(title: "Ib", body: "Kab lus ib.\nKab lus ob.\n")
            let second = try await api.saveDraft(title: "Ob", body: "Kab lus ib.\nKab lus peb.\n", ifMatch: first)

            let history = expect(.ok, try await api.send(.get, F.hmnPath + "/history", as: "vy"))
            let items = try #require(history.json["items"] as? [[String: Any]])
            #expect(items.count == 2)
            #expect(items.last?["isHead"] as? Bool == true)

            let one = expect(.ok, try await api.send(.get, F.hmnPath + "/revisions/1", as: "vy"))
            #expect(one.etag == first)
            #expect(((one.json["content"] as? [String: Any])?["title"]) as? String == "Ib")
            let viaQuery = expect(.ok, try await api.send(.get, F.hmnPath + "?revision=1", as: "vy"))
            #expect(viaQuery.etag == first)
            try await api.send(.get, F.hmnPath + "/revisions/9", as: "vy").problem(.notFound)
            try await api.send(.get, F.hmnPath + "/revisions/zero", as: "vy").problem(.unprocessableContent)
            try await api.send(.get, F.hmnPath + "?revision=-1", as: "vy").problem(.unprocessableContent)

            let diff = expect(.ok, try await api.send(.get, F.hmnPath + "/diff?from=1&to=2", as: "vy")).json
            #expect(diff["titleChanged"] as? Bool == true)
            let changes = try #require(diff["changes"] as? [[String: String]])
            #expect(changes.contains { $0["kind"] == "removed" && $0["text"] == "Kab lus ob." })
            #expect(changes.contains { $0["kind"] == "added" && $0["text"] == "Kab lus peb." })
            let blocks = expect(.ok, try await api.send(.get, F.hmnPath + "/diff?granularity=blocks", as: "vy")).json
            #expect(blocks["from"] as? Int == 1 && blocks["to"] as? Int == 2)
            try await api.send(.get, F.hmnPath + "/diff?granularity=words", as: "vy").problem(.unprocessableContent)
            try await api.send(.get, F.hmnPath + "/diff?from=1&to=7", as: "vy").problem(.notFound)

            try await api.send(.post, F.hmnPath + "/revisions/1/restore", as: "pao").problem(.preconditionRequired)
            try await api.send(.post, F.hmnPath + "/revisions/1/restore", as: "pao", ifMatch: first).problem(.preconditionFailed)
            try await api.send(.post, F.hmnPath + "/revisions/1/restore", as: "kim", ifMatch: second).problem(.forbidden)
            let restored = expect(.ok, try await api.send(.post, F.hmnPath + "/revisions/1/restore", as: "pao", ifMatch: second))
            #expect(restored.etag == first)
            #expect((restored.json["head"] as? [String: Any])?["number"] as? Int == 3)
        }
    }

    @Test func previewsRenderSafeHTML() async throws {
        try await F().test { api in
            _ = try await api.saveDraft(title: "Ib", body: "# Ceeb toom\n\n<script>alert(1)</script>\n\n[x](javascript:alert(1))\n")
            let preview = expect(.ok, try await api.send(.get, F.hmnPath + "/preview", as: "vy")).json
            let html = try #require(preview["html"] as? String)
            #expect(html.contains("<h1"))
            #expect(!html.contains("<script"))
            #expect(!html.contains("javascript:"))
            #expect(preview["revision"] as? Int == 1)

            let live = expect(.ok, try await api.send(.post, F.hmnPath + "/preview", as: "pao", json: #"{"body": "**tuaj**"}"#)).json
            #expect((live["html"] as? String)?.contains("<strong>tuaj</strong>") == true)
            try await api.send(.post, F.hmnPath + "/preview", as: "kim", json: #"{"body": "x"}"#).problem(.forbidden)
            try await api.send(.post, F.hmnPath + "/preview", json: #"{"body": "x"}"#).problem(.unauthorized)
            try await api.send(.post, F.hmnPath + "/preview", as: "pao", json: #"{"text": "x"}"#).problem(.unprocessableContent)
        }
    }

    @Test func sourceChangesShowWhatToRevisit() async throws {
        try await F().test { api in
            _ = try await api.publishHmong()
            let source = try #require(try await api.send(.get, F.viPath, as: "lan").etag)
            let edited = try await api.saveDraft(F.viPath, as: "lan", title: "Việc làm giả",
                                                 body: F.sourceBody + "\nĐoạn mới.\n", ifMatch: source)
            for (action, user) in [("submit", "lan"), ("approve", "hoa"), ("publish", "hoa")] {
                expect(.ok, try await api.send(.post, F.viPath + "/" + action, as: user, ifMatch: edited))
            }
            let changes = expect(.ok, try await api.send(.get, F.hmnPath + "/source-changes", as: "pao")).json
            let blocks = try #require(changes["blocks"] as? [[String: String]])
            #expect(blocks.contains { $0["kind"] == "added" && $0["text"] == "Đoạn mới." })
            let state = expect(.ok, try await api.send(.get, F.hmnPath, as: "pao"))
            #expect(state.json["outdated"] as? Bool == true)
            let head = try #require(state.etag)
            try await api.send(.post, F.hmnPath + "/confirm", as: "kim", ifMatch: head).problem(.forbidden)
            let confirmed = expect(.ok, try await api.send(.post, F.hmnPath + "/confirm", as: "pao", json: #"{"note": "vẫn đúng"}"#, ifMatch: head))
            #expect(confirmed.json["outdated"] as? Bool == false)
            try await api.send(.post, F.hmnPath + "/confirm", as: "pao", ifMatch: head).problem(.conflict)
        }
    }

    @Test func unknownMaterialsAndLocalesAre404() async throws {
        try await F().test { api in
            try await api.send(.get, "/v1/materials/nope/translations/hmn", as: "vy").problem(.notFound)
            try await api.send(.get, "/v1/materials/fake-jobs/translations/xx", as: "vy").problem(.notFound)
            try await api.send(.put, "/v1/materials/nope/translations/hmn", as: "pao", json: draftJSON(title: "x")).problem(.notFound)
            try await api.send(.put, "/v1/materials/fake-jobs/translations/xx", as: "admin", json: draftJSON(title: "x")).problem(.notFound)
        }
    }
}
