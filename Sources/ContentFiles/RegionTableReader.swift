import CampaignModel
import Foundation

/// Reads the region CSVs of `Content/regions/` (provinces, communes, their attributes, languages) into a
/// `RegionTable`, and a planner's per-region figures CSV into `RegionFigures`.
///
/// Ethnic minorities are mapped to locales through `languages.csv` (`ethnic_group_vi` and `vietnamese_name`),
/// compared after folding tone marks, spaces, hyphens and apostrophes, so "Bru-Vân Kiều", "M'nông" and
/// "Raglai" find "Bru Vân Kiều", "Mnông" and "Ra Glai". Nothing about languages is hard-coded here.
public enum RegionTableReader {
    public static let provincesFile = "provinces.csv"
    public static let communesFile = "communes.csv"
    public static let provinceAttributesFile = "province-attributes.csv"
    public static let communeAttributesFile = "commune-attributes.csv"
    public static let languagesFile = "languages.csv"

    /// Loads the five region files from `directory`. Throws `LoaError.invalidInput` listing every bad row.
    public static func load(directory: URL) throws -> RegionTable {
        func table(_ name: String) throws -> CSVTable {
            try CSVTable(url: directory.appendingPathComponent(name))
        }
        return try build(provinces: table(provincesFile), communes: table(communesFile),
                         provinceAttributes: table(provinceAttributesFile),
                         communeAttributes: table(communeAttributesFile), languages: table(languagesFile))
    }

