import CampaignModel
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@Suite struct WorkflowRoutesTests {
    typealias F = APIFixture

    @Test func draftToPublishedWithTheRightPeople() async throws {
        try await F().test { api in
            let hash = try await api.saveDraft(title: "Ib")
            try await api.send(.post, F.hmnPath + "/submit", as: "pao").problem(.preconditionRequired)
            try await api.send(.post, F.hmnPath + "/submit", as: "kim", ifMatch: hash).problem(.forbidden)
            try await api.send(.post, F.hmnPath + "/submit", ifMatch: hash).problem(.unauthorized)
            let submitted = expect(.ok, try await api.send(.post, F.hmnPath + "/submit", as: "pao", json: #"{"note": "xong"}"#, ifMatch: hash))
            #expect(submitted.json["status"] as? String == "in_review")
            #expect(submitted.etag == hash)

            // Only a reviewer of the locale approves; the 403 comes before the state check.
            for user in ["pao", "hoa", "admin", "vy", "lan"] {
                try await api.send(.post, F.hmnPath + "/approve", as: user, ifMatch: hash).problem(.forbidden)
            }
            // Publishing needs an approval first.
            try await api.send(.post, F.hmnPath + "/publish", as: "mai", ifMatch: hash).problem(.conflict)
            expect(.ok, try await api.send(.post, F.hmnPath + "/approve", as: "mai", ifMatch: hash))
            let published = expect(.ok, try await api.send(.post, F.hmnPath + "/publish", as: "tuan", ifMatch: hash))
            #expect(published.json["status"] as? String == "published")
            #expect((published.json["published"] as? [String: Any])?["approvedBy"] as? [String] == ["mai"])
        }
    }

    @Test func adminsWriteAndArchiveButDoNotApprove() async throws {
        try await F().test { api in
            let hash = try await api.saveDraft(as: "admin", title: "Ib")
            expect(.ok, try await api.send(.post, F.hmnPath + "/submit", as: "admin", ifMatch: hash))
            try await api.send(.post, F.hmnPath + "/approve", as: "admin", ifMatch: hash).problem(.forbidden)
            expect(.ok, try await api.send(.post, F.hmnPath + "/approve", as: "mai", ifMatch: hash))
            // Archiving: admins and reviewers of the locale.
            try await api.send(.post, F.hmnPath + "/archive", as: "pao", ifMatch: hash).problem(.forbidden)
            let archived = expect(.ok, try await api.send(.post, F.hmnPath + "/archive", as: "admin", ifMatch: hash))
            #expect(archived.json["status"] as? String == "archived")
            try await api.send(.post, F.hmnPath + "/submit", as: "pao", ifMatch: hash).problem(.conflict)
        }
    }

    @Test func transitionsRefuseAStaleHead() async throws {
        try await F().test { api in
            let first = try await api.saveDraft(title: "Ib")
            let second = try await api.saveDraft(title: "Ob", ifMatch: first)
            expect(.ok, try await api.send(.post, F.hmnPath + "/submit", as: "pao", ifMatch: second))
            // mai read revision 1 and must not approve revision 2 by accident.
            let stale = try await api.send(.post, F.hmnPath + "/approve", as: "mai", ifMatch: first)
            stale.problem(.preconditionFailed)
            #expect(stale.etag == second)
            let rejected = expect(.ok, try await api.send(.post, F.hmnPath + "/reject", as: "mai", json: #"{"note": "sửa lại"}"#, ifMatch: second))
            #expect(rejected.json["status"] as? String == "draft")
            try await api.send(.post, F.hmnPath + "/reject", as: "mai", json: #"{"reason": "x"}"#, ifMatch: second)
                .problem(.unprocessableContent)
            try await api.send(.post, "/v1/materials/fake-jobs/translations/tyz/submit", as: "kim", ifMatch: second).problem(.notFound)
        }
    }
}
