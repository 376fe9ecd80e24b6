-- What a server taught the parser (`/kb add`, `briefbot kb add|import`): actors with the
-- other names texts use and their roles over time, in the beat packs' terms. The parser
-- merges them with the packs in use; parsing an article never writes here.
CREATE TABLE kb_entries (
    id   INTEGER PRIMARY KEY,
    name TEXT NOT NULL CHECK (trim(name) <> ''),
    norm TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL CHECK (kind IN ('person', 'organization', 'place', 'group'))
) STRICT;

-- One name means one entry: an alias taught for another entry moves to it.
CREATE TABLE kb_aliases (
    alias_norm TEXT PRIMARY KEY,
    alias      TEXT NOT NULL,
    entry_id   INTEGER NOT NULL REFERENCES kb_entries (id) ON DELETE CASCADE
) STRICT, WITHOUT ROWID;
CREATE INDEX kb_aliases_entry ON kb_aliases (entry_id);

-- `keys`: the words a text uses for the title (JSON list, as `norm` folds them); `since` and
-- `until` are ISO days, NULL when open. A title is held once from a given day.
CREATE TABLE kb_roles (
    id       INTEGER PRIMARY KEY,
    entry_id INTEGER NOT NULL REFERENCES kb_entries (id) ON DELETE CASCADE,
    title    TEXT NOT NULL CHECK (trim(title) <> ''),
    keys     TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(keys)),
    since    TEXT CHECK (since IS NULL OR date(since) = since),
    until    TEXT CHECK (until IS NULL OR date(until) = until),
    CHECK (since IS NULL OR until IS NULL OR since <= until)
) STRICT;
CREATE UNIQUE INDEX kb_roles_title ON kb_roles (entry_id, title, ifnull(since, ''));
