import CampaignModel
import Foundation

/// Reads and writes `Locales/<code>.yaml`.
public enum LocaleFile {
    static let fields = ["code", "iso639_3", "english_name", "autonym", "script", "direction", "fallbacks",
                         "words_per_minute", "ui"]

    /// Parses one locale file. `file` names it in errors; the file's name must be its code.
    public static func parse(_ text: String, file: String, expectedCode: String?) throws(LoaError) -> LocaleInfo {
        let yaml = try YAMLFields(parsing: text, file: file)
        yaml.rejectUnknownKeys(allowed: fields)
        let code = yaml.string("code")
        let iso = yaml.string("iso639_3")
        let english = yaml.string("english_name")
        let autonym = yaml.string("autonym")
        let script = yaml.string("script")
        let directionText = yaml.optionalString("direction")
        let fallbacks = yaml.stringList("fallbacks", required: false) ?? []
        let wpm = yaml.integer("words_per_minute", default: 130)
        let ui = yaml.stringMap("ui") ?? [:]

        if let code {
            if let problem = localeCodeProblem(code) {
                yaml.reject("code", problem, fix: "use a BCP 47 tag such as 'vi', 'hmn' or 'tyz'.")
            } else if let expectedCode, expectedCode != code {
                yaml.reject("code", "the code '\(code)' does not match the file name '\(expectedCode).yaml'.",
                            fix: "rename the file to '\(code).yaml' or change the code to '\(expectedCode)'.")
            }
            if fallbacks.contains(code) {
                yaml.reject("fallbacks", "a locale cannot fall back to itself.", fix: "remove '\(code)' from fallbacks.")
            }
        }
        if let iso, iso.count != 3 || !iso.allSatisfy({ $0.isASCII && $0.isLowercase }) {
            yaml.reject("iso639_3", "'\(iso)' is not an ISO 639-3 code.", fix: "use three lower-case letters, such as 'vie' or 'hmn'.")
        }
        var direction = TextDirection.ltr
        if let directionText {
            if let parsed = TextDirection(rawValue: directionText) { direction = parsed } else {
                yaml.reject("direction", "'\(directionText)' is not a writing direction.", fix: "write 'ltr' or 'rtl'.")
            }
        }
        if let wpm, !(40...400).contains(wpm) {
            yaml.reject("words_per_minute", "\(wpm) words per minute is not a speaking rate.", fix: "use a number between 40 and 400.")
        }
        guard yaml.issues.isEmpty, let code, let iso, let english, let autonym, let script, let wpm else {
            throw .invalidInput(yaml.issues)
        }
        return LocaleInfo(code: code, iso639_3: iso, englishName: english, autonym: autonym, script: script,
                          direction: direction, fallbacks: fallbacks, wordsPerMinute: wpm, uiStrings: ui)
    }

    /// Why `code` is not a usable BCP 47 tag, or nil. Only the shapes Loa uses: a 2–3 letter language
    /// subtag with optional script or region subtags.
    public static func localeCodeProblem(_ code: String) -> String? {
        let parts = code.split(separator: "-", omittingEmptySubsequences: false)
        guard let language = parts.first, (2...3).contains(language.count),
              language.allSatisfy({ $0.isASCII && $0.isLowercase }) else {
            return "'\(code)' is not a BCP 47 language tag."
        }
        for part in parts.dropFirst() where part.isEmpty || part.count > 8 || !part.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) {
            return "'\(code)' is not a BCP 47 language tag."
        }
        return nil
    }

    /// The canonical text of a locale file.
    public static func render(_ locale: LocaleInfo) -> String {
        var out = "code: \(YAMLWriter.scalar(locale.code))\n"
        out += "iso639_3: \(YAMLWriter.scalar(locale.iso639_3))\n"
        out += "english_name: \(YAMLWriter.scalar(locale.englishName))\n"
        out += "autonym: \(YAMLWriter.scalar(locale.autonym))\n"
        out += "script: \(YAMLWriter.scalar(locale.script))\n"
        out += "direction: \(locale.direction.rawValue)\n"
        out += "fallbacks: \(YAMLWriter.list(locale.fallbacks))\n"
        out += "words_per_minute: \(locale.wordsPerMinute)\n"
        if locale.uiStrings.isEmpty {
            out += "ui: {}\n"
        } else {
            out += "ui:\n"
            for key in locale.uiStrings.keys.sorted() {
                out += "  \(YAMLWriter.scalar(key)): \(YAMLWriter.scalar(locale.uiStrings[key] ?? ""))\n"
            }
        }
        return out
    }
}
