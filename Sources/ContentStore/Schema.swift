import CampaignModel
import GRDB

/// The database schema as a list of named, append-only migrations.
///
/// A landed migration is never edited: a change to the schema is a new migration at the end. Rules that
/// matter for data safety (allowed statuses, immutable revisions, foreign keys) live in SQLite too, so no
/// code path can break them.
enum Schema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-content") { db in
            try db.execute(sql: """
                CREATE TABLE locale (
                    code TEXT PRIMARY KEY NOT NULL,
                    iso639_3 TEXT NOT NULL CHECK (length(iso639_3) = 3),
                    english_name TEXT NOT NULL,
                    autonym TEXT NOT NULL,
                    script TEXT NOT NULL,
                    direction TEXT NOT NULL CHECK (direction IN ('ltr', 'rtl')),
                    fallbacks TEXT NOT NULL DEFAULT '[]',
                    words_per_minute INTEGER NOT NULL CHECK (words_per_minute > 0),
                    ui_strings TEXT NOT NULL DEFAULT '{}'
                );
                CREATE TABLE material (
                    slug TEXT PRIMARY KEY NOT NULL
                        CHECK (length(slug) BETWEEN 1 AND 80 AND slug NOT GLOB '*[^a-z0-9-]*'
                               AND slug NOT LIKE '-%' AND slug NOT LIKE '%-' AND slug NOT LIKE '%--%'),
                    topics TEXT NOT NULL DEFAULT '[]',
                    audiences TEXT NOT NULL DEFAULT '[]',
                    source_locale TEXT NOT NULL REFERENCES locale(code),
                    channels TEXT NOT NULL DEFAULT '[]',
                    created_at TEXT NOT NULL,
                    updated_at TEXT NOT NULL
                );
                CREATE TABLE translation (
                    id INTEGER PRIMARY KEY,
                    material_slug TEXT NOT NULL REFERENCES material(slug) ON DELETE CASCADE,
                    locale TEXT NOT NULL REFERENCES locale(code),
                    status TEXT NOT NULL
                        CHECK (status IN ('draft', 'in_review', 'approved', 'published', 'archived')),
                    head_revision_id INTEGER REFERENCES revision(id),
                    published_revision_id INTEGER REFERENCES revision(id),
                    -- hash of the source revision this translation is known to match (see Workflow)
                    source_hash TEXT,
                    updated_at TEXT NOT NULL,
                    UNIQUE (material_slug, locale)
                );
                CREATE TABLE revision (
                    id INTEGER PRIMARY KEY,
                    translation_id INTEGER NOT NULL REFERENCES translation(id) ON DELETE CASCADE,
                    number INTEGER NOT NULL CHECK (number > 0),
                    hash TEXT NOT NULL CHECK (length(hash) = 64),
                    title TEXT NOT NULL,
                    summary TEXT NOT NULL,
                    body TEXT NOT NULL,
                    sms TEXT,
                    notes TEXT,
                    translated_from TEXT,
                    author TEXT NOT NULL,
                    created_at TEXT NOT NULL,
                    UNIQUE (translation_id, number)
                );
                CREATE INDEX revision_by_hash ON revision(hash);
                CREATE TRIGGER revision_is_immutable BEFORE UPDATE ON revision
                BEGIN SELECT RAISE(ABORT, 'revisions are immutable'); END;
                CREATE TRIGGER revision_is_kept BEFORE DELETE ON revision
                BEGIN SELECT RAISE(ABORT, 'revisions are never deleted'); END;
                CREATE TABLE audit_entry (
                    id INTEGER PRIMARY KEY,
                    at TEXT NOT NULL,
                    actor TEXT NOT NULL,
                    action TEXT NOT NULL,
                    material_slug TEXT,
                    locale TEXT,
                    revision_hash TEXT,
                    before_hash TEXT,
                    after_hash TEXT,
                    detail TEXT NOT NULL DEFAULT ''
                );
                CREATE INDEX audit_by_translation ON audit_entry(material_slug, locale);
                CREATE TRIGGER audit_is_append_only BEFORE UPDATE ON audit_entry
                BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
                CREATE TRIGGER audit_is_kept BEFORE DELETE ON audit_entry
                BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
                """)
        }
        migrator.registerMigration("v2-search") { db in
            // Original text for exact-spelling ranking, folded text (tone marks and đ removed in Swift) for
            // matching whatever a person types. rowid = translation.id.
            try db.execute(sql: """
                CREATE VIRTUAL TABLE translation_search USING fts5(
                    title, summary, body, title_folded, summary_folded, body_folded,
                    tokenize = 'unicode61 remove_diacritics 0'
                );
                """)
        }
        migrator.registerMigration("v3-workflow") { db in
            try db.execute(sql: """
                CREATE TABLE user (
                    id INTEGER PRIMARY KEY,
                    name TEXT NOT NULL UNIQUE CHECK (length(name) > 0),
                    role TEXT NOT NULL CHECK (role IN ('admin', 'editor', 'translator', 'reviewer', 'planner', 'viewer')),
                    locales TEXT NOT NULL DEFAULT '[]',
                    token_hash TEXT NOT NULL UNIQUE,
                    created_at TEXT NOT NULL,
                    revoked_at TEXT
                );
                CREATE TABLE approval (
                    id INTEGER PRIMARY KEY,
                    revision_id INTEGER NOT NULL REFERENCES revision(id),
                    reviewer TEXT NOT NULL,
                    at TEXT NOT NULL,
                    UNIQUE (revision_id, reviewer)
                );
                """)
        }
        migrator.registerMigration("v4-plans") { db in
            // A plan made through the API, kept whole as its plan file (the JSON `loa plan` writes). The id is
            // derived from the file's SHA-256, so planning the same campaign over the same snapshot again
            // finds the same plan. Plans are immutable: a new plan is a new row.
            try db.execute(sql: """
                CREATE TABLE plan (
                    id TEXT PRIMARY KEY NOT NULL,
                    hash TEXT NOT NULL UNIQUE CHECK (length(hash) = 64),
                    campaign_id TEXT NOT NULL,
                    campaign_name TEXT NOT NULL,
                    snapshot_id TEXT NOT NULL,
                    deliveries INTEGER NOT NULL,
                    total_reach INTEGER NOT NULL,
                    total_cost REAL NOT NULL,
                    currency TEXT NOT NULL,
                    created_by TEXT NOT NULL,
                    created_at TEXT NOT NULL,
                    json BLOB NOT NULL
                );
                CREATE INDEX plan_by_time ON plan(created_at);
                CREATE TRIGGER plan_is_immutable BEFORE UPDATE ON plan
                BEGIN SELECT RAISE(ABORT, 'plans are immutable'); END;
                """)
        }
        migrator.registerMigration("v5-published-at") { db in
            // When the published revision was published: readers see this date, and a snapshot's time is the
            // newest of them. Before, the revision's creation time stood in for it. Existing rows take the
            // time of the publication on record in the audit log (the workflow's or an import's), else the
            // revision's creation time.
            try db.execute(sql: """
                ALTER TABLE translation ADD COLUMN published_at TEXT;
                UPDATE translation SET published_at = COALESCE(
                    (SELECT max(a.at) FROM audit_entry a JOIN revision r ON r.id = translation.published_revision_id
                     WHERE a.material_slug = translation.material_slug AND a.locale = translation.locale
                       AND a.revision_hash = r.hash AND a.action IN ('publish', 'import.publish')),
                    (SELECT created_at FROM revision WHERE id = translation.published_revision_id))
                WHERE published_revision_id IS NOT NULL;
                """)
        }
        migrator.registerMigration("v6-folded-search") { db in
            // v2 indexed every text twice, as stored and folded, which was most of the cost of an import.
            // Every query matches the folded text; search checks the spelling as typed on the stored text
            // of the translations it ranks. The statements are written out here, not taken from
            // SearchIndex, so that this migration stays what it was when later ones change the index.
            try db.execute(sql: """
                DROP TABLE translation_search;
                CREATE VIRTUAL TABLE translation_search USING fts5(
                    title, summary, body,
                    tokenize = 'unicode61 remove_diacritics 0'
                );
                """)
            let insert = try db.makeStatement(sql: "INSERT INTO translation_search (rowid, title, summary, body) VALUES (?, ?, ?, ?)")
            let heads = try Row.fetchCursor(db, sql: """
                SELECT t.id, r.title, r.summary, r.body FROM translation t JOIN revision r ON r.id = t.head_revision_id
                """)
            while let head = try heads.next() {
                try insert.execute(arguments: [head[0] as Int64, TextFolding.fold(head[1]), TextFolding.fold(head[2]),
                                               TextFolding.fold(head[3])])
            }
        }
        migrator.registerMigration("v7-newest-first-search") { db in
            // The index's rowid becomes minus the translation id, so that the newest translations come
            // first in FTS5's ascending order. Search wants the newest matches; read in descending rowid
            // order, FTS5 loads a word's whole list of translations before it can return the first, in
            // ascending order it stops after the ones it needs. Rows are copied in ascending new rowid
            // order: FTS5 writes out its pending entries whenever a rowid comes in lower than the last.
            try db.execute(sql: """
                CREATE VIRTUAL TABLE translation_search_v7 USING fts5(
                    title, summary, body,
                    tokenize = 'unicode61 remove_diacritics 0'
                );
                INSERT INTO translation_search_v7 (rowid, title, summary, body)
                    SELECT -rowid, title, summary, body FROM translation_search ORDER BY rowid DESC;
                DROP TABLE translation_search;
                ALTER TABLE translation_search_v7 RENAME TO translation_search;
                """)
        }
        migrator.registerMigration("v8-snapshot-index") { db in
            // What a snapshot without texts reads of each published revision (`SnapshotReader`), held in an
            // index: so the read does not touch the revision rows, whose bodies make them most of the file.
            // For 10,000 texts the index is 1 MB and the rows 39 MB, all of whose pages the read mapped; in
            // the sqlite3 shell the query took 5–10 ms instead of 7–16. The query names the index (`INDEXED
            // BY`): for a lookup by id SQLite would take the table. (An index of the translation rows saved
            // nothing more, and cost imports a third of their speed: each publication rewrites its entry.)
            try db.execute(sql: "CREATE INDEX revision_published ON revision(id, hash, created_at)")
        }
        return migrator
    }
}
