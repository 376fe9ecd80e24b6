-- Small facts the bot keeps between runs, e.g. the fingerprint of the synced command tree.
CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT;
