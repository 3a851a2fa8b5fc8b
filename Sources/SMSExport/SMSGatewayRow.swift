import CampaignModel
import Foundation

/// One line of a bulk-SMS gateway file: what to send, to whom, in which language, on which day, and what it
/// costs.
///
/// CSV columns and JSON keys are the same snake_case names, in this order: `region_code`, `region_name`,
/// `locale` (BCP 47), `iso639_3`, `date` (`yyyy-MM-dd`), `material` (slug), `revision` (hash of the
/// published revision), `text`, `encoding` (`GSM-7`/`UCS-2`), `parts`, `estimated_recipients`,
/// `cost_per_part`, `estimated_cost`. Missing optional values are empty CSV fields and JSON `null`s, so every
/// row has every key.
public struct SMSGatewayRow: Sendable, Hashable, Codable, CSVRepresentable {
    public var regionCode: String
    public var regionName: String
    /// BCP 47 tag of the text's language.
    public var locale: String
    /// ISO 639-3 code of the text's language, as RapidPro-style platforms want it.
    public var iso639_3: String
    /// The sending day, `yyyy-MM-dd` (``CampaignDate``'s form).
    public var date: String
    /// The material's slug.
    public var material: String
    /// The published revision's hash, so one can always tell what was sent.
    public var revision: String
    /// The message (NFC).
    public var text: String
    public var encoding: SMSEncoding
    public var parts: Int
    public var estimatedRecipients: Int?
    /// Price of one part, in the campaign's currency (VND for Vietnamese carriers).
    public var costPerPart: Decimal?

    public init(regionCode: String = "", regionName: String = "", locale: String, iso639_3: String, date: String,
                material: String, revision: String, text: String, encoding: SMSEncoding, parts: Int,
                estimatedRecipients: Int? = nil, costPerPart: Decimal? = nil) {
        self.regionCode = regionCode
        self.regionName = regionName
        self.locale = locale
        self.iso639_3 = iso639_3
        self.date = date
        self.material = material
        self.revision = revision
        self.text = text
        self.encoding = encoding
        self.parts = parts
        self.estimatedRecipients = estimatedRecipients
        self.costPerPart = costPerPart
    }

    /// Recipients × parts × price per part; nil unless both recipients and price are known.
    public var estimatedCost: Decimal? {
        guard let estimatedRecipients, let costPerPart else { return nil }
        return Decimal(estimatedRecipients) * Decimal(parts) * costPerPart
    }

    /// The row for an SMS delivery of a plan: its region, locale, day, material, revision, recipients
    /// (`quantity`) and price per part (`costPerUnit`), with the message composed for that translation.
    public init(delivery: Delivery, iso639_3: String, message: ComposedSMS) {
        self.init(regionCode: delivery.regionCode, regionName: delivery.regionName, locale: delivery.locale,
                  iso639_3: iso639_3, date: delivery.date.description, material: delivery.material,
                  revision: delivery.revisionHash, text: message.text, encoding: message.analysis.encoding,
                  parts: message.analysis.parts, estimatedRecipients: delivery.quantity,
                  costPerPart: Decimal(string: String(delivery.costPerUnit), locale: Locale(identifier: "en_US_POSIX")))
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case regionCode = "region_code", regionName = "region_name", locale, iso639_3, date, material, revision
        case text, encoding, parts
        case estimatedRecipients = "estimated_recipients", costPerPart = "cost_per_part", estimatedCost = "estimated_cost"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(regionCode: try container.decode(String.self, forKey: .regionCode),
                  regionName: try container.decode(String.self, forKey: .regionName),
                  locale: try container.decode(String.self, forKey: .locale),
                  iso639_3: try container.decode(String.self, forKey: .iso639_3),
                  date: try container.decode(String.self, forKey: .date),
                  material: try container.decode(String.self, forKey: .material),
                  revision: try container.decode(String.self, forKey: .revision),
                  text: try container.decode(String.self, forKey: .text),
                  encoding: try container.decode(SMSEncoding.self, forKey: .encoding),
                  parts: try container.decode(Int.self, forKey: .parts),
                  estimatedRecipients: try container.decodeIfPresent(Int.self, forKey: .estimatedRecipients),
                  costPerPart: try container.decodeIfPresent(Decimal.self, forKey: .costPerPart))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(regionCode, forKey: .regionCode)
        try container.encode(regionName, forKey: .regionName)
        try container.encode(locale, forKey: .locale)
        try container.encode(iso639_3, forKey: .iso639_3)
        try container.encode(date, forKey: .date)
        try container.encode(material, forKey: .material)
        try container.encode(revision, forKey: .revision)
        try container.encode(text, forKey: .text)
        try container.encode(encoding, forKey: .encoding)
        try container.encode(parts, forKey: .parts)
        try container.encode(estimatedRecipients, forKey: .estimatedRecipients)
        try container.encode(costPerPart, forKey: .costPerPart)
        try container.encode(estimatedCost, forKey: .estimatedCost)
    }

    public static var csvHeader: [String] { CodingKeys.allCases.map(\.rawValue) }

    public var csvFields: [String] {
        [regionCode, regionName, locale, iso639_3, date, material, revision, text, encoding.rawValue, String(parts),
         estimatedRecipients.map(String.init) ?? "", costPerPart.map { "\($0)" } ?? "",
         estimatedCost.map { "\($0)" } ?? ""]
    }
}
