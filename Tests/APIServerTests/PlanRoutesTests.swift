@testable import APIServer
import CampaignModel
import Foundation
import Hummingbird
import HummingbirdTesting
import RegionPlanner
import Testing

@Suite struct PlanRoutesTests {
    typealias F = APIFixture

    /// A campaign over the fixture's one published material, for two border provinces.
    static func campaignYAML(id: String = "test-campaign", figures: String? = nil) -> String {
        """
        id: \(id)
        name: Test campaign
        window:
          start: 2027-01-04
          end: 2027-01-31
        level: province
        materials: [fake-jobs]
        currency: VND
        channels:
          sms:
            capacity_per_week: 100000
            price_per_part: 350
        min_spacing_days: 7
        targets:
          regions: ["11", "15"]
        """ + (figures.map { "\nfigures: \($0)\n" } ?? "\n")
    }

    static func yamlBody(_ yaml: String) -> String {
        String(decoding: try! JSONSerialization.data(withJSONObject: ["yaml": yaml]), as: UTF8.self)
    }

    /// A campaign folder with one campaign file and its figures, and a CSV outside it.
    static func campaignFolder() throws -> URL {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("plan-routes-\(UUID().uuidString)")
        let folder = root.appendingPathComponent("campaigns")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data(campaignYAML(id: "border-test", figures: "border-test-figures.csv").utf8)
            .write(to: folder.appendingPathComponent("border-test.yaml"))
        try Data("code,population,women_and_children,verification\n11,600000,400000,unverified\n".utf8)
            .write(to: folder.appendingPathComponent("border-test-figures.csv"))
        try Data("code,population\n11,1\n".utf8).write(to: root.appendingPathComponent("outside.csv"))
        return folder
    }

    @Test func aPlannerMakesAPlanAndEveryMemberReadsItBack() async throws {
        try await F().test { api in
            let created = expect(.created, try await api.send(.post, "/v1/plans", as: "minh", json: Self.yamlBody(Self.campaignYAML())))
            let record = created.json
            let id = try #require(record["id"] as? String)
            #expect(id.hasPrefix("test-campaign-"))
            #expect(created.headers[.location] == "/v1/plans/\(id)")
            #expect(record["createdBy"] as? String == "minh")
            #expect((record["deliveries"] as? Int ?? 0) > 0)
            #expect(created.etag == record["hash"] as? String)

            let fetched = expect(.ok, try await api.send(.get, "/v1/plans/\(id)", as: "vy"))
            let plan = try PlanFormatter.decode(json: Data(fetched.text.utf8))
            #expect(plan.campaignID == "test-campaign")
            #expect(plan.deliveries.count == record["deliveries"] as? Int)
            #expect(plan.deliveries.allSatisfy { $0.material == "fake-jobs" && ["11", "15"].contains($0.regionCode) })
            #expect(try PlanFormatter.json(plan) == Data(fetched.text.utf8), "the kept file is the plan file, byte for byte")
            #expect(fetched.etag == record["hash"] as? String)
            #expect(fetched.headers[.contentLength] == String(fetched.body.readableBytes))
            let fresh = try await api.send(.get, "/v1/plans/\(id)", as: "vy", headers: [.ifNoneMatch: "\"\(fetched.etag ?? "")\""])
            #expect(fresh.status == .notModified)

            // The same campaign over the same snapshot is the same plan: kept once.
            let again = expect(.ok, try await api.send(.post, "/v1/plans", as: "admin", json: Self.yamlBody(Self.campaignYAML()))).json
            #expect(again["id"] as? String == id)
            #expect(again["createdBy"] as? String == "minh")
            let list = expect(.ok, try await api.send(.get, "/v1/plans?campaign=test-campaign", as: "vy")).json
            #expect((list["items"] as? [[String: Any]])?.map { $0["id"] as? String } == [id])
            let none = expect(.ok, try await api.send(.get, "/v1/plans?campaign=other", as: "vy")).json
            #expect((none["items"] as? [Any])?.isEmpty == true)

            // A new publication changes the snapshot, so planning again gives a new plan.
            _ = try await api.publishHmong()
            let newer = expect(.created, try await api.send(.post, "/v1/plans", as: "minh", json: Self.yamlBody(Self.campaignYAML()))).json
            #expect(newer["id"] as? String != id)
            let audit = expect(.ok, try await api.send(.get, "/v1/audit", as: "admin")).json
            let actions = (audit["items"] as? [[String: Any]] ?? []).compactMap { $0["action"] as? String }
            #expect(actions.filter { $0 == "plan.create" }.count == 2)
        }
    }

