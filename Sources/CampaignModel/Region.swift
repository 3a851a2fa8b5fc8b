import Foundation

/// The administrative level a region belongs to (since 1 July 2025 Vietnam has no districts).
public enum RegionLevel: String, Sendable, Codable, Hashable, CaseIterable {
    case province
    case commune
}

/// How far a fact has been checked against its sources, as the region CSVs mark it.
///
/// Ordered from best to worst, so `max` of several gives the weakest link.
public enum Verification: String, Sendable, Codable, Hashable, CaseIterable, Comparable {
    case verified
    case partial
    case unverified

    public static func < (lhs: Verification, rhs: Verification) -> Bool {
        lhs.rank < rhs.rank
    }

    private var rank: Int {
        switch self {
        case .verified: 0
        case .partial: 1
        case .unverified: 2
        }
    }

    /// Reads a CSV `verification` cell; blank or unknown words count as unverified.
    public static func parse(_ text: String) -> Verification? {
        switch text.trimmingCharacters(in: .whitespaces).lowercased() {
        case "verified": .verified
        case "partial": .partial
        case "unverified", "": .unverified
        default: nil
        }
    }
}

/// Whether a region lies on a land border.
///
/// `unknown` is not `no`: the commune list of border communes is partial, so a commune missing from it in a
/// border province may still be on the border.
public enum BorderStatus: String, Sendable, Codable, Hashable {
    case yes
    case no
    case unknown
}

/// A region's land-border fact, with where it came from.
public struct BorderFact: Sendable, Codable, Hashable {
    public var status: BorderStatus
    /// Neighbouring countries in English (`China`, `Laos`, `Cambodia`); empty when none or not known.
    public var countries: [String]
    /// Where the fact comes from, in words (for explanations).
    public var basis: String
    public var verification: Verification

    public init(status: BorderStatus, countries: [String], basis: String, verification: Verification) {
        self.status = status
        self.countries = countries
        self.basis = basis
        self.verification = verification
    }
}

/// Terrain as `province-attributes.csv` classifies it (`yes`, `partly`, `no`, `unverified`).
public enum Mountainous: String, Sendable, Codable, Hashable {
    case yes
    case partly
    case no
    case unverified
}

/// A region's terrain fact; communes inherit their province's (the data has no commune terrain).
public struct TerrainFact: Sendable, Codable, Hashable {
    public var mountainous: Mountainous
    public var basis: String
    public var inherited: Bool
    public var verification: Verification

    public init(mountainous: Mountainous, basis: String, inherited: Bool, verification: Verification) {
        self.mountainous = mountainous
        self.basis = basis
        self.inherited = inherited
        self.verification = verification
    }
}

/// One main ethnic minority of a region and the locales (BCP 47) its people read, per `languages.csv`.
public struct EthnicGroupLink: Sendable, Codable, Hashable {
    /// The group's name as the source lists it (`Thái (Thái Đen, Thái Trắng)`, `Mông`).
    public var name: String
    /// Locale codes from `languages.csv`, in file order; empty when the CSV has no code for the group.
    public var locales: [String]

    public init(name: String, locales: [String]) {
        self.name = name
        self.locales = locales
    }
}

/// A province or commune with the facts the planner scores it by.
public struct Region: Sendable, Codable, Hashable, Identifiable {
    /// GSO code: 2 digits for provinces, 5 for communes (leading zeros kept).
    public var code: String
    public var name: String
    public var fullName: String
    public var level: RegionLevel
    /// The province of a commune; nil for provinces.
    public var provinceCode: String?
    public var border: BorderFact
    public var terrain: TerrainFact
    /// Main ethnic minorities, roughly by size as the source lists them.
    public var ethnicGroups: [EthnicGroupLink]
    /// The locales the region's people read, most-read first (the ethnic minorities' locales in source order,
    /// then the national language). Derived from `ethnicGroups`; never empty.
    public var languages: [String]
    /// Weakest verification of the region's ethnic-minority and language facts.
    public var ethnicVerification: Verification
    /// The `verification` of the province-attributes row the region's facts come from.
    public var attributesVerification: Verification
    /// 2025 population from `province-attributes.csv` (provinces only, six have it).
    public var population: Int?
    /// Number of communes in the region (1 for a commune).
    public var communeCount: Int

