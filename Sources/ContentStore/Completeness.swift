import CampaignModel
import Foundation

/// The state of one (material, locale) cell of the completeness matrix.
public enum CompletenessState: String, Sendable, Codable, CaseIterable {
    case missing
    case draft
    case inReview = "in_review"
    case approved
    case published
    case archived
    case outdated
}

/// One cell of the completeness matrix.
public struct CompletenessCell: Sendable, Codable, Equatable {
    public var slug: String
    public var locale: String
    /// `outdated` wins over the workflow status: a translator must look at it first.
    public var state: CompletenessState
    public var status: TranslationStatus?
    public var outdated: Bool
    /// True when readers have a published revision, even if a newer draft exists.
    public var hasPublished: Bool
}

/// Material × locale: what exists, in what state, and counts per locale.
public struct Completeness: Sendable, Codable, Equatable {
    public var locales: [String]
    public var materials: [String]
    public var cells: [CompletenessCell]
    /// Per locale: count of cells in each state.
    public var counts: [String: [String: Int]]
}
