import CampaignModel
import Foundation

extension SMSGatewayRow {
    /// One row per published translation of `snapshot`, in the snapshot's order (slug, then locale).
    ///
    /// Region fields are empty and recipients and prices unknown: the planner fills them per region. The text
    /// comes from ``SMSComposer`` (the `sms:` variant, else title and summary rendered by `plainText`, which
    /// turns Markdown into plain text). Every translation is checked before anything is returned.
    ///
    /// - Throws: ``LoaError/invalidInput(_:)`` listing every translation whose message is empty or exceeds
    ///   `composer.maximumParts`, or whose locale is not in the snapshot.
    public static func rows(from snapshot: Snapshot, date: CampaignDate,
                            composer: SMSComposer = SMSComposer(),
                            plainText: (String) -> String) throws -> [SMSGatewayRow] {
        let locales = snapshot.localesByCode
        let day = date.description
        var rows: [SMSGatewayRow] = []
        var issues: [InputIssue] = []
        for translation in snapshot.translations {
            let file = "\(translation.slug)/\(translation.locale).md"
            guard let locale = locales[translation.locale] else {
                issues.append(InputIssue(file: file, locale: translation.locale,
                                         problem: "locale '\(translation.locale)' is not defined in the snapshot.",
                                         fix: "Add the locale to Locales/ (with its ISO 639-3 code) or remove the translation."))
                continue
            }
            let message = composer.draft(translation.content, plainText: plainText)
            if let issue = composer.issue(with: message, slug: translation.slug, locale: translation.locale) {
                issues.append(issue)
                continue
            }
            rows.append(SMSGatewayRow(locale: locale.code, iso639_3: locale.iso639_3, date: day,
                                      material: translation.slug, revision: translation.revisionHash,
                                      text: message.text, encoding: message.analysis.encoding,
                                      parts: message.analysis.parts))
        }
        if !issues.isEmpty { throw LoaError.invalidInput(issues) }
        return rows
    }
}

extension SMSComposer {
    /// ``draft(title:summary:sms:)`` for a translation's content, rendering title and summary with `plainText`
    /// (only when there is no `sms:` variant).
    public func draft(_ content: TranslationContent, plainText: (String) -> String) -> ComposedSMS {
        if let sms = content.sms, !sms.allSatisfy(\.isWhitespace) {
            return draft(title: "", summary: "", sms: sms)
        }
        return draft(title: plainText(content.title), summary: plainText(content.summary), sms: nil)
    }
}
