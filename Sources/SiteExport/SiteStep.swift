/// The named steps of a site export, in order. Errors name the step they happened in.
public enum SiteStep: String, Sendable, Hashable, CaseIterable {
    case loadTheme = "load theme"
    case collectPages = "collect pages"
    case prepareFolder = "prepare folder"
    case renderMarkdown = "render Markdown"
    case applyTemplates = "apply templates"
    case writeManifest = "write manifest"
    case publish = "rename into place"
    case zip = "write zip"

    /// A short label for progress lines.
    public var label: String { rawValue }
}
