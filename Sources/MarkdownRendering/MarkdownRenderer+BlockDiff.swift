import CampaignModel

extension MarkdownRenderer {
    /// Diff of two Markdown texts by leaf block (paragraph, heading, list-item paragraph, code block), each
    /// block shown as its Markdown source: what a translator must revisit when the source text changes.
    public func blockDiff(_ old: String, _ new: String) -> [DiffLine] {
        TextDiff.diff(blocks(old).map(\.markdown), blocks(new).map(\.markdown))
    }
}
