import CampaignModel
import FileOutput
import Foundation

/// Writes a `ContentBundle` back as `Content/` and `Locales/` files, in the one canonical form.
///
/// Each file is written aside and renamed into place, and a file whose bytes would not change is left
/// untouched, so a repeated export changes nothing on disk and git sees no noise.
public struct ContentWriter: Sendable {
    public init() {}

    /// Writes every material folder into `content` and, when given, every locale file into `locales`.
    /// Returns the paths it actually changed.
    @discardableResult
    public func write(_ bundle: ContentBundle, content: URL, locales: URL?) throws -> [String] {
        var changed: [String] = []
        for folder in bundle.materials {
            let directory = content.appendingPathComponent(folder.material.slug, isDirectory: true)
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            if try AtomicFileWriter.writeIfChanged(Data(MaterialFile.render(folder.material).utf8),
                                    to: directory.appendingPathComponent("material.yaml")) {
                changed.append("\(folder.material.slug)/material.yaml")
            }
            for translation in folder.translations {
                let url = directory.appendingPathComponent("\(translation.locale).md")
                if try AtomicFileWriter.writeIfChanged(Data(TranslationMarkdownFile.render(translation).utf8), to: url) {
                    changed.append("\(folder.material.slug)/\(translation.locale).md")
                }
            }
        }
        if let locales {
            try FileManager.default.createDirectory(at: locales, withIntermediateDirectories: true)
            for locale in bundle.locales {
                if try AtomicFileWriter.writeIfChanged(Data(LocaleFile.render(locale).utf8), to: locales.appendingPathComponent("\(locale.code).yaml")) {
                    changed.append("Locales/\(locale.code).yaml")
                }
            }
        }
        return changed
    }
}
