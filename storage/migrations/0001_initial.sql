-- briefbot schema v1: articles and everything parsed from them.
-- Dates are ISO-8601 TEXT ('YYYY-MM-DD'), so they compare and index as dates.
-- Every derived row hangs off an article with ON DELETE CASCADE.

-- AUTOINCREMENT: article ids are shown to users, so a deleted id is never reused.
CREATE TABLE articles (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    title           TEXT NOT NULL,
    source          TEXT,
    url             TEXT UNIQUE,
    published       TEXT CHECK (published IS NULL OR date(published) = published),
    published_basis TEXT,
    dateline_place  TEXT,
    content_hash    TEXT NOT NULL UNIQUE,
    text            TEXT NOT NULL,
    summary         TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(summary)),
    ingested_at     TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
CREATE INDEX articles_published ON articles (published);

-- mention_count / article_count are kept by the triggers on `mentions` below,
-- so ranking and name matching never aggregate the whole mentions table.
CREATE TABLE actors (
    id            INTEGER PRIMARY KEY,
    name          TEXT NOT NULL UNIQUE CHECK (trim(name) <> ''),
    kind          TEXT NOT NULL CHECK (kind IN ('person', 'organization', 'place', 'group')),
    norm          TEXT NOT NULL,
    mention_count INTEGER NOT NULL DEFAULT 0,
    article_count INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX actors_norm ON actors (norm);
CREATE INDEX actors_by_mentions ON actors (mention_count DESC);
CREATE INDEX actors_kind_by_mentions ON actors (kind, mention_count DESC);

-- Names an admin declared for an actor (`/store alias`); the parser maps them to `name`.
CREATE TABLE actor_aliases (
    alias_norm TEXT PRIMARY KEY,
    alias      TEXT NOT NULL,
    actor_id   INTEGER NOT NULL REFERENCES actors (id) ON DELETE CASCADE
) WITHOUT ROWID;
CREATE INDEX actor_aliases_actor ON actor_aliases (actor_id);

CREATE TABLE mentions (
    article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    actor_id   INTEGER NOT NULL REFERENCES actors (id) ON DELETE CASCADE,
    seq        INTEGER NOT NULL,  -- order of the actor in the parsed article
    surfaces   TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(surfaces)),
    count      INTEGER NOT NULL DEFAULT 0 CHECK (count >= 0),
    PRIMARY KEY (article_id, actor_id)
) WITHOUT ROWID;
CREATE INDEX mentions_actor ON mentions (actor_id, article_id);

CREATE TRIGGER mentions_count_insert AFTER INSERT ON mentions BEGIN
    UPDATE actors SET mention_count = mention_count + new.count,
                      article_count = article_count + 1
     WHERE id = new.actor_id;
END;
CREATE TRIGGER mentions_count_delete AFTER DELETE ON mentions BEGIN
    UPDATE actors SET mention_count = mention_count - old.count,
                      article_count = article_count - 1
     WHERE id = old.actor_id;
END;
CREATE TRIGGER mentions_count_update AFTER UPDATE OF count, actor_id ON mentions BEGIN
    UPDATE actors SET mention_count = mention_count - old.count,
                      article_count = article_count - 1
     WHERE id = old.actor_id;
    UPDATE actors SET mention_count = mention_count + new.count,
                      article_count = article_count + 1
     WHERE id = new.actor_id;
END;

-- Titles seen next to an actor; seen_on mirrors articles.published (trigger below).
CREATE TABLE actor_roles (
    actor_id   INTEGER NOT NULL REFERENCES actors (id) ON DELETE CASCADE,
    role       TEXT NOT NULL CHECK (trim(role) <> ''),
    article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    seen_on    TEXT,
    PRIMARY KEY (actor_id, role, article_id)
) WITHOUT ROWID;
CREATE INDEX actor_roles_article ON actor_roles (article_id);

CREATE TRIGGER articles_redate AFTER UPDATE OF published ON articles BEGIN
    UPDATE actor_roles SET seen_on = new.published WHERE article_id = new.id;
END;

-- `wide` marks intervals longer than a year; overlap queries bound the index scan
-- on start_date by a year for the others and scan the (few) wide ones separately.
CREATE TABLE date_mentions (
    id         INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    text       TEXT NOT NULL,
    char_start INTEGER NOT NULL,
    char_end   INTEGER NOT NULL,
    start_date TEXT,
    end_date   TEXT,
    wide       INTEGER GENERATED ALWAYS AS (julianday(end_date) - julianday(start_date) > 366) VIRTUAL,
    CHECK ((start_date IS NULL) = (end_date IS NULL) AND (start_date IS NULL OR start_date <= end_date))
);
CREATE INDEX date_mentions_article ON date_mentions (article_id, char_start);
CREATE INDEX date_mentions_range ON date_mentions (wide, start_date, end_date);

CREATE TABLE events (
    id         INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    type       TEXT NOT NULL CHECK (type IN ('meeting', 'call', 'visit', 'letter', 'statement',
                                             'attack', 'agreement', 'other')),
    start_date TEXT,
    end_date   TEXT,
    wide       INTEGER GENERATED ALWAYS AS (julianday(end_date) - julianday(start_date) > 366) VIRTUAL,
    date_text  TEXT,
    place      TEXT,
    sentence   TEXT NOT NULL,
    planned    INTEGER NOT NULL DEFAULT 0 CHECK (planned IN (0, 1)),
    CHECK ((start_date IS NULL) = (end_date IS NULL) AND (start_date IS NULL OR start_date <= end_date))
);
CREATE INDEX events_article ON events (article_id);
CREATE INDEX events_range ON events (wide, start_date, end_date);

CREATE TABLE event_participants (
    event_id INTEGER NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    actor_id INTEGER NOT NULL REFERENCES actors (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    PRIMARY KEY (event_id, actor_id)
) WITHOUT ROWID;
CREATE INDEX event_participants_actor ON event_participants (actor_id, event_id);

CREATE TABLE quotes (
    id         INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    actor_id   INTEGER REFERENCES actors (id) ON DELETE SET NULL,
    text       TEXT NOT NULL
);
CREATE INDEX quotes_article ON quotes (article_id);
CREATE INDEX quotes_actor ON quotes (actor_id);

-- Full text over title and body, as an external-content table kept in sync by triggers.
CREATE VIRTUAL TABLE articles_fts USING fts5 (
    title, text,
    content = 'articles', content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
    INSERT INTO articles_fts (rowid, title, text) VALUES (new.id, new.title, new.text);
END;
CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
    INSERT INTO articles_fts (articles_fts, rowid, title, text)
    VALUES ('delete', old.id, old.title, old.text);
END;
CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, text ON articles BEGIN
    INSERT INTO articles_fts (articles_fts, rowid, title, text)
    VALUES ('delete', old.id, old.title, old.text);
    INSERT INTO articles_fts (rowid, title, text) VALUES (new.id, new.title, new.text);
END;