    @Test func campaignsOnTheServerAreNamedAndTheirFiguresStayInsideTheFolder() async throws {
        var fixture = try F()
        fixture.campaigns = try Self.campaignFolder()
        defer { try? FileManager.default.removeItem(at: fixture.campaigns.deletingLastPathComponent()) }
        try await fixture.test { api in
            let record = expect(.created, try await api.send(.post, "/v1/plans", as: "minh", json: #"{"campaign": "border-test"}"#)).json
            let id = try #require(record["id"] as? String)
            let plan = try PlanFormatter.decode(json: Data(expect(.ok, try await api.send(.get, "/v1/plans/\(id)", as: "minh")).text.utf8))
            #expect(plan.regions.first { $0.regionCode == "11" }?.factors.contains { $0.name == "women and children" && $0.value == "400000 (figures file)" } == true,
                    "the figures CSV beside the campaign file was used")

            let unknown = try await api.send(.post, "/v1/plans", as: "minh", json: #"{"campaign": "nope"}"#).problem(.unprocessableContent)
            #expect("\(unknown)".contains("border-test"), "the error lists the campaigns there are")
            for name in ["../border-test", "Border-Test", "", "a/b"] {
                let problem = try await api.send(.post, "/v1/plans", as: "minh", json: "{\"campaign\": \"\(name)\"}").problem(.unprocessableContent)
                #expect((problem["errors"] as? [[String: Any]])?.first?["field"] as? String == "campaign")
            }
            for path in ["../outside.csv", "/etc/passwd"] {
                let problem = try await api.send(.post, "/v1/plans", as: "minh",
                                                 json: Self.yamlBody(Self.campaignYAML(figures: path))).problem(.unprocessableContent)
                let issue = try #require((problem["errors"] as? [[String: Any]])?.first)
                #expect(issue["field"] as? String == "figures")
                #expect((issue["problem"] as? String)?.contains("is outside the folder") == true)
            }
        }
    }

    @Test func badRequestsAreRefusedWithTheFieldAndNothingIsKept() async throws {
        try await F().test { api in
            try await api.send(.post, "/v1/plans", json: #"{"campaign": "x"}"#).problem(.unauthorized)
            for user in ["lan", "pao", "mai", "vy"] {
                try await api.send(.post, "/v1/plans", as: user, json: Self.yamlBody(Self.campaignYAML())).problem(.forbidden)
            }
            let neither = try await api.send(.post, "/v1/plans", as: "minh", json: "{}").problem(.unprocessableContent)
            #expect("\(neither)".contains("neither"))
            let both = try await api.send(.post, "/v1/plans", as: "minh", json: #"{"campaign": "a", "yaml": "b"}"#).problem(.unprocessableContent)
            #expect("\(both)".contains("both"))
            try await api.send(.post, "/v1/plans", as: "minh", json: #"{"campaign": 3}"#).problem(.unprocessableContent)
            try await api.send(.post, "/v1/plans", as: "minh", json: #"{"campaing": "x"}"#).problem(.unprocessableContent)
            let badYAML = try await api.send(.post, "/v1/plans", as: "minh", json: #"{"yaml": "id: [\n"}"#)
            let yamlIssue = try #require(badYAML.problem(.unprocessableContent)["errors"] as? [[String: Any]]).first
            #expect(yamlIssue?["file"] as? String == "request body yaml")
            #expect(yamlIssue?["line"] as? Int != nil)

            // A campaign naming a material that is not published: the campaign's field and line.
            let wrong = Self.campaignYAML().replacingOccurrences(of: "[fake-jobs]", with: "[no-such-material]")
            let problem = try await api.send(.post, "/v1/plans", as: "minh", json: Self.yamlBody(wrong)).problem(.unprocessableContent)
            let issue = try #require((problem["errors"] as? [[String: Any]])?.first)
            #expect(issue["field"] as? String == "materials[0]")
            #expect(issue["file"] as? String == "request body yaml")

            try await api.send(.get, "/v1/plans/nope", as: "vy").problem(.notFound)
            try await api.send(.get, "/v1/plans").problem(.unauthorized)
            let list = expect(.ok, try await api.send(.get, "/v1/plans", as: "vy")).json
            #expect((list["items"] as? [Any])?.isEmpty == true, "no failed request kept a plan")
            try await api.send(.get, "/v1/plans?limit=0", as: "vy").problem(.unprocessableContent)
        }
    }

    /// A plan file goes out in slices of the stored copy, every byte once, in order, then the end.
    @Test func planFilesAreSentInSlices() async throws {
        final class Collector: ResponseBodyWriter, @unchecked Sendable {
            var buffers: [ByteBuffer] = []
            var finished = 0
            func write(_ buffer: ByteBuffer) async throws { buffers.append(buffer) }
            func finish(_ trailingHeaders: HTTPFields?) async throws { finished += 1 }
        }
        for size in [0, 1, 999, 1000, 2500] {
            let data = Data((0..<size).map { UInt8(truncatingIfNeeded: $0 * 7) })
            let collector = Collector()
            try await PlansController.sliced(data, slice: 1000).write(collector)
            #expect(collector.buffers.count == (size + 999) / 1000, "\(size) bytes")
            #expect(collector.buffers.allSatisfy { $0.readableBytes <= 1000 })
            #expect(Data(collector.buffers.flatMap { Array($0.readableBytesView) }) == data)
            #expect(collector.finished == 1)
        }
    }
}
