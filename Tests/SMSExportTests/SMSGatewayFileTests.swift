import CampaignModel
import FileOutput
import Foundation
import Testing
@testable import SMSExport

private func sampleSnapshot(summary: String = "Đừng tin lời hứa việc nhẹ lương cao.") -> Snapshot {
    let locales = [
        LocaleInfo(code: "vi", iso639_3: "vie", englishName: "Vietnamese", autonym: "Tiếng Việt", script: "Latn"),
        LocaleInfo(code: "hmn", iso639_3: "hmn", englishName: "Hmong", autonym: "Hmoob", script: "Latn"),
    ]
    let material = Material(slug: "job-offers", topics: ["labour"], audiences: ["youth"], sourceLocale: "vi", channels: [.sms])
    let date = Date(timeIntervalSince1970: 1_750_000_000)
    return Snapshot(id: "snap", takenAt: date, locales: locales, materials: [material], translations: [
        PublishedTranslation(slug: "job-offers", locale: "hmn", revisionHash: "h1",
                             content: TranslationContent(title: "**Ceev faj**", summary: "Koj puas paub txog kev muag neeg?", body: ""),
                             publishedAt: date),
        PublishedTranslation(slug: "job-offers", locale: "vi", revisionHash: "v1",
                             content: TranslationContent(title: "Cảnh giác", summary: summary, body: ""),
                             publishedAt: date),
    ])
}

/// Stands in for the Markdown renderer: drops emphasis markers.
private func stripStars(_ text: String) -> String { text.replacingOccurrences(of: "*", with: "") }

@Suite struct SMSGatewayFileTests {
    @Test func csvQuotesCommasQuotesAndNewlines() {
        #expect(CSVWriter.field("plain") == "plain")
        #expect(CSVWriter.field("a,b") == "\"a,b\"")
        #expect(CSVWriter.field("say \"hi\"") == "\"say \"\"hi\"\"\"")
        #expect(CSVWriter.field("line\nbreak") == "\"line\nbreak\"")
        #expect(CSVWriter.field("cr\rhere") == "\"cr\rhere\"")
        #expect(CSVWriter.field("") == "")
        #expect(CSVWriter.document(header: ["a", "b"], rows: [["1", "x,y"]]) == "a,b\r\n1,\"x,y\"\r\n")
    }

    @Test func gatewayCSVHasHeaderAndQuotedText() throws {
        let row = SMSGatewayRow(regionCode: "11", regionName: "Điện Biên", locale: "vi", iso639_3: "vie",
                                date: "2026-03-02", material: "job-offers", revision: "abc",
                                text: "Cảnh giác,\n\"việc nhẹ\"", encoding: .ucs2, parts: 1,
                                estimatedRecipients: 1000, costPerPart: Decimal(string: "850.5"))
        let csv = try #require(String(data: SMSGatewayFile.csv([row]), encoding: .utf8))
        let lines = csv.components(separatedBy: "\r\n")
        #expect(lines[0] == "region_code,region_name,locale,iso639_3,date,material,revision,text,encoding,parts,estimated_recipients,cost_per_part,estimated_cost")
        #expect(lines[1] == "11,Điện Biên,vi,vie,2026-03-02,job-offers,abc,\"Cảnh giác,\n\"\"việc nhẹ\"\"\",UCS-2,1,1000,850.5,850500")
        #expect(lines.count == 3 && lines[2].isEmpty)
        #expect(!csv.hasPrefix("\u{FEFF}"))
        #expect(SMSGatewayFile.csv([row]) == SMSGatewayFile.csv([row]))
    }

    @Test func gatewayJSONIsSortedPrettyAndHasEveryKey() throws {
        let row = SMSGatewayRow(locale: "hmn", iso639_3: "hmn", date: "2026-03-02", material: "job-offers",
                                revision: "abc", text: "Ceev faj", encoding: .gsm7, parts: 2,
                                estimatedRecipients: 10, costPerPart: 800)
        let data = try SMSGatewayFile.json([row])
        let text = try #require(String(data: data, encoding: .utf8))
        let objects = try #require(try JSONSerialization.jsonObject(with: data) as? [[String: Any]])
        #expect(Set(objects[0].keys) == Set(SMSGatewayRow.csvHeader))
        #expect(objects[0]["estimated_cost"] as? Int == 16000)
        #expect(objects[0]["encoding"] as? String == "GSM-7")
        // Sorted keys: `cost_per_part` comes before `date`, `text` after `revision`.
        let keyOrder = SMSGatewayRow.csvHeader.sorted().compactMap { text.range(of: "\"\($0)\"")?.lowerBound }
        #expect(keyOrder == keyOrder.sorted())
        #expect(text.contains("\n  {\n"))
        #expect(try SMSGatewayFile.json([row]) == data)
        let unknown = SMSGatewayRow(locale: "hmn", iso639_3: "hmn", date: "2026-03-02", material: "m", revision: "r",
                                    text: "t", encoding: .gsm7, parts: 1)
        let nulls = try #require(try JSONSerialization.jsonObject(with: SMSGatewayFile.json([unknown])) as? [[String: Any]])
        #expect(nulls[0]["estimated_cost"] is NSNull)
        #expect(try JSONDecoder().decode([SMSGatewayRow].self, from: data) == [row])
    }

