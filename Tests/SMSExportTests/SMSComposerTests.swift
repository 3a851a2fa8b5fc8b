import CampaignModel
import Foundation
import Testing
@testable import SMSExport

@Suite struct SMSComposerTests {
    @Test func titleAndSummaryAreJoinedByALineFeed() throws {
        let message = try SMSComposer().compose(slug: "job-offers", locale: "hmn", title: "Ceev faj!",
                                                summary: "Koj puas paub  txog\nkev muag neeg?", sms: nil)
        #expect(message.text == "Ceev faj!\nKoj puas paub txog kev muag neeg?")
        #expect(message.source == .titleAndSummary)
        #expect(message.analysis.encoding == .gsm7)
        #expect(SMSComposer.join(title: " Title ", summary: "") == "Title")
        #expect(SMSComposer.join(title: "", summary: "Only summary") == "Only summary")
    }

    @Test func smsVariantWins() throws {
        let message = try SMSComposer().compose(slug: "job-offers", locale: "vi", title: "Cảnh giác",
                                                summary: "Tóm tắt", sms: "  Canh giac voi loi moi lam viec\n")
        #expect(message.text == "Canh giac voi loi moi lam viec")
        #expect(message.source == .smsField)
        #expect(message.analysis.encoding == .gsm7)
        let blank = try SMSComposer().compose(slug: "job-offers", locale: "vi", title: "A", summary: "B", sms: " \n")
        #expect(blank.source == .titleAndSummary)
    }

    @Test func composedTextIsNFC() throws {
        let nfd = "Cảnh giác".decomposedStringWithCanonicalMapping
        let message = try SMSComposer().compose(slug: "a", locale: "vi", title: nfd, summary: "", sms: nil)
        #expect(message.text == "Cảnh giác".precomposedStringWithCanonicalMapping)
        #expect(message.text.unicodeScalars.count == 9)
    }

    @Test func tooManyPartsIsAnErrorNamingMaterialAndLocale() {
        let summary = String(repeating: "Cảnh giác với lời mời làm việc lương cao ở nước ngoài. ", count: 4)
        #expect(SMSAnalysis(summary).parts == 4)
        do {
            _ = try SMSComposer().compose(slug: "job-offers", locale: "vi", title: "Cảnh báo", summary: summary, sms: nil)
            Issue.record("expected an error")
        } catch let LoaError.invalidInput(issues) {
            #expect(issues.count == 1)
            let issue = issues[0]
            #expect(issue.file == "job-offers/vi.md")
            #expect(issue.field == "summary")
            #expect(issue.locale == "vi")
            #expect(issue.problem.contains("job-offers"))
            #expect(issue.problem.contains("'vi'"))
            #expect(issue.problem.contains("4 parts"))
            #expect(issue.problem.contains("at most 3"))
            #expect(issue.fix.contains("sms:"))
            #expect(issue.fix.contains("không dấu"))
            #expect(issue.fix.contains("GSM-7"))
            #expect(issue.fix.contains("2 parts"))
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }

    @Test func maximumIsConfigurableAndAppliesToTheSMSField() throws {
        let text = String(repeating: "a", count: 200)
        #expect(throws: Never.self) { try SMSComposer(maximumParts: 2).compose(slug: "s", locale: "hmn", title: "", summary: "", sms: text) }
        do {
            _ = try SMSComposer(maximumParts: 1).compose(slug: "s", locale: "hmn", title: "", summary: "", sms: text)
            Issue.record("expected an error")
        } catch let LoaError.invalidInput(issues) {
            #expect(issues.first?.field == "sms")
            #expect(issues.first?.problem.contains("2 parts") == true)
            #expect(issues.first?.fix.contains("160 septets") == true)
        }
    }

    @Test func emptyMessageIsAnError() {
        #expect(throws: LoaError.self) { try SMSComposer().compose(slug: "s", locale: "vi", title: " ", summary: "", sms: nil) }
    }

    @Test func draftNeverThrowsAndCarriesBothCosts() {
        let text = String(repeating: "ư", count: 300)
        let draft = SMSComposer().draft(title: "", summary: "", sms: text)
        #expect(draft.comparison.asWritten.parts == 5)
        #expect(draft.comparison.khongDau.text == String(repeating: "u", count: 300))
        #expect(draft.comparison.khongDau.parts == 2)
        #expect(SMSComposer().issue(with: draft, slug: "x", locale: "vi") != nil)
    }
}