    /// Builds the table from already parsed CSVs (tests feed small ones).
    public static func build(provinces: CSVTable, communes: CSVTable, provinceAttributes: CSVTable,
                             communeAttributes: CSVTable, languages: CSVTable) throws -> RegionTable {
        try provinces.require(["code", "name", "full_name"])
        try communes.require(["code", "name", "full_name", "province_code"])
        try provinceAttributes.require(["code", "land_border_countries", "mountainous", "mountainous_basis",
                                        "main_ethnic_minorities", "population_2025", "verification"])
        try communeAttributes.require(["code", "province_code", "land_border_country", "source", "verification"])
        try languages.require(["bcp47", "iso639_3", "english_name", "vietnamese_name", "ethnic_group_vi",
                               "gsm7_fits", "verification"])
        var issues: [InputIssue] = []

        // Languages.
        var entries: [LanguageEntry] = []
        var localesByKey: [String: [String]] = [:]
        var nationalLocale: String?
        func addKey(_ name: String, _ code: String) {
            let key = nameKey(name)
            guard !key.isEmpty else { return }
            if !(localesByKey[key] ?? []).contains(code) { localesByKey[key, default: []].append(code) }
        }
        for row in languages.rows {
            let code = languages.value(row, "bcp47")
            let group = languages.value(row, "ethnic_group_vi")
            guard let verification = Verification.parse(languages.value(row, "verification")) else {
                issues.append(badVerification(languages, row)); continue
            }
            if group.isEmpty {
                issues.append(InputIssue(file: languages.file, line: row.line, field: "ethnic_group_vi",
                                         problem: "the ethnic group is empty.",
                                         fix: "Write the group's Vietnamese name (for example Mông)."))
                continue
            }
            entries.append(LanguageEntry(bcp47: code, iso639_3: languages.value(row, "iso639_3"),
                                         englishName: languages.value(row, "english_name"),
                                         vietnameseName: languages.value(row, "vietnamese_name"), ethnicGroup: group,
                                         gsm7Fits: languages.value(row, "gsm7_fits"), verification: verification))
            guard !code.isEmpty else { continue }
            if group == "Kinh", nationalLocale == nil { nationalLocale = code }
            addKey(group, code)
            var spoken = languages.value(row, "vietnamese_name")
            if spoken.lowercased().hasPrefix("tiếng ") { spoken = String(spoken.dropFirst(6)) }
            let (main, inner) = splitParenthesis(spoken)
            addKey(main, code)
            for name in inner { addKey(name, code) }
        }
        guard let national = nationalLocale else {
            throw LoaError.invalidInput(issues + [InputIssue(
                file: languages.file, field: "ethnic_group_vi",
                problem: "no row names the Kinh group, so the national language's locale is unknown.",
                fix: "Add the row for Vietnamese (bcp47 vi, ethnic_group_vi Kinh).")])
        }
        let languageVerification = Dictionary(entries.filter { !$0.bcp47.isEmpty }.map { ($0.bcp47, $0.verification) },
                                              uniquingKeysWith: { max($0, $1) })

        func links(_ text: String) -> [EthnicGroupLink] {
            let trimmed = text.trimmingCharacters(in: .whitespaces)
            guard !trimmed.isEmpty, trimmed.lowercased() != "unverified" else { return [] }
            var result: [EthnicGroupLink] = []
            for item in trimmed.split(separator: ";") {
                for part in item.split(separator: "/") {
                    let name = part.trimmingCharacters(in: .whitespaces)
                    guard !name.isEmpty else { continue }
                    let (main, inner) = splitParenthesis(name)
                    var locales = localesByKey[nameKey(main)] ?? []
                    if locales.isEmpty {
                        for alias in inner { locales += (localesByKey[nameKey(alias)] ?? []).filter { !locales.contains($0) } }
                    }
                    result.append(EthnicGroupLink(name: name, locales: locales))
                }
            }
            return result
        }
        func languageList(_ groups: [EthnicGroupLink]) -> [String] {
            var list: [String] = []
            for group in groups { for code in group.locales where !list.contains(code) { list.append(code) } }
            if !list.contains(national) { list.append(national) }
            return list
        }

        // Province attributes.
        struct ProvinceFacts {
            var border: BorderFact
            var terrain: TerrainFact
            var groups: [EthnicGroupLink]
            var verification: Verification
            var rowVerification: Verification
            var population: Int?
        }
        var facts: [String: ProvinceFacts] = [:]
        for row in provinceAttributes.rows {
            let code = provinceAttributes.value(row, "code")
            guard let verification = Verification.parse(provinceAttributes.value(row, "verification")) else {
                issues.append(badVerification(provinceAttributes, row)); continue
            }
            let countriesText = provinceAttributes.value(row, "land_border_countries")
            let countries = countriesText.lowercased() == "none" || countriesText.isEmpty ? [] :
                countriesText.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
            let border: BorderFact
            if countriesText.isEmpty || countriesText.lowercased() == "unverified" {
                border = BorderFact(status: .unknown, countries: [], basis: "province-attributes.csv gives no border",
                                    verification: .unverified)
            } else {
                border = BorderFact(status: countries.isEmpty ? .no : .yes, countries: countries,
                                    basis: "province-attributes.csv (land_border_countries)", verification: verification)
            }
            guard let mountainous = Mountainous(rawValue: provinceAttributes.value(row, "mountainous").lowercased()) else {
                issues.append(InputIssue(file: provinceAttributes.file, line: row.line, field: "mountainous",
                                         problem: "'\(provinceAttributes.value(row, "mountainous"))' is not a terrain class.",
                                         fix: "Write yes, partly, no or unverified."))
                continue
            }
            let populationText = provinceAttributes.value(row, "population_2025")
            var population: Int?
            if !populationText.isEmpty {
                guard let value = Int(populationText), value >= 0 else {
                    issues.append(InputIssue(file: provinceAttributes.file, line: row.line, field: "population_2025",
                                             problem: "'\(populationText)' is not a whole number of people.",
                                             fix: "Write digits only (no separators), or leave the cell empty."))
                    continue
                }
                population = value
            }
            let groups = links(provinceAttributes.value(row, "main_ethnic_minorities"))
            let primaryVerification = groups.first?.locales.first.flatMap { languageVerification[$0] } ?? .unverified
            let terrainVerification = mountainous == .unverified ? Verification.unverified : verification
            facts[code] = ProvinceFacts(
                border: border,
                terrain: TerrainFact(mountainous: mountainous, basis: provinceAttributes.value(row, "mountainous_basis"),
                                     inherited: false, verification: terrainVerification),
                groups: groups, verification: max(verification, primaryVerification), rowVerification: verification,
                population: population)
        }

        // Provinces.
        var provinceRows: [(code: String, name: String, fullName: String, line: Int)] = []
        var seen: Set<String> = []
        for row in provinces.rows {
            let code = provinces.value(row, "code")
            guard code.count == 2, code.allSatisfy(\.isNumber) else {
                issues.append(InputIssue(file: provinces.file, line: row.line, field: "code",
                                         problem: "'\(code)' is not a 2-digit province code.",
                                         fix: "Write the GSO province code with its leading zero (for example 04)."))
                continue
            }
            guard seen.insert(code).inserted else {
                issues.append(InputIssue(file: provinces.file, line: row.line, field: "code",
                                         problem: "the code \(code) appears twice.", fix: "Keep one row per province."))
                continue
            }
            if facts[code] == nil {
                issues.append(InputIssue(file: provinceAttributes.file, field: "code",
                                         problem: "province \(code) has no attributes row.",
                                         fix: "Add a row for \(code) to \(RegionTableReader.provinceAttributesFile)."))
            }
            provinceRows.append((code, provinces.value(row, "name"), provinces.value(row, "full_name"), row.line))
        }

        // Border communes (partial list).
        var borderRows: [String: (countries: [String], source: String, verification: Verification, province: String, line: Int)] = [:]
        for row in communeAttributes.rows {
            let code = communeAttributes.value(row, "code")
            guard let verification = Verification.parse(communeAttributes.value(row, "verification")) else {
                issues.append(badVerification(communeAttributes, row)); continue
            }
            let country = communeAttributes.value(row, "land_border_country")
            borderRows[code] = (country.isEmpty ? [] : [country], communeAttributes.value(row, "source"), verification,
                                communeAttributes.value(row, "province_code"), row.line)
        }

        // Communes.
        var communeRegions: [Region] = []
        var communeCount: [String: Int] = [:]
        var communeCodes: Set<String> = []
        for row in communes.rows {
            let code = communes.value(row, "code")
            let province = communes.value(row, "province_code")
            guard code.count == 5, code.allSatisfy(\.isNumber) else {
                issues.append(InputIssue(file: communes.file, line: row.line, field: "code",
                                         problem: "'\(code)' is not a 5-digit commune code.",
                                         fix: "Write the GSO commune code with its leading zeros (for example 00715)."))
                continue
            }
            guard communeCodes.insert(code).inserted else {
                issues.append(InputIssue(file: communes.file, line: row.line, field: "code",
                                         problem: "the code \(code) appears twice.", fix: "Keep one row per commune."))
                continue
            }
            guard let parent = facts[province], seen.contains(province) else {
                issues.append(InputIssue(file: communes.file, line: row.line, field: "province_code",
                                         problem: "'\(province)' is not a province code in \(RegionTableReader.provincesFile).",
                                         fix: "Use the 2-digit code of the commune's province."))
                continue
            }
            communeCount[province, default: 0] += 1
            let border: BorderFact
            if let listed = borderRows[code] {
                border = BorderFact(status: .yes, countries: listed.countries,
                                    basis: "commune-attributes.csv (sources: \(listed.source))",
                                    verification: listed.verification)
            } else if parent.border.status == .no {
                border = BorderFact(status: .no, countries: [], basis: "its province has no land border",
                                    verification: parent.border.verification)
            } else {
                border = BorderFact(status: .unknown, countries: parent.border.countries,
                                    basis: "its province borders \(parent.border.countries.joined(separator: ", ")); the border-commune list is partial and does not name it",
                                    verification: .unverified)
            }
            var terrain = parent.terrain
            terrain.inherited = true
            communeRegions.append(Region(code: code, name: communes.value(row, "name"),
                                         fullName: communes.value(row, "full_name"), level: .commune,
                                         provinceCode: province, border: border, terrain: terrain,
                                         ethnicGroups: parent.groups, languages: languageList(parent.groups),
                                         ethnicVerification: parent.verification,
                                         attributesVerification: parent.rowVerification, population: nil, communeCount: 1))
        }
        for (code, row) in borderRows.sorted(by: { $0.key < $1.key }) {
            if !communeCodes.contains(code) {
                issues.append(InputIssue(file: communeAttributes.file, line: row.line, field: "code",
                                         problem: "'\(code)' is not a commune code in \(RegionTableReader.communesFile).",
                                         fix: "Use the 5-digit code of the commune as communes.csv writes it."))
            } else if let commune = communeRegions.first(where: { $0.code == code }), commune.provinceCode != row.province {
                issues.append(InputIssue(file: communeAttributes.file, line: row.line, field: "province_code",
                                         problem: "commune \(code) belongs to province \(commune.provinceCode ?? "?"), not \(row.province).",
                                         fix: "Write the province code communes.csv gives for this commune."))
            }
        }
        if !issues.isEmpty { throw LoaError.invalidInput(issues) }

        let provinceRegions = provinceRows.compactMap { row -> Region? in
            guard let fact = facts[row.code] else { return nil }
            return Region(code: row.code, name: row.name, fullName: row.fullName, level: .province, provinceCode: nil,
                          border: fact.border, terrain: fact.terrain, ethnicGroups: fact.groups,
                          languages: languageList(fact.groups), ethnicVerification: fact.verification,
                          attributesVerification: fact.rowVerification,
                          population: fact.population, communeCount: communeCount[row.code] ?? 0)
        }
        return RegionTable(provinces: provinceRegions, communes: communeRegions, languages: entries,
                           nationalLocale: national)
    }

