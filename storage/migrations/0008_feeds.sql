-- Feeds an admin follows, and the delivery log: one entry per item of each feed.
-- Times are ISO-8601 UTC TEXT. (0006 and 0007 are other branches' migrations.)

CREATE TABLE feeds (
    id            INTEGER PRIMARY KEY,
    url           TEXT NOT NULL UNIQUE,
    title         TEXT,
    every         INTEGER NOT NULL DEFAULT 15 CHECK (every > 0),  -- minutes between polls
    state         TEXT NOT NULL DEFAULT 'ok' CHECK (state IN ('ok', 'failing', 'disabled')),
    etag          TEXT,
    last_modified TEXT,
    last_checked  TEXT,
    last_error    TEXT,
    failing_since TEXT,
    failures      INTEGER NOT NULL DEFAULT 0,  -- consecutive failed polls (the backoff)
    next_after    TEXT,  -- no scheduled poll before this (backoff, Retry-After)
    first_polled  TEXT,  -- when its items were first read (they do not trigger watches)
    guild_id      INTEGER,
    channel_id    INTEGER,  -- where it was added: a disabled feed is reported there
    created_at    TEXT NOT NULL
);

-- `guid` is the item's id in the feed (else its canonical link); `link` is canonical
-- (tracking parameters and fragment removed). `final` is 0 for a skip worth retrying
-- (a fetch that failed for a while), 1 once the item is settled.
CREATE TABLE feed_items (
    id           INTEGER PRIMARY KEY,
    feed_id      INTEGER NOT NULL REFERENCES feeds (id) ON DELETE CASCADE,
    guid         TEXT NOT NULL,
    link         TEXT,
    title        TEXT,
    content_hash TEXT,
    outcome      TEXT NOT NULL CHECK (outcome IN ('stored', 'duplicate', 'skipped')),
    article_id   INTEGER REFERENCES articles (id) ON DELETE SET NULL,
    reason       TEXT,
    final        INTEGER NOT NULL DEFAULT 1 CHECK (final IN (0, 1)),
    at           TEXT NOT NULL,
    UNIQUE (feed_id, guid)
);
CREATE INDEX feed_items_guid ON feed_items (guid);
CREATE INDEX feed_items_link ON feed_items (link);
CREATE INDEX feed_items_hash ON feed_items (content_hash);
CREATE INDEX feed_items_article ON feed_items (feed_id, outcome);
