/// A step of the site export failed on a file; the previous site is untouched.
///
/// Problems with the input itself (unknown locale, bad base URL, a broken template) are thrown as
/// `LoaError.invalidInput` instead, naming the file and line to fix.
public struct SiteExportError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The pipeline step that failed (`SiteStep.rawValue`).
    public var step: String
    /// The file or folder being worked on, if any.
    public var path: String?
    /// What went wrong.
    public var reason: String

    public init(step: String, path: String? = nil, reason: String) {
        self.step = step
        self.path = path
        self.reason = reason
    }

    public var description: String {
        "site export failed in step '\(step)'" + (path.map { " at \($0)" } ?? "") + ": \(reason)"
            + " The previous site, if any, is unchanged."
    }
}
