import Foundation
import CampaignModel

/// Builds the SMS text of one translation and enforces the campaign's maximum number of parts.
///
/// - A hand-written `sms:` variant wins when present and not blank; it is used as written, only trimmed of
///   whitespace and newlines at both ends.
/// - Otherwise the text is the title and the summary, each already rendered from Markdown to plain text by
///   the caller, with runs of whitespace (line breaks included) collapsed to one space, joined by a line
///   feed: `"Title\nsummary"`. A line feed costs one unit in both encodings, reads well on every handset and,
///   unlike `"Title: summary"`, does not clash with a title that ends in `?` or `!`. An empty title or summary
///   is left out together with the line feed.
/// - Nothing is ever shortened: a message longer than ``maximumParts`` is an error
///   (``LoaError/invalidInput(_:)``) naming the material and locale, with the cost of the không dấu form in
///   its fix. Cutting at a sentence or word boundary would silently drop what an author wrote.
public struct SMSComposer: Sendable, Hashable {
    /// The most parts one message may be billed as (default 3).
    public var maximumParts: Int

    public init(maximumParts: Int = 3) {
        precondition(maximumParts >= 1, "an SMS has at least one part")
        self.maximumParts = maximumParts
    }

    /// The message made from a title and summary (plain text): see the type's documentation.
    public static func join(title: String, summary: String) -> String {
        [collapseWhitespace(title), collapseWhitespace(summary)].filter { !$0.isEmpty }.joined(separator: "\n")
    }

    /// The message and both its costs, without enforcing the maximum (for reports).
    public func draft(title: String, summary: String, sms: String?) -> ComposedSMS {
        if let sms, case let trimmed = sms.trimmingCharacters(in: .whitespacesAndNewlines), !trimmed.isEmpty {
            return ComposedSMS(source: .smsField, comparison: SMSCostComparison(trimmed))
        }
        return ComposedSMS(source: .titleAndSummary,
                           comparison: SMSCostComparison(Self.join(title: title, summary: summary)))
    }

    /// The message of translation `slug`/`locale`, or an error when it is empty or exceeds ``maximumParts``.
    ///
    /// - Throws: ``LoaError/invalidInput(_:)`` with one ``InputIssue`` whose file is `"<slug>/<locale>.md"`,
    ///   field `"sms"` or `"summary"` (where the text came from), and locale `locale`.
    public func compose(slug: String, locale: String, title: String, summary: String, sms: String?) throws -> ComposedSMS {
        let message = draft(title: title, summary: summary, sms: sms)
        if let issue = issue(with: message, slug: slug, locale: locale) {
            throw LoaError.invalidInput([issue])
        }
        return message
    }

    /// What is wrong with `message` as the SMS of `slug`/`locale`, or nil when it can be sent.
    public func issue(with message: ComposedSMS, slug: String, locale: String) -> InputIssue? {
        let file = "\(slug)/\(locale).md"
        let field = message.source == .smsField ? "sms" : "summary"
        let written = message.comparison.asWritten
        if written.text.isEmpty {
            return InputIssue(file: file, field: field, locale: locale,
                              problem: "the SMS of material '\(slug)' in locale '\(locale)' is empty.",
                              fix: "Give the translation a title and summary, or write an `sms:` variant.")
        }
        guard written.parts > maximumParts else { return nil }
        let khongDau = message.comparison.khongDau
        let capacity = Self.capacity(of: written.encoding, parts: maximumParts)
        let what = message.source == .smsField ? "Shorten the `sms:` text" : "Shorten the title or summary, or write an `sms:` variant,"
        var fix = "\(what) to at most \(maximumParts) part\(maximumParts == 1 ? "" : "s") (\(capacity) \(written.encoding.unitName))."
        if khongDau.text != written.text {
            fix += " Its không dấu form would be \(khongDau.encoding.rawValue), \(khongDau.units) \(khongDau.encoding.unitName), "
                + "\(khongDau.parts) part\(khongDau.parts == 1 ? "" : "s")"
                + (khongDau.parts <= maximumParts ? " (within the limit; put it in `sms:` if readers accept it)." : ".")
        }
        return InputIssue(
            file: file, field: field, locale: locale,
            problem: "the SMS of material '\(slug)' in locale '\(locale)' needs \(written.parts) parts "
                + "(\(written.encoding.rawValue), \(written.units) \(written.encoding.unitName)); at most \(maximumParts) are allowed.",
            fix: fix)
    }

    /// Units that fit in `parts` parts when no 2-unit character has to move.
    public static func capacity(of encoding: SMSEncoding, parts: Int) -> Int {
        parts <= 1 ? encoding.singlePartLimit : parts * encoding.multiPartLimit
    }

    static func collapseWhitespace(_ text: String) -> String {
        text.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }
}

/// The SMS text of one translation, where it came from, and its cost as written and in không dấu form.
public struct ComposedSMS: Sendable, Hashable, Codable {
    /// Which part of the translation the text was taken from.
    public enum Source: String, Sendable, Hashable, Codable {
        /// The hand-written `sms:` variant.
        case smsField = "sms"
        /// Title and summary joined by ``SMSComposer/join(title:summary:)``.
        case titleAndSummary = "title_summary"
    }

    public var source: Source
    public var comparison: SMSCostComparison

    public init(source: Source, comparison: SMSCostComparison) {
        self.source = source
        self.comparison = comparison
    }

    /// The text to send (NFC).
    public var text: String { comparison.asWritten.text }
    /// The analysis of the text to send.
    public var analysis: SMSAnalysis { comparison.asWritten }
}