    /// Reads a planner's figures CSV: `code` plus any of `population`, `women_and_children`,
    /// `mobile_coverage` (0–1), `loudspeakers`, `past_cases`, `verification` (blank = unverified). Other
    /// columns (notes, sources) are kept out of the way. Region codes are checked by the planner.
    public static func readFigures(url: URL) throws -> RegionFigures {
        try figures(from: CSVTable(url: url))
    }

    public static func figures(from table: CSVTable) throws -> RegionFigures {
        try table.require(["code"])
        var issues: [InputIssue] = []
        var figures: [RegionFigure] = []
        var seen: Set<String> = []
        for row in table.rows {
            let code = table.value(row, "code")
            if code.isEmpty || !code.allSatisfy(\.isNumber) {
                issues.append(InputIssue(file: table.file, line: row.line, field: "code",
                                         problem: "'\(code)' is not a region code.",
                                         fix: "Write a 2-digit province or 5-digit commune code, with leading zeros."))
                continue
            }
            if !seen.insert(code).inserted {
                issues.append(InputIssue(file: table.file, line: row.line, field: "code",
                                         problem: "region \(code) appears twice.", fix: "Keep one row per region."))
                continue
            }
            var figure = RegionFigure(code: code, line: row.line)
            func count(_ column: String) -> Int? {
                let text = table.value(row, column)
                guard !text.isEmpty else { return nil }
                guard let value = Int(text), value >= 0 else {
                    issues.append(InputIssue(file: table.file, line: row.line, field: column,
                                             problem: "'\(text)' is not a whole number of 0 or more.",
                                             fix: "Write digits only (no separators or decimals), or leave the cell empty."))
                    return nil
                }
                return value
            }
            figure.population = count("population")
            figure.womenAndChildren = count("women_and_children")
            figure.loudspeakers = count("loudspeakers")
            figure.pastCases = count("past_cases")
            let coverage = table.value(row, "mobile_coverage")
            if !coverage.isEmpty {
                if let value = Double(coverage), value.isFinite, (0...1).contains(value) {
                    figure.mobileCoverage = value
                } else {
                    issues.append(InputIssue(file: table.file, line: row.line, field: "mobile_coverage",
                                             problem: "'\(coverage)' is not a share between 0 and 1.",
                                             fix: "Write a decimal such as 0.75 (75 %), or leave the cell empty."))
                }
            }
            if let people = figure.population, let audience = figure.womenAndChildren, audience > people {
                issues.append(InputIssue(file: table.file, line: row.line, field: "women_and_children",
                                         problem: "women_and_children (\(audience)) is larger than population (\(people)).",
                                         fix: "Check both figures; women and children are part of the population."))
            }
            guard let verification = Verification.parse(table.value(row, "verification")) else {
                issues.append(badVerification(table, row)); continue
            }
            figure.verification = verification
            figures.append(figure)
        }
        if !issues.isEmpty { throw LoaError.invalidInput(issues) }
        return RegionFigures(file: table.file, figures: figures)
    }

    private static func badVerification(_ table: CSVTable, _ row: CSVTable.Row) -> InputIssue {
        InputIssue(file: table.file, line: row.line, field: "verification",
                   problem: "'\(table.value(row, "verification"))' is not a verification mark.",
                   fix: "Write verified, partial or unverified (blank counts as unverified).")
    }

    /// Folded comparison key of an ethnic-group or language name.
    static func nameKey(_ name: String) -> String {
        String(TextFolding.fold(name).unicodeScalars.filter {
            !($0 == " " || $0 == "-" || $0 == "'" || $0 == "\u{2019}" || $0 == "\u{2010}")
        }.map(Character.init))
    }

    /// "Thái (Thái Đen, Thái Trắng)" → ("Thái", ["Thái Đen", "Thái Trắng"]).
    static func splitParenthesis(_ text: String) -> (String, [String]) {
        guard let open = text.firstIndex(of: "(") else { return (text.trimmingCharacters(in: .whitespaces), []) }
        let main = text[..<open].trimmingCharacters(in: .whitespaces)
        let rest = text[text.index(after: open)...]
        let inner = rest.prefix { $0 != ")" }
        return (main, inner.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty })
    }
}
