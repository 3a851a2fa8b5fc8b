import CampaignModel

/// The body of `PUT …/translations/{locale}`: the whole text of a new draft revision.
struct DraftInput: APIInput {
    var title: String
    var summary: String
    /// Markdown.
    var body: String
    var sms: String?
    var notes: String?
    /// The source revision hash this text was translated from; defaults to the current source.
    var translatedFrom: String?

    enum CodingKeys: String, CodingKey, CaseIterable {
        case title, summary, body, sms, notes, translatedFrom
    }

    init(from decoder: any Decoder) throws {
        try UnknownFieldsError.check(decoder, allowed: CodingKeys.allCases.map(\.rawValue))
        let container = try decoder.container(keyedBy: CodingKeys.self)
        title = try container.decode(String.self, forKey: .title)
        summary = try container.decode(String.self, forKey: .summary)
        body = try container.decode(String.self, forKey: .body)
        sms = try container.decodeIfPresent(String.self, forKey: .sms)
        notes = try container.decodeIfPresent(String.self, forKey: .notes)
        translatedFrom = try container.decodeIfPresent(String.self, forKey: .translatedFrom)
    }

    var content: TranslationContent {
        TranslationContent(title: title, summary: summary, body: body, sms: sms, notes: notes, translatedFrom: translatedFrom)
    }

    /// NFC, with CRLF line ends made LF as files are: a browser's form field sends CRLF.
    var normalized: DraftInput {
        func text(_ value: String) -> String {
            TextFolding.nfc(value.contains("\r\n") ? value.replacingOccurrences(of: "\r\n", with: "\n") : value)
        }
        var copy = self
        copy.title = text(title)
        copy.summary = text(summary)
        copy.body = text(body)
        copy.sms = sms.map(text)
        copy.notes = notes.map(text)
        copy.translatedFrom = translatedFrom.map(TextFolding.nfc)
        return copy
    }
}
