-- What answers at scale need, kept ahead of time, so that a profile, a timeline or a pair
-- costs the same for an actor in 70% of 100,000 articles as for one in a single article,
-- and `/date` picks its page of articles off one index. The tables here are derived from
-- `mentions` alone and kept by its triggers; the date columns are copies, written with
-- their rows and kept by `articles_redate` and `events_redate`.

-- The article's publication date, copied into the rows answers order by it, so that first
-- and last dates, newest articles, quotes, events and date mentions are read off one index.
ALTER TABLE mentions ADD COLUMN published TEXT;
UPDATE mentions SET published = (SELECT published FROM articles WHERE id = mentions.article_id);
DROP INDEX mentions_actor;
CREATE INDEX mentions_actor ON mentions (actor_id, published, article_id);

ALTER TABLE quotes ADD COLUMN published TEXT;
UPDATE quotes SET published = (SELECT published FROM articles WHERE id = quotes.article_id);
DROP INDEX quotes_actor;
-- DESC: newest first, undated last, then in the order quoted, is a forward scan.
CREATE INDEX quotes_actor ON quotes (actor_id, published DESC);

-- The page of articles mentioning a period comes off the range index alone. Nothing reads
-- the article dates by id (migration 0004) any more.
ALTER TABLE date_mentions ADD COLUMN published TEXT;
UPDATE date_mentions SET published = (
    SELECT published FROM articles WHERE id = date_mentions.article_id);
DROP INDEX date_mentions_range;
CREATE INDEX date_mentions_range
    ON date_mentions (wide, start_date, end_date, published, article_id);
DROP INDEX articles_id_published;

-- A participant row also carries its event's dates, so an actor's timeline never reads events.
ALTER TABLE event_participants ADD COLUMN start_date TEXT;
ALTER TABLE event_participants ADD COLUMN end_date TEXT;
ALTER TABLE event_participants ADD COLUMN published TEXT;
UPDATE event_participants SET (start_date, end_date, published) = (
    SELECT e.start_date, e.end_date, ar.published FROM events e
      JOIN articles ar ON ar.id = e.article_id WHERE e.id = event_participants.event_id);
DROP INDEX event_participants_actor;
CREATE INDEX event_participants_actor
    ON event_participants (actor_id, start_date, end_date, published);
-- "Newest first": by the event's date, else its article's.
CREATE INDEX event_participants_recent
    ON event_participants (actor_id, coalesce(start_date, published));

DROP TRIGGER articles_redate;
CREATE TRIGGER articles_redate AFTER UPDATE OF published ON articles BEGIN
    UPDATE actor_roles SET seen_on = new.published WHERE article_id = new.id;
    UPDATE mentions SET published = new.published WHERE article_id = new.id;
    UPDATE quotes SET published = new.published WHERE article_id = new.id;
    UPDATE date_mentions SET published = new.published WHERE article_id = new.id;
    UPDATE event_participants SET published = new.published
     WHERE event_id IN (SELECT id FROM events WHERE article_id = new.id);
END;

CREATE TRIGGER events_redate AFTER UPDATE OF start_date, end_date ON events BEGIN
    UPDATE event_participants SET start_date = new.start_date, end_date = new.end_date
     WHERE event_id = new.id;
END;

-- Articles shared by two actors, stored both ways round: (a, b) and (b, a).
CREATE TABLE co_mentions (
    actor_id INTEGER NOT NULL,
    other_id INTEGER NOT NULL,
    shared   INTEGER NOT NULL CHECK (shared > 0),
    PRIMARY KEY (actor_id, other_id)
) WITHOUT ROWID;
INSERT INTO co_mentions (actor_id, other_id, shared)
SELECT m1.actor_id, m2.actor_id, count(*) FROM mentions m1
  JOIN mentions m2 ON m2.article_id = m1.article_id AND m2.actor_id <> m1.actor_id
 GROUP BY m1.actor_id, m2.actor_id;