    @Test func rowsFromSnapshotOnePerTranslation() throws {
        let date = try #require(CampaignDate(iso: "2026-03-02"))
        let rows = try SMSGatewayRow.rows(from: sampleSnapshot(), date: date, plainText: stripStars)
        #expect(rows.map(\.locale) == ["hmn", "vi"])
        #expect(rows.map(\.iso639_3) == ["hmn", "vie"])
        #expect(rows.allSatisfy { $0.date == "2026-03-02" && $0.regionCode.isEmpty && $0.regionName.isEmpty })
        #expect(rows[0].text == "Ceev faj\nKoj puas paub txog kev muag neeg?")
        #expect(rows[0].encoding == .gsm7)
        #expect(rows[0].revision == "h1")
        #expect(rows[1].encoding == .ucs2)
        #expect(rows[1].material == "job-offers")
        #expect(rows[1].estimatedCost == nil)
    }

    @Test func rowsFromSnapshotFailWhenAMessageIsTooLong() throws {
        let long = String(repeating: "Cảnh giác với lời mời làm việc lương cao ở nước ngoài. ", count: 5)
        let date = try #require(CampaignDate(iso: "2026-03-02"))
        #expect {
            try SMSGatewayRow.rows(from: sampleSnapshot(summary: long), date: date, plainText: stripStars)
        } throws: { error in
            guard case let LoaError.invalidInput(issues) = error else { return false }
            return issues.count == 1 && issues[0].file == "job-offers/vi.md" && issues[0].locale == "vi"
        }
    }

    @Test func costReportShowsBothForms() throws {
        let long = String(repeating: "Cảnh giác với lời mời làm việc lương cao ở nước ngoài. ", count: 5)
        let report = SMSCostReport.rows(from: sampleSnapshot(summary: long), plainText: stripStars)
        #expect(report.count == 2)
        let vi = report[1]
        #expect(vi.locale == "vi" && vi.iso639_3 == "vie")
        #expect(vi.encoding == .ucs2)
        #expect(!vi.withinMaximum)
        #expect(vi.khongDauEncoding == .gsm7)
        #expect(vi.khongDauParts < vi.parts)
        #expect(vi.khongDauText.hasPrefix("Canh giac\nCanh giac voi"))
        #expect(report[0].withinMaximum && report[0].khongDauText == report[0].text)
        let csv = try #require(String(data: SMSGatewayFile.csv(report), encoding: .utf8))
        #expect(csv.hasPrefix("material,locale,iso639_3,revision,source,maximum_parts,within_maximum,text,encoding,units,parts,khong_dau_text"))
        let json = try #require(try JSONSerialization.jsonObject(with: SMSGatewayFile.json(report)) as? [[String: Any]])
        #expect(Set(json[1].keys) == Set(SMSCostReportRow.csvHeader))
        #expect(json[1]["khong_dau_encoding"] as? String == "GSM-7")
    }

    @Test func rowFromPlanDelivery() throws {
        let date = try #require(CampaignDate(iso: "2026-03-04"))
        let delivery = Delivery(weekStart: date, date: date, regionCode: "11", regionName: "Điện Biên", material: "job-offers",
                                locale: "hmn", revisionHash: "h1", channel: .sms, quantity: 2000, unit: "recipients",
                                estimatedReach: 1500, cost: 0, costPerUnit: 850.5, smsParts: 1, regionScore: 1,
                                languageFit: 1, repeatIndex: 0, value: 1, verification: .verified, factors: [])
        let message = try SMSComposer().compose(slug: "job-offers", locale: "hmn", title: "", summary: "",
                                                sms: String(repeating: "Ceev faj! ", count: 20))
        let row = SMSGatewayRow(delivery: delivery, iso639_3: "hmn", message: message)
        #expect(row.date == "2026-03-04")
        #expect(row.parts == 2)
        #expect(row.estimatedCost == Decimal(string: "3402000"))
    }
}