    public var id: String { code }

    public init(code: String, name: String, fullName: String, level: RegionLevel, provinceCode: String?,
                border: BorderFact, terrain: TerrainFact, ethnicGroups: [EthnicGroupLink], languages: [String],
                ethnicVerification: Verification, attributesVerification: Verification, population: Int?,
                communeCount: Int) {
        self.code = code
        self.name = name
        self.fullName = fullName
        self.level = level
        self.provinceCode = provinceCode
        self.border = border
        self.terrain = terrain
        self.ethnicGroups = ethnicGroups
        self.languages = languages
        self.ethnicVerification = ethnicVerification
        self.attributesVerification = attributesVerification
        self.population = population
        self.communeCount = communeCount
    }

    /// Minority locales only (the region's languages without the national one).
    public func minorityLanguages(national: String) -> [String] {
        languages.filter { $0 != national }
    }

    /// Names of main ethnic minorities that `languages.csv` maps to no locale.
    public var unmappedEthnicGroups: [String] {
        ethnicGroups.filter { $0.locales.isEmpty }.map(\.name)
    }

    /// The weakest verification over every fact of this region.
    public var verification: Verification {
        max(border.verification, terrain.verification, ethnicVerification)
    }
}

/// One row of `languages.csv`, as far as the planner needs it.
public struct LanguageEntry: Sendable, Codable, Hashable {
    public var bcp47: String
    public var iso639_3: String
    public var englishName: String
    public var vietnameseName: String
    public var ethnicGroup: String
    public var gsm7Fits: String
    public var verification: Verification

    public init(bcp47: String, iso639_3: String, englishName: String, vietnameseName: String, ethnicGroup: String,
                gsm7Fits: String, verification: Verification) {
        self.bcp47 = bcp47
        self.iso639_3 = iso639_3
        self.englishName = englishName
        self.vietnameseName = vietnameseName
        self.ethnicGroup = ethnicGroup
        self.gsm7Fits = gsm7Fits
        self.verification = verification
    }
}

/// All provinces and communes with their attributes, as read from `Content/regions/`.
public struct RegionTable: Sendable, Codable, Hashable {
    /// Sorted by code.
    public var provinces: [Region]
    /// Sorted by code.
    public var communes: [Region]
    public var languages: [LanguageEntry]
    /// The locale of the national language (`vi`, from the `Kinh` row of `languages.csv`).
    public var nationalLocale: String
    private var positions: [String: Int]

    private enum CodingKeys: String, CodingKey {
        case provinces, communes, languages, nationalLocale
    }

    public init(provinces: [Region], communes: [Region], languages: [LanguageEntry], nationalLocale: String) {
        self.provinces = provinces.sorted { $0.code < $1.code }
        self.communes = communes.sorted { $0.code < $1.code }
        self.languages = languages
        self.nationalLocale = nationalLocale
        self.positions = Self.index(self.provinces, self.communes)
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(provinces: try container.decode([Region].self, forKey: .provinces),
                  communes: try container.decode([Region].self, forKey: .communes),
                  languages: try container.decode([LanguageEntry].self, forKey: .languages),
                  nationalLocale: try container.decode(String.self, forKey: .nationalLocale))
    }

    private static func index(_ provinces: [Region], _ communes: [Region]) -> [String: Int] {
        var positions: [String: Int] = [:]
        for (offset, region) in provinces.enumerated() { positions["p" + region.code] = offset }
        for (offset, region) in communes.enumerated() { positions["c" + region.code] = offset }
        return positions
    }

    /// The region with `code`: a province for 2-character codes, a commune otherwise.
    public func region(_ code: String) -> Region? {
        if let offset = positions["p" + code] { return provinces[offset] }
        if let offset = positions["c" + code] { return communes[offset] }
        return nil
    }

    public func regions(at level: RegionLevel) -> [Region] {
        level == .province ? provinces : communes
    }

    /// The communes of a province, sorted by code.
    public func communes(of provinceCode: String) -> [Region] {
        communes.filter { $0.provinceCode == provinceCode }
    }
}
