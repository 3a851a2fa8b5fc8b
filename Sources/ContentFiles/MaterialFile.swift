import CampaignModel
import Foundation

/// Reads and writes `Content/<slug>/material.yaml`.
public enum MaterialFile {
    static let fields = ["slug", "topics", "audiences", "source_locale", "channels"]

    /// Parses a material file; `folderName` must equal its slug.
    public static func parse(_ text: String, file: String, folderName: String) throws(LoaError) -> Material {
        let yaml = try YAMLFields(parsing: text, file: file)
        yaml.rejectUnknownKeys(allowed: fields)
        let slug = yaml.string("slug")
        let topics = yaml.stringList("topics")
        let audiences = yaml.stringList("audiences", required: false)
        let source = yaml.string("source_locale")
        let channelNames = yaml.stringList("channels")
        if let slug {
            if let problem = Material.slugProblem(slug) {
                yaml.reject("slug", problem, fix: "use lower-case letters, digits and single hyphens, such as 'fake-job-offers'.")
            } else if slug != folderName {
                yaml.reject("slug", "the slug '\(slug)' does not match its folder '\(folderName)'.",
                            fix: "rename the folder to '\(slug)' or set 'slug: \(folderName)'.")
            }
        }
        var channels: [Channel] = []
        for name in channelNames ?? [] {
            if let channel = Channel(rawValue: name) {
                if !channels.contains(channel) { channels.append(channel) }
            } else {
                yaml.reject("channels", "'\(name)' is not a channel.",
                            fix: "use any of: \(Channel.allCases.map(\.rawValue).joined(separator: ", ")).")
            }
        }
        guard yaml.issues.isEmpty, let slug, let topics, let audiences, let source else {
            throw .invalidInput(yaml.issues)
        }
        return Material(slug: slug, topics: topics, audiences: audiences, sourceLocale: source, channels: channels)
    }

    public static func render(_ material: Material) -> String {
        """
        slug: \(material.slug)
        topics: \(YAMLWriter.list(material.topics))
        audiences: \(YAMLWriter.list(material.audiences))
        source_locale: \(YAMLWriter.scalar(material.sourceLocale))
        channels: \(YAMLWriter.list(material.channels.map(\.rawValue)))

        """
    }
}

/// Reads and writes `Content/<slug>/<locale>.md`: YAML front matter, then the Markdown body.
public enum TranslationMarkdownFile {
    static let fields = ["title", "summary", "status", "translated_from", "sms", "notes"]

    public static func parse(_ text: String, file: String, locale: String) throws(LoaError) -> TranslationFile {
        let split = try FrontMatter(splitting: text, file: file)
        let yaml = try YAMLFields(parsing: split.yaml, file: file, lineOffset: split.yamlFirstLine - 1)
        yaml.rejectUnknownKeys(allowed: fields)
        let title = yaml.string("title")
        let summary = yaml.string("summary")
        let statusText = yaml.string("status")
        let translatedFrom = yaml.optionalString("translated_from")
        let sms = yaml.optionalString("sms")
        let notes = yaml.optionalString("notes")
        var status: TranslationStatus?
        if let statusText {
            status = TranslationStatus(rawValue: statusText)
            if status == nil {
                yaml.reject("status", "'\(statusText)' is not a status.",
                            fix: "use one of: \(TranslationStatus.allCases.map(\.rawValue).joined(separator: ", ")).")
            }
        }
        if let translatedFrom, !isRevisionHash(translatedFrom) {
            yaml.reject("translated_from", "'\(translatedFrom)' is not a revision hash.",
                        fix: "use the 64-character hash that 'loa history' shows, or remove the line.")
        }
        if title?.utf8.contains(UInt8(ascii: "\n")) == true {
            yaml.reject("title", "the title spans several lines.", fix: "write the title on one line.")
        }
        if split.body.isEmpty {
            yaml.record(InputIssue(file: file, line: nil, field: "body", problem: "the Markdown body is empty.",
                                   fix: "write the text of the material below the closing '---'."))
        }
        guard yaml.issues.isEmpty, let title, let summary, let status else { throw .invalidInput(yaml.issues) }
        let content = TranslationContent(title: title, summary: summary, body: split.body, sms: sms, notes: notes,
                                         translatedFrom: translatedFrom)
        return TranslationFile(locale: locale, status: status, content: content, path: file)
    }

    static func isRevisionHash(_ text: String) -> Bool {
        text.count == 64 && text.allSatisfy { $0.isHexDigit && !$0.isUppercase }
    }

    public static func render(_ file: TranslationFile) -> String {
        let content = file.content
        var out = "---\n"
        out += "title: \(YAMLWriter.scalar(content.title))\n"
        out += "summary: \(YAMLWriter.scalar(content.summary))\n"
        out += "status: \(file.status.rawValue)\n"
        if let from = content.translatedFrom { out += "translated_from: \(from)\n" }
        if let sms = content.sms { out += "sms: \(YAMLWriter.scalar(sms))\n" }
        if let notes = content.notes { out += "notes: \(YAMLWriter.scalar(notes))\n" }
        out += "---\n"
        out += FrontMatter.canonicalBody(content.body)
        return out
    }
}
