-- A covering index of each article's publication date by id: queries that join many rows
-- (date mentions, events) to their article only to order by its date read this small index
-- (`INDEXED BY articles_id_published`) instead of the wide article rows, text and all.
CREATE INDEX IF NOT EXISTS articles_id_published ON articles (id, published);
