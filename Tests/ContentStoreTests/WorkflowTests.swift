import CampaignModel
import ContentStore
import Foundation
import Testing

@Suite struct WorkflowTests {
    typealias F = StoreFixture
    let database: AppDatabase
    let editor = User(name: "lan", role: .editor)
    let translator = User(name: "pao", role: .translator, locales: ["hmn"])
    let reviewer = User(name: "mai", role: .reviewer, locales: ["hmn"])
    let viReviewer = User(name: "hoa", role: .reviewer, locales: ["vi"])

    init() throws {
        database = try F.database()
        try database.importContent(F.bundle([F.translation("vi", "Một", body: "Đoạn một.\n\n## Hai\n\n- Ba\n")]), actor: "import")
    }

    func content(_ title: String, body: String = "Cov lus.\n") -> TranslationContent {
        TranslationContent(title: title, summary: "Nug", body: body)
    }

    func expectRefusal(_ expected: (LoaError) -> Bool, sourceLocation: SourceLocation = #_sourceLocation,
                       _ body: () throws -> Void) {
        do {
            try body()
            Issue.record("expected a refusal", sourceLocation: sourceLocation)
        } catch let error as LoaError {
            #expect(expected(error), "unexpected \(error)", sourceLocation: sourceLocation)
        } catch {
            Issue.record("unexpected \(error)", sourceLocation: sourceLocation)
        }
    }

    func isForbidden(_ error: LoaError) -> Bool { if case .forbidden = error { true } else { false } }
    func isRefused(_ error: LoaError) -> Bool { if case .refusedTransition = error { true } else { false } }

    @Test func theWholePathFromDraftToPublished() throws {
        let draft = try database.saveDraft(slug: "fake-jobs", locale: "hmn", content: content("Ib"), expectedHead: nil, by: translator)
        #expect(draft.status == .draft)
        #expect(draft.head.author == "pao")
        #expect(!draft.outdated)
        try database.transition(.submit, slug: "fake-jobs", locale: "hmn", by: translator)
        try database.transition(.approve, slug: "fake-jobs", locale: "hmn", by: reviewer)
        let published = try database.transition(.publish, slug: "fake-jobs", locale: "hmn", by: reviewer)
        #expect(published.status == .published)
        #expect(published.published?.hash == draft.head.hash)
        #expect(published.published?.approvedBy == ["mai"])
        #expect(try database.snapshot().translation("fake-jobs", "hmn")?.revisionHash == draft.head.hash)
        let actions = try database.auditLog(slug: "fake-jobs", locale: "hmn").map(\.action)
        #expect(actions == ["publish", "approve", "submit", "revision.create"])
        #expect(try database.auditLog(slug: "fake-jobs", locale: "hmn").allSatisfy { $0.revisionHash == draft.head.hash })
    }

