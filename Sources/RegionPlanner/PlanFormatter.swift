import CampaignModel
import Foundation

/// Pure renderings of a plan: JSON (the plan file), CSV of deliveries, a text table, one region's explanation,
/// and a standalone SVG chart. Nothing here touches files.
public enum PlanFormatter {
    /// Reads a plan file written by `json`.
    ///
    /// - Parameter factors: whose delivery factors to read (see `Delivery.FactorSelection`): `.none` for the SMS
    ///   export, `.region(code)` for an explanation; the others come back empty.
    public static func decode(json data: Data, file: String = "plan.json", factors: Delivery.FactorSelection = .all) throws -> Plan {
        do {
            let decoder = JSONDecoder()
            decoder.userInfo[Delivery.factorsKey] = factors
            return try decoder.decode(Plan.self, from: data)
        } catch {
            throw LoaError.invalid(InputIssue(file: file, problem: "the file is not a Loa plan (\(error)).",
                                              fix: "Write it with 'loa plan CAMPAIGN --out plan.json' and do not edit it by hand."))
        }
    }

    public static let csvColumns = [
        "week_start", "date", "region_code", "region_name", "material", "locale", "revision_hash", "channel", "quantity",
        "unit", "estimated_reach", "cost", "currency", "cost_per_unit", "sms_parts", "language_fit", "repeat_index",
        "verification", "snapshot_id",
    ]

    /// Deliveries as CSV (RFC 4180, LF line ends), one row each, in plan order.
    public static func csv(_ plan: Plan) -> String {
        var out = csvColumns.joined(separator: ",") + "\n"
        out.reserveCapacity(plan.deliveries.count * 220)
        // Few distinct dates, tens of thousands of rows.
        var dates: [Int: String] = [:]
        func date(_ value: CampaignDate) -> String {
            if let text = dates[value.dayNumber] { return text }
            let text = value.description
            dates[value.dayNumber] = text
            return text
        }
        let currency = csvField(plan.currency)
        let snapshot = csvField(plan.snapshotID)
        for delivery in plan.deliveries {
            out += date(delivery.weekStart); out += ","
            out += date(delivery.date); out += ","
            out += csvField(delivery.regionCode); out += ","
            out += csvField(delivery.regionName); out += ","
            out += csvField(delivery.material); out += ","
            out += csvField(delivery.locale); out += ","
            out += csvField(delivery.revisionHash); out += ","
            out += delivery.channel.rawValue; out += ","
            out += String(delivery.quantity); out += ","
            out += csvField(delivery.unit); out += ","
            out += String(delivery.estimatedReach); out += ","
            out += money(delivery.cost); out += ","
            out += currency; out += ","
            out += money(delivery.costPerUnit); out += ","
            if let parts = delivery.smsParts { out += String(parts) }
            out += ","
            out += number(delivery.languageFit); out += ","
            out += String(delivery.repeatIndex); out += ","
            out += delivery.verification.rawValue; out += ","
            out += snapshot; out += "\n"
        }
        return out
    }

