import CampaignModel

/// The body of `POST /v1/plans`: which campaign to plan, named or written out.
///
/// `campaign` names a file of the server's campaign folder (`northern-border-2027` for
/// `Content/campaigns/northern-border-2027.yaml`); `yaml` carries a campaign file's text, for trying a
/// campaign before it is committed. Exactly one of the two.
struct PlanInput: APIInput {
    var campaign: String?
    var yaml: String?

    enum CodingKeys: String, CodingKey, CaseIterable { case campaign, yaml }

    init(campaign: String?, yaml: String?) {
        self.campaign = campaign
        self.yaml = yaml
    }

    init(from decoder: any Decoder) throws {
        try UnknownFieldsError.check(decoder, allowed: CodingKeys.allCases.map(\.rawValue))
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(campaign: try container.decodeIfPresent(String.self, forKey: .campaign),
                  yaml: try container.decodeIfPresent(String.self, forKey: .yaml))
    }

    var normalized: PlanInput { PlanInput(campaign: campaign.map(TextFolding.nfc), yaml: yaml.map(TextFolding.nfc)) }
}
