import CampaignModel
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import RegionPlanner

@Suite struct PlanFormatterTests {
    @Test func svgIsStandaloneWellFormedXMLWithLegendAndNames() throws {
        let plan = try TestSupport.samplePlan()
        let svg = PlanFormatter.svg(plan)
        #expect(svg.hasPrefix("<?xml"))
        #expect(!svg.contains("<script") && !svg.contains("href") && !svg.contains("http://www.w3.org/1999/xlink"))
        #expect(svg.contains("Legend") && svg.contains("village_meeting") && svg.contains("Tuyên Quang"))
        let parser = XMLParser(data: Data(svg.utf8))
        #expect(parser.parse())
    }

    @Test func csvHasOneRowPerDeliveryAndTheSMSExportFields() throws {
        let plan = try TestSupport.samplePlan()
        let lines = PlanFormatter.csv(plan).split(separator: "\n")
        #expect(lines.count == plan.deliveries.count + 1)
        #expect(lines[0].hasPrefix("week_start,date,region_code,region_name,material,locale,revision_hash,channel,quantity"))
        #expect(PlanFormatter.csvField("a,\"b\"") == "\"a,\"\"b\"\"\"")
    }

    @Test func tableAndExplanationNameWhatMatters() throws {
        let plan = try TestSupport.samplePlan()
        let table = PlanFormatter.table(plan)
        #expect(table.contains("Channel use") && table.contains("Translate next"))
        let text = try PlanFormatter.explain(plan, region: "11")
        #expect(text.contains("Điện Biên") && text.contains("fallback") && text.contains("border: yes"))
    }
}
