import CampaignModel
import ContentStore
import Foundation

/// In-memory bundles to import, and a clock the tests move by hand.
enum StoreFixture {
    static let vi = LocaleInfo(code: "vi", iso639_3: "vie", englishName: "Vietnamese", autonym: "Tiếng Việt", script: "Latn")
    static let hmn = LocaleInfo(code: "hmn", iso639_3: "hmn", englishName: "Hmong", autonym: "Hmoob", script: "Latn", fallbacks: ["vi"])
    static let material = Material(slug: "fake-jobs", topics: ["recruitment"], audiences: ["women"], sourceLocale: "vi",
                                   channels: [.sms, .print])

    static func translation(_ locale: String, _ title: String, body: String = "Nội dung.\n",
                            status: TranslationStatus = .published, translatedFrom: String? = nil) -> TranslationFile {
        TranslationFile(locale: locale, status: status,
                        content: TranslationContent(title: title, summary: "Tóm tắt", body: body, translatedFrom: translatedFrom),
                        path: "fake-jobs/\(locale).md")
    }

    static func bundle(_ translations: [TranslationFile], material: Material = material) -> ContentBundle {
        ContentBundle(locales: [hmn, vi], materials: [MaterialFolder(material: material, translations: translations)])
    }

    static func database() throws -> AppDatabase {
        try AppDatabase.inMemory(now: { Date(timeIntervalSince1970: 1_800_000_000) })
    }
}
