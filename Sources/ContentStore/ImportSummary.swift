import Foundation

/// What an import changed. A repeated import of unchanged files reports only `unchanged`.
public struct ImportSummary: Sendable, Codable, Equatable {
    public var localesAdded = 0
    public var localesUpdated = 0
    public var materialsAdded = 0
    public var materialsUpdated = 0
    public var translationsAdded = 0
    public var revisionsCreated = 0
    public var statusChanges = 0
    public var unchanged = 0

    public init() {}

    public var changedAnything: Bool {
        localesAdded + localesUpdated + materialsAdded + materialsUpdated + translationsAdded + revisionsCreated
            + statusChanges > 0
    }
}
