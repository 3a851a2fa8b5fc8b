import CampaignModel
import ContentFiles
import ContentStore
import Foundation
import Hummingbird
import RegionPlanner
import Synchronization

/// `/v1/plans`: plans made over the published texts, kept by the store.
///
/// A plan is made from a campaign file and the current snapshot, exactly as `loa plan` makes it, and kept whole
/// (its plan file). The same campaign over the same snapshot gives the same plan file, so posting it again
/// returns the kept plan (200) instead of a new one (201).
struct PlansController {
    let database: AppDatabase
    let access: AccessPolicy
    let bodies: BodyReader
    let inputs: PlanningInputs

    func register(on router: Router<APIRequestContext>) {
        router.get("/v1/plans", use: list)
        router.post("/v1/plans", use: create)
        router.get("/v1/plans/{id}", use: show)
    }

    /// Plans kept, newest first; `?campaign=` narrows to one campaign.
    @Sendable func list(_ request: Request, context: APIRequestContext) async throws -> Response {
        _ = try access.member(context)
        let campaign = request.query("campaign")
        let limit = try request.query("limit", in: 1...1000) ?? 100
        let database = database
        return try JSONCoding.response(ItemList(try await Blocking.run { try database.plans(campaignID: campaign, limit: limit) }))
    }

    /// Makes a plan (planners and admins) and keeps it; answers with its record and its Location.
    @Sendable func create(_ request: Request, context: APIRequestContext) async throws -> Response {
        let user = try access.planner(context)
        let input = try await bodies.decode(PlanInput.self, from: request)
        let database = database, inputs = inputs
        let (record, created) = try await Blocking.run {
            let (campaign, figures) = try inputs.campaign(input)
            let regions = try inputs.regions()
            let snapshot = try database.snapshot()
            let plan = try RegionPlanner.plan(campaign: campaign, regions: regions, snapshot: snapshot, figures: figures,
                                              now: snapshot.takenAt)
            return try database.savePlan(plan, json: try PlanFormatter.json(plan), actor: user.name)
        }
        return try JSONCoding.response(record, status: created ? .created : .ok, etag: record.hash,
                                       location: "/v1/plans/\(record.id)")
    }

    /// The plan file, byte for byte what `loa plan --out` writes.
    @Sendable func show(_ request: Request, context: APIRequestContext) async throws -> Response {
        _ = try access.member(context)
        let id = try context.path("id")
        let database = database
        let record = try await Blocking.run { try database.planRecord(id: id) }
        if ETag.notModified(request, current: record.hash) { return ETag.notModifiedResponse(record.hash) }
        let json = try await Blocking.run { try database.planJSON(id: id) }
        return Response(status: .ok, headers: JSONCoding.headers(length: json.count, etag: record.hash), body: Self.sliced(json))
    }

    /// A body sent in slices of the one copy read from the store: a national plan is over 100 MB, and a
    /// `ByteBuffer` of all of it would hold it twice.
    static func sliced(_ data: Data, slice: Int = 1 << 20) -> ResponseBody {
        ResponseBody(contentLength: data.count) { writer in
            var start = data.startIndex
            while start < data.endIndex {
                let end = min(start + slice, data.endIndex)
                try await writer.write(ByteBuffer(bytes: data[start..<end]))
                start = end
            }
            try await writer.finish(nil)
        }
    }
}

/// Where plans come from on the server: its campaign folder and its region tables (read once, when the first
/// plan is made, so a server that never plans never reads them).
final class PlanningInputs: Sendable {
    let campaigns: URL
    let regionsDirectory: URL
    private let table = Mutex<RegionTable?>(nil)

    init(campaigns: URL, regions: URL) {
        self.campaigns = campaigns.standardizedFileURL
        self.regionsDirectory = regions
    }

    func regions() throws -> RegionTable {
        try table.withLock { table in
            if let table { return table }
            let loaded = try RegionTableReader.load(directory: regionsDirectory)
            table = loaded
            return loaded
        }
    }

    /// The campaign of a request and its per-region figures. Every path it reads stays inside the campaign folder.
    func campaign(_ input: PlanInput) throws -> (Campaign, RegionFigures) {
        let campaign: Campaign
        let url: URL
        switch (input.campaign, input.yaml) {
        case (let name?, nil):
            guard !name.isEmpty, name.utf8.allSatisfy({ $0 == 0x2D || $0 == 0x5F || (0x30...0x39).contains($0) || (0x61...0x7A).contains($0) }) else {
                throw LoaError.invalid(InputIssue(file: "request body", field: "campaign", problem: "'\(name)' is not a campaign name.",
                                                  fix: "give the file name of a campaign without '.yaml' (known: \(known()))."))
            }
            url = campaigns.appendingPathComponent(name + ".yaml")
            guard FileManager.default.fileExists(atPath: url.path) else {
                throw LoaError.invalid(InputIssue(file: "request body", field: "campaign", problem: "no campaign '\(name)' is on the server.",
                                                  fix: "use one of: \(known()); or send the campaign's text as 'yaml'."))
            }
            campaign = try CampaignFileReader.read(url: url)
        case (nil, let yaml?):
            url = campaigns.appendingPathComponent("request.yaml")
            campaign = try CampaignFileReader.parse(yaml: yaml, file: "request body yaml")
        default:
            throw LoaError.invalid(InputIssue(file: "request body", field: "campaign",
                                              problem: "give either 'campaign' (a campaign file on the server) or 'yaml' (a campaign's text), not \(input.campaign == nil ? "neither" : "both").",
                                              fix: "send {\"campaign\": \"northern-border-2027\"} or {\"yaml\": \"id: …\"}."))
        }
        return (campaign, try CampaignFileReader.readFigures(of: campaign, campaignURL: url, within: campaigns))
    }

    /// The campaign names on the server, for error messages.
    private func known() -> String {
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: campaigns.path)) ?? [])
            .filter { $0.hasSuffix(".yaml") }.map { String($0.dropLast(5)) }.sorted()
        return names.isEmpty ? "none" : names.joined(separator: ", ")
    }
}
