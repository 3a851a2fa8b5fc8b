import Foundation
import Testing
@testable import SMSExport

@Suite struct KhongDauTests {
    @Test func vietnameseSentenceBecomesGSM7() {
        let text = "Cảnh giác với lời mời làm việc lương cao ở nước ngoài"
        let result = KhongDau.transliterate(text)
        #expect(result == "Canh giac voi loi moi lam viec luong cao o nuoc ngoai")
        #expect(SMSAnalysis(result).encoding == .gsm7)
        #expect(KhongDau.transliterate(text.decomposedStringWithCanonicalMapping) == result)
    }

    @Test func vietnameseLettersAndTones() {
        #expect(KhongDau.transliterate("đĐưƯơƠăĂâÂêÊôÔ") == "dDuUoOaAaAeEoO")
        #expect(KhongDau.transliterate("ÁÀẢÃẠ áàảãạ ỰỪỨỬỮ") == "AAAAA aaaaa UUUUU")
        #expect(KhongDau.transliterate("Buôn bán người là tội phạm") == "Buon ban nguoi la toi pham")
    }

    @Test func minorityOrthographies() {
        // Ê Đê / Jarai: breves, carons, b with stroke; Chữ Hmông Việt and Tày letters.
        #expect(KhongDau.transliterate("klei Êđê") == "klei Ede")
        #expect(KhongDau.transliterate("Ƀuôn Ma Thuột ĕ ĭ ŏ ŭ ơ̆ ư̆ č Č ñ") == "Buon Ma Thuot e i o u o u c C n")
        #expect(KhongDau.transliterate("Hmôngz") == "Hmongz")
        #expect(KhongDau.transliterate("Tơlơi Jrai") == "Toloi Jrai")
        #expect(SMSAnalysis(KhongDau.transliterate("Ƀuôn Ma Thuột ĕ ĭ ŏ ŭ ơ̆ ư̆ č")).encoding == .gsm7)
    }

    @Test func typography() {
        #expect(KhongDau.transliterate("“Đừng tin” – ‘lời hứa’ — …") == "\"Dung tin\" - 'loi hua' - ...")
        #expect(KhongDau.transliterate("1\u{00A0}000\u{202F}đồng") == "1 000 dong")
        #expect(KhongDau.transliterate("a\u{00AD}b\u{200B}c") == "abc")
    }

    @Test func gsmLatinLettersAreStrippedToo() {
        #expect(KhongDau.transliterate("é è ù ì ò à É Ä Ö Ñ Ü Å Ç Ø ø") == "e e u i o a E A O N U A C O o")
        #expect(KhongDau.transliterate("Æ æ ß") == "Æ æ ß")
        #expect(KhongDau.transliterate("Hello, {world} €5 @home") == "Hello, {world} €5 @home")
    }

    @Test func otherScriptsAndEmojiRemainAndAreReported() {
        let text = "Cảnh báo ការជួញដូរ ꪼꪕ 👍"
        let comparison = SMSCostComparison(text)
        #expect(comparison.khongDau.text == "Canh bao ការជួញដូរ ꪼꪕ 👍")
        #expect(comparison.khongDau.encoding == .ucs2)
        let remaining = comparison.remainingAfterKhongDau.flatMap { Array($0.character.unicodeScalars) }
        #expect(remaining.contains("ក"))
        #expect(remaining.contains("ꪼ"))
        #expect(remaining.contains("👍"))
        #expect(!remaining.contains { $0.isASCII })
        #expect(comparison.remainingAfterKhongDau.first?.offset == 9)
        // Keycap emoji keep their combining enclosing keycap.
        #expect(KhongDau.transliterate("1\u{FE0F}\u{20E3}") == "1\u{FE0F}\u{20E3}")
    }

    @Test func comparisonShowsBothCostsAndChangesNothing() {
        let text = String(repeating: "Cảnh giác với lời mời làm việc lương cao ở nước ngoài. ", count: 3)
        let comparison = SMSCostComparison(text)
        #expect(comparison.asWritten.text == text.precomposedStringWithCanonicalMapping)
        #expect(comparison.asWritten.encoding == .ucs2)
        #expect(comparison.asWritten.parts == 3)
        #expect(comparison.khongDau.encoding == .gsm7)
        #expect(comparison.khongDau.parts == 2)
        #expect(comparison.partsSaved == 1)
        #expect(comparison.remainingAfterKhongDau.isEmpty)
    }
}
