import Foundation

/// A planner's own figures for one region (from a CSV the campaign names). Any field may be missing.
public struct RegionFigure: Sendable, Codable, Hashable {
    public var code: String
    public var population: Int?
    public var womenAndChildren: Int?
    /// Share of people with a mobile phone signal, 0…1.
    public var mobileCoverage: Double?
    public var loudspeakers: Int?
    public var pastCases: Int?
    public var verification: Verification
    /// 1-based line in the figures file, for error messages.
    public var line: Int?

    public init(code: String, population: Int? = nil, womenAndChildren: Int? = nil, mobileCoverage: Double? = nil,
                loudspeakers: Int? = nil, pastCases: Int? = nil, verification: Verification = .unverified,
                line: Int? = nil) {
        self.code = code
        self.population = population
        self.womenAndChildren = womenAndChildren
        self.mobileCoverage = mobileCoverage
        self.loudspeakers = loudspeakers
        self.pastCases = pastCases
        self.verification = verification
        self.line = line
    }
}

/// Per-region figures, keyed by region code.
public struct RegionFigures: Sendable, Codable, Hashable {
    /// The file they came from, for error messages; nil when made in code.
    public var file: String?
    public var byCode: [String: RegionFigure]

    public init(file: String? = nil, figures: [RegionFigure] = []) {
        self.file = file
        var byCode: [String: RegionFigure] = [:]
        for figure in figures { byCode[figure.code] = figure }
        self.byCode = byCode
    }

    public subscript(code: String) -> RegionFigure? { byCode[code] }

    public var isEmpty: Bool { byCode.isEmpty }
}
