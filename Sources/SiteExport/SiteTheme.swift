import CampaignModel
import Foundation
import Mustache

/// The Mustache templates and stylesheets a site is made with: the built-in theme, with any file of a
/// theme folder replacing the built-in file of the same name.
///
/// Templates: `base` (the frame, with a `main` block), `languages` (root page), `index` (a language's
/// materials by topic), `material`, `about`; other `.mustache` files in a theme folder can be used as
/// partials. Stylesheets: `style.css` and `print.css`. The variables each template receives are listed in
/// `Resources/Theme/README.md`.
public struct SiteTheme: Sendable {
    /// The templates every site needs.
    public static let requiredTemplates = ["base", "languages", "index", "material", "about"]
    /// The stylesheets copied to the site root.
    public static let stylesheets = ["style.css", "print.css"]

    let library: MustacheLibrary
    /// Renders the library's templates (by swift-mustache's rules, without its cost).
    let templates: SiteTemplates
    /// Stylesheet name to its bytes.
    let stylesheets: [String: Data]
    /// SHA-256 over every template's and stylesheet's name and text: part of every page's fingerprint.
    let digest: String

    /// The built-in theme shipped with Loa.
    public static func builtIn() throws -> SiteTheme {
        try load(overrides: nil)
    }

    /// The built-in theme with the files of `directory` (if any) in place of the built-in ones.
    ///
    /// - Throws: `LoaError.invalidInput` naming the template file and line of a template that does not
    ///   parse, or the theme folder when it cannot be read.
    public static func load(overrides directory: URL?) throws -> SiteTheme {
        var files = ThemeFiles.builtIn
        if let directory {
            let overrides = try ThemeFiles(directory: directory, label: directory.path + "/")
            files.templates.merge(overrides.templates) { _, new in new }
            files.stylesheets.merge(overrides.stylesheets) { _, new in new }
        }
        return try SiteTheme(sources: files.templates, stylesheets: files.stylesheets)
    }

    /// A theme from template texts (name without `.mustache` to text) and stylesheets; for tests and for
    /// embedding Loa elsewhere. Missing templates or stylesheets are taken from the built-in theme.
    public static func make(templates: [String: String], stylesheets: [String: String] = [:]) throws -> SiteTheme {
        var files = ThemeFiles.builtIn
        for (name, text) in templates { files.templates[name] = (text, "\(name).mustache") }
        for (name, text) in stylesheets { files.stylesheets[name] = Data(text.utf8) }
        return try SiteTheme(sources: files.templates, stylesheets: files.stylesheets)
    }

    /// The templates and stylesheets of one folder.
    private struct ThemeFiles {
        var templates: [String: (text: String, file: String)] = [:]
        var stylesheets: [String: Data] = [:]

        /// The built-in theme, compiled into the program (`Package.swift` embeds each file of
        /// `Resources/Theme`): nothing has to be found beside the executable, so `loa` runs wherever it is
        /// copied.
        static let builtIn: ThemeFiles = {
            var files = ThemeFiles()
            let embedded: [(String, [UInt8])] = [
                ("about.mustache", PackageResources.about_mustache), ("base.mustache", PackageResources.base_mustache),
                ("index.mustache", PackageResources.index_mustache), ("languages.mustache", PackageResources.languages_mustache),
                ("material.mustache", PackageResources.material_mustache), ("print.css", PackageResources.print_css),
                ("style.css", PackageResources.style_css),
            ]
            for (name, bytes) in embedded {
                files.add(name, label: "built-in theme: ") { String(decoding: bytes, as: UTF8.self) } data: { Data(bytes) }
            }
            return files
        }()

        private init() {}

        init(directory: URL, label: String) throws {
            let names: [String]
            do {
                names = try FileManager.default.contentsOfDirectory(atPath: directory.path)
            } catch {
                throw LoaError.invalid(InputIssue(
                    file: directory.path, problem: "the theme folder cannot be read: \(error.localizedDescription)",
                    fix: "Give --theme a folder that holds .mustache and .css files."))
            }
            for name in names.sorted() {
                let url = directory.appendingPathComponent(name)
                try add(name, label: label) { try SiteTheme.readText(url) } data: { try SiteTheme.readData(url) }
            }
        }

