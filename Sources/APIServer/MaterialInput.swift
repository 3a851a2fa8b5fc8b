import CampaignModel

/// The body of `POST /v1/materials` and `PUT /v1/materials/{slug}`: a material's metadata.
struct MaterialInput: APIInput {
    /// Required on create; on update it may be left out, and must equal the path's slug if given.
    var slug: String?
    var topics: [String]
    var audiences: [String]
    var sourceLocale: String
    var channels: [String]

    enum CodingKeys: String, CodingKey, CaseIterable {
        case slug, topics, audiences, sourceLocale, channels
    }

    init(from decoder: any Decoder) throws {
        try UnknownFieldsError.check(decoder, allowed: CodingKeys.allCases.map(\.rawValue))
        let container = try decoder.container(keyedBy: CodingKeys.self)
        slug = try container.decodeIfPresent(String.self, forKey: .slug)
        topics = try container.decode([String].self, forKey: .topics)
        audiences = try container.decodeIfPresent([String].self, forKey: .audiences) ?? []
        sourceLocale = try container.decode(String.self, forKey: .sourceLocale)
        channels = try container.decode([String].self, forKey: .channels)
    }

    var normalized: MaterialInput {
        var copy = self
        copy.slug = slug.map(TextFolding.nfc)
        copy.topics = topics.map(TextFolding.nfc)
        copy.audiences = audiences.map(TextFolding.nfc)
        copy.sourceLocale = TextFolding.nfc(sourceLocale)
        copy.channels = channels.map(TextFolding.nfc)
        return copy
    }

    /// The material this input describes; unknown channels and a slug that differs from the path are input errors.
    func material(slug pathSlug: String?) throws -> Material {
        var issues: [InputIssue] = []
        var channelValues: [Channel] = []
        for name in channels {
            if let channel = Channel(rawValue: name) {
                channelValues.append(channel)
            } else {
                issues.append(InputIssue(file: "request body", field: "channels", problem: "'\(name)' is not a channel.",
                                         fix: "use any of: \(Channel.allCases.map(\.rawValue).joined(separator: ", "))."))
            }
        }
        let resolved: String
        switch (slug, pathSlug) {
        case (let given?, let path?) where given != path:
            issues.append(InputIssue(file: "request body", field: "slug", problem: "the slug '\(given)' differs from the URL's '\(path)'.",
                                     fix: "leave 'slug' out; a material's slug never changes."))
            resolved = path
        case (_, let path?): resolved = path
        case (let given?, nil): resolved = given
        case (nil, nil):
            issues.append(InputIssue(file: "request body", field: "slug", problem: "'slug' is missing.",
                                     fix: "add a slug of lower-case letters, digits and hyphens, such as 'fake-job-offers'."))
            resolved = ""
        }
        if !issues.isEmpty { throw LoaError.invalidInput(issues) }
        return Material(slug: resolved, topics: topics, audiences: audiences, sourceLocale: sourceLocale, channels: channelValues)
    }
}
