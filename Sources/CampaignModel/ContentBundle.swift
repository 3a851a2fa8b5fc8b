import Foundation

/// One translation as the exchange format carries it (a `Content/<slug>/<locale>.md` file).
public struct TranslationFile: Sendable, Hashable {
    public var locale: String
    public var status: TranslationStatus
    public var content: TranslationContent
    /// Where it came from, relative to the content folder (`fake-job-offers/vi.md`), for audit and errors.
    public var path: String

    public init(locale: String, status: TranslationStatus, content: TranslationContent, path: String) {
        self.locale = locale
        self.status = status
        self.content = content
        self.path = path
    }
}

/// One material folder: its `material.yaml` and its translations, source locale first.
public struct MaterialFolder: Sendable, Hashable {
    public var material: Material
    public var translations: [TranslationFile]

    public init(material: Material, translations: [TranslationFile]) {
        self.material = material
        self.translations = translations
    }
}

/// Everything under `Content/` and `Locales/`: the exchange format between git and the store.
public struct ContentBundle: Sendable, Hashable {
    public var locales: [LocaleInfo]
    public var materials: [MaterialFolder]

    public init(locales: [LocaleInfo], materials: [MaterialFolder]) {
        self.locales = locales
        self.materials = materials
    }
}