        /// Takes the file `name` as a template or a stylesheet, reading only what it is; other files are left.
        private mutating func add(_ name: String, label: String, text: () throws -> String, data: () throws -> Data) rethrows {
            if name.hasSuffix(".mustache") {
                templates[String(name.dropLast(".mustache".count))] = (try text(), label + name)
            } else if SiteTheme.stylesheets.contains(name) {
                stylesheets[name] = try data()
            }
        }
    }

    private init(sources: [String: (text: String, file: String)], stylesheets: [String: Data]) throws {
        var library = MustacheLibrary()
        var fingerprint = Fingerprint()
        for name in sources.keys.sorted() {
            let source = sources[name]!
            do {
                library.register(try MustacheTemplate(string: source.text), named: name)
            } catch let error as MustacheTemplate.ParserError {
                throw LoaError.invalid(InputIssue(
                    file: source.file, line: error.context.lineNumber,
                    problem: "the template does not parse (\(Self.explain(error.error)), column \(error.context.columnNumber): \"\(error.context.line)\").",
                    fix: "Close every {{#section}} with {{/section}} of the same name, and every {{ with }}."))
            }
            fingerprint.field(name)
            fingerprint.field(source.text)
        }
        for name in Self.requiredTemplates where sources[name] == nil {
            throw LoaError.invalid(InputIssue(file: "\(name).mustache", problem: "the theme has no '\(name)' template.",
                                              fix: "Add \(name).mustache to the theme folder or remove --theme."))
        }
        for name in Self.stylesheets {
            guard let data = stylesheets[name] else {
                throw LoaError.invalid(InputIssue(file: name, problem: "the theme has no \(name).",
                                                  fix: "Add \(name) to the theme folder or remove --theme."))
            }
            fingerprint.field(name)
            fingerprint.append(data)
        }
        self.library = library
        self.templates = SiteTemplates(library: library, names: sources.keys.sorted())
        self.stylesheets = stylesheets
        self.digest = fingerprint.hex
    }

    /// Renders the template `name` with `context`, as UTF-8.
    func render(_ name: String, _ context: TemplateValue) -> [UInt8] {
        templates.render(name, context)
    }

    private static func explain(_ error: any Error) -> String {
        guard let error = error as? MustacheTemplate.Error else { return "\(error)" }
        switch error {
        case .sectionCloseNameIncorrect: return "a section is closed with another name than it was opened with"
        case .unfinishedName: return "a tag is not finished"
        case .expectedSectionEnd: return "a section is never closed"
        case .invalidSetDelimiter: return "a set-delimiter tag is malformed"
        case .transformAppliedToInheritanceSection: return "a transform is applied to an inheritance section"
        case .illegalTokenInsideInheritSection: return "a tag is not allowed inside an inheritance section"
        case .textInsideInheritSection: return "text is not allowed directly inside an inheritance section"
        case .invalidConfigVariableSyntax: return "a pragma is malformed"
        case .unrecognisedConfigVariable: return "a pragma is unknown"
        }
    }

    fileprivate static func readText(_ url: URL) throws -> String {
        do {
            let data = try Data(contentsOf: url)
            guard let text = String(data: data, encoding: .utf8) else {
                throw LoaError.invalid(InputIssue(file: url.path, problem: "the template is not UTF-8 text.",
                                                  fix: "Save the template as UTF-8."))
            }
            return text
        } catch let error as LoaError {
            throw error
        } catch {
            throw SiteExportError(step: SiteStep.loadTheme.rawValue, path: url.path, reason: error.localizedDescription)
        }
    }

    fileprivate static func readData(_ url: URL) throws -> Data {
        do {
            return try Data(contentsOf: url)
        } catch {
            throw SiteExportError(step: SiteStep.loadTheme.rawValue, path: url.path, reason: error.localizedDescription)
        }
    }
}
