import Foundation

/// How a material reaches people.
public enum Channel: String, Sendable, Codable, Hashable, CaseIterable, Comparable {
    case sms
    case loudspeaker
    case print
    case villageMeeting = "village_meeting"
    case website

    public static func < (lhs: Channel, rhs: Channel) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

/// A campaign material: one message, written once in its source language and translated into others.
public struct Material: Sendable, Codable, Hashable, Identifiable {
    /// Lower-case ASCII letters, digits and hyphens; the folder name under `Content/` and the URL segment.
    public var slug: String
    public var topics: [String]
    public var audiences: [String]
    /// The locale authors write in; every other locale is a translation of it.
    public var sourceLocale: String
    public var channels: [Channel]

    public var id: String { slug }

    public init(slug: String, topics: [String], audiences: [String], sourceLocale: String, channels: [Channel]) {
        self.slug = slug
        self.topics = topics
        self.audiences = audiences
        self.sourceLocale = sourceLocale
        self.channels = channels
    }

    /// Why `slug` cannot be a material slug, or nil when it can.
    ///
    /// Slugs become folder names and URL segments, so anything that could climb out of a folder or need
    /// escaping is refused rather than repaired.
    public static func slugProblem(_ slug: String) -> String? {
        if slug.isEmpty { return "the slug is empty." }
        if slug.count > 80 { return "the slug '\(slug)' is longer than 80 characters." }
        // By bytes, in one pass: a site build checks every material's slug, and `contains("--")` went
        // through Foundation.
        let bytes = slug.utf8
        var doubleHyphen = false, previous: UInt8 = 0
        for byte in bytes {
            guard (0x61...0x7A).contains(byte) || (0x30...0x39).contains(byte) || byte == 0x2D else {
                return "the slug '\(slug)' may hold only lower-case ASCII letters, digits and hyphens."
            }
            if byte == 0x2D && previous == 0x2D { doubleHyphen = true }
            previous = byte
        }
        if bytes.first == 0x2D || bytes.last == 0x2D || doubleHyphen {
            return "the slug '\(slug)' must not start or end with a hyphen or hold two in a row."
        }
        return nil
    }
}

/// Where a translation stands in the editorial workflow.
public enum TranslationStatus: String, Sendable, Codable, Hashable, CaseIterable {
    case draft
    case inReview = "in_review"
    case approved
    case published
    case archived

    /// The status named `text`: a filter given on the command line or in a query string. Anything else is
    /// an input error for `field` of `file` that lists the statuses.
    public static func parse(_ text: String, file: String, field: String) throws -> TranslationStatus {
        guard let status = TranslationStatus(rawValue: text) else {
            throw LoaError.invalid(InputIssue(file: file, field: field, problem: "'\(text)' is not a status.",
                                              fix: "use one of: \(allCases.map(\.rawValue).joined(separator: ", "))."))
        }
        return status
    }
}

/// The text of one revision of a translation: what an author writes, and what a revision hash covers.
public struct TranslationContent: Sendable, Codable, Hashable {
    public var title: String
    public var summary: String
    /// Markdown.
    public var body: String
    /// A hand-written SMS text, in either full or không dấu form; nil means "derive from title and summary".
    public var sms: String?
    /// Notes for translators and reviewers (for example "machine draft, needs review by a native speaker").
    public var notes: String?
    /// Hash of the source-language revision this translation was made from; nil for the source itself.
    public var translatedFrom: String?

    public init(title: String, summary: String, body: String, sms: String? = nil, notes: String? = nil,
                translatedFrom: String? = nil) {
        self.title = title
        self.summary = summary
        self.body = body
        self.sms = sms
        self.notes = notes
        self.translatedFrom = translatedFrom
    }

    /// The same content with every text field in NFC.
    public var normalized: TranslationContent {
        TranslationContent(title: TextFolding.nfc(title), summary: TextFolding.nfc(summary),
                           body: TextFolding.nfc(body), sms: sms.map(TextFolding.nfc),
                           notes: notes.map(TextFolding.nfc), translatedFrom: translatedFrom)
    }

    /// The exact bytes a revision hash is computed over: each field length-prefixed, so no two different
    /// contents can produce the same stream.
    ///
    /// `translatedFrom` is left out on purpose: confirming that a translation is still accurate for a newer
    /// source moves the translation's source pointer without making its unchanged text a new revision.
    public var canonicalBytes: Data {
        // Gathered in an array, which copies each field's UTF-8 at once; Data appends byte by byte.
        var bytes: [UInt8] = []
        for field in [title, summary, body, sms ?? "\u{0}none", notes ?? "\u{0}none"] {
            bytes += "\(field.utf8.count):".utf8
            bytes += field.utf8
        }
        return Data(bytes)
    }
}
