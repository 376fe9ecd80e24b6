-- Digest subscriptions: one per channel. The database is the source of truth; the
-- scheduler is rebuilt from this table at start.
CREATE TABLE subscriptions (
    id              INTEGER PRIMARY KEY,
    guild_id        INTEGER NOT NULL,
    channel_id      INTEGER NOT NULL UNIQUE,
    time            TEXT NOT NULL CHECK (time GLOB '[0-2][0-9]:[0-5][0-9]'),
    timezone        TEXT NOT NULL,
    every           TEXT NOT NULL CHECK (every IN ('daily', 'weekly')),
    actor           TEXT,  -- canonical actor name; NULL: every article
    -- the newest article already posted: the next digest covers the ids above it
    last_article_id INTEGER NOT NULL DEFAULT 0,
    last_sent_at    TEXT,  -- UTC, ISO 8601, of the last successful post
    created_at      TEXT NOT NULL,
    failing         TEXT   -- why the last post failed; NULL once one works
) STRICT;
