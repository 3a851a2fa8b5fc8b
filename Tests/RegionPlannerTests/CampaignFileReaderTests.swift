import CampaignModel
import ContentFiles
import Foundation
import Testing

@Suite struct CampaignFileReaderTests {
    static let valid = """
    id: t
    name: T
    window: {start: 2027-01-04, end: 2027-03-28}
    level: province
    materials: [fake-job-offers]
    channels:
      sms: {capacity_per_week: 100, price_per_part: 350}
    targets: {regions: [04]}
    """

    func issues(_ yaml: String) -> [InputIssue] {
        TestSupport.issues { _ = try CampaignFileReader.parse(yaml: yaml, file: "c.yaml") }
    }

    @Test func readsTheSampleCampaign() throws {
        let campaign = try TestSupport.sampleCampaign()
        #expect(campaign.id == "northern-border-2027")
        #expect(campaign.window.start.description == "2027-01-04")
        #expect(campaign.blackouts.first?.range.start.description == "2027-02-01")
        #expect(campaign.channels.map(\.channel) == [.sms, .loudspeaker, .print, .villageMeeting])
        #expect(campaign.targets.within.first == "04") // unquoted 04 keeps its leading zero
        #expect(campaign.weights.border == 2)
        #expect(campaign.source.lines["materials[1]"] == 12)
        let figures = try CampaignFileReader.readFigures(of: campaign, campaignURL: TestSupport.sampleCampaignURL)
        #expect(figures["08"]?.population == 1_865_270)
        // Confined to the campaign's own folder it is read; confined elsewhere it is refused, naming the field.
        let folder = TestSupport.sampleCampaignURL.deletingLastPathComponent()
        #expect(try CampaignFileReader.readFigures(of: campaign, campaignURL: TestSupport.sampleCampaignURL, within: folder) == figures)
        let issues = TestSupport.issues {
            _ = try CampaignFileReader.readFigures(of: campaign, campaignURL: TestSupport.sampleCampaignURL,
                                                   within: folder.appendingPathComponent("elsewhere"))
        }
        #expect(issues.map(\.field) == ["figures"])
    }

    @Test func validMinimalCampaignParses() throws {
        let campaign = try CampaignFileReader.parse(yaml: Self.valid, file: "c.yaml")
        #expect(campaign.targets.regions == ["04"])
    }

    @Test func reversedWindow() {
        let found = issues(Self.valid.replacingOccurrences(of: "end: 2027-03-28", with: "end: 2026-12-01"))
        #expect(found.count == 1)
        #expect(found.first?.field == "window.end")
        #expect(found.first?.line == 3)
        #expect(found.first?.fix.contains("Swap") == true)
    }

    @Test func badDate() {
        let found = issues(Self.valid.replacingOccurrences(of: "start: 2027-01-04", with: "start: 2027-02-30"))
        #expect(found.first?.field == "window.start")
        #expect(found.first?.line == 3)
        #expect(found.first?.fix.contains("YYYY-MM-DD") == true)
    }

    @Test func unknownChannel() {
        let found = issues(Self.valid.replacingOccurrences(of: "  sms:", with: "  radio:"))
        #expect(found.first?.field == "channels.radio")
        #expect(found.first?.line == 7)
        #expect(found.first?.fix.contains("village_meeting") == true)
    }

    @Test func negativeCapacity() {
        let found = issues(Self.valid.replacingOccurrences(of: "capacity_per_week: 100", with: "capacity_per_week: -5"))
        #expect(found.first?.field == "channels.sms.capacity_per_week")
        #expect(found.first?.line == 7)
    }

    @Test func unknownKeyLevelAndSlug() {
        let found = issues(Self.valid.replacingOccurrences(of: "level: province", with: "levl: province\nlevel: district")
            .replacingOccurrences(of: "[fake-job-offers]", with: "[Fake Job]"))
        let fields = found.map { $0.field ?? "" }
        #expect(fields.contains("levl"))
        #expect(fields.contains("level"))
        #expect(fields.contains("materials[0]"))
    }

    @Test func invalidYAMLNamesTheLine() {
        let found = issues("id: x\nname: [unclosed\n")
        #expect(found.first?.file == "c.yaml")
        #expect(found.first?.line != nil)
    }

    @Test func missingFieldsAreAllReported() {
        let found = issues("id: x\n")
        let fields = Set(found.map { $0.field ?? "" })
        #expect(fields.isSuperset(of: ["name", "window", "level", "materials", "channels", "targets"]))
    }
}
