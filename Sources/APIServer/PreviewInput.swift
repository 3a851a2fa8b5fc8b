import CampaignModel

/// The body of `POST …/preview`: unsaved Markdown to render as the editor types.
struct PreviewInput: APIInput {
    var body: String

    enum CodingKeys: String, CodingKey, CaseIterable { case body }

    init(body: String) { self.body = body }

    init(from decoder: any Decoder) throws {
        try UnknownFieldsError.check(decoder, allowed: CodingKeys.allCases.map(\.rawValue))
        body = try decoder.container(keyedBy: CodingKeys.self).decode(String.self, forKey: .body)
    }

    var normalized: PreviewInput { PreviewInput(body: TextFolding.nfc(body)) }
}
