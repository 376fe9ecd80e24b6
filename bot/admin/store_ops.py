"""Admin operations on the store (delete, redate, alias, re-parse, stats), for the cogs and the
CLI alike: each returns plain data for the renderers, or raises a BriefbotError shown as is."""

from __future__ import annotations

import unicodedata
from datetime import date
from typing import TYPE_CHECKING

from bot.answers import AliasAdded, Deleted, Redated, Reparse
from bot.errors import BadQuery, NotFound
from bot.normalize import norm

if TYPE_CHECKING:
    from bot.ingestion import Ingestor
    from storage.rows import StoreStats
    from storage.store import Store

ALIAS_MAX = 100  # characters of an alias; /store alias takes no more either
# Marks a name may hold besides letters, digits and spaces (U.S., O'Neil, al-Sudani, AT&T),
# typographic apostrophes and hyphens included
NAME_MARKS = ".'’‘ʼ-‐–&"
_ZWNJ = "\u200c"  # the zero-width non-joiner of Persian and Kurdish spellings


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
    index. Re-parse them with `reparse`. An alias that cannot be a name is refused
    (`checked_alias`)."""
    alias = checked_alias(alias)
    if not norm(actor):
        raise BadQuery("Give an actor name.")
    result = await store.add_alias(actor, alias)
    spellings = await store.actor_spellings(result.actor)
    article_ids = await store.articles_containing([result.alias, *spellings])
    return AliasAdded(result.actor, result.alias, result.merged, article_ids)


def checked_alias(alias: str) -> str:
    """`alias` on one line, if it can be the name of an actor: at most `ALIAS_MAX`
    characters, with a letter, and only letters, digits, spaces and `NAME_MARKS`. Otherwise
    BadQuery saying why (so no @everyone, mention, emoji, punctuation or 500-character alias)."""
    line = " ".join(alias.split())
    if not line:
        raise BadQuery("Give an alias.")
    if len(line) > ALIAS_MAX:
        raise BadQuery(f"An alias has at most {ALIAS_MAX} characters; this one has {len(line)}.")
    odd = next((char for char in line if not _in_name(char)), None)
    if odd is not None:
        raise BadQuery(
            f"An alias is a name: letters, digits, spaces and . ' - & only, not {_shown(odd)}."
        )
    if not any(char.isalpha() for char in line):
        raise BadQuery(f"An alias needs a letter; '{line}' has none.")
    return line


def _in_name(char: str) -> bool:
    return char in NAME_MARKS or char in " " + _ZWNJ or unicodedata.category(char)[0] in "LMN"


def _shown(char: str) -> str:
    """A refused character as the message names it: itself, or its code point if invisible."""
    return f"'{char}'" if char.isprintable() else f"U+{ord(char):04X}"


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
