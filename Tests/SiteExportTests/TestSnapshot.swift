import CampaignModel
import Foundation
@testable import SiteExport

/// Snapshots built in code for the site tests: Vietnamese (the source), English, a Tai Viet locale, a
/// Khmer locale, and Tày with no published translation (its pages fall back to Vietnamese).
enum TestSnapshot {
    /// A Tai Viet script sample (U+AA80–U+AADF) for rendering tests; not a vetted translation.
    static let taiViet = "\u{AA80}\u{AAB2}\u{AA99} \u{AA95}\u{AAB8}\u{AA89} \u{AAB5}\u{AA94}\u{AAB1}\u{AA9C} \u{AA8A}\u{AAB0}\u{AA89}\u{AAC1}"
    /// "Beware of human trafficking" in Khmer.
    static let khmer = "ប្រយ័ត្ននឹងការជួញដូរមនុស្ស"

    static let takenAt = Date(timeIntervalSince1970: 1_767_225_600)  // 2026-01-01T00:00:00Z

    static var locales: [LocaleInfo] {
        [
            LocaleInfo(code: "vi", iso639_3: "vie", englishName: "Vietnamese", autonym: "Tiếng Việt", script: "Latn",
                       uiStrings: vietnameseStrings),
            LocaleInfo(code: "en", iso639_3: "eng", englishName: "English", autonym: "English", script: "Latn",
                       fallbacks: ["vi"], uiStrings: englishStrings),
            LocaleInfo(code: "twh", iso639_3: "twh", englishName: "Tai Dón", autonym: "Tai Dón", script: "Tavt",
                       fallbacks: ["vi"]),
            LocaleInfo(code: "km", iso639_3: "khm", englishName: "Khmer", autonym: "ខ្មែរ", script: "Khmr",
                       fallbacks: ["vi"]),
            LocaleInfo(code: "tyz", iso639_3: "tyz", englishName: "Tày", autonym: "Tày", script: "Latn", fallbacks: ["vi"]),
        ]
    }

    static let vietnameseStrings: [String: String] = [
        "site_title": "Loa", "site_tagline": "Tài liệu phòng, chống mua bán người", "languages": "Ngôn ngữ",
        "topics": "Chủ đề", "about": "Giới thiệu", "about_text": "Tài liệu đọc được cả khi không có mạng.",
        "home": "Trang chủ",
        "not_yet_translated": "Tài liệu này chưa được dịch sang ngôn ngữ của bạn. Dưới đây là bản tiếng Việt.",
        "read_aloud_time": "Thời gian đọc to", "minutes": "phút", "print": "In", "published": "Ngày đăng",
        "other_languages": "Ngôn ngữ khác", "materials": "Tài liệu", "skip_to_content": "Chuyển đến nội dung chính",
        "revision": "Phiên bản", "topic.recruitment": "Lời mời đi làm", "topic.help": "Tìm giúp đỡ",
    ]

    static let englishStrings: [String: String] = [
        "site_title": "Loa", "site_tagline": "Materials against human trafficking", "languages": "Languages",
        "topics": "Topics", "about": "About", "about_text": "These materials can be read offline.", "home": "Home",
        "not_yet_translated": "This material has not been translated into your language yet. Below is the Vietnamese version.",
        "read_aloud_time": "Time to read aloud", "minutes": "minutes", "print": "Print", "published": "Published",
        "other_languages": "Other languages", "materials": "Materials", "skip_to_content": "Skip to main content",
        "revision": "Revision", "topic.recruitment": "Job offers", "topic.help": "Getting help",
    ]

    static func translation(_ slug: String, _ locale: String, title: String, summary: String, body: String,
                            day: Int = 1) -> PublishedTranslation {
        let content = TranslationContent(title: title, summary: summary, body: body)
        return PublishedTranslation(slug: slug, locale: locale, revisionHash: hash(content),
                                    content: content, publishedAt: takenAt.addingTimeInterval(Double(day - 30) * 86_400))
    }

    /// A stand-in revision hash: 64 hex digits that change with the content.
    static func hash(_ content: TranslationContent) -> String {
        var value: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in content.canonicalBytes {
            value = (value ^ UInt64(byte)) &* 0x100_0000_01b3
        }
        let part = String(value, radix: 16)
        let padded = String(repeating: "0", count: 16 - part.count) + part
        return String(repeating: padded, count: 4)
    }