    static func csvField(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// Two decimals, as `%.2f`. Plan amounts are already whole cents, which integer arithmetic prints exactly
    /// and far faster than `String(format:)`; anything else goes through the format.
    static func money(_ value: Double) -> String {
        let cents = (value * 100).rounded()
        guard abs(cents) < 1e15, abs(value * 100 - cents) < 1e-6, !(cents == 0 && value.sign == .minus) else {
            return String(format: "%.2f", value)
        }
        let whole = Int(cents)
        let fraction = abs(whole) % 100
        return (whole < 0 ? "-" : "") + String(abs(whole) / 100) + (fraction < 10 ? ".0" : ".") + String(fraction)
    }

    static func number(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
    }

    /// A text table for a terminal: summary, deliveries, left-out regions, channel use, top translation gaps.
    public static func table(_ plan: Plan, maxRows: Int = 200) -> String {
        var out = "Plan \(plan.campaignID) — \(plan.campaignName)\n"
        out += "window \(plan.window.start)…\(plan.window.end), level \(plan.level.rawValue), snapshot \(plan.snapshotID.prefix(12)), data: \(plan.verification.rawValue)\n"
        out += "\(plan.deliveries.count) deliveries, estimated reach \(plan.totalReach), cost \(money(plan.totalCost)) \(plan.currency), objective \(number(plan.objective))\n\n"
        let header = ["week", "date", "region", "material", "locale", "channel", "qty", "reach", "cost", "data"]
        var rows = plan.deliveries.prefix(maxRows).map { delivery in
            [delivery.weekStart.description, delivery.date.description, "\(delivery.regionCode) \(delivery.regionName)",
             delivery.material, delivery.locale + (delivery.languageFit < 1 ? "*" : ""), delivery.channel.rawValue,
             String(delivery.quantity), String(delivery.estimatedReach), money(delivery.cost), delivery.verification.rawValue]
        }
        if plan.deliveries.count > maxRows { rows.append(["…", "", "\(plan.deliveries.count - maxRows) more", "", "", "", "", "", "", ""]) }
        out += grid(header, rows) + "* = fallback locale\n"
        let left = plan.regions.filter { $0.status != "served" }
        if !left.isEmpty {
            out += "\nLeft out (\(left.count)):\n"
            out += grid(["region", "status", "score", "reasons"], left.prefix(maxRows).map { region in
                ["\(region.regionCode) \(region.regionName)", region.status, number(region.score),
                 region.reasons.map { "\($0.name): \($0.value)" }.joined(separator: " | ")]
            })
        }
        out += "\nChannel use (used/capacity per week):\n"
        let weekStarts = plan.weeks.map(\.weekStart)
        out += grid(["channel"] + weekStarts.map { String($0.description.dropFirst(5)) }, plan.channels.map { channel in
            [channel.channel.rawValue] + weekStarts.map { week in
                guard let usage = plan.channelUsage.first(where: { $0.channel == channel.channel && $0.weekStart == week }) else { return "" }
                return usage.blackout ? "—" : "\(usage.used)/\(usage.capacity)"
            }
        })
        if !plan.translationGaps.isEmpty {
            out += "\nTranslate next (ranked by \(plan.translationGapRanking)):\n"
            out += grid(["#", "material", "locale", "regions", "people", "weighted", "served instead"], plan.translationGaps.prefix(10).map {
                [String($0.rank), $0.material, $0.locale + ($0.localeKnown ? "" : " (no locale yet)"), String($0.regions),
                 String($0.people) + ($0.peopleAssumed ? "~" : ""), number($0.weightedRegions), $0.servedInstead ?? "—"]
            })
        }
        return out
    }

    static func grid(_ header: [String], _ rows: [[String]]) -> String {
        var widths = header.map(\.count)
        for row in rows { for (index, cell) in row.enumerated() where index < widths.count { widths[index] = max(widths[index], cell.count) } }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { index, cell in
                index == cells.count - 1 ? cell : cell + String(repeating: " ", count: max(0, widths[index] - cell.count))
            }.joined(separator: "  ") + "\n"
        }
        return line(header) + line(widths.map { String(repeating: "-", count: $0) }) + rows.map(line).joined()
    }

    /// Why a region got what it got: its facts, each delivery with its factors, and the reasons for what it
    /// did not get. Throws `LoaError.notFound` when the plan did not consider the region.
    public static func explain(_ plan: Plan, region code: String) throws -> String {
        guard let region = plan.region(code) else {
            throw LoaError.notFound("region \(code) in plan \(plan.campaignID) (it was not targeted or matched by a rule)")
        }
        var out = "\(region.regionCode) \(region.regionName): \(region.status.replacingOccurrences(of: "_", with: " ")), score \(number(region.score)), data \(region.verification.rawValue)\n"
        out += "languages read: \(region.languages.joined(separator: ", "))\n\nFacts:\n"
        for factor in region.factors { out += "  - " + describe(factor) + "\n" }
        let deliveries = plan.deliveries.filter { $0.regionCode == code }
        out += "\nDeliveries (\(deliveries.count)):\n"
        for delivery in deliveries {
            out += "  \(delivery.date) \(delivery.material) [\(delivery.locale)] via \(delivery.channel.rawValue): \(ChannelBudget.count(delivery.quantity, of: delivery.channel)), reach \(delivery.estimatedReach), cost \(money(delivery.cost)) \(plan.currency), revision \(delivery.revisionHash.prefix(12)), data \(delivery.verification.rawValue)\n"
            for factor in delivery.factors { out += "      - " + describe(factor) + "\n" }
        }
        if !region.reasons.isEmpty {
            out += "\nNot delivered / notes:\n"
            for factor in region.reasons { out += "  - " + describe(factor) + "\n" }
        }
        return out
    }

    static func describe(_ factor: PlanFactor) -> String {
        var text = "\(factor.name): \(factor.value)"
        var marks: [String] = []
        if factor.assumed == true { marks.append("assumed") }
        if let verification = factor.verification, verification != .verified { marks.append(verification.rawValue) }
        if !marks.isEmpty { text += " [" + marks.joined(separator: ", ") + "]" }
        return text
    }

    static let channelColours: [Channel: String] = [
        .sms: "#1f77b4", .loudspeaker: "#d62728", .print: "#2ca02c", .villageMeeting: "#ff7f0e", .website: "#9467bd",
    ]

