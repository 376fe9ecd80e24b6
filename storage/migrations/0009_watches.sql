-- Watches: a channel is alerted when a newly stored article mentions an actor (as the parser
-- resolved it: `target` is the canonical name) or matches a keyword in full text.
CREATE TABLE watches (
    id         INTEGER PRIMARY KEY,
    guild_id   INTEGER NOT NULL,
    channel_id INTEGER NOT NULL,
    kind       TEXT NOT NULL CHECK (kind IN ('actor', 'keyword')),
    target     TEXT NOT NULL CHECK (trim(target) <> ''),  -- canonical actor name or keyword
    role_id    INTEGER,  -- the one role an alert may ping; NULL: none
    created_at TEXT NOT NULL,  -- UTC, ISO 8601
    failing    TEXT,  -- why the last alert could not be posted; NULL once one is
    UNIQUE (channel_id, kind, target)
) STRICT;
CREATE INDEX watches_guild ON watches (guild_id, id);
CREATE INDEX watches_target ON watches (kind, target);

-- One alert per article per watch, ever: the key is claimed before the alert is posted, so
-- a restart neither repeats it nor (a pending alert is posted at start) loses it.
CREATE TABLE watch_alerts (
    watch_id   INTEGER NOT NULL REFERENCES watches (id) ON DELETE CASCADE,
    article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    state      TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'sent', 'failed')),
    matched_at TEXT NOT NULL,  -- UTC, ISO 8601
    PRIMARY KEY (watch_id, article_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX watch_alerts_pending ON watch_alerts (state) WHERE state = 'pending';
CREATE INDEX watch_alerts_article ON watch_alerts (article_id);