    static func make(_ translations: [PublishedTranslation], locales: [LocaleInfo] = locales,
                     materials: [Material]? = nil) -> Snapshot {
        let sorted = translations.sorted { ($0.slug, $0.locale) < ($1.slug, $1.locale) }
        let slugs = Set(translations.map(\.slug)).sorted()
        let materials = materials ?? slugs.map {
            Material(slug: $0, topics: $0 == "where-to-get-help" ? ["help"] : ["recruitment", "help"],
                     audiences: ["women"], sourceLocale: "vi", channels: [.website])
        }
        let id = hashText(sorted.map { "\($0.slug)|\($0.locale)|\($0.revisionHash)" }.joined(separator: "\n"))
        return Snapshot(id: id, takenAt: takenAt, locales: locales, materials: materials, translations: sorted)
    }

    /// `snapshot` as `SnapshotTexts.revisionsOnly` reads it from the store: every text empty.
    static func withoutTexts(_ snapshot: Snapshot) -> Snapshot {
        make(snapshot.translations.map {
            var translation = $0
            translation.content = TranslationContent(title: "", summary: "", body: "")
            return translation
        }, locales: snapshot.locales, materials: snapshot.materials)
    }

    /// Reads the texts of `snapshots` by revision hash as the store does (without bodies: title and
    /// summary only), noting the hashes it is asked for in `withBodies` or `withoutBodies`.
    static func textReader(of snapshots: [Snapshot], withBodies: StepLog.Hashes = .init(),
                           withoutBodies: StepLog.Hashes = .init()) -> SiteExporter.TextReader {
        var texts: [String: TranslationContent] = [:]
        for translation in snapshots.flatMap(\.translations) { texts[translation.revisionHash] = translation.content }
        return { [texts] hashes, bodies in
            (bodies ? withBodies : withoutBodies).add(hashes)
            var found: [String: TranslationContent] = [:]
            for hash in hashes {
                guard let text = texts[hash] else { continue }
                found[hash] = bodies ? text : TranslationContent(title: text.title, summary: text.summary, body: "")
            }
            return found
        }
    }

    static func hashText(_ text: String) -> String {
        hash(TranslationContent(title: text, summary: "", body: ""))
    }

    static let jobOffersVi = translation(
        "fake-job-offers", "vi", title: "Cảnh giác với lời mời làm việc lương cao",
        summary: "Kẻ buôn người thường hứa việc nhẹ lương cao bên kia biên giới.",
        body: """
        Kẻ buôn người ít khi dùng vũ lực ngay từ đầu. Họ đến với lời hứa: *việc nhẹ, lương cao*.

        ## Dấu hiệu của lời mời lừa đảo

        - Hứa lương rất cao cho việc dễ.
        - Đòi giữ thẻ căn cước hoặc hộ chiếu của bạn.

        Xem thêm [Bộ Công an](https://bocongan.gov.vn) và ![sơ đồ](https://example.org/map.png).
        """)

    static let jobOffersEn = translation(
        "fake-job-offers", "en", title: "Beware of well-paid job offers abroad",
        summary: "Traffickers often promise easy, well-paid work across the border.",
        body: """
        Traffickers rarely use force at first. They come with a promise: *easy work, high pay* & <b>no papers</b>.

        ## Signs of a false offer

        - Very high pay for easy work.
        - They want to keep your ID card or passport.
        """)

    static let jobOffersTaiViet = translation(
        "fake-job-offers", "twh", title: taiViet, summary: taiViet, body: "\(taiViet)\n\n## \(taiViet)\n\n- \(taiViet)\n")

    static let jobOffersKhmer = translation(
        "fake-job-offers", "km", title: khmer, summary: khmer, body: "\(khmer)។\n\n## \(khmer)\n\n- \(khmer)\n")

    static let helpVi = translation(
        "where-to-get-help", "vi", title: "Tìm giúp đỡ ở đâu", summary: "Gọi 111, công an xã hoặc Hội Phụ nữ.",
        body: "Gọi **111** (miễn phí) bất cứ lúc nào.\n\n## Ở xã\n\nĐến công an xã hoặc Hội Phụ nữ xã.\n")

    /// The full test corpus: two materials, four locales with text, Tày with none.
    static var full: Snapshot {
        make([jobOffersVi, jobOffersEn, jobOffersTaiViet, jobOffersKhmer, helpVi])
    }
}