    /// Every action from every status it does not start from is refused, saying the status it found, and
    /// changes nothing: not the status, not the revision, not the audit log. An admin asks, so the refusal
    /// is the workflow's and not a missing right.
    @Test func everyActionFromAStatusItDoesNotStartFromIsRefused() throws {
        let admin = User(name: "root", role: .admin)
        try database.saveDraft(slug: "fake-jobs", locale: "hmn", content: content("Ib"), expectedHead: nil, by: translator)
        // The statuses in the order the workflow reaches them, the action that leads on and who takes it.
        let path: [(status: TranslationStatus, next: WorkflowAction?, by: User)] = [
            (.draft, .submit, translator), (.inReview, .approve, reviewer), (.approved, .publish, reviewer),
            (.published, .archive, admin), (.archived, nil, admin),
        ]
        var refused: [String] = []
        for (status, next, actor) in path {
            let before = try database.translationState(slug: "fake-jobs", locale: "hmn")
            #expect(before.status == status)
            let audited = try database.auditLog(slug: "fake-jobs", locale: "hmn").count
            for action in WorkflowAction.allCases where action != .confirm && !action.transition.from.contains(status) {
                do {
                    try database.transition(action, slug: "fake-jobs", locale: "hmn", by: admin)
                    Issue.record("\(action) from \(status) was allowed")
                } catch LoaError.refusedTransition(let message) {
                    #expect(message.contains("it is \(status.rawValue);"), "\(message)")
                    refused.append("\(status.rawValue):\(action.rawValue)")
                }
                let after = try database.translationState(slug: "fake-jobs", locale: "hmn")
                #expect(after.status == status && after.head.hash == before.head.hash)
                #expect(try database.auditLog(slug: "fake-jobs", locale: "hmn").count == audited)
            }
            if let next { try database.transition(next, slug: "fake-jobs", locale: "hmn", by: actor) }
        }
        #expect(refused == [
            "draft:approve", "draft:reject", "draft:publish", "in_review:submit", "in_review:publish",
            "approved:submit", "approved:approve", "published:submit", "published:approve", "published:reject",
            "published:publish", "archived:submit", "archived:approve", "archived:reject", "archived:publish", "archived:archive",
        ])
    }

    @Test func editingAPublishedTranslationKeepsThePublishedRevisionLive() throws {
        let first = try database.saveDraft(slug: "fake-jobs", locale: "hmn", content: content("Ib"), expectedHead: nil, by: translator)
        try database.transition(.submit, slug: "fake-jobs", locale: "hmn", by: translator)
        try database.transition(.approve, slug: "fake-jobs", locale: "hmn", by: reviewer)
        try database.transition(.publish, slug: "fake-jobs", locale: "hmn", by: reviewer)
        let edited = try database.saveDraft(slug: "fake-jobs", locale: "hmn", content: content("Ob"),
                                            expectedHead: first.head.hash, by: translator)
        #expect(edited.status == .draft)
        #expect(edited.published?.hash == first.head.hash)
        #expect(try database.snapshot().translation("fake-jobs", "hmn")?.content.title == "Ib")
    }

    @Test func nobodyApprovesTheirOwnRevision() throws {
        let both = User(name: "pao", role: .reviewer, locales: ["hmn"])
        try database.saveDraft(slug: "fake-jobs", locale: "hmn", content: content("Ib"), expectedHead: nil, by: translator)
        try database.transition(.submit, slug: "fake-jobs", locale: "hmn", by: translator)
        expectRefusal(isForbidden) { try database.transition(.approve, slug: "fake-jobs", locale: "hmn", by: both) }
        #expect(try database.translationState(slug: "fake-jobs", locale: "hmn").status == .inReview)
    }

    @Test func onlyAReviewerOfThatLocaleApproves() throws {
        try database.saveDraft(slug: "fake-jobs", locale: "hmn", content: content("Ib"), expectedHead: nil, by: translator)
        try database.transition(.submit, slug: "fake-jobs", locale: "hmn", by: translator)
        for user in [viReviewer, User(name: "root", role: .admin), editor, User(name: "v", role: .viewer)] {
            expectRefusal(isForbidden) { try database.transition(.approve, slug: "fake-jobs", locale: "hmn", by: user) }
        }
    }

    @Test func publishingNeedsAnApprovalOfThatExactRevision() throws {
        try database.saveDraft(slug: "fake-jobs", locale: "hmn", content: content("Ib"), expectedHead: nil, by: translator)
        // Straight from draft: refused by state.
        expectRefusal(isRefused) { try database.transition(.publish, slug: "fake-jobs", locale: "hmn", by: reviewer) }
        try database.transition(.submit, slug: "fake-jobs", locale: "hmn", by: translator)
        expectRefusal(isRefused) { try database.transition(.publish, slug: "fake-jobs", locale: "hmn", by: reviewer) }
        let approved = try database.transition(.approve, slug: "fake-jobs", locale: "hmn", by: reviewer)
        // A new revision after the approval needs its own approval.
        try database.saveDraft(slug: "fake-jobs", locale: "hmn", content: content("Ob"), expectedHead: approved.head.hash, by: translator)
        expectRefusal(isRefused) { try database.transition(.publish, slug: "fake-jobs", locale: "hmn", by: reviewer) }
        #expect(try database.snapshot().translation("fake-jobs", "hmn") == nil)
    }

    @Test func writersStayInTheirLanes() throws {
        expectRefusal(isForbidden) {
            try database.saveDraft(slug: "fake-jobs", locale: "vi", content: content("X"), expectedHead: nil, by: translator)
        }
        expectRefusal(isForbidden) {
            try database.saveDraft(slug: "fake-jobs", locale: "hmn", content: content("X"), expectedHead: nil, by: editor)
        }
        expectRefusal(isForbidden) {
            try database.saveDraft(slug: "fake-jobs", locale: "hmn", content: content("X"), expectedHead: nil, by: reviewer)
        }
        let otherTranslator = User(name: "ly", role: .translator, locales: ["tyz"])
        expectRefusal(isForbidden) {
            try database.saveDraft(slug: "fake-jobs", locale: "hmn", content: content("X"), expectedHead: nil, by: otherTranslator)
        }
        let before = try database.counts()
        #expect(before.translations == 1)
    }

    @Test func staleAndMissingVersionsAreRefused() throws {
        let first = try database.saveDraft(slug: "fake-jobs", locale: "hmn", content: content("Ib"), expectedHead: nil, by: translator)
        try database.saveDraft(slug: "fake-jobs", locale: "hmn", content: content("Ob"), expectedHead: first.head.hash, by: translator)
        expectRefusal({ if case .conflict(_, let current) = $0 { current != first.head.hash } else { false } }) {
            try database.saveDraft(slug: "fake-jobs", locale: "hmn", content: content("Peb"), expectedHead: first.head.hash, by: translator)
        }
        expectRefusal({ if case .preconditionRequired = $0 { true } else { false } }) {
            try database.saveDraft(slug: "fake-jobs", locale: "hmn", content: content("Peb"), expectedHead: nil, by: translator)
        }
        #expect(try database.translationState(slug: "fake-jobs", locale: "hmn").content.title == "Ob")
    }

    /// A control character pasted into a draft is refused with the field, line and column, for every field
    /// a translator writes; the store is left as it was.
    @Test func controlCharactersAreRefusedWithTheFieldLineAndColumn() throws {
        var text = content("Ib", body: "Kab lus.\n\nLus\u{08} ob.\n")
        text.sms = "Ceev\u{85}faj"
        text.notes = "tab\tis fine"
        expectRefusal({ error in
            guard case .invalidInput(let issues) = error else { return false }
            return issues.map(\.field) == ["body", "sms"] && issues.map(\.line) == [3, 1]
                && issues[0].problem.contains("U+0008 (backspace) at line 3, column 4")
        }) {
            try database.saveDraft(slug: "fake-jobs", locale: "hmn", content: text, expectedHead: nil, by: translator)
        }
        #expect(try database.counts().translations == 1)
    }

    @Test func emptyTextIsRefusedWithTheField() throws {
        expectRefusal({ if case .invalidInput(let issues) = $0 { issues.map(\.field) == ["title"] } else { false } }) {
            try database.saveDraft(slug: "fake-jobs", locale: "hmn", content: content("  "), expectedHead: nil, by: translator)
        }
        #expect(try database.counts().translations == 1)
    }

    @Test func sourceChangesMakeTranslationsOutdatedUntilConfirmedOrEdited() throws {
        let hmn = try database.saveDraft(slug: "fake-jobs", locale: "hmn", content: content("Ib"), expectedHead: nil, by: translator)
        let vi = try database.translationState(slug: "fake-jobs", locale: "vi")
        #expect(hmn.sourceHash == vi.head.hash)
        // The editor changes the source and publishes it through a reviewer.
        let edited = try database.saveDraft(slug: "fake-jobs", locale: "vi", expectedHeadContent: "Đoạn một.\n\n## Hai đã sửa\n\n- Ba\n\n- Bốn\n",
                                            base: vi, by: editor)
        try database.transition(.submit, slug: "fake-jobs", locale: "vi", by: editor)
        try database.transition(.approve, slug: "fake-jobs", locale: "vi", by: viReviewer)
        try database.transition(.publish, slug: "fake-jobs", locale: "vi", by: viReviewer)
        let outdated = try database.translationState(slug: "fake-jobs", locale: "hmn")
        #expect(outdated.outdated)
        #expect(outdated.content.title == "Ib", "the translation's text is never overwritten")
        #expect(try database.completeness().cells.first { $0.locale == "hmn" }?.state == .outdated)

        let changes = try database.sourceChanges(slug: "fake-jobs", locale: "hmn")
        #expect(changes.toHash == edited.head.hash)
        #expect(changes.blocks.filter { $0.kind == .removed }.map(\.text) == ["## Hai"])
        #expect(changes.blocks.filter { $0.kind == .added }.map(\.text) == ["## Hai đã sửa", "- Bốn"])
        #expect(changes.blocks.filter { $0.kind == .same }.map(\.text) == ["Đoạn một.", "- Ba"])

        // A viewer cannot confirm; the translator can, and it is audited.
        expectRefusal(isForbidden) { try database.transition(.confirm, slug: "fake-jobs", locale: "hmn", by: User(name: "v", role: .viewer)) }
        let confirmed = try database.transition(.confirm, slug: "fake-jobs", locale: "hmn", by: translator, note: "checked")
        #expect(!confirmed.outdated)
        #expect(confirmed.head.hash == hmn.head.hash, "confirming makes no new revision")
        let entry = try #require(try database.auditLog(slug: "fake-jobs", locale: "hmn").first)
        #expect(entry.action == "translation.confirm" && entry.afterHash == edited.head.hash && entry.actor == "pao")
        expectRefusal(isRefused) { try database.transition(.confirm, slug: "fake-jobs", locale: "hmn", by: translator) }
    }

    @Test func historyDiffAndRestore() throws {
        let one = try database.saveDraft(slug: "fake-jobs", locale: "hmn", content: content("Ib", body: "A\nB\n"), expectedHead: nil, by: translator)
        let two = try database.saveDraft(slug: "fake-jobs", locale: "hmn", content: content("Ob", body: "A\nC\n"), expectedHead: one.head.hash, by: translator)
        let history = try database.history(slug: "fake-jobs", locale: "hmn")
        #expect(history.map(\.info.number) == [1, 2])
        #expect(history.map(\.isHead) == [false, true])
        let diff = TextDiff.lines(history[0].content.body, history[1].content.body)
        #expect(diff.map(\.kind) == [.same, .removed, .added, .same])
        let restored = try database.restore(slug: "fake-jobs", locale: "hmn", revision: 1, expectedHead: two.head.hash, by: translator)
        #expect(restored.head.number == 3)
        #expect(restored.head.hash == one.head.hash)
        #expect(restored.content.title == "Ib")
        #expect(restored.status == .draft)
    }

    @Test func usersAndTokens() throws {
        let token = try database.addUser(translator, actor: "admin")
        #expect(token.hasPrefix("loa_") && token.count == 68)
        #expect(try database.authenticate(token: token) == translator)
        #expect(throws: LoaError.self) { try database.authenticate(token: token + "x") }
        #expect(throws: LoaError.self) { try database.addUser(translator, actor: "admin") }
        #expect(throws: LoaError.self) { try database.addUser(User(name: "x", role: .translator), actor: "admin") }
        #expect(throws: LoaError.self) { try database.addUser(User(name: "y", role: .reviewer, locales: ["zz"]), actor: "admin") }
        let rotated = try database.rotateToken("pao", actor: "admin")
        #expect(throws: LoaError.self) { try database.authenticate(token: token) }
        #expect(try database.authenticate(token: rotated) == translator)
        try database.revokeUser("pao", actor: "admin")
        #expect(throws: LoaError.self) { try database.authenticate(token: rotated) }
        #expect(throws: LoaError.self) { try database.rotateToken("pao", actor: "admin") }
        #expect(throws: LoaError.self) { try database.authenticate(token: token) }
        #expect(try database.users().first?.revokedAt != nil)
    }
}

extension AppDatabase {
    /// Saves a new body for a translation on top of the state the caller read.
    @discardableResult
    func saveDraft(slug: String, locale: String, expectedHeadContent body: String, base: TranslationState, by user: User) throws -> TranslationState {
        var content = base.content
        content.body = body
        return try saveDraft(slug: slug, locale: locale, content: content, expectedHead: base.head.hash, by: user)
    }
}
