import CampaignModel
import Foundation

/// Reads `Content/` and `Locales/` into a validated `ContentBundle`.
///
/// It reads everything and reports every problem it finds at once, each naming its file: a translator
/// fixing a batch of files should not have to run the import once per mistake.
public struct ContentReader: Sendable {
    /// Folder names under `Content/` that hold other data, not materials.
    public static let reservedFolders: Set<String> = ["regions", "campaigns"]

    public init() {}

    public func read(content: URL, locales: URL) throws(LoaError) -> ContentBundle {
        var issues: [InputIssue] = []
        var localeInfos: [LocaleInfo] = []
        var materials: [MaterialFolder] = []
        stream(content: content, locales: locales, prepare: { $0 },
               locales: { localeInfos = $0 }, folder: { materials.append($0) }, issues: { issues += $0 })
        if !issues.isEmpty { throw .invalidInput(issues) }
        return ContentBundle(locales: localeInfos, materials: materials)
    }

    /// Reads like `read(content:locales:)`, handing over what it has read as it goes, so that an import
    /// can store one batch of folders while the next is being read on the other cores.
    ///
    /// On the calling thread and in file order: `locales` once, then `folder` for every material folder
    /// without problems and `issues` for the problems of the others (a folder with any problem is not
    /// handed over, so that nothing downstream reports a consequence of it as a problem of its own).
    /// Problems never stop the reading: every file is read and every problem reported. `prepare` runs on
    /// the reading threads, for work on a folder that need not wait for the caller.
    public func stream<Prepared: Sendable>(
        content: URL, locales: URL, prepare: @escaping @Sendable (MaterialFolder) -> Prepared,
        locales onLocales: ([LocaleInfo]) throws -> Void, folder onFolder: (Prepared) throws -> Void,
        issues onIssues: ([InputIssue]) throws -> Void
    ) rethrows {
        var issues: [InputIssue] = []
        let localeInfos = readLocales(locales, issues: &issues)
        let known = Set(localeInfos.map(\.code))
        for locale in localeInfos {
            for fallback in locale.fallbacks where !known.contains(fallback) {
                issues.append(InputIssue(file: "Locales/\(locale.code).yaml", field: "fallbacks",
                                         problem: "the fallback '\(fallback)' is not a known locale.",
                                         fix: "add Locales/\(fallback).yaml or remove it from fallbacks."))
            }
        }
        try onLocales(localeInfos)
        let urls = materialFolders(content, issues: &issues)
        if !issues.isEmpty { try onIssues(issues) }

        // Parsing YAML and normalising text is most of the cost: folders are read in batches on every core,
        // the next batch while the caller takes the one before.
        let batches = stride(from: 0, to: urls.count, by: Self.batchSize).map { $0..<min($0 + Self.batchSize, urls.count) }
        var pending = batches.first.map { FolderBatch(reading: Array(urls[$0]), reader: self, knownLocales: known, prepare: prepare) }
        defer { pending?.wait() }
        for index in batches.indices {
            guard let batch = pending else { break }
            batch.wait()
            pending = index + 1 < batches.count
                ? FolderBatch(reading: Array(urls[batches[index + 1]]), reader: self, knownLocales: known, prepare: prepare) : nil
            for slot in 0..<batch.count {
                let (prepared, found) = batch.result(slot)
                if !found.isEmpty {
                    try onIssues(found)
                } else if let prepared {
                    try onFolder(prepared)
                }
            }
        }
    }

    /// Folders read at a time: small enough that the caller soon has work, large enough that waking the
    /// reading threads costs nothing.
    public static let batchSize = 32

    func readLocales(_ folder: URL, issues: inout [InputIssue]) -> [LocaleInfo] {
        var result: [LocaleInfo] = []
        for url in listing(folder, issues: &issues) where url.pathExtension == "yaml" {
            let name = "Locales/\(url.lastPathComponent)"
            do throws(LoaError) {
                let text = try readText(url, name: name)
                result.append(try LocaleFile.parse(text, file: name, expectedCode: url.deletingPathExtension().lastPathComponent))
            } catch {
                issues += error.issues
            }
        }
        if result.isEmpty, issues.isEmpty {
            issues.append(InputIssue(file: folder.path, problem: "no locale files were found.",
                                     fix: "add at least one Locales/<code>.yaml file."))
        }
        return result.sorted { $0.code < $1.code }
    }

    /// The material folders under `folder`, in name order; misnamed ones become issues.
    func materialFolders(_ folder: URL, issues: inout [InputIssue]) -> [URL] {
        var folders: [URL] = []
        for url in listing(folder, issues: &issues) {
            let folderName = url.lastPathComponent
            guard isDirectory(url), !Self.reservedFolders.contains(folderName), !folderName.hasPrefix(".") else { continue }
            if let problem = Material.slugProblem(folderName) {
                issues.append(InputIssue(file: "\(folderName)/", problem: "the folder name is not a valid slug: \(problem)",
                                         fix: "rename the folder with lower-case letters, digits and single hyphens."))
                continue
            }
            folders.append(url)
        }
        return folders
    }

