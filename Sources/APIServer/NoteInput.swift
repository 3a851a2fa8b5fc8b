import CampaignModel

/// The optional body of a workflow action (`POST …/submit` and the others): a note for the audit log.
struct NoteInput: APIInput {
    var note: String

    static let empty = NoteInput(note: "")

    init(note: String) { self.note = note }

    enum CodingKeys: String, CodingKey, CaseIterable { case note }

    init(from decoder: any Decoder) throws {
        try UnknownFieldsError.check(decoder, allowed: CodingKeys.allCases.map(\.rawValue))
        note = try decoder.container(keyedBy: CodingKeys.self).decodeIfPresent(String.self, forKey: .note) ?? ""
    }

    var normalized: NoteInput { NoteInput(note: TextFolding.nfc(note)) }
}