-- How many articles wrote an actor's name each way (the `surfaces` of its mentions).
CREATE TABLE actor_surfaces (
    actor_id INTEGER NOT NULL,
    surface  TEXT NOT NULL,
    articles INTEGER NOT NULL CHECK (articles > 0),
    PRIMARY KEY (actor_id, surface)
) WITHOUT ROWID;
INSERT INTO actor_surfaces (actor_id, surface, articles)
SELECT m.actor_id, s.value, count(DISTINCT m.article_id)
  FROM mentions m, json_each(m.surfaces) s
 GROUP BY m.actor_id, s.value;

-- A mention pairs its actor with every other actor of its article, both ways round.
CREATE TRIGGER co_mentions_insert AFTER INSERT ON mentions BEGIN
    INSERT INTO co_mentions (actor_id, other_id, shared)
    SELECT new.actor_id, m.actor_id, 1 FROM mentions m
     WHERE m.article_id = new.article_id AND m.actor_id <> new.actor_id
    UNION ALL
    SELECT m.actor_id, new.actor_id, 1 FROM mentions m
     WHERE m.article_id = new.article_id AND m.actor_id <> new.actor_id
    ON CONFLICT (actor_id, other_id) DO UPDATE SET shared = shared + 1;
END;

-- Taking a mention away takes back its pairs with the mentions left in the article.
CREATE TRIGGER co_mentions_delete AFTER DELETE ON mentions BEGIN
    DELETE FROM co_mentions WHERE actor_id = old.actor_id AND shared = 1
       AND other_id IN (SELECT actor_id FROM mentions WHERE article_id = old.article_id);
    UPDATE co_mentions SET shared = shared - 1 WHERE actor_id = old.actor_id
       AND other_id IN (SELECT actor_id FROM mentions WHERE article_id = old.article_id);
    DELETE FROM co_mentions WHERE other_id = old.actor_id AND shared = 1
       AND actor_id IN (SELECT actor_id FROM mentions WHERE article_id = old.article_id);
    UPDATE co_mentions SET shared = shared - 1 WHERE other_id = old.actor_id
       AND actor_id IN (SELECT actor_id FROM mentions WHERE article_id = old.article_id);
END;

-- A mention never changes actor (a merge inserts the target's row and deletes the source's),
-- so the triggers above are all the pairs need.
CREATE TRIGGER mentions_actor_fixed BEFORE UPDATE OF actor_id ON mentions
WHEN old.actor_id <> new.actor_id BEGIN
    SELECT RAISE(ABORT, 'a mention keeps its actor: insert a row for the other one');
END;

CREATE TRIGGER actor_surfaces_insert AFTER INSERT ON mentions BEGIN
    INSERT INTO actor_surfaces (actor_id, surface, articles)
    SELECT DISTINCT new.actor_id, value, 1 FROM json_each(new.surfaces) WHERE true
    ON CONFLICT (actor_id, surface) DO UPDATE SET articles = articles + 1;
END;

CREATE TRIGGER actor_surfaces_delete AFTER DELETE ON mentions BEGIN
    DELETE FROM actor_surfaces WHERE actor_id = old.actor_id AND articles = 1
       AND surface IN (SELECT value FROM json_each(old.surfaces));
    UPDATE actor_surfaces SET articles = articles - 1 WHERE actor_id = old.actor_id
       AND surface IN (SELECT value FROM json_each(old.surfaces));
END;

-- A merge folds the spellings of two mentions into one.
CREATE TRIGGER actor_surfaces_update AFTER UPDATE OF surfaces ON mentions BEGIN
    DELETE FROM actor_surfaces WHERE actor_id = old.actor_id AND articles = 1
       AND surface IN (SELECT value FROM json_each(old.surfaces));
    UPDATE actor_surfaces SET articles = articles - 1 WHERE actor_id = old.actor_id
       AND surface IN (SELECT value FROM json_each(old.surfaces));
    INSERT INTO actor_surfaces (actor_id, surface, articles)
    SELECT DISTINCT new.actor_id, value, 1 FROM json_each(new.surfaces) WHERE true
    ON CONFLICT (actor_id, surface) DO UPDATE SET articles = articles + 1;
END;