@Suite struct AtomicFileWriterTests {
    private func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("sms-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    private struct ProducerFailed: Error {}

    @Test func replacesTheFileWhole() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("out.csv")
        try AtomicFileWriter.write(Data("old".utf8), to: file)
        try AtomicFileWriter.write(Data("new content".utf8), to: file)
        #expect(try String(contentsOf: file, encoding: .utf8) == "new content")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["out.csv"])
    }

    @Test func failingProducerLeavesTheOldFileAndNoTemporaryFile() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("out.json")
        try AtomicFileWriter.write(Data("old".utf8), to: file)
        #expect(throws: ProducerFailed.self) {
            try AtomicFileWriter.write(to: file) { handle in
                try handle.write(contentsOf: Data("half writ".utf8))
                throw ProducerFailed()
            }
        }
        #expect(try String(contentsOf: file, encoding: .utf8) == "old")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["out.json"])
    }

    @Test func failingEncoderLeavesTheOldFile() throws {
        struct Unencodable: Encodable {
            func encode(to encoder: any Encoder) throws {
                throw EncodingError.invalidValue(0, .init(codingPath: [], debugDescription: "no"))
            }
        }
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("rows.json")
        try AtomicFileWriter.write(Data("[]".utf8), to: file)
        #expect(throws: EncodingError.self) { try SMSGatewayFile.writeJSON([Unencodable()], to: file) }
        #expect(try String(contentsOf: file, encoding: .utf8) == "[]")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["rows.json"])
    }

    /// Streamed content equal to the file leaves it alone (same inode); a change of one byte, a longer or a
    /// shorter content replaces it; no temporary file is left either way.
    @Test func streamedWriteIfChangedComparesWithWhatIsThere() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("plan.json")
        let big = Data((0..<3_000_000).map { UInt8(truncatingIfNeeded: $0 &* 31) })
        func inode() throws -> Int { try FileManager.default.attributesOfItem(atPath: file.path)[.systemFileNumber] as? Int ?? -1 }
        func stream(_ data: Data) throws -> Bool {
            try AtomicFileWriter.writeIfChanged(to: file) { handle in
                for start in stride(from: 0, to: data.count, by: 700_000) {
                    try handle.write(contentsOf: data[start..<min(start + 700_000, data.count)])
                }
            }
        }
        #expect(try stream(big))
        let first = try inode()
        #expect(try !stream(big))
        #expect(try inode() == first)
        var changed = big
        changed[2_500_000] ^= 1
        for content in [changed, big + Data([1]), big.prefix(1_000), Data()] {
            #expect(try stream(content))
            #expect(try Data(contentsOf: file) == content)
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["plan.json"])
    }

    @Test func missingFolderFailsWithTheTargetPath() throws {
        let file = URL(fileURLWithPath: "/nonexistent-\(UUID().uuidString)/out.csv")
        #expect {
            try AtomicFileWriter.write(Data("x".utf8), to: file)
        } throws: { error in
            (error as? AtomicWriteError)?.path == file.path
        }
    }

    @Test func renameOntoAFolderFailsAndLeavesItWhole() throws {
        // A non-empty folder where the file should go: rename(2) refuses, even for root.
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let target = folder.appendingPathComponent("out.csv")
        try FileManager.default.createDirectory(at: target, withIntermediateDirectories: true)
        try Data("keep".utf8).write(to: target.appendingPathComponent("inside"))
        #expect(throws: AtomicWriteError.self) { try AtomicFileWriter.write(Data("x".utf8), to: target) }
        #expect(try String(contentsOf: target.appendingPathComponent("inside"), encoding: .utf8) == "keep")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["out.csv"])
    }

    @Test(.enabled(if: geteuid() != 0, "root may write to read-only folders"))
    func readOnlyFolderLeavesTheOldFile() throws {
        let folder = try temporaryFolder()
        defer {
            try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: folder.path)
            try? FileManager.default.removeItem(at: folder)
        }
        let file = folder.appendingPathComponent("out.csv")
        try AtomicFileWriter.write(Data("old".utf8), to: file)
        try FileManager.default.setAttributes([.posixPermissions: 0o555], ofItemAtPath: folder.path)
        #expect(throws: AtomicWriteError.self) { try AtomicFileWriter.write(Data("new".utf8), to: file) }
        #expect(try String(contentsOf: file, encoding: .utf8) == "old")
    }
}
