@testable import APIServer
import CampaignModel
import ContentStore
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@Suite struct ValidationTests {
    typealias F = APIFixture

    @Test func badJSONIs400WithThePosition() async throws {
        try await F().test { api in
            let broken = try await api.send(.put, F.hmnPath, as: "pao", json: "{\n  \"title\": \"Ib\",\n  \"summary\": nope\n}")
            let problem = broken.problem(.badRequest)
            #expect(problem["type"] as? String == "/problems/malformed-request")
            #expect((problem["detail"] as? String)?.contains("line 3, column 14") == true, "\(broken.text)")
            #expect(broken.errors.first?["line"] as? Int == 3)

            let truncated = try await api.send(.put, F.hmnPath, as: "pao", json: #"{"title": "Ib""#)
            #expect((truncated.problem(.badRequest)["detail"] as? String)?.contains("end of the body") == true)
            try await api.send(.put, F.hmnPath, as: "pao", json: "").problem(.badRequest)
            try await api.send(.put, F.hmnPath, as: "pao", json: draftJSON(title: "Ib"), headers: [.contentType: "text/plain"])
                .problem(.badRequest)
        }
    }

    @Test func invalidUTF8Is400WithTheByteOffset() async throws {
        try await F().test { api in
            var bytes = Array(#"{"title": "Ib"#.utf8)
            let offset = bytes.count
            bytes += [0xC3, 0x28]
            bytes += Array(#"", "summary": "s", "body": "b"}"#.utf8)
            let response = try await api.send(.put, F.hmnPath, as: "pao", bytes: bytes, headers: [.contentType: "application/json"])
            let problem = response.problem(.badRequest)
            #expect((problem["detail"] as? String)?.contains("offset \(offset)") == true, "\(response.text)")
        }
    }

    @Test func bodiesOverTheLimitAre413() async throws {
        try await F(maxBodySize: 1000).test { api in
            let big = draftJSON(title: "Ib", body: String(repeating: "x", count: 2000))
            try await api.send(.put, F.hmnPath, as: "pao", json: big).problem(.contentTooLarge)
            // Even on a route that reads no body, and before authentication.
            try await api.send(.post, "/v1/materials", json: big).problem(.contentTooLarge)
            expect(.created, try await api.send(.put, F.hmnPath, as: "pao", json: draftJSON(title: "Ib")))
        }
        // The default is 1 MiB.
        #expect(APIConfiguration(database: .path("x")).maxBodySize == 1_048_576)
        try await F().test { api in
            let body = String(repeating: "a", count: 1_048_576)
            try await api.send(.put, F.hmnPath, as: "pao", json: draftJSON(title: "Ib", body: body)).problem(.contentTooLarge)
        }
    }

    @Test func unknownMissingAndMistypedFieldsAre422() async throws {
        try await F().test { api in
            let unknown = try await api.send(.put, F.hmnPath, as: "pao", json: #"{"title": "Ib", "summary": "s", "body": "b", "summmary": "x"}"#)
            unknown.problem(.unprocessableContent)
            #expect(unknown.errors.first?["field"] as? String == "summmary")
            #expect((unknown.errors.first?["fix"] as? String)?.contains("translatedFrom") == true)

            let missing = try await api.send(.put, F.hmnPath, as: "pao", json: #"{"title": "Ib", "summary": "s"}"#)
            missing.problem(.unprocessableContent)
            #expect(missing.errors.first?["field"] as? String == "body")

            let mistyped = try await api.send(.put, F.hmnPath, as: "pao", json: #"{"title": 3, "summary": "s", "body": "b"}"#)
            mistyped.problem(.unprocessableContent)
            #expect(mistyped.errors.first?["field"] as? String == "title")

            try await api.send(.put, F.hmnPath, as: "pao", json: #"["title"]"#).problem(.unprocessableContent)
            let empty = try await api.send(.put, F.hmnPath, as: "pao", json: draftJSON(title: "Ib", body: "   "))
            empty.problem(.unprocessableContent)
            #expect(empty.errors.first?["field"] as? String == "body")
            #expect(empty.errors.first?["locale"] as? String == "hmn")
        }
    }

    @Test func decomposedTextIsStoredInNFC() async throws {
        let fixture = try F()
        try await fixture.test { api in
            let nfd = "Vie\u{0302}\u{0323}t Nam"  // "Việt Nam" decomposed
            let escaped = #"{"title": "Vie\u0302\u0323t", "summary": "s", "body": "Ngu\u031bo\u031b\u0300i"}"#
            expect(.created, try await api.send(.put, F.hmnPath, as: "pao", json: draftJSON(title: nfd, body: nfd)))
            let state = try fixture.database.translationState(slug: "fake-jobs", locale: "hmn")
            #expect(state.content.title == "Việt Nam")
            #expect(state.content.title.unicodeScalars.count == 8)
            expect(.ok, try await api.send(.put, F.hmnPath, as: "pao", json: escaped, ifMatch: state.head.hash))
            let second = try fixture.database.translationState(slug: "fake-jobs", locale: "hmn")
            #expect(second.content.title.unicodeScalars.map(\.value) == "Việt".unicodeScalars.map(\.value))
            #expect(second.content.body == "Người")
            // Query parameters too: a decomposed search finds the composed text.
            let hits = expect(.ok, try await api.send(.get, "/v1/search?q=Vie%CC%82%CC%A3t", as: "vy")).json
            #expect((hits["items"] as? [[String: Any]])?.first?["exactSpelling"] as? Bool == true)
        }
    }

    @Test func theSyntaxScannerFindsTheFirstError() {
        func failure(_ text: String) -> JSONSyntax.Failure? { JSONSyntax.firstError(in: Array(text.utf8)) }
        #expect(failure(#"{"a": [1, 2.5e3, true, null, "x\u00e9\n"]}"#) == nil)
        #expect(failure("{\"a\": 01}")?.offset == 7)
        #expect(failure("{\"a\" 1}")?.column == 6)
        #expect(failure("[1,]")?.offset == 3)
        #expect(failure("\"\\ud800\"") != nil)
        #expect(failure("{\"ả\": x}")?.column == 7)
        #expect(failure("[1] 2")?.problem.contains("after") == true)
        #expect(failure(String(repeating: "[", count: 600) + String(repeating: "]", count: 600))?.problem.contains("nesting") == true)
    }
}
