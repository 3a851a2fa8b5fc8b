import Foundation

/// One thing wrong with a piece of input, with everything a person needs to find and fix it.
///
/// `file` is a path for files, `"request body"` or a parameter name for the API, `"argument"` for the CLI.
public struct InputIssue: Sendable, Hashable, Codable, CustomStringConvertible {
    public var file: String?
    public var line: Int?
    public var field: String?
    public var locale: String?
    public var problem: String
    public var fix: String

    public init(file: String? = nil, line: Int? = nil, field: String? = nil, locale: String? = nil,
                problem: String, fix: String) {
        self.file = file
        self.line = line
        self.field = field
        self.locale = locale
        self.problem = problem
        self.fix = fix
    }

    public var description: String {
        var place = file ?? ""
        if let line { place += place.isEmpty ? "line \(line)" : ":\(line)" }
        var text = place.isEmpty ? "" : place + ": "
        if let field { text += "field '\(field)': " }
        if let locale { text += "[\(locale)] " }
        return text + problem + " Fix: " + fix
    }
}

/// The errors of Loa's domain. They are turned into HTTP problem responses in one place (APIServer)
/// and into CLI messages in one place (LoaCommands); everything below throws these.
public enum LoaError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Input that cannot be accepted; nothing was changed.
    case invalidInput([InputIssue])
    /// A named thing does not exist.
    case notFound(String)
    /// The caller is known but may not do this.
    case forbidden(String)
    /// No valid credentials.
    case unauthorized(String)
    /// The thing changed since the caller read it; `current` is its present version tag.
    case conflict(String, current: String?)
    /// A write came without the version tag it must carry.
    case preconditionRequired(String)
    /// A workflow transition that the rules do not allow from the current state.
    case refusedTransition(String)

    public static func invalid(_ issue: InputIssue) -> LoaError { .invalidInput([issue]) }

    public var description: String {
        switch self {
        case .invalidInput(let issues): issues.map(\.description).joined(separator: "\n")
        case .notFound(let what): "Not found: \(what)"
        case .forbidden(let why): "Not allowed: \(why)"
        case .unauthorized(let why): "Not signed in: \(why)"
        case .conflict(let why, _): "Conflict: \(why)"
        case .preconditionRequired(let why): "Precondition required: \(why)"
        case .refusedTransition(let why): "Refused: \(why)"
        }
    }
}
