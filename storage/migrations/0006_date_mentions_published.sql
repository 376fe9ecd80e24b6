-- Date mentions carry their article's publication date too (written with the row, kept by
-- `articles_redate`), in a covering index of the date ranges: `/date` picks its page of
-- articles mentioning a period from that index alone, with no lookup per mention. Nothing
-- reads the article dates by id (migration 0004) any more.
ALTER TABLE date_mentions ADD COLUMN published TEXT;
UPDATE date_mentions SET published = (SELECT published FROM articles WHERE id = date_mentions.article_id);
DROP INDEX date_mentions_range;
CREATE INDEX date_mentions_range
    ON date_mentions (wide, start_date, end_date, published, article_id);
DROP INDEX articles_id_published;

DROP TRIGGER articles_redate;
CREATE TRIGGER articles_redate AFTER UPDATE OF published ON articles BEGIN
    UPDATE actor_roles SET seen_on = new.published WHERE article_id = new.id;
    UPDATE mentions SET published = new.published WHERE article_id = new.id;
    UPDATE quotes SET published = new.published WHERE article_id = new.id;
    UPDATE date_mentions SET published = new.published WHERE article_id = new.id;
    UPDATE event_participants SET published = new.published
     WHERE event_id IN (SELECT id FROM events WHERE article_id = new.id);
END;
