import CampaignModel
import Foundation
import Yams

/// Reads a campaign file (`Content/campaigns/*.yaml`) into a `Campaign`, checking everything that can be
/// checked without the regions and the snapshot. Every problem becomes an `InputIssue` with file, line and
/// field; all of them are reported at once.
///
/// Region codes may be written unquoted (`04`): the reader takes scalars as written, so leading zeros stay.
public enum CampaignFileReader {
    static let topKeys = ["id", "name", "window", "level", "materials", "locales", "currency", "channels", "blackouts",
                          "min_spacing_days", "targets", "weights", "figures", "assumptions"]

    /// Reads and checks the campaign at `url`.
    public static func read(url: URL) throws -> Campaign {
        let text: String
        do {
            text = try String(contentsOf: url, encoding: .utf8)
        } catch {
            throw LoaError.invalid(InputIssue(file: url.path, problem: "the campaign file cannot be read as UTF-8 text.",
                                              fix: "Check the path, and save the file as UTF-8."))
        }
        return try parse(yaml: text, file: url.path)
    }

    /// The figures CSV the campaign names, resolved against the campaign file's folder; empty figures when it
    /// names none.
    ///
    /// - Parameter folder: when given, the figures file must lie inside it (the API plans campaigns sent by
    ///   clients, whose paths must not reach other files of the server).
    public static func readFigures(of campaign: Campaign, campaignURL: URL, within folder: URL? = nil) throws -> RegionFigures {
        guard let path = campaign.figuresPath else { return RegionFigures() }
        let url = (path.hasPrefix("/") ? URL(fileURLWithPath: path)
            : campaignURL.deletingLastPathComponent().appendingPathComponent(path)).standardizedFileURL
        if let folder, !url.path.hasPrefix(folder.standardizedFileURL.path + "/") {
            throw LoaError.invalid(campaign.source.issue("figures", problem: "'\(path)' is outside the folder \(folder.path).",
                                                         fix: "Keep the figures CSV in that folder and name it relative to the campaign."))
        }
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw LoaError.invalid(campaign.source.issue("figures", problem: "the figures file '\(path)' does not exist.",
                                                         fix: "Write a path relative to the campaign file, or remove the field."))
        }
        return try RegionTableReader.readFigures(url: url)
    }

    /// Parses campaign YAML; `file` names it in issues.
    public static func parse(yaml: String, file: String) throws -> Campaign {
        let root: Node?
        do {
            root = try Yams.compose(yaml: TextFolding.nfc(yaml))
        } catch let error as YamlError {
            throw LoaError.invalid(InputIssue(file: file, line: yamlLine(error), problem: "the file is not valid YAML (\(error)).",
                                              fix: "Fix the YAML syntax at that line (indentation, colons, quotes)."))
        }
        guard let root, let top = root.mapping else {
            throw LoaError.invalid(InputIssue(file: file, line: 1, problem: "the file is not a YAML mapping.",
                                              fix: "Write the campaign as key: value lines (id, name, window, materials, channels, targets, level)."))
        }
        var reader = Reader(file: file)
        return try reader.campaign(top, rootLine: root.mark?.line)
    }

    static func yamlLine(_ error: YamlError) -> Int? {
        switch error {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _): mark.line
        default: nil
        }
    }

    struct Reader {
        let file: String
        var issues: [InputIssue] = []
        var lines: [String: Int] = [:]

        init(file: String) { self.file = file }

        mutating func issue(_ field: String, _ node: Node?, _ problem: String, _ fix: String) {
            issues.append(InputIssue(file: file, line: node?.mark?.line ?? lines[field], field: field,
                                     problem: problem, fix: fix))
        }

        mutating func note(_ field: String, _ node: Node?) {
            if let line = node?.mark?.line { lines[field] = line }
        }

        mutating func checkKeys(_ mapping: Node.Mapping, allowed: [String], field: String) {
            for (key, _) in mapping {
                let name = key.scalar?.string ?? ""
                if !allowed.contains(name) {
                    issue(field.isEmpty ? name : "\(field).\(name)", key, "unknown key '\(name)'.",
                          "Use one of: \(allowed.joined(separator: ", ")) (check the spelling).")
                }
            }
        }

        mutating func string(_ mapping: Node.Mapping, _ key: String, field: String, required: Bool) -> String? {
            guard let node = mapping[key] else {
                if required { issue(field, nil, "the field is missing.", "Add '\(key): …' to the campaign file.") }
                return nil
            }
            note(field, node)
            guard let text = node.scalar?.string, !text.trimmingCharacters(in: .whitespaces).isEmpty else {
                issue(field, node, "expected a single value.", "Write '\(key): value' on one line.")
                return nil
            }
            return text.trimmingCharacters(in: .whitespaces)
        }

        mutating func date(_ mapping: Node.Mapping, _ key: String, field: String) -> CampaignDate? {
            guard let text = string(mapping, key, field: field, required: true) else { return nil }
            guard let date = CampaignDate(iso: text) else {
                issue(field, mapping[key], "'\(text)' is not a date.", "Write an ISO date, YYYY-MM-DD (for example 2027-01-04).")
                return nil
            }
            return date
        }

        mutating func number(_ mapping: Node.Mapping, _ key: String, field: String, range: ClosedRange<Double>? = nil,
                             integer: Bool = false) -> Double? {
            guard let text = string(mapping, key, field: field, required: false) else { return nil }
            let cleaned = text.replacingOccurrences(of: "_", with: "")
            guard let value = Double(cleaned), value.isFinite, !integer || Int(cleaned) != nil else {
                issue(field, mapping[key], "'\(text)' is not \(integer ? "a whole number" : "a number").",
                      integer ? "Write digits only, for example 40." : "Write a number such as 0.5 or 350.")
                return nil
            }
            if value < 0 {
                issue(field, mapping[key], "\(text) is negative.", "Write 0 or more.")
                return nil
            }
            if let range, !range.contains(value) {
                issue(field, mapping[key], "\(text) is outside \(range.lowerBound)…\(range.upperBound).",
                      "Write a value from \(range.lowerBound) to \(range.upperBound).")
                return nil
            }
            return value
        }

        mutating func list(_ mapping: Node.Mapping, _ key: String, field: String) -> [String]? {
            guard let node = mapping[key] else { return nil }
            note(field, node)
            if let scalar = node.scalar {
                return scalar.string.isEmpty ? [] : [scalar.string]
            }
            guard let sequence = node.sequence else {
                issue(field, node, "expected a list.", "Write a list, for example [a, b], or one '- item' per line.")
                return nil
            }
            var values: [String] = []
            for (offset, item) in sequence.enumerated() {
                let itemField = "\(field)[\(offset)]"
                note(itemField, item)
                guard let text = item.scalar?.string, !text.isEmpty else {
                    issue(itemField, item, "expected a single value.", "Write one value per list item.")
                    continue
                }
                values.append(text.trimmingCharacters(in: .whitespaces))
            }
            return values
        }

        mutating func campaign(_ top: Node.Mapping, rootLine: Int?) throws -> Campaign {
            checkKeys(top, allowed: CampaignFileReader.topKeys, field: "")
            let id = string(top, "id", field: "id", required: true) ?? ""
            if !id.isEmpty, let problem = Material.slugProblem(id) {
                issue("id", top["id"], "the campaign id: " + problem, "Use lower-case ASCII letters, digits and single hyphens.")
            }
            let name = string(top, "name", field: "name", required: true) ?? ""

            var window: CampaignDateRange?
            if let node = top["window"], let mapping = node.mapping {
                note("window", node)
                checkKeys(mapping, allowed: ["start", "end"], field: "window")
                let start = date(mapping, "start", field: "window.start")
                let end = date(mapping, "end", field: "window.end")
                if let start, let end {
                    if end < start {
                        issue("window.end", mapping["end"], "the window ends (\(end)) before it starts (\(start)).",
                              "Swap start and end, or correct the dates.")
                    } else {
                        window = CampaignDateRange(start: start, end: end)
                    }
                }
            } else {
                issue("window", top["window"], "the date window is missing or not a mapping.",
                      "Write 'window:' with 'start: YYYY-MM-DD' and 'end: YYYY-MM-DD' under it.")
            }

            var level = RegionLevel.province
            if let text = string(top, "level", field: "level", required: true) {
                if let value = RegionLevel(rawValue: text) { level = value } else {
                    issue("level", top["level"], "'\(text)' is not a region level.", "Write province or commune.")
                }
            }

            let materials = list(top, "materials", field: "materials") ?? []
            if materials.isEmpty {
                issue("materials", top["materials"], "the campaign lists no materials.",
                      "List the slugs of the materials to deliver under 'materials:'.")
            }
            for (offset, slug) in materials.enumerated() {
                if let problem = Material.slugProblem(slug) {
                    issue("materials[\(offset)]", nil, problem, "Write the material's slug as its folder under Content/ is named.")
                }
            }
            if Set(materials).count != materials.count {
                issue("materials", top["materials"], "a material is listed twice.", "List each slug once.")
            }
            let locales = list(top, "locales", field: "locales")
            let currency = string(top, "currency", field: "currency", required: false) ?? "VND"

            var channels: [ChannelBudget] = []
            if let node = top["channels"], let mapping = node.mapping, mapping.count > 0 {
                note("channels", node)
                for (key, value) in mapping {
                    let channelName = key.scalar?.string ?? ""
                    let field = "channels.\(channelName)"
                    note(field, key)
                    guard let channel = Channel(rawValue: channelName) else {
                        issue(field, key, "'\(channelName)' is not a channel.",
                              "Use one of: \(Channel.allCases.map(\.rawValue).joined(separator: ", ")).")
                        continue
                    }
                    guard let settings = value.mapping else {
                        issue(field, value, "expected the channel's settings.",
                              "Write capacity_per_week and \(channel == .sms ? "price_per_part" : "cost_per_unit") under it.")
                        continue
                    }
                    let costKey = channel == .sms ? "price_per_part" : "cost_per_unit"
                    checkKeys(settings, allowed: ["capacity_per_week", costKey, "reach_share", "people_per_unit"], field: field)
                    guard settings["capacity_per_week"] != nil else {
                        issue("\(field).capacity_per_week", key, "the weekly capacity is missing.",
                              "Add 'capacity_per_week: N' (\(ChannelBudget.units(of: channel)) per week).")
                        continue
                    }
                    let capacity = number(settings, "capacity_per_week", field: "\(field).capacity_per_week", integer: true)
                    let cost = settings[costKey] == nil ? 0 : number(settings, costKey, field: "\(field).\(costKey)")
                    let share = number(settings, "reach_share", field: "\(field).reach_share", range: 0...1)
                    let people = number(settings, "people_per_unit", field: "\(field).people_per_unit")
                    if let capacity, let cost {
                        channels.append(ChannelBudget(channel: channel, capacityPerWeek: Int(capacity), costPerUnit: cost,
                                                      reachShare: share, peoplePerUnit: people.map { max($0, 1) }))
                    }
                }
            } else {
                issue("channels", top["channels"], "the campaign has no channels.",
                      "Write 'channels:' with sms, loudspeaker, print or village_meeting and their capacity_per_week.")
            }

            var blackouts: [Blackout] = []
            if let node = top["blackouts"] {
                note("blackouts", node)
                if let sequence = node.sequence {
                    for (offset, item) in sequence.enumerated() {
                        let field = "blackouts[\(offset)]"
                        note(field, item)
                        guard let mapping = item.mapping else {
                            issue(field, item, "expected start, end and reason.", "Write '- {start: YYYY-MM-DD, end: YYYY-MM-DD, reason: …}'.")
                            continue
                        }
                        checkKeys(mapping, allowed: ["start", "end", "reason"], field: field)
                        let start = date(mapping, "start", field: "\(field).start")
                        let end = date(mapping, "end", field: "\(field).end")
                        let reason = string(mapping, "reason", field: "\(field).reason", required: false) ?? "blackout"
                        if let start, let end {
                            if end < start {
                                issue("\(field).end", mapping["end"], "the blackout ends before it starts.", "Swap start and end.")
                            } else {
                                blackouts.append(Blackout(range: CampaignDateRange(start: start, end: end), reason: reason))
                            }
                        }
                    }
                } else {
                    issue("blackouts", node, "expected a list of date ranges.", "Write one '- {start: …, end: …, reason: …}' per blackout.")
                }
            }

            let spacing = number(top, "min_spacing_days", field: "min_spacing_days", integer: true).map { Int($0) } ?? 0

            var targets = CampaignTargets()
            if let node = top["targets"], let mapping = node.mapping {
                note("targets", node)
                checkKeys(mapping, allowed: ["regions", "within", "border", "mountainous", "include_unknown_border", "min_score"],
                          field: "targets")
                targets.regions = list(mapping, "regions", field: "targets.regions") ?? []
                targets.within = list(mapping, "within", field: "targets.within") ?? []
                targets.border = bool(mapping, "border", field: "targets.border") ?? false
                targets.mountainous = bool(mapping, "mountainous", field: "targets.mountainous") ?? false
                targets.includeUnknownBorder = bool(mapping, "include_unknown_border", field: "targets.include_unknown_border") ?? true
                targets.minScore = number(mapping, "min_score", field: "targets.min_score")
                if targets.regions.isEmpty && !targets.border && !targets.mountainous {
                    issue("targets", node, "the targets select no region.",
                          "List region codes under 'regions:' or set 'border: true' or 'mountainous: true'.")
                }
            } else {
                issue("targets", top["targets"], "the targets are missing.",
                      "Write 'targets:' with 'regions: [codes]' and/or 'border: true', 'mountainous: true'.")
            }

            var weights = PriorityWeights()
            if let node = top["weights"], let mapping = node.mapping {
                note("weights", node)
                checkKeys(mapping, allowed: ["border", "mountainous", "language_fit", "population_risk"], field: "weights")
                if let value = number(mapping, "border", field: "weights.border") { weights.border = value }
                if let value = number(mapping, "mountainous", field: "weights.mountainous") { weights.mountainous = value }
                if let value = number(mapping, "language_fit", field: "weights.language_fit", range: 0...1) { weights.languageFit = value }
                if let value = number(mapping, "population_risk", field: "weights.population_risk") { weights.populationRisk = value }
            }

            var assumptions = PlanningAssumptions()
            if let node = top["assumptions"], let mapping = node.mapping {
                note("assumptions", node)
                checkKeys(mapping, allowed: ["at_risk_share", "population_per_commune", "fallback_read_share", "repeat_value"],
                          field: "assumptions")
                if let value = number(mapping, "at_risk_share", field: "assumptions.at_risk_share", range: 0...1) { assumptions.atRiskShare = value }
                if let value = number(mapping, "population_per_commune", field: "assumptions.population_per_commune", integer: true) {
                    assumptions.populationPerCommune = Int(value)
                }
                if let value = number(mapping, "fallback_read_share", field: "assumptions.fallback_read_share", range: 0...1) {
                    assumptions.fallbackReadShare = value
                }
                if let value = number(mapping, "repeat_value", field: "assumptions.repeat_value", range: 0...1) { assumptions.repeatValue = value }
            }
            let figures = string(top, "figures", field: "figures", required: false)

            if !issues.isEmpty { throw LoaError.invalidInput(issues) }
            guard let window else {
                throw LoaError.invalid(InputIssue(file: file, line: rootLine, field: "window", problem: "the window is missing.",
                                                  fix: "Add a window with start and end."))
            }
            return Campaign(id: id, name: name, window: window, materials: materials, channels: channels, currency: currency,
                            blackouts: blackouts, minSpacingDays: spacing, targets: targets, level: level, weights: weights,
                            figuresPath: figures, locales: locales, assumptions: assumptions,
                            source: CampaignSource(file: file, lines: lines))
        }

        mutating func bool(_ mapping: Node.Mapping, _ key: String, field: String) -> Bool? {
            guard let text = string(mapping, key, field: field, required: false) else { return nil }
            switch text.lowercased() {
            case "true", "yes": return true
            case "false", "no": return false
            default:
                issue(field, mapping[key], "'\(text)' is not true or false.", "Write true or false.")
                return nil
            }
        }
    }
}