    func readMaterialFolder(_ url: URL, slug: String, knownLocales: Set<String>, issues: inout [InputIssue]) -> MaterialFolder? {
        let materialName = "\(slug)/material.yaml"
        var material: Material?
        do throws(LoaError) {
            material = try MaterialFile.parse(try readText(url.appendingPathComponent("material.yaml"), name: materialName),
                                              file: materialName, folderName: slug)
        } catch {
            issues += error.issues
        }
        if let material, !knownLocales.contains(material.sourceLocale) {
            issues.append(InputIssue(file: materialName, field: "source_locale",
                                     problem: "the source locale '\(material.sourceLocale)' is not a known locale.",
                                     fix: "use one of: \(knownLocales.sorted().joined(separator: ", "))."))
        }
        var translations: [TranslationFile] = []
        var folderIssues: [InputIssue] = []
        for file in listing(url, issues: &folderIssues) {
            let name = file.lastPathComponent
            guard name != "material.yaml", !name.hasPrefix(".") else { continue }
            let path = "\(slug)/\(name)"
            guard file.pathExtension == "md" else {
                folderIssues.append(InputIssue(file: path, problem: "this file is not part of the content format.",
                                               fix: "keep only material.yaml and <locale>.md files in a material folder."))
                continue
            }
            let locale = file.deletingPathExtension().lastPathComponent
            guard knownLocales.contains(locale) else {
                folderIssues.append(InputIssue(file: path, locale: locale, problem: "'\(locale)' is not a known locale.",
                                               fix: "name the file after a locale in Locales/ (\(knownLocales.sorted().joined(separator: ", "))), or add Locales/\(locale).yaml."))
                continue
            }
            do throws(LoaError) {
                translations.append(try TranslationMarkdownFile.parse(try readText(file, name: path), file: path, locale: locale))
            } catch {
                folderIssues += error.issues
            }
        }
        issues += folderIssues
        guard let material else { return nil }
        let source = material.sourceLocale
        if !translations.contains(where: { $0.locale == source }), folderIssues.isEmpty {
            issues.append(InputIssue(file: "\(slug)/\(source).md", locale: source,
                                     problem: "the source text in '\(source)' is missing: a translation of a material needs its source.",
                                     fix: "add \(slug)/\(source).md or change source_locale in \(materialName)."))
        }
        for translation in translations where translation.locale == source && translation.content.translatedFrom != nil {
            issues.append(InputIssue(file: translation.path, field: "translated_from", locale: source,
                                     problem: "the source text cannot be translated from another revision.",
                                     fix: "remove the translated_from line from the source-language file."))
        }
        translations.sort { ($0.locale == source ? 0 : 1, $0.locale) < ($1.locale == source ? 0 : 1, $1.locale) }
        return MaterialFolder(material: material, translations: translations)
    }

    private func listing(_ folder: URL, issues: inout [InputIssue]) -> [URL] {
        do {
            // Each name is taken once: a URL makes it anew on every call, and sorting asks n log n times.
            return try FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: [.isDirectoryKey])
                .map { ($0.lastPathComponent, $0) }.sorted { $0.0 < $1.0 }.map(\.1)
        } catch {
            issues.append(InputIssue(file: folder.path, problem: "the folder cannot be read.",
                                     fix: "check that the folder exists and is readable."))
            return []
        }
    }

    private func isDirectory(_ url: URL) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) && isDirectory.boolValue
    }

    private func readText(_ url: URL, name: String) throws(LoaError) -> String {
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw .invalid(InputIssue(file: name, problem: "the file cannot be read.", fix: "check that it exists and is readable."))
        }
        return try TextDecoding.decodeText(data, file: name)
    }
}

extension LoaError {
    /// The input issues this error carries, or one issue describing it.
    public var issues: [InputIssue] {
        if case .invalidInput(let issues) = self { return issues }
        return [InputIssue(problem: description, fix: "see the message above.")]
    }
}

/// One batch of material folders being read (and prepared) on every core, in the background.
///
/// Each slot is written by exactly one reading iteration and read only after `wait()`, which the group
/// orders after all of them.
private final class FolderBatch<Prepared: Sendable>: @unchecked Sendable {
    let count: Int
    private let slots: UnsafeMutableBufferPointer<(Prepared?, [InputIssue])>
    private let group = DispatchGroup()
    private var waited = false

    init(reading urls: [URL], reader: ContentReader, knownLocales: Set<String>,
         prepare: @escaping @Sendable (MaterialFolder) -> Prepared) {
        count = urls.count
        slots = .allocate(capacity: urls.count)
        slots.initialize(repeating: (nil, []))
        DispatchQueue.global().async(group: group) { [self] in
            DispatchQueue.concurrentPerform(iterations: urls.count) { index in
                var found: [InputIssue] = []
                let folder = reader.readMaterialFolder(urls[index], slug: urls[index].lastPathComponent,
                                                       knownLocales: knownLocales, issues: &found)
                slots[index] = (found.isEmpty ? folder.map(prepare) : nil, found)
            }
        }
    }

    func wait() {
        guard !waited else { return }
        group.wait()
        waited = true
    }

    func result(_ index: Int) -> (Prepared?, [InputIssue]) { slots[index] }

    deinit {
        group.wait()
        _ = slots.deinitialize()
        slots.deallocate()
    }
}