    /// A standalone SVG: one row per targeted region (served first, then left out), one column per week; each
    /// cell is split into stripes coloured by the channels delivered there; blacked-out weeks are grey. No
    /// scripts, no external references.
    public static func svg(_ plan: Plan, maxRegions: Int = 400) -> String {
        let weeks = plan.weeks
        let targeted = plan.regions.filter(\.targeted)
        let rows = Array((targeted.filter { $0.status == "served" } + targeted.filter { $0.status != "served" }).prefix(maxRegions))
        var cells: [String: Set<Channel>] = [:]
        for delivery in plan.deliveries { cells["\(delivery.regionCode) \(delivery.weekStart)", default: []].insert(delivery.channel) }
        let labelWidth = 230, cellWidth = 34, cellHeight = 16, top = 70
        let legendHeight = 24 + 18 * (plan.channels.count + 2)
        let width = labelWidth + cellWidth * max(weeks.count, 1) + 20
        let height = top + cellHeight * rows.count + legendHeight + 20
        var svg = """
        <?xml version="1.0" encoding="UTF-8"?>
        <svg xmlns="http://www.w3.org/2000/svg" width="\(width)" height="\(height)" viewBox="0 0 \(width) \(height)" font-family="sans-serif" font-size="11">
        <title>\(xml("Plan \(plan.campaignID): regions × weeks"))</title>
        <rect x="0" y="0" width="\(width)" height="\(height)" fill="#ffffff"/>
        <text x="8" y="18" font-size="14" font-weight="bold">\(xml(plan.campaignName))</text>
        <text x="8" y="34">\(xml("\(plan.window.start)…\(plan.window.end) · \(plan.deliveries.count) deliveries · data: \(plan.verification.rawValue)"))</text>

        """
        for (index, week) in weeks.enumerated() {
            let x = labelWidth + index * cellWidth
            let label = String(week.weekStart.description.dropFirst(5))
            svg += "<text x=\"\(x + cellWidth / 2)\" y=\"\(top - 6)\" text-anchor=\"middle\" font-size=\"9\">\(xml(label))</text>\n"
        }
        for (row, region) in rows.enumerated() {
            let y = top + row * cellHeight
            let name = "\(region.regionCode) \(region.regionName)" + (region.status == "served" ? "" : " (left out)")
            svg += "<text x=\"8\" y=\"\(y + cellHeight - 4)\"\(region.status == "served" ? "" : " fill=\"#777777\"")>\(xml(name))</text>\n"
            for (index, week) in weeks.enumerated() {
                let x = labelWidth + index * cellWidth
                if week.deliveryDate == nil {
                    svg += "<rect x=\"\(x)\" y=\"\(y)\" width=\"\(cellWidth)\" height=\"\(cellHeight)\" fill=\"#cccccc\" stroke=\"#ffffff\"/>\n"
                    continue
                }
                let channels = (cells["\(region.regionCode) \(week.weekStart)"] ?? []).sorted()
                if channels.isEmpty {
                    svg += "<rect x=\"\(x)\" y=\"\(y)\" width=\"\(cellWidth)\" height=\"\(cellHeight)\" fill=\"#f4f4f4\" stroke=\"#ffffff\"/>\n"
                } else {
                    let stripe = Double(cellWidth) / Double(channels.count)
                    for (offset, channel) in channels.enumerated() {
                        let sx = Double(x) + stripe * Double(offset)
                        svg += "<rect x=\"\(format(sx))\" y=\"\(y)\" width=\"\(format(stripe))\" height=\"\(cellHeight)\" fill=\"\(channelColours[channel] ?? "#000000")\"><title>\(xml("\(region.regionName) \(week.weekStart): \(channel.rawValue)"))</title></rect>\n"
                    }
                }
            }
        }
        var y = top + cellHeight * rows.count + 24
        svg += "<text x=\"8\" y=\"\(y)\" font-weight=\"bold\">Legend</text>\n"
        let entries = plan.channels.map { ($0.channel.rawValue, channelColours[$0.channel] ?? "#000000") }
            + [("blacked-out week", "#cccccc"), ("nothing delivered", "#f4f4f4")]
        for (label, colour) in entries {
            y += 18
            svg += "<rect x=\"8\" y=\"\(y - 11)\" width=\"14\" height=\"12\" fill=\"\(colour)\" stroke=\"#999999\"/>"
            svg += "<text x=\"28\" y=\"\(y)\">\(xml(label))</text>\n"
        }
        if targeted.count > rows.count {
            svg += "<text x=\"200\" y=\"\(y)\">\(xml("\(targeted.count - rows.count) more regions not drawn"))</text>\n"
        }
        svg += "</svg>\n"
        return svg
    }

    static func format(_ value: Double) -> String {
        let rounded = (value * 100).rounded() / 100
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
    }

    static func xml(_ text: String) -> String {
        var out = ""
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            default: out.append(character)
            }
        }
        return out
    }
}
