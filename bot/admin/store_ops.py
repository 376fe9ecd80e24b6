"""Admin operations on the store (delete, redate, alias, re-parse, stats), for the cogs and the
CLI alike: each returns plain data for the renderers, or raises a BriefbotError shown as is."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from bot.answers import AliasAdded, Deleted, Redated, Reparse
from bot.errors import NotFound

if TYPE_CHECKING:
    from bot.ingestion import Ingestor
    from storage.rows import StoreStats
    from storage.store import Store


async def delete(store: Store, article_id: int) -> Deleted:
    """Delete an article and everything parsed from it; NotFound if there is none."""
    if not await store.delete_article(article_id):
        raise NotFound(f"No article #{article_id}.")
    return Deleted(article_id)


async def redate(ingestor: Ingestor, article_id: int, published: date) -> Redated:
    """Give an article a publication date and re-resolve its relative dates; NotFound if there
    is no such article."""
    row = await ingestor.store.article_row(article_id)
    if row is None:
        raise NotFound(f"No article #{article_id}.")
    before = await _resolved_dates(ingestor.store, article_id)
    await ingestor.redate(article_id, published)
    after = await _resolved_dates(ingestor.store, article_id)
    changed = sum(old != new for old, new in zip(before, after, strict=False))
    changed += abs(len(before) - len(after))
    return Redated(article_id, row.title, published, row.published, changed)


async def _resolved_dates(store: Store, article_id: int) -> list[tuple[date | None, date | None]]:
    """The interval each date mention of the article resolves to, in text order."""
    mentions = (await store.dates_of([article_id])).get(article_id, [])
    return [(mention.start, mention.end) for mention in mentions]


async def add_alias(store: Store, actor: str, alias: str) -> AliasAdded:
    """Record `alias` for `actor` (merging an actor of that name) and find the articles to
    re-parse: those holding the alias or any spelling of the actor, through the full-text
    index. Re-parse them with `reparse`."""
    result = await store.add_alias(actor, alias)
    spellings = await store.actor_spellings(result.actor)
    article_ids = await store.articles_containing([result.alias, *spellings])
    return AliasAdded(result.actor, result.alias, result.merged, article_ids)


async def reparse(ingestor: Ingestor, job: Reparse) -> Reparse:
    """Re-parse the articles of `job.added`, counting them in `job` as they are stored (so a
    job cut short tells how far it got)."""
    async for _ in ingestor.reparse(job.added.article_ids):
        job.done += 1
    job.finished = True
    return job


async def stats(store: Store) -> StoreStats:
    """What the store holds."""
    return await store.stats()
