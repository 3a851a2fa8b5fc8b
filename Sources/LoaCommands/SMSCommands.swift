import ArgumentParser
import CampaignModel
import ContentFiles
import ContentStore
import Foundation
import SMSExport

/// `loa sms analyze`: encoding, units, parts and the characters that force UCS-2.
struct SMSCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "sms", abstract: "Analyse SMS texts.",
                                                    subcommands: [Analyze.self])

    struct Analyze: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "analyze", abstract: "Count an SMS text exactly as carriers bill it (reads standard input for '-' or no text).")
        @Argument(help: "The text, or '-' for standard input.") var text: String?
        @Flag(help: "Print JSON.") var json = false

        func run() throws {
            let input: String
            if let text, text != "-" {
                input = text
            } else {
                let data = FileHandle.standardInput.readDataToEndOfFile()
                var decoded = try TextDecoding.decode(data, file: "standard input")
                if decoded.hasSuffix("\n") { decoded.removeLast() }
                input = decoded
            }
            let analysis = SMSAnalysis(TextFolding.nfc(input))
            if json { print(try JSONText.encode(analysis)); return }
            print("encoding:   \(analysis.encoding.rawValue)")
            print("characters: \(analysis.characters)")
            print("units:      \(analysis.units) \(analysis.encoding.unitName)")
            print("parts:      \(analysis.parts)")
            for (index, segment) in analysis.segments.enumerated() { print("part \(index + 1):     \(segment)") }
            if !analysis.forcing.isEmpty {
                let list = analysis.forcing.prefix(20).map { "'\($0.character)' at \($0.offset)" }.joined(separator: ", ")
                print("UCS-2 because of: \(list)\(analysis.forcing.count > 20 ? " …" : "")")
                let comparison = SMSCostComparison(input)
                print("không dấu:  \(comparison.khongDau.parts) parts (\(comparison.khongDau.encoding.rawValue)) — offered, not applied")
            }
        }
    }
}
