import CampaignModel
import Hummingbird

/// What the API knows about one request besides the request itself: who sent it.
struct APIRequestContext: RequestContext {
    var coreContext: CoreRequestContextStorage
    /// The signed-in user (set by `AuthMiddleware`); nil for anonymous clients.
    var user: User?

    init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
    }

    /// A path parameter, in NFC. Routes only match when their parameters are present.
    func path(_ name: String) throws -> String {
        TextFolding.nfc(try parameters.require(name))
    }
}

extension Request {
    /// A query parameter in NFC; nil when absent or empty.
    func query(_ name: String) -> String? {
        guard let value = uri.queryParameters[name[...]], !value.isEmpty else { return nil }
        return TextFolding.nfc(String(value))
    }

    /// An integer query parameter within `range`; nil when absent.
    func query(_ name: String, in range: ClosedRange<Int>) throws -> Int? {
        guard let text = query(name) else { return nil }
        guard let value = Int(text), range.contains(value) else {
            throw LoaError.invalid(InputIssue(file: "query", field: name, problem: "'\(text)' is not a whole number from \(range.lowerBound) to \(range.upperBound).",
                                              fix: "give \(name)=\(range.lowerBound)…\(range.upperBound)."))
        }
        return value
    }
}
