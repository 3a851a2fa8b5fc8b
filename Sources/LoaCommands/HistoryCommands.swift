import ArgumentParser
import CampaignModel
import ContentFiles
import ContentStore
import Foundation
import MarkdownRendering

/// `loa history SLUG LOCALE`: every revision of a translation.
struct HistoryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "history", abstract: "List every revision of a translation.")
    @OptionGroup var store: StoreOptions
    @Argument var slug: String
    @Argument var locale: String
    @Flag(help: "Print JSON.") var json = false

    func run() throws {
        let history = try store.openForReading().history(slug: slug, locale: locale)
        if json { print(try JSONText.encode(history)); return }
        for record in history {
            var marks: [String] = []
            if record.isHead { marks.append("newest") }
            if record.isPublished { marks.append("published") }
            if !record.info.approvedBy.isEmpty { marks.append("approved by " + record.info.approvedBy.joined(separator: ", ")) }
            print("#\(record.info.number)  \(record.info.hash)  \(record.info.createdAt)  \(record.info.author)"
                  + (marks.isEmpty ? "" : "  (" + marks.joined(separator: "; ") + ")"))
            print("     \(record.content.title)")
        }
    }
}

/// `loa diff SLUG LOCALE FROM TO`: what changed between two revisions.
struct DiffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "diff", abstract: "Show the changes between two revisions.")
    @OptionGroup var store: StoreOptions
    @Argument var slug: String
    @Argument var locale: String
    @Argument(help: "The older revision number.") var from: Int
    @Argument(help: "The newer revision number.") var to: Int
    @Flag(help: "Compare Markdown blocks (paragraphs, headings, list items) instead of lines.") var blocks = false

    func run() throws {
        let database = try store.openForReading()
        let old = try database.revision(slug: slug, locale: locale, number: from).content
        let new = try database.revision(slug: slug, locale: locale, number: to).content
        if old.title != new.title { print("title: - \(old.title)\ntitle: + \(new.title)") }
        if old.summary != new.summary { print("summary: - \(old.summary)\nsummary: + \(new.summary)") }
        let diff = blocks ? MarkdownRenderer().blockDiff(old.body, new.body) : TextDiff.lines(old.body, new.body)
        print(DiffText.render(diff))
    }
}

/// `loa changes SLUG LOCALE`: the source blocks a translator must revisit.
struct SourceChangesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "changes",
                                                    abstract: "Show what changed in the source text since a translation was made.")
    @OptionGroup var store: StoreOptions
    @Argument var slug: String
    @Argument var locale: String
    @Flag(help: "Print JSON.") var json = false

    func run() throws {
        let changes = try store.openForReading().sourceChanges(slug: slug, locale: locale)
        if json { print(try JSONText.encode(changes)); return }
        guard changes.fromHash != changes.toHash else {
            print("\(slug)/\(locale) is up to date with its \(changes.sourceLocale) source.")
            return
        }
        print("\(slug)/\(locale) was made from \(changes.sourceLocale) revision \(changes.fromHash?.prefix(12) ?? "?"); "
              + "the source is now \(changes.toHash?.prefix(12) ?? "?").")
        if changes.titleChanged { print("The title changed.") }
        if changes.summaryChanged { print("The summary changed.") }
        print(DiffText.render(changes.blocks.filter { $0.kind != .same }))
    }
}

/// Diffs as text: `-` removed, `+` added, two spaces unchanged.
enum DiffText {
    static func render(_ lines: [DiffLine]) -> String {
        lines.map { line in
            let mark = switch line.kind { case .same: "  "; case .added: "+ "; case .removed: "- " }
            return line.text.split(separator: "\n", omittingEmptySubsequences: false).map { mark + $0 }.joined(separator: "\n")
        }.joined(separator: "\n")
    }
}

/// `loa edit SLUG LOCALE FILE`: saves a Markdown file (front matter + body) as a new draft revision.
struct EditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "edit", abstract: "Save a Markdown file as a new draft revision.")
    @OptionGroup var store: StoreOptions
    @OptionGroup var auth: AuthOptions
    @Argument var slug: String
    @Argument var locale: String
    @Argument(help: "A file in the Content/<slug>/<locale>.md format.") var file: String
    @Option(name: .customLong("if-match"), help: "The revision hash you edited (default: the newest).") var ifMatch: String?

    func run() throws {
        let database = try store.open()
        let user = try auth.user(in: database)
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: file)) } catch {
            throw LoaError.invalid(InputIssue(file: file, problem: "the file cannot be read.", fix: "check the path."))
        }
        let parsed = try TranslationMarkdownFile.parse(try TextDecoding.decodeText(data, file: file), file: file, locale: locale)
        let expected = ifMatch ?? (try? database.translationState(slug: slug, locale: locale))?.head.hash
        let state = try database.saveDraft(slug: slug, locale: locale, content: parsed.content, expectedHead: expected, by: user)
        print("Saved \(slug)/\(locale) revision #\(state.head.number) \(state.head.hash) as \(state.status.rawValue).")
    }
}

/// `loa revert SLUG LOCALE N`: an old revision's text as the newest draft.
struct RestoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "revert", abstract: "Make an old revision the newest draft again (a new revision).")
    @OptionGroup var store: StoreOptions
    @OptionGroup var auth: AuthOptions
    @Argument var slug: String
    @Argument var locale: String
    @Argument(help: "The revision number to restore.") var revision: Int

    func run() throws {
        let database = try store.open()
        let user = try auth.user(in: database)
        let head = try database.translationState(slug: slug, locale: locale).head.hash
        let state = try database.restore(slug: slug, locale: locale, revision: revision, expectedHead: head, by: user)
        print("Restored revision #\(revision) of \(slug)/\(locale) as draft #\(state.head.number).")
    }
}

/// `loa workflow ACTION SLUG LOCALE`: submit, approve, reject, publish, archive or confirm.
struct WorkflowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "workflow",
                                                    abstract: "Submit, approve, reject, publish, archive or confirm a translation.")
    @OptionGroup var store: StoreOptions
    @OptionGroup var auth: AuthOptions
    @Argument(help: "submit, approve, reject, publish, archive or confirm.") var action: String
    @Argument var slug: String
    @Argument var locale: String
    @Option(help: "A note for the audit log.") var note = ""

    func run() throws {
        guard let parsed = WorkflowAction(rawValue: action) else {
            throw LoaError.invalid(InputIssue(file: "argument", field: "action", problem: "'\(action)' is not a workflow action.",
                                              fix: "use one of: \(WorkflowAction.allCases.map(\.rawValue).joined(separator: ", "))."))
        }
        let database = try store.open()
        let state = try database.transition(parsed, slug: slug, locale: locale, by: try auth.user(in: database), note: note)
        print("\(slug)/\(locale) is now \(state.status.rawValue)\(state.outdated ? " (outdated)" : "") at revision #\(state.head.number).")
    }
}
