import ArgumentParser
import CampaignModel
import ContentFiles
import ContentStore
import FileOutput
import Foundation
import RegionPlanner

/// `loa plan CAMPAIGN.yaml`: which area gets which material, in which language, over which channel, when.
struct PlanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Plan a campaign from its YAML file over the published texts; writes the plan and an SVG chart beside it.",
        subcommands: [Make.self, Explain.self], defaultSubcommand: Make.self)

    enum Format: String, ExpressibleByArgument, CaseIterable { case table, json, csv }

    struct Make: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "make", abstract: "Make a plan (the default).")
        @OptionGroup var store: StoreOptions
        @Argument(help: "The campaign file (Content/campaigns/*.yaml).") var campaign: String
        @Option(help: "Where to write the plan JSON (an SVG chart is written beside it).") var out: String?
        @Option(help: "What to print: table, json or csv.") var format: Format = .table
        @Option(help: "The folder with the region CSV files.") var regions = "Content/regions"

        func run() throws {
            let campaignURL = URL(fileURLWithPath: campaign)
            let parsed = try CampaignFileReader.read(url: campaignURL)
            let figures = try CampaignFileReader.readFigures(of: parsed, campaignURL: campaignURL)
            let table = try RegionTableReader.load(directory: URL(fileURLWithPath: regions, isDirectory: true))
            let snapshot = try store.open().snapshot()
            let plan = try RegionPlanner.plan(campaign: parsed, regions: table, snapshot: snapshot, figures: figures, now: snapshot.takenAt)
            if let out {
                try PlanFiles.write(plan, json: URL(fileURLWithPath: out))
                let base = URL(fileURLWithPath: out).deletingPathExtension().lastPathComponent
                FileHandle.standardError.write(Data("Wrote \(out), \(base).svg and .csv (snapshot \(snapshot.id.prefix(12))).\n".utf8))
            }
            switch format {
            case .table: print(PlanFormatter.table(plan))
            case .json: try PlanFormatter.writeJSON(plan) { try FileHandle.standardOutput.write(contentsOf: $0) }
            case .csv: print(PlanFormatter.csv(plan), terminator: "")
            }
        }
    }

    struct Explain: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "explain", abstract: "Explain what a plan does for one region, and why.")
        @Argument(help: "The plan JSON.") var plan: String
        @Argument(help: "A region code (province or commune).") var region: String

        func run() throws {
            print(try PlanFormatter.explain(try PlanFile.read(plan, factors: .region(region)), region: region))
        }
    }
}

/// Reading a plan written by `loa plan`.
enum PlanFile {
    static func read(_ path: String, factors: Delivery.FactorSelection) throws -> Plan {
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
            throw LoaError.invalid(InputIssue(file: path, problem: "the plan cannot be read.", fix: "make one with 'loa plan CAMPAIGN.yaml --out \(path)'."))
        }
        return try PlanFormatter.decode(json: data, file: path, factors: factors)
    }
}
