import Foundation

/// One example of the CommonMark 0.30 spec, from `Fixtures/commonmark-spec-0.30.json`.
struct SpecExample: Decodable, Sendable {
    let markdown: String
    let html: String
    let example: Int
    let section: String

    /// All 652 examples, loaded once from the test bundle.
    static let all: [SpecExample] = {
        guard let url = Bundle.module.url(forResource: "commonmark-spec-0.30", withExtension: "json", subdirectory: "Fixtures"),
            let data = try? Data(contentsOf: url),
            let examples = try? JSONDecoder().decode([SpecExample].self, from: data)
        else { return [] }
        return examples
    }()
}

