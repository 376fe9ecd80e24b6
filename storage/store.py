"""`Store`: the one object the rest of briefbot uses to reach the database."""

from __future__ import annotations

from storage.actor_queries import ActorQueries
from storage.article_queries import ArticleQueries
from storage.feed_queries import FeedQueries
from storage.knowledge import Knowledge
from storage.meta import Meta
from storage.subscription_queries import Subscriptions
from storage.watch_queries import WatchQueries
from storage.window_queries import WindowQueries
from storage.writes import Writes


class Store(
    Writes,
    Knowledge,
    FeedQueries,
    Meta,
    Subscriptions,
    WatchQueries,
    WindowQueries,
    ActorQueries,
    ArticleQueries,
):
    """The embedded SQLite store: `async with await Store.open(path) as store: ...`.

    Writes are serialised transactions on one connection; reads run on a second, read-only
    connection and see committed data only (WAL).
    """
