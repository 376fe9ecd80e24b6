-- A digest with nothing new is skipped unless its subscription asks for it (post_empty);
-- and the moment up to which a subscription's slots are handled (posted, skipped as empty,
-- or before it was set up or last changed), from which a restart counts missed slots.
ALTER TABLE subscriptions ADD COLUMN post_empty INTEGER NOT NULL DEFAULT 0
    CHECK (post_empty IN (0, 1));
ALTER TABLE subscriptions ADD COLUMN handled_until TEXT NOT NULL DEFAULT '';
UPDATE subscriptions SET handled_until = coalesce(last_sent_at, created_at);
