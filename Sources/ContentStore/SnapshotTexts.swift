/// What a snapshot holds of each published text (see `AppDatabase.snapshot(texts:)`).
public enum SnapshotTexts: Sendable {
    /// Title, summary, Markdown body, SMS text, notes and source pointer.
    case whole
    /// None of it: every `content` is empty, and `revisionHash` names the text. Titles and summaries are a
    /// third of a snapshot's reading time even without bodies, and a site rebuilt after one edit shows
    /// about a thousand of its ten thousand texts anew; it reads those by hash.
    case revisionsOnly
}
