import CampaignModel
import Foundation

/// Both cost forms of every published translation's SMS: as written and in không dấu form, so planners and
/// authors can decide whether an `sms:` variant in không dấu is worth writing.
///
/// Unlike ``SMSGatewayRow/rows(from:date:composer:plainText:)`` it never throws: a message over the
/// limit is reported with `within_maximum` false. CSV columns and JSON keys: `material`, `locale`, `iso639_3`,
/// `revision`, `source` (`sms` or `title_summary`), `maximum_parts`, `within_maximum`, `text`, `encoding`,
/// `units`, `parts`, `khong_dau_text`, `khong_dau_encoding`, `khong_dau_units`, `khong_dau_parts`,
/// `khong_dau_remaining` (the characters that keep the không dấu form in UCS-2, separated by spaces in CSV).
public struct SMSCostReportRow: Sendable, Hashable, Codable, CSVRepresentable {
    public var material: String
    public var locale: String
    /// Empty when the locale is not defined in the snapshot.
    public var iso639_3: String
    public var revision: String
    public var source: ComposedSMS.Source
    public var maximumParts: Int
    public var withinMaximum: Bool
    public var text: String
    public var encoding: SMSEncoding
    public var units: Int
    public var parts: Int
    public var khongDauText: String
    public var khongDauEncoding: SMSEncoding
    public var khongDauUnits: Int
    public var khongDauParts: Int
    public var khongDauRemaining: [String]

    /// The row for one composed message.
    public init(material: String, locale: String, iso639_3: String, revision: String, message: ComposedSMS,
                maximumParts: Int) {
        let written = message.comparison.asWritten
        let khongDau = message.comparison.khongDau
        self.material = material
        self.locale = locale
        self.iso639_3 = iso639_3
        self.revision = revision
        self.source = message.source
        self.maximumParts = maximumParts
        self.withinMaximum = written.parts <= maximumParts
        self.text = written.text
        self.encoding = written.encoding
        self.units = written.units
        self.parts = written.parts
        self.khongDauText = khongDau.text
        self.khongDauEncoding = khongDau.encoding
        self.khongDauUnits = khongDau.units
        self.khongDauParts = khongDau.parts
        self.khongDauRemaining = khongDau.forcing.map(\.character)
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case material, locale, iso639_3, revision, source
        case maximumParts = "maximum_parts", withinMaximum = "within_maximum"
        case text, encoding, units, parts
        case khongDauText = "khong_dau_text", khongDauEncoding = "khong_dau_encoding"
        case khongDauUnits = "khong_dau_units", khongDauParts = "khong_dau_parts"
        case khongDauRemaining = "khong_dau_remaining"
    }

    public static var csvHeader: [String] { CodingKeys.allCases.map(\.rawValue) }

    public var csvFields: [String] {
        [material, locale, iso639_3, revision, source.rawValue, String(maximumParts), String(withinMaximum), text,
         encoding.rawValue, String(units), String(parts), khongDauText, khongDauEncoding.rawValue,
         String(khongDauUnits), String(khongDauParts), khongDauRemaining.joined(separator: " ")]
    }
}

/// Builds ``SMSCostReportRow``s from a snapshot.
public enum SMSCostReport {
    /// One row per published translation of `snapshot`, in the snapshot's order.
    public static func rows(from snapshot: Snapshot, composer: SMSComposer = SMSComposer(),
                            plainText: (String) -> String) -> [SMSCostReportRow] {
        let locales = snapshot.localesByCode
        return snapshot.translations.map { translation in
            SMSCostReportRow(material: translation.slug, locale: translation.locale,
                             iso639_3: locales[translation.locale]?.iso639_3 ?? "",
                             revision: translation.revisionHash,
                             message: composer.draft(translation.content, plainText: plainText),
                             maximumParts: composer.maximumParts)
        }
    }
}
