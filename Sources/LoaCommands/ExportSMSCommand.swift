import ArgumentParser
import CampaignModel
import ContentStore
import Foundation
import MarkdownRendering
import SMSExport

/// `loa export sms`: message files for SMS gateways, with exact parts and costs.
struct ExportSMSCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sms",
        abstract: "Write SMS gateway files (CSV and JSON) from the published texts, or from a plan with --plan.")

    @OptionGroup var store: StoreOptions
    @Option(help: "Comma-separated locales to include (default: all).") var locales: String?
    @Option(help: "The output folder.") var out = "build/sms"
    @Option(help: "The send date for rows without a plan (YYYY-MM-DD; default: today).") var date: String?
    @Option(name: .customLong("max-parts"), help: "The most SMS parts one message may use.") var maxParts = 3
    @Option(help: "A plan from 'loa plan': one row per planned SMS delivery (region, date, recipients, cost).") var plan: String?

    func run() throws {
        guard (1...10).contains(maxParts) else {
            throw LoaError.invalid(InputIssue(file: "argument", field: "max-parts", problem: "\(maxParts) parts is not a sensible limit.",
                                              fix: "use a number from 1 to 10."))
        }
        let snapshot = try store.openForReading().snapshot()
        let wanted = Set((locales ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty })
        for code in wanted where !snapshot.locales.contains(where: { $0.code == code }) {
            throw LoaError.invalid(InputIssue(file: "argument", field: "locales", locale: code, problem: "'\(code)' is not a known locale.",
                                              fix: "use codes from 'loa status'."))
        }
        let smsMaterials = Set(snapshot.materials.filter { $0.channels.contains(.sms) }.map(\.slug))
        let selected = Snapshot(id: snapshot.id, takenAt: snapshot.takenAt, locales: snapshot.locales, materials: snapshot.materials,
                                translations: snapshot.translations.filter {
                                    smsMaterials.contains($0.slug) && (wanted.isEmpty || wanted.contains($0.locale))
                                })
        let day = try sendDate()
        let composer = SMSComposer(maximumParts: maxParts)
        let renderer = MarkdownRenderer(options: .init(plainTextLinks: .textAndURL))
        let rows = try plan.map { try planRows($0, snapshot: selected, composer: composer, renderer: renderer) }
            ?? SMSGatewayRow.rows(from: selected, date: day, composer: composer, plainText: renderer.plainText)
        let costs = SMSCostReport.rows(from: selected, composer: composer, plainText: renderer.plainText)
        let folder = URL(fileURLWithPath: out, isDirectory: true)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try SMSGatewayFile.writeCSV(rows, to: folder.appendingPathComponent("messages.csv"))
        try SMSGatewayFile.writeJSON(rows, to: folder.appendingPathComponent("messages.json"))
        try SMSGatewayFile.writeCSV(costs, to: folder.appendingPathComponent("cost-comparison.csv"))
        let parts = rows.reduce(0) { $0 + $1.parts }
        let ucs2 = rows.filter { $0.encoding == .ucs2 }.count
        print("Wrote \(rows.count) messages (\(parts) SMS parts, \(ucs2) in UCS-2) from snapshot \(snapshot.id.prefix(12)) to \(out)/messages.csv and messages.json;")
        let saved = costs.reduce(0) { $0 + max(0, $1.parts - $1.khongDauParts) }
        print("  cost-comparison.csv shows each message as written and in không dấu (would save \(saved) parts; never applied silently).")
    }

    /// One row per SMS delivery of the plan, with the exact text and parts of the revision the plan pinned.
    private func planRows(_ path: String, snapshot: Snapshot, composer: SMSComposer, renderer: MarkdownRenderer) throws -> [SMSGatewayRow] {
        let plan = try PlanFile.read(path, factors: .none)
        let locales = snapshot.localesByCode
        var rows: [SMSGatewayRow] = []
        var issues: [InputIssue] = []
        var messages: [String: ComposedSMS] = [:]
        for delivery in plan.deliveries where delivery.channel == .sms {
            guard let translation = snapshot.translation(delivery.material, delivery.locale), let locale = locales[delivery.locale],
                  translation.revisionHash == delivery.revisionHash else {
                if wantedLocale(delivery.locale) {
                    issues.append(InputIssue(file: path, field: "deliveries", locale: delivery.locale,
                                             problem: "the plan pins \(delivery.material)/\(delivery.locale) at revision \(delivery.revisionHash.prefix(12)), which is no longer the published one.",
                                             fix: "make the plan again with 'loa plan' so it uses what is published now."))
                }
                continue
            }
            guard wantedLocale(delivery.locale) else { continue }
            let key = delivery.material + "/" + delivery.locale
            let message: ComposedSMS
            if let known = messages[key] { message = known } else {
                message = composer.draft(translation.content, plainText: renderer.plainText)
                if let issue = composer.issue(with: message, slug: delivery.material, locale: delivery.locale) {
                    issues.append(issue)
                    continue
                }
                messages[key] = message
            }
            rows.append(SMSGatewayRow(delivery: delivery, iso639_3: locale.iso639_3, message: message))
        }
        if !issues.isEmpty { throw LoaError.invalidInput(issues) }
        return rows
    }

    private func wantedLocale(_ code: String) -> Bool {
        guard let locales, !locales.isEmpty else { return true }
        return locales.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.contains(code)
    }

    private func sendDate() throws -> CampaignDate {
        if let date {
            guard let parsed = CampaignDate(iso: date) else {
                throw LoaError.invalid(InputIssue(file: "argument", field: "date", problem: "'\(date)' is not a date.", fix: "write YYYY-MM-DD."))
            }
            return parsed
        }
        let parts = Calendar(identifier: .gregorian).dateComponents(in: TimeZone(identifier: "Asia/Ho_Chi_Minh")!, from: Date())
        return CampaignDate(year: parts.year!, month: parts.month!, day: parts.day!)!
    }
}
