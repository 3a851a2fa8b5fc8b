import Foundation

/// A planning estimate of how many SMS parts one message takes, to price SMS deliveries.
///
/// GSM 03.38: 160 septets in one part, 153 per part when concatenated, extension characters count twice;
/// one character outside the alphabet makes the message UCS-2 (70 code units, 67 per part). The SMS exporter
/// counts exactly (and does not split extension characters or surrogate pairs); this estimate may differ from
/// it by a part at most at the boundaries.
enum SMSPartEstimate {
    private static let basic: Set<Unicode.Scalar> = {
        let text = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
        return Set(text.unicodeScalars)
    }()
    private static let extended: Set<Unicode.Scalar> = Set("^{}\\[]~|€\u{0C}".unicodeScalars)

    /// Parts for `text` (at least 1).
    static func parts(for text: String) -> Int {
        var septets = 0
        var gsm = true
        for scalar in text.unicodeScalars {
            if basic.contains(scalar) { septets += 1 } else if extended.contains(scalar) { septets += 2 } else { gsm = false; break }
        }
        if gsm {
            return septets <= 160 ? 1 : (septets + 152) / 153
        }
        let units = text.utf16.count
        return units <= 70 ? 1 : (units + 66) / 67
    }
}
