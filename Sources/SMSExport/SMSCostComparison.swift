/// One text's cost as written and in không dấu form (``KhongDau``), so a person can see both and choose.
///
/// Nothing is applied: `asWritten` is what will be sent unless someone writes the không dấu text as the
/// material's `sms:` variant. When the text is already GSM-7 the two forms may still differ (không dấu also
/// strips é è à … and straightens quotes) but cost the same.
public struct SMSCostComparison: Sendable, Hashable, Codable {
    public var asWritten: SMSAnalysis
    public var khongDau: SMSAnalysis

    /// Analyses `text` (normalised to NFC) and its không dấu form.
    public init(_ text: String) {
        self.init(asWritten: SMSAnalysis(text))
    }

    /// Adds the không dấu form to an analysis already made.
    public init(asWritten: SMSAnalysis) {
        self.asWritten = asWritten
        self.khongDau = SMSAnalysis(nfc: KhongDau.transliterate(asWritten.text))
    }

    /// Characters that keep the không dấu form in UCS-2 (Khmer, Tai Viet, emoji …); empty when it is GSM-7.
    public var remainingAfterKhongDau: [ForcingCharacter] { khongDau.forcing }

    /// Parts saved per recipient by sending the không dấu form (0 when it saves nothing).
    public var partsSaved: Int { max(0, asWritten.parts - khongDau.parts) }
}
